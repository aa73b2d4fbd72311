//! `django.contrib.auth` on top of the session, as Django 5.2 writes it: `authenticate`,
//! `login`, `logout`, `get_user`, `update_session_auth_hash`, `AuthenticationMiddleware`'s
//! lazy `request.user`, and the `login_required` decorator.
//!
//! The session keys are Django's: `_auth_user_id` (the pk as a string), `_auth_user_backend`
//! and `_auth_user_hash` (an HMAC of the password hash, which real Django salts at random:
//! transcripts compare it by presence and stability, see `docs/scenarios.md`).
//!
//! - [`user`]: `User`, `AnonymousUser` and the lazy `request.user`.
//! - [`decorators`]: `login_required` and how the runner calls a decorated view.

pub mod decorators;
pub mod user;

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::{repr, NativeObject, PyException, Value};

use super::middleware::as_store;
use super::pyargs::{Kwargs, Signature};
use super::request::WsgiRequest;
use super::session::{async_unsafe, sync_to_async, SessionStore, SharedServer};

pub use user::{AnonymousUser, Group, LazyUser, User, UserRow};

/// `SESSION_KEY`, `BACKEND_SESSION_KEY`, `HASH_SESSION_KEY`.
pub const SESSION_KEY: &str = "_auth_user_id";
pub const BACKEND_SESSION_KEY: &str = "_auth_user_backend";
pub const HASH_SESSION_KEY: &str = "_auth_user_hash";
/// The only entry of `AUTHENTICATION_BACKENDS`.
pub const MODEL_BACKEND: &str = "django.contrib.auth.backends.ModelBackend";
/// The exception classes auth adds, with their parents.
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("ValidationError", "Exception"),
    ("ImproperlyConfigured", "Exception"),
    ("InvalidSessionKey", "SuspiciousOperation"),
];

/// A user a scenario declares (`[[user]]`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    pub username: String,
    pub password: String,
    #[serde(default)]
    pub is_staff: bool,
    #[serde(default = "yes")]
    pub is_active: bool,
    #[serde(default)]
    pub is_superuser: bool,
    /// `"app_label.codename"` permissions given to the user (`user_permissions`).
    #[serde(default)]
    pub permissions: Vec<String>,
    /// The names of the `[[group]]`s the user is in.
    #[serde(default)]
    pub groups: Vec<String>,
}

/// A group a scenario declares (`[[group]]`): its name and `"app_label.codename"`
/// permissions.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    #[serde(default)]
    pub permissions: Vec<String>,
}

fn yes() -> bool {
    true
}

/// The permissions `migrate` creates for the project's installed models (auth's
/// `Permission`, `Group`, `User`, contenttypes' `ContentType`, sessions' `Session`): with
/// those the scenario declares, `Permission.objects.all()`, which a superuser has.
pub const MIGRATED_PERMISSIONS: &[&str] = &[
    "auth.add_group",
    "auth.add_permission",
    "auth.add_user",
    "auth.change_group",
    "auth.change_permission",
    "auth.change_user",
    "auth.delete_group",
    "auth.delete_permission",
    "auth.delete_user",
    "auth.view_group",
    "auth.view_permission",
    "auth.view_user",
    "contenttypes.add_contenttype",
    "contenttypes.change_contenttype",
    "contenttypes.delete_contenttype",
    "contenttypes.view_contenttype",
    "sessions.add_session",
    "sessions.change_session",
    "sessions.delete_session",
    "sessions.view_session",
];

/// Checks the declared groups and users: group names are unique, and a user's `groups`
/// name declared groups.
pub fn check_groups(groups: &[GroupSpec], users: &[UserSpec]) -> Result<(), String> {
    for (i, g) in groups.iter().enumerate() {
        if groups[..i].iter().any(|o| o.name == g.name) {
            return Err(format!("a second [[group]] named {:?}", g.name));
        }
    }
    for u in users {
        for name in &u.groups {
            if !groups.iter().any(|g| &g.name == name) {
                return Err(format!(
                    "user {:?} is in the group {name:?}, but no [[group]] has that name",
                    u.username
                ));
            }
        }
    }
    Ok(())
}

