//! The screen layer: one loop that owns the terminal while a full-screen view is shown.
//!
//! A [`Screen`] describes what to show (a header, a body of lines, the keys valid now) and
//! what a key does. [`run`] draws it on the alternate screen: the header on the first row,
//! the body below it, scrolled when it is taller than the window, a message row and the
//! footer on the last row. The footer and the `?` help are both made from the screen's
//! [`Hint`]s, so they never disagree with what the keys do. The loop redraws on every key and
//! on every resize, cuts any line that would be wider than the window, and handles the keys
//! every screen shares: ↑/↓ (j/k), PgUp/PgDn, Home/End and Space scroll the body, `?` shows
//! the keys, Ctrl-C leaves the program.
//!
//! The terminal is put back (main screen, visible cursor, line mode) on every way out: a
//! normal return, an error, a panic (a hook), Ctrl-C, SIGTERM and SIGHUP (signal handlers).

use super::keys::next_key;
use super::style::Styles;
use console::{Key, Term};
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

/// One key (or a group of keys) and what it does, for the footer and the `?` help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub what: String,
    /// Kept in the footer when not every hint fits (the keys a screen cannot do without,
    /// such as a card's four ratings or the way back).
    pub keep: bool,
}

/// A hint: `hint("Enter", "next page")`.
pub fn hint(keys: &str, what: &str) -> Hint {
    Hint {
        keys: keys.to_owned(),
        what: what.to_owned(),
        keep: false,
    }
}

impl Hint {
    /// This hint stays in the footer when others have to go.
    pub fn kept(mut self) -> Hint {
        self.keep = true;
        self
    }
}

/// What a key did.
pub enum Outcome<T> {
    /// The key was used; draw again.
    Stay,
    /// The screen does not use this key: the loop may (scrolling, `?`).
    Ignored,
    /// The screen is finished, with its result.
    Done(T),
}

/// What the loop tells a screen when it handles a key, and what the screen may ask of it.
pub struct Ctx<'a> {
    /// The terminal, to show another screen on top of this one (a confirmation, a detail).
    pub tty: &'a mut Tty,
    /// Whether the last line of the body is on the screen.
    pub at_bottom: bool,
    /// Rows the body has.
    pub rows: usize,
    /// Set by the screen when its body changed for good (a new page): scroll back to the top.
    pub to_top: bool,
    /// Set by the screen to scroll the body by a page (down when positive).
    pub page: i32,
}

/// A full-screen view. To add one: implement this trait (see `Confirm` below for the smallest
/// example) and call [`run`] with it; the loop does the drawing, scrolling, resizing and help.
pub trait Screen {
    type Output;
    /// One line that says where the learner is.
    fn header(&self) -> String;
    /// The body for this width (styled lines). Lines wider than `width` are cut by the loop,
    /// so wrap them with `render::wrap`.
    fn body(&mut self, width: usize) -> Vec<String>;
    /// The keys valid now, most important first (the footer shows as many as fit).
    fn keys(&self, at_bottom: bool) -> Vec<Hint>;
    /// What a key does.
    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<Self::Output>>;
    /// Lines kept under the header while the body scrolls (a question's prompt), at most
    /// half the window.
    fn pinned(&mut self, _width: usize) -> Vec<String> {
        Vec::new()
    }
    /// Whether ↑/↓ move a cursor here (then PgUp/PgDn scroll, and the footer says so).
    fn uses_arrows(&self) -> bool {
        false
    }
    /// A body line that must be in view (a cursor), if any.
    fn focus(&self) -> Option<usize> {
        None
    }
    /// A one-time message shown above the footer (taken: it shows once).
    fn message(&mut self) -> Option<String> {
        None
    }
    /// Called after each draw with whether the body's last line was on the screen.
    fn drawn(&mut self, _at_bottom: bool) {}
    /// What Esc does when the screen ignores it. Screens that are left with Esc return a
    /// value here; `None` ignores the key.
    fn on_escape(&mut self) -> Option<Self::Output> {
        None
    }
}

