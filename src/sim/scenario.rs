//! Scenario files (TOML): the views module, the settings and the requests to run.
//! See the simulation format contract; unknown fields are refused with their position.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::django::settings::Settings;

use super::scenario_web::{web_request, RawRoute};
pub use super::scenario_web::{Route, Templates, WebRequest};

/// The newest `format_version` this simulator reads.
pub const FORMAT_VERSION: i64 = 1;

/// A problem with a scenario file, located in it when possible.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct ScenarioError {
    /// The path named in messages.
    pub path: String,
    /// 1-based line and column in the file, when known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl ScenarioError {
    /// An error at a byte offset of the file's text.
    pub fn at(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        ScenarioError {
            path: path.to_string(),
            position: Some(line_col(text, offset)),
            message: message.into(),
        }
    }

    /// An error at a line and column.
    pub fn at_line(path: &str, line: usize, col: usize, message: impl Into<String>) -> Self {
        ScenarioError {
            path: path.to_string(),
            position: Some((line, col)),
            message: message.into(),
        }
    }

    fn render(&self) -> String {
        match self.position {
            Some((line, col)) => format!("{}:{}:{}: {}", self.path, line, col, self.message),
            None => format!("{}: {}", self.path, self.message),
        }
    }
}

pub use crate::content::line_col;

/// A loaded scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The path used in messages.
    pub path: String,
    pub title: String,
    pub summary: String,
    /// The views module's source.
    pub views: String,
    /// The file's line that holds the views module's first line.
    pub views_first_line: usize,
    pub settings: Settings,
    /// `[templates]`: template name → source, for `render()`.
    pub templates: Templates,
    /// `[[route]]`s: the project's URL patterns, for `reverse()` and requests by path.
    pub routes: Vec<Route>,
    /// The users the scenario declares (`[[user]]`), created before the first request.
    pub users: Vec<crate::django::auth::UserSpec>,
    /// The groups the scenario declares (`[[group]]`).
    pub groups: Vec<crate::django::auth::GroupSpec>,
    pub requests: Vec<RequestSpec>,
    /// The file's text, for locating later errors.
    pub text: String,
}

impl Scenario {
    /// The file line of a line of the views module (both 1-based).
    pub fn file_line_of_views_line(&self, views_line: usize) -> usize {
        self.views_first_line + views_line.saturating_sub(1)
    }
}

/// The management commands a scenario step may run instead of a request.
pub const MANAGE_COMMANDS: &[&str] = &["clearsessions"];

/// One `[[request]]`.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestSpec {
    /// The view function's name (empty for a management command).
    pub view: String,
    /// `manage = "clearsessions"`: this step runs `manage.py clearsessions` instead of a
    /// request; the browser fields are then unused.
    pub manage: Option<String>,
    /// `shell = '''…'''`: this step runs the code as typed into `manage.py shell`, outside
    /// any request (`manage` is then `"shell"`).
    pub shell: Option<ShellSpec>,
    /// The byte range of the `view` value in the file.
    pub view_span: std::ops::Range<usize>,
    pub browser: String,
    pub method: String,
    pub path: String,
    pub query: Params,
    pub form: Params,
    pub cookies: Vec<(String, String)>,
    /// `cookies_from = "A"`: first copy every cookie of browser A into this browser's jar.
    pub cookies_from: Option<String>,
    pub advance_clock: i64,
    pub restart_browser: bool,
    pub note: Option<String>,
    /// The request's body, content type and extra headers (`body`, `content_type`, `headers`).
    pub web: WebRequest,
    /// `[[request.predict]]`: questions asked before this request's outcome is shown.
    pub predict: Vec<PredictSpec>,
}

/// The code of a shell step.
#[derive(Clone, Debug, PartialEq)]
pub struct ShellSpec {
    pub code: String,
    /// The file's line of the code's first line.
    pub first_line: usize,
}

impl ShellSpec {
    /// The file's line of a line of the code.
    pub fn file_line(&self, line: usize) -> usize {
        self.first_line + line.saturating_sub(1)
    }
}

/// What a `[[request.predict]]` asks the learner to predict.
pub const PREDICT_ASKS: &[&str] = &["body", "cookie", "session", "store", "raises"];

/// One `[[request.predict]]`: a checkpoint written by the scenario's author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredictSpec {
    /// One of [`PREDICT_ASKS`].
    pub ask: String,
    /// The question in the author's words (a default one is asked otherwise).
    pub question: Option<String>,
    /// Why the outcome is what it is, shown after the answer (default: the request's note
    /// or the middleware's reason).
    pub why: Option<String>,
    /// The byte range of `ask` in the file, for messages.
    pub span: std::ops::Range<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPredict {
    ask: Spanned<String>,
    #[serde(default)]
    question: Option<String>,
    #[serde(default)]
    why: Option<String>,
}

