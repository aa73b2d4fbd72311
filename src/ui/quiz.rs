//! The quiz screen: a question, its options lettered for display, hints on request, then the
//! verdict with the worked solution. Interactive with keys, or plain with typed lines.

use super::render::{code_lines, inline, wrap};
use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::Ui;
use crate::content::{Quiz, Topic};
use crate::progress::{Progress, Saved};
use crate::quiz::{letter, parse_input, Answer, Input, Presented, Score, Session};
use console::Key;
use serde::Serialize;
use std::io;
use std::time::Instant;

pub struct Options {
    /// Started from the menu: the score is shown on a screen, then the menu comes back.
    pub in_menu: bool,
    pub seed: u64,
    pub shuffle: bool,
    pub json: bool,
    /// Plain mode: after each question with code, print what the simulator shows.
    pub explain_run: bool,
    /// Enter each answer into spaced review, at this time of the review clock.
    pub review_at: Option<i64>,
    /// This is a sitting of the bank-drawn test (`quiz.questions` are the drawn ones): record
    /// it as a pretest or post-test.
    pub sitting: Option<crate::review::SittingKind>,
}

/// How the attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    Finished,
    Left,
    EndOfInput,
}

#[derive(Serialize)]
struct AttemptJson<'a> {
    topic: &'a str,
    quiz: &'a str,
    seed: u64,
    shuffled: bool,
    ending: Ending,
    seconds: u64,
    score: Score,
    answers: &'a [Answer],
}

/// Runs a quiz from the first question, saving after every answer.
pub fn run(
    ui: &mut Ui,
    topic: &Topic,
    quiz: &Quiz,
    opts: &Options,
    progress: &mut Progress,
) -> io::Result<Ending> {
    let mut session = Session::new(&quiz.questions, opts.seed, opts.shuffle);
    let started = Instant::now();
    let attempt = progress.begin_attempt(&topic.slug, &quiz.name, session.total());
    let mut ending = Ending::Finished;

    if !ui.interactive {
        ui.divert(opts.json)?;
        ui.line(ui.styles.heading.apply_to(&quiz.title).to_string())?;
        ui.line(format!(
            "{} questions. Answer with a letter or a number; h for a hint, q to leave.",
            session.total()
        ))?;
    }
    while let Some(mut shown) = session.next_question() {
        let choice = if ui.interactive {
            ask_interactive(ui, &mut shown, None)?
        } else {
            ask_plain(ui, &mut shown)?
        };
        let position = match choice {
            Choice::Option(p) => p,
            Choice::Quit => {
                ending = Ending::Left;
                break;
            }
            Choice::EndOfInput => {
                ending = Ending::EndOfInput;
                break;
            }
        };
        let answer = session.answer(&shown, position);
        if let Some(at) = opts.review_at {
            let key = crate::review::ItemKey::question(&quiz.name, &answer.question);
            let rating = crate::review::rate_question(answer.correct, answer.hints_used);
            progress.record_review(&topic.slug, &key, rating, at);
        }
        progress.update_attempt(
            &topic.slug,
            attempt,
            &session.answers,
            started.elapsed().as_secs(),
            session.finished(),
        );
        let chosen = &shown.question.options[shown.order[position]];
        let runnable = shown.question.scenario.is_some();
        if ui.interactive {
            let mut verdict = Verdict {
                heading: None,
                ui,
                topic,
                shown: &shown,
                position,
                answer: answer.clone(),
                last: session.finished(),
                runnable,
            };
            let mut tty = ui.tty();
            if screen::run(&mut tty, &mut verdict)? {
                ending = Ending::Left;
                break;
            }
        } else {
            ui.line("")?;
            for l in &feedback(ui, &shown, position, &answer, ui.full_width()) {
                ui.line(l)?;
            }
            if opts.explain_run {
                if let Some(run) =
                    super::explain::lines(ui, topic, shown.question, chosen, ui.width())
                {
                    ui.line("")?;
                    for l in &run {
                        ui.line(l)?;
                    }
                }
            }
        }
    }

    let seconds = started.elapsed().as_secs();
    let saved = progress.update_attempt(
        &topic.slug,
        attempt,
        &session.answers,
        seconds,
        session.finished(),
    );
    if let Some(kind) = opts.sitting {
        if !session.answers.is_empty() {
            let at = opts
                .review_at
                .unwrap_or_else(|| crate::progress::now() as i64);
            let record = crate::review::session::sitting(
                kind,
                opts.seed,
                &quiz.questions,
                &session.answers,
                at,
            );
            progress.record_sitting(&topic.slug, record);
        }
    }
    let summary_for = |width: usize| {
        let mut summary = summary_lines(ui, &session, seconds, ending, &saved, width);
        if let Some(kind) = opts.sitting {
            summary.push(String::new());
            let note = match kind {
                crate::review::SittingKind::Pretest => "This was the pretest: wrong answers now help you learn. Read the lesson, then take the test again to see the difference.",
                crate::review::SittingKind::PostTest => "Your pretest and test scores are side by side in your progress.",
            };
            summary.extend(wrap(note, super::render::text_width(width), "", ""));
        }
        summary
    };
    if ui.interactive && opts.in_menu {
        let mut tty = ui.tty();
        screen::run(
            &mut tty,
            &mut screen::Lines::new(quiz.title.clone(), "back to the menu", summary_for),
        )?;
    } else if ui.interactive {
        ui.tty().leave();
        let out = ui.term();
        for l in &summary_for(ui.width()) {
            if opts.json {
                super::eprint_line(l);
            } else {
                out.write_line(l)?;
            }
        }
    } else {
        let summary = summary_for(ui.width());
        ui.line("")?;
        for l in &summary {
            ui.line(l)?;
        }
    }
    if opts.json {
        ui.divert(false)?;
        let json = AttemptJson {
            topic: &topic.slug,
            quiz: &quiz.name,
            seed: opts.seed,
            shuffled: opts.shuffle,
            ending,
            seconds,
            score: session.score(),
            answers: &session.answers,
        };
        ui.line(serde_json::to_string_pretty(&json).map_err(io::Error::other)?)?;
    }
    ui.flush()?;
    Ok(ending)
}

