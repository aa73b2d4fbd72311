//! The lazy iterators the built-ins make: `map`, `filter`, `zip`, `enumerate`. Each item is
//! computed when it is asked for (`eval::gen` drives them, since computing an item may call
//! back into Python), so a `map` over an endless generator, or a `filter` whose function
//! prints, behaves as in CPython.

use std::any::Any;
use std::cell::RefCell;

use num_bigint::BigInt;

use crate::python::eval::ValueIter;
use crate::python::types::{NativeObject, Value};

pub(crate) enum LazyState {
    Map {
        func: Value,
        iters: Vec<ValueIter>,
    },
    Filter {
        /// `None` keeps the truthy items.
        func: Value,
        iter: ValueIter,
    },
    Zip {
        iters: Vec<ValueIter>,
        strict: bool,
    },
    Enumerate {
        iter: ValueIter,
        next: BigInt,
    },
    /// Computing an item right now (its function is running).
    Running,
    Exhausted,
}

/// A `map`, `filter`, `zip` or `enumerate` object.
pub struct Lazy {
    pub(crate) kind: &'static str,
    pub(crate) state: RefCell<LazyState>,
}

impl Lazy {
    pub(crate) fn new(kind: &'static str, state: LazyState) -> Self {
        Lazy {
            kind,
            state: RefCell::new(state),
        }
    }
}

impl NativeObject for Lazy {
    fn type_name(&self) -> &str {
        self.kind
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "__next__" | "__iter__")
    }

    fn repr(&self) -> String {
        let addr = self as *const Self as *const () as usize;
        format!("<{} object at {:#x}>", self.kind, addr)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
