//! The interpreter against CPython 3.11: every program of `tests/pydiff/corpus/` and a
//! fixed-seed batch of generated programs are run here and compared with what CPython did
//! with them (committed beside them by `tests/pydiff/record.sh`): the text `print` wrote, and
//! the exception the program ended with (class, message and line).
//!
//! Programs where the interpreter is known to differ are listed, with the reason, in
//! `tests/pydiff/known-differences.txt`; they are reported, not failed. A listed program that
//! now matches fails the test until it is taken off the list, so the list only shrinks.
//! See `tests/pydiff/README.md`.

mod generate;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use learn::python::{parse_module, Interpreter, PyError};

/// The step budget of one program (the simulator gives a view the same).
const STEP_LIMIT: u64 = learn::sim::STEP_LIMIT;

/// The generated batch: its seed and size. Changing either (or the generator) changes the
/// programs; `record.sh` then re-records their CPython results.
pub const GENERATED_SEED: u64 = 20_251_201;
pub const GENERATED_COUNT: usize = 2_000;

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pydiff")
}

/// How a run ended and what it printed, in the form the `.expected` files use.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    /// `ok`, `raised <Type> at line <N>: <message>`, `refused at line <N>: <what>`, …
    end: String,
    stdout: String,
}

fn escape(message: &str) -> String {
    message
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// Runs one program in a fresh interpreter.
fn run(source: &str) -> Outcome {
    run_with_limit(source, STEP_LIMIT)
}

fn run_with_limit(source: &str, limit: u64) -> Outcome {
    let mut it = Interpreter::new(limit);
    let result = parse_module(source).and_then(|m| it.load(&m));
    let stdout = it.take_console();
    let end = match result {
        Ok(()) => "ok".to_string(),
        Err(PyError::Exception(e)) => format!(
            "raised {} at line {}: {}",
            e.kind,
            e.line.unwrap_or(0),
            escape(&e.message())
        ),
        Err(PyError::Syntax { message, line, .. }) => {
            let (kind, text) = message
                .split_once(": ")
                .unwrap_or(("SyntaxError", &message));
            format!("raised {kind} at line {line}: {}", escape(text))
        }
        Err(PyError::Unsupported { what, line }) => {
            format!("refused at line {line}: {}", escape(&what))
        }
        Err(PyError::StepLimit { limit, line }) => {
            format!("stopped by the step limit ({limit}) at line {line}")
        }
        Err(PyError::Limit { what, line }) => {
            format!("stopped at line {line}: it used {}", escape(&what))
        }
    };
    Outcome { end, stdout }
}

/// What a program should do, from its `.expected` file.
enum Expected {
    /// CPython's result.
    Python(Outcome),
    /// The interpreter must refuse the program at this line, with a message starting so.
    Refused { line: u32, what: String },
}

fn parse_expected(text: &str) -> Result<Expected, String> {
    if let Some(rest) = text.strip_prefix("refused at line ") {
        // `refused at line N: <how the message starts>`, or `refused at line N` for any.
        let rest = rest.trim_end_matches(['\n', '\r']);
        let (line, what) = rest.split_once(": ").unwrap_or((rest, ""));
        let line = line.trim().parse().map_err(|_| {
            format!("a refused program's .expected reads `refused at line N: what`, not {text:?}")
        })?;
        return Ok(Expected::Refused {
            line,
            what: what.to_string(),
        });
    }
    let (end, stdout) = text
        .split_once("\n--- stdout\n")
        .ok_or("no `--- stdout` line: re-record with tests/pydiff/record.sh")?;
    Ok(Expected::Python(Outcome {
        end: end.to_string(),
        stdout: stdout.to_string(),
    }))
}

/// Compares a run with what was expected; `None` when they agree.
fn difference(expected: &Expected, actual: &Outcome) -> Option<String> {
    match expected {
        Expected::Python(want) => {
            if want == actual {
                return None;
            }
            let mut d = String::new();
            if want.end != actual.end {
                let _ = writeln!(d, "    CPython:     {}", want.end);
                let _ = writeln!(d, "    interpreter: {}", actual.end);
            }
            if want.stdout != actual.stdout {
                let _ = writeln!(d, "    output differs:");
                let _ = write!(d, "{}", first_difference(&want.stdout, &actual.stdout));
            }
            Some(d)
        }
        Expected::Refused { line, what } => {
            let want = format!("refused at line {line}: {}", escape(what));
            if actual.end.starts_with(&want) {
                None
            } else {
                Some(format!(
                    "    expected:    {want}…\n    interpreter: {}\n",
                    actual.end
                ))
            }
        }
    }
}

fn first_difference(want: &str, got: &str) -> String {
    let w: Vec<&str> = want.split_inclusive('\n').collect();
    let g: Vec<&str> = got.split_inclusive('\n').collect();
    let i = w
        .iter()
        .zip(g.iter())
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    format!(
        "      line {}: CPython {:?}\n      line {}: interpreter {:?}\n",
        i + 1,
        w.get(i).copied().unwrap_or("<end of output>"),
        i + 1,
        g.get(i).copied().unwrap_or("<end of output>")
    )
}

/// `known-differences.txt`: program name → reason.
fn known_differences() -> BTreeMap<String, String> {
    let text = fs::read_to_string(here().join("known-differences.txt")).unwrap_or_default();
    let mut known = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let reason = reason.trim();
        assert!(
            !reason.is_empty(),
            "known-differences.txt line {}: give the reason after the program name",
            n + 1
        );
        assert!(
            known.insert(name.to_string(), reason.to_string()).is_none(),
            "known-differences.txt line {}: {name} is listed twice",
            n + 1
        );
    }
    known
}

