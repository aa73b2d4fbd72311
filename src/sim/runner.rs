//! Runs scenarios: browsers with cookie jars, the server's store, the virtual clock, and per
//! request the view (in the interpreter), `SessionMiddleware` and the browser's reaction.
//! [`Simulator`] is the machinery shared with the sandbox; [`run`] drives it over a file.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{Map, Value as Json};

use crate::django::auth::decorators::{after_test, as_login_required, before_view, Before};
use crate::django::clock::{http_date, iso, Clock, OutOfRange};
use crate::django::cookies::{Jar, SetCookie};
use crate::django::csrf::Checker;
use crate::django::decorators::{self, DecoratedView, Wrap};
use crate::django::http::{self, HttpResponseObject, Response};
use crate::django::json;
use crate::django::middleware::{self, as_store, ViewResponse};
use crate::django::request::{parse_cookie, RequestData, WsgiRequest};
use crate::django::session::{Server, SessionStore, SharedServer};
use crate::django::settings::{Engine, Settings, DEFAULT_CSRF_FAILURE_VIEW, SECRET_KEY};
use crate::django::signing::{self, BadSignature};
use crate::python::eval::budget;
use crate::python::repr::repr_limited;
use crate::python::{
    self, repr, DateTime, Dict, Interpreter, NativeObject, PyError, PyException, Tracer, Value,
};

use super::scenario::{RequestSpec, Scenario, ScenarioError};
use super::trace::{
    CookieView, LoadedView, ManageView, RequestTrace, RequestView, ResponseView, Step, StorageArea,
    StorageEntry, StoreRowView, Trace, ViewEnd, ViewOutcome,
};
use super::transcript::{ErrorRecord, SetCookieRecord, StoreRecord, TranscriptRecord};

const HIDDEN_VIEW: &str = "__learn_view__";
const HIDDEN_REQUEST: &str = "__learn_request__";
const HIDDEN_RESULT: &str = "__learn_result__";
const HIDDEN_ARG: &str = "__learn_arg_";

/// How many statements a request may run before it is stopped.
pub const STEP_LIMIT: u64 = 100_000;

/// The result of running a scenario.
#[derive(Clone, Debug)]
pub struct RunResult {
    pub transcript: Vec<TranscriptRecord>,
    pub trace: Trace,
}

/// Whether exception class `kind` is `base` or derives from it.
pub fn is_subclass(kind: &str, base: &str) -> bool {
    let mut current = kind.to_string();
    for _ in 0..32 {
        if current == base {
            return true;
        }
        let parent = http::EXCEPTIONS
            .iter()
            .chain(crate::django::auth::EXCEPTIONS)
            .chain(crate::django::messages::EXCEPTIONS)
            .chain(crate::django::session_model::EXCEPTIONS)
            .find(|(n, _)| *n == current)
            .map(|(_, p)| *p)
            .or_else(|| python::exception::builtin_exception_parent(&current));
        match parent {
            Some(p) if !p.is_empty() => current = p.to_string(),
            _ => return false,
        }
    }
    false
}

/// `(repr(key), repr(value))` pairs of a dict.
pub fn dict_pairs(d: &Dict) -> Vec<(String, String)> {
    d.iter().map(|(k, v)| (repr(k), repr(v))).collect()
}

/// How a view (or a statement in the sandbox) ended.
pub enum ViewResult {
    Returned(Value),
    Raised(PyException),
    StepLimit {
        limit: u64,
        line: u32,
    },
    /// Another limit of the budget stopped it (`what`: "more than 128 MB of memory").
    Stopped {
        what: String,
        line: u32,
    },
}

/// The steps all the requests of a scenario may use together (each request also pays
/// [`REQUEST_STEPS`] for what Django does around its view).
pub const SCENARIO_STEP_LIMIT: u64 = 1_000_000;
/// What a request costs besides its view's own steps.
pub const REQUEST_STEPS: u64 = 200;
/// The most heap a scenario may keep between requests (its sessions, store, the views'
/// globals, the trace and the transcript), so that printing it stays well within bounds.
pub const SCENARIO_MEMORY_LIMIT: usize = 64 * 1024 * 1024;

/// How many steps of one request the trace keeps (a long loop keeps its first ones).
pub const MAX_TRACE_STEPS: usize = 2_000;
/// How many bytes of text (values, session, printed output) the steps of one request keep;
/// the steps after are counted in `skipped`, like those past [`MAX_TRACE_STEPS`].
pub const MAX_TRACE_BYTES: usize = 8 * 1024 * 1024;
/// The most bytes of one value a step shows (a longer repr is cut with `…`).
pub const TRACE_VALUE_LIMIT: usize = 10_000;

/// Records the state before each line a view runs.
pub struct StepRecorder {
    request: Rc<WsgiRequest>,
    first_line: usize,
    pub steps: Vec<Step>,
    /// Lines run after the trace was full.
    pub skipped: u64,
    /// Bytes of text the kept steps hold.
    bytes: usize,
    /// The repr of `request` (a view's argument is a local on every line it runs; its repr
    /// reads only the request's fixed data, so it is made once).
    request_repr: Option<String>,
}

impl StepRecorder {
    pub fn new(request: Rc<WsgiRequest>, first_line: usize) -> Self {
        StepRecorder {
            request,
            first_line,
            steps: Vec::new(),
            skipped: 0,
            bytes: 0,
            request_repr: None,
        }
    }

    /// A local's repr for a step.
    fn local_repr(&mut self, v: &Value) -> String {
        if let Value::Native(obj) = v {
            if std::ptr::addr_eq(Rc::as_ptr(obj), Rc::as_ptr(&self.request)) {
                let request = &self.request;
                return self
                    .request_repr
                    .get_or_insert_with(|| {
                        repr_limited(&Value::Native(request.clone()), TRACE_VALUE_LIMIT)
                    })
                    .clone();
            }
        }
        repr_limited(v, TRACE_VALUE_LIMIT)
    }
}

/// The session's state for display, without touching it.
pub struct SessionSnapshot {
    pub pairs: Vec<(String, String)>,
    pub loaded: bool,
    pub accessed: bool,
    pub modified: bool,
    pub key: Option<String>,
}

/// Reads `request.session` for display.
pub fn snapshot(request: &WsgiRequest) -> SessionSnapshot {
    snapshot_limited(request, usize::MAX)
}

/// Reads `request.session` for display, each key and value cut after about `max` bytes.
pub fn snapshot_limited(request: &WsgiRequest, max: usize) -> SessionSnapshot {
    let session = request.session().unwrap_or(Value::None);
    match as_store(&session) {
        Some(store) => SessionSnapshot {
            pairs: if max == usize::MAX {
                dict_pairs(&store.peek())
            } else {
                store
                    .peek()
                    .iter()
                    .map(|(k, v)| (repr_limited(k, max), repr_limited(v, max)))
                    .collect()
            },
            loaded: store.is_loaded(),
            accessed: store.was_accessed(),
            modified: store.was_modified(),
            key: store.session_key(),
        },
        None => SessionSnapshot {
            pairs: Vec::new(),
            loaded: false,
            accessed: false,
            modified: false,
            key: None,
        },
    }
}

impl StepRecorder {
    /// Whether the trace holds as much as it may (later lines are only counted).
    fn full(&self) -> bool {
        self.steps.len() >= MAX_TRACE_STEPS || self.bytes > MAX_TRACE_BYTES
    }
}

impl Tracer for StepRecorder {
    fn wants_locals(&self) -> bool {
        !self.full()
    }

    fn on_line(&mut self, line: u32, locals: &[(Rc<str>, Value)], console: &str) {
        if self.full() {
            self.skipped += 1;
            return;
        }
        let snap = snapshot_limited(&self.request, TRACE_VALUE_LIMIT);
        let locals: Vec<(String, String)> = locals
            .iter()
            .map(|(n, v)| (n.to_string(), self.local_repr(v)))
            .collect();
        // The printed output is kept whole while it fits.
        let console = if self.bytes + console.len() > MAX_TRACE_BYTES {
            self.skipped += 1;
            self.bytes = MAX_TRACE_BYTES + 1;
            return;
        } else {
            console.to_string()
        };
        self.bytes += console.len()
            + locals.iter().map(|(n, v)| n.len() + v.len()).sum::<usize>()
            + snap
                .pairs
                .iter()
                .map(|(k, v)| k.len() + v.len())
                .sum::<usize>();
        self.steps.push(Step {
            line,
            file_line: self.first_line + line as usize - 1,
            locals,
            session: snap.pairs,
            loaded: snap.loaded,
            accessed: snap.accessed,
            modified: snap.modified,
            session_key: snap.key,
            console,
        });
    }
}

/// A request between its start and the end of its view.
pub struct Pending {
    pub number: usize,
    pub browser: String,
    pub view: String,
    pub note: Option<String>,
    pub advanced: i64,
    pub before: Vec<String>,
    pub jar_before: Vec<CookieView>,
    pub request_view: RequestView,
    pub cookie_sent: Option<String>,
    pub loaded: LoadedView,
    pub request: Rc<WsgiRequest>,
    pub store: Rc<SessionStore>,
    /// The keyword arguments the matched route captured from the path.
    pub kwargs: Vec<(String, Value)>,
    /// False when the request named no view and no route matched its path (a 404).
    pub resolved: bool,
    /// What `CsrfViewMiddleware.process_request` raised, if it did.
    pub csrf_error: Option<PyException>,
}

impl Pending {
    /// `request` as the view receives it.
    pub fn request_value(&self) -> Value {
        Value::Native(self.request.clone())
    }
}

/// Browsers, server, clock and interpreter: everything a run or a sandbox needs.
pub struct Simulator {
    pub server: SharedServer,
    pub clock: Clock,
    pub browsers: Vec<(String, Jar)>,
    pub interp: Interpreter,
    current_view: Rc<RefCell<String>>,
    /// The scenario's routes and templates, shared with `reverse()`, `redirect()` and
    /// `render()`.
    pub project: crate::django::project::SharedProject,
    count: usize,
    views_first_line: usize,
    /// What `CsrfViewMiddleware.process_view` decided for the current request.
    csrf_verdict: Vec<String>,
    /// What the CSRF decorators' `process_response` did (for the stepper).
    csrf_after: Vec<String>,
    /// Why it rejected the current request, if it did.
    csrf_failure: Option<String>,
    /// The value a shell step last echoed, which the prompt keeps as `_`.
    shell_last: Option<Value>,
    /// The last CSRF token each browser was served in a page (`csrfmiddlewaretoken`).
    page_tokens: Vec<(String, String)>,
}

