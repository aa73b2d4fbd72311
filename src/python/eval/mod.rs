//! The evaluator: runs parsed modules and calls their functions, counting steps.
//!
//! [`Interpreter`] is the embedder's handle; an `Exec` is one run of it with its tracer.
//! Statements are in `stmt`, expressions in `expr`, calls and argument binding in `call`,
//! attribute access and the dispatch of method calls to each type in `attr`, and the running
//! iterations behind `for` and comprehensions in `iter`. The limits (steps, call depth, native
//! stack) are checked here, by the evaluator itself.

pub(crate) mod attr;
pub mod budget;
mod call;
mod class;
pub(crate) use class::tie_functions;
mod coro;
mod expr;
pub(crate) mod gen;
pub(crate) mod iter;
pub(crate) mod keys;
mod pattern;
mod special;
pub(crate) mod stack;
pub(crate) mod stmt;
pub(crate) mod suspend;
pub(crate) mod tables;

pub(crate) use iter::{make_iter, snapshot_iterable, ValueIter};

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::python::exception::builtin_exception_parent;
use crate::python::syntax::ast::*;
use crate::python::syntax::parser;
use crate::python::types::ops::exc;

use crate::python::types::{drop_deep, Cell, Class, DateTime, PyModule, Value};
use crate::python::{PyError, PyException, Tracer};

/// The deepest call nesting of user functions before `RecursionError`.
pub const MAX_CALL_DEPTH: usize = 200;

/// Builds a standard module into the interpreter.
pub(crate) type Installer = fn(&mut Interpreter);

/// Runs parsed modules and calls their functions. One namespace holds the module's names
/// and the interactive session's names.
pub struct Interpreter {
    pub(crate) step_limit: u64,
    pub(crate) console: String,
    pub(crate) globals: HashMap<Rc<str>, Value>,
    pub(crate) modules: HashMap<String, Rc<PyModule>>,
    pub(crate) exceptions: HashMap<Rc<str>, Rc<str>>,
    /// The classes made from the bodies of exception classes that define methods or
    /// attributes, by exception name (their instances live in the exceptions they make).
    pub(crate) exception_bodies: HashMap<Rc<str>, Rc<crate::python::types::class::Class>>,
    pub(crate) now: DateTime,
    pub(crate) depth: usize,
    pub(crate) stack_base: usize,
    pub(crate) line: u32,
    /// `__name__` of the loaded code and `__module__` of what it defines.
    pub(crate) module_name: Rc<str>,
    /// Whether an event loop is running (inside `asyncio.run` or
    /// [`Interpreter::run_coroutine`]).
    pub(crate) in_loop: bool,
    /// The values a resumed generator computed before the `yield` of the expression it
    /// finishes (`ExprKind::Temp` reads them, from `temp_base`).
    pub(crate) temps: Vec<Value>,
    pub(crate) temp_base: usize,
    /// Standard modules not made yet: each is built when first imported (most views import
    /// one or two of them).
    pub(crate) pending: Vec<(&'static str, Installer)>,
    /// The seed `random` and `uuid` start from (`None`: from the machine).
    pub(crate) module_seed: Option<u64>,
    /// What the embedding program knows of a library it provides only part of (Django):
    /// see [`Interpreter::set_library`].
    pub(crate) library: Option<LibraryIndex>,
}

/// A module of a library as it really is: the file CPython names when an import from it
/// fails (relative to `site-packages`), and every public name the real module has.
#[derive(Clone, Copy, Debug)]
pub struct LibraryModule {
    pub origin: &'static str,
    pub names: &'static [&'static str],
}

/// Looks up a dotted module name in a library (`None`: the library has no such module).
pub type LibraryIndex = fn(&str) -> Option<LibraryModule>;

/// What a statement did to the flow of control.
pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

