//! The command line as a newcomer meets it: topics, the lesson, progress, reset, check.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn learn_alone_lists_topics_and_how_to_start() {
    let sb = Sandbox::new();
    let out = sb.learn(&[]).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("sessions  Django sessions"));
    assert!(text.contains("Start with: learn sessions"));
}

#[test]
fn help_has_examples_and_version_works() {
    let sb = Sandbox::new();
    let text = stdout_of(&sb.learn(&["--help"]).output().unwrap());
    assert!(text.contains("Examples:") && text.contains("learn sessions quiz"));
    let text = stdout_of(&sb.learn(&["sessions", "--help"]).output().unwrap());
    assert!(text.contains("read") && text.contains("quiz") && text.contains("progress"));
    let text = stdout_of(&sb.learn(&["--version"]).output().unwrap());
    assert!(text.starts_with("learn "));
}

/// The subcommands a `--help` lists under "Commands:" (without `help`).
fn commands_listed(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn at_60_columns_every_help_fits_and_each_example_has_its_description_below_it() {
    use unicode_width::UnicodeWidthStr;
    let sb = Sandbox::new();
    for args in [&["--help"][..], &["sessions", "--help"]] {
        let text = stdout_of(&sb.learn(args).env("COLUMNS", "60").output().unwrap());
        for line in text.lines() {
            assert!(
                line.width() <= 60,
                "{args:?}: {} columns: {line}",
                line.width()
            );
        }
        let examples: Vec<&str> = text
            .lines()
            .skip_while(|l| *l != "Examples:")
            .skip(1)
            .take_while(|l| !l.is_empty())
            .collect();
        assert!(examples.len() >= 12, "{args:?}: {text}");
        for pair in examples.chunks(2) {
            let [command, what] = pair else {
                panic!("{args:?}: an example without its description: {pair:?}")
            };
            assert!(
                command.starts_with("  ") && !command.starts_with("   "),
                "{args:?}: {command}"
            );
            assert!(
                what.starts_with("      ") && !what.starts_with("       "),
                "{args:?}: {what}"
            );
        }
    }
}

#[test]
fn every_help_fits_80_columns_when_piped() {
    use unicode_width::UnicodeWidthStr;
    let sb = Sandbox::new();
    let top = stdout_of(&sb.learn(&["--help"]).output().unwrap());
    let mut paths: Vec<Vec<String>> = vec![vec![]];
    for c in commands_listed(&top) {
        let help = stdout_of(&sb.learn(&[c.as_str(), "--help"]).output().unwrap());
        for sub in commands_listed(&help) {
            paths.push(vec![c.clone(), sub]);
        }
        paths.push(vec![c]);
    }
    assert!(paths.len() > 10, "subcommands found: {paths:?}");
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let text = stdout_of(&sb.learn(&args).output().unwrap());
        assert!(!text.is_empty(), "no help for {args:?}");
        for line in text.lines() {
            assert!(
                line.width() <= 80,
                "{args:?}: {} columns: {line}",
                line.width()
            );
        }
    }
}

#[test]
fn the_plain_lesson_is_stable() {
    let sb = Sandbox::new();
    let out = sb.learn(&["sessions", "read", "--plain"]).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(!text.contains('\x1b'));
    insta::assert_snapshot!("plain_lesson", text);
}

#[test]
fn reading_from_a_page_by_slug_or_number() {
    let sb = Sandbox::new();
    let by_slug = stdout_of(&sb.learn(&["sessions", "read", "syntax"]).output().unwrap());
    let by_number = stdout_of(&sb.learn(&["sessions", "read", "3"]).output().unwrap());
    assert_eq!(by_slug, by_number);
    assert!(by_slug.lines().next().unwrap().contains("· page 3 of"));
    let out = sb.learn(&["sessions", "read", "99"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("there is no page \"99\""));
}

#[test]
fn reading_records_pages_and_progress_shows_them() {
    let sb = Sandbox::new();
    sb.learn(&["sessions", "read", "5"]).output().unwrap();
    let text = stdout_of(&sb.learn(&["sessions", "progress"]).output().unwrap());
    let total = learn::content::load(&learn::content::Source::Embedded)
        .unwrap()
        .topics[0]
        .pages
        .len();
    let read = total - 4;
    assert!(
        text.contains(&format!("{read} of {total} pages read")),
        "{text}"
    );
    assert!(text.contains("Not tried yet"));
}

#[test]
fn no_color_and_plain_mean_no_escape_codes() {
    let sb = Sandbox::new();
    for args in [
        vec!["sessions", "read"],
        vec!["sessions", "progress"],
        vec![],
    ] {
        let out = sb.learn(&args).env("NO_COLOR", "1").output().unwrap();
        assert!(!stdout_of(&out).contains('\x1b'));
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let sb = Sandbox::new();
    let mut child = Command::new(BIN)
        .args(["sessions", "read", "--plain"])
        .env("LEARN_DATA_DIR", sb.data())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    for _ in 0..3 {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
    }
    drop(reader); // like `| head -3`
    let out = child.wait_with_output().unwrap();
    let err = stderr_of(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.status.success());
}

#[test]
fn reset_asks_first_and_yes_skips_the_question() {
    let sb = Sandbox::new();
    sb.learn(&["sessions", "read", "6"]).output().unwrap();
    let out = sb
        .learn(&["sessions", "reset"])
        .write_stdin("no\n")
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("Nothing was changed."));
    assert!(std::fs::read_to_string(sb.progress_file())
        .unwrap()
        .contains("pages_read"));

    let out = sb
        .learn(&["sessions", "reset"])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("Nothing was changed."));

    let out = sb.learn(&["sessions", "reset", "--yes"]).output().unwrap();
    assert!(stdout_of(&out).contains("was reset"));
    assert!(!std::fs::read_to_string(sb.progress_file())
        .unwrap()
        .contains("pages_read"));
}

