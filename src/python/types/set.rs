//! `set`: the table and its methods.

use crate::python::builtins::{exactly_one, no_kwargs, Kwargs, ITEM_LIMIT};
use crate::python::eval::attr::{attribute_error, s};
use crate::python::eval::keys::Table;
use crate::python::eval::tables::involves_user_keys;
use crate::python::eval::{snapshot_iterable, Exec};
use crate::python::types::hash::exact_hash;
use crate::python::types::ops::{self, type_error};
use crate::python::types::settable::SetTable;
use crate::python::types::{Dict, Value};
use crate::python::{PyError, PyException};

/// A set: a [`Dict`] whose values are unused, with CPython's table layout beside it
/// (`types::settable`), which gives the iteration order.
#[derive(Clone, Debug)]
pub struct Set {
    pub(crate) dict: Dict,
    /// Whether this is a `frozenset` (immutable, hashable).
    pub(crate) frozen: bool,
}

impl Default for Set {
    fn default() -> Self {
        let mut dict = Dict::new();
        dict.table = Some(Box::default());
        Set {
            dict,
            frozen: false,
        }
    }
}

impl Set {
    pub fn new() -> Self {
        Set::default()
    }

    /// A set of these values, added one after the other (`BUILD_SET`, `set(list)`).
    pub fn from_values(values: Vec<Value>) -> Result<Self, PyException> {
        let mut s = Set::new();
        for v in values {
            s.add(v)?;
        }
        Ok(s)
    }

    /// The same elements as a `frozenset` (`true`) or a `set`.
    pub(crate) fn with_frozen(mut self, frozen: bool) -> Self {
        self.frozen = frozen;
        self
    }

    pub fn add(&mut self, value: Value) -> Result<(), PyException> {
        self.dict.insert(value, Value::None)
    }

    /// Adds an element whose table hash is known (CPython reuses a stored hash).
    pub(crate) fn add_hashed(&mut self, value: Value, h: u64) {
        if self.dict.find(&value, h).is_none() {
            self.dict.push_hashed(value, Value::None, h);
        }
    }

    /// Removes `value`; `Ok(false)` when it was absent.
    pub fn remove(&mut self, value: &Value) -> Result<bool, PyException> {
        Ok(self.dict.remove(value)?.is_some())
    }

    /// Removes an element whose table hash is known; whether it was there.
    pub(crate) fn discard_hashed(&mut self, value: &Value, h: u64) -> bool {
        match self.dict.find(value, h) {
            Some(i) => self.dict.remove_slot(i).is_some(),
            None => false,
        }
    }

    pub fn contains(&self, value: &Value) -> Result<bool, PyException> {
        self.dict.contains(value)
    }

    pub(crate) fn contains_hashed(&self, value: &Value, h: u64) -> bool {
        self.dict.find(value, h).is_some()
    }

    pub fn len(&self) -> usize {
        self.dict.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dict.is_empty()
    }

    pub fn clear(&mut self) {
        self.dict.clear()
    }

    fn table(&self) -> Option<&SetTable> {
        self.dict.table.as_deref()
    }

    fn table_mut(&mut self) -> &mut SetTable {
        self.dict.table.get_or_insert_with(Box::default)
    }

