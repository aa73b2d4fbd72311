//! What the learner sees: the real binary in a pseudo-terminal, its output fed to a terminal
//! emulator (vt100), and assertions on the visible grid at 80×24 and 60×20.
#![cfg(unix)]

mod common;
use common::screen::*;
use common::*;

/// The letters of the right options in authored order.
fn right_letters() -> Vec<char> {
    practice()
        .questions
        .iter()
        .map(|q| {
            let i = q.options.iter().position(|o| o.id == q.answer).unwrap();
            (b'a' + i as u8) as char
        })
        .collect()
}

fn first_words(text: &str, n: usize) -> String {
    text.replace('`', "")
        .split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn question_five_stays_in_view(cols: u16, rows: u16) {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, cols, rows, &["sessions", "quiz", "--no-shuffle"]);
    let letters = right_letters();
    for (n, l) in letters.iter().take(4).enumerate() {
        sc.wait(&format!("Question {} of 5", n + 1));
        sc.send(&l.to_string());
        sc.wait("Press any key");
        sc.send(" ");
    }
    sc.wait("Question 5 of 5");
    let q5 = &practice().questions[4];
    let prompt = first_words(&q5.prompt, 3);
    sc.settle();
    // Moving through the options keeps the heading and the prompt's start in view.
    for _ in 0..q5.options.len() {
        let text = sc.text();
        assert!(text.contains("Question 5 of 5"), "{text}");
        assert!(
            text.contains(&prompt),
            "prompt {prompt:?} not visible:\n{text}"
        );
        sc.assert_no_row_too_wide();
        sc.send(DOWN);
        sc.settle();
    }
    // A wrong answer: the verdict is on the screen, at the top of the body.
    let wrong = (0..q5.options.len())
        .map(|i| (b'a' + i as u8) as char)
        .find(|c| *c != letters[4])
        .unwrap();
    sc.send(&wrong.to_string());
    sc.wait("✗ Not right");
    sc.assert_no_row_too_wide();
    let text = sc.text();
    let verdict_row = text
        .lines()
        .position(|l| l.contains("✗ Not right"))
        .unwrap();
    assert_eq!(verdict_row, 1, "the verdict is not first:\n{text}");
    assert!(text.contains("Press any key to see your score"), "{text}");
    sc.send(" ");
    assert_eq!(sc.finish(), 0);
    // Back on the main screen with the cursor visible, the score printed there.
    assert!(!sc.vt.screen().alternate_screen());
    assert!(!sc.vt.screen().hide_cursor());
    assert!(sc.text().contains("Score: 4/5"), "{}", sc.text());
}

#[test]
fn question_five_stays_in_view_at_80x24() {
    question_five_stays_in_view(80, 24);
}

#[test]
fn question_five_stays_in_view_at_60x20() {
    question_five_stays_in_view(60, 20);
}

#[test]
fn screens_use_the_alternate_screen_and_leave_no_copies_behind() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions", "read"]);
    sc.wait("page 1 of");
    assert!(sc.vt.screen().alternate_screen());
    assert!(sc.vt.screen().hide_cursor());
    for _ in 0..5 {
        sc.send(DOWN);
    }
    sc.settle();
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    assert!(!sc.vt.screen().alternate_screen());
    assert!(!sc.vt.screen().hide_cursor());
    // The main screen holds no copy of the page.
    assert!(!sc.text().contains("page 1 of"), "{}", sc.text());
}

#[test]
fn stderr_to_dev_null_keeps_the_screens() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_without_stderr(&sb, 80, 24, &["sessions"]);
    sc.wait("What next?");
    assert!(sc.vt.screen().alternate_screen(), "fell back to plain mode");
    sc.send("\x1b");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn ctrl_c_leaves_the_alternate_screen_with_the_cursor_visible() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 60, 20, &["sessions"]);
    sc.wait("What next?");
    assert!(sc.vt.screen().alternate_screen());
    sc.send("\x03");
    assert_eq!(sc.finish(), 130);
    assert!(!sc.vt.screen().alternate_screen());
    assert!(!sc.vt.screen().hide_cursor());
}

