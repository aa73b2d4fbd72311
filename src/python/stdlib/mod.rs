//! The standard modules a view can import, one file per module. Each module file has an
//! `install` that registers the module with the interpreter and an `unimplemented` that
//! names what CPython's module has and the simulator does not (refused, never reported as
//! an `AttributeError` or `ImportError` CPython would not raise).

pub(crate) mod datetime;
pub(crate) mod decimal;

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::Interpreter;
use crate::python::types::{PyModule, Value};

pub(crate) use datetime::{is_utc, utc_value};

/// A module value with these members.
pub(crate) fn module(name: &str, members: Vec<(&str, Value)>) -> Rc<PyModule> {
    Rc::new(PyModule {
        name: Rc::from(name),
        members: RefCell::new(members.into_iter().map(|(n, v)| (Rc::from(n), v)).collect()),
    })
}

/// Makes every standard module importable.
pub(crate) fn install(it: &mut Interpreter) {
    datetime::install(it);
    decimal::install(it);
}

/// Names the library modules have in Python that the simulator does not provide.
pub(crate) fn is_unimplemented_library_name(module: &str, name: &str) -> bool {
    match module {
        "datetime" => datetime::unimplemented(name),
        "decimal" => decimal::unimplemented(name),
        _ => false,
    }
}
