//! Calling values: user functions (binding arguments to parameters), built-ins, methods,
//! native functions, classes.

use std::rc::Rc;

use crate::python::eval::{Exec, Flow, Frame, MAX_CALL_DEPTH};
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{Function, Value};
use crate::python::PyError;

impl Exec<'_> {
    // ------------------------------------------------------------------ calls

    pub(crate) fn call_value(
        &mut self,
        f: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        match f {
            Value::Function(func) => self.call_function(func, args, kwargs),
            Value::Builtin(b) => self.call_builtin(*b, args, kwargs),
            Value::Method(m) => {
                let receiver = m.receiver.clone();
                let name = m.name.clone();
                self.call_method(&receiver, &name, args, kwargs)
            }
            Value::NativeFunction(nf) => Ok((nf.func)(args, kwargs)?),
            Value::NativeMethod(obj, name) => Ok(obj.call_method(name, args, kwargs)?),
            Value::Type(t) => self.construct(t, args, kwargs),
            other => Err(type_error(format!(
                "'{}' object is not callable",
                other.error_type_name()
            ))),
        }
    }

    pub(crate) fn call_function(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        if self.it.depth >= MAX_CALL_DEPTH {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.check_stack()?;
        let def = func.def.clone();
        let locals = bind_arguments(func, args, kwargs)?;
        let mut frame = Frame {
            def: Some(def.clone()),
            locals,
            comp: Vec::new(),
            handling: Vec::new(),
        };
        let saved_line = self.it.line;
        self.it.depth += 1;
        let r = self.exec_block(&mut frame, &def.body);
        self.it.depth -= 1;
        self.it.line = saved_line;
        match r? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Value::None),
        }
    }
}

/// Matches call arguments to parameters, with Python 3.11's messages.
pub(crate) fn bind_arguments(
    func: &Function,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<Vec<Option<Value>>, PyError> {
    let def = &func.def;
    let params = &def.params;
    let name = &def.name;
    let n_params = params.len();
    let n_required = params.iter().filter(|p| p.default.is_none()).count();
    if args.len() > n_params {
        let takes = if n_required == n_params {
            format!(
                "{n_params} positional argument{}",
                if n_params == 1 { "" } else { "s" }
            )
        } else {
            format!("from {n_required} to {n_params} positional arguments")
        };
        let given = args.len();
        return Err(type_error(format!(
            "{name}() takes {takes} but {given} {} given",
            if given == 1 { "was" } else { "were" }
        )));
    }
    let mut locals: Vec<Option<Value>> = vec![None; def.locals.len()];
    for (i, v) in args.into_iter().enumerate() {
        locals[i] = Some(v);
    }
    for (k, v) in kwargs {
        match params.iter().position(|p| p.name == k) {
            Some(i) => {
                if locals[i].is_some() {
                    return Err(type_error(format!(
                        "{name}() got multiple values for argument '{k}'"
                    )));
                }
                locals[i] = Some(v);
            }
            None => {
                return Err(type_error(format!(
                    "{name}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let first_default = n_params - func.defaults.len();
    let mut missing = Vec::new();
    for (i, p) in params.iter().enumerate() {
        if locals[i].is_none() {
            if i >= first_default {
                locals[i] = Some(func.defaults[i - first_default].clone());
            } else {
                missing.push(format!("'{}'", p.name));
            }
        }
    }
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => {
                let (last, rest) = missing.split_last().unwrap_or((&missing[0], &[]));
                format!("{}, and {last}", rest.join(", "))
            }
        };
        return Err(type_error(format!(
            "{name}() missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(locals)
}
