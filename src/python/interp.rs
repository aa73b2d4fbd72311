//! The evaluator: runs parsed modules and calls their functions, counting steps.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::ast::*;
use super::exception::builtin_exception_parent;
use super::ops::{self, exc, type_error, MAX_ITEMS};
use super::parser;
use super::stack;
use super::value::{
    drop_deep, DateTime, Dict, DictViewKind, Function, PyIter, PyModule, Set, Value,
};
use super::{PyError, PyException, Tracer};

/// The deepest call nesting of user functions before `RecursionError`.
pub const MAX_CALL_DEPTH: usize = 200;

/// Parses a module.
pub fn parse_module(source: &str) -> Result<Module, PyError> {
    parser::parse(source)
}

/// Whether `source` is a complete statement (no open block or bracket), as an interactive
/// prompt decides when to stop asking for more lines.
pub fn is_complete(source: &str) -> bool {
    parser::is_complete(source)
}

/// Runs parsed modules and calls their functions. One namespace holds the module's names
/// and the interactive session's names.
pub struct Interpreter {
    pub(crate) step_limit: u64,
    pub(crate) steps: u64,
    pub(crate) console: String,
    pub(crate) globals: HashMap<Rc<str>, Value>,
    pub(crate) modules: HashMap<String, Rc<PyModule>>,
    pub(crate) exceptions: HashMap<Rc<str>, Rc<str>>,
    pub(crate) now: DateTime,
    pub(crate) depth: usize,
    pub(crate) stack_base: usize,
    pub(crate) line: u32,
}

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
    /// Comprehension scopes, innermost last.
    pub(crate) comp: Vec<Vec<(Rc<str>, Value)>>,
    /// Exceptions being handled (for a bare `raise`).
    pub(crate) handling: Vec<PyException>,
}

impl Frame {
    fn module() -> Frame {
        Frame {
            def: None,
            locals: Vec::new(),
            comp: Vec::new(),
            handling: Vec::new(),
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
            if ex.line.is_none() {
                ex.line = Some(line);
            }
            PyError::Exception(ex)
        }
        PyError::Unsupported { what, line: 0 } => PyError::Unsupported { what, line },
        PyError::StepLimit { limit, line: 0 } => PyError::StepLimit { limit, line },
        other => other,
    }
}

fn name_error(name: &str) -> PyError {
    exc("NameError", format!("name '{name}' is not defined"))
}

