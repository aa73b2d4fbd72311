//! End-to-end tests of the interpreter: Python source in, console text or error out.
//! Expected strings were taken from CPython 3.11 running the same code.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

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

/// Runs a module and returns the error it stopped with.
fn error_of(src: &str) -> PyError {
    let mut it = Interpreter::new(100_000);
    match parse_module(src).and_then(|m| it.load(&m)) {
        Err(e) => e,
        Ok(()) => panic!("expected an error from {src:?}"),
    }
}

/// The last traceback line and the line number of an exception.
fn exception_of(src: &str) -> (String, Option<u32>) {
    match error_of(src) {
        PyError::Exception(e) => (e.display(), e.line),
        other => panic!("expected an exception from {src:?}, got {other}"),
    }
}

#[test]
fn prints_with_sep_and_end() {
    assert_eq!(run("print(1 + 2, 'a')"), "3 a\n");
    assert_eq!(run("print(1, 2, sep='-', end='!')\nprint()"), "1-2!\n");
    assert_eq!(
        run("print('a', None, True, [1, 'b'])"),
        "a None True [1, 'b']\n"
    );
}

#[test]
fn error_texts_match_python() {
    let cases: &[(&str, &str)] = &[
        ("d = {}\nd['user']", "KeyError: 'user'"),
        ("print(session)", "NameError: name 'session' is not defined"),
        ("'abc'.foo", "AttributeError: 'str' object has no attribute 'foo'"),
        ("1 + 'a'", "TypeError: unsupported operand type(s) for +: 'int' and 'str'"),
        ("'a' + 1", "TypeError: can only concatenate str (not \"int\") to str"),
        ("x = 5\nx[0]", "TypeError: 'int' object is not subscriptable"),
        ("None()", "TypeError: 'NoneType' object is not callable"),
        (
            "def f(x):\n    return x\nf(1, 2)",
            "TypeError: f() takes 1 positional argument but 2 were given",
        ),
        (
            "def f(x):\n    return x\nf()",
            "TypeError: f() missing 1 required positional argument: 'x'",
        ),
        (
            "def f(a, b, c):\n    pass\nf()",
            "TypeError: f() missing 3 required positional arguments: 'a', 'b', and 'c'",
        ),
        (
            "def g(a, b=1):\n    pass\ng(1, 2, 3)",
            "TypeError: g() takes from 1 to 2 positional arguments but 3 were given",
        ),
        (
            "def f(x):\n    pass\nf(x=1, y=2)",
            "TypeError: f() got an unexpected keyword argument 'y'",
        ),
        (
            "def f(x):\n    pass\nf(1, x=2)",
            "TypeError: f() got multiple values for argument 'x'",
        ),
        ("int('x')", "ValueError: invalid literal for int() with base 10: 'x'"),
        ("[1][3]", "IndexError: list index out of range"),
        ("1/0", "ZeroDivisionError: division by zero"),
        ("1//0", "ZeroDivisionError: integer division or modulo by zero"),
        ("1.0/0", "ZeroDivisionError: float division by zero"),
        (
            "x = 1\ndef g():\n    print(x)\n    x = 2\ng()",
            "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value",
        ),
        ("{[1]: 2}", "TypeError: unhashable type: 'list'"),
        ("s = set()\ns.add({})", "TypeError: unhashable type: 'dict'"),
        ("a, b = [1, 2, 3]", "ValueError: too many values to unpack (expected 2)"),
        ("a, b = [1]", "ValueError: not enough values to unpack (expected 2, got 1)"),
        ("a, b = 1", "TypeError: cannot unpack non-iterable int object"),
        ("for x in 5:\n    pass", "TypeError: 'int' object is not iterable"),
        (
            "sorted([3, 'a'])",
            "TypeError: '<' not supported between instances of 'str' and 'int'",
        ),
        ("[].pop()", "IndexError: pop from empty list"),
        ("{}.pop('k')", "KeyError: 'k'"),
        ("len(5)", "TypeError: object of type 'int' has no len()"),
        ("t = (1, 2)\nt[0] = 5", "TypeError: 'tuple' object does not support item assignment"),
        (
            "d = {'a': 1}\nfor k in d:\n    d['b'] = 2",
            "RuntimeError: dictionary changed size during iteration",
        ),
        ("assert 1 == 2, 'one is not two'", "AssertionError: one is not two"),
        ("assert False", "AssertionError"),
        ("raise ValueError", "ValueError"),
        ("raise ValueError('bad value')", "ValueError: bad value"),
        ("raise", "RuntimeError: No active exception to reraise"),
        ("raise 5", "TypeError: exceptions must derive from BaseException"),
        ("n = None\nn.append(1)", "AttributeError: 'NoneType' object has no attribute 'append'"),
        ("max([])", "ValueError: max() arg is an empty sequence"),
        ("'x'.index('y')", "ValueError: substring not found"),
        ("[1, 2].index(3)", "ValueError: 3 is not in list"),
        ("import datetime\ndatetime.foo", "AttributeError: module 'datetime' has no attribute 'foo'"),
        (
            "import datetime\ndatetime.datetime(2024, 1, 1).foo",
            "AttributeError: 'datetime.datetime' object has no attribute 'foo'",
        ),
        (
            "import datetime\ndatetime.datetime(2024, 2, 30)",
            "ValueError: day is out of range for month",
        ),
        (
            "from datetime import datetime, timezone\ndatetime(2024, 1, 1) < datetime(2024, 1, 1, tzinfo=timezone.utc)",
            "TypeError: can't compare offset-naive and offset-aware datetimes",
        ),
        (
            "from decimal import Decimal\nDecimal(1) + 1.0",
            "TypeError: unsupported operand type(s) for +: 'decimal.Decimal' and 'float'",
        ),
        ("'{}'.format()", "IndexError: Replacement index 0 out of range for positional args tuple"),
        ("'%d' % 'x'", "TypeError: %d format: a real number is required, not str"),
        ("f'{1.5:d}'", "ValueError: Unknown format code 'd' for object of type 'float'"),
        ("'a'.upper = 1", "AttributeError: 'str' object attribute 'upper' is read-only"),
        ("isinstance(1, 2)", "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union"),
    ];
    for (src, want) in cases {
        assert_eq!(exception_of(src).0, *want, "{src}");
    }
}

#[test]
fn exceptions_carry_the_innermost_line() {
    let src = "def view(request):\n    x = 1\n    return helper(x)\n\ndef helper(y):\n    d = {}\n    return d['user']\n\nview(None)";
    assert_eq!(exception_of(src), ("KeyError: 'user'".into(), Some(7)));
    // A multi-line statement reports the line of the failing part.
    let src = "x = [\n    1,\n    undefined,\n]";
    assert_eq!(exception_of(src).1, Some(3));
    // `del` and augmented assignment name their own line too.
    assert_eq!(
        exception_of("d = {}\ndel d['gone']"),
        ("KeyError: 'gone'".into(), Some(2))
    );
    assert_eq!(exception_of("x = 1\n\nx += 'a'").1, Some(3));
    assert_eq!(exception_of("pass\nundefined_name").1, Some(2));
}

