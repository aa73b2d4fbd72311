//! Attribute access (`v.name`, `v.name = x`, `del v.name`) and method calls on built-in
//! values: the dispatch to each type's methods, and the methods of tuple, range, bytes, int,
//! float and timedelta.

use std::rc::Rc;

use crate::python::types::coroutine::Coroutine;
use crate::python::types::generator::Generator;

use crate::python::builtins::{
    decode_utf8, exactly_one, no_kwargs, take_kw, unexpected_kw, Kwargs,
};
use crate::python::eval::{exception_is, make_iter, Exec, ValueIter};
use crate::python::stdlib::utc_value;
use crate::python::syntax::ast::ParamKind;
use crate::python::types::datetime::{
    DATETIME_METHODS, DATETIME_UNIMPLEMENTED, DATE_METHODS, DATE_UNIMPLEMENTED,
};
use crate::python::types::datetime::{TIME_METHODS, TIME_UNIMPLEMENTED};
use crate::python::types::decimal::{DECIMAL_METHODS, DECIMAL_UNIMPLEMENTED};
use crate::python::types::dict::DICT_METHODS;
use crate::python::types::list::LIST_METHODS;
use crate::python::types::ops::{self, as_int, exc, type_error};
use crate::python::types::set::SET_METHODS;
use crate::python::types::special;
use crate::python::types::str::{char_range, STR_METHODS, STR_UNIMPLEMENTED};
use crate::python::types::{
    BoundMethod, BuiltinType, Date, DateTime, Dict, PyType, Set, Time, TimeDelta, Tz, Value,
};
use crate::python::{PyError, PyException};

pub(crate) const TUPLE_METHODS: &[&str] = &["count", "index"];
pub(crate) const BYTES_METHODS: &[&str] = &["decode", "hex", "count", "startswith", "endswith"];
pub(crate) const BYTES_UNIMPLEMENTED: &[&str] = &[
    "capitalize",
    "center",
    "expandtabs",
    "find",
    "fromhex",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdigit",
    "islower",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "maketrans",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
];
pub(crate) const INT_METHODS: &[&str] = &["bit_length", "bit_count", "conjugate", "is_integer"];
pub(crate) const INT_UNIMPLEMENTED: &[&str] = &["to_bytes", "from_bytes", "as_integer_ratio"];
pub(crate) const FLOAT_METHODS: &[&str] = &["is_integer", "conjugate"];
pub(crate) const FLOAT_UNIMPLEMENTED: &[&str] = &["as_integer_ratio", "hex", "fromhex"];

pub(crate) fn method_lists(v: &Value) -> (&'static [&'static str], &'static [&'static str]) {
    match v {
        Value::Str(_) => (STR_METHODS, STR_UNIMPLEMENTED),
        Value::List(_) => (LIST_METHODS, &[]),
        Value::Dict(d) => match crate::python::types::dict::flavor_of(d) {
            Some(f) => crate::python::stdlib::collections::method_lists(&f),
            None => (DICT_METHODS, &[]),
        },
        Value::Set(s) if s.try_borrow().is_ok_and(|s| s.frozen) => {
            (crate::python::types::set::FROZENSET_METHODS, &[])
        }
        Value::Set(_) => (SET_METHODS, &[]),
        Value::Tuple(_) => (TUPLE_METHODS, &[]),
        Value::Bytes(_) => (BYTES_METHODS, BYTES_UNIMPLEMENTED),
        Value::Int(_) | Value::Bool(_) => (INT_METHODS, INT_UNIMPLEMENTED),
        Value::Float(_) => (FLOAT_METHODS, FLOAT_UNIMPLEMENTED),
        Value::DateTime(_) => (DATETIME_METHODS, DATETIME_UNIMPLEMENTED),
        Value::Date(_) => (DATE_METHODS, DATE_UNIMPLEMENTED),
        Value::Time(_) => (TIME_METHODS, TIME_UNIMPLEMENTED),
        Value::TimeDelta(_) => (&["total_seconds"], &[]),
        Value::Decimal(_) => (DECIMAL_METHODS, DECIMAL_UNIMPLEMENTED),
        Value::Range(_) => (&["count", "index"], &[]),
        Value::DictView(..) => (&[], &["isdisjoint", "mapping"]),
        _ => (&[], &[]),
    }
}

/// A value of the built-in class `b`, to look up the methods its values have.
fn sample_of(b: BuiltinType) -> Option<Value> {
    match b {
        BuiltinType::Str => Some(Value::str("")),
        BuiltinType::List => Some(Value::list(Vec::new())),
        BuiltinType::Dict => Some(Value::dict(Dict::new())),
        BuiltinType::Set => Some(Value::set(Set::new())),
        BuiltinType::FrozenSet => Some(Value::set(Set::new().with_frozen(true))),
        BuiltinType::Tuple => Some(Value::tuple(Vec::new())),
        BuiltinType::Int => Some(Value::int(0)),
        _ => None,
    }
}

