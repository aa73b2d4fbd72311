//! Python's `hash()` and `==` across values: numbers that compare equal hash equal, with
//! CPython's own hash for numbers and tuples and frozensets of them.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive};

use crate::python::eval::budget;
use crate::python::types::{Decimal, Dict, DictViewKind, Value};
use crate::python::{PyError, PyException};

/// Python's `hash()` of an int.
pub(crate) fn python_int_hash(n: &BigInt) -> i64 {
    const MODULUS: i64 = (1 << 61) - 1;
    if let Some(small) = n.to_i64() {
        if small > -MODULUS && small < MODULUS {
            return if small == -1 { -2 } else { small };
        }
    }
    let m = BigInt::from(MODULUS);
    let magnitude = (num_traits::Signed::abs(n) % &m).to_i64().unwrap_or(0);
    let h = if n.sign() == num_bigint::Sign::Minus {
        -magnitude
    } else {
        magnitude
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

thread_local! {
    /// Set when `==` met an instance whose class defines `__eq__` (which only the
    /// evaluator can call) and compared it by identity: the evaluator then compares again
    /// through `eval::keys`.
    static SKIPPED_USER_EQ: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Clears the mark [`eq_depth`] leaves when it could not call a user `__eq__`.
pub(crate) fn clear_skipped_user_eq() {
    SKIPPED_USER_EQ.with(|c| c.set(false));
}

/// Whether `==` compared an instance with a user `__eq__` by identity since the last clear.
pub(crate) fn skipped_user_eq() -> bool {
    SKIPPED_USER_EQ.with(|c| c.get())
}

pub(crate) const MAX_DEPTH: usize = 200;
/// How deeply containers compare before `RecursionError` at a module's top level, as in
/// CPython 3.11 (its recursion limit of 1000, less the frames already running): inside
/// functions the frames running count against it too ([`compare_too_deep`]).
pub(crate) const MAX_COMPARE_DEPTH: usize = 998;

/// Whether a comparison `depth` levels into nested containers passes the recursion limit,
/// counting the Python frames already running (`f()` calling `g()` comparing nested
/// lists may go 996 levels deep, as in CPython). Frames and levels together stay bounded,
/// and so does the native stack they use (an unoptimised build's frames are large).
pub(crate) fn compare_too_deep(depth: usize) -> bool {
    depth + budget::frames() > MAX_COMPARE_DEPTH || (depth > 0 && budget::stack_exhausted())
}

pub(crate) fn hash_into(
    v: &Value,
    state: &mut DefaultHasher,
    depth: usize,
) -> Result<(), PyException> {
    if depth > MAX_DEPTH {
        return Err(PyException::new(
            "RecursionError",
            "maximum recursion depth exceeded",
        ));
    }
    match v {
        Value::None => 0u8.hash(state),
        // A NaN (CPython hashes it by identity).
        Value::Float(f) => {
            2u8.hash(state);
            f.to_bits().hash(state)
        }
        Value::Str(s) => {
            4u8.hash(state);
            if s.len() >= 64 {
                let _ = budget::bytes(s.len());
            }
            s.hash(state)
        }
        Value::Bytes(b) => {
            5u8.hash(state);
            if b.len() >= 64 {
                let _ = budget::bytes(b.len());
            }
            b.hash(state)
        }
        Value::DateTime(d) => {
            7u8.hash(state);
            d.utc_micros().hash(state);
        }
        Value::Time(t) => {
            15u8.hash(state);
            t.utc_micros().hash(state);
        }
        Value::Date(d) => {
            8u8.hash(state);
            d.hash(state)
        }
        Value::TimeDelta(d) => {
            9u8.hash(state);
            d.hash(state)
        }
        Value::Range(r) => {
            10u8.hash(state);
            r.length().hash(state);
        }
        Value::Type(t) => {
            11u8.hash(state);
            t.qualified_name().hash(state)
        }
        Value::Builtin(b) => {
            12u8.hash(state);
            b.hash(state)
        }
        Value::Native(obj) if obj.type_name() == "slice" => {
            return Err(PyException::type_error("unhashable type: 'slice'"))
        }
        Value::Instance(i) if unhashable_class(&i.class) => {
            return Err(PyException::type_error(format!(
                "unhashable type: '{}'",
                v.error_type_name()
            )))
        }
        Value::Instance(i) if crate::python::eval::keys::user_hash(&i.class) => {
            // Only the evaluator can call `__hash__` (`eval::keys`); a table operation
            // that reaches here without it is refused rather than hashing by identity.
            budget::defer(PyError::Unsupported {
                what: format!(
                    "this use of a '{}' (whose class defines __hash__) as a dict key or set element",
                    i.class.name
                ),
                line: 0,
            });
            13u8.hash(state);
            v.identity().hash(state);
        }
        Value::Native(obj) if obj.unhashable() => {
            return Err(PyException::type_error(format!(
                "unhashable type: '{}'",
                obj.error_name()
            )))
        }
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::DictView(..) => {
            return Err(PyException::type_error(format!(
                "unhashable type: '{}'",
                v.type_name()
            )))
        }
        other => {
            13u8.hash(state);
            other.identity().hash(state)
        }
    }
    Ok(())
}

/// Whether instances of a class are unhashable: its `__hash__` is `None` (set so, or
/// implicitly because the class defines `__eq__` without `__hash__`).
#[inline(never)]
pub(crate) fn unhashable_class(c: &std::rc::Rc<crate::python::types::Class>) -> bool {
    matches!(c.lookup("__hash__"), Some((Value::None, _)))
}

/// Python's `hash()` as a dict would use it: equal values hash equal; containers that can
/// change raise `TypeError: unhashable type: 'list'`. For numbers, tuples and frozensets of
/// them (and instances whose class's `__hash__` gave the hash) it is CPython's own hash, so a
/// set of them is laid out as CPython lays it out ([`exact_hash`] says when).
pub fn hash_value(v: &Value) -> Result<u64, PyException> {
    table_hash(v, 0)
}

/// `object.__hash__(v)`: the hash by identity, as `hash()` gives an instance whose class
/// does not define `__hash__`.
pub fn identity_hash(v: &Value) -> i64 {
    let mut state = DefaultHasher::new();
    13u8.hash(&mut state);
    v.identity().hash(&mut state);
    (state.finish() >> 2) as i64
}

const MODULUS: u64 = (1 << 61) - 1;

/// CPython's hash of a float (`None` for a NaN, which CPython hashes by identity).
pub(crate) fn float_hash(f: f64) -> Option<i64> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { 314_159 } else { -314_159 });
    }
    if f == 0.0 {
        return Some(0);
    }
    // f = mantissa * 2**exp exactly; 2**61 is 1 modulo 2**61 - 1.
    let bits = f.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mantissa, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp_bits - 1075)
    };
    let x = ((mantissa as u128) << exp.rem_euclid(61)) % MODULUS as u128;
    let h = if f < 0.0 { -(x as i64) } else { x as i64 };
    Some(if h == -1 { -2 } else { h })
}

