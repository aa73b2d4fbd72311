//! JSON as Django's session serializer writes and reads it (`json.dumps(obj,
//! separators=(",", ":"))`, `json.loads`), on Python values; the encoder `JsonResponse` uses;
//! and the transcript's JSON view of session data.

use std::fmt::Write;

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use serde_json::Value as Json;

use crate::python::repr::float_repr;
use crate::python::{repr, Dict, PyException, Value};

/// How `json.dumps` lays out and extends its output.
pub struct Encoder<'a> {
    /// Between items: `","` (compact) or `", "` (the default).
    pub item_separator: &'a str,
    /// Between a key and its value: `":"` (compact) or `": "` (the default).
    pub key_separator: &'a str,
    /// An encoder's `default(o)`: a replacement value for something JSON cannot hold, or
    /// `None` to raise the usual `TypeError`.
    pub default: Option<&'a DefaultFn>,
    /// `ensure_ascii` (true by default): non-ASCII text as `\uXXXX` escapes.
    pub ensure_ascii: bool,
    /// `sort_keys`.
    pub sort_keys: bool,
    /// `indent`: the text repeated per level, or `None` for one line.
    pub indent: Option<String>,
}

/// An encoder's `default(o)`.
pub type DefaultFn = dyn Fn(&Value) -> Result<Option<Value>, PyException>;

impl Encoder<'_> {
    /// The session serializer's settings: `separators=(",", ":")`.
    pub const COMPACT: Encoder<'static> = Encoder {
        item_separator: ",",
        key_separator: ":",
        default: None,
        ensure_ascii: true,
        sort_keys: false,
        indent: None,
    };

    /// `json.dumps`'s default separators.
    pub const DEFAULT: Encoder<'static> = Encoder {
        item_separator: ", ",
        key_separator: ": ",
        default: None,
        ensure_ascii: true,
        sort_keys: false,
        indent: None,
    };

    /// Encodes a value, raising what Python's `json.dumps` raises.
    pub fn encode(&self, value: &Value) -> Result<String, PyException> {
        let mut out = String::new();
        let mut stack = Vec::new();
        self.write(value, &mut out, &mut stack)?;
        Ok(out)
    }

    fn write(
        &self,
        value: &Value,
        out: &mut String,
        stack: &mut Vec<usize>,
    ) -> Result<(), PyException> {
        match value {
            Value::None => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Float(f) => out.push_str(&float_text(*f)),
            Value::Str(s) => self.write_string(s, out),
            Value::List(items) => {
                let items = items.borrow().clone();
                self.write_array(value, &items, out, stack)?;
            }
            Value::Tuple(items) => self.write_array(value, items, out, stack)?,
            // A namedtuple is a tuple: a JSON array, as CPython's json writes it.
            Value::Instance(_) if matches!(value.builtin_value(), Some(Value::Tuple(_))) => {
                if let Some(Value::Tuple(items)) = value.builtin_value() {
                    self.write_array(value, items, out, stack)?
                }
            }
            Value::Dict(d) => {
                let pairs = d.borrow().items();
                let id = value.identity();
                enter(id, stack)?;
                let mut keyed = Vec::new();
                for (k, v) in pairs {
                    let key = dict_key(&k).ok_or_else(|| {
                        PyException::new(
                            "TypeError",
                            format!(
                                "keys must be str, int, float, bool or None, not {}",
                                k.type_name()
                            ),
                        )
                    })?;
                    keyed.push((key, v));
                }
                if self.sort_keys {
                    keyed.sort_by(|a, b| a.0.cmp(&b.0));
                }
                out.push('{');
                if keyed.is_empty() {
                    out.push('}');
                    stack.pop();
                    return Ok(());
                }
                for (i, (key, v)) in keyed.iter().enumerate() {
                    if i > 0 {
                        out.push_str(self.item_separator);
                    }
                    self.newline(out, stack.len());
                    self.write_string(key, out);
                    out.push_str(self.key_separator);
                    self.write(v, out, stack)?;
                }
                self.newline(out, stack.len() - 1);
                out.push('}');
                stack.pop();
            }
            other => {
                let replacement = match self.default {
                    Some(default) => default(other)?,
                    None => None,
                };
                match replacement {
                    Some(v) => {
                        let id = other.identity();
                        enter(id, stack)?;
                        self.write(&v, out, stack)?;
                        stack.pop();
                    }
                    None => return Err(not_serializable(other)),
                }
            }
        }
        Ok(())
    }

    fn write_array(
        &self,
        container: &Value,
        items: &[Value],
        out: &mut String,
        stack: &mut Vec<usize>,
    ) -> Result<(), PyException> {
        let id = container.identity();
        enter(id, stack)?;
        out.push('[');
        if items.is_empty() {
            out.push(']');
            stack.pop();
            return Ok(());
        }
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(self.item_separator);
            }
            self.newline(out, stack.len());
            self.write(item, out, stack)?;
        }
        self.newline(out, stack.len() - 1);
        out.push(']');
        stack.pop();
        Ok(())
    }
}

