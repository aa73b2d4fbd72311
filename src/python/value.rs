//! Python values. Mutable containers are shared by reference (`Rc<RefCell<…>>`), as in
//! Python, so `b = a; b.append(1)` changes `a` too.

use std::any::Any;
use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive, Zero};

pub use super::datetime::{Date, DateTime, TimeDelta};
pub use super::decimal::Decimal;
pub use super::exception::PyException;
pub use super::repr::{repr, to_str};

use super::ast::FunctionDef;

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
    TimeDelta(TimeDelta),
    Decimal(Rc<Decimal>),
    /// `range(start, stop, step)`.
    Range(Range),
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
}

/// `range(start, stop, step)` with `step != 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> usize {
        let (lo, hi, step) = if self.step > 0 {
            (self.start as i128, self.stop as i128, self.step as i128)
        } else {
            (self.stop as i128, self.start as i128, -(self.step as i128))
        };
        if hi <= lo {
            0
        } else {
            ((hi - lo + step - 1) / step).min(usize::MAX as i128) as usize
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th element (`i < len`).
    pub fn get(&self, i: usize) -> i64 {
        (self.start as i128 + i as i128 * self.step as i128) as i64
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// The state of an iterator value.
pub struct PyIter {
    /// Python's type name: `list_iterator`, `enumerate`, `zip`, …
    pub kind: &'static str,
    pub(crate) state: RefCell<IterState>,
}

pub(crate) enum IterState {
    Items(std::vec::IntoIter<Value>),
    Range {
        next: i64,
        remaining: usize,
        step: i64,
    },
}

impl PyIter {
    pub fn from_values(kind: &'static str, items: Vec<Value>) -> Self {
        PyIter {
            kind,
            state: RefCell::new(IterState::Items(items.into_iter())),
        }
    }

    pub fn from_range(r: Range) -> Self {
        PyIter {
            kind: "range_iterator",
            state: RefCell::new(IterState::Range {
                next: r.start,
                remaining: r.len(),
                step: r.step,
            }),
        }
    }

    /// The next item, or `None` when exhausted.
    pub fn next_value(&self) -> Option<Value> {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            IterState::Items(it) => it.next(),
            IterState::Range {
                next,
                remaining,
                step,
            } => {
                if *remaining == 0 {
                    return None;
                }
                let v = *next;
                *remaining -= 1;
                *next = next.wrapping_add(*step);
                Some(Value::int(v))
            }
        }
    }
}

/// A user-defined function: its definition and evaluated default values.
pub struct Function {
    pub name: Rc<str>,
    pub(crate) def: Rc<FunctionDef>,
    pub(crate) defaults: Vec<Value>,
}

impl Function {
    pub(crate) fn new(def: Rc<FunctionDef>, defaults: Vec<Value>) -> Self {
        Function {
            name: def.name.clone(),
            def,
            defaults,
        }
    }
}

/// A method of a built-in value bound to its receiver.
pub struct BoundMethod {
    pub receiver: Value,
    pub name: Rc<str>,
}

/// The built-in functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Len,
    Print,
    Repr,
    Sorted,
    Sum,
    Min,
    Max,
    Isinstance,
    Abs,
    Round,
    Any,
    All,
    Iter,
    Next,
    Hash,
    Id,
    Callable,
    Divmod,
    Pow,
    Chr,
    Ord,
    Hasattr,
    Getattr,
    Format,
    Hex,
    Bin,
    Oct,
    Map,
    Filter,
}

