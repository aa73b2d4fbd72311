//! Attribute access and the methods of built-in values (str, list, dict, set, tuple, bytes,
//! datetime, date, timedelta, Decimal) and of the built-in classes.

use std::rc::Rc;

use num_traits::{ToPrimitive, Zero};

use super::builtins::{
    arg_range, decode_utf8, exactly_one, is_utc, no_kwargs, positional_or_kw, take_kw,
    unexpected_kw, utc_value, Kwargs, ITEM_LIMIT,
};
use super::interp::{make_iter, snapshot_iterable, Exec};
use super::ops::{self, as_index, as_int, exc, type_error};
use super::value::{
    BoundMethod, BuiltinType, Date, DateTime, Decimal, Dict, DictViewKind, PyException, PyType,
    Set, TimeDelta, Value,
};
use super::PyError;

const STR_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "find",
    "format",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "upper",
    "zfill",
];
const STR_UNIMPLEMENTED: &[&str] = &[
    "expandtabs",
    "format_map",
    "isprintable",
    "maketrans",
    "translate",
];
const LIST_METHODS: &[&str] = &[
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse",
    "sort",
];
const DICT_METHODS: &[&str] = &[
    "clear",
    "copy",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
    "fromkeys",
];
const SET_METHODS: &[&str] = &[
    "add",
    "clear",
    "copy",
    "difference",
    "difference_update",
    "discard",
    "intersection",
    "intersection_update",
    "isdisjoint",
    "issubset",
    "issuperset",
    "pop",
    "remove",
    "symmetric_difference",
    "symmetric_difference_update",
    "union",
    "update",
];
const TUPLE_METHODS: &[&str] = &["count", "index"];
const BYTES_METHODS: &[&str] = &["decode", "hex", "count", "startswith", "endswith"];
const BYTES_UNIMPLEMENTED: &[&str] = &[
    "capitalize",
    "center",
    "expandtabs",
    "find",
    "fromhex",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdigit",
    "islower",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "maketrans",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
];
const INT_METHODS: &[&str] = &["bit_length", "bit_count", "conjugate", "is_integer"];
const INT_UNIMPLEMENTED: &[&str] = &["to_bytes", "from_bytes", "as_integer_ratio"];
const FLOAT_METHODS: &[&str] = &["is_integer", "conjugate"];
const FLOAT_UNIMPLEMENTED: &[&str] = &["as_integer_ratio", "hex", "fromhex"];
const DATETIME_METHODS: &[&str] = &[
    "isoformat",
    "strftime",
    "date",
    "timestamp",
    "replace",
    "weekday",
    "isoweekday",
    "astimezone",
    "utcoffset",
    "tzname",
    "ctime",
    "toordinal",
    "dst",
];
const DATETIME_UNIMPLEMENTED: &[&str] = &[
    "time",
    "timetz",
    "timetuple",
    "utctimetuple",
    "isocalendar",
    "combine",
];
const DATE_METHODS: &[&str] = &[
    "isoformat",
    "strftime",
    "weekday",
    "isoweekday",
    "replace",
    "toordinal",
    "ctime",
];
const DATE_UNIMPLEMENTED: &[&str] = &["timetuple", "isocalendar"];
const DECIMAL_METHODS: &[&str] = &[
    "quantize",
    "is_zero",
    "is_signed",
    "normalize",
    "to_integral_value",
    "copy_abs",
    "copy_negate",
    "adjusted",
];
const DECIMAL_UNIMPLEMENTED: &[&str] = &[
    "sqrt",
    "exp",
    "ln",
    "log10",
    "as_tuple",
    "as_integer_ratio",
    "compare",
    "fma",
    "is_nan",
    "is_infinite",
    "is_finite",
    "max",
    "min",
    "next_plus",
    "next_minus",
    "to_eng_string",
    "rotate",
    "shift",
    "scaleb",
    "logb",
    "to_integral_exact",
];

fn method_lists(v: &Value) -> (&'static [&'static str], &'static [&'static str]) {
    match v {
        Value::Str(_) => (STR_METHODS, STR_UNIMPLEMENTED),
        Value::List(_) => (LIST_METHODS, &[]),
        Value::Dict(_) => (DICT_METHODS, &[]),
        Value::Set(_) => (SET_METHODS, &[]),
        Value::Tuple(_) => (TUPLE_METHODS, &[]),
        Value::Bytes(_) => (BYTES_METHODS, BYTES_UNIMPLEMENTED),
        Value::Int(_) | Value::Bool(_) => (INT_METHODS, INT_UNIMPLEMENTED),
        Value::Float(_) => (FLOAT_METHODS, FLOAT_UNIMPLEMENTED),
        Value::DateTime(_) => (DATETIME_METHODS, DATETIME_UNIMPLEMENTED),
        Value::Date(_) => (DATE_METHODS, DATE_UNIMPLEMENTED),
        Value::TimeDelta(_) => (&["total_seconds"], &[]),
        Value::Decimal(_) => (DECIMAL_METHODS, DECIMAL_UNIMPLEMENTED),
        Value::Range(_) => (&["count", "index"], &[]),
        Value::DictView(..) => (&[], &["isdisjoint", "mapping"]),
        _ => (&[], &[]),
    }
}

fn bound(receiver: &Value, name: &str) -> Value {
    Value::Method(Rc::new(BoundMethod {
        receiver: receiver.clone(),
        name: Rc::from(name),
    }))
}

fn unimplemented_method(v: &Value, name: &str) -> PyError {
    PyError::Unsupported {
        what: format!("the {} method '{name}'", v.type_name()),
        line: 0,
    }
}

fn attribute_error(v: &Value, name: &str) -> PyError {
    PyError::Exception(PyException::attribute_error(&v.error_type_name(), name))
}

fn s(v: &str) -> Value {
    Value::str(v)
}

fn str_arg(v: &Value, what: impl FnOnce(&Value) -> String) -> Result<&str, PyError> {
    match v {
        Value::Str(x) => Ok(x),
        other => Err(type_error(what(other))),
    }
}

/// Optional `start`/`end` arguments of `find`, `count`, `startswith`, … as char positions.
fn char_range(args: &[Value], len: usize) -> Result<(usize, usize), PyError> {
    let none = Value::None;
    let lower = args.first().unwrap_or(&none);
    let upper = args.get(1).unwrap_or(&none);
    let get = |v: &Value, default: i64| -> Result<i64, PyError> {
        match v {
            Value::None => Ok(default),
            other => {
                let i = as_index(other)?;
                Ok(if i < 0 {
                    (i + len as i64).max(0)
                } else {
                    i.min(len as i64)
                })
            }
        }
    };
    let a = get(lower, 0)? as usize;
    let b = get(upper, len as i64)? as usize;
    Ok((a, b.max(a)))
}

fn find_chars(
    hay: &[char],
    needle: &[char],
    from: usize,
    to: usize,
    reverse: bool,
) -> Option<usize> {
    if needle.len() > to.saturating_sub(from) {
        return None;
    }
    let last = to - needle.len();
    let matches = |i: usize| hay[i..i + needle.len()] == *needle;
    if reverse {
        (from..=last).rev().find(|&i| matches(i))
    } else {
        (from..=last).find(|&i| matches(i))
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\x1c'..='\x1f')
}

fn split_whitespace(text: &str, maxsplit: i64, reverse: bool) -> Vec<Value> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    if !reverse {
        let mut i = 0;
        let mut splits = 0;
        loop {
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            if i >= chars.len() {
                break;
            }
            if maxsplit >= 0 && splits >= maxsplit {
                let rest: String = chars[i..].iter().collect();
                out.push(s(&rest));
                break;
            }
            let start = i;
            while i < chars.len() && !is_space(chars[i]) {
                i += 1;
            }
            out.push(s(&chars[start..i].iter().collect::<String>()));
            splits += 1;
        }
    } else {
        let mut end = chars.len();
        let mut splits = 0;
        loop {
            while end > 0 && is_space(chars[end - 1]) {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            if maxsplit >= 0 && splits >= maxsplit {
                out.push(s(&chars[..end].iter().collect::<String>()));
                break;
            }
            let stop = end;
            while end > 0 && !is_space(chars[end - 1]) {
                end -= 1;
            }
            out.push(s(&chars[end..stop].iter().collect::<String>()));
            splits += 1;
        }
        out.reverse();
    }
    out
}

fn python_title(text: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in text.chars() {
        if c.is_alphabetic() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = true;
        } else {
            out.push(c);
            prev_cased = false;
        }
    }
    out
}

