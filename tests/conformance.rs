//! The simulator against real Django 5.2: every scenario in `tests/conformance/scenarios/` and
//! `lessons/sessions/simulations/` is run, normalised and compared with the transcript real
//! Django recorded for it (`tests/conformance/recorded/<stem>.jsonl`, bundled ones as
//! `bundled-<stem>.jsonl`).

use std::fs;
use std::path::{Path, PathBuf};

use learn::sim::{self, transcript};

fn scenarios(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for (dir, prefix) in [
        ("tests/conformance/scenarios", ""),
        ("lessons/sessions/simulations", "bundled-"),
    ] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            out.push((path, format!("{prefix}{stem}.jsonl")));
        }
    }
    out
}

fn check(root: &Path, path: &Path, recording: &str) -> Result<(), Vec<String>> {
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let text = fs::read_to_string(path).map_err(|e| vec![format!("  cannot read: {e}")])?;
    let recorded_path = root.join("tests/conformance/recorded").join(recording);
    let recorded = fs::read_to_string(&recorded_path).map_err(|_| {
        vec![format!(
            "  no recording: tests/conformance/recorded/{recording}"
        )]
    })?;
    let expected = transcript::parse_jsonl(&recorded)
        .map_err(|e| vec![format!("  the recording does not parse: {e}")])?;
    let scenario = sim::load_scenario(&rel, &text).map_err(|e| vec![format!("  {e}")])?;
    let result = sim::run(&scenario, Some(7)).map_err(|e| vec![format!("  {e}")])?;
    let actual = transcript::normalize_records(&result.transcript);
    let diffs = transcript::differences(&expected, &actual);
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs)
    }
}

#[test]
fn every_scenario_matches_real_django() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let all = scenarios(root);
    assert!(!all.is_empty(), "no scenarios found");
    let mut failures = Vec::new();
    for (path, recording) in &all {
        if let Err(diffs) = check(root, path, recording) {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            failures.push(format!(
                "DIFFERS {rel} (recorded/{recording})\n{}",
                diffs.join("\n")
            ));
        }
    }
    let equal = all.len() - failures.len();
    eprintln!("{equal} of {} scenarios equal to real Django", all.len());
    assert!(
        failures.is_empty(),
        "{}\n{equal} of {} scenarios equal to real Django",
        failures.join("\n"),
        all.len()
    );
}

/// Checks a directory of extra scenarios against raw harness transcripts in `DIR/raw/`
/// (`tests/django/harness.py DIR --out DIR/raw`): `LEARN_PROBE_DIR=DIR cargo test --test
/// conformance -- --ignored`.
#[test]
#[ignore]
fn probe_directory_matches_real_django() {
    let Ok(dir) = std::env::var("LEARN_PROBE_DIR") else {
        eprintln!("LEARN_PROBE_DIR is not set");
        return;
    };
    let dir = PathBuf::from(dir);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let raw =
            fs::read_to_string(dir.join("raw").join(format!("{stem}.jsonl"))).unwrap_or_default();
        let expected = transcript::normalize(&transcript::parse_jsonl(&raw).unwrap());
        let text = fs::read_to_string(path).unwrap();
        let outcome = sim::load_scenario(&stem, &text)
            .and_then(|s| sim::run(&s, Some(7)))
            .map(|r| transcript::normalize_records(&r.transcript));
        match outcome {
            Ok(actual) => {
                let diffs = transcript::differences(&expected, &actual);
                if !diffs.is_empty() {
                    failures.push(format!("DIFFERS {stem}\n{}", diffs.join("\n")));
                }
            }
            Err(e) => failures.push(format!("ERROR {stem}: {e}")),
        }
    }
    eprintln!(
        "{} of {} probes equal",
        paths.len() - failures.len(),
        paths.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
