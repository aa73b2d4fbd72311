//! Special methods of built-in values called by name (`'ab'.__len__()`, `(1).__add__(x)`,
//! `dict.__getitem__(d, k)`), as CPython 3.11 runs them: each does what its operator or
//! built-in does, an operand of a type the method does not handle gives `NotImplemented`
//! (or the sequence's own `TypeError`), and the argument errors are the slot wrapper's or
//! the method's. Which names a type has is in `types::special`.

use crate::python::builtins::Kwargs;
use crate::python::eval::Exec;
use crate::python::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::python::types::ops::{self, as_int, type_error};
use crate::python::types::special::{lookup, owner, Owner, Provided, Special};
use crate::python::types::{Builtin, BuiltinType, PyType, Value};
use crate::python::PyError;

/// The binary operator a special name stands for, and whether it is the reflected form.
fn binary_of(name: &str) -> Option<(BinOp, bool)> {
    let base = name.strip_prefix("__")?.strip_suffix("__")?;
    let (reflected, base) = match base.strip_prefix('r') {
        // `__rshift__` is not a reflected `__shift__`, `__rrshift__` is a reflected shift.
        Some(rest) if base != "rshift" => (true, rest),
        _ => (false, base),
    };
    let op = match base {
        "add" => BinOp::Add,
        "sub" => BinOp::Sub,
        "mul" => BinOp::Mul,
        "truediv" => BinOp::Div,
        "floordiv" => BinOp::FloorDiv,
        "mod" => BinOp::Mod,
        "pow" => BinOp::Pow,
        "lshift" => BinOp::LShift,
        "rshift" => BinOp::RShift,
        "and" => BinOp::BitAnd,
        "or" => BinOp::BitOr,
        "xor" => BinOp::BitXor,
        _ => return None,
    };
    Some((op, reflected))
}

fn compare_of(name: &str) -> Option<CmpOp> {
    Some(match name {
        "__eq__" => CmpOp::Eq,
        "__ne__" => CmpOp::NotEq,
        "__lt__" => CmpOp::Lt,
        "__le__" => CmpOp::LtE,
        "__gt__" => CmpOp::Gt,
        "__ge__" => CmpOp::GtE,
        _ => return None,
    })
}

/// How many positional arguments the special method takes: (at least, at most).
fn arity(name: &str) -> (usize, usize) {
    match name {
        "__len__" | "__iter__" | "__repr__" | "__str__" | "__hash__" | "__bool__" | "__neg__"
        | "__pos__" | "__abs__" | "__invert__" | "__int__" | "__float__" | "__index__"
        | "__reversed__" | "__ceil__" | "__floor__" | "__trunc__" | "__next__" => (0, 0),
        "__setitem__" => (2, 2),
        "__pow__" | "__rpow__" => (1, 2),
        "__round__" => (0, 1),
        _ => (1, 1),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// CPython's error for a call with the wrong arguments.
fn check_arguments(
    o: Owner,
    name: &str,
    provided: Provided,
    args: &[Value],
    kwargs: &Kwargs,
) -> Result<(), PyError> {
    let qual = format!("{}.{name}", o.defining(name));
    if !kwargs.is_empty() {
        return Err(type_error(match provided {
            Provided::Wrapper => format!("wrapper {name}() takes no keyword arguments"),
            Provided::Method => format!("{qual}() takes no keyword arguments"),
        }));
    }
    let (least, most) = arity(name);
    let n = args.len();
    if (least..=most).contains(&n) {
        return Ok(());
    }
    Err(type_error(match (provided, least, most) {
        (Provided::Method, 0, 0) => format!("{qual}() takes no arguments ({n} given)"),
        (Provided::Method, 1, 1) => format!("{qual}() takes exactly one argument ({n} given)"),
        (Provided::Method, _, _) => format!(
            "{name} expected at most {most} argument{}, got {n}",
            plural(most)
        ),
        // These unpack their arguments under an empty name, hence the leading space.
        (Provided::Wrapper, 1, 2) if n < 1 => " expected at least 1 argument, got 0".to_string(),
        (Provided::Wrapper, 1, 2) => format!(" expected at most 2 arguments, got {n}"),
        (Provided::Wrapper, 2, 2) => format!(" expected 2 arguments, got {n}"),
        (Provided::Wrapper, _, _) => format!("expected {least} argument{}, got {n}", plural(least)),
    }))
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_))
}

