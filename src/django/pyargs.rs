//! Helpers for native Python callables: binding arguments with Python's error messages,
//! iterating values, reading numbers.

use std::rc::Rc;

use num_traits::ToPrimitive;

use crate::python::{PyException, Value};

/// Positional and keyword arguments as the interpreter passes them.
pub type Kwargs = Vec<(Rc<str>, Value)>;

/// A callable's parameters: names in order, how many are required, and whether it takes
/// `**kwargs` (unknown keywords are then returned separately).
pub struct Signature<'a> {
    /// The name in messages, e.g. `SessionBase.get`.
    pub qualname: &'a str,
    pub names: &'a [&'a str],
    pub required: usize,
    /// Whether the callable is a method (messages then count `self`).
    pub method: bool,
    pub var_kwargs: bool,
}

/// Bound arguments: one slot per parameter, plus the extra keywords of a `**kwargs`.
pub struct Bound {
    pub slots: Vec<Option<Value>>,
    pub extra: Kwargs,
}

impl Bound {
    /// The argument in slot `i`, if given.
    pub fn get(&self, i: usize) -> Option<Value> {
        self.slots.get(i).cloned().flatten()
    }

    /// The argument in slot `i`, or `default`.
    pub fn get_or(&self, i: usize, default: Value) -> Value {
        self.get(i).unwrap_or(default)
    }

