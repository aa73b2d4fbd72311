//! Objects and functions the embedder writes in Rust (`request`, `request.session`,
//! `HttpResponse`).

use std::any::Any;
use std::rc::Rc;

use crate::python::eval::Exec;
use crate::python::types::Value;
use crate::python::{PyError, PyException};

/// The signature of a native function: positional arguments and keyword arguments.
pub type NativeFn = dyn Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyException>;

/// A native function that runs with the interpreter at hand (to call back into Python code,
/// read the virtual clock, count steps): the standard modules' functions.
pub(crate) type InterpreterFn =
    dyn Fn(&mut Exec<'_>, Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyError>;

/// A function implemented by the embedder.
pub struct NativeFunction {
    pub name: Rc<str>,
    pub func: Box<NativeFn>,
    /// When set, called instead of `func`, with the interpreter.
    pub(crate) with_interpreter: Option<Box<InterpreterFn>>,
    /// Whether calling it makes a coroutine (`async def` written in Rust).
    pub(crate) is_async: bool,
}

impl NativeFunction {
    pub fn new(
        name: &str,
        func: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyException> + 'static,
    ) -> Self {
        NativeFunction {
            name: Rc::from(name),
            func: Box::new(func),
            with_interpreter: None,
            is_async: false,
        }
    }

    /// A native `async def`: calling it returns a coroutine (repr `<coroutine object name
    /// at 0x…>`), and `func` runs with the call's arguments when that coroutine is awaited
    /// (or run by [`crate::python::Interpreter::run_coroutine`]). Its errors surface at the
    /// `await`.
    pub fn new_async(
        name: &str,
        func: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyException> + 'static,
    ) -> Self {
        let func = Rc::new(func);
        let qualname: Rc<str> = Rc::from(name);
        let q = qualname.clone();
        NativeFunction {
            name: qualname,
            func: Box::new(move |args, kwargs| {
                let func = func.clone();
                Ok(crate::python::types::coroutine::native_coroutine(
                    &q,
                    move || func(args, kwargs),
                ))
            }),
            with_interpreter: None,
            is_async: true,
        }
    }

    /// Whether calling it makes a coroutine.
    pub fn is_async(&self) -> bool {
        self.is_async
    }

    /// A function that needs the running interpreter.
    pub(crate) fn with_interpreter(
        name: &str,
        func: impl Fn(&mut Exec<'_>, Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyError>
            + 'static,
    ) -> Self {
        NativeFunction {
            name: Rc::from(name),
            func: Box::new(|_, _| Err(PyException::new("RuntimeError", "needs the interpreter"))),
            with_interpreter: Some(Box::new(func)),
            is_async: false,
        }
    }

    /// Calls the function.
    pub(crate) fn call(
        &self,
        ex: &mut Exec<'_>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        match &self.with_interpreter {
            Some(f) => f(ex, args, kwargs),
            None => Ok((self.func)(args, kwargs)?),
        }
    }
}

/// Makes a class attribute from its name, or says there is none.
type MoreAttrs = dyn Fn(&str) -> Option<Value>;

/// A class implemented by the embedder (Django's `SessionStore`, the `Session` model):
/// `type(x)` of its instances, callable to make one, with class-level attributes
/// (classmethods, a model's manager). Two such classes are the same class when their
/// dotted names are equal.
pub struct NativeClass {
    pub name: Rc<str>,
    pub qualified: Rc<str>,
    construct: Box<NativeFn>,
    attrs: Vec<(Rc<str>, Value)>,
    /// Makes the attributes not in `attrs` when first read (a class with many members that
    /// most programs never read is built without them).
    more: Option<Box<MoreAttrs>>,
}

impl NativeClass {
    /// A class named `qualified` (`module.Name`); `construct` runs for `Class(...)`.
    pub fn new(
        qualified: &str,
        construct: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<Value, PyException> + 'static,
        attrs: Vec<(&str, Value)>,
    ) -> Self {
        let name = qualified.rsplit('.').next().unwrap_or(qualified);
        NativeClass {
            name: Rc::from(name),
            qualified: Rc::from(qualified),
            construct: Box::new(construct),
            attrs: attrs.into_iter().map(|(n, v)| (Rc::from(n), v)).collect(),
            more: None,
        }
    }

    /// The class with attributes beyond `attrs` that `more` makes when they are read.
    pub fn with_more(mut self, more: impl Fn(&str) -> Option<Value> + 'static) -> Self {
        self.more = Some(Box::new(more));
        self
    }

    /// `Class.name`, when the class has it.
    pub fn attr(&self, name: &str) -> Option<Value> {
        self.attrs
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v.clone())
            .or_else(|| self.more.as_ref().and_then(|more| more(name)))
    }

    /// `Class(*args, **kwargs)`.
    pub fn construct(
        &self,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        (self.construct)(args, kwargs)
    }
}

