//! `django.contrib.messages` as Django 5.2 runs it: `MessageMiddleware` puts a storage on
//! `request._messages`; `messages.success(request, …)` and friends queue messages; iterating
//! `get_messages(request)` reads them (marking them used); at the response the storage keeps
//! what is left. Three storages, chosen by `MESSAGE_STORAGE`:
//!
//! - `CookieStorage`: a `messages` cookie signed like `signing.dumps` (Django's default
//!   `SIGNING_BACKEND` is the `TimestampSigner`; JSON, compressed when that is shorter), at
//!   most 2048 bytes;
//! - `SessionStorage`: `request.session['_messages']`, a JSON string;
//! - `FallbackStorage` (the default): the cookie first, the session for what does not fit.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::python::{repr, to_str, NativeObject, PyException, Value};

use super::cookies::SetCookie;
use super::http::Response;
use super::json;
use super::middleware::as_store;
use super::pyargs::{bind_method, Kwargs, Signature};
use super::settings::{Settings, SECRET_KEY};
use super::signing;

/// `MessageMiddleware`'s dotted path.
pub const MIDDLEWARE: &str = "django.contrib.messages.middleware.MessageMiddleware";
/// The storages `MESSAGE_STORAGE` may name.
pub const FALLBACK: &str = "django.contrib.messages.storage.fallback.FallbackStorage";
pub const SESSION: &str = "django.contrib.messages.storage.session.SessionStorage";
pub const COOKIE: &str = "django.contrib.messages.storage.cookie.CookieStorage";
/// `CookieStorage.cookie_name`, `max_cookie_size`, `not_finished`, `key_salt`.
pub const COOKIE_NAME: &str = "messages";
const MAX_COOKIE_SIZE: usize = 2048;
const NOT_FINISHED: &str = "__messagesnotfinished__";
const KEY_SALT: &str = "django.contrib.messages";
/// `SessionStorage.session_key`.
pub const SESSION_KEY: &str = "_messages";
const MESSAGE_KEY: &str = "__json_message";

/// The levels and their tags (`DEFAULT_TAGS`).
pub const LEVELS: &[(&str, i64, &str)] = &[
    ("DEBUG", 10, "debug"),
    ("INFO", 20, "info"),
    ("SUCCESS", 25, "success"),
    ("WARNING", 30, "warning"),
    ("ERROR", 40, "error"),
];

/// The exception classes messages adds.
pub const EXCEPTIONS: &[(&str, &str)] = &[("MessageFailure", "Exception")];

/// Which storage class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Fallback,
    Session,
    Cookie,
}

impl Backend {
    /// The storage `MESSAGE_STORAGE` names, if the simulator has it.
    pub fn parse(path: &str) -> Option<Backend> {
        match path {
            FALLBACK => Some(Backend::Fallback),
            SESSION => Some(Backend::Session),
            COOKIE => Some(Backend::Cookie),
            _ => None,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Backend::Fallback => "FallbackStorage",
            Backend::Session => "SessionStorage",
            Backend::Cookie => "CookieStorage",
        }
    }
}

/// A `Message`.
pub struct Message {
    level: i64,
    message: RefCell<Value>,
    extra_tags: RefCell<Option<Value>>,
}

impl Message {
    fn new(level: i64, message: Value, extra_tags: Option<Value>) -> Rc<Self> {
        Rc::new(Message {
            level,
            message: RefCell::new(message),
            extra_tags: RefCell::new(extra_tags),
        })
    }

    /// `_prepare()`: the message and the extra tags as strings.
    fn prepare(&self) {
        let m = to_str(&self.message.borrow());
        *self.message.borrow_mut() = Value::str(&m);
        let tags = self.extra_tags.borrow().as_ref().map(to_str);
        *self.extra_tags.borrow_mut() = tags.map(|t| Value::str(&t));
    }

    fn text(&self) -> String {
        to_str(&self.message.borrow())
    }