#[test]
fn try_except_else_finally_run_in_order() {
    let src = "
log = []
def f(fail):
    try:
        log.append('try')
        if fail:
            raise KeyError('k')
    except LookupError as e:
        log.append('except ' + repr(e))
    else:
        log.append('else')
    finally:
        log.append('finally')
    return log
print(f(True))
log = []
print(f(False))
";
    assert_eq!(
        run(src),
        "['try', \"except KeyError('k')\", 'finally']\n['try', 'else', 'finally']\n"
    );
    let src = "
def f():
    try:
        return 'try'
    finally:
        print('finally runs')
print(f())
def g():
    try:
        return 1
    finally:
        return 2
print(g())
try:
    try:
        1/0
    finally:
        print('inner finally')
except (TypeError, ZeroDivisionError) as e:
    print('caught', type(e).__name__)
try:
    {}['x']
except KeyError:
    try:
        raise
    except KeyError as again:
        print('reraised', again)
e = 5
try:
    1/0
except ZeroDivisionError as e:
    pass
print('e' in dir() if False else 'unbound after handler')
";
    assert_eq!(
        run(src),
        "finally runs\ntry\n2\ninner finally\ncaught ZeroDivisionError\nreraised 'x'\nunbound after handler\n"
    );
    // The name bound by `except ... as e` is removed after the handler, as in Python.
    assert_eq!(
        exception_of("e = 5\ntry:\n    1/0\nexcept ZeroDivisionError as e:\n    pass\nprint(e)").0,
        "NameError: name 'e' is not defined"
    );
}

#[test]
fn loops_with_break_continue_and_else() {
    let src = "
for i in range(5):
    if i == 3:
        break
else:
    print('no break')
print('stopped at', i)
for i in range(2):
    pass
else:
    print('completed')
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    if n == 6:
        break
else:
    print('unreachable')
print(n)
def first_even(xs):
    for x in xs:
        if x % 2 == 0:
            return x
    return None
print(first_even([1, 3, 4, 6]), first_even([1]))
";
    assert_eq!(run(src), "stopped at 3\ncompleted\n6\n4 None\n");
}

#[test]
fn comprehensions() {
    let src = "
print([i * i for i in range(10) if i % 2])
print({i: i * 2 for i in range(3)})
print(sorted({c for c in 'abca'}))
print([(a, b) for a in range(3) for b in range(a)])
print([[r[i] for r in [[1, 2], [3, 4]]] for i in range(2)])
print(sum(x * x for x in range(4)), ', '.join(str(i) for i in range(3)))
x = 'outer'
print([x for x in 'ab'], x)
def f(n):
    return [n * i for i in range(3)]
print(f(2))
";
    assert_eq!(
        run(src),
        "[1, 9, 25, 49, 81]\n{0: 0, 1: 2, 2: 4}\n['a', 'b', 'c']\n[(1, 0), (2, 0), (2, 1)]\n[[1, 3], [2, 4]]\n14 0, 1, 2\n['a', 'b'] outer\n[0, 2, 4]\n"
    );
}

#[test]
fn fstring_and_format_specs() {
    let src = r#"
s = "Hello, World"
print(f"{s!r:>20}|{3.14159:.2f}|{42:05d}|{1234567:,}|{255:x}|{'ab':^6}|")
print(f"{'a':*>5}", f"{3:<4}|", f"{-3:=5}", f"{12345:_}", f"{0.5:.1f}", f"{2.5:.0f}", f"{None!r}")
print(f"{10:#x} {10:#b} {1e100} {123456789.0} {0.000012} {-0.0}")
w = 8
print(f"{'x':>{w}}|", f"{w=}", f"{{literal}}")
print("{:>8}|{:<8}|{:^8}|{:08.3f}|{:+d}|{:,.2f}|{:e}|{:g}|{:.0%}|{!r}".format("r", "l", "c", 3.14159, 5, 1234567.891, 12345.678, 0.00001234, 0.256, "x"))
print("x=%s y=%r z=%5.1f%%" % (1, "s", 99.55), "%(a)s" % {"a": 5}, "%-4d|" % 3)
"#;
    assert_eq!(
        run(src),
        "      'Hello, World'|3.14|00042|1,234,567|ff|  ab  |\n****a 3   | -   3 12_345 0.5 2 None\n0xa 0b1010 1e+100 123456789.0 1.2e-05 -0.0\n       x| w=8 {literal}\n       r|l       |   c    |0003.142|+5|1,234,567.89|1.234568e+04|1.234e-05|26%|'x'\nx=1 y='s' z= 99.5% 5 3   |\n"
    );
}

