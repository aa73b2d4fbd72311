//! Statements, names and assignment targets.

use std::cell::RefCell;
use std::rc::Rc;

use super::{name_error, unbound_local};
use crate::python::eval::{exception_is, make_iter, tables, with_line, Exec, Flow, Frame};
use crate::python::syntax::ast::{BinOp, Expr, ExprKind, FunctionDef, Handler, Stmt, StmtKind};
use crate::python::types::ops::{self, exc, type_error, MAX_ITEMS};
use crate::python::types::{drop_deep, Cell, Dict, Function, PyModule, Value};
use crate::python::{PyError, PyException};

/// The TypeError of `a op= b`: "unsupported operand type(s) for +=: …".
fn inplace_message(e: PyError, op: BinOp) -> PyError {
    match e {
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
    }
}

/// An exception raised while `handled` was being handled keeps alive what `handled`
/// keeps (CPython's `__context__`).
pub(crate) fn chained<T>(
    r: Result<T, PyError>,
    handled: Option<&crate::python::PyException>,
) -> Result<T, PyError> {
    match (r, handled) {
        (Err(PyError::Exception(mut new)), Some(old)) => {
            crate::python::types::generator::chain_context(&mut new, old);
            new.inherit_context(old);
            Err(PyError::Exception(new))
        }
        (r, _) => r,
    }
}

/// An exception an `except` clause caught, with its identity from now on (the name it is
/// bound to, a bare `raise` and `__context__` hold copies of it). One raised while
/// `handled` was being handled, by code that handled nothing itself, gets `handled` as its
/// `__context__`, as CPython gives it where it was raised.
#[inline(never)]
pub(crate) fn caught(
    mut e: crate::python::PyException,
    handled: Option<&crate::python::PyException>,
) -> crate::python::PyException {
    e.identify();
    if let Some(old) = handled {
        e.inherit_context(old);
    }
    e
}

fn free_unbound(name: &str) -> PyError {
    PyError::Exception(
        PyException::new(
            "NameError",
            format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ),
        )
        .with_attrs(vec![("name", Value::None)]),
    )
}

