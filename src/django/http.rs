//! `django.http` and `django.shortcuts` for views: `HttpResponse` and friends, `JsonResponse`,
//! `Http404`, `redirect`; plus Django's error pages and the response model the middleware and
//! the runner work on.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::{to_str, DateTime, NativeObject, PyException, TimeDelta, Value};

use super::cookies::SetCookie;
use super::json::Encoder;
use super::pyargs::{iterate, Signature};

/// Django's page for an error status when no template exists.
fn error_page(title: &str, details: &str) -> String {
    format!(
        "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>{title}</title>\n</head>\n<body>\n  <h1>{title}</h1><p>{details}</p>\n</body>\n</html>\n"
    )
}

/// The body of Django's 500 page (`DEBUG = False`).
pub fn server_error_page() -> String {
    error_page("Server Error (500)", "")
}

/// The body of Django's 404 page.
pub fn not_found_page() -> String {
    error_page(
        "Not Found",
        "The requested resource was not found on this server.",
    )
}

/// The body of Django's 403 page.
pub fn forbidden_page() -> String {
    error_page("403 Forbidden", "")
}

/// The body of Django's 400 page.
pub fn bad_request_page() -> String {
    error_page("Bad Request (400)", "")
}

/// An HTTP response as Django builds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The class name: `HttpResponse`, `JsonResponse`, `HttpResponseRedirect`, …
    pub class: String,
    pub status: u16,
    pub content: Vec<u8>,
    /// Headers other than cookies, in the order set (names as given).
    pub headers: Vec<(String, String)>,
    /// `response.cookies`: one per name, the last set wins.
    pub cookies: Vec<SetCookie>,
}

impl Response {
    /// An HTML response.
    pub fn html(class: &str, status: u16, body: &str) -> Self {
        Response {
            class: class.into(),
            status,
            content: body.as_bytes().to_vec(),
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            cookies: Vec::new(),
        }
    }

    /// Django's 500 page.
    pub fn server_error() -> Self {
        Response::html("HttpResponseServerError", 500, &server_error_page())
    }

    /// Django's 404 page.
    pub fn not_found() -> Self {
        Response::html("HttpResponseNotFound", 404, &not_found_page())
    }

    /// Django's 403 page.
    pub fn forbidden() -> Self {
        Response::html("HttpResponseForbidden", 403, &forbidden_page())
    }

    /// Django's 400 page.
    pub fn bad_request() -> Self {
        Response::html("HttpResponseBadRequest", 400, &bad_request_page())
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.content).into_owned()
    }

    /// A header's value (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets a header, replacing one of the same name.
    pub fn set_header(&mut self, name: &str, value: &str) {
        match self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(h) => h.1 = value.into(),
            None => self.headers.push((name.into(), value.into())),
        }
    }

    /// `response.set_cookie` / `delete_cookie`: replaces a cookie of the same name.
    pub fn put_cookie(&mut self, cookie: SetCookie) {
        match self.cookies.iter_mut().find(|c| c.name == cookie.name) {
            Some(c) => *c = cookie,
            None => self.cookies.push(cookie),
        }
    }

    /// The cookie the response sets under `name`.
    pub fn cookie(&self, name: &str) -> Option<&SetCookie> {
        self.cookies.iter().find(|c| c.name == name)
    }

    /// `patch_vary_headers(response, ("Cookie",))`.
    pub fn add_vary_cookie(&mut self) {
        let existing: Vec<String> = self
            .header("Vary")
            .map(|v| {
                v.split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if existing.iter().any(|t| t == "*") {
            self.set_header("Vary", "*");
            return;
        }
        let mut tokens = existing;
        if !tokens.iter().any(|t| t.eq_ignore_ascii_case("cookie")) {
            tokens.push("Cookie".into());
        }
        self.set_header("Vary", &tokens.join(", "));
    }

    /// Whether `Vary` names `Cookie`.
    pub fn varies_on_cookie(&self) -> bool {
        self.header("Vary").is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().eq_ignore_ascii_case("cookie"))
        })
    }

    fn content_type(&self) -> String {
        self.header("Content-Type").unwrap_or("").to_string()
    }
}

/// A response object as views see it.
pub struct HttpResponseObject {
    pub response: RefCell<Response>,
}

impl HttpResponseObject {
    /// Wraps a response for Python.
    pub fn new(response: Response) -> Rc<Self> {
        Rc::new(HttpResponseObject {
            response: RefCell::new(response),
        })
    }

