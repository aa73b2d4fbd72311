//! Exercises, Parsons and blanks problems in spaced review, through a pipe and across
//! simulated days: the first check enters an item (Good when it passes, Again when not), the
//! review asks it again (a Parsons or blanks problem is solved again and rated by its checks;
//! an exercise is a short check rated by the learner), and `review --json` / `progress --json`
//! list them.

mod common;
use common::*;
use learn::activity::parsons;
use std::path::Path;

const DAY0: &str = "2026-12-01T09:00:00Z";

fn json_of(sb: &Sandbox, args: &[&str], now: &str) -> serde_json::Value {
    let out = sb.learn(args).env("LEARN_NOW", now).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_str(&stdout_of(&out)).unwrap()
}

fn item<'a>(doc: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    doc["schedule"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no {key} in {doc}"))
}

fn next_session(doc: &serde_json::Value) -> Vec<String> {
    doc["schedule"]["next_session"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect()
}

fn problem(name: &str) -> parsons::Parsons {
    let path = format!("lessons/sessions/order/{name}.toml");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
    parsons::load(name, &path, &text).unwrap()
}

fn exercise_solution(name: &str) -> String {
    let loaded = learn::content::load(&learn::content::Source::Embedded).unwrap();
    let topic = &loaded.topics[0];
    let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
    let (all, _) = learn::activity::exercise::load_topic(
        &learn::content::Source::Embedded,
        "sessions",
        &pages,
    )
    .unwrap();
    all.into_iter().find(|e| e.name == name).unwrap().solution
}

/// The shuffle seed the review gives the first item it asks, for `--seed S` (the review's
/// generator's first draw).
fn first_item_seed(review_seed: u64) -> u64 {
    fastrand::Rng::with_seed(review_seed).u64(..)
}

#[test]
fn a_drill_enters_review_at_its_first_check_and_a_wrong_one_comes_back_sooner() {
    let sb = Sandbox::new();
    // Blanks solved at the first check: Good.
    let out = sb
        .learn(&["sessions", "blanks", "keep-the-append"])
        .env("LEARN_NOW", DAY0)
        .write_stdin("setdefault('cart', [])\nmodified = True\n")
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("Solved"), "{}", stdout_of(&out));
    // A Parsons problem wrong at the first check, then left: Again.
    let out = sb
        .learn(&["sessions", "order", "set-and-read", "--seed", "1"])
        .env("LEARN_NOW", DAY0)
        .write_stdin("1 2 3\nq\n")
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("✗"), "{}", stdout_of(&out));
    // An exercise checked with its fixed file: Good.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("views.py");
    std::fs::write(&file, exercise_solution("first-visit")).unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "first-visit", "--check"])
        .arg(&file)
        .env("LEARN_NOW", DAY0)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout_of(&out));

    let doc = json_of(&sb, &["sessions", "review", "--json"], DAY0);
    for (key, kind, rating) in [
        ("blanks:keep-the-append", "blanks", "good"),
        ("order:set-and-read", "order", "again"),
        ("exercise:first-visit", "exercise", "good"),
    ] {
        let i = item(&doc, key);
        assert_eq!(i["kind"], kind, "{i}");
        assert_eq!(i["last_rating"], rating, "{i}");
        assert_eq!(i["reviews"], 1, "{i}");
    }
    // progress --json carries the same schedule.
    let progress = json_of(&sb, &["sessions", "progress", "--json"], DAY0);
    assert_eq!(item(&progress, "order:set-and-read")["kind"], "order");

    // A later check outside review is practice: the schedule stays as it was.
    let p = problem("set-and-read");
    let answer = parsons::write_answer(&p, &p.solution(), &p.shuffled(1));
    let out = sb
        .learn(&["sessions", "order", "set-and-read", "--seed", "1"])
        .env("LEARN_NOW", DAY0)
        .write_stdin(format!("{answer}\n"))
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("Solved"), "{}", stdout_of(&out));
    let doc = json_of(&sb, &["sessions", "review", "--json"], DAY0);
    assert_eq!(item(&doc, "order:set-and-read")["reviews"], 1);

    // An hour later only the one answered wrong is due.
    let hour = "2026-12-01T10:00:00Z";
    let doc = json_of(&sb, &["sessions", "review", "--json"], hour);
    assert_eq!(next_session(&doc), vec!["order:set-and-read".to_string()]);
    let good_due = item(&doc, "blanks:keep-the-append")["due"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(good_due.as_str() > "2026-12-02", "{good_due}");

    // The review asks the problem again; solved at its first check it is rated Good.
    let seed = first_item_seed(7);
    let answer = parsons::write_answer(&p, &p.solution(), &p.shuffled(seed));
    let out = sb
        .learn(&["sessions", "review", "--seed", "7"])
        .env("LEARN_NOW", hour)
        .write_stdin(format!("{answer}\n"))
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(text.contains("1 of 1 · put the lines in order"), "{text}");
    assert!(text.contains("Rated Good"), "{text}");
    assert!(!text.contains('\x1b'));
    let doc = json_of(&sb, &["sessions", "review", "--json"], hour);
    let i = item(&doc, "order:set-and-read");
    assert_eq!(i["reviews"], 2, "{i}");
    assert_eq!(i["last_rating"], "good", "{i}");
    assert!(i["due"].as_str().unwrap() > hour, "{i}");
}

#[test]
fn review_asks_blanks_again_and_an_exercise_as_a_short_check() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "blanks", "keep-the-append"])
        .env("LEARN_NOW", DAY0)
        .write_stdin("setdefault('cart', [])\nmodified = True\n")
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("Solved"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("views.py");
    std::fs::write(&file, exercise_solution("lost-append")).unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "lost-append", "--check"])
        .arg(&file)
        .env("LEARN_NOW", DAY0)
        .output()
        .unwrap();
    assert!(out.status.success());

    // A month on, both are due. Blanks: a wrong fill, then the right one (rated Hard); the
    // exercise: Enter to see the fix, then 3 (Good).
    let later = "2027-01-01T09:00:00Z";
    let doc = json_of(&sb, &["sessions", "review", "--json"], later);
    let plan = next_session(&doc);
    assert!(
        plan.contains(&"blanks:keep-the-append".to_string()),
        "{plan:?}"
    );
    assert!(
        plan.contains(&"exercise:lost-append".to_string()),
        "{plan:?}"
    );
    let mut input = String::new();
    for key in &plan {
        match key.as_str() {
            "blanks:keep-the-append" => input.push_str(
                "get('cart', [])\naccessed = True\nsetdefault('cart', [])\nmodified = True\n",
            ),
            "exercise:lost-append" => input.push_str("\n3\n"),
            _ => input.push_str("q\n"),
        }
    }
    let out = sb
        .learn(&["sessions", "review", "--seed", "3"])
        .env("LEARN_NOW", later)
        .write_stdin(input)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(text.contains("fill in the blanks"), "{text}");
    assert!(text.contains("fix the view"), "{text}");
    assert!(text.contains("Fix the view: The lost append."), "{text}");
    assert!(text.contains("The fixed views:"), "{text}");
    let doc = json_of(&sb, &["sessions", "review", "--json"], later);
    assert_eq!(item(&doc, "blanks:keep-the-append")["last_rating"], "hard");
    assert_eq!(item(&doc, "exercise:lost-append")["last_rating"], "good");
    assert_eq!(item(&doc, "exercise:lost-append")["reviews"], 2);
}
