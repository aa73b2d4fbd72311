//! `dict` and its views: the insertion-ordered table, and the methods.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use crate::python::builtins::{arg_range, no_kwargs, Kwargs};
use crate::python::eval::attr::{attribute_error, s};
use crate::python::eval::keys::Table;
use crate::python::eval::{snapshot_iterable, Exec};
use crate::python::text::repr::repr;
use crate::python::types::hash::exact_hash;
use crate::python::types::ops::{self, type_error};
use crate::python::types::settable::SetTable;
use crate::python::types::{hash_value, Value};
use crate::python::{PyError, PyException};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// The `collections` class a dict is an instance of (`Counter`, `OrderedDict`,
/// `defaultdict`); their behaviour is in `stdlib::collections`.
#[derive(Clone)]
pub enum Flavor {
    Counter,
    OrderedDict,
    /// With its `default_factory`.
    DefaultDict(Value),
}

/// An insertion-ordered dict with Python's key semantics: `1`, `1.0` and `True` are the same
/// key; lists, dicts and sets are unhashable.
#[derive(Clone, Default)]
pub struct Dict {
    /// The pairs in insertion order, each with its key's hash (`None`: removed).
    entries: Vec<Option<(Value, Value, u64)>>,
    index: HashMap<u64, Vec<usize>>,
    len: usize,
    /// `None` for a plain `dict`.
    pub(crate) flavor: Option<Rc<Flavor>>,
    /// Whether a key whose class defines `__hash__` was added (through `eval::keys`): then
    /// the evaluator looks keys up through the user's `__eq__`.
    pub(crate) user_keys: bool,
    /// A set's table layout, as CPython's (`None` for a dict).
    pub(crate) table: Option<Box<SetTable>>,
}

/// The `collections` class of a dict value, if it has one (`None` for a plain dict).
pub(crate) fn flavor_of(d: &RefCell<Dict>) -> Option<Rc<Flavor>> {
    d.try_borrow().ok().and_then(|d| d.flavor.clone())
}

impl Dict {
    pub fn new() -> Self {
        Dict::default()
    }

    /// A dict from pairs (later pairs win); fails on an unhashable key.
    pub fn from_pairs(pairs: Vec<(Value, Value)>) -> Result<Self, PyException> {
        let mut d = Dict::new();
        for (k, v) in pairs {
            d.insert(k, v)?;
        }
        Ok(d)
    }

    pub(crate) fn find(&self, key: &Value, hash: u64) -> Option<usize> {
        self.index.get(&hash).and_then(|slots| {
            slots.iter().copied().find(|&i| {
                self.entries[i]
                    .as_ref()
                    .is_some_and(|(k, _, _)| k.py_eq(key))
            })
        })
    }

    pub fn get(&self, key: &Value) -> Result<Option<Value>, PyException> {
        let h = hash_value(key)?;
        Ok(self
            .find(key, h)
            .and_then(|i| self.entries[i].as_ref().map(|(_, v, _)| v.clone())))
    }

    /// Like `get`, for a string key (never fails).
    pub fn get_str(&self, key: &str) -> Option<Value> {
        self.get(&Value::str(key)).ok().flatten()
    }

    /// Sets `key` to `value`; an existing key keeps its position (and its original key
    /// object, as in Python).
    pub fn insert(&mut self, key: Value, value: Value) -> Result<(), PyException> {
        let h = hash_value(&key)?;
        if let Some(i) = self.find(&key, h) {
            if let Some(entry) = self.entries[i].as_mut() {
                entry.1 = value;
            }
            return Ok(());
        }
        self.push_hashed(key, value, h);
        Ok(())
    }

    /// Adds a key known to be absent, with its hash.
    pub(crate) fn push_hashed(&mut self, key: Value, value: Value, h: u64) {
        if let Some(t) = &mut self.table {
            t.add(self.entries.len(), h, exact_hash(&key));
        }
        self.push_entry(key, value, h);
    }

    /// Appends a pair, leaving a set's layout to the caller.
    pub(crate) fn push_entry(&mut self, key: Value, value: Value, h: u64) {
        self.entries.push(Some((key, value, h)));
        self.index
            .entry(h)
            .or_default()
            .push(self.entries.len() - 1);
        self.len += 1;
    }

    pub fn remove(&mut self, key: &Value) -> Result<Option<Value>, PyException> {
        let h = hash_value(key)?;
        let Some(i) = self.find(key, h) else {
            return Ok(None);
        };
        Ok(self.remove_slot(i))
    }

    /// Removes the pair in slot `i`, returning its value.
    pub(crate) fn remove_slot(&mut self, i: usize) -> Option<Value> {
        let (_, removed, h) = self.entries.get_mut(i)?.take()?;
        if let Some(t) = &mut self.table {
            t.discard(i);
        }
        if let Some(slots) = self.index.get_mut(&h) {
            slots.retain(|&s| s != i);
            if slots.is_empty() {
                self.index.remove(&h);
            }
        }
        self.len -= 1;
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        Some(removed)
    }

