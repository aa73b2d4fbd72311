//! View decorators: `django.views.decorators.http` (`require_http_methods`, `require_GET`,
//! `require_POST`, `require_safe`), `django.views.decorators.cache.never_cache` and
//! `django.views.decorators.csrf` (`csrf_exempt`, `csrf_protect`, `requires_csrf_token`,
//! `ensure_csrf_cookie`).
//!
//! A decorator called on a view function returns a [`DecoratedView`]: the view and what the
//! decorator adds. The runner unwraps it when a request reaches it, outermost decorator first:
//! a method check may answer 405 without running the view; `never_cache` patches the
//! response the view returned.

use std::any::Any;
use std::rc::Rc;

use crate::python::{NativeObject, PyException, Value};

use super::clock::http_date;
use super::http::Response;
use super::pyargs::{iterate, Signature};

/// What one decorator does around a view.
#[derive(Clone, Debug, PartialEq)]
pub enum Wrap {
    /// `require_http_methods([...])`: other methods get a 405.
    Methods(Vec<String>),
    /// `never_cache`: `Expires` and `Cache-Control: max-age=0, no-cache, …` on the response.
    NeverCache,
    /// `csrf_exempt`: marks the view (it matters only with `CsrfViewMiddleware`).
    CsrfExempt,
    /// `csrf_protect`, `requires_csrf_token`, `ensure_csrf_cookie`: the middleware's
    /// `process_request`, `process_view` and `process_response` around this view.
    Csrf(super::csrf::Checker),
}

/// A view function with a decorator around it (which may itself be decorated).
pub struct DecoratedView {
    pub inner: Value,
    pub wrap: Wrap,
    /// The view function's `__name__` (kept by `functools.wraps`).
    pub name: String,
}

impl DecoratedView {
    /// The decorators from the outside in, and the function inside (`login_required`
    /// layers are passed through; the runner applies them).
    pub fn unwrap(value: &Value) -> (Vec<Wrap>, Value) {
        let mut wraps = Vec::new();
        let mut current = value.clone();
        loop {
            if let Some(l) = super::auth::decorators::as_login_required(&current) {
                current = l.inner.clone();
                continue;
            }
            let next = match &current {
                Value::Native(obj) => obj
                    .as_any()
                    .downcast_ref::<DecoratedView>()
                    .map(|d| (d.wrap.clone(), d.inner.clone())),
                _ => None,
            };
            match next {
                Some((w, inner)) => {
                    wraps.push(w);
                    current = inner;
                }
                None => return (wraps, current),
            }
        }
    }

    /// Whether a value is a view: a function, or a decorated one.
    pub fn is_view(value: &Value) -> bool {
        matches!(DecoratedView::unwrap(value).1, Value::Function(_))
    }
}

