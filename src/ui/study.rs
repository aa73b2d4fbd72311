//! The study activities' screens: spaced review (`review`), the flashcards (`cards`),
//! explain-it prompts (`explain`) and the cheat sheet. The engine (`crate::review`) decides
//! what is due, how an answer rates and what the sheet says; this module only asks and shows.
//!
//! Review and explain-it read typed lines, in plain mode and in a terminal alike (in a
//! terminal they leave the alternate screen and use the normal one, as the sandbox does), so
//! a learner can write an explanation in their own words. Cards and the cheat sheet are
//! scrollable screens in a terminal and plain text otherwise.

use super::render::{code_lines, inline, text_width, wrap};
use super::screen;
use super::Ui;
use crate::content::{ExplainPrompt, Topic};
use crate::progress::{Progress, TopicProgress};
use crate::quiz::{letter, parse_input, Input, Session};
use crate::review::clock;
use crate::review::session::{self as rs, Ask, Outcome, ReviewRun};
use crate::review::{cheatsheet, ItemKey, Rating};
use std::io;

/// How a line-based activity ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Everything asked.
    Done,
    /// The learner typed `q`.
    Left,
    /// Input ran out (a pipe).
    EndOfInput,
}

fn topic_progress(progress: &Progress, topic: &Topic) -> TopicProgress {
    progress.topic(&topic.slug).cloned().unwrap_or_default()
}

fn page_label(topic: &Topic, slug: &str) -> String {
    topic
        .pages
        .iter()
        .position(|p| p.slug == slug)
        .map(|i| format!("page {}, {}", i + 1, topic.pages[i].title))
        .unwrap_or_default()
}

/// Text wrapped to the window (plain: 80 columns), with inline code styled.
fn para(ui: &Ui, text: &str, indent: &str) -> Vec<String> {
    hanging(ui, text, indent, indent)
}

/// A paragraph whose first line starts with `first` and the others with `rest`, so that a
/// "Q: " or "A: " label stands out from the text wrapped under it.
fn hanging(ui: &Ui, text: &str, first: &str, rest: &str) -> Vec<String> {
    wrap(
        &inline(text, &ui.styles, ui.color),
        text_width(ui.full_width()),
        first,
        rest,
    )
}

/// A code block, highlighted as Python, indented like the pager's.
fn code_block(ui: &Ui, source: &str) -> Vec<String> {
    code_lines("python", source, ui.full_width(), &ui.styles)
}

fn say(ui: &mut Ui, lines: Vec<String>) -> io::Result<()> {
    for l in lines {
        ui.line(l)?;
    }
    Ok(())
}

/// Reads a line; `q` (or `quit`) is `Err(Left)`, end of input `Err(EndOfInput)`.
fn read(ui: &mut Ui, prompt: &str) -> io::Result<Result<String, Ended>> {
    ui.line(ui.styles.dim.apply_to(prompt).to_string())?;
    match ui.read_line()? {
        None => Ok(Err(Ended::EndOfInput)),
        Some(l) if matches!(l.trim().to_ascii_lowercase().as_str(), "q" | "quit") => {
            Ok(Err(Ended::Left))
        }
        Some(l) => Ok(Ok(l)),
    }
}

