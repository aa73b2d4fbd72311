//! Python values, one file per type: the value, its operators and its methods together.
//! Mutable containers are shared by reference (`Rc<RefCell<…>>`), as in Python, so
//! `b = a; b.append(1)` changes `a` too.
//!
//! [`Value`] itself (constructors, type names, truth, identity, copying, dropping deep
//! structures without deep recursion) is here; `ops` holds the operators that dispatch on
//! two operands of possibly different types (`+`, `<`, `in`, `x[i]`).

pub mod class;
pub mod coroutine;
pub mod datetime;
pub mod decimal;
pub mod dict;
pub mod function;
pub mod generator;
pub mod hash;
pub mod iter;
pub mod lazy;
pub(crate) mod list;
pub mod module;
pub mod native;
pub mod ops;
pub mod set;
pub(crate) mod settable;
pub mod special;
pub(crate) mod str;

use crate::python::text::repr::{repr, to_str};
pub use class::{BuiltinType, Class, Instance, NamedTupleSpec, PyType, Wrapped};
pub use datetime::{Date, DateTime, Time, TimeDelta, Tz};
pub use decimal::Decimal;
pub use dict::{Dict, DictViewKind, Flavor};
pub use function::{BoundMethod, Builtin, Cell, Function};
pub use hash::hash_value;
pub(crate) use hash::num_cmp;
use hash::{eq_depth, MAX_DEPTH};
pub use iter::{PyIter, Range};
pub use module::PyModule;
pub use native::{NativeClass, NativeFn, NativeFunction, NativeObject};
pub use set::Set;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

pub use crate::python::exception::PyException;

/// A Python value.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<Set>>),
    DateTime(DateTime),
    Date(Date),
    Time(Time),
    TimeDelta(TimeDelta),
    Decimal(Rc<Decimal>),
    /// `range(start, stop, step)`.
    Range(Rc<Range>),
    /// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
    DictView(Rc<RefCell<Dict>>, DictViewKind),
    /// An iterator (`iter(x)`, `enumerate(x)`, `zip(a, b)`, `reversed(x)`).
    Iterator(Rc<PyIter>),
    /// A function defined in the user's code.
    Function(Rc<Function>),
    /// A built-in function such as `len` or `print`.
    Builtin(Builtin),
    /// A method of a built-in value bound to it, e.g. `"a".upper` or `datetime.now`.
    Method(Rc<BoundMethod>),
    /// A function implemented by the embedder (`HttpResponse`, `redirect`).
    NativeFunction(Rc<NativeFunction>),
    /// A method of a native object, bound to it.
    NativeMethod(Rc<dyn NativeObject>, Rc<str>),
    /// An object implemented by the embedder (`request`, `request.session`).
    Native(Rc<dyn NativeObject>),
    /// A class: `int`, `datetime`, `KeyError`, `type(request.session)`.
    Type(PyType),
    /// An exception instance (`except KeyError as e`).
    Exception(Rc<PyException>),
    /// An imported module.
    Module(Rc<PyModule>),
    /// An instance of a class defined by a `class` statement.
    Instance(Rc<Instance>),
    /// A bound method, `super()`, `staticmethod`, `classmethod` or `property`.
    Wrapped(Rc<Wrapped>),
}

impl Value {
    /// The built-in value an instance of a subclass of a built-in carries (the tuple of a
    /// namedtuple); `None` for anything else.
    pub fn builtin_value(&self) -> Option<&Value> {
        match self {
            Value::Instance(i) => i.value.as_ref(),
            _ => None,
        }
    }

    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn int(n: i64) -> Value {
        Value::Int(BigInt::from(n))
    }

    pub fn from_bigint(n: BigInt) -> Value {
        Value::Int(n)
    }

    pub fn float(f: f64) -> Value {
        Value::Float(f)
    }

    pub fn bool(b: bool) -> Value {
        Value::Bool(b)
    }