impl Builtin {
    pub const ALL: [Builtin; 29] = [
        Builtin::Len,
        Builtin::Print,
        Builtin::Repr,
        Builtin::Sorted,
        Builtin::Sum,
        Builtin::Min,
        Builtin::Max,
        Builtin::Isinstance,
        Builtin::Abs,
        Builtin::Round,
        Builtin::Any,
        Builtin::All,
        Builtin::Iter,
        Builtin::Next,
        Builtin::Hash,
        Builtin::Id,
        Builtin::Callable,
        Builtin::Divmod,
        Builtin::Pow,
        Builtin::Chr,
        Builtin::Ord,
        Builtin::Hasattr,
        Builtin::Getattr,
        Builtin::Format,
        Builtin::Hex,
        Builtin::Bin,
        Builtin::Oct,
        Builtin::Map,
        Builtin::Filter,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Builtin::Len => "len",
            Builtin::Print => "print",
            Builtin::Repr => "repr",
            Builtin::Sorted => "sorted",
            Builtin::Sum => "sum",
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Isinstance => "isinstance",
            Builtin::Abs => "abs",
            Builtin::Round => "round",
            Builtin::Any => "any",
            Builtin::All => "all",
            Builtin::Iter => "iter",
            Builtin::Next => "next",
            Builtin::Hash => "hash",
            Builtin::Id => "id",
            Builtin::Callable => "callable",
            Builtin::Divmod => "divmod",
            Builtin::Pow => "pow",
            Builtin::Chr => "chr",
            Builtin::Ord => "ord",
            Builtin::Hasattr => "hasattr",
            Builtin::Getattr => "getattr",
            Builtin::Format => "format",
            Builtin::Hex => "hex",
            Builtin::Bin => "bin",
            Builtin::Oct => "oct",
            Builtin::Map => "map",
            Builtin::Filter => "filter",
        }
    }
}

/// The built-in classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuiltinType {
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    Range,
    Enumerate,
    Zip,
    Reversed,
    Type,
    Object,
    DateTime,
    Date,
    TimeDelta,
    TimeZone,
    Decimal,
}

impl BuiltinType {
    /// `__name__`.
    pub fn name(self) -> &'static str {
        match self {
            BuiltinType::NoneType => "NoneType",
            BuiltinType::Bool => "bool",
            BuiltinType::Int => "int",
            BuiltinType::Float => "float",
            BuiltinType::Str => "str",
            BuiltinType::Bytes => "bytes",
            BuiltinType::List => "list",
            BuiltinType::Tuple => "tuple",
            BuiltinType::Dict => "dict",
            BuiltinType::Set => "set",
            BuiltinType::Range => "range",
            BuiltinType::Enumerate => "enumerate",
            BuiltinType::Zip => "zip",
            BuiltinType::Reversed => "reversed",
            BuiltinType::Type => "type",
            BuiltinType::Object => "object",
            BuiltinType::DateTime => "datetime",
            BuiltinType::Date => "date",
            BuiltinType::TimeDelta => "timedelta",
            BuiltinType::TimeZone => "timezone",
            BuiltinType::Decimal => "Decimal",
        }
    }

    /// The name used in `repr()` and in error messages (`datetime.datetime`).
    pub fn qualified_name(self) -> &'static str {
        match self {
            BuiltinType::DateTime => "datetime.datetime",
            BuiltinType::Date => "datetime.date",
            BuiltinType::TimeDelta => "datetime.timedelta",
            BuiltinType::TimeZone => "datetime.timezone",
            BuiltinType::Decimal => "decimal.Decimal",
            other => other.name(),
        }
    }
}

/// A class as a value.
#[derive(Clone, Debug)]
pub enum PyType {
    Builtin(BuiltinType),
    /// An exception class, by name (the hierarchy lives in the interpreter).
    Exception(Rc<str>),
    /// Any other class, e.g. the type of a native object or of a function.
    Other {
        name: Rc<str>,
        qualified: Rc<str>,
    },
}

impl PyType {
    /// `__name__`.
    pub fn name(&self) -> &str {
        match self {
            PyType::Builtin(b) => b.name(),
            PyType::Exception(n) => n,
            PyType::Other { name, .. } => name,
        }
    }

    /// The dotted name shown by `repr()`.
    pub fn qualified_name(&self) -> &str {
        match self {
            PyType::Builtin(b) => b.qualified_name(),
            PyType::Exception(n) => n,
            PyType::Other { qualified, .. } => qualified,
        }
    }