impl Encoder<'_> {
    fn newline(&self, out: &mut String, level: usize) {
        if let Some(indent) = &self.indent {
            out.push('\n');
            for _ in 0..level {
                out.push_str(indent);
            }
        }
    }

    fn write_string(&self, s: &str, out: &mut String) {
        if self.ensure_ascii {
            write_ascii_string(s, out);
        } else {
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
                    c => out.push(c),
                }
            }
            out.push('"');
        }
    }
}

fn enter(id: usize, stack: &mut Vec<usize>) -> Result<(), PyException> {
    if id != 0 && stack.contains(&id) {
        return Err(PyException::new(
            "ValueError",
            "Circular reference detected",
        ));
    }
    if stack.len() > 900 {
        return Err(PyException::new(
            "RecursionError",
            "maximum recursion depth exceeded while encoding a JSON object",
        ));
    }
    stack.push(id);
    Ok(())
}

/// `TypeError: Object of type datetime is not JSON serializable`.
pub fn not_serializable(value: &Value) -> PyException {
    PyException::new(
        "TypeError",
        format!(
            "Object of type {} is not JSON serializable",
            value.type_name()
        ),
    )
}

/// A float as `json.dumps` writes it (`NaN`, `Infinity`, `-Infinity` for the specials).
fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        float_repr(f)
    }
}