impl std::fmt::Debug for NativeClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<class '{}'>", self.qualified)
    }
}

// The defaults of `NativeObject` are copied into every type that implements it: they
// call these, out of line, so that each copy stays a few instructions.
const NO_ATTRIBUTE: u8 = 0;
const NOT_SUBSCRIPTABLE: u8 = 1;
const NO_ITEM_ASSIGNMENT: u8 = 2;
const NO_ITEM_DELETION: u8 = 3;
const NOT_CONTAINER: u8 = 4;
const NO_LEN: u8 = 5;
const NOT_ITERABLE: u8 = 6;

/// The error of a `NativeObject` default: what the type lacks, as CPython words it.
#[inline(never)]
fn missing<T>(what: u8, type_name: &str, attr: &str) -> Result<T, PyException> {
    if what == NO_ATTRIBUTE {
        return Err(PyException::attribute_error(type_name, attr));
    }
    let (before, after) = match what {
        NOT_SUBSCRIPTABLE => ("'", "' object is not subscriptable"),
        NO_ITEM_ASSIGNMENT => ("'", "' object does not support item assignment"),
        NO_ITEM_DELETION => ("'", "' object doesn't support item deletion"),
        NOT_CONTAINER => ("argument of type '", "' is not iterable"),
        NO_LEN => ("object of type '", "' has no len()"),
        _ => ("'", "' object is not iterable"),
    };
    Err(PyException::type_error(format!(
        "{before}{type_name}{after}"
    )))
}

#[inline(never)]
fn owned(s: &str) -> String {
    s.to_string()
}

#[inline(never)]
fn object_repr(qualified: String, addr: usize) -> String {
    format!("<{qualified} object at {addr:#x}>")
}

/// An object implemented in Rust by the embedder. Methods take `&self`; implementers use
/// interior mutability. The defaults raise the `TypeError`s Python raises for an object
/// without the matching special method.
#[allow(clippy::len_without_is_empty)]
pub trait NativeObject {
    /// `type(x).__name__`, e.g. `"SessionStore"`.
    fn type_name(&self) -> &str;

    /// The dotted class name shown by `repr(type(x))`.
    fn qualified_name(&self) -> String {
        owned(self.type_name())
    }

    /// The name Python's own error messages use for the type (its C-level name); defaults
    /// to [`NativeObject::type_name`], which is right for classes written in Python.
    fn error_name(&self) -> &str {
        self.type_name()
    }

    /// Whether `x.name` is a method (then `x.name(...)` calls [`NativeObject::call_method`]).
    fn has_method(&self, name: &str) -> bool {
        let _ = name;
        false
    }

