//! Predict, then see, and the menu of activities, in a pseudo-terminal at 80×24 and 60×20.
#![cfg(unix)]
#![allow(dead_code)]

mod common;
use common::screen::*;
use common::*;

const NOW: &str = "2026-12-01T09:00:00Z";
const DOWN: &str = "\x1b[B";

/// Presses Enter until `what` is on the screen (at most `max` times).
fn step_until(sc: &mut Screen, what: &str, max: usize) {
    for _ in 0..max {
        sc.settle();
        if sc.text().contains(what) {
            return;
        }
        sc.send("\r");
    }
    sc.wait(what);
}

fn predict_in_a_terminal(cols: u16, rows: u16) {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(
        &sb,
        cols,
        rows,
        &[
            "sessions",
            "simulate",
            "cart-lost-append",
            "--predict",
            "--seed",
            "3",
        ],
        NOW,
    );
    sc.wait("step 1 of");
    // The first written checkpoint is on the second request: the stepper stops before the
    // view's end and asks.
    step_until(&mut sc, "predict 1 of 4", 12);
    let text = sc.text();
    assert!(text.contains("session cookie?"), "{text}");
    assert!(text.contains("A. "), "{text}");
    assert!(text.contains("B. "), "{text}");
    // The note would give it away: not shown before the answer.
    assert!(!text.contains("no cookie is sent"), "{text}");
    assert!(text.contains("Enter answer"), "{text}");
    sc.assert_no_row_too_wide();
    sc.send("a");
    sc.wait("What really happens:");
    let text = sc.text();
    assert!(
        text.contains("✓ Right.") || text.contains("✗ Not this time"),
        "{text}"
    );
    assert!(text.contains("Why: "), "{text}");
    sc.assert_no_row_too_wide();
    // Enter goes back to the stepper, which shows the outcome.
    sc.send("\r");
    sc.wait("the view has finished");
    sc.assert_no_row_too_wide();
    // Jumping to the end passes every other checkpoint: each is asked on the way.
    for n in 2..=4 {
        sc.send("G");
        sc.wait(&format!("predict {n} of 4"));
        sc.send("b");
        sc.wait("What really happens:");
        sc.send("\r");
    }
    sc.send("G");
    sc.wait("That was the last step");
    sc.send("\r");
    sc.wait("your predictions");
    assert!(sc.text().contains(" of 4 right."), "{}", sc.text());
    sc.assert_no_row_too_wide();
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert_eq!(
        saved.matches("\"predict:cart-lost-append/").count(),
        4,
        "{saved}"
    );
    assert!(
        saved.contains("[topics.sessions.activities.predict"),
        "{saved}"
    );
}

#[test]
fn predict_stops_asks_and_reveals_at_80_by_24() {
    predict_in_a_terminal(80, 24);
}

#[test]
fn predict_stops_asks_and_reveals_at_60_by_20() {
    predict_in_a_terminal(60, 20);
}

#[test]
fn q_on_a_question_leaves_without_a_score() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(
        &sb,
        80,
        24,
        &["sessions", "simulate", "visit-counter", "--predict"],
        NOW,
    );
    sc.wait("step 1 of");
    step_until(&mut sc, "predict 1 of", 12);
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    assert!(!sc.text().contains("your predictions"), "{}", sc.text());
}

fn menu_of_activities(cols: u16, rows: u16) {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, cols, rows, &["sessions"], NOW);
    sc.wait("What next?");
    let text = sc.text();
    // The newcomer's order: the pretest first, then the lesson, then predict.
    assert!(text.contains("1. Pretest"), "{text}");
    assert!(text.contains("2. Read the lesson"), "{text}");
    assert!(text.contains("Go round these activities"), "{text}");
    sc.assert_no_row_too_wide();
    // End reaches the last entries: the list scrolls with its cursor.
    sc.send("\x1b[F");
    sc.wait("❯ 15. Quit");
    assert!(sc.text().contains("14. Your progress"), "{}", sc.text());
    sc.assert_no_row_too_wide();
    // Two digits: 1 waits for a second digit, 1 then 4 opens entry 14.
    sc.send("1");
    sc.wait("a second digit opens 10–15");
    sc.send("4");
    sc.wait("your progress");
    sc.send("q");
    sc.wait("❯ 14. Your progress");
    // 1 then Enter opens entry 1 (the pretest).
    sc.send("1");
    sc.wait("a second digit");
    sc.send("\r");
    sc.wait("Question 1 of");
    sc.send("q");
    sc.wait("Leave");
    sc.send("y");
    sc.wait("You left the quiz");
    sc.send("q");
    sc.wait("1. Pretest");
    // Arrows and Enter: the third entry is predict, through the scenario list.
    sc.send("\x1b[H");
    sc.send(DOWN);
    sc.send(DOWN);
    sc.settle();
    sc.send("\r");
    sc.wait("Which scenario?");
    sc.send("\r");
    sc.wait("step 1 of");
    sc.send("q");
    sc.wait("Which scenario?");
    sc.send("\x1b");
    sc.wait("❯  3. Predict, then see");
    sc.send("\x1b");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn the_menu_of_activities_at_80_by_24() {
    menu_of_activities(80, 24);
}

#[test]
fn the_menu_of_activities_at_60_by_20() {
    menu_of_activities(60, 20);
}

fn explain_on_screens(cols: u16, rows: u16) {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, cols, rows, &["sessions", "explain", "8"], NOW);
    sc.wait("In your own words (Enter when done");
    assert!(
        sc.text().contains("Explain it · page 8 · 1 of 1"),
        "{}",
        sc.text()
    );
    sc.assert_no_row_too_wide();
    // Typing goes into the answer; q and ? are letters here, not keys.
    sc.send("it is changed in place? quietly");
    sc.wait("in place? quietly");
    sc.send("\r");
    sc.wait("A model answer:");
    sc.wait("[ ] 1.");
    sc.assert_no_row_too_wide();
    sc.send("1");
    sc.wait("[x] 1.");
    sc.send("\x1b[B");
    sc.send(" ");
    sc.wait("[x] 2.");
    sc.send("\r");
    sc.wait("2 of 4 points. It comes back in review in 1 day.");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("\"explain:"), "{saved}");
    assert!(saved.contains("last_rating = \"hard\""), "{saved}");
}

#[test]
fn explain_it_is_two_screens_at_80_by_24() {
    explain_on_screens(80, 24);
}

#[test]
fn explain_it_is_two_screens_at_60_by_20() {
    explain_on_screens(60, 20);
}

#[test]
fn the_pager_offers_the_page_prompt_at_its_end() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions", "read", "8"], NOW);
    sc.wait("page 8 of");
    sc.send("\x1b[F");
    sc.wait("Press e to answer in your own words");
    sc.send("e");
    sc.wait("In your own words (Enter when done");
    // Enter alone skips: the model answer and the points, then back to the page.
    sc.send("\r");
    sc.wait("Skipped: it comes back soon");
    sc.send("\r");
    sc.wait("0 of 4 points. It comes back in review in 10 minutes.");
    assert!(sc.text().contains("page 8 of"), "{}", sc.text());
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("last_rating = \"again\""), "{saved}");
}