impl Exec<'_> {
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
        if matches!(s.kind, StmtKind::Global(_) | StmtKind::Nonlocal(_)) {
            // Declarations: the name-resolution pass already used them.
            return Ok(Flow::Normal);
        }
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
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.exec_ann_assign(frame, target, annotation, value.as_ref(), *simple),
            StmtKind::Del(targets) => targets
                .iter()
                .try_for_each(|t| self.delete(frame, t))
                .map(|_| Flow::Normal),
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(Flow::Normal),
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
            StmtKind::With { items, body } => self.exec_with(frame, items, body),
            StmtKind::Match { subject, cases } => self.exec_match(frame, subject, cases),
            StmtKind::Raise(e) => self.exec_raise(frame, e.as_ref()),
            StmtKind::RaiseFrom { exc, cause } => self.exec_raise_from(frame, exc, cause),
            StmtKind::Assert { test, msg } => self.exec_assert(frame, test, msg.as_ref()),
            StmtKind::FunctionDef(def) => self.exec_def(frame, def),
            StmtKind::ClassDef(def) => self.exec_class(frame, def),
            StmtKind::Import(names) => self.exec_import(frame, names),
            StmtKind::ImportFrom { module, names } => {
                self.exec_import_from(frame, s.line, module, names)
            }
        };
        r.map_err(|e| with_line(e, s.line))
    }

    #[inline(never)]
    pub(crate) fn exec_assign(
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

    /// `target: annotation = value`, as CPython 3.11 compiles it: the assignment first; in a
    /// module or class body the annotation is then evaluated, and for a bare name stored in
    /// `__annotations__`; without a value, the object of an attribute or subscript target is
    /// evaluated (in any scope).
    #[inline(never)]
    fn exec_ann_assign(
        &mut self,
        frame: &mut Frame,
        target: &Expr,
        annotation: &Expr,
        value: Option<&Expr>,
        simple: bool,
    ) -> Result<Flow, PyError> {
        match value {
            Some(v) => {
                self.exec_assign(frame, std::slice::from_ref(target), v)?;
            }
            None => match &target.kind {
                ExprKind::Attribute(obj, _) => {
                    self.eval(frame, obj)?;
                }
                ExprKind::Subscript(obj, index) => {
                    self.eval(frame, obj)?;
                    self.eval(frame, index)?;
                }
                _ => {}
            },
        }
        if frame.def.is_some() {
            return Ok(Flow::Normal);
        }
        let ann = self.eval(frame, annotation)?;
        if let (true, ExprKind::Name(name)) = (simple, &target.kind) {
            let anns = self.load_name(frame, &Rc::from("__annotations__"))?;
            self.store_item(&anns, Value::Str(name.clone()), ann)?;
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    pub(crate) fn exec_return(
        &mut self,
        frame: &mut Frame,
        e: Option<&Expr>,
    ) -> Result<Flow, PyError> {
        let v = match e {
            Some(e) => self.eval(frame, e)?,
            None => Value::None,
        };
        Ok(Flow::Return(v))
    }

    #[inline(never)]
    pub(crate) fn exec_if(
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
    pub(crate) fn exec_while(
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
    pub(crate) fn exec_for(
        &mut self,
        frame: &mut Frame,
        line: u32,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> Result<Flow, PyError> {
        let iterable = self.eval(frame, iter)?;
        let iterable = self.iter_source(iterable)?;
        let mut it = make_iter(&iterable)?;
        let mut first = true;
        loop {
            if !first {
                self.step(line)?;
                self.it.line = line;
                self.trace(frame, line);
            }
            first = false;
            let Some(item) = self.next_item(&mut it)? else {
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

    /// `raise exc from cause`: the cause must be an exception (or `None`); what escapes is
    /// `exc`, as the last line of CPython's traceback shows it.
    #[inline(never)]
    pub(crate) fn exec_raise_from(
        &mut self,
        frame: &mut Frame,
        exc_e: &Expr,
        cause_e: &Expr,
    ) -> Result<Flow, PyError> {
        let v = self.eval(frame, exc_e)?;
        let mut e = self.raised_exception(&v)?;
        let cause = self.eval(frame, cause_e)?;
        let cause = match cause {
            Value::None | Value::Exception(_) => cause,
            // `raise … from KeyError`: the class is called for the cause.
            Value::Type(crate::python::types::PyType::Exception(name)) => self
                .new_exception(&name, Vec::new(), Vec::new())?
                .into_value(),
            _ => {
                return Err(type_error(
                    "exception causes must derive from BaseException",
                ))
            }
        };
        e.set_cause(cause);
        if let Some(old) = frame.handling.last() {
            e.set_context(old);
        }
        Err(PyError::Exception(e))
    }

    #[inline(never)]
    pub(crate) fn exec_raise(
        &mut self,
        frame: &mut Frame,
        e: Option<&Expr>,
    ) -> Result<Flow, PyError> {
        let exc = match e {
            None => match frame.handling.last() {
                Some(e) => e.clone(),
                None => return Err(exc("RuntimeError", "No active exception to reraise")),
            },
            Some(e) => {
                let v = self.eval(frame, e)?;
                let mut exc = self.raised_exception(&v)?;
                if let Some(old) = frame.handling.last() {
                    exc.set_context(old);
                }
                exc
            }
        };
        Err(PyError::Exception(exc))
    }

    #[inline(never)]
    pub(crate) fn exec_assert(
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
    pub(crate) fn exec_def(
        &mut self,
        frame: &mut Frame,
        def: &Rc<FunctionDef>,
    ) -> Result<Flow, PyError> {
        let mut decorators = Vec::with_capacity(def.decorators.len());
        for d in &def.decorators {
            decorators.push((self.eval(frame, d)?, d.line));
        }
        let mut f = self.make_function(frame, def)?;
        for (d, line) in decorators.into_iter().rev() {
            f = self
                .call_value(&d, vec![f], Vec::new())
                .map_err(|e| with_line(e, line))?;
        }
        self.store_name(frame, &def.name, f)?;
        Ok(Flow::Normal)
    }

    /// A function value for a definition: its defaults evaluated now, its closure taken
    /// from this frame's cells.
    pub(crate) fn make_function(
        &mut self,
        frame: &mut Frame,
        def: &Rc<FunctionDef>,
    ) -> Result<Value, PyError> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(frame, d)?),
                None => None,
            });
        }
        // Annotations are evaluated after the defaults, when the function is made (3.11
        // without `from __future__ import annotations`).
        let mut annotations = None;
        if !def.annotations.is_empty() {
            let mut d = Dict::new();
            for (name, e) in &def.annotations {
                let v = self.eval(frame, e)?;
                d.insert(Value::Str(name.clone()), v)?;
            }
            annotations = Some(Value::dict(d));
        }
        let mut closure = Vec::with_capacity(def.freevars().len());
        for name in def.freevars() {
            closure.push(self.cell_for(frame, name));
        }
        let f = Function::new(def.clone(), defaults, closure, self.it.module_name.clone());
        if let Some(a) = annotations {
            f.set_attr("__annotations__", a);
        }
        Ok(Value::Function(Rc::new(f)))
    }

    /// The cell through which a nested function sees `name` of this frame.
    fn cell_for(&mut self, frame: &mut Frame, name: &str) -> Cell {
        for scope in frame.comp.iter().rev() {
            if let Some((_, cell)) = scope.iter().rev().find(|(n, _)| &**n == name) {
                return cell.clone();
            }
        }
        if let Some(def) = &frame.def {
            if let Some(slot) = def.local_slot(name) {
                if let Some(Some(cell)) = frame.cells.get(slot) {
                    return cell.clone();
                }
            }
            if let Some(i) = def.free_slot(name) {
                if let Some(cell) = frame.free.get(i) {
                    return cell.clone();
                }
            }
        }
        if let Some((_, cell)) = frame.enclosing.iter().rev().find(|(n, _)| &**n == name) {
            return cell.clone();
        }
        // The resolver only asks for names this frame holds; an empty cell otherwise.
        Rc::new(RefCell::new(None))
    }

    #[inline(never)]
    pub(crate) fn exec_import(
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
    pub(crate) fn exec_import_from(
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
                            if self.it.unsimulated_name(module, name) {
                                return Err(PyError::Unsupported {
                                    what: format!("'{name}' from the module '{module}'"),
                                    line,
                                });
                            }
                            let origin = self.it.module_origin(module);
                            return Err(exc(
                                "ImportError",
                                format!("cannot import name '{name}' from '{module}' ({origin})"),
                            ));
                        }
                    }
                }
            };
            self.store_name(frame, alias.as_ref().unwrap_or(name), v)?;
        }
        Ok(Flow::Normal)
    }

    pub(crate) fn import(&mut self, dotted: &str) -> Result<Rc<PyModule>, PyError> {
        self.it.ensure_module(dotted);
        match self.it.modules.get(dotted) {
            Some(m) => Ok(m.clone()),
            None => {
                // A submodule of a package that is here: that package's other submodules
                // (a library's real package without it: CPython's error); otherwise the
                // top-level modules.
                let parent = dotted
                    .rsplit_once('.')
                    .map(|(p, _)| p)
                    .filter(|p| self.it.modules.contains_key(*p));
                if let Some(p) = parent {
                    let last = &dotted[p.len() + 1..];
                    let real = self.it.library.and_then(|index| index(p));
                    if real.is_some_and(|m| !m.names.contains(&last)) {
                        return Err(exc(
                            "ModuleNotFoundError",
                            format!("No module named '{dotted}'"),
                        ));
                    }
                }
                let prefix = parent.map(|p| format!("{p}."));
                let mut known: Vec<&str> = match &prefix {
                    Some(prefix) => self
                        .it
                        .modules
                        .keys()
                        .filter_map(|k| k.strip_prefix(prefix.as_str()))
                        .filter(|k| !k.contains('.'))
                        .collect(),
                    None => self
                        .it
                        .modules
                        .keys()
                        .map(|k| k.as_str())
                        .filter(|k| !k.contains('.'))
                        .chain(self.it.pending.iter().map(|(n, _)| *n))
                        .collect(),
                };
                known.sort_unstable();
                let known = known.join(", ");
                let what = match parent {
                    Some(p) => format!("the module '{dotted}' (here {p} has: {known})"),
                    None => format!("the module '{dotted}' (available: {known})"),
                };
                Err(PyError::Unsupported { what, line: 0 })
            }
        }
    }

    pub(crate) fn exec_try(
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
                    let e = caught(e, frame.handling.last());
                    if let Some(name) = &h.name {
                        self.store_name(frame, name, Value::Exception(Rc::new(e.clone())))?;
                    }
                    frame.handling.push(e);
                    let r = chained(self.exec_block(frame, &h.body), frame.handling.last());
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
        let fin = match &result {
            Err(PyError::Exception(e)) => chained(fin, Some(e)),
            _ => fin,
        };
        if let Err(PyError::Exception(_)) = &result {
            frame.handling.pop();
        }
        match fin? {
            Flow::Normal => result,
            other => Ok(other),
        }
    }

    /// `with` over `items` (the first entered first, exited last).
    pub(crate) fn exec_with(
        &mut self,
        frame: &mut Frame,
        items: &[(Expr, Option<Expr>)],
        body: &[Stmt],
    ) -> Result<Flow, PyError> {
        let Some(((expr, target), rest)) = items.split_first() else {
            return self.exec_block(frame, body);
        };
        let line = self.it.line;
        let (entered, exit) = self.with_enter(frame, expr)?;
        let result = match target {
            Some(t) => self.assign(frame, t, entered),
            None => Ok(()),
        }
        .and_then(|_| self.exec_with(frame, rest, body));
        self.with_exit(frame, &exit, line, result)
    }

    /// Evaluates a `with` item's manager and calls its `__enter__`: what it entered (for
    /// the `as` target) and its `__exit__`.
    pub(crate) fn with_enter(
        &mut self,
        frame: &mut Frame,
        expr: &Expr,
    ) -> Result<(Value, Value), PyError> {
        let manager = self.eval(frame, expr)?;
        let (enter, exit) = match &manager {
            Value::Instance(_) => (
                self.special(&manager, "__enter__"),
                self.special(&manager, "__exit__"),
            ),
            _ => (None, None),
        };
        let Some(enter) = enter else {
            return Err(type_error(format!(
                "'{}' object does not support the context manager protocol",
                manager.error_type_name()
            )));
        };
        let Some(exit) = exit else {
            return Err(type_error(format!(
                "'{}' object does not support the context manager protocol (missed __exit__ method)",
                manager.error_type_name()
            )));
        };
        let entered = self.call_value(&enter, Vec::new(), Vec::new())?;
        Ok((entered, exit))
    }

    /// Calls a manager's `__exit__` with how its block ended (`line` is the `with`
    /// statement's): an exception it returns true for is suppressed.
    pub(crate) fn with_exit(
        &mut self,
        frame: &mut Frame,
        exit: &Value,
        line: u32,
        result: Result<Flow, PyError>,
    ) -> Result<Flow, PyError> {
        match result {
            Err(PyError::Exception(e)) => {
                let mut e = match e.line {
                    Some(_) => e,
                    None => e.at_line(self.it.line),
                };
                e.identify();
                let args = vec![
                    Value::Type(crate::python::types::PyType::Exception(e.kind.clone())),
                    Value::Exception(Rc::new(e.clone())),
                    Value::None,
                ];
                frame.handling.push(e.clone());
                self.it.line = line;
                let suppress = self.call_value(exit, args, Vec::new());
                frame.handling.pop();
                let suppress = suppress.map_err(|err| with_line(err, line))?;
                if self.truthy(&suppress).map_err(|err| with_line(err, line))? {
                    Ok(Flow::Normal)
                } else {
                    Err(PyError::Exception(e))
                }
            }
            Err(other) => Err(other),
            Ok(flow) => {
                self.it.line = line;
                self.call_value(
                    exit,
                    vec![Value::None, Value::None, Value::None],
                    Vec::new(),
                )
                .map_err(|err| with_line(err, line))?;
                Ok(flow)
            }
        }
    }

    pub(crate) fn find_handler<'h>(
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

    pub(crate) fn exception_matches_value(
        &self,
        e: &PyException,
        t: &Value,
    ) -> Result<bool, PyError> {
        match t {
            Value::Type(crate::python::types::PyType::Exception(name)) => {
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

    /// The exception a `raise` of this value raises (a class is called first).
    pub(crate) fn raised_exception(&mut self, v: &Value) -> Result<PyException, PyError> {
        match v {
            Value::Type(crate::python::types::PyType::Exception(name)) => {
                let name = name.clone();
                self.new_exception(&name, Vec::new(), Vec::new())
            }
            Value::Exception(e) => Ok((**e).clone()),
            _ => Err(type_error("exceptions must derive from BaseException")),
        }
    }

    pub(crate) fn truthy(&mut self, v: &Value) -> Result<bool, PyError> {
        if let Value::Instance(_) = v {
            if let Some(b) = self.call_special(v, "__bool__", Vec::new())? {
                return match b {
                    Value::Bool(b) => Ok(b),
                    other => Err(type_error(format!(
                        "__bool__ should return bool, returned {}",
                        other.error_type_name()
                    ))),
                };
            }
            if let Some(n) = self.call_special(v, "__len__", Vec::new())? {
                return Ok(n.is_truthy());
            }
            return Ok(true);
        }
        Ok(v.is_truthy())
    }

    // ------------------------------------------------------------------ names

    pub(crate) fn load_name(&mut self, frame: &Frame, name: &Rc<str>) -> Result<Value, PyError> {
        for scope in frame.comp.iter().rev() {
            if let Some((_, cell)) = scope.iter().rev().find(|(n, _)| n == name) {
                if let Some(v) = &*cell.borrow() {
                    return Ok(v.clone());
                }
            }
        }
        if let Some(def) = &frame.def {
            if let Some(slot) = def.local_slot(name) {
                return match frame.local(slot) {
                    Some(v) => Ok(v),
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
            if let Some(i) = def.free_slot(name) {
                if let Some(cell) = frame.free.get(i) {
                    return match &*cell.borrow() {
                        Some(v) => Ok(v.clone()),
                        None => Err(free_unbound(name)),
                    };
                }
            }
        }
        if let Some(ns) = &frame.class_ns {
            if let Some((_, v)) = ns.iter().find(|(k, _)| k == name) {
                return Ok(v.clone());
            }
            if let Some((_, cell)) = frame.enclosing.iter().rev().find(|(n, _)| n == name) {
                if let Some(v) = &*cell.borrow() {
                    return Ok(v.clone());
                }
            }
        }
        if &**name == "__name__" {
            if let Some(v) = self.it.globals.get(name) {
                return Ok(v.clone());
            }
            return Ok(Value::Str(self.it.module_name.clone()));
        }
        if let Some(v) = self.it.globals.get(name) {
            return Ok(v.clone());
        }
        crate::python::builtins::builtin_value(self.it, name).ok_or_else(|| {
            if let Some(what) = crate::python::builtins::unsupported_builtin(name) {
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
                let old = match frame.cells.get(slot) {
                    Some(Some(cell)) => cell.borrow_mut().replace(value),
                    _ => frame.locals[slot].replace(value),
                };
                if let Some(old) = old {
                    drop_deep(old);
                }
                return Ok(());
            }
            if let Some(i) = def.free_slot(name) {
                if let Some(cell) = frame.free.get(i) {
                    let old = cell.borrow_mut().replace(value);
                    if let Some(old) = old {
                        drop_deep(old);
                    }
                    return Ok(());
                }
            }
        }
        if let Some(ns) = &mut frame.class_ns {
            match ns.iter_mut().find(|(k, _)| k == name) {
                Some(slot) => slot.1 = value,
                None => ns.push((name.clone(), value)),
            }
            return Ok(());
        }
        if let Some(old) = self.it.globals.insert(name.clone(), value) {
            drop_deep(old);
        }
        Ok(())
    }

    pub(crate) fn unbind(&mut self, frame: &mut Frame, name: &Rc<str>) {
        if let Some(def) = &frame.def {
            if let Some(slot) = def.local_slot(name) {
                match frame.cells.get(slot) {
                    Some(Some(cell)) => *cell.borrow_mut() = None,
                    _ => frame.locals[slot] = None,
                }
                return;
            }
            if let Some(i) = def.free_slot(name) {
                if let Some(cell) = frame.free.get(i) {
                    *cell.borrow_mut() = None;
                    return;
                }
            }
        }
        self.it.globals.remove(name);
    }

    // ------------------------------------------------------------------ targets

    pub(crate) fn assign(
        &mut self,
        frame: &mut Frame,
        target: &Expr,
        value: Value,
    ) -> Result<(), PyError> {
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
                if let Value::Instance(_) = &o {
                    if self
                        .call_special(&o, "__setitem__", vec![i.clone(), value.clone()])
                        .map_err(|e| with_line(e, target.line))?
                        .is_some()
                    {
                        return Ok(());
                    }
                }
                self.store_item(&o, i, value)
                    .map_err(|e| with_line(e, target.line))
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let values = self.unpack_targets(&value, items)?;
                for (t, v) in items.iter().zip(values) {
                    let t = match &t.kind {
                        ExprKind::Starred(inner) => &**inner,
                        _ => t,
                    };
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

    /// The values for a list of targets, one per target; a `*starred` target gets a list of
    /// the values left over.
    pub(crate) fn unpack_targets(
        &mut self,
        value: &Value,
        targets: &[Expr],
    ) -> Result<Vec<Value>, PyError> {
        let source;
        let value = match value {
            Value::Instance(_) => {
                source = self.unpack_source(value)?;
                &source
            }
            _ => value,
        };
        let Some(star) = targets
            .iter()
            .position(|t| matches!(t.kind, ExprKind::Starred(_)))
        else {
            return self.unpack(value, targets.len());
        };
        if make_iter(value).is_err() {
            return Err(type_error(format!(
                "cannot unpack non-iterable {} object",
                value.error_type_name()
            )));
        }
        let mut items = self.snapshot(value)?;
        self.charge(items.len())?;
        let after = targets.len() - star - 1;
        if items.len() < star + after {
            return Err(exc(
                "ValueError",
                format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    star + after,
                    items.len()
                ),
            ));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(star);
        items.push(Value::list(middle));
        items.extend(tail);
        Ok(items)
    }

    /// What unpacking an instance iterates: what its `__iter__` returns (the tuple a
    /// namedtuple carries).
    fn unpack_source(&mut self, value: &Value) -> Result<Value, PyError> {
        match self.call_special(value, "__iter__", Vec::new())? {
            Some(it) => Ok(it),
            None => Err(type_error(format!(
                "cannot unpack non-iterable {} object",
                value.error_type_name()
            ))),
        }
    }

    pub(crate) fn unpack(&mut self, value: &Value, n: usize) -> Result<Vec<Value>, PyError> {
        let source;
        let value = match value {
            Value::Instance(_) => {
                source = self.unpack_source(value)?;
                &source
            }
            _ => value,
        };
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
        while let Some(v) = self.next_item(&mut it)? {
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

    pub(crate) fn aug_assign(
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
                let current = self.item_of(&o, &i)?;
                let rhs = self.eval(frame, value)?;
                let result = self.inplace(op, &current, &rhs)?;
                self.store_item(&o, i, result)
            }
            _ => Err(PyError::Unsupported {
                what: "this augmented assignment target".into(),
                line: target.line,
            }),
        }
    }

    /// `a op= b`: lists, dicts and sets change in place, everything else rebinds.
    pub(crate) fn inplace(&mut self, op: BinOp, a: &Value, b: &Value) -> Result<Value, PyError> {
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            let iname = match op {
                BinOp::Add => "__iadd__",
                BinOp::Sub => "__isub__",
                BinOp::Mul => "__imul__",
                BinOp::Div => "__itruediv__",
                BinOp::FloorDiv => "__ifloordiv__",
                BinOp::Mod => "__imod__",
                BinOp::Pow => "__ipow__",
                BinOp::LShift => "__ilshift__",
                BinOp::RShift => "__irshift__",
                BinOp::BitAnd => "__iand__",
                BinOp::BitOr => "__ior__",
                BinOp::BitXor => "__ixor__",
            };
            if let Some(r) = self.call_special(a, iname, vec![b.clone()])? {
                if !ops::is_not_implemented(&r) {
                    return Ok(r);
                }
            }
            return self.binary(op, a, b).map_err(|e| inplace_message(e, op));
        }
        match (op, a) {
            (BinOp::Add, Value::List(l)) => {
                let extra = self.snapshot(b)?;
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
            (BinOp::BitOr, Value::Dict(d))
                if d.borrow().flavor.is_none()
                    && (tables::involves_user_keys(a) || tables::involves_user_keys(b)) =>
            {
                self.dict_update_arg(d, b)?;
                Ok(a.clone())
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(_))
                if tables::involves_user_keys(a) || tables::involves_user_keys(b) =>
            {
                match self.set_inplace_with_keys(op, a, b)? {
                    Some(r) => Ok(r),
                    None => self.binary(op, a, b).map_err(|e| inplace_message(e, op)),
                }
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
            (BinOp::BitOr, Value::Dict(d)) if d.borrow().flavor.is_none() => {
                // `d |= pairs` takes what `d.update(pairs)` takes.
                self.dict_update_arg(d, b)?;
                Ok(a.clone())
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(s))
                if matches!(b, Value::Set(_)) && !s.borrow().frozen =>
            {
                crate::python::types::set::inplace(op, s, b)?;
                Ok(a.clone())
            }
            _ => {
                if let (Value::Str(x), Value::Str(_)) = (a, b) {
                    self.charge_text(x.len())?;
                }
                ops::binary_op(op, a, b).map_err(|e| inplace_message(e, op))
            }
        }
    }

    pub(crate) fn delete(&mut self, frame: &mut Frame, target: &Expr) -> Result<(), PyError> {
        match &target.kind {
            ExprKind::Name(n) => {
                if let Some(def) = &frame.def {
                    if let Some(slot) = def.local_slot(n) {
                        let old = match frame.cells.get(slot) {
                            Some(Some(cell)) => cell.borrow_mut().take(),
                            _ => frame.locals[slot].take(),
                        };
                        return match old {
                            Some(old) => {
                                drop_deep(old);
                                Ok(())
                            }
                            None => Err(unbound_local(n)),
                        };
                    }
                    if let Some(i) = def.free_slot(n) {
                        if let Some(cell) = frame.free.get(i) {
                            let old = cell.borrow_mut().take();
                            return match old {
                                Some(old) => {
                                    drop_deep(old);
                                    Ok(())
                                }
                                None => Err(free_unbound(n)),
                            };
                        }
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
                if let Value::Instance(_) = &o {
                    if self
                        .call_special(&o, "__delitem__", vec![i.clone()])?
                        .is_some()
                    {
                        return Ok(());
                    }
                }
                if crate::python::stdlib::collections::ignores_missing_del(self, &o, &i)? {
                    return Ok(());
                }
                self.delete_item(&o, &i)
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
}
