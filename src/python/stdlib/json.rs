//! The `json` module: `dumps` and `loads` with CPython 3.11's output, and `JSONDecodeError`
//! with the messages and positions of CPython's C scanner (`Expecting value: line 1 column 1
//! (char 0)`).

use std::collections::HashSet;
use std::fmt::Write as _;

use num_bigint::BigInt;

use super::Args;
use crate::python::eval::{Exec, Interpreter};
use crate::python::text::repr::float_repr;
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{Dict, Value};
use crate::python::{PyError, PyException};

/// How deeply `dumps` and `loads` nest before a `RecursionError`, about where CPython stops.
const MAX_DEPTH: usize = 990;

pub(crate) fn install(it: &mut Interpreter) {
    it.register_exception("JSONDecodeError", "ValueError");
    let members = vec![
        ("dumps", super::function("json", "dumps", dumps)),
        ("loads", super::function("json", "loads", loads)),
        ("JSONDecodeError", Value::exception_class("JSONDecodeError")),
    ];
    it.modules
        .insert("json".into(), super::module("json", members));
}

/// What CPython's `json` has that the simulator does not (`dump`/`load` need a file).
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "dump"
            | "load"
            | "JSONEncoder"
            | "JSONDecoder"
            | "decoder"
            | "encoder"
            | "scanner"
            | "tool"
    )
}

// ------------------------------------------------------------------------------ dumps

struct Encoder {
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    skip_keys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    check_circular: bool,
    default: Option<Value>,
    /// Identities of the containers being encoded (for "Circular reference detected").
    stack: HashSet<usize>,
    out: String,
}

fn dumps(ex: &mut Exec<'_>, mut a: Args) -> Result<Value, PyError> {
    let mut opt = |name: &str| a.take_kw(name);
    let indent = opt("indent");
    let separators = opt("separators");
    let sort_keys = opt("sort_keys");
    let skip_keys = opt("skipkeys");
    let ensure_ascii = opt("ensure_ascii");
    let allow_nan = opt("allow_nan");
    let check_circular = opt("check_circular");
    let default = opt("default").filter(|v| !v.is_none());
    if let Some(cls) = opt("cls") {
        if !cls.is_none() {
            return Err(PyError::Unsupported {
                what: "json.dumps() with cls=".into(),
                line: 0,
            });
        }
    }
    if let Some((k, _)) = a.kwargs.first() {
        return Err(PyError::Unsupported {
            what: format!("json.dumps() with {k}="),
            line: 0,
        });
    }
    if a.args.len() != 1 {
        return Err(type_error(if a.args.is_empty() {
            "dumps() missing 1 required positional argument: 'obj'".to_string()
        } else {
            format!(
                "dumps() takes 1 positional argument but {} were given",
                a.args.len()
            )
        }));
    }
    let mut truthy = |v: Option<Value>, default: bool| -> Result<bool, PyError> {
        match v {
            None => Ok(default),
            Some(v) => ex.truthy(&v),
        }
    };
    let sort_keys = truthy(sort_keys, false)?;
    let skip_keys = truthy(skip_keys, false)?;
    let ensure_ascii = truthy(ensure_ascii, true)?;
    let allow_nan = truthy(allow_nan, true)?;
    let check_circular = truthy(check_circular, true)?;
    let indent = match indent {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s.to_string()),
        Some(v @ (Value::Int(_) | Value::Bool(_))) => {
            let n = v.as_i64().unwrap_or(0).clamp(0, 1000);
            Some(" ".repeat(n as usize))
        }
        Some(other) => {
            return Err(type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.type_name()
            )))
        }
    };
    let (item_sep, key_sep) = match separators {
        None | Some(Value::None) => (
            if indent.is_some() { "," } else { ", " }.to_string(),
            ": ".to_string(),
        ),
        Some(v) => {
            let parts = crate::python::eval::snapshot_iterable(&v)?;
            match parts.as_slice() {
                [Value::Str(i), Value::Str(k)] => (i.to_string(), k.to_string()),
                [_, _] => {
                    return Err(PyError::Unsupported {
                        what: "json.dumps() with separators that are not strings".into(),
                        line: 0,
                    })
                }
                _ if parts.len() > 2 => {
                    return Err(exc("ValueError", "too many values to unpack (expected 2)"))
                }
                _ => {
                    return Err(exc(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected 2, got {})",
                            parts.len()
                        ),
                    ))
                }
            }
        }
    };
    let mut enc = Encoder {
        indent,
        item_sep,
        key_sep,
        sort_keys,
        skip_keys,
        ensure_ascii,
        allow_nan,
        check_circular,
        default,
        stack: HashSet::new(),
        out: String::new(),
    };
    enc.encode(ex, &a.args[0], 0)?;
    ex.charge_text(enc.out.len())?;
    Ok(Value::str(&enc.out))
}

