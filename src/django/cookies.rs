//! Cookies: the `Set-Cookie` a response carries, and a browser's cookie jar that obeys it
//! the way browsers do on the virtual clock.

use serde::Serialize;

use super::clock::{http_date, parse_http_date};
use super::settings::Settings;

/// The expiry Django writes when it deletes a cookie.
pub const DELETED_EXPIRES: &str = "Thu, 01 Jan 1970 00:00:00 GMT";

/// One `Set-Cookie` header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SetCookie {
    pub name: String,
    pub value: String,
    pub max_age: Option<i64>,
    pub expires: Option<String>,
    pub httponly: bool,
    pub secure: bool,
    pub samesite: Option<String>,
    pub path: String,
    /// The `Domain` attribute (`None`: a host-only cookie).
    #[serde(skip)]
    pub domain: Option<String>,
    /// True when the header deletes the cookie (Django's `delete_cookie`).
    pub deleted: bool,
}

impl SetCookie {
    /// The session cookie `SessionMiddleware` sets, with the flags from `settings`, at the
    /// epoch second `now`: a `max_age` also writes `expires = http_date(now + max_age)`.
    pub fn session(settings: &Settings, value: &str, max_age: Option<i64>, now: i64) -> SetCookie {
        SetCookie {
            name: settings.cookie_name.clone(),
            value: value.into(),
            max_age,
            expires: max_age.map(|age| http_date(now.saturating_add(age))),
            httponly: settings.cookie_httponly,
            secure: settings.cookie_secure,
            samesite: settings.cookie_samesite.attribute().map(str::to_string),
            path: settings.cookie_path.clone(),
            domain: settings.cookie_domain.clone(),
            deleted: false,
        }
    }

    /// The session cookie's deletion, as `SessionMiddleware` sends it.
    pub fn session_deletion(settings: &Settings) -> SetCookie {
        SetCookie {
            domain: settings.cookie_domain.clone(),
            ..SetCookie::delete(
                &settings.cookie_name,
                &settings.cookie_path,
                settings.cookie_samesite.attribute(),
            )
        }
    }

    /// `response.delete_cookie(name, path=…, samesite=…)`: an empty value that expired in
    /// 1970 with `Max-Age=0`; never HttpOnly, Secure only for `SameSite=None`.
    pub fn delete(name: &str, path: &str, samesite: Option<&str>) -> SetCookie {
        let secure = name.starts_with("__Secure-")
            || name.starts_with("__Host-")
            || samesite.is_some_and(|s| s.eq_ignore_ascii_case("none"));
        SetCookie {
            name: name.into(),
            value: String::new(),
            max_age: Some(0),
            expires: Some(DELETED_EXPIRES.into()),
            httponly: false,
            secure,
            samesite: samesite.map(str::to_string),
            path: path.into(),
            domain: None,
            deleted: true,
        }
    }

    /// The header's value as Django writes it (attributes in alphabetical order):
    /// `sessionid=…; expires=…; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax`.
    pub fn header(&self) -> String {
        let value = if self.value.is_empty() {
            "\"\"".to_string()
        } else {
            self.value.clone()
        };
        let mut out = format!("{}={}", self.name, value);
        if let Some(domain) = &self.domain {
            out.push_str(&format!("; Domain={domain}"));
        }
        if let Some(expires) = &self.expires {
            out.push_str(&format!("; expires={expires}"));
        }
        if self.httponly {
            out.push_str("; HttpOnly");
        }
        if let Some(age) = self.max_age {
            out.push_str(&format!("; Max-Age={age}"));
        }
        out.push_str(&format!("; Path={}", self.path));
        if let Some(samesite) = &self.samesite {
            out.push_str(&format!("; SameSite={samesite}"));
        }
        if self.secure {
            out.push_str("; Secure");
        }
        out
    }
}

/// A cookie in a browser's jar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JarCookie {
    pub name: String,
    pub value: String,
    /// When it expires (epoch second), or `None` for a browser-session cookie.
    pub expires_at: Option<i64>,
}

/// A browser's cookies, in the order they were first set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Jar {
    cookies: Vec<JarCookie>,
}

impl Jar {
    /// An empty jar.
    pub fn new() -> Self {
        Jar::default()
    }

