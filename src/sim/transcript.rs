//! The JSON transcript of a run (one record per request, exactly the contract's fields) and
//! the normaliser that makes two transcripts comparable: session keys renamed `<k1>`, `<k2>`…,
//! signed values replaced by their decoded payload, `store[].expires_in` rounded to 10 s.

use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::django::signing;

/// The exception that made a 500.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorRecord {
    #[serde(rename = "type")]
    pub kind: String,
    /// `str(exc)`.
    pub message: String,
    /// `"view"`, `"middleware"` or `"handler"`.
    #[serde(rename = "where")]
    pub location: String,
    /// The innermost line of `views` in the traceback, for `"view"`.
    pub line: Option<u32>,
}

/// The response's `sessionid` cookie.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetCookieRecord {
    pub value: String,
    pub max_age: Option<i64>,
    pub expires: Option<String>,
    pub httponly: bool,
    pub secure: bool,
    pub samesite: Option<String>,
    pub path: Option<String>,
    pub deleted: bool,
    /// The `Domain` attribute, recorded only when the cookie has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

/// A stored session after the response.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoreRecord {
    pub key: String,
    pub data: Json,
    /// Seconds from now until it expires; `None` for a cache entry without timeout.
    pub expires_in: Option<i64>,
}

/// One request of a transcript.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TranscriptRecord {
    pub request: usize,
    pub browser: String,
    pub view: String,
    pub cookie_sent: Option<String>,
    pub status: u16,
    pub body: String,
    pub error: Option<ErrorRecord>,
    pub console: Vec<String>,
    /// `request.session.modified` (normally a bool; whatever the view assigned otherwise).
    pub modified: Json,
    pub accessed: Json,
    pub session: Json,
    pub session_key: Option<String>,
    pub set_cookie: Option<SetCookieRecord>,
    pub vary_cookie: bool,
    pub store: Vec<StoreRecord>,
    pub jar: Map<String, Json>,
    /// The response's headers other than `Set-Cookie` and `Vary`, and other than a
    /// `Content-Type` of `text/html; charset=utf-8`; left out when there are none.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub headers: Map<String, Json>,
    /// The cookies the response sets besides the session cookie, by name; left out when
    /// there are none.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub cookies: Map<String, Json>,
    /// cached_db only: the cache's copies of the sessions (`store` has the rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache: Option<Vec<StoreRecord>>,
    /// A management command run instead of a request (`"clearsessions"`): its record has
    /// only `request`, `manage`, `error`, `console`, `store` (and `cache`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage: Option<String>,
    /// With `AuthenticationMiddleware`: `request.user` when the view finished, as
    /// `{"username", "id", "is_authenticated"}`, or `null` if nothing read it (absent
    /// without the middleware).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<Json>,
    /// The response's `Location` header, when it has one (redirects).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Why `CsrfViewMiddleware` rejected the request (the reason Django logs), present only
    /// when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csrf_failure: Option<String>,
}

/// The order `normalize.py` visits a record's fields in (its `FIELDS`; the rest follow).
const NORMALIZE_ORDER: [&str; 5] = ["cache", "manage", "user", "location", "csrf_failure"];

/// The fields a management command's record keeps.
pub const MANAGE_FIELDS: [&str; 6] = ["request", "manage", "error", "console", "store", "cache"];

/// The contract's field order.
pub const FIELDS: [&str; 16] = [
    "request",
    "browser",
    "view",
    "cookie_sent",
    "status",
    "body",
    "error",
    "console",
    "modified",
    "accessed",
    "session",
    "session_key",
    "set_cookie",
    "vary_cookie",
    "store",
    "jar",
];

/// JSON Lines: one compact object per request, each followed by a newline. Memory addresses
/// in reprs are made stable as the stepper shows them ([`StableAddresses`]), so two runs of a
/// scenario print the same transcript.
pub fn to_jsonl(records: &[TranscriptRecord]) -> String {
    let mut out = String::new();
    let mut addresses = StableAddresses::default();
    for record in records {
        let mut value = to_json(record);
        addresses.fix_json(&mut value);
        out.push_str(&serde_json::to_string(&value).expect("JSON serialises"));
        out.push('\n');
    }
    out
}

