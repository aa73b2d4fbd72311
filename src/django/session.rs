//! `request.session`: Django 5.2's `SessionStore` for the `db`, `cache` and `signed_cookies`
//! engines, with the same laziness, flags and quirks, and the server-side storage it talks to.
//!
//! The store is a Python object for the interpreter ([`NativeObject`](crate::python::NativeObject)) and a Rust API for the
//! middleware and the runner. Reading it for display ([`SessionStore::peek`]) never changes
//! `accessed` or loads anything into it.

use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::python::{DateTime, Dict, DictViewKind, PyException, PyType, TimeDelta, Value};

use super::json;
use super::keys::{self, KeyGen};
use super::pyargs::{as_f64, bind_method, iterate, unsupported_operands, Kwargs};
use super::settings::{Engine, Settings, SECRET_KEY};
use super::signing;

/// The prefix of the cache engine's cache keys.
pub const CACHE_KEY_PREFIX: &str = "django.contrib.sessions.cache";
/// The prefix of the cached_db engine's cache keys.
pub const CACHED_DB_KEY_PREFIX: &str = "django.contrib.sessions.cached_db";
/// The characters of a session key the file engine accepts (`VALID_KEY_CHARS`).
pub fn valid_file_key(key: &str) -> bool {
    key.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn invalid_session_key() -> PyException {
    PyException::new("InvalidSessionKey", "Invalid characters in session key")
}
/// `SessionBase.TEST_COOKIE_NAME` / `TEST_COOKIE_VALUE`.
pub const TEST_COOKIE_NAME: &str = "testcookie";
pub const TEST_COOKIE_VALUE: &str = "worked";

const MICROS: i128 = 1_000_000;

/// A row of the `django_session` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbRow {
    /// `session_data`: the encoded (signed, base64) JSON.
    pub data: String,
    /// `expire_date`, in microseconds since the epoch.
    pub expire_micros: i128,
    /// The row's place in the table (SQLite's rowid): the order of a query without
    /// `order_by`. An update keeps it; a new row gets the next.
    pub rowid: u64,
}

/// An entry of the local-memory cache: a private copy of the Python value (as pickling
/// gives) and when it expires.
#[derive(Clone)]
pub struct CacheEntry {
    pub value: Value,
    /// Epoch seconds; `None` never expires.
    pub expires_at: Option<f64>,
}

/// A file of the file engine: its text (the encoded session, or empty for a placeholder) and
/// its modification time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    pub data: String,
    /// Epoch seconds of the last write.
    pub mtime: i64,
}

/// A stored session, for display: its key, decoded data and expiry.
#[derive(Clone)]
pub struct StoredSession {
    pub key: String,
    pub data: Value,
    /// Seconds from now until it expires (`None`: never).
    pub expires_in: Option<f64>,
}

/// The server side shared by every request: settings, clock, key generator, the
/// `django_session` table and the cache.
pub struct Server {
    pub settings: Settings,
    /// The virtual clock, in epoch seconds.
    pub now: i64,
    pub keys: KeyGen,
    pub db: BTreeMap<String, DbRow>,
    /// Cache entries by session key (the cache or cached_db engine's prefix left out).
    pub cache: BTreeMap<String, CacheEntry>,
    /// The file engine's files by session key (the file name without the cookie-name prefix).
    pub files: BTreeMap<String, FileEntry>,
    /// The `auth_user` table.
    pub users: Vec<super::auth::UserRow>,
    /// The `auth_group` table (ids from 1 in this order) with each group's permissions.
    pub groups: Vec<super::auth::GroupSpec>,
    /// How many passwords have been hashed (each hash gets its own salt).
    pub passwords_set: u64,
    /// An async view is running: a synchronous database query raises
    /// `SynchronousOnlyOperation`, as Django's `async_unsafe` does in an event loop.
    pub async_context: bool,
    /// The last rowid given to a `django_session` row.
    pub next_rowid: u64,
}

/// The server, shared by the stores of the requests.
pub type SharedServer = Rc<RefCell<Server>>;

impl Server {
    /// An empty server.
    pub fn new(settings: Settings, now: i64, seed: Option<u64>) -> Self {
        Server {
            settings,
            now,
            keys: KeyGen::new(seed),
            db: BTreeMap::new(),
            cache: BTreeMap::new(),
            files: BTreeMap::new(),
            users: Vec::new(),
            groups: Vec::new(),
            passwords_set: 0,
            async_context: false,
            next_rowid: 0,
        }
    }

    /// Wrapped for sharing.
    pub fn shared(self) -> SharedServer {
        Rc::new(RefCell::new(self))
    }

    fn now_micros(&self) -> i128 {
        i128::from(self.now) * MICROS
    }

    /// `timezone.now()`: an aware UTC datetime.
    pub fn now_datetime(&self) -> DateTime {
        DateTime::from_unix_micros(self.now_micros(), true).expect("the clock is in range")
    }

    fn cache_expired(&self, entry: &CacheEntry) -> bool {
        entry.expires_at.is_some_and(|at| at <= self.now as f64)
    }

    /// `cache.get(key)`: a fresh copy of the value, dropping an expired entry.
    pub fn cache_get(&mut self, key: &str) -> Option<Value> {
        let expired = self.cache.get(key).map(|e| self.cache_expired(e))?;
        if expired {
            self.cache.remove(key);
            return None;
        }
        self.cache.get(key).map(|e| e.value.deep_copy())
    }

    /// `key in cache`.
    pub fn cache_has(&self, key: &str) -> bool {
        self.cache.get(key).is_some_and(|e| !self.cache_expired(e))
    }

    fn cache_store(&mut self, key: &str, value: &Value, timeout: Option<f64>) {
        // A timeout of 0 means "expire now" to Django's cache API.
        let expires_at = timeout.map(|t| {
            let t = if t == 0.0 { -1.0 } else { t };
            self.now as f64 + t
        });
        self.cache.insert(
            key.to_string(),
            CacheEntry {
                value: value.deep_copy(),
                expires_at,
            },
        );
    }

    /// `cache.delete(key)`.
    pub fn cache_delete(&mut self, key: &str) {
        self.cache.remove(key);
    }

    /// Removes db rows that expired before now (`clearsessions` on the db engine).
    pub fn clear_expired_db(&mut self) -> usize {
        let now = self.now_micros();
        let before = self.db.len();
        self.db.retain(|_, row| row.expire_micros >= now);
        before - self.db.len()
    }

    /// `clear_expired()` of the file engine: every file that loads as expired is removed.
    pub fn clear_expired_files(&mut self) -> usize {
        let cookie_age = self.settings.cookie_age;
        let now = self.now;
        let before = self.files.len();
        self.files.retain(|key, file| {
            if !valid_file_key(key) || file.data.is_empty() {
                return true;
            }
            let data = decode_stored(&file.data, now);
            !matches!(file_expiry_age(&data, file.mtime, cookie_age, now), Ok(Some(age)) if age <= 0.0)
        });
        before - self.files.len()
    }

    /// The live cache entries, sorted by session key (for cached_db, the copies in the cache).
    pub fn cached(&self) -> Vec<StoredSession> {
        let now = self.now as f64;
        self.cache
            .iter()
            .filter(|(_, e)| !self.cache_expired(e))
            .map(|(key, e)| StoredSession {
                key: key.clone(),
                data: e.value.deep_copy(),
                expires_in: e.expires_at.map(|at| at - now),
            })
            .collect()
    }

    /// The stored sessions of an engine, sorted by key: db rows (expired ones included),
    /// live cache entries or files (expired ones included); none for signed cookies. For
    /// cached_db these are the rows; [`Server::cached`] has the cache's copies.
    pub fn stored(&self, engine: Engine) -> Vec<StoredSession> {
        match engine {
            Engine::File => self
                .files
                .iter()
                .map(|(key, file)| {
                    let data = if file.data.is_empty() {
                        Dict::new()
                    } else {
                        decode_stored(&file.data, self.now)
                    };
                    let expires_in =
                        file_expiry_age(&data, file.mtime, self.settings.cookie_age, self.now)
                            .ok()
                            .flatten();
                    StoredSession {
                        key: key.clone(),
                        data: Value::dict(data),
                        expires_in,
                    }
                })
                .collect(),
            Engine::Cache => self.cached(),
            Engine::Db | Engine::CachedDb => self
                .db
                .iter()
                .map(|(key, row)| StoredSession {
                    key: key.clone(),
                    data: Value::dict(decode_stored(&row.data, self.now)),
                    expires_in: Some(
                        (row.expire_micros - self.now_micros()) as f64 / MICROS as f64,
                    ),
                })
                .collect(),
            Engine::SignedCookies => Vec::new(),
        }
    }
}

