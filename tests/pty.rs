//! Real keys pressed in a real terminal (a pseudo-terminal), as a learner would.
#![cfg(unix)]

mod common;
use common::*;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as PtySession;
use expectrl::{Eof, Expect, Session};
use std::process::Command;
use std::time::Duration;

const DOWN: &str = "\x1b[B";

fn spawn(sb: &Sandbox, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("LEARN_DATA_DIR", sb.data())
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env_remove("LEARN_CONTENT_DIR");
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.get_process_mut().set_window_size(100, 40).unwrap();
    s.set_expect_timeout(Some(Duration::from_secs(10)));
    s
}

fn exit_code(s: &mut PtySession) -> i32 {
    match s.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("unexpected end: {other:?}"),
    }
}

/// The position of a question's right option, in authored order.
fn right_positions() -> Vec<usize> {
    practice()
        .questions
        .iter()
        .map(|q| q.options.iter().position(|o| o.id == q.answer).unwrap())
        .collect()
}

#[test]
fn arrow_keys_enter_and_a_hint_through_the_whole_quiz() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "quiz", "--no-shuffle"]);
    let hints = practice().questions[0].hints.len();
    for (n, right) in right_positions().into_iter().enumerate() {
        s.expect(format!("Question {} of 5", n + 1)).unwrap();
        if n == 0 {
            s.send("h").unwrap();
            s.expect(format!("Hint 1 of {hints}:")).unwrap();
        }
        if n % 2 == 0 {
            for _ in 0..right {
                s.send(DOWN).unwrap();
            }
            s.send("\r").unwrap();
        } else {
            let letter = (b'a' + right as u8) as char;
            s.send(letter.to_string()).unwrap();
        }
        s.expect("✓ Correct").unwrap();
        s.expect("Press any key").unwrap();
        s.send(" ").unwrap();
    }
    s.expect("Score: 5/5").unwrap();
    s.expect("hints used: 1").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&mut s), 0);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("finished = true"));
    assert!(saved.contains("hints_used = 1"));
}

#[test]
fn q_asks_before_leaving() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "quiz", "--no-shuffle"]);
    s.expect("Question 1 of 5").unwrap();
    s.send("q").unwrap();
    s.expect("Leave the quiz?").unwrap();
    s.send("n").unwrap();
    s.expect("Question 1 of 5").unwrap();
    s.send("d").unwrap();
    s.expect("✓ Correct").unwrap();
    s.send(" ").unwrap();
    s.expect("Question 2 of 5").unwrap();
    s.send("q").unwrap();
    s.expect("Leave the quiz?").unwrap();
    s.send("y").unwrap();
    s.expect("You left the quiz").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&mut s), 0);
    assert!(std::fs::read_to_string(sb.progress_file())
        .unwrap()
        .contains("correct = true"));
}

#[test]
fn ctrl_c_shows_the_cursor_keeps_progress_and_exits_130() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "quiz", "--no-shuffle"]);
    s.expect("Question 1 of 5").unwrap();
    s.send("d").unwrap();
    s.expect("Press any key").unwrap();
    s.send(" ").unwrap();
    s.expect("Question 2 of 5").unwrap();
    s.send("\x03").unwrap();
    let rest = s.expect(Eof).unwrap();
    let tail = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    let shown = tail.rfind("\x1b[?25h");
    let hidden = tail.rfind("\x1b[?25l");
    assert!(shown.is_some(), "cursor never shown again: {tail:?}");
    assert!(
        hidden.is_none() || shown > hidden,
        "cursor left hidden: {tail:?}"
    );
    assert_eq!(exit_code(&mut s), 130);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("question = \"purpose\""), "{saved}");
}

#[test]
fn ctrl_c_in_the_pager_exits_130_with_the_cursor_back() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "read"]);
    s.expect("page 1 of").unwrap();
    // Page 1 ends with its explain-it prompt, below the first screen: End, then Enter.
    s.send("\x1b[F").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.send("\r").unwrap();
    s.expect("page 2 of").unwrap();
    // A page counts as read once its end has been on the screen: End shows it.
    s.send("\x1b[F").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.send("\x03").unwrap();
    let rest = s.expect(Eof).unwrap();
    let tail = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    assert!(tail.contains("\x1b[?25h"), "{tail:?}");
    assert_eq!(exit_code(&mut s), 130);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("when-to-use"));
}

