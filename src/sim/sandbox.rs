//! An interactive session for the sandbox screen: statements run one at a time inside the
//! current request's view (with `request` bound), `send()` ends the request through
//! `SessionMiddleware` and starts the next one from the same browser.

use serde::Serialize;

use crate::django::clock::OutOfRange;
use crate::django::middleware::Decision;
use crate::django::settings::{Engine, Settings};
use crate::python::{self, repr, NoTracer, PyError, Value};

use super::runner::{snapshot, Pending, Simulator, ViewResult};
use super::scenario::RequestSpec;
use super::trace::{CookieView, StoreRowView};
use super::transcript::{ErrorRecord, TranscriptRecord};

/// What the sandbox imports for you, as a view module would.
/// The most bytes of a value the sandbox echoes (a longer repr is cut with `…`).
pub const ECHO_LIMIT: usize = 1_000_000;

const PRELUDE: &str = "from django.http import HttpResponse, JsonResponse, Http404\nfrom django.shortcuts import redirect\n";

/// `request.session` as the sandbox shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SessionState {
    /// `(repr(key), repr(value))`; what loading would give while not loaded.
    pub data: Vec<(String, String)>,
    pub loaded: bool,
    pub accessed: bool,
    pub modified: bool,
    pub session_key: Option<String>,
}

/// The result of one statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SandboxOutput {
    /// The repr of an expression's value (nothing for `None` or a statement).
    pub echo: Option<String>,
    /// The exception, as Python's last traceback line (`KeyError: 'user'`).
    pub error: Option<String>,
    /// What the statement printed.
    pub console: String,
    /// The session, only when the statement changed it (contents or flags).
    pub session: Option<SessionState>,
}

/// What `send()` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SendSummary {
    pub status: u16,
    /// The session cookie's `Set-Cookie` header, if any.
    pub set_cookie: Option<String>,
    pub vary_cookie: bool,
    pub decision: Decision,
    pub error: Option<ErrorRecord>,
    pub store: Vec<StoreRowView>,
    pub jar: Vec<CookieView>,
    /// The transcript record of the request.
    pub record: TranscriptRecord,
}

/// Everything the sandbox screen shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SandboxState {
    pub engine: String,
    pub browser: String,
    pub browsers: Vec<String>,
    /// The virtual time (ISO 8601).
    pub time: String,
    /// Requests sent so far.
    pub sent: usize,
    pub session: SessionState,
    pub cookie_sent: Option<String>,
    pub store: Vec<StoreRowView>,
    pub jar: Vec<CookieView>,
}

/// An interactive request-by-request session.
pub struct Sandbox {
    engine: Engine,
    seed: Option<u64>,
    sim: Simulator,
    browser: String,
    pending: Option<Pending>,
    /// Whether a statement has run in the request under way.
    touched: bool,
    sent: usize,
}

fn request_spec(browser: &str) -> RequestSpec {
    RequestSpec {
        view: "sandbox".into(),
        view_span: 0..0,
        manage: None,
        shell: None,
        cookies_from: None,
        browser: browser.into(),
        method: "GET".into(),
        path: "/".into(),
        query: Vec::new(),
        form: Vec::new(),
        cookies: Vec::new(),
        advance_clock: 0,
        restart_browser: false,
        note: None,
        web: Default::default(),
        predict: Vec::new(),
    }
}

impl Sandbox {
    /// A sandbox on `engine`, browser `A`, the clock at its start, a request under way.
    pub fn new(engine: Engine, seed: Option<u64>) -> Self {
        let mut sim = Simulator::new(Settings::with_engine(engine), seed, 1);
        if let Ok(module) = python::parse_module(PRELUDE) {
            // The prelude only imports; if it cannot load, names are simply missing.
            let _ = sim.interp.load(&module);
        }
        let mut sandbox = Sandbox {
            engine,
            seed,
            sim,
            browser: "A".into(),
            pending: None,
            touched: false,
            sent: 0,
        };
        sandbox.start();
        sandbox
    }

    fn start(&mut self) {
        let pending = self.sim.begin(&request_spec(&self.browser));
        self.sim
            .interp
            .set_interactive_var("request", pending.request_value());
        self.pending = Some(pending);
        self.touched = false;
    }

    fn pending(&self) -> &Pending {
        self.pending
            .as_ref()
            .expect("a request is always under way")
    }

    fn session_state(&self) -> SessionState {
        let snap = snapshot(&self.pending().request);
        SessionState {
            data: snap.pairs,
            loaded: snap.loaded,
            accessed: snap.accessed,
            modified: snap.modified,
            session_key: snap.key,
        }
    }

