//! Running generators: a generator's body is executed by a resumable walk of its
//! statements. Each block the running code is inside keeps a [`Level`] (which statement,
//! and that statement's state: the `for` loop's iterator, the branch an `if` took); at a
//! `yield` every level is kept and the walk returns, and the next resume walks back down to
//! the same place. Statements without a `yield` run as everywhere else. The parser refuses
//! a `yield` inside `try`/`with` and inside expressions, so suspending never has to keep an
//! exception handler or a half-evaluated expression.

use std::rc::Rc;

use crate::python::eval::{with_line, Exec, Flow, Frame, ValueIter, MAX_CALL_DEPTH};
use crate::python::syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use crate::python::types::generator::{GenState, Generator, Suspended};
use crate::python::types::lazy::{Lazy, LazyState};
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{NativeObject, PyException, Value};
use crate::python::PyError;

/// Where one block of a suspended generator stopped.
pub(crate) struct Level {
    idx: usize,
    state: LState,
}

enum LState {
    /// About to run the statement at `idx`.
    Fresh,
    /// Suspended at the `yield` statement at `idx`: the sent value is its result.
    AtYield,
    /// Inside `yield from`, with the iterator it delegates to.
    YieldFrom(Box<ValueIter>),
    /// Inside an `if`: the body (true) or the `else` block.
    If(bool),
    /// A `while`: in the body, or in the `else` block.
    While { in_body: bool, in_else: bool },
    /// A `for`: its iterator, in the body or in the `else` block.
    For {
        iter: Box<ValueIter>,
        in_body: bool,
        in_else: bool,
    },
}

/// What a resumed walk ended with.
pub(crate) enum Step {
    Yield(Value),
    Done(Flow),
}

/// What resuming a generator gave.
pub(crate) enum GenOut {
    Yielded(Value),
    /// It finished, returning this (the `StopIteration` value).
    Returned(Value),
}

/// Whether a statement (not looking into nested functions) contains a `yield`.
fn has_yield(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Assign { value: e, .. } => is_yield(e),
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => {
            body.iter().any(has_yield) || orelse.iter().any(has_yield)
        }
        _ => false,
    }
}

fn is_yield(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_))
}