fn not_an_index(v: &Value) -> PyError {
    type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.error_type_name()
    ))
}

/// Whether the number method of `o` takes `other` (an int takes ints; a float takes ints and
/// floats). Anything else gives `NotImplemented`.
fn number_takes(o: Owner, other: &Value) -> bool {
    match o {
        Owner::Float => is_int(other) || matches!(other, Value::Float(_)),
        _ => is_int(other),
    }
}

/// Whether the rich comparison of `v` (of `o`) compares with `other` (else `NotImplemented`).
fn compares_with(o: Owner, v: &Value, op: CmpOp, other: &Value) -> bool {
    let equality = matches!(op, CmpOp::Eq | CmpOp::NotEq);
    match o {
        Owner::Int | Owner::Bool | Owner::Float => number_takes(o, other),
        Owner::Str => matches!(other, Value::Str(_)),
        Owner::Bytes => matches!(other, Value::Bytes(_)),
        Owner::List => matches!(other, Value::List(_)),
        Owner::Tuple => matches!(other, Value::Tuple(_)),
        Owner::Set | Owner::FrozenSet => matches!(other, Value::Set(_)),
        Owner::Dict | Owner::DictFlavor => equality && matches!(other, Value::Dict(_)),
        Owner::Range => equality && matches!(other, Value::Range(_)),
        // `object`'s comparison: equality of the same object, else `NotImplemented`.
        Owner::NoneType | Owner::Iterator => equality && v.identity_eq(other),
    }
}