    /// The response object a value is, if it is one.
    pub fn object(value: &Value) -> Option<&HttpResponseObject> {
        match value {
            Value::Native(obj) => obj.as_any().downcast_ref::<HttpResponseObject>(),
            _ => None,
        }
    }

    /// The response inside a value returned by a view, if it is one.
    pub fn from_value(value: &Value) -> Option<Response> {
        match value {
            Value::Native(obj) => obj
                .as_any()
                .downcast_ref::<HttpResponseObject>()
                .map(|r| r.response.borrow().clone()),
            _ => None,
        }
    }
}

fn attribute_error(type_name: &str, name: &str) -> PyException {
    PyException::new(
        "AttributeError",
        format!("'{type_name}' object has no attribute '{name}'"),
    )
}

impl NativeObject for HttpResponseObject {
    fn type_name(&self) -> &str {
        // The class name lives in the RefCell; the common names are static.
        match self.response.borrow().class.as_str() {
            "HttpResponse" => "HttpResponse",
            "JsonResponse" => "JsonResponse",
            "HttpResponseRedirect" => "HttpResponseRedirect",
            "HttpResponsePermanentRedirect" => "HttpResponsePermanentRedirect",
            "HttpResponseNotFound" => "HttpResponseNotFound",
            "HttpResponseBadRequest" => "HttpResponseBadRequest",
            "HttpResponseForbidden" => "HttpResponseForbidden",
            "HttpResponseServerError" => "HttpResponseServerError",
            "HttpResponseNotAllowed" => "HttpResponseNotAllowed",
            _ => "HttpResponse",
        }
    }

