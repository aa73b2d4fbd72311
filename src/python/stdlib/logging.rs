//! The `logging` module as views use it: `logger = logging.getLogger(__name__)` and the
//! logger's `debug`, `info`, `warning`, `error`, `exception`, `critical` and `log`, levels,
//! `basicConfig` and `disable`.
//!
//! Where a record goes: with no handler configured (a view's logger, Django's default
//! settings), CPython's last-resort handler writes warnings and above to the process's
//! standard error, never to its output, and a message that does not format is reported there
//! too instead of raised. So a record is checked as CPython checks it (the arguments bound,
//! the keyword arguments and `extra` refused with CPython's errors, only when the level is
//! enabled, as there) and then goes nowhere the simulator shows. Handlers, formatters and
//! filters are refused.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use crate::python::eval::Interpreter;
use crate::python::types::{NativeObject, Value};
use crate::python::{repr, PyError, PyException};

const LEVELS: [(&str, i64); 6] = [
    ("CRITICAL", 50),
    ("ERROR", 40),
    ("WARNING", 30),
    ("INFO", 20),
    ("DEBUG", 10),
    ("NOTSET", 0),
];

/// The attributes of a `LogRecord` (3.11), which `extra` may not set.
const RECORD_FIELDS: &[&str] = &[
    "name",
    "msg",
    "args",
    "levelname",
    "levelno",
    "pathname",
    "filename",
    "module",
    "exc_info",
    "exc_text",
    "stack_info",
    "lineno",
    "funcName",
    "created",
    "msecs",
    "relativeCreated",
    "thread",
    "threadName",
    "processName",
    "process",
    "message",
    "asctime",
];

/// `logging.getLevelName(level)` for a number: its name, or `Level N`.
fn level_name(level: i64) -> String {
    LEVELS
        .iter()
        .find(|(_, n)| *n == level)
        .map_or_else(|| format!("Level {level}"), |(name, _)| name.to_string())
}

fn type_error(message: impl Into<String>) -> PyException {
    PyException::type_error(message)
}

/// A level as `setLevel` and `basicConfig(level=…)` take it: a number or a level's name.
fn check_level(v: &Value) -> Result<i64, PyException> {
    match v {
        Value::Int(_) | Value::Bool(_) => Ok(v.as_i64().unwrap_or(i64::MAX)),
        Value::Str(s) => LEVELS
            .iter()
            .chain(&[("WARN", 30), ("FATAL", 50)])
            .find(|(name, _)| *name == &**s)
            .map(|(_, n)| *n)
            .ok_or_else(|| PyException::value_error(format!("Unknown level: {}", repr(v)))),
        _ => Err(type_error(format!(
            "Level not an integer or a valid string: {}",
            repr(v)
        ))),
    }
}

/// Every logger made so far, by name, and what applies to all of them.
#[derive(Default)]
struct Registry {
    loggers: RefCell<HashMap<String, Rc<Logger>>>,
    /// `logging.disable(level)`: records at this level and below are dropped.
    disabled_up_to: Cell<i64>,
    /// Whether the root logger has a handler (after `basicConfig()`, which the module-level
    /// functions call): a later `basicConfig()` then changes nothing.
    root_handled: Cell<bool>,
}

/// A `logging.Logger` (the root logger when `name` is `root` and it is made first).
struct Logger {
    name: String,
    root: bool,
    level: Cell<i64>,
    propagate: Cell<bool>,
    disabled: Cell<bool>,
    registry: Weak<Registry>,
    root_logger: RefCell<Option<Rc<Logger>>>,
}

impl Logger {
    fn effective_level(&self) -> i64 {
        if self.level.get() != 0 || self.root {
            return self.level.get();
        }
        let Some(registry) = self.registry.upgrade() else {
            return 30;
        };
        let loggers = registry.loggers.borrow();
        let mut name = self.name.as_str();
        while let Some((parent, _)) = name.rsplit_once('.') {
            if let Some(l) = loggers.get(parent) {
                if l.level.get() != 0 {
                    return l.level.get();
                }
            }
            name = parent;
        }
        self.root_logger
            .borrow()
            .as_ref()
            .map_or(30, |r| r.level.get())
    }

    fn enabled_for(&self, level: i64) -> bool {
        if self.disabled.get() {
            return false;
        }
        let floor = self
            .registry
            .upgrade()
            .map_or(0, |r| r.disabled_up_to.get());
        if floor >= level {
            return false;
        }
        level >= self.effective_level()
    }

