//! The `abc` module: `ABC` and `abstractmethod`. A class deriving from `ABC` whose abstract
//! methods (functions marked by `abstractmethod`, or properties, static and class methods
//! around one) are not all overridden cannot be instantiated, with CPython's `TypeError`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::{Exec, Interpreter};
use crate::python::types::ops::type_error;
use crate::python::types::{Class, PyType, Value, Wrapped};
use crate::python::PyError;

const MARK: &str = "__isabstractmethod__";

pub(crate) fn install(it: &mut Interpreter) {
    let abc = Rc::new(Class {
        name: Rc::from("ABC"),
        qualname: Rc::from("ABC"),
        module: Rc::from("abc"),
        bases: Vec::new(),
        ancestors: Vec::new(),
        attrs: RefCell::new(vec![(Rc::from("__slots__"), Value::tuple(Vec::new()))]),
        builtin_base: None,
        namedtuple: None,
    });
    let members = vec![
        ("ABC", Value::Type(PyType::Class(abc))),
        (
            "abstractmethod",
            super::function("abc", "abstractmethod", |ex: &mut Exec<'_>, a| {
                a.no_kwargs("abstractmethod")?;
                a.count("abstractmethod", 1, 1)?;
                let f = a.args[0].clone();
                ex.set_attr(&f, MARK, Value::bool(true))?;
                Ok(f)
            }),
        ),
    ];
    it.modules
        .insert("abc".into(), super::module("abc", members));
}

/// What CPython's `abc` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "ABCMeta"
            | "abstractclassmethod"
            | "abstractstaticmethod"
            | "abstractproperty"
            | "get_cache_token"
            | "update_abstractmethods"
    )
}

fn is_abstract(v: &Value) -> bool {
    match v {
        Value::Function(f) => f
            .attrs
            .borrow()
            .iter()
            .any(|(k, v)| &**k == MARK && v.is_truthy()),
        Value::Wrapped(w) => match &**w {
            Wrapped::Property { fget, fset, fdel } => {
                is_abstract(fget) || [fset, fdel].into_iter().flatten().any(is_abstract)
            }
            Wrapped::StaticMethod(f) | Wrapped::ClassMethod(f) => is_abstract(f),
            _ => false,
        },
        _ => false,
    }
}

/// CPython's `TypeError` for instantiating `class`, when it derives from `ABC` and has
/// abstract methods left.
pub(crate) fn instantiation_error(class: &Rc<Class>) -> Option<PyError> {
    if !class
        .ancestors
        .iter()
        .any(|c| &*c.module == "abc" && &*c.name == "ABC")
    {
        return None;
    }
    let mut names: Vec<Rc<str>> = Vec::new();
    for c in std::iter::once(class).chain(class.ancestors.iter()) {
        for (name, _) in c.attrs.borrow().iter() {
            if names.contains(name) {
                continue;
            }
            if class.lookup(name).is_some_and(|(v, _)| is_abstract(&v)) {
                names.push(name.clone());
            }
        }
    }
    if names.is_empty() {
        return None;
    }
    names.sort();
    let list: Vec<&str> = names.iter().map(|n| &**n).collect();
    Some(type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        class.name,
        if names.len() == 1 { "" } else { "s" },
        list.join(", ")
    )))
}
