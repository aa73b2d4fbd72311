//! The `functools` module: `reduce`, `partial`, `wraps` and `update_wrapper` (CPython's
//! `WRAPPER_ASSIGNMENTS` and `WRAPPER_UPDATES`, then `__wrapped__`), and `lru_cache` /
//! `cache`: a callable `functools._lru_cache_wrapper` with `cache_info()`, `cache_clear()`
//! and the wrapped function's name and doc, caching by the arguments as CPython's
//! `_make_key` does (least recently used out first when `maxsize` is reached). The cache
//! grows with the program's memory, which the budget counts.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::python::builtins::Kwargs;
use crate::python::eval::keys::Table;
use crate::python::eval::{make_iter, Exec, Interpreter};
use crate::python::types::ops::type_error;
use crate::python::types::{Dict, NativeFunction, NativeObject, Value};
use crate::python::{PyError, PyException};

const WRAPPER_ASSIGNMENTS: [&str; 4] = ["__module__", "__name__", "__qualname__", "__doc__"];

/// `update_wrapper(wrapper, wrapped)`: copies what CPython copies, skipping what the
/// wrapped object does not have.
fn update_wrapper(ex: &mut Exec<'_>, wrapper: &Value, wrapped: &Value) -> Result<(), PyError> {
    let missing = |e: &PyError| match e {
        PyError::Exception(x) => &*x.kind == "AttributeError",
        PyError::Unsupported { .. } => true,
        _ => false,
    };
    for name in WRAPPER_ASSIGNMENTS {
        match ex.get_attr(wrapped, name) {
            Ok(v) => ex.set_attr(wrapper, name, v)?,
            Err(e) if missing(&e) => {}
            Err(e) => return Err(e),
        }
    }
    match ex.get_attr(wrapped, "__dict__") {
        Ok(Value::Dict(d)) => {
            for (k, v) in d.borrow().items() {
                if let Value::Str(k) = k {
                    ex.set_attr(wrapper, &k, v)?;
                }
            }
        }
        Ok(_) => {}
        Err(e) if missing(&e) => {}
        Err(e) => return Err(e),
    }
    ex.set_attr(wrapper, "__wrapped__", wrapped.clone())
}

fn is_callable(v: &Value) -> bool {
    matches!(
        v,
        Value::Function(_)
            | Value::Builtin(_)
            | Value::Method(_)
            | Value::NativeFunction(_)
            | Value::NativeMethod(..)
            | Value::Type(_)
            | Value::Wrapped(_)
            | Value::Instance(_)
    ) || matches!(v, Value::Native(obj) if obj.as_any().is::<LruWrapper>())
}

/// `functools.cached_property(func)`: read on an instance, it runs `func(instance)` once
/// and keeps the value in the instance's attributes under the name the class gave it
/// (`__set_name__`), where later reads find it first.
pub(crate) struct CachedProperty {
    func: Value,
    doc: Value,
    attrname: RefCell<Option<Rc<str>>>,
}

impl NativeObject for CachedProperty {
    fn type_name(&self) -> &str {
        "cached_property"
    }

