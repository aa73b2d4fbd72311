//! The `typing` module as views use it: annotations (`Optional[int]`, `Dict[str, Any]`,
//! `List[str]`, `Union[…]`, `Callable[[…], …]`), the built-in generics (`list[str]`) and
//! `X | Y` unions, `cast`, `TYPE_CHECKING` and `NamedTuple`. The values have CPython 3.11's
//! reprs, `__origin__`/`__args__`, equality, hashing, the subscription errors, and
//! `isinstance` where CPython allows it. What else `typing` has is refused.

use std::any::Any;
use std::rc::Rc;

use crate::python::eval::{Exec, Interpreter};
use crate::python::types::ops::type_error;
use crate::python::types::{BuiltinType, NativeObject, PyType, Value};
use crate::python::{PyError, PyException};

/// What a typing value is.
#[derive(Clone)]
enum Form {
    /// `typing.Any`.
    Any,
    /// `typing.Optional`, `typing.Union`, `typing.Literal`, `typing.ClassVar`,
    /// `typing.Final` before subscription.
    Special(&'static str),
    /// `typing.List` before subscription: its name, its origin, how many parameters it takes
    /// (`None`: any number, as `Tuple` and `Callable`).
    Alias {
        name: &'static str,
        origin: Value,
        params: Option<usize>,
    },
    /// `typing.List[int]`, `typing.Tuple[int, ...]`, `typing.Callable[[int], str]`,
    /// `typing.Literal[1]`, `typing.ClassVar[int]`.
    Subscripted {
        name: &'static str,
        origin: Option<Value>,
        args: Vec<Value>,
    },
    /// `typing.Union[int, str]`, `typing.Optional[int]`.
    Union(Vec<Value>),
    /// `list[int]` (`types.GenericAlias`).
    Generic { origin: Value, args: Vec<Value> },
    /// `int | None` (`types.UnionType`).
    UnionType(Vec<Value>),
    /// `'Cart'` inside a typing subscription.
    /// With the module `_type_check` was given (TypedDict fields name theirs).
    ForwardRef(Rc<str>, Option<Rc<str>>),
    /// `...`, the Ellipsis value.
    Ellipsis,
    /// `typing.NamedTuple` (a function in CPython, usable as a base class).
    NamedTuple,
    /// `typing.TypedDict` (a function in CPython, usable as a base class).
    TypedDict,
    /// A class made by `class Movie(TypedDict)` or `TypedDict('Movie', {…})`.
    TypedDictClass(Rc<TypedDictSpec>),
}

/// A TypedDict class: its fields and their annotations; calling it makes a plain dict.
pub(crate) struct TypedDictSpec {
    name: Rc<str>,
    qualname: Rc<str>,
    module: Rc<str>,
    /// The annotations, the bases' first.
    fields: Vec<(Rc<str>, Value)>,
    required: Vec<Rc<str>>,
    total: bool,
    /// The other names of the class body.
    attrs: Vec<(Rc<str>, Value)>,
}

/// A typing value, with the results of its subscriptions (typing's `_tp_cache`, an
/// `lru_cache` of 128 entries: `List[int] is List[int]`).
pub(crate) struct TypingForm(Form, std::cell::RefCell<Vec<(String, Value)>>);

fn form(f: Form) -> Value {
    Value::Native(Rc::new(TypingForm(f, Default::default())))
}

/// How many subscriptions of one typing value are remembered (`functools.lru_cache`'s
/// default size).
const CACHE_SIZE: usize = 128;

fn form_of(v: &Value) -> Option<&Form> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<TypingForm>().map(|t| &t.0),
        _ => None,
    }
}

/// Whether a native object is a typing value.
pub(crate) fn is_form(obj: &dyn Any) -> bool {
    obj.is::<TypingForm>()
}

/// Whether `v` is a value of the `typing` module itself (its `__module__` is `typing`; not
/// `list[int]` or `int | None`).
pub(crate) fn from_typing_module(v: &Value) -> bool {
    matches!(
        form_of(v),
        Some(
            Form::Any
                | Form::Special(_)
                | Form::Alias { .. }
                | Form::Subscripted { .. }
                | Form::Union(_)
                | Form::ForwardRef(..)
                | Form::NamedTuple
                | Form::TypedDict
        )
    )
}

/// Whether `v` is `typing.TypedDict` or a class made from it (a TypedDict base).
pub(crate) fn is_typed_dict(v: &Value) -> bool {
    matches!(form_of(v), Some(Form::TypedDict | Form::TypedDictClass(_)))
}

/// Whether `v` is `typing.NamedTuple`.
pub(crate) fn is_named_tuple(v: &Value) -> bool {
    matches!(form_of(v), Some(Form::NamedTuple))
}

thread_local! {
    static ELLIPSIS: Value = form(Form::Ellipsis);
}

/// The Ellipsis value (`...`), one object as in CPython; also the placeholder a subscription
/// of a type or typing value takes.
pub(crate) fn ellipsis() -> Value {
    ELLIPSIS.with(|e| e.clone())
}