impl Encoder {
    fn newline(&mut self, level: usize) {
        if let Some(indent) = &self.indent {
            self.out.push('\n');
            for _ in 0..level {
                self.out.push_str(indent);
            }
        }
    }

    fn float(&self, f: f64) -> Result<String, PyError> {
        if f.is_finite() {
            return Ok(float_repr(f));
        }
        if !self.allow_nan {
            // CPython's C encoder (no indent) and its Python one (with an indent) differ here.
            return Err(exc(
                "ValueError",
                if self.indent.is_some() {
                    format!(
                        "Out of range float values are not JSON compliant: {}",
                        float_repr(f)
                    )
                } else {
                    "Out of range float values are not JSON compliant".to_string()
                },
            ));
        }
        Ok(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_string())
    }

    fn enter(&mut self, v: &Value) -> Result<Option<usize>, PyError> {
        if !self.check_circular {
            return Ok(None);
        }
        let id = v.identity();
        if !self.stack.insert(id) {
            return Err(exc("ValueError", "Circular reference detected"));
        }
        Ok(Some(id))
    }

    fn leave(&mut self, id: Option<usize>) {
        if let Some(id) = id {
            self.stack.remove(&id);
        }
    }

    fn encode(&mut self, ex: &mut Exec<'_>, v: &Value, level: usize) -> Result<(), PyError> {
        if level > MAX_DEPTH {
            return Err(exc(
                "RecursionError",
                "maximum recursion depth exceeded while encoding a JSON object",
            ));
        }
        match v {
            Value::None => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Int(n) => {
                let _ = write!(self.out, "{n}");
            }
            Value::Float(f) => {
                let s = self.float(*f)?;
                self.out.push_str(&s);
            }
            Value::Str(s) => encode_str(&mut self.out, s, self.ensure_ascii),
            // A subclass of tuple (a namedtuple) is written as a list, as CPython does.
            Value::Instance(_) if matches!(v.builtin_value(), Some(Value::Tuple(_))) => {
                if let Some(t) = v.builtin_value() {
                    let t = t.clone();
                    self.encode(ex, &t, level)?;
                }
            }
            Value::List(_) | Value::Tuple(_) => {
                let items: Vec<Value> = match v {
                    Value::List(l) => l.borrow().clone(),
                    Value::Tuple(t) => t.to_vec(),
                    _ => unreachable!(),
                };
                if items.is_empty() {
                    self.out.push_str("[]");
                    return Ok(());
                }
                let id = self.enter(v)?;
                ex.charge(items.len())?;
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        let sep = self.item_sep.clone();
                        self.out.push_str(&sep);
                    }
                    self.newline(level + 1);
                    self.encode(ex, item, level + 1)?;
                }
                self.newline(level);
                self.out.push(']');
                self.leave(id);
            }
            Value::Dict(d) => {
                let mut items = d.borrow().items();
                if items.is_empty() {
                    self.out.push_str("{}");
                    return Ok(());
                }
                let id = self.enter(v)?;
                ex.charge(items.len())?;
                if self.sort_keys {
                    let pairs: Vec<Value> = items
                        .into_iter()
                        .map(|(k, v)| Value::tuple(vec![k, v]))
                        .collect();
                    items = ex
                        .sort_values(pairs, None, false)?
                        .into_iter()
                        .map(|p| match p {
                            Value::Tuple(t) => (t[0].clone(), t[1].clone()),
                            _ => unreachable!(),
                        })
                        .collect();
                }
                self.out.push('{');
                let mut first = true;
                for (key, value) in &items {
                    let key = match key {
                        Value::Str(s) => s.to_string(),
                        Value::Float(f) => self.float(*f)?,
                        Value::Bool(true) => "true".into(),
                        Value::Bool(false) => "false".into(),
                        Value::None => "null".into(),
                        Value::Int(n) => n.to_string(),
                        _ if self.skip_keys => continue,
                        other => {
                            return Err(type_error(format!(
                                "keys must be str, int, float, bool or None, not {}",
                                other.type_name()
                            )))
                        }
                    };
                    if !first {
                        let sep = self.item_sep.clone();
                        self.out.push_str(&sep);
                    }
                    first = false;
                    self.newline(level + 1);
                    encode_str(&mut self.out, &key, self.ensure_ascii);
                    let sep = self.key_sep.clone();
                    self.out.push_str(&sep);
                    self.encode(ex, value, level + 1)?;
                }
                self.newline(level);
                self.out.push('}');
                self.leave(id);
            }
            other => {
                let Some(default) = self.default.clone() else {
                    return Err(type_error(format!(
                        "Object of type {} is not JSON serializable",
                        other.type_name()
                    )));
                };
                let id = self.enter(other)?;
                let replacement = ex.call_value(&default, vec![other.clone()], Vec::new())?;
                self.encode(ex, &replacement, level)?;
                self.leave(id);
            }
        }
        Ok(())
    }
}

