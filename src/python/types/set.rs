//! `set`: the table and its methods.

use crate::python::builtins::{exactly_one, no_kwargs, Kwargs, ITEM_LIMIT};
use crate::python::eval::attr::{attribute_error, s};
use crate::python::eval::keys::Table;
use crate::python::eval::{snapshot_iterable, Exec};
use crate::python::types::hash::cpython_int_set_order;
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

    /// The elements in the order Python iterates them: for sets of ints, the order of
    /// CPython's hash table (so `{3, 1, 2}` prints as `{1, 2, 3}`); otherwise insertion
    /// order (CPython's order for strings changes from run to run anyway).
    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        let items: Vec<&Value> = self.dict.iter().map(|(k, _)| k).collect();
        match cpython_int_set_order(&items) {
            Some(order) => order.into_iter().map(|i| items[i]).collect::<Vec<_>>(),
            None => items,
        }
        .into_iter()
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
                let first = set.borrow().iter().next().cloned();
                match first {
                    Some(v) => {
                        set.borrow_mut().remove(&v)?;
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