/// The file engine's idea of a session's remaining life: `get_expiry_age(expiry=
/// _expiry_date(data))`, where the expiry is `_session_expiry` or the file's modification time
/// plus `SESSION_COOKIE_AGE`. A number of seconds stored by `set_expiry(300)` is returned
/// as it is (the file engine never counts it down). `None` when the value is of a kind
/// `get_expiry_age` hands back unchanged and that is not a number.
pub fn file_expiry_age(
    data: &Dict,
    mtime: i64,
    cookie_age: i64,
    now: i64,
) -> Result<Option<f64>, PyException> {
    let expiry = data.get_str("_session_expiry").filter(Value::is_truthy);
    let secs = |d: &DateTime| -> Result<f64, PyException> {
        let now = DateTime::from_unix_micros(i128::from(now) * MICROS, true)?;
        let delta = d.sub(&now)?;
        Ok((delta.days * 86_400 + delta.seconds) as f64)
    };
    match expiry {
        None => Ok(Some(secs(&file_expiry_date(mtime, cookie_age)?)?)),
        Some(Value::Str(text)) => Ok(Some(secs(&fromisoformat(&text)?)?)),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::Float(_))) => Ok(as_f64(&v)),
        Some(_) => Ok(None),
    }
}

/// `_last_modification() + timedelta(seconds=SESSION_COOKIE_AGE)`, raising as Python does
/// when the age is too large for a timedelta or the sum for a datetime.
fn file_expiry_date(mtime: i64, cookie_age: i64) -> Result<DateTime, PyException> {
    let age = TimeDelta::new(0, cookie_age, 0)?;
    DateTime::from_unix_micros(i128::from(mtime) * MICROS, true)?.add(&age)
}

/// A file's text decoded (`{}` for an empty placeholder or one that does not verify).
pub fn decode_file(text: &str, now: i64) -> Dict {
    if text.is_empty() {
        Dict::new()
    } else {
        decode_stored(text, now)
    }
}

/// `SessionBase.decode`: a stored value back to a dict, `{}` when it does not verify.
pub fn decode_stored(text: &str, now: i64) -> Dict {
    signing::loads(text, signing::STORE_SALT, SECRET_KEY, None, now)
        .ok()
        .and_then(|json_text| json::loads(&json_text).ok())
        .and_then(|v| match v {
            Value::Dict(d) => Some(d.borrow().clone()),
            _ => None,
        })
        .unwrap_or_default()
}

#[derive(Default)]
struct State {
    /// `__session_key`, already validated.
    key: Option<String>,
    /// `_session_cache`; `None` until loaded.
    cache: Option<Rc<RefCell<Dict>>>,
    /// The `accessed` / `modified` attributes (`None` once deleted).
    accessed: Option<Value>,
    modified: Option<Value>,
    /// Attributes a view set on the store.
    attrs: Vec<(String, Value)>,
}

/// `request.session`.
#[derive(Clone)]
pub struct SessionStore {
    server: SharedServer,
    engine: Engine,
    state: Rc<RefCell<State>>,
}

/// The methods of `SessionStore`, with the class that defines each (for messages).
const BASE_METHODS: &[&str] = &[
    "get",
    "pop",
    "setdefault",
    "set_test_cookie",
    "test_cookie_worked",
    "delete_test_cookie",
    "encode",
    "decode",
    "update",
    "has_key",
    "keys",
    "values",
    "items",
    "clear",
    "is_empty",
    "flush",
    "cycle_key",
    "get_session_cookie_age",
    "get_expiry_age",
    "get_expiry_date",
    "set_expiry",
    "get_expire_at_browser_close",
    "_get_new_session_key",
];
const ENGINE_METHODS: &[&str] = &[
    "exists",
    "create",
    "save",
    "delete",
    "load",
    "clear_expired",
];

/// A synchronous database query: refused inside an async view, as Django's `async_unsafe`
/// refuses it when an event loop runs in the thread.
pub fn async_unsafe(server: &SharedServer) -> Result<(), PyException> {
    if server.borrow().async_context {
        Err(PyException::new(
            "SynchronousOnlyOperation",
            "You cannot call this from an async context - use a thread or sync_to_async.",
        ))
    } else {
        Ok(())
    }
}

/// Runs `f` as `sync_to_async` does: in a thread without the event loop, so database
/// queries are allowed.
pub fn sync_to_async<T>(server: &SharedServer, f: impl FnOnce() -> T) -> T {
    let before = std::mem::replace(&mut server.borrow_mut().async_context, false);
    let r = f();
    server.borrow_mut().async_context = before;
    r
}

/// The methods with an `a`-prefixed coroutine twin (Django 5.1+), by their sync name.
const ASYNC_TWINS: &[&str] = &[
    "get",
    "set",
    "setdefault",
    "update",
    "pop",
    "has_key",
    "keys",
    "values",
    "items",
    "flush",
    "cycle_key",
    "set_expiry",
    "get_expiry_age",
    "get_expiry_date",
    "get_expire_at_browser_close",
    "set_test_cookie",
    "test_cookie_worked",
    "delete_test_cookie",
    "exists",
    "create",
    "save",
    "delete",
    "load",
    "clear_expired",
];

/// The instance methods of a store (the classmethod `clear_expired` and its twin left out).
pub fn method_names() -> Vec<String> {
    let mut out: Vec<String> = BASE_METHODS
        .iter()
        .chain(ENGINE_METHODS)
        .filter(|n| **n != "clear_expired")
        .map(|n| n.to_string())
        .collect();
    out.extend(
        ASYNC_TWINS
            .iter()
            .filter(|n| **n != "clear_expired")
            .map(|n| format!("a{n}")),
    );
    out
}

/// The sync method an async twin runs (`aget` → `get`).
fn async_twin(name: &str) -> Option<&str> {
    name.strip_prefix('a').filter(|s| ASYNC_TWINS.contains(s))
}

fn key_error(key: &Value) -> PyException {
    PyException::with_args("KeyError", vec![key.clone()])
}

fn truthy(v: &Option<Value>) -> bool {
    v.as_ref().is_some_and(Value::is_truthy)
}

impl SessionStore {
    /// `SessionStore(session_key)`, as `SessionMiddleware.process_request` builds it from the
    /// cookie.
    pub fn new(server: SharedServer, engine: Engine, session_key: Option<&str>) -> Self {
        SessionStore {
            server,
            engine,
            state: Rc::new(RefCell::new(State {
                key: keys::validate(session_key),
                cache: None,
                accessed: Some(Value::Bool(false)),
                modified: Some(Value::Bool(false)),
                attrs: Vec::new(),
            })),
        }
    }

    /// A synchronous database query from inside an async view fails as Django's
    /// `async_unsafe` makes it fail.
    fn db_guard(&self) -> Result<(), PyException> {
        async_unsafe(&self.server)
    }

    /// `s.aget(…)` and the other twins: the arguments as given, the sync method run when the
    /// coroutine is awaited, outside the async-unsafe check (Django runs the query through
    /// `sync_to_async`).
    fn call_async(
        &self,
        name: &str,
        sync: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        let qualname = format!(
            "{}.{name}",
            self.qualname(sync)
                .split('.')
                .next()
                .unwrap_or("SessionBase")
        );
        // Python binds a coroutine function's arguments at the call, before any coroutine
        // exists: a wrong call raises there, with the async method's name.
        self.check_twin_args(&qualname, sync, &args, &kwargs)?;
        let this = self.clone();
        let sync = sync.to_string();
        Ok(crate::python::native_coroutine(&qualname, move || {
            let server = this.server.clone();
            sync_to_async(&server, || {
                if sync == "set" {
                    bind_method("SessionBase.aset", &["key", "value"], 2, args, kwargs)
                        .and_then(|a| this.set_item(a.req(0), a.req(1)))
                        .map(|()| Value::None)
                } else {
                    this.call(&sync, args, kwargs)
                }
            })
        }))
    }

    /// The parameters of an async twin, as its `async def` declares them.
    fn check_twin_args(
        &self,
        qualname: &str,
        sync: &str,
        args: &[Value],
        kwargs: &Kwargs,
    ) -> Result<(), PyException> {
        let (names, required, var_kwargs): (&[&str], usize, bool) = match sync {
            "get" | "pop" => (&["key", "default"], 1, false),
            "set" | "setdefault" => (&["key", "value"], 2, false),
            "update" => (&["dict_"], 1, false),
            "has_key" => (&["key"], 1, false),
            "set_expiry" => (&["value"], 1, false),
            "get_expiry_age" | "get_expiry_date" => (&[], 0, true),
            "exists" if self.engine == Engine::SignedCookies => (&["session_key"], 0, false),
            "exists" => (&["session_key"], 1, false),
            "save" => (&["must_create"], 0, false),
            "delete" => (&["session_key"], 0, false),
            _ => (&[], 0, false),
        };
        super::pyargs::Signature {
            qualname,
            names,
            required,
            method: true,
            var_kwargs,
        }
        .bind(args.to_vec(), kwargs.clone())
        .map(|_| ())
    }

    /// The engine.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The shared server.
    pub fn server(&self) -> &SharedServer {
        &self.server
    }

    /// `session_key`.
    pub fn session_key(&self) -> Option<String> {
        self.state.borrow().key.clone()
    }

    fn set_key(&self, key: Option<&str>) {
        self.state.borrow_mut().key = keys::validate(key);
    }

    /// The `accessed` attribute (`None` if a view deleted it).
    pub fn accessed(&self) -> Option<Value> {
        self.state.borrow().accessed.clone()
    }

    /// The `modified` attribute (`None` if a view deleted it).
    pub fn modified(&self) -> Option<Value> {
        self.state.borrow().modified.clone()
    }

    /// Whether `accessed` is true.
    pub fn was_accessed(&self) -> bool {
        truthy(&self.state.borrow().accessed)
    }

