//! What a new learner met walking through every activity at 80×24, 60×20 and 140×40, each
//! fixed and checked on the visible grid: names that read as one word, footers that keep the
//! keys a screen cannot do without.
#![cfg(unix)]
#![allow(dead_code)]

mod common;
use common::screen::*;
use common::*;

const NOW: &str = "2026-12-01T09:00:00Z";

/// The last visible row that is not blank: the footer.
fn footer(sc: &Screen) -> String {
    sc.rows()
        .into_iter()
        .rev()
        .find(|r| !r.trim().is_empty())
        .unwrap_or_default()
}

/// No visible row ends in the middle of a hyphenated name ("(first-" / "visit)").
fn assert_no_row_ends_at_a_hyphen(sc: &Screen) {
    for r in sc.rows() {
        assert!(!r.trim_end().ends_with('-'), "{r:?} in\n{}", sc.text());
    }
}

#[test]
fn names_in_the_exercise_list_are_never_cut_at_their_hyphen() {
    for (cols, rows) in [(60, 20), (80, 24), (140, 40)] {
        let sb = Sandbox::new();
        let mut sc = Screen::start_at(&sb, cols, rows, &["sessions", "exercise"], NOW);
        sc.wait("pending");
        sc.assert_no_row_too_wide();
        assert_no_row_ends_at_a_hyphen(&sc);
        assert!(sc.text().contains("(first-visit)"), "{}", sc.text());
        // Scroll through the whole list: every name stays whole.
        for _ in 0..20 {
            sc.send(DOWN);
            sc.settle();
            assert_no_row_ends_at_a_hyphen(&sc);
        }
        // The way back stays in the footer.
        assert!(footer(&sc).contains("q/Esc back"), "{}", footer(&sc));
        sc.send("q");
        assert_eq!(sc.finish(), 0);
    }
}

#[test]
fn a_revealed_card_shows_all_four_ratings_at_60_columns() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "read", "syntax"])
        .env("LEARN_NOW", NOW)
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
    // 60×20, and 60×7 where the answer is taller than the room and the body scrolls.
    for rows in [20, 7] {
        let mut sc = Screen::start_at(&sb, 60, rows, &["sessions", "review"], NOW);
        sc.wait("Enter show the answer");
        sc.send(ENTER);
        sc.wait("Again");
        sc.settle();
        sc.assert_no_row_too_wide();
        let f = footer(&sc);
        for rating in ["1 Again", "2 Hard", "3 Good", "4 Easy"] {
            assert!(
                f.contains(rating),
                "{rating} missing from {f:?}\n{}",
                sc.text()
            );
        }
        sc.send("q");
        sc.wait("Reviewed 0 of");
        assert_eq!(sc.finish(), 0);
    }
}

#[test]
fn the_menu_footer_says_more_entries_are_below() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions"], NOW);
    sc.wait("What next?");
    let f = footer(&sc);
    assert!(f.contains("more below"), "{f:?}");
    assert!(f.contains("q/Esc quit"), "{f:?}");
    sc.send(ESC);
    assert_eq!(sc.finish(), 0);
}

#[test]
fn the_stepper_footer_keeps_the_way_back() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions", "simulate", "visit-counter"], NOW);
    sc.wait("step 1 of");
    sc.send(ENTER);
    sc.wait("step 2 of");
    let f = footer(&sc);
    assert!(f.contains("q leave"), "{f:?}");
    assert!(f.contains("next step"), "{f:?}");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn the_sandbox_report_keeps_header_names_whole_at_60_columns() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 60, 30, &["sessions", "sandbox"], NOW);
    sc.wait(">>>");
    sc.send("request.session['cart'] = ['book']\r");
    sc.wait("changed");
    sc.send(":send\r");
    sc.wait("Next request");
    sc.settle();
    sc.assert_no_row_too_wide();
    let text = sc.text();
    assert!(text.contains("Max-Age=1209600"), "{text}");
    assert!(text.contains("Set-Cookie sent"), "{text}");
    assert_no_row_ends_at_a_hyphen(&sc);
    sc.send(CTRL_D);
    assert_eq!(sc.finish(), 0);
}

