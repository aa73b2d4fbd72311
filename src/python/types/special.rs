//! The special methods (`__len__`, `__add__`, …) each built-in type has when a program names
//! them (`'ab'.__len__()`, `str.__len__('ab')`): the names CPython 3.11's `dir()` lists for
//! the type, how CPython provides each (a slot wrapper or a method: their reprs and their
//! argument errors differ), and which of them the simulator runs. What a call does is decided
//! in `eval::special`.

use crate::python::types::{dict, BuiltinType, Value};

/// How CPython provides a special method of a built-in type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Provided {
    /// A slot wrapper: `<method-wrapper '__len__' of str object at …>`, and
    /// `<slot wrapper '__len__' of 'str' objects>` on the class.
    Wrapper,
    /// A method: `<built-in method __format__ of str object at …>`, and
    /// `<method '__getitem__' of 'dict' objects>` on the class.
    Method,
}

/// The built-in types whose special methods a program may call by name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Owner {
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    /// A `Counter`, `defaultdict` or `OrderedDict`: only the mapping methods run.
    DictFlavor,
    Set,
    FrozenSet,
    Int,
    Bool,
    Float,
    NoneType,
    Range,
    /// An iterator (`iter(x)`, `map`, `zip`, …): `__iter__` and `__next__` run.
    Iterator,
}

impl Owner {
    /// The type's name in CPython's messages (`'int'` for a bool's inherited methods is
    /// [`Owner::defining`]).
    pub fn name(self) -> &'static str {
        match self {
            Owner::Str => "str",
            Owner::Bytes => "bytes",
            Owner::List => "list",
            Owner::Tuple => "tuple",
            Owner::Dict | Owner::DictFlavor => "dict",
            Owner::Set => "set",
            Owner::FrozenSet => "frozenset",
            Owner::Int => "int",
            Owner::Bool => "bool",
            Owner::Float => "float",
            Owner::NoneType => "NoneType",
            Owner::Range => "range",
            Owner::Iterator => "iterator",
        }
    }

    /// The class that defines `name` for this type, as CPython names it in a method's
    /// argument errors (`object.__format__()` for a list, `int.__ceil__()` for a bool).
    pub fn defining(self, name: &str) -> &'static str {
        match (self, name) {
            (Owner::Str | Owner::Int | Owner::Float, "__format__") => self.name(),
            (Owner::Bool, "__format__") => "int",
            (_, "__format__") => "object",
            (Owner::Bool, _) => "int",
            _ => self.name(),
        }
    }
}

/// The owner of `v`'s special methods, for the built-in values that have them here.
pub fn owner(v: &Value) -> Option<Owner> {
    Some(match v {
        Value::Str(_) => Owner::Str,
        Value::Bytes(_) => Owner::Bytes,
        Value::List(_) => Owner::List,
        Value::Tuple(_) => Owner::Tuple,
        Value::Dict(d) => match dict::flavor_of(d) {
            None => Owner::Dict,
            Some(_) => Owner::DictFlavor,
        },
        Value::Set(s) if s.try_borrow().is_ok_and(|s| s.frozen) => Owner::FrozenSet,
        Value::Set(_) => Owner::Set,
        Value::Int(_) => Owner::Int,
        Value::Bool(_) => Owner::Bool,
        Value::Float(_) => Owner::Float,
        Value::None => Owner::NoneType,
        Value::Range(_) => Owner::Range,
        Value::Iterator(_) => Owner::Iterator,
        // `map`, `filter`, `zip`, `enumerate`.
        Value::Native(obj) if obj.as_any().is::<crate::python::types::lazy::Lazy>() => {
            Owner::Iterator
        }
        _ => return None,
    })
}

/// The owner of the special methods a built-in class offers unbound (`str.__len__`).
pub fn owner_of_type(b: BuiltinType) -> Option<Owner> {
    Some(match b {
        BuiltinType::Str => Owner::Str,
        BuiltinType::Bytes => Owner::Bytes,
        BuiltinType::List => Owner::List,
        BuiltinType::Tuple => Owner::Tuple,
        BuiltinType::Dict => Owner::Dict,
        BuiltinType::Set => Owner::Set,
        BuiltinType::FrozenSet => Owner::FrozenSet,
        BuiltinType::Int => Owner::Int,
        BuiltinType::Bool => Owner::Bool,
        BuiltinType::Float => Owner::Float,
        BuiltinType::NoneType => Owner::NoneType,
        BuiltinType::Range => Owner::Range,
        _ => return None,
    })
}