impl Exec<'_> {
    /// `next(g)` / `g.send(v)`: runs the generator to its next `yield` or its end.
    pub(crate) fn resume(&mut self, g: &Generator, sent: Value) -> Result<GenOut, PyError> {
        let taken = std::mem::replace(&mut *g.state.borrow_mut(), GenState::Running);
        let mut sus = match taken {
            GenState::Suspended(s) => s,
            GenState::Running => {
                return Err(exc("ValueError", "generator already executing"));
            }
            GenState::Done => {
                *g.state.borrow_mut() = GenState::Done;
                return Ok(GenOut::Returned(Value::None));
            }
        };
        if !sus.started && !sent.is_none() {
            *g.state.borrow_mut() = GenState::Suspended(sus);
            return Err(type_error(
                "can't send non-None value to a just-started generator",
            ));
        }
        if self.it.depth >= MAX_CALL_DEPTH || self.stack_exhausted() {
            *g.state.borrow_mut() = GenState::Suspended(sus);
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        sus.started = true;
        let Some(def) = sus.frame.def.clone() else {
            *g.state.borrow_mut() = GenState::Done;
            return Ok(GenOut::Returned(Value::None));
        };
        let saved_line = self.it.line;
        self.it.depth += 1;
        let genexpr = &*def.name == "<genexpr>";
        let mut sent = Some(sent);
        let Suspended { frame, levels, .. } = &mut *sus;
        let r = self.run_level(frame, &def.body, levels, 0, &mut sent, genexpr);
        self.it.depth -= 1;
        self.it.line = saved_line;
        match r {
            Ok(Step::Yield(v)) => {
                *g.state.borrow_mut() = GenState::Suspended(sus);
                Ok(GenOut::Yielded(v))
            }
            Ok(Step::Done(flow)) => {
                *g.state.borrow_mut() = GenState::Done;
                drop(sus);
                Ok(GenOut::Returned(match flow {
                    Flow::Return(v) => v,
                    _ => Value::None,
                }))
            }
            Err(e) => {
                *g.state.borrow_mut() = GenState::Done;
                drop(sus);
                Err(match e {
                    PyError::Exception(e) if &*e.kind == "StopIteration" => {
                        PyError::Exception(PyException {
                            kind: Rc::from("RuntimeError"),
                            args: vec![Value::str("generator raised StopIteration")],
                            line: e.line,
                        })
                    }
                    other => other,
                })
            }
        }
    }

    /// Runs (or resumes) `block` at nesting `level`.
    fn run_level(
        &mut self,
        frame: &mut Frame,
        block: &[Stmt],
        levels: &mut Vec<Level>,
        level: usize,
        sent: &mut Option<Value>,
        genexpr: bool,
    ) -> Result<Step, PyError> {
        if levels.len() <= level {
            levels.push(Level {
                idx: 0,
                state: LState::Fresh,
            });
        }
        loop {
            let idx = levels[level].idx;
            let Some(s) = block.get(idx) else {
                levels.truncate(level);
                return Ok(Step::Done(Flow::Normal));
            };
            let fresh = matches!(levels[level].state, LState::Fresh);
            if fresh && !has_yield(s) {
                match self.exec_stmt(frame, s) {
                    Ok(Flow::Normal) => {
                        levels[level].idx += 1;
                        continue;
                    }
                    Ok(flow) => {
                        levels.truncate(level);
                        return Ok(Step::Done(flow));
                    }
                    Err(e) => {
                        levels.truncate(level);
                        return Err(e);
                    }
                }
            }
            let r = self.run_stmt(frame, s, levels, level, sent, genexpr);
            match r {
                Ok(None) | Ok(Some(Step::Done(Flow::Normal))) => {
                    levels[level].idx += 1;
                    levels[level].state = LState::Fresh;
                }
                Ok(Some(Step::Yield(v))) => return Ok(Step::Yield(v)),
                Ok(Some(Step::Done(flow))) => {
                    levels.truncate(level);
                    return Ok(Step::Done(flow));
                }
                Err(e) => {
                    levels.truncate(level);
                    return Err(with_line(e, s.line));
                }
            }
        }
    }

    /// One statement that contains a `yield`: `None` when it finished normally.
    fn run_stmt(
        &mut self,
        frame: &mut Frame,
        s: &Stmt,
        levels: &mut Vec<Level>,
        level: usize,
        sent: &mut Option<Value>,
        genexpr: bool,
    ) -> Result<Option<Step>, PyError> {
        let fresh = matches!(levels[level].state, LState::Fresh);
        if fresh {
            self.it.line = s.line;
            if !genexpr || matches!(s.kind, StmtKind::For { .. }) {
                self.step(s.line)?;
            }
            self.trace(frame, s.line);
        }
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Assign { value: e, .. } => {
                let targets = match &s.kind {
                    StmtKind::Assign { targets, .. } => &targets[..],
                    _ => &[],
                };
                let result = match &e.kind {
                    ExprKind::Yield(v) => {
                        if fresh {
                            let v = match v {
                                Some(v) => self.eval(frame, v)?,
                                None => Value::None,
                            };
                            levels[level].state = LState::AtYield;
                            return Ok(Some(Step::Yield(v)));
                        }
                        sent.take().unwrap_or(Value::None)
                    }
                    ExprKind::YieldFrom(source) => {
                        let mut iter =
                            match std::mem::replace(&mut levels[level].state, LState::Fresh) {
                                LState::YieldFrom(it) => it,
                                _ => {
                                    let v = self.eval(frame, source)?;
                                    let v = self.iter_source(v)?;
                                    Box::new(crate::python::eval::make_iter(&v)?)
                                }
                            };
                        let value = sent.take().unwrap_or(Value::None);
                        match self.delegate(&mut iter, value)? {
                            GenOut::Yielded(v) => {
                                levels[level].state = LState::YieldFrom(iter);
                                return Ok(Some(Step::Yield(v)));
                            }
                            GenOut::Returned(r) => r,
                        }
                    }
                    _ => return Ok(None),
                };
                self.it.line = s.line;
                for t in targets {
                    self.assign(frame, t, result.clone())?;
                }
                Ok(None)
            }
            StmtKind::If { test, body, orelse } => {
                let branch = match levels[level].state {
                    LState::If(b) => b,
                    _ => {
                        let t = self.eval(frame, test)?;
                        self.truthy(&t)?
                    }
                };
                levels[level].state = LState::If(branch);
                let blk = if branch { body } else { orelse };
                match self.run_level(frame, blk, levels, level + 1, sent, genexpr)? {
                    Step::Done(Flow::Normal) => Ok(None),
                    other => Ok(Some(other)),
                }
            }
            StmtKind::While { test, body, orelse } => {
                let (mut in_body, mut in_else) = match levels[level].state {
                    LState::While { in_body, in_else } => (in_body, in_else),
                    _ => (false, false),
                };
                let mut first = fresh;
                loop {
                    if in_else {
                        levels[level].state = LState::While {
                            in_body: false,
                            in_else: true,
                        };
                        return match self.run_level(
                            frame,
                            orelse,
                            levels,
                            level + 1,
                            sent,
                            genexpr,
                        )? {
                            Step::Done(Flow::Normal) => Ok(None),
                            other => Ok(Some(other)),
                        };
                    }
                    if !in_body {
                        if !first {
                            self.step(s.line)?;
                            self.it.line = s.line;
                            self.trace(frame, s.line);
                        }
                        first = false;
                        let t = self.eval(frame, test)?;
                        if !self.truthy(&t)? {
                            in_else = true;
                            continue;
                        }
                    }
                    levels[level].state = LState::While {
                        in_body: true,
                        in_else: false,
                    };
                    match self.run_level(frame, body, levels, level + 1, sent, genexpr)? {
                        Step::Yield(v) => return Ok(Some(Step::Yield(v))),
                        Step::Done(Flow::Break) => return Ok(None),
                        Step::Done(Flow::Return(v)) => {
                            return Ok(Some(Step::Done(Flow::Return(v))))
                        }
                        Step::Done(_) => in_body = false,
                    }
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let (mut it, mut in_body, mut in_else) =
                    match std::mem::replace(&mut levels[level].state, LState::Fresh) {
                        LState::For {
                            iter,
                            in_body,
                            in_else,
                        } => (iter, in_body, in_else),
                        _ => {
                            let v = self.eval(frame, iter)?;
                            let v = self.iter_source(v)?;
                            (Box::new(crate::python::eval::make_iter(&v)?), false, false)
                        }
                    };
                let mut first = fresh;
                loop {
                    if in_else {
                        levels[level].state = LState::For {
                            iter: it,
                            in_body: false,
                            in_else: true,
                        };
                        return match self.run_level(
                            frame,
                            orelse,
                            levels,
                            level + 1,
                            sent,
                            genexpr,
                        )? {
                            Step::Done(Flow::Normal) => Ok(None),
                            other => Ok(Some(other)),
                        };
                    }
                    if !in_body {
                        if !first {
                            self.step(s.line)?;
                            self.it.line = s.line;
                            self.trace(frame, s.line);
                        }
                        first = false;
                        match self.next_item(&mut it)? {
                            Some(item) => self.assign(frame, target, item)?,
                            None => {
                                in_else = true;
                                continue;
                            }
                        }
                    }
                    levels[level].state = LState::For {
                        iter: it,
                        in_body: true,
                        in_else: false,
                    };
                    let r = self.run_level(frame, body, levels, level + 1, sent, genexpr)?;
                    let LState::For { iter: back, .. } =
                        std::mem::replace(&mut levels[level].state, LState::Fresh)
                    else {
                        return Err(exc("SystemError", "lost a for loop's iterator"));
                    };
                    it = back;
                    match r {
                        Step::Yield(v) => {
                            levels[level].state = LState::For {
                                iter: it,
                                in_body: true,
                                in_else: false,
                            };
                            return Ok(Some(Step::Yield(v)));
                        }
                        Step::Done(Flow::Break) => return Ok(None),
                        Step::Done(Flow::Return(v)) => {
                            return Ok(Some(Step::Done(Flow::Return(v))))
                        }
                        Step::Done(_) => in_body = false,
                    }
                }
            }
            _ => Ok(None),
        }
    }

    /// One step of `yield from`: the next item of the iterator delegated to (a generator
    /// is sent the value sent to the delegating one).
    fn delegate(&mut self, it: &mut ValueIter, sent: Value) -> Result<GenOut, PyError> {
        if let ValueIter::Gen(obj) = it {
            let obj = obj.clone();
            if let Some(g) = obj.as_any().downcast_ref::<Generator>() {
                return self.resume(g, sent);
            }
        }
        Ok(match self.next_item(it)? {
            Some(v) => GenOut::Yielded(v),
            None => GenOut::Returned(Value::None),
        })
    }

    /// The next item of an iteration, driving generators.
    pub(crate) fn next_item(&mut self, it: &mut ValueIter) -> Result<Option<Value>, PyError> {
        if let ValueIter::Gen(obj) = it {
            let obj = obj.clone();
            return self.next_of(&obj);
        }
        it.next_value()
    }

    /// `next()` of a generator or a lazy built-in iterator.
    pub(crate) fn next_of(&mut self, obj: &Rc<dyn NativeObject>) -> Result<Option<Value>, PyError> {
        if let Some(g) = obj.as_any().downcast_ref::<Generator>() {
            return match self.resume(g, Value::None)? {
                GenOut::Yielded(v) => Ok(Some(v)),
                GenOut::Returned(_) => Ok(None),
            };
        }
        if let Some(r) = crate::python::stdlib::next_of(self, obj) {
            return r;
        }
        match obj.as_any().downcast_ref::<Lazy>() {
            Some(l) => self.next_lazy(l),
            None => Ok(None),
        }
    }

    /// The next item of a `map`, `filter`, `zip` or `enumerate` object.
    fn next_lazy(&mut self, l: &Lazy) -> Result<Option<Value>, PyError> {
        let mut state = std::mem::replace(&mut *l.state.borrow_mut(), LazyState::Running);
        let r = self.advance_lazy(&mut state);
        let finished = matches!(r, Ok(None) | Err(_));
        *l.state.borrow_mut() = if finished && !matches!(state, LazyState::Running) {
            match r {
                Ok(None) => LazyState::Exhausted,
                _ => state,
            }
        } else {
            state
        };
        r
    }

    fn advance_lazy(&mut self, state: &mut LazyState) -> Result<Option<Value>, PyError> {
        match state {
            LazyState::Running => Err(PyError::Unsupported {
                what: "a map/filter/zip/enumerate object used while it computes its item".into(),
                line: 0,
            }),
            LazyState::Exhausted => Ok(None),
            LazyState::Map { func, iters } => {
                let mut args = Vec::with_capacity(iters.len());
                for it in iters.iter_mut() {
                    match self.next_item(it)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                let f = func.clone();
                self.step(self.it.line)?;
                Ok(Some(self.call_value(&f, args, Vec::new())?))
            }
            LazyState::Filter { func, iter } => loop {
                let Some(item) = self.next_item(iter)? else {
                    return Ok(None);
                };
                self.step(self.it.line)?;
                let keep = if func.is_none() {
                    self.truthy(&item)?
                } else {
                    let f = func.clone();
                    let r = self.call_value(&f, vec![item.clone()], Vec::new())?;
                    self.truthy(&r)?
                };
                if keep {
                    return Ok(Some(item));
                }
            },
            LazyState::Zip { iters, strict } => {
                if iters.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(iters.len());
                for i in 0..iters.len() {
                    match self.next_item(&mut iters[i])? {
                        Some(v) => items.push(v),
                        None => {
                            if *strict {
                                if i > 0 {
                                    let which = if i == 1 {
                                        "argument 1".to_string()
                                    } else {
                                        format!("arguments 1-{i}")
                                    };
                                    return Err(exc(
                                        "ValueError",
                                        format!("zip() argument {} is shorter than {which}", i + 1),
                                    ));
                                }
                                for (j, it) in iters.iter_mut().enumerate().skip(1) {
                                    if self.next_item(it)?.is_some() {
                                        let which = if j == 1 {
                                            "argument 1".to_string()
                                        } else {
                                            format!("arguments 1-{j}")
                                        };
                                        return Err(exc(
                                            "ValueError",
                                            format!(
                                                "zip() argument {} is longer than {which}",
                                                j + 1
                                            ),
                                        ));
                                    }
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::tuple(items)))
            }
            LazyState::Enumerate { iter, next } => match self.next_item(iter)? {
                Some(v) => {
                    let i = next.clone();
                    *next += 1;
                    Ok(Some(Value::tuple(vec![Value::Int(i), v])))
                }
                None => Ok(None),
            },
        }
    }

    /// `g.send(v)`, `g.close()`, `next(g)` as a method, `iter(g)`.
    pub(crate) fn generator_method(
        &mut self,
        obj: &Rc<dyn NativeObject>,
        g: &Generator,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        if !kwargs.is_empty() {
            return Err(type_error(format!(
                "generator.{name}() takes no keyword arguments"
            )));
        }
        let no_args = |args: &[Value]| -> Result<(), PyError> {
            if args.is_empty() {
                Ok(())
            } else {
                Err(type_error(format!(
                    "generator.{name}() takes no arguments ({} given)",
                    args.len()
                )))
            }
        };
        match name {
            "send" => {
                if args.len() != 1 {
                    return Err(type_error(format!(
                        "generator.send() takes exactly one argument ({} given)",
                        args.len()
                    )));
                }
                let v = args.into_iter().next().unwrap_or(Value::None);
                match self.resume(g, v)? {
                    GenOut::Yielded(v) => Ok(v),
                    GenOut::Returned(r) => Err(stop_iteration(r)),
                }
            }
            "__next__" => {
                no_args(&args)?;
                match self.resume(g, Value::None)? {
                    GenOut::Yielded(v) => Ok(v),
                    GenOut::Returned(r) => Err(stop_iteration(r)),
                }
            }
            "__iter__" => {
                no_args(&args)?;
                Ok(Value::Native(obj.clone()))
            }
            "close" => {
                no_args(&args)?;
                let mut state = g.state.borrow_mut();
                if matches!(*state, GenState::Running) {
                    return Err(exc("ValueError", "generator already executing"));
                }
                // No `yield` is inside a `try`, so closing only ends it.
                let old = std::mem::replace(&mut *state, GenState::Done);
                drop(state);
                drop(old);
                Ok(Value::None)
            }
            _ => Err(PyError::Unsupported {
                what: format!("the generator method '{name}'"),
                line: 0,
            }),
        }
    }
}

fn stop_iteration(v: Value) -> PyError {
    let args = if v.is_none() { Vec::new() } else { vec![v] };
    PyError::Exception(PyException::with_args("StopIteration", args))
}
