//! Dict and set keys whose class defines `__hash__` (and `__eq__`): hashed through the
//! user's `__hash__` and compared through `__eq__`, as CPython does. The pure table in
//! `types::dict` hashes and compares without the interpreter; the evaluator routes a key
//! that needs Python code (and every lookup in a table holding such keys) through here.
//!
//! A lookup collects the keys with the same hash, lets go of the table, and compares them
//! one by one (a user `__eq__` may change the table); a match is used only when its slot
//! still holds the same key, otherwise the lookup starts again, as CPython's does.
//! Every `__hash__`/`__eq__` call is a Python call: it pays its steps and counts against the
//! recursion limit.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::python::eval::Exec;
use crate::python::syntax::ast::CmpOp;
use crate::python::types::hash::{tuple_hash, MAX_DEPTH};
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{Class, Dict, Set, Value};
use crate::python::PyError;

/// Whether a class's `__hash__` is a function of the user's.
pub(crate) fn user_hash(class: &Rc<Class>) -> bool {
    match class.lookup("__hash__") {
        Some((Value::Function(_), _)) => true,
        Some((v, _)) => crate::python::stdlib::dataclasses::is_hash_method(&v),
        None => false,
    }
}

/// Whether hashing `v` calls the user's code: an instance whose class defines `__hash__`,
/// or a tuple holding one.
pub(crate) fn is_user_key(v: &Value) -> bool {
    fn walk(v: &Value, depth: usize) -> bool {
        match v {
            Value::Instance(i) => user_hash(&i.class),
            Value::Tuple(t) if depth < MAX_DEPTH => t.iter().any(|x| walk(x, depth + 1)),
            Value::Set(s) => s.try_borrow().is_ok_and(|s| s.frozen && s.dict.user_keys),
            _ => false,
        }
    }
    walk(v, 0)
}

/// A dict or a set (whose elements are the keys of a dict).
#[derive(Clone, Copy)]
pub(crate) enum Table<'a> {
    Dict(&'a RefCell<Dict>),
    Set(&'a RefCell<Set>),
}

impl Table<'_> {
    fn get(&self) -> Ref<'_, Dict> {
        match self {
            Table::Dict(d) => d.borrow(),
            Table::Set(s) => Ref::map(s.borrow(), |s| &s.dict),
        }
    }

    fn get_mut(&self) -> Result<RefMut<'_, Dict>, PyError> {
        let r = match self {
            Table::Dict(d) => d.try_borrow_mut().map(|d| RefMut::map(d, |d| d)),
            Table::Set(s) => s.try_borrow_mut().map(|s| RefMut::map(s, |s| &mut s.dict)),
        };
        r.map_err(|_| exc("RuntimeError", "dictionary changed size during iteration"))
    }

    /// `f` of the table when its lookups need no Python code (`None`: they do), in one
    /// borrow: the check costs a plain lookup nothing more.
    #[inline]
    fn read_plain<R>(&self, f: impl FnOnce(&Dict) -> R) -> Option<R> {
        let d = self.get();
        if d.user_keys {
            None
        } else {
            Some(f(&d))
        }
    }

    /// Whether lookups in this table go through [`Exec::table_find`].
    pub(crate) fn has_user_keys(&self) -> bool {
        match self {
            Table::Dict(d) => d.try_borrow().is_ok_and(|d| d.user_keys),
            Table::Set(s) => s.try_borrow().is_ok_and(|s| s.dict.user_keys),
        }
    }
}

/// How often a lookup starts again because a user `__eq__` changed the table under it.
const MAX_RESTARTS: usize = 100;

