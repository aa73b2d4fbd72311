//! The progress file under hostile conditions: several processes, odd file types, bad bytes.

use super::*;

#[test]
fn timestamps_are_utc_civil_dates() {
    assert_eq!(timestamp_iso(0), "1970-01-01T00:00:00Z");
    assert_eq!(timestamp_iso(1_767_225_600), "2026-01-01T00:00:00Z");
    assert_eq!(timestamp_iso(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(timestamp_compact(1_767_225_661), "20260101T000101Z");
}

#[test]
fn saves_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Progress::open(dir.path());
    p.mark_page_read("sessions", "syntax");
    p.mark_page_read("sessions", "syntax");
    let i = p.begin_attempt("sessions", "practice", 5);
    let answers = vec![Answer {
        question: "purpose".into(),
        chosen: "remember".into(),
        correct: true,
        hints_used: 1,
    }];
    p.update_attempt("sessions", i, &answers, 12, false);
    assert!(p.take_warnings().is_empty());

    let q = Progress::open(dir.path());
    let t = q.topic("sessions").unwrap();
    assert_eq!(t.pages_read, vec!["syntax"]);
    assert_eq!(t.attempts.len(), 1);
    assert_eq!(t.attempts[0].answers, answers);
    assert!(!t.attempts[0].finished);
}

#[test]
fn a_corrupt_file_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(FILE_NAME), "topics = [oops\n").unwrap();
    let mut p = Progress::open(dir.path());
    let w = p.take_warnings();
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("moved to"), "{w:?}");
    assert!(p.data().topics.is_empty());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("progress.toml.corrupt-")),
        "{names:?}"
    );
    p.mark_page_read("sessions", "why-sessions");
    assert!(Progress::open(dir.path()).topic("sessions").is_some());
}

#[test]
fn an_unwritable_place_warns_once_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let mut p = Progress::open(&blocker.join("learn"));
    p.mark_page_read("sessions", "a");
    p.mark_page_read("sessions", "b");
    let w = p.take_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("cannot save progress"));
    assert_eq!(p.topic("sessions").unwrap().pages_read, vec!["a", "b"]);
}

#[test]
fn reset_forgets_a_topic() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Progress::open(dir.path());
    p.mark_page_read("sessions", "a");
    p.reset("sessions");
    assert!(Progress::open(dir.path()).topic("sessions").is_none());
}

fn answer(question: &str, correct: bool) -> Answer {
    Answer {
        question: question.into(),
        chosen: "x".into(),
        correct,
        hints_used: 0,
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn two_owners_of_one_file_keep_each_others_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Progress::open(dir.path());
    let mut reader = Progress::open(dir.path());
    let a = quiz.begin_attempt("sessions", "practice", 3);
    assert_eq!(
        quiz.update_attempt("sessions", a, &[answer("q1", true)], 5, false),
        Saved::Yes
    );
    assert_eq!(reader.mark_page_read("sessions", "syntax"), Saved::Yes);
    assert_eq!(
        reader.mark_page_read("sessions", "syntax"),
        Saved::NothingNew
    );
    let mut other_quiz = Progress::open(dir.path());
    let b = other_quiz.begin_attempt("sessions", "practice", 3);
    other_quiz.update_attempt("sessions", b, &[answer("q1", false)], 2, false);
    let both = [answer("q1", true), answer("q2", true)];
    assert_eq!(
        quiz.update_attempt("sessions", a, &both, 9, false),
        Saved::Yes
    );

    let t = Progress::open(dir.path())
        .topic("sessions")
        .unwrap()
        .clone();
    assert_eq!(
        t.pages_read,
        vec!["syntax"],
        "the quiz's save kept the page read"
    );
    assert_eq!(t.attempts.len(), 2, "both attempts are kept: {t:?}");
    assert_eq!(t.attempts[0].answers, both);
    assert_eq!(t.attempts[1].answers, vec![answer("q1", false)]);
    // Each owner sees the other's changes after its own next save.
    assert_eq!(quiz.topic("sessions").unwrap().attempts.len(), 2);
    assert!(quiz.take_warnings().is_empty());
}

#[test]
fn a_reset_elsewhere_is_not_undone_by_a_quiz_in_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Progress::open(dir.path());
    quiz.mark_page_read("sessions", "syntax");
    let a = quiz.begin_attempt("sessions", "practice", 3);
    quiz.update_attempt("sessions", a, &[answer("q1", true)], 1, false);

    let mut resetter = Progress::open(dir.path());
    assert_eq!(resetter.reset("sessions"), Saved::Yes);

    let outcome = quiz.update_attempt(
        "sessions",
        a,
        &[answer("q1", true), answer("q2", true)],
        2,
        false,
    );
    let Saved::No(why) = outcome else {
        panic!("{outcome:?}")
    };
    assert!(why.contains("reset"), "{why}");
    assert!(Progress::open(dir.path()).topic("sessions").is_none());
    // A new attempt after the reset is kept as usual.
    let b = quiz.begin_attempt("sessions", "practice", 3);
    assert_eq!(
        quiz.update_attempt("sessions", b, &[answer("q1", false)], 1, false),
        Saved::Yes
    );
    let t = Progress::open(dir.path())
        .topic("sessions")
        .unwrap()
        .clone();
    assert_eq!((t.attempts.len(), t.pages_read.len()), (1, 0));
}