/// Whether the alternate screen is on (read by the signal handlers and the panic hook).
static ALT: AtomicBool = AtomicBool::new(false);

/// The terminal full-screen views are drawn on (the standard output, a terminal).
pub struct Tty {
    term: Term,
    pub styles: Styles,
}

impl Tty {
    /// Takes the terminal over for full-screen views (the alternate screen, no cursor).
    pub fn new(styles: Styles) -> Tty {
        install_restorers();
        Tty {
            term: Term::stdout(),
            styles,
        }
    }

    fn enter(&self) {
        if !ALT.swap(true, Ordering::SeqCst) {
            raw_write(b"\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J");
        }
        super::keys::hold_quiet();
    }

    /// Back to the main screen (for line-based parts, such as the sandbox, and at the end).
    pub fn leave(&self) {
        leave_alternate();
    }

    /// Rows and columns.
    pub fn size(&self) -> (usize, usize) {
        let (r, c) = self.term.size();
        (r as usize, c as usize)
    }

    fn paint(&self, rows: &[String]) -> io::Result<()> {
        let mut buf = String::from("\x1b[?25l");
        for (i, row) in rows.iter().enumerate() {
            buf.push_str(&format!("\x1b[{};1H{row}\x1b[0m\x1b[K", i + 1));
        }
        use io::Write;
        let mut out = io::stdout().lock();
        out.write_all(buf.as_bytes())?;
        out.flush()
    }
}

/// Puts the main screen back, the cursor on and the terminal's own settings (echo, line
/// mode); safe to call more than once, from anywhere.
pub fn leave_alternate() {
    if ALT.swap(false, Ordering::SeqCst) {
        raw_write(b"\x1b[0m\x1b[?1049l");
    }
    raw_write(b"\x1b[?25h");
    super::keys::restore_terminal();
}

/// Everything a way out must undo: the alternate screen, the hidden cursor, the key mode.
pub fn restore() {
    leave_alternate();
    super::keys::restore_terminal();
}

/// Writes straight to the standard output's descriptor: no lock, so a signal handler or a
/// panic in the middle of a draw can still use it.
fn raw_write(bytes: &[u8]) {
    #[cfg(unix)]
    {
        // SAFETY: write(2) on fd 1 with a valid buffer; the result is ignored on purpose
        // (a closed terminal has nothing left to restore).
        unsafe {
            let _ = libc::write(1, bytes.as_ptr().cast(), bytes.len());
        }
    }
    #[cfg(not(unix))]
    {
        use io::Write;
        let _ = io::stdout().write_all(bytes);
    }
}

/// Makes every way out put the terminal back: the panic hook and the SIGTERM/SIGHUP handlers.
/// Called once the mode is known to be interactive.
pub fn install_restorers() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        super::keys::remember_terminal();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        #[cfg(unix)]
        signals::install();
    });
}