    /// The elements in the order Python iterates them: CPython's table order when every
    /// element's hash is CPython's (so `{3, 1, 2}` prints as `{1, 2, 3}`); otherwise
    /// insertion order (CPython's order for strings changes from run to run anyway).
    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.iter_hashed().into_iter().map(|(v, _)| v)
    }

    /// The elements in iteration order, each with its table hash.
    pub(crate) fn iter_hashed(&self) -> Vec<(&Value, u64)> {
        match self.table().filter(|t| t.exact) {
            Some(t) => t
                .order()
                .filter_map(|i| self.dict.entry(i))
                .map(|(k, _, h)| (k, h))
                .collect(),
            None => self.dict.iter_hashed().map(|(k, _, h)| (k, h)).collect(),
        }
    }

    /// The slots of the elements with table hash `h` (and the elements), in the order
    /// CPython's lookup compares them; insertion order when the layout is not known.
    pub(crate) fn probe_candidates(&self, h: u64) -> Vec<(usize, Value)> {
        let candidates = self.dict.candidates(h);
        if candidates.len() < 2 {
            return candidates;
        }
        match self.table().filter(|t| t.exact) {
            Some(t) => {
                let order = t.probe_order(h);
                if order.len() != candidates.len() {
                    return candidates;
                }
                order
                    .into_iter()
                    .filter_map(|slot| candidates.iter().find(|(s, _)| *s == slot).cloned())
                    .collect()
            }
            None => candidates,
        }
    }

    /// The elements in iteration order with their table hashes, cloned.
    pub(crate) fn entries(&self) -> Vec<(Value, u64)> {
        self.iter_hashed()
            .into_iter()
            .map(|(v, h)| (v.clone(), h))
            .collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().cloned().collect()
    }

    /// `set.pop()`: the element at CPython's search finger (nothing compared).
    pub fn pop_last(&mut self) -> Option<Value> {
        let exact = self.table().is_some_and(|t| t.exact);
        let idx = if exact {
            self.table_mut().pop_entry()?
        } else {
            self.dict.first_live()?
        };
        let key = self.dict.entry(idx)?.0.clone();
        self.dict.remove_slot(idx);
        Some(key)
    }

    // CPython's set algorithms (setobject.c), which decide the layout of their results.

    /// `set_merge`: adds the elements of another set, in its table order, after growing
    /// the table once for all of them.
    pub(crate) fn merge(&mut self, other: &Set) {
        if other.is_empty() {
            return;
        }
        let _ = crate::python::eval::budget::items(other.len());
        self.dict.user_keys |= other.dict.user_keys;
        self.presize(other.len());
        let entries = other.entries();
        let other_table = other.table();
        let same = other_table.is_some_and(|o| {
            o.exact && !o.has_dummies() && self.table().is_some_and(|t| t.mask() == o.mask())
        });
        if self.table_mut().fill() == 0 && self.is_empty() {
            if let (true, Some(o)) = (same, other_table) {
                let base = self.dict.slot_count();
                self.table_mut().copy_slots(o, base);
                for (v, h) in entries {
                    self.dict.push_entry(v, Value::None, h);
                }
                return;
            }
            let exact = other_table.is_some_and(|o| o.exact);
            for (v, h) in entries {
                let idx = self.dict.slot_count();
                let ex = exact || exact_hash(&v);
                self.table_mut().add_clean(idx, h, ex);
                self.dict.push_entry(v, Value::None, h);
            }
            return;
        }
        for (v, h) in entries {
            self.add_hashed(v, h);
        }
    }

    /// `set_update_internal`: a set merges, a plain dict's keys are added after one
    /// growth, anything else is iterated.
    pub(crate) fn update_from(&mut self, other: &Value) -> Result<(), PyError> {
        match other {
            Value::Set(o) => self.merge(&o.borrow()),
            Value::Dict(d) if d.borrow().flavor.is_none() => {
                let pairs = d.borrow().items_hashed();
                crate::python::eval::budget::items(pairs.len())?;
                self.presize(pairs.len());
                for (k, _, h) in pairs {
                    self.add_hashed(k, h);
                }
            }
            other => {
                let items = snapshot_iterable(other)?;
                crate::python::eval::budget::items(items.len())?;
                for v in items {
                    self.add(v)?;
                }
            }
        }
        Ok(())
    }

    /// A new set made from an iterable (`make_new_set`).
    pub(crate) fn made_from(other: &Value, frozen: bool) -> Result<Set, PyError> {
        let mut s = Set::new();
        s.update_from(other)?;
        Ok(s.with_frozen(frozen))
    }

    /// `set_copy`: a new set merged from this one.
    pub(crate) fn copied(&self) -> Set {
        let mut s = Set::new().with_frozen(self.frozen);
        s.merge(self);
        s
    }

    /// `set_intersection`, where `same` says the other is this very set (then a copy).
    pub(crate) fn intersection_with(&self, other: &Value, same: bool) -> Result<Set, PyError> {
        if same {
            return Ok(self.copied());
        }
        self.intersection(other)
    }

    /// `set_intersection`: the smaller set is iterated, each element looked up in the other.
    pub(crate) fn intersection(&self, other: &Value) -> Result<Set, PyError> {
        let mut out = Set::new().with_frozen(self.frozen);
        if let Value::Set(o) = other {
            let o = o.borrow();
            let (big, small) = if o.len() > self.len() {
                (&*o, self)
            } else {
                (self, &*o)
            };
            crate::python::eval::budget::items(small.len())?;
            for (v, h) in small.entries() {
                if big.contains_hashed(&v, h) {
                    out.add_hashed(v, h);
                }
            }
            return Ok(out);
        }
        let items = snapshot_iterable(other)?;
        crate::python::eval::budget::items(items.len())?;
        for v in items {
            let h = crate::python::types::hash_value(&v)?;
            if self.contains_hashed(&v, h) {
                out.add_hashed(v, h);
            }
        }
        Ok(out)
    }

    /// `set_difference`: iterates this set, unless it is much bigger than the other (then
    /// a copy loses the other's elements).
    pub(crate) fn difference(&self, other: &Value) -> Result<Set, PyError> {
        let other_size = match other {
            Value::Set(o) => Some(o.borrow().len()),
            Value::Dict(d) if d.borrow().flavor.is_none() => Some(d.borrow().len()),
            _ => None,
        };
        match other_size {
            Some(n) if (self.len() >> 2) <= n => {
                let mut out = Set::new().with_frozen(self.frozen);
                crate::python::eval::budget::items(self.len())?;
                for (v, h) in self.entries() {
                    let inside = match other {
                        Value::Set(o) => o.borrow().contains_hashed(&v, h),
                        Value::Dict(d) => d.borrow().find(&v, h).is_some(),
                        _ => false,
                    };
                    if !inside {
                        out.add_hashed(v, h);
                    }
                }
                Ok(out)
            }
            _ => {
                let mut out = self.copied();
                out.difference_update(other)?;
                Ok(out)
            }
        }
    }

    /// `set_difference_update_internal`; the table is rebuilt when over a quarter of it
    /// is dummies.
    pub(crate) fn difference_update(&mut self, other: &Value) -> Result<(), PyError> {
        match other {
            Value::Set(o) => {
                let o = o.borrow().clone();
                let o = if (o.len() >> 3) > self.len() {
                    self.intersection(&Value::set(o))?
                } else {
                    o
                };
                crate::python::eval::budget::items(o.len())?;
                for (v, h) in o.entries() {
                    self.discard_hashed(&v, h);
                }
            }
            other => {
                let items = snapshot_iterable(other)?;
                crate::python::eval::budget::items(items.len())?;
                for v in items {
                    self.remove(&v)?;
                }
            }
        }
        self.drop_dummies();
        Ok(())
    }

    /// Grows the table once before `n` elements are added (`set_merge`, `set(dict)`).
    pub(crate) fn presize(&mut self, n: usize) {
        let used = self.len();
        let t = self.table_mut();
        if (t.fill() + n) * 5 >= t.mask() * 3 {
            t.resize((used + n) * 2);
        }
    }

    /// Rebuilds the table when over a quarter of it is dummies (after a difference update).
    pub(crate) fn drop_dummies(&mut self) {
        let len = self.dict.len();
        let t = self.table_mut();
        if t.fill() - len > t.mask() / 4 {
            let n = t.grown_size();
            t.resize(n);
        }
    }

    /// `set_symmetric_difference_update`: each element of the other is discarded, or added
    /// when it was absent.
    pub(crate) fn symmetric_difference_update(&mut self, other: &Value) -> Result<(), PyError> {
        let pairs: Vec<(Value, u64)> = match other {
            Value::Dict(d) if d.borrow().flavor.is_none() => d
                .borrow()
                .items_hashed()
                .into_iter()
                .map(|(k, _, h)| (k, h))
                .collect(),
            Value::Set(o) => o.borrow().entries(),
            other => Set::made_from(other, false)?.entries(),
        };
        crate::python::eval::budget::items(pairs.len())?;
        for (v, h) in pairs {
            if !self.discard_hashed(&v, h) {
                self.dict.push_hashed(v, Value::None, h);
            }
        }
        Ok(())
    }

    /// `set_symmetric_difference`: a set made from the other, updated with this one.
    pub(crate) fn symmetric_difference(&self, other: &Value) -> Result<Set, PyError> {
        let mut out = Set::made_from(other, self.frozen)?;
        out.symmetric_difference_update(&Value::set(self.clone()))?;
        Ok(out)
    }
}

