//! `dataclasses`: `@dataclass` (with `init`, `repr`, `eq`, `order`, `unsafe_hash`,
//! `frozen`, `match_args`), `field(default=…, default_factory=…, init=, repr=, compare=,
//! hash=)`, `fields`, `asdict`, `astuple`, `replace`, `is_dataclass` and
//! `FrozenInstanceError`, as CPython 3.11's `dataclasses.py` makes them. `__init__` is Python
//! code written for the class and compiled here, as CPython does, so its argument errors are
//! the interpreter's own; `__repr__`, `__eq__`, the orderings and `__hash__` are methods of
//! the simulator that compare the same tuples.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::{Exec, Interpreter};
use crate::python::syntax::ast::CmpOp;
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{Class, Dict, NativeObject, PyType, Value};
use crate::python::{PyError, PyException};

/// A `dataclasses.Field`.
#[derive(Clone)]
pub(crate) struct Field {
    name: Rc<str>,
    ty: Value,
    default: Option<Value>,
    factory: Option<Value>,
    init: bool,
    repr: bool,
    /// `None`: as `compare`.
    hash: Option<bool>,
    compare: bool,
    /// `None`: not given (`MISSING`); `@dataclass` decides.
    kw_only: Option<bool>,
    /// An `InitVar` pseudo-field: an `__init__` parameter passed to `__post_init__`.
    initvar: bool,
}

impl NativeObject for Field {
    fn type_name(&self) -> &str {
        "Field"
    }

    fn qualified_name(&self) -> String {
        "dataclasses.Field".into()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        let missing = || Value::Native(Rc::new(Missing));
        Ok(match name {
            "name" => Value::Str(self.name.clone()),
            "type" => self.ty.clone(),
            "default" => self.default.clone().unwrap_or_else(missing),
            "default_factory" => self.factory.clone().unwrap_or_else(missing),
            "init" => Value::Bool(self.init),
            "repr" => Value::Bool(self.repr),
            "compare" => Value::Bool(self.compare),
            "hash" => self.hash.map(Value::Bool).unwrap_or(Value::None),
            "kw_only" => self.kw_only.map(Value::Bool).unwrap_or_else(missing),
            _ => return Err(PyException::attribute_error("Field", name)),
        })
    }

    fn unsupported_attr(&self, name: &str) -> bool {
        name == "metadata" || name.starts_with('_')
    }

