//! Running coroutines: `await`, the coroutine methods (`send`, `close`, `throw`) and the
//! embedder's entry point. See `types::coroutine` for why a coroutine runs to its end the
//! first time it is driven.

use std::rc::Rc;

use crate::python::eval::{Exec, Flow, MAX_CALL_DEPTH};
use crate::python::types::coroutine::{as_coroutine, Body, Coroutine};
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{PyException, Value};
use crate::python::PyError;

impl Exec<'_> {
    /// `await v`.
    pub(crate) fn await_value(&mut self, v: &Value) -> Result<Value, PyError> {
        match as_coroutine(v) {
            Some(c) => self.run_coroutine(c),
            None => {
                if let Value::Instance(inst) = v {
                    if inst.class.lookup("__await__").is_some() {
                        return Err(PyError::Unsupported {
                            what: "awaiting an object with '__await__'".into(),
                            line: 0,
                        });
                    }
                }
                Err(type_error(format!(
                    "object {} can't be used in 'await' expression",
                    v.error_type_name()
                )))
            }
        }
    }

    /// `asyncio.run(v)` and the embedder's run: `v` must be a coroutine, and no loop may be
    /// running already.
    pub(crate) fn run_in_loop(&mut self, v: &Value) -> Result<Value, PyError> {
        if self.it.in_loop {
            return Err(exc(
                "RuntimeError",
                "asyncio.run() cannot be called from a running event loop",
            ));
        }
        let Some(c) = as_coroutine(v) else {
            return Err(exc(
                "ValueError",
                format!(
                    "a coroutine was expected, got {}",
                    crate::python::text::repr::repr(v)
                ),
            ));
        };
        self.it.in_loop = true;
        let r = self.run_coroutine(c);
        self.it.in_loop = false;
        r
    }

    /// Runs a coroutine's body to its end and gives its result.
    pub(crate) fn run_coroutine(&mut self, c: &Coroutine) -> Result<Value, PyError> {
        if self.it.depth >= MAX_CALL_DEPTH {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.check_stack()?;
        let body = c.start()?;
        let saved_line = self.it.line;
        self.it.depth += 1;
        crate::python::eval::budget::set_frames(self.it.depth);
        let r = match body {
            Body::Frame(mut frame) => match frame.def.clone() {
                Some(def) => self
                    .exec_block(&mut frame, &def.body)
                    .map(|flow| match flow {
                        Flow::Return(v) => v,
                        _ => Value::None,
                    }),
                None => Ok(Value::None),
            },
            Body::Native(f) => f(self),
        };
        self.it.depth -= 1;
        crate::python::eval::budget::set_frames(self.it.depth);
        self.it.line = saved_line;
        c.finish();
        r
    }

    /// `c.send(v)`, `c.close()`, `c.throw(...)` on a coroutine.
    pub(crate) fn coroutine_method(
        &mut self,
        c: &Coroutine,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        if !kwargs.is_empty() {
            return Err(type_error(format!(
                "coroutine.{name}() takes no keyword arguments"
            )));
        }
        match name {
            "send" => {
                if args.len() != 1 {
                    return Err(type_error(format!(
                        "coroutine.send() takes exactly one argument ({} given)",
                        args.len()
                    )));
                }
                let started = matches!(
                    *c.state.borrow(),
                    crate::python::types::coroutine::State::Created(_)
                );
                if started && !args[0].is_none() {
                    return Err(type_error(
                        "can't send non-None value to a just-started coroutine",
                    ));
                }
                let v = self.run_coroutine(c)?;
                let args = if v.is_none() { Vec::new() } else { vec![v] };
                Err(PyError::Exception(PyException::with_args(
                    "StopIteration",
                    args,
                )))
            }
            "close" => {
                if !args.is_empty() {
                    return Err(type_error(format!(
                        "coroutine.close() takes no arguments ({} given)",
                        args.len()
                    )));
                }
                c.close()?;
                Ok(Value::None)
            }
            _ => Err(PyError::Unsupported {
                what: format!("the coroutine method '{name}'"),
                line: 0,
            }),
        }
    }
}