#[test]
fn the_menu_works_from_a_pipe() {
    let sb = Sandbox::new();
    let menu = stdout_of(&sb.learn(&["sessions"]).write_stdin("").output().unwrap());
    assert!(menu.contains("2. Read the lesson (0 of"));
    let scenarios = learn::content::load(&learn::content::Source::Embedded)
        .unwrap()
        .topics[0]
        .scenarios
        .len();
    assert!(menu.contains(&format!(
        "Step through simulated requests (0 of {scenarios} done)"
    )));
    assert!(menu.contains("Sandbox: try statements inside a view"));
    let progress_item = menu
        .lines()
        .find(|l| l.contains("Your progress"))
        .and_then(|l| l.trim().split('.').next())
        .unwrap()
        .to_owned();
    let out = sb
        .learn(&["sessions"])
        .write_stdin(format!("99\n{progress_item}\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("\"99\" is not in the list"));
    assert!(text.contains("Your progress: Django sessions"));
}

#[test]
fn a_corrupt_progress_file_is_set_aside_with_one_warning() {
    let sb = Sandbox::new();
    std::fs::write(sb.progress_file(), "[topics.sessions\npages_read = 3\n").unwrap();
    let out = sb.learn(&["sessions", "read", "6"]).output().unwrap();
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("could not be read at line 1") && err.contains("moved to"),
        "{err}"
    );
    let aside: Vec<_> = std::fs::read_dir(sb.data())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.toml.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(aside[0].path()).unwrap(),
        "[topics.sessions\npages_read = 3\n",
        "the old file is kept as it was"
    );
    let fresh = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(fresh.contains("summary"));
}

#[test]
fn an_unwritable_data_dir_warns_once_and_goes_on() {
    let sb = Sandbox::new();
    let blocker = sb.data().join("not-a-dir");
    std::fs::write(&blocker, "").unwrap();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .env("LEARN_DATA_DIR", blocker.join("learn"))
        .write_stdin("d\na\nb\na\nc\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout_of(&out).contains("Score: 5/5"));
    let err = stderr_of(&out);
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(err.contains("cannot save progress"));
}

/// When the file at `path` was written, if there is one (a save renames a new file into place).
fn saved_file(path: &std::path::Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).ok().and_then(|m| m.modified().ok())
}

