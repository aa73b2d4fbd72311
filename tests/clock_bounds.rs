//! The virtual clock and the values derived from it stay in range whatever a scenario, a
//! sandbox command or a signed cookie asks for: a clear message, never a panic or a runaway.

mod common;
use common::*;

use learn::django::clock::{iso, Clock, MAX, MIN, START};
use learn::django::settings::{Engine, SECRET_KEY};
use learn::django::signing;
use learn::sim::{self, Sandbox};
use std::io::Write;
use std::time::{Duration, Instant};

const VIEWS: &str = r#"from django.http import HttpResponse

def login(request):
    request.session["user"] = "ann"
    return HttpResponse("logged in")

def page(request):
    return HttpResponse("user: " + repr(request.session.get("user")))
"#;

fn scenario(engine: &str, requests: &str) -> String {
    format!(
        "format_version = 1\ntitle = \"t\"\nviews = '''\n{VIEWS}'''\n[settings]\nSESSION_ENGINE = \"{engine}\"\n{requests}"
    )
}

#[test]
fn a_scenario_cannot_move_the_clock_out_of_datetimes_range() {
    for (moves, bad) in [
        (vec!["300000000000"], 1),
        (vec!["-99999999999"], 1),
        (vec!["9223372036854775807"], 1),
        (vec!["-9223372036854775808"], 1),
        (vec!["200000000000", "60", "200000000000"], 3),
    ] {
        let requests: String = moves
            .iter()
            .map(|m| format!("[[request]]\nview = \"page\"\nadvance_clock = {m}\n"))
            .collect();
        let text = scenario("db", &requests);
        let err = sim::load_scenario("s.toml", &text).unwrap_err();
        let line = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("advance_clock"))
            .nth(bad - 1)
            .unwrap()
            .0
            + 1;
        assert_eq!(err.position.map(|p| p.0), Some(line), "{moves:?}: {err}");
        assert!(
            err.message.starts_with("advance_clock: moving the clock")
                && err.message.contains("Python's datetime"),
            "{err}"
        );
    }
}

#[test]
fn the_last_second_datetime_holds_is_reachable_and_the_cookie_past_it_is_a_500() {
    let secs = MAX - START;
    let text = scenario(
        "signed_cookies",
        &format!("[[request]]\nview = \"login\"\nadvance_clock = {secs}\n"),
    );
    let run = sim::run(&sim::load_scenario("s.toml", &text).unwrap(), Some(1)).unwrap();
    let record = &run.transcript[0];
    // As Python would: the expiry two weeks after 9999-12-31 is not a datetime.
    assert_eq!(record.status, 500);
    let error = record.error.as_ref().unwrap();
    assert_eq!(
        (error.kind.as_str(), error.message.as_str()),
        ("ValueError", "year 10000 is out of range")
    );
}

#[test]
fn clock_moves_out_of_range_leave_the_clock_alone() {
    let mut clock = Clock::new();
    for secs in [i64::MAX, i64::MIN, MAX - START + 1, MIN - START - 1] {
        assert!(clock.advance(secs).is_err(), "{secs}");
        assert_eq!(clock.now(), START);
    }
    let mut sb = Sandbox::new(Engine::Db, Some(1));
    let err = sb.advance_clock(251_635_075_200).unwrap_err();
    assert!(
        err.to_string().contains("past 9999-12-31T23:59:59+00:00"),
        "{err}"
    );
    assert_eq!(sb.state().time, iso(START));
    assert_eq!(sb.advance_clock(MAX - START).unwrap().time, iso(MAX));
    assert!(sb.advance_clock(1).is_err());
    assert!(sb.advance_clock(i64::MAX).is_err());
    assert_eq!(sb.state().time, iso(MAX));
}

#[test]
fn the_sandbox_says_the_clock_did_not_move() {
    let sb = common::Sandbox::new();
    let out = sb
        .learn(&["sessions", "sandbox"])
        .write_stdin(":clock +251635075200\n:clock +9223372036854775807\n:clock +251635075199\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert_eq!(
        text.matches("The clock did not move: ").count(),
        2,
        "{text}"
    );
    assert!(
        text.contains("it is now 9999-12-31T23:59:59+00:00"),
        "{text}"
    );
}

#[test]
fn learn_check_reports_a_clock_out_of_range_in_content() {
    let content = content_copy();
    let file = content
        .path()
        .join("lessons/sessions/simulations/zz-far-future.toml");
    std::fs::write(
        &file,
        scenario(
            "db",
            "[[request]]\nview = \"page\"\nadvance_clock = 300000000000\n",
        ),
    )
    .unwrap();
    let sb = common::Sandbox::new();
    let out = sb
        .learn(&["check", "--content", content.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = stdout_of(&out) + &stderr_of(&out);
    assert!(
        text.contains("zz-far-future.toml:") && text.contains("advance_clock: moving the clock"),
        "{text}"
    );
}

/// A signed-cookie session value whose payload decompresses to `size` bytes of `x`.
fn zlib_bomb(size: usize) -> String {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b'x'; 1 << 16];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        z.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    let value = format!(
        ".{}:{}",
        signing::b64_encode(&z.finish().unwrap()),
        signing::b62_encode(START)
    );
    let sig = signing::signature(signing::SIGNED_COOKIES_SALT, &value, SECRET_KEY);
    format!("{value}:{sig}")
}

#[test]
fn a_signed_zlib_bomb_stops_the_scenario_with_a_clear_message() {
    let bomb = zlib_bomb(signing::MAX_PAYLOAD_BYTES + 1);
    assert_eq!(
        signing::loads(&bomb, signing::SIGNED_COOKIES_SALT, SECRET_KEY, None, START),
        Err(signing::BadSignature::TooLarge {
            limit: signing::MAX_PAYLOAD_BYTES
        })
    );
    let text = scenario(
        "signed_cookies",
        &format!(
            "[[request]]\nview = \"login\"\n[[request]]\nview = \"page\"\nbrowser = \"B\"\ncookies = {{ sessionid = \"{bomb}\" }}\n"
        ),
    );
    let started = Instant::now();
    let err = sim::run(&sim::load_scenario("bomb.toml", &text).unwrap(), Some(1)).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(
        err.message.starts_with("request 2 stops the scenario")
            && err.message.contains("browser B")
            && err.message.contains("zlib bomb"),
        "{err}"
    );
    // One byte under the ceiling is still read, as Django would.
    let fine = zlib_bomb(1000);
    let payload =
        signing::loads(&fine, signing::SIGNED_COOKIES_SALT, SECRET_KEY, None, START).unwrap();
    assert_eq!(payload.len(), 1000);
}

#[test]
fn a_validly_signed_timestamp_of_any_size_does_not_overflow() {
    let value = format!("e30:{}", signing::b62_encode(i64::MIN + 1));
    let sig = signing::signature(signing::SIGNED_COOKIES_SALT, &value, SECRET_KEY);
    let result = signing::loads(
        &format!("{value}:{sig}"),
        signing::SIGNED_COOKIES_SALT,
        SECRET_KEY,
        Some(1_209_600),
        START,
    );
    assert!(
        matches!(result, Err(signing::BadSignature::Expired { .. })),
        "{result:?}"
    );
}
