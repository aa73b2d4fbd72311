//! `django.contrib.auth.decorators.login_required`: `dashboard = login_required(dashboard)`
//! (or `@login_required` where the interpreter has decorators) wraps the view in a
//! [`LoginRequired`] object. The runner asks [`before_view`] what to do before calling the
//! function inside: go on, or answer with the redirect to `LOGIN_URL?next=…`.

use std::any::Any;
use std::rc::Rc;

use crate::python::{NativeObject, PyException, Value};

use super::super::http::{HttpResponseObject, Response};
use super::super::pyargs::{Kwargs, Signature};
use super::super::request::WsgiRequest;

/// A view wrapped by `login_required`.
pub struct LoginRequired {
    /// The wrapped view (a function, or another wrapper).
    pub inner: Value,
    /// `login_url`, or `None` for `settings.LOGIN_URL`.
    pub login_url: Option<String>,
    /// `redirect_field_name` (`"next"`; empty for none).
    pub redirect_field_name: Option<String>,
}

impl NativeObject for LoginRequired {
    fn type_name(&self) -> &str {
        "function"
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "login_url" => Ok(self.login_url.as_deref().map_or(Value::None, Value::str)),
            "redirect_field_name" => Ok(self
                .redirect_field_name
                .as_deref()
                .map_or(Value::None, Value::str)),
            "__wrapped__" => Ok(self.inner.clone()),
            "csrf_exempt"
                if super::super::decorators::DecoratedView::unwrap(&self.inner)
                    .0
                    .contains(&super::super::decorators::Wrap::CsrfExempt) =>
            {
                Ok(Value::Bool(true))
            }
            _ => Err(PyException::new(
                "AttributeError",
                format!("'function' object has no attribute '{name}'"),
            )),
        }
    }

    fn repr(&self) -> String {
        format!("<login_required view {}>", crate::python::repr(&self.inner))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn optional_str(v: Option<Value>) -> Result<Option<String>, PyException> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(PyException::new(
            "TypeError",
            format!(
                "not supported in the simulator: login_required with a {} argument",
                other.type_name()
            ),
        )),
    }
}

fn wrap(function: Value, login_url: Option<String>, field: Option<String>) -> Value {
    Value::Native(Rc::new(LoginRequired {
        inner: function,
        login_url,
        redirect_field_name: field,
    }))
}

/// The members of `django.contrib.auth.decorators`.
pub fn members() -> Vec<(&'static str, Value)> {
    vec![(
        "login_required",
        Value::native_function("login_required", |args, kwargs: Kwargs| {
            let a = Signature {
                qualname: "login_required",
                names: &["function", "redirect_field_name", "login_url"],
                required: 0,
                method: false,
                var_kwargs: false,
            }
            .bind(args, kwargs)?;
            let field = match a.get(1) {
                None => Some("next".to_string()),
                other => optional_str(other)?,
            };
            let login_url = optional_str(a.get(2))?;
            match a.get(0).filter(|f| !f.is_none()) {
                Some(f) => Ok(wrap(f, login_url, field)),
                None => Ok(Value::native_function("decorator", move |args, kwargs| {
                    let a = Signature {
                        qualname: "decorator",
                        names: &["view_func"],
                        required: 1,
                        method: false,
                        var_kwargs: false,
                    }
                    .bind(args, kwargs)?;
                    Ok(wrap(a.req(0), login_url.clone(), field.clone()))
                })),
            }
        }),
    )]
}

/// What the runner does with a request for a wrapped view.
pub enum Before {
    /// Call this (the wrapped function, or the next wrapper).
    Call(Value),
    /// Answer with this response; the view is not called.
    Respond(Value),
}

/// `quote(text, safe="/")`.
fn quote(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `resolve_url(login_url or settings.LOGIN_URL)`: a URL stays as it is; a bare name would
/// be reversed, and there are no URL names here.
fn resolve_url(url: &str) -> Result<String, PyException> {
    if !url.contains('/') && !url.contains('.') {
        return Err(PyException::new(
            "NoReverseMatch",
            format!("Reverse for '{url}' not found. '{url}' is not a valid view function or pattern name."),
        ));
    }
    Ok(url.to_string())
}

/// `redirect_to_login(next, login_url, redirect_field_name)`.
fn redirect_to_login(next: &str, login_url: &str, field: Option<&str>) -> Value {
    let mut url = login_url.to_string();
    if let Some(field) = field.filter(|f| !f.is_empty()) {
        let (base, query) = match login_url.split_once('?') {
            Some((b, q)) => (b.to_string(), Some(q.to_string())),
            None => (login_url.to_string(), None),
        };
        let mut parts: Vec<String> = query
            .iter()
            .flat_map(|q| q.split('&'))
            .filter(|p| !p.is_empty())
            .filter(|p| p.split('=').next() != Some(field))
            .map(str::to_string)
            .collect();
        parts.push(format!("{}={}", quote(field), quote(next)));
        url = format!("{base}?{}", parts.join("&"));
    }
    let mut response = Response::html("HttpResponseRedirect", 302, "");
    response.set_header("Location", &url);
    Value::Native(HttpResponseObject::new(response))
}

/// `_view_wrapper(request)`: the wrapped view when `request.user.is_authenticated`, else the
/// redirect to the login page with the current path as `next`.
pub fn before_view(
    wrapper: &LoginRequired,
    request: &Rc<WsgiRequest>,
    settings_login_url: &str,
) -> Result<Before, PyException> {
    let user = request.get_attr("user")?;
    let authenticated = match super::user::as_user(&user)? {
        Some(u) => u.get_attr("is_authenticated")?.is_truthy(),
        None => {
            return Err(PyException::new(
                "AttributeError",
                format!(
                    "'{}' object has no attribute 'is_authenticated'",
                    user.type_name()
                ),
            ))
        }
    };
    if authenticated {
        return Ok(Before::Call(wrapper.inner.clone()));
    }
    let login_url = resolve_url(wrapper.login_url.as_deref().unwrap_or(settings_login_url))?;
    let full_path = request.data.full_path();
    let absolute = format!("http://testserver{full_path}");
    let (scheme, netloc) = match login_url.split_once("://") {
        Some((s, rest)) => (
            s.to_string(),
            rest.split('/').next().unwrap_or("").to_string(),
        ),
        None => (String::new(), String::new()),
    };
    let same_site =
        (scheme.is_empty() || scheme == "http") && (netloc.is_empty() || netloc == "testserver");
    let next = if same_site { full_path } else { absolute };
    Ok(Before::Respond(redirect_to_login(
        &next,
        &login_url,
        wrapper.redirect_field_name.as_deref(),
    )))
}

/// The wrapper behind a view value, if it is one.
pub fn as_login_required(value: &Value) -> Option<&LoginRequired> {
    match value {
        Value::Native(obj) => obj.as_any().downcast_ref::<LoginRequired>(),
        _ => None,
    }
}
