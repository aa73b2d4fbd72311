//! The `datetime` module: `datetime`, `date`, `timedelta`, `timezone` (the values and their
//! methods are in `types::datetime`), and `datetime.strptime`, which matches the text the
//! way CPython's `_strptime` regular expressions do (the same alternatives in the same
//! order, case-insensitive, backtracking) and gives the same errors.

use std::rc::Rc;

use crate::python::eval::Interpreter;
use crate::python::types::{BuiltinType, NativeObject, PyType, Value};
use crate::python::PyError;

/// `datetime.timezone.utc`.
pub(crate) struct UtcZone;

impl NativeObject for UtcZone {
    fn type_name(&self) -> &str {
        "timezone"
    }
    fn qualified_name(&self) -> String {
        "datetime.timezone".into()
    }
    fn repr(&self) -> String {
        "datetime.timezone.utc".into()
    }
    fn to_str(&self) -> String {
        "UTC".into()
    }
    fn error_name(&self) -> &str {
        "datetime.timezone"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub(crate) fn utc_value() -> Value {
    Value::Native(Rc::new(UtcZone))
}

pub(crate) fn is_utc(v: &Value) -> bool {
    matches!(v, Value::Native(obj) if obj.as_any().is::<UtcZone>())
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
    matches!(name, "time" | "tzinfo" | "datetime_CAPI")
}

/// What a directive of `strptime` matches: its alternatives in the order CPython's
/// `_strptime` regular expression tries them.
enum Alt {
    /// Exactly these digit counts, first to last, each checked by the predicate.
    Digits(&'static [usize], fn(&str) -> bool),
    /// One of these words, case-insensitively (the longest first, as the regex lists them).
    Words(Vec<String>),
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
                'z' | 'Z' | 'U' | 'W' | 'c' | 'x' | 'X' | 'G' | 'V' | 'u' | 'w' => {
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
    Ok(crate::python::types::DateTime::new(
        year, month, day, hour, minute, second, micro, false,
    )?)
}
