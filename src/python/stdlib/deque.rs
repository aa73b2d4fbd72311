//! `collections.deque`: a double-ended queue with an optional `maxlen` (items pushed onto
//! a full deque push the oldest out at the other end). Methods, indexing, `len`, `in`,
//! iteration, `==`/`<` by contents and the messages follow CPython 3.11's
//! `_collectionsmodule.c`. A deque is not JSON: kept in the session it fails at save time,
//! as in Django (views store `list(d)`).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::python::builtins::Kwargs;
use crate::python::eval::Exec;
use crate::python::syntax::ast::CmpOp;
use crate::python::text::repr::repr;
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{NativeObject, Value};
use crate::python::{PyError, PyException};

pub(crate) struct Deque {
    items: RefCell<VecDeque<Value>>,
    maxlen: Option<usize>,
    /// Set while its `repr` is being written (a deque holding itself shows `[...]`).
    in_repr: Cell<bool>,
}

const METHODS: &[&str] = &[
    "append",
    "appendleft",
    "clear",
    "copy",
    "count",
    "extend",
    "extendleft",
    "index",
    "insert",
    "pop",
    "popleft",
    "remove",
    "reverse",
    "rotate",
];

impl Deque {
    fn push(&self, v: Value, left: bool) -> Result<(), PyError> {
        let mut items = self.items.borrow_mut();
        if self.maxlen == Some(0) {
            return Ok(());
        }
        crate::python::eval::budget::check_items(items.len() as u128 + 1)?;
        if left {
            items.push_front(v);
            if self.maxlen.is_some_and(|m| items.len() > m) {
                items.pop_back();
            }
        } else {
            items.push_back(v);
            if self.maxlen.is_some_and(|m| items.len() > m) {
                items.pop_front();
            }
        }
        Ok(())
    }

    fn index_of(&self, key: &Value) -> Result<usize, PyException> {
        let n = self.items.borrow().len() as i64;
        let i = match key {
            Value::Int(_) | Value::Bool(_) => key.as_i64().unwrap_or(i64::MAX),
            other => {
                return Err(PyException::type_error(format!(
                    "sequence index must be integer, not '{}'",
                    other.error_type_name()
                )))
            }
        };
        let i = if i < 0 { i + n } else { i };
        if i < 0 || i >= n {
            return Err(PyException::new("IndexError", "deque index out of range"));
        }
        Ok(i as usize)
    }
}

impl NativeObject for Deque {
    fn type_name(&self) -> &str {
        "deque"
    }

    fn qualified_name(&self) -> String {
        "collections.deque".into()
    }

    fn error_name(&self) -> &str {
        "collections.deque"
    }