impl NativeObject for DecoratedView {
    fn type_name(&self) -> &str {
        "function"
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "__name__" | "__qualname__" => Ok(Value::str(&self.name)),
            "__module__" => Ok(Value::str("views")),
            "__wrapped__" => Ok(self.inner.clone()),
            // functools.wraps copies the wrapped function's __dict__, so the mark of an
            // inner csrf_exempt shows on every wrapper around it.
            "csrf_exempt"
                if self.wrap == Wrap::CsrfExempt
                    || DecoratedView::unwrap(&self.inner)
                        .0
                        .contains(&Wrap::CsrfExempt) =>
            {
                Ok(Value::Bool(true))
            }
            _ => Err(PyException::attribute_error("function", name)),
        }
    }

    fn repr(&self) -> String {
        format!("<function {} at 0x7f0000000000>", self.name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn view_name(value: &Value) -> Result<String, PyException> {
    match DecoratedView::unwrap(value).1 {
        Value::Function(f) => Ok(f.name.to_string()),
        other => Err(super::unsupported(format!(
            "decorating {} (the simulator decorates view functions only)",
            other.type_name()
        ))),
    }
}

fn decorator(name: &'static str, wrap: Wrap) -> Value {
    Value::native_function(name, move |args, kwargs| {
        let a = Signature {
            qualname: name,
            names: &["view_func"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let inner = a.req(0);
        let view = view_name(&inner)?;
        Ok(Value::Native(Rc::new(DecoratedView {
            inner,
            wrap: wrap.clone(),
            name: view,
        })))
    })
}

fn methods_decorator(name: &'static str, methods: &[&str]) -> Value {
    decorator(
        name,
        Wrap::Methods(methods.iter().map(|m| m.to_string()).collect()),
    )
}

/// `require_http_methods(request_method_list)`: returns the decorator.
fn require_http_methods() -> Value {
    Value::native_function("require_http_methods", |args, kwargs| {
        let a = Signature {
            qualname: "require_http_methods",
            names: &["request_method_list"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let methods: Vec<String> = iterate(&a.req(0))?
            .iter()
            .map(crate::python::to_str)
            .collect();
        Ok(Value::native_function("decorator", move |args, kwargs| {
            let a = Signature {
                qualname: "require_http_methods.<locals>.decorator",
                names: &["func"],
                required: 1,
                method: false,
                var_kwargs: false,
            }
            .bind(args, kwargs)?;
            let inner = a.req(0);
            let view = view_name(&inner)?;
            Ok(Value::Native(Rc::new(DecoratedView {
                inner,
                wrap: Wrap::Methods(methods.clone()),
                name: view,
            })))
        }))
    })
}

/// The modules the decorators live in.
pub fn modules() -> Vec<(&'static str, Vec<(&'static str, Value)>)> {
    vec![
        (
            "django.views.decorators.http",
            vec![
                ("require_http_methods", require_http_methods()),
                ("require_GET", methods_decorator("require_GET", &["GET"])),
                ("require_POST", methods_decorator("require_POST", &["POST"])),
                (
                    "require_safe",
                    methods_decorator("require_safe", &["GET", "HEAD"]),
                ),
            ],
        ),
        (
            "django.views.decorators.cache",
            vec![("never_cache", decorator("never_cache", Wrap::NeverCache))],
        ),
        (
            "django.views.decorators.csrf",
            vec![
                ("csrf_exempt", decorator("csrf_exempt", Wrap::CsrfExempt)),
                (
                    "csrf_protect",
                    decorator("csrf_protect", Wrap::Csrf(super::csrf::Checker::Protect)),
                ),
                (
                    "requires_csrf_token",
                    decorator(
                        "requires_csrf_token",
                        Wrap::Csrf(super::csrf::Checker::RequiresToken),
                    ),
                ),
                (
                    "ensure_csrf_cookie",
                    decorator(
                        "ensure_csrf_cookie",
                        Wrap::Csrf(super::csrf::Checker::EnsureCookie),
                    ),
                ),
            ],
        ),
    ]
}

/// `patch_cache_control(response, **directives)`: merges directives into `Cache-Control`,
/// in Django's order (existing ones first).
fn patch_cache_control(response: &mut Response, directives: &[(&str, Option<String>)]) {
    // (directive, values): `None` is a bare directive; no-cache may hold several.
    let mut cc: Vec<(String, Vec<Option<String>>)> = Vec::new();
    if let Some(existing) = response.header("Cache-Control").map(str::to_string) {
        for field in existing.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            let (d, v) = match field.split_once('=') {
                Some((d, v)) => (d.to_lowercase(), Some(v.to_string())),
                None => (field.to_lowercase(), None),
            };
            match cc.iter_mut().find(|(n, _)| *n == d) {
                Some(slot) if d == "no-cache" => slot.1.push(v),
                Some(slot) => slot.1 = vec![v],
                None => cc.push((d, vec![v])),
            }
        }
    }
    let has = |cc: &[(String, Vec<Option<String>>)], n: &str| cc.iter().any(|(d, _)| d == n);
    let asks = |n: &str| directives.iter().any(|(d, _)| *d == n);
    if has(&cc, "private") && asks("public") {
        cc.retain(|(d, _)| d != "private");
    } else if has(&cc, "public") && asks("private") {
        cc.retain(|(d, _)| d != "public");
    }
    for (name, value) in directives {
        let mut value = value.clone();
        if *name == "max-age" {
            if let Some((_, old)) = cc.iter().find(|(n, _)| n == "max-age") {
                let old: i64 = old
                    .first()
                    .cloned()
                    .flatten()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(i64::MAX);
                let new: i64 = value.as_deref().and_then(|v| v.parse().ok()).unwrap_or(0);
                value = Some(old.min(new).to_string());
            }
        }
        match cc.iter_mut().find(|(n, _)| n == name) {
            Some(slot) if *name == "no-cache" => slot.1.push(value),
            Some(slot) => slot.1 = vec![value],
            None => cc.push((name.to_string(), vec![value])),
        }
    }
    let mut out = Vec::new();
    for (d, values) in cc {
        if d == "no-cache" && values.iter().any(Option::is_none) {
            out.push(d);
            continue;
        }
        for v in values {
            match v {
                None => out.push(d.clone()),
                Some(v) => out.push(format!("{d}={v}")),
            }
        }
    }
    response.set_header("Cache-Control", &out.join(", "));
}

/// `add_never_cache_headers(response)` at the epoch second `now`.
pub fn add_never_cache_headers(response: &mut Response, now: i64) {
    if response.header("Expires").is_none() {
        response.set_header("Expires", &http_date(now));
    }
    patch_cache_control(response, &[("max-age", Some("0".into()))]);
    patch_cache_control(
        response,
        &[
            ("no-cache", None),
            ("no-store", None),
            ("must-revalidate", None),
            ("private", None),
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_cache_writes_djangos_headers() {
        let mut r = Response::html("HttpResponse", 200, "");
        add_never_cache_headers(&mut r, super::super::clock::START);
        assert_eq!(
            r.header("Cache-Control"),
            Some("max-age=0, no-cache, no-store, must-revalidate, private")
        );
        assert_eq!(r.header("Expires"), Some("Thu, 01 Jan 2026 00:00:00 GMT"));
        let mut r = Response::html("HttpResponse", 200, "");
        r.set_header("Cache-Control", "max-age=60, public");
        add_never_cache_headers(&mut r, super::super::clock::START);
        assert_eq!(
            r.header("Cache-Control"),
            Some("max-age=0, no-cache, no-store, must-revalidate, private")
        );
    }
}
