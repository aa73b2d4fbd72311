//! Running iterations over values (`for`, comprehensions, `list(x)`), with Python's checks
//! for containers changed while iterated.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::types::ops::{self, exc, type_error, MAX_ITEMS};
use crate::python::types::{Dict, DictViewKind, PyIter, Set, Value};
use crate::python::PyError;

/// A running iteration over a value, with Python's checks for containers changed while
/// they are iterated.
pub(crate) enum ValueIter {
    List(Rc<RefCell<Vec<Value>>>, usize),
    Tuple(Rc<[Value]>, usize),
    Chars(Rc<str>, usize),
    Bytes(Rc<[u8]>, usize),
    Range {
        next: i64,
        remaining: usize,
        step: i64,
    },
    Dict {
        dict: Rc<RefCell<Dict>>,
        slot: usize,
        len: usize,
        kind: DictViewKind,
    },
    Set {
        set: Rc<RefCell<Set>>,
        items: std::vec::IntoIter<Value>,
        len: usize,
    },
    Values(std::vec::IntoIter<Value>),
    Iter(Rc<PyIter>),
    /// A generator or a lazy built-in iterator: its items come from running it
    /// (`Exec::next_item`).
    Gen(Rc<dyn crate::python::types::NativeObject>),
}

impl ValueIter {
    pub(crate) fn next_value(&mut self) -> Result<Option<Value>, PyError> {
        Ok(match self {
            ValueIter::List(l, i) => {
                let v = l.borrow().get(*i).cloned();
                *i += 1;
                v
            }
            ValueIter::Tuple(t, i) => {
                let v = t.get(*i).cloned();
                *i += 1;
                v
            }
            ValueIter::Chars(s, pos) => {
                let c = s[*pos..].chars().next();
                c.map(|c| {
                    *pos += c.len_utf8();
                    Value::str(c.encode_utf8(&mut [0u8; 4]))
                })
            }
            ValueIter::Bytes(b, i) => {
                let v = b.get(*i).map(|&x| Value::int(x as i64));
                *i += 1;
                v
            }
            ValueIter::Range {
                next,
                remaining,
                step,
            } => {
                if *remaining == 0 {
                    None
                } else {
                    let v = *next;
                    *remaining -= 1;
                    *next = next.wrapping_add(*step);
                    Some(Value::int(v))
                }
            }
            ValueIter::Dict {
                dict,
                slot,
                len,
                kind,
            } => {
                let d = dict.borrow();
                if d.len() != *len {
                    return Err(exc(
                        "RuntimeError",
                        "dictionary changed size during iteration",
                    ));
                }
                loop {
                    if *slot >= d.slot_count() {
                        break None;
                    }
                    let here = d.slot(*slot);
                    *slot += 1;
                    if let Some((k, v)) = here {
                        break Some(match kind {
                            DictViewKind::Keys => k.clone(),
                            DictViewKind::Values => v.clone(),
                            DictViewKind::Items => Value::tuple(vec![k.clone(), v.clone()]),
                        });
                    }
                }
            }
            ValueIter::Set { set, items, len } => {
                if set.borrow().len() != *len {
                    return Err(exc("RuntimeError", "Set changed size during iteration"));
                }
                items.next()
            }
            ValueIter::Values(it) => it.next(),
            ValueIter::Iter(it) => it.try_next()?,
            ValueIter::Gen(_) => return Err(generator_here()),
        })
    }
}

/// What a generator meets where the simulator cannot run it (code without the interpreter
/// at hand: operators, a few methods).
pub(crate) fn generator_here() -> PyError {
    PyError::Unsupported {
        what: "a generator used here (make a list of it first: list(g))".into(),
        line: 0,
    }
}

pub(crate) fn not_iterable(v: &Value) -> PyError {
    type_error(format!("'{}' object is not iterable", v.error_type_name()))
}

/// Whether a native object is an iterator the evaluator drives (a generator, a lazy
/// `map`/`filter`/`zip`/`enumerate`).
pub(crate) fn is_driven(obj: &dyn crate::python::types::NativeObject) -> bool {
    let any = obj.as_any();
    any.is::<crate::python::types::generator::Generator>()
        || any.is::<crate::python::types::lazy::Lazy>()
        || crate::python::stdlib::is_driven(any)
}

/// Starts iterating over a value.
pub(crate) fn make_iter(v: &Value) -> Result<ValueIter, PyError> {
    Ok(match v {
        Value::List(l) => ValueIter::List(l.clone(), 0),
        Value::Tuple(t) => ValueIter::Tuple(t.clone(), 0),
        Value::Str(s) => ValueIter::Chars(s.clone(), 0),
        Value::Bytes(b) => ValueIter::Bytes(b.clone(), 0),
        Value::Range(r) => match r.small() {
            Some((start, _, step)) => ValueIter::Range {
                next: start,
                remaining: r.len(),
                step,
            },
            None => ValueIter::Iter(Rc::new(crate::python::types::PyIter::from_range(r))),
        },
        Value::Dict(d) => ValueIter::Dict {
            dict: d.clone(),
            slot: 0,
            len: d.borrow().len(),
            kind: DictViewKind::Keys,
        },
        Value::DictView(d, kind) => ValueIter::Dict {
            dict: d.clone(),
            slot: 0,
            len: d.borrow().len(),
            kind: *kind,
        },
        Value::Set(s) => {
            let items = s.borrow().values();
            ValueIter::Set {
                set: s.clone(),
                len: items.len(),
                items: items.into_iter(),
            }
        }
        Value::Iterator(it) => ValueIter::Iter(it.clone()),
        Value::Native(obj) if is_driven(&**obj) => ValueIter::Gen(obj.clone()),
        Value::Native(obj) => ValueIter::Values(obj.iter()?.into_iter()),
        // A subclass of tuple (a namedtuple) iterates the tuple it carries, unless its class
        // has an `__iter__` (which the evaluator calls).
        Value::Instance(i) if i.value.is_some() && i.class.lookup("__iter__").is_none() => {
            match &i.value {
                Some(b) => return make_iter(b),
                None => return Err(not_iterable(v)),
            }
        }
        other => return Err(not_iterable(other)),
    })
}

/// Every item of an iterable, at once (with the simulator's size limit).
pub(crate) fn snapshot_iterable(v: &Value) -> Result<Vec<Value>, PyError> {
    match v {
        Value::List(l) => return Ok(l.borrow().clone()),
        Value::Tuple(t) => return Ok(t.to_vec()),
        Value::Range(r) if r.len() > MAX_ITEMS => return Err(ops::too_many_items(r.len() as u128)),
        _ => {}
    }
    let mut it = make_iter(v)?;
    let mut out = Vec::new();
    while let Some(x) = it.next_value()? {
        if out.len() >= MAX_ITEMS {
            return Err(ops::too_many_items(out.len() as u128 + 1));
        }
        out.push(x);
    }
    Ok(out)
}
