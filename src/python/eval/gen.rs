//! Running generators: a generator's body is executed by a resumable walk of its
//! statements. Each block the running code is inside keeps a [`Level`] (which statement,
//! and that statement's state: the `for` loop's iterator, the branch an `if` took); at a
//! `yield` every level is kept and the walk returns, and the next resume walks back down to
//! the same place. Statements without a `yield` run as everywhere else. A `try` level
//! keeps which of its blocks is running and what its `finally` must do afterwards (an
//! exception to re-raise, a `return`/`break` to carry on); a `with` level keeps the
//! `__exit__` of each manager it entered. What a resume sends reaches the `yield` the
//! generator is suspended at: a value, or an exception (`throw()`, `close()`'s
//! `GeneratorExit`) raised there. A `yield` inside an expression suspends the
//! evaluation of that expression (`eval::suspend`): the statement's level keeps it.

use std::rc::Rc;

use crate::python::eval::suspend::{substituted, EStep, Sub};
use crate::python::eval::{with_line, Exec, Flow, Frame, ValueIter, MAX_CALL_DEPTH};
use crate::python::syntax::ast::{Expr, ExprKind, Handler, MatchCase, Stmt, StmtKind};
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
    /// Suspended at the `yield` statement (or `y = yield x`) at `idx`: the value sent is
    /// its result.
    AtYield,
    /// A simple statement (expression, assignment, `return`, `raise`, `del`, `assert`)
    /// suspended inside one of its expressions.
    Eval(Box<SEval>),
    /// Suspended inside the test of an `if`/`while` or the iterable of a `for`.
    Test(Sub),
    /// A `match`: its subject, the case being tried, and where in it.
    Match(Box<MState>),
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
    /// A `try`: the block running, and what to do once the `finally` block ends.
    Try {
        part: TryPart,
        pending: Option<Pending>,
    },
    /// A `with`: the `__exit__` of each manager entered, the first entered first.
    With(Vec<Value>),
}

/// Where a simple statement with a `yield` in its expressions stopped.
pub(crate) struct SEval {
    /// Which of its expressions runs (its value first, then each target).
    phase: usize,
    /// What the earlier phases computed.
    vals: Vec<Value>,
    /// How many of `vals` are the target's operands (an augmented assignment).
    n: usize,
    sub: Sub,
}

pub(crate) struct MState {
    subject: Option<Value>,
    case: usize,
    phase: MPhase,
    sub: Sub,
}

#[derive(Clone, Copy, PartialEq)]
enum MPhase {
    Pattern,
    Guard,
    Body,
}

#[derive(Clone, Copy, PartialEq)]
enum TryPart {
    Body,
    /// The `except` block at this index (its exception is in the frame's `handling`).
    Handler(usize),
    Else,
    Finally,
}

/// What the end of a `finally` block resumes.
enum Pending {
    /// The exception (or stop) to propagate again.
    Raise(PyError),
    /// The `return`, `break` or `continue` the block was left with.
    Flow(Flow),
}

/// What resuming a generator sends to the `yield` it is suspended at.
pub(crate) enum Sent {
    Value(Value),
    /// Raised at the `yield` (`throw()`, or `close()`'s `GeneratorExit`).
    Throw(PyException),
}

/// Whether closing a generator suspended with these levels runs code of its own (it is
/// inside a `try` or a `with`).
pub(crate) fn needs_cleanup(levels: &[Level]) -> bool {
    levels
        .iter()
        .any(|l| matches!(l.state, LState::Try { .. } | LState::With(_)))
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
    let block = |b: &[Stmt]| b.iter().any(has_yield);
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::Raise(Some(e)) => e.yields,
        StmtKind::Assign { targets, value } => value.yields || targets.iter().any(|t| t.yields),
        StmtKind::AugAssign { target, value, .. } => target.yields || value.yields,
        StmtKind::Del(targets) => targets.iter().any(|t| t.yields),
        StmtKind::RaiseFrom { exc, cause } => exc.yields || cause.yields,
        StmtKind::Assert { test, msg } => test.yields || msg.as_ref().is_some_and(|m| m.yields),
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            test.yields || block(body) || block(orelse)
        }
        StmtKind::For {
            iter, body, orelse, ..
        } => iter.yields || block(body) || block(orelse),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            block(body)
                || handlers.iter().any(|h| block(&h.body))
                || block(orelse)
                || block(finalbody)
        }
        StmtKind::With { body, .. } => block(body),
        StmtKind::Match { subject, cases } => {
            subject.yields
                || cases
                    .iter()
                    .any(|c| c.guard.as_ref().is_some_and(|g| g.yields) || block(&c.body))
        }
        _ => false,
    }
}

