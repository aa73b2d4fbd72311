//! The trace of a run: plain data a stepper walks forwards and backwards. Python values are
//! already rendered with `repr`; nothing here refers to the interpreter.

use serde::Serialize;

use crate::django::middleware::Decision;

use super::transcript::ErrorRecord;

/// A whole run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trace {
    pub title: String,
    pub summary: String,
    /// `db`, `cache` or `signed_cookies`.
    pub engine: String,
    /// The views module's source and the file line of its first line.
    pub views: String,
    pub views_first_line: usize,
    pub requests: Vec<RequestTrace>,
}

/// A cookie in a browser's jar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CookieView {
    pub name: String,
    pub value: String,
    /// When it expires, as an HTTP date, or `None` for a browser-session cookie.
    pub expires: Option<String>,
}

/// What the browser sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestView {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
    /// The `Cookie` header, or `None` when nothing is sent.
    pub cookie_header: Option<String>,
}

/// Which stored session the request's cookie points to, before the view runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoadedView {
    /// `new`, `stored`, `unknown`, `expired`, `too_short`, `signed`, `bad_signature`.
    pub kind: String,
    /// The key the store starts with (`session_key` before the view).
    pub key: Option<String>,
    /// What loading the session would give, as `(repr(key), repr(value))` pairs.
    pub data: Vec<(String, String)>,
    /// One sentence for the learner.
    pub description: String,
}

/// The state before one executed line of a view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The line in the views module (1-based) and in the scenario file.
    pub line: u32,
    pub file_line: usize,
    /// The function's locals as `(name, repr)`.
    pub locals: Vec<(String, String)>,
    /// The session's contents as `(repr(key), repr(value))`; what loading would give while
    /// it is not loaded yet (see `loaded`).
    pub session: Vec<(String, String)>,
    /// Whether the session data has been loaded into the store.
    pub loaded: bool,
    pub accessed: bool,
    pub modified: bool,
    pub session_key: Option<String>,
    /// Everything printed so far in this request.
    pub console: String,
}

/// The session the moment the view finished, as the transcript captures it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ViewEnd {
    /// `(repr(key), repr(value))`; what loading would give if the view never loaded it.
    pub session: Vec<(String, String)>,
    pub loaded: bool,
    pub accessed: bool,
    pub modified: bool,
    pub session_key: Option<String>,
    /// Everything the view printed.
    pub console: String,
}

/// How the view ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ViewOutcome {
    /// It returned a value (a response, or something else).
    Returned {
        repr: String,
        status: Option<u16>,
        body: Option<String>,
    },
    /// An exception escaped it.
    Raised {
        #[serde(rename = "type")]
        kind: String,
        message: String,
        line: Option<u32>,
        file_line: Option<usize>,
    },
    /// It ran too long and was stopped.
    StepLimit {
        limit: u64,
        line: u32,
        file_line: usize,
        message: String,
    },
}

/// The response as the browser receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResponseView {
    pub status: u16,
    pub body: String,
    /// The `Set-Cookie` headers, as written.
    pub set_cookies: Vec<String>,
    /// The `Vary` header.
    pub vary: Option<String>,
    /// Other headers (`Content-Type`, `Location`, …).
    pub headers: Vec<(String, String)>,
}

/// A server-side session after the response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoreRowView {
    pub key: String,
    pub data: Vec<(String, String)>,
    /// Seconds from now until it expires (negative: expired, kept until cleared).
    pub expires_in: Option<i64>,
}

/// One stored session in a place of [`StorageArea`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StorageEntry {
    /// What it is stored under, as the place names it: the row's `session_key`, the full
    /// cache key (`django.contrib.sessions.cache<key>`), the file's path
    /// (`/tmp/sessionid<key>`), or the cookie's name.
    pub name: String,
    /// The session key it belongs to (for a signed cookie, the cookie's value).
    pub key: String,
    pub data: Vec<(String, String)>,
    /// Seconds from now until it expires, as that place counts it (negative: expired, kept
    /// until cleared); `None` when it never expires on its own.
    pub expires_in: Option<i64>,
}

/// One place where the engine keeps session data, after the response: the db engine has
/// the table, cache the cache, cached_db both, file the folder, signed_cookies the
/// browser's cookie.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StorageArea {
    /// `db`, `cache`, `file` or `cookie`.
    pub kind: String,
    /// For the learner: "django_session table", "cache (LocMemCache)",
    /// "files in /tmp", "sessionid cookie of browser A".
    pub label: String,
    pub entries: Vec<StorageEntry>,
}

/// A management command a scenario ran between requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ManageView {
    /// `clearsessions`.
    pub command: String,
    /// What it removed, in one sentence for the learner.
    pub description: String,
    /// What it printed.
    pub output: String,
    /// A shell step: each top-level statement as typed and what it printed (its echoed
    /// value included; the traceback for the statement that raised).
    pub exchanges: Vec<(String, String)>,
}

/// One request, from the browser's jar to the jar afterwards.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestTrace {
    pub number: usize,
    pub browser: String,
    pub view: String,
    pub note: Option<String>,
    /// The virtual time of the request (ISO 8601) and how far the clock moved first.
    pub time: String,
    pub advanced: i64,
    /// What happened to the jar before sending (restart, cookies put in, expiries).
    pub before: Vec<String>,
    pub jar_before: Vec<CookieView>,
    pub request: RequestView,
    pub loaded: LoadedView,
    pub steps: Vec<Step>,
    /// Lines that ran after the trace kept its first steps (a long loop).
    pub skipped_steps: u64,
    pub outcome: ViewOutcome,
    /// The session when the view finished (returned or raised).
    pub after_view: ViewEnd,
    pub middleware: Decision,
    /// The exception that made a 500, as the transcript reports it.
    pub error: Option<ErrorRecord>,
    pub response: ResponseView,
    pub store_after: Vec<StoreRowView>,
    pub jar_after: Vec<CookieView>,
    /// Where the engine keeps the data after this request, place by place.
    pub storage: Vec<StorageArea>,
    /// Set when this step ran a management command instead of a request (the request and
    /// response fields are then empty).
    pub manage: Option<ManageView>,
}
