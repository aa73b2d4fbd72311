//! `str`: its methods and `str.format`.

use std::rc::Rc;

use crate::python::builtins::{arg_range, exactly_one, no_kwargs, take_kw, unexpected_kw, Kwargs};
use crate::python::eval::attr::{attribute_error, s, unimplemented_method};
use crate::python::eval::{make_iter, snapshot_iterable, Exec};
use crate::python::text::unicode::{self, Case};
use crate::python::types::ops::{self, as_index, exc, type_error};
use crate::python::types::Value;
use crate::python::{PyError, PyException};

pub(crate) const STR_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "expandtabs",
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
    "isprintable",
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
pub(crate) const STR_UNIMPLEMENTED: &[&str] = &["format_map", "maketrans", "translate"];

pub(crate) fn str_arg(v: &Value, what: impl FnOnce(&Value) -> String) -> Result<&str, PyError> {
    match v {
        Value::Str(x) => Ok(x),
        other => Err(type_error(what(other))),
    }
}

/// Optional `start`/`end` arguments of `find`, `count`, `startswith`, … as char positions.
pub(crate) fn char_range(args: &[Value], len: usize) -> Result<(usize, usize), PyError> {
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

/// The part of `text` from char `from` up to char `to`.
pub(crate) fn char_window(text: &str, from: usize, to: usize) -> &str {
    let start = text.char_indices().nth(from).map_or(text.len(), |(i, _)| i);
    let rest = &text[start..];
    let end = rest
        .char_indices()
        .nth(to.saturating_sub(from))
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// Where `needle` first (or last) occurs in `text` between chars `from` and `to`, as a char
/// index; a linear search (`memchr::memmem`), so a long needle costs no more than a short one.
pub(crate) fn find_in(
    text: &str,
    needle: &str,
    from: usize,
    to: usize,
    reverse: bool,
) -> Option<usize> {
    if from > to {
        return None;
    }
    let window = char_window(text, from, to);
    if needle.len() > window.len() {
        return None;
    }
    let at = if reverse {
        memchr::memmem::rfind(window.as_bytes(), needle.as_bytes())
    } else {
        memchr::memmem::find(window.as_bytes(), needle.as_bytes())
    }?;
    Some(from + window[..at].chars().count())
}

pub(crate) fn is_space(c: char) -> bool {
    unicode::has(c, unicode::SPACE)
}

pub(crate) fn split_whitespace(text: &str, maxsplit: i64, reverse: bool) -> Vec<Value> {
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

/// `str.expandtabs`: each tab becomes the spaces to the next multiple of `size` columns (or
/// nothing when `size` is not positive); a newline or carriage return starts column 0 again.
fn expand_tabs(text: &str, size: i64) -> Result<String, PyError> {
    let mut out = String::with_capacity(text.len());
    let mut column: u128 = 0;
    let mut total: u128 = 0;
    for c in text.chars() {
        if c == '\t' {
            if size > 0 {
                let n = size as u128 - column % size as u128;
                column += n;
                total += n;
                if total > ops::MAX_STR_LEN as u128 {
                    return Err(ops::too_long(total));
                }
                out.extend(std::iter::repeat_n(' ', n as usize));
            }
        } else {
            out.push(c);
            total += 1;
            column = if matches!(c, '\n' | '\r') {
                0
            } else {
                column + 1
            };
        }
    }
    Ok(out)
}

pub(crate) fn line_break(c: char) -> bool {
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

impl Exec<'_> {
    pub(crate) fn str_method(
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
            "upper" | "lower" | "casefold" | "swapcase" | "title" | "capitalize" => {
                no_args(&args, &kwargs)?;
                s(&match name {
                    "upper" => unicode::map_case(t, Case::Upper),
                    "lower" => unicode::map_case(t, Case::Lower),
                    "casefold" => unicode::map_case(t, Case::Fold),
                    "swapcase" => unicode::swapcase(t),
                    "title" => unicode::title(t),
                    _ => unicode::capitalize(t),
                })
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
                let most = if maxsplit < 0 {
                    u128::MAX
                } else {
                    maxsplit as u128 + 1
                };
                let parts = match &sep {
                    Value::None => {
                        // The pieces are counted before any is made.
                        let words = t.split(is_space).filter(|w| !w.is_empty()).count();
                        crate::python::eval::budget::check_items((words as u128).min(most))?;
                        split_whitespace(t, maxsplit, reverse)
                    }
                    Value::Str(sep) => {
                        if sep.is_empty() {
                            return Err(exc("ValueError", "empty separator"));
                        }
                        let found = memchr::memmem::find_iter(t.as_bytes(), sep.as_bytes()).count();
                        crate::python::eval::budget::check_items((found as u128 + 1).min(most))?;
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
                        self.charge(pieces.len())?;
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
                        if out.len() >= ops::MAX_ITEMS {
                            return Err(ops::too_many_items(out.len() as u128 + 1));
                        }
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
                let len = t.chars().count();
                let (a, b) = char_range(&args[1..], len)?;
                self.charge_text(sub.len())?;
                if name == "count" {
                    if sub.is_empty() {
                        return Ok(Value::int((b.saturating_sub(a) + 1) as i64));
                    }
                    if a > len {
                        return Ok(Value::int(0));
                    }
                    let window = char_window(t, a, b);
                    return Ok(Value::int(
                        memchr::memmem::find_iter(window.as_bytes(), sub.as_bytes()).count() as i64,
                    ));
                }
                let reverse = name.starts_with('r');
                match find_in(t, sub, a, b, reverse) {
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
            "expandtabs" => {
                let given = args.len() + kwargs.len();
                if given > 1 {
                    let what = if args.is_empty() {
                        "keyword argument"
                    } else {
                        "argument"
                    };
                    return Err(type_error(format!(
                        "expandtabs() takes at most 1 {what} ({given} given)"
                    )));
                }
                if let Some((k, _)) = kwargs.iter().find(|(k, _)| &**k != "tabsize") {
                    return Err(type_error(format!(
                        "'{k}' is an invalid keyword argument for expandtabs()"
                    )));
                }
                let size = match args.first().or(kwargs.first().map(|(_, v)| v)) {
                    None => 8,
                    Some(v) => {
                        let n = as_index(v).ok().filter(|n| i32::try_from(*n).is_ok());
                        match n {
                            Some(n) => n,
                            None => {
                                as_index(v)?;
                                return Err(exc(
                                    "OverflowError",
                                    "Python int too large to convert to C int",
                                ));
                            }
                        }
                    }
                };
                s(&expand_tabs(t, size)?)
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
            | "isascii" | "islower" | "isupper" | "istitle" | "isidentifier" | "isprintable" => {
                no_args(&args, &kwargs)?;
                let nonempty = !t.is_empty();
                Value::Bool(match name {
                    "isdigit" => nonempty && t.chars().all(|c| unicode::has(c, unicode::DIGIT)),
                    "isdecimal" => nonempty && t.chars().all(|c| unicode::has(c, unicode::DECIMAL)),
                    "isnumeric" => nonempty && t.chars().all(|c| unicode::has(c, unicode::NUMERIC)),
                    "isalpha" => nonempty && t.chars().all(|c| unicode::has(c, unicode::ALPHA)),
                    "isalnum" => {
                        const ALNUM: u16 =
                            unicode::ALPHA | unicode::DECIMAL | unicode::DIGIT | unicode::NUMERIC;
                        nonempty && t.chars().all(|c| unicode::flags(c) & ALNUM != 0)
                    }
                    "isspace" => nonempty && t.chars().all(is_space),
                    "isprintable" => t.chars().all(|c| unicode::has(c, unicode::PRINTABLE)),
                    "isascii" => t.is_ascii(),
                    "islower" => unicode::is_case(t, unicode::LOWER, unicode::UPPER),
                    "isupper" => unicode::is_case(t, unicode::UPPER, unicode::LOWER),
                    "istitle" => unicode::is_title(t),
                    _ => unicode::is_identifier(t),
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
    pub(crate) fn str_format(
        &mut self,
        t: &str,
        args: &[Value],
        kwargs: &Kwargs,
    ) -> Result<String, PyError> {
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
            out.push_str(&self.format_of(&value, &spec)?);
            if out.len() > ops::MAX_STR_LEN {
                return Err(ops::too_long(out.len() as u128));
            }
        }
        Ok(out)
    }
}
