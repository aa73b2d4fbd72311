//! The study activities in a pseudo-terminal: the cheat sheet and the flashcards as screens,
//! review and explain-it as typed lines on the normal screen, reached from the menu too.
#![cfg(unix)]
#![allow(dead_code)]

mod common;
use common::review::{item, json_of};
use common::screen::*;
use common::*;

const NOW: &str = "2026-12-01T09:00:00Z";

#[test]
fn the_cheat_sheet_is_a_screen_that_fits_and_leaves_cleanly() {
    let sb = Sandbox::new();
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions", "cheatsheet"], NOW);
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
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions", "review"], NOW);
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
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions"], NOW);
    sc.wait("What next?");
    // The last entries are below the fold at 24 rows: End scrolls to them.
    sc.send("\x1b[F");
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
    let mut sc = Screen::start_at(
        &sb,
        80,
        24,
        &["sessions", "review", "--no-shuffle"],
        "2026-12-01T09:30:00Z",
    );
    // Headed as review, not as the quiz's "Question 1 of 1".
    sc.wait("Review · item 1 of 1 · quiz question");
    sc.assert_no_row_too_wide();
    sc.send("d");
    // Review may go on to another kind of item, or end: the verdict says "continue".
    sc.wait("to continue");
    assert!(!sc.text().contains("next question"), "{}", sc.text());
    sc.send("\r");
    sc.wait("Rated Good");
    sc.wait("Reviewed 1 of 1");
    assert_eq!(sc.finish(), 0);
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("reviews = 2"), "{saved}");
}

/// A blanks problem due for review is asked again on its own screen; solving it and leaving
/// rates it. An exercise due for review is fixed again on the exercise screen, from a fresh
/// copy of its broken views, and rated by its checks (or Again when given up).
#[test]
fn a_blanks_problem_and_an_exercise_due_for_review_are_asked_on_screens() {
    let sb = Sandbox::new();
    // Day 0: the blanks problem wrong at its first check (Again), then left.
    let out = sb
        .learn(&["sessions", "blanks", "keep-the-append"])
        .env("LEARN_NOW", NOW)
        .write_stdin("get('cart', [])\naccessed = True\nq\n")
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("✗"), "{}", stdout_of(&out));
    let later = "2026-12-01T10:00:00Z";
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions", "review"], later);
    sc.wait("blank 1 of 2");
    sc.assert_no_row_too_wide();
    assert_eq!(
        sc.rows()[0],
        "Review · item 1 of 1 · fill in the blanks · blank 1 of 2"
    );
    sc.send("setdefault('cart', [])");
    sc.send("\t");
    sc.wait("blank 2 of 2");
    sc.send("modified = True\r");
    sc.wait("Solved, and saved");
    sc.assert_no_row_too_wide();
    sc.send(ESC);
    sc.wait("Rated Good");
    sc.wait("Reviewed 1 of 1");
    assert_eq!(sc.finish(), 0);

    // An exercise fixed at the first check on day 0 is due a month later.
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("views.py");
    let loaded = learn::content::load(&learn::content::Source::Embedded).unwrap();
    let pages: Vec<String> = loaded.topics[0]
        .pages
        .iter()
        .map(|p| p.slug.clone())
        .collect();
    let (all, _) = learn::activity::exercise::load_topic(
        &learn::content::Source::Embedded,
        "sessions",
        &pages,
    )
    .unwrap();
    let ex = all.iter().find(|e| e.name == "lost-append").unwrap();
    std::fs::write(&file, &ex.solution).unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "lost-append", "--check"])
        .arg(&file)
        .env("LEARN_NOW", NOW)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut sc = Screen::start_at(&sb, 60, 20, &["sessions", "review"], "2027-01-01T09:00:00Z");
    // Asked again on the exercise screen, from a fresh copy of the broken views.
    sc.wait("the broken views again");
    sc.wait("0 of 3 expectations hold.");
    sc.assert_no_row_too_wide();
    assert!(
        sc.rows()[0].starts_with("Review · item 1 of 1 · fix the view"),
        "{}",
        sc.text()
    );
    let footer = sc.rows().into_iter().rev().find(|r| !r.is_empty()).unwrap();
    assert!(footer.contains("g give up"), "{footer}");
    assert!(footer.contains("q/Esc stop the review"), "{footer}");
    // Saved from outside (any editor): checked at once, solved at the first try.
    let review_file = sb.data().join("exercises/sessions/review/lost-append.py");
    std::fs::write(&review_file, &ex.solution).unwrap();
    sc.wait("Well done");
    sc.wait("Enter/q go on");
    sc.assert_no_row_too_wide();
    sc.send("\r");
    sc.wait("Rated Good");
    assert_eq!(sc.finish(), 0);

    // Due again later: `g` gives up, shows the fixed views and rates Again.
    let doc = json_of(
        &sb,
        &["sessions", "review", "--json"],
        "2027-01-01T09:00:00Z",
    );
    let due = item(&doc, "exercise:lost-append")["due"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut sc = Screen::start_at(&sb, 80, 24, &["sessions", "review"], &due);
    sc.wait("0 of 3 expectations hold.");
    sc.send("g");
    sc.wait("You gave up on this one");
    sc.assert_no_row_too_wide();
    sc.send("\r");
    sc.wait("Rated Again");
    assert_eq!(sc.finish(), 0);
}