    fn qualified_name(&self) -> String {
        "functools.cached_property".into()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "func" => Ok(self.func.clone()),
            "__doc__" => Ok(self.doc.clone()),
            "attrname" => Ok(match &*self.attrname.borrow() {
                Some(n) => Value::Str(n.clone()),
                None => Value::None,
            }),
            _ => Err(PyException::attribute_error("cached_property", name)),
        }
    }

    fn unsupported_attr(&self, name: &str) -> bool {
        matches!(name, "lock" | "__set_name__" | "__get__" | "__dict__")
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl CachedProperty {
    /// What making the class `class` does with it as `name` (`__set_name__`). The error is
    /// CPython 3.11's, which wraps the `TypeError` of `__set_name__` in a `RuntimeError`.
    pub(crate) fn set_name(&self, name: &str, class: &str) -> Result<(), PyError> {
        let mut attrname = self.attrname.borrow_mut();
        match &*attrname {
            None => *attrname = Some(Rc::from(name)),
            Some(n) if &**n == name => {}
            Some(_) => {
                return Err(PyError::Exception(PyException::new(
                    "RuntimeError",
                    format!(
                        "Error calling __set_name__ on 'cached_property' instance '{name}' in '{class}'"
                    ),
                )))
            }
        }
        Ok(())
    }

    /// The value for `instance`: computed once, then kept in its attributes.
    pub(crate) fn get(
        &self,
        ex: &mut Exec<'_>,
        receiver: &Value,
        instance: &Rc<crate::python::types::Instance>,
    ) -> Result<Value, PyError> {
        let Some(name) = self.attrname.borrow().clone() else {
            return Err(type_error(
                "Cannot use cached_property instance without calling __set_name__ on it.",
            ));
        };
        if let Some(v) = instance.get(&name) {
            return Ok(v);
        }
        let v = ex.call_value(&self.func, vec![receiver.clone()], Vec::new())?;
        instance.set(&name, v.clone());
        Ok(v)
    }
}

/// The `cached_property` a class attribute is, if it is one.
pub(crate) fn cached_property(v: &Value) -> Option<&CachedProperty> {
    match v {
        Value::Native(obj) => obj.as_any().downcast_ref::<CachedProperty>(),
        _ => None,
    }
}

/// A function wrapped by `lru_cache`.
pub(crate) struct LruWrapper {
    func: Value,
    /// `None`: unbounded.
    maxsize: Option<usize>,
    typed: bool,
    cache: RefCell<Dict>,
    hits: Cell<u64>,
    misses: Cell<u64>,
    /// `__name__`, `__doc__`, `__wrapped__` and other attributes set on it.
    attrs: RefCell<Vec<(Rc<str>, Value)>>,
}

impl NativeObject for LruWrapper {
    fn type_name(&self) -> &str {
        "_lru_cache_wrapper"
    }

    fn qualified_name(&self) -> String {
        "functools._lru_cache_wrapper".into()
    }

    fn error_name(&self) -> &str {
        "functools._lru_cache_wrapper"
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "cache_info" | "cache_clear" | "cache_parameters")
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        if let Some((_, v)) = self.attrs.borrow().iter().find(|(k, _)| &**k == name) {
            return Ok(v.clone());
        }
        if name == "__dict__" {
            let mut d = Dict::new();
            for (k, v) in self.attrs.borrow().iter() {
                if !WRAPPER_ASSIGNMENTS.contains(&&**k) {
                    d.insert(Value::Str(k.clone()), v.clone())?;
                }
            }
            return Ok(Value::dict(d));
        }
        Err(PyException::attribute_error(self.error_name(), name))
    }

    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        let mut attrs = self.attrs.borrow_mut();
        match attrs.iter_mut().find(|(k, _)| &**k == name) {
            Some(slot) => slot.1 = value,
            None => attrs.push((Rc::from(name), value)),
        }
        Ok(())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `functools.partial(func, *args, **keywords)`.
struct Partial {
    func: Value,
    args: Vec<Value>,
    keywords: Kwargs,
}

/// Later keywords replace earlier ones of the same name, keeping their place.
fn merge_keywords(into: &mut Kwargs, more: Kwargs) {
    for (k, v) in more {
        match into.iter_mut().find(|(n, _)| *n == k) {
            Some(slot) => slot.1 = v,
            None => into.push((k, v)),
        }
    }
}

impl NativeObject for Partial {
    fn type_name(&self) -> &str {
        "partial"
    }

    fn qualified_name(&self) -> String {
        "functools.partial".into()
    }

    fn error_name(&self) -> &str {
        "functools.partial"
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "func" => Ok(self.func.clone()),
            "args" => Ok(Value::tuple(self.args.clone())),
            "keywords" => {
                let mut d = Dict::new();
                for (k, v) in &self.keywords {
                    d.insert(Value::Str(k.clone()), v.clone())?;
                }
                Ok(Value::dict(d))
            }
            _ => Err(PyException::attribute_error(self.error_name(), name)),
        }
    }

    fn repr(&self) -> String {
        use crate::python::text::repr::repr;
        let mut out = format!("functools.partial({}", repr(&self.func));
        for a in &self.args {
            out.push_str(", ");
            out.push_str(&repr(a));
        }
        for (k, v) in &self.keywords {
            out.push_str(&format!(", {k}={}", repr(v)));
        }
        out + ")"
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Calls a partial object (`None`: `obj` is not one).
pub(crate) fn call_partial(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn NativeObject>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Option<Result<Value, PyError>> {
    let p = obj.as_any().downcast_ref::<Partial>()?;
    let mut all = p.args.clone();
    all.extend(args);
    let mut kw = p.keywords.clone();
    merge_keywords(&mut kw, kwargs);
    Some(ex.call_value(&p.func, all, kw))
}

pub(crate) fn is_partial(obj: &dyn Any) -> bool {
    obj.is::<Partial>()
}

/// `CacheInfo(hits=…, misses=…, maxsize=…, currsize=…)`.
struct CacheInfo([Value; 4]);

const INFO_FIELDS: [&str; 4] = ["hits", "misses", "maxsize", "currsize"];

impl NativeObject for CacheInfo {
    fn type_name(&self) -> &str {
        "CacheInfo"
    }

    fn qualified_name(&self) -> String {
        "functools.CacheInfo".into()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match INFO_FIELDS.iter().position(|f| *f == name) {
            Some(i) => Ok(self.0[i].clone()),
            None => Err(PyException::attribute_error("CacheInfo", name)),
        }
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        match key.as_i64() {
            Some(i) if (-4..4).contains(&i) => Ok(self.0[i.rem_euclid(4) as usize].clone()),
            Some(_) => Err(PyException::new("IndexError", "tuple index out of range")),
            None => Err(PyException::type_error(format!(
                "tuple indices must be integers or slices, not {}",
                key.error_type_name()
            ))),
        }
    }

    fn len(&self) -> Result<usize, PyException> {
        Ok(4)
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        Ok(self.0.to_vec())
    }

    fn eq_key(&self) -> Option<Value> {
        Some(Value::tuple(self.0.to_vec()))
    }

    fn repr(&self) -> String {
        let parts: Vec<String> = INFO_FIELDS
            .iter()
            .zip(self.0.iter())
            .map(|(f, v)| format!("{f}={}", crate::python::text::repr::repr(v)))
            .collect();
        format!("CacheInfo({})", parts.join(", "))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `lru_cache(maxsize, typed)` applied to `func`.
fn lru_wrap(
    ex: &mut Exec<'_>,
    func: Value,
    maxsize: Option<usize>,
    typed: bool,
) -> Result<Value, PyError> {
    let w = Value::Native(Rc::new(LruWrapper {
        func: func.clone(),
        maxsize,
        typed,
        cache: RefCell::new(Dict::new()),
        hits: Cell::new(0),
        misses: Cell::new(0),
        attrs: RefCell::new(Vec::new()),
    }));
    update_wrapper(ex, &w, &func)?;
    Ok(w)
}

/// Reads `lru_cache`'s `maxsize`: an int (negative is 0) or None.
fn read_maxsize(v: &Value) -> Result<Option<usize>, PyError> {
    match v {
        Value::None => Ok(None),
        Value::Int(_) | Value::Bool(_) => Ok(Some(v.as_i64().unwrap_or(i64::MAX).max(0) as usize)),
        _ => Err(type_error(
            "Expected first argument to be an integer, a callable, or None",
        )),
    }
}

pub(crate) fn is_lru(obj: &dyn Any) -> bool {
    obj.is::<LruWrapper>()
}

/// Calls a cached function.
pub(crate) fn call_lru(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn NativeObject>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Option<Result<Value, PyError>> {
    let w = obj.as_any().downcast_ref::<LruWrapper>()?;
    Some((|| {
        let mut key_parts = args.clone();
        if !kwargs.is_empty() {
            key_parts.push(Value::Native(obj.clone()));
            for (k, v) in &kwargs {
                key_parts.push(Value::Str(k.clone()));
                key_parts.push(v.clone());
            }
        }
        if w.typed {
            for a in &args {
                key_parts.push(Value::str(&a.type_name()));
            }
            for (_, v) in &kwargs {
                key_parts.push(Value::str(&v.type_name()));
            }
        }
        let key = match (key_parts.len(), kwargs.is_empty(), key_parts.first()) {
            (1, true, Some(k @ (Value::Int(_) | Value::Str(_)))) => k.clone(),
            _ => Value::tuple(key_parts),
        };
        ex.charge(args.len() + kwargs.len() * 2)?;
        if w.maxsize == Some(0) {
            w.misses.set(w.misses.get() + 1);
            return ex.call_value(&w.func, args, kwargs);
        }
        let cache = Table::Dict(&w.cache);
        let found = ex.table_get(cache, &key)?;
        if let Some(v) = found {
            w.hits.set(w.hits.get() + 1);
            if w.maxsize.is_some() {
                // Most recently used goes last.
                if let Some(v) = ex.table_remove(cache, &key)? {
                    ex.table_insert(cache, key, v)?;
                }
            }
            return Ok(v);
        }
        w.misses.set(w.misses.get() + 1);
        let result = ex.call_value(&w.func, args, kwargs)?;
        if ex.table_contains(cache, &key)? {
            // A call made while this one ran stored it already.
            return Ok(result);
        }
        crate::python::eval::budget::check_items(w.cache.borrow().len() as u128 + 1)?;
        ex.table_insert(cache, key, result.clone())?;
        let mut c = w.cache.borrow_mut();
        if let Some(m) = w.maxsize {
            if c.len() > m {
                c.pop_first();
            }
        }
        Ok(result)
    })())
}

/// `f.cache_info()`, `f.cache_clear()`, `f.cache_parameters()`.
pub(crate) fn lru_method(
    obj: &Rc<dyn NativeObject>,
    name: &str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Option<Result<Value, PyError>> {
    let w = obj.as_any().downcast_ref::<LruWrapper>()?;
    Some((|| {
        if !kwargs.is_empty() {
            return Err(type_error(format!("{name}() takes no keyword arguments")));
        }
        if !args.is_empty() {
            return Err(type_error(format!(
                "{name}() takes no arguments ({} given)",
                args.len()
            )));
        }
        let maxsize = w
            .maxsize
            .map(|m| Value::int(m as i64))
            .unwrap_or(Value::None);
        match name {
            "cache_info" => Ok(Value::Native(Rc::new(CacheInfo([
                Value::int(w.hits.get() as i64),
                Value::int(w.misses.get() as i64),
                maxsize,
                Value::int(w.cache.borrow().len() as i64),
            ])))),
            "cache_clear" => {
                let old = w.cache.borrow_mut().take_all();
                w.hits.set(0);
                w.misses.set(0);
                for (k, v) in old {
                    crate::python::types::drop_deep(k);
                    crate::python::types::drop_deep(v);
                }
                Ok(Value::None)
            }
            _ => {
                let mut d = Dict::new();
                d.insert(Value::str("maxsize"), maxsize)?;
                d.insert(Value::str("typed"), Value::Bool(w.typed))?;
                Ok(Value::dict(d))
            }
        }
    })())
}

fn lru_cache_fn(ex: &mut Exec<'_>, a: super::Args) -> Result<Value, PyError> {
    let mut a = a;
    let typed_kw = a.take_kw("typed");
    let maxsize_kw = a.take_kw("maxsize");
    if let Some((k, _)) = a.kwargs.first() {
        return Err(type_error(format!(
            "lru_cache() got an unexpected keyword argument '{k}'"
        )));
    }
    if a.args.len() > 2 {
        return Err(type_error(format!(
            "lru_cache() takes from 0 to 2 positional arguments but {} were given",
            a.args.len()
        )));
    }
    let typed = match a.args.get(1).cloned().or(typed_kw) {
        Some(v) => ex.truthy(&v)?,
        None => false,
    };
    let first = a.args.first().cloned().or(maxsize_kw);
    match first {
        // `@lru_cache` without parentheses.
        Some(f) if is_callable(&f) && !matches!(f, Value::Int(_) | Value::Bool(_)) => {
            lru_wrap(ex, f, Some(128), typed)
        }
        other => {
            let maxsize = read_maxsize(&other.unwrap_or(Value::int(128)))?;
            Ok(Value::NativeFunction(Rc::new(
                NativeFunction::with_interpreter("decorating_function", move |ex, args, kwargs| {
                    if !kwargs.is_empty() || args.len() != 1 {
                        return Err(type_error(format!(
                            "decorating_function() takes 1 positional argument but {} were given",
                            args.len()
                        )));
                    }
                    let f = args.into_iter().next().unwrap_or(Value::None);
                    if !is_callable(&f) {
                        return Err(type_error("the first argument must be callable"));
                    }
                    lru_wrap(ex, f, maxsize, typed)
                }),
            )))
        }
    }
}

/// The comparisons `total_ordering` fills in from each root, in the order it sets them, and
/// how each is made from the root's result.
const DERIVED: [(&str, [(&str, Derived); 3]); 4] = [
    (
        "__lt__",
        [
            ("__gt__", Derived::NotAndNe),
            ("__le__", Derived::OrEq),
            ("__ge__", Derived::Not),
        ],
    ),
    (
        "__le__",
        [
            ("__ge__", Derived::NotOrEq),
            ("__lt__", Derived::AndNe),
            ("__gt__", Derived::Not),
        ],
    ),
    (
        "__gt__",
        [
            ("__lt__", Derived::NotAndNe),
            ("__ge__", Derived::OrEq),
            ("__le__", Derived::Not),
        ],
    ),
    (
        "__ge__",
        [
            ("__le__", Derived::NotOrEq),
            ("__gt__", Derived::AndNe),
            ("__lt__", Derived::Not),
        ],
    ),
];

/// How a derived comparison is made from the root's result `r`.
#[derive(Clone, Copy)]
enum Derived {
    /// `not r and self != other`
    NotAndNe,
    /// `r or self == other`
    OrEq,
    /// `not r`
    Not,
    /// `not r or self == other`
    NotOrEq,
    /// `r and self != other`
    AndNe,
}

fn operator_of(name: &str) -> &'static str {
    match name {
        "__lt__" => "<",
        "__le__" => "<=",
        "__gt__" => ">",
        _ => ">=",
    }
}

/// `@functools.total_ordering`: the class keeps the comparisons it defines (its roots) and
/// gets the missing ones from the first root of `__lt__`, `__le__`, `__gt__`, `__ge__`.
/// Each one calls the root through the class (`type(self).__lt__(self, other)`), gives
/// back `NotImplemented` when the root does, and is named as CPython names them
/// (`__name__` the comparison, `__qualname__` `_gt_from_lt`, its docstring).
fn total_ordering(ex: &mut Exec<'_>, a: super::Args) -> Result<Value, PyError> {
    if let Some((k, _)) = a.kwargs.first() {
        return Err(type_error(format!(
            "total_ordering() got an unexpected keyword argument '{k}'"
        )));
    }
    let class = match &a.args[..] {
        [Value::Type(crate::python::types::PyType::Class(c))] => c.clone(),
        [_] => {
            return Err(PyError::Unsupported {
                what: "functools.total_ordering on something other than a class".into(),
                line: 0,
            })
        }
        [] => {
            return Err(type_error(
                "total_ordering() missing 1 required positional argument: 'cls'",
            ))
        }
        more => {
            return Err(type_error(format!(
                "total_ordering() takes 1 positional argument but {} were given",
                more.len()
            )))
        }
    };
    let inherits_builtin = class.builtin_base.is_some()
        || class.namedtuple.is_some()
        || class
            .ancestors
            .iter()
            .any(|c| c.builtin_base.is_some() || c.namedtuple.is_some());
    if inherits_builtin {
        return Err(PyError::Unsupported {
            what: "functools.total_ordering on a subclass of a built-in type".into(),
            line: 0,
        });
    }
    let defined = |op: &str| class.lookup(op).is_some();
    // The first root in CPython's order (`max()` of the names).
    let Some((root, derived)) = DERIVED.iter().find(|(op, _)| defined(op)) else {
        return Err(PyError::Exception(PyException::value_error(
            "must define at least one ordering operation: < > <= >=",
        )));
    };
    let root_short = &root[2..4];
    for (name, how) in derived {
        if defined(name) {
            continue;
        }
        let (sym, root_sym) = (operator_of(name), operator_of(root));
        let (result, doc) = match how {
            Derived::NotAndNe => (
                "not r and self != other",
                format!("(not a {root_sym} b) and (a != b)"),
            ),
            Derived::OrEq => (
                "r or self == other",
                format!("(a {root_sym} b) or (a == b)"),
            ),
            Derived::Not => ("not r", format!("(not a {root_sym} b)")),
            Derived::NotOrEq => (
                "not r or self == other",
                format!("(not a {root_sym} b) or (a == b)"),
            ),
            Derived::AndNe => (
                "r and self != other",
                format!("(a {root_sym} b) and (a != b)"),
            ),
        };
        let helper = format!("_{}_from_{root_short}", &name[2..4]);
        let source = format!(
            "def {helper}(self, other):\n    'Return a {sym} b.  Computed by @total_ordering from {doc}.'\n    r = type(self).{root}(self, other)\n    if r is NotImplemented:\n        return r\n    return {result}\n"
        );
        let f = super::generated_function(ex, &source)?;
        if let Value::Function(func) = &f {
            func.set_attr("__name__", Value::str(name));
            func.set_attr("__module__", Value::str("functools"));
        }
        class.set(name, f);
    }
    Ok(a.args[0].clone())
}

/// `functools.cmp_to_key(mycmp)`: the class `functools.KeyWrapper` for this comparison
/// function. `K(obj)` keeps `obj`; two keys compare by `mycmp(a.obj, b.obj)` against 0, all
/// six comparisons (`==` too), and keys are unhashable, as CPython's C `KeyWrapper`. A key
/// compared with anything else is CPython's `TypeError: other argument must be K
/// instance`. (CPython gives back one callable object where this gives back a class: the
/// keys behave the same, only the factory's own repr differs.)
fn cmp_to_key(ex: &mut Exec<'_>, a: super::Args) -> Result<Value, PyError> {
    let mycmp = match (&a.args[..], &a.kwargs[..]) {
        ([f], []) => f.clone(),
        ([], [(k, f)]) if &**k == "mycmp" => f.clone(),
        _ => {
            return Err(type_error(format!(
                "cmp_to_key() takes exactly 1 argument ({} given)",
                a.args.len() + a.kwargs.len()
            )))
        }
    };
    let mut source = String::from(
        "def __create_fn__(mycmp):\n    class KeyWrapper:\n        __hash__ = None\n        def __init__(self, obj):\n            self.obj = obj\n",
    );
    for (name, op) in [
        ("__lt__", "<"),
        ("__le__", "<="),
        ("__eq__", "=="),
        ("__ne__", "!="),
        ("__gt__", ">"),
        ("__ge__", ">="),
    ] {
        source.push_str(&format!(
            "        def {name}(self, other):\n            if type(other) is not type(self):\n                raise TypeError('other argument must be K instance')\n            return mycmp(self.obj, other.obj) {op} 0\n"
        ));
    }
    source.push_str("    return KeyWrapper\n");
    let create = super::generated_function(ex, &source)?;
    let Value::Type(crate::python::types::PyType::Class(made)) =
        ex.call_value(&create, vec![mycmp], Vec::new())?
    else {
        unreachable!("the function returns the class");
    };
    // Named as CPython's class is, in `functools`.
    let class = Rc::new(crate::python::types::Class {
        name: Rc::from("KeyWrapper"),
        qualname: Rc::from("KeyWrapper"),
        module: Rc::from("functools"),
        bases: Vec::new(),
        ancestors: Vec::new(),
        attrs: RefCell::new(made.attrs.borrow().clone()),
        builtin_base: None,
        namedtuple: None,
    });
    for (name, v) in class.attrs.borrow().iter() {
        if let Value::Function(f) = v {
            f.set_attr("__qualname__", Value::str(&format!("KeyWrapper.{name}")));
            f.set_attr("__module__", Value::str("functools"));
        }
    }
    class.set("__module__", Value::str("functools"));
    class.set("__qualname__", Value::str("KeyWrapper"));
    crate::python::eval::tie_functions(&class);
    Ok(Value::Type(crate::python::types::PyType::Class(class)))
}

pub(crate) fn install(it: &mut Interpreter) {
    let members = vec![
        (
            "cmp_to_key",
            super::function("functools", "cmp_to_key", cmp_to_key),
        ),
        (
            "cached_property",
            super::function("functools", "cached_property", |ex, a| {
                let func = match (&a.args[..], &a.kwargs[..]) {
                    ([f], []) => f.clone(),
                    ([], []) => return Err(type_error(
                        "cached_property.__init__() missing 1 required positional argument: 'func'",
                    )),
                    _ => {
                        return Err(type_error(format!(
                        "cached_property.__init__() takes 2 positional arguments but {} were given",
                        a.args.len() + a.kwargs.len() + 1
                    )))
                    }
                };
                let doc = match ex.get_attr(&func, "__doc__") {
                    Ok(d) => d,
                    Err(PyError::Exception(e)) if &*e.kind == "AttributeError" => Value::None,
                    Err(e) => return Err(e),
                };
                Ok(Value::Native(Rc::new(CachedProperty {
                    func,
                    doc,
                    attrname: RefCell::new(None),
                })))
            }),
        ),
        (
            "total_ordering",
            super::function("functools", "total_ordering", total_ordering),
        ),
        (
            "reduce",
            super::function("functools", "reduce", |ex, a| {
                a.no_kwargs("reduce")?;
                a.count("reduce", 2, 3)?;
                let f = a.args[0].clone();
                let mut iter = make_iter(&a.args[1])?;
                let mut acc = match a.args.get(2) {
                    Some(v) => v.clone(),
                    None => match iter.next_value()? {
                        Some(v) => v,
                        None => {
                            return Err(type_error(
                                "reduce() of empty iterable with no initial value",
                            ))
                        }
                    },
                };
                while let Some(v) = iter.next_value()? {
                    ex.step(ex.it.line)?;
                    acc = ex.call_value(&f, vec![acc, v], Vec::new())?;
                }
                Ok(acc)
            }),
        ),
        (
            "partial",
            super::function("functools", "partial", |_, a| {
                let Some((func, bound)) = a.args.split_first() else {
                    return Err(type_error("type 'partial' takes at least one argument"));
                };
                if !matches!(
                    func,
                    Value::Function(_)
                        | Value::Builtin(_)
                        | Value::Method(_)
                        | Value::NativeFunction(_)
                        | Value::NativeMethod(..)
                        | Value::Type(_)
                ) && !matches!(func, Value::Native(o) if super::is_callable(&**o))
                {
                    return Err(type_error("the first argument must be callable"));
                }
                // A partial of a partial is flattened, as CPython's constructor does.
                let (func, mut args, mut keywords) = match func {
                    Value::Native(o) => match o.as_any().downcast_ref::<Partial>() {
                        Some(p) => (p.func.clone(), p.args.clone(), p.keywords.clone()),
                        None => (func.clone(), Vec::new(), Vec::new()),
                    },
                    _ => (func.clone(), Vec::new(), Vec::new()),
                };
                args.extend_from_slice(bound);
                merge_keywords(&mut keywords, a.kwargs);
                Ok(Value::Native(Rc::new(Partial {
                    func,
                    args,
                    keywords,
                })))
            }),
        ),
        (
            "wraps",
            super::function("functools", "wraps", |_, a| {
                let mut a = a;
                for k in ["assigned", "updated"] {
                    if a.take_kw(k).is_some() {
                        return Err(PyError::Unsupported {
                            what: format!("functools.wraps({k}=...)"),
                            line: 0,
                        });
                    }
                }
                let wrapped = match (a.args.first().cloned(), a.take_kw("wrapped")) {
                    (Some(w), None) | (None, Some(w)) => w,
                    _ => {
                        return Err(type_error(format!(
                            "wraps() missing 1 required positional argument: 'wrapped'{}",
                            ""
                        )))
                    }
                };
                a.no_kwargs("wraps")?;
                if a.args.len() > 1 {
                    return Err(type_error(format!(
                        "wraps() takes from 1 to 3 positional arguments but {} were given",
                        a.args.len()
                    )));
                }
                Ok(Value::NativeFunction(Rc::new(
                    NativeFunction::with_interpreter("update_wrapper", move |ex, args, kwargs| {
                        if !kwargs.is_empty() || args.len() != 1 {
                            return Err(type_error(format!(
                                "update_wrapper() takes from 2 to 4 positional arguments but {} were given",
                                args.len() + 1
                            )));
                        }
                        let wrapper = args.into_iter().next().unwrap_or(Value::None);
                        update_wrapper(ex, &wrapper, &wrapped)?;
                        Ok(wrapper)
                    }),
                )))
            }),
        ),
        (
            "update_wrapper",
            super::function("functools", "update_wrapper", |ex, a| {
                a.no_kwargs("update_wrapper")?;
                if a.args.len() != 2 {
                    return Err(type_error(format!(
                        "update_wrapper() takes from 2 to 4 positional arguments but {} were given",
                        a.args.len()
                    )));
                }
                update_wrapper(ex, &a.args[0], &a.args[1])?;
                Ok(a.args[0].clone())
            }),
        ),
        (
            "lru_cache",
            super::function("functools", "lru_cache", lru_cache_fn),
        ),
        (
            "cache",
            super::function("functools", "cache", |ex, a| {
                a.no_kwargs("cache")?;
                if a.args.len() != 1 {
                    return Err(type_error(format!(
                        "cache() takes 1 positional argument but {} were given",
                        a.args.len()
                    )));
                }
                let f = a.args[0].clone();
                if !is_callable(&f) {
                    return Err(type_error("the first argument must be callable"));
                }
                lru_wrap(ex, f, None, false)
            }),
        ),
        (
            "WRAPPER_ASSIGNMENTS",
            Value::tuple(
                [
                    "__module__",
                    "__name__",
                    "__qualname__",
                    "__doc__",
                    "__annotations__",
                ]
                .iter()
                .map(|s| Value::str(s))
                .collect(),
            ),
        ),
        (
            "WRAPPER_UPDATES",
            Value::tuple(vec![Value::str("__dict__")]),
        ),
    ];
    it.modules
        .insert("functools".into(), super::module("functools", members));
}

/// What CPython's `functools` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "singledispatch" | "singledispatchmethod" | "partialmethod"
    )
}

#[cfg(test)]
mod tests {
    use crate::python::{parse_module, Interpreter, PyError};

    #[test]
    fn a_growing_cache_stops_at_the_step_limit() {
        let src = "from functools import cache\n@cache\ndef f(x):\n    return [x] * 10\nfor i in range(10**9):\n    f(i)";
        let mut it = Interpreter::new(10_000);
        let r = parse_module(src).and_then(|m| it.load(&m));
        assert!(matches!(r, Err(PyError::StepLimit { .. })), "{r:?}");
    }
}
