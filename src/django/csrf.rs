//! Cross-site request forgery protection as Django 5.2 does it: `CsrfViewMiddleware`,
//! `get_token`, `rotate_token`, the masked tokens `{% csrf_token %}` writes, and the
//! 403 page of a rejected request.
//!
//! The secret is 32 letters and digits, kept in the `csrftoken` cookie (or, with
//! `CSRF_USE_SESSIONS`, in the session under `_csrftoken`). Pages carry it masked: a
//! random 32-character mask followed by the secret shifted by the mask, so every render
//! shows a different 64-character token that unmasks to the same secret.

use std::cell::RefCell;

use crate::python::{to_str, Dict, PyException, Value};

use super::cookies::SetCookie;
use super::http::Response;
use super::request::WsgiRequest;
use super::settings::Settings;

/// `CsrfViewMiddleware`'s dotted path.
pub const CSRF_MIDDLEWARE: &str = "django.middleware.csrf.CsrfViewMiddleware";
/// Where `CSRF_USE_SESSIONS` keeps the secret.
pub const SESSION_KEY: &str = "_csrftoken";
/// `CSRF_COOKIE_NAME`.
pub const COOKIE_NAME: &str = "csrftoken";
/// The form field a token is read from.
pub const FORM_FIELD: &str = "csrfmiddlewaretoken";
/// `CSRF_HEADER_NAME` as `request.META` holds it.
pub const META_HEADER: &str = "HTTP_X_CSRFTOKEN";

const SECRET_LENGTH: usize = 32;
const TOKEN_LENGTH: usize = 64;
/// `string.ascii_letters + string.digits`.
const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

const REASON_NO_CSRF_COOKIE: &str = "CSRF cookie not set.";
const REASON_CSRF_TOKEN_MISSING: &str = "CSRF token missing.";
const REASON_INCORRECT_LENGTH: &str = "has incorrect length";
const REASON_INVALID_CHARACTERS: &str = "has invalid characters";

thread_local! {
    static RNG: RefCell<fastrand::Rng> = const { RefCell::new(fastrand::Rng::with_seed(0x6373_7266)) };
}

/// Starts the generator of secrets and masks again (reproducible with a seed).
pub fn seed(seed: Option<u64>) {
    RNG.with(|r| {
        *r.borrow_mut() = match seed {
            Some(s) => fastrand::Rng::with_seed(s ^ 0x6373_7266),
            None => fastrand::Rng::new(),
        }
    });
}

/// `_get_new_csrf_string()`: 32 random letters and digits.
fn new_string() -> String {
    RNG.with(|r| {
        let mut r = r.borrow_mut();
        (0..SECRET_LENGTH)
            .map(|_| CHARS[r.usize(..CHARS.len())] as char)
            .collect()
    })
}

fn index(c: u8) -> usize {
    CHARS.iter().position(|&x| x == c).unwrap_or(0)
}

/// `_mask_cipher_secret`: a new mask, then each secret character shifted by the mask's.
pub fn mask(secret: &str) -> String {
    let mask = new_string();
    let cipher: String = secret
        .bytes()
        .zip(mask.bytes())
        .map(|(x, y)| CHARS[(index(x) + index(y)) % CHARS.len()] as char)
        .collect();
    format!("{mask}{cipher}")
}

/// `_unmask_cipher_token`: the secret a 64-character token was made from.
pub fn unmask(token: &str) -> String {
    let (mask, cipher) = token.as_bytes().split_at(SECRET_LENGTH.min(token.len()));
    cipher
        .iter()
        .zip(mask)
        .map(|(&x, &y)| {
            let i = index(x) as i64 - index(y) as i64;
            CHARS[i.rem_euclid(CHARS.len() as i64) as usize] as char
        })
        .collect()
}

/// Whether `text` is letters and digits only (the characters of tokens and secrets).
pub fn is_token_text(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `_check_token_format`.
fn check_format(token: &str) -> Result<(), &'static str> {
    let n = token.chars().count();
    if n != TOKEN_LENGTH && n != SECRET_LENGTH {
        return Err(REASON_INCORRECT_LENGTH);
    }
    if !is_token_text(token) {
        return Err(REASON_INVALID_CHARACTERS);
    }
    Ok(())
}

fn meta(request: &WsgiRequest) -> Option<std::rc::Rc<RefCell<Dict>>> {
    match crate::python::NativeObject::get_attr(request, "META") {
        Ok(Value::Dict(d)) => Some(d),
        _ => None,
    }
}

