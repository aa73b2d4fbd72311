//! An interpreter for the subset of Python that views in the course use.
//!
//! No real Python runs: the source is parsed and evaluated here, with a step limit, and
//! anything outside the subset is refused with the construct and its line
//! ([`PyError::Unsupported`]) rather than run wrongly.
//!
//! - [`value`]: [`Value`] and the containers ([`Dict`], [`Set`]), with Python's equality,
//!   hashing and truth; [`NativeObject`] and [`NativeFunction`] let the embedder add objects
//!   written in Rust (`request`, `request.session`, `HttpResponse`).
//! - [`datetime`], [`decimal`]: `datetime`/`date`/`timedelta` and `Decimal` as plain data.
//! - [`exception`]: [`PyException`] and the built-in class hierarchy.
//! - [`mod@repr`]: Python's `repr()` and `str()`, character for character.
//! - `lexer`, `parser` → [`ast`]: source to a tree where every node has its line.
//! - `interp` (with `ops`, `builtins`, `methods`, `format`): the evaluator behind
//!   [`Interpreter`].
//!
//! One namespace holds both what [`Interpreter::load`] defines and what
//! [`Interpreter::exec_interactive`] binds, so a prelude loaded once is visible at the
//! prompt. Each `load`, `call` and `exec_interactive` gets a fresh step budget.
//!
//! Limits, all reported as errors and never as a crash: the step limit (one step per
//! statement, loop iteration and comprehension item, plus one per 16 items or 512 bytes of
//! bulk work such as `sum()`, `sorted()` or string building); user-function recursion deeper than
//! [`MAX_CALL_DEPTH`] (or than the native stack budget, which unoptimized builds reach
//! first) is a `RecursionError`; ints beyond 2**18 bits, containers beyond a million items
//! and strings beyond ten million characters are refused as unsupported; expressions nested
//! more than 200 levels and blocks more than 100 are refused when parsing.

pub mod ast;
mod builtins;
pub mod datetime;
pub mod decimal;
pub mod exception;
mod format;
mod interp;
mod lexer;
mod methods;
mod ops;
mod parser;
pub mod repr;
mod stack;
pub mod value;

pub use interp::{is_complete, parse_module, Interpreter, MAX_CALL_DEPTH};

use std::fmt;

pub use ast::Module;
pub use exception::PyException;
pub use repr::{repr, to_str};
pub use value::{
    BuiltinType, Date, DateTime, Decimal, Dict, DictViewKind, NativeFunction, NativeObject, PyType,
    Set, TimeDelta, Value,
};

/// Why running Python code stopped.
#[derive(Debug, Clone)]
pub enum PyError {
    /// A Python exception escaped.
    Exception(PyException),
    /// `SyntaxError` / `IndentationError`, with a Python-like message.
    Syntax {
        message: String,
        line: u32,
        column: u32,
    },
    /// The code uses something outside the subset the simulator runs.
    Unsupported { what: String, line: u32 },
    /// The step limit was reached.
    StepLimit { limit: u64, line: u32 },
}

impl fmt::Display for PyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PyError::Exception(e) => f.write_str(&e.display()),
            PyError::Syntax { message, .. } => f.write_str(message),
            PyError::Unsupported { what, line } => {
                write!(f, "not supported in the simulator: {what} (line {line})")
            }
            PyError::StepLimit { limit, line } => write!(
                f,
                "stopped after {limit} steps: the code seems to loop forever (line {line})"
            ),
        }
    }
}

impl std::error::Error for PyError {}

impl From<PyException> for PyError {
    fn from(e: PyException) -> Self {
        PyError::Exception(e)
    }
}

/// Watches a user function run, statement by statement.
pub trait Tracer {
    /// Called before each statement of a user function runs, with the function's bound
    /// locals in definition order and all `print()` output so far.
    fn on_line(&mut self, line: u32, locals: &[(std::rc::Rc<str>, Value)], console: &str);
}

/// A tracer that ignores everything.
pub struct NoTracer;

impl Tracer for NoTracer {
    fn on_line(&mut self, _: u32, _: &[(std::rc::Rc<str>, Value)], _: &str) {}
}

#[cfg(test)]
mod tests;