/// How typing shows an argument (`typing._type_repr`): a class by its qualified name
/// (without `builtins.`), `...`, anything else by its repr.
fn type_repr(v: &Value) -> String {
    match v {
        Value::Type(t) => t.qualified_name().into_owned(),
        Value::Function(f) => f.name.to_string(),
        _ => match form_of(v) {
            Some(Form::Ellipsis) => "...".into(),
            _ => crate::python::text::repr::repr(v),
        },
    }
}

fn none_type() -> Value {
    Value::Type(PyType::Builtin(BuiltinType::NoneType))
}

fn is_none_type(v: &Value) -> bool {
    matches!(v, Value::Type(PyType::Builtin(BuiltinType::NoneType)))
}

/// A key that equal typing values share (classes by identity).
fn key(v: &Value) -> String {
    match v {
        Value::Type(PyType::Class(c)) => format!("C{:p}", Rc::as_ptr(c)),
        Value::Type(t) => format!("T{}", t.qualified_name()),
        _ => match form_of(v) {
            Some(f) => form_key(f),
            None => format!("V{}", crate::python::text::repr::repr(v)),
        },
    }
}

fn set_key(args: &[Value]) -> String {
    let mut keys: Vec<String> = args.iter().map(key).collect();
    keys.sort();
    keys.dedup();
    format!("{{{}}}", keys.join(","))
}

fn form_key(f: &Form) -> String {
    let list = |args: &[Value]| args.iter().map(key).collect::<Vec<_>>().join(",");
    match f {
        Form::Any => "Any".into(),
        Form::Special(n) => format!("S{n}"),
        Form::Alias { name, .. } => format!("A{name}"),
        Form::Subscripted { name, args, .. } => format!("G{name}[{}]", list(args)),
        // A `typing.Union` equals a `types.UnionType` with the same arguments.
        Form::Union(args) | Form::UnionType(args) => format!("U{}", set_key(args)),
        Form::Generic { origin, args } => format!("L{}[{}]", key(origin), list(args)),
        Form::ForwardRef(s, m) => format!("F{s}@{}", m.as_deref().unwrap_or("")),
        Form::Ellipsis => "E".into(),
        Form::NamedTuple => "NamedTuple".into(),
        Form::TypedDict => "TypedDict".into(),
        Form::TypedDictClass(spec) => format!("TD{:p}", Rc::as_ptr(spec)),
    }
}

impl NativeObject for TypingForm {
    fn type_name(&self) -> &str {
        match &self.0 {
            Form::Any => "_AnyMeta",
            Form::Special(_) => "_SpecialForm",
            Form::Alias { name: "Tuple", .. } => "_TupleType",
            Form::Alias {
                name: "Callable", ..
            } => "_CallableType",
            Form::Alias { .. } => "_SpecialGenericAlias",
            Form::Subscripted {
                name: "Callable", ..
            } => "_CallableGenericAlias",
            Form::Subscripted {
                name: "Literal", ..
            } => "_LiteralGenericAlias",
            Form::Subscripted { .. } => "_GenericAlias",
            Form::Union(_) => "_UnionGenericAlias",
            Form::Generic { .. } => "GenericAlias",
            Form::UnionType(_) => "UnionType",
            Form::ForwardRef(..) => "ForwardRef",
            Form::Ellipsis => "ellipsis",
            Form::NamedTuple | Form::TypedDict => "function",
            Form::TypedDictClass(_) => "_TypedDictMeta",
        }
    }

    fn qualified_name(&self) -> String {
        match &self.0 {
            Form::Generic { .. } | Form::UnionType(_) => format!("types.{}", self.type_name()),
            Form::Ellipsis | Form::NamedTuple | Form::TypedDict | Form::TypedDictClass(_) => {
                self.type_name().into()
            }
            _ => format!("typing.{}", self.type_name()),
        }
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        let args = match &self.0 {
            Form::Subscripted { args, .. }
            | Form::Union(args)
            | Form::Generic { args, .. }
            | Form::UnionType(args) => Some(args),
            _ => None,
        };
        match (name, &self.0, args) {
            (
                "__args__",
                Form::Subscripted {
                    name: "Callable",
                    args,
                    ..
                },
                _,
            ) => {
                // `Callable[[int], str].__args__` is `(int, str)`.
                let mut flat = Vec::new();
                for a in args {
                    match a {
                        Value::List(l) => flat.extend(l.borrow().iter().cloned()),
                        other => flat.push(other.clone()),
                    }
                }
                Ok(Value::tuple(flat))
            }
            ("__args__", _, Some(args)) => Ok(Value::tuple(args.clone())),
            ("__origin__", Form::Subscripted { origin, name, .. }, _) => {
                Ok(origin.clone().unwrap_or_else(|| form(Form::Special(name))))
            }
            ("__origin__", Form::Union(_), _) => Ok(form(Form::Special("Union"))),
            ("__origin__", Form::Generic { origin, .. }, _) => Ok(origin.clone()),
            ("__origin__", Form::Alias { origin, .. }, _) => Ok(origin.clone()),
            ("__forward_arg__", Form::ForwardRef(s, _), _) => Ok(Value::Str(s.clone())),
            ("__name__", Form::NamedTuple, _) | ("__qualname__", Form::NamedTuple, _) => {
                Ok(Value::str("NamedTuple"))
            }
            ("__module__", Form::NamedTuple, _) => Ok(Value::str("typing")),
            ("__name__" | "__qualname__", Form::TypedDict, _) => Ok(Value::str("TypedDict")),
            ("__module__", Form::TypedDict, _) => Ok(Value::str("typing")),
            (_, Form::TypedDictClass(spec), _) => typed_dict_attr(spec, name),
            _ => Err(PyException::attribute_error(self.type_name(), name)),
        }
    }

