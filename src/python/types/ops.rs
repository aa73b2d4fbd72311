//! Operators on values with Python's semantics and error messages: arithmetic, comparison,
//! membership, indexing and slicing.

use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use crate::python::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::python::types::{
    num_cmp, Decimal, Dict, DictViewKind, PyException, Set, TimeDelta, Value,
};
use crate::python::PyError;

/// The largest int result, in bits, the simulator computes.
pub const MAX_INT_BITS: u64 = 1 << 18;
/// The most items a list, tuple, dict or set may get from one operation.
pub const MAX_ITEMS: usize = 1_000_000;
/// The longest str or bytes one operation may produce.
pub const MAX_STR_LEN: usize = 10_000_000;

pub type OpResult = Result<Value, PyError>;

pub(crate) fn type_error(msg: impl Into<String>) -> PyError {
    PyError::Exception(PyException::type_error(msg))
}

pub(crate) fn exc(kind: &str, msg: impl Into<String>) -> PyError {
    PyError::Exception(PyException::new(kind, msg))
}

pub(crate) fn too_big_int() -> PyError {
    PyError::Unsupported {
        what: format!("integers larger than {MAX_INT_BITS} bits"),
        line: 0,
    }
}

pub(crate) fn too_many_items(n: u128) -> PyError {
    PyError::Unsupported {
        what: format!("values this large ({n} items; the simulator's limit is {MAX_ITEMS})"),
        line: 0,
    }
}

pub(crate) fn too_long(n: u128) -> PyError {
    PyError::Unsupported {
        what: format!("strings this long ({n} characters; the simulator's limit is {MAX_STR_LEN})"),
        line: 0,
    }
}

pub(crate) fn check_int(n: BigInt) -> OpResult {
    if n.bits() > MAX_INT_BITS {
        return Err(too_big_int());
    }
    Ok(Value::Int(n))
}

/// An int operand (bools count as ints).
pub(crate) fn as_int(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(n) => Some(n.clone()),
        Value::Bool(b) => Some(BigInt::from(*b as u8)),
        _ => None,
    }
}

fn as_float(v: &Value) -> Option<Result<f64, PyError>> {
    match v {
        Value::Float(f) => Some(Ok(*f)),
        Value::Int(n) => Some(int_to_f64(n)),
        Value::Bool(b) => Some(Ok(*b as u8 as f64)),
        _ => None,
    }
}

pub(crate) fn int_to_f64(n: &BigInt) -> Result<f64, PyError> {
    match n.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(exc("OverflowError", "int too large to convert to float")),
    }
}

/// An index-sized int, with Python's errors for other types.
pub(crate) fn as_index(v: &Value) -> Result<i64, PyError> {
    match v {
        Value::Int(n) => n.to_i64().ok_or_else(|| {
            exc(
                "OverflowError",
                "cannot fit 'int' into an index-sized integer",
            )
        }),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.error_type_name()
        ))),
    }
}

fn unsupported_operands(op: BinOp, a: &Value, b: &Value) -> PyError {
    type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        a.error_type_name(),
        b.error_type_name()
    ))
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_))
}

fn as_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Decimal(d) => Some((**d).clone()),
        Value::Int(n) => Some(Decimal::from_bigint(n)),
        Value::Bool(b) => Some(Decimal::from_bigint(&BigInt::from(*b as u8))),
        _ => None,
    }
}

/// Python's float `%` (the result takes the sign of the divisor).
fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((m < 0.0) != (b < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let floor = div.floor();
        if div - floor > 0.5 {
            floor + 1.0
        } else {
            floor
        }
    } else {
        0.0f64.copysign(a / b)
    }
}

/// `a ** b` for ints, refusing results beyond the size limit.
fn int_pow(a: &BigInt, b: &BigInt) -> OpResult {
    if b.is_negative() {
        let base = int_to_f64(a)?;
        if base == 0.0 {
            return Err(exc(
                "ZeroDivisionError",
                "0.0 cannot be raised to a negative power",
            ));
        }
        let e = b.to_f64().unwrap_or(f64::NEG_INFINITY);
        return Ok(Value::Float(base.powf(e)));
    }
    let magnitude = a.abs();
    if magnitude <= BigInt::from(1) {
        // 0, 1 and -1 stay small whatever the exponent.
        if a.is_zero() {
            return Ok(Value::Int(if b.is_zero() { 1.into() } else { 0.into() }));
        }
        if a == &BigInt::from(-1) {
            return Ok(Value::int(if b.is_odd() { -1 } else { 1 }));
        }
        return Ok(Value::int(1));
    }
    let exp = b.to_u64().ok_or_else(too_big_int)?;
    let bits = (magnitude.bits() - 1).max(1);
    if bits.saturating_mul(exp) > MAX_INT_BITS {
        return Err(too_big_int());
    }
    check_int(num_traits::pow(a.clone(), exp as usize))
}

fn float_pow(a: f64, b: f64) -> OpResult {
    if a == 0.0 && b < 0.0 {
        return Err(exc(
            "ZeroDivisionError",
            "0.0 cannot be raised to a negative power",
        ));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        return Err(PyError::Unsupported {
            what: "complex numbers (a negative number to a fractional power)".into(),
            line: 0,
        });
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        // CPython raises it from the C library's errno: `OverflowError(34, 'Numerical
        // result out of range')`, two arguments.
        return Err(PyError::Exception(PyException::with_args(
            "OverflowError",
            vec![Value::int(34), Value::str("Numerical result out of range")],
        )));
    }
    Ok(Value::Float(r))
}

fn repeat_count(n: &Value) -> Result<Option<i64>, PyError> {
    match n {
        Value::Int(_) | Value::Bool(_) => Ok(Some(as_index(n)?.max(0))),
        _ => Ok(None),
    }
}

