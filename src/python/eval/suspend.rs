//! Expressions a generator suspends inside: `f((yield))`, `x = 1 + (yield)`,
//! `(yield) if c else d`, `d[(yield)] = v`. An expression with a `yield` in it is evaluated
//! by a resumable walk: each node on the way to the `yield` keeps an [`EState`] (the values
//! of the operands it already evaluated, in CPython's order), so a resume continues where
//! the `yield` stopped without evaluating anything twice. Once every operand up to the last
//! one holding a `yield` has a value, the node itself is evaluated by the ordinary evaluator
//! on a copy of it whose evaluated operands read those values (`ExprKind::Temp`); the
//! operands after it, and the node's own operation, run then, as in CPython. `and`/`or`,
//! conditional expressions, comparisons and f-strings evaluate their parts one by one
//! (what they evaluate depends on the values), so they keep their own state.

use crate::python::eval::gen::{GenOut, Sent};
use crate::python::eval::{with_line, Exec, Frame, ValueIter};
use crate::python::syntax::ast::{CmpOp, Expr, ExprKind, FPart, DOUBLE_STAR};
use crate::python::types::ops::{self, type_error};
use crate::python::types::Value;
use crate::python::PyError;

/// Where the evaluation of an expression with a `yield` in it stopped.
pub(crate) enum EState {
    /// The operands evaluated so far, and the state of the one suspended in.
    Seq {
        vals: Vec<Value>,
        sub: Sub,
    },
    /// Evaluating the value a `yield` yields.
    YieldArg(Sub),
    /// Suspended at this `yield`: the value sent is its result.
    AtYield,
    /// Evaluating the iterable of a `yield from`.
    YieldFromArg(Sub),
    /// Inside `yield from`, with the iterator it delegates to.
    Delegating(Box<ValueIter>),
    /// `a and b` / `a or b`: in the left operand, or the right one.
    BoolLeft(Sub),
    BoolRight(Sub),
    /// `body if test else orelse`: in the test, or in the branch it chose.
    IfTest(Sub),
    IfBranch(bool, Sub),
    /// A comparison chain: the left value of the pair being compared and the operand at
    /// `idx` (0 is the first) being evaluated.
    Compare {
        left: Option<Value>,
        idx: usize,
        sub: Sub,
    },
    /// An f-string: the text of its parts before `idx`.
    FStr {
        out: String,
        idx: usize,
        sub: Sub,
    },
}

pub(crate) type Sub = Option<Box<EState>>;

/// What evaluating an expression with a `yield` in it gave.
pub(crate) enum EStep {
    Value(Value),
    /// It suspended, yielding this (its state is kept to resume it).
    Yield(Value),
}

macro_rules! value_or_suspend {
    ($r:expr, $st:expr, $state:expr) => {
        match $r {
            EStep::Value(v) => v,
            EStep::Yield(y) => {
                *$st = Some(Box::new($state));
                return Ok(EStep::Yield(y));
            }
        }
    };
}

/// Makes `c` (or, for `*x`, its `x`) read the value at `i`.
fn to_temp(c: &mut Expr, i: usize) {
    if let ExprKind::Starred(inner) = &mut c.kind {
        to_temp(inner, i);
        c.yields = false;
        return;
    }
    *c = Expr::leaf(c.line, c.col, ExprKind::Temp(i as u32));
}

/// A copy of `e` whose first `n` operands read the values evaluated for them.
pub(crate) fn substituted(e: &Expr, n: usize) -> Expr {
    let mut node = e.clone();
    for (i, c) in node.kind.children_mut().into_iter().take(n).enumerate() {
        to_temp(c, i);
    }
    node.yields = false;
    node
}

