//! `match` statements: the subject is evaluated once, the cases are tried in order, and the
//! first whose pattern matches (and whose guard is true) runs. Names a pattern binds are
//! stored only when the whole pattern matched (before the guard), as CPython 3.11 does.

use std::rc::Rc;

use crate::python::eval::{exception_is, Exec, Flow, Frame};
use crate::python::syntax::ast::{CmpOp, Constant, Expr, MatchCase, Pattern, PatternKind};
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{BuiltinType, Dict, PyType, Value};
use crate::python::PyError;

/// The builtin classes whose one positional sub-pattern matches the subject itself.
fn matches_self(t: &PyType) -> bool {
    matches!(
        t,
        PyType::Builtin(
            BuiltinType::Bool
                | BuiltinType::Bytes
                | BuiltinType::Dict
                | BuiltinType::Float
                | BuiltinType::Int
                | BuiltinType::List
                | BuiltinType::Set
                | BuiltinType::Str
                | BuiltinType::Tuple
        )
    ) || t.name() == "frozenset"
}

/// The items of a subject a sequence pattern can match (`list`, `tuple`, `range`; never
/// `str`, `bytes` or a mapping).
fn sequence_items(v: &Value) -> Option<SeqView<'_>> {
    match v {
        Value::List(l) => Some(SeqView::List(l)),
        Value::Tuple(t) => Some(SeqView::Slice(t)),
        Value::Range(_) => Some(SeqView::Range(v)),
        // A subclass of tuple (a namedtuple) is a sequence.
        Value::Instance(_) => match v.builtin_value() {
            Some(Value::Tuple(t)) => Some(SeqView::Slice(t)),
            _ => None,
        },
        _ => None,
    }
}

