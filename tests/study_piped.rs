//! Review, flashcards, explain-it, the cheat sheet and the drawn test, driven through a pipe
//! across simulated days with the movable review clock.

mod common;
use common::review::*;
use common::*;

#[test]
fn a_card_answered_wrong_comes_back_sooner_than_one_answered_right() {
    let sb = Sandbox::new();
    // Reading the syntax page brings its flashcards into review.
    let out = sb
        .learn(&["sessions", "read", "syntax"])
        .env("LEARN_NOW", DAY0)
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
    let before = json_of(&sb, &["sessions", "review", "--json"], DAY0);
    let first_two: Vec<String> = before["schedule"]["next_session"].as_array().unwrap()[..2]
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    assert!(
        first_two.iter().all(|k| k.starts_with("card:")),
        "{first_two:?}"
    );
    // The first card: Enter to reveal, then Again; the second: Enter, then Good; then leave.
    let out = sb
        .learn(&["sessions", "review"])
        .env("LEARN_NOW", DAY0)
        .write_stdin("\n1\n\n3\nq\n")
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        text.contains("Rated Again: next time in 10 minutes."),
        "{text}"
    );
    assert!(text.contains("Rated Good: next time in 2 days."), "{text}");
    assert!(text.contains("Reviewed 2 of"), "{text}");
    assert!(!text.contains('\x1b'));
    // An hour later the card answered wrong is due and the other is not.
    let later = json_of(
        &sb,
        &["sessions", "review", "--json"],
        "2026-12-01T10:00:00Z",
    );
    let wrong = item(&later, &first_two[0]);
    let right = item(&later, &first_two[1]);
    assert_eq!(wrong["is_due"], true);
    assert_eq!(right["is_due"], false);
    assert!(wrong["due"].as_str() < right["due"].as_str());
    assert_eq!(wrong["lapses"], 1);
    // Three days on, both are due.
    let day3 = json_of(
        &sb,
        &["sessions", "review", "--json"],
        "2026-12-04T09:00:00Z",
    );
    assert_eq!(item(&day3, &first_two[0])["is_due"], true);
    assert_eq!(item(&day3, &first_two[1])["is_due"], true);
}

#[test]
fn nothing_to_review_says_what_to_do() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "review"])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout_of(&out).contains("Nothing to review yet: read a lesson page"));
}

