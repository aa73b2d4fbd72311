//! The objects behind `request.user`: a `User` row of `auth_user` as a model instance,
//! `AnonymousUser`, and the `SimpleLazyObject` that `AuthenticationMiddleware` puts on the
//! request (it looks the user up the first time something reads it).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::python::{repr, DateTime, PyException, Value};

use super::super::pyargs::{bind_method, no_args, Kwargs};
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
    /// The names of the groups the user is in (`user.groups`).
    pub groups: Vec<String>,
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

/// Which of `ModelBackend`'s permission sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PermSet {
    /// `get_user_permissions`: the user's own.
    User,
    /// `get_group_permissions`: those of the user's groups.
    Group,
    /// `get_all_permissions`: both.
    All,
}

impl PermSet {
    fn of_method(name: &str) -> Option<PermSet> {
        match name {
            "get_user_permissions" => Some(PermSet::User),
            "get_group_permissions" => Some(PermSet::Group),
            "get_all_permissions" => Some(PermSet::All),
            _ => None,
        }
    }
}

/// The sets `ModelBackend` caches on a user instance (`_user_perm_cache`,
/// `_group_perm_cache`, `_perm_cache`): computed once, kept even if the instance's
/// `is_superuser` changes afterwards.
#[derive(Default)]
struct PermCache {
    user: Option<Vec<String>>,
    group: Option<Vec<String>>,
    all: Option<Vec<String>>,
}

fn push_unique(out: &mut Vec<String>, items: &[String]) {
    for p in items {
        if !out.contains(p) {
            out.push(p.clone());
        }
    }
}

/// `Permission.objects.all()`: the migrated ones and every one the scenario declares.
fn every_permission(server: &SharedServer) -> Vec<String> {
    let s = server.borrow();
    let mut out: Vec<String> = super::MIGRATED_PERMISSIONS
        .iter()
        .map(|p| p.to_string())
        .collect();
    for u in &s.users {
        push_unique(&mut out, &u.permissions);
    }
    for g in &s.groups {
        push_unique(&mut out, &g.permissions);
    }
    out
}

/// `ModelBackend._get_permissions` for one source, uncached: a superuser has every
/// permission from each source.
fn fresh_permissions(server: &SharedServer, row: &UserRow, from: PermSet) -> Vec<String> {
    if row.is_superuser {
        return every_permission(server);
    }
    let mut out = Vec::new();
    match from {
        PermSet::User => push_unique(&mut out, &row.permissions),
        PermSet::Group | PermSet::All => {
            let s = server.borrow();
            for g in s.groups.iter().filter(|g| row.groups.contains(&g.name)) {
                push_unique(&mut out, &g.permissions);
            }
        }
    }
    out
}

fn perm_set_value(perms: &[String]) -> Value {
    let mut set = crate::python::Set::new();
    for p in perms {
        // Strings are always hashable.
        let _ = set.add(Value::str(p));
    }
    Value::set(set)
}

/// `has_perm`, `has_perms`, `has_module_perms` as `PermissionsMixin` and `ModelBackend`
/// answer them: an active superuser has every permission, an inactive user none, others
/// those of `get_all_permissions()` (`obj` given: none, as `ModelBackend` has no object
/// permissions).
fn permission_method(
    qualname: &str,
    name: &str,
    active: bool,
    superuser: bool,
    all: &dyn Fn() -> Vec<String>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyException> {
    let has = |perm: &Value, obj: &Value| -> bool {
        if active && superuser {
            return true;
        }
        active && obj.is_none() && matches!(perm, Value::Str(p) if all().iter().any(|o| **o == **p))
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
                        || all()
                            .iter()
                            .any(|p| p.split('.').next() == Some(label.as_str()))),
            ))
        }
    }
}

/// A row of `auth_group`: `<Group: name>`.
pub struct Group {
    pub id: i64,
    pub name: String,
}

impl crate::python::NativeObject for Group {
    fn type_name(&self) -> &str {
        "Group"
    }