/// Whether `b.name` is a method of `b`'s values taken from the class (`str.upper`), not a
/// class method (`dict.fromkeys`).
pub(crate) fn is_unbound_method(b: BuiltinType, name: &str) -> bool {
    !(b == BuiltinType::Dict && name == "fromkeys")
        && sample_of(b).is_some_and(|v| method_lists(&v).0.contains(&name))
}

pub(crate) fn bound(receiver: &Value, name: &str) -> Value {
    Value::Method(Rc::new(BoundMethod {
        receiver: receiver.clone(),
        name: Rc::from(name),
    }))
}

pub(crate) fn unimplemented_method(v: &Value, name: &str) -> PyError {
    PyError::Unsupported {
        what: format!("the {} method '{name}'", v.type_name()),
        line: 0,
    }
}

/// Whether a built-in method reads every iterable argument to its end.
fn consumes_iterables(receiver: &Value, name: &str) -> bool {
    match receiver {
        Value::Str(_) | Value::Bytes(_) => name == "join",
        Value::List(_) => name == "extend",
        Value::Dict(_) => name == "update",
        Value::Set(_) => matches!(
            name,
            "update"
                | "union"
                | "intersection"
                | "difference"
                | "symmetric_difference"
                | "issubset"
                | "issuperset"
                | "isdisjoint"
                | "intersection_update"
                | "difference_update"
                | "symmetric_difference_update"
        ),
        Value::Type(_) => name == "fromkeys",
        _ => false,
    }
}

/// Whether CPython has the attribute `name` on `v`, as a way into the interpreter itself
/// (classes' hierarchy, functions' code and globals, every object's low-level hooks): the
/// simulator refuses it where it does not provide it, instead of an `AttributeError` CPython
/// would not raise.
fn internal(v: &Value, name: &str) -> bool {
    const EVERY_OBJECT: &[&str] = &[
        "__delattr__",
        "__dir__",
        "__doc__",
        "__eq__",
        "__format__",
        "__ge__",
        "__getattribute__",
        "__getstate__",
        "__gt__",
        "__hash__",
        "__init__",
        "__init_subclass__",
        "__le__",
        "__lt__",
        "__ne__",
        "__new__",
        "__reduce__",
        "__reduce_ex__",
        "__repr__",
        "__setattr__",
        "__sizeof__",
        "__str__",
        "__subclasshook__",
    ];
    const CLASSES: &[&str] = &[
        "__base__",
        "__bases__",
        "__basicsize__",
        "__dict__",
        "__dictoffset__",
        "__flags__",
        "__instancecheck__",
        "__itemsize__",
        "__mro__",
        "__prepare__",
        "__subclasscheck__",
        "__subclasses__",
        "__text_signature__",
        "__weakrefoffset__",
        "mro",
    ];
    const FUNCTIONS: &[&str] = &[
        "__builtins__",
        "__closure__",
        "__code__",
        "__defaults__",
        "__dict__",
        "__globals__",
        "__kwdefaults__",
    ];
    EVERY_OBJECT.contains(&name)
        || (matches!(v, Value::Type(_)) && CLASSES.contains(&name))
        || (matches!(v, Value::Function(_)) && FUNCTIONS.contains(&name))
        || (matches!(v, Value::Module(_)) && name == "__dict__")
}

pub(crate) fn attribute_error(v: &Value, name: &str) -> PyError {
    no_attribute(&v.error_type_name(), name, v)
}

/// `'T' object has no attribute 'name'`, with the `name` and `obj` CPython sets.
pub(crate) fn no_attribute(type_name: &str, name: &str, obj: &Value) -> PyError {
    PyError::Exception(
        PyException::attribute_error(type_name, name)
            .with_attrs(vec![("name", Value::str(name)), ("obj", obj.clone())]),
    )
}

pub(crate) fn s(v: &str) -> Value {
    Value::str(v)
}