#[test]
fn arithmetic_semantics() {
    let src = "
print(7 // -2, 7 % -2, -7 // 2, -7 % 2, 2 ** 100, 1 / 3, 10 / 2, 0.1 + 0.2)
print(divmod(-7, 2), 2 ** -2, -2 ** 2, 10 % 3.5, 7.0 // 2, -2.5 // 1, -2.5 % 1)
print(1 < 2 < 3, 1 < 3 < 2, 'x' in 'xyz', [] or 'default', 0 and 1, not [], 3 if [] else 4)
print('ab' * 3, [0] * 3, [1] + [2], (1,) + (2,), 12345678901234567890 * 98765432109876543210)
print(10 ** 20 / 3, 1e308 * 10, round(2.5), round(3.5), round(2.675, 2), round(1250, -2))
";
    assert_eq!(
        run(src),
        "-4 -1 -4 1 1267650600228229401496703205376 0.3333333333333333 5.0 0.30000000000000004\n(-4, 1) 0.25 -4 3.0 3.0 -3.0 0.5\nTrue False True default 0 True 4\nababab [0, 0, 0] [1, 2] (1, 2) 1219326311370217952237463801111263526900\n3.333333333333333e+19 inf 2 4 2.67 1200\n"
    );
}

#[test]
fn reprs_of_every_kind_match_python() {
    let src = r#"
import datetime
from decimal import Decimal
print(repr(None), repr(True), repr(1), repr(-2.5), repr(1e16), repr(1e-05), repr(float('nan')), repr(float('-inf')))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\t\\"), repr("é\u200b\x00"))
print(repr(b"bytes\x00'"), repr([1, 'a']), repr((1,)), repr(()), repr({'k': [None]}), repr(set()), repr({3}))
print(repr({}.keys()), repr({'a': 1}.items()), repr({'a': 1}.values()), repr(range(3)), repr(range(1, 9, 2)))
print(repr(datetime.datetime(2024, 1, 2, 3, 4, 5)), repr(datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)))
print(repr(datetime.date(2024, 1, 2)), repr(datetime.timedelta(days=1, seconds=5)), repr(datetime.timedelta(0)))
print(repr(Decimal('1.10')), repr(KeyError('user')), repr(ValueError()), repr(int), repr(KeyError), repr(len))
print(repr(datetime.datetime), repr(datetime.timezone.utc), str(datetime.datetime(2024, 1, 2, 3, 4, 5, 6)))
print(str(datetime.timedelta(days=-1, seconds=5)), str(Decimal('1E+3')), str(KeyError('user')), str(ValueError('v')))
"#;
    assert_eq!(
        run(src),
        "None True 1 -2.5 1e+16 1e-05 nan -inf\n\"it's\" 'say \"hi\"' 'both \\' and \"' 'tab\\t\\\\' 'é\\u200b\\x00'\nb\"bytes\\x00'\" [1, 'a'] (1,) () {'k': [None]} set() {3}\ndict_keys([]) dict_items([('a', 1)]) dict_values([1]) range(0, 3) range(1, 9, 2)\ndatetime.datetime(2024, 1, 2, 3, 4, 5) datetime.datetime(2024, 1, 2, 0, 0, tzinfo=datetime.timezone.utc)\ndatetime.date(2024, 1, 2) datetime.timedelta(days=1, seconds=5) datetime.timedelta(0)\nDecimal('1.10') KeyError('user') ValueError() <class 'int'> <class 'KeyError'> <built-in function len>\n<class 'datetime.datetime'> datetime.timezone.utc 2024-01-02 03:04:05.000006\n-1 day, 0:00:05 1E+3 'user' v\n"
    );
}

#[test]
fn methods_of_builtin_values() {
    let src = r#"
s = "héllo wörld"
print(s.title(), s.upper(), s.capitalize(), len(s), s.split("ö"), s.center(15, "*"), s.find("l"))
print("a,b,,c".split(","), "  a  b ".split(), "a b c".split(None, 1), "a,b,c".rsplit(",", 1), "abc".strip("ac"))
print("-".join(["1", "2"]), "Hello".replace("l", "L", 1), "abc".startswith(("x", "a")), "5".isdigit(), "hello".count("l"))
nums = [3, 1, 2]
nums.sort()
nums.append(4)
nums.extend((5, 6))
nums.insert(0, 0)
nums.remove(3)
print(nums, nums.index(4), nums.count(1), nums.pop(), nums.pop(0), nums, nums.copy())
d = {'a': 1}
d.update({'b': 2}, c=3)
print(d.get('zz'), d.get('zz', 0), d.setdefault('a', 5), d.setdefault('z', 0), d.pop('b'), d.pop('q', None), d)
print(list(d.keys()), list(d.values()), d.popitem(), d.copy(), dict.fromkeys('ab', 0))
s = {3, 1, 2}
s.add(4)
s.discard(10)
s.remove(1)
print(sorted(s), {1, 2} | {3}, {1, 2} & {2}, {1, 2} - {2}, len(s))
d.clear()
nums.clear()
print(d, nums)
"#;
    assert_eq!(
        run(src),
        "Héllo Wörld HÉLLO WÖRLD Héllo wörld 11 ['héllo w', 'rld'] **héllo wörld** 2\n['a', 'b', '', 'c'] ['a', 'b'] ['a', 'b c'] ['a,b', 'c'] b\n1-2 HeLlo True True 2\n[1, 2, 4, 5] 3 1 6 0 [1, 2, 4, 5] [1, 2, 4, 5]\nNone 0 1 0 2 None {'a': 1, 'c': 3, 'z': 0}\n['a', 'c', 'z'] [1, 3, 0] ('z', 0) {'a': 1, 'c': 3} {'a': 0, 'b': 0}\n[2, 3, 4] {1, 2, 3} {2} {1} 3\n{} []\n"
    );
}

#[test]
fn datetime_and_decimal() {
    let src = r#"
from datetime import datetime, date, timedelta, timezone
now = datetime(2024, 2, 28, 23, 30, tzinfo=timezone.utc)
print(now + timedelta(hours=1), now.isoformat(), now.strftime("%Y/%m/%d %H:%M"), now.weekday())
print(timedelta(days=1, seconds=5), timedelta(weeks=1).total_seconds(), -timedelta(seconds=1))
print(date(2024, 3, 1) - date(2024, 2, 1), datetime.fromisoformat("2024-01-02T03:04:05"))
print(now - datetime(2024, 2, 28, tzinfo=timezone.utc), timedelta(600), timedelta(hours=1) * 2.5)
from decimal import Decimal
print(Decimal("1.1") + Decimal("2.2"), Decimal(10) / Decimal(3), Decimal("19.99") * 3, Decimal(0.5), Decimal("3") == 3)
"#;
    assert_eq!(
        run(src),
        "2024-02-29 00:30:00+00:00 2024-02-28T23:30:00+00:00 2024/02/28 23:30 2\n1 day, 0:00:05 604800.0 -1 day, 23:59:59\n29 days, 0:00:00 2024-01-02 03:04:05\n23:30:00 600 days, 0:00:00 2:30:00\n3.3 3.333333333333333333333333333 59.97 0.5 True\n"
    );
}

#[test]
fn virtual_now_is_settable() {
    let mut it = Interpreter::new(1000);
    it.set_now(DateTime::new(2026, 11, 12, 3, 29, 4, 416_902, true).unwrap());
    let m = parse_module(
        "from datetime import datetime, timezone, date\nprint(datetime.now(), datetime.now(timezone.utc).isoformat(), date.today())",
    )
    .unwrap();
    it.load(&m).unwrap();
    assert_eq!(
        it.take_console(),
        "2026-11-12 03:29:04.416902 2026-11-12T03:29:04.416902+00:00 2026-11-12\n"
    );
}

#[test]
fn unsupported_constructs_are_refused_with_their_line() {
    let cases: &[(&str, &str)] = &[
        ("x = 1\nwith open('f') as fh:\n    pass", "not supported in the simulator: the built-in 'open' (line 2)"),
        ("async def f():\n    async for x in y:\n        pass", "not supported in the simulator: 'async for' (line 2)"),
        ("def g():\n    x = 1\n    with (yield) as f:\n        pass", "not supported in the simulator: 'yield' inside a 'with' item (line 3)"),
        ("x = 1\n\nimport os", "not supported in the simulator: the module 'os' (available: abc, asyncio, collections, copy, dataclasses, datetime, decimal, functools, hashlib, itertools, json, logging, math, operator, random, string, time, typing, uuid) (line 3)"),
        ("x = 'a'\nx.format_map({})", "not supported in the simulator: the str method 'format_map' (line 2)"),
        ("open('f')", "not supported in the simulator: the built-in 'open' (line 1)"),
        ("x = 2 ** 10 ** 10", "not supported in the simulator: integers larger than 262144 bits (line 1)"),
        ("x = 'a' * 10 ** 9", "not supported in the simulator: strings this long (1000000000 characters; the simulator's limit is 10000000) (line 1)"),
    ];
    for (src, want) in cases {
        let e = error_of(src);
        assert!(matches!(e, PyError::Unsupported { .. }), "{src}: {e}");
        assert_eq!(e.to_string(), *want, "{src}");
    }
}

#[test]
fn syntax_errors_have_lines() {
    match error_of("x = 1\nif x\n    pass") {
        PyError::Syntax {
            message,
            line,
            column,
        } => {
            assert_eq!(message, "SyntaxError: expected ':'");
            assert_eq!((line, column), (2, 5));
        }
        other => panic!("{other}"),
    }
    match error_of("def f():\nreturn 1") {
        PyError::Syntax { message, line, .. } => {
            assert_eq!(
                message,
                "IndentationError: expected an indented block after function definition on line 1"
            );
            assert_eq!(line, 2);
        }
        other => panic!("{other}"),
    }
}

#[test]
fn step_limit_stops_endless_loops() {
    let mut it = Interpreter::new(500);
    let m = parse_module("x = 0\nwhile True:\n    x += 1\n").unwrap();
    let e = it.load(&m).unwrap_err();
    assert!(matches!(e, PyError::StepLimit { limit: 500, .. }), "{e}");
    assert!(e
        .to_string()
        .starts_with("stopped after 500 steps: the code seems to loop forever (line"));
    // Comprehensions and bulk operations count too.
    let m = parse_module("x = [i for i in range(10 ** 9)]").unwrap();
    assert!(matches!(it.load(&m), Err(PyError::StepLimit { .. })));
    let m = parse_module("x = sum(range(10 ** 12))").unwrap();
    assert!(matches!(it.load(&m), Err(PyError::StepLimit { .. })));
    // A fresh run gets a fresh budget.
    let m = parse_module("y = 1").unwrap();
    assert!(it.load(&m).is_ok());
}

#[test]
fn deep_recursion_is_a_recursion_error() {
    let (msg, line) = exception_of("def inf(n):\n    return inf(n + 1)\ninf(0)");
    assert_eq!(msg, "RecursionError: maximum recursion depth exceeded");
    assert_eq!(line, Some(2));
    assert_eq!(
        run("def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nprint(fact(30))"),
        "265252859812191058636308480000000\n"
    );
}

#[test]
fn huge_values_are_refused_not_computed() {
    assert!(matches!(
        error_of("x = 10 ** 10 ** 8"),
        PyError::Unsupported { .. }
    ));
    assert!(matches!(
        error_of("x = 1 << 10 ** 9"),
        PyError::Unsupported { .. }
    ));
    assert!(matches!(
        error_of("x = [0] * 10 ** 8"),
        PyError::Unsupported { .. }
    ));
    // Nested a million levels deep, then dropped: no stack overflow.
    let mut it = Interpreter::new(3_000_000);
    let m = parse_module("x = []\nfor i in range(300000):\n    x = [x]\n").unwrap();
    it.load(&m).unwrap();
    let m = parse_module("print(repr(x)[:5])").unwrap();
    let e = it.load(&m).unwrap_err();
    assert!(e.to_string().starts_with("RecursionError"), "{e}");
    drop(it);
    // Python's own limit on int to str conversion.
    assert_eq!(
        exception_of("print(10 ** 5000)").0,
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    );
}

// ---------------------------------------------------------------- the embedding API

/// A tiny stand-in for a session object implemented natively.
struct FakeSession {
    data: RefCell<Dict>,
    attrs: RefCell<Vec<(String, Value)>>,
}

impl NativeObject for FakeSession {
    fn type_name(&self) -> &str {
        "SessionStore"
    }
    fn qualified_name(&self) -> String {
        "django.contrib.sessions.backends.db.SessionStore".into()
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(name, "get" | "keys")
    }
    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        self.attrs
            .borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| {
                PyException::new(
                    "AttributeError",
                    format!("'SessionStore' object has no attribute '{name}'"),
                )
            })
    }
    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        self.attrs.borrow_mut().push((name.to_string(), value));
        Ok(())
    }
    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        _kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        match name {
            "get" => Ok(self
                .data
                .borrow()
                .get(&args[0])?
                .unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None))),
            "keys" => Ok(Value::list(self.data.borrow().keys())),
            _ => Err(PyException::new("AttributeError", name)),
        }
    }
    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        self.data
            .borrow()
            .get(key)?
            .ok_or_else(|| PyException::with_args("KeyError", vec![key.clone()]))
    }
    fn set_item(&self, key: Value, value: Value) -> Result<(), PyException> {
        self.data.borrow_mut().insert(key, value)
    }
    fn del_item(&self, key: &Value) -> Result<(), PyException> {
        match self.data.borrow_mut().remove(key)? {
            Some(_) => Ok(()),
            None => Err(PyException::with_args("KeyError", vec![key.clone()])),
        }
    }
    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        self.data.borrow().contains(item)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

