//! Expectations on a scenario's transcript, and the checker that runs a views module against
//! them.
//!
//! An activity file (an exercise, a Parsons problem, a fill-in-the-blanks problem) is a scenario
//! file (`format_version`, `views`, `[settings]`, `[[request]]`, … as in docs/scenarios.md) with
//! its own tables added: `[[expect]]` tables, and a table of the activity's own (`[exercise]`,
//! …). [`split`] loads the scenario part with the simulator's own loader (the activity's tables
//! are blanked out first, so every position stays the file's), [`parse_expectations`] reads the
//! `[[expect]]` tables, and [`check`] runs a views module (the learner's text) through the
//! simulator and says, for each expectation, whether it holds, with the actual value beside the
//! expected one.
//!
//! ```toml
//! [[expect]]
//! request = 2                      # the request's number, from 1
//! status = 200
//! body_contains = "apple"          # a string or a list of strings
//! body_lacks = "pear"              # likewise
//! body_equals = "Cart: ['apple']"
//! session = { cart = ["apple"] }   # request.session[key] == value when the view finished
//! session_absent = ["flash"]       # keys not in request.session
//! cookie = "set"                   # the session cookie: set, deleted, kept, absent, not_set
//! session_key = "new"              # the key the browser holds afterwards: new or same
//! cookie_lacks = "s3cret"          # the session cookie's value, decoded when signed
//! store = { cart = ["apple"] }     # the stored session the browser's key points to
//! store_absent = ["flash"]         # keys not in that stored session
//! store_sessions = 1               # how many sessions the store holds
//! error = "KeyError"               # the exception behind a 500, or "none"
//! error_message = "'cart'"         # contained in str(exception)
//! header = ["Vary: Cookie"]        # present ("Name" or "Name: value")
//! header_absent = ["Vary: Cookie"] # absent
//! ```
//!
//! The engine never prints: the report is data for a screen or a plain writer.

use serde::Deserialize;
use serde_json::Value as Json;
use toml::Spanned;

use crate::sim::scenario::{load_scenario, Scenario, ScenarioError};
use crate::sim::transcript::TranscriptRecord;
use crate::sim::{RunResult, Trace};

/// What the session cookie did on a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CookieState {
    /// The response sets the session cookie (a new value or a refreshed one).
    Set,
    /// The response deletes it.
    Deleted,
    /// The response leaves it alone and the browser still holds one.
    Kept,
    /// The browser holds no session cookie afterwards.
    Absent,
    /// The response has no session `Set-Cookie` (whatever the browser holds).
    NotSet,
}

impl CookieState {
    fn name(self) -> &'static str {
        match self {
            CookieState::Set => "set",
            CookieState::Deleted => "deleted",
            CookieState::Kept => "kept",
            CookieState::Absent => "absent",
            CookieState::NotSet => "not_set",
        }
    }
}

/// `session_key = "new"` or `"same"`: the browser's session key after the response compared
/// with the one it sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyChange {
    New,
    Same,
}

/// One check on one request.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    Status(u16),
    BodyContains(String),
    BodyLacks(String),
    BodyEquals(String),
    SessionEquals {
        key: String,
        value: Json,
    },
    SessionAbsent(String),
    Cookie(CookieState),
    SessionKey(KeyChange),
    CookieLacks(String),
    StoreEquals {
        key: String,
        value: Json,
    },
    StoreAbsent(String),
    StoreSessions(usize),
    /// The exception's type (`None`: no exception).
    Error(Option<String>),
    ErrorMessage(String),
    HeaderPresent {
        name: String,
        value: Option<String>,
    },
    HeaderAbsent {
        name: String,
        value: Option<String>,
    },
}

/// A check on a request, where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Expectation {
    /// The request's number, from 1.
    pub request: usize,
    pub check: Check,
    /// The line of the file where its `[[expect]]` table's `request` is written.
    pub line: usize,
}