    fn same(&self, other: &PyType) -> bool {
        match (self, other) {
            (PyType::Builtin(a), PyType::Builtin(b)) => a == b,
            (PyType::Exception(a), PyType::Exception(b)) => a == b,
            (PyType::Other { qualified: a, .. }, PyType::Other { qualified: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// A module: `datetime`, `decimal`, or one registered by the embedder.
pub struct PyModule {
    pub name: Rc<str>,
    pub members: RefCell<Vec<(Rc<str>, Value)>>,
}

impl PyModule {
    pub fn get(&self, name: &str) -> Option<Value> {
        self.members
            .borrow()
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v.clone())
    }
}

/// The signature of a native function: positional arguments and keyword arguments.
pub type NativeFn = dyn Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyException>;

/// A function implemented by the embedder.
pub struct NativeFunction {
    pub name: Rc<str>,
    pub func: Box<NativeFn>,
}

impl NativeFunction {
    pub fn new(
        name: &str,
        func: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyException> + 'static,
    ) -> Self {
        NativeFunction {
            name: Rc::from(name),
            func: Box::new(func),
        }
    }
}

/// An object implemented in Rust by the embedder. Methods take `&self`; implementers use
/// interior mutability. The defaults raise the `TypeError`s Python raises for an object
/// without the matching special method.
#[allow(clippy::len_without_is_empty)]
pub trait NativeObject {
    /// `type(x).__name__`, e.g. `"SessionStore"`.
    fn type_name(&self) -> &str;

    /// The dotted class name shown by `repr(type(x))`.
    fn qualified_name(&self) -> String {
        self.type_name().to_string()
    }

    /// The name Python's own error messages use for the type (its C-level name); defaults
    /// to [`NativeObject::type_name`], which is right for classes written in Python.
    fn error_name(&self) -> &str {
        self.type_name()
    }

    /// Whether `x.name` is a method (then `x.name(...)` calls [`NativeObject::call_method`]).
    fn has_method(&self, name: &str) -> bool {
        let _ = name;
        false
    }

    /// `x.name` for a non-method attribute.
    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Err(PyException::attribute_error(self.error_name(), name))
    }

    /// `x.name = value`.
    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        let _ = value;
        Err(PyException::attribute_error(self.error_name(), name))
    }

    /// `del x.name`.
    fn del_attr(&self, name: &str) -> Result<(), PyException> {
        Err(PyException::attribute_error(self.error_name(), name))
    }

    /// `x.name(*args, **kwargs)`.
    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        let _ = (args, kwargs);
        Err(PyException::attribute_error(self.error_name(), name))
    }

    /// `x[key]`.
    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        let _ = key;
        Err(PyException::type_error(format!(
            "'{}' object is not subscriptable",
            self.error_name()
        )))
    }

    /// `x[key] = value`.
    fn set_item(&self, key: Value, value: Value) -> Result<(), PyException> {
        let _ = (key, value);
        Err(PyException::type_error(format!(
            "'{}' object does not support item assignment",
            self.error_name()
        )))
    }

    /// `del x[key]`.
    fn del_item(&self, key: &Value) -> Result<(), PyException> {
        let _ = key;
        Err(PyException::type_error(format!(
            "'{}' object doesn't support item deletion",
            self.error_name()
        )))
    }

    /// `item in x`.
    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        let _ = item;
        Err(PyException::type_error(format!(
            "argument of type '{}' is not iterable",
            self.error_name()
        )))
    }

    /// `len(x)`.
    fn len(&self) -> Result<usize, PyException> {
        Err(PyException::type_error(format!(
            "object of type '{}' has no len()",
            self.error_name()
        )))
    }

    /// `iter(x)` / `for v in x`: the items, all at once.
    fn iter(&self) -> Result<Vec<Value>, PyException> {
        Err(PyException::type_error(format!(
            "'{}' object is not iterable",
            self.error_name()
        )))
    }

    /// `bool(x)`.
    fn truthy(&self) -> bool {
        true
    }

    /// `repr(x)`.
    fn repr(&self) -> String {
        let addr = self as *const Self as *const () as usize;
        format!("<{} object at {:#x}>", self.qualified_name(), addr)
    }

    /// `str(x)`; defaults to `repr(x)`.
    fn to_str(&self) -> String {
        self.repr()
    }

    /// For downcasting to the implementing type.
    fn as_any(&self) -> &dyn Any;
}

/// An insertion-ordered dict with Python's key semantics: `1`, `1.0` and `True` are the same
/// key; lists, dicts and sets are unhashable.
#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<(Value, Value)>>,
    index: HashMap<u64, Vec<usize>>,
    len: usize,
}

impl Dict {
    pub fn new() -> Self {
        Dict::default()
    }