impl Exec<'_> {
    /// `v.name` for a special name on a built-in value that has special methods here:
    /// the bound method, `None` for the `__hash__` of an unhashable type, a refusal for a
    /// method the simulator does not run; `None` when CPython has no such attribute.
    pub(crate) fn builtin_special_attr(
        &mut self,
        v: &Value,
        name: &str,
    ) -> Option<Result<Value, PyError>> {
        let o = owner(v)?;
        match lookup(o, name) {
            Special::Runs(_) => Some(Ok(crate::python::eval::attr::bound(v, name))),
            Special::Unhashable => Some(Ok(Value::None)),
            Special::Refused => Some(Err(PyError::Unsupported {
                what: format!("the {} attribute '{name}'", v.type_name()),
                line: 0,
            })),
            Special::Missing => None,
        }
    }

    /// Calls the special method `name` of the built-in value `v`, which its type provides
    /// as `provided` ([`crate::python::types::special::provided`]).
    pub(crate) fn call_builtin_special(
        &mut self,
        v: &Value,
        name: &str,
        provided: Provided,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let Some(o) = owner(v) else {
            return Err(crate::python::eval::attr::attribute_error(v, name));
        };
        check_arguments(o, name, provided, &args, &kwargs)?;
        self.run_special(o, v, name, args)
    }

    fn run_special(
        &mut self,
        o: Owner,
        v: &Value,
        name: &str,
        mut args: Vec<Value>,
    ) -> Result<Value, PyError> {
        let none = Kwargs::new;
        let number = matches!(o, Owner::Int | Owner::Bool | Owner::Float);
        if let Some(op) = compare_of(name) {
            let other = &args[0];
            if !compares_with(o, v, op, other) {
                return Ok(ops::not_implemented());
            }
            return Ok(Value::Bool(self.compare_values(op, v, other)?));
        }
        if let Some((op, reflected)) = binary_of(name) {
            let other = args[0].clone();
            if number {
                if !number_takes(o, &other) {
                    return Ok(ops::not_implemented());
                }
                if op == BinOp::Pow && args.len() == 2 {
                    let (base, exp) = if reflected {
                        (other, v.clone())
                    } else {
                        (v.clone(), other)
                    };
                    let m = args.pop().unwrap_or(Value::None);
                    return self.call_builtin(Builtin::Pow, vec![base, exp, m], none());
                }
            } else {
                match (o, op) {
                    (Owner::Str | Owner::List | Owner::Tuple | Owner::Bytes, BinOp::Mul)
                        if !is_int(&other) =>
                    {
                        return Err(not_an_index(&other));
                    }
                    (Owner::Str | Owner::List | Owner::Tuple, BinOp::Add)
                        if std::mem::discriminant(&other) != std::mem::discriminant(v) =>
                    {
                        return Err(type_error(format!(
                            "can only concatenate {0} (not \"{1}\") to {0}",
                            o.name(),
                            other.error_type_name()
                        )));
                    }
                    (Owner::Bytes, BinOp::Add) if !matches!(other, Value::Bytes(_)) => {
                        return Err(type_error(format!(
                            "can't concat {} to bytes",
                            other.error_type_name()
                        )));
                    }
                    // `'%s' % x` takes anything; reflected, only a format of the same type.
                    (Owner::Str | Owner::Bytes, BinOp::Mod)
                        if reflected
                            && std::mem::discriminant(&other) != std::mem::discriminant(v) =>
                    {
                        return Ok(ops::not_implemented());
                    }
                    (Owner::Set | Owner::FrozenSet, _) if !matches!(other, Value::Set(_)) => {
                        return Ok(ops::not_implemented());
                    }
                    (Owner::Dict, _) if !matches!(other, Value::Dict(_)) => {
                        return Ok(ops::not_implemented());
                    }
                    _ => {}
                }
            }
            // Repetition is the same either way round.
            return if reflected && op != BinOp::Mul {
                self.binary(op, &other, v)
            } else {
                self.binary(op, v, &other)
            };
        }
        match name {
            "__iadd__" | "__imul__" | "__iand__" | "__ior__" | "__isub__" | "__ixor__" => {
                let op = match name {
                    "__iadd__" => BinOp::Add,
                    "__imul__" => BinOp::Mul,
                    "__iand__" => BinOp::BitAnd,
                    "__ior__" => BinOp::BitOr,
                    "__isub__" => BinOp::Sub,
                    _ => BinOp::BitXor,
                };
                let other = &args[0];
                if o == Owner::Set && !matches!(other, Value::Set(_)) {
                    return Ok(ops::not_implemented());
                }
                if op == BinOp::Mul && !is_int(other) {
                    return Err(not_an_index(other));
                }
                self.inplace(op, v, other)
            }
            "__divmod__" | "__rdivmod__" => {
                let other = args.remove(0);
                if !number_takes(o, &other) {
                    return Ok(ops::not_implemented());
                }
                let pair = if name == "__divmod__" {
                    vec![v.clone(), other]
                } else {
                    vec![other, v.clone()]
                };
                self.call_builtin(Builtin::Divmod, pair, none())
            }
            "__len__" => self.call_builtin(Builtin::Len, vec![v.clone()], none()),
            "__next__" => self.call_builtin(Builtin::Next, vec![v.clone()], none()),
            "__iter__" => self.call_builtin(Builtin::Iter, vec![v.clone()], none()),
            "__reversed__" => self.construct(
                &PyType::Builtin(BuiltinType::Reversed),
                vec![v.clone()],
                none(),
            ),
            "__repr__" => Ok(Value::str(&self.repr_of(v)?)),
            "__str__" => Ok(Value::str(&self.str_of(v)?)),
            "__hash__" => self.call_builtin(Builtin::Hash, vec![v.clone()], none()),
            "__bool__" => Ok(Value::Bool(self.truthy(v)?)),
            "__format__" => {
                if !matches!(args[0], Value::Str(_)) {
                    return Err(type_error(format!(
                        "__format__() argument must be str, not {}",
                        args[0].error_type_name()
                    )));
                }
                self.call_builtin(Builtin::Format, vec![v.clone(), args.remove(0)], none())
            }
            "__neg__" => ops::unary_op(UnaryOp::Neg, v),
            "__pos__" => ops::unary_op(UnaryOp::Pos, v),
            "__invert__" => ops::unary_op(UnaryOp::Invert, v),
            "__abs__" => self.call_builtin(Builtin::Abs, vec![v.clone()], none()),
            "__round__" => {
                let mut all = vec![v.clone()];
                all.extend(args);
                self.call_builtin(Builtin::Round, all, none())
            }
            "__int__" | "__index__" | "__trunc__" | "__floor__" | "__ceil__" => match v {
                Value::Float(f) => {
                    let f = match name {
                        "__floor__" => f.floor(),
                        "__ceil__" => f.ceil(),
                        _ => *f,
                    };
                    self.construct(
                        &PyType::Builtin(BuiltinType::Int),
                        vec![Value::Float(f)],
                        none(),
                    )
                }
                other => Ok(Value::Int(as_int(other).unwrap_or_default())),
            },
            "__float__" => self.construct(
                &PyType::Builtin(BuiltinType::Float),
                vec![v.clone()],
                none(),
            ),
            "__contains__" => Ok(Value::Bool(self.compare_values(CmpOp::In, &args[0], v)?)),
            "__getitem__" => self.item_of(v, &args[0]),
            "__setitem__" => {
                let value = args.pop().unwrap_or(Value::None);
                let key = args.pop().unwrap_or(Value::None);
                self.store_item(v, key, value)?;
                Ok(Value::None)
            }
            "__delitem__" => {
                self.delete_item(v, &args[0])?;
                Ok(Value::None)
            }
            _ => Err(PyError::Unsupported {
                what: format!("the {} attribute '{name}'", v.type_name()),
                line: 0,
            }),
        }
    }
}

