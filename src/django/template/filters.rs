//! The filters of the subset, with Django's rules for safety and failure.

use crate::python::{to_str, PyException, Value};

use super::super::pyargs::{as_f64, iterate};
use super::render::{escape, TValue};

/// Python's `str.title()`.
pub fn py_title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
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

/// Django's `title` filter: `str.title()`, then a letter after an apostrophe or a digit is
/// lowered again ("they're", "1st").
fn django_title(s: &str) -> String {
    let t: Vec<char> = py_title(s).chars().collect();
    let mut out: Vec<char> = t.clone();
    for i in 1..t.len() {
        let prev = t[i - 1];
        if t[i].is_uppercase()
            && ((prev == '\'' && i >= 2 && t[i - 2].is_lowercase()) || prev.is_ascii_digit())
        {
            out[i] = t[i].to_lowercase().next().unwrap_or(t[i]);
        }
    }
    out.into_iter().collect()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_AP: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

struct Moment {
    year: i32,
    month: u32,
    day: u32,
    weekday: u32,
    time: Option<(u32, u32, u32)>,
}

fn moment(value: &Value) -> Option<Moment> {
    match value {
        Value::DateTime(d) => {
            // An aware datetime is shown in the current zone, which is UTC (`TIME_ZONE`),
            // as Django's template_localtime converts it; a naive one as it is.
            let d = match d.tz {
                Some(_) => d.astimezone(crate::python::Tz::UTC).unwrap_or(*d),
                None => *d,
            };
            let date = d.date();
            Some(Moment {
                year: d.year,
                month: date.month,
                day: date.day,
                weekday: date.weekday(),
                time: Some((d.hour.into(), d.minute.into(), d.second.into())),
            })
        }
        Value::Date(d) => Some(Moment {
            year: d.year,
            month: d.month,
            day: d.day,
            weekday: d.weekday(),
            time: None,
        }),
        _ => None,
    }
}

/// The `date` filter (and `localize`) on a `datetime.time`: Django formats the time
/// characters and gives `""` when the format has a date character (a time has no date:
/// the filter swallows the `AttributeError`). Aware times are not converted.
fn time_format(t: &crate::python::Time, format: &str) -> Result<String, PyException> {
    const DATE_CHARS: &str = "djSDlmnMbFNyY";
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if DATE_CHARS.contains(c) {
            return Ok(String::new());
        }
    }
    let m = Moment {
        year: 1900,
        month: 1,
        day: 1,
        weekday: 0,
        time: Some((t.hour.into(), t.minute.into(), t.second.into())),
    };
    date_format(&m, format)
}

fn format_p(h: u32, m: u32) -> String {
    match (h, m) {
        (0, 0) => "midnight".into(),
        (12, 0) => "noon".into(),
        _ => {
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            let ampm = if h < 12 { "a.m." } else { "p.m." };
            if m == 0 {
                format!("{h12} {ampm}")
            } else {
                format!("{h12}:{m:02} {ampm}")
            }
        }
    }
}

/// `dateformat.format` for the format characters of the subset.
fn date_format(m: &Moment, format: &str) -> Result<String, PyException> {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        let time = |what: char| -> Result<(u32, u32, u32), PyException> {
            m.time.ok_or_else(|| {
                PyException::type_error(format!(
                    "The format for date objects may not contain time-related format specifiers (found '{what}')."
                ))
            })
        };
        let piece = match c {
            '\\' => chars.next().map(String::from).unwrap_or_default(),
            'd' => format!("{:02}", m.day),
            'j' => m.day.to_string(),
            'S' => match m.day {
                11..=13 => "th",
                d if d % 10 == 1 => "st",
                d if d % 10 == 2 => "nd",
                d if d % 10 == 3 => "rd",
                _ => "th",
            }
            .to_string(),
            'D' => DAYS[m.weekday as usize][..3].to_string(),
            'l' => DAYS[m.weekday as usize].to_string(),
            'm' => format!("{:02}", m.month),
            'n' => m.month.to_string(),
            'M' => MONTHS[m.month as usize - 1][..3].to_string(),
            'b' => MONTHS[m.month as usize - 1][..3].to_lowercase(),
            'F' => MONTHS[m.month as usize - 1].to_string(),
            'N' => MONTHS_AP[m.month as usize - 1].to_string(),
            'y' => format!("{:02}", m.year % 100),
            'Y' => m.year.to_string(),
            'H' => format!("{:02}", time(c)?.0),
            'G' => time(c)?.0.to_string(),
            'h' => format!(
                "{:02}",
                if time(c)?.0 % 12 == 0 {
                    12
                } else {
                    time(c)?.0 % 12
                }
            ),
            'g' => (if time(c)?.0 % 12 == 0 {
                12
            } else {
                time(c)?.0 % 12
            })
            .to_string(),
            'i' => format!("{:02}", time(c)?.1),
            's' => format!("{:02}", time(c)?.2),
            'A' => (if time(c)?.0 < 12 { "AM" } else { "PM" }).to_string(),
            'a' => (if time(c)?.0 < 12 { "a.m." } else { "p.m." }).to_string(),
            'P' => {
                let (h, mi, _) = time(c)?;
                format_p(h, mi)
            }
            c if c.is_ascii_alphabetic() => {
                return Err(super::super::unsupported(format!(
                    "the date format character {c:?}"
                )))
            }
            c => c.to_string(),
        };
        out.push_str(&piece);
    }
    Ok(out)
}

