//! The `collections` module: `Counter`, `OrderedDict` and `defaultdict` (dicts with a
//! [`Flavor`]: everything a dict does, plus what the class adds, and `isinstance(c, dict)`
//! holds as in CPython, so they go into the session and into JSON as dicts), and `deque`
//! (in `deque.rs`). Behaviour and messages follow CPython 3.11's `collections/__init__.py`
//! (Counter, OrderedDict's methods) and `_collectionsmodule.c` (defaultdict, deque).
//! `namedtuple` is in `namedtuple.rs`; `ChainMap`, `UserDict`, `UserList` and `UserString`
//! are refused.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::builtins::Kwargs;
use crate::python::eval::keys::Table;
use crate::python::eval::{Exec, Interpreter};
use crate::python::syntax::ast::{BinOp, CmpOp};
use crate::python::text::repr::repr;
use crate::python::types::dict::{flavor_of, DICT_METHODS};
use crate::python::types::hash::{dict_eq, eq_depth};
use crate::python::types::ops::{self, exc, type_error};
use crate::python::types::{Dict, Flavor, PyType, Value};
use crate::python::{PyError, PyException};

pub(crate) fn flavor_name(f: &Flavor) -> &'static str {
    match f {
        Flavor::Counter => "Counter",
        Flavor::OrderedDict => "OrderedDict",
        Flavor::DefaultDict(_) => "defaultdict",
    }
}

fn class(name: &str) -> Value {
    Value::Type(PyType::Other {
        name: Rc::from(name),
        qualified: Rc::from(format!("collections.{name}").as_str()),
        native: None,
    })
}

pub(crate) fn install(it: &mut Interpreter) {
    let members = vec![
        ("Counter", class("Counter")),
        ("OrderedDict", class("OrderedDict")),
        ("defaultdict", class("defaultdict")),
        ("deque", class("deque")),
        (
            "namedtuple",
            super::function("collections", "namedtuple", super::namedtuple::namedtuple),
        ),
    ];
    it.modules
        .insert("collections".into(), super::module("collections", members));
}

/// What CPython's `collections` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "ChainMap" | "UserDict" | "UserList" | "UserString" | "abc"
    )
}

pub(crate) fn is_class(qualified: &str) -> bool {
    matches!(
        qualified,
        "collections.Counter"
            | "collections.OrderedDict"
            | "collections.defaultdict"
            | "collections.deque"
    )
}

fn flavored(d: Dict, f: Flavor) -> Value {
    let mut d = d;
    d.flavor = Some(Rc::new(f));
    Value::dict(d)
}

fn key_error(key: &Value) -> PyError {
    PyError::Exception(PyException::with_args("KeyError", vec![key.clone()]))
}

/// The pairs of a mapping argument, or `None` when it is not a mapping.
fn mapping_pairs(v: &Value) -> Option<Vec<(Value, Value)>> {
    match v {
        Value::Dict(d) => Some(d.borrow().items()),
        _ => None,
    }
}

