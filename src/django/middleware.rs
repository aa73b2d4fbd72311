//! `SessionMiddleware` as Django 5.2 runs it: `process_request` builds the lazy store from the
//! cookie; `process_response` deletes the cookie of an emptied session, adds `Vary: Cookie`
//! when the session was accessed, and saves and sets the cookie when the session was modified
//! (or `SESSION_SAVE_EVERY_REQUEST`) and is not empty, unless the status is 500 or more.
//! Every outcome carries a plain-English reason for the stepper.

use std::rc::Rc;

use serde::Serialize;

use crate::python::{PyException, Value};

use super::clock::http_date_of;
use super::cookies::SetCookie;
use super::http::Response;
use super::pyargs::{as_f64, unsupported_operands};
use super::request::WsgiRequest;
use super::session::{SessionStore, SharedServer};
use super::settings::Settings;

/// `process_request`: `request.session = SessionStore(request.COOKIES.get("sessionid"))`.
pub fn process_request(server: &SharedServer, cookie: Option<&str>) -> Rc<SessionStore> {
    let engine = server.borrow().settings.engine;
    Rc::new(SessionStore::new(server.clone(), engine, cookie))
}

/// What the view handed back to the middleware.
#[derive(Clone, Debug)]
pub enum ViewResponse {
    /// A response object.
    Response(Response),
    /// Some other value (a view returning a string, say), by its type name.
    Other(String),
}

/// What the middleware did with the session cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CookieAction {
    None,
    Set,
    Deleted,
}

/// The middleware's decision, for the stepper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Whether `save()` ran and succeeded.
    pub saved: bool,
    pub cookie: CookieAction,
    pub vary: bool,
    /// Why, in plain English.
    pub reason: String,
}

/// The result of `process_response`.
pub struct Outcome {
    /// The response after the middleware (its 500 or 400 page when it raised); `Other` when
    /// the view's value was not a response and the middleware never touched it.
    pub response: ViewResponse,
    pub decision: Decision,
    /// The exception `process_response` raised, if any.
    pub error: Option<PyException>,
}

fn no_attribute(type_name: &str, attr: &str) -> PyException {
    PyException::new(
        "AttributeError",
        format!("'{type_name}' object has no attribute '{attr}'"),
    )
}

fn response_mut<'a>(
    response: &'a mut ViewResponse,
    attr: &str,
) -> Result<&'a mut Response, PyException> {
    match response {
        ViewResponse::Response(r) => Ok(r),
        ViewResponse::Other(t) => Err(no_attribute(t, attr)),
    }
}

/// The store behind a `request.session` value, if it is still a session store.
pub fn as_store(value: &Value) -> Option<&SessionStore> {
    match value {
        Value::Native(obj) => obj.as_any().downcast_ref::<SessionStore>(),
        _ => None,
    }
}

/// `SessionMiddleware.process_response` at the epoch second `now`.
pub fn process_response(request: &WsgiRequest, response: ViewResponse, now: i64) -> Outcome {
    let mut response = response;
    let session = request.session().unwrap_or(Value::None);
    let Some(store) = as_store(&session) else {
        return Outcome {
            response,
            decision: Decision {
                saved: false,
                cookie: CookieAction::None,
                vary: false,
                reason: "request.session is no longer a session store, so the middleware left the response alone".into(),
            },
            error: None,
        };
    };
    let settings = store.server().borrow().settings.clone();
    let (Some(accessed), Some(modified)) = (store.accessed(), store.modified()) else {
        return Outcome {
            response,
            decision: Decision {
                saved: false,
                cookie: CookieAction::None,
                vary: false,
                reason: "the session's accessed/modified flags are gone, so the middleware left the response alone".into(),
            },
            error: None,
        };
    };
    let (accessed, modified) = (accessed.is_truthy(), modified.is_truthy());
    match decide(
        request,
        store,
        &settings,
        accessed,
        modified,
        &mut response,
        now,
    ) {
        Ok(decision) => Outcome {
            response,
            decision,
            error: None,
        },
        Err(error) => {
            let interrupted = &*error.kind == "SessionInterrupted";
            let page = if interrupted {
                Response::bad_request()
            } else {
                Response::server_error()
            };
            let status = page.status;
            Outcome {
                response: ViewResponse::Response(page),
                decision: Decision {
                    saved: false,
                    cookie: CookieAction::None,
                    vary: false,
                    reason: format!(
                        "the middleware raised {}: Django answers {status}; nothing saved, no Set-Cookie",
                        error.display()
                    ),
                },
                error: Some(error),
            }
        }
    }
}