fn jar_view(jar: &Jar) -> Vec<CookieView> {
    jar.cookies()
        .iter()
        .map(|c| CookieView {
            name: c.name.clone(),
            value: c.value.clone(),
            expires: c.expires_at.map(http_date),
        })
        .collect()
}

fn flatten(params: &[(String, Vec<String>)]) -> Vec<(String, String)> {
    params
        .iter()
        .flat_map(|(k, vs)| vs.iter().map(move |v| (k.clone(), v.clone())))
        .collect()
}

/// The body a request sends and its `Content-Type` (the test client's default
/// `application/octet-stream`; none for an empty body).
fn request_body(spec: &RequestSpec, form: &crate::django::request::Params) -> (Vec<u8>, String) {
    let (body, content_type) = match &spec.web.body {
        Some(b) => (
            b.as_bytes().to_vec(),
            spec.web
                .content_type
                .clone()
                .unwrap_or_else(|| "application/octet-stream".into()),
        ),
        None => (
            crate::django::headers::urlencode(form).into_bytes(),
            "application/x-www-form-urlencoded".into(),
        ),
    };
    if body.is_empty() {
        (body, String::new())
    } else {
        (body, content_type)
    }
}

fn console_lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n').map(str::to_string).collect()
}

impl Simulator {
    /// A simulator with the given settings, the clock at its start.
    pub fn new(settings: Settings, seed: Option<u64>, views_first_line: usize) -> Self {
        let clock = Clock::new();
        let server = Server::new(settings, clock.now(), seed).shared();
        let mut interp = Interpreter::new(STEP_LIMIT);
        interp.set_module_name("views");
        interp.set_library(crate::django::library::module);
        // `random` starts as if the views had called `random.seed(seed)`.
        if seed.is_some() {
            crate::python::stdlib::random::install_seeded(&mut interp, seed);
        }
        for (name, parent) in http::EXCEPTIONS
            .iter()
            .chain(crate::django::auth::EXCEPTIONS)
        {
            interp.register_exception(name, parent);
        }
        for (module, members) in crate::django::auth::modules(server.clone()) {
            interp.register_module(module, members);
        }
        for (name, parent) in crate::django::messages::EXCEPTIONS
            .iter()
            .chain(crate::django::session_model::EXCEPTIONS)
        {
            interp.register_exception(name, parent);
        }
        interp.register_module("django.contrib.messages", crate::django::messages::module());
        let current_view = Rc::new(RefCell::new(String::new()));
        for (module, members) in http::modules(current_view.clone()) {
            interp.register_module(module, members);
        }
        interp.register_module(
            "django.utils.timezone",
            crate::django::timezone::module(server.clone()),
        );
        for engine in Engine::ALL {
            interp.register_module(
                &engine.module(),
                crate::django::store_class::engine_members(&server, engine),
            );
        }
        for (module, members) in crate::django::store_class::modules(&server) {
            interp.register_module(module, members);
        }
        interp.register_module(
            "django.contrib.sessions.models",
            crate::django::session_model::members(&server),
        );
        let project = crate::django::project::Project::shared();
        for (module, members) in
            crate::django::project::modules(project.clone(), current_view.clone())
        {
            interp.register_module(module, members);
        }
        interp.register_module("json", json::module());
        crate::django::csrf::seed(seed);
        interp.register_module("django.middleware.csrf", crate::django::csrf::module());
        for (module, members) in crate::django::decorators::modules() {
            interp.register_module(module, members);
        }
        let mut sim = Simulator {
            server,
            clock,
            browsers: Vec::new(),
            interp,
            current_view,
            project,
            count: 0,
            views_first_line,
            csrf_verdict: Vec::new(),
            csrf_after: Vec::new(),
            csrf_failure: None,
            page_tokens: Vec::new(),
            shell_last: None,
        };
        sim.sync_clock();
        sim
    }

    fn sync_clock(&mut self) {
        let now = self.clock.now();
        self.server.borrow_mut().now = now;
        http::set_current_time(now);
        let naive = DateTime::from_unix_micros(i128::from(now) * 1_000_000, false)
            .expect("the clock is in range");
        self.interp.set_now(naive);
    }

    /// The settings in force.
    pub fn settings(&self) -> Settings {
        self.server.borrow().settings.clone()
    }

    /// Moves the clock before a request or command and says so. `load_scenario` refuses moves
    /// out of range, so the refusal is only seen for a request built some other way.
    fn move_clock_for(&mut self, secs: i64) -> String {
        match self.advance_clock(secs) {
            Ok(()) => format!("The clock moves {secs} s, to {}.", iso(self.clock.now())),
            Err(e) => format!("The clock stays at {}: {e}.", iso(self.clock.now())),
        }
    }

    /// Moves the virtual clock, unless that would leave the range Python's datetime holds.
    pub fn advance_clock(&mut self, secs: i64) -> Result<(), OutOfRange> {
        self.clock.advance(secs)?;
        self.sync_clock();
        Ok(())
    }

    /// The jar of a browser, created empty on first use.
    pub fn jar(&mut self, name: &str) -> &mut Jar {
        if let Some(i) = self.browsers.iter().position(|(n, _)| n == name) {
            return &mut self.browsers[i].1;
        }
        self.browsers.push((name.to_string(), Jar::new()));
        &mut self.browsers.last_mut().expect("just pushed").1
    }

    fn describe_loaded(&self, cookie: Option<&str>, store: &SessionStore) -> LoadedView {
        let key = store.session_key();
        let data = dict_pairs(&store.peek());
        let server = self.server.borrow();
        let (kind, description) = match (&key, cookie) {
            (None, Some(c)) => (
                "too_short",
                format!("The cookie value {} is shorter than 8 characters, so Django ignores it: a new, empty session.", repr(&Value::str(c))),
            ),
            (None, None) => (
                "new",
                "No session cookie: a new, empty session. It gets a key only when it is saved.".to_string(),
            ),
            (Some(k), _) => match store.engine() {
                Engine::Db => match server.db.get(k) {
                    Some(row) if row.expire_micros > i128::from(server.now) * 1_000_000 => (
                        "stored",
                        "The cookie names a stored session; it is read when the view first uses request.session.".to_string(),
                    ),
                    Some(_) => (
                        "expired",
                        "The cookie names a session row that has expired: it loads as empty and the key is dropped (the row stays until clearsessions).".to_string(),
                    ),
                    None => (
                        "unknown",
                        "Nothing is stored under this key: the session loads as empty and the key is dropped.".to_string(),
                    ),
                },
                Engine::Cache => {
                    if server.cache_has(k) {
                        (
                            "stored",
                            "The cookie names a cached session; it is read when the view first uses request.session.".to_string(),
                        )
                    } else {
                        (
                            "unknown",
                            "Nothing is cached under this key (never stored, or timed out): the session loads as empty and the key is dropped.".to_string(),
                        )
                    }
                }
                Engine::CachedDb => {
                    let live_row = server
                        .db
                        .get(k)
                        .map(|row| row.expire_micros > i128::from(server.now) * 1_000_000);
                    if server.cache_has(k) {
                        (
                            "cached",
                            "The cookie names a session the cache holds: cached_db reads it from the cache, without asking the database, when the view first uses request.session.".to_string(),
                        )
                    } else {
                        match live_row {
                            Some(true) => (
                                "stored",
                                "The cache has no copy, but the django_session table has the row: it is read from the database and put back in the cache when the view first uses request.session.".to_string(),
                            ),
                            Some(false) => (
                                "expired",
                                "Not in the cache, and the row has expired: it loads as empty and the key is dropped (the row stays until clearsessions).".to_string(),
                            ),
                            None => (
                                "unknown",
                                "Neither the cache nor the database has this key: the session loads as empty and the key is dropped.".to_string(),
                            ),
                        }
                    }
                }
                Engine::File => {
                    let path = format!(
                        "{}/{}{k}",
                        server.settings.storage_path().trim_end_matches('/'),
                        server.settings.cookie_name
                    );
                    if !crate::django::session::valid_file_key(k) {
                        (
                            "invalid",
                            "The key has characters other than lower-case letters and digits, which the file engine refuses to turn into a file name: it loads as empty and the key is dropped.".to_string(),
                        )
                    } else {
                        match server.files.get(k) {
                            None => (
                                "unknown",
                                format!("There is no file {path}: the session loads as empty and the key is dropped."),
                            ),
                            Some(file) => {
                                let data = crate::django::session::decode_file(&file.data, server.now);
                                let expired = !file.data.is_empty()
                                    && matches!(
                                        crate::django::session::file_expiry_age(
                                            &data,
                                            file.mtime,
                                            server.settings.cookie_age,
                                            server.now
                                        ),
                                        Ok(Some(age)) if age <= 0.0
                                    );
                                if expired {
                                    (
                                        "expired",
                                        format!("The file {path} has expired: loading deletes it, and at once creates a new key with an empty file, so the browser will get a new cookie."),
                                    )
                                } else {
                                    (
                                        "stored",
                                        format!("The cookie names the file {path}; it is read when the view first uses request.session."),
                                    )
                                }
                            }
                        }
                    }
                }
                Engine::SignedCookies => match signing::loads(
                    k,
                    signing::SIGNED_COOKIES_SALT,
                    SECRET_KEY,
                    Some(server.settings.cookie_age),
                    server.now,
                ) {
                    Ok(_) => (
                        "signed",
                        "The cookie carries the data itself, signed; it is checked and read when the view first uses request.session.".to_string(),
                    ),
                    Err(BadSignature::TooLarge { limit }) => (
                        "too_large",
                        format!("The signed cookie verifies, but its data would decompress to more than {limit} bytes: Django would unpack it whatever its size, the simulator does not (the session loads as empty)."),
                    ),
                    Err(BadSignature::Expired { .. }) => (
                        "bad_signature",
                        "The signed cookie is older than SESSION_COOKIE_AGE: it loads as empty and a new cookie will be sent.".to_string(),
                    ),
                    Err(_) => (
                        "bad_signature",
                        "The signed cookie does not verify (tampered or not signed by this site): it loads as empty and a new cookie will be sent.".to_string(),
                    ),
                },
            },
        };
        LoadedView {
            kind: kind.into(),
            key,
            data,
            description,
        }
    }

