//! Pipes, full disks and hostile input: no panic, a clear message, and the rest goes on.

mod common;
use common::*;
use std::io::Write;
use std::process::{Command, Stdio};

/// A copy of the content with `n` broken pages (each a problem for `learn check`).
fn content_with_problems(n: usize) -> tempfile::TempDir {
    let copy = content_copy();
    for i in 0..n {
        let page = copy
            .path()
            .join(format!("lessons/sessions/99-broken-{i}.toml"));
        std::fs::write(page, "titel = 'x'\n").unwrap();
    }
    copy
}

/// Runs `learn ARGS` through `sh -c` with a redirection or a pipe after it.
fn shell(sb: &Sandbox, args: &str, tail: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("\"$LEARN\" {args} {tail}"))
        .env("LEARN", BIN)
        .env("LEARN_DATA_DIR", sb.data())
        .env_remove("LEARN_CONTENT_DIR")
        .output()
        .unwrap()
}

#[test]
fn quiz_json_in_a_pipe_is_only_json() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle", "--json"])
        .write_stdin("d\na\nb\na\nc\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout_of(&out)));
    assert_eq!(v["score"]["answered"], 5);
    // The transcript is still there, on stderr.
    assert!(stderr_of(&out).contains("Question 1 of 5"));
    // And through a real pipe into Python's JSON tool.
    if Command::new("python3").arg("--version").output().is_ok() {
        let out = shell(
            &sb,
            "sessions quiz --no-shuffle --json",
            "< /dev/null 2>/dev/null | python3 -m json.tool",
        );
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
}

#[test]
fn stderr_to_dev_null_does_not_change_the_mode() {
    // Plain mode depends on stdin and stdout only: with both pipes, plain, whatever stderr is.
    let sb = Sandbox::new();
    let out = shell(&sb, "sessions read 1", "2>/dev/null < /dev/null | cat");
    assert!(stdout_of(&out).contains("page 1 of"));
    assert!(!stdout_of(&out).contains('\x1b'));
}

#[test]
fn check_into_head_does_not_panic() {
    let copy = content_with_problems(300);
    let sb = Sandbox::new();
    let dir = copy.path().to_str().unwrap();
    let out = shell(&sb, &format!("check --content '{dir}'"), "| head -1");
    let err = stderr_of(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(stdout_of(&out).lines().count(), 1);
}

#[test]
fn check_into_a_full_disk_does_not_panic() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let copy = content_with_problems(3);
    let sb = Sandbox::new();
    let dir = copy.path().to_str().unwrap();
    for tail in ["> /dev/full", "2> /dev/full", "> /dev/full 2> /dev/full"] {
        let out = shell(&sb, &format!("check --content '{dir}'"), tail);
        let err = stderr_of(&out);
        assert!(!err.contains("panicked"), "{tail}: {err}");
        assert_eq!(out.status.code(), Some(1), "{tail}: {err}");
    }
    // A clean check into a full disk says nothing can be written, exits non-zero.
    let out = shell(&sb, "check", "> /dev/full");
    assert!(!stderr_of(&out).contains("panicked"));
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn a_warning_into_a_full_stderr_does_not_panic() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let sb = Sandbox::new();
    std::fs::write(sb.progress_file(), "[topics.sessions\npages_read = 3\n").unwrap();
    let out = shell(&sb, "sessions read 6", "2> /dev/full < /dev/null");
    assert!(out.status.success());
    assert!(stdout_of(&out).contains("page 6 of"));
}

#[test]
fn invalid_utf8_on_stdin_is_refused_and_the_quiz_goes_on() {
    let sb = Sandbox::new();
    let mut input = b"\xff\xfe\n".to_vec();
    input.extend_from_slice(b"d\n");
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("not valid UTF-8"), "{text}");
    assert!(text.contains("✓ Correct"), "{text}");
}

#[test]
fn invalid_utf8_in_the_sandbox_is_refused_and_it_goes_on() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "sandbox"])
        .write_stdin(b"x = '\xff'\n6 * 7\n".to_vec())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("not valid UTF-8"), "{text}");
    assert!(text.lines().any(|l| l == "42"), "{text}");
}

