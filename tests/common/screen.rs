//! The real binary in a pseudo-terminal, its output fed to a terminal emulator (vt100), so a
//! test can assert on the visible grid as the learner sees it.
//!
//! ```ignore
//! mod common;
//! use common::screen::*;
//! use common::*;
//!
//! let sb = Sandbox::new();
//! let mut sc = Screen::start(&sb, 80, 24, &["sessions"]);
//! sc.wait("What next?");
//! sc.assert_no_row_too_wide();
//! sc.send(ESC);
//! assert_eq!(sc.finish(), 0);
//! ```
#![allow(dead_code)]

use super::{Sandbox, BIN};
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as PtySession;
use expectrl::{Expect, Session};
use std::process::Command;
use std::time::{Duration, Instant};

pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const LEFT: &str = "\x1b[D";
pub const HOME: &str = "\x1b[H";
pub const END: &str = "\x1b[F";
pub const PAGE_UP: &str = "\x1b[5~";
pub const PAGE_DOWN: &str = "\x1b[6~";
pub const ESC: &str = "\x1b";
pub const ENTER: &str = "\r";
pub const CTRL_C: &str = "\x03";
pub const CTRL_D: &str = "\x04";

/// How long a wait may take before the test fails with the screen: long, because a busy
/// machine (many test binaries at once, on two cores) can make one debug build's screen take
/// seconds; a test that passes never waits for it.
pub const PATIENCE: Duration = Duration::from_secs(90);

/// Whether the program's main thread sleeps waiting for input: in `poll` on one descriptor
/// (the screens' wait for a key) or in `read` on the standard input (a line prompt), and not
/// woken (a woken thread still in the call is runnable, not sleeping). `None` where the
/// kernel does not say (no `/proc/PID/syscall`).
fn waiting_for_input(pid: i32) -> Option<bool> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let state = stat.rsplit_once(')')?.1.split_whitespace().next()?;
    let text = std::fs::read_to_string(format!("/proc/{pid}/syscall")).ok()?;
    if state != "S" {
        return Some(false);
    }
    let mut fields = text.split_whitespace();
    let number = fields.next()?;
    let first = fields.next().unwrap_or("");
    let second = fields.next().unwrap_or("");
    Some(match number {
        // poll(fds, 1, timeout), ppoll(fds, 1, …)
        "7" | "271" => second == "0x1",
        // read(0, …)
        "0" => first == "0x0",
        _ => false,
    })
}

/// A program on a screen of `cols`×`rows`.
pub struct Screen {
    pub s: PtySession,
    pub vt: vt100::Parser,
    /// Every byte the program wrote, for the few checks on the stream itself.
    pub raw: Vec<u8>,
}

impl Screen {
    /// `learn ARGS…` with the sandbox's data directory.
    pub fn start(sb: &Sandbox, cols: u16, rows: u16, args: &[&str]) -> Screen {
        Screen::start_with(sb, cols, rows, Command::new(BIN), args)
    }

    /// The same with the clock set: `LEARN_NOW=now`.
    pub fn start_at(sb: &Sandbox, cols: u16, rows: u16, args: &[&str], now: &str) -> Screen {
        let mut cmd = Command::new(BIN);
        cmd.env("LEARN_NOW", now);
        Screen::start_with(sb, cols, rows, cmd, args)
    }

    /// The same through `sh -c 'learn ARGS 2>/dev/null'`: stderr is not the terminal.
    pub fn start_without_stderr(sb: &Sandbox, cols: u16, rows: u16, args: &[&str]) -> Screen {
        let mut sh = Command::new("sh");
        sh.arg("-c").arg("exec \"$0\" \"$@\" 2>/dev/null").arg(BIN);
        Screen::start_with(sb, cols, rows, sh, args)
    }

