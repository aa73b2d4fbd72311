//! The session settings a scenario may set, with Django 5.2's defaults.
//!
//! Names are Django's (`SESSION_ENGINE`, `SESSION_COOKIE_AGE`, …) so a scenario's
//! `[settings]` table reads like a `settings.py`.

use serde::{Deserialize, Serialize};

/// The secret every simulated project signs with.
pub const SECRET_KEY: &str = "learn-sessions-simulator";

/// Where session data lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// `django.contrib.sessions.backends.db`: a row per session in `django_session`.
    #[default]
    Db,
    /// `django.contrib.sessions.backends.cache`: entries in a (local-memory) cache.
    Cache,
    /// `django.contrib.sessions.backends.signed_cookies`: the data is the cookie.
    SignedCookies,
    /// `django.contrib.sessions.backends.cached_db`: a row in `django_session`, and a copy in
    /// the cache that is read first.
    CachedDb,
    /// `django.contrib.sessions.backends.file`: one file per session in `SESSION_FILE_PATH`.
    File,
}

impl Engine {
    /// Every engine, in the order the course presents them.
    pub const ALL: [Engine; 5] = [
        Engine::Db,
        Engine::Cache,
        Engine::CachedDb,
        Engine::File,
        Engine::SignedCookies,
    ];

    /// The short name used in scenario files: `db`, `cache`, `cached_db`, `file`,
    /// `signed_cookies`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Db => "db",
            Engine::Cache => "cache",
            Engine::SignedCookies => "signed_cookies",
            Engine::CachedDb => "cached_db",
            Engine::File => "file",
        }
    }

    /// Whether the engine keeps rows in the `django_session` table.
    pub fn uses_db(self) -> bool {
        matches!(self, Engine::Db | Engine::CachedDb)
    }

    /// Whether the engine keeps entries in the cache.
    pub fn uses_cache(self) -> bool {
        matches!(self, Engine::Cache | Engine::CachedDb)
    }

    /// The engine's module, as `SESSION_ENGINE` spells it in a real project.
    pub fn module(self) -> String {
        format!("django.contrib.sessions.backends.{}", self.name())
    }

    /// Parses a short name or the full dotted module name.
    pub fn parse(text: &str) -> Option<Engine> {
        let short = text
            .strip_prefix("django.contrib.sessions.backends.")
            .unwrap_or(text);
        match short {
            "db" => Some(Engine::Db),
            "cache" => Some(Engine::Cache),
            "signed_cookies" => Some(Engine::SignedCookies),
            "cached_db" => Some(Engine::CachedDb),
            "file" => Some(Engine::File),
            _ => None,
        }
    }
}

/// `SESSION_COOKIE_SAMESITE`: a string (`"Lax"`, `"Strict"`, `"None"`) or `false` for no flag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SameSite {
    /// `False`: the cookie carries no SameSite attribute.
    Off(bool),
    /// The attribute's value, as written.
    Value(String),
}

impl SameSite {
    /// The attribute written on the cookie, if any (`if samesite:` in Django).
    pub fn attribute(&self) -> Option<&str> {
        match self {
            SameSite::Off(_) => None,
            SameSite::Value(v) if v.is_empty() => None,
            SameSite::Value(v) => Some(v),
        }
    }
}