/// The local state of one running function (or of the module level when `def` is `None`).
pub(crate) struct Frame {
    pub(crate) def: Option<Rc<FunctionDef>>,
    pub(crate) locals: Vec<Option<Value>>,
    /// For the locals a nested function captures, their cells (by slot; empty when the
    /// function has none).
    pub(crate) cells: Vec<Option<Cell>>,
    /// The cells of the function's free variables (its closure).
    pub(crate) free: Vec<Cell>,
    /// The namespace a class body is filling (names bind here, not in the globals).
    pub(crate) class_ns: Option<Vec<(Rc<str>, Value)>>,
    /// The class that defined the running method (for `super()`).
    pub(crate) class: Option<Rc<Class>>,
    /// Comprehension scopes, innermost last.
    pub(crate) comp: Vec<Vec<(Rc<str>, Cell)>>,
    /// Exceptions being handled (for a bare `raise`).
    pub(crate) handling: Vec<PyException>,
    /// In a class body run inside a function: the cells of the function's variables, which
    /// the body reads after its own names and its methods capture.
    pub(crate) enclosing: Vec<(Rc<str>, Cell)>,
}

impl Frame {
    pub(crate) fn module() -> Frame {
        Frame {
            def: None,
            locals: Vec::new(),
            cells: Vec::new(),
            free: Vec::new(),
            class_ns: None,
            class: None,
            comp: Vec::new(),
            handling: Vec::new(),
            enclosing: Vec::new(),
        }
    }

    /// The cells a class body run in this frame sees of it (see [`Frame::enclosing`]).
    pub(crate) fn cells_for_class_body(&self) -> Vec<(Rc<str>, Cell)> {
        let mut out = self.enclosing.clone();
        if let Some(def) = &self.def {
            for (i, cell) in self.cells.iter().enumerate() {
                if let (Some(cell), Some(name)) = (cell, def.locals.get(i)) {
                    out.push((name.clone(), cell.clone()));
                }
            }
            for (name, cell) in def.freevars().iter().zip(&self.free) {
                out.push((name.clone(), cell.clone()));
            }
        }
        for scope in &self.comp {
            out.extend(scope.iter().cloned());
        }
        out
    }
}

impl Frame {
    /// The value in local slot `i` (through its cell when it has one).
    #[inline]
    pub(crate) fn local(&self, i: usize) -> Option<Value> {
        match self.cells.get(i) {
            Some(Some(cell)) => cell.borrow().clone(),
            _ => self.locals.get(i).cloned().flatten(),
        }
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        for v in self.locals.drain(..).flatten() {
            drop_deep(v);
        }
    }
}

/// An interpreter run together with the tracer watching it.
pub(crate) struct Exec<'a> {
    pub(crate) it: &'a mut Interpreter,
    pub(crate) tracer: &'a mut dyn Tracer,
}

/// Fills in the line of an error that has none yet.
pub(crate) fn with_line(e: PyError, line: u32) -> PyError {
    match e {
        PyError::Exception(mut ex) => {
            // Line 0 is code the simulator wrote (`parse_generated`): the caller's line is
            // set instead.
            if ex.line.is_none() && line != 0 {
                ex.line = Some(line);
            }
            PyError::Exception(ex)
        }
        PyError::Unsupported { what, line: 0 } => PyError::Unsupported { what, line },
        PyError::StepLimit { limit, line: 0 } => PyError::StepLimit { limit, line },
        PyError::Limit { what, line: 0 } => PyError::Limit { what, line },
        other => other,
    }
}

pub(crate) fn name_error(name: &str) -> PyError {
    named("NameError", format!("name '{name}' is not defined"), name)
}