enum Choice {
    Option(usize),
    Quit,
    EndOfInput,
}

/// One question on its own, on the quiz's screens (spaced review, in a terminal), headed
/// `heading` (and the question's difficulty). `Ok(None)` when the learner left before answering; otherwise the
/// answer and whether they chose to leave after seeing the verdict.
pub fn ask_one(
    ui: &mut Ui,
    topic: &Topic,
    question: &crate::content::Question,
    heading: &str,
    seed: u64,
    shuffle: bool,
) -> io::Result<Option<(Answer, bool)>> {
    let one = std::slice::from_ref(question);
    let mut session = Session::new(one, seed, shuffle);
    let Some(mut shown) = session.next_question() else {
        return Ok(None);
    };
    let heading = format!("{heading} · {}", question.difficulty.label());
    let position = match ask_interactive(ui, &mut shown, Some(&heading))? {
        Choice::Option(p) => p,
        Choice::Quit | Choice::EndOfInput => return Ok(None),
    };
    let answer = session.answer(&shown, position);
    let mut verdict = Verdict {
        heading: Some(&heading),
        ui,
        topic,
        shown: &shown,
        position,
        answer: answer.clone(),
        last: false,
        runnable: question.scenario.is_some(),
    };
    let mut tty = ui.tty();
    let left = screen::run(&mut tty, &mut verdict)?;
    Ok(Some((answer, left)))
}

