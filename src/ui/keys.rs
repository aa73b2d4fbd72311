//! Reading single keys while noticing when the terminal is resized, so a screen can be drawn
//! again at the new width without waiting for a key.

use console::{Key, Term};
use std::io;

/// Waits for a key. Returns `None` as soon as the terminal's size changes (and updates
/// `size`), so the screen can be drawn again at the new size.
pub fn next_key(term: &Term, size: &mut (u16, u16)) -> io::Result<Option<Key>> {
    #[cfg(unix)]
    {
        let _quiet = unix::Quiet::enter();
        loop {
            if unix::stdin_ready(150)? {
                break;
            }
            if WAKE.swap(false, std::sync::atomic::Ordering::SeqCst) {
                return Ok(None);
            }
            let now = term.size();
            if now != *size {
                *size = now;
                return Ok(None);
            }
        }
    }
    let key = term.read_key()?;
    let now = term.size();
    if now != *size {
        *size = now;
    }
    Ok(Some(key))
}

static WAKE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes the wait for a key return soon without one (called from another thread, say when a
/// watched file changed), so the screen is drawn again.
pub fn wake() {
    WAKE.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Remembers the terminal's settings as they are now (at start-up), for every way out.
pub fn remember_terminal() {
    #[cfg(unix)]
    unix::remember();
}

/// Puts the terminal's settings back as they were at start-up (for the Ctrl-C path).
pub fn restore_terminal() {
    #[cfg(unix)]
    unix::restore();
}

/// Keeps keys unechoed and one at a time for as long as a full-screen view is shown (until
/// [`restore_terminal`]), not only while a key is awaited: a key pressed while the screen is
/// being drawn or a check runs would otherwise be echoed by the terminal onto the screen
/// (`^[[B` after the footer, or a row pushed past the window's edge), or taken apart by the
/// terminal's own line editing (Backspace, Ctrl-U) before the screen sees it.
pub fn hold_quiet() {
    #[cfg(unix)]
    unix::hold_quiet();
}

/// The same from a signal handler: only tcsetattr, which is async-signal-safe.
#[cfg(unix)]
pub fn restore_original_from_signal() {
    unix::restore();
}

#[cfg(unix)]
mod unix {
    use std::io;
    use std::sync::OnceLock;

    /// The settings at start-up; written once, before any handler that reads it exists.
    static ORIGINAL: OnceLock<libc::termios> = OnceLock::new();

    /// Whether [`hold_quiet`] has changed the settings (and [`restore`] must put them back).
    static HELD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    /// No echo, no line mode, until [`restore`].
    pub fn hold_quiet() {
        if HELD.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        // SAFETY: tcgetattr/tcsetattr on fd 0 with a properly sized, initialised struct.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) == 0 {
                let _ = ORIGINAL.set(t);
                t.c_lflag &= !(libc::ICANON | libc::ECHO);
                t.c_cc[libc::VMIN] = 1;
                t.c_cc[libc::VTIME] = 0;
                libc::tcsetattr(0, libc::TCSANOW, &t);
            }
        }
    }

    pub fn remember() {
        // SAFETY: tcgetattr on fd 0 with a properly sized, initialised struct.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) == 0 {
                let _ = ORIGINAL.set(t);
            }
        }
    }

    /// While alive, stdin delivers keys one at a time and does not echo them, so that
    /// waiting can notice a key without an Enter. Ctrl-C still raises SIGINT.
    pub struct Quiet(Option<libc::termios>);

    impl Quiet {
        pub fn enter() -> Quiet {
            // SAFETY: tcgetattr/tcsetattr on fd 0 with a properly sized, initialised struct.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(0, &mut t) == 0 {
                    let _ = ORIGINAL.set(t);
                    let mut quiet = t;
                    quiet.c_lflag &= !(libc::ICANON | libc::ECHO);
                    quiet.c_cc[libc::VMIN] = 1;
                    quiet.c_cc[libc::VTIME] = 0;
                    libc::tcsetattr(0, libc::TCSANOW, &quiet);
                    return Quiet(Some(t));
                }
            }
            Quiet(None)
        }
    }

    impl Drop for Quiet {
        fn drop(&mut self) {
            if let Some(t) = &self.0 {
                // SAFETY: restores the attributes read earlier from the same fd.
                unsafe {
                    libc::tcsetattr(0, libc::TCSANOW, t);
                }
            }
        }
    }

    /// Back to the settings at start-up (a no-op when they were never changed).
    /// Async-signal-safe: an atomic store and tcsetattr.
    pub fn restore() {
        HELD.store(false, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = ORIGINAL.get() {
            // SAFETY: restores the attributes read earlier from the same fd.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, t);
            }
        }
    }

    /// Whether stdin has input within `ms` milliseconds.
    pub fn stdin_ready(ms: i32) -> io::Result<bool> {
        let mut fd = libc::pollfd {
            fd: 0,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut fd, 1, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                return Ok(false);
            }
            return Err(e);
        }
        Ok(n > 0)
    }
}