fn repeat_seq(items: &[Value], n: i64) -> Result<Vec<Value>, PyError> {
    let total = items.len() as u128 * n as u128;
    if total > MAX_ITEMS as u128 {
        return Err(too_many_items(total));
    }
    let mut out = Vec::with_capacity(total as usize);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

fn sequence_repeat(seq: &Value, n: i64) -> OpResult {
    Ok(match seq {
        Value::Str(s) => {
            let total = s.len() as u128 * n as u128;
            if total > MAX_STR_LEN as u128 {
                return Err(too_long(total));
            }
            Value::Str(Rc::from(s.repeat(n as usize).as_str()))
        }
        Value::Bytes(b) => {
            let total = b.len() as u128 * n as u128;
            if total > MAX_STR_LEN as u128 {
                return Err(too_long(total));
            }
            Value::Bytes(Rc::from(b.repeat(n as usize)))
        }
        Value::List(l) => {
            let items = l.borrow().clone();
            Value::list(repeat_seq(&items, n)?)
        }
        Value::Tuple(t) => Value::tuple(repeat_seq(t, n)?),
        _ => Value::None,
    })
}

fn is_sequence(v: &Value) -> bool {
    matches!(
        v,
        Value::Str(_) | Value::Bytes(_) | Value::List(_) | Value::Tuple(_)
    )
}

fn timedelta_mul_float(d: &TimeDelta, f: f64) -> OpResult {
    let micros = d.total_micros() as f64 * f;
    if !micros.is_finite() || micros.abs() > 1e20 {
        return Err(exc(
            "OverflowError",
            "cannot convert float infinity to integer",
        ));
    }
    Ok(Value::TimeDelta(TimeDelta::from_micros(
        round_half_even(micros) as i128,
    )?))
}

fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// `a <op> b`.
/// `x op y` for two ints that fit in 64 bits, without big-number work; `None` when the
/// general path must decide (overflow, division by zero, the other operators).
#[inline]
pub(crate) fn small_int_op(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::FloorDiv => {
            let q = x.checked_div(y)?;
            // Rounds towards minus infinity, as Python does.
            Some(if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            })
        }
        BinOp::Mod => {
            let r = x.checked_rem(y)?;
            Some(if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            })
        }
        BinOp::BitAnd => Some(x & y),
        BinOp::BitOr => Some(x | y),
        BinOp::BitXor => Some(x ^ y),
        _ => None,
    }
}

