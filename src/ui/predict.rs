//! Predict, then see: the stepper stops at each checkpoint of a [`Plan`] and asks before it
//! shows the outcome; after the answer, what really happened and why. In a terminal on the
//! screen layer (a hook in the stepper); piped, as numbered questions read from stdin.
//!
//! The checkpoints and their choices come from `activity::predict`; this module only shows
//! them and reads answers.

use super::render::{inline, wrap};
use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::stepper::{self, Frame};
use super::Ui;
use crate::activity::predict::{Ask, Checkpoint, Plan, Score};
use crate::quiz::letter;
use console::Key;
use std::io;

/// How a predict run ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Result {
    pub score: Score,
    /// Each checkpoint answered: its id and whether the answer was right.
    pub answers: Vec<(String, bool)>,
    /// The learner reached the end of the scenario.
    pub finished: bool,
    /// Input ended (piped) before the end.
    pub end_of_input: bool,
}

/// The frame a checkpoint stops before: the learner has seen everything up to it and
/// nothing that gives the answer away.
pub fn stop_frame(plan: &Plan, c: &Checkpoint) -> Frame {
    let r = c.request;
    let steps = plan.trace.requests[r].steps.len();
    match c.ask {
        // The session panels show the data line by line: ask before the view's first line.
        Ask::Session if steps > 0 => Frame::Line(r, 0),
        Ask::Session | Ask::Body | Ask::Cookie => Frame::ViewEnd(r),
        Ask::Raises => match c.step {
            Some(s) if s + 1 < steps => Frame::Line(r, s + 1),
            _ => Frame::ViewEnd(r),
        },
        Ask::Store => Frame::Middleware(r),
    }
}

/// The last frame shown before a checkpoint stops.
fn context_frame(plan: &Plan, c: &Checkpoint) -> Frame {
    match stop_frame(plan, c) {
        Frame::Line(r, 0) => Frame::Send(r),
        Frame::Line(r, s) => Frame::Line(r, s - 1),
        Frame::ViewEnd(r) => match plan.trace.requests[r].steps.len() {
            0 => Frame::Send(r),
            n => Frame::Line(r, n - 1),
        },
        Frame::Middleware(r) => Frame::ViewEnd(r),
        other => other,
    }
}

/// The checkpoints stopping before each frame index, in the order they are asked.
fn stops(plan: &Plan) -> Vec<Vec<usize>> {
    let all = stepper::frames(&plan.trace);
    let mut out = vec![Vec::new(); all.len()];
    for (i, c) in plan.checkpoints.iter().enumerate() {
        let f = stop_frame(plan, c);
        if let Some(at) = all.iter().position(|x| *x == f) {
            out[at].push(i);
        }
    }
    out
}

fn question_lines(ui: &Ui, c: &Checkpoint, cursor: Option<usize>, width: usize) -> Vec<String> {
    let s = &ui.styles;
    let w = super::render::text_width(width);
    let mut out = Vec::new();
    for (i, choice) in c.choices.iter().enumerate() {
        let selected = cursor == Some(i);
        let mark = if selected { "❯ " } else { "  " };
        let text = format!("{}. {}", letter(i), inline(&choice.text, s, ui.color));
        let text = if selected {
            s.selected.apply_to(text).to_string()
        } else {
            text
        };
        out.extend(wrap(&text, w, mark, "     "));
    }
    out
}

/// The verdict: right or not, what happened, why; for a wrong choice, the misconception
/// that gives it.
fn verdict_lines(ui: &Ui, plan: &Plan, c: &Checkpoint, chosen: usize, width: usize) -> Vec<String> {
    let s = &ui.styles;
    let w = super::render::text_width(width);
    let right = chosen == c.correct();
    let mut out = Vec::new();
    let head = if right {
        s.good.apply_to("✓ Right.").to_string()
    } else {
        s.bad
            .apply_to(format!("✗ Not this time: you chose {}.", letter(chosen)))
            .to_string()
    };
    out.push(head);
    out.push(String::new());
    out.extend(wrap(
        &format!("What really happens: {}", inline(c.answer(), s, ui.color)),
        w,
        "",
        "  ",
    ));
    out.extend(wrap(
        &format!("Why: {}", inline(&c.why, s, ui.color)),
        w,
        "",
        "  ",
    ));
    let req = &plan.trace.requests[c.request];
    if matches!(c.ask, Ask::Cookie | Ask::Store) && c.why != req.middleware.reason {
        out.extend(wrap(
            &format!(
                "SessionMiddleware: {}",
                inline(&req.middleware.reason, s, ui.color)
            ),
            w,
            "",
            "  ",
        ));
    }
    if !right {
        if let Some(choice) = c.choices.get(chosen) {
            if !choice.beliefs.is_empty() {
                out.push(String::new());
                out.extend(wrap(
                    &format!(
                        "Your choice is what would happen if {}.",
                        inline(&choice.beliefs.join(", or if "), s, ui.color)
                    ),
                    w,
                    "",
                    "  ",
                ));
            }
        }
    }
    out
}