/// A JSON string literal, as CPython's encoder writes it.
fn encode_str(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if ensure_ascii && (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{:04x}", u);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// ------------------------------------------------------------------------------ loads

/// The hooks `loads` calls instead of building a value itself, in the order of
/// [`HOOKS`] (`None`: it builds the value).
type Hooks = [Option<Value>; 5];
const HOOKS: [&str; 5] = [
    "parse_float",
    "parse_int",
    "parse_constant",
    "object_hook",
    "object_pairs_hook",
];
const PARSE_FLOAT: usize = 0;
const PARSE_INT: usize = 1;
const PARSE_CONSTANT: usize = 2;
const OBJECT_HOOK: usize = 3;
const PAIRS_HOOK: usize = 4;

fn loads(ex: &mut Exec<'_>, mut a: Args) -> Result<Value, PyError> {
    let hooks: Hooks = HOOKS.map(|name| a.take_kw(name).filter(|v| !matches!(v, Value::None)));
    if let Some((k, _)) = a.kwargs.first() {
        if matches!(&**k, "cls" | "strict") {
            return Err(PyError::Unsupported {
                what: format!("json.loads() with {k}="),
                line: 0,
            });
        }
        return Err(type_error(format!(
            "JSONDecoder.__init__() got an unexpected keyword argument '{k}'"
        )));
    }
    if a.args.len() != 1 {
        return Err(type_error(if a.args.is_empty() {
            "loads() missing 1 required positional argument: 's'".to_string()
        } else {
            format!(
                "loads() takes 1 positional argument but {} were given",
                a.args.len()
            )
        }));
    }
    let text: String = match &a.args[0] {
        Value::Str(s) => {
            if s.starts_with('\u{feff}') {
                return Err(decode_error(
                    "Unexpected UTF-8 BOM (decode using utf-8-sig)",
                    &['\u{feff}'],
                    0,
                ));
            }
            s.to_string()
        }
        Value::Bytes(b) => {
            let b: &[u8] = b.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(b);
            crate::python::builtins::decode_utf8(b)?
        }
        other => {
            return Err(type_error(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                other.type_name()
            )))
        }
    };
    ex.charge_text(text.len())?;
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser {
        s: &chars,
        ex,
        hooks,
    };
    let start = p.skip_ws(0);
    let (value, end) = match p.value(start, 0) {
        Ok(v) => v,
        Err(Fail::Stop(at)) => return Err(decode_error("Expecting value", &chars, at)),
        Err(Fail::Error(e)) => return Err(e),
    };
    let end = p.skip_ws(end);
    if end != chars.len() {
        return Err(decode_error("Extra data", &chars, end));
    }
    Ok(value)
}

/// `JSONDecodeError: <msg>: line L column C (char P)`, with its attributes.
fn decode_error(msg: &str, doc: &[char], pos: usize) -> PyError {
    let doc: String = doc.iter().collect();
    PyError::Exception(PyException::json_decode_error(msg, &doc, pos))
}

/// Why a parse stopped: no value at this position (CPython's `StopIteration(idx)`, reported
/// as "Expecting value"), or a finished error.
enum Fail {
    Stop(usize),
    Error(PyError),
}

impl From<PyError> for Fail {
    fn from(e: PyError) -> Self {
        Fail::Error(e)
    }
}

struct Parser<'a, 'e> {
    s: &'a [char],
    ex: &'a mut Exec<'e>,
    hooks: Hooks,
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl Parser<'_, '_> {
    /// Calls hook `which` (when given) on what was parsed.
    fn hook(&mut self, which: usize, arg: Value) -> Result<Result<Value, Value>, Fail> {
        match self.hooks[which].clone() {
            Some(f) => Ok(Ok(self.ex.call_value(&f, vec![arg], Vec::new())?)),
            None => Ok(Err(arg)),
        }
    }

    /// `NaN`, `Infinity` or `-Infinity`, through `parse_constant`.
    fn constant(&mut self, word: &str, v: f64, end: usize) -> Result<(Value, usize), Fail> {
        let v = self
            .hook(PARSE_CONSTANT, Value::str(word))?
            .unwrap_or_else(|_| Value::float(v));
        Ok((v, end))
    }

    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_ws) {
            i += 1;
        }
        i
    }

    fn starts(&self, i: usize, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        self.s.len() >= i + w.len() && self.s[i..i + w.len()] == w[..]
    }

    fn error(&self, msg: &str, pos: usize) -> Fail {
        Fail::Error(decode_error(msg, self.s, pos))
    }

    /// `scan_once`: one value starting exactly at `i`.
    fn value(&mut self, i: usize, depth: usize) -> Result<(Value, usize), Fail> {
        let Some(c) = self.at(i) else {
            return Err(Fail::Stop(i));
        };
        match c {
            '"' => {
                let (s, end) = self.string(i + 1)?;
                return Ok((Value::str(&s), end));
            }
            '{' => return self.object(i + 1, depth + 1),
            '[' => return self.array(i + 1, depth + 1),
            'n' if self.starts(i, "null") => return Ok((Value::None, i + 4)),
            't' if self.starts(i, "true") => return Ok((Value::bool(true), i + 4)),
            'f' if self.starts(i, "false") => return Ok((Value::bool(false), i + 5)),
            'N' if self.starts(i, "NaN") => return self.constant("NaN", f64::NAN, i + 3),
            'I' if self.starts(i, "Infinity") => {
                return self.constant("Infinity", f64::INFINITY, i + 8)
            }
            '-' if self.starts(i, "-Infinity") => {
                return self.constant("-Infinity", f64::NEG_INFINITY, i + 9)
            }
            _ => {}
        }
        self.number(i)
    }

    /// CPython's `_match_number_unicode`.
    fn number(&mut self, start: usize) -> Result<(Value, usize), Fail> {
        let digit = |i: usize| self.at(i).is_some_and(|c| c.is_ascii_digit());
        let mut i = start;
        if self.at(i) == Some('-') {
            i += 1;
            if i >= self.s.len() {
                return Err(Fail::Stop(start));
            }
        }
        match self.at(i) {
            Some('1'..='9') => {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            Some('0') => i += 1,
            _ => return Err(Fail::Stop(start)),
        }
        let mut is_float = false;
        if self.at(i) == Some('.') && digit(i + 1) {
            is_float = true;
            i += 2;
            while digit(i) {
                i += 1;
            }
        }
        if matches!(self.at(i), Some('e' | 'E')) && i + 1 < self.s.len() {
            let e_start = i;
            i += 1;
            if matches!(self.at(i), Some('-' | '+')) && i + 1 < self.s.len() {
                i += 1;
            }
            while digit(i) {
                i += 1;
            }
            if digit(i - 1) {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text: String = self.s[start..i].iter().collect();
        let which = if is_float { PARSE_FLOAT } else { PARSE_INT };
        if self.hooks[which].is_some() {
            if let Ok(v) = self.hook(which, Value::str(&text))? {
                return Ok((v, i));
            }
        }
        let v = if is_float {
            Value::float(text.parse::<f64>().unwrap_or(f64::NAN))
        } else {
            let n: BigInt = text.parse().unwrap_or_default();
            crate::python::types::ops::check_int(n)?
        };
        Ok((v, i))
    }

    /// CPython's `scanstring_unicode`: the string whose opening quote is before `end`.
    fn string(&self, end: usize) -> Result<(String, usize), Fail> {
        let begin = end - 1;
        let mut out = String::new();
        let mut next = end;
        loop {
            let c = loop {
                match self.at(next) {
                    None => return Err(self.error("Unterminated string starting at", begin)),
                    Some(c @ ('"' | '\\')) => break c,
                    Some(c) if (c as u32) <= 0x1f => {
                        return Err(self.error("Invalid control character at", next))
                    }
                    Some(c) => {
                        out.push(c);
                        next += 1;
                    }
                }
            };
            if c == '"' {
                return Ok((out, next + 1));
            }
            next += 1;
            let Some(esc) = self.at(next) else {
                return Err(self.error("Unterminated string starting at", begin));
            };
            if esc != 'u' {
                let ch = match esc {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(self.error("Invalid \\escape", next - 1)),
                };
                out.push(ch);
                next += 1;
                continue;
            }
            next += 1;
            let mut end4 = next + 4;
            if end4 >= self.s.len() {
                return Err(self.error("Invalid \\uXXXX escape", next - 1));
            }
            let hex = |from: usize| -> Option<u32> {
                let t: String = self.s[from..from + 4].iter().collect();
                if t.chars().all(|c| c.is_ascii_hexdigit()) {
                    u32::from_str_radix(&t, 16).ok()
                } else {
                    None
                }
            };
            let Some(mut code) = hex(next) else {
                return Err(self.error("Invalid \\uXXXX escape", end4 - 5));
            };
            next = end4;
            if (0xd800..=0xdbff).contains(&code)
                && end4 + 6 < self.s.len()
                && self.at(next) == Some('\\')
                && self.at(next + 1) == Some('u')
            {
                end4 += 6;
                let Some(low) = hex(next + 2) else {
                    return Err(self.error("Invalid \\uXXXX escape", end4 - 5));
                };
                if (0xdc00..=0xdfff).contains(&low) {
                    code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00));
                    next = end4;
                }
            }
            match char::from_u32(code) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(Fail::Error(PyError::Unsupported {
                        what: "lone surrogates (\\ud800-\\udfff) in JSON strings".into(),
                        line: 0,
                    }))
                }
            }
        }
    }

    fn too_deep(&self, what: &str) -> Fail {
        Fail::Error(exc(
            "RecursionError",
            format!("maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"),
        ))
    }

    fn object(&mut self, start: usize, depth: usize) -> Result<(Value, usize), Fail> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep("object"));
        }
        let mut d = Dict::new();
        let pairs_hook = self.hooks[PAIRS_HOOK].is_some();
        let mut pairs = Vec::new();
        let mut i = self.skip_ws(start);
        if self.at(i) != Some('}') {
            loop {
                if self.at(i) != Some('"') {
                    return Err(self.error("Expecting property name enclosed in double quotes", i));
                }
                let (key, next) = self.string(i + 1)?;
                i = self.skip_ws(next);
                if self.at(i) != Some(':') {
                    return Err(self.error("Expecting ':' delimiter", i));
                }
                i = self.skip_ws(i + 1);
                let (value, next) = self.value(i, depth)?;
                if pairs_hook {
                    pairs.push(Value::tuple(vec![Value::str(&key), value]));
                } else {
                    d.insert(Value::str(&key), value).map_err(PyError::from)?;
                }
                i = self.skip_ws(next);
                if self.at(i) == Some('}') {
                    break;
                }
                if self.at(i) != Some(',') {
                    return Err(self.error("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        let (which, v) = if pairs_hook {
            (PAIRS_HOOK, Value::list(pairs))
        } else {
            (OBJECT_HOOK, Value::dict(d))
        };
        Ok((self.hook(which, v)?.unwrap_or_else(|v| v), i + 1))
    }

    fn array(&mut self, start: usize, depth: usize) -> Result<(Value, usize), Fail> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep("array"));
        }
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if self.at(i) != Some(']') {
            loop {
                let (value, next) = self.value(i, depth)?;
                items.push(value);
                i = self.skip_ws(next);
                if self.at(i) == Some(']') {
                    break;
                }
                if self.at(i) != Some(',') {
                    return Err(self.error("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::list(items), i + 1))
    }
}