fn is_decimal_digit(c: char) -> bool {
    c.is_ascii_digit()
        || (c.is_numeric()
            && !matches!(c as u32, 0xb2 | 0xb3 | 0xb9 | 0xbc..=0xbe | 0x2150..=0x218f | 0x2460..=0x24ff))
}

fn line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn utc_or_none(utc: bool) -> Value {
    if utc {
        utc_value()
    } else {
        Value::None
    }
}

impl Exec<'_> {
    /// `v.name`.
    pub(crate) fn get_attr(&mut self, v: &Value, name: &str) -> Result<Value, PyError> {
        if name == "__class__" {
            return Ok(Value::Type(v.type_of()));
        }
        match v {
            Value::Native(obj) => {
                if obj.has_method(name) {
                    return Ok(Value::NativeMethod(obj.clone(), Rc::from(name)));
                }
                return Ok(obj.get_attr(name)?);
            }
            Value::Module(m) => {
                return m.get(name).ok_or_else(|| {
                    if super::builtins::is_unimplemented_library_name(&m.name, name) {
                        PyError::Unsupported {
                            what: format!("'{name}' from the module '{}'", m.name),
                            line: 0,
                        }
                    } else {
                        exc(
                            "AttributeError",
                            format!("module '{}' has no attribute '{name}'", m.name),
                        )
                    }
                })
            }
            Value::Exception(e) => {
                return match name {
                    "args" => Ok(Value::tuple(e.args.clone())),
                    "with_traceback" | "add_note" | "__traceback__" | "__cause__"
                    | "__context__" => Err(PyError::Unsupported {
                        what: format!("exception attribute '{name}'"),
                        line: 0,
                    }),
                    _ => Err(attribute_error(v, name)),
                }
            }
            Value::Function(f) => {
                return match name {
                    "__name__" | "__qualname__" => Ok(Value::Str(f.name.clone())),
                    "__doc__" => Ok(match f.def.body.first().map(|s| &s.kind) {
                        Some(super::ast::StmtKind::Expr(e)) => match &e.kind {
                            super::ast::ExprKind::Const(super::ast::Constant::Str(d)) => {
                                Value::Str(d.clone())
                            }
                            _ => Value::None,
                        },
                        _ => Value::None,
                    }),
                    _ => Err(attribute_error(v, name)),
                }
            }
            Value::Builtin(b) if name == "__name__" => return Ok(s(b.name())),
            Value::NativeFunction(f) if name == "__name__" => {
                return Ok(Value::Str(f.name.clone()))
            }
            Value::Type(t) => return self.type_attr(v, t, name),
            Value::DateTime(d) => {
                let n = match name {
                    "year" => Some(d.year as i64),
                    "month" => Some(d.month as i64),
                    "day" => Some(d.day as i64),
                    "hour" => Some(d.hour as i64),
                    "minute" => Some(d.minute as i64),
                    "second" => Some(d.second as i64),
                    "microsecond" => Some(d.microsecond as i64),
                    "fold" => Some(0),
                    "tzinfo" => return Ok(utc_or_none(d.utc)),
                    _ => None,
                };
                if let Some(n) = n {
                    return Ok(Value::int(n));
                }
            }
            Value::Date(d) => {
                let n = match name {
                    "year" => Some(d.year as i64),
                    "month" => Some(d.month as i64),
                    "day" => Some(d.day as i64),
                    _ => None,
                };
                if let Some(n) = n {
                    return Ok(Value::int(n));
                }
            }
            Value::TimeDelta(d) => {
                let n = match name {
                    "days" => Some(d.days),
                    "seconds" => Some(d.seconds),
                    "microseconds" => Some(d.microseconds),
                    _ => None,
                };
                if let Some(n) = n {
                    return Ok(Value::int(n));
                }
            }
            Value::Int(_) | Value::Bool(_) => match name {
                "real" | "numerator" => return Ok(Value::Int(as_int(v).unwrap_or_default())),
                "imag" => return Ok(Value::int(0)),
                "denominator" => return Ok(Value::int(1)),
                _ => {}
            },
            Value::Float(f) => match name {
                "real" => return Ok(Value::Float(*f)),
                "imag" => return Ok(Value::Float(0.0)),
                _ => {}
            },
            Value::Range(r) => match name {
                "start" => return Ok(Value::int(r.start)),
                "stop" => return Ok(Value::int(r.stop)),
                "step" => return Ok(Value::int(r.step)),
                _ => {}
            },
            _ => {}
        }
        let (implemented, unimplemented) = method_lists(v);
        if implemented.contains(&name) {
            return Ok(bound(v, name));
        }
        if unimplemented.contains(&name) {
            return Err(unimplemented_method(v, name));
        }
        Err(attribute_error(v, name))
    }

    fn type_attr(&mut self, v: &Value, t: &PyType, name: &str) -> Result<Value, PyError> {
        match name {
            "__name__" | "__qualname__" => return Ok(s(t.name())),
            "__module__" => {
                let q = t.qualified_name();
                return Ok(s(match q.rsplit_once('.') {
                    Some((m, _)) => m,
                    None => "builtins",
                }));
            }
            _ => {}
        }
        let no_attr = || {
            exc(
                "AttributeError",
                format!(
                    "type object '{}' has no attribute '{name}'",
                    t.qualified_name()
                ),
            )
        };
        let PyType::Builtin(b) = t else {
            return Err(no_attr());
        };
        let class_methods: &[&str] = match b {
            BuiltinType::DateTime => &[
                "now",
                "utcnow",
                "today",
                "fromisoformat",
                "fromtimestamp",
                "utcfromtimestamp",
            ],
            BuiltinType::Date => &["today", "fromisoformat", "fromtimestamp"],
            BuiltinType::Dict => &["fromkeys"],
            _ => &[],
        };
        if class_methods.contains(&name) {
            return Ok(bound(v, name));
        }
        match (b, name) {
            (BuiltinType::TimeZone, "utc") => return Ok(utc_value()),
            (BuiltinType::DateTime, "min") => {
                return Ok(Value::DateTime(DateTime::new(1, 1, 1, 0, 0, 0, 0, false)?))
            }
            (BuiltinType::DateTime, "max") => {
                return Ok(Value::DateTime(DateTime::new(
                    9999, 12, 31, 23, 59, 59, 999_999, false,
                )?))
            }
            (BuiltinType::Date, "min") => return Ok(Value::Date(Date::new(1, 1, 1)?)),
            (BuiltinType::Date, "max") => return Ok(Value::Date(Date::new(9999, 12, 31)?)),
            _ => {}
        }
        // Unbound methods: `str.upper`, `list.append`.
        let sample = match b {
            BuiltinType::Str => Some(Value::str("")),
            BuiltinType::List => Some(Value::list(Vec::new())),
            BuiltinType::Dict => Some(Value::dict(Dict::new())),
            BuiltinType::Set => Some(Value::set(Set::new())),
            BuiltinType::Tuple => Some(Value::tuple(Vec::new())),
            BuiltinType::Int => Some(Value::int(0)),
            _ => None,
        };
        if let Some(sample) = sample {
            let (implemented, unimplemented) = method_lists(&sample);
            if implemented.contains(&name) {
                return Ok(bound(v, name));
            }
            if unimplemented.contains(&name) {
                return Err(unimplemented_method(&sample, name));
            }
        }
        Err(no_attr())
    }

    /// `v.name = value`.
    pub(crate) fn set_attr(&mut self, v: &Value, name: &str, value: Value) -> Result<(), PyError> {
        match v {
            Value::Native(obj) => Ok(obj.set_attr(name, value)?),
            Value::Function(_) | Value::Module(_) | Value::Type(_) | Value::Exception(_) => {
                Err(PyError::Unsupported {
                    what: format!("setting attributes on a {}", v.type_name()),
                    line: 0,
                })
            }
            _ => Err(self.read_only(v, name)),
        }
    }

    /// `del v.name`.
    pub(crate) fn del_attr(&mut self, v: &Value, name: &str) -> Result<(), PyError> {
        match v {
            Value::Native(obj) => Ok(obj.del_attr(name)?),
            Value::Function(_) | Value::Module(_) | Value::Type(_) | Value::Exception(_) => {
                Err(PyError::Unsupported {
                    what: format!("deleting attributes of a {}", v.type_name()),
                    line: 0,
                })
            }
            _ => Err(self.read_only(v, name)),
        }
    }

    fn read_only(&mut self, v: &Value, name: &str) -> PyError {
        match v {
            Value::DateTime(_) | Value::Date(_)
                if matches!(
                    name,
                    "year" | "month" | "day" | "hour" | "minute" | "second" | "microsecond"
                ) =>
            {
                let owner = if matches!(name, "year" | "month" | "day") {
                    "datetime.date"
                } else {
                    "datetime.datetime"
                };
                return exc(
                    "AttributeError",
                    format!("attribute '{name}' of '{owner}' objects is not writable"),
                );
            }
            _ => {}
        }
        let (implemented, unimplemented) = method_lists(v);
        if implemented.contains(&name) || unimplemented.contains(&name) {
            exc(
                "AttributeError",
                format!(
                    "'{}' object attribute '{name}' is read-only",
                    v.error_type_name()
                ),
            )
        } else {
            attribute_error(v, name)
        }
    }

    /// Calls a method of a built-in value (or class).
    pub(crate) fn call_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        match receiver {
            Value::Str(text) => self.str_method(text, name, args, kwargs),
            Value::List(_) => self.list_method(receiver, name, args, kwargs),
            Value::Dict(_) => self.dict_method(receiver, name, args, kwargs),
            Value::Set(_) => self.set_method(receiver, name, args, kwargs),
            Value::Type(t) => self.class_method(t, name, args, kwargs),
            Value::Native(obj) => Ok(obj.call_method(name, args, kwargs)?),
            _ => self.other_method(receiver, name, args, kwargs),
        }
    }

    fn str_method(
        &mut self,
        text: &Rc<str>,
        name: &str,
        mut args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        self.charge_text(text.len())?;
        let qual = |n: &str| format!("str.{n}");
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(&qual(name), kwargs)?;
            if !args.is_empty() {
                return Err(type_error(format!(
                    "str.{name}() takes no arguments ({} given)",
                    args.len()
                )));
            }
            Ok(())
        };
        let t: &str = text;
        Ok(match name {
            "upper" => {
                no_args(&args, &kwargs)?;
                s(&t.to_uppercase())
            }
            "lower" | "casefold" => {
                no_args(&args, &kwargs)?;
                s(&t.to_lowercase())
            }
            "swapcase" => {
                no_args(&args, &kwargs)?;
                s(&t.chars()
                    .flat_map(|c| {
                        if c.is_uppercase() {
                            c.to_lowercase().collect::<Vec<_>>()
                        } else {
                            c.to_uppercase().collect::<Vec<_>>()
                        }
                    })
                    .collect::<String>())
            }
            "title" => {
                no_args(&args, &kwargs)?;
                s(&python_title(t))
            }
            "capitalize" => {
                no_args(&args, &kwargs)?;
                let mut chars = t.chars();
                let out: String = match chars.next() {
                    Some(first) => first
                        .to_uppercase()
                        .chain(chars.flat_map(|c| c.to_lowercase()))
                        .collect(),
                    None => String::new(),
                };
                s(&out)
            }
            "strip" | "lstrip" | "rstrip" => {
                no_kwargs(&qual(name), &kwargs)?;
                arg_range(name, &args, 0, 1)?;
                let set: Option<Vec<char>> = match args.first() {
                    None | Some(Value::None) => None,
                    Some(Value::Str(c)) => Some(c.chars().collect()),
                    Some(other) => {
                        return Err(type_error(format!(
                            "{name} arg must be None or str, not {}",
                            other.error_type_name()
                        )))
                    }
                };
                let pred = |c: char| match &set {
                    None => is_space(c),
                    Some(cs) => cs.contains(&c),
                };
                s(match name {
                    "strip" => t.trim_matches(pred),
                    "lstrip" => t.trim_start_matches(pred),
                    _ => t.trim_end_matches(pred),
                })
            }
            "split" | "rsplit" => {
                let sep_kw = take_kw(&mut kwargs, "sep");
                let max_kw = take_kw(&mut kwargs, "maxsplit");
                unexpected_kw(name, &kwargs)?;
                arg_range(name, &args, 0, 2)?;
                let sep = args.first().cloned().or(sep_kw).unwrap_or(Value::None);
                let maxsplit = match args.get(1).cloned().or(max_kw) {
                    None => -1,
                    Some(v) => as_index(&v)?,
                };
                let reverse = name == "rsplit";
                let parts = match &sep {
                    Value::None => split_whitespace(t, maxsplit, reverse),
                    Value::Str(sep) => {
                        if sep.is_empty() {
                            return Err(exc("ValueError", "empty separator"));
                        }
                        let pieces: Vec<&str> = if maxsplit < 0 {
                            t.split(&**sep).collect()
                        } else if reverse {
                            let mut v: Vec<&str> =
                                t.rsplitn(maxsplit as usize + 1, &**sep).collect();
                            v.reverse();
                            v
                        } else {
                            t.splitn(maxsplit as usize + 1, &**sep).collect()
                        };
                        pieces.into_iter().map(s).collect()
                    }
                    other => {
                        return Err(type_error(format!(
                            "must be str or None, not {}",
                            other.error_type_name()
                        )))
                    }
                };
                Value::list(parts)
            }
            "splitlines" => {
                let keep_kw = take_kw(&mut kwargs, "keepends");
                unexpected_kw(name, &kwargs)?;
                let keep = args
                    .first()
                    .cloned()
                    .or(keep_kw)
                    .is_some_and(|v| v.is_truthy());
                let mut out = Vec::new();
                let chars: Vec<char> = t.chars().collect();
                let mut start = 0;
                let mut i = 0;
                while i < chars.len() {
                    if line_break(chars[i]) {
                        let mut end = i + 1;
                        if chars[i] == '\r' && chars.get(i + 1) == Some(&'\n') {
                            end += 1;
                        }
                        let stop = if keep { end } else { i };
                        out.push(s(&chars[start..stop].iter().collect::<String>()));
                        start = end;
                        i = end;
                    } else {
                        i += 1;
                    }
                }
                if start < chars.len() {
                    out.push(s(&chars[start..].iter().collect::<String>()));
                }
                Value::list(out)
            }
            "join" => {
                no_kwargs(&qual(name), &kwargs)?;
                exactly_one("str.join", &args)?;
                let items = match make_iter(&args[0]) {
                    Ok(_) => snapshot_iterable(&args[0])?,
                    Err(_) => return Err(type_error("can only join an iterable")),
                };
                let mut out = String::new();
                for (i, item) in items.iter().enumerate() {
                    let piece = str_arg(item, |o| {
                        format!(
                            "sequence item {i}: expected str instance, {} found",
                            o.error_type_name()
                        )
                    })?;
                    if i > 0 {
                        out.push_str(t);
                    }
                    out.push_str(piece);
                    if out.len() > ops::MAX_STR_LEN {
                        return Err(ops::too_long(out.len() as u128));
                    }
                }
                self.charge_text(out.len())?;
                s(&out)
            }
            "replace" => {
                no_kwargs(&qual(name), &kwargs)?;
                if args.len() < 2 {
                    return Err(type_error(format!(
                        "replace expected at least 2 arguments, got {}",
                        args.len()
                    )));
                }
                arg_range("replace", &args, 2, 3)?;
                let what = |o: &Value| {
                    format!(
                        "replace() argument 1 must be str, not {}",
                        o.error_type_name()
                    )
                };
                let old = str_arg(&args[0], what)?.to_string();
                let new = str_arg(&args[1], |o| {
                    format!(
                        "replace() argument 2 must be str, not {}",
                        o.error_type_name()
                    )
                })?
                .to_string();
                let count = match args.get(2) {
                    None => -1,
                    Some(v) => as_index(v)?,
                };
                let occurrences = if old.is_empty() {
                    t.chars().count() + 1
                } else {
                    t.matches(&*old).count()
                };
                let growth = occurrences as u128 * new.len() as u128;
                if t.len() as u128 + growth > ops::MAX_STR_LEN as u128 {
                    return Err(ops::too_long(t.len() as u128 + growth));
                }
                s(&if count < 0 {
                    t.replace(&*old, &new)
                } else {
                    t.replacen(&*old, &new, count as usize)
                })
            }
            "startswith" | "endswith" => {
                no_kwargs(&qual(name), &kwargs)?;
                if args.is_empty() {
                    return Err(type_error(format!(
                        "{name}() takes at least 1 argument (0 given)"
                    )));
                }
                let chars: Vec<char> = t.chars().collect();
                let (a, b) = char_range(&args[1..], chars.len())?;
                let window: String = chars[a.min(chars.len())..b.min(chars.len())]
                    .iter()
                    .collect();
                let candidates: Vec<Value> = match &args[0] {
                    Value::Tuple(items) => items.to_vec(),
                    other => vec![other.clone()],
                };
                let mut found = false;
                for c in &candidates {
                    let p = str_arg(c, |o| {
                        format!(
                            "{name} first arg must be str or a tuple of str, not {}",
                            o.error_type_name()
                        )
                    })?;
                    if (name == "startswith" && window.starts_with(p))
                        || (name == "endswith" && window.ends_with(p))
                    {
                        found = true;
                    }
                }
                Value::Bool(found)
            }
            "find" | "rfind" | "index" | "rindex" | "count" => {
                no_kwargs(&qual(name), &kwargs)?;
                if args.is_empty() {
                    return Err(type_error(format!(
                        "{name}() takes at least 1 argument (0 given)"
                    )));
                }
                arg_range(name, &args, 1, 3)?;
                let sub = str_arg(&args[0], |o| {
                    format!("must be str, not {}", o.error_type_name())
                })?;
                let hay: Vec<char> = t.chars().collect();
                let needle: Vec<char> = sub.chars().collect();
                let (a, b) = char_range(&args[1..], hay.len())?;
                if name == "count" {
                    if needle.is_empty() {
                        return Ok(Value::int((b.saturating_sub(a) + 1) as i64));
                    }
                    let mut n = 0;
                    let mut i = a;
                    while let Some(p) = find_chars(&hay, &needle, i, b, false) {
                        n += 1;
                        i = p + needle.len();
                    }
                    return Ok(Value::int(n));
                }
                let reverse = name.starts_with('r');
                match find_chars(&hay, &needle, a, b, reverse) {
                    Some(p) => Value::int(p as i64),
                    None if name.ends_with("find") => Value::int(-1),
                    None => return Err(exc("ValueError", "substring not found")),
                }
            }
            "center" | "ljust" | "rjust" => {
                no_kwargs(&qual(name), &kwargs)?;
                arg_range(name, &args, 1, 2)?;
                let width = as_index(&args[0])?.max(0) as usize;
                if width > ops::MAX_STR_LEN {
                    return Err(ops::too_long(width as u128));
                }
                let fill = match args.get(1) {
                    None => ' ',
                    Some(Value::Str(f)) if f.chars().count() == 1 => {
                        f.chars().next().unwrap_or(' ')
                    }
                    Some(_) => {
                        return Err(type_error(
                            "The fill character must be exactly one character long",
                        ))
                    }
                };
                let len = t.chars().count();
                if width <= len {
                    return Ok(Value::Str(text.clone()));
                }
                let marg = width - len;
                let (left, right) = match name {
                    "ljust" => (0, marg),
                    "rjust" => (marg, 0),
                    _ => {
                        let left = marg / 2 + (marg & width & 1);
                        (left, marg - left)
                    }
                };
                let f = |n: usize| fill.to_string().repeat(n);
                s(&format!("{}{t}{}", f(left), f(right)))
            }
            "zfill" => {
                no_kwargs(&qual(name), &kwargs)?;
                exactly_one("str.zfill", &args)?;
                let width = as_index(&args[0])?.max(0) as usize;
                if width > ops::MAX_STR_LEN {
                    return Err(ops::too_long(width as u128));
                }
                let len = t.chars().count();
                if width <= len {
                    return Ok(Value::Str(text.clone()));
                }
                let (sign, rest) = match t.chars().next() {
                    Some(c @ ('+' | '-')) => (c.to_string(), &t[1..]),
                    _ => (String::new(), t),
                };
                s(&format!("{sign}{}{rest}", "0".repeat(width - len)))
            }
            "partition" | "rpartition" => {
                no_kwargs(&qual(name), &kwargs)?;
                exactly_one(&qual(name), &args)?;
                let sep = str_arg(&args[0], |o| {
                    format!("must be str, not {}", o.error_type_name())
                })?;
                if sep.is_empty() {
                    return Err(exc("ValueError", "empty separator"));
                }
                let found = if name == "partition" {
                    t.find(sep)
                } else {
                    t.rfind(sep)
                };
                let parts = match found {
                    Some(i) => [&t[..i], sep, &t[i + sep.len()..]],
                    None if name == "partition" => [t, "", ""],
                    None => ["", "", t],
                };
                Value::tuple(parts.iter().map(|p| s(p)).collect())
            }
            "removeprefix" | "removesuffix" => {
                no_kwargs(&qual(name), &kwargs)?;
                exactly_one(&qual(name), &args)?;
                let a = str_arg(&args[0], |o| {
                    format!("{name}() argument must be str, not {}", o.error_type_name())
                })?;
                s(if name == "removeprefix" {
                    t.strip_prefix(a).unwrap_or(t)
                } else {
                    t.strip_suffix(a).unwrap_or(t)
                })
            }
            "isdigit" | "isdecimal" | "isnumeric" | "isalpha" | "isalnum" | "isspace"
            | "isascii" | "islower" | "isupper" | "istitle" | "isidentifier" => {
                no_args(&args, &kwargs)?;
                let nonempty = !t.is_empty();
                Value::Bool(match name {
                    "isdigit" | "isdecimal" => nonempty && t.chars().all(is_decimal_digit),
                    "isnumeric" => nonempty && t.chars().all(|c| c.is_numeric()),
                    "isalpha" => nonempty && t.chars().all(|c| c.is_alphabetic()),
                    "isalnum" => nonempty && t.chars().all(|c| c.is_alphanumeric()),
                    "isspace" => nonempty && t.chars().all(is_space),
                    "isascii" => t.is_ascii(),
                    "islower" => {
                        t.chars().any(|c| c.is_lowercase()) && !t.chars().any(|c| c.is_uppercase())
                    }
                    "isupper" => {
                        t.chars().any(|c| c.is_uppercase()) && !t.chars().any(|c| c.is_lowercase())
                    }
                    "istitle" => {
                        nonempty && python_title(t) == t && t.chars().any(|c| c.is_alphabetic())
                    }
                    _ => {
                        let mut chars = t.chars();
                        chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                            && chars.all(|c| c == '_' || c.is_alphanumeric())
                    }
                })
            }
            "encode" => {
                let enc = take_kw(&mut kwargs, "encoding");
                let _errors = take_kw(&mut kwargs, "errors");
                unexpected_kw(name, &kwargs)?;
                let enc = args.first().cloned().or(enc);
                match enc
                    .as_ref()
                    .and_then(|e| e.as_str().map(|x| x.to_ascii_lowercase()))
                {
                    None => {}
                    Some(e) if e == "ascii" && !t.is_ascii() => {
                        return Err(PyError::Unsupported {
                            what: "encoding non-ASCII text as ASCII".into(),
                            line: 0,
                        });
                    }
                    Some(e) if matches!(e.as_str(), "utf-8" | "utf8" | "ascii") => {}
                    Some(e) => {
                        return Err(PyError::Unsupported {
                            what: format!("the '{e}' encoding"),
                            line: 0,
                        })
                    }
                }
                Value::bytes(t.as_bytes())
            }
            "format" => {
                let kw = std::mem::take(&mut kwargs);
                let positional = std::mem::take(&mut args);
                s(&self.str_format(t, &positional, &kw)?)
            }
            other => {
                let v = Value::Str(text.clone());
                if STR_UNIMPLEMENTED.contains(&other) {
                    return Err(unimplemented_method(&v, other));
                }
                return Err(attribute_error(&v, other));
            }
        })
    }

    /// `template.format(*args, **kwargs)`.
    fn str_format(&mut self, t: &str, args: &[Value], kwargs: &Kwargs) -> Result<String, PyError> {
        let chars: Vec<char> = t.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        let mut auto: Option<usize> = None;
        let mut manual = false;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' && chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(exc("ValueError", "Single '}' encountered in format string"));
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            // A field: find its matching '}'.
            let start = i + 1;
            let mut depth = 1;
            let mut j = start;
            while j < chars.len() {
                match chars[j] {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(exc(
                    "ValueError",
                    if start >= chars.len() {
                        "Single '{' encountered in format string"
                    } else {
                        "expected '}' before end of string"
                    },
                ));
            }
            let field: String = chars[start..j].iter().collect();
            i = j + 1;
            let (head, spec) = match field.find(':') {
                Some(p) => (&field[..p], &field[p + 1..]),
                None => (&field[..], ""),
            };
            let (path, conversion) = match head.find('!') {
                Some(p) => (&head[..p], Some(&head[p + 1..])),
                None => (head, None),
            };
            // The first part of the path names the argument.
            let first_end = path.find(['.', '[']).unwrap_or(path.len());
            let first = &path[..first_end];
            let mut value = if first.is_empty() {
                if manual {
                    return Err(exc(
                        "ValueError",
                        "cannot switch from manual field specification to automatic field numbering",
                    ));
                }
                let n = auto.map_or(0, |n| n + 1);
                auto = Some(n);
                args.get(n).cloned().ok_or_else(|| {
                    exc(
                        "IndexError",
                        format!("Replacement index {n} out of range for positional args tuple"),
                    )
                })?
            } else if let Ok(n) = first.parse::<usize>() {
                if auto.is_some() {
                    return Err(exc(
                        "ValueError",
                        "cannot switch from automatic field numbering to manual field specification",
                    ));
                }
                manual = true;
                args.get(n).cloned().ok_or_else(|| {
                    exc(
                        "IndexError",
                        format!("Replacement index {n} out of range for positional args tuple"),
                    )
                })?
            } else {
                kwargs
                    .iter()
                    .find(|(k, _)| &**k == first)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| {
                        PyError::Exception(PyException::with_args("KeyError", vec![s(first)]))
                    })?
            };
            let mut rest = &path[first_end..];
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix('.') {
                    let end = r.find(['.', '[']).unwrap_or(r.len());
                    value = self.get_attr(&value, &r[..end])?;
                    rest = &r[end..];
                } else if let Some(r) = rest.strip_prefix('[') {
                    let end = r
                        .find(']')
                        .ok_or_else(|| exc("ValueError", "Missing ']' in format string"))?;
                    let key = &r[..end];
                    let k = match key.parse::<i64>() {
                        Ok(n) => Value::int(n),
                        Err(_) => s(key),
                    };
                    value = ops::get_item(&value, &k)?;
                    rest = &r[end + 1..];
                } else {
                    return Err(exc(
                        "ValueError",
                        "Only '.' or '[' may follow ']' in format field specifier",
                    ));
                }
            }
            value = match conversion {
                None => value,
                Some("r") | Some("a") => s(&self.repr_of(&value)?),
                Some("s") => s(&self.str_of(&value)?),
                Some(other) => {
                    return Err(exc(
                        "ValueError",
                        format!("Unknown conversion specifier {other}"),
                    ))
                }
            };
            let spec = if spec.contains('{') {
                self.str_format(spec, args, kwargs)?
            } else {
                spec.to_string()
            };
            if spec.is_empty() {
                out.push_str(&self.str_of(&value)?);
            } else {
                out.push_str(&super::format::format_value(&value, &spec)?);
            }
            if out.len() > ops::MAX_STR_LEN {
                return Err(ops::too_long(out.len() as u128));
            }
        }
        Ok(out)
    }

    fn list_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let Value::List(l) = receiver else {
            return Err(attribute_error(receiver, name));
        };
        if name != "sort" {
            no_kwargs(&format!("list.{name}"), &kwargs)?;
        }
        let none_expected = |args: &[Value]| -> Result<(), PyError> {
            if args.is_empty() {
                Ok(())
            } else {
                Err(type_error(format!(
                    "list.{name}() takes no arguments ({} given)",
                    args.len()
                )))
            }
        };
        let check_size = |extra: usize| -> Result<(), PyError> {
            let n = l.borrow().len() + extra;
            if n > ITEM_LIMIT {
                return Err(ops::too_many_items(n as u128));
            }
            Ok(())
        };
        Ok(match name {
            "append" => {
                exactly_one("list.append", &args)?;
                check_size(1)?;
                l.borrow_mut()
                    .push(args.into_iter().next().unwrap_or(Value::None));
                Value::None
            }
            "extend" => {
                exactly_one("list.extend", &args)?;
                let items = snapshot_iterable(&args[0])?;
                self.charge(items.len())?;
                check_size(items.len())?;
                l.borrow_mut().extend(items);
                Value::None
            }
            "insert" => {
                if args.len() != 2 {
                    return Err(type_error(format!(
                        "insert expected 2 arguments, got {}",
                        args.len()
                    )));
                }
                check_size(1)?;
                let i = as_index(&args[0])?;
                let mut list = l.borrow_mut();
                let len = list.len() as i64;
                let pos = if i < 0 { (i + len).max(0) } else { i.min(len) };
                list.insert(pos as usize, args[1].clone());
                Value::None
            }
            "pop" => {
                arg_range("pop", &args, 0, 1)?;
                let mut list = l.borrow_mut();
                if list.is_empty() {
                    return Err(exc("IndexError", "pop from empty list"));
                }
                let len = list.len() as i64;
                let i = match args.first() {
                    None => len - 1,
                    Some(v) => as_index(v)?,
                };
                let pos = if i < 0 { i + len } else { i };
                if pos < 0 || pos >= len {
                    return Err(exc("IndexError", "pop index out of range"));
                }
                list.remove(pos as usize)
            }
            "remove" => {
                exactly_one("list.remove", &args)?;
                let mut list = l.borrow_mut();
                match list
                    .iter()
                    .position(|v| v.identity_eq(&args[0]) || v.py_eq(&args[0]))
                {
                    Some(p) => {
                        list.remove(p);
                        Value::None
                    }
                    None => return Err(exc("ValueError", "list.remove(x): x not in list")),
                }
            }
            "index" => {
                if args.is_empty() {
                    return Err(type_error("index expected at least 1 argument, got 0"));
                }
                arg_range("index", &args, 1, 3)?;
                let list = l.borrow();
                let (a, b) = char_range(&args[1..], list.len())?;
                match (a..b.min(list.len()))
                    .find(|&i| list[i].identity_eq(&args[0]) || list[i].py_eq(&args[0]))
                {
                    Some(p) => Value::int(p as i64),
                    None => {
                        return Err(exc(
                            "ValueError",
                            format!("{} is not in list", super::repr::repr(&args[0])),
                        ))
                    }
                }
            }
            "count" => {
                exactly_one("list.count", &args)?;
                let list = l.borrow();
                Value::int(
                    list.iter()
                        .filter(|v| v.identity_eq(&args[0]) || v.py_eq(&args[0]))
                        .count() as i64,
                )
            }
            "sort" => {
                if !args.is_empty() {
                    return Err(type_error("sort() takes no positional arguments"));
                }
                let key = take_kw(&mut kwargs, "key");
                let reverse = take_kw(&mut kwargs, "reverse").is_some_and(|r| r.is_truthy());
                unexpected_kw("sort", &kwargs)?;
                let items = l.borrow().clone();
                let sorted = self.sort_values(items, key.as_ref(), reverse)?;
                *l.borrow_mut() = sorted;
                Value::None
            }
            "reverse" => {
                none_expected(&args)?;
                l.borrow_mut().reverse();
                Value::None
            }
            "clear" => {
                none_expected(&args)?;
                let old = std::mem::take(&mut *l.borrow_mut());
                for v in old {
                    super::value::drop_deep(v);
                }
                Value::None
            }
            "copy" => {
                none_expected(&args)?;
                Value::list(l.borrow().clone())
            }
            _ => return Err(attribute_error(receiver, name)),
        })
    }

    fn dict_update(&mut self, d: &Value, args: &[Value], kwargs: Kwargs) -> Result<(), PyError> {
        let Value::Dict(target) = d else {
            return Ok(());
        };
        arg_range("update", args, 0, 1)?;
        if let Some(src) = args.first() {
            let pairs: Vec<(Value, Value)> = match src {
                Value::Dict(other) => other.borrow().items(),
                Value::Native(obj) if obj.has_method("keys") => {
                    let keys = obj.call_method("keys", Vec::new(), Vec::new())?;
                    let mut pairs = Vec::new();
                    for k in snapshot_iterable(&keys)? {
                        let v = obj.get_item(&k)?;
                        pairs.push((k, v));
                    }
                    pairs
                }
                other => {
                    let items = snapshot_iterable(other)?;
                    ops::dict_from_pairs(items)?.items()
                }
            };
            self.charge(pairs.len())?;
            let mut t = target.borrow_mut();
            for (k, v) in pairs {
                t.insert(k, v)?;
            }
        }
        let mut t = target.borrow_mut();
        for (k, v) in kwargs {
            t.insert(Value::Str(k), v)?;
        }
        Ok(())
    }

    fn dict_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let Value::Dict(d) = receiver else {
            return Err(attribute_error(receiver, name));
        };
        if name == "update" {
            self.dict_update(receiver, &args, kwargs)?;
            return Ok(Value::None);
        }
        no_kwargs(&format!("dict.{name}"), &kwargs)?;
        let none_expected = |args: &[Value]| -> Result<(), PyError> {
            if args.is_empty() {
                Ok(())
            } else {
                Err(type_error(format!(
                    "dict.{name}() takes no arguments ({} given)",
                    args.len()
                )))
            }
        };
        Ok(match name {
            "get" => {
                arg_range("get", &args, 1, 2)?;
                let found = d.borrow().get(&args[0])?;
                found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None))
            }
            "keys" | "values" | "items" => {
                none_expected(&args)?;
                let kind = match name {
                    "keys" => DictViewKind::Keys,
                    "values" => DictViewKind::Values,
                    _ => DictViewKind::Items,
                };
                Value::DictView(d.clone(), kind)
            }
            "pop" => {
                arg_range("pop", &args, 1, 2)?;
                let removed = d.borrow_mut().remove(&args[0])?;
                match removed {
                    Some(v) => v,
                    None => match args.get(1) {
                        Some(default) => default.clone(),
                        None => {
                            return Err(PyError::Exception(PyException::with_args(
                                "KeyError",
                                vec![args[0].clone()],
                            )))
                        }
                    },
                }
            }
            "popitem" => {
                none_expected(&args)?;
                let last = d.borrow_mut().pop_last();
                match last {
                    Some((k, v)) => Value::tuple(vec![k, v]),
                    None => {
                        return Err(PyError::Exception(PyException::with_args(
                            "KeyError",
                            vec![s("popitem(): dictionary is empty")],
                        )))
                    }
                }
            }
            "setdefault" => {
                arg_range("setdefault", &args, 1, 2)?;
                let existing = d.borrow().get(&args[0])?;
                match existing {
                    Some(v) => v,
                    None => {
                        let v = args.get(1).cloned().unwrap_or(Value::None);
                        d.borrow_mut().insert(args[0].clone(), v.clone())?;
                        v
                    }
                }
            }
            "clear" => {
                none_expected(&args)?;
                let pairs = d.borrow_mut().take_all();
                for (k, v) in pairs {
                    super::value::drop_deep(k);
                    super::value::drop_deep(v);
                }
                Value::None
            }
            "copy" => {
                none_expected(&args)?;
                Value::dict(d.borrow().clone())
            }
            _ => return Err(attribute_error(receiver, name)),
        })
    }

    fn set_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let Value::Set(set) = receiver else {
            return Err(attribute_error(receiver, name));
        };
        no_kwargs(&format!("set.{name}"), &kwargs)?;
        let others = |args: &[Value]| -> Result<Vec<Set>, PyError> {
            args.iter()
                .map(|a| match a {
                    Value::Set(o) => Ok(o.borrow().clone()),
                    other => Set::from_values(snapshot_iterable(other)?).map_err(PyError::from),
                })
                .collect()
        };
        Ok(match name {
            "add" => {
                exactly_one("set.add", &args)?;
                if set.borrow().len() >= ITEM_LIMIT {
                    return Err(ops::too_many_items(ITEM_LIMIT as u128 + 1));
                }
                set.borrow_mut().add(args[0].clone())?;
                Value::None
            }
            "remove" => {
                exactly_one("set.remove", &args)?;
                if !set.borrow_mut().remove(&args[0])? {
                    return Err(PyError::Exception(PyException::with_args(
                        "KeyError",
                        vec![args[0].clone()],
                    )));
                }
                Value::None
            }
            "discard" => {
                exactly_one("set.discard", &args)?;
                set.borrow_mut().remove(&args[0])?;
                Value::None
            }
            "pop" => {
                if !args.is_empty() {
                    return Err(type_error(format!(
                        "set.pop() takes no arguments ({} given)",
                        args.len()
                    )));
                }
                let first = set.borrow().iter().next().cloned();
                match first {
                    Some(v) => {
                        set.borrow_mut().remove(&v)?;
                        v
                    }
                    None => {
                        return Err(PyError::Exception(PyException::with_args(
                            "KeyError",
                            vec![s("pop from an empty set")],
                        )))
                    }
                }
            }
            "clear" => {
                set.borrow_mut().clear();
                Value::None
            }
            "copy" => Value::set(set.borrow().clone()),
            "union" | "update" => {
                let mut out = set.borrow().clone();
                for o in others(&args)? {
                    for v in o.iter() {
                        out.add(v.clone())?;
                    }
                }
                if name == "update" {
                    *set.borrow_mut() = out;
                    Value::None
                } else {
                    Value::set(out)
                }
            }
            "intersection" | "intersection_update" | "difference" | "difference_update" => {
                let keep_common = name.starts_with("intersection");
                let os = others(&args)?;
                let mut out = Set::new();
                for v in set.borrow().iter() {
                    let mut keep = true;
                    for o in &os {
                        let inside = o.contains(v)?;
                        if inside != keep_common {
                            keep = false;
                            break;
                        }
                    }
                    if keep {
                        out.add(v.clone())?;
                    }
                }
                if name.ends_with("_update") {
                    *set.borrow_mut() = out;
                    Value::None
                } else {
                    Value::set(out)
                }
            }
            "symmetric_difference" | "symmetric_difference_update" => {
                exactly_one(&format!("set.{name}"), &args)?;
                let other = Value::set(others(&args)?.remove(0));
                let r = ops::binary_op(super::ast::BinOp::BitXor, receiver, &other)?;
                if name.ends_with("_update") {
                    if let Value::Set(new) = r {
                        let items = new.borrow().clone();
                        *set.borrow_mut() = items;
                    }
                    Value::None
                } else {
                    r
                }
            }
            "issubset" | "issuperset" | "isdisjoint" => {
                exactly_one(&format!("set.{name}"), &args)?;
                let other = others(&args)?.remove(0);
                let me = set.borrow();
                Value::Bool(match name {
                    "issubset" => me.iter().all(|v| other.contains(v).unwrap_or(false)),
                    "issuperset" => other.iter().all(|v| me.contains(v).unwrap_or(false)),
                    _ => !me.iter().any(|v| other.contains(v).unwrap_or(false)),
                })
            }
            _ => return Err(attribute_error(receiver, name)),
        })
    }

    fn class_method(
        &mut self,
        t: &PyType,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let PyType::Builtin(b) = t else {
            return Err(type_error(format!("'{}' is not callable", t.name())));
        };
        let now = self.it.now;
        match (b, name) {
            (BuiltinType::DateTime, "now") => {
                let v = positional_or_kw(args, &mut kwargs, &["tz"], 0)?;
                unexpected_kw("now", &kwargs)?;
                match &v[0] {
                    None | Some(Value::None) => Ok(Value::DateTime(DateTime { utc: false, ..now })),
                    Some(tz) if is_utc(tz) => Ok(Value::DateTime(DateTime { utc: true, ..now })),
                    Some(other) => Err(type_error(format!(
                        "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                        other.error_type_name()
                    ))),
                }
            }
            (BuiltinType::DateTime, "utcnow" | "today") => {
                no_kwargs(name, &kwargs)?;
                arg_range(name, &args, 0, 0)?;
                Ok(Value::DateTime(DateTime { utc: false, ..now }))
            }
            (BuiltinType::Date, "today") => {
                no_kwargs(name, &kwargs)?;
                arg_range(name, &args, 0, 0)?;
                Ok(Value::Date(now.date()))
            }
            (BuiltinType::DateTime | BuiltinType::Date, "fromisoformat") => {
                no_kwargs(name, &kwargs)?;
                exactly_one("fromisoformat", &args)?;
                let text = str_arg(&args[0], |o| {
                    format!(
                        "fromisoformat: argument must be str, not {}",
                        o.error_type_name()
                    )
                })?;
                Ok(if *b == BuiltinType::DateTime {
                    Value::DateTime(DateTime::from_isoformat(text)?)
                } else {
                    Value::Date(Date::from_isoformat(text)?)
                })
            }
            (BuiltinType::DateTime | BuiltinType::Date, "fromtimestamp" | "utcfromtimestamp") => {
                let v = positional_or_kw(args, &mut kwargs, &["timestamp", "tz"], 1)?;
                unexpected_kw(name, &kwargs)?;
                let ts = match &v[0] {
                    Some(Value::Float(f)) => *f,
                    Some(x @ (Value::Int(_) | Value::Bool(_))) => {
                        ops::int_to_f64(&as_int(x).unwrap_or_default())?
                    }
                    Some(other) => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.error_type_name()
                        )))
                    }
                    None => 0.0,
                };
                if !ts.is_finite() || ts.abs() > 3e11 {
                    return Err(exc("ValueError", "year is out of range"));
                }
                let utc = v[1].as_ref().is_some_and(is_utc);
                let dt = DateTime::from_unix_micros((ts * 1e6).round() as i128, utc)?;
                Ok(if *b == BuiltinType::Date {
                    Value::Date(dt.date())
                } else {
                    Value::DateTime(dt)
                })
            }
            (BuiltinType::Dict, "fromkeys") => {
                no_kwargs(name, &kwargs)?;
                arg_range("fromkeys", &args, 1, 2)?;
                let keys = snapshot_iterable(&args[0])?;
                let v = args.get(1).cloned().unwrap_or(Value::None);
                let mut d = Dict::new();
                for k in keys {
                    d.insert(k, v.clone())?;
                }
                Ok(Value::dict(d))
            }
            _ => {
                // An unbound method: `str.upper("a")`.
                let mut args = args;
                if args.is_empty() {
                    return Err(type_error(format!(
                        "unbound method {}.{name}() needs an argument",
                        b.name()
                    )));
                }
                let receiver = args.remove(0);
                let fits = match b {
                    BuiltinType::Int => matches!(receiver, Value::Int(_) | Value::Bool(_)),
                    _ => matches!(receiver.type_of(), PyType::Builtin(x) if x == *b),
                };
                if !fits {
                    return Err(type_error(format!(
                        "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
                        b.name(),
                        receiver.error_type_name()
                    )));
                }
                self.call_method(&receiver, name, args, kwargs)
            }
        }
    }

    fn other_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let type_name = receiver.error_type_name();
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            if !args.is_empty() {
                return Err(type_error(format!(
                    "{type_name}.{name}() takes no arguments ({} given)",
                    args.len()
                )));
            }
            Ok(())
        };
        match (receiver, name) {
            (Value::Tuple(t), "count" | "index") => {
                no_kwargs(name, &kwargs)?;
                if args.is_empty() {
                    return Err(type_error(format!(
                        "{name} expected at least 1 argument, got 0"
                    )));
                }
                let hits = |v: &Value| v.identity_eq(&args[0]) || v.py_eq(&args[0]);
                if name == "count" {
                    return Ok(Value::int(t.iter().filter(|v| hits(v)).count() as i64));
                }
                let (a, b) = char_range(&args[1..], t.len())?;
                return match (a..b.min(t.len())).find(|&i| hits(&t[i])) {
                    Some(p) => Ok(Value::int(p as i64)),
                    None => Err(exc("ValueError", "tuple.index(x): x not in tuple")),
                };
            }
            (Value::Range(r), "count" | "index") => {
                exactly_one(name, &args)?;
                let inside = ops::contains(receiver, &args[0])?;
                if name == "count" {
                    return Ok(Value::int(inside as i64));
                }
                if !inside {
                    return Err(exc(
                        "ValueError",
                        format!("{} is not in range", super::repr::repr(&args[0])),
                    ));
                }
                let n = as_int(&args[0]).and_then(|n| n.to_i64()).unwrap_or(0);
                return Ok(Value::int(
                    ((n as i128 - r.start as i128) / r.step as i128) as i64,
                ));
            }
            (Value::Bytes(b), _) => {
                return match name {
                    "decode" => {
                        let enc = take_kw(&mut kwargs, "encoding");
                        let _ = take_kw(&mut kwargs, "errors");
                        unexpected_kw("decode", &kwargs)?;
                        let enc = args.first().cloned().or(enc);
                        match enc
                            .as_ref()
                            .and_then(|e| e.as_str().map(|x| x.to_ascii_lowercase()))
                        {
                            None => {}
                            Some(e) if matches!(e.as_str(), "utf-8" | "utf8" | "ascii") => {}
                            Some(e) => {
                                return Err(PyError::Unsupported {
                                    what: format!("the '{e}' encoding"),
                                    line: 0,
                                })
                            }
                        }
                        Ok(s(&decode_utf8(b)?))
                    }
                    "hex" => {
                        no_args(&args, &kwargs)?;
                        Ok(s(&b.iter().map(|x| format!("{x:02x}")).collect::<String>()))
                    }
                    "count" | "startswith" | "endswith" => {
                        no_kwargs(name, &kwargs)?;
                        exactly_one(name, &args)?;
                        let Value::Bytes(sub) = &args[0] else {
                            return Err(type_error(format!(
                                "a bytes-like object is required, not '{}'",
                                args[0].error_type_name()
                            )));
                        };
                        Ok(match name {
                            "startswith" => Value::Bool(b.starts_with(sub)),
                            "endswith" => Value::Bool(b.ends_with(sub)),
                            _ => {
                                if sub.is_empty() {
                                    Value::int(b.len() as i64 + 1)
                                } else {
                                    let mut n = 0;
                                    let mut i = 0;
                                    while i + sub.len() <= b.len() {
                                        if b[i..i + sub.len()] == sub[..] {
                                            n += 1;
                                            i += sub.len();
                                        } else {
                                            i += 1;
                                        }
                                    }
                                    Value::int(n)
                                }
                            }
                        })
                    }
                    _ => Err(attribute_error(receiver, name)),
                };
            }
            (Value::Int(_) | Value::Bool(_), _) => {
                no_args(&args, &kwargs)?;
                let n = as_int(receiver).unwrap_or_default();
                return Ok(match name {
                    "bit_length" => Value::int(n.bits() as i64),
                    "bit_count" => Value::int(
                        n.magnitude()
                            .to_u64_digits()
                            .iter()
                            .map(|d| d.count_ones() as i64)
                            .sum(),
                    ),
                    "conjugate" => Value::Int(n),
                    "is_integer" => Value::Bool(true),
                    _ => return Err(attribute_error(receiver, name)),
                });
            }
            (Value::Float(f), _) => {
                no_args(&args, &kwargs)?;
                return Ok(match name {
                    "is_integer" => Value::Bool(f.is_finite() && f.fract() == 0.0),
                    "conjugate" => Value::Float(*f),
                    _ => return Err(attribute_error(receiver, name)),
                });
            }
            (Value::TimeDelta(d), "total_seconds") => {
                no_args(&args, &kwargs)?;
                return Ok(Value::Float(d.total_seconds()));
            }
            (Value::DateTime(d), _) => return self.datetime_method(d, name, args, kwargs),
            (Value::Date(d), _) => return self.date_method(d, name, args, kwargs),
            (Value::Decimal(d), _) => return self.decimal_method(d, name, args, kwargs),
            _ => {}
        }
        Err(attribute_error(receiver, name))
    }

    fn datetime_method(
        &mut self,
        d: &DateTime,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            arg_range(name, args, 0, 0)
        };
        Ok(match name {
            "isoformat" => {
                let v = positional_or_kw(args, &mut kwargs, &["sep", "timespec"], 0)?;
                unexpected_kw(name, &kwargs)?;
                let mut out = d.isoformat();
                if let Some(sep) = &v[0] {
                    let sep = str_arg(sep, |o| {
                        format!(
                            "isoformat() argument 1 must be a unicode character, not {}",
                            o.error_type_name()
                        )
                    })?;
                    out = out.replacen('T', sep, 1);
                }
                if let Some(spec) = &v[1] {
                    let spec = str_arg(spec, |o| {
                        format!("must be str, not {}", o.error_type_name())
                    })?;
                    let sep = v[0]
                        .as_ref()
                        .and_then(|x| x.as_str().map(str::to_string))
                        .unwrap_or("T".into());
                    let date = d.date().isoformat();
                    let tz = if d.utc { "+00:00" } else { "" };
                    let time = match spec {
                        "auto" => None,
                        "hours" => Some(format!("{:02}", d.hour)),
                        "minutes" => Some(format!("{:02}:{:02}", d.hour, d.minute)),
                        "seconds" => Some(format!("{:02}:{:02}:{:02}", d.hour, d.minute, d.second)),
                        "milliseconds" => Some(format!(
                            "{:02}:{:02}:{:02}.{:03}",
                            d.hour,
                            d.minute,
                            d.second,
                            d.microsecond / 1000
                        )),
                        "microseconds" => Some(format!(
                            "{:02}:{:02}:{:02}.{:06}",
                            d.hour, d.minute, d.second, d.microsecond
                        )),
                        _ => return Err(exc("ValueError", "Unknown timespec value")),
                    };
                    if let Some(time) = time {
                        out = format!("{date}{sep}{time}{tz}");
                    }
                }
                s(&out)
            }
            "strftime" => {
                no_kwargs(name, &kwargs)?;
                exactly_one("strftime", &args)?;
                let f = str_arg(&args[0], |o| {
                    format!(
                        "strftime() argument 1 must be str, not {}",
                        o.error_type_name()
                    )
                })?;
                s(&super::format::strftime_datetime(d, f))
            }
            "date" => {
                no_args(&args, &kwargs)?;
                Value::Date(d.date())
            }
            "timestamp" => {
                no_args(&args, &kwargs)?;
                Value::Float(d.unix_micros() as f64 / 1e6)
            }
            "weekday" | "isoweekday" => {
                no_args(&args, &kwargs)?;
                let w = d.date().weekday() as i64;
                Value::int(if name == "weekday" { w } else { w + 1 })
            }
            "toordinal" => {
                no_args(&args, &kwargs)?;
                Value::int(d.date().days_since_epoch() + 719_163)
            }
            "ctime" => {
                no_args(&args, &kwargs)?;
                s(&super::format::strftime_datetime(d, "%a %b %e %H:%M:%S %Y"))
            }
            "utcoffset" | "dst" => {
                no_args(&args, &kwargs)?;
                if d.utc {
                    Value::TimeDelta(TimeDelta::default())
                } else {
                    Value::None
                }
            }
            "tzname" => {
                no_args(&args, &kwargs)?;
                if d.utc {
                    s("UTC")
                } else {
                    Value::None
                }
            }
            "astimezone" => {
                let v = positional_or_kw(args, &mut kwargs, &["tz"], 0)?;
                unexpected_kw(name, &kwargs)?;
                match &v[0] {
                    Some(tz) if is_utc(tz) => Value::DateTime(DateTime { utc: true, ..*d }),
                    _ => {
                        return Err(PyError::Unsupported {
                            what: "astimezone() to a zone other than timezone.utc".into(),
                            line: 0,
                        })
                    }
                }
            }
            "replace" => {
                let names = [
                    "year",
                    "month",
                    "day",
                    "hour",
                    "minute",
                    "second",
                    "microsecond",
                    "tzinfo",
                ];
                let v = positional_or_kw(args, &mut kwargs, &names, 0)?;
                unexpected_kw("replace", &kwargs)?;
                let current = [
                    d.year as i64,
                    d.month as i64,
                    d.day as i64,
                    d.hour as i64,
                    d.minute as i64,
                    d.second as i64,
                    d.microsecond as i64,
                ];
                let mut n = current;
                for i in 0..7 {
                    if let Some(x) = &v[i] {
                        n[i] = as_index(x)?;
                    }
                }
                let utc = match &v[7] {
                    None => d.utc,
                    Some(Value::None) => false,
                    Some(tz) if is_utc(tz) => true,
                    Some(_) => {
                        return Err(PyError::Unsupported {
                            what: "time zones other than timezone.utc".into(),
                            line: 0,
                        })
                    }
                };
                Value::DateTime(DateTime::new(
                    n[0], n[1], n[2], n[3], n[4], n[5], n[6], utc,
                )?)
            }
            _ => {
                if DATETIME_UNIMPLEMENTED.contains(&name) {
                    return Err(unimplemented_method(&Value::DateTime(*d), name));
                }
                return Err(attribute_error(&Value::DateTime(*d), name));
            }
        })
    }

    fn date_method(
        &mut self,
        d: &Date,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            arg_range(name, args, 0, 0)
        };
        Ok(match name {
            "isoformat" => {
                no_args(&args, &kwargs)?;
                s(&d.isoformat())
            }
            "strftime" => {
                no_kwargs(name, &kwargs)?;
                exactly_one("strftime", &args)?;
                let f = str_arg(&args[0], |o| {
                    format!(
                        "strftime() argument 1 must be str, not {}",
                        o.error_type_name()
                    )
                })?;
                s(&super::format::strftime_date(d, f))
            }
            "weekday" | "isoweekday" => {
                no_args(&args, &kwargs)?;
                let w = d.weekday() as i64;
                Value::int(if name == "weekday" { w } else { w + 1 })
            }
            "toordinal" => {
                no_args(&args, &kwargs)?;
                Value::int(d.days_since_epoch() + 719_163)
            }
            "ctime" => {
                no_args(&args, &kwargs)?;
                s(&super::format::strftime_date(d, "%a %b %e %H:%M:%S %Y"))
            }
            "replace" => {
                let v = positional_or_kw(args, &mut kwargs, &["year", "month", "day"], 0)?;
                unexpected_kw("replace", &kwargs)?;
                let mut n = [d.year as i64, d.month as i64, d.day as i64];
                for i in 0..3 {
                    if let Some(x) = &v[i] {
                        n[i] = as_index(x)?;
                    }
                }
                Value::Date(Date::new(n[0], n[1], n[2])?)
            }
            _ => {
                if DATE_UNIMPLEMENTED.contains(&name) {
                    return Err(unimplemented_method(&Value::Date(*d), name));
                }
                return Err(attribute_error(&Value::Date(*d), name));
            }
        })
    }

    fn decimal_method(
        &mut self,
        d: &Decimal,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            arg_range(name, args, 0, 0)
        };
        Ok(match name {
            "quantize" => {
                let v = positional_or_kw(args, &mut kwargs, &["exp", "rounding", "context"], 1)?;
                unexpected_kw(name, &kwargs)?;
                if v[1].is_some() {
                    return Err(PyError::Unsupported {
                        what: "rounding modes other than the default (ROUND_HALF_EVEN)".into(),
                        line: 0,
                    });
                }
                let exp = match &v[0] {
                    Some(Value::Decimal(e)) => (**e).clone(),
                    Some(Value::Int(n)) => Decimal::from_bigint(n),
                    Some(other) => {
                        return Err(type_error(format!(
                            "conversion from {} to Decimal is not supported",
                            other.error_type_name()
                        )))
                    }
                    None => Decimal::zero(),
                };
                Value::decimal(d.quantize(&exp)?)
            }
            "is_zero" => {
                no_args(&args, &kwargs)?;
                Value::Bool(d.is_zero())
            }
            "is_signed" => {
                no_args(&args, &kwargs)?;
                Value::Bool(d.negative)
            }
            "normalize" => {
                no_args(&args, &kwargs)?;
                Value::decimal(d.normalized())
            }
            "to_integral_value" => {
                no_args(&args, &kwargs)?;
                Value::decimal(Decimal::from_bigint(&d.round_to_int()))
            }
            "copy_abs" => {
                no_args(&args, &kwargs)?;
                Value::decimal(Decimal {
                    negative: false,
                    ..d.clone()
                })
            }
            "copy_negate" => {
                no_args(&args, &kwargs)?;
                Value::decimal(d.neg())
            }
            "adjusted" => {
                no_args(&args, &kwargs)?;
                let digits = if d.coefficient.is_zero() {
                    1
                } else {
                    d.coefficient.to_str_radix(10).len() as i64
                };
                Value::int(d.exponent + digits - 1)
            }
            _ => {
                let v = Value::decimal(d.clone());
                if DECIMAL_UNIMPLEMENTED.contains(&name) {
                    return Err(unimplemented_method(&v, name));
                }
                return Err(attribute_error(&v, name));
            }
        })
    }
}
