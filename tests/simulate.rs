//! The simulator in front of the learner: the stepper as plain text, the JSON transcript,
//! the sandbox from a pipe, and the quiz's "run it" link.

mod common;
use common::*;

fn bundled_names() -> Vec<String> {
    let loaded = learn::content::load(&learn::content::Source::Embedded).unwrap();
    loaded.topics[0]
        .scenarios
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

#[test]
fn the_visit_counter_steps_through_four_requests() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&[
            "sessions",
            "simulate",
            "visit-counter",
            "--plain",
            "--seed",
            "3",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(!text.contains('\x1b'));
    // No cookie at first, then a key in Set-Cookie, stored on the server and kept by the jar.
    let first = text.split_once("Request 2 of 4").unwrap().0;
    assert!(first.contains("(no Cookie header: the browser has no cookie for this site)"));
    let set_cookie = first
        .lines()
        .find(|l| l.trim_start().starts_with("Set-Cookie: sessionid="))
        .expect("a Set-Cookie on the first response");
    let key: String = set_cookie
        .trim_start()
        .trim_start_matches("Set-Cookie: sessionid=")
        .chars()
        .take(32)
        .collect();
    assert_eq!(key.len(), 32);
    assert!(key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    assert!(first.contains(&format!("{key} → {{'visit_count': 1}}")));
    // The count rises for browser A.
    for n in 1..=3 {
        assert!(text.contains(&format!("body: You have visited this page {n} times.")));
    }
    assert!(text.contains(&format!("Cookie: sessionid={key}")));
    assert!(text.contains(&format!("{key} → {{'visit_count': 3}}")));
    // A second browser starts over with a session of its own.
    let fourth = text.split_once("Request 4 of 4").unwrap().1;
    assert!(fourth.contains("browser B"));
    assert!(fourth.contains("No session cookie: a new, empty session."));
    assert!(fourth.contains("body: You have visited this page 1 times."));
    // Every executed line is a step, and what changed is marked in words.
    assert!(text.contains("line 6 is about to run (step 3 of 4)"));
    assert!(text.contains("✱ count = 1   (was 0)"));
    assert!(text.contains("✱ modified: yes (was no)"));
    assert!(text.contains("modified and not empty, so saved; Set-Cookie sent; Vary: Cookie"));
}

#[test]
fn every_bundled_scenario_has_a_stable_plain_trace() {
    let sb = Sandbox::new();
    for name in bundled_names() {
        let out = sb
            .learn(&["sessions", "simulate", &name, "--plain", "--seed", "1"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", stderr_of(&out));
        insta::assert_snapshot!(format!("simulate_{name}"), stdout_of(&out));
    }
    // Stepping through to the end is recorded.
    let progress = stdout_of(&sb.learn(&["sessions", "progress"]).output().unwrap());
    let total = bundled_names().len();
    assert!(
        progress.contains(&format!("{total} of {total} stepped through")),
        "{progress}"
    );
}

#[test]
fn the_cart_shows_where_the_append_is_lost() {
    let sb = Sandbox::new();
    let text = stdout_of(
        &sb.learn(&["sessions", "simulate", "cart-lost-append", "--seed", "2"])
            .output()
            .unwrap(),
    );
    let lost = text.split_once("Request 2 of 7").unwrap().1;
    let lost = lost.split_once("Request 3 of 7").unwrap().0;
    assert!(lost.contains("✱ 'cart': ['apple']   (was [])"));
    assert!(lost.contains("accessed: yes   modified: no"));
    assert!(lost.contains("read only: no Set-Cookie"));
    assert!(lost.contains("(no Set-Cookie)"));
    assert!(
        lost.contains("→ {'cart': []}"),
        "the store still holds the empty cart"
    );
    assert!(text.contains("body: Cart: []"));
    assert!(text.contains("body: Cart: ['apple', 'pear']"));
}

#[test]
fn json_prints_the_transcript() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&[
            "sessions",
            "simulate",
            "practice-q4-set-del-read",
            "--json",
            "--seed",
            "1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["status"], 500);
    assert_eq!(lines[0]["error"]["type"], "KeyError");
    assert_eq!(lines[0]["error"]["message"], "'user'");
    assert_eq!(lines[0]["error"]["where"], "view");
    assert_eq!(lines[0]["set_cookie"], serde_json::Value::Null);
    assert_eq!(lines[1]["status"], 200);
}

#[test]
fn a_scenario_file_with_a_mistake_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        "format_version = 1\ntitle = \"t\"\nsummary = \"s\"\nviews = '''\ndef v(request):\n    return HttpResponse('x')\n'''\n\n[[request]]\nview = \"v\"\nbrowsr = \"A\"\n",
    )
    .unwrap();
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "simulate", path.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("mine.toml:11:1:"), "{err}");
    assert!(err.contains("browsr"), "{err}");

    std::fs::write(
        &path,
        "format_version = 1\ntitle = \"t\"\nsummary = \"s\"\nviews = '''\nimport os\ndef v(request):\n    pass\n'''\n\n[[request]]\nview = \"v\"\n",
    )
    .unwrap();
    let out = sb
        .learn(&["sessions", "simulate", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("mine.toml:5:"), "{err}");
    assert!(err.contains("not supported in the simulator"), "{err}");
}

#[test]
fn unknown_scenarios_list_the_bundled_ones() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "simulate", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("\"nope\" is neither a bundled scenario nor a file"));
    assert!(err.contains("visit-counter"));
}

