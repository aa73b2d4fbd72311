//! The built-in functions (`len`, `sorted`, `isinstance`, …), the names the builtins scope
//! holds, and the argument-checking helpers the methods share. Calling a built-in class
//! (`int(x)`, `dict(...)`) is in `construct`.

pub(crate) mod construct;

use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use crate::python::eval::{make_iter, Exec, Interpreter};
use crate::python::exception::builtin_exception_names;
use crate::python::syntax::ast::{BinOp, CmpOp};
use crate::python::types::ops::{self, as_index, as_int, exc, type_error, MAX_ITEMS};
use crate::python::types::{hash_value, Builtin, BuiltinType, Decimal, PyIter, PyType, Value};
use crate::python::PyError;

pub(crate) type Kwargs = Vec<(Rc<str>, Value)>;

/// The value of a built-in name.
pub(crate) fn builtin_value(it: &Interpreter, name: &str) -> Option<Value> {
    if let Some(b) = Builtin::ALL.iter().find(|b| b.name() == name) {
        return Some(Value::Builtin(*b));
    }
    if name == "NotImplemented" {
        return Some(crate::python::types::ops::not_implemented());
    }
    if name == "Ellipsis" {
        return Some(crate::python::stdlib::typing::ellipsis());
    }
    let ty = match name {
        "str" => BuiltinType::Str,
        "int" => BuiltinType::Int,
        "float" => BuiltinType::Float,
        "bool" => BuiltinType::Bool,
        "list" => BuiltinType::List,
        "dict" => BuiltinType::Dict,
        "tuple" => BuiltinType::Tuple,
        "set" => BuiltinType::Set,
        "frozenset" => BuiltinType::FrozenSet,
        "slice" => BuiltinType::Slice,
        "bytes" => BuiltinType::Bytes,
        "range" => BuiltinType::Range,
        "enumerate" => BuiltinType::Enumerate,
        "zip" => BuiltinType::Zip,
        "reversed" => BuiltinType::Reversed,
        "type" => BuiltinType::Type,
        "object" => BuiltinType::Object,
        "__name__" => return Some(Value::str("__main__")),
        _ => {
            if builtin_exception_names().any(|n| n == name) || it.exceptions.contains_key(name) {
                return Some(Value::exception_class(name));
            }
            return None;
        }
    };
    Some(Value::Type(PyType::Builtin(ty)))
}

/// Python built-ins the simulator does not provide, named for the refusal message.
pub(crate) fn unsupported_builtin(name: &str) -> Option<String> {
    const NAMES: &[&str] = &[
        "open",
        "input",
        "exec",
        "eval",
        "compile",
        "globals",
        "locals",
        "dir",
        "super",
        "property",
        "staticmethod",
        "classmethod",
        "memoryview",
        "bytearray",
        "complex",
        "help",
        "__import__",
        "breakpoint",
        "exit",
        "quit",
        "aiter",
        "anext",
        "print_function",
    ];
    NAMES
        .contains(&name)
        .then(|| format!("the built-in '{name}'"))
}

pub(crate) fn no_kwargs(name: &str, kwargs: &Kwargs) -> Result<(), PyError> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{name}() takes no keyword arguments")))
    }
}

pub(crate) fn exactly_one(name: &str, args: &[Value]) -> Result<(), PyError> {
    if args.len() == 1 {
        Ok(())
    } else {
        Err(type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        )))
    }
}

