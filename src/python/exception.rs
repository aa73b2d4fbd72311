//! Python exceptions as plain data, and the built-in exception class hierarchy.

use std::fmt;
use std::rc::Rc;

use crate::python::text::repr::repr;
use crate::python::types::Value;

/// A Python exception instance: its class name, its `args`, and the innermost line of the
/// user's source where it was raised (filled in by the interpreter).
#[derive(Clone, Debug)]
pub struct PyException {
    /// The class name, e.g. `"KeyError"`.
    pub kind: Rc<str>,
    /// The exception's `args`.
    pub args: Vec<Value>,
    /// The innermost line of the user's source where it was raised.
    pub line: Option<u32>,
    /// The generators its traceback keeps alive (suspended in the frames it left), closed
    /// when the last copy of the exception goes, as CPython frees them with the traceback.
    pub(crate) held: Option<Rc<crate::python::types::generator::Held>>,
    /// What few exceptions have besides (kept behind a pointer: exceptions travel in every
    /// `Result` the evaluator returns, so their size is paid everywhere).
    extra: Option<Rc<Extra>>,
}

/// See [`PyException::with_attrs`] and [`PyException::key_error_subclass`].
#[derive(Clone, Default)]
struct Extra {
    /// Attributes the exception's class sets besides `args` (`JSONDecodeError.pos`).
    attrs: Vec<(&'static str, Value)>,
    /// Whether the class is a subclass of `KeyError` (whose `str()` is the key's repr).
    key_error_subclass: bool,
    /// For a class whose body defines methods or attributes: the instance that holds what
    /// `self.x = …` sets, of the class made from that body (shared by every copy).
    instance: Option<Rc<crate::python::types::class::Instance>>,
    /// What the class's own `__str__` gave when the exception left the program uncaught
    /// (the text after `Kind: ` on the traceback's last line).
    shown: Option<Rc<str>>,
    /// See [`Chain`]: given to an exception once a program can hold it (when it is made by
    /// a call, caught, or handed to `__exit__`), and shared by every copy from then on.
    chain: Option<Rc<Chain>>,
}

/// What every copy of one exception object shares: its identity (`is`, `id()`, `==`) and
/// what is set on it after it was made: `__cause__`, `__context__` and
/// `__suppress_context__`. The evaluator copies exceptions as they travel; this is the part
/// that must not be copied.
#[derive(Default)]
pub(crate) struct Chain {
    cause: std::cell::RefCell<Option<Value>>,
    context: std::cell::RefCell<Option<Value>>,
    suppress_context: std::cell::Cell<bool>,
    /// What the program set on the object (`e.status = 404`), in the order set.
    attrs: std::cell::RefCell<Vec<(Rc<str>, Value)>>,
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extra")
            .field("attrs", &self.attrs)
            .field("key_error_subclass", &self.key_error_subclass)
            .field("instance", &self.instance.is_some())
            .field("shown", &self.shown)
            .field("chain", &self.chain.is_some())
            .finish()
    }
}

