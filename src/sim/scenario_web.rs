//! The parts of a scenario file for a web project around the session: `[templates]`,
//! `[[route]]`s, and a request's `body`, `content_type` and `headers`.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::scenario::{line_col, ScenarioError};

pub use crate::django::project::{Route, TemplateSource, Templates};

impl<'de> Deserialize<'de> for Templates {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TemplatesVisitor;
        impl<'de> Visitor<'de> for TemplatesVisitor {
            type Value = Templates;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of template names to their source text")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Templates, A::Error> {
                let mut out = Vec::new();
                while let Some((name, source)) =
                    map.next_entry::<Spanned<String>, Spanned<String>>()?
                {
                    out.push(TemplateSource {
                        name: name.into_inner(),
                        offset: source.span().start,
                        source: source.into_inner(),
                        first_line: 0,
                    });
                }
                out.sort_by_key(|t| t.offset);
                Ok(Templates(out))
            }
        }
        d.deserialize_map(TemplatesVisitor)
    }
}

/// Fills in each template's first file line (the line after `'''` when the text starts on
/// the next line).
pub fn locate_templates(text: &str, templates: &mut Templates) {
    for t in &mut templates.0 {
        let (line, _) = line_col(text, t.offset);
        let rest = &text[t.offset.min(text.len())..];
        let multi = ["'''", "\"\"\""].iter().any(|d| {
            rest.strip_prefix(d)
                .is_some_and(|a| a.starts_with('\n') || a.starts_with("\r\n"))
        });
        t.first_line = if multi { line + 1 } else { line };
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRoute {
    path: Spanned<String>,
    view: Spanned<String>,
    #[serde(default)]
    name: Option<String>,
}

/// Checks the routes: a pattern is `path()` syntax with the converters `str`, `int`, `slug`
/// and `path`.
pub(super) fn routes(
    file: &str,
    text: &str,
    raw: Vec<RawRoute>,
) -> Result<Vec<Route>, ScenarioError> {
    let mut out = Vec::new();
    for r in raw {
        if r.path.get_ref().starts_with('/') {
            return Err(ScenarioError::at(
                file,
                text,
                r.path.span().start,
                "a route's path starts without '/', as in urls.py (\"cart/\", not \"/cart/\")",
            ));
        }
        if let Err(message) = crate::django::urls::check_pattern(r.path.get_ref()) {
            return Err(ScenarioError::at(file, text, r.path.span().start, message));
        }
        out.push(Route {
            path: r.path.into_inner(),
            view_span: r.view.span(),
            view: r.view.into_inner(),
            name: r.name,
        });
    }
    Ok(out)
}

/// A request's body and headers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WebRequest {
    /// `body = '…'`: the raw body, sent with `content_type`.
    pub body: Option<String>,
    /// The body's `Content-Type` (Django's test client default: `application/octet-stream`).
    pub content_type: Option<String>,
    /// Extra request headers, in the order written, names as written.
    pub headers: Vec<(String, String)>,
    /// `csrf = "form" | "header" | "cookie-form" | "cookie-header"`: send the CSRF token the
    /// browser was last served in a page (or its `csrftoken` cookie) in the
    /// `csrfmiddlewaretoken` form field or the `X-CSRFToken` header.
    pub csrf: Option<CsrfSend>,
    /// `secure = true`: the request comes over HTTPS (`request.is_secure()`, port 443), as
    /// the test client's `secure=True` sends it.
    pub secure: bool,
}

/// Where a request's CSRF token comes from and where it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsrfSend {
    /// From the `csrftoken` cookie (else from the last page's `csrfmiddlewaretoken`).
    pub from_cookie: bool,
    /// In the `X-CSRFToken` header (else in the form).
    pub in_header: bool,
}

/// The values `csrf` may take.
pub const CSRF_VALUES: &[&str] = &["form", "header", "cookie-form", "cookie-header"];

pub(super) fn csrf_field(
    file: &str,
    text: &str,
    csrf: Option<Spanned<String>>,
    web: &WebRequest,
) -> Result<Option<CsrfSend>, ScenarioError> {
    let Some(value) = csrf else { return Ok(None) };
    let start = value.span().start;
    let v = value.into_inner();
    if !CSRF_VALUES.contains(&v.as_str()) {
        return Err(ScenarioError::at(
            file,
            text,
            start,
            format!("unknown csrf {v:?}: use one of {}", CSRF_VALUES.join(", ")),
        ));
    }
    let send = CsrfSend {
        from_cookie: v.starts_with("cookie-"),
        in_header: v.ends_with("header"),
    };
    if !send.in_header && web.body.is_some() {
        return Err(ScenarioError::at(
            file,
            text,
            start,
            "csrf = \"form\" adds a form field: it cannot go with a `body` (use \"header\")",
        ));
    }
    Ok(Some(send))
}

pub(super) fn web_request(
    file: &str,
    text: &str,
    form: &[(String, Vec<String>)],
    body: Option<Spanned<String>>,
    content_type: Option<Spanned<String>>,
    headers: Vec<(String, Vec<String>)>,
) -> Result<WebRequest, ScenarioError> {
    if let (Some(b), false) = (&body, form.is_empty()) {
        return Err(ScenarioError::at(
            file,
            text,
            b.span().start,
            "a request has either `form` or `body`, not both",
        ));
    }
    if let (Some(ct), None) = (&content_type, &body) {
        return Err(ScenarioError::at(
            file,
            text,
            ct.span().start,
            "`content_type` describes a `body`: give the body too",
        ));
    }
    let mut out = Vec::new();
    for (name, values) in headers {
        let lower = name.to_ascii_lowercase();
        if matches!(lower.as_str(), "cookie" | "content-type" | "content-length") {
            return Err(ScenarioError {
                path: file.into(),
                position: None,
                message: format!(
                    "the header {name:?} is set by the simulator: use `cookies`, `content_type` and `body`"
                ),
            });
        }
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(ScenarioError {
                path: file.into(),
                position: None,
                message: format!("{name:?} is not a header name (letters, digits and '-')"),
            });
        }
        out.push((name, values.join(",")));
    }
    Ok(WebRequest {
        body: body.map(Spanned::into_inner),
        content_type: content_type.map(Spanned::into_inner),
        headers: out,
        csrf: None,
        secure: false,
    })
}
