//! Predict, then see: checkpoints in a scenario's run where the learner predicts an outcome
//! (the body, the session cookie, what `request.session` holds, what the store holds, whether
//! a line raises) before the stepper shows it.
//!
//! The wrong choices are never made up. The scenario is run again, changed the way a common
//! misconception imagines Django to work (in-place changes noticed, `SESSION_SAVE_EVERY_REQUEST`
//! flipped, the other kind of engine, `get()` without its default, …), and what those runs
//! really produce at the same checkpoint are the other choices, deduplicated against what
//! happens. A checkpoint no misconception changes is not asked.
//!
//! Checkpoints come from the scenario's `[[request.predict]]` tables when it has any, and are
//! chosen automatically otherwise. Pure: nothing here prints.

use crate::django::middleware::CookieAction;
use crate::django::settings::Engine;
use crate::sim::scenario::PredictSpec;
use crate::sim::trace::{RequestTrace, Trace, ViewOutcome};
use crate::sim::{self, Scenario, ScenarioError};
use serde::Serialize;

/// What a checkpoint asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ask {
    /// What the browser gets back (status and body).
    Body,
    /// Whether the response sets, keeps or deletes the session cookie.
    Cookie,
    /// What `request.session` holds when the view has finished.
    Session,
    /// What the server's session store holds after the response.
    Store,
    /// Whether a line of the view raises, and what.
    Raises,
}

impl Ask {
    pub fn parse(text: &str) -> Option<Ask> {
        Some(match text {
            "body" => Ask::Body,
            "cookie" => Ask::Cookie,
            "session" => Ask::Session,
            "store" => Ask::Store,
            "raises" => Ask::Raises,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Ask::Body => "body",
            Ask::Cookie => "cookie",
            Ask::Session => "session",
            Ask::Store => "store",
            Ask::Raises => "raises",
        }
    }
}

/// A misconception, as a change to the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Misconception {
    /// A stable name: `in-place-noticed`, `save-every-request`, `other-engine`,
    /// `get-without-default`, `subscript-like-get`, `flush-is-clear`, `modified-flag-useless`,
    /// `saved-despite-error`.
    pub id: &'static str,
    /// What the learner would believe, as the end of "That is what would happen if …".
    pub belief: String,
}

/// One answer offered at a checkpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    /// For a wrong choice: the misconceptions whose run gives it.
    pub beliefs: Vec<String>,
}

/// A place where the stepper stops and asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    /// Stable within the scenario: `<request number>-<ask>` (`2-cookie`), with the line for
    /// `raises` (`3-raises-12`).
    pub id: String,
    /// The request, as an index into the trace's requests.
    pub request: usize,
    pub ask: Ask,
    /// For `raises`: the line of the view asked about and the step (index into the request's
    /// steps) showing it about to run.
    pub line: Option<u32>,
    pub step: Option<usize>,
    pub question: String,
    /// In the order to show them; exactly one is correct.
    pub choices: Vec<Choice>,
    /// What really happened and why, in one or two sentences.
    pub why: String,
    /// Written in the scenario (`[[request.predict]]`) rather than chosen automatically.
    pub authored: bool,
}

impl Checkpoint {
    /// The index of the correct choice.
    pub fn correct(&self) -> usize {
        self.choices.iter().position(|c| c.correct).unwrap_or(0)
    }
    /// The true outcome, in words.
    pub fn answer(&self) -> &str {
        &self.choices[self.correct()].text
    }
}

/// A written checkpoint that cannot be asked: no misconception changes its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unaskable {
    pub request: usize,
    pub spec: PredictSpec,
    pub why: String,
}

/// The scenario's real run and its checkpoints, in the order the stepper meets them.
#[derive(Clone, Debug)]
pub struct Plan {
    pub trace: Trace,
    pub checkpoints: Vec<Checkpoint>,
    /// The misconceptions whose runs were compared.
    pub misconceptions: Vec<Misconception>,
    pub unaskable: Vec<Unaskable>,
}

/// The activity's kind name in the progress file (`activities.predict.<scenario>`).
pub const KIND: &str = "predict";

/// At most this many checkpoints per request are chosen automatically.
pub const AUTO_PER_REQUEST: usize = 2;