    /// Whether `modified` is true.
    pub fn was_modified(&self) -> bool {
        truthy(&self.state.borrow().modified)
    }

    fn set_accessed(&self) {
        self.state.borrow_mut().accessed = Some(Value::Bool(true));
    }

    fn set_modified(&self, value: bool) {
        self.state.borrow_mut().modified = Some(Value::Bool(value));
    }

    /// Whether the data has been loaded (`_session_cache` exists).
    pub fn is_loaded(&self) -> bool {
        self.state.borrow().cache.is_some()
    }

    fn now(&self) -> i64 {
        self.server.borrow().now
    }

    fn now_datetime(&self) -> DateTime {
        self.server.borrow().now_datetime()
    }

    fn cookie_age(&self) -> i64 {
        self.server.borrow().settings.cookie_age
    }

    /// `_get_session()`: sets `accessed` and loads the data on first use.
    pub fn data(&self) -> Result<Rc<RefCell<Dict>>, PyException> {
        self.data_with(false)
    }

    fn data_with(&self, no_load: bool) -> Result<Rc<RefCell<Dict>>, PyException> {
        self.set_accessed();
        if let Some(cache) = self.state.borrow().cache.clone() {
            return Ok(cache);
        }
        let dict = if self.session_key().is_none() || no_load {
            Dict::new()
        } else {
            self.load()?
        };
        let cache = Rc::new(RefCell::new(dict));
        self.state.borrow_mut().cache = Some(cache.clone());
        Ok(cache)
    }

    /// The session's contents without touching it: the loaded data, or what loading would
    /// give (the stored data for a valid key, else `{}`).
    pub fn peek(&self) -> Dict {
        if let Some(cache) = &self.state.borrow().cache {
            return cache.borrow().clone();
        }
        let Some(key) = self.session_key() else {
            return Dict::new();
        };
        let mut server = self.server.borrow_mut();
        match self.engine {
            Engine::Db => {
                let now = server.now_micros();
                match server.db.get(&key) {
                    Some(row) if row.expire_micros > now => decode_stored(&row.data, server.now),
                    _ => Dict::new(),
                }
            }
            Engine::Cache => match server.cache_get(&key) {
                Some(Value::Dict(d)) => d.borrow().clone(),
                _ => Dict::new(),
            },
            Engine::CachedDb => match server.cache_get(&key) {
                Some(Value::Dict(d)) => d.borrow().clone(),
                _ => {
                    let now = server.now_micros();
                    match server.db.get(&key) {
                        Some(row) if row.expire_micros > now => {
                            decode_stored(&row.data, server.now)
                        }
                        _ => Dict::new(),
                    }
                }
            },
            Engine::File => {
                let Some(file) = server.files.get(&key).filter(|_| valid_file_key(&key)) else {
                    return Dict::new();
                };
                if file.data.is_empty() {
                    return Dict::new();
                }
                let data = decode_stored(&file.data, server.now);
                match file_expiry_age(&data, file.mtime, server.settings.cookie_age, server.now) {
                    // A load that raises shows as empty, as the harness records it.
                    Ok(Some(age)) if age <= 0.0 => Dict::new(),
                    Err(_) => Dict::new(),
                    _ => data,
                }
            }
            Engine::SignedCookies => {
                let age = server.settings.cookie_age;
                signed_load(&key, age, server.now).unwrap_or_default()
            }
        }
    }

    /// `load()`: the engine reads the stored data. db/cache forget a key that is not
    /// stored (or expired); signed cookies mark a bad cookie for re-sending.
    pub fn load(&self) -> Result<Dict, PyException> {
        match self.engine {
            Engine::Db => {
                self.db_guard()?;
                let key = self.session_key();
                let found = {
                    let server = self.server.borrow();
                    let now = server.now_micros();
                    key.and_then(|k| server.db.get(&k).cloned())
                        .filter(|row| row.expire_micros > now)
                        .map(|row| decode_stored(&row.data, server.now))
                };
                match found {
                    Some(d) => Ok(d),
                    None => {
                        self.set_key(None);
                        Ok(Dict::new())
                    }
                }
            }
            Engine::Cache => {
                let cache_key = self.get_or_create_key();
                let found = self.server.borrow_mut().cache_get(&cache_key);
                match found {
                    Some(Value::Dict(d)) => Ok(d.borrow().clone()),
                    _ => {
                        self.set_key(None);
                        Ok(Dict::new())
                    }
                }
            }
            Engine::SignedCookies => {
                let key = self.session_key().unwrap_or_default();
                match signed_load(&key, self.cookie_age(), self.now()) {
                    Some(d) => Ok(d),
                    None => {
                        self.create()?;
                        Ok(Dict::new())
                    }
                }
            }
            Engine::CachedDb => {
                let cache_key = self.get_or_create_key();
                let cached = self.server.borrow_mut().cache_get(&cache_key);
                if let Some(Value::Dict(d)) = cached {
                    return Ok(d.borrow().clone());
                }
                self.db_guard()?;
                let found = {
                    let server = self.server.borrow();
                    let now = server.now_micros();
                    server
                        .db
                        .get(&cache_key)
                        .filter(|row| row.expire_micros > now)
                        .map(|row| (decode_stored(&row.data, server.now), row.expire_micros))
                };
                match found {
                    Some((data, expire_micros)) => {
                        // get_expiry_age(expiry=s.expire_date): whole seconds until the row
                        // expires.
                        let left = (expire_micros - self.server.borrow().now_micros())
                            .div_euclid(MICROS) as f64;
                        self.server.borrow_mut().cache_store(
                            &cache_key,
                            &Value::dict(data.clone()),
                            Some(left),
                        );
                        Ok(data)
                    }
                    None => {
                        self.set_key(None);
                        Ok(Dict::new())
                    }
                }
            }
            Engine::File => self.load_file(),
        }
    }

    /// The file engine's `load()`: a missing file or a key with other characters than
    /// lower-case letters and digits forgets the key; an expired file is deleted and a new
    /// key is created at once (an empty file is written under it).
    fn load_file(&self) -> Result<Dict, PyException> {
        let key = self.get_or_create_key();
        if !valid_file_key(&key) {
            self.set_key(None);
            return Ok(Dict::new());
        }
        let file = self.server.borrow().files.get(&key).cloned();
        let Some(file) = file else {
            self.set_key(None);
            return Ok(Dict::new());
        };
        if file.data.is_empty() {
            return Ok(Dict::new());
        }
        let data = decode_stored(&file.data, self.now());
        let expiry = match data.get_str("_session_expiry").filter(Value::is_truthy) {
            Some(v) => v,
            None => Value::DateTime(file_expiry_date(file.mtime, self.cookie_age())?),
        };
        let age = self.get_expiry_age(None, Some(expiry))?;
        let expired = match &age {
            Value::Int(_) | Value::Bool(_) | Value::Float(_) => {
                as_f64(&age).is_some_and(|a| a <= 0.0)
            }
            other => {
                return Err(PyException::new(
                    "TypeError",
                    format!(
                        "'<=' not supported between instances of '{}' and 'int'",
                        other.error_type_name()
                    ),
                ))
            }
        };
        if expired {
            self.delete(None)?;
            self.create()?;
            return Ok(Dict::new());
        }
        Ok(data)
    }

    // ----- the dict API -----

