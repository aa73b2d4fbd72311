//! Format specs (`f"{x:>5}"`, `format(x, ".2f")`), `%`-formatting and `strftime`.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::python::text::repr::{float_repr, repr, to_str};
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{Date, DateTime, Decimal, Time, Value};
use crate::python::PyError;
use num_bigint::BigUint;

/// A parsed format spec: `[[fill]align][sign][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Default, Clone)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
    /// `z`: a float that rounds to zero loses its minus sign.
    no_neg_zero: bool,
}

/// Parses a spec for a value of `type_name` ('int', 'float', 'str', …), which the messages
/// name; `default_kind` is the presentation type the value's type assumes when the spec has
/// none (`d` for an int, `s` for a str), which the grouping check uses as CPython does.
fn parse_spec(spec: &str, type_name: &str, default_kind: Option<char>) -> Result<Spec, PyError> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        s.no_neg_zero = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let mut width = String::new();
    while i < chars.len() && chars[i].is_ascii_digit() {
        width.push(chars[i]);
        i += 1;
    }
    if !width.is_empty() {
        s.width = spec_number(&width, false)?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
        if i < chars.len() && matches!(chars[i], ',' | '_') && chars[i] != chars[i - 1] {
            return Err(exc("ValueError", "Cannot specify both ',' and '_'."));
        }
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            p.push(chars[i]);
            i += 1;
        }
        if p.is_empty() {
            return Err(exc("ValueError", "Format specifier missing precision"));
        }
        s.precision = Some(spec_number(&p, true)?);
    }
    if chars.len() - i > 1 {
        return Err(exc(
            "ValueError",
            format!("Invalid format specifier '{spec}' for object of type '{type_name}'"),
        ));
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
    }
    if let Some(sep) = s.grouping {
        let kind = s.kind.or(default_kind);
        let allowed = match kind {
            None => true,
            Some(k) if "defgEFG%".contains(k) => true,
            Some('b' | 'o' | 'x' | 'X') => sep == '_',
            _ => false,
        };
        if !allowed {
            let k = kind.unwrap_or('\0');
            let shown = if (' '..='~').contains(&k) && k != ' ' {
                format!("'{k}'")
            } else {
                format!("'\\x{:x}'", k as u32)
            };
            return Err(exc(
                "ValueError",
                format!("Cannot specify '{sep}' with {shown}."),
            ));
        }
    }
    Ok(s)
}

fn unknown_code(kind: char, v: &Value) -> PyError {
    exc(
        "ValueError",
        format!(
            "Unknown format code '{kind}' for object of type '{}'",
            v.error_type_name()
        ),
    )
}

/// Inserts a thousands separator into the digits before any `.` or exponent.
fn group(digits: &str, sep: char, every: usize) -> String {
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let (int_part, rest) = digits.split_at(end);
    let n = int_part.len();
    let mut out = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out.push_str(rest);
    out
}