/// `Group.objects.create(...)` and `User.objects.create_user(...)` for each declared group
/// and user, ids from 1, at `now`.
pub fn create_users(server: &SharedServer, users: &[UserSpec], groups: &[GroupSpec], now: i64) {
    let mut s = server.borrow_mut();
    s.groups = groups.to_vec();
    for spec in users {
        s.passwords_set += 1;
        let id = s.users.len() as i64 + 1;
        let password = user::make_password(&spec.username, &spec.password, s.passwords_set);
        s.users.push(UserRow {
            id,
            username: spec.username.clone(),
            raw_password: spec.password.clone(),
            password,
            is_staff: spec.is_staff,
            is_active: spec.is_active,
            is_superuser: spec.is_superuser,
            last_login: None,
            date_joined: now,
            permissions: spec.permissions.clone(),
            groups: spec.groups.clone(),
        });
    }
}

fn anonymous() -> Value {
    Value::Native(Rc::new(AnonymousUser))
}

fn request_arg(value: &Value, func: &str) -> Result<Rc<dyn NativeObject>, PyException> {
    match value {
        Value::Native(obj) if obj.as_any().downcast_ref::<WsgiRequest>().is_some() => {
            Ok(obj.clone())
        }
        other => Err(PyException::new(
            "AttributeError",
            format!(
                "'{}' object has no attribute 'session' (the first argument of {func}() is the request)",
                other.type_name()
            ),
        )),
    }
}

/// `request.session`, which must still be a session store.
fn session(request: &Rc<dyn NativeObject>) -> Result<Value, PyException> {
    let s = request.get_attr("session")?;
    if as_store(&s).is_none() {
        return Err(PyException::new(
            "TypeError",
            format!(
                "not supported in the simulator: request.session replaced by {}",
                s.type_name()
            ),
        ));
    }
    Ok(s)
}

fn store(value: &Value) -> &SessionStore {
    as_store(value).expect("checked by session()")
}

/// `get_user_model()._meta.pk.to_python(request.session[SESSION_KEY])`.
fn session_user_id(store: &SessionStore) -> Result<i64, PyException> {
    let value = store.get_item(&Value::str(SESSION_KEY))?;
    match &value {
        Value::Int(_) => value.as_i64().ok_or_else(|| invalid_id(&value)),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Str(s) => s.trim().parse::<i64>().map_err(|_| invalid_id(&value)),
        _ => Err(invalid_id(&value)),
    }
}

fn invalid_id(value: &Value) -> PyException {
    PyException::new(
        "ValidationError",
        format!(
            "['“{}” value must be an integer.']",
            crate::python::to_str(value)
        ),
    )
}

/// A fresh instance of the stored user with this id.
fn load_user(server: &SharedServer, id: i64) -> Option<Rc<User>> {
    let row = server.borrow().users.iter().find(|u| u.id == id).cloned()?;
    Some(User::new(server.clone(), row))
}

/// `get_user(request)` with the request's session store.
pub fn get_user(server: &SharedServer, session: &Value) -> Result<Value, PyException> {
    let s = store(session);
    let user_id = match session_user_id(s) {
        Ok(id) => id,
        Err(e) if &*e.kind == "KeyError" => return Ok(anonymous()),
        Err(e) => return Err(e),
    };
    let backend = match s.get_item(&Value::str(BACKEND_SESSION_KEY)) {
        Ok(b) => b,
        Err(e) if &*e.kind == "KeyError" => return Ok(anonymous()),
        Err(e) => return Err(e),
    };
    if !backend.py_eq(&Value::str(MODEL_BACKEND)) {
        return Ok(anonymous());
    }
    // ModelBackend.get_user: the row, if it exists and the user may log in.
    async_unsafe(server)?;
    let Some(user) = load_user(server, user_id).filter(|u| u.row.borrow().is_active) else {
        return Ok(anonymous());
    };
    let session_hash = s.get(&Value::str(HASH_SESSION_KEY), Value::None)?;
    let verified =
        session_hash.is_truthy() && session_hash.py_eq(&Value::str(&user.session_auth_hash()));
    if !verified {
        s.flush()?;
        return Ok(anonymous());
    }
    Ok(Value::Native(user))
}

/// `request.user` for `AuthenticationMiddleware.process_request`.
pub fn lazy_user(server: SharedServer, session: Value) -> Value {
    Value::Native(LazyUser::new(move || {
        if as_store(&session).is_none() {
            return Err(PyException::new(
                "TypeError",
                "not supported in the simulator: request.session replaced before request.user was read",
            ));
        }
        get_user(&server, &session)
    }))
}

fn user_pk(user: &Value) -> Result<Value, PyException> {
    match user::as_user(user)? {
        Some(obj) => obj.get_attr("pk"),
        None => Err(PyException::new(
            "AttributeError",
            format!("'{}' object has no attribute 'pk'", user.type_name()),
        )),
    }
}

