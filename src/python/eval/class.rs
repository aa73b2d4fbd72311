//! Classes: running a `class` statement, making instances, attribute lookup through the
//! class and its bases (methods bind to their instance, `property`, `staticmethod`,
//! `classmethod`, `super()`), and the special methods the evaluator calls (`__repr__`,
//! `__str__`, `__eq__`, `__len__`, `__bool__`, `__iter__`, `__contains__`, `__getitem__`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::eval::{Exec, Flow, Frame};
use crate::python::syntax::ast::{ClassDef, Constant, ExprKind, StmtKind};
use crate::python::types::ops::{self, exc, type_error};
use crate::python::types::{BuiltinType, Class, Dict, Instance, PyType, Value, Wrapped};
use crate::python::PyError;

fn unsupported(what: impl Into<String>) -> PyError {
    PyError::Unsupported {
        what: what.into(),
        line: 0,
    }
}

/// The special methods that CPython calls on a user class's instances (or, for
/// `__init_subclass__`, `__set_name__` and `__class_getitem__`, on the class) in ways a program
/// here could observe, and that the simulator does not call. Those it never calls unless a
/// module it lacks is used (`__copy__`, `__reduce__`, `__fspath__`, `__sizeof__`, …) are left
/// out: defining them changes nothing a program here can see.
fn not_run_special(name: &str) -> bool {
    matches!(
        name,
        "__getattribute__"
            | "__setattr__"
            | "__delattr__"
            | "__new__"
            | "__del__"
            | "__get__"
            | "__set__"
            | "__delete__"
            | "__set_name__"
            | "__init_subclass__"
            | "__class_getitem__"
            | "__bytes__"
            | "__dir__"
            | "__abs__"
            | "__int__"
            | "__float__"
            | "__complex__"
            | "__index__"
            | "__round__"
            | "__trunc__"
            | "__floor__"
            | "__ceil__"
            | "__divmod__"
            | "__rdivmod__"
            | "__reversed__"
            | "__length_hint__"
            | "__matmul__"
            | "__rmatmul__"
            | "__imatmul__"
            | "__aenter__"
            | "__aexit__"
            | "__aiter__"
            | "__anext__"
    )
}

fn wrapped(w: Wrapped) -> Value {
    Value::Wrapped(Rc::new(w))
}

/// Whether a class body holds only a docstring and `pass` (what an exception class needs).
fn trivial_body(def: &ClassDef) -> bool {
    def.body.iter().all(|s| match &s.kind {
        StmtKind::Pass => true,
        StmtKind::Expr(e) => matches!(
            e.kind,
            ExprKind::Const(Constant::Str(_) | Constant::Ellipsis)
        ),
        _ => false,
    })
}

/// `object.__new__`: a new instance of the class it is given, with CPython's checks.
pub(crate) fn object_new() -> Value {
    Value::native_function("__new__", |args, kwargs| {
        use crate::python::PyException;
        let Some(first) = args.first() else {
            return Err(PyException::type_error(
                "object.__new__(): not enough arguments",
            ));
        };
        let class = match first {
            Value::Type(PyType::Class(c)) if c.builtin_base.is_none() => c,
            Value::Type(_) => {
                return Err(PyException::new(
                    "TypeError",
                    format!(
                        "object.__new__({0}) is not safe, use {0}.__new__()",
                        crate::python::text::repr::repr(first)
                            .trim_start_matches("<class '")
                            .trim_end_matches("'>")
                    ),
                ))
            }
            other => {
                return Err(PyException::type_error(format!(
                    "object.__new__(X): X is not a type object ({})",
                    other.error_type_name()
                )))
            }
        };
        if args.len() > 1 || !kwargs.is_empty() {
            if class.lookup("__new__").is_some() {
                return Err(PyException::type_error(
                    "object.__new__() takes exactly one argument (the type to instantiate)",
                ));
            }
            if class.lookup("__init__").is_none() {
                return Err(PyException::type_error(format!(
                    "{}() takes no arguments",
                    class.name
                )));
            }
        }
        if let Some(PyError::Exception(e)) = crate::python::stdlib::abc::instantiation_error(class)
        {
            return Err(e);
        }
        Ok(Value::Instance(Rc::new(Instance {
            class: class.clone(),
            attrs: RefCell::new(Vec::new()),
            value: None,
        })))
    })
}

/// Ties the functions of a new class to it (for `super()`).
pub(crate) fn tie_functions(class: &Rc<Class>) {
    for (_, v) in class.attrs.borrow().iter() {
        let f = match v {
            Value::Wrapped(w) => match &**w {
                Wrapped::StaticMethod(f) | Wrapped::ClassMethod(f) => f.clone(),
                Wrapped::Property { fget, .. } => fget.clone(),
                _ => continue,
            },
            other => other.clone(),
        };
        if let Value::Function(func) = f {
            *func.owner.borrow_mut() = Some(Rc::downgrade(class));
        }
        if let Value::Wrapped(w) = v {
            if let Wrapped::Property { fset, fdel, .. } = &**w {
                for f in [fset, fdel].into_iter().flatten() {
                    if let Value::Function(func) = f {
                        *func.owner.borrow_mut() = Some(Rc::downgrade(class));
                    }
                }
            }
        }
    }
}