fn unbound_local(name: &str) -> PyError {
    exc(
        "UnboundLocalError",
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

/// A running iteration over a value, with Python's checks for containers changed while
/// they are iterated.
pub(crate) enum ValueIter {
    List(Rc<RefCell<Vec<Value>>>, usize),
    Tuple(Rc<[Value]>, usize),
    Chars(Rc<str>, usize),
    Bytes(Rc<[u8]>, usize),
    Range {
        next: i64,
        remaining: usize,
        step: i64,
    },
    Dict {
        dict: Rc<RefCell<Dict>>,
        slot: usize,
        len: usize,
        kind: DictViewKind,
    },
    Set {
        set: Rc<RefCell<Set>>,
        items: std::vec::IntoIter<Value>,
        len: usize,
    },
    Values(std::vec::IntoIter<Value>),
    Iter(Rc<PyIter>),
}

impl ValueIter {
    pub(crate) fn next_value(&mut self) -> Result<Option<Value>, PyError> {
        Ok(match self {
            ValueIter::List(l, i) => {
                let v = l.borrow().get(*i).cloned();
                *i += 1;
                v
            }
            ValueIter::Tuple(t, i) => {
                let v = t.get(*i).cloned();
                *i += 1;
                v
            }
            ValueIter::Chars(s, pos) => {
                let c = s[*pos..].chars().next();
                c.map(|c| {
                    *pos += c.len_utf8();
                    Value::str(c.encode_utf8(&mut [0u8; 4]))
                })
            }
            ValueIter::Bytes(b, i) => {
                let v = b.get(*i).map(|&x| Value::int(x as i64));
                *i += 1;
                v
            }
            ValueIter::Range {
                next,
                remaining,
                step,
            } => {
                if *remaining == 0 {
                    None
                } else {
                    let v = *next;
                    *remaining -= 1;
                    *next = next.wrapping_add(*step);
                    Some(Value::int(v))
                }
            }
            ValueIter::Dict {
                dict,
                slot,
                len,
                kind,
            } => {
                let d = dict.borrow();
                if d.len() != *len {
                    return Err(exc(
                        "RuntimeError",
                        "dictionary changed size during iteration",
                    ));
                }
                loop {
                    if *slot >= d.slot_count() {
                        break None;
                    }
                    let here = d.slot(*slot);
                    *slot += 1;
                    if let Some((k, v)) = here {
                        break Some(match kind {
                            DictViewKind::Keys => k.clone(),
                            DictViewKind::Values => v.clone(),
                            DictViewKind::Items => Value::tuple(vec![k.clone(), v.clone()]),
                        });
                    }
                }
            }
            ValueIter::Set { set, items, len } => {
                if set.borrow().len() != *len {
                    return Err(exc("RuntimeError", "Set changed size during iteration"));
                }
                items.next()
            }
            ValueIter::Values(it) => it.next(),
            ValueIter::Iter(it) => it.next_value(),
        })
    }
}

fn not_iterable(v: &Value) -> PyError {
    type_error(format!("'{}' object is not iterable", v.error_type_name()))
}

/// Starts iterating over a value.
pub(crate) fn make_iter(v: &Value) -> Result<ValueIter, PyError> {
    Ok(match v {
        Value::List(l) => ValueIter::List(l.clone(), 0),
        Value::Tuple(t) => ValueIter::Tuple(t.clone(), 0),
        Value::Str(s) => ValueIter::Chars(s.clone(), 0),
        Value::Bytes(b) => ValueIter::Bytes(b.clone(), 0),
        Value::Range(r) => ValueIter::Range {
            next: r.start,
            remaining: r.len(),
            step: r.step,
        },
        Value::Dict(d) => ValueIter::Dict {
            dict: d.clone(),
            slot: 0,
            len: d.borrow().len(),
            kind: DictViewKind::Keys,
        },
        Value::DictView(d, kind) => ValueIter::Dict {
            dict: d.clone(),
            slot: 0,
            len: d.borrow().len(),
            kind: *kind,
        },
        Value::Set(s) => {
            let items = s.borrow().values();
            ValueIter::Set {
                set: s.clone(),
                len: items.len(),
                items: items.into_iter(),
            }
        }
        Value::Iterator(it) => ValueIter::Iter(it.clone()),
        Value::Native(obj) => ValueIter::Values(obj.iter()?.into_iter()),
        other => return Err(not_iterable(other)),
    })
}

/// Every item of an iterable, at once (with the simulator's size limit).
pub(crate) fn snapshot_iterable(v: &Value) -> Result<Vec<Value>, PyError> {
    match v {
        Value::List(l) => return Ok(l.borrow().clone()),
        Value::Tuple(t) => return Ok(t.to_vec()),
        Value::Range(r) if r.len() > MAX_ITEMS => return Err(ops::too_many_items(r.len() as u128)),
        _ => {}
    }
    let mut it = make_iter(v)?;
    let mut out = Vec::new();
    while let Some(x) = it.next_value()? {
        if out.len() >= MAX_ITEMS {
            return Err(ops::too_many_items(out.len() as u128 + 1));
        }
        out.push(x);
    }
    Ok(out)
}

/// Whether exception class `kind` is `of` or inherits from it.
pub(crate) fn exception_is(extra: &HashMap<Rc<str>, Rc<str>>, kind: &str, of: &str) -> bool {
    let mut current: String = kind.to_string();
    for _ in 0..64 {
        if current == of {
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
            steps: 0,
            console: String::new(),
            globals: HashMap::new(),
            modules: HashMap::new(),
            exceptions: HashMap::new(),
            now: DateTime::new(2025, 1, 1, 12, 0, 0, 0, true).unwrap_or(DateTime {
                year: 2025,
                month: 1,
                day: 1,
                hour: 12,
                minute: 0,
                second: 0,
                microsecond: 0,
                utc: true,
            }),
            depth: 0,
            stack_base: stack::position(),
            line: 0,
        };
        super::builtins::install_library_modules(&mut it);
        it
    }

    /// Makes a module importable: `register_module("django.http", vec![("HttpResponse", f)])`.
    /// Parent packages (`django`) are created as needed.
    pub fn register_module(&mut self, dotted: &str, members: Vec<(&str, Value)>) {
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
        self.steps = 0;
        self.depth = 0;
        self.stack_base = stack::position();
    }

    /// Runs a module's top level: imports, definitions, assignments.
    pub fn load(&mut self, module: &Module) -> Result<(), PyError> {
        self.begin_run();
        let mut tracer = super::NoTracer;
        let mut ex = Exec {
            it: self,
            tracer: &mut tracer,
        };
        let mut frame = Frame::module();
        let r = ex.exec_block(&mut frame, &module.body);
        let line = ex.it.line;
        r.map(|_| ()).map_err(|e| with_line(e, line))
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
        let line = ex.it.line;
        r.map_err(|e| match e {
            PyError::Unsupported { what, line: 0 } => PyError::Unsupported { what, line },
            other => other,
        })
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

    /// Steps used by the last run.
    pub fn steps_used(&self) -> u64 {
        self.steps
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
    /// Counts one step; past the limit the run stops.
    pub(crate) fn step(&mut self, line: u32) -> Result<(), PyError> {
        self.it.steps += 1;
        if self.it.steps > self.it.step_limit {
            return Err(PyError::StepLimit {
                limit: self.it.step_limit,
                line,
            });
        }
        Ok(())
    }

    /// Counts the work of a bulk operation over `n` items (one step per 16).
    pub(crate) fn charge(&mut self, n: usize) -> Result<(), PyError> {
        self.charge_steps((n / 16) as u64)
    }

    /// Counts the work of a text operation over `n` bytes (one step per 512).
    pub(crate) fn charge_text(&mut self, n: usize) -> Result<(), PyError> {
        self.charge_steps((n / 512) as u64)
    }

    fn charge_steps(&mut self, cost: u64) -> Result<(), PyError> {
        if cost > 0 {
            self.it.steps += cost;
            if self.it.steps > self.it.step_limit {
                return Err(PyError::StepLimit {
                    limit: self.it.step_limit,
                    line: self.it.line,
                });
            }
        }
        Ok(())
    }

    fn check_stack(&self) -> Result<(), PyError> {
        if stack::used_since(self.it.stack_base) > stack::EVAL_BUDGET {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    fn trace(&mut self, frame: &Frame, line: u32) {
        if let Some(def) = &frame.def {
            let locals: Vec<(Rc<str>, Value)> = def
                .locals
                .iter()
                .zip(frame.locals.iter())
                .filter_map(|(n, v)| v.as_ref().map(|v| (n.clone(), v.clone())))
                .collect();
            self.tracer.on_line(line, &locals, &self.it.console);
        }
    }

    pub(crate) fn exec_block(&mut self, frame: &mut Frame, body: &[Stmt]) -> Result<Flow, PyError> {
        for s in body {
            match self.exec_stmt(frame, s)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    pub(crate) fn exec_stmt(&mut self, frame: &mut Frame, s: &Stmt) -> Result<Flow, PyError> {
        self.it.line = s.line;
        self.step(s.line)?;
        self.trace(frame, s.line);
        let r = match &s.kind {
            // Errors flow into `r` (no early `?`), so every one gets this statement's line.
            StmtKind::Expr(e) => self.eval(frame, e).map(|_| Flow::Normal),
            StmtKind::Assign { targets, value } => self.exec_assign(frame, targets, value),
            StmtKind::AugAssign { target, op, value } => self
                .aug_assign(frame, target, *op, value)
                .map(|_| Flow::Normal),
            StmtKind::Del(targets) => targets
                .iter()
                .try_for_each(|t| self.delete(frame, t))
                .map(|_| Flow::Normal),
            StmtKind::Pass => Ok(Flow::Normal),
            StmtKind::Break => Ok(Flow::Break),
            StmtKind::Continue => Ok(Flow::Continue),
            StmtKind::Return(e) => self.exec_return(frame, e.as_ref()),
            StmtKind::If { test, body, orelse } => self.exec_if(frame, test, body, orelse),
            StmtKind::While { test, body, orelse } => {
                self.exec_while(frame, s.line, test, body, orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.exec_for(frame, s.line, target, iter, body, orelse),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.exec_try(frame, body, handlers, orelse, finalbody),
            StmtKind::Raise(e) => self.exec_raise(frame, e.as_ref()),
            StmtKind::Assert { test, msg } => self.exec_assert(frame, test, msg.as_ref()),
            StmtKind::FunctionDef(def) => self.exec_def(frame, def),
            StmtKind::Import(names) => self.exec_import(frame, names),
            StmtKind::ImportFrom { module, names } => {
                self.exec_import_from(frame, s.line, module, names)
            }
        };
        r.map_err(|e| with_line(e, s.line))
    }

    #[inline(never)]
    fn exec_assign(
        &mut self,
        frame: &mut Frame,
        targets: &[Expr],
        value: &Expr,
    ) -> Result<Flow, PyError> {
        let v = self.eval(frame, value)?;
        for t in targets {
            self.assign(frame, t, v.clone())?;
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_return(&mut self, frame: &mut Frame, e: Option<&Expr>) -> Result<Flow, PyError> {
        let v = match e {
            Some(e) => self.eval(frame, e)?,
            None => Value::None,
        };
        Ok(Flow::Return(v))
    }

    #[inline(never)]
    fn exec_if(
        &mut self,
        frame: &mut Frame,
        test: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> Result<Flow, PyError> {
        let t = self.eval(frame, test)?;
        if self.truthy(&t)? {
            self.exec_block(frame, body)
        } else {
            self.exec_block(frame, orelse)
        }
    }

    #[inline(never)]
    fn exec_while(
        &mut self,
        frame: &mut Frame,
        line: u32,
        test: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> Result<Flow, PyError> {
        let mut first = true;
        loop {
            if !first {
                self.step(line)?;
                self.it.line = line;
                self.trace(frame, line);
            }
            first = false;
            let t = self.eval(frame, test)?;
            if !self.truthy(&t)? {
                return self.exec_block(frame, orelse);
            }
            match self.exec_block(frame, body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
    }

    #[inline(never)]
    fn exec_for(
        &mut self,
        frame: &mut Frame,
        line: u32,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> Result<Flow, PyError> {
        let iterable = self.eval(frame, iter)?;
        let mut it = make_iter(&iterable)?;
        let mut first = true;
        loop {
            if !first {
                self.step(line)?;
                self.it.line = line;
                self.trace(frame, line);
            }
            first = false;
            let Some(item) = it.next_value()? else {
                return self.exec_block(frame, orelse);
            };
            self.assign(frame, target, item)?;
            match self.exec_block(frame, body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
    }

    #[inline(never)]
    fn exec_raise(&mut self, frame: &mut Frame, e: Option<&Expr>) -> Result<Flow, PyError> {
        let exc = match e {
            None => match frame.handling.last() {
                Some(e) => e.clone(),
                None => return Err(exc("RuntimeError", "No active exception to reraise")),
            },
            Some(e) => {
                let v = self.eval(frame, e)?;
                self.to_exception(&v)?
            }
        };
        Err(PyError::Exception(exc))
    }

    #[inline(never)]
    fn exec_assert(
        &mut self,
        frame: &mut Frame,
        test: &Expr,
        msg: Option<&Expr>,
    ) -> Result<Flow, PyError> {
        let t = self.eval(frame, test)?;
        if !self.truthy(&t)? {
            let args = match msg {
                Some(m) => vec![self.eval(frame, m)?],
                None => Vec::new(),
            };
            return Err(PyError::Exception(PyException::with_args(
                "AssertionError",
                args,
            )));
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_def(&mut self, frame: &mut Frame, def: &Rc<FunctionDef>) -> Result<Flow, PyError> {
        let mut defaults = Vec::new();
        for p in &def.params {
            if let Some(d) = &p.default {
                defaults.push(self.eval(frame, d)?);
            }
        }
        let f = Value::Function(Rc::new(Function::new(def.clone(), defaults)));
        self.store_name(frame, &def.name, f)?;
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_import(
        &mut self,
        frame: &mut Frame,
        names: &[(String, Option<Rc<str>>)],
    ) -> Result<Flow, PyError> {
        for (dotted, alias) in names {
            let module = self.import(dotted)?;
            match alias {
                Some(a) => self.store_name(frame, a, Value::Module(module))?,
                None => {
                    let top = dotted.split('.').next().unwrap_or(dotted);
                    let top_module = self.import(top)?;
                    self.store_name(frame, &Rc::from(top), Value::Module(top_module))?;
                }
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_import_from(
        &mut self,
        frame: &mut Frame,
        line: u32,
        module: &str,
        names: &[(Rc<str>, Option<Rc<str>>)],
    ) -> Result<Flow, PyError> {
        let m = self.import(module)?;
        for (name, alias) in names {
            let v = match m.get(name) {
                Some(v) => v,
                None => {
                    let sub = format!("{module}.{name}");
                    match self.it.modules.get(&sub) {
                        Some(sm) => Value::Module(sm.clone()),
                        None => {
                            if super::builtins::is_unimplemented_library_name(module, name) {
                                return Err(PyError::Unsupported {
                                    what: format!("'{name}' from the module '{module}'"),
                                    line,
                                });
                            }
                            return Err(exc(
                                "ImportError",
                                format!(
                                    "cannot import name '{name}' from '{module}' (unknown location)"
                                ),
                            ));
                        }
                    }
                }
            };
            self.store_name(frame, alias.as_ref().unwrap_or(name), v)?;
        }
        Ok(Flow::Normal)
    }

    fn import(&mut self, dotted: &str) -> Result<Rc<PyModule>, PyError> {
        match self.it.modules.get(dotted) {
            Some(m) => Ok(m.clone()),
            None => {
                let mut known: Vec<&str> = self
                    .it
                    .modules
                    .keys()
                    .map(|k| k.as_str())
                    .filter(|k| !k.contains('.') || k.starts_with("django"))
                    .collect();
                known.sort_unstable();
                Err(PyError::Unsupported {
                    what: format!("the module '{dotted}' (available: {})", known.join(", ")),
                    line: 0,
                })
            }
        }
    }

    fn exec_try(
        &mut self,
        frame: &mut Frame,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> Result<Flow, PyError> {
        let result = match self.exec_block(frame, body) {
            Err(PyError::Exception(e)) => match self.find_handler(frame, handlers, &e) {
                Err(err) => Err(err),
                Ok(None) => Err(PyError::Exception(e)),
                Ok(Some(h)) => {
                    if let Some(name) = &h.name {
                        self.store_name(frame, name, Value::Exception(Rc::new(e.clone())))?;
                    }
                    frame.handling.push(e);
                    let r = self.exec_block(frame, &h.body);
                    frame.handling.pop();
                    if let Some(name) = &h.name {
                        self.unbind(frame, name);
                    }
                    r
                }
            },
            Ok(Flow::Normal) => self.exec_block(frame, orelse),
            other => other,
        };
        if finalbody.is_empty() {
            return result;
        }
        if let Err(e) = &result {
            if !matches!(e, PyError::Exception(_)) {
                return result;
            }
        }
        if let Err(PyError::Exception(e)) = &result {
            frame.handling.push(e.clone());
        }
        let fin = self.exec_block(frame, finalbody);
        if let Err(PyError::Exception(_)) = &result {
            frame.handling.pop();
        }
        match fin? {
            Flow::Normal => result,
            other => Ok(other),
        }
    }

    fn find_handler<'h>(
        &mut self,
        frame: &mut Frame,
        handlers: &'h [Handler],
        e: &PyException,
    ) -> Result<Option<&'h Handler>, PyError> {
        for h in handlers {
            let Some(types) = &h.types else {
                return Ok(Some(h));
            };
            let t = self
                .eval(frame, types)
                .map_err(|err| with_line(err, h.line))?;
            if self
                .exception_matches_value(e, &t)
                .map_err(|err| with_line(err, h.line))?
            {
                return Ok(Some(h));
            }
        }
        Ok(None)
    }

    fn exception_matches_value(&self, e: &PyException, t: &Value) -> Result<bool, PyError> {
        match t {
            Value::Type(super::value::PyType::Exception(name)) => {
                Ok(exception_is(&self.it.exceptions, &e.kind, name))
            }
            Value::Tuple(items) => {
                for item in items.iter() {
                    if self.exception_matches_value(e, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// The exception a `raise` of this value raises.
    fn to_exception(&self, v: &Value) -> Result<PyException, PyError> {
        match v {
            Value::Type(super::value::PyType::Exception(name)) => {
                Ok(PyException::with_args(name, Vec::new()))
            }
            Value::Exception(e) => Ok((**e).clone()),
            _ => Err(type_error("exceptions must derive from BaseException")),
        }
    }

    pub(crate) fn truthy(&mut self, v: &Value) -> Result<bool, PyError> {
        Ok(v.is_truthy())
    }

    // ------------------------------------------------------------------ names

    pub(crate) fn load_name(&mut self, frame: &Frame, name: &Rc<str>) -> Result<Value, PyError> {
        for scope in frame.comp.iter().rev() {
            if let Some((_, v)) = scope.iter().rev().find(|(n, _)| n == name) {
                return Ok(v.clone());
            }
        }
        if let Some(def) = &frame.def {
            if let Some(slot) = def.local_slot(name) {
                return match &frame.locals[slot] {
                    Some(v) => Ok(v.clone()),
                    // Inside a comprehension the function's locals are free variables.
                    None if !frame.comp.is_empty() => Err(exc(
                        "NameError",
                        format!(
                            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                        ),
                    )),
                    None => Err(unbound_local(name)),
                };
            }
        }
        if let Some(v) = self.it.globals.get(name) {
            return Ok(v.clone());
        }
        super::builtins::builtin_value(self.it, name).ok_or_else(|| {
            if let Some(what) = super::builtins::unsupported_builtin(name) {
                PyError::Unsupported {
                    what: what.to_string(),
                    line: 0,
                }
            } else {
                name_error(name)
            }
        })
    }

    pub(crate) fn store_name(
        &mut self,
        frame: &mut Frame,
        name: &Rc<str>,
        value: Value,
    ) -> Result<(), PyError> {
        if let Some(def) = &frame.def {
            if let Some(slot) = def.local_slot(name) {
                if let Some(old) = frame.locals[slot].replace(value) {
                    drop_deep(old);
                }
                return Ok(());
            }
        }
        if let Some(old) = self.it.globals.insert(name.clone(), value) {
            drop_deep(old);
        }
        Ok(())
    }

    fn unbind(&mut self, frame: &mut Frame, name: &Rc<str>) {
        if let Some(def) = &frame.def {
            if let Some(slot) = def.local_slot(name) {
                frame.locals[slot] = None;
                return;
            }
        }
        self.it.globals.remove(name);
    }

    // ------------------------------------------------------------------ targets

    fn assign(&mut self, frame: &mut Frame, target: &Expr, value: Value) -> Result<(), PyError> {
        match &target.kind {
            ExprKind::Name(n) => self.store_name(frame, n, value),
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(frame, obj)?;
                self.set_attr(&o, name, value)
                    .map_err(|e| with_line(e, target.line))
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(frame, obj)?;
                let i = self.eval(frame, index)?;
                ops::set_item(&o, i, value).map_err(|e| with_line(e, target.line))
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let values = self.unpack(&value, items.len())?;
                for (t, v) in items.iter().zip(values) {
                    self.assign(frame, t, v)?;
                }
                Ok(())
            }
            _ => Err(PyError::Unsupported {
                what: "this assignment target".into(),
                line: target.line,
            }),
        }
    }

    fn unpack(&mut self, value: &Value, n: usize) -> Result<Vec<Value>, PyError> {
        let mut it = match make_iter(value) {
            Ok(it) => it,
            Err(_) => {
                return Err(type_error(format!(
                    "cannot unpack non-iterable {} object",
                    value.error_type_name()
                )))
            }
        };
        let mut out = Vec::with_capacity(n);
        while let Some(v) = it.next_value()? {
            if out.len() == n {
                return Err(exc(
                    "ValueError",
                    format!("too many values to unpack (expected {n})"),
                ));
            }
            out.push(v);
        }
        if out.len() < n {
            return Err(exc(
                "ValueError",
                format!(
                    "not enough values to unpack (expected {n}, got {})",
                    out.len()
                ),
            ));
        }
        Ok(out)
    }

    fn aug_assign(
        &mut self,
        frame: &mut Frame,
        target: &Expr,
        op: BinOp,
        value: &Expr,
    ) -> Result<(), PyError> {
        match &target.kind {
            ExprKind::Name(n) => {
                let current = self.load_name(frame, n)?;
                let rhs = self.eval(frame, value)?;
                let result = self.inplace(op, &current, &rhs)?;
                self.store_name(frame, n, result)
            }
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(frame, obj)?;
                let current = self.get_attr(&o, name)?;
                let rhs = self.eval(frame, value)?;
                let result = self.inplace(op, &current, &rhs)?;
                self.set_attr(&o, name, result)
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(frame, obj)?;
                let i = self.eval(frame, index)?;
                let current = ops::get_item(&o, &i)?;
                let rhs = self.eval(frame, value)?;
                let result = self.inplace(op, &current, &rhs)?;
                ops::set_item(&o, i, result)
            }
            _ => Err(PyError::Unsupported {
                what: "this augmented assignment target".into(),
                line: target.line,
            }),
        }
    }

    /// `a op= b`: lists, dicts and sets change in place, everything else rebinds.
    fn inplace(&mut self, op: BinOp, a: &Value, b: &Value) -> Result<Value, PyError> {
        match (op, a) {
            (BinOp::Add, Value::List(l)) => {
                let extra = snapshot_iterable(b)?;
                self.charge(extra.len())?;
                if l.borrow().len() + extra.len() > MAX_ITEMS {
                    return Err(ops::too_many_items(
                        (l.borrow().len() + extra.len()) as u128,
                    ));
                }
                l.borrow_mut().extend(extra);
                Ok(a.clone())
            }
            (BinOp::Mul, Value::List(l)) => {
                let r = ops::binary_op(op, a, b)?;
                if let Value::List(new) = &r {
                    let items = new.borrow().clone();
                    *l.borrow_mut() = items;
                }
                Ok(a.clone())
            }
            (BinOp::BitOr, Value::Dict(d)) if matches!(b, Value::Dict(_)) => {
                if let Value::Dict(other) = b {
                    let items = other.borrow().items();
                    for (k, v) in items {
                        d.borrow_mut().insert(k, v)?;
                    }
                }
                Ok(a.clone())
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(s))
                if matches!(b, Value::Set(_)) =>
            {
                let r = ops::binary_op(op, a, b)?;
                if let Value::Set(new) = &r {
                    let items = new.borrow().clone();
                    *s.borrow_mut() = items;
                }
                Ok(a.clone())
            }
            _ => {
                if let (Value::Str(x), Value::Str(_)) = (a, b) {
                    self.charge_text(x.len())?;
                }
                ops::binary_op(op, a, b).map_err(|e| match e {
                    PyError::Exception(mut ex) if &*ex.kind == "TypeError" => {
                        let plain = format!("unsupported operand type(s) for {}:", op.symbol());
                        let msg = ex.message();
                        if let Some(rest) = msg.strip_prefix(&plain) {
                            let sym = if op == BinOp::Pow { "**" } else { op.symbol() };
                            ex.args = vec![Value::str(&format!(
                                "unsupported operand type(s) for {sym}=:{rest}"
                            ))];
                        }
                        PyError::Exception(ex)
                    }
                    other => other,
                })
            }
        }
    }

    fn delete(&mut self, frame: &mut Frame, target: &Expr) -> Result<(), PyError> {
        match &target.kind {
            ExprKind::Name(n) => {
                if let Some(def) = &frame.def {
                    if let Some(slot) = def.local_slot(n) {
                        return match frame.locals[slot].take() {
                            Some(old) => {
                                drop_deep(old);
                                Ok(())
                            }
                            None => Err(unbound_local(n)),
                        };
                    }
                }
                match self.it.globals.remove(n) {
                    Some(old) => {
                        drop_deep(old);
                        Ok(())
                    }
                    None => Err(name_error(n)),
                }
            }
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(frame, obj)?;
                self.del_attr(&o, name)
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(frame, obj)?;
                let i = self.eval(frame, index)?;
                ops::del_item(&o, &i)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for t in items {
                    self.delete(frame, t)?;
                }
                Ok(())
            }
            _ => Err(PyError::Unsupported {
                what: "this del target".into(),
                line: target.line,
            }),
        }
    }

    // ------------------------------------------------------------------ expressions

    pub(crate) fn eval(&mut self, frame: &mut Frame, e: &Expr) -> Result<Value, PyError> {
        self.check_stack()?;
        let r = match &e.kind {
            ExprKind::Const(c) => Self::eval_const(c, e.line),
            ExprKind::Name(n) => self.load_name(frame, n),
            ExprKind::FString(parts) => self.eval_fstring(frame, parts),
            ExprKind::List(items) => self.eval_list(frame, items),
            ExprKind::Tuple(items) => self.eval_tuple(frame, items),
            ExprKind::Set(items) => self.eval_set(frame, items),
            ExprKind::Dict(pairs) => self.eval_dict(frame, pairs),
            ExprKind::BinOp(a, op, b) => self.eval_binop(frame, a, *op, b),
            ExprKind::Unary(op, a) => self.eval_unary(frame, *op, a),
            ExprKind::BoolOp(is_and, a, b) => self.eval_boolop(frame, *is_and, a, b),
            ExprKind::Compare(first, rest) => self.eval_compare(frame, first, rest),
            ExprKind::IfExp { test, body, orelse } => self.eval_ifexp(frame, test, body, orelse),
            ExprKind::Call { func, args, kwargs } => self.eval_call(frame, func, args, kwargs),
            ExprKind::Attribute(obj, name) => self.eval_attribute(frame, obj, name),
            ExprKind::Subscript(obj, index) => self.eval_subscript(frame, obj, index),
            ExprKind::Slice(a, b, c) => self.eval_slice(frame, a, b, c),
            ExprKind::ListComp(elt, gens) => self.eval_comp(
                frame,
                gens,
                CompElt::One(elt),
                CompOut::List(Vec::new()),
                e.line,
            ),
            ExprKind::GenExp(elt, gens) => self.eval_genexp(frame, elt, gens, e.line),
            ExprKind::SetComp(elt, gens) => self.eval_comp(
                frame,
                gens,
                CompElt::One(elt),
                CompOut::Set(Set::new()),
                e.line,
            ),
            ExprKind::DictComp(k, v, gens) => self.eval_comp(
                frame,
                gens,
                CompElt::Pair(k, v),
                CompOut::Dict(Dict::new()),
                e.line,
            ),
        };
        r.map_err(|err| with_line(err, e.line))
    }

    #[inline(never)]
    fn eval_const(c: &Constant, line: u32) -> Result<Value, PyError> {
        Ok(match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(n) => Value::Int(n.clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Str(s) => Value::Str(s.clone()),
            Constant::Bytes(b) => Value::Bytes(b.clone()),
            Constant::Ellipsis => {
                return Err(PyError::Unsupported {
                    what: "the Ellipsis (...) value".into(),
                    line,
                })
            }
        })
    }

    #[inline(never)]
    fn eval_fstring(&mut self, frame: &mut Frame, parts: &[FPart]) -> Result<Value, PyError> {
        Ok(Value::Str(Rc::from(self.fstring(frame, parts)?.as_str())))
    }

    #[inline(never)]
    fn eval_list(&mut self, frame: &mut Frame, items: &[Expr]) -> Result<Value, PyError> {
        Ok(Value::list(self.eval_all(frame, items)?))
    }

    #[inline(never)]
    fn eval_tuple(&mut self, frame: &mut Frame, items: &[Expr]) -> Result<Value, PyError> {
        Ok(Value::tuple(self.eval_all(frame, items)?))
    }

    #[inline(never)]
    fn eval_set(&mut self, frame: &mut Frame, items: &[Expr]) -> Result<Value, PyError> {
        let values = self.eval_all(frame, items)?;
        Ok(Value::set(Set::from_values(values)?))
    }

    #[inline(never)]
    fn eval_dict(&mut self, frame: &mut Frame, pairs: &[(Expr, Expr)]) -> Result<Value, PyError> {
        let mut d = Dict::new();
        for (k, v) in pairs {
            let key = self.eval(frame, k)?;
            let value = self.eval(frame, v)?;
            d.insert(key, value)
                .map_err(|err| with_line(err.into(), k.line))?;
        }
        Ok(Value::dict(d))
    }

    #[inline(never)]
    fn eval_binop(
        &mut self,
        frame: &mut Frame,
        a: &Expr,
        op: BinOp,
        b: &Expr,
    ) -> Result<Value, PyError> {
        let x = self.eval(frame, a)?;
        let y = self.eval(frame, b)?;
        self.binary(op, &x, &y)
    }

    #[inline(never)]
    fn eval_unary(&mut self, frame: &mut Frame, op: UnaryOp, a: &Expr) -> Result<Value, PyError> {
        let x = self.eval(frame, a)?;
        if op == UnaryOp::Not {
            Ok(Value::Bool(!self.truthy(&x)?))
        } else {
            ops::unary_op(op, &x)
        }
    }

    #[inline(never)]
    fn eval_boolop(
        &mut self,
        frame: &mut Frame,
        is_and: bool,
        a: &Expr,
        b: &Expr,
    ) -> Result<Value, PyError> {
        let x = self.eval(frame, a)?;
        let t = self.truthy(&x)?;
        if is_and != t {
            Ok(x)
        } else {
            self.eval(frame, b)
        }
    }

    #[inline(never)]
    fn eval_compare(
        &mut self,
        frame: &mut Frame,
        first: &Expr,
        rest: &[(CmpOp, Expr)],
    ) -> Result<Value, PyError> {
        let mut left = self.eval(frame, first)?;
        for (op, right_e) in rest {
            let right = self.eval(frame, right_e)?;
            if matches!(op, CmpOp::In | CmpOp::NotIn) {
                self.charge_contains(&right)?;
            }
            if !ops::compare(*op, &left, &right)? {
                return Ok(Value::Bool(false));
            }
            left = right;
        }
        Ok(Value::Bool(true))
    }

    #[inline(never)]
    fn eval_ifexp(
        &mut self,
        frame: &mut Frame,
        test: &Expr,
        body: &Expr,
        orelse: &Expr,
    ) -> Result<Value, PyError> {
        let t = self.eval(frame, test)?;
        if self.truthy(&t)? {
            self.eval(frame, body)
        } else {
            self.eval(frame, orelse)
        }
    }

    #[inline(never)]
    fn eval_call(
        &mut self,
        frame: &mut Frame,
        func: &Expr,
        args: &[Expr],
        kwargs: &[(Rc<str>, Expr)],
    ) -> Result<Value, PyError> {
        let f = self.eval(frame, func)?;
        let argv = self.eval_all(frame, args)?;
        let mut kw = Vec::with_capacity(kwargs.len());
        for (n, v) in kwargs {
            kw.push((n.clone(), self.eval(frame, v)?));
        }
        self.call_value(&f, argv, kw)
    }

    #[inline(never)]
    fn eval_attribute(
        &mut self,
        frame: &mut Frame,
        obj: &Expr,
        name: &str,
    ) -> Result<Value, PyError> {
        let o = self.eval(frame, obj)?;
        self.get_attr(&o, name)
    }

    #[inline(never)]
    fn eval_subscript(
        &mut self,
        frame: &mut Frame,
        obj: &Expr,
        index: &Expr,
    ) -> Result<Value, PyError> {
        let o = self.eval(frame, obj)?;
        let i = self.eval(frame, index)?;
        if let Value::Str(s) = &o {
            if !s.is_ascii() {
                self.charge_text(s.len())?;
            }
        }
        ops::get_item(&o, &i)
    }

    #[inline(never)]
    fn eval_slice(
        &mut self,
        frame: &mut Frame,
        a: &Option<Box<Expr>>,
        b: &Option<Box<Expr>>,
        c: &Option<Box<Expr>>,
    ) -> Result<Value, PyError> {
        let mut part = |x: &Option<Box<Expr>>, me: &mut Self| -> Result<Value, PyError> {
            match x {
                Some(x) => me.eval(frame, x),
                None => Ok(Value::None),
            }
        };
        let lower = part(a, self)?;
        let upper = part(b, self)?;
        let step = part(c, self)?;
        Ok(ops::make_slice(lower, upper, step))
    }

    #[inline(never)]
    fn eval_comp(
        &mut self,
        frame: &mut Frame,
        gens: &[Comprehension],
        elt: CompElt,
        mut out: CompOut,
        line: u32,
    ) -> Result<Value, PyError> {
        self.comprehension(frame, gens, &elt, &mut out, line)?;
        out.into_value()
    }

    #[inline(never)]
    fn eval_genexp(
        &mut self,
        frame: &mut Frame,
        elt: &Expr,
        gens: &[Comprehension],
        line: u32,
    ) -> Result<Value, PyError> {
        let mut out = CompOut::List(Vec::new());
        self.comprehension(frame, gens, &CompElt::One(elt), &mut out, line)?;
        match out {
            CompOut::List(items) => Ok(Value::Iterator(Rc::new(PyIter::from_values(
                "generator",
                items,
            )))),
            other => other.into_value(),
        }
    }

    fn charge_contains(&mut self, container: &Value) -> Result<(), PyError> {
        match container {
            Value::List(l) => {
                let n = l.borrow().len();
                self.charge(n)
            }
            Value::Tuple(t) => self.charge(t.len()),
            Value::Str(s) => self.charge_text(s.len()),
            _ => Ok(()),
        }
    }

    pub(crate) fn binary(&mut self, op: BinOp, x: &Value, y: &Value) -> Result<Value, PyError> {
        // (items, bytes) a value stands for.
        let size = |v: &Value| match v {
            Value::List(l) => (l.borrow().len(), 0),
            Value::Tuple(t) => (t.len(), 0),
            Value::Str(s) => (0, s.len()),
            Value::Bytes(b) => (0, b.len()),
            Value::Int(n) => (0, (n.bits() / 8) as usize),
            _ => (0, 0),
        };
        let r = ops::binary_op(op, x, y)?;
        let (produced, produced_bytes) = size(&r);
        let (xi, xb) = size(x);
        let (yi, yb) = size(y);
        self.charge(produced.max(xi + yi))?;
        self.charge_text(produced_bytes.max(xb + yb))?;
        Ok(r)
    }

    fn eval_all(&mut self, frame: &mut Frame, items: &[Expr]) -> Result<Vec<Value>, PyError> {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            out.push(self.eval(frame, i)?);
        }
        Ok(out)
    }

    fn fstring(&mut self, frame: &mut Frame, parts: &[FPart]) -> Result<String, PyError> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Lit(s) => out.push_str(s),
                FPart::Field {
                    expr,
                    conversion,
                    spec,
                    ..
                } => {
                    let v = self.eval(frame, expr)?;
                    let v = match conversion {
                        Some('r') | Some('a') => Value::Str(Rc::from(self.repr_of(&v)?.as_str())),
                        Some('s') => Value::Str(Rc::from(self.str_of(&v)?.as_str())),
                        _ => v,
                    };
                    let spec_text = self.fstring(frame, spec)?;
                    let text = if spec_text.is_empty() {
                        self.str_of(&v)?
                    } else {
                        super::format::format_value(&v, &spec_text)?
                    };
                    out.push_str(&text);
                    if out.len() > ops::MAX_STR_LEN {
                        return Err(ops::too_long(out.len() as u128));
                    }
                }
            }
        }
        Ok(out)
    }

    /// `repr(v)`, with Python's errors for values it cannot print.
    pub(crate) fn repr_of(&mut self, v: &Value) -> Result<String, PyError> {
        if let Value::Int(n) = v {
            return super::format::int_to_str(n);
        }
        let s = super::repr::repr_checked(v).ok_or_else(|| {
            exc(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object",
            )
        })?;
        self.charge_text(s.len())?;
        Ok(s)
    }

    /// `str(v)`, with Python's errors for values it cannot print.
    pub(crate) fn str_of(&mut self, v: &Value) -> Result<String, PyError> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Int(n) => super::format::int_to_str(n),
            Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::DictView(..) => self.repr_of(v),
            _ => Ok(super::repr::to_str(v)),
        }
    }

    fn comprehension(
        &mut self,
        frame: &mut Frame,
        gens: &[Comprehension],
        elt: &CompElt,
        out: &mut CompOut,
        line: u32,
    ) -> Result<(), PyError> {
        let first = match gens.first() {
            Some(g) => self.eval(frame, &g.iter)?,
            None => return Ok(()),
        };
        frame.comp.push(Vec::new());
        let r = self.comp_level(frame, gens, 0, Some(first), elt, out, line);
        if let Some(scope) = frame.comp.pop() {
            for (_, v) in scope {
                drop_deep(v);
            }
        }
        r
    }

    #[allow(clippy::too_many_arguments)]
    fn comp_level(
        &mut self,
        frame: &mut Frame,
        gens: &[Comprehension],
        i: usize,
        iterable: Option<Value>,
        elt: &CompElt,
        out: &mut CompOut,
        line: u32,
    ) -> Result<(), PyError> {
        let Some(g) = gens.get(i) else {
            match (elt, out) {
                (CompElt::One(e), CompOut::List(items)) => {
                    if items.len() >= MAX_ITEMS {
                        return Err(ops::too_many_items(items.len() as u128 + 1));
                    }
                    items.push(self.eval(frame, e)?);
                }
                (CompElt::One(e), CompOut::Set(s)) => {
                    let v = self.eval(frame, e)?;
                    s.add(v)?;
                }
                (CompElt::Pair(k, v), CompOut::Dict(d)) => {
                    let key = self.eval(frame, k)?;
                    let value = self.eval(frame, v)?;
                    d.insert(key, value)?;
                }
                _ => {}
            }
            return Ok(());
        };
        let iterable = match iterable {
            Some(v) => v,
            None => self.eval(frame, &g.iter)?,
        };
        let mut it = make_iter(&iterable)?;
        'items: while let Some(item) = it.next_value()? {
            self.step(line)?;
            self.assign_comp(frame, &g.target, item)?;
            for cond in &g.ifs {
                let c = self.eval(frame, cond)?;
                if !self.truthy(&c)? {
                    continue 'items;
                }
            }
            self.comp_level(frame, gens, i + 1, None, elt, out, line)?;
        }
        Ok(())
    }

    fn assign_comp(
        &mut self,
        frame: &mut Frame,
        target: &Expr,
        value: Value,
    ) -> Result<(), PyError> {
        match &target.kind {
            ExprKind::Name(n) => {
                if let Some(scope) = frame.comp.last_mut() {
                    match scope.iter_mut().find(|(k, _)| k == n) {
                        Some(slot) => slot.1 = value,
                        None => scope.push((n.clone(), value)),
                    }
                }
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let values = self.unpack(&value, items.len())?;
                for (t, v) in items.iter().zip(values) {
                    self.assign_comp(frame, t, v)?;
                }
                Ok(())
            }
            _ => self.assign(frame, target, value),
        }
    }

    // ------------------------------------------------------------------ calls

    pub(crate) fn call_value(
        &mut self,
        f: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        match f {
            Value::Function(func) => self.call_function(func, args, kwargs),
            Value::Builtin(b) => self.call_builtin(*b, args, kwargs),
            Value::Method(m) => {
                let receiver = m.receiver.clone();
                let name = m.name.clone();
                self.call_method(&receiver, &name, args, kwargs)
            }
            Value::NativeFunction(nf) => Ok((nf.func)(args, kwargs)?),
            Value::NativeMethod(obj, name) => Ok(obj.call_method(name, args, kwargs)?),
            Value::Type(t) => self.construct(t, args, kwargs),
            other => Err(type_error(format!(
                "'{}' object is not callable",
                other.error_type_name()
            ))),
        }
    }

    fn call_function(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        if self.it.depth >= MAX_CALL_DEPTH {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.check_stack()?;
        let def = func.def.clone();
        let locals = bind_arguments(func, args, kwargs)?;
        let mut frame = Frame {
            def: Some(def.clone()),
            locals,
            comp: Vec::new(),
            handling: Vec::new(),
        };
        let saved_line = self.it.line;
        self.it.depth += 1;
        let r = self.exec_block(&mut frame, &def.body);
        self.it.depth -= 1;
        self.it.line = saved_line;
        match r? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Value::None),
        }
    }
}

/// Matches call arguments to parameters, with Python 3.11's messages.
fn bind_arguments(
    func: &Function,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<Vec<Option<Value>>, PyError> {
    let def = &func.def;
    let params = &def.params;
    let name = &def.name;
    let n_params = params.len();
    let n_required = params.iter().filter(|p| p.default.is_none()).count();
    if args.len() > n_params {
        let takes = if n_required == n_params {
            format!(
                "{n_params} positional argument{}",
                if n_params == 1 { "" } else { "s" }
            )
        } else {
            format!("from {n_required} to {n_params} positional arguments")
        };
        let given = args.len();
        return Err(type_error(format!(
            "{name}() takes {takes} but {given} {} given",
            if given == 1 { "was" } else { "were" }
        )));
    }
    let mut locals: Vec<Option<Value>> = vec![None; def.locals.len()];
    for (i, v) in args.into_iter().enumerate() {
        locals[i] = Some(v);
    }
    for (k, v) in kwargs {
        match params.iter().position(|p| p.name == k) {
            Some(i) => {
                if locals[i].is_some() {
                    return Err(type_error(format!(
                        "{name}() got multiple values for argument '{k}'"
                    )));
                }
                locals[i] = Some(v);
            }
            None => {
                return Err(type_error(format!(
                    "{name}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let first_default = n_params - func.defaults.len();
    let mut missing = Vec::new();
    for (i, p) in params.iter().enumerate() {
        if locals[i].is_none() {
            if i >= first_default {
                locals[i] = Some(func.defaults[i - first_default].clone());
            } else {
                missing.push(format!("'{}'", p.name));
            }
        }
    }
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => {
                let (last, rest) = missing.split_last().unwrap_or((&missing[0], &[]));
                format!("{}, and {last}", rest.join(", "))
            }
        };
        return Err(type_error(format!(
            "{name}() missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(locals)
}

enum CompElt<'e> {
    One(&'e Expr),
    Pair(&'e Expr, &'e Expr),
}

enum CompOut {
    List(Vec<Value>),
    Set(Set),
    Dict(Dict),
}

impl CompOut {
    fn into_value(self) -> Result<Value, PyError> {
        Ok(match self {
            CompOut::List(items) => Value::list(items),
            CompOut::Set(s) => Value::set(s),
            CompOut::Dict(d) => Value::dict(d),
        })
    }
}
