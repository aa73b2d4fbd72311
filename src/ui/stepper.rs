//! The stepper: walks a simulator trace forwards and backwards, one state at a time, in the
//! manner of Python Tutor. The engine computed every state already; this screen only shows
//! them and marks what changed since the previous one.
//!
//! A request is shown as a run of frames: the browser sends it; one frame before each
//! executed line of the view; the view's end; the middleware's decision; the response with
//! where the session data lives and the jar afterwards. A management command run between
//! requests (`clearsessions`) is one frame of its own.

use super::highlight::highlight_line;
use super::render::{inline, span, wrap};
use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::style::Styles;
use super::Ui;
use crate::django::middleware::CookieAction;
use crate::sim::trace::{
    CookieView, RequestTrace, Step, StorageArea, StoreRowView, Trace, ViewOutcome,
};
use console::Key;
use std::io;

/// One screen of the stepper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// The browser sends the request; the server finds (or not) a stored session.
    Send(usize),
    /// Before a line of the view runs.
    Line(usize, usize),
    /// The view returned or raised.
    ViewEnd(usize),
    /// SessionMiddleware decides what to save and which headers to send.
    Middleware(usize),
    /// The response arrives; where the data lives and the jar afterwards.
    Response(usize),
    /// A management command ran on the server instead of a request.
    Manage(usize),
}

impl Frame {
    pub fn request(self) -> usize {
        match self {
            Frame::Send(r)
            | Frame::Line(r, _)
            | Frame::ViewEnd(r)
            | Frame::Middleware(r)
            | Frame::Response(r)
            | Frame::Manage(r) => r,
        }
    }
}

/// Every frame of a trace, in order.
pub fn frames(trace: &Trace) -> Vec<Frame> {
    let mut out = Vec::new();
    for (r, req) in trace.requests.iter().enumerate() {
        if req.manage.is_some() {
            out.push(Frame::Manage(r));
            continue;
        }
        out.push(Frame::Send(r));
        out.extend((0..req.steps.len()).map(|s| Frame::Line(r, s)));
        out.push(Frame::ViewEnd(r));
        out.push(Frame::Middleware(r));
        out.push(Frame::Response(r));
    }
    out
}

/// How a value in a list of pairs compares with the previous state.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Same,
    New,
    Changed(String),
}

/// Pairs with their changes, plus the names that disappeared.
fn diff(
    now: &[(String, String)],
    before: &[(String, String)],
) -> (Vec<(String, String, Change)>, Vec<String>) {
    let rows = now
        .iter()
        .map(|(k, v)| {
            let change = match before.iter().find(|(bk, _)| bk == k) {
                None => Change::New,
                Some((_, bv)) if bv != v => Change::Changed(bv.clone()),
                Some(_) => Change::Same,
            };
            (k.clone(), v.clone(), change)
        })
        .collect();
    let gone = before
        .iter()
        .filter(|(bk, _)| !now.iter().any(|(k, _)| k == bk))
        .map(|(k, _)| k.clone())
        .collect();
    (rows, gone)
}

/// Lines for a list of pairs, with changes marked by a symbol and a word, not only colour.
fn pair_lines(
    styles: &Styles,
    now: &[(String, String)],
    before: Option<&[(String, String)]>,
    sep: &str,
    empty: &str,
) -> Vec<String> {
    let (rows, gone) = diff(now, before.unwrap_or(now));
    let mut out = Vec::new();
    if rows.is_empty() && gone.is_empty() {
        out.push(format!("    {}", styles.dim.apply_to(empty)));
    }
    for (k, v, change) in rows {
        let line = format!("{k}{sep}{v}");
        out.push(match change {
            Change::Same => format!("    {line}"),
            Change::New => format!(
                "  {} {}",
                styles.changed.apply_to("✱"),
                styles.changed.apply_to(format!("{line}   (new)"))
            ),
            Change::Changed(old) => format!(
                "  {} {}",
                styles.changed.apply_to("✱"),
                styles.changed.apply_to(format!("{line}   (was {old})"))
            ),
        });
    }
    for k in gone {
        out.push(format!(
            "  {} {}",
            styles.changed.apply_to("✱"),
            styles.changed.apply_to(format!("{k}   (removed)"))
        ));
    }
    out
}

fn flag(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// `accessed: yes   modified: no`, with a change marked.
fn flag_line(styles: &Styles, name: &str, now: bool, before: bool) -> String {
    if now == before {
        format!("{name}: {}", flag(now))
    } else {
        styles
            .changed
            .apply_to(format!("✱ {name}: {} (was {})", flag(now), flag(before)))
            .to_string()
    }
}

/// The view function's lines of the views module, with their 1-based numbers.
fn function_lines<'a>(views: &'a str, name: &str) -> Vec<(usize, &'a str)> {
    let lines: Vec<&str> = views.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(&format!("def {name}(")));
    let Some(start) = start else {
        return lines.iter().enumerate().map(|(i, l)| (i + 1, *l)).collect();
    };
    numbered(&lines, start, block_end(&lines, start))
}

