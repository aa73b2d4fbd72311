//! Coroutine objects: what calling an `async def` (or a native async function) makes.
//!
//! The simulator runs one task at a time, and nothing a view awaits ever has to wait (the
//! session store answers at once; `asyncio.sleep(0)` only hands the turn to other tasks, and
//! there are none). So a coroutine runs its body from start to end the first time it is
//! awaited, sent `None`, or run by the embedder ([`crate::python::Interpreter::run_coroutine`]):
//! for a single task that is exactly what CPython's event loop shows. What would need a
//! second task to interleave with (`asyncio.gather`, `create_task`) is refused.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::{Exec, Frame};
use crate::python::types::{NativeObject, Value};
use crate::python::{PyError, PyException};

/// A native coroutine body: runs once, with the interpreter at hand.
pub(crate) type NativeBody = Box<dyn FnOnce(&mut Exec<'_>) -> Result<Value, PyError>>;

/// What a coroutine runs when it is first awaited.
pub(crate) enum Body {
    /// An `async def` called with its arguments already bound (as CPython binds them at
    /// the call, so a wrong call fails there, not at the `await`).
    Frame(Box<Frame>),
    /// A body written in Rust.
    Native(NativeBody),
}

pub(crate) enum State {
    Created(Body),
    Running,
    /// Finished, or closed before it started.
    Done,
}

/// A coroutine object (`type(c).__name__ == 'coroutine'`).
pub struct Coroutine {
    /// `__qualname__` of the function that made it (`f`, `Store.aget`).
    pub(crate) qualname: Rc<str>,
    pub(crate) state: RefCell<State>,
}

impl Coroutine {
    pub(crate) fn new(qualname: Rc<str>, body: Body) -> Self {
        Coroutine {
            qualname,
            state: RefCell::new(State::Created(body)),
        }
    }

    /// Takes the body to run, or the error CPython raises for a coroutine that already ran
    /// or is running.
    pub(crate) fn start(&self) -> Result<Body, PyError> {
        let mut state = self.state.borrow_mut();
        match std::mem::replace(&mut *state, State::Running) {
            State::Created(body) => Ok(body),
            State::Running => Err(PyError::Exception(PyException::new(
                "ValueError",
                "coroutine already executing",
            ))),
            State::Done => {
                *state = State::Done;
                Err(PyError::Exception(PyException::new(
                    "RuntimeError",
                    "cannot reuse already awaited coroutine",
                )))
            }
        }
    }

    pub(crate) fn finish(&self) {
        *self.state.borrow_mut() = State::Done;
    }

    /// `c.close()`: a coroutine that has not started never will.
    pub(crate) fn close(&self) -> Result<(), PyError> {
        let mut state = self.state.borrow_mut();
        if matches!(*state, State::Running) {
            return Err(PyError::Exception(PyException::new(
                "ValueError",
                "coroutine already executing",
            )));
        }
        let old = std::mem::replace(&mut *state, State::Done);
        drop(state);
        drop(old);
        Ok(())
    }
}

impl NativeObject for Coroutine {
    fn type_name(&self) -> &str {
        "coroutine"
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "send" | "close" | "throw")
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "__qualname__" | "__name__" => {
                let short = self.qualname.rsplit('.').next().unwrap_or(&self.qualname);
                Ok(Value::str(if name == "__name__" {
                    short
                } else {
                    &self.qualname
                }))
            }
            "cr_running" => Ok(Value::Bool(matches!(*self.state.borrow(), State::Running))),
            _ => Err(PyException::attribute_error("coroutine", name)),
        }
    }

    fn repr(&self) -> String {
        let addr = self as *const Self as *const () as usize;
        format!("<coroutine object {} at {:#x}>", self.qualname, addr)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The coroutine inside a value, if it is one.
pub(crate) fn as_coroutine(v: &Value) -> Option<&Coroutine> {
    match v {
        Value::Native(obj) => obj.as_any().downcast_ref::<Coroutine>(),
        _ => None,
    }
}

/// A coroutine whose body is written in Rust, for the embedder's async methods: validate
/// the arguments when the method is called, return this, and the body runs when the
/// coroutine is awaited.
pub fn native_coroutine(
    qualname: &str,
    body: impl FnOnce() -> Result<Value, PyException> + 'static,
) -> Value {
    Value::Native(Rc::new(Coroutine::new(
        Rc::from(qualname),
        Body::Native(Box::new(move |_| Ok(body()?))),
    )))
}

/// A coroutine whose Rust body needs the interpreter (the standard modules').
pub(crate) fn interpreter_coroutine(
    qualname: &str,
    body: impl FnOnce(&mut Exec<'_>) -> Result<Value, PyError> + 'static,
) -> Value {
    Value::Native(Rc::new(Coroutine::new(
        Rc::from(qualname),
        Body::Native(Box::new(body)),
    )))
}