    /// Any command (environment already set as the caller wants) with `args` appended, the
    /// sandbox's data directory, a colour terminal and the bundled content.
    pub fn start_with(
        sb: &Sandbox,
        cols: u16,
        rows: u16,
        mut cmd: Command,
        args: &[&str],
    ) -> Screen {
        cmd.args(args)
            .env("LEARN_DATA_DIR", sb.data())
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("LEARN_CONTENT_DIR");
        let mut s = Session::spawn(cmd).expect("spawn in a pty");
        s.get_process_mut().set_window_size(cols, rows).unwrap();
        Screen {
            s,
            vt: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
        }
    }

    /// Reads what the program wrote so far.
    pub fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        loop {
            match self.s.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    self.vt.process(&buf[..n]);
                    self.raw.extend_from_slice(&buf[..n]);
                    // Answer "where is the cursor?" as a terminal does (the line editor asks).
                    let asks = buf[..n].windows(4).filter(|w| w == b"\x1b[6n").count();
                    for _ in 0..asks {
                        let (row, col) = self.vt.screen().cursor_position();
                        let answer = format!("\x1b[{};{}R", row + 1, col + 1);
                        let _ = self.s.send(answer);
                    }
                }
                Err(_) => break,
            }
        }
    }

    /// The visible grid as text, one line a row.
    pub fn text(&self) -> String {
        self.vt.screen().contents()
    }

    /// The visible rows, trailing blanks removed.
    pub fn rows(&self) -> Vec<String> {
        let screen = self.vt.screen();
        let (_, cols) = screen.size();
        screen
            .rows(0, cols)
            .map(|r| r.trim_end().to_owned())
            .collect()
    }

    /// Waits until `what` is visible on the grid ([`PATIENCE`] at most, then panics with the
    /// screen).
    pub fn wait(&mut self, what: &str) {
        let start = Instant::now();
        loop {
            self.pump();
            if self.text().contains(what) {
                return;
            }
            if start.elapsed() > PATIENCE {
                panic!("not on the screen: {what:?}\n---\n{}\n---", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until `what` is no longer visible.
    pub fn wait_gone(&mut self, what: &str) {
        let start = Instant::now();
        loop {
            self.pump();
            if !self.text().contains(what) {
                return;
            }
            if start.elapsed() > PATIENCE {
                panic!("still on the screen: {what:?}\n---\n{}\n---", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Lets the program draw after a key, then reads it: at least 300 ms, and then until the
    /// program is back waiting for input (seen twice in a row, so not a poll that is about to
    /// return with a key already there), however long a busy machine makes that.
    pub fn settle(&mut self) {
        std::thread::sleep(Duration::from_millis(300));
        self.pump();
        let pid = self.s.get_process().pid().as_raw();
        let start = Instant::now();
        let mut seen = 0;
        while seen < 2 && start.elapsed() < PATIENCE {
            match waiting_for_input(pid) {
                None => break,
                Some(true) => seen += 1,
                Some(false) => seen = 0,
            }
            std::thread::sleep(Duration::from_millis(20));
            self.pump();
        }
        self.pump();
    }

    pub fn send(&mut self, keys: &str) {
        self.s.send(keys).unwrap();
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.s
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        self.vt.screen_mut().set_size(rows, cols);
    }

    /// No row ran into the next one (the program never relies on the terminal's wrapping).
    pub fn assert_no_row_too_wide(&self) {
        let screen = self.vt.screen();
        let (rows, _) = screen.size();
        for r in 0..rows {
            assert!(
                !screen.row_wrapped(r),
                "row {r} is wider than the window:\n{}",
                self.text()
            );
        }
    }

    /// Waits for the end; the exit code (128 + the signal's number when a signal ended it).
    pub fn finish(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            self.pump();
            match self.s.get_process().status().ok() {
                Some(WaitStatus::Exited(_, code)) => {
                    self.pump();
                    return code;
                }
                Some(WaitStatus::Signaled(_, sig, _)) => {
                    self.pump();
                    return 128 + sig as i32;
                }
                _ => {}
            }
            if start.elapsed() > PATIENCE {
                panic!("the program did not end:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}
