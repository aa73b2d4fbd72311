//! The `math` module: CPython's functions on floats and ints, with its messages ("math
//! domain error", "math range error", "must be real number, not str").

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::Args;
use crate::python::eval::{snapshot_iterable, Exec, Interpreter};
use crate::python::syntax::ast::BinOp;
use crate::python::types::ops::{as_int, check_int, exc, float_to_int, int_to_f64, type_error};
use crate::python::types::Value;
use crate::python::PyError;

fn f(
    name: &'static str,
    body: impl Fn(&mut Exec<'_>, Args) -> Result<Value, PyError> + 'static,
) -> Value {
    super::function("math", name, body)
}

pub(crate) fn install(it: &mut Interpreter) {
    let f1 = |name: &'static str, op: fn(f64) -> f64, domain: fn(f64) -> bool| {
        f(name, move |_, a| {
            a.count(name, 1, 1)?;
            let x = real(&a.args[0])?;
            if !domain(x) {
                return Err(domain_error());
            }
            finite_result(x, op(x))
        })
    };
    let any = |_: f64| true;
    let mut members = vec![
        ("pi", Value::float(std::f64::consts::PI)),
        ("e", Value::float(std::f64::consts::E)),
        ("tau", Value::float(std::f64::consts::TAU)),
        ("inf", Value::float(f64::INFINITY)),
        ("nan", Value::float(f64::NAN)),
        ("sqrt", f1("sqrt", f64::sqrt, |x| x >= 0.0 || x.is_nan())),
        ("exp", f1("exp", f64::exp, any)),
        ("exp2", f1("exp2", f64::exp2, any)),
        ("expm1", f1("expm1", f64::exp_m1, any)),
        ("log1p", f1("log1p", f64::ln_1p, |x| x > -1.0 || x.is_nan())),
        ("cbrt", f1("cbrt", f64::cbrt, any)),
        ("sin", f1("sin", f64::sin, |x| !x.is_infinite())),
        ("cos", f1("cos", f64::cos, |x| !x.is_infinite())),
        ("tan", f1("tan", f64::tan, |x| !x.is_infinite())),
        (
            "asin",
            f1("asin", f64::asin, |x| {
                x.is_nan() || (-1.0..=1.0).contains(&x)
            }),
        ),
        (
            "acos",
            f1("acos", f64::acos, |x| {
                x.is_nan() || (-1.0..=1.0).contains(&x)
            }),
        ),
        ("atan", f1("atan", f64::atan, any)),
        ("sinh", f1("sinh", f64::sinh, any)),
        ("cosh", f1("cosh", f64::cosh, any)),
        ("tanh", f1("tanh", f64::tanh, any)),
        ("asinh", f1("asinh", f64::asinh, any)),
        ("acosh", f1("acosh", f64::acosh, |x| x.is_nan() || x >= 1.0)),
        (
            "atanh",
            f1("atanh", f64::atanh, |x| x.is_nan() || (x > -1.0 && x < 1.0)),
        ),
        ("fabs", f1("fabs", f64::abs, any)),
        ("degrees", f1("degrees", f64::to_degrees, any)),
        ("radians", f1("radians", f64::to_radians, any)),
    ];
    members.extend([
        ("floor", f("floor", |_, a| rounding(a, "floor", f64::floor))),
        ("ceil", f("ceil", |_, a| rounding(a, "ceil", f64::ceil))),
        ("trunc", f("trunc", |_, a| rounding(a, "trunc", f64::trunc))),
        ("log", f("log", log)),
        (
            "log2",
            f("log2", |_, a| {
                a.count("log2", 1, 1)?;
                log_of(&a.args[0], f64::log2).map(Value::float)
            }),
        ),
        (
            "log10",
            f("log10", |_, a| {
                a.count("log10", 1, 1)?;
                log_of(&a.args[0], f64::log10).map(Value::float)
            }),
        ),
        (
            "pow",
            f("pow", |_, a| {
                a.count("pow", 2, 2)?;
                let (x, y) = (real(&a.args[0])?, real(&a.args[1])?);
                if x == 0.0 && y < 0.0 && y.is_finite()
                    || (x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0)
                {
                    return Err(domain_error());
                }
                finite_result(x, x.powf(y))
            }),
        ),
        (
            "atan2",
            f("atan2", |_, a| {
                a.count("atan2", 2, 2)?;
                Ok(Value::float(real(&a.args[0])?.atan2(real(&a.args[1])?)))
            }),
        ),
        (
            "copysign",
            f("copysign", |_, a| {
                a.count("copysign", 2, 2)?;
                Ok(Value::float(real(&a.args[0])?.copysign(real(&a.args[1])?)))
            }),
        ),
        (
            "fmod",
            f("fmod", |_, a| {
                a.count("fmod", 2, 2)?;
                let (x, y) = (real(&a.args[0])?, real(&a.args[1])?);
                if y == 0.0 && !x.is_nan() || x.is_infinite() && !y.is_nan() {
                    return Err(domain_error());
                }
                Ok(Value::float(x % y))
            }),
        ),
        (
            "hypot",
            f("hypot", |_, a| {
                a.no_kwargs("hypot")?;
                let coords = a.args.iter().map(real).collect::<Result<Vec<_>, _>>()?;
                Ok(Value::float(vector_norm(&coords)))
            }),
        ),
        (
            "isfinite",
            f("isfinite", |_, a| {
                a.count("isfinite", 1, 1)?;
                Ok(Value::bool(real(&a.args[0])?.is_finite()))
            }),
        ),
        (
            "isinf",
            f("isinf", |_, a| {
                a.count("isinf", 1, 1)?;
                Ok(Value::bool(real(&a.args[0])?.is_infinite()))
            }),
        ),
        (
            "isnan",
            f("isnan", |_, a| {
                a.count("isnan", 1, 1)?;
                Ok(Value::bool(real(&a.args[0])?.is_nan()))
            }),
        ),
        ("isclose", f("isclose", isclose)),
        (
            "modf",
            f("modf", |_, a| {
                a.count("modf", 1, 1)?;
                let x = real(&a.args[0])?;
                let int = if x.is_infinite() { x } else { x.trunc() };
                let frac = if x.is_infinite() {
                    0.0f64.copysign(x)
                } else {
                    (x - int).copysign(x)
                };
                Ok(Value::tuple(vec![Value::float(frac), Value::float(int)]))
            }),
        ),
        (
            "gcd",
            f("gcd", |_, a| {
                a.no_kwargs("gcd")?;
                let mut g = BigInt::zero();
                for v in &a.args {
                    g = g.gcd(&integer(v)?);
                }
                Ok(Value::Int(g))
            }),
        ),
        (
            "lcm",
            f("lcm", |_, a| {
                a.no_kwargs("lcm")?;
                let mut l = BigInt::one();
                for v in &a.args {
                    let n = integer(v)?;
                    if n.is_zero() {
                        l = BigInt::zero();
                    } else if !l.is_zero() {
                        l = l.lcm(&n);
                    }
                }
                check_int(l)
            }),
        ),
        (
            "factorial",
            f("factorial", |ex, a| {
                a.count("factorial", 1, 1)?;
                let n = integer(&a.args[0])?;
                if n.is_negative() {
                    return Err(exc(
                        "ValueError",
                        "factorial() not defined for negative values",
                    ));
                }
                let n = n.to_u64().ok_or_else(|| {
                    exc(
                        "OverflowError",
                        "factorial() argument should not exceed 9223372036854775807",
                    )
                })?;
                let mut acc = BigInt::one();
                for i in 2..=n {
                    acc *= i;
                    if i % 256 == 0 {
                        ex.charge(256)?;
                        acc = match check_int(acc)? {
                            Value::Int(v) => v,
                            _ => unreachable!(),
                        };
                    }
                }
                check_int(acc)
            }),
        ),
        (
            "comb",
            f("comb", |ex, a| {
                a.count("comb", 2, 2)?;
                let (n, k) = (integer(&a.args[0])?, integer(&a.args[1])?);
                if n.is_negative() {
                    return Err(exc("ValueError", "n must be a non-negative integer"));
                }
                if k.is_negative() {
                    return Err(exc("ValueError", "k must be a non-negative integer"));
                }
                if k > n {
                    return Ok(Value::int(0));
                }
                let k = std::cmp::min(k.clone(), &n - &k);
                product_ratio(ex, &n, &k, true)
            }),
        ),
        (
            "perm",
            f("perm", |ex, a| {
                a.count("perm", 1, 2)?;
                let n = integer(&a.args[0])?;
                let k = match a.args.get(1) {
                    None | Some(Value::None) => n.clone(),
                    Some(v) => integer(v)?,
                };
                if n.is_negative() {
                    return Err(exc("ValueError", "n must be a non-negative integer"));
                }
                if k.is_negative() {
                    return Err(exc("ValueError", "k must be a non-negative integer"));
                }
                if k > n {
                    return Ok(Value::int(0));
                }
                product_ratio(ex, &n, &k, false)
            }),
        ),
        (
            "isqrt",
            f("isqrt", |_, a| {
                a.count("isqrt", 1, 1)?;
                let n = integer(&a.args[0])?;
                if n.is_negative() {
                    return Err(exc("ValueError", "isqrt() argument must be nonnegative"));
                }
                Ok(Value::Int(n.sqrt()))
            }),
        ),
        (
            "fsum",
            f("fsum", |ex, a| {
                a.count("fsum", 1, 1)?;
                let items = snapshot_iterable(&a.args[0])?;
                ex.charge(items.len())?;
                let mut xs = Vec::with_capacity(items.len());
                for v in &items {
                    xs.push(real(v)?);
                }
                fsum(&xs).map(Value::float)
            }),
        ),
        (
            "prod",
            f("prod", |ex, mut a| {
                let start = a.take_kw("start").unwrap_or(Value::int(1));
                a.no_kwargs("prod")?;
                a.count("prod", 1, 1)?;
                let items = snapshot_iterable(&a.args[0])?;
                ex.charge(items.len())?;
                let mut acc = start;
                for v in &items {
                    acc = ex.binary(BinOp::Mul, &acc, v)?;
                }
                Ok(acc)
            }),
        ),
        (
            "dist",
            f("dist", |_, a| {
                a.count("dist", 2, 2)?;
                let p = snapshot_iterable(&a.args[0])?;
                let q = snapshot_iterable(&a.args[1])?;
                if p.len() != q.len() {
                    return Err(exc(
                        "ValueError",
                        "both points must have the same number of dimensions",
                    ));
                }
                let mut diffs = Vec::with_capacity(p.len());
                for (x, y) in p.iter().zip(&q) {
                    diffs.push(real(x)? - real(y)?);
                }
                Ok(Value::float(vector_norm(&diffs)))
            }),
        ),
    ]);
    it.modules
        .insert("math".into(), super::module("math", members));
}