fn corpus_programs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "py") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&here().join("corpus"), &mut out);
    out.sort();
    out
}

/// The comparison of a set of programs with the known-differences list.
#[derive(Default)]
struct Tally {
    passed: usize,
    known: Vec<(String, String, String)>,
    failures: Vec<String>,
}

impl Tally {
    /// Counts one program; `context` (the program's source) is shown with a failure only.
    fn add(
        &mut self,
        name: &str,
        diff: Option<String>,
        context: &str,
        known: &BTreeMap<String, String>,
    ) {
        match (diff, known.get(name)) {
            (None, None) => self.passed += 1,
            (None, Some(_)) => self.failures.push(format!(
                "{name}: now matches CPython; take it off tests/pydiff/known-differences.txt"
            )),
            (Some(d), Some(reason)) => self.known.push((name.into(), reason.clone(), d)),
            (Some(d), None) => self.failures.push(format!("{name}:\n{d}{context}")),
        }
    }

    fn finish(self, what: &str) {
        for (name, reason, d) in &self.known {
            println!("known difference {name}: {reason}\n{d}");
        }
        println!(
            "{what}: {} match CPython, {} known differences, {} failures",
            self.passed,
            self.known.len(),
            self.failures.len()
        );
        assert!(
            self.failures.is_empty(),
            "{} {what} differ from CPython 3.11:\n\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

#[test]
fn corpus_matches_cpython() {
    let known = known_differences();
    let corpus = here().join("corpus");
    let programs = corpus_programs();
    assert!(
        programs.len() >= 300,
        "the corpus has {} programs",
        programs.len()
    );
    let mut tally = Tally::default();
    for path in &programs {
        let name = path
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let source = fs::read_to_string(path).unwrap();
        let expected_path = path.with_extension("expected");
        let diff = match fs::read_to_string(&expected_path) {
            Err(_) => Some("    no .expected beside it: run tests/pydiff/record.sh\n".into()),
            Ok(text) => match parse_expected(&text) {
                Err(e) => Some(format!("    {e}\n")),
                Ok(expected) => difference(&expected, &run(&source)),
            },
        };
        tally.add(&name, diff, "", &known);
    }
    for name in known.keys() {
        if !name.starts_with("gen:")
            && !programs.iter().any(|p| {
                p.strip_prefix(&corpus)
                    .is_ok_and(|r| r.to_string_lossy() == name.as_str())
            })
        {
            tally.failures.push(format!(
                "{name}: listed in known-differences.txt but not in the corpus"
            ));
        }
    }
    tally.finish("corpus programs");
}

/// One line of `generated.expected`.
#[derive(serde::Deserialize)]
struct Recorded {
    id: String,
    hash: String,
    outcome: String,
    stdout: String,
}

/// The str methods on every code point (`unicode/every_code_point.py`: one digest a block of
/// 256) against CPython's output, in the blocks `blocks` names. It runs far past a view's step
/// budget, so it has its own.
fn unicode_blocks_match(blocks: Option<&str>) {
    let dir = here().join("unicode");
    let mut source = fs::read_to_string(dir.join("every_code_point.py")).unwrap();
    let full = "BLOCKS = range(0, 0x110000, 256)";
    assert!(source.contains(full));
    if let Some(blocks) = blocks {
        source = source.replace(full, &format!("BLOCKS = {blocks}"));
    }
    let want = fs::read_to_string(dir.join("every_code_point.expected")).unwrap();
    let got = run_with_limit(&source, 1_000_000_000);
    assert_eq!(got.end, "ok", "the program did not run to its end");
    let want: BTreeMap<&str, &str> = want.lines().filter_map(|l| l.split_once(' ')).collect();
    let mut differing = Vec::new();
    for line in got.stdout.lines() {
        let (block, digest) = line.split_once(' ').unwrap_or((line, ""));
        if want.get(block) != Some(&digest) {
            differing.push(block.to_string());
        }
    }
    assert!(
        differing.is_empty(),
        "the str methods differ from CPython's in the blocks starting at {differing:?} (see tests/pydiff/unicode/every_code_point.py)"
    );
    if blocks.is_none() {
        assert_eq!(got.stdout.lines().count(), want.len());
    }
}

/// The first 48 blocks (Latin to Georgian and Hangul Jamo, where most case mappings are) and
/// every 17th after them.
#[test]
fn unicode_sample_of_blocks() {
    unicode_blocks_match(Some(
        "list(range(0, 0x3000, 256)) + list(range(0x3000, 0x110000, 256 * 17))",
    ));
}

/// All of them (about a minute and a half in a debug build): run by `check.sh`.
#[test]
#[ignore = "run by tests/pydiff/check.sh"]
fn unicode_every_code_point() {
    unicode_blocks_match(None);
}

#[test]
fn generated_programs_match_cpython() {
    let known = known_differences();
    let programs = generate::batch(GENERATED_SEED, GENERATED_COUNT);
    let text = fs::read_to_string(here().join("generated.expected"))
        .expect("tests/pydiff/generated.expected: run tests/pydiff/record.sh");
    let recorded: Vec<Recorded> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("generated.expected: a line does not parse"))
        .collect();
    assert_eq!(
        recorded.len(),
        programs.len(),
        "generated.expected has {} results for {} programs: run tests/pydiff/record.sh",
        recorded.len(),
        programs.len()
    );
    let mut tally = Tally::default();
    for (program, rec) in programs.iter().zip(&recorded) {
        assert!(
            rec.id == program.id && rec.hash == program.hash,
            "{}: the generator no longer makes the program CPython ran: run tests/pydiff/record.sh",
            program.id
        );
        let expected = Expected::Python(Outcome {
            end: rec.outcome.clone(),
            stdout: rec.stdout.clone(),
        });
        let diff = difference(&expected, &run(&program.source));
        let context = format!("    the program:\n{}", indent(&program.source));
        tally.add(&program.id, diff, &context, &known);
    }
    for name in known.keys() {
        if name.starts_with("gen:") && !programs.iter().any(|p| &p.id == name) {
            tally.failures.push(format!(
                "{name}: listed in known-differences.txt but not generated"
            ));
        }
    }
    tally.finish("generated programs");
}

fn indent(source: &str) -> String {
    source.lines().map(|l| format!("      {l}\n")).collect()
}

/// Writes the generated batch as JSON lines (`id`, `hash`, `source`) to the file named by
/// `PYDIFF_BATCH`, for `record.sh` and `check.sh` to run under CPython.
#[test]
#[ignore = "run by tests/pydiff/record.sh and check.sh"]
fn write_generated_batch() {
    let path = std::env::var("PYDIFF_BATCH").expect("set PYDIFF_BATCH to the output file");
    let mut out = String::new();
    for p in generate::batch(GENERATED_SEED, GENERATED_COUNT) {
        let line = serde_json::json!({"id": p.id, "hash": p.hash, "source": p.source});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    fs::write(&path, out).unwrap();
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    let a = generate::batch(7, 50);
    let b = generate::batch(7, 50);
    assert!(a.iter().zip(&b).all(|(x, y)| x.source == y.source));
    let c = generate::batch(8, 50);
    assert!(a.iter().zip(&c).any(|(x, y)| x.source != y.source));
    let mut distinct: Vec<&str> = a.iter().map(|p| p.source.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), a.len());
}

#[test]
fn outcome_lines_round_trip() {
    assert_eq!(run("print(1)").end, "ok");
    assert_eq!(run("x = 1\n{}['k']").end, "raised KeyError at line 2: 'k'");
    assert!(matches!(
        parse_expected("refused at line 1: the module 'os'\n"),
        Ok(Expected::Refused { line: 1, .. })
    ));
    let Ok(e) = parse_expected("ok\n--- stdout\na\n\nb") else {
        panic!()
    };
    assert!(difference(&e, &run("print('a')\nprint()\nprint('b', end='')")).is_none());
    assert!(difference(&e, &run("print('a')\nprint('b', end='')")).is_some());
}

/// Prints what the interpreter does with the programs named in `PYDIFF_SHOW` (paths separated
/// by spaces), in the `.expected` format: `tests/pydiff/show.sh FILE.py …`.
#[test]
#[ignore = "run by tests/pydiff/show.sh"]
fn show() {
    let paths = std::env::var("PYDIFF_SHOW").expect("set PYDIFF_SHOW to program paths");
    for path in paths.split_whitespace() {
        let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let o = run(&source);
        println!("==> {path}\n{}\n--- stdout\n{}", o.end, o.stdout);
    }
}