    /// A required argument (binding has already checked it is there).
    pub fn req(&self, i: usize) -> Value {
        self.get(i).unwrap_or(Value::None)
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

impl Signature<'_> {
    /// Binds arguments as Python would, with its `TypeError` messages.
    pub fn bind(&self, args: Vec<Value>, kwargs: Kwargs) -> Result<Bound, PyException> {
        let offset = usize::from(self.method);
        let q = self.qualname;
        if args.len() > self.names.len() {
            let given = args.len() + offset;
            let max = self.names.len() + offset;
            let min = self.required + offset;
            let takes = if min == max {
                plural(max, "positional argument")
            } else {
                format!("from {min} to {max} positional arguments")
            };
            let verb = if given == 1 { "was" } else { "were" };
            return Err(PyException::new(
                "TypeError",
                format!("{q}() takes {takes} but {given} {verb} given"),
            ));
        }
        let mut slots: Vec<Option<Value>> = vec![None; self.names.len()];
        for (i, a) in args.into_iter().enumerate() {
            slots[i] = Some(a);
        }
        let mut extra = Vec::new();
        for (name, value) in kwargs {
            match self.names.iter().position(|n| **n == *name) {
                Some(i) if slots[i].is_some() => {
                    return Err(PyException::new(
                        "TypeError",
                        format!("{q}() got multiple values for argument '{name}'"),
                    ))
                }
                Some(i) => slots[i] = Some(value),
                None if self.var_kwargs => extra.push((name, value)),
                None => {
                    return Err(PyException::new(
                        "TypeError",
                        format!("{q}() got an unexpected keyword argument '{name}'"),
                    ))
                }
            }
        }
        let missing: Vec<&str> = self.names[..self.required]
            .iter()
            .zip(&slots)
            .filter(|(_, s)| s.is_none())
            .map(|(n, _)| *n)
            .collect();
        if !missing.is_empty() {
            return Err(PyException::new(
                "TypeError",
                format!(
                    "{q}() missing {} {}: {}",
                    missing.len(),
                    if missing.len() == 1 {
                        "required positional argument"
                    } else {
                        "required positional arguments"
                    },
                    quoted_list(&missing)
                ),
            ));
        }
        Ok(Bound { slots, extra })
    }
}

/// A method's arguments bound against `names`, the first `required` of them required.
pub fn bind_method(
    qualname: &str,
    names: &[&str],
    required: usize,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Bound, PyException> {
    Signature {
        qualname,
        names,
        required,
        method: true,
        var_kwargs: false,
    }
    .bind(args, kwargs)
}

/// Binds the arguments of a method that takes none besides `self`: any argument is
/// Python's `TypeError` ("X.f() takes 1 positional argument but 2 were given", "got an
/// unexpected keyword argument").
pub fn no_args(qualname: &str, args: Vec<Value>, kwargs: Kwargs) -> Result<(), PyException> {
    bind_method(qualname, &[], 0, args, kwargs).map(|_| ())
}

/// `TypeError: 'int' object is not iterable`.
pub fn not_iterable(value: &Value) -> PyException {
    PyException::new(
        "TypeError",
        format!("'{}' object is not iterable", value.type_name()),
    )
}

/// The items `for x in value` would give.
pub fn iterate(value: &Value) -> Result<Vec<Value>, PyException> {
    Ok(match value {
        Value::List(items) => items.borrow().clone(),
        Value::Tuple(items) => items.to_vec(),
        Value::Dict(d) => d.borrow().keys(),
        Value::Set(s) => s.borrow().values(),
        Value::Str(s) => s.chars().map(|c| Value::str(&c.to_string())).collect(),
        Value::Bytes(b) => b.iter().map(|x| Value::int(i64::from(*x))).collect(),
        Value::Range(r) => {
            let mut out = Vec::new();
            let mut x = r.start.clone();
            for _ in 0..r.len() {
                out.push(Value::Int(x.clone()));
                x += &r.step;
            }
            out
        }
        Value::DictView(d, kind) => {
            let d = d.borrow();
            match kind {
                crate::python::DictViewKind::Keys => d.keys(),
                crate::python::DictViewKind::Values => d.values(),
                crate::python::DictViewKind::Items => d
                    .items()
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect(),
            }
        }
        Value::Iterator(it) => {
            let mut out = Vec::new();
            while let Some(v) = it.next_value() {
                out.push(v);
            }
            out
        }
        Value::Native(obj) => obj.iter()?,
        other => return Err(not_iterable(other)),
    })
}

/// A number for arithmetic with a float: ints, bools and floats.
pub fn as_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Int(n) => n.to_f64(),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// `TypeError: unsupported operand type(s) for +: 'float' and 'list'`.
pub fn unsupported_operands(op: &str, left: &str, right: &Value) -> PyException {
    PyException::new(
        "TypeError",
        format!(
            "unsupported operand type(s) for {op}: '{left}' and '{}'",
            right.error_type_name()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(r: Result<Bound, PyException>) -> String {
        match r {
            Ok(_) => "ok".into(),
            Err(e) => e.display(),
        }
    }

    // Messages checked against Python 3.11 calling Django's SessionBase methods.
    #[test]
    fn binding_errors_read_like_pythons() {
        let get = |args: Vec<Value>, kwargs: Kwargs| {
            bind_method("SessionBase.get", &["key", "default"], 1, args, kwargs)
        };
        assert_eq!(
            msg(get(vec![], vec![])),
            "TypeError: SessionBase.get() missing 1 required positional argument: 'key'"
        );
        assert_eq!(
            msg(get(
                vec![Value::int(1), Value::int(2), Value::int(3)],
                vec![]
            )),
            "TypeError: SessionBase.get() takes from 2 to 3 positional arguments but 4 were given"
        );
        assert_eq!(
            msg(get(vec![], vec![(Rc::from("key"), Value::int(1))])),
            "ok"
        );
        assert_eq!(
            msg(get(
                vec![Value::int(1)],
                vec![(Rc::from("key"), Value::int(1))]
            )),
            "TypeError: SessionBase.get() got multiple values for argument 'key'"
        );
        assert_eq!(
            msg(bind_method(
                "SessionBase.keys",
                &[],
                0,
                vec![Value::int(1)],
                vec![]
            )),
            "TypeError: SessionBase.keys() takes 1 positional argument but 2 were given"
        );
        assert_eq!(
            msg(bind_method(
                "SessionBase.update",
                &["dict_"],
                1,
                vec![],
                vec![(Rc::from("a"), Value::int(1))]
            )),
            "TypeError: SessionBase.update() got an unexpected keyword argument 'a'"
        );
        assert_eq!(
            msg(bind_method("f", &["a", "b", "c"], 3, vec![], vec![])),
            "TypeError: f() missing 3 required positional arguments: 'a', 'b', and 'c'"
        );
    }

    #[test]
    fn iterates_the_usual_containers() {
        assert_eq!(iterate(&Value::str("ab")).unwrap().len(), 2);
        assert_eq!(
            iterate(&Value::int(5)).unwrap_err().display(),
            "TypeError: 'int' object is not iterable"
        );
    }
}