#[test]
fn a_resize_redraws_at_the_new_width() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 60, 20, &["sessions"]);
    sc.wait("What next?");
    let narrow = sc.text();
    let longest = |t: &str| {
        t.lines()
            .map(|l| l.trim_end().chars().count())
            .max()
            .unwrap()
    };
    assert!(longest(&narrow) <= 60);
    sc.resize(140, 40);
    sc.settle();
    sc.settle();
    let wide = sc.text();
    assert!(
        longest(&wide) > 60,
        "the summary is still wrapped at 60 columns:\n{wide}"
    );
    sc.assert_no_row_too_wide();
    sc.resize(60, 20);
    sc.settle();
    sc.settle();
    sc.assert_no_row_too_wide();
    assert!(longest(&sc.text()) <= 60, "{}", sc.text());
    sc.send("\x1b");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn the_progress_view_is_laid_out_again_after_a_resize() {
    let sb = Sandbox::new();
    let row_with = |sc: &Screen, what: &str| {
        sc.text()
            .lines()
            .find(|l| l.contains(what))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no row with {what:?}:\n{}", sc.text()))
    };
    let item = "A logout that leaves data behind";
    let mut sc = Screen::start(&sb, 60, 20, &["sessions", "progress"]);
    sc.wait("your progress");
    sc.send("\x1b[F");
    sc.wait("Progress is kept in");
    // Made for 60 columns, the exercise's slug goes on its own row under the title.
    assert!(!row_with(&sc, item).contains("(logout-leftovers)"));
    sc.resize(140, 40);
    sc.settle();
    sc.settle();
    sc.send("\x1b[F");
    sc.settle();
    assert!(
        row_with(&sc, item).contains("(logout-leftovers) · page 11"),
        "still laid out for 60 columns:\n{}",
        sc.text()
    );
    sc.resize(60, 20);
    sc.settle();
    sc.settle();
    sc.send("\x1b[F");
    sc.settle();
    sc.assert_no_row_too_wide();
    // Wrapped by the view itself, under the title, not cut by the screen from longer rows.
    assert!(
        row_with(&sc, "(logout-leftovers)").starts_with("      ("),
        "{}",
        sc.text()
    );
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn a_quiz_verdict_is_wrapped_again_after_a_resize() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions", "quiz", "--no-shuffle"]);
    sc.wait("Question 1 of");
    sc.send("a");
    sc.wait("Not right");
    sc.resize(60, 20);
    sc.settle();
    sc.settle();
    sc.assert_no_row_too_wide();
    // Wrapped for 60 columns from the text, not cut again from lines made for 80: no row
    // of the verdict ends after a word or two when the next row could have held them.
    let text = sc.text();
    let rows: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .take_while(|r| !r.starts_with("Press any key"))
        .collect();
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let next_word = b.trim_start().split(' ').next().unwrap_or("");
        // Only rows that go on a sentence (the next one starts in lower case).
        let goes_on = next_word.chars().next().is_some_and(char::is_lowercase);
        if a.is_empty() || !goes_on || b.starts_with("  ") {
            continue;
        }
        assert!(
            a.chars().count() + 1 + next_word.chars().count() > 60,
            "{a:?} had room for {next_word:?}:\n{text}"
        );
    }
    sc.send("q");
    sc.settle();
    sc.send("y");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn the_pager_scrolls_a_long_page_before_moving_on_and_counts_a_page_read_at_its_end() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 60, 20, &["sessions", "read"]);
    sc.wait("page 1 of");
    sc.assert_no_row_too_wide();
    assert!(sc.text().contains("more of this page"), "{}", sc.text());
    // Enter scrolls while there is more below: still page 1, and not read yet.
    sc.send("\r");
    sc.settle();
    assert!(sc.text().contains("page 1 of"), "{}", sc.text());
    let read = || std::fs::read_to_string(sb.progress_file()).unwrap_or_default();
    while sc.text().contains("more of this page") {
        assert!(!read().contains("why-sessions"), "{}", read());
        sc.send(" ");
        sc.settle();
    }
    assert!(read().contains("why-sessions"), "{}", read());
    sc.send("\r");
    sc.wait("page 2 of");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn no_screen_is_wider_than_the_window_at_60x20() {
    let sb = Sandbox::new();
    // The stepper, a few steps in.
    let mut sc = Screen::start(&sb, 60, 20, &["sessions", "simulate", "cart-lost-append"]);
    sc.wait("step 1 of");
    for _ in 0..6 {
        sc.assert_no_row_too_wide();
        sc.send("\r");
        sc.settle();
    }
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    // Every page of the lesson.
    let mut sc = Screen::start(&sb, 60, 20, &["sessions", "read"]);
    sc.wait("page 1 of");
    for _ in 0..100 {
        // The top of each page and its end.
        sc.assert_no_row_too_wide();
        if sc.text().contains("the end of the lesson") {
            break;
        }
        sc.send("\x1b[F");
        sc.settle();
        sc.assert_no_row_too_wide();
        sc.send("\r");
        sc.settle();
    }
    assert!(sc.text().contains("What next"), "{}", sc.text());
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn q_in_a_scenario_goes_back_to_the_list_and_the_list_marks_what_is_done() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions", "simulate"]);
    sc.wait("Which scenario?");
    sc.send("\r");
    sc.wait("step 1 of");
    sc.send("G");
    sc.wait("That was the last step");
    let text = sc.text();
    assert!(
        !text.contains("next step"),
        "two footers at the end:\n{text}"
    );
    sc.send("q");
    sc.wait("Which scenario?");
    assert!(sc.text().contains("✓"), "{}", sc.text());
    sc.send("\x1b");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn the_menu_keeps_its_cursor_and_opens_entries_by_number() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions"]);
    sc.wait("What next?");
    // "Your progress" is entry 14: two digits.
    sc.send("14");
    sc.wait("your progress");
    assert!(!sc.text().contains("learn sessions quiz"), "{}", sc.text());
    sc.send("q");
    sc.wait("What next?");
    let text = sc.text();
    let row = text.lines().find(|l| l.contains('❯')).unwrap();
    assert!(row.contains("Your progress"), "{text}");
    sc.send("\x1b");
    assert_eq!(sc.finish(), 0);
}

