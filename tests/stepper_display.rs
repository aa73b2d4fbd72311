//! Where the stepper says the session data lives, engine by engine, the clearsessions step,
//! and objects in the locals shown with stable addresses. Plain traces of the real binary.

mod common;
use common::*;
use std::path::Path;

fn trace(sb: &Sandbox, scenario: &str) -> String {
    let out = sb
        .learn(&["sessions", "simulate", scenario, "--plain", "--seed", "7"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    stdout_of(&out)
}

/// The session key the first response's Set-Cookie gives.
fn first_key(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Set-Cookie: sessionid="))
        .expect("a Set-Cookie");
    line.trim_start()
        .trim_start_matches("Set-Cookie: sessionid=")
        .chars()
        .take(32)
        .collect()
}

/// The text of the frame whose title contains `title`, up to the next frame.
fn frame<'a>(text: &'a str, title: &str) -> &'a str {
    let start = text
        .find(title)
        .unwrap_or_else(|| panic!("{title:?} in\n{text}"));
    let rest = &text[start..];
    let end = rest
        .find("\n────")
        .or_else(|| rest.find("\n════"))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// A scenario file in a temporary directory.
fn scenario_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn the_file_engine_shows_its_files_and_clearsessions_removes_the_expired_one() {
    let sb = Sandbox::new();
    let text = trace(&sb, "engine-file");
    let key = first_key(&text);
    let first = frame(
        &text,
        "Request 1 of 4 · browser A · GET / · the response arrives",
    );
    assert!(first.contains("Where the session data lives"), "{first}");
    assert!(
        first.contains("files in /var/lib/mysite/sessions"),
        "{first}"
    );
    // The file is named with the cookie's name, then the key.
    assert!(
        first.contains(&format!("✱ sessionid{key} → {{'theme': 'dark'}}")),
        "{first}"
    );
    let manage = frame(&text, "manage.py clearsessions runs on the server");
    assert!(
        manage.contains("$ python manage.py clearsessions"),
        "{manage}"
    );
    assert!(manage.contains("1 removed"), "{manage}");
    assert!(
        manage.contains(&format!("✱ sessionid{key}   (removed)")),
        "{manage}"
    );
    // A command is not a request: no browser, no response.
    assert!(!manage.contains("Response: 0"), "{manage}");
    assert!(!manage.contains("Browser 's"), "{manage}");
    assert!(!text.contains("browser  ·"), "{text}");
}

#[test]
fn cached_db_shows_the_cache_entry_and_the_row() {
    let sb = Sandbox::new();
    let text = trace(&sb, "engine-cached-db");
    let key = first_key(&text);
    let first = frame(
        &text,
        "Request 1 of 3 · browser A · GET / · the response arrives",
    );
    let cache = first.find("cache (LocMemCache)").expect("the cache");
    let table = first.find("django_session table").expect("the table");
    assert!(cache < table, "the cache is read first:\n{first}");
    assert!(
        first.contains(&format!("django.contrib.sessions.cached_db{key}")),
        "{first}"
    );
    assert!(
        first.contains(&format!("✱ {key} → {{'theme': 'dark'}}")),
        "{first}"
    );
}

#[test]
fn signed_cookies_keep_the_data_in_the_browser_s_cookie() {
    let sb = Sandbox::new();
    let text = trace(&sb, "signed-cookies");
    let first = frame(
        &text,
        "Request 1 of 5 · browser A · GET / · the response arrives",
    );
    assert!(first.contains("sessionid cookie of browser A"), "{first}");
    assert!(first.contains("nothing on the server"), "{first}");
    assert!(
        first.contains("✱ sessionid → {'visit_count': 1}   (new)"),
        "{first}"
    );
    let second = frame(
        &text,
        "Request 2 of 5 · browser A · GET / · the response arrives",
    );
    assert!(
        second.contains("sessionid → {'visit_count': 2}   (was {'visit_count': 1})"),
        "{second}"
    );
}

const ENGINE_VIEWS: &str = r#"
format_version = 1
title = "An engine and clearsessions"
summary = "One session stored, then clearsessions a day after it expired."
views = '''
from django.http import HttpResponse

def remember(request):
    request.session['n'] = 1
    return HttpResponse("ok")
'''

[settings]
SESSION_ENGINE = "THE_ENGINE"
SESSION_COOKIE_AGE = 60

[[request]]
view = "remember"

[[request]]
manage = "clearsessions"
advance_clock = 86400
"#;

#[test]
fn the_cache_engine_shows_its_cache_key_and_clearsessions_leaves_it_to_the_cache() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_file(
        dir.path(),
        "cache.toml",
        &ENGINE_VIEWS.replace("THE_ENGINE", "cache"),
    );
    let text = trace(&sb, &file);
    let key = first_key(&text);
    let first = frame(
        &text,
        "Request 1 of 2 · browser A · GET / · the response arrives",
    );
    assert!(
        first.contains(&format!(
            "✱ django.contrib.sessions.cache{key} → {{'n': 1}}"
        )),
        "{first}"
    );
    let manage = frame(&text, "manage.py clearsessions runs on the server");
    assert!(
        manage.contains("does nothing for the cache engine"),
        "{manage}"
    );
}