pub fn binary_op(op: BinOp, a: &Value, b: &Value) -> OpResult {
    use Value as V;
    if let (V::Int(x), V::Int(y)) = (a, b) {
        if let (Some(x), Some(y)) = (x.to_i64(), y.to_i64()) {
            if let Some(r) = small_int_op(op, x, y) {
                return Ok(V::Int(BigInt::from(r)));
            }
        }
    }
    // Integers (and bools).
    if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
        let bool_result = matches!((a, b), (V::Bool(_), V::Bool(_)));
        return match op {
            BinOp::Add => check_int(x + y),
            BinOp::Sub => check_int(x - y),
            BinOp::Mul => {
                if x.bits() + y.bits() > MAX_INT_BITS + 1 {
                    return Err(too_big_int());
                }
                check_int(x * y)
            }
            BinOp::Div => {
                if y.is_zero() {
                    return Err(exc("ZeroDivisionError", "division by zero"));
                }
                int_true_div(&x, &y)
            }
            BinOp::FloorDiv => {
                if y.is_zero() {
                    return Err(exc(
                        "ZeroDivisionError",
                        "integer division or modulo by zero",
                    ));
                }
                Ok(V::Int(x.div_floor(&y)))
            }
            BinOp::Mod => {
                if y.is_zero() {
                    return Err(exc("ZeroDivisionError", "integer modulo by zero"));
                }
                Ok(V::Int(x.mod_floor(&y)))
            }
            BinOp::Pow => int_pow(&x, &y),
            BinOp::LShift => {
                if y.is_negative() {
                    return Err(exc("ValueError", "negative shift count"));
                }
                let s = y
                    .to_u64()
                    .ok_or_else(|| exc("OverflowError", "too many digits in integer"))?;
                if x.is_zero() {
                    return Ok(V::int(0));
                }
                if x.bits().saturating_add(s) > MAX_INT_BITS {
                    return Err(too_big_int());
                }
                Ok(V::Int(x << s as usize))
            }
            BinOp::RShift => {
                if y.is_negative() {
                    return Err(exc("ValueError", "negative shift count"));
                }
                let s = y.to_u64().unwrap_or(u64::MAX).min(MAX_INT_BITS + 1);
                Ok(V::Int(x.div_floor(&(BigInt::from(1) << s as usize))))
            }
            BinOp::BitAnd if bool_result => Ok(V::Bool(a.is_truthy() & b.is_truthy())),
            BinOp::BitOr if bool_result => Ok(V::Bool(a.is_truthy() | b.is_truthy())),
            BinOp::BitXor if bool_result => Ok(V::Bool(a.is_truthy() ^ b.is_truthy())),
            BinOp::BitAnd => Ok(V::Int(x & y)),
            BinOp::BitOr => Ok(V::Int(x | y)),
            BinOp::BitXor => Ok(V::Int(x ^ y)),
        };
    }
    // Floats mixed with ints.
    if is_number(a)
        && is_number(b)
        && matches!(
            op,
            BinOp::LShift | BinOp::RShift | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor
        )
    {
        return Err(unsupported_operands(op, a, b));
    }
    if is_number(a) && is_number(b) {
        let (x, y) = (
            as_float(a).unwrap_or(Ok(0.0))?,
            as_float(b).unwrap_or(Ok(0.0))?,
        );
        return match op {
            BinOp::Add => Ok(V::Float(x + y)),
            BinOp::Sub => Ok(V::Float(x - y)),
            BinOp::Mul => Ok(V::Float(x * y)),
            BinOp::Div => {
                if y == 0.0 {
                    Err(exc("ZeroDivisionError", "float division by zero"))
                } else {
                    Ok(V::Float(x / y))
                }
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    Err(exc("ZeroDivisionError", "float floor division by zero"))
                } else {
                    Ok(V::Float(float_floordiv(x, y)))
                }
            }
            BinOp::Mod => {
                if y == 0.0 {
                    Err(exc("ZeroDivisionError", "float modulo"))
                } else {
                    Ok(V::Float(float_mod(x, y)))
                }
            }
            BinOp::Pow => float_pow(x, y),
            _ => Err(unsupported_operands(op, a, b)),
        };
    }
    // Decimals with ints (not with floats).
    if (matches!(a, V::Decimal(_)) || matches!(b, V::Decimal(_)))
        && !is_sequence(a)
        && !is_sequence(b)
    {
        if let (Some(x), Some(y)) = (as_decimal(a), as_decimal(b)) {
            let r = match op {
                BinOp::Add => x.add(&y),
                BinOp::Sub => x.sub(&y),
                BinOp::Mul => x.mul(&y),
                BinOp::Div => x.div(&y),
                BinOp::FloorDiv => x.floordiv(&y),
                BinOp::Mod => x.rem(&y),
                BinOp::Pow => match as_int(b) {
                    Some(e) if e >= BigInt::zero() && e <= BigInt::from(1000) => {
                        let mut acc = Decimal::parse("1").map_err(PyError::from)?;
                        for _ in 0..e.to_u32().unwrap_or(0) {
                            acc = acc.mul(&x)?;
                        }
                        Ok(acc)
                    }
                    _ => {
                        return Err(PyError::Unsupported {
                            what: "Decimal powers other than small non-negative ints".into(),
                            line: 0,
                        })
                    }
                },
                _ => return Err(unsupported_operands(op, a, b)),
            };
            return Ok(Value::decimal(r?));
        }
        return Err(unsupported_operands(op, a, b));
    }
    match (op, a, b) {
        (BinOp::Add, V::Str(x), V::Str(y)) => {
            let total = x.len() + y.len();
            if total > MAX_STR_LEN {
                return Err(too_long(total as u128));
            }
            let mut s = String::with_capacity(total);
            s.push_str(x);
            s.push_str(y);
            Ok(V::Str(Rc::from(s.as_str())))
        }
        (BinOp::Add, V::Str(_), other) => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            other.error_type_name()
        ))),
        (BinOp::Add, V::Bytes(_), V::Str(_)) => Err(type_error("can't concat str to bytes")),
        (BinOp::Add, V::Bytes(x), V::Bytes(y)) => {
            let total = x.len() + y.len();
            if total > MAX_STR_LEN {
                return Err(too_long(total as u128));
            }
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            Ok(V::Bytes(Rc::from(v)))
        }
        (BinOp::Add, V::List(x), V::List(y)) => {
            let mut v = x.borrow().clone();
            let extra = y.borrow().clone();
            if v.len() + extra.len() > MAX_ITEMS {
                return Err(too_many_items((v.len() + extra.len()) as u128));
            }
            v.extend(extra);
            Ok(V::list(v))
        }
        (BinOp::Add, V::List(_), other) => Err(type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            other.error_type_name()
        ))),
        (BinOp::Add, V::Tuple(x), V::Tuple(y)) => {
            if x.len() + y.len() > MAX_ITEMS {
                return Err(too_many_items((x.len() + y.len()) as u128));
            }
            let mut v = x.to_vec();
            v.extend(y.iter().cloned());
            Ok(V::tuple(v))
        }
        (BinOp::Add, V::Tuple(_), other) => Err(type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            other.error_type_name()
        ))),
        (BinOp::Mul, seq, n) | (BinOp::Mul, n, seq)
            if is_sequence(seq) && (!is_sequence(n) || std::ptr::eq(seq, a)) =>
        {
            match repeat_count(n)? {
                Some(count) => sequence_repeat(seq, count),
                None => Err(type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    n.error_type_name()
                ))),
            }
        }
        (BinOp::Mod, V::Bytes(_), _) => Err(PyError::Unsupported {
            what: "%-formatting of bytes".into(),
            line: 0,
        }),
        (BinOp::Mod, V::Str(fmt), args) => crate::python::text::format::percent_format(fmt, args)
            .map(|s| V::Str(Rc::from(s.as_str()))),
        // Dates and times.
        (BinOp::Add, V::DateTime(d), V::TimeDelta(t))
        | (BinOp::Add, V::TimeDelta(t), V::DateTime(d)) => Ok(V::DateTime(d.add(t)?)),
        (BinOp::Add, V::Date(d), V::TimeDelta(t)) | (BinOp::Add, V::TimeDelta(t), V::Date(d)) => {
            Ok(V::Date(d.add(t)?))
        }
        (BinOp::Add, V::TimeDelta(x), V::TimeDelta(y)) => Ok(V::TimeDelta(x.add(y)?)),
        (BinOp::Sub, V::TimeDelta(x), V::TimeDelta(y)) => Ok(V::TimeDelta(x.sub(y)?)),
        (BinOp::Sub, V::DateTime(x), V::DateTime(y)) => Ok(V::TimeDelta(x.sub(y)?)),
        (BinOp::Sub, V::DateTime(x), V::TimeDelta(y)) => Ok(V::DateTime(x.sub_delta(y)?)),
        (BinOp::Sub, V::Date(x), V::Date(y)) => Ok(V::TimeDelta(x.sub(y)?)),
        (BinOp::Sub, V::Date(x), V::TimeDelta(y)) => Ok(V::Date(x.sub_delta(y)?)),
        (BinOp::Mul, V::TimeDelta(d), n) | (BinOp::Mul, n, V::TimeDelta(d)) if is_number(n) => {
            match n {
                V::Float(f) => timedelta_mul_float(d, *f),
                _ => {
                    let k = as_int(n).and_then(|k| k.to_i128()).unwrap_or(i128::MAX);
                    let micros = d.total_micros().checked_mul(k).ok_or_else(|| {
                        exc("OverflowError", "Python int too large to convert to C int")
                    })?;
                    Ok(V::TimeDelta(TimeDelta::from_micros(micros)?))
                }
            }
        }
        (BinOp::Div, V::TimeDelta(x), V::TimeDelta(y)) => {
            if y.is_zero() {
                return Err(exc("ZeroDivisionError", "division by zero"));
            }
            Ok(V::Float(x.total_micros() as f64 / y.total_micros() as f64))
        }
        (BinOp::Mod, V::TimeDelta(x), V::TimeDelta(y)) => {
            if y.is_zero() {
                return Err(exc(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ));
            }
            let r = BigInt::from(x.total_micros()).mod_floor(&BigInt::from(y.total_micros()));
            Ok(V::TimeDelta(TimeDelta::from_micros(
                r.to_i128().unwrap_or(0),
            )?))
        }
        (BinOp::FloorDiv, V::TimeDelta(x), V::TimeDelta(y)) => {
            if y.is_zero() {
                return Err(exc(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ));
            }
            Ok(V::Int(
                BigInt::from(x.total_micros()).div_floor(&BigInt::from(y.total_micros())),
            ))
        }
        (BinOp::Div | BinOp::FloorDiv, V::TimeDelta(d), n) if is_number(n) => match n {
            V::Float(f) => {
                if *f == 0.0 {
                    return Err(exc("ZeroDivisionError", "float division by zero"));
                }
                timedelta_mul_float(d, 1.0 / f)
            }
            _ => {
                let k = as_int(n).and_then(|k| k.to_i128()).unwrap_or(i128::MAX);
                if k == 0 {
                    return Err(exc(
                        "ZeroDivisionError",
                        "integer division or modulo by zero",
                    ));
                }
                let micros = d.total_micros();
                let q = if op == BinOp::FloorDiv {
                    micros.div_euclid(k)
                        - if micros.rem_euclid(k) != 0 && k < 0 {
                            1
                        } else {
                            0
                        }
                } else {
                    let f = micros as f64 / k as f64;
                    round_half_even(f) as i128
                };
                Ok(V::TimeDelta(TimeDelta::from_micros(q)?))
            }
        },
        // Sets and dicts.
        (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, V::Set(x), V::Set(_)) => {
            // CPython's algorithms, which decide the layout (and so the order) of the result.
            let same =
                std::ptr::eq(a, b) || matches!((a, b), (V::Set(p), V::Set(q)) if Rc::ptr_eq(p, q));
            let x = x.borrow().clone();
            Ok(V::set(match op {
                BinOp::BitOr => {
                    let mut out = x.copied();
                    if !same {
                        out.update_from(b)?;
                    }
                    out
                }
                BinOp::BitAnd => x.intersection_with(b, same)?,
                BinOp::Sub if same => Set::new().with_frozen(x.frozen),
                BinOp::Sub => x.difference(b)?,
                _ => x.symmetric_difference(b)?,
            }))
        }
        (
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            V::DictView(_, DictViewKind::Keys | DictViewKind::Items),
            _,
        ) if crate::python::eval::make_iter(b).is_ok() => {
            let x = Value::set(Set::from_values(crate::python::eval::snapshot_iterable(
                a,
            )?)?);
            let y = Value::set(Set::from_values(crate::python::eval::snapshot_iterable(
                b,
            )?)?);
            binary_op(op, &x, &y)
        }
        (
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            _,
            V::DictView(_, DictViewKind::Keys | DictViewKind::Items),
        ) if crate::python::eval::make_iter(a).is_ok() => {
            let x = Value::set(Set::from_values(crate::python::eval::snapshot_iterable(
                a,
            )?)?);
            let y = Value::set(Set::from_values(crate::python::eval::snapshot_iterable(
                b,
            )?)?);
            binary_op(op, &x, &y)
        }
        (BinOp::BitOr, V::Dict(x), V::Dict(y)) => {
            let mut out = x.borrow().clone();
            for (k, v) in y.borrow().items() {
                out.insert(k, v)?;
            }
            Ok(V::dict(out))
        }
        _ => Err(unsupported_operands(op, a, b)),
    }
}