    fn unsupported_attr(&self, name: &str) -> bool {
        if let Form::TypedDictClass(spec) = &self.0 {
            // What the class has from `dict` and `type` is not here.
            return !spec.attrs.iter().any(|(k, _)| &**k == name)
                && !TYPED_DICT_ATTRS.contains(&name)
                && (name.starts_with("__")
                    || crate::python::types::dict::DICT_METHODS.contains(&name));
        }
        !matches!(self.0, Form::Ellipsis)
            && !matches!(
                name,
                "__args__"
                    | "__origin__"
                    | "__forward_arg__"
                    | "__name__"
                    | "__qualname__"
                    | "__module__"
            )
            && (name.starts_with("__") || matches!(name, "copy_with" | "_name"))
    }

    fn eq_key(&self) -> Option<Value> {
        Some(Value::str(&form_key(&self.0)))
    }

    fn repr(&self) -> String {
        let join = |args: &[Value]| args.iter().map(type_repr).collect::<Vec<_>>().join(", ");
        match &self.0 {
            Form::Any => "typing.Any".into(),
            Form::Special(n) => format!("typing.{n}"),
            Form::Alias { name, .. } => format!("typing.{name}"),
            Form::Subscripted { name, args, .. } if args.is_empty() => {
                format!("typing.{name}[()]")
            }
            Form::Subscripted {
                name: "Callable",
                args,
                ..
            } => {
                let (params, ret) = args.split_at(args.len() - 1);
                let params = match params.first() {
                    Some(Value::List(l)) => format!("[{}]", join(&l.borrow())),
                    Some(other) => type_repr(other),
                    None => "[]".into(),
                };
                format!("typing.Callable[{params}, {}]", type_repr(&ret[0]))
            }
            Form::Subscripted { name, args, .. } => format!("typing.{name}[{}]", join(args)),
            Form::Union(args) if args.len() == 2 && args.iter().any(is_none_type) => {
                let other = args.iter().find(|a| !is_none_type(a)).unwrap_or(&args[0]);
                format!("typing.Optional[{}]", type_repr(other))
            }
            Form::Union(args) => format!("typing.Union[{}]", join(args)),
            Form::Generic { origin, args } if args.is_empty() => {
                format!("{}[()]", type_repr(origin))
            }
            Form::Generic { origin, args } => format!("{}[{}]", type_repr(origin), join(args)),
            Form::UnionType(args) => args
                .iter()
                .map(|a| {
                    if is_none_type(a) {
                        "None".into()
                    } else {
                        type_repr(a)
                    }
                })
                .collect::<Vec<_>>()
                .join(" | "),
            Form::ForwardRef(s, module) => format!(
                "ForwardRef({}{})",
                crate::python::text::repr::repr(&Value::Str(s.clone())),
                module
                    .as_ref()
                    .map(|m| format!(
                        ", module={}",
                        crate::python::text::repr::repr(&Value::Str(m.clone()))
                    ))
                    .unwrap_or_default()
            ),
            Form::Ellipsis => "Ellipsis".into(),
            Form::NamedTuple => {
                format!("<function NamedTuple at {:#x}>", self as *const _ as usize)
            }
            Form::TypedDict => {
                format!("<function TypedDict at {:#x}>", self as *const _ as usize)
            }
            Form::TypedDictClass(spec) => format!("<class '{}.{}'>", spec.module, spec.qualname),
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn alias(name: &'static str, origin: BuiltinType, params: Option<usize>) -> Value {
    form(Form::Alias {
        name,
        origin: Value::Type(PyType::Builtin(origin)),
        params,
    })
}

fn abc(name: &'static str, params: usize) -> Value {
    form(Form::Alias {
        name,
        origin: Value::Type(PyType::Other {
            name: Rc::from(name),
            qualified: Rc::from(format!("collections.abc.{name}").as_str()),
            native: None,
        }),
        params: Some(params),
    })
}

pub(crate) fn install(it: &mut Interpreter) {
    let members = vec![
        ("Any", form(Form::Any)),
        ("Optional", form(Form::Special("Optional"))),
        ("Union", form(Form::Special("Union"))),
        ("Literal", form(Form::Special("Literal"))),
        ("ClassVar", form(Form::Special("ClassVar"))),
        ("Final", form(Form::Special("Final"))),
        ("List", alias("List", BuiltinType::List, Some(1))),
        ("Dict", alias("Dict", BuiltinType::Dict, Some(2))),
        ("Set", alias("Set", BuiltinType::Set, Some(1))),
        (
            "FrozenSet",
            alias("FrozenSet", BuiltinType::FrozenSet, Some(1)),
        ),
        ("Tuple", alias("Tuple", BuiltinType::Tuple, None)),
        ("Type", alias("Type", BuiltinType::Type, Some(1))),
        ("Iterable", abc("Iterable", 1)),
        ("Iterator", abc("Iterator", 1)),
        ("Sequence", abc("Sequence", 1)),
        ("Mapping", abc("Mapping", 2)),
        ("MutableMapping", abc("MutableMapping", 2)),
        (
            "Callable",
            form(Form::Alias {
                name: "Callable",
                origin: Value::Type(PyType::Other {
                    name: Rc::from("Callable"),
                    qualified: Rc::from("collections.abc.Callable"),
                    native: None,
                }),
                params: None,
            }),
        ),
        ("Text", Value::Type(PyType::Builtin(BuiltinType::Str))),
        ("NamedTuple", form(Form::NamedTuple)),
        ("TypedDict", form(Form::TypedDict)),
        ("TYPE_CHECKING", Value::Bool(false)),
        (
            "cast",
            super::function("typing", "cast", |_, a| {
                crate::python::builtins::unexpected_kw("cast", &a.kwargs)?;
                match a.args.len() {
                    2 => Ok(a.args[1].clone()),
                    n => Err(type_error(if n < 2 {
                        format!(
                            "cast() missing {} required positional argument{}: {}",
                            2 - n,
                            if n == 0 { "s" } else { "" },
                            if n == 0 { "'typ' and 'val'" } else { "'val'" }
                        )
                    } else {
                        format!("cast() takes 2 positional arguments but {n} were given")
                    })),
                }
            }),
        ),
    ];
    it.modules
        .insert("typing".into(), super::module("typing", members));
}

/// What CPython's `typing` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "Annotated"
            | "Concatenate"
            | "ForwardRef"
            | "Generic"
            | "ParamSpec"
            | "Protocol"
            | "TypeVar"
            | "TypeVarTuple"
            | "AbstractSet"
            | "ByteString"
            | "Container"
            | "ContextManager"
            | "Hashable"
            | "ItemsView"
            | "KeysView"
            | "MappingView"
            | "MutableSequence"
            | "MutableSet"
            | "Sized"
            | "ValuesView"
            | "Awaitable"
            | "AsyncIterator"
            | "AsyncIterable"
            | "Coroutine"
            | "Collection"
            | "AsyncGenerator"
            | "AsyncContextManager"
            | "Reversible"
            | "SupportsAbs"
            | "SupportsBytes"
            | "SupportsComplex"
            | "SupportsFloat"
            | "SupportsIndex"
            | "SupportsInt"
            | "SupportsRound"
            | "ChainMap"
            | "Counter"
            | "Deque"
            | "DefaultDict"
            | "OrderedDict"
            | "Generator"
            | "BinaryIO"
            | "IO"
            | "Match"
            | "Pattern"
            | "TextIO"
            | "AnyStr"
            | "assert_type"
            | "assert_never"
            | "clear_overloads"
            | "dataclass_transform"
            | "final"
            | "get_args"
            | "get_origin"
            | "get_overloads"
            | "get_type_hints"
            | "is_typeddict"
            | "LiteralString"
            | "Never"
            | "NewType"
            | "no_type_check"
            | "no_type_check_decorator"
            | "NoReturn"
            | "NotRequired"
            | "overload"
            | "ParamSpecArgs"
            | "ParamSpecKwargs"
            | "Required"
            | "reveal_type"
            | "runtime_checkable"
            | "Self"
            | "TypeAlias"
            | "TypeGuard"
            | "Unpack"
    )
}

/// The items of a subscription: `X[a, b]` gives `a` and `b`, `X[a]` gives `a`.
fn items(index: &Value) -> Vec<Value> {
    match index {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    }
}

/// An argument of a typing subscription as typing keeps it: `None` becomes `NoneType`, a
/// string a `ForwardRef`.
fn type_arg(v: &Value) -> Value {
    match v {
        Value::None => none_type(),
        Value::Str(s) => form(Form::ForwardRef(s.clone(), None)),
        other => other.clone(),
    }
}

/// An annotation as `typing._type_check` keeps it (`None` → `NoneType`, a string → a
/// forward reference).
pub(crate) fn annotation_arg(v: &Value) -> Value {
    type_arg(v)
}

/// Why a typing value cannot be a type argument (`typing.ClassVar[int] is not valid as type
/// argument`), as `_type_check` says it.
pub(crate) fn invalid_type_argument(v: &Value) -> Option<String> {
    let shown = || crate::python::text::repr::repr(v);
    match form_of(v)? {
        Form::Subscripted {
            name: "ClassVar" | "Final",
            ..
        } => Some(format!("{} is not valid as type argument", shown())),
        Form::Special(_) => Some(format!("Plain {} is not valid as type argument", shown())),
        _ => None,
    }
}

/// The members of a union: nested unions flattened, duplicates dropped (first kept).
fn union_members(args: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for a in args {
        let inner = match form_of(a) {
            Some(Form::Union(xs)) | Some(Form::UnionType(xs)) => xs.clone(),
            _ => vec![a.clone()],
        };
        for x in inner {
            let k = key(&x);
            if !seen.contains(&k) {
                seen.push(k);
                out.push(x);
            }
        }
    }
    out
}

/// A union's members go into a set: an unhashable one is CPython's TypeError.
fn all_hashable(args: &[Value]) -> Result<(), PyError> {
    for a in args {
        crate::python::types::hash_value(a)?;
    }
    Ok(())
}

fn make_union(args: &[Value]) -> Value {
    let members = union_members(args);
    if members.len() == 1 {
        return members[0].clone();
    }
    form(Form::Union(members))
}

fn generic_name(v: &Value) -> String {
    crate::python::text::repr::repr(v)
}

/// Whether `b[…]` makes a `types.GenericAlias` (`list[int]`).
pub(crate) fn subscriptable(b: BuiltinType) -> bool {
    matches!(
        b,
        BuiltinType::List
            | BuiltinType::Dict
            | BuiltinType::Tuple
            | BuiltinType::Set
            | BuiltinType::FrozenSet
            | BuiltinType::Type
    )
}

/// `obj[index]` where `obj` is a typing value or a class that CPython lets be subscripted
/// (`list[int]`); `None` when it is neither.
pub(crate) fn subscript(obj: &Value, index: &Value) -> Option<Result<Value, PyError>> {
    if let Value::Type(PyType::Builtin(b)) = obj {
        return match b {
            b if subscriptable(*b) => {
                let args = match index {
                    Value::Tuple(t) if t.is_empty() && *b == BuiltinType::Tuple => Vec::new(),
                    other => items(other),
                };
                Some(Ok(form(Form::Generic {
                    origin: obj.clone(),
                    args,
                })))
            }
            _ => None,
        };
    }
    let Value::Native(n) = obj else {
        return None;
    };
    let t = n.as_any().downcast_ref::<TypingForm>()?;
    // `_tp_cache`: an equal subscription gives the same object back (errors and unhashable
    // arguments are not remembered).
    let cached = matches!(t.0, Form::Special(_) | Form::Alias { .. });
    let hashable = |v: &Value| crate::python::types::hash_value(v).is_ok();
    let cache_key = match index {
        _ if !cached => None,
        // Callable's parameter list is made a tuple before the cache.
        Value::Tuple(items)
            if matches!(
                t.0,
                Form::Alias {
                    name: "Callable",
                    ..
                }
            ) =>
        {
            items
                .iter()
                .all(|i| match i {
                    Value::List(l) => l.borrow().iter().all(hashable),
                    other => hashable(other),
                })
                .then(|| cache_key(index))
        }
        _ => hashable(index).then(|| cache_key(index)),
    };
    if let Some(k) = &cache_key {
        let mut cache = t.1.borrow_mut();
        if let Some(i) = cache.iter().position(|(ck, _)| ck == k) {
            let hit = cache.remove(i);
            let v = hit.1.clone();
            cache.push(hit);
            return Some(Ok(v));
        }
    }
    let r = subscript_form(obj, &t.0, index);
    if let (Some(k), Ok(v)) = (cache_key, &r) {
        let mut cache = t.1.borrow_mut();
        if cache.len() >= CACHE_SIZE {
            cache.remove(0);
        }
        cache.push((k, v.clone()));
    }
    Some(r)
}

/// The key of a subscription's arguments in the cache: equal arguments share it (classes
/// by identity, typing values by equality, other values by their repr).
fn cache_key(index: &Value) -> String {
    match index {
        Value::Tuple(items) => format!(
            "({})",
            items.iter().map(cache_key).collect::<Vec<_>>().join(",")
        ),
        Value::List(items) => format!(
            "[{}]",
            items
                .borrow()
                .iter()
                .map(cache_key)
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => key(other),
    }
}

fn subscript_form(obj: &Value, f: &Form, index: &Value) -> Result<Value, PyError> {
    let args = items(index);
    match f {
        Form::Special("Optional") => {
            if args.len() != 1 || matches!(index, Value::Tuple(_)) {
                return Err(type_error(format!(
                    "typing.Optional requires a single type. Got {}.",
                    type_repr_got(index)
                )));
            }
            let arg = type_arg(&args[0]);
            all_hashable(std::slice::from_ref(&arg))?;
            Ok(make_union(&[arg, none_type()]))
        }
        Form::Special("Union") => {
            if args.is_empty() {
                return Err(type_error("Cannot take a Union of no types."));
            }
            let args: Vec<Value> = args.iter().map(type_arg).collect();
            all_hashable(&args)?;
            Ok(make_union(&args))
        }
        Form::Special(name @ ("ClassVar" | "Final")) => {
            if matches!(index, Value::Tuple(_)) {
                return Err(type_error(format!(
                    "typing.{name} accepts only single type. Got {}.",
                    type_repr_got(index)
                )));
            }
            Ok(form(Form::Subscripted {
                name,
                origin: None,
                args: vec![type_arg(index)],
            }))
        }
        Form::Special(name) => Ok(form(Form::Subscripted {
            name,
            origin: None,
            args,
        })),
        Form::Alias {
            name: "Tuple",
            origin,
            ..
        } => {
            let args = match index {
                Value::Tuple(t) if t.is_empty() => Vec::new(),
                _ => args.iter().map(type_arg).collect(),
            };
            Ok(form(Form::Subscripted {
                name: "Tuple",
                origin: Some(origin.clone()),
                args,
            }))
        }
        Form::Alias {
            name: "Callable",
            origin,
            ..
        } => {
            if args.len() != 2 {
                return Err(type_error(
                    "Callable must be used as Callable[[arg, ...], result].",
                ));
            }
            let params = match &args[0] {
                Value::List(l) => Value::list(l.borrow().iter().map(type_arg).collect()),
                p if matches!(form_of(p), Some(Form::Ellipsis)) => p.clone(),
                p => Value::list(vec![type_arg(p)]),
            };
            Ok(form(Form::Subscripted {
                name: "Callable",
                origin: Some(origin.clone()),
                args: vec![params, type_arg(&args[1])],
            }))
        }
        Form::Alias {
            name,
            origin,
            params: Some(n),
        } => {
            if args.len() != *n {
                return Err(type_error(format!(
                    "Too {} arguments for typing.{name}; actual {}, expected {n}",
                    if args.len() > *n { "many" } else { "few" },
                    args.len()
                )));
            }
            Ok(form(Form::Subscripted {
                name,
                origin: Some(origin.clone()),
                args: args.iter().map(type_arg).collect(),
            }))
        }
        Form::Subscripted { .. } | Form::Union(_) => Err(type_error(format!(
            "{} is not a generic class",
            generic_name(obj)
        ))),
        Form::Any => Err(type_error("type 'Any' is not subscriptable")),
        _ => Err(type_error(format!(
            "'{}' object is not subscriptable",
            obj.error_type_name()
        ))),
    }
}

fn type_repr_got(v: &Value) -> String {
    crate::python::text::repr::repr(v)
}

/// Whether `v` can be a member of `X | Y` (`types.UnionType`): `None`, a class, `list[int]`,
/// another `X | Y`.
fn unionable(v: &Value) -> bool {
    matches!(v, Value::None | Value::Type(_))
        || matches!(form_of(v), Some(Form::Generic { .. } | Form::UnionType(_)))
}

/// `x | y` where either side is a class or a typing value (`None`: neither makes a union,
/// the usual operator error follows).
pub(crate) fn union_or(x: &Value, y: &Value) -> Option<Value> {
    let member = |v: &Value| match v {
        Value::None => none_type(),
        other => other.clone(),
    };
    if unionable(x) && unionable(y) && !(x.is_none() && y.is_none()) {
        // `type.__or__`: a `types.UnionType`, or the one class when both are the same.
        let members = union_members(&[member(x), member(y)]);
        return Some(if members.len() == 1 {
            members[0].clone()
        } else {
            form(Form::UnionType(members))
        });
    }
    // A typing value's `__or__`/`__ror__`: `typing.Union[x, y]`.
    let typing_side = |v: &Value| {
        matches!(
            form_of(v),
            Some(
                Form::Any
                    | Form::Alias { .. }
                    | Form::Subscripted { .. }
                    | Form::Union(_)
                    | Form::ForwardRef(..)
            )
        )
    };
    let other_ok = |v: &Value| unionable(v) || typing_side(v) || matches!(v, Value::Str(_));
    if (typing_side(x) && other_ok(y)) || (typing_side(y) && other_ok(x)) {
        return Some(make_union(&[type_arg(x), type_arg(y)]));
    }
    None
}

/// `isinstance(v, t)` (or `issubclass`, with `subclass`) where `t` is a typing value:
/// unions check their members; a bare alias checks its origin; the rest raise CPython's
/// `TypeError`.
pub(crate) fn instance_check(
    ex: &Exec<'_>,
    v: &Value,
    t: &Value,
    subclass: bool,
) -> Option<Result<bool, PyError>> {
    let f = form_of(t)?;
    let which = if subclass { "issubclass" } else { "isinstance" };
    let check = |x: &Value| {
        if subclass {
            ex.issubclass(v, x)
        } else {
            ex.isinstance(v, x)
        }
    };
    if let Form::TypedDictClass(_) = f {
        return Some(Err(type_error(
            "TypedDict does not support instance and class checks",
        )));
    }
    Some(match f {
        Form::UnionType(args) | Form::Union(args) => {
            for a in args {
                match form_of(a) {
                    Some(Form::Generic { .. }) => {
                        return Some(Err(type_error(format!(
                            "{which}() argument 2 cannot be a parameterized generic"
                        ))))
                    }
                    Some(Form::Subscripted { .. }) => {
                        return Some(Err(type_error(
                            "Subscripted generics cannot be used with class and instance checks",
                        )))
                    }
                    Some(_) => {
                        return Some(Err(PyError::Unsupported {
                            what: format!("{which}() with {}", crate::python::text::repr::repr(t)),
                            line: 0,
                        }))
                    }
                    None => {}
                }
            }
            let mut r = Ok(false);
            for a in args {
                match check(a) {
                    Ok(true) => {
                        r = Ok(true);
                        break;
                    }
                    Ok(false) => {}
                    Err(e) => {
                        r = Err(e);
                        break;
                    }
                }
            }
            r
        }
        Form::Generic { .. } => Err(type_error(format!(
            "{which}() argument 2 cannot be a parameterized generic"
        ))),
        Form::Subscripted { .. } => Err(type_error(
            "Subscripted generics cannot be used with class and instance checks",
        )),
        Form::Any => Err(type_error(format!(
            "typing.Any cannot be used with {which}()"
        ))),
        Form::Special(n) => Err(type_error(format!(
            "typing.{n} cannot be used with {which}()"
        ))),
        Form::Alias {
            origin: o @ Value::Type(PyType::Builtin(_)),
            ..
        } => check(o),
        _ => Err(PyError::Unsupported {
            what: format!("{which}() with {}", crate::python::text::repr::repr(t)),
            line: 0,
        }),
    })
}

/// Calling a typing value: `list[int]()` makes a list; the others raise CPython's
/// `TypeError` or are refused.
pub(crate) fn call(
    ex: &mut Exec<'_>,
    obj: &Value,
    args: Vec<Value>,
    kwargs: crate::python::builtins::Kwargs,
) -> Option<Result<Value, PyError>> {
    let f = form_of(obj)?;
    Some(match f {
        Form::Generic { origin, .. } => {
            let origin = origin.clone();
            ex.call_value(&origin, args, kwargs)
        }
        Form::Any => Err(type_error("Any cannot be instantiated")),
        Form::Alias { name, .. } | Form::Subscripted { name, .. }
            if matches!(*name, "List" | "Dict" | "Set" | "FrozenSet" | "Tuple") =>
        {
            Err(type_error(format!(
                "Type {name} cannot be instantiated; use {}() instead",
                name.to_lowercase()
            )))
        }
        Form::Union(_) => Err(type_error("Cannot instantiate typing.Union")),
        Form::NamedTuple => {
            return Some(crate::python::stdlib::namedtuple::typing_functional(
                ex, args, kwargs,
            ))
        }
        // A TypedDict class makes a plain dict, as `dict(…)` does.
        Form::TypedDictClass(_) => ex.call_value(
            &Value::Type(PyType::Builtin(BuiltinType::Dict)),
            args,
            kwargs,
        ),
        Form::TypedDict => typed_dict_functional(ex, args, kwargs),
        _ => Err(PyError::Unsupported {
            what: format!("calling {}", crate::python::text::repr::repr(obj)),
            line: 0,
        }),
    })
}

/// The attributes a TypedDict class answers itself.
const TYPED_DICT_ATTRS: &[&str] = &[
    "__annotations__",
    "__required_keys__",
    "__optional_keys__",
    "__total__",
    "__name__",
    "__qualname__",
    "__module__",
    "__bases__",
];

fn typed_dict_attr(spec: &TypedDictSpec, name: &str) -> Result<Value, PyException> {
    let keys = |required: bool| {
        let names = spec
            .fields
            .iter()
            .filter(|(k, _)| spec.required.contains(k) == required)
            .map(|(k, _)| Value::Str(k.clone()))
            .collect();
        Value::set(
            crate::python::types::Set::from_values(names)
                .unwrap_or_default()
                .with_frozen(true),
        )
    };
    Ok(match name {
        "__annotations__" => {
            let mut d = crate::python::types::Dict::new();
            for (k, v) in &spec.fields {
                d.insert(Value::Str(k.clone()), v.clone())?;
            }
            Value::dict(d)
        }
        "__required_keys__" => keys(true),
        "__optional_keys__" => keys(false),
        "__total__" => Value::Bool(spec.total),
        "__name__" => Value::Str(spec.name.clone()),
        "__qualname__" => Value::Str(spec.qualname.clone()),
        "__module__" => Value::Str(spec.module.clone()),
        "__bases__" => Value::tuple(vec![Value::Type(PyType::Builtin(BuiltinType::Dict))]),
        _ => match spec.attrs.iter().find(|(k, _)| &**k == name) {
            Some((_, v)) => v.clone(),
            None => {
                return Err(PyException::new(
                    "AttributeError",
                    format!("type object '{}' has no attribute '{name}'", spec.name),
                ))
            }
        },
    })
}

/// An annotation of a TypedDict field as `_type_check` keeps it (a string becomes a
/// forward reference naming the class's module), or its TypeError.
fn typed_dict_annotation(v: &Value, module: &Rc<str>) -> Result<Value, PyError> {
    if let Value::Str(s) = v {
        return Ok(form(Form::ForwardRef(s.clone(), Some(module.clone()))));
    }
    let msg = "TypedDict('Name', {f0: t0, f1: t1, ...}); each t must be a type";
    if let Some(why) = invalid_type_argument(v) {
        return Err(type_error(why));
    }
    if matches!(v, Value::Tuple(_)) {
        return Err(type_error(format!(
            "{msg} Got {:.100}.",
            crate::python::text::repr::repr(v)
        )));
    }
    Ok(annotation_arg(v))
}

/// The value a `class Movie(TypedDict):` statement makes (`_TypedDictMeta`): the bases'
/// fields, then the body's annotations; every field required (the class keyword `total`
/// is refused by the parser).
pub(crate) fn typed_dict_class(
    name: &Rc<str>,
    qualname: Rc<str>,
    module: Rc<str>,
    bases: &[Value],
    ns: Vec<(Rc<str>, Value)>,
) -> Result<Value, PyError> {
    let mut fields: Vec<(Rc<str>, Value)> = Vec::new();
    let mut required: Vec<Rc<str>> = Vec::new();
    for b in bases {
        if let Some(Form::TypedDictClass(spec)) = form_of(b) {
            for (k, v) in &spec.fields {
                match fields.iter_mut().find(|(f, _)| f == k) {
                    Some(slot) => slot.1 = v.clone(),
                    None => fields.push((k.clone(), v.clone())),
                }
            }
            for r in &spec.required {
                if !required.contains(r) {
                    required.push(r.clone());
                }
            }
        }
    }
    let mut attrs = Vec::new();
    for (k, v) in ns {
        if &*k != "__annotations__" {
            attrs.push((k, v));
            continue;
        }
        let Value::Dict(own) = v else { continue };
        let own = own.borrow().items();
        for (field, ann) in own {
            let Value::Str(field) = field else { continue };
            let ann = typed_dict_annotation(&ann, &module)?;
            match fields.iter_mut().find(|(f, _)| *f == field) {
                Some(slot) => slot.1 = ann,
                None => fields.push((field.clone(), ann)),
            }
            if !required.contains(&field) {
                required.push(field);
            }
        }
    }
    Ok(form(Form::TypedDictClass(Rc::new(TypedDictSpec {
        name: name.clone(),
        qualname,
        module,
        fields,
        required,
        total: true,
        attrs,
    }))))
}

/// `TypedDict('Movie', {'name': str, 'year': int}, total=False)`.
fn typed_dict_functional(
    ex: &mut Exec<'_>,
    args: Vec<Value>,
    mut kwargs: crate::python::builtins::Kwargs,
) -> Result<Value, PyError> {
    let total = match crate::python::builtins::take_kw(&mut kwargs, "total") {
        Some(v) => ex.truthy(&v)?,
        None => true,
    };
    let name = match args.first() {
        Some(Value::Str(s)) => s.clone(),
        Some(_) => {
            return Err(PyError::Unsupported {
                what: "a TypedDict name that is not a str".into(),
                line: 0,
            })
        }
        None => {
            return Err(type_error(
                "TypedDict() missing 1 required positional argument: 'typename'",
            ))
        }
    };
    if args.len() > 2 {
        return Err(type_error(format!(
            "TypedDict() takes from 1 to 2 positional arguments but {} were given",
            args.len()
        )));
    }
    if !kwargs.is_empty() || !matches!(args.get(1), None | Some(Value::Dict(_))) {
        return Err(PyError::Unsupported {
            what: "TypedDict fields given otherwise than as a dict".into(),
            line: 0,
        });
    }
    let mut fields = Vec::new();
    if let Some(Value::Dict(d)) = args.get(1) {
        for (k, v) in d.borrow().items() {
            let Value::Str(k) = k else {
                return Err(PyError::Unsupported {
                    what: "TypedDict field names that are not str".into(),
                    line: 0,
                });
            };
            fields.push((k, typed_dict_annotation(&v, &ex.it.module_name)?));
        }
    }
    let required = if total {
        fields.iter().map(|(k, _)| k.clone()).collect()
    } else {
        Vec::new()
    };
    Ok(form(Form::TypedDictClass(Rc::new(TypedDictSpec {
        name: name.clone(),
        qualname: name,
        module: ex.it.module_name.clone(),
        fields,
        required,
        total,
        attrs: Vec::new(),
    }))))
}