    pub(crate) fn compact(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        if let Some(t) = &mut self.table {
            let mut map = vec![u32::MAX; entries.len()];
            let mut next = 0;
            for (i, e) in entries.iter().enumerate() {
                if e.is_some() {
                    map[i] = next;
                    next += 1;
                }
            }
            t.renumber(&map);
        }
        self.index.clear();
        self.len = 0;
        for (k, v, h) in entries.into_iter().flatten() {
            self.entries.push(Some((k, v, h)));
            self.index
                .entry(h)
                .or_default()
                .push(self.entries.len() - 1);
            self.len += 1;
        }
    }

    pub fn contains(&self, key: &Value) -> Result<bool, PyException> {
        let h = hash_value(key)?;
        Ok(self.find(key, h).is_some())
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn clear(&mut self) {
        if let Some(t) = &mut self.table {
            t.clear();
        }
        self.user_keys = false;
        self.entries.clear();
        self.index.clear();
        self.len = 0;
    }

    /// Removes and returns the last pair (`popitem()`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let last = self.entries.iter().rposition(|e| e.is_some())?;
        let key = self.entries[last].as_ref()?.0.clone();
        let value = self.remove_slot(last)?;
        Some((key, value))
    }

    /// Removes and returns the first pair (the oldest key).
    pub(crate) fn pop_first(&mut self) -> Option<(Value, Value)> {
        let first = self.entries.iter().position(|e| e.is_some())?;
        let key = self.entries[first].as_ref()?.0.clone();
        let value = self.remove_slot(first)?;
        Some((key, value))
    }

    /// Number of entry slots (for iterating by position while checking for changes).
    pub(crate) fn slot_count(&self) -> usize {
        self.entries.len()
    }

    /// The pair in a slot, if the slot is live.
    pub(crate) fn slot(&self, i: usize) -> Option<(&Value, &Value)> {
        self.entries
            .get(i)
            .and_then(|e| e.as_ref())
            .map(|(k, v, _)| (k, v))
    }

    /// The pair in a live slot, with its key's hash.
    pub(crate) fn entry(&self, i: usize) -> Option<(&Value, &Value, u64)> {
        self.entries
            .get(i)
            .and_then(|e| e.as_ref())
            .map(|(k, v, h)| (k, v, *h))
    }

    /// The slot of the oldest live pair.
    pub(crate) fn first_live(&self) -> Option<usize> {
        self.entries.iter().position(|e| e.is_some())
    }