/// `int / int`, correctly rounded for ints beyond 2**53.
fn int_true_div(x: &BigInt, y: &BigInt) -> OpResult {
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
        if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
            return Ok(Value::Float(a as f64 / b as f64));
        }
    }
    // Scale so that the quotient has 64+ significant bits, then convert.
    let shift = 64i64 + y.bits() as i64 - x.bits() as i64;
    let (num, den) = if shift > 0 {
        (x.clone() << shift as usize, y.clone())
    } else {
        (x.clone(), y.clone() << (-shift) as usize)
    };
    let q = &num / &den;
    let f = q.to_f64().unwrap_or(f64::INFINITY) * 2f64.powi(-(shift as i32));
    if !f.is_finite() {
        return Err(exc(
            "OverflowError",
            "integer division result too large for a float",
        ));
    }
    Ok(Value::Float(f))
}

/// `-a`, `+a`, `~a`, `not a`.
pub fn unary_op(op: UnaryOp, a: &Value) -> OpResult {
    let bad = || {
        let sym = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Invert => "~",
            UnaryOp::Not => "not",
        };
        type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            a.error_type_name()
        ))
    };
    Ok(match op {
        UnaryOp::Not => Value::Bool(!a.is_truthy()),
        UnaryOp::Neg => match a {
            Value::Int(n) => Value::Int(-n),
            Value::Bool(b) => Value::int(-(*b as i64)),
            Value::Float(f) => Value::Float(-f),
            Value::Decimal(d) => Value::decimal(d.minus()),
            Value::TimeDelta(d) => Value::TimeDelta(d.neg()?),
            _ => return Err(bad()),
        },
        UnaryOp::Pos => match a {
            Value::Decimal(d) => Value::decimal(d.plus()),
            Value::Int(_) | Value::Float(_) | Value::TimeDelta(_) => a.clone(),
            Value::Bool(b) => Value::int(*b as i64),
            _ => return Err(bad()),
        },
        UnaryOp::Invert => match a {
            Value::Int(n) => Value::Int(-n - 1),
            Value::Bool(b) => Value::int(-(*b as i64) - 1),
            _ => return Err(bad()),
        },
    })
}

fn not_supported_cmp(op: CmpOp, a: &Value, b: &Value) -> PyError {
    type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        a.error_type_name(),
        b.error_type_name()
    ))
}

/// Ordering for `<`, `<=`, `>`, `>=` (`None` when unordered, e.g. NaN).
pub fn order(op: CmpOp, a: &Value, b: &Value, depth: usize) -> Result<Option<Ordering>, PyError> {
    use Value as V;
    if crate::python::types::hash::compare_too_deep(depth) {
        return Err(exc(
            "RecursionError",
            "maximum recursion depth exceeded in comparison",
        ));
    }
    if let Some(o) = num_cmp(a, b) {
        if matches!(
            (a, b),
            (V::Decimal(_), V::Float(_)) | (V::Float(_), V::Decimal(_))
        ) {
            return Ok(o);
        }
        return Ok(o);
    }
    let seq = |x: &[Value], y: &[Value]| -> Result<Option<Ordering>, PyError> {
        crate::python::eval::budget::items(x.len().min(y.len()))?;
        for (p, q) in x.iter().zip(y.iter()) {
            if p.identity_eq(q) || crate::python::types::hash::eq_depth(p, q, depth + 1) {
                continue;
            }
            crate::python::eval::budget::check_deferred()?;
            return order(op, p, q, depth + 1);
        }
        Ok(Some(x.len().cmp(&y.len())))
    };
    match (a, b) {
        (V::Str(x), V::Str(y)) => {
            crate::python::eval::budget::bytes(x.len().min(y.len()))?;
            Ok(Some(x.cmp(y)))
        }
        (V::Bytes(x), V::Bytes(y)) => {
            crate::python::eval::budget::bytes(x.len().min(y.len()))?;
            Ok(Some(x.cmp(y)))
        }
        (V::List(x), V::List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            seq(&x, &y)
        }
        (V::Tuple(x), V::Tuple(y)) => seq(x, y),
        (V::DateTime(x), V::DateTime(y)) => Ok(Some(x.compare(y)?)),
        (V::Date(x), V::Date(y)) => Ok(Some(x.cmp(y))),
        (V::Time(x), V::Time(y)) => Ok(Some(x.compare(y)?)),
        (V::DateTime(_), V::Date(_)) | (V::Date(_), V::DateTime(_)) => {
            let (dt, d) = if matches!(a, V::DateTime(_)) {
                (a, b)
            } else {
                (b, a)
            };
            Err(type_error(format!(
                "can't compare {} to {}",
                dt.error_type_name(),
                d.error_type_name()
            )))
        }
        (V::TimeDelta(x), V::TimeDelta(y)) => Ok(Some(x.cmp(y))),
        (V::DictView(_, DictViewKind::Keys | DictViewKind::Items), V::Set(_) | V::DictView(..))
        | (V::Set(_), V::DictView(_, DictViewKind::Keys | DictViewKind::Items)) => {
            let as_set = |v: &Value| -> Result<Value, PyError> {
                Ok(Value::set(Set::from_values(
                    crate::python::eval::snapshot_iterable(v)?,
                )?))
            };
            order(op, &as_set(a)?, &as_set(b)?, depth + 1)
        }
        (V::Set(x), V::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let x_in_y = x.iter().all(|v| y.contains(v).unwrap_or(false));
            let y_in_x = y.iter().all(|v| x.contains(v).unwrap_or(false));
            Ok(match (x_in_y, y_in_x) {
                (true, true) => Some(Ordering::Equal),
                (true, false) => Some(Ordering::Less),
                (false, true) => Some(Ordering::Greater),
                _ => None,
            })
        }
        (V::Native(x), V::Native(y))
            if x.type_name() == y.type_name()
                && crate::python::stdlib::zone_of(a).is_none()
                && !crate::python::stdlib::typing::is_form(x.as_any()) =>
        {
            match (x.eq_key(), y.eq_key()) {
                (Some(p), Some(q)) => order(op, &p, &q, depth + 1),
                _ => Err(not_supported_cmp(op, a, b)),
            }
        }
        _ => Err(not_supported_cmp(op, a, b)),
    }
}