/// `learn sessions review`: asks every due item, saving each rating at once.
#[allow(clippy::too_many_arguments)]
pub fn review(
    ui: &mut Ui,
    source: &crate::content::Source,
    topic: &Topic,
    progress: &mut Progress,
    data_dir: Option<&std::path::Path>,
    now: i64,
    seed: u64,
    shuffle: bool,
) -> io::Result<Ended> {
    if ui.interactive {
        ui.tty().leave();
    }
    let tp = topic_progress(progress, topic);
    let mut run = ReviewRun::start(topic, &tp.review, &tp.pages_read, now);
    let s = ui.styles.clone();
    ui.line(
        s.heading
            .apply_to(format!("{} · review", topic.title))
            .to_string(),
    )?;
    if run.total() == 0 {
        say(ui, nothing_due_wrapped(ui, topic, progress, now))?;
        ui.flush()?;
        return Ok(Ended::Done);
    }
    let intro = format!(
        "{} to go over now ({}). Type q to stop at any point; each answer is saved.",
        super::words::count(run.total(), "item", "items"),
        clock::iso(now)
    );
    say(
        ui,
        super::render::wrap_words(&intro, text_width(ui.full_width()), "", ""),
    )?;
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut ended = Ended::Done;
    while let Some((n, item)) = run.current() {
        let item = item.clone();
        let Some(ask) = rs::resolve(topic, &item.key) else {
            // Gone from the course since it was scheduled: skip it without rating.
            run.answer(topic, Outcome::Rated(Rating::Good));
            continue;
        };
        let what = match ask {
            Ask::Card(_) if item.new => "new card",
            Ask::Card(_) => "card",
            Ask::Question { .. } => "quiz question",
            Ask::Explain(_) => "explain it",
            Ask::Predict { .. } => "predict",
            Ask::Drill(d) => match d.kind {
                "exercise" => "fix the view",
                "order" => "put the lines in order",
                _ => "fill in the blanks",
            },
        };
        let page = page_label(topic, &item.page);
        // On a screen, "Review · item 3 of 12 · card · page 2, …": every kind of item says it
        // is review. Piped, under the review's title, "3 of 12 · card · page 2, …".
        let short = if ui.interactive {
            format!("Review · item {n} of {} · {what}", run.total())
        } else {
            let what = if what == "quiz question" {
                "question"
            } else {
                what
            };
            format!("{n} of {} · {what}", run.total())
        };
        let header = if page.is_empty() {
            short.clone()
        } else {
            format!("{short} · {page}")
        };
        // Cards, and questions in a terminal, are screens with their own header.
        let on_screen = ui.interactive;
        let header_for_predict = header.clone();
        if !on_screen {
            ui.line("")?;
            ui.line(s.heading.apply_to(&header).to_string())?;
        }
        let outcome = match ask {
            Ask::Card(card) => match ask_card(ui, header, card, None)? {
                Ok(r) => Outcome::Rated(r),
                Err(e) => {
                    ended = e;
                    break;
                }
            },
            Ask::Question { question, .. } if ui.interactive => {
                match super::quiz::ask_one(ui, topic, question, &short, rng.u64(..), shuffle)? {
                    None => {
                        ended = Ended::Left;
                        break;
                    }
                    Some((answer, leave)) => {
                        if leave {
                            ended = Ended::Left;
                        }
                        ui.tty().leave();
                        Outcome::Answered {
                            correct: answer.correct,
                            hints_used: answer.hints_used,
                        }
                    }
                }
            }
            Ask::Question { question, .. } => {
                let one = std::slice::from_ref(question);
                let mut session = Session::new(one, rng.u64(..), shuffle);
                let Some(mut shown) = session.next_question() else {
                    break;
                };
                say(ui, para(ui, &question.prompt, ""))?;
                if let Some(code) = &question.code {
                    say(ui, code_block(ui, code))?;
                }
                let options: Vec<(char, String)> =
                    shown.options().map(|(l, o)| (l, o.text.clone())).collect();
                for (l, text) in &options {
                    say(ui, para(ui, &format!("{l}. {text}"), "  "))?;
                }
                let position = loop {
                    let line = match read(ui, "Your answer (a letter; h for a hint, q to stop):")? {
                        Ok(l) => l,
                        Err(e) => {
                            ended = e;
                            break None;
                        }
                    };
                    match parse_input(&line, shown.order.len()) {
                        Input::Choose(p) => break Some(p),
                        Input::Hint => match shown.next_hint() {
                            Some((i, h)) => say(ui, para(ui, &format!("Hint {i}: {h}"), ""))?,
                            None => ui.line("No more hints.")?,
                        },
                        Input::Quit => {
                            ended = Ended::Left;
                            break None;
                        }
                        Input::Invalid(m) => ui.line(m)?,
                    }
                };
                let Some(position) = position else {
                    break;
                };
                let answer = session.answer(&shown, position);
                if answer.correct {
                    ui.line(s.good.apply_to("✓ Correct").to_string())?;
                } else {
                    let chosen = &question.options[shown.order[position]];
                    ui.line(s.bad.apply_to("✗ Not right").to_string())?;
                    if let Some(m) = &chosen.mistake {
                        say(ui, para(ui, m, "  "))?;
                    }
                    let right = shown.correct_position();
                    let text = &question.options[shown.order[right]].text;
                    say(
                        ui,
                        para(ui, &format!("The answer: {}. {text}", letter(right)), "  "),
                    )?;
                }
                say(
                    ui,
                    para(ui, &format!("Takeaway: {}", question.takeaway), ""),
                )?;
                Outcome::Answered {
                    correct: answer.correct,
                    hints_used: answer.hints_used,
                }
            }
            Ask::Explain(prompt) if ui.interactive => {
                let asked = super::explain_it::ask(ui, &mut ui.tty(), &header, prompt)?;
                ui.tty().leave();
                match asked {
                    Some(had) => Outcome::Explained { points_had: had },
                    None => {
                        ended = Ended::Left;
                        break;
                    }
                }
            }
            Ask::Explain(prompt) => match explain_one(ui, prompt)? {
                Ok(had) => Outcome::Explained { points_had: had },
                Err(e) => {
                    ended = e;
                    break;
                }
            },
            Ask::Predict { scenario } => {
                use super::predict::Reviewed;
                let checkpoint = item.key.id.split_once('/').map_or("", |(_, c)| c);
                match super::predict::review_one(
                    ui,
                    scenario,
                    checkpoint,
                    header_for_predict,
                    rng.u64(..),
                )? {
                    Reviewed::Answered { right, leave } => {
                        if leave {
                            ended = Ended::Left;
                        }
                        Outcome::Answered {
                            correct: right,
                            hints_used: 0,
                        }
                    }
                    Reviewed::Left => {
                        ended = Ended::Left;
                        break;
                    }
                    Reviewed::EndOfInput => {
                        ended = Ended::EndOfInput;
                        break;
                    }
                    // The scenario changed: skip it without rating.
                    Reviewed::Gone => {
                        run.answer(topic, Outcome::Rated(Rating::Good));
                        continue;
                    }
                }
            }
            Ask::Drill(drill) => {
                match ask_drill(
                    ui,
                    source,
                    topic,
                    progress,
                    data_dir,
                    drill,
                    (header_for_predict, &short),
                    rng.u64(..),
                )? {
                    DrillAsked::Tried(t) => Outcome::Answered {
                        correct: t.solved,
                        hints_used: t.failed,
                    },
                    DrillAsked::Redone { solved, helped } => Outcome::Answered {
                        correct: solved,
                        hints_used: helped,
                    },
                    DrillAsked::Rated(r) => Outcome::Rated(r),
                    DrillAsked::Ended(e) => {
                        ended = e;
                        break;
                    }
                    DrillAsked::Gone => {
                        run.answer(topic, Outcome::Rated(Rating::Good));
                        continue;
                    }
                }
            }
        };
        if let Some((key, rating, at)) = run.answer(topic, outcome) {
            let saved = progress.record_review(&topic.slug, &key, rating, at);
            let due = progress
                .topic(&topic.slug)
                .and_then(|t| t.review.get(&key))
                .map(|sc| clock::until(sc.due, now))
                .unwrap_or_default();
            let mut line = format!("Rated {}: next time {due}.", rating.label());
            if let crate::progress::Saved::No(why) = saved {
                line.push_str(&format!(" (Not saved: {why}.)"));
            }
            if ui.interactive {
                // The normal screen is under the next item's screen: say it there too.
                screen::notice_next(line.clone());
            }
            for l in super::render::wrap_words(&line, text_width(ui.full_width()), "", "  ") {
                ui.line(s.dim.apply_to(l).to_string())?;
            }
        }
        if ended != Ended::Done {
            break;
        }
    }
    // The last rating is on the normal screen with the summary.
    screen::clear_notice();
    ui.line("")?;
    let counts = |r: Rating| run.reviewed.iter().filter(|(_, x)| *x == r).count();
    ui.line(format!(
        "Reviewed {} of {}: Again {} · Hard {} · Good {} · Easy {}.",
        run.reviewed.len(),
        run.total(),
        counts(Rating::Again),
        counts(Rating::Hard),
        counts(Rating::Good),
        counts(Rating::Easy)
    ))?;
    if ended == Ended::Done {
        say(ui, nothing_due_wrapped(ui, topic, progress, now))?;
    }
    ui.flush()?;
    Ok(ended)
}

