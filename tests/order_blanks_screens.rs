//! Parsons problems and fill-in-the-blanks on the screen: the real binary in a
//! pseudo-terminal, its output fed to a terminal emulator (vt100), assertions on the grid.
#![cfg(unix)]

mod common;
use common::screen::*;
use common::*;
use learn::activity::parsons;
use std::path::Path;
use std::time::Duration;

fn problem(name: &str) -> parsons::Parsons {
    let path = format!("lessons/sessions/order/{name}.toml");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
    parsons::load(name, &path, &text).unwrap()
}

/// The keys that turn the shown order for `seed` into the solution: carry each line up to
/// its place, indent it, then leave the distractors (now last) out.
fn keys_to_solve(p: &parsons::Parsons, seed: u64) -> Vec<&'static str> {
    let mut now = p.start(seed);
    let mut keys: Vec<&'static str> = Vec::new();
    let mut cursor = 0usize;
    let go = |keys: &mut Vec<&'static str>, cursor: &mut usize, to: usize| {
        while *cursor < to {
            keys.push(DOWN);
            *cursor += 1;
        }
        while *cursor > to {
            keys.push(UP);
            *cursor -= 1;
        }
    };
    for (place, want) in p.solution().iter().enumerate() {
        let at = now.iter().position(|e| e.piece == want.piece).unwrap();
        go(&mut keys, &mut cursor, at);
        keys.push(" ");
        go(&mut keys, &mut cursor, place);
        keys.push(" ");
        let moved = now.remove(at);
        now.insert(place, moved);
        if p.indent == parsons::IndentMode::Yours {
            keys.extend(std::iter::repeat_n(RIGHT, want.level));
        }
    }
    for place in p.solution_len..now.len() {
        go(&mut keys, &mut cursor, place);
        keys.push("x");
    }
    keys
}

fn solve_order(cols: u16, rows: u16, name: &str) {
    let sb = Sandbox::new();
    let p = problem(name);
    let mut sc = Screen::start(&sb, cols, rows, &["sessions", "order", name, "--seed", "3"]);
    sc.wait("put the lines in order");
    sc.wait("c check");
    sc.assert_no_row_too_wide();
    // A check of the shuffled lines fails and says what the code does.
    sc.send("c");
    sc.wait("(PgUp/PgDn scroll)");
    let text = sc.text();
    assert!(text.contains("put the lines in order"), "{text}");
    sc.assert_no_row_too_wide();
    for k in keys_to_solve(&p, 3) {
        sc.send(k);
        std::thread::sleep(Duration::from_millis(15));
    }
    sc.settle();
    sc.send("c");
    sc.wait("Solved, and saved");
    sc.assert_no_row_too_wide();
    sc.send("q");
    assert_eq!(sc.finish(), 0);
    let progress = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(progress.contains(name), "{progress}");
    assert!(progress.contains("done = true"), "{progress}");
}

#[test]
fn a_parsons_problem_is_solved_with_the_keys_at_80x24() {
    solve_order(80, 24, "visit-counter");
}

#[test]
fn a_parsons_problem_with_given_indentation_is_solved_at_60x20() {
    solve_order(60, 20, "logout-flush");
}

#[test]
fn a_wrong_order_shows_the_failing_expectation_and_help_lists_the_keys() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(
        &sb,
        80,
        24,
        &["sessions", "order", "visit-counter", "--seed", "3"],
    );
    sc.wait("c check");
    sc.send("?");
    sc.wait("Keys on this screen");
    let text = sc.text();
    assert!(
        text.contains("leave out") && text.contains("indent"),
        "{text}"
    );
    sc.send(" ");
    sc.settle();
    sc.send("c");
    sc.wait("✗ The code does not run");
    // The window shrinks: the screen is drawn again at the new width.
    sc.resize(60, 20);
    sc.settle();
    sc.assert_no_row_too_wide();
    sc.send("\x03");
    assert_eq!(sc.finish(), 130);
    // The try was saved before Ctrl-C.
    let progress = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(progress.contains("attempts = 1"), "{progress}");
}

#[test]
fn the_list_opens_a_problem_and_q_comes_back() {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, 80, 24, &["sessions", "order"]);
    sc.wait("Write a value, read it back");
    sc.send(DOWN);
    sc.send("\r");
    sc.wait("Count the visits · put the lines in order");
    sc.send("q");
    sc.wait("· pending");
    sc.send("q");
    assert_eq!(sc.finish(), 0);
}

fn blanks_screen(cols: u16, rows: u16) {
    let sb = Sandbox::new();
    let mut sc = Screen::start(&sb, cols, rows, &["sessions", "blanks", "keep-the-append"]);
    sc.wait("blank 1 of 2");
    sc.assert_no_row_too_wide();
    sc.send("setdefault('cart', [])");
    sc.send("\t");
    sc.wait("blank 2 of 2");
    sc.send("accessed = True\r");
    sc.wait("✗ Not yet");
    sc.assert_no_row_too_wide();
    sc.send("\x7f");
    sc.settle();
    assert!(sc.text().contains("accessed = Tru]"), "{}", sc.text());
    sc.send("\x15");
    sc.settle();
    sc.send("modified = True\r");
    sc.wait("Solved, and saved");
    sc.assert_no_row_too_wide();
    sc.send("\x1b");
    assert_eq!(sc.finish(), 0);
    let progress = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(
        progress.contains("keep-the-append") && progress.contains("done = true"),
        "{progress}"
    );
    assert!(progress.contains("attempts = 2"), "{progress}");
}

#[test]
fn blanks_are_typed_and_checked_at_80x24() {
    blanks_screen(80, 24);
}

#[test]
fn blanks_are_typed_and_checked_at_60x20() {
    blanks_screen(60, 20);
}