    /// A dict from pairs (later pairs win); fails on an unhashable key.
    pub fn from_pairs(pairs: Vec<(Value, Value)>) -> Result<Self, PyException> {
        let mut d = Dict::new();
        for (k, v) in pairs {
            d.insert(k, v)?;
        }
        Ok(d)
    }

    fn find(&self, key: &Value, hash: u64) -> Option<usize> {
        self.index.get(&hash).and_then(|slots| {
            slots
                .iter()
                .copied()
                .find(|&i| self.entries[i].as_ref().is_some_and(|(k, _)| k.py_eq(key)))
        })
    }

    pub fn get(&self, key: &Value) -> Result<Option<Value>, PyException> {
        let h = hash_value(key)?;
        Ok(self
            .find(key, h)
            .and_then(|i| self.entries[i].as_ref().map(|(_, v)| v.clone())))
    }

    /// Like `get`, for a string key (never fails).
    pub fn get_str(&self, key: &str) -> Option<Value> {
        self.get(&Value::str(key)).ok().flatten()
    }

    /// Sets `key` to `value`; an existing key keeps its position (and its original key
    /// object, as in Python).
    pub fn insert(&mut self, key: Value, value: Value) -> Result<(), PyException> {
        let h = hash_value(&key)?;
        if let Some(i) = self.find(&key, h) {
            if let Some(entry) = self.entries[i].as_mut() {
                entry.1 = value;
            }
            return Ok(());
        }
        self.entries.push(Some((key, value)));
        self.index
            .entry(h)
            .or_default()
            .push(self.entries.len() - 1);
        self.len += 1;
        Ok(())
    }

    pub fn remove(&mut self, key: &Value) -> Result<Option<Value>, PyException> {
        let h = hash_value(key)?;
        let Some(i) = self.find(key, h) else {
            return Ok(None);
        };
        let removed = self.entries[i].take().map(|(_, v)| v);
        if let Some(slots) = self.index.get_mut(&h) {
            slots.retain(|&s| s != i);
            if slots.is_empty() {
                self.index.remove(&h);
            }
        }
        self.len -= 1;
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        Ok(removed)
    }

    fn compact(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        self.index.clear();
        self.len = 0;
        for (k, v) in entries.into_iter().flatten() {
            // Keys were hashable when inserted.
            if let Ok(h) = hash_value(&k) {
                self.entries.push(Some((k, v)));
                self.index
                    .entry(h)
                    .or_default()
                    .push(self.entries.len() - 1);
                self.len += 1;
            }
        }
    }

    pub fn contains(&self, key: &Value) -> Result<bool, PyException> {
        let h = hash_value(key)?;
        Ok(self.find(key, h).is_some())
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.len = 0;
    }

    /// Removes and returns the last pair (`popitem()`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let last = self.entries.iter().rposition(|e| e.is_some())?;
        let key = self.entries[last].as_ref()?.0.clone();
        let value = self.remove(&key).ok().flatten()?;
        Some((key, value))
    }

    /// Number of entry slots (for iterating by position while checking for changes).
    pub(crate) fn slot_count(&self) -> usize {
        self.entries.len()
    }

    /// The pair in a slot, if the slot is live.
    pub(crate) fn slot(&self, i: usize) -> Option<(&Value, &Value)> {
        self.entries
            .get(i)
            .and_then(|e| e.as_ref())
            .map(|(k, v)| (k, v))
    }

    /// Takes every pair out (used to drop deep structures without deep recursion).
    pub(crate) fn take_all(&mut self) -> Vec<(Value, Value)> {
        self.index.clear();
        self.len = 0;
        std::mem::take(&mut self.entries)
            .into_iter()
            .flatten()
            .collect()
    }

    /// The pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|(_, v)| v.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

impl<'a> IntoIterator for &'a Dict {
    type Item = (&'a Value, &'a Value);
    type IntoIter = Box<dyn Iterator<Item = (&'a Value, &'a Value)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl fmt::Debug for Dict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&repr(&Value::dict(self.clone())))
    }
}

/// A set: a [`Dict`] whose values are unused (iteration in insertion order).
#[derive(Clone, Default, Debug)]
pub struct Set {
    dict: Dict,
}

impl Set {
    pub fn new() -> Self {
        Set::default()
    }

    pub fn from_values(values: Vec<Value>) -> Result<Self, PyException> {
        let mut s = Set::new();
        for v in values {
            s.add(v)?;
        }
        Ok(s)
    }