fn tiny_terminal(rows: u16) {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, rows, &["sessions"]);
    sc.settle();
    sc.send(DOWN);
    sc.settle();
    // The scenario list (entry 12).
    sc.send("12");
    sc.settle();
    sc.send("\x1b");
    sc.settle();
    sc.send("\x1b");
    let code = sc.finish();
    let raw = String::from_utf8_lossy(&sc.raw).into_owned();
    assert!(!raw.contains("panicked"), "{raw}");
    assert_eq!(code, 0, "{raw}");
}

#[test]
fn a_one_row_terminal_does_not_panic() {
    tiny_terminal(1);
}

#[test]
fn a_two_row_terminal_does_not_panic() {
    tiny_terminal(2);
}

#[test]
fn shrinking_to_two_rows_in_the_menu_does_not_panic() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions"]);
    sc.wait("What next?");
    sc.resize(80, 2);
    sc.settle();
    sc.send(DOWN);
    sc.settle();
    sc.resize(80, 1);
    sc.settle();
    sc.send(DOWN);
    sc.settle();
    sc.send("\x1b");
    let code = sc.finish();
    let raw = String::from_utf8_lossy(&sc.raw).into_owned();
    assert!(!raw.contains("panicked"), "{raw}");
    assert_eq!(code, 0);
}