/// Session settings; every field defaults to Django 5.2's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    #[serde(rename = "SESSION_ENGINE", with = "engine_name")]
    pub engine: Engine,
    #[serde(rename = "SESSION_SAVE_EVERY_REQUEST")]
    pub save_every_request: bool,
    #[serde(rename = "SESSION_EXPIRE_AT_BROWSER_CLOSE")]
    pub expire_at_browser_close: bool,
    #[serde(rename = "SESSION_COOKIE_AGE")]
    pub cookie_age: i64,
    #[serde(rename = "SESSION_COOKIE_SECURE")]
    pub cookie_secure: bool,
    #[serde(rename = "SESSION_COOKIE_HTTPONLY")]
    pub cookie_httponly: bool,
    #[serde(rename = "SESSION_COOKIE_SAMESITE")]
    pub cookie_samesite: SameSite,
    /// Always `sessionid` in the simulator.
    #[serde(skip)]
    pub cookie_name: String,
    #[serde(rename = "SESSION_COOKIE_PATH")]
    pub cookie_path: String,
    #[serde(rename = "SESSION_COOKIE_DOMAIN")]
    pub cookie_domain: Option<String>,
    /// `SESSION_FILE_PATH` (the file engine's folder); `None` is the system's temporary
    /// folder, `/tmp` in the simulator.
    #[serde(rename = "SESSION_FILE_PATH")]
    pub file_path: Option<String>,
    /// `MIDDLEWARE`, the dotted paths in order; the default has `SessionMiddleware` alone.
    #[serde(rename = "MIDDLEWARE", deserialize_with = "middleware_list")]
    pub middleware: Vec<String>,
    /// `LOGIN_URL`, where `login_required` sends visitors who are not logged in.
    #[serde(rename = "LOGIN_URL")]
    pub login_url: String,
    /// `MESSAGE_STORAGE`: the messages framework's storage class.
    #[serde(rename = "MESSAGE_STORAGE", deserialize_with = "message_storage")]
    pub message_storage: String,
    /// `MESSAGE_LEVEL`: messages below it are dropped (default `INFO`, 20).
    #[serde(rename = "MESSAGE_LEVEL")]
    pub message_level: i64,
    /// `CSRF_USE_SESSIONS`: the CSRF secret lives in the session (`_csrftoken`), not in the
    /// `csrftoken` cookie.
    #[serde(rename = "CSRF_USE_SESSIONS")]
    pub csrf_use_sessions: bool,
    /// `CSRF_COOKIE_AGE` (52 weeks).
    #[serde(rename = "CSRF_COOKIE_AGE")]
    pub csrf_cookie_age: i64,
    #[serde(rename = "CSRF_COOKIE_HTTPONLY")]
    pub csrf_cookie_httponly: bool,
    #[serde(rename = "CSRF_COOKIE_SECURE")]
    pub csrf_cookie_secure: bool,
    #[serde(rename = "CSRF_COOKIE_SAMESITE")]
    pub csrf_cookie_samesite: SameSite,
    /// `CSRF_COOKIE_NAME` (`csrftoken`).
    #[serde(rename = "CSRF_COOKIE_NAME", deserialize_with = "cookie_name")]
    pub csrf_cookie_name: String,
    /// `CSRF_COOKIE_PATH` (`/`).
    #[serde(rename = "CSRF_COOKIE_PATH")]
    pub csrf_cookie_path: String,
    /// `CSRF_COOKIE_DOMAIN` (none: a host-only cookie).
    #[serde(rename = "CSRF_COOKIE_DOMAIN")]
    pub csrf_cookie_domain: Option<String>,
    /// `CSRF_HEADER_NAME`, as `request.META` names it (`HTTP_X_CSRFTOKEN`).
    #[serde(rename = "CSRF_HEADER_NAME")]
    pub csrf_header_name: String,
    /// `CSRF_TRUSTED_ORIGINS`: origins (`https://shop.example.com`, `https://*.example.com`)
    /// accepted besides the request's own.
    #[serde(rename = "CSRF_TRUSTED_ORIGINS", deserialize_with = "trusted_origins")]
    pub csrf_trusted_origins: Vec<String>,
    /// `CSRF_FAILURE_VIEW`: Django's `django.views.csrf.csrf_failure`, or `views.<name>`, a
    /// function of the scenario's views.
    #[serde(rename = "CSRF_FAILURE_VIEW", deserialize_with = "failure_view")]
    pub csrf_failure_view: String,
}

/// Django's own CSRF failure view.
pub const DEFAULT_CSRF_FAILURE_VIEW: &str = "django.views.csrf.csrf_failure";

fn failure_view<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use serde::de::Error;
    let name = String::deserialize(d)?;
    let ok = name == DEFAULT_CSRF_FAILURE_VIEW
        || name
            .strip_prefix("views.")
            .is_some_and(|f| !f.is_empty() && !f.contains('.'));
    if !ok {
        return Err(D::Error::custom(format!(
            "not supported in the simulator: CSRF_FAILURE_VIEW {name:?} (use \"{DEFAULT_CSRF_FAILURE_VIEW}\" or \"views.<function>\", a function of the scenario's views)"
        )));
    }
    Ok(name)
}

fn trusted_origins<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error;
    let list = Vec::<String>::deserialize(d)?;
    if let Some(bad) = list
        .iter()
        .find(|o| crate::django::csrf::urlsplit(o).is_none())
    {
        // Django's urlsplit raises ValueError on it in every checked request.
        return Err(D::Error::custom(format!(
            "not supported in the simulator: CSRF_TRUSTED_ORIGINS entry {bad:?} (not a URL Python can split)"
        )));
    }
    Ok(list)
}

fn cookie_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use serde::de::Error;
    let name = String::deserialize(d)?;
    let token_char = |c: char| c.is_ascii_graphic() && !"()<>@,;:\\\"/[]?={}".contains(c);
    if name.is_empty() || !name.chars().all(token_char) {
        return Err(D::Error::custom(format!(
            "not supported in the simulator: CSRF_COOKIE_NAME {name:?} (a cookie name is letters, digits and -_.!#$%&'*+^`|~)"
        )));
    }
    if name == "sessionid" || name == crate::django::messages::COOKIE_NAME {
        return Err(D::Error::custom(format!(
            "not supported in the simulator: CSRF_COOKIE_NAME {name:?} (the name of another cookie)"
        )));
    }
    Ok(name)
}

