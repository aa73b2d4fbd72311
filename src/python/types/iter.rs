//! `range` and iterator values.

use std::cell::RefCell;
use std::hash::Hash;
use std::rc::Rc;

use crate::python::types::{Dict, DictViewKind, Value};
use crate::python::PyError;

/// `range(start, stop, step)` with `step != 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> usize {
        let (lo, hi, step) = if self.step > 0 {
            (self.start as i128, self.stop as i128, self.step as i128)
        } else {
            (self.stop as i128, self.start as i128, -(self.step as i128))
        };
        if hi <= lo {
            0
        } else {
            ((hi - lo + step - 1) / step).min(usize::MAX as i128) as usize
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th element (`i < len`).
    pub fn get(&self, i: usize) -> i64 {
        (self.start as i128 + i as i128 * self.step as i128) as i64
    }
}

/// The state of an iterator value.
pub struct PyIter {
    /// Python's type name: `list_iterator`, `enumerate`, `zip`, …
    pub kind: &'static str,
    pub(crate) state: RefCell<IterState>,
}

pub(crate) enum IterState {
    Items(std::vec::IntoIter<Value>),
    /// `reversed(a_list)`: reads the list as it goes, from `index` down (as CPython's
    /// `list_reverseiterator`, which stops when the list has become shorter than `index`).
    ReversedList {
        list: Rc<RefCell<Vec<Value>>>,
        index: Option<usize>,
    },
    Range {
        next: i64,
        remaining: usize,
        step: i64,
    },
    /// `reversed(a_tuple)`: the first `left` items, last first.
    ReversedTuple {
        items: Rc<[Value]>,
        left: usize,
    },
    /// `reversed(a_str)`: the characters before byte `end`, last first.
    ReversedStr {
        s: Rc<str>,
        end: usize,
    },
    /// `reversed(a_dict)` (or of a view): the slots below `slot`, while the dict holds `len`
    /// items (CPython's `dict_reverse*iterator`); `None` once exhausted.
    ReversedDict {
        dict: Option<Rc<RefCell<Dict>>>,
        slot: usize,
        len: usize,
        kind: DictViewKind,
    },
}

impl PyIter {
    pub fn from_values(kind: &'static str, items: Vec<Value>) -> Self {
        PyIter {
            kind,
            state: RefCell::new(IterState::Items(items.into_iter())),
        }
    }

    pub fn from_range(r: Range) -> Self {
        PyIter {
            kind: "range_iterator",
            state: RefCell::new(IterState::Range {
                next: r.start,
                remaining: r.len(),
                step: r.step,
            }),
        }
    }

    /// `reversed(list)`: lazy, as in CPython.
    pub fn reversed_list(list: Rc<RefCell<Vec<Value>>>) -> Self {
        let index = list.borrow().len().checked_sub(1);
        PyIter {
            kind: "list_reverseiterator",
            state: RefCell::new(IterState::ReversedList { list, index }),
        }
    }

    /// `reversed(range(...))`: a range iterator running backwards.
    pub fn reversed_range(r: Range) -> Self {
        let n = r.len();
        PyIter {
            kind: "range_iterator",
            state: RefCell::new(IterState::Range {
                next: if n == 0 { r.start } else { r.get(n - 1) },
                remaining: n,
                step: r.step.wrapping_neg(),
            }),
        }
    }

    /// `reversed(tuple)`: lazy, as in CPython (`reversed`).
    pub fn reversed_tuple(items: Rc<[Value]>) -> Self {
        let left = items.len();
        PyIter {
            kind: "reversed",
            state: RefCell::new(IterState::ReversedTuple { items, left }),
        }
    }

    /// `reversed(str)`: lazy, as in CPython (`reversed`).
    pub fn reversed_str(s: Rc<str>) -> Self {
        let end = s.len();
        PyIter {
            kind: "reversed",
            state: RefCell::new(IterState::ReversedStr { s, end }),
        }
    }

    /// `reversed(dict)` and of its views: lazy, failing when the dict changes size.
    pub fn reversed_dict(dict: Rc<RefCell<Dict>>, kind: DictViewKind) -> Self {
        let (slot, len) = {
            let d = dict.borrow();
            (d.slot_count(), d.len())
        };
        PyIter {
            kind: match kind {
                DictViewKind::Keys => "dict_reversekeyiterator",
                DictViewKind::Values => "dict_reversevalueiterator",
                DictViewKind::Items => "dict_reverseitemiterator",
            },
            state: RefCell::new(IterState::ReversedDict {
                dict: Some(dict),
                slot,
                len,
                kind,
            }),
        }
    }

    /// The next item, or `None` when exhausted; the errors are Python's (a dict that
    /// changed size under its reversed iterator).
    pub fn try_next(&self) -> Result<Option<Value>, PyError> {
        {
            let mut state = self.state.borrow_mut();
            if let IterState::ReversedDict {
                dict,
                slot,
                len,
                kind,
            } = &mut *state
            {
                let Some(d) = dict.clone() else {
                    return Ok(None);
                };
                let d = d.borrow();
                if d.len() != *len {
                    // Sticky, as CPython's.
                    *len = usize::MAX;
                    return Err(crate::python::types::ops::exc(
                        "RuntimeError",
                        "dictionary changed size during iteration",
                    ));
                }
                while *slot > 0 {
                    *slot -= 1;
                    if let Some((k, v)) = d.slot(*slot) {
                        return Ok(Some(match kind {
                            DictViewKind::Keys => k.clone(),
                            DictViewKind::Values => v.clone(),
                            DictViewKind::Items => Value::tuple(vec![k.clone(), v.clone()]),
                        }));
                    }
                }
                drop(d);
                *dict = None;
                return Ok(None);
            }
        }
        Ok(self.next_value())
    }

    /// The next item, or `None` when exhausted (or when [`PyIter::try_next`] would fail).
    pub fn next_value(&self) -> Option<Value> {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            IterState::ReversedDict { .. } => {
                drop(state);
                self.try_next().ok().flatten()
            }
            IterState::ReversedTuple { items, left } => {
                if *left == 0 {
                    return None;
                }
                *left -= 1;
                items.get(*left).cloned()
            }
            IterState::ReversedStr { s, end } => {
                let c = s[..*end].chars().next_back()?;
                *end -= c.len_utf8();
                Some(Value::str(c.encode_utf8(&mut [0u8; 4])))
            }
            IterState::Items(it) => it.next(),
            IterState::ReversedList { list, index } => {
                let i = (*index)?;
                let item = list.borrow().get(i).cloned();
                match item {
                    Some(v) => {
                        *index = i.checked_sub(1);
                        Some(v)
                    }
                    None => {
                        *index = None;
                        None
                    }
                }
            }
            IterState::Range {
                next,
                remaining,
                step,
            } => {
                if *remaining == 0 {
                    return None;
                }
                let v = *next;
                *remaining -= 1;
                *next = next.wrapping_add(*step);
                Some(Value::int(v))
            }
        }
    }
}