fn as_model_user(user: &Value) -> Result<Option<Rc<dyn NativeObject>>, PyException> {
    Ok(user::as_user(user)?.filter(|u| u.as_any().downcast_ref::<User>().is_some()))
}

/// `login(request, user, backend=None)`.
fn login(server: &SharedServer, args: Vec<Value>, kwargs: Kwargs) -> Result<Value, PyException> {
    let a = Signature {
        qualname: "login",
        names: &["request", "user", "backend"],
        required: 2,
        method: false,
        var_kwargs: false,
    }
    .bind(args, kwargs)?;
    let request = request_arg(&a.req(0), "login")?;
    let mut user = a.req(1);
    if user.is_none() {
        // Deprecated fallback to request.user (RemovedInDjango61Warning).
        user = request.get_attr("user")?;
    }
    let model = as_model_user(&user)?;
    let hash = match &model {
        Some(u) => {
            crate::python::to_str(&u.call_method("get_session_auth_hash", vec![], vec![])?)
        }
        None => String::new(),
    };
    let session = session(&request)?;
    let s = store(&session);
    if s.contains(&Value::str(SESSION_KEY))? {
        let current = session_user_id(s)?;
        let pk = user_pk(&user)?;
        let other_user = !pk.py_eq(&Value::int(current));
        let other_hash = !hash.is_empty()
            && !s
                .get(&Value::str(HASH_SESSION_KEY), Value::str(""))?
                .py_eq(&Value::str(&hash));
        if other_user || other_hash {
            s.flush()?;
        }
    } else {
        s.cycle_key()?;
    }
    let backend = match a.get(2).filter(Value::is_truthy) {
        Some(Value::Str(b)) => b.to_string(),
        Some(other) => {
            return Err(PyException::new(
                "TypeError",
                format!(
                    "backend must be a dotted import path string (got {}).",
                    repr(&other)
                ),
            ))
        }
        None => match model
            .as_ref()
            .and_then(|u| u.as_any().downcast_ref::<User>())
            .and_then(|u| u.backend.borrow().clone())
        {
            Some(b) => b,
            None => MODEL_BACKEND.to_string(),
        },
    };
    let Some(model) = model else {
        return Err(PyException::new(
            "AttributeError",
            format!("'{}' object has no attribute '_meta'", user.type_name()),
        ));
    };
    let pk = model.get_attr("pk")?;
    s.set_item(
        Value::str(SESSION_KEY),
        Value::str(&crate::python::to_str(&pk)),
    )?;
    s.set_item(Value::str(BACKEND_SESSION_KEY), Value::str(&backend))?;
    s.set_item(Value::str(HASH_SESSION_KEY), Value::str(&hash))?;
    if request.get_attr("user").is_ok() {
        request.set_attr("user", Value::Native(model.clone()))?;
    }
    // A new CSRF secret for the logged-in visit (sent by CsrfViewMiddleware, if listed).
    if let Some(r) = request.as_any().downcast_ref::<WsgiRequest>() {
        crate::django::csrf::rotate_token(r);
    }
    // user_logged_in → update_last_login: last_login = now, saved alone.
    if let Some(u) = model.as_any().downcast_ref::<User>() {
        async_unsafe(server)?;
        let now = server.borrow().now;
        u.row.borrow_mut().last_login = Some(now);
        u.save(Some(&["last_login"]));
    }
    Ok(Value::None)
}

/// `logout(request)`.
fn logout(args: Vec<Value>, kwargs: Kwargs) -> Result<Value, PyException> {
    let a = Signature {
        qualname: "logout",
        names: &["request"],
        required: 1,
        method: false,
        var_kwargs: false,
    }
    .bind(args, kwargs)?;
    let request = request_arg(&a.req(0), "logout")?;
    // getattr(user, "is_authenticated", True) evaluates the lazy request.user.
    let has_user = match request.get_attr("user") {
        Ok(user) => {
            if let Some(u) = user::as_user(&user)? {
                let _ = u.get_attr("is_authenticated");
            }
            true
        }
        Err(_) => false,
    };
    let session = session(&request)?;
    store(&session).flush()?;
    if has_user {
        request.set_attr("user", anonymous())?;
    }
    Ok(Value::None)
}