#[test]
fn home_in_the_menu_brings_the_introduction_back() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions"], NOW);
    sc.wait("How Django remembers");
    sc.send(END);
    sc.wait_gone("How Django remembers");
    sc.send(HOME);
    sc.wait("How Django remembers");
    // Up from the second entry to the first does the same.
    sc.send(END);
    sc.wait_gone("How Django remembers");
    for _ in 0..14 {
        sc.send(UP);
    }
    sc.wait("How Django remembers");
    sc.send(ESC);
    assert_eq!(sc.finish(), 0);
}

#[test]
fn the_piped_menu_and_scenario_list_show_inline_code_without_backticks() {
    let sb = Sandbox::new();
    for args in [&["sessions"][..], &["sessions", "simulate"][..]] {
        let out = sb.learn(args).write_stdin("q\n").output().unwrap();
        let text = stdout_of(&out);
        assert!(out.status.success(), "{text}");
        assert!(!text.contains('`'), "{text}");
    }
    let out = sb.learn(&["sessions"]).write_stdin("q\n").output().unwrap();
    assert!(stdout_of(&out).contains("the request.session API"));
}

#[test]
fn the_explain_it_checklist_keeps_enter_and_aligns_its_points_at_60_columns() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 60, 20, &["sessions", "explain", "19"], NOW);
    sc.wait("In your own words");
    sc.send("flush and json and modified\r");
    sc.wait("mark the points you had");
    sc.settle();
    sc.assert_no_row_too_wide();
    let f = footer(&sc);
    assert!(f.contains("Enter done"), "{f:?}");
    // A point that wraps continues under its own text, past "❯ [ ] 1. ".
    let rows = sc.rows();
    let at = rows
        .iter()
        .position(|r| r.contains("1. in-place changes"))
        .unwrap_or_else(|| panic!("{}", sc.text()));
    let text_col = rows[at].find("in-place").unwrap();
    let next = &rows[at + 1];
    if !next.contains("2. ") {
        let indent = next.len() - next.trim_start().len();
        assert_eq!(
            indent,
            rows[at][..text_col].chars().count(),
            "{}",
            sc.text()
        );
    }
    sc.send("\r");
    sc.wait("comes back in review");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn the_cheat_sheet_fits_its_columns_to_the_window_and_to_a_pipe() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 60, 20, &["sessions", "cheatsheet"], NOW);
    sc.wait("The API");
    sc.assert_no_row_too_wide();
    // Too narrow for two columns: the description goes under the code, indented.
    let rows = sc.rows();
    let at = rows
        .iter()
        .position(|r| r.trim_end() == "  request.session['k'] = v")
        .unwrap_or_else(|| panic!("{}", sc.text()));
    assert!(
        rows[at + 1].starts_with("      store a value"),
        "{}",
        sc.text()
    );
    // Wide enough: one row each again, redrawn at the new width.
    sc.resize(140, 40);
    sc.send(" ");
    sc.send(HOME);
    sc.wait("request.session['k'] = v           store a value");
    sc.assert_no_row_too_wide();
    sc.send("q");
    assert_eq!(sc.finish(), 0);

    let out = sb.learn(&["sessions", "cheatsheet"]).output().unwrap();
    let text = stdout_of(&out);
    for l in text.lines() {
        assert!(l.chars().count() <= 80, "{l:?}");
    }
    assert!(text.contains("  SESSION_COOKIE_AGE = 1209600\n"), "{text}");
}

/// Keys pressed while a screen is still being drawn (a held ↓, fast typing, a busy machine)
/// are taken as keys, never echoed by the terminal onto the screen ("^[[B" after the footer).
#[test]
fn keys_pressed_while_a_screen_draws_are_never_echoed() {
    let sb = Sandbox::new();
    // A terminal as a shell leaves it: echo and line mode on (the test's pty starts quiet).
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg("stty echo icanon echoctl; exec \"$0\" \"$@\"")
        .arg(BIN)
        .env("LEARN_NOW", NOW);
    let mut sc = Screen::start_with(&sb, 60, 20, sh, &["sessions", "read", "1"]);
    sc.wait("page 1 of");
    for _ in 0..40 {
        sc.send(DOWN);
        std::thread::sleep(std::time::Duration::from_millis(2));
        sc.pump();
    }
    sc.send(END);
    sc.wait("Explain it");
    for _ in 0..40 {
        sc.send(UP);
        std::thread::sleep(std::time::Duration::from_millis(2));
        sc.pump();
    }
    sc.send(HOME);
    sc.wait("Why sessions matter · page 1 of");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    let raw = String::from_utf8_lossy(&sc.raw);
    assert!(!raw.contains("^["), "a key was echoed: {raw:?}");
}

