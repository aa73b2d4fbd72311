//! The `decimal` module: `Decimal` (the value and its methods are in `types::decimal`) and
//! its exception classes.

use crate::python::eval::Interpreter;
use crate::python::types::{BuiltinType, PyType, Value};

pub(crate) fn install(it: &mut Interpreter) {
    let t = |b| Value::Type(PyType::Builtin(b));
    it.modules.insert(
        "decimal".into(),
        super::module(
            "decimal",
            vec![
                ("Decimal", t(BuiltinType::Decimal)),
                (
                    "InvalidOperation",
                    Value::exception_class("InvalidOperation"),
                ),
                ("DivisionByZero", Value::exception_class("DivisionByZero")),
                (
                    "DecimalException",
                    Value::exception_class("DecimalException"),
                ),
            ]
            .into_iter()
            .chain(
                crate::python::types::decimal::Rounding::NAMES
                    .iter()
                    .map(|n| (*n, Value::str(n))),
            )
            .collect(),
        ),
    );
}

/// What CPython's `decimal` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "getcontext" | "setcontext" | "localcontext" | "Context"
    )
}