/// The pty's line settings (the child's terminal): line mode, signals from keys and CR to NL
/// on again, as they were before the program changed them for single keys.
fn terminal_is_restored(sc: &Screen) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: tcgetattr on the pty's master descriptor, which the session keeps open.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(sc.s.as_raw_fd(), &mut t), 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ISIG != 0 && t.c_iflag & libc::ICRNL != 0
    }
}

fn a_signal_restores_the_terminal(signal: i32, args: &[&str], visible: &str) {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, args);
    sc.wait(visible);
    sc.settle();
    let pid = sc.s.get_process().pid().as_raw();
    // SAFETY: sending a signal to the child we started.
    unsafe {
        libc::kill(pid, signal);
    }
    let code = sc.finish();
    assert_eq!(
        code,
        128 + signal,
        "the program was not ended by the signal"
    );
    assert!(
        !sc.vt.screen().alternate_screen(),
        "still on the alternate screen"
    );
    assert!(!sc.vt.screen().hide_cursor(), "the cursor is still hidden");
    assert!(
        terminal_is_restored(&sc),
        "the terminal is left in single-key mode"
    );
}

#[test]
fn sigterm_restores_the_terminal_in_the_quiz() {
    a_signal_restores_the_terminal(
        libc::SIGTERM,
        &["sessions", "quiz", "--no-shuffle"],
        "Question 1 of 5",
    );
}

#[test]
fn sighup_restores_the_terminal_in_the_menu() {
    a_signal_restores_the_terminal(libc::SIGHUP, &["sessions"], "What next?");
}

#[test]
fn sigterm_restores_the_terminal_in_the_sandbox() {
    a_signal_restores_the_terminal(libc::SIGTERM, &["sessions", "sandbox"], ">>>");
}

// The sandbox's line editor, key by key.

fn sandbox(sb: &Sandbox) -> Screen {
    let mut sc = Screen::start(sb, 80, 24, &["sessions", "sandbox", "--seed", "3"]);
    sc.wait(">>>");
    sc
}

/// The last row with text on it.
fn last_line(sc: &Screen) -> String {
    sc.text()
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_owned()
}

