//! The `datetime` module: `datetime`, `date`, `timedelta`, `timezone` (the values and their
//! methods are in `types::datetime`).

use std::rc::Rc;

use crate::python::eval::Interpreter;
use crate::python::types::{BuiltinType, NativeObject, PyType, Value};

/// `datetime.timezone.utc`.
pub(crate) struct UtcZone;

impl NativeObject for UtcZone {
    fn type_name(&self) -> &str {
        "timezone"
    }
    fn qualified_name(&self) -> String {
        "datetime.timezone".into()
    }
    fn repr(&self) -> String {
        "datetime.timezone.utc".into()
    }
    fn to_str(&self) -> String {
        "UTC".into()
    }
    fn error_name(&self) -> &str {
        "datetime.timezone"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub(crate) fn utc_value() -> Value {
    Value::Native(Rc::new(UtcZone))
}

pub(crate) fn is_utc(v: &Value) -> bool {
    matches!(v, Value::Native(obj) if obj.as_any().is::<UtcZone>())
}

pub(crate) fn install(it: &mut Interpreter) {
    let t = |b| Value::Type(PyType::Builtin(b));
    it.modules.insert(
        "datetime".into(),
        super::module(
            "datetime",
            vec![
                ("datetime", t(BuiltinType::DateTime)),
                ("date", t(BuiltinType::Date)),
                ("timedelta", t(BuiltinType::TimeDelta)),
                ("timezone", t(BuiltinType::TimeZone)),
                ("UTC", utc_value()),
                ("MINYEAR", Value::int(1)),
                ("MAXYEAR", Value::int(9999)),
            ],
        ),
    );
}

/// What CPython's `datetime` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(name, "time" | "tzinfo" | "datetime_CAPI")
}
