//! The standard modules a view can import, one file per module. Each module file has an
//! `install` that registers the module with the interpreter and an `unimplemented` that
//! names what CPython's module has and the simulator does not (refused, never reported as
//! an `AttributeError` or `ImportError` CPython would not raise).

pub(crate) mod abc;
pub(crate) mod asyncio;
pub(crate) mod collections;
pub(crate) mod copy;
pub(crate) mod dataclasses;
pub(crate) mod datetime;
pub(crate) mod decimal;
pub(crate) mod deque;
pub(crate) mod functools;
pub(crate) mod hashlib;
pub(crate) mod itertools;
pub(crate) mod json;
pub(crate) mod logging;
pub(crate) mod math;
pub(crate) mod namedtuple;
pub(crate) mod operator;
pub mod random;
pub(crate) mod string;
pub(crate) mod time;
pub(crate) mod typing;
pub mod uuid;

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::builtins::{arg_range, no_kwargs, take_kw, Kwargs};
use crate::python::eval::{Exec, Interpreter};
use crate::python::syntax::ast::{Stmt, StmtKind};
use crate::python::types::{NativeFunction, PyModule, Value};
use crate::python::PyError;

pub(crate) use datetime::{tz_or_none, tzinfo_arg, utc_value};
pub use datetime::{zone_of, zone_value};

/// A module value with these members.
pub(crate) fn module(name: &str, members: Vec<(&str, Value)>) -> Rc<PyModule> {
    Rc::new(PyModule {
        name: Rc::from(name),
        members: RefCell::new(members.into_iter().map(|(n, v)| (Rc::from(n), v)).collect()),
    })
}

/// Makes every standard module importable; each is built when first imported.
pub(crate) fn install(it: &mut Interpreter) {
    it.pending = vec![
        ("abc", abc::install),
        ("asyncio", asyncio::install),
        ("collections", collections::install),
        ("copy", copy::install),
        ("dataclasses", dataclasses::install),
        ("datetime", datetime::install),
        ("decimal", decimal::install),
        ("functools", functools::install),
        ("hashlib", hashlib::install),
        ("itertools", itertools::install),
        ("json", json::install),
        ("logging", logging::install),
        ("math", math::install),
        ("operator", operator::install),
        ("random", random::install),
        ("string", string::install),
        ("time", time::install),
        ("typing", typing::install),
        ("uuid", uuid::install),
    ];
}

/// The function defined by `source`, Python the simulator writes itself (one `def`, as
/// `dataclass`'s `__init__` or `total_ordering`'s comparisons): parsed with every line 0,
/// so an error the code raises itself names the caller's line, and never shown line by
/// line.
pub(crate) fn generated_function(ex: &mut Exec<'_>, source: &str) -> Result<Value, PyError> {
    let mut module = crate::python::syntax::parse_generated(source)?;
    mark_generated(&mut module.body);
    let Some(StmtKind::FunctionDef(def)) = module.body.first().map(|s| &s.kind) else {
        return Err(PyError::Unsupported {
            what: "code the simulator wrote for this call".into(),
            line: 0,
        });
    };
    ex.make_function(&mut crate::python::eval::Frame::module(), def)
}

/// Marks a parsed function and the functions inside it as code the simulator wrote.
fn mark_generated(body: &mut [Stmt]) {
    for s in body {
        if let StmtKind::FunctionDef(def) = &mut s.kind {
            if let Some(def) = Rc::get_mut(def) {
                def.generated = true;
                mark_generated(&mut def.body);
            }
        }
    }
}

/// Names the library modules have in Python that the simulator does not provide.
pub(crate) fn is_unimplemented_library_name(module: &str, name: &str) -> bool {
    match module {
        "abc" => abc::unimplemented(name),
        "asyncio" => asyncio::unimplemented(name),
        "collections" => collections::unimplemented(name),
        "copy" => copy::unimplemented(name),
        "dataclasses" => dataclasses::unimplemented(name),
        "datetime" => datetime::unimplemented(name),
        "decimal" => decimal::unimplemented(name),
        "functools" => functools::unimplemented(name),
        "hashlib" => hashlib::unimplemented(name),
        "itertools" => itertools::unimplemented(name),
        "json" => json::unimplemented(name),
        "logging" => logging::unimplemented(name),
        "math" => math::unimplemented(name),
        "operator" => operator::unimplemented(name),
        "random" => random::unimplemented(name),
        "string" => string::unimplemented(name),
        "time" => time::unimplemented(name),
        "typing" => typing::unimplemented(name),
        "uuid" => uuid::unimplemented(name),
        _ => false,
    }
}

/// Whether a standard class other than the built-in ones is called through [`construct`].
pub(crate) fn constructs(qualified: &str) -> bool {
    matches!(qualified, "uuid.UUID")
        || itertools::is_class(qualified)
        || collections::is_class(qualified)
}

/// A class attribute of a standard class (`itertools.chain.from_iterable`).
pub(crate) fn class_attr(qualified: &str, name: &str) -> Option<Value> {
    itertools::class_attr(qualified, name).or_else(|| collections::class_attr(qualified, name))
}

/// Whether a native object is a standard-library iterator the evaluator drives.
pub(crate) fn is_driven(obj: &dyn std::any::Any) -> bool {
    itertools::is_driven(obj)
}