    pub fn bytes(b: &[u8]) -> Value {
        Value::Bytes(Rc::from(b))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    pub fn set(s: Set) -> Value {
        Value::Set(Rc::new(RefCell::new(s)))
    }

    pub fn decimal(d: Decimal) -> Value {
        Value::Decimal(Rc::new(d))
    }

    pub fn native(obj: Rc<dyn NativeObject>) -> Value {
        Value::Native(obj)
    }

    /// A native function value.
    pub fn native_function(
        name: &str,
        func: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyException> + 'static,
    ) -> Value {
        Value::NativeFunction(Rc::new(NativeFunction::new(name, func)))
    }

    /// A native `async def` as a value (see [`NativeFunction::new_async`]).
    pub fn async_native_function(
        name: &str,
        func: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyException> + 'static,
    ) -> Value {
        Value::NativeFunction(Rc::new(NativeFunction::new_async(name, func)))
    }

    /// Whether this is a coroutine object (what calling an `async def` returns).
    pub fn is_coroutine(&self) -> bool {
        coroutine::as_coroutine(self).is_some()
    }

    /// Whether calling this makes a coroutine: an `async def` (also bound to an instance,
    /// or as a static/class method) or a native async function. A plain function that
    /// returns a coroutine is not one (as `inspect.iscoroutinefunction` says).
    pub fn is_coroutine_function(&self) -> bool {
        match self {
            Value::Function(f) => f.def.is_async,
            Value::NativeFunction(f) => f.is_async,
            Value::Wrapped(w) => match &**w {
                Wrapped::BoundMethod { func, .. }
                | Wrapped::StaticMethod(func)
                | Wrapped::ClassMethod(func) => func.is_coroutine_function(),
                _ => false,
            },
            _ => false,
        }
    }

    /// A live `dict_keys` / `dict_values` / `dict_items` view of a dict.
    pub fn dict_view(d: Rc<RefCell<Dict>>, kind: DictViewKind) -> Value {
        Value::DictView(d, kind)
    }

    /// An exception class registered under `name` (e.g. `Http404`), as a value.
    pub fn exception_class(name: &str) -> Value {
        Value::Type(PyType::Exception(Rc::from(name)))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// An int (or bool) that fits in `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(n) => n.to_i64(),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Python's `type(x).__name__`.
    pub fn type_name(&self) -> String {
        match self {
            Value::Native(obj) => obj.type_name().to_string(),
            Value::Exception(e) => e.kind.to_string(),
            Value::Iterator(it) => it.kind.to_string(),
            Value::Instance(i) => i.class.name.to_string(),
            Value::Wrapped(w) => w.type_name().to_string(),
            Value::DictView(d, _)
                if matches!(
                    dict::flavor_of(d).as_deref(),
                    Some(dict::Flavor::OrderedDict)
                ) =>
            {
                format!("o{}", self.static_type_name())
            }
            Value::Dict(d) => match dict::flavor_of(d) {
                Some(f) => crate::python::stdlib::collections::flavor_name(&f).to_string(),
                None => "dict".to_string(),
            },
            _ => self.static_type_name().to_string(),
        }
    }

    fn static_type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(s) if s.try_borrow().is_ok_and(|s| s.frozen) => "frozenset",
            Value::Set(_) => "set",
            Value::DateTime(_) => "datetime",
            Value::Date(_) => "date",
            Value::Time(_) => "time",
            Value::TimeDelta(_) => "timedelta",
            Value::Decimal(_) => "Decimal",
            Value::Range(_) => "range",
            Value::DictView(_, DictViewKind::Keys) => "dict_keys",
            Value::DictView(_, DictViewKind::Values) => "dict_values",
            Value::DictView(_, DictViewKind::Items) => "dict_items",
            Value::Function(_) => "function",
            Value::Method(m) if special::method_type_name(&m.receiver, &m.name).is_some() => {
                special::method_type_name(&m.receiver, &m.name).unwrap_or_default()
            }
            Value::Builtin(_)
            | Value::NativeFunction(_)
            | Value::NativeMethod(..)
            | Value::Method(_) => "builtin_function_or_method",
            Value::Type(_) => "type",
            Value::Module(_) => "module",
            Value::Native(_)
            | Value::Exception(_)
            | Value::Iterator(_)
            | Value::Instance(_)
            | Value::Wrapped(_) => "object",
        }
    }

