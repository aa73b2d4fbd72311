//! `django.contrib.sessions.models.Session`: the `django_session` table as the db and
//! cached_db engines keep it, with just enough of a manager and query set to look at it
//! (`Session.objects.get/filter/exclude/all/order_by/count/exists/first/last/delete`, the
//! rows' `session_key`, `session_data`, `expire_date`, `get_decoded()`, `delete()`).
//! Anything else of the ORM is refused as not supported.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::{repr, DateTime, NativeClass, NativeObject, PyException, PyType, Value};

use super::pyargs::{bind_method, no_args, Kwargs};
use super::session::{async_unsafe, decode_stored, SharedServer};
use super::unsupported;

/// The model's exception classes, with their parents.
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("ObjectDoesNotExist", "Exception"),
    ("DoesNotExist", "ObjectDoesNotExist"),
    ("MultipleObjectsReturned", "Exception"),
];

/// The members of `django.contrib.sessions.models`.
pub fn members(server: &SharedServer) -> Vec<(&'static str, Value)> {
    vec![(
        "Session",
        Value::Type(PyType::native(session_class(server))),
    )]
}

/// The `Session` model class.
pub fn session_class(server: &SharedServer) -> Rc<NativeClass> {
    let manager: Rc<dyn NativeObject> = Rc::new(Manager {
        server: server.clone(),
    });
    Rc::new(NativeClass::new(
        "django.contrib.sessions.models.Session",
        |_, _| {
            Err(unsupported(
                "creating a Session row directly (a SessionStore saves the rows)",
            ))
        },
        vec![
            ("objects", Value::Native(manager)),
            ("DoesNotExist", Value::exception_class("DoesNotExist")),
            (
                "MultipleObjectsReturned",
                Value::exception_class("MultipleObjectsReturned"),
            ),
        ],
    ))
}

/// A row as a query read it.
#[derive(Clone)]
struct Row {
    key: String,
    data: String,
    expire_micros: i128,
    rowid: u64,
}

/// The fields a lookup may name.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Key,
    ExpireDate,
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Exact,
    In,
    Lt,
    Lte,
    Gt,
    Gte,
}

#[derive(Clone)]
enum Operand {
    Key(String),
    Keys(Vec<String>),
    Micros(i128),
}

#[derive(Clone)]
struct Lookup {
    op: Op,
    value: Operand,
    /// Part of an `exclude()`.
    negated: bool,
}

impl Lookup {
    fn parse(name: &str, value: &Value, negated: bool) -> Result<Lookup, PyException> {
        let (field, op) = match name.split_once("__") {
            Some((f, o)) => (f, o),
            None => (name, "exact"),
        };
        let field = match field {
            "pk" | "session_key" => Field::Key,
            "expire_date" => Field::ExpireDate,
            _ => {
                return Err(unsupported(format!(
                    "Session.objects lookups on {field:?} (the simulator knows session_key, pk and expire_date)"
                )))
            }
        };
        let op = match op {
            "exact" => Op::Exact,
            "in" => Op::In,
            "lt" => Op::Lt,
            "lte" => Op::Lte,
            "gt" => Op::Gt,
            "gte" => Op::Gte,
            other => {
                return Err(unsupported(format!(
                    "the lookup __{other} (the simulator knows exact, in, lt, lte, gt and gte)"
                )))
            }
        };
        let operand = |v: &Value| -> Result<Operand, PyException> {
            match (field, v) {
                (Field::Key, Value::Str(s)) => Ok(Operand::Key(s.to_string())),
                (Field::ExpireDate, Value::DateTime(d)) => Ok(Operand::Micros(d.unix_micros())),
                _ => Err(unsupported(format!(
                    "comparing {} with {}",
                    if field == Field::Key {
                        "session_key"
                    } else {
                        "expire_date"
                    },
                    repr(v)
                ))),
            }
        };
        let value = if op == Op::In {
            let items = super::pyargs::iterate(value)?;
            let mut keys = Vec::new();
            for item in &items {
                match operand(item)? {
                    Operand::Key(k) => keys.push(k),
                    _ => return Err(unsupported("__in on expire_date")),
                }
            }
            Operand::Keys(keys)
        } else {
            operand(value)?
        };
        if op != Op::Exact && op != Op::In && field == Field::Key {
            return Err(unsupported("ordering comparisons on session_key"));
        }
        Ok(Lookup { op, value, negated })
    }

    fn matches(&self, row: &Row) -> bool {
        let hit = match (&self.value, self.op) {
            (Operand::Key(k), _) => row.key == *k,
            (Operand::Keys(ks), _) => ks.contains(&row.key),
            (Operand::Micros(m), op) => {
                let e = row.expire_micros;
                match op {
                    Op::Exact | Op::In => e == *m,
                    Op::Lt => e < *m,
                    Op::Lte => e <= *m,
                    Op::Gt => e > *m,
                    Op::Gte => e >= *m,
                }
            }
        };
        hit != self.negated
    }
}

/// A query: its lookups and ordering. Evaluated each time it is read.
#[derive(Clone)]
struct Query {
    server: SharedServer,
    lookups: Vec<Lookup>,
    order: Option<(Field, bool)>,
}