/// The row of the grid that contains `what`, if any.
fn row_with(sc: &Screen, what: &str) -> Option<usize> {
    sc.rows().iter().position(|r| r.contains(what))
}

/// In a terminal, each rating and when the item comes back are shown on the next item's
/// screen, above its footer, until a key is pressed (the normal screen, under the review's
/// screens, has them too, for after the review).
#[test]
fn review_shows_each_rating_on_the_next_items_screen() {
    for (cols, rows) in [(80u16, 24u16), (60, 20)] {
        let sb = Sandbox::new();
        let out = sb
            .learn(&["sessions", "read", "syntax"])
            .env("LEARN_NOW", NOW)
            .write_stdin("")
            .output()
            .unwrap();
        assert!(out.status.success());
        let mut sc = Screen::start_at(&sb, cols, rows, &["sessions", "review"], NOW);
        sc.wait("press Enter to see it");
        let first = sc.rows();
        assert!(
            first[0].starts_with("Review · item 1 of ") && first[0].contains("new card"),
            "{}",
            sc.text()
        );
        assert!(!sc.text().contains("Rated "), "{}", sc.text());
        sc.send("\r");
        sc.wait("How well did you remember it?");
        sc.send("1");
        sc.wait("Rated Again: next time in 10 minutes.");
        sc.wait("press Enter to see it");
        sc.assert_no_row_too_wide();
        let grid = sc.rows();
        assert!(grid[0].starts_with("Review · item 2 of "), "{}", sc.text());
        // Just above the footer (the last row), under the next card's body.
        let at = row_with(&sc, "Rated Again: next time in 10 minutes.").unwrap();
        assert_eq!(at, rows as usize - 2, "{}", sc.text());
        assert!(grid[rows as usize - 1].contains("q"), "{}", sc.text());
        // A key makes room for the screen again.
        sc.send("\r");
        sc.wait("How well did you remember it?");
        sc.wait_gone("Rated Again");
        sc.send("3");
        sc.wait("Rated Good: next time in ");
        sc.wait("press Enter to see it");
        sc.assert_no_row_too_wide();
        assert!(
            sc.rows()[0].starts_with("Review · item 3 of "),
            "{}",
            sc.text()
        );
        sc.send("q");
        sc.wait("Reviewed 2 of");
        // The normal screen keeps both lines for after the review.
        let text = sc.text();
        assert!(
            text.contains("Rated Again: next time in 10 minutes."),
            "{text}"
        );
        assert!(text.contains("Rated Good: next time in "), "{text}");
        assert_eq!(sc.finish(), 0);
    }
}

/// A quiz question in review is headed as review, on the question and on its verdict, at
/// 80×24 and 60×20.
#[test]
fn a_quiz_question_in_review_is_headed_as_review() {
    for (cols, rows) in [(80u16, 24u16), (60, 20)] {
        let sb = Sandbox::new();
        let out = sb
            .learn(&["sessions", "quiz", "--no-shuffle"])
            .env("LEARN_NOW", NOW)
            .write_stdin("a\na\nb\na\nc\n")
            .output()
            .unwrap();
        assert!(out.status.success());
        let mut sc = Screen::start_at(
            &sb,
            cols,
            rows,
            &["sessions", "review", "--no-shuffle"],
            "2026-12-01T09:30:00Z",
        );
        sc.wait("Review · item 1 of 1 · quiz question");
        sc.assert_no_row_too_wide();
        assert!(
            sc.rows()[0].starts_with("Review · item 1 of 1 · quiz question"),
            "{}",
            sc.text()
        );
        assert!(!sc.text().contains("Question 1 of"), "{}", sc.text());
        sc.send("d");
        sc.wait("to continue");
        assert!(!sc.text().contains("next question"), "{}", sc.text());
        sc.assert_no_row_too_wide();
        assert!(
            sc.rows()[0].starts_with("Review · item 1 of 1 · quiz question"),
            "{}",
            sc.text()
        );
        if cols >= 80 {
            assert!(sc.rows()[0].ends_with("· answered"), "{}", sc.text());
        }
        sc.send("\r");
        sc.wait("Rated Good");
        sc.wait("Reviewed 1 of 1");
        assert_eq!(sc.finish(), 0);
    }
}
