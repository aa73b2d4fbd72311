//! `request` as views see it: a `WSGIRequest` with `session`, `method`, `path`, `GET`,
//! `POST` (`QueryDict`s) and `COOKIES`.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::{repr, to_str, Dict, NativeObject, PyException, Value};

use super::pyargs::{bind_method, no_args, Kwargs};

/// Query or form parameters: names in order, each with its values.
pub type Params = Vec<(String, Vec<String>)>;

fn immutable() -> PyException {
    PyException::new("AttributeError", "This QueryDict instance is immutable")
}

/// `MultiValueDictKeyError: 'color'` (a `KeyError`, so its text is the key's repr).
fn multi_value_key_error(key: &Value) -> PyException {
    PyException::with_args("MultiValueDictKeyError", vec![Value::str(&repr(key))])
}

/// `request.GET` / `request.POST` (immutable) and their `.copy()` (mutable): Django's
/// `QueryDict`, a `dict` of keys to lists of values.
pub struct QueryDict {
    /// Keys in order, each with its list of values (a Python list, shared as in Django:
    /// `dict(q)`, `lists()` and `setlistdefault()` hand out the list itself).
    entries: RefCell<Vec<(String, Value)>>,
    mutable: bool,
}

fn values_list(values: &[String]) -> Value {
    Value::list(values.iter().map(|s| Value::str(s)).collect())
}

fn list_items(list: &Value) -> Vec<Value> {
    match list {
        Value::List(l) => l.borrow().clone(),
        other => vec![other.clone()],
    }
}