/// The score at the end, and what to look at again.
pub fn score_lines(ui: &Ui, plan: &Plan, result: &Result, width: usize) -> Vec<String> {
    let s = &ui.styles;
    let w = super::render::text_width(width);
    let mut out = vec![s
        .strong
        .apply_to(format!(
            "You predicted {} of {} right.",
            result.score.right, result.score.asked
        ))
        .to_string()];
    let missed: Vec<&Checkpoint> = result
        .answers
        .iter()
        .filter(|(_, right)| !right)
        .filter_map(|(id, _)| plan.checkpoints.iter().find(|c| &c.id == id))
        .collect();
    if !missed.is_empty() {
        out.push(String::new());
        out.push("To remember:".into());
        for c in missed {
            out.extend(wrap(
                &format!(
                    "✗ Request {}: {}",
                    c.request + 1,
                    inline(c.answer(), s, ui.color)
                ),
                w,
                "  ",
                "    ",
            ));
        }
    }
    out
}

/// What `progress` says about predictions: how many scenarios are done, and each one tried
/// with its best score.
pub fn progress_lines(
    ui: &Ui,
    topic: &crate::content::Topic,
    progress: &crate::progress::Progress,
) -> Vec<String> {
    let kind = crate::activity::predict::KIND;
    let tp = progress.topic(&topic.slug).cloned().unwrap_or_default();
    let names = topic.scenarios.iter().map(|s| s.name.as_str());
    let done = crate::activity::progress::done_count(&tp, kind, names);
    let mut out = vec![
        String::new(),
        ui.styles.strong.apply_to("Predict, then see").to_string(),
        format!(
            "  {done} of {} scenarios predicted to the end",
            topic.scenarios.len()
        ),
    ];
    if let Some(items) = tp.activities.get(kind) {
        for (item, r) in items {
            out.push(format!(
                "  {}{}: best {}/{} right ({} tr{})",
                if r.done { "✓ " } else { "" },
                super::render::escape_controls(item),
                r.best,
                r.out_of,
                r.attempts,
                if r.attempts == 1 { "y" } else { "ies" }
            ));
        }
    }
    out
}

/// Plain mode: each request in a few lines, a question at each checkpoint, then what the
/// request did.
pub fn plain(
    ui: &mut Ui,
    plan: &Plan,
    on_answer: &mut dyn FnMut(&Checkpoint, bool),
) -> io::Result<Result> {
    let width = ui.width();
    let trace = &plan.trace;
    ui.line(
        ui.styles
            .heading
            .apply_to(format!(
                "Predict, then see: {}",
                super::render::escape_controls(&trace.title)
            ))
            .to_string(),
    )?;
    for l in wrap(&inline(&trace.summary, &ui.styles, ui.color), width, "", "") {
        ui.line(l)?;
    }
    ui.line(format!(
        "Engine: {} · {}. At each one, choose what you expect before it is shown.",
        trace.engine,
        super::words::count(plan.checkpoints.len(), "checkpoint", "checkpoints")
    ))?;
    let mut result = Result::default();
    let all = stepper::frames(trace);
    let stops = stops(plan);
    for (i, frame) in all.iter().enumerate() {
        for &c in &stops[i] {
            let cp = &plan.checkpoints[c];
            if let Ask::Raises = cp.ask {
                if let Some(step) = cp.step {
                    ui.line("")?;
                    for l in stepper::frame_lines(
                        trace,
                        Frame::Line(cp.request, step),
                        &ui.styles,
                        ui.color,
                        width,
                        false,
                    ) {
                        ui.line(l)?;
                    }
                }
            }
            match ask_plain(ui, cp)? {
                Typed::End | Typed::Quit => {
                    result.end_of_input = true;
                    ui.line("")?;
                    for l in score_lines(ui, plan, &result, width) {
                        ui.line(l)?;
                    }
                    ui.flush()?;
                    return Ok(result);
                }
                Typed::Choice(chosen) => {
                    let right = chosen == cp.correct();
                    result.score.add(right);
                    result.answers.push((cp.id.clone(), right));
                    on_answer(cp, right);
                    for l in verdict_lines(ui, plan, cp, chosen, width) {
                        ui.line(l)?;
                    }
                }
            }
        }
        match frame {
            Frame::Send(r) => {
                let req = &trace.requests[*r];
                ui.line("")?;
                ui.line("═".repeat(width.min(60)))?;
                let hidden = without_notes(plan);
                for l in stepper::frame_lines(&hidden, *frame, &ui.styles, ui.color, width, false)
                    .into_iter()
                    .take_while(|l| !l.is_empty())
                {
                    ui.line(l)?;
                }
                if req.manage.is_some() {
                    for l in stepper::frame_lines(trace, *frame, &ui.styles, ui.color, width, false)
                    {
                        ui.line(l)?;
                    }
                }
            }
            Frame::Manage(_) => {
                // A management command between requests: shown whole, it asks nothing.
                ui.line("")?;
                ui.line("═".repeat(width.min(60)))?;
                for l in stepper::frame_lines(trace, *frame, &ui.styles, ui.color, width, false) {
                    ui.line(l)?;
                }
            }
            Frame::Response(r) if trace.requests[*r].manage.is_none() => {
                ui.line("")?;
                ui.line(ui.styles.strong.apply_to("What it did:").to_string())?;
                for l in stepper::request_summary(trace, *r, &ui.styles, width) {
                    ui.line(l)?;
                }
            }
            _ => {}
        }
    }
    result.finished = true;
    ui.line("")?;
    for l in score_lines(ui, plan, &result, width) {
        ui.line(l)?;
    }
    ui.flush()?;
    Ok(result)
}