    fn qualified_name(&self) -> String {
        "django.contrib.auth.models.Group".into()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "id" | "pk" => Ok(Value::int(self.id)),
            "name" => Ok(Value::str(&self.name)),
            "permissions" => Err(super::super::unsupported(
                "group.permissions (the simulator's groups are read through the user's permission methods)",
            )),
            _ => Err(PyException::attribute_error("Group", name)),
        }
    }

    fn eq_key(&self) -> Option<Value> {
        Some(Value::int(self.id))
    }

    fn repr(&self) -> String {
        format!("<Group: {}>", self.name)
    }

    fn to_str(&self) -> String {
        self.name.clone()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A group as a query set holds it: (id, name).
type GroupRow = (i64, String);

/// `user.groups` (a related manager; `AnonymousUser`'s is an empty one) and the query sets
/// it gives: groups by id, filtered by `name`, `name__in`, `id`/`pk`.
pub struct Groups {
    /// (id, name), in id order.
    rows: Vec<(i64, String)>,
    /// Whether this is the manager (else a query set).
    manager: bool,
    /// `ManyRelatedManager` or `EmptyManager`.
    manager_name: &'static str,
}

impl Groups {
    /// The groups a user row is in.
    pub fn of(server: &SharedServer, row: Option<&UserRow>) -> Rc<Groups> {
        let s = server.borrow();
        let rows = match row {
            Some(r) => s
                .groups
                .iter()
                .enumerate()
                .filter(|(_, g)| r.groups.contains(&g.name))
                .map(|(i, g)| (i as i64 + 1, g.name.clone()))
                .collect(),
            None => Vec::new(),
        };
        Rc::new(Groups {
            rows,
            manager: true,
            manager_name: if row.is_some() {
                "ManyRelatedManager"
            } else {
                "EmptyManager"
            },
        })
    }

    /// `AnonymousUser.groups`.
    pub fn empty() -> Rc<Groups> {
        Rc::new(Groups {
            rows: Vec::new(),
            manager: true,
            manager_name: "EmptyManager",
        })
    }

    fn query(&self, rows: Vec<(i64, String)>) -> Value {
        Value::Native(Rc::new(Groups {
            rows,
            manager: false,
            manager_name: self.manager_name,
        }))
    }

    fn group(row: &(i64, String)) -> Value {
        Value::Native(Rc::new(Group {
            id: row.0,
            name: row.1.clone(),
        }))
    }

    fn lookups(&self, kwargs: Kwargs, keep: bool) -> Result<Vec<(i64, String)>, PyException> {
        let mut rows = self.rows.clone();
        for (key, value) in kwargs {
            let test: Box<dyn Fn(&GroupRow) -> bool> = match &*key {
                "name" | "name__exact" => {
                    let v = value.clone();
                    Box::new(move |r| matches!(&v, Value::Str(s) if **s == *r.1))
                }
                "name__in" => {
                    let names: Vec<String> = super::super::pyargs::iterate(&value)?
                        .iter()
                        .filter_map(|v| match v {
                            Value::Str(s) => Some(s.to_string()),
                            _ => None,
                        })
                        .collect();
                    Box::new(move |r| names.contains(&r.1))
                }
                "id" | "pk" | "id__exact" | "pk__exact" => {
                    let v = value.clone();
                    Box::new(move |r| v == Value::int(r.0))
                }
                other => {
                    return Err(super::super::unsupported(format!(
                        "the group lookup {other}= (the simulator filters groups by name, name__in, id and pk)"
                    )))
                }
            };
            rows.retain(|r| test(r) == keep);
        }
        Ok(rows)
    }
}

impl crate::python::NativeObject for Groups {
    fn type_name(&self) -> &str {
        if self.manager {
            self.manager_name
        } else {
            "QuerySet"
        }
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "all" | "filter" | "exclude" | "count" | "exists" | "first" | "last"
        )
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        let owner = if self.manager {
            self.manager_name
        } else {
            "QuerySet"
        };
        let q = format!("{owner}.{name}");
        match name {
            "all" => {
                no_args(&q, args, kwargs)?;
                Ok(self.query(self.rows.clone()))
            }
            "filter" | "exclude" => {
                if !args.is_empty() {
                    return Err(super::super::unsupported(format!(
                        "{name}() with Q objects or positional arguments on groups"
                    )));
                }
                let rows = self.lookups(kwargs, name == "filter")?;
                Ok(self.query(rows))
            }
            "count" => {
                no_args(&q, args, kwargs)?;
                Ok(Value::int(self.rows.len() as i64))
            }
            "exists" => {
                no_args(&q, args, kwargs)?;
                Ok(Value::Bool(!self.rows.is_empty()))
            }
            "first" => {
                no_args(&q, args, kwargs)?;
                Ok(self.rows.first().map_or(Value::None, Groups::group))
            }
            "last" => {
                no_args(&q, args, kwargs)?;
                Ok(self.rows.last().map_or(Value::None, Groups::group))
            }
            _ => Err(PyException::attribute_error(owner, name)),
        }
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Err(PyException::attribute_error(self.type_name(), name))
    }

    fn len(&self) -> Result<usize, PyException> {
        if self.manager {
            return Err(PyException::new(
                "TypeError",
                format!("object of type '{}' has no len()", self.manager_name),
            ));
        }
        Ok(self.rows.len())
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        if self.manager {
            return Err(PyException::new(
                "TypeError",
                format!("'{}' object is not iterable", self.manager_name),
            ));
        }
        Ok(self.rows.iter().map(Groups::group).collect())
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        if self.manager {
            return Err(PyException::new(
                "TypeError",
                format!("'{}' object is not subscriptable", self.manager_name),
            ));
        }
        match key {
            Value::Int(_) => {
                let i = crate::python::to_str(key).parse::<i64>().unwrap_or(-1);
                if i < 0 {
                    return Err(PyException::new(
                        "ValueError",
                        "Negative indexing is not supported.",
                    ));
                }
                self.rows
                    .get(i as usize)
                    .map(Groups::group)
                    .ok_or_else(|| PyException::new("IndexError", "list index out of range"))
            }
            other => Err(PyException::new(
                "TypeError",
                format!(
                    "QuerySet indices must be integers or slices, not {}.",
                    other.type_name()
                ),
            )),
        }
    }

    fn truthy(&self) -> bool {
        self.manager || !self.rows.is_empty()
    }

    fn repr(&self) -> String {
        if self.manager {
            return "auth.Group.None".into();
        }
        let items: Vec<String> = self
            .rows
            .iter()
            .map(|r| format!("<Group: {}>", r.1))
            .collect();
        format!("<QuerySet [{}]>", items.join(", "))
    }

    fn to_str(&self) -> String {
        self.repr()
    }

    fn as_any(&self) -> &dyn Any {
        self
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
    perm_cache: RefCell<PermCache>,
}

impl User {
    pub fn new(server: SharedServer, row: UserRow) -> Rc<Self> {
        Rc::new(User {
            server,
            row: RefCell::new(row),
            backend: RefCell::new(None),
            attrs: RefCell::new(Vec::new()),
            perm_cache: RefCell::new(PermCache::default()),
        })
    }

    /// `ModelBackend.get_user_permissions` / `get_group_permissions` /
    /// `get_all_permissions` for this instance (`obj` given or inactive: none), cached on
    /// the instance as Django caches them.
    pub fn permissions(&self, from: PermSet, obj: &Value) -> Vec<String> {
        let row = self.row.borrow().clone();
        if !row.is_active || !obj.is_none() {
            return Vec::new();
        }
        let source = |from: PermSet, cache: &mut PermCache| -> Vec<String> {
            let slot = match from {
                PermSet::User => &mut cache.user,
                _ => &mut cache.group,
            };
            slot.get_or_insert_with(|| fresh_permissions(&self.server, &row, from))
                .clone()
        };
        let mut cache = self.perm_cache.borrow_mut();
        match from {
            PermSet::All => {
                if cache.all.is_none() {
                    let mut all = source(PermSet::User, &mut cache);
                    push_unique(&mut all, &source(PermSet::Group, &mut cache));
                    cache.all = Some(all);
                }
                cache.all.clone().unwrap_or_default()
            }
            other => source(other, &mut cache),
        }
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
                | "get_user_permissions"
                | "get_group_permissions"
                | "get_all_permissions"
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
            "groups" => Value::Native(Groups::of(&self.server, Some(&row))),
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
                no_args("AbstractBaseUser.get_username", args, kwargs)?;
                Ok(Value::str(&self.username()))
            }
            "get_full_name" | "get_short_name" => {
                no_args(&format!("AbstractUser.{name}"), args, kwargs)?;
                Ok(Value::str(""))
            }
            "has_perm" | "has_perms" | "has_module_perms" => {
                let row = self.row.borrow().clone();
                permission_method(
                    "PermissionsMixin",
                    name,
                    row.is_active,
                    row.is_superuser,
                    &|| self.permissions(PermSet::All, &Value::None),
                    args,
                    kwargs,
                )
            }
            _ if PermSet::of_method(name).is_some() => {
                let a = bind_method(
                    &format!("PermissionsMixin.{name}"),
                    &["obj"],
                    0,
                    args,
                    kwargs,
                )?;
                let from = PermSet::of_method(name).unwrap_or(PermSet::All);
                Ok(perm_set_value(
                    &self.permissions(from, &a.get_or(0, Value::None)),
                ))
            }
            "has_usable_password" => {
                no_args("AbstractBaseUser.has_usable_password", args, kwargs)?;
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
                no_args("Model.save", args, kwargs)?;
                crate::django::session::async_unsafe(&self.server)?;
                self.save(None);
                Ok(Value::None)
            }
            "asave" => {
                no_args("Model.asave", args, kwargs)?;
                // The row as it is now, written when the coroutine is awaited.
                let copy = User::new(self.server.clone(), self.row.borrow().clone());
                Ok(crate::python::native_coroutine("Model.asave", move || {
                    copy.save(None);
                    Ok(Value::None)
                }))
            }
            "get_session_auth_hash" => {
                no_args("AbstractBaseUser.get_session_auth_hash", args, kwargs)?;
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
            "get_username"
                | "has_perm"
                | "has_perms"
                | "has_module_perms"
                | "get_user_permissions"
                | "get_group_permissions"
                | "get_all_permissions"
        )
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Ok(match name {
            "id" | "pk" => Value::None,
            "username" => Value::str(""),
            "is_staff" | "is_active" | "is_superuser" | "is_authenticated" => Value::Bool(false),
            "is_anonymous" => Value::Bool(true),
            "groups" => Value::Native(Groups::empty()),
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
                no_args("AnonymousUser.get_username", args, kwargs)?;
                Ok(Value::str(""))
            }
            "has_perm" | "has_perms" | "has_module_perms" => {
                permission_method("AnonymousUser", name, false, false, &Vec::new, args, kwargs)
            }
            _ if PermSet::of_method(name).is_some() => {
                bind_method(&format!("AnonymousUser.{name}"), &["obj"], 0, args, kwargs)?;
                Ok(perm_set_value(&[]))
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