fn meta_get(request: &WsgiRequest, key: &str) -> Option<Value> {
    meta(request).and_then(|d| d.borrow().get_str(key))
}

fn meta_set(request: &WsgiRequest, key: &str, value: Value) {
    if let Some(d) = meta(request) {
        // String keys are always hashable.
        let _ = d.borrow_mut().insert(Value::str(key), value);
    }
}

/// `_add_new_csrf_cookie`: a new secret in `META["CSRF_COOKIE"]`, to be sent.
fn add_new_cookie(request: &WsgiRequest) -> String {
    let secret = new_string();
    meta_set(request, "CSRF_COOKIE", Value::str(&secret));
    meta_set(request, "CSRF_COOKIE_NEEDS_UPDATE", Value::Bool(true));
    secret
}

/// `django.middleware.csrf.get_token(request)`: a freshly masked token for the request's
/// secret (a new secret when it has none); the secret is then sent with the response.
pub fn get_token(request: &WsgiRequest) -> String {
    let secret = match meta_get(request, "CSRF_COOKIE") {
        Some(v) => {
            meta_set(request, "CSRF_COOKIE_NEEDS_UPDATE", Value::Bool(true));
            to_str(&v)
        }
        None => add_new_cookie(request),
    };
    mask(&secret)
}

/// `rotate_token(request)` (what `login()` calls): a new secret for the rest of the visit.
pub fn rotate_token(request: &WsgiRequest) {
    add_new_cookie(request);
}

fn session_get(request: &WsgiRequest) -> Result<Option<String>, PyException> {
    let Some(session) = request.session() else {
        return Err(PyException::new(
            "ImproperlyConfigured",
            "CSRF_USE_SESSIONS is enabled, but request.session is not set. SessionMiddleware must appear before CsrfViewMiddleware in MIDDLEWARE.",
        ));
    };
    let Value::Native(obj) = &session else {
        return Err(PyException::new(
            "AttributeError",
            format!("'{}' object has no attribute 'get'", session.type_name()),
        ));
    };
    let v = obj.call_method("get", vec![Value::str(SESSION_KEY)], Vec::new())?;
    Ok(if v.is_none() { None } else { Some(to_str(&v)) })
}

/// `_get_secret`: the secret the request came with. `Err(Ok(reason))` is a cookie of the
/// wrong format; `Err(Err(e))` an exception.
fn get_secret(
    request: &WsgiRequest,
    settings: &Settings,
) -> Result<Option<String>, Result<&'static str, PyException>> {
    let secret = if settings.csrf_use_sessions {
        session_get(request).map_err(Err)?
    } else {
        match request.cookie(COOKIE_NAME) {
            None => None,
            Some(c) => {
                check_format(&c).map_err(Ok)?;
                Some(c)
            }
        }
    };
    Ok(secret.map(|s| {
        if s.chars().count() == TOKEN_LENGTH {
            unmask(&s)
        } else {
            s
        }
    }))
}

/// `CsrfViewMiddleware.process_request`.
pub fn process_request(request: &WsgiRequest, settings: &Settings) -> Result<(), PyException> {
    match get_secret(request, settings) {
        Ok(Some(secret)) => meta_set(request, "CSRF_COOKIE", Value::str(&secret)),
        Ok(None) => {}
        Err(Ok(_)) => {
            add_new_cookie(request);
        }
        Err(Err(e)) => return Err(e),
    }
    Ok(())
}

fn bad_token_message(reason: &str, from_header: bool) -> String {
    if from_header {
        format!("CSRF token from the 'X-Csrftoken' HTTP header {reason}.")
    } else {
        format!("CSRF token from POST {reason}.")
    }
}

