//! Calling values: user functions (binding arguments to parameters), built-ins, methods,
//! native functions, classes.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::{Exec, Flow, Frame, MAX_CALL_DEPTH};
use crate::python::syntax::ast::ParamKind;
use crate::python::types::coroutine::{Body, Coroutine};
use crate::python::types::generator::Generator;
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{Dict, Function, Value};
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
            Value::NativeFunction(nf) => nf.call(self, args, kwargs),
            Value::NativeMethod(obj, name) => {
                if let Some(c) = obj.as_any().downcast_ref::<Coroutine>() {
                    return self.coroutine_method(c, name, args, kwargs);
                }
                if let Some(g) = obj.as_any().downcast_ref::<Generator>() {
                    return self.generator_method(obj, g, name, args, kwargs);
                }
                if crate::python::stdlib::has_methods(&**obj) {
                    let receiver = Value::Native(obj.clone());
                    return self.call_method(&receiver, name, args, kwargs);
                }
                Ok(obj.call_method(name, args, kwargs)?)
            }
            Value::Type(t) => self.construct(t, args, kwargs),
            Value::Wrapped(w) => self.call_wrapped(w, args, kwargs),
            Value::Native(obj) if crate::python::stdlib::is_callable(&**obj) => {
                crate::python::stdlib::call_native(self, obj, args, kwargs)
            }
            Value::Instance(_) => match self.special(f, "__call__") {
                Some(m) => self.call_value(&m, args, kwargs),
                None => Err(type_error(format!(
                    "'{}' object is not callable",
                    f.error_type_name()
                ))),
            },
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
        let mut locals = bind_arguments(func, args, kwargs)?;
        let cells = if def.has_cells() {
            (0..locals.len())
                .map(|i| {
                    def.is_cell(i)
                        .then(|| Rc::new(RefCell::new(locals[i].take())))
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut frame = Frame {
            def: Some(def.clone()),
            locals,
            cells,
            free: func.closure.clone(),
            class_ns: None,
            class: func.owner.borrow().as_ref().and_then(|w| w.upgrade()),
            comp: Vec::new(),
            handling: Vec::new(),
            enclosing: Vec::new(),
        };
        if def.is_generator {
            let qualname: Rc<str> = Rc::from(func.qualname().as_str());
            return Ok(Value::Native(Rc::new(Generator::new(qualname, frame))));
        }
        if def.is_async {
            let qualname: Rc<str> = Rc::from(func.qualname().as_str());
            return Ok(Value::Native(Rc::new(Coroutine::new(
                qualname,
                Body::Frame(Box::new(frame)),
            ))));
        }
        let saved_line = self.it.line;
        self.it.depth += 1;
        crate::python::eval::budget::set_frames(self.it.depth);
        let r = self.exec_block(&mut frame, &def.body);
        self.it.depth -= 1;
        crate::python::eval::budget::set_frames(self.it.depth);
        self.it.line = saved_line;
        match r {
            Ok(Flow::Return(v)) => {
                drop(frame);
                Ok(v)
            }
            Ok(_) => {
                drop(frame);
                Ok(Value::None)
            }
            Err(PyError::Exception(e)) => self.leave_frame_raising(frame, e),
            Err(e) => {
                drop(frame);
                Err(e)
            }
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
    // The function's `__qualname__`, which an assignment may have changed (CPython's
    // messages use it).
    let name: Rc<str> = if func.attrs.borrow().is_empty() {
        func.def.qualname().clone()
    } else {
        Rc::from(func.qualname().as_str())
    };
    let n_pos = params
        .iter()
        .filter(|p| matches!(p.kind, ParamKind::PositionalOnly | ParamKind::Normal))
        .count();
    let varargs = params.iter().position(|p| p.kind == ParamKind::VarArgs);
    let varkw = params.iter().position(|p| p.kind == ParamKind::VarKeywords);
    let mut locals: Vec<Option<Value>> = vec![None; def.locals.len()];
    let given = args.len();
    let mut args = args.into_iter();
    for slot in locals.iter_mut().take(n_pos) {
        match args.next() {
            Some(v) => *slot = Some(v),
            None => break,
        }
    }
    let extra: Vec<Value> = args.collect();
    if let Some(i) = varargs {
        locals[i] = Some(Value::tuple(extra.clone()));
    }
    let mut extra_kw = Dict::new();
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (k, v) in kwargs {
        let found = params.iter().position(|p| {
            p.name == k && matches!(p.kind, ParamKind::Normal | ParamKind::KeywordOnly)
        });
        match found {
            Some(i) => {
                if locals[i].is_some() {
                    return Err(type_error(format!(
                        "{name}() got multiple values for argument '{k}'"
                    )));
                }
                locals[i] = Some(v);
            }
            None if varkw.is_some() => {
                extra_kw.insert(Value::Str(k), v)?;
            }
            None if params
                .iter()
                .any(|p| p.name == k && p.kind == ParamKind::PositionalOnly) =>
            {
                posonly_as_kw.push(k.to_string());
            }
            None => {
                return Err(type_error(format!(
                    "{name}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(type_error(format!(
            "{name}() got some positional-only arguments passed as keyword arguments: '{}'",
            posonly_as_kw.join(", ")
        )));
    }
    if let Some(i) = varkw {
        locals[i] = Some(Value::dict(extra_kw));
    }
    if !extra.is_empty() && varargs.is_none() {
        let n_defaults = params[..n_pos]
            .iter()
            .filter(|p| p.default.is_some())
            .count();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let takes = if n_defaults > 0 {
            format!(
                "from {} to {n_pos} positional arguments",
                n_pos - n_defaults
            )
        } else {
            format!("{n_pos} positional argument{}", plural(n_pos))
        };
        let kwonly_given = params
            .iter()
            .enumerate()
            .filter(|(i, p)| p.kind == ParamKind::KeywordOnly && locals[*i].is_some())
            .count();
        let kwonly = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{})",
                plural(given),
                plural(kwonly_given)
            )
        } else {
            String::new()
        };
        let verb = if given == 1 && kwonly_given == 0 {
            "was"
        } else {
            "were"
        };
        return Err(type_error(format!(
            "{name}() takes {takes} but {given}{kwonly} {verb} given"
        )));
    }
    let mut missing = Vec::new();
    let mut missing_kw = Vec::new();
    for (i, p) in params.iter().enumerate() {
        if locals[i].is_some() || matches!(p.kind, ParamKind::VarArgs | ParamKind::VarKeywords) {
            continue;
        }
        match &func.defaults[i] {
            Some(d) => locals[i] = Some(d.clone()),
            None if p.kind == ParamKind::KeywordOnly => missing_kw.push(format!("'{}'", p.name)),
            None => missing.push(format!("'{}'", p.name)),
        }
    }
    for (list, what) in [(missing, "positional"), (missing_kw, "keyword-only")] {
        if list.is_empty() {
            continue;
        }
        let names = match list.len() {
            1 => list[0].clone(),
            2 => format!("{} and {}", list[0], list[1]),
            _ => {
                let (last, rest) = list.split_last().unwrap_or((&list[0], &[]));
                format!("{}, and {last}", rest.join(", "))
            }
        };
        return Err(type_error(format!(
            "{name}() missing {} required {what} argument{}: {names}",
            list.len(),
            if list.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(locals)
}
