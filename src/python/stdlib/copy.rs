//! The `copy` module: `copy(x)` and `deepcopy(x)` of the built-in values, the `collections`
//! dicts and deques, and instances of classes that keep their state in their attributes
//! (dataclasses among them), as CPython's copy module does them: immutable values are
//! returned as they are, a deep copy keeps shared parts shared and cycles closed, a set is
//! rebuilt from its items in order. A class's own `__copy__` runs; `__deepcopy__`,
//! `__reduce__` and the pickling hooks are refused, as are the embedder's objects
//! (`request.session`) and iterators.

use std::collections::HashMap;
use std::rc::Rc;

use crate::python::eval::{Exec, Interpreter};
use crate::python::types::class::Instance;
use crate::python::types::{BuiltinType, PyType, Value};
use crate::python::{PyError, PyException};

fn unsupported(what: impl Into<String>) -> PyError {
    PyError::Unsupported {
        what: what.into(),
        line: 0,
    }
}

fn cannot_pickle(v: &Value) -> PyError {
    PyError::Exception(PyException::type_error(format!(
        "cannot pickle '{}' object",
        v.error_type_name()
    )))
}

/// The class hooks the copy module would call instead of copying the attributes.
const HOOKS: &[&str] = &[
    "__deepcopy__",
    "__reduce__",
    "__reduce_ex__",
    "__getstate__",
    "__setstate__",
    "__getnewargs__",
    "__getnewargs_ex__",
    "__slots__",
];

/// Whether `v` is returned as it is by both `copy` and `deepcopy`.
fn atomic(v: &Value) -> bool {
    matches!(
        v,
        Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::DateTime(_)
            | Value::Date(_)
            | Value::Time(_)
            | Value::TimeDelta(_)
            | Value::Decimal(_)
            | Value::Range(_)
            | Value::Function(_)
            | Value::Builtin(_)
            | Value::NativeFunction(_)
            | Value::Type(_)
    )
}

/// The address that identifies a mutable value in the memo of a deep copy.
fn address(v: &Value) -> Option<usize> {
    Some(match v {
        Value::List(l) => Rc::as_ptr(l) as *const () as usize,
        Value::Dict(d) => Rc::as_ptr(d) as *const () as usize,
        Value::Set(s) => Rc::as_ptr(s) as *const () as usize,
        Value::Tuple(t) => t.as_ptr() as *const () as usize,
        Value::Instance(i) => Rc::as_ptr(i) as *const () as usize,
        Value::Native(n) => Rc::as_ptr(n) as *const () as usize,
        _ => return None,
    })
}

/// An instance's class, checked for what the copy module would do instead of copying its
/// attributes.
fn check_instance(i: &Instance, deep: bool) -> Result<(), PyError> {
    if i.value.is_some() || i.class.builtin_base.is_some() {
        return Err(unsupported(format!(
            "copying an instance of '{}', a class derived from a built-in",
            i.class.name
        )));
    }
    for hook in HOOKS {
        if i.class.lookup(hook).is_some() && (deep || *hook != "__deepcopy__") {
            return Err(unsupported(format!(
                "copying an instance of '{}', whose class defines {hook}",
                i.class.name
            )));
        }
    }
    Ok(())
}

fn new_instance(i: &Instance, attrs: Vec<(Rc<str>, Value)>) -> Value {
    Value::Instance(Rc::new(Instance {
        class: i.class.clone(),
        attrs: std::cell::RefCell::new(attrs),
        value: None,
    }))
}

/// `copy.copy(x)`.
fn shallow(ex: &mut Exec<'_>, v: &Value) -> Result<Value, PyError> {
    if atomic(v) {
        return Ok(v.clone());
    }
    match v {
        Value::Tuple(_) => Ok(v.clone()),
        Value::Set(s) if s.borrow().frozen => Ok(v.clone()),
        // Each has a `copy` method that keeps its kind (a defaultdict's factory, a deque's
        // maxlen, a set's layout).
        Value::List(_) | Value::Dict(_) | Value::Set(_) => {
            let copy = ex.get_attr(v, "copy")?;
            ex.call_value(&copy, Vec::new(), Vec::new())
        }
        Value::Native(n) if super::deque::is_deque(n.as_any()) => {
            let copy = ex.get_attr(v, "copy")?;
            ex.call_value(&copy, Vec::new(), Vec::new())
        }
        Value::Native(n) if n.as_any().is::<crate::python::types::native::PlainObject>() => Ok(
            Value::Native(Rc::new(crate::python::types::native::PlainObject)),
        ),
        Value::Instance(i) => {
            if i.class.lookup("__copy__").is_some() {
                let hook = ex.get_attr(v, "__copy__")?;
                return ex.call_value(&hook, Vec::new(), Vec::new());
            }
            check_instance(i, false)?;
            ex.charge(i.attrs.borrow().len())?;
            Ok(new_instance(i, i.attrs.borrow().clone()))
        }
        Value::Module(_) => Err(cannot_pickle(v)),
        _ if v.error_type_name() == "generator" => Err(cannot_pickle(v)),
        _ => Err(unsupported(format!(
            "copying a '{}' object",
            v.error_type_name()
        ))),
    }
}