/// `_check_token`: `Ok(Err(reason))` when the request is to be rejected.
fn check_token(
    request: &WsgiRequest,
    settings: &Settings,
) -> Result<Result<(), String>, PyException> {
    let secret = match get_secret(request, settings) {
        Ok(Some(s)) => s,
        Ok(None) => return Ok(Err(REASON_NO_CSRF_COOKIE.into())),
        Err(Ok(reason)) => return Ok(Err(format!("CSRF cookie {reason}."))),
        Err(Err(e)) => return Err(e),
    };
    let mut token = String::new();
    if request.data.method == "POST" {
        if let Ok(Value::Native(post)) = crate::python::NativeObject::get_attr(request, "POST") {
            let v = post.call_method(
                "get",
                vec![Value::str(FORM_FIELD), Value::str("")],
                Vec::new(),
            )?;
            token = to_str(&v);
        }
    }
    let from_header = token.is_empty();
    if from_header {
        match meta_get(request, META_HEADER) {
            Some(v) => token = to_str(&v),
            None => return Ok(Err(REASON_CSRF_TOKEN_MISSING.into())),
        }
    }
    if let Err(reason) = check_format(&token) {
        return Ok(Err(bad_token_message(reason, from_header)));
    }
    let given = if token.chars().count() == TOKEN_LENGTH {
        unmask(&token)
    } else {
        token
    };
    if given != secret {
        return Ok(Err(bad_token_message("incorrect", from_header)));
    }
    Ok(Ok(()))
}

/// What `process_view` decided.
pub enum Verdict {
    /// The view runs (`why` for the stepper).
    Accept(String),
    /// Django's 403 page instead of the view, with the reason Django logs.
    Reject(Response, String),
}

/// `CsrfViewMiddleware.process_view`; `exempt` is whether the view (or a view it wraps)
/// is marked `csrf_exempt`.
pub fn process_view(
    request: &WsgiRequest,
    settings: &Settings,
    exempt: bool,
) -> Result<Verdict, PyException> {
    if exempt {
        return Ok(Verdict::Accept(
            "the view is csrf_exempt: CsrfViewMiddleware does not check it".into(),
        ));
    }
    let accept = |why: String| {
        let _ = crate::python::NativeObject::set_attr(
            request,
            "csrf_processing_done",
            Value::Bool(true),
        );
        Ok(Verdict::Accept(why))
    };
    let method = request.data.method.as_str();
    if matches!(method, "GET" | "HEAD" | "OPTIONS" | "TRACE") {
        return accept(format!(
            "{method} is a safe method: CsrfViewMiddleware lets it through unchecked"
        ));
    }
    if let Some(origin) = meta_get(request, "HTTP_ORIGIN") {
        let origin = to_str(&origin);
        if origin != "http://testserver" {
            let reason =
                format!("Origin checking failed - {origin} does not match any trusted origins.");
            return Ok(Verdict::Reject(failure_response(&reason), reason));
        }
    }
    match check_token(request, settings)? {
        Ok(()) => accept(format!(
            "{method} with a token that matches the CSRF secret: accepted"
        )),
        Err(reason) => Ok(Verdict::Reject(failure_response(&reason), reason)),
    }
}

/// `CsrfViewMiddleware.process_response`: sends the secret when a token was used or the
/// secret changed (the cookie, or `_csrftoken` in the session).
pub fn process_response(
    request: &WsgiRequest,
    response: &mut Response,
    settings: &Settings,
    now: i64,
) -> Result<Option<String>, PyException> {
    let needs = meta_get(request, "CSRF_COOKIE_NEEDS_UPDATE").is_some_and(|v| v.is_truthy());
    if !needs {
        return Ok(None);
    }
    let secret = meta_get(request, "CSRF_COOKIE")
        .map(|v| to_str(&v))
        .unwrap_or_default();
    let what = if settings.csrf_use_sessions {
        let current = session_get(request)?;
        if current.as_deref() != Some(secret.as_str()) {
            if let Some(Value::Native(obj)) = request.session() {
                obj.set_item(Value::str(SESSION_KEY), Value::str(&secret))?;
            }
            "the CSRF secret is written to the session under _csrftoken".to_string()
        } else {
            "the session already holds this CSRF secret".to_string()
        }
    } else {
        let age = settings.csrf_cookie_age;
        let expires = super::clock::http_date_of(now as f64 + age as f64)
            .map_err(|e| PyException::new(e.kind, e.message))?;
        response.put_cookie(SetCookie {
            name: COOKIE_NAME.into(),
            value: secret,
            max_age: Some(age),
            expires: Some(expires),
            httponly: settings.csrf_cookie_httponly,
            secure: settings.csrf_cookie_secure,
            samesite: settings
                .csrf_cookie_samesite
                .attribute()
                .map(str::to_string),
            path: "/".into(),
            domain: None,
            deleted: age <= 0,
        });
        response.add_vary_cookie();
        "the csrftoken cookie is sent; Vary: Cookie".to_string()
    };
    meta_set(request, "CSRF_COOKIE_NEEDS_UPDATE", Value::Bool(false));
    Ok(Some(what))
}