/// CPython 3.11 leaves `name` None on this one (and on the free-variable NameError).
pub(crate) fn unbound_local(name: &str) -> PyError {
    PyError::Exception(
        PyException::new(
            "UnboundLocalError",
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
        .with_attrs(vec![("name", Value::None)]),
    )
}

/// A `NameError` (or subclass) whose `name` attribute is the name that was looked up.
pub(crate) fn named(kind: &str, message: String, name: &str) -> PyError {
    PyError::Exception(PyException::new(kind, message).with_attrs(vec![("name", Value::str(name))]))
}

/// The body class of exception class `kind` or of the nearest of its ancestors that has one.
pub(crate) fn exception_body(
    it: &Interpreter,
    kind: &str,
) -> Option<Rc<crate::python::types::class::Class>> {
    let mut current: Rc<str> = Rc::from(kind);
    for _ in 0..64 {
        if let Some(c) = it.exception_bodies.get(&current) {
            return Some(c.clone());
        }
        current = it.exceptions.get(&current)?.clone();
    }
    None
}

/// An exception made by calling its class (`AttributeError("…")`, `raise Missing`), with
/// what CPython gives such an instance besides `args`: `name` and `obj` None on the
/// classes whose instances the interpreter raises with them, and a `KeyError` subclass's
/// `str()`.
pub(crate) fn constructed(
    exceptions: &HashMap<Rc<str>, Rc<str>>,
    kind: &str,
    args: Vec<Value>,
) -> PyException {
    let mut e = PyException::with_args(kind, args);
    if exception_is(exceptions, kind, "AttributeError") {
        e = e.with_attrs(vec![("name", Value::None), ("obj", Value::None)]);
    } else if exception_is(exceptions, kind, "NameError") {
        e = e.with_attrs(vec![("name", Value::None)]);
    }
    if kind != "KeyError" && exception_is(exceptions, kind, "KeyError") {
        e.set_key_error_subclass();
    }
    e
}
/// Whether exception class `kind` is `of` or inherits from it.
pub(crate) fn exception_is(extra: &HashMap<Rc<str>, Rc<str>>, kind: &str, of: &str) -> bool {
    let mut current: String = kind.to_string();
    for _ in 0..64 {
        if current == of {
            return true;
        }
        // decimal's DivisionByZero derives from DecimalException and ZeroDivisionError.
        if current == "DivisionByZero" && of == "ZeroDivisionError" {
            return true;
        }
        let parent = match builtin_exception_parent(&current) {
            Some(p) => p.to_string(),
            None => match extra.get(current.as_str()) {
                Some(p) => p.to_string(),
                None => "Exception".to_string(),
            },
        };
        if parent.is_empty() {
            return false;
        }
        current = parent;
    }
    false
}

impl Interpreter {
    /// An interpreter that stops runs after `step_limit` steps.
    pub fn new(step_limit: u64) -> Self {
        let mut it = Interpreter {
            step_limit,
            console: String::new(),
            globals: HashMap::new(),
            modules: HashMap::new(),
            exceptions: HashMap::new(),
            exception_bodies: HashMap::new(),
            now: DateTime::new(2025, 1, 1, 12, 0, 0, 0, true).unwrap_or(DateTime {
                year: 2025,
                month: 1,
                day: 1,
                hour: 12,
                minute: 0,
                second: 0,
                microsecond: 0,
                tz: Some(crate::python::types::Tz::UTC),
            }),
            depth: 0,
            stack_base: stack::position(),
            line: 0,
            module_name: Rc::from("__main__"),
            in_loop: false,
            temps: Vec::new(),
            temp_base: 0,
            pending: Vec::new(),
            module_seed: None,
            library: None,
        };
        crate::python::stdlib::install(&mut it);
        it
    }

    /// Names the loaded code's module (`views`): its `__name__`, and the module its
    /// functions and classes say they belong to.
    pub fn set_module_name(&mut self, name: &str) {
        self.module_name = Rc::from(name);
    }

    /// Says which names a library's real modules have, so that a name the registered
    /// modules lack is refused as not simulated when the real module has it, and is
    /// CPython's `ImportError` or `AttributeError` when it does not.
    pub fn set_library(&mut self, index: LibraryIndex) {
        self.library = Some(index);
    }

    /// Whether `name` is missing from the module `module` only because it is not
    /// simulated: a standard module's name not implemented here, or a name the real module
    /// of a library has (see [`Interpreter::set_library`]).
    pub(crate) fn unsimulated_name(&self, module: &str, name: &str) -> bool {
        crate::python::stdlib::is_unimplemented_library_name(module, name)
            || self
                .library
                .and_then(|index| index(module))
                .is_some_and(|m| m.names.contains(&name))
    }

    /// Where CPython says a module came from in an `ImportError`: a library module's file,
    /// otherwise `unknown location`.
    pub(crate) fn module_origin(&self, module: &str) -> &'static str {
        self.library
            .and_then(|index| index(module))
            .map_or("unknown location", |m| m.origin)
    }

    /// The dotted names of the modules registered or built so far.
    pub fn module_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.modules.keys().cloned().collect();
        names.sort_unstable();
        names
    }

    /// The names a registered module holds (`None`: no such module).
    pub fn module_members(&self, dotted: &str) -> Option<Vec<String>> {
        self.modules.get(dotted).map(|m| {
            m.members
                .borrow()
                .iter()
                .map(|(n, _)| n.to_string())
                .collect()
        })
    }

    /// Builds the standard module `dotted` belongs to if it is still to be made.
    pub(crate) fn ensure_module(&mut self, dotted: &str) {
        let top = dotted.split('.').next().unwrap_or(dotted);
        if let Some(i) = self.pending.iter().position(|(n, _)| *n == top) {
            let (_, install) = self.pending.remove(i);
            install(self);
        }
    }

    /// Makes a module importable: `register_module("django.http", vec![("HttpResponse", f)])`.
    /// Parent packages (`django`) are created as needed.
    pub fn register_module(&mut self, dotted: &str, members: Vec<(&str, Value)>) {
        // Members added to a standard module go into the module as built.
        self.ensure_module(dotted);
        let members: Vec<(Rc<str>, Value)> =
            members.into_iter().map(|(n, v)| (Rc::from(n), v)).collect();
        let module = match self.modules.get(dotted) {
            Some(existing) => {
                let mut m = existing.members.borrow_mut();
                for (n, v) in members {
                    match m.iter_mut().find(|(k, _)| *k == n) {
                        Some(slot) => slot.1 = v,
                        None => m.push((n, v)),
                    }
                }
                existing.clone()
            }
            None => {
                let m = Rc::new(PyModule {
                    name: Rc::from(dotted),
                    members: RefCell::new(members),
                });
                self.modules.insert(dotted.to_string(), m.clone());
                m
            }
        };
        // Link into parent packages.
        if let Some((parent, last)) = dotted.rsplit_once('.') {
            if !self.modules.contains_key(parent) {
                self.register_module(parent, Vec::new());
            }
            if let Some(p) = self.modules.get(parent) {
                let mut pm = p.members.borrow_mut();
                if !pm.iter().any(|(k, _)| &**k == last) {
                    pm.push((Rc::from(last), Value::Module(module)));
                }
            }
        }
    }

    /// Declares an exception class, e.g. `("Http404", "Exception")`, so that `except`
    /// clauses and `isinstance` know its parent. Raise it from native code with
    /// `PyException::new("Http404", ...)`; user code sees it once a module exports
    /// `Value::exception_class("Http404")`.
    pub fn register_exception(&mut self, name: &str, parent: &str) {
        self.exceptions.insert(Rc::from(name), Rc::from(parent));
    }

    /// Whether an exception is an instance of class `class` (e.g. `"LookupError"`).
    pub fn exception_matches(&self, e: &PyException, class: &str) -> bool {
        exception_is(&self.exceptions, &e.kind, class)
    }

    /// The virtual time `datetime.now()` returns (naive) and `datetime.now(timezone.utc)`
    /// returns (aware).
    pub fn set_now(&mut self, now: DateTime) {
        self.now = now;
    }

    fn begin_run(&mut self) {
        self.in_loop = false;
        crate::python::types::generator::discard_freed();
        budget::begin(self.step_limit);
        self.depth = 0;
        self.stack_base = stack::position();
        budget::set_stack_base(self.stack_base);
    }

    /// Runs a module's top level: imports, definitions, assignments.
    pub fn load(&mut self, module: &Module) -> Result<(), PyError> {
        self.begin_run();
        let mut tracer = crate::python::NoTracer;
        let mut ex = Exec {
            it: self,
            tracer: &mut tracer,
        };
        let mut frame = Frame::module();
        if crate::python::syntax::scope::has_annotations(&module.body) {
            ex.it.globals.insert(
                Rc::from("__annotations__"),
                Value::dict(crate::python::types::Dict::new()),
            );
        }
        let r = ex.exec_block(&mut frame, &module.body).map(|_| ());
        let r = ex.end_of_run(r);
        let line = ex.it.line;
        r.map_err(|e| with_line(e, line))
    }

    /// Calls a function defined by the loaded code.
    pub fn call(
        &mut self,
        function: &str,
        args: Vec<Value>,
        tracer: &mut dyn Tracer,
    ) -> Result<Value, PyError> {
        self.begin_run();
        let f = self
            .globals
            .get(function)
            .cloned()
            .ok_or_else(|| name_error(function))?;
        let mut ex = Exec { it: self, tracer };
        let r = ex.call_value(&f, args, Vec::new());
        drop(f);
        let r = ex.end_of_run(r);
        let line = ex.it.line;
        r.map_err(|e| match e {
            PyError::Unsupported { what, line: 0 } => PyError::Unsupported { what, line },
            other => other,
        })
    }

    /// Runs a coroutine to its end in a fresh event loop, as Django's handler awaits the
    /// coroutine an async view returned: `let c = it.call("view", args, t)?; if
    /// c.is_coroutine() { it.run_coroutine(&c, t)? }`. Each run gets a fresh step budget
    /// (like [`Interpreter::call`]). A value that is not a coroutine is asyncio's
    /// `ValueError: a coroutine was expected, got …`; a coroutine that already ran is
    /// `RuntimeError: cannot reuse already awaited coroutine`.
    pub fn run_coroutine(
        &mut self,
        coroutine: &Value,
        tracer: &mut dyn Tracer,
    ) -> Result<Value, PyError> {
        self.begin_run();
        let mut ex = Exec { it: self, tracer };
        let r = match ex.run_in_loop(coroutine) {
            Err(PyError::Exception(e)) => ex.shown_uncaught(e),
            other => other,
        };
        let line = ex.it.line;
        r.map_err(|e| match e {
            PyError::Unsupported { what, line: 0 } => PyError::Unsupported { what, line },
            other => other,
        })
    }

    /// Whether the loaded code defines an `async def` with this name (an async view).
    pub fn is_coroutine_function(&self, name: &str) -> bool {
        self.globals
            .get(name)
            .is_some_and(Value::is_coroutine_function)
    }

    /// Whether the loaded code defines a function with this name.
    pub fn has_function(&self, name: &str) -> bool {
        matches!(self.globals.get(name), Some(Value::Function(_)))
    }

    /// A name bound at the top level (or in the interactive scope).
    pub fn global(&self, name: &str) -> Option<Value> {
        self.globals.get(name).cloned()
    }

    /// Runs one complete statement in the interactive scope. Returns the value of an
    /// expression statement when it is not `None`, as Python's prompt echoes it.
    pub fn exec_interactive(
        &mut self,
        source: &str,
        tracer: &mut dyn Tracer,
    ) -> Result<Option<Value>, PyError> {
        let module = parser::parse(source)?;
        self.begin_run();
        let mut ex = Exec { it: self, tracer };
        let mut frame = Frame::module();
        let n = module.body.len();
        let mut run = || {
            let mut result = None;
            for (i, stmt) in module.body.iter().enumerate() {
                if i + 1 == n {
                    if let StmtKind::Expr(e) = &stmt.kind {
                        ex.it.line = stmt.line;
                        ex.step(stmt.line).map_err(|e| with_line(e, stmt.line))?;
                        let v = ex
                            .eval(&mut frame, e)
                            .map_err(|err| with_line(err, stmt.line))?;
                        if !v.is_none() {
                            result = Some(v);
                        }
                        break;
                    }
                }
                match ex.exec_stmt(&mut frame, stmt)? {
                    Flow::Normal => {}
                    _ => break,
                }
            }
            Ok(result)
        };
        let result = match run() {
            Err(PyError::Exception(e)) => ex.shown_uncaught(e),
            other => other,
        }?;
        ex.finalize_at_end()?;
        Ok(result)
    }

    /// Binds a name in the interactive scope (e.g. `request`).
    pub fn set_interactive_var(&mut self, name: &str, value: Value) {
        if let Some(old) = self.globals.insert(Rc::from(name), value) {
            drop_deep(old);
        }
    }

    /// Everything `print()` wrote since the last call.
    pub fn take_console(&mut self) -> String {
        std::mem::take(&mut self.console)
    }

    /// Steps used by the last run (statements and bulk work).
    pub fn steps_used(&self) -> u64 {
        budget::used()
    }
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        for (_, v) in self.globals.drain() {
            drop_deep(v);
        }
    }
}

