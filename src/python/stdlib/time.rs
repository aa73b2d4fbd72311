//! The `time` module on the simulator's virtual clock: `time()`, `time_ns()`, `monotonic()`
//! and `perf_counter()` read the time the simulator set for the current request (the same
//! time `datetime.now()` gives), so a view that measures or rate-limits sees the scenario's
//! clock, not the machine's. The clock does not move while a view runs: two readings in one
//! request are equal.

use super::Args;
use crate::python::eval::{Exec, Interpreter};
use crate::python::types::Value;
use crate::python::PyError;

fn micros(ex: &Exec<'_>) -> i128 {
    ex.it.now.unix_micros()
}

fn seconds(ex: &mut Exec<'_>, a: Args, name: &str) -> Result<Value, PyError> {
    a.no_kwargs(name)?;
    a.count(name, 0, 0)?;
    Ok(Value::float(micros(ex) as f64 / 1e6))
}

fn nanoseconds(ex: &mut Exec<'_>, a: Args, name: &str) -> Result<Value, PyError> {
    a.no_kwargs(name)?;
    a.count(name, 0, 0)?;
    Ok(Value::from_bigint((micros(ex) * 1000).into()))
}

pub(crate) fn install(it: &mut Interpreter) {
    let members = vec![
        (
            "time",
            super::function("time", "time", |ex, a| seconds(ex, a, "time")),
        ),
        (
            "monotonic",
            super::function("time", "monotonic", |ex, a| seconds(ex, a, "monotonic")),
        ),
        (
            "perf_counter",
            super::function("time", "perf_counter", |ex, a| {
                seconds(ex, a, "perf_counter")
            }),
        ),
        (
            "time_ns",
            super::function("time", "time_ns", |ex, a| nanoseconds(ex, a, "time_ns")),
        ),
        (
            "monotonic_ns",
            super::function("time", "monotonic_ns", |ex, a| {
                nanoseconds(ex, a, "monotonic_ns")
            }),
        ),
        (
            "perf_counter_ns",
            super::function("time", "perf_counter_ns", |ex, a| {
                nanoseconds(ex, a, "perf_counter_ns")
            }),
        ),
    ];
    it.modules
        .insert("time".into(), super::module("time", members));
}

/// What CPython's `time` has that the simulator does not (`sleep` would wait on a clock the
/// simulator moves only between requests).
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "sleep"
            | "gmtime"
            | "localtime"
            | "mktime"
            | "strftime"
            | "strptime"
            | "ctime"
            | "asctime"
            | "struct_time"
            | "timezone"
            | "altzone"
            | "daylight"
            | "tzname"
            | "process_time"
            | "process_time_ns"
            | "thread_time"
            | "thread_time_ns"
            | "get_clock_info"
            | "clock_gettime"
            | "clock_gettime_ns"
    )
}
