//! The `string` module: its constants and `capwords`.

use crate::python::eval::Interpreter;
use crate::python::types::Value;

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const WHITESPACE: &str = " \t\n\r\x0b\x0c";

pub(crate) fn install(it: &mut Interpreter) {
    let s = Value::str;
    let letters = format!("{LOWER}{UPPER}");
    let printable = format!("{DIGITS}{letters}{PUNCTUATION}{WHITESPACE}");
    let members = vec![
        ("ascii_lowercase", s(LOWER)),
        ("ascii_uppercase", s(UPPER)),
        ("ascii_letters", s(&letters)),
        ("digits", s(DIGITS)),
        ("hexdigits", s("0123456789abcdefABCDEF")),
        ("octdigits", s("01234567")),
        ("punctuation", s(PUNCTUATION)),
        ("whitespace", s(WHITESPACE)),
        ("printable", s(&printable)),
        (
            "capwords",
            super::function("string", "capwords", |ex, mut a| {
                let sep = a.take_kw("sep").or_else(|| a.args.get(1).cloned());
                crate::python::builtins::unexpected_kw("capwords", &a.kwargs)?;
                a.count("capwords", 1, 2)?;
                let text = match &a.args[0] {
                    Value::Str(t) => t.clone(),
                    other => {
                        return Err(crate::python::types::ops::exc(
                            "AttributeError",
                            format!("'{}' object has no attribute 'split'", other.type_name()),
                        ))
                    }
                };
                ex.charge_text(text.len())?;
                let words: Vec<String> = match &sep {
                    None | Some(Value::None) => text
                        .split(crate::python::types::str::is_space)
                        .filter(|w| !w.is_empty())
                        .map(capitalize)
                        .collect(),
                    Some(Value::Str(sep)) if !sep.is_empty() => {
                        text.split(&**sep).map(capitalize).collect()
                    }
                    Some(Value::Str(_)) => {
                        return Err(crate::python::types::ops::exc(
                            "ValueError",
                            "empty separator",
                        ))
                    }
                    Some(other) => {
                        return Err(crate::python::types::ops::type_error(format!(
                            "must be str or None, not {}",
                            other.type_name()
                        )))
                    }
                };
                let joiner = match &sep {
                    Some(Value::Str(sep)) => sep.to_string(),
                    _ => " ".to_string(),
                };
                Ok(Value::str(&words.join(&joiner)))
            }),
        ),
    ];
    it.modules
        .insert("string".into(), super::module("string", members));
}

/// What CPython's `string` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(name, "Template" | "Formatter")
}

/// `str.capitalize`, as the `str` method does it.
fn capitalize(word: &str) -> String {
    crate::python::text::unicode::capitalize(word)
}
