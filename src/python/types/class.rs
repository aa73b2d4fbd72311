//! Classes as values (`int`, `datetime`, `KeyError`, the type of a native object) and their
//! class-level methods (`dict.fromkeys`, `datetime.now`, …).

use std::cell::RefCell;
use std::fmt;
use std::hash::Hash;
use std::rc::Rc;

use crate::python::builtins::{
    arg_range, exactly_one, no_kwargs, positional_or_kw, unexpected_kw, Kwargs,
};
use crate::python::eval::{snapshot_iterable, Exec};
use crate::python::stdlib::tzinfo_arg;
use crate::python::types::ops::{self, as_int, exc, type_error};
use crate::python::types::str::str_arg;
use crate::python::types::{Date, DateTime, Dict, Time, Tz, Value};
use crate::python::PyError;

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
    FrozenSet,
    Slice,
    Range,
    Enumerate,
    Zip,
    Reversed,
    Type,
    Object,
    DateTime,
    Date,
    Time,
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
            BuiltinType::FrozenSet => "frozenset",
            BuiltinType::Slice => "slice",
            BuiltinType::Range => "range",
            BuiltinType::Enumerate => "enumerate",
            BuiltinType::Zip => "zip",
            BuiltinType::Reversed => "reversed",
            BuiltinType::Type => "type",
            BuiltinType::Object => "object",
            BuiltinType::DateTime => "datetime",
            BuiltinType::Date => "date",
            BuiltinType::Time => "time",
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
            BuiltinType::Time => "datetime.time",
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
        /// The embedder's class, when the type is one (then it can be called and has
        /// class attributes).
        native: Option<Rc<crate::python::types::native::NativeClass>>,
    },
    /// A class defined by a `class` statement.
    Class(Rc<Class>),
}

/// A class defined by a `class` statement: its namespace, its bases and its method
/// resolution order.
pub struct Class {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub module: Rc<str>,
    /// The bases as written (`None` stands for `object`); empty when none was written.
    pub bases: Vec<Option<Rc<Class>>>,
    /// The method resolution order after the class itself, without `object` (C3).
    pub ancestors: Vec<Rc<Class>>,
    /// The class body's names in definition order, and attributes set later.
    pub attrs: RefCell<Vec<(Rc<str>, Value)>>,
    /// The built-in class it derives from (`tuple`), written as a base or inherited: its
    /// instances carry a value of that class ([`Instance::value`]), which the built-in's
    /// operations work on.
    pub builtin_base: Option<BuiltinType>,
    /// What `collections.namedtuple` made the class with (only on the class it made).
    pub namedtuple: Option<Rc<NamedTupleSpec>>,
}

/// The fields of a class made by `collections.namedtuple`.
pub struct NamedTupleSpec {
    /// The type name given to `namedtuple` (`Point.__new__()` in its messages).
    pub typename: Rc<str>,
    pub fields: Vec<Rc<str>>,
    /// Each field's position.
    pub index: std::collections::HashMap<Rc<str>, usize>,
    /// The defaults of the last fields, in order.
    pub defaults: Vec<Value>,
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<class '{}.{}'>", self.module, self.qualname)
    }
}

/// A class in a linearisation: a user class or `object`.
#[derive(Clone)]
enum Node {
    Class(Rc<Class>),
    Object,
}

impl Node {
    fn same(&self, other: &Node) -> bool {
        match (self, other) {
            (Node::Class(a), Node::Class(b)) => Rc::ptr_eq(a, b),
            (Node::Object, Node::Object) => true,
            _ => false,
        }
    }

    fn name(&self) -> &str {
        match self {
            Node::Class(c) => &c.name,
            Node::Object => "object",
        }
    }
}