/// The methods a `frozenset` has (those that do not change it).
pub(crate) const FROZENSET_METHODS: &[&str] = &[
    "copy",
    "difference",
    "intersection",
    "isdisjoint",
    "issubset",
    "issuperset",
    "symmetric_difference",
    "union",
];

pub(crate) const SET_METHODS: &[&str] = &[
    "add",
    "clear",
    "copy",
    "difference",
    "difference_update",
    "discard",
    "intersection",
    "intersection_update",
    "isdisjoint",
    "issubset",
    "issuperset",
    "pop",
    "remove",
    "symmetric_difference",
    "symmetric_difference_update",
    "union",
    "update",
];

impl Exec<'_> {
    pub(crate) fn set_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let Value::Set(set) = receiver else {
            return Err(attribute_error(receiver, name));
        };
        let frozen = set.borrow().frozen;
        if frozen && !FROZENSET_METHODS.contains(&name) {
            return Err(attribute_error(receiver, name));
        }
        let kind = if frozen { "frozenset" } else { "set" };
        no_kwargs(&format!("{kind}.{name}"), &kwargs)?;
        if matches!(
            name,
            "union"
                | "update"
                | "intersection"
                | "intersection_update"
                | "difference"
                | "difference_update"
                | "symmetric_difference"
                | "symmetric_difference_update"
                | "issubset"
                | "issuperset"
                | "isdisjoint"
        ) && (set.borrow().dict.user_keys || args.iter().any(involves_user_keys))
        {
            if let Some(r) = self.set_method_with_keys(set, name, &args)? {
                return Ok(r);
            }
        }
        let make = |s: Set| Value::set(s.with_frozen(frozen));
        let is_self = |a: &Value| matches!(a, Value::Set(o) if std::rc::Rc::ptr_eq(o, set));
        Ok(match name {
            "add" => {
                exactly_one("set.add", &args)?;
                if set.borrow().len() >= ITEM_LIMIT {
                    return Err(ops::too_many_items(ITEM_LIMIT as u128 + 1));
                }
                self.table_insert(Table::Set(set), args[0].clone(), Value::None)?;
                Value::None
            }
            "remove" => {
                exactly_one("set.remove", &args)?;
                if self.table_remove(Table::Set(set), &args[0])?.is_none() {
                    return Err(PyError::Exception(PyException::with_args(
                        "KeyError",
                        vec![args[0].clone()],
                    )));
                }
                Value::None
            }
            "discard" => {
                exactly_one("set.discard", &args)?;
                self.table_remove(Table::Set(set), &args[0])?;
                Value::None
            }
            "pop" => {
                if !args.is_empty() {
                    return Err(type_error(format!(
                        "set.pop() takes no arguments ({} given)",
                        args.len()
                    )));
                }
                let popped = set.borrow_mut().pop_last();
                match popped {
                    Some(v) => v,
                    None => {
                        return Err(PyError::Exception(PyException::with_args(
                            "KeyError",
                            vec![s("pop from an empty set")],
                        )))
                    }
                }
            }
            "clear" => {
                set.borrow_mut().clear();
                Value::None
            }
            "copy" if frozen => receiver.clone(),
            "copy" => {
                crate::python::eval::budget::items(set.borrow().len())?;
                Value::set(set.borrow().copied())
            }
            "union" => {
                let mut out = set.borrow().copied();
                for o in args.iter().filter(|a| !is_self(a)) {
                    out.update_from(o)?;
                }
                make(out)
            }
            "update" => {
                for o in args.iter().filter(|a| !is_self(a)) {
                    in_place(set, |me| me.update_from(o))?;
                }
                Value::None
            }
            "intersection" | "intersection_update" => {
                let mut out = match args.first() {
                    None => set.borrow().copied(),
                    Some(o) => {
                        let me = set.borrow().clone();
                        me.intersection_with(o, is_self(o))?
                    }
                };
                for o in args.iter().skip(1) {
                    out = out.intersection(o)?;
                }
                if name == "intersection_update" {
                    let mut me = set.borrow_mut();
                    if let (Some(new), Some(old)) = (&mut out.dict.table, &me.dict.table) {
                        new.keep_finger(old);
                    }
                    *me = out.with_frozen(false);
                    Value::None
                } else {
                    out.frozen = frozen;
                    Value::set(out)
                }
            }
            "difference" => {
                let mut out = match args.first() {
                    None => set.borrow().copied(),
                    Some(o) if is_self(o) => Set::new(),
                    Some(o) => set.borrow().difference(o)?,
                };
                for o in args.iter().skip(1) {
                    if is_self(o) {
                        out.clear();
                    } else {
                        out.difference_update(o)?;
                    }
                }
                make(out)
            }
            "difference_update" => {
                for o in &args {
                    if is_self(o) {
                        set.borrow_mut().clear();
                        continue;
                    }
                    in_place(set, |me| me.difference_update(o))?;
                }
                Value::None
            }
            "symmetric_difference" => {
                exactly_one(&format!("{kind}.{name}"), &args)?;
                let me = set.borrow().clone();
                make(me.symmetric_difference(&args[0])?)
            }
            "symmetric_difference_update" => {
                exactly_one(&format!("{kind}.{name}"), &args)?;
                if is_self(&args[0]) {
                    set.borrow_mut().clear();
                } else {
                    in_place(set, |me| me.symmetric_difference_update(&args[0]))?;
                }
                Value::None
            }
            "issubset" | "issuperset" | "isdisjoint" => {
                exactly_one(&format!("{kind}.{name}"), &args)?;
                let other = match &args[0] {
                    Value::Set(o) => o.borrow().clone(),
                    other => Set::from_values(snapshot_iterable(other)?)?,
                };
                let me = set.borrow();
                crate::python::eval::budget::items(me.len() + other.len())?;
                Value::Bool(match name {
                    "issubset" => me.iter().all(|v| other.contains(v).unwrap_or(false)),
                    "issuperset" => other.iter().all(|v| me.contains(v).unwrap_or(false)),
                    _ => !me.iter().any(|v| other.contains(v).unwrap_or(false)),
                })
            }
            _ => return Err(attribute_error(receiver, name)),
        })
    }
}

