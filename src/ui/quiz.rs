//! The quiz screen: a question, its options lettered for display, hints on request, then the
//! verdict with the worked solution. Interactive with keys, or plain with typed lines.

use super::keys::next_key;
use super::render::{code_lines, inline, wrap};
use super::{CursorGuard, Ui};
use crate::content::{Quiz, Topic};
use crate::progress::{Progress, Saved};
use crate::quiz::{letter, parse_input, Answer, Input, Presented, Score, Session};
use console::Key;
use serde::Serialize;
use std::io;
use std::time::Instant;

pub struct Options {
    pub seed: u64,
    pub shuffle: bool,
    pub json: bool,
    /// Plain mode: after each question with code, print what the simulator shows.
    pub explain_run: bool,
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
        ui.line(ui.styles.heading.apply_to(&quiz.title).to_string())?;
        ui.line(format!(
            "{} questions. Answer with a letter or a number; h for a hint, q to leave.",
            session.total()
        ))?;
    }
    while let Some(mut shown) = session.next_question() {
        let choice = if ui.interactive {
            ask_interactive(ui, &mut shown)?
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
        progress.update_attempt(
            &topic.slug,
            attempt,
            &session.answers,
            started.elapsed().as_secs(),
            session.finished(),
        );
        let lines = feedback(ui, &shown, position, &answer);
        let chosen = &shown.question.options[shown.order[position]];
        let runnable = shown.question.scenario.is_some();
        if ui.interactive {
            let term = ui.term();
            term.write_line("")?;
            for l in &lines {
                term.write_line(l)?;
            }
            let more = if session.finished() {
                "see your score"
            } else {
                "the next question"
            };
            let run_hint = if runnable {
                ", r to run it in the simulator"
            } else {
                ""
            };
            let prompt = ui
                .styles
                .dim
                .apply_to(format!("Press any key for {more}{run_hint} (q to leave)."))
                .to_string();
            term.write_line("")?;
            term.write_line(&prompt)?;
            let mut size = term.size();
            loop {
                let Some(key) = next_key(&term, &mut size)? else {
                    continue;
                };
                match key {
                    Key::CtrlC => super::interrupted(),
                    Key::Char('r') if runnable => {
                        if let Some(run) = super::explain::lines(ui, topic, shown.question, chosen)
                        {
                            super::pager::show_lines(ui, &run)?;
                        }
                        for l in question_lines(ui, &shown, Some(position))
                            .iter()
                            .chain(std::iter::once(&String::new()))
                            .chain(&lines)
                        {
                            term.write_line(l)?;
                        }
                        term.write_line("")?;
                        term.write_line(&prompt)?;
                    }
                    Key::Char('q') | Key::Escape if !session.finished() => {
                        if confirm_leave(ui)? {
                            ending = Ending::Left;
                        }
                        break;
                    }
                    _ => break,
                }
            }
            if ending == Ending::Left {
                break;
            }
        } else {
            ui.line("")?;
            for l in &lines {
                ui.line(l)?;
            }
            if opts.explain_run {
                if let Some(run) = super::explain::lines(ui, topic, shown.question, chosen) {
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
    let summary = summary_lines(ui, &session, seconds, ending, &saved);
    if ui.interactive {
        let term = ui.term();
        term.clear_screen()?;
        for l in &summary {
            term.write_line(l)?;
        }
    } else {
        ui.line("")?;
        for l in &summary {
            ui.line(l)?;
        }
    }
    if opts.json {
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

/// The question as lines: header, prompt, code, options (with `cursor` marked, if any).
fn question_lines(ui: &Ui, shown: &Presented, cursor: Option<usize>) -> Vec<String> {
    let s = &ui.styles;
    let width = ui.width();
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
        let code_width = if ui.on_screen() { width } else { usize::MAX };
        lines.extend(code_lines("python", code, code_width, s));
    }
    lines.push(String::new());
    for (pos, (l, option)) in shown.options().enumerate() {
        let selected = cursor == Some(pos);
        let mark = if selected { "❯ " } else { "  " };
        let text = format!("{l}. {}", option.text);
        let body = if selected {
            s.selected.apply_to(&text).to_string()
        } else {
            text
        };
        lines.extend(wrap(&body, width, mark, "     "));
    }
    lines
}

fn hint_line(ui: &Ui, number: usize, total: usize, hint: &str) -> Vec<String> {
    let label = ui
        .styles
        .tip
        .apply_to(format!("Hint {number} of {total}:"))
        .to_string();
    wrap(
        &format!("{label} {}", inline(hint, &ui.styles, ui.color)),
        ui.width(),
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
    for l in question_lines(ui, shown, None) {
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
                        for l in hint_line(ui, n, total, h) {
                            ui.line(l)?;
                        }
                    }
                    None => ui.line(no_more_hints(total))?,
                }
            }
            Input::Invalid(msg) => {
                ui.line(msg)?;
                ui.line("")?;
                for l in question_lines(ui, shown, None) {
                    ui.line(l)?;
                }
            }
        }
    }
}

fn ask_interactive(ui: &mut Ui, shown: &mut Presented) -> io::Result<Choice> {
    let term = ui.term();
    let _cursor = CursorGuard::hide(&term);
    let count = shown.order.len();
    let mut cursor = 0usize;
    let mut hints: Vec<String> = Vec::new();
    let mut message = String::new();
    let mut size = term.size();
    loop {
        let mut screen = question_lines(ui, shown, Some(cursor));
        if !hints.is_empty() {
            screen.push(String::new());
            screen.extend(hints.iter().cloned());
        }
        screen.push(String::new());
        if !message.is_empty() {
            screen.push(ui.styles.warning.apply_to(&message).to_string());
        }
        screen.push(
            ui.styles
                .dim
                .apply_to(format!(
                    "↑/↓ and Enter, or a letter A–{} · h hint · q leave",
                    letter(count - 1)
                ))
                .to_string(),
        );
        term.clear_screen()?;
        term.write_str(&screen.join("\n"))?;
        message.clear();
        let Some(key) = next_key(&term, &mut size)? else {
            continue;
        };
        match key {
            Key::ArrowUp | Key::Char('k') => cursor = cursor.checked_sub(1).unwrap_or(count - 1),
            Key::ArrowDown | Key::Char('j') | Key::Tab => cursor = (cursor + 1) % count,
            Key::Enter => {
                term.clear_screen()?;
                term.write_line(&question_lines(ui, shown, Some(cursor)).join("\n"))?;
                return Ok(Choice::Option(cursor));
            }
            Key::Char('h') | Key::Char('H') | Key::Char('?') => {
                let total = shown.question.hints.len();
                match shown.next_hint() {
                    Some((n, h)) => hints.extend(hint_line(ui, n, total, h)),
                    None => message = no_more_hints(total),
                }
            }
            Key::Char('q') | Key::Char('Q') | Key::Escape if confirm_leave(ui)? => {
                return Ok(Choice::Quit);
            }
            Key::CtrlC => super::interrupted(),
            Key::Char(c) => match parse_input(&c.to_string(), count) {
                Input::Choose(p) => {
                    cursor = p;
                    term.clear_screen()?;
                    term.write_line(&question_lines(ui, shown, Some(cursor)).join("\n"))?;
                    return Ok(Choice::Option(p));
                }
                Input::Invalid(m) => message = m,
                _ => {}
            },
            _ => {}
        }
    }
}

fn confirm_leave(ui: &Ui) -> io::Result<bool> {
    let term = ui.term();
    term.write_line("")?;
    let answer = dialoguer::Confirm::new()
        .with_prompt("Leave the quiz? Your answers so far are saved")
        .default(false)
        .interact_on(&term);
    super::answered(answer)
}

/// The verdict after an answer: right or wrong in words and a symbol, the right option, the
/// note for a wrong choice, the worked solution and the takeaway.
fn feedback(ui: &Ui, shown: &Presented, position: usize, answer: &Answer) -> Vec<String> {
    let s = &ui.styles;
    let width = ui.width();
    let q = shown.question;
    let right_pos = shown.correct_position();
    let (right_letter, right) = shown.options().nth(right_pos).expect("answer is an option");
    let (chosen_letter, chosen) = shown.options().nth(position).expect("choice is an option");
    let mut lines = Vec::new();
    if answer.correct {
        lines.push(
            s.good
                .apply_to(format!("✓ Correct: {chosen_letter}. {}", chosen.text))
                .to_string(),
        );
    } else {
        lines.push(
            s.bad
                .apply_to(format!(
                    "✗ Not right: you chose {chosen_letter}. {}",
                    chosen.text
                ))
                .to_string(),
        );
        lines.extend(wrap(
            &format!("The right answer is {right_letter}. {}", right.text),
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
                &format!("✗ Question {n}: {}", inline(&q.takeaway, s, ui.color)),
                ui.width(),
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
