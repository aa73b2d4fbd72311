//! Functions as values: user functions, bound methods of built-in values, the built-in
//! functions.

use std::cell::RefCell;
use std::hash::Hash;
use std::rc::Rc;

use crate::python::syntax::ast::FunctionDef;
use crate::python::types::Value;

/// A variable captured by a nested function: shared between the frame that owns it and
/// every closure that uses it (`None` while unbound).
pub type Cell = Rc<RefCell<Option<Value>>>;

/// A user-defined function (`def` or `lambda`): its definition, its evaluated default
/// values, the cells it closes over and the attributes set on it.
pub struct Function {
    pub name: Rc<str>,
    pub def: Rc<FunctionDef>,
    /// One per parameter, in the definition's slot order (`None`: no default).
    pub defaults: Vec<Option<Value>>,
    /// One per free variable of the definition.
    pub(crate) closure: Vec<Cell>,
    /// Attributes assigned to the function (`wrapper.__wrapped__ = f`, `f.calls = 0`),
    /// including overrides of `__name__`, `__qualname__`, `__doc__`, `__module__`.
    pub attrs: RefCell<Vec<(Rc<str>, Value)>>,
    /// The module it was defined in (`__module__`).
    pub(crate) module: Rc<str>,
    /// The class whose body defined it (what `super()` starts from).
    pub(crate) owner: RefCell<Option<std::rc::Weak<crate::python::types::Class>>>,
}

impl Function {
    pub(crate) fn new(
        def: Rc<FunctionDef>,
        defaults: Vec<Option<Value>>,
        closure: Vec<Cell>,
        module: Rc<str>,
    ) -> Self {
        Function {
            name: def.name.clone(),
            def,
            defaults,
            closure,
            attrs: RefCell::new(Vec::new()),
            module,
            owner: RefCell::new(None),
        }
    }

    /// An attribute set on the function.
    pub fn attr(&self, name: &str) -> Option<Value> {
        self.attrs
            .borrow()
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v.clone())
    }

    pub(crate) fn set_attr(&self, name: &str, value: Value) {
        let mut attrs = self.attrs.borrow_mut();
        match attrs.iter_mut().find(|(k, _)| &**k == name) {
            Some(slot) => slot.1 = value,
            None => attrs.push((Rc::from(name), value)),
        }
    }

    /// `__qualname__` (as set, or as defined).
    pub fn qualname(&self) -> String {
        match self.attr("__qualname__") {
            Some(Value::Str(s)) => s.to_string(),
            _ => self.def.qualname().to_string(),
        }
    }
}

/// A method of a built-in value bound to its receiver.
pub struct BoundMethod {
    pub receiver: Value,
    pub name: Rc<str>,
}

/// The built-in functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Len,
    Print,
    Repr,
    Sorted,
    Sum,
    Min,
    Max,
    Isinstance,
    Issubclass,
    Abs,
    Round,
    Any,
    All,
    Iter,
    Next,
    Hash,
    Id,
    Callable,
    Divmod,
    Pow,
    Chr,
    Ord,
    Hasattr,
    Getattr,
    Format,
    Hex,
    Bin,
    Oct,
    Map,
    Filter,
    Super,
    Property,
    StaticMethod,
    ClassMethod,
    Setattr,
    Delattr,
    Vars,
    Ascii,
}

impl Builtin {
    pub const ALL: [Builtin; 38] = [
        Builtin::Len,
        Builtin::Print,
        Builtin::Repr,
        Builtin::Sorted,
        Builtin::Sum,
        Builtin::Min,
        Builtin::Max,
        Builtin::Isinstance,
        Builtin::Issubclass,
        Builtin::Abs,
        Builtin::Round,
        Builtin::Any,
        Builtin::All,
        Builtin::Iter,
        Builtin::Next,
        Builtin::Hash,
        Builtin::Id,
        Builtin::Callable,
        Builtin::Divmod,
        Builtin::Pow,
        Builtin::Chr,
        Builtin::Ord,
        Builtin::Hasattr,
        Builtin::Getattr,
        Builtin::Format,
        Builtin::Hex,
        Builtin::Bin,
        Builtin::Oct,
        Builtin::Map,
        Builtin::Filter,
        Builtin::Super,
        Builtin::Property,
        Builtin::StaticMethod,
        Builtin::ClassMethod,
        Builtin::Setattr,
        Builtin::Delattr,
        Builtin::Vars,
        Builtin::Ascii,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Builtin::Len => "len",
            Builtin::Print => "print",
            Builtin::Repr => "repr",
            Builtin::Sorted => "sorted",
            Builtin::Sum => "sum",
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Isinstance => "isinstance",
            Builtin::Issubclass => "issubclass",
            Builtin::Abs => "abs",
            Builtin::Round => "round",
            Builtin::Any => "any",
            Builtin::All => "all",
            Builtin::Iter => "iter",
            Builtin::Next => "next",
            Builtin::Hash => "hash",
            Builtin::Id => "id",
            Builtin::Callable => "callable",
            Builtin::Divmod => "divmod",
            Builtin::Pow => "pow",
            Builtin::Chr => "chr",
            Builtin::Ord => "ord",
            Builtin::Hasattr => "hasattr",
            Builtin::Getattr => "getattr",
            Builtin::Format => "format",
            Builtin::Hex => "hex",
            Builtin::Bin => "bin",
            Builtin::Oct => "oct",
            Builtin::Map => "map",
            Builtin::Filter => "filter",
            Builtin::Super => "super",
            Builtin::Property => "property",
            Builtin::StaticMethod => "staticmethod",
            Builtin::ClassMethod => "classmethod",
            Builtin::Setattr => "setattr",
            Builtin::Delattr => "delattr",
            Builtin::Vars => "vars",
            Builtin::Ascii => "ascii",
        }
    }
}