fn numbered<'a>(lines: &[&'a str], start: usize, end: usize) -> Vec<(usize, &'a str)> {
    (start..end).map(|i| (i + 1, lines[i])).collect()
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// The name a line defines, when it starts a `def` (or `async def`) or a `class`.
fn defines(line: &str) -> Option<(bool, &str)> {
    let l = line.trim_start();
    let (is_class, rest) = if let Some(r) = l.strip_prefix("class ") {
        (true, r)
    } else {
        (
            false,
            l.strip_prefix("async ").unwrap_or(l).strip_prefix("def ")?,
        )
    };
    let name = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()?;
    (!name.is_empty()).then_some((is_class, name))
}

/// The end (exclusive, 0-based) of the block whose header is `lines[start]`: the lines
/// indented deeper than the header, and the blank and comment lines among them.
fn block_end(lines: &[&str], start: usize) -> usize {
    let depth = indentation(lines[start]);
    let mut end = start + 1;
    while end < lines.len() {
        let l = lines[end];
        if !l.trim().is_empty() && indentation(l) <= depth && !l.trim_start().starts_with('#') {
            break;
        }
        end += 1;
    }
    while end > start + 1 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    end
}

/// The innermost function of the views module whose lines hold `line` (1-based), at any
/// depth (a method, a decorator's wrapper): its qualified name as CPython gives it
/// (`Cart.add`, `counted.<locals>.wrapper`) and its numbered lines.
fn function_at(views: &str, line: usize) -> Option<(String, Vec<(usize, &str)>)> {
    let lines: Vec<&str> = views.lines().collect();
    let at = line.checked_sub(1)?;
    let start = (0..=at.min(lines.len().saturating_sub(1)))
        .rev()
        .find(|&i| matches!(defines(lines[i]), Some((false, _))) && block_end(&lines, i) > at)?;
    let mut name = defines(lines[start])?.1.to_string();
    let mut depth = indentation(lines[start]);
    for i in (0..start).rev() {
        if depth == 0 {
            break;
        }
        let l = lines[i];
        if l.trim().is_empty() || l.trim_start().starts_with('#') || indentation(l) >= depth {
            continue;
        }
        depth = indentation(l);
        if let Some((is_class, outer)) = defines(l) {
            name = if is_class {
                format!("{outer}.{name}")
            } else {
                format!("{outer}.<locals>.{name}")
            };
        }
    }
    Some((name, numbered(&lines, start, block_end(&lines, start))))
}

/// The code panel: the view with the line about to run (or that raised) marked. A line of
/// another function of the views (a `user_passes_test` test, a CSRF failure view) shows
/// that function instead.
fn code_panel(
    styles: &Styles,
    trace: &Trace,
    req: &RequestTrace,
    mark: Option<(u32, &str)>,
    width: usize,
) -> Vec<String> {
    let mut shown = req.view.clone();
    let mut lines = function_lines(&trace.views, &req.view);
    if let Some((line, _)) = mark {
        if !lines.iter().any(|(n, _)| *n == line as usize) {
            if let Some((name, other)) = function_at(&trace.views, line as usize) {
                shown = name;
                lines = other;
            }
        }
    }
    let mut out = vec![styles
        .strong
        .apply_to(format!("views.py · {shown}"))
        .to_string()];
    // Long lines continue on the next row after a dotted gutter: nothing is cut off.
    let room = width.saturating_sub(6).max(10);
    for (n, text) in lines {
        let pieces: Vec<String> = super::render::code_pieces(text, room)
            .into_iter()
            .map(|p| {
                p.into_iter()
                    .map(|(_, t)| t)
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect();
        let marked = matches!(mark, Some((line, _)) if line as usize == n);
        for (i, piece) in pieces.iter().enumerate() {
            let gutter = match (i, mark) {
                (0, Some((_, symbol))) if marked => format!("{symbol}{n:>3}"),
                (0, _) => format!(" {n:>3}"),
                _ => "   ┆".to_string(),
            };
            out.push(if marked {
                styles
                    .selected
                    .apply_to(format!("{gutter} {piece}"))
                    .to_string()
            } else {
                format!(
                    "{} {}",
                    styles.dim.apply_to(gutter),
                    highlight_line(piece, styles)
                )
            });
        }
    }
    out
}

/// A browser's cookies as `(name, "value  (until …)")`.
pub(super) fn cookie_pairs(jar: &[CookieView]) -> Vec<(String, String)> {
    jar.iter()
        .map(|c| {
            let life = match &c.expires {
                Some(e) => format!("  (until {e})"),
                None => "  (until the browser closes)".into(),
            };
            (c.name.clone(), format!("{}{life}", c.value))
        })
        .collect()
}

fn jar_lines(styles: &Styles, jar: &[CookieView], before: Option<&[CookieView]>) -> Vec<String> {
    let now = cookie_pairs(jar);
    let prev = before.map(cookie_pairs);
    pair_lines(styles, &now, prev.as_deref(), "=", "no cookies")
}

/// Stored sessions as `(key, "{data}  (expires in …)")`.
pub(super) fn store_pairs(rows: &[StoreRowView]) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| {
            let data = format!(
                "{{{}}}",
                r.data
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let life = match r.expires_in {
                Some(s) if s < 0 => format!("  (expired {} ago, still stored)", span(-s)),
                Some(s) => format!("  (expires in {})", span(s)),
                None => String::new(),
            };
            (r.key.clone(), format!("{data}{life}"))
        })
        .collect()
}

/// One place's sessions as `(name, "{data}  (expires in …)")`: the row's key, the full cache
/// key, the file's name (the folder is in the place's label), the cookie's name.
fn storage_pairs(area: &StorageArea) -> Vec<(String, String)> {
    area.entries
        .iter()
        .map(|e| {
            let name = if area.kind == "file" {
                e.name.rsplit('/').next().unwrap_or(&e.name).to_owned()
            } else {
                e.name.clone()
            };
            let row = StoreRowView {
                key: name,
                data: e.data.clone(),
                expires_in: e.expires_in,
            };
            store_pairs(std::slice::from_ref(&row))
                .pop()
                .expect("one pair for one row")
        })
        .collect()
}

/// What a place is, for the heading above its sessions.
fn storage_heading(area: &StorageArea) -> String {
    let label = super::render::escape_controls(&area.label);
    match area.kind.as_str() {
        "db" => format!("{label}, a row per session"),
        "cache" => format!("{label}, an entry per session"),
        "file" => format!("{label}, a file per session"),
        "cookie" => format!("{label}: the data itself, signed (nothing on the server)"),
        _ => label,
    }
}

/// The same place as it was after the latest earlier request (for a cookie, of the same
/// browser, since the label names the browser).
fn storage_before<'a>(trace: &'a Trace, r: usize, area: &StorageArea) -> Option<&'a StorageArea> {
    trace.requests[..r]
        .iter()
        .rev()
        .flat_map(|p| p.storage.iter())
        .find(|a| a.kind == area.kind && a.label == area.label)
}