#[test]
fn fields_this_version_does_not_know_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE_NAME);
    std::fs::write(
        &file,
        r#"format = 3
[review]
due = ["syntax"]
[topics.sessions]
pages_read = ["a"]
streak = 4
[[topics.sessions.attempts]]
id = "0123456789abcdef"
quiz = "practice"
started = "2026-01-01T00:00:00Z"
seconds = 3
finished = true
total = 1
mode = "timed"
[[topics.sessions.attempts.answers]]
question = "q1"
chosen = "a"
correct = true
hints_used = 0
confidence = 0.5
[[topics.sessions.attempts]]
quiz = "practice"
started = "2025-01-01T00:00:00Z"
"#,
    )
    .unwrap();
    let mut p = Progress::open(dir.path());
    assert!(p.take_warnings().is_empty());
    assert_eq!(p.mark_page_read("sessions", "b"), Saved::Yes);
    let back: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(back["format"].as_integer(), Some(3));
    assert_eq!(back["review"]["due"][0].as_str(), Some("syntax"));
    let topic = &back["topics"]["sessions"];
    assert_eq!(topic["streak"].as_integer(), Some(4));
    assert_eq!(topic["pages_read"].as_array().unwrap().len(), 2);
    let attempts = topic["attempts"].as_array().unwrap();
    assert_eq!(attempts[0]["mode"].as_str(), Some("timed"));
    assert_eq!(
        attempts[0]["answers"][0]["confidence"].as_float(),
        Some(0.5)
    );
    assert_eq!(attempts[0]["answers"][0]["question"].as_str(), Some("q1"));
    // An attempt written before attempts had ids (and without most fields) still loads.
    assert_eq!(
        attempts[1]["started"].as_str(),
        Some("2025-01-01T00:00:00Z")
    );
    assert_eq!(p.topic("sessions").unwrap().attempts[1].total, 0);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_opened_and_turns_saving_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE_NAME);
    let c = std::ffi::CString::new(file.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let started = std::time::Instant::now();
    let mut p = Progress::open(dir.path());
    let w = p.take_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("is a FIFO (named pipe), not a regular file"),
        "{w:?}"
    );
    let outcome = p.mark_page_read("sessions", "a");
    assert!(
        matches!(&outcome, Saved::No(why) if why.contains("FIFO")),
        "{outcome:?}"
    );
    assert!(p.take_warnings().is_empty(), "warned once");
    assert_eq!(p.topic("sessions").unwrap().pages_read, vec!["a"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&file)
        .unwrap()
        .file_type()
        .is_fifo());
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join(FILE_NAME)).unwrap();
    let started = std::time::Instant::now();
    let mut p = Progress::open(dir.path());
    let w = p.take_warnings();
    assert!(
        w.len() == 1 && w[0].contains("is a character device"),
        "{w:?}"
    );
    assert!(!p.mark_page_read("sessions", "a").is_kept());
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn a_file_too_large_to_be_progress_is_set_aside_unread() {
    let dir = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(dir.path().join(FILE_NAME)).unwrap();
    f.set_len(MAX_BYTES + 1).unwrap();
    let mut p = Progress::open(dir.path());
    let w = p.take_warnings();
    assert!(
        w.len() == 1 && w[0].contains("more than a progress file can be"),
        "{w:?}"
    );
    assert!(w[0].contains("moved to"), "{w:?}");
    assert_eq!(p.mark_page_read("sessions", "a"), Saved::Yes);
}

