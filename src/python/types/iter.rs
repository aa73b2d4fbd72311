//! `range` and iterator values.

use std::cell::RefCell;
use std::hash::Hash;
use std::rc::Rc;

use crate::python::types::Value;

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

    /// The next item, or `None` when exhausted.
    pub fn next_value(&self) -> Option<Value> {
        let mut state = self.state.borrow_mut();
        match &mut *state {
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
