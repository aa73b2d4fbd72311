//! `learn sessions exercise` in plain mode and `--check FILE`, and `learn check` on exercise
//! files: the real binary, with its own data directory.

mod common;
use common::*;
use learn::activity::exercise::{self, Exercise};
use learn::content::Source;
use std::path::Path;

fn bundled() -> Vec<Exercise> {
    let loaded = learn::content::load(&Source::Embedded).unwrap();
    let topic = &loaded.topics[0];
    let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
    let (list, problems) = exercise::load_topic(&Source::Embedded, &topic.slug, &pages).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    list
}

fn by_name(name: &str) -> Exercise {
    bundled().into_iter().find(|e| e.name == name).unwrap()
}

#[test]
fn at_least_fifteen_exercises_each_broken_fails_and_solution_passes() {
    let list = bundled();
    assert!(list.len() >= 15, "{}", list.len());
    for ex in &list {
        let broken = ex.check(ex.starting_views());
        assert!(!broken.all_pass(), "{}: the broken views pass", ex.name);
        // The broken views run (the bug is in what they do), so the learner sees outcomes.
        assert!(
            broken.failure.is_none(),
            "{}: {:?}",
            ex.name,
            broken.failure
        );
        let fixed = ex.check(&ex.solution);
        assert!(
            fixed.all_pass(),
            "{}: {:?}",
            ex.name,
            fixed
                .outcomes
                .iter()
                .filter(|o| !o.pass)
                .collect::<Vec<_>>()
        );
        assert!(!ex.hints.is_empty(), "{}", ex.name);
    }
}

#[test]
fn the_list_is_in_course_order_with_done_and_pending() {
    let sb = Sandbox::new();
    let out = sb.learn(&["sessions", "exercise"]).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("0 of 15 done"), "{text}");
    // The same list as the order and blanks problems: number, state, title, name, page,
    // wrapped to 80 columns.
    let first = text.lines().find(|l| l.contains("(first-visit)")).unwrap();
    assert!(
        first.starts_with("   1. · pending ") && first.contains("(first-visit) · page 3,"),
        "{text}"
    );
    for l in text.lines() {
        assert!(console::measure_text_width(l) <= 80, "{l:?} in\n{text}");
    }
    let pos = |name: &str| text.find(&format!("({name})")).unwrap();
    assert!(pos("first-visit") < pos("lost-append"));
    assert!(pos("lost-append") < pos("login-cycle-key"));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fixed.py");
    std::fs::write(&file, by_name("lost-append").solution).unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "lost-append", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout_of(&out));
    let text = stdout_of(&sb.learn(&["sessions", "exercise"]).output().unwrap());
    assert!(text.contains("1 of 15 done"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("✓ done") && l.contains("(lost-append)")),
        "{text}"
    );
}