impl Exec<'_> {
    /// Runs `f` with `vals` as the values `ExprKind::Temp` reads.
    pub(crate) fn with_temps<T>(
        &mut self,
        vals: Vec<Value>,
        f: impl FnOnce(&mut Self) -> Result<T, PyError>,
    ) -> Result<T, PyError> {
        let base = self.it.temps.len();
        self.it.temps.extend(vals);
        let saved = std::mem::replace(&mut self.it.temp_base, base);
        let r = f(self);
        self.it.temp_base = saved;
        self.it.temps.truncate(base);
        r
    }

    /// Evaluates (or resumes) an expression that may hold a `yield`.
    pub(crate) fn eval_y(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        st: &mut Sub,
        sent: &mut Option<Sent>,
    ) -> Result<EStep, PyError> {
        if !e.yields {
            return self.eval(frame, e).map(EStep::Value);
        }
        self.check_stack()?;
        self.eval_y_node(frame, e, st, sent)
            .map_err(|err| with_line(err, e.line))
    }

    fn eval_y_node(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        st: &mut Sub,
        sent: &mut Option<Sent>,
    ) -> Result<EStep, PyError> {
        let prev = st.take().map(|b| *b);
        match &e.kind {
            ExprKind::Yield(arg) => {
                let mut sub = match prev {
                    Some(EState::AtYield) => {
                        return match sent.take() {
                            Some(Sent::Value(v)) => Ok(EStep::Value(v)),
                            Some(Sent::Throw(mut thrown)) => {
                                thrown.line = Some(e.line);
                                Err(PyError::Exception(thrown))
                            }
                            None => Ok(EStep::Value(Value::None)),
                        };
                    }
                    Some(EState::YieldArg(sub)) => sub,
                    _ => None,
                };
                let v = match arg {
                    Some(a) => value_or_suspend!(
                        self.eval_y(frame, a, &mut sub, sent)?,
                        st,
                        EState::YieldArg(sub)
                    ),
                    None => Value::None,
                };
                *st = Some(Box::new(EState::AtYield));
                Ok(EStep::Yield(v))
            }
            ExprKind::YieldFrom(source) => {
                let mut iter = match prev {
                    Some(EState::Delegating(it)) => it,
                    other => {
                        let mut sub = match other {
                            Some(EState::YieldFromArg(sub)) => sub,
                            _ => None,
                        };
                        let v = value_or_suspend!(
                            self.eval_y(frame, source, &mut sub, sent)?,
                            st,
                            EState::YieldFromArg(sub)
                        );
                        let v = self.iter_source(v)?;
                        Box::new(crate::python::eval::make_iter(&v)?)
                    }
                };
                let out = match sent.take() {
                    Some(Sent::Throw(thrown)) => self.throw_delegate(&mut iter, thrown, e.line),
                    Some(Sent::Value(v)) => self.delegate(&mut iter, v),
                    None => self.delegate(&mut iter, Value::None),
                };
                match out? {
                    GenOut::Yielded(v) => {
                        *st = Some(Box::new(EState::Delegating(iter)));
                        Ok(EStep::Yield(v))
                    }
                    GenOut::Returned(r) => Ok(EStep::Value(r)),
                }
            }
            ExprKind::BoolOp(is_and, a, b) => {
                let mut sub = match prev {
                    Some(EState::BoolRight(sub)) => sub,
                    other => {
                        let mut sub = match other {
                            Some(EState::BoolLeft(sub)) => sub,
                            _ => None,
                        };
                        let x = value_or_suspend!(
                            self.eval_y(frame, a, &mut sub, sent)?,
                            st,
                            EState::BoolLeft(sub)
                        );
                        if *is_and != self.truthy(&x)? {
                            return Ok(EStep::Value(x));
                        }
                        None
                    }
                };
                let r = self.eval_y(frame, b, &mut sub, sent)?;
                if let EStep::Yield(y) = r {
                    *st = Some(Box::new(EState::BoolRight(sub)));
                    return Ok(EStep::Yield(y));
                }
                Ok(r)
            }
            ExprKind::IfExp { test, body, orelse } => {
                let (branch, mut sub) = match prev {
                    Some(EState::IfBranch(b, sub)) => (b, sub),
                    other => {
                        let mut sub = match other {
                            Some(EState::IfTest(sub)) => sub,
                            _ => None,
                        };
                        let t = value_or_suspend!(
                            self.eval_y(frame, test, &mut sub, sent)?,
                            st,
                            EState::IfTest(sub)
                        );
                        (self.truthy(&t)?, None)
                    }
                };
                let chosen = if branch { body } else { orelse };
                let r = self.eval_y(frame, chosen, &mut sub, sent)?;
                if let EStep::Yield(y) = r {
                    *st = Some(Box::new(EState::IfBranch(branch, sub)));
                    return Ok(EStep::Yield(y));
                }
                Ok(r)
            }
            ExprKind::Compare(first, rest) => {
                let (mut left, mut idx, mut sub) = match prev {
                    Some(EState::Compare { left, idx, sub }) => (left, idx, sub),
                    _ => (None, 0, None),
                };
                if idx == 0 {
                    let v = value_or_suspend!(
                        self.eval_y(frame, first, &mut sub, sent)?,
                        st,
                        EState::Compare {
                            left: None,
                            idx: 0,
                            sub
                        }
                    );
                    left = Some(v);
                    idx = 1;
                }
                while idx <= rest.len() {
                    let (op, right_e) = &rest[idx - 1];
                    let right = match self.eval_y(frame, right_e, &mut sub, sent)? {
                        EStep::Value(v) => v,
                        EStep::Yield(y) => {
                            *st = Some(Box::new(EState::Compare { left, idx, sub }));
                            return Ok(EStep::Yield(y));
                        }
                    };
                    sub = None;
                    if matches!(op, CmpOp::In | CmpOp::NotIn) {
                        self.charge_contains(&right)?;
                    }
                    let l = left.take().unwrap_or(Value::None);
                    if !self.compare_values(*op, &l, &right)? {
                        return Ok(EStep::Value(Value::Bool(false)));
                    }
                    left = Some(right);
                    idx += 1;
                }
                Ok(EStep::Value(Value::Bool(true)))
            }
            ExprKind::FString(parts) => {
                let (mut out, mut idx, mut sub) = match prev {
                    Some(EState::FStr { out, idx, sub }) => (out, idx, sub),
                    _ => (String::new(), 0, None),
                };
                while idx < parts.len() {
                    let text = match &parts[idx] {
                        FPart::Field { expr, .. } if expr.yields => {
                            let v = match self.eval_y(frame, expr, &mut sub, sent)? {
                                EStep::Value(v) => v,
                                EStep::Yield(y) => {
                                    *st = Some(Box::new(EState::FStr { out, idx, sub }));
                                    return Ok(EStep::Yield(y));
                                }
                            };
                            sub = None;
                            let mut part = parts[idx].clone();
                            if let FPart::Field { expr, .. } = &mut part {
                                to_temp(expr, 0);
                            }
                            self.with_temps(vec![v], |me| {
                                me.fstring(frame, std::slice::from_ref(&part))
                            })?
                        }
                        _ => self.fstring(frame, &parts[idx..=idx])?,
                    };
                    out.push_str(&text);
                    if out.len() > ops::MAX_STR_LEN {
                        return Err(ops::too_long(out.len() as u128));
                    }
                    idx += 1;
                }
                Ok(EStep::Value(Value::str(&out)))
            }
            _ => {
                let mut st2 = prev.map(Box::new);
                let vals = match self.operands(frame, e, None, &mut st2, sent)? {
                    Ok(vals) => vals,
                    Err(y) => {
                        *st = st2;
                        return Ok(EStep::Yield(y));
                    }
                };
                let node = substituted(e, vals.len());
                self.with_temps(vals, |me| me.eval(frame, &node))
                    .map(EStep::Value)
            }
        }
    }

    /// Evaluates (or resumes) the operands of `e` in order, up to the last one holding a
    /// `yield` (or up to `upto`, when given): `Err(value)` when it suspended yielding it.
    /// A `*x` operand is unpacked at once and `**m` checked, as CPython does before
    /// evaluating what follows.
    pub(crate) fn operands(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        upto: Option<usize>,
        st: &mut Sub,
        sent: &mut Option<Sent>,
    ) -> Result<Result<Vec<Value>, Value>, PyError> {
        let children = e.kind.children();
        // Resuming walks (and then copies) the operands again: paid for like bulk work.
        self.charge(children.len())?;
        let last = match upto {
            Some(n) => n,
            None => children.iter().rposition(|c| c.yields).unwrap_or(0),
        };
        let (mut vals, mut sub) = match st.take().map(|b| *b) {
            Some(EState::Seq { vals, sub }) => (vals, sub),
            _ => (Vec::with_capacity(last + 1), None),
        };
        while vals.len() <= last && vals.len() < children.len() {
            let i = vals.len();
            let c = children[i];
            let (inner, star) = match &c.kind {
                ExprKind::Starred(x) => (&**x, true),
                _ => (c, false),
            };
            let v = match self.eval_y(frame, inner, &mut sub, sent)? {
                EStep::Value(v) => v,
                EStep::Yield(y) => {
                    *st = Some(Box::new(EState::Seq { vals, sub }));
                    return Ok(Err(y));
                }
            };
            sub = None;
            let v = self
                .early_unpack(e, i, star, &vals, v)
                .map_err(|err| with_line(err, c.line))?;
            vals.push(v);
        }
        Ok(Ok(vals))
    }

    /// What CPython does with operand `i` of `e` before evaluating the next one: `*x` in a
    /// call or a display is unpacked; `**m` must be a mapping.
    fn early_unpack(
        &mut self,
        e: &Expr,
        i: usize,
        star: bool,
        vals: &[Value],
        v: Value,
    ) -> Result<Value, PyError> {
        match &e.kind {
            ExprKind::Call { args, kwargs, .. } => {
                if star && i >= 1 && i <= args.len() {
                    let mut out = Vec::new();
                    self.extend_starred(&mut out, &v, vals.first())?;
                    return Ok(Value::tuple(out));
                }
                if i > args.len() {
                    let (name, _) = &kwargs[i - 1 - args.len()];
                    if &**name == DOUBLE_STAR && self.mapping_items(&v)?.is_none() {
                        let callee = vals
                            .first()
                            .map(|f| self.callee_name(f))
                            .unwrap_or_default();
                        return Err(type_error(format!(
                            "{callee}() argument after ** must be a mapping, not {}",
                            v.error_type_name()
                        )));
                    }
                }
                Ok(v)
            }
            ExprKind::List(_) | ExprKind::Tuple(_) | ExprKind::Set(_) if star => {
                let mut out = Vec::new();
                self.extend_starred(&mut out, &v, None)?;
                Ok(Value::tuple(out))
            }
            ExprKind::Dict(_) if star => {
                if self.mapping_items(&v)?.is_none() {
                    return Err(type_error(format!(
                        "'{}' object is not a mapping",
                        v.error_type_name()
                    )));
                }
                Ok(v)
            }
            _ => Ok(v),
        }
    }
}