#[test]
fn a_bad_clock_is_refused_with_a_message_and_reading_still_works() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "review"])
        .env("LEARN_NOW", "tomorrow")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("cannot read the time \"tomorrow\"") && err.contains("LEARN_NOW"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    let out = sb
        .learn(&["sessions", "read", "1"])
        .env("LEARN_NOW", "tomorrow")
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn the_test_is_ten_drawn_questions_reproducible_by_seed_and_a_pretest_before_reading() {
    let sb = Sandbox::new();
    let run = |seed: &str| {
        let out = sb
            .learn(&["sessions", "quiz", "test", "--seed", seed, "--json"])
            .env("LEARN_NOW", DAY0)
            .write_stdin("a\n".repeat(10))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
        let ids: Vec<String> = doc["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["question"].as_str().unwrap().to_owned())
            .collect();
        (ids, stderr_of(&out))
    };
    let (first, text) = run("5");
    assert_eq!(first.len(), 10);
    assert!(text.contains("Question 1 of 10 · easy"), "{text}");
    assert!(text.contains("Question 10 of 10 · hard"), "{text}");
    assert!(text.contains("This was the pretest"), "{text}");
    // The same seed on a fresh learner draws the same questions.
    let other = Sandbox::new();
    let out = other
        .learn(&["sessions", "quiz", "test", "--seed", "5", "--json"])
        .write_stdin("a\n".repeat(10))
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let again: Vec<&str> = doc["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["question"].as_str().unwrap())
        .collect();
    assert_eq!(again, first);
    // A retake avoids the last sitting's questions.
    let (second, text) = run("5");
    assert!(
        second.iter().all(|q| !first.contains(q)),
        "{second:?} after {first:?}"
    );
    assert!(text.contains("This was the pretest"));
    // The pretest score is in progress, before and after side by side.
    let doc = json_of(&sb, &["sessions", "progress", "--json"], DAY0);
    assert_eq!(doc["pretest"]["questions"].as_array().unwrap().len(), 10);
    assert!(doc["post_test"].is_null());
    let out = sb.learn(&["sessions", "progress"]).output().unwrap();
    assert!(
        stdout_of(&out).contains("Test: before the lesson"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn explain_it_shows_the_model_answer_and_schedules_the_prompt() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "explain", "syntax"])
        .env("LEARN_NOW", DAY0)
        .write_stdin("del insists on the key, pop has a default\n2 3\n")
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(text.contains("A model answer:") && text.contains("A good answer contains:"));
    assert!(
        text.contains("2 of 3 points. It comes back in review in 1 day."),
        "{text}"
    );
    let doc = json_of(&sb, &["sessions", "review", "--json"], DAY0);
    let key = doc["schedule"]["items"][0]["key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(key.starts_with("explain:"), "{doc}");
    assert_eq!(doc["schedule"]["items"][0]["last_rating"], "hard");
    // Skipping rates it Again.
    let out = sb
        .learn(&["sessions", "explain", "3"])
        .write_stdin("\n")
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("Skipped"));
    let out = sb.learn(&["sessions", "explain", "nope"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr_of(&out).contains("there is no page \"nope\""));
}

#[test]
fn cards_list_a_page_or_all() {
    let sb = Sandbox::new();
    let all = stdout_of(&sb.learn(&["sessions", "cards"]).output().unwrap());
    assert!(all.contains("73 flashcards"));
    assert!(
        all.matches("Q: ").count() == 73,
        "{}",
        all.matches("Q: ").count()
    );
    let one = stdout_of(&sb.learn(&["sessions", "cards", "syntax"]).output().unwrap());
    assert!(one.contains("Reading and writing the session"));
    assert!(one.matches("Q: ").count() < 20);
    assert!(!one.contains("Turning sessions on ("));
}

#[test]
fn the_cheat_sheet_prints_as_text_and_markdown() {
    let sb = Sandbox::new();
    let text = stdout_of(&sb.learn(&["sessions", "cheatsheet"]).output().unwrap());
    for part in [
        "The API",
        "Settings and their defaults",
        "What SessionMiddleware does at the response",
        "Common mistakes and their fixes",
        "SESSION_COOKIE_AGE = 1209600",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    assert!(!text.contains('\x1b'));
    let md = stdout_of(
        &sb.learn(&["sessions", "cheatsheet", "--format", "markdown"])
            .output()
            .unwrap(),
    );
    assert!(md.starts_with("# Django sessions: cheat sheet"));
    assert!(md.contains("| `SESSION_COOKIE_AGE` | `1209600` |"));
    assert!(md.contains("5. **"));
}

#[test]
fn quiz_answers_enter_review_and_the_menu_shows_what_is_due() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .env("LEARN_NOW", DAY0)
        .write_stdin("a\na\nb\na\nc\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc = json_of(
        &sb,
        &["sessions", "review", "--json"],
        "2026-12-01T09:30:00Z",
    );
    assert_eq!(doc["schedule"]["items"].as_array().unwrap().len(), 5);
    assert_eq!(
        doc["schedule"]["due_now"], 1,
        "one wrong answer is due again: {doc}"
    );
    let menu = stdout_of(
        &sb.learn(&["sessions"])
            .env("LEARN_NOW", "2026-12-01T09:30:00Z")
            .write_stdin("")
            .output()
            .unwrap(),
    );
    assert!(menu.contains("Review: 1 due now"), "{menu}");
}

#[test]
fn progress_lists_only_the_drawn_questions_that_were_asked_and_missed() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "test", "--seed", "5", "--json"])
        .env("LEARN_NOW", DAY0)
        .write_stdin("a\n".repeat(10))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let missed = doc["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["correct"] == false)
        .count();
    assert!(missed > 0, "{doc}");
    let out = sb.learn(&["sessions", "progress"]).output().unwrap();
    let text = stdout_of(&out);
    let test = &text[text.find("Quiz: Test").unwrap()..];
    let test = &test[..test.find("Progress is kept").unwrap()];
    let bank = common::quiz_len("test");
    assert!(
        test.contains(&format!("Asked so far: 10 of the {bank} questions")),
        "{test}"
    );
    assert!(test.contains("Asked and not yet answered right:"), "{test}");
    assert_eq!(test.matches("    • ").count(), missed, "{test}");
}
