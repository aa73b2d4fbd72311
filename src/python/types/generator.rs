//! Generator objects: what calling a function with `yield` (or evaluating a generator
//! expression) makes. The body runs in steps, up to each `yield`, as the generator is
//! iterated; `eval::gen` holds the resumable execution, this file the object.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
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

thread_local! {
    /// Generators freed while suspended inside a `try` or `with`: CPython closes them when
    /// their last reference goes, so their `finally` blocks and `__exit__`s run then. The
    /// evaluator runs them at its next statement or right after the call that freed them
    /// (`eval::gen::Exec::finalize_generators`).
    static FREED: RefCell<VecDeque<Box<Suspended>>> = const { RefCell::new(VecDeque::new()) };
    /// Whether `FREED` holds any (read on every statement).
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Whether freed generators wait for their cleanup.
#[inline]
pub(crate) fn finalizers_pending() -> bool {
    PENDING.with(|p| p.get())
}

/// The next freed generator to close.
pub(crate) fn next_freed() -> Option<Box<Suspended>> {
    let next = FREED.with(|q| q.borrow_mut().pop_front());
    if next.is_none() {
        PENDING.with(|p| p.set(false));
    }
    next
}

/// Forgets the freed generators without running their cleanup (a run that stops).
pub(crate) fn discard_freed() {
    let all = FREED.with(|q| std::mem::take(&mut *q.borrow_mut()));
    PENDING.with(|p| p.set(false));
    drop(all);
}

impl Drop for Generator {
    fn drop(&mut self) {
        let state = std::mem::replace(self.state.get_mut(), GenState::Done);
        if let GenState::Suspended(sus) = state {
            if sus.started && crate::python::eval::gen::needs_cleanup(&sus.levels) {
                let _ = FREED.try_with(|q| q.borrow_mut().push_back(sus));
                let _ = PENDING.try_with(|p| p.set(true));
            }
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
