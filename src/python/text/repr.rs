//! Python's `repr()` and `str()`, character for character.

use crate::python::stdlib::namedtuple;
use std::fmt::Write;

use crate::python::types::{DictViewKind, PyType, Value, Wrapped};

/// Python's `repr(f)` for a float: the shortest digits that round-trip, in fixed notation
/// for exponents from -4 to 15 and in scientific notation (`1e+16`, `1e-05`) otherwise.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "1.2345e-5".
    let sci = format!("{:e}", f);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp >= n - 1 {
            format!("{digits}{}.0", "0".repeat((exp - (n - 1)) as usize))
        } else if exp >= 0 {
            let (a, b) = digits.split_at((exp + 1) as usize);
            format!("{a}.{b}")
        } else {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.abs())
    }
}

/// Whether Python's `str.isprintable()` holds for a character.
fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    super::unicode::has(c, super::unicode::PRINTABLE)
}

/// Python's `repr()` of a str, with its choice of quotes and its escapes.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let u = c as u32;
                if u < 0x100 {
                    let _ = write!(out, "\\x{u:02x}");
                } else if u < 0x10000 {
                    let _ = write!(out, "\\u{u:04x}");
                } else {
                    let _ = write!(out, "\\U{u:08x}");
                }
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `repr()` of bytes.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

thread_local! {
    /// Past this many bytes a repr stops growing (a list holding one big list many times
    /// would otherwise print gigabytes): by default just past the longest string a run may
    /// build, so a caller that sees a longer result knows it was cut.
    static REPR_LIMIT: std::cell::Cell<usize> =
        const { std::cell::Cell::new(crate::python::types::ops::MAX_STR_LEN + 1) };
}

fn over_limit(out: &str) -> bool {
    out.len() > REPR_LIMIT.with(|l| l.get())
}

/// Python's `repr()`. Past the longest string the simulator builds
/// ([`MAX_STR_LEN`](crate::python::types::ops::MAX_STR_LEN)) the text is cut short: a result
/// longer than that limit was cut.
pub fn repr(v: &Value) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    write_repr(v, &mut out, &mut seen);
    out
}

/// `repr()` for display: at most about `max` bytes, cut with `…` when longer. The work is
/// in proportion to what is shown, however big the value.
pub fn repr_limited(v: &Value, max: usize) -> String {
    let old = REPR_LIMIT.with(|l| l.replace(max));
    let mut out = repr(v);
    REPR_LIMIT.with(|l| l.set(old));
    if out.len() > max {
        let mut cut = max;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
        out.shrink_to_fit();
    }
    out
}

/// `repr()` for the interpreter: `None` when the value nests deeper than Python would
/// print (Python raises `RecursionError` there).
pub(crate) fn repr_checked(v: &Value) -> Option<String> {
    if nesting_exceeds(v, MAX_REPR_DEPTH) {
        return None;
    }
    Some(repr(v))
}

/// Whether containers nest more than `limit` levels (self-references do not count).
fn nesting_exceeds(v: &Value, limit: usize) -> bool {
    let mut stack: Vec<(Value, usize)> = vec![(v.clone(), 0)];
    let mut seen = std::collections::HashSet::new();
    while let Some((v, depth)) = stack.pop() {
        // A container shared many times is looked into once.
        let id = v.identity();
        let container = matches!(
            v,
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::DictView(..) | Value::Set(_)
        );
        if container && depth < limit && id != 0 && seen.contains(&id) {
            continue;
        }
        let children: Vec<Value> = match &v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            Value::Dict(d) | Value::DictView(d, _) => d
                .borrow()
                .iter()
                .flat_map(|(k, v)| [k.clone(), v.clone()])
                .collect(),
            Value::Set(s) => s.borrow().values(),
            _ => continue,
        };
        if depth >= limit {
            return true;
        }
        if id != 0 && !seen.insert(id) {
            continue;
        }
        stack.extend(children.into_iter().map(|c| (c, depth + 1)));
    }
    false
}

/// Python's `str()`.
pub fn to_str(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::DateTime(d) => d.to_str(),
        Value::Date(d) => d.isoformat(),
        Value::Time(t) => t.isoformat(),
        Value::TimeDelta(d) => d.to_str(),
        Value::Decimal(d) => d.to_str(),
        Value::Exception(e) => e.message(),
        Value::Native(obj) => obj.to_str(),
        _ => repr(v),
    }
}

const MAX_REPR_DEPTH: usize = 200;

fn write_seq<'a>(items: impl Iterator<Item = &'a Value>, out: &mut String, seen: &mut Vec<usize>) {
    for (i, item) in items.enumerate() {
        if over_limit(out) {
            return;
        }
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(item, out, seen);
    }
}