/// The method resolution order of a class with these bases, after the class itself and
/// without `object` (C3 linearisation, as CPython computes it), or CPython's TypeError
/// message when the bases admit none. `charge` pays for each step of the merge.
pub fn linearize(
    bases: &[Option<Rc<Class>>],
    charge: &mut dyn FnMut(usize) -> Result<(), PyError>,
) -> Result<Result<Vec<Rc<Class>>, String>, PyError> {
    let nodes: Vec<Node> = bases
        .iter()
        .map(|b| match b {
            Some(c) => Node::Class(c.clone()),
            None => Node::Object,
        })
        .collect();
    for (i, n) in nodes.iter().enumerate() {
        if nodes[..i].iter().any(|m| m.same(n)) {
            return Ok(Err(format!("duplicate base class {}", n.name())));
        }
    }
    if nodes.len() <= 1 {
        return Ok(Ok(match bases.first() {
            Some(Some(c)) => c.mro(),
            _ => Vec::new(),
        }));
    }
    let mut lists: Vec<Vec<Node>> = nodes
        .iter()
        .map(|n| match n {
            Node::Class(c) => {
                let mut l: Vec<Node> = c.mro().into_iter().map(Node::Class).collect();
                l.push(Node::Object);
                l
            }
            Node::Object => vec![Node::Object],
        })
        .collect();
    lists.push(nodes);
    let total: usize = lists.iter().map(|l| l.len()).sum();
    charge(total)?;
    let mut remain = vec![0usize; lists.len()];
    let mut out = Vec::new();
    loop {
        if lists.iter().zip(&remain).all(|(l, r)| *r >= l.len()) {
            return Ok(Ok(out));
        }
        let mut chosen: Option<Node> = None;
        for (i, l) in lists.iter().enumerate() {
            if remain[i] >= l.len() {
                continue;
            }
            let cand = &l[remain[i]];
            charge(lists.len())?;
            let in_tail = lists
                .iter()
                .zip(&remain)
                .any(|(m, r)| m.len() > r + 1 && m[r + 1..].iter().any(|x| x.same(cand)));
            if !in_tail {
                chosen = Some(cand.clone());
                break;
            }
        }
        let Some(c) = chosen else {
            let mut heads: Vec<&Node> = Vec::new();
            for (l, r) in lists.iter().zip(&remain) {
                if let Some(h) = l.get(*r) {
                    if !heads.iter().any(|x| x.same(h)) {
                        heads.push(h);
                    }
                }
            }
            let names: Vec<&str> = heads.iter().map(|h| h.name()).collect();
            return Ok(Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for (l, r) in lists.iter().zip(remain.iter_mut()) {
            if l.get(*r).is_some_and(|h| h.same(&c)) {
                *r += 1;
            }
        }
        if let Node::Class(k) = c {
            out.push(k);
        }
    }
}

impl Class {
    /// The class and its bases, nearest first (the method resolution order, without
    /// `object`).
    pub fn mro(self: &Rc<Class>) -> Vec<Rc<Class>> {
        let mut out = Vec::with_capacity(self.ancestors.len() + 1);
        out.push(self.clone());
        out.extend(self.ancestors.iter().cloned());
        out
    }

    /// The attribute as this class defines it (not its bases).
    pub fn own(&self, name: &str) -> Option<Value> {
        self.attrs
            .borrow()
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v.clone())
    }

    /// Looks `name` up along the method resolution order; returns the value and the class
    /// that defines it.
    pub fn lookup(self: &Rc<Class>, name: &str) -> Option<(Value, Rc<Class>)> {
        if let Some(v) = self.own(name) {
            return Some((v, self.clone()));
        }
        self.ancestors
            .iter()
            .find_map(|k| k.own(name).map(|v| (v, k.clone())))
    }

    pub fn set(&self, name: &str, value: Value) {
        let mut attrs = self.attrs.borrow_mut();
        match attrs.iter_mut().find(|(k, _)| &**k == name) {
            Some(slot) => slot.1 = value,
            None => attrs.push((Rc::from(name), value)),
        }
    }

    /// The fields of the namedtuple class this class is or derives from.
    pub fn namedtuple_spec(&self) -> Option<&Rc<NamedTupleSpec>> {
        self.namedtuple
            .as_ref()
            .or_else(|| self.ancestors.iter().find_map(|c| c.namedtuple.as_ref()))
    }

    /// Whether this class is `other` or derives from it.
    pub fn is_subclass(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, other) || self.ancestors.iter().any(|c| Rc::ptr_eq(c, other))
    }
}