    /// `s[key]`.
    pub fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        let data = self.data()?;
        let found = data.borrow().get(key)?;
        found.ok_or_else(|| key_error(key))
    }

    /// `s[key] = value`.
    pub fn set_item(&self, key: Value, value: Value) -> Result<(), PyException> {
        let data = self.data()?;
        data.borrow_mut().insert(key, value)?;
        self.set_modified(true);
        Ok(())
    }

    /// `del s[key]`.
    pub fn del_item(&self, key: &Value) -> Result<(), PyException> {
        let data = self.data()?;
        let removed = data.borrow_mut().remove(key)?;
        removed.ok_or_else(|| key_error(key))?;
        self.set_modified(true);
        Ok(())
    }

    /// `key in s`.
    pub fn contains(&self, key: &Value) -> Result<bool, PyException> {
        let data = self.data()?;
        let found = data.borrow().contains(key)?;
        Ok(found)
    }

    /// `s.get(key, default)`.
    pub fn get(&self, key: &Value, default: Value) -> Result<Value, PyException> {
        let data = self.data()?;
        let found = data.borrow().get(key)?;
        Ok(found.unwrap_or(default))
    }

    /// `s.pop(key[, default])`.
    pub fn pop(&self, key: &Value, default: Option<Value>) -> Result<Value, PyException> {
        if !self.was_modified() {
            let present = self.contains(key)?;
            self.set_modified(present);
        }
        let data = self.data()?;
        let removed = data.borrow_mut().remove(key)?;
        match (removed, default) {
            (Some(v), _) => Ok(v),
            (None, Some(d)) => Ok(d),
            (None, None) => Err(key_error(key)),
        }
    }

    /// `s.setdefault(key, value)`.
    pub fn setdefault(&self, key: Value, value: Value) -> Result<Value, PyException> {
        if self.contains(&key)? {
            return self.get_item(&key);
        }
        self.set_item(key, value.clone())?;
        Ok(value)
    }

    /// `s.update(other)`: a mapping (anything with `keys()`) or pairs.
    pub fn update(&self, other: &Value) -> Result<(), PyException> {
        let data = self.data()?;
        let pairs = mapping_pairs(other)?;
        {
            let mut d = data.borrow_mut();
            for (k, v) in pairs {
                d.insert(k, v)?;
            }
        }
        self.set_modified(true);
        Ok(())
    }

    /// `s.clear()`: a new empty dict, the key kept.
    pub fn clear(&self) {
        let mut st = self.state.borrow_mut();
        st.cache = Some(Rc::new(RefCell::new(Dict::new())));
        st.accessed = Some(Value::Bool(true));
        st.modified = Some(Value::Bool(true));
    }

    /// `s.is_empty()`: no key and no (loaded) data.
    pub fn is_empty(&self) -> bool {
        let st = self.state.borrow();
        if st.key.is_some() {
            return false;
        }
        st.cache.as_ref().is_none_or(|c| c.borrow().is_empty())
    }

    /// `s.flush()`: empty, deleted from the store, key dropped.
    pub fn flush(&self) -> Result<(), PyException> {
        self.clear();
        self.delete(None)?;
        self.set_key(None);
        Ok(())
    }

    /// `s.cycle_key()`: the same data under a new key.
    pub fn cycle_key(&self) -> Result<(), PyException> {
        if self.engine == Engine::SignedCookies {
            return self.save(false);
        }
        let data = self.data()?;
        let old = self.session_key();
        self.create()?;
        self.state.borrow_mut().cache = Some(data);
        if let Some(old) = old {
            self.delete(Some(old))?;
        }
        Ok(())
    }

    // ----- storage -----

    /// `s.exists(key)`; the file engine refuses a key with other characters than lower-case
    /// letters and digits (`InvalidSessionKey`).
    pub fn exists(&self, key: &str) -> Result<bool, PyException> {
        let cached = !key.is_empty() && self.server.borrow().cache_has(key);
        if self.engine == Engine::Db || (self.engine == Engine::CachedDb && !cached) {
            self.db_guard()?;
        }
        let server = self.server.borrow();
        Ok(match self.engine {
            Engine::Db => server.db.contains_key(key),
            Engine::Cache => !key.is_empty() && server.cache_has(key),
            Engine::CachedDb => {
                (!key.is_empty() && server.cache_has(key)) || server.db.contains_key(key)
            }
            Engine::File => {
                if !valid_file_key(key) {
                    return Err(invalid_session_key());
                }
                server.files.contains_key(key)
            }
            Engine::SignedCookies => false,
        })
    }

    fn new_key(&self) -> String {
        loop {
            let key = self.server.borrow_mut().keys.next_key();
            // A refused query (async context) lets the key through; the save that follows
            // raises the same error.
            if !self.exists(&key).unwrap_or(false) {
                return key;
            }
        }
    }

    fn get_or_create_key(&self) -> String {
        if let Some(key) = self.session_key() {
            return key;
        }
        let key = self.new_key();
        self.set_key(Some(&key));
        key
    }

    /// `s.create()`: a new key, saved at once (db/cache); signed cookies only set `modified`.
    pub fn create(&self) -> Result<(), PyException> {
        if self.engine == Engine::SignedCookies {
            self.set_modified(true);
            return Ok(());
        }
        loop {
            let key = self.new_key();
            self.set_key(Some(&key));
            match self.save(true) {
                Err(e) if &*e.kind == "CreateError" => continue,
                Err(e) => return Err(e),
                Ok(()) => break,
            }
        }
        self.set_modified(true);
        Ok(())
    }

    /// `s.save(must_create)`. Raises `CreateError` / `UpdateError` (by name) when the row or
    /// entry is unexpectedly there / gone.
    pub fn save(&self, must_create: bool) -> Result<(), PyException> {
        match self.engine {
            Engine::SignedCookies => {
                let data = self.data()?;
                let text = json::dumps(&Value::Dict(data))?;
                let signed = signing::dumps(
                    &text,
                    signing::SIGNED_COOKIES_SALT,
                    SECRET_KEY,
                    self.now(),
                    true,
                );
                self.set_key(Some(&signed));
                self.set_modified(true);
                Ok(())
            }
            Engine::Db | Engine::CachedDb => {
                self.db_guard()?;
                if self.session_key().is_none() {
                    self.create()?;
                    return self.save_to_cache();
                }
                let data = self.data_with(must_create)?;
                let key = self.get_or_create_key();
                let encoded = self.encode(&Value::Dict(data))?;
                let expire = match self.get_expiry_date(None, None)? {
                    Value::DateTime(d) => d,
                    other => {
                        return Err(PyException::new(
                            "TypeError",
                            format!(
                                "expected a datetime for expire_date, got {}",
                                other.type_name()
                            ),
                        ))
                    }
                };
                // A naive expiry is taken as UTC, as the database layer does.
                let mut server = self.server.borrow_mut();
                let exists = server.db.contains_key(&key);
                if must_create && exists {
                    return Err(PyException::new("CreateError", ""));
                }
                if !must_create && !exists {
                    return Err(PyException::new("UpdateError", ""));
                }
                let rowid = match server.db.get(&key) {
                    Some(row) => row.rowid,
                    None => {
                        server.next_rowid += 1;
                        server.next_rowid
                    }
                };
                server.db.insert(
                    key,
                    DbRow {
                        data: encoded,
                        expire_micros: expire.unix_micros(),
                        rowid,
                    },
                );
                drop(server);
                self.save_to_cache()
            }
            Engine::File => {
                if self.session_key().is_none() {
                    return self.create();
                }
                let data = self.data_with(must_create)?;
                let key = self.get_or_create_key();
                if !valid_file_key(&key) {
                    return Err(invalid_session_key());
                }
                let exists = self.server.borrow().files.contains_key(&key);
                if must_create && exists {
                    return Err(PyException::new("CreateError", ""));
                }
                if !must_create && !exists {
                    return Err(PyException::new("UpdateError", ""));
                }
                let now = self.now();
                if !exists {
                    // os.open(O_CREAT | O_EXCL): an empty placeholder, there even when
                    // encoding fails below.
                    self.server.borrow_mut().files.insert(
                        key.clone(),
                        FileEntry {
                            data: String::new(),
                            mtime: now,
                        },
                    );
                }
                let encoded = self.encode(&Value::Dict(data))?;
                self.server.borrow_mut().files.insert(
                    key,
                    FileEntry {
                        data: encoded,
                        mtime: now,
                    },
                );
                Ok(())
            }
            Engine::Cache => {
                if self.session_key().is_none() {
                    return self.create();
                }
                if !must_create {
                    let key = self.get_or_create_key();
                    if self.server.borrow_mut().cache_get(&key).is_none() {
                        return Err(PyException::new("UpdateError", ""));
                    }
                }
                let key = self.get_or_create_key();
                let data = self.data_with(must_create)?;
                let age = self.get_expiry_age(None, None)?;
                let timeout = match &age {
                    Value::None => None,
                    v => Some(as_f64(v).ok_or_else(|| unsupported_operands("+", "float", v))?),
                };
                let mut server = self.server.borrow_mut();
                if must_create && server.cache_has(&key) {
                    return Err(PyException::new("CreateError", ""));
                }
                server.cache_store(&key, &Value::Dict(data), timeout);
                Ok(())
            }
        }
    }

    /// cached_db's save after the row is written: `cache.set(cache_key, _session,
    /// get_expiry_age())`.
    fn save_to_cache(&self) -> Result<(), PyException> {
        if self.engine != Engine::CachedDb {
            return Ok(());
        }
        let key = self.get_or_create_key();
        let data = self.data()?;
        let age = self.get_expiry_age(None, None)?;
        let timeout = match &age {
            Value::None => None,
            v => Some(as_f64(v).ok_or_else(|| unsupported_operands("+", "float", v))?),
        };
        self.server
            .borrow_mut()
            .cache_store(&key, &Value::Dict(data), timeout);
        Ok(())
    }

    /// `s.delete(key)`: removes the stored session (signed cookies: empties this one).
    pub fn delete(&self, key: Option<String>) -> Result<(), PyException> {
        if self.engine == Engine::SignedCookies {
            let mut st = self.state.borrow_mut();
            st.key = None;
            st.cache = Some(Rc::new(RefCell::new(Dict::new())));
            st.modified = Some(Value::Bool(true));
            return Ok(());
        }
        let Some(key) = key.or_else(|| self.session_key()) else {
            return Ok(());
        };
        if self.engine == Engine::File && !valid_file_key(&key) {
            return Err(invalid_session_key());
        }
        if matches!(self.engine, Engine::Db | Engine::CachedDb) {
            self.db_guard()?;
        }
        let mut server = self.server.borrow_mut();
        match self.engine {
            Engine::Db => {
                server.db.remove(&key);
            }
            Engine::CachedDb => {
                server.db.remove(&key);
                server.cache_delete(&key);
            }
            Engine::File => {
                server.files.remove(&key);
            }
            _ => {
                server.cache_delete(&key);
            }
        }
        Ok(())
    }

    /// `s.encode(data)`: signed, compressed JSON, as stored in `session_data`.
    pub fn encode(&self, data: &Value) -> Result<String, PyException> {
        let text = json::dumps(data)?;
        Ok(signing::dumps(
            &text,
            signing::STORE_SALT,
            SECRET_KEY,
            self.now(),
            true,
        ))
    }

    /// `SessionStore.clear_expired()`: db and cached_db delete expired rows, the file engine
    /// expired files; cache and signed cookies do nothing.
    pub fn clear_expired(&self) {
        clear_expired(&self.server, self.engine);
    }

    // ----- expiry -----

    fn expiry_arg(&self, expiry: Option<Value>) -> Result<Value, PyException> {
        match expiry {
            Some(v) => Ok(v),
            None => self.get(&Value::str("_session_expiry"), Value::None),
        }
    }

    /// `s.get_expiry_age(modification=…, expiry=…)`: seconds until expiry.
    pub fn get_expiry_age(
        &self,
        modification: Option<Value>,
        expiry: Option<Value>,
    ) -> Result<Value, PyException> {
        let modification = modification.unwrap_or(Value::DateTime(self.now_datetime()));
        let expiry = self.expiry_arg(expiry)?;
        if !expiry.is_truthy() {
            return Ok(Value::int(self.cookie_age()));
        }
        let expiry = match expiry {
            Value::Str(s) => fromisoformat(&s)?,
            Value::DateTime(d) => d,
            other => return Ok(other),
        };
        let delta = match &modification {
            Value::DateTime(m) => expiry.sub(m)?,
            other => return Err(unsupported_operands("-", "datetime.datetime", other)),
        };
        Ok(Value::int(delta.days * 86_400 + delta.seconds))
    }

    /// `s.get_expiry_date(modification=…, expiry=…)`.
    pub fn get_expiry_date(
        &self,
        modification: Option<Value>,
        expiry: Option<Value>,
    ) -> Result<Value, PyException> {
        let modification = modification.unwrap_or(Value::DateTime(self.now_datetime()));
        let expiry = self.expiry_arg(expiry)?;
        match expiry {
            Value::DateTime(d) => return Ok(Value::DateTime(d)),
            Value::Str(s) => return Ok(Value::DateTime(fromisoformat(&s)?)),
            _ => {}
        }
        let seconds = if expiry.is_truthy() {
            expiry
        } else {
            Value::int(self.cookie_age())
        };
        let delta = timedelta_seconds(&seconds)?;
        match &modification {
            Value::DateTime(m) => Ok(Value::DateTime(m.add(&delta)?)),
            other => Err(PyException::new(
                "TypeError",
                format!(
                    "unsupported operand type(s) for +: '{}' and 'datetime.timedelta'",
                    other.error_type_name()
                ),
            )),
        }
    }

    /// `s.set_expiry(value)`: seconds, a datetime or timedelta (stored as an ISO string),
    /// `0` for browser close, `None` to go back to the global policy.
    pub fn set_expiry(&self, value: Value) -> Result<(), PyException> {
        let key = Value::str("_session_expiry");
        let value = match value {
            Value::None => {
                return match self.del_item(&key) {
                    Err(e) if &*e.kind == "KeyError" => Ok(()),
                    other => other,
                };
            }
            Value::TimeDelta(delta) => Value::str(&self.now_datetime().add(&delta)?.isoformat()),
            Value::DateTime(d) => Value::str(&d.isoformat()),
            other => other,
        };
        self.set_item(key, value)
    }

    /// `s.get_expire_at_browser_close()`.
    pub fn get_expire_at_browser_close(&self) -> Result<bool, PyException> {
        let expiry = self.get(&Value::str("_session_expiry"), Value::None)?;
        if expiry.is_none() {
            return Ok(self.server.borrow().settings.expire_at_browser_close);
        }
        Ok(expiry.py_eq(&Value::int(0)))
    }

    // ----- attributes -----

    fn qualname(&self, method: &str) -> String {
        if ENGINE_METHODS.contains(&method)
            || (self.engine == Engine::SignedCookies && method == "cycle_key")
            || (self.engine == Engine::CachedDb && method == "flush")
        {
            format!("SessionStore.{method}")
        } else {
            format!("SessionBase.{method}")
        }
    }

    fn user_attr(&self, name: &str) -> Option<Value> {
        self.state
            .borrow()
            .attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    fn read_only_property(&self, name: &str) -> bool {
        matches!(name, "session_key" | "key_salt" | "_session")
            || (self.engine.uses_cache() && name == "cache_key")
    }

    fn call(&self, name: &str, args: Vec<Value>, kwargs: Kwargs) -> Result<Value, PyException> {
        if let Some(sync) = async_twin(name) {
            return self.call_async(name, sync, args, kwargs);
        }
        let q = self.qualname(name);
        let none = Value::None;
        let bind = |names: &[&str], required: usize, args: Vec<Value>, kwargs: Kwargs| {
            bind_method(&q, names, required, args, kwargs)
        };
        match name {
            "get" => {
                let a = bind(&["key", "default"], 1, args, kwargs)?;
                self.get(&a.req(0), a.get_or(1, Value::None))
            }
            "pop" => {
                let a = bind(&["key", "default"], 1, args, kwargs)?;
                self.pop(&a.req(0), a.get(1))
            }
            "setdefault" => {
                let a = bind(&["key", "value"], 2, args, kwargs)?;
                self.setdefault(a.req(0), a.req(1))
            }
            "set_test_cookie" => {
                bind(&[], 0, args, kwargs)?;
                self.set_item(Value::str(TEST_COOKIE_NAME), Value::str(TEST_COOKIE_VALUE))?;
                Ok(none)
            }
            "test_cookie_worked" => {
                bind(&[], 0, args, kwargs)?;
                let v = self.get(&Value::str(TEST_COOKIE_NAME), Value::None)?;
                Ok(Value::Bool(v.py_eq(&Value::str(TEST_COOKIE_VALUE))))
            }
            "delete_test_cookie" => {
                bind(&[], 0, args, kwargs)?;
                self.del_item(&Value::str(TEST_COOKIE_NAME))?;
                Ok(none)
            }
            "encode" => {
                let a = bind(&["session_dict"], 1, args, kwargs)?;
                Ok(Value::str(&self.encode(&a.req(0))?))
            }
            "decode" => {
                let a = bind(&["session_data"], 1, args, kwargs)?;
                let data = match a.req(0) {
                    Value::Str(s) => decode_stored(&s, self.now()),
                    _ => Dict::new(),
                };
                Ok(Value::dict(data))
            }
            "update" => {
                let a = bind(&["dict_"], 1, args, kwargs)?;
                self.update(&a.req(0))?;
                Ok(none)
            }
            "has_key" => {
                let a = bind(&["key"], 1, args, kwargs)?;
                Ok(Value::Bool(self.contains(&a.req(0))?))
            }
            "keys" | "values" | "items" => {
                bind(&[], 0, args, kwargs)?;
                let kind = match name {
                    "keys" => DictViewKind::Keys,
                    "values" => DictViewKind::Values,
                    _ => DictViewKind::Items,
                };
                Ok(Value::dict_view(self.data()?, kind))
            }
            "clear" => {
                bind(&[], 0, args, kwargs)?;
                self.clear();
                Ok(none)
            }
            "is_empty" => {
                bind(&[], 0, args, kwargs)?;
                Ok(Value::Bool(self.is_empty()))
            }
            "flush" => {
                bind(&[], 0, args, kwargs)?;
                self.flush()?;
                Ok(none)
            }
            "cycle_key" => {
                bind(&[], 0, args, kwargs)?;
                self.cycle_key()?;
                Ok(none)
            }
            "exists" => {
                let a = if self.engine == Engine::SignedCookies {
                    bind(&["session_key"], 0, args, kwargs)?
                } else {
                    bind(&["session_key"], 1, args, kwargs)?
                };
                Ok(Value::Bool(match a.req(0) {
                    Value::Str(s) => self.exists(&s)?,
                    _ => false,
                }))
            }
            "create" => {
                bind(&[], 0, args, kwargs)?;
                self.create()?;
                Ok(none)
            }
            "save" => {
                let a = bind(&["must_create"], 0, args, kwargs)?;
                self.save(a.get(0).is_some_and(|v| v.is_truthy()))?;
                Ok(none)
            }
            "delete" => {
                let a = bind(&["session_key"], 0, args, kwargs)?;
                let key = match a.get(0) {
                    Some(Value::Str(s)) => Some(s.to_string()),
                    _ => None,
                };
                self.delete(key)?;
                Ok(none)
            }
            "load" => {
                bind(&[], 0, args, kwargs)?;
                Ok(Value::dict(self.load()?))
            }
            "clear_expired" => {
                bind(&[], 0, args, kwargs)?;
                if matches!(self.engine, Engine::Db | Engine::CachedDb) {
                    self.db_guard()?;
                }
                self.clear_expired();
                Ok(none)
            }
            "_get_new_session_key" => {
                bind(&[], 0, args, kwargs)?;
                Ok(Value::str(&self.new_key()))
            }
            "get_session_cookie_age" => {
                bind(&[], 0, args, kwargs)?;
                Ok(Value::int(self.cookie_age()))
            }
            "get_expiry_age" | "get_expiry_date" => {
                let a = super::pyargs::Signature {
                    qualname: &q,
                    names: &[],
                    required: 0,
                    method: true,
                    var_kwargs: true,
                }
                .bind(args, kwargs)?;
                let find = |n: &str| {
                    a.extra
                        .iter()
                        .find(|(k, _)| &**k == n)
                        .map(|(_, v)| v.clone())
                };
                let (m, e) = (find("modification"), find("expiry"));
                if name == "get_expiry_age" {
                    self.get_expiry_age(m, e)
                } else {
                    self.get_expiry_date(m, e)
                }
            }
            "set_expiry" => {
                let a = bind(&["value"], 1, args, kwargs)?;
                self.set_expiry(a.req(0))?;
                Ok(none)
            }
            "get_expire_at_browser_close" => {
                bind(&[], 0, args, kwargs)?;
                Ok(Value::Bool(self.get_expire_at_browser_close()?))
            }
            _ => Err(PyException::new(
                "AttributeError",
                format!("'SessionStore' object has no attribute '{name}'"),
            )),
        }
    }
}

