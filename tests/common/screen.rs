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

    /// Waits until `what` is visible on the grid (10 s at most, then panics with the screen).
    pub fn wait(&mut self, what: &str) {
        let start = Instant::now();
        loop {
            self.pump();
            if self.text().contains(what) {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
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
            if start.elapsed() > Duration::from_secs(10) {
                panic!("still on the screen: {what:?}\n---\n{}\n---", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Lets the program draw after a key, then reads it.
    pub fn settle(&mut self) {
        std::thread::sleep(Duration::from_millis(300));
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
            if start.elapsed() > Duration::from_secs(10) {
                panic!("the program did not end:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}
