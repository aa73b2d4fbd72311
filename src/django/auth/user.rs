//! The objects behind `request.user`: a `User` row of `auth_user` as a model instance,
//! `AnonymousUser`, and the `SimpleLazyObject` that `AuthenticationMiddleware` puts on the
//! request (it looks the user up the first time something reads it).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::{repr, DateTime, PyException, Value};

use super::super::pyargs::{bind_method, Kwargs};
use super::super::session::SharedServer;
use super::super::settings::SECRET_KEY;
use super::super::signing;

/// The salt of `AbstractBaseUser.get_session_auth_hash`.
pub const SESSION_AUTH_HASH_SALT: &str =
    "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash";

/// A row of the `auth_user` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    /// The password as typed, so `check_password` can compare it.
    pub raw_password: String,
    /// The `password` column: `pbkdf2_sha256$1000000$salt$hash`. Real Django salts it at
    /// random; the simulator derives the salt from the user and a counter.
    pub password: String,
    pub is_staff: bool,
    pub is_active: bool,
    pub is_superuser: bool,
    /// Epoch seconds.
    pub last_login: Option<i64>,
    pub date_joined: i64,
    /// The user's own permissions, as `"app_label.codename"` (`user_permissions`).
    pub permissions: Vec<String>,
}

/// The permissions `has_perms` is given: any iterable but a string.
fn perm_list(value: &Value) -> Result<Vec<Value>, PyException> {
    if matches!(value, Value::Str(_)) {
        return Err(PyException::new(
            "ValueError",
            "perm_list must be an iterable of permissions.",
        ));
    }
    super::super::pyargs::iterate(value).map_err(|_| {
        PyException::new(
            "ValueError",
            "perm_list must be an iterable of permissions.",
        )
    })
}