/// `SessionStore.clear_expired()` of an engine (what `manage.py clearsessions` runs): how
/// many rows or files it removed.
pub fn clear_expired(server: &SharedServer, engine: Engine) -> usize {
    let mut server = server.borrow_mut();
    match engine {
        Engine::Db | Engine::CachedDb => server.clear_expired_db(),
        Engine::File => server.clear_expired_files(),
        Engine::Cache | Engine::SignedCookies => 0,
    }
}

/// The pairs `dict.update(other)` would take from `other`.
fn mapping_pairs(other: &Value) -> Result<Vec<(Value, Value)>, PyException> {
    match other {
        Value::Dict(d) => return Ok(d.borrow().items()),
        Value::Native(obj) if obj.has_method("keys") => {
            let keys = obj.call_method("keys", vec![], vec![])?;
            let mut out = Vec::new();
            for k in iterate(&keys)? {
                let v = obj.get_item(&k)?;
                out.push((k, v));
            }
            return Ok(out);
        }
        _ => {}
    }
    let mut out = Vec::new();
    for (i, item) in iterate(other)?.into_iter().enumerate() {
        let parts = match &item {
            Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) => {
                iterate(&item)?
            }
            _ => {
                return Err(PyException::new(
                    "TypeError",
                    format!("cannot convert dictionary update sequence element #{i} to a sequence"),
                ))
            }
        };
        if parts.len() != 2 {
            return Err(PyException::new(
                "ValueError",
                format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    parts.len()
                ),
            ));
        }
        let mut parts = parts.into_iter();
        let k = parts.next().expect("two parts");
        let v = parts.next().expect("two parts");
        out.push((k, v));
    }
    Ok(out)
}

