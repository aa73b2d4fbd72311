//! The exercise screen in a pseudo-terminal (vt100 grid): the report fits 80×24 and 60×20, a
//! save made outside is checked at once, `e` runs the editor and comes back, `h` shows hints,
//! `s` opens the stepper, and passing records the exercise.
#![cfg(unix)]

mod common;
use common::screen::*;
use common::*;
use std::path::Path;
use std::process::Command;

fn solution(name: &str) -> String {
    let loaded = learn::content::load(&learn::content::Source::Embedded).unwrap();
    let topic = &loaded.topics[0];
    let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
    let (list, _) = learn::activity::exercise::load_topic(
        &learn::content::Source::Embedded,
        "sessions",
        &pages,
    )
    .unwrap();
    list.into_iter().find(|e| e.name == name).unwrap().solution
}

fn start(sb: &Sandbox, dir: &Path, cols: u16, rows: u16, editor: Option<&Path>) -> Screen {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("VISUAL").env_remove("EDITOR");
    if let Some(e) = editor {
        cmd.env("EDITOR", e);
    }
    Screen::start_with(
        sb,
        cols,
        rows,
        cmd,
        &[
            "sessions",
            "exercise",
            "lost-append",
            "--dir",
            dir.to_str().unwrap(),
        ],
    )
}

fn a_save_outside_is_checked_at_once(cols: u16, rows: u16) {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let mut sc = start(&sb, dir.path(), cols, rows, None);
    sc.wait("0 of 3 expectations hold.");
    assert!(sc.vt.screen().alternate_screen());
    sc.assert_no_row_too_wide();
    let text = sc.text();
    assert!(text.contains("Exercise · The lost append"), "{text}");
    assert!(text.contains("e edit"), "{text}");
    // The actual value is beside the expected one somewhere in the body.
    sc.send(END);
    sc.wait("got ");
    sc.assert_no_row_too_wide();
    // The learner saves from another editor: the screen checks it without a key.
    let file = dir.path().join("lost-append.py");
    std::fs::write(&file, solution("lost-append")).unwrap();
    sc.wait("All 3 expectations hold.");
    sc.assert_no_row_too_wide();
    sc.send(END);
    sc.wait("The reference");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    assert!(!sc.vt.screen().alternate_screen());
    let progress = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(
        progress.contains("[topics.sessions.activities.exercise.lost-append]"),
        "{progress}"
    );
    assert!(progress.contains("done = true"), "{progress}");
}

#[test]
fn a_save_outside_is_checked_at_once_at_80x24() {
    a_save_outside_is_checked_at_once(80, 24);
}

#[test]
fn a_save_outside_is_checked_at_once_at_60x20() {
    a_save_outside_is_checked_at_once(60, 20);
}

#[test]
fn the_editor_hints_and_the_stepper_are_one_key_away() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    // An "editor" that writes a syntax error on its first run and the solution on the next.
    let fixed = dir.path().join("fixed.py");
    std::fs::write(&fixed, solution("lost-append")).unwrap();
    let editor = dir.path().join("editor.sh");
    let marker = dir.path().join("ran-once");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nif [ -e '{m}' ]; then cp '{f}' \"$1\"; else touch '{m}'; printf 'def add(request)\\n' > \"$1\"; fi\n",
            m = marker.display(),
            f = fixed.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut sc = start(&sb, dir.path(), 80, 24, Some(&editor));
    sc.wait("0 of 3 expectations hold.");
    sc.send("h");
    sc.wait("Hint 1 of 3:");
    sc.send("s");
    sc.wait("step ");
    // The stepper opens on the first failing request (request 2 of 4).
    sc.send("q");
    sc.wait("expectations hold.");
    sc.send("e");
    sc.wait("Your views do not run:");
    assert!(sc.text().contains("lost-append.py:1:"), "{}", sc.text());
    sc.assert_no_row_too_wide();
    assert!(sc.vt.screen().alternate_screen());
    sc.send("e");
    sc.wait("All 3 expectations hold.");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}

#[test]
fn ctrl_c_leaves_the_file_as_it_is() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lost-append.py");
    std::fs::write(&file, "# my own work\n").unwrap();
    let mut sc = start(&sb, dir.path(), 80, 24, None);
    sc.wait("Your views do not run");
    sc.send("e");
    sc.wait("Neither $VISUAL nor $EDITOR is set");
    sc.send(CTRL_C);
    assert_eq!(sc.finish(), 130);
    assert!(!sc.vt.screen().alternate_screen());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# my own work\n");
}

/// The exercise list is the list the order and blanks problems use: state, title, name and
/// page, each entry wrapped within the window; Enter opens one, Esc comes back to the list.
#[test]
fn the_list_is_the_shared_list_and_fits_60_columns() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    cmd.env_remove("VISUAL").env_remove("EDITOR");
    let mut sc = Screen::start_with(
        &sb,
        60,
        20,
        cmd,
        &[
            "sessions",
            "exercise",
            "--dir",
            dir.path().to_str().unwrap(),
        ],
    );
    sc.wait("The KeyError on the first visit");
    sc.assert_no_row_too_wide();
    let text = sc.text();
    assert!(
        text.contains("Django sessions · fix the view") || text.contains("· fix the view"),
        "{text}"
    );
    assert!(text.contains("› ") && text.contains("· pending"), "{text}");
    sc.send("\r");
    sc.wait("expectations hold");
    sc.send(ESC);
    // Back on the list (its header, not the exercise's).
    sc.wait("· fix the view");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}