/// `has_perm`, `has_perms`, `has_module_perms` as `PermissionsMixin` and `ModelBackend`
/// answer them: an active superuser has every permission, an inactive user none, others
/// their own (`obj` given: none, as `ModelBackend` has no object permissions).
fn permission_method(
    qualname: &str,
    name: &str,
    active: bool,
    superuser: bool,
    own: &[String],
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyException> {
    let has = |perm: &Value, obj: &Value| -> bool {
        if active && superuser {
            return true;
        }
        active && obj.is_none() && matches!(perm, Value::Str(p) if own.iter().any(|o| **o == **p))
    };
    match name {
        "has_perm" => {
            let a = bind_method(
                &format!("{qualname}.has_perm"),
                &["perm", "obj"],
                1,
                args,
                kwargs,
            )?;
            Ok(Value::Bool(has(&a.req(0), &a.get_or(1, Value::None))))
        }
        "has_perms" => {
            let a = bind_method(
                &format!("{qualname}.has_perms"),
                &["perm_list", "obj"],
                1,
                args,
                kwargs,
            )?;
            let obj = a.get_or(1, Value::None);
            let perms = perm_list(&a.req(0))?;
            Ok(Value::Bool(perms.iter().all(|p| has(p, &obj))))
        }
        _ => {
            let a = bind_method(
                &format!("{qualname}.has_module_perms"),
                &["app_label"],
                1,
                args,
                kwargs,
            )?;
            let label = crate::python::to_str(&a.req(0));
            Ok(Value::Bool(
                active
                    && (superuser
                        || own
                            .iter()
                            .any(|p| p.split('.').next() == Some(label.as_str()))),
            ))
        }
    }
}

/// A password hash in Django's format for `raw`, different for every call (`n` counts the
/// passwords set so far).
pub fn make_password(username: &str, raw: &str, n: u64) -> String {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let salt_bytes = Sha256::digest(format!("salt:{username}:{n}").as_bytes());
    let salt: String = signing::b64_encode(&salt_bytes)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(22)
        .collect();
    let digest = Sha256::digest(format!("{salt}:{raw}").as_bytes());
    format!("pbkdf2_sha256$1000000${salt}${}", STANDARD.encode(digest))
}

/// `get_session_auth_hash()`: the salted HMAC of the password hash, in hex.
pub fn session_auth_hash(password: &str) -> String {
    signing::salted_hmac(SESSION_AUTH_HASH_SALT, password, SECRET_KEY)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A `User` instance: its own copy of the row (a view changes it, `save()` writes it back).
pub struct User {
    pub server: SharedServer,
    pub row: RefCell<UserRow>,
    /// `user.backend`, set by `authenticate()`.
    pub backend: RefCell<Option<String>>,
    attrs: RefCell<Vec<(String, Value)>>,
}

impl User {
    pub fn new(server: SharedServer, row: UserRow) -> Rc<Self> {
        Rc::new(User {
            server,
            row: RefCell::new(row),
            backend: RefCell::new(None),
            attrs: RefCell::new(Vec::new()),
        })
    }

    pub fn id(&self) -> i64 {
        self.row.borrow().id
    }

    pub fn username(&self) -> String {
        self.row.borrow().username.clone()
    }

    /// `get_session_auth_hash()` of this instance's password.
    pub fn session_auth_hash(&self) -> String {
        session_auth_hash(&self.row.borrow().password)
    }

    /// `save()` (or `save(update_fields=[…])` with `only`).
    pub fn save(&self, only: Option<&[&str]>) {
        let row = self.row.borrow().clone();
        let mut server = self.server.borrow_mut();
        if let Some(stored) = server.users.iter_mut().find(|u| u.id == row.id) {
            match only {
                None => *stored = row,
                Some(fields) => {
                    for f in fields {
                        match *f {
                            "last_login" => stored.last_login = row.last_login,
                            "password" => {
                                stored.password = row.password.clone();
                                stored.raw_password = row.raw_password.clone();
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    fn datetime(secs: Option<i64>) -> Value {
        match secs.and_then(|s| DateTime::from_unix_micros(i128::from(s) * 1_000_000, true).ok()) {
            Some(d) => Value::DateTime(d),
            None => Value::None,
        }
    }
}

impl crate::python::NativeObject for User {
    fn type_name(&self) -> &str {
        "User"
    }

    fn qualified_name(&self) -> String {
        "django.contrib.auth.models.User".into()
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "get_username"
                | "check_password"
                | "set_password"
                | "save"
                | "asave"
                | "get_session_auth_hash"
                | "get_full_name"
                | "get_short_name"
                | "has_usable_password"
                | "has_perm"
                | "has_perms"
                | "has_module_perms"
        )
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        if let Some((_, v)) = self.attrs.borrow().iter().find(|(n, _)| n == name) {
            return Ok(v.clone());
        }
        let row = self.row.borrow();
        Ok(match name {
            "id" | "pk" => Value::int(row.id),
            "username" => Value::str(&row.username),
            "password" => Value::str(&row.password),
            "email" | "first_name" | "last_name" => Value::str(""),
            "is_staff" => Value::Bool(row.is_staff),
            "is_active" => Value::Bool(row.is_active),
            "is_superuser" => Value::Bool(row.is_superuser),
            "is_authenticated" => Value::Bool(true),
            "is_anonymous" => Value::Bool(false),
            "last_login" => User::datetime(row.last_login),
            "date_joined" => User::datetime(Some(row.date_joined)),
            "USERNAME_FIELD" => Value::str("username"),
            "backend" => match self.backend.borrow().as_deref() {
                Some(b) => Value::str(b),
                None => {
                    return Err(PyException::new(
                        "AttributeError",
                        "'User' object has no attribute 'backend'",
                    ))
                }
            },
            _ => {
                return Err(PyException::new(
                    "AttributeError",
                    format!("'User' object has no attribute '{name}'"),
                ))
            }
        })
    }

    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        let bool_field = |v: &Value| v.is_truthy();
        {
            let mut row = self.row.borrow_mut();
            match name {
                "username" => {
                    row.username = crate::python::to_str(&value);
                    return Ok(());
                }
                "is_staff" => {
                    row.is_staff = bool_field(&value);
                    return Ok(());
                }
                "is_active" => {
                    row.is_active = bool_field(&value);
                    return Ok(());
                }
                "is_superuser" => {
                    row.is_superuser = bool_field(&value);
                    return Ok(());
                }
                "is_authenticated" | "is_anonymous" | "pk" | "id" | "password" => {
                    return Err(PyException::new(
                        "AttributeError",
                        format!("not supported in the simulator: assigning user.{name}"),
                    ))
                }
                _ => {}
            }
        }
        if name == "backend" {
            *self.backend.borrow_mut() = Some(crate::python::to_str(&value));
            return Ok(());
        }
        let mut attrs = self.attrs.borrow_mut();
        match attrs.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => attrs.push((name.to_string(), value)),
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
            "get_username" => {
                bind_method("AbstractBaseUser.get_username", &[], 0, args, kwargs)?;
                Ok(Value::str(&self.username()))
            }
            "get_full_name" | "get_short_name" => {
                bind_method(&format!("AbstractUser.{name}"), &[], 0, args, kwargs)?;
                Ok(Value::str(""))
            }
            "has_perm" | "has_perms" | "has_module_perms" => {
                let row = self.row.borrow().clone();
                permission_method(
                    "PermissionsMixin",
                    name,
                    row.is_active,
                    row.is_superuser,
                    &row.permissions,
                    args,
                    kwargs,
                )
            }
            "has_usable_password" => {
                bind_method("AbstractBaseUser.has_usable_password", &[], 0, args, kwargs)?;
                Ok(Value::Bool(true))
            }
            "check_password" => {
                let a = bind_method(
                    "AbstractBaseUser.check_password",
                    &["raw_password"],
                    1,
                    args,
                    kwargs,
                )?;
                let ok = match a.req(0) {
                    Value::Str(s) => *s == *self.row.borrow().raw_password,
                    _ => false,
                };
                Ok(Value::Bool(ok))
            }
            "set_password" => {
                let a = bind_method(
                    "AbstractBaseUser.set_password",
                    &["raw_password"],
                    1,
                    args,
                    kwargs,
                )?;
                let raw = match a.req(0) {
                    Value::Str(s) => s.to_string(),
                    other => {
                        return Err(PyException::new(
                            "TypeError",
                            format!(
                                "Password must be a string or bytes, got {}.",
                                other.type_name()
                            ),
                        ))
                    }
                };
                let n = {
                    let mut server = self.server.borrow_mut();
                    server.passwords_set += 1;
                    server.passwords_set
                };
                let mut row = self.row.borrow_mut();
                row.password = make_password(&row.username, &raw, n);
                row.raw_password = raw;
                Ok(Value::None)
            }
            "save" => {
                bind_method("Model.save", &[], 0, args, kwargs)?;
                crate::django::session::async_unsafe(&self.server)?;
                self.save(None);
                Ok(Value::None)
            }
            "asave" => {
                bind_method("Model.asave", &[], 0, args, kwargs)?;
                // The row as it is now, written when the coroutine is awaited.
                let copy = User::new(self.server.clone(), self.row.borrow().clone());
                Ok(crate::python::native_coroutine("Model.asave", move || {
                    copy.save(None);
                    Ok(Value::None)
                }))
            }
            "get_session_auth_hash" => {
                bind_method(
                    "AbstractBaseUser.get_session_auth_hash",
                    &[],
                    0,
                    args,
                    kwargs,
                )?;
                Ok(Value::str(&self.session_auth_hash()))
            }
            _ => Err(PyException::new(
                "AttributeError",
                format!("'User' object has no attribute '{name}'"),
            )),
        }
    }

    fn repr(&self) -> String {
        format!("<User: {}>", self.username())
    }

    fn to_str(&self) -> String {
        self.username()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `AnonymousUser()`.
pub struct AnonymousUser;

impl crate::python::NativeObject for AnonymousUser {
    fn type_name(&self) -> &str {
        "AnonymousUser"
    }

    fn qualified_name(&self) -> String {
        "django.contrib.auth.models.AnonymousUser".into()
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "get_username" | "has_perm" | "has_perms" | "has_module_perms"
        )
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Ok(match name {
            "id" | "pk" => Value::None,
            "username" => Value::str(""),
            "is_staff" | "is_active" | "is_superuser" | "is_authenticated" => Value::Bool(false),
            "is_anonymous" => Value::Bool(true),
            _ => {
                return Err(PyException::new(
                    "AttributeError",
                    format!("'AnonymousUser' object has no attribute '{name}'"),
                ))
            }
        })
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        match name {
            "get_username" => {
                bind_method("AnonymousUser.get_username", &[], 0, args, kwargs)?;
                Ok(Value::str(""))
            }
            "has_perm" | "has_perms" | "has_module_perms" => {
                permission_method("AnonymousUser", name, false, false, &[], args, kwargs)
            }
            _ => Err(PyException::new(
                "AttributeError",
                format!("'AnonymousUser' object has no attribute '{name}'"),
            )),
        }
    }

    fn to_str(&self) -> String {
        "AnonymousUser".into()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `request.user` as `AuthenticationMiddleware` sets it: `SimpleLazyObject(lambda:
/// get_user(request))`. The first use of any attribute runs `get_user`.
pub struct LazyUser {
    resolve: Box<dyn Fn() -> Result<Value, PyException>>,
    wrapped: RefCell<Option<Value>>,
}

impl LazyUser {
    pub fn new(resolve: impl Fn() -> Result<Value, PyException> + 'static) -> Rc<Self> {
        Rc::new(LazyUser {
            resolve: Box::new(resolve),
            wrapped: RefCell::new(None),
        })
    }

    /// The user, looked up now if it has not been yet.
    pub fn get(&self) -> Result<Value, PyException> {
        if let Some(v) = self.wrapped.borrow().clone() {
            return Ok(v);
        }
        let v = (self.resolve)()?;
        *self.wrapped.borrow_mut() = Some(v.clone());
        Ok(v)
    }

    /// The user if something has read it already.
    pub fn peek(&self) -> Option<Value> {
        self.wrapped.borrow().clone()
    }

    fn inner(&self) -> Result<Rc<dyn crate::python::NativeObject>, PyException> {
        match self.get()? {
            Value::Native(obj) => Ok(obj),
            other => Err(PyException::new(
                "TypeError",
                format!("request.user is a {}", other.type_name()),
            )),
        }
    }
}

impl crate::python::NativeObject for LazyUser {
    fn type_name(&self) -> &str {
        "SimpleLazyObject"
    }

    fn qualified_name(&self) -> String {
        "django.utils.functional.SimpleLazyObject".into()
    }

    fn has_method(&self, name: &str) -> bool {
        // Methods of the user: looking them up evaluates it, as the proxy does.
        self.inner().is_ok_and(|u| u.has_method(name))
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        self.inner()?.get_attr(name)
    }

    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        self.inner()?.set_attr(name, value)
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        self.inner()?.call_method(name, args, kwargs)
    }

    fn truthy(&self) -> bool {
        self.inner().is_ok_and(|u| u.truthy())
    }

    fn repr(&self) -> String {
        match self.peek() {
            Some(v) => format!("<SimpleLazyObject: {}>", repr(&v)),
            // Django shows the lambda that will fetch the user, with its address.
            None => format!(
                "<SimpleLazyObject: <function AuthenticationMiddleware.process_request.<locals>.<lambda> at {:#x}>>",
                self as *const Self as *const u8 as usize
            ),
        }
    }

    fn to_str(&self) -> String {
        match self.get() {
            Ok(v) => crate::python::to_str(&v),
            Err(_) => self.repr(),
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The user object behind a value: a `User`, looking through `request.user`'s lazy proxy.
pub fn as_user(value: &Value) -> Result<Option<Rc<dyn crate::python::NativeObject>>, PyException> {
    match value {
        Value::Native(obj) => {
            if let Some(lazy) = obj.as_any().downcast_ref::<LazyUser>() {
                return lazy.inner().map(Some);
            }
            Ok(Some(obj.clone()))
        }
        _ => Ok(None),
    }
}