/// "Where the session data lives": every place the engine keeps sessions after request `r`,
/// changes since the request before marked.
fn storage_lines(styles: &Styles, trace: &Trace, r: usize) -> Vec<String> {
    let req = &trace.requests[r];
    let areas: Vec<&StorageArea> = req
        .storage
        .iter()
        // A command runs on the server: no browser's cookie is involved.
        .filter(|a| !(req.manage.is_some() && a.kind == "cookie"))
        .collect();
    let mut out = Vec::new();
    if areas.is_empty() {
        if req.manage.is_none() {
            // A trace without places (made before they existed): the store as rows.
            out.push(
                styles
                    .strong
                    .apply_to(format!("Server store ({})", trace.engine))
                    .to_string(),
            );
            let before = r
                .checked_sub(1)
                .map(|p| store_pairs(&trace.requests[p].store_after))
                .unwrap_or_default();
            out.extend(pair_lines(
                styles,
                &store_pairs(&req.store_after),
                Some(&before),
                " → ",
                "(empty)",
            ));
        }
        return out;
    }
    out.push(
        styles
            .strong
            .apply_to("Where the session data lives")
            .to_string(),
    );
    for area in areas {
        out.push(format!("  {}", storage_heading(area)));
        let before = storage_before(trace, r, area)
            .map(storage_pairs)
            .unwrap_or_default();
        let empty = if area.kind == "cookie" {
            "no session cookie"
        } else {
            "(empty)"
        };
        out.extend(pair_lines(
            styles,
            &storage_pairs(area),
            Some(&before),
            " → ",
            empty,
        ));
    }
    out
}

/// What is shown for one frame, split into the code column and the state column.
struct Panels {
    title: String,
    note: Option<String>,
    code: Vec<String>,
    state: Vec<String>,
}

/// One line that keeps the browser and the server in view while the view runs: what the
/// browser sent and which session the server found for it.
fn context(styles: &Styles, req: &RequestTrace) -> Vec<String> {
    let sent = match &req.request.cookie_header {
        Some(h) => format!(
            "Browser {} sent Cookie: {h}",
            super::render::escape_controls(&req.browser)
        ),
        None => format!(
            "Browser {} sent no cookie",
            super::render::escape_controls(&req.browser)
        ),
    };
    let found = match req.loaded.kind.as_str() {
        "new" => "the server starts a new session",
        "stored" => "the server has a stored session for it",
        "signed" => "the data comes from the signed cookie",
        "unknown" => "the server has nothing under that key",
        "expired" => "the server's session for it has expired",
        "too_short" => "the key is too short to use: a new session",
        "bad_signature" => "the signed cookie does not verify: an empty session",
        _ => "",
    };
    vec![styles.dim.apply_to(format!("{sent} · {found}")).to_string()]
}

fn request_title(trace: &Trace, r: usize, what: &str) -> String {
    let req = &trace.requests[r];
    format!(
        "Request {} of {} · browser {} · {} {} · {what}",
        r + 1,
        trace.requests.len(),
        super::render::escape_controls(&req.browser),
        req.request.method,
        req.request.path
    )
}

fn session_header(styles: &Styles, step: &Step, prev: Option<&Step>) -> Vec<String> {
    let state = if step.loaded {
        "loaded"
    } else {
        "not loaded yet: this is what the store holds"
    };
    let mut out = vec![styles
        .strong
        .apply_to(format!("request.session ({state})"))
        .to_string()];
    let (pa, pm) = prev.map_or((step.accessed, step.modified), |p| (p.accessed, p.modified));
    out.push(format!(
        "    {}   {}",
        flag_line(styles, "accessed", step.accessed, pa),
        flag_line(styles, "modified", step.modified, pm)
    ));
    out
}