/// CPython's hash of a Decimal (equal to the hash of an equal int or float).
pub(crate) fn decimal_hash(d: &Decimal) -> i64 {
    use num_bigint::BigUint;
    let p = BigUint::from(MODULUS);
    let exp_hash = if d.exponent >= 0 {
        BigUint::from(10u32).modpow(&BigUint::from(d.exponent as u64), &p)
    } else {
        // 10's inverse modulo the prime, to the power -exponent.
        let inv = BigUint::from(10u32).modpow(&BigUint::from(MODULUS - 2), &p);
        inv.modpow(&BigUint::from(d.exponent.unsigned_abs()), &p)
    };
    let x = ((&d.coefficient % &p) * exp_hash % &p)
        .to_i64()
        .unwrap_or(0);
    let h = if d.negative { -x } else { x };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython 3.11's tuple hash (xxHash's mixing) of the items' hashes.
pub(crate) fn tuple_hash(lanes: impl Iterator<Item = u64>, len: usize) -> u64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc = P5;
    for lane in lanes {
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(len as u64 ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc
    }
}

/// CPython's frozenset hash of its elements' hashes (independent of their order).
pub(crate) fn frozenset_hash(hashes: impl Iterator<Item = u64>, len: usize) -> u64 {
    let shuffle = |h: u64| ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167);
    let mut h = hashes.fold(0u64, |acc, x| acc ^ shuffle(x));
    h ^= (len as u64 + 1).wrapping_mul(1_927_868_237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69_069).wrapping_add(907_133_923);
    if h == u64::MAX {
        590_923_713
    } else {
        h
    }
}