/// An instance of a user class: its class and its own attributes.
pub struct Instance {
    pub class: Rc<Class>,
    pub attrs: RefCell<Vec<(Rc<str>, Value)>>,
    /// The built-in value an instance of a class derived from a built-in carries (a
    /// `Value::Tuple` for a subclass of `tuple`, such as a namedtuple).
    pub value: Option<Value>,
}

impl Instance {
    pub fn get(&self, name: &str) -> Option<Value> {
        self.attrs
            .borrow()
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v.clone())
    }

    pub fn set(&self, name: &str, value: Value) {
        let mut attrs = self.attrs.borrow_mut();
        match attrs.iter_mut().find(|(k, _)| &**k == name) {
            Some(slot) => slot.1 = value,
            None => attrs.push((Rc::from(name), value)),
        }
    }

    pub fn remove(&self, name: &str) -> bool {
        let mut attrs = self.attrs.borrow_mut();
        let before = attrs.len();
        attrs.retain(|(k, _)| &**k != name);
        attrs.len() != before
    }
}

/// The objects classes are built from: bound methods, `super()`, and the wrappers
/// `staticmethod`, `classmethod`, `property`.
pub enum Wrapped {
    /// A function bound to its first argument (`cart.add`, or a classmethod bound to its class).
    BoundMethod {
        func: Value,
        receiver: Value,
    },
    /// `super()`: look up after `class` along the bases of `receiver`'s class.
    Super {
        class: Rc<Class>,
        receiver: Value,
    },
    StaticMethod(Value),
    ClassMethod(Value),
    Property {
        fget: Value,
        fset: Option<Value>,
        fdel: Option<Value>,
    },
    /// `prop.setter` (`deleter`: `prop.deleter`): called with the function, makes the
    /// property with it.
    PropertySetter {
        fget: Value,
        fset: Option<Value>,
        fdel: Option<Value>,
        deleter: bool,
    },
}

impl Wrapped {
    pub fn type_name(&self) -> &'static str {
        match self {
            Wrapped::BoundMethod { .. } => "method",
            Wrapped::Super { .. } => "super",
            Wrapped::StaticMethod(_) => "staticmethod",
            Wrapped::ClassMethod(_) => "classmethod",
            Wrapped::Property { .. } => "property",
            Wrapped::PropertySetter { .. } => "builtin_function_or_method",
        }
    }
}

impl PyType {
    /// The type of an embedder's class.
    pub fn native(class: Rc<crate::python::types::native::NativeClass>) -> PyType {
        PyType::Other {
            name: class.name.clone(),
            qualified: class.qualified.clone(),
            native: Some(class),
        }
    }

    /// `__name__`.
    pub fn name(&self) -> &str {
        match self {
            PyType::Builtin(b) => b.name(),
            PyType::Exception(n) => n,
            PyType::Other { name, .. } => name,
            PyType::Class(c) => &c.name,
        }
    }