#[test]
fn a_huge_piped_line_is_capped() {
    let sb = Sandbox::new();
    let mut cmd = Command::new(BIN);
    cmd.args(["sessions", "sandbox"])
        .env("LEARN_DATA_DIR", sb.data())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // 20 MB without a newline, then a real statement.
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..20 {
            if stdin.write_all(&chunk).is_err() {
                return;
            }
        }
        let _ = stdin.write_all(b"\n6 * 7\n");
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(
        text.contains("longer than"),
        "{}",
        &text[..text.len().min(500)]
    );
    assert!(text.lines().any(|l| l == "42"));
    assert!(text.len() < 100_000, "the long line was echoed");
}

#[test]
fn control_characters_from_content_are_escaped_and_flagged() {
    let copy = content_copy();
    let page = copy.path().join("lessons/sessions/01-why-sessions.toml");
    let text = std::fs::read_to_string(&page).unwrap();
    let text = text.replacen(
        "HTTP is stateless",
        "HTTP \\u001b[31mis\\u0007 stateless",
        1,
    );
    std::fs::write(&page, text).unwrap();
    let sb = Sandbox::new();
    let dir = copy.path().to_str().unwrap();
    let out = sb
        .learn(&["sessions", "read", "1", "--content", dir])
        .output()
        .unwrap();
    let shown = stdout_of(&out);
    assert!(
        !shown.contains('\x1b') && !shown.contains('\x07'),
        "{shown:?}"
    );
    assert!(shown.contains("\\x1b[31mis\\x07"), "{shown}");
    let out = sb.learn(&["check", "--content", dir]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let listed = stdout_of(&out);
    assert!(
        listed.contains("01-why-sessions.toml:") && listed.contains("control character (U+001B)"),
        "{listed}"
    );
}

#[test]
fn check_reports_a_tree_without_topic_toml() {
    let copy = content_copy();
    std::fs::remove_file(copy.path().join("lessons/sessions/topic.toml")).unwrap();
    let sb = Sandbox::new();
    let dir = copy.path().to_str().unwrap();
    let out = sb.learn(&["check", "--content", dir]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout_of(&out));
    assert!(
        stdout_of(&out).contains("no topic.toml"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn check_lists_problems_in_file_order_and_counts_every_file() {
    let copy = content_copy();
    // Two broken pages, the later one first in the directory's listing order.
    for name in ["09-zz.toml", "04-aa.toml"] {
        std::fs::write(
            copy.path().join("lessons/sessions").join(name),
            "titel = 1\n",
        )
        .unwrap();
    }
    let sb = Sandbox::new();
    let dir = copy.path().to_str().unwrap();
    let out = sb.learn(&["check", "--content", dir]).output().unwrap();
    let text = stdout_of(&out);
    let positions: Vec<&str> = text.lines().collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
    let pages = std::fs::read_dir(copy.path().join("lessons/sessions"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.ends_with(".toml")
                && !["topic.toml", "explain.toml", "cheatsheet.toml"].contains(&&*name)
        })
        .count();
    let err = stderr_of(&out);
    assert!(err.contains(&format!("{pages} pages")), "{err}");
}

#[cfg(unix)]
#[test]
fn simulate_says_what_a_path_is_when_it_is_not_a_file() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    for (path, words) in [
        (dir.path().to_path_buf(), "is a directory"),
        (fifo, "is a named pipe (FIFO)"),
        (a, "is a symbolic link that loops"),
    ] {
        let out = sb
            .learn(&["sessions", "simulate", path.to_str().unwrap()])
            .timeout(std::time::Duration::from_secs(10))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr_of(&out).contains(words), "{}", stderr_of(&out));
    }
}

#[test]
fn reset_says_when_nothing_could_be_written() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data directory should be: nothing can be saved under it.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let out = Command::new(BIN)
        .args(["sessions", "reset", "--yes"])
        .env("LEARN_DATA_DIR", &blocked)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("not on disk"), "{text}");
    assert!(!text.contains("was reset.\n"), "{text}");
}
