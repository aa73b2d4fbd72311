//! `django.utils.timezone` with the settings every scenario runs under: `USE_TZ = True` and
//! `TIME_ZONE = "UTC"`, so the current (and default) zone is `zoneinfo.ZoneInfo(key='UTC')`
//! and `now()` is the virtual clock as an aware UTC datetime.

use crate::django::pyargs::Signature;
use crate::django::session::SharedServer;
use crate::python::{DateTime, PyException, Tz, Value};

/// The names of the module. `utc`, which Django 5.0 removed, is not one of them, so importing
/// it fails with Django's `ImportError`.
pub fn module(server: SharedServer) -> Vec<(&'static str, Value)> {
    let now_server = server.clone();
    let local_server = server.clone();
    let date_server = server;
    vec![
        (
            "now",
            Value::native_function("now", move |args, kwargs| {
                sig("now", &[], 0).bind(args, kwargs)?;
                Ok(Value::DateTime(now_server.borrow().now_datetime()))
            }),
        ),
        (
            "is_aware",
            Value::native_function("is_aware", |args, kwargs| {
                let a = sig("is_aware", &["value"], 1).bind(args, kwargs)?;
                Ok(Value::Bool(utcoffset(&a.req(0))?.is_some()))
            }),
        ),
        (
            "is_naive",
            Value::native_function("is_naive", |args, kwargs| {
                let a = sig("is_naive", &["value"], 1).bind(args, kwargs)?;
                Ok(Value::Bool(utcoffset(&a.req(0))?.is_none()))
            }),
        ),
        (
            "make_aware",
            Value::native_function("make_aware", |args, kwargs| {
                let a = sig("make_aware", &["value", "timezone"], 1).bind(args, kwargs)?;
                let value = a.req(0);
                let tz = zone_or_current(a.get(1))?;
                if utcoffset(&value)?.is_some() {
                    return Err(PyException::value_error(format!(
                        "make_aware expects a naive datetime, got {}",
                        crate::python::to_str(&value)
                    )));
                }
                Ok(match value {
                    Value::DateTime(d) => Value::DateTime(d.with_tz(Some(tz))),
                    Value::Time(t) => Value::Time(crate::python::Time { tz: Some(tz), ..t }),
                    other => other,
                })
            }),
        ),
        (
            "make_naive",
            Value::native_function("make_naive", |args, kwargs| {
                let a = sig("make_naive", &["value", "timezone"], 1).bind(args, kwargs)?;
                let value = a.req(0);
                let tz = zone_or_current(a.get(1))?;
                if utcoffset(&value)?.is_none() {
                    return Err(PyException::value_error(
                        "make_naive() cannot be applied to a naive datetime",
                    ));
                }
                Ok(Value::DateTime(
                    datetime_of(&value, "astimezone")?
                        .astimezone(tz)?
                        .with_tz(None),
                ))
            }),
        ),
        (
            "localtime",
            Value::native_function("localtime", move |args, kwargs| {
                let a = sig("localtime", &["value", "timezone"], 0).bind(args, kwargs)?;
                let value = match a.get(0) {
                    None | Some(Value::None) => {
                        Value::DateTime(local_server.borrow().now_datetime())
                    }
                    Some(v) => v,
                };
                let tz = zone_or_current(a.get(1))?;
                localtime(&value, tz).map(Value::DateTime)
            }),
        ),
        (
            "localdate",
            Value::native_function("localdate", move |args, kwargs| {
                let a = sig("localdate", &["value", "timezone"], 0).bind(args, kwargs)?;
                let value = match a.get(0) {
                    None | Some(Value::None) => {
                        Value::DateTime(date_server.borrow().now_datetime())
                    }
                    Some(v) => v,
                };
                let tz = zone_or_current(a.get(1))?;
                localtime(&value, tz).map(|d| Value::Date(d.date()))
            }),
        ),
        (
            "get_current_timezone",
            Value::native_function("get_current_timezone", |args, kwargs| {
                sig("get_current_timezone", &[], 0).bind(args, kwargs)?;
                Ok(crate::python::stdlib::zone_value(Tz::ZONEINFO_UTC))
            }),
        ),
        (
            "get_default_timezone",
            Value::native_function("get_default_timezone", |args, kwargs| {
                sig("get_default_timezone", &[], 0).bind(args, kwargs)?;
                Ok(crate::python::stdlib::zone_value(Tz::ZONEINFO_UTC))
            }),
        ),
        (
            "get_current_timezone_name",
            Value::native_function("get_current_timezone_name", |args, kwargs| {
                sig("get_current_timezone_name", &[], 0).bind(args, kwargs)?;
                Ok(Value::str("UTC"))
            }),
        ),
        (
            "get_default_timezone_name",
            Value::native_function("get_default_timezone_name", |args, kwargs| {
                sig("get_default_timezone_name", &[], 0).bind(args, kwargs)?;
                Ok(Value::str("UTC"))
            }),
        ),
    ]
}

fn sig<'a>(qualname: &'a str, names: &'a [&'a str], required: usize) -> Signature<'a> {
    Signature {
        qualname,
        names,
        required,
        method: false,
        var_kwargs: false,
    }
}

/// `value.utcoffset()`, as Django's `is_aware` calls it: an `AttributeError` for a value
/// without the method (a date, a string).
fn utcoffset(value: &Value) -> Result<Option<Tz>, PyException> {
    match value {
        Value::DateTime(d) => Ok(d.tz),
        Value::Time(t) => Ok(t.tz),
        other => Err(no_attr(other, "utcoffset")),
    }
}

fn no_attr(value: &Value, name: &str) -> PyException {
    PyException::new(
        "AttributeError",
        format!(
            "'{}' object has no attribute '{name}'",
            value.error_type_name()
        ),
    )
}

fn datetime_of(value: &Value, method: &str) -> Result<DateTime, PyException> {
    match value {
        Value::DateTime(d) => Ok(*d),
        other => Err(no_attr(other, method)),
    }
}

/// The `timezone` argument: the current zone (`ZoneInfo('UTC')`) when not given.
fn zone_or_current(arg: Option<Value>) -> Result<Tz, PyException> {
    match arg {
        None | Some(Value::None) => Ok(Tz::ZONEINFO_UTC),
        Some(v) => crate::python::stdlib::zone_of(&v).ok_or_else(|| {
            PyException::type_error(format!(
                "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                v.error_type_name()
            ))
        }),
    }
}

fn localtime(value: &Value, tz: Tz) -> Result<DateTime, PyException> {
    if utcoffset(value)?.is_none() {
        return Err(PyException::value_error(
            "localtime() cannot be applied to a naive datetime",
        ));
    }
    datetime_of(value, "astimezone")?.astimezone(tz)
}
