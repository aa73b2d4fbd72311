//! The simulated Django 5.2 session framework: settings, `SessionStore` and its engines,
//! `SessionMiddleware`, cookies, signing and the JSON rules applied on save.
//!
//! - [`settings`]: the `SESSION_*` settings with Django's defaults.
//! - [`clock`]: the virtual clock and HTTP/ISO dates; [`keys`]: session keys.
//! - [`signing`]: `signing.dumps`/`loads` as sessions use them; [`json`]: the serializer.
//! - [`session`]: `SessionStore` for the db, cache and signed_cookies engines, and the server
//!   side storage; [`middleware`]: `SessionMiddleware`.
//! - [`request`], [`http`]: what views see (`request`, `HttpResponse`, `redirect`, …).
//! - [`cookies`]: `Set-Cookie` and a browser's jar.

pub mod auth;
pub mod clock;
pub mod cookies;
pub mod csrf;
pub mod decorators;
pub mod headers;
pub mod http;
pub mod json;
pub mod keys;
pub mod library;
pub mod messages;
pub mod middleware;
pub mod project;
pub mod pyargs;
pub mod request;
pub mod session;
pub mod session_model;
pub mod settings;
pub mod signing;
pub mod store_class;
pub mod template;
pub mod timezone;
pub mod urls;

/// The exception kind native code raises for a Django feature the simulator does not run;
/// the runner turns it into "not supported in the simulator: … (line N)" and refuses the
/// scenario, as it does for Python outside the subset.
pub const UNSUPPORTED: &str = "NotSupportedInSimulator";

/// `not supported in the simulator: <what>`, raised from native code.
pub fn unsupported(what: impl Into<String>) -> crate::python::PyException {
    crate::python::PyException::new(UNSUPPORTED, what.into())
}