/// The signed-cookie engine's `load`: the data when the signature holds and is younger than
/// `SESSION_COOKIE_AGE`.
fn signed_load(value: &str, max_age: i64, now: i64) -> Option<Dict> {
    let text = signing::loads(
        value,
        signing::SIGNED_COOKIES_SALT,
        SECRET_KEY,
        Some(max_age),
        now,
    )
    .ok()?;
    match json::loads(&text).ok()? {
        Value::Dict(d) => Some(d.borrow().clone()),
        _ => None,
    }
}

/// `timedelta(seconds=value)`.
fn timedelta_seconds(value: &Value) -> Result<TimeDelta, PyException> {
    match value {
        Value::Int(_) | Value::Bool(_) => {
            let secs = value.as_i64().ok_or_else(|| {
                PyException::new("OverflowError", "Python int too large to convert to C int")
            })?;
            TimeDelta::new(0, secs, 0)
        }
        Value::Float(f) => {
            if !f.is_finite() {
                return Err(PyException::new(
                    "ValueError",
                    format!(
                        "cannot convert float {} to integer",
                        crate::python::repr(value)
                    ),
                ));
            }
            let micros = (f * 1e6).round_ties_even();
            TimeDelta::from_micros(micros as i128)
        }
        other => Err(PyException::new(
            "TypeError",
            format!(
                "unsupported type for timedelta seconds component: {}",
                other.error_type_name()
            ),
        )),
    }
}

fn invalid_isoformat(text: &str) -> PyException {
    PyException::new(
        "ValueError",
        format!(
            "Invalid isoformat string: {}",
            crate::python::repr(&Value::str(text))
        ),
    )
}

fn digits(text: &str, n: usize) -> Option<(i64, &str)> {
    let head = text.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &text[n..]))
}

/// Python 3.11's `datetime.fromisoformat` for the forms sessions meet: `YYYY-MM-DD` (or
/// `YYYYMMDD`), then optionally one separator and `HH[:MM[:SS[.ffffff]]]`, then optionally
/// `Z` or `±HH[:MM]`. An offset is converted to UTC.
pub fn fromisoformat(text: &str) -> Result<DateTime, PyException> {
    let bad = || invalid_isoformat(text);
    let (year, month, day, rest) = if text.get(4..5) == Some("-") {
        let (y, r) = digits(text, 4).ok_or_else(bad)?;
        let r = r.strip_prefix('-').ok_or_else(bad)?;
        let (m, r) = digits(r, 2).ok_or_else(bad)?;
        let r = r.strip_prefix('-').ok_or_else(bad)?;
        let (d, r) = digits(r, 2).ok_or_else(bad)?;
        (y, m, d, r)
    } else {
        let (y, r) = digits(text, 4).ok_or_else(bad)?;
        let (m, r) = digits(r, 2).ok_or_else(bad)?;
        let (d, r) = digits(r, 2).ok_or_else(bad)?;
        (y, m, d, r)
    };
    let (mut hour, mut minute, mut second, mut micro) = (0, 0, 0, 0);
    let mut offset: Option<i64> = None;
    if !rest.is_empty() {
        let mut chars = rest.chars();
        chars.next();
        let mut r = chars.as_str();
        let (h, r2) = digits(r, 2).ok_or_else(bad)?;
        hour = h;
        r = r2;
        let colon = r.starts_with(':');
        let take_part = |r: &str| -> Option<(i64, usize)> {
            let body = if colon { r.strip_prefix(':')? } else { r };
            let (v, _) = digits(body, 2)?;
            Some((v, r.len() - body.len() + 2))
        };
        if let Some((m, used)) = take_part(r) {
            minute = m;
            r = &r[used..];
            if let Some((s, used)) = take_part(r) {
                second = s;
                r = &r[used..];
                if let Some(frac) = r.strip_prefix(['.', ',']) {
                    let n = frac.bytes().take_while(u8::is_ascii_digit).count();
                    if n == 0 {
                        return Err(bad());
                    }
                    let mut f: String = frac[..n.min(6)].to_string();
                    while f.len() < 6 {
                        f.push('0');
                    }
                    micro = f.parse().map_err(|_| bad())?;
                    r = &frac[n..];
                }
            }
        }
        if !r.is_empty() {
            if r == "Z" {
                offset = Some(0);
            } else {
                let sign = match r.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return Err(bad()),
                };
                let body = &r[1..];
                let (oh, b) = digits(body, 2).ok_or_else(bad)?;
                let b = b.strip_prefix(':').unwrap_or(b);
                let (om, b) = if b.is_empty() {
                    (0, b)
                } else {
                    digits(b, 2).ok_or_else(bad)?
                };
                let b = b.strip_prefix(':').unwrap_or(b);
                let (os, b) = if b.is_empty() {
                    (0, b)
                } else {
                    digits(b, 2).ok_or_else(bad)?
                };
                if !b.is_empty() {
                    return Err(bad());
                }
                offset = Some(sign * (oh * 3600 + om * 60 + os));
            }
        }
    }
    let dt = DateTime::new(
        year,
        month,
        day,
        hour,
        minute,
        second,
        micro,
        offset.is_some(),
    )?;
    match offset {
        Some(secs) if secs != 0 => {
            DateTime::from_unix_micros(dt.unix_micros() - i128::from(secs) * MICROS, true)
        }
        _ => Ok(dt),
    }
}

impl crate::python::NativeObject for SessionStore {
    fn type_name(&self) -> &str {
        "SessionStore"
    }

    fn qualified_name(&self) -> String {
        format!("{}.SessionStore", self.engine.module())
    }

    fn native_class(&self) -> Option<Rc<crate::python::NativeClass>> {
        Some(super::store_class::store_class(&self.server, self.engine))
    }

    fn has_method(&self, name: &str) -> bool {
        if self.user_attr(name).is_some() {
            return false;
        }
        BASE_METHODS.contains(&name) || ENGINE_METHODS.contains(&name) || async_twin(name).is_some()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        if let Some(v) = self.user_attr(name) {
            return Ok(v);
        }
        let missing = || {
            PyException::new(
                "AttributeError",
                format!("'SessionStore' object has no attribute '{name}'"),
            )
        };
        match name {
            "session_key" => Ok(self.session_key().map_or(Value::None, |k| Value::str(&k))),
            "_session_key" => Ok(self.session_key().map_or(Value::None, |k| Value::str(&k))),
            "accessed" => self.accessed().ok_or_else(missing),
            "modified" => self.modified().ok_or_else(missing),
            "_session" => Ok(Value::Dict(self.data()?)),
            "_session_cache" => self
                .state
                .borrow()
                .cache
                .clone()
                .map(Value::Dict)
                .ok_or_else(missing),
            "TEST_COOKIE_NAME" => Ok(Value::str(TEST_COOKIE_NAME)),
            "TEST_COOKIE_VALUE" => Ok(Value::str(TEST_COOKIE_VALUE)),
            "key_salt" => Ok(Value::str(signing::STORE_SALT)),
            "serializer" => Ok(Value::Type(PyType::Other {
                name: Rc::from("JSONSerializer"),
                qualified: Rc::from("django.core.signing.JSONSerializer"),
                native: None,
            })),
            "cache_key_prefix" if self.engine == Engine::Cache => Ok(Value::str(CACHE_KEY_PREFIX)),
            "cache_key" if self.engine == Engine::Cache => Ok(Value::str(&format!(
                "{CACHE_KEY_PREFIX}{}",
                self.get_or_create_key()
            ))),
            "cache_key_prefix" if self.engine == Engine::CachedDb => {
                Ok(Value::str(CACHED_DB_KEY_PREFIX))
            }
            "cache_key" if self.engine == Engine::CachedDb => Ok(Value::str(&format!(
                "{CACHED_DB_KEY_PREFIX}{}",
                self.get_or_create_key()
            ))),
            "storage_path" if self.engine == Engine::File => {
                Ok(Value::str(&self.server.borrow().settings.storage_path()))
            }
            "file_prefix" if self.engine == Engine::File => {
                Ok(Value::str(&self.server.borrow().settings.cookie_name))
            }
            _ => Err(missing()),
        }
    }