    /// The dotted name shown by `repr()`.
    pub fn qualified_name(&self) -> std::borrow::Cow<'_, str> {
        match self {
            PyType::Builtin(b) => b.qualified_name().into(),
            PyType::Exception(n) => (**n).into(),
            PyType::Other { qualified, .. } => (**qualified).into(),
            PyType::Class(c) => format!("{}.{}", c.module, c.qualname).into(),
        }
    }

    pub(crate) fn same(&self, other: &PyType) -> bool {
        match (self, other) {
            (PyType::Builtin(a), PyType::Builtin(b)) => a == b,
            (PyType::Exception(a), PyType::Exception(b)) => a == b,
            (PyType::Other { qualified: a, .. }, PyType::Other { qualified: b, .. }) => a == b,
            (PyType::Class(a), PyType::Class(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Exec<'_> {
    pub(crate) fn class_method(
        &mut self,
        t: &PyType,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let PyType::Builtin(b) = t else {
            return Err(type_error(format!("'{}' is not callable", t.name())));
        };
        let now = self.it.now;
        match (b, name) {
            (BuiltinType::DateTime, "now") => {
                let v = positional_or_kw(args, &mut kwargs, &["tz"], 0)?;
                unexpected_kw("now", &kwargs)?;
                // The virtual clock is UTC, and so is the simulator's local time.
                let utc = now.with_tz(Some(Tz::UTC));
                match &v[0] {
                    None => Ok(Value::DateTime(now.with_tz(None))),
                    Some(tz) => match tzinfo_arg(tz)? {
                        None => Ok(Value::DateTime(now.with_tz(None))),
                        Some(tz) => Ok(Value::DateTime(utc.astimezone(tz)?)),
                    },
                }
            }
            (BuiltinType::DateTime, "utcnow" | "today") => {
                no_kwargs(name, &kwargs)?;
                arg_range(name, &args, 0, 0)?;
                Ok(Value::DateTime(now.with_tz(None)))
            }
            (BuiltinType::Date, "today") => {
                no_kwargs(name, &kwargs)?;
                arg_range(name, &args, 0, 0)?;
                Ok(Value::Date(now.date()))
            }
            (BuiltinType::DateTime, "strptime") => {
                no_kwargs(name, &kwargs)?;
                if args.len() != 2 {
                    return Err(type_error(format!(
                        "strptime() takes exactly 2 arguments ({} given)",
                        args.len()
                    )));
                }
                let (Value::Str(text), Value::Str(fmt)) = (&args[0], &args[1]) else {
                    let bad = if matches!(args[0], Value::Str(_)) {
                        &args[1]
                    } else {
                        &args[0]
                    };
                    return Err(type_error(format!(
                        "strptime() argument {} must be str, not {}",
                        if matches!(args[0], Value::Str(_)) {
                            2
                        } else {
                            1
                        },
                        bad.error_type_name()
                    )));
                };
                Ok(Value::DateTime(crate::python::stdlib::datetime::strptime(
                    text, fmt,
                )?))
            }
            (BuiltinType::DateTime | BuiltinType::Date, "fromisoformat") => {
                no_kwargs(name, &kwargs)?;
                exactly_one("fromisoformat", &args)?;
                let text = str_arg(&args[0], |o| {
                    format!(
                        "fromisoformat: argument must be str, not {}",
                        o.error_type_name()
                    )
                })?;
                Ok(if *b == BuiltinType::DateTime {
                    Value::DateTime(DateTime::from_isoformat(text)?)
                } else {
                    Value::Date(Date::from_isoformat(text)?)
                })
            }
            (BuiltinType::Time, "fromisoformat") => {
                no_kwargs(name, &kwargs)?;
                exactly_one("fromisoformat", &args)?;
                let Value::Str(text) = &args[0] else {
                    return Err(type_error("fromisoformat: argument must be str"));
                };
                Ok(Value::Time(Time::from_isoformat(text)?))
            }
            (BuiltinType::DateTime, "combine") => {
                let v = positional_or_kw(args, &mut kwargs, &["date", "time", "tzinfo"], 2)?;
                unexpected_kw("combine", &kwargs)?;
                let date = match v[0].as_ref().unwrap_or(&Value::None) {
                    Value::Date(d) => *d,
                    Value::DateTime(d) => d.date(),
                    other => {
                        return Err(type_error(format!(
                            "combine() argument 1 must be datetime.date, not {}",
                            other.error_type_name()
                        )))
                    }
                };
                let mut time = match v[1].as_ref().unwrap_or(&Value::None) {
                    Value::Time(t) => *t,
                    other => {
                        return Err(type_error(format!(
                            "combine() argument 2 must be datetime.time, not {}",
                            other.error_type_name()
                        )))
                    }
                };
                if let Some(tz) = &v[2] {
                    time.tz = tzinfo_arg(tz)?;
                }
                Ok(Value::DateTime(DateTime::combine(date, time)))
            }
            (BuiltinType::DateTime | BuiltinType::Date, "fromtimestamp" | "utcfromtimestamp") => {
                let v = positional_or_kw(args, &mut kwargs, &["timestamp", "tz"], 1)?;
                unexpected_kw(name, &kwargs)?;
                let ts = match &v[0] {
                    Some(Value::Float(f)) => *f,
                    Some(x @ (Value::Int(_) | Value::Bool(_))) => {
                        ops::int_to_f64(&as_int(x).unwrap_or_default())?
                    }
                    Some(other) => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.error_type_name()
                        )))
                    }
                    None => 0.0,
                };
                if !ts.is_finite() || ts.abs() > 3e11 {
                    return Err(exc("ValueError", "year is out of range"));
                }
                let tz = match &v[1] {
                    None => None,
                    Some(x) => tzinfo_arg(x)?,
                };
                let dt = DateTime::from_unix_micros((ts * 1e6).round() as i128, false)?;
                let dt = match tz {
                    None => dt,
                    Some(tz) => dt.with_tz(Some(Tz::UTC)).astimezone(tz)?,
                };
                Ok(if *b == BuiltinType::Date {
                    Value::Date(dt.date())
                } else {
                    Value::DateTime(dt)
                })
            }
            (BuiltinType::Dict, "fromkeys") => {
                no_kwargs(name, &kwargs)?;
                arg_range("fromkeys", &args, 1, 2)?;
                let v = args.get(1).cloned().unwrap_or(Value::None);
                if crate::python::eval::tables::involves_user_keys(&args[0]) {
                    return self.dict_fromkeys(&args[0], v);
                }
                let keys = snapshot_iterable(&args[0])?;
                // An insert (hashing, probing) costs about as much as copying four items.
                crate::python::eval::budget::items(keys.len() * 4)?;
                let v = args.get(1).cloned().unwrap_or(Value::None);
                let mut d = Dict::new();
                for (i, k) in keys.into_iter().enumerate() {
                    if i % 4096 == 4095 {
                        // Building a big dict: stop as soon as memory runs past the ceiling.
                        crate::python::eval::budget::steps(0)?;
                    }
                    d.insert(k, v.clone())?;
                }
                Ok(Value::dict(d))
            }
            _ => {
                // An unbound method: `str.upper("a")`.
                let mut args = args;
                let wrapper = crate::python::types::special::provided_by_type(*b, name)
                    == Some(crate::python::types::special::Provided::Wrapper)
                    || (*b == BuiltinType::Object && name != "__format__");
                // A bool's special methods are the int's.
                let owner = match b {
                    BuiltinType::Bool if crate::python::types::special::is_special(name) => {
                        BuiltinType::Int
                    }
                    other => *other,
                };
                if args.is_empty() {
                    return Err(type_error(if wrapper {
                        format!(
                            "descriptor '{name}' of '{}' object needs an argument",
                            owner.name()
                        )
                    } else {
                        format!("unbound method {}.{name}() needs an argument", b.name())
                    }));
                }
                let receiver = args.remove(0);
                if owner == BuiltinType::Object {
                    return self.object_special(&receiver, name, args, kwargs);
                }
                let fits = match owner {
                    BuiltinType::Int => matches!(receiver, Value::Int(_) | Value::Bool(_)),
                    _ => matches!(receiver.type_of(), PyType::Builtin(x) if x == owner),
                };
                if !fits && wrapper {
                    return Err(type_error(format!(
                        "descriptor '{name}' requires a '{}' object but received a '{}'",
                        owner.name(),
                        receiver.error_type_name()
                    )));
                }
                if !fits {
                    return Err(type_error(format!(
                        "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
                        b.name(),
                        receiver.error_type_name()
                    )));
                }
                self.call_method(&receiver, name, args, kwargs)
            }
        }
    }
}