/// A typed answer.
enum Typed {
    Choice(usize),
    Quit,
    End,
}

/// Reads one answer: a letter or a number, q, or the end of input.
fn ask_plain(ui: &mut Ui, c: &Checkpoint) -> io::Result<Typed> {
    let width = ui.width();
    let count = c.choices.len();
    ui.line("")?;
    for l in wrap(
        &ui.styles
            .strong
            .apply_to(inline(&c.question, &ui.styles, ui.color))
            .to_string(),
        width,
        "",
        "",
    ) {
        ui.line(l)?;
    }
    for l in question_lines(ui, c, None, width) {
        ui.line(l)?;
    }
    loop {
        ui.line(format!(
            "Your prediction (A–{}, q to leave):",
            letter(count - 1)
        ))?;
        let Some(line) = ui.read_line()? else {
            return Ok(Typed::End);
        };
        if !ui.input_is_terminal() {
            ui.line(format!("> {}", line.trim()))?;
        }
        match parse_choice(&line, count) {
            Ok(Some(i)) => return Ok(Typed::Choice(i)),
            Ok(None) => return Ok(Typed::Quit),
            Err(msg) => ui.line(msg)?,
        }
    }
}

/// A typed answer: `b`, `B` or `2`; `Ok(None)` for q.
pub fn parse_choice(line: &str, count: usize) -> std::result::Result<Option<usize>, String> {
    let t = line.trim();
    let expected = format!(
        "type a letter A–{} or a number 1–{count}, or q to leave",
        letter(count - 1)
    );
    if t.eq_ignore_ascii_case("q") {
        return Ok(None);
    }
    if let Ok(n) = t.parse::<usize>() {
        if (1..=count).contains(&n) {
            return Ok(Some(n - 1));
        }
    }
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let c = c.to_ascii_uppercase();
        if c.is_ascii_uppercase() && ((c as u8 - b'A') as usize) < count {
            return Ok(Some((c as u8 - b'A') as usize));
        }
    }
    if t.is_empty() {
        Err(format!("Nothing typed: {expected}."))
    } else {
        Err(format!("\"{t}\" is not one of the choices: {expected}."))
    }
}