/// What CPython's `math` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "erf" | "erfc" | "gamma" | "lgamma" | "frexp" | "ldexp" | "nextafter" | "ulp" | "remainder"
    )
}

fn domain_error() -> PyError {
    exc("ValueError", "math domain error")
}

/// A float argument: float, int or bool (CPython's `must be real number`).
pub(crate) fn real(v: &Value) -> Result<f64, PyError> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(n) => int_to_f64(n),
        Value::Bool(b) => Ok(*b as u8 as f64),
        Value::Decimal(d) => Ok(
            crate::python::text::repr::to_str(&Value::Decimal(d.clone()))
                .parse()
                .unwrap_or(f64::NAN),
        ),
        other => Err(type_error(format!(
            "must be real number, not {}",
            other.error_type_name()
        ))),
    }
}

fn integer(v: &Value) -> Result<BigInt, PyError> {
    as_int(v).ok_or_else(|| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.error_type_name()
        ))
    })
}

/// An infinite result from a finite argument is CPython's "math range error".
fn finite_result(x: f64, r: f64) -> Result<Value, PyError> {
    if r.is_infinite() && x.is_finite() {
        return Err(exc("OverflowError", "math range error"));
    }
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    Ok(Value::float(r))
}

fn rounding(a: Args, name: &str, op: fn(f64) -> f64) -> Result<Value, PyError> {
    a.count(name, 1, 1)?;
    match &a.args[0] {
        Value::Int(n) => Ok(Value::Int(n.clone())),
        Value::Bool(b) => Ok(Value::int(*b as i64)),
        Value::Float(f) => float_to_int(op(*f)),
        other if name == "trunc" => Err(type_error(format!(
            "type {} doesn't define __trunc__ method",
            other.error_type_name()
        ))),
        other => float_to_int(op(real(other)?)),
    }
}