#[test]
fn sandbox_an_unclosed_bracket_continues_and_commands_still_work() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    sc.send("x = (1,\r");
    sc.settle();
    assert!(last_line(&sc).starts_with("..."), "{}", sc.text());
    sc.send(":help\r");
    sc.wait("Commands");
    assert!(last_line(&sc).starts_with("..."), "{}", sc.text());
    sc.send("2)\r");
    sc.settle();
    sc.send("x\r");
    sc.wait("(1, 2)");
    // A bracket that no further line can fix is an error at once, as in Python.
    sc.send("request.session['x' = 1\r");
    sc.wait("SyntaxError");
    sc.settle();
    assert!(last_line(&sc).starts_with(">>>"), "{}", sc.text());
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn sandbox_ctrl_c_cancels_the_line_and_keeps_the_state() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    sc.send("request.session['a'] = 1\r");
    sc.wait("modified: yes");
    sc.send("if True:\r");
    sc.settle();
    sc.send("    request.session['a'] = 2");
    sc.send("\x03");
    sc.wait("KeyboardInterrupt");
    sc.settle();
    assert!(last_line(&sc).starts_with(">>>"), "{}", sc.text());
    sc.send("request.session['a']\r");
    // The value from before the cancelled block.
    sc.wait(">>> request.session['a']\n1\n");
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn sandbox_ctrl_d_on_an_empty_line_leaves() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    sc.send("\x04");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn sandbox_editing_keys_work() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    // Ctrl-A goes to the start: "1 + 1" becomes "40 + 1 + 1".
    sc.send("1 + 1\x0140 + \r");
    sc.wait("42");
    // Home and End (xterm's sequences): "7" becomes "(7) * 2".
    sc.send("7\x1b[H(\x1b[F) * 2\r");
    sc.wait("14");
    // Ctrl-E after Ctrl-A.
    sc.send("3\x01\x05 * 3\r");
    sc.wait("\n9");
    // Ctrl-U drops the line before the cursor; Ctrl-W the word before it; Ctrl-K the rest.
    sc.send("garbage\x15100 + 1\r");
    sc.wait("101");
    sc.send("5 * word\x17 6\r");
    sc.wait("30");
    sc.send("8 + 8 junk\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x0b\r");
    sc.wait("16");
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn sandbox_history_is_kept_in_the_data_directory() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    sc.send("6 * 7\r");
    sc.wait("42");
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
    let history = std::fs::read_to_string(sb.data().join("sandbox_history.txt")).unwrap();
    assert!(history.contains("6 * 7"), "{history}");
    // A new sandbox: ↑ twice (past ":quit") brings the line back.
    let mut sc = sandbox(&sb);
    sc.send("\x1b[A");
    sc.send("\x1b[A");
    sc.settle();
    sc.send("\r");
    sc.wait("42");
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn sandbox_a_pure_read_says_accessed_became_true() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    sc.send("request.session.get('x')\r");
    sc.wait("accessed became True");
    assert!(!sc.text().contains("changed"), "{}", sc.text());
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn sandbox_lines_typed_ahead_all_run() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    // Sent in one write, before the first line has run: none may be lost.
    sc.send("x = 20\ry = 22\rrequest.session['sum'] = x + y\rrequest.session['sum'] * 2\r");
    sc.wait("\n84\n");
    assert!(sc.text().contains("'sum': 42"), "{}", sc.text());
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn sandbox_a_pasted_block_runs_line_by_line() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    // A bracketed paste (as a terminal sends one): the editor gives it in one piece.
    sc.send("\x1b[200~n = 1\nfor i in range(3):\n    n += i\n\nrequest.session['n'] = n\x1b[201~");
    sc.settle();
    sc.send("\r");
    sc.wait("'n': 4");
    sc.send("n * 10\r");
    sc.wait("\n40\n");
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn sandbox_a_long_statement_is_shown_once() {
    let sb = Sandbox::new();
    let mut sc = sandbox(&sb);
    let long = format!("request.session['k'] = '{}'", "v".repeat(120));
    sc.send(&format!("{long}\r"));
    sc.wait("modified: yes");
    let text = sc.text();
    assert_eq!(text.matches("request.session['k']").count(), 1, "{text}");
    sc.send(":quit\r");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn a_hint_is_wrapped_again_after_a_resize() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 60, 20, &["sessions", "quiz", "--no-shuffle"]);
    sc.wait("Question 1 of 5");
    sc.send("h");
    sc.wait("Hint 1 of");
    let row_of = |t: &str| {
        t.lines()
            .find(|l| l.contains("Hint 1 of"))
            .unwrap()
            .trim_end()
            .chars()
            .count()
    };
    assert!(row_of(&sc.text()) <= 60);
    sc.resize(140, 40);
    sc.settle();
    sc.settle();
    let hint = &practice().questions[0].hints[0];
    if hint.chars().count() > 60 {
        assert!(row_of(&sc.text()) > 60, "{}", sc.text());
    }
    sc.send("\x03");
    assert_eq!(sc.finish(), 130);
}

#[test]
fn read_the_lesson_resumes_at_the_first_unread_page() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions"]);
    sc.wait("What next?");
    // The lesson is entry 2, after the pretest.
    sc.send("2");
    sc.wait("page 1 of");
    sc.send("\x1b[F");
    sc.settle();
    sc.send("\r");
    sc.wait("page 2 of");
    sc.send("q");
    sc.wait("What next?");
    sc.send("\r");
    sc.settle();
    sc.wait("page ");
    assert!(!sc.text().contains("page 1 of"), "{}", sc.text());
    sc.send("q");
    sc.wait("What next?");
    sc.send("\x1b");
    assert_eq!(sc.finish(), 0);
}