#[test]
fn the_pager_moves_with_keys_and_jumps_by_number() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "read"]);
    s.expect("page 1 of").unwrap();
    // → goes on once the page's end (its explain-it prompt) is on the screen.
    s.send("\x1b[F").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.send("\x1b[C").unwrap();
    s.expect("page 2 of").unwrap();
    s.send("b").unwrap();
    s.expect("page 1 of").unwrap();
    s.send("4").unwrap();
    s.expect("Go to page: 4").unwrap();
    s.send("\r").unwrap();
    s.expect("page 4 of").unwrap();
    s.send("q").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&mut s), 0);
}

#[test]
fn the_menu_leads_to_the_lesson_and_back() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions"]);
    s.expect("What next?").unwrap();
    // The lesson is entry 2, after the pretest.
    s.send("2").unwrap();
    s.expect("page 1 of").unwrap();
    // The page counts as read once its end is on the screen.
    s.send("\x1b[F").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.send("q").unwrap();
    let pages = learn::content::load(&learn::content::Source::Embedded)
        .unwrap()
        .topics[0]
        .pages
        .len();
    s.expect(format!("1 of {pages} pages read")).unwrap();
    s.send("\x1b").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&mut s), 0);
}

#[test]
fn the_stepper_walks_forwards_backwards_and_by_request() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "simulate", "cart-lost-append"]);
    s.expect("Request 1 of 7 · browser A · GET / · the browser sends it")
        .unwrap();
    s.send("\r").unwrap();
    s.expect("line 4 is about to run").unwrap();
    s.send("r").unwrap();
    s.expect("Request 2 of 7 · browser A · GET / · the browser sends it")
        .unwrap();
    s.send("n").unwrap();
    s.expect("line 8 is about to run").unwrap();
    s.send("n").unwrap();
    s.expect("(was [])").unwrap();
    s.send("s").unwrap();
    s.expect("the response arrives").unwrap();
    s.expect("(no Set-Cookie)").unwrap();
    s.send("\x1b[D").unwrap();
    s.expect("the middleware runs").unwrap();
    s.send("b").unwrap();
    s.expect("the view has finished").unwrap();
    s.send("q").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&mut s), 0);
}

#[test]
fn the_stepper_records_a_scenario_finished() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "simulate", "practice-q3-count"]);
    s.expect("Request 1 of 3").unwrap();
    for _ in 0..3 {
        s.send("r").unwrap();
    }
    s.send("s").unwrap();
    s.expect("Request 3 of 3 · browser B · GET / · the response arrives")
        .unwrap();
    s.send("q").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&mut s), 0);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("practice-q3-count"), "{saved}");
}

#[test]
fn the_sandbox_runs_statements_typed_with_history() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "sandbox"]);
    s.expect(">>>").unwrap();
    s.send("request.session['a'] = 1\r").unwrap();
    s.expect("modified: yes").unwrap();
    s.send(":send\r").unwrap();
    s.expect("Sent: request 1 → 200").unwrap();
    s.send("request.session['a']\r").unwrap();
    s.expect("\r\n1\r\n").unwrap();
    // Up twice brings back ":send".
    s.send("\x1b[A").unwrap();
    s.send("\x1b[A").unwrap();
    s.send("\r").unwrap();
    s.expect("Sent: request 2 → 200").unwrap();
    s.send("request.session['missing']\r").unwrap();
    s.expect("KeyError: 'missing'").unwrap();
    s.send(":quit\r").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&mut s), 0);
}

#[test]
fn r_after_an_answer_runs_the_question_in_the_simulator() {
    let sb = Sandbox::new();
    let mut s = spawn(&sb, &["sessions", "quiz", "--no-shuffle"]);
    s.expect("Question 1 of 5").unwrap();
    s.send("d").unwrap();
    s.expect("Press any key").unwrap();
    s.send(" ").unwrap();
    s.expect("Question 2 of 5").unwrap();
    s.send("b").unwrap();
    s.expect("r to run it in the simulator").unwrap();
    s.send("r").unwrap();
    s.expect("In the simulator").unwrap();
    s.expect("object has no attribute 'set_session'").unwrap();
    s.send("x").unwrap();
    s.expect("r to run it in the simulator").unwrap();
    s.send(" ").unwrap();
    s.expect("Question 3 of 5").unwrap();
    s.send("\x03").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&mut s), 130);
}