/// Memory addresses in reprs (`<… object at 0x55c9…>`) change from run to run. Each distinct
/// address becomes a made-up one, numbered in the order it is first met, so an object keeps
/// one address throughout and in every run, and two names for the same object show the same
/// address.
#[derive(Debug, Default)]
pub struct StableAddresses {
    seen: Vec<String>,
}

impl StableAddresses {
    pub fn fix(&mut self, s: &mut String) {
        const AT: &str = " at 0x";
        if !s.contains(AT) {
            return;
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(i) = rest.find(AT) {
            let digits = rest[i + AT.len()..]
                .bytes()
                .take_while(u8::is_ascii_hexdigit)
                .count();
            let end = i + AT.len() + digits;
            if digits == 0 {
                out.push_str(&rest[..end]);
            } else {
                let addr = &rest[i + AT.len() - 2..end];
                let n = match self.seen.iter().position(|a| a == addr) {
                    Some(n) => n,
                    None => {
                        self.seen.push(addr.to_owned());
                        self.seen.len() - 1
                    }
                };
                out.push_str(&rest[..i]);
                out.push_str(&format!(" at {:#x}", 0x7f3a_c000_1000u64 + 0x60 * n as u64));
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        *s = out;
    }

    /// Every string in `value` (keys too), in document order.
    pub fn fix_json(&mut self, value: &mut Json) {
        match value {
            Json::String(s) => self.fix(s),
            Json::Array(items) => items.iter_mut().for_each(|v| self.fix_json(v)),
            Json::Object(map) => {
                let old = std::mem::take(map);
                for (mut k, mut v) in old {
                    self.fix(&mut k);
                    self.fix_json(&mut v);
                    map.insert(k, v);
                }
            }
            _ => {}
        }
    }
}

/// A record as a JSON value.
pub fn to_json(record: &TranscriptRecord) -> Json {
    let mut value = serde_json::to_value(record).expect("a transcript record serialises");
    if record.manage.is_some() {
        if let Json::Object(obj) = &mut value {
            obj.retain(|k, _| MANAGE_FIELDS.contains(&k.as_str()));
        }
    }
    value
}

/// Reads JSON Lines (blank lines skipped).
pub fn parse_jsonl(text: &str) -> Result<Vec<Json>, serde_json::Error> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect()
}

/// The decoded payload of a Django signed value (`payload:timestamp:signature`), if `value`
/// looks like one; the normaliser's test, not a signature check.
pub fn signed_payload(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.split(':').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let (payload, stamp, sig) = (parts[0], parts[1], parts[2]);
    let compressed = payload.starts_with('.');
    let body = payload.strip_prefix('.').unwrap_or(payload);
    let b64 = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !b64(body) || !b64(sig) || !stamp.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let mut raw = signing::b64_decode(body)?;
    if compressed {
        raw = signing::inflate(&raw).ok()?;
    }
    String::from_utf8(raw).ok()
}

/// Renames keys and decodes signed values in the order they are met, across one file.
#[derive(Default)]
struct Names {
    map: Vec<(String, String)>,
    count: usize,
}

impl Names {
    fn replace(&mut self, value: &mut Json) {
        let Json::String(raw) = value else { return };
        if raw.is_empty() {
            return;
        }
        if let Some((_, name)) = self.map.iter().find(|(r, _)| r == raw) {
            *value = Json::String(name.clone());
            return;
        }
        let name = match signed_payload(raw) {
            Some(payload) => format!("signed:{payload}"),
            None => {
                self.count += 1;
                format!("<k{}>", self.count)
            }
        };
        self.map.push((raw.clone(), name.clone()));
        *value = Json::String(name);
    }

    fn in_text(&self, value: &mut Json) {
        let Json::String(text) = value else { return };
        let mut order: Vec<&(String, String)> = self.map.iter().collect();
        // Longest first; a stable sort keeps first-met order among equal lengths.
        order.sort_by_key(|(raw, _)| std::cmp::Reverse(raw.chars().count()));
        let mut out = text.clone();
        for (raw, name) in order {
            if raw.chars().count() >= 8 && out.contains(raw.as_str()) {
                out = out.replace(raw.as_str(), name);
            }
        }
        *value = Json::String(without_addresses(&out));
    }
}

/// " at 0x" and hexadecimal digits (a default repr's memory address) are dropped.
fn without_addresses(text: &str) -> String {
    const MARK: &str = " at 0x";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(MARK) {
        let after = &rest[i + MARK.len()..];
        let digits = after.len()
            - after
                .trim_start_matches(|c: char| c.is_ascii_hexdigit())
                .len();
        if digits > 0 {
            out.push_str(&rest[..i]);
        } else {
            out.push_str(&rest[..i + MARK.len()]);
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn round10(value: &mut Json) {
    let x = match value {
        Json::Number(n) => match n.as_f64() {
            Some(x) => x,
            None => return,
        },
        _ => return,
    };
    let rounded = ((x / 10.0 + 0.5).floor() * 10.0) as i64;
    *value = Json::from(rounded);
}

fn store_order(entry: &Json) -> (u8, u64, String) {
    match entry.get("key") {
        Some(Json::String(key)) => {
            if let Some(n) = key
                .strip_prefix("<k")
                .and_then(|r| r.strip_suffix('>'))
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse().ok())
            {
                (0, n, String::new())
            } else {
                (1, 0, key.clone())
            }
        }
        Some(other) => (1, 0, other.to_string()),
        None => (1, 0, "None".into()),
    }
}

/// `_auth_user_hash` values, named `<h1>`, `<h2>`… by first appearance (rule 5 of
/// `normalize.py`).
#[derive(Default)]
struct Hashes {
    map: Vec<(String, String)>,
}

impl Hashes {
    fn register(&mut self, value: &str) {
        if !value.is_empty() && !self.map.iter().any(|(r, _)| r == value) {
            let name = format!("<h{}>", self.map.len() + 1);
            self.map.push((value.to_string(), name));
        }
    }

    fn collect(&mut self, value: &Json) {
        match value {
            Json::Object(obj) => {
                for (k, v) in obj {
                    if k == "_auth_user_hash" {
                        if let Json::String(s) = v {
                            self.register(s);
                        }
                    }
                    self.collect(v);
                }
            }
            Json::Array(items) => items.iter().for_each(|v| self.collect(v)),
            Json::String(text) => {
                const NEEDLE: &str = "\"_auth_user_hash\":\"";
                let mut rest = text.as_str();
                while let Some(at) = rest.find(NEEDLE) {
                    let after = &rest[at + NEEDLE.len()..];
                    let end = after.find(['"', '\\']).unwrap_or(after.len());
                    if end > 0 && after[end..].starts_with('"') {
                        let found = after[..end].to_string();
                        self.register(&found);
                    }
                    rest = &after[end..];
                }
            }
            _ => {}
        }
    }

    fn replace(&self, value: &mut Json) {
        match value {
            Json::Object(obj) => obj.values_mut().for_each(|v| self.replace(v)),
            Json::Array(items) => items.iter_mut().for_each(|v| self.replace(v)),
            Json::String(text) => {
                let mut order: Vec<&(String, String)> = self.map.iter().collect();
                order.sort_by_key(|(raw, _)| std::cmp::Reverse(raw.chars().count()));
                for (raw, name) in order {
                    if text.contains(raw.as_str()) {
                        *text = text.replace(raw.as_str(), name);
                    }
                }
            }
            _ => {}
        }
    }
}

/// CSRF secrets, named `<csrf1>`, `<csrf2>`… by first appearance, and the masked tokens of
/// each (rule 8 of `normalize.py`).
#[derive(Default)]
struct CsrfTokens {
    map: Vec<(String, String)>,
}

/// The maximal runs of ASCII letters and digits in `text`, as byte ranges.
fn alnum_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        match (b.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

impl CsrfTokens {
    fn register(&mut self, value: &str) {
        if value.is_empty() || !crate::django::csrf::is_token_text(value) {
            return;
        }
        let secret = if value.len() == 64 {
            crate::django::csrf::unmask(value)
        } else {
            value.to_string()
        };
        if secret.len() == 32 && !self.map.iter().any(|(r, _)| *r == secret) {
            let name = format!("<csrf{}>", self.map.len() + 1);
            self.map.push((secret, name));
        }
    }

    fn name(&self, secret: &str) -> Option<&str> {
        self.map
            .iter()
            .find(|(r, _)| r == secret)
            .map(|(_, n)| n.as_str())
    }

    fn collect(&mut self, value: &Json) {
        match value {
            Json::Object(obj) => {
                for (k, v) in obj {
                    let lower = k.to_lowercase();
                    if lower.contains("csrf") || lower.contains("xsrf") {
                        match v {
                            Json::String(s) => self.register(s),
                            Json::Object(cookie) => {
                                if let Some(Json::String(s)) = cookie.get("value") {
                                    self.register(s);
                                }
                            }
                            _ => {}
                        }
                    }
                    self.collect(v);
                }
            }
            Json::Array(items) => items.iter().for_each(|v| self.collect(v)),
            Json::String(text) => {
                const NEEDLE: &str = "\"_csrftoken\":\"";
                let mut rest = text.as_str();
                while let Some(at) = rest.find(NEEDLE) {
                    let after = &rest[at + NEEDLE.len()..];
                    let end = after.find(['"', '\\']).unwrap_or(after.len());
                    if end > 0 && after[end..].starts_with('"') {
                        let found = after[..end].to_string();
                        self.register(&found);
                    }
                    rest = &after[end..];
                }
                for run in alnum_runs(text) {
                    if run.len() == 64 {
                        self.register(&text[run]);
                    }
                }
            }
            _ => {}
        }
    }

    fn replace(&self, value: &mut Json) {
        match value {
            Json::Object(obj) => obj.values_mut().for_each(|v| self.replace(v)),
            Json::Array(items) => items.iter_mut().for_each(|v| self.replace(v)),
            Json::String(text) => {
                let runs = alnum_runs(text);
                if !runs.iter().any(|r| r.len() == 64 || r.len() == 32) {
                    return;
                }
                let mut out = String::new();
                let mut last = 0;
                for run in runs {
                    let raw = &text[run.clone()];
                    let replacement = match run.len() {
                        64 => self
                            .name(&crate::django::csrf::unmask(raw))
                            .map(|n| format!("{}:masked>", &n[..n.len() - 1])),
                        32 => self.name(raw).map(str::to_string),
                        _ => None,
                    };
                    if let Some(r) = replacement {
                        out.push_str(&text[last..run.start]);
                        out.push_str(&r);
                        last = run.end;
                    }
                }
                out.push_str(&text[last..]);
                *text = out;
            }
            _ => {}
        }
    }
}

/// Random UUIDs (`uuid.uuid4()`), named `<uuid1>`, `<uuid2>`… by first appearance (rule 9
/// of `normalize.py`).
#[derive(Default)]
struct Uuids {
    map: Vec<String>,
}

/// Whether `b` is the hyphenated lowercase text of a version-4 UUID.
fn is_uuid4(b: &[u8]) -> bool {
    let hex = |c: u8| c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            14 => c == b'4',
            19 => matches!(c, b'8' | b'9' | b'a' | b'b'),
            _ => hex(c),
        })
}

impl Uuids {
    fn replace(&mut self, value: &mut Json) {
        match value {
            Json::Object(obj) => obj.values_mut().for_each(|v| self.replace(v)),
            Json::Array(items) => items.iter_mut().for_each(|v| self.replace(v)),
            Json::String(text) => {
                if text.len() < 36 {
                    return;
                }
                let bytes = text.as_bytes();
                let mut out = String::new();
                let (mut i, mut last) = (0, 0);
                while i + 36 <= bytes.len() {
                    if is_uuid4(&bytes[i..i + 36]) {
                        let raw = &text[i..i + 36];
                        let n = match self.map.iter().position(|r| r == raw) {
                            Some(n) => n + 1,
                            None => {
                                self.map.push(raw.to_string());
                                self.map.len()
                            }
                        };
                        out.push_str(&text[last..i]);
                        out.push_str(&format!("<uuid{n}>"));
                        i += 36;
                        last = i;
                    } else {
                        i += 1;
                    }
                }
                if last > 0 {
                    out.push_str(&text[last..]);
                    *text = out;
                }
            }
            _ => {}
        }
    }
}

/// Normalises one scenario's transcript (see the harness's `normalize.py`, which this
/// follows rule for rule).
pub fn normalize(lines: &[Json]) -> Vec<Json> {
    let mut names = Names::default();
    let mut hashes = Hashes::default();
    let mut csrf = CsrfTokens::default();
    let mut uuids = Uuids::default();
    let mut out = Vec::new();
    for line in lines {
        let Json::Object(obj) = line else {
            out.push(line.clone());
            continue;
        };
        let mut obj = obj.clone();
        for field in ["cookie_sent", "session_key"] {
            if let Some(v) = obj.get_mut(field) {
                names.replace(v);
            }
        }
        if let Some(Json::Object(cookie)) = obj.get_mut("set_cookie") {
            let mut v = cookie.get("value").cloned().unwrap_or(Json::Null);
            names.replace(&mut v);
            cookie.insert("value".into(), v);
        }
        for field in ["store", "cache"] {
            if let Some(Json::Array(store)) = obj.get_mut(field) {
                for entry in store.iter_mut() {
                    if let Json::Object(entry) = entry {
                        let mut v = entry.get("key").cloned().unwrap_or(Json::Null);
                        names.replace(&mut v);
                        entry.insert("key".into(), v);
                    }
                }
            }
        }
        if let Some(Json::Object(jar)) = obj.get_mut("jar") {
            if let Some(v) = jar.get_mut("sessionid") {
                names.replace(v);
            }
            if let Some(Json::String(v)) = jar.get_mut("messages") {
                if let Some(text) = signed_payload(v) {
                    *v = format!("signed:{text}");
                }
            }
        }
        if let Some(Json::Object(own)) = obj.get_mut("cookies") {
            if let Some(Json::Object(cookie)) = own.get_mut("messages") {
                if let Some(Json::String(v)) = cookie.get_mut("value") {
                    if let Some(text) = signed_payload(v) {
                        *v = format!("signed:{text}");
                    }
                }
            }
        }
        if let Some(body) = obj.get_mut("body") {
            names.in_text(body);
        }
        if let Some(Json::Array(console)) = obj.get_mut("console") {
            for line in console.iter_mut() {
                names.in_text(line);
            }
        }
        if let Some(Json::Object(error)) = obj.get_mut("error") {
            if let Some(message) = error.get_mut("message") {
                names.in_text(message);
            }
        }
        for field in ["store", "cache"] {
            if let Some(Json::Array(store)) = obj.get_mut(field) {
                for entry in store.iter_mut() {
                    if let Some(expires_in) = entry.get_mut("expires_in") {
                        round10(expires_in);
                    }
                }
                store.sort_by_key(store_order);
            }
        }
        let mut ordered = Map::new();
        for field in FIELDS.iter().chain(NORMALIZE_ORDER.iter()) {
            if let Some(v) = obj.remove(*field) {
                ordered.insert((*field).into(), v);
            }
        }
        for (k, v) in obj {
            ordered.insert(k, v);
        }
        let mut line = Json::Object(ordered);
        hashes.collect(&line);
        hashes.replace(&mut line);
        csrf.collect(&line);
        csrf.replace(&mut line);
        uuids.replace(&mut line);
        out.push(line);
    }
    out
}

/// Normalises records straight from a run.
pub fn normalize_records(records: &[TranscriptRecord]) -> Vec<Json> {
    normalize(&records.iter().map(to_json).collect::<Vec<_>>())
}

/// JSON equality with types kept (`true` ≠ `1`, `1` ≠ `1.0`); object key order ignored.
pub fn strict_equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| strict_equal(v, w)))
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| strict_equal(v, w))
        }
        (Json::Number(x), Json::Number(y)) => {
            (x.is_f64() == y.is_f64()) && x.as_f64() == y.as_f64() && {
                // Integers compare exactly when both fit 64 bits.
                match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                    (Some(p), Some(q), _, _) => p == q,
                    (_, _, Some(p), Some(q)) => p == q,
                    _ => true,
                }
            }
        }
        _ => a == b,
    }
}