/// A leaf reading the value at `i` of the values a statement computed.
fn temp(e: &Expr, i: u32) -> Expr {
    Expr::leaf(e.line, e.col, ExprKind::Temp(i))
}

impl Exec<'_> {
    /// `next(g)` / `g.send(v)`: runs the generator to its next `yield` or its end.
    pub(crate) fn resume(&mut self, g: &Generator, sent: Value) -> Result<GenOut, PyError> {
        self.resume_with(g, Sent::Value(sent))
    }

    /// Resumes a generator with a value or an exception raised at its `yield`.
    pub(crate) fn resume_with(&mut self, g: &Generator, sent: Sent) -> Result<GenOut, PyError> {
        let taken = std::mem::replace(&mut *g.state.borrow_mut(), GenState::Running);
        let mut sus = match taken {
            GenState::Suspended(s) => s,
            GenState::Running => {
                *g.state.borrow_mut() = GenState::Running;
                return Err(exc("ValueError", "generator already executing"));
            }
            GenState::Done => {
                *g.state.borrow_mut() = GenState::Done;
                return match sent {
                    Sent::Value(_) => Ok(GenOut::Returned(Value::None)),
                    Sent::Throw(e) => Err(PyError::Exception(e)),
                };
            }
        };
        let Some(def) = sus.frame.def.clone() else {
            *g.state.borrow_mut() = GenState::Done;
            return Ok(GenOut::Returned(Value::None));
        };
        if !sus.started {
            match sent {
                Sent::Value(v) if !v.is_none() => {
                    *g.state.borrow_mut() = GenState::Suspended(sus);
                    return Err(type_error(
                        "can't send non-None value to a just-started generator",
                    ));
                }
                Sent::Throw(mut e) => {
                    // Thrown in before it ran: raised at its first line (the `def`).
                    *g.state.borrow_mut() = GenState::Done;
                    drop(sus);
                    e.line = Some(def.line);
                    return Err(leaving_generator(PyError::Exception(e)));
                }
                Sent::Value(_) => {}
            }
        }
        if self.it.depth >= MAX_CALL_DEPTH || self.stack_exhausted() {
            *g.state.borrow_mut() = GenState::Suspended(sus);
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        sus.started = true;
        let r = self.run_suspended(&mut sus, &def, sent);
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
            Err(PyError::Exception(e)) => {
                *g.state.borrow_mut() = GenState::Done;
                let Suspended { frame, .. } = *sus;
                match self.leave_frame_raising(frame, e) {
                    Err(e) => Err(leaving_generator(e)),
                    Ok(_) => Ok(GenOut::Returned(Value::None)),
                }
            }
            Err(e) => {
                *g.state.borrow_mut() = GenState::Done;
                drop(sus);
                Err(leaving_generator(e))
            }
        }
    }

    /// An exception leaves a frame. The generators freed while it unwound the frame's
    /// expressions (temporaries) are closed now, as CPython frees its value stack; those
    /// in the frame's variables stay alive with the exception (CPython's traceback keeps
    /// the frame) and are closed when the exception goes.
    pub(crate) fn leave_frame_raising(
        &mut self,
        frame: Frame,
        mut e: PyException,
    ) -> Result<Value, PyError> {
        if crate::python::types::generator::finalizers_pending() {
            self.finalize_generators()?;
        }
        drop(frame);
        if crate::python::types::generator::finalizers_pending() {
            crate::python::types::generator::hold_freed(&mut e);
        }
        Err(PyError::Exception(e))
    }

    /// Closes the generators freed while suspended inside `try`/`with`, as CPython does
    /// when their last reference goes: `GeneratorExit` at their `yield`. What they raise is
    /// dropped, as CPython only reports it on stderr ("Exception ignored in"); a stop of
    /// the run (steps, memory, a refusal) is not.
    #[cold]
    #[inline(never)]
    pub(crate) fn finalize_generators(&mut self) -> Result<(), PyError> {
        // The ones freed together are closed one after the other (CPython frees the next
        // only once the previous one's cleanup ended); what a cleanup frees is closed
        // inside it, before the rest of the batch.
        loop {
            let batch = crate::python::types::generator::take_freed();
            if batch.is_empty() {
                return Ok(());
            }
            for mut sus in batch {
                let Some(def) = sus.frame.def.clone() else {
                    continue;
                };
                if self.it.depth >= MAX_CALL_DEPTH || self.stack_exhausted() {
                    continue;
                }
                let exit = PyException::with_args("GeneratorExit", Vec::new());
                let r = self.run_suspended(&mut sus, &def, Sent::Throw(exit));
                drop(sus);
                if crate::python::types::generator::finalizers_pending() && r.is_ok() {
                    // What dropping its frame freed.
                    self.finalize_generators()?;
                }
                match r {
                    Ok(_) | Err(PyError::Exception(_)) => {}
                    Err(stop) => {
                        crate::python::types::generator::discard_freed();
                        return Err(stop);
                    }
                }
            }
        }
    }

    /// Runs a suspended generator's body from where it stopped, as one more frame.
    fn run_suspended(
        &mut self,
        sus: &mut Suspended,
        def: &crate::python::syntax::ast::FunctionDef,
        sent: Sent,
    ) -> Result<Step, PyError> {
        let saved_line = self.it.line;
        self.it.depth += 1;
        crate::python::eval::budget::set_frames(self.it.depth);
        let genexpr = &*def.name == "<genexpr>";
        let mut sent = Some(sent);
        let Suspended { frame, levels, .. } = sus;
        let r = self.run_level(frame, &def.body, levels, 0, &mut sent, genexpr);
        self.it.depth -= 1;
        crate::python::eval::budget::set_frames(self.it.depth);
        self.it.line = saved_line;
        r
    }

    /// Runs (or resumes) `block` at nesting `level`.
    fn run_level(
        &mut self,
        frame: &mut Frame,
        block: &[Stmt],
        levels: &mut Vec<Level>,
        level: usize,
        sent: &mut Option<Sent>,
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
        sent: &mut Option<Sent>,
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
            StmtKind::Expr(_)
            | StmtKind::Assign { .. }
            | StmtKind::AugAssign { .. }
            | StmtKind::Del(_)
            | StmtKind::Return(_)
            | StmtKind::Raise(_)
            | StmtKind::RaiseFrom { .. }
            | StmtKind::Assert { .. } => {
                if !fresh {
                    self.it.line = s.line;
                }
                self.run_simple(frame, s, levels, level, sent)
            }
            StmtKind::If { test, body, orelse } => {
                let branch = match std::mem::replace(&mut levels[level].state, LState::Fresh) {
                    LState::If(b) => b,
                    other => {
                        let mut sub = match other {
                            LState::Test(sub) => sub,
                            _ => None,
                        };
                        match self.eval_y(frame, test, &mut sub, sent)? {
                            EStep::Value(t) => self.truthy(&t)?,
                            EStep::Yield(y) => {
                                levels[level].state = LState::Test(sub);
                                return Ok(Some(Step::Yield(y)));
                            }
                        }
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
                let (mut in_body, mut in_else, mut test_sub) =
                    match std::mem::replace(&mut levels[level].state, LState::Fresh) {
                        LState::While { in_body, in_else } => (in_body, in_else, None),
                        LState::Test(sub) => (false, false, Some(sub)),
                        _ => (false, false, None),
                    };
                let mut first = fresh || test_sub.is_some();
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
                        let mut sub = test_sub.take().flatten();
                        let t = match self.eval_y(frame, test, &mut sub, sent)? {
                            EStep::Value(t) => t,
                            EStep::Yield(y) => {
                                levels[level].state = LState::Test(sub);
                                return Ok(Some(Step::Yield(y)));
                            }
                        };
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
                        other => {
                            let mut sub = match other {
                                LState::Test(sub) => sub,
                                _ => None,
                            };
                            let v = match self.eval_y(frame, iter, &mut sub, sent)? {
                                EStep::Value(v) => v,
                                EStep::Yield(y) => {
                                    levels[level].state = LState::Test(sub);
                                    return Ok(Some(Step::Yield(y)));
                                }
                            };
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
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.run_try(
                frame,
                (body, handlers, orelse, finalbody),
                levels,
                level,
                sent,
                genexpr,
            ),
            StmtKind::With { items, body } => {
                let exits = match std::mem::replace(&mut levels[level].state, LState::Fresh) {
                    LState::With(exits) => exits,
                    _ => {
                        let mut exits = Vec::with_capacity(items.len());
                        for (expr, target) in items {
                            let entered = match self.with_enter(frame, expr) {
                                Ok((entered, exit)) => {
                                    exits.push(exit);
                                    Ok(entered)
                                }
                                Err(e) => Err(e),
                            };
                            let r = entered.and_then(|v| match target {
                                Some(t) => self.assign(frame, t, v),
                                None => Ok(()),
                            });
                            if let Err(e) = r {
                                return self.exit_all(frame, exits, s.line, Err(e));
                            }
                        }
                        exits
                    }
                };
                levels[level].state = LState::With(exits);
                let r = self.run_level(frame, body, levels, level + 1, sent, genexpr);
                if let Ok(Step::Yield(v)) = r {
                    return Ok(Some(Step::Yield(v)));
                }
                let LState::With(exits) =
                    std::mem::replace(&mut levels[level].state, LState::Fresh)
                else {
                    return Err(exc("SystemError", "lost a with statement's managers"));
                };
                let outcome = match r {
                    Ok(Step::Done(flow)) => Ok(flow),
                    Ok(Step::Yield(_)) => Ok(Flow::Normal),
                    Err(e) => Err(e),
                };
                self.exit_all(frame, exits, s.line, outcome)
            }
            StmtKind::Match { subject, cases } => {
                self.run_match(frame, (subject, cases), levels, level, sent, genexpr)
            }
            _ => Ok(None),
        }
    }

    /// A simple statement with a `yield` in its expressions, in CPython's order: an
    /// assignment's value, then each target (its operands, then the store); an augmented
    /// assignment's target operands, the load, the value, then the store.
    fn run_simple(
        &mut self,
        frame: &mut Frame,
        s: &Stmt,
        levels: &mut [Level],
        level: usize,
        sent: &mut Option<Sent>,
    ) -> Result<Option<Step>, PyError> {
        // The common `yield x` / `y = yield x` (nothing else in the statement suspends)
        // keeps no expression state.
        if let StmtKind::Expr(e) | StmtKind::Assign { value: e, .. } = &s.kind {
            if let ExprKind::Yield(arg) = &e.kind {
                if !arg.as_ref().is_some_and(|a| a.yields)
                    && (matches!(s.kind, StmtKind::Expr(_))
                        || matches!(&s.kind, StmtKind::Assign { targets, .. } if !targets.iter().any(|t| t.yields)))
                {
                    if !matches!(levels[level].state, LState::AtYield) {
                        let v = match arg {
                            Some(a) => self.eval(frame, a)?,
                            None => Value::None,
                        };
                        levels[level].state = LState::AtYield;
                        return Ok(Some(Step::Yield(v)));
                    }
                    levels[level].state = LState::Fresh;
                    let result = match sent.take() {
                        Some(Sent::Value(v)) => v,
                        Some(Sent::Throw(mut thrown)) => {
                            thrown.line = Some(e.line);
                            return Err(PyError::Exception(thrown));
                        }
                        None => Value::None,
                    };
                    if let StmtKind::Assign { targets, .. } = &s.kind {
                        self.it.line = s.line;
                        for t in targets {
                            self.assign(frame, t, result.clone())?;
                        }
                    }
                    return Ok(None);
                }
            }
        }
        let mut ev = match std::mem::replace(&mut levels[level].state, LState::Fresh) {
            LState::Eval(ev) => ev,
            _ => Box::new(SEval {
                phase: 0,
                vals: Vec::new(),
                n: 0,
                sub: None,
            }),
        };
        macro_rules! value {
            ($r:expr) => {
                match $r {
                    EStep::Value(v) => v,
                    EStep::Yield(y) => {
                        levels[level].state = LState::Eval(ev);
                        return Ok(Some(Step::Yield(y)));
                    }
                }
            };
        }
        macro_rules! operands {
            ($e:expr, $upto:expr) => {
                match self.operands(frame, $e, $upto, &mut ev.sub, sent)? {
                    Ok(vals) => vals,
                    Err(y) => {
                        levels[level].state = LState::Eval(ev);
                        return Ok(Some(Step::Yield(y)));
                    }
                }
            };
        }
        match &s.kind {
            StmtKind::Expr(e) => {
                value!(self.eval_y(frame, e, &mut ev.sub, sent)?);
                Ok(None)
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => value!(self.eval_y(frame, e, &mut ev.sub, sent)?),
                    None => Value::None,
                };
                Ok(Some(Step::Done(Flow::Return(v))))
            }
            StmtKind::Assign { targets, value } => {
                if ev.phase == 0 {
                    let v = value!(self.eval_y(frame, value, &mut ev.sub, sent)?);
                    ev.vals = vec![v];
                    ev.phase = 1;
                }
                while let Some(t) = targets.get(ev.phase - 1) {
                    self.it.line = s.line;
                    let v = ev.vals.first().cloned().unwrap_or(Value::None);
                    if t.yields {
                        let ops = operands!(t, None);
                        let node = substituted(t, ops.len());
                        self.with_temps(ops, |me| me.assign(frame, &node, v))?;
                    } else {
                        self.assign(frame, t, v)?;
                    }
                    ev.phase += 1;
                }
                Ok(None)
            }
            StmtKind::AugAssign { target, op, value } => {
                if ev.phase == 0 {
                    let all = target.kind.children().len().checked_sub(1);
                    let ops = match all {
                        Some(n) => operands!(target, Some(n)),
                        None => Vec::new(),
                    };
                    let node = substituted(target, ops.len());
                    let current = self.with_temps(ops.clone(), |me| me.eval(frame, &node))?;
                    ev.n = ops.len();
                    ev.vals = ops;
                    ev.vals.push(current);
                    ev.phase = 1;
                }
                let rhs = value!(self.eval_y(frame, value, &mut ev.sub, sent)?);
                self.it.line = s.line;
                let current = ev.vals.pop().unwrap_or(Value::None);
                let result = self.inplace(*op, &current, &rhs)?;
                let node = substituted(target, ev.n);
                let ops = std::mem::take(&mut ev.vals);
                self.with_temps(ops, |me| me.assign(frame, &node, result))?;
                Ok(None)
            }
            StmtKind::Del(targets) => {
                while let Some(t) = targets.get(ev.phase) {
                    if t.yields {
                        let ops = operands!(t, None);
                        let node = substituted(t, ops.len());
                        self.with_temps(ops, |me| me.delete(frame, &node))?;
                    } else {
                        self.delete(frame, t)?;
                    }
                    ev.phase += 1;
                }
                Ok(None)
            }
            StmtKind::Raise(Some(e)) => {
                let v = value!(self.eval_y(frame, e, &mut ev.sub, sent)?);
                let t = temp(e, 0);
                self.with_temps(vec![v], |me| me.exec_raise(frame, Some(&t)))
                    .map(|_| None)
            }
            StmtKind::RaiseFrom { exc, cause } => {
                if ev.phase == 0 {
                    let v = value!(self.eval_y(frame, exc, &mut ev.sub, sent)?);
                    ev.vals = vec![v];
                    ev.phase = 1;
                }
                let c = value!(self.eval_y(frame, cause, &mut ev.sub, sent)?);
                let mut vals = std::mem::take(&mut ev.vals);
                vals.push(c);
                let (t0, t1) = (temp(exc, 0), temp(cause, 1));
                self.with_temps(vals, |me| me.exec_raise_from(frame, &t0, &t1))
                    .map(|_| None)
            }
            StmtKind::Assert { test, msg } => {
                if ev.phase == 0 {
                    let t = value!(self.eval_y(frame, test, &mut ev.sub, sent)?);
                    if self.truthy(&t)? {
                        return Ok(None);
                    }
                    ev.phase = 1;
                }
                let args = match msg {
                    Some(m) => vec![value!(self.eval_y(frame, m, &mut ev.sub, sent)?)],
                    None => Vec::new(),
                };
                Err(PyError::Exception(PyException::with_args(
                    "AssertionError",
                    args,
                )))
            }
            _ => Ok(None),
        }
    }

    /// A `match` statement with a `yield` in its subject, a guard or a case block.
    fn run_match(
        &mut self,
        frame: &mut Frame,
        (subject, cases): (&Expr, &[MatchCase]),
        levels: &mut Vec<Level>,
        level: usize,
        sent: &mut Option<Sent>,
        genexpr: bool,
    ) -> Result<Option<Step>, PyError> {
        let mut ms = match std::mem::replace(&mut levels[level].state, LState::Fresh) {
            LState::Match(ms) => ms,
            _ => Box::new(MState {
                subject: None,
                case: 0,
                phase: MPhase::Pattern,
                sub: None,
            }),
        };
        let subject_value = match ms.subject.clone() {
            Some(v) => v,
            None => {
                let v = match self.eval_y(frame, subject, &mut ms.sub, sent)? {
                    EStep::Value(v) => v,
                    EStep::Yield(y) => {
                        levels[level].state = LState::Match(ms);
                        return Ok(Some(Step::Yield(y)));
                    }
                };
                ms.subject = Some(v.clone());
                v
            }
        };
        while let Some(case) = cases.get(ms.case) {
            if ms.phase == MPhase::Pattern {
                if ms.case > 0 {
                    self.step(case.line)?;
                    self.it.line = case.line;
                    self.trace(frame, case.line);
                }
                let mut binds = Vec::new();
                let matched = self
                    .match_pattern(frame, &case.pattern, &subject_value, &mut binds)
                    .map_err(|e| with_line(e, case.pattern.line))?;
                if !matched {
                    ms.case += 1;
                    continue;
                }
                for (name, v) in binds {
                    self.store_name(frame, &name, v)?;
                }
                ms.phase = MPhase::Guard;
            }
            if ms.phase == MPhase::Guard {
                if let Some(g) = &case.guard {
                    let t = match self.eval_y(frame, g, &mut ms.sub, sent)? {
                        EStep::Value(v) => v,
                        EStep::Yield(y) => {
                            levels[level].state = LState::Match(ms);
                            return Ok(Some(Step::Yield(y)));
                        }
                    };
                    if !self.truthy(&t).map_err(|e| with_line(e, g.line))? {
                        ms.case += 1;
                        ms.phase = MPhase::Pattern;
                        continue;
                    }
                }
                ms.phase = MPhase::Body;
            }
            levels[level].state = LState::Match(ms);
            return match self.run_level(frame, &case.body, levels, level + 1, sent, genexpr)? {
                Step::Done(Flow::Normal) => Ok(None),
                other => Ok(Some(other)),
            };
        }
        Ok(None)
    }

    /// Leaves the managers a `with` entered, the last entered first.
    fn exit_all(
        &mut self,
        frame: &mut Frame,
        exits: Vec<Value>,
        line: u32,
        mut outcome: Result<Flow, PyError>,
    ) -> Result<Option<Step>, PyError> {
        for exit in exits.iter().rev() {
            outcome = self.with_exit(frame, exit, line, outcome);
        }
        match outcome? {
            Flow::Normal => Ok(None),
            flow => Ok(Some(Step::Done(flow))),
        }
    }

    /// A `try` statement with a `yield` in one of its blocks.
    fn run_try(
        &mut self,
        frame: &mut Frame,
        (body, handlers, orelse, finalbody): (&[Stmt], &[Handler], &[Stmt], &[Stmt]),
        levels: &mut Vec<Level>,
        level: usize,
        sent: &mut Option<Sent>,
        genexpr: bool,
    ) -> Result<Option<Step>, PyError> {
        let (mut part, mut pending) =
            match std::mem::replace(&mut levels[level].state, LState::Fresh) {
                LState::Try { part, pending } => (part, pending),
                _ => (TryPart::Body, None),
            };
        loop {
            let block: &[Stmt] = match part {
                TryPart::Body => body,
                TryPart::Handler(i) => &handlers[i].body,
                TryPart::Else => orelse,
                TryPart::Finally => finalbody,
            };
            levels[level].state = LState::Try {
                part,
                pending: pending.take(),
            };
            let r = self.run_level(frame, block, levels, level + 1, sent, genexpr);
            if let Ok(Step::Yield(v)) = r {
                return Ok(Some(Step::Yield(v)));
            }
            if let LState::Try { pending: p, .. } =
                std::mem::replace(&mut levels[level].state, LState::Fresh)
            {
                pending = p;
            }
            let outcome = match r {
                Ok(Step::Done(flow)) => Ok(flow),
                Ok(Step::Yield(_)) => Ok(Flow::Normal),
                Err(e) => Err(e),
            };
            let after = match part {
                TryPart::Body => match outcome {
                    Ok(Flow::Normal) => TryPart::Else,
                    Ok(flow) => {
                        pending = Some(Pending::Flow(flow));
                        TryPart::Finally
                    }
                    Err(PyError::Exception(e)) => match self.find_handler(frame, handlers, &e) {
                        Ok(Some(h)) => {
                            let e = crate::python::eval::stmt::caught(e, frame.handling.last());
                            let i = handlers
                                .iter()
                                .position(|x| std::ptr::eq(x, h))
                                .unwrap_or(0);
                            if let Some(name) = &h.name {
                                self.store_name(frame, name, Value::Exception(Rc::new(e.clone())))?;
                            }
                            frame.handling.push(e);
                            TryPart::Handler(i)
                        }
                        Ok(None) => {
                            pending = Some(Pending::Raise(PyError::Exception(e)));
                            TryPart::Finally
                        }
                        Err(err @ PyError::Exception(_)) => {
                            pending = Some(Pending::Raise(err));
                            TryPart::Finally
                        }
                        Err(other) => return Err(other),
                    },
                    Err(other) => return Err(other),
                },
                TryPart::Handler(_) | TryPart::Else => {
                    let outcome = match part {
                        TryPart::Handler(_) => {
                            crate::python::eval::stmt::chained(outcome, frame.handling.last())
                        }
                        _ => outcome,
                    };
                    if let TryPart::Handler(i) = part {
                        frame.handling.pop();
                        if let Some(name) = &handlers[i].name {
                            self.unbind(frame, name);
                        }
                    }
                    match outcome {
                        Ok(Flow::Normal) => {}
                        Ok(flow) => pending = Some(Pending::Flow(flow)),
                        Err(e @ PyError::Exception(_)) => pending = Some(Pending::Raise(e)),
                        Err(other) => return Err(other),
                    }
                    TryPart::Finally
                }
                TryPart::Finally => {
                    if let Some(Pending::Raise(PyError::Exception(_))) = &pending {
                        frame.handling.pop();
                    }
                    return match outcome {
                        Ok(Flow::Normal) => finish(pending),
                        Ok(flow) => Ok(Some(Step::Done(flow))),
                        Err(e) => Err(e),
                    };
                }
            };
            if after == TryPart::Finally {
                if finalbody.is_empty() {
                    return finish(pending);
                }
                if let Some(Pending::Raise(PyError::Exception(e))) = &pending {
                    frame.handling.push(e.clone());
                }
            }
            part = after;
        }
    }

    /// One step of `yield from`: the next item of the iterator delegated to (a generator
    /// is sent the value sent to the delegating one).
    pub(crate) fn delegate(&mut self, it: &mut ValueIter, sent: Value) -> Result<GenOut, PyError> {
        if let ValueIter::Gen(obj) = it {
            let obj = obj.clone();
            if let Some(g) = obj.as_any().downcast_ref::<Generator>() {
                return self.resume(g, sent);
            }
        }
        if !sent.is_none() {
            // Only generators have `send`.
            let kind = match it {
                ValueIter::List(..) => "list_iterator",
                ValueIter::Tuple(..) => "tuple_iterator",
                ValueIter::Chars(s, _) if s.is_ascii() => "str_ascii_iterator",
                ValueIter::Chars(..) => "str_iterator",
                ValueIter::Bytes(..) => "bytes_iterator",
                ValueIter::Range { .. } => "range_iterator",
                ValueIter::Dict { kind, .. } => match kind {
                    crate::python::types::DictViewKind::Keys => "dict_keyiterator",
                    crate::python::types::DictViewKind::Values => "dict_valueiterator",
                    crate::python::types::DictViewKind::Items => "dict_itemiterator",
                },
                ValueIter::Set { .. } => "set_iterator",
                ValueIter::Iter(p) => p.kind,
                ValueIter::Values(_) | ValueIter::Gen(_) => "iterator",
            };
            let kind = match it {
                ValueIter::Gen(obj) => obj.type_name().to_string(),
                _ => kind.to_string(),
            };
            return Err(PyError::Exception(PyException::attribute_error(
                &kind, "send",
            )));
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
                self.close_gen(g)?;
                Ok(Value::None)
            }
            "throw" => {
                if args.is_empty() || args.len() > 3 {
                    return Err(type_error(format!(
                        "throw expected at least 1 argument, got {}",
                        args.len()
                    )));
                }
                if args.len() == 3 && !args[2].is_none() {
                    return Err(PyError::Unsupported {
                        what: "generator.throw() with a traceback".into(),
                        line: 0,
                    });
                }
                let mut e = match &args[0] {
                    Value::Type(crate::python::types::PyType::Exception(_))
                    | Value::Exception(_) => self.raised_exception(&args[0])?,
                    other => {
                        return Err(type_error(format!(
                            "exceptions must be classes or instances deriving from BaseException, not {}",
                            other.error_type_name()
                        )))
                    }
                };
                if let (Some(v), Value::Type(_)) = (args.get(1), &args[0]) {
                    e.args = match v {
                        Value::None => Vec::new(),
                        Value::Tuple(items) => items.to_vec(),
                        other => vec![other.clone()],
                    };
                }
                match self.resume_with(g, Sent::Throw(e))? {
                    GenOut::Yielded(v) => Ok(v),
                    GenOut::Returned(r) => Err(stop_iteration(r)),
                }
            }
            _ => Err(PyError::Unsupported {
                what: format!("the generator method '{name}'"),
                line: 0,
            }),
        }
    }

    /// `g.close()`: raises `GeneratorExit` at the `yield` it is suspended at, so its
    /// `finally` blocks and `with` exits run; a generator that yields again is CPython's
    /// RuntimeError (and stays suspended there).
    pub(crate) fn close_gen(&mut self, g: &Generator) -> Result<(), PyError> {
        {
            let mut state = g.state.borrow_mut();
            match &*state {
                GenState::Running => {
                    return Err(exc("ValueError", "generator already executing"));
                }
                GenState::Done => return Ok(()),
                GenState::Suspended(sus) if !sus.started => {
                    let old = std::mem::replace(&mut *state, GenState::Done);
                    drop(state);
                    drop(old);
                    return Ok(());
                }
                GenState::Suspended(_) => {}
            }
        }
        let exit = PyException::with_args("GeneratorExit", Vec::new());
        match self.resume_with(g, Sent::Throw(exit)) {
            Ok(GenOut::Yielded(_)) => Err(exc("RuntimeError", "generator ignored GeneratorExit")),
            Ok(GenOut::Returned(_)) => Ok(()),
            Err(PyError::Exception(e)) if &*e.kind == "GeneratorExit" => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// An exception thrown into a generator suspended in `yield from`: a generator
    /// delegated to gets it at its own `yield` (or is closed, for `GeneratorExit`); any
    /// other iterator has no `throw`, so it is raised at the `yield from` itself.
    pub(crate) fn throw_delegate(
        &mut self,
        it: &mut ValueIter,
        e: PyException,
        line: u32,
    ) -> Result<GenOut, PyError> {
        if let ValueIter::Gen(obj) = it {
            let obj = obj.clone();
            if let Some(g) = obj.as_any().downcast_ref::<Generator>() {
                if &*e.kind == "GeneratorExit" {
                    self.close_gen(g)?;
                } else {
                    return self.resume_with(g, Sent::Throw(e));
                }
            }
        }
        let mut e = e;
        e.line = Some(line);
        Err(PyError::Exception(e))
    }
}

/// What a `try` statement ends with once its `finally` block (if any) finished normally.
fn finish(pending: Option<Pending>) -> Result<Option<Step>, PyError> {
    match pending {
        None => Ok(None),
        Some(Pending::Flow(flow)) => Ok(Some(Step::Done(flow))),
        Some(Pending::Raise(e)) => Err(e),
    }
}

/// An error leaving a generator's frame: a `StopIteration` raised inside becomes
/// CPython's RuntimeError (PEP 479), raised anew where the generator was resumed (so its
/// line is the caller's).
fn leaving_generator(e: PyError) -> PyError {
    match e {
        PyError::Exception(e) if &*e.kind == "StopIteration" => {
            let mut r = PyException::with_args(
                "RuntimeError",
                vec![Value::str("generator raised StopIteration")],
            );
            r.held = e.held;
            PyError::Exception(r)
        }
        other => other,
    }
}

fn stop_iteration(v: Value) -> PyError {
    let args = if v.is_none() { Vec::new() } else { vec![v] };
    PyError::Exception(PyException::with_args("StopIteration", args))
}