/// `log` of an int or float; an int too large for a float is taken apart as CPython does
/// (m · 2**e, so log(m) + log(2)·e).
fn log_of(v: &Value, op: fn(f64) -> f64) -> Result<f64, PyError> {
    if let Value::Int(n) = v {
        if !n.is_positive() {
            return Err(domain_error());
        }
        if n.to_f64().is_none_or(|f| f.is_infinite()) {
            let bits = n.bits();
            let top: BigInt = n >> (bits - 60);
            let m = top.to_f64().unwrap_or(1.0) / 2f64.powi(60);
            return Ok(op(m) + op(2.0) * bits as f64);
        }
    }
    let x = real(v)?;
    if x <= 0.0 {
        return Err(domain_error());
    }
    Ok(op(x))
}

fn log(_: &mut Exec<'_>, a: Args) -> Result<Value, PyError> {
    a.no_kwargs("log")?;
    a.count("log", 1, 2)?;
    let num = log_of(&a.args[0], f64::ln)?;
    match a.args.get(1) {
        None => Ok(Value::float(num)),
        Some(b) => {
            let den = log_of(b, f64::ln)?;
            if den == 0.0 {
                return Err(exc("ZeroDivisionError", "float division by zero"));
            }
            Ok(Value::float(num / den))
        }
    }
}