    /// The cookie's value, if the jar holds it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.value.as_str())
    }

    /// All cookies.
    pub fn cookies(&self) -> &[JarCookie] {
        &self.cookies
    }

    /// Whether the jar is empty.
    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    fn store(&mut self, cookie: JarCookie) {
        match self.cookies.iter_mut().find(|c| c.name == cookie.name) {
            Some(existing) => *existing = cookie,
            None => self.cookies.push(cookie),
        }
    }

    fn remove(&mut self, name: &str) {
        self.cookies.retain(|c| c.name != name);
    }

    /// Copies every cookie of another jar into this one, expiry included (a copied or
    /// stolen cookie).
    pub fn copy_from(&mut self, other: &Jar) {
        for cookie in &other.cookies {
            self.store(cookie.clone());
        }
    }

    /// Puts a cookie in the jar by hand (as a browser session cookie: no Max-Age).
    pub fn put(&mut self, name: &str, value: &str) {
        self.store(JarCookie {
            name: name.into(),
            value: value.into(),
            expires_at: None,
        });
    }

    /// Obeys a `Set-Cookie` received at the epoch second `now`: Max-Age wins over Expires;
    /// a Max-Age of 0 or less, or an expiry not after now, removes the cookie.
    pub fn apply(&mut self, set: &SetCookie, now: i64) {
        let expires_at = match (set.max_age, &set.expires) {
            (Some(age), _) => Some(now.saturating_add(age)),
            (None, Some(date)) => parse_http_date(date),
            (None, None) => None,
        };
        match expires_at {
            Some(at) if at <= now => self.remove(&set.name),
            _ => self.store(JarCookie {
                name: set.name.clone(),
                value: set.value.clone(),
                expires_at,
            }),
        }
    }

    /// Drops cookies whose expiry has come by the epoch second `now`.
    pub fn drop_expired(&mut self, now: i64) {
        self.cookies
            .retain(|c| c.expires_at.is_none_or(|at| at > now));
    }

    /// A browser restart: cookies without Max-Age/Expires are gone.
    pub fn restart(&mut self) {
        self.cookies.retain(|c| c.expires_at.is_some());
    }

    /// The `Cookie` request header, or `None` when there is nothing to send.
    pub fn header(&self) -> Option<String> {
        if self.cookies.is_empty() {
            return None;
        }
        Some(
            self.cookies
                .iter()
                .map(|c| format!("{}={}", c.name, c.value))
                .collect::<Vec<_>>()
                .join("; "),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::django::clock::START;

    fn session_cookie(max_age: Option<i64>) -> SetCookie {
        SetCookie::session(&Settings::default(), "k1", max_age, START)
    }

    #[test]
    fn headers_look_like_djangos() {
        assert_eq!(
            session_cookie(Some(1_209_600)).header(),
            "sessionid=k1; expires=Thu, 15 Jan 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax"
        );
        assert_eq!(
            session_cookie(None).header(),
            "sessionid=k1; HttpOnly; Path=/; SameSite=Lax"
        );
        let deleted = SetCookie::delete("sessionid", "/", Some("Lax"));
        assert_eq!(
            deleted.header(),
            "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"
        );
        assert!(deleted.deleted && !deleted.httponly && !deleted.secure);
        assert!(SetCookie::delete("sessionid", "/", Some("None")).secure);
    }

    #[test]
    fn the_jar_keeps_removes_and_expires_cookies() {
        let mut jar = Jar::new();
        assert_eq!(jar.header(), None);
        jar.apply(&session_cookie(Some(300)), START);
        assert_eq!(jar.get("sessionid"), Some("k1"));
        jar.drop_expired(START + 299);
        assert_eq!(jar.header().as_deref(), Some("sessionid=k1"));
        jar.drop_expired(START + 300);
        assert_eq!(jar.get("sessionid"), None);

        jar.apply(&session_cookie(Some(300)), START);
        jar.apply(&SetCookie::delete("sessionid", "/", Some("Lax")), START + 5);
        assert!(jar.is_empty());
    }

    #[test]
    fn a_restart_drops_browser_session_cookies_only() {
        let mut jar = Jar::new();
        jar.apply(&session_cookie(None), START);
        jar.restart();
        assert!(jar.is_empty());
        jar.apply(&session_cookie(Some(60)), START);
        jar.restart();
        assert_eq!(jar.get("sessionid"), Some("k1"));
        jar.put("sessionid", "typed-by-hand");
        assert_eq!(jar.get("sessionid"), Some("typed-by-hand"));
        jar.restart();
        assert!(jar.is_empty());
    }

    #[test]
    fn an_expiry_in_the_past_removes() {
        let mut jar = Jar::new();
        jar.put("sessionid", "x");
        let mut old = session_cookie(None);
        old.expires = Some(http_date(START - 1));
        jar.apply(&old, START);
        assert!(jar.is_empty());
    }
}
