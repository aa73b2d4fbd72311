//! Python's `hash()` and `==` across values: numbers that compare equal hash equal, and
//! CPython's iteration order for small int sets.

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

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// The slots CPython's set lookup visits for `hash` in a table of `mask + 1` slots, in
/// order (`visit` returns `false` to stop).
fn probe(mask: usize, hash: u64, mut visit: impl FnMut(usize) -> bool) {
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in 0..=probes {
            if !visit(i + j) {
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// CPython's set table after adding elements with these hashes in this order: each slot
/// holds the index of its element.
fn cpython_set_table(hashes: &[u64]) -> Vec<Option<usize>> {
    fn insert(table: &mut [Option<usize>], hash: u64, item: usize) {
        let mask = table.len() - 1;
        probe(mask, hash, |i| {
            if table[i].is_none() {
                table[i] = Some(item);
                false
            } else {
                true
            }
        });
    }
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut used = 0usize;
    for (item, &h) in hashes.iter().enumerate() {
        insert(&mut table, h, item);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let min_used = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= min_used {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for entry in old.into_iter().flatten() {
                insert(&mut table, hashes[entry], entry);
            }
        }
    }
    table
}

/// Where CPython's set table puts each element when they are added in this order, given
/// their Python hashes (`None` for an element whose hash is not known here: then the
/// order is not known either).
pub(crate) fn cpython_set_order(hashes: &[Option<u64>]) -> Option<Vec<usize>> {
    if hashes.len() > 100_000 {
        return None;
    }
    let hashes: Vec<u64> = hashes.iter().copied().collect::<Option<_>>()?;
    Some(cpython_set_table(&hashes).into_iter().flatten().collect())
}

/// The elements whose hash is `hash`, in the order CPython's set lookup meets them
/// (`None`: the layout is not known).
pub(crate) fn cpython_probe_order(hashes: &[Option<u64>], hash: u64) -> Option<Vec<usize>> {
    if hashes.len() > 100_000 {
        return None;
    }
    let hashes: Vec<u64> = hashes.iter().copied().collect::<Option<_>>()?;
    let table = cpython_set_table(&hashes);
    let mut met = Vec::new();
    probe(table.len() - 1, hash, |i| match table[i] {
        Some(item) => {
            if hashes[item] == hash {
                met.push(item);
            }
            true
        }
        None => false,
    });
    Some(met)
}

pub(crate) fn hash_int(n: &BigInt, state: &mut DefaultHasher) {
    1u8.hash(state);
    match n.to_i64() {
        Some(small) => small.hash(state),
        None => n.to_signed_bytes_le().hash(state),
    }
}

/// What a tuple's hash starts with (its items' hashes follow).
pub(crate) fn hash_tuple_header(len: usize, state: &mut DefaultHasher) {
    6u8.hash(state);
    len.hash(state);
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
        Value::Bool(b) => hash_int(&BigInt::from(*b as u8), state),
        Value::Int(n) => hash_int(n, state),
        Value::Float(f) => {
            if f.is_finite() && f.fract() == 0.0 {
                hash_int(&BigInt::from_f64(*f).unwrap_or_default(), state)
            } else {
                2u8.hash(state);
                f.to_bits().hash(state)
            }
        }
        Value::Decimal(d) => match d.to_bigint_exact() {
            Some(n) => hash_int(&n, state),
            None => {
                3u8.hash(state);
                d.normalized().hash(state)
            }
        },
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
        Value::Tuple(items) => {
            hash_tuple_header(items.len(), state);
            for item in items.iter() {
                hash_into(item, state, depth + 1)?;
            }
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
        Value::Set(s) if s.borrow().frozen => hash_frozenset(&s.borrow(), state, depth)?,
        Value::Instance(i) if unhashable_class(&i.class) => {
            return Err(PyException::type_error(format!(
                "unhashable type: '{}'",
                i.class.name
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
        // A subclass of a built-in (a namedtuple) hashes as the value it carries.
        Value::Instance(i) if i.value.is_some() && i.class.lookup("__hash__").is_none() => {
            if let Some(b) = &i.value {
                hash_into(b, state, depth)?;
            }
        }
        Value::Native(obj) if obj.unhashable() => {
            return Err(PyException::type_error(format!(
                "unhashable type: '{}'",
                obj.error_name()
            )))
        }
        Value::Native(obj) if obj.eq_key().is_some() => {
            if let Some(key) = obj.eq_key() {
                hash_into(&key, state, depth + 1)?;
            }
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

/// A frozenset's hash: order-independent, so equal frozensets hash equal whatever their
/// order.
#[inline(never)]
fn hash_frozenset(
    s: &crate::python::types::Set,
    state: &mut DefaultHasher,
    depth: usize,
) -> Result<(), PyException> {
    let _ = budget::items(s.len());
    // The elements' stored hashes, as CPython's frozenset hash uses (no `__hash__` call).
    let _ = depth;
    let mut combined: u64 = 0;
    for (_, _, h) in s.dict.iter_hashed() {
        let mut inner = DefaultHasher::new();
        h.hash(&mut inner);
        combined ^= inner.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    14u8.hash(state);
    s.len().hash(state);
    combined.hash(state);
    Ok(())
}

/// Python's `hash()` as a dict would use it: equal values hash equal; containers that can
/// change raise `TypeError: unhashable type: 'list'`.
pub fn hash_value(v: &Value) -> Result<u64, PyException> {
    // A number equal to an int has that int's Python hash as its table hash, as a key
    // whose class's `__hash__` returns an int does (`eval::keys`): a set of them is then
    // laid out as CPython lays it out.
    match v {
        Value::Int(n) => return Ok(python_int_hash(n) as u64),
        Value::Bool(b) => return Ok(*b as u64),
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 => {
            return Ok(python_int_hash(&BigInt::from_f64(*f).unwrap_or_default()) as u64)
        }
        Value::Decimal(d) => {
            if let Some(n) = d.to_bigint_exact() {
                return Ok(python_int_hash(&n) as u64);
            }
        }
        Value::Instance(i) if i.value.is_some() && i.class.lookup("__hash__").is_none() => {
            if let Some(b) = &i.value {
                return hash_value(b);
            }
        }
        // A native value that compares by a key hashes as that key (a UUID as its int).
        Value::Native(obj) if !obj.unhashable() && obj.type_name() != "slice" => {
            if let Some(key) = obj.eq_key() {
                return hash_value(&key);
            }
        }
        _ => {}
    }
    let mut state = DefaultHasher::new();
    hash_into(v, &mut state, 0)?;
    Ok(state.finish())
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
        (Value::Exception(x), Value::Exception(y)) => Rc::ptr_eq(x, y),
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
