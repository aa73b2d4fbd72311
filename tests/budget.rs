//! Hostile programs stop within the budget: no panic, a clear stop (or a normal end), and
//! the memory this thread held at its peak stays under the ceiling. The peak is measured by
//! the program's own allocator (`learn::python::eval::budget`), which counts what each thread
//! holds. Each program runs in a thread of its own with a main-sized stack.
//!
//! Time is not asserted here (it depends on the build and the machine): each program must
//! end with the stop the budget gives it, at its line, and what a stop costs is measured
//! by `bash tests/bench/budget.sh`, which prints the CPU time and peak memory of every
//! program below in a release-like build (the README's targets: 2 s, 256 MB).

use learn::python::eval::budget::{self, MEMORY_LIMIT};
use learn::python::{parse_module, Interpreter, PyError};
use learn::sim::Sandbox;
use proptest::prelude::*;

/// What a run may hold at its peak: the ceiling, plus the largest single result a run may
/// build before the next check (a string of the longest length, as UTF-8 up to four bytes a
/// char) and the allocator's rounding.
const PEAK_ALLOWED: usize = MEMORY_LIMIT + 48 * 1024 * 1024;

/// How a run ended, as text (the interpreter's values stay in their thread).
#[derive(Debug, PartialEq)]
enum End {
    Finished,
    Stopped(String),
    Refused(String),
    Raised(String),
    Syntax(String),
}

#[derive(Debug)]
struct Outcome {
    end: End,
    peak: usize,
}

fn end_of(r: Result<(), PyError>) -> End {
    match r {
        Ok(()) => End::Finished,
        Err(e @ (PyError::StepLimit { .. } | PyError::Limit { .. })) => End::Stopped(e.to_string()),
        Err(e @ PyError::Unsupported { .. }) => End::Refused(e.to_string()),
        Err(e @ PyError::Exception(_)) => End::Raised(e.to_string()),
        Err(e) => End::Syntax(e.to_string()),
    }
}

fn run_isolated(source: String) -> Outcome {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            budget::reset_peak();
            let base = budget::memory_in_use();
            let mut it = Interpreter::new(learn::sim::STEP_LIMIT);
            let end = end_of(parse_module(&source).and_then(|m| it.load(&m)));
            drop(it);
            Outcome {
                end,
                peak: budget::peak_memory().saturating_sub(base),
            }
        })
        .expect("a thread")
        .join()
        .expect("the interpreter never panics")
}

fn assert_bounded(label: &str, o: &Outcome) {
    assert!(
        o.peak <= PEAK_ALLOWED,
        "{label}: held {} MB at its peak",
        o.peak >> 20
    );
}

/// Ends with a stop, a refusal or an exception: never a crash, never a silent success.
fn assert_stopped(label: &str, o: &Outcome) {
    assert_bounded(label, o);
    match &o.end {
        End::Stopped(_) | End::Refused(_) | End::Raised(_) => {}
        other => panic!("{label}: expected a stop, got {other:?}"),
    }
}