/// With a `0` fill and `=` alignment and a grouping, the padding zeros are digits that get
/// separators too: `digits` with the zeros in front that make its grouped form fill `room`
/// characters (never starting with a separator).
fn zero_padded(digits: &str, spec: &Spec, every: usize, room: usize) -> String {
    let fill = spec.fill.unwrap_or(if spec.zero && spec.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = spec.align.unwrap_or(if spec.zero { '=' } else { '>' });
    if fill != '0' || align != '=' {
        return digits.to_string();
    }
    let mut n = digits.len().max(1);
    while n + (n - 1) / every < room {
        n += 1;
    }
    format!("{}{digits}", "0".repeat(n - digits.len()))
}

/// Inserts a separator every `every` characters from the right of an integer's digits (hex
/// ones included).
fn group_all(digits: &str, sep: char, every: usize) -> String {
    let n = digits.chars().count();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads `body` (with `sign` in front) to the spec's width.
/// A width or precision of a format spec, refused as CPython refuses it (beyond a C
/// `Py_ssize_t`, a precision beyond a C `int`), or as the simulator refuses results longer
/// than its longest string.
fn spec_number(digits: &str, precision: bool) -> Result<usize, PyError> {
    let n: u128 = digits.parse().unwrap_or(u128::MAX);
    if n > i64::MAX as u128 {
        return Err(exc(
            "ValueError",
            "Too many decimal digits in format string",
        ));
    }
    if precision && n > i32::MAX as u128 {
        return Err(exc("ValueError", "precision too big"));
    }
    limit_len(n)
}

/// A width or precision of `%`-formatting: CPython refuses a width beyond a C
/// `Py_ssize_t` and a precision beyond a C `int`.
fn percent_number(digits: &str, what: &str) -> Result<usize, PyError> {
    let n: u128 = digits.parse().unwrap_or(u128::MAX);
    let most = if what == "width" {
        i64::MAX as u128
    } else {
        i32::MAX as u128
    };
    if n > most {
        return Err(exc("ValueError", format!("{what} too big")));
    }
    limit_len(n)
}

/// A width or precision that makes a result of at least `n` characters: refused past the
/// longest string the simulator builds, before anything is built.
fn limit_len(n: u128) -> Result<usize, PyError> {
    crate::python::eval::budget::check_len(n)?;
    crate::python::eval::budget::bytes(n as usize)?;
    Ok(n as usize)
}

/// Digits after the point beyond which a double's exact decimal expansion has only zeros
/// (its smallest fraction, 2**-1074, has 1074 of them).
const EXACT_FRACTION_DIGITS: usize = 1100;
/// Significant digits beyond which a double's exact decimal expansion has only zeros.
const EXACT_SIGNIFICANT_DIGITS: usize = 800;

/// `f` with `precision` digits after the point (Rust's own formatting stops at 65535).
fn fmt_fixed(f: f64, precision: usize) -> String {
    if precision <= EXACT_FRACTION_DIGITS {
        return format!("{:.*}", precision, f);
    }
    let mut s = format!("{:.*}", EXACT_FRACTION_DIGITS, f);
    s.extend(std::iter::repeat_n('0', precision - EXACT_FRACTION_DIGITS));
    s
}

/// `f` as Rust's `{:.*e}` with `precision` digits after the point.
fn rust_exp(f: f64, precision: usize) -> String {
    if precision <= EXACT_SIGNIFICANT_DIGITS {
        return format!("{:.*e}", precision, f);
    }
    let s = format!("{:.*e}", EXACT_SIGNIFICANT_DIGITS, f);
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let zeros = "0".repeat(precision - EXACT_SIGNIFICANT_DIGITS);
    format!("{mantissa}{zeros}e{exp}")
}

fn pad(spec: &Spec, sign: &str, body: &str, numeric: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    let fill = spec.fill.unwrap_or(if spec.zero && spec.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = spec.align.unwrap_or(if spec.zero && numeric {
        '='
    } else if numeric {
        '>'
    } else {
        '<'
    });
    if len >= spec.width {
        return format!("{sign}{body}");
    }
    let n = spec.width - len;
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

fn sign_of(negative: bool, spec: &Spec) -> &'static str {
    if negative {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// Python's `'e'` formatting: `1.500000e+00`.
fn fmt_exp(f: f64, precision: usize, upper: bool) -> String {
    let s = rust_exp(f, precision);
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let e = if upper { 'E' } else { 'e' };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}{e}{sign}{:02}", exp.abs())
}

fn strip_trailing_zeros(s: &str) -> String {
    if let Some((mantissa, exp)) = s.split_once(['e', 'E']) {
        let e = if s.contains('E') { 'E' } else { 'e' };
        return format!("{}{e}{exp}", strip_trailing_zeros(mantissa));
    }
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Python's `'g'` formatting of a finite, non-negative float.
fn fmt_general(f: f64, precision: usize, alternate: bool, upper: bool, repr_like: bool) -> String {
    let p = precision.max(1);
    let sci = rust_exp(f, p - 1);
    let exp: i32 = sci
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    // Without a presentation type, scientific notation starts one digit earlier (so that
    // a fixed result always has a digit after the point).
    let limit = if repr_like { p as i64 - 1 } else { p as i64 };
    let body = if exp >= -4 && (exp as i64) < limit {
        let decimals = (p as i64 - 1 - exp as i64).max(0) as usize;
        fmt_fixed(f, decimals)
    } else {
        fmt_exp(f, p - 1, upper)
    };
    if alternate {
        if body.contains('.') {
            return body;
        }
        // '#' keeps the point, before the exponent.
        return match body.find(['e', 'E']) {
            Some(i) => format!("{}.{}", &body[..i], &body[i..]),
            None => format!("{body}."),
        };
    }
    let stripped = strip_trailing_zeros(&body);
    if repr_like && !stripped.contains(['.', 'e', 'E']) {
        return format!("{stripped}.0");
    }
    stripped
}

fn format_float(f: f64, spec: &Spec, v: &Value) -> Result<String, PyError> {
    if let Some(k) = spec.kind.filter(|k| !"eEfFgGn%".contains(*k)) {
        return Err(unknown_code(k, v));
    }
    let mut negative = f.is_sign_negative() && !(f.is_nan());
    let a = f.abs();
    let upper = matches!(spec.kind, Some('E' | 'F' | 'G'));
    let body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        let t = if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        };
        if spec.kind == Some('%') {
            format!("{t}%")
        } else {
            t
        }
    } else {
        match spec.kind {
            None => match spec.precision {
                None if spec.alternate && !float_repr(a).contains('.') => {
                    let r = float_repr(a);
                    match r.find('e') {
                        Some(i) => format!("{}.{}", &r[..i], &r[i..]),
                        None => format!("{r}."),
                    }
                }
                None => float_repr(a),
                Some(p) => fmt_general(a, p, spec.alternate, false, true),
            },
            Some('f' | 'F') => fmt_fixed(a, spec.precision.unwrap_or(6)),
            Some('e' | 'E') => fmt_exp(a, spec.precision.unwrap_or(6), upper),
            Some('g' | 'G' | 'n') => {
                fmt_general(a, spec.precision.unwrap_or(6), spec.alternate, upper, false)
            }
            Some('%') => format!("{}%", fmt_fixed(a * 100.0, spec.precision.unwrap_or(6))),
            Some(k) => return Err(unknown_code(k, v)),
        }
    };
    if spec.no_neg_zero
        && negative
        && body
            .split(['e', 'E', '%'])
            .next()
            .is_some_and(|m| m.chars().all(|c| c == '0' || c == '.'))
    {
        negative = false;
    }
    let body = match spec.grouping {
        Some(sep) if a.is_finite() => {
            let end = body
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(body.len());
            let (int_part, rest) = body.split_at(end);
            let sign_len = sign_of(negative, spec).len();
            let room = spec.width.saturating_sub(sign_len + rest.chars().count());
            let int_part = zero_padded(int_part, spec, 3, room);
            group(&format!("{int_part}{rest}"), sep, 3)
        }
        _ => body,
    };
    let body = if spec.alternate
        && spec.kind.is_some_and(|k| "fFeE%".contains(k))
        && spec.precision == Some(0)
        && !body.contains('.')
    {
        match body.find(['e', 'E', '%']) {
            Some(i) => format!("{}.{}", &body[..i], &body[i..]),
            None => format!("{body}."),
        }
    } else {
        body
    };
    Ok(pad(spec, sign_of(negative, spec), &body, true))
}

fn format_int(n: &BigInt, spec: &Spec, v: &Value) -> Result<String, PyError> {
    if let Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') = spec.kind {
        let f = crate::python::types::ops::int_to_f64(n)?;
        return format_float(f, spec, v);
    }
    if spec.precision.is_some() {
        return Err(exc(
            "ValueError",
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(exc(
            "ValueError",
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if spec.kind == Some('c') {
        if spec.sign.is_some() {
            return Err(exc(
                "ValueError",
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(exc(
                "ValueError",
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
    }
    let negative = n.is_negative();
    let m = n.abs();
    let (digits, prefix) = match spec.kind {
        None | Some('d') | Some('n') => {
            if m.bits() > 14_300 {
                return Err(int_str_limit(&m));
            }
            (m.to_string(), "")
        }
        Some('x') => (m.to_str_radix(16), "0x"),
        Some('X') => (m.to_str_radix(16).to_uppercase(), "0X"),
        Some('o') => (m.to_str_radix(8), "0o"),
        Some('b') => (m.to_str_radix(2), "0b"),
        Some('c') => {
            let c = n
                .to_u32()
                .and_then(char::from_u32)
                .ok_or_else(|| exc("OverflowError", "%c arg not in range(0x110000)"))?;
            return Ok(pad(spec, "", &c.to_string(), false));
        }
        Some(k) => return Err(unknown_code(k, v)),
    };
    let every = if matches!(spec.kind, Some('x' | 'X' | 'o' | 'b')) {
        4
    } else {
        3
    };
    let sign = format!(
        "{}{}",
        sign_of(negative, spec),
        if spec.alternate { prefix } else { "" }
    );
    let digits = match spec.grouping {
        Some(sep) => {
            let room = spec.width.saturating_sub(sign.chars().count());
            group_all(&zero_padded(&digits, spec, every, room), sep, every)
        }
        None => digits,
    };
    Ok(pad(spec, &sign, &digits, true))
}

fn int_str_limit(_n: &BigInt) -> PyError {
    exc(
        "ValueError",
        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
    )
}

/// Python's `str()` of an int, with 3.11's 4300-digit limit.
pub fn int_to_str(n: &BigInt) -> Result<String, PyError> {
    if n.bits() > 14_000 {
        let s = n.to_string();
        let digits = s.trim_start_matches('-').len();
        if digits > 4300 {
            return Err(int_str_limit(n));
        }
        return Ok(s);
    }
    Ok(n.to_string())
}

/// A decimal's digits rescaled to `exp` with half-even rounding (`_rescale`).
fn decimal_rescale(coefficient: &BigUint, from: i64, exp: i64) -> Result<BigUint, PyError> {
    use num_integer::Integer;
    if coefficient.is_zero() {
        return Ok(BigUint::zero());
    }
    if from >= exp {
        let pad = (from - exp) as u128;
        crate::python::eval::budget::check_len(pad)?;
        crate::python::eval::budget::bytes(pad as usize)?;
        return Ok(coefficient * BigUint::from(10u32).pow(pad as u32));
    }
    let drop = (exp - from) as u128;
    let digits = coefficient.to_str_radix(10).len() as u128;
    if drop > digits {
        // Less than a tenth of the last place: rounds to zero.
        return Ok(BigUint::zero());
    }
    let div = BigUint::from(10u32).pow(drop as u32);
    let (mut q, r) = coefficient.div_rem(&div);
    let twice = r * 2u32;
    if twice > div || (twice == div && q.is_odd()) {
        q += 1u32;
    }
    Ok(q)
}

/// `format(decimal, spec)`, following the rules of Python's `Decimal.__format__`: the
/// type defaults to `g`/`G` (so no precision keeps every digit), `e` rounds to
/// precision + 1 significant digits, `f`/`%` to precision places, exponents are written
/// `e+3` (not `e+03`), and a negative zero keeps its sign.
fn format_decimal(d: &Decimal, spec: &Spec, v: &Value) -> Result<String, PyError> {
    if spec.alternate || spec.grouping == Some('_') {
        return Err(exc("ValueError", "invalid format string"));
    }
    let kind = match spec.kind {
        None => 'G',
        Some(k @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => k,
        Some(k) => return Err(unknown_code(k, v)),
    };
    let mut coefficient = d.coefficient.clone();
    let mut exponent = d.exponent + if kind == '%' { 2 } else { 0 };
    let digits_of = |c: &BigUint| {
        if c.is_zero() {
            1i64
        } else {
            c.to_str_radix(10).len() as i64
        }
    };
    let precision = spec.precision.map(|p| p as i64);
    if let Some(p) = precision {
        let round_to = |c: &BigUint, e: i64, places: i64| -> Result<(BigUint, i64), PyError> {
            if c.is_zero() {
                return Ok((c.clone(), e));
            }
            let adjusted = e + digits_of(c) - 1;
            let new_exp = adjusted + 1 - places;
            let mut q = decimal_rescale(c, e, new_exp)?;
            let mut ne = new_exp;
            if ne + digits_of(&q) - 1 != adjusted {
                let adj2 = ne + digits_of(&q) - 1;
                let e2 = adj2 + 1 - places;
                q = decimal_rescale(&q, ne, e2)?;
                ne = e2;
            }
            Ok((q, ne))
        };
        match kind {
            'e' | 'E' => (coefficient, exponent) = round_to(&coefficient, exponent, p + 1)?,
            'f' | 'F' | '%' => {
                coefficient = decimal_rescale(&coefficient, exponent, -p)?;
                exponent = -p;
            }
            _ if digits_of(&coefficient) > p && p > 0 => {
                (coefficient, exponent) = round_to(&coefficient, exponent, p)?
            }
            _ if p == 0 && !coefficient.is_zero() => {
                (coefficient, exponent) = round_to(&coefficient, exponent, 1)?
            }
            _ => {}
        }
    }
    if coefficient.is_zero() && exponent > 0 && matches!(kind, 'f' | 'F' | '%') {
        exponent = 0;
    }
    let int = coefficient.to_str_radix(10);
    crate::python::eval::budget::check_len(int.len() as u128)?;
    let leftdigits = exponent + int.len() as i64;
    let dotplace = match kind {
        'e' | 'E' => match precision {
            Some(p) if coefficient.is_zero() => 1 - p,
            _ => 1,
        },
        'f' | 'F' | '%' => leftdigits,
        _ => {
            if exponent <= 0 && leftdigits > -6 {
                leftdigits
            } else {
                1
            }
        }
    };
    let (intpart, mut fracpart) = if dotplace < 0 {
        crate::python::eval::budget::check_len((-dotplace) as u128 + int.len() as u128)?;
        (
            "0".to_string(),
            format!("{}{int}", "0".repeat((-dotplace) as usize)),
        )
    } else if dotplace as usize > int.len() {
        crate::python::eval::budget::check_len(dotplace as u128)?;
        (
            format!("{int}{}", "0".repeat(dotplace as usize - int.len())),
            String::new(),
        )
    } else {
        let (a, b) = int.split_at(dotplace as usize);
        (
            if a.is_empty() {
                "0".to_string()
            } else {
                a.to_string()
            },
            b.to_string(),
        )
    };
    let exp = leftdigits - dotplace;
    if !fracpart.is_empty() {
        fracpart.insert(0, '.');
    }
    if exp != 0 || matches!(kind, 'e' | 'E') {
        let echar = if matches!(kind, 'E' | 'G') { 'E' } else { 'e' };
        fracpart.push_str(&format!("{echar}{exp:+}"));
    }
    if kind == '%' {
        fracpart.push('%');
    }
    let intpart = match spec.grouping {
        Some(sep) => group(&intpart, sep, 3),
        None => intpart,
    };
    crate::python::eval::budget::bytes(intpart.len() + fracpart.len())?;
    // `z`: a value that rounds to zero loses its minus sign.
    let zero = intpart.chars().all(|c| c == '0')
        && fracpart
            .split(['e', 'E', '%'])
            .next()
            .is_some_and(|m| m.chars().all(|c| c == '0' || c == '.'));
    let negative = d.negative && !(spec.no_neg_zero && zero);
    Ok(pad(
        spec,
        sign_of(negative, spec),
        &format!("{intpart}{fracpart}"),
        true,
    ))
}

/// `format(value, spec)`.
pub fn format_value(v: &Value, spec_text: &str) -> Result<String, PyError> {
    match v {
        Value::DateTime(dt) => return strftime_checked(strftime_datetime(dt, spec_text)),
        Value::Date(d) => return strftime_checked(strftime_date(d, spec_text)),
        Value::Time(t) => return strftime_checked(strftime_time(t, spec_text)),
        _ => {}
    }
    if spec_text.is_empty() {
        return match v {
            Value::Int(n) => int_to_str(n),
            _ => Ok(to_str(v)),
        };
    }
    if !matches!(
        v,
        Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Decimal(_) | Value::Str(_)
    ) {
        // Objects without their own __format__ accept only an empty spec.
        return Err(type_error(format!(
            "unsupported format string passed to {}.__format__",
            v.error_type_name()
        )));
    }
    let default_kind = match v {
        Value::Bool(_) | Value::Int(_) => Some('d'),
        Value::Str(_) => Some('s'),
        _ => None,
    };
    let spec = parse_spec(spec_text, &v.error_type_name(), default_kind)?;
    match v {
        Value::Bool(b) => format_int(&BigInt::from(*b as u8), &spec, v),
        Value::Int(n) => format_int(n, &spec, v),
        Value::Float(f) => format_float(*f, &spec, v),
        Value::Decimal(d) => format_decimal(d, &spec, v),
        Value::Str(s) => {
            if let Some(k) = spec.kind.filter(|k| *k != 's') {
                return Err(unknown_code(k, v));
            }
            if let Some(sign) = spec.sign {
                return Err(exc(
                    "ValueError",
                    if sign == ' ' {
                        "Space not allowed in string format specifier"
                    } else {
                        "Sign not allowed in string format specifier"
                    },
                ));
            }
            if spec.no_neg_zero {
                return Err(exc(
                    "ValueError",
                    "Negative zero coercion (z) not allowed in string format specifier",
                ));
            }
            if spec.alternate {
                return Err(exc(
                    "ValueError",
                    "Alternate form (#) not allowed in string format specifier",
                ));
            }
            if spec.align == Some('=') {
                return Err(exc(
                    "ValueError",
                    "'=' alignment not allowed in string format specifier",
                ));
            }
            let body: String = match spec.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s.to_string(),
            };
            Ok(pad(&spec, "", &body, false))
        }
        other => {
            // Objects without their own __format__ accept only an empty spec.
            Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                other.error_type_name()
            )))
        }
    }
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
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

fn strftime(date: &Date, time: Option<Time>, fmt: &str) -> String {
    let mut out = String::new();
    let mut chars = fmt.chars();
    let (h, mi, s, us, tz) = match time {
        Some(t) => (t.hour, t.minute, t.second, t.microsecond, t.tz),
        None => (0, 0, 0, 0, None),
    };
    let doy = date.days_since_epoch()
        - Date {
            year: date.year,
            month: 1,
            day: 1,
        }
        .days_since_epoch()
        + 1;
    while let Some(c) = chars.next() {
        if out.len() > crate::python::types::ops::MAX_STR_LEN {
            // Cut short: `strftime_checked` refuses it.
            break;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let wd = date.weekday() as usize;
        match d {
            'Y' => out.push_str(&format!("{:04}", date.year)),
            'y' => out.push_str(&format!("{:02}", date.year % 100)),
            'm' => out.push_str(&format!("{:02}", date.month)),
            'd' => out.push_str(&format!("{:02}", date.day)),
            'H' => out.push_str(&format!("{h:02}")),
            'I' => out.push_str(&format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 })),
            'p' => out.push_str(if h < 12 { "AM" } else { "PM" }),
            'M' => out.push_str(&format!("{mi:02}")),
            'S' => out.push_str(&format!("{s:02}")),
            'f' => out.push_str(&format!("{us:06}")),
            'j' => out.push_str(&format!("{doy:03}")),
            'a' => out.push_str(&WEEKDAYS[wd][..3]),
            'A' => out.push_str(WEEKDAYS[wd]),
            'w' => out.push_str(&((wd + 1) % 7).to_string()),
            'b' | 'h' => out.push_str(&MONTHS[(date.month as usize).saturating_sub(1) % 12][..3]),
            'B' => out.push_str(MONTHS[(date.month as usize).saturating_sub(1) % 12]),
            'z' => out.push_str(&tz.map(|tz| tz.offset_text("")).unwrap_or_default()),
            'Z' => out.push_str(&tz.map(|tz| tz.tzname()).unwrap_or_default()),
            'F' => out.push_str(&date.isoformat()),
            'T' => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            'D' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                date.month,
                date.day,
                date.year % 100
            )),
            'e' => out.push_str(&format!("{:2}", date.day)),
            'c' => out.push_str(&format!(
                "{} {} {:2} {h:02}:{mi:02}:{s:02} {}",
                &WEEKDAYS[wd][..3],
                &MONTHS[(date.month as usize).saturating_sub(1) % 12][..3],
                date.day,
                date.year
            )),
            'x' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                date.month,
                date.day,
                date.year % 100
            )),
            'X' => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            // Week of the year with weeks starting on Sunday (%U) or Monday (%W); days
            // before the first such day are week 0.
            'U' => out.push_str(&format!("{:02}", (doy - 1 + 7 - ((wd as i64 + 1) % 7)) / 7)),
            'W' => out.push_str(&format!("{:02}", (doy - 1 + 7 - wd as i64) / 7)),
            'u' => out.push_str(&(wd + 1).to_string()),
            'G' | 'g' | 'V' => {
                let (iso_year, week) = iso_week(date);
                out.push_str(&match d {
                    'G' => format!("{iso_year:04}"),
                    'g' => format!("{:02}", iso_year.rem_euclid(100)),
                    _ => format!("{week:02}"),
                })
            }
            'C' => out.push_str(&format!("{:02}", date.year.div_euclid(100))),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'R' => out.push_str(&format!("{h:02}:{mi:02}")),
            'r' => out.push_str(&format!(
                "{:02}:{mi:02}:{s:02} {}",
                if h % 12 == 0 { 12 } else { h % 12 },
                if h < 12 { "AM" } else { "PM" }
            )),
            'P' => out.push_str(if h < 12 { "am" } else { "pm" }),
            'k' => out.push_str(&format!("{h:2}")),
            'l' => out.push_str(&format!("{:2}", if h % 12 == 0 { 12 } else { h % 12 })),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}

/// The ISO 8601 year and week of a date (the week with the year's first Thursday is 1).
fn iso_week(date: &Date) -> (i64, i64) {
    let days = date.days_since_epoch();
    let thursday = days + 3 - date.weekday() as i64;
    let year = DateTime::from_unix_micros(thursday as i128 * 86_400_000_000, false)
        .map(|t| t.year)
        .unwrap_or(date.year);
    let jan1 = Date {
        year,
        month: 1,
        day: 1,
    }
    .days_since_epoch();
    (year as i64, (thursday - jan1) / 7 + 1)
}

/// A `strftime` result, refused when it would be longer than the longest string a run
/// builds (`strftime` stops building past it), and paid for.
pub(crate) fn strftime_checked(out: String) -> Result<String, PyError> {
    if out.len() > crate::python::types::ops::MAX_STR_LEN {
        return Err(crate::python::types::ops::too_long(out.len() as u128));
    }
    crate::python::eval::budget::bytes(out.len())?;
    Ok(out)
}

pub fn strftime_datetime(dt: &DateTime, fmt: &str) -> String {
    strftime(&dt.date(), Some(dt.timetz()), fmt)
}

/// `time.strftime(fmt)`: the date part is 1900-01-01, as in CPython.
pub fn strftime_time(t: &Time, fmt: &str) -> String {
    let date = Date {
        year: 1900,
        month: 1,
        day: 1,
    };
    strftime(&date, Some(*t), fmt)
}

pub fn strftime_date(d: &Date, fmt: &str) -> String {
    strftime(d, None, fmt)
}

/// `fmt % args`.
pub fn percent_format(fmt: &str, args: &Value) -> Result<String, PyError> {
    percent_format_with(fmt, args, &mut |v, conv| {
        Ok(match conv {
            's' => to_str(v),
            'a' => crate::python::text::repr::ascii_escaped(&repr(v)),
            _ => repr(v),
        })
    })
}

/// `fmt % args` with `text` making the text of `%s`, `%r` and `%a` (given `'s'`, `'r'` or
/// `'a'`): the evaluator passes its own, which runs a class's `__str__` and `__repr__`.
pub fn percent_format_with(
    fmt: &str,
    args: &Value,
    text: &mut dyn FnMut(&Value, char) -> Result<String, PyError>,
) -> Result<String, PyError> {
    let (items, mapping): (Vec<Value>, Option<&Value>) = match args {
        Value::Tuple(t) => (t.to_vec(), None),
        Value::Dict(_) => (vec![args.clone()], Some(args)),
        other => (vec![other.clone()], None),
    };
    let mut next = 0usize;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        if i >= chars.len() {
            return Err(exc("ValueError", "incomplete format"));
        }
        if chars[i] == '%' {
            out.push('%');
            i += 1;
            continue;
        }
        let mut key = None;
        if chars[i] == '(' {
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(exc("ValueError", "incomplete format key"));
            }
            key = Some(chars[start..i - 1].iter().collect::<String>());
        }
        let mut flags = String::new();
        while i < chars.len() && "-+ #0".contains(chars[i]) {
            flags.push(chars[i]);
            i += 1;
        }
        let mut width = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            width.push(chars[i]);
            i += 1;
        }
        let mut precision = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let mut p = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                p.push(chars[i]);
                i += 1;
            }
            precision = Some(if p.is_empty() {
                0
            } else {
                percent_number(&p, "precision")?
            });
        }
        if i >= chars.len() {
            return Err(exc("ValueError", "incomplete format"));
        }
        let conv = chars[i];
        i += 1;
        let arg = if let Some(k) = &key {
            match mapping {
                Some(Value::Dict(d)) => match d.borrow().get(&Value::str(k))? {
                    Some(v) => v,
                    None => {
                        return Err(PyError::Exception(
                            crate::python::types::PyException::with_args(
                                "KeyError",
                                vec![Value::str(k)],
                            ),
                        ))
                    }
                },
                _ => return Err(type_error("format requires a mapping")),
            }
        } else {
            let v = items
                .get(next)
                .cloned()
                .ok_or_else(|| type_error("not enough arguments for format string"))?;
            next += 1;
            v
        };
        let mut spec = Spec {
            width: if width.is_empty() {
                0
            } else {
                percent_number(&width, "width")?
            },
            precision,
            ..Spec::default()
        };
        if flags.contains('-') {
            spec.align = Some('<');
        } else if flags.contains('0') {
            spec.zero = true;
        } else {
            spec.align = Some('>');
        }
        if flags.contains('+') {
            spec.sign = Some('+');
        } else if flags.contains(' ') {
            spec.sign = Some(' ');
        }
        spec.alternate = flags.contains('#');
        let text = match conv {
            's' | 'r' | 'a' => {
                let s = text(&arg, conv)?;
                let s: String = match precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                let mut sp = spec.clone();
                sp.zero = false;
                sp.precision = None;
                sp.sign = None;
                if sp.align == Some('>') || sp.align.is_none() {
                    sp.align = Some(if flags.contains('-') { '<' } else { '>' });
                }
                pad(&sp, "", &s, false)
            }
            'd' | 'i' | 'u' => {
                let n = match &arg {
                    Value::Int(_) | Value::Bool(_) => {
                        crate::python::types::ops::as_int(&arg).unwrap_or_default()
                    }
                    Value::Float(f) => match crate::python::types::ops::float_to_int(*f)? {
                        Value::Int(n) => n,
                        _ => BigInt::zero(),
                    },
                    Value::Decimal(d) => d.trunc()?,
                    other => {
                        return Err(type_error(format!(
                            "%{conv} format: a real number is required, not {}",
                            other.error_type_name()
                        )))
                    }
                };
                spec.precision = None;
                let mut sp = spec.clone();
                if sp.zero {
                    sp.align = None;
                }
                format_int(&n, &sp, &arg)?
            }
            'x' | 'X' | 'o' => {
                let n = crate::python::types::ops::as_int(&arg).ok_or_else(|| {
                    type_error(format!(
                        "%{conv} format: an integer is required, not {}",
                        arg.error_type_name()
                    ))
                })?;
                spec.kind = Some(conv);
                spec.precision = None;
                if spec.zero {
                    spec.align = None;
                }
                format_int(&n, &spec, &arg)?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let f = match &arg {
                    Value::Float(f) => *f,
                    Value::Int(n) => crate::python::types::ops::int_to_f64(n)?,
                    Value::Bool(b) => *b as u8 as f64,
                    Value::Decimal(d) => d.to_f64(),
                    other => {
                        return Err(type_error(format!(
                            "must be real number, not {}",
                            other.error_type_name()
                        )))
                    }
                };
                spec.kind = Some(conv);
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                if spec.zero {
                    spec.align = None;
                }
                format_float(f, &spec, &arg)?
            }
            'c' => match &arg {
                Value::Str(s) if s.chars().count() == 1 => pad(&spec, "", s, false),
                Value::Int(n) => {
                    let c = n
                        .to_u32()
                        .and_then(char::from_u32)
                        .ok_or_else(|| exc("OverflowError", "%c arg not in range(0x110000)"))?;
                    pad(&spec, "", &c.to_string(), false)
                }
                _ => return Err(type_error("%c requires int or char")),
            },
            other => {
                return Err(exc(
                    "ValueError",
                    format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        i - 1
                    ),
                ))
            }
        };
        crate::python::eval::budget::check_len(out.len() as u128 + text.len() as u128)?;
        crate::python::eval::budget::bytes(text.len())?;
        out.push_str(&text);
    }
    // Python treats any subscriptable non-tuple argument as a mapping: nothing is left over.
    let mapping_like = matches!(
        args,
        Value::List(_) | Value::Dict(_) | Value::Range(_) | Value::Bytes(_) | Value::Native(_)
    );
    if mapping.is_none() && !mapping_like && next < items.len() {
        return Err(type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: Value, spec: &str) -> String {
        format_value(&v, spec).unwrap()
    }

    // Expected strings from CPython 3.11's format().
    #[test]
    fn specs_match_python() {
        let n = || Value::int(1234567);
        let m = || Value::int(-42);
        let pi = || Value::float(314159.0 / 100000.0);
        assert_eq!(f(m(), ">5"), "  -42");
        assert_eq!(f(m(), "<5"), "-42  ");
        assert_eq!(f(m(), "^5"), " -42 ");
        assert_eq!(f(m(), "05d"), "-0042");
        assert_eq!(f(pi(), ".2f"), "3.14");
        assert_eq!(f(n(), ","), "1,234,567");
        assert_eq!(f(n(), "_"), "1_234_567");
        assert_eq!(f(n(), "x"), "12d687");
        assert_eq!(f(m(), "#x"), "-0x2a");
        assert_eq!(f(n(), "+d"), "+1234567");
        assert_eq!(f(pi(), "08.3f"), "0003.142");
        assert_eq!(f(m(), "08.3f"), "-042.000");
        assert_eq!(f(Value::float(1e20), "e"), "1.000000e+20");
        assert_eq!(f(Value::float(0.0001234), ".3e"), "1.234e-04");
        assert_eq!(f(n(), "g"), "1.23457e+06");
        assert_eq!(f(Value::float(0.0001234), ".3g"), "0.000123");
        assert_eq!(f(pi(), ".1%"), "314.2%");
        assert_eq!(f(n(), "10.2e"), "  1.23e+06");
        assert_eq!(f(m(), "=+8d"), "-     42");
        assert_eq!(f(m(), "*^9"), "***-42***");
        assert_eq!(
            f(Value::float(1e20), ",.2f"),
            "100,000,000,000,000,000,000.00"
        );
        assert_eq!(f(Value::float(2.5), ".0f"), "2");
        assert_eq!(f(Value::float(1.0), ".3"), "1.0");
        assert_eq!(f(Value::float(123456.0), ".3"), "1.23e+05");
        assert_eq!(f(Value::float(1e16), ""), "1e+16");
        assert_eq!(f(Value::str("abc"), "^6"), " abc  ");
        assert_eq!(f(Value::str("abc"), ".2"), "ab");
        assert_eq!(f(Value::str("abc"), "x<4"), "abcx");
        assert_eq!(f(Value::Bool(true), ""), "True");
        assert_eq!(f(Value::Bool(true), "d"), "1");
        assert_eq!(
            format_value(&Value::float(1.5), "d")
                .unwrap_err()
                .to_string(),
            "ValueError: Unknown format code 'd' for object of type 'float'"
        );
        assert_eq!(
            format_value(&Value::str("a"), "=5")
                .unwrap_err()
                .to_string(),
            "ValueError: '=' alignment not allowed in string format specifier"
        );
        assert_eq!(
            format_value(&Value::int(1), ".2d").unwrap_err().to_string(),
            "ValueError: Precision not allowed in integer format specifier"
        );
    }

    #[test]
    fn percent_formatting_matches_python() {
        let args = Value::tuple(vec![
            Value::str("a"),
            Value::float(3.7),
            Value::str("r"),
            Value::float(2.345),
            Value::str("x"),
            Value::str("y"),
            Value::int(255),
            Value::int(42),
            Value::int(5),
            Value::int(7),
            Value::float(1234.5),
            Value::float(0.0001),
            Value::int(65),
        ]);
        assert_eq!(
            percent_format("%s %d %r %.2f %5s|%-5s|%%|%x|%05d|%+d|%i|%e|%g|%c", &args).unwrap(),
            "a 3 'r' 2.35     x|y    |%|ff|00042|+5|7|1.234500e+03|0.0001|A"
        );
        assert_eq!(
            percent_format("%s %s", &Value::tuple(vec![Value::str("a")]))
                .unwrap_err()
                .to_string(),
            "TypeError: not enough arguments for format string"
        );
        assert_eq!(
            percent_format("%s", &Value::tuple(vec![Value::str("a"), Value::str("b")]))
                .unwrap_err()
                .to_string(),
            "TypeError: not all arguments converted during string formatting"
        );
    }

    #[test]
    fn strftime_common_directives() {
        let dt = DateTime::new(2024, 3, 5, 14, 7, 9, 0, true).unwrap();
        assert_eq!(
            strftime_datetime(&dt, "%Y-%m-%d %H:%M:%S %a %b %I%p %Z"),
            "2024-03-05 14:07:09 Tue Mar 02PM UTC"
        );
    }
}