impl Exec<'_> {
    /// `object`'s special method `name` applied to `v` (`super().__eq__(other)` in a class,
    /// `object.__repr__(x)`): what `object` does, whatever `v`'s class defines.
    pub(crate) fn object_special(
        &mut self,
        v: &Value,
        name: &str,
        mut args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        if !crate::python::types::special::OBJECT_RUNS.contains(&name) {
            return Err(PyError::Unsupported {
                what: format!("object's special method '{name}'"),
                line: 0,
            });
        }
        let method = name == "__format__";
        if !kwargs.is_empty() {
            return Err(type_error(if method {
                "object.__format__() takes no keyword arguments".to_string()
            } else {
                format!("wrapper {name}() takes no keyword arguments")
            }));
        }
        let (least, _) = arity(name);
        if args.len() != least {
            return Err(type_error(if method {
                format!(
                    "object.__format__() takes exactly one argument ({} given)",
                    args.len()
                )
            } else {
                format!(
                    "expected {least} argument{}, got {}",
                    plural(least),
                    args.len()
                )
            }));
        }
        Ok(match name {
            "__eq__" => {
                if v.identity_eq(&args[0]) {
                    Value::Bool(true)
                } else {
                    ops::not_implemented()
                }
            }
            "__ne__" => {
                // The opposite of the class's own `__eq__`, unless that gives up.
                let other = args.remove(0);
                let eq = match self.call_special(v, "__eq__", vec![other.clone()])? {
                    Some(r) => r,
                    None => self.object_special(v, "__eq__", vec![other], Kwargs::new())?,
                };
                if ops::is_not_implemented(&eq) {
                    eq
                } else {
                    Value::Bool(!self.truthy(&eq)?)
                }
            }
            "__lt__" | "__le__" | "__gt__" | "__ge__" => ops::not_implemented(),
            "__hash__" => Value::int(crate::python::types::hash::identity_hash(v)),
            "__repr__" => Value::str(&match v {
                Value::Instance(i) => format!(
                    "<{}.{} object at {:#x}>",
                    i.class.module,
                    i.class.qualname,
                    v.identity()
                ),
                other => format!("<{} object at {:#x}>", other.type_name(), other.identity()),
            }),
            "__str__" => Value::str(&self.repr_of(v)?),
            _ => {
                let spec = args.remove(0);
                match &spec {
                    Value::Str(s) if s.is_empty() => Value::str(&self.str_of(v)?),
                    Value::Str(_) => {
                        return Err(type_error(format!(
                            "unsupported format string passed to {}.__format__",
                            v.type_name()
                        )))
                    }
                    other => {
                        return Err(type_error(format!(
                            "__format__() argument must be str, not {}",
                            other.error_type_name()
                        )))
                    }
                }
            }
        })
    }
}