fn write_repr(v: &Value, out: &mut String, seen: &mut Vec<usize>) {
    if over_limit(out) {
        return;
    }
    // Containers that can hold themselves print `[...]` / `{...}` on re-entry.
    let id = match v {
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::DictView(..) => v.identity(),
        // A dataclass's repr shows `...` on re-entry (`reprlib.recursive_repr`).
        Value::Instance(i) if crate::python::stdlib::dataclasses::repr_fields(i).is_some() => {
            v.identity()
        }
        _ => 0,
    };
    if id != 0 && seen.contains(&id) || seen.len() > MAX_REPR_DEPTH {
        out.push_str(match v {
            Value::List(_) => "[...]",
            Value::Instance(_) => "...",
            _ => "{...}",
        });
        return;
    }
    seen.push(id);
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => {
            // Only as much as can still be shown is converted (the result is cut anyway).
            let room = REPR_LIMIT.with(|l| l.get()).saturating_sub(out.len()) + 8;
            if s.len() > room {
                let mut cut = room;
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                out.push_str(&str_repr(&s[..cut]));
            } else {
                out.push_str(&str_repr(s));
            }
        }
        Value::Bytes(b) => {
            let room = REPR_LIMIT.with(|l| l.get()).saturating_sub(out.len()) + 8;
            out.push_str(&bytes_repr(&b[..b.len().min(room)]));
        }
        Value::List(items) => {
            out.push('[');
            let items = items.borrow();
            write_seq(items.iter(), out, seen);
            out.push(']');
        }
        Value::Tuple(items) => {
            out.push('(');
            write_seq(items.iter(), out, seen);
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::Dict(d) if crate::python::types::dict::flavor_of(d).is_some() => {
            let (prefix, body, suffix) = crate::python::stdlib::collections::repr_parts(d);
            out.push_str(&prefix);
            if let Some(body) = body {
                write_repr(&body, out, seen);
            }
            out.push_str(suffix);
        }
        Value::Dict(d) => {
            out.push('{');
            let d = d.borrow();
            for (i, (k, val)) in d.iter().enumerate() {
                if over_limit(out) {
                    break;
                }
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(k, out, seen);
                out.push_str(": ");
                write_repr(val, out, seen);
            }
            out.push('}');
        }
        Value::Set(s) => {
            let s = s.borrow();
            if s.frozen {
                out.push_str("frozenset(");
                if !s.is_empty() {
                    out.push('{');
                    write_seq(s.iter(), out, seen);
                    out.push('}');
                }
                out.push(')');
            } else if s.is_empty() {
                out.push_str("set()");
            } else {
                out.push('{');
                write_seq(s.iter(), out, seen);
                out.push('}');
            }
        }
        Value::DictView(d, kind) => {
            let d = d.borrow();
            let name = match kind {
                DictViewKind::Keys => "dict_keys",
                DictViewKind::Values => "dict_values",
                DictViewKind::Items => "dict_items",
            };
            if let Some(crate::python::types::Flavor::OrderedDict) = d.flavor.as_deref() {
                out.push('o');
                out.push_str(name);
            } else {
                out.push_str(name);
            }
            out.push_str("([");
            for (i, (k, val)) in d.iter().enumerate() {
                if over_limit(out) {
                    break;
                }
                if i > 0 {
                    out.push_str(", ");
                }
                match kind {
                    DictViewKind::Keys => write_repr(k, out, seen),
                    DictViewKind::Values => write_repr(val, out, seen),
                    DictViewKind::Items => {
                        out.push('(');
                        write_repr(k, out, seen);
                        out.push_str(", ");
                        write_repr(val, out, seen);
                        out.push(')');
                    }
                }
            }
            out.push_str("])");
        }
        Value::DateTime(d) => out.push_str(&d.repr()),
        Value::Date(d) => out.push_str(&d.repr()),
        Value::Time(t) => out.push_str(&t.repr()),
        Value::TimeDelta(d) => out.push_str(&d.repr()),
        Value::Decimal(d) => out.push_str(&d.repr()),
        Value::Range(r) => {
            if num_traits::One::is_one(&r.step) {
                let _ = write!(out, "range({}, {})", r.start, r.stop);
            } else {
                let _ = write!(out, "range({}, {}, {})", r.start, r.stop, r.step);
            }
        }
        Value::Iterator(it) => {
            let _ = write!(out, "<{} object at {:#x}>", it.kind, v.identity());
        }
        Value::Function(f) => {
            let _ = write!(out, "<function {} at {:#x}>", f.qualname(), v.identity());
        }
        Value::Builtin(b) => {
            let _ = write!(out, "<built-in function {}>", b.name());
        }
        Value::Method(m) => out.push_str(&method_repr(m)),
        Value::NativeFunction(f) => {
            let _ = write!(out, "<function {} at {:#x}>", f.name, v.identity());
        }
        Value::NativeMethod(obj, name) => {
            let _ = write!(
                out,
                "<bound method {}.{} of {}>",
                obj.type_name(),
                name,
                obj.repr()
            );
        }
        Value::Native(obj) => out.push_str(&obj.repr()),
        Value::Type(t) => {
            let _ = write!(out, "<class '{}'>", type_repr_name(t));
        }
        Value::Exception(e) => out.push_str(&e.repr()),
        Value::Module(m) => {
            let _ = write!(out, "<module '{}'>", m.name);
        }
        Value::Instance(i) if i.value.is_some() && namedtuple::uses_own_repr(i) => {
            let items = match &i.value {
                Some(Value::Tuple(t)) => t.clone(),
                _ => std::rc::Rc::from(Vec::new()),
            };
            let reprs: Vec<String> = items
                .iter()
                .map(|x| {
                    let mut s = String::new();
                    write_repr(x, &mut s, seen);
                    s
                })
                .collect();
            out.push_str(&namedtuple::repr_with(i, &reprs));
        }
        Value::Instance(i) if crate::python::stdlib::dataclasses::repr_fields(i).is_some() => {
            let fields = crate::python::stdlib::dataclasses::repr_fields(i).unwrap_or_default();
            let _ = write!(out, "{}(", i.class.qualname);
            for (n, f) in fields.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{f}=");
                match i.get(f) {
                    Some(x) => write_repr(&x, out, seen),
                    None => out.push_str("<missing>"),
                }
            }
            out.push(')');
        }
        Value::Instance(i) if i.value.is_some() && i.class.lookup("__repr__").is_none() => {
            if let Some(b) = &i.value {
                write_repr(b, out, seen);
            }
        }
        Value::Instance(i) => {
            let _ = write!(
                out,
                "<{}.{} object at {:#x}>",
                i.class.module,
                i.class.qualname,
                v.identity()
            );
        }
        Value::Wrapped(w) => match &**w {
            Wrapped::BoundMethod { func, receiver } => {
                let name = bound_method_name(func);
                let _ = write!(out, "<bound method {name} of ");
                write_repr(receiver, out, seen);
                out.push('>');
            }
            Wrapped::StaticMethod(f) | Wrapped::ClassMethod(f) => {
                let _ = write!(out, "<{}(", w.type_name());
                write_repr(f, out, seen);
                out.push_str(")>");
            }
            Wrapped::Super { class, receiver } => {
                let _ = write!(
                    out,
                    "<super: <class '{}'>, <{} object>>",
                    class.name,
                    receiver.type_name()
                );
            }
            Wrapped::Property { .. } | Wrapped::PropertySetter { .. } => {
                let _ = write!(out, "<{} object at {:#x}>", w.type_name(), v.identity());
            }
        },
    }
    seen.pop();
}