/// In a terminal: the stepper, stopping at each checkpoint. Each checkpoint is asked once,
/// the first time the learner moves past it; `on_answer` is called after each answer (to
/// save it at once).
pub fn interactive(
    ui: &mut Ui,
    plan: &Plan,
    back: &str,
    on_answer: &mut dyn FnMut(&Checkpoint, bool),
) -> io::Result<Result> {
    let stops = stops(plan);
    let mut asked = vec![false; plan.checkpoints.len()];
    let mut result = Result::default();
    let shared: &Ui = ui;
    let finished = {
        let mut before = |at: usize, _frame: Frame, ctx: &mut Ctx| -> io::Result<bool> {
            for &c in &stops[at] {
                if asked[c] {
                    continue;
                }
                asked[c] = true;
                let cp = &plan.checkpoints[c];
                let mut ask = AskScreen {
                    ui: shared,
                    plan,
                    checkpoint: cp,
                    header: predict_header(plan, c + 1),
                    cursor: 0,
                    message: None,
                };
                let Some(chosen) = screen::run(ctx.tty, &mut ask)? else {
                    return Ok(false);
                };
                let right = chosen == cp.correct();
                result.score.add(right);
                result.answers.push((cp.id.clone(), right));
                on_answer(cp, right);
                let mut verdict = VerdictScreen {
                    ui: shared,
                    plan,
                    checkpoint: cp,
                    header: predict_header(plan, c + 1),
                    chosen,
                    go_on: "see it happen",
                };
                if !screen::run(ctx.tty, &mut verdict)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        stepper::interactive_with(shared, &without_notes(plan), back, 0, &mut before)?
    };
    result.finished = finished;
    if result.score.asked > 0 {
        screen::run(
            &mut ui.tty(),
            &mut screen::Lines::new(
                format!(
                    "{} · your predictions",
                    super::render::escape_controls(&plan.trace.title)
                ),
                back,
                |width| score_lines(ui, plan, &result, width),
            ),
        )?;
    }
    Ok(result)
}

/// The trace with the notes of requests that have checkpoints left out: a note tells what
/// happens, so it is shown after the answer, as its "why".
fn without_notes(plan: &Plan) -> crate::sim::Trace {
    let mut trace = plan.trace.clone();
    for c in &plan.checkpoints {
        trace.requests[c.request].note = None;
    }
    trace
}

/// How a checkpoint asked in review went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewed {
    Answered {
        right: bool,
        leave: bool,
    },
    Left,
    EndOfInput,
    /// The scenario no longer runs or no longer has this checkpoint.
    Gone,
}

/// Asks one checkpoint again in a review session: where the stepper stopped, the question
/// and the choices, then the verdict. `header` says where the review is.
pub fn review_one(
    ui: &mut Ui,
    scenario: &crate::content::ScenarioSource,
    checkpoint: &str,
    header: String,
    order: u64,
) -> io::Result<Reviewed> {
    let plan = crate::sim::load_scenario(&scenario.file().path, &scenario.file().text)
        .and_then(|s| crate::activity::predict::plan(&s, None, order));
    let Ok(plan) = plan else {
        return Ok(Reviewed::Gone);
    };
    let Some(cp) = plan.checkpoints.iter().find(|c| c.id == checkpoint) else {
        return Ok(Reviewed::Gone);
    };
    if ui.interactive {
        let mut ask = AskScreen {
            ui,
            plan: &plan,
            checkpoint: cp,
            header: header.clone(),
            cursor: 0,
            message: None,
        };
        let Some(chosen) = screen::run(&mut ui.tty(), &mut ask)? else {
            return Ok(Reviewed::Left);
        };
        let mut verdict = VerdictScreen {
            ui,
            plan: &plan,
            checkpoint: cp,
            header,
            chosen,
            go_on: "next item",
        };
        let go_on = screen::run(&mut ui.tty(), &mut verdict)?;
        ui.tty().leave();
        let right = chosen == cp.correct();
        // The answer counts even when the learner leaves after it.
        return Ok(Reviewed::Answered {
            right,
            leave: !go_on,
        });
    }
    let width = ui.width();
    ui.line(format!(
        "From the scenario \"{}\":",
        super::render::escape_controls(&plan.trace.title)
    ))?;
    for l in stepper::frame_lines(
        &without_notes(&plan),
        context_frame(&plan, cp),
        &ui.styles,
        ui.color,
        width,
        false,
    ) {
        ui.line(l)?;
    }
    match ask_plain(ui, cp)? {
        Typed::End => Ok(Reviewed::EndOfInput),
        Typed::Quit => Ok(Reviewed::Left),
        Typed::Choice(chosen) => {
            for l in verdict_lines(ui, &plan, cp, chosen, width) {
                ui.line(l)?;
            }
            Ok(Reviewed::Answered {
                right: chosen == cp.correct(),
                leave: false,
            })
        }
    }
}

struct AskScreen<'a> {
    ui: &'a Ui,
    plan: &'a Plan,
    checkpoint: &'a Checkpoint,
    header: String,
    cursor: usize,
    message: Option<String>,
}

fn predict_header(plan: &Plan, number: usize) -> String {
    format!(
        "{} · predict {number} of {}",
        super::render::escape_controls(&plan.trace.title),
        plan.checkpoints.len()
    )
}