/// `Counter.update` / `Counter.subtract` (`sign` 1 or -1), hashing each key as CPython's
/// `Counter` does: `update` of an iterable once an element (`_count_elements`), the
/// loops written in Python (`self[elem] = count + self_get(elem, 0)`) once a lookup.
fn count_in(
    ex: &mut Exec<'_>,
    target: &Rc<RefCell<Dict>>,
    src: Option<&Value>,
    kwargs: Kwargs,
    sign: i64,
) -> Result<(), PyError> {
    let t = Table::Dict(target);
    if let Some(src) = src.filter(|v| !v.is_none()) {
        match mapping_pairs(src) {
            Some(pairs) => {
                ex.charge(pairs.len())?;
                if sign > 0 && target.borrow().is_empty() {
                    // `super().update(iterable)`.
                    if let Value::Dict(d) = src {
                        ex.dict_update_arg(target, &Value::Dict(d.clone()))?;
                    }
                } else {
                    for (k, v) in pairs {
                        // `self[elem] = count + self_get(elem, 0)` (update) and
                        // `self[elem] = self_get(elem, 0) - count` (subtract).
                        let current = ex.table_get(t, &k)?.unwrap_or(Value::int(0));
                        let new = if sign > 0 {
                            ex.binary(BinOp::Add, &v, &current)?
                        } else {
                            ex.binary(BinOp::Sub, &current, &v)?
                        };
                        ex.table_insert(t, k, new)?;
                    }
                }
            }
            None => {
                let mut it = ex.start_iter(src.clone())?;
                while let Some(elem) = ex.next_item(&mut it)? {
                    ex.step(ex.it.line)?;
                    if sign > 0 {
                        let h = ex.hash_of(&elem)?;
                        let current = match ex.find_hashed(t, &elem, h)? {
                            Some(slot) => target.borrow().slot(slot).map(|(_, v)| v.clone()),
                            None => None,
                        };
                        let new = match current {
                            Some(c) => ex.binary(BinOp::Add, &c, &Value::int(1))?,
                            None => Value::int(1),
                        };
                        ex.insert_hashed(t, elem, new, h)?;
                    } else {
                        let current = ex.table_get(t, &elem)?.unwrap_or(Value::int(0));
                        let new = ex.binary(BinOp::Sub, &current, &Value::int(1))?;
                        ex.table_insert(t, elem, new)?;
                    }
                }
            }
        }
    }
    if !kwargs.is_empty() {
        let mut d = Dict::new();
        for (k, v) in kwargs {
            d.insert(Value::Str(k), v)?;
        }
        count_in(ex, target, Some(&Value::dict(d)), Vec::new(), sign)?;
    }
    Ok(())
}

/// Fills a new dict from `dict(...)`-style arguments (a mapping or pairs, then keywords).
fn fill_dict(
    ex: &mut Exec<'_>,
    func: &str,
    src: Option<&Value>,
    kwargs: Kwargs,
) -> Result<Dict, PyError> {
    let mut d = Dict::new();
    if let Some(src) = src.filter(|v| crate::python::eval::tables::involves_user_keys(v)) {
        let cell = RefCell::new(d);
        if func == "defaultdict" {
            // dict's `__init__`: a dict merges with its stored hashes.
            ex.dict_update_arg(&cell, src)?;
        } else {
            // `MutableMapping.update`: `self[key] = value` for each pair.
            let pairs = match mapping_pairs(src) {
                Some(p) => p,
                None => {
                    let mut pairs = Vec::new();
                    let mut it = ex.start_iter(src.clone())?;
                    while let Some(item) = ex.next_item(&mut it)? {
                        let pair = ex.iterate_all(&item)?;
                        match pair.len() {
                            2 => pairs.push((pair[0].clone(), pair[1].clone())),
                            n if n > 2 => {
                                return Err(exc(
                                    "ValueError",
                                    "too many values to unpack (expected 2)",
                                ))
                            }
                            n => {
                                return Err(exc(
                                    "ValueError",
                                    format!("not enough values to unpack (expected 2, got {n})"),
                                ))
                            }
                        }
                    }
                    pairs
                }
            };
            ex.charge(pairs.len())?;
            for (k, v) in pairs {
                ex.table_insert(Table::Dict(&cell), k, v)?;
            }
        }
        for (k, v) in kwargs {
            ex.table_insert(Table::Dict(&cell), Value::Str(k), v)?;
        }
        return Ok(cell.into_inner());
    }
    if let Some(src) = src {
        let pairs = match mapping_pairs(src) {
            Some(p) => p,
            None => {
                let items = ex.iterate_all(src)?;
                ops::dict_from_pairs(items)?.items()
            }
        };
        let _ = func;
        ex.charge(pairs.len())?;
        for (k, v) in pairs {
            d.insert(k, v)?;
        }
    }
    for (k, v) in kwargs {
        d.insert(Value::Str(k), v)?;
    }
    Ok(d)
}

fn callable(v: &Value) -> bool {
    match v {
        Value::Function(_)
        | Value::Builtin(_)
        | Value::Method(_)
        | Value::NativeFunction(_)
        | Value::NativeMethod(..)
        | Value::Type(_) => true,
        Value::Wrapped(_) => true,
        Value::Instance(i) => i.class.lookup("__call__").is_some(),
        _ => false,
    }
}