/// [`nothing_due_lines`], wrapped to the window.
fn nothing_due_wrapped(ui: &Ui, topic: &Topic, progress: &Progress, now: i64) -> Vec<String> {
    nothing_due_lines(ui, topic, progress, now)
        .iter()
        .flat_map(|l| super::render::wrap_words(l, text_width(ui.full_width()), "", ""))
        .collect()
}

/// "Nothing is due now; the next item in 2 days." and what to do meanwhile.
fn nothing_due_lines(ui: &Ui, topic: &Topic, progress: &Progress, now: i64) -> Vec<String> {
    let tp = topic_progress(progress, topic);
    let next = tp
        .review
        .items
        .values()
        .map(|i| i.due)
        .filter(|d| *d > now)
        .min();
    let mut out = vec![match next {
        Some(d) => format!(
            "Nothing else is due now; the next item comes back {} ({}).",
            clock::until(d, now),
            clock::iso(d)
        ),
        None if tp.pages_read.is_empty() => {
            "Nothing to review yet: read a lesson page (its flashcards join the review) or take a quiz.".into()
        }
        None => "Nothing to review yet: take a quiz or an explain-it prompt, or read more pages.".into(),
    }];
    if next.is_some() {
        out.push(
            ui.styles
                .dim
                .apply_to(format!(
                    "To look ahead, set the review clock: LEARN_NOW=+3d learn {} review",
                    topic.slug
                ))
                .to_string(),
        );
    }
    out
}