const HOSTILE: &[(&str, &str)] = &[
    ("slices in a loop", "x = list(range(300000))\nwhile True:\n    x = x[:]\n"),
    ("copies in a loop", "x = list(range(500000))\nwhile True:\n    y = x.copy()\n"),
    ("count and index", "x = [0] * 900000\nwhile True:\n    x.count(1)\n    x.index(0)\n"),
    ("list equality", "a = [0] * 900000\nb = [0] * 900000\nwhile True:\n    a == b\n"),
    ("list order", "a = [0] * 900000\nb = [0] * 900000\nwhile True:\n    a < b\n"),
    ("string equality", "a = 'x' * 9000000\nb = 'x' * 9000000\nwhile True:\n    a == b\n"),
    ("bytes equality", "a = b'x' * 9000000\nb = b'x' * 9000000\nwhile True:\n    a == b\n"),
    ("dict equality", "a = dict.fromkeys(range(20000))\nb = dict.fromkeys(range(20000))\nwhile True:\n    a == b\n"),
    ("reverse", "x = list(range(900000))\nwhile True:\n    x.reverse()\n"),
    ("fromkeys", "while True:\n    d = dict.fromkeys(range(50000))\n"),
    ("len of a long string", "s = 'é' * 4000000\nwhile True:\n    len(s)\n"),
    ("str of a long string", "s = 'x' * 9000000\nwhile True:\n    t = str(s)\n"),
    ("f-string of a long string", "s = 'x' * 9000000\nwhile True:\n    t = f'{s}'\n"),
    ("encode and decode", "s = 'x' * 9000000\nwhile True:\n    b = s.encode()\n    t = b.decode()\n"),
    ("hash of bytes", "b = b'x' * 9000000\nwhile True:\n    hash(b)\n"),
    ("bin and int of big ints", "n = 2 ** 100000\nwhile True:\n    int(hex(n), 16)\n    bin(n)\n"),
    ("pow with a big modulus", "pow(3, 10 ** 5000, 10 ** 5000 + 7)\n"),
    ("find with a long needle", "h = 'a' * 1000000\nn = 'a' * 500000 + 'b'\nwhile True:\n    h.find(n)\n"),
    ("repr of a shared list", "a = list(range(100000))\nb = [a] * 100000\nx = repr(b)\n"),
    ("str of a shared list", "a = list(range(100000))\nb = [a] * 100000\nprint(b)\n"),
    ("percent-format past the limit", "x = 'y' * 9000000\ns = ('%s' * 1000) % ((x,) * 1000)\n"),
    ("precision 65536", "while True:\n    s = '%.65536f' % 1.5\n"),
    ("precision 70000e", "while True:\n    s = '%.70000e' % 1.5 + '%.70000g' % 1.5\n"),
    ("split into millions", "x = 'a ' * 4000000\ny = x.split()\n"),
    ("split on a separator", "x = 'a,' * 4000000\ny = x.split(',')\n"),
    ("strftime past the limit", "import datetime\nd = datetime.datetime(2026, 1, 1)\ns = d.strftime('%c' * 1000000)\n"),
    ("growing globals", "x = []\nwhile True:\n    x.append('y' * 1000000)\n"),
    ("growing lists", "x = []\nwhile True:\n    x.append([0] * 100000)\n"),
    ("deep comparison", "a = []\nb = []\nfor _ in range(5000):\n    a = [a]\n    b = [b]\nprint(a == b)\n"),
    ("deep comparison in deep calls", "a = []\nb = []\nfor _ in range(990):\n    a = [a]\n    b = [b]\ndef f(k):\n    return a < b if k == 0 else f(k - 1)\nprint(f(40))\n"),
    ("namedtuple methods in a loop", "from collections import namedtuple\nP = namedtuple('P', ['f%d' % i for i in range(5000)])\nwhile True:\n    p = P._make(range(5000))\n    q = p._replace(f1=2)\n    d = p._asdict()\n"),
    ("namedtuple classes in a loop", "from collections import namedtuple\nnames = ['f%d' % i for i in range(20000)]\nwhile True:\n    P = namedtuple('P', names, rename=True, defaults=names)\n"),
    ("a __hash__ that never returns", "class K:\n    def __hash__(self):\n        while True:\n            pass\n    def __eq__(self, other):\n        return True\n{K(): 1}\n"),
    ("lookups through __eq__ in a loop", "class K:\n    def __hash__(self):\n        return 1\n    def __eq__(self, other):\n        return False\nd = {K(): i for i in range(300)}\nwhile True:\n    K() in d\n"),
    ("an __eq__ that loops inside a set union", "class K:\n    def __eq__(self, other):\n        while True:\n            pass\n    def __hash__(self):\n        return 1\na = {K()}\na | {K()}\n"),
    ("a __hash__ that loops inside Counter", "class K:\n    def __hash__(self):\n        while True:\n            pass\n    def __eq__(self, other):\n        return True\nimport collections\ncollections.Counter([K()])\n"),
    ("set algebra through __eq__ in a loop", "class K:\n    def __hash__(self):\n        return 1\n    def __eq__(self, other):\n        return False\ns = {K() for i in range(60)}\nwhile True:\n    s & set(s)\n    s.issubset([K()])\n"),
    ("a finally that yields forever", "def g():\n    try:\n        yield 1\n    finally:\n        while True:\n            yield 2\nfor x in g():\n    pass\n"),
    ("a freed generator whose finally never ends", "def g():\n    try:\n        yield 1\n    finally:\n        while True:\n            pass\nx = g()\nnext(x)\nx = None\n"),
    ("a yield inside an expression, forever", "def g():\n    n = 0\n    while True:\n        n = n + 1 + ((yield n) or 0)\nfor x in g():\n    pass\n"),
    ("values sent into a condition forever", "def g():\n    total = 0\n    while (yield total) is not None:\n        total = total + 1\nx = g()\nnext(x)\nwhile True:\n    x.send(1)\n"),
    ("a long display around a yield", ""),
    ("yields nested in calls", ""),
    ("a recursive generator inside an expression", "def g(n):\n    x = 1 + (yield from g(n + 1))\n    yield x\nfor v in g(0):\n    pass\n"),
    ("a match whose guard yields forever", "def g():\n    while True:\n        match (yield 1):\n            case int(n) if (yield n):\n                pass\nfor v in g():\n    pass\n"),
    ("a dataclass __post_init__ that never returns", "from dataclasses import dataclass\n@dataclass\nclass C:\n    x: int = 0\n    def __post_init__(self):\n        while True:\n            pass\nC()\n"),
    ("dataclass classes in a loop", "from dataclasses import dataclass\nsrc = {'f%d' % i: int for i in range(5000)}\nclass C:\n    __annotations__ = src\nwhile True:\n    dataclass(C)\n"),
    ("a set churning through adds and discards", "s = set(range(1000))\ni = 0\nwhile True:\n    s.add(i)\n    s.discard(i - 500)\n    i += 1\n"),
    ("set algebra on big sets in a loop", "a = set(range(0, 200000, 3))\nb = set(range(0, 200000, 5))\nwhile True:\n    c = (a ^ b) | (a - b)\n"),
    ("typing subscriptions in a loop", "from typing import List, Optional\nn = 0\nwhile True:\n    x = Optional[List[n]]\n    n += 1\n"),
    ("TypedDict classes in a loop", "from typing import TypedDict\nwhile True:\n    class M(TypedDict):\n        x: int\n"),
    ("a chain of exception contexts", "e = None\nwhile True:\n    x = ValueError(1)\n    x.__context__ = e\n    e = x\n"),
    ("a chain through exception attributes", "e = None\nwhile True:\n    x = KeyError(1)\n    x.prev = e\n    e = x\n"),
    ("an uncaught exception whose __str__ never returns", "class E(Exception):\n    def __str__(self):\n        while True:\n            pass\nraise E()\n"),
    ("an exception __repr__ that grows a list forever", "class E(Exception):\n    def __repr__(self):\n        x = []\n        while True:\n            x.append('y' * 100000)\nrepr([E()])\n"),
    ("power chain", "x = 1"),
    ("adjacent literals", ""),
    ("a literal of millions", ""),
];