/// Calls one of the classes.
pub(crate) fn construct(
    ex: &mut Exec<'_>,
    qualified: &str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    match qualified {
        "collections.Counter" => {
            if args.len() > 1 {
                return Err(type_error(format!(
                    "Counter.__init__() takes from 1 to 2 positional arguments but {} were given",
                    args.len() + 1
                )));
            }
            let d = Rc::new(RefCell::new(Dict::new()));
            d.borrow_mut().flavor = Some(Rc::new(Flavor::Counter));
            count_in(ex, &d, args.first(), kwargs, 1)?;
            Ok(Value::Dict(d))
        }
        "collections.OrderedDict" => {
            if args.len() > 1 {
                return Err(type_error(format!(
                    "OrderedDict expected at most 1 argument, got {}",
                    args.len()
                )));
            }
            let d = fill_dict(ex, "OrderedDict", args.first(), kwargs)?;
            Ok(flavored(d, Flavor::OrderedDict))
        }
        "collections.defaultdict" => {
            let mut args = args.into_iter();
            let factory = args.next().unwrap_or(Value::None);
            if !factory.is_none() && !callable(&factory) {
                return Err(type_error("first argument must be callable or None"));
            }
            let rest: Vec<Value> = args.collect();
            if rest.len() > 1 {
                return Err(type_error(format!(
                    "dict expected at most 1 argument, got {}",
                    rest.len()
                )));
            }
            let d = fill_dict(ex, "defaultdict", rest.first(), kwargs)?;
            Ok(flavored(d, Flavor::DefaultDict(factory)))
        }
        _ => super::deque::construct(ex, args, kwargs),
    }
}

/// `Counter.fromkeys`, `OrderedDict.fromkeys`, `defaultdict.fromkeys`.
pub(crate) fn class_attr(qualified: &str, name: &str) -> Option<Value> {
    if name != "fromkeys" {
        return None;
    }
    let flavor = match qualified {
        "collections.Counter" => {
            return Some(super::function("collections", "fromkeys", |_, _| {
                Err(exc(
                    "NotImplementedError",
                    "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.",
                ))
            }))
        }
        "collections.OrderedDict" => Flavor::OrderedDict,
        "collections.defaultdict" => Flavor::DefaultDict(Value::None),
        _ => return None,
    };
    Some(super::function("collections", "fromkeys", move |ex, a| {
        a.no_kwargs("fromkeys")?;
        if a.args.is_empty() || a.args.len() > 2 {
            return Err(type_error(format!(
                "fromkeys expected at least 1 argument, got {}",
                a.args.len()
            )));
        }
        let value = a.args.get(1).cloned().unwrap_or(Value::None);
        // `cls()` then `d[key] = value` for each key, hashing each.
        let cell = RefCell::new(Dict::new());
        let mut it = ex.start_iter(a.args[0].clone())?;
        while let Some(k) = ex.next_item(&mut it)? {
            ex.charge(1)?;
            ex.table_insert(Table::Dict(&cell), k, value.clone())?;
        }
        Ok(flavored(cell.into_inner(), flavor.clone()))
    }))
}

/// `c[key]`: a `Counter` gives 0 for a missing key, a `defaultdict` stores and gives
/// `default_factory()`.
pub(crate) fn get_item(
    ex: &mut Exec<'_>,
    d: &Rc<RefCell<Dict>>,
    f: &Flavor,
    key: &Value,
) -> Result<Value, PyError> {
    let found = ex.table_get(Table::Dict(d), key)?;
    if let Some(v) = found {
        return Ok(v);
    }
    match f {
        Flavor::Counter => Ok(Value::int(0)),
        Flavor::DefaultDict(factory) if !factory.is_none() => {
            let factory = factory.clone();
            let v = ex.call_value(&factory, Vec::new(), Vec::new())?;
            // `__missing__` stores it with `self[key] = value`: the key is hashed again.
            ex.table_insert(Table::Dict(d), key.clone(), v.clone())?;
            Ok(v)
        }
        _ => Err(key_error(key)),
    }
}

/// `del c[key]` of a `Counter` does nothing for a missing key.
pub(crate) fn ignores_missing_del(
    ex: &mut Exec<'_>,
    o: &Value,
    key: &Value,
) -> Result<bool, PyError> {
    let Value::Dict(d) = o else {
        return Ok(false);
    };
    match flavor_of(d).as_deref() {
        // `if elem in self: super().__delitem__(elem)`.
        Some(Flavor::Counter) => Ok(!ex.table_contains(Table::Dict(d), key)?),
        _ => Ok(false),
    }
}