    pub fn add(&mut self, value: Value) -> Result<(), PyException> {
        self.dict.insert(value, Value::None)
    }

    /// Removes `value`; `Ok(false)` when it was absent.
    pub fn remove(&mut self, value: &Value) -> Result<bool, PyException> {
        Ok(self.dict.remove(value)?.is_some())
    }

    pub fn contains(&self, value: &Value) -> Result<bool, PyException> {
        self.dict.contains(value)
    }

    pub fn len(&self) -> usize {
        self.dict.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dict.is_empty()
    }

    pub fn clear(&mut self) {
        self.dict.clear()
    }

    /// The elements in the order Python iterates them: for sets of ints, the order of
    /// CPython's hash table (so `{3, 1, 2}` prints as `{1, 2, 3}`); otherwise insertion
    /// order (CPython's order for strings changes from run to run anyway).
    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        let items: Vec<&Value> = self.dict.iter().map(|(k, _)| k).collect();
        match cpython_int_set_order(&items) {
            Some(order) => order.into_iter().map(|i| items[i]).collect::<Vec<_>>(),
            None => items,
        }
        .into_iter()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().cloned().collect()
    }

    pub fn pop_last(&mut self) -> Option<Value> {
        self.dict.pop_last().map(|(k, _)| k)
    }
}