/// The question as lines: header, prompt, code, options (with `cursor` marked, if any).
fn question_lines(ui: &Ui, shown: &Presented, cursor: Option<usize>, full: usize) -> Vec<String> {
    let s = &ui.styles;
    let width = super::render::text_width(full);
    let q = shown.question;
    let mut lines = vec![
        s.heading
            .apply_to(format!(
                "Question {} of {} · {}",
                shown.number,
                shown.total,
                q.difficulty.label()
            ))
            .to_string(),
        String::new(),
    ];
    lines.extend(wrap(&inline(&q.prompt, s, ui.color), width, "", ""));
    if let Some(code) = &q.code {
        lines.push(String::new());
        let code_width = if ui.on_screen() { full } else { usize::MAX };
        lines.extend(code_lines("python", code, code_width, s));
    }
    lines.push(String::new());
    for (pos, (l, option)) in shown.options().enumerate() {
        let selected = cursor == Some(pos);
        let mark = if selected { "❯ " } else { "  " };
        let text = format!("{l}. {}", inline(&option.text, s, ui.color));
        let body = if selected {
            s.selected.apply_to(&text).to_string()
        } else {
            text
        };
        lines.extend(wrap(&body, width, mark, "     "));
    }
    lines
}

fn hint_line(ui: &Ui, number: usize, total: usize, hint: &str, width: usize) -> Vec<String> {
    let label = ui
        .styles
        .tip
        .apply_to(format!("Hint {number} of {total}:"))
        .to_string();
    wrap(
        &format!("{label} {}", inline(hint, &ui.styles, ui.color)),
        super::render::text_width(width),
        "  ",
        "  ",
    )
}

fn no_more_hints(total: usize) -> String {
    if total == 0 {
        "This question has no hints.".into()
    } else {
        format!("No more hints: all {total} are shown above.")
    }
}

fn ask_plain(ui: &mut Ui, shown: &mut Presented) -> io::Result<Choice> {
    let count = shown.order.len();
    let prompt = format!(
        "Your answer (A–{}, h for a hint, q to leave):",
        letter(count - 1)
    );
    ui.line("")?;
    for l in question_lines(ui, shown, None, ui.full_width()) {
        ui.line(l)?;
    }
    loop {
        ui.line(&prompt)?;
        let Some(line) = ui.read_line()? else {
            return Ok(Choice::EndOfInput);
        };
        if !ui.input_is_terminal() {
            // Piped answers are not echoed by a terminal: show them, so the output reads
            // as a conversation.
            ui.line(format!("> {}", line.trim()))?;
        }
        match parse_input(&line, count) {
            Input::Choose(p) => return Ok(Choice::Option(p)),
            Input::Quit => return Ok(Choice::Quit),
            Input::Hint => {
                let total = shown.question.hints.len();
                match shown.next_hint() {
                    Some((n, h)) => {
                        for l in hint_line(ui, n, total, h, ui.width()) {
                            ui.line(l)?;
                        }
                    }
                    None => ui.line(no_more_hints(total))?,
                }
            }
            Input::Invalid(msg) => {
                ui.line(msg)?;
                ui.line("")?;
                for l in question_lines(ui, shown, None, ui.full_width()) {
                    ui.line(l)?;
                }
            }
        }
    }
}

fn ask_interactive(
    ui: &mut Ui,
    shown: &mut Presented,
    heading: Option<&str>,
) -> io::Result<Choice> {
    let mut ask = Ask {
        heading,
        ui,
        shown,
        cursor: 0,
        hints: Vec::new(),
        message: None,
    };
    let mut tty = ui.tty();
    screen::run(&mut tty, &mut ask)
}

/// The question while answering: the options with a cursor, hints on request.
struct Ask<'a, 'q> {
    /// The header, when not the quiz's own ("Question 2 of 5 · easy"): review's.
    heading: Option<&'a str>,
    ui: &'a Ui,
    shown: &'a mut Presented<'q>,
    cursor: usize,
    /// The hints shown so far (number, how many, text), wrapped when drawn.
    hints: Vec<(usize, usize, String)>,
    message: Option<String>,
}

