//! Expressions, comprehensions and f-strings.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::budget;
use crate::python::eval::keys;
use crate::python::eval::tables;
use crate::python::eval::{make_iter, snapshot_iterable, with_line, Exec, Frame, ValueIter};
use crate::python::syntax::ast::{
    BinOp, CmpOp, Comprehension, Constant, Expr, ExprKind, FPart, UnaryOp, DOUBLE_STAR,
};
use crate::python::types::hash;
use crate::python::types::ops::{self, exc, type_error, MAX_ITEMS};
use crate::python::types::{drop_deep, Builtin, Dict, DictViewKind, Set, Value, Wrapped};
use crate::python::PyError;

/// Whether a container holds an instance (whose `__repr__` the pure `repr` cannot call).
fn holds_instance(v: &Value) -> bool {
    // Each container is looked into once, however often it is shared (`[a] * 100000`).
    let mut seen = std::collections::HashSet::new();
    let mut todo: Vec<(Value, usize)> = vec![(v.clone(), 0)];
    while let Some((v, depth)) = todo.pop() {
        if depth > 50 {
            continue;
        }
        let id = v.identity();
        if matches!(
            v,
            Value::List(_) | Value::Dict(_) | Value::Tuple(_) | Value::Set(_)
        ) && !seen.insert(id)
        {
            continue;
        }
        match &v {
            Value::Instance(_) => return true,
            // Its class's own `__repr__` may run.
            Value::Exception(e) if e.instance().is_some() => return true,
            Value::Exception(e) => todo.extend(e.args.iter().map(|x| (x.clone(), depth + 1))),
            Value::List(l) => {
                let l = l.borrow();
                if budget::items(l.len()).is_err() {
                    return false;
                }
                todo.extend(l.iter().map(|x| (x.clone(), depth + 1)));
            }
            Value::Tuple(t) => {
                if budget::items(t.len()).is_err() {
                    return false;
                }
                todo.extend(t.iter().map(|x| (x.clone(), depth + 1)));
            }
            Value::Dict(d) => {
                let d = d.borrow();
                if budget::items(d.len()).is_err() {
                    return false;
                }
                for (k, x) in d.iter() {
                    todo.push((k.clone(), depth + 1));
                    todo.push((x.clone(), depth + 1));
                }
            }
            Value::Set(s) => {
                let s = s.borrow();
                if budget::items(s.len()).is_err() {
                    return false;
                }
                todo.extend(s.iter().map(|x| (x.clone(), depth + 1)));
            }
            _ => {}
        }
    }
    false
}

#[cold]
fn key_error(key: &Value) -> PyError {
    PyError::Exception(crate::python::PyException::with_args(
        "KeyError",
        vec![key.clone()],
    ))
}

/// Whether `==` of two such values compares items (which may be instances).
fn is_container(v: &Value) -> bool {
    matches!(v, Value::List(_) | Value::Tuple(_) | Value::Dict(_))
}

/// The table `x in v` looks `x` up in: a dict, a set, or a dict's keys.
fn table_of(v: &Value) -> Option<keys::Table<'_>> {
    match v {
        Value::Dict(d) => Some(keys::Table::Dict(d)),
        Value::Set(s) => Some(keys::Table::Set(s)),
        Value::DictView(d, crate::python::types::DictViewKind::Keys) => Some(keys::Table::Dict(d)),
        _ => None,
    }
}

