//! Random Python programs over the subset the interpreter runs, for the comparison with
//! CPython.
//!
//! A program is a few top-level statements over typed variables: assignments, prints of
//! expressions (bare, or inside `try`/`except` printing the exception), `if`, `for`, `while`,
//! `try`/`except`/`else`/`finally`, container mutations, `def` and calls. Expressions are made
//! by type (int, float, str, bool, list of ints, list of strs, dict str→int, set of ints,
//! tuple of ints), so most of them run; a few apply an operation to the wrong type, index
//! past the end, divide by zero or miss a key on purpose, which exercises the exception
//! messages and lines. Nothing depends on string hashing, the clock or the machine.
//!
//! The generator is seeded and uses its own random numbers (SplitMix64), so a seed gives the
//! same programs on every machine and with every version of every dependency. To cover a new
//! construct, add a case to `stmt` or to the expression function of its type; the batch then
//! changes and `tests/pydiff/record.sh` records the new CPython results.

use std::fmt::Write as _;

/// One generated program.
pub struct Program {
    /// `gen:0042`: the program's place in the batch.
    pub id: String,
    /// FNV-1a of the source, so a recorded result is never compared with another program.
    pub hash: String,
    pub source: String,
}

/// `count` programs from `seed`.
pub fn batch(seed: u64, count: usize) -> Vec<Program> {
    (0..count)
        .map(|i| {
            let mut g = Gen::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let source = g.program();
            Program {
                id: format!("gen:{i:04}"),
                hash: fnv1a(&source),
                source,
            }
        })
        .collect()
}

fn fnv1a(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    Float,
    Str,
    Bool,
    ListInt,
    ListStr,
    Dict,
    Set,
    Tuple,
}

const ALL_TYPES: [Ty; 9] = [
    Ty::Int,
    Ty::Float,
    Ty::Str,
    Ty::Bool,
    Ty::ListInt,
    Ty::ListStr,
    Ty::Dict,
    Ty::Set,
    Ty::Tuple,
];

impl Ty {
    fn prefix(self) -> &'static str {
        match self {
            Ty::Int => "n",
            Ty::Float => "f",
            Ty::Str => "s",
            Ty::Bool => "b",
            Ty::ListInt => "li",
            Ty::ListStr => "ls",
            Ty::Dict => "d",
            Ty::Set => "st",
            Ty::Tuple => "t",
        }
    }
}

const INTS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "7",
    "10",
    "12",
    "42",
    "100",
    "255",
    "1000",
    "-1",
    "-3",
    "-8",
    "2147483647",
    "12345678901234567890",
    "-99",
    "6",
];
const FLOATS: &[&str] = &[
    "0.0", "0.1", "0.5", "1.5", "2.25", "3.0", "-0.75", "1e-05", "123.456", "1e16", "0.0025",
    "-2.0", "2.5", "7.125", "1e300", "0.3",
];
const STRS: &[&str] = &[
    "''",
    "'a'",
    "'abc'",
    "'Hello'",
    "'hello world'",
    "' spaced  '",
    "'x-y-z'",
    "'42'",
    "'3.5'",
    "'MiXeD case'",
    "'a,b,,c'",
    "'tab\\there'",
    "'ünïcode'",
    "'line\\nbreak'",
    "\"it's\"",
    "'say \"hi\"'",
    "'-17'",
    "'  7 '",
    "'Title Case Words'",
    "'back\\\\slash'",
    "'UPPER'",
    "'1_000'",
    "'Straße'",
];
const WORDS: &[&str] = &[
    "'id'", "'name'", "'cart'", "'user'", "'visits'", "'a'", "'b'", "'zeta'", "'Alpha'", "'x1'",
];
const EXCEPTIONS: &[&str] = &[
    "ValueError",
    "TypeError",
    "KeyError",
    "IndexError",
    "ZeroDivisionError",
    "LookupError",
    "ArithmeticError",
    "AttributeError",
    "OverflowError",
    "RuntimeError",
];

struct Gen {
    state: u64,
    vars: Vec<(String, Ty)>,
    funcs: Vec<Func>,
    counter: usize,
    out: String,
    indent: usize,
    /// Inside a function body (no rebinding of globals there).
    in_function: bool,
    /// Inside a loop (`break`/`continue` allowed).
    in_loop: bool,
}