/// Query or form parameters in the order written; a name may carry several values.
pub type Params = Vec<(String, Vec<String>)>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    format_version: Spanned<i64>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    views: Spanned<String>,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    templates: Templates,
    #[serde(default)]
    route: Vec<RawRoute>,
    #[serde(default)]
    user: Vec<crate::django::auth::UserSpec>,
    #[serde(default)]
    group: Vec<crate::django::auth::GroupSpec>,
    request: Spanned<Vec<RawRequest>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    #[serde(default)]
    view: Option<Spanned<String>>,
    #[serde(default)]
    manage: Option<Spanned<String>>,
    #[serde(default)]
    shell: Option<Spanned<String>>,
    #[serde(default = "default_browser")]
    browser: String,
    #[serde(default = "default_method")]
    method: String,
    #[serde(default = "default_path")]
    path: String,
    #[serde(default)]
    query: ParamMap,
    #[serde(default)]
    form: ParamMap,
    #[serde(default)]
    cookies: ParamMap,
    #[serde(default)]
    cookies_from: Option<String>,
    #[serde(default)]
    advance_clock: Option<Spanned<i64>>,
    #[serde(default)]
    restart_browser: bool,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    body: Option<Spanned<String>>,
    #[serde(default)]
    content_type: Option<Spanned<String>>,
    #[serde(default)]
    headers: ParamMap,
    #[serde(default)]
    csrf: Option<Spanned<String>>,
    #[serde(default)]
    secure: bool,
    #[serde(default)]
    predict: Vec<RawPredict>,
}

fn default_browser() -> String {
    "A".into()
}

fn default_method() -> String {
    "GET".into()
}

fn default_path() -> String {
    "/".into()
}

/// A table of parameters, kept in the order written. Values are strings, or numbers and
/// booleans written as Python's `str()` would, or arrays of those.
#[derive(Default)]
pub(super) struct ParamMap(pub(super) Params);

impl<'de> Deserialize<'de> for ParamMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = ParamMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of names to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParamMap, A::Error> {
                // Tables may come sorted by name: restore the order written from the keys'
                // positions.
                let mut out = Vec::new();
                while let Some((name, ParamValues(values))) =
                    map.next_entry::<Spanned<String>, _>()?
                {
                    out.push((name.span().start, name.into_inner(), values));
                }
                out.sort_by_key(|(start, _, _)| *start);
                Ok(ParamMap(
                    out.into_iter()
                        .map(|(_, name, values)| (name, values))
                        .collect(),
                ))
            }
        }
        d.deserialize_map(MapVisitor)
    }
}

struct ParamValues(Vec<String>);