impl Exec<'_> {
    /// The end of a run: the cleanup of the generators its last statement freed, and of
    /// those an exception that ends it keeps alive (the embedder drops the exception, as
    /// CPython frees the traceback of an exception nobody caught), then its result.
    fn end_of_run<T>(&mut self, r: Result<T, PyError>) -> Result<T, PyError> {
        let r = match r {
            Err(PyError::Exception(mut e)) => {
                drop(e.held.take());
                self.shown_uncaught(e)
            }
            other => other,
        };
        self.finalize_at_end()?;
        r
    }

    /// An exception leaving the program: when its class defines `__str__`, that runs now,
    /// as CPython runs it to print the traceback's last line, and its text is kept in the
    /// exception. A `__str__` that raises shows `<exception str() failed>`, as CPython's; one
    /// that runs out of the step budget or is refused stops the run with that instead.
    fn shown_uncaught<T>(&mut self, mut e: PyException) -> Result<T, PyError> {
        let has_str = e
            .instance()
            .is_some_and(|i| i.class.lookup("__str__").is_some());
        if has_str {
            let line = e.line;
            let shared = Rc::new(e.clone());
            match self.exception_text_special(&shared, "__str__") {
                Ok(Some(text)) => e.set_shown(&text),
                Ok(None) => {}
                Err(PyError::Exception(_)) => e.set_shown("<exception str() failed>"),
                Err(other) => return Err(other),
            }
            e.line = line;
        }
        Err(PyError::Exception(e))
    }

    /// The cleanup of generators freed by the run's last statement.
    fn finalize_at_end(&mut self) -> Result<(), PyError> {
        if crate::python::types::generator::finalizers_pending() {
            self.finalize_generators()?;
        }
        Ok(())
    }

    /// Counts one step; past the limit (or the memory ceiling) the run stops.
    #[inline]
    pub(crate) fn step(&mut self, line: u32) -> Result<(), PyError> {
        if crate::python::types::generator::finalizers_pending() {
            self.finalize_generators()?;
        }
        budget::step(line)
    }

    /// Counts the work of a bulk operation over `n` items (one step per 16).
    pub(crate) fn charge(&mut self, n: usize) -> Result<(), PyError> {
        budget::items(n)
    }

    /// Counts the work of a text operation over `n` bytes (one step per 512).
    pub(crate) fn charge_text(&mut self, n: usize) -> Result<(), PyError> {
        budget::bytes(n)
    }

    /// Whether the native stack is (nearly) used up.
    pub(crate) fn stack_exhausted(&self) -> bool {
        stack::used_since(self.it.stack_base) > stack::EVAL_BUDGET * 7 / 8
    }

    #[inline]
    pub(crate) fn check_stack(&self) -> Result<(), PyError> {
        if stack::used_since(self.it.stack_base) > stack::EVAL_BUDGET {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    fn trace(&mut self, frame: &Frame, line: u32) {
        if let Some(def) = frame.def.as_ref().filter(|d| !d.generated) {
            if !self.tracer.wants_locals() {
                self.tracer.on_line(line, &[], &self.it.console);
                return;
            }
            let locals: Vec<(Rc<str>, Value)> = def
                .locals
                .iter()
                .enumerate()
                .filter_map(|(i, n)| frame.local(i).map(|v| (n.clone(), v)))
                .collect();
            self.tracer.on_line(line, &locals, &self.it.console);
        }
    }
}
