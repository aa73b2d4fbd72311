//! The `operator` module: `itemgetter` and `attrgetter` (the usual `key=` of `sorted`), and
//! the functions of the arithmetic and comparison operators.

use std::rc::Rc;

use crate::python::eval::{Exec, Interpreter};
use crate::python::syntax::ast::{BinOp, CmpOp};
use crate::python::types::ops::{self, type_error};
use crate::python::types::{NativeFunction, Value};
use crate::python::PyError;

fn getter(
    name: &'static str,
    keys: Vec<Value>,
    get: fn(&mut Exec<'_>, &Value, &Value) -> Result<Value, PyError>,
) -> Value {
    Value::NativeFunction(Rc::new(NativeFunction::with_interpreter(
        name,
        move |ex, args, kwargs| {
            if !kwargs.is_empty() {
                return Err(type_error(format!("{name}() takes no keyword arguments")));
            }
            if args.len() != 1 {
                return Err(type_error(format!(
                    "{name} expected 1 argument, got {}",
                    args.len()
                )));
            }
            if keys.len() == 1 {
                return get(ex, &args[0], &keys[0]);
            }
            let mut out = Vec::with_capacity(keys.len());
            for k in &keys {
                out.push(get(ex, &args[0], k)?);
            }
            Ok(Value::tuple(out))
        },
    )))
}

fn item(ex: &mut Exec<'_>, obj: &Value, key: &Value) -> Result<Value, PyError> {
    ex.item_of(obj, key)
}

fn attr(ex: &mut Exec<'_>, obj: &Value, path: &Value) -> Result<Value, PyError> {
    let Value::Str(path) = path else {
        return Err(type_error("attribute name must be a string"));
    };
    let mut v = obj.clone();
    for part in path.split('.') {
        v = ex.get_attr(&v, part)?;
    }
    Ok(v)
}

pub(crate) fn install(it: &mut Interpreter) {
    let mut members = vec![
        (
            "itemgetter",
            super::function("operator", "itemgetter", |_, a| {
                a.no_kwargs("itemgetter")?;
                if a.args.is_empty() {
                    return Err(type_error("itemgetter expected 1 argument, got 0"));
                }
                Ok(getter("itemgetter", a.args, item))
            }),
        ),
        (
            "attrgetter",
            super::function("operator", "attrgetter", |_, a| {
                a.no_kwargs("attrgetter")?;
                if a.args.is_empty() {
                    return Err(type_error("attrgetter expected 1 argument, got 0"));
                }
                if a.args.iter().any(|k| !matches!(k, Value::Str(_))) {
                    return Err(type_error("attribute name must be a string"));
                }
                Ok(getter("attrgetter", a.args, attr))
            }),
        ),
    ];
    let binary: [(&'static str, BinOp); 12] = [
        ("add", BinOp::Add),
        ("sub", BinOp::Sub),
        ("mul", BinOp::Mul),
        ("truediv", BinOp::Div),
        ("floordiv", BinOp::FloorDiv),
        ("mod", BinOp::Mod),
        ("pow", BinOp::Pow),
        ("lshift", BinOp::LShift),
        ("rshift", BinOp::RShift),
        ("and_", BinOp::BitAnd),
        ("or_", BinOp::BitOr),
        ("xor", BinOp::BitXor),
    ];
    for (name, op) in binary {
        members.push((
            name,
            super::function("operator", name, move |ex, a| {
                a.no_kwargs(name)?;
                a.count(name, 2, 2)?;
                ex.binary(op, &a.args[0], &a.args[1])
            }),
        ));
    }
    let compare: [(&'static str, CmpOp); 6] = [
        ("lt", CmpOp::Lt),
        ("le", CmpOp::LtE),
        ("eq", CmpOp::Eq),
        ("ne", CmpOp::NotEq),
        ("ge", CmpOp::GtE),
        ("gt", CmpOp::Gt),
    ];
    for (name, op) in compare {
        members.push((
            name,
            super::function("operator", name, move |_, a| {
                a.no_kwargs(name)?;
                a.count(name, 2, 2)?;
                Ok(Value::bool(ops::compare(op, &a.args[0], &a.args[1])?))
            }),
        ));
    }
    members.push((
        "neg",
        super::function("operator", "neg", |_, a| {
            a.count("neg", 1, 1)?;
            ops::unary_op(crate::python::syntax::ast::UnaryOp::Neg, &a.args[0])
        }),
    ));
    members.push((
        "not_",
        super::function("operator", "not_", |ex, a| {
            a.count("not_", 1, 1)?;
            Ok(Value::bool(!ex.truthy(&a.args[0])?))
        }),
    ));
    members.push((
        "getitem",
        super::function("operator", "getitem", |ex, a| {
            a.count("getitem", 2, 2)?;
            ex.item_of(&a.args[0], &a.args[1])
        }),
    ));
    members.push((
        "setitem",
        super::function("operator", "setitem", |_, a| {
            a.count("setitem", 3, 3)?;
            ops::set_item(&a.args[0], a.args[1].clone(), a.args[2].clone())?;
            Ok(Value::None)
        }),
    ));
    members.push((
        "delitem",
        super::function("operator", "delitem", |_, a| {
            a.count("delitem", 2, 2)?;
            ops::del_item(&a.args[0], &a.args[1])?;
            Ok(Value::None)
        }),
    ));
    members.push((
        "truth",
        super::function("operator", "truth", |ex, a| {
            a.count("truth", 1, 1)?;
            Ok(Value::bool(ex.truthy(&a.args[0])?))
        }),
    ));
    for (name, same) in [("is_", true), ("is_not", false)] {
        members.push((
            name,
            super::function("operator", name, move |_, a| {
                a.count(name, 2, 2)?;
                Ok(Value::bool(a.args[0].identity_eq(&a.args[1]) == same))
            }),
        ));
    }
    for (name, op) in [
        ("pos", crate::python::syntax::ast::UnaryOp::Pos),
        ("invert", crate::python::syntax::ast::UnaryOp::Invert),
        ("inv", crate::python::syntax::ast::UnaryOp::Invert),
    ] {
        members.push((
            name,
            super::function("operator", name, move |_, a| {
                a.count(name, 1, 1)?;
                ops::unary_op(op, &a.args[0])
            }),
        ));
    }
    for name in ["countOf", "indexOf"] {
        members.push((
            name,
            super::function("operator", name, move |ex, a| {
                a.count(name, 2, 2)?;
                let mut it = ex.start_iter(a.args[0].clone())?;
                let (mut i, mut n) = (0i64, 0i64);
                while let Some(v) = ex.next_item(&mut it)? {
                    ex.charge(1)?;
                    if v.identity_eq(&a.args[1]) || ex.compare_values(CmpOp::Eq, &v, &a.args[1])? {
                        if name == "indexOf" {
                            return Ok(Value::int(i));
                        }
                        n += 1;
                    }
                    i += 1;
                }
                if name == "indexOf" {
                    return Err(ops::exc(
                        "ValueError",
                        "sequence.index(x): x not in sequence",
                    ));
                }
                Ok(Value::int(n))
            }),
        ));
    }
    members.push((
        "methodcaller",
        super::function("operator", "methodcaller", |_, a| {
            let Some((name, rest)) = a.args.split_first() else {
                return Err(type_error(
                    "methodcaller needs at least one argument, the method name",
                ));
            };
            let Value::Str(name) = name else {
                return Err(type_error("method name must be a string"));
            };
            let (name, bound, bound_kw) = (name.clone(), rest.to_vec(), a.kwargs);
            Ok(Value::NativeFunction(Rc::new(
                NativeFunction::with_interpreter("methodcaller", move |ex, args, kwargs| {
                    if !kwargs.is_empty() {
                        return Err(type_error("methodcaller() takes no keyword arguments"));
                    }
                    if args.len() != 1 {
                        return Err(type_error(format!(
                            "methodcaller expected 1 argument, got {}",
                            args.len()
                        )));
                    }
                    let m = ex.get_attr(&args[0], &name)?;
                    ex.call_value(&m, bound.clone(), bound_kw.clone())
                }),
            )))
        }),
    ));
    members.push((
        "contains",
        super::function("operator", "contains", |_, a| {
            a.count("contains", 2, 2)?;
            Ok(Value::bool(ops::contains(&a.args[0], &a.args[1])?))
        }),
    ));
    it.modules
        .insert("operator".into(), super::module("operator", members));
}

/// What CPython's `operator` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "concat" | "abs" | "index" | "matmul" | "length_hint" | "iadd" | "isub" | "imul" | "call"
    )
}
