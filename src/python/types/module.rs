//! Modules as values.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::types::Value;

/// A module: `datetime`, `decimal`, or one registered by the embedder.
pub struct PyModule {
    pub name: Rc<str>,
    pub members: RefCell<Vec<(Rc<str>, Value)>>,
}

impl PyModule {
    pub fn get(&self, name: &str) -> Option<Value> {
        self.members
            .borrow()
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v.clone())
    }
}