    fn has_method(&self, name: &str) -> bool {
        METHODS.contains(&name)
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "maxlen" => Ok(self
                .maxlen
                .map(|m| Value::int(m as i64))
                .unwrap_or(Value::None)),
            _ => Err(PyException::attribute_error("collections.deque", name)),
        }
    }

    fn set_attr(&self, name: &str, _value: Value) -> Result<(), PyException> {
        if name == "maxlen" {
            return Err(PyException::new(
                "AttributeError",
                "attribute 'maxlen' of 'collections.deque' objects is not writable",
            ));
        }
        Err(PyException::attribute_error("collections.deque", name))
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        let i = self.index_of(key)?;
        Ok(self.items.borrow()[i].clone())
    }

    fn set_item(&self, key: Value, value: Value) -> Result<(), PyException> {
        let i = self.index_of(&key)?;
        self.items.borrow_mut()[i] = value;
        Ok(())
    }

    fn del_item(&self, key: &Value) -> Result<(), PyException> {
        let i = self.index_of(key)?;
        self.items.borrow_mut().remove(i);
        Ok(())
    }

    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        let items = self.items.borrow();
        Ok(items.iter().any(|v| v.identity_eq(item) || v.py_eq(item)))
    }

    fn len(&self) -> Result<usize, PyException> {
        Ok(self.items.borrow().len())
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        let items: Vec<Value> = self.items.borrow().iter().cloned().collect();
        let _ = crate::python::eval::budget::items(items.len());
        Ok(items)
    }

    fn truthy(&self) -> bool {
        !self.items.borrow().is_empty()
    }

    fn eq_key(&self) -> Option<Value> {
        Some(Value::list(self.items.borrow().iter().cloned().collect()))
    }

    fn unhashable(&self) -> bool {
        true
    }

    fn repr(&self) -> String {
        if self.in_repr.get() {
            return "[...]".into();
        }
        self.in_repr.set(true);
        let body = repr(&Value::list(self.items.borrow().iter().cloned().collect()));
        self.in_repr.set(false);
        match self.maxlen {
            Some(m) => format!("deque({body}, maxlen={m})"),
            None => format!("deque({body})"),
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn new_deque(items: VecDeque<Value>, maxlen: Option<usize>) -> Value {
    Value::Native(Rc::new(Deque {
        items: RefCell::new(items),
        maxlen,
        in_repr: Cell::new(false),
    }))
}

/// `deque(iterable=(), maxlen=None)`.
pub(crate) fn construct(
    ex: &mut Exec<'_>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    if args.len() > 2 {
        return Err(type_error(format!(
            "deque() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let mut slots: Vec<Option<Value>> = args.into_iter().map(Some).collect();
    slots.resize(2, None);
    for (k, v) in kwargs {
        match &*k {
            "iterable" => slots[0] = Some(v),
            "maxlen" => slots[1] = Some(v),
            _ => {
                return Err(type_error(format!(
                    "'{k}' is an invalid keyword argument for deque()"
                )))
            }
        }
    }
    let maxlen = match slots[1].take() {
        None | Some(Value::None) => None,
        Some(v @ (Value::Int(_) | Value::Bool(_))) => match v.as_i64() {
            Some(n) if n < 0 => return Err(exc("ValueError", "maxlen must be non-negative")),
            Some(n) => Some(n as usize),
            None => {
                return Err(exc(
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                ))
            }
        },
        Some(_) => return Err(type_error("an integer is required")),
    };
    let d = Deque {
        items: RefCell::new(VecDeque::new()),
        maxlen,
        in_repr: Cell::new(false),
    };
    if let Some(src) = slots[0].take() {
        let mut it = ex.start_iter(src)?;
        while let Some(v) = ex.next_item(&mut it)? {
            ex.charge(1)?;
            d.push(v, false)?;
        }
    }
    Ok(Value::Native(Rc::new(d)))
}

pub(crate) fn is_deque(obj: &dyn Any) -> bool {
    obj.is::<Deque>()
}

fn int_arg(v: &Value) -> Result<i64, PyError> {
    match v {
        Value::Int(_) | Value::Bool(_) => v.as_i64().ok_or_else(|| {
            exc(
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            )
        }),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.error_type_name()
        ))),
    }
}

/// A method of a deque.
pub(crate) fn call_method(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn NativeObject>,
    name: &str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Option<Result<Value, PyError>> {
    let d = obj.as_any().downcast_ref::<Deque>()?;
    Some(deque_method(ex, d, name, args, kwargs))
}

fn deque_method(
    ex: &mut Exec<'_>,
    d: &Deque,
    name: &str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    if !kwargs.is_empty() {
        return Err(type_error(format!(
            "deque.{name}() takes no keyword arguments"
        )));
    }
    let one = |args: &[Value]| -> Result<(), PyError> {
        if args.len() != 1 {
            return Err(type_error(format!(
                "deque.{name}() takes exactly one argument ({} given)",
                args.len()
            )));
        }
        Ok(())
    };
    let none = |args: &[Value]| -> Result<(), PyError> {
        if !args.is_empty() {
            return Err(type_error(format!(
                "deque.{name}() takes no arguments ({} given)",
                args.len()
            )));
        }
        Ok(())
    };
    match name {
        "append" | "appendleft" => {
            one(&args)?;
            d.push(args[0].clone(), name == "appendleft")?;
            Ok(Value::None)
        }
        "extend" | "extendleft" => {
            one(&args)?;
            // Extending a deque by itself reads a copy first, as CPython does.
            let src = match &args[0] {
                Value::Native(o) if std::ptr::addr_eq(Rc::as_ptr(o), d as *const Deque) => {
                    Value::list(d.items.borrow().iter().cloned().collect())
                }
                other => other.clone(),
            };
            let mut it = ex.start_iter(src)?;
            while let Some(v) = ex.next_item(&mut it)? {
                ex.charge(1)?;
                d.push(v, name == "extendleft")?;
            }
            Ok(Value::None)
        }
        "pop" | "popleft" => {
            none(&args)?;
            let v = if name == "pop" {
                d.items.borrow_mut().pop_back()
            } else {
                d.items.borrow_mut().pop_front()
            };
            v.ok_or_else(|| exc("IndexError", "pop from an empty deque"))
        }
        "clear" => {
            none(&args)?;
            let old = std::mem::take(&mut *d.items.borrow_mut());
            for v in old {
                crate::python::types::drop_deep(v);
            }
            Ok(Value::None)
        }
        "copy" => {
            none(&args)?;
            let items = d.items.borrow().clone();
            ex.charge(items.len())?;
            Ok(new_deque(items, d.maxlen))
        }
        "reverse" => {
            none(&args)?;
            let mut items = d.items.borrow_mut();
            crate::python::eval::budget::items(items.len())?;
            items.make_contiguous().reverse();
            Ok(Value::None)
        }
        "rotate" => {
            if args.len() > 1 {
                return Err(type_error(format!(
                    "deque.rotate expected at most 1 argument, got {}",
                    args.len()
                )));
            }
            let n = match args.first() {
                Some(v) => int_arg(v)?,
                None => 1,
            };
            let mut items = d.items.borrow_mut();
            let len = items.len() as i64;
            if len > 1 {
                let k = n.rem_euclid(len) as usize;
                crate::python::eval::budget::items(k.min(len as usize - k))?;
                items.rotate_right(k);
            }
            Ok(Value::None)
        }
        "count" => {
            one(&args)?;
            let items: Vec<Value> = d.items.borrow().iter().cloned().collect();
            ex.charge(items.len())?;
            let mut n = 0;
            for v in &items {
                if v.identity_eq(&args[0]) || ex.compare_values(CmpOp::Eq, v, &args[0])? {
                    n += 1;
                }
            }
            Ok(Value::int(n))
        }
        "remove" => {
            one(&args)?;
            let items: Vec<Value> = d.items.borrow().iter().cloned().collect();
            ex.charge(items.len())?;
            for (i, v) in items.iter().enumerate() {
                if v.identity_eq(&args[0]) || ex.compare_values(CmpOp::Eq, v, &args[0])? {
                    d.items.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            Err(exc(
                "ValueError",
                format!("{} is not in deque", ex.repr_of(&args[0])?),
            ))
        }
        "index" => {
            if args.is_empty() {
                return Err(type_error(format!(
                    "index() takes at least 1 argument ({} given)",
                    args.len()
                )));
            }
            if args.len() > 3 {
                return Err(type_error(format!(
                    "index() takes at most 3 arguments ({} given)",
                    args.len()
                )));
            }
            let items: Vec<Value> = d.items.borrow().iter().cloned().collect();
            let n = items.len() as i64;
            let bound = |v: Option<&Value>, default: i64| -> Result<i64, PyError> {
                let Some(v) = v else { return Ok(default) };
                let i = match v {
                    Value::Int(_) | Value::Bool(_) => v.as_i64().unwrap_or(i64::MAX),
                    _ => {
                        return Err(type_error(
                            "slice indices must be integers or have an __index__ method",
                        ))
                    }
                };
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            };
            let start = bound(args.get(1), 0)?;
            let stop = bound(args.get(2), n)?;
            ex.charge(items.len())?;
            for i in start..stop.max(start) {
                let v = &items[i as usize];
                if v.identity_eq(&args[0]) || ex.compare_values(CmpOp::Eq, v, &args[0])? {
                    return Ok(Value::int(i));
                }
            }
            Err(exc(
                "ValueError",
                format!("{} is not in deque", ex.repr_of(&args[0])?),
            ))
        }
        "insert" => {
            if args.len() != 2 {
                return Err(type_error(format!(
                    "insert() takes exactly 2 arguments ({} given)",
                    args.len()
                )));
            }
            let i = int_arg(&args[0])?;
            let mut items = d.items.borrow_mut();
            if d.maxlen.is_some_and(|m| items.len() >= m) {
                return Err(exc("IndexError", "deque already at its maximum size"));
            }
            crate::python::eval::budget::check_items(items.len() as u128 + 1)?;
            let n = items.len() as i64;
            let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
            items.insert(at as usize, args[1].clone());
            Ok(Value::None)
        }
        _ => Err(PyError::Exception(PyException::attribute_error(
            "collections.deque",
            name,
        ))),
    }
}