impl Exec<'_> {
    /// `v.name`.
    pub(crate) fn get_attr(&mut self, v: &Value, name: &str) -> Result<Value, PyError> {
        match self.get_attr_of(v, name) {
            Err(PyError::Exception(e))
                if &*e.kind == "AttributeError"
                    && matches!(v, Value::Instance(_))
                    && special::OBJECT_RUNS.contains(&name) =>
            {
                // `obj.__eq__` where the class does not define it: `object`'s.
                Ok(bound(v, name))
            }
            Err(PyError::Exception(e)) if &*e.kind == "AttributeError" && internal(v, name) => {
                Err(PyError::Unsupported {
                    what: format!("the attribute '{name}' (the interpreter's internals)"),
                    line: 0,
                })
            }
            r => r,
        }
    }

    fn get_attr_of(&mut self, v: &Value, name: &str) -> Result<Value, PyError> {
        if name == "__class__" {
            return Ok(Value::Type(v.type_of()));
        }
        match v {
            Value::Instance(inst) => return self.instance_attr(v, inst, name),
            Value::Type(PyType::Class(c)) => return self.class_attr(c, name),
            Value::Wrapped(w) => return self.wrapped_attr(v, w, name),
            Value::Native(obj) => {
                if special::is_special(name) {
                    if let Some(r) = self.builtin_special_attr(v, name) {
                        return r;
                    }
                }
                if obj.has_method(name) {
                    return Ok(Value::NativeMethod(obj.clone(), Rc::from(name)));
                }
                if obj.unsupported_attr(name) {
                    return Err(PyError::Unsupported {
                        what: format!("the {} attribute '{name}'", obj.type_name()),
                        line: 0,
                    });
                }
                return Ok(obj.get_attr(name)?);
            }
            Value::Module(m) => {
                return m.get(name).ok_or_else(|| {
                    if self.it.unsimulated_name(&m.name, name) {
                        PyError::Unsupported {
                            what: format!("'{name}' from the module '{}'", m.name),
                            line: 0,
                        }
                    } else {
                        exc(
                            "AttributeError",
                            format!("module '{}' has no attribute '{name}'", m.name),
                        )
                    }
                })
            }
            Value::Exception(e) => {
                if let Some(instance) = e.instance() {
                    // What its methods set, then what its class body defines.
                    if let Some(x) = instance.get(name) {
                        return Ok(x);
                    }
                    if let Some((x, owner)) = instance.class.lookup(name) {
                        return self.bind_attr(x, v, &owner);
                    }
                }
                if let Some(x) = e.own_attr(name) {
                    return Ok(x);
                }
                return match name {
                    "args" => Ok(Value::tuple(e.args.clone())),
                    "__dict__" => {
                        let mut d = Dict::new();
                        let attrs = match e.instance() {
                            Some(i) => i.attrs.borrow().clone(),
                            None => e.own_attrs(),
                        };
                        for (k, x) in attrs {
                            d.insert(Value::Str(k), x)?;
                        }
                        Ok(Value::dict(d))
                    }
                    "value" if &*e.kind == "StopIteration" => {
                        Ok(e.args.first().cloned().unwrap_or(Value::None))
                    }
                    // `SystemExit(3).code`: the one argument, None for none, else all of them.
                    "code" if exception_is(&self.it.exceptions, &e.kind, "SystemExit") => {
                        Ok(match e.args.len() {
                            0 => Value::None,
                            1 => e.args[0].clone(),
                            _ => Value::tuple(e.args.clone()),
                        })
                    }
                    "__cause__" | "__context__" | "__suppress_context__" => {
                        Ok(e.chained_attr(name))
                    }
                    "with_traceback" | "add_note" | "__traceback__" => Err(PyError::Unsupported {
                        what: format!("exception attribute '{name}'"),
                        line: 0,
                    }),
                    _ => match e.attr(name) {
                        Some(a) => Ok(a),
                        // CPython sets these where it raises the error; the places here that
                        // raise one without them say so rather than give a wrong None.
                        None if (name == "name"
                            && (exception_is(&self.it.exceptions, &e.kind, "AttributeError")
                                || exception_is(&self.it.exceptions, &e.kind, "NameError")))
                            || (name == "obj"
                                && exception_is(
                                    &self.it.exceptions,
                                    &e.kind,
                                    "AttributeError",
                                )) =>
                        {
                            Err(PyError::Unsupported {
                                what: format!("the attribute '{name}' of this {}", e.kind),
                                line: 0,
                            })
                        }
                        None => Err(attribute_error(v, name)),
                    },
                };
            }
            Value::Function(f) => {
                if let Some(v) = f.attr(name) {
                    return Ok(v);
                }
                return match name {
                    "__name__" => Ok(Value::Str(f.name.clone())),
                    "__qualname__" => Ok(s(&f.qualname())),
                    "__doc__" => Ok(f.def.doc.clone().map(Value::Str).unwrap_or(Value::None)),
                    "__module__" => Ok(Value::Str(f.module.clone())),
                    "__annotations__" => {
                        // Made empty on first reading, then kept (as CPython).
                        let d = Value::dict(Dict::new());
                        f.set_attr(name, d.clone());
                        Ok(d)
                    }
                    "__dict__" => {
                        let mut d = Dict::new();
                        for (k, v) in f.attrs.borrow().iter() {
                            if !matches!(
                                &**k,
                                "__name__"
                                    | "__qualname__"
                                    | "__doc__"
                                    | "__module__"
                                    | "__annotations__"
                            ) {
                                d.insert(Value::Str(k.clone()), v.clone())?;
                            }
                        }
                        Ok(Value::dict(d))
                    }
                    "__defaults__" => {
                        let pos: Vec<Value> = f
                            .def
                            .params
                            .iter()
                            .zip(f.defaults.iter())
                            .filter(|(p, _)| {
                                matches!(p.kind, ParamKind::PositionalOnly | ParamKind::Normal)
                            })
                            .filter_map(|(_, d)| d.clone())
                            .collect();
                        Ok(if pos.is_empty() {
                            Value::None
                        } else {
                            Value::tuple(pos)
                        })
                    }
                    _ if name.starts_with("__") && name.ends_with("__") => {
                        Err(PyError::Unsupported {
                            what: format!("the function attribute '{name}'"),
                            line: 0,
                        })
                    }
                    _ => Err(no_attribute("function", name, v)),
                };
            }
            Value::Dict(d) if name == "default_factory" => {
                if let Some(f) = crate::python::types::dict::flavor_of(d) {
                    if let crate::python::types::Flavor::DefaultDict(factory) = &*f {
                        return Ok(factory.clone());
                    }
                }
            }
            Value::Builtin(b) if name == "__name__" => return Ok(s(b.name())),
            Value::Method(m) if name == "__name__" => return Ok(Value::Str(m.name.clone())),
            Value::NativeFunction(f) if name == "__name__" => {
                return Ok(Value::Str(f.name.clone()))
            }
            Value::Type(t) => return self.type_attr(v, t, name),
            Value::DateTime(d) => {
                let n = match name {
                    "year" => Some(d.year as i64),
                    "month" => Some(d.month as i64),
                    "day" => Some(d.day as i64),
                    "hour" => Some(d.hour as i64),
                    "minute" => Some(d.minute as i64),
                    "second" => Some(d.second as i64),
                    "microsecond" => Some(d.microsecond as i64),
                    "fold" => Some(0),
                    "tzinfo" => return Ok(crate::python::stdlib::tz_or_none(d.tz)),
                    _ => None,
                };
                if let Some(n) = n {
                    return Ok(Value::int(n));
                }
            }
            Value::Time(t) => {
                let n = match name {
                    "hour" => Some(t.hour as i64),
                    "minute" => Some(t.minute as i64),
                    "second" => Some(t.second as i64),
                    "microsecond" => Some(t.microsecond as i64),
                    "fold" => Some(0),
                    "tzinfo" => return Ok(crate::python::stdlib::tz_or_none(t.tz)),
                    _ => None,
                };
                if let Some(n) = n {
                    return Ok(Value::int(n));
                }
            }
            Value::Date(d) => {
                let n = match name {
                    "year" => Some(d.year as i64),
                    "month" => Some(d.month as i64),
                    "day" => Some(d.day as i64),
                    _ => None,
                };
                if let Some(n) = n {
                    return Ok(Value::int(n));
                }
            }
            Value::TimeDelta(d) => {
                let n = match name {
                    "days" => Some(d.days),
                    "seconds" => Some(d.seconds),
                    "microseconds" => Some(d.microseconds),
                    _ => None,
                };
                if let Some(n) = n {
                    return Ok(Value::int(n));
                }
            }
            Value::Int(_) | Value::Bool(_) => match name {
                "real" | "numerator" => return Ok(Value::Int(as_int(v).unwrap_or_default())),
                "imag" => return Ok(Value::int(0)),
                "denominator" => return Ok(Value::int(1)),
                _ => {}
            },
            Value::Float(f) => match name {
                "real" => return Ok(Value::Float(*f)),
                "imag" => return Ok(Value::Float(0.0)),
                _ => {}
            },
            Value::Range(r) => match name {
                "start" => return Ok(Value::Int(r.start.clone())),
                "stop" => return Ok(Value::Int(r.stop.clone())),
                "step" => return Ok(Value::Int(r.step.clone())),
                _ => {}
            },
            _ => {}
        }
        if special::is_special(name) {
            if let Some(r) = self.builtin_special_attr(v, name) {
                return r;
            }
        }
        let (implemented, unimplemented) = method_lists(v);
        if implemented.contains(&name) {
            return Ok(bound(v, name));
        }
        if unimplemented.contains(&name) {
            return Err(unimplemented_method(v, name));
        }
        Err(attribute_error(v, name))
    }

    pub(crate) fn type_attr(
        &mut self,
        v: &Value,
        t: &PyType,
        name: &str,
    ) -> Result<Value, PyError> {
        match name {
            "__name__" | "__qualname__" => return Ok(s(t.name())),
            "__module__" => {
                let q = t.qualified_name();
                return Ok(s(match q.rsplit_once('.') {
                    Some((m, _)) => m,
                    None => "builtins",
                }));
            }
            _ => {}
        }
        if let PyType::Exception(kind) = t {
            // What the class body of an exception class (or of its nearest ancestor with
            // one) defines.
            if let Some(body) = crate::python::eval::exception_body(self.it, kind) {
                if body.lookup(name).is_some() {
                    return self.class_attr(&body, name);
                }
            }
        }
        let no_attr = || {
            exc(
                "AttributeError",
                format!(
                    "type object '{}' has no attribute '{name}'",
                    t.qualified_name()
                ),
            )
        };
        if let PyType::Other {
            native: Some(class),
            ..
        } = t
        {
            // A class written in Python: the message names it by `__name__`.
            return class.attr(name).ok_or_else(|| {
                exc(
                    "AttributeError",
                    format!("type object '{}' has no attribute '{name}'", class.name),
                )
            });
        }
        let PyType::Builtin(b) = t else {
            if let PyType::Other { qualified, .. } = t {
                if let Some(v) = crate::python::stdlib::class_attr(qualified, name) {
                    return Ok(v);
                }
            }
            return Err(no_attr());
        };
        let class_methods: &[&str] = match b {
            BuiltinType::DateTime => &[
                "now",
                "utcnow",
                "today",
                "fromisoformat",
                "fromtimestamp",
                "utcfromtimestamp",
                "strptime",
                "combine",
            ],
            BuiltinType::Time => &["fromisoformat"],
            BuiltinType::Date => &["today", "fromisoformat", "fromtimestamp"],
            BuiltinType::Dict => &["fromkeys"],
            _ => &[],
        };
        if class_methods.contains(&name) {
            return Ok(bound(v, name));
        }
        match (b, name) {
            (BuiltinType::Date | BuiltinType::DateTime, "fromordinal" | "fromisocalendar") => {
                return Err(PyError::Unsupported {
                    what: format!("the {} class method '{name}'", t.qualified_name()),
                    line: 0,
                })
            }
            (BuiltinType::TimeZone, "utc") => return Ok(utc_value()),
            (BuiltinType::TimeZone, "min" | "max") => {
                let micros = 86_400_000_000 - 60_000_000;
                let micros = if name == "min" { -micros } else { micros };
                return Ok(crate::python::stdlib::zone_value(Tz::from_offset(micros)?));
            }
            (BuiltinType::Time, "min") => return Ok(Value::Time(Time::new(0, 0, 0, 0, None)?)),
            (BuiltinType::Time, "max") => {
                return Ok(Value::Time(Time::new(23, 59, 59, 999_999, None)?))
            }
            (BuiltinType::Time, "resolution") | (BuiltinType::DateTime, "resolution") => {
                return Ok(Value::TimeDelta(TimeDelta::new(0, 0, 1)?))
            }
            (BuiltinType::DateTime, "min") => {
                return Ok(Value::DateTime(DateTime::new(1, 1, 1, 0, 0, 0, 0, false)?))
            }
            (BuiltinType::DateTime, "max") => {
                return Ok(Value::DateTime(DateTime::new(
                    9999, 12, 31, 23, 59, 59, 999_999, false,
                )?))
            }
            (BuiltinType::Date, "min") => return Ok(Value::Date(Date::new(1, 1, 1)?)),
            (BuiltinType::Date, "max") => return Ok(Value::Date(Date::new(9999, 12, 31)?)),
            _ => {}
        }
        // Unbound methods: `str.upper`, `list.append`.
        let sample = sample_of(*b);
        if *b == BuiltinType::Object && special::OBJECT_RUNS.contains(&name) {
            return Ok(bound(v, name));
        }
        if *b == BuiltinType::Object && name == "__new__" {
            return Ok(super::class::object_new());
        }
        if special::is_special(name) {
            if let Some(o) = special::owner_of_type(*b) {
                match special::lookup(o, name) {
                    special::Special::Runs(_) => return Ok(bound(v, name)),
                    special::Special::Unhashable => return Ok(Value::None),
                    special::Special::Refused => {
                        return Err(PyError::Unsupported {
                            what: format!("the {} attribute '{name}'", o.name()),
                            line: 0,
                        })
                    }
                    special::Special::Missing => {}
                }
            }
        }
        if let Some(sample) = sample {
            let (implemented, unimplemented) = method_lists(&sample);
            if implemented.contains(&name) {
                return Ok(bound(v, name));
            }
            if unimplemented.contains(&name) {
                return Err(unimplemented_method(&sample, name));
            }
        }
        Err(no_attr())
    }

    /// `v.name = value`.
    pub(crate) fn set_attr(&mut self, v: &Value, name: &str, value: Value) -> Result<(), PyError> {
        match v {
            Value::Native(obj) => Ok(obj.set_attr(name, value)?),
            Value::Instance(inst) => self.set_instance_attr(inst, v, name, value),
            Value::Type(PyType::Class(c)) => {
                if name.starts_with("__") && name.ends_with("__") {
                    return Err(PyError::Unsupported {
                        what: format!("setting the class attribute '{name}'"),
                        line: 0,
                    });
                }
                c.set(name, value);
                Ok(())
            }
            Value::Type(PyType::Exception(kind))
                if self.it.exception_bodies.contains_key(kind)
                    && !(name.starts_with("__") && name.ends_with("__")) =>
            {
                if let Some(body) = self.it.exception_bodies.get(kind) {
                    body.set(name, value);
                }
                Ok(())
            }
            Value::Function(f) => {
                match name {
                    "__name__" | "__qualname__" if !matches!(value, Value::Str(_)) => {
                        return Err(type_error(format!("{name} must be set to a string object")))
                    }
                    "__code__" | "__globals__" | "__closure__" | "__dict__" | "__defaults__"
                    | "__kwdefaults__" => {
                        return Err(PyError::Unsupported {
                            what: format!("setting the function attribute '{name}'"),
                            line: 0,
                        })
                    }
                    _ => {}
                }
                f.set_attr(name, value);
                Ok(())
            }
            Value::Dict(d) if name == "default_factory" => {
                let mut d = d.borrow_mut();
                if let Some(crate::python::types::Flavor::DefaultDict(_)) = d.flavor.as_deref() {
                    d.flavor = Some(Rc::new(crate::python::types::Flavor::DefaultDict(value)));
                    return Ok(());
                }
                drop(d);
                Err(self.read_only(v, name))
            }
            Value::Exception(e)
                if matches!(name, "__cause__" | "__context__" | "__suppress_context__") =>
            {
                let ok = match name {
                    "__suppress_context__" => matches!(value, Value::Bool(_)),
                    _ => matches!(value, Value::None | Value::Exception(_)),
                };
                if !ok {
                    return Err(type_error(match name {
                        "__cause__" => "exception cause must be None or derive from BaseException",
                        "__context__" => {
                            "exception context must be None or derive from BaseException"
                        }
                        _ => "attribute value type must be bool",
                    }));
                }
                e.set_chained(name, value);
                Ok(())
            }
            // An exception whose class has a body keeps attributes in its instance; `args`
            // only through `super().__init__` while it is made.
            Value::Exception(e) if e.instance().is_some() && name != "args" => {
                if let Some(instance) = e.instance() {
                    instance.set(name, value);
                }
                Ok(())
            }
            // Any other attribute of a built-in exception goes in its own `__dict__`.
            Value::Exception(e)
                if name != "args"
                    && !name.starts_with("__")
                    && e.set_own_attr(name, value.clone()) =>
            {
                Ok(())
            }
            Value::Module(_) | Value::Type(_) | Value::Exception(_) => Err(PyError::Unsupported {
                what: format!("setting attributes on a {}", v.type_name()),
                line: 0,
            }),
            _ => Err(self.read_only(v, name)),
        }
    }

    /// `del v.name`.
    pub(crate) fn del_attr(&mut self, v: &Value, name: &str) -> Result<(), PyError> {
        match v {
            Value::Native(obj) => Ok(obj.del_attr(name)?),
            Value::Instance(inst) => {
                if let Some(e) =
                    crate::python::stdlib::dataclasses::frozen_error(&inst.class, name, true)
                {
                    return Err(e);
                }
                if let Some((Value::Wrapped(w), _)) = inst.class.lookup(name) {
                    if let crate::python::types::Wrapped::Property { fdel, .. } = &*w {
                        let Some(f) = fdel.clone() else {
                            return Err(exc(
                                "AttributeError",
                                format!(
                                    "property '{name}' of '{}' object has no deleter",
                                    inst.class.name
                                ),
                            ));
                        };
                        self.call_value(&f, vec![v.clone()], Vec::new())?;
                        return Ok(());
                    }
                }
                if inst.remove(name) {
                    Ok(())
                } else {
                    Err(exc(
                        "AttributeError",
                        format!("'{}' object has no attribute '{name}'", inst.class.name),
                    ))
                }
            }
            Value::Exception(e) if e.instance().is_none() && !name.starts_with("__") => {
                if e.del_own_attr(name) {
                    Ok(())
                } else if name == "args" || e.attr(name).is_some() {
                    Err(PyError::Unsupported {
                        what: format!("deleting the attribute '{name}' of a {}", e.kind),
                        line: 0,
                    })
                } else {
                    Err(attribute_error(v, name))
                }
            }
            Value::Function(_) | Value::Module(_) | Value::Type(_) | Value::Exception(_) => {
                Err(PyError::Unsupported {
                    what: format!("deleting attributes of a {}", v.type_name()),
                    line: 0,
                })
            }
            _ => Err(self.read_only(v, name)),
        }
    }

    pub(crate) fn read_only(&mut self, v: &Value, name: &str) -> PyError {
        match v {
            Value::DateTime(_) | Value::Date(_) | Value::Time(_)
                if match v {
                    Value::Date(_) => matches!(name, "year" | "month" | "day"),
                    Value::Time(_) => matches!(
                        name,
                        "hour" | "minute" | "second" | "microsecond" | "tzinfo" | "fold"
                    ),
                    _ => matches!(
                        name,
                        "year"
                            | "month"
                            | "day"
                            | "hour"
                            | "minute"
                            | "second"
                            | "microsecond"
                            | "tzinfo"
                            | "fold"
                    ),
                } =>
            {
                let owner = if matches!(name, "year" | "month" | "day") {
                    "datetime.date"
                } else if matches!(v, Value::Time(_)) {
                    "datetime.time"
                } else {
                    "datetime.datetime"
                };
                return exc(
                    "AttributeError",
                    format!("attribute '{name}' of '{owner}' objects is not writable"),
                );
            }
            _ => {}
        }
        let (implemented, unimplemented) = method_lists(v);
        if implemented.contains(&name) || unimplemented.contains(&name) {
            exc(
                "AttributeError",
                format!(
                    "'{}' object attribute '{name}' is read-only",
                    v.error_type_name()
                ),
            )
        } else {
            attribute_error(v, name)
        }
    }

    /// Calls a method of a built-in value (or class).
    pub(crate) fn call_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let args = if consumes_iterables(receiver, name)
            && args
                .iter()
                .any(|a| matches!(make_iter(a), Ok(ValueIter::Gen(_))))
        {
            // These methods read their iterable arguments to the end, so a generator can be
            // run to its end first (the same calls, in the same order, as CPython makes).
            let mut out = Vec::with_capacity(args.len());
            for a in args {
                out.push(match make_iter(&a) {
                    Ok(ValueIter::Gen(_)) => Value::list(self.snapshot(&a)?),
                    _ => a,
                });
            }
            out
        } else {
            args
        };
        if special::is_special(name) {
            if let Some(provided) = special::provided(receiver, name) {
                return self.call_builtin_special(receiver, name, provided, args, kwargs);
            }
            if let Value::Instance(_) = receiver {
                // `object`'s method, reached through `super()` or on an instance whose
                // class does not define it.
                return self.object_special(receiver, name, args, kwargs);
            }
        }
        match receiver {
            Value::Str(text) => self.str_method(text, name, args, kwargs),
            Value::List(_) => self.list_method(receiver, name, args, kwargs),
            Value::Dict(d) => match crate::python::types::dict::flavor_of(d) {
                Some(f) => crate::python::stdlib::collections::dict_method(
                    self, receiver, &f, name, args, kwargs,
                ),
                None => self.dict_method(receiver, name, args, kwargs),
            },
            Value::Set(_) => self.set_method(receiver, name, args, kwargs),
            Value::Type(t) => self.class_method(t, name, args, kwargs),
            Value::Native(obj) => {
                if let Some(c) = obj.as_any().downcast_ref::<Coroutine>() {
                    return self.coroutine_method(c, name, args, kwargs);
                }
                if let Some(g) = obj.as_any().downcast_ref::<Generator>() {
                    return self.generator_method(obj, g, name, args, kwargs);
                }
                if crate::python::stdlib::has_methods(&**obj) {
                    return crate::python::stdlib::call_native_method(
                        self, obj, name, args, kwargs,
                    )
                    .unwrap_or_else(|| Err(attribute_error(receiver, name)));
                }
                Ok(obj.call_method(name, args, kwargs)?)
            }
            _ => self.other_method(receiver, name, args, kwargs),
        }
    }

    pub(crate) fn other_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let type_name = receiver.error_type_name();
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            if !args.is_empty() {
                return Err(type_error(format!(
                    "{type_name}.{name}() takes no arguments ({} given)",
                    args.len()
                )));
            }
            Ok(())
        };
        match receiver {
            Value::Tuple(t) => self.charge(t.len())?,
            Value::Bytes(b) => self.charge_text(b.len())?,
            _ => {}
        }
        match (receiver, name) {
            (Value::Tuple(t), "count" | "index") => {
                no_kwargs(name, &kwargs)?;
                if args.is_empty() {
                    return Err(type_error(format!(
                        "{name} expected at least 1 argument, got 0"
                    )));
                }
                if name == "count" {
                    if args.len() != 1 {
                        return Err(type_error(format!(
                            "tuple.count() takes exactly one argument ({} given)",
                            args.len()
                        )));
                    }
                    let items = t.to_vec();
                    return Ok(Value::int(self.count_through_eq(&items, &args[0])? as i64));
                }
                let (a, b) = char_range(&args[1..], t.len())?;
                let cell = std::cell::RefCell::new(t.to_vec());
                return match self.position_through_eq(&cell, &args[0], a, b)? {
                    Some(p) => Ok(Value::int(p as i64)),
                    None => Err(exc("ValueError", "tuple.index(x): x not in tuple")),
                };
            }
            (Value::Range(r), "count" | "index") => {
                exactly_one(name, &args)?;
                let inside = ops::contains(receiver, &args[0])?;
                if name == "count" {
                    return Ok(Value::int(inside as i64));
                }
                if !inside {
                    return Err(exc(
                        "ValueError",
                        match &args[0] {
                            Value::Int(_) | Value::Bool(_) => format!(
                                "{} is not in range",
                                crate::python::text::repr::repr(&args[0])
                            ),
                            // Not an int: CPython searches item by item.
                            _ => "sequence.index(x): x not in sequence".to_string(),
                        },
                    ));
                }
                let n = match &args[0] {
                    Value::Float(f) => num_traits::FromPrimitive::from_f64(*f).unwrap_or_default(),
                    other => as_int(other).unwrap_or_default(),
                };
                return Ok(Value::Int((n - &r.start) / &r.step));
            }
            (Value::Bytes(b), _) => {
                return match name {
                    "decode" => {
                        let enc = take_kw(&mut kwargs, "encoding");
                        let _ = take_kw(&mut kwargs, "errors");
                        unexpected_kw("decode", &kwargs)?;
                        let enc = args.first().cloned().or(enc);
                        match enc
                            .as_ref()
                            .and_then(|e| e.as_str().map(|x| x.to_ascii_lowercase()))
                        {
                            None => {}
                            Some(e) if matches!(e.as_str(), "utf-8" | "utf8" | "ascii") => {}
                            Some(e) => {
                                return Err(PyError::Unsupported {
                                    what: format!("the '{e}' encoding"),
                                    line: 0,
                                })
                            }
                        }
                        Ok(s(&decode_utf8(b)?))
                    }
                    "hex" => {
                        no_args(&args, &kwargs)?;
                        Ok(s(&b.iter().map(|x| format!("{x:02x}")).collect::<String>()))
                    }
                    "count" | "startswith" | "endswith" => {
                        no_kwargs(name, &kwargs)?;
                        exactly_one(name, &args)?;
                        let Value::Bytes(sub) = &args[0] else {
                            return Err(type_error(format!(
                                "a bytes-like object is required, not '{}'",
                                args[0].error_type_name()
                            )));
                        };
                        Ok(match name {
                            "startswith" => Value::Bool(b.starts_with(sub)),
                            "endswith" => Value::Bool(b.ends_with(sub)),
                            _ => {
                                if sub.is_empty() {
                                    Value::int(b.len() as i64 + 1)
                                } else {
                                    Value::int(memchr::memmem::find_iter(b, &sub[..]).count() as i64)
                                }
                            }
                        })
                    }
                    _ => Err(attribute_error(receiver, name)),
                };
            }
            (Value::Int(_) | Value::Bool(_), _) => {
                no_args(&args, &kwargs)?;
                let n = as_int(receiver).unwrap_or_default();
                return Ok(match name {
                    "bit_length" => Value::int(n.bits() as i64),
                    "bit_count" => Value::int(
                        n.magnitude()
                            .to_u64_digits()
                            .iter()
                            .map(|d| d.count_ones() as i64)
                            .sum(),
                    ),
                    "conjugate" => Value::Int(n),
                    "is_integer" => Value::Bool(true),
                    _ => return Err(attribute_error(receiver, name)),
                });
            }
            (Value::Float(f), _) => {
                no_args(&args, &kwargs)?;
                return Ok(match name {
                    "is_integer" => Value::Bool(f.is_finite() && f.fract() == 0.0),
                    "conjugate" => Value::Float(*f),
                    _ => return Err(attribute_error(receiver, name)),
                });
            }
            (Value::TimeDelta(d), "total_seconds") => {
                no_args(&args, &kwargs)?;
                return Ok(Value::Float(d.total_seconds()));
            }
            (Value::DateTime(d), _) => return self.datetime_method(d, name, args, kwargs),
            (Value::Date(d), _) => return self.date_method(d, name, args, kwargs),
            (Value::Time(t), _) => return self.time_method(t, name, args, kwargs),
            (Value::Decimal(d), _) => return self.decimal_method(d, name, args, kwargs),
            _ => {}
        }
        Err(attribute_error(receiver, name))
    }
}
