//! Exercises, Parsons and blanks problems in spaced review, through a pipe and across
//! simulated days: the first check enters an item (Good when it passes, Again when not), the
//! review asks it again (a Parsons or blanks problem is solved again, an exercise fixed again
//! in a fresh file, each rated by its checks; an exercise is a short check rated by the
//! learner only when its file cannot be written), and `review --json` / `progress --json`
//! list them.

mod common;
use common::review::*;
use common::*;
use learn::activity::parsons;
use std::path::Path;

fn problem(name: &str) -> parsons::Parsons {
    let path = format!("lessons/sessions/order/{name}.toml");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
    parsons::load(name, &path, &text).unwrap()
}

fn exercise_solution(name: &str) -> String {
    exercise(name).solution
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
fn review_asks_blanks_again_and_an_exercise_as_a_short_check_when_its_file_cannot_be_written() {
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

    // The exercise's review file cannot be made: a plain file stands where its folder goes.
    std::fs::write(sb.data().join("exercises"), "not a folder").unwrap();
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
    assert!(text.contains("Cannot write the exercise's file"), "{text}");
    assert!(text.contains("Fix the view: The lost append."), "{text}");
    assert!(text.contains("The fixed views:"), "{text}");
    let doc = json_of(&sb, &["sessions", "review", "--json"], later);
    assert_eq!(item(&doc, "blanks:keep-the-append")["last_rating"], "hard");
    assert_eq!(item(&doc, "exercise:lost-append")["last_rating"], "good");
    assert_eq!(item(&doc, "exercise:lost-append")["reviews"], 2);
}

/// Runs `learn sessions review` piped at `now`, fixing the exercise `name` in its review file:
/// for each step, once the review asks for a command, the file is written with the text given
/// (if any) and the command line is typed. Returns stdout.
fn review_fixing(sb: &Sandbox, name: &str, now: &str, steps: &[(Option<&str>, &str)]) -> String {
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    let path = sb
        .data()
        .join("exercises/sessions/review")
        .join(format!("{name}.py"));
    let mut child = std::process::Command::new(BIN)
        .args(["sessions", "review"])
        .env("LEARN_DATA_DIR", sb.data())
        .env("LEARN_NOW", now)
        .env_remove("LEARN_CONTENT_DIR")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let seen = Arc::new(Mutex::new(String::new()));
    let mut stdout = child.stdout.take().unwrap();
    let sink = seen.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    for (i, (text, command)) in steps.iter().enumerate() {
        // The review asks for a command once per step.
        let start = std::time::Instant::now();
        while seen
            .lock()
            .unwrap()
            .matches("Edit the file in any editor")
            .count()
            <= i
        {
            assert!(
                start.elapsed().as_secs() < 20,
                "not asked:\n{}",
                seen.lock().unwrap()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        if let Some(t) = text {
            std::fs::write(&path, t).unwrap();
        }
        writeln!(stdin, "{command}").unwrap();
        stdin.flush().unwrap();
    }
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let text = seen.lock().unwrap().clone();
    assert!(status.success(), "{text}");
    text
}

#[test]
fn an_exercise_in_review_is_fixed_again_in_a_fresh_file_and_rated_by_its_checks() {
    let sb = Sandbox::new();
    let ex = exercise("lost-append");
    // Day 0: the learner's own file, checked while still broken: Again.
    let own = sb.data().join("exercises/sessions/lost-append.py");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    let mine = format!("# my notes\n{}", ex.starting_views());
    std::fs::write(&own, &mine).unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "lost-append", "--check"])
        .arg(&own)
        .env("LEARN_NOW", DAY0)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout_of(&out));
    let doc = json_of(&sb, &["sessions", "review", "--json"], DAY0);
    assert_eq!(item(&doc, "exercise:lost-append")["last_rating"], "again");

    // Day 1: asked again as the broken views in a fresh file. A check of the untouched file
    // is not a try; the fix at the first real check is Good.
    let day1 = "2026-12-02T09:00:00Z";
    assert_eq!(
        next_session(&json_of(&sb, &["sessions", "review", "--json"], day1)),
        vec!["exercise:lost-append".to_string()]
    );
    let text = review_fixing(
        &sb,
        "lost-append",
        day1,
        &[(None, "c"), (Some(&ex.solution), "c")],
    );
    assert!(text.contains("1 of 1 · fix the view"), "{text}");
    assert!(text.contains("the broken views again"), "{text}");
    assert!(
        text.contains("exercises/sessions/review/lost-append.py"),
        "{text}"
    );
    assert!(text.contains("These are still the broken views"), "{text}");
    assert!(text.contains("Solved: every expectation holds."), "{text}");
    assert!(text.contains("Rated Good"), "{text}");
    assert!(!text.contains('\x1b'));
    let doc = json_of(&sb, &["sessions", "review", "--json"], day1);
    let i = item(&doc, "exercise:lost-append");
    assert_eq!(i["last_rating"], "good", "{i}");
    assert_eq!(i["reviews"], 2, "{i}");
    // The learner's own exercise file is left as it was.
    assert_eq!(std::fs::read_to_string(&own).unwrap(), mine);

    // When it is due again: a wrong fix first, then the right one: Hard.
    let due = i["due"].as_str().unwrap().to_owned();
    assert!(due.as_str() > "2026-12-03", "{due}");
    let wrong = ex.starting_views().replace("append", "extend");
    let text = review_fixing(
        &sb,
        "lost-append",
        &due,
        &[(Some(&wrong), "c"), (Some(&ex.solution), "c")],
    );
    assert!(text.contains("expectations hold."), "{text}");
    assert!(text.contains("Rated Hard"), "{text}");
    let doc = json_of(&sb, &["sessions", "review", "--json"], &due);
    let i = item(&doc, "exercise:lost-append");
    assert_eq!(i["last_rating"], "hard", "{i}");
    assert_eq!(i["reviews"], 3, "{i}");

    // Due again: given up, the fixed views are shown: Again, back within the hour.
    let due = i["due"].as_str().unwrap().to_owned();
    let text = review_fixing(&sb, "lost-append", &due, &[(None, "g")]);
    assert!(text.contains("The fixed views:"), "{text}");
    assert!(text.contains("Rated Again"), "{text}");
    let doc = json_of(&sb, &["sessions", "review", "--json"], &due);
    let i = item(&doc, "exercise:lost-append");
    assert_eq!(i["last_rating"], "again", "{i}");
    assert_eq!(i["lapses"], 2, "{i}");

    // Leaving before any check of one's own stops the review without a rating.
    let hour_on = "2027-06-01T09:00:00Z";
    let text = review_fixing(&sb, "lost-append", hour_on, &[(None, "q")]);
    assert!(text.contains("Reviewed 0 of 1"), "{text}");
    let doc = json_of(&sb, &["sessions", "review", "--json"], hour_on);
    assert_eq!(item(&doc, "exercise:lost-append")["reviews"], 4);
}