/// Whether a native object's methods are called through [`call_native_method`].
pub(crate) fn has_methods(obj: &dyn crate::python::types::NativeObject) -> bool {
    itertools::is_driven(obj.as_any())
        || deque::is_deque(obj.as_any())
        || functools::is_lru(obj.as_any())
}

/// Whether a native object is called through [`call_native`] (a cached function).
pub(crate) fn is_callable(obj: &dyn crate::python::types::NativeObject) -> bool {
    functools::is_lru(obj.as_any())
        || functools::is_partial(obj.as_any())
        || namedtuple::is_method(obj.as_any())
        || dataclasses::is_method(obj.as_any())
        || dataclasses::is_initvar_class(obj.as_any())
        || typing::is_form(obj.as_any())
}

/// Whether a standard-library callable stored in a class binds to the instance it is read
/// from, as a function does (a cached function, a namedtuple's methods).
pub(crate) fn binds(obj: &dyn crate::python::types::NativeObject) -> bool {
    functools::is_lru(obj.as_any())
        || namedtuple::is_method(obj.as_any())
        || dataclasses::is_method(obj.as_any())
}

/// Calls a callable standard-library object.
pub(crate) fn call_native(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn crate::python::types::NativeObject>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    let r = if namedtuple::is_method(obj.as_any()) {
        namedtuple::call(ex, obj, args, kwargs)
    } else if dataclasses::is_method(obj.as_any()) {
        dataclasses::call(ex, obj, args, kwargs)
    } else if dataclasses::is_initvar_class(obj.as_any()) {
        Some(dataclasses::call_initvar(args, kwargs))
    } else if typing::is_form(obj.as_any()) {
        typing::call(ex, &Value::Native(obj.clone()), args, kwargs)
    } else if functools::is_partial(obj.as_any()) {
        functools::call_partial(ex, obj, args, kwargs)
    } else {
        functools::call_lru(ex, obj, args, kwargs)
    };
    r.unwrap_or_else(|| {
        Err(crate::python::types::ops::type_error(format!(
            "'{}' object is not callable",
            obj.error_name()
        )))
    })
}

/// A method of a standard-library object that needs the interpreter (`None`: `obj` is not
/// one).
pub(crate) fn call_native_method(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn crate::python::types::NativeObject>,
    name: &str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Option<Result<Value, PyError>> {
    if itertools::is_driven(obj.as_any()) {
        return itertools::call_method(ex, obj, name, args, kwargs);
    }
    if functools::is_lru(obj.as_any()) {
        return functools::lru_method(obj, name, args, kwargs);
    }
    deque::call_method(ex, obj, name, args, kwargs)
}

/// The next item of a standard-library iterator (`None`: `obj` is not one).
pub(crate) fn next_of(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn crate::python::types::NativeObject>,
) -> Option<Result<Option<Value>, PyError>> {
    itertools::next_of(ex, obj)
}

/// Calls a standard class (`uuid.UUID('…')`).
pub(crate) fn construct(
    ex: &mut Exec<'_>,
    qualified: &str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    match qualified {
        "uuid.UUID" => uuid::construct(ex, args, kwargs),
        q if itertools::is_class(q) => itertools::construct(ex, q, args, kwargs),
        q if collections::is_class(q) => collections::construct(ex, q, args, kwargs),
        _ => Err(crate::python::types::ops::type_error(format!(
            "cannot create '{qualified}' instances"
        ))),
    }
}

/// The arguments of a call to a module function.
pub(crate) struct Args {
    /// The module, for CPython's `math.sqrt() takes exactly one argument` messages.
    module: &'static str,
    pub(crate) args: Vec<Value>,
    pub(crate) kwargs: Kwargs,
}

impl Args {
    /// Checks the number of positional arguments, with CPython's messages.
    pub(crate) fn count(&self, name: &str, min: usize, max: usize) -> Result<(), PyError> {
        if min == 1 && max == 1 && self.args.len() != 1 {
            return Err(crate::python::types::ops::type_error(format!(
                "{}.{name}() takes exactly one argument ({} given)",
                self.module,
                self.args.len()
            )));
        }
        if max == 0 && !self.args.is_empty() {
            return Err(crate::python::types::ops::type_error(format!(
                "{}.{name}() takes no arguments ({} given)",
                self.module,
                self.args.len()
            )));
        }
        arg_range(name, &self.args, min, max)
    }

    pub(crate) fn no_kwargs(&self, name: &str) -> Result<(), PyError> {
        no_kwargs(name, &self.kwargs)
    }

    pub(crate) fn take_kw(&mut self, name: &str) -> Option<Value> {
        take_kw(&mut self.kwargs, name)
    }
}

/// A module function as a value.
pub(crate) fn function(
    module: &'static str,
    name: &'static str,
    body: impl Fn(&mut Exec<'_>, Args) -> Result<Value, PyError> + 'static,
) -> Value {
    Value::NativeFunction(Rc::new(NativeFunction::with_interpreter(
        name,
        move |ex, args, kwargs| {
            body(
                ex,
                Args {
                    module,
                    args,
                    kwargs,
                },
            )
        },
    )))
}
