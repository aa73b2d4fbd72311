//! The evaluator (being built: every entry point refuses for now).

use super::ast::Module;
use super::value::{DateTime, Value};
use super::{PyError, Tracer};

fn not_ready() -> PyError {
    PyError::Unsupported {
        what: "running code (the interpreter is not finished yet)".into(),
        line: 1,
    }
}

/// Parses a module.
pub fn parse_module(source: &str) -> Result<Module, PyError> {
    let _ = source;
    Err(not_ready())
}

/// Whether `source` is a complete statement (no open block or bracket).
pub fn is_complete(source: &str) -> bool {
    let _ = source;
    true
}

/// Runs parsed modules and calls their functions.
pub struct Interpreter {
    step_limit: u64,
    console: String,
}

impl Interpreter {
    pub fn new(step_limit: u64) -> Self {
        Interpreter {
            step_limit,
            console: String::new(),
        }
    }
    pub fn register_module(&mut self, dotted: &str, members: Vec<(&str, Value)>) {
        let _ = (dotted, members, self.step_limit);
    }
    pub fn register_exception(&mut self, name: &str, parent: &str) {
        let _ = (name, parent);
    }
    pub fn set_now(&mut self, now: DateTime) {
        let _ = now;
    }
    pub fn load(&mut self, module: &Module) -> Result<(), PyError> {
        let _ = module;
        Err(not_ready())
    }
    pub fn call(
        &mut self,
        function: &str,
        args: Vec<Value>,
        tracer: &mut dyn Tracer,
    ) -> Result<Value, PyError> {
        let _ = (function, args, tracer);
        Err(not_ready())
    }
    pub fn has_function(&self, name: &str) -> bool {
        let _ = name;
        false
    }
    pub fn exec_interactive(
        &mut self,
        source: &str,
        tracer: &mut dyn Tracer,
    ) -> Result<Option<Value>, PyError> {
        let _ = (source, tracer);
        Err(not_ready())
    }
    pub fn set_interactive_var(&mut self, name: &str, value: Value) {
        let _ = (name, value);
    }
    pub fn take_console(&mut self) -> String {
        std::mem::take(&mut self.console)
    }
}