pub(crate) fn arg_range(name: &str, args: &[Value], min: usize, max: usize) -> Result<(), PyError> {
    let n = args.len();
    if n < min {
        if min == max {
            return Err(type_error(format!(
                "{name} expected {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )));
        }
        return Err(type_error(format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )));
    }
    if n > max {
        if max == 0 {
            return Err(type_error(format!(
                "{name}() takes no arguments ({n} given)"
            )));
        }
        if min == max {
            return Err(type_error(format!(
                "{name} expected {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )));
        }
        return Err(type_error(format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// Removes a keyword argument by name.
pub(crate) fn take_kw(kwargs: &mut Kwargs, name: &str) -> Option<Value> {
    let i = kwargs.iter().position(|(k, _)| &**k == name)?;
    Some(kwargs.remove(i).1)
}

pub(crate) fn unexpected_kw(func: &str, kwargs: &Kwargs) -> Result<(), PyError> {
    match kwargs.first() {
        None => Ok(()),
        Some((k, _)) => Err(type_error(format!(
            "{func}() got an unexpected keyword argument '{k}'"
        ))),
    }
}

pub(crate) fn len_of(v: &Value) -> Result<usize, PyError> {
    Ok(match v {
        Value::Str(s) => {
            // Counting the chars walks the string.
            crate::python::eval::budget::bytes(s.len())?;
            s.chars().count()
        }
        Value::Bytes(b) => b.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) | Value::DictView(d, _) => d.borrow().len(),
        Value::Set(s) => s.borrow().len(),
        Value::Range(r) => match num_traits::ToPrimitive::to_isize(&r.length()) {
            Some(n) => n as usize,
            None => {
                return Err(crate::python::types::ops::exc(
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                ))
            }
        },
        Value::Native(obj) => obj.len()?,
        other => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                other.error_type_name()
            )))
        }
    })
}

/// Python's `round()` of a float to an int (half to even).
pub(crate) fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

pub(crate) fn int_arg(v: &Value, what: &str) -> Result<i64, PyError> {
    match v {
        Value::Int(_) | Value::Bool(_) => as_index(v),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            other.error_type_name()
        ))),
    }
}

use crate::python::eval::gen::GenOut;
use crate::python::types::lazy::{Lazy, LazyState};

/// A lazy built-in iterator as a value.
pub(crate) fn lazy_value(kind: &'static str, state: LazyState) -> Value {
    Value::Native(Rc::new(Lazy::new(kind, state)))
}
use crate::python::types::generator::Generator;

impl Exec<'_> {
    pub(crate) fn isinstance(&self, v: &Value, t: &Value) -> Result<bool, PyError> {
        match t {
            Value::Tuple(items) => {
                for item in items.iter() {
                    if self.isinstance(v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Type(ty) => Ok(match ty {
                PyType::Builtin(b) => match b {
                    BuiltinType::Object => true,
                    BuiltinType::Int => matches!(v, Value::Int(_) | Value::Bool(_)),
                    BuiltinType::Date => matches!(v, Value::Date(_) | Value::DateTime(_)),
                    BuiltinType::Type => matches!(v, Value::Type(_)),
                    BuiltinType::Dict => matches!(v, Value::Dict(_)),
                    _ if matches!(v, Value::Instance(i) if i.class.builtin_base == Some(*b)) => {
                        true
                    }
                    _ => matches!(v.type_of(), PyType::Builtin(x) if x == *b),
                },
                PyType::Exception(name) => match v {
                    Value::Exception(e) => {
                        crate::python::eval::exception_is(&self.it.exceptions, &e.kind, name)
                    }
                    _ => false,
                },
                PyType::Other { qualified, .. } => {
                    v.type_of().qualified_name() == **qualified
                        || matches!(v, Value::Native(n) if n.is_instance_of(qualified))
                }
                PyType::Class(c) => match v {
                    Value::Instance(i) => i.class.is_subclass(c),
                    _ => false,
                },
            }),
            _ => match crate::python::stdlib::typing::instance_check(self, v, t, false) {
                Some(r) => r,
                None => Err(type_error(
                    "isinstance() arg 2 must be a type, a tuple of types, or a union",
                )),
            },
        }
    }

    /// `issubclass(cls, classinfo)`.
    pub(crate) fn issubclass(&self, cls: &Value, info: &Value) -> Result<bool, PyError> {
        let Value::Type(c) = cls else {
            return Err(type_error("issubclass() arg 1 must be a class"));
        };
        match info {
            Value::Tuple(items) => {
                for item in items.iter() {
                    if self.issubclass(cls, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Type(t) => Ok(match (c, t) {
                (_, PyType::Builtin(BuiltinType::Object)) => true,
                (PyType::Class(a), PyType::Class(b)) => a.is_subclass(b),
                (PyType::Class(a), PyType::Builtin(b)) => a.builtin_base == Some(*b),
                (PyType::Builtin(BuiltinType::Bool), PyType::Builtin(BuiltinType::Int)) => true,
                (PyType::Builtin(BuiltinType::DateTime), PyType::Builtin(BuiltinType::Date)) => {
                    true
                }
                (PyType::Exception(a), PyType::Exception(b)) => {
                    crate::python::eval::exception_is(&self.it.exceptions, a, b)
                }
                (a, b) => a.same(b),
            }),
            _ => match crate::python::stdlib::typing::instance_check(self, cls, info, true) {
                Some(r) => r,
                None => Err(type_error(
                    "issubclass() arg 2 must be a class, a tuple of classes, or a union",
                )),
            },
        }
    }

    /// Sorts values stably with Python's `<`, optionally by key and reversed.
    pub(crate) fn sort_values(
        &mut self,
        items: Vec<Value>,
        key: Option<&Value>,
        reverse: bool,
    ) -> Result<Vec<Value>, PyError> {
        // A merge sort compares about n·log2(n) times.
        let n = items.len();
        let log = (usize::BITS - n.leading_zeros()) as usize;
        self.charge(n.saturating_mul(log.max(4)))?;
        let keys = match key {
            Some(k) if !k.is_none() => {
                let mut keys = Vec::with_capacity(items.len());
                for item in &items {
                    keys.push(self.call_value(k, vec![item.clone()], Vec::new())?);
                }
                keys
            }
            _ => items.clone(),
        };
        let n = items.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut buf = vec![0usize; n];
        let mut width = 1;
        while width < n {
            let mut start = 0;
            while start < n {
                let mid = (start + width).min(n);
                let end = (start + 2 * width).min(n);
                let (mut i, mut j, mut k) = (start, mid, start);
                while i < mid && j < end {
                    let (x, y) = if reverse {
                        (order[i], order[j])
                    } else {
                        (order[j], order[i])
                    };
                    if self.compare_values(CmpOp::Lt, &keys[x], &keys[y])? {
                        buf[k] = order[j];
                        j += 1;
                    } else {
                        buf[k] = order[i];
                        i += 1;
                    }
                    k += 1;
                }
                while i < mid {
                    buf[k] = order[i];
                    i += 1;
                    k += 1;
                }
                while j < end {
                    buf[k] = order[j];
                    j += 1;
                    k += 1;
                }
                start = end;
            }
            std::mem::swap(&mut order, &mut buf);
            width *= 2;
        }
        Ok(order.into_iter().map(|i| items[i].clone()).collect())
    }

    fn min_max(
        &mut self,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
        want: Ordering,
    ) -> Result<Value, PyError> {
        let key = take_kw(&mut kwargs, "key");
        let default = take_kw(&mut kwargs, "default");
        unexpected_kw(name, &kwargs)?;
        let items = match args.len() {
            0 => {
                return Err(type_error(format!(
                    "{name} expected at least 1 argument, got 0"
                )))
            }
            1 => self.snapshot(&args[0])?,
            _ => {
                if default.is_some() {
                    return Err(type_error(format!(
                        "Cannot specify a default for {name}() with multiple positional arguments"
                    )));
                }
                args
            }
        };
        self.charge(items.len())?;
        if items.is_empty() {
            return default
                .ok_or_else(|| exc("ValueError", format!("{name}() arg is an empty sequence")));
        }
        let mut best = items[0].clone();
        let mut best_key = match &key {
            Some(k) if !k.is_none() => self.call_value(k, vec![best.clone()], Vec::new())?,
            _ => best.clone(),
        };
        for item in items.into_iter().skip(1) {
            let k = match &key {
                Some(kf) if !kf.is_none() => self.call_value(kf, vec![item.clone()], Vec::new())?,
                _ => item.clone(),
            };
            let op = if want == Ordering::Less {
                CmpOp::Lt
            } else {
                CmpOp::Gt
            };
            if self.compare_values(op, &k, &best_key)? {
                best = item;
                best_key = k;
            }
        }
        Ok(best)
    }

    pub(crate) fn call_builtin(
        &mut self,
        b: Builtin,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let name = b.name();
        match b {
            Builtin::Super | Builtin::Property | Builtin::StaticMethod | Builtin::ClassMethod => {
                no_kwargs(name, &kwargs)?;
                self.class_builtin(None, name, args)
            }
            Builtin::Len if matches!(args.first(), Some(Value::Instance(_))) && args.len() == 1 => {
                let v = self
                    .call_special(&args[0], "__len__", Vec::new())?
                    .ok_or_else(|| {
                        type_error(format!(
                            "object of type '{}' has no len()",
                            args[0].type_name()
                        ))
                    })?;
                match v {
                    Value::Int(_) | Value::Bool(_) => {
                        if crate::python::types::ops::as_int(&v)
                            .is_some_and(|n| n < num_bigint::BigInt::from(0))
                        {
                            Err(exc("ValueError", "__len__() should return >= 0"))
                        } else {
                            Ok(Value::int(v.as_i64().unwrap_or(0)))
                        }
                    }
                    other => Err(type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.error_type_name()
                    ))),
                }
            }
            Builtin::Print => {
                let sep = take_kw(&mut kwargs, "sep");
                let end = take_kw(&mut kwargs, "end");
                let _flush = take_kw(&mut kwargs, "flush");
                if take_kw(&mut kwargs, "file").is_some_and(|f| !f.is_none()) {
                    return Err(PyError::Unsupported {
                        what: "print(file=...)".into(),
                        line: 0,
                    });
                }
                unexpected_kw("print", &kwargs)?;
                let text_of =
                    |v: Option<Value>, what: &str, default: &str| -> Result<String, PyError> {
                        match v {
                            None | Some(Value::None) => Ok(default.to_string()),
                            Some(Value::Str(s)) => Ok(s.to_string()),
                            Some(other) => Err(type_error(format!(
                                "{what} must be None or a string, not {}",
                                other.error_type_name()
                            ))),
                        }
                    };
                let sep = text_of(sep, "sep", " ")?;
                let end = text_of(end, "end", "\n")?;
                let mut line = String::new();
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        line.push_str(&sep);
                    }
                    line.push_str(&self.str_of(a)?);
                }
                line.push_str(&end);
                if self.it.console.len() + line.len() > ops::MAX_STR_LEN {
                    return Err(PyError::Unsupported {
                        what: "printing more than 10 MB".into(),
                        line: 0,
                    });
                }
                self.it.console.push_str(&line);
                Ok(Value::None)
            }
            Builtin::Sorted => {
                let key = take_kw(&mut kwargs, "key");
                let reverse = take_kw(&mut kwargs, "reverse").is_some_and(|r| r.is_truthy());
                unexpected_kw("sort", &kwargs)?;
                if args.len() != 1 {
                    return Err(type_error(format!(
                        "sorted expected 1 argument, got {}",
                        args.len()
                    )));
                }
                let items = self.snapshot(&args[0])?;
                Ok(Value::list(self.sort_values(
                    items,
                    key.as_ref(),
                    reverse,
                )?))
            }
            Builtin::Min => self.min_max("min", args, kwargs, Ordering::Less),
            Builtin::Max => self.min_max("max", args, kwargs, Ordering::Greater),
            Builtin::Sum => {
                let start = take_kw(&mut kwargs, "start");
                unexpected_kw("sum", &kwargs)?;
                if args.is_empty() {
                    return Err(type_error(
                        "sum() takes at least 1 positional argument (0 given)",
                    ));
                }
                arg_range("sum", &args, 1, 2)?;
                let mut acc = args.get(1).cloned().or(start).unwrap_or(Value::int(0));
                let mut it = make_iter(&args[0])?;
                if matches!(acc, Value::Str(_)) {
                    return Err(type_error(
                        "sum() can't sum strings [use ''.join(seq) instead]",
                    ));
                }
                let mut n = 0usize;
                while let Some(v) = self.next_item(&mut it)? {
                    n += 1;
                    if n % 16 == 0 {
                        self.charge(16)?;
                    }
                    acc = self.binary(BinOp::Add, &acc, &v)?;
                }
                Ok(acc)
            }
            Builtin::Map => {
                no_kwargs("map", &kwargs)?;
                if args.len() < 2 {
                    return Err(type_error("map() must have at least two arguments."));
                }
                let mut args = args.into_iter();
                let func = args.next().unwrap_or(Value::None);
                let mut iters = Vec::new();
                for a in args {
                    iters.push(self.start_iter(a)?);
                }
                Ok(lazy_value("map", LazyState::Map { func, iters }))
            }
            Builtin::Filter => {
                no_kwargs("filter", &kwargs)?;
                if args.len() != 2 {
                    return Err(type_error(format!(
                        "filter expected 2 arguments, got {}",
                        args.len()
                    )));
                }
                let mut args = args.into_iter();
                let func = args.next().unwrap_or(Value::None);
                let iter = self.start_iter(args.next().unwrap_or(Value::None))?;
                Ok(lazy_value("filter", LazyState::Filter { func, iter }))
            }
            Builtin::Getattr => {
                no_kwargs(name, &kwargs)?;
                if args.len() < 2 || args.len() > 3 {
                    return Err(type_error(format!(
                        "getattr expected at least 2 arguments, got {}",
                        args.len()
                    )));
                }
                let attr = match &args[1] {
                    Value::Str(s) => s.clone(),
                    _ => return Err(type_error("attribute name must be string")),
                };
                match self.get_attr(&args[0], &attr) {
                    Err(PyError::Exception(e))
                        if &*e.kind == "AttributeError" && args.len() == 3 =>
                    {
                        Ok(args[2].clone())
                    }
                    other => other,
                }
            }
            Builtin::Setattr | Builtin::Delattr => {
                no_kwargs(name, &kwargs)?;
                let want = if b == Builtin::Setattr { 3 } else { 2 };
                if args.len() != want {
                    return Err(type_error(format!(
                        "{name} expected {want} arguments, got {}",
                        args.len()
                    )));
                }
                let attr = match &args[1] {
                    Value::Str(s) => s.clone(),
                    other => {
                        return Err(type_error(format!(
                            "attribute name must be string, not '{}'",
                            other.error_type_name()
                        )))
                    }
                };
                if b == Builtin::Setattr {
                    self.set_attr(&args[0], &attr, args[2].clone())?;
                } else {
                    self.del_attr(&args[0], &attr)?;
                }
                Ok(Value::None)
            }
            Builtin::Vars => {
                no_kwargs(name, &kwargs)?;
                if args.is_empty() {
                    return Err(PyError::Unsupported {
                        what: "vars() without an argument (the local variables)".into(),
                        line: 0,
                    });
                }
                arg_range("vars", &args, 1, 1)?;
                match &args[0] {
                    Value::Instance(_)
                    | Value::Function(_)
                    | Value::Type(PyType::Class(_))
                    | Value::Exception(_) => match self.get_attr(&args[0], "__dict__") {
                        Err(PyError::Exception(e)) if &*e.kind == "AttributeError" => {
                            Err(type_error("vars() argument must have __dict__ attribute"))
                        }
                        r => r,
                    },
                    Value::Module(_) => Err(PyError::Unsupported {
                        what: "vars() of a module".into(),
                        line: 0,
                    }),
                    _ => Err(type_error("vars() argument must have __dict__ attribute")),
                }
            }
            Builtin::Hasattr => {
                no_kwargs(name, &kwargs)?;
                arg_range("hasattr", &args, 2, 2)?;
                let attr = match &args[1] {
                    Value::Str(s) => s.clone(),
                    _ => return Err(type_error("attribute name must be string")),
                };
                match self.get_attr(&args[0], &attr) {
                    Ok(_) => Ok(Value::Bool(true)),
                    Err(PyError::Exception(e)) if &*e.kind == "AttributeError" => {
                        Ok(Value::Bool(false))
                    }
                    Err(other) => Err(other),
                }
            }
            _ => {
                no_kwargs(name, &kwargs)?;
                self.simple_builtin(b, args)
            }
        }
    }

    fn simple_builtin(&mut self, b: Builtin, args: Vec<Value>) -> Result<Value, PyError> {
        let name = b.name();
        Ok(match b {
            Builtin::Len => {
                exactly_one(name, &args)?;
                let n = len_of(&args[0])?;
                if n > i64::MAX as usize {
                    return Err(exc(
                        "OverflowError",
                        "Python int too large to convert to C ssize_t",
                    ));
                }
                Value::int(n as i64)
            }
            Builtin::Repr => {
                exactly_one(name, &args)?;
                Value::str(&self.repr_of(&args[0])?)
            }
            Builtin::Isinstance => {
                arg_range("isinstance", &args, 2, 2)?;
                Value::Bool(self.isinstance(&args[0], &args[1])?)
            }
            Builtin::Issubclass => {
                arg_range("issubclass", &args, 2, 2)?;
                Value::Bool(self.issubclass(&args[0], &args[1])?)
            }
            Builtin::Abs => {
                exactly_one(name, &args)?;
                match &args[0] {
                    Value::Int(n) => Value::Int(n.abs()),
                    Value::Bool(x) => Value::int(*x as i64),
                    Value::Float(f) => Value::Float(f.abs()),
                    Value::Decimal(d) => Value::decimal(Decimal {
                        negative: false,
                        ..(**d).clone()
                    }),
                    Value::TimeDelta(d) => {
                        if d.days < 0 {
                            Value::TimeDelta(d.neg()?)
                        } else {
                            Value::TimeDelta(*d)
                        }
                    }
                    other => {
                        return Err(type_error(format!(
                            "bad operand type for abs(): '{}'",
                            other.error_type_name()
                        )))
                    }
                }
            }
            Builtin::Round => {
                if args.is_empty() {
                    return Err(type_error(
                        "round() missing required argument 'number' (pos 1)",
                    ));
                }
                arg_range("round", &args, 1, 2)?;
                if !matches!(
                    args[0],
                    Value::Int(_) | Value::Bool(_) | Value::Float(_) | Value::Decimal(_)
                ) {
                    return Err(type_error(format!(
                        "type {} doesn't define __round__ method",
                        args[0].error_type_name()
                    )));
                }
                let ndigits = match args.get(1) {
                    None | Some(Value::None) => None,
                    Some(v) => Some(int_arg(v, "")?),
                };
                match (&args[0], ndigits) {
                    (Value::Int(_) | Value::Bool(_), None) => {
                        Value::Int(as_int(&args[0]).unwrap_or_default())
                    }
                    (Value::Int(_) | Value::Bool(_), Some(n)) => {
                        let v = as_int(&args[0]).unwrap_or_default();
                        if n >= 0 {
                            Value::Int(v)
                        } else {
                            if n < -4300 {
                                return Ok(Value::int(0));
                            }
                            let m = BigInt::from(10).pow((-n) as u32);
                            let q: BigInt = num_integer::Integer::div_floor(&v, &m);
                            let r: BigInt = num_integer::Integer::mod_floor(&v, &m);
                            let twice: BigInt = &r * BigInt::from(2);
                            let q = match twice.cmp(&m) {
                                Ordering::Greater => q + 1,
                                Ordering::Equal if num_integer::Integer::is_odd(&q) => q + 1,
                                _ => q,
                            };
                            Value::Int(q * m)
                        }
                    }
                    (Value::Float(f), None) => ops::float_to_int(round_half_even(*f))?,
                    (Value::Float(f), Some(n)) => {
                        if !f.is_finite() {
                            Value::Float(*f)
                        } else if n >= 0 {
                            let s = format!("{:.*}", n.min(330) as usize, f);
                            Value::Float(s.parse().unwrap_or(*f))
                        } else {
                            if n < -330 {
                                return Ok(Value::Float(0.0f64.copysign(*f)));
                            }
                            let m = 10f64.powi(n.saturating_neg() as i32);
                            Value::Float(round_half_even(f / m) * m)
                        }
                    }
                    (Value::Decimal(d), None) => Value::Int(d.round_to_int()?),
                    (Value::Decimal(d), Some(n)) => {
                        if n.unsigned_abs() > 999_999_999 {
                            return Err(exc(
                                "InvalidOperation",
                                "[<class 'decimal.InvalidOperation'>]",
                            ));
                        }
                        Value::decimal(d.quantize(&Decimal {
                            negative: false,
                            coefficient: 1u32.into(),
                            exponent: -n,
                        })?)
                    }
                    (other, _) => {
                        return Err(type_error(format!(
                            "type {} doesn't define __round__ method",
                            other.error_type_name()
                        )))
                    }
                }
            }
            Builtin::Any | Builtin::All => {
                exactly_one(name, &args)?;
                let mut it = make_iter(&args[0])?;
                let want = b == Builtin::Any;
                let mut n = 0usize;
                while let Some(v) = self.next_item(&mut it)? {
                    n += 1;
                    if n % 16 == 0 {
                        self.charge(16)?;
                    }
                    if v.is_truthy() == want {
                        return Ok(Value::Bool(want));
                    }
                }
                Value::Bool(!want)
            }
            Builtin::Iter => {
                exactly_one(name, &args)?;
                match &args[0] {
                    Value::Iterator(_) => args[0].clone(),
                    Value::Native(obj) if crate::python::eval::iter::is_driven(&**obj) => {
                        args[0].clone()
                    }
                    Value::Range(r) => Value::Iterator(Rc::new(PyIter::from_range(r))),
                    other => {
                        let kind = match other {
                            Value::List(_) => "list_iterator",
                            Value::Tuple(_) => "tuple_iterator",
                            Value::Str(_) => "str_ascii_iterator",
                            Value::Dict(_) => "dict_keyiterator",
                            Value::Set(_) => "set_iterator",
                            _ => "iterator",
                        };
                        let items = self.snapshot(other)?;
                        Value::Iterator(Rc::new(PyIter::from_values(kind, items)))
                    }
                }
            }
            Builtin::Next => {
                arg_range("next", &args, 1, 2)?;
                match &args[0] {
                    Value::Iterator(it) => match it.try_next()? {
                        Some(v) => v,
                        None => match args.get(1) {
                            Some(d) => d.clone(),
                            None => return Err(exc("StopIteration", "")),
                        },
                    },
                    Value::Native(obj) if crate::python::eval::iter::is_driven(&**obj) => {
                        let obj = obj.clone();
                        let out = match obj.as_any().downcast_ref::<Generator>() {
                            Some(g) => self.resume(g, Value::None)?,
                            None => match self.next_of(&obj)? {
                                Some(v) => GenOut::Yielded(v),
                                None => GenOut::Returned(Value::None),
                            },
                        };
                        match out {
                            GenOut::Yielded(v) => v,
                            GenOut::Returned(r) => match args.get(1) {
                                Some(d) => d.clone(),
                                None => {
                                    let args = if r.is_none() { Vec::new() } else { vec![r] };
                                    return Err(PyError::Exception(
                                        crate::python::PyException::with_args(
                                            "StopIteration",
                                            args,
                                        ),
                                    ));
                                }
                            },
                        }
                    }
                    other => {
                        return Err(type_error(format!(
                            "'{}' object is not an iterator",
                            other.error_type_name()
                        )))
                    }
                }
            }
            Builtin::Hash => {
                exactly_one(name, &args)?;
                let h = self.key_hash(&args[0])?;
                // CPython's hash where it does not change from run to run (numbers, tuples
                // of them, user `__hash__`); a str's is as arbitrary as CPython's.
                if crate::python::types::hash::exact_hash(&args[0]) {
                    Value::int(h as i64)
                } else {
                    Value::int((h >> 2) as i64)
                }
            }
            Builtin::Id => {
                exactly_one(name, &args)?;
                let id = args[0].identity();
                Value::int(if id == 0 {
                    (hash_value(&args[0]).unwrap_or(0) >> 16) as i64
                } else {
                    id as i64
                })
            }
            Builtin::Ascii => {
                exactly_one(name, &args)?;
                let text = self.repr_of(&args[0])?;
                Value::str(&crate::python::text::repr::ascii_escaped(&text))
            }
            Builtin::Callable => {
                exactly_one(name, &args)?;
                let instance_call = matches!(args[0], Value::Instance(_))
                    && self.special(&args[0], "__call__").is_some()
                    || matches!(&args[0], Value::Native(o) if crate::python::stdlib::is_callable(&**o));
                Value::Bool(
                    instance_call
                        || matches!(
                            args[0],
                            Value::Function(_)
                                | Value::Builtin(_)
                                | Value::Method(_)
                                | Value::NativeFunction(_)
                                | Value::NativeMethod(..)
                                | Value::Type(_)
                        ),
                )
            }
            Builtin::Divmod => {
                arg_range("divmod", &args, 2, 2)?;
                match (&args[0], &args[1]) {
                    (x, y) if as_int(x).is_some() && as_int(y).is_some_and(|y| y.is_zero()) => {
                        return Err(exc(
                            "ZeroDivisionError",
                            "integer division or modulo by zero",
                        ));
                    }
                    (x, y)
                        if (matches!(x, Value::Float(_))
                            && as_int(y).is_some_and(|y| y.is_zero()))
                            || matches!((x, y), (Value::Float(_) | Value::Int(_) | Value::Bool(_), Value::Float(f)) if *f == 0.0) =>
                    {
                        return Err(exc("ZeroDivisionError", "float divmod()"));
                    }
                    _ => {}
                }
                let divmod_error = |e: PyError| match e {
                    PyError::Exception(ex) if &*ex.kind == "TypeError" => type_error(format!(
                        "unsupported operand type(s) for divmod(): '{}' and '{}'",
                        args[0].error_type_name(),
                        args[1].error_type_name()
                    )),
                    other => other,
                };
                let q =
                    ops::binary_op(BinOp::FloorDiv, &args[0], &args[1]).map_err(divmod_error)?;
                let r = ops::binary_op(BinOp::Mod, &args[0], &args[1]).map_err(divmod_error)?;
                Value::tuple(vec![q, r])
            }
            Builtin::Pow => {
                if args.len() < 2 {
                    let (n, pos) = if args.is_empty() {
                        ("base", 1)
                    } else {
                        ("exp", 2)
                    };
                    return Err(type_error(format!(
                        "pow() missing required argument '{n}' (pos {pos})"
                    )));
                }
                arg_range("pow", &args, 2, 3)?;
                match args.get(2) {
                    None | Some(Value::None) => ops::binary_op(BinOp::Pow, &args[0], &args[1])?,
                    Some(m) => match (as_int(&args[0]), as_int(&args[1]), as_int(m)) {
                        (Some(a), Some(e), Some(m)) => {
                            if m.is_zero() {
                                return Err(exc("ValueError", "pow() 3rd argument cannot be 0"));
                            }
                            let (a, e) = if e.is_negative() {
                                match mod_inverse(&a, &m) {
                                    Some(inv) => (inv, -e),
                                    None => {
                                        return Err(exc(
                                            "ValueError",
                                            "base is not invertible for the given modulus",
                                        ))
                                    }
                                }
                            } else {
                                (a, e)
                            };
                            // Square-and-multiply: a product of two numbers the size of
                            // the modulus per bit of the exponent, paid before it starts.
                            let words = m.bits() / 64 + 1;
                            let work = (e.bits() as u128 + 1) * words as u128 * words as u128;
                            crate::python::eval::budget::steps((work / 1000) as u64)?;
                            let r = a.modpow(&e, &m);
                            let r = if !r.is_zero() && (r.is_negative() != m.is_negative()) {
                                r + &m
                            } else {
                                r
                            };
                            Value::Int(r)
                        }
                        _ => {
                            return Err(type_error(
                                "pow() 3rd argument not allowed unless all arguments are integers",
                            ))
                        }
                    },
                }
            }
            Builtin::Chr => {
                exactly_one(name, &args)?;
                let n = int_arg(&args[0], "")?;
                let c = u32::try_from(n)
                    .ok()
                    .filter(|n| *n < 0x110000)
                    .ok_or_else(|| exc("ValueError", "chr() arg not in range(0x110000)"))?;
                // 0xD800..0xDFFF are lone surrogates: Python strings can hold them, these
                // strings cannot, so they are refused rather than shown as another character.
                let c = char::from_u32(c).ok_or_else(|| PyError::Unsupported {
                    what: format!("lone surrogate characters such as chr({c:#x})"),
                    line: 0,
                })?;
                Value::str(&c.to_string())
            }
            Builtin::Ord => {
                exactly_one(name, &args)?;
                match &args[0] {
                    Value::Str(s) => {
                        let n = s.chars().count();
                        if n != 1 {
                            return Err(type_error(format!(
                                "ord() expected a character, but string of length {n} found"
                            )));
                        }
                        Value::int(s.chars().next().map(|c| c as i64).unwrap_or(0))
                    }
                    Value::Bytes(bs) if bs.len() == 1 => Value::int(bs[0] as i64),
                    other => {
                        return Err(type_error(format!(
                            "ord() expected string of length 1, but {} found",
                            other.error_type_name()
                        )))
                    }
                }
            }
            Builtin::Format => {
                arg_range("format", &args, 1, 2)?;
                let spec = match args.get(1) {
                    None => String::new(),
                    Some(Value::Str(s)) => s.to_string(),
                    Some(Value::None) => {
                        return Err(type_error("format() argument 2 must be str, not None"))
                    }
                    Some(other) => {
                        return Err(type_error(format!(
                            "format() argument 2 must be str, not {}",
                            other.error_type_name()
                        )))
                    }
                };
                Value::str(&self.format_of(&args[0], &spec)?)
            }
            Builtin::Hex | Builtin::Bin | Builtin::Oct => {
                exactly_one(name, &args)?;
                let n = as_int(&args[0]).ok_or_else(|| {
                    type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        args[0].error_type_name()
                    ))
                })?;
                let (radix, prefix) = match b {
                    Builtin::Hex => (16, "0x"),
                    Builtin::Bin => (2, "0b"),
                    _ => (8, "0o"),
                };
                let sign = if n.is_negative() { "-" } else { "" };
                crate::python::eval::budget::bytes((n.bits() / 2) as usize)?;
                Value::str(&format!("{sign}{prefix}{}", n.abs().to_str_radix(radix)))
            }
            // Handled in call_builtin.
            Builtin::Print
            | Builtin::Sorted
            | Builtin::Min
            | Builtin::Max
            | Builtin::Sum
            | Builtin::Map
            | Builtin::Filter
            | Builtin::Super
            | Builtin::Property
            | Builtin::StaticMethod
            | Builtin::ClassMethod
            | Builtin::Getattr
            | Builtin::Hasattr
            | Builtin::Setattr
            | Builtin::Delattr
            | Builtin::Vars => Value::None,
        })
    }
}