enum SeqView<'a> {
    List(&'a Rc<std::cell::RefCell<Vec<Value>>>),
    Slice(&'a [Value]),
    Range(&'a Value),
}

impl SeqView<'_> {
    fn len(&self) -> Result<usize, PyError> {
        Ok(match self {
            SeqView::List(l) => l.borrow().len(),
            SeqView::Slice(s) => s.len(),
            SeqView::Range(r) => crate::python::builtins::len_of(r)?,
        })
    }

    fn get(&self, i: usize) -> Result<Value, PyError> {
        Ok(match self {
            SeqView::List(l) => l.borrow().get(i).cloned().unwrap_or(Value::None),
            SeqView::Slice(s) => s.get(i).cloned().unwrap_or(Value::None),
            SeqView::Range(r) => crate::python::types::ops::get_item(r, &Value::int(i as i64))?,
        })
    }
}

impl Exec<'_> {
    #[inline(never)]
    pub(crate) fn exec_match(
        &mut self,
        frame: &mut Frame,
        subject: &Expr,
        cases: &[MatchCase],
    ) -> Result<Flow, PyError> {
        let subject = self.eval(frame, subject)?;
        for (i, case) in cases.iter().enumerate() {
            if i > 0 {
                self.step(case.line)?;
                self.it.line = case.line;
                self.trace(frame, case.line);
            }
            let mut binds = Vec::new();
            let matched = self
                .match_pattern(frame, &case.pattern, &subject, &mut binds)
                .map_err(|e| crate::python::eval::with_line(e, case.pattern.line))?;
            if !matched {
                continue;
            }
            for (name, v) in binds {
                self.store_name(frame, &name, v)?;
            }
            if let Some(g) = &case.guard {
                let t = self.eval(frame, g)?;
                if !self
                    .truthy(&t)
                    .map_err(|e| crate::python::eval::with_line(e, g.line))?
                {
                    continue;
                }
            }
            return self.exec_block(frame, &case.body);
        }
        Ok(Flow::Normal)
    }

    pub(crate) fn match_pattern(
        &mut self,
        frame: &mut Frame,
        p: &Pattern,
        v: &Value,
        binds: &mut Vec<(Rc<str>, Value)>,
    ) -> Result<bool, PyError> {
        self.check_stack()?;
        self.charge(1)?;
        match &p.kind {
            PatternKind::Wildcard => Ok(true),
            PatternKind::Capture(n) => {
                binds.push((n.clone(), v.clone()));
                Ok(true)
            }
            PatternKind::Singleton(c) => Ok(match (c, v) {
                (Constant::None, Value::None) => true,
                (Constant::Bool(a), Value::Bool(b)) => a == b,
                _ => false,
            }),
            PatternKind::Value(e) => {
                let want = self.eval(frame, e)?;
                self.compare_values(CmpOp::Eq, v, &want)
            }
            PatternKind::As(inner, n) => {
                if !self.match_pattern(frame, inner, v, binds)? {
                    return Ok(false);
                }
                binds.push((n.clone(), v.clone()));
                Ok(true)
            }
            PatternKind::Or(alts) => {
                for alt in alts {
                    let mut own = Vec::new();
                    if self.match_pattern(frame, alt, v, &mut own)? {
                        binds.extend(own);
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            PatternKind::Star(_) => Ok(false),
            PatternKind::Sequence(items) => self.match_sequence(frame, items, v, binds),
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => self.match_mapping(frame, keys, patterns, rest.as_ref(), v, binds),
            PatternKind::Class { cls, args, kwargs } => {
                self.match_class(frame, cls, args, kwargs, v, binds)
            }
        }
    }

    fn match_sequence(
        &mut self,
        frame: &mut Frame,
        items: &[Pattern],
        v: &Value,
        binds: &mut Vec<(Rc<str>, Value)>,
    ) -> Result<bool, PyError> {
        let Some(seq) = sequence_items(v) else {
            return Ok(false);
        };
        let len = seq.len()?;
        let star = items
            .iter()
            .position(|p| matches!(p.kind, PatternKind::Star(_)));
        let Some(star) = star else {
            if len != items.len() {
                return Ok(false);
            }
            let values: Vec<Value> = (0..len).map(|i| seq.get(i)).collect::<Result<_, _>>()?;
            for (p, x) in items.iter().zip(values.iter()) {
                if !self.match_pattern(frame, p, x, binds)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        };
        let fixed = items.len() - 1;
        if len < fixed {
            return Ok(false);
        }
        let after = items.len() - star - 1;
        let mut values = Vec::with_capacity(items.len());
        for i in 0..star {
            values.push(seq.get(i)?);
        }
        let rest_len = len - fixed;
        if let PatternKind::Star(Some(_)) = &items[star].kind {
            self.charge(rest_len)?;
            let mut rest = Vec::with_capacity(rest_len);
            for i in star..star + rest_len {
                rest.push(seq.get(i)?);
            }
            values.push(Value::list(rest));
        } else {
            values.push(Value::None);
        }
        for i in 0..after {
            values.push(seq.get(len - after + i)?);
        }
        for (p, x) in items.iter().zip(values.iter()) {
            match &p.kind {
                PatternKind::Star(Some(n)) => binds.push((n.clone(), x.clone())),
                PatternKind::Star(None) => {}
                _ => {
                    if !self.match_pattern(frame, p, x, binds)? {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    fn match_mapping(
        &mut self,
        frame: &mut Frame,
        keys: &[Expr],
        patterns: &[Pattern],
        rest: Option<&Rc<str>>,
        v: &Value,
        binds: &mut Vec<(Rc<str>, Value)>,
    ) -> Result<bool, PyError> {
        let Value::Dict(d) = v else {
            return Ok(false);
        };
        if !keys.is_empty() && d.borrow().len() < keys.len() {
            return Ok(false);
        }
        let mut key_values: Vec<Value> = Vec::with_capacity(keys.len());
        for k in keys {
            key_values.push(self.eval(frame, k)?);
        }
        let mut seen = Dict::new();
        let mut values = Vec::with_capacity(keys.len());
        for k in &key_values {
            if seen.contains(k)? {
                let r = self.repr_of(k)?;
                return Err(exc(
                    "ValueError",
                    format!("mapping pattern checks duplicate key ({r})"),
                ));
            }
            seen.insert(k.clone(), Value::None)?;
            let found = d.borrow().get(k)?;
            match found {
                Some(x) => values.push(x),
                None => return Ok(false),
            }
        }
        for (p, x) in patterns.iter().zip(values.iter()) {
            if !self.match_pattern(frame, p, x, binds)? {
                return Ok(false);
            }
        }
        if let Some(name) = rest {
            let pairs = d.borrow().items();
            self.charge(pairs.len())?;
            let mut out = Dict::new();
            for (k, x) in pairs {
                if !seen.contains(&k)? {
                    out.insert(k, x)?;
                }
            }
            binds.push((name.clone(), Value::dict(out)));
        }
        Ok(true)
    }

    fn match_class(
        &mut self,
        frame: &mut Frame,
        cls: &Expr,
        args: &[Pattern],
        kwargs: &[(Rc<str>, Pattern)],
        v: &Value,
        binds: &mut Vec<(Rc<str>, Value)>,
    ) -> Result<bool, PyError> {
        let c = self.eval(frame, cls)?;
        let Value::Type(t) = &c else {
            return Err(type_error("called match pattern must be a type"));
        };
        if !self.isinstance(v, &c)? {
            return Ok(false);
        }
        let mut names: Vec<Rc<str>> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let mut self_match = false;
        if !args.is_empty() {
            let match_args = match t {
                PyType::Class(k) => k.lookup("__match_args__").map(|(m, _)| m),
                _ => None,
            };
            let listed: Vec<Value> = match &match_args {
                Some(Value::Tuple(items)) => items.to_vec(),
                Some(other) => {
                    return Err(type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        t.name(),
                        other.error_type_name()
                    )))
                }
                None if matches_self(t) => {
                    self_match = true;
                    Vec::new()
                }
                None => Vec::new(),
            };
            let allowed = if self_match { 1 } else { listed.len() };
            if args.len() > allowed {
                return Err(type_error(format!(
                    "{}() accepts {} positional sub-pattern{} ({} given)",
                    t.name(),
                    allowed,
                    if allowed == 1 { "" } else { "s" },
                    args.len()
                )));
            }
            if self_match {
                values.push(v.clone());
            } else {
                for name in listed.iter().take(args.len()) {
                    let Value::Str(n) = name else {
                        return Err(type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            name.error_type_name()
                        )));
                    };
                    if names.contains(n) {
                        return Err(type_error(format!(
                            "{}() got multiple sub-patterns for attribute '{}'",
                            t.name(),
                            n
                        )));
                    }
                    names.push(n.clone());
                    match self.match_attr(v, n)? {
                        Some(x) => values.push(x),
                        None => return Ok(false),
                    }
                }
            }
        }
        for (n, _) in kwargs {
            if names.contains(n) {
                return Err(type_error(format!(
                    "{}() got multiple sub-patterns for attribute '{}'",
                    t.name(),
                    n
                )));
            }
            names.push(n.clone());
            match self.match_attr(v, n)? {
                Some(x) => values.push(x),
                None => return Ok(false),
            }
        }
        let subs = args.iter().chain(kwargs.iter().map(|(_, p)| p));
        for (p, x) in subs.zip(values.iter()) {
            if !self.match_pattern(frame, p, x, binds)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `getattr(v, name)` for a class pattern: a missing attribute fails the match.
    fn match_attr(&mut self, v: &Value, name: &str) -> Result<Option<Value>, PyError> {
        match self.get_attr(v, name) {
            Ok(x) => Ok(Some(x)),
            Err(PyError::Exception(e))
                if exception_is(&self.it.exceptions, &e.kind, "AttributeError") =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}
