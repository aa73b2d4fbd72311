//! `set`: the table and its methods.

use crate::python::builtins::{exactly_one, no_kwargs, Kwargs, ITEM_LIMIT};
use crate::python::eval::attr::{attribute_error, s};
use crate::python::eval::keys::Table;
use crate::python::eval::tables::involves_user_keys;
use crate::python::eval::{snapshot_iterable, Exec};
use crate::python::types::hash::{cpython_probe_order, cpython_set_order};
use crate::python::types::ops::{self, type_error};
use crate::python::types::{Dict, Value};
use crate::python::{PyError, PyException};

/// A set: a [`Dict`] whose values are unused (iteration in insertion order).
#[derive(Clone, Default, Debug)]
pub struct Set {
    pub(crate) dict: Dict,
    /// Whether this is a `frozenset` (immutable, hashable).
    pub(crate) frozen: bool,
}

impl Set {
    pub fn new() -> Self {
        Set::default()
    }

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

    /// Removes `value`; `Ok(false)` when it was absent.
    pub fn remove(&mut self, value: &Value) -> Result<bool, PyException> {
        Ok(self.dict.remove(value)?.is_some())
    }

    pub fn contains(&self, value: &Value) -> Result<bool, PyException> {
        self.dict.contains(value)
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

    /// The elements in the order Python iterates them: for sets of ints and of instances
    /// whose class's `__hash__` gives their hash, the order of CPython's hash table (so
    /// `{3, 1, 2}` prints as `{1, 2, 3}`), as if the elements were added in insertion
    /// order to a new table; otherwise insertion order (CPython's order for strings
    /// changes from run to run anyway).
    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.iter_hashed().into_iter().map(|(v, _)| v)
    }

    /// The elements in iteration order, each with its table hash.
    pub(crate) fn iter_hashed(&self) -> Vec<(&Value, u64)> {
        let items: Vec<(&Value, u64)> = self.dict.iter_hashed().map(|(k, _, h)| (k, h)).collect();
        match cpython_set_order(&self.known_hashes()) {
            Some(order) => order.into_iter().map(|i| items[i]).collect(),
            None => items,
        }
    }

    /// The Python hash of each element in insertion order, where it is known here.
    fn known_hashes(&self) -> Vec<Option<u64>> {
        self.dict
            .iter_hashed()
            .map(|(v, _, h)| match v {
                Value::Int(_) | Value::Bool(_) => Some(h),
                Value::Instance(i) if crate::python::eval::keys::user_hash(&i.class) => Some(h),
                _ => None,
            })
            .collect()
    }

    /// The slots of the elements with table hash `h` (and the elements), in the order
    /// CPython's lookup compares them; insertion order when the layout is not known.
    pub(crate) fn probe_candidates(&self, h: u64) -> Vec<(usize, Value)> {
        let candidates = self.dict.candidates(h);
        if candidates.len() < 2 {
            return candidates;
        }
        let _ = crate::python::eval::budget::items(self.len());
        let slots = self.dict.live_slots();
        match cpython_probe_order(&self.known_hashes(), h) {
            Some(order) if order.len() == candidates.len() => order
                .into_iter()
                .filter_map(|i| slots.get(i).copied())
                .filter_map(|slot| candidates.iter().find(|(s, _)| *s == slot).cloned())
                .collect(),
            _ => candidates,
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

    pub fn pop_last(&mut self) -> Option<Value> {
        self.dict.pop_last().map(|(k, _)| k)
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
        let others = |args: &[Value]| -> Result<Vec<Set>, PyError> {
            args.iter()
                .map(|a| match a {
                    Value::Set(o) => Ok(o.borrow().clone()),
                    other => Set::from_values(snapshot_iterable(other)?).map_err(PyError::from),
                })
                .collect()
        };
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
                let first = set
                    .borrow()
                    .iter_hashed()
                    .first()
                    .map(|(v, h)| ((*v).clone(), *h));
                match first {
                    Some((v, h)) => {
                        set.borrow_mut().dict.remove_identical(&v, h);
                        v
                    }
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
                Value::set(set.borrow().clone())
            }
            "union" | "update" => {
                let mut out = set.borrow().clone();
                crate::python::eval::budget::items(out.len())?;
                for o in others(&args)? {
                    crate::python::eval::budget::items(o.len())?;
                    for v in o.iter() {
                        out.add(v.clone())?;
                    }
                }
                if name == "update" {
                    *set.borrow_mut() = out;
                    Value::None
                } else {
                    make(out)
                }
            }
            "intersection" | "intersection_update" | "difference" | "difference_update" => {
                let keep_common = name.starts_with("intersection");
                let os = others(&args)?;
                let mut out = Set::new();
                crate::python::eval::budget::items(set.borrow().len() * (os.len() + 1))?;
                for v in set.borrow().iter() {
                    let mut keep = true;
                    for o in &os {
                        let inside = o.contains(v)?;
                        if inside != keep_common {
                            keep = false;
                            break;
                        }
                    }
                    if keep {
                        out.add(v.clone())?;
                    }
                }
                if name.ends_with("_update") {
                    *set.borrow_mut() = out;
                    Value::None
                } else {
                    make(out)
                }
            }
            "symmetric_difference" | "symmetric_difference_update" => {
                exactly_one(&format!("{kind}.{name}"), &args)?;
                let other = Value::set(others(&args)?.remove(0));
                let r =
                    ops::binary_op(crate::python::syntax::ast::BinOp::BitXor, receiver, &other)?;
                if name.ends_with("_update") {
                    if let Value::Set(new) = r {
                        let items = new.borrow().clone();
                        *set.borrow_mut() = items;
                    }
                    Value::None
                } else {
                    r
                }
            }
            "issubset" | "issuperset" | "isdisjoint" => {
                exactly_one(&format!("{kind}.{name}"), &args)?;
                let other = others(&args)?.remove(0);
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