/// A comparison `a <op> b` (membership and identity included).
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Result<bool, PyError> {
    let r = compare_values(op, a, b);
    // `==` inside may have met a limit it could not report.
    crate::python::eval::budget::check_deferred()?;
    r
}

fn compare_values(op: CmpOp, a: &Value, b: &Value) -> Result<bool, PyError> {
    Ok(match op {
        CmpOp::Eq => a.py_eq(b),
        CmpOp::NotEq => !a.py_eq(b),
        CmpOp::Is => a.identity_eq(b),
        CmpOp::IsNot => !a.identity_eq(b),
        CmpOp::In => contains(b, a)?,
        CmpOp::NotIn => !contains(b, a)?,
        CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => {
            let set_like = |v: &Value| {
                matches!(
                    v,
                    Value::Set(_) | Value::DictView(_, DictViewKind::Keys | DictViewKind::Items)
                )
            };
            if set_like(a) && set_like(b) {
                let o = order(op, a, b, 0)?;
                return Ok(matches!(
                    (op, o),
                    (CmpOp::Lt, Some(Ordering::Less))
                        | (CmpOp::LtE, Some(Ordering::Less | Ordering::Equal))
                        | (CmpOp::Gt, Some(Ordering::Greater))
                        | (CmpOp::GtE, Some(Ordering::Greater | Ordering::Equal))
                ));
            }
            match order(op, a, b, 0)? {
                None => false,
                Some(o) => match op {
                    CmpOp::Lt => o == Ordering::Less,
                    CmpOp::LtE => o != Ordering::Greater,
                    CmpOp::Gt => o == Ordering::Greater,
                    _ => o != Ordering::Less,
                },
            }
        }
    })
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> Result<bool, PyError> {
    use Value as V;
    Ok(match container {
        V::Str(s) => match item {
            V::Str(sub) => s.contains(&**sub),
            other => {
                return Err(type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.error_type_name()
                )))
            }
        },
        V::Bytes(b) => match item {
            V::Bytes(sub) => sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..]),
            V::Int(_) | V::Bool(_) => {
                let n = as_int(item).and_then(|n| n.to_i64()).unwrap_or(-1);
                if !(0..256).contains(&n) {
                    return Err(exc("ValueError", "byte must be in range(0, 256)"));
                }
                b.iter().any(|&x| x as i64 == n)
            }
            other => {
                return Err(type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    other.error_type_name()
                )))
            }
        },
        V::List(l) => l
            .borrow()
            .iter()
            .any(|v| v.identity_eq(item) || v.py_eq(item)),
        V::Tuple(t) => t.iter().any(|v| v.identity_eq(item) || v.py_eq(item)),
        V::Dict(d) => d.borrow().contains(item)?,
        // Python looks a set up as a frozenset, which a set of hashables never holds.
        // Python looks a set up as the frozenset of its items.
        V::Set(s) => match item {
            V::Set(i) if !i.borrow().frozen => {
                let frozen = Value::set(i.borrow().clone().with_frozen(true));
                s.borrow().contains(&frozen)?
            }
            _ => s.borrow().contains(item)?,
        },
        V::DictView(d, kind) => {
            let d = d.borrow();
            match kind {
                DictViewKind::Keys => d.contains(item)?,
                DictViewKind::Values => d.iter().any(|(_, v)| v.py_eq(item)),
                DictViewKind::Items => match item {
                    V::Tuple(t) if t.len() == 2 => match d.get(&t[0]) {
                        Ok(Some(v)) => v.py_eq(&t[1]),
                        _ => false,
                    },
                    _ => false,
                },
            }
        }
        V::Range(r) => match item {
            V::Int(n) => r.contains_int(n),
            V::Bool(b) => r.contains_int(&BigInt::from(*b as u8)),
            V::Float(f) => {
                // CPython compares item by item; the scan pays for what it visits.
                let mut found = false;
                let mut x = r.start.clone();
                let mut visited = 0;
                while visited < r.len().min(MAX_ITEMS) {
                    visited += 1;
                    if x.to_f64() == Some(*f) {
                        found = true;
                        break;
                    }
                    x += &r.step;
                }
                crate::python::eval::budget::items(visited)?;
                found
            }
            _ => false,
        },
        V::Native(obj) => obj.contains(item)?,
        other => {
            return Err(type_error(format!(
                "argument of type '{}' is not iterable",
                other.error_type_name()
            )))
        }
    })
}