/// `django.views.csrf.csrf_failure` with `DEBUG = False`: a 403 whose page adds two
/// paragraphs when the cookie was missing.
pub fn failure_response(reason: &str) -> Response {
    let no_cookie = if reason == REASON_NO_CSRF_COOKIE {
        "  <p>You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>\n  <p>If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for \u{201c}same-origin\u{201d} requests.</p>\n\n"
    } else {
        ""
    };
    let body = format!(
        "{FAILURE_HEAD}<body>\n<div id=\"summary\">\n  <h1>Forbidden <span>(403)</span></h1>\n  <p>CSRF verification failed. Request aborted.</p>\n\n\n{no_cookie}</div>\n\n<div id=\"explanation\">\n  <p><small>More information is available with DEBUG=True.</small></p>\n</div>\n\n</body>\n</html>\n"
    );
    Response::html("HttpResponseForbidden", 403, &body)
}

const FAILURE_HEAD: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">\n  <meta name=\"robots\" content=\"NONE,NOARCHIVE\">\n  <title>403 Forbidden</title>\n  <style>\n    html * { padding:0; margin:0; }\n    body * { padding:10px 20px; }\n    body * * { padding:0; }\n    body { font-family: sans-serif; background:#eee; color:#000; }\n    body>div { border-bottom:1px solid #ddd; }\n    h1 { font-weight:normal; margin-bottom:.4em; }\n    h1 span { font-size:60%; color:#666; font-weight:normal; }\n    #info { background:#f6f6f6; }\n    #info ul { margin: 0.5em 4em; }\n    #info p, #summary p { padding-top:10px; }\n    #summary { background: #ffc; }\n    #explanation { background:#eee; border-bottom: 0px none; }\n  </style>\n</head>\n";

/// The request a native function was given, if it is one.
fn as_request(value: &Value) -> Option<&WsgiRequest> {
    match value {
        Value::Native(obj) => obj.as_any().downcast_ref::<WsgiRequest>(),
        _ => None,
    }
}

fn request_function(name: &'static str, rotate: bool) -> Value {
    Value::native_function(name, move |args, kwargs| {
        let a = super::pyargs::Signature {
            qualname: name,
            names: &["request"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let value = a.req(0);
        let Some(request) = as_request(&value) else {
            return Err(PyException::new(
                "AttributeError",
                format!("'{}' object has no attribute 'META'", value.type_name()),
            ));
        };
        if rotate {
            rotate_token(request);
            Ok(Value::None)
        } else {
            Ok(Value::str(&get_token(request)))
        }
    })
}

/// `django.middleware.csrf`: `get_token`, `rotate_token`.
pub fn module() -> Vec<(&'static str, Value)> {
    vec![
        ("get_token", request_function("get_token", false)),
        ("rotate_token", request_function("rotate_token", true)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_token_unmasks_to_its_secret() {
        seed(Some(1));
        let secret = new_string();
        assert_eq!(secret.len(), 32);
        let a = mask(&secret);
        let b = mask(&secret);
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(unmask(&a), secret);
        assert_eq!(unmask(&b), secret);
    }

    #[test]
    fn unmasking_matches_djangos_arithmetic() {
        // _unmask_cipher_token("b" * 32 + "a" * 32): chars[0 - 1] wraps to "9".
        let token = format!("{}{}", "b".repeat(32), "a".repeat(32));
        assert_eq!(unmask(&token), "9".repeat(32));
    }

    #[test]
    fn token_formats_are_checked_like_djangos() {
        assert_eq!(check_format("abc"), Err(REASON_INCORRECT_LENGTH));
        assert_eq!(
            check_format(&"-".repeat(32)),
            Err(REASON_INVALID_CHARACTERS)
        );
        assert_eq!(check_format(&"a".repeat(64)), Ok(()));
    }

    #[test]
    fn the_missing_cookie_page_explains_cookies() {
        let page = failure_response(REASON_NO_CSRF_COOKIE).body_text();
        assert!(page.contains("requires a CSRF cookie"));
        let page = failure_response(REASON_CSRF_TOKEN_MISSING).body_text();
        assert!(!page.contains("requires a CSRF cookie"));
        assert!(page.contains("<p>CSRF verification failed. Request aborted.</p>\n\n\n</div>"));
    }
}