fn decide(
    request: &WsgiRequest,
    store: &SessionStore,
    settings: &Settings,
    accessed: bool,
    modified: bool,
    response: &mut ViewResponse,
    now: i64,
) -> Result<Decision, PyException> {
    let empty = store.is_empty();
    let name = &settings.cookie_name;
    let mut decision = Decision {
        saved: false,
        cookie: CookieAction::None,
        vary: false,
        reason: String::new(),
    };
    if request.has_cookie(name) && empty {
        response_mut(response, "delete_cookie")?.put_cookie(SetCookie::session_deletion(settings));
        decision.cookie = CookieAction::Deleted;
        decision.vary = true;
        decision.reason =
            "the request carried a session cookie and the session is now empty, so the cookie is deleted; Vary: Cookie"
                .into();
    } else {
        decision.vary = accessed;
        if (modified || settings.save_every_request) && !empty {
            let why = if modified {
                "modified and not empty"
            } else {
                "SESSION_SAVE_EVERY_REQUEST and not empty"
            };
            let (max_age, expires) = if store.get_expire_at_browser_close()? {
                (None, None)
            } else {
                let age = store.get_expiry_age(None, None)?;
                let seconds =
                    as_f64(&age).ok_or_else(|| unsupported_operands("+", "float", &age))?;
                // As Django: `http_date(time.time() + max_age)`, which raises for a time
                // Python's datetime cannot hold (so a huge SESSION_COOKIE_AGE is a 500).
                let expires = http_date_of(now as f64 + seconds)
                    .map_err(|e| PyException::new(e.kind, e.message))?;
                (Some(seconds.trunc() as i64), Some(expires))
            };
            let status = match response {
                ViewResponse::Response(r) => r.status,
                ViewResponse::Other(t) => return Err(no_attribute(t, "status_code")),
            };
            if status < 500 {
                match store.save(false) {
                    Err(e) if &*e.kind == "UpdateError" => {
                        return Err(PyException::new(
                            "SessionInterrupted",
                            "The request's session was deleted before the request completed. The user may have logged out in a concurrent request, for example.",
                        ))
                    }
                    Err(e) => return Err(e),
                    Ok(()) => {}
                }
                let value = store.session_key().unwrap_or_default();
                let cookie = SetCookie {
                    name: name.clone(),
                    value,
                    max_age,
                    expires,
                    httponly: settings.cookie_httponly,
                    secure: settings.cookie_secure,
                    samesite: settings.cookie_samesite.attribute().map(str::to_string),
                    path: settings.cookie_path.clone(),
                    domain: settings.cookie_domain.clone(),
                    deleted: max_age.is_some_and(|m| m <= 0),
                };
                response_mut(response, "set_cookie")?.put_cookie(cookie);
                decision.saved = true;
                decision.cookie = CookieAction::Set;
                decision.vary = true;
                decision.reason = format!("{why}, so saved; Set-Cookie sent; Vary: Cookie");
            } else {
                decision.reason = format!(
                    "{why}, but the response is a {status}: nothing saved, no Set-Cookie{}",
                    if accessed {
                        "; accessed, so Vary: Cookie"
                    } else {
                        ""
                    }
                );
            }
        } else if modified || settings.save_every_request {
            decision.reason =
                format!(
                "{}, but the session is empty (no key, no data): nothing saved, no Set-Cookie{}",
                if modified {
                    "modified"
                } else {
                    "SESSION_SAVE_EVERY_REQUEST"
                },
                if accessed { "; accessed, so Vary: Cookie" } else { "" }
            );
        } else if accessed {
            decision.reason = "read only: no Set-Cookie; accessed, so Vary: Cookie".into();
        } else {
            decision.reason = "the session was not used: no Set-Cookie, no Vary".into();
        }
    }
    if decision.vary {
        response_mut(response, "has_header")?.add_vary_cookie();
    }
    Ok(decision)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::django::clock::START;
    use crate::django::request::RequestData;
    use crate::django::session::Server;
    use crate::django::settings::Engine;
    use crate::python::{DateTime, NativeObject};

    fn setup(
        engine: Engine,
        cookie: Option<&str>,
    ) -> (SharedServer, Rc<WsgiRequest>, Rc<SessionStore>) {
        let server = Server::new(Settings::with_engine(engine), START, Some(3)).shared();
        let store = process_request(&server, cookie);
        let data = RequestData {
            method: "GET".into(),
            path: "/".into(),
            cookies: cookie
                .map(|c| vec![("sessionid".to_string(), c.to_string())])
                .unwrap_or_default(),
            ..RequestData::default()
        };
        let request = WsgiRequest::new(data, Value::Native(store.clone()));
        (server, request, store)
    }

    fn ok() -> ViewResponse {
        ViewResponse::Response(Response::html("HttpResponse", 200, "ok"))
    }

    fn response(outcome: &Outcome) -> &Response {
        match &outcome.response {
            ViewResponse::Response(r) => r,
            ViewResponse::Other(_) => panic!("not a response"),
        }
    }

    #[test]
    fn a_write_saves_and_sets_the_default_cookie() {
        let (server, request, store) = setup(Engine::Db, None);
        store.set_item(Value::str("count"), Value::int(1)).unwrap();
        let out = process_response(&request, ok(), START);
        let r = response(&out);
        let cookie = r.cookie("sessionid").unwrap();
        let key = store.session_key().unwrap();
        assert_eq!(
            cookie.header(),
            format!("sessionid={key}; expires=Thu, 15 Jan 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax")
        );
        assert!(r.varies_on_cookie());
        assert!(server.borrow().db.contains_key(&key));
        assert_eq!(
            out.decision.reason,
            "modified and not empty, so saved; Set-Cookie sent; Vary: Cookie"
        );
    }

    #[test]
    fn a_read_varies_but_sets_nothing() {
        let (_, request, store) = setup(Engine::Db, None);
        store.get(&Value::str("k"), Value::None).unwrap();
        let out = process_response(&request, ok(), START);
        assert!(response(&out).cookie("sessionid").is_none());
        assert!(response(&out).varies_on_cookie());
        assert_eq!(
            out.decision.reason,
            "read only: no Set-Cookie; accessed, so Vary: Cookie"
        );
        let (_, request, _) = setup(Engine::Db, None);
        let out = process_response(&request, ok(), START);
        assert!(!response(&out).varies_on_cookie());
    }

    #[test]
    fn an_emptied_session_deletes_the_cookie() {
        let (_, request, store) = setup(Engine::Cache, Some("abcdefghijklmnopqrstuvwxyz012345"));
        store.get(&Value::str("k"), Value::None).unwrap();
        let out = process_response(&request, ok(), START);
        let cookie = response(&out).cookie("sessionid").unwrap();
        assert!(cookie.deleted);
        assert_eq!(
            cookie.header(),
            "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"
        );
    }

    #[test]
    fn nothing_is_saved_for_a_500() {
        let (server, request, store) = setup(Engine::Db, None);
        store.set_item(Value::str("k"), Value::str("v")).unwrap();
        let out = process_response(
            &request,
            ViewResponse::Response(Response::server_error()),
            START,
        );
        assert!(response(&out).cookie("sessionid").is_none());
        assert!(server.borrow().db.is_empty());
        assert!(
            out.decision.reason.contains("500: nothing saved"),
            "{}",
            out.decision.reason
        );
    }

    #[test]
    fn a_save_error_is_a_500_from_the_middleware() {
        let (server, request, store) = setup(Engine::Db, None);
        store
            .set_item(
                Value::str("when"),
                Value::DateTime(DateTime::new(2026, 1, 1, 0, 0, 0, 0, true).unwrap()),
            )
            .unwrap();
        let out = process_response(&request, ok(), START);
        assert_eq!(response(&out).status, 500);
        assert!(response(&out).cookie("sessionid").is_none());
        assert!(!response(&out).varies_on_cookie());
        assert_eq!(
            out.error.unwrap().display(),
            "TypeError: Object of type datetime is not JSON serializable"
        );
        assert!(server.borrow().db.is_empty());
    }

    #[test]
    fn browser_close_cookies_have_no_max_age() {
        let (_, request, store) = setup(Engine::Db, None);
        store.set_expiry(Value::int(0)).unwrap();
        let out = process_response(&request, ok(), START);
        let cookie = response(&out).cookie("sessionid").unwrap();
        assert_eq!(cookie.max_age, None);
        assert_eq!(cookie.expires, None);
    }

    #[test]
    fn a_replaced_session_is_left_alone() {
        let (_, request, _) = setup(Engine::Db, None);
        request.set_attr("session", Value::int(1)).unwrap();
        let out = process_response(&request, ok(), START);
        assert!(response(&out).cookie("sessionid").is_none());
    }

    #[test]
    fn a_non_response_breaks_the_middleware_when_it_needs_one() {
        let (_, request, store) = setup(Engine::Db, None);
        store.get(&Value::str("k"), Value::None).unwrap();
        let out = process_response(&request, ViewResponse::Other("str".into()), START);
        assert_eq!(
            out.error.unwrap().display(),
            "AttributeError: 'str' object has no attribute 'has_header'"
        );
    }
}