    /// The type name Python uses in error messages (`'datetime.datetime' object has no
    /// attribute 'x'`): the same as [`Value::type_name`] except for the C-implemented
    /// library types.
    pub fn error_type_name(&self) -> String {
        match self {
            Value::DateTime(_) => "datetime.datetime".into(),
            Value::Date(_) => "datetime.date".into(),
            Value::Time(_) => "datetime.time".into(),
            Value::TimeDelta(_) => "datetime.timedelta".into(),
            Value::Decimal(_) => "decimal.Decimal".into(),
            Value::Native(obj) => obj.error_name().to_string(),
            // A class the simulator made for `functools` (`KeyWrapper`) or `datetime`
            // (`IsoCalendarDate`) is a C type in CPython, named with its module in messages.
            Value::Instance(i) if matches!(&*i.class.module, "functools" | "datetime") => {
                format!("{}.{}", i.class.module, i.class.name)
            }
            _ => self.type_name(),
        }
    }

    /// `type(x)` as a value.
    pub fn type_of(&self) -> PyType {
        let b = match self {
            Value::None => BuiltinType::NoneType,
            Value::Bool(_) => BuiltinType::Bool,
            Value::Int(_) => BuiltinType::Int,
            Value::Float(_) => BuiltinType::Float,
            Value::Str(_) => BuiltinType::Str,
            Value::Bytes(_) => BuiltinType::Bytes,
            Value::List(_) => BuiltinType::List,
            Value::Tuple(_) => BuiltinType::Tuple,
            Value::Dict(d) => match dict::flavor_of(d) {
                Some(f) => {
                    let name = crate::python::stdlib::collections::flavor_name(&f);
                    return PyType::Other {
                        name: Rc::from(name),
                        qualified: Rc::from(format!("collections.{name}").as_str()),
                        native: None,
                    };
                }
                None => BuiltinType::Dict,
            },
            Value::Set(s) if s.try_borrow().is_ok_and(|s| s.frozen) => BuiltinType::FrozenSet,
            Value::Set(_) => BuiltinType::Set,
            Value::DateTime(_) => BuiltinType::DateTime,
            Value::Date(_) => BuiltinType::Date,
            Value::Time(_) => BuiltinType::Time,
            Value::TimeDelta(_) => BuiltinType::TimeDelta,
            Value::Decimal(_) => BuiltinType::Decimal,
            Value::Range(_) => BuiltinType::Range,
            Value::Type(_) => BuiltinType::Type,
            Value::Exception(e) => return PyType::Exception(e.kind.clone()),
            Value::Instance(i) => return PyType::Class(i.class.clone()),
            Value::Native(obj) if obj.as_any().is::<ops::SliceObject>() => BuiltinType::Slice,
            Value::Native(obj) if obj.as_any().is::<native::PlainObject>() => BuiltinType::Object,
            Value::Native(obj)
                if obj
                    .as_any()
                    .downcast_ref::<crate::python::stdlib::datetime::Zone>()
                    .is_some_and(|z| !z.0.is_zoneinfo()) =>
            {
                BuiltinType::TimeZone
            }
            Value::Native(obj) => {
                if let Some(class) = obj.native_class() {
                    return PyType::native(class);
                }
                return PyType::Other {
                    name: Rc::from(obj.type_name()),
                    qualified: Rc::from(obj.qualified_name().as_str()),
                    native: None,
                };
            }
            other => {
                let name: Rc<str> = Rc::from(other.type_name().as_str());
                return PyType::Other {
                    qualified: name.clone(),
                    name,
                    native: None,
                };
            }
        };
        PyType::Builtin(b)
    }