#[test]
fn clearsessions_on_db_removes_the_expired_row_and_on_signed_cookies_has_nothing_to_do() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let db = scenario_file(
        dir.path(),
        "db.toml",
        &ENGINE_VIEWS.replace("THE_ENGINE", "db"),
    );
    let text = trace(&sb, &db);
    let key = first_key(&text);
    let manage = frame(&text, "manage.py clearsessions runs on the server");
    assert!(manage.contains("django_session table"), "{manage}");
    assert!(manage.contains(&format!("✱ {key}   (removed)")), "{manage}");
    assert!(manage.contains("The clock moves 86400 s"), "{manage}");

    let signed = scenario_file(
        dir.path(),
        "signed.toml",
        &ENGINE_VIEWS.replace("THE_ENGINE", "signed_cookies"),
    );
    let text = trace(&sb, &signed);
    let manage = frame(&text, "manage.py clearsessions runs on the server");
    assert!(
        manage.contains("does nothing for signed cookies"),
        "{manage}"
    );
    assert!(!manage.contains("cookie of browser"), "{manage}");
}

const USER_LOCAL: &str = r#"
format_version = 1
title = "request.user in a local"
summary = "A view keeps request.user in a local before and after it is read."
views = '''
from django.contrib.auth import authenticate, login
from django.http import HttpResponse

def sign_in(request):
    user = authenticate(request, username='alice', password='wonderland')
    login(request, user)
    return HttpResponse("ok")

def home(request):
    who = request.user
    known = who.is_authenticated
    same = request.user
    return HttpResponse(f"Hello, {who}")
'''

[settings]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

[[user]]
username = "alice"
password = "wonderland"

[[request]]
view = "home"

[[request]]
view = "sign_in"

[[request]]
view = "home"
"#;

#[test]
fn request_user_in_a_local_reads_as_django_s_repr_with_a_stable_address() {
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_file(dir.path(), "user.toml", USER_LOCAL);
    // Without a seed: the real addresses differ from run to run, the shown ones do not.
    let run = || {
        let out = sb
            .learn(&["sessions", "simulate", &file, "--plain"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        stdout_of(&out)
    };
    let text = run();
    let again = run();
    let addresses = |t: &str| -> Vec<String> {
        t.split(" at 0x")
            .skip(1)
            .map(|rest| rest.chars().take_while(char::is_ascii_hexdigit).collect())
            .collect()
    };
    assert!(!addresses(&text).is_empty(), "{text}");
    assert_eq!(addresses(&text), addresses(&again));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Before it is read: Django's lazy object around the lambda that fetches the user.
    assert!(
        flat.contains(
            "who = <SimpleLazyObject: <function AuthenticationMiddleware.process_request.<locals>.<lambda> at 0x"
        ),
        "{flat}"
    );
    // Read: an AnonymousUser, and both locals show the same object at the same address.
    let anon = "<SimpleLazyObject: <django.contrib.auth.models.AnonymousUser object at 0x";
    let who_at = flat.find(&format!("who = {anon}")).expect("who, read");
    let addr: String = flat[who_at + "who = ".len() + anon.len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert!(
        flat.contains(&format!("same = {anon}{addr}>>")),
        "{addr}: {flat}"
    );
    // Logged in: the user's own repr.
    assert!(
        flat.contains("who = <SimpleLazyObject: <User: alice>>"),
        "{flat}"
    );
    assert!(flat.contains("body: Hello, alice"), "{flat}");
}

#[test]
fn the_sandbox_s_report_of_a_request_is_wrapped_in_a_pipe() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "sandbox", "--plain"])
        .write_stdin("request.session['a'] = 'x' * 30\n:send\n:state\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("Set-Cookie: sessionid="), "{text}");
    for l in text.lines() {
        assert!(
            l.chars().count() <= 80,
            "{} columns: {l:?}",
            l.chars().count()
        );
    }
}

/// The middleware step shows the response's real `Vary`: CsrfViewMiddleware's cookie added
/// `Vary: Cookie` before SessionMiddleware, which did not use the session, ran.
#[test]
fn the_middleware_step_shows_a_vary_that_csrf_added() {
    let sb = Sandbox::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = trace(
        &sb,
        root.join("tests/conformance/scenarios/900-csrf-cookie-token.toml")
            .to_str()
            .unwrap(),
    );
    let mw = frame(
        &text,
        "Request 2 of 13 · browser A · GET / · the middleware runs",
    );
    assert!(
        mw.contains("SessionMiddleware: the session was not used: no Set-Cookie, no Vary"),
        "{mw}"
    );
    assert!(
        mw.contains("saved: no   cookie: not sent   Vary: Cookie: yes (already on the response)"),
        "{mw}"
    );
    let resp = frame(
        &text,
        "Request 2 of 13 · browser A · GET / · the response arrives",
    );
    assert!(resp.contains("    Vary: Cookie\n"), "{resp}");
    // Where nothing else added it, the session alone decides: not used, no Vary.
    let visit = trace(&sb, "visit-counter");
    assert!(!visit.contains("already on the response"), "{visit}");
}