    fn qualified_name(&self) -> String {
        let class = self.type_name();
        if class == "JsonResponse" {
            "django.http.response.JsonResponse".into()
        } else {
            format!("django.http.response.{class}")
        }
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "set_cookie" | "delete_cookie" | "has_header" | "get" | "setdefault" | "write"
        )
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        let r = self.response.borrow();
        match name {
            "status_code" => Ok(Value::int(i64::from(r.status))),
            "content" => Ok(Value::bytes(&r.content)),
            "charset" => Ok(Value::str("utf-8")),
            "reason_phrase" => Ok(Value::str(reason_phrase(r.status))),
            "url" if r.header("Location").is_some() => {
                Ok(Value::str(r.header("Location").unwrap_or_default()))
            }
            _ => Err(attribute_error(self.type_name(), name)),
        }
    }

    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        match name {
            "status_code" => {
                let status = value
                    .as_i64()
                    .filter(|s| (100..=599).contains(s))
                    .ok_or_else(|| {
                        PyException::new(
                            "ValueError",
                            "HTTP status code must be an integer from 100 to 599.",
                        )
                    })?;
                self.response.borrow_mut().status = status as u16;
                Ok(())
            }
            "content" => {
                let content = content_bytes(&value)?;
                self.response.borrow_mut().content = content;
                Ok(())
            }
            _ => Err(attribute_error(self.type_name(), name)),
        }
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        let sig = |q: &'static str, names: &'static [&'static str], required: usize| Signature {
            qualname: q,
            names,
            required,
            method: true,
            var_kwargs: false,
        };
        match name {
            "has_header" => {
                let a = sig("HttpResponseBase.has_header", &["header"], 1).bind(args, kwargs)?;
                let h = to_str(&a.req(0));
                Ok(Value::Bool(self.response.borrow().header(&h).is_some()))
            }
            "get" => {
                let a =
                    sig("HttpResponseBase.get", &["header", "alternate"], 1).bind(args, kwargs)?;
                let h = to_str(&a.req(0));
                Ok(self
                    .response
                    .borrow()
                    .header(&h)
                    .map_or(a.get_or(1, Value::None), Value::str))
            }
            "setdefault" => {
                let a =
                    sig("HttpResponseBase.setdefault", &["key", "value"], 2).bind(args, kwargs)?;
                let (k, v) = (to_str(&a.req(0)), to_str(&a.req(1)));
                let mut r = self.response.borrow_mut();
                if r.header(&k).is_none() {
                    r.set_header(&k, &v);
                }
                Ok(Value::None)
            }
            "write" => {
                let a = sig("HttpResponse.write", &["content"], 1).bind(args, kwargs)?;
                let more = content_bytes(&a.req(0))?;
                self.response.borrow_mut().content.extend(more);
                Ok(Value::None)
            }
            "set_cookie" => {
                let a = sig(
                    "HttpResponseBase.set_cookie",
                    &[
                        "key", "value", "max_age", "expires", "path", "domain", "secure",
                        "httponly", "samesite",
                    ],
                    1,
                )
                .bind(args, kwargs)?;
                let mut max_age = match a.get(2) {
                    None | Some(Value::None) => None,
                    // A timedelta counts its total seconds.
                    Some(Value::TimeDelta(t)) => Some(t.total_seconds().trunc() as i64),
                    Some(v) => Some(v.as_i64().ok_or_else(|| {
                        PyException::new("TypeError", "max_age must be an integer")
                    })?),
                };
                let now = CURRENT_TIME.with(|t| *t.borrow());
                let expires = match a.get(3) {
                    None | Some(Value::None) => None,
                    Some(v) if !v.is_truthy() => None,
                    // A datetime (naive ones taken as UTC) becomes a max_age counted from
                    // now, plus the second Django adds.
                    Some(Value::DateTime(d)) => {
                        if max_age.is_some() {
                            return Err(PyException::new(
                                "ValueError",
                                "'expires' and 'max_age' can't be used together.",
                            ));
                        }
                        let delta = d.unix_micros() - i128::from(now) * 1_000_000 + 1_000_000;
                        max_age = Some(delta.div_euclid(1_000_000).max(0) as i64);
                        None
                    }
                    Some(v) => Some(to_str(&v)),
                };
                let samesite = match a.get(8) {
                    None | Some(Value::None) => None,
                    Some(v) if !v.is_truthy() => None,
                    Some(v) => {
                        let s = to_str(&v);
                        if !matches!(s.to_ascii_lowercase().as_str(), "lax" | "none" | "strict") {
                            return Err(PyException::new(
                                "ValueError",
                                "samesite must be \"lax\", \"none\", or \"strict\".",
                            ));
                        }
                        Some(s)
                    }
                };
                check_cookie_name(&to_str(&a.req(0)))?;
                // As Django: `http_date(time.time() + max_age)`, which raises out of range.
                let expires = match (expires, max_age) {
                    (Some(e), _) => Some(e),
                    (None, Some(m)) => Some(
                        super::clock::http_date_of(now as f64 + m as f64)
                            .map_err(|e| PyException::new(e.kind, e.message))?,
                    ),
                    (None, None) => None,
                };
                let cookie = SetCookie {
                    name: to_str(&a.req(0)),
                    value: a.get(1).map(|v| to_str(&v)).unwrap_or_default(),
                    max_age,
                    expires,
                    httponly: a.get(7).is_some_and(|v| v.is_truthy()),
                    secure: a.get(6).is_some_and(|v| v.is_truthy()),
                    samesite,
                    path: a.get(4).map_or("/".to_string(), |v| to_str(&v)),
                    domain: a.get(5).filter(|v| !v.is_none()).map(|v| to_str(&v)),
                    deleted: max_age == Some(0),
                };
                self.response.borrow_mut().put_cookie(cookie);
                Ok(Value::None)
            }
            "delete_cookie" => {
                let a = sig(
                    "HttpResponseBase.delete_cookie",
                    &["key", "path", "domain", "samesite"],
                    1,
                )
                .bind(args, kwargs)?;
                let samesite = a.get(3).filter(Value::is_truthy).map(|v| to_str(&v));
                let cookie = SetCookie::delete(
                    &to_str(&a.req(0)),
                    &a.get(1).map_or("/".to_string(), |v| to_str(&v)),
                    samesite.as_deref(),
                );
                self.response.borrow_mut().put_cookie(cookie);
                Ok(Value::None)
            }
            _ => Err(attribute_error(self.type_name(), name)),
        }
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        let h = to_str(key);
        self.response
            .borrow()
            .header(&h)
            .map(Value::str)
            .ok_or_else(|| PyException::with_args("KeyError", vec![Value::str(&h.to_lowercase())]))
    }

    fn set_item(&self, key: Value, value: Value) -> Result<(), PyException> {
        self.response
            .borrow_mut()
            .set_header(&to_str(&key), &to_str(&value));
        Ok(())
    }

    fn del_item(&self, key: &Value) -> Result<(), PyException> {
        let h = to_str(key);
        self.response
            .borrow_mut()
            .headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(&h));
        Ok(())
    }

    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        Ok(self.response.borrow().header(&to_str(item)).is_some())
    }

    fn repr(&self) -> String {
        let r = self.response.borrow();
        let allowed = if r.class == "HttpResponseNotAllowed" {
            format!(" [{}]", r.header("Allow").unwrap_or(""))
        } else {
            String::new()
        };
        let mut out = format!(
            "<{}{} status_code={}, \"{}\"",
            self.type_name(),
            allowed,
            r.status,
            r.content_type()
        );
        if let Some(url) = r.header("Location") {
            if r.class.contains("Redirect") {
                out.push_str(&format!(", url=\"{url}\""));
            }
        }
        out.push('>');
        out
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `SimpleCookie.__setitem__`'s checks: a Morsel attribute is not a cookie name, and
/// names use the legal characters only.
fn check_cookie_name(name: &str) -> Result<(), PyException> {
    const RESERVED: [&str; 9] = [
        "expires", "path", "comment", "domain", "max-age", "secure", "httponly", "version",
        "samesite",
    ];
    if RESERVED.contains(&name.to_lowercase().as_str()) {
        return Err(PyException::new(
            "CookieError",
            format!(
                "Attempt to set a reserved key {}",
                crate::python::repr(&Value::str(name))
            ),
        ));
    }
    let legal = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || "!#$%&'*+-.^`|~:".contains(c));
    if !legal {
        return Err(PyException::new(
            "CookieError",
            format!("Illegal key {}", crate::python::repr(&Value::str(name))),
        ));
    }
    Ok(())
}