/// `MessageMiddleware`'s dotted path.
pub const MESSAGE_MIDDLEWARE: &str = "django.contrib.messages.middleware.MessageMiddleware";

fn message_storage<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use serde::de::Error;
    let name = String::deserialize(d)?;
    if crate::django::messages::Backend::parse(&name).is_none() {
        return Err(D::Error::custom(format!(
            "not supported in the simulator: MESSAGE_STORAGE {name:?} (use FallbackStorage, SessionStorage or CookieStorage by their dotted paths)"
        )));
    }
    Ok(name)
}

/// `SessionMiddleware`'s dotted path.
pub const SESSION_MIDDLEWARE: &str = "django.contrib.sessions.middleware.SessionMiddleware";
/// `AuthenticationMiddleware`'s dotted path.
pub const AUTH_MIDDLEWARE: &str = "django.contrib.auth.middleware.AuthenticationMiddleware";
/// The middleware the simulator runs.
pub const KNOWN_MIDDLEWARE: &[&str] = &[
    SESSION_MIDDLEWARE,
    crate::django::csrf::CSRF_MIDDLEWARE,
    AUTH_MIDDLEWARE,
    MESSAGE_MIDDLEWARE,
];

fn middleware_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error;
    let list = Vec::<String>::deserialize(d)?;
    for name in &list {
        if !KNOWN_MIDDLEWARE.contains(&name.as_str()) {
            return Err(D::Error::custom(format!(
                "not supported in the simulator: middleware {name:?} (the simulator runs {})",
                KNOWN_MIDDLEWARE.join(", ")
            )));
        }
    }
    let session = list.iter().position(|n| n == SESSION_MIDDLEWARE);
    let auth = list.iter().position(|n| n == AUTH_MIDDLEWARE);
    let messages = list.iter().position(|n| n == MESSAGE_MIDDLEWARE);
    let csrf = list
        .iter()
        .position(|n| n == crate::django::csrf::CSRF_MIDDLEWARE);
    if let (Some(s), Some(c)) = (session, csrf) {
        if c < s {
            return Err(D::Error::custom(
                "not supported in the simulator: CsrfViewMiddleware before SessionMiddleware",
            ));
        }
    }
    if let (Some(s), Some(m)) = (session, messages) {
        if m < s {
            return Err(D::Error::custom(
                "not supported in the simulator: MessageMiddleware before SessionMiddleware",
            ));
        }
    }
    match (session, auth) {
        (None, _) => Err(D::Error::custom(
            "not supported in the simulator: MIDDLEWARE without SessionMiddleware",
        )),
        (Some(s), Some(a)) if a < s => Err(D::Error::custom(
            "not supported in the simulator: AuthenticationMiddleware before SessionMiddleware (Django raises ImproperlyConfigured on every request)",
        )),
        _ => Ok(list),
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            engine: Engine::Db,
            save_every_request: false,
            expire_at_browser_close: false,
            cookie_age: 1_209_600,
            cookie_secure: false,
            cookie_httponly: true,
            cookie_samesite: SameSite::Value("Lax".into()),
            cookie_name: "sessionid".into(),
            cookie_path: "/".into(),
            cookie_domain: None,
            file_path: None,
            middleware: vec![SESSION_MIDDLEWARE.into()],
            login_url: "/accounts/login/".into(),
            message_storage: crate::django::messages::FALLBACK.into(),
            message_level: 20,
            csrf_use_sessions: false,
            csrf_cookie_age: 31_449_600,
            csrf_cookie_httponly: false,
            csrf_cookie_secure: false,
            csrf_cookie_samesite: SameSite::Value("Lax".into()),
            csrf_cookie_name: "csrftoken".into(),
            csrf_cookie_path: "/".into(),
            csrf_cookie_domain: None,
            csrf_header_name: "HTTP_X_CSRFTOKEN".into(),
            csrf_trusted_origins: Vec::new(),
            csrf_failure_view: DEFAULT_CSRF_FAILURE_VIEW.into(),
        }
    }
}

impl Settings {
    /// Whether `MIDDLEWARE` lists `AuthenticationMiddleware`.
    pub fn has_auth_middleware(&self) -> bool {
        self.middleware.iter().any(|m| m == AUTH_MIDDLEWARE)
    }

