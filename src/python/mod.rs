//! An interpreter for the subset of Python that views in the course use.
//!
//! No real Python runs: the source is parsed and evaluated here, with a step limit, and
//! anything outside the subset is refused with the construct and its line
//! ([`PyError::Unsupported`]) rather than run wrongly.
//!
//! Each folder is the room where one kind of decision is made:
//!
//! - [`syntax`]: source text to a tree ([`ast`]) where every node has its line; the lexer and
//!   the parser refuse what the simulator does not run.
//! - [`eval`]: the evaluator behind [`Interpreter`]: statements, expressions, calls and
//!   argument binding, attribute access, iteration, and the limits below.
//! - [`types`]: one file per type, holding the value, its operators and its methods (`str`,
//!   `list`, `dict`, `set`, `datetime`, `Decimal`, functions, classes, modules, native
//!   objects); [`Value`] itself and the cross-type operators (`types::ops`).
//!   [`NativeObject`] and [`NativeFunction`] let the embedder add objects written in Rust
//!   (`request`, `request.session`, `HttpResponse`).
//! - [`builtins`]: the built-in functions and calling the built-in classes (`int(x)`).
//! - [`stdlib`]: the standard modules a view imports, one file per module.
//! - [`text`]: `repr()` and `str()` character for character, format specs, `%`-formatting,
//!   `strftime`.
//! - [`exception`]: [`PyException`] and the built-in exception hierarchy.
//!
//! The old paths (`python::value`, `python::repr`, `python::ast`, `python::datetime`,
//! `python::decimal`) are kept as re-exports.
//!
//! One namespace holds both what [`Interpreter::load`] defines and what
//! [`Interpreter::exec_interactive`] binds, so a prelude loaded once is visible at the
//! prompt. Each `load`, `call` and `exec_interactive` gets a fresh step budget.
//!
//! Coroutines: calling an `async def` returns a coroutine object; `await` runs it. The
//! embedder runs the coroutine an async view returned with [`Interpreter::run_coroutine`]
//! (as Django's handler awaits it), checks views with [`Value::is_coroutine_function`], and
//! writes async functions and methods in Rust with [`Value::async_native_function`] /
//! [`NativeFunction::new_async`] or, for a method of a [`NativeObject`], by returning
//! [`native_coroutine`] from `call_method`. One task runs at a time and nothing awaited ever
//! waits, so a coroutine runs from start to end when first awaited (`types::coroutine`).
//!
//! Limits, all reported as errors and never as a crash: the step limit (one step per
//! statement, loop iteration and comprehension item, plus one per 16 items or 512 bytes of
//! bulk work such as `sum()`, `sorted()` or string building); user-function recursion deeper than
//! [`MAX_CALL_DEPTH`] (or than the native stack budget, which unoptimized builds reach
//! first) is a `RecursionError`; ints beyond 2**18 bits, containers beyond a million items
//! and strings beyond ten million characters are refused as unsupported; expressions nested
//! more than 200 levels and blocks more than 100 are refused when parsing.

pub mod builtins;
pub mod eval;
pub mod exception;
pub mod stdlib;
pub mod syntax;
pub mod text;
pub mod types;

// The paths other code has used, kept stable.
pub use syntax::ast;
pub use text::repr;
pub use types as value;
pub use types::{datetime, decimal};

pub use eval::{Interpreter, LibraryIndex, LibraryModule, MAX_CALL_DEPTH};
pub use syntax::{is_complete, parse_module};

use std::fmt;

pub use exception::PyException;
pub use syntax::ast::Module;
pub use text::repr::{repr, to_str};
pub use types::coroutine::{native_coroutine, Coroutine};
pub use types::{
    BuiltinType, Date, DateTime, Decimal, Dict, DictViewKind, NativeClass, NativeFunction,
    NativeObject, PyType, Set, Time, TimeDelta, Tz, Value,
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
    /// Another limit of the run's budget was reached (`what`: "more than 128 MB of
    /// memory"); see [`eval::budget`].
    Limit { what: String, line: u32 },
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
            PyError::Limit { what, line } => {
                write!(f, "stopped: this code used {what} (line {line})")
            }
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

    /// Whether the next [`Tracer::on_line`] looks at the locals. When it does not (a tracer
    /// that keeps nothing, or one that is full), it is called with none, and the evaluator
    /// saves gathering them.
    fn wants_locals(&self) -> bool {
        true
    }
}

/// A tracer that ignores everything.
pub struct NoTracer;

impl Tracer for NoTracer {
    fn on_line(&mut self, _: u32, _: &[(std::rc::Rc<str>, Value)], _: &str) {}

    fn wants_locals(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests;