    /// The slots whose key has hash `h`, with their keys (what a lookup compares).
    pub(crate) fn candidates(&self, h: u64) -> Vec<(usize, Value)> {
        self.index
            .get(&h)
            .map(|slots| {
                slots
                    .iter()
                    .filter_map(|&i| self.entries[i].as_ref().map(|(k, _, _)| (i, k.clone())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Replaces the value in a live slot.
    pub(crate) fn set_slot(&mut self, i: usize, value: Value) {
        if let Some(Some(entry)) = self.entries.get_mut(i) {
            entry.1 = value;
        }
    }

    /// Takes every pair out (used to drop deep structures without deep recursion).
    pub(crate) fn take_all(&mut self) -> Vec<(Value, Value)> {
        if let Some(t) = &mut self.table {
            t.clear();
        }
        self.index.clear();
        self.len = 0;
        std::mem::take(&mut self.entries)
            .into_iter()
            .flatten()
            .map(|(k, v, _)| (k, v))
            .collect()
    }

    /// The pairs in insertion order, each with its key's table hash.
    pub(crate) fn iter_hashed(&self) -> impl Iterator<Item = (&Value, &Value, u64)> {
        self.entries.iter().flatten().map(|(k, v, h)| (k, v, *h))
    }

    /// The pairs with their keys' table hashes (what CPython merges without hashing again).
    pub(crate) fn items_hashed(&self) -> Vec<(Value, Value, u64)> {
        self.iter_hashed()
            .map(|(k, v, h)| (k.clone(), v.clone(), h))
            .collect()
    }

    /// Moves the pair in a live slot to the end (`last`) or the front, keeping its hash.
    pub(crate) fn move_slot(&mut self, slot: usize, last: bool) {
        let Some(Some(moved)) = self.entries.get_mut(slot).map(Option::take) else {
            return;
        };
        let mut rest: Vec<(Value, Value, u64)> = std::mem::take(&mut self.entries)
            .into_iter()
            .flatten()
            .collect();
        if last {
            rest.push(moved);
        } else {
            rest.insert(0, moved);
        }
        self.index.clear();
        self.len = 0;
        for (k, v, h) in rest {
            self.push_hashed(k, v, h);
        }
    }

    /// The pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|(k, v, _)| (k, v))
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|(_, v)| v.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

impl<'a> IntoIterator for &'a Dict {
    type Item = (&'a Value, &'a Value);
    type IntoIter = Box<dyn Iterator<Item = (&'a Value, &'a Value)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl fmt::Debug for Dict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&repr(&Value::dict(self.clone())))
    }
}

pub(crate) const DICT_METHODS: &[&str] = &[
    "clear",
    "copy",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
    "fromkeys",
];

impl Exec<'_> {
    pub(crate) fn dict_update(
        &mut self,
        d: &Value,
        args: &[Value],
        kwargs: Kwargs,
    ) -> Result<(), PyError> {
        let Value::Dict(target) = d else {
            return Ok(());
        };
        arg_range("update", args, 0, 1)?;
        let with_keys = target.borrow().user_keys
            || args
                .first()
                .is_some_and(crate::python::eval::tables::involves_user_keys);
        if let Some(src) = args
            .first()
            .filter(|s| with_keys && !matches!(s, Value::Native(_)))
        {
            self.dict_update_arg(target, src)?;
        } else if let Some(src) = args.first() {
            let pairs: Vec<(Value, Value)> = match src {
                Value::Dict(other) => other.borrow().items(),
                Value::Native(obj) if obj.dict_storage().is_some() => {
                    obj.dict_storage().unwrap_or_default()
                }
                Value::Native(obj) if obj.has_method("keys") => {
                    let keys = obj.call_method("keys", Vec::new(), Vec::new())?;
                    let mut pairs = Vec::new();
                    for k in snapshot_iterable(&keys)? {
                        let v = obj.get_item(&k)?;
                        pairs.push((k, v));
                    }
                    pairs
                }
                other => {
                    let items = snapshot_iterable(other)?;
                    ops::dict_from_pairs(items)?.items()
                }
            };
            self.charge(pairs.len())?;
            let mut t = target.borrow_mut();
            for (k, v) in pairs {
                t.insert(k, v)?;
            }
        }
        for (k, v) in kwargs {
            self.table_insert(Table::Dict(target), Value::Str(k), v)?;
        }
        Ok(())
    }

    pub(crate) fn dict_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let Value::Dict(d) = receiver else {
            return Err(attribute_error(receiver, name));
        };
        if name == "update" {
            self.dict_update(receiver, &args, kwargs)?;
            return Ok(Value::None);
        }
        no_kwargs(&format!("dict.{name}"), &kwargs)?;
        let none_expected = |args: &[Value]| -> Result<(), PyError> {
            if args.is_empty() {
                Ok(())
            } else {
                Err(type_error(format!(
                    "dict.{name}() takes no arguments ({} given)",
                    args.len()
                )))
            }
        };
        Ok(match name {
            "get" => {
                arg_range("get", &args, 1, 2)?;
                let found = self.table_get(Table::Dict(d), &args[0])?;
                found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None))
            }
            "keys" | "values" | "items" => {
                none_expected(&args)?;
                let kind = match name {
                    "keys" => DictViewKind::Keys,
                    "values" => DictViewKind::Values,
                    _ => DictViewKind::Items,
                };
                Value::DictView(d.clone(), kind)
            }
            "pop" => {
                arg_range("pop", &args, 1, 2)?;
                let removed = self.table_remove(Table::Dict(d), &args[0])?;
                match removed {
                    Some(v) => v,
                    None => match args.get(1) {
                        Some(default) => default.clone(),
                        None => {
                            return Err(PyError::Exception(PyException::with_args(
                                "KeyError",
                                vec![args[0].clone()],
                            )))
                        }
                    },
                }
            }
            "popitem" => {
                none_expected(&args)?;
                let last = d.borrow_mut().pop_last();
                match last {
                    Some((k, v)) => Value::tuple(vec![k, v]),
                    None => {
                        return Err(PyError::Exception(PyException::with_args(
                            "KeyError",
                            vec![s("popitem(): dictionary is empty")],
                        )))
                    }
                }
            }
            "setdefault" => {
                arg_range("setdefault", &args, 1, 2)?;
                let default = args.get(1).cloned().unwrap_or(Value::None);
                self.table_setdefault(Table::Dict(d), args[0].clone(), default)?
            }
            "clear" => {
                none_expected(&args)?;
                let pairs = d.borrow_mut().take_all();
                for (k, v) in pairs {
                    crate::python::types::drop_deep(k);
                    crate::python::types::drop_deep(v);
                }
                Value::None
            }
            "copy" => {
                none_expected(&args)?;
                self.charge(d.borrow().len())?;
                Value::dict(d.borrow().clone())
            }
            _ => return Err(attribute_error(receiver, name)),
        })
    }
}