/// Runs the scenario and every misconception's version of it, and makes the checkpoints.
/// `seed` makes session keys reproducible; `order` shuffles the choices reproducibly.
pub fn plan(scenario: &Scenario, seed: Option<u64>, order: u64) -> Result<Plan, ScenarioError> {
    let seed = Some(seed.unwrap_or(1));
    let truth = sim::run(scenario, seed)?.trace;
    let mut runs = Vec::new();
    let mut misconceptions = Vec::new();
    for (m, changed) in variants(scenario) {
        // A version that does not run (or runs a different number of requests) says
        // nothing about this scenario's checkpoints.
        if let Ok(r) = sim::run(&changed, seed) {
            if r.trace.requests.len() == truth.requests.len() {
                misconceptions.push(m.clone());
                runs.push((m, r.trace));
            }
        }
    }
    let mut rng = fastrand::Rng::with_seed(order);
    let mut checkpoints = Vec::new();
    let mut unaskable = Vec::new();
    let authored = scenario.requests.iter().any(|r| !r.predict.is_empty());
    for (r, req) in truth.requests.iter().enumerate() {
        if req.manage.is_some() {
            continue;
        }
        if authored {
            for spec in &scenario.requests[r].predict {
                let Some(ask) = Ask::parse(&spec.ask) else {
                    continue;
                };
                let line = match ask {
                    Ask::Raises => raise_lines(&truth, &runs, r).into_iter().next(),
                    _ => None,
                };
                match checkpoint(&truth, &runs, r, ask, line, Some(spec), &mut rng) {
                    Some(c) => checkpoints.push(c),
                    None => unaskable.push(Unaskable {
                        request: r,
                        spec: spec.clone(),
                        why: format!(
                            "none of the misconceptions the simulator tries ({}) changes what request {} gives for `{}`, so there would be only one choice",
                            misconceptions
                                .iter()
                                .map(|m| m.id)
                                .collect::<Vec<_>>()
                                .join(", "),
                            r + 1,
                            ask.name()
                        ),
                    }),
                }
            }
            continue;
        }
        let mut here = Vec::new();
        for line in raise_lines(&truth, &runs, r) {
            here.extend(checkpoint(
                &truth,
                &runs,
                r,
                Ask::Raises,
                Some(line),
                None,
                &mut rng,
            ));
        }
        here.truncate(1);
        for ask in [Ask::Body, Ask::Cookie, Ask::Session, Ask::Store] {
            if here.len() >= AUTO_PER_REQUEST {
                break;
            }
            here.extend(checkpoint(&truth, &runs, r, ask, None, None, &mut rng));
        }
        checkpoints.extend(here);
    }
    Ok(Plan {
        trace: truth,
        checkpoints,
        misconceptions,
        unaskable,
    })
}

/// `learn check` for written checkpoints: every `[[request.predict]]` of a bundled scenario
/// must be askable (some misconception changes its outcome), reported at its `ask`.
pub fn check_topic(topic: &crate::content::Topic) -> Vec<crate::content::Problem> {
    let mut problems = Vec::new();
    for source in &topic.scenarios {
        problems.extend(check_scenario(&source.file().path, &source.file().text));
    }
    problems
}

/// The problems of one scenario file's written checkpoints (none when it has none, or when
/// it does not load: loading problems are reported by the scenario check).
pub fn check_scenario(path: &str, text: &str) -> Vec<crate::content::Problem> {
    let Ok(scenario) = sim::load_scenario(path, text) else {
        return Vec::new();
    };
    if scenario.requests.iter().all(|r| r.predict.is_empty()) {
        return Vec::new();
    }
    let Ok(plan) = plan(&scenario, Some(1), 1) else {
        return Vec::new();
    };
    plan.unaskable
        .iter()
        .map(|u| {
            crate::content::Problem::at(
                path,
                crate::content::line_col(text, u.spec.span.start),
                format!("[[request.predict]] cannot be asked: {}", u.why),
            )
        })
        .collect()
}

/// How a run of checkpoints went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    pub asked: usize,
    pub right: usize,
}

impl Score {
    pub fn add(&mut self, right: bool) {
        self.asked += 1;
        self.right += usize::from(right);
    }
}