#[test]
fn a_file_that_is_not_utf8_is_set_aside_and_saving_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"[topics.sessions]\npages_read = [\"\xff\"]\n";
    std::fs::write(dir.path().join(FILE_NAME), bytes).unwrap();
    let mut p = Progress::open(dir.path());
    let w = p.take_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("not UTF-8") && w[0].contains("moved to"),
        "{w:?}"
    );
    assert_eq!(p.mark_page_read("sessions", "a"), Saved::Yes);
    let aside: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("progress.toml.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(dir.path().join(&aside[0])).unwrap(), bytes);
}

#[test]
fn a_second_corrupt_file_does_not_overwrite_the_first_copy() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE_NAME);
    // Through the module, within one second (the usual case) …
    for text in ["first = [", "second = ["] {
        std::fs::write(&file, text).unwrap();
        let mut p = Progress::open(dir.path());
        assert!(p.take_warnings()[0].contains("moved to"));
    }
    // … and with the same time stamp for certain.
    std::fs::write(&file, "third = [").unwrap();
    let aside = disk::set_aside(&file, "20260101T000000Z").unwrap();
    std::fs::write(&file, "fourth = [").unwrap();
    let again = disk::set_aside(&file, "20260101T000000Z").unwrap();
    assert_ne!(aside, again);
    let mut texts: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("progress.toml.corrupt-"))
        .map(|n| std::fs::read_to_string(dir.path().join(n)).unwrap())
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        ["first = [", "fourth = [", "second = [", "third = ["]
    );
}

#[test]
fn stale_temporary_files_are_removed_at_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    for name in [".progress-a1B2c3.tmp", ".progress-zzzzzz.tmp"] {
        std::fs::write(dir.path().join(name), "half a file").unwrap();
    }
    std::fs::write(dir.path().join("notes.tmp"), "mine").unwrap();
    let mut p = Progress::open(dir.path());
    p.mark_page_read("sessions", "a");
    assert_eq!(
        names_in(dir.path()),
        [".progress.toml.lock", "notes.tmp", "progress.toml"]
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_written_through_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("dotfiles");
    std::fs::create_dir(&elsewhere).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        elsewhere.join("learn.toml"),
        "[topics.sessions]\npages_read = [\"a\"]\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../dotfiles/learn.toml", data.join(FILE_NAME)).unwrap();
    let mut p = Progress::open(&data);
    assert_eq!(p.topic("sessions").unwrap().pages_read, vec!["a"]);
    assert_eq!(p.mark_page_read("sessions", "b"), Saved::Yes);
    assert!(std::fs::symlink_metadata(data.join(FILE_NAME))
        .unwrap()
        .file_type()
        .is_symlink());
    let target = std::fs::read_to_string(elsewhere.join("learn.toml")).unwrap();
    assert!(target.contains("\"b\""), "{target}");
    // A link to a file that does not exist yet: the first save creates it.
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("new.toml"), fresh.join(FILE_NAME)).unwrap();
    assert_eq!(Progress::open(&fresh).mark_page_read("s", "a"), Saved::Yes);
    assert!(elsewhere.join("new.toml").is_file());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(FILE_NAME, dir.path().join(FILE_NAME)).unwrap();
    let mut p = Progress::open(dir.path());
    let w = p.take_warnings();
    assert!(w.len() == 1 && w[0].contains("loop"), "{w:?}");
    assert!(!p.mark_page_read("sessions", "a").is_kept());
}