/// Resolves a slice against a length of any size, as `slice.indices()` does:
/// (start, stop, step).
pub fn big_slice_indices(
    len: &BigInt,
    lower: &Value,
    upper: &Value,
    step: &Value,
) -> Result<(BigInt, BigInt, BigInt), PyException> {
    let int = |v: &Value| -> Result<Option<BigInt>, PyException> {
        match v {
            Value::None => Ok(None),
            Value::Int(n) => Ok(Some(n.clone())),
            Value::Bool(b) => Ok(Some(BigInt::from(*b as u8))),
            _ => Err(PyException::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let step = int(step)?.unwrap_or_else(|| BigInt::from(1));
    if step.is_zero() {
        return Err(PyException::new("ValueError", "slice step cannot be zero"));
    }
    let back = step.is_negative();
    let clamp = |v: Option<BigInt>, default: BigInt| -> BigInt {
        match v {
            None => default,
            Some(mut i) => {
                if i.is_negative() {
                    i += len;
                    if i.is_negative() {
                        i = if back {
                            BigInt::from(-1)
                        } else {
                            BigInt::zero()
                        };
                    }
                } else if i >= *len {
                    i = if back { len - 1 } else { len.clone() };
                }
                i
            }
        }
    };
    let (start, stop) = if back {
        (
            clamp(int(lower)?, len - 1),
            clamp(int(upper)?, BigInt::from(-1)),
        )
    } else {
        (
            clamp(int(lower)?, BigInt::zero()),
            clamp(int(upper)?, len.clone()),
        )
    };
    Ok((start, stop, step))
}

/// Resolves a slice against a length, as `slice.indices()` does: (start, stop, step).
pub fn slice_indices(
    len: usize,
    lower: &Value,
    upper: &Value,
    step: &Value,
) -> Result<(i64, i64, i64), PyError> {
    let get = |v: &Value| -> Result<Option<i64>, PyError> {
        match v {
            Value::None => Ok(None),
            Value::Int(n) => Ok(Some(n.to_i64().unwrap_or(if n.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }))),
            Value::Bool(b) => Ok(Some(*b as i64)),
            _ => Err(type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let step = get(step)?.unwrap_or(1);
    if step == 0 {
        return Err(exc("ValueError", "slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(mut i) => {
                if i < 0 {
                    i += len;
                    if i < 0 {
                        i = if step < 0 { -1 } else { 0 };
                    }
                } else if i >= len {
                    i = if step < 0 { len - 1 } else { len };
                }
                i
            }
        }
    };
    let (start, stop) = if step > 0 {
        (clamp(get(lower)?, 0), clamp(get(upper)?, len))
    } else {
        (clamp(get(lower)?, len - 1), clamp(get(upper)?, -1))
    };
    Ok((start, stop, step))
}

/// The positions a slice selects.
pub fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    if step > 0 {
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        while i > stop {
            out.push(i as usize);
            i += step;
        }
    }
    // A slice copies its items: the run pays for them (and stops at its next step when
    // that was too much).
    let _ = crate::python::eval::budget::items(out.len());
    out
}

fn normalize_index(i: i64, len: usize) -> Option<usize> {
    let len = len as i128;
    let i = i as i128;
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        None
    } else {
        Some(j as usize)
    }
}

/// Resolves a sequence index or reports Python's error.
pub fn seq_index(kind: &str, index: &Value, len: usize) -> Result<usize, PyError> {
    let i = match index {
        Value::Int(_) | Value::Bool(_) => match as_int(index).and_then(|n| n.to_i64()) {
            Some(i) => i,
            None => {
                return Err(exc(
                    "IndexError",
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
        },
        other => {
            return Err(type_error(if kind == "str" {
                format!(
                    "string indices must be integers, not '{}'",
                    other.error_type_name()
                )
            } else {
                format!(
                    "{kind} indices must be integers or slices, not {}",
                    other.error_type_name()
                )
            }))
        }
    };
    normalize_index(i, len).ok_or_else(|| {
        let what = match kind {
            "str" => "string",
            "range" => "range object",
            k => k,
        };
        exc("IndexError", format!("{what} index out of range"))
    })
}

/// `container[index]`.
pub fn get_item(container: &Value, index: &Value) -> OpResult {
    use Value as V;
    match container {
        V::List(l) => {
            let l = l.borrow();
            if let Some((a, b, c)) = slice_parts(index) {
                let (start, stop, step) = slice_indices(l.len(), &a, &b, &c)?;
                return Ok(V::list(
                    slice_positions(start, stop, step)
                        .into_iter()
                        .map(|i| l[i].clone())
                        .collect(),
                ));
            }
            Ok(l[seq_index("list", index, l.len())?].clone())
        }
        V::Tuple(t) => {
            if let Some((a, b, c)) = slice_parts(index) {
                let (start, stop, step) = slice_indices(t.len(), &a, &b, &c)?;
                return Ok(V::tuple(
                    slice_positions(start, stop, step)
                        .into_iter()
                        .map(|i| t[i].clone())
                        .collect(),
                ));
            }
            Ok(t[seq_index("tuple", index, t.len())?].clone())
        }
        V::Str(s)
            if {
                // Telling whether it is ASCII (or finding the char) walks the string.
                crate::python::eval::budget::bytes(s.len())?;
                s.is_ascii()
            } =>
        {
            let b = s.as_bytes();
            if let Some((x, y, z)) = slice_parts(index) {
                let (start, stop, step) = slice_indices(b.len(), &x, &y, &z)?;
                let out: String = slice_positions(start, stop, step)
                    .into_iter()
                    .map(|i| b[i] as char)
                    .collect();
                return Ok(V::Str(Rc::from(out.as_str())));
            }
            let i = seq_index("str", index, b.len())?;
            Ok(V::Str(Rc::from(&s[i..i + 1])))
        }
        V::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            if let Some((a, b, c)) = slice_parts(index) {
                let (start, stop, step) = slice_indices(chars.len(), &a, &b, &c)?;
                let out: String = slice_positions(start, stop, step)
                    .into_iter()
                    .map(|i| chars[i])
                    .collect();
                return Ok(V::Str(Rc::from(out.as_str())));
            }
            let i = seq_index("str", index, chars.len())?;
            Ok(V::Str(Rc::from(chars[i].to_string().as_str())))
        }
        V::Bytes(b) => {
            if let Some((x, y, z)) = slice_parts(index) {
                let (start, stop, step) = slice_indices(b.len(), &x, &y, &z)?;
                let out: Vec<u8> = slice_positions(start, stop, step)
                    .into_iter()
                    .map(|i| b[i])
                    .collect();
                return Ok(V::Bytes(Rc::from(out)));
            }
            Ok(V::int(b[seq_index("bytes", index, b.len())?] as i64))
        }
        V::Range(r) => {
            if let Some((a, b, c)) = slice_parts(index) {
                let (start, stop, step) = big_slice_indices(&r.length(), &a, &b, &c)?;
                return Ok(V::Range(Rc::new(crate::python::types::Range::new(
                    r.get(&start),
                    r.get(&stop),
                    &r.step * step,
                ))));
            }
            let i = match index {
                V::Int(n) => n.clone(),
                V::Bool(b) => BigInt::from(*b as u8),
                other => {
                    return Err(type_error(format!(
                        "range indices must be integers or slices, not {}",
                        other.error_type_name()
                    )))
                }
            };
            let len = r.length();
            let i = if i.is_negative() { i + &len } else { i };
            if i.is_negative() || i >= len {
                return Err(exc("IndexError", "range object index out of range"));
            }
            Ok(V::Int(r.get(&i)))
        }
        V::Dict(d) => match d.borrow().get(index)? {
            Some(v) => Ok(v),
            None => Err(PyError::Exception(PyException::with_args(
                "KeyError",
                vec![index.clone()],
            ))),
        },
        V::Native(obj) => Ok(obj.get_item(index)?),
        V::Type(crate::python::types::PyType::Builtin(
            crate::python::types::BuiltinType::List
            | crate::python::types::BuiltinType::Dict
            | crate::python::types::BuiltinType::Tuple
            | crate::python::types::BuiltinType::Set
            | crate::python::types::BuiltinType::Type,
        )) => Err(PyError::Unsupported {
            what: "generic type subscripts such as list[int]".into(),
            line: 0,
        }),
        V::Type(t) => Err(type_error(format!(
            "type '{}' is not subscriptable",
            t.qualified_name()
        ))),
        other => Err(type_error(format!(
            "'{}' object is not subscriptable",
            other.error_type_name()
        ))),
    }
}

/// The three parts of a slice index (`Value::Tuple` tagged by [`make_slice`]).
pub fn slice_parts(index: &Value) -> Option<(Value, Value, Value)> {
    match index {
        Value::Iterator(_) => None,
        Value::Native(obj) => obj
            .as_any()
            .downcast_ref::<SliceObject>()
            .map(|s| (s.lower.clone(), s.upper.clone(), s.step.clone())),
        _ => None,
    }
}

/// A `slice(a, b, c)` object.
pub struct SliceObject {
    pub lower: Value,
    pub upper: Value,
    pub step: Value,
}

impl crate::python::types::NativeObject for SliceObject {
    fn type_name(&self) -> &str {
        "slice"
    }
    fn repr(&self) -> String {
        format!(
            "slice({}, {}, {})",
            crate::python::text::repr::repr(&self.lower),
            crate::python::text::repr::repr(&self.upper),
            crate::python::text::repr::repr(&self.step)
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn eq_key(&self) -> Option<Value> {
        // Slices compare as the tuple (start, stop, step).
        Some(Value::tuple(vec![
            self.lower.clone(),
            self.upper.clone(),
            self.step.clone(),
        ]))
    }
    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "start" => Ok(self.lower.clone()),
            "stop" => Ok(self.upper.clone()),
            "step" => Ok(self.step.clone()),
            _ => Err(PyException::attribute_error("slice", name)),
        }
    }
    fn set_attr(&self, name: &str, _value: Value) -> Result<(), PyException> {
        match name {
            "start" | "stop" | "step" => Err(PyException::new(
                "AttributeError",
                "readonly attribute".to_string(),
            )),
            _ => Err(PyException::new(
                "AttributeError",
                format!("'slice' object has no attribute '{name}'"),
            )),
        }
    }
    fn has_method(&self, name: &str) -> bool {
        name == "indices"
    }
    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        if name != "indices" {
            return Err(PyException::attribute_error("slice", name));
        }
        if !kwargs.is_empty() {
            return Err(PyException::type_error(
                "slice.indices() takes no keyword arguments",
            ));
        }
        if args.len() != 1 {
            return Err(PyException::type_error(format!(
                "slice.indices() takes exactly one argument ({} given)",
                args.len()
            )));
        }
        let len = match &args[0] {
            Value::Int(n) => n.clone(),
            Value::Bool(b) => BigInt::from(*b as u8),
            other => {
                return Err(PyException::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.error_type_name()
                )))
            }
        };
        if len.is_negative() {
            return Err(PyException::new(
                "ValueError",
                "length should not be negative".to_string(),
            ));
        }
        let (start, stop, step) = big_slice_indices(&len, &self.lower, &self.upper, &self.step)?;
        Ok(Value::tuple(vec![
            Value::Int(start),
            Value::Int(stop),
            Value::Int(step),
        ]))
    }
}

/// The `NotImplemented` singleton a special method returns to let the other operand try.
pub struct NotImplementedObject;

impl crate::python::types::NativeObject for NotImplementedObject {
    fn type_name(&self) -> &str {
        "NotImplementedType"
    }
    fn repr(&self) -> String {
        "NotImplemented".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

thread_local! {
    static NOT_IMPLEMENTED: Rc<dyn crate::python::types::NativeObject> = Rc::new(NotImplementedObject);
}

/// `NotImplemented` (always the same object).
pub fn not_implemented() -> Value {
    NOT_IMPLEMENTED.with(|n| Value::Native(n.clone()))
}

/// Whether `v` is `NotImplemented`.
pub fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Native(obj) if obj.as_any().is::<NotImplementedObject>())
}

pub fn make_slice(lower: Value, upper: Value, step: Value) -> Value {
    Value::Native(Rc::new(SliceObject { lower, upper, step }))
}

/// `container[index] = value`.
pub fn set_item(container: &Value, index: Value, value: Value) -> Result<(), PyError> {
    use Value as V;
    match container {
        V::List(l) => {
            if let Some((a, b, c)) = slice_parts(&index) {
                let new_items = crate::python::eval::snapshot_iterable(&value)?;
                let mut l = l.borrow_mut();
                let (start, stop, step) = slice_indices(l.len(), &a, &b, &c)?;
                if step == 1 {
                    let stop = stop.max(start) as usize;
                    l.splice(start as usize..stop, new_items);
                    return Ok(());
                }
                let positions = slice_positions(start, stop, step);
                if positions.len() != new_items.len() {
                    return Err(exc(
                        "ValueError",
                        format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new_items.len(),
                            positions.len()
                        ),
                    ));
                }
                for (p, v) in positions.into_iter().zip(new_items) {
                    l[p] = v;
                }
                return Ok(());
            }
            let len = l.borrow().len();
            let i = seq_index("list", &index, len).map_err(|e| match e {
                PyError::Exception(ex) if &*ex.kind == "IndexError" => {
                    exc("IndexError", "list assignment index out of range")
                }
                other => other,
            })?;
            l.borrow_mut()[i] = value;
            Ok(())
        }
        V::Dict(d) => {
            d.borrow_mut().insert(index, value)?;
            Ok(())
        }
        V::Native(obj) => Ok(obj.set_item(index, value)?),
        other => Err(type_error(format!(
            "'{}' object does not support item assignment",
            other.error_type_name()
        ))),
    }
}

/// `del container[index]`.
pub fn del_item(container: &Value, index: &Value) -> Result<(), PyError> {
    use Value as V;
    match container {
        V::List(l) => {
            if let Some((a, b, c)) = slice_parts(index) {
                let mut l = l.borrow_mut();
                let (start, stop, step) = slice_indices(l.len(), &a, &b, &c)?;
                let mut positions = slice_positions(start, stop, step);
                positions.sort_unstable();
                for p in positions.into_iter().rev() {
                    l.remove(p);
                }
                return Ok(());
            }
            let len = l.borrow().len();
            let i = seq_index("list", index, len).map_err(|e| match e {
                PyError::Exception(ex) if &*ex.kind == "IndexError" => {
                    exc("IndexError", "list assignment index out of range")
                }
                other => other,
            })?;
            l.borrow_mut().remove(i);
            Ok(())
        }
        V::Dict(d) => {
            let removed = d.borrow_mut().remove(index)?;
            match removed {
                Some(_) => Ok(()),
                None => Err(PyError::Exception(PyException::with_args(
                    "KeyError",
                    vec![index.clone()],
                ))),
            }
        }
        V::Native(obj) => Ok(obj.del_item(index)?),
        other => Err(type_error(format!(
            "'{}' object doesn't support item deletion",
            other.error_type_name()
        ))),
    }
}

/// A dict from `dict(...)`-style input: a mapping or an iterable of pairs.
pub fn dict_from_pairs(items: Vec<Value>) -> Result<Dict, PyError> {
    let mut d = Dict::new();
    for (i, item) in items.into_iter().enumerate() {
        let pair = match crate::python::eval::snapshot_iterable(&item) {
            Ok(p) => p,
            Err(_) => {
                return Err(type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )))
            }
        };
        if pair.len() != 2 {
            return Err(exc(
                "ValueError",
                format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    pair.len()
                ),
            ));
        }
        let mut it = pair.into_iter();
        let (k, v) = (
            it.next().unwrap_or(Value::None),
            it.next().unwrap_or(Value::None),
        );
        d.insert(k, v)?;
    }
    Ok(d)
}