/// The lines to ask "will this line raise?" about in request `r`: the line that raised, or
/// a line that raises in a misconception's run and runs without error in the real one.
fn raise_lines(truth: &Trace, runs: &[(Misconception, Trace)], r: usize) -> Vec<u32> {
    let req = &truth.requests[r];
    if let ViewOutcome::Raised { line: Some(l), .. } = &req.outcome {
        if req.steps.iter().any(|s| s.line == *l) {
            return vec![*l];
        }
    }
    let mut out = Vec::new();
    for (_, t) in runs {
        if let ViewOutcome::Raised { line: Some(l), .. } = &t.requests[r].outcome {
            if req.steps.iter().any(|s| s.line == *l) && !out.contains(l) {
                out.push(*l);
            }
        }
    }
    out
}

fn checkpoint(
    truth: &Trace,
    runs: &[(Misconception, Trace)],
    r: usize,
    ask: Ask,
    line: Option<u32>,
    spec: Option<&PredictSpec>,
    rng: &mut fastrand::Rng,
) -> Option<Checkpoint> {
    let req = &truth.requests[r];
    if ask == Ask::Raises && line.is_none() {
        return None;
    }
    let right = outcome(req, ask, line);
    let mut choices = vec![Choice {
        text: right.clone(),
        correct: true,
        beliefs: Vec::new(),
    }];
    for (m, t) in runs {
        let text = outcome(&t.requests[r], ask, line);
        if text == right {
            continue;
        }
        match choices.iter_mut().find(|c| c.text == text) {
            Some(c) => c.beliefs.push(m.belief.clone()),
            None => choices.push(Choice {
                text,
                correct: false,
                beliefs: vec![m.belief.clone()],
            }),
        }
    }
    if ask == Ask::Raises && choices.len() == 1 {
        // A yes-or-no question: the other answer is the learner's own guess.
        let other = if right.starts_with("No") {
            None
        } else {
            Some(no_raise(line.unwrap_or(0)))
        };
        if let Some(text) = other {
            choices.push(Choice {
                text,
                correct: false,
                beliefs: vec!["the line ran without an error".into()],
            });
        }
    }
    if choices.len() < 2 {
        return None;
    }
    rng.shuffle(&mut choices);
    let step = line.and_then(|l| {
        let steps = &req.steps;
        if req_raised_at(req, l) {
            steps.iter().rposition(|s| s.line == l)
        } else {
            steps.iter().position(|s| s.line == l)
        }
    });
    let question = spec
        .and_then(|s| s.question.clone())
        .unwrap_or_else(|| default_question(req, ask, line));
    let why = spec
        .and_then(|s| s.why.clone())
        .unwrap_or_else(|| default_why(req, ask));
    Some(Checkpoint {
        id: match line {
            Some(l) => format!("{}-{}-{l}", r + 1, ask.name()),
            None => format!("{}-{}", r + 1, ask.name()),
        },
        request: r,
        ask,
        line,
        step,
        question,
        choices,
        why,
        authored: spec.is_some(),
    })
}

fn req_raised_at(req: &RequestTrace, line: u32) -> bool {
    matches!(&req.outcome, ViewOutcome::Raised { line: Some(l), .. } if *l == line)
}

fn no_raise(line: u32) -> String {
    format!("No: line {line} runs without an error")
}

fn default_question(req: &RequestTrace, ask: Ask, line: Option<u32>) -> String {
    let view = if req.view.is_empty() {
        format!("the view for {}", req.request.path)
    } else {
        format!("`{}`", req.view)
    };
    match ask {
        Ask::Body => format!(
            "Request {}: what will the browser get back from {view}?",
            req.number
        ),
        Ask::Cookie => format!(
            "Request {}: what will the response do with the session cookie?",
            req.number
        ),
        Ask::Session => format!(
            "Request {}: what will `request.session` hold when {view} has finished?",
            req.number
        ),
        Ask::Store => format!(
            "Request {}: what will the server's session store hold after the response?",
            req.number
        ),
        Ask::Raises => format!(
            "Request {}: line {} is about to run. Will it raise, and what?",
            req.number,
            line.unwrap_or(0)
        ),
    }
}