fn source_of(label: &str, text: &str) -> String {
    match label {
        "power chain" => format!("x = 1{}\n", "**1".repeat(9000)),
        "a long display around a yield" => format!(
            "def g():\n    while True:\n        x = [{}(yield)]\nfor v in g():\n    pass\n",
            "1, ".repeat(50_000)
        ),
        "yields nested in calls" => format!(
            "def f(v):\n    return v\ndef g():\n    while True:\n        x = {}(yield){}\nfor v in g():\n    pass\n",
            "f(".repeat(20),
            ")".repeat(20)
        ),
        "adjacent literals" => format!("x = {}\n", "'ab' ".repeat(400_000)),
        "a literal of millions" => format!("x = [{}]\n", "1,".repeat(3_000_000)),
        _ => text.to_string(),
    }
}

/// How each hostile program ends: the step limit at the line of the loop (bulk work pays
/// for itself, so a loop over big values stops at its step budget like a cheap loop),
/// a size refused before the result is built, or CPython's own error.
fn expected_end(label: &str) -> End {
    let steps = |line: u32| {
        End::Stopped(format!(
            "stopped after {} steps: the code seems to loop forever (line {line})",
            learn::sim::STEP_LIMIT
        ))
    };
    let too_long = |n: u64, line: u32| {
        End::Refused(format!(
            "not supported in the simulator: strings this long ({n} characters; the simulator's limit is 10000000) (line {line})"
        ))
    };
    let too_many = |n: u64, line: u32| {
        End::Refused(format!(
            "not supported in the simulator: values this large ({n} items; the simulator's limit is 1000000) (line {line})"
        ))
    };
    match label {
        "slices in a loop" | "list equality" | "list order" | "fromkeys" | "hash of bytes"
        | "precision 65536" | "precision 70000e" => steps(2),
        "pow with a big modulus" => steps(1),
        "find with a long needle" => steps(4),
        "namedtuple methods in a loop" => steps(5),
        "namedtuple classes in a loop" => steps(4),
        "a dataclass __post_init__ that never returns" => steps(6),
        "dataclass classes in a loop" => steps(6),
        "a set churning through adds and discards" => steps(6),
        "set algebra on big sets in a loop" => steps(4),
        "typing subscriptions in a loop" => steps(5),
        "TypedDict classes in a loop" => steps(2),
        "an uncaught exception whose __str__ never returns" => steps(4),
        // Dropped at the end without recursing down the chain.
        "a chain of exception contexts" | "a chain through exception attributes" => steps(5),
        "an exception __repr__ that grows a list forever" => steps(5),
        "lookups through __eq__ in a loop" | "set algebra through __eq__ in a loop" => steps(5),
        "repr of a shared list" | "str of a shared list" => too_long(10_000_005, 3),
        "percent-format past the limit" => too_long(18_000_000, 2),
        "strftime past the limit" => too_long(10_000_008, 3),
        "split into millions" => too_many(4_000_000, 2),
        "split on a separator" => too_many(4_000_001, 2),
        "deep comparison" | "deep comparison in deep calls" => End::Raised(
            "RecursionError: maximum recursion depth exceeded in comparison".into(),
        ),
        "power chain" => End::Refused(
            "not supported in the simulator: expressions or blocks nested this deeply (line 1)"
                .into(),
        ),
        "a literal of millions" => End::Refused(
            "not supported in the simulator: programs this large (more than 1000000 tokens) (line 1)"
                .into(),
        ),
        // CPython joins them too.
        "adjacent literals" => End::Finished,
        "a finally that yields forever" => steps(8),
        "an __eq__ that loops inside a set union" => steps(4),
        "a freed generator whose finally never ends" => steps(5),
        "a long display around a yield" => steps(4),
        "a yield inside an expression, forever" | "yields nested in calls" => steps(6),
        "a match whose guard yields forever" => steps(2),
        "a recursive generator inside an expression" => {
            End::Raised("RecursionError: maximum recursion depth exceeded".into())
        }
        _ => steps(3),
    }
}

