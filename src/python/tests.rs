//! End-to-end tests of the interpreter: Python source in, console text or error out.

use super::*;

/// Runs a module and returns what it printed, or the error as Python shows it.
pub(crate) fn run(src: &str) -> String {
    let mut it = Interpreter::new(100_000);
    let result = parse_module(src).and_then(|m| it.load(&m));
    let mut out = it.take_console();
    if let Err(e) = result {
        out.push_str(&e.to_string());
    }
    out
}

#[test]
fn smoke() {
    assert_eq!(run("print(1 + 2, 'a')"), "3 a\n");
}

/// Runs the file named by `PYSIM_FILE` and prints its output (for comparing by hand with
/// CPython): `PYSIM_FILE=x.py cargo test --lib run_file -- --ignored --nocapture`.
#[test]
#[ignore]
fn run_file() {
    if let Ok(path) = std::env::var("PYSIM_FILE") {
        let src = std::fs::read_to_string(path).unwrap_or_default();
        for (i, case) in src.split("\n#---\n").enumerate() {
            println!("=== case {i}");
            let out = run(case);
            print!("{out}");
            if !out.ends_with('\n') {
                println!();
            }
        }
    }
}