struct FakeRequest {
    session: Rc<FakeSession>,
}

impl NativeObject for FakeRequest {
    fn type_name(&self) -> &str {
        "WSGIRequest"
    }
    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "session" => Ok(Value::Native(self.session.clone())),
            _ => Err(PyException::new(
                "AttributeError",
                format!("'WSGIRequest' object has no attribute '{name}'"),
            )),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn fake_request() -> (Value, Rc<FakeSession>) {
    let session = Rc::new(FakeSession {
        data: RefCell::new(Dict::new()),
        attrs: RefCell::new(Vec::new()),
    });
    let request = Value::Native(Rc::new(FakeRequest {
        session: session.clone(),
    }));
    (request, session)
}

fn django_interpreter() -> Interpreter {
    let mut it = Interpreter::new(10_000);
    it.register_exception("Http404", "Exception");
    it.register_module(
        "django.http",
        vec![
            (
                "HttpResponse",
                Value::native_function("HttpResponse", |args, _| {
                    Ok(Value::str(&format!(
                        "<HttpResponse {}>",
                        args.first().map(to_str).unwrap_or_default()
                    )))
                }),
            ),
            ("Http404", Value::exception_class("Http404")),
        ],
    );
    it
}

struct Recorder {
    lines: Vec<(u32, Vec<String>, String)>,
}

impl Tracer for Recorder {
    fn on_line(&mut self, line: u32, locals: &[(Rc<str>, Value)], console: &str) {
        let names = locals
            .iter()
            .map(|(n, v)| format!("{n}={}", repr(v)))
            .collect();
        self.lines.push((line, names, console.to_string()));
    }
}

#[test]
fn a_view_runs_against_native_objects() {
    let mut it = django_interpreter();
    let src = "\
from django.http import HttpResponse

def index(request):
    count = request.session.get('count', 0) + 1
    request.session['count'] = count
    print('count is', count)
    return HttpResponse(f'You have visited this page {count} times.')
";
    it.load(&parse_module(src).unwrap()).unwrap();
    assert!(it.has_function("index"));
    assert!(!it.has_function("HttpResponse"));
    let (request, session) = fake_request();
    let mut rec = Recorder { lines: Vec::new() };
    let v = it.call("index", vec![request.clone()], &mut rec).unwrap();
    assert_eq!(
        to_str(&v),
        "<HttpResponse You have visited this page 1 times.>"
    );
    let v = it.call("index", vec![request], &mut NoTracer).unwrap();
    assert_eq!(
        to_str(&v),
        "<HttpResponse You have visited this page 2 times.>"
    );
    assert_eq!(
        session.data.borrow().get(&Value::str("count")).unwrap(),
        Some(Value::int(2))
    );
    // The tracer saw each statement before it ran, with locals in definition order.
    let lines: Vec<u32> = rec.lines.iter().map(|l| l.0).collect();
    assert_eq!(lines, [4, 5, 6, 7]);
    assert_eq!(rec.lines[0].1.len(), 1);
    assert!(rec.lines[0].1[0].starts_with("request=<WSGIRequest object at 0x"));
    assert_eq!(rec.lines[1].1[1], "count=1");
    assert_eq!(rec.lines[3].2, "count is 1\n");
    assert_eq!(it.take_console(), "count is 1\ncount is 2\n");
}

#[test]
fn native_errors_propagate_with_the_line() {
    let mut it = django_interpreter();
    let src = "\
from django.http import HttpResponse, Http404

def view(request):
    request.session['user'] = 'Bob'
    del request.session['user']
    return HttpResponse(request.session['user'])

def wrong(request):
    request.session.set('user', 'Alice')

def attr(request):
    request.session.color = 'red'
    return HttpResponse(request.session.color + ' ' + str(request.session.get('color')))

def missing(request):
    raise Http404

def caught(request):
    try:
        raise Http404('no such page')
    except Exception as e:
        return HttpResponse(repr(e))
";
    it.load(&parse_module(src).unwrap()).unwrap();
    let (request, _) = fake_request();
    match it.call("view", vec![request.clone()], &mut NoTracer) {
        Err(PyError::Exception(e)) => {
            assert_eq!(e.display(), "KeyError: 'user'");
            assert_eq!(e.message(), "'user'");
            assert_eq!(e.line, Some(6));
        }
        other => panic!("{other:?}"),
    }
    match it.call("wrong", vec![request.clone()], &mut NoTracer) {
        Err(PyError::Exception(e)) => {
            assert_eq!(
                e.display(),
                "AttributeError: 'SessionStore' object has no attribute 'set'"
            );
            assert_eq!(e.line, Some(9));
        }
        other => panic!("{other:?}"),
    }
    let v = it
        .call("attr", vec![request.clone()], &mut NoTracer)
        .unwrap();
    assert_eq!(to_str(&v), "<HttpResponse red None>");
    match it.call("missing", vec![request.clone()], &mut NoTracer) {
        Err(PyError::Exception(e)) => {
            assert_eq!(e.display(), "Http404");
            assert!(it.exception_matches(&e, "Exception"));
            assert!(!it.exception_matches(&e, "LookupError"));
        }
        other => panic!("{other:?}"),
    }
    let v = it.call("caught", vec![request], &mut NoTracer).unwrap();
    assert_eq!(to_str(&v), "<HttpResponse Http404('no such page')>");
    assert!(matches!(
        it.call("nope", vec![], &mut NoTracer),
        Err(PyError::Exception(e)) if e.display() == "NameError: name 'nope' is not defined"
    ));
}

#[test]
fn type_of_native_objects() {
    let mut it = django_interpreter();
    let (request, _) = fake_request();
    it.set_interactive_var("request", request);
    let echo = |it: &mut Interpreter, src: &str| -> String {
        match it.exec_interactive(src, &mut NoTracer) {
            Ok(Some(v)) => repr(&v),
            Ok(None) => "<nothing>".into(),
            Err(e) => e.to_string(),
        }
    };
    assert_eq!(
        echo(&mut it, "type(request.session)"),
        "<class 'django.contrib.sessions.backends.db.SessionStore'>"
    );
    assert_eq!(
        echo(&mut it, "type(request.session).__name__"),
        "'SessionStore'"
    );
    assert_eq!(
        echo(&mut it, "len(request.session)"),
        "TypeError: object of type 'SessionStore' has no len()"
    );
    assert_eq!(echo(&mut it, "request.session['k'] = [1]"), "<nothing>");
    assert_eq!(echo(&mut it, "'k' in request.session"), "True");
    assert_eq!(
        echo(&mut it, "x = request.session['k']\nx.append(2)\nx"),
        "[1, 2]"
    );
    assert_eq!(echo(&mut it, "None"), "<nothing>");
    assert_eq!(echo(&mut it, "def f(a):\n    return a * 2\n"), "<nothing>");
    assert_eq!(echo(&mut it, "f(21)"), "42");
    assert_eq!(
        echo(&mut it, "request.set_session('user', 'Alice')"),
        "AttributeError: 'WSGIRequest' object has no attribute 'set_session'"
    );
}

#[test]
fn interactive_scope_persists() {
    let mut it = Interpreter::new(1000);
    assert!(it
        .exec_interactive("x = 40", &mut NoTracer)
        .unwrap()
        .is_none());
    let v = it
        .exec_interactive("x + 2", &mut NoTracer)
        .unwrap()
        .unwrap();
    assert_eq!(repr(&v), "42");
    assert!(it
        .exec_interactive("print('hi')", &mut NoTracer)
        .unwrap()
        .is_none());
    assert_eq!(it.take_console(), "hi\n");
    assert_eq!(it.take_console(), "");
    assert!(is_complete("x = 1"));
    assert!(!is_complete("def f():"));
    assert!(!is_complete("d = {"));
}

#[test]
fn deep_copy_models_a_cache_copy() {
    let mut it = Interpreter::new(1000);
    it.exec_interactive("cart = ['apple']", &mut NoTracer)
        .unwrap();
    let stored = it.global("cart").unwrap().deep_copy();
    it.exec_interactive("cart.append('pear')", &mut NoTracer)
        .unwrap();
    assert_eq!(repr(&stored), "['apple']");
    assert_eq!(repr(&it.global("cart").unwrap()), "['apple', 'pear']");
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

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Parses, loads and calls every function defined, with a small step limit; the only
    /// requirement is that nothing panics.
    fn exercise(src: &str) {
        let mut it = Interpreter::new(2_000);
        let _ = is_complete(src);
        let Ok(m) = parse_module(src) else {
            return;
        };
        let _ = it.load(&m);
        let names: Vec<Rc<str>> = m
            .body
            .iter()
            .filter_map(|s| match &s.kind {
                ast::StmtKind::FunctionDef(f) => Some(f.name.clone()),
                _ => None,
            })
            .collect();
        for n in names {
            let _ = it.call(&n, vec![Value::int(3), Value::str("x")], &mut NoTracer);
            let _ = it.call(&n, vec![Value::list(vec![Value::None])], &mut NoTracer);
        }
        let _ = it.exec_interactive(src, &mut NoTracer);
        let _ = it.take_console();
    }

    const TOKENS: &[&str] = &[
        "def ",
        "f",
        "(",
        ")",
        ":",
        "\n",
        "    ",
        "return ",
        "x",
        "y",
        " = ",
        "+",
        "-",
        "*",
        "/",
        "//",
        "%",
        "**",
        "[",
        "]",
        "{",
        "}",
        ",",
        ".",
        "1",
        "0",
        "2.5",
        "'s'",
        "\"t\"",
        "f'{x}'",
        "if ",
        "else",
        "elif ",
        "for ",
        " in ",
        "while ",
        "try",
        "except",
        "finally",
        "raise ",
        "range(3)",
        "len",
        "print",
        "None",
        "True",
        "not ",
        " and ",
        " or ",
        "<",
        "==",
        "lambda",
        "del ",
        "break",
        "continue",
        "pass",
        "import ",
        "datetime",
        "from ",
        "{x!r:>5}",
        ":",
        "x[1:2]",
        ".append(",
        ".get(",
        "dict",
        "list",
        "str",
        "int",
        "#c",
        "\\",
        ";",
        "assert ",
        "10**10**10",
        "'a'*9**9",
        "[x for x in y]",
        "{1: 2}",
        "(1,)",
        "b'z'",
        "\t",
        "  ",
    ];

    fn token_soup() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|t| t.concat())
    }

    const LEAVES: &[&str] = &[
        "0",
        "1",
        "-7",
        "2**70",
        "3.5",
        "-0.0",
        "float('nan')",
        "float('inf')",
        "''",
        "'ab'",
        "'héllo'",
        "None",
        "True",
        "False",
        "[]",
        "[1, 'a']",
        "{}",
        "{'k': [1]}",
        "(1,)",
        "()",
        "range(3)",
        "set()",
        "{2, 3}",
        "b'xy'",
        "x",
        "y",
        "datetime(2024, 1, 31)",
        "timedelta(days=1)",
        "date(2024, 2, 29)",
        "Decimal('1.10')",
        "KeyError('k')",
        "len",
        "datetime",
        "timezone.utc",
        "{}.keys()",
        "iter([1])",
        "10**400",
    ];
    const BINOPS: &[&str] = &[
        "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "==", "!=", "<", "<=", ">",
        ">=", "in", "not in", "is", "and", "or",
    ];
    const CALLS: &[&str] = &[
        "len",
        "str",
        "int",
        "float",
        "bool",
        "repr",
        "list",
        "tuple",
        "set",
        "dict",
        "sorted",
        "sum",
        "min",
        "max",
        "abs",
        "round",
        "hash",
        "type",
        "iter",
        "next",
        "enumerate",
        "reversed",
        "any",
        "all",
        "chr",
        "ord",
        "hex",
        "format",
        "isinstance",
    ];
    const METHODS: &[&str] = &[
        ".upper()",
        ".split()",
        ".append(1)",
        ".pop()",
        ".get(1)",
        ".keys()",
        ".items()",
        ".strip('a')",
        ".join(['a'])",
        ".count(1)",
        ".index(1)",
        ".isoformat()",
        ".add(1)",
        ".sort()",
        ".copy()",
        ".format(1)",
        ".total_seconds()",
        ".quantize(Decimal('0.1'))",
        ".replace('a', 'b')",
        ".setdefault(1, 2)",
        ".update({1: 2})",
        ".args",
        ".days",
        ".year",
        "[0]",
        "[1:]",
        "[::-1]",
        "[-1]",
        "['k']",
    ];

    fn expr() -> impl Strategy<Value = String> {
        let leaf = prop::sample::select(LEAVES).prop_map(str::to_string);
        leaf.prop_recursive(5, 40, 3, |inner| {
            prop_oneof![
                (inner.clone(), prop::sample::select(BINOPS), inner.clone())
                    .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
                (
                    prop::sample::select(&["-", "+", "~", "not "][..]),
                    inner.clone()
                )
                    .prop_map(|(op, a)| format!("({op}{a})")),
                (
                    prop::sample::select(CALLS),
                    prop::collection::vec(inner.clone(), 0..3)
                )
                    .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
                (inner.clone(), prop::sample::select(METHODS))
                    .prop_map(|(a, m)| format!("({a}){m}")),
                (
                    inner.clone(),
                    prop::sample::select(
                        &["", "!r", ":>5", ":.2f", ":05d", ":,", ":x", ":^7", ":e", ":%"][..]
                    )
                )
                    .prop_map(|(a, spec)| format!("f'<{{{a}{spec}}}>'")),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| format!("[{a} for _ in range(2) if {b}]")),
                (inner.clone(), inner.clone(), inner)
                    .prop_map(|(a, b, c)| format!("({a} if {b} else {c})")),
            ]
        })
    }

    fn program() -> impl Strategy<Value = String> {
        prop::collection::vec(expr(), 1..5).prop_map(|exprs| {
            let mut src = String::from(
                "from datetime import datetime, date, timedelta, timezone\nfrom decimal import Decimal\nx = [3, 'a']\ny = {'k': 1}\n",
            );
            for (i, e) in exprs.iter().enumerate() {
                src.push_str(&format!("try:\n    v{i} = {e}\n    print(v{i})\nexcept Exception as err:\n    print(type(err).__name__, err)\n"));
            }
            src.push_str("def f(a, b=2):\n    return [a, b]\n");
            src
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn generated_programs_never_panic(src in program()) {
            exercise(&src);
        }

        #[test]
        fn arbitrary_text_never_panics(src in any::<String>()) {
            exercise(&src);
        }

        #[test]
        fn python_like_token_soup_never_panics(src in token_soup()) {
            exercise(&src);
        }

        #[test]
        fn deep_brackets_never_panic(depth in 0usize..3000, kind in 0usize..6) {
            let (open, close) = match kind {
                0 => ("(", ")"),
                1 => ("[", "]"),
                2 => ("{", "}"),
                3 => ("f(", ")"),
                4 => ("-", ""),
                _ => ("not ", ""),
            };
            let src = format!("x = {}1{}\nprint(x)", open.repeat(depth), close.repeat(depth));
            exercise(&src);
            let unbalanced = format!("x = {}1", open.repeat(depth));
            exercise(&unbalanced);
        }

        #[test]
        fn deep_blocks_never_panic(depth in 0usize..300) {
            let mut src = String::from("def f(n):\n");
            for i in 0..depth {
                src.push_str(&" ".repeat(4 * (i + 1)));
                src.push_str("if n:\n");
            }
            src.push_str(&" ".repeat(4 * (depth + 1)));
            src.push_str("return n\n");
            exercise(&src);
        }

        #[test]
        fn long_operator_chains_never_panic(n in 0usize..5000, op in prop::sample::select(&["+", "*", "and", "or", "<", "==", "|"][..])) {
            let src = format!("def f(x, y):\n    return x {}\n", format!(" {op} x").repeat(n));
            exercise(&src);
        }
    }
}

#[test]
fn int_sets_iterate_in_cpython_order() {
    assert_eq!(
        run("print({3, 1, 2}, {9, 2}, {100, 1, -1, -2}, set([10, 3, 8, 1000, 7, 64, 33]))"),
        "{1, 2, 3} {9, 2} {1, 100, -1, -2} {64, 33, 3, 7, 8, 1000, 10}\n"
    );
    assert_eq!(
        run("s = {1, 2, 3}\ns.add(17)\ns.discard(2)\nprint(s, list(s))"),
        "{1, 3, 17} [1, 3, 17]\n"
    );
}

/// Closures, `nonlocal`/`global`, lambdas, decorators, every kind of parameter, star
/// arguments, starred assignment and unpacking displays, `:=`: output and errors as
/// CPython 3.11 prints them.
#[test]
fn functions_and_scopes_match_cpython() {
    let cases: &[(&str, &str)] = &[
        ("def counter():\n    count = 0\n    def inc(step=1):\n        nonlocal count\n        count += step\n        return count\n    return inc\nc = counter()\nprint(c(), c(), c(5), c.__qualname__)", "1 2 7 counter.<locals>.inc\n"),
        ("total = 0\ndef add(n):\n    global total\n    total += n\nadd(3)\nadd(4)\nprint(total)", "7\n"),
        ("sq = lambda x: x * x\nprint(sq(7), (lambda a, b=2: a + b)(1), sorted([3, 1, 2], key=lambda v: -v))", "49 3 [3, 2, 1]\n"),
        ("def outer():\n    x = 1\n    def mid():\n        def inner():\n            return x + 1\n        return inner()\n    return mid()\nprint(outer())", "2\n"),
        ("def deco(fn):\n    def wrapper(*args, **kwargs):\n        print('before', fn.__name__, args, kwargs)\n        return fn(*args, **kwargs)\n    wrapper.__name__ = fn.__name__\n    wrapper.__doc__ = fn.__doc__\n    wrapper.__wrapped__ = fn\n    return wrapper\ndef repeat(n):\n    def d(fn):\n        def w(*a):\n            return [fn(*a) for _ in range(n)]\n        return w\n    return d\n@deco\n@repeat(2)\ndef hello(name, greeting='hi'):\n    'Says hello.'\n    return f'{greeting} {name}'\nprint(hello('bob', greeting='yo'))\nprint(hello.__name__, hello.__doc__, hello.__wrapped__.__qualname__)", "before w ('bob',) {'greeting': 'yo'}\nTypeError: repeat.<locals>.d.<locals>.w() got an unexpected keyword argument 'greeting'"),
        ("def kw(a, /, b, *, c, d=4, **rest):\n    return (a, b, c, d, rest)\nprint(kw(1, 2, c=3, e=5), kw(1, b=2, c=3))", "(1, 2, 3, 4, {'e': 5}) (1, 2, 3, 4, {})\n"),
        ("first, *rest = [1, 2, 3, 4]\n*init, last = 'abc'\na, *mid, z = (1, 2)\nprint(first, rest, init, last, a, mid, z)\nprint([*rest, *'xy'], {**{'a': 1}, 'b': 2, **{'a': 3}}, (*rest,), {*rest})", "1 [2, 3, 4] ['a', 'b'] c 1 [] 2\n[2, 3, 4, 'x', 'y'] {'a': 3, 'b': 2} (2, 3, 4) {2, 3, 4}\n"),
        ("xs = [1, 2, 3]\nif (n := len(xs)) > 2:\n    print('walrus', n)\nprint([y for x in xs if (y := x * 2) > 2], y)", "walrus 3\n[4, 6] 6\n"),
        ("fs = [lambda i=i: i for i in range(3)]\nprint([f() for f in fs])", "[0, 1, 2]\n"),
        ("def g():\n    y = 2\n    def h():\n        return y\n    y = 3\n    return h\nprint(g()())", "3\n"),
        ("def bad():\n    def i():\n        return zz\n    zz = 1\n    del zz\n    return i()\nbad()", "NameError: cannot access free variable 'zz' where it is not associated with a value in enclosing scope"),
        ("def f(a, b=1, *, c):\n    pass\nf(1, 2, 3, c=1)", "TypeError: f() takes from 1 to 2 positional arguments but 3 positional arguments (and 1 keyword-only argument) were given"),
        ("def f(a, b=1, *, c):\n    pass\nf(1)", "TypeError: f() missing 1 required keyword-only argument: 'c'"),
        ("def g(a, /, b):\n    pass\ng(a=1, b=2)", "TypeError: g() got some positional-only arguments passed as keyword arguments: 'a'"),
        ("def h(*args, **kw):\n    pass\nh(1, **{'a': 1}, a=2)", "TypeError: __main__.h() got multiple values for keyword argument 'a'"),
        ("def h(*args):\n    pass\nh(*5)", "TypeError: __main__.h() argument after * must be an iterable, not int"),
        ("def h(**kw):\n    pass\nh(**5)", "TypeError: __main__.h() argument after ** must be a mapping, not int"),
        ("[*5]", "TypeError: Value after * must be an iterable, not int"),
        ("a, *b, c = [1]", "ValueError: not enough values to unpack (expected at least 2, got 1)"),
        ("def outer():\n    def inner(x):\n        pass\n    inner()\nouter()", "TypeError: outer.<locals>.inner() missing 1 required positional argument: 'x'"),
        ("def deco(f):\n    return 5\n@deco\ndef g():\n    pass\nprint(g)", "5\n"),
        ("def f():\n    pass\nf.calls = 0\nf.calls += 1\nprint(f.calls, f.__dict__, f.__module__)", "1 {'calls': 1} __main__\n"),
        ("def f():\n    pass\nf.nope", "AttributeError: 'function' object has no attribute 'nope'"),
        ("rec = lambda n: n if n == 0 else rec(n - 1)\nprint(rec(50))", "0\n"),
        ("def mk():\n    items = []\n    def add(i):\n        items.append(i)\n        return len(items)\n    return add, items\nadd, items = mk()\nadd(1)\nadd(2)\nprint(items)", "[1, 2]\n"),
        ("print((lambda *a, **k: (a, k))(1, 2, z=3))", "((1, 2), {'z': 3})\n"),
        ("def kwo(*, key=None):\n    return key\nprint(kwo(key=5), kwo())\nkwo(1)", "5 None\nTypeError: kwo() takes 0 positional arguments but 1 was given"),
        ("print(__name__)", "__main__\n"),
    ];
    for (src, want) in cases {
        assert_eq!(run(src), *want, "{src}");
    }
}

#[test]
fn scope_errors_are_syntax_errors() {
    let cases: &[(&str, &str)] = &[
        (
            "nonlocal x",
            "SyntaxError: nonlocal declaration not allowed at module level",
        ),
        (
            "def f():\n    nonlocal y",
            "SyntaxError: no binding for nonlocal 'y' found",
        ),
        (
            "def f(x):\n    nonlocal x",
            "SyntaxError: name 'x' is parameter and nonlocal",
        ),
        (
            "*a = [1]",
            "SyntaxError: starred assignment target must be in a list or tuple",
        ),
        (
            "a, *b, *c = [1, 2]",
            "SyntaxError: multiple starred expressions in assignment",
        ),
        (
            "def f(*, ):\n    pass",
            "SyntaxError: named arguments must follow bare *",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(error_of(src).to_string(), *want, "{src}");
    }
}

#[test]
fn recursion_through_closures_is_bounded() {
    assert_eq!(
        run("f = lambda n: f(n + 1)\nf(0)"),
        "RecursionError: maximum recursion depth exceeded"
    );
    assert_eq!(
        run("def outer():\n    def inner():\n        return inner()\n    return inner()\nouter()"),
        "RecursionError: maximum recursion depth exceeded"
    );
}

/// Classes: instances, methods, properties, static and class methods, single inheritance and
/// `super()`, the special methods, exception subclasses: as CPython 3.11 prints them.
#[test]
fn classes_match_cpython() {
    let cases: &[(&str, &str)] = &[
        ("class Cart:\n    def __init__(self, owner):\n        self.owner = owner\n        self.items = []\n    def add(self, item):\n        self.items.append(item)\n        return self\n    def __len__(self):\n        return len(self.items)\n    def __repr__(self):\n        return f'Cart({self.owner!r})'\nc = Cart('ann').add('x').add('y')\nprint(c, [c], len(c), c.items, bool(c), type(c).__name__, isinstance(c, Cart))", "Cart('ann') [Cart('ann')] 2 ['x', 'y'] True Cart True\n"),
        ("class A:\n    def who(self):\n        return 'A'\nclass B(A):\n    def who(self):\n        return 'B' + super().who()\nprint(B().who(), isinstance(B(), A), B.__qualname__)", "BA True B\n"),
        ("class T:\n    @property\n    def v(self):\n        return 1\nT().v = 2", "AttributeError: property 'v' of 'T' object has no setter"),
        ("class T:\n    pass\nT(1)", "TypeError: T() takes no arguments"),
        ("class T:\n    pass\nT().missing", "AttributeError: 'T' object has no attribute 'missing'"),
        ("class E(ValueError):\n    pass\ntry:\n    raise E('k')\nexcept Exception as e:\n    print(type(e).__name__, e)", "E k\n"),
        ("class M:\n    @staticmethod\n    def s(x):\n        return x * 2\n    @classmethod\n    def c(cls):\n        return cls.__name__\nprint(M.s(2), M().s(3), M.c(), M().c())", "4 6 M M\n"),
        ("print(type(5).__name__)\nclass Q:\n    def __eq__(self, o):\n        return True\nprint(Q() == 1, Q() != 1, 1 == Q())", "int\nTrue False True\n"),
    ];
    for (src, want) in cases {
        assert_eq!(run(src), *want, "{src}");
    }
}

#[test]
fn instance_reprs_name_the_module() {
    let mut it = Interpreter::new(10_000);
    it.set_module_name("views");
    let m = parse_module(
        "class Cart:\n    pass\nprint(repr(Cart()).startswith('<views.Cart object at 0x'), Cart)",
    )
    .unwrap();
    it.load(&m).unwrap();
    assert_eq!(it.take_console(), "True <class 'views.Cart'>\n");
}

/// A store with native async methods, as the session store provides them: the arguments
/// are checked when the method is called, the work is done when the coroutine is awaited.
struct AsyncStore {
    data: Rc<RefCell<Vec<(String, Value)>>>,
}

impl NativeObject for AsyncStore {
    fn type_name(&self) -> &str {
        "Store"
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "aget" | "aset")
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        _kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        let key = match args.first() {
            Some(Value::Str(k)) => k.to_string(),
            _ => return Err(PyException::type_error(format!("{name}() needs a key"))),
        };
        let data = self.data.clone();
        match name {
            "aget" => Ok(native_coroutine("Store.aget", move || {
                let found = data
                    .borrow()
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.clone());
                found.ok_or_else(|| PyException::with_args("KeyError", vec![Value::str(&key)]))
            })),
            _ => {
                let value = args.get(1).cloned().unwrap_or(Value::None);
                Ok(native_coroutine("Store.aset", move || {
                    data.borrow_mut().push((key, value));
                    Ok(Value::None)
                }))
            }
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[test]
fn the_host_runs_async_views_with_native_async_methods() {
    let src = "\
async def view(store, n):
    print('start')
    await store.aset('count', n)
    c = await store.aget('count')
    extra = await double(c)
    return c + extra

def sync_view(x):
    return x

async def missing(store):
    return await store.aget('nope')

async def lazy(store):
    co = store.aset('never', 1)
    return repr(co)[:30]
";
    let data = Rc::new(RefCell::new(Vec::new()));
    let store = Value::native(Rc::new(AsyncStore { data: data.clone() }));
    let mut it = Interpreter::new(100_000);
    it.register_module(
        "helpers",
        vec![(
            "double",
            Value::async_native_function("double", |args, _| match args.first() {
                Some(Value::Int(n)) => Ok(Value::from_bigint(n * 2)),
                _ => Err(PyException::type_error("double() needs an int")),
            }),
        )],
    );
    let m = parse_module(&format!("from helpers import double\n{src}")).unwrap();
    it.load(&m).unwrap();
    assert!(it.is_coroutine_function("view"));
    assert!(!it.is_coroutine_function("sync_view"));
    assert!(it.global("double").unwrap().is_coroutine_function());

    let mut t = NoTracer;
    // Calling an async view runs nothing yet: it makes a coroutine.
    let c = it
        .call("view", vec![store.clone(), Value::int(21)], &mut t)
        .unwrap();
    assert!(c.is_coroutine());
    assert_eq!(it.take_console(), "");
    assert!(
        repr(&c).starts_with("<coroutine object view at 0x"),
        "{}",
        repr(&c)
    );
    let v = it.run_coroutine(&c, &mut t).unwrap();
    assert_eq!(repr(&v), "63");
    assert_eq!(it.take_console(), "start\n");
    assert_eq!(data.borrow().len(), 1);
    // A coroutine runs once.
    let again = it.run_coroutine(&c, &mut t).unwrap_err();
    assert_eq!(
        again.to_string(),
        "RuntimeError: cannot reuse already awaited coroutine"
    );
    // Errors of native bodies surface at the await, with the awaiting line.
    let c = it.call("missing", vec![store.clone()], &mut t).unwrap();
    match it.run_coroutine(&c, &mut t) {
        Err(PyError::Exception(e)) => {
            assert_eq!(e.display(), "KeyError: 'nope'");
            assert_eq!(e.line, Some(13));
        }
        other => panic!("expected KeyError, got {other:?}"),
    }
    // A native coroutine never awaited does nothing.
    let c = it.call("lazy", vec![store], &mut t).unwrap();
    let v = it.run_coroutine(&c, &mut t).unwrap();
    assert_eq!(to_str(&v), "<coroutine object Store.aset a");
    assert_eq!(data.borrow().len(), 1);
    // What is not a coroutine is asyncio's error.
    let e = it.run_coroutine(&Value::int(1), &mut t).unwrap_err();
    assert_eq!(e.to_string(), "ValueError: a coroutine was expected, got 1");
    // A native async function called wrongly fails at the await.
    let m = parse_module("async def w():\n    return await double('x')\n").unwrap();
    it.load(&m).unwrap();
    let c = it.call("w", vec![], &mut t).unwrap();
    let e = it.run_coroutine(&c, &mut t).unwrap_err();
    assert_eq!(e.to_string(), "TypeError: double() needs an int");
}
