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
/// The form field a token is read from.
pub const FORM_FIELD: &str = "csrfmiddlewaretoken";

const SECRET_LENGTH: usize = 32;
const TOKEN_LENGTH: usize = 64;
/// `string.ascii_letters + string.digits`.
const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

const REASON_NO_REFERER: &str = "Referer checking failed - no Referer.";
const REASON_MALFORMED_REFERER: &str = "Referer checking failed - Referer is malformed.";
const REASON_INSECURE_REFERER: &str =
    "Referer checking failed - Referer is insecure while host is secure.";
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
        match request.cookie(&settings.csrf_cookie_name) {
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

/// The header `CSRF_HEADER_NAME` names (`HTTP_X_CSRFTOKEN` → `X-Csrftoken`), as
/// `HttpHeaders.parse_header_name` gives it; `None` for a META key of no header.
pub fn header_of(meta_key: &str) -> Option<String> {
    let name = match meta_key.strip_prefix("HTTP_") {
        Some(rest) => rest,
        None if meta_key == "CONTENT_TYPE" || meta_key == "CONTENT_LENGTH" => meta_key,
        None => return None,
    };
    Some(super::headers::header_name(name))
}

/// The header a browser's script sends the token in for `CSRF_HEADER_NAME`
/// (`HTTP_X_CSRFTOKEN` → `X-CSRFTOKEN`; a name without `HTTP_` as it is, with `-`).
pub fn sent_header(meta_key: &str) -> String {
    if meta_key == "HTTP_X_CSRFTOKEN" {
        return "X-CSRFToken".into();
    }
    meta_key
        .strip_prefix("HTTP_")
        .unwrap_or(meta_key)
        .replace('_', "-")
}

fn bad_token_message(reason: &str, header: Option<&str>) -> String {
    match header {
        Some(meta_key) => {
            let name = match header_of(meta_key) {
                Some(h) => crate::python::repr(&Value::str(&h)),
                None => "None".to_string(),
            };
            format!("CSRF token from the {name} HTTP header {reason}.")
        }
        None => format!("CSRF token from POST {reason}."),
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
    let header = settings.csrf_header_name.as_str();
    let from_header = token.is_empty().then_some(header);
    if from_header.is_some() {
        match meta_get(request, header) {
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

/// Who runs `process_view`: the middleware, or one of the decorators made from it
/// (`django.views.decorators.csrf`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checker {
    /// `CsrfViewMiddleware` (listed in `MIDDLEWARE`).
    Middleware,
    /// `csrf_protect`: the middleware's checks for one view.
    Protect,
    /// `requires_csrf_token`: the checks run but never reject.
    RequiresToken,
    /// `ensure_csrf_cookie`: as `requires_csrf_token`, and the secret is always sent.
    EnsureCookie,
}

impl Checker {
    /// Its name in the stepper's lines.
    pub fn name(self) -> &'static str {
        match self {
            Checker::Middleware => "CsrfViewMiddleware",
            Checker::Protect => "csrf_protect",
            Checker::RequiresToken => "requires_csrf_token",
            Checker::EnsureCookie => "ensure_csrf_cookie",
        }
    }
}

/// What `process_view` decided.
pub enum Verdict {
    /// The view runs (`why` for the stepper).
    Accept(String),
    /// The failure view answers instead of the view, for this reason (what Django logs).
    Reject(String),
}

/// Python's `str.encode("unicode_escape").decode("ascii")` (how Django logs the reason).
pub fn unicode_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || (0x7f..0x100).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if (c as u32) < 0x7f => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out
}

/// `urlsplit(url)`'s five parts (Python 3.11), or `None` where it raises ValueError.
#[derive(Debug, PartialEq)]
pub struct SplitUrl {
    pub scheme: String,
    pub netloc: String,
    pub path: String,
    pub query: String,
    pub fragment: String,
}

impl SplitUrl {
    /// `urlunsplit(parts)` (what `geturl()` gives).
    pub fn geturl(&self) -> String {
        let mut url = self.path.clone();
        let uses_netloc = matches!(
            self.scheme.as_str(),
            "" | "ftp"
                | "http"
                | "gopher"
                | "nntp"
                | "telnet"
                | "imap"
                | "wais"
                | "file"
                | "mms"
                | "https"
                | "shttp"
                | "snews"
                | "prospero"
                | "rtsp"
                | "rtspu"
                | "rsync"
                | "svn"
                | "svn+ssh"
                | "sftp"
                | "nfs"
                | "git"
                | "git+ssh"
                | "ws"
                | "wss"
        );
        if !self.netloc.is_empty()
            || (!self.scheme.is_empty() && uses_netloc && !url.starts_with("//"))
        {
            if !url.is_empty() && !url.starts_with('/') {
                url.insert(0, '/');
            }
            url = format!("//{}{url}", self.netloc);
        }
        if !self.scheme.is_empty() {
            url = format!("{}:{url}", self.scheme);
        }
        if !self.query.is_empty() {
            url = format!("{url}?{}", self.query);
        }
        if !self.fragment.is_empty() {
            url = format!("{url}#{}", self.fragment);
        }
        url
    }
}

fn bracketed_host_ok(host: &str) -> bool {
    if let Some(rest) = host.strip_prefix('v') {
        // \Av[a-fA-F0-9]+\..+\Z
        return match rest.split_once('.') {
            Some((hex, tail)) => {
                !hex.is_empty()
                    && hex.bytes().all(|b| b.is_ascii_hexdigit())
                    && !tail.is_empty()
                    && !tail.contains('\n')
            }
            None => false,
        };
    }
    // ipaddress.ip_address: an IPv6 address (a scope after '%' allowed); IPv4 is refused.
    let addr = host.split_once('%').map_or(host, |(a, _)| a);
    addr.parse::<std::net::Ipv6Addr>().is_ok()
}

/// `urllib.parse.urlsplit` as Python 3.11 does it.
pub fn urlsplit(url: &str) -> Option<SplitUrl> {
    let url = url.trim_start_matches(|c: char| c <= ' ');
    let mut url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect();
    let mut scheme = String::new();
    if let Some(i) = url.find(':') {
        let head = &url[..i];
        let first_ok = head.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        let chars_ok = head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if i > 0 && first_ok && chars_ok {
            scheme = head.to_lowercase();
            url = url[i + 1..].to_string();
        }
    }
    let mut netloc = String::new();
    if let Some(rest) = url.strip_prefix("//") {
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        netloc = rest[..end].to_string();
        url = rest[end..].to_string();
        let open = netloc.contains('[');
        let close = netloc.contains(']');
        if open != close {
            return None;
        }
        if open {
            let inside = netloc
                .split_once('[')
                .map(|(_, r)| r.split_once(']').map_or(r, |(h, _)| h))
                .unwrap_or("");
            if !bracketed_host_ok(inside) {
                return None;
            }
        }
    }
    let mut fragment = String::new();
    if let Some((u, f)) = url.split_once('#') {
        fragment = f.to_string();
        url = u.to_string();
    }
    let mut query = String::new();
    if let Some((u, q)) = url.split_once('?') {
        query = q.to_string();
        url = u.to_string();
    }
    Some(SplitUrl {
        scheme,
        netloc,
        path: url,
        query,
        fragment,
    })
}

/// `django.utils.http.is_same_domain(host, pattern)`: the pattern exactly, or, when it
/// starts with `.`, that domain and every subdomain (the pattern is lowercased, the host
/// is not).
pub fn is_same_domain(host: &str, pattern: &str) -> bool {
    if pattern.is_empty() {
        return false;
    }
    let pattern = pattern.to_lowercase();
    (pattern.starts_with('.') && (host.ends_with(&pattern) || host == &pattern[1..]))
        || pattern == host
}

/// `CSRF_TRUSTED_ORIGINS` as the middleware reads it: the exact origins, and per scheme
/// the netlocs (leading `*` removed) whose subdomains are trusted.
fn trusted_hosts(settings: &Settings) -> Vec<String> {
    settings
        .csrf_trusted_origins
        .iter()
        .map(|o| {
            urlsplit(o)
                .map(|u| u.netloc.trim_start_matches('*').to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// `_origin_verified`.
fn origin_verified(request: &WsgiRequest, settings: &Settings, origin: &str) -> bool {
    if let Ok(host) = request.get_host() {
        if origin == format!("{}://{host}", request.scheme()) {
            return true;
        }
    }
    if settings
        .csrf_trusted_origins
        .iter()
        .any(|o| !o.contains('*') && o == origin)
    {
        return true;
    }
    let Some(parsed) = urlsplit(origin) else {
        return false;
    };
    settings
        .csrf_trusted_origins
        .iter()
        .filter(|o| o.contains('*'))
        .filter_map(|o| urlsplit(o))
        .filter(|o| o.scheme == parsed.scheme)
        .any(|o| is_same_domain(&parsed.netloc, o.netloc.trim_start_matches('*')))
}

/// `_check_referer` (HTTPS requests without an Origin header).
fn check_referer(request: &WsgiRequest, settings: &Settings) -> Result<(), String> {
    let Some(referer) = meta_get(request, "HTTP_REFERER") else {
        return Err(REASON_NO_REFERER.into());
    };
    let Some(referer) = urlsplit(&to_str(&referer)) else {
        return Err(REASON_MALFORMED_REFERER.into());
    };
    if referer.scheme.is_empty() || referer.netloc.is_empty() {
        return Err(REASON_MALFORMED_REFERER.into());
    }
    if referer.scheme != "https" {
        return Err(REASON_INSECURE_REFERER.into());
    }
    if trusted_hosts(settings)
        .iter()
        .any(|h| is_same_domain(&referer.netloc, h))
    {
        return Ok(());
    }
    let bad = || {
        format!(
            "Referer checking failed - {} does not match any trusted origins.",
            referer.geturl()
        )
    };
    let domain = if settings.csrf_use_sessions {
        settings.cookie_domain.clone()
    } else {
        settings.csrf_cookie_domain.clone()
    };
    let good = match domain {
        None => request.get_host().map_err(|_| bad())?,
        Some(d) => {
            let port = request.port();
            if port != "443" && port != "80" {
                format!("{d}:{port}")
            } else {
                d
            }
        }
    };
    if !is_same_domain(&referer.netloc, &good) {
        return Err(bad());
    }
    Ok(())
}

/// `process_view` of the middleware or of a decorator made from it; `exempt` is whether
/// the view it was given is marked `csrf_exempt`. A decorator other than `csrf_protect`
/// never rejects: what the middleware would reject runs the view.
pub fn process_view(
    request: &WsgiRequest,
    settings: &Settings,
    exempt: bool,
    checker: Checker,
) -> Result<Verdict, PyException> {
    let who = checker.name();
    let decision = decide(request, settings, exempt, who)?;
    let decision = match decision {
        Verdict::Reject(reason) if !matches!(checker, Checker::Middleware | Checker::Protect) => {
            Verdict::Accept(format!(
                "{who} does not reject ({reason}): the view runs, unchecked"
            ))
        }
        other => other,
    };
    if checker == Checker::EnsureCookie {
        // Forces process_response to send the secret.
        get_token(request);
    }
    Ok(decision)
}

fn decide(
    request: &WsgiRequest,
    settings: &Settings,
    exempt: bool,
    who: &str,
) -> Result<Verdict, PyException> {
    let done = crate::python::NativeObject::get_attr(request, "csrf_processing_done")
        .is_ok_and(|v| v.is_truthy());
    if done {
        return Ok(Verdict::Accept(format!(
            "the request was already checked: {who} lets it through"
        )));
    }
    if exempt {
        return Ok(Verdict::Accept(format!(
            "the view is csrf_exempt: {who} does not check it"
        )));
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
            "{method} is a safe method: {who} lets it through unchecked"
        ));
    }
    let mut checked = String::new();
    if let Some(origin) = meta_get(request, "HTTP_ORIGIN") {
        let origin = to_str(&origin);
        if !origin_verified(request, settings, &origin) {
            return Ok(Verdict::Reject(format!(
                "Origin checking failed - {origin} does not match any trusted origins."
            )));
        }
        checked = format!(" from the trusted origin {origin},");
    } else if request.data.secure {
        if let Err(reason) = check_referer(request, settings) {
            return Ok(Verdict::Reject(reason));
        }
        checked = " over HTTPS with a trusted Referer,".into();
    }
    match check_token(request, settings)? {
        Ok(()) => accept(format!(
            "{method}{checked} with a token that matches the CSRF secret: accepted"
        )),
        Err(reason) => Ok(Verdict::Reject(reason)),
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
            name: settings.csrf_cookie_name.clone(),
            value: secret,
            max_age: Some(age),
            expires: Some(expires),
            httponly: settings.csrf_cookie_httponly,
            secure: settings.csrf_cookie_secure,
            samesite: settings
                .csrf_cookie_samesite
                .attribute()
                .map(str::to_string),
            path: settings.csrf_cookie_path.clone(),
            domain: settings.csrf_cookie_domain.clone(),
            deleted: age <= 0,
        });
        response.add_vary_cookie();
        format!(
            "the {} cookie is sent; Vary: Cookie",
            settings.csrf_cookie_name
        )
    };
    meta_set(request, "CSRF_COOKIE_NEEDS_UPDATE", Value::Bool(false));
    Ok(Some(what))
}

/// `django.views.csrf.csrf_failure` with `DEBUG = False`: a 403 whose page adds two
/// paragraphs when the cookie was missing.
pub fn failure_response(reason: &str) -> Response {
    let no_referer = if reason == REASON_NO_REFERER {
        "  <p>You are seeing this message because this HTTPS site requires a \u{201c}Referer header\u{201d} to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>\n  <p>If you have configured your browser to disable \u{201c}Referer\u{201d} headers, please re-enable them, at least for this site, or for HTTPS connections, or for \u{201c}same-origin\u{201d} requests.</p>\n  <p>If you are using the &lt;meta name=&quot;referrer&quot; content=&quot;no-referrer&quot;&gt; tag or including the \u{201c}Referrer-Policy: no-referrer\u{201d} header, please remove them. The CSRF protection requires the \u{201c}Referer\u{201d} header to do strict referer checking. If you\u{2019}re concerned about privacy, use alternatives like &lt;a rel=&quot;noreferrer&quot; \u{2026}&gt; for links to third-party sites.</p>\n\n"
    } else {
        ""
    };
    let no_cookie = if reason == REASON_NO_CSRF_COOKIE {
        "  <p>You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>\n  <p>If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for \u{201c}same-origin\u{201d} requests.</p>\n\n"
    } else {
        ""
    };
    let body = format!(
        "{FAILURE_HEAD}<body>\n<div id=\"summary\">\n  <h1>Forbidden <span>(403)</span></h1>\n  <p>CSRF verification failed. Request aborted.</p>\n\n{no_referer}\n{no_cookie}</div>\n\n<div id=\"explanation\">\n  <p><small>More information is available with DEBUG=True.</small></p>\n</div>\n\n</body>\n</html>\n"
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

    // Expected values are what CPython 3.11's urllib.parse and Django 5.2 give.
    #[test]
    fn urls_split_as_python_splits_them() {
        let parts = |u: &str| {
            let r = urlsplit(u).unwrap();
            (
                r.scheme.clone(),
                r.netloc.clone(),
                r.path.clone(),
                r.query.clone(),
                r.fragment.clone(),
                r.geturl(),
            )
        };
        let own = |a: &str, b: &str, c: &str, d: &str, e: &str, f: &str| {
            (
                a.to_string(),
                b.to_string(),
                c.to_string(),
                d.to_string(),
                e.to_string(),
                f.to_string(),
            )
        };
        assert_eq!(
            parts("HTTPS://Testserver/x?"),
            own("https", "Testserver", "/x", "", "", "https://Testserver/x")
        );
        assert_eq!(
            parts(" https://a.b/c#d"),
            own("https", "a.b", "/c", "", "d", "https://a.b/c#d")
        );
        assert_eq!(
            parts("not a url"),
            own("", "", "not a url", "", "", "not a url")
        );
        assert_eq!(
            parts("https://[::1]:8000/p"),
            own("https", "[::1]:8000", "/p", "", "", "https://[::1]:8000/p")
        );
        assert_eq!(
            parts("ht\ttps://x.y/z"),
            own("https", "x.y", "/z", "", "", "https://x.y/z")
        );
        assert_eq!(
            parts("//host/only"),
            own("", "host", "/only", "", "", "//host/only")
        );
        assert_eq!(
            parts("mailto:me@x.y"),
            own("mailto", "", "me@x.y", "", "", "mailto:me@x.y")
        );
        assert!(urlsplit("https://[::1/").is_none());
        assert!(urlsplit("https://[1.2.3.4]/").is_none());
    }

    #[test]
    fn domains_match_as_djangos_is_same_domain() {
        assert!(is_same_domain("example.com", ".example.com"));
        assert!(is_same_domain("a.example.com", ".Example.com"));
        assert!(!is_same_domain("evilexample.com", ".example.com"));
        assert!(!is_same_domain("Example.com", "example.com"));
        assert!(!is_same_domain("example.com", ""));
    }

    #[test]
    fn reasons_are_escaped_as_djangos_log_escapes_them() {
        assert_eq!(
            unicode_escape("https://\u{e9}\\x\t"),
            "https://\\xe9\\\\x\\t"
        );
        assert_eq!(unicode_escape("\u{2603}"), "\\u2603");
    }

    #[test]
    fn the_no_referer_page_explains_the_header() {
        let page = failure_response(REASON_NO_REFERER).body_text();
        assert!(page.contains("requires a \u{201c}Referer header\u{201d}"));
        assert!(page.contains("&lt;meta name=&quot;referrer&quot;"));
        assert!(!page.contains("requires a CSRF cookie"));
    }
}