    fn repr(&self) -> String {
        let missing = Missing.repr();
        let r = |v: &Option<Value>| match v {
            Some(v) => crate::python::text::repr::repr(v),
            None => missing.clone(),
        };
        format!(
            "Field(name={},type={},default={},default_factory={},init={},repr={},hash={},compare={},metadata=mappingproxy({{}}),kw_only={},_field_type={})",
            crate::python::text::repr::repr(&Value::Str(self.name.clone())),
            crate::python::text::repr::repr(&self.ty),
            r(&self.default),
            r(&self.factory),
            py_bool(self.init),
            py_bool(self.repr),
            match self.hash {
                None => "None",
                Some(b) => py_bool(b),
            },
            py_bool(self.compare),
            match self.kw_only {
                None => missing.clone(),
                Some(b) => py_bool(b).into(),
            },
            if self.initvar {
                "_FIELD_INITVAR"
            } else {
                "_FIELD"
            },
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// `dataclasses.MISSING`.
struct Missing;

thread_local! {
    static MISSING_ADDR: usize = {
        let b = Box::new(0u8);
        let a = &*b as *const u8 as usize;
        std::mem::forget(b);
        a
    };
}

impl NativeObject for Missing {
    fn type_name(&self) -> &str {
        "_MISSING_TYPE"
    }

    fn qualified_name(&self) -> String {
        "dataclasses._MISSING_TYPE".into()
    }

    fn repr(&self) -> String {
        format!(
            "<dataclasses._MISSING_TYPE object at {:#x}>",
            MISSING_ADDR.with(|a| *a)
        )
    }

    fn eq_key(&self) -> Option<Value> {
        Some(Value::None)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `__dataclass_params__`: what the decorator was given.
#[derive(Clone, Copy)]
struct Params {
    init: bool,
    repr: bool,
    eq: bool,
    order: bool,
    unsafe_hash: bool,
    frozen: bool,
    match_args: bool,
    kw_only: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            init: true,
            repr: true,
            eq: true,
            order: false,
            unsafe_hash: false,
            frozen: false,
            match_args: true,
            kw_only: false,
        }
    }
}

struct ParamsObj(Params);

impl NativeObject for ParamsObj {
    fn type_name(&self) -> &str {
        "_DataclassParams"
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        let p = self.0;
        Ok(Value::Bool(match name {
            "init" => p.init,
            "repr" => p.repr,
            "eq" => p.eq,
            "order" => p.order,
            "unsafe_hash" => p.unsafe_hash,
            "frozen" => p.frozen,
            _ => return Err(PyException::attribute_error("_DataclassParams", name)),
        }))
    }

    fn repr(&self) -> String {
        let p = self.0;
        format!(
            "_DataclassParams(init={},repr={},eq={},order={},unsafe_hash={},frozen={})",
            py_bool(p.init),
            py_bool(p.repr),
            py_bool(p.eq),
            py_bool(p.order),
            py_bool(p.unsafe_hash),
            py_bool(p.frozen)
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Repr,
    Eq,
    Order(CmpOp),
    Hash,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Repr => "__repr__",
            Kind::Eq => "__eq__",
            Kind::Order(CmpOp::Lt) => "__lt__",
            Kind::Order(CmpOp::LtE) => "__le__",
            Kind::Order(CmpOp::Gt) => "__gt__",
            Kind::Order(_) => "__ge__",
            Kind::Hash => "__hash__",
        }
    }
}

/// A method `@dataclass` adds (a function in CPython: it binds to the instance).
pub(crate) struct Method {
    kind: Kind,
    qualname: Rc<str>,
    /// The fields it reads, in order.
    fields: Rc<[Rc<str>]>,
}

impl NativeObject for Method {
    fn type_name(&self) -> &str {
        "function"
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "__name__" => Ok(Value::str(self.kind.name())),
            "__qualname__" => Ok(Value::Str(self.qualname.clone())),
            _ => Err(PyException::attribute_error("function", name)),
        }
    }

    fn repr(&self) -> String {
        format!(
            "<function {} at {:#x}>",
            self.qualname, self as *const Method as usize
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The fields the `__repr__` `@dataclass` added shows, when an instance's class uses it
/// (for the repr written without the interpreter: the session shown in a trace).
pub(crate) fn repr_fields(inst: &crate::python::types::Instance) -> Option<Rc<[Rc<str>]>> {
    match inst.class.lookup("__repr__") {
        Some((Value::Native(n), _)) => n
            .as_any()
            .downcast_ref::<Method>()
            .filter(|m| m.kind == Kind::Repr)
            .map(|m| m.fields.clone()),
        _ => None,
    }
}

/// Whether a native object is a method `@dataclass` added.
pub(crate) fn is_method(obj: &dyn Any) -> bool {
    obj.is::<Method>()
}

/// Whether a class's `__hash__` is the one `@dataclass` added (hashing calls it).
pub(crate) fn is_hash_method(v: &Value) -> bool {
    matches!(v, Value::Native(n) if n.as_any().downcast_ref::<Method>().is_some_and(|m| m.kind == Kind::Hash))
}

/// Whether instances of `class` are frozen (assigning or deleting a field raises
/// `FrozenInstanceError`).
fn frozen(class: &Rc<Class>) -> bool {
    match class.lookup("__dataclass_params__") {
        Some((Value::Native(n), _)) => n
            .as_any()
            .downcast_ref::<ParamsObj>()
            .is_some_and(|p| p.0.frozen),
        _ => false,
    }
}

/// The error of `inst.name = …` (`deleting`: `del inst.name`) on a frozen dataclass.
pub(crate) fn frozen_error(class: &Rc<Class>, name: &str, deleting: bool) -> Option<PyError> {
    if !frozen(class) {
        return None;
    }
    Some(exc(
        "FrozenInstanceError",
        format!(
            "cannot {} field {}",
            if deleting { "delete" } else { "assign to" },
            crate::python::text::repr::repr(&Value::str(name))
        ),
    ))
}

/// The fields of a dataclass (its `__dataclass_fields__`), in order.
fn fields_of(class: &Rc<Class>) -> Option<Vec<Field>> {
    let (Value::Dict(d), _) = class.lookup("__dataclass_fields__")? else {
        return None;
    };
    let items = d.borrow().items();
    Some(
        items
            .into_iter()
            .filter_map(|(_, v)| match v {
                Value::Native(n) => n.as_any().downcast_ref::<Field>().cloned(),
                _ => None,
            })
            .filter(|f| !f.initvar)
            .collect(),
    )
}

fn class_of(v: &Value) -> Option<Rc<Class>> {
    match v {
        Value::Type(PyType::Class(c)) => Some(c.clone()),
        Value::Instance(i) => Some(i.class.clone()),
        _ => None,
    }
}

fn field_value(v: &Value) -> Option<&Field> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Field>(),
        _ => None,
    }
}

pub(crate) fn install(it: &mut Interpreter) {
    it.exceptions
        .insert(Rc::from("FrozenInstanceError"), Rc::from("AttributeError"));
    let members = vec![
        (
            "dataclass",
            super::function("dataclasses", "dataclass", dataclass),
        ),
        ("field", super::function("dataclasses", "field", field)),
        (
            "fields",
            super::function("dataclasses", "fields", |_, a| {
                crate::python::builtins::unexpected_kw("fields", &a.kwargs)?;
                a.count("fields", 1, 1)?;
                let fs = class_of(&a.args[0])
                    .and_then(|c| fields_of(&c))
                    .ok_or_else(|| {
                        type_error("must be called with a dataclass type or instance")
                    })?;
                Ok(Value::tuple(
                    fs.into_iter().map(|f| Value::Native(Rc::new(f))).collect(),
                ))
            }),
        ),
        (
            "is_dataclass",
            super::function("dataclasses", "is_dataclass", |_, a| {
                a.count("is_dataclass", 1, 1)?;
                Ok(Value::Bool(
                    class_of(&a.args[0]).is_some_and(|c| fields_of(&c).is_some()),
                ))
            }),
        ),
        (
            "asdict",
            super::function("dataclasses", "asdict", |ex, a| {
                to_plain(ex, a, "asdict", true)
            }),
        ),
        (
            "astuple",
            super::function("dataclasses", "astuple", |ex, a| {
                to_plain(ex, a, "astuple", false)
            }),
        ),
        (
            "replace",
            super::function("dataclasses", "replace", replace),
        ),
        ("MISSING", Value::Native(Rc::new(Missing))),
        ("KW_ONLY", Value::Native(Rc::new(KwOnly))),
        ("InitVar", Value::Native(Rc::new(InitVar(None)))),
        (
            "FrozenInstanceError",
            Value::exception_class("FrozenInstanceError"),
        ),
    ];
    it.modules
        .insert("dataclasses".into(), super::module("dataclasses", members));
}

/// What CPython's `dataclasses` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(name, "Field" | "make_dataclass" | "recursive_repr")
}

/// `dataclass(cls)` or `dataclass(order=True, …)` (then a decorator).
fn dataclass(ex: &mut Exec<'_>, a: super::Args) -> Result<Value, PyError> {
    let mut p = Params::default();
    let mut a = a;
    for (k, v) in std::mem::take(&mut a.kwargs) {
        let b = ex.truthy(&v)?;
        match &*k {
            "init" => p.init = b,
            "repr" => p.repr = b,
            "eq" => p.eq = b,
            "order" => p.order = b,
            "unsafe_hash" => p.unsafe_hash = b,
            "frozen" => p.frozen = b,
            "match_args" => p.match_args = b,
            "kw_only" => p.kw_only = b,
            "slots" | "weakref_slot" if !b => {}
            "slots" | "weakref_slot" => {
                return Err(PyError::Unsupported {
                    what: format!("dataclass({k}=True)"),
                    line: 0,
                })
            }
            _ => {
                return Err(type_error(format!(
                    "dataclass() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    match a.args.len() {
        0 => Ok(Value::NativeFunction(Rc::new(
            crate::python::types::NativeFunction::with_interpreter("wrap", move |ex, args, _| {
                match args.first() {
                    Some(Value::Type(PyType::Class(c))) if args.len() == 1 => {
                        process(ex, c.clone(), p)
                    }
                    _ => Err(type_error("dataclass() should be called on a class")),
                }
            }),
        ))),
        1 => match &a.args[0] {
            Value::None => dataclass(
                ex,
                super::Args {
                    module: "dataclasses",
                    args: Vec::new(),
                    kwargs: Vec::new(),
                },
            ),
            Value::Type(PyType::Class(c)) => process(ex, c.clone(), p),
            other => Err(PyError::Unsupported {
                what: format!("dataclass() of a {}", other.type_name()),
                line: 0,
            }),
        },
        n => Err(type_error(format!(
            "dataclass() takes from 0 to 1 positional arguments but {n} were given"
        ))),
    }
}

/// `field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
/// compare=True, metadata=None, kw_only=MISSING)`.
fn field(ex: &mut Exec<'_>, a: super::Args) -> Result<Value, PyError> {
    if !a.args.is_empty() {
        return Err(type_error(format!(
            "field() takes 0 positional arguments but {} were given",
            a.args.len()
        )));
    }
    let mut f = Field {
        name: Rc::from(""),
        ty: Value::None,
        default: None,
        factory: None,
        init: true,
        repr: true,
        hash: None,
        compare: true,
        kw_only: None,
        initvar: false,
    };
    let is_missing = |v: &Value| matches!(v, Value::Native(n) if n.as_any().is::<Missing>());
    for (k, v) in a.kwargs {
        match &*k {
            "default" if !is_missing(&v) => f.default = Some(v),
            "default_factory" if !is_missing(&v) => f.factory = Some(v),
            "default" | "default_factory" => {}
            "init" => f.init = ex.truthy(&v)?,
            "repr" => f.repr = ex.truthy(&v)?,
            "compare" => f.compare = ex.truthy(&v)?,
            "hash" => {
                f.hash = match v {
                    Value::None => None,
                    other => Some(ex.truthy(&other)?),
                }
            }
            "kw_only" if !is_missing(&v) => f.kw_only = Some(ex.truthy(&v)?),
            "kw_only" => {}
            "metadata" => {
                return Err(PyError::Unsupported {
                    what: format!("field({k}=…)"),
                    line: 0,
                })
            }
            _ => {
                return Err(type_error(format!(
                    "field() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    if f.default.is_some() && f.factory.is_some() {
        return Err(exc(
            "ValueError",
            "cannot specify both default and default_factory",
        ));
    }
    Ok(Value::Native(Rc::new(f)))
}

/// Whether an annotation is `ClassVar` (the name is then a class variable, not a field).
fn is_class_var(ty: &Value) -> bool {
    let r = crate::python::text::repr::repr(ty);
    matches!(ty, Value::Native(_)) && (r == "typing.ClassVar" || r.starts_with("typing.ClassVar["))
}

/// How `inspect.signature` shows an annotation (`formatannotation`).
fn annotation_text(ty: &Value) -> String {
    match ty {
        Value::Type(t) => t.qualified_name().into_owned(),
        other if super::typing::from_typing_module(other) => {
            crate::python::text::repr::repr(other).replace("typing.", "")
        }
        other => crate::python::text::repr::repr(other),
    }
}

fn process(ex: &mut Exec<'_>, class: Rc<Class>, p: Params) -> Result<Value, PyError> {
    if p.order && !p.eq {
        return Err(exc("ValueError", "eq must be true if order is true"));
    }
    // The fields of the dataclass bases, most basic first.
    let mut fields: Vec<Field> = Vec::new();
    let mut any_frozen_base = None;
    for base in class.ancestors.iter().rev() {
        if let Some(Value::Dict(d)) = base.own("__dataclass_fields__") {
            let items = d.borrow().items();
            for (_, v) in items {
                if let Some(f) = field_value(&v) {
                    match fields.iter_mut().find(|x| x.name == f.name) {
                        Some(slot) => *slot = f.clone(),
                        None => fields.push(f.clone()),
                    }
                }
            }
            any_frozen_base = Some(frozen(base));
        }
    }
    match any_frozen_base {
        Some(true) if !p.frozen => {
            return Err(type_error(
                "cannot inherit non-frozen dataclass from a frozen one",
            ))
        }
        Some(false) if p.frozen => {
            return Err(type_error(
                "cannot inherit frozen dataclass from a non-frozen one",
            ))
        }
        _ => {}
    }
    let annotations: Vec<(Value, Value)> = match class.own("__annotations__") {
        Some(Value::Dict(d)) => d.borrow().items(),
        _ => Vec::new(),
    };
    ex.charge(annotations.len() + fields.len() + 1)?;
    let mut after_kw_only = false;
    for (k, ty) in annotations {
        let Value::Str(name) = k else { continue };
        if is_class_var(&ty) {
            continue;
        }
        if matches!(&ty, Value::Native(n) if n.as_any().is::<KwOnly>()) {
            if after_kw_only {
                return Err(type_error(format!(
                    "{} is KW_ONLY, but KW_ONLY has already been specified",
                    py_str(&name)
                )));
            }
            after_kw_only = true;
            continue;
        }
        let own = class.own(&name);
        let mut f = match own.as_ref().and_then(field_value) {
            Some(f) => f.clone(),
            None => Field {
                name: name.clone(),
                ty: Value::None,
                default: own.clone(),
                factory: None,
                init: true,
                repr: true,
                hash: None,
                compare: true,
                kw_only: None,
                initvar: false,
            },
        };
        f.name = name.clone();
        f.initvar = is_initvar(&ty);
        f.ty = ty;
        if f.kw_only.is_none() {
            f.kw_only = Some(p.kw_only || after_kw_only);
        }
        if f.initvar && f.factory.is_some() {
            return Err(type_error(format!(
                "field {name} cannot have a default factory"
            )));
        }
        // The class attribute becomes the default, or goes when there is none.
        if own.as_ref().and_then(field_value).is_some() {
            match &f.default {
                Some(d) => class.set(&name, d.clone()),
                None => {
                    class.attrs.borrow_mut().retain(|(k, _)| *k != name);
                }
            }
        }
        if let Some(d) = f.default.as_ref().filter(|_| !f.initvar) {
            let unhashable = match d {
                Value::List(_) | Value::Dict(_) | Value::Set(_) => true,
                Value::Instance(i) => matches!(i.class.lookup("__hash__"), Some((Value::None, _))),
                _ => false,
            };
            if unhashable {
                return Err(exc(
                    "ValueError",
                    format!(
                        "mutable default {} for field {name} is not allowed: use default_factory",
                        crate::python::text::repr::repr(&Value::Type(d.type_of()))
                    ),
                ));
            }
        }
        match fields.iter_mut().find(|x| x.name == name) {
            Some(slot) => *slot = f,
            None => fields.push(f),
        }
    }
    let mut table = Dict::new();
    for f in &fields {
        table.insert(
            Value::Str(f.name.clone()),
            Value::Native(Rc::new(f.clone())),
        )?;
    }
    class.set("__dataclass_params__", Value::Native(Rc::new(ParamsObj(p))));
    class.set("__dataclass_fields__", Value::dict(table));
    let qual = |n: &str| Rc::from(format!("{}.{n}", class.qualname).as_str());
    let names = |pick: &dyn Fn(&Field) -> bool| -> Rc<[Rc<str>]> {
        fields
            .iter()
            .filter(|f| !f.initvar && pick(f))
            .map(|f| f.name.clone())
            .collect()
    };
    if p.init && class.own("__init__").is_none() {
        let init = make_init(ex, &class, &fields, p.frozen)?;
        class.set("__init__", init);
    }
    let method = |kind: Kind, fields: Rc<[Rc<str>]>| {
        Value::Native(Rc::new(Method {
            kind,
            qualname: qual(kind.name()),
            fields,
        }))
    };
    if p.repr && class.own("__repr__").is_none() {
        class.set("__repr__", method(Kind::Repr, names(&|f| f.repr)));
    }
    let compared = names(&|f| f.compare);
    if p.eq && class.own("__eq__").is_none() {
        class.set("__eq__", method(Kind::Eq, compared.clone()));
    }
    if p.order {
        for op in [CmpOp::Lt, CmpOp::LtE, CmpOp::Gt, CmpOp::GtE] {
            let k = Kind::Order(op);
            if class.own(k.name()).is_some() {
                return Err(type_error(format!(
                    "Cannot overwrite attribute {} in class {}. Consider using functools.total_ordering",
                    k.name(),
                    class.name
                )));
            }
            class.set(k.name(), method(k, compared.clone()));
        }
    }
    if p.frozen {
        for n in ["__setattr__", "__delattr__"] {
            if class.own(n).is_some() {
                return Err(type_error(format!(
                    "Cannot overwrite attribute {n} in class {}",
                    class.name
                )));
            }
        }
    }
    // CPython's `_hash_action` table.
    let class_hash = class.own("__hash__");
    let has_explicit_hash = match &class_hash {
        None => false,
        Some(Value::None) => class.own("__eq__").is_none(),
        Some(_) => true,
    };
    let hashed = names(&|f| f.hash.unwrap_or(f.compare));
    match (p.unsafe_hash, p.eq, p.frozen, has_explicit_hash) {
        (false, false, _, _) | (false, true, false, true) | (false, true, true, true) => {}
        (false, true, false, false) => class.set("__hash__", Value::None),
        (false, true, true, false) | (true, _, _, false) => {
            class.set("__hash__", method(Kind::Hash, hashed))
        }
        (true, _, _, true) => {
            return Err(type_error(format!(
                "Cannot overwrite attribute __hash__ in class {}",
                class.name
            )))
        }
    }
    if p.match_args && class.own("__match_args__").is_none() {
        let init_names: Vec<Rc<str>> = fields
            .iter()
            .filter(|f| f.init && f.kw_only != Some(true))
            .map(|f| f.name.clone())
            .collect();
        class.set(
            "__match_args__",
            Value::tuple(init_names.iter().map(|n| Value::Str(n.clone())).collect()),
        );
    }
    if matches!(class.own("__doc__"), None | Some(Value::None)) {
        let mut parts = Vec::new();
        let (std, kw): (Vec<&Field>, Vec<&Field>) = fields
            .iter()
            .filter(|f| f.init)
            .partition(|f| f.kw_only != Some(true));
        for (i, f) in std.iter().chain(kw.iter()).enumerate() {
            if i == std.len() {
                parts.push("*".to_string());
            }
            let mut s = format!("{}: {}", f.name, annotation_text(&f.ty));
            if let Some(d) = &f.default {
                s.push_str(&format!(" = {}", ex.repr_of(d)?));
            } else if f.factory.is_some() {
                s.push_str(" = <factory>");
            }
            parts.push(s);
        }
        class.set(
            "__doc__",
            Value::str(&format!("{}({})", class.name, parts.join(", "))),
        );
    }
    Ok(Value::Type(PyType::Class(class)))
}

/// `__init__` for the fields, written as CPython's `_init_fn` writes it and compiled.
fn make_init(
    ex: &mut Exec<'_>,
    class: &Rc<Class>,
    fields: &[Field],
    frozen: bool,
) -> Result<Value, PyError> {
    let this = if fields.iter().any(|f| &*f.name == "self") {
        "__dataclass_self__"
    } else {
        "self"
    };
    let mut seen_default = false;
    let mut outer: Vec<String> = vec![
        "__dataclass_set__".into(),
        "__dataclass_HAS_DEFAULT_FACTORY__".into(),
    ];
    let mut outer_values: Vec<Value> = vec![
        Value::NativeFunction(Rc::new(crate::python::types::NativeFunction::new(
            "__setattr__",
            |args, _| {
                if let [Value::Instance(i), Value::Str(n), v] = &args[..] {
                    i.set(n, v.clone());
                }
                Ok(Value::None)
            },
        ))),
        Value::Native(Rc::new(Missing)),
    ];
    let mut params = vec![this.to_string()];
    let mut kw_params = Vec::new();
    let mut body = Vec::new();
    for f in fields {
        let n = &f.name;
        let kw = f.kw_only == Some(true);
        let params = if kw { &mut kw_params } else { &mut params };
        if f.init && !kw {
            if f.default.is_some() || f.factory.is_some() {
                seen_default = true;
            } else if seen_default {
                return Err(type_error(format!(
                    "non-default argument '{n}' follows default argument"
                )));
            }
        }
        let value = if let Some(factory) = &f.factory {
            outer.push(format!("__dataclass_dflt_{n}__"));
            outer_values.push(factory.clone());
            if f.init {
                params.push(format!("{n}=__dataclass_HAS_DEFAULT_FACTORY__"));
                format!(
                    "__dataclass_dflt_{n}__() if {n} is __dataclass_HAS_DEFAULT_FACTORY__ else {n}"
                )
            } else {
                format!("__dataclass_dflt_{n}__()")
            }
        } else if let Some(d) = &f.default {
            outer.push(format!("__dataclass_dflt_{n}__"));
            outer_values.push(d.clone());
            if f.init {
                params.push(format!("{n}=__dataclass_dflt_{n}__"));
                n.to_string()
            } else {
                format!("__dataclass_dflt_{n}__")
            }
        } else if f.init {
            params.push(n.to_string());
            n.to_string()
        } else {
            continue;
        };
        if f.initvar {
            continue;
        }
        body.push(if frozen {
            format!("        __dataclass_set__({this}, {}, {value})", py_str(n))
        } else {
            format!("        {this}.{n} = {value}")
        });
    }
    if class.lookup("__post_init__").is_some() {
        let initvars: Vec<&str> = fields
            .iter()
            .filter(|f| f.initvar)
            .map(|f| &*f.name)
            .collect();
        body.push(format!(
            "        {this}.__post_init__({})",
            initvars.join(", ")
        ));
    }
    if !kw_params.is_empty() {
        params.push("*".into());
        params.extend(kw_params);
    }
    if body.is_empty() {
        body.push("        pass".into());
    }
    let source = format!(
        "def __create_fn__({}):\n    def __init__({}):\n{}\n    return __init__\n",
        outer.join(", "),
        params.join(", "),
        body.join("\n")
    );
    ex.charge(source.len() / 16 + 1)?;
    let create = super::generated_function(ex, &source)?;
    let init = ex.call_value(&create, outer_values, Vec::new())?;
    if let Value::Function(f) = &init {
        f.set_attr(
            "__qualname__",
            Value::str(&format!("{}.__init__", class.qualname)),
        );
        *f.owner.borrow_mut() = Some(Rc::downgrade(class));
    }
    Ok(init)
}

fn py_str(s: &str) -> String {
    crate::python::text::repr::repr(&Value::str(s))
}

thread_local! {
    /// The instances whose dataclass `__repr__` is running (a repeat shows as `...`, as
    /// `reprlib.recursive_repr` does).
    static IN_REPR: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Calls a dataclass method (`None`: `obj` is not one).
pub(crate) fn call(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn NativeObject>,
    args: Vec<Value>,
    kwargs: crate::python::builtins::Kwargs,
) -> Option<Result<Value, PyError>> {
    let m = obj.as_any().downcast_ref::<Method>()?;
    Some(call_method(ex, m, args, kwargs))
}

fn values(ex: &mut Exec<'_>, v: &Value, names: &[Rc<str>]) -> Result<Vec<Value>, PyError> {
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        out.push(ex.get_attr(v, n)?);
    }
    Ok(out)
}

fn call_method(
    ex: &mut Exec<'_>,
    m: &Method,
    args: Vec<Value>,
    kwargs: crate::python::builtins::Kwargs,
) -> Result<Value, PyError> {
    let q = &m.qualname;
    if let Some((k, _)) = kwargs.first() {
        return Err(type_error(format!(
            "{q}() got an unexpected keyword argument '{k}'"
        )));
    }
    let want = if matches!(m.kind, Kind::Repr | Kind::Hash) {
        1
    } else {
        2
    };
    if args.len() != want {
        if args.len() < want {
            let missing = if args.is_empty() && want == 2 {
                "2 required positional arguments: 'self' and 'other'".to_string()
            } else {
                format!(
                    "1 required positional argument: '{}'",
                    if args.is_empty() { "self" } else { "other" }
                )
            };
            return Err(type_error(format!("{q}() missing {missing}")));
        }
        return Err(type_error(format!(
            "{q}() takes {want} positional argument{} but {} were given",
            if want == 1 { "" } else { "s" },
            args.len()
        )));
    }
    ex.charge(m.fields.len() + 1)?;
    ex.check_stack()?;
    let this = &args[0];
    match m.kind {
        Kind::Repr => {
            let key = match this {
                Value::Instance(i) => Rc::as_ptr(i) as *const u8 as usize,
                _ => 0,
            };
            if IN_REPR.with(|s| s.borrow().contains(&key)) {
                return Ok(Value::str("..."));
            }
            IN_REPR.with(|s| s.borrow_mut().push(key));
            let r = (|| {
                let mut parts = Vec::with_capacity(m.fields.len());
                for n in m.fields.iter() {
                    let v = ex.get_attr(this, n)?;
                    parts.push(format!("{n}={}", ex.repr_of(&v)?));
                }
                let name = match this {
                    Value::Instance(i) => i.class.qualname.to_string(),
                    other => other.type_name().to_string(),
                };
                Ok(Value::str(&format!("{name}({})", parts.join(", "))))
            })();
            IN_REPR.with(|s| {
                let mut s = s.borrow_mut();
                if let Some(pos) = s.iter().rposition(|k| *k == key) {
                    s.remove(pos);
                }
            });
            r
        }
        Kind::Hash => {
            let t = Value::tuple(values(ex, this, &m.fields)?);
            ex.call_value(
                &Value::Builtin(crate::python::types::Builtin::Hash),
                vec![t],
                Vec::new(),
            )
        }
        Kind::Eq | Kind::Order(_) => {
            let other = &args[1];
            let same = match (this, other) {
                (Value::Instance(a), Value::Instance(b)) => Rc::ptr_eq(&a.class, &b.class),
                _ => false,
            };
            if !same {
                return Ok(crate::python::types::ops::not_implemented());
            }
            let a = Value::tuple(values(ex, this, &m.fields)?);
            let b = Value::tuple(values(ex, other, &m.fields)?);
            let op = match m.kind {
                Kind::Order(op) => op,
                _ => CmpOp::Eq,
            };
            Ok(Value::Bool(ex.compare_values(op, &a, &b)?))
        }
    }
}

/// `asdict(obj)` / `astuple(obj)`: the fields, recursively through dataclasses, lists,
/// tuples and dicts (other values are copied by `copy.deepcopy`, which the simulator only
/// does for immutable values).
fn to_plain(
    ex: &mut Exec<'_>,
    a: super::Args,
    name: &str,
    as_dict: bool,
) -> Result<Value, PyError> {
    if let Some((k, _)) = a.kwargs.first() {
        return Err(PyError::Unsupported {
            what: format!("{name}({k}=…)"),
            line: 0,
        });
    }
    a.count(name, 1, 1)?;
    let v = &a.args[0];
    let is_instance = matches!(v, Value::Instance(i) if fields_of(&i.class).is_some());
    if !is_instance {
        return Err(type_error(format!(
            "{name}() should be called on dataclass instances"
        )));
    }
    plain(ex, v, as_dict, 0)
}

fn plain(ex: &mut Exec<'_>, v: &Value, as_dict: bool, depth: usize) -> Result<Value, PyError> {
    ex.charge(1)?;
    ex.check_stack()?;
    if depth > 900 {
        return Err(exc(
            "RecursionError",
            "maximum recursion depth exceeded while calling a Python object",
        ));
    }
    match v {
        Value::Instance(i) if fields_of(&i.class).is_some() => {
            let fields = fields_of(&i.class).unwrap_or_default();
            let mut d = Dict::new();
            let mut t = Vec::new();
            for f in fields {
                let x = ex.get_attr(v, &f.name)?;
                let x = plain(ex, &x, as_dict, depth + 1)?;
                if as_dict {
                    d.insert(Value::Str(f.name.clone()), x)?;
                } else {
                    t.push(x);
                }
            }
            Ok(if as_dict {
                Value::dict(d)
            } else {
                Value::tuple(t)
            })
        }
        Value::Instance(i) if i.class.namedtuple_spec().is_some() => {
            let items = ex.iterate_all(v)?;
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                out.push(plain(ex, x, as_dict, depth + 1)?);
            }
            ex.call_value(
                &Value::Type(PyType::Class(i.class.clone())),
                out,
                Vec::new(),
            )
        }
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                out.push(plain(ex, x, as_dict, depth + 1)?);
            }
            Ok(Value::list(out))
        }
        Value::Tuple(t) => {
            let mut out = Vec::with_capacity(t.len());
            for x in t.iter() {
                out.push(plain(ex, x, as_dict, depth + 1)?);
            }
            Ok(Value::tuple(out))
        }
        Value::Dict(d) if crate::python::types::dict::flavor_of(d).is_none() => {
            let items = d.borrow().items();
            let mut out = Dict::new();
            for (k, x) in items {
                let k = plain(ex, &k, as_dict, depth + 1)?;
                let x = plain(ex, &x, as_dict, depth + 1)?;
                out.insert(k, x)?;
            }
            Ok(Value::dict(out))
        }
        // CPython rebuilds these as `type(d)(pairs)`: refused rather than imitated.
        Value::Dict(_) => Err(PyError::Unsupported {
            what: format!("copying a '{}' inside asdict()/astuple()", v.type_name()),
            line: 0,
        }),
        // Anything else is copied as CPython's asdict copies it: with copy.deepcopy.
        _ => super::copy::deepcopy(ex, v),
    }
}

/// `replace(obj, **changes)`: a new instance through `__init__`, with the changes.
fn replace(ex: &mut Exec<'_>, a: super::Args) -> Result<Value, PyError> {
    if a.args.len() != 1 {
        return Err(type_error(if a.args.is_empty() {
            "replace() missing 1 required positional argument: 'obj'".to_string()
        } else {
            format!(
                "replace() takes 1 positional argument but {} were given",
                a.args.len()
            )
        }));
    }
    let obj = &a.args[0];
    let Some(class) = (match obj {
        Value::Instance(i) if fields_of(&i.class).is_some() => Some(i.class.clone()),
        _ => None,
    }) else {
        return Err(type_error(
            "replace() should be called on dataclass instances",
        ));
    };
    let fields = fields_of(&class).unwrap_or_default();
    let mut changes = a.kwargs;
    let mut kwargs = Vec::new();
    for f in &fields {
        let pos = changes.iter().position(|(k, _)| *k == f.name);
        if !f.init {
            if pos.is_some() {
                return Err(exc(
                    "ValueError",
                    format!(
                        "field {} is declared with init=False, it cannot be specified with replace()",
                        f.name
                    ),
                ));
            }
            continue;
        }
        let v = match pos {
            Some(p) => changes.remove(p).1,
            None => ex.get_attr(obj, &f.name)?,
        };
        kwargs.push((f.name.clone(), v));
    }
    kwargs.extend(changes);
    ex.call_value(&Value::Type(PyType::Class(class)), Vec::new(), kwargs)
}

/// `dataclasses.KW_ONLY`: the fields annotated after it are keyword-only.
struct KwOnly;

impl NativeObject for KwOnly {
    fn type_name(&self) -> &str {
        "_KW_ONLY_TYPE"
    }

    fn qualified_name(&self) -> String {
        "dataclasses._KW_ONLY_TYPE".into()
    }

    fn repr(&self) -> String {
        format!(
            "<dataclasses._KW_ONLY_TYPE object at {:#x}>",
            self as *const KwOnly as usize
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `dataclasses.InitVar` (`None`) and `InitVar[int]` (the type it holds).
pub(crate) struct InitVar(Option<Value>);

impl NativeObject for InitVar {
    fn type_name(&self) -> &str {
        match self.0 {
            None => "type",
            Some(_) => "InitVar",
        }
    }

    fn qualified_name(&self) -> String {
        "dataclasses.InitVar".into()
    }

    fn repr(&self) -> String {
        match &self.0 {
            None => "<class 'dataclasses.InitVar'>".into(),
            Some(Value::Type(t)) => format!("dataclasses.InitVar[{}]", t.name()),
            Some(other) => format!(
                "dataclasses.InitVar[{}]",
                crate::python::text::repr::repr(other)
            ),
        }
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match (&self.0, name) {
            (Some(t), "type") => Ok(t.clone()),
            (None, "__name__" | "__qualname__") => Ok(Value::str("InitVar")),
            _ => Err(PyException::attribute_error(self.type_name(), name)),
        }
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        match self.0 {
            None => Ok(Value::Native(Rc::new(InitVar(Some(key.clone()))))),
            Some(_) => Err(PyException::type_error(
                "'InitVar' object is not subscriptable",
            )),
        }
    }

    fn eq_key(&self) -> Option<Value> {
        self.0
            .as_ref()
            .map(|t| Value::tuple(vec![Value::str("InitVar"), t.clone()]))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Whether an annotation is `InitVar` or `InitVar[…]` (`_is_initvar`).
fn is_initvar(ty: &Value) -> bool {
    matches!(ty, Value::Native(n) if n.as_any().is::<InitVar>())
}

/// Whether a native object is `dataclasses.InitVar` itself (calling it makes `InitVar(t)`).
pub(crate) fn is_initvar_class(obj: &dyn Any) -> bool {
    obj.downcast_ref::<InitVar>().is_some_and(|i| i.0.is_none())
}

/// `InitVar(t)`.
pub(crate) fn call_initvar(
    args: Vec<Value>,
    kwargs: crate::python::builtins::Kwargs,
) -> Result<Value, PyError> {
    crate::python::builtins::unexpected_kw("InitVar", &kwargs)?;
    match <[Value; 1]>::try_from(args) {
        Ok([t]) => Ok(Value::Native(Rc::new(InitVar(Some(t))))),
        Err(args) => Err(type_error(format!(
            "InitVar.__init__() takes 2 positional arguments but {} were given",
            args.len() + 1
        ))),
    }
}