fn type_repr_name(t: &PyType) -> std::borrow::Cow<'_, str> {
    t.qualified_name()
}

/// The name a bound method's repr gives its function: the qualified name of a function or
/// of a cached function (`C.m`), else the type's name.
pub(crate) fn bound_method_name(func: &Value) -> String {
    match func {
        Value::Function(f) => f.qualname(),
        Value::Native(obj) => match obj.get_attr("__qualname__") {
            Ok(Value::Str(q)) => q.to_string(),
            _ => func.type_name(),
        },
        other => other.type_name(),
    }
}

/// A built-in method's repr: bound (`<built-in method upper of str object at …>`,
/// `<method-wrapper '__len__' of str object at …>`) or taken from its class
/// (`<method 'upper' of 'str' objects>`, `<slot wrapper '__len__' of 'str' objects>`).
fn method_repr(m: &crate::python::types::BoundMethod) -> String {
    use crate::python::types::special::{is_special, method_type_name};
    use crate::python::types::{BuiltinType, PyType};
    let kind = method_type_name(&m.receiver, &m.name);
    if let (Value::Type(PyType::Builtin(b)), Some(kind)) = (&m.receiver, kind) {
        // A bool's special methods are the int's.
        let owner = if *b == BuiltinType::Bool && is_special(&m.name) {
            "int"
        } else {
            b.name()
        };
        let what = if kind == "wrapper_descriptor" {
            "slot wrapper"
        } else {
            "method"
        };
        return format!("<{what} '{}' of '{owner}' objects>", m.name);
    }
    if kind == Some("method-wrapper") {
        return format!(
            "<method-wrapper '{}' of {} object at {:#x}>",
            m.name,
            m.receiver.type_name(),
            m.receiver.identity()
        );
    }
    let owner = match &m.receiver {
        Value::Type(_) => "type".to_string(),
        other => other.type_name(),
    };
    format!(
        "<built-in method {} of {} object at {:#x}>",
        m.name,
        owner,
        m.receiver.identity()
    )
}