impl<'de> Deserialize<'de> for ParamValues {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ValuesVisitor;
        impl<'de> Visitor<'de> for ValuesVisitor {
            type Value = ParamValues;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, a number, a boolean or an array of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ParamValues, E> {
                Ok(ParamValues(vec![v.to_string()]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ParamValues, E> {
                Ok(ParamValues(vec![v.to_string()]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ParamValues, E> {
                Ok(ParamValues(vec![v.to_string()]))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ParamValues, E> {
                Ok(ParamValues(vec![python_float_str(v)]))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<ParamValues, E> {
                Ok(ParamValues(vec![if v { "True" } else { "False" }.into()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ParamValues, A::Error> {
                let mut out = Vec::new();
                while let Some(ParamValues(mut values)) = seq.next_element()? {
                    out.append(&mut values);
                }
                Ok(ParamValues(out))
            }
        }
        d.deserialize_any(ValuesVisitor)
    }
}

/// `str(x)` of a float, for the usual cases (shortest digits, `.0` on whole numbers).
fn python_float_str(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.into()
    } else if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

/// Reads a scenario file's text; `path` is only used in messages.
pub fn load_scenario(path: &str, text: &str) -> Result<Scenario, ScenarioError> {
    let raw: RawScenario = crate::content::toml_de::from_str(text).map_err(|e| match e.span() {
        Some(span) => ScenarioError::at(path, text, span.start, e.message().trim()),
        None => ScenarioError {
            path: path.into(),
            position: None,
            message: e.message().trim().to_string(),
        },
    })?;
    if *raw.format_version.get_ref() != FORMAT_VERSION {
        return Err(ScenarioError::at(
            path,
            text,
            raw.format_version.span().start,
            format!(
                "format_version {} is not supported: this simulator reads format_version {}",
                raw.format_version.get_ref(),
                FORMAT_VERSION
            ),
        ));
    }
    if raw.request.get_ref().is_empty() {
        return Err(ScenarioError::at(
            path,
            text,
            raw.request.span().start,
            "at least one [[request]] is required",
        ));
    }
    // The clock must stay where Python's datetime (so timezone.now()) can follow it.
    let mut clock = crate::django::clock::Clock::new();
    for r in raw.request.get_ref() {
        if let Some(secs) = &r.advance_clock {
            if let Err(e) = clock.advance(*secs.get_ref()) {
                return Err(ScenarioError::at(
                    path,
                    text,
                    secs.span().start,
                    format!("advance_clock: {e}"),
                ));
            }
        }
    }
    let views_span = raw.views.span();
    let views_first_line = views_first_line(text, views_span.start);
    let mut templates = raw.templates;
    super::scenario_web::locate_templates(text, &mut templates);
    let routes = super::scenario_web::routes(path, text, raw.route)?;
    let request_span = raw.request.span();
    let mut requests = Vec::new();
    for r in raw.request.into_inner() {
        let mut web = web_request(path, text, &r.form.0, r.body, r.content_type, r.headers.0)?;
        web.csrf = super::scenario_web::csrf_field(path, text, r.csrf, &web)?;
        web.secure = r.secure;
        let mut predict = Vec::new();
        for p in r.predict {
            if !PREDICT_ASKS.contains(&p.ask.get_ref().as_str()) {
                return Err(ScenarioError::at(
                    path,
                    text,
                    p.ask.span().start,
                    format!(
                        "unknown ask {:?} in [[request.predict]]: use one of {}",
                        p.ask.get_ref(),
                        PREDICT_ASKS.join(", ")
                    ),
                ));
            }
            if r.manage.is_some() || r.shell.is_some() {
                return Err(ScenarioError::at(
                    path,
                    text,
                    p.ask.span().start,
                    "a management command has nothing to predict: put [[request.predict]] under a request with a view",
                ));
            }
            let span = p.ask.span();
            predict.push(PredictSpec {
                ask: p.ask.into_inner(),
                question: p.question,
                why: p.why,
                span,
            });
        }
        let shell = match r.shell {
            None => None,
            Some(code) => {
                if r.view.is_some() || r.manage.is_some() {
                    return Err(ScenarioError::at(
                        path,
                        text,
                        code.span().start,
                        "a [[request]] has one of `view` (a request), `manage` (a command) or `shell` (code typed into manage.py shell)",
                    ));
                }
                Some((code.span(), check_shell(path, text, code)?))
            }
        };
        let (view, view_span, manage) = match &shell {
            Some((span, _)) => (String::new(), span.clone(), Some("shell".to_string())),
            None => match (r.view, r.manage) {
                (Some(view), None) => (view.get_ref().clone(), view.span(), None),
                (None, Some(manage)) => {
                    if !MANAGE_COMMANDS.contains(&manage.get_ref().as_str()) {
                        return Err(ScenarioError::at(
                            path,
                            text,
                            manage.span().start,
                            format!(
                            "unknown management command {:?}: the simulator runs \"clearsessions\"",
                            manage.get_ref()
                        ),
                        ));
                    }
                    (String::new(), manage.span(), Some(manage.into_inner()))
                }
                (Some(view), Some(_)) => return Err(ScenarioError::at(
                    path,
                    text,
                    view.span().start,
                    "a [[request]] has either `view` (a request) or `manage` (a command), not both",
                )),
                (None, None) if !routes.is_empty() => (String::new(), 0..0, None),
                (None, None) => {
                    return Err(ScenarioError::at(
                        path,
                        text,
                        request_span.start,
                        "every [[request]] needs `view` (or `manage = \"clearsessions\"`, `shell`, or [[route]]s to find its view by path)",
                    ))
                }
            },
        };
        let shell = shell.map(|(_, s)| s);
        requests.push(RequestSpec {
            view_span,
            view,
            manage,
            shell,
            browser: r.browser,
            method: r.method.to_uppercase(),
            path: r.path,
            query: r.query.0,
            form: r.form.0,
            cookies: r
                .cookies
                .0
                .into_iter()
                .map(|(name, values)| (name, values.join(",")))
                .collect(),
            cookies_from: r.cookies_from,
            advance_clock: r.advance_clock.map_or(0, Spanned::into_inner),
            restart_browser: r.restart_browser,
            note: r.note,
            web,
            predict,
        });
    }
    if let Err(message) = crate::django::auth::check_groups(&raw.group, &raw.user) {
        return Err(ScenarioError {
            path: path.into(),
            position: None,
            message,
        });
    }
    Ok(Scenario {
        path: path.to_string(),
        title: raw.title,
        summary: raw.summary,
        views: raw.views.into_inner(),
        views_first_line,
        settings: raw.settings,
        templates,
        routes,
        users: raw.user,
        groups: raw.group,
        requests,
        text: text.to_string(),
    })
}

/// The file line where a string value's text begins: the line after `'''` or `"""` when
/// the delimiter is followed by a line break (TOML drops that first newline).
/// A shell step's code: it must parse, and an expression statement inside a block (whose
/// value Python's prompt would echo, which the simulator does not) must be a `print()`.
fn check_shell(path: &str, text: &str, code: Spanned<String>) -> Result<ShellSpec, ScenarioError> {
    let spec = ShellSpec {
        first_line: views_first_line(text, code.span().start),
        code: code.into_inner(),
    };
    let module = crate::python::parse_module(&spec.code).map_err(|e| match e {
        crate::python::PyError::Syntax {
            message,
            line,
            column,
        } => ScenarioError::at_line(
            path,
            spec.file_line(line as usize),
            column as usize,
            format!("shell line {line}: {message}"),
        ),
        other => ScenarioError::at_line(path, spec.first_line, 1, format!("shell: {other}")),
    })?;
    for stmt in &module.body {
        if let Some(line) = nested_echo(std::slice::from_ref(stmt), true) {
            return Err(ScenarioError::at_line(
                path,
                spec.file_line(line as usize),
                1,
                format!("shell line {line}: not supported in the simulator: an expression statement inside a block of a shell step (the shell would echo its value; use print())"),
            ));
        }
    }
    Ok(spec)
}

/// The line of an expression statement (other than a `print()` call) nested in a block at
/// the top level of shell code; statements of the top level itself are echoed as usual.
fn nested_echo(stmts: &[crate::python::ast::Stmt], top: bool) -> Option<u32> {
    use crate::python::ast::{ExprKind, StmtKind};
    for stmt in stmts {
        let found = match &stmt.kind {
            StmtKind::Expr(e) if !top => match &e.kind {
                ExprKind::Call { func, .. } if matches!(&func.kind, ExprKind::Name(n) if &**n == "print") => {
                    None
                }
                _ => Some(stmt.line),
            },
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                nested_echo(body, false).or_else(|| nested_echo(orelse, false))
            }
            StmtKind::With { body, .. } => nested_echo(body, false),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => nested_echo(body, false)
                .or_else(|| handlers.iter().find_map(|h| nested_echo(&h.body, false)))
                .or_else(|| nested_echo(orelse, false))
                .or_else(|| nested_echo(finalbody, false)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn views_first_line(text: &str, literal_start: usize) -> usize {
    let rest = &text[literal_start.min(text.len())..];
    let (line, _) = line_col(text, literal_start);
    for delim in ["'''", "\"\"\""] {
        if let Some(after) = rest.strip_prefix(delim) {
            if after.starts_with('\n') || after.starts_with("\r\n") {
                return line + 1;
            }
            return line;
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::django::settings::Engine;

    const VISITS: &str = r#"format_version = 1
title = "Visit counter"
summary = "One browser, then another."

views = '''
from django.http import HttpResponse

def visit_counter(request):
    return HttpResponse("hi")
'''

[settings]
SESSION_ENGINE = "cache"

[[request]]
view = "visit_counter"

[[request]]
view = "visit_counter"
browser = "B"
method = "post"
path = "/cart/"
query = { color = "blue", n = 3, tags = ["a", "b"], ok = true }
form = { item = "apple" }
cookies = { sessionid = "abcdefghijklmnopqrstuvwxyz012345" }
advance_clock = 60
restart_browser = true
note = "Second."
"#;

    #[test]
    fn reads_a_full_scenario_with_defaults() {
        let s = load_scenario("visits.toml", VISITS).unwrap();
        assert_eq!(s.title, "Visit counter");
        assert_eq!(s.settings.engine, Engine::Cache);
        assert_eq!(s.settings.cookie_age, 1_209_600);
        assert_eq!(s.views_first_line, 6);
        assert!(s.views.starts_with("from django.http"));
        assert_eq!(s.file_line_of_views_line(3), 8);
        let first = &s.requests[0];
        assert_eq!(
            (
                first.browser.as_str(),
                first.method.as_str(),
                first.path.as_str()
            ),
            ("A", "GET", "/")
        );
        assert!(first.query.is_empty() && first.cookies.is_empty());
        assert_eq!((first.advance_clock, first.restart_browser), (0, false));
        assert_eq!(first.note, None);
        let second = &s.requests[1];
        assert_eq!(second.method, "POST");
        assert_eq!(
            second.query,
            vec![
                ("color".to_string(), vec!["blue".to_string()]),
                ("n".to_string(), vec!["3".to_string()]),
                ("tags".to_string(), vec!["a".to_string(), "b".to_string()]),
                ("ok".to_string(), vec!["True".to_string()]),
            ]
        );
        assert_eq!(
            second.cookies,
            vec![(
                "sessionid".to_string(),
                "abcdefghijklmnopqrstuvwxyz012345".to_string()
            )]
        );
        assert_eq!(&VISITS[second.view_span.clone()], "\"visit_counter\"");
    }

    #[test]
    fn unknown_fields_are_located() {
        let text = VISITS.replace("restart_browser = true", "restart_browsr = true");
        let err = load_scenario("v.toml", &text).unwrap_err().to_string();
        assert!(err.starts_with("v.toml:27:1: "), "{err}");
        assert!(err.contains("restart_browsr"), "{err}");

        let text = VISITS.replace("SESSION_ENGINE = \"cache\"", "SESSION_ENGINE = \"redis\"");
        let err = load_scenario("v.toml", &text).unwrap_err().to_string();
        assert!(err.starts_with("v.toml:13:18: "), "{err}");
        assert!(err.contains("unknown SESSION_ENGINE"), "{err}");
    }

    #[test]
    fn refuses_newer_formats_and_empty_request_lists() {
        let text = VISITS.replace("format_version = 1", "format_version = 2");
        let err = load_scenario("v.toml", &text).unwrap_err().to_string();
        assert!(err.starts_with("v.toml:1:18: format_version 2"), "{err}");
        let err = load_scenario("v.toml", "format_version = 1\nviews = ''\nrequest = []\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("v.toml:3:11: at least one"), "{err}");
        let err = load_scenario("v.toml", "format_version = 1\nviews = ''\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("request"), "{err}");
        let err = load_scenario("v.toml", "format_version = 1\nviews = '\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("v.toml:2:"), "{err}");
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
        assert_eq!(line_col("éé", 2), (1, 2));
    }

    proptest::proptest! {
        #[test]
        fn loading_never_panics(text in "\\PC{0,200}") {
            let _ = load_scenario("p.toml", &text);
        }

        #[test]
        fn located_errors_stay_inside_the_file(extra in "[a-z_ =\"\\[\\]\n0-9]{0,60}") {
            let text = format!("{VISITS}{extra}");
            if let Err(e) = load_scenario("p.toml", &text) {
                if let Some((line, _)) = e.position {
                    proptest::prop_assert!(line >= 1 && line <= text.lines().count() + 1);
                }
            }
        }
    }

    #[test]
    fn groups_are_declared_before_users_join_them() {
        let base = "format_version = 1\ntitle = \"g\"\nviews = \"def v(request): pass\"\n";
        let ok = format!(
            "{base}[[group]]\nname = \"editors\"\npermissions = [\"blog.change_post\"]\n[[user]]\nusername = \"a\"\npassword = \"p\"\ngroups = [\"editors\"]\n[[request]]\nview = \"v\"\n"
        );
        let s = load_scenario("g.toml", &ok).unwrap();
        assert_eq!(s.groups[0].name, "editors");
        assert_eq!(s.users[0].groups, vec!["editors".to_string()]);
        let unknown = format!(
            "{base}[[user]]\nusername = \"a\"\npassword = \"p\"\ngroups = [\"staff\"]\n[[request]]\nview = \"v\"\n"
        );
        let err = load_scenario("g.toml", &unknown).unwrap_err();
        assert!(
            err.message.contains("no [[group]] has that name"),
            "{}",
            err.message
        );
        let twice = format!(
            "{base}[[group]]\nname = \"x\"\n[[group]]\nname = \"x\"\n[[request]]\nview = \"v\"\n"
        );
        let err = load_scenario("g.toml", &twice).unwrap_err();
        assert!(
            err.message.contains("a second [[group]]"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_request_may_come_over_https() {
        let text = "format_version = 1\ntitle = \"s\"\nviews = \"def v(request): pass\"\n[[request]]\nview = \"v\"\nsecure = true\n[[request]]\nview = \"v\"\n";
        let s = load_scenario("s.toml", text).unwrap();
        assert!(s.requests[0].web.secure);
        assert!(!s.requests[1].web.secure);
    }
}