/// `copy.deepcopy(v)` with a fresh memo (also what `dataclasses.asdict` does to the
/// values it does not take apart itself).
pub(crate) fn deepcopy(ex: &mut Exec<'_>, v: &Value) -> Result<Value, PyError> {
    deep(ex, v, &mut HashMap::new(), 0)
}

/// About how many levels of nesting CPython's deepcopy goes through before its recursion
/// limit (1,000 frames, two for each level): the exact point depends on the frames below.
const MAX_LEVELS: usize = 495;

/// `copy.deepcopy(x)` of a value `level` containers down, with the memo of what was copied
/// already (by address). Each kind is copied by a function of its own, so that the stack
/// a level of nesting takes is only what its kind needs.
fn deep(ex: &mut Exec<'_>, v: &Value, memo: &mut Memo, level: usize) -> Result<Value, PyError> {
    if level + ex.it.depth > MAX_LEVELS || ex.stack_exhausted() {
        return Err(PyError::Exception(PyException::new(
            "RecursionError",
            "maximum recursion depth exceeded while calling a Python object",
        )));
    }
    if atomic(v) {
        return Ok(v.clone());
    }
    if let Some(done) = address(v).and_then(|a| memo.get(&a)) {
        return Ok(done.clone());
    }
    ex.charge(1)?;
    let level = level + 1;
    match v {
        Value::List(_) => deep_list(ex, v, memo, level),
        Value::Tuple(_) => deep_tuple(ex, v, memo, level),
        Value::Dict(_) => deep_dict(ex, v, memo, level),
        Value::Set(_) => deep_set(ex, v, memo, level),
        Value::Native(n) if super::deque::is_deque(n.as_any()) => deep_deque(ex, v, memo, level),
        Value::Native(_) => {
            let copy = shallow(ex, v)?;
            remember(memo, v, &copy);
            Ok(copy)
        }
        Value::Instance(_) => deep_instance(ex, v, memo, level),
        _ => shallow(ex, v),
    }
}

/// What a deep copy has copied so far: the original's address and its copy.
type Memo = HashMap<usize, Value>;

fn remember(memo: &mut Memo, original: &Value, copy: &Value) {
    if let Some(a) = address(original) {
        memo.insert(a, copy.clone());
    }
}

#[inline(never)]
fn deep_list(
    ex: &mut Exec<'_>,
    v: &Value,
    memo: &mut Memo,
    level: usize,
) -> Result<Value, PyError> {
    let Value::List(l) = v else {
        return Ok(v.clone());
    };
    let out = Rc::new(std::cell::RefCell::new(Vec::new()));
    let copy = Value::List(out.clone());
    remember(memo, v, &copy);
    let items = l.borrow().clone();
    for item in &items {
        let c = deep(ex, item, memo, level)?;
        out.borrow_mut().push(c);
    }
    Ok(copy)
}

#[inline(never)]
fn deep_tuple(
    ex: &mut Exec<'_>,
    v: &Value,
    memo: &mut Memo,
    level: usize,
) -> Result<Value, PyError> {
    let Value::Tuple(t) = v else {
        return Ok(v.clone());
    };
    let mut items = Vec::with_capacity(t.len());
    for item in t.iter() {
        items.push(deep(ex, item, memo, level)?);
    }
    // A tuple inside a cycle was copied while its items were.
    if let Some(done) = address(v).and_then(|a| memo.get(&a)) {
        return Ok(done.clone());
    }
    if items.iter().zip(t.iter()).all(|(a, b)| same(a, b)) {
        return Ok(v.clone());
    }
    let copy = Value::tuple(items);
    remember(memo, v, &copy);
    Ok(copy)
}

#[inline(never)]
fn deep_dict(
    ex: &mut Exec<'_>,
    v: &Value,
    memo: &mut Memo,
    level: usize,
) -> Result<Value, PyError> {
    let Value::Dict(d) = v else {
        return Ok(v.clone());
    };
    // An empty dict of the same kind (a defaultdict keeps its factory), then the pairs
    // copied into it.
    let out = if d.borrow().flavor.is_some() {
        match shallow(ex, v)? {
            Value::Dict(c) => c,
            other => return Ok(other),
        }
    } else {
        Rc::new(std::cell::RefCell::new(crate::python::types::Dict::new()))
    };
    out.borrow_mut().clear();
    let copy = Value::Dict(out.clone());
    remember(memo, v, &copy);
    let pairs = d.borrow().items();
    for (k, x) in &pairs {
        let k = deep(ex, k, memo, level)?;
        let x = deep(ex, x, memo, level)?;
        out.borrow_mut().insert(k, x)?;
    }
    Ok(copy)
}