    /// Whether `MIDDLEWARE` lists `CsrfViewMiddleware`.
    pub fn has_csrf_middleware(&self) -> bool {
        self.middleware
            .iter()
            .any(|m| m == crate::django::csrf::CSRF_MIDDLEWARE)
    }

    /// Whether `MessageMiddleware`'s `process_response` runs before `CsrfViewMiddleware`'s
    /// (it is listed after it; responses go through the list backwards).
    pub fn messages_respond_before_csrf(&self) -> bool {
        let pos = |name: &str| self.middleware.iter().position(|m| m == name);
        match (
            pos(MESSAGE_MIDDLEWARE),
            pos(crate::django::csrf::CSRF_MIDDLEWARE),
        ) {
            (Some(m), Some(c)) => m > c,
            _ => true,
        }
    }

    /// Whether `MIDDLEWARE` lists `MessageMiddleware`.
    pub fn has_message_middleware(&self) -> bool {
        self.middleware.iter().any(|m| m == MESSAGE_MIDDLEWARE)
    }

    /// The folder the file engine writes to.
    pub fn storage_path(&self) -> String {
        self.file_path
            .clone()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "/tmp".into())
    }

    /// The defaults with another engine.
    pub fn with_engine(engine: Engine) -> Self {
        Settings {
            engine,
            ..Settings::default()
        }
    }
}

mod engine_name {
    use super::Engine;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(engine: &Engine, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(engine.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Engine, D::Error> {
        let text = String::deserialize(d)?;
        Engine::parse(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "unknown SESSION_ENGINE {text:?}: use \"db\", \"cache\", \"cached_db\", \"file\" or \"signed_cookies\""
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_django_5_2s() {
        let s = Settings::default();
        assert_eq!(s.engine, Engine::Db);
        assert_eq!(s.cookie_age, 1_209_600);
        assert!(!s.save_every_request);
        assert!(!s.expire_at_browser_close);
        assert!(s.cookie_httponly);
        assert!(!s.cookie_secure);
        assert_eq!(s.cookie_samesite.attribute(), Some("Lax"));
        assert_eq!(s.cookie_name, "sessionid");
        assert_eq!(s.cookie_path, "/");
    }

    #[test]
    fn reads_a_settings_table() {
        let s: Settings = toml::from_str(
            "SESSION_ENGINE = \"signed_cookies\"\nSESSION_COOKIE_AGE = 60\nSESSION_COOKIE_SAMESITE = false\n",
        )
        .unwrap();
        assert_eq!(s.engine, Engine::SignedCookies);
        assert_eq!(s.cookie_age, 60);
        assert_eq!(s.cookie_samesite.attribute(), None);
        assert_eq!(s.cookie_name, "sessionid");
        let full: Settings =
            toml::from_str("SESSION_ENGINE = \"django.contrib.sessions.backends.cache\"").unwrap();
        assert_eq!(full.engine, Engine::Cache);
    }

    #[test]
    fn refuses_unknown_settings_and_engines() {
        assert!(toml::from_str::<Settings>("SESSION_COOKIE_NAME = \"x\"").is_err());
        let err = toml::from_str::<Settings>("SESSION_ENGINE = \"redis\"").unwrap_err();
        assert!(err.message().contains("unknown SESSION_ENGINE"), "{err}");
    }

    #[test]
    fn csrf_settings_have_djangos_defaults_and_refuse_what_cannot_run() {
        let s = Settings::default();
        assert_eq!(s.csrf_cookie_name, "csrftoken");
        assert_eq!(s.csrf_header_name, "HTTP_X_CSRFTOKEN");
        assert_eq!(s.csrf_cookie_path, "/");
        assert_eq!(s.csrf_cookie_domain, None);
        assert!(s.csrf_trusted_origins.is_empty());
        assert_eq!(s.csrf_failure_view, DEFAULT_CSRF_FAILURE_VIEW);
        let ok: Settings = toml::from_str(
            "CSRF_TRUSTED_ORIGINS = [\"https://*.example.com\"]\nCSRF_FAILURE_VIEW = \"views.fail\"\nCSRF_COOKIE_NAME = \"XSRF-TOKEN\"\n",
        )
        .unwrap();
        assert_eq!(ok.csrf_failure_view, "views.fail");
        for bad in [
            "CSRF_FAILURE_VIEW = \"shop.views.fail\"",
            "CSRF_COOKIE_NAME = \"a b\"",
            "CSRF_COOKIE_NAME = \"sessionid\"",
            "CSRF_TRUSTED_ORIGINS = [\"https://[::1\"]",
        ] {
            let err = toml::from_str::<Settings>(bad).unwrap_err();
            assert!(
                err.message().contains("not supported in the simulator"),
                "{bad}: {err}"
            );
        }
    }
}