    /// Python's truth value.
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(n) => !n.is_zero(),
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::TimeDelta(d) => !d.is_zero(),
            Value::Decimal(d) => !d.is_zero(),
            Value::Range(r) => !r.is_empty(),
            Value::DictView(d, _) => !d.borrow().is_empty(),
            Value::Native(obj) => obj.truthy(),
            _ => true,
        }
    }

    /// Python's `==`.
    pub fn py_eq(&self, other: &Value) -> bool {
        eq_depth(self, other, 0)
    }

    /// An address standing for the object's identity (for `is` and `id()`).
    pub fn identity(&self) -> usize {
        match self {
            Value::List(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Dict(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Set(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Tuple(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Str(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Bytes(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Decimal(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Function(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Method(x) => Rc::as_ptr(x) as *const () as usize,
            Value::NativeFunction(x) => Rc::as_ptr(x) as *const () as usize,
            Value::NativeMethod(x, _) | Value::Native(x) => Rc::as_ptr(x) as *const () as usize,
            // Copies of one exception object are the same object.
            Value::Exception(x) => x.identity().unwrap_or(Rc::as_ptr(x) as *const () as usize),
            Value::Module(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Iterator(x) => Rc::as_ptr(x) as *const () as usize,
            Value::DictView(x, _) => Rc::as_ptr(x) as *const () as usize,
            Value::Instance(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Wrapped(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Type(PyType::Class(x)) => Rc::as_ptr(x) as *const () as usize,
            _ => 0,
        }
    }

    /// Python's `is` (values without identity compare by value and type).
    pub fn identity_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::DateTime(a), Value::DateTime(b)) => a == b,
            (Value::Date(a), Value::Date(b)) => a == b,
            (Value::Time(a), Value::Time(b)) => a.py_eq(b),
            (Value::TimeDelta(a), Value::TimeDelta(b)) => a == b,
            (Value::Range(a), Value::Range(b)) => a == b,
            (Value::Type(a), Value::Type(b)) => a.same(b),
            (Value::Builtin(a), Value::Builtin(b)) => a == b,
            (Value::NativeMethod(a, n), Value::NativeMethod(b, m)) => Rc::ptr_eq(a, b) && n == m,
            (a, b) => {
                std::mem::discriminant(a) == std::mem::discriminant(b)
                    && a.identity() != 0
                    && a.identity() == b.identity()
            }
        }
    }

    /// A deep copy: new containers all the way down (sharing within the value is kept).
    /// Native objects, functions and modules are shared, not copied.
    pub fn deep_copy(&self) -> Value {
        let mut memo = HashMap::new();
        deep_copy_inner(self, &mut memo, 0)
    }
}

fn deep_copy_inner(v: &Value, memo: &mut HashMap<usize, Value>, depth: usize) -> Value {
    if depth > 5 * MAX_DEPTH {
        return v.clone();
    }
    let key = v.identity();
    if key != 0 {
        if let Some(done) = memo.get(&key) {
            return done.clone();
        }
    }
    match v {
        Value::List(items) => {
            let new = Rc::new(RefCell::new(Vec::new()));
            memo.insert(key, Value::List(new.clone()));
            let copied: Vec<Value> = items
                .borrow()
                .iter()
                .map(|x| deep_copy_inner(x, memo, depth + 1))
                .collect();
            *new.borrow_mut() = copied;
            Value::List(new)
        }
        Value::Tuple(items) => {
            let copied: Vec<Value> = items
                .iter()
                .map(|x| deep_copy_inner(x, memo, depth + 1))
                .collect();
            let out = Value::tuple(copied);
            memo.insert(key, out.clone());
            out
        }
        Value::Dict(d) => {
            let new = Rc::new(RefCell::new(Dict::new()));
            memo.insert(key, Value::Dict(new.clone()));
            let pairs: Vec<(Value, Value)> = d.borrow().items();
            let mut out = Dict::new();
            for (k, val) in pairs {
                let k2 = deep_copy_inner(&k, memo, depth + 1);
                let v2 = deep_copy_inner(&val, memo, depth + 1);
                // The key was hashable in the source, so it is in the copy too.
                let _ = out.insert(k2, v2);
            }
            *new.borrow_mut() = out;
            Value::Dict(new)
        }
        Value::Set(s) => {
            let values = s.borrow().values();
            let mut out = Set::new();
            for x in values {
                let _ = out.add(deep_copy_inner(&x, memo, depth + 1));
            }
            let out = Value::set(out);
            memo.insert(key, out.clone());
            out
        }
        other => other.clone(),
    }
}

/// Drops a value without recursing deeply: containers owned only here are emptied onto an
/// explicit work list first, so a list nested a million levels deep cannot overflow the
/// stack when it goes away.
pub(crate) fn drop_deep(v: Value) {
    // Most values own no container that would go with them: drop those at once.
    let owns_container = match &v {
        Value::List(l) => Rc::strong_count(l) == 1,
        Value::Tuple(t) => Rc::strong_count(t) == 1,
        Value::Dict(d) | Value::DictView(d, _) => Rc::strong_count(d) == 1,
        Value::Set(s) => Rc::strong_count(s) == 1,
        Value::Instance(i) => Rc::strong_count(i) == 1,
        Value::Exception(e) => Rc::strong_count(e) == 1,
        _ => false,
    };
    if !owns_container {
        return;
    }
    let mut work = vec![v];
    while let Some(v) = work.pop() {
        match v {
            Value::List(l) => {
                if Rc::strong_count(&l) == 1 {
                    if let Ok(mut items) = l.try_borrow_mut() {
                        work.append(&mut items);
                    }
                }
            }
            Value::Tuple(mut t) => {
                if let Some(items) = Rc::get_mut(&mut t) {
                    for item in items.iter_mut() {
                        work.push(std::mem::replace(item, Value::None));
                    }
                }
            }
            Value::Dict(d) => {
                if Rc::strong_count(&d) == 1 {
                    if let Ok(mut d) = d.try_borrow_mut() {
                        for (k, v) in d.take_all() {
                            work.push(k);
                            work.push(v);
                        }
                    }
                }
            }
            Value::Set(s) => {
                if Rc::strong_count(&s) == 1 {
                    if let Ok(mut s) = s.try_borrow_mut() {
                        for (k, _) in s.dict.take_all() {
                            work.push(k);
                        }
                    }
                }
            }
            // An instance's attributes (a linked chain of objects).
            Value::Instance(mut i) => {
                if let Some(inst) = Rc::get_mut(&mut i) {
                    for (_, v) in inst.attrs.get_mut().drain(..) {
                        work.push(v);
                    }
                    if let Some(v) = inst.value.take() {
                        work.push(v);
                    }
                }
            }
            Value::DictView(d, _) => {
                if Rc::strong_count(&d) == 1 {
                    if let Ok(mut d) = d.try_borrow_mut() {
                        for (k, v) in d.take_all() {
                            work.push(k);
                            work.push(v);
                        }
                    }
                }
            }
            // An exception's arguments, context, cause and attributes (a chain of them
            // built by assigning `__context__` in a loop).
            Value::Exception(e) => {
                if let Ok(e) = Rc::try_unwrap(e) {
                    e.take_values(&mut work);
                }
            }
            other => drop(other),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&repr(self))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_str(self))
    }
}

/// `==` with Python's semantics (so `Value::int(1) == Value::float(1.0)`).
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.py_eq(other)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::int(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dict_key_semantics() {
        let mut d = Dict::new();
        d.insert(Value::int(1), Value::str("int")).unwrap();
        d.insert(Value::float(1.0), Value::str("float")).unwrap();
        d.insert(Value::Bool(true), Value::str("bool")).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(repr(&Value::dict(d.clone())), "{1: 'bool'}");
        let err = d.insert(Value::list(vec![]), Value::None).unwrap_err();
        assert_eq!(err.display(), "TypeError: unhashable type: 'list'");
        let err = d.get(&Value::dict(Dict::new())).unwrap_err();
        assert_eq!(err.display(), "TypeError: unhashable type: 'dict'");
        assert!(d.contains(&Value::int(1)).unwrap());
        assert_eq!(
            d.remove(&Value::Bool(true)).unwrap(),
            Some(Value::str("bool"))
        );
        assert!(d.is_empty());
    }

    #[test]
    fn dict_keeps_insertion_order_through_removals() {
        let mut d = Dict::new();
        for i in 0..100 {
            d.insert(Value::int(i), Value::int(i * i)).unwrap();
        }
        for i in 0..90 {
            d.remove(&Value::int(i)).unwrap();
        }
        d.insert(Value::str("x"), Value::None).unwrap();
        let keys: Vec<String> = d.keys().iter().map(repr).collect();
        assert_eq!(keys.len(), 11);
        assert_eq!(keys[0], "90");
        assert_eq!(keys[10], "'x'");
        assert_eq!(d.get(&Value::int(95)).unwrap(), Some(Value::int(9025)));
    }

    #[test]
    fn tuple_keys_hash_by_value() {
        let mut d = Dict::new();
        let k = Value::tuple(vec![Value::int(1), Value::str("a")]);
        d.insert(k, Value::int(5)).unwrap();
        let k2 = Value::tuple(vec![Value::float(1.0), Value::str("a")]);
        assert_eq!(d.get(&k2).unwrap(), Some(Value::int(5)));
        let bad = Value::tuple(vec![Value::list(vec![])]);
        assert!(d.insert(bad, Value::None).is_err());
    }

    #[test]
    fn equality_across_numbers_and_containers() {
        assert!(Value::int(1).py_eq(&Value::float(1.0)));
        assert!(Value::Bool(true).py_eq(&Value::int(1)));
        assert!(!Value::float(f64::NAN).py_eq(&Value::float(f64::NAN)));
        assert!(!Value::list(vec![]).py_eq(&Value::tuple(vec![])));
        assert!(Value::decimal(Decimal::parse("1.0").unwrap()).py_eq(&Value::int(1)));
        let a = Value::list(vec![Value::int(1), Value::str("x")]);
        let b = Value::list(vec![Value::float(1.0), Value::str("x")]);
        assert!(a.py_eq(&b));
        let mut d1 = Dict::new();
        d1.insert(Value::str("a"), Value::int(1)).unwrap();
        d1.insert(Value::str("b"), Value::int(2)).unwrap();
        let mut d2 = Dict::new();
        d2.insert(Value::str("b"), Value::int(2)).unwrap();
        d2.insert(Value::str("a"), Value::int(1)).unwrap();
        assert!(Value::dict(d1).py_eq(&Value::dict(d2)));
        let naive = DateTime::new(2024, 1, 1, 0, 0, 0, 0, false).unwrap();
        let aware = naive.with_tz(Some(Tz::UTC));
        assert!(!Value::DateTime(naive).py_eq(&Value::DateTime(aware)));
    }

    #[test]
    fn deep_copy_makes_new_containers() {
        let inner = Value::list(vec![Value::int(1)]);
        let outer = Value::list(vec![inner.clone(), inner.clone()]);
        let copy = outer.deep_copy();
        if let Value::List(l) = &inner {
            l.borrow_mut().push(Value::int(2));
        }
        assert_eq!(repr(&copy), "[[1], [1]]");
        assert_eq!(repr(&outer), "[[1, 2], [1, 2]]");
        // Sharing inside the copy is kept, as pickle keeps it.
        if let Value::List(l) = &copy {
            let first = l.borrow()[0].clone();
            assert!(first.identity_eq(&l.borrow()[1]));
        }
        // Self-reference does not loop.
        let me = Value::list(vec![]);
        if let Value::List(l) = &me {
            l.borrow_mut().push(me.clone());
        }
        assert_eq!(repr(&me.deep_copy()), "[[...]]");
    }

    #[test]
    fn truthiness_and_type_names() {
        assert!(!Value::None.is_truthy());
        assert!(!Value::str("").is_truthy());
        assert!(Value::str("0").is_truthy());
        assert!(!Value::dict(Dict::new()).is_truthy());
        assert_eq!(Value::None.type_name(), "NoneType");
        assert_eq!(
            Value::DateTime(DateTime::new(2024, 1, 1, 0, 0, 0, 0, false).unwrap()).type_name(),
            "datetime"
        );
        assert_eq!(
            Value::decimal(Decimal::zero()).error_type_name(),
            "decimal.Decimal"
        );
    }
}