/// Runs `f` on the set taken out of its cell (so that reading another set borrows nothing
/// twice), and puts it back.
fn in_place(
    set: &std::cell::RefCell<Set>,
    f: impl FnOnce(&mut Set) -> Result<(), PyError>,
) -> Result<(), PyError> {
    let mut me = std::mem::take(&mut *set.borrow_mut());
    let r = f(&mut me);
    *set.borrow_mut() = me;
    r
}

/// `s |= t`, `s &= t`, `s -= t`, `s ^= t` for sets, as CPython changes `s`.
pub(crate) fn inplace(
    op: crate::python::syntax::ast::BinOp,
    s: &std::rc::Rc<std::cell::RefCell<Set>>,
    other: &Value,
) -> Result<(), PyError> {
    use crate::python::syntax::ast::BinOp;
    let same = matches!(other, Value::Set(o) if std::rc::Rc::ptr_eq(o, s));
    match op {
        BinOp::BitOr if same => Ok(()),
        BinOp::BitOr => in_place(s, |me| me.update_from(other)),
        BinOp::BitAnd => {
            let mut out = s.borrow().intersection_with(other, same)?;
            let mut me = s.borrow_mut();
            if let (Some(new), Some(old)) = (&mut out.dict.table, &me.dict.table) {
                new.keep_finger(old);
            }
            *me = out.with_frozen(false);
            Ok(())
        }
        BinOp::Sub | BinOp::BitXor if same => {
            s.borrow_mut().clear();
            Ok(())
        }
        BinOp::Sub => in_place(s, |me| me.difference_update(other)),
        _ => in_place(s, |me| me.symmetric_difference_update(other)),
    }
}