/// "1 Again · 2 Hard · 3 Good · 4 Easy" until a rating is typed.
fn ask_rating(ui: &mut Ui) -> io::Result<Result<Rating, Ended>> {
    loop {
        match read(
            ui,
            "How well did you remember it? 1 Again · 2 Hard · 3 Good · 4 Easy (q to stop)",
        )? {
            Err(e) => return Ok(Err(e)),
            Ok(l) => match Rating::parse(&l) {
                Some(r) => return Ok(Ok(r)),
                None => ui.line(format!(
                    "\"{}\" is not a rating: type 1, 2, 3 or 4 (or again, hard, good, easy).",
                    l.trim()
                ))?,
            },
        }
    }
}

/// One explain-it prompt: the learner's words, the model answer, the checklist. Returns how
/// many points the learner says they had.
fn explain_one(ui: &mut Ui, prompt: &ExplainPrompt) -> io::Result<Result<usize, Ended>> {
    let s = ui.styles.clone();
    say(ui, para(ui, &prompt.prompt, ""))?;
    if let Some(code) = &prompt.code {
        say(ui, code_block(ui, code))?;
    }
    let typed = match read(
        ui,
        "Write your answer on one line (Enter alone to skip; q to stop):",
    )? {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    let skipped = typed.trim().is_empty();
    ui.line(s.strong.apply_to("A model answer:").to_string())?;
    say(ui, para(ui, &prompt.model_answer, "  "))?;
    ui.line(s.strong.apply_to("A good answer contains:").to_string())?;
    for (i, p) in prompt.points.iter().enumerate() {
        say(ui, para(ui, &format!("{}. {p}", i + 1), "  "))?;
    }
    if skipped {
        ui.line("Skipped: it comes back soon, so you can try it in your own words.")?;
        return Ok(Ok(0));
    }
    let n = prompt.points.len();
    loop {
        let line = match read(
            ui,
            "Which points did you have? Type their numbers (1 3), all, or none (q to stop).",
        )? {
            Ok(l) => l,
            Err(e) => return Ok(Err(e)),
        };
        match parse_points(&line, n) {
            Ok(had) => return Ok(Ok(had)),
            Err(m) => ui.line(m)?,
        }
    }
}

/// `1 3`, `1,3`, `all`, `none` or empty → how many distinct points.
pub fn parse_points(line: &str, total: usize) -> Result<usize, String> {
    let t = line.trim().to_ascii_lowercase();
    match t.as_str() {
        "" | "none" | "0" => return Ok(0),
        "all" | "a" => return Ok(total),
        _ => {}
    }
    let mut seen = std::collections::BTreeSet::new();
    for part in t
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        match part.parse::<usize>() {
            Ok(k) if (1..=total).contains(&k) => {
                seen.insert(k);
            }
            _ => {
                return Err(format!(
                    "\"{part}\" is not a point: type numbers from 1 to {total}, all, or none."
                ))
            }
        }
    }
    Ok(seen.len())
}

/// `learn sessions explain [PAGE]`: the prompts after one page.
pub fn explain(
    ui: &mut Ui,
    topic: &Topic,
    page: usize,
    progress: &mut Progress,
    now: i64,
) -> io::Result<Ended> {
    if ui.interactive {
        return explain_on_screens(ui, topic, page, progress, now);
    }
    let slug = topic.pages[page].slug.clone();
    let s = ui.styles.clone();
    ui.line(
        s.heading
            .apply_to(format!("Explain it · {}", page_label(topic, &slug)))
            .to_string(),
    )?;
    let prompts: Vec<ExplainPrompt> = topic.study.prompts_for(&slug).cloned().collect();
    if prompts.is_empty() {
        ui.line("This page has no explain-it prompt yet.")?;
        ui.flush()?;
        return Ok(Ended::Done);
    }
    for (i, prompt) in prompts.iter().enumerate() {
        ui.line("")?;
        ui.line(
            s.strong
                .apply_to(format!("Prompt {} of {}", i + 1, prompts.len()))
                .to_string(),
        )?;
        match explain_one(ui, prompt)? {
            Ok(had) => {
                let rating = crate::review::rate_explain(had, prompt.points.len());
                let key = ItemKey::explain(&prompt.id);
                progress.record_review(&topic.slug, &key, rating, now);
                let due = progress
                    .topic(&topic.slug)
                    .and_then(|t| t.review.get(&key))
                    .map(|sc| clock::until(sc.due, now))
                    .unwrap_or_default();
                ui.line(
                    s.dim
                        .apply_to(format!(
                            "{had} of {} points. It comes back in review {due}.",
                            prompt.points.len()
                        ))
                        .to_string(),
                )?;
            }
            Err(e) => {
                ui.flush()?;
                return Ok(e);
            }
        }
    }
    ui.flush()?;
    Ok(Ended::Done)
}

