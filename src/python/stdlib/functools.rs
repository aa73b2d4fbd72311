//! The `functools` module: `reduce` and `partial`. (`lru_cache`, `cache` and `wraps` are
//! refused for now: their wrappers have attributes, `cache_info()` and `__wrapped__`, that a
//! native function value does not carry.)

use std::rc::Rc;

use crate::python::eval::{make_iter, Interpreter};
use crate::python::types::ops::type_error;
use crate::python::types::{NativeFunction, Value};

pub(crate) fn install(it: &mut Interpreter) {
    let members = vec![
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
                ) {
                    return Err(type_error("the first argument must be callable"));
                }
                let func = func.clone();
                let bound = bound.to_vec();
                let bound_kw = a.kwargs;
                let name = "partial";
                Ok(Value::NativeFunction(Rc::new(
                    NativeFunction::with_interpreter(name, move |ex, args, kwargs| {
                        let mut all = bound.clone();
                        all.extend(args);
                        let mut kw = bound_kw.clone();
                        for (k, v) in kwargs {
                            match kw.iter_mut().find(|(n, _)| *n == k) {
                                Some(slot) => slot.1 = v,
                                None => kw.push((k, v)),
                            }
                        }
                        ex.call_value(&func, all, kw)
                    }),
                )))
            }),
        ),
    ];
    it.modules
        .insert("functools".into(), super::module("functools", members));
}

/// What CPython's `functools` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "lru_cache"
            | "cache"
            | "cached_property"
            | "wraps"
            | "update_wrapper"
            | "total_ordering"
            | "cmp_to_key"
            | "singledispatch"
            | "singledispatchmethod"
            | "partialmethod"
            | "WRAPPER_ASSIGNMENTS"
            | "WRAPPER_UPDATES"
    )
}
