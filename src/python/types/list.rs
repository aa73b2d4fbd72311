//! `list`: its methods.

use crate::python::builtins::{
    arg_range, exactly_one, no_kwargs, take_kw, unexpected_kw, Kwargs, ITEM_LIMIT,
};
use crate::python::eval::attr::attribute_error;
use crate::python::eval::{snapshot_iterable, Exec};
use crate::python::types::ops::{self, as_index, exc, type_error};
use crate::python::types::str::char_range;
use crate::python::types::Value;
use crate::python::PyError;

pub(crate) const LIST_METHODS: &[&str] = &[
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse",
    "sort",
];

impl Exec<'_> {
    pub(crate) fn list_method(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let Value::List(l) = receiver else {
            return Err(attribute_error(receiver, name));
        };
        if name != "sort" {
            no_kwargs(&format!("list.{name}"), &kwargs)?;
        }
        let none_expected = |args: &[Value]| -> Result<(), PyError> {
            if args.is_empty() {
                Ok(())
            } else {
                Err(type_error(format!(
                    "list.{name}() takes no arguments ({} given)",
                    args.len()
                )))
            }
        };
        let check_size = |extra: usize| -> Result<(), PyError> {
            let n = l.borrow().len() + extra;
            if n > ITEM_LIMIT {
                return Err(ops::too_many_items(n as u128));
            }
            Ok(())
        };
        // Every method but these walks (or copies, or shifts) the list's items.
        match name {
            "append" | "extend" | "sort" | "clear" => {}
            "pop" if args.is_empty() => {}
            _ => self.charge(l.borrow().len())?,
        }
        Ok(match name {
            "append" => {
                exactly_one("list.append", &args)?;
                check_size(1)?;
                l.borrow_mut()
                    .push(args.into_iter().next().unwrap_or(Value::None));
                Value::None
            }
            "extend" => {
                exactly_one("list.extend", &args)?;
                let items = snapshot_iterable(&args[0])?;
                self.charge(items.len())?;
                check_size(items.len())?;
                l.borrow_mut().extend(items);
                Value::None
            }
            "insert" => {
                if args.len() != 2 {
                    return Err(type_error(format!(
                        "insert expected 2 arguments, got {}",
                        args.len()
                    )));
                }
                check_size(1)?;
                let i = as_index(&args[0])?;
                let mut list = l.borrow_mut();
                let len = list.len() as i64;
                let pos = if i < 0 { (i + len).max(0) } else { i.min(len) };
                list.insert(pos as usize, args[1].clone());
                Value::None
            }
            "pop" => {
                arg_range("pop", &args, 0, 1)?;
                let mut list = l.borrow_mut();
                if list.is_empty() {
                    return Err(exc("IndexError", "pop from empty list"));
                }
                let len = list.len() as i64;
                let i = match args.first() {
                    None => len - 1,
                    Some(v) => as_index(v)?,
                };
                let pos = if i < 0 { i + len } else { i };
                if pos < 0 || pos >= len {
                    return Err(exc("IndexError", "pop index out of range"));
                }
                list.remove(pos as usize)
            }
            "remove" => {
                exactly_one("list.remove", &args)?;
                let found = self.position_through_eq(l, &args[0], 0, usize::MAX)?;
                let mut list = l.borrow_mut();
                match found.filter(|&p| p < list.len()) {
                    Some(p) => {
                        list.remove(p);
                        Value::None
                    }
                    None => return Err(exc("ValueError", "list.remove(x): x not in list")),
                }
            }
            "index" => {
                if args.is_empty() {
                    return Err(type_error("index expected at least 1 argument, got 0"));
                }
                arg_range("index", &args, 1, 3)?;
                let len = l.borrow().len();
                let (a, b) = char_range(&args[1..], len)?;
                match self.position_through_eq(l, &args[0], a, b)? {
                    Some(p) => Value::int(p as i64),
                    None => {
                        return Err(exc(
                            "ValueError",
                            format!("{} is not in list", self.repr_of(&args[0])?),
                        ))
                    }
                }
            }
            "count" => {
                exactly_one("list.count", &args)?;
                let items = l.borrow().clone();
                Value::int(self.count_through_eq(&items, &args[0])? as i64)
            }
            "sort" => {
                if !args.is_empty() {
                    return Err(type_error("sort() takes no positional arguments"));
                }
                let key = take_kw(&mut kwargs, "key");
                let reverse = take_kw(&mut kwargs, "reverse").is_some_and(|r| r.is_truthy());
                unexpected_kw("sort", &kwargs)?;
                let items = l.borrow().clone();
                let sorted = self.sort_values(items, key.as_ref(), reverse)?;
                *l.borrow_mut() = sorted;
                Value::None
            }
            "reverse" => {
                none_expected(&args)?;
                l.borrow_mut().reverse();
                Value::None
            }
            "clear" => {
                none_expected(&args)?;
                let old = std::mem::take(&mut *l.borrow_mut());
                for v in old {
                    crate::python::types::drop_deep(v);
                }
                Value::None
            }
            "copy" => {
                none_expected(&args)?;
                Value::list(l.borrow().clone())
            }
            _ => return Err(attribute_error(receiver, name)),
        })
    }
}

impl Exec<'_> {
    /// Where `x` first is in `l[start:stop]`, comparing `item == x` as CPython's
    /// `list.index` does (identity first, then a user `__eq__` where one decides).
    pub(crate) fn position_through_eq(
        &mut self,
        l: &std::cell::RefCell<Vec<Value>>,
        x: &Value,
        start: usize,
        stop: usize,
    ) -> Result<Option<usize>, PyError> {
        let items = l.borrow().clone();
        let stop = stop.min(items.len());
        crate::python::types::hash::clear_skipped_user_eq();
        let pure = (start..stop).find(|&i| items[i].identity_eq(x) || items[i].py_eq(x));
        if !crate::python::types::hash::skipped_user_eq() {
            return Ok(pure);
        }
        self.charge(stop.saturating_sub(start))?;
        for (i, item) in items.iter().enumerate().take(stop).skip(start) {
            if item.identity_eq(x) || self.values_equal(item, x, 0)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    /// How many items equal `x` (`item == x`, identity first), through a user `__eq__`
    /// where one decides.
    pub(crate) fn count_through_eq(
        &mut self,
        items: &[Value],
        x: &Value,
    ) -> Result<usize, PyError> {
        crate::python::types::hash::clear_skipped_user_eq();
        let pure = items
            .iter()
            .filter(|v| v.identity_eq(x) || v.py_eq(x))
            .count();
        if !crate::python::types::hash::skipped_user_eq() {
            return Ok(pure);
        }
        self.charge(items.len())?;
        let mut n = 0;
        for item in items {
            if item.identity_eq(x) || self.values_equal(item, x, 0)? {
                n += 1;
            }
        }
        Ok(n)
    }
}