/// `explain` in a terminal: each prompt on its screens, then what was recorded.
fn explain_on_screens(
    ui: &mut Ui,
    topic: &Topic,
    page: usize,
    progress: &mut Progress,
    now: i64,
) -> io::Result<Ended> {
    let slug = topic.pages[page].slug.clone();
    let label = page_label(topic, &slug);
    let prompts: Vec<ExplainPrompt> = topic.study.prompts_for(&slug).cloned().collect();
    let mut lines = Vec::new();
    let mut ended = Ended::Done;
    if prompts.is_empty() {
        lines.push("This page has no explain-it prompt yet.".to_string());
    }
    for (i, prompt) in prompts.iter().enumerate() {
        let header = format!(
            "Explain it · page {} · {} of {}",
            page + 1,
            i + 1,
            prompts.len()
        );
        match explain_prompt_on_screens(
            ui,
            &mut ui.tty(),
            &topic.slug,
            &header,
            prompt,
            progress,
            now,
        )? {
            Some(line) => lines.push(line),
            None => {
                ended = Ended::Left;
                break;
            }
        }
    }
    if !lines.is_empty() {
        super::screen::run(
            &mut ui.tty(),
            &mut super::screen::Lines::text(format!("Explain it · {label}"), "go on", lines),
        )?;
    }
    Ok(ended)
}

/// One prompt on its screens, recorded in review: the line saying how it went, or `None`
/// when the learner left.
pub fn explain_prompt_on_screens(
    ui: &Ui,
    tty: &mut super::screen::Tty,
    topic_slug: &str,
    header: &str,
    prompt: &ExplainPrompt,
    progress: &mut Progress,
    now: i64,
) -> io::Result<Option<String>> {
    let Some(had) = super::explain_it::ask(ui, tty, header, prompt)? else {
        return Ok(None);
    };
    let rating = crate::review::rate_explain(had, prompt.points.len());
    let key = ItemKey::explain(&prompt.id);
    let saved = progress.record_review(topic_slug, &key, rating, now);
    let due = progress
        .topic(topic_slug)
        .and_then(|t| t.review.get(&key))
        .map(|sc| clock::until(sc.due, now))
        .unwrap_or_default();
    let mut line = format!(
        "{had} of {} points. It comes back in review {due}.",
        prompt.points.len()
    );
    if let crate::progress::Saved::No(why) = saved {
        line.push_str(&format!(" (Not saved: {why}.)"));
    }
    Ok(Some(line))
}

/// The page `explain` starts from: the last page read, or the first.
pub fn explain_default_page(topic: &Topic, progress: &Progress) -> usize {
    progress
        .topic(&topic.slug)
        .and_then(|t| t.pages_read.last())
        .and_then(|slug| topic.page_index(slug))
        .unwrap_or(0)
}

/// The flashcards as lines, grouped by page; `only`: one page's.
pub fn card_lines(ui: &Ui, topic: &Topic, only: Option<usize>) -> Vec<String> {
    let s = &ui.styles;
    let mut out = Vec::new();
    for (i, page) in topic.pages.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        let cards: Vec<_> = topic
            .study
            .cards
            .iter()
            .filter(|c| c.page == page.slug)
            .collect();
        if cards.is_empty() {
            if only.is_some() {
                out.push("This page has no flashcards.".into());
            }
            continue;
        }
        out.push(
            s.heading
                .apply_to(format!(
                    "{}. {} ({})",
                    i + 1,
                    page.title,
                    super::words::count(cards.len(), "card", "cards")
                ))
                .to_string(),
        );
        for c in cards {
            out.extend(hanging(ui, &format!("Q: {}", c.front), "  ", "     "));
            if let Some(code) = &c.code {
                out.extend(code_block(ui, code));
            }
            out.extend(hanging(ui, &format!("A: {}", c.back), "  ", "     "));
            out.push(String::new());
        }
    }
    out
}

/// `learn sessions cards [PAGE]`.
pub fn cards(ui: &mut Ui, topic: &Topic, only: Option<usize>) -> io::Result<()> {
    show_lines(
        ui,
        format!("{} · flashcards", topic.title),
        |ui, _width| {
            // The cards are wrapped to the terminal's width, read as they are made.
            let mut lines = para(
            ui,
            &format!(
                "{} flashcards. Review brings them back, spaced out, once you have read their page.",
                topic.study.cards.len()
            ),
            "",
        );
            lines.push(String::new());
            lines.extend(card_lines(ui, topic, only));
            lines
        },
    )
}