#[test]
fn check_reports_actual_next_to_expected_and_the_exit_status() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let ex = by_name("lost-append");
    let file = dir.path().join("mine.py");
    std::fs::write(&file, ex.starting_views()).unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "lost-append", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    assert!(text.contains("0 of 3 expectations hold."), "{text}");
    assert!(
        text.contains("✗ expected body is \"Cart: ['apple', 'pear']\"")
            && text.contains("got body \"Cart: []\""),
        "{text}"
    );
    // A partial fix: one more expectation holds, and the try is recorded with its best score.
    std::fs::write(
        &file,
        ex.starting_views().replace(
            "    request.session['cart'].append(request.GET['item'])\n",
            "    request.session['cart'].append(request.GET['item'])\n    if request.GET['item'] == 'apple':\n        request.session.modified = True\n",
        ),
    )
    .unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "lost-append", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout_of(&out).contains("1 of 3 expectations hold."),
        "{}",
        stdout_of(&out)
    );

    std::fs::write(&file, &ex.solution).unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "lost-append", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    assert!(stdout_of(&out).contains("✓ All 3 expectations hold."));

    let json = sb
        .learn(&["sessions", "progress", "--json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let rec = &doc["activities"]["exercise"]["lost-append"];
    assert_eq!(rec["done"], true, "{doc}");
    assert_eq!(rec["attempts"], 3);
    assert_eq!(
        (rec["best"].as_u64(), rec["out_of"].as_u64()),
        (Some(3), Some(3))
    );
}

#[test]
fn errors_in_the_learners_file_name_its_line() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.py");
    let check = |text: &str| {
        std::fs::write(&file, text).unwrap();
        let out = sb
            .learn(&["sessions", "exercise", "first-visit", "--check"])
            .arg(&file)
            .output()
            .unwrap();
        (out.status.code(), stdout_of(&out))
    };
    let (code, text) =
        check("from django.http import HttpResponse\n\ndef visits(request)\n    return 1\n");
    assert_eq!(code, Some(1));
    assert!(
        text.contains(&format!("Your views do not run: {}:3:", file.display())),
        "{text}"
    );
    let (code, text) = check("import os\n\ndef visits(request):\n    pass\n");
    assert_eq!(code, Some(1));
    assert!(text.contains("not supported in the simulator"), "{text}");
    assert!(text.contains(":1: ") && text.contains("(line 1)"), "{text}");
    // A runtime error: the request's exception with the line of the learner's file.
    let (code, text) = check(by_name("first-visit").starting_views());
    assert_eq!(code, Some(1));
    assert!(
        text.contains(&format!("raised KeyError at {}:4: 'count'", file.display())),
        "{text}"
    );
    // Not UTF-8, missing: a message, exit 1, no panic.
    std::fs::write(&file, b"x = 1\n\xff\n").unwrap();
    let out = sb
        .learn(&["sessions", "exercise", "first-visit", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout_of(&out).contains("not UTF-8 text (line 2)"),
        "{}",
        stdout_of(&out)
    );
    let out = sb
        .learn(&[
            "sessions",
            "exercise",
            "first-visit",
            "--check",
            "/nonexistent/x.py",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout_of(&out).contains("cannot read /nonexistent/x.py"));
    // An unknown exercise names the known ones.
    let out = sb
        .learn(&["sessions", "exercise", "nope"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("lost-append"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn the_workspace_keeps_the_learners_edits_until_reset() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str], input: &str| {
        let mut args = vec!["sessions", "exercise", "flash-once", "--dir"];
        args.push(dir.path().to_str().unwrap());
        args.extend_from_slice(extra);
        let out = sb.learn(&args).write_stdin(input).output().unwrap();
        stdout_of(&out)
    };
    let file = dir.path().join("flash-once.py");
    let text = run(&[], "q\n");
    assert!(
        text.contains(&format!("Your file: {}", file.display())),
        "{text}"
    );
    assert!(text.contains("Goal: The message appears"), "{text}");
    assert!(text.contains("1 of 4 expectations hold."), "{text}");
    let ex = by_name("flash-once");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ex.starting_views());
    // Hints come one at a time, then run out; EOF ends quietly.
    let text = run(&[], "h\nh\nh\nh\n");
    assert!(
        text.contains("Hint 1 of 3:") && text.contains("Hint 3 of 3:"),
        "{text}"
    );
    assert!(text.contains("There are no more hints."), "{text}");
    assert!(text.contains("(your edits so far are kept)"), "{text}");
    // The learner's edit survives another start; c checks it again; all pass shows the solution.
    std::fs::write(&file, "# mine\n").unwrap();
    let text = run(&[], "q\n");
    assert!(text.contains("Nothing was checked"), "{text}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# mine\n");
    std::fs::write(&file, &ex.solution).unwrap();
    let text = run(&[], "");
    assert!(text.contains("✓ All 4 expectations hold."), "{text}");
    assert!(text.contains("The reference solution:"), "{text}");
    // --reset starts again and keeps the previous text beside it.
    let text = run(&["--reset"], "q\n");
    assert!(text.contains("started again"), "{text}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ex.starting_views());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("flash-once.py.bak")).unwrap(),
        ex.solution
    );
}

fn content_with_exercise(name: &str, text: &str) -> tempfile::TempDir {
    let dir = content_copy();
    std::fs::write(
        dir.path().join("lessons/sessions/exercises").join(name),
        text,
    )
    .unwrap();
    dir
}

fn check_output(dir: &Path) -> (bool, String) {
    let out = Sandbox::new()
        .learn(&["check", "--content"])
        .arg(dir)
        .output()
        .unwrap();
    (out.status.success(), stdout_of(&out))
}

#[test]
fn learn_check_reports_bad_exercise_files_with_their_position() {
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/sessions/exercises/lost-append.toml"),
    )
    .unwrap();
    let (ok, text) = check_output(content_copy().path());
    assert!(ok, "{text}");

    // A typo in an expectation's key.
    let bad = good.replacen("body_equals =", "body_equal =", 1);
    let line = bad
        .lines()
        .position(|l| l.starts_with("body_equal ="))
        .unwrap()
        + 1;
    let dir = content_with_exercise("typo.toml", &bad);
    let (ok, text) = check_output(dir.path());
    assert!(!ok);
    assert!(
        text.contains(&format!(
            "lessons/sessions/exercises/typo.toml:{line}:1: unknown field `body_equal`"
        )),
        "{text}"
    );

    // A "broken" module that already passes.
    let start = good.find("views = '''").unwrap();
    let end = good[start + 11..].find("'''").unwrap() + start + 11 + 3;
    let sol_start = good.find("solution = '''").unwrap() + "solution = ".len();
    let sol_end = good[sol_start + 3..].find("'''").unwrap() + sol_start + 6;
    let passes = format!(
        "{}views = {}{}",
        &good[..start],
        &good[sol_start..sol_end],
        &good[end..]
    );
    let dir = content_with_exercise("passes.toml", &passes);
    let (ok, text) = check_output(dir.path());
    assert!(!ok);
    assert!(
        text.contains("lessons/sessions/exercises/passes.toml:")
            && text.contains("the broken views already pass every expectation"),
        "{text}"
    );

    // A solution that fails, and a page that does not exist.
    let wrong = good
        .replace("    request.session['cart'] = cart\n", "")
        .replace("page = \"when-saved\"", "page = \"when-saves\"");
    let dir = content_with_exercise("wrong.toml", &wrong);
    let (ok, text) = check_output(dir.path());
    assert!(!ok);
    assert!(
        text.contains("the solution fails this expectation on request 2"),
        "{text}"
    );
    assert!(
        text.contains("page \"when-saves\" is not a page of this topic"),
        "{text}"
    );

    // Not TOML at all.
    let dir = content_with_exercise("broken.toml", "format_version = 1\nviews = '''\n");
    let (ok, text) = check_output(dir.path());
    assert!(!ok);
    assert!(
        text.contains("lessons/sessions/exercises/broken.toml:3:1: invalid multi-line"),
        "{text}"
    );
}

/// `learn check` counts the exercise, order and blanks files among the files it read.
#[test]
fn check_counts_the_activity_files() {
    let sb = Sandbox::new();
    let out = sb.learn(&["check"]).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    let count = |dir: &str| {
        std::fs::read_dir(format!("lessons/sessions/{dir}"))
            .unwrap()
            .count()
    };
    let (e, o, b) = (count("exercises"), count("order"), count("blanks"));
    assert!(
        text.contains(&format!(
            "{e} exercises, {o} order problems, {b} blanks problems"
        )),
        "{text}"
    );
    let all = count("simulations")
        + std::fs::read_dir("lessons/sessions")
            .unwrap()
            .filter(|f| {
                f.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "toml")
            })
            .count()
        + std::fs::read_dir("quizzes/sessions").unwrap().count()
        + e
        + o
        + b;
    assert!(text.contains(&format!("{all} files read")), "{text}");
}
