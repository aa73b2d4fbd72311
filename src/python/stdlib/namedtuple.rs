//! `collections.namedtuple`: a class derived from `tuple` (its instances carry the tuple,
//! see [`Instance::value`]) whose fields name the tuple's items. What the class has and the
//! messages follow CPython 3.11's `collections/__init__.py`: `__new__` with the fields as
//! parameters (and `defaults`), `_fields`, `_field_defaults`, `__match_args__`, `_make`,
//! `_replace`, `_asdict`, `__getnewargs__` and `__repr__`; everything else is `tuple`'s.

use std::any::Any;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::python::builtins::Kwargs;
use crate::python::eval::Exec;
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{
    BuiltinType, Class, Dict, Instance, NamedTupleSpec, NativeObject, PyType, Value, Wrapped,
};
use crate::python::{PyError, PyException};

/// Python's reserved words (`keyword.kwlist`), which cannot name a field.
const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// `str.isidentifier()`.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Repr,
    AsDict,
    Make,
    Replace,
    GetNewArgs,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Repr => "__repr__",
            Kind::AsDict => "_asdict",
            Kind::Make => "_make",
            Kind::Replace => "_replace",
            Kind::GetNewArgs => "__getnewargs__",
        }
    }
}

/// A method of a namedtuple class (a function in CPython; it binds to the instance).
pub(crate) struct Method {
    kind: Kind,
    qualname: Rc<str>,
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

/// `Point.x`: the descriptor that reads a field.
struct TupleGetter {
    index: usize,
}

impl NativeObject for TupleGetter {
    fn type_name(&self) -> &str {
        "_tuplegetter"
    }

    fn qualified_name(&self) -> String {
        "_collections._tuplegetter".into()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "__doc__" => Ok(Value::str(&format!(
                "Alias for field number {}",
                self.index
            ))),
            _ => Err(PyException::attribute_error("_tuplegetter", name)),
        }
    }