impl Query {
    fn rows(&self) -> Result<Vec<Row>, PyException> {
        async_unsafe(&self.server)?;
        let server = self.server.borrow();
        let mut rows: Vec<Row> = server
            .db
            .iter()
            .map(|(k, r)| Row {
                key: k.clone(),
                data: r.data.clone(),
                expire_micros: r.expire_micros,
                rowid: r.rowid,
            })
            .filter(|r| self.lookups.iter().all(|l| l.matches(r)))
            .collect();
        match self.order {
            None => rows.sort_by_key(|r| r.rowid),
            Some((Field::Key, desc)) => {
                rows.sort_by(|a, b| a.key.cmp(&b.key));
                if desc {
                    rows.reverse();
                }
            }
            Some((Field::ExpireDate, desc)) => {
                rows.sort_by(|a, b| {
                    a.expire_micros
                        .cmp(&b.expire_micros)
                        .then(a.rowid.cmp(&b.rowid))
                });
                if desc {
                    rows.reverse();
                }
            }
        }
        Ok(rows)
    }

    fn with_lookups(&self, kwargs: Kwargs, negated: bool) -> Result<Query, PyException> {
        let mut q = self.clone();
        for (name, value) in &kwargs {
            q.lookups.push(Lookup::parse(name, value, negated)?);
        }
        Ok(q)
    }

    fn instance(&self, row: Row) -> Value {
        Value::Native(Rc::new(SessionRow {
            server: self.server.clone(),
            row,
            deleted: RefCell::new(false),
        }))
    }

    fn get(&self, args: Vec<Value>, kwargs: Kwargs) -> Result<Value, PyException> {
        if !args.is_empty() {
            return Err(unsupported("get() with Q objects or positional arguments"));
        }
        let q = self.with_lookups(kwargs, false)?;
        let mut rows = q.rows()?;
        match rows.len() {
            0 => Err(PyException::new(
                "DoesNotExist",
                "Session matching query does not exist.",
            )),
            1 => Ok(self.instance(rows.remove(0))),
            n => Err(PyException::new(
                "MultipleObjectsReturned",
                format!("get() returned more than one Session -- it returned {n}!"),
            )),
        }
    }

    fn delete(&self) -> Result<Value, PyException> {
        let rows = self.rows()?;
        let mut server = self.server.borrow_mut();
        for r in &rows {
            server.db.remove(&r.key);
        }
        Ok(deleted_count(rows.len(), false))
    }

    /// The methods a manager and a query set share.
    fn call(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
        owner: &str,
    ) -> Result<Value, PyException> {
        let q = format!("{owner}.{name}");
        let qs = |query: Query| Value::Native(Rc::new(QuerySet { query }));
        match name {
            "all" => {
                no_args(&q, args, kwargs)?;
                Ok(qs(self.clone()))
            }
            "filter" | "exclude" => {
                if !args.is_empty() {
                    return Err(unsupported(format!("{name}() with Q objects or positional arguments")));
                }
                Ok(qs(self.with_lookups(kwargs, name == "exclude")?))
            }
            "order_by" => {
                if !kwargs.is_empty() || args.len() != 1 {
                    return Err(unsupported("order_by() with other than one field"));
                }
                let Value::Str(f) = &args[0] else {
                    return Err(unsupported("order_by() with other than a field name"));
                };
                let (desc, f) = match f.strip_prefix('-') {
                    Some(rest) => (true, rest),
                    None => (false, &**f),
                };
                let field = match f {
                    "pk" | "session_key" => Field::Key,
                    "expire_date" => Field::ExpireDate,
                    other => return Err(unsupported(format!("order_by({other:?})"))),
                };
                let mut n = self.clone();
                n.order = Some((field, desc));
                Ok(qs(n))
            }
            "get" => self.get(args, kwargs),
            "count" => {
                no_args(&q, args, kwargs)?;
                Ok(Value::int(self.rows()?.len() as i64))
            }
            "exists" => {
                no_args(&q, args, kwargs)?;
                Ok(Value::Bool(!self.rows()?.is_empty()))
            }
            "first" | "last" => {
                no_args(&q, args, kwargs)?;
                let mut n = self.clone();
                if n.order.is_none() {
                    n.order = Some((Field::Key, false));
                }
                let mut rows = n.rows()?;
                let row = if name == "first" {
                    (!rows.is_empty()).then(|| rows.remove(0))
                } else {
                    rows.pop()
                };
                Ok(row.map_or(Value::None, |r| self.instance(r)))
            }
            "delete" if owner == "QuerySet" => {
                no_args(&q, args, kwargs)?;
                self.delete()
            }
            _ => Err(unsupported(format!("Session.objects.{name}() (the simulator's manager has all, filter, exclude, order_by, get, count, exists, first, last and a query set's delete)"))),
        }
    }
}