#[test]
fn hostile_programs_stop_within_the_budget() {
    for (label, text) in HOSTILE {
        let o = run_isolated(source_of(label, text));
        eprintln!("{label}: {} MB, {:?}", o.peak >> 20, o.end);
        if *label == "adjacent literals" {
            assert_bounded(label, &o);
        } else {
            assert_stopped(label, &o);
        }
        assert_eq!(o.end, expected_end(label), "{label}");
    }
}

#[test]
fn a_stop_names_its_limit_and_line() {
    // One run's steps bound what it can build; what runs keep adds up to the ceiling.
    let message = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            let mut it = Interpreter::new(learn::sim::STEP_LIMIT);
            let mut tracer = learn::python::NoTracer;
            it.exec_interactive("x = []", &mut tracer).unwrap();
            for _ in 0..100 {
                if let Err(e) = it.exec_interactive(
                    "if True:\n    y = 1\n    x.append('y' * 9000000)\n",
                    &mut tracer,
                ) {
                    return e.to_string();
                }
            }
            String::from("never stopped")
        })
        .unwrap()
        .join()
        .expect("no panic");
    assert!(
        message.starts_with("stopped: this code used more than 128 MB of memory (line 3)"),
        "{message}"
    );
}

#[test]
fn a_sandbox_session_has_one_ceiling_for_all_it_keeps() {
    let o = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            budget::reset_peak();
            let base = budget::memory_in_use();
            let mut sandbox = Sandbox::new(learn::django::settings::Engine::Db, Some(1));
            let mut last = None;
            for i in 0..300 {
                last = Some(sandbox.exec(&format!("x{i} = 'y' * 9000000")));
            }
            (last, budget::peak_memory().saturating_sub(base))
        })
        .unwrap()
        .join()
        .expect("no panic");
    let (last, peak) = o;
    let error = last.and_then(|out| out.error).unwrap_or_default();
    assert!(error.contains("more than 128 MB of memory"), "{error}");
    assert!(peak <= PEAK_ALLOWED, "held {} MB", peak >> 20);
}