    fn level_tag(&self) -> &'static str {
        LEVELS
            .iter()
            .find(|(_, l, _)| *l == self.level)
            .map_or("", |(_, _, t)| t)
    }

    fn tags(&self) -> String {
        let extra = self.extra_tags.borrow().as_ref().map(to_str);
        [extra.unwrap_or_default(), self.level_tag().to_string()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The encoder's list: `["__json_message", 0, level, message(, extra_tags)]`.
    fn encoded(&self) -> Value {
        let mut items = vec![
            Value::str(MESSAGE_KEY),
            Value::int(0),
            Value::int(self.level),
            self.message.borrow().clone(),
        ];
        if let Some(tags) = self.extra_tags.borrow().clone() {
            items.push(tags);
        }
        Value::list(items)
    }
}

impl NativeObject for Message {
    fn type_name(&self) -> &str {
        "Message"
    }

    fn qualified_name(&self) -> String {
        "django.contrib.messages.storage.base.Message".into()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Ok(match name {
            "level" => Value::int(self.level),
            "message" => self.message.borrow().clone(),
            "extra_tags" => self.extra_tags.borrow().clone().unwrap_or(Value::None),
            "tags" => Value::str(&self.tags()),
            "level_tag" => Value::str(self.level_tag()),
            _ => {
                return Err(PyException::new(
                    "AttributeError",
                    format!("'Message' object has no attribute '{name}'"),
                ))
            }
        })
    }

    fn repr(&self) -> String {
        let extra = match self.extra_tags.borrow().as_ref() {
            Some(t) if t.is_truthy() => format!(", extra_tags={}", repr(t)),
            _ => String::new(),
        };
        format!(
            "Message(level={}, message={}{extra})",
            self.level,
            repr(&self.message.borrow())
        )
    }

    fn to_str(&self) -> String {
        self.text()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Decodes the JSON the storages write back into messages; other items (the not-finished
/// sentinel) are kept as they are, as `MessageDecoder` does.
fn decode_messages(value: &Value) -> Option<Vec<Value>> {
    let Value::List(items) = value else {
        return None;
    };
    let out = items
        .borrow()
        .iter()
        .map(|item| match item {
            Value::List(parts) => {
                let parts = parts.borrow();
                if parts
                    .first()
                    .is_some_and(|p| p.py_eq(&Value::str(MESSAGE_KEY)))
                {
                    let level = parts.get(2).and_then(Value::as_i64).unwrap_or(0);
                    let message = parts.get(3).cloned().unwrap_or(Value::None);
                    let extra = parts.get(4).cloned();
                    Value::Native(Message::new(level, message, extra))
                } else {
                    item.clone()
                }
            }
            other => other.clone(),
        })
        .collect();
    Some(out)
}

fn cookie_secret() -> String {
    format!("django.http.cookies{SECRET_KEY}")
}

/// `get_cookie_signer(salt).sign_object(...)` of the already serialised text at `now`:
/// `payload:timestamp:signature`.
pub fn sign_cookie(text: &str, now: i64) -> String {
    signing::dumps(text, KEY_SALT, &cookie_secret(), now, true)
}

/// `unsign_object(...)` (no age limit): the JSON text, if the signature holds.
pub fn unsign_cookie(value: &str, now: i64) -> Option<String> {
    signing::loads(value, KEY_SALT, &cookie_secret(), None, now).ok()
}

/// The message storage on `request._messages`.
pub struct Storage {
    backend: Backend,
    session: Value,
    cookie: Option<String>,
    request_repr: String,
    default_level: i64,
    now: i64,
    queued: RefCell<Vec<Rc<Message>>>,
    loaded: RefCell<Option<Vec<Value>>>,
    used: Cell<bool>,
    added_new: Cell<bool>,
    level: Cell<Option<i64>>,
    /// `FallbackStorage._used_storages`: whether messages were read from the cookie / the
    /// session.
    used_cookie: Cell<bool>,
    used_session: Cell<bool>,
}

fn msg(v: &Value) -> Option<Rc<Message>> {
    match v {
        Value::Native(obj) => obj.as_any().downcast_ref::<Message>().map(|m| {
            Message::new(
                m.level,
                m.message.borrow().clone(),
                m.extra_tags.borrow().clone(),
            )
        }),
        _ => None,
    }
}

impl Storage {
    /// `default_storage(request)` as `MessageMiddleware.process_request` builds it.
    pub fn new(
        backend: Backend,
        session: Value,
        cookie: Option<String>,
        request_repr: String,
        default_level: i64,
        now: i64,
    ) -> Rc<Self> {
        Rc::new(Storage {
            backend,
            session,
            cookie,
            request_repr,
            default_level,
            now,
            queued: RefCell::new(Vec::new()),
            loaded: RefCell::new(None),
            used: Cell::new(false),
            added_new: Cell::new(false),
            level: Cell::new(None),
            used_cookie: Cell::new(false),
            used_session: Cell::new(false),
        })
    }

    fn session(&self) -> Result<&super::session::SessionStore, PyException> {
        as_store(&self.session).ok_or_else(|| {
            PyException::new(
                "TypeError",
                "not supported in the simulator: messages with request.session replaced",
            )
        })
    }

    /// `CookieStorage._get()`.
    fn cookie_get(&self) -> (Option<Vec<Value>>, bool) {
        let messages = self
            .cookie
            .as_deref()
            .filter(|c| !c.is_empty())
            .and_then(|c| unsign_cookie(c, self.now))
            .and_then(|text| json::loads(&text).ok())
            .and_then(|v| decode_messages(&v));
        if self.cookie.as_deref().is_some_and(|c| !c.is_empty()) && messages.is_none() {
            self.used.set(true);
        }
        let Some(mut messages) = messages else {
            return (None, true);
        };
        let unfinished = messages
            .last()
            .is_some_and(|m| m.py_eq(&Value::str(NOT_FINISHED)));
        if unfinished {
            messages.pop();
        }
        (Some(messages), !unfinished)
    }

    /// `SessionStorage._get()`.
    fn session_get(&self) -> Result<(Option<Vec<Value>>, bool), PyException> {
        let data = self.session()?.get(&Value::str(SESSION_KEY), Value::None)?;
        let messages = match &data {
            Value::Str(s) if !s.is_empty() => json::loads(s).ok().and_then(|v| decode_messages(&v)),
            Value::None => None,
            other => decode_messages(other),
        };
        Ok((messages, true))
    }

    /// `_get()` of the storage.
    fn get(&self) -> Result<Vec<Value>, PyException> {
        Ok(match self.backend {
            Backend::Cookie => self.cookie_get().0.unwrap_or_default(),
            Backend::Session => self.session_get()?.0.unwrap_or_default(),
            Backend::Fallback => {
                let mut all = Vec::new();
                let (messages, done) = self.cookie_get();
                let Some(messages) = messages else {
                    return Ok(all);
                };
                if !messages.is_empty() {
                    self.used_cookie.set(true);
                }
                all.extend(messages);
                if done {
                    return Ok(all);
                }
                let (messages, _) = self.session_get()?;
                if let Some(messages) = messages {
                    if !messages.is_empty() {
                        self.used_session.set(true);
                    }
                    all.extend(messages);
                }
                all
            }
        })
    }

    /// `_loaded_messages`.
    fn loaded(&self) -> Result<Vec<Value>, PyException> {
        if let Some(l) = self.loaded.borrow().clone() {
            return Ok(l);
        }
        let l = self.get()?;
        *self.loaded.borrow_mut() = Some(l.clone());
        Ok(l)
    }

    fn current_level(&self) -> i64 {
        self.level.get().unwrap_or(self.default_level)
    }

    /// `storage.add(level, message, extra_tags)`.
    pub fn add(&self, level: i64, message: Value, extra_tags: Value) {
        if !message.is_truthy() || level < self.current_level() {
            return;
        }
        self.added_new.set(true);
        self.queued
            .borrow_mut()
            .push(Message::new(level, message, Some(extra_tags)));
    }

    /// `iter(storage)`: marks the messages used.
    fn iterate(&self) -> Result<Vec<Value>, PyException> {
        self.used.set(true);
        let mut loaded = self.loaded()?;
        let queued: Vec<Rc<Message>> = std::mem::take(&mut *self.queued.borrow_mut());
        loaded.extend(
            queued
                .into_iter()
                .map(|m| Value::Native(m as Rc<dyn NativeObject>)),
        );
        *self.loaded.borrow_mut() = Some(loaded.clone());
        Ok(loaded)
    }

    /// `CookieStorage._store(messages, response, remove_oldest)`; the messages that did not fit.
    fn cookie_store(
        &self,
        messages: Vec<Rc<Message>>,
        response: &mut Response,
        settings: &Settings,
        remove_oldest: bool,
    ) -> Vec<Rc<Message>> {
        let serialized: Vec<String> = messages
            .iter()
            .map(|m| json::dumps(&m.encoded()).unwrap_or_default())
            .collect();
        let now = self.now;
        let encode = |parts: &[String], empty: bool| -> Option<String> {
            (!parts.is_empty() || empty)
                .then(|| sign_cookie(&format!("[{}]", parts.join(",")), now))
        };
        let too_large =
            |data: &Option<String>| data.as_ref().is_some_and(|d| d.len() > MAX_COOKIE_SIZE);
        let sentinel = json::dumps(&Value::str(NOT_FINISHED)).unwrap_or_default();
        let with_sentinel = |parts: &[String]| {
            let mut p = parts.to_vec();
            p.push(sentinel.clone());
            encode(&p, true)
        };
        let mut encoded = encode(&serialized, false);
        let mut unstored = Vec::new();
        if too_large(&encoded) {
            let n = serialized.len();
            if remove_oldest {
                // bisect_keep_right: the first index from which the tail fits.
                let (mut lo, mut hi) = (0, n);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if too_large(&with_sentinel(&serialized[mid..])) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                unstored = messages[..lo].to_vec();
                encoded = with_sentinel(&serialized[lo..]);
            } else {
                // bisect_keep_left: the first prefix that is too large.
                let (mut lo, mut hi) = (0, n);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if too_large(&with_sentinel(&serialized[..mid + 1])) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                unstored = messages[lo..].to_vec();
                encoded = with_sentinel(&serialized[..lo]);
            }
        }
        match encoded {
            Some(value) => response.put_cookie(SetCookie {
                name: COOKIE_NAME.into(),
                value,
                max_age: None,
                expires: None,
                httponly: settings.cookie_httponly,
                secure: settings.cookie_secure,
                samesite: settings.cookie_samesite.attribute().map(str::to_string),
                path: "/".into(),
                domain: settings.cookie_domain.clone(),
                deleted: false,
            }),
            None => response.put_cookie(SetCookie {
                domain: settings.cookie_domain.clone(),
                ..SetCookie::delete(COOKIE_NAME, "/", settings.cookie_samesite.attribute())
            }),
        }
        unstored
    }

    /// `SessionStorage._store(messages, response)`.
    fn session_store(&self, messages: &[Rc<Message>]) -> Result<(), PyException> {
        let s = self.session()?;
        if messages.is_empty() {
            s.pop(&Value::str(SESSION_KEY), Some(Value::None))?;
            return Ok(());
        }
        // MessageEncoder().encode(messages): json.dumps with the default ", " and ": ".
        let parts: Vec<String> = messages
            .iter()
            .map(|m| {
                let Value::List(items) = m.encoded() else {
                    return String::new();
                };
                let items: Vec<String> = items
                    .borrow()
                    .iter()
                    .map(|v| json::dumps(v).unwrap_or_default())
                    .collect();
                format!("[{}]", items.join(", "))
            })
            .collect();
        s.set_item(
            Value::str(SESSION_KEY),
            Value::str(&format!("[{}]", parts.join(", "))),
        )
    }

    fn store(
        &self,
        messages: Vec<Rc<Message>>,
        response: &mut Response,
        settings: &Settings,
    ) -> Result<(), PyException> {
        match self.backend {
            Backend::Cookie => {
                self.cookie_store(messages, response, settings, true);
            }
            Backend::Session => self.session_store(&messages)?,
            Backend::Fallback => {
                let mut messages = messages;
                if !messages.is_empty() {
                    messages = self.cookie_store(messages, response, settings, false);
                } else if self.used_cookie.replace(false) {
                    self.cookie_store(Vec::new(), response, settings, false);
                }
                if !messages.is_empty() {
                    self.session_store(&messages)?;
                } else if self.used_session.replace(false) {
                    self.session_store(&[])?;
                }
            }
        }
        Ok(())
    }

    /// `update(response)`, as `MessageMiddleware.process_response` calls it.
    pub fn update(&self, response: &mut Response, settings: &Settings) -> Result<(), PyException> {
        for m in self.queued.borrow().iter() {
            m.prepare();
        }
        if self.used.get() {
            let queued = std::mem::take(&mut *self.queued.borrow_mut());
            return self.store(queued, response, settings);
        }
        if self.added_new.get() {
            let mut all: Vec<Rc<Message>> = self.loaded()?.iter().filter_map(msg).collect();
            all.extend(self.queued.borrow().iter().cloned());
            return self.store(all, response, settings);
        }
        Ok(())
    }
}

impl NativeObject for Storage {
    fn type_name(&self) -> &str {
        self.backend.class()
    }

    fn qualified_name(&self) -> String {
        let module = match self.backend {
            Backend::Fallback => "fallback",
            Backend::Session => "session",
            Backend::Cookie => "cookie",
        };
        format!(
            "django.contrib.messages.storage.{module}.{}",
            self.backend.class()
        )
    }

    fn has_method(&self, name: &str) -> bool {
        name == "add"
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Ok(match name {
            "level" => Value::int(self.current_level()),
            "used" => Value::Bool(self.used.get()),
            "added_new" => Value::Bool(self.added_new.get()),
            _ => {
                return Err(PyException::new(
                    "AttributeError",
                    format!(
                        "'{}' object has no attribute '{name}'",
                        self.backend.class()
                    ),
                ))
            }
        })
    }

    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        match name {
            "level" => {
                self.level.set(match value {
                    Value::None => None,
                    v => Some(level_of(&v)?),
                });
                Ok(())
            }
            _ => Err(PyException::new(
                "AttributeError",
                format!("not supported in the simulator: setting storage.{name}"),
            )),
        }
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        match name {
            "add" => {
                let a = bind_method(
                    "BaseStorage.add",
                    &["level", "message", "extra_tags"],
                    2,
                    args,
                    kwargs,
                )?;
                self.add(level_of(&a.req(0))?, a.req(1), a.get_or(2, Value::str("")));
                Ok(Value::None)
            }
            _ => Err(PyException::new(
                "AttributeError",
                format!(
                    "'{}' object has no attribute '{name}'",
                    self.backend.class()
                ),
            )),
        }
    }

    fn len(&self) -> Result<usize, PyException> {
        Ok(self.loaded()?.len() + self.queued.borrow().len())
    }

    fn truthy(&self) -> bool {
        self.len().is_ok_and(|n| n > 0)
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        self.iterate()
    }

    fn repr(&self) -> String {
        format!("<{}: request={}>", self.backend.class(), self.request_repr)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn level_of(v: &Value) -> Result<i64, PyException> {
    match v {
        Value::Int(_) | Value::Bool(_) => v.as_i64().ok_or_else(|| {
            PyException::new("OverflowError", "Python int too large to convert to C long")
        }),
        Value::Str(s) => s.trim().parse().map_err(|_| {
            PyException::new(
                "ValueError",
                format!("invalid literal for int() with base 10: {}", repr(v)),
            )
        }),
        Value::Float(f) => Ok(f.trunc() as i64),
        other => Err(PyException::new(
            "TypeError",
            format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ),
        )),
    }
}

fn storage_of(request: &Value) -> Result<Option<Rc<dyn NativeObject>>, PyException> {
    let Value::Native(req) = request else {
        return Err(PyException::new(
            "TypeError",
            format!(
                "add_message() argument must be an HttpRequest object, not '{}'.",
                request.type_name()
            ),
        ));
    };
    match req.get_attr("_messages") {
        Ok(Value::Native(s)) => Ok(Some(s)),
        _ => Ok(None),
    }
}

fn add_message(
    request: &Value,
    level: Value,
    message: Value,
    extra_tags: Value,
    fail_silently: bool,
) -> Result<Value, PyException> {
    match storage_of(request)? {
        Some(s) => s.call_method("add", vec![level, message, extra_tags], vec![]),
        None if fail_silently => Ok(Value::None),
        None => Err(PyException::new(
            "MessageFailure",
            "You cannot add messages without installing django.contrib.messages.middleware.MessageMiddleware",
        )),
    }
}

/// The members of `django.contrib.messages`.
pub fn module() -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    for (name, level, tag) in LEVELS {
        out.push((name, Value::int(*level)));
        let level = *level;
        out.push((
            tag,
            Value::native_function(tag, move |args, kwargs| {
                let a = Signature {
                    qualname: "add_message",
                    names: &["request", "message", "extra_tags", "fail_silently"],
                    required: 2,
                    method: false,
                    var_kwargs: false,
                }
                .bind(args, kwargs)?;
                add_message(
                    &a.req(0),
                    Value::int(level),
                    a.req(1),
                    a.get_or(2, Value::str("")),
                    a.get(3).is_some_and(|v| v.is_truthy()),
                )
            }),
        ));
    }
    out.push((
        "add_message",
        Value::native_function("add_message", |args, kwargs| {
            let a = Signature {
                qualname: "add_message",
                names: &["request", "level", "message", "extra_tags", "fail_silently"],
                required: 3,
                method: false,
                var_kwargs: false,
            }
            .bind(args, kwargs)?;
            add_message(
                &a.req(0),
                a.req(1),
                a.req(2),
                a.get_or(3, Value::str("")),
                a.get(4).is_some_and(|v| v.is_truthy()),
            )
        }),
    ));
    out.push((
        "get_messages",
        Value::native_function("get_messages", |args, kwargs| {
            let a = Signature {
                qualname: "get_messages",
                names: &["request"],
                required: 1,
                method: false,
                var_kwargs: false,
            }
            .bind(args, kwargs)?;
            Ok(match storage_of(&a.req(0))? {
                Some(s) => Value::Native(s),
                None => Value::list(vec![]),
            })
        }),
    ));
    out.push((
        "get_level",
        Value::native_function("get_level", |args, kwargs| {
            let a = Signature {
                qualname: "get_level",
                names: &["request"],
                required: 1,
                method: false,
                var_kwargs: false,
            }
            .bind(args, kwargs)?;
            match storage_of(&a.req(0))? {
                Some(s) => s.get_attr("level"),
                None => Ok(Value::int(20)),
            }
        }),
    ));
    out.push((
        "set_level",
        Value::native_function("set_level", |args, kwargs| {
            let a = Signature {
                qualname: "set_level",
                names: &["request", "level"],
                required: 2,
                method: false,
                var_kwargs: false,
            }
            .bind(args, kwargs)?;
            match storage_of(&a.req(0))? {
                Some(s) => {
                    s.set_attr("level", a.req(1))?;
                    Ok(Value::Bool(true))
                }
                None => Ok(Value::Bool(false)),
            }
        }),
    ));
    out.push(("MessageFailure", Value::exception_class("MessageFailure")));
    out
}

/// The storage behind `request._messages`, if the middleware put one there.
pub fn as_storage(value: &Value) -> Option<&Storage> {
    match value {
        Value::Native(obj) => obj.as_any().downcast_ref::<Storage>(),
        _ => None,
    }
}