/// The inverse of `a` modulo `m` (in `0..|m|`), if `a` and `m` are coprime.
fn mod_inverse(a: &num_bigint::BigInt, m: &num_bigint::BigInt) -> Option<num_bigint::BigInt> {
    use num_bigint::BigInt;
    use num_traits::{One, Signed, Zero};
    let modulus = m.abs();
    let (mut r0, mut r1) = (((a % &modulus) + &modulus) % &modulus, modulus.clone());
    let (mut s0, mut s1) = (BigInt::one(), BigInt::zero());
    while !r1.is_zero() {
        let q = &r0 / &r1;
        let r2 = &r0 - &q * &r1;
        r0 = std::mem::replace(&mut r1, r2);
        let s2 = &s0 - &q * &s1;
        s0 = std::mem::replace(&mut s1, s2);
    }
    if !r0.is_one() && !modulus.is_one() {
        return None;
    }
    Some(((s0 % &modulus) + &modulus) % &modulus)
}

/// Merges positional and keyword arguments by parameter name; the first `required` must
/// be given (`function missing required argument 'month' (pos 2)`).
pub(crate) fn positional_or_kw(
    args: Vec<Value>,
    kwargs: &mut Kwargs,
    names: &[&str],
    required: usize,
) -> Result<Vec<Option<Value>>, PyError> {
    if args.len() > names.len() {
        return Err(type_error(format!(
            "function takes at most {} arguments ({} given)",
            names.len(),
            args.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, a) in args.into_iter().enumerate() {
        out[i] = Some(a);
    }
    for (i, n) in names.iter().enumerate() {
        if let Some(v) = take_kw(kwargs, n) {
            if out[i].is_some() {
                return Err(type_error(format!(
                    "argument for function given by name ('{n}') and position ({})",
                    i + 1
                )));
            }
            out[i] = Some(v);
        }
    }
    for (i, n) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(type_error(format!(
                "function missing required argument '{n}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// UTF-8 decoding with Python's error message.
pub(crate) fn decode_utf8(bytes: &[u8]) -> Result<String, PyError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let pos = e.valid_up_to();
            let byte = bytes.get(pos).copied().unwrap_or(0);
            let reason = if (0x80..0xc0).contains(&byte) || byte >= 0xf8 {
                "invalid start byte"
            } else if e.error_len().is_none() {
                "unexpected end of data"
            } else {
                "invalid continuation byte"
            };
            Err(exc(
                "UnicodeDecodeError",
                format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}"),
            ))
        }
    }
}

/// `bytes` decoded with the codec `encoding` names (UTF-8, Latin-1 or ASCII, under any of
/// Python's spellings); other codecs are refused.
pub(crate) fn decode_with(bytes: &[u8], encoding: &str) -> Result<String, PyError> {
    let name = encoding.to_ascii_lowercase().replace('_', "-");
    match name.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" => decode_utf8(bytes),
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => {
            Ok(bytes.iter().map(|&b| b as char).collect())
        }
        "ascii" | "us-ascii" | "646" => match bytes.iter().position(|&b| b > 0x7f) {
            None => Ok(bytes.iter().map(|&b| b as char).collect()),
            Some(pos) => Err(exc(
                "UnicodeDecodeError",
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                    bytes[pos]
                ),
            )),
        },
        _ => Err(PyError::Unsupported {
            what: format!("the '{encoding}' encoding"),
            line: 0,
        }),
    }
}

/// `MAX_ITEMS` re-exported for the methods module.
pub(crate) const ITEM_LIMIT: usize = MAX_ITEMS;
