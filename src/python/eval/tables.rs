//! Set and dict operations on tables that hold keys whose class defines `__hash__`, done
//! the way CPython 3.11 does them (`setobject.c`, `dictobject.c`): which side is iterated
//! and which is looked up, which keys are hashed again and which stored hashes are reused
//! decide which `__hash__` and `__eq__` calls a program sees, and in what order.
//!
//! The pure operations in `types::ops`, `types::set` and `types::dict` stay the fast path
//! for tables without such keys; the evaluator sends an operation here when
//! [`involves_user_keys`] says one of its operands may hold them.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::keys::{is_user_key, Table};
use crate::python::eval::Exec;
use crate::python::syntax::ast::{BinOp, CmpOp};
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{Dict, DictViewKind, Set, Value};
use crate::python::PyError;

/// Whether an operation with `v` may need Python code for its keys: a set or a dict (or a
/// view of one) holding keys whose class defines `__hash__`, a list or tuple with such an
/// item, or an iterable whose items are not known before it runs.
pub(crate) fn involves_user_keys(v: &Value) -> bool {
    match v {
        Value::Set(s) => s.try_borrow().is_ok_and(|s| s.dict.user_keys),
        Value::Dict(d) | Value::DictView(d, DictViewKind::Keys) => {
            d.try_borrow().is_ok_and(|d| d.user_keys)
        }
        Value::List(l) => l
            .try_borrow()
            .is_ok_and(|l| l.iter().any(item_holds_user_key)),
        Value::Tuple(t) => t.iter().any(item_holds_user_key),
        Value::Str(_) | Value::Bytes(_) | Value::Range(_) | Value::Int(_) | Value::None => false,
        _ => true,
    }
}

/// Whether an item of a list or tuple is (or, as a pair, holds) a user-hash key.
fn item_holds_user_key(v: &Value) -> bool {
    match v {
        Value::List(l) => l.try_borrow().is_ok_and(|l| l.iter().any(is_user_key)),
        Value::Instance(i)
            if i.value.is_none() && !crate::python::eval::keys::user_hash(&i.class) =>
        {
            // An instance might iterate to anything (`dict([pair_object])`).
            true
        }
        other => is_user_key(other),
    }
}

/// Whether a dict is a plain `dict` (CPython's `PyDict_CheckExact`).
fn plain_dict(d: &RefCell<Dict>) -> bool {
    d.borrow().flavor.is_none()
}

fn same_set(a: &Rc<RefCell<Set>>, b: &Value) -> bool {
    matches!(b, Value::Set(o) if Rc::ptr_eq(a, o))
}