/// Whether `name` is spelled as a special name (`__x__`).
pub fn is_special(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// `object`'s special methods that the simulator runs on any value (`super().__eq__(o)`,
/// `object.__repr__(x)`).
pub const OBJECT_RUNS: &[&str] = &[
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__hash__",
    "__repr__",
    "__str__",
    "__format__",
];

/// Every object's slot wrappers that the simulator runs on built-in values.
const OBJECT_WRAPPERS: &[&str] = &[
    "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__", "__repr__", "__str__",
];

const INT_WRAPPERS: &[&str] = &[
    "__abs__",
    "__add__",
    "__and__",
    "__bool__",
    "__divmod__",
    "__float__",
    "__floordiv__",
    "__index__",
    "__int__",
    "__invert__",
    "__lshift__",
    "__mod__",
    "__mul__",
    "__neg__",
    "__or__",
    "__pos__",
    "__pow__",
    "__radd__",
    "__rand__",
    "__rdivmod__",
    "__rfloordiv__",
    "__rlshift__",
    "__rmod__",
    "__rmul__",
    "__ror__",
    "__rpow__",
    "__rrshift__",
    "__rshift__",
    "__rsub__",
    "__rtruediv__",
    "__rxor__",
    "__sub__",
    "__truediv__",
    "__xor__",
];

const FLOAT_WRAPPERS: &[&str] = &[
    "__abs__",
    "__add__",
    "__bool__",
    "__divmod__",
    "__float__",
    "__floordiv__",
    "__int__",
    "__mod__",
    "__mul__",
    "__neg__",
    "__pos__",
    "__pow__",
    "__radd__",
    "__rdivmod__",
    "__rfloordiv__",
    "__rmod__",
    "__rmul__",
    "__rpow__",
    "__rsub__",
    "__rtruediv__",
    "__sub__",
    "__truediv__",
];

const SET_WRAPPERS: &[&str] = &[
    "__and__", "__iter__", "__len__", "__or__", "__rand__", "__ror__", "__rsub__", "__rxor__",
    "__sub__", "__xor__",
];

/// The type's own slot wrappers and methods that the simulator runs (beyond every object's
/// `__eq__`, `__repr__`, … and `__format__`).
fn own(o: Owner) -> (&'static [&'static str], &'static [&'static str]) {
    match o {
        Owner::Str | Owner::Bytes => (
            &[
                "__add__",
                "__contains__",
                "__getitem__",
                "__iter__",
                "__len__",
                "__mod__",
                "__mul__",
                "__rmod__",
                "__rmul__",
            ],
            &[],
        ),
        Owner::List => (
            &[
                "__add__",
                "__contains__",
                "__delitem__",
                "__iadd__",
                "__imul__",
                "__iter__",
                "__len__",
                "__mul__",
                "__rmul__",
                "__setitem__",
            ],
            &["__getitem__", "__reversed__"],
        ),
        Owner::Tuple => (
            &[
                "__add__",
                "__contains__",
                "__getitem__",
                "__iter__",
                "__len__",
                "__mul__",
                "__rmul__",
            ],
            &[],
        ),
        Owner::Dict => (
            &[
                "__delitem__",
                "__ior__",
                "__iter__",
                "__len__",
                "__or__",
                "__ror__",
                "__setitem__",
            ],
            &["__contains__", "__getitem__", "__reversed__"],
        ),
        Owner::DictFlavor => (
            &["__delitem__", "__iter__", "__len__", "__setitem__"],
            &["__contains__", "__getitem__"],
        ),
        Owner::Set => (SET_WRAPPERS, &["__contains__"]),
        Owner::FrozenSet => (SET_WRAPPERS, &["__contains__"]),
        Owner::Int | Owner::Bool => (
            INT_WRAPPERS,
            &["__ceil__", "__floor__", "__round__", "__trunc__"],
        ),
        Owner::Float => (
            FLOAT_WRAPPERS,
            &["__ceil__", "__floor__", "__round__", "__trunc__"],
        ),
        Owner::NoneType => (&["__bool__"], &[]),
        Owner::Iterator => (&["__iter__", "__next__"], &[]),
        Owner::Range => (
            &[
                "__bool__",
                "__contains__",
                "__getitem__",
                "__iter__",
                "__len__",
            ],
            &["__reversed__"],
        ),
    }
}

/// The set's in-place operators (a frozenset has none).
const SET_INPLACE: &[&str] = &["__iand__", "__ior__", "__isub__", "__ixor__"];