impl Exec<'_> {
    /// `x in seq` for a list or tuple, comparing each item with `x` through `__eq__`.
    pub(crate) fn contains_through_eq(&mut self, seq: &Value, x: &Value) -> Result<bool, PyError> {
        let items = match seq {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            other => return ops::compare(CmpOp::In, x, other),
        };
        for item in &items {
            if item.identity_eq(x) || self.values_equal(item, x, 0)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `repr()` of a list, tuple or dict holding instances, each through its `__repr__`.
    fn repr_with_instances(&mut self, v: &Value) -> Result<String, PyError> {
        self.check_stack()?;
        let join = |me: &mut Self, items: &[Value]| -> Result<Vec<String>, PyError> {
            items.iter().map(|x| me.repr_of(x)).collect()
        };
        Ok(match v {
            Value::List(l) => {
                let items = l.borrow().clone();
                format!("[{}]", join(self, &items)?.join(", "))
            }
            Value::Tuple(t) => {
                let parts = join(self, t)?;
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Value::Dict(d) if crate::python::types::dict::flavor_of(d).is_some() => {
                if let Some(shown) = crate::python::stdlib::collections::counter_shown(self, d)? {
                    return Ok(format!("Counter({})", self.repr_of(&shown)?));
                }
                let (prefix, body, suffix) = crate::python::stdlib::collections::repr_parts(d);
                let body = match body {
                    Some(b) => self.repr_of(&b)?,
                    None => String::new(),
                };
                format!("{prefix}{body}{suffix}")
            }
            Value::Set(set) => {
                let (items, frozen) = {
                    let set = set.borrow();
                    (set.values(), set.frozen)
                };
                let parts = join(self, &items)?;
                match (frozen, parts.is_empty()) {
                    (false, true) => "set()".to_string(),
                    (true, true) => "frozenset()".to_string(),
                    (false, false) => format!("{{{}}}", parts.join(", ")),
                    (true, false) => format!("frozenset({{{}}})", parts.join(", ")),
                }
            }
            Value::Dict(d) => {
                let items = d.borrow().items();
                let mut parts = Vec::with_capacity(items.len());
                for (k, x) in items {
                    parts.push(format!("{}: {}", self.repr_of(&k)?, self.repr_of(&x)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            other => self.repr_of(other)?,
        })
    }

    /// `x op y` through `x.__op__(y)`, then `y.__rop__(x)`, when either is an instance of a
    /// class that defines them.
    fn binary_dunder(&mut self, op: BinOp, x: &Value, y: &Value) -> Result<Option<Value>, PyError> {
        let (name, reflected) = match op {
            BinOp::Add => ("__add__", "__radd__"),
            BinOp::Sub => ("__sub__", "__rsub__"),
            BinOp::Mul => ("__mul__", "__rmul__"),
            BinOp::Div => ("__truediv__", "__rtruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__"),
            BinOp::Pow => ("__pow__", "__rpow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__"),
            BinOp::BitAnd => ("__and__", "__rand__"),
            BinOp::BitOr => ("__or__", "__ror__"),
            BinOp::BitXor => ("__xor__", "__rxor__"),
        };
        let same_type = match (x, y) {
            (Value::Instance(a), Value::Instance(b)) => Rc::ptr_eq(&a.class, &b.class),
            _ => false,
        };
        // A right operand whose class derives from the left one's and overrides the
        // reflected method goes first.
        let subclass_first = match (x, y) {
            (Value::Instance(a), Value::Instance(b)) => {
                !same_type
                    && b.class.is_subclass(&a.class)
                    && match (b.class.lookup(reflected), a.class.lookup(reflected)) {
                        (Some((f, _)), Some((g, _))) => !f.identity_eq(&g),
                        (Some(_), None) => true,
                        _ => false,
                    }
            }
            _ => false,
        };
        if subclass_first {
            if let Some(r) = self.call_special(y, reflected, vec![x.clone()])? {
                if !ops::is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        if let Some(r) = self.call_special(x, name, vec![y.clone()])? {
            if !ops::is_not_implemented(&r) {
                return Ok(Some(r));
            }
        }
        if same_type || subclass_first {
            return Ok(None);
        }
        match self.call_special(y, reflected, vec![x.clone()])? {
            Some(r) if !ops::is_not_implemented(&r) => Ok(Some(r)),
            _ => Ok(None),
        }
    }

    /// `a < b` (and `<=`, `>`, `>=`) through `__lt__` and its mirror `__gt__` of instances.
    fn order_dunder(&mut self, op: CmpOp, a: &Value, b: &Value) -> Result<Option<bool>, PyError> {
        let (name, mirror) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::LtE => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::GtE => ("__ge__", "__le__"),
            _ => return Ok(None),
        };
        let r = match self.call_special(a, name, vec![b.clone()])? {
            Some(r) if !ops::is_not_implemented(&r) => Some(r),
            _ => match self.call_special(b, mirror, vec![a.clone()])? {
                Some(r) if !ops::is_not_implemented(&r) => Some(r),
                _ => None,
            },
        };
        match r {
            Some(v) => Ok(Some(self.truthy(&v)?)),
            None => Ok(None),
        }
    }

    /// A comparison, through `__eq__` and `__contains__` of instances.
    pub(crate) fn compare_values(
        &mut self,
        op: CmpOp,
        a: &Value,
        b: &Value,
    ) -> Result<bool, PyError> {
        match op {
            CmpOp::Eq | CmpOp::NotEq
                if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) =>
            {
                let mut r = self.call_special(a, "__eq__", vec![b.clone()])?;
                if r.as_ref().is_none_or(ops::is_not_implemented) {
                    r = self.call_special(b, "__eq__", vec![a.clone()])?;
                }
                if r.as_ref().is_some_and(ops::is_not_implemented) {
                    r = None;
                }
                let eq = match r {
                    Some(v) => self.truthy(&v)?,
                    None => a.identity_eq(b),
                };
                Ok(if op == CmpOp::Eq { eq } else { !eq })
            }
            CmpOp::In | CmpOp::NotIn if matches!(b, Value::Instance(_)) => {
                let found = match self.call_special(b, "__contains__", vec![a.clone()])? {
                    Some(v) => self.truthy(&v)?,
                    None => {
                        let items = self.iterate_all(b)?;
                        let mut hit = false;
                        for x in items {
                            if self.compare_values(CmpOp::Eq, &x, a)? {
                                hit = true;
                                break;
                            }
                        }
                        hit
                    }
                };
                Ok(if op == CmpOp::In { found } else { !found })
            }
            CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE
                if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) =>
            {
                match self.order_dunder(op, a, b)? {
                    Some(r) => Ok(r),
                    None => ops::compare(op, a, b),
                }
            }
            CmpOp::In | CmpOp::NotIn
                if keys::is_user_key(a) || table_of(b).is_some_and(|t| t.has_user_keys()) =>
            {
                let found = match table_of(b) {
                    Some(t) => self.table_contains(t, a)?,
                    None if matches!(b, Value::DictView(_, DictViewKind::Items)) => {
                        self.contains_key(b, a)?
                    }
                    None => self.contains_through_eq(b, a)?,
                };
                Ok(if op == CmpOp::In { found } else { !found })
            }
            CmpOp::In | CmpOp::NotIn if matches!(b, Value::DictView(_, DictViewKind::Items)) => {
                let found = self.contains_key(b, a)?;
                Ok(if op == CmpOp::In { found } else { !found })
            }
            CmpOp::Eq | CmpOp::NotEq | CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE
                if matches!(a, Value::Set(_) | Value::DictView(..))
                    && (tables::involves_user_keys(a) || tables::involves_user_keys(b)) =>
            {
                match self.set_compare_with_keys(op, a, b)? {
                    Some(r) => Ok(r),
                    None => ops::compare(op, a, b),
                }
            }
            CmpOp::Eq | CmpOp::NotEq
                if matches!((a, b), (Value::Dict(x), Value::Dict(y))
                    if x.borrow().user_keys || y.borrow().user_keys) =>
            {
                let eq = self.values_equal(a, b, 0)?;
                Ok(if op == CmpOp::Eq { eq } else { !eq })
            }
            CmpOp::In | CmpOp::NotIn if matches!(b, Value::List(_) | Value::Tuple(_)) => {
                hash::clear_skipped_user_eq();
                let mut found = ops::compare(CmpOp::In, a, b)?;
                if hash::skipped_user_eq() {
                    found = self.contains_through_eq(b, a)?;
                }
                Ok(if op == CmpOp::In { found } else { !found })
            }
            CmpOp::Eq | CmpOp::NotEq if is_container(a) && is_container(b) => {
                hash::clear_skipped_user_eq();
                let mut eq = ops::compare(CmpOp::Eq, a, b)?;
                if hash::skipped_user_eq() {
                    eq = self.values_equal(a, b, 0)?;
                }
                Ok(if op == CmpOp::Eq { eq } else { !eq })
            }
            _ => ops::compare(op, a, b),
        }
    }

    /// The value to iterate for `x`: what `x.__iter__()` returns for an instance.
    pub(crate) fn iter_source(&mut self, v: Value) -> Result<Value, PyError> {
        if let Value::Instance(_) = &v {
            return match self.call_special(&v, "__iter__", Vec::new())? {
                Some(it) => Ok(it),
                None if matches!(&v, Value::Instance(i) if i.class.lookup("__getitem__").is_some()) =>
                {
                    // CPython iterates such an object by calling `__getitem__(0)`, `(1)`, ….
                    Err(PyError::Unsupported {
                        what: "iterating over an instance through its __getitem__".into(),
                        line: 0,
                    })
                }
                None => Err(type_error(format!(
                    "'{}' object is not iterable",
                    v.type_name()
                ))),
            };
        }
        Ok(v)
    }

    /// Every item of an iterable (instances through `__iter__`).
    pub(crate) fn iterate_all(&mut self, v: &Value) -> Result<Vec<Value>, PyError> {
        let src = self.iter_source(v.clone())?;
        self.snapshot(&src)
    }

    /// Starts iterating over a value (instances through `__iter__`), as `iter(x)` does.
    pub(crate) fn start_iter(&mut self, v: Value) -> Result<ValueIter, PyError> {
        let v = self.iter_source(v)?;
        make_iter(&v)
    }

    /// Every item of an iterable, running a generator to its end.
    pub(crate) fn snapshot(&mut self, v: &Value) -> Result<Vec<Value>, PyError> {
        let Value::Native(obj) = v else {
            return snapshot_iterable(v);
        };
        if !crate::python::eval::iter::is_driven(&**obj) {
            return snapshot_iterable(v);
        }
        let mut out = Vec::new();
        while let Some(x) = self.next_of(obj)? {
            if out.len() >= crate::python::types::ops::MAX_ITEMS {
                return Err(crate::python::types::ops::too_many_items(
                    out.len() as u128 + 1,
                ));
            }
            out.push(x);
        }
        Ok(out)
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
            ExprKind::GenExp(def, first) => self.eval_genexp(frame, def, first),
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => Err(PyError::Unsupported {
                what: "'yield' inside an expression".into(),
                line: e.line,
            }),
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
            ExprKind::Lambda(def) => self.make_function(frame, def),
            ExprKind::NamedExpr(name, value) => self.eval_named(frame, name, value),
            ExprKind::Await(operand) => {
                let v = self.eval(frame, operand)?;
                self.await_value(&v)
            }
            ExprKind::Temp(i) => match self.it.temps.get(self.it.temp_base + *i as usize) {
                Some(v) => Ok(v.clone()),
                None => Err(exc("SystemError", "a resumed expression lost a value")),
            },
            ExprKind::Starred(_) => Err(PyError::Syntax {
                message: "can't use starred expression here".into(),
                line: e.line,
                column: e.col,
            }),
        };
        r.map_err(|err| with_line(err, e.line))
    }

    #[inline(never)]
    pub(crate) fn eval_const(c: &Constant, _line: u32) -> Result<Value, PyError> {
        Ok(match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(n) => Value::Int(n.clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Str(s) => Value::Str(s.clone()),
            Constant::Bytes(b) => Value::Bytes(b.clone()),
            Constant::Ellipsis => crate::python::stdlib::typing::ellipsis(),
        })
    }

    #[inline(never)]
    pub(crate) fn eval_fstring(
        &mut self,
        frame: &mut Frame,
        parts: &[FPart],
    ) -> Result<Value, PyError> {
        Ok(Value::Str(Rc::from(self.fstring(frame, parts)?.as_str())))
    }

    #[inline(never)]
    pub(crate) fn eval_list(
        &mut self,
        frame: &mut Frame,
        items: &[Expr],
    ) -> Result<Value, PyError> {
        Ok(Value::list(self.eval_all(frame, items)?))
    }

    #[inline(never)]
    pub(crate) fn eval_tuple(
        &mut self,
        frame: &mut Frame,
        items: &[Expr],
    ) -> Result<Value, PyError> {
        Ok(Value::tuple(self.eval_all(frame, items)?))
    }

    #[inline(never)]
    pub(crate) fn eval_set(&mut self, frame: &mut Frame, items: &[Expr]) -> Result<Value, PyError> {
        if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
            return self.eval_set_starred(frame, items);
        }
        let values = self.eval_all(frame, items)?;
        let set = self.set_of(values)?;
        // CPython makes a display of three or more constants a frozenset constant (built
        // again from its own order when the compiler merges constants), and the new set is
        // merged from it: each step lays the elements out anew.
        if items.len() > 2 && items.iter().all(Expr::is_folded_constant) {
            let constant = crate::python::types::Set::from_values(set.values())?;
            return Ok(Value::set(constant.copied()));
        }
        Ok(Value::set(set))
    }

    /// `{a, *b, c}` as CPython builds it: a set or dict after `*` is merged in (one growth of
    /// the table, its own order), anything else added item by item.
    #[inline(never)]
    fn eval_set_starred(&mut self, frame: &mut Frame, items: &[Expr]) -> Result<Value, PyError> {
        let mut set = crate::python::types::Set::new();
        for i in items {
            let ExprKind::Starred(inner) = &i.kind else {
                let v = self.eval(frame, i)?;
                self.add_to(&mut set, v)?;
                continue;
            };
            let v = self.eval(frame, inner)?;
            let mergeable = match &v {
                Value::Set(_) => true,
                Value::Dict(d) => d.borrow().flavor.is_none(),
                _ => false,
            };
            if mergeable
                && !set.dict.user_keys
                && !crate::python::eval::tables::involves_user_keys(&v)
            {
                set.update_from(&v)?;
                continue;
            }
            let mut vals = Vec::new();
            self.extend_starred(&mut vals, &v, None)
                .map_err(|e| with_line(e, i.line))?;
            for x in vals {
                self.add_to(&mut set, x)?;
            }
        }
        Ok(Value::set(set))
    }

    #[inline(never)]
    pub(crate) fn eval_dict(
        &mut self,
        frame: &mut Frame,
        pairs: &[(Expr, Expr)],
    ) -> Result<Value, PyError> {
        let mut d = Dict::new();
        for (k, v) in pairs {
            if let ExprKind::Starred(m) = &k.kind {
                let mv = self.eval(frame, m)?;
                if let Value::Dict(src) = &mv {
                    let cell = RefCell::new(std::mem::take(&mut d));
                    let r = self.dict_merge_from(&cell, src);
                    d = cell.into_inner();
                    r.map_err(|err| with_line(err, k.line))?;
                    continue;
                }
                let Some(items) = self.mapping_items(&mv)? else {
                    return Err(with_line(
                        type_error(format!(
                            "'{}' object is not a mapping",
                            mv.error_type_name()
                        )),
                        k.line,
                    ));
                };
                self.charge(items.len())?;
                for (key, value) in items {
                    self.insert_into(&mut d, key, value)?;
                }
                continue;
            }
            let key = self.eval(frame, k)?;
            let value = self.eval(frame, v)?;
            self.insert_into(&mut d, key, value)
                .map_err(|err| with_line(err, k.line))?;
        }
        Ok(Value::dict(d))
    }

    #[inline(never)]
    pub(crate) fn eval_binop(
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
    pub(crate) fn eval_unary(
        &mut self,
        frame: &mut Frame,
        op: UnaryOp,
        a: &Expr,
    ) -> Result<Value, PyError> {
        let x = self.eval(frame, a)?;
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truthy(&x)?));
        }
        if let Value::Instance(_) = &x {
            let name = match op {
                UnaryOp::Neg => "__neg__",
                UnaryOp::Pos => "__pos__",
                _ => "__invert__",
            };
            if let Some(r) = self.call_special(&x, name, Vec::new())? {
                return Ok(r);
            }
        }
        if let (Value::Dict(_), UnaryOp::Neg | UnaryOp::Pos) = (&x, op) {
            if let Some(r) =
                crate::python::stdlib::collections::unary(self, op == UnaryOp::Neg, &x)?
            {
                return Ok(r);
            }
        }
        ops::unary_op(op, &x)
    }

    #[inline(never)]
    pub(crate) fn eval_boolop(
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
    pub(crate) fn eval_compare(
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
            if !self.compare_values(*op, &left, &right)? {
                return Ok(Value::Bool(false));
            }
            left = right;
        }
        Ok(Value::Bool(true))
    }

    #[inline(never)]
    pub(crate) fn eval_ifexp(
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
    pub(crate) fn eval_call(
        &mut self,
        frame: &mut Frame,
        func: &Expr,
        args: &[Expr],
        kwargs: &[(Rc<str>, Expr)],
    ) -> Result<Value, PyError> {
        let f = self.eval(frame, func)?;
        if matches!(f, Value::Builtin(Builtin::Super)) && args.is_empty() && kwargs.is_empty() {
            return self.class_builtin(Some(frame), "super", Vec::new());
        }
        let mut argv = Vec::with_capacity(args.len());
        for a in args {
            if let ExprKind::Starred(inner) = &a.kind {
                let v = self.eval(frame, inner)?;
                self.extend_starred(&mut argv, &v, Some(&f))?;
                continue;
            }
            argv.push(self.eval(frame, a)?);
        }
        let mut kw: Vec<(Rc<str>, Value)> = Vec::with_capacity(kwargs.len());
        for (n, v) in kwargs {
            if &**n == DOUBLE_STAR {
                let mv = self.eval(frame, v)?;
                let Some(items) = self.mapping_items(&mv)? else {
                    return Err(type_error(format!(
                        "{}() argument after ** must be a mapping, not {}",
                        self.callee_name(&f),
                        mv.error_type_name()
                    )));
                };
                self.charge(items.len())?;
                for (key, value) in items {
                    let Value::Str(key) = key else {
                        return Err(type_error("keywords must be strings"));
                    };
                    if kw.iter().any(|(k, _)| *k == key) {
                        return Err(type_error(format!(
                            "{}() got multiple values for keyword argument '{key}'",
                            self.callee_name(&f)
                        )));
                    }
                    kw.push((key, value));
                }
                continue;
            }
            if kw.iter().any(|(k, _)| k == n) {
                return Err(type_error(format!(
                    "{}() got multiple values for keyword argument '{n}'",
                    self.callee_name(&f)
                )));
            }
            kw.push((n.clone(), self.eval(frame, v)?));
        }
        let r = self.call_value(&f, argv, kw);
        drop(f);
        if crate::python::types::generator::finalizers_pending() {
            self.finalize_generators()?;
        }
        r
    }

    #[inline(never)]
    pub(crate) fn eval_attribute(
        &mut self,
        frame: &mut Frame,
        obj: &Expr,
        name: &str,
    ) -> Result<Value, PyError> {
        let o = self.eval(frame, obj)?;
        self.get_attr(&o, name)
    }

    #[inline(never)]
    pub(crate) fn eval_subscript(
        &mut self,
        frame: &mut Frame,
        obj: &Expr,
        index: &Expr,
    ) -> Result<Value, PyError> {
        let o = self.eval(frame, obj)?;
        let i = match &o {
            Value::Type(_) | Value::Native(_) => match self.typing_index(frame, &o, index)? {
                Some(i) => {
                    if let Some(r) = crate::python::stdlib::typing::subscript(&o, &i) {
                        return r;
                    }
                    i
                }
                None => self.eval(frame, index)?,
            },
            _ => self.eval(frame, index)?,
        };
        if let Value::Instance(_) = &o {
            return match self.call_special(&o, "__getitem__", vec![i])? {
                Some(v) => Ok(v),
                None => Err(type_error(format!(
                    "'{}' object is not subscriptable",
                    o.type_name()
                ))),
            };
        }
        if let Value::Str(s) = &o {
            if !s.is_ascii() {
                self.charge_text(s.len())?;
            }
        }
        self.item_of(&o, &i)
    }

    /// The index of `o[…]` when `o` may take typing arguments (a class such as `list`, a
    /// typing value): `...` in it is the placeholder typing keeps (the simulator has no
    /// Ellipsis value elsewhere). `None` when `o` takes no such arguments.
    fn typing_index(
        &mut self,
        frame: &mut Frame,
        o: &Value,
        index: &Expr,
    ) -> Result<Option<Value>, PyError> {
        let takes = match o {
            Value::Type(crate::python::types::PyType::Builtin(b)) => {
                crate::python::stdlib::typing::subscriptable(*b)
            }
            Value::Native(n) => crate::python::stdlib::typing::is_form(n.as_any()),
            _ => false,
        };
        if !takes {
            return Ok(None);
        }
        let mut one = |e: &Expr, ex: &mut Self| -> Result<Value, PyError> {
            match &e.kind {
                ExprKind::Const(Constant::Ellipsis) => {
                    Ok(crate::python::stdlib::typing::ellipsis())
                }
                _ => ex.eval(frame, e),
            }
        };
        Ok(Some(match &index.kind {
            ExprKind::Tuple(items)
                if !items.iter().any(|e| matches!(e.kind, ExprKind::Starred(_))) =>
            {
                let mut out = Vec::with_capacity(items.len());
                for e in items {
                    out.push(one(e, self)?);
                }
                Value::tuple(out)
            }
            _ => one(index, self)?,
        }))
    }

    /// `o[i]` for a built-in value (a `Counter` or `defaultdict` fills in missing keys).
    pub(crate) fn item_of(&mut self, o: &Value, i: &Value) -> Result<Value, PyError> {
        if let Value::Dict(d) = o {
            // One borrow decides: a plain dict without user-hash keys is read at once.
            let flavor = match d.try_borrow() {
                Ok(dict) => {
                    if dict.flavor.is_none() && !dict.user_keys && !keys::is_user_key(i) {
                        return match dict.get(i)? {
                            Some(v) => Ok(v),
                            None => Err(key_error(i)),
                        };
                    }
                    dict.flavor.clone()
                }
                Err(_) => None,
            };
            if let Some(f) = flavor {
                return crate::python::stdlib::collections::get_item(self, d, &f, i);
            }
            return match self.table_get(keys::Table::Dict(d), i)? {
                Some(v) => Ok(v),
                None => Err(key_error(i)),
            };
        }
        ops::get_item(o, i)
    }

    #[inline(never)]
    pub(crate) fn eval_slice(
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
    pub(crate) fn eval_comp(
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
    /// `(elt for x in first …)`: the first iterable is evaluated (and checked) here, the
    /// rest runs as the generator is iterated.
    pub(crate) fn eval_genexp(
        &mut self,
        frame: &mut Frame,
        def: &Rc<crate::python::syntax::ast::FunctionDef>,
        first: &Expr,
    ) -> Result<Value, PyError> {
        let v = self.eval(frame, first)?;
        let v = self.iter_source(v)?;
        make_iter(&v)?;
        let f = match self.make_function(frame, def)? {
            Value::Function(f) => f,
            _ => {
                return Err(exc(
                    "SystemError",
                    "a generator expression without its function",
                ))
            }
        };
        self.call_function(&f, vec![v], Vec::new())
    }

    pub(crate) fn charge_contains(&mut self, container: &Value) -> Result<(), PyError> {
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
        // Machine-sized integers (the loop counter, `i * 2`, a running total): the result
        // straight away, charged as the general path below charges it (no items, the bytes
        // of the larger of the result and the operands together).
        if let (Value::Int(a), Value::Int(b)) = (x, y) {
            use num_traits::ToPrimitive;
            if let (Some(a), Some(b)) = (a.to_i64(), b.to_i64()) {
                if let Some(r) = ops::small_int_op(op, a, b) {
                    let bytes = |n: i64| (64 - n.unsigned_abs().leading_zeros()) as usize / 8;
                    self.charge_text(bytes(r).max(bytes(a) + bytes(b)))?;
                    return Ok(Value::Int(r.into()));
                }
            }
        }
        // (items, bytes) a value stands for.
        let size = |v: &Value| match v {
            Value::List(l) => (l.borrow().len(), 0),
            Value::Tuple(t) => (t.len(), 0),
            Value::Str(s) => (0, s.len()),
            Value::Bytes(b) => (0, b.len()),
            Value::Int(n) => (0, (n.bits() / 8) as usize),
            _ => (0, 0),
        };
        // Only these operands take one of the special paths below (class unions, dunders,
        // collections' dicts, tables with user keys); numbers, strings and lists go straight
        // to `binary_op`.
        let special = |v: &Value| {
            matches!(
                v,
                Value::Instance(_)
                    | Value::Type(_)
                    | Value::Native(_)
                    | Value::Dict(_)
                    | Value::Set(_)
                    | Value::DictView(..)
            )
        };
        let r = match (op, x) {
            // `'%s' % obj`: str's own `%` takes any operand, with the evaluator's `str()` and
            // `repr()` (a class's `__str__`); a tuple subclass is taken as its tuple.
            (BinOp::Mod, Value::Str(fmt)) if !is_scalar(y) => {
                let args = y.builtin_value().cloned().unwrap_or_else(|| y.clone());
                let text = crate::python::text::format::percent_format_with(
                    fmt,
                    &args,
                    &mut |v, conv| match conv {
                        's' => self.str_of(v),
                        'a' => Ok(crate::python::text::repr::ascii_escaped(&self.repr_of(v)?)),
                        _ => self.repr_of(v),
                    },
                )?;
                Value::str(&text)
            }
            _ => {
                if special(x) || special(y) {
                    if let Some(r) = self.binary_special(op, x, y)? {
                        return Ok(r);
                    }
                }
                ops::binary_op(op, x, y)?
            }
        };
        let (produced, produced_bytes) = size(&r);
        let (xi, xb) = size(x);
        let (yi, yb) = size(y);
        self.charge(produced.max(xi + yi))?;
        self.charge_text(produced_bytes.max(xb + yb))?;
        Ok(r)
    }

    /// `x op y` when an operand is an instance, a class, a native object, a dict, a set or a
    /// dict view: the result of the path that handles it, or `None` for `binary_op`.
    fn binary_special(
        &mut self,
        op: BinOp,
        x: &Value,
        y: &Value,
    ) -> Result<Option<Value>, PyError> {
        if op == BinOp::BitOr
            && (matches!(x, Value::Type(_) | Value::Native(_))
                || matches!(y, Value::Type(_) | Value::Native(_)))
        {
            if let Some(u) = crate::python::stdlib::typing::union_or(x, y) {
                return Ok(Some(u));
            }
        }
        if matches!(x, Value::Instance(_)) || matches!(y, Value::Instance(_)) {
            if let Some(r) = self.binary_dunder(op, x, y)? {
                return Ok(Some(r));
            }
            // `tuple + p` and `'%s' % p` take a subclass of tuple as a tuple.
            if let (BinOp::Add, Value::Tuple(_), Some(t)) | (BinOp::Mod, Value::Str(_), Some(t)) =
                (op, x, y.builtin_value())
            {
                let t = t.clone();
                return self.binary(op, x, &t).map(Some);
            }
        }
        if let Value::Dict(d) = x {
            if let Some(f) = crate::python::types::dict::flavor_of(d) {
                if let Some(r) = crate::python::stdlib::collections::binary(self, &f, op, x, y)? {
                    return Ok(Some(r));
                }
            }
        }
        self.binary_with_keys(op, x, y)
    }

    /// `x op y` for sets, dict views and dicts that may hold keys whose class defines
    /// `__hash__` (`None`: other operands).
    fn binary_with_keys(
        &mut self,
        op: BinOp,
        x: &Value,
        y: &Value,
    ) -> Result<Option<Value>, PyError> {
        let table = |v: &Value| matches!(v, Value::Set(_) | Value::DictView(..) | Value::Dict(_));
        if !(table(x) || table(y))
            || !(tables::involves_user_keys(x) || tables::involves_user_keys(y))
        {
            return Ok(None);
        }
        if let (BinOp::BitOr, Value::Dict(a), Value::Dict(b)) = (op, x, y) {
            if a.borrow().flavor.is_none() {
                let out = RefCell::new(Dict::new());
                self.dict_merge_from(&out, a)?;
                self.dict_merge_from(&out, b)?;
                return Ok(Some(Value::dict(out.into_inner())));
            }
            return Ok(None);
        }
        self.set_binary_with_keys(op, x, y)
    }

    pub(crate) fn eval_all(
        &mut self,
        frame: &mut Frame,
        items: &[Expr],
    ) -> Result<Vec<Value>, PyError> {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            if let ExprKind::Starred(inner) = &i.kind {
                let v = self.eval(frame, inner)?;
                self.extend_starred(&mut out, &v, None)
                    .map_err(|e| with_line(e, i.line))?;
                continue;
            }
            out.push(self.eval(frame, i)?);
        }
        Ok(out)
    }

    /// Adds the items of `*v` (in a display, or in a call of `callee`).
    pub(crate) fn extend_starred(
        &mut self,
        out: &mut Vec<Value>,
        v: &Value,
        callee: Option<&Value>,
    ) -> Result<(), PyError> {
        let source;
        let v = match v {
            Value::Instance(_) => match self.call_special(v, "__iter__", Vec::new())? {
                Some(it) => {
                    source = it;
                    &source
                }
                None => v,
            },
            _ => v,
        };
        if make_iter(v).is_err() {
            let what = v.error_type_name();
            return Err(type_error(match callee {
                Some(f) => format!(
                    "{}() argument after * must be an iterable, not {what}",
                    self.callee_name(f)
                ),
                None => format!("Value after * must be an iterable, not {what}"),
            }));
        }
        let items = self.snapshot(v)?;
        self.charge(items.len())?;
        if out.len() + items.len() > MAX_ITEMS {
            return Err(ops::too_many_items((out.len() + items.len()) as u128));
        }
        out.extend(items);
        Ok(())
    }

    /// How a call's errors name the function: `views.f` for a user function.
    pub(crate) fn callee_name(&self, f: &Value) -> String {
        match f {
            Value::Function(func) => format!("{}.{}", func.module, func.qualname()),
            Value::Builtin(b) => b.name().to_string(),
            Value::NativeFunction(nf) => nf.name.to_string(),
            Value::Type(t) => t.name().to_string(),
            other => other.type_name(),
        }
    }

    /// The `(key, value)` pairs of `**v`.
    pub(crate) fn mapping_items(
        &mut self,
        v: &Value,
    ) -> Result<Option<Vec<(Value, Value)>>, PyError> {
        Ok(match v {
            Value::Dict(d) => Some(d.borrow().items()),
            // A dict subclass is merged from its dict storage (CPython's PyDict_Merge).
            Value::Native(obj) if obj.dict_storage().is_some() => obj.dict_storage(),
            Value::Native(obj) => match obj.iter().ok() {
                Some(keys) => {
                    let mut out = Vec::with_capacity(keys.len());
                    for k in keys {
                        let value = obj.get_item(&k)?;
                        out.push((k, value));
                    }
                    Some(out)
                }
                None => None,
            },
            _ => None,
        })
    }

    #[inline(never)]
    fn eval_named(
        &mut self,
        frame: &mut Frame,
        name: &Rc<str>,
        value: &Expr,
    ) -> Result<Value, PyError> {
        let v = self.eval(frame, value)?;
        self.store_name(frame, name, v.clone())?;
        Ok(v)
    }

    pub(crate) fn fstring(
        &mut self,
        frame: &mut Frame,
        parts: &[FPart],
    ) -> Result<String, PyError> {
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
                    let text = self.format_of(&v, &spec_text)?;
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
            return crate::python::text::format::int_to_str(n);
        }
        if let Value::Instance(_) = v {
            if let Some(s) = self.text_special(v, "__repr__")? {
                return Ok(s);
            }
        }
        if let Value::Wrapped(w) = v {
            if let Wrapped::BoundMethod {
                func,
                receiver: receiver @ Value::Instance(_),
            } = &**w
            {
                let name = crate::python::text::repr::bound_method_name(func);
                let receiver = receiver.clone();
                return Ok(format!(
                    "<bound method {name} of {}>",
                    self.repr_of(&receiver)?
                ));
            }
        }
        if let Value::Exception(e) = v {
            if e.instance().is_some() {
                if let Some(s) = self.exception_text_special(e, "__repr__")? {
                    return Ok(s);
                }
                return self.exception_repr(e);
            }
            if e.args.iter().any(holds_instance) {
                return self.exception_repr(e);
            }
        }
        if !matches!(v, Value::Instance(_)) && holds_instance(v) {
            return self.repr_with_instances(v);
        }
        let s = crate::python::text::repr::repr_checked(v).ok_or_else(|| {
            exc(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object",
            )
        })?;
        self.charge_text(s.len())?;
        if s.len() > ops::MAX_STR_LEN {
            // `repr` stopped at the limit: the whole text would be longer still.
            return Err(ops::too_long(s.len() as u128));
        }
        Ok(s)
    }

    /// `str(v)`, with Python's errors for values it cannot print.
    /// `format(v, spec)`, as f-strings and `str.format` use it: a class's own `__format__`
    /// runs (for an empty spec too), otherwise `str(v)` for an empty spec and the built-in
    /// formatting for the others.
    pub(crate) fn format_of(&mut self, v: &Value, spec: &str) -> Result<String, PyError> {
        if let Value::Instance(i) = v {
            if i.class.lookup("__format__").is_some() {
                return match self.call_special(v, "__format__", vec![Value::str(spec)])? {
                    Some(Value::Str(s)) => Ok(s.to_string()),
                    Some(other) => Err(type_error(format!(
                        "__format__ must return a str, not {}",
                        other.error_type_name()
                    ))),
                    None => self.str_of(v),
                };
            }
        }
        if spec.is_empty() {
            return self.str_of(v);
        }
        crate::python::text::format::format_value(v, spec)
    }

    pub(crate) fn str_of(&mut self, v: &Value) -> Result<String, PyError> {
        match v {
            Value::Str(s) => {
                self.charge_text(s.len())?;
                Ok(s.to_string())
            }
            Value::Int(n) => crate::python::text::format::int_to_str(n),
            Value::Instance(_) => match self.text_special(v, "__str__")? {
                Some(s) => Ok(s),
                None => self.repr_of(v),
            },
            Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Wrapped(_)
            | Value::DictView(..) => self.repr_of(v),
            Value::Exception(e) => match self.exception_text_special(e, "__str__")? {
                Some(s) => Ok(s),
                None => self.exception_str(e),
            },
            _ => Ok(crate::python::text::repr::to_str(v)),
        }
    }

    /// `repr(exc)` when its arguments hold instances (their own `__repr__`).
    #[inline(never)]
    pub(crate) fn exception_repr(
        &mut self,
        e: &crate::python::PyException,
    ) -> Result<String, PyError> {
        let mut parts = Vec::with_capacity(e.args.len());
        for a in e.args.iter() {
            parts.push(self.repr_of(a)?);
        }
        Ok(format!("{}({})", e.kind, parts.join(", ")))
    }

    /// `str(exc)`: its argument's `str` (a KeyError's `repr`), or the arguments' tuple,
    /// through the instances' own `__str__`/`__repr__`.
    #[inline(never)]
    pub(crate) fn exception_str(
        &mut self,
        e: &crate::python::PyException,
    ) -> Result<String, PyError> {
        match &e.args[..] {
            [] => Ok(String::new()),
            [a] if &*e.kind == "KeyError" || e.key_error_subclass() => self.repr_of(a),
            [a] => self.str_of(a),
            args => self.repr_of(&Value::tuple(args.to_vec())),
        }
    }

    pub(crate) fn comprehension(
        &mut self,
        frame: &mut Frame,
        gens: &[Comprehension],
        elt: &CompElt,
        out: &mut CompOut,
        line: u32,
    ) -> Result<(), PyError> {
        let first = match gens.first() {
            Some(g) => {
                let v = self.eval(frame, &g.iter)?;
                self.iter_source(v)?
            }
            None => return Ok(()),
        };
        frame.comp.push(Vec::new());
        let r = self.comp_level(frame, gens, 0, Some(first), elt, out, line);
        if let Some(scope) = frame.comp.pop() {
            for (_, cell) in scope {
                // A function made in the comprehension may still hold the cell.
                if Rc::strong_count(&cell) == 1 {
                    if let Some(v) = cell.borrow_mut().take() {
                        drop_deep(v);
                    }
                }
            }
        }
        r
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn comp_level(
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
                    self.add_to(s, v)?;
                }
                (CompElt::Pair(k, v), CompOut::Dict(d)) => {
                    let key = self.eval(frame, k)?;
                    let value = self.eval(frame, v)?;
                    self.insert_into(d, key, value)?;
                }
                _ => {}
            }
            return Ok(());
        };
        let iterable = match iterable {
            Some(v) => v,
            None => {
                let v = self.eval(frame, &g.iter)?;
                self.iter_source(v)?
            }
        };
        let mut it = make_iter(&iterable)?;
        'items: while let Some(item) = self.next_item(&mut it)? {
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

    pub(crate) fn assign_comp(
        &mut self,
        frame: &mut Frame,
        target: &Expr,
        value: Value,
    ) -> Result<(), PyError> {
        match &target.kind {
            ExprKind::Name(n) => {
                if let Some(scope) = frame.comp.last_mut() {
                    match scope.iter_mut().find(|(k, _)| k == n) {
                        Some(slot) => {
                            let old = slot.1.borrow_mut().replace(value);
                            if let Some(old) = old {
                                drop_deep(old);
                            }
                        }
                        None => scope.push((n.clone(), Rc::new(RefCell::new(Some(value))))),
                    }
                }
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let values = self.unpack_targets(&value, items)?;
                for (t, v) in items.iter().zip(values) {
                    let t = match &t.kind {
                        ExprKind::Starred(inner) => &**inner,
                        _ => t,
                    };
                    self.assign_comp(frame, t, v)?;
                }
                Ok(())
            }
            _ => self.assign(frame, target, value),
        }
    }
}

pub(crate) enum CompElt<'e> {
    One(&'e Expr),
    Pair(&'e Expr, &'e Expr),
}

pub(crate) enum CompOut {
    List(Vec<Value>),
    Set(Set),
    Dict(Dict),
}

impl CompOut {
    pub(crate) fn into_value(self) -> Result<Value, PyError> {
        Ok(match self {
            CompOut::List(items) => Value::list(items),
            CompOut::Set(s) => Value::set(s),
            CompOut::Dict(d) => Value::dict(d),
        })
    }
}

/// Whether `v` is a number, a string or None (its `str()` and `repr()` run no user code).
fn is_scalar(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::Bool(_) | Value::None
    )
}