fn panels(trace: &Trace, frame: Frame, styles: &Styles, code_width: usize) -> Panels {
    let r = frame.request();
    let req = &trace.requests[r];
    match frame {
        Frame::Send(_) => {
            let mut state = Vec::new();
            for b in &req.before {
                state.push(format!("  {b}"));
            }
            state.push(
                styles
                    .strong
                    .apply_to(format!(
                        "Browser {}'s cookies",
                        super::render::escape_controls(&req.browser)
                    ))
                    .to_string(),
            );
            state.extend(jar_lines(styles, &req.jar_before, None));
            state.push(styles.strong.apply_to("The request").to_string());
            let mut line = format!("    {} {}", req.request.method, req.request.path);
            if !req.request.query.is_empty() {
                let q: Vec<String> = req
                    .request
                    .query
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                line.push_str(&format!("?{}", q.join("&")));
            }
            state.push(line);
            for (k, v) in &req.request.form {
                state.push(format!("    form: {k}={v}"));
            }
            state.push(match &req.request.cookie_header {
                Some(h) => format!("    Cookie: {h}"),
                None => "    (no Cookie header: the browser has no cookie for this site)".into(),
            });
            state.push(styles.strong.apply_to("The server").to_string());
            state.extend(wrap(
                &req.loaded.description,
                code_width.max(40),
                "    ",
                "    ",
            ));
            if !req.loaded.data.is_empty() {
                state.extend(pair_lines(styles, &req.loaded.data, None, ": ", ""));
            }
            Panels {
                title: request_title(trace, r, "the browser sends it"),
                note: req.note.as_deref().map(super::render::escape_controls),
                code: code_panel(styles, trace, req, None, code_width),
                state,
            }
        }
        Frame::Line(_, s) => {
            let step = &req.steps[s];
            let prev = s.checked_sub(1).map(|p| &req.steps[p]);
            let mut state = context(styles, req);
            state.push(styles.strong.apply_to("Locals").to_string());
            state.extend(pair_lines(
                styles,
                &step.locals,
                Some(prev.map_or(&[][..], |p| &p.locals[..])),
                " = ",
                "(none yet)",
            ));
            state.extend(session_header(styles, step, prev));
            let before_session = prev.map_or(&req.loaded.data[..], |p| &p.session[..]);
            state.extend(pair_lines(
                styles,
                &step.session,
                Some(before_session),
                ": ",
                "(empty)",
            ));
            if let Some(k) = &step.session_key {
                state.push(format!("    session_key: {k}"));
            } else {
                state.push("    session_key: None".into());
            }
            if !step.console.is_empty() {
                state.push(styles.strong.apply_to("Printed").to_string());
                for l in step.console.lines() {
                    state.push(format!("    {l}"));
                }
            }
            Panels {
                title: request_title(
                    trace,
                    r,
                    &format!(
                        "line {} is about to run (step {} of {})",
                        step.line,
                        s + 1,
                        req.steps.len()
                    ),
                ),
                note: req.note.as_deref().map(super::render::escape_controls),
                code: code_panel(styles, trace, req, Some((step.line, "▶")), code_width),
                state,
            }
        }
        Frame::ViewEnd(_) => {
            let last = req.steps.last();
            let mut state = context(styles, req);
            if req.skipped_steps > 0 {
                state.push(format!(
                    "(the trace kept the first {} steps; {} later lines ran but were dropped: it keeps at most {} steps and {} MB of values a request)",
                    req.steps.len(),
                    req.skipped_steps,
                    crate::sim::runner::MAX_TRACE_STEPS,
                    crate::sim::runner::MAX_TRACE_BYTES >> 20
                ));
            }
            let mark = match &req.outcome {
                ViewOutcome::Returned { repr, status, body } => {
                    state.push(styles.good.apply_to("The view returned").to_string());
                    match (status, body) {
                        (Some(st), Some(b)) => {
                            state.push(format!("    a response: status {st}"));
                            state.extend(wrap(
                                &format!("body: {b}"),
                                code_width.max(40),
                                "    ",
                                "    ",
                            ));
                        }
                        _ => state.push(format!("    {repr}")),
                    }
                    None
                }
                ViewOutcome::Raised {
                    kind,
                    message,
                    line,
                    ..
                } => {
                    let text = if message.is_empty() {
                        kind.clone()
                    } else {
                        format!("{kind}: {message}")
                    };
                    state.push(
                        styles
                            .bad
                            .apply_to(format!("✗ The view raised {text}"))
                            .to_string(),
                    );
                    state.push("    Nobody catches it: Django will answer 500.".into());
                    line.map(|l| (l, "✗"))
                }
                ViewOutcome::StepLimit { message, line, .. } => {
                    state.push(styles.bad.apply_to(format!("✗ {message}")).to_string());
                    Some((*line, "✗"))
                }
            };
            state.push(
                styles
                    .strong
                    .apply_to("request.session when the view finished")
                    .to_string(),
            );
            let end = &req.after_view;
            let before = last.map_or(&req.loaded.data[..], |l| &l.session[..]);
            state.extend(pair_lines(
                styles,
                &end.session,
                Some(before),
                ": ",
                "(empty)",
            ));
            let (pa, pm) = last.map_or((false, false), |l| (l.accessed, l.modified));
            state.push(format!(
                "    {}   {}",
                flag_line(styles, "accessed", end.accessed, pa),
                flag_line(styles, "modified", end.modified, pm)
            ));
            if !end.console.is_empty() {
                state.push(styles.strong.apply_to("Printed").to_string());
                for l in end.console.lines() {
                    state.push(format!("    {l}"));
                }
            }
            Panels {
                title: request_title(trace, r, "the view has finished"),
                note: req.note.as_deref().map(super::render::escape_controls),
                code: code_panel(styles, trace, req, mark, code_width),
                state,
            }
        }
        Frame::Middleware(_) => {
            let d = &req.middleware;
            let mut state = context(styles, req);
            state.push(
                styles
                    .strong
                    .apply_to("SessionMiddleware decides")
                    .to_string(),
            );
            state.extend(wrap(&d.reason, code_width.max(40), "    ", "    "));
            // The response's own Vary, as the simulated middleware left it: another part
            // (CsrfViewMiddleware setting its cookie, the view) may have added Cookie first.
            let varies = req.response.vary.as_deref().is_some_and(|v| {
                v.split(',')
                    .any(|item| item.trim().eq_ignore_ascii_case("cookie"))
            });
            state.push(format!(
                "    saved: {}   cookie: {}   Vary: Cookie: {}",
                flag(d.saved),
                match d.cookie {
                    CookieAction::None => "not sent",
                    CookieAction::Set => "set",
                    CookieAction::Deleted => "deleted",
                },
                match (varies, d.vary) {
                    (true, true) => "yes",
                    (true, false) => "yes (already on the response)",
                    (false, _) => "no",
                }
            ));
            if let Some(e) = &req.error {
                state.push(
                    styles
                        .bad
                        .apply_to(format!(
                            "✗ 500 because of {}: {} (raised in the {})",
                            e.kind, e.message, e.location
                        ))
                        .to_string(),
                );
            }
            Panels {
                title: request_title(trace, r, "the middleware runs"),
                note: req.note.as_deref().map(super::render::escape_controls),
                code: code_panel(styles, trace, req, None, code_width),
                state,
            }
        }
        Frame::Response(_) => {
            let resp = &req.response;
            let mut state = vec![styles
                .strong
                .apply_to(format!("Response: {}", resp.status))
                .to_string()];
            let body: String = resp.body.trim().chars().take(200).collect();
            if resp.status >= 500 {
                state.push("    body: Django's \"Server Error (500)\" page".into());
            } else if !body.is_empty() {
                state.extend(wrap(
                    &format!("body: {body}"),
                    code_width.max(40),
                    "    ",
                    "    ",
                ));
            }
            for (k, v) in &resp.headers {
                state.push(format!("    {k}: {v}"));
            }
            if resp.set_cookies.is_empty() {
                state.push("    (no Set-Cookie)".into());
            }
            for c in &resp.set_cookies {
                state.extend(super::render::set_cookie_lines(
                    c,
                    code_width.max(40),
                    "    ",
                    "      ",
                ));
            }
            state.push(format!(
                "    {}",
                resp.vary
                    .as_ref()
                    .map_or("(no Vary)".to_string(), |v| format!("Vary: {v}"))
            ));
            state.extend(storage_lines(styles, trace, r));
            state.push(
                styles
                    .strong
                    .apply_to(format!(
                        "Browser {}'s cookies afterwards",
                        super::render::escape_controls(&req.browser)
                    ))
                    .to_string(),
            );
            state.extend(jar_lines(styles, &req.jar_after, Some(&req.jar_before)));
            Panels {
                title: request_title(trace, r, "the response arrives"),
                note: req.note.as_deref().map(super::render::escape_controls),
                code: Vec::new(),
                state,
            }
        }
        Frame::Manage(_) => {
            let manage = req.manage.as_ref();
            let command = manage.map_or("", |m| m.command.as_str());
            let mut state: Vec<String> = req.before.iter().map(|b| format!("  {b}")).collect();
            state.push(
                styles
                    .strong
                    .apply_to(format!(
                        "$ python manage.py {}",
                        super::render::escape_controls(command)
                    ))
                    .to_string(),
            );
            let exchanges = manage.map_or(&[][..], |m| m.exchanges.as_slice());
            if command == "shell" {
                // As the prompt shows it: each statement after `>>>` (its other lines
                // after `...`), then what it printed or echoed.
                for (code, out) in exchanges {
                    for (i, l) in code.lines().enumerate() {
                        let prompt = if i == 0 { ">>> " } else { "... " };
                        state.push(format!(
                            "  {}{}",
                            styles.dim.apply_to(prompt),
                            super::render::escape_controls(l)
                        ));
                    }
                    for l in out.trim_end_matches('\n').lines() {
                        state.push(format!("  {}", super::render::escape_controls(l)));
                    }
                }
            }
            match manage.map(|m| m.output.trim_end()) {
                _ if command == "shell" => {}
                Some(out) if !out.is_empty() => {
                    for l in out.lines() {
                        state.push(format!("    {}", super::render::escape_controls(l)));
                    }
                }
                _ => state.push(format!(
                    "    {}",
                    styles.dim.apply_to("(it prints nothing)")
                )),
            }
            if let Some(m) = manage {
                state.extend(wrap(
                    &super::render::escape_controls(&m.description),
                    code_width.max(40),
                    "    ",
                    "    ",
                ));
            }
            state.extend(storage_lines(styles, trace, r));
            Panels {
                title: if command == "shell" {
                    format!(
                        "Request {} of {} · no browser · code typed into manage.py shell",
                        r + 1,
                        trace.requests.len()
                    )
                } else {
                    format!(
                        "Request {} of {} · no browser · manage.py {} runs on the server",
                        r + 1,
                        trace.requests.len(),
                        super::render::escape_controls(command)
                    )
                },
                note: req.note.as_deref().map(super::render::escape_controls),
                code: Vec::new(),
                state,
            }
        }
    }
}