fn default_why(req: &RequestTrace, ask: Ask) -> String {
    let reason = &req.middleware.reason;
    match (ask, &req.note) {
        (Ask::Cookie | Ask::Store | Ask::Session, None) => reason.clone(),
        (Ask::Raises, None) | (Ask::Body, None) => match &req.error {
            Some(e) => format!("{}: {}. {reason}", e.kind, e.message),
            None => reason.clone(),
        },
        (_, Some(note)) => note.clone(),
    }
}

/// What a request gave for `ask`, in words: equal texts are the same outcome.
pub fn outcome(req: &RequestTrace, ask: Ask, line: Option<u32>) -> String {
    match ask {
        Ask::Body => body(req),
        Ask::Cookie => match req.middleware.cookie {
            CookieAction::Set => {
                "It sets the session cookie (a Set-Cookie header for the session)".into()
            }
            CookieAction::Deleted => {
                "It deletes the session cookie (a Set-Cookie that expires it)".into()
            }
            CookieAction::None => {
                "No Set-Cookie for the session: the browser keeps what it had".into()
            }
        },
        Ask::Session => dict(&req.after_view.session),
        Ask::Store => {
            let mut rows: Vec<String> = req.store_after.iter().map(|r| dict(&r.data)).collect();
            rows.sort();
            match rows.len() {
                0 => "Nothing: no session is stored on the server".into(),
                1 => format!("One session: {}", rows[0]),
                n => format!("{n} sessions: {}", rows.join(" and ")),
            }
        }
        Ask::Raises => {
            let l = line.unwrap_or(0);
            match &req.outcome {
                ViewOutcome::Raised {
                    kind,
                    message,
                    line: Some(at),
                    ..
                } if *at == l => {
                    if message.is_empty() {
                        format!("Yes: {kind}")
                    } else {
                        format!("Yes: {kind}: {message}")
                    }
                }
                _ => no_raise(l),
            }
        }
    }
}

fn body(req: &RequestTrace) -> String {
    let status = req.response.status;
    if let Some(e) = &req.error {
        return format!("A {status} error page ({}: {})", e.kind, e.message);
    }
    if (300..400).contains(&status) {
        let to = req
            .response
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("location"))
            .map(|(_, v)| v.as_str())
            .unwrap_or("?");
        return format!("A {status} redirect to {to}");
    }
    let text: String = req.response.body.chars().take(160).collect();
    let text = if text.is_empty() {
        "(an empty body)".to_string()
    } else {
        text
    };
    if status == 200 {
        text
    } else {
        format!("{status}: {text}")
    }
}

fn dict(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return "{} (nothing)".into();
    }
    let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", inner.join(", "))
}

// ---------------------------------------------------------------------------------------
// The misconceptions, as changed scenarios.