/// How a value shows in a template (`localize`, then `str`): dates in the English formats.
pub fn localize(value: &Value) -> Result<String, PyException> {
    match value {
        Value::DateTime(_) => date_format(&moment(value).expect("a datetime"), "N j, Y, P"),
        Value::Date(_) => date_format(&moment(value).expect("a date"), "N j, Y"),
        Value::Time(t) => time_format(t, "P"),
        Value::Float(f) if to_str(value).contains('e') || !f.is_finite() => Err(
            super::super::unsupported("showing a float in exponent form in a template"),
        ),
        other => Ok(to_str(other)),
    }
}

fn len_of(value: &Value) -> Option<usize> {
    match value {
        Value::Str(s) => Some(s.chars().count()),
        Value::List(l) => Some(l.borrow().len()),
        Value::Tuple(t) => Some(t.len()),
        Value::Dict(d) => Some(d.borrow().len()),
        Value::Native(obj) => obj.len().ok(),
        Value::Set(_) | Value::Bytes(_) | Value::Range(_) | Value::DictView(..) => {
            iterate(value).ok().map(|v| v.len())
        }
        _ => None,
    }
}

/// Applies one filter.
pub fn apply(name: &str, value: TValue, arg: Option<TValue>) -> Result<TValue, PyException> {
    let text = |v: &TValue| to_str(&v.value);
    Ok(match name {
        "default" => {
            if value.value.is_truthy() {
                value
            } else {
                arg.unwrap_or_else(|| TValue::plain(Value::str("")))
            }
        }
        "length" => TValue::plain(Value::int(len_of(&value.value).unwrap_or(0) as i64)),
        "upper" => TValue::plain(Value::str(&text(&value).to_uppercase())),
        "lower" => TValue::plain(Value::str(&text(&value).to_lowercase())),
        "title" => TValue::plain(Value::str(&django_title(&text(&value)))),
        "safe" => TValue {
            value: Value::str(&text(&value)),
            safe: true,
        },
        "escape" => TValue {
            value: Value::str(&if value.safe {
                text(&value)
            } else {
                escape(&text(&value))
            }),
            safe: true,
        },
        "join" => {
            let Ok(items) = iterate(&value.value) else {
                return Ok(value);
            };
            if matches!(value.value, Value::Native(_)) {
                return Ok(value);
            }
            let sep = arg.unwrap_or_else(|| TValue::plain(Value::str("")));
            let sep_text = if sep.safe {
                text(&sep)
            } else {
                escape(&text(&sep))
            };
            let parts: Vec<String> = items.iter().map(|v| escape(&to_str(v))).collect();
            TValue {
                value: Value::str(&parts.join(&sep_text)),
                safe: true,
            }
        }
        "date" => {
            let format = match &arg {
                Some(a) => text(a),
                None => "N j, Y".to_string(),
            };
            if let Value::Time(t) = &value.value {
                return Ok(TValue::plain(Value::str(&time_format(t, &format)?)));
            }
            let Some(m) = moment(&value.value) else {
                return Ok(TValue::plain(Value::str("")));
            };
            TValue::plain(Value::str(&date_format(&m, &format)?))
        }
        "yesno" => {
            let spec = match &arg {
                Some(a) => text(a),
                None => "yes,no,maybe".to_string(),
            };
            let bits: Vec<&str> = spec.split(',').collect();
            if bits.len() < 2 {
                return Ok(value);
            }
            let (yes, no, maybe) = (bits[0], bits[1], bits.get(2).copied().unwrap_or(bits[1]));
            let pick = if value.value.is_none() {
                maybe
            } else if value.value.is_truthy() {
                yes
            } else {
                no
            };
            TValue::plain(Value::str(pick))
        }
        "pluralize" => {
            let spec = match &arg {
                Some(a) => text(a),
                None => "s".to_string(),
            };
            let (singular, plural) = match spec.split(',').collect::<Vec<_>>().as_slice() {
                [p] => (String::new(), p.to_string()),
                [s, p] => (s.to_string(), p.to_string()),
                _ => return Ok(TValue::plain(Value::str(""))),
            };
            let is_one = match &value.value {
                Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                    as_f64(&value.value) == Some(1.0)
                }
                Value::Str(s) => match s.trim().parse::<f64>() {
                    Ok(f) => f == 1.0,
                    Err(_) => return Ok(TValue::plain(Value::str(""))),
                },
                Value::Decimal(d) => d.to_str().parse::<f64>().ok() == Some(1.0),
                other => match len_of(other) {
                    Some(n) => n == 1,
                    None => return Ok(TValue::plain(Value::str(""))),
                },
            };
            TValue::plain(Value::str(if is_one { &singular } else { &plural }))
        }
        other => {
            return Err(super::super::unsupported(format!("the |{other} filter")));
        }
    })
}