/// Lays a frame out for `width` columns: side by side when wide enough, else stacked.
/// The request's note is shown on its first frame, or on every frame with `note_everywhere`.
pub fn frame_lines(
    trace: &Trace,
    frame: Frame,
    styles: &Styles,
    color: bool,
    width: usize,
    note_everywhere: bool,
) -> Vec<String> {
    // The code column takes what the view's longest line needs; the state column needs at
    // least 44 columns to stay readable. Otherwise the two are stacked.
    let req = &trace.requests[frame.request()];
    let longest = function_lines(&trace.views, &req.view)
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(0);
    let wanted = longest + 8;
    let side_by_side = width >= wanted + 2 + 44;
    let code_width = if side_by_side { wanted } else { width };
    let p = panels(trace, frame, styles, code_width);
    let mut out = fit(&styles.heading.apply_to(&p.title).to_string(), width);
    if let Some(note) = &p.note {
        if note_everywhere || matches!(frame, Frame::Send(_) | Frame::Manage(_)) {
            let text = styles.dim.apply_to(inline(note, styles, color)).to_string();
            out.extend(wrap(&text, width.min(100), "  ", "  "));
        }
    }
    out.push(String::new());
    let right_w = if side_by_side && !p.code.is_empty() {
        width.saturating_sub(code_width + 2)
    } else {
        width
    };
    let state: Vec<String> = p.state.iter().flat_map(|l| fit(l, right_w)).collect();
    if side_by_side && !p.code.is_empty() {
        let left_w = code_width;
        let rows = p.code.len().max(state.len());
        for i in 0..rows {
            let left = p.code.get(i).map(String::as_str).unwrap_or("");
            let right = state.get(i).map(String::as_str).unwrap_or("");
            let pad = left_w.saturating_sub(console::measure_text_width(left));
            out.push(
                format!("{left}{}│ {right}", " ".repeat(pad))
                    .trim_end()
                    .to_owned(),
            );
        }
    } else {
        out.extend(p.code);
        if !out.last().is_some_and(|l| l.is_empty()) {
            out.push(String::new());
        }
        out.extend(state);
    }
    out
}