/// Special names CPython's `dir()` lists for the type that the simulator does not run
/// (pickling, sizes, class hooks, the attribute machinery): refused by name.
fn refused(o: Owner, name: &str) -> bool {
    const EVERY_OBJECT: &[&str] = &[
        "__delattr__",
        "__dir__",
        "__doc__",
        "__getattribute__",
        "__getstate__",
        "__init__",
        "__init_subclass__",
        "__new__",
        "__reduce__",
        "__reduce_ex__",
        "__setattr__",
        "__sizeof__",
        "__subclasshook__",
    ];
    if EVERY_OBJECT.contains(&name) {
        return true;
    }
    match o {
        Owner::Str | Owner::Tuple | Owner::Int | Owner::Bool => name == "__getnewargs__",
        Owner::Bytes => matches!(name, "__getnewargs__" | "__bytes__"),
        Owner::Float => matches!(name, "__getnewargs__" | "__getformat__"),
        Owner::List | Owner::Dict | Owner::Set | Owner::FrozenSet => name == "__class_getitem__",
        // The collections' dicts have more special methods than a dict (a Counter's
        // operators, `__missing__`), and iterators differ by kind (`__length_hint__`,
        // `__setstate__`): any other special name is refused.
        Owner::DictFlavor | Owner::Iterator => true,
        Owner::NoneType | Owner::Range => false,
    }
}

/// What the type has under the special name `name`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Special {
    /// A special method the simulator runs.
    Runs(Provided),
    /// `__hash__ = None` (a list, a dict, a set).
    Unhashable,
    /// A special method CPython has that the simulator does not run.
    Refused,
    /// CPython's type has no attribute of this name.
    Missing,
}

/// What `o` has under the special name `name`.
pub fn lookup(o: Owner, name: &str) -> Special {
    if name == "__hash__"
        && matches!(
            o,
            Owner::List | Owner::Dict | Owner::DictFlavor | Owner::Set
        )
    {
        return Special::Unhashable;
    }
    let (wrappers, methods) = own(o);
    if wrappers.contains(&name)
        || (o == Owner::Set && SET_INPLACE.contains(&name))
        || (o != Owner::DictFlavor && OBJECT_WRAPPERS.contains(&name))
        || (o == Owner::DictFlavor && matches!(name, "__repr__" | "__str__"))
    {
        return Special::Runs(Provided::Wrapper);
    }
    if methods.contains(&name) || (name == "__format__" && o != Owner::DictFlavor) {
        return Special::Runs(Provided::Method);
    }
    if refused(o, name) {
        return Special::Refused;
    }
    Special::Missing
}

/// How a special method the simulator runs is provided, for reprs.
pub fn provided(v: &Value, name: &str) -> Option<Provided> {
    match lookup(owner(v)?, name) {
        Special::Runs(p) => Some(p),
        _ => None,
    }
}

/// How the class `b` provides `name` unbound, for reprs.
pub fn provided_by_type(b: BuiltinType, name: &str) -> Option<Provided> {
    match lookup(owner_of_type(b)?, name) {
        Special::Runs(p) => Some(p),
        _ => None,
    }
}

/// The type of a built-in method value where it is not `builtin_function_or_method`:
/// `method-wrapper` (`'a'.__len__`), `wrapper_descriptor` (`str.__len__`),
/// `method_descriptor` (`str.upper`, `dict.__getitem__`).
pub fn method_type_name(receiver: &Value, name: &str) -> Option<&'static str> {
    match receiver {
        Value::Type(crate::python::types::PyType::Builtin(b)) => match provided_by_type(*b, name) {
            Some(Provided::Wrapper) => Some("wrapper_descriptor"),
            Some(Provided::Method) => Some("method_descriptor"),
            None if crate::python::eval::attr::is_unbound_method(*b, name) => {
                Some("method_descriptor")
            }
            None => None,
        },
        Value::Instance(_) if name != "__format__" => Some("method-wrapper"),
        other if provided(other, name) == Some(Provided::Wrapper) => Some("method-wrapper"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_say_what_cpython_provides() {
        assert_eq!(
            lookup(Owner::Str, "__len__"),
            Special::Runs(Provided::Wrapper)
        );
        assert_eq!(
            lookup(Owner::Dict, "__getitem__"),
            Special::Runs(Provided::Method)
        );
        assert_eq!(lookup(Owner::List, "__hash__"), Special::Unhashable);
        assert_eq!(lookup(Owner::Str, "__bool__"), Special::Missing);
        assert_eq!(lookup(Owner::Str, "__sizeof__"), Special::Refused);
        assert_eq!(lookup(Owner::FrozenSet, "__ior__"), Special::Missing);
        assert_eq!(
            lookup(Owner::Set, "__ior__"),
            Special::Runs(Provided::Wrapper)
        );
        assert_eq!(lookup(Owner::Float, "__invert__"), Special::Missing);
        assert_eq!(Owner::Bool.defining("__ceil__"), "int");
        assert_eq!(Owner::List.defining("__format__"), "object");
    }
}