impl Exec<'_> {
    /// `hash(v)` of an instance through its class's `__hash__`, checked to be an int and
    /// reduced as CPython reduces it (modulo 2**61 - 1, keeping the sign; -1 becomes -2).
    pub(crate) fn user_hash_int(&mut self, v: &Value) -> Result<BigInt, PyError> {
        let r = match self.call_special(v, "__hash__", Vec::new())? {
            Some(r) => r,
            None => return Err(type_error(format!("unhashable type: '{}'", v.type_name()))),
        };
        let n = match &r {
            Value::Int(n) => n.clone(),
            Value::Bool(b) => BigInt::from(*b as u8),
            _ => return Err(type_error("__hash__ method should return an integer")),
        };
        // A result that fits the machine word is the hash as it is (CPython's
        // `PyLong_AsSsize_t`); a bigger one is hashed as an int.
        if let Some(h) = n.to_i64() {
            return Ok(BigInt::from(if h == -1 { -2 } else { h }));
        }
        let modulus: BigInt = (BigInt::from(1) << 61u32) - 1;
        let m = BigInt::from(n.magnitude() % modulus.magnitude());
        let m = if n.sign() == num_bigint::Sign::Minus {
            -m
        } else {
            m
        };
        Ok(match m.to_i64() {
            Some(-1) => BigInt::from(-2),
            _ => m,
        })
    }

    /// The table hash of a key, through user `__hash__` methods where it holds them: a
    /// user hash is CPython's `hash()` of the key (a tuple holding such keys mixes them as
    /// CPython's tuple hash does), so a set of such keys is laid out as in CPython.
    pub(crate) fn key_hash(&mut self, v: &Value) -> Result<u64, PyError> {
        self.key_hash_at(v, 0)
    }

    fn key_hash_at(&mut self, v: &Value, depth: usize) -> Result<u64, PyError> {
        match v {
            Value::Instance(i) if user_hash(&i.class) => {
                let n = self.user_hash_int(v)?;
                Ok(n.to_i64().unwrap_or(0) as u64)
            }
            Value::Tuple(items) if is_user_key(v) => {
                if depth > MAX_DEPTH {
                    return Err(exc("RecursionError", "maximum recursion depth exceeded"));
                }
                self.charge(items.len() / 16)?;
                let items = items.clone();
                let mut lanes = Vec::with_capacity(items.len());
                for item in items.iter() {
                    lanes.push(self.key_hash_at(item, depth + 1)?);
                }
                Ok(tuple_hash(lanes.into_iter(), items.len()))
            }
            other => Ok(crate::python::types::hash_value(other)?),
        }
    }

    /// Whether a stored key equals a probe, as a dict compares them: identity first, then
    /// `stored == probe` through the user's `__eq__` (also inside tuples).
    pub(crate) fn keys_equal(&mut self, stored: &Value, probe: &Value) -> Result<bool, PyError> {
        if stored.identity_eq(probe) {
            return Ok(true);
        }
        self.values_equal(stored, probe, 0)
    }

    /// `a == b` where items may be instances whose `__eq__` is the user's: lists and tuples
    /// compare item by item (identity first, as CPython's containers do), dicts by key and
    /// value, instances through their `__eq__`.
    pub(crate) fn values_equal(
        &mut self,
        a: &Value,
        b: &Value,
        depth: usize,
    ) -> Result<bool, PyError> {
        if crate::python::types::hash::compare_too_deep(depth) {
            return Err(exc(
                "RecursionError",
                "maximum recursion depth exceeded in comparison",
            ));
        }
        match (a, b) {
            (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                self.compare_values(CmpOp::Eq, a, b)
            }
            (Value::List(x), Value::List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.items_equal(&x, &y, depth)
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                self.items_equal(&x, &y, depth)
            }
            (Value::Set(_), Value::Set(_)) => Ok(self
                .set_compare_with_keys(CmpOp::Eq, a, b)?
                .unwrap_or(false)),
            (Value::Dict(x), Value::Dict(y)) => {
                use crate::python::types::Flavor;
                let (fx, fy) = (x.borrow().flavor.clone(), y.borrow().flavor.clone());
                match (fx.as_deref(), fy.as_deref()) {
                    (Some(Flavor::Counter), Some(Flavor::Counter)) => self.counters_equal(x, y),
                    (Some(Flavor::OrderedDict), Some(Flavor::OrderedDict)) => {
                        if !self.dicts_equal(x, y, depth)? {
                            return Ok(false);
                        }
                        let (kx, ky) = (x.borrow().keys(), y.borrow().keys());
                        for (p, q) in kx.iter().zip(&ky) {
                            if !(p.identity_eq(q) || self.values_equal(p, q, depth + 1)?) {
                                return Ok(false);
                            }
                        }
                        Ok(true)
                    }
                    // The plain dict's `==` decides, iterating the OrderedDict (which
                    // CPython asks first) or the plain side.
                    (Some(Flavor::OrderedDict), _) | (None, _) => self.dicts_equal(x, y, depth),
                    _ => self.dicts_equal(y, x, depth),
                }
            }
            _ => crate::python::types::ops::compare(CmpOp::Eq, a, b),
        }
    }

    /// `Counter.__eq__`: `all(self[e] == other[e] for c in (self, other) for e in c)`,
    /// a missing element counting as zero.
    fn counters_equal(
        &mut self,
        x: &std::rc::Rc<RefCell<Dict>>,
        y: &std::rc::Rc<RefCell<Dict>>,
    ) -> Result<bool, PyError> {
        for c in [x, y] {
            let elems = c.borrow().keys();
            self.charge(elems.len() * 2)?;
            for e in elems {
                let zero = || Value::int(0);
                let a = self.table_get(Table::Dict(x), &e)?.unwrap_or_else(zero);
                let b = self.table_get(Table::Dict(y), &e)?.unwrap_or_else(zero);
                if !self.compare_values(CmpOp::Eq, &a, &b)? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    fn items_equal(&mut self, x: &[Value], y: &[Value], depth: usize) -> Result<bool, PyError> {
        if x.len() != y.len() {
            return Ok(false);
        }
        self.charge(x.len() / 16)?;
        for (p, q) in x.iter().zip(y) {
            if !(p.identity_eq(q) || self.values_equal(p, q, depth + 1)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The slot of `key` (with table hash `h`) in a table, comparing through `__eq__`.
    pub(crate) fn table_find(
        &mut self,
        t: Table<'_>,
        key: &Value,
        h: u64,
    ) -> Result<Option<usize>, PyError> {
        'again: for _ in 0..MAX_RESTARTS {
            let candidates = match t {
                Table::Set(s) => s.borrow().probe_candidates(h),
                Table::Dict(d) => d.borrow().candidates(h),
            };
            for (slot, k) in candidates {
                let equal = self.keys_equal(&k, key)?;
                // As CPython: a comparison that changed the slot starts the lookup again.
                let still = t
                    .get()
                    .slot(slot)
                    .is_some_and(|(now, _)| now.identity_eq(&k));
                if !still {
                    continue 'again;
                }
                if equal {
                    return Ok(Some(slot));
                }
            }
            return Ok(None);
        }
        Err(exc(
            "RuntimeError",
            "dictionary changed size during iteration",
        ))
    }

    /// Whether a lookup of `key` in `t` needs the interpreter.
    pub(crate) fn needs_user_lookup(t: Table<'_>, key: &Value) -> bool {
        is_user_key(key) || t.has_user_keys()
    }

    /// `t[key]` (`None`: absent).
    pub(crate) fn table_get(
        &mut self,
        t: Table<'_>,
        key: &Value,
    ) -> Result<Option<Value>, PyError> {
        if !is_user_key(key) {
            if let Some(r) = t.read_plain(|d| d.get(key)) {
                return Ok(r?);
            }
        }
        let h = self.key_hash(key)?;
        Ok(match self.table_find(t, key, h)? {
            Some(slot) => t.get().slot(slot).map(|(_, v)| v.clone()),
            None => None,
        })
    }

    /// `key in t`.
    pub(crate) fn table_contains(&mut self, t: Table<'_>, key: &Value) -> Result<bool, PyError> {
        if !is_user_key(key) {
            if let Some(r) = t.read_plain(|d| d.contains(key)) {
                return Ok(r?);
            }
        }
        let h = self.key_hash(key)?;
        Ok(self.table_find(t, key, h)?.is_some())
    }

    /// `t[key] = value` (for a set, adds `key`).
    pub(crate) fn table_insert(
        &mut self,
        t: Table<'_>,
        key: Value,
        value: Value,
    ) -> Result<(), PyError> {
        let user = is_user_key(&key);
        if !user {
            let mut d = t.get_mut()?;
            if !d.user_keys {
                return Ok(d.insert(key, value)?);
            }
        }
        let h = self.key_hash(&key)?;
        self.insert_hashed(t, key, value, h)
    }

    /// The table hash of a key, through `__hash__` where it holds a user's.
    pub(crate) fn hash_of(&mut self, key: &Value) -> Result<u64, PyError> {
        self.key_hash(key)
    }

    /// The slot of `key`, whose table hash `h` is known (CPython reuses a stored key's hash).
    pub(crate) fn find_hashed(
        &mut self,
        t: Table<'_>,
        key: &Value,
        h: u64,
    ) -> Result<Option<usize>, PyError> {
        if !is_user_key(key) {
            if let Some(r) = t.read_plain(|d| d.find(key, h)) {
                return Ok(r);
            }
        }
        self.table_find(t, key, h)
    }

    /// `t[key] = value` for a key whose table hash `h` is known.
    pub(crate) fn insert_hashed(
        &mut self,
        t: Table<'_>,
        key: Value,
        value: Value,
        h: u64,
    ) -> Result<(), PyError> {
        let user = is_user_key(&key);
        match self.find_hashed(t, &key, h)? {
            Some(slot) => t.get_mut()?.set_slot(slot, value),
            None => {
                let mut d = t.get_mut()?;
                d.push_hashed(key, value, h);
                d.user_keys |= user;
            }
        }
        Ok(())
    }

    /// Removes `key` (table hash `h`), returning its value (`None`: absent).
    pub(crate) fn remove_hashed(
        &mut self,
        t: Table<'_>,
        key: &Value,
        h: u64,
    ) -> Result<Option<Value>, PyError> {
        Ok(match self.find_hashed(t, key, h)? {
            Some(slot) => t.get_mut()?.remove_slot(slot),
            None => None,
        })
    }

    /// Removes `key` from `t`, returning its value (`None`: absent).
    pub(crate) fn table_remove(
        &mut self,
        t: Table<'_>,
        key: &Value,
    ) -> Result<Option<Value>, PyError> {
        if !is_user_key(key) {
            let mut d = t.get_mut()?;
            if !d.user_keys {
                return Ok(d.remove(key)?);
            }
        }
        let h = self.key_hash(key)?;
        Ok(match self.table_find(t, key, h)? {
            Some(slot) => t.get_mut()?.remove_slot(slot),
            None => None,
        })
    }

    /// `o[i] = value`, through `__hash__`/`__eq__` for a dict with such keys.
    pub(crate) fn store_item(&mut self, o: &Value, i: Value, value: Value) -> Result<(), PyError> {
        if let Value::Dict(d) = o {
            return self.table_insert(Table::Dict(d), i, value);
        }
        crate::python::types::ops::set_item(o, i, value)
    }

    /// `del o[i]`, through `__hash__`/`__eq__` for a dict with such keys.
    pub(crate) fn delete_item(&mut self, o: &Value, i: &Value) -> Result<(), PyError> {
        if let Value::Dict(d) = o {
            return match self.table_remove(Table::Dict(d), i)? {
                Some(_) => Ok(()),
                None => Err(PyError::Exception(crate::python::PyException::with_args(
                    "KeyError",
                    vec![i.clone()],
                ))),
            };
        }
        crate::python::types::ops::del_item(o, i)
    }

    /// A set of these items, through `__hash__`/`__eq__` where they need them.
    pub(crate) fn set_of(&mut self, items: Vec<Value>) -> Result<Set, PyError> {
        if !items.iter().any(is_user_key) {
            return Ok(Set::from_values(items)?);
        }
        let cell = RefCell::new(Set::new());
        for v in items {
            self.table_insert(Table::Set(&cell), v, Value::None)?;
        }
        Ok(cell.into_inner())
    }

    /// Adds to a set being built (nothing else can see it yet).
    pub(crate) fn add_to(&mut self, s: &mut Set, v: Value) -> Result<(), PyError> {
        if !s.dict.user_keys && !is_user_key(&v) {
            return Ok(s.add(v)?);
        }
        let cell = RefCell::new(std::mem::take(s));
        let r = self.table_insert(Table::Set(&cell), v, Value::None);
        *s = cell.into_inner();
        r
    }

    /// `d[k] = v` in a dict being built (nothing else can see it yet).
    pub(crate) fn insert_into(&mut self, d: &mut Dict, k: Value, v: Value) -> Result<(), PyError> {
        if !d.user_keys && !is_user_key(&k) {
            return Ok(d.insert(k, v)?);
        }
        let cell = RefCell::new(std::mem::take(d));
        let r = self.table_insert(Table::Dict(&cell), k, v);
        *d = cell.into_inner();
        r
    }

    /// `t.setdefault(key, default)`: the key is hashed once, as CPython does.
    pub(crate) fn table_setdefault(
        &mut self,
        t: Table<'_>,
        key: Value,
        default: Value,
    ) -> Result<Value, PyError> {
        if !Self::needs_user_lookup(t, &key) {
            let existing = t.get().get(&key)?;
            if let Some(v) = existing {
                return Ok(v);
            }
            t.get_mut()?.insert(key, default.clone())?;
            return Ok(default);
        }
        let h = self.key_hash(&key)?;
        if let Some(slot) = self.table_find(t, &key, h)? {
            if let Some((_, v)) = t.get().slot(slot) {
                return Ok(v.clone());
            }
        }
        let user = is_user_key(&key);
        let mut d = t.get_mut()?;
        d.push_hashed(key, default.clone(), h);
        d.user_keys |= user;
        Ok(default)
    }
}