/// `(n, {'sessions.Session': n})` as `delete()` returns; a query set that deleted nothing
/// gives `(0, {})`, a row's own `delete()` always names the model.
fn deleted_count(n: usize, name_model: bool) -> Value {
    let mut d = crate::python::Dict::new();
    if n > 0 || name_model {
        let _ = d.insert(Value::str("sessions.Session"), Value::int(n as i64));
    }
    Value::tuple(vec![Value::int(n as i64), Value::dict(d)])
}

const QUERY_METHODS: &[&str] = &[
    "all", "filter", "exclude", "order_by", "get", "count", "exists", "first", "last",
];

/// `Session.objects`.
struct Manager {
    server: SharedServer,
}

impl Manager {
    fn query(&self) -> Query {
        Query {
            server: self.server.clone(),
            lookups: Vec::new(),
            order: None,
        }
    }
}

impl NativeObject for Manager {
    fn type_name(&self) -> &str {
        "SessionManager"
    }

    fn qualified_name(&self) -> String {
        "django.contrib.sessions.models.SessionManager".into()
    }

    fn has_method(&self, name: &str) -> bool {
        QUERY_METHODS.contains(&name)
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Err(unsupported(format!("Session.objects.{name}")))
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        self.query().call(name, args, kwargs, "Manager")
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A query set of sessions.
struct QuerySet {
    query: Query,
}

impl NativeObject for QuerySet {
    fn type_name(&self) -> &str {
        "QuerySet"
    }

    fn qualified_name(&self) -> String {
        "django.db.models.query.QuerySet".into()
    }

    fn has_method(&self, name: &str) -> bool {
        QUERY_METHODS.contains(&name) || name == "delete"
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Err(unsupported(format!("QuerySet.{name}")))
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        self.query.call(name, args, kwargs, "QuerySet")
    }

    fn len(&self) -> Result<usize, PyException> {
        Ok(self.query.rows()?.len())
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        Ok(self
            .query
            .rows()?
            .into_iter()
            .map(|r| self.query.instance(r))
            .collect())
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        let Value::Int(i) = key else {
            return Err(unsupported("slicing a QuerySet (index it with a number)"));
        };
        let i = num_traits::ToPrimitive::to_i64(i).unwrap_or(-1);
        if i < 0 {
            return Err(PyException::new(
                "ValueError",
                "Negative indexing is not supported.",
            ));
        }
        let mut rows = self.query.rows()?;
        if (i as usize) < rows.len() {
            Ok(self.query.instance(rows.swap_remove(i as usize)))
        } else {
            Err(PyException::new("IndexError", "list index out of range"))
        }
    }

    fn truthy(&self) -> bool {
        self.query.rows().map(|r| !r.is_empty()).unwrap_or(false)
    }

    fn repr(&self) -> String {
        let rows = self.query.rows().unwrap_or_default();
        let mut items: Vec<String> = rows
            .iter()
            .take(20)
            .map(|r| format!("<Session: {}>", r.key))
            .collect();
        if rows.len() > 20 {
            items.push("'...(remaining elements truncated)...'".into());
        }
        format!("<QuerySet [{}]>", items.join(", "))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `Session` instance: the row as it was read.
struct SessionRow {
    server: SharedServer,
    row: Row,
    deleted: RefCell<bool>,
}

impl NativeObject for SessionRow {
    fn type_name(&self) -> &str {
        "Session"
    }

    fn qualified_name(&self) -> String {
        "django.contrib.sessions.models.Session".into()
    }

    fn native_class(&self) -> Option<Rc<NativeClass>> {
        Some(session_class(&self.server))
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "get_decoded" | "delete")
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            // Deleting the row sets the primary key (session_key) to None.
            "session_key" | "pk" => Ok(if *self.deleted.borrow() {
                Value::None
            } else {
                Value::str(&self.row.key)
            }),
            "session_data" => Ok(Value::str(&self.row.data)),
            "expire_date" => Ok(DateTime::from_unix_micros(self.row.expire_micros, true)
                .map(Value::DateTime)
                .unwrap_or(Value::None)),
            _ => Err(unsupported(format!("Session.{name}"))),
        }
    }

    fn set_attr(&self, name: &str, _value: Value) -> Result<(), PyException> {
        Err(unsupported(format!(
            "changing Session.{name} (a SessionStore saves the rows)"
        )))
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        match name {
            "get_decoded" => {
                no_args("AbstractBaseSession.get_decoded", args, kwargs)?;
                let now = self.server.borrow().now;
                Ok(Value::dict(decode_stored(&self.row.data, now)))
            }
            "delete" => {
                let _ = bind_method("Model.delete", &["using", "keep_parents"], 0, args, kwargs)?;
                async_unsafe(&self.server)?;
                if *self.deleted.borrow() {
                    return Err(PyException::new(
                        "ValueError",
                        "Session object can't be deleted because its session_key attribute is set to None.",
                    ));
                }
                let removed = self.server.borrow_mut().db.remove(&self.row.key).is_some();
                *self.deleted.borrow_mut() = true;
                Ok(deleted_count(usize::from(removed), true))
            }
            _ => Err(unsupported(format!("Session.{name}()"))),
        }
    }

    fn repr(&self) -> String {
        format!("<Session: {}>", self.row.key)
    }

    fn to_str(&self) -> String {
        self.row.key.clone()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