/// The dict a Counter's `repr()` shows, built as CPython builds it,
/// `dict(self.most_common())` (each key hashed again), when it holds user-hash keys
/// (`None`: the pure `repr_parts` shows it).
pub(crate) fn counter_shown(
    ex: &mut Exec<'_>,
    d: &RefCell<Dict>,
) -> Result<Option<Value>, PyError> {
    let pairs = {
        let dict = d.borrow();
        if !matches!(dict.flavor.as_deref(), Some(Flavor::Counter))
            || !dict.user_keys
            || dict.is_empty()
        {
            return Ok(None);
        }
        most_common_pairs(&dict)
    };
    let Ok(pairs) = pairs else {
        // Values that do not order: `dict(self)`.
        let mut plain = d.borrow().clone();
        plain.flavor = None;
        return Ok(Some(Value::dict(plain)));
    };
    let mut shown = Dict::new();
    for (k, v) in pairs {
        ex.insert_into(&mut shown, k, v)?;
    }
    Ok(Some(Value::dict(shown)))
}

/// The text around the dict in `repr()`, and the value shown between.
pub(crate) fn repr_parts(d: &RefCell<Dict>) -> (String, Option<Value>, &'static str) {
    let Ok(dict) = d.try_borrow() else {
        return ("{...}".into(), None, "");
    };
    match dict.flavor.as_deref() {
        Some(Flavor::Counter) => {
            if dict.is_empty() {
                return ("Counter()".into(), None, "");
            }
            let pairs = most_common_pairs(&dict).unwrap_or_else(|_| dict.items());
            let shown = Dict::from_pairs(pairs).unwrap_or_default();
            ("Counter(".into(), Some(Value::dict(shown)), ")")
        }
        Some(Flavor::OrderedDict) => {
            if dict.is_empty() {
                return ("OrderedDict()".into(), None, "");
            }
            let items = dict
                .items()
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect();
            ("OrderedDict(".into(), Some(Value::list(items)), ")")
        }
        Some(Flavor::DefaultDict(factory)) => {
            let mut plain = dict.clone();
            plain.flavor = None;
            (
                format!("defaultdict({}, ", repr(factory)),
                Some(Value::dict(plain)),
                ")",
            )
        }
        None => ("{".into(), None, "}"),
    }
}