    fn class_name(&self) -> &'static str {
        if self.root {
            "RootLogger"
        } else {
            "Logger"
        }
    }

    /// `Logger.<method>(msg, *args, **kwargs)` at `level`: the checks CPython makes before
    /// the record reaches a handler.
    fn record(
        &self,
        method: &str,
        level: i64,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
    ) -> Result<Value, PyException> {
        if args.is_empty() {
            return Err(type_error(format!(
                "Logger.{method}() missing 1 required positional argument: 'msg'"
            )));
        }
        if !self.enabled_for(level) {
            return Ok(Value::None);
        }
        let mut seen: Vec<&str> = Vec::new();
        for (k, v) in kwargs {
            if !matches!(&**k, "exc_info" | "extra" | "stack_info" | "stacklevel") {
                return Err(type_error(format!(
                    "Logger._log() got an unexpected keyword argument '{k}'"
                )));
            }
            seen.push(k);
            if &**k == "extra" {
                if let Value::Dict(d) = v {
                    for key in d.borrow().keys() {
                        if let Value::Str(s) = &key {
                            if RECORD_FIELDS.contains(&&**s) {
                                return Err(PyException::with_args(
                                    "KeyError",
                                    vec![Value::str(&format!(
                                        "Attempt to overwrite {} in LogRecord",
                                        repr(&key)
                                    ))],
                                ));
                            }
                        }
                    }
                } else if !v.is_none() {
                    return Err(type_error(format!(
                        "'{}' object is not iterable",
                        v.error_type_name()
                    )));
                }
            }
        }
        Ok(Value::None)
    }
}

impl NativeObject for Logger {
    fn type_name(&self) -> &str {
        self.class_name()
    }

