//! What a request carries besides its parameters: `request.body`, `request.content_type`,
//! `request.headers` (Django's case-insensitive `HttpHeaders`) and `request.META`, built the
//! way Django's test client builds the WSGI environ.

use std::any::Any;

use crate::python::{repr, to_str, Dict, NativeObject, PyException, Value};

use super::pyargs::{bind_method, Kwargs};
use super::request::{quote_plus, Params, RequestData};

/// `parse_header_parameters`: the main value lowercased and the `; name=value` parameters.
pub fn parse_content_type(line: &str) -> (String, Vec<(String, String)>) {
    if line.is_empty() {
        return (String::new(), Vec::new());
    }
    let mut parts = line.split(';');
    let main = parts.next().unwrap_or("").trim().to_lowercase();
    let mut params = Vec::new();
    for p in parts {
        let Some((k, v)) = p.split_once('=') else {
            continue;
        };
        let k = k.trim().to_lowercase();
        let mut v = v.trim();
        if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
            v = &v[1..v.len() - 1];
        }
        if !k.is_empty() {
            params.push((k, v.to_string()));
        }
    }
    (main, params)
}

/// `urllib.parse.parse_qsl(text, keep_blank_values=True)` decoded as UTF-8 (bad bytes
/// replaced), grouped by name in first-seen order, as `QueryDict` holds it.
pub fn parse_query(text: &str) -> Params {
    let mut out: Params = Vec::new();
    for pair in text.split('&') {
        if pair.is_empty() {
            continue;
        }
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (k, v) = (unquote_plus(k), unquote_plus(v));
        match out.iter_mut().find(|(n, _)| *n == k) {
            Some(slot) => slot.1.push(v),
            None => out.push((k, vec![v])),
        }
    }
    out
}

fn unquote_plus(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `application/x-www-form-urlencoded` text of parameters (`urlencode(…, doseq=True)`).
pub fn urlencode(params: &Params) -> String {
    let mut parts = Vec::new();
    for (name, values) in params {
        for v in values {
            parts.push(format!("{}={}", quote_plus(name), quote_plus(v)));
        }
    }
    parts.join("&")
}

/// `HTTP_X_TOKEN` → `X-Token`, as `HttpHeaders.parse_header_name` writes it.
pub fn header_name(wsgi: &str) -> String {
    let plain = wsgi.replace('_', "-");
    let mut out = String::new();
    let mut start = true;
    for c in plain.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = true;
        }
    }
    out
}

/// `X-Token` → `HTTP_X_TOKEN`.
fn wsgi_name(header: &str) -> String {
    format!("HTTP_{}", header.replace('-', "_").to_uppercase())
}

/// The environ as a list of (name, value), in the test client's order: the base environ,
/// then the request's own entries. `wsgi.input` and `wsgi.errors` (objects) are left out.
pub fn environ(data: &RequestData, cookie_header: &str) -> Vec<(String, Value)> {
    let s = Value::str;
    let mut env: Vec<(String, Value)> = vec![
        ("HTTP_COOKIE".into(), s(cookie_header)),
        ("PATH_INFO".into(), s(&data.django_path())),
        ("REMOTE_ADDR".into(), s("127.0.0.1")),
        ("REQUEST_METHOD".into(), s(&data.method)),
        ("SCRIPT_NAME".into(), s("")),
        ("SERVER_NAME".into(), s("testserver")),
        (
            "SERVER_PORT".into(),
            s(if data.secure { "443" } else { "80" }),
        ),
        ("SERVER_PROTOCOL".into(), s("HTTP/1.1")),
        (
            "wsgi.version".into(),
            Value::tuple(vec![Value::int(1), Value::int(0)]),
        ),
        (
            "wsgi.url_scheme".into(),
            s(if data.secure { "https" } else { "http" }),
        ),
        ("wsgi.multiprocess".into(), Value::Bool(true)),
        ("wsgi.multithread".into(), Value::Bool(false)),
        ("wsgi.run_once".into(), Value::Bool(false)),
    ];
    if !data.body.is_empty() {
        env.push(("CONTENT_LENGTH".into(), s(&data.body.len().to_string())));
        env.push(("CONTENT_TYPE".into(), s(&data.content_type)));
    }
    for (name, value) in &data.headers {
        let key = wsgi_name(name);
        match env.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = s(value),
            None => env.push((key, s(value))),
        }
    }
    env.push(("QUERY_STRING".into(), s(&urlencode(&data.query))));
    env
}

/// `request.META`.
pub fn meta(data: &RequestData, cookie_header: &str) -> Value {
    let mut d = Dict::new();
    for (k, v) in environ(data, cookie_header) {
        // String keys are always hashable.
        let _ = d.insert(Value::str(&k), v);
    }
    Value::dict(d)
}