    fn repr(&self) -> String {
        format!(
            "_tuplegetter({}, 'Alias for field number {}')",
            self.index, self.index
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Whether a native object is a namedtuple method (it binds to the instance it is read
/// from, and is called with the interpreter).
pub(crate) fn is_method(obj: &dyn Any) -> bool {
    obj.is::<Method>()
}

/// `Point.x` for a field of a namedtuple class.
pub(crate) fn field_descriptor(class: &Class, name: &str) -> Option<Value> {
    let spec = class.namedtuple_spec()?;
    let index = *spec.index.get(name)?;
    Some(Value::Native(Rc::new(TupleGetter { index })))
}

/// `p.x` for a field of a namedtuple instance.
pub(crate) fn field_value(inst: &Instance, name: &str) -> Option<Value> {
    let spec = inst.class.namedtuple_spec()?;
    let index = *spec.index.get(name)?;
    match &inst.value {
        Some(Value::Tuple(items)) => items.get(index).cloned(),
        _ => None,
    }
}

/// Why `inst.name = value` fails on a namedtuple (its fields are read-only; without a
/// `__dict__`, as when every class up to the namedtuple one has `__slots__`, nothing can be
/// set), or `None` when it may be set.
pub(crate) fn set_error(inst: &Instance, name: &str) -> Option<PyError> {
    let spec = inst.class.namedtuple_spec()?;
    if spec.index.contains_key(name) {
        return Some(exc("AttributeError", "can't set attribute"));
    }
    let slotted = std::iter::once(&inst.class)
        .chain(inst.class.ancestors.iter())
        .all(|c| c.own("__slots__").is_some());
    slotted.then(|| {
        exc(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", inst.class.name),
        )
    })
}

/// The tuple a namedtuple instance carries.
fn items_of(v: &Value) -> Rc<[Value]> {
    match v.builtin_value() {
        Some(Value::Tuple(t)) => t.clone(),
        _ => Rc::from(Vec::new()),
    }
}

/// `Point(x, y)`: binds the arguments to the fields as CPython's generated `__new__` does.
pub(crate) fn bind_fields(
    spec: &NamedTupleSpec,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
) -> Result<Vec<Value>, PyError> {
    let n = spec.fields.len();
    let q = format!("{}.__new__", spec.typename);
    // As CPython binds: keywords first (so an unknown one is named even when there are too
    // many positional arguments), then the count of positional ones, then what is missing.
    let mut slots: Vec<Option<Value>> = args.iter().take(n).cloned().map(Some).collect();
    slots.resize(n, None);
    for (k, v) in kwargs {
        match spec.index.get(k).copied() {
            None => {
                return Err(type_error(format!(
                    "{q}() got an unexpected keyword argument '{k}'"
                )))
            }
            Some(i) if slots[i].is_some() => {
                return Err(type_error(format!(
                    "{q}() got multiple values for argument '{k}'"
                )))
            }
            Some(i) => slots[i] = Some(v.clone()),
        }
    }
    if args.len() > n {
        let d = spec.defaults.len();
        let plural = |k: usize| if k == 1 { "" } else { "s" };
        let takes = if d == 0 {
            format!("{} positional argument{}", n + 1, plural(n + 1))
        } else {
            format!("from {} to {} positional arguments", n - d + 1, n + 1)
        };
        let given = args.len() + 1;
        return Err(type_error(format!(
            "{q}() takes {takes} but {given} {} given",
            if given == 1 { "was" } else { "were" }
        )));
    }
    let first_default = n - spec.defaults.len();
    for (i, slot) in slots.iter_mut().enumerate() {
        if slot.is_none() && i >= first_default {
            *slot = Some(spec.defaults[i - first_default].clone());
        }
    }
    let missing: Vec<String> = slots
        .iter()
        .zip(&spec.fields)
        .filter(|(s, _)| s.is_none())
        .map(|(_, f)| format!("'{f}'"))
        .collect();
    if !missing.is_empty() {
        let names = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            k => format!("{}, and {}", missing[..k - 1].join(", "), missing[k - 1]),
        };
        return Err(type_error(format!(
            "{q}() missing {} required positional argument{}: {names}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(slots.into_iter().flatten().collect())
}

/// A new instance of `class` (a subclass of `tuple`) carrying `items`, without `__init__`
/// (what `tuple.__new__(cls, items)` makes).
fn instance_of(class: &Rc<Class>, items: Vec<Value>) -> Value {
    Value::Instance(Rc::new(Instance {
        class: class.clone(),
        attrs: RefCell::new(Vec::new()),
        value: Some(Value::tuple(items)),
    }))
}

/// The class of a receiver: the class itself (a classmethod) or an instance's.
fn class_of(v: &Value) -> Option<Rc<Class>> {
    match v {
        Value::Type(PyType::Class(c)) => Some(c.clone()),
        Value::Instance(i) => Some(i.class.clone()),
        _ => None,
    }
}

/// `repr()` of a namedtuple instance, given its items' reprs: `Point(x=1, y=2)`, named after
/// the instance's class.
pub(crate) fn repr_with(inst: &Instance, item_reprs: &[String]) -> String {
    let fields = inst
        .class
        .namedtuple_spec()
        .map(|s| s.fields.clone())
        .unwrap_or_default();
    let parts: Vec<String> = fields
        .iter()
        .zip(item_reprs)
        .map(|(f, r)| format!("{f}={r}"))
        .collect();
    // A tuple class of the datetime module is shown with its module, as its C type's name.
    let module = match &*inst.class.module {
        "datetime" => "datetime.",
        _ => "",
    };
    format!("{module}{}({})", inst.class.name, parts.join(", "))
}

thread_local! {
    static ISO_CALENDAR_DATE: std::cell::OnceCell<Rc<Class>> = const { std::cell::OnceCell::new() };
}

/// `date.isocalendar()`: `datetime.IsoCalendarDate(year=2024, week=9, weekday=4)`, a tuple
/// whose items are also read by name (CPython's class has no namedtuple methods).
#[inline(never)]
pub(crate) fn iso_calendar_date(
    ex: &mut Exec<'_>,
    year: i64,
    week: i64,
    weekday: i64,
) -> Result<Value, PyError> {
    let class = match ISO_CALENDAR_DATE.with(|c| c.get().cloned()) {
        Some(class) => class,
        None => {
            let fields = ["year", "week", "weekday"].map(String::from).to_vec();
            let made = build(
                ex,
                "IsoCalendarDate".into(),
                fields,
                false,
                None,
                Some(Value::str("datetime")),
            )?;
            made.attrs
                .borrow_mut()
                .retain(|(k, _)| matches!(&**k, "__slots__" | "__repr__"));
            ISO_CALENDAR_DATE.with(|c| c.get_or_init(|| made).clone())
        }
    };
    let items = vec![Value::int(year), Value::int(week), Value::int(weekday)];
    Ok(Value::Instance(Rc::new(Instance {
        class,
        attrs: RefCell::new(Vec::new()),
        value: Some(Value::tuple(items)),
    })))
}

/// Whether an instance's `repr` is the namedtuple one (no class overrides `__repr__`).
pub(crate) fn uses_own_repr(inst: &Instance) -> bool {
    matches!(inst.class.lookup("__repr__"), Some((Value::Native(m), _)) if is_method(m.as_any()))
}

/// Calls a namedtuple method (`None`: `obj` is not one).
pub(crate) fn call(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn NativeObject>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Option<Result<Value, PyError>> {
    let m = obj.as_any().downcast_ref::<Method>()?;
    Some(call_method(ex, m, args, kwargs))
}

fn call_method(
    ex: &mut Exec<'_>,
    m: &Method,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    let q = &m.qualname;
    let Some(receiver) = args.first().cloned() else {
        return Err(type_error(format!(
            "{q}() missing 1 required positional argument: '{}'",
            if m.kind == Kind::Make {
                "iterable"
            } else {
                "self"
            }
        )));
    };
    let takes = |n: usize| {
        type_error(format!(
            "{q}() takes {n} positional argument{} but {} were given",
            if n == 1 { "" } else { "s" },
            args.len()
        ))
    };
    match m.kind {
        Kind::Replace => {
            if args.len() > 1 {
                return Err(takes(1));
            }
        }
        Kind::Make => {
            if let Some((k, _)) = kwargs.first() {
                return Err(type_error(format!(
                    "{q}() got an unexpected keyword argument '{k}'"
                )));
            }
            if args.len() != 2 {
                return Err(if args.len() < 2 {
                    type_error(format!(
                        "{q}() missing 1 required positional argument: 'iterable'"
                    ))
                } else {
                    takes(2)
                });
            }
        }
        _ => {
            if let Some((k, _)) = kwargs.first() {
                return Err(type_error(format!(
                    "{q}() got an unexpected keyword argument '{k}'"
                )));
            }
            if args.len() != 1 {
                return Err(takes(1));
            }
        }
    }
    let Some(class) = class_of(&receiver) else {
        return Err(type_error(format!(
            "descriptor '{}' requires a tuple subclass",
            m.kind.name()
        )));
    };
    let Some(spec) = class.namedtuple_spec().cloned() else {
        return Err(type_error(format!("{q}() needs a namedtuple")));
    };
    match m.kind {
        Kind::Make => {
            let items = ex.iterate_all(&args[1])?;
            ex.charge(items.len())?;
            if items.len() != spec.fields.len() {
                return Err(type_error(format!(
                    "Expected {} arguments, got {}",
                    spec.fields.len(),
                    items.len()
                )));
            }
            Ok(instance_of(&class, items))
        }
        Kind::Replace => {
            let mut items = items_of(&receiver).to_vec();
            ex.charge(items.len() + kwargs.len())?;
            let mut rest: Vec<(Rc<str>, Value)> = Vec::new();
            for (k, v) in kwargs {
                match spec.index.get(&k).copied() {
                    Some(i) if i < items.len() => items[i] = v,
                    _ => rest.push((k, v)),
                }
            }
            if !rest.is_empty() {
                let names: Vec<Value> = rest.into_iter().map(|(k, _)| Value::Str(k)).collect();
                return Err(exc(
                    "ValueError",
                    format!(
                        "Got unexpected field names: {}",
                        crate::python::text::repr::repr(&Value::list(names))
                    ),
                ));
            }
            Ok(instance_of(&class, items))
        }
        Kind::AsDict => {
            let items = items_of(&receiver);
            ex.charge(items.len())?;
            let mut d = Dict::new();
            for (f, v) in spec.fields.iter().zip(items.iter()) {
                d.insert(Value::Str(f.clone()), v.clone())?;
            }
            Ok(Value::dict(d))
        }
        Kind::GetNewArgs => Ok(Value::Tuple(items_of(&receiver))),
        Kind::Repr => {
            let items = items_of(&receiver);
            let mut reprs = Vec::with_capacity(items.len());
            for v in items.iter() {
                reprs.push(ex.repr_of(v)?);
            }
            match &receiver {
                Value::Instance(inst) => Ok(Value::str(&repr_with(inst, &reprs))),
                _ => Err(type_error(format!("{q}() needs an instance"))),
            }
        }
    }
}

/// `collections.namedtuple(typename, field_names, *, rename=False, defaults=None,
/// module=None)`.
pub(crate) fn namedtuple(ex: &mut Exec<'_>, a: super::Args) -> Result<Value, PyError> {
    let mut a = a;
    let rename = a.take_kw("rename");
    let defaults = a.take_kw("defaults");
    let module = a.take_kw("module");
    let mut typename = None;
    let mut field_names = None;
    for (k, v) in std::mem::take(&mut a.kwargs) {
        match &*k {
            "typename" if a.args.is_empty() => typename = Some(v),
            "field_names" if a.args.len() <= 1 => field_names = Some(v),
            "typename" | "field_names" => {
                return Err(type_error(format!(
                    "namedtuple() got multiple values for argument '{k}'"
                )))
            }
            _ => {
                return Err(type_error(format!(
                    "namedtuple() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    if a.args.len() > 2 {
        return Err(type_error(format!(
            "namedtuple() takes 2 positional arguments but {} were given",
            a.args.len()
        )));
    }
    let mut positional = a.args.into_iter();
    let typename = positional.next().or(typename);
    let field_names = positional.next().or(field_names);
    let (typename, field_names) = match (typename, field_names) {
        (Some(t), Some(f)) => (t, f),
        (None, None) => return Err(type_error(
            "namedtuple() missing 2 required positional arguments: 'typename' and 'field_names'",
        )),
        (None, _) => {
            return Err(type_error(
                "namedtuple() missing 1 required positional argument: 'typename'",
            ))
        }
        (_, None) => {
            return Err(type_error(
                "namedtuple() missing 1 required positional argument: 'field_names'",
            ))
        }
    };
    let fields: Vec<String> = match &field_names {
        Value::Str(s) => s
            .replace(',', " ")
            .split_whitespace()
            .map(String::from)
            .collect(),
        other => {
            let items = ex.iterate_all(other)?;
            let mut out = Vec::with_capacity(items.len());
            for v in &items {
                out.push(ex.str_of(v)?);
            }
            out
        }
    };
    ex.charge(fields.len() + 1)?;
    let typename = ex.str_of(&typename)?;
    let rename = match rename {
        Some(v) => ex.truthy(&v)?,
        None => false,
    };
    let class = build(ex, typename, fields, rename, defaults, module)?;
    Ok(Value::Type(PyType::Class(class)))
}

/// The class `collections.namedtuple` makes, after its validation of the names (CPython's
/// order of checks and messages).
fn build(
    ex: &mut Exec<'_>,
    typename: String,
    mut fields: Vec<String>,
    rename: bool,
    defaults: Option<Value>,
    module: Option<Value>,
) -> Result<Rc<Class>, PyError> {
    if rename {
        let mut seen: HashSet<String> = HashSet::new();
        for (i, name) in fields.iter_mut().enumerate() {
            let original = name.clone();
            if !is_identifier(name)
                || KEYWORDS.contains(&name.as_str())
                || name.starts_with('_')
                || seen.contains(name)
            {
                *name = format!("_{i}");
            }
            seen.insert(original);
        }
    }
    for name in std::iter::once(&typename).chain(fields.iter()) {
        let shown = crate::python::text::repr::repr(&Value::str(name));
        if !is_identifier(name) {
            return Err(exc(
                "ValueError",
                format!("Type names and field names must be valid identifiers: {shown}"),
            ));
        }
        if KEYWORDS.contains(&name.as_str()) {
            return Err(exc(
                "ValueError",
                format!("Type names and field names cannot be a keyword: {shown}"),
            ));
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for name in &fields {
        let shown = crate::python::text::repr::repr(&Value::str(name));
        if name.starts_with('_') && !rename {
            return Err(exc(
                "ValueError",
                format!("Field names cannot start with an underscore: {shown}"),
            ));
        }
        if !seen.insert(name) {
            return Err(exc(
                "ValueError",
                format!("Encountered duplicate field name: {shown}"),
            ));
        }
    }
    let defaults = match defaults {
        None | Some(Value::None) => Vec::new(),
        Some(d) => {
            let d = ex.iterate_all(&d)?;
            if d.len() > fields.len() {
                return Err(type_error("Got more default values than field names"));
            }
            d
        }
    };
    let module: Rc<str> = match module {
        None | Some(Value::None) => ex.it.module_name.clone(),
        Some(m) => Rc::from(ex.str_of(&m)?.as_str()),
    };
    let typename: Rc<str> = Rc::from(typename.as_str());
    let fields: Vec<Rc<str>> = fields.iter().map(|f| Rc::from(f.as_str())).collect();
    let names = || Value::tuple(fields.iter().map(|f| Value::Str(f.clone())).collect());
    let mut field_defaults = Dict::new();
    let first_default = fields.len() - defaults.len();
    for (f, v) in fields[first_default..].iter().zip(&defaults) {
        field_defaults.insert(Value::Str(f.clone()), v.clone())?;
    }
    let method = |kind: Kind| {
        Value::Native(Rc::new(Method {
            kind,
            qualname: Rc::from(format!("{typename}.{}", kind.name()).as_str()),
        }))
    };
    let attrs: Vec<(Rc<str>, Value)> = vec![
        (
            Rc::from("__doc__"),
            Value::str(&format!("{typename}({})", fields.join(", "))),
        ),
        (Rc::from("__slots__"), Value::tuple(Vec::new())),
        (Rc::from("_fields"), names()),
        (Rc::from("_field_defaults"), Value::dict(field_defaults)),
        (Rc::from("__match_args__"), names()),
        (
            Rc::from("_make"),
            Value::Wrapped(Rc::new(Wrapped::ClassMethod(method(Kind::Make)))),
        ),
        (Rc::from("_replace"), method(Kind::Replace)),
        (Rc::from("__repr__"), method(Kind::Repr)),
        (Rc::from("_asdict"), method(Kind::AsDict)),
        (Rc::from("__getnewargs__"), method(Kind::GetNewArgs)),
    ];
    let index: HashMap<Rc<str>, usize> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.clone(), i))
        .collect();
    let spec = Rc::new(NamedTupleSpec {
        typename: typename.clone(),
        fields,
        index,
        defaults,
    });
    Ok(Rc::new(Class {
        name: typename.clone(),
        qualname: typename,
        module,
        bases: vec![None],
        ancestors: Vec::new(),
        attrs: RefCell::new(attrs),
        builtin_base: Some(BuiltinType::Tuple),
        namedtuple: Some(spec),
    }))
}

/// The names a `typing.NamedTuple` class body may not define (CPython's `_prohibited`).
const PROHIBITED: [&str; 10] = [
    "__new__",
    "__init__",
    "__slots__",
    "__getnewargs__",
    "_fields",
    "_field_defaults",
    "_make",
    "_replace",
    "_asdict",
    "_source",
];

/// `typing._type_check(t, "field n annotation must be a type")` as 3.11 has it: a tuple is
/// refused, and so are `ClassVar`/`Final` (subscripted or not) and the bare special forms;
/// `None` becomes `NoneType`, a string a forward reference, anything else is kept.
fn field_type(ex: &mut Exec<'_>, name: &str, t: Value) -> Result<Value, PyError> {
    if let Value::Tuple(_) = t {
        let r = ex.repr_of(&t)?;
        let shown: String = r.chars().take(100).collect();
        return Err(type_error(format!(
            "field {name} annotation must be a type Got {shown}."
        )));
    }
    if let Some(why) = super::typing::invalid_type_argument(&t) {
        return Err(type_error(why));
    }
    Ok(super::typing::annotation_arg(&t))
}

/// The class a `class P(NamedTuple):` statement makes from its body's namespace, as
/// CPython 3.11's `NamedTupleMeta`: the annotated names are the fields in order (those
/// assigned in the body give the defaults, which must come last), every other name of the
/// body (methods, the docstring, class attributes) is set on the namedtuple class.
pub(crate) fn from_class_body(
    ex: &mut Exec<'_>,
    name: &Rc<str>,
    qualname: Rc<str>,
    doc: Option<Rc<str>>,
    ns: Vec<(Rc<str>, Value)>,
) -> Result<Rc<Class>, PyError> {
    let types: Vec<(Value, Value)> = match ns.iter().find(|(k, _)| &**k == "__annotations__") {
        Some((_, Value::Dict(d))) => d.borrow().items(),
        Some((_, other)) => ex
            .iterate_all(other)?
            .into_iter()
            .map(|k| (k, Value::None))
            .collect(),
        None => Vec::new(),
    };
    ex.charge(types.len() + ns.len())?;
    let in_ns = |k: &str| ns.iter().find(|(n, _)| &**n == k).map(|(_, v)| v.clone());
    let mut fields: Vec<String> = Vec::with_capacity(types.len());
    let mut default_names: Vec<String> = Vec::new();
    let mut defaults: Vec<Value> = Vec::new();
    for (k, _) in &types {
        let field = ex.str_of(k)?;
        match in_ns(&field) {
            Some(v) => {
                default_names.push(field.clone());
                defaults.push(v);
            }
            None if !default_names.is_empty() => {
                return Err(type_error(format!(
                    "Non-default namedtuple field {field} cannot follow default field{} {}",
                    if default_names.len() > 1 { "s" } else { "" },
                    default_names.join(", ")
                )))
            }
            None => {}
        }
        fields.push(field);
    }
    let mut checked = Dict::new();
    for (k, t) in types {
        let field = ex.str_of(&k)?;
        let t = field_type(ex, &field, t)?;
        checked.insert(k, t)?;
    }
    let module = Value::Str(ex.it.module_name.clone());
    let class = build(
        ex,
        name.to_string(),
        fields,
        false,
        Some(Value::list(defaults)),
        Some(module),
    )?;
    let mut class = Rc::try_unwrap(class).unwrap_or_else(|_| unreachable!("a new class"));
    class.qualname = qualname;
    let class = Rc::new(class);
    class.set("__annotations__", Value::dict(checked));
    if let Some(doc) = doc {
        class.set("__doc__", Value::Str(doc));
    }
    let spec = class.namedtuple_spec().cloned();
    for (k, v) in ns {
        if PROHIBITED.contains(&&*k) {
            return Err(exc(
                "AttributeError",
                format!("Cannot overwrite NamedTuple attribute {k}"),
            ));
        }
        let is_field = spec.as_ref().is_some_and(|s| s.index.contains_key(&k));
        if &*k != "__annotations__" && &*k != "__module__" && &*k != "__name__" && !is_field {
            class.set(&k, v);
        }
    }
    Ok(class)
}

/// `typing.NamedTuple('P', [('x', int), ('y', str)])` or `NamedTuple('P', x=int, y=str)`.
pub(crate) fn typing_functional(
    ex: &mut Exec<'_>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    let mut args = args.into_iter();
    let Some(typename) = args.next() else {
        return Err(type_error(
            "NamedTuple() missing 1 required positional argument: 'typename'",
        ));
    };
    let fields = args.next();
    if args.len() > 0 {
        return Err(type_error(format!(
            "NamedTuple() takes from 1 to 2 positional arguments but {} were given",
            args.len() + 2
        )));
    }
    let pairs: Vec<(Value, Value)> = match fields {
        None | Some(Value::None) => kwargs
            .into_iter()
            .map(|(k, v)| (Value::Str(k), v))
            .collect(),
        Some(_) if !kwargs.is_empty() => {
            return Err(type_error(
                "Either list of fields or keywords can be provided to NamedTuple, not both",
            ))
        }
        Some(f) => {
            let items = ex.iterate_all(&f)?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let pair = ex.iterate_all(&item)?;
                if pair.len() != 2 {
                    return Err(exc(
                        "ValueError",
                        if pair.len() < 2 {
                            format!(
                                "not enough values to unpack (expected 2, got {})",
                                pair.len()
                            )
                        } else {
                            "too many values to unpack (expected 2)".to_string()
                        },
                    ));
                }
                let mut pair = pair.into_iter();
                let n = pair.next().unwrap_or(Value::None);
                let t = pair.next().unwrap_or(Value::None);
                out.push((n, t));
            }
            out
        }
    };
    ex.charge(pairs.len() + 1)?;
    let mut fields = Vec::with_capacity(pairs.len());
    let mut checked = Dict::new();
    for (n, t) in pairs {
        let field = ex.str_of(&n)?;
        let t = field_type(ex, &field, t)?;
        checked.insert(n, t)?;
        fields.push(field);
    }
    let typename = ex.str_of(&typename)?;
    let module = Value::Str(ex.it.module_name.clone());
    let class = build(ex, typename, fields, false, None, Some(module))?;
    class.set("__annotations__", Value::dict(checked));
    Ok(Value::Type(PyType::Class(class)))
}
