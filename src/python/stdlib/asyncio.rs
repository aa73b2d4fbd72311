//! The part of `asyncio` an async view uses: `run`, `sleep(0)` (and any delay not above
//! zero), `iscoroutine`, `iscoroutinefunction`. One task runs at a time (see
//! `types::coroutine`), so what needs a second task to interleave with (`gather`,
//! `create_task`, `wait`, queues, locks) is refused, and so is a positive delay: the virtual
//! clock moves only between requests, as for `time.sleep`.

use super::Args;
use crate::python::eval::Interpreter;
use crate::python::types::coroutine::interpreter_coroutine;
use crate::python::types::ops::type_error;
use crate::python::types::Value;
use crate::python::PyError;

pub(crate) fn install(it: &mut Interpreter) {
    let members = vec![
        (
            "run",
            super::function("asyncio", "run", |ex, mut a| {
                // `debug=` only changes what asyncio logs.
                let _ = a.take_kw("debug");
                a.no_kwargs("run")?;
                if a.args.len() != 1 {
                    return Err(type_error(format!(
                        "run() takes 1 positional argument but {} were given",
                        a.args.len()
                    )));
                }
                ex.run_in_loop(&a.args[0])
            }),
        ),
        ("sleep", super::function("asyncio", "sleep", sleep)),
        (
            "iscoroutine",
            super::function("asyncio", "iscoroutine", |_, a| {
                a.no_kwargs("iscoroutine")?;
                a.count("iscoroutine", 1, 1)?;
                Ok(Value::Bool(a.args[0].is_coroutine()))
            }),
        ),
        (
            "iscoroutinefunction",
            super::function("asyncio", "iscoroutinefunction", |_, a| {
                a.no_kwargs("iscoroutinefunction")?;
                a.count("iscoroutinefunction", 1, 1)?;
                Ok(Value::Bool(a.args[0].is_coroutine_function()))
            }),
        ),
    ];
    it.modules
        .insert("asyncio".into(), super::module("asyncio", members));
}

/// `asyncio.sleep(delay, result=None)`: binds its arguments at the call (it is an
/// `async def` in CPython), compares the delay with 0 when awaited.
fn sleep(_: &mut crate::python::eval::Exec<'_>, mut a: Args) -> Result<Value, PyError> {
    let mut delay = None;
    let mut result = None;
    if let Some(v) = a.take_kw("delay") {
        delay = Some(v);
    }
    if let Some(v) = a.take_kw("result") {
        result = Some(v);
    }
    if let Some((k, _)) = a.kwargs.first() {
        return Err(type_error(format!(
            "sleep() got an unexpected keyword argument '{k}'"
        )));
    }
    if a.args.len() > 2 {
        return Err(type_error(format!(
            "sleep() takes from 1 to 2 positional arguments but {} were given",
            a.args.len()
        )));
    }
    let mut args = a.args.into_iter();
    for (slot, name) in [(&mut delay, "delay"), (&mut result, "result")] {
        if let Some(v) = args.next() {
            if slot.is_some() {
                return Err(type_error(format!(
                    "sleep() got multiple values for argument '{name}'"
                )));
            }
            *slot = Some(v);
        }
    }
    let Some(delay) = delay else {
        return Err(type_error(
            "sleep() missing 1 required positional argument: 'delay'",
        ));
    };
    let result = result.unwrap_or(Value::None);
    Ok(interpreter_coroutine("sleep", move |ex| {
        let positive = match &delay {
            Value::Bool(b) => *b,
            Value::Int(n) => n.sign() == num_bigint::Sign::Plus,
            Value::Float(f) => *f > 0.0 || f.is_nan(),
            Value::Decimal(d) => !d.is_zero() && !d.negative,
            other => {
                return Err(type_error(format!(
                    "'<=' not supported between instances of '{}' and 'int'",
                    other.error_type_name()
                )))
            }
        };
        if positive {
            return Err(PyError::Unsupported {
                what:
                    "asyncio.sleep() with a delay (the virtual clock moves only between requests)"
                        .into(),
                line: 0,
            });
        }
        if !ex.it.in_loop {
            return Err(PyError::Unsupported {
                what: "asyncio.sleep() outside a running event loop".into(),
                line: 0,
            });
        }
        Ok(result)
    }))
}

/// What CPython's `asyncio` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    UNIMPLEMENTED.contains(&name)
}

const UNIMPLEMENTED: &[&str] = &[
    "ALL_COMPLETED",
    "AbstractChildWatcher",
    "AbstractEventLoop",
    "AbstractEventLoopPolicy",
    "AbstractServer",
    "Barrier",
    "BaseEventLoop",
    "BaseProtocol",
    "BaseTransport",
    "BoundedSemaphore",
    "BrokenBarrierError",
    "BufferedProtocol",
    "CancelledError",
    "Condition",
    "DatagramProtocol",
    "DatagramTransport",
    "DefaultEventLoopPolicy",
    "Event",
    "FIRST_COMPLETED",
    "FIRST_EXCEPTION",
    "FastChildWatcher",
    "Future",
    "Handle",
    "IncompleteReadError",
    "InvalidStateError",
    "LifoQueue",
    "LimitOverrunError",
    "Lock",
    "MultiLoopChildWatcher",
    "PidfdChildWatcher",
    "PriorityQueue",
    "Protocol",
    "Queue",
    "QueueEmpty",
    "QueueFull",
    "ReadTransport",
    "Runner",
    "SafeChildWatcher",
    "SelectorEventLoop",
    "Semaphore",
    "SendfileNotAvailableError",
    "Server",
    "StreamReader",
    "StreamReaderProtocol",
    "StreamWriter",
    "SubprocessProtocol",
    "SubprocessTransport",
    "Task",
    "TaskGroup",
    "ThreadedChildWatcher",
    "Timeout",
    "TimeoutError",
    "TimerHandle",
    "Transport",
    "WriteTransport",
    "all_tasks",
    "as_completed",
    "base_events",
    "base_futures",
    "base_subprocess",
    "base_tasks",
    "constants",
    "coroutines",
    "create_subprocess_exec",
    "create_subprocess_shell",
    "create_task",
    "current_task",
    "ensure_future",
    "events",
    "exceptions",
    "format_helpers",
    "futures",
    "gather",
    "get_child_watcher",
    "get_event_loop",
    "get_event_loop_policy",
    "get_running_loop",
    "isfuture",
    "locks",
    "log",
    "mixins",
    "new_event_loop",
    "open_connection",
    "open_unix_connection",
    "protocols",
    "queues",
    "run_coroutine_threadsafe",
    "runners",
    "selector_events",
    "set_child_watcher",
    "set_event_loop",
    "set_event_loop_policy",
    "shield",
    "sslproto",
    "staggered",
    "start_server",
    "start_unix_server",
    "streams",
    "subprocess",
    "sys",
    "taskgroups",
    "tasks",
    "threads",
    "timeout",
    "timeout_at",
    "timeouts",
    "to_thread",
    "transports",
    "trsock",
    "unix_events",
    "wait",
    "wait_for",
    "wrap_future",
];