impl Exec<'_> {
    #[inline(never)]
    pub(crate) fn exec_class(
        &mut self,
        frame: &mut Frame,
        def: &Rc<ClassDef>,
    ) -> Result<Flow, PyError> {
        let mut decorators = Vec::with_capacity(def.decorators.len());
        for d in &def.decorators {
            decorators.push((self.eval(frame, d)?, d.line));
        }
        let mut bases = Vec::with_capacity(def.bases.len());
        for b in &def.bases {
            bases.push(self.eval(frame, b)?);
        }
        let mut base_classes: Vec<Option<Rc<Class>>> = Vec::with_capacity(bases.len());
        let mut builtin_base = None;
        // The exception class this one derives from, when its body defines methods or
        // attributes (it is then made like any class, and kept as the exception's body).
        let mut exception_parent: Option<Rc<str>> = None;
        let named_tuple = bases
            .iter()
            .any(crate::python::stdlib::typing::is_named_tuple);
        let typed_dict = bases
            .iter()
            .any(crate::python::stdlib::typing::is_typed_dict);
        if typed_dict
            && !bases
                .iter()
                .all(crate::python::stdlib::typing::is_typed_dict)
        {
            return Err(type_error(
                "cannot inherit from both a TypedDict type and a non-TypedDict base class",
            ));
        }
        if named_tuple && bases.len() > 1 {
            return Err(type_error(
                "can only inherit from a NamedTuple type and Generic",
            ));
        }
        for b in &bases {
            match b {
                _ if named_tuple || typed_dict => {}
                Value::Native(n) if crate::python::stdlib::typing::is_form(n.as_any()) => {
                    return Err(unsupported(format!(
                        "classes derived from {}",
                        crate::python::text::repr::repr(b)
                    )))
                }
                Value::Type(PyType::Builtin(BuiltinType::Object)) => base_classes.push(None),
                Value::Type(PyType::Builtin(BuiltinType::Tuple)) => {
                    // A subclass of `tuple`: its instances carry a tuple.
                    builtin_base = Some(BuiltinType::Tuple);
                    base_classes.push(None);
                }
                Value::Type(PyType::Class(c)) => {
                    builtin_base = builtin_base.or(c.builtin_base);
                    base_classes.push(Some(c.clone()));
                }
                Value::Type(PyType::Exception(parent)) if bases.len() == 1 => {
                    if !decorators.is_empty() {
                        return Err(unsupported("decorated exception classes"));
                    }
                    if !trivial_body(def) {
                        exception_parent = Some(parent.clone());
                        base_classes.push(crate::python::eval::exception_body(self.it, parent));
                        continue;
                    }
                    self.it.exceptions.insert(def.name.clone(), parent.clone());
                    self.it.exception_bodies.remove(&def.name);
                    self.store_name(frame, &def.name, Value::exception_class(&def.name))?;
                    return Ok(Flow::Normal);
                }
                Value::Type(PyType::Exception(_)) => {
                    return Err(unsupported(
                        "classes derived from an exception class and another class",
                    ))
                }
                Value::Type(t) => {
                    return Err(unsupported(format!(
                        "classes derived from the built-in '{}'",
                        t.name()
                    )))
                }
                other => {
                    return Err(type_error(format!(
                        "bases must be types, not {}",
                        other.error_type_name()
                    )))
                }
            }
        }
        let ancestors = {
            let mut charge = |n: usize| self.charge(n);
            match crate::python::types::class::linearize(&base_classes, &mut charge)? {
                Ok(a) => a,
                Err(message) => return Err(type_error(message)),
            }
        };
        self.charge(ancestors.len())?;
        let mut body_frame = Frame::module();
        body_frame.enclosing = frame.cells_for_class_body();
        body_frame.class_ns = Some(Vec::new());
        if crate::python::syntax::scope::has_annotations(&def.body) {
            body_frame.class_ns = Some(vec![(
                Rc::from("__annotations__"),
                Value::dict(Dict::new()),
            )]);
        }
        let r = self.exec_block(&mut body_frame, &def.body);
        let ns = body_frame.class_ns.take().unwrap_or_default();
        r?;
        let qualname = def
            .qualname
            .get()
            .cloned()
            .unwrap_or_else(|| def.name.clone());
        if typed_dict {
            if !decorators.is_empty() {
                return Err(unsupported("decorated TypedDict classes"));
            }
            let v = crate::python::stdlib::typing::typed_dict_class(
                &def.name,
                qualname,
                self.it.module_name.clone(),
                &bases,
                ns,
            )?;
            self.store_name(frame, &def.name, v)?;
            return Ok(Flow::Normal);
        }
        if named_tuple {
            let class = crate::python::stdlib::namedtuple::from_class_body(
                self,
                &def.name,
                qualname,
                def.doc.clone(),
                ns,
            )?;
            return self.finish_class(frame, def, class, decorators);
        }
        let mut attrs = ns;
        // Special methods CPython would call where the simulator does not (every attribute
        // read or write, object creation and freeing, descriptors, the numeric conversions):
        // a class that defines one is refused rather than run without it.
        // `__new__` runs for a class of plain instances (a static method, as CPython makes
        // it).
        if let Some((k, _)) = attrs.iter().find(|(k, _)| {
            not_run_special(k)
                && !(&**k == "__new__" && builtin_base.is_none())
                && &**k != "__init_subclass__"
        }) {
            return Err(unsupported(format!("a class that defines '{k}'")));
        }
        // CPython makes `__new__` a static method and `__init_subclass__` a class method.
        for (k, v) in attrs.iter_mut() {
            if matches!(v, Value::Function(_)) {
                match &**k {
                    "__new__" => *v = wrapped(Wrapped::StaticMethod(v.clone())),
                    "__init_subclass__" => *v = wrapped(Wrapped::ClassMethod(v.clone())),
                    _ => {}
                }
            }
        }
        if attrs.iter().any(|(k, _)| &**k == "__eq__")
            && !attrs.iter().any(|(k, _)| &**k == "__hash__")
        {
            // A class that defines `__eq__` alone makes its instances unhashable.
            attrs.push((Rc::from("__hash__"), Value::None));
        }
        if !attrs.iter().any(|(k, _)| &**k == "__doc__") {
            attrs.push((
                Rc::from("__doc__"),
                def.doc.clone().map(Value::Str).unwrap_or(Value::None),
            ));
        }
        if exception_parent.is_some() {
            // Methods and attributes are kept, and `__str__` and `__repr__` run; the other
            // special methods (comparisons, hashing, truth) are not run yet.
            if let Some((k, _)) = attrs.iter().find(|(k, _)| {
                k.starts_with("__")
                    && k.ends_with("__")
                    && !matches!(
                        &**k,
                        "__init__"
                            | "__str__"
                            | "__repr__"
                            | "__doc__"
                            | "__module__"
                            | "__qualname__"
                            | "__annotations__"
                    )
            }) {
                return Err(unsupported(format!(
                    "an exception class that defines '{k}'"
                )));
            }
        }
        // A slot is a descriptor on the class: a class attribute of the same name has no
        // place to go.
        if let Some((_, slots)) = attrs.iter().find(|(k, _)| &**k == "__slots__") {
            for slot in slot_names(slots) {
                if attrs.iter().any(|(k, _)| *k == slot) {
                    return Err(exc(
                        "ValueError",
                        format!("'{slot}' in __slots__ conflicts with class variable"),
                    ));
                }
            }
        }
        // `__set_name__` of the attributes that have one, as `type()` calls it.
        for (k, v) in &attrs {
            if let Some(cp) = crate::python::stdlib::functools::cached_property(v) {
                cp.set_name(k, &def.name)?;
            }
        }
        let class = Rc::new(Class {
            name: def.name.clone(),
            qualname,
            module: self.it.module_name.clone(),
            bases: base_classes,
            ancestors,
            attrs: RefCell::new(attrs),
            builtin_base,
            namedtuple: None,
        });
        if let Some(parent) = exception_parent {
            // The class stays an exception class by name; its body is kept beside it.
            tie_functions(&class);
            self.it.exceptions.insert(def.name.clone(), parent);
            self.it.exception_bodies.insert(def.name.clone(), class);
            self.store_name(frame, &def.name, Value::exception_class(&def.name))?;
            return Ok(Flow::Normal);
        }
        self.finish_class(frame, def, class, decorators)
    }

    /// Ties the functions of a new class to it (for `super()`), applies the decorators and
    /// binds the name.
    fn finish_class(
        &mut self,
        frame: &mut Frame,
        def: &Rc<ClassDef>,
        class: Rc<Class>,
        decorators: Vec<(Value, u32)>,
    ) -> Result<Flow, PyError> {
        tie_functions(&class);
        // The nearest base's `__init_subclass__`, called on the new class before the
        // decorators.
        let hook = class
            .ancestors
            .iter()
            .find_map(|c| c.own("__init_subclass__").map(|v| (v, c.clone())));
        let mut value = Value::Type(PyType::Class(class));
        if let Some((hook, owner)) = hook {
            let f = self.bind(hook, &value, &owner)?;
            self.call_value(&f, Vec::new(), Vec::new())?;
        }
        for (d, line) in decorators.into_iter().rev() {
            value = self
                .call_value(&d, vec![value], Vec::new())
                .map_err(|e| crate::python::eval::with_line(e, line))?;
        }
        self.store_name(frame, &def.name, value)?;
        Ok(Flow::Normal)
    }

    /// Calls an exception class: the exception, and for a class with a body its instance,
    /// initialised by the body's `__init__` (`super().__init__(message)` sets `args`, which
    /// are the call's positional arguments until then, as CPython's `BaseException.__new__`
    /// sets them).
    pub(crate) fn new_exception(
        &mut self,
        kind: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<crate::python::PyException, PyError> {
        let body = crate::python::eval::exception_body(self.it, kind);
        let init = body.as_ref().and_then(|b| b.lookup("__init__"));
        // AttributeError and NameError take the attributes CPython gives them as keywords.
        let keywords: &[&str] = if init.is_some() || kwargs.is_empty() {
            &[]
        } else if crate::python::eval::exception_is(&self.it.exceptions, kind, "AttributeError") {
            &["name", "obj"]
        } else if crate::python::eval::exception_is(&self.it.exceptions, kind, "NameError") {
            &["name"]
        } else {
            return Err(type_error(format!("{kind}() takes no keyword arguments")));
        };
        let unknown = kwargs.iter().find(|(k, _)| !keywords.contains(&&**k));
        if let Some((bad, _)) = unknown.filter(|_| init.is_none()) {
            let class = match keywords.len() {
                2 => "AttributeError",
                _ => "NameError",
            };
            return Err(type_error(format!(
                "'{bad}' is an invalid keyword argument for {class}()"
            )));
        }
        let mut e = crate::python::eval::constructed(&self.it.exceptions, kind, args.clone());
        if init.is_none() && !kwargs.is_empty() {
            let mut attrs: Vec<(&'static str, Value)> =
                keywords.iter().map(|k| (*k, Value::None)).collect();
            for (k, v) in &kwargs {
                if let Some(slot) = attrs.iter_mut().find(|(n, _)| *n == &**k) {
                    slot.1 = v.clone();
                }
            }
            e = e.with_attrs(attrs);
        }
        // `self` in `__init__` is the object being made.
        e.identify();
        let Some(body) = body else {
            return Ok(e);
        };
        let instance = Rc::new(Instance {
            class: body.clone(),
            attrs: RefCell::new(Vec::new()),
            value: None,
        });
        e.set_instance(instance.clone());
        if let Some((init, owner)) = init {
            let receiver = Value::Exception(Rc::new(e.clone()));
            let method = self.bind(init, &receiver, &owner)?;
            let r = self.call_value(&method, args, kwargs)?;
            if !r.is_none() {
                return Err(type_error(format!(
                    "__init__() should return None, not '{}'",
                    r.error_type_name()
                )));
            }
            // What `super().__init__(…)` gave `args`.
            let set = {
                let mut attrs = instance.attrs.borrow_mut();
                let at = attrs.iter().position(|(k, _)| &**k == "args");
                at.map(|i| attrs.remove(i).1)
            };
            if let Some(Value::Tuple(t)) = set {
                e.args = t.to_vec();
            }
        }
        Ok(e)
    }

    /// `__str__` or `__repr__` of an exception whose class (or a parent's body) defines
    /// it, called and checked to return a string; `None` when the class has its own none.
    pub(crate) fn exception_text_special(
        &mut self,
        e: &Rc<crate::python::PyException>,
        name: &str,
    ) -> Result<Option<String>, PyError> {
        let Some((method, owner)) = e.instance().and_then(|i| i.class.lookup(name)) else {
            return Ok(None);
        };
        if self.it.depth >= crate::python::eval::MAX_CALL_DEPTH || self.stack_exhausted() {
            return Err(exc(
                "RecursionError",
                "maximum recursion depth exceeded while calling a Python object",
            ));
        }
        let receiver = Value::Exception(e.clone());
        let method = self.bind(method, &receiver, &owner)?;
        match self.call_value(&method, Vec::new(), Vec::new())? {
            Value::Str(s) => Ok(Some(s.to_string())),
            other => Err(type_error(format!(
                "{name} returned non-string (type {})",
                other.error_type_name()
            ))),
        }
    }

    /// `bind` for the attribute lookup of an exception with a body.
    pub(crate) fn bind_attr(
        &mut self,
        x: Value,
        receiver: &Value,
        owner: &Rc<Class>,
    ) -> Result<Value, PyError> {
        self.bind(x, receiver, owner)
    }

    /// Calls a class: a new instance, initialised by `__init__`.
    pub(crate) fn instantiate(
        &mut self,
        class: &Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        if class.builtin_base.is_none() {
            if let Some((new, _)) = class.lookup("__new__") {
                let mut argv = Vec::with_capacity(args.len() + 1);
                argv.push(Value::Type(PyType::Class(class.clone())));
                argv.extend(args.iter().cloned());
                let inst = self.call_value(&new, argv, kwargs.clone())?;
                // `__init__` runs when `__new__` returned an instance of the class.
                if let Value::Instance(i) = &inst {
                    if Rc::ptr_eq(&i.class, class)
                        || i.class.ancestors.iter().any(|c| Rc::ptr_eq(c, class))
                    {
                        if let Some((init, _)) = i.class.lookup("__init__") {
                            let mut argv = Vec::with_capacity(args.len() + 1);
                            argv.push(inst.clone());
                            argv.extend(args);
                            let r = self.call_value(&init, argv, kwargs)?;
                            if !r.is_none() {
                                return Err(type_error(format!(
                                    "__init__() should return None, not '{}'",
                                    r.error_type_name()
                                )));
                            }
                        }
                    }
                }
                return Ok(inst);
            }
        }
        if let Some(e) = crate::python::stdlib::abc::instantiation_error(class) {
            return Err(e);
        }
        let value = match class.builtin_base {
            Some(BuiltinType::Tuple) => Some(self.new_tuple_value(class, &args, &kwargs)?),
            _ => None,
        };
        let inst = Value::Instance(Rc::new(Instance {
            class: class.clone(),
            attrs: RefCell::new(Vec::new()),
            value,
        }));
        match class.lookup("__init__") {
            None if inst.builtin_value().is_some() => {
                // `object.__init__` ignores the arguments `tuple.__new__` took.
            }
            Some((init, _)) => {
                let mut argv = Vec::with_capacity(args.len() + 1);
                argv.push(inst.clone());
                argv.extend(args);
                let r = self.call_value(&init, argv, kwargs)?;
                if !r.is_none() {
                    return Err(type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.error_type_name()
                    )));
                }
            }
            None => {
                if !args.is_empty() || !kwargs.is_empty() {
                    return Err(type_error(format!("{}() takes no arguments", class.name)));
                }
            }
        }
        Ok(inst)
    }

    /// A class attribute as seen through `receiver` (an instance, or the class itself).
    fn bind(&mut self, v: Value, receiver: &Value, class: &Rc<Class>) -> Result<Value, PyError> {
        let on_instance = match receiver {
            Value::Instance(_) => true,
            Value::Exception(e) => e.instance().is_some(),
            _ => false,
        };
        Ok(match &v {
            Value::Function(_) if on_instance => wrapped(Wrapped::BoundMethod {
                func: v.clone(),
                receiver: receiver.clone(),
            }),
            // A cached function is a descriptor, as CPython's: it binds like a function.
            Value::Native(obj) if on_instance && crate::python::stdlib::binds(&**obj) => {
                wrapped(Wrapped::BoundMethod {
                    func: v.clone(),
                    receiver: receiver.clone(),
                })
            }
            Value::Native(_) if on_instance => {
                let Some(cp) = crate::python::stdlib::functools::cached_property(&v) else {
                    return Ok(v.clone());
                };
                return match receiver {
                    Value::Instance(inst) => cp.get(self, receiver, inst),
                    _ => Err(unsupported("a cached_property on an exception class")),
                };
            }
            Value::Wrapped(w) => match &**w {
                Wrapped::StaticMethod(f) => f.clone(),
                Wrapped::ClassMethod(f) => wrapped(Wrapped::BoundMethod {
                    func: f.clone(),
                    // Bound to the class it was reached through (`super().make()` in a
                    // subclass's class method still passes the subclass).
                    receiver: match receiver {
                        Value::Instance(i) => Value::Type(PyType::Class(i.class.clone())),
                        Value::Type(PyType::Class(_)) => receiver.clone(),
                        _ => Value::Type(PyType::Class(class.clone())),
                    },
                }),
                Wrapped::Property { fget, .. } if on_instance => {
                    return self.call_value(&fget.clone(), vec![receiver.clone()], Vec::new())
                }
                _ => v.clone(),
            },
            _ => v.clone(),
        })
    }

    /// `inst.name`: the normal lookup, then the class's `__getattr__` when that lookup
    /// raises `AttributeError` (also from a property's getter, as in CPython).
    pub(crate) fn instance_attr(
        &mut self,
        v: &Value,
        inst: &Rc<Instance>,
        name: &str,
    ) -> Result<Value, PyError> {
        match self.instance_attr_plain(v, inst, name) {
            Err(PyError::Exception(e)) if &*e.kind == "AttributeError" => {
                match inst.class.lookup("__getattr__") {
                    Some((hook, _)) => {
                        let hook = self.bind(hook, v, &inst.class)?;
                        self.call_value(&hook, vec![Value::str(name)], Vec::new())
                    }
                    None => Err(PyError::Exception(e)),
                }
            }
            r => r,
        }
    }

    fn instance_attr_plain(
        &mut self,
        v: &Value,
        inst: &Rc<Instance>,
        name: &str,
    ) -> Result<Value, PyError> {
        let class = inst.class.clone();
        let found = class.lookup(name);
        if let Some((Value::Wrapped(w), _)) = &found {
            if let Wrapped::Property { fget, .. } = &**w {
                let fget = fget.clone();
                return self.call_value(&fget, vec![v.clone()], Vec::new());
            }
        }
        if found.is_none() {
            if let Some(field) = crate::python::stdlib::namedtuple::field_value(inst, name) {
                return Ok(field);
            }
        }
        if let Some(own) = inst.get(name) {
            return Ok(own);
        }
        if let Some((attr, _)) = found {
            return self.bind(attr, v, &class);
        }
        if let Some(builtin) = &inst.value {
            // The built-in class's methods (`p.count(1)`, `p.index(2)`).
            if !(name.starts_with("__") && name.ends_with("__")) {
                let builtin = builtin.clone();
                return match self.get_attr(&builtin, name) {
                    Err(PyError::Exception(e)) if &*e.kind == "AttributeError" => {
                        Err(super::attr::no_attribute(&v.error_type_name(), name, v))
                    }
                    r => r,
                };
            }
        }
        match name {
            "__dict__" if !slot_allows(&class, "__dict__") => {
                Err(super::attr::no_attribute(&class.name, name, v))
            }
            "__dict__" => {
                // What sits in slots is not in the `__dict__`.
                let slots: Vec<Rc<str>> = std::iter::once(&class)
                    .chain(class.ancestors.iter())
                    .filter_map(|c| c.own("__slots__"))
                    .flat_map(|s| slot_names(&s))
                    .collect();
                let mut d = Dict::new();
                for (k, x) in inst.attrs.borrow().iter() {
                    if !slots.contains(k) {
                        d.insert(Value::Str(k.clone()), x.clone())?;
                    }
                }
                Ok(Value::dict(d))
            }
            "__module__" => Ok(Value::Str(class.module.clone())),
            _ if name.starts_with("__") && name.ends_with("__") => Err(unsupported(format!(
                "the attribute '{name}' of an instance"
            ))),
            _ => Err(super::attr::no_attribute(&v.error_type_name(), name, v)),
        }
    }

    /// `Cls.name`.
    pub(crate) fn class_attr(&mut self, class: &Rc<Class>, name: &str) -> Result<Value, PyError> {
        match name {
            "__name__" => return Ok(Value::Str(class.name.clone())),
            "__qualname__" => return Ok(Value::Str(class.qualname.clone())),
            "__module__" => return Ok(Value::Str(class.module.clone())),
            "__doc__" => return Ok(class.own("__doc__").unwrap_or(Value::None)),
            "__bases__" => {
                // A base written as `tuple` is kept as `None` beside `builtin_base`.
                let direct = match class.builtin_base {
                    Some(b)
                        if !class
                            .bases
                            .iter()
                            .flatten()
                            .any(|c| c.builtin_base.is_some()) =>
                    {
                        Some(b)
                    }
                    _ => None,
                };
                let object = || Value::Type(PyType::Builtin(direct.unwrap_or(BuiltinType::Object)));
                if class.bases.is_empty() {
                    return Ok(Value::tuple(vec![object()]));
                }
                return Ok(Value::tuple(
                    class
                        .bases
                        .iter()
                        .map(|b| match b {
                            Some(b) => Value::Type(PyType::Class(b.clone())),
                            None => object(),
                        })
                        .collect(),
                ));
            }
            "__mro__" => {
                let mut items: Vec<Value> = class
                    .mro()
                    .into_iter()
                    .map(|c| Value::Type(PyType::Class(c)))
                    .collect();
                if let Some(b) = class.builtin_base {
                    items.push(Value::Type(PyType::Builtin(b)));
                }
                items.push(Value::Type(PyType::Builtin(BuiltinType::Object)));
                return Ok(Value::tuple(items));
            }
            _ => {}
        }
        if let Some((attr, _)) = class.lookup(name) {
            let receiver = Value::Type(PyType::Class(class.clone()));
            return self.bind(attr, &receiver, class);
        }
        if let Some(getter) = crate::python::stdlib::namedtuple::field_descriptor(class, name) {
            return Ok(getter);
        }
        if name == "mro" {
            let mut items: Vec<Value> = class
                .mro()
                .into_iter()
                .map(|c| Value::Type(PyType::Class(c)))
                .collect();
            items.push(Value::Type(PyType::Builtin(BuiltinType::Object)));
            return Ok(Value::native_function("mro", move |args, kwargs| {
                if !args.is_empty() || !kwargs.is_empty() {
                    return Err(crate::python::PyException::type_error(format!(
                        "type.mro() takes no arguments ({} given)",
                        args.len() + kwargs.len()
                    )));
                }
                Ok(Value::list(items.clone()))
            }));
        }
        if name.starts_with("__") && name.ends_with("__") {
            return Err(unsupported(format!("the attribute '{name}' of a class")));
        }
        Err(exc(
            "AttributeError",
            format!("type object '{}' has no attribute '{name}'", class.name),
        ))
    }

    /// Attributes of bound methods, `super()` and the wrappers.
    pub(crate) fn wrapped_attr(
        &mut self,
        v: &Value,
        w: &Rc<Wrapped>,
        name: &str,
    ) -> Result<Value, PyError> {
        match &**w {
            Wrapped::Super { class, receiver } => {
                let start = match receiver {
                    Value::Instance(i) => i.class.clone(),
                    Value::Type(PyType::Class(c)) => c.clone(),
                    _ => class.clone(),
                };
                let mro = start.mro();
                let after = mro
                    .iter()
                    .position(|c| Rc::ptr_eq(c, class))
                    .map(|i| i + 1)
                    .unwrap_or(mro.len());
                for c in &mro[after..] {
                    if let Some(attr) = c.own(name) {
                        return self.bind(attr, receiver, c);
                    }
                }
                if let (Value::Exception(e), "__str__" | "__repr__") = (receiver, name) {
                    // BaseException's own, from `args`, whatever the class defines. The text
                    // is made when the method is looked up (`super().__str__()` calls it at
                    // once).
                    let e = e.clone();
                    let text = if name == "__str__" {
                        self.exception_str(&e)?
                    } else {
                        self.exception_repr(&e)?
                    };
                    return Ok(Value::native_function(name, move |args, kwargs| {
                        if !args.is_empty() || !kwargs.is_empty() {
                            return Err(crate::python::PyException::type_error(format!(
                                "expected 0 arguments, got {}",
                                args.len() + kwargs.len()
                            )));
                        }
                        Ok(Value::str(&text))
                    }));
                }
                if crate::python::types::special::is_special(name) {
                    // Past the classes written in Python: the built-in class the instance
                    // derives from (`int.__add__`), then `object` (`object.__eq__`).
                    if let Some(b) = receiver.builtin_value() {
                        let b = b.clone();
                        if let Some(r) = self.builtin_special_attr(&b, name) {
                            return r;
                        }
                    }
                    if crate::python::types::special::OBJECT_RUNS.contains(&name) {
                        return Ok(crate::python::eval::attr::bound(receiver, name));
                    }
                }
                if let (Value::Exception(e), "__init__") = (receiver, name) {
                    // BaseException.__init__: the arguments become `args`.
                    let (kind, instance) = (e.kind.clone(), e.instance().cloned());
                    return Ok(Value::native_function("__init__", move |args, kwargs| {
                        if !kwargs.is_empty() {
                            return Err(crate::python::PyException::type_error(format!(
                                "{kind}() takes no keyword arguments"
                            )));
                        }
                        if let Some(i) = &instance {
                            i.set("args", Value::tuple(args));
                        }
                        Ok(Value::None)
                    }));
                }
                if name == "__new__" {
                    return Ok(object_new());
                }
                if let ("__init_subclass__", Value::Type(PyType::Class(c))) = (name, receiver) {
                    // object.__init_subclass__: takes nothing, does nothing.
                    let name = c.name.clone();
                    return Ok(Value::native_function(
                        "__init_subclass__",
                        move |args, kwargs| {
                            if !kwargs.is_empty() {
                                return Err(crate::python::PyException::type_error(format!(
                                    "{name}.__init_subclass__() takes no keyword arguments"
                                )));
                            }
                            if !args.is_empty() {
                                return Err(crate::python::PyException::type_error(format!(
                                    "{name}.__init_subclass__() takes no arguments ({} given)",
                                    args.len()
                                )));
                            }
                            Ok(Value::None)
                        },
                    ));
                }
                if name == "__init__" {
                    // object.__init__: accepts nothing more, does nothing.
                    return Ok(Value::native_function("__init__", |args, kwargs| {
                        if !args.is_empty() || !kwargs.is_empty() {
                            return Err(crate::python::PyException::type_error(
                                "object.__init__() takes exactly one argument (the instance to initialize)",
                            ));
                        }
                        Ok(Value::None)
                    }));
                }
                Err(exc(
                    "AttributeError",
                    format!("'super' object has no attribute '{name}'"),
                ))
            }
            Wrapped::Property { fget, fset, fdel } => match name {
                "setter" | "deleter" => Ok(wrapped(Wrapped::PropertySetter {
                    fget: fget.clone(),
                    fset: fset.clone(),
                    fdel: fdel.clone(),
                    deleter: name == "deleter",
                })),
                "fget" => Ok(fget.clone()),
                "fset" => Ok(fset.clone().unwrap_or(Value::None)),
                "fdel" => Ok(fdel.clone().unwrap_or(Value::None)),
                _ => Err(exc(
                    "AttributeError",
                    format!("'property' object has no attribute '{name}'"),
                )),
            },
            Wrapped::BoundMethod { func, receiver } => match name {
                "__self__" => Ok(receiver.clone()),
                "__func__" => Ok(func.clone()),
                _ => self.get_attr(&func.clone(), name),
            },
            Wrapped::StaticMethod(f) | Wrapped::ClassMethod(f) => match name {
                "__func__" => Ok(f.clone()),
                _ => self.get_attr(&f.clone(), name),
            },
            Wrapped::PropertySetter { .. } => Err(exc(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", v.type_name()),
            )),
        }
    }

    /// `inst.name = value`.
    pub(crate) fn set_instance_attr(
        &mut self,
        inst: &Rc<Instance>,
        v: &Value,
        name: &str,
        value: Value,
    ) -> Result<(), PyError> {
        if let Some((Value::Wrapped(w), _)) = inst.class.lookup(name) {
            if let Wrapped::Property { fset, .. } = &*w {
                return match fset {
                    Some(f) => {
                        self.call_value(&f.clone(), vec![v.clone(), value], Vec::new())?;
                        Ok(())
                    }
                    None => Err(exc(
                        "AttributeError",
                        format!(
                            "property '{name}' of '{}' object has no setter",
                            inst.class.name
                        ),
                    )),
                };
            }
        }
        if name.starts_with("__") && name.ends_with("__") {
            return Err(unsupported(format!("setting the attribute '{name}'")));
        }
        if let Some(e) = crate::python::stdlib::namedtuple::set_error(inst, name) {
            return Err(e);
        }
        if !slot_allows(&inst.class, name) {
            return Err(super::attr::no_attribute(&inst.class.name, name, v));
        }
        if let Some(e) = crate::python::stdlib::dataclasses::frozen_error(&inst.class, name, false)
        {
            return Err(e);
        }
        inst.set(name, value);
        Ok(())
    }

    /// Calls a bound method, `prop.setter(f)` or a static/class method object.
    pub(crate) fn call_wrapped(
        &mut self,
        w: &Rc<Wrapped>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyError> {
        match &**w {
            Wrapped::BoundMethod { func, receiver } => {
                let mut argv = Vec::with_capacity(args.len() + 1);
                argv.push(receiver.clone());
                argv.extend(args);
                self.call_value(&func.clone(), argv, kwargs)
            }
            Wrapped::PropertySetter {
                fget,
                fset,
                fdel,
                deleter,
            } => {
                if args.len() != 1 || !kwargs.is_empty() {
                    return Err(type_error(format!(
                        "{}() takes exactly one argument ({} given)",
                        if *deleter { "deleter" } else { "setter" },
                        args.len()
                    )));
                }
                let f = args.into_iter().next();
                let (fset, fdel) = if *deleter {
                    (fset.clone(), f)
                } else {
                    (f, fdel.clone())
                };
                Ok(wrapped(Wrapped::Property {
                    fget: fget.clone(),
                    fset,
                    fdel,
                }))
            }
            Wrapped::StaticMethod(f) => self.call_value(&f.clone(), args, kwargs),
            other => Err(type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    /// `property(f)`, `staticmethod(f)`, `classmethod(f)`, `super(...)`.
    pub(crate) fn class_builtin(
        &mut self,
        frame: Option<&Frame>,
        what: &str,
        args: Vec<Value>,
    ) -> Result<Value, PyError> {
        match what {
            "super" => match args.len() {
                0 => {
                    // CPython checks for a positional parameter first, then for the class.
                    let frame = frame
                        .filter(|f| {
                            f.def.as_ref().is_some_and(|d| {
                                d.params.iter().any(|p| {
                                    matches!(
                                        p.kind,
                                        crate::python::syntax::ast::ParamKind::PositionalOnly
                                            | crate::python::syntax::ast::ParamKind::Normal
                                    )
                                })
                            })
                        })
                        .ok_or_else(|| exc("RuntimeError", "super(): no arguments"))?;
                    let class = frame
                        .class
                        .clone()
                        .ok_or_else(|| exc("RuntimeError", "super(): __class__ cell not found"))?;
                    let receiver = frame
                        .local(0)
                        .ok_or_else(|| exc("RuntimeError", "super(): arg[0] deleted"))?;
                    let derives = |c: &Rc<Class>| {
                        Rc::ptr_eq(c, &class) || c.ancestors.iter().any(|a| Rc::ptr_eq(a, &class))
                    };
                    let fits = match &receiver {
                        Value::Instance(i) => derives(&i.class),
                        Value::Type(PyType::Class(c)) => derives(c),
                        Value::Exception(_) => true,
                        _ => false,
                    };
                    if !fits {
                        return Err(type_error(
                            "super(type, obj): obj must be an instance or subtype of type",
                        ));
                    }
                    Ok(wrapped(Wrapped::Super { class, receiver }))
                }
                2 => match &args[0] {
                    Value::Type(PyType::Class(c)) => Ok(wrapped(Wrapped::Super {
                        class: c.clone(),
                        receiver: args[1].clone(),
                    })),
                    other => Err(type_error(format!(
                        "super() argument 1 must be a type, not {}",
                        other.error_type_name()
                    ))),
                },
                _ => Err(unsupported("super() with one argument")),
            },
            _ => {
                if args.len() != 1 {
                    return Err(type_error(format!(
                        "{what} expected 1 argument, got {}",
                        args.len()
                    )));
                }
                let f = args.into_iter().next().unwrap_or(Value::None);
                Ok(wrapped(match what {
                    "staticmethod" => Wrapped::StaticMethod(f),
                    "classmethod" => Wrapped::ClassMethod(f),
                    _ => Wrapped::Property {
                        fget: f,
                        fset: None,
                        fdel: None,
                    },
                }))
            }
        }
    }

    /// The special method `name` of an instance's class, bound, if it defines one.
    pub(crate) fn special(&mut self, v: &Value, name: &str) -> Option<Value> {
        let Value::Instance(inst) = v else {
            return None;
        };
        let (attr, _) = inst.class.lookup(name)?;
        Some(match attr {
            Value::Function(_) => wrapped(Wrapped::BoundMethod {
                func: attr,
                receiver: v.clone(),
            }),
            Value::Native(ref obj) if crate::python::stdlib::binds(&**obj) => {
                wrapped(Wrapped::BoundMethod {
                    func: attr,
                    receiver: v.clone(),
                })
            }
            other => other,
        })
    }

    /// Calls special method `name` of an instance if its class defines it.
    pub(crate) fn call_special(
        &mut self,
        v: &Value,
        name: &str,
        args: Vec<Value>,
    ) -> Result<Option<Value>, PyError> {
        match self.special(v, name) {
            Some(m) => {
                // Called from the evaluator, as CPython calls a slot from C.
                if self.it.depth >= crate::python::eval::MAX_CALL_DEPTH || self.stack_exhausted() {
                    return Err(exc(
                        "RecursionError",
                        "maximum recursion depth exceeded while calling a Python object",
                    ));
                }
                Ok(Some(self.call_value(&m, args, Vec::new())?))
            }
            None => match v.builtin_value() {
                Some(builtin) => {
                    let builtin = builtin.clone();
                    self.builtin_slot(&builtin, name, args)
                }
                None => Ok(None),
            },
        }
    }

    /// The special method `name` of the built-in class an instance derives from (`tuple`),
    /// applied to the built-in value it carries: `len(p)`, `p[0]`, `p == (1, 2)`, `p + q`.
    /// `None` when the built-in class has no such method.
    fn builtin_slot(
        &mut self,
        builtin: &Value,
        name: &str,
        args: Vec<Value>,
    ) -> Result<Option<Value>, PyError> {
        use crate::python::syntax::ast::{BinOp, CmpOp};
        let arg = args.first().cloned();
        // The other operand as a built-in value of the same class, if it is one.
        let other = |a: &Option<Value>| match a {
            Some(x @ Value::Tuple(_)) => Some(x.clone()),
            Some(x) => x.builtin_value().cloned(),
            None => None,
        };
        let cmp = |name: &str| match name {
            "__eq__" => Some(CmpOp::Eq),
            "__ne__" => Some(CmpOp::NotEq),
            "__lt__" => Some(CmpOp::Lt),
            "__le__" => Some(CmpOp::LtE),
            "__gt__" => Some(CmpOp::Gt),
            "__ge__" => Some(CmpOp::GtE),
            _ => None,
        };
        Ok(Some(match name {
            "__len__" => match builtin {
                Value::Tuple(t) => Value::int(t.len() as i64),
                _ => return Ok(None),
            },
            "__iter__" => builtin.clone(),
            "__getitem__" => match arg {
                Some(i) => ops::get_item(builtin, &i)?,
                None => return Ok(None),
            },
            "__contains__" => match arg {
                Some(x) => Value::Bool(self.compare_values(CmpOp::In, &x, builtin)?),
                None => return Ok(None),
            },
            "__add__" => match other(&arg) {
                Some(o) => self.binary(BinOp::Add, builtin, &o)?,
                None => ops::not_implemented(),
            },
            "__mul__" | "__rmul__" => match arg {
                Some(n @ (Value::Int(_) | Value::Bool(_))) => {
                    self.binary(BinOp::Mul, builtin, &n)?
                }
                _ => ops::not_implemented(),
            },
            "__repr__" => Value::str(&self.repr_of(builtin)?),
            _ => match (cmp(name), other(&arg)) {
                (Some(op), Some(o)) => Value::Bool(self.compare_values(op, builtin, &o)?),
                (Some(_), None) => ops::not_implemented(),
                _ => return Ok(None),
            },
        }))
    }

    /// The tuple a new instance of a subclass of `tuple` carries: the namedtuple's fields
    /// bound from the arguments, or `tuple(iterable)`.
    pub(crate) fn new_tuple_value(
        &mut self,
        class: &Rc<Class>,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
    ) -> Result<Value, PyError> {
        if let Some(spec) = class.namedtuple_spec() {
            let items = crate::python::stdlib::namedtuple::bind_fields(spec, args, kwargs)?;
            self.charge(items.len())?;
            return Ok(Value::tuple(items));
        }
        if class.lookup("__init__").is_none() {
            if let Some((k, _)) = kwargs.first() {
                return Err(type_error(format!(
                    "'{k}' is an invalid keyword argument for {}()",
                    class.name
                )));
            }
        }
        match args {
            [] => Ok(Value::tuple(Vec::new())),
            [x] => {
                let items = self.iterate_all(x)?;
                self.charge(items.len())?;
                Ok(Value::tuple(items))
            }
            _ => Err(type_error(format!(
                "{} expected at most 1 argument, got {}",
                class.name,
                args.len()
            ))),
        }
    }

    /// `__repr__` or `__str__` of an instance, checked to return a string.
    pub(crate) fn text_special(
        &mut self,
        v: &Value,
        name: &str,
    ) -> Result<Option<String>, PyError> {
        match self.call_special(v, name, Vec::new())? {
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(other) => Err(type_error(format!(
                "{name} returned non-string (type {})",
                other.error_type_name()
            ))),
            None => Ok(None),
        }
    }
}

/// The names a class's `__slots__` gives: one string, or an iterable of strings as written.
fn slot_names(slots: &Value) -> Vec<Rc<str>> {
    match slots {
        Value::Str(s) => vec![s.clone()],
        Value::Tuple(items) => items.iter().filter_map(str_of).collect(),
        Value::List(items) => items.borrow().iter().filter_map(str_of).collect(),
        _ => Vec::new(),
    }
}

fn str_of(v: &Value) -> Option<Rc<str>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// Whether an instance of `class` can hold the attribute `name`: it has a `__dict__` unless
/// the class and every class it derives from define `__slots__` without `"__dict__"`; then
/// only the slots' names.
#[inline(never)]
pub(crate) fn slot_allows(class: &Rc<Class>, name: &str) -> bool {
    let chain = || std::iter::once(class).chain(class.ancestors.iter());
    if class.builtin_base.is_some() || !chain().all(|c| c.own("__slots__").is_some()) {
        return true;
    }
    chain().any(|c| {
        c.own("__slots__").is_some_and(|s| {
            slot_names(&s)
                .iter()
                .any(|n| &**n == name || &**n == "__dict__")
        })
    })
}