/// `BigInt` from an `f64`, for `int(x)`.
pub fn float_to_int(f: f64) -> OpResult {
    if f.is_nan() {
        return Err(exc("ValueError", "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(exc(
            "OverflowError",
            "cannot convert float infinity to integer",
        ));
    }
    Ok(Value::Int(BigInt::from_f64(f.trunc()).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(r: OpResult) -> String {
        match r {
            Err(PyError::Exception(e)) => e.display(),
            Err(other) => other.to_string(),
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }

    #[test]
    fn arithmetic_follows_python() {
        let i = Value::int;
        assert_eq!(binary_op(BinOp::FloorDiv, &i(-7), &i(2)).unwrap(), i(-4));
        assert_eq!(binary_op(BinOp::Mod, &i(-7), &i(2)).unwrap(), i(1));
        assert_eq!(binary_op(BinOp::Mod, &i(7), &i(-2)).unwrap(), i(-1));
        assert_eq!(
            binary_op(BinOp::Div, &i(7), &i(2)).unwrap(),
            Value::float(3.5)
        );
        assert_eq!(
            binary_op(BinOp::Mod, &Value::float(-7.5), &i(2)).unwrap(),
            Value::float(0.5)
        );
        assert_eq!(
            binary_op(BinOp::FloorDiv, &Value::float(-7.5), &i(2)).unwrap(),
            Value::float(-4.0)
        );
        assert_eq!(
            binary_op(BinOp::Pow, &i(2), &i(100)).unwrap().to_string(),
            "1267650600228229401496703205376"
        );
        assert_eq!(
            binary_op(BinOp::Pow, &i(2), &i(-1)).unwrap(),
            Value::float(0.5)
        );
        assert_eq!(
            err(binary_op(BinOp::Div, &i(1), &i(0))),
            "ZeroDivisionError: division by zero"
        );
        assert_eq!(
            err(binary_op(BinOp::FloorDiv, &i(1), &i(0))),
            "ZeroDivisionError: integer division or modulo by zero"
        );
        assert_eq!(
            err(binary_op(BinOp::Div, &Value::float(1.0), &i(0))),
            "ZeroDivisionError: float division by zero"
        );
        assert!(matches!(
            binary_op(
                BinOp::Pow,
                &i(2),
                &binary_op(BinOp::Pow, &i(10), &i(10)).unwrap()
            ),
            Err(PyError::Unsupported { .. })
        ));
        assert!(matches!(
            binary_op(BinOp::LShift, &i(1), &i(10_000_000)),
            Err(PyError::Unsupported { .. })
        ));
    }

    #[test]
    fn operand_errors_match_python() {
        let s = Value::str("a");
        assert_eq!(
            err(binary_op(BinOp::Add, &Value::int(1), &s)),
            "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
        );
        assert_eq!(
            err(binary_op(BinOp::Add, &s, &Value::int(1))),
            "TypeError: can only concatenate str (not \"int\") to str"
        );
        assert_eq!(
            err(binary_op(BinOp::Mul, &s, &Value::float(1.5))),
            "TypeError: can't multiply sequence by non-int of type 'float'"
        );
        assert_eq!(
            err(unary_op(UnaryOp::Neg, &s)),
            "TypeError: bad operand type for unary -: 'str'"
        );
        assert_eq!(
            err(binary_op(
                BinOp::Add,
                &Value::list(vec![]),
                &Value::tuple(vec![])
            )),
            "TypeError: can only concatenate list (not \"tuple\") to list"
        );
        assert_eq!(
            compare(CmpOp::Lt, &Value::int(1), &s)
                .unwrap_err()
                .to_string(),
            "TypeError: '<' not supported between instances of 'int' and 'str'"
        );
        assert_eq!(
            compare(CmpOp::In, &Value::int(1), &s)
                .unwrap_err()
                .to_string(),
            "TypeError: 'in <string>' requires string as left operand, not int"
        );
    }

    #[test]
    fn indexing_and_slicing() {
        let l = Value::list((0..6).map(Value::int).collect());
        let sl = |a: Value, b: Value, c: Value| get_item(&l, &make_slice(a, b, c)).unwrap();
        assert_eq!(
            crate::python::text::repr::repr(&sl(Value::None, Value::None, Value::int(-2))),
            "[5, 3, 1]"
        );
        assert_eq!(
            crate::python::text::repr::repr(&sl(Value::int(-2), Value::None, Value::None)),
            "[4, 5]"
        );
        assert_eq!(
            crate::python::text::repr::repr(&sl(Value::int(1), Value::int(100), Value::int(2))),
            "[1, 3, 5]"
        );
        assert_eq!(get_item(&l, &Value::int(-1)).unwrap(), Value::int(5));
        assert_eq!(
            err(get_item(&l, &Value::int(6))),
            "IndexError: list index out of range"
        );
        assert_eq!(
            err(get_item(&l, &Value::str("a"))),
            "TypeError: list indices must be integers or slices, not str"
        );
        assert_eq!(
            err(get_item(&Value::str("ab"), &Value::str("a"))),
            "TypeError: string indices must be integers, not 'str'"
        );
        assert_eq!(
            err(get_item(&Value::int(1), &Value::int(0))),
            "TypeError: 'int' object is not subscriptable"
        );
        assert_eq!(
            get_item(
                &Value::str("héllo"),
                &make_slice(Value::int(1), Value::int(3), Value::None)
            )
            .unwrap(),
            Value::str("él")
        );
        assert_eq!(
            err(get_item(&Value::dict(Dict::new()), &Value::str("user"))),
            "KeyError: 'user'"
        );
    }
}