    fn set_attr(&self, name: &str, value: Value) -> Result<(), PyException> {
        if self.read_only_property(name) {
            return Err(PyException::new(
                "AttributeError",
                format!("property '{name}' of 'SessionStore' object has no setter"),
            ));
        }
        if name == "_session_key" {
            // Django's `_set_session_key`: a falsy key or one shorter than 8 characters
            // becomes None.
            let key = match &value {
                Value::Str(k) => Some(k.to_string()),
                v if !v.is_truthy() => None,
                v => {
                    return Err(PyException::new(
                        "TypeError",
                        format!("object of type '{}' has no len()", v.type_name()),
                    ))
                }
            };
            self.set_key(key.as_deref());
            return Ok(());
        }
        let mut st = self.state.borrow_mut();
        match name {
            "accessed" => st.accessed = Some(value),
            "modified" => st.modified = Some(value),
            _ => match st.attrs.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value,
                None => st.attrs.push((name.to_string(), value)),
            },
        }
        Ok(())
    }

    fn del_attr(&self, name: &str) -> Result<(), PyException> {
        if self.read_only_property(name) {
            return Err(PyException::new(
                "AttributeError",
                format!("property '{name}' of 'SessionStore' object has no deleter"),
            ));
        }
        if name == "_session_key" {
            return Err(PyException::new(
                "AttributeError",
                "property '_session_key' of 'SessionStore' object has no deleter",
            ));
        }
        let mut st = self.state.borrow_mut();
        let gone = match name {
            "accessed" => st.accessed.take().is_some(),
            // `del s._session_cache`: the next read loads from the store again.
            "_session_cache" => st.cache.take().is_some(),
            "modified" => st.modified.take().is_some(),
            _ => {
                let before = st.attrs.len();
                st.attrs.retain(|(n, _)| n != name);
                st.attrs.len() != before
            }
        };
        if gone {
            Ok(())
        } else {
            Err(PyException::new("AttributeError", name.to_string()))
        }
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        self.call(name, args, kwargs)
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        SessionStore::get_item(self, key)
    }

    fn set_item(&self, key: Value, value: Value) -> Result<(), PyException> {
        SessionStore::set_item(self, key, value)
    }

    fn del_item(&self, key: &Value) -> Result<(), PyException> {
        SessionStore::del_item(self, key)
    }

    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        SessionStore::contains(self, item)
    }

    /// No `__iter__`: Python falls back to `s[0]`, `s[1]`, … and stops at the first
    /// `KeyError`, which escapes (`KeyError: 0`).
    fn iter(&self) -> Result<Vec<Value>, PyException> {
        let data = self.data()?;
        let mut i = 0;
        loop {
            let key = Value::int(i);
            if data.borrow().get(&key)?.is_none() {
                return Err(key_error(&key));
            }
            i += 1;
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::django::clock::START;
    use crate::python::{repr, NativeObject};

    fn server(engine: Engine) -> SharedServer {
        Server::new(Settings::with_engine(engine), START, Some(1)).shared()
    }

    fn s(text: &str) -> Value {
        Value::str(text)
    }

    fn call(store: &SessionStore, name: &str, args: Vec<Value>) -> Result<Value, PyException> {
        store.call_method(name, args, vec![])
    }

    fn err(r: Result<impl std::fmt::Debug, PyException>) -> String {
        r.unwrap_err().display()
    }

    fn flags(store: &SessionStore) -> (bool, bool) {
        (store.was_accessed(), store.was_modified())
    }

    /// Saves a session with `pairs` and returns its key.
    fn stored(server: &SharedServer, engine: Engine, pairs: &[(&str, Value)]) -> String {
        let store = SessionStore::new(server.clone(), engine, None);
        for (k, v) in pairs {
            store.set_item(s(k), v.clone()).unwrap();
        }
        store.save(false).unwrap();
        store.session_key().unwrap()
    }

    #[test]
    fn a_new_session_is_lazy_and_keyless() {
        let srv = server(Engine::Db);
        let store = SessionStore::new(srv.clone(), Engine::Db, None);
        assert_eq!(flags(&store), (false, false));
        assert!(store.truthy());
        assert_eq!(flags(&store), (false, false));
        assert_eq!(
            store.get(&s("count"), Value::int(0)).unwrap(),
            Value::int(0)
        );
        assert_eq!(flags(&store), (true, false));
        store.set_item(s("count"), Value::int(1)).unwrap();
        assert_eq!(flags(&store), (true, true));
        assert_eq!(store.session_key(), None);
        store.save(false).unwrap();
        let key = store.session_key().unwrap();
        assert_eq!(key.len(), 32);
        assert!(srv.borrow().db.contains_key(&key));
        assert!(store.was_modified());
    }

    #[test]
    fn short_and_unknown_keys() {
        let srv = server(Engine::Db);
        let short = SessionStore::new(srv.clone(), Engine::Db, Some("abc"));
        assert_eq!(short.session_key(), None);
        let unknown = SessionStore::new(
            srv.clone(),
            Engine::Db,
            Some("abcdefghijklmnopqrstuvwxyz012345"),
        );
        assert_eq!(
            unknown.session_key().as_deref(),
            Some("abcdefghijklmnopqrstuvwxyz012345")
        );
        assert_eq!(unknown.get(&s("k"), Value::None).unwrap(), Value::None);
        assert_eq!(unknown.session_key(), None);
        assert!(unknown.is_empty());
    }

    #[test]
    fn set_del_then_read_is_a_key_error_and_modified() {
        let store = SessionStore::new(server(Engine::Db), Engine::Db, None);
        store.set_item(s("user"), s("Bob")).unwrap();
        store.del_item(&s("user")).unwrap();
        assert_eq!(err(store.get_item(&s("user"))), "KeyError: 'user'");
        assert!(store.was_modified());
        assert!(store.is_empty());
    }

    #[test]
    fn del_of_a_missing_key_leaves_modified_alone() {
        let store = SessionStore::new(server(Engine::Db), Engine::Db, None);
        assert_eq!(err(store.del_item(&s("nope"))), "KeyError: 'nope'");
        assert_eq!(flags(&store), (true, false));
    }

    #[test]
    fn the_dict_api_flags() {
        let store = SessionStore::new(server(Engine::Cache), Engine::Cache, None);
        assert!(!store.contains(&s("k")).unwrap());
        assert_eq!(store.pop(&s("k"), Some(s("dflt"))).unwrap(), s("dflt"));
        assert!(!store.was_modified());
        assert_eq!(err(store.pop(&s("missing"), None)), "KeyError: 'missing'");
        assert_eq!(store.setdefault(s("k"), s("v1")).unwrap(), s("v1"));
        assert!(store.was_modified());
        store.set_modified(false);
        assert_eq!(store.setdefault(s("k"), s("v2")).unwrap(), s("v1"));
        assert!(!store.was_modified());
        assert_eq!(store.pop(&s("k"), None).unwrap(), s("v1"));
        assert!(store.was_modified());
        let keys = call(&store, "keys", vec![]).unwrap();
        assert_eq!(repr(&keys), "dict_keys([])");
        store.set_item(s("a"), Value::int(1)).unwrap();
        assert_eq!(repr(&keys), "dict_keys(['a'])");
        assert!(call(&store, "has_key", vec![s("a")]).unwrap().is_truthy());
        let mut d = Dict::new();
        d.insert(s("b"), Value::int(2)).unwrap();
        call(&store, "update", vec![Value::dict(d)]).unwrap();
        assert_eq!(
            repr(&call(&store, "items", vec![]).unwrap()),
            "dict_items([('a', 1), ('b', 2)])"
        );
        assert_eq!(
            err(call(&store, "update", vec![Value::int(5)])),
            "TypeError: 'int' object is not iterable"
        );
    }

    #[test]
    fn len_iter_and_bool() {
        let store = SessionStore::new(server(Engine::Db), Engine::Db, None);
        assert_eq!(
            err(NativeObject::len(&store)),
            "TypeError: object of type 'SessionStore' has no len()"
        );
        assert!(store.truthy());
        assert_eq!(flags(&store), (false, false));
        assert_eq!(err(NativeObject::iter(&store)), "KeyError: 0");
        assert!(store.was_accessed());
    }

    #[test]
    fn attributes_live_for_the_request_only() {
        let store = SessionStore::new(server(Engine::Db), Engine::Db, None);
        store.set_attr("color", s("red")).unwrap();
        assert_eq!(store.get_attr("color").unwrap(), s("red"));
        assert_eq!(store.get(&s("color"), Value::None).unwrap(), Value::None);
        let other = SessionStore::new(store.server.clone(), Engine::Db, None);
        assert_eq!(
            err(other.get_attr("color")),
            "AttributeError: 'SessionStore' object has no attribute 'color'"
        );
        assert_eq!(
            err(call(&other, "set", vec![s("user"), s("Alice")])),
            "AttributeError: 'SessionStore' object has no attribute 'set'"
        );
        assert!(!other.has_method("set"));
        assert_eq!(
            err(other.set_attr("session_key", s("x"))),
            "AttributeError: property 'session_key' of 'SessionStore' object has no setter"
        );
        assert_eq!(
            other.qualified_name(),
            "django.contrib.sessions.backends.db.SessionStore"
        );
        assert_eq!(
            err(call(&other, "get", vec![])),
            "TypeError: SessionBase.get() missing 1 required positional argument: 'key'"
        );
    }

    #[test]
    fn db_round_trip_goes_through_json() {
        let srv = server(Engine::Db);
        let key = stored(
            &srv,
            Engine::Db,
            &[
                ("t", Value::tuple(vec![Value::int(1), Value::int(2)])),
                ("n", Value::Float(f64::NAN)),
            ],
        );
        let next = SessionStore::new(srv.clone(), Engine::Db, Some(&key));
        assert_eq!(
            repr(&Value::Dict(next.data().unwrap())),
            "{'t': [1, 2], 'n': nan}"
        );
        let store = SessionStore::new(srv, Engine::Db, None);
        store
            .set_item(
                s("when"),
                Value::DateTime(DateTime::new(2024, 1, 2, 3, 4, 5, 0, false).unwrap()),
            )
            .unwrap();
        assert_eq!(
            err(store.save(false)),
            "TypeError: Object of type datetime is not JSON serializable"
        );
    }

    #[test]
    fn cache_keeps_python_values_and_expires() {
        let srv = server(Engine::Cache);
        let key = stored(
            &srv,
            Engine::Cache,
            &[("t", Value::tuple(vec![Value::int(1)]))],
        );
        let next = SessionStore::new(srv.clone(), Engine::Cache, Some(&key));
        assert_eq!(repr(&Value::Dict(next.data().unwrap())), "{'t': (1,)}");
        srv.borrow_mut().now += 1_209_600;
        let later = SessionStore::new(srv.clone(), Engine::Cache, Some(&key));
        assert!(later.peek().is_empty());
        assert!(srv.borrow().stored(Engine::Cache).is_empty());
    }

    #[test]
    fn expired_db_rows_stay_until_cleared() {
        let srv = server(Engine::Db);
        let store = SessionStore::new(srv.clone(), Engine::Db, None);
        store.set_expiry(Value::int(1)).unwrap();
        store.save(false).unwrap();
        let key = store.session_key().unwrap();
        srv.borrow_mut().now += 2;
        let later = SessionStore::new(srv.clone(), Engine::Db, Some(&key));
        assert!(later.data().unwrap().borrow().is_empty());
        assert_eq!(later.session_key(), None);
        let rows = srv.borrow().stored(Engine::Db);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].expires_in, Some(-1.0));
        later.clear_expired();
        assert!(srv.borrow().db.is_empty());
    }

    #[test]
    fn flush_clear_and_cycle_key() {
        let srv = server(Engine::Db);
        let key = stored(&srv, Engine::Db, &[("k", s("v"))]);
        let store = SessionStore::new(srv.clone(), Engine::Db, Some(&key));
        store.cycle_key().unwrap();
        let new_key = store.session_key().unwrap();
        assert_ne!(new_key, key);
        assert!(!srv.borrow().db.contains_key(&key));
        assert!(srv.borrow().db.contains_key(&new_key));
        assert_eq!(store.get_item(&s("k")).unwrap(), s("v"));
        store.clear();
        assert_eq!(store.session_key().as_deref(), Some(new_key.as_str()));
        assert!(!store.is_empty());
        store.flush().unwrap();
        assert!(store.is_empty());
        assert!(srv.borrow().db.is_empty());
    }

    #[test]
    fn signed_cookies_carry_the_data() {
        let srv = server(Engine::SignedCookies);
        let store = SessionStore::new(srv.clone(), Engine::SignedCookies, None);
        store.set_item(s("k"), s("v")).unwrap();
        store.save(false).unwrap();
        let value = store.session_key().unwrap();
        assert_eq!(
            value,
            "eyJrIjoidiJ9:1vb66i:zNG_RPrZi8yVxS1FJgdxSjdhBYcCb_YkLB7B6z4xw2Y"
        );
        assert!(srv.borrow().stored(Engine::SignedCookies).is_empty());
        let next = SessionStore::new(srv.clone(), Engine::SignedCookies, Some(&value));
        assert_eq!(next.get_item(&s("k")).unwrap(), s("v"));
        assert!(!next.was_modified());
        let mut tampered = value.clone();
        tampered.pop();
        let bad = SessionStore::new(srv.clone(), Engine::SignedCookies, Some(&tampered));
        assert_eq!(bad.get(&s("k"), Value::None).unwrap(), Value::None);
        assert!(bad.was_modified());
        assert!(!bad.is_empty());
        srv.borrow_mut().now += 1_209_601;
        let old = SessionStore::new(srv, Engine::SignedCookies, Some(&value));
        assert!(old.peek().is_empty());
    }

    #[test]
    fn expiry() {
        let srv = server(Engine::Db);
        let store = SessionStore::new(srv.clone(), Engine::Db, None);
        assert_eq!(
            store.get_expiry_age(None, None).unwrap(),
            Value::int(1_209_600)
        );
        assert!(!store.get_expire_at_browser_close().unwrap());
        store.set_expiry(Value::int(0)).unwrap();
        assert!(store.get_expire_at_browser_close().unwrap());
        assert_eq!(
            store.get_expiry_age(None, None).unwrap(),
            Value::int(1_209_600)
        );
        store
            .set_expiry(Value::TimeDelta(TimeDelta::new(0, 600, 0).unwrap()))
            .unwrap();
        assert_eq!(
            store.get_item(&s("_session_expiry")).unwrap(),
            s("2026-01-01T00:10:00+00:00")
        );
        assert_eq!(store.get_expiry_age(None, None).unwrap(), Value::int(600));
        store.set_expiry(Value::None).unwrap();
        assert!(!store.contains(&s("_session_expiry")).unwrap());
        store.set_expiry(s("300")).unwrap();
        assert_eq!(
            err(store.get_expiry_age(None, None)),
            "ValueError: Invalid isoformat string: '300'"
        );
        store
            .set_expiry(Value::DateTime(
                DateTime::new(2026, 1, 2, 0, 0, 0, 0, false).unwrap(),
            ))
            .unwrap();
        assert_eq!(
            err(store.get_expiry_age(None, None)),
            "TypeError: can't subtract offset-naive and offset-aware datetimes"
        );
        store.set_expiry(Value::list(vec![Value::int(1)])).unwrap();
        assert_eq!(repr(&store.get_expiry_age(None, None).unwrap()), "[1]");
        assert_eq!(
            err(store.get_expiry_date(None, None)),
            "TypeError: unsupported type for timedelta seconds component: list"
        );
    }

    #[test]
    fn parses_iso_dates_like_python_3_11() {
        let ok = |t: &str| repr(&Value::DateTime(fromisoformat(t).unwrap()));
        assert_eq!(ok("2026-01-02"), "datetime.datetime(2026, 1, 2, 0, 0)");
        assert_eq!(ok("2026-01-02T10"), "datetime.datetime(2026, 1, 2, 10, 0)");
        assert_eq!(
            ok("2026-01-02 10:00"),
            "datetime.datetime(2026, 1, 2, 10, 0)"
        );
        assert_eq!(
            ok("2026-01-02T10:00:00.5"),
            "datetime.datetime(2026, 1, 2, 10, 0, 0, 500000)"
        );
        assert_eq!(
            ok("2026-01-02T10:00:00Z"),
            "datetime.datetime(2026, 1, 2, 10, 0, tzinfo=datetime.timezone.utc)"
        );
        assert_eq!(
            ok("2026-01-01T00:10:00+00:00"),
            "datetime.datetime(2026, 1, 1, 0, 10, tzinfo=datetime.timezone.utc)"
        );
        assert_eq!(ok("20260102"), "datetime.datetime(2026, 1, 2, 0, 0)");
        assert_eq!(
            ok("2026-01-02T1000"),
            "datetime.datetime(2026, 1, 2, 10, 0)"
        );
        for bad in ["300", "", "2026-1-2"] {
            assert_eq!(
                fromisoformat(bad).unwrap_err().display(),
                format!("ValueError: Invalid isoformat string: '{bad}'")
            );
        }
        assert_eq!(
            fromisoformat("2026-01-02T25:00").unwrap_err().display(),
            "ValueError: hour must be in 0..23"
        );
    }
}
