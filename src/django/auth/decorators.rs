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

/// What a `user_passes_test` wrapper asks of `request.user`.
#[derive(Clone)]
pub enum Test {
    /// `login_required`: `user.is_authenticated`.
    Authenticated,
    /// `permission_required(perms, raise_exception=…)`: `user.has_perms(perms)`, else
    /// `PermissionDenied` when `raise_exception`.
    Perms { perms: Value, raise_exception: bool },
    /// `staff_member_required`: `user.is_active and user.is_staff`.
    Staff,
    /// `user_passes_test(test_func)`: a function of the views, called with the user.
    Func(Value),
}

/// A view wrapped by `login_required` (or another `user_passes_test` decorator).
pub struct LoginRequired {
    /// The wrapped view (a function, or another wrapper).
    pub inner: Value,
    /// The test the user must pass.
    pub test: Test,
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

/// An optional string argument whose absence means `default` (an explicit `None` stays `None`).
fn str_or(v: Option<Value>, default: &str) -> Result<Option<String>, PyException> {
    match v {
        None => Ok(Some(default.to_string())),
        other => optional_str(other),
    }
}

fn wrap(function: Value, login_url: Option<String>, field: Option<String>) -> Value {
    wrap_test(function, Test::Authenticated, login_url, field)
}

fn wrap_test(
    function: Value,
    test: Test,
    login_url: Option<String>,
    field: Option<String>,
) -> Value {
    Value::Native(Rc::new(LoginRequired {
        inner: function,
        test,
        login_url,
        redirect_field_name: field,
    }))
}

/// A decorator (`decorator(view_func)`) that wraps views with `test`.
fn test_decorator(test: Test, login_url: Option<String>, field: Option<String>) -> Value {
    Value::native_function("decorator", move |args, kwargs| {
        let a = Signature {
            qualname: "decorator",
            names: &["view_func"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        Ok(wrap_test(
            a.req(0),
            test.clone(),
            login_url.clone(),
            field.clone(),
        ))
    })
}

/// `permission_required(perm, login_url=None, raise_exception=False)`.
fn permission_required() -> Value {
    Value::native_function("permission_required", |args, kwargs: Kwargs| {
        let a = Signature {
            qualname: "permission_required",
            names: &["perm", "login_url", "raise_exception"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let perm = a.req(0);
        let perms = match &perm {
            Value::Str(_) => Value::tuple(vec![perm.clone()]),
            other => other.clone(),
        };
        let login_url = optional_str(a.get(1))?;
        let raise_exception = a.get(2).is_some_and(|v| v.is_truthy());
        Ok(test_decorator(
            Test::Perms {
                perms,
                raise_exception,
            },
            login_url,
            Some("next".into()),
        ))
    })
}

/// `user_passes_test(test_func, login_url=None, redirect_field_name="next")`.
fn user_passes_test() -> Value {
    Value::native_function("user_passes_test", |args, kwargs: Kwargs| {
        let a = Signature {
            qualname: "user_passes_test",
            names: &["test_func", "login_url", "redirect_field_name"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let field = str_or(a.get(2), "next")?;
        Ok(test_decorator(
            Test::Func(a.req(0)),
            optional_str(a.get(1))?,
            field,
        ))
    })
}

/// `django.contrib.admin.views.decorators.staff_member_required(view_func=None,
/// redirect_field_name="next", login_url="admin:login")`.
pub fn staff_member_required() -> Value {
    Value::native_function("staff_member_required", |args, kwargs: Kwargs| {
        let a = Signature {
            qualname: "staff_member_required",
            names: &["view_func", "redirect_field_name", "login_url"],
            required: 0,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let field = str_or(a.get(1), "next")?;
        let login_url = str_or(a.get(2), "admin:login")?;
        match a.get(0).filter(|f| !f.is_none()) {
            Some(f) => Ok(wrap_test(f, Test::Staff, login_url, field)),
            None => Ok(test_decorator(Test::Staff, login_url, field)),
        }
    })
}

/// The members of `django.contrib.auth.decorators`.
pub fn members() -> Vec<(&'static str, Value)> {
    vec![
        ("permission_required", permission_required()),
        ("user_passes_test", user_passes_test()),
        (
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
                let field = str_or(a.get(1), "next")?;
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
        ),
    ]
}

/// What the runner does with a request for a wrapped view.
pub enum Before {
    /// Call this (the wrapped function, or the next wrapper).
    Call(Value),
    /// Answer with this response; the view is not called.
    Respond(Value),
    /// Call the views' test function with the user, then ask [`after_test`].
    Test { func: Value, user: Value },
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
        if let Some((namespace, _)) = url.split_once(':') {
            // Routes have no namespaces here (`admin:login` is staff_member_required's).
            return Err(PyException::new(
                "NoReverseMatch",
                format!("'{namespace}' is not a registered namespace"),
            ));
        }
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
    let attr = |name: &str| -> Result<Value, PyException> {
        match super::user::as_user(&user)? {
            Some(u) => u.get_attr(name),
            None => Err(PyException::new(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", user.type_name()),
            )),
        }
    };
    let passed = match &wrapper.test {
        Test::Authenticated => attr("is_authenticated")?.is_truthy(),
        Test::Staff => attr("is_active")?.is_truthy() && attr("is_staff")?.is_truthy(),
        Test::Perms {
            perms,
            raise_exception,
        } => {
            let ok = match super::user::as_user(&user)? {
                Some(u) => u.call_method("has_perms", vec![perms.clone()], Vec::new())?,
                None => {
                    return Err(PyException::new(
                        "AttributeError",
                        format!("'{}' object has no attribute 'has_perms'", user.type_name()),
                    ))
                }
            };
            if !ok.is_truthy() && *raise_exception {
                return Err(PyException::new("PermissionDenied", ""));
            }
            ok.is_truthy()
        }
        Test::Func(func) => {
            return Ok(Before::Test {
                func: func.clone(),
                user,
            })
        }
    };
    after_test(wrapper, request, passed, settings_login_url)
}

/// What a wrapper does once its test has answered: the view, or the login page.
pub fn after_test(
    wrapper: &LoginRequired,
    request: &Rc<WsgiRequest>,
    passed: bool,
    settings_login_url: &str,
) -> Result<Before, PyException> {
    if passed {
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