impl PyException {
    /// An exception with one string argument (or none when `message` is empty).
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        let args = if message.is_empty() {
            Vec::new()
        } else {
            vec![Value::str(&message)]
        };
        PyException {
            kind: Rc::from(kind),
            args,
            line: None,
            held: None,
            extra: None,
        }
    }

    /// An exception with the given `args`, e.g. `KeyError(0)`.
    pub fn with_args(kind: &str, args: Vec<Value>) -> Self {
        PyException {
            kind: Rc::from(kind),
            args,
            line: None,
            held: None,
            extra: None,
        }
    }

    /// The exception with attributes besides `args` (read as `e.name`).
    pub fn with_attrs(mut self, attrs: Vec<(&'static str, Value)>) -> Self {
        Rc::make_mut(self.extra.get_or_insert_with(Default::default)).attrs = attrs;
        self
    }

    /// Whether the class derives from `KeyError` without being it (its `str()` is the
    /// repr of its one argument, as `KeyError`'s).
    pub(crate) fn key_error_subclass(&self) -> bool {
        self.extra.as_ref().is_some_and(|x| x.key_error_subclass)
    }

    /// The attributes and methods of an exception whose class has a body (see [`Extra`]).
    pub(crate) fn instance(&self) -> Option<&Rc<crate::python::types::class::Instance>> {
        self.extra.as_ref()?.instance.as_ref()
    }

    pub(crate) fn set_instance(&mut self, instance: Rc<crate::python::types::class::Instance>) {
        Rc::make_mut(self.extra.get_or_insert_with(Default::default)).instance = Some(instance);
    }

    /// Keeps what the class's `__str__` gave for the uncaught exception's last line.
    pub(crate) fn set_shown(&mut self, text: &str) {
        Rc::make_mut(self.extra.get_or_insert_with(Default::default)).shown = Some(Rc::from(text));
    }

    pub(crate) fn set_key_error_subclass(&mut self) {
        Rc::make_mut(self.extra.get_or_insert_with(Default::default)).key_error_subclass = true;
    }

    /// Gives the exception its [`Chain`] (its identity), unless it has one.
    #[inline(never)]
    pub(crate) fn identify(&mut self) {
        if self.chain().is_none() {
            Rc::make_mut(self.extra.get_or_insert_with(Default::default)).chain =
                Some(Rc::new(Chain::default()));
        }
    }

    fn chain(&self) -> Option<&Rc<Chain>> {
        self.extra.as_ref()?.chain.as_ref()
    }

    /// The exception as a value a program holds (with its identity).
    pub(crate) fn into_value(mut self) -> Value {
        self.identify();
        Value::Exception(Rc::new(self))
    }

    /// What `is` compares: the [`Chain`] every copy shares.
    pub(crate) fn identity(&self) -> Option<usize> {
        self.chain().map(|c| Rc::as_ptr(c) as usize)
    }

    /// Whether `self` and `other` are copies of one exception object.
    pub(crate) fn same(&self, other: &PyException) -> bool {
        self.identity().is_some() && self.identity() == other.identity()
    }

    /// `__cause__`, `__context__` or (any other name) `__suppress_context__`.
    #[inline(never)]
    pub(crate) fn chained_attr(&self, name: &str) -> Value {
        let chain = self.chain();
        let get = |cell: fn(&Chain) -> &std::cell::RefCell<Option<Value>>| {
            chain
                .and_then(|c| cell(c).borrow().clone())
                .unwrap_or(Value::None)
        };
        match name {
            "__cause__" => get(|c| &c.cause),
            "__context__" => get(|c| &c.context),
            _ => Value::Bool(chain.is_some_and(|c| c.suppress_context.get())),
        }
    }

    /// `raise … from cause`: also suppresses the context, as CPython does (`None` is a cause
    /// too: `raise … from None`).
    #[inline(never)]
    pub(crate) fn set_cause(&mut self, cause: Value) {
        self.identify();
        self.set_chained("__cause__", cause);
    }

    /// `e.__cause__ = …`, `e.__context__ = …` (an exception or None, checked by the caller)
    /// or `e.__suppress_context__ = …` (a bool), on an exception a program holds (which has
    /// its identity). Setting the cause suppresses the context, as in CPython.
    #[inline(never)]
    pub(crate) fn set_chained(&self, name: &str, value: Value) {
        let Some(c) = self.chain() else { return };
        let some = (!value.is_none()).then_some(value.clone());
        match name {
            "__cause__" => {
                *c.cause.borrow_mut() = some;
                c.suppress_context.set(true);
            }
            "__context__" => *c.context.borrow_mut() = some,
            _ => c.suppress_context.set(value.is_truthy()),
        }
    }

    /// An attribute the program set on the exception.
    #[inline(never)]
    pub(crate) fn own_attr(&self, name: &str) -> Option<Value> {
        let attrs = self.chain()?.attrs.borrow();
        attrs
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v.clone())
    }

    /// The attributes the program set, for `vars(e)` and `e.__dict__`.
    #[inline(never)]
    pub(crate) fn own_attrs(&self) -> Vec<(Rc<str>, Value)> {
        self.chain()
            .map(|c| c.attrs.borrow().clone())
            .unwrap_or_default()
    }

    /// `e.name = value` on an exception a program holds; false when it has no identity.
    #[inline(never)]
    pub(crate) fn set_own_attr(&self, name: &str, value: Value) -> bool {
        let Some(c) = self.chain() else { return false };
        let mut attrs = c.attrs.borrow_mut();
        match attrs.iter_mut().find(|(n, _)| &**n == name) {
            Some(slot) => slot.1 = value,
            None => attrs.push((Rc::from(name), value)),
        }
        true
    }

    /// `del e.name`: whether the program had set it.
    #[inline(never)]
    pub(crate) fn del_own_attr(&self, name: &str) -> bool {
        let Some(c) = self.chain() else { return false };
        let mut attrs = c.attrs.borrow_mut();
        let before = attrs.len();
        attrs.retain(|(n, _)| &**n != name);
        attrs.len() != before
    }

    /// Moves out the values only this copy holds (its arguments, and what its [`Chain`] and
    /// its class's instance hold when no other copy shares them), for
    /// [`drop_deep`](crate::python::types::drop_deep) to drop without recursing.
    pub(crate) fn take_values(mut self, out: &mut Vec<Value>) {
        out.append(&mut self.args);
        let Some(extra) = self.extra.take().and_then(|x| Rc::try_unwrap(x).ok()) else {
            return;
        };
        if let Some(instance) = extra.instance {
            out.push(Value::Instance(instance));
        }
        if let Some(chain) = extra.chain.and_then(|c| Rc::try_unwrap(c).ok()) {
            out.extend(chain.cause.into_inner());
            out.extend(chain.context.into_inner());
            out.extend(chain.attrs.into_inner().into_iter().map(|(_, v)| v));
        }
        out.extend(extra.attrs.into_iter().map(|(_, v)| v));
    }

    /// Raised by code that handled nothing itself (a function called while `handled` was
    /// being handled): `handled` becomes the context unless one was set where it was raised.
    pub(crate) fn inherit_context(&mut self, handled: &PyException) {
        if !self.chain().is_some_and(|c| c.context.borrow().is_some()) {
            self.set_context(handled);
        }
    }

    /// Raised while `handled` was being handled: `handled` becomes the `__context__`, as
    /// CPython sets it where an exception is raised. An exception is never its own
    /// context, and a loop of contexts through `self` is cut where it would close.
    #[inline(never)]
    pub(crate) fn set_context(&mut self, handled: &PyException) {
        if self.same(handled) {
            return;
        }
        self.identify();
        let mut o = handled.chain().cloned();
        for _ in 0..1000 {
            let Some(chain) = o else { break };
            let next = chain.context.borrow().clone();
            match next {
                Some(Value::Exception(x)) if x.same(self) => {
                    *chain.context.borrow_mut() = None;
                    break;
                }
                Some(Value::Exception(x)) => o = x.chain().cloned(),
                _ => break,
            }
        }
        let mut handled = handled.clone();
        handled.identify();
        self.set_chained("__context__", Value::Exception(Rc::new(handled)));
    }

    /// An attribute set by [`PyException::with_attrs`].
    pub fn attr(&self, name: &str) -> Option<Value> {
        self.extra
            .as_ref()?
            .attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    }

    /// `json.JSONDecodeError(msg, doc, pos)`: the message with where it happened, and the
    /// attributes CPython sets (`msg`, `doc`, `pos`, `lineno`, `colno`). `pos` counts
    /// characters.
    pub fn json_decode_error(msg: &str, doc: &str, pos: usize) -> Self {
        let before: String = doc.chars().take(pos).collect();
        let lineno = before.matches('\n').count() + 1;
        let colno = match before.rfind('\n') {
            Some(nl) => before[nl + 1..].chars().count() + 1,
            None => pos + 1,
        };
        let int = |n: usize| Value::int(n as i64);
        PyException::new(
            "JSONDecodeError",
            format!("{msg}: line {lineno} column {colno} (char {pos})"),
        )
        .with_attrs(vec![
            ("msg", Value::str(msg)),
            ("doc", Value::str(doc)),
            ("pos", int(pos)),
            ("lineno", int(lineno)),
            ("colno", int(colno)),
        ])
    }

    /// Sets the line if none is set yet (the innermost line wins).
    pub fn at_line(mut self, line: u32) -> Self {
        if self.line.is_none() {
            self.line = Some(line);
        }
        self
    }

    /// Python's `str(exc)` (for a class with its own `__str__`, what it gave when the
    /// exception left the program).
    pub fn message(&self) -> String {
        if let Some(shown) = self.extra.as_ref().and_then(|x| x.shown.as_ref()) {
            return shown.to_string();
        }
        match self.args.len() {
            0 => String::new(),
            1 if &*self.kind == "KeyError" || self.key_error_subclass() => repr(&self.args[0]),
            1 => crate::python::text::repr::to_str(&self.args[0]),
            _ => repr(&Value::tuple(self.args.clone())),
        }
    }

    /// The last line of Python's traceback: `"KeyError: 'user'"`, or the class name alone
    /// when the message is empty.
    pub fn display(&self) -> String {
        let message = self.message();
        if message.is_empty() {
            self.kind.to_string()
        } else {
            format!("{}: {}", self.kind, message)
        }
    }

    /// Python's `repr(exc)`: `KeyError('user')`.
    pub fn repr(&self) -> String {
        let inner: Vec<String> = self.args.iter().map(repr).collect();
        format!("{}({})", self.kind, inner.join(", "))
    }

    // Shorthands for the errors the interpreter raises most.
    pub fn type_error(message: impl Into<String>) -> Self {
        PyException::new("TypeError", message)
    }
    pub fn value_error(message: impl Into<String>) -> Self {
        PyException::new("ValueError", message)
    }
    pub fn attribute_error(type_name: &str, attr: &str) -> Self {
        PyException::new(
            "AttributeError",
            format!("'{type_name}' object has no attribute '{attr}'"),
        )
        .with_attrs(vec![("name", Value::str(attr))])
    }
    pub(crate) fn overflow(message: impl Into<String>) -> Self {
        PyException::new("OverflowError", message)
    }
}