/// The pairs by count, largest first, ties in insertion order (`most_common()`).
fn most_common_pairs(d: &Dict) -> Result<Vec<(Value, Value)>, PyError> {
    let mut pairs = d.items();
    crate::python::eval::budget::items(pairs.len().saturating_mul(4))?;
    let mut failed: Option<PyError> = None;
    pairs.sort_by(|a, b| {
        if failed.is_some() {
            return std::cmp::Ordering::Equal;
        }
        // Descending: `a` goes first when `b < a`.
        match ops::compare(CmpOp::Lt, &b.1, &a.1) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match ops::compare(CmpOp::Lt, &a.1, &b.1) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    failed = Some(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                failed = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(pairs),
    }
}

/// `==` when either dict is a `Counter` or an `OrderedDict`.
pub(crate) fn flavored_eq(x: &Dict, y: &Dict, depth: usize) -> bool {
    match (x.flavor.as_deref(), y.flavor.as_deref()) {
        (Some(Flavor::OrderedDict), Some(Flavor::OrderedDict)) => {
            x.len() == y.len()
                && crate::python::eval::budget::items(x.len() * 2).is_ok()
                && x.iter().zip(y.iter()).all(|((k1, v1), (k2, v2))| {
                    eq_depth(k1, k2, depth + 1) && eq_depth(v1, v2, depth + 1)
                })
        }
        (Some(Flavor::Counter), Some(Flavor::Counter)) => {
            // A missing element counts as zero.
            let zero = Value::int(0);
            let side = |a: &Dict, b: &Dict| {
                a.iter().all(|(k, v)| {
                    let w = b.get(k).ok().flatten().unwrap_or_else(|| zero.clone());
                    eq_depth(v, &w, depth + 1)
                })
            };
            crate::python::eval::budget::items((x.len() + y.len()) * 4).is_ok()
                && side(x, y)
                && side(y, x)
        }
        _ => dict_eq(x, y, depth),
    }
}

/// `c + d`, `c - d`, `c | d`, `c & d` of Counters (`None`: not these operands).
pub(crate) fn binary(
    ex: &mut Exec<'_>,
    f: &Flavor,
    op: BinOp,
    x: &Value,
    y: &Value,
) -> Result<Option<Value>, PyError> {
    if !matches!(f, Flavor::Counter) {
        return Ok(None);
    }
    let (Value::Dict(a), Value::Dict(b)) = (x, y) else {
        return Ok(None);
    };
    if !matches!(flavor_of(b).as_deref(), Some(Flavor::Counter)) {
        if op == BinOp::BitOr {
            // `Counter | dict` is dict's `|`: a plain dict.
            let mut merged = a.borrow().clone();
            merged.flavor = None;
            let merged = RefCell::new(merged);
            ex.dict_merge_from(&merged, b)?;
            return Ok(Some(Value::dict(merged.into_inner())));
        }
        return Ok(None);
    }
    if !matches!(op, BinOp::Add | BinOp::Sub | BinOp::BitOr | BinOp::BitAnd) {
        return Ok(None);
    }
    let (sa, sb) = (a.borrow().items(), b.borrow().items());
    ex.charge((sa.len() + sb.len()) * 4)?;
    let zero = Value::int(0);
    let mut out = Dict::new();
    for (elem, count) in &sa {
        let other = ex
            .table_get(Table::Dict(b), elem)?
            .unwrap_or_else(|| Value::int(0));
        let new = match op {
            BinOp::Add => ex.binary(BinOp::Add, count, &other)?,
            BinOp::Sub => ex.binary(BinOp::Sub, count, &other)?,
            BinOp::BitOr => {
                if ex.compare_values(CmpOp::Lt, count, &other)? {
                    other
                } else {
                    count.clone()
                }
            }
            _ => {
                if ex.compare_values(CmpOp::Lt, count, &other)? {
                    count.clone()
                } else {
                    other
                }
            }
        };
        if ex.compare_values(CmpOp::Gt, &new, &zero)? {
            ex.insert_into(&mut out, elem.clone(), new)?;
        }
    }
    if op != BinOp::BitAnd {
        for (elem, count) in &sb {
            if ex.table_contains(Table::Dict(a), elem)? {
                continue;
            }
            match op {
                BinOp::Sub => {
                    if ex.compare_values(CmpOp::Lt, count, &zero)? {
                        let neg = ex.binary(BinOp::Sub, &zero, count)?;
                        ex.insert_into(&mut out, elem.clone(), neg)?;
                    }
                }
                _ => {
                    if ex.compare_values(CmpOp::Gt, count, &zero)? {
                        ex.insert_into(&mut out, elem.clone(), count.clone())?;
                    }
                }
            }
        }
    }
    Ok(Some(flavored(out, Flavor::Counter)))
}

/// `+c` and `-c` of a Counter (`None`: not a Counter).
pub(crate) fn unary(ex: &mut Exec<'_>, neg: bool, x: &Value) -> Result<Option<Value>, PyError> {
    let Value::Dict(d) = x else {
        return Ok(None);
    };
    if !matches!(flavor_of(d).as_deref(), Some(Flavor::Counter)) {
        return Ok(None);
    }
    let zero = Value::int(0);
    let items = d.borrow().items();
    ex.charge(items.len())?;
    let mut out = Dict::new();
    for (elem, count) in items {
        if neg {
            if ex.compare_values(CmpOp::Lt, &count, &zero)? {
                let n = ex.binary(BinOp::Sub, &zero, &count)?;
                ex.insert_into(&mut out, elem, n)?;
            }
        } else if ex.compare_values(CmpOp::Gt, &count, &zero)? {
            ex.insert_into(&mut out, elem, count)?;
        }
    }
    Ok(Some(flavored(out, Flavor::Counter)))
}

const COUNTER_METHODS: &[&str] = &[
    "clear",
    "copy",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
    "fromkeys",
    "most_common",
    "elements",
    "subtract",
    "total",
];

const ORDERED_METHODS: &[&str] = &[
    "clear",
    "copy",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
    "fromkeys",
    "move_to_end",
];

pub(crate) fn method_lists(f: &Flavor) -> (&'static [&'static str], &'static [&'static str]) {
    match f {
        Flavor::Counter => (COUNTER_METHODS, &[]),
        Flavor::OrderedDict => (ORDERED_METHODS, &[]),
        Flavor::DefaultDict(_) => (DICT_METHODS, &["__missing__"]),
    }
}