struct Func {
    name: String,
    params: Vec<Ty>,
    defaults: usize,
    ret: Ty,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen {
            state: seed,
            vars: Vec::new(),
            funcs: Vec::new(),
            counter: 0,
            out: String::new(),
            indent: 0,
            in_function: false,
            in_loop: false,
        }
    }

    // --- randomness --------------------------------------------------------------------

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn small(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    // --- names -------------------------------------------------------------------------

    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    fn var_of(&mut self, ty: Ty) -> Option<String> {
        let found: Vec<String> = self
            .vars
            .iter()
            .filter(|(_, t)| *t == ty)
            .map(|(n, _)| n.clone())
            .collect();
        if found.is_empty() {
            None
        } else {
            let i = self.below(found.len());
            Some(found[i].clone())
        }
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    // --- expressions -------------------------------------------------------------------

    fn expr(&mut self, ty: Ty, depth: u32) -> String {
        if depth == 0 || self.chance(25) {
            if self.chance(60) {
                if let Some(v) = self.var_of(ty) {
                    return v;
                }
            }
            return self.literal(ty);
        }
        let d = depth - 1;
        if self.chance(5) {
            if let Some(call) = self.call_of(ty, d) {
                return call;
            }
        }
        if ty != Ty::Bool && self.chance(4) {
            let c = self.expr(Ty::Bool, d);
            let a = self.expr(ty, d);
            let b = self.expr(ty, d);
            return format!("({a} if {c} else {b})");
        }
        match ty {
            Ty::Int => self.int_expr(d),
            Ty::Float => self.float_expr(d),
            Ty::Str => self.str_expr(d),
            Ty::Bool => self.bool_expr(d),
            Ty::ListInt => self.list_int_expr(d),
            Ty::ListStr => self.list_str_expr(d),
            Ty::Dict => self.dict_expr(d),
            Ty::Set => self.set_expr(d),
            Ty::Tuple => self.tuple_expr(d),
        }
    }

    fn literal(&mut self, ty: Ty) -> String {
        match ty {
            Ty::Int => self.pick(INTS).to_string(),
            Ty::Float => self.pick(FLOATS).to_string(),
            Ty::Str => self.pick(STRS).to_string(),
            Ty::Bool => self.pick(&["True", "False"]).to_string(),
            Ty::ListInt => {
                let n = self.below(5);
                let items: Vec<String> = (0..n).map(|_| self.small(-5, 20).to_string()).collect();
                format!("[{}]", items.join(", "))
            }
            Ty::ListStr => {
                let n = self.below(4);
                let items: Vec<String> = (0..n).map(|_| self.pick(WORDS).to_string()).collect();
                format!("[{}]", items.join(", "))
            }
            Ty::Dict => {
                let n = self.below(4);
                let items: Vec<String> = (0..n)
                    .map(|_| format!("{}: {}", self.pick(WORDS), self.small(-3, 50)))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
            Ty::Set => {
                let n = self.below(5);
                if n == 0 {
                    return "set()".into();
                }
                let items: Vec<String> = (0..n).map(|_| self.small(-4, 40).to_string()).collect();
                format!("{{{}}}", items.join(", "))
            }
            Ty::Tuple => {
                let n = self.below(4);
                let items: Vec<String> = (0..n).map(|_| self.small(-5, 9).to_string()).collect();
                match n {
                    0 => "()".into(),
                    1 => format!("({},)", items[0]),
                    _ => format!("({})", items.join(", ")),
                }
            }
        }
    }

    /// A call of a generated function that returns `ty`.
    fn call_of(&mut self, ty: Ty, d: u32) -> Option<String> {
        let candidates: Vec<usize> = (0..self.funcs.len())
            .filter(|&i| self.funcs[i].ret == ty)
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let i = candidates[self.below(candidates.len())];
        let params = self.funcs[i].params.clone();
        let defaults = self.funcs[i].defaults;
        let name = self.funcs[i].name.clone();
        let given = params.len() - self.below(defaults + 1);
        let args: Vec<String> = params[..given].iter().map(|&t| self.expr(t, d)).collect();
        Some(format!("{name}({})", args.join(", ")))
    }

    /// An expression of any type.
    fn any_expr(&mut self, d: u32) -> String {
        let ty = ALL_TYPES[self.below(ALL_TYPES.len())];
        self.expr(ty, d)
    }

    fn int_expr(&mut self, d: u32) -> String {
        match self.below(30) {
            0..=4 => {
                let op = self.pick(&["+", "-", "*", "//", "%", "+", "-"]);
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                format!("({a} {op} {b})")
            }
            5 => {
                let a = self.expr(Ty::Int, d);
                let e = self.small(0, 3);
                format!("({a} ** {e})")
            }
            6 => {
                let op = self.pick(&["&", "|", "^"]);
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                format!("({a} {op} {b})")
            }
            7 => {
                let op = self.pick(&["<<", ">>"]);
                let a = self.expr(Ty::Int, d);
                let s = self.small(0, 5);
                format!("({a} {op} {s})")
            }
            8 => format!("(-{})", self.expr(Ty::Int, d)),
            9 => format!("abs({})", self.expr(Ty::Int, d)),
            10 => {
                let t = *[
                    Ty::Str,
                    Ty::ListInt,
                    Ty::ListStr,
                    Ty::Dict,
                    Ty::Set,
                    Ty::Tuple,
                ]
                .get(self.below(6))
                .unwrap();
                format!("len({})", self.expr(t, d))
            }
            11 => format!("int({})", self.expr(Ty::Str, d)),
            12 => format!("int({})", self.expr(Ty::Float, d)),
            13 => format!("round({})", self.expr(Ty::Float, d)),
            14 => {
                let f = self.pick(&["min", "max"]);
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                format!("{f}({a}, {b})")
            }
            15 => format!("sum({})", self.expr(Ty::ListInt, d)),
            16 => {
                let l = self.expr(Ty::ListInt, d);
                let i = self.small(-3, 4);
                format!("{l}[{i}]")
            }
            17 => {
                let m = self.expr(Ty::Dict, d);
                let k = self.pick(WORDS);
                if self.chance(50) {
                    format!("{m}[{k}]")
                } else {
                    let dflt = self.small(-1, 9);
                    format!("{m}.get({k}, {dflt})")
                }
            }
            18 => {
                let m = self.pick(&["find", "count", "rfind", "index"]);
                let s = self.expr(Ty::Str, d);
                let t = self.expr(Ty::Str, d);
                format!("{s}.{m}({t})")
            }
            19 => {
                let m = self.pick(&["count", "index"]);
                let l = self.expr(Ty::ListInt, d);
                let x = self.expr(Ty::Int, d);
                format!("{l}.{m}({x})")
            }
            20 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                let i = self.below(2);
                format!("divmod({a}, {b})[{i}]")
            }
            21 => format!("ord({})", self.expr(Ty::Str, d)),
            22 => {
                let f = self.pick(&["min", "max"]);
                format!("{f}({})", self.expr(Ty::ListInt, d))
            }
            23 => {
                let a = self.expr(Ty::Bool, d);
                let b = self.expr(Ty::Int, d);
                format!("({a} + {b})")
            }
            24 => {
                let t = self.expr(Ty::Tuple, d);
                let i = self.small(-2, 3);
                format!("{t}[{i}]")
            }
            25 => {
                let s = self.expr(Ty::Str, d);
                let b = self.pick(&["16", "2", "8", "36", "0"]);
                format!("int({s}, {b})")
            }
            26 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                let m = self.pick(&["7", "10", "97", "1000"]);
                format!("pow({a}, {b}, {m})")
            }
            27 => {
                let l = self.expr(Ty::ListInt, d);
                format!("sorted({l})[0]")
            }
            28 => {
                // An int with a wrong operand now and then.
                let a = self.expr(Ty::Int, d);
                let other = self.any_expr(d);
                let op = self.pick(&["+", "*", "-", "<<"]);
                format!("({a} {op} {other})")
            }
            _ => format!("int({})", self.expr(Ty::Bool, d)),
        }
    }

    fn float_expr(&mut self, d: u32) -> String {
        match self.below(14) {
            0..=3 => {
                let op = self.pick(&["+", "-", "*", "/", "//", "%"]);
                let a = self.expr(Ty::Float, d);
                let b = if self.chance(50) {
                    self.expr(Ty::Float, d)
                } else {
                    self.expr(Ty::Int, d)
                };
                if self.chance(50) {
                    format!("({a} {op} {b})")
                } else {
                    format!("({b} {op} {a})")
                }
            }
            4 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                format!("({a} / {b})")
            }
            5 => format!("float({})", self.expr(Ty::Int, d)),
            6 => format!("float({})", self.expr(Ty::Str, d)),
            7 => {
                let f = self.expr(Ty::Float, d);
                let n = self.small(0, 3);
                format!("round({f}, {n})")
            }
            8 => format!("abs({})", self.expr(Ty::Float, d)),
            9 => format!("(-{})", self.expr(Ty::Float, d)),
            10 => {
                let f = self.expr(Ty::Float, d);
                let e = self.pick(&["2", "0.5", "3", "-1"]);
                format!("(abs({f}) ** {e})")
            }
            11 => {
                let f = self.pick(&["min", "max"]);
                let a = self.expr(Ty::Float, d);
                let b = self.expr(Ty::Float, d);
                format!("{f}({a}, {b})")
            }
            12 => {
                let l = self.expr(Ty::ListInt, d);
                format!("(sum({l}) / len({l}))")
            }
            _ => {
                let a = self.expr(Ty::Float, d);
                let i = self.small(1, 4);
                format!("({a} * {i})")
            }
        }
    }

    fn format_spec(&mut self, ty: Ty) -> &'static str {
        match ty {
            Ty::Int => self.pick(&[
                "", "d", "5", "<5", ">6", "^7", "05", "+d", ",", "_", "x", "X", "#x", "b", "#o",
                "08.2f", "e", ".3", "*^9", "-", " d",
            ]),
            Ty::Float => self.pick(&[
                "", ".2f", ".0f", "10.3f", "e", ".3e", "g", ".3g", "%", ".1%", ",.2f", "+.1f",
                "<8", "^10.2", "08.3f", "G", ".10g", "n",
            ]),
            _ => self.pick(&["", "<6", ">6", "^7", "*<5", ".2", "-^9", "s"]),
        }
    }

    fn str_expr(&mut self, d: u32) -> String {
        match self.below(26) {
            0..=1 => {
                let a = self.expr(Ty::Str, d);
                let b = self.expr(Ty::Str, d);
                format!("({a} + {b})")
            }
            2 => {
                let a = self.expr(Ty::Str, d);
                let n = self.small(-1, 3);
                format!("({a} * {n})")
            }
            3..=4 => {
                let m = self.pick(&[
                    "upper",
                    "lower",
                    "strip",
                    "title",
                    "capitalize",
                    "swapcase",
                    "lstrip",
                    "rstrip",
                    "casefold",
                ]);
                format!("{}.{m}()", self.expr(Ty::Str, d))
            }
            5 => {
                let s = self.expr(Ty::Str, d);
                let a = self.pick(&["'a'", "'l'", "' '", "'-'", "''", "'o'"]);
                let b = self.pick(&["'_'", "''", "'AB'"]);
                format!("{s}.replace({a}, {b})")
            }
            6 => {
                let s = self.expr(Ty::Str, d);
                let i = self.small(-4, 6);
                format!("{s}[{i}]")
            }
            7 => {
                let s = self.expr(Ty::Str, d);
                let parts = [
                    format!("{}", self.small(-3, 4)),
                    format!("{}", self.small(-3, 8)),
                ];
                match self.below(5) {
                    0 => format!("{s}[{}:]", parts[0]),
                    1 => format!("{s}[:{}]", parts[1]),
                    2 => format!("{s}[{}:{}]", parts[0], parts[1]),
                    3 => format!("{s}[::-1]"),
                    _ => format!("{s}[::{}]", self.small(1, 3)),
                }
            }
            8 => format!("str({})", self.any_expr(d)),
            9 => format!("repr({})", self.any_expr(d)),
            10..=12 => self.fstring(d),
            13 => {
                let a = self.expr(Ty::Str, d);
                let b = self.expr(Ty::Int, d);
                let c = self.expr(Ty::Float, d);
                let f = self.pick(&[
                    "'%s and %d'",
                    "'%r|%5d'",
                    "'%-6s|%x'",
                    "'%s: %03d'",
                    "'%.3s %i'",
                ]);
                if self.chance(50) {
                    format!("({f} % ({a}, {b}))")
                } else {
                    let g = self.pick(&["'%.2f'", "'%e'", "'%g'", "'%8.3f'", "'%d'", "'%s'"]);
                    format!("({g} % {c})")
                }
            }
            14 => {
                let ty = [Ty::Int, Ty::Float, Ty::Str][self.below(3)];
                let spec = self.format_spec(ty);
                let v = self.expr(ty, d);
                format!("format({v}, '{spec}')")
            }
            15 => {
                let sep = self.pick(&["' '", "', '", "'-'", "''"]);
                let l = self.expr(Ty::ListStr, d);
                format!("{sep}.join({l})")
            }
            16 => {
                let sep = self.pick(&["' '", "','", "'/'"]);
                let l = self.expr(Ty::ListInt, d);
                format!("{sep}.join(str(x) for x in {l})")
            }
            17 => {
                let m = self.pick(&["center", "ljust", "rjust"]);
                let s = self.expr(Ty::Str, d);
                let n = self.small(0, 12);
                if self.chance(50) {
                    format!("{s}.{m}({n})")
                } else {
                    format!("{s}.{m}({n}, '*')")
                }
            }
            18 => {
                let s = self.expr(Ty::Str, d);
                let n = self.small(0, 8);
                format!("{s}.zfill({n})")
            }
            19 => {
                let m = self.pick(&["strip", "lstrip", "rstrip"]);
                let s = self.expr(Ty::Str, d);
                let c = self.pick(&["'a'", "' -'", "'xyz'", "'HeL'"]);
                format!("{s}.{m}({c})")
            }
            20 => format!("chr({})", self.small(32, 126)),
            21 => {
                let m = self.pick(&["partition", "rpartition"]);
                let s = self.expr(Ty::Str, d);
                let sep = self.pick(&["' '", "'-'", "','", "'l'"]);
                let i = self.below(3);
                format!("{s}.{m}({sep})[{i}]")
            }
            22 => {
                let s = self.expr(Ty::Str, d);
                let i = self.small(-1, 2);
                format!("{s}.split()[{i}]")
            }
            23 => {
                let m = self.pick(&["removeprefix", "removesuffix"]);
                let s = self.expr(Ty::Str, d);
                let a = self.pick(&["'a'", "'He'", "'ld'", "' '"]);
                format!("{s}.{m}({a})")
            }
            24 => {
                let s = self.expr(Ty::Str, d);
                let other = self.any_expr(d);
                format!("({s} + {other})")
            }
            _ => {
                let ty = [Ty::Int, Ty::Float, Ty::Str][self.below(3)];
                let v = self.expr(ty, d);
                let spec = self.format_spec(ty);
                format!("'{{:{spec}}}|{{!r}}'.format({v}, {v})")
            }
        }
    }

    fn fstring(&mut self, d: u32) -> String {
        let n = 1 + self.below(3);
        let mut s = String::from("f'");
        for _ in 0..n {
            let lit = self.pick(&["", "x=", " ", "[", "] ", "->", "{{", "}}"]);
            s.push_str(lit);
            let ty = [Ty::Int, Ty::Float, Ty::Str, Ty::ListInt, Ty::Bool][self.below(5)];
            // Inside f'…', a nested expression cannot contain single quotes or backslashes
            // (before 3.12): its string literals are written with double quotes.
            let v = self.expr(ty, d);
            if v.contains('\\') || (v.contains('\'') && v.contains('"')) {
                s.push_str("{0}");
                continue;
            }
            let v = v.replace('\'', "\"");
            match self.below(4) {
                0 => {
                    let _ = write!(s, "{{{v}!r}}");
                }
                1 if matches!(ty, Ty::Int | Ty::Float | Ty::Str) => {
                    let spec = self.format_spec(ty);
                    let _ = write!(s, "{{{v}:{spec}}}");
                }
                2 if !v.contains('"') => {
                    let _ = write!(s, "{{{v}=}}");
                }
                _ => {
                    let _ = write!(s, "{{{v}}}");
                }
            }
        }
        s.push('\'');
        s
    }

    fn bool_expr(&mut self, d: u32) -> String {
        match self.below(16) {
            0..=3 => {
                let ty = [Ty::Int, Ty::Float, Ty::Str, Ty::ListInt, Ty::Tuple][self.below(5)];
                let op = self.pick(&["<", "<=", ">", ">=", "==", "!="]);
                let a = self.expr(ty, d);
                let b = self.expr(ty, d);
                format!("({a} {op} {b})")
            }
            4 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                let c = self.expr(Ty::Int, d);
                format!("({a} < {b} <= {c})")
            }
            5 => {
                let a = self.expr(Ty::Str, d);
                let b = self.expr(Ty::Str, d);
                let op = self.pick(&["in", "not in"]);
                format!("({a} {op} {b})")
            }
            6 => {
                let x = self.expr(Ty::Int, d);
                let ty = [Ty::ListInt, Ty::Set, Ty::Tuple][self.below(3)];
                let c = self.expr(ty, d);
                format!("({x} in {c})")
            }
            7 => {
                let k = self.pick(WORDS);
                let m = self.expr(Ty::Dict, d);
                format!("({k} in {m})")
            }
            8 => {
                let m = self.pick(&[
                    "isdigit",
                    "isalpha",
                    "isupper",
                    "islower",
                    "isspace",
                    "isalnum",
                    "istitle",
                    "isdecimal",
                    "isnumeric",
                    "isascii",
                ]);
                format!("{}.{m}()", self.expr(Ty::Str, d))
            }
            9 => {
                let m = self.pick(&["startswith", "endswith"]);
                let s = self.expr(Ty::Str, d);
                let t = self.expr(Ty::Str, d);
                format!("{s}.{m}({t})")
            }
            10 => format!("(not {})", self.expr(Ty::Bool, d)),
            11 => {
                let op = self.pick(&["and", "or"]);
                let a = self.expr(Ty::Bool, d);
                let b = self.expr(Ty::Bool, d);
                format!("({a} {op} {b})")
            }
            12 => {
                let v = self.any_expr(d);
                let t = self.pick(&[
                    "int",
                    "str",
                    "float",
                    "list",
                    "dict",
                    "bool",
                    "(int, float)",
                    "(list, tuple)",
                    "set",
                ]);
                format!("isinstance({v}, {t})")
            }
            13 => {
                let f = self.pick(&["any", "all"]);
                format!("{f}({})", self.expr(Ty::ListInt, d))
            }
            14 => format!("bool({})", self.any_expr(d)),
            _ => {
                // Ordering across types raises TypeError.
                let a = self.any_expr(d);
                let b = self.any_expr(d);
                let op = self.pick(&["<", "==", ">=", "!="]);
                format!("({a} {op} {b})")
            }
        }
    }

    /// An expression with `x` bound to an item of type `item` (for a comprehension).
    fn with_item(&mut self, name: &str, item: Ty, ty: Ty, d: u32) -> String {
        self.vars.push((name.to_string(), item));
        let mut e = String::new();
        for _ in 0..4 {
            e = self.expr(ty, d);
            if e.contains(name) {
                break;
            }
        }
        self.vars.pop();
        e
    }

    fn list_int_expr(&mut self, d: u32) -> String {
        match self.below(16) {
            0 => {
                let l = self.expr(Ty::ListInt, d);
                if self.chance(50) {
                    format!("sorted({l})")
                } else {
                    format!("sorted({l}, reverse=True)")
                }
            }
            1 => {
                let a = self.expr(Ty::ListInt, d);
                let b = self.expr(Ty::ListInt, d);
                format!("({a} + {b})")
            }
            2 => {
                let a = self.expr(Ty::ListInt, d);
                let n = self.small(0, 2);
                format!("({a} * {n})")
            }
            3 => {
                let l = self.expr(Ty::ListInt, d);
                let a = self.small(-3, 3);
                let b = self.small(-2, 5);
                match self.below(3) {
                    0 => format!("{l}[{a}:]"),
                    1 => format!("{l}[{a}:{b}]"),
                    _ => format!("{l}[::-1]"),
                }
            }
            4 => {
                let a = self.small(-3, 5);
                let b = self.small(-2, 9);
                match self.below(3) {
                    0 => format!("list(range({b}))"),
                    1 => format!("list(range({a}, {b}))"),
                    _ => format!(
                        "list(range({b}, {a}, {}))",
                        self.pick(&["-1", "-2", "2", "3"])
                    ),
                }
            }
            5..=6 => {
                let x = self.fresh("x");
                let src = self.expr(Ty::ListInt, d);
                let e = self.with_item(&x, Ty::Int, Ty::Int, d.min(1));
                if self.chance(50) {
                    let c = self.with_item(&x, Ty::Int, Ty::Bool, d.min(1));
                    format!("[{e} for {x} in {src} if {c}]")
                } else {
                    format!("[{e} for {x} in {src}]")
                }
            }
            7 => format!("list(reversed({}))", self.expr(Ty::ListInt, d)),
            8 => format!("[len(w) for w in {}]", self.expr(Ty::ListStr, d)),
            9 => {
                let f = self.pick(&["abs", "bool", "str"]);
                let l = self.expr(Ty::ListInt, d);
                if f == "abs" {
                    format!("list(map(abs, {l}))")
                } else {
                    format!("[int({f}(v)) for v in {l}]")
                }
            }
            10 => format!("list(filter(None, {}))", self.expr(Ty::ListInt, d)),
            11 => format!("sorted({})", self.expr(Ty::Set, d)),
            12 => format!("list({}.values())", self.expr(Ty::Dict, d)),
            13 => {
                let n = self.below(3) + 1;
                let items: Vec<String> = (0..n).map(|_| self.expr(Ty::Int, d)).collect();
                format!("[{}]", items.join(", "))
            }
            14 => format!("list({})", self.expr(Ty::Tuple, d)),
            _ => {
                let l = self.expr(Ty::ListInt, d);
                format!("[i * v for i, v in enumerate({l})]")
            }
        }
    }

    fn list_str_expr(&mut self, d: u32) -> String {
        match self.below(10) {
            0 => format!("{}.split()", self.expr(Ty::Str, d)),
            1 => {
                let s = self.expr(Ty::Str, d);
                let sep = self.pick(&["','", "'-'", "' '", "'l'"]);
                format!("{s}.split({sep})")
            }
            2 => format!("sorted({})", self.expr(Ty::ListStr, d)),
            3 => format!("list({})", self.expr(Ty::Dict, d)),
            4 => {
                let m = self.pick(&["upper", "title", "strip"]);
                format!("[w.{m}() for w in {}]", self.expr(Ty::ListStr, d))
            }
            5 => format!("list({})", self.expr(Ty::Str, d)),
            6 => {
                let l = self.expr(Ty::ListStr, d);
                let a = self.small(-2, 2);
                format!("{l}[{a}:]")
            }
            7 => format!("sorted({}, key=len)", self.expr(Ty::ListStr, d)),
            8 => {
                let a = self.expr(Ty::ListStr, d);
                let b = self.expr(Ty::ListStr, d);
                format!("({a} + {b})")
            }
            _ => format!("[str(v) for v in {}]", self.expr(Ty::ListInt, d)),
        }
    }

    fn dict_expr(&mut self, d: u32) -> String {
        match self.below(6) {
            0 => {
                let l = self.expr(Ty::ListStr, d);
                format!("{{w: len(w) for w in {l}}}")
            }
            1 => {
                let a = self.expr(Ty::ListStr, d);
                let b = self.expr(Ty::ListInt, d);
                format!("dict(zip({a}, {b}))")
            }
            2 => format!("dict({})", self.expr(Ty::Dict, d)),
            3 => {
                let m = self.expr(Ty::Dict, d);
                let n = self.small(-1, 10);
                format!("{{k: v for k, v in {m}.items() if v > {n}}}")
            }
            4 => {
                let m = self.expr(Ty::Dict, d);
                format!("{{k.upper(): v * 2 for k, v in {m}.items()}}")
            }
            _ => {
                let k = self.pick(WORDS);
                let v = self.expr(Ty::Int, d);
                format!("{{{k}: {v}}}")
            }
        }
    }

    fn set_expr(&mut self, d: u32) -> String {
        match self.below(6) {
            0 => format!("set({})", self.expr(Ty::ListInt, d)),
            1 => {
                let op = self.pick(&["|", "&", "-", "^"]);
                let a = self.expr(Ty::Set, d);
                let b = self.expr(Ty::Set, d);
                format!("({a} {op} {b})")
            }
            2 => {
                let l = self.expr(Ty::ListInt, d);
                let m = self.small(2, 6);
                format!("{{v % {m} for v in {l}}}")
            }
            3 => {
                let m = self.pick(&["union", "intersection", "difference"]);
                let a = self.expr(Ty::Set, d);
                let b = self.expr(Ty::ListInt, d);
                format!("{a}.{m}({b})")
            }
            4 => format!("set(range({}))", self.small(0, 12)),
            _ => format!("set({}.values())", self.expr(Ty::Dict, d)),
        }
    }

    fn tuple_expr(&mut self, d: u32) -> String {
        match self.below(4) {
            0 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                format!("divmod({a}, {b})")
            }
            1 => format!("tuple({})", self.expr(Ty::ListInt, d)),
            2 => {
                let a = self.expr(Ty::Tuple, d);
                let b = self.expr(Ty::Tuple, d);
                format!("({a} + {b})")
            }
            _ => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                format!("({a}, {b})")
            }
        }
    }

    // --- statements --------------------------------------------------------------------

    fn program(&mut self) -> String {
        let n = 4 + self.below(9);
        for _ in 0..n {
            self.top_stmt();
        }
        // The constructs added later (match, classes with several bases, frozenset, slice)
        // come from their own stream of random numbers, so the rest of each program stays
        // what it was.
        let main_stream = self.state;
        self.state = main_stream ^ 0x5EED_0F1A_7EC0_DE00;
        for _ in 0..self.below(4) {
            match self.below(7) {
                0..=2 => self.match_stmt(2),
                3..=4 => self.frozen_or_slice(),
                _ => self.mi_classes(),
            }
        }
        // The standard modules, namedtuple, lazy reversed() and keys with __hash__/__eq__
        // come from a third stream, after everything above (which stays as it was); names
        // they make do not move the counter the rest uses.
        self.state = main_stream ^ 0x0B1E_C7ED_57D1_1B00;
        let counter = self.counter;
        for _ in 0..self.below(4) {
            self.stdlib_stmt();
        }
        self.counter = counter;
        // Generators that suspend inside expressions and `match` come from a fourth
        // stream (the programs above stay as they were); their names do not move the
        // counter either.
        self.state = main_stream ^ 0x71E1_D0E5_9E4E_5A70;
        let counter = self.counter;
        for _ in 0..self.below(3) {
            self.yield_stmt();
        }
        self.counter = counter;
        // datetime.time, timezone and aware datetimes come from a fifth stream, after the
        // rest (which stays as it was).
        self.state = main_stream ^ 0x71AE_2015_DA7E_0004;
        for _ in 0..self.below(3) {
            self.time_stmt();
        }
        self.counter = counter;
        // Keys whose class defines __hash__/__eq__ in dict, set, Counter, defaultdict and
        // OrderedDict come from a sixth stream, after the rest (which stays as it was).
        self.state = main_stream ^ 0x4A5E_D0C7_1E55_0006;
        for _ in 0..self.below(3) {
            self.hash_key_stmt();
        }
        self.counter = counter;
        self.state = main_stream;
        if self.chance(30) {
            // An unguarded statement at the end: its exception (if any) ends the program.
            let e = self.any_expr(3);
            self.line(&format!("print({e})"));
        }
        std::mem::take(&mut self.out)
    }

    fn top_stmt(&mut self) {
        match self.below(20) {
            0..=4 => self.new_var(),
            5 => self.def(),
            6..=8 => self.stmt(3),
            _ => self.stmt(2),
        }
    }

    fn new_var(&mut self) {
        let ty = ALL_TYPES[self.below(ALL_TYPES.len())];
        let name = self.fresh(ty.prefix());
        let e = self.expr(ty, 2);
        let e = capped(ty, &e);
        if self.chance(70) {
            self.line(&format!("{name} = {e}"));
        } else {
            // Guarded, so the variable exists even when the expression raises.
            let fallback = self.literal(ty);
            self.line("try:");
            self.line(&format!("    {name} = {e}"));
            let exc = self.pick(EXCEPTIONS);
            self.line(&format!("except {exc}:"));
            self.line(&format!("    {name} = {fallback}"));
            self.line("except Exception as e:");
            self.line("    print('other', type(e).__name__)");
            self.line(&format!("    {name} = {fallback}"));
        }
        self.vars.push((name, ty));
    }

    fn block(&mut self, depth: u32) {
        self.indent += 1;
        let mark = self.vars.len();
        let n = 1 + self.below(3);
        for _ in 0..n {
            self.stmt(depth);
        }
        self.vars.truncate(mark);
        self.indent -= 1;
    }

    fn print_stmt(&mut self) -> String {
        match self.below(8) {
            0 => {
                let a = self.any_expr(2);
                let b = self.any_expr(2);
                format!("print({a}, {b})")
            }
            1 => {
                let a = self.any_expr(2);
                let b = self.any_expr(1);
                let sep = self.pick(&["''", "', '", "' | '"]);
                let end = self.pick(&["'!\\n'", "'\\n\\n'", "' end\\n'"]);
                format!("print({a}, {b}, sep={sep}, end={end})")
            }
            2 => format!("print(repr({}))", self.any_expr(2)),
            3 => {
                let v = self.any_expr(2);
                format!("print(type({v}).__name__, {v})")
            }
            _ => format!("print({})", self.any_expr(3)),
        }
    }

    fn stmt(&mut self, depth: u32) {
        let choice = if depth == 0 {
            self.below(6)
        } else {
            self.below(17)
        };
        match choice {
            0..=1 => {
                let p = self.print_stmt();
                self.line(&p);
            }
            2 => self.guarded_print(),
            3 => self.reassign(),
            4 => self.mutate(),
            5 => {
                if self.in_loop && self.chance(40) {
                    let c = self.expr(Ty::Bool, 1);
                    let what = self.pick(&["break", "continue"]);
                    self.line(&format!("if {c}:"));
                    self.line(&format!("    {what}"));
                } else {
                    self.guarded_print();
                }
            }
            6..=7 => {
                let c = self.expr(Ty::Bool, 2);
                self.line(&format!("if {c}:"));
                self.block(depth - 1);
                if self.chance(30) {
                    let c = self.expr(Ty::Bool, 2);
                    self.line(&format!("elif {c}:"));
                    self.block(depth - 1);
                }
                if self.chance(50) {
                    self.line("else:");
                    self.block(depth - 1);
                }
            }
            8..=9 => self.for_loop(depth),
            10 => self.while_loop(depth),
            11..=13 => self.try_stmt(depth),
            14 => {
                let c = self.expr(Ty::Bool, 2);
                if self.chance(50) {
                    self.line(&format!("assert {c}"));
                } else {
                    let m = self.expr(Ty::Str, 1);
                    self.line(&format!("assert {c}, {m}"));
                }
            }
            15 => {
                let exc = self.pick(EXCEPTIONS);
                let m = self.expr(Ty::Str, 1);
                let c = self.expr(Ty::Bool, 1);
                self.line(&format!("if {c}:"));
                match self.below(3) {
                    0 => self.line(&format!("    raise {exc}")),
                    1 => self.line(&format!("    raise {exc}()")),
                    _ => self.line(&format!("    raise {exc}({m})")),
                }
            }
            _ => {
                let p = self.print_stmt();
                self.line(&p);
            }
        }
    }

    /// A `match` statement on a value of a random type, with patterns of every kind.
    fn match_stmt(&mut self, depth: u32) {
        let ty = ALL_TYPES[self.below(ALL_TYPES.len())];
        let subject = self.expr(ty, 1);
        self.line(&format!("match {subject}:"));
        self.indent += 1;
        let n = 1 + self.below(4);
        for k in 0..n {
            let a = self.fresh("m");
            let b = self.fresh("m");
            let (pattern, names): (String, Vec<String>) = match self.below(16) {
                0 => {
                    let x = self.pick(INTS);
                    let y = self.pick(INTS);
                    (format!("{x} | {y}"), vec![])
                }
                1 => {
                    let x = self.pick(STRS);
                    (format!("{x} | 'abc'"), vec![])
                }
                2 => ("[]".into(), vec![]),
                3 => (format!("[{a}]"), vec![a]),
                4 => (format!("[{a}, *{b}]"), vec![a, b]),
                5 => (format!("[*{a}, {b}]"), vec![a, b]),
                6 => ("[_, _, *_]".into(), vec![]),
                7 => {
                    let w = self.pick(WORDS);
                    (format!("{{{w}: {a}}}"), vec![a])
                }
                8 => {
                    let w = self.pick(WORDS);
                    (format!("{{{w}: int({a}), **{b}}}"), vec![a, b])
                }
                9 => {
                    let c = self.pick(&["int", "float", "str", "bool", "list", "dict", "tuple"]);
                    (format!("{c}({a})"), vec![a])
                }
                10 => ("set() | frozenset()".into(), vec![]),
                11 => (format!("({a}, {b})"), vec![a, b]),
                12 => ("None | True | False".into(), vec![]),
                13 => {
                    let x = self.pick(INTS);
                    (format!("[{x}, *_] as {a}"), vec![a])
                }
                14 => (format!("(int() | float()) as {a}"), vec![a]),
                _ => (format!("str({a}) if len({a}) > 2"), vec![a]),
            };
            let pattern = if pattern.contains(" if ") {
                pattern
            } else if self.chance(20) && !names.is_empty() {
                format!("{pattern} if {} != 0", names[0])
            } else {
                pattern
            };
            self.line(&format!("case {pattern}:"));
            let shown: Vec<String> = names.iter().map(|n| format!("repr({n})")).collect();
            let shown = if shown.is_empty() {
                String::new()
            } else {
                format!(", {}", shown.join(", "))
            };
            self.line(&format!("    print('case {k}'{shown})"));
            if depth > 1 && self.chance(30) {
                // Something that changes state inside the case (no set displays: CPython's
                // order for those follows its table, which the batch leaves out).
                self.indent += 1;
                self.reassign();
                self.indent -= 1;
            }
        }
        if self.chance(50) {
            let w = self.fresh("m");
            if self.chance(50) {
                self.line(&format!("case {w}:"));
                if ty == Ty::Set {
                    self.line(&format!("    print('default', sorted({w}))"));
                } else {
                    self.line(&format!("    print('default', repr({w}))"));
                }
            } else {
                self.line("case _:");
                self.line("    print('no case')");
            }
        }
        self.indent -= 1;
    }

    /// A print of a frozenset or slice expression, guarded.
    fn frozen_or_slice(&mut self) {
        let e = match self.below(9) {
            0 => format!("sorted(frozenset({}))", self.expr(Ty::ListInt, 1)),
            1 => {
                let op = self.pick(&["|", "&", "-", "^"]);
                let a = self.expr(Ty::ListInt, 1);
                let b = self.expr(Ty::Set, 1);
                if self.chance(50) {
                    format!("sorted(frozenset({a}) {op} {b})")
                } else {
                    format!("type({b} {op} frozenset({a})).__name__, len({b} {op} frozenset({a}))")
                }
            }
            2 => {
                let a = self.expr(Ty::ListInt, 1);
                let b = self.expr(Ty::Set, 1);
                format!("(frozenset({a}) == {b}, frozenset({a}) <= {b}, len({{frozenset({a}): 1, frozenset({b}): 2}}))")
            }
            3 => {
                let a = self.expr(Ty::Set, 1);
                format!(
                    "sorted(frozenset({a}).union([1, 2])), hash(frozenset({a})) == hash(frozenset({a}))"
                )
            }
            4 => {
                let l = self.expr(Ty::ListInt, 1);
                let x = self.small(-4, 6);
                let y = self.small(-4, 8);
                let z = self.pick(&["None", "1", "2", "-1", "-2", "0"]);
                format!("{l}[slice({x}, {y}, {z})]")
            }
            5 => {
                let x = self.pick(&["None", "1", "-2", "5"]);
                let y = self.pick(&["None", "3", "-1", "100"]);
                let z = self.pick(&["None", "1", "-1", "2", "0"]);
                let n = self.expr(Ty::Int, 1);
                format!("slice({x}, {y}, {z}).indices({n})")
            }
            6 => {
                let st = self.expr(Ty::Str, 1);
                let x = self.small(-3, 3);
                format!("{st}[slice({x}, None)], slice({x})")
            }
            7 => {
                let t = self.expr(Ty::Tuple, 1);
                let z = self.pick(&["None", "2", "-1"]);
                format!("{t}[slice(None, None, {z})]")
            }
            _ => {
                let a = self.expr(Ty::ListInt, 1);
                format!("sorted(frozenset({a})), len(frozenset({a})), type(frozenset()).__name__")
            }
        };
        self.line("try:");
        self.line(&format!("    print({e})"));
        self.line("except Exception as e:");
        self.line("    print(type(e).__name__, e)");
    }

    /// A guarded print of `e`: the exception, if any, is printed.
    fn guarded(&mut self, e: &str) {
        self.line("try:");
        self.line(&format!("    print({e})"));
        self.line("except Exception as e:");
        self.line("    print(type(e).__name__, e)");
    }

    /// A statement over itertools, collections, functools, operator, uuid, namedtuple,
    /// reversed() or a class whose __hash__/__eq__ make dict keys.
    /// A value sent into a generator: mostly small ints, sometimes what makes the
    /// expression it lands in fail.
    fn sent_value(&mut self) -> String {
        match self.below(12) {
            0 => "None".into(),
            1 => "'s'".into(),
            2 => "[1]".into(),
            _ => self.small(-3, 6).to_string(),
        }
    }

    /// An int operand for the generator templates: an int variable, a small literal or
    /// a small sum (never a huge shift or power).
    fn simple_int(&mut self) -> String {
        match self.below(4) {
            0 => self.var_of(Ty::Int).unwrap_or_else(|| "7".into()),
            1 => {
                let (x, y) = (self.small(-5, 9), self.small(0, 9));
                format!("{x} + {y}")
            }
            _ => self.small(-5, 9).to_string(),
        }
    }

    /// `(yield e)` with `e` an int (or the generator's accumulator).
    fn yield_of(&mut self) -> String {
        if self.chance(30) {
            return "(yield acc)".into();
        }
        let e = self.simple_int();
        format!("(yield {e})")
    }

    /// A generator function whose statements suspend inside expressions, conditions and
    /// `match`, driven by `send()` with the values it gets printed.
    fn yield_stmt(&mut self) {
        let g = self.fresh("gen");
        let saved = std::mem::replace(&mut self.in_function, true);
        if self.chance(15) {
            let y1 = self.yield_of().replace("acc", "x");
            let y2 = self.yield_of().replace("acc", "x");
            let a = self.small(-2, 5);
            self.line(&format!("{g} = lambda x: [{y1}, x * 2, {y2}]"));
            self.in_function = saved;
            self.drive(&g, &a.to_string());
            return;
        }
        self.line(&format!("def {g}(acc):"));
        self.indent += 1;
        for _ in 0..1 + self.below(4) {
            let y = self.yield_of();
            let n = self.small(-1, 4);
            match self.below(16) {
                0 => self.line(&format!("acc = acc + {y}")),
                1 => {
                    let e = self.simple_int();
                    self.line(&format!("print('y', {y}, {e})"));
                }
                2 => {
                    let k = self.below(2);
                    self.line(&format!("acc = [{y}, acc][{k}]"));
                }
                3 => {
                    let y2 = self.yield_of();
                    self.line(&format!("acc = {y} if {y2} else acc"));
                }
                4 => self.line("print(f'{(yield acc)!r:>4}|{acc}')"),
                5 => self.line(&format!("print({{{y}: acc, 'k': acc}})")),
                6 => self.line(&format!("acc += {y}")),
                7 => {
                    self.line(&format!("while {y} != {n}:"));
                    self.line("    acc -= 1");
                }
                8 => {
                    self.line(&format!("if {y} > {n}:"));
                    self.line("    print('big', acc)");
                }
                9 => {
                    let y2 = self.yield_of();
                    self.line(&format!("match {y}:"));
                    self.line(&format!("    case {n}:"));
                    self.line("        print('case', acc)");
                    self.line(&format!("    case int(m) if m > {y2}:"));
                    self.line("        print('guard', m)");
                    self.line("        acc = (yield m)");
                    self.line("    case _:");
                    self.line("        print('other')");
                }
                10 => self.line(&format!("print(acc < {y} <= {n})")),
                11 => self.line(&format!("acc = acc * 2 or {y}")),
                12 => {
                    let k = self.below(3);
                    self.line(&format!("acc = (yield from range({k})) or acc"));
                }
                13 => self.line(&format!("print(max(acc, {y}, key=abs), *[acc])")),
                14 => {
                    let e = self.simple_int();
                    self.line(&format!("d = {{'k': {e}}}"));
                    self.line(&format!("d['k'] -= {y}"));
                    self.line("print(d)");
                }
                _ => self.line(&format!("assert {y} != {n}, {y}")),
            }
        }
        if self.chance(50) {
            let y = self.yield_of();
            self.line(&format!("return acc - {y}"));
        } else {
            self.line("return acc");
        }
        self.indent -= 1;
        self.in_function = saved;
        let a = self.simple_int();
        self.drive(&g, &a);
    }

    /// Runs a generator function on `arg`, sending it a few values.
    fn drive(&mut self, g: &str, arg: &str) {
        let sends: Vec<String> = (0..2 + self.below(6)).map(|_| self.sent_value()).collect();
        self.line("try:");
        self.line(&format!("    it = {g}({arg})"));
        self.line("    print('first', next(it))");
        self.line(&format!("    for s in [{}]:", sends.join(", ")));
        self.line("        print('got', it.send(s))");
        self.line("    print('suspended')");
        self.line("except StopIteration as e:");
        self.line("    print('stop', repr(e.value))");
        self.line("except Exception as e:");
        self.line("    print(type(e).__name__, e)");
    }

    fn stdlib_stmt(&mut self) {
        match self.below(9) {
            0 => self.itertools_stmt(),
            1 => self.collections_stmt(),
            2 => self.functools_stmt(),
            3 => self.operator_stmt(),
            4 => self.uuid_stmt(),
            5 | 6 => self.namedtuple_stmt(),
            7 => self.reversed_stmt(),
            _ => self.keys_stmt(),
        }
    }

    /// A `timezone(…)` expression: fixed offsets in and out of range, named or not, UTC.
    fn tz_expr(&mut self) -> String {
        match self.below(6) {
            0 => "timezone.utc".into(),
            1 => {
                let h = self.small(-25, 25);
                format!("timezone(timedelta(hours={h}))")
            }
            2 => {
                let h = self.small(-14, 14);
                let m = self.pick(&["0", "30", "45", "-30"]);
                let name = self.pick(&["'EST'", "'Z'", "''", "'Local'"]);
                format!("timezone(timedelta(hours={h}, minutes={m}), {name})")
            }
            3 => {
                let s = self.small(-90000, 90000);
                format!("timezone(timedelta(seconds={s}))")
            }
            4 => "timezone(timedelta(0))".into(),
            _ => {
                let us = self.small(-3, 3);
                format!("timezone(timedelta(minutes=90, microseconds={us}))")
            }
        }
    }

    /// A `time(…)` expression, naive or aware, sometimes out of range.
    fn time_expr(&mut self) -> String {
        let h = self.small(-1, 24);
        let m = self.small(0, 60);
        let sec = self.small(0, 59);
        let us = self.pick(&["0", "1", "500000", "999999", "1000000", "123456"]);
        match self.below(5) {
            0 => format!("time({h}, {m})"),
            1 => format!("time({h}, {m}, {sec}, {us})"),
            2 => {
                let tz = self.tz_expr();
                format!("time({h}, {m}, {sec}, tzinfo={tz})")
            }
            3 => {
                let text = self.pick(&[
                    "'12:30'",
                    "'T07:05:09.5'",
                    "'23:59:59.999999+05:30'",
                    "'0830'",
                    "'12:30:00Z'",
                    "'25:00'",
                    "'12:3'",
                    "'10:20:30.1234567'",
                    "'08:00-03:00'",
                    "''",
                ]);
                format!("time.fromisoformat({text})")
            }
            _ => format!("time(hour={h}, second={sec})"),
        }
    }

    /// An aware or naive `datetime(…)`.
    fn aware_dt_expr(&mut self) -> String {
        let mo = self.small(1, 12);
        let d = self.small(1, 28);
        let h = self.small(0, 23);
        if self.chance(25) {
            format!("datetime(2024, {mo}, {d}, {h}, 30)")
        } else {
            let tz = self.tz_expr();
            format!("datetime(2024, {mo}, {d}, {h}, 30, tzinfo={tz})")
        }
    }

    /// A statement over `datetime.time`, `timezone` and aware datetimes.
    fn time_stmt(&mut self) {
        self.line("from datetime import date, datetime, time, timedelta, timezone");
        let t = self.time_expr();
        let u = self.time_expr();
        let tz = self.tz_expr();
        let dt = self.aware_dt_expr();
        let dt2 = self.aware_dt_expr();
        let e = match self.below(12) {
            0 => format!("{t}, repr({t}), str({t})"),
            1 => {
                let spec = self.pick(&["'auto'", "'hours'", "'minutes'", "'seconds'", "'milliseconds'", "'microseconds'", "'days'"]);
                format!("{t}.isoformat(), {t}.isoformat(timespec={spec})")
            }
            2 => format!("{t} < {u}, {t} == {u}, {t} != {u}, {t} >= {u}"),
            3 => format!("{t}.utcoffset(), {t}.tzname(), {t}.dst(), bool({t}), {t}.tzinfo"),
            4 => {
                let f = self.pick(&["'%H:%M:%S'", "'%I:%M %p'", "'%H%M %z %Z'", "'%f'", "'%X'"]);
                format!("{t}.strftime({f}), format({t}, {f}), f\"{{{t}:%H.%M}}\"")
            }
            5 => {
                let h = self.small(-1, 24);
                format!("{t}.replace(hour={h}), {t}.replace(tzinfo={tz}), {t}.replace(tzinfo=None)")
            }
            6 => format!("{tz}, repr({tz}), str({tz}), {tz}.tzname(None), {tz}.utcoffset(None), {tz}.dst(None)"),
            7 => format!("{tz} == timezone.utc, {tz} == {}, hash({tz}) == hash(timezone.utc)", self.tz_expr()),
            8 => format!("{dt}, {dt}.isoformat(), {dt}.utcoffset(), {dt}.tzname(), {dt}.timetz()"),
            9 => format!("{dt} - {dt2}, {dt} < {dt2}, {dt} == {dt2}"),
            10 => format!("{dt}.astimezone({tz}), ({dt} + timedelta(hours=5)).isoformat(' ', 'minutes')"),
            _ => {
                let d = self.small(1, 28);
                format!("datetime.combine(date(2024, 2, {d}), {t}), datetime.combine(date(2024, 2, {d}), {t}, tzinfo={tz}).isoformat()")
            }
        };
        self.guarded(&e);
    }

    fn itertools_stmt(&mut self) {
        self.line("import itertools");
        let l = self.expr(Ty::ListInt, 1);
        let m = self.expr(Ty::ListInt, 1);
        let n = self.small(-1, 6);
        let e = match self.below(14) {
            0 => {
                let a = self.small(-3, 3);
                let b = self.small(-2, 3);
                format!("list(itertools.islice(itertools.count({a}, {b}), {n}))")
            }
            1 => format!("list(itertools.chain({l}, {m})), list(itertools.chain.from_iterable([{l}, {m}]))"),
            2 => format!("[(k, list(g)) for k, g in itertools.groupby(sorted({l}))]"),
            3 => format!("[(k, len(list(g))) for k, g in itertools.groupby({l}, key=lambda x: x % 2)]"),
            4 => {
                let f = self.pick(&["", ", initial=1", ", initial=None"]);
                format!("list(itertools.accumulate({l}{f})), list(itertools.accumulate({m}, max))")
            }
            5 => {
                let f = self.pick(&["", ", fillvalue=0", ", fillvalue='-'"]);
                format!("list(itertools.zip_longest({l}, {m}{f}))")
            }
            6 => format!("list(itertools.combinations({l}[:5], {n})), list(itertools.combinations_with_replacement({m}[:3], 2))"),
            7 => format!("list(itertools.permutations({l}[:4], {n}))[:12]"),
            8 => format!("list(itertools.product({l}[:3], {m}[:2])), list(itertools.product([0, 1], repeat={n}))[:8]"),
            9 => format!("list(itertools.pairwise({l})), list(itertools.compress({l}, {m}))"),
            10 => {
                let k = self.small(-2, 5);
                format!("list(itertools.takewhile(lambda x: x < {k}, {l})), list(itertools.dropwhile(lambda x: x < {k}, {l})), list(itertools.filterfalse(lambda x: x % 2, {l}))")
            }
            11 => format!("list(itertools.starmap(lambda a, b: a - b, zip({l}, {m})))"),
            12 => format!("list(itertools.islice({l}, {n}, None, 2)), list(itertools.islice(itertools.cycle({m}), 7))"),
            _ => format!("list(itertools.repeat({n}, 3)), list(itertools.islice({l}, {n}))"),
        };
        self.guarded(&e);
    }

    fn collections_stmt(&mut self) {
        self.line("import collections");
        let l = self.expr(Ty::ListInt, 1);
        let m = self.expr(Ty::ListInt, 1);
        let st = self.expr(Ty::Str, 1);
        let n = self.small(-1, 4);
        match self.below(8) {
            0 => self.guarded(&format!("collections.Counter({l}).most_common({n}), collections.Counter({st})")),
            1 => {
                let op = self.pick(&["+", "-", "&", "|"]);
                self.guarded(&format!("collections.Counter({l}) {op} collections.Counter({m})"));
            }
            2 => {
                self.line(&format!("ct_c = collections.Counter({l})"));
                self.line(&format!("ct_c.update({m})"));
                self.line(&format!("ct_c.subtract([{n}, {n}])"));
                self.guarded(&format!("ct_c, ct_c[{n}], ct_c.total(), sorted(ct_c.elements())"));
            }
            3 => {
                let maxlen = self.pick(&["None", "2", "3", "0"]);
                self.line(&format!("ct_d = collections.deque({l}, maxlen={maxlen})"));
                let r = self.small(-3, 3);
                self.line("try:");
                self.line(&format!("    ct_d.rotate({r})"));
                self.line(&format!("    ct_d.appendleft({n})"));
                self.line("    ct_d.append(ct_d.popleft() if ct_d else 0)");
                self.line("    print(ct_d, ct_d.maxlen, len(ct_d), list(ct_d))");
                self.line("except Exception as e:");
                self.line("    print(type(e).__name__, e)");
            }
            4 => {
                let f = self.pick(&["int", "list", "lambda: 'none'"]);
                self.line(&format!("ct_dd = collections.defaultdict({f})"));
                self.line(&format!("for ct_x in {l}:"));
                if f == "list" {
                    self.line("    ct_dd[ct_x % 3].append(ct_x)");
                } else if f == "int" {
                    self.line("    ct_dd[ct_x % 3] += ct_x");
                } else {
                    self.line("    ct_dd[ct_x % 3]");
                }
                self.guarded("sorted(ct_dd.items()), ct_dd[7], len(ct_dd)");
            }
            5 => {
                let last = self.pick(&["True", "False"]);
                let k = self.pick(&["'a'", "'b'", "'z'"]);
                self.line("ct_od = collections.OrderedDict.fromkeys('abc', 0)");
                self.line("try:");
                self.line(&format!("    ct_od.move_to_end({k}, last={last})"));
                self.line(&format!("    print(ct_od, ct_od.popitem(last={last}), list(ct_od))"));
                self.line("except Exception as e:");
                self.line("    print(type(e).__name__, e)");
            }
            6 => self.guarded(&format!("collections.deque({l}) == collections.deque({m}), collections.deque({l})[{n}], {n} in collections.deque({m})")),
            _ => self.guarded(&format!("collections.Counter({l}) == collections.Counter({m}), sorted(collections.Counter({st}).items())[:3]")),
        }
    }

    fn functools_stmt(&mut self) {
        self.line("import functools");
        let l = self.expr(Ty::ListInt, 1);
        let n = self.small(-2, 6);
        match self.below(4) {
            0 => {
                let init = self.pick(&["", ", 1", ", 0"]);
                self.guarded(&format!(
                    "functools.reduce(lambda a, b: a * 3 + b, {l}{init})"
                ));
            }
            1 => self.guarded(&format!(
                "functools.partial(max, {n})(*{l}), functools.partial(sorted, reverse=True)({l})"
            )),
            2 => {
                let deco = self.pick(&[
                    "@functools.lru_cache(maxsize=2)",
                    "@functools.cache",
                    "@functools.lru_cache",
                ]);
                self.line(deco);
                self.line("def ft_f(k):");
                self.line("    return k * k if k < 4 else ft_f(k - 1) + 1");
                self.line("try:");
                self.line(&format!(
                    "    print([ft_f(x) for x in {l}], ft_f.cache_info())"
                ));
                self.line("    ft_f.cache_clear()");
                self.line("    print(ft_f.cache_info())");
                self.line("except Exception as e:");
                self.line("    print(type(e).__name__, e)");
            }
            _ => {
                self.line("class ft_C:");
                self.line("    def __init__(self, k):");
                self.line("        self.k = k");
                self.line("    @functools.lru_cache(maxsize=None)");
                self.line("    def scaled(self, x):");
                self.line("        return self.k * x");
                self.line(&format!("ft_c = ft_C({n})"));
                self.guarded(&format!(
                    "[ft_c.scaled(x) for x in {l}], ft_C.scaled.cache_info()"
                ));
            }
        }
    }

    fn operator_stmt(&mut self) {
        self.line("import operator");
        let l = self.expr(Ty::ListInt, 1);
        let m = self.expr(Ty::ListInt, 1);
        let d = self.expr(Ty::Dict, 1);
        let n = self.small(-1, 3);
        let e = match self.below(5) {
            0 => format!("sorted(zip({l}, {m}), key=operator.itemgetter(1)), list(map(operator.itemgetter(0), zip({l}, {m})))"),
            1 => {
                let op = self.pick(&["add", "sub", "mul", "floordiv", "mod", "lt", "eq"]);
                format!("list(map(operator.{op}, {l}, {m}))")
            }
            2 => format!("operator.itemgetter({n}, 0)({l}), sorted({d}.items(), key=operator.itemgetter(1, 0))"),
            3 => format!("operator.methodcaller('count', {n})({l}), operator.countOf({l}, {n}), operator.indexOf({l}, {n})"),
            _ => format!("operator.neg({n}), operator.truth({l}), operator.is_({n}, None), operator.contains({l}, {n})"),
        };
        self.guarded(&e);
    }

    fn uuid_stmt(&mut self) {
        self.line("import uuid");
        let text = self.pick(&[
            "'12345678-1234-5678-1234-567812345678'",
            "'{12345678-1234-5678-1234-567812345678}'",
            "'urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8'",
            "'6BA7B8109DAD11D180B400C04FD430C8'",
            "'12345678-1234-5678-1234-56781234567'",
            "'not a uuid'",
            "''",
        ]);
        let name = self.expr(Ty::Str, 1);
        let e = match self.below(4) {
            0 => format!("uuid.UUID({text}), str(uuid.UUID({text})).upper(), uuid.UUID({text}).version"),
            1 => format!("uuid.UUID({text}).hex, uuid.UUID({text}).int % 1000, uuid.UUID({text}).urn"),
            2 => format!("uuid.uuid5(uuid.NAMESPACE_DNS, {name}), uuid.uuid3(uuid.NAMESPACE_URL, {name}).hex"),
            _ => {
                let n = self.expr(Ty::Int, 1);
                format!("uuid.UUID(int={n}), uuid.UUID(int={n}) < uuid.UUID({text})")
            }
        };
        self.guarded(&e);
    }

    fn namedtuple_stmt(&mut self) {
        self.line("from collections import namedtuple");
        let fields = self.pick(&[
            "'x y'",
            "'x, y'",
            "['x', 'y']",
            "('x', 'y')",
            "'x y x'",
            "'x _y'",
            "'x def'",
            "'x 1y'",
            "''",
        ]);
        let rename = self.pick(&[
            "",
            ", rename=True",
            ", defaults=[0]",
            ", defaults=(1, 2)",
            ", defaults=[1, 2, 3]",
        ]);
        self.line("try:");
        self.line(&format!("    NT = namedtuple('NT', {fields}{rename})"));
        self.line("    print(NT._fields, NT._field_defaults, NT.__doc__)");
        let a = self.expr(Ty::Int, 1);
        let b = self.expr(Ty::Int, 1);
        let args = self.pick(&[
            "{a}, {b}",
            "{a}",
            "",
            "{a}, {b}, 0",
            "x={a}, y={b}",
            "{a}, y={b}",
            "{a}, x={b}",
        ]);
        let args = args.replace("{a}", &a).replace("{b}", &b);
        self.line(&format!("    nt = NT({args})"));
        let e = match self.below(6) {
            0 => "nt, nt._asdict(), len(nt), list(nt)".to_string(),
            1 => format!("nt._replace(x={a}), nt == tuple(nt), nt[0], nt[-1]"),
            2 => format!("sorted([nt, NT._make([{b}] * len(nt))]), hash(nt) == hash(tuple(nt))"),
            3 => "{nt: 1}[tuple(nt)], nt + (9,), nt * 2, nt.count(0)".to_string(),
            4 => "NT._make(reversed(nt)), nt._replace(z=1)".to_string(),
            _ => "[f for f in nt], nt.x, getattr(nt, 'y', None), isinstance(nt, tuple)".to_string(),
        };
        self.line(&format!("    print({e})"));
        self.line("except Exception as e:");
        self.line("    print(type(e).__name__, e)");
    }

    fn reversed_stmt(&mut self) {
        let e = match self.below(5) {
            0 => {
                let t = self.expr(Ty::Tuple, 1);
                format!("list(reversed({t})), type(reversed({t})).__name__")
            }
            1 => {
                let st = self.expr(Ty::Str, 1);
                format!("''.join(reversed({st})), list(reversed({st}))[:3]")
            }
            2 => {
                let d = self.expr(Ty::Dict, 1);
                let view = self.pick(&["", ".keys()", ".values()", ".items()"]);
                format!("list(reversed({d}{view})), type(reversed({d}{view})).__name__")
            }
            3 => {
                let d = self.expr(Ty::Dict, 1);
                self.line(&format!("rv_d = dict({d})"));
                self.line("rv_it = reversed(rv_d)");
                self.line("try:");
                self.line("    print(next(rv_it, None))");
                let key = self.pick(&["'new'", "'a'", "'b'"]);
                self.line(&format!("    rv_d[{key}] = 1"));
                self.line("    print(list(rv_it))");
                self.line("except RuntimeError as e:");
                self.line("    print('RuntimeError', e)");
                return;
            }
            _ => {
                let l = self.expr(Ty::ListInt, 1);
                format!("next(reversed({l}), 'empty'), list(reversed(range(len({l}))))")
            }
        };
        self.guarded(&e);
    }

    /// A class whose `__hash__`/`__eq__` (printing their calls, or not) make keys of dicts,
    /// sets, Counters, defaultdicts and OrderedDicts: which keys are hashed and compared,
    /// in which order, and the order the containers print in.
    fn hash_key_stmt(&mut self) {
        let k = self.small(2, 5);
        let hash = self
            .pick(&[
                "self.v % {k}",
                "hash(self.v % {k})",
                "(self.v % {k}) * 8",
                "self.v % {k} - 1",
                "2 ** 62 + self.v % {k}",
                "-(self.v % {k})",
                "0",
                "'bad'",
            ])
            .replace("{k}", &k.to_string());
        let op = self.below(9);
        // OrderedDict looks keys up more often in CPython than here: no printing there.
        let trace = op != 4 && self.chance(50);
        let c = format!("HK{}", self.small(0, 9));
        self.line(&format!("class {c}:"));
        self.line("    def __init__(self, v):");
        self.line("        self.v = v");
        self.line("    def __eq__(self, other):");
        if trace {
            self.line("        print('eq', self.v, getattr(other, 'v', other))");
        }
        self.line(&format!(
            "        return isinstance(other, {c}) and self.v % {k} == other.v % {k}"
        ));
        self.line("    def __hash__(self):");
        if trace {
            self.line("        print('hash', self.v)");
        }
        self.line(&format!("        return {hash}"));
        self.line("    def __repr__(self):");
        self.line(&format!("        return f'{c}({{self.v}})'"));
        let l = self.expr(Ty::ListInt, 1);
        let m = self.expr(Ty::ListInt, 1);
        let n = self.small(-2, 8);
        self.line("try:");
        let body: Vec<String> = match op {
            0 => vec![
                format!("s = {{{c}(x) for x in {l}}}"),
                format!("print(s, len(s), {c}({n}) in s)"),
            ],
            1 => vec![
                format!("d = {{{c}(x): x for x in {l}}}"),
                format!("print(d, d.get({c}({n}), 'missing'), {c}({n}) in d)"),
                format!("d[{c}({n})] = 'new'"),
                "print(list(d.values()))".into(),
            ],
            2 => vec![
                "from collections import Counter".into(),
                format!("c = Counter({c}(x) for x in {l})"),
                format!("c.update([{c}({n})])"),
                format!("print(c, c.most_common(2), c[{c}({n})])"),
            ],
            3 => vec![
                "from collections import defaultdict".into(),
                "dd = defaultdict(list)".into(),
                format!("for x in {l}:"),
                format!("    dd[{c}(x)].append(x)"),
                format!("print(dict(dd), len(dd), dd[{c}({n})])"),
            ],
            4 => vec![
                "from collections import OrderedDict".into(),
                format!("od = OrderedDict(({c}(x), x) for x in {l})"),
                format!("od[{c}({n})] = -1"),
                format!("od.move_to_end({c}({n}), last=False)"),
                format!("print(od, list(od), od.popitem())"),
            ],
            5 => vec![
                format!("a = {{{c}(x) for x in {l}}}"),
                format!("b = set({c}(x) for x in {m})"),
                "print(a | b)".into(),
                "print(a & b, b & a)".into(),
                "print(a - b, a ^ b)".into(),
                "print(a == b, a <= b, a.isdisjoint(b))".into(),
            ],
            6 => vec![
                format!("s = set(map({c}, {l}))"),
                format!("s.discard({c}({n}))"),
                format!("s.add({c}({n} + {k}))"),
                "print(s, s.pop(), s)".into(),
            ],
            7 => vec![
                format!("d = dict.fromkeys([{c}(x) for x in {l}], 0)"),
                format!("del d[{c}({n})]"),
                "print(d)".into(),
            ],
            _ => vec![
                format!("d = {{{c}(x): x for x in {l}}}"),
                format!("e = {{{c}(x): -x for x in {m}}}"),
                "print({**d, **e}, d == e)".into(),
                "d.update(e)".into(),
                "print(d, d | e)".into(),
            ],
        };
        for b in body {
            self.line(&format!("    {b}"));
        }
        self.line("except Exception as e:");
        self.line("    print(type(e).__name__, e)");
    }

    /// A class whose `__eq__`/`__hash__` make equal keys of different objects.
    fn keys_stmt(&mut self) {
        let k = self.small(2, 4);
        let hash = self
            .pick(&["hash(self.v % {k})", "self.v % {k}", "0", "'bad'"])
            .replace("{k}", &k.to_string());
        self.line("class KY:");
        self.line("    def __init__(self, v):");
        self.line("        self.v = v");
        self.line("    def __eq__(self, other):");
        self.line(&format!(
            "        return isinstance(other, KY) and self.v % {k} == other.v % {k}"
        ));
        self.line("    def __hash__(self):");
        self.line(&format!("        return {hash}"));
        self.line("    def __repr__(self):");
        self.line("        return f'KY({self.v})'");
        let l = self.expr(Ty::ListInt, 1);
        let n = self.small(-2, 6);
        let e = match self.below(5) {
            0 => format!("len({{KY(x) for x in {l}}}), sorted(KY(x).v % {k} for x in {l})"),
            1 => format!("{{KY(x): x for x in {l}}}.get(KY({n}), 'missing')"),
            2 => format!("KY({n}) in [KY(x) for x in {l}], KY({n}) in {{KY(x): 0 for x in {l}}}"),
            3 => format!("[KY(x) for x in {l}].count(KY({n})) if False else [KY(x) for x in {l}] == [KY(x + {k}) for x in {l}]"),
            _ => format!("len(dict.fromkeys([KY(x) for x in {l}])) if False else len(set([KY(x) for x in {l}]))"),
        };
        self.guarded(&e);
    }

    /// Classes with several bases: their method resolution order, `super()` along it, and
    /// sometimes an order that cannot be made (a TypeError, caught).
    fn mi_classes(&mut self) {
        if self.in_function {
            return;
        }
        let a = self.fresh("A");
        let b = self.fresh("B");
        let c = self.fresh("C");
        let d = self.fresh("D");
        self.line(&format!("class {a}:"));
        self.line(&format!("    def who(self):\n        return '{a}'"));
        self.line(&format!("    def chain(self):\n        return ['{a}']"));
        for (k, who) in [(b.clone(), self.chance(50)), (c.clone(), self.chance(50))] {
            let base = if self.chance(80) {
                a.clone()
            } else {
                "object".to_string()
            };
            self.line(&format!("class {k}({base}):"));
            if who {
                self.line(&format!("    def who(self):\n        return '{k}'"));
            }
            self.line(&format!(
                "    def chain(self):\n        return ['{k}'] + super().chain()"
            ));
        }
        let bases = match self.below(5) {
            0 => format!("{c}, {b}"),
            1 => format!("{b}, {c}, {a}"),
            2 => format!("{a}, {b}"),
            3 => format!("{b}, {b}"),
            _ => format!("{b}, {c}"),
        };
        self.line("try:");
        self.line(&format!("    class {d}({bases}):"));
        if self.chance(50) {
            self.line(&format!(
                "        def chain(self):\n            return ['{d}'] + super().chain()"
            ));
        } else {
            self.line("        pass");
        }
        self.line(&format!(
            "    print([k.__name__ for k in {d}.__mro__], {d}().who(), {d}().chain())"
        ));
        self.line(&format!(
            "    print(isinstance({d}(), {c}), issubclass({d}, {a}), {d}.__bases__)"
        ));
        self.line("except TypeError as e:");
        self.line("    print('TypeError', e)");
        self.line("except AttributeError as e:");
        self.line("    print('AttributeError', e)");
    }

    fn guarded_print(&mut self) {
        let p = self.print_stmt();
        self.line("try:");
        self.line(&format!("    {p}"));
        match self.below(4) {
            0 => {
                let exc = self.pick(EXCEPTIONS);
                self.line(&format!("except {exc} as e:"));
                self.line("    print('caught', repr(e))");
                self.line("except Exception as e:");
                self.line("    print(type(e).__name__, e)");
            }
            1 => {
                self.line("except (TypeError, ValueError) as e:");
                self.line("    print('bad value:', e)");
                self.line("except Exception as e:");
                self.line("    print(type(e).__name__ + ':', str(e))");
            }
            _ => {
                self.line("except Exception as e:");
                self.line("    print(type(e).__name__, e.args)");
            }
        }
    }

    fn reassign(&mut self) {
        if self.in_function || self.vars.is_empty() {
            let p = self.print_stmt();
            self.line(&p);
            return;
        }
        let i = self.below(self.vars.len());
        let (name, ty) = self.vars[i].clone();
        if name.starts_with('p') || name.starts_with('x') || name.starts_with('k') {
            // Parameters, loop and comprehension variables are left alone.
            let p = self.print_stmt();
            self.line(&p);
            return;
        }
        if self.chance(35) {
            let op_and_value = match ty {
                Ty::Int => {
                    let op = self.pick(&["+=", "-=", "*=", "//=", "%="]);
                    let e = self.expr(Ty::Int, 1);
                    if op == "*=" {
                        format!("{op} {}", self.small(-2, 3))
                    } else {
                        format!("{op} {e}")
                    }
                }
                Ty::Float => format!(
                    "{} {}",
                    self.pick(&["+=", "-=", "/="]),
                    self.expr(Ty::Float, 1)
                ),
                Ty::Str => format!("+= {}", self.expr(Ty::Str, 1)),
                Ty::ListInt => format!("+= {}", self.expr(Ty::ListInt, 1)),
                Ty::ListStr => format!("+= {}", self.expr(Ty::ListStr, 1)),
                Ty::Set => format!(
                    "{} {}",
                    self.pick(&["|=", "&=", "-="]),
                    self.expr(Ty::Set, 1)
                ),
                Ty::Bool => format!("&= {}", self.expr(Ty::Bool, 1)),
                Ty::Dict => format!("|= {}", self.expr(Ty::Dict, 1)),
                Ty::Tuple => format!("+= {}", self.expr(Ty::Tuple, 1)),
            };
            self.line(&format!("{name} {op_and_value}"));
            // Keep values small so loops cannot grow them without bound.
            if matches!(ty, Ty::Str | Ty::ListInt | Ty::ListStr | Ty::Tuple) {
                self.line(&format!("{name} = {name}[:12]"));
            }
            return;
        }
        let e = self.expr(ty, 2);
        let e = capped(ty, &e);
        self.line(&format!("{name} = {e}"));
    }

    fn mutate(&mut self) {
        let containers: Vec<(String, Ty)> = self
            .vars
            .iter()
            .filter(|(_, t)| matches!(t, Ty::ListInt | Ty::ListStr | Ty::Dict | Ty::Set))
            .cloned()
            .collect();
        if containers.is_empty() {
            let p = self.print_stmt();
            self.line(&p);
            return;
        }
        let (name, ty) = containers[self.below(containers.len())].clone();
        let item = if ty == Ty::ListStr { Ty::Str } else { Ty::Int };
        let s = match ty {
            Ty::ListInt | Ty::ListStr => match self.below(10) {
                0..=1 => format!("{name}.append({})", self.expr(item, 1)),
                2 => format!(
                    "{name}.insert({}, {})",
                    self.small(-3, 4),
                    self.expr(item, 1)
                ),
                3 => format!("print({name}.pop())"),
                4 => format!("print({name}.pop({}))", self.small(-2, 3)),
                5 => format!("{name}.remove({})", self.expr(item, 1)),
                6 => {
                    if self.chance(50) {
                        format!("{name}.sort()")
                    } else {
                        format!("{name}.sort(reverse=True)")
                    }
                }
                7 => format!("{name}.reverse()"),
                8 => format!("del {name}[{}]", self.small(-2, 3)),
                _ => format!("{name}[{}] = {}", self.small(-2, 3), self.expr(item, 1)),
            },
            Ty::Dict => match self.below(7) {
                0..=1 => format!("{name}[{}] = {}", self.pick(WORDS), self.expr(Ty::Int, 1)),
                2 => format!("del {name}[{}]", self.pick(WORDS)),
                3 => format!("print({name}.pop({}))", self.pick(WORDS)),
                4 => format!("print({name}.pop({}, None))", self.pick(WORDS)),
                5 => format!(
                    "print({name}.setdefault({}, {}))",
                    self.pick(WORDS),
                    self.small(0, 9)
                ),
                _ => format!("{name}.update({})", self.expr(Ty::Dict, 1)),
            },
            _ => match self.below(4) {
                0 => format!("{name}.add({})", self.expr(Ty::Int, 1)),
                1 => format!("{name}.discard({})", self.expr(Ty::Int, 1)),
                2 => format!("{name}.remove({})", self.expr(Ty::Int, 1)),
                _ => format!("print(sorted({name}))"),
            },
        };
        self.line(&s);
        if matches!(ty, Ty::ListInt | Ty::ListStr) && s.contains("append") && self.chance(50) {
            self.line(&format!("print({name})"));
        }
    }

    fn for_loop(&mut self, depth: u32) {
        let x = self.fresh("x");
        let (src, item) = match self.below(6) {
            0 => (format!("range({})", self.small(0, 4)), Ty::Int),
            1 => (self.expr(Ty::ListInt, 1), Ty::Int),
            2 => (self.expr(Ty::ListStr, 1), Ty::Str),
            3 => (format!("{}[:4]", self.expr(Ty::Str, 1)), Ty::Str),
            4 => (format!("sorted({})", self.expr(Ty::Dict, 1)), Ty::Str),
            _ => {
                let k = self.fresh("k");
                let src = self.expr(Ty::Dict, 1);
                self.line(&format!("for {k}, {x} in {src}.items():"));
                self.vars.push((k, Ty::Str));
                self.vars.push((x, Ty::Int));
                self.loop_body(depth);
                self.vars.pop();
                self.vars.pop();
                self.else_clause(depth);
                return;
            }
        };
        let src = if item == Ty::Int && !src.starts_with("range") {
            format!("{src}[:5]")
        } else {
            src
        };
        self.line(&format!("for {x} in {src}:"));
        self.vars.push((x, item));
        self.loop_body(depth);
        self.vars.pop();
        self.else_clause(depth);
    }

    fn loop_body(&mut self, depth: u32) {
        let was = self.in_loop;
        self.in_loop = true;
        self.block(depth - 1);
        self.in_loop = was;
    }

    fn else_clause(&mut self, depth: u32) {
        if self.chance(15) {
            self.line("else:");
            self.block(depth - 1);
        }
    }

    fn while_loop(&mut self, depth: u32) {
        let k = self.fresh("k");
        let n = self.small(0, 4);
        self.line(&format!("{k} = 0"));
        self.line(&format!("while {k} < {n}:"));
        self.indent += 1;
        self.line(&format!("{k} += 1"));
        self.indent -= 1;
        self.vars.push((k, Ty::Int));
        self.loop_body(depth);
        self.vars.pop();
    }

    fn try_stmt(&mut self, depth: u32) {
        self.line("try:");
        self.block(depth - 1);
        let n = 1 + self.below(2);
        for _ in 0..n {
            match self.below(4) {
                0 => {
                    let a = self.pick(EXCEPTIONS);
                    let b = self.pick(EXCEPTIONS);
                    self.line(&format!("except ({a}, {b}) as e:"));
                    self.line("    print('caught', type(e).__name__, e)");
                }
                1 => {
                    let a = self.pick(EXCEPTIONS);
                    self.line(&format!("except {a}:"));
                    self.block(depth - 1);
                }
                _ => {
                    let a = self.pick(EXCEPTIONS);
                    self.line(&format!("except {a} as e:"));
                    self.line("    print(repr(e), str(e), e.args)");
                }
            }
        }
        if self.chance(50) {
            self.line("except Exception as e:");
            self.line("    print('other:', repr(e))");
        }
        if self.chance(25) {
            self.line("else:");
            self.block(depth - 1);
        }
        if self.chance(30) {
            self.line("finally:");
            self.block(depth - 1);
        }
    }

    fn def(&mut self) {
        if self.in_function {
            return;
        }
        let name = self.fresh("fn");
        let n = self.below(4);
        let params: Vec<Ty> = (0..n)
            .map(|_| [Ty::Int, Ty::Str, Ty::Float, Ty::ListInt][self.below(4)])
            .collect();
        let defaults = if n > 0 { self.below(n + 1).min(2) } else { 0 };
        let ret = [Ty::Int, Ty::Str, Ty::Float, Ty::ListInt, Ty::Bool][self.below(5)];
        let names: Vec<String> = (0..n).map(|_| self.fresh("p")).collect();
        let mut sig = Vec::new();
        for (i, (p, t)) in names.iter().zip(&params).enumerate() {
            if i >= n - defaults {
                let lit = self.literal(*t);
                sig.push(format!("{p}={lit}"));
            } else {
                sig.push(p.clone());
            }
        }
        self.line(&format!("def {name}({}):", sig.join(", ")));
        let mark = self.vars.len();
        for (p, t) in names.iter().zip(&params) {
            self.vars.push((p.clone(), *t));
        }
        self.in_function = true;
        self.indent += 1;
        for _ in 0..self.below(3) {
            self.stmt(1);
        }
        if self.chance(20) {
            let c = self.expr(Ty::Bool, 1);
            let early = self.expr(ret, 1);
            self.line(&format!("if {c}:"));
            self.line(&format!("    return {early}"));
        }
        let r = self.expr(ret, 2);
        self.line(&format!("return {r}"));
        self.indent -= 1;
        self.in_function = false;
        self.vars.truncate(mark);
        self.funcs.push(Func {
            name: name.clone(),
            params: params.clone(),
            defaults,
            ret,
        });
        // Call it: right, with keywords, or with the wrong number of arguments.
        let calls = 1 + self.below(3);
        for _ in 0..calls {
            let args: Vec<String> = params.iter().map(|&t| self.expr(t, 1)).collect();
            let call = match self.below(6) {
                0 if n > 0 => {
                    let kw: Vec<String> = names
                        .iter()
                        .zip(&args)
                        .rev()
                        .map(|(p, a)| format!("{p}={a}"))
                        .collect();
                    format!("{name}({})", kw.join(", "))
                }
                1 => {
                    let mut extra = args.clone();
                    extra.push("0".into());
                    format!("{name}({})", extra.join(", "))
                }
                2 if n > 0 => format!("{name}()"),
                3 if n > 0 => format!("{name}({}, q=1)", args.join(", ")),
                _ => format!("{name}({})", args.join(", ")),
            };
            if self.chance(60) {
                self.line("try:");
                self.line(&format!("    print({call})"));
                self.line("except Exception as e:");
                self.line("    print(type(e).__name__, e)");
            } else {
                self.line(&format!("print({call})"));
            }
        }
    }
}

/// Caps the size of a value assigned to a variable, so repeated assignments stay small.
fn capped(ty: Ty, e: &str) -> String {
    match ty {
        Ty::Int => format!("{e} % 1000"),
        Ty::Str | Ty::ListInt | Ty::ListStr | Ty::Tuple => format!("({e})[:12]"),
        _ => e.to_string(),
    }
}