#[cfg(unix)]
mod signals {
    /// SIGTERM and SIGHUP: put the terminal back, then die of the same signal, so the parent
    /// sees the usual status. Only async-signal-safe calls: write, tcsetattr, signal, raise.
    extern "C" fn on_signal(sig: libc::c_int) {
        super::restore_from_signal();
        // SAFETY: resetting the disposition and re-raising are async-signal-safe.
        unsafe {
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }

    pub fn install() {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: installing a handler that only makes async-signal-safe calls.
        unsafe {
            libc::signal(libc::SIGTERM, handler);
            libc::signal(libc::SIGHUP, handler);
        }
    }

    /// SIGINT (Ctrl-C wherever keys are not read one at a time): the terminal put back, a
    /// new line, exit 130, as [`crate::ui::interrupted`] does. The handler runs in the
    /// interrupted thread, so no thread waits for the signal. Only async-signal-safe calls:
    /// write, tcsetattr, _exit.
    extern "C" fn on_interrupt(_: libc::c_int) {
        super::restore_from_signal();
        super::raw_write(b"\n");
        // SAFETY: _exit is async-signal-safe. Progress needs no saving here: every change
        // was saved when it happened.
        unsafe { libc::_exit(130) }
    }

    pub fn install_interrupt() {
        let handler = on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: installing a handler that only makes async-signal-safe calls.
        unsafe {
            libc::signal(libc::SIGINT, handler);
        }
    }
}

/// Installs the Ctrl-C handler of [`crate::ui::install_interrupt_handler`].
#[cfg(unix)]
pub fn install_interrupt() {
    signals::install_interrupt();
}

#[cfg(unix)]
fn restore_from_signal() {
    if ALT.swap(false, Ordering::SeqCst) {
        raw_write(b"\x1b[0m\x1b[?1049l");
    }
    raw_write(b"\x1b[?25h");
    super::keys::restore_original_from_signal();
}

/// The rows of the window for a screen, its footer made to fit.
struct Layout {
    header: String,
    body: Vec<String>,
    /// A notice from the screen before, wrapped.
    notes: Vec<String>,
    /// The screen's message, wrapped (at most two rows).
    message: Vec<String>,
    footer: String,
}

/// The footer: the hints that fit, in order, and `? all keys` when some did not. When not
/// all fit, the kept hints come first, then the others in order, each one that still fits.
pub fn footer_line(hints: &[Hint], width: usize) -> String {
    let parts: Vec<String> = hints
        .iter()
        .map(|h| format!("{} {}", h.keys, h.what))
        .collect();
    let all = parts.join(" · ");
    if console::measure_text_width(&all) <= width {
        return all;
    }
    let more = "? all keys";
    // "? all keys" stands for the screen's own `?` hint.
    let parts: Vec<String> = parts
        .into_iter()
        .zip(hints)
        .map(|(p, h)| if h.keys == "?" { String::new() } else { p })
        .collect();
    let sep = 3; // " · "
    let room = width.saturating_sub(sep + more.len());
    let used = |chosen: &[bool]| {
        let ws: Vec<usize> = parts
            .iter()
            .zip(chosen)
            .filter(|(_, c)| **c)
            .map(|(p, _)| console::measure_text_width(p))
            .collect();
        ws.iter().sum::<usize>() + sep * ws.len().saturating_sub(1)
    };
    let mut chosen: Vec<bool> = hints.iter().map(|h| h.keep).collect();
    let skip: Vec<bool> = parts.iter().map(String::is_empty).collect();
    if used(&chosen) > room {
        // The kept ones alone do not fit: the leading hints that do.
        chosen = vec![false; hints.len()];
        for i in 0..hints.len() {
            if skip[i] {
                continue;
            }
            chosen[i] = true;
            if used(&chosen) > room {
                chosen[i] = false;
                break;
            }
        }
    } else {
        for i in 0..hints.len() {
            if !chosen[i] && !skip[i] {
                chosen[i] = true;
                if used(&chosen) > room {
                    chosen[i] = false;
                }
            }
        }
    }
    let shown: Vec<&str> = parts
        .iter()
        .zip(&chosen)
        .filter(|(_, c)| **c)
        .map(|(p, _)| p.as_str())
        .collect();
    if shown.is_empty() {
        console::truncate_str(more, width, "").into_owned()
    } else {
        format!("{} · {more}", shown.join(" · "))
    }
}

/// A line for the next screen shown (see [`notice_next`]).
static NOTICE: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Shows `text` above the footer of the next screen [`run`] draws, until its first key: what
/// happened on the screen before (review's "Rated Good: next time in 2 days.").
pub fn notice_next(text: String) {
    if let Ok(mut n) = NOTICE.lock() {
        *n = Some(text);
    }
}

/// Drops a notice no screen has shown yet.
pub fn clear_notice() {
    if let Ok(mut n) = NOTICE.lock() {
        *n = None;
    }
}

/// Shows `screen` until it is done. Ctrl-C leaves the program (exit 130).
pub fn run<S: Screen>(tty: &mut Tty, screen: &mut S) -> io::Result<S::Output> {
    tty.enter();
    let mut notice = NOTICE.lock().ok().and_then(|mut n| n.take());
    let mut scroll = 0usize;
    let mut size = tty.term.size();
    let mut help = false;
    loop {
        let (rows, cols) = tty.size();
        let cols = cols.max(1);
        let width = cols;
        let mut body = screen.body(width);
        let focus = screen.focus();
        if focus.is_none() && body.iter().any(|l| console::measure_text_width(l) > width) {
            // Lines too wide continue on the next row rather than being cut.
            body = body
                .iter()
                .flat_map(|l| {
                    if console::measure_text_width(l) > width {
                        super::render::wrap(l, width, "", "  ")
                    } else {
                        vec![l.clone()]
                    }
                })
                .collect();
        }
        // A message longer than the window goes on a second row rather than being cut.
        let mut message: Vec<String> = screen
            .message()
            .map(|m| super::render::wrap_words(&m, width, "", "  "))
            .unwrap_or_default();
        message.truncate(2);
        let mut notes: Vec<String> = notice
            .as_deref()
            .map(|n| super::render::wrap_words(n, width, "", "  "))
            .unwrap_or_default();
        notes.truncate(rows.saturating_sub(3) / 2);
        let mut pinned = screen.pinned(width);
        pinned.truncate(rows.saturating_sub(3) / 2);
        // Rows: the header, the pinned lines, the body, an optional notice and message, and
        // the footer.
        let fixed = 2 + message.len() + notes.len() + pinned.len();
        let room = rows.saturating_sub(fixed).max(usize::from(rows > fixed));
        let max_scroll = body.len().saturating_sub(room);
        if let Some(f) = focus {
            if f < scroll {
                scroll = f;
            } else if room > 0 && f >= scroll + room {
                scroll = f + 1 - room;
            }
        }
        scroll = scroll.min(max_scroll);
        let at_bottom = scroll >= max_scroll;
        let mut hints = screen.keys(at_bottom);
        if max_scroll > 0 {
            let what = match (scroll > 0, scroll < max_scroll) {
                (true, true) => "more above, below",
                (false, _) => "more below",
                (true, false) => "more above",
            };
            if screen.uses_arrows() {
                // Where ↑/↓ move a cursor, the cursor may sit on the only line in view of a
                // list that goes on (a quiz's option A at 60×20): this hint is kept, named
                // by the one key that goes that way, before the screen's last key (a list's
                // "open by number").
                let keys = match (scroll > 0, scroll < max_scroll) {
                    (true, true) => "PgUp/PgDn",
                    (false, _) => "PgDn",
                    (true, false) => "PgUp",
                };
                let at = hints.len().saturating_sub(1);
                hints.insert(at, hint(keys, what).kept());
            } else {
                // Second, after the main key.
                hints.insert(hints.len().min(1), hint("↑/↓", what));
            }
        }
        hints.push(hint("?", "keys"));
        let layout = if help {
            let mut lines = vec![tty
                .styles
                .strong
                .apply_to("Keys on this screen")
                .to_string()];
            for h in &hints {
                lines.extend(super::render::wrap(
                    &format!("{:<12} {}", h.keys, h.what),
                    width,
                    "  ",
                    &" ".repeat(15),
                ));
            }
            lines.push(String::new());
            // Where ↑/↓ move a cursor, they do not scroll: say only what does.
            let general = if screen.uses_arrows() {
                "On every screen: PgUp/PgDn scroll a page, Ctrl-C leaves the program; where ↑/↓ choose, they scroll to what they choose."
            } else {
                "On every screen: ↑/↓ or j/k scroll a line, PgUp/PgDn or Space a page, Home/End go to the top or the bottom, Ctrl-C leaves the program."
            };
            lines.extend(super::render::wrap(general, width, "  ", "  "));
            Layout {
                header: screen.header(),
                body: lines,
                notes: Vec::new(),
                message: Vec::new(),
                footer: "any key: back".into(),
            }
        } else {
            Layout {
                header: screen.header(),
                body: pinned
                    .iter()
                    .chain(body.iter().skip(scroll).take(room))
                    .cloned()
                    .collect(),
                notes,
                message,
                footer: footer_line(&hints, width),
            }
        };
        let mut out = Vec::with_capacity(rows);
        let fit = |l: &str| console::truncate_str(l, width, "").into_owned();
        if rows >= 1 {
            out.push(fit(&tty
                .styles
                .heading
                .apply_to(&layout.header)
                .to_string()));
        }
        let body_rows = rows
            .saturating_sub(2 + layout.message.len() + layout.notes.len())
            .max(if rows > 2 { 1 } else { 0 });
        for i in 0..body_rows {
            out.push(layout.body.get(i).map_or(String::new(), |l| fit(l)));
        }
        for n in &layout.notes {
            if out.len() + 1 < rows {
                out.push(fit(&tty.styles.tip.apply_to(n).to_string()));
            }
        }
        for m in &layout.message {
            if out.len() + 1 < rows {
                out.push(fit(&tty.styles.warning.apply_to(m).to_string()));
            }
        }
        while out.len() + 1 < rows {
            out.push(String::new());
        }
        if rows >= 2 {
            out.push(fit(&tty.styles.dim.apply_to(&layout.footer).to_string()));
        }
        out.truncate(rows);
        tty.paint(&out)?;
        screen.drawn(at_bottom);

        let Some(key) = next_key(&tty.term, &mut size)? else {
            continue;
        };
        // The notice was read: the key makes room for the screen.
        notice = None;
        if help {
            help = false;
            continue;
        }
        if key == Key::CtrlC {
            super::interrupted();
        }
        let mut ctx = Ctx {
            tty,
            at_bottom,
            rows: room,
            to_top: false,
            page: 0,
        };
        let outcome = screen.handle(&key, &mut ctx)?;
        let (to_top, page) = (ctx.to_top, ctx.page);
        tty.enter();
        if to_top {
            scroll = 0;
        }
        if page != 0 {
            scroll = if page > 0 {
                (scroll + room.max(1)).min(max_scroll)
            } else {
                scroll.saturating_sub(room.max(1))
            };
        }
        match outcome {
            Outcome::Done(v) => return Ok(v),
            Outcome::Stay => {}
            Outcome::Ignored => match key {
                Key::ArrowDown | Key::Char('j') => scroll = (scroll + 1).min(max_scroll),
                Key::ArrowUp | Key::Char('k') => scroll = scroll.saturating_sub(1),
                Key::PageDown | Key::Char(' ') => scroll = (scroll + room.max(1)).min(max_scroll),
                Key::PageUp => scroll = scroll.saturating_sub(room.max(1)),
                Key::Home => scroll = 0,
                Key::End => scroll = max_scroll,
                Key::Char('?') => help = true,
                Key::Escape => {
                    if let Some(v) = screen.on_escape() {
                        return Ok(v);
                    }
                }
                _ => {}
            },
        }
    }
}

/// A yes/no question on a screen of its own: `y` is yes; `n`, Esc and Enter are no.
pub struct Confirm {
    pub title: String,
    pub question: String,
}

impl Screen for Confirm {
    type Output = bool;
    fn header(&self) -> String {
        self.title.clone()
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let mut out = vec![String::new()];
        out.extend(super::render::wrap(&self.question, width, "", ""));
        out.push(String::new());
        out.push("[y/N]".into());
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        vec![hint("y", "yes"), hint("n/Esc/Enter", "no")]
    }
    fn handle(&mut self, key: &Key, _ctx: &mut Ctx) -> io::Result<Outcome<bool>> {
        Ok(match key {
            Key::Char('y' | 'Y') => Outcome::Done(true),
            Key::Char('n' | 'N') | Key::Enter => Outcome::Done(false),
            _ => Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<bool> {
        Some(false)
    }
}

/// Lines on a screen of their own (a detail, a summary), scrolled; Esc, q or Enter go back.
/// The lines are laid out for the window's width, and laid out again when it changes.
pub struct Lines<'a> {
    title: String,
    back: String,
    build: Box<dyn FnMut(usize) -> Vec<String> + 'a>,
    /// The lines made last and the width they were made for.
    made: Option<(usize, Vec<String>)>,
}

impl<'a> Lines<'a> {
    /// A screen whose lines `build` makes for a width (called again after a resize).
    pub fn new(
        title: impl Into<String>,
        back: impl Into<String>,
        build: impl FnMut(usize) -> Vec<String> + 'a,
    ) -> Lines<'a> {
        Lines {
            title: title.into(),
            back: back.into(),
            build: Box::new(build),
            made: None,
        }
    }

    /// A screen of paragraphs (a message, warnings), each wrapped to the window's width.
    pub fn text(
        title: impl Into<String>,
        back: impl Into<String>,
        paragraphs: Vec<String>,
    ) -> Lines<'a> {
        Lines::new(title, back, move |width| {
            paragraphs
                .iter()
                .flat_map(|p| super::render::wrap(p, super::render::text_width(width), "", "  "))
                .collect()
        })
    }
}

impl Screen for Lines<'_> {
    type Output = ();
    fn header(&self) -> String {
        self.title.clone()
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        match &self.made {
            Some((w, lines)) if *w == width => lines.clone(),
            _ => {
                let lines = (self.build)(width);
                self.made = Some((width, lines.clone()));
                lines
            }
        }
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        vec![hint("Enter/q/Esc", &self.back)]
    }
    fn handle(&mut self, key: &Key, _ctx: &mut Ctx) -> io::Result<Outcome<()>> {
        // Scrolling and help stay with the loop; any other key goes back.
        Ok(match key {
            Key::ArrowDown
            | Key::ArrowUp
            | Key::Char('j' | 'k' | ' ' | '?')
            | Key::PageDown
            | Key::PageUp
            | Key::Home
            | Key::End
            | Key::Escape => Outcome::Ignored,
            _ => Outcome::Done(()),
        })
    }
    fn on_escape(&mut self) -> Option<()> {
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_fits_and_says_when_keys_are_hidden() {
        let hints = vec![
            hint("Enter", "next page"),
            hint("←", "previous page"),
            hint("q", "back"),
        ];
        assert_eq!(
            footer_line(&hints, 80),
            "Enter next page · ← previous page · q back"
        );
        let short = footer_line(&hints, 30);
        assert!(console::measure_text_width(&short) <= 30, "{short}");
        assert!(short.ends_with("? all keys"), "{short}");
        assert!(console::measure_text_width(&footer_line(&hints, 5)) <= 5);
    }

    #[test]
    fn kept_hints_stay_when_others_go_and_one_help_key_is_shown() {
        let hints = vec![
            hint("1", "Again").kept(),
            hint("↑/↓", "more below"),
            hint("2", "Hard").kept(),
            hint("3", "Good").kept(),
            hint("4", "Easy").kept(),
            hint("q", "stop"),
            hint("?", "keys"),
        ];
        let f = footer_line(&hints, 60);
        assert_eq!(
            f,
            "1 Again · 2 Hard · 3 Good · 4 Easy · q stop · ? all keys"
        );
        assert!(console::measure_text_width(&f) <= 60);
        // Kept hints too long for the width: the leading ones that fit, still no overflow.
        let f = footer_line(&hints, 25);
        assert!(console::measure_text_width(&f) <= 25, "{f}");
        assert!(f.starts_with("1 Again"), "{f}");
        assert_eq!(f.matches('?').count(), 1, "{f}");
    }
}