/// Every misconception that changes this scenario, with the changed scenario.
pub fn variants(scenario: &Scenario) -> Vec<(Misconception, Scenario)> {
    let mut out = Vec::new();
    let with_views = |views: String| Scenario {
        views,
        ..scenario.clone()
    };
    let views = &scenario.views;
    let names = view_names(scenario);
    let wrappable = !views.contains("async def") && !names.is_empty();
    if wrappable {
        out.push((
            Misconception {
                id: "in-place-noticed",
                belief: "Django noticed changes made in place, such as `append()` on a list kept in the session".into(),
            },
            with_views(wrap_views(views, &names, NOTICE_CHANGES)),
        ));
    }
    let mut every = scenario.clone();
    every.settings.save_every_request = !scenario.settings.save_every_request;
    out.push((
        Misconception {
            id: "save-every-request",
            belief: if scenario.settings.save_every_request {
                "the session were saved only when it changes (`SESSION_SAVE_EVERY_REQUEST = False`)".into()
            } else {
                "the session were saved, and its cookie sent, on every request (`SESSION_SAVE_EVERY_REQUEST = True`)".into()
            },
        },
        every,
    ));
    let mut other = scenario.clone();
    let belief = if scenario.settings.engine == Engine::SignedCookies {
        other.settings.engine = Engine::Db;
        "the session data were kept on the server, with only its key in the cookie (the `db` engine)"
    } else {
        other.settings.engine = Engine::SignedCookies;
        "the session data travelled in the cookie itself (the `signed_cookies` engine)"
    };
    out.push((
        Misconception {
            id: "other-engine",
            belief: belief.into(),
        },
        other,
    ));
    let changed = drop_get_defaults(views);
    if changed != *views {
        out.push((
            Misconception {
                id: "get-without-default",
                belief: "`request.session.get()` were called without its default (it gives `None` for a missing key)".into(),
            },
            with_views(changed),
        ));
    }
    let changed = subscript_as_get(views);
    if changed != *views {
        out.push((
            Misconception {
                id: "subscript-like-get",
                belief: "`request.session[key]` gave `None` for a missing key, as `get()` does, instead of raising `KeyError`".into(),
            },
            with_views(changed),
        ));
    }
    let changed = swap_flush_clear(views);
    if changed != *views {
        out.push((
            Misconception {
                id: "flush-is-clear",
                belief: "`flush()` and `clear()` did the same thing".into(),
            },
            with_views(changed),
        ));
    }
    let changed = drop_modified_flag(views);
    if changed != *views {
        out.push((
            Misconception {
                id: "modified-flag-useless",
                belief: "setting `request.session.modified = True` made no difference".into(),
            },
            with_views(changed),
        ));
    }
    if wrappable {
        out.push((
            Misconception {
                id: "saved-despite-error",
                belief: "the session were saved even when the view raises".into(),
            },
            with_views(wrap_views(views, &names, SAVE_ON_ERROR)),
        ));
    }
    out
}

/// The view functions the scenario's requests and routes name.
fn view_names(scenario: &Scenario) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let all = scenario
        .requests
        .iter()
        .filter(|r| r.manage.is_none())
        .map(|r| r.view.clone())
        .chain(scenario.routes.iter().map(|r| r.view.clone()));
    for n in all {
        if !n.is_empty() && !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

/// A decorator in the views' own Python that marks the session modified whenever its data
/// changed during the view, however it was changed.
const NOTICE_CHANGES: &str = "
def _predict_notice_changes(view):
    def wrapper(request, *args, **kwargs):
        before = repr(sorted(request.session.items()))
        response = view(request, *args, **kwargs)
        if repr(sorted(request.session.items())) != before:
            request.session.modified = True
        return response
    return wrapper
";

/// A decorator that saves the session when the view raises (Django does not).
const SAVE_ON_ERROR: &str = "
def _predict_save_on_error(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Exception:
            request.session.save()
            raise
    return wrapper
";

/// The views with `decorator` (one of the consts above) defined at the end and applied to
/// every view named. Line numbers of the original code do not move.
fn wrap_views(views: &str, names: &[String], decorator: &str) -> String {
    let name = decorator
        .trim_start()
        .strip_prefix("def ")
        .and_then(|d| d.split('(').next())
        .unwrap_or("");
    let mut out = views.trim_end().to_string();
    out.push('\n');
    out.push_str(decorator);
    for v in names {
        out.push_str(&format!("{v} = {name}({v})\n"));
    }
    out
}

/// The index just past the bracket that closes the one opening at `open`, skipping strings.
fn closing(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'\n' if depth == 0 => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The position of the first top-level comma in `args` (the text between brackets).
fn top_level_comma(args: &str) -> Option<usize> {
    let bytes = args.as_bytes();
    let mut depth = 0i32;
    let mut quote = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'\'' | b'"' => quote = Some(b),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => return Some(i),
                _ => {}
            },
        }
        i += 1;
    }
    None
}

const SESSION: &str = "request.session";

