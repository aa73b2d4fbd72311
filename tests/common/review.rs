//! The set-up review tests share: the first simulated day, `--json` documents read at a given
//! review clock, and the bundled exercises.

use super::{stderr_of, stdout_of, Sandbox};

/// Day 0 of the simulated days (`LEARN_NOW`).
pub const DAY0: &str = "2026-12-01T09:00:00Z";

/// `learn ARGS…` at `LEARN_NOW=now`, which must succeed and print one JSON document.
pub fn json_of(sb: &Sandbox, args: &[&str], now: &str) -> serde_json::Value {
    let out = sb.learn(args).env("LEARN_NOW", now).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_str(&stdout_of(&out)).unwrap()
}

/// The schedule's entry for `key` in a `review --json` or `progress --json` document.
pub fn item<'a>(doc: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    doc["schedule"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no {key} in {doc}"))
}

/// The keys the next review session asks, in order.
pub fn next_session(doc: &serde_json::Value) -> Vec<String> {
    doc["schedule"]["next_session"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect()
}

/// A bundled exercise, as the app loads it.
pub fn exercise(name: &str) -> learn::activity::exercise::Exercise {
    let loaded = learn::content::load(&learn::content::Source::Embedded).unwrap();
    let topic = &loaded.topics[0];
    let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
    let (all, _) = learn::activity::exercise::load_topic(
        &learn::content::Source::Embedded,
        "sessions",
        &pages,
    )
    .unwrap();
    all.into_iter().find(|e| e.name == name).unwrap()
}