    /// Runs one statement (or expression) in the current request. A value's echo is cut
    /// after [`ECHO_LIMIT`] bytes.
    pub fn exec(&mut self, source: &str) -> SandboxOutput {
        let before = self.session_state();
        self.touched = true;
        let result = self.sim.interp.exec_interactive(source, &mut NoTracer);
        let console = self.sim.interp.take_console();
        let (echo, error) = match result {
            Ok(Some(Value::None)) | Ok(None) => (None, None),
            Ok(Some(v)) => (
                Some(crate::python::repr::repr_limited(&v, ECHO_LIMIT)),
                None,
            ),
            // What simulated Django refuses reads as what the interpreter refuses.
            Err(PyError::Exception(e)) if &*e.kind == crate::django::UNSUPPORTED => {
                let refused = PyError::Unsupported {
                    what: e.message(),
                    line: e.line.unwrap_or(1),
                };
                (None, Some(refused.to_string()))
            }
            Err(PyError::Exception(e)) => (None, Some(e.display())),
            Err(PyError::Syntax { message, .. }) => (None, Some(message)),
            Err(other) => (None, Some(other.to_string())),
        };
        let after = self.session_state();
        SandboxOutput {
            echo,
            error,
            console,
            session: (after != before).then_some(after),
        }
    }

    /// Ends the request: `SessionMiddleware` runs on a `200 OK` response and the browser
    /// applies it; the next request from the same browser starts.
    pub fn send(&mut self) -> SendSummary {
        let pending = self.pending.take().expect("a request is always under way");
        let ok = crate::django::http::HttpResponseObject::new(crate::django::http::Response::html(
            "HttpResponse",
            200,
            "",
        ));
        let (record, trace) = self.sim.finish(
            pending,
            ViewResult::Returned(Value::Native(ok)),
            Vec::new(),
            0,
        );
        self.sent += 1;
        let name = self.sim.settings().cookie_name;
        let set_cookie = trace
            .response
            .set_cookies
            .iter()
            .find(|h| h.starts_with(&format!("{name}=")))
            .cloned();
        self.start();
        SendSummary {
            status: trace.response.status,
            set_cookie,
            vary_cookie: record.vary_cookie,
            decision: trace.middleware,
            error: trace.error,
            store: trace.store_after,
            jar: trace.jar_after,
            record,
        }
    }

    /// Continues with another browser: the request under way is dropped unsent and a new one
    /// starts from `name`'s jar.
    pub fn switch_browser(&mut self, name: &str) -> SandboxState {
        self.sim.interp.take_console();
        self.browser = name.to_string();
        self.start();
        self.state()
    }

    /// Starts over on another engine (stores and jars are emptied).
    pub fn set_engine(&mut self, engine: Engine) -> SandboxState {
        *self = Sandbox::new(engine, self.seed);
        self.state()
    }

    /// Moves the virtual clock. A request that nothing has run in yet is sent at the new
    /// time instead (so cookies that expired meanwhile are not sent); one already in use
    /// continues at the new time. A move past what Python's datetime can hold changes nothing.
    pub fn advance_clock(&mut self, secs: i64) -> Result<SandboxState, OutOfRange> {
        self.sim.advance_clock(secs)?;
        if !self.touched {
            self.start();
        }
        Ok(self.state())
    }

    /// `manage.py clearsessions`: the db engine deletes expired rows (the other engines
    /// have nothing to clear). Returns how many rows went.
    pub fn clearsessions(&mut self) -> usize {
        if self.engine == Engine::Db {
            self.sim.server.borrow_mut().clear_expired_db()
        } else {
            0
        }
    }

    /// Starts over with the same engine and seed.
    pub fn reset(&mut self) -> SandboxState {
        *self = Sandbox::new(self.engine, self.seed);
        self.state()
    }

    /// Everything the screen shows.
    pub fn state(&self) -> SandboxState {
        let session = self.session_state();
        let server = self.sim.server.borrow();
        let store = server
            .stored(self.engine)
            .into_iter()
            .map(|s| StoreRowView {
                key: s.key,
                data: match &s.data {
                    Value::Dict(d) => super::runner::dict_pairs(&d.borrow()),
                    other => vec![(String::new(), repr(other))],
                },
                expires_in: s.expires_in.map(|x| x.round_ties_even() as i64),
            })
            .collect();
        let jar = self
            .sim
            .browsers
            .iter()
            .find(|(n, _)| *n == self.browser)
            .map(|(_, jar)| {
                jar.cookies()
                    .iter()
                    .map(|c| CookieView {
                        name: c.name.clone(),
                        value: c.value.clone(),
                        expires: c.expires_at.map(crate::django::clock::http_date),
                    })
                    .collect()
            })
            .unwrap_or_default();
        SandboxState {
            engine: self.engine.name().into(),
            browser: self.browser.clone(),
            browsers: self.sim.browsers.iter().map(|(n, _)| n.clone()).collect(),
            time: crate::django::clock::iso(self.sim.clock.now()),
            sent: self.sent,
            session,
            cookie_sent: self.pending().cookie_sent.clone(),
            store,
            jar,
        }
    }
}

#[cfg(test)]
mod clock_tests {
    use super::*;