/// Pieces of programs over big values; a generated program loops over some of them.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "x = x[:]",
        "x = x + x",
        "x = x * 2",
        "y = x.copy()",
        "y = list(reversed(x))",
        "y = sorted(x)",
        "y = x == x[:]",
        "y = x < x[:]",
        "y = repr(x)",
        "y = str(x)",
        "y = [x] * 1000",
        "y = x.count(0)",
        "s = s + s",
        "s = s * 3",
        "y = s.find(s[1:])",
        "y = s.split()",
        "y = s.upper()",
        "y = s.replace('a', 'bb')",
        "y = s.encode()",
        "y = '%s%s' % (s, s)",
        "y = f'{s}{s}'",
        "y = len(s)",
        "y = hash(s)",
        "d = dict.fromkeys(x)",
        "y = d == dict(d)",
        "n = n * n",
        "y = bin(n)",
        "y = pow(n, n, n + 7)",
        "y = '%.70000f' % 1.5",
        "x.append(x)",
        "y = x == x",
        "x = x[::-1]",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, .. ProptestConfig::default() })]

    #[test]
    fn generated_programs_stay_within_the_budget(
        pieces in prop::collection::vec(piece(), 1..6),
        size in prop::sample::select(vec![10usize, 1000, 30_000]),
    ) {
        let mut source = format!(
            "x = list(range({size}))\ns = 'a b ' * {size}\nn = 3 ** {}\nd = {{}}\nwhile True:\n",
            size.min(20_000)
        );
        for p in &pieces {
            source.push_str("    ");
            source.push_str(p);
            source.push('\n');
        }
        let o = run_isolated(source.clone());
        prop_assert!(o.peak <= PEAK_ALLOWED, "{source}\nheld {} MB", o.peak >> 20);
        // The loop is lines 5 (`while True:`) and on: a stop or a refusal names one of them.
        let at_loop = |m: &str| (5..6 + pieces.len()).any(|l| m.ends_with(&format!("(line {l})")));
        match &o.end {
            End::Stopped(m) | End::Refused(m) => prop_assert!(at_loop(m), "{source}\n{m}"),
            End::Raised(_) => {}
            other => prop_assert!(false, "{source}\nan endless loop ended with {other:?}"),
        }
    }
}