/// `request.headers`: a case-insensitive, read-only mapping.
pub struct HttpHeaders {
    /// (name as Django writes it, value), in environ order.
    items: Vec<(String, String)>,
}

impl HttpHeaders {
    pub fn new(data: &RequestData, cookie_header: &str) -> Self {
        let mut items = Vec::new();
        for (k, v) in environ(data, cookie_header) {
            let name = if let Some(rest) = k.strip_prefix("HTTP_") {
                header_name(rest)
            } else if k == "CONTENT_TYPE" || k == "CONTENT_LENGTH" {
                header_name(&k)
            } else {
                continue;
            };
            items.push((name, to_str(&v)));
        }
        HttpHeaders { items }
    }

    fn find(&self, key: &Value) -> Option<&(String, String)> {
        let Value::Str(k) = key else { return None };
        let k = k.to_lowercase();
        self.items.iter().find(|(n, _)| n.to_lowercase() == k)
    }
}

impl NativeObject for HttpHeaders {
    fn type_name(&self) -> &str {
        "HttpHeaders"
    }

    fn qualified_name(&self) -> String {
        "django.http.request.HttpHeaders".into()
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "get" | "keys" | "values" | "items" | "copy")
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> Result<Value, PyException> {
        match name {
            "get" => {
                let a = bind_method("Mapping.get", &["key", "default"], 1, args, kwargs)?;
                let key = a.req(0);
                if !matches!(key, Value::Str(_)) {
                    return Err(PyException::new(
                        "AttributeError",
                        format!("'{}' object has no attribute 'lower'", key.type_name()),
                    ));
                }
                Ok(self
                    .find(&key)
                    .map_or(a.get_or(1, Value::None), |(_, v)| Value::str(v)))
            }
            "keys" | "values" | "items" | "copy" => {
                bind_method(&format!("Mapping.{name}"), &[], 0, args, kwargs)?;
                let mut d = Dict::new();
                for (k, v) in &self.items {
                    d.insert(Value::str(k), Value::str(v))?;
                }
                let d = std::rc::Rc::new(std::cell::RefCell::new(d));
                Ok(match name {
                    "keys" => Value::dict_view(d, crate::python::DictViewKind::Keys),
                    "values" => Value::dict_view(d, crate::python::DictViewKind::Values),
                    "items" => Value::dict_view(d, crate::python::DictViewKind::Items),
                    _ => Value::Dict(d),
                })
            }
            _ => Err(PyException::attribute_error("HttpHeaders", name)),
        }
    }

    fn get_item(&self, key: &Value) -> Result<Value, PyException> {
        let Value::Str(k) = key else {
            return Err(PyException::new(
                "AttributeError",
                format!("'{}' object has no attribute 'lower'", key.type_name()),
            ));
        };
        self.find(key)
            .map(|(_, v)| Value::str(v))
            .ok_or_else(|| PyException::with_args("KeyError", vec![Value::str(&k.to_lowercase())]))
    }

    fn set_item(&self, _key: Value, _value: Value) -> Result<(), PyException> {
        Err(PyException::type_error(
            "'HttpHeaders' object does not support item assignment",
        ))
    }

    fn contains(&self, item: &Value) -> Result<bool, PyException> {
        Ok(self.find(item).is_some())
    }

    fn len(&self) -> Result<usize, PyException> {
        Ok(self.items.len())
    }

    fn iter(&self) -> Result<Vec<Value>, PyException> {
        Ok(self.items.iter().map(|(k, _)| Value::str(k)).collect())
    }

    fn truthy(&self) -> bool {
        !self.items.is_empty()
    }

    fn repr(&self) -> String {
        let inner: Vec<String> = self
            .items
            .iter()
            .map(|(k, v)| format!("{}: {}", repr(&Value::str(k)), repr(&Value::str(v))))
            .collect();
        format!("{{{}}}", inner.join(", "))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_queries_decode_like_django() {
        assert_eq!(header_name("X_API_KEY"), "X-Api-Key");
        assert_eq!(header_name("CONTENT_TYPE"), "Content-Type");
        assert_eq!(
            parse_query("a=1&b=x+y&a=%C3%A9&c"),
            vec![
                ("a".to_string(), vec!["1".to_string(), "é".to_string()]),
                ("b".to_string(), vec!["x y".to_string()]),
                ("c".to_string(), vec![String::new()]),
            ]
        );
        assert_eq!(
            parse_content_type("Application/JSON; charset=UTF-8"),
            (
                "application/json".to_string(),
                vec![("charset".to_string(), "UTF-8".to_string())]
            )
        );
    }
}