impl fmt::Display for PyException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl std::error::Error for PyException {}

/// The built-in exception classes and their parents.
const BUILTIN_EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("KeyError", "LookupError"),
    ("IndexError", "LookupError"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("MemoryError", "Exception"),
    ("OSError", "Exception"),
    // decimal's signals
    ("DecimalException", "ArithmeticError"),
    ("InvalidOperation", "DecimalException"),
    ("DivisionByZero", "DecimalException"),
];

/// The parent of a built-in exception class, `Some("")` for `BaseException`, `None` when the
/// name is not a built-in exception.
pub fn builtin_exception_parent(name: &str) -> Option<&'static str> {
    BUILTIN_EXCEPTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| *p)
}

/// Names of the built-in exception classes (visible as builtins, except decimal's signals).
pub(crate) fn builtin_exception_names() -> impl Iterator<Item = &'static str> {
    BUILTIN_EXCEPTIONS.iter().map(|(n, _)| *n).filter(|n| {
        !matches!(
            *n,
            "DecimalException" | "InvalidOperation" | "DivisionByZero"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_error_message_uses_repr() {
        let e = PyException::with_args("KeyError", vec![Value::str("user")]);
        assert_eq!(e.message(), "'user'");
        assert_eq!(e.display(), "KeyError: 'user'");
        assert_eq!(e.repr(), "KeyError('user')");
        let e = PyException::with_args("KeyError", vec![Value::int(0)]);
        assert_eq!(e.display(), "KeyError: 0");
    }

    #[test]
    fn messages_for_zero_one_and_many_args() {
        assert_eq!(PyException::new("Http404", "").display(), "Http404");
        assert_eq!(
            PyException::new("ValueError", "bad").display(),
            "ValueError: bad"
        );
        let e = PyException::with_args("ValueError", vec![Value::int(1), Value::str("a")]);
        assert_eq!(e.message(), "(1, 'a')");
        assert_eq!(e.repr(), "ValueError(1, 'a')");
    }

    #[test]
    fn hierarchy_is_known() {
        assert_eq!(builtin_exception_parent("KeyError"), Some("LookupError"));
        assert_eq!(builtin_exception_parent("BaseException"), Some(""));
        assert_eq!(builtin_exception_parent("Http404"), None);
    }
}