#[inline(never)]
fn deep_set(ex: &mut Exec<'_>, v: &Value, memo: &mut Memo, level: usize) -> Result<Value, PyError> {
    let Value::Set(s) = v else {
        return Ok(v.clone());
    };
    // Rebuilt from its items in order, as `set(list)`: CPython's layout follows.
    let frozen = s.borrow().frozen;
    let items = s.borrow().dict.keys();
    let mut copied = Vec::with_capacity(items.len());
    for item in &items {
        copied.push(deep(ex, item, memo, level)?);
    }
    let class = if frozen {
        BuiltinType::FrozenSet
    } else {
        BuiltinType::Set
    };
    let copy = ex.call_value(
        &Value::Type(PyType::Builtin(class)),
        vec![Value::list(copied)],
        Vec::new(),
    )?;
    remember(memo, v, &copy);
    Ok(copy)
}

#[inline(never)]
fn deep_deque(
    ex: &mut Exec<'_>,
    v: &Value,
    memo: &mut Memo,
    level: usize,
) -> Result<Value, PyError> {
    let copy = shallow(ex, v)?;
    remember(memo, v, &copy);
    let items = ex.snapshot(v)?;
    let clear = ex.get_attr(&copy, "clear")?;
    ex.call_value(&clear, Vec::new(), Vec::new())?;
    let append = ex.get_attr(&copy, "append")?;
    for item in &items {
        let c = deep(ex, item, memo, level)?;
        ex.call_value(&append, vec![c], Vec::new())?;
    }
    Ok(copy)
}

#[inline(never)]
fn deep_instance(
    ex: &mut Exec<'_>,
    v: &Value,
    memo: &mut Memo,
    level: usize,
) -> Result<Value, PyError> {
    let Value::Instance(i) = v else {
        return Ok(v.clone());
    };
    check_instance(i, true)?;
    let copy = new_instance(i, Vec::new());
    remember(memo, v, &copy);
    let attrs = i.attrs.borrow().clone();
    let mut copied = Vec::with_capacity(attrs.len());
    for (name, x) in &attrs {
        copied.push((name.clone(), deep(ex, x, memo, level)?));
    }
    if let Value::Instance(ci) = &copy {
        *ci.attrs.borrow_mut() = copied;
    }
    Ok(copy)
}

/// `a is b` for the values a deep copy of a tuple compares.
fn same(a: &Value, b: &Value) -> bool {
    match (address(a), address(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => atomic(a) && atomic(b),
        _ => false,
    }
}

pub(crate) fn install(it: &mut Interpreter) {
    let members = vec![
        (
            "copy",
            super::function("copy", "copy", |ex, mut a| {
                let x = a.take_kw("x");
                a.no_kwargs("copy")?;
                let x = match (a.args.len(), x) {
                    (0, Some(x)) => x,
                    (1, None) => a.args.remove(0),
                    (0, None) => {
                        return Err(PyError::Exception(PyException::type_error(
                            "copy() missing 1 required positional argument: 'x'",
                        )))
                    }
                    (n, x) => {
                        return Err(PyError::Exception(PyException::type_error(format!(
                            "copy() takes 1 positional argument but {} were given",
                            n + x.is_some() as usize
                        ))))
                    }
                };
                shallow(ex, &x)
            }),
        ),
        (
            "deepcopy",
            super::function("copy", "deepcopy", |ex, mut a| {
                let x = a.take_kw("x");
                let memo = a.take_kw("memo");
                a.no_kwargs("deepcopy")?;
                if memo.is_some() || a.args.len() > 1 {
                    return Err(unsupported("deepcopy() with a memo"));
                }
                let x = match (a.args.pop(), x) {
                    (Some(x), None) | (None, Some(x)) => x,
                    (None, None) => {
                        return Err(PyError::Exception(PyException::type_error(
                            "deepcopy() missing 1 required positional argument: 'x'",
                        )))
                    }
                    (Some(_), Some(_)) => {
                        return Err(PyError::Exception(PyException::type_error(
                            "deepcopy() got multiple values for argument 'x'",
                        )))
                    }
                };
                deepcopy(ex, &x)
            }),
        ),
    ];
    it.modules
        .insert("copy".into(), super::module("copy", members));
}

/// What CPython's `copy` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(name, "Error" | "error" | "replace" | "dispatch_table")
}
