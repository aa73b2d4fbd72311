//! Predict, then see, piped: the questions, the verdicts, the score, what is saved, and
//! `learn check` on written checkpoints.

mod common;
use common::*;

fn answers(n: usize, letter: &str) -> String {
    format!("{letter}\n").repeat(n)
}

#[test]
fn piped_predict_asks_shows_why_and_scores() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "simulate", "cart-lost-append", "--predict"])
        .env("LEARN_NOW", "2026-12-01T09:00:00Z")
        .write_stdin(answers(20, "a"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    // The written checkpoints of the scenario, in its own words.
    assert!(
        text.contains("The view appends 'apple' to the cart kept in the session."),
        "{text}"
    );
    assert!(text.contains("Your prediction (A–"), "{text}");
    assert!(text.contains("What really happens: "), "{text}");
    assert!(text.contains("Why: "), "{text}");
    // The note that gives the answer away comes after the question, not before it.
    let note = "no cookie is sent";
    let question = text.find("do with the session cookie?").unwrap();
    assert!(text.find(note).unwrap() > question, "{text}");
    assert!(text.contains("You predicted "), "{text}");
    assert!(text.contains(" of 4 right."), "{text}");
    // Saved: the activity's score and one review item per checkpoint.
    let json = stdout_of(
        &sb.learn(&["sessions", "progress", "--json"])
            .env("LEARN_NOW", "2026-12-01T09:00:00Z")
            .output()
            .unwrap(),
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let record = &doc["activities"]["predict"]["cart-lost-append"];
    assert_eq!(record["out_of"], 4, "{doc}");
    assert_eq!(record["done"], true, "{doc}");
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert_eq!(
        saved.matches("\"predict:cart-lost-append/").count(),
        4,
        "{saved}"
    );
}

#[test]
fn a_wrong_prediction_names_the_misconception_that_gives_it() {
    let sb = Sandbox::new();
    // Try every letter on the third request's body: one of them is wrong.
    let mut seen_wrong = false;
    for letter in ["a", "b"] {
        let out = sb
            .learn(&["sessions", "simulate", "cart-lost-append", "--predict"])
            .write_stdin(answers(20, letter))
            .output()
            .unwrap();
        let text = stdout_of(&out);
        if text.contains("✗ Not this time") {
            assert!(
                text.contains("Your choice is what would happen if "),
                "{text}"
            );
            seen_wrong = true;
        }
        assert!(text.contains("✓ Right.") || text.contains("✗ Not this time"));
    }
    assert!(seen_wrong);
}

#[test]
fn any_scenario_file_gets_checkpoints_and_bad_input_is_asked_again() {
    let sb = Sandbox::new();
    let file = sb.data().join("mine.toml");
    std::fs::write(
        &file,
        r#"format_version = 1
title = "Mine"
views = '''
from django.http import HttpResponse

def visit(request):
    count = request.session.get('count', 0)
    count += 1
    request.session['count'] = count
    return HttpResponse(f"visit {count}")
'''
[[request]]
view = "visit"
[[request]]
view = "visit"
"#,
    )
    .unwrap();
    let out = sb
        .learn(&["sessions", "simulate", file.to_str().unwrap(), "--predict"])
        .write_stdin(format!("z\n\n{}", answers(10, "1")))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("\"z\" is not one of the choices"), "{text}");
    assert!(text.contains("Nothing typed"), "{text}");
    // get() without its default makes line 5 raise: asked before it runs.
    assert!(
        text.contains("line 5 is about to run. Will it raise, and what?"),
        "{text}"
    );
    assert!(text.contains("Yes: TypeError"), "{text}");
    assert!(text.contains("You predicted "), "{text}");
    // A file's answers are scored, but do not enter review (its path may change).
    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(!saved.contains("\"predict:"), "{saved}");
    assert!(saved.contains("mine.toml"), "{saved}");
}

#[test]
fn the_end_of_input_stops_with_the_score_so_far() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "simulate", "visit-counter", "--predict"])
        .write_stdin("a\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("You predicted "), "{text}");
    assert!(text.contains(" of 1 right."), "{text}");
}