fn table_hash(v: &Value, depth: usize) -> Result<u64, PyException> {
    match v {
        Value::Int(n) => Ok(python_int_hash(n) as u64),
        Value::Bool(b) => Ok(*b as u64),
        Value::Float(f) if !f.is_nan() => Ok(float_hash(*f).unwrap_or(0) as u64),
        Value::Decimal(d) => Ok(decimal_hash(d) as u64),
        Value::Tuple(items) => {
            if depth > MAX_DEPTH {
                return Err(PyException::new(
                    "RecursionError",
                    "maximum recursion depth exceeded",
                ));
            }
            let mut lanes = Vec::with_capacity(items.len());
            for item in items.iter() {
                lanes.push(table_hash(item, depth + 1)?);
            }
            Ok(tuple_hash(lanes.into_iter(), items.len()))
        }
        Value::Set(s) if s.borrow().frozen => {
            let s = s.borrow();
            let _ = budget::items(s.len());
            Ok(frozenset_hash(
                s.dict.iter_hashed().map(|(_, _, h)| h),
                s.len(),
            ))
        }
        // A subclass of a built-in (a namedtuple) hashes as the value it carries.
        Value::Instance(i) if i.value.is_some() && i.class.lookup("__hash__").is_none() => {
            match &i.value {
                Some(b) => table_hash(b, depth),
                None => Ok(0),
            }
        }
        // A native value that compares by a key hashes as that key (a UUID as its int).
        Value::Native(obj) if !obj.unhashable() && obj.type_name() != "slice" => {
            match obj.eq_key() {
                Some(key) => table_hash(&key, depth + 1),
                None => leaf_hash(v, depth),
            }
        }
        _ => leaf_hash(v, depth),
    }
}

fn leaf_hash(v: &Value, depth: usize) -> Result<u64, PyException> {
    let mut state = DefaultHasher::new();
    hash_into(v, &mut state, depth)?;
    Ok(state.finish())
}

/// Whether [`hash_value`] of `v` is CPython's `hash(v)` (numbers, tuples and frozensets of
/// them, instances hashed by their class's `__hash__`), so that the layout of a set holding
/// it can be CPython's. A str's hash is not (CPython's changes from run to run).
pub(crate) fn exact_hash(v: &Value) -> bool {
    fn walk(v: &Value, depth: usize) -> bool {
        match v {
            Value::Int(_) | Value::Bool(_) | Value::Decimal(_) => true,
            Value::Float(f) => !f.is_nan(),
            Value::Tuple(items) => depth < MAX_DEPTH && items.iter().all(|x| walk(x, depth + 1)),
            Value::Set(s) => s.try_borrow().is_ok_and(|s| {
                s.frozen
                    && depth < MAX_DEPTH
                    && s.dict.iter_hashed().all(|(k, _, _)| walk(k, depth + 1))
            }),
            Value::Instance(i) if crate::python::eval::keys::user_hash(&i.class) => true,
            Value::Instance(i) if i.class.lookup("__hash__").is_none() => {
                i.value.as_ref().is_some_and(|b| walk(b, depth + 1))
            }
            Value::Native(obj) if !obj.unhashable() => {
                obj.eq_key().is_some_and(|k| walk(&k, depth + 1))
            }
            _ => false,
        }
    }
    walk(v, 0)
}

/// A number as an exact comparable form.
pub(crate) enum Num<'a> {
    Int(std::borrow::Cow<'a, BigInt>),
    Float(f64),
    Decimal(&'a Decimal),
}

pub(crate) fn as_num(v: &Value) -> Option<Num<'_>> {
    match v {
        Value::Bool(b) => Some(Num::Int(std::borrow::Cow::Owned(BigInt::from(*b as u8)))),
        Value::Int(n) => Some(Num::Int(std::borrow::Cow::Borrowed(n))),
        Value::Float(f) => Some(Num::Float(*f)),
        Value::Decimal(d) => Some(Num::Decimal(d)),
        _ => None,
    }
}