#[test]
fn a_kill_during_saves_never_leaves_a_broken_file() {
    // Each page read is a save; kill the process at varying moments and check that the file
    // is always whole: either an older state or a newer one, never a torn write.
    let sb = Sandbox::new();
    let mut seen_states = std::collections::BTreeSet::new();
    for i in 0..40u64 {
        if i % 8 == 0 {
            let _ = std::fs::remove_file(sb.progress_file());
        }
        let before = saved_file(&sb.progress_file());
        let mut child = Command::new(BIN)
            .args(["sessions", "read", "--plain"])
            .env("LEARN_DATA_DIR", sb.data())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        if i % 2 == 1 {
            // Every other run is killed once it has saved (a file event: a new file took the
            // old one's place), a little later each time, so the kills land among the saves
            // however slow a busy machine makes the start.
            let start = std::time::Instant::now();
            while saved_file(&sb.progress_file()) == before
                && child.try_wait().unwrap().is_none()
                && start.elapsed() < std::time::Duration::from_secs(90)
            {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            std::thread::sleep(std::time::Duration::from_micros(300 * (i % 8)));
        } else {
            // The others at a set moment: often before the first save, sometimes amid them.
            std::thread::sleep(std::time::Duration::from_micros(2_500 * i));
        }
        let _ = child.kill();
        let _ = child.wait();
        if let Ok(text) = std::fs::read_to_string(sb.progress_file()) {
            let data: learn::progress::ProgressData =
                toml::from_str(&text).unwrap_or_else(|e| panic!("torn file: {e}\n{text}"));
            seen_states.insert(
                data.topics
                    .get("sessions")
                    .map_or(0, |t| t.pages_read.len()),
            );
        }
        let leftovers: Vec<_> = std::fs::read_dir(sb.data())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("corrupt"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    assert!(!seen_states.is_empty());
}

#[test]
fn check_passes_on_the_bundled_content() {
    let sb = Sandbox::new();
    let out = sb.learn(&["check"]).output().unwrap();
    assert!(out.status.success(), "{}", stdout_of(&out));
    assert!(stdout_of(&out).contains("no problems"));
}

#[test]
fn check_reports_path_line_and_column_on_a_broken_copy() {
    let copy = content_copy();
    let quiz = copy.path().join("quizzes/sessions/practice.toml");
    let text = std::fs::read_to_string(&quiz).unwrap();
    // The first question's answer names no option.
    let broken = text.replacen("answer = \"remember\"", "answer = \"nothing\"", 1);
    assert_ne!(broken, text);
    std::fs::write(&quiz, broken).unwrap();
    let page = copy.path().join("lessons/sessions/03-syntax.toml");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("title =", "titel =", 1)).unwrap();

    let sb = Sandbox::new();
    let out = sb
        .learn(&["check", "--content", copy.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    let answer_line = std::fs::read_to_string(&quiz)
        .unwrap()
        .lines()
        .position(|l| l.contains("\"nothing\""))
        .unwrap()
        + 1;
    assert!(
        text.contains(&format!(
            "practice.toml:{answer_line}:10: answer \"nothing\" is not the id of an option"
        )),
        "{text}"
    );
    assert!(
        text.contains("03-syntax.toml:1:1: unknown field `titel`"),
        "{text}"
    );

    // The app refuses to run on broken content and names the problem.
    let out = sb
        .learn(&[
            "sessions",
            "read",
            "--content",
            copy.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("03-syntax.toml:1:1"));
}

#[test]
fn check_names_each_kind_of_content_problem() {
    let copy = content_copy();
    let root = copy.path();
    let edit = |rel: &str, from: &str, to: &str| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let changed = text.replacen(from, to, 1);
        assert_ne!(changed, text, "{rel}: {from:?} not found");
        std::fs::write(&path, changed).unwrap();
    };
    // Two questions with one id, a question with no hints, one with a single option.
    edit(
        "quizzes/sessions/practice.toml",
        "id = \"set-value\"",
        "id = \"purpose\"",
    );
    let quiz = std::fs::read_to_string(root.join("quizzes/sessions/practice.toml")).unwrap();
    let hints_start = quiz.find("hints = [").unwrap();
    let hints_end = hints_start + quiz[hints_start..].find("]\n").unwrap() + 2;
    let quiz = format!("{}hints = []\n{}", &quiz[..hints_start], &quiz[hints_end..]);
    std::fs::write(root.join("quizzes/sessions/practice.toml"), quiz).unwrap();
    // A code block in a language nobody knows, and an empty page.
    edit(
        "lessons/sessions/03-syntax.toml",
        "language = \"python\"",
        "language = \"cobol\"",
    );
    std::fs::write(
        root.join("lessons/sessions/07-empty.toml"),
        "title = \"Empty\"\n",
    )
    .unwrap();
    // A quiz with one option, from a newer format than this binary reads.
    std::fs::write(
        root.join("quizzes/sessions/tiny.toml"),
        "format_version = 1\ntitle = \"t\"\nsummary = \"s\"\n\n[[question]]\nid = \"q\"\ndifficulty = \"easy\"\nprompt = \"?\"\nanswer = \"a\"\nhints = [\"h\"]\nsolution = [\"s\"]\ntakeaway = \"t\"\n\n[[question.option]]\nid = \"a\"\ntext = \"A\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("quizzes/sessions/future.toml"),
        "format_version = 9\ntitle = \"t\"\nsummary = \"s\"\n",
    )
    .unwrap();

    let sb = Sandbox::new();
    let out = sb
        .learn(&["check", "--content", root.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    let final_quiz = std::fs::read_to_string(root.join("quizzes/sessions/practice.toml")).unwrap();
    let second_id = final_quiz
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "id = \"purpose\"")
        .nth(1)
        .unwrap()
        .0
        + 1;
    let duplicate = format!("practice.toml:{second_id}:6: duplicate question id \"purpose\"");
    for expected in [
        duplicate.as_str(),
        "question \"purpose\" has no hints",
        "03-syntax.toml:",
        "unknown code language \"cobol\"",
        "07-empty.toml:1:1: the page is empty",
        "tiny.toml:6:6: question \"q\" has 1 option(s); a question needs at least two",
        "future.toml:1:18: format_version 9 is newer than this version of learn understands (1)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    for line in text.lines() {
        let parts: Vec<&str> = line.splitn(4, ':').collect();
        assert!(
            parts.len() == 4
                && parts[1].parse::<usize>().is_ok()
                && parts[2].parse::<usize>().is_ok(),
            "not path:line:col: message: {line}"
        );
    }
}

#[test]
fn a_broken_quiz_does_not_stop_reading_but_stops_the_quiz() {
    let copy = content_copy();
    let quiz = copy.path().join("quizzes/sessions/practice.toml");
    let text = std::fs::read_to_string(&quiz).unwrap();
    std::fs::write(&quiz, text.replacen("takeaway =", "takeway =", 1)).unwrap();
    let dir = copy.path().to_str().unwrap();
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "read", "1", "--content", dir])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = sb
        .learn(&["sessions", "quiz", "--content", dir])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("practice.toml:"),
        "{}",
        stderr_of(&out)
    );
    assert!(stderr_of(&out).contains("takeway"));
}