/// Readable differences between two normalised transcripts: one block per differing field,
/// naming the request.
pub fn differences(expected: &[Json], actual: &[Json]) -> Vec<String> {
    let mut diffs = Vec::new();
    if expected.len() != actual.len() {
        diffs.push(format!(
            "  {} requests expected, {} found",
            expected.len(),
            actual.len()
        ));
    }
    let missing = Json::String("<missing>".into());
    for (i, (e, a)) in expected.iter().zip(actual).enumerate() {
        if strict_equal(e, a) {
            continue;
        }
        let empty = Map::new();
        let eo = e.as_object().unwrap_or(&empty);
        let ao = a.as_object().unwrap_or(&empty);
        let mut fields: Vec<&String> = eo.keys().collect();
        for k in ao.keys() {
            if !fields.contains(&k) {
                fields.push(k);
            }
        }
        for field in fields {
            let ev = eo.get(field).unwrap_or(&missing);
            let av = ao.get(field).unwrap_or(&missing);
            if !eo.contains_key(field) || !ao.contains_key(field) || !strict_equal(ev, av) {
                diffs.push(format!("  request {}, {}:", i + 1, field));
                diffs.push(format!("    expected: {ev}"));
                diffs.push(format!("    actual:   {av}"));
            }
        }
    }
    diffs
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(n: usize) -> TranscriptRecord {
        TranscriptRecord {
            request: n,
            browser: "A".into(),
            view: "v".into(),
            cookie_sent: None,
            status: 200,
            body: String::new(),
            error: None,
            console: vec![],
            modified: json!(false),
            accessed: json!(false),
            session: json!({}),
            session_key: None,
            set_cookie: None,
            vary_cookie: false,
            store: vec![],
            jar: Map::new(),
            headers: Map::new(),
            cookies: Map::new(),
            cache: None,
            manage: None,
            user: None,
            location: None,
            csrf_failure: None,
        }
    }

    #[test]
    fn jsonl_has_exactly_the_contracts_fields_in_order() {
        let mut r = record(1);
        r.error = Some(ErrorRecord {
            kind: "KeyError".into(),
            message: "'user'".into(),
            location: "view".into(),
            line: Some(3),
        });
        let text = to_jsonl(&[r.clone(), record(2)]);
        assert_eq!(text.lines().count(), 2);
        assert!(text.ends_with('\n'));
        let parsed = parse_jsonl(&text).unwrap();
        let keys: Vec<&str> = parsed[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, FIELDS);
        assert_eq!(
            parsed[0]["error"],
            json!({"type": "KeyError", "message": "'user'", "where": "view", "line": 3})
        );
    }

    // The harness's normalize.py, run on this input, gives `EXPECTED` below.
    #[test]
    fn addresses_become_stable_in_order_of_first_sight() {
        let mut a = StableAddresses::default();
        let mut v = serde_json::json!({
            "body": "<function view at 0x7f12ab> and <object at 0x55aa>",
            "session": {"k <x at 0x55aa>": ["<function view at 0x7f12ab>", "at 0xzz"]},
        });
        a.fix_json(&mut v);
        assert_eq!(
            v["body"],
            "<function view at 0x7f3ac0001000> and <object at 0x7f3ac0001060>"
        );
        assert_eq!(
            v["session"]["k <x at 0x7f3ac0001060>"],
            serde_json::json!(["<function view at 0x7f3ac0001000>", "at 0xzz"])
        );
    }

    #[test]
    fn random_uuids_are_named_by_first_appearance() {
        let a = "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633a";
        let b = "0f8fad5b-d9cb-469f-a165-70867728950e";
        let fixed = "12345678-1234-5678-1234-567812345678";
        let upper = "1B4E28BA-2FA1-4D3B-A3F5-EF19B5A7633A";
        let lines = vec![
            json!({"request": 1, "body": format!("{{\"order\": \"{a}\"}}"), "console": [format!("{b}{a} {fixed} {upper}")],
                   "session": {"order_id": a}, "store": [], "jar": {}}),
            json!({"request": 2, "body": b, "console": [], "session": {"last": a, "order_id": b}, "store": [], "jar": {}}),
        ];
        let out = normalize(&lines);
        assert_eq!(out[0]["body"], json!("{\"order\": \"<uuid1>\"}"));
        assert_eq!(
            out[0]["console"],
            json!([format!("<uuid2><uuid1> {fixed} {upper}")])
        );
        assert_eq!(out[0]["session"], json!({"order_id": "<uuid1>"}));
        assert_eq!(out[1]["body"], json!("<uuid2>"));
        assert_eq!(
            out[1]["session"],
            json!({"last": "<uuid1>", "order_id": "<uuid2>"})
        );
    }

    #[test]
    fn normalises_like_the_harness() {
        let key1 = "abcdefghijklmnopqrstuvwxyz012345";
        let key2 = "zyxwvutsrqponmlkjihgfedcba543210";
        let signed = "eyJrIjoidiJ9:1vb66i:zNG_RPrZi8yVxS1FJgdxSjdhBYcCb_YkLB7B6z4xw2Y";
        let lines = vec![
            json!({"request": 1, "cookie_sent": null, "session_key": key2, "body": format!("key {key2} and {key1}"),
                   "console": [key1, "abc"], "error": {"type": "KeyError", "message": key2, "where": "view", "line": 1},
                   "set_cookie": {"value": key2}, "store": [
                       {"key": key2, "data": {}, "expires_in": 1209595},
                       {"key": key1, "data": {}, "expires_in": -4},
                   ], "jar": {"sessionid": key2}}),
            json!({"request": 2, "cookie_sent": "abc", "session_key": signed, "body": signed, "console": [],
                   "error": null, "set_cookie": {"value": ""}, "store": [], "jar": {}}),
        ];
        let out = normalize(&lines);
        assert_eq!(out[0]["session_key"], json!("<k1>"));
        assert_eq!(out[0]["body"], json!("key <k1> and <k2>"));
        assert_eq!(out[0]["console"], json!(["<k2>", "abc"]));
        assert_eq!(out[0]["error"]["message"], json!("<k1>"));
        assert_eq!(out[0]["set_cookie"]["value"], json!("<k1>"));
        assert_eq!(
            out[0]["store"],
            json!([{"key": "<k1>", "data": {}, "expires_in": 1209600}, {"key": "<k2>", "data": {}, "expires_in": 0}])
        );
        assert_eq!(out[0]["jar"], json!({"sessionid": "<k1>"}));
        assert_eq!(out[1]["cookie_sent"], json!("<k3>"));
        assert_eq!(out[1]["session_key"], json!("signed:{\"k\":\"v\"}"));
        assert_eq!(out[1]["body"], json!("signed:{\"k\":\"v\"}"));
        assert_eq!(out[1]["set_cookie"]["value"], json!(""));
    }

    #[test]
    fn recognises_signed_values() {
        assert_eq!(
            signed_payload("e30:1vb66i:PWw_YW7gf1ZmV58k-n_CnwD8akkfqtSkspZhTQ9cf-k").as_deref(),
            Some("{}")
        );
        assert_eq!(
            signed_payload(".eJyrVkpOLCpRsopWSiwoyElV0hkhdGwtAKpOTuk:1vb66i:5z3N").unwrap(),
            format!("{{\"cart\":[{}]}}", vec!["\"apple\""; 30].join(","))
        );
        // A tampered signature normalises like the original.
        assert_eq!(signed_payload("e30:1vb66i:tampered").as_deref(), Some("{}"));
        for not_signed in [
            "abcdefghijklmnopqrstuvwxyz012345",
            "a:b",
            "a::c",
            "e30:1vb-6i:x",
            "NOT-a-valid!key$$$",
        ] {
            assert_eq!(signed_payload(not_signed), None, "{not_signed}");
        }
    }

    #[test]
    fn rounds_half_up_to_tens() {
        for (x, want) in [
            (1209595, 1209600),
            (1209594, 1209590),
            (-5, 0),
            (-6, -10),
            (0, 0),
        ] {
            let mut v = json!(x);
            round10(&mut v);
            assert_eq!(v, json!(want), "{x}");
        }
    }

    #[test]
    fn equality_keeps_json_types() {
        assert!(strict_equal(
            &json!({"a": 1, "b": [true]}),
            &json!({"b": [true], "a": 1})
        ));
        assert!(!strict_equal(&json!(1), &json!(1.0)));
        assert!(!strict_equal(&json!(1), &json!(true)));
        assert!(!strict_equal(&json!("1"), &json!(1)));
        assert!(!strict_equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        let diffs = differences(
            &[json!({"request": 1, "status": 200})],
            &[json!({"request": 1, "status": 500})],
        );
        assert_eq!(
            diffs,
            vec![
                "  request 1, status:",
                "    expected: 200",
                "    actual:   500"
            ]
        );
    }
}