#[test]
fn a_failed_save_is_retried_with_the_next_change() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::write(&data, "a file where the directory should be").unwrap();
    let mut p = Progress::open(&data);
    let first = p.mark_page_read("sessions", "a");
    assert!(
        matches!(&first, Saved::No(why) if why.contains("cannot save progress")),
        "{first:?}"
    );
    assert_eq!(p.take_warnings().len(), 1);
    std::fs::remove_file(&data).unwrap();
    assert_eq!(p.mark_page_read("sessions", "b"), Saved::Yes);
    let t = Progress::open(&data).topic("sessions").unwrap().clone();
    assert_eq!(
        t.pages_read,
        vec!["a", "b"],
        "the unsaved change was not lost"
    );
}

#[test]
fn an_in_memory_progress_says_nothing_is_saved() {
    let mut p = Progress::in_memory();
    assert!(!p.mark_page_read("sessions", "a").is_kept());
    assert_eq!(p.topic("sessions").unwrap().pages_read, vec!["a"]);
    let a = p.begin_attempt("sessions", "practice", 2);
    assert_eq!(
        p.update_attempt("sessions", a, &[], 0, false),
        Saved::NothingNew
    );
    assert!(!p
        .update_attempt("sessions", a, &[answer("q", true)], 0, false)
        .is_kept());
    assert_eq!(p.topic("sessions").unwrap().attempts.len(), 1);
}

#[test]
fn activity_tries_merge_across_processes_and_keep_the_best() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Progress::open(dir.path());
    let mut b = Progress::open(dir.path());
    let try_ = |item: &str, score, out_of, done| ActivityTry {
        kind: "exercise".into(),
        item: item.into(),
        score,
        out_of,
        done,
    };
    assert_eq!(
        a.record_activity("sessions", try_("lost-append", 2, 5, false)),
        Saved::Yes
    );
    b.record_activity("sessions", try_("lost-append", 5, 5, true));
    a.record_activity("sessions", try_("lost-append", 1, 5, false));
    b.record_activity("sessions", try_("first-visit", 0, 3, false));
    let p = Progress::open(dir.path());
    let r = p.activity("sessions", "exercise", "lost-append").unwrap();
    assert_eq!((r.done, r.best, r.out_of, r.attempts), (true, 5, 5, 3));
    assert!(r.last.ends_with('Z'), "{}", r.last);
    let r = p.activity("sessions", "exercise", "first-visit").unwrap();
    assert_eq!((r.done, r.best, r.out_of, r.attempts), (false, 0, 3, 1));
}

#[test]
fn activity_records_keep_fields_they_do_not_know() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(FILE_NAME),
        "[topics.sessions.activities.order.cart]\ndone = false\nbest = 1\nout_of = 4\nattempts = 1\nlast = \"2026-01-01T00:00:00Z\"\nmoves = 7\n\n[topics.sessions.activities.future-kind.x]\nstars = 3\n",
    )
    .unwrap();
    let mut p = Progress::open(dir.path());
    p.record_activity(
        "sessions",
        ActivityTry {
            kind: "order".into(),
            item: "cart".into(),
            score: 4,
            out_of: 4,
            done: true,
        },
    );
    let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
    assert!(text.contains("moves = 7"), "{text}");
    assert!(text.contains("stars = 3"), "{text}");
    let r = Progress::open(dir.path());
    let rec = r.activity("sessions", "order", "cart").unwrap();
    assert_eq!(
        (rec.done, rec.best, rec.out_of, rec.attempts),
        (true, 4, 4, 2)
    );
}
