//! Shell steps in the stepper's plain trace: the statements after `>>>`, what each printed
//! or echoed, the traceback of the one that raised, and the store afterwards.

mod common;
use common::*;

const SCENARIO: &str = r#"format_version = 1
title = "Shell"
views = '''
from django.http import HttpResponse

def show(request):
    return HttpResponse(repr(request.session.get('n')))
'''

[[request]]
note = "The shell makes a session with no browser."
shell = '''
from django.contrib.sessions.backends.db import SessionStore
s = SessionStore()
s['n'] = 1
s.create()
for k in s.keys():
    print('key', k)
len(s.session_key)
'''

[[request]]
view = "show"

[[request]]
shell = '''
SessionStore(s.session_key)['n']
SessionStore(s.session_key)['missing']
print('never')
'''
"#;

#[test]
fn a_shell_step_reads_like_the_prompt() {
    let sb = Sandbox::new();
    let path = sb.data().join("shell.toml");
    std::fs::write(&path, SCENARIO).unwrap();
    let out = sb
        .learn(&[
            "sessions",
            "simulate",
            &path.display().to_string(),
            "--plain",
            "--seed",
            "7",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let first = text
        .split("Request 1 of 3 · no browser · code typed into manage.py shell")
        .nth(1)
        .expect("the first shell step's title");
    let first = &first[..first.find("Request 2 of 3").unwrap()];
    for line in [
        "The shell makes a session with no browser.",
        "$ python manage.py shell",
        ">>> s = SessionStore()",
        ">>> for k in s.keys():",
        "...     print('key', k)",
        "key n",
        ">>> len(s.session_key)",
        "  32",
        "django_session table",
    ] {
        assert!(first.contains(line), "{line:?} in\n{first}");
    }
    let last = text
        .split("Request 3 of 3 · no browser · code typed into manage.py shell")
        .nth(1)
        .expect("the last shell step's title");
    assert!(
        last.contains(">>> SessionStore(s.session_key)['n']\n  1\n"),
        "{last}"
    );
    assert!(
        last.contains("Traceback (most recent call last):"),
        "{last}"
    );
    assert!(last.contains("KeyError: 'missing'"), "{last}");
    assert!(last.contains("line 2 raised KeyError"), "{last}");
    assert!(!last.contains("never"), "{last}");
}