fn isclose(_: &mut Exec<'_>, mut a: Args) -> Result<Value, PyError> {
    let rel = a
        .take_kw("rel_tol")
        .map(|v| real(&v))
        .transpose()?
        .unwrap_or(1e-9);
    let abs = a
        .take_kw("abs_tol")
        .map(|v| real(&v))
        .transpose()?
        .unwrap_or(0.0);
    a.no_kwargs("isclose")?;
    a.count("isclose", 2, 2)?;
    let (x, y) = (real(&a.args[0])?, real(&a.args[1])?);
    if rel < 0.0 || abs < 0.0 {
        return Err(exc("ValueError", "tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::bool(
        diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs,
    ))
}

/// n·(n-1)·…·(n-k+1), divided by k! when `divide` (for `comb`).
fn product_ratio(
    ex: &mut Exec<'_>,
    n: &BigInt,
    k: &BigInt,
    divide: bool,
) -> Result<Value, PyError> {
    let k = k
        .to_u64()
        .ok_or_else(|| exc("OverflowError", "k must not exceed 9223372036854775807"))?;
    let mut acc = BigInt::one();
    for i in 0..k {
        acc *= n - BigInt::from(i);
        if divide {
            acc /= BigInt::from(i + 1);
        }
        if i % 256 == 255 {
            ex.charge(256)?;
            acc = match check_int(acc)? {
                Value::Int(v) => v,
                _ => unreachable!(),
            };
        }
    }
    check_int(acc)
}

/// The exactly rounded sum of floats (Shewchuk's algorithm, as CPython's `fsum`).
fn fsum(xs: &[f64]) -> Result<f64, PyError> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for &x0 in xs {
        let mut x = x0;
        if !x.is_finite() {
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        if !x.is_finite() {
            return Err(exc("OverflowError", "intermediate overflow in fsum"));
        }
        partials.truncate(i);
        partials.push(x);
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(exc("ValueError", "-inf + inf in fsum"));
        }
        return Ok(special);
    }
    let mut n = partials.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// The Euclidean norm, computed as CPython's `vector_norm` does (scaled to avoid overflow,
/// squares and sums kept exact in two parts, one correction step), so `hypot` and `dist`
/// give CPython's last bit.
fn vector_norm(coords: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    let mut vec: Vec<f64> = Vec::with_capacity(coords.len());
    for &c in coords {
        let x = c.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    norm_of(&mut vec, max, found_nan)
}

fn norm_of(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let max_e = frexp_exponent(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * norm_of(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = 2f64.powi(-max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    for &x0 in vec.iter() {
        let x = x0 * scale;
        let (hi, lo) = (x * x, x.mul_add(x, -(x * x)));
        let sum = csum + hi;
        frac2 += (csum - sum) + hi;
        csum = sum;
        frac1 += lo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = (-h * h, (-h).mul_add(h, h * h));
    let sum = csum + hi;
    frac2 += (csum - sum) + hi;
    csum = sum;
    frac1 += lo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// The exponent `frexp` gives: x = m · 2**e with 0.5 <= m < 1.
fn frexp_exponent(x: f64) -> i32 {
    if x == 0.0 || !x.is_finite() {
        return 0;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: normalise first.
        return frexp_exponent(x * 2f64.powi(64)) - 64;
    }
    exp - 1022
}