/// The cheat sheet, in text form, fitted to `width` (see [`fit_sheet_line`]).
pub fn cheatsheet_lines(ui: &Ui, topic: &Topic, width: usize) -> Vec<String> {
    match &topic.study.cheatsheet {
        Some(sheet) => cheatsheet::render(sheet, topic, cheatsheet::Format::Text)
            .lines()
            .flat_map(|l| fit_sheet_line(l, width))
            .map(|l| inline(&l, &ui.styles, ui.color))
            .collect(),
        None => vec!["This course has no cheat sheet.".into()],
    }
}

/// A line of the text cheat sheet made to fit `width`. A two-column row ("  code   what it
/// does") keeps its code whole and wraps the description under its own column; when that
/// column leaves too little room, the description goes below the code, indented. Other lines
/// wrap under their own indentation (a numbered line under its text).
fn fit_sheet_line(line: &str, width: usize) -> Vec<String> {
    use super::render::{display_width, wrap_words};
    let width = width.max(20);
    if display_width(line) <= width {
        return vec![line.to_owned()];
    }
    let indent = line.len() - line.trim_start().len();
    let body = &line[indent..];
    let lead = " ".repeat(indent);
    // Two columns: the first run of two or more spaces after the code.
    if let Some(gap) = body.find("  ") {
        let code = &body[..gap];
        let rest = body[gap..].trim_start();
        let column = display_width(line) - display_width(rest);
        if !rest.is_empty() && column + 30 <= width {
            let first = format!(
                "{lead}{code}{}",
                " ".repeat(column - indent - display_width(code))
            );
            return wrap_words(rest, width, &first, &" ".repeat(column));
        }
        if !rest.is_empty() {
            let mut out = wrap_words(code, width, &lead, &format!("{lead}    "));
            out.extend(wrap_words(
                rest,
                width,
                &format!("{lead}    "),
                &format!("{lead}    "),
            ));
            return out;
        }
    }
    // "1. text" continues under "text".
    let hang = match body.split_once(". ") {
        Some((n, _)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => n.len() + 2,
        _ => 0,
    };
    wrap_words(body, width, &lead, &" ".repeat(indent + hang.max(2)))
}

/// `learn sessions cheatsheet [--format markdown]`.
pub fn cheatsheet(ui: &mut Ui, topic: &Topic, markdown: bool) -> io::Result<()> {
    if markdown {
        let text = topic
            .study
            .cheatsheet
            .as_ref()
            .map(|sheet| cheatsheet::render(sheet, topic, cheatsheet::Format::Markdown))
            .unwrap_or_else(|| "This course has no cheat sheet.\n".into());
        if ui.interactive {
            ui.tty().leave();
        }
        for l in text.lines() {
            ui.line(l)?;
        }
        return ui.flush();
    }
    show_lines(
        ui,
        format!("{} · cheat sheet", topic.title),
        |ui, width| cheatsheet_lines(ui, topic, width),
    )
}

/// A scrollable screen in a terminal, laid out again after a resize; plain lines otherwise.
/// `lines` makes the lines for a width.
fn show_lines(
    ui: &mut Ui,
    title: String,
    lines: impl Fn(&Ui, usize) -> Vec<String>,
) -> io::Result<()> {
    if ui.interactive {
        let ui: &Ui = ui;
        screen::run(
            &mut ui.tty(),
            &mut screen::Lines::new(title, "leave", |width| lines(ui, width)),
        )
    } else {
        let lines = lines(ui, ui.width());
        ui.line(ui.styles.heading.apply_to(&title).to_string())?;
        ui.line("")?;
        say(ui, lines)?;
        ui.flush()
    }
}

/// Progress lines about review and the test's before/after scores.
pub fn progress_lines(ui: &Ui, topic: &Topic, progress: &Progress, now: i64) -> Vec<String> {
    let s = &ui.styles;
    let tp = topic_progress(progress, topic);
    let mut out = vec![String::new(), s.strong.apply_to("Review").to_string()];
    let c = rs::due_count(topic, &tp.review, &tp.pages_read, now);
    out.push(format!(
        "  {} scheduled · {} due now · {} waiting",
        super::words::count(tp.review.items.len(), "item", "items"),
        c.due,
        super::words::count(c.new_cards, "new card", "new cards")
    ));
    let (pre, post) = tp.review.before_and_after();
    let score = |x: Option<&crate::review::TestSitting>| {
        x.map(|t| format!("{}/{}", t.correct, t.questions.len()))
            .unwrap_or_else(|| "not taken".into())
    };
    if topic.quizzes.iter().any(|q| q.draw.is_some()) {
        out.push(format!(
            "  Test: before the lesson {} · after {}",
            score(pre),
            score(post)
        ));
    }
    out
}

/// `review --json` and the review part of `progress --json`.
pub fn schedule_json(topic: &Topic, progress: &Progress, now: i64) -> serde_json::Value {
    let tp = topic_progress(progress, topic);
    let view = rs::schedule(topic, &tp.review, &tp.pages_read, now);
    let (pre, post) = tp.review.before_and_after();
    serde_json::json!({
        "topic": topic.slug,
        "schedule": view,
        "pretest": pre,
        "post_test": post,
    })
}

/// A flashcard on a screen: the front, Enter shows the back, 1–4 rate it.
struct CardScreen<'a> {
    ui: &'a Ui,
    header: String,
    card: &'a crate::content::Card,
    /// Code shown with the answer (an exercise's fixed views).
    answer_code: Option<&'a str>,
    revealed: bool,
    /// The body row where the answer starts, brought into view when it is revealed.
    answer_row: usize,
}