/// The last step of a scenario opens on its summary (it was below the window's edge, and
/// Enter there goes back to the list): at 80×24 and 60×20 it is right under the header.
#[test]
fn the_last_step_opens_on_what_the_scenario_showed() {
    for (cols, rows) in [(80, 24), (60, 20)] {
        let sb = Sandbox::new();
        let mut sc = Screen::start_at(&sb, cols, rows, &["sessions", "simulate"], NOW);
        sc.wait("Which scenario?");
        sc.send(ENTER);
        sc.wait("step 1 of");
        sc.send("G");
        sc.wait("That was the last step");
        sc.assert_no_row_too_wide();
        let grid = sc.rows();
        assert!(
            grid[1].contains("That was the last step. What this scenario showed:"),
            "{}",
            sc.text()
        );
        assert!(
            grid[2].starts_with("  ") && grid[2].len() > 10,
            "{}",
            sc.text()
        );
        assert!(
            footer(&sc).contains("Enter/q back to the list"),
            "{}",
            footer(&sc)
        );
        sc.send(ENTER);
        sc.wait("Which scenario?");
        sc.send(ESC);
        assert_eq!(sc.finish(), 0);
    }
}

/// Esc on a quiz question is the way back, as on every other screen (it did nothing): it asks
/// first, as q does, and `n` stays on the question.
#[test]
fn esc_on_a_quiz_question_asks_to_leave() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 60, 20, &["sessions", "quiz", "practice"], NOW);
    sc.wait("Question 1 of 5");
    sc.send(ESC);
    sc.wait("Leave the quiz?");
    sc.send("n");
    sc.wait("Enter answer");
    assert!(sc.text().contains("Question 1 of 5"), "{}", sc.text());
    sc.send(ESC);
    sc.wait("[y/N]");
    sc.send("y");
    assert_eq!(sc.finish(), 0);
}

/// At 60×20 question 5's code leaves room for option A only: the footer keeps saying that
/// more is below (it was the hint dropped first), and the help does not say ↑/↓ scroll where
/// they move the cursor.
#[test]
fn a_cut_list_of_options_says_more_is_below_at_60_columns() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 60, 20, &["sessions", "quiz", "--no-shuffle"], NOW);
    for n in 1..=4 {
        sc.wait(&format!("Question {n} of 5"));
        sc.send("a");
        sc.wait("Press any key");
        sc.send(ENTER);
    }
    sc.wait("Question 5 of 5");
    sc.settle();
    assert!(!sc.text().contains("  D. "), "{}", sc.text());
    assert!(footer(&sc).contains("PgDn more below"), "{}", footer(&sc));
    sc.assert_no_row_too_wide();
    sc.send(PAGE_DOWN);
    sc.wait("  D. ");
    assert!(footer(&sc).contains("PgUp more above"), "{}", footer(&sc));
    sc.send("?");
    sc.wait("Keys on this screen");
    assert!(!sc.text().contains("↑/↓ or j/k scroll"), "{}", sc.text());
    sc.send(ENTER);
    sc.wait("Enter answer");
    sc.send("q");
    sc.wait("[y/N]");
    sc.send("y");
    assert_eq!(sc.finish(), 0);
}

/// A check's report on the order screen: the line's code as inline code (no raw backticks),
/// the verdict message whole on two rows at 60 columns (it was cut: "(PgUp/PgDn scro"), and
/// after a resize the report is wrapped again for the new width.
#[test]
fn an_order_report_shows_code_without_backticks_and_refits_on_resize() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(
        &sb,
        60,
        20,
        &["sessions", "order", "set-and-read", "--seed", "3"],
        NOW,
    );
    sc.wait("c check");
    sc.send("c");
    sc.wait("  scroll).");
    sc.assert_no_row_too_wide();
    let text = sc.text();
    assert!(text.contains("The code does not run"), "{text}");
    assert!(!text.contains('`'), "{text}");
    sc.resize(140, 40);
    sc.wait("at your line 1 (shown as 1): return HttpResponse('saved')");
    sc.assert_no_row_too_wide();
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}