/// `request.session.get(key, default)` → `request.session.get(key)`.
pub fn drop_get_defaults(views: &str) -> String {
    let pattern = format!("{SESSION}.get(");
    let mut out = String::new();
    let mut rest = views;
    while let Some(at) = rest.find(&pattern) {
        let open = at + pattern.len() - 1;
        out.push_str(&rest[..open]);
        match closing(rest, open) {
            Some(end) => {
                let args = &rest[open + 1..end - 1];
                match top_level_comma(args) {
                    Some(comma) => {
                        out.push('(');
                        out.push_str(args[..comma].trim_end());
                        out.push(')');
                    }
                    None => out.push_str(&rest[open..end]),
                }
                rest = &rest[end..];
            }
            None => {
                out.push_str(&rest[open..open + 1]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads `request.session[key]` → `request.session.get(key)`; assignments, `del` and
/// augmented assignments are left alone.
pub fn subscript_as_get(views: &str) -> String {
    let pattern = format!("{SESSION}[");
    let mut out = String::new();
    let mut rest = views;
    while let Some(at) = rest.find(&pattern) {
        let open = at + pattern.len() - 1;
        let Some(end) = closing(rest, open) else {
            out.push_str(&rest[..open + 1]);
            rest = &rest[open + 1..];
            continue;
        };
        let before = &rest[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let deleted = before[line_start..].trim_start().starts_with("del ");
        let after = rest[end..].trim_start_matches([' ', '\t']);
        let assigned = (after.starts_with('=') && !after.starts_with("=="))
            || [
                "+=", "-=", "*=", "/=", "//=", "%=", "|=", "&=", "^=", "**=", "<<=", ">>=",
            ]
            .iter()
            .any(|op| after.starts_with(op));
        let dotted =
            before.ends_with('.') || before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
        if deleted || assigned || dotted {
            out.push_str(&rest[..end]);
        } else {
            out.push_str(&rest[..at]);
            out.push_str(SESSION);
            out.push_str(".get(");
            out.push_str(&rest[open + 1..end - 1]);
            out.push(')');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `flush()` ↔ `clear()` on the session.
pub fn swap_flush_clear(views: &str) -> String {
    let flush = format!("{SESSION}.flush()");
    let clear = format!("{SESSION}.clear()");
    let mark = "\u{0}";
    views
        .replace(&flush, mark)
        .replace(&clear, &flush)
        .replace(mark, &clear)
}

/// Lines `request.session.modified = True` → `pass`, at the same indentation.
pub fn drop_modified_flag(views: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in views.split('\n') {
        let body = line.trim_start();
        let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        if compact == format!("{SESSION}.modified=True") {
            let indent = &line[..line.len() - body.len()];
            out.push(format!("{indent}pass"));
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(text: &str) -> Scenario {
        sim::load_scenario("t.toml", text).unwrap()
    }

    const LOST: &str = r#"format_version = 1
title = "Lost"
views = '''
from django.http import HttpResponse

def start(request):
    request.session['cart'] = []
    return HttpResponse("empty")

def add(request):
    request.session['cart'].append('apple')
    return HttpResponse(f"Cart: {request.session['cart']}")

def show(request):
    return HttpResponse(f"Cart: {request.session.get('cart', [])}")
'''

[[request]]
view = "start"
[[request]]
view = "add"
note = "append() changes the list in place; Django does not see it."
[[request]]
view = "show"
"#;

    #[test]
    fn rewrites_keep_line_numbers_and_touch_only_the_session() {
        let v =
            "x = request.session.get('n', 0)\ny = d.get('a', 1)\nz = request.session.get('k')\n";
        assert_eq!(
            drop_get_defaults(v),
            "x = request.session.get('n')\ny = d.get('a', 1)\nz = request.session.get('k')\n"
        );
        let v = "a = request.session['a']\nrequest.session['b'] = 1\nrequest.session['c'] += 1\ndel request.session['d']\nif request.session['e'] == 2: pass\n";
        assert_eq!(
            subscript_as_get(v),
            "a = request.session.get('a')\nrequest.session['b'] = 1\nrequest.session['c'] += 1\ndel request.session['d']\nif request.session.get('e') == 2: pass\n"
        );
        assert_eq!(
            swap_flush_clear("request.session.flush()\nrequest.session.clear()"),
            "request.session.clear()\nrequest.session.flush()"
        );
        assert_eq!(
            drop_modified_flag("    x = 1\n    request.session.modified = True\n"),
            "    x = 1\n    pass\n"
        );
        assert_eq!(
            drop_get_defaults("request.session.get('a', {'b': (1, 2)})"),
            "request.session.get('a')"
        );
    }

    #[test]
    fn a_wrong_choice_is_what_a_misconception_really_gives_and_never_the_truth() {
        let s = scenario(LOST);
        let plan = plan(&s, Some(1), 7).unwrap();
        assert!(!plan.checkpoints.is_empty());
        for c in &plan.checkpoints {
            assert_eq!(c.choices.iter().filter(|x| x.correct).count(), 1, "{c:?}");
            let right = outcome(&plan.trace.requests[c.request], c.ask, c.line);
            assert_eq!(c.answer(), right);
            let mut texts: Vec<&str> = c.choices.iter().map(|x| x.text.as_str()).collect();
            texts.sort();
            texts.dedup();
            assert_eq!(texts.len(), c.choices.len(), "choices are distinct: {c:?}");
            for wrong in c.choices.iter().filter(|x| !x.correct) {
                assert_ne!(wrong.text, right);
                assert!(!wrong.beliefs.is_empty());
            }
        }
        // The lost append: in the real run the third request shows an empty cart, and the
        // "in-place changes are noticed" run shows the apple.
        let show = plan
            .checkpoints
            .iter()
            .find(|c| c.request == 2 && c.ask == Ask::Body)
            .expect("the body of the third request is asked");
        assert_eq!(show.answer(), "Cart: []");
        let apple = show
            .choices
            .iter()
            .find(|c| c.text == "Cart: ['apple']")
            .expect("the misconception's outcome is offered");
        assert!(!apple.correct);
        assert!(apple.beliefs.iter().any(|b| b.contains("in place")));
        // The second request keeps the cookie; noticing the append would have set it.
        let cookie = plan
            .checkpoints
            .iter()
            .find(|c| c.request == 1 && c.ask == Ask::Cookie)
            .expect("the cookie of the second request is asked");
        assert!(cookie.answer().starts_with("No Set-Cookie"));
        assert_eq!(
            cookie.why,
            "append() changes the list in place; Django does not see it."
        );
    }

    #[test]
    fn the_changed_run_really_differs_from_the_real_one() {
        let s = scenario(LOST);
        let truth = sim::run(&s, Some(1)).unwrap().trace;
        let (_, changed) = variants(&s)
            .into_iter()
            .find(|(m, _)| m.id == "in-place-noticed")
            .unwrap();
        let other = sim::run(&changed, Some(1)).unwrap().trace;
        assert_eq!(body(&truth.requests[2]), "Cart: []");
        assert_eq!(body(&other.requests[2]), "Cart: ['apple']");
    }

    #[test]
    fn get_without_a_default_makes_a_raise_checkpoint() {
        let s = scenario(
            r#"format_version = 1
views = '''
from django.http import HttpResponse

def visit(request):
    count = request.session.get('count', 0)
    count += 1
    request.session['count'] = count
    return HttpResponse(f"{count}")
'''
[[request]]
view = "visit"
"#,
        );
        let plan = plan(&s, Some(1), 1).unwrap();
        let raise = plan
            .checkpoints
            .iter()
            .find(|c| c.ask == Ask::Raises)
            .expect("a raise checkpoint");
        assert_eq!(raise.line, Some(5));
        assert_eq!(raise.answer(), "No: line 5 runs without an error");
        assert!(raise
            .choices
            .iter()
            .any(|c| c.text.starts_with("Yes: TypeError")));
        assert_eq!(
            plan.trace.requests[0].steps[raise.step.unwrap()].line,
            5,
            "it stops before line 5 runs"
        );
    }

    #[test]
    fn written_checkpoints_replace_the_automatic_ones_and_unaskable_ones_are_reported() {
        let text = LOST.replace(
            "[[request]]\nview = \"show\"\n",
            "[[request]]\nview = \"show\"\n[[request.predict]]\nask = \"body\"\nquestion = \"What does the cart show now?\"\n",
        ) + "[[request]]\nview = \"start\"\n[[request.predict]]\nask = \"raises\"\n";
        let plan = plan(&scenario(&text), Some(1), 1).unwrap();
        assert_eq!(plan.checkpoints.len(), 1);
        assert_eq!(plan.checkpoints[0].question, "What does the cart show now?");
        assert!(plan.checkpoints[0].authored);
        assert_eq!(plan.unaskable.len(), 1);
        assert_eq!(plan.unaskable[0].request, 3);
    }
}