#[test]
fn a_checkpoint_answered_wrong_comes_back_in_review() {
    let sb = Sandbox::new();
    // With this seed, answering A to every checkpoint gets some wrong.
    sb.learn(&[
        "sessions",
        "simulate",
        "cart-lost-append",
        "--predict",
        "--seed",
        "3",
    ])
    .env("LEARN_NOW", "2026-12-01T09:00:00Z")
    .write_stdin(answers(4, "a"))
    .output()
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(
        &sb.learn(&["sessions", "review", "--json"])
            .env("LEARN_NOW", "2026-12-01T09:30:00Z")
            .output()
            .unwrap(),
    ))
    .unwrap();
    let items = doc["schedule"]["items"]
        .as_array()
        .or_else(|| doc["items"].as_array())
        .unwrap_or_else(|| panic!("{doc}"));
    let predict: Vec<&serde_json::Value> = items
        .iter()
        .filter(|i| i["key"].as_str().unwrap().starts_with("predict:"))
        .collect();
    assert_eq!(predict.len(), 4, "{doc}");
    let wrong = predict
        .iter()
        .filter(|i| i["last_rating"] == "again")
        .count();
    let due = predict.iter().filter(|i| i["is_due"] == true).count();
    assert_eq!(
        due, wrong,
        "the wrong ones are due half an hour later: {doc}"
    );
    assert!(wrong > 0, "{doc}");
    {
        let out = sb
            .learn(&["sessions", "review"])
            .env("LEARN_NOW", "2026-12-01T09:30:00Z")
            .write_stdin(answers(10, "a"))
            .output()
            .unwrap();
        let text = stdout_of(&out);
        assert!(text.contains("· predict"), "{text}");
        assert!(
            text.contains("From the scenario \"The lost cart item\""),
            "{text}"
        );
        assert!(text.contains("What really happens: "), "{text}");
    }
}

#[test]
fn check_reports_a_written_checkpoint_that_cannot_be_asked_and_an_unknown_ask() {
    let dir = content_copy();
    let path = dir
        .path()
        .join("lessons/sessions/simulations/zz-hello.toml");
    // A view that never touches the session: no misconception changes its body, so there
    // is no wrong choice to offer.
    let text = r#"format_version = 1
title = "Hello"
views = '''
from django.http import HttpResponse

def hello(request):
    return HttpResponse("hi")
'''

[[request]]
view = "hello"

[[request.predict]]
ask = "body"
"#;
    std::fs::write(&path, text).unwrap();
    let line = text.lines().position(|l| l.starts_with("ask = ")).unwrap() + 1;
    let sb = Sandbox::new();
    let out = sb
        .learn(&["check", "--content", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let report = stdout_of(&out);
    assert!(!out.status.success(), "{report}");
    assert!(
        report.contains(&format!(
            "zz-hello.toml:{line}:7: [[request.predict]] cannot be asked"
        )),
        "{report}"
    );
    // An unknown ask is refused with its position.
    std::fs::write(&path, text.replace("\"body\"", "\"colour\"")).unwrap();
    let out = sb
        .learn(&["check", "--content", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let report = stdout_of(&out);
    assert!(
        report.contains(&format!("zz-hello.toml:{line}:7: unknown ask \"colour\"")),
        "{report}"
    );
}

#[test]
fn the_bundled_content_with_its_written_checkpoints_passes_check() {
    let sb = Sandbox::new();
    let out = sb.learn(&["check"]).output().unwrap();
    assert!(out.status.success(), "{}", stdout_of(&out));
}

#[test]
fn the_piped_menu_lists_the_activities_in_order_and_takes_two_digits() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions"])
        .write_stdin("14\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    let at = |what: &str| {
        text.find(what)
            .unwrap_or_else(|| panic!("{what:?} missing:\n{text}"))
    };
    // Pretest, lesson, predict, sandbox, exercises, order, blanks, practice, explain, review:
    // the newcomer's order.
    let order = [
        " 1. Pretest",
        " 2. Read the lesson (0 of",
        " 3. Predict, then see (0 of",
        " 4. Sandbox",
        " 5. Fix the view (0 of",
        " 6. Put the lines in order (0 of",
        " 7. Fill in the blanks (0 of",
        " 8. Practice",
        " 9. Explain it (0 of",
        "10. Review",
        "14. Your progress",
        "15. Quit",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{pair:?}:\n{text}");
    }
    assert!(text.contains("Go round these activities"), "{text}");
    // 14 opened the progress.
    assert!(text.contains("Predict, then see\n  0 of "), "{text}");
}

#[test]
fn predict_from_the_piped_menu() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions"])
        .write_stdin("3\nvisit-counter\na\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("Predict, then see: Visit counter"), "{text}");
    assert!(text.contains("What really happens: "), "{text}");
}