    fn qualified_name(&self) -> String {
        format!("logging.{}", self.class_name())
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "debug"
                | "info"
                | "warning"
                | "warn"
                | "error"
                | "exception"
                | "critical"
                | "fatal"
                | "log"
                | "setLevel"
                | "getEffectiveLevel"
                | "isEnabledFor"
                | "getChild"
                | "hasHandlers"
        )
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Ok(match name {
            "name" => Value::str(&self.name),
            "level" => Value::int(self.level.get()),
            "propagate" => Value::Bool(self.propagate.get()),
            "disabled" => Value::Bool(self.disabled.get()),
            "handlers" | "filters" => Value::list(Vec::new()),
            "parent" if self.root => Value::None,
            _ => {
                return Err(PyException::attribute_error(self.class_name(), name));
            }
        })
    }

    fn unsupported_attr(&self, name: &str) -> bool {
        matches!(
            name,
            "addHandler"
                | "removeHandler"
                | "addFilter"
                | "removeFilter"
                | "filter"
                | "handle"
                | "callHandlers"
                | "makeRecord"
                | "findCaller"
                | "manager"
                | "parent"
        )
    }

    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        match name {
            "level" => self.level.set(check_level(&value)?),
            "propagate" => self.propagate.set(value.is_truthy()),
            "disabled" => self.disabled.set(value.is_truthy()),
            _ => return Err(PyException::attribute_error(self.class_name(), name)),
        }
        Ok(())
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        let no_kwargs = || match kwargs.first() {
            Some((k, _)) => Err(type_error(format!(
                "Logger.{name}() got an unexpected keyword argument '{k}'"
            ))),
            None => Ok(()),
        };
        let one = |what: &str| {
            if args.len() == 1 {
                Ok(args[0].clone())
            } else if args.is_empty() {
                Err(type_error(format!(
                    "Logger.{name}() missing 1 required positional argument: '{what}'"
                )))
            } else {
                Err(type_error(format!(
                    "Logger.{name}() takes 2 positional arguments but {} were given",
                    args.len() + 1
                )))
            }
        };
        let level_of = |method: &str| match method {
            "debug" => 10,
            "info" => 20,
            "warning" | "warn" => 30,
            "error" | "exception" => 40,
            _ => 50,
        };
        match name {
            "debug" | "info" | "warning" | "warn" | "error" | "critical" | "fatal" => {
                self.record(name, level_of(name), &args, &kwargs)
            }
            "exception" => {
                // `exception` is `error` with exc_info=True unless given.
                self.record(name, 40, &args, &kwargs)
            }
            "log" => {
                let Some(level) = args.first() else {
                    return Err(type_error(
                        "Logger.log() missing 2 required positional arguments: 'level' and 'msg'",
                    ));
                };
                if args.len() < 2 {
                    return Err(type_error(
                        "Logger.log() missing 1 required positional argument: 'msg'",
                    ));
                }
                let level = match level {
                    Value::Int(_) | Value::Bool(_) => level.as_i64().unwrap_or(i64::MAX),
                    _ => return Err(type_error("level must be an integer")),
                };
                self.record(name, level, &args[1..], &kwargs)
            }
            "setLevel" => {
                no_kwargs()?;
                let level = check_level(&one("level")?)?;
                self.level.set(level);
                Ok(Value::None)
            }
            "getEffectiveLevel" => {
                no_kwargs()?;
                if !args.is_empty() {
                    return Err(type_error(format!(
                        "Logger.getEffectiveLevel() takes 1 positional argument but {} were given",
                        args.len() + 1
                    )));
                }
                Ok(Value::int(self.effective_level()))
            }
            "isEnabledFor" => {
                no_kwargs()?;
                let level = one("level")?;
                let level = level.as_i64().ok_or_else(|| {
                    type_error(format!(
                        "'>=' not supported between instances of '{}' and 'int'",
                        level.error_type_name()
                    ))
                })?;
                Ok(Value::Bool(self.enabled_for(level)))
            }
            "getChild" => {
                no_kwargs()?;
                let suffix = one("suffix")?;
                let Value::Str(suffix) = suffix else {
                    return Err(type_error(format!(
                        "can only concatenate str (not \"{}\") to str",
                        suffix.error_type_name()
                    )));
                };
                let Some(registry) = self.registry.upgrade() else {
                    return Ok(Value::None);
                };
                let full = if self.root {
                    suffix.to_string()
                } else {
                    format!("{}.{suffix}", self.name)
                };
                let root = self.root_logger.borrow().clone();
                Ok(Value::native(get_logger(&registry, &full, root)))
            }
            "hasHandlers" => {
                no_kwargs()?;
                let handled = self
                    .registry
                    .upgrade()
                    .is_some_and(|r| r.root_handled.get());
                Ok(Value::Bool(handled && (self.root || self.propagate.get())))
            }
            _ => Err(PyException::attribute_error(self.class_name(), name)),
        }
    }

    fn repr(&self) -> String {
        format!(
            "<{} {} ({})>",
            self.class_name(),
            self.name,
            level_name(self.effective_level())
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The logger called `name`, made the first time.
fn get_logger(registry: &Rc<Registry>, name: &str, root: Option<Rc<Logger>>) -> Rc<Logger> {
    if let Some(l) = registry.loggers.borrow().get(name) {
        return l.clone();
    }
    let logger = Rc::new(Logger {
        name: name.to_string(),
        root: false,
        level: Cell::new(0),
        propagate: Cell::new(true),
        disabled: Cell::new(false),
        registry: Rc::downgrade(registry),
        root_logger: RefCell::new(root),
    });
    registry
        .loggers
        .borrow_mut()
        .insert(name.to_string(), logger.clone());
    logger
}

pub(crate) fn install(it: &mut Interpreter) {
    let registry = Rc::new(Registry::default());
    let root = Rc::new(Logger {
        name: "root".into(),
        root: true,
        level: Cell::new(30),
        propagate: Cell::new(true),
        disabled: Cell::new(false),
        registry: Rc::downgrade(&registry),
        root_logger: RefCell::new(None),
    });
    let mut members: Vec<(&str, Value)> = LEVELS
        .iter()
        .chain(&[("WARN", 30), ("FATAL", 50)])
        .map(|(name, n)| (*name, Value::int(*n)))
        .collect();
    members.push(("root", Value::native(root.clone())));
    let (reg, r) = (registry.clone(), root.clone());
    members.push((
        "getLogger",
        super::function("logging", "getLogger", move |_, mut a| {
            let name = a.take_kw("name");
            a.no_kwargs("getLogger")?;
            a.count("getLogger", 0, 1)?;
            let name = a.args.first().cloned().or(name).unwrap_or(Value::None);
            match &name {
                Value::None => Ok(Value::native(r.clone())),
                Value::Str(s) if s.is_empty() || &**s == "root" => Ok(Value::native(r.clone())),
                Value::Str(s) => Ok(Value::native(get_logger(&reg, s, Some(r.clone())))),
                _ => Err(PyError::Exception(type_error(
                    "A logger name must be a string",
                ))),
            }
        }),
    ));
    members.push((
        "getLevelName",
        super::function("logging", "getLevelName", |_, a| {
            a.no_kwargs("getLevelName")?;
            a.count("getLevelName", 1, 1)?;
            let v = &a.args[0];
            Ok(match v {
                Value::Int(_) | Value::Bool(_) => {
                    Value::str(&level_name(v.as_i64().unwrap_or(i64::MAX)))
                }
                Value::Str(s) => match LEVELS
                    .iter()
                    .chain(&[("WARN", 30), ("FATAL", 50)])
                    .find(|(name, _)| *name == &**s)
                {
                    Some((_, n)) => Value::int(*n),
                    None => Value::str(&format!("Level {s}")),
                },
                other => Value::str(&format!("Level {}", crate::python::to_str(other))),
            })
        }),
    ));
    let reg = registry.clone();
    members.push((
        "disable",
        super::function("logging", "disable", move |_, mut a| {
            let level = a.take_kw("level");
            a.no_kwargs("disable")?;
            a.count("disable", 0, 1)?;
            let level = a.args.first().cloned().or(level).unwrap_or(Value::int(50));
            reg.disabled_up_to.set(check_level(&level)?);
            Ok(Value::None)
        }),
    ));
    let (reg, r) = (registry.clone(), root.clone());
    members.push((
        "basicConfig",
        super::function("logging", "basicConfig", move |_, mut a| {
            if !a.args.is_empty() {
                return Err(PyError::Exception(type_error(format!(
                    "basicConfig() takes 0 positional arguments but {} were given",
                    a.args.len()
                ))));
            }
            let force = a.take_kw("force").is_some_and(|v| v.is_truthy());
            let level = a.take_kw("level");
            for name in ["format", "datefmt", "style"] {
                let _ = a.take_kw(name);
            }
            if let Some((k, _)) = a.kwargs.first() {
                return Err(PyError::Unsupported {
                    what: format!(
                        "logging.basicConfig({k}=…) (records go nowhere the simulator shows)"
                    ),
                    line: 0,
                });
            }
            if reg.root_handled.get() && !force {
                return Ok(Value::None);
            }
            reg.root_handled.set(true);
            if let Some(level) = level {
                r.level.set(check_level(&level)?);
            }
            Ok(Value::None)
        }),
    ));
    for (name, method) in [
        ("debug", "debug"),
        ("info", "info"),
        ("warning", "warning"),
        ("warn", "warn"),
        ("error", "error"),
        ("exception", "exception"),
        ("critical", "critical"),
        ("fatal", "fatal"),
        ("log", "log"),
    ] {
        let (reg, r) = (registry.clone(), root.clone());
        members.push((
            name,
            super::function("logging", name, move |_, a| {
                // The module's functions bind their arguments, configure the root logger
                // when it has no handler (`basicConfig()`), then log to it.
                let missing = match (method, a.args.len()) {
                    ("log", 0) => Some("2 required positional arguments: 'level' and 'msg'"),
                    ("log", 1) | (_, 0) => Some("1 required positional argument: 'msg'"),
                    _ => None,
                };
                if let Some(what) = missing {
                    return Err(PyError::Exception(type_error(format!(
                        "{name}() missing {what}"
                    ))));
                }
                reg.root_handled.set(true);
                r.call_method(method, a.args, a.kwargs)
                    .map_err(PyError::Exception)
            }),
        ));
    }
    // The module's functions hold the registry; the loggers point back to it weakly.
    it.modules
        .insert("logging".into(), super::module("logging", members));
}

/// What CPython's `logging` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "Handler"
            | "StreamHandler"
            | "FileHandler"
            | "NullHandler"
            | "Formatter"
            | "Filter"
            | "Filterer"
            | "LogRecord"
            | "LoggerAdapter"
            | "Logger"
            | "RootLogger"
            | "Manager"
            | "PlaceHolder"
            | "BufferingFormatter"
            | "PercentStyle"
            | "StrFormatStyle"
            | "StringTemplateStyle"
            | "config"
            | "handlers"
            | "captureWarnings"
            | "getLoggerClass"
            | "setLoggerClass"
            | "getLogRecordFactory"
            | "setLogRecordFactory"
            | "makeLogRecord"
            | "addLevelName"
            | "getLevelNamesMapping"
            | "getHandlerByName"
            | "getHandlerNames"
            | "lastResort"
            | "raiseExceptions"
            | "shutdown"
            | "logThreads"
            | "logProcesses"
            | "logMultiprocessing"
            | "BASIC_FORMAT"
    )
}