fn key_text(key: &Value) -> Result<String, PyException> {
    match key {
        Value::Str(s) => Ok(s.to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        other => Err(super::unsupported(format!(
            "a QueryDict key of type {}",
            other.type_name()
        ))),
    }
}

/// `bytes_to_text`: bytes values are decoded, anything else is kept.
fn value_text(value: Value) -> Value {
    match &value {
        Value::Bytes(b) => Value::str(&String::from_utf8_lossy(b)),
        _ => value,
    }
}

fn generator(items: Vec<Value>) -> Value {
    Value::Iterator(Rc::new(crate::python::types::PyIter::from_values(
        "generator",
        items,
    )))
}

impl QueryDict {
    /// An immutable query dict holding `params` (what Django gives `request.GET`).
    pub fn new(params: Params) -> Rc<Self> {
        QueryDict::with(params, false)
    }

    /// A query dict holding `params`, mutable or not.
    pub fn with(params: Params, mutable: bool) -> Rc<Self> {
        Rc::new(QueryDict {
            entries: RefCell::new(
                params
                    .into_iter()
                    .map(|(k, v)| (k, values_list(&v)))
                    .collect(),
            ),
            mutable,
        })
    }

    fn check_mutable(&self) -> Result<(), PyException> {
        if self.mutable {
            Ok(())
        } else {
            Err(immutable())
        }
    }

    fn list_of(&self, key: &Value) -> Option<Value> {
        let Value::Str(k) = key else { return None };
        self.entries
            .borrow()
            .iter()
            .find(|(n, _)| n.as_str() == &**k)
            .map(|(_, v)| v.clone())
    }

    /// `MultiValueDict.__getitem__`: the last value, `[]` for an empty list.
    fn last(list: &Value) -> Value {
        match list_items(list).last() {
            Some(v) => v.clone(),
            None => Value::list(vec![]),
        }
    }

    fn set_list(&self, key: String, list: Value) {
        let mut entries = self.entries.borrow_mut();
        match entries.iter_mut().find(|(n, _)| *n == key) {
            Some(slot) => slot.1 = list,
            None => entries.push((key, list)),
        }
    }

    fn append(&self, key: String, value: Value) {
        let list = self
            .entries
            .borrow()
            .iter()
            .find(|(n, _)| *n == key)
            .map(|(_, l)| l.clone());
        if let Some(Value::List(l)) = list {
            l.borrow_mut().push(value);
            return;
        }
        self.set_list(key, Value::list(vec![value]));
    }

    /// The parameters as text, for `urlencode()` and `get_full_path()`.
    fn params(&self) -> Vec<(String, Vec<String>)> {
        self.entries
            .borrow()
            .iter()
            .map(|(k, l)| (k.clone(), list_items(l).iter().map(to_str).collect()))
            .collect()
    }

    /// The `application/x-www-form-urlencoded` text.
    pub fn urlencode(&self) -> String {
        let mut parts = Vec::new();
        for (name, values) in self.params() {
            for v in values {
                parts.push(format!("{}={}", quote_plus(&name), quote_plus(&v)));
            }
        }
        parts.join("&")
    }

    fn deep_copy(&self) -> Rc<QueryDict> {
        Rc::new(QueryDict {
            entries: RefCell::new(
                self.entries
                    .borrow()
                    .iter()
                    .map(|(k, l)| (k.clone(), Value::list(list_items(l))))
                    .collect(),
            ),
            mutable: true,
        })
    }

    /// `update()`: values are added to the lists, not put in their place.
    fn update_from(&self, other: &Value) -> Result<(), PyException> {
        if let Value::Native(obj) = other {
            if let Some(q) = obj.as_any().downcast_ref::<QueryDict>() {
                for (k, l) in q.entries.borrow().clone() {
                    for v in list_items(&l) {
                        self.append(k.clone(), v);
                    }
                }
                return Ok(());
            }
        }
        match other {
            Value::Dict(d) => {
                for (k, v) in d.borrow().items() {
                    self.append(key_text(&k)?, v);
                }
                Ok(())
            }
            other => Err(super::unsupported(format!(
                "QueryDict.update() with a {} (give a dict or a QueryDict)",
                other.type_name()
            ))),
        }
    }
}

/// `urllib.parse.quote_plus`.
pub fn quote_plus(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

const QUERYDICT_METHODS: &[&str] = &[
    "get",
    "getlist",
    "keys",
    "values",
    "items",
    "lists",
    "dict",
    "urlencode",
    "copy",
    "setlist",
    "appendlist",
    "setlistdefault",
    "setdefault",
    "pop",
    "popitem",
    "clear",
    "update",
];

impl NativeObject for QueryDict {
    fn type_name(&self) -> &str {
        "QueryDict"
    }

    fn qualified_name(&self) -> String {
        "django.http.request.QueryDict".into()
    }

    fn has_method(&self, name: &str) -> bool {
        QUERYDICT_METHODS.contains(&name)
    }

    fn dict_storage(&self) -> Option<Vec<(Value, Value)>> {
        Some(
            self.entries
                .borrow()
                .iter()
                .map(|(k, l)| (Value::str(k), l.clone()))
                .collect(),
        )
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        match name {
            "get" => {
                let a = bind_method("MultiValueDict.get", &["key", "default"], 1, args, kwargs)?;
                Ok(match self.list_of(&a.req(0)) {
                    Some(l) if !list_items(&l).is_empty() => QueryDict::last(&l),
                    _ => a.get_or(1, Value::None),
                })
            }
            "getlist" => {
                let a = bind_method(
                    "MultiValueDict.getlist",
                    &["key", "default"],
                    1,
                    args,
                    kwargs,
                )?;
                Ok(match self.list_of(&a.req(0)) {
                    Some(l) => Value::list(list_items(&l)),
                    None => match a.get(1) {
                        Some(d) if !d.is_none() => d,
                        _ => Value::list(vec![]),
                    },
                })
            }
            "keys" | "dict" => {
                no_args(&format!("MultiValueDict.{name}"), args, kwargs)?;
                let mut d = Dict::new();
                for (k, l) in self.entries.borrow().iter() {
                    d.insert(Value::str(k), QueryDict::last(l))?;
                }
                let d = Rc::new(RefCell::new(d));
                Ok(if name == "keys" {
                    Value::dict_view(d, crate::python::DictViewKind::Keys)
                } else {
                    Value::Dict(d)
                })
            }
            "values" | "items" | "lists" => {
                // Generators in Django (MultiValueDict yields them).
                no_args(&format!("MultiValueDict.{name}"), args, kwargs)?;
                let entries = self.entries.borrow();
                Ok(generator(
                    entries
                        .iter()
                        .map(|(k, l)| match name {
                            "values" => QueryDict::last(l),
                            "items" => Value::tuple(vec![Value::str(k), QueryDict::last(l)]),
                            _ => Value::tuple(vec![Value::str(k), l.clone()]),
                        })
                        .collect(),
                ))
            }
            "urlencode" => {
                let a = bind_method("QueryDict.urlencode", &["safe"], 0, args, kwargs)?;
                if a.get(0).is_some_and(|v| !v.is_none()) {
                    return Err(super::unsupported("QueryDict.urlencode(safe=...)"));
                }
                Ok(Value::str(&self.urlencode()))
            }
            "copy" => {
                no_args("QueryDict.copy", args, kwargs)?;
                Ok(Value::Native(self.deep_copy()))
            }
            "setlist" => {
                let a = bind_method("QueryDict.setlist", &["key", "list_"], 2, args, kwargs)?;
                self.check_mutable()?;
                let items = super::pyargs::iterate(&a.req(1))?;
                let items = items.into_iter().map(value_text).collect();
                self.set_list(key_text(&a.req(0))?, Value::list(items));
                Ok(Value::None)
            }
            "appendlist" => {
                let a = bind_method("QueryDict.appendlist", &["key", "value"], 2, args, kwargs)?;
                self.check_mutable()?;
                self.append(key_text(&a.req(0))?, value_text(a.req(1)));
                Ok(Value::None)
            }
            "setlistdefault" => {
                let a = bind_method(
                    "QueryDict.setlistdefault",
                    &["key", "default_list"],
                    1,
                    args,
                    kwargs,
                )?;
                self.check_mutable()?;
                let key = a.req(0);
                if let Some(l) = self.list_of(&key) {
                    return Ok(l);
                }
                let list = match a.get(1).filter(|v| !v.is_none()) {
                    Some(v) => Value::list(super::pyargs::iterate(&v)?),
                    None => Value::list(vec![]),
                };
                self.set_list(key_text(&key)?, list.clone());
                Ok(list)
            }
            "setdefault" => {
                let a = bind_method("QueryDict.setdefault", &["key", "default"], 1, args, kwargs)?;
                self.check_mutable()?;
                let key = a.req(0);
                if let Some(l) = self.list_of(&key) {
                    return Ok(QueryDict::last(&l));
                }
                let value = value_text(a.get_or(1, Value::None));
                self.set_list(key_text(&key)?, Value::list(vec![value.clone()]));
                Ok(value)
            }
            "pop" => {
                let a = bind_method("QueryDict.pop", &["key", "default"], 1, args, kwargs)?;
                self.check_mutable()?;
                let key = a.req(0);
                let found = match &key {
                    Value::Str(k) => {
                        let mut entries = self.entries.borrow_mut();
                        entries
                            .iter()
                            .position(|(n, _)| n.as_str() == &**k)
                            .map(|i| entries.remove(i).1)
                    }
                    _ => None,
                };
                match (found, a.get(1)) {
                    (Some(l), _) => Ok(l),
                    (None, Some(d)) => Ok(d),
                    (None, None) => Err(PyException::with_args("KeyError", vec![key])),
                }
            }
            "popitem" => {
                no_args("QueryDict.popitem", args, kwargs)?;
                self.check_mutable()?;
                match self.entries.borrow_mut().pop() {
                    Some((k, l)) => Ok(Value::tuple(vec![Value::str(&k), l])),
                    None => Err(PyException::new(
                        "KeyError",
                        "'popitem(): dictionary is empty'",
                    )),
                }
            }
            "clear" => {
                no_args("QueryDict.clear", args, kwargs)?;
                self.check_mutable()?;
                self.entries.borrow_mut().clear();
                Ok(Value::None)
            }
            "update" => {
                self.check_mutable()?;
                if args.len() > 1 {
                    return Err(PyException::type_error(format!(
                        "update expected at most 1 argument, got {}",
                        args.len()
                    )));
                }
                if let Some(other) = args.first() {
                    self.update_from(other)?;
                }
                for (k, v) in kwargs {
                    self.append(k.to_string(), v);
                }
                Ok(Value::None)
            }
            _ => Err(PyException::new(
                "AttributeError",
                format!("'QueryDict' object has no attribute '{name}'"),
            )),
        }
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        self.list_of(key)
            .map(|l| QueryDict::last(&l))
            .ok_or_else(|| multi_value_key_error(key))
    }

    fn set_item(&self, key: Value, value: Value) -> Result<(), PyException> {
        self.check_mutable()?;
        self.set_list(key_text(&key)?, Value::list(vec![value_text(value)]));
        Ok(())
    }

    fn del_item(&self, key: &Value) -> Result<(), PyException> {
        self.check_mutable()?;
        let k = key_text(key)?;
        let mut entries = self.entries.borrow_mut();
        match entries.iter().position(|(n, _)| *n == k) {
            Some(i) => {
                entries.remove(i);
                Ok(())
            }
            None => Err(PyException::with_args("KeyError", vec![key.clone()])),
        }
    }

    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        Ok(self.list_of(item).is_some())
    }

    fn len(&self) -> Result<usize, PyException> {
        Ok(self.entries.borrow().len())
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        Ok(self
            .entries
            .borrow()
            .iter()
            .map(|(k, _)| Value::str(k))
            .collect())
    }

    fn truthy(&self) -> bool {
        !self.entries.borrow().is_empty()
    }

    fn repr(&self) -> String {
        let inner: Vec<String> = self
            .entries
            .borrow()
            .iter()
            .map(|(k, l)| format!("{}: {}", repr(&Value::str(k)), repr(l)))
            .collect();
        format!("<QueryDict: {{{}}}>", inner.join(", "))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `django.http.QueryDict(query_string=None, mutable=False, encoding=None)`.
pub fn querydict_class() -> Value {
    Value::native_function("QueryDict", |args, kwargs| {
        let a = super::pyargs::Signature {
            qualname: "QueryDict.__init__",
            names: &["query_string", "mutable", "encoding"],
            required: 0,
            method: true,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let text = match a.get(0) {
            None | Some(Value::None) => String::new(),
            Some(Value::Str(s)) => s.to_string(),
            Some(Value::Bytes(b)) => String::from_utf8_lossy(&b).into_owned(),
            Some(other) => {
                return Err(super::unsupported(format!(
                    "QueryDict() of a {}",
                    other.type_name()
                )))
            }
        };
        if a.get(2).is_some_and(|v| !v.is_none()) {
            return Err(super::unsupported("QueryDict(encoding=...)"));
        }
        let mutable = a.get(1).is_some_and(|v| v.is_truthy());
        Ok(Value::Native(QueryDict::with(
            super::headers::parse_query(&text),
            mutable,
        )))
    })
}

/// `django.http.parse_cookie`: `name=value` pairs split on `;`, trimmed, quotes removed.
pub fn parse_cookie(header: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for chunk in header.split(';') {
        let (key, val) = match chunk.split_once('=') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => ("", chunk.trim()),
        };
        if key.is_empty() && val.is_empty() {
            continue;
        }
        let val = unquote_cookie(val);
        match out.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = val,
            None => out.push((key.to_string(), val)),
        }
    }
    out
}

/// `http.cookies._unquote`: strips surrounding double quotes and undoes `\"`, `\\` and
/// octal escapes.
fn unquote_cookie(val: &str) -> String {
    if val.len() < 2 || !val.starts_with('"') || !val.ends_with('"') {
        return val.to_string();
    }
    let inner = &val[1..val.len() - 1];
    let bytes = inner.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 1 < bytes.len() {
            let oct = bytes.get(i + 1..i + 4).filter(|o| {
                (b'0'..=b'3').contains(&o[0])
                    && (b'0'..=b'7').contains(&o[1])
                    && (b'0'..=b'7').contains(&o[2])
            });
            if let Some(o) = oct {
                out.push((o[0] - b'0') * 64 + (o[1] - b'0') * 8 + (o[2] - b'0'));
                i += 4;
            } else {
                out.push(bytes[i + 1]);
                i += 2;
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `split_domain_port(host)`: the lowercased domain (no trailing dot) and port, or two
/// empty strings when the host is not `name[:port]` or `[ipv6][:port]`.
pub fn split_domain_port(host: &str) -> (String, String) {
    let lower = host.to_lowercase();
    let (domain, port) = if lower.starts_with('[') {
        match lower.find(']') {
            Some(end) => {
                let inside = &lower[1..end];
                let ok = inside.contains(':')
                    && inside.split_once(':').is_some_and(|(a, b)| {
                        a.bytes().all(|c| c.is_ascii_hexdigit())
                            && !b.is_empty()
                            && b.bytes()
                                .all(|c| c.is_ascii_hexdigit() || c == b'.' || c == b':')
                    });
                if !ok {
                    return (String::new(), String::new());
                }
                (&lower[..=end], &lower[end + 1..])
            }
            None => return (String::new(), String::new()),
        }
    } else {
        let end = lower.find(':').unwrap_or(lower.len());
        let name = &lower[..end];
        if name.is_empty()
            || !name
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
        {
            return (String::new(), String::new());
        }
        (name, &lower[end..])
    };
    let port = match port.strip_prefix(':') {
        Some(p) if !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()) => p,
        None if port.is_empty() => "",
        _ => return (String::new(), String::new()),
    };
    (
        domain.strip_suffix('.').unwrap_or(domain).to_string(),
        port.to_string(),
    )
}

/// What a request carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestData {
    pub method: String,
    /// As written in the scenario.
    pub path: String,
    pub query: Params,
    pub form: Params,
    /// The `Cookie` header's pairs.
    pub cookies: Vec<(String, String)>,
    /// The raw body (a form is sent urlencoded).
    pub body: Vec<u8>,
    /// The `Content-Type` sent with a non-empty body.
    pub content_type: String,
    /// Extra request headers, names as written.
    pub headers: Vec<(String, String)>,
    /// The `Cookie` header as sent (empty when the jar is empty).
    pub cookie_header: String,
    /// Sent over HTTPS (`secure = true`: the test client's `secure=True`, port 443).
    pub secure: bool,
}

impl RequestData {
    /// `request.path`: Django puts a single leading `/` in front of the path.
    pub fn django_path(&self) -> String {
        format!("/{}", self.path.replacen('/', "", 1))
    }

    /// `request.get_full_path()`.
    pub fn full_path(&self) -> String {
        let query = QueryDict::new(self.query.clone()).urlencode();
        if query.is_empty() {
            self.django_path()
        } else {
            format!("{}?{}", self.django_path(), query)
        }
    }
}

/// `request`.
pub struct WsgiRequest {
    pub data: RequestData,
    session: RefCell<Option<Value>>,
    get: Value,
    post: Value,
    cookies: Value,
    headers: Value,
    meta: Value,
    attrs: RefCell<Vec<(String, Value)>>,
}

impl WsgiRequest {
    /// `request.scheme`.
    pub fn scheme(&self) -> &'static str {
        if self.data.secure {
            "https"
        } else {
            "http"
        }
    }

    fn meta_str(&self, key: &str) -> Option<String> {
        match &self.meta {
            Value::Dict(d) => d.borrow().get_str(key).map(|v| to_str(&v)),
            _ => None,
        }
    }

    /// `request.get_port()`: `META["SERVER_PORT"]`.
    pub fn port(&self) -> String {
        self.meta_str("SERVER_PORT").unwrap_or_default()
    }

    /// `request.get_host()`: the `Host` header, else the server's name (and a port other
    /// than the scheme's); `DisallowedHost` when it is not a valid host (every valid one is
    /// allowed: `ALLOWED_HOSTS = ["*"]`).
    pub fn get_host(&self) -> Result<String, PyException> {
        let host = match self.meta_str("HTTP_HOST") {
            Some(h) => h,
            None => {
                let name = self.meta_str("SERVER_NAME").unwrap_or_default();
                let port = self.port();
                if port != if self.data.secure { "443" } else { "80" } {
                    format!("{name}:{port}")
                } else {
                    name
                }
            }
        };
        let domain = split_domain_port(&host).0;
        if domain.is_empty() {
            return Err(PyException::new(
                "DisallowedHost",
                format!(
                    "Invalid HTTP_HOST header: {}. The domain name provided is not valid according to RFC 1034/1035.",
                    repr(&Value::str(&host))
                ),
            ));
        }
        Ok(host)
    }

    /// A request with its session store attached (as `process_request` leaves it).
    pub fn new(data: RequestData, session: Value) -> Rc<Self> {
        let (main_type, _) = super::headers::parse_content_type(&data.content_type);
        let post = if data.method == "POST" && main_type == "application/x-www-form-urlencoded" {
            super::headers::parse_query(&String::from_utf8_lossy(&data.body))
        } else {
            Vec::new()
        };
        let mut cookies = Dict::new();
        for (k, v) in &data.cookies {
            // String keys are always hashable.
            let _ = cookies.insert(Value::str(k), Value::str(v));
        }
        Rc::new(WsgiRequest {
            get: Value::Native(QueryDict::new(data.query.clone())),
            post: Value::Native(QueryDict::new(post)),
            cookies: Value::dict(cookies),
            headers: Value::Native(Rc::new(super::headers::HttpHeaders::new(
                &data,
                &data.cookie_header,
            ))),
            meta: super::headers::meta(&data, &data.cookie_header),
            data,
            session: RefCell::new(Some(session)),
            attrs: RefCell::new(Vec::new()),
        })
    }

    /// `request.session` as it is now (a view may have replaced or deleted it).
    pub fn session(&self) -> Option<Value> {
        self.session.borrow().clone()
    }

    /// Whether the request carried a cookie of that name.
    pub fn has_cookie(&self, name: &str) -> bool {
        self.data.cookies.iter().any(|(k, _)| k == name)
    }

    /// The cookie's value as Django reads it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.data
            .cookies
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    fn user_attr(&self, name: &str) -> Option<Value> {
        self.attrs
            .borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

fn no_attribute(name: &str) -> PyException {
    PyException::new(
        "AttributeError",
        format!("'WSGIRequest' object has no attribute '{name}'"),
    )
}

impl NativeObject for WsgiRequest {
    fn type_name(&self) -> &str {
        "WSGIRequest"
    }

    fn qualified_name(&self) -> String {
        "django.core.handlers.wsgi.WSGIRequest".into()
    }

    fn is_instance_of(&self, qualified: &str) -> bool {
        qualified == "django.http.request.HttpRequest"
    }

    fn has_method(&self, name: &str) -> bool {
        self.user_attr(name).is_none()
            && matches!(
                name,
                "get_full_path" | "get_host" | "is_secure" | "build_absolute_uri" | "get_port"
            )
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        if let Some(v) = self.user_attr(name) {
            return Ok(v);
        }
        match name {
            "session" => self.session().ok_or_else(|| no_attribute(name)),
            "method" => Ok(Value::str(&self.data.method)),
            "path" | "path_info" => Ok(Value::str(&self.data.django_path())),
            "GET" => Ok(self.get.clone()),
            "POST" => Ok(self.post.clone()),
            "COOKIES" => Ok(self.cookies.clone()),
            "scheme" => Ok(Value::str(self.scheme())),
            "encoding" => Ok(Value::None),
            "content_type" => Ok(Value::str(
                &super::headers::parse_content_type(&self.data.content_type).0,
            )),
            "content_params" => {
                let mut d = Dict::new();
                for (k, v) in super::headers::parse_content_type(&self.data.content_type).1 {
                    d.insert(Value::str(&k), Value::str(&v))?;
                }
                Ok(Value::dict(d))
            }
            "body" => Ok(Value::bytes(&self.data.body)),
            "headers" => Ok(self.headers.clone()),
            "META" => Ok(self.meta.clone()),
            _ => Err(no_attribute(name)),
        }
    }

    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        if name == "session" {
            *self.session.borrow_mut() = Some(value);
            return Ok(());
        }
        let mut attrs = self.attrs.borrow_mut();
        match attrs.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => attrs.push((name.to_string(), value)),
        }
        Ok(())
    }

    fn del_attr(&self, name: &str) -> Result<(), PyException> {
        if name == "session" {
            return match self.session.borrow_mut().take() {
                Some(_) => Ok(()),
                None => Err(PyException::new("AttributeError", "session")),
            };
        }
        let mut attrs = self.attrs.borrow_mut();
        let before = attrs.len();
        attrs.retain(|(n, _)| n != name);
        if attrs.len() == before {
            return Err(PyException::new("AttributeError", name.to_string()));
        }
        Ok(())
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        match name {
            "get_full_path" => {
                bind_method(
                    "HttpRequest.get_full_path",
                    &["force_append_slash"],
                    0,
                    args,
                    kwargs,
                )?;
                Ok(Value::str(&self.data.full_path()))
            }
            "get_host" => {
                no_args("HttpRequest.get_host", args, kwargs)?;
                Ok(Value::str(&self.get_host()?))
            }
            "get_port" => {
                no_args("HttpRequest.get_port", args, kwargs)?;
                Ok(Value::str(&self.port()))
            }
            "is_secure" => {
                no_args("HttpRequest.is_secure", args, kwargs)?;
                Ok(Value::Bool(self.data.secure))
            }
            "build_absolute_uri" => {
                let a = bind_method(
                    "HttpRequest.build_absolute_uri",
                    &["location"],
                    0,
                    args,
                    kwargs,
                )?;
                let location = match a.get(0) {
                    Some(v) if !v.is_none() => to_str(&v),
                    _ => self.data.full_path(),
                };
                Ok(Value::str(&format!(
                    "{}://{}{location}",
                    self.scheme(),
                    self.get_host()?
                )))
            }
            _ => Err(no_attribute(name)),
        }
    }

    fn repr(&self) -> String {
        format!(
            "<WSGIRequest: {} {}>",
            self.data.method,
            repr(&Value::str(&self.data.full_path()))
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &[&str])]) -> Params {
        pairs
            .iter()
            .map(|(k, vs)| (k.to_string(), vs.iter().map(|v| v.to_string()).collect()))
            .collect()
    }

    // Expected values are what Django 5.2 gives for the same request.
    #[test]
    fn query_dicts_behave_like_djangos() {
        let q = QueryDict::new(params(&[("color", &["blue"]), ("tag", &["a", "b"])]));
        assert_eq!(
            q.repr(),
            "<QueryDict: {'color': ['blue'], 'tag': ['a', 'b']}>"
        );
        let get = |args: Vec<Value>| q.call_method("get", args, vec![]).unwrap();
        assert_eq!(get(vec![Value::str("tag")]), Value::str("b"));
        assert_eq!(get(vec![Value::str("nope")]), Value::None);
        assert_eq!(
            get(vec![Value::str("nope"), Value::str("x")]),
            Value::str("x")
        );
        assert_eq!(
            repr(
                &q.call_method("getlist", vec![Value::str("tag")], vec![])
                    .unwrap()
            ),
            "['a', 'b']"
        );
        let e = q.get_item(&Value::str("nope")).unwrap_err();
        assert_eq!(&*e.kind, "MultiValueDictKeyError");
        assert_eq!(e.message(), "'nope'");
        assert_eq!(
            q.set_item(Value::str("a"), Value::str("b"))
                .unwrap_err()
                .display(),
            "AttributeError: This QueryDict instance is immutable"
        );
        assert!(q.contains(&Value::str("color")).unwrap());
        assert_eq!(
            repr(&q.call_method("dict", vec![], vec![]).unwrap()),
            "{'color': 'blue', 'tag': 'b'}"
        );
    }

    #[test]
    fn requests_expose_what_views_use() {
        let data = RequestData {
            method: "GET".into(),
            path: "/cart/".into(),
            query: params(&[("a", &["1"])]),
            form: params(&[("item", &["apple"])]),
            cookies: vec![("sessionid".into(), "abc".into())],
            ..RequestData::default()
        };
        let r = WsgiRequest::new(data, Value::None);
        assert_eq!(r.repr(), "<WSGIRequest: GET '/cart/?a=1'>");
        assert_eq!(r.get_attr("path").unwrap(), Value::str("/cart/"));
        // A GET request has no POST data even with a body.
        assert!(!r.get_attr("POST").unwrap().is_truthy());
        assert_eq!(
            repr(&r.get_attr("COOKIES").unwrap()),
            "{'sessionid': 'abc'}"
        );
        assert_eq!(
            r.get_attr("set_session").unwrap_err().display(),
            "AttributeError: 'WSGIRequest' object has no attribute 'set_session'"
        );
        assert_eq!(
            r.call_method("set_session", vec![], vec![])
                .unwrap_err()
                .display(),
            "AttributeError: 'WSGIRequest' object has no attribute 'set_session'"
        );
        r.set_attr("flag", Value::int(1)).unwrap();
        assert_eq!(r.get_attr("flag").unwrap(), Value::int(1));
        let plain = RequestData {
            method: "GET".into(),
            path: "cart".into(),
            ..RequestData::default()
        };
        assert_eq!(plain.django_path(), "/cart");
    }

    #[test]
    fn cookies_parse_like_django() {
        assert_eq!(
            parse_cookie("sessionid=abc; color=\"blue\"; x"),
            vec![
                ("sessionid".to_string(), "abc".to_string()),
                ("color".to_string(), "blue".to_string()),
                ("".to_string(), "x".to_string()),
            ]
        );
        assert_eq!(parse_cookie(""), vec![]);
        assert_eq!(unquote_cookie("\"a\\\"b\\073\""), "a\"b;");
    }

    // Expected values are Django 5.2's django.http.request.split_domain_port.
    #[test]
    fn hosts_split_as_djangos() {
        let split = |h: &str| {
            let (d, p) = split_domain_port(h);
            (d, p)
        };
        let own = |d: &str, p: &str| (d.to_string(), p.to_string());
        assert_eq!(split("Example.COM.:8000"), own("example.com", "8000"));
        assert_eq!(split("[::1]:80"), own("[::1]", "80"));
        assert_eq!(split("[::1]"), own("[::1]", ""));
        assert_eq!(split("testserver"), own("testserver", ""));
        for bad in ["bad host", "a:b", "[1:2]x", ":80", "x:"] {
            assert_eq!(split(bad), own("", ""), "{bad}");
        }
    }
}