/// A dict key as `json.dumps` converts it, or `None` when it must refuse the key.
fn dict_key(key: &Value) -> Option<String> {
    match key {
        Value::Str(s) => Some(s.to_string()),
        Value::Float(f) => Some(float_text(*f)),
        Value::Bool(true) => Some("true".into()),
        Value::Bool(false) => Some("false".into()),
        Value::None => Some("null".into()),
        Value::Int(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A JSON string with every non-ASCII or control character escaped (`ensure_ascii`).
fn write_ascii_string(s: &str, out: &mut String) {
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
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

/// The session serializer's `dumps`: compact JSON text.
pub fn dumps(value: &Value) -> Result<String, PyException> {
    Encoder::COMPACT.encode(value)
}

/// `json.loads`: JSON text to Python values (objects to dicts, a repeated key's last value
/// winning; integers exact; `NaN`/`Infinity` accepted).
pub fn loads(text: &str) -> Result<Value, PyException> {
    let mut parser = Parser {
        text: text.as_bytes(),
        src: text,
        pos: 0,
        depth: 0,
    };
    parser.skip_ws();
    let value = parser.value()?;
    parser.skip_ws();
    if parser.pos != parser.text.len() {
        return Err(parser.error("Extra data"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a [u8],
    src: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> PyException {
        let before = &self.src[..self.pos.min(self.src.len())];
        PyException::json_decode_error(what, self.src, before.chars().count())
    }

    fn skip_ws(&mut self) {
        while self.pos < self.text.len()
            && matches!(self.text[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.text[self.pos..].starts_with(lit.as_bytes()) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Value, PyException> {
        let Some(&c) = self.text.get(self.pos) else {
            return Err(self.error("Expecting value"));
        };
        match c {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => Ok(Value::str(&self.string()?)),
            b'n' if self.eat("null") => Ok(Value::None),
            b't' if self.eat("true") => Ok(Value::Bool(true)),
            b'f' if self.eat("false") => Ok(Value::Bool(false)),
            b'N' if self.eat("NaN") => Ok(Value::Float(f64::NAN)),
            b'I' if self.eat("Infinity") => Ok(Value::Float(f64::INFINITY)),
            b'-' if self.eat("-Infinity") => Ok(Value::Float(f64::NEG_INFINITY)),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.error("Expecting value")),
        }
    }

    fn nested(&mut self) -> Result<(), PyException> {
        self.depth += 1;
        if self.depth > 900 {
            return Err(PyException::new(
                "RecursionError",
                "maximum recursion depth exceeded while decoding a JSON document",
            ));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Value, PyException> {
        self.nested()?;
        self.pos += 1;
        let mut dict = Dict::new();
        self.skip_ws();
        if self.eat("}") {
            self.depth -= 1;
            return Ok(Value::dict(dict));
        }
        loop {
            self.skip_ws();
            if self.text.get(self.pos) != Some(&b'"') {
                return Err(self.error("Expecting property name enclosed in double quotes"));
            }
            let key = self.string()?;
            self.skip_ws();
            if !self.eat(":") {
                return Err(self.error("Expecting ':' delimiter"));
            }
            self.skip_ws();
            let value = self.value()?;
            dict.insert(Value::str(&key), value)?;
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("}") {
                break;
            }
            return Err(self.error("Expecting ',' delimiter"));
        }
        self.depth -= 1;
        Ok(Value::dict(dict))
    }

    fn array(&mut self) -> Result<Value, PyException> {
        self.nested()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.eat("]") {
            self.depth -= 1;
            return Ok(Value::list(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("]") {
                break;
            }
            return Err(self.error("Expecting ',' delimiter"));
        }
        self.depth -= 1;
        Ok(Value::list(items))
    }

    fn hex4(&mut self) -> Result<u32, PyException> {
        let digits = self
            .src
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("Invalid \\uXXXX escape"))?;
        self.pos += 4;
        Ok(u32::from_str_radix(digits, 16).expect("checked hex digits"))
    }

    fn string(&mut self) -> Result<String, PyException> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.text.get(self.pos) else {
                return Err(self.error("Unterminated string starting at"));
            };
            match c {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let Some(&e) = self.text.get(self.pos + 1) else {
                        return Err(self.error("Unterminated string starting at"));
                    };
                    self.pos += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let unit = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&unit)
                                && self.text[self.pos..].starts_with(b"\\u")
                            {
                                let save = self.pos;
                                self.pos += 2;
                                let low = self.hex4()?;
                                if (0xdc00..0xe000).contains(&low) {
                                    0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                                } else {
                                    self.pos = save;
                                    unit
                                }
                            } else {
                                unit
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(self.error("Invalid \\escape")),
                    }
                }
                c if c < 0x20 => return Err(self.error("Invalid control character at")),
                _ => {
                    let ch = self.src[self.pos..].chars().next().expect("in bounds");
                    out.push(ch);
                    self.pos += ch.len_utf8();
                }
            }
        }
    }

    fn number(&mut self) -> Result<Value, PyException> {
        let start = self.pos;
        let digits = |p: &mut Parser| {
            let s = p.pos;
            while p.pos < p.text.len() && p.text[p.pos].is_ascii_digit() {
                p.pos += 1;
            }
            p.pos - s
        };
        if self.text[self.pos] == b'-' {
            self.pos += 1;
        }
        if self.text.get(self.pos) == Some(&b'0') {
            self.pos += 1;
        } else if digits(self) == 0 {
            self.pos = start;
            return Err(self.error("Expecting value"));
        }
        let mut is_float = false;
        if self.text.get(self.pos) == Some(&b'.') {
            let save = self.pos;
            self.pos += 1;
            if digits(self) == 0 {
                self.pos = save;
            } else {
                is_float = true;
            }
        }
        if matches!(self.text.get(self.pos), Some(b'e' | b'E')) {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.text.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                self.pos = save;
            } else {
                is_float = true;
            }
        }
        let text = &self.src[start..self.pos];
        if is_float {
            Ok(Value::Float(text.parse().unwrap_or(f64::NAN)))
        } else {
            let n: BigInt = text.parse().map_err(|_| self.error("Expecting value"))?;
            Ok(Value::Int(n))
        }
    }
}

/// A dict key as the transcript shows it: as `json.dumps` would write it, or the key's
/// `repr` for keys JSON refuses.
pub fn view_key(key: &Value) -> String {
    dict_key(key).unwrap_or_else(|| repr(key))
}

/// A Python value as the transcript shows it: JSON types stay, tuples become lists, dict keys
/// become strings, and anything JSON cannot hold (datetime, set, Decimal, bytes, NaN, inf…)
/// becomes its `repr`.
pub fn view(value: &Value) -> Json {
    view_depth(value, 0)
}

fn view_depth(value: &Value, depth: usize) -> Json {
    if depth > 200 {
        return Json::String(repr(value));
    }
    match value {
        Value::None => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Int(n) => int_json(n),
        Value::Float(f) if f.is_finite() => {
            serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number)
        }
        Value::List(items) => Json::Array(
            items
                .borrow()
                .iter()
                .map(|v| view_depth(v, depth + 1))
                .collect(),
        ),
        Value::Tuple(items) => {
            Json::Array(items.iter().map(|v| view_depth(v, depth + 1)).collect())
        }
        Value::Instance(_) if value_tuple(value).is_some() => match value_tuple(value) {
            Some(items) => Json::Array(items.iter().map(|v| view_depth(v, depth + 1)).collect()),
            None => Json::Null,
        },
        Value::Dict(d) => {
            let mut map = serde_json::Map::new();
            for (k, v) in d.borrow().iter() {
                map.insert(view_key(k), view_depth(v, depth + 1));
            }
            Json::Object(map)
        }
        other => Json::String(repr(other)),
    }
}

/// An integer as a JSON number (exact within 64 bits; beyond that the nearest float).
fn int_json(n: &BigInt) -> Json {
    if let Some(i) = n.to_i64() {
        Json::from(i)
    } else if let Some(u) = n.to_u64() {
        Json::from(u)
    } else {
        n.to_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Json::Null, Json::Number)
    }
}

/// Python's `json` module for views: `loads` (text or bytes) and `dumps` with `indent`,
/// `sort_keys`, `separators` and `ensure_ascii`. Until the interpreter brings its own `json`,
/// the simulator registers this one.
pub fn module() -> Vec<(&'static str, Value)> {
    use crate::django::pyargs::{iterate, Signature};
    let loads_fn = Value::native_function("loads", |args, kwargs| {
        let a = Signature {
            qualname: "loads",
            names: &["s"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let text = match a.req(0) {
            Value::Str(s) => s.to_string(),
            Value::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
            other => {
                return Err(PyException::type_error(format!(
                    "the JSON object must be str, bytes or bytearray, not {}",
                    other.type_name()
                )))
            }
        };
        loads(&text)
    });
    let dumps_fn = Value::native_function("dumps", |args, kwargs| {
        let a = Signature {
            qualname: "dumps",
            names: &["obj"],
            required: 1,
            method: false,
            var_kwargs: true,
        }
        .bind(args, kwargs)?;
        let mut seps: Option<(String, String)> = None;
        for (k, v) in &a.extra {
            if &**k == "separators" {
                let items = iterate(v)?;
                if items.len() != 2 {
                    return Err(PyException::new(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected 2, got {})",
                            items.len()
                        ),
                    ));
                }
                seps = Some((
                    crate::python::to_str(&items[0]),
                    crate::python::to_str(&items[1]),
                ));
            }
        }
        let given = seps.is_some();
        let mut enc = Encoder {
            default: None,
            ..Encoder::DEFAULT
        };
        if let Some((item, key)) = &seps {
            enc.item_separator = item;
            enc.key_separator = key;
        }
        for (k, v) in &a.extra {
            match &**k {
                "sort_keys" => enc.sort_keys = v.is_truthy(),
                "ensure_ascii" => enc.ensure_ascii = v.is_truthy(),
                "indent" => {
                    enc.indent = match v {
                        Value::None => None,
                        Value::Str(s) => Some(s.to_string()),
                        other => Some(" ".repeat(other.as_i64().unwrap_or(0).max(0) as usize)),
                    }
                }
                "separators" => {}
                "cls" if is_django_encoder(v) => {
                    enc.default = Some(&crate::django::http::django_json_default)
                }
                "cls" if v.is_none() => {}
                other => return Err(crate::django::unsupported(format!("json.dumps({other}=…)"))),
            }
        }
        if enc.indent.is_some() && !given {
            enc.item_separator = ",";
        }
        Ok(Value::str(&enc.encode(&a.req(0))?))
    });
    vec![
        ("loads", loads_fn),
        ("dumps", dumps_fn),
        ("JSONDecodeError", Value::exception_class("JSONDecodeError")),
    ]
}

/// `django.core.serializers.json.DjangoJSONEncoder`, as a class views pass to
/// `JsonResponse(encoder=…)` or `json.dumps(cls=…)` (it is not instantiated here).
pub struct DjangoEncoderClass;

impl crate::python::NativeObject for DjangoEncoderClass {
    fn type_name(&self) -> &str {
        "type"
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "__name__" | "__qualname__" => Ok(Value::str("DjangoJSONEncoder")),
            "__module__" => Ok(Value::str("django.core.serializers.json")),
            _ => Err(PyException::new(
                "AttributeError",
                format!("type object 'DjangoJSONEncoder' has no attribute '{name}'"),
            )),
        }
    }

    fn repr(&self) -> String {
        "<class 'django.core.serializers.json.DjangoJSONEncoder'>".into()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The `DjangoJSONEncoder` class value.
pub fn django_encoder_class() -> Value {
    Value::Native(std::rc::Rc::new(DjangoEncoderClass))
}

/// Whether a value is `DjangoJSONEncoder`.
pub fn is_django_encoder(value: &Value) -> bool {
    matches!(value, Value::Native(obj) if obj.as_any().downcast_ref::<DjangoEncoderClass>().is_some())
}

/// The tuple a namedtuple instance carries.
fn value_tuple(v: &Value) -> Option<&[Value]> {
    match v.builtin_value() {
        Some(Value::Tuple(items)) => Some(items),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::{Date, DateTime, Decimal, Set};
    use serde_json::json;

    fn dict(pairs: Vec<(Value, Value)>) -> Value {
        Value::dict(Dict::from_pairs(pairs).unwrap())
    }

    fn s(text: &str) -> Value {
        Value::str(text)
    }

    // Expected texts are Python 3.11's `json.dumps(obj, separators=(",", ":"))`.
    #[test]
    fn encodes_like_python() {
        let big: BigInt = BigInt::from(2).pow(70);
        let v = dict(vec![
            (s("n"), Value::None),
            (s("b"), Value::Bool(true)),
            (s("i"), Value::Int(big)),
            (s("f"), Value::Float(0.1)),
            (s("e"), Value::Float(1e16)),
            (s("w"), Value::Float(2.0)),
            (s("nan"), Value::Float(f64::NAN)),
            (s("inf"), Value::Float(f64::NEG_INFINITY)),
            (
                s("t"),
                Value::tuple(vec![Value::int(1), Value::int(2), s("x")]),
            ),
            (s("u"), s("é☃😀\"\\\n\u{7f}")),
            (Value::int(7), s("seven")),
            (Value::Float(1.5), s("f")),
            (Value::Bool(false), s("b")),
            (Value::None, s("n")),
            (s("d"), dict(vec![])),
        ]);
        assert_eq!(
            dumps(&v).unwrap(),
            r#"{"n":null,"b":true,"i":1180591620717411303424,"f":0.1,"e":1e+16,"w":2.0,"nan":NaN,"inf":-Infinity,"t":[1,2,"x"],"u":"\u00e9\u2603\ud83d\ude00\"\\\n\u007f","7":"seven","1.5":"f","false":"b","null":"n","d":{}}"#
        );
        assert_eq!(
            Encoder::DEFAULT
                .encode(&dict(vec![(
                    s("a"),
                    Value::list(vec![Value::int(1), Value::int(2)])
                )]))
                .unwrap(),
            r#"{"a": [1, 2]}"#
        );
    }

    #[test]
    fn refuses_what_python_refuses() {
        let dt = Value::DateTime(DateTime::new(2024, 1, 2, 3, 4, 5, 0, false).unwrap());
        let cases = vec![
            (dt, "Object of type datetime is not JSON serializable"),
            (
                Value::Date(Date::new(2024, 1, 2).unwrap()),
                "Object of type date is not JSON serializable",
            ),
            (
                Value::decimal(Decimal::parse("1.5").unwrap()),
                "Object of type Decimal is not JSON serializable",
            ),
            (
                Value::set(Set::from_values(vec![Value::int(1)]).unwrap()),
                "Object of type set is not JSON serializable",
            ),
            (
                Value::bytes(b"x"),
                "Object of type bytes is not JSON serializable",
            ),
        ];
        for (value, message) in cases {
            let err = dumps(&dict(vec![(s("k"), value)])).unwrap_err();
            assert_eq!(err.display(), format!("TypeError: {message}"));
        }
        let err = dumps(&dict(vec![(Value::tuple(vec![Value::int(1)]), s("x"))])).unwrap_err();
        assert_eq!(
            err.display(),
            "TypeError: keys must be str, int, float, bool or None, not tuple"
        );
        let me = Value::list(vec![]);
        if let Value::List(l) = &me {
            l.borrow_mut().push(me.clone());
        }
        assert_eq!(
            dumps(&me).unwrap_err().display(),
            "ValueError: Circular reference detected"
        );
        // The same list twice (not nested in itself) is fine.
        let shared = Value::list(vec![Value::int(1)]);
        assert_eq!(
            dumps(&Value::list(vec![shared.clone(), shared])).unwrap(),
            "[[1],[1]]"
        );
    }

    #[test]
    fn decodes_like_python() {
        let v = loads(r#"{"1":"int","1":"str","big":1180591620717411303424,"f":1.0,"e":1e2,"n":NaN,"i":-Infinity,"s":"\u00e9\ud83d\ude00\/","l":[true,false,null],"neg":-0}"#).unwrap();
        assert_eq!(
            repr(&v),
            "{'1': 'str', 'big': 1180591620717411303424, 'f': 1.0, 'e': 100.0, 'n': nan, 'i': -inf, 's': 'é😀/', 'l': [True, False, None], 'neg': 0}"
        );
        assert!(loads("{").is_err());
        assert!(loads("[1,]").is_err());
        assert!(loads("{} x").is_err());
        assert!(loads("\"a\nb\"").is_err());
        assert_eq!(
            loads("").unwrap_err().display(),
            "JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
        );
    }

    #[test]
    fn round_trips_turn_tuples_into_lists_and_keys_into_strings() {
        let v = dict(vec![
            (s("t"), Value::tuple(vec![Value::int(1), Value::int(2)])),
            (Value::int(0), s("bar")),
        ]);
        let back = loads(&dumps(&v).unwrap()).unwrap();
        assert_eq!(repr(&back), "{'t': [1, 2], '0': 'bar'}");
    }

    #[test]
    fn the_transcript_view() {
        let dt = Value::DateTime(DateTime::new(2024, 1, 2, 3, 4, 5, 0, false).unwrap());
        let v = dict(vec![
            (s("d"), dt),
            (s("t"), Value::tuple(vec![Value::int(1)])),
            (Value::int(1), s("int")),
            (s("1"), s("str")),
            (s("nan"), Value::Float(f64::NAN)),
            (s("f"), Value::Float(1.0)),
            (
                s("set"),
                Value::set(Set::from_values(vec![Value::int(1)]).unwrap()),
            ),
            (
                Value::tuple(vec![Value::int(1), Value::int(2)]),
                s("tuple key"),
            ),
        ]);
        assert_eq!(
            view(&v),
            json!({"d": "datetime.datetime(2024, 1, 2, 3, 4, 5)", "t": [1], "1": "str",
                   "nan": "nan", "f": 1.0, "set": "{1}", "(1, 2)": "tuple key"})
        );
        assert!(view(&Value::Float(1.0)).is_f64());
        assert!(view(&Value::int(1)).is_u64());
    }
}