/// A method of a Counter, OrderedDict or defaultdict.
pub(crate) fn dict_method(
    ex: &mut Exec<'_>,
    receiver: &Value,
    f: &Flavor,
    name: &str,
    args: Vec<Value>,
    mut kwargs: Kwargs,
) -> Result<Value, PyError> {
    let Value::Dict(d) = receiver else {
        return ex.dict_method(receiver, name, args, kwargs);
    };
    match (f, name) {
        (Flavor::Counter, "update" | "subtract") => {
            if args.len() > 1 {
                return Err(type_error(format!(
                    "Counter.{name}() takes from 1 to 2 positional arguments but {} were given",
                    args.len() + 1
                )));
            }
            count_in(
                ex,
                d,
                args.first(),
                kwargs,
                if name == "update" { 1 } else { -1 },
            )?;
            Ok(Value::None)
        }
        (Flavor::Counter, "most_common") => {
            let n = match (
                args.first().cloned(),
                crate::python::builtins::take_kw(&mut kwargs, "n"),
            ) {
                (Some(v), None) | (None, Some(v)) => v,
                (None, None) => Value::None,
                (Some(_), Some(_)) => {
                    return Err(type_error(
                        "Counter.most_common() got multiple values for argument 'n'",
                    ))
                }
            };
            crate::python::builtins::unexpected_kw("Counter.most_common", &kwargs)?;
            if args.len() > 1 {
                return Err(type_error(format!(
                    "Counter.most_common() takes from 1 to 2 positional arguments but {} were given",
                    args.len() + 1
                )));
            }
            let pairs = most_common_pairs(&d.borrow())?;
            let take = match &n {
                Value::None => pairs.len(),
                Value::Int(_) | Value::Bool(_) => {
                    let k = n.as_i64().unwrap_or(i64::MAX);
                    if k <= 0 {
                        0
                    } else {
                        (k as usize).min(pairs.len())
                    }
                }
                other => {
                    return Err(type_error(format!(
                        "'>=' not supported between instances of '{}' and 'int'",
                        other.error_type_name()
                    )))
                }
            };
            Ok(Value::list(
                pairs
                    .into_iter()
                    .take(take)
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect(),
            ))
        }
        (Flavor::Counter, "elements") => {
            crate::python::builtins::no_kwargs("Counter.elements", &kwargs)?;
            if !args.is_empty() {
                return Err(type_error(format!(
                    "Counter.elements() takes 1 positional argument but {} were given",
                    args.len() + 1
                )));
            }
            let mut out = Vec::new();
            for (k, v) in d.borrow().items() {
                let n = match &v {
                    Value::Int(_) | Value::Bool(_) => v.as_i64().unwrap_or(i64::MAX).max(0) as u128,
                    other => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.error_type_name()
                        )))
                    }
                };
                crate::python::eval::budget::check_items(out.len() as u128 + n)?;
                ex.charge(n as usize)?;
                for _ in 0..n {
                    out.push(k.clone());
                }
            }
            Ok(super::itertools::chain_of(out))
        }
        (Flavor::Counter, "total") => {
            crate::python::builtins::no_kwargs("Counter.total", &kwargs)?;
            if !args.is_empty() {
                return Err(type_error(format!(
                    "Counter.total() takes 1 positional argument but {} were given",
                    args.len() + 1
                )));
            }
            let values = d.borrow().values();
            let mut total = Value::int(0);
            for v in values {
                total = ex.binary(BinOp::Add, &total, &v)?;
            }
            Ok(total)
        }
        (Flavor::Counter, "fromkeys") => Err(exc(
            "NotImplementedError",
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.",
        )),
        (Flavor::OrderedDict, "popitem") => {
            let last = match (
                args.first().cloned(),
                crate::python::builtins::take_kw(&mut kwargs, "last"),
            ) {
                (Some(v), None) | (None, Some(v)) => v,
                (None, None) => Value::Bool(true),
                (Some(_), Some(_)) => {
                    return Err(type_error(
                        "OrderedDict.popitem() got multiple values for argument 'last'",
                    ))
                }
            };
            crate::python::builtins::unexpected_kw("popitem", &kwargs)?;
            if d.borrow().is_empty() {
                return Err(PyError::Exception(PyException::with_args(
                    "KeyError",
                    vec![Value::str("dictionary is empty")],
                )));
            }
            let popped = if ex.truthy(&last)? {
                d.borrow_mut().pop_last()
            } else {
                d.borrow_mut().pop_first()
            };
            let Some((key, v)) = popped else {
                return Ok(Value::None);
            };
            Ok(Value::tuple(vec![key, v]))
        }
        (Flavor::OrderedDict, "move_to_end") => {
            let mut all: Vec<Option<Value>> = args.into_iter().map(Some).collect();
            if all.len() > 2 {
                return Err(type_error(format!(
                    "OrderedDict.move_to_end() takes at most 2 arguments ({} given)",
                    all.len()
                )));
            }
            all.resize(2, None);
            if let Some(l) = crate::python::builtins::take_kw(&mut kwargs, "last") {
                all[1] = Some(l);
            }
            if let Some(k) = crate::python::builtins::take_kw(&mut kwargs, "key") {
                all[0] = Some(k);
            }
            crate::python::builtins::unexpected_kw("move_to_end", &kwargs)?;
            let Some(key) = all[0].take() else {
                return Err(type_error(
                    "OrderedDict.move_to_end() missing required argument 'key' (pos 1)",
                ));
            };
            let last = match all[1].take() {
                Some(v) => ex.truthy(&v)?,
                None => true,
            };
            // The key is hashed and looked up once; the pairs move with their hashes.
            let h = ex.hash_of(&key)?;
            let Some(slot) = ex.find_hashed(Table::Dict(d), &key, h)? else {
                return Err(key_error(&key));
            };
            ex.charge(d.borrow().len())?;
            d.borrow_mut().move_slot(slot, last);
            Ok(Value::None)
        }
        (_, "fromkeys") => {
            let qualified = format!("collections.{}", flavor_name(f));
            match class_attr(&qualified, "fromkeys") {
                Some(func) => ex.call_value(&func, args, kwargs),
                None => ex.dict_method(receiver, name, args, kwargs),
            }
        }
        (Flavor::DefaultDict(_), "__missing__") => Err(PyError::Unsupported {
            what: "defaultdict.__missing__".into(),
            line: 0,
        }),
        _ => ex.dict_method(receiver, name, args, kwargs),
    }
}

