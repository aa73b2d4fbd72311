//! `range` and iterator values.

use std::cell::RefCell;
use std::hash::Hash;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::python::types::{Dict, DictViewKind, Value};
use crate::python::PyError;

/// `range(start, stop, step)` with `step != 0`, with bounds of any size (as CPython's,
/// which holds Python ints). [`Range::small`] gives the machine-word view the loops use.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Range {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
}

/// The number of items of a range whose bounds fit in 64 bits.
fn small_len(start: i64, stop: i64, step: i64) -> u128 {
    let (lo, hi, step) = if step > 0 {
        (start as i128, stop as i128, step as i128)
    } else {
        (stop as i128, start as i128, -(step as i128))
    };
    if hi <= lo {
        0
    } else {
        ((hi - lo - 1) / step + 1) as u128
    }
}

impl Range {
    pub fn new(start: BigInt, stop: BigInt, step: BigInt) -> Self {
        Range { start, stop, step }
    }

    /// `range(start, stop, step)` of machine ints.
    pub fn of(start: i64, stop: i64, step: i64) -> Self {
        Range::new(start.into(), stop.into(), step.into())
    }

    /// The bounds when all three fit in 64 bits.
    #[inline]
    pub fn small(&self) -> Option<(i64, i64, i64)> {
        Some((
            self.start.to_i64()?,
            self.stop.to_i64()?,
            self.step.to_i64()?,
        ))
    }

    /// The number of items, of any size.
    pub fn length(&self) -> BigInt {
        if let Some((a, b, c)) = self.small() {
            return BigInt::from(small_len(a, b, c));
        }
        let (lo, hi, step) = if self.step.is_positive() {
            (&self.start, &self.stop, self.step.clone())
        } else {
            (&self.stop, &self.start, -&self.step)
        };
        if hi <= lo {
            BigInt::zero()
        } else {
            (hi - lo - 1u8) / step + 1u8
        }
    }

    /// The number of items, saturated at `usize::MAX` (for size checks; `len()` of a
    /// range past `isize::MAX` is an OverflowError, see `builtins::len_of`).
    pub fn len(&self) -> usize {
        match self.small() {
            Some((a, b, c)) => small_len(a, b, c).min(usize::MAX as u128) as usize,
            None => self.length().to_usize().unwrap_or(usize::MAX),
        }
    }

    pub fn is_empty(&self) -> bool {
        if self.step.is_positive() {
            self.start >= self.stop
        } else {
            self.start <= self.stop
        }
    }

    /// The `i`-th element (`0 <= i < len`).
    pub fn get(&self, i: &BigInt) -> BigInt {
        &self.start + i * &self.step
    }

    /// Whether the int `n` is one of the items (computed, never by iterating).
    pub fn contains_int(&self, n: &BigInt) -> bool {
        let inside = if self.step.is_positive() {
            *n >= self.start && *n < self.stop
        } else {
            *n <= self.start && *n > self.stop
        };
        inside && ((n - &self.start) % &self.step).is_zero()
    }

    /// CPython's name for the iterator of this range: `range_iterator` when the bounds,
    /// the length and the last step fit in a C long, `longrange_iterator` otherwise.
    fn iter_kind(&self) -> &'static str {
        let fast = self.small().is_some_and(|(start, stop, step)| {
            let n = small_len(start, stop, step);
            n <= i64::MAX as u128
                && (n == 0
                    || if step > 0 {
                        stop <= i64::MAX - (step - 1)
                    } else {
                        stop >= i64::MIN + (-1 - step)
                    })
        });
        if fast {
            "range_iterator"
        } else {
            "longrange_iterator"
        }
    }

    /// The same for `reversed()` of this range.
    fn reversed_kind(&self) -> &'static str {
        let fast = self.small().is_some_and(|(start, stop, step)| {
            step != i64::MIN
                && if step > 0 {
                    (start as i128) - (step as i128) >= i64::MIN as i128
                } else {
                    (start as i128) - (step as i128) <= i64::MAX as i128
                }
                && small_len(start, stop, step) <= i64::MAX as u128
        });
        if fast {
            "range_iterator"
        } else {
            "longrange_iterator"
        }
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
    /// A range with items past 64 bits.
    BigRange {
        next: BigInt,
        remaining: BigInt,
        step: BigInt,
    },
}

impl PyIter {
    pub fn from_values(kind: &'static str, items: Vec<Value>) -> Self {
        PyIter {
            kind,
            state: RefCell::new(IterState::Items(items.into_iter())),
        }
    }

    pub fn from_range(r: &Range) -> Self {
        let kind = r.iter_kind();
        let state = match r.small() {
            Some((start, _, step)) => IterState::Range {
                next: start,
                remaining: r.len(),
                step,
            },
            None => IterState::BigRange {
                next: r.start.clone(),
                remaining: r.length(),
                step: r.step.clone(),
            },
        };
        PyIter {
            kind,
            state: RefCell::new(state),
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
    pub fn reversed_range(r: &Range) -> Self {
        let kind = r.reversed_kind();
        let n = r.length();
        let last = if n.is_zero() {
            r.start.clone()
        } else {
            r.get(&(&n - 1u8))
        };
        let state = match (r.small(), last.to_i64(), n.to_usize()) {
            (Some((_, _, step)), Some(last), Some(n)) if step != i64::MIN => IterState::Range {
                next: last,
                remaining: n,
                step: -step,
            },
            _ => IterState::BigRange {
                next: last,
                remaining: n,
                step: -&r.step,
            },
        };
        PyIter {
            kind,
            state: RefCell::new(state),
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
            IterState::BigRange {
                next,
                remaining,
                step,
            } => {
                if !remaining.is_positive() {
                    return None;
                }
                let v = next.clone();
                *remaining -= 1u8;
                *next += &*step;
                Some(Value::Int(v))
            }
        }
    }
}