    /// `x.name` for a non-method attribute.
    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        missing(NO_ATTRIBUTE, self.error_name(), name)
    }

    /// Whether `x.name` is something CPython's type has and the simulator does not (then
    /// the access is refused rather than an `AttributeError`).
    fn unsupported_attr(&self, name: &str) -> bool {
        let _ = name;
        false
    }

    /// `x.name = value`.
    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        let _ = value;
        missing(NO_ATTRIBUTE, self.error_name(), name)
    }

    /// `del x.name`.
    fn del_attr(&self, name: &str) -> Result<(), PyException> {
        missing(NO_ATTRIBUTE, self.error_name(), name)
    }

    /// `x.name(*args, **kwargs)`.
    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        let _ = (args, kwargs);
        missing(NO_ATTRIBUTE, self.error_name(), name)
    }

    /// Whether `isinstance(x, C)` holds for the class `C` named `qualified` other than the
    /// object's own (a base class of the embedder's type, e.g. Django's `HttpRequest`).
    fn is_instance_of(&self, qualified: &str) -> bool {
        let _ = qualified;
        false
    }

    /// `x[key]`.
    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        let _ = key;
        missing(NOT_SUBSCRIPTABLE, self.error_name(), "")
    }

    /// `x[key] = value`.
    fn set_item(&self, key: Value, value: Value) -> Result<(), PyException> {
        let _ = (key, value);
        missing(NO_ITEM_ASSIGNMENT, self.error_name(), "")
    }

    /// `del x[key]`.
    fn del_item(&self, key: &Value) -> Result<(), PyException> {
        let _ = key;
        missing(NO_ITEM_DELETION, self.error_name(), "")
    }

    /// `item in x`.
    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        let _ = item;
        missing(NOT_CONTAINER, self.error_name(), "")
    }

    /// `len(x)`.
    fn len(&self) -> Result<usize, PyException> {
        missing(NO_LEN, self.error_name(), "")
    }

    /// `iter(x)` / `for v in x`: the items, all at once.
    fn iter(&self) -> Result<Vec<Value>, PyException> {
        missing(NOT_ITERABLE, self.error_name(), "")
    }

    /// For objects that compare by value (a `uuid.UUID`): what `==`, `<` and `hash()` use.
    /// Two objects of the same type compare as their keys; `None` (the default) compares
    /// by identity.
    fn eq_key(&self) -> Option<Value> {
        None
    }

    /// Whether `hash(x)` raises `TypeError: unhashable type` (a `collections.deque`).
    fn unhashable(&self) -> bool {
        false
    }

    /// `bool(x)`.
    fn truthy(&self) -> bool {
        true
    }

    /// For an object that is a `dict` subclass (Django's `QueryDict`): the pairs its dict
    /// storage holds, which `dict(x)` copies without calling its own methods, as CPython
    /// does. `None` for other objects.
    fn dict_storage(&self) -> Option<Vec<(Value, Value)>> {
        None
    }

    /// `repr(x)`.
    fn repr(&self) -> String {
        object_repr(
            self.qualified_name(),
            self as *const Self as *const () as usize,
        )
    }

    /// `str(x)`; defaults to `repr(x)`.
    fn to_str(&self) -> String {
        self.repr()
    }

    /// The embedder's class of the object (`type(x)`, `isinstance`), when it has one;
    /// otherwise `type(x)` is a class that cannot be called.
    fn native_class(&self) -> Option<Rc<NativeClass>> {
        None
    }

    /// For downcasting to the implementing type.
    fn as_any(&self) -> &dyn Any;
}

/// `object()`: an instance of `object` itself, the usual sentinel (`_missing = object()`).
/// It has no attributes, compares and hashes by identity and is always true.
pub(crate) struct PlainObject;

impl NativeObject for PlainObject {
    fn type_name(&self) -> &str {
        "object"
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::types::PyType;
    use crate::python::{parse_module, Interpreter};

    struct Thing(Rc<NativeClass>);

    impl NativeObject for Thing {
        fn type_name(&self) -> &str {
            "Thing"
        }
        fn qualified_name(&self) -> String {
            "pkg.mod.Thing".into()
        }
        fn native_class(&self) -> Option<Rc<NativeClass>> {
            Some(self.0.clone())
        }
        fn as_any(&self) -> &dyn Any {
            self
        }
    }

    fn thing_class() -> Rc<NativeClass> {
        Rc::new(NativeClass::new(
            "pkg.mod.Thing",
            |args, _| {
                if !args.is_empty() {
                    return Err(PyException::type_error("Thing() takes no arguments"));
                }
                Ok(Value::Native(Rc::new(Thing(thing_class()))))
            },
            vec![(
                "answer",
                Value::native_function("answer", |_, _| Ok(Value::int(42))),
            )],
        ))
    }

    fn run(src: &str) -> String {
        let mut it = Interpreter::new(10_000);
        it.register_module(
            "pkg.mod",
            vec![("Thing", Value::Type(PyType::native(thing_class())))],
        );
        let result = parse_module(src).and_then(|m| it.load(&m));
        let mut out = it.take_console();
        if let Err(e) = result {
            out.push_str(&e.to_string());
        }
        out
    }

    #[test]
    fn a_native_class_is_a_class() {
        let out = run("from pkg.mod import Thing\n\
                       t = Thing()\n\
                       print(type(t), type(t).__name__, type(t).__module__)\n\
                       print(isinstance(t, Thing), type(t) is Thing, type(t) == Thing)\n\
                       print(Thing.answer(), Thing)\n\
                       print(isinstance(3, Thing))\n\
                       Thing.nothing\n");
        assert_eq!(
            out,
            "<class 'pkg.mod.Thing'> Thing pkg.mod\n\
             True True True\n\
             42 <class 'pkg.mod.Thing'>\n\
             False\n\
             AttributeError: type object 'Thing' has no attribute 'nothing'"
        );
        assert!(run("from pkg.mod import Thing\nThing(1)").ends_with("Thing() takes no arguments"));
    }
}