/// `authenticate(request=None, **credentials)` with the `ModelBackend`.
fn authenticate(
    server: &SharedServer,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyException> {
    let a = Signature {
        qualname: "authenticate",
        names: &["request"],
        required: 0,
        method: false,
        var_kwargs: true,
    }
    .bind(args, kwargs)?;
    let find = |n: &str| {
        a.extra
            .iter()
            .find(|(k, _)| &**k == n)
            .map(|(_, v)| v.clone())
    };
    let (Some(username), Some(password)) = (find("username"), find("password")) else {
        return Ok(Value::None);
    };
    if username.is_none() || password.is_none() {
        return Ok(Value::None);
    }
    async_unsafe(server)?;
    let Value::Str(name) = &username else {
        return Ok(Value::None);
    };
    let row = server
        .borrow()
        .users
        .iter()
        .find(|u| *u.username == **name)
        .cloned();
    let Some(row) = row else {
        return Ok(Value::None);
    };
    let ok = matches!(&password, Value::Str(p) if **p == *row.raw_password) && row.is_active;
    if !ok {
        return Ok(Value::None);
    }
    let user = User::new(server.clone(), row);
    *user.backend.borrow_mut() = Some(MODEL_BACKEND.into());
    Ok(Value::Native(user))
}

/// `update_session_auth_hash(request, user)`.
fn update_session_auth_hash(args: Vec<Value>, kwargs: Kwargs) -> Result<Value, PyException> {
    let a = Signature {
        qualname: "update_session_auth_hash",
        names: &["request", "user"],
        required: 2,
        method: false,
        var_kwargs: false,
    }
    .bind(args, kwargs)?;
    let request = request_arg(&a.req(0), "update_session_auth_hash")?;
    let user = a.req(1);
    let session = session(&request)?;
    store(&session).cycle_key()?;
    update_hash(&request, &session, &user)
}

/// The end of `update_session_auth_hash`: `request.user == user` (which evaluates the lazy
/// `request.user`), then the new hash.
fn update_hash(
    request: &Rc<dyn NativeObject>,
    session: &Value,
    user: &Value,
) -> Result<Value, PyException> {
    let Some(model) = as_model_user(user)? else {
        return Ok(Value::None);
    };
    // request.user == user: the same model and the same pk.
    let current = request.get_attr("user")?;
    let same = match as_model_user(&current)? {
        Some(c) => c.get_attr("pk")?.py_eq(&model.get_attr("pk")?),
        None => false,
    };
    if same {
        let hash = model.call_method("get_session_auth_hash", vec![], vec![])?;
        store(session).set_item(Value::str(HASH_SESSION_KEY), hash)?;
    }
    Ok(Value::None)
}

/// `request.auser` as `AuthenticationMiddleware` sets it: a coroutine function that looks the
/// user up once (`aget_user`) and keeps the answer for the request.
pub fn auser(server: SharedServer, session: Value) -> Value {
    let cached: Rc<RefCell<Option<Value>>> = Rc::new(RefCell::new(None));
    Value::async_native_function("auser", move |args, kwargs| {
        Signature {
            qualname: "auser",
            names: &[],
            required: 0,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        if let Some(u) = cached.borrow().clone() {
            return Ok(u);
        }
        let u = sync_to_async(&server, || get_user(&server, &session))?;
        *cached.borrow_mut() = Some(u.clone());
        Ok(u)
    })
}

/// `alogout(request)`: the user through `request.auser()` (not `request.user`), then the
/// session flushed and `request.user` replaced.
fn alogout(server: &SharedServer, args: Vec<Value>, kwargs: Kwargs) -> Result<Value, PyException> {
    let a = Signature {
        qualname: "alogout",
        names: &["request"],
        required: 1,
        method: false,
        var_kwargs: false,
    }
    .bind(args, kwargs)?;
    let request = request_arg(&a.req(0), "alogout")?;
    let session = session(&request)?;
    if request.get_attr("auser").is_ok() {
        sync_to_async(server, || get_user(server, &session))?;
    }
    sync_to_async(server, || store(&session).flush())?;
    if request.get_attr("user").is_ok() {
        request.set_attr("user", anonymous())?;
    }
    Ok(Value::None)
}

/// `aupdate_session_auth_hash(request, user)`: the key cycled through the async method, then
/// `request.user == user` evaluated in the event loop, as Django does.
fn aupdate_session_auth_hash(
    server: &SharedServer,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyException> {
    let a = Signature {
        qualname: "aupdate_session_auth_hash",
        names: &["request", "user"],
        required: 2,
        method: false,
        var_kwargs: false,
    }
    .bind(args, kwargs)?;
    let request = request_arg(&a.req(0), "aupdate_session_auth_hash")?;
    let session = session(&request)?;
    sync_to_async(server, || store(&session).cycle_key())?;
    update_hash(&request, &session, &a.req(1))
}

/// The modules views import: `django.contrib.auth`, `.decorators` and `.models`.
pub fn modules(server: SharedServer) -> Vec<(&'static str, Vec<(&'static str, Value)>)> {
    let s1 = server.clone();
    let s2 = server.clone();
    let s3 = server.clone();
    let auth = vec![
        (
            "authenticate",
            Value::native_function("authenticate", move |a, k| authenticate(&s1, a, k)),
        ),
        (
            "login",
            Value::native_function("login", move |a, k| login(&s2, a, k)),
        ),
        ("logout", Value::native_function("logout", logout)),
        (
            "get_user",
            Value::native_function("get_user", move |args, kwargs| {
                let a = Signature {
                    qualname: "get_user",
                    names: &["request"],
                    required: 1,
                    method: false,
                    var_kwargs: false,
                }
                .bind(args, kwargs)?;
                let request = request_arg(&a.req(0), "get_user")?;
                let session = session(&request)?;
                get_user(&s3, &session)
            }),
        ),
        (
            "update_session_auth_hash",
            Value::native_function("update_session_auth_hash", update_session_auth_hash),
        ),
        ("aauthenticate", {
            let s = server.clone();
            Value::async_native_function("aauthenticate", move |a, k| {
                sync_to_async(&s, || authenticate(&s, a, k))
            })
        }),
        ("alogin", {
            let s = server.clone();
            Value::async_native_function("alogin", move |a, k| {
                sync_to_async(&s, || login(&s, a, k))
            })
        }),
        ("alogout", {
            let s = server.clone();
            Value::async_native_function("alogout", move |a, k| alogout(&s, a, k))
        }),
        ("aget_user", {
            let s = server.clone();
            Value::async_native_function("aget_user", move |args, kwargs| {
                let a = Signature {
                    qualname: "aget_user",
                    names: &["request"],
                    required: 1,
                    method: false,
                    var_kwargs: false,
                }
                .bind(args, kwargs)?;
                let request = request_arg(&a.req(0), "aget_user")?;
                let session = session(&request)?;
                sync_to_async(&s, || get_user(&s, &session))
            })
        }),
        ("aupdate_session_auth_hash", {
            let s = server.clone();
            Value::async_native_function("aupdate_session_auth_hash", move |a, k| {
                aupdate_session_auth_hash(&s, a, k)
            })
        }),
        ("SESSION_KEY", Value::str(SESSION_KEY)),
        ("BACKEND_SESSION_KEY", Value::str(BACKEND_SESSION_KEY)),
        ("HASH_SESSION_KEY", Value::str(HASH_SESSION_KEY)),
        ("REDIRECT_FIELD_NAME", Value::str("next")),
    ];
    let models = vec![(
        "AnonymousUser",
        Value::native_function("AnonymousUser", |args, kwargs| {
            Signature {
                qualname: "AnonymousUser",
                names: &[],
                required: 0,
                method: false,
                var_kwargs: false,
            }
            .bind(args, kwargs)?;
            Ok(anonymous())
        }),
    )];
    vec![
        ("django.contrib.auth", auth),
        ("django.contrib.auth.decorators", decorators::members()),
        (
            "django.contrib.admin.views.decorators",
            vec![("staff_member_required", decorators::staff_member_required())],
        ),
        ("django.contrib.auth.models", models),
    ]
}

/// What the transcript's `user` shows: the user the request ended with, or `None` when
/// `request.user` was never read (reading it for the record would touch the session).
pub fn describe_request_user(request: &WsgiRequest) -> Option<serde_json::Value> {
    let user = request.get_attr("user").ok()?;
    let Value::Native(obj) = &user else {
        return None;
    };
    let resolved = match obj.as_any().downcast_ref::<LazyUser>() {
        Some(lazy) => lazy.peek()?,
        None => user.clone(),
    };
    let Value::Native(u) = &resolved else {
        return None;
    };
    let authenticated = u.get_attr("is_authenticated").ok()?.is_truthy();
    let username = crate::python::to_str(&u.get_attr("username").ok()?);
    let id = match u.get_attr("pk").ok()? {
        Value::None => serde_json::Value::Null,
        v => serde_json::Value::from(v.as_i64()?),
    };
    Some(serde_json::json!({
        "username": username,
        "id": id,
        "is_authenticated": authenticated,
    }))
}