    /// Starts a request: the clock, the browser's jar, `process_request`.
    pub fn begin(&mut self, spec: &RequestSpec) -> Pending {
        self.count += 1;
        let mut before = Vec::new();
        if spec.advance_clock != 0 {
            before.push(self.move_clock_for(spec.advance_clock));
        }
        let now = self.clock.now();
        let cookie_name = self.settings().cookie_name;
        let jar = self.jar(&spec.browser);
        if spec.restart_browser {
            let gone: Vec<String> = jar
                .cookies()
                .iter()
                .filter(|c| c.expires_at.is_none())
                .map(|c| c.name.clone())
                .collect();
            jar.restart();
            before.push(if gone.is_empty() {
                "The browser restarts; every cookie has an expiry, so all are kept.".into()
            } else {
                format!(
                    "The browser restarts and drops cookies without an expiry: {}.",
                    gone.join(", ")
                )
            });
        }
        if let Some(from) = spec.cookies_from.as_deref().filter(|f| *f != spec.browser) {
            let other = self
                .browsers
                .iter()
                .find(|(n, _)| n == from)
                .map(|(_, j)| j.clone())
                .unwrap_or_default();
            let names: Vec<String> = other.cookies().iter().map(|c| c.name.clone()).collect();
            self.jar(&spec.browser).copy_from(&other);
            before.push(if names.is_empty() {
                format!("Browser {from} has no cookies to copy.")
            } else {
                format!(
                    "The cookies of browser {from} are copied into this browser: {}.",
                    names.join(", ")
                )
            });
        }
        let jar = self.jar(&spec.browser);
        for (name, value) in &spec.cookies {
            jar.put(name, value);
            before.push(format!("The cookie {name}={value} is put in the jar."));
        }
        let expired: Vec<String> = jar
            .cookies()
            .iter()
            .filter(|c| c.expires_at.is_some_and(|at| at <= now))
            .map(|c| c.name.clone())
            .collect();
        jar.drop_expired(now);
        if !expired.is_empty() {
            before.push(format!(
                "Expired, so dropped and not sent: {}.",
                expired.join(", ")
            ));
        }
        let jar_before = jar_view(jar);
        let cookie_sent = jar.get(&cookie_name).map(str::to_string);
        let header = jar.header();
        let cookies = header.as_deref().map(parse_cookie).unwrap_or_default();
        let django_cookie = cookies
            .iter()
            .find(|(k, _)| *k == cookie_name)
            .map(|(_, v)| v.clone());
        let store = middleware::process_request(&self.server, django_cookie.as_deref());
        let mut form = spec.form.clone();
        let mut headers = spec.web.headers.clone();
        let settings = self.settings();
        if let Some(send) = spec.web.csrf {
            let token = if send.from_cookie {
                cookies
                    .iter()
                    .find(|(k, _)| *k == settings.csrf_cookie_name)
                    .map(|(_, v)| v.clone())
            } else {
                self.page_tokens
                    .iter()
                    .find(|(b, _)| *b == spec.browser)
                    .map(|(_, t)| t.clone())
            };
            let source = if send.from_cookie {
                format!("its {} cookie", settings.csrf_cookie_name)
            } else {
                "the last page it was served".to_string()
            };
            let header = crate::django::csrf::sent_header(&settings.csrf_header_name);
            match token {
                Some(token) if send.in_header => {
                    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(&header)) {
                        before.push(format!(
                            "The browser sends the CSRF token from {source} in the {header} header."
                        ));
                        headers.push((header, token));
                    }
                }
                Some(token) => {
                    if !form
                        .iter()
                        .any(|(n, _)| n == crate::django::csrf::FORM_FIELD)
                    {
                        form.insert(
                            0,
                            (crate::django::csrf::FORM_FIELD.to_string(), vec![token]),
                        );
                        before.push(format!(
                            "The browser sends the CSRF token from {source} as the form field csrfmiddlewaretoken."
                        ));
                    }
                }
                None => before.push(format!(
                    "The browser has no CSRF token to send ({source} has none)."
                )),
            }
        }
        let (body, content_type) = request_body(spec, &form);
        let data = RequestData {
            method: spec.method.clone(),
            path: spec.path.clone(),
            query: spec.query.clone(),
            form: form.clone(),
            cookies,
            body,
            content_type,
            headers,
            cookie_header: header.clone().unwrap_or_default(),
            secure: spec.web.secure,
        };
        let request_view = RequestView {
            method: spec.method.clone(),
            path: spec.path.clone(),
            query: flatten(&spec.query),
            form: flatten(&form),
            cookie_header: header,
        };
        let loaded = self.describe_loaded(django_cookie.as_deref(), &store);
        let session: Rc<dyn NativeObject> = store.clone();
        let request = WsgiRequest::new(data, Value::Native(session.clone()));
        let mut csrf_error = None;
        if self.settings().has_csrf_middleware() {
            csrf_error = crate::django::csrf::process_request(&request, &self.settings()).err();
        }
        if self.settings().has_auth_middleware() {
            // AuthenticationMiddleware.process_request.
            let user =
                crate::django::auth::lazy_user(self.server.clone(), Value::Native(session.clone()));
            let _ = request.set_attr("user", user);
            let auser =
                crate::django::auth::auser(self.server.clone(), Value::Native(session.clone()));
            let _ = request.set_attr("auser", auser);
        }
        let settings = self.settings();
        if settings.has_message_middleware() {
            // MessageMiddleware.process_request: request._messages = default_storage(request).
            let backend = crate::django::messages::Backend::parse(&settings.message_storage)
                .unwrap_or(crate::django::messages::Backend::Fallback);
            let storage = crate::django::messages::Storage::new(
                backend,
                Value::Native(session),
                request.cookie(crate::django::messages::COOKIE_NAME),
                request.repr(),
                settings.message_level,
                self.clock.now(),
            );
            let _ = request.set_attr("_messages", Value::Native(storage));
        }
        let (view, kwargs, resolved) = if spec.view.is_empty() {
            match self.project.borrow().resolve(&spec.path) {
                Some((view, kwargs)) => (view, kwargs, true),
                None => (String::new(), Vec::new(), false),
            }
        } else {
            (spec.view.clone(), Vec::new(), true)
        };
        *self.current_view.borrow_mut() = view.clone();
        Pending {
            kwargs,
            resolved,
            csrf_error,
            number: self.count,
            browser: spec.browser.clone(),
            view,
            note: spec.note.clone(),
            advanced: spec.advance_clock,
            before,
            jar_before,
            request_view,
            cookie_sent,
            loaded,
            request,
            store,
        }
    }

    /// Calls the view of a pending request, recording a step per line (the first
    /// [`MAX_TRACE_STEPS`]; how many more ran is `skipped`).
    pub fn call_view(
        &mut self,
        pending: &Pending,
    ) -> Result<(ViewResult, Vec<Step>, u64), PyError> {
        let mut recorder = StepRecorder::new(pending.request.clone(), self.views_first_line);
        if !pending.resolved {
            let e = PyException::new(
                "Resolver404",
                format!("no route matches the path {:?}", pending.request.data.path),
            );
            return Ok((ViewResult::Raised(e), Vec::new(), 0));
        }
        if let Some(e) = &pending.csrf_error {
            return Ok((ViewResult::Raised(e.clone()), Vec::new(), 0));
        }
        let global = self.interp.global(&pending.view).unwrap_or(Value::None);
        self.csrf_verdict.clear();
        self.csrf_after.clear();
        self.csrf_failure = None;
        let settings = self.settings();
        if settings.has_csrf_middleware() {
            // CsrfViewMiddleware.process_view, before any decorator of the view.
            let exempt = DecoratedView::unwrap(&global).0.contains(&Wrap::CsrfExempt);
            match self.csrf_check(
                pending,
                &settings,
                exempt,
                Checker::Middleware,
                &mut recorder,
            ) {
                Ok(None) => {}
                Ok(Some(value)) => {
                    return Ok((
                        ViewResult::Returned(value),
                        recorder.steps,
                        recorder.skipped,
                    ))
                }
                Err(e) => return self.view_error(e, recorder),
            }
        }
        // Decorators from the outside in: login_required or a method check may answer
        // before the view runs; never_cache patches whatever comes back.
        let login_url = self.settings().login_url;
        let method = pending.request.data.method.clone();
        let mut target = global.clone();
        let mut outer: Vec<Wrap> = Vec::new();
        let mut early: Option<Result<Value, PyError>> = None;
        loop {
            if let Some(wrapper) = as_login_required(&target) {
                let mut decided = before_view(wrapper, &pending.request, &login_url);
                if let Ok(Before::Test { func, user }) = &decided {
                    // user_passes_test: the views' own function decides.
                    match self.call_value(func.clone(), user.clone(), &mut recorder) {
                        Ok(passed) => {
                            decided = after_test(
                                wrapper,
                                &pending.request,
                                passed.is_truthy(),
                                &login_url,
                            )
                        }
                        Err(e) => {
                            early = Some(Err(e));
                            break;
                        }
                    }
                }
                match decided {
                    Ok(Before::Call(next)) => {
                        target = next;
                        continue;
                    }
                    Ok(Before::Respond(response)) => early = Some(Ok(response)),
                    Ok(Before::Test { .. }) => {}
                    Err(e) => early = Some(Err(PyError::Exception(e))),
                }
                break;
            }
            let layer = match &target {
                Value::Native(obj) => obj
                    .as_any()
                    .downcast_ref::<DecoratedView>()
                    .map(|d| (d.wrap.clone(), d.inner.clone())),
                _ => None,
            };
            let Some((wrap, inner)) = layer else { break };
            if let Wrap::Csrf(checker) = wrap {
                // The decorator runs the middleware's process_request and process_view
                // for the view inside it.
                if let Err(e) = crate::django::csrf::process_request(&pending.request, &settings) {
                    early = Some(Err(PyError::Exception(e)));
                    break;
                }
                let exempt = DecoratedView::unwrap(&inner).0.contains(&Wrap::CsrfExempt);
                match self.csrf_check(pending, &settings, exempt, checker, &mut recorder) {
                    Ok(None) => {}
                    Ok(Some(value)) => {
                        early = Some(Ok(value));
                        break;
                    }
                    Err(e) => {
                        early = Some(Err(e));
                        break;
                    }
                }
            }
            if let Wrap::Methods(allowed) = &wrap {
                if !allowed.contains(&method) {
                    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                    let response = http::not_allowed(&allowed);
                    early = Some(Ok(Value::Native(HttpResponseObject::new(response))));
                    break;
                }
            }
            outer.push(wrap);
            target = inner;
        }
        let result = match early {
            Some(r) => r,
            None => {
                let inner = target.clone();
                let is_async = inner.is_coroutine_function();
                match self.call_inner(&pending.view, &global, inner, pending, &mut recorder) {
                    // Django's handler runs an async view's coroutine to the end in an
                    // event loop (async_to_sync), where sync database queries are refused.
                    Ok(coroutine) if is_async && coroutine.is_coroutine() => {
                        self.server.borrow_mut().async_context = true;
                        let r = self.interp.run_coroutine(&coroutine, &mut recorder);
                        self.server.borrow_mut().async_context = false;
                        r
                    }
                    other => other,
                }
            }
        };
        let result = match result {
            Ok(v) => {
                let now = self.clock.now();
                let mut raised = None;
                for w in outer.iter().rev() {
                    let Some(obj) = HttpResponseObject::object(&v) else {
                        continue;
                    };
                    match w {
                        Wrap::NeverCache => {
                            decorators::add_never_cache_headers(
                                &mut obj.response.borrow_mut(),
                                now,
                            );
                        }
                        Wrap::Csrf(checker) => {
                            match crate::django::csrf::process_response(
                                &pending.request,
                                &mut obj.response.borrow_mut(),
                                &settings,
                                now,
                            ) {
                                Ok(Some(what)) => {
                                    self.csrf_after.push(format!("{}: {what}", checker.name()))
                                }
                                Ok(None) => {}
                                Err(e) => {
                                    raised = Some(e);
                                    break;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                match raised {
                    Some(e) => ViewResult::Raised(e),
                    None => ViewResult::Returned(v),
                }
            }
            Err(PyError::Exception(e)) if &*e.kind == crate::django::UNSUPPORTED => {
                return Err(PyError::Unsupported {
                    what: e.message(),
                    line: e.line.unwrap_or(1),
                })
            }
            Err(PyError::Exception(e)) => ViewResult::Raised(e),
            Err(PyError::StepLimit { limit, line }) => ViewResult::StepLimit { limit, line },
            Err(PyError::Limit { what, line }) => ViewResult::Stopped { what, line },
            Err(other) => return Err(other),
        };
        Ok((result, recorder.steps, recorder.skipped))
    }

    /// A view-stage error as `call_view` returns it.
    fn view_error(
        &self,
        e: PyError,
        recorder: StepRecorder,
    ) -> Result<(ViewResult, Vec<Step>, u64), PyError> {
        let result = match e {
            PyError::Exception(e) if &*e.kind == crate::django::UNSUPPORTED => {
                return Err(PyError::Unsupported {
                    what: e.message(),
                    line: e.line.unwrap_or(1),
                })
            }
            PyError::Exception(e) => ViewResult::Raised(e),
            PyError::StepLimit { limit, line } => ViewResult::StepLimit { limit, line },
            PyError::Limit { what, line } => ViewResult::Stopped { what, line },
            other => return Err(other),
        };
        Ok((result, recorder.steps, recorder.skipped))
    }

    /// `process_view` of `CsrfViewMiddleware` or of a CSRF decorator: `Some(response)` when
    /// it rejects the request (the failure view's answer).
    fn csrf_check(
        &mut self,
        pending: &Pending,
        settings: &Settings,
        exempt: bool,
        checker: Checker,
        recorder: &mut StepRecorder,
    ) -> Result<Option<Value>, PyError> {
        let who = checker.name();
        match crate::django::csrf::process_view(&pending.request, settings, exempt, checker) {
            Ok(crate::django::csrf::Verdict::Accept(why)) => {
                self.csrf_verdict.push(format!("{who}: {why}."));
                Ok(None)
            }
            Ok(crate::django::csrf::Verdict::Reject(reason)) => {
                let response = self.csrf_failure_view(pending, settings, &reason, recorder)?;
                // Django logs the reason (escaped) once the failure view has answered.
                self.csrf_failure = Some(crate::django::csrf::unicode_escape(&reason));
                let page = if settings.csrf_failure_view == DEFAULT_CSRF_FAILURE_VIEW {
                    "Django's 403 page".to_string()
                } else {
                    format!("{} answers", settings.csrf_failure_view)
                };
                self.csrf_verdict.push(format!(
                    "{who} rejects the request ({reason}): {page}, the view does not run."
                ));
                Ok(Some(response))
            }
            Err(e) => Err(PyError::Exception(e)),
        }
    }

    /// `CSRF_FAILURE_VIEW(request, reason=reason)`: Django's (the scenario's
    /// `403_csrf.html` if it has one, else the built-in page), or a function of the views.
    fn csrf_failure_view(
        &mut self,
        pending: &Pending,
        settings: &Settings,
        reason: &str,
        recorder: &mut StepRecorder,
    ) -> Result<Value, PyError> {
        let Some(name) = settings.csrf_failure_view.strip_prefix("views.") else {
            let has_page = self
                .project
                .borrow()
                .templates
                .get("403_csrf.html")
                .is_some();
            let response = if has_page {
                let html = crate::django::project::render_template(
                    &self.project,
                    &self.current_view,
                    &["403_csrf.html".to_string()],
                    Value::None,
                    &pending.request_value(),
                )
                .map_err(PyError::Exception)?;
                Response::html("HttpResponseForbidden", 403, &html)
            } else {
                crate::django::csrf::failure_response(reason)
            };
            return Ok(Value::Native(HttpResponseObject::new(response)));
        };
        let path = &settings.csrf_failure_view;
        let Some(func) = self.interp.global(name) else {
            return Err(PyError::Exception(PyException::new(
                "ViewDoesNotExist",
                format!("Could not import '{path}'. View does not exist in module views."),
            )));
        };
        let callable = DecoratedView::is_view(&func)
            || matches!(
                func,
                Value::NativeFunction(_) | Value::Builtin(_) | Value::Type(_) | Value::Method(_)
            );
        if !callable {
            return Err(PyError::Exception(PyException::new(
                "ViewDoesNotExist",
                format!("Could not import '{path}'. View is not callable."),
            )));
        }
        self.interp.set_interactive_var(HIDDEN_VIEW, func);
        self.interp
            .set_interactive_var(HIDDEN_REQUEST, pending.request_value());
        self.interp
            .set_interactive_var(&format!("{HIDDEN_ARG}0"), Value::str(reason));
        self.interp.exec_interactive(
            &format!("{HIDDEN_RESULT} = {HIDDEN_VIEW}({HIDDEN_REQUEST}, reason={HIDDEN_ARG}0)"),
            recorder,
        )?;
        let response = self.interp.global(HIDDEN_RESULT).unwrap_or(Value::None);
        if HttpResponseObject::object(&response).is_none() {
            // log_response reads the answer's status_code.
            return Err(PyError::Exception(PyException::new(
                "AttributeError",
                format!(
                    "'{}' object has no attribute 'status_code'",
                    response.type_name()
                ),
            )));
        }
        Ok(response)
    }

    /// The outcome of a view the budget stopped, and its error record.
    fn stopped(
        &self,
        limit: u64,
        line: u32,
        kind: &str,
        message: String,
        error: &mut Option<ErrorRecord>,
    ) -> (ViewOutcome, ViewResponse) {
        *error = Some(ErrorRecord {
            kind: kind.into(),
            message: message.clone(),
            location: "view".into(),
            line: Some(line),
        });
        (
            ViewOutcome::StepLimit {
                limit,
                line,
                file_line: self.file_line(line),
                message,
            },
            ViewResponse::Response(Response::server_error()),
        )
    }

    /// Calls the view function itself with `request` and the route's keyword arguments.
    fn call_inner(
        &mut self,
        name: &str,
        target: &Value,
        inner: Value,
        pending: &Pending,
        recorder: &mut StepRecorder,
    ) -> Result<Value, PyError> {
        let plain = matches!(target, Value::Function(_));
        if plain && pending.kwargs.is_empty() {
            return self
                .interp
                .call(name, vec![pending.request_value()], recorder);
        }
        // A decorated view or keyword arguments: call through hidden names.
        self.interp.set_interactive_var(HIDDEN_VIEW, inner);
        self.interp
            .set_interactive_var(HIDDEN_REQUEST, pending.request_value());
        let mut call = format!("{HIDDEN_RESULT} = {HIDDEN_VIEW}({HIDDEN_REQUEST}");
        for (i, (k, v)) in pending.kwargs.iter().enumerate() {
            let var = format!("{HIDDEN_ARG}{i}");
            self.interp.set_interactive_var(&var, v.clone());
            call.push_str(&format!(", {k}={var}"));
        }
        call.push(')');
        self.interp.exec_interactive(&call, recorder)?;
        Ok(self.interp.global(HIDDEN_RESULT).unwrap_or(Value::None))
    }

    /// Calls a function of the views with one argument (a `user_passes_test` test).
    fn call_value(
        &mut self,
        func: Value,
        arg: Value,
        recorder: &mut StepRecorder,
    ) -> Result<Value, PyError> {
        self.interp.set_interactive_var(HIDDEN_VIEW, func);
        self.interp.set_interactive_var(HIDDEN_REQUEST, arg);
        self.interp.exec_interactive(
            &format!("{HIDDEN_RESULT} = {HIDDEN_VIEW}({HIDDEN_REQUEST})"),
            recorder,
        )?;
        Ok(self.interp.global(HIDDEN_RESULT).unwrap_or(Value::None))
    }

    fn file_line(&self, line: u32) -> usize {
        self.views_first_line + (line as usize).saturating_sub(1)
    }

    /// Ends a request: what the view produced goes through Django's handler and
    /// `SessionMiddleware`; the browser applies the response.
    pub fn finish(
        &mut self,
        pending: Pending,
        result: ViewResult,
        steps: Vec<Step>,
        skipped_steps: u64,
    ) -> (TranscriptRecord, RequestTrace) {
        let now = self.clock.now();
        let settings = self.settings();
        let console = self.interp.take_console();

        // The view's outcome, and what Django's handler makes of it.
        let mut error: Option<ErrorRecord> = None;
        let (outcome, view_response) = match result {
            ViewResult::Returned(value) => {
                let response = HttpResponseObject::from_value(&value);
                let outcome = ViewOutcome::Returned {
                    repr: repr(&value),
                    status: response.as_ref().map(|r| r.status),
                    body: response.as_ref().map(Response::body_text),
                };
                let view_response = match response {
                    Some(r) => ViewResponse::Response(r),
                    None if value.is_none() => {
                        error = Some(ErrorRecord {
                            kind: "ValueError".into(),
                            message: format!(
                                "The view views.{} didn't return an HttpResponse object. It returned None instead.",
                                pending.view
                            ),
                            location: "handler".into(),
                            line: None,
                        });
                        ViewResponse::Response(Response::server_error())
                    }
                    None if value.is_coroutine() => {
                        error = Some(ErrorRecord {
                            kind: "ValueError".into(),
                            message: format!(
                                "The view views.{} didn't return an HttpResponse object. It returned an unawaited coroutine instead. You may need to add an 'await' into your view.",
                                pending.view
                            ),
                            location: "handler".into(),
                            line: None,
                        });
                        ViewResponse::Response(Response::server_error())
                    }
                    None => ViewResponse::Other(value.type_name()),
                };
                (outcome, view_response)
            }
            ViewResult::Raised(e) => {
                let (page, reported) = http::response_for_exception(&e.kind, is_subclass);
                if reported {
                    error = Some(ErrorRecord {
                        kind: e.kind.to_string(),
                        message: e.message(),
                        // Without a views line it was raised by Django code around the
                        // view (a decorator).
                        location: if e.line.is_some() { "view" } else { "handler" }.into(),
                        line: e.line,
                    });
                }
                (
                    ViewOutcome::Raised {
                        kind: e.kind.to_string(),
                        message: e.message(),
                        line: e.line,
                        file_line: e.line.map(|l| self.file_line(l)),
                    },
                    ViewResponse::Response(page),
                )
            }
            ViewResult::StepLimit { limit, line } => self.stopped(
                limit,
                line,
                "StepLimitExceeded",
                format!(
                    "stopped after {limit} steps: the view seems to loop forever (line {line})"
                ),
                &mut error,
            ),
            ViewResult::Stopped { what, line } => self.stopped(
                STEP_LIMIT,
                line,
                "MemoryLimitExceeded",
                format!("stopped: this view used {what} (line {line})"),
                &mut error,
            ),
        };

        // What the transcript captures when the view is done.
        let session_value = pending.request.session().unwrap_or(Value::None);
        let end = snapshot(&pending.request);
        let after_view = ViewEnd {
            session: end.pairs,
            loaded: end.loaded,
            accessed: end.accessed,
            modified: end.modified,
            session_key: end.key,
            console: console.clone(),
        };
        let (modified, accessed, session_json, session_key) = match as_store(&session_value) {
            Some(store) => {
                let flag = |v: Option<Value>| v.map_or(Json::Null, |v| json::view(&v));
                let data = store.peek();
                (
                    flag(store.modified()),
                    flag(store.accessed()),
                    json::view(&Value::dict(data)),
                    store.session_key(),
                )
            }
            None => (
                Json::Bool(false),
                Json::Bool(false),
                Json::Object(Map::new()),
                None,
            ),
        };

        let user = settings.has_auth_middleware().then(|| {
            crate::django::auth::describe_request_user(&pending.request).unwrap_or(Json::Null)
        });

        // MessageMiddleware.process_response and CsrfViewMiddleware's, in the reverse order
        // of MIDDLEWARE, before SessionMiddleware's.
        let mut view_response = view_response;
        let mut csrf_note: Option<String> = None;
        if settings.has_csrf_middleware() && !settings.messages_respond_before_csrf() {
            self.csrf_response(
                &pending,
                &mut view_response,
                &settings,
                &mut error,
                &mut csrf_note,
            );
        }
        if settings.has_message_middleware() {
            if let (Ok(storage), ViewResponse::Response(r)) =
                (pending.request.get_attr("_messages"), &mut view_response)
            {
                if let Some(storage) = crate::django::messages::as_storage(&storage) {
                    if let Err(e) = storage.update(r, &settings) {
                        error = Some(ErrorRecord {
                            kind: e.kind.to_string(),
                            message: e.message(),
                            location: "middleware".into(),
                            line: None,
                        });
                        *r = Response::server_error();
                    }
                }
            }
        }

        if settings.has_csrf_middleware() && settings.messages_respond_before_csrf() {
            self.csrf_response(
                &pending,
                &mut view_response,
                &settings,
                &mut error,
                &mut csrf_note,
            );
        }

        // SessionMiddleware.process_response.
        let mut mw = middleware::process_response(&pending.request, view_response, now);
        if !self.csrf_after.is_empty() {
            let decorators = self.csrf_after.join("; ");
            self.csrf_after.clear();
            csrf_note = Some(match csrf_note {
                Some(n) => format!("{decorators}; {n}"),
                None => decorators,
            });
        }
        if let Some(note) = csrf_note {
            mw.decision.reason = format!("{note}; then SessionMiddleware: {}", mw.decision.reason);
        }
        if let Some(e) = &mw.error {
            error = if &*e.kind == "SessionInterrupted" {
                None
            } else {
                Some(ErrorRecord {
                    kind: e.kind.to_string(),
                    message: e.message(),
                    location: "middleware".into(),
                    line: None,
                })
            };
        }
        let response = match mw.response {
            ViewResponse::Response(r) => r,
            ViewResponse::Other(type_name) => {
                error = Some(ErrorRecord {
                    kind: "AttributeError".into(),
                    message: format!("'{type_name}' object has no attribute '_resource_closers'"),
                    location: "handler".into(),
                    line: None,
                });
                Response::server_error()
            }
        };

        // The browser applies the Set-Cookie headers.
        let name = settings.cookie_name.clone();
        let jar = self.jar(&pending.browser);
        for cookie in &response.cookies {
            jar.apply(cookie, now);
        }
        let jar_after = jar_view(jar);
        if let Some(token) = page_token(&response.body_text()) {
            match self
                .page_tokens
                .iter_mut()
                .find(|(b, _)| *b == pending.browser)
            {
                Some(slot) => slot.1 = token,
                None => self.page_tokens.push((pending.browser.clone(), token)),
            }
        }
        let jar = self.jar(&pending.browser);
        let mut jar_json = Map::new();
        for c in jar.cookies() {
            jar_json.insert(c.name.clone(), Json::String(c.value.clone()));
        }

        let set_cookie = response.cookie(&name).map(|c| set_cookie_record(c, now));
        let (store_records, cache_records, store_after) = self.store_records();
        let storage = self.storage_areas(&pending.browser);

        let record = TranscriptRecord {
            request: pending.number,
            browser: pending.browser.clone(),
            view: pending.view.clone(),
            cookie_sent: pending.cookie_sent.clone(),
            status: response.status,
            body: if pending.request.data.method == "HEAD" {
                // A HEAD response goes out without its body.
                String::new()
            } else {
                response.body_text()
            },
            error: error.clone(),
            console: console_lines(&console),
            modified,
            accessed,
            session: session_json,
            session_key,
            set_cookie,
            vary_cookie: response.varies_on_cookie(),
            store: store_records,
            jar: jar_json,
            headers: headers_record(&response),
            cookies: other_cookies_record(&response, &name, now),
            cache: cache_records,
            manage: None,
            user,
            location: response.header("Location").map(str::to_string),
            csrf_failure: self.csrf_failure.take(),
        };
        let mut before = pending.before;
        before.append(&mut self.csrf_verdict);
        let trace = RequestTrace {
            number: pending.number,
            browser: pending.browser,
            view: pending.view,
            note: pending.note,
            time: iso(now),
            advanced: pending.advanced,
            before,
            jar_before: pending.jar_before,
            request: pending.request_view,
            loaded: pending.loaded,
            steps,
            skipped_steps,
            outcome,
            after_view,
            middleware: mw.decision,
            error,
            response: ResponseView {
                status: response.status,
                body: response.body_text(),
                set_cookies: response.cookies.iter().map(SetCookie::header).collect(),
                vary: response.header("Vary").map(str::to_string),
                headers: response
                    .headers
                    .iter()
                    .filter(|(n, _)| !n.eq_ignore_ascii_case("Vary"))
                    .cloned()
                    .collect(),
            },
            store_after,
            jar_after,
            storage,
            manage: None,
        };
        (record, trace)
    }

    /// `CsrfViewMiddleware.process_response`: the secret goes out in the `csrftoken` cookie
    /// (or into the session) when a token was used or the secret changed.
    fn csrf_response(
        &self,
        pending: &Pending,
        view_response: &mut ViewResponse,
        settings: &Settings,
        error: &mut Option<ErrorRecord>,
        note: &mut Option<String>,
    ) {
        let ViewResponse::Response(r) = view_response else {
            return;
        };
        match crate::django::csrf::process_response(&pending.request, r, settings, self.clock.now())
        {
            Ok(Some(what)) => *note = Some(format!("CsrfViewMiddleware: {what}")),
            Ok(None) => {}
            Err(e) => {
                *error = Some(ErrorRecord {
                    kind: e.kind.to_string(),
                    message: e.message(),
                    location: "middleware".into(),
                    line: None,
                });
                *r = Response::server_error();
            }
        }
    }

    /// The transcript's `store` (and `cache` for cached_db) and the trace's rows.
    fn store_records(
        &self,
    ) -> (
        Vec<StoreRecord>,
        Option<Vec<StoreRecord>>,
        Vec<StoreRowView>,
    ) {
        let engine = self.settings().engine;
        let server = self.server.borrow();
        let stored = server.stored(engine);
        let records = |rows: &[crate::django::session::StoredSession]| -> Vec<StoreRecord> {
            rows.iter()
                .map(|s| StoreRecord {
                    key: s.key.clone(),
                    data: json::view(&s.data),
                    expires_in: s.expires_in.map(|x| x.round_ties_even() as i64),
                })
                .collect()
        };
        let store_after = stored
            .iter()
            .map(|s| StoreRowView {
                key: s.key.clone(),
                data: stored_pairs(&s.data),
                expires_in: s.expires_in.map(|x| x.round_ties_even() as i64),
            })
            .collect();
        let cache = (engine == Engine::CachedDb).then(|| records(&server.cached()));
        (records(&stored), cache, store_after)
    }

    /// Where the engine keeps sessions now, place by place, for the stepper.
    pub fn storage_areas(&self, browser: &str) -> Vec<StorageArea> {
        let settings = self.settings();
        let server = self.server.borrow();
        let entry = |name: String, s: &crate::django::session::StoredSession| StorageEntry {
            name,
            key: s.key.clone(),
            data: stored_pairs(&s.data),
            expires_in: s.expires_in.map(|x| x.round_ties_even() as i64),
        };
        let db = || StorageArea {
            kind: "db".into(),
            label: "django_session table".into(),
            entries: server
                .stored(Engine::Db)
                .iter()
                .map(|s| entry(s.key.clone(), s))
                .collect(),
        };
        let cache = |prefix: &str| StorageArea {
            kind: "cache".into(),
            label: "cache (LocMemCache)".into(),
            entries: server
                .cached()
                .iter()
                .map(|s| entry(format!("{prefix}{}", s.key), s))
                .collect(),
        };
        match settings.engine {
            Engine::Db => vec![db()],
            Engine::Cache => vec![cache(crate::django::session::CACHE_KEY_PREFIX)],
            Engine::CachedDb => vec![cache(crate::django::session::CACHED_DB_KEY_PREFIX), db()],
            Engine::File => {
                let dir = settings.storage_path();
                let dir = dir.trim_end_matches('/');
                vec![StorageArea {
                    kind: "file".into(),
                    label: format!("files in {dir}"),
                    entries: server
                        .stored(Engine::File)
                        .iter()
                        .map(|s| entry(format!("{dir}/{}{}", settings.cookie_name, s.key), s))
                        .collect(),
                }]
            }
            Engine::SignedCookies => {
                let value = self
                    .browsers
                    .iter()
                    .find(|(n, _)| n == browser)
                    .and_then(|(_, jar)| jar.get(&settings.cookie_name).map(str::to_string));
                let entries = value
                    .map(|v| {
                        let data = signing::peek(&v)
                            .and_then(|text| json::loads(&text).ok())
                            .map(|d| stored_pairs(&d))
                            .unwrap_or_default();
                        StorageEntry {
                            name: settings.cookie_name.clone(),
                            key: v,
                            data,
                            expires_in: None,
                        }
                    })
                    .into_iter()
                    .collect();
                vec![StorageArea {
                    kind: "cookie".into(),
                    label: format!("{} cookie of browser {browser}", settings.cookie_name),
                    entries,
                }]
            }
        }
    }

    /// Runs a shell step: the code as typed into `manage.py shell`, statement by statement
    /// in the views module's namespace, each expression's value (other than `None`) echoed
    /// as the prompt shows it. An exception stops the step; a refused feature or the step
    /// limit refuses the scenario (`Err`, with the line of the code).
    pub fn shell(
        &mut self,
        number: usize,
        spec: &RequestSpec,
    ) -> Result<(TranscriptRecord, RequestTrace), PyError> {
        let code = spec
            .shell
            .as_ref()
            .map_or("", |s| s.code.as_str())
            .to_string();
        let module = python::parse_module(&code)?;
        let lines: Vec<&str> = code.split('\n').collect();
        // Each top-level statement with the lines up to the next one (decorators go with
        // the statement they decorate).
        let mut starts: Vec<usize> = module
            .body
            .iter()
            .map(|st| {
                let mut l = st.line as usize;
                while l > 1 && lines[l - 2].trim_start().starts_with('@') {
                    l -= 1;
                }
                l
            })
            .collect();
        if let Some(first) = starts.first_mut() {
            *first = 1;
        }
        self.count += 1;
        let mut before = Vec::new();
        if spec.advance_clock != 0 {
            before.push(self.move_clock_for(spec.advance_clock));
        }
        self.interp.take_console();
        let mut console = String::new();
        let mut exchanges = Vec::new();
        let mut error = None;
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(lines.len(), |n| n - 1);
            let chunk = lines[start - 1..end].join("\n");
            let shown = chunk.trim_end().to_string();
            // With the code's own `_` deleted, the prompt's shows through again.
            if self.interp.global("_").is_none() {
                if let Some(last) = self.shell_last.clone() {
                    self.interp.set_interactive_var("_", last);
                }
            }
            budget::begin(u64::MAX);
            let r = self.interp.exec_interactive(&chunk, &mut python::NoTracer);
            let mut out = self.interp.take_console();
            let offset = |l: u32| l + start as u32 - 1;
            let mut stop = false;
            match r {
                Ok(Some(v)) => {
                    out.push_str(&repr(&v));
                    out.push('\n');
                    // The prompt's `_` lives in builtins: a `_` the code bound itself
                    // hides it, so only a `_` this shell set is replaced.
                    let ours = match (self.interp.global("_"), &self.shell_last) {
                        (None, _) => true,
                        (Some(current), Some(last)) => current.identity_eq(last),
                        (Some(_), None) => false,
                    };
                    if ours {
                        self.interp.set_interactive_var("_", v.clone());
                    }
                    self.shell_last = Some(v);
                }
                Ok(None) => {}
                Err(PyError::Exception(e)) if &*e.kind == crate::django::UNSUPPORTED => {
                    return Err(PyError::Unsupported {
                        what: e.message(),
                        line: offset(e.line.unwrap_or(1)),
                    })
                }
                Err(PyError::Exception(e)) => {
                    let line = e.line.map(offset);
                    error = Some(ErrorRecord {
                        kind: e.kind.to_string(),
                        message: e.message(),
                        location: "shell".into(),
                        line,
                    });
                    console.push_str(&out);
                    out.push_str(&format!(
                        "Traceback (most recent call last):\n  (line {} of the shell code)\n{}\n",
                        line.unwrap_or(1),
                        e.display()
                    ));
                    exchanges.push((shown.clone(), out.clone()));
                    stop = true;
                }
                Err(PyError::Unsupported { what, line }) => {
                    return Err(PyError::Unsupported {
                        what,
                        line: offset(line.max(1)),
                    })
                }
                Err(PyError::StepLimit { limit, line }) => {
                    return Err(PyError::StepLimit {
                        limit,
                        line: offset(line),
                    })
                }
                Err(PyError::Limit { what, line }) => {
                    return Err(PyError::Limit {
                        what,
                        line: offset(line),
                    })
                }
                Err(other) => return Err(other),
            }
            if stop {
                break;
            }
            console.push_str(&out);
            exchanges.push((shown, out));
        }
        let description = match &error {
            None => "manage.py shell: the code runs on the server, outside any request, with no browser and no cookie.".to_string(),
            Some(e) => format!(
                "manage.py shell: line {} raised {}, so the statements after it did not run.",
                e.line.unwrap_or(1),
                e.kind
            ),
        };
        let (mut record, mut trace) =
            self.manage_records(number, spec, "shell", description, before);
        record.error = error.clone();
        record.console = console_lines(&console);
        trace.error = error;
        if let Some(m) = trace.manage.as_mut() {
            m.output = console;
            m.exchanges = exchanges;
        }
        Ok((record, trace))
    }

    /// Runs a management command between requests (`clearsessions`).
    pub fn manage(
        &mut self,
        number: usize,
        spec: &RequestSpec,
    ) -> (TranscriptRecord, RequestTrace) {
        self.count += 1;
        let mut before = Vec::new();
        if spec.advance_clock != 0 {
            before.push(self.move_clock_for(spec.advance_clock));
        }
        let command = spec.manage.clone().unwrap_or_default();
        let engine = self.settings().engine;
        let removed = crate::django::session::clear_expired(&self.server, engine);
        let description = match engine {
            Engine::Db | Engine::CachedDb => format!(
                "manage.py clearsessions deleted the rows of django_session whose expire_date has passed: {removed} removed.{}",
                if engine == Engine::CachedDb {
                    " The cache is not touched: its copies time out on their own."
                } else {
                    ""
                }
            ),
            Engine::File => format!(
                "manage.py clearsessions loaded every session file and deleted the expired ones: {removed} removed."
            ),
            Engine::Cache => "manage.py clearsessions does nothing for the cache engine: the cache drops sessions itself when they time out.".into(),
            Engine::SignedCookies => "manage.py clearsessions does nothing for signed cookies: there is nothing on the server to clear.".into(),
        };
        self.manage_records(number, spec, &command, description, before)
    }

    /// The records of a step run on the server instead of a request (a command or a shell).
    fn manage_records(
        &mut self,
        number: usize,
        spec: &RequestSpec,
        command: &str,
        description: String,
        before: Vec<String>,
    ) -> (TranscriptRecord, RequestTrace) {
        let command = command.to_string();
        let (store, cache, store_after) = self.store_records();
        let record = TranscriptRecord {
            request: number,
            browser: String::new(),
            view: String::new(),
            cookie_sent: None,
            status: 0,
            body: String::new(),
            error: None,
            console: Vec::new(),
            modified: Json::Bool(false),
            accessed: Json::Bool(false),
            session: Json::Object(Map::new()),
            session_key: None,
            set_cookie: None,
            vary_cookie: false,
            store,
            jar: Map::new(),
            headers: Map::new(),
            cookies: Map::new(),
            cache,
            manage: Some(command.clone()),
            user: None,
            location: None,
            csrf_failure: None,
        };
        let now = self.clock.now();
        let trace = RequestTrace {
            number,
            browser: String::new(),
            view: String::new(),
            note: spec.note.clone(),
            time: iso(now),
            advanced: spec.advance_clock,
            before,
            jar_before: Vec::new(),
            request: RequestView {
                method: String::new(),
                path: String::new(),
                query: Vec::new(),
                form: Vec::new(),
                cookie_header: None,
            },
            loaded: LoadedView {
                kind: "manage".into(),
                key: None,
                data: Vec::new(),
                description: description.clone(),
            },
            steps: Vec::new(),
            skipped_steps: 0,
            outcome: ViewOutcome::Returned {
                repr: "None".into(),
                status: None,
                body: None,
            },
            after_view: ViewEnd {
                session: Vec::new(),
                loaded: false,
                accessed: false,
                modified: false,
                session_key: None,
                console: String::new(),
            },
            middleware: middleware::Decision {
                saved: false,
                cookie: middleware::CookieAction::None,
                vary: false,
                reason: format!("no request: manage.py {command} ran"),
            },
            error: None,
            response: ResponseView {
                status: 0,
                body: String::new(),
                set_cookies: Vec::new(),
                vary: None,
                headers: Vec::new(),
            },
            store_after,
            jar_after: Vec::new(),
            storage: self.storage_areas(""),
            manage: Some(ManageView {
                command,
                description,
                output: String::new(),
                exchanges: Vec::new(),
            }),
        };
        (record, trace)
    }
}

/// The value of the last `name="csrfmiddlewaretoken" value="…"` in a page (what
/// `{% csrf_token %}` writes), which the browser sends back when a request says `csrf`.
pub fn page_token(body: &str) -> Option<String> {
    const NEEDLE: &str = "name=\"csrfmiddlewaretoken\" value=\"";
    let start = body.rfind(NEEDLE)? + NEEDLE.len();
    let end = body[start..].find('"')?;
    Some(body[start..start + end].to_string())
}

/// A stored session's data as `(repr(key), repr(value))` pairs.
fn stored_pairs(data: &Value) -> Vec<(String, String)> {
    match data {
        Value::Dict(d) => dict_pairs(&d.borrow()),
        other => vec![(String::new(), repr(other))],
    }
}

/// The transcript's `headers`: what a response says besides cookies, `Vary` and the usual
/// HTML content type.
fn headers_record(response: &Response) -> Map<String, Json> {
    let mut out = Map::new();
    for (name, value) in &response.headers {
        if name.eq_ignore_ascii_case("Vary")
            || name.eq_ignore_ascii_case("Location")
            || (name.eq_ignore_ascii_case("Content-Type") && value == "text/html; charset=utf-8")
        {
            continue;
        }
        out.insert(name.clone(), Json::String(value.clone()));
    }
    out
}

/// The transcript's `cookies`: every `Set-Cookie` but the session cookie's.
fn other_cookies_record(response: &Response, session_cookie: &str, now: i64) -> Map<String, Json> {
    let mut out = Map::new();
    for c in &response.cookies {
        if c.name != session_cookie {
            let record = serde_json::to_value(set_cookie_record(c, now))
                .expect("a cookie record serialises");
            out.insert(c.name.clone(), record);
        }
    }
    out
}

/// The transcript's view of a `Set-Cookie`: `deleted` when it expires the cookie at once.
fn set_cookie_record(c: &SetCookie, now: i64) -> SetCookieRecord {
    let expires_at = match (c.max_age, &c.expires) {
        (Some(age), _) => Some(now.saturating_add(age)),
        (None, Some(date)) => crate::django::clock::parse_http_date(date),
        _ => None,
    };
    SetCookieRecord {
        value: c.value.clone(),
        max_age: c.max_age,
        expires: c.expires.clone(),
        httponly: c.httponly,
        secure: c.secure,
        samesite: c.samesite.clone(),
        path: Some(c.path.clone()).filter(|p| !p.is_empty()),
        deleted: expires_at.is_some_and(|at| at <= now),
        domain: c.domain.clone().filter(|d| !d.is_empty()),
    }
}

/// A problem in the views module, located in the scenario file.
fn views_error(scenario: &Scenario, error: &PyError) -> ScenarioError {
    match error {
        PyError::Syntax {
            message,
            line,
            column,
        } => ScenarioError::at_line(
            &scenario.path,
            scenario.file_line_of_views_line(*line as usize),
            *column as usize,
            format!("views line {line}: {message}"),
        ),
        PyError::Unsupported { what, line } => ScenarioError::at_line(
            &scenario.path,
            scenario.file_line_of_views_line(*line as usize),
            1,
            format!("views line {line}: not supported in the simulator: {what}"),
        ),
        PyError::Exception(e) => {
            let line = e.line.unwrap_or(1);
            ScenarioError::at_line(
                &scenario.path,
                scenario.file_line_of_views_line(line as usize),
                1,
                format!(
                    "views line {line}: the module does not load: {}",
                    e.display()
                ),
            )
        }
        PyError::StepLimit { limit, line } => ScenarioError::at_line(
            &scenario.path,
            scenario.file_line_of_views_line(*line as usize),
            1,
            format!("views line {line}: the module did not finish loading within {limit} steps"),
        ),
        PyError::Limit { what, line } => ScenarioError::at_line(
            &scenario.path,
            scenario.file_line_of_views_line(*line as usize),
            1,
            format!("views line {line}: loading the module used {what}"),
        ),
    }
}

/// A shell step that cannot run: the scenario is refused with the line of its code.
fn shell_error(scenario: &Scenario, spec: &RequestSpec, error: &PyError) -> ScenarioError {
    let Some(shell) = &spec.shell else {
        return views_error(scenario, error);
    };
    let (line, what) = match error {
        PyError::Syntax { message, line, .. } => (*line, message.clone()),
        PyError::Unsupported { what, line } => {
            (*line, format!("not supported in the simulator: {what}"))
        }
        PyError::StepLimit { limit, line } => (
            *line,
            format!("the shell code did not finish within {limit} steps"),
        ),
        PyError::Limit { what, line } => (*line, format!("the shell code used {what}")),
        PyError::Exception(e) => (e.line.unwrap_or(1), e.display()),
    };
    ScenarioError::at_line(
        &scenario.path,
        shell.file_line(line as usize),
        1,
        format!("shell line {line}: {what}"),
    )
}

/// Runs a scenario. `seed` makes session keys reproducible.
pub fn run(scenario: &Scenario, seed: Option<u64>) -> Result<RunResult, ScenarioError> {
    let module = python::parse_module(&scenario.views).map_err(|e| views_error(scenario, &e))?;
    let mut sim = Simulator::new(scenario.settings.clone(), seed, scenario.views_first_line);
    if let Err((name, line, what)) = crate::django::template::check_all(&scenario.templates) {
        let first = scenario.templates.get(&name).map_or(1, |t| t.first_line);
        return Err(ScenarioError::at_line(
            &scenario.path,
            first + line - 1,
            1,
            format!("template {name:?} line {line}: not supported in the simulator: {what}"),
        ));
    }
    sim.project.borrow_mut().routes = scenario.routes.clone();
    sim.project.borrow_mut().templates = scenario.templates.clone();
    sim.interp
        .load(&module)
        .map_err(|e| views_error(scenario, &e))?;
    // Output while the module loads belongs to no request.
    sim.interp.take_console();
    let is_view = |sim: &Simulator, name: &str| {
        sim.interp
            .global(name)
            .is_some_and(|v| DecoratedView::is_view(&v))
    };
    for spec in &scenario.requests {
        if spec.manage.is_none() && !spec.view.is_empty() && !is_view(&sim, &spec.view) {
            return Err(ScenarioError::at(
                &scenario.path,
                &scenario.text,
                spec.view_span.start,
                format!("views defines no function {:?}", spec.view),
            ));
        }
    }
    for route in &scenario.routes {
        if !is_view(&sim, &route.view) {
            return Err(ScenarioError::at(
                &scenario.path,
                &scenario.text,
                route.view_span.start,
                format!("views defines no function {:?}", route.view),
            ));
        }
    }
    crate::django::auth::create_users(
        &sim.server,
        &scenario.users,
        &scenario.groups,
        sim.clock.now(),
    );
    let mut transcript = Vec::new();
    let mut requests = Vec::new();
    let mut scenario_steps = 0u64;
    for (i, spec) in scenario.requests.iter().enumerate() {
        if spec.shell.is_some() {
            let (record, trace) = sim
                .shell(i + 1, spec)
                .map_err(|e| shell_error(scenario, spec, &e))?;
            transcript.push(record);
            requests.push(trace);
            continue;
        }
        if spec.manage.is_some() {
            let (record, trace) = sim.manage(i + 1, spec);
            transcript.push(record);
            requests.push(trace);
            continue;
        }
        // Steps are counted afresh for this request (a request whose view never runs uses
        // none).
        budget::begin(u64::MAX);
        let pending = sim.begin(spec);
        if pending.loaded.kind == "too_large" {
            return Err(ScenarioError::at(
                &scenario.path,
                &scenario.text,
                spec.view_span.start,
                format!(
                    "request {} stops the scenario: the session cookie browser {} sends is a signed value whose data would decompress to more than {} bytes (a \"zlib bomb\"); real Django would try to unpack it without limit",
                    pending.number,
                    spec.browser,
                    signing::MAX_PAYLOAD_BYTES
                ),
            ));
        }
        let (result, steps, skipped) = if spec.path.starts_with('/') {
            sim.call_view(&pending)
                .map_err(|e| views_error(scenario, &e))?
        } else {
            // URL patterns match paths from their leading slash: nothing matches this one.
            let e = PyException::new(
                "Resolver404",
                format!(
                    "no URL pattern matches {:?} (it does not start with '/')",
                    spec.path
                ),
            );
            (ViewResult::Raised(e), Vec::new(), 0)
        };
        scenario_steps += sim.interp.steps_used() + REQUEST_STEPS;
        let (record, trace) = sim.finish(pending, result, steps, skipped);
        transcript.push(record);
        requests.push(trace);
        let number = i + 1;
        let over = if scenario_steps > SCENARIO_STEP_LIMIT {
            Some(format!(
                "its requests used more than {SCENARIO_STEP_LIMIT} steps in all"
            ))
        } else if budget::memory_in_use() > SCENARIO_MEMORY_LIMIT {
            Some(format!(
                "what it keeps (sessions, store, views' globals, printed output, the trace and the transcript) is more than {} MB",
                SCENARIO_MEMORY_LIMIT >> 20
            ))
        } else {
            None
        };
        if let Some(why) = over {
            return Err(ScenarioError::at(
                &scenario.path,
                &scenario.text,
                spec.view_span.start,
                format!("stopped: request {number} stops the scenario: {why}"),
            ));
        }
    }
    Ok(RunResult {
        transcript,
        trace: Trace {
            title: scenario.title.clone(),
            summary: scenario.summary.clone(),
            engine: scenario.settings.engine.name().into(),
            views: scenario.views.clone(),
            views_first_line: scenario.views_first_line,
            requests,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::load_scenario;

    fn scenario(views: &str, requests: &str) -> Scenario {
        let text =
            format!("format_version = 1\ntitle = \"t\"\nviews = '''\n{views}'''\n{requests}");
        load_scenario("t.toml", &text).unwrap()
    }

    fn run_ok(views: &str, requests: &str) -> RunResult {
        run(&scenario(views, requests), Some(1)).unwrap()
    }

    const COUNTER: &str = "from django.http import HttpResponse

def view(request):
    request.session['count'] = request.session.get('count', 0) + 1
    return HttpResponse(f\"Count: {request.session['count']}\")
";

    #[test]
    fn a_shell_step_echoes_values_and_stops_at_an_exception() {
        let r = run_ok(
            COUNTER,
            "[[request]]\nshell = '''\nfrom django.contrib.sessions.backends.db import SessionStore\ns = SessionStore()\ns['a'] = 1\ns.save()\nlen(s.session_key)\nprint('hi')\nNone\ns['missing']\nprint('never')\n'''\n[[request]]\nshell = 'isinstance(s, SessionStore), type(s).__name__'\n",
        );
        let first = &r.transcript[0];
        assert_eq!(first.manage.as_deref(), Some("shell"));
        assert_eq!(first.console, vec!["32", "hi"]);
        let error = first.error.as_ref().unwrap();
        assert_eq!(
            (error.kind.as_str(), error.location.as_str(), error.line),
            ("KeyError", "shell", Some(8))
        );
        assert_eq!(first.store.len(), 1);
        assert_eq!(r.transcript[1].console, vec!["(True, 'SessionStore')"]);
        let m = r.trace.requests[0].manage.as_ref().unwrap();
        assert_eq!(m.exchanges[4], ("len(s.session_key)".into(), "32\n".into()));
        assert!(m.exchanges[7].1.ends_with("KeyError: 'missing'\n"));
        let json = crate::sim::transcript::to_json(first);
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["console", "error", "manage", "request", "store"]);
    }

    #[test]
    fn shell_steps_refuse_what_they_cannot_show() {
        let load = |shell: &str| {
            let text =
                format!("format_version = 1\nviews = ''\n[[request]]\nshell = '''\n{shell}'''\n");
            load_scenario("t.toml", &text).err().map(|e| e.to_string())
        };
        assert!(load("for i in range(2):\n    print(i)\n").is_none());
        let e = load("x = 1\nfor i in range(2):\n    i\n").unwrap();
        assert!(
            e.contains("shell line 3: not supported in the simulator"),
            "{e}"
        );
        let e = load("x = (\n").unwrap();
        assert!(e.contains("shell line"), "{e}");
        let sc = scenario(
            "",
            "[[request]]\nshell = \"import importlib\\nimportlib.reload(1)\"\n",
        );
        let e = run(&sc, Some(1)).err().unwrap().to_string();
        assert!(
            e.contains("shell line 2: not supported in the simulator: importlib.reload"),
            "{e}"
        );
    }

    #[test]
    fn the_counter_answers_count_1_then_2() {
        let r = run_ok(
            COUNTER,
            "[[request]]\nview = \"view\"\n[[request]]\nview = \"view\"\n",
        );
        assert_eq!(r.transcript[0].body, "Count: 1");
        assert_eq!(r.transcript[1].body, "Count: 2");
        let first = &r.transcript[0];
        let cookie = first.set_cookie.as_ref().unwrap();
        assert_eq!(cookie.max_age, Some(1_209_600));
        assert_eq!(
            cookie.expires.as_deref(),
            Some("Thu, 15 Jan 2026 00:00:00 GMT")
        );
        assert_eq!(
            r.transcript[1].cookie_sent.as_deref(),
            Some(cookie.value.as_str())
        );
        assert_eq!(first.store.len(), 1);
        assert!(first.vary_cookie);
        // The trace walks the view line by line.
        let steps = &r.trace.requests[0].steps;
        assert_eq!(steps.iter().map(|s| s.line).collect::<Vec<_>>(), vec![4, 5]);
        assert_eq!(steps[0].file_line, 7);
        assert!(!steps[0].accessed && steps[1].accessed && steps[1].modified);
        assert_eq!(
            steps[1].session,
            vec![("'count'".to_string(), "1".to_string())]
        );
        assert_eq!(
            r.trace.requests[0].middleware.reason,
            "modified and not empty, so saved; Set-Cookie sent; Vary: Cookie"
        );
    }

    #[test]
    fn set_del_then_read_is_a_500_with_key_error() {
        let r = run_ok(
            "from django.http import HttpResponse

def view(request):
    request.session['user'] = 'Bob'
    del request.session['user']
    return HttpResponse(request.session['user'])
",
            "[[request]]\nview = \"view\"\n",
        );
        let t = &r.transcript[0];
        assert_eq!(t.status, 500);
        assert_eq!(t.body, crate::django::http::server_error_page());
        let e = t.error.as_ref().unwrap();
        assert_eq!(
            (
                e.kind.as_str(),
                e.message.as_str(),
                e.location.as_str(),
                e.line
            ),
            ("KeyError", "'user'", "view", Some(6))
        );
        assert_eq!(t.modified, Json::Bool(true));
        assert!(t.set_cookie.is_none());
        assert!(t.store.is_empty());
    }

    #[test]
    fn each_wrong_syntax_of_question_2_gives_djangos_error() {
        let r = run_ok(
            "from django.http import HttpResponse

def a(request):
    request.set_session('user', 'Alice')
    return HttpResponse('saved')

def b(request):
    session['user'] = 'Alice'
    return HttpResponse('saved')

def c(request):
    request.session.set('user', 'Alice')
    return HttpResponse('saved')

def d(request):
    request.session['user'] = 'Alice'
    return HttpResponse('saved')
",
            "[[request]]\nview = \"a\"\n[[request]]\nview = \"b\"\n[[request]]\nview = \"c\"\n[[request]]\nview = \"d\"\n",
        );
        let errors: Vec<String> = r
            .transcript
            .iter()
            .map(|t| {
                t.error.as_ref().map_or("none".into(), |e| {
                    format!("{}: {} (line {:?})", e.kind, e.message, e.line)
                })
            })
            .collect();
        assert_eq!(
            errors,
            vec![
                "AttributeError: 'WSGIRequest' object has no attribute 'set_session' (line Some(4))",
                "NameError: name 'session' is not defined (line Some(8))",
                "AttributeError: 'SessionStore' object has no attribute 'set' (line Some(12))",
                "none",
            ]
        );
        assert_eq!(r.transcript[0].accessed, Json::Bool(false));
        assert_eq!(r.transcript[2].accessed, Json::Bool(false));
        assert_eq!(r.transcript[3].status, 200);
        assert!(r.transcript[3].set_cookie.is_some());
    }

    #[test]
    fn a_view_returning_none_is_a_handler_error() {
        let r = run_ok(
            "from django.http import HttpResponse

def forgot(request):
    request.session['theme'] = 'dark'
    HttpResponse('x')
",
            "[[request]]\nview = \"forgot\"\n",
        );
        let e = r.transcript[0].error.as_ref().unwrap();
        assert_eq!(e.location, "handler");
        assert_eq!(
            e.message,
            "The view views.forgot didn't return an HttpResponse object. It returned None instead."
        );
        assert!(r.transcript[0].set_cookie.is_none());
    }

    #[test]
    fn views_errors_name_the_file_line() {
        let s = scenario(
            "def view(request)\n    return 1\n",
            "[[request]]\nview = \"view\"\n",
        );
        let err = run(&s, None).unwrap_err().to_string();
        assert!(err.starts_with("t.toml:4:"), "{err}");
        let s = scenario(
            "def view(request):\n    return 1\n",
            "[[request]]\nview = \"nope\"\n",
        );
        let err = run(&s, None).unwrap_err().to_string();
        assert!(
            err.starts_with("t.toml:8:8: views defines no function \"nope\""),
            "{err}"
        );
    }

    #[test]
    fn an_endless_loop_is_stopped() {
        let r = run_ok(
            "def view(request):\n    while True:\n        pass\n",
            "[[request]]\nview = \"view\"\n",
        );
        assert_eq!(r.transcript[0].status, 500);
        let t = &r.trace.requests[0];
        assert!(matches!(t.outcome, ViewOutcome::StepLimit { .. }));
        assert_eq!(t.steps.len(), MAX_TRACE_STEPS);
        assert!(t.skipped_steps > 0);
    }
}
