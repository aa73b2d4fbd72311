//! The `datetime` module: `datetime`, `date`, `timedelta`, `timezone` (the values and their
//! methods are in `types::datetime`), and `datetime.strptime`, which matches the text the
//! way CPython's `_strptime` regular expressions do (the same alternatives in the same
//! order, case-insensitive, backtracking) and gives the same errors.

use std::rc::Rc;

use crate::python::eval::Interpreter;
use crate::python::types::{BuiltinType, NativeObject, PyType, Tz, Value};
use crate::python::{PyError, PyException};

/// A `datetime.timezone` value: a fixed offset with an optional name.
pub(crate) struct Zone(pub(crate) Tz);

impl NativeObject for Zone {
    fn type_name(&self) -> &str {
        if self.0.is_zoneinfo() {
            "ZoneInfo"
        } else {
            "timezone"
        }
    }
    fn qualified_name(&self) -> String {
        if self.0.is_zoneinfo() {
            "zoneinfo.ZoneInfo".into()
        } else {
            "datetime.timezone".into()
        }
    }
    fn repr(&self) -> String {
        self.0.repr()
    }
    fn to_str(&self) -> String {
        self.0.tzname()
    }
    fn error_name(&self) -> &str {
        if self.0.is_zoneinfo() {
            "zoneinfo.ZoneInfo"
        } else {
            "datetime.timezone"
        }
    }
    /// Zones are equal (and hash alike) when their offsets are, whatever their names; the
    /// one `ZoneInfo` is only equal to itself (its type differs).
    fn eq_key(&self) -> Option<Value> {
        Some(Value::TimeDelta(self.0.delta()))
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(name, "utcoffset" | "tzname" | "dst" | "fromutc")
    }
    fn unsupported_attr(&self, name: &str) -> bool {
        matches!(name, "__reduce__" | "__getinitargs__")
    }
    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        if !kwargs.is_empty() {
            return Err(PyException::type_error(format!(
                "timezone.{name}() takes no keyword arguments"
            )));
        }
        if args.len() != 1 {
            return Err(PyException::type_error(format!(
                "timezone.{name}() takes exactly one argument ({} given)",
                args.len()
            )));
        }
        let arg = &args[0];
        if name == "fromutc" {
            return match arg {
                Value::DateTime(d) if d.tz.is_some_and(|tz| tz == self.0) => {
                    Ok(Value::DateTime(d.add(&self.0.delta())?))
                }
                Value::DateTime(_) => {
                    Err(PyException::value_error("fromutc: dt.tzinfo is not self"))
                }
                _ => Err(PyException::type_error(
                    "fromutc: argument must be a datetime",
                )),
            };
        }
        if !matches!(arg, Value::None | Value::DateTime(_)) {
            return Err(PyException::type_error(format!(
                "{name}(dt) argument must be a datetime instance or None, not {}",
                arg.error_type_name()
            )));
        }
        Ok(match name {
            "utcoffset" => Value::TimeDelta(self.0.delta()),
            "tzname" => Value::str(&self.0.tzname()),
            _ => self.0.dst().map_or(Value::None, Value::TimeDelta),
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

thread_local! {
    static UTC: Value = Value::Native(Rc::new(Zone(Tz::UTC)));
    static ZONEINFO_UTC: Value = Value::Native(Rc::new(Zone(Tz::ZONEINFO_UTC)));
}

/// The value of a zone (`timezone.utc` and `ZoneInfo('UTC')` are always the same objects,
/// as in CPython).
pub(crate) fn zone_value(tz: Tz) -> Value {
    if tz.is_utc_singleton() {
        return utc_value();
    }
    if tz.is_zoneinfo() {
        return ZONEINFO_UTC.with(|v| v.clone());
    }
    Value::Native(Rc::new(Zone(tz)))
}

/// `datetime.timezone.utc`.
pub(crate) fn utc_value() -> Value {
    UTC.with(|v| v.clone())
}

/// The zone a value is, if it is a `datetime.timezone`.
pub(crate) fn zone_of(v: &Value) -> Option<Tz> {
    match v {
        Value::Native(obj) => obj.as_any().downcast_ref::<Zone>().map(|z| z.0),
        _ => None,
    }
}

/// A `tzinfo=` argument: `None` or a zone, else CPython's `TypeError`.
pub(crate) fn tzinfo_arg(v: &Value) -> Result<Option<Tz>, PyException> {
    match v {
        Value::None => Ok(None),
        _ => zone_of(v).map(Some).ok_or_else(|| {
            PyException::type_error(format!(
                "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                v.error_type_name()
            ))
        }),
    }
}

/// `tzinfo` of a datetime or time: the zone, or `None`.
pub(crate) fn tz_or_none(tz: Option<Tz>) -> Value {
    tz.map_or(Value::None, zone_value)
}

pub(crate) fn install(it: &mut Interpreter) {
    let t = |b| Value::Type(PyType::Builtin(b));
    it.modules.insert(
        "datetime".into(),
        super::module(
            "datetime",
            vec![
                ("datetime", t(BuiltinType::DateTime)),
                ("date", t(BuiltinType::Date)),
                ("time", t(BuiltinType::Time)),
                ("timedelta", t(BuiltinType::TimeDelta)),
                ("timezone", t(BuiltinType::TimeZone)),
                ("UTC", utc_value()),
                ("MINYEAR", Value::int(1)),
                ("MAXYEAR", Value::int(9999)),
            ],
        ),
    );
}

/// What CPython's `datetime` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(name, "tzinfo" | "datetime_CAPI")
}

/// What a directive of `strptime` matches: its alternatives in the order CPython's
/// `_strptime` regular expression tries them.
enum Alt {
    /// Exactly these digit counts, first to last, each checked by the predicate.
    Digits(&'static [usize], fn(&str) -> bool),
    /// One of these words, case-insensitively (the longest first, as the regex lists them).
    Words(Vec<String>),
    /// The texts `%z` can match at a position, in the regex's order of preference.
    Offset,
}

/// What `%z`'s pattern `[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z)` can match at
/// `pos`, longest (greediest) first.
fn offset_candidates(text: &[char], pos: usize) -> Vec<String> {
    let at = |i: usize| text.get(i).copied();
    let digit = |i: usize| at(i).is_some_and(|c| c.is_ascii_digit());
    let sixty = |i: usize| at(i).is_some_and(|c| ('0'..='5').contains(&c)) && digit(i + 1);
    let mut out = Vec::new();
    if matches!(at(pos), Some('+' | '-')) && digit(pos + 1) && digit(pos + 2) {
        let mut heads = Vec::new();
        // `:?` is greedy: with the colon first.
        if at(pos + 3) == Some(':') && sixty(pos + 4) {
            heads.push(pos + 6);
        }
        if sixty(pos + 3) {
            heads.push(pos + 5);
        }
        for head in heads {
            let mut tails = Vec::new();
            if at(head) == Some(':') && sixty(head + 1) {
                tails.push(head + 3);
            }
            if sixty(head) {
                tails.push(head + 2);
            }
            for tail in tails {
                if at(tail) == Some('.') && digit(tail + 1) {
                    let mut n = 0;
                    while n < 6 && digit(tail + 1 + n) {
                        n += 1;
                    }
                    for k in (1..=n).rev() {
                        out.push(text[pos..tail + 1 + k].iter().collect());
                    }
                }
                out.push(text[pos..tail].iter().collect());
            }
            out.push(text[pos..head].iter().collect());
        }
    }
    if at(pos) == Some('Z') {
        out.push("Z".into());
    }
    out
}

/// The offset `%z` read, in microseconds, as `_strptime` computes it from the matched text.
fn offset_of(found: &str) -> Result<i64, PyError> {
    use crate::python::types::ops::exc;
    if found == "Z" {
        return Ok(0);
    }
    let mut z: Vec<char> = found.chars().collect();
    if z[3] == ':' {
        z.remove(3);
        if z.len() > 5 {
            if z[5] != ':' {
                return Err(exc(
                    "ValueError",
                    format!("Inconsistent use of : in {found}"),
                ));
            }
            z.remove(5);
        }
    }
    let part =
        |a: usize, b: usize| -> String { z[a.min(z.len())..b.min(z.len())].iter().collect() };
    let int = |s: String| -> Result<i64, PyError> {
        if s.is_empty() {
            return Ok(0);
        }
        s.parse::<i64>().map_err(|_| {
            exc(
                "ValueError",
                format!(
                    "invalid literal for int() with base 10: {}",
                    crate::python::text::repr::str_repr(&s)
                ),
            )
        })
    };
    let hours = int(part(1, 3))?;
    let minutes = int(part(3, 5))?;
    let seconds = int(part(5, 7))?;
    let fraction = part(8, z.len());
    let micros = int(format!("{fraction:0<6}"))?;
    let total = (hours * 3600 + minutes * 60 + seconds) * 1_000_000 + micros;
    Ok(if found.starts_with('-') {
        -total
    } else {
        total
    })
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn num(s: &str) -> i64 {
    s.trim().parse().unwrap_or(0)
}

/// The alternatives of a directive, as `_strptime`'s regexes order them.
fn directive(c: char) -> Option<Alt> {
    Some(match c {
        // (?P<Y>\d\d\d\d)
        'Y' => Alt::Digits(&[4], |_| true),
        'y' => Alt::Digits(&[2], |_| true),
        // 1[0-2]|0[1-9]|[1-9]
        'm' | 'I' => Alt::Digits(&[2, 2, 1], |s| {
            let n = num(s);
            if s.len() == 2 {
                (1..=12).contains(&n)
            } else {
                n >= 1
            }
        }),
        // 3[01]|[12]\d|0[1-9]|[1-9]| [1-9]
        'd' => Alt::Digits(&[2, 1], |s| {
            let n = num(s);
            if s.len() == 2 {
                (1..=31).contains(&n) && !s.starts_with(' ') || s.starts_with(' ') && n >= 1
            } else {
                n >= 1
            }
        }),
        // 2[0-3]|[0-1]\d|\d
        'H' => Alt::Digits(&[2, 1], |s| num(s) <= 23),
        // [0-5]\d|\d
        'M' => Alt::Digits(&[2, 1], |s| num(s) <= 59),
        // 6[0-1]|[0-5]\d|\d
        'S' => Alt::Digits(&[2, 1], |s| num(s) <= 61),
        // [0-9]{1,6}
        'f' => Alt::Digits(&[6, 5, 4, 3, 2, 1], |_| true),
        // 36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9]
        'j' => Alt::Digits(&[3, 2, 1], |s| {
            let n = num(s);
            match s.len() {
                3 => (1..=366).contains(&n),
                _ => n >= 1,
            }
        }),
        'b' => Alt::Words(words(MONTHS.iter().map(|m| &m[..3]))),
        'B' => Alt::Words(words(MONTHS.iter().copied())),
        'a' => Alt::Words(words(DAYS.iter().map(|d| &d[..3]))),
        'A' => Alt::Words(words(DAYS.iter().copied())),
        'p' => Alt::Words(vec!["am".into(), "pm".into()]),
        // The local zone's names: the simulator's local time is UTC.
        'Z' => Alt::Words(vec!["utc".into(), "gmt".into()]),
        'z' => Alt::Offset,
        _ => return None,
    })
}

/// Words longest first (the order `_strptime` sorts them in).
fn words<'a>(list: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = list.map(|s| s.to_string()).collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v
}

enum Token {
    Lit(char),
    Space,
    Dir(char),
}

/// Matches `tokens` against `text` (case-insensitively, backtracking like a regex), and
/// returns the directives' texts and where the match ended.
fn match_tokens(
    tokens: &[Token],
    text: &[char],
    pos: usize,
    found: &mut Vec<(char, String)>,
    budget: &mut u32,
) -> Option<usize> {
    *budget = budget.checked_sub(1)?;
    let Some(first) = tokens.first() else {
        return Some(pos);
    };
    let rest = &tokens[1..];
    match first {
        Token::Lit(c) => {
            let t = *text.get(pos)?;
            if t.to_lowercase().eq(c.to_lowercase()) {
                match_tokens(rest, text, pos + 1, found, budget)
            } else {
                None
            }
        }
        Token::Space => {
            let mut end = pos;
            while end < text.len() && text[end].is_whitespace() {
                end += 1;
            }
            (pos + 1..=end)
                .rev()
                .find_map(|e| match_tokens(rest, text, e, found, budget))
        }
        Token::Dir(d) => {
            let alt = directive(*d)?;
            let candidates: Vec<String> = match alt {
                Alt::Digits(lens, ok) => lens
                    .iter()
                    .filter_map(|&n| {
                        let s: String = text.get(pos..pos + n)?.iter().collect();
                        let digits = if *d == 'd' && n == 2 && s.starts_with(' ') {
                            s[1..].chars().all(|c| c.is_ascii_digit())
                        } else {
                            s.chars().all(|c| c.is_ascii_digit())
                        };
                        (digits && ok(&s)).then_some(s)
                    })
                    .collect(),
                Alt::Offset => offset_candidates(text, pos),
                Alt::Words(ws) => ws
                    .into_iter()
                    .filter_map(|w| {
                        let n = w.chars().count();
                        let s: String = text.get(pos..pos + n)?.iter().collect();
                        (s.to_lowercase() == w).then_some(s)
                    })
                    .collect(),
            };
            let mut seen = Vec::new();
            for c in candidates {
                if seen.contains(&c) {
                    continue;
                }
                seen.push(c.clone());
                let n = c.chars().count();
                found.push((*d, c));
                if let Some(end) = match_tokens(rest, text, pos + n, found, budget) {
                    return Some(end);
                }
                found.pop();
            }
            None
        }
    }
}

/// `datetime.strptime(date_string, format)`.
pub(crate) fn strptime(text: &str, fmt: &str) -> Result<crate::python::types::DateTime, PyError> {
    use crate::python::types::ops::exc;
    crate::python::eval::budget::bytes(text.len() + fmt.len())?;
    let mut tokens = Vec::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            let Some(d) = chars.next() else {
                return Err(exc("ValueError", format!("stray % in format '{fmt}'")));
            };
            match d {
                '%' => tokens.push(Token::Lit('%')),
                'U' | 'W' | 'c' | 'x' | 'X' | 'G' | 'V' | 'u' | 'w' => {
                    return Err(PyError::Unsupported {
                        what: format!("strptime with the directive %{d}"),
                        line: 0,
                    })
                }
                _ if directive(d).is_some() => tokens.push(Token::Dir(d)),
                _ => {
                    return Err(exc(
                        "ValueError",
                        format!("'{d}' is a bad directive in format '{fmt}'"),
                    ))
                }
            }
        } else if c.is_whitespace() {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            tokens.push(Token::Space);
        } else {
            tokens.push(Token::Lit(c));
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut budget = 100_000u32;
    let Some(end) = match_tokens(&tokens, &chars, 0, &mut found, &mut budget) else {
        return Err(exc(
            "ValueError",
            format!(
                "time data {} does not match format {}",
                crate::python::text::repr::repr(&Value::str(text)),
                crate::python::text::repr::repr(&Value::str(fmt))
            ),
        ));
    };
    if end != chars.len() {
        let rest: String = chars[end..].iter().collect();
        return Err(exc(
            "ValueError",
            format!("unconverted data remains: {rest}"),
        ));
    }
    let (mut year, mut month, mut day) = (1900i64, 1i64, 1i64);
    let (mut hour, mut minute, mut second, mut micro) = (0i64, 0i64, 0i64, 0i64);
    let mut julian: Option<i64> = None;
    let mut pm: Option<bool> = None;
    let mut hour12: Option<i64> = None;
    let mut offset: Option<i64> = None;
    let mut zone_name: Option<&str> = None;
    for (d, s) in &found {
        match d {
            'Y' => year = num(s),
            'y' => {
                let y = num(s);
                year = if y <= 68 { 2000 + y } else { 1900 + y };
            }
            'm' => month = num(s),
            'b' | 'B' => {
                let l = s.to_lowercase();
                month = MONTHS
                    .iter()
                    .position(|m| m.starts_with(&l[..3]))
                    .unwrap_or(0) as i64
                    + 1;
            }
            'd' => day = num(s),
            'H' => hour = num(s),
            'I' => hour12 = Some(num(s)),
            'p' => pm = Some(s.to_lowercase() == "pm"),
            'M' => minute = num(s),
            'S' => second = num(s),
            'f' => micro = num(&format!("{s:0<6}")),
            'j' => julian = Some(num(s)),
            'z' => offset = Some(offset_of(s)?),
            'Z' => zone_name = Some(s),
            _ => {}
        }
    }
    if let Some(h) = hour12 {
        hour = match pm {
            Some(true) if h != 12 => h + 12,
            Some(false) if h == 12 => 0,
            _ => h,
        };
    }
    if second > 59 {
        // CPython accepts 60 and 61 and then fails in datetime().
        return Err(exc("ValueError", "second must be in 0..59"));
    }
    let no_month_day = !found
        .iter()
        .any(|(d, _)| matches!(d, 'm' | 'b' | 'B' | 'd'));
    if let (Some(j), true) = (julian, no_month_day) {
        let jan1 = crate::python::types::Date::new(year, 1, 1)?;
        let date = jan1.add(&crate::python::types::TimeDelta::new(j - 1, 0, 0)?)?;
        year = date.year as i64;
        month = date.month as i64;
        day = date.day as i64;
    }
    let tz = match offset {
        None => None,
        Some(micros) => {
            let delta = crate::python::types::TimeDelta::from_micros(micros as i128)?;
            Some(Tz::new(&delta, zone_name)?)
        }
    };
    let dt =
        crate::python::types::DateTime::new(year, month, day, hour, minute, second, micro, false)?;
    Ok(dt.with_tz(tz))
}
