//! The progress file shared by several `learn` processes, and in odd states: nothing lost,
//! nothing hangs, and the learner is told when a save did not happen.

mod common;
use common::*;
use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// The practice quiz's right answers in authored order.
const RIGHT: [&str; 5] = ["d", "a", "b", "a", "c"];

fn quiz_process(sb: &Sandbox) -> (Child, ChildStdin) {
    let mut child = Command::new(BIN)
        .args(["sessions", "quiz", "--no-shuffle", "--plain"])
        .env("LEARN_DATA_DIR", sb.data())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    (child, stdin)
}

fn answer(stdin: &mut ChildStdin, letter: &str) {
    stdin.write_all(format!("{letter}\n").as_bytes()).unwrap();
    stdin.flush().unwrap();
}

fn progress_text(sb: &Sandbox) -> String {
    std::fs::read_to_string(sb.progress_file()).unwrap_or_default()
}

/// Waits until the progress file holds `n` answers in all.
fn wait_for_answers(sb: &Sandbox, n: usize) {
    let started = Instant::now();
    while progress_text(sb)
        .matches("[[topics.sessions.attempts.answers]]")
        .count()
        < n
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the quiz never saved {n} answers:\n{}",
            progress_text(sb)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn data(sb: &Sandbox) -> learn::progress::TopicProgress {
    let text = progress_text(sb);
    let data: learn::progress::ProgressData = toml::from_str(&text).unwrap();
    data.topics.get("sessions").cloned().unwrap_or_default()
}

fn pages() -> usize {
    let loaded = learn::content::load(&learn::content::Source::Embedded).unwrap();
    loaded.topics[0].pages.len()
}

#[test]
fn reading_while_a_quiz_is_open_keeps_both() {
    let sb = Sandbox::new();
    let (quiz, mut stdin) = quiz_process(&sb);
    answer(&mut stdin, RIGHT[0]);
    wait_for_answers(&sb, 1);
    // A second process reads the whole lesson while the quiz waits for its next answer.
    let read = sb.learn(&["sessions", "read"]).output().unwrap();
    assert!(read.status.success());
    assert_eq!(data(&sb).pages_read.len(), pages());
    for letter in &RIGHT[1..] {
        answer(&mut stdin, letter);
    }
    drop(stdin);
    let out = quiz.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(stdout_of(&out).contains("Saved to your progress"));
    let t = data(&sb);
    assert_eq!(
        t.pages_read.len(),
        pages(),
        "the quiz's saves kept the pages read"
    );
    assert_eq!(t.attempts.len(), 1);
    assert_eq!(t.attempts[0].answers.len(), 5);
    assert!(t.attempts[0].finished);
}

#[test]
fn two_quizzes_at_once_keep_both_attempts() {
    let sb = Sandbox::new();
    let (first, mut first_in) = quiz_process(&sb);
    let (second, mut second_in) = quiz_process(&sb);
    for (i, letter) in RIGHT.iter().enumerate() {
        answer(&mut first_in, letter);
        wait_for_answers(&sb, 2 * i + 1);
        answer(&mut second_in, "a");
        wait_for_answers(&sb, 2 * i + 2);
    }
    drop((first_in, second_in));
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let t = data(&sb);
    assert_eq!(t.attempts.len(), 2, "{t:?}");
    let scores: Vec<usize> = t.attempts.iter().map(|a| a.score().correct).collect();
    assert!(
        scores.contains(&5) && scores.iter().all(|s| *s < 6),
        "{scores:?}"
    );
}

#[test]
fn a_reset_during_a_quiz_is_not_undone() {
    let sb = Sandbox::new();
    assert!(sb
        .learn(&["sessions", "read"])
        .output()
        .unwrap()
        .status
        .success());
    let (quiz, mut stdin) = quiz_process(&sb);
    answer(&mut stdin, RIGHT[0]);
    wait_for_answers(&sb, 1);
    let reset = sb.learn(&["sessions", "reset", "--yes"]).output().unwrap();
    assert!(reset.status.success());
    for letter in &RIGHT[1..] {
        answer(&mut stdin, letter);
    }
    drop(stdin);
    let out = quiz.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(!text.contains("Saved to your progress"), "{text}");
    assert!(
        text.contains("Not saved: ") && text.contains("reset"),
        "{text}"
    );
    let t = data(&sb);
    assert!(
        t.pages_read.is_empty() && t.attempts.is_empty(),
        "the reset stands: {t:?}"
    );
}

#[test]
fn many_processes_at_once_lose_nothing() {
    let sb = Sandbox::new();
    let total = pages();
    let mut children = Vec::new();
    for i in 0..4 {
        let mut quiz = Command::new(BIN)
            .args(["sessions", "quiz", "--no-shuffle", "--plain"])
            .env("LEARN_DATA_DIR", sb.data())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = quiz.stdin.take().unwrap();
        stdin.write_all(RIGHT.join("\n").as_bytes()).unwrap();
        drop(stdin);
        children.push(quiz);
        // Reader i reads the last i + 1 pages.
        let page = (total - i).to_string();
        children.push(
            Command::new(BIN)
                .args(["sessions", "read", page.as_str(), "--plain"])
                .env("LEARN_DATA_DIR", sb.data())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .spawn()
                .unwrap(),
        );
    }
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let t = data(&sb);
    assert_eq!(t.attempts.len(), 4, "{t:?}");
    assert!(t
        .attempts
        .iter()
        .all(|a| a.answers.len() == 5 && a.finished));
    assert_eq!(t.pages_read.len(), 4, "{:?}", t.pages_read);
}

#[test]
fn an_unwritable_data_dir_is_not_reported_as_saved() {
    let sb = Sandbox::new();
    let blocker = sb.data().join("not-a-dir");
    std::fs::write(&blocker, "").unwrap();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .env("LEARN_DATA_DIR", blocker.join("learn"))
        .write_stdin(RIGHT.join("\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(!text.contains("Saved to your progress"), "{text}");
    assert!(
        text.contains("Not saved: cannot save progress to"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_the_file_does_not_hang() {
    for kind in ["fifo", "zero"] {
        let sb = Sandbox::new();
        let file = sb.progress_file();
        if kind == "fifo" {
            assert!(Command::new("mkfifo")
                .arg(&file)
                .status()
                .unwrap()
                .success());
        } else {
            std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        }
        let out = sb
            .learn(&["sessions", "quiz", "--no-shuffle"])
            .write_stdin(RIGHT.join("\n"))
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert!(out.status.success(), "{kind}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        assert_eq!(err.lines().count(), 1, "{kind}: {err}");
        assert!(err.contains("not a regular file"), "{kind}: {err}");
        let text = stdout_of(&out);
        assert!(text.contains("Score: 5/5") && text.contains("Not saved: saving is off"));
    }
}

#[test]
fn temporary_files_left_by_kills_are_cleaned_up() {
    let sb = Sandbox::new();
    for i in 0..30u64 {
        if i % 6 == 0 {
            let _ = std::fs::remove_file(sb.progress_file());
        }
        let mut child = Command::new(BIN)
            .args(["sessions", "read", "--plain"])
            .env("LEARN_DATA_DIR", sb.data())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(1_500 * i));
        let _ = child.kill();
        let _ = child.wait();
    }
    // What a kill in the middle of a save leaves behind, for certain.
    std::fs::write(sb.data().join(".progress-Zq9x1A.tmp"), "[topics.sess").unwrap();
    assert!(sb
        .learn(&["sessions", "read"])
        .output()
        .unwrap()
        .status
        .success());
    let left: Vec<String> = std::fs::read_dir(sb.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn huge_counts_in_a_hand_edited_file_do_not_crash_the_progress_view() {
    let sb = Sandbox::new();
    let answer = "[[topics.sessions.attempts.answers]]\nquestion = \"purpose\"\nchosen = \"a\"\ncorrect = true\nhints_used = 9223372036854775807\n";
    let attempt = format!(
        "[[topics.sessions.attempts]]\nquiz = \"practice\"\nstarted = \"2026-01-01T00:00:00Z\"\nseconds = 18446744073709551615\nfinished = true\ntotal = 18446744073709551615\n{}",
        answer.repeat(3)
    );
    std::fs::write(sb.progress_file(), attempt.repeat(2)).unwrap();
    let out = sb.learn(&["sessions", "progress"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(
        text.contains(&format!("Hints used: {} in all", usize::MAX)),
        "{text}"
    );
}