/// `ascii()` of a repr: characters outside ASCII as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub(crate) fn ascii_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::value::{Date, DateTime, Decimal, Dict, Set, TimeDelta};

    // Expected strings are what CPython 3.11 prints for the same values.
    #[test]
    fn float_repr_matches_python() {
        let cases: &[(f64, &str)] = &[
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (1234567890123456.7, "1234567890123456.8"),
            (1e22, "1e+22"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (f64::NAN, "nan"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (2.5e-310, "2.5e-310"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (100.0, "100.0"),
            (12345678901234567890.0, "1.2345678901234567e+19"),
            (0.1 + 0.2, "0.30000000000000004"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(*f), *want, "{f:e}");
        }
    }

    #[test]
    fn str_and_bytes_repr_match_python() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("\"q\""), "'\"q\"'");
        assert_eq!(str_repr("both'\""), "'both\\'\"'");
        assert_eq!(
            str_repr("\x00\t\n\r\x7f\u{a0}\u{ad}\u{2028}\u{200b}\u{1f600}é\\"),
            "'\\x00\\t\\n\\r\\x7f\\xa0\\xad\\u2028\\u200b\u{1f600}é\\\\'"
        );
        assert_eq!(bytes_repr(b"a'b\x00\xff\t"), "b\"a'b\\x00\\xff\\t\"");
        assert_eq!(bytes_repr(b"\"x\""), "b'\"x\"'");
    }

    #[test]
    fn container_reprs_match_python() {
        assert_eq!(repr(&Value::set(Set::new())), "set()");
        let s = Set::from_values(vec![Value::int(1), Value::int(2)]).unwrap();
        assert_eq!(repr(&Value::set(s)), "{1, 2}");
        assert_eq!(repr(&Value::tuple(vec![Value::int(1)])), "(1,)");
        assert_eq!(repr(&Value::tuple(vec![])), "()");
        let mut d = Dict::new();
        d.insert(Value::str("a"), Value::int(1)).unwrap();
        let d = std::rc::Rc::new(std::cell::RefCell::new(d));
        assert_eq!(
            repr(&Value::DictView(d.clone(), DictViewKind::Keys)),
            "dict_keys(['a'])"
        );
        assert_eq!(
            repr(&Value::DictView(d.clone(), DictViewKind::Items)),
            "dict_items([('a', 1)])"
        );
        assert_eq!(
            repr(&Value::DictView(d.clone(), DictViewKind::Values)),
            "dict_values([1])"
        );
        assert_eq!(repr(&Value::Dict(d)), "{'a': 1}");
        let nested = Value::list(vec![
            Value::None,
            Value::Bool(true),
            Value::float(1.5),
            Value::str("x"),
            Value::tuple(vec![Value::int(-3)]),
        ]);
        assert_eq!(repr(&nested), "[None, True, 1.5, 'x', (-3,)]");
    }

    #[test]
    fn library_value_reprs_match_python() {
        let dt = DateTime::new(2024, 1, 2, 3, 4, 5, 0, false).unwrap();
        assert_eq!(
            repr(&Value::DateTime(dt)),
            "datetime.datetime(2024, 1, 2, 3, 4, 5)"
        );
        assert_eq!(to_str(&Value::DateTime(dt)), "2024-01-02 03:04:05");
        let d = Date::new(2024, 1, 2).unwrap();
        assert_eq!(repr(&Value::Date(d)), "datetime.date(2024, 1, 2)");
        assert_eq!(to_str(&Value::Date(d)), "2024-01-02");
        let td = TimeDelta::new(1, 5, 0).unwrap();
        assert_eq!(
            repr(&Value::TimeDelta(td)),
            "datetime.timedelta(days=1, seconds=5)"
        );
        assert_eq!(to_str(&Value::TimeDelta(td)), "1 day, 0:00:05");
        let dec = Decimal::parse("1.10").unwrap();
        assert_eq!(repr(&Value::decimal(dec.clone())), "Decimal('1.10')");
        assert_eq!(to_str(&Value::decimal(dec)), "1.10");
        assert_eq!(repr(&Value::bytes(b"ab")), "b'ab'");
        assert_eq!(
            repr(&Value::Type(PyType::Builtin(
                crate::python::value::BuiltinType::DateTime
            ))),
            "<class 'datetime.datetime'>"
        );
        assert_eq!(
            repr(&Value::exception_class("KeyError")),
            "<class 'KeyError'>"
        );
    }

    #[test]
    fn self_referencing_list_prints_ellipsis() {
        let l = Value::list(vec![Value::int(1)]);
        if let Value::List(inner) = &l {
            inner.borrow_mut().push(l.clone());
        }
        assert_eq!(repr(&l), "[1, [...]]");
    }
}