    #[test]
    fn moving_the_clock_before_a_request_drops_expired_cookies() {
        let mut sb = Sandbox::new(Engine::Db, Some(1));
        sb.exec("request.session['k'] = 1");
        sb.exec("request.session.set_expiry(300)");
        sb.send();
        assert!(sb.state().cookie_sent.is_some());
        let state = sb.advance_clock(301).unwrap();
        assert_eq!(state.cookie_sent, None, "the browser no longer sends it");
        let out = sb.exec("request.session.get('k')");
        assert_eq!(out.echo, None);
    }

    #[test]
    fn a_request_in_use_keeps_its_cookie_when_the_clock_moves() {
        let mut sb = Sandbox::new(Engine::Db, Some(1));
        sb.exec("request.session['k'] = 1");
        sb.send();
        sb.exec("x = 1");
        let key = sb.state().cookie_sent;
        assert!(key.is_some());
        assert_eq!(sb.advance_clock(10).unwrap().cookie_sent, key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_delete_then_read() {
        let mut sb = Sandbox::new(Engine::Db, Some(1));
        let out = sb.exec("request.session['user'] = 'Bob'");
        assert_eq!((out.echo.as_deref(), out.error.as_deref()), (None, None));
        let session = out.session.expect("the session changed");
        assert_eq!(
            session.data,
            vec![("'user'".to_string(), "'Bob'".to_string())]
        );
        assert!(session.modified);
        let out = sb.exec("del request.session['user']");
        assert!(out.session.unwrap().data.is_empty());
        let out = sb.exec("request.session['user']");
        assert_eq!(out.error.as_deref(), Some("KeyError: 'user'"));
        assert_eq!(out.session, None);
    }

    #[test]
    fn send_saves_and_the_next_request_carries_the_cookie() {
        let mut sb = Sandbox::new(Engine::Cache, Some(1));
        sb.exec("request.session['n'] = 1");
        let sent = sb.send();
        assert_eq!(sent.status, 200);
        assert!(sent
            .set_cookie
            .as_deref()
            .unwrap()
            .starts_with("sessionid="));
        assert_eq!(sent.store.len(), 1);
        let out = sb.exec("request.session['n']");
        assert_eq!(out.echo.as_deref(), Some("1"));
        assert!(sb.state().cookie_sent.is_some());
        let state = sb.switch_browser("B");
        assert_eq!(state.cookie_sent, None);
        assert_eq!(sb.exec("request.session.get('n')").echo, None);
        let out = sb.exec("print('hi')");
        assert_eq!(out.console, "hi\n");
    }

    #[test]
    fn the_prelude_is_imported_and_errors_read_like_python() {
        let mut sb = Sandbox::new(Engine::Db, Some(1));
        assert_eq!(
            sb.exec("HttpResponse('x')").echo.as_deref(),
            Some("<HttpResponse status_code=200, \"text/html; charset=utf-8\">")
        );
        assert_eq!(
            sb.exec("request.set_session('user', 'Alice')")
                .error
                .as_deref(),
            Some("AttributeError: 'WSGIRequest' object has no attribute 'set_session'")
        );
        assert_eq!(
            sb.exec("session['user'] = 'Alice'").error.as_deref(),
            Some("NameError: name 'session' is not defined")
        );
        let error = sb.exec("request.session[").error.unwrap();
        assert!(error.starts_with("SyntaxError: "), "{error}");
        assert_eq!(error.matches("SyntaxError").count(), 1, "{error}");
    }

    #[test]
    fn engines_clock_and_reset() {
        let mut sb = Sandbox::new(Engine::SignedCookies, Some(1));
        sb.exec("request.session['k'] = 'v'");
        sb.exec("request.session.set_expiry(60)");
        let sent = sb.send();
        assert!(sent.store.is_empty());
        assert!(sent.set_cookie.unwrap().contains("Max-Age=60"));
        assert_eq!(sb.exec("request.session['k']").echo.as_deref(), Some("'v'"));
        sb.send();
        let state = sb.advance_clock(61).unwrap();
        assert_eq!(state.time, "2026-01-01T00:01:01+00:00");
        // The request under way was sent before the clock moved; the next one has no cookie.
        sb.send();
        assert_eq!(sb.state().cookie_sent, None);
        let state = sb.set_engine(Engine::Cache);
        assert_eq!(state.engine, "cache");
        assert_eq!(state.sent, 0);
        sb.exec("request.session['n'] = 1");
        assert_eq!(sb.send().store.len(), 1);
        let state = sb.reset();
        assert!(state.store.is_empty() && state.jar.is_empty());
    }

    #[test]
    fn expired_rows_stay_until_clearsessions() {
        let mut sb = Sandbox::new(Engine::Db, Some(1));
        sb.exec("request.session.set_expiry(10)");
        sb.send();
        sb.advance_clock(11).unwrap();
        let state = sb.state();
        assert_eq!(state.store.len(), 1);
        assert_eq!(state.store[0].expires_in, Some(-1));
        assert_eq!(sb.clearsessions(), 1);
        assert!(sb.state().store.is_empty());
    }
}