impl screen::Screen for CardScreen<'_> {
    /// `None`: the learner left.
    type Output = Option<Rating>;
    fn header(&self) -> String {
        self.header.clone()
    }
    fn body(&mut self, _width: usize) -> Vec<String> {
        let mut out = para(self.ui, &self.card.front, "");
        if let Some(code) = &self.card.code {
            out.push(String::new());
            out.extend(code_block(self.ui, code));
        }
        out.push(String::new());
        if self.revealed {
            self.answer_row = out.len();
            out.extend(para(self.ui, &format!("Answer: {}", self.card.back), ""));
            if let Some(code) = self.answer_code {
                out.push(String::new());
                out.extend(code_block(self.ui, code));
            }
            out.push(String::new());
            out.push("How well did you remember it?".into());
        } else {
            out.push(
                self.ui
                    .styles
                    .dim
                    .apply_to("Recall the answer, then press Enter to see it.")
                    .to_string(),
            );
        }
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<screen::Hint> {
        if self.revealed {
            vec![
                screen::hint("1", "Again").kept(),
                screen::hint("2", "Hard").kept(),
                screen::hint("3", "Good").kept(),
                screen::hint("4", "Easy").kept(),
                screen::hint("q", "stop"),
            ]
        } else {
            vec![
                screen::hint("Enter", "show the answer"),
                screen::hint("q", "stop"),
            ]
        }
    }
    fn focus(&self) -> Option<usize> {
        self.revealed.then_some(self.answer_row)
    }
    fn handle(
        &mut self,
        key: &console::Key,
        _ctx: &mut screen::Ctx,
    ) -> io::Result<screen::Outcome<Option<Rating>>> {
        use console::Key;
        Ok(match key {
            Key::Enter if !self.revealed => {
                self.revealed = true;
                screen::Outcome::Stay
            }
            Key::Char(c @ '1'..='4') if self.revealed => {
                screen::Outcome::Done(Rating::parse(&c.to_string()))
            }
            Key::Char('q') => screen::Outcome::Done(None),
            _ => screen::Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<Option<Rating>> {
        Some(None)
    }
}

/// Asks a flashcard on a screen (terminal) or with typed lines (plain).
fn ask_card(
    ui: &mut Ui,
    header: String,
    card: &crate::content::Card,
    answer_code: Option<&str>,
) -> io::Result<Result<Rating, Ended>> {
    if ui.interactive {
        let mut tty = ui.tty();
        let mut sc = CardScreen {
            ui,
            header,
            card,
            answer_code,
            revealed: false,
            answer_row: 0,
        };
        let rated = screen::run(&mut tty, &mut sc)?;
        tty.leave();
        return Ok(rated.ok_or(Ended::Left));
    }
    let _ = header; // printed by the review loop in plain mode
    say(ui, para(ui, &card.front, ""))?;
    if let Some(code) = &card.code {
        say(ui, code_block(ui, code))?;
    }
    if let Err(e) = read(
        ui,
        "Recall the answer, then press Enter to see it (q to stop).",
    )? {
        return Ok(Err(e));
    }
    say(ui, para(ui, &format!("Answer: {}", card.back), ""))?;
    if let Some(code) = answer_code {
        say(ui, code_block(ui, code))?;
    }
    ask_rating(ui)
}

/// How an exercise, Parsons or blanks problem went when review asked it again.
enum DrillAsked {
    /// Parsons and blanks: the checks made.
    Tried(super::items::Tries),
    /// An exercise fixed again: solved or not, and how often the learner needed help
    /// (failed checks and hints seen).
    Redone {
        solved: bool,
        helped: usize,
    },
    /// An exercise, recalled like a card and rated by the learner (when there is no data
    /// directory to write its file in).
    Rated(Rating),
    Ended(Ended),
    /// Gone from the course (or it no longer loads): skipped without a rating.
    Gone,
}

/// Asks an exercise, Parsons or blanks problem in review, and rates it by its checks: a
/// Parsons or blanks problem is solved again (on a screen, or typed in plain form); an
/// exercise is fixed again, from a fresh copy of its broken views, in the learner's editor
/// (the exercise screen; piped, typed commands check the file). Without a data directory for
/// that file, an exercise is a short check: its goal and broken views, recall what is wrong
/// and the fix, then see the hints and the fixed views and rate how well it was remembered.
#[allow(clippy::too_many_arguments)]
fn ask_drill(
    ui: &mut Ui,
    source: &crate::content::Source,
    topic: &Topic,
    progress: &mut Progress,
    data_dir: Option<&std::path::Path>,
    drill: &crate::content::Drill,
    (header, short): (String, &str),
    seed: u64,
) -> io::Result<DrillAsked> {
    use crate::activity::{blanks, parsons, progress::EXERCISE};
    let tried = |t: super::items::Tries| {
        if t.checked() {
            DrillAsked::Tried(t)
        } else {
            DrillAsked::Ended(Ended::Left)
        }
    };
    match drill.kind {
        parsons::KIND => {
            let Some(p) = super::order::load(source, topic)
                .ok()
                .and_then(|all| all.into_iter().find(|p| p.name == drill.name))
            else {
                return Ok(DrillAsked::Gone);
            };
            let t = if ui.interactive {
                let t =
                    super::order::solve_on_screen(ui, topic, progress, &p, seed, Some(&header))?;
                ui.tty().leave();
                t
            } else {
                super::order::solve_plain(ui, topic, progress, &p, seed)?
            };
            Ok(tried(t))
        }
        blanks::KIND => {
            let Some(b) = super::blanks::load(source, topic)
                .ok()
                .and_then(|all| all.into_iter().find(|b| b.name == drill.name))
            else {
                return Ok(DrillAsked::Gone);
            };
            let t = if ui.interactive {
                let t = super::blanks::solve_on_screen(ui, topic, progress, &b, Some(short))?;
                ui.tty().leave();
                t
            } else {
                super::blanks::solve_plain(ui, topic, progress, &b)?
            };
            Ok(tried(t))
        }
        EXERCISE => {
            let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
            let Some(ex) = crate::activity::exercise::load_topic(source, &topic.slug, &pages)
                .ok()
                .and_then(|(all, _)| all.into_iter().find(|e| e.name == drill.name))
            else {
                return Ok(DrillAsked::Gone);
            };
            let file = data_dir.map(|d| {
                super::exercise::review_file(&super::exercise::default_dir(d, topic), &ex)
            });
            match file {
                Some(Ok(path)) => {
                    use super::exercise::Redo;
                    let redone = super::exercise::redo(ui, topic, &ex, &path, progress, header)
                        .map_err(|e| io::Error::other(e.to_string()))?;
                    if ui.interactive {
                        ui.tty().leave();
                    }
                    return Ok(match redone {
                        Redo::Solved { failed, hints } => DrillAsked::Redone {
                            solved: true,
                            helped: failed + hints,
                        },
                        Redo::GaveUp => DrillAsked::Redone {
                            solved: false,
                            helped: 0,
                        },
                        Redo::Left => DrillAsked::Ended(Ended::Left),
                        Redo::EndOfInput => DrillAsked::Ended(Ended::EndOfInput),
                    });
                }
                Some(Err(e)) => {
                    let why = format!(
                        "Cannot write the exercise's file for this review ({e}): recall the fix instead."
                    );
                    say(ui, para(ui, &why, ""))?;
                }
                None => {}
            }
            let hints: Vec<String> = ex
                .hints
                .iter()
                .enumerate()
                .map(|(i, h)| format!("({}) {h}", i + 1))
                .collect();
            let card = crate::content::Card {
                id: ex.name.clone(),
                page: ex.page.clone(),
                front: format!(
                    "Fix the view: {}. Goal: {} What is wrong in these views, and how do you fix it? Recall it before you look.",
                    ex.title, ex.goal
                ),
                back: format!("{} The fixed views:", hints.join(" ")),
                code: Some(ex.starting_views().to_string()),
            };
            Ok(match ask_card(ui, header, &card, Some(&ex.solution))? {
                Ok(r) => DrillAsked::Rated(r),
                Err(e) => DrillAsked::Ended(e),
            })
        }
        _ => Ok(DrillAsked::Gone),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_points;

    #[test]
    fn points_are_read_as_numbers_all_or_none() {
        assert_eq!(parse_points("1 3", 3), Ok(2));
        assert_eq!(parse_points("1,3,3", 3), Ok(2));
        assert_eq!(parse_points("all", 4), Ok(4));
        assert_eq!(parse_points("", 4), Ok(0));
        assert_eq!(parse_points("none", 4), Ok(0));
        assert!(parse_points("5", 4).unwrap_err().contains("1 to 4"));
        assert!(parse_points("x", 4).is_err());
    }
}