impl Ask<'_, '_> {
    /// The prompt: kept in view under the header while the code and the options scroll.
    fn prompt(&self, width: usize) -> Vec<String> {
        let mut out = wrap(
            &inline(&self.shown.question.prompt, &self.ui.styles, self.ui.color),
            super::render::text_width(width),
            "",
            "",
        );
        out.push(String::new());
        out
    }
    fn lines(&self, width: usize) -> (Vec<String>, usize) {
        let all = question_lines(self.ui, self.shown, Some(self.cursor), width);
        // The heading is the screen's header and the prompt is pinned under it.
        let skip = 2 + self.prompt(width).len();
        let lines: Vec<String> = all.into_iter().skip(skip).collect();
        let focus = lines
            .iter()
            .position(|l| console::strip_ansi_codes(l).starts_with("❯ "))
            .unwrap_or(0);
        (lines, focus)
    }
}

impl Screen for Ask<'_, '_> {
    type Output = Choice;
    fn header(&self) -> String {
        self.heading
            .map_or_else(|| question_heading(self.shown), str::to_owned)
    }
    fn pinned(&mut self, width: usize) -> Vec<String> {
        self.prompt(width)
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let (mut lines, _) = self.lines(width);
        if !self.hints.is_empty() {
            lines.push(String::new());
            for (n, total, h) in &self.hints {
                lines.extend(hint_line(self.ui, *n, *total, h, width));
            }
        }
        lines
    }
    fn uses_arrows(&self) -> bool {
        true
    }
    fn focus(&self) -> Option<usize> {
        Some(self.lines(self.ui.full_width()).1)
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        let last = letter(self.shown.order.len() - 1);
        vec![
            hint("↑/↓", "choose"),
            hint("Enter", "answer"),
            hint(&format!("A–{last}"), "answer with a letter"),
            hint("h", "hint"),
            hint("q", "leave"),
        ]
    }
    fn message(&mut self) -> Option<String> {
        self.message.take()
    }
    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<Choice>> {
        let count = self.shown.order.len();
        Ok(match key {
            Key::ArrowUp | Key::Char('k') => {
                self.cursor = self.cursor.checked_sub(1).unwrap_or(count - 1);
                Outcome::Stay
            }
            Key::ArrowDown | Key::Char('j') | Key::Tab => {
                self.cursor = (self.cursor + 1) % count;
                Outcome::Stay
            }
            Key::Enter => Outcome::Done(Choice::Option(self.cursor)),
            Key::Char('h' | 'H') => {
                let total = self.shown.question.hints.len();
                match self.shown.next_hint() {
                    Some((n, h)) => self.hints.push((n, total, h.to_owned())),
                    None => self.message = Some(no_more_hints(total)),
                }
                Outcome::Stay
            }
            // Esc as on every other screen: the way back (asked first, as q is).
            Key::Char('q' | 'Q') | Key::Escape => {
                if confirm_leave(ctx)? {
                    Outcome::Done(Choice::Quit)
                } else {
                    Outcome::Stay
                }
            }
            Key::Char('?') | Key::Char(' ') => Outcome::Ignored,
            Key::Char(c) => match parse_input(&c.to_string(), count) {
                Input::Choose(p) => Outcome::Done(Choice::Option(p)),
                Input::Invalid(m) => {
                    self.message = Some(m);
                    Outcome::Stay
                }
                _ => Outcome::Stay,
            },
            _ => Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<Choice> {
        None
    }
}

/// After an answer: the verdict first, then the worked solution, the takeaway and the
/// question as answered. Returns true when the learner chose to leave the quiz.
struct Verdict<'a, 'q> {
    /// The header, when not the quiz's own: review's.
    heading: Option<&'a str>,
    ui: &'a Ui,
    topic: &'a Topic,
    shown: &'a Presented<'q>,
    position: usize,
    /// Kept so the verdict is wrapped again at the width of each redraw.
    answer: Answer,
    last: bool,
    runnable: bool,
}

impl Verdict<'_, '_> {
    fn heading(&self) -> String {
        self.heading
            .map_or_else(|| question_heading(self.shown), str::to_owned)
    }
    fn prompt(&self) -> String {
        // In review the next thing may be any kind of item, or the end of the review.
        let more = if self.last {
            "to see your score"
        } else if self.heading.is_some() {
            "to continue"
        } else {
            "for the next question"
        };
        let run = if self.runnable {
            ", r to run it in the simulator"
        } else {
            ""
        };
        let leave = if self.last { "" } else { " (q to leave)" };
        format!("Press any key {more}{run}{leave}.")
    }
}

impl Screen for Verdict<'_, '_> {
    type Output = bool;
    fn header(&self) -> String {
        format!("{} · answered", self.heading())
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let mut out = feedback(self.ui, self.shown, self.position, &self.answer, width);
        out.push(String::new());
        out.push(self.ui.styles.dim.apply_to("The question").to_string());
        out.extend(
            question_lines(self.ui, self.shown, Some(self.position), width)
                .into_iter()
                .skip(2),
        );
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        let mut out = vec![hint(
            "any key",
            if self.last {
                "your score"
            } else if self.heading.is_some() {
                "continue"
            } else {
                "next question"
            },
        )];
        if self.runnable {
            out.push(hint("r", "run it in the simulator"));
        }
        if !self.last {
            out.push(hint("q", "leave"));
        }
        out
    }
    fn message(&mut self) -> Option<String> {
        Some(self.prompt())
    }
    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<bool>> {
        Ok(match key {
            Key::ArrowDown
            | Key::ArrowUp
            | Key::Char('j' | 'k' | '?')
            | Key::PageDown
            | Key::PageUp
            | Key::Home
            | Key::End => Outcome::Ignored,
            Key::Char('r') if self.runnable => {
                let chosen = &self.shown.question.options[self.shown.order[self.position]];
                let (ui, topic, question) = (self.ui, self.topic, self.shown.question);
                let width = ctx.tty.size().1;
                if let Some(run) = super::explain::lines(ui, topic, question, chosen, width) {
                    // Made again, for the new width, after a resize.
                    let mut first = Some(run);
                    screen::run(
                        ctx.tty,
                        &mut screen::Lines::new(
                            format!("{} · in the simulator", self.heading()),
                            "back to the answer",
                            |w| match first.take() {
                                Some(run) if w == width => run,
                                _ => super::explain::lines(ui, topic, question, chosen, w)
                                    .unwrap_or_default(),
                            },
                        ),
                    )?;
                }
                Outcome::Stay
            }
            Key::Char('q' | 'Q') | Key::Escape if !self.last => {
                if confirm_leave(ctx)? {
                    Outcome::Done(true)
                } else {
                    Outcome::Stay
                }
            }
            _ => Outcome::Done(false),
        })
    }
}

fn question_heading(shown: &Presented) -> String {
    format!(
        "Question {} of {} · {}",
        shown.number,
        shown.total,
        shown.question.difficulty.label()
    )
}

fn confirm_leave(ctx: &mut Ctx) -> io::Result<bool> {
    screen::run(
        ctx.tty,
        &mut screen::Confirm {
            title: "Leave the quiz?".into(),
            question: "Leave the quiz? Your answers so far stay in your progress, but a quiz cannot be resumed: the next attempt starts at question 1.".into(),
        },
    )
}

/// The verdict after an answer: right or wrong in words and a symbol, the right option, the
/// note for a wrong choice, the worked solution and the takeaway.
fn feedback(
    ui: &Ui,
    shown: &Presented,
    position: usize,
    answer: &Answer,
    width: usize,
) -> Vec<String> {
    let s = &ui.styles;
    let width = super::render::text_width(width);
    let q = shown.question;
    let right_pos = shown.correct_position();
    let (right_letter, right) = shown.options().nth(right_pos).expect("answer is an option");
    let (chosen_letter, chosen) = shown.options().nth(position).expect("choice is an option");
    let mut lines = Vec::new();
    if answer.correct {
        let head = s.good.apply_to("✓ Correct:").to_string();
        lines.extend(wrap(
            &format!(
                "{head} {chosen_letter}. {}",
                inline(&chosen.text, s, ui.color)
            ),
            width,
            "",
            "  ",
        ));
    } else {
        let head = s.bad.apply_to("✗ Not right:").to_string();
        lines.extend(wrap(
            &format!(
                "{head} you chose {chosen_letter}. {}",
                inline(&chosen.text, s, ui.color)
            ),
            width,
            "",
            "  ",
        ));
        lines.extend(wrap(
            &format!(
                "The right answer is {right_letter}. {}",
                inline(&right.text, s, ui.color)
            ),
            width,
            "",
            "  ",
        ));
        if let Some(m) = &chosen.mistake {
            lines.push(String::new());
            let label = s.strong.apply_to("Why not that one:").to_string();
            lines.extend(wrap(
                &format!("{label} {}", inline(m, s, ui.color)),
                width,
                "",
                "",
            ));
        }
    }
    lines.push(String::new());
    lines.push(s.strong.apply_to("Worked solution").to_string());
    for (i, step) in q.solution.iter().enumerate() {
        lines.extend(wrap(
            &inline(step, s, ui.color),
            width,
            &format!("  {}. ", i + 1),
            "     ",
        ));
    }
    lines.push(String::new());
    let label = s.strong.apply_to("Takeaway:").to_string();
    lines.extend(wrap(
        &format!("{label} {}", inline(&q.takeaway, s, ui.color)),
        width,
        "",
        "",
    ));
    lines
}

fn summary_lines(
    ui: &Ui,
    session: &Session,
    seconds: u64,
    ending: Ending,
    saved: &Saved,
    width: usize,
) -> Vec<String> {
    let s = &ui.styles;
    let score = session.score();
    let mut lines = Vec::new();
    match ending {
        Ending::Finished => lines.push(s.heading.apply_to("Quiz complete").to_string()),
        Ending::Left => lines.push(s.heading.apply_to("You left the quiz").to_string()),
        Ending::EndOfInput => lines.push(s.heading.apply_to("End of input").to_string()),
    }
    let percent = (score.correct * 100).checked_div(score.total).unwrap_or(0);
    lines.push(format!(
        "Score: {}/{} ({percent}%) · answered {} of {} · hints used: {} · time: {}",
        score.correct,
        score.total,
        score.answered,
        score.total,
        score.hints_used,
        duration(seconds)
    ));
    let missed = session.missed();
    if !missed.is_empty() {
        lines.push(String::new());
        lines.push(s.strong.apply_to("To review").to_string());
        for q in missed {
            let n = session
                .answers
                .iter()
                .position(|a| a.question == q.id)
                .map_or(0, |i| i + 1);
            lines.extend(wrap(
                &format!(
                    "✗ Question {n}, to remember: {}",
                    inline(&q.takeaway, s, ui.color)
                ),
                super::render::text_width(width),
                "  ",
                "    ",
            ));
        }
    }
    if score.answered > 0 {
        lines.push(String::new());
        lines.push(match saved {
            Saved::No(why) => s.bad.apply_to(format!("Not saved: {why}.")).to_string(),
            Saved::Yes | Saved::NothingNew => s
                .dim
                .apply_to("Saved to your progress (learn sessions progress).")
                .to_string(),
        });
    }
    lines
}

/// `75` → `1m 15s`.
pub fn duration(seconds: u64) -> String {
    if seconds >= 60 {
        format!("{}m {:02}s", seconds / 60, seconds % 60)
    } else {
        format!("{seconds}s")
    }
}