#[test]
fn simulate_without_a_name_lists_scenarios_to_pick_from() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "simulate", "--seed", "1"])
        .write_stdin("zz\nvisit-counter\n")
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("Visit counter (visit-counter)"));
    assert!(text.contains("\"zz\" is not in the list"));
    assert!(text.contains("Request 4 of 4"));
}

#[test]
fn the_sandbox_reads_statements_from_a_pipe() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "sandbox"])
        .write_stdin("request.session['user'] = 'Bob'\ndel request.session['user']\nrequest.session['user']\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.lines().any(|l| l == "KeyError: 'user'"), "{text}");
    assert!(text.contains("{'user': 'Bob'}"));
}

#[test]
fn the_sandbox_sends_requests_and_keeps_the_browser() {
    let sb = Sandbox::new();
    let input = "\
request.session['cart'] = []
:send
request.session['cart'].append('apple')
:send
request.session['cart']
if 'cart' in request.session:
    print('found', len(request.session['cart']))

:browser B
request.session.get('cart', 'no cart')
:clock +60
:state
:engine signed_cookies
request.session['n'] = 1
:send
:nonsense
:quit
request.session['never'] = 'run'
";
    let out = sb
        .learn(&["sessions", "sandbox", "--seed", "5"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("Sent: request 1 → 200"));
    assert!(text.contains("modified and not empty, so saved; Set-Cookie sent"));
    assert!(text.contains("Sent: request 2 → 200"));
    assert!(
        text.contains("read only: no Set-Cookie"),
        "the append was not saved"
    );
    assert!(text.lines().any(|l| l == "[]"), "{text}");
    assert!(text.lines().any(|l| l == "found 0"), "{text}");
    assert!(text.contains("Now browser B (new: no cookies yet)"));
    assert!(text.lines().any(|l| l == "'no cart'"));
    assert!(text
        .contains("The clock moved 60 s; it is now 2026-01-01T00:01:00+00:00 (no cookie sent)."));
    assert!(text.contains("Engine db · browser B · 2 requests sent"));
    assert!(text.contains("Started over on the signed_cookies engine"));
    assert!(
        text.contains("Set-Cookie: sessionid=eyJuIjoxfQ:"),
        "the data is in the cookie"
    );
    assert!(text.contains("Unknown command :nonsense"));
    assert!(!text.contains("'never'"));
}

#[test]
fn explain_run_shows_what_the_chosen_and_right_options_do() {
    let quiz = practice();
    let q2 = &quiz.questions[1];
    let bare = q2
        .options
        .iter()
        .position(|o| o.id == "bare-session")
        .unwrap();
    let input = format!("d\n{}\n", (b'a' + bare as u8) as char);
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle", "--explain-run"])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    let q2_part = text.split_once("Question 2 of 5").unwrap().1;
    let q2_part = q2_part.split_once("Question 3 of 5").unwrap().0;
    assert!(q2_part.contains("In the simulator: "));
    assert!(q2_part.contains("✗ 500: NameError: name 'session' is not defined"));
    assert!(q2_part.contains("The right answer: request.session['user'] = 'Alice'"));
    assert!(q2_part.contains("Set-Cookie: the session cookie is sent"));
    assert!(q2_part.contains("learn sessions simulate practice-q2-wrong-syntax"));
    // Question 1 has no code: nothing is run for it.
    let q1_part = text.split("Question 2 of 5").next().unwrap();
    assert!(!q1_part.contains("In the simulator"));
}

/// `simulate --json` gives memory addresses as the stepper does: made up, numbered in order of
/// first sight, the same object at the same address, and the same in every run.
#[test]
fn json_transcripts_have_stable_addresses() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("addr.toml");
    std::fs::write(
        &file,
        r#"format_version = 1
title = "Addresses"
summary = "Reprs with addresses."

views = '''
from django.http import HttpResponse

class Thing:
    pass

def helper():
    pass

def show(request):
    request.session['t'] = repr(Thing())
    return HttpResponse(f"{helper} {Thing()} {helper}")
'''

[[request]]
view = "show"

[[request]]
view = "show"
"#,
    )
    .unwrap();
    let run = || {
        let out = sb
            .learn(&[
                "sessions",
                "simulate",
                file.to_str().unwrap(),
                "--json",
                "--seed",
                "1",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        stdout_of(&out)
    };
    let first = run();
    assert_eq!(first, run());
    let body = |line: &str| {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["body"].as_str().unwrap().to_owned()
    };
    let lines: Vec<&str> = first.lines().collect();
    let b1 = body(lines[0]);
    assert!(b1.starts_with("<function helper at 0x7f3ac"), "{b1}");
    let words: Vec<&str> = b1.split(' ').collect();
    // The function shows one address both times; the object another.
    assert_eq!(b1.matches(words[3]).count(), 2, "{b1}");
    assert!(!b1.contains("0x55") && !b1.contains("0x7ff"), "{b1}");
}
