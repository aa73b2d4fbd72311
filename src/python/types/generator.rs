//! Generator objects: what calling a function with `yield` (or evaluating a generator
//! expression) makes. The body runs in steps, up to each `yield`, as the generator is
//! iterated; `eval::gen` holds the resumable execution, this file the object.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::gen::Level;
use crate::python::eval::Frame;
use crate::python::types::{NativeObject, Value};
use crate::python::PyException;

/// A suspended generator: its frame and where each block it is inside stopped.
pub(crate) struct Suspended {
    pub(crate) frame: Frame,
    pub(crate) levels: Vec<Level>,
    /// Whether it has run at all (a just-started generator only accepts `send(None)`).
    pub(crate) started: bool,
}

pub(crate) enum GenState {
    Suspended(Box<Suspended>),
    Running,
    Done,
}

/// A generator object (`type(g).__name__ == 'generator'`).
pub struct Generator {
    pub(crate) qualname: Rc<str>,
    pub(crate) state: RefCell<GenState>,
}

impl Generator {
    pub(crate) fn new(qualname: Rc<str>, frame: Frame) -> Self {
        Generator {
            qualname,
            state: RefCell::new(GenState::Suspended(Box::new(Suspended {
                frame,
                levels: Vec::new(),
                started: false,
            }))),
        }
    }
}

impl NativeObject for Generator {
    fn type_name(&self) -> &str {
        "generator"
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "send" | "close" | "throw" | "__next__" | "__iter__")
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "__qualname__" => Ok(Value::Str(self.qualname.clone())),
            "__name__" => Ok(Value::str(
                self.qualname.rsplit('.').next().unwrap_or(&self.qualname),
            )),
            "gi_running" => Ok(Value::Bool(matches!(
                *self.state.borrow(),
                GenState::Running
            ))),
            _ => Err(PyException::attribute_error("generator", name)),
        }
    }

    fn repr(&self) -> String {
        let addr = self as *const Self as *const () as usize;
        format!("<generator object {} at {:#x}>", self.qualname, addr)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