impl Screen for AskScreen<'_> {
    type Output = Option<usize>;
    fn header(&self) -> String {
        self.header.clone()
    }
    fn pinned(&mut self, width: usize) -> Vec<String> {
        let s = &self.ui.styles;
        let mut out = wrap(
            &s.strong
                .apply_to(inline(&self.checkpoint.question, s, self.ui.color))
                .to_string(),
            super::render::text_width(width),
            "",
            "",
        );
        out.push(String::new());
        out
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let mut out = question_lines(self.ui, self.checkpoint, Some(self.cursor), width);
        // What the learner has seen so far, below the choices, to scroll to.
        let frame = context_frame(self.plan, self.checkpoint);
        out.push(String::new());
        out.push(
            self.ui
                .styles
                .dim
                .apply_to("─ Where the stepper stopped ─")
                .to_string(),
        );
        out.extend(stepper::frame_lines(
            &without_notes(self.plan),
            frame,
            &self.ui.styles,
            self.ui.color,
            width,
            false,
        ));
        out
    }
    fn uses_arrows(&self) -> bool {
        true
    }
    fn focus(&self) -> Option<usize> {
        let width = self.ui.full_width();
        let lines = question_lines(self.ui, self.checkpoint, Some(self.cursor), width);
        lines
            .iter()
            .position(|l| console::strip_ansi_codes(l).starts_with("❯ "))
            .or(Some(0))
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        let last = letter(self.checkpoint.choices.len() - 1);
        vec![
            hint("↑/↓", "choose"),
            hint("Enter", "answer"),
            hint(&format!("A–{last}"), "answer with a letter"),
            hint("q", "leave"),
        ]
    }
    fn message(&mut self) -> Option<String> {
        self.message.take()
    }
    fn handle(&mut self, key: &Key, _ctx: &mut Ctx) -> io::Result<Outcome<Option<usize>>> {
        let n = self.checkpoint.choices.len();
        Ok(match key {
            Key::ArrowUp | Key::Char('k') => {
                self.cursor = self.cursor.checked_sub(1).unwrap_or(n - 1);
                Outcome::Stay
            }
            Key::ArrowDown | Key::Char('j') | Key::Tab => {
                self.cursor = (self.cursor + 1) % n;
                Outcome::Stay
            }
            Key::Enter => Outcome::Done(Some(self.cursor)),
            Key::Char('q' | 'Q') => Outcome::Done(None),
            Key::Char('?' | ' ') => Outcome::Ignored,
            Key::Char(c) => match parse_choice(&c.to_string(), n) {
                Ok(Some(i)) => Outcome::Done(Some(i)),
                Ok(None) => Outcome::Done(None),
                Err(m) => {
                    self.message = Some(m);
                    Outcome::Stay
                }
            },
            _ => Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<Option<usize>> {
        Some(None)
    }
}

struct VerdictScreen<'a> {
    ui: &'a Ui,
    plan: &'a Plan,
    checkpoint: &'a Checkpoint,
    header: String,
    chosen: usize,
    /// What Enter does, for the footer.
    go_on: &'static str,
}

impl Screen for VerdictScreen<'_> {
    /// False: leave the stepper.
    type Output = bool;
    fn header(&self) -> String {
        self.header.clone()
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let s = &self.ui.styles;
        let mut out = verdict_lines(self.ui, self.plan, self.checkpoint, self.chosen, width);
        out.push(String::new());
        out.extend(wrap(
            &s.dim
                .apply_to(format!(
                    "The question was: {}",
                    inline(&self.checkpoint.question, s, self.ui.color)
                ))
                .to_string(),
            super::render::text_width(width),
            "",
            "  ",
        ));
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        vec![hint("Enter", self.go_on), hint("q", "leave")]
    }
    fn handle(&mut self, key: &Key, _ctx: &mut Ctx) -> io::Result<Outcome<bool>> {
        Ok(match key {
            Key::Enter | Key::ArrowRight | Key::Char('n') => Outcome::Done(true),
            Key::Char('q' | 'Q') => Outcome::Done(false),
            _ => Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<bool> {
        Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_choice_is_a_letter_or_a_number() {
        assert_eq!(parse_choice("b", 3), Ok(Some(1)));
        assert_eq!(parse_choice(" C ", 3), Ok(Some(2)));
        assert_eq!(parse_choice("1", 3), Ok(Some(0)));
        assert_eq!(parse_choice("q", 3), Ok(None));
        assert!(parse_choice("d", 3).unwrap_err().contains("A–C"));
        assert!(parse_choice("", 2)
            .unwrap_err()
            .starts_with("Nothing typed"));
        assert!(parse_choice("4", 3).is_err());
    }
}