impl Exec<'_> {
    /// Runs `f` on each key of `v` with its table hash, as CPython meets them: a set's keys
    /// (and, with `stored_dict`, a plain dict's) with the hashes they were stored with, any
    /// other iterable's items hashed one by one as they come. `f` returns `false` to stop.
    fn each_key(
        &mut self,
        v: &Value,
        stored_dict: bool,
        f: &mut dyn FnMut(&mut Self, Value, u64) -> Result<bool, PyError>,
    ) -> Result<(), PyError> {
        match v {
            Value::Set(s) => {
                let entries = s.borrow().entries();
                self.charge(entries.len())?;
                for (k, h) in entries {
                    if !f(self, k, h)? {
                        break;
                    }
                }
            }
            Value::Dict(d) if stored_dict && plain_dict(d) => {
                let items = d.borrow().items_hashed();
                self.charge(items.len())?;
                for (k, _, h) in items {
                    if !f(self, k, h)? {
                        break;
                    }
                }
            }
            other => {
                let mut it = self.start_iter(other.clone())?;
                while let Some(k) = self.next_item(&mut it)? {
                    self.charge(1)?;
                    let h = self.hash_of(&k)?;
                    if !f(self, k, h)? {
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds a key with a known hash to a set.
    fn set_add_hashed(&mut self, s: &RefCell<Set>, k: Value, h: u64) -> Result<(), PyError> {
        if s.borrow().len() >= crate::python::builtins::ITEM_LIMIT {
            return Err(crate::python::types::ops::too_many_items(
                crate::python::builtins::ITEM_LIMIT as u128 + 1,
            ));
        }
        self.insert_hashed(Table::Set(s), k, Value::None, h)
    }

    /// `set_update_internal`: adds every key of `other` to `target`.
    pub(crate) fn set_update_from(
        &mut self,
        target: &RefCell<Set>,
        other: &Value,
    ) -> Result<(), PyError> {
        if let Value::Set(o) = other {
            if std::ptr::eq(target, &**o) {
                return Ok(());
            }
            if target.borrow().is_empty() {
                // CPython copies the table of a set into an empty one without comparing.
                let frozen = target.borrow().frozen;
                let copy = o.borrow().copied().with_frozen(frozen);
                self.charge(copy.len())?;
                *target.borrow_mut() = copy;
                return Ok(());
            }
            let n = o.borrow().len();
            target.borrow_mut().presize(n);
        }
        if let Value::Dict(d) = other {
            if plain_dict(d) {
                let n = d.borrow().len();
                target.borrow_mut().presize(n);
            }
        }
        self.each_key(other, true, &mut |ex, k, h| {
            ex.set_add_hashed(target, k, h)?;
            Ok(true)
        })
    }

    /// `set(v)` (`frozen`: `frozenset(v)`) as `make_new_set` builds it.
    pub(crate) fn set_from_value(&mut self, v: &Value, frozen: bool) -> Result<Set, PyError> {
        let out = RefCell::new(Set::new().with_frozen(frozen));
        self.set_update_from(&out, v)?;
        Ok(out.into_inner())
    }

    fn set_copy(&mut self, s: &RefCell<Set>) -> Result<Set, PyError> {
        let copy = s.borrow().copied();
        self.charge(copy.len())?;
        Ok(copy)
    }

    /// `set_intersection`: the keys of `so` also in `other`.
    fn set_intersection(&mut self, so: &Rc<RefCell<Set>>, other: &Value) -> Result<Set, PyError> {
        let frozen = so.borrow().frozen;
        if same_set(so, other) {
            return self.set_copy(so);
        }
        let result = RefCell::new(Set::new().with_frozen(frozen));
        if let Value::Set(o) = other {
            let (small, big) = if o.borrow().len() > so.borrow().len() {
                (so, o)
            } else {
                (o, so)
            };
            let entries = small.borrow().entries();
            self.charge(entries.len())?;
            for (k, h) in entries {
                if self.find_hashed(Table::Set(big), &k, h)?.is_some() {
                    self.set_add_hashed(&result, k, h)?;
                }
            }
        } else {
            self.each_key(other, false, &mut |ex, k, h| {
                if ex.find_hashed(Table::Set(so), &k, h)?.is_some() {
                    ex.set_add_hashed(&result, k, h)?;
                }
                Ok(true)
            })?;
        }
        Ok(result.into_inner())
    }

    /// `set_difference_update_internal`: removes the keys of `other` from `so`.
    fn set_difference_update(&mut self, so: &RefCell<Set>, other: &Value) -> Result<(), PyError> {
        if let Value::Set(o) = other {
            if std::ptr::eq(so, &**o) {
                so.borrow_mut().clear();
                return Ok(());
            }
        }
        self.each_key(other, false, &mut |ex, k, h| {
            ex.remove_hashed(Table::Set(so), &k, h)?;
            Ok(true)
        })?;
        so.borrow_mut().drop_dummies();
        Ok(())
    }

    /// `set_difference`: the keys of `so` not in `other`.
    fn set_difference(&mut self, so: &Rc<RefCell<Set>>, other: &Value) -> Result<Set, PyError> {
        let other_size = match other {
            Value::Set(o) => Some(o.borrow().len()),
            Value::Dict(d) if plain_dict(d) => Some(d.borrow().len()),
            _ => None,
        };
        let small_other = other_size.is_some_and(|n| (so.borrow().len() >> 2) <= n);
        if !small_other {
            let result = RefCell::new(self.set_copy(so)?);
            self.set_difference_update(&result, other)?;
            return Ok(result.into_inner());
        }
        let frozen = so.borrow().frozen;
        let result = RefCell::new(Set::new().with_frozen(frozen));
        let entries = so.borrow().entries();
        self.charge(entries.len())?;
        for (k, h) in entries {
            let inside = match other {
                Value::Set(o) => self.find_hashed(Table::Set(o), &k, h)?.is_some(),
                Value::Dict(d) => self.find_hashed(Table::Dict(d), &k, h)?.is_some(),
                _ => false,
            };
            if !inside {
                self.set_add_hashed(&result, k, h)?;
            }
        }
        Ok(result.into_inner())
    }

    /// Removes each key of `keys` from `so` when present, adds it when not.
    fn toggle_keys(&mut self, so: &RefCell<Set>, keys: Vec<(Value, u64)>) -> Result<(), PyError> {
        self.charge(keys.len())?;
        for (k, h) in keys {
            if self.remove_hashed(Table::Set(so), &k, h)?.is_none() {
                self.set_add_hashed(so, k, h)?;
            }
        }
        Ok(())
    }

    /// `set_symmetric_difference_update`.
    fn set_symmetric_difference_update(
        &mut self,
        so: &RefCell<Set>,
        other: &Value,
    ) -> Result<(), PyError> {
        let keys = match other {
            Value::Set(o) if std::ptr::eq(so, &**o) => {
                so.borrow_mut().clear();
                return Ok(());
            }
            Value::Set(o) => o.borrow().entries(),
            Value::Dict(d) if plain_dict(d) => d
                .borrow()
                .items_hashed()
                .into_iter()
                .map(|(k, _, h)| (k, h))
                .collect(),
            other => self.set_from_value(other, false)?.entries(),
        };
        self.toggle_keys(so, keys)
    }

    /// `set_symmetric_difference`: a copy of `other` (as a set) toggled by `so`'s keys.
    fn set_symmetric_difference(
        &mut self,
        so: &Rc<RefCell<Set>>,
        other: &Value,
    ) -> Result<Set, PyError> {
        let frozen = so.borrow().frozen;
        let result = RefCell::new(self.set_from_value(other, frozen)?);
        let keys = so.borrow().entries();
        self.toggle_keys(&result, keys)?;
        Ok(result.into_inner())
    }

    /// `set_issubset`.
    fn set_issubset(&mut self, so: &Rc<RefCell<Set>>, other: &Value) -> Result<bool, PyError> {
        let Value::Set(o) = other else {
            let tmp = Value::set(self.set_from_value(other, false)?);
            return self.set_issubset(so, &tmp);
        };
        if so.borrow().len() > o.borrow().len() {
            return Ok(false);
        }
        let entries = so.borrow().entries();
        self.charge(entries.len())?;
        for (k, h) in entries {
            if self.find_hashed(Table::Set(o), &k, h)?.is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `set_issuperset`.
    fn set_issuperset(&mut self, so: &Rc<RefCell<Set>>, other: &Value) -> Result<bool, PyError> {
        if let Value::Set(o) = other {
            return self.set_issubset(o, &Value::Set(so.clone()));
        }
        let mut all = true;
        self.each_key(other, false, &mut |ex, k, h| {
            if ex.find_hashed(Table::Set(so), &k, h)?.is_none() {
                all = false;
            }
            Ok(all)
        })?;
        Ok(all)
    }

    /// `set_isdisjoint`.
    fn set_isdisjoint(&mut self, so: &Rc<RefCell<Set>>, other: &Value) -> Result<bool, PyError> {
        if same_set(so, other) {
            return Ok(so.borrow().is_empty());
        }
        if let Value::Set(o) = other {
            let (small, big) = if o.borrow().len() > so.borrow().len() {
                (so, o)
            } else {
                (o, so)
            };
            let entries = small.borrow().entries();
            self.charge(entries.len())?;
            for (k, h) in entries {
                if self.find_hashed(Table::Set(big), &k, h)?.is_some() {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let mut disjoint = true;
        self.each_key(other, false, &mut |ex, k, h| {
            if ex.find_hashed(Table::Set(so), &k, h)?.is_some() {
                disjoint = false;
            }
            Ok(disjoint)
        })?;
        Ok(disjoint)
    }

    /// A set method whose receiver or arguments may hold user-hash keys.
    pub(crate) fn set_method_with_keys(
        &mut self,
        set: &Rc<RefCell<Set>>,
        name: &str,
        args: &[Value],
    ) -> Result<Option<Value>, PyError> {
        let frozen = set.borrow().frozen;
        let kind = if frozen { "frozenset" } else { "set" };
        let one = |args: &[Value]| -> Result<Value, PyError> {
            match args {
                [a] => Ok(a.clone()),
                _ => Err(type_error(format!(
                    "{kind}.{name}() takes exactly one argument ({} given)",
                    args.len()
                ))),
            }
        };
        Ok(Some(match name {
            "union" => {
                let result = RefCell::new(self.set_copy(set)?);
                for o in args {
                    if !same_set(set, o) {
                        self.set_update_from(&result, o)?;
                    }
                }
                Value::set(result.into_inner())
            }
            "update" => {
                for o in args {
                    self.set_update_from(set, o)?;
                }
                Value::None
            }
            "intersection" | "intersection_update" => {
                let mut result = Rc::new(RefCell::new(self.set_copy(set)?));
                let mut first = true;
                for o in args {
                    let base = if first { set } else { &result };
                    let next = self.set_intersection(base, o)?;
                    result = Rc::new(RefCell::new(next));
                    first = false;
                }
                let out = result.borrow().clone();
                if name == "intersection" {
                    Value::set(out)
                } else {
                    *set.borrow_mut() = out.with_frozen(false);
                    Value::None
                }
            }
            "difference" => {
                let Some((first, rest)) = args.split_first() else {
                    return Ok(Some(Value::set(self.set_copy(set)?)));
                };
                let result = RefCell::new(self.set_difference(set, first)?);
                for o in rest {
                    self.set_difference_update(&result, o)?;
                }
                Value::set(result.into_inner())
            }
            "difference_update" => {
                for o in args {
                    self.set_difference_update(set, o)?;
                }
                Value::None
            }
            "symmetric_difference" => {
                let o = one(args)?;
                Value::set(self.set_symmetric_difference(set, &o)?)
            }
            "symmetric_difference_update" => {
                let o = one(args)?;
                self.set_symmetric_difference_update(set, &o)?;
                Value::None
            }
            "issubset" => Value::Bool(self.set_issubset(set, &one(args)?)?),
            "issuperset" => Value::Bool(self.set_issuperset(set, &one(args)?)?),
            "isdisjoint" => Value::Bool(self.set_isdisjoint(set, &one(args)?)?),
            _ => return Ok(None),
        }))
    }

    /// A set as a dict view's set operation starts it (`dictviews_to_set`): a plain
    /// dict's keys with their stored hashes, anything else iterated and hashed.
    fn view_to_set(&mut self, v: &Value) -> Result<Rc<RefCell<Set>>, PyError> {
        let s = match v {
            Value::DictView(d, DictViewKind::Keys) if plain_dict(d) => {
                self.set_from_value(&Value::Dict(d.clone()), false)?
            }
            other => self.set_from_value(other, false)?,
        };
        Ok(Rc::new(RefCell::new(s)))
    }

    /// `x in v` where `v` is a set, a dict or one of its views.
    pub(crate) fn contains_key(&mut self, v: &Value, x: &Value) -> Result<bool, PyError> {
        match v {
            Value::Set(s) => self.table_contains(Table::Set(s), x),
            Value::Dict(d) | Value::DictView(d, DictViewKind::Keys) => {
                self.table_contains(Table::Dict(d), x)
            }
            Value::DictView(d, DictViewKind::Items) => {
                let Value::Tuple(t) = x else {
                    return Ok(false);
                };
                if t.len() != 2 {
                    return Ok(false);
                }
                match self.table_get(Table::Dict(d), &t[0])? {
                    Some(found) => Ok(found.identity_eq(&t[1])
                        || self.compare_values(CmpOp::Eq, &found, &t[1])?),
                    None => Ok(false),
                }
            }
            other => self.compare_values(CmpOp::In, x, other),
        }
    }

    /// `_PyDictView_Intersect`.
    fn view_intersect(&mut self, a: &Value, b: &Value) -> Result<Value, PyError> {
        let (mut view, mut other) = if matches!(a, Value::DictView(..)) {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        let len = |v: &Value| -> usize {
            match v {
                Value::DictView(d, _) => d.borrow().len(),
                Value::Set(s) => s.borrow().len(),
                _ => 0,
            }
        };
        if let Value::Set(o) = &other {
            if !o.borrow().frozen && len(&view) <= len(&other) {
                let o = o.clone();
                return Ok(self
                    .set_method_with_keys(&o, "intersection", &[view])?
                    .unwrap_or(Value::None));
            }
        }
        if matches!(other, Value::DictView(..)) && len(&other) > len(&view) {
            std::mem::swap(&mut view, &mut other);
        }
        let result = RefCell::new(Set::new());
        let mut it = self.start_iter(other)?;
        while let Some(k) = self.next_item(&mut it)? {
            self.charge(1)?;
            if self.contains_key(&view, &k)? {
                let h = self.hash_of(&k)?;
                self.set_add_hashed(&result, k, h)?;
            }
        }
        Ok(Value::set(result.into_inner()))
    }

    /// `a op b` for `| & - ^` where an operand is a set or a dict's keys or items view
    /// that may hold user-hash keys (`None`: not such operands).
    pub(crate) fn set_binary_with_keys(
        &mut self,
        op: BinOp,
        a: &Value,
        b: &Value,
    ) -> Result<Option<Value>, PyError> {
        if !matches!(
            op,
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
        ) {
            return Ok(None);
        }
        let view = |v: &Value| {
            matches!(
                v,
                Value::DictView(_, DictViewKind::Keys | DictViewKind::Items)
            )
        };
        if let (Value::Set(x), Value::Set(_)) = (a, b) {
            let x = x.clone();
            return Ok(Some(Value::set(match op {
                BinOp::BitOr => {
                    let result = RefCell::new(self.set_copy(&x)?);
                    self.set_update_from(&result, b)?;
                    result.into_inner()
                }
                BinOp::BitAnd => self.set_intersection(&x, b)?,
                BinOp::Sub => self.set_difference(&x, b)?,
                _ => self.set_symmetric_difference(&x, b)?,
            })));
        }
        if !(view(a) || view(b)) {
            return Ok(None);
        }
        // A view's operation takes any iterable on the other side.
        if op == BinOp::BitAnd {
            return self.view_intersect(a, b).map(Some);
        }
        let result = self.view_to_set(a)?;
        match op {
            BinOp::BitOr => self.set_update_from(&result, b)?,
            BinOp::Sub => self.set_difference_update(&result, b)?,
            _ => self.set_symmetric_difference_update(&result, b)?,
        }
        let out = result.borrow().clone();
        Ok(Some(Value::set(out)))
    }

    /// `a op= b` on a set that may hold user-hash keys (`None`: not such operands).
    pub(crate) fn set_inplace_with_keys(
        &mut self,
        op: BinOp,
        a: &Value,
        b: &Value,
    ) -> Result<Option<Value>, PyError> {
        let (Value::Set(s), Value::Set(_)) = (a, b) else {
            return Ok(None);
        };
        if s.borrow().frozen {
            return self.set_binary_with_keys(op, a, b);
        }
        match op {
            BinOp::BitOr => self.set_update_from(s, b)?,
            BinOp::BitAnd => {
                let out = self.set_intersection(s, b)?;
                *s.borrow_mut() = out.with_frozen(false);
            }
            BinOp::Sub => self.set_difference_update(s, b)?,
            BinOp::BitXor => self.set_symmetric_difference_update(s, b)?,
            _ => return Ok(None),
        }
        Ok(Some(a.clone()))
    }

    /// `a op b` for `== != < <= > >=` between sets and dict views that may hold user-hash
    /// keys (`None`: not such operands).
    pub(crate) fn set_compare_with_keys(
        &mut self,
        op: CmpOp,
        a: &Value,
        b: &Value,
    ) -> Result<Option<bool>, PyError> {
        let setlike = |v: &Value| {
            matches!(
                v,
                Value::Set(_) | Value::DictView(_, DictViewKind::Keys | DictViewKind::Items)
            )
        };
        if !(setlike(a) && setlike(b)) {
            return Ok(None);
        }
        let len = |v: &Value| -> usize {
            match v {
                Value::DictView(d, _) => d.borrow().len(),
                Value::Set(s) => s.borrow().len(),
                _ => 0,
            }
        };
        if let (Value::Set(x), Value::Set(_)) = (a, b) {
            let x = x.clone();
            let (la, lb) = (len(a), len(b));
            return Ok(Some(match op {
                CmpOp::Eq => la == lb && self.set_issubset(&x, b)?,
                CmpOp::NotEq => !(la == lb && self.set_issubset(&x, b)?),
                CmpOp::LtE => self.set_issubset(&x, b)?,
                CmpOp::GtE => self.set_issuperset(&x, b)?,
                CmpOp::Lt => la < lb && self.set_issubset(&x, b)?,
                CmpOp::Gt => la > lb && self.set_issuperset(&x, b)?,
                _ => return Ok(None),
            }));
        }
        // `dictview_richcompare`, with the view on the left (a set on the left gives way).
        let (v, w, op) = if matches!(a, Value::DictView(..)) {
            (a, b, op)
        } else {
            let flipped = match op {
                CmpOp::Lt => CmpOp::Gt,
                CmpOp::LtE => CmpOp::GtE,
                CmpOp::Gt => CmpOp::Lt,
                CmpOp::GtE => CmpOp::LtE,
                other => other,
            };
            (b, a, flipped)
        };
        let (lv, lw) = (len(v), len(w));
        Ok(Some(match op {
            CmpOp::Eq => lv == lw && self.all_contained_in(v, w)?,
            CmpOp::NotEq => !(lv == lw && self.all_contained_in(v, w)?),
            CmpOp::Lt => lv < lw && self.all_contained_in(v, w)?,
            CmpOp::LtE => lv <= lw && self.all_contained_in(v, w)?,
            CmpOp::Gt => lv > lw && self.all_contained_in(w, v)?,
            CmpOp::GtE => lv >= lw && self.all_contained_in(w, v)?,
            _ => return Ok(None),
        }))
    }

    /// Whether every item of `a` (iterated) is in `b`.
    fn all_contained_in(&mut self, a: &Value, b: &Value) -> Result<bool, PyError> {
        let mut it = self.start_iter(a.clone())?;
        while let Some(k) = self.next_item(&mut it)? {
            self.charge(1)?;
            if !self.contains_key(b, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `dict_merge`: the pairs of a plain dict (or a Counter or defaultdict, which CPython
    /// merges the same way) into `target`, reusing their stored hashes. An empty target
    /// takes a copy without comparing.
    pub(crate) fn dict_merge_from(
        &mut self,
        target: &RefCell<Dict>,
        src: &Rc<RefCell<Dict>>,
    ) -> Result<(), PyError> {
        if std::ptr::eq(target, &**src) || src.borrow().is_empty() {
            return Ok(());
        }
        let clean = {
            let s = src.borrow();
            s.slot_count() == s.len()
        };
        if target.borrow().is_empty() && clean {
            let mut copy = src.borrow().clone();
            copy.flavor = target.borrow().flavor.clone();
            self.charge(copy.len())?;
            *target.borrow_mut() = copy;
            return Ok(());
        }
        let pairs = src.borrow().items_hashed();
        let size = src.borrow().slot_count();
        self.charge(pairs.len())?;
        for (k, v, h) in pairs {
            self.insert_hashed(Table::Dict(target), k, v, h)?;
            if src.borrow().slot_count() != size {
                return Err(exc("RuntimeError", "dict mutated during update"));
            }
        }
        Ok(())
    }

    /// `PyDict_MergeFromSeq2`: each item a pair, checked and stored in turn.
    pub(crate) fn dict_merge_pairs(
        &mut self,
        target: &RefCell<Dict>,
        src: &Value,
    ) -> Result<(), PyError> {
        let mut it = self.start_iter(src.clone())?;
        let mut i = 0usize;
        while let Some(item) = self.next_item(&mut it)? {
            self.charge(1)?;
            let pair = match &item {
                Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) => {
                    crate::python::eval::snapshot_iterable(&item)?
                }
                Value::Instance(_) | Value::Dict(_) | Value::Set(_) | Value::DictView(..) => {
                    match self.iterate_all(&item) {
                        Ok(p) => p,
                        Err(_) => return Err(not_a_sequence(i)),
                    }
                }
                other => match crate::python::eval::snapshot_iterable(other) {
                    Ok(p) => p,
                    Err(_) => return Err(not_a_sequence(i)),
                },
            };
            if pair.len() != 2 {
                return Err(exc(
                    "ValueError",
                    format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    ),
                ));
            }
            let mut pair = pair.into_iter();
            let (k, v) = (
                pair.next().unwrap_or(Value::None),
                pair.next().unwrap_or(Value::None),
            );
            self.table_insert(Table::Dict(target), k, v)?;
            i += 1;
        }
        Ok(())
    }

    /// `dict.update(src)`, `dict(src)` and `d |= src`: a dict merges with its stored
    /// hashes, a mapping through `keys()` and `[]`, anything else as pairs.
    pub(crate) fn dict_update_arg(
        &mut self,
        target: &RefCell<Dict>,
        src: &Value,
    ) -> Result<(), PyError> {
        match src {
            Value::Dict(d)
                if !matches!(
                    d.borrow().flavor.as_deref(),
                    Some(crate::python::types::Flavor::OrderedDict)
                ) =>
            {
                self.dict_merge_from(target, d)
            }
            Value::Dict(d) => {
                let pairs = d.borrow().items();
                self.charge(pairs.len())?;
                for (k, v) in pairs {
                    self.table_insert(Table::Dict(target), k, v)?;
                }
                Ok(())
            }
            _ => self.dict_merge_pairs(target, src),
        }
    }

    /// `dict.fromkeys(keys, value)`: a plain dict's or a set's keys go in with their stored
    /// hashes, any other iterable's are hashed one by one.
    pub(crate) fn dict_fromkeys(&mut self, keys: &Value, value: Value) -> Result<Value, PyError> {
        let out = RefCell::new(Dict::new());
        self.each_key(keys, true, &mut |ex, k, h| {
            ex.insert_hashed(Table::Dict(&out), k, value.clone(), h)?;
            Ok(true)
        })?;
        Ok(Value::dict(out.into_inner()))
    }

    /// `a == b` for two dicts as `dict_equal` does it: each key of `a` is looked up in
    /// `b` with its stored hash, and the values compared.
    pub(crate) fn dicts_equal(
        &mut self,
        a: &Rc<RefCell<Dict>>,
        b: &Rc<RefCell<Dict>>,
        depth: usize,
    ) -> Result<bool, PyError> {
        if Rc::ptr_eq(a, b) {
            return Ok(true);
        }
        if a.borrow().len() != b.borrow().len() {
            return Ok(false);
        }
        let pairs = a.borrow().items_hashed();
        self.charge(pairs.len())?;
        for (k, v, h) in pairs {
            let Some(slot) = self.find_hashed(Table::Dict(b), &k, h)? else {
                return Ok(false);
            };
            let w = b.borrow().slot(slot).map(|(_, w)| w.clone());
            let Some(w) = w else {
                return Ok(false);
            };
            if !(v.identity_eq(&w) || self.values_equal(&v, &w, depth + 1)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

#[cold]
fn not_a_sequence(i: usize) -> PyError {
    type_error(format!(
        "cannot convert dictionary update sequence element #{i} to a sequence"
    ))
}
