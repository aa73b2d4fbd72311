//! Functions as values: user functions, bound methods of built-in values, the built-in
//! functions.

use std::hash::Hash;
use std::rc::Rc;

use crate::python::syntax::ast::FunctionDef;
use crate::python::types::Value;

/// A user-defined function: its definition and evaluated default values.
pub struct Function {
    pub name: Rc<str>,
    pub(crate) def: Rc<FunctionDef>,
    pub(crate) defaults: Vec<Value>,
}

impl Function {
    pub(crate) fn new(def: Rc<FunctionDef>, defaults: Vec<Value>) -> Self {
        Function {
            name: def.name.clone(),
            def,
            defaults,
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
}

impl Builtin {
    pub const ALL: [Builtin; 29] = [
        Builtin::Len,
        Builtin::Print,
        Builtin::Repr,
        Builtin::Sorted,
        Builtin::Sum,
        Builtin::Min,
        Builtin::Max,
        Builtin::Isinstance,
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
        }
    }
}