impl Expectation {
    /// What is expected, in words ("status 200", "session['cart'] == ['apple']").
    pub fn describe(&self) -> String {
        match &self.check {
            Check::Status(s) => format!("status {s}"),
            Check::BodyContains(s) => format!("body contains {s:?}"),
            Check::BodyLacks(s) => format!("body does not contain {s:?}"),
            Check::BodyEquals(s) => format!("body is {s:?}"),
            Check::SessionEquals { key, value } => {
                format!("session[{key:?}] == {}", python_repr(value))
            }
            Check::SessionAbsent(key) => format!("{key:?} not in session"),
            Check::Cookie(state) => format!("session cookie {}", cookie_words(state.name())),
            Check::SessionKey(KeyChange::New) => "a new session key".into(),
            Check::SessionKey(KeyChange::Same) => "the same session key".into(),
            Check::CookieLacks(s) => format!("session cookie does not reveal {s:?}"),
            Check::StoreEquals { key, value } => {
                format!("stored session[{key:?}] == {}", python_repr(value))
            }
            Check::StoreAbsent(key) => format!("{key:?} not in the stored session"),
            Check::StoreSessions(n) => format!("{n} session(s) in the store"),
            Check::Error(None) => "no exception".into(),
            Check::Error(Some(kind)) => format!("raises {kind}"),
            Check::ErrorMessage(m) => format!("exception message contains {m:?}"),
            Check::HeaderPresent { name, value } => header_words(name, value, true),
            Check::HeaderAbsent { name, value } => header_words(name, value, false),
        }
    }
}

fn cookie_words(state: &str) -> String {
    match state {
        "set" => "set".into(),
        "deleted" => "deleted".into(),
        "kept" => "kept (not sent again)".into(),
        "absent" => "absent from the browser".into(),
        _ => "not set by the response".into(),
    }
}

fn header_words(name: &str, value: &Option<String>, present: bool) -> String {
    let h = match value {
        Some(v) => format!("{name}: {v}"),
        None => name.to_string(),
    };
    if present {
        format!("header {h}")
    } else {
        format!("no header {h}")
    }
}

/// One or several strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum Strings {
    One(String),
    Many(Vec<String>),
}