#[cfg(test)]
mod tests {
    use crate::python::{parse_module, Interpreter, PyError};

    fn stops(src: &str) {
        let mut it = Interpreter::new(10_000);
        let r = parse_module(src).and_then(|m| it.load(&m));
        assert!(matches!(r, Err(PyError::StepLimit { .. })), "{src}: {r:?}");
    }

    #[test]
    fn big_work_stops_at_the_step_limit() {
        stops("from collections import Counter\nc = Counter(range(10**9))");
        stops("from collections import Counter\nc = Counter()\nc.update(range(10**9))");
        stops("from collections import deque\nimport itertools\nd = deque(itertools.count(), maxlen=3)");
        stops("from collections import deque\nd = deque(maxlen=5)\nd.extend(range(10**9))");
        stops("from collections import defaultdict\nd = defaultdict(list)\nfor i in range(10**9):\n    d[i].append(i)");
        stops("from collections import Counter\nc = Counter({i: i for i in range(5000)})\nfor _ in range(10**6):\n    c.most_common(1)");
        stops("from collections import deque\nd = deque(range(5000))\nfor i in range(10**6):\n    d.rotate(2500)");
    }

    #[test]
    fn cheap_work_is_cheap() {
        let mut it = Interpreter::new(10_000);
        let m = parse_module(
            "from collections import deque\nd = deque(range(100))\nd.rotate(10**18)\nprint(d[0])",
        )
        .unwrap();
        it.load(&m).unwrap();
        assert_eq!(it.take_console(), "0\n");
    }
}