thread_local! {
    /// The virtual clock as seen by `response.set_cookie(max_age=…)` in views.
    static CURRENT_TIME: RefCell<i64> = const { RefCell::new(super::clock::START) };
}

/// Tells views' responses what time it is (for `expires` of `set_cookie(max_age=…)`).
pub fn set_current_time(now: i64) {
    CURRENT_TIME.with(|t| *t.borrow_mut() = now);
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "Unknown Status Code",
    }
}

/// `make_bytes`: bytes as they are, text as UTF-8, anything else as `str(value)`.
fn make_bytes(value: &Value) -> Vec<u8> {
    match value {
        Value::Bytes(b) => b.to_vec(),
        other => to_str(other).into_bytes(),
    }
}

/// The `content` setter: an iterable (not text) is joined chunk by chunk.
fn content_bytes(value: &Value) -> Result<Vec<u8>, PyException> {
    match value {
        Value::Str(_) | Value::Bytes(_) => Ok(make_bytes(value)),
        Value::List(_)
        | Value::Tuple(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::Range(_)
        | Value::DictView(..)
        | Value::Iterator(_) => {
            let mut out = Vec::new();
            for chunk in iterate(value)? {
                out.extend(make_bytes(&chunk));
            }
            Ok(out)
        }
        other => Ok(make_bytes(other)),
    }
}

fn status_arg(value: Option<Value>, default: u16) -> Result<u16, PyException> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(default);
    };
    let n = match &value {
        Value::Int(_) | Value::Bool(_) => value.as_i64(),
        Value::Float(f) => Some(f.trunc() as i64),
        Value::Str(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
    .ok_or_else(|| PyException::new("TypeError", "HTTP status code must be an integer."))?;
    if !(100..=599).contains(&n) {
        return Err(PyException::new(
            "ValueError",
            "HTTP status code must be an integer from 100 to 599.",
        ));
    }
    Ok(n as u16)
}

/// Builds a response class's constructor: `Class(content=b"", content_type=None,
/// status=None, reason=None, charset=None, headers=None)`.
pub fn response_class(class: &'static str, default_status: u16) -> Value {
    Value::native_function(class, move |args, kwargs| {
        let a = Signature {
            qualname: "HttpResponse.__init__",
            names: &[
                "content",
                "content_type",
                "status",
                "reason",
                "charset",
                "headers",
            ],
            required: 0,
            method: true,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let status = status_arg(a.get(2), default_status)?;
        let content = match a.get(0) {
            Some(v) => content_bytes(&v)?,
            None => Vec::new(),
        };
        let mut response = Response::html(class, status, "");
        response.content = content;
        if let Some(ct) = a.get(1).filter(|v| !v.is_none()) {
            response.set_header("Content-Type", &to_str(&ct));
        }
        if let Some(Value::Dict(h)) = a.get(5) {
            for (k, v) in h.borrow().iter() {
                response.set_header(&to_str(k), &to_str(v));
            }
        }
        Ok(Value::Native(HttpResponseObject::new(response)))
    })
}

/// `HttpResponseNotAllowed(permitted_methods, content=b"", …)`: 405 with `Allow`.
fn not_allowed_class() -> Value {
    Value::native_function("HttpResponseNotAllowed", |args, kwargs| {
        let a = Signature {
            qualname: "HttpResponseNotAllowed.__init__",
            names: &[
                "permitted_methods",
                "content",
                "content_type",
                "status",
                "reason",
                "charset",
                "headers",
            ],
            required: 1,
            method: true,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let methods: Vec<String> = iterate(&a.req(0))?.iter().map(to_str).collect();
        let mut response = Response::html("HttpResponseNotAllowed", 405, "");
        if let Some(c) = a.get(1) {
            response.content = content_bytes(&c)?;
        }
        if let Some(ct) = a.get(2).filter(|v| !v.is_none()) {
            response.set_header("Content-Type", &to_str(&ct));
        }
        response.status = status_arg(a.get(3), 405)?;
        response.set_header("Allow", &methods.join(", "));
        Ok(Value::Native(HttpResponseObject::new(response)))
    })
}

/// Django's 405 response as `require_http_methods` sends it.
pub fn not_allowed(methods: &[&str]) -> Response {
    let mut response = Response::html("HttpResponseNotAllowed", 405, "");
    response.set_header("Allow", &methods.join(", "));
    response
}

pub fn redirect_response(to: &str, permanent: bool) -> Value {
    let (class, status) = if permanent {
        ("HttpResponsePermanentRedirect", 301)
    } else {
        ("HttpResponseRedirect", 302)
    };
    let mut response = Response::html(class, status, "");
    response.set_header("Location", to);
    Value::Native(HttpResponseObject::new(response))
}

fn redirect_class(permanent: bool) -> Value {
    let name = if permanent {
        "HttpResponsePermanentRedirect"
    } else {
        "HttpResponseRedirect"
    };
    Value::native_function(name, move |args, kwargs| {
        let a = Signature {
            qualname: "HttpResponseRedirectBase.__init__",
            names: &["redirect_to"],
            required: 1,
            method: true,
            var_kwargs: true,
        }
        .bind(args, kwargs)?;
        Ok(redirect_response(&to_str(&a.req(0)), permanent))
    })
}

/// DjangoJSONEncoder's `default`: datetimes, dates, times, timedeltas, Decimals and UUIDs as strings.
pub(crate) fn django_json_default(value: &Value) -> Result<Option<Value>, PyException> {
    Ok(match value {
        Value::DateTime(d) => Some(Value::str(&django_datetime(d))),
        Value::Date(d) => Some(Value::str(&d.isoformat())),
        Value::Time(t) => {
            if t.tz.is_some() {
                return Err(PyException::value_error(
                    "JSON can't represent timezone-aware times.",
                ));
            }
            let r = t.isoformat();
            // Milliseconds only: `HH:MM:SS.mmm`.
            Some(Value::str(if t.microsecond != 0 { &r[..12] } else { &r }))
        }
        Value::TimeDelta(t) => Some(Value::str(&duration_iso_string(t))),
        Value::Decimal(d) => Some(Value::str(&d.to_str())),
        // uuid.UUID: str(o), the hyphenated hex form.
        other => crate::python::stdlib::uuid::uuid_str(other).map(|s| Value::str(&s)),
    })
}

fn django_datetime(d: &DateTime) -> String {
    let mut r = d.isoformat();
    if d.microsecond != 0 {
        // Keep milliseconds only: cut the last three digits of the fraction.
        r = format!("{}{}", &r[..23], &r[26..]);
    }
    if let Some(stripped) = r.strip_suffix("+00:00") {
        r = format!("{stripped}Z");
    }
    r
}

fn duration_iso_string(t: &TimeDelta) -> String {
    let (sign, t) = if t.total_micros() < 0 {
        ("-", t.neg().unwrap_or(*t))
    } else {
        ("", *t)
    };
    let minutes = t.seconds / 60;
    let seconds = t.seconds % 60;
    let hours = minutes / 60;
    let minutes = minutes % 60;
    let ms = if t.microseconds != 0 {
        format!(".{:06}", t.microseconds)
    } else {
        String::new()
    };
    format!(
        "{sign}P{}DT{hours:02}H{minutes:02}M{seconds:02}{ms}S",
        t.days
    )
}

fn json_response() -> Value {
    Value::native_function("JsonResponse", |args, kwargs| {
        let a = Signature {
            qualname: "JsonResponse.__init__",
            names: &["data", "encoder", "safe", "json_dumps_params"],
            required: 1,
            method: true,
            var_kwargs: true,
        }
        .bind(args, kwargs)?;
        let data = a.req(0);
        let safe = a.get(2).is_none_or(|v| v.is_truthy());
        if safe && !matches!(data, Value::Dict(_)) {
            return Err(PyException::new(
                "TypeError",
                "In order to allow non-dict objects to be serialized set the safe parameter to False.",
            ));
        }
        let mut encoder = Encoder {
            item_separator: ", ",
            key_separator: ": ",
            default: Some(&django_json_default),
            ensure_ascii: true,
            sort_keys: false,
            indent: None,
        };
        let separators;
        let mut separators_given = false;
        if let Some(params) = a.get(3).filter(|v| !v.is_none()) {
            let Value::Dict(params) = &params else {
                return Err(PyException::new(
                    "TypeError",
                    format!(
                        "django.core.serializers.json.DjangoJSONEncoder() argument after ** must be a mapping, not {}",
                        params.type_name()
                    ),
                ));
            };
            let pairs = params.borrow().items();
            let mut seps: Option<(String, String)> = None;
            for (k, v) in pairs {
                match to_str(&k).as_str() {
                    "sort_keys" => encoder.sort_keys = v.is_truthy(),
                    "ensure_ascii" => encoder.ensure_ascii = v.is_truthy(),
                    "indent" => {
                        encoder.indent = match &v {
                            Value::None => None,
                            Value::Str(s) => Some(s.to_string()),
                            other => Some(" ".repeat(other.as_i64().unwrap_or(0).max(0) as usize)),
                        }
                    }
                    "separators" => {
                        let items = iterate(&v)?;
                        if items.len() != 2 {
                            return Err(PyException::new(
                                "ValueError",
                                format!(
                                    "not enough values to unpack (expected 2, got {})",
                                    items.len()
                                ),
                            ));
                        }
                        seps = Some((to_str(&items[0]), to_str(&items[1])));
                    }
                    other => {
                        return Err(PyException::new(
                            "TypeError",
                            format!(
                            "JSONEncoder.__init__() got an unexpected keyword argument '{other}'"
                        ),
                        ))
                    }
                }
            }
            if let Some(sp) = seps {
                separators_given = true;
                separators = sp;
                encoder.item_separator = &separators.0;
                encoder.key_separator = &separators.1;
            }
        }
        if encoder.indent.is_some() && !separators_given {
            encoder.item_separator = ",";
        }
        if let Some(enc) = a
            .get(1)
            .filter(|v| !v.is_none() && !super::json::is_django_encoder(v))
        {
            return Err(super::unsupported(format!(
                "JsonResponse(encoder={}): only Django's own encoder",
                crate::python::repr(&enc)
            )));
        }
        let body = encoder.encode(&data)?;
        let status = status_arg(
            a.extra
                .iter()
                .find(|(k, _)| &**k == "status")
                .map(|(_, v)| v.clone()),
            200,
        )?;
        let mut response = Response::html("JsonResponse", status, &body);
        response.set_header("Content-Type", "application/json");
        Ok(Value::Native(HttpResponseObject::new(response)))
    })
}

/// `redirect(to, *args, permanent=False)`: a URL (containing `/` or `.`) is used as it is;
/// anything else must be a URL name, and the simulated project names none, except the view
/// being requested, which the catch-all URL pattern reverses to `/`.
fn redirect_shortcut(current_view: Rc<RefCell<String>>) -> Value {
    Value::native_function("redirect", move |args, kwargs| {
        let a = Signature {
            qualname: "redirect",
            names: &["to"],
            required: 1,
            method: false,
            var_kwargs: true,
        };
        let mut args = args;
        // Extra positional arguments go to reverse(); they do not matter here.
        args.truncate(1);
        let a = a.bind(args, kwargs)?;
        let permanent = a
            .extra
            .iter()
            .find(|(k, _)| &**k == "permanent")
            .is_some_and(|(_, v)| v.is_truthy());
        let to = a.req(0);
        let url = match &to {
            Value::Str(s) if s.starts_with("./") || s.starts_with("../") => s.to_string(),
            Value::Str(s) if s.contains('/') || s.contains('.') => s.to_string(),
            Value::Str(s) => return Err(no_reverse_match(s)),
            Value::Function(f) => {
                if *f.name == *current_view.borrow() {
                    "/".to_string()
                } else {
                    return Err(no_reverse_match(&format!("views.{}", f.name)));
                }
            }
            other => to_str(other),
        };
        Ok(redirect_response(&url, permanent))
    })
}

fn no_reverse_match(name: &str) -> PyException {
    PyException::new(
        "NoReverseMatch",
        format!("Reverse for '{name}' not found. '{name}' is not a valid view function or pattern name."),
    )
}

/// The exception classes views can meet, with their parents.
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("Http404", "Exception"),
    ("Resolver404", "Http404"),
    ("PermissionDenied", "Exception"),
    ("SuspiciousOperation", "Exception"),
    ("BadRequest", "Exception"),
    ("NoReverseMatch", "Exception"),
    ("MultiValueDictKeyError", "KeyError"),
    ("UpdateError", "Exception"),
    ("CreateError", "Exception"),
    ("SessionInterrupted", "BadRequest"),
    ("JSONDecodeError", "ValueError"),
    ("CookieError", "Exception"),
    ("TemplateDoesNotExist", "Exception"),
    ("TemplateSyntaxError", "Exception"),
    ("SynchronousOnlyOperation", "Exception"),
];

/// The modules views import from, with their members. `current_view` names the view being
/// requested (for `redirect` to a view function).
pub fn modules(
    current_view: Rc<RefCell<String>>,
) -> Vec<(&'static str, Vec<(&'static str, Value)>)> {
    let http = vec![
        ("HttpResponse", response_class("HttpResponse", 200)),
        (
            "HttpResponseNotFound",
            response_class("HttpResponseNotFound", 404),
        ),
        (
            "HttpResponseBadRequest",
            response_class("HttpResponseBadRequest", 400),
        ),
        (
            "HttpResponseForbidden",
            response_class("HttpResponseForbidden", 403),
        ),
        (
            "HttpResponseServerError",
            response_class("HttpResponseServerError", 500),
        ),
        ("HttpResponseNotAllowed", not_allowed_class()),
        ("HttpResponseRedirect", redirect_class(false)),
        ("HttpResponsePermanentRedirect", redirect_class(true)),
        ("JsonResponse", json_response()),
        ("QueryDict", super::request::querydict_class()),
        // The request's base class, which views name in annotations and `isinstance`.
        (
            "HttpRequest",
            Value::Type(crate::python::PyType::Other {
                name: Rc::from("HttpRequest"),
                qualified: Rc::from("django.http.request.HttpRequest"),
                native: None,
            }),
        ),
        ("Http404", Value::exception_class("Http404")),
    ];
    let shortcuts = vec![("redirect", redirect_shortcut(current_view))];
    let exceptions = vec![
        (
            "PermissionDenied",
            Value::exception_class("PermissionDenied"),
        ),
        (
            "SuspiciousOperation",
            Value::exception_class("SuspiciousOperation"),
        ),
        ("BadRequest", Value::exception_class("BadRequest")),
        (
            "SynchronousOnlyOperation",
            Value::exception_class("SynchronousOnlyOperation"),
        ),
    ];
    vec![
        ("django.http", http),
        ("django.shortcuts", shortcuts),
        ("django.core.exceptions", exceptions),
        (
            "django.core.serializers.json",
            vec![("DjangoJSONEncoder", super::json::django_encoder_class())],
        ),
    ]
}

/// How Django turns an exception that escaped a view into a response: 404/403/400 pages for
/// `Http404`, `PermissionDenied` and bad requests (not reported as errors), the 500 page for
/// anything else.
pub fn response_for_exception(
    kind: &str,
    is_subclass: impl Fn(&str, &str) -> bool,
) -> (Response, bool) {
    if is_subclass(kind, "Http404") {
        (Response::not_found(), false)
    } else if is_subclass(kind, "PermissionDenied") {
        (Response::forbidden(), false)
    } else if is_subclass(kind, "BadRequest") || is_subclass(kind, "SuspiciousOperation") {
        (Response::bad_request(), false)
    } else {
        (Response::server_error(), true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::{repr, Decimal, Dict};

    fn call(f: &Value, args: Vec<Value>, kwargs: Vec<(&str, Value)>) -> Result<Value, PyException> {
        let Value::NativeFunction(f) = f else {
            panic!("not a native function")
        };
        (f.func)(
            args,
            kwargs.into_iter().map(|(k, v)| (Rc::from(k), v)).collect(),
        )
    }

    fn response(v: &Value) -> Response {
        HttpResponseObject::from_value(v).unwrap()
    }

    fn member(module: &str, name: &str) -> Value {
        modules(Rc::new(RefCell::new("home".into())))
            .into_iter()
            .find(|(m, _)| *m == module)
            .unwrap()
            .1
            .into_iter()
            .find(|(n, _)| *n == name)
            .unwrap()
            .1
    }

    // Expected values are what Django 5.2 gives.
    #[test]
    fn http_response_content_and_status() {
        let hr = member("django.http", "HttpResponse");
        let r = call(&hr, vec![Value::str("hi")], vec![]).unwrap();
        assert_eq!(
            repr(&r),
            "<HttpResponse status_code=200, \"text/html; charset=utf-8\">"
        );
        assert_eq!(response(&r).body_text(), "hi");
        for (arg, body) in [
            (Value::int(5), "5"),
            (Value::None, "None"),
            (
                Value::list(vec![Value::str("a"), Value::int(1), Value::bytes(b"c")]),
                "a1c",
            ),
        ] {
            assert_eq!(
                response(&call(&hr, vec![arg], vec![]).unwrap()).body_text(),
                body
            );
        }
        assert_eq!(
            call(
                &hr,
                vec![Value::str("x")],
                vec![("status", Value::str("abc"))]
            )
            .unwrap_err()
            .display(),
            "TypeError: HTTP status code must be an integer."
        );
        assert_eq!(
            call(
                &hr,
                vec![Value::str("x")],
                vec![("status", Value::int(700))]
            )
            .unwrap_err()
            .display(),
            "ValueError: HTTP status code must be an integer from 100 to 599."
        );
        let r = call(
            &hr,
            vec![Value::str("x")],
            vec![
                ("content_type", Value::str("text/plain")),
                ("status", Value::int(404)),
            ],
        )
        .unwrap();
        assert_eq!(repr(&r), "<HttpResponse status_code=404, \"text/plain\">");
    }

    #[test]
    fn json_response_uses_djangos_encoder() {
        let jr = member("django.http", "JsonResponse");
        assert_eq!(
            call(&jr, vec![Value::list(vec![])], vec![]).unwrap_err().display(),
            "TypeError: In order to allow non-dict objects to be serialized set the safe parameter to False."
        );
        let mut d = Dict::new();
        d.insert(
            Value::str("a"),
            Value::tuple(vec![Value::int(1), Value::int(2)]),
        )
        .unwrap();
        d.insert(Value::str("é"), Value::float(1.0)).unwrap();
        d.insert(
            Value::str("d"),
            Value::DateTime(DateTime::new(2026, 1, 1, 0, 0, 0, 0, true).unwrap()),
        )
        .unwrap();
        d.insert(
            Value::str("e"),
            Value::DateTime(DateTime::new(2026, 1, 1, 1, 2, 3, 456_789, false).unwrap()),
        )
        .unwrap();
        d.insert(
            Value::str("t"),
            Value::TimeDelta(TimeDelta::new(-1, 5, 0).unwrap()),
        )
        .unwrap();
        d.insert(
            Value::str("x"),
            Value::decimal(Decimal::parse("1.50").unwrap()),
        )
        .unwrap();
        let r = call(&jr, vec![Value::dict(d)], vec![]).unwrap();
        assert_eq!(
            response(&r).body_text(),
            r#"{"a": [1, 2], "\u00e9": 1.0, "d": "2026-01-01T00:00:00Z", "e": "2026-01-01T01:02:03.456", "t": "-P0DT23H59M55S", "x": "1.50"}"#
        );
        assert_eq!(
            repr(&r),
            "<JsonResponse status_code=200, \"application/json\">"
        );
    }

    #[test]
    fn redirects() {
        let redirect = member("django.shortcuts", "redirect");
        let r = call(&redirect, vec![Value::str("/x/")], vec![]).unwrap();
        assert_eq!(
            repr(&r),
            "<HttpResponseRedirect status_code=302, \"text/html; charset=utf-8\", url=\"/x/\">"
        );
        assert_eq!(response(&r).header("Location"), Some("/x/"));
        assert_eq!(
            call(&redirect, vec![Value::str("home")], vec![]).unwrap_err().display(),
            "NoReverseMatch: Reverse for 'home' not found. 'home' is not a valid view function or pattern name."
        );
        let r = call(
            &redirect,
            vec![Value::str("x.html")],
            vec![("permanent", Value::Bool(true))],
        )
        .unwrap();
        assert_eq!(response(&r).status, 301);
    }

    #[test]
    fn error_pages_and_vary() {
        assert_eq!(
            server_error_page(),
            "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n"
        );
        assert!(not_found_page().contains(
            "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>"
        ));
        let mut r = Response::html("HttpResponse", 200, "");
        assert!(!r.varies_on_cookie());
        r.set_header("Vary", "Accept-Language");
        r.add_vary_cookie();
        assert_eq!(r.header("Vary"), Some("Accept-Language, Cookie"));
        r.add_vary_cookie();
        assert_eq!(r.header("Vary"), Some("Accept-Language, Cookie"));
        assert!(r.varies_on_cookie());
    }
}