/// Python's `hash()` of an int.
fn python_int_hash(n: &BigInt) -> i64 {
    const MODULUS: i64 = (1 << 61) - 1;
    let m = BigInt::from(MODULUS);
    let magnitude = (num_traits::Signed::abs(n) % &m).to_i64().unwrap_or(0);
    let h = if n.sign() == num_bigint::Sign::Minus {
        -magnitude
    } else {
        magnitude
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Where CPython's set table puts each element when they are added in this order, or
/// `None` when some element is not an int (or bool).
fn cpython_int_set_order(items: &[&Value]) -> Option<Vec<usize>> {
    const LINEAR_PROBES: usize = 9;
    const PERTURB_SHIFT: u32 = 5;
    if items.len() > 100_000 {
        return None;
    }
    let mut hashes = Vec::with_capacity(items.len());
    for v in items {
        let h = match v {
            Value::Int(n) => python_int_hash(n),
            Value::Bool(b) => *b as i64,
            _ => return None,
        };
        hashes.push(h as u64);
    }
    fn insert(table: &mut [Option<usize>], hash: u64, item: usize) {
        let mask = table.len() - 1;
        let mut perturb = hash;
        let mut i = (hash as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                if table[i + j].is_none() {
                    table[i + j] = Some(item);
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut used = 0usize;
    for (item, &h) in hashes.iter().enumerate() {
        insert(&mut table, h, item);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let min_used = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= min_used {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for entry in old.into_iter().flatten() {
                insert(&mut table, hashes[entry], entry);
            }
        }
    }
    Some(table.into_iter().flatten().collect())
}

fn hash_int(n: &BigInt, state: &mut DefaultHasher) {
    1u8.hash(state);
    match n.to_i64() {
        Some(small) => small.hash(state),
        None => n.to_signed_bytes_le().hash(state),
    }
}

const MAX_DEPTH: usize = 200;

fn hash_into(v: &Value, state: &mut DefaultHasher, depth: usize) -> Result<(), PyException> {
    if depth > MAX_DEPTH {
        return Err(PyException::new(
            "RecursionError",
            "maximum recursion depth exceeded",
        ));
    }
    match v {
        Value::None => 0u8.hash(state),
        Value::Bool(b) => hash_int(&BigInt::from(*b as u8), state),
        Value::Int(n) => hash_int(n, state),
        Value::Float(f) => {
            if f.is_finite() && f.fract() == 0.0 {
                hash_int(&BigInt::from_f64(*f).unwrap_or_default(), state)
            } else {
                2u8.hash(state);
                f.to_bits().hash(state)
            }
        }
        Value::Decimal(d) => match d.to_bigint_exact() {
            Some(n) => hash_int(&n, state),
            None => {
                3u8.hash(state);
                d.normalized().hash(state)
            }
        },
        Value::Str(s) => {
            4u8.hash(state);
            s.hash(state)
        }
        Value::Bytes(b) => {
            5u8.hash(state);
            b.hash(state)
        }
        Value::Tuple(items) => {
            6u8.hash(state);
            items.len().hash(state);
            for item in items.iter() {
                hash_into(item, state, depth + 1)?;
            }
        }
        Value::DateTime(d) => {
            7u8.hash(state);
            d.unix_micros().hash(state);
        }
        Value::Date(d) => {
            8u8.hash(state);
            d.hash(state)
        }
        Value::TimeDelta(d) => {
            9u8.hash(state);
            d.hash(state)
        }
        Value::Range(r) => {
            10u8.hash(state);
            r.len().hash(state);
        }
        Value::Type(t) => {
            11u8.hash(state);
            t.qualified_name().hash(state)
        }
        Value::Builtin(b) => {
            12u8.hash(state);
            b.hash(state)
        }
        Value::Native(obj) if obj.type_name() == "slice" => {
            return Err(PyException::type_error("unhashable type: 'slice'"))
        }
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::DictView(..) => {
            return Err(PyException::type_error(format!(
                "unhashable type: '{}'",
                v.type_name()
            )))
        }
        other => {
            13u8.hash(state);
            other.identity().hash(state)
        }
    }
    Ok(())
}

/// Python's `hash()` as a dict would use it: equal values hash equal; containers that can
/// change raise `TypeError: unhashable type: 'list'`.
pub fn hash_value(v: &Value) -> Result<u64, PyException> {
    let mut state = DefaultHasher::new();
    hash_into(v, &mut state, 0)?;
    Ok(state.finish())
}

/// A number as an exact comparable form.
enum Num<'a> {
    Int(std::borrow::Cow<'a, BigInt>),
    Float(f64),
    Decimal(&'a Decimal),
}

fn as_num(v: &Value) -> Option<Num<'_>> {
    match v {
        Value::Bool(b) => Some(Num::Int(std::borrow::Cow::Owned(BigInt::from(*b as u8)))),
        Value::Int(n) => Some(Num::Int(std::borrow::Cow::Borrowed(n))),
        Value::Float(f) => Some(Num::Float(*f)),
        Value::Decimal(d) => Some(Num::Decimal(d)),
        _ => None,
    }
}

/// Compares two numbers exactly (`None` when a NaN is involved).
pub(crate) fn num_cmp(a: &Value, b: &Value) -> Option<Option<std::cmp::Ordering>> {
    use std::cmp::Ordering;
    let (x, y) = (as_num(a)?, as_num(b)?);
    fn int_float(i: &BigInt, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        let fl = f.floor();
        let fb = BigInt::from_f64(fl)?;
        match i.cmp(&fb) {
            Ordering::Equal if f > fl => Some(Ordering::Less),
            o => Some(o),
        }
    }
    fn dec_float(d: &Decimal, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        Some(d.compare(&Decimal::from_f64(f).ok()?))
    }
    Some(match (x, y) {
        (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
        (Num::Int(a), Num::Float(b)) => int_float(&a, b),
        (Num::Float(a), Num::Int(b)) => int_float(&b, a).map(Ordering::reverse),
        (Num::Decimal(a), Num::Decimal(b)) => Some(a.compare(b)),
        (Num::Decimal(a), Num::Int(b)) => Some(a.compare(&Decimal::from_bigint(&b))),
        (Num::Int(a), Num::Decimal(b)) => Some(Decimal::from_bigint(&a).compare(b)),
        (Num::Decimal(a), Num::Float(b)) => dec_float(a, b),
        (Num::Float(a), Num::Decimal(b)) => dec_float(b, a).map(Ordering::reverse),
    })
}

fn eq_depth(a: &Value, b: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    if let Some(ord) = num_cmp(a, b) {
        return ord == Some(std::cmp::Ordering::Equal);
    }
    let seq_eq = |x: &[Value], y: &[Value]| {
        x.len() == y.len()
            && x.iter()
                .zip(y)
                .all(|(p, q)| p.identity_eq(q) || eq_depth(p, q, depth + 1))
    };
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                seq_eq(&x, &y)
            }
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => {
            Rc::ptr_eq(x, y) || dict_eq(&x.borrow(), &y.borrow(), depth)
        }
        (Value::Set(x), Value::Set(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                x.len() == y.len() && x.iter().all(|v| y.contains(v).unwrap_or(false))
            }
        }
        (Value::DateTime(x), Value::DateTime(y)) => {
            x.utc == y.utc && x.unix_micros() == y.unix_micros()
        }
        (Value::Date(x), Value::Date(y)) => x == y,
        (Value::TimeDelta(x), Value::TimeDelta(y)) => x == y,
        (Value::Range(x), Value::Range(y)) => {
            let (lx, ly) = (x.len(), y.len());
            lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
        }
        (Value::DictView(x, kx), Value::DictView(y, ky)) if kx == ky => match kx {
            DictViewKind::Values => false,
            _ => {
                let (x, y) = (x.borrow(), y.borrow());
                x.len() == y.len()
                    && x.iter().all(|(k, v)| match y.get(k) {
                        Ok(Some(w)) => *kx == DictViewKind::Keys || eq_depth(v, &w, depth + 1),
                        _ => false,
                    })
            }
        },
        (Value::Type(x), Value::Type(y)) => x.same(y),
        (Value::Builtin(x), Value::Builtin(y)) => x == y,
        (Value::Exception(x), Value::Exception(y)) => Rc::ptr_eq(x, y),
        _ => a.identity_eq(b),
    }
}

fn dict_eq(x: &Dict, y: &Dict, depth: usize) -> bool {
    x.len() == y.len()
        && x.iter().all(|(k, v)| match y.get(k) {
            Ok(Some(w)) => v.identity_eq(&w) || eq_depth(v, &w, depth + 1),
            _ => false,
        })
}

impl Value {
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
            Value::Set(_) => "set",
            Value::DateTime(_) => "datetime",
            Value::Date(_) => "date",
            Value::TimeDelta(_) => "timedelta",
            Value::Decimal(_) => "Decimal",
            Value::Range(_) => "range",
            Value::DictView(_, DictViewKind::Keys) => "dict_keys",
            Value::DictView(_, DictViewKind::Values) => "dict_values",
            Value::DictView(_, DictViewKind::Items) => "dict_items",
            Value::Function(_) => "function",
            Value::Builtin(_)
            | Value::NativeFunction(_)
            | Value::NativeMethod(..)
            | Value::Method(_) => "builtin_function_or_method",
            Value::Type(_) => "type",
            Value::Module(_) => "module",
            Value::Native(_) | Value::Exception(_) | Value::Iterator(_) => "object",
        }
    }

    /// The type name Python uses in error messages (`'datetime.datetime' object has no
    /// attribute 'x'`): the same as [`Value::type_name`] except for the C-implemented
    /// library types.
    pub fn error_type_name(&self) -> String {
        match self {
            Value::DateTime(_) => "datetime.datetime".into(),
            Value::Date(_) => "datetime.date".into(),
            Value::TimeDelta(_) => "datetime.timedelta".into(),
            Value::Decimal(_) => "decimal.Decimal".into(),
            Value::Native(obj) => obj.error_name().to_string(),
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
            Value::Dict(_) => BuiltinType::Dict,
            Value::Set(_) => BuiltinType::Set,
            Value::DateTime(_) => BuiltinType::DateTime,
            Value::Date(_) => BuiltinType::Date,
            Value::TimeDelta(_) => BuiltinType::TimeDelta,
            Value::Decimal(_) => BuiltinType::Decimal,
            Value::Range(_) => BuiltinType::Range,
            Value::Type(_) => BuiltinType::Type,
            Value::Exception(e) => return PyType::Exception(e.kind.clone()),
            Value::Native(obj) => {
                return PyType::Other {
                    name: Rc::from(obj.type_name()),
                    qualified: Rc::from(obj.qualified_name().as_str()),
                }
            }
            other => {
                let name: Rc<str> = Rc::from(other.type_name().as_str());
                return PyType::Other {
                    qualified: name.clone(),
                    name,
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
    pub(crate) fn identity(&self) -> usize {
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
            Value::Exception(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Module(x) => Rc::as_ptr(x) as *const () as usize,
            Value::Iterator(x) => Rc::as_ptr(x) as *const () as usize,
            Value::DictView(x, _) => Rc::as_ptr(x) as *const () as usize,
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
        let aware = DateTime { utc: true, ..naive };
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
