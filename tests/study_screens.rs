//! The study activities in a pseudo-terminal: the cheat sheet and the flashcards as screens,
//! review and explain-it as typed lines on the normal screen, reached from the menu too.
#![cfg(unix)]
#![allow(dead_code)]

mod common;
use common::*;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as PtySession;
use expectrl::{Expect, Session};
use std::process::Command;
use std::time::{Duration, Instant};

const NOW: &str = "2026-12-01T09:00:00Z";

/// A program on a screen of `cols`×`rows`.
struct Screen {
    s: PtySession,
    vt: vt100::Parser,
    /// Every byte the program wrote, for the few checks on the stream itself.
    raw: Vec<u8>,
}

impl Screen {
    fn start(sb: &Sandbox, cols: u16, rows: u16, args: &[&str], now: &str) -> Screen {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env("LEARN_DATA_DIR", sb.data())
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("LEARN_CONTENT_DIR")
            .env("LEARN_NOW", now);
        let mut s = Session::spawn(cmd).expect("spawn in a pty");
        s.get_process_mut().set_window_size(cols, rows).unwrap();
        Screen {
            s,
            vt: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
        }
    }

    /// Reads what the program wrote so far.
    fn pump(&mut self) {
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

    fn text(&self) -> String {
        self.vt.screen().contents()
    }

    /// Waits until `what` is visible on the grid.
    fn wait(&mut self, what: &str) {
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

    /// Lets the program draw after a key, then reads it.
    fn settle(&mut self) {
        std::thread::sleep(Duration::from_millis(300));
        self.pump();
    }

    fn send(&mut self, keys: &str) {
        self.s.send(keys).unwrap();
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.s
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        self.vt.screen_mut().set_size(rows, cols);
    }

    /// No row ran into the next one (the program never relies on the terminal's wrapping).
    fn assert_no_row_too_wide(&self) {
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

    /// Waits for the end; the exit code.
    fn finish(&mut self) -> i32 {
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

#[test]
fn the_cheat_sheet_is_a_screen_that_fits_and_leaves_cleanly() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions", "cheatsheet"], NOW);
    sc.wait("The API");
    sc.assert_no_row_too_wide();
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn review_in_a_terminal_rates_a_card_and_saves_it() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "read", "syntax"])
        .env("LEARN_NOW", NOW)
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut sc = Screen::start(&sb, 80, 24, &["sessions", "review"], NOW);
    sc.wait("press Enter to see it");
    sc.assert_no_row_too_wide();
    sc.send("\r");
    sc.wait("How well did you remember it?");
    assert!(sc.text().contains("Answer: "), "{}", sc.text());
    sc.send("1");
    sc.wait("2 of ");
    sc.wait("press Enter to see it");
    sc.send("q");
    sc.wait("Reviewed 1 of");
    assert_eq!(sc.finish(), 0);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("last_rating = \"again\""), "{saved}");
}

#[test]
fn the_menu_opens_the_flashcards_and_comes_back() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions"], NOW);
    sc.wait("What next?");
    sc.wait("Flashcards: browse all");
    let text = sc.text();
    let number = text
        .lines()
        .find(|l| l.contains("Flashcards: browse all"))
        .and_then(|l| {
            l.trim_start_matches(['❯', ' '])
                .split('.')
                .next()
                .map(str::to_owned)
        })
        .unwrap();
    sc.send(number.trim());
    sc.wait("Q: ");
    sc.assert_no_row_too_wide();
    sc.send("q");
    sc.wait("What next?");
    sc.send("\x1b");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn a_question_due_for_review_is_asked_on_the_quiz_screen() {
    let sb = Sandbox::new();
    // Answer the practice quiz's first question wrong: it is due again ten minutes later.
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .env("LEARN_NOW", NOW)
        .write_stdin("a\na\nb\na\nc\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut sc = Screen::start(
        &sb,
        80,
        24,
        &["sessions", "review", "--no-shuffle"],
        "2026-12-01T09:30:00Z",
    );
    sc.wait("Question 1 of 1");
    sc.assert_no_row_too_wide();
    sc.send("d");
    sc.wait("next question");
    sc.send("\r");
    sc.wait("Rated Good");
    sc.wait("Reviewed 1 of 1");
    assert_eq!(sc.finish(), 0);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("reviews = 2"), "{saved}");
}
