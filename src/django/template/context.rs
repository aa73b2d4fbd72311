//! Context processors: what every template rendered with a request sees. Django always adds
//! `csrf_token`; a new project lists `request` and `auth` (messages would be added to
//! [`processors`]).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::{repr, NativeObject, PyException, Value};

/// A context processor: names and values from the request.
pub type Processor = fn(&Value) -> Result<Vec<(String, Value)>, PyException>;

/// `django.template.context_processors.request`.
fn request(request: &Value) -> Result<Vec<(String, Value)>, PyException> {
    Ok(vec![("request".to_string(), request.clone())])
}

/// `django.template.context_processors.csrf` (built in): `csrf_token`, a lazy object that
/// calls `get_token(request)` the first time a template uses it (so a page without
/// `{% csrf_token %}` sends no CSRF cookie).
fn csrf(request: &Value) -> Result<Vec<(String, Value)>, PyException> {
    Ok(vec![(
        "csrf_token".to_string(),
        Value::Native(Rc::new(LazyToken {
            request: request.clone(),
            token: RefCell::new(None),
        })),
    )])
}

/// `SimpleLazyObject(_get_val)` of the csrf context processor.
pub struct LazyToken {
    request: Value,
    token: RefCell<Option<String>>,
}

impl LazyToken {
    /// The masked token, computed on first use.
    pub fn value(&self) -> String {
        if let Some(t) = self.token.borrow().as_ref() {
            return t.clone();
        }
        let token = match &self.request {
            Value::Native(obj) => obj
                .as_any()
                .downcast_ref::<crate::django::request::WsgiRequest>()
                .map(crate::django::csrf::get_token)
                .unwrap_or_else(|| "NOTPROVIDED".into()),
            _ => "NOTPROVIDED".into(),
        };
        *self.token.borrow_mut() = Some(token.clone());
        token
    }
}

impl NativeObject for LazyToken {
    fn type_name(&self) -> &str {
        "SimpleLazyObject"
    }

    fn qualified_name(&self) -> String {
        "django.utils.functional.SimpleLazyObject".into()
    }

    fn truthy(&self) -> bool {
        !self.value().is_empty()
    }

    fn len(&self) -> Result<usize, PyException> {
        Ok(self.value().chars().count())
    }

    fn repr(&self) -> String {
        format!("<SimpleLazyObject: {}>", repr(&Value::str(&self.value())))
    }

    fn to_str(&self) -> String {
        self.value()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `django.contrib.auth.context_processors.auth`: `user` and `perms`.
fn auth(request: &Value) -> Result<Vec<(String, Value)>, PyException> {
    let user = match request {
        Value::Native(obj) => obj.get_attr("user").ok(),
        _ => None,
    };
    let user =
        user.unwrap_or_else(|| Value::Native(std::rc::Rc::new(crate::django::auth::AnonymousUser)));
    Ok(vec![
        ("user".to_string(), user.clone()),
        (
            "perms".to_string(),
            Value::Native(Rc::new(PermWrapper { user })),
        ),
    ])
}

fn user_call(user: &Value, method: &str, arg: String) -> Result<bool, PyException> {
    match user {
        Value::Native(obj) => Ok(obj
            .call_method(method, vec![Value::str(&arg)], Vec::new())?
            .is_truthy()),
        other => Err(PyException::new(
            "AttributeError",
            format!("'{}' object has no attribute '{method}'", other.type_name()),
        )),
    }
}

/// `perms` in templates: `perms.app` (an app's permissions), `perms.app.codename`,
/// `"app.codename" in perms`.
pub struct PermWrapper {
    user: Value,
}

impl NativeObject for PermWrapper {
    fn type_name(&self) -> &str {
        "PermWrapper"
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        Ok(Value::Native(Rc::new(PermLookupDict {
            user: self.user.clone(),
            app_label: crate::python::to_str(key),
        })))
    }

    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        let name = crate::python::to_str(item);
        match name.split_once('.') {
            None => user_call(&self.user, "has_module_perms", name),
            Some(_) => user_call(&self.user, "has_perm", name),
        }
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        Err(PyException::type_error("PermWrapper is not iterable."))
    }

    fn repr(&self) -> String {
        format!("PermWrapper({})", repr(&self.user))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `perms.app`: true when the user has any permission of the app.
pub struct PermLookupDict {
    user: Value,
    app_label: String,
}

impl NativeObject for PermLookupDict {
    fn type_name(&self) -> &str {
        "PermLookupDict"
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        let name = format!("{}.{}", self.app_label, crate::python::to_str(key));
        Ok(Value::Bool(user_call(&self.user, "has_perm", name)?))
    }

    fn truthy(&self) -> bool {
        user_call(&self.user, "has_module_perms", self.app_label.clone()).unwrap_or(false)
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        Err(PyException::type_error("PermLookupDict is not iterable."))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The context processors in force, in order (later ones win on a shared name).
pub fn processors() -> Vec<Processor> {
    vec![csrf, request, auth]
}