/// Compares two numbers exactly (`None` when a NaN is involved).
pub(crate) fn num_cmp(a: &Value, b: &Value) -> Option<Option<std::cmp::Ordering>> {
    use std::cmp::Ordering;
    let (x, y) = (as_num(a)?, as_num(b)?);
    pub(crate) fn int_float(i: &BigInt, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        let fl = f.floor();
        let fb = BigInt::from_f64(fl)?;
        match i.cmp(&fb) {
            Ordering::Equal if f > fl => Some(Ordering::Less),
            o => Some(o),
        }
    }
    pub(crate) fn dec_float(d: &Decimal, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        Some(d.compare(&Decimal::from_f64(f).ok()?))
    }
    Some(match (x, y) {
        (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
        (Num::Int(a), Num::Float(b)) => int_float(&a, b),
        (Num::Float(a), Num::Int(b)) => int_float(&b, a).map(Ordering::reverse),
        (Num::Decimal(a), Num::Decimal(b)) => Some(a.compare(b)),
        (Num::Decimal(a), Num::Int(b)) => Some(a.compare(&Decimal::from_bigint(&b))),
        (Num::Int(a), Num::Decimal(b)) => Some(Decimal::from_bigint(&a).compare(b)),
        (Num::Decimal(a), Num::Float(b)) => dec_float(a, b),
        (Num::Float(a), Num::Decimal(b)) => dec_float(b, a).map(Ordering::reverse),
    })
}

pub(crate) fn eq_depth(a: &Value, b: &Value, depth: usize) -> bool {
    if compare_too_deep(depth) {
        // CPython raises here; `==` cannot, so the run raises at once after it.
        budget::defer(PyError::Exception(PyException::new(
            "RecursionError",
            "maximum recursion depth exceeded in comparison",
        )));
        return false;
    }
    // Lists and tuples, which nest deepest, recurse through this small frame; the rest is
    // in `eq_other`, whose frame is larger.
    match (a, b) {
        (Value::List(x), Value::List(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                seq_eq(&x, &y, depth)
            }
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(x, y, depth),
        _ => eq_other(a, b, depth),
    }
}

fn eq_other(a: &Value, b: &Value, depth: usize) -> bool {
    if let Some(ord) = num_cmp(a, b) {
        return ord == Some(std::cmp::Ordering::Equal);
    }
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => {
            x.len() == y.len() && (x.len() < 512 || budget::bytes(x.len()).is_ok()) && x == y
        }
        (Value::Bytes(x), Value::Bytes(y)) => {
            x.len() == y.len() && (x.len() < 512 || budget::bytes(x.len()).is_ok()) && x == y
        }
        (Value::Dict(x), Value::Dict(y)) => Rc::ptr_eq(x, y) || dicts_eq(x, y, depth),
        (Value::Set(x), Value::Set(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                x.len() == y.len() && x.iter().all(|v| y.contains(v).unwrap_or(false))
            }
        }
        (Value::DateTime(x), Value::DateTime(y)) => x.py_eq(y),
        (Value::Date(x), Value::Date(y)) => x == y,
        (Value::Time(x), Value::Time(y)) => x.py_eq(y),
        (Value::TimeDelta(x), Value::TimeDelta(y)) => x == y,
        (Value::Range(x), Value::Range(y)) => {
            let (lx, ly) = (x.length(), y.length());
            lx == ly
                && (num_traits::Zero::is_zero(&lx)
                    || (x.start == y.start && (num_traits::One::is_one(&lx) || x.step == y.step)))
        }
        (Value::DictView(x, kx), Value::DictView(y, ky)) if kx == ky => match kx {
            DictViewKind::Values => false,
            _ => {
                let (x, y) = (x.borrow(), y.borrow());
                x.len() == y.len()
                    && x.iter().all(|(k, v)| match y.get(k) {
                        Ok(Some(w)) => *kx == DictViewKind::Keys || eq_depth(v, &w, depth + 1),
                        _ => false,
                    })
            }
        },
        (Value::Type(x), Value::Type(y)) => x.same(y),
        (Value::Builtin(x), Value::Builtin(y)) => x == y,
        (Value::Exception(x), Value::Exception(y)) => Rc::ptr_eq(x, y) || x.same(y),
        (Value::Native(x), Value::Native(y)) => natives_eq(x, y, depth),
        _ if a.builtin_value().is_some() || b.builtin_value().is_some() => {
            builtin_values_eq(a, b, depth)
        }
        (Value::Instance(_), _) | (_, Value::Instance(_)) => instance_eq(a, b),
        _ => a.identity_eq(b),
    }
}

/// `==` with an instance, without the interpreter: identity, marking the comparison when a
/// user `__eq__` would have decided it.
#[inline(never)]
fn instance_eq(a: &Value, b: &Value) -> bool {
    let same = a.identity_eq(b);
    if !same {
        let user = |v: &Value| {
            matches!(v, Value::Instance(i)
                if matches!(i.class.lookup("__eq__"), Some((Value::Function(_), _))))
        };
        if user(a) || user(b) {
            SKIPPED_USER_EQ.with(|c| c.set(true));
        }
    }
    same
}

/// `==` where an operand is an instance of a subclass of a built-in (a namedtuple): the
/// values they carry compare, unless the class defines `__eq__` (then the evaluator calls
/// it; here, with no interpreter at hand, identity decides).
#[inline(never)]
fn builtin_values_eq(a: &Value, b: &Value, depth: usize) -> bool {
    let plain = |v: &Value| -> Option<Value> {
        match v {
            Value::Instance(i) if i.class.lookup("__eq__").is_some() => None,
            Value::Instance(i) => i.value.clone(),
            other => Some(other.clone()),
        }
    };
    match (plain(a), plain(b)) {
        (Some(x), Some(y)) => eq_depth(&x, &y, depth + 1),
        _ => a.identity_eq(b),
    }
}

/// Whether two sequences `depth` levels deep hold equal items. Each item compared is paid
/// for; past the budget the comparison gives up (the run stops at its next step). A plain
/// loop keeps the native stack each level of nesting takes small.
fn seq_eq(x: &[Value], y: &[Value], depth: usize) -> bool {
    if x.len() != y.len() || budget::items(x.len()).is_err() {
        return false;
    }
    for (p, q) in x.iter().zip(y) {
        if !(p.identity_eq(q) || eq_depth(p, q, depth + 1)) {
            return false;
        }
    }
    true
}

/// `==` of two dicts (a `Counter` or `OrderedDict` compares its own way).
#[inline(never)]
fn dicts_eq(x: &std::cell::RefCell<Dict>, y: &std::cell::RefCell<Dict>, depth: usize) -> bool {
    let (x, y) = (x.borrow(), y.borrow());
    match (&x.flavor, &y.flavor) {
        (None, None) => dict_eq(&x, &y, depth),
        _ => crate::python::stdlib::collections::flavored_eq(&x, &y, depth),
    }
}

/// `==` of two native objects: by their keys when they compare by value, else identity.
#[inline(never)]
fn natives_eq(
    x: &Rc<dyn crate::python::types::NativeObject>,
    y: &Rc<dyn crate::python::types::NativeObject>,
    depth: usize,
) -> bool {
    let typing = || {
        crate::python::stdlib::typing::is_form(x.as_any())
            && crate::python::stdlib::typing::is_form(y.as_any())
    };
    if x.type_name() == y.type_name() || typing() {
        if let (Some(p), Some(q)) = (x.eq_key(), y.eq_key()) {
            return eq_depth(&p, &q, depth + 1);
        }
    }
    std::ptr::addr_eq(Rc::as_ptr(x), Rc::as_ptr(y))
}

pub(crate) fn dict_eq(x: &Dict, y: &Dict, depth: usize) -> bool {
    x.len() == y.len()
        // A lookup (hashing the key, probing) costs about as much as copying four items.
        && budget::items(x.len() * 4).is_ok()
        // Each key is looked up with the hash it was stored with (as CPython's
        // `dict_equal` does), so no key is hashed again.
        && x.iter_hashed().all(|(k, v, h)| match y.find(k, h).and_then(|i| y.slot(i)) {
            Some((_, w)) => v.identity_eq(w) || eq_depth(v, w, depth + 1),
            None => false,
        })
}
