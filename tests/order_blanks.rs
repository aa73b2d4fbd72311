//! `learn sessions order` and `learn sessions blanks` in plain form (piped), their progress,
//! and `learn check` on both content kinds.

mod common;
use common::*;
use learn::activity::parsons;
use std::path::Path;

/// Stdout with runs of white space made one space, so wrapping does not matter.
fn flat(out: &std::process::Output) -> String {
    stdout_of(out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn problem(name: &str) -> parsons::Parsons {
    let path = format!("lessons/sessions/order/{name}.toml");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
    parsons::load(name, &path, &text).unwrap()
}

/// The solution typed as the shown numbers for `seed`.
fn typed_solution(p: &parsons::Parsons, seed: u64) -> String {
    parsons::write_answer(p, &p.solution(), &p.shuffled(seed))
}

#[test]
fn the_list_names_every_problem_in_course_order_with_pending_and_done() {
    let sb = Sandbox::new();
    let out = sb.learn(&["sessions", "order"]).output().unwrap();
    assert!(out.status.success());
    let text = flat(&out);
    assert!(text.contains("0 of 9 done"), "{text}");
    let first = text.find("(set-and-read)").unwrap();
    let last = text.find("(cycle-key-at-login)").unwrap();
    assert!(first < last, "{text}");
    assert_eq!(text.matches("· pending").count(), 9, "{text}");

    let p = problem("visit-counter");
    let answer = typed_solution(&p, 5);
    let out = sb
        .learn(&["sessions", "order", "visit-counter", "--seed", "5"])
        .write_stdin(format!("{answer}\n"))
        .output()
        .unwrap();
    let text = flat(&out);
    assert!(text.contains("✓ It works"), "{answer}\n{text}");
    assert!(text.contains("Solved, and saved"), "{text}");

    let text = stdout_of(&sb.learn(&["sessions", "order"]).output().unwrap());
    assert!(text.contains("1 of 9 done"), "{text}");
    assert!(
        text.contains("✓ done") && text.contains("(visit-counter)"),
        "{text}"
    );
    let text = stdout_of(&sb.learn(&["sessions", "progress"]).output().unwrap());
    assert!(text.contains("Put the lines in order"), "{text}");
    assert!(text.contains("1 of 9 done"), "{text}");
    assert!(
        text.contains("Fill in the blanks") && text.contains("0 of 8 done"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &sb.learn(&["sessions", "progress", "--json"])
            .output()
            .unwrap(),
    ))
    .unwrap();
    let rec = &json["activities"]["order"]["visit-counter"];
    assert_eq!(rec["done"], true, "{json}");
    assert_eq!(rec["attempts"], 1, "{json}");
}

#[test]
fn a_wrong_order_shows_what_it_does_and_why() {
    let sb = Sandbox::new();
    let p = problem("visit-counter");
    // The typical mistake: the count is stored before one is added.
    let wrong: Vec<parsons::Entry> =
        parsons::parse_answer(&p.mistakes[0].answer, &p, |n| n.checked_sub(1)).unwrap();
    let typed = parsons::write_answer(&p, &wrong, &p.shuffled(2));
    let out = sb
        .learn(&["sessions", "order", "visit-counter", "--seed", "2"])
        .write_stdin(format!("99\n1 1\n{typed}\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = flat(&out);
    assert!(text.contains("there is no line 99"), "{text}");
    assert!(text.contains("line 1 is given twice"), "{text}");
    assert!(text.contains("✗ Not yet"), "{text}");
    assert!(
        text.contains("expected body is \"You have visited this page 3 times.\""),
        "{text}"
    );
    assert!(
        text.contains("got stored session[\"visit_count\"] == 0"),
        "{text}"
    );
    assert!(text.contains(&p.mistakes[0].why), "{text}");
    assert!(text.contains("End of input"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &sb.learn(&["sessions", "progress", "--json"])
            .output()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(json["activities"]["order"]["visit-counter"]["done"], false);
}

#[test]
fn a_syntax_error_names_the_learners_line_and_a_distractor_is_explained() {
    let sb = Sandbox::new();
    let p = problem("visit-counter");
    let shown = p.shuffled(4);
    let n = |piece: usize| shown.iter().position(|&s| s == piece).unwrap() + 1;
    // No indentation at all: the module does not parse.
    let flat_order = (0..5)
        .map(|i| n(i).to_string())
        .collect::<Vec<_>>()
        .join(" ");
    // The distractor instead of line 2.
    let with = format!("{} {}>1 {}>1 {}>1 {}>1", n(0), n(5), n(2), n(3), n(4));
    let out = sb
        .learn(&["sessions", "order", "visit-counter", "--seed", "4"])
        .write_stdin(format!("{flat_order}\n{with}\nq\n"))
        .output()
        .unwrap();
    let text = flat(&out);
    assert!(text.contains("✗ The code does not run"), "{text}");
    assert!(text.contains("at your line 2"), "{text}");
    assert!(text.contains("raises KeyError at your line 2"), "{text}");
    assert!(
        text.contains("does not belong: On the first visit"),
        "{text}"
    );
}

#[test]
fn indentation_given_problems_refuse_levels() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "order", "set-and-read", "--seed", "1"])
        .write_stdin("1>1\n")
        .output()
        .unwrap();
    let text = flat(&out);
    assert!(text.contains("each line keeps its indentation"), "{text}");
    let out = sb.learn(&["sessions", "order", "nope"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr_of(&out).contains("there is no problem \"nope\""));
}

#[test]
fn blanks_accept_any_spelling_that_behaves_right() {
    let sb = Sandbox::new();
    let text = stdout_of(&sb.learn(&["sessions", "blanks"]).output().unwrap());
    assert!(text.contains("0 of 8 done"), "{text}");
    let out = sb
        .learn(&["sessions", "blanks", "keep-the-append"])
        .write_stdin("setdefault(\"cart\", list())\nmodified=True\n")
        .output()
        .unwrap();
    let text = flat(&out);
    assert!(
        text.contains("[1 ______]") && text.contains("[2 ______]"),
        "{text}"
    );
    assert!(text.contains("✓ It works"), "{text}");
    let text = stdout_of(&sb.learn(&["sessions", "blanks"]).output().unwrap());
    assert!(text.contains("1 of 8 done"), "{text}");
}

#[test]
fn a_wrong_fill_shows_what_it_does_and_refused_python_names_its_line() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "blanks", "keep-the-append"])
        .write_stdin(
            "setdefault('cart', [])\naccessed = True\n\naccessed = [x for x in (yield 1)]\n",
        )
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = flat(&out);
    assert!(text.contains("✗ Not yet"), "{text}");
    assert!(
        text.contains("expected stored session[\"cart\"] == ['apple', 'pear']"),
        "{text}"
    );
    assert!(
        text.contains("got stored session[\"cart\"] == ['apple']"),
        "{text}"
    );
    assert!(
        text.contains("only `modified` makes Django save it"),
        "{text}"
    );
    assert!(text.contains("Hint:"), "{text}");
    assert!(
        text.contains("not supported in the simulator: 'yield'"),
        "{text}"
    );
    assert!(text.contains("line 6, blank 2"), "{text}");
    assert!(text.contains("End of input"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &sb.learn(&["sessions", "progress", "--json"])
            .output()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(
        json["activities"]["blanks"]["keep-the-append"]["attempts"],
        2
    );
}

fn check_copy(edit: impl Fn(&Path)) -> String {
    let dir = content_copy();
    edit(dir.path());
    let sb = Sandbox::new();
    let out = sb
        .learn(&["check", "--content", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    stdout_of(&out)
}

fn replace_in(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn learn_check_reports_parsons_problems_with_positions() {
    let out = check_copy(|root| {
        let f = "lessons/sessions/order/visit-counter.toml";
        replace_in(root, f, "indent = \"yours\"", "indent = \"sometimes\"");
        let f = "lessons/sessions/order/cart-append.toml";
        replace_in(
            root,
            f,
            "line = \"request.session.get('cart', []).append(request.GET['item'])\"",
            "line = \"cart = list(cart)\"",
        );
        replace_in(root, f, "instead_of = 3", "before = 5");
        let f = "lessons/sessions/order/logout-flush.toml";
        replace_in(root, f, "answer = \"1 3 2 4\"", "answer = \"1 2 3 4\"");
        let f = "lessons/sessions/order/datetime-as-text.toml";
        replace_in(
            root,
            f,
            "body_equals = \"2026-12-01T09:30:00\"",
            "body_equals = \"09:30\"",
        );
    });
    assert!(
        out.contains("order/visit-counter.toml:21:10: unknown variant `sometimes`"),
        "{out}"
    );
    assert!(
        out.contains("order/cart-append.toml:30:1: this distractor is not wrong"),
        "{out}"
    );
    assert!(
        out.contains("order/logout-flush.toml:42:1: this mistake passes every expectation"),
        "{out}"
    );
    assert!(
        out.contains("order/datetime-as-text.toml:34:1: the solution in order does not pass"),
        "{out}"
    );
}

#[test]
fn learn_check_reports_blanks_problems_with_positions() {
    let out = check_copy(|root| {
        let f = "lessons/sessions/blanks/count-one-more.toml";
        replace_in(
            root,
            f,
            "answer = \"request.session.get('visit_count', 0)\"",
            "answer = \"session.get('count')\"",
        );
        let f = "lessons/sessions/blanks/sign-out.toml";
        replace_in(
            root,
            f,
            "[[mistake]]",
            "[[blanks.blank]]\nanswer = \"'bye'\"\n\n[[mistake]]",
        );
        let f = "lessons/sessions/blanks/browser-close.toml";
        replace_in(root, f, "fill = [\"== 'yes'\"", "fill = [\"!= 'yes'\"");
        let f = "lessons/sessions/blanks/read-with-default.toml";
        replace_in(root, f, "hint = ", "hnt = ");
    });
    assert!(
        out.contains(
            "blanks/count-one-more.toml:26:10: \"session.get('count')\" is not in the views"
        ),
        "{out}"
    );
    assert!(
        out.contains("blanks/sign-out.toml:")
            && out.contains("4 blank(s): a problem has from 1 to 3"),
        "{out}"
    );
    assert!(
        out.contains("blanks/browser-close.toml:36:1: this mistake passes every expectation"),
        "{out}"
    );
    assert!(
        out.contains("blanks/read-with-default.toml:32:1: unknown field `hnt`"),
        "{out}"
    );
}