/// A line cut to `width` columns, continued on indented lines (the terminal never wraps).
fn fit(line: &str, width: usize) -> Vec<String> {
    if console::measure_text_width(line) <= width {
        return vec![line.to_owned()];
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let more = format!("{indent}    ");
    wrap(line.trim_start(), width, &indent, &more)
}

/// Memory addresses in reprs (`<… object at 0x55c9…>`) change from run to run. For the
/// display each distinct address becomes a made-up one, numbered in the order the trace
/// first shows it, so an object keeps one address on every frame and in every run, and two
/// names for the same object show the same address.
pub fn with_stable_addresses(trace: &Trace) -> Trace {
    let mut t = trace.clone();
    let mut addresses = crate::sim::transcript::StableAddresses::default();
    let mut fix = |s: &mut String| addresses.fix(s);
    for req in &mut t.requests {
        for (_, v) in &mut req.loaded.data {
            fix(v);
        }
        for step in &mut req.steps {
            for (_, v) in step.locals.iter_mut().chain(step.session.iter_mut()) {
                fix(v);
            }
            fix(&mut step.console);
        }
        match &mut req.outcome {
            ViewOutcome::Returned { repr, body, .. } => {
                fix(repr);
                if let Some(b) = body {
                    fix(b);
                }
            }
            ViewOutcome::Raised { message, .. } | ViewOutcome::StepLimit { message, .. } => {
                fix(message)
            }
        }
        for (_, v) in &mut req.after_view.session {
            fix(v);
        }
        fix(&mut req.after_view.console);
        if let Some(e) = &mut req.error {
            fix(&mut e.message);
        }
        fix(&mut req.response.body);
    }
    t
}

/// The whole trace as text, one block per frame (plain mode).
pub fn plain(ui: &mut Ui, trace: &Trace) -> io::Result<()> {
    let trace = &with_stable_addresses(trace);
    let width = ui.width();
    ui.line(
        ui.styles
            .heading
            .apply_to(super::render::escape_controls(&trace.title))
            .to_string(),
    )?;
    for l in wrap(&inline(&trace.summary, &ui.styles, ui.color), width, "", "") {
        ui.line(l)?;
    }
    ui.line(format!("Engine: {}", trace.engine))?;
    for (i, frame) in frames(trace).into_iter().enumerate() {
        if matches!(frame, Frame::Send(_) | Frame::Manage(_)) || i == 0 {
            ui.line("")?;
            ui.line("═".repeat(width.min(60)))?;
        } else {
            ui.line("")?;
            ui.line("─".repeat(width.min(60)))?;
        }
        for l in frame_lines(trace, frame, &ui.styles, ui.color, width, false) {
            ui.line(l)?;
        }
    }
    ui.flush()
}

/// Walks the trace with keys. Returns true when the learner reached the last frame.
/// `back` says where q leads ("back to the list", "leave").
pub fn interactive(ui: &mut Ui, trace: &Trace, back: &str) -> io::Result<bool> {
    interactive_with(ui, trace, back, 0, &mut |_, _, _| Ok(true))
}

/// [`interactive`], starting at the first step of request `request` (0-based).
pub fn interactive_at(ui: &Ui, trace: &Trace, back: &str, request: usize) -> io::Result<bool> {
    interactive_with(ui, trace, back, request, &mut |_, _, _| Ok(true))
}

/// A stop the stepper makes before it shows a frame: called with the frame's index in
/// [`frames`], the frame and the loop's context (to put a screen on top) each time the learner
/// moves forward onto a frame, once for every frame a jump passes. Returns false to leave.
pub type Before<'a> = dyn FnMut(usize, Frame, &mut Ctx) -> io::Result<bool> + 'a;

/// [`interactive`], starting at the first step of request `request` (0-based), with `before`
/// asked before each frame is shown (predict checkpoints).
pub fn interactive_with(
    ui: &Ui,
    trace: &Trace,
    back: &str,
    request: usize,
    before: &mut Before,
) -> io::Result<bool> {
    let trace = &with_stable_addresses(trace);
    let all = frames(trace);
    let at = all.iter().position(|f| f.request() == request).unwrap_or(0);
    let mut stepper = Stepper {
        ui,
        trace,
        all,
        at,
        reached_end: false,
        message: None,
        back: back.to_owned(),
        before,
    };
    let mut tty = ui.tty();
    screen::run(&mut tty, &mut stepper)?;
    Ok(stepper.reached_end)
}

struct Stepper<'a, 'b> {
    ui: &'a Ui,
    trace: &'a Trace,
    all: Vec<Frame>,
    at: usize,
    reached_end: bool,
    message: Option<String>,
    back: String,
    before: &'a mut Before<'b>,
}

impl Stepper<'_, '_> {
    fn last(&self) -> bool {
        self.at + 1 == self.all.len()
    }
    fn go(&mut self, at: usize, ctx: &mut Ctx) {
        self.at = at;
        ctx.to_top = true;
    }
    /// Moves forward to `target`, stopping where `before` asks; false when it says leave.
    fn forward(&mut self, target: usize, ctx: &mut Ctx) -> io::Result<bool> {
        while self.at < target {
            let next = self.at + 1;
            if !(self.before)(next, self.all[next], ctx)? {
                return Ok(false);
            }
            self.go(next, ctx);
        }
        Ok(true)
    }
}

impl Screen for Stepper<'_, '_> {
    type Output = ();
    fn header(&self) -> String {
        format!(
            "{} · step {} of {}",
            super::render::escape_controls(&self.trace.title),
            self.at + 1,
            self.all.len()
        )
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let s = &self.ui.styles;
        let mut out = Vec::new();
        if self.last() {
            // First, so it is what the last step shows even when the step is taller than the
            // window (Enter leaves from here).
            out.push(
                s.strong
                    .apply_to("That was the last step. What this scenario showed:")
                    .to_string(),
            );
            out.extend(wrap(
                &inline(&self.trace.summary, s, self.ui.color),
                super::render::text_width(width),
                "  ",
                "  ",
            ));
            out.push(String::new());
        }
        out.extend(frame_lines(
            self.trace,
            self.all[self.at],
            s,
            self.ui.color,
            width,
            true,
        ));
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        let mut out = Vec::new();
        if self.last() {
            out.push(hint("Enter/q", &self.back));
        } else {
            out.push(hint("Enter/→", "next step"));
        }
        if self.at > 0 {
            out.push(hint("←", "back a step"));
        }
        let current = self.all[self.at].request();
        if current + 1 < self.trace.requests.len() {
            out.push(hint("r", "next request"));
        }
        if self.all.iter().rposition(|f| f.request() == current) != Some(self.at) {
            out.push(hint("s", "end of this request"));
        }
        if !self.last() {
            out.push(hint("q", &self.back).kept());
        }
        out
    }
    fn message(&mut self) -> Option<String> {
        self.message.take()
    }
    fn drawn(&mut self, _at_bottom: bool) {
        if self.last() {
            self.reached_end = true;
        }
    }
    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<()>> {
        let current = self.all[self.at].request();
        Ok(match key {
            Key::Enter | Key::Char('n' | ' ') | Key::ArrowRight => {
                if self.at + 1 < self.all.len() {
                    if !self.forward(self.at + 1, ctx)? {
                        return Ok(Outcome::Done(()));
                    }
                    Outcome::Stay
                } else if matches!(key, Key::Enter) {
                    Outcome::Done(())
                } else {
                    self.message = Some("This is the last step.".into());
                    Outcome::Stay
                }
            }
            Key::Char('b' | 'p') | Key::ArrowLeft => {
                if self.at > 0 {
                    self.go(self.at - 1, ctx);
                } else {
                    self.message = Some("This is the first step.".into());
                }
                Outcome::Stay
            }
            Key::Char('r') => {
                match self.all.iter().position(|f| f.request() > current) {
                    Some(i) => {
                        if !self.forward(i, ctx)? {
                            return Ok(Outcome::Done(()));
                        }
                    }
                    None => self.message = Some("This is the last request.".into()),
                }
                Outcome::Stay
            }
            Key::Char('s') => {
                let end = self
                    .all
                    .iter()
                    .rposition(|f| f.request() == current)
                    .unwrap_or(self.at);
                if !self.forward(end, ctx)? {
                    return Ok(Outcome::Done(()));
                }
                Outcome::Stay
            }
            Key::Char('g') => {
                self.go(0, ctx);
                Outcome::Stay
            }
            Key::Char('G') => {
                if !self.forward(self.all.len() - 1, ctx)? {
                    return Ok(Outcome::Done(()));
                }
                Outcome::Stay
            }
            Key::Char('q') => Outcome::Done(()),
            _ => Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<()> {
        Some(())
    }
}

/// One request in a few lines: the view with the failing line marked, what the browser got
/// back, the cookie and the store. Used where a whole stepper would be too much (after a
/// quiz question).
pub fn request_summary(trace: &Trace, r: usize, styles: &Styles, width: usize) -> Vec<String> {
    let req = &trace.requests[r];
    if let Some(m) = &req.manage {
        let mut out = vec![format!(
            "Step {} · manage.py {}",
            r + 1,
            super::render::escape_controls(&m.command)
        )];
        out.extend(wrap(
            &super::render::escape_controls(&m.description),
            width,
            "  ",
            "  ",
        ));
        return out;
    }
    let mark = match &req.outcome {
        ViewOutcome::Raised { line, .. } => line.map(|l| (l, "✗")),
        ViewOutcome::StepLimit { line, .. } => Some((*line, "✗")),
        ViewOutcome::Returned { .. } => None,
    };
    let mut out = Vec::new();
    let mut query = String::new();
    if !req.request.query.is_empty() {
        let q: Vec<String> = req
            .request
            .query
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        query = format!("?{}", q.join("&"));
    }
    out.push(format!(
        "Request {} · browser {} · {} {}{query} · {}",
        r + 1,
        super::render::escape_controls(&req.browser),
        req.request.method,
        req.request.path,
        match &req.request.cookie_header {
            Some(_) => "with its session cookie",
            None => "no cookie",
        }
    ));
    out.extend(
        code_panel(styles, trace, req, mark, width)
            .into_iter()
            .skip(1),
    );
    let status = req.response.status;
    let verdict = match &req.error {
        Some(e) => styles
            .bad
            .apply_to(format!(
                "✗ {status}: {}: {}{}",
                e.kind,
                e.message,
                e.line.map_or(String::new(), |l| format!(" (line {l})"))
            ))
            .to_string(),
        None => {
            let body: String = req.response.body.chars().take(120).collect();
            styles
                .good
                .apply_to(format!("✓ {status}: {body}"))
                .to_string()
        }
    };
    out.extend(wrap(&verdict, width, "", "  "));
    out.push(match req.middleware.cookie {
        CookieAction::Set => "  Set-Cookie: the session cookie is sent".to_string(),
        CookieAction::Deleted => "  Set-Cookie: the session cookie is deleted".to_string(),
        CookieAction::None => "  no Set-Cookie".to_string(),
    });
    out.extend(wrap(
        &format!("Why: {}", req.middleware.reason),
        width,
        "  ",
        "    ",
    ));
    if let Some(note) = &req.note {
        out.extend(wrap(
            &styles
                .dim
                .apply_to(super::render::escape_controls(note))
                .to_string(),
            width,
            "  ",
            "  ",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::function_at;

    const VIEWS: &str = "from functools import wraps

def counted(view):
    @wraps(view)
    def wrapper(request):
        # a comment
        return view(request)
    return wrapper

class Cart:
    def __init__(self, session):
        self.session = session

    async def add(self, item):
        if item:
            def check(x):
                return x
            return check(item)

@counted
def index(request):
    return None
";

    fn at(line: usize) -> Option<(String, usize, usize)> {
        function_at(VIEWS, line)
            .map(|(name, lines)| (name, lines[0].0, lines.last().expect("a line").0))
    }

    #[test]
    fn the_function_shown_for_a_line_is_the_innermost_with_its_qualified_name() {
        assert_eq!(at(7), Some(("counted.<locals>.wrapper".into(), 5, 7)));
        assert_eq!(at(8), Some(("counted".into(), 3, 8)));
        assert_eq!(at(12), Some(("Cart.__init__".into(), 11, 12)));
        assert_eq!(at(15), Some(("Cart.add".into(), 14, 18)));
        assert_eq!(at(17), Some(("Cart.add.<locals>.check".into(), 16, 17)));
        assert_eq!(at(22), Some(("index".into(), 21, 22)));
        assert_eq!(at(1), None);
        assert_eq!(at(10), None);
    }
}