impl Strings {
    fn into_vec(self) -> Vec<String> {
        match self {
            Strings::One(s) => vec![s],
            Strings::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    request: Spanned<i64>,
    status: Option<u16>,
    body_contains: Option<Strings>,
    body_lacks: Option<Strings>,
    body_equals: Option<String>,
    session: Option<toml::Table>,
    session_absent: Option<Strings>,
    cookie: Option<CookieState>,
    session_key: Option<KeyChange>,
    cookie_lacks: Option<Strings>,
    store: Option<toml::Table>,
    store_absent: Option<Strings>,
    store_sessions: Option<usize>,
    error: Option<String>,
    error_message: Option<String>,
    header: Option<Strings>,
    header_absent: Option<Strings>,
}

#[derive(Deserialize)]
struct RawExpectations {
    #[serde(default)]
    expect: Vec<RawExpect>,
}

/// Reads the `[[expect]]` tables of a file (other tables are not looked at). Every
/// expectation must name a request the scenario has.
pub fn parse_expectations(
    path: &str,
    text: &str,
    scenario: &Scenario,
) -> Result<Vec<Expectation>, ScenarioError> {
    let raw: RawExpectations =
        crate::content::toml_de::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let mut out = Vec::new();
    for r in raw.expect {
        let at = r.request.span().start;
        let line = crate::content::line_col(text, at).0;
        let n = *r.request.get_ref();
        if n < 1 || n as usize > scenario.requests.len() {
            return Err(ScenarioError::at(
                path,
                text,
                at,
                format!(
                    "expectation on request {n}, but the scenario has {} request(s)",
                    scenario.requests.len()
                ),
            ));
        }
        let request = n as usize;
        let mut push = |check| {
            out.push(Expectation {
                request,
                check,
                line,
            })
        };
        if let Some(s) = r.status {
            push(Check::Status(s));
        }
        for s in r.body_contains.map(Strings::into_vec).unwrap_or_default() {
            push(Check::BodyContains(s));
        }
        for s in r.body_lacks.map(Strings::into_vec).unwrap_or_default() {
            push(Check::BodyLacks(s));
        }
        if let Some(s) = r.body_equals {
            push(Check::BodyEquals(s));
        }
        for (key, value) in r.session.unwrap_or_default() {
            push(Check::SessionEquals {
                key,
                value: toml_to_json(&value),
            });
        }
        for key in r.session_absent.map(Strings::into_vec).unwrap_or_default() {
            push(Check::SessionAbsent(key));
        }
        if let Some(c) = r.cookie {
            push(Check::Cookie(c));
        }
        if let Some(k) = r.session_key {
            push(Check::SessionKey(k));
        }
        for s in r.cookie_lacks.map(Strings::into_vec).unwrap_or_default() {
            push(Check::CookieLacks(s));
        }
        for (key, value) in r.store.unwrap_or_default() {
            push(Check::StoreEquals {
                key,
                value: toml_to_json(&value),
            });
        }
        for key in r.store_absent.map(Strings::into_vec).unwrap_or_default() {
            push(Check::StoreAbsent(key));
        }
        if let Some(n) = r.store_sessions {
            push(Check::StoreSessions(n));
        }
        if let Some(e) = r.error {
            push(Check::Error(if e == "none" { None } else { Some(e) }));
        }
        if let Some(m) = r.error_message {
            push(Check::ErrorMessage(m));
        }
        for h in r.header.map(Strings::into_vec).unwrap_or_default() {
            let (name, value) = split_header(&h);
            push(Check::HeaderPresent { name, value });
        }
        for h in r.header_absent.map(Strings::into_vec).unwrap_or_default() {
            let (name, value) = split_header(&h);
            push(Check::HeaderAbsent { name, value });
        }
        if !out.iter().any(|e| e.line == line && e.request == request) {
            return Err(ScenarioError::at(
                path,
                text,
                at,
                "this [[expect]] checks nothing: add status, body_contains, session, cookie, … (see docs/exercises.md)",
            ));
        }
    }
    Ok(out)
}

fn split_header(h: &str) -> (String, Option<String>) {
    match h.split_once(':') {
        Some((name, value)) => (name.trim().to_string(), Some(value.trim().to_string())),
        None => (h.trim().to_string(), None),
    }
}

fn toml_error(path: &str, text: &str, e: &crate::content::toml_de::Error) -> ScenarioError {
    match e.span() {
        Some(span) => ScenarioError::at(path, text, span.start, e.message().trim()),
        None => ScenarioError {
            path: path.into(),
            position: None,
            message: e.message().trim().to_string(),
        },
    }
}

/// A TOML value as the JSON a transcript would hold.
pub fn toml_to_json(value: &toml::Value) -> Json {
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Json::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// A JSON value written as Python would show it (`['apple']`, `{'n': 1}`, `True`, `None`).
pub fn python_repr(value: &Json) -> String {
    match value {
        Json::Null => "None".into(),
        Json::Bool(true) => "True".into(),
        Json::Bool(false) => "False".into(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => py_str(s),
        Json::Array(a) => format!(
            "[{}]",
            a.iter().map(python_repr).collect::<Vec<_>>().join(", ")
        ),
        Json::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), python_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn py_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Loads the scenario part of an activity file: the tables named in `sections` (`"expect"`,
/// `"exercise"`, …, with their sub-tables) are blanked out, keeping every line and column,
/// and the rest is read by the simulator's loader.
pub fn split(path: &str, text: &str, sections: &[&str]) -> Result<Scenario, ScenarioError> {
    // A file that is not TOML is reported as such before anything is blanked.
    crate::content::toml_de::from_str::<toml::Table>(text)
        .map_err(|e| toml_error(path, text, &e))?;
    load_scenario(path, &blank_sections(text, sections))
}

/// `text` with the named top-level tables replaced by spaces (line breaks kept).
pub fn blank_sections(text: &str, sections: &[&str]) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut blanking = false;
    let mut i = 0;
    let mut depth = 0usize; // open brackets of arrays and braces of inline tables
    let mut line_start = true;
    let mut section_from = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if line_start && depth == 0 {
            // Skip indentation, then look for a header.
            let mut j = i;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'[' {
                let end = bytes[j..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| j + p);
                let header = &text[j..end];
                let name = header
                    .trim_start_matches('[')
                    .split(['.', ']'])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_matches(['"', '\'']);
                if blanking {
                    blank(&mut out, section_from, i);
                }
                blanking = sections.contains(&name);
                section_from = i;
                i = end;
                line_start = false;
                continue;
            }
        }
        line_start = false;
        match c {
            b'\n' => line_start = true,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\'' | b'"' => {
                let triple = bytes[i..].starts_with(if c == b'\'' { b"'''" } else { b"\"\"\"" });
                let delim: &[u8] = if triple {
                    if c == b'\'' {
                        b"'''"
                    } else {
                        b"\"\"\""
                    }
                } else if c == b'\'' {
                    b"'"
                } else {
                    b"\""
                };
                i += delim.len();
                while i < bytes.len() {
                    if c == b'"' && bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if !triple && bytes[i] == b'\n' {
                        break;
                    }
                    if bytes[i..].starts_with(delim) {
                        i += delim.len();
                        // A triple-quoted string may end with up to two more quotes.
                        while triple && i < bytes.len() && bytes[i] == c {
                            i += 1;
                        }
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if blanking {
        blank(&mut out, section_from, bytes.len());
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn blank(out: &mut [u8], from: usize, to: usize) {
    for b in &mut out[from..to] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// The outcome of one expectation.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub expectation: Expectation,
    pub pass: bool,
    /// What really happened, in the same words as the expected value.
    pub actual: String,
}

impl Outcome {
    /// What was expected, in words.
    pub fn expected(&self) -> String {
        self.expectation.describe()
    }
}

/// Why the views could not be run at all.
#[derive(Clone, Debug, PartialEq)]
pub struct RunFailure {
    /// The line of the learner's views, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The message (a syntax error, a refused construct, a module that fails to load, …).
    pub message: String,
}

/// An exception behind a 500 on a request.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestError {
    pub request: usize,
    pub kind: String,
    pub message: String,
    /// The views line, when the exception came from a view.
    pub line: Option<usize>,
    /// `view`, `middleware` or `handler`.
    pub location: String,
}

/// What a check found.
#[derive(Clone, Debug)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
    /// Set when the views could not be run; `outcomes` is then empty.
    pub failure: Option<RunFailure>,
    /// The exceptions that made 500s, request by request.
    pub errors: Vec<RequestError>,
    /// The run, for the stepper (absent on a failure).
    pub trace: Option<Trace>,
    pub transcript: Vec<TranscriptRecord>,
}

impl Report {
    pub fn passed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.pass).count()
    }

    pub fn total(&self) -> usize {
        self.outcomes.len()
    }

    /// Every expectation holds (and the views ran).
    pub fn all_pass(&self) -> bool {
        self.failure.is_none() && self.outcomes.iter().all(|o| o.pass)
    }

    /// The first request with a failing expectation.
    pub fn first_failing_request(&self) -> Option<usize> {
        self.outcomes
            .iter()
            .filter(|o| !o.pass)
            .map(|o| o.expectation.request)
            .min()
    }
}

/// Runs `views` (the learner's module, its line 1 being the file's line 1) in the scenario
/// and checks every expectation. `views_path` names the learner's file in messages.
pub fn check(scenario: &Scenario, views: &str, expectations: &[Expectation]) -> Report {
    let mut run_scenario = scenario.clone();
    run_scenario.views = views.to_string();
    run_scenario.views_first_line = 1;
    match crate::sim::run(&run_scenario, Some(1)) {
        Ok(run) => report(scenario, run, expectations),
        Err(e) => Report {
            outcomes: Vec::new(),
            failure: Some(failure_of(&e)),
            errors: Vec::new(),
            trace: None,
            transcript: Vec::new(),
        },
    }
}

fn failure_of(e: &ScenarioError) -> RunFailure {
    // Errors in the views read "views line N: …"; others are located in the activity file.
    if let Some(rest) = e.message.strip_prefix("views line ") {
        if let Some((n, message)) = rest.split_once(": ") {
            if let Ok(n) = n.parse::<usize>() {
                return RunFailure {
                    line: Some(n),
                    column: e.position.map(|p| p.1).filter(|&c| c > 1),
                    message: message.to_string(),
                };
            }
        }
    }
    if let Some(name) = e
        .message
        .strip_prefix("views defines no function ")
        .map(str::to_string)
    {
        return RunFailure {
            line: None,
            column: None,
            message: format!("the views define no function {name}, and a request needs it"),
        };
    }
    RunFailure {
        line: None,
        column: None,
        message: e.message.clone(),
    }
}

fn report(scenario: &Scenario, run: RunResult, expectations: &[Expectation]) -> Report {
    let cookie_name = scenario.settings.cookie_name.clone();
    let mut outcomes = Vec::new();
    for e in expectations {
        let Some(record) = run.transcript.get(e.request - 1) else {
            continue;
        };
        let (pass, actual) = evaluate(&e.check, record, &cookie_name);
        outcomes.push(Outcome {
            expectation: e.clone(),
            pass,
            actual,
        });
    }
    let errors = run
        .transcript
        .iter()
        .filter_map(|r| {
            r.error.as_ref().map(|err| RequestError {
                request: r.request,
                kind: err.kind.clone(),
                message: err.message.clone(),
                line: err.line.map(|l| l as usize),
                location: err.location.clone(),
            })
        })
        .collect();
    Report {
        outcomes,
        failure: None,
        errors,
        trace: Some(run.trace),
        transcript: run.transcript,
    }
}

/// The session key the browser holds after the response.
fn jar_key(record: &TranscriptRecord, cookie_name: &str) -> Option<String> {
    record
        .jar
        .get(cookie_name)
        .and_then(Json::as_str)
        .map(str::to_string)
}

fn session_value(session: &Json, key: &str) -> Option<Json> {
    session.as_object().and_then(|o| o.get(key)).cloned()
}

fn keys_of(data: &Json) -> String {
    match data.as_object() {
        Some(o) if o.is_empty() => "it is empty".into(),
        Some(o) => format!(
            "it holds {}",
            o.keys().map(|k| py_str(k)).collect::<Vec<_>>().join(", ")
        ),
        None => "it is empty".into(),
    }
}

/// The decoded text of a signed cookie value (`payload:time:signature`), or the value.
fn readable_cookie(value: &str) -> String {
    let payload = value.split(':').next().unwrap_or(value);
    match crate::django::signing::decode_payload(payload) {
        Ok(json) => format!("{value}, which decodes to {json}"),
        Err(_) => value.to_string(),
    }
}

fn evaluate(check: &Check, r: &TranscriptRecord, cookie_name: &str) -> (bool, String) {
    let stored = || {
        jar_key(r, cookie_name).and_then(|k| r.store.iter().find(|s| s.key == k).map(|s| &s.data))
    };
    match check {
        Check::Status(s) => (r.status == *s, format!("status {}", r.status)),
        Check::BodyContains(s) => (r.body.contains(s.as_str()), body_words(r)),
        Check::BodyLacks(s) => (!r.body.contains(s.as_str()), body_words(r)),
        Check::BodyEquals(s) => (r.body == *s, body_words(r)),
        Check::SessionEquals { key, value } => match session_value(&r.session, key) {
            Some(v) => (
                crate::sim::transcript::strict_equal(&v, value),
                format!("session[{key:?}] == {}", python_repr(&v)),
            ),
            None => (
                false,
                format!("{key:?} not in session ({})", keys_of(&r.session)),
            ),
        },
        Check::SessionAbsent(key) => match session_value(&r.session, key) {
            Some(v) => (false, format!("session[{key:?}] == {}", python_repr(&v))),
            None => (true, format!("{key:?} not in session")),
        },
        Check::Cookie(state) => {
            let actual = match &r.set_cookie {
                Some(c) if c.deleted => "deleted",
                Some(_) => "set",
                None if jar_key(r, cookie_name).is_some() => "kept",
                None => "absent",
            };
            let pass = match state {
                CookieState::Set => actual == "set",
                CookieState::Deleted => actual == "deleted",
                CookieState::Kept => actual == "kept",
                CookieState::Absent => jar_key(r, cookie_name).is_none(),
                CookieState::NotSet => r.set_cookie.is_none(),
            };
            let words = match actual {
                "kept" => "kept (not sent again)".to_string(),
                "absent" => "not set, and the browser holds none".to_string(),
                other => other.to_string(),
            };
            (pass, format!("session cookie {words}"))
        }
        Check::SessionKey(change) => {
            let after = jar_key(r, cookie_name);
            let same = after.is_some() && after == r.cookie_sent;
            let pass = match change {
                KeyChange::Same => same,
                KeyChange::New => after.is_some() && !same,
            };
            let words = match (&r.cookie_sent, &after) {
                (_, None) => "the browser holds no session key".to_string(),
                (None, Some(_)) => "a new session key (none was sent)".to_string(),
                (Some(_), Some(_)) if same => "the same session key".to_string(),
                _ => "a new session key".to_string(),
            };
            (pass, words)
        }
        Check::CookieLacks(s) => {
            let value = r
                .set_cookie
                .as_ref()
                .filter(|c| !c.deleted)
                .map(|c| c.value.clone())
                .or_else(|| jar_key(r, cookie_name));
            match value {
                Some(v) => {
                    let readable = readable_cookie(&v);
                    (
                        !readable.contains(s.as_str()),
                        format!("session cookie reads {readable}"),
                    )
                }
                None => (true, "no session cookie".into()),
            }
        }
        Check::StoreEquals { key, value } => match stored() {
            None => (false, "no stored session for the browser's key".into()),
            Some(data) => match session_value(data, key) {
                Some(v) => (
                    crate::sim::transcript::strict_equal(&v, value),
                    format!("stored session[{key:?}] == {}", python_repr(&v)),
                ),
                None => (
                    false,
                    format!("{key:?} not in the stored session ({})", keys_of(data)),
                ),
            },
        },
        Check::StoreAbsent(key) => match stored().and_then(|d| session_value(d, key)) {
            Some(v) => (
                false,
                format!("stored session[{key:?}] == {}", python_repr(&v)),
            ),
            None => (true, format!("{key:?} not in the stored session")),
        },
        Check::StoreSessions(n) => (
            r.store.len() == *n,
            format!("{} session(s) in the store", r.store.len()),
        ),
        Check::Error(kind) => {
            let actual = match &r.error {
                Some(e) => match e.line {
                    Some(l) => format!("raises {} (line {l}): {}", e.kind, e.message),
                    None => format!("raises {} ({}): {}", e.kind, e.location, e.message),
                },
                None => "no exception".into(),
            };
            let pass = match (kind, &r.error) {
                (None, None) => true,
                (Some(k), Some(e)) => crate::sim::runner::is_subclass(&e.kind, k),
                _ => false,
            };
            (pass, actual)
        }
        Check::ErrorMessage(m) => match &r.error {
            Some(e) => (
                e.message.contains(m.as_str()),
                format!("exception message {:?}", e.message),
            ),
            None => (false, "no exception".into()),
        },
        Check::HeaderPresent { name, value } | Check::HeaderAbsent { name, value } => {
            let present_check = matches!(check, Check::HeaderPresent { .. });
            let found = header_values(r, name);
            let has = match value {
                Some(v) => found.iter().any(|f| header_value_has(f, v)),
                None => !found.is_empty(),
            };
            let actual = if found.is_empty() {
                format!("no header {name}")
            } else {
                found
                    .iter()
                    .map(|f| format!("header {name}: {f}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (has == present_check, actual)
        }
    }
}

fn body_words(r: &TranscriptRecord) -> String {
    const MAX: usize = 300;
    if let (500, Some(e)) = (r.status, &r.error) {
        return format!(
            "Django's error page for a 500 (from {}: {})",
            e.kind, e.message
        );
    }
    let body = r.body.as_str();
    if body.chars().count() > MAX {
        let cut: String = body.chars().take(MAX).collect();
        format!("body {cut:?}…")
    } else {
        format!("body {body:?}")
    }
}

/// The values of a response header (`Vary` and `Location` included).
fn header_values(r: &TranscriptRecord, name: &str) -> Vec<String> {
    if name.eq_ignore_ascii_case("vary") {
        let mut out = Vec::new();
        if r.vary_cookie {
            out.push("Cookie".to_string());
        }
        if let Some(v) = r
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("vary"))
        {
            out.push(json_text(v.1));
        }
        return out;
    }
    if name.eq_ignore_ascii_case("location") {
        return r.location.iter().cloned().collect();
    }
    r.headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| json_text(v))
        .collect()
}

fn json_text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `Vary: Cookie` matches `Accept-Encoding, Cookie`: lists compare item by item.
fn header_value_has(found: &str, wanted: &str) -> bool {
    found.eq_ignore_ascii_case(wanted)
        || found
            .split(',')
            .any(|part| part.trim().eq_ignore_ascii_case(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"format_version = 1
title = "Lost append"
views = '''
from django.http import HttpResponse

def start(request):
    request.session['cart'] = []
    return HttpResponse("empty")

def add(request):
    request.session['cart'].append('apple')
    return HttpResponse("added")

def show(request):
    return HttpResponse(f"Cart: {request.session['cart']}")
'''

[[request]]
view = "start"

[[request]]
view = "add"

[[request]]
view = "show"

[exercise]
goal = "Keep the apple."
solution = '''
[not a header]
'''

[[expect]]
request = 1
cookie = "set"
header = "Vary: Cookie"

[[expect]]
request = 3
status = 200
body_contains = "apple"
session = { cart = ["apple"] }
store = { cart = ["apple"] }
"#;

    fn load() -> (Scenario, Vec<Expectation>) {
        let s = split("t.toml", FILE, &["expect", "exercise"]).unwrap();
        let e = parse_expectations("t.toml", FILE, &s).unwrap();
        (s, e)
    }

    #[test]
    fn the_broken_views_fail_with_actual_values() {
        let (s, e) = load();
        assert_eq!(e.len(), 6);
        let r = check(&s, &s.views, &e);
        assert!(r.failure.is_none());
        assert!(!r.all_pass());
        assert_eq!(r.first_failing_request(), Some(3));
        let body = r
            .outcomes
            .iter()
            .find(|o| matches!(o.expectation.check, Check::BodyContains(_)))
            .unwrap();
        assert!(!body.pass);
        assert_eq!(body.actual, "body \"Cart: []\"");
        let session = &r.outcomes[4];
        assert_eq!(session.actual, "session[\"cart\"] == []");
        assert_eq!(session.expected(), "session[\"cart\"] == ['apple']");
        assert!(r.outcomes[0].pass && r.outcomes[1].pass);
        assert_eq!(r.outcomes[0].expectation.line, 34);
    }

    #[test]
    fn fixed_views_pass() {
        let (s, e) = load();
        let fixed = s.views.replace(
            "append('apple')\n",
            "append('apple')\n    request.session.modified = True\n",
        );
        let r = check(&s, &fixed, &e);
        assert!(r.all_pass(), "{:?}", r.outcomes);
        assert_eq!(r.passed(), 6);
    }

    #[test]
    fn errors_and_refusals_carry_the_learners_line() {
        let (s, e) = load();
        let r = check(&s, "def start(request)\n    pass\n", &e);
        let f = r.failure.unwrap();
        assert_eq!(f.line, Some(1));
        let r = check(&s, &s.views.replace("['cart']}", "['nope']}"), &e);
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].kind, "KeyError");
        assert_eq!(r.errors[0].line, Some(12));
        let r = check(&s, "def start(request):\n    pass\n", &e);
        assert!(r.failure.unwrap().message.contains("no function"));
    }

    #[test]
    fn blanking_keeps_positions_and_strings() {
        let blanked = blank_sections(FILE, &["expect", "exercise"]);
        assert_eq!(blanked.len(), FILE.len());
        assert_eq!(blanked.lines().count(), FILE.lines().count());
        assert!(blanked.contains("def show(request)"));
        assert!(!blanked.contains("goal"));
        assert!(!blanked.contains("body_contains"));
        // A scenario key inside a blanked table is not kept either.
        assert!(!blanked.contains("[not a header]"));
    }

    #[test]
    fn bad_expectations_are_located() {
        let s = split("t.toml", FILE, &["expect", "exercise"]).unwrap();
        let bad = FILE.replace("request = 3", "request = 9");
        let err = parse_expectations("t.toml", &bad, &s)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.toml:39:11:"), "{err}");
        let bad = FILE.replace("status = 200", "statuss = 200");
        let err = parse_expectations("t.toml", &bad, &s)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.toml:40:1:"), "{err}");
        let bad = FILE.replace("cookie = \"set\"", "cookie = \"gone\"");
        let err = parse_expectations("t.toml", &bad, &s)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.toml:35:10:"), "{err}");
        // An unknown top-level key is the scenario loader's to refuse.
        let bad = FILE.replace("title =", "titel =");
        let err = split("t.toml", &bad, &["expect", "exercise"])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.toml:2:1:"), "{err}");
    }

    #[test]
    fn python_repr_of_values() {
        let v: Json = serde_json::json!({"a": [1, true, null, "it's"]});
        assert_eq!(python_repr(&v), "{'a': [1, True, None, \"it's\"]}");
    }
}
