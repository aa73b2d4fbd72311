//! The topic menu, built from what the topic has: its lesson, its quizzes, and the
//! activities that exist, so a new activity or quiz appears without changing this screen.

use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::Ui;
use crate::content::Topic;
use crate::progress::Progress;
use console::Key;
use std::io;

/// What the learner can do from the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activity {
    Read,
    Quiz(String),
    /// The stepper with predict checkpoints.
    Predict,
    /// The stepper alone, to watch a scenario.
    Simulate,
    Sandbox,
    /// Fix a broken view in the learner's editor.
    Exercise,
    /// Put a view's lines in order (Parsons problems).
    Order,
    /// Fill in the blanks of a worked view.
    Blanks,
    Progress,
    Explain,
    Review,
    Cards,
    CheatSheet,
    Quit,
}

/// What every learner goes round, said once above the list.
pub const CYCLE: &str =
    "Go round these activities in order, and come back to them: each one helps the others stick.";

/// The entries, in the order a newcomer meets them (pretest, lesson, stepper with predict,
/// sandbox, fix the view, order the lines, fill the blanks, practice quiz, explain it, review;
/// then flashcards, the plain stepper, the cheat sheet and progress), each labelled with its state and what it is for. Done entries start
/// with ✓.
/// The problems of the activities kept in files of their own (by name, in course order),
/// which the menu cannot read from the topic.
#[derive(Debug, Clone, Default)]
pub struct More {
    /// Exercises (fix a broken view); empty when there is no data directory to keep the
    /// learner's files in.
    pub exercises: Vec<String>,
    pub order: Vec<String>,
    pub blanks: Vec<String>,
}

pub fn entries(
    topic: &Topic,
    progress: &Progress,
    now: i64,
    more: &More,
) -> Vec<(Activity, String)> {
    let tp = progress.topic(&topic.slug).cloned().unwrap_or_default();
    let read = topic
        .pages
        .iter()
        .filter(|p| tp.pages_read.contains(&p.slug))
        .count();
    let done = |yes: bool, label: String| {
        if yes {
            format!("✓ {label}")
        } else {
            label
        }
    };
    let mut items = Vec::new();
    // The bank-drawn test first (the pretest before any reading), the other quizzes later.
    let (tests, practice): (Vec<_>, Vec<_>) = topic.quizzes.iter().partition(|q| q.draw.is_some());
    for quiz in tests {
        let spec = quiz.draw.expect("partitioned on draw");
        let (pre, post) = tp.review.before_and_after();
        let label = if tp.pages_read.is_empty() {
            format!(
                "Pretest: try the test before you read; wrong answers now help you learn ({} questions)",
                spec.total()
            )
        } else {
            let score =
                |t: &crate::review::TestSitting| format!("{}/{}", t.correct, t.questions.len());
            let mut label = format!(
                "{} ({} questions drawn from {}): again after the lesson, to see what stuck",
                quiz.title,
                spec.total(),
                quiz.questions.len()
            );
            if let Some(p) = pre {
                label.push_str(&format!(" · pretest {}", score(p)));
            }
            if let Some(p) = post {
                label.push_str(&format!(" · last {}", score(p)));
            }
            done(post.is_some(), label)
        };
        items.push((Activity::Quiz(quiz.name.clone()), label));
    }
    items.push((
        Activity::Read,
        done(
            read == topic.pages.len() && read > 0,
            format!(
                "Read the lesson ({read} of {} pages read): the ideas, page by page",
                topic.pages.len()
            ),
        ),
    ));
    if !topic.scenarios.is_empty() {
        let names = topic.scenarios.iter().map(|s| s.name.as_str());
        let predicted = crate::activity::progress::done_count(
            &tp,
            crate::activity::predict::KIND,
            names.clone(),
        );
        let (right, asked) = tp
            .activities
            .get(crate::activity::predict::KIND)
            .map(|m| {
                m.values()
                    .fold((0u32, 0u32), |(r, a), x| (r + x.best, a + x.out_of))
            })
            .unwrap_or((0, 0));
        let mut state = format!("{predicted} of {} scenarios", topic.scenarios.len());
        if asked > 0 {
            state.push_str(&format!(", {right}/{asked} right"));
        }
        items.push((
            Activity::Predict,
            done(
                predicted == topic.scenarios.len(),
                format!("Predict, then see ({state}): guess each outcome, then watch it happen"),
            ),
        ));
    }
    items.push((
        Activity::Sandbox,
        "Sandbox: try statements inside a view".into(),
    ));
    for (activity, kind, names, what) in [
        (
            Activity::Exercise,
            "exercise",
            &more.exercises,
            "Fix the view ({d} of {n} done): repair broken views in your editor, checked on save",
        ),
        (
            Activity::Order,
            "order",
            &more.order,
            "Put the lines in order ({d} of {n} done): rebuild a view from its shuffled lines",
        ),
        (
            Activity::Blanks,
            "blanks",
            &more.blanks,
            "Fill in the blanks ({d} of {n} done): complete worked views, checked by running them",
        ),
    ] {
        if names.is_empty() {
            continue;
        }
        let d = crate::activity::progress::done_count(&tp, kind, names.iter().map(String::as_str));
        let label = what
            .replace("{d}", &d.to_string())
            .replace("{n}", &names.len().to_string());
        items.push((activity, done(d == names.len(), label)));
    }
    for quiz in practice {
        let best = tp
            .attempts
            .iter()
            .filter(|a| a.quiz == quiz.name)
            .map(|a| a.score())
            .max_by_key(|s| s.correct);
        let state = match best {
            Some(b) => format!("best {}/{}", b.correct, b.total),
            None => format!("{} questions", quiz.questions.len()),
        };
        items.push((
            Activity::Quiz(quiz.name.clone()),
            done(
                best.is_some_and(|b| b.total > 0 && b.correct == b.total),
                format!("{} ({state}): hints and worked answers", quiz.title),
            ),
        ));
    }
    if !topic.study.prompts.is_empty() {
        let explained = topic
            .study
            .prompts
            .iter()
            .filter(|p| {
                tp.review
                    .get(&crate::review::ItemKey::explain(&p.id))
                    .is_some()
            })
            .count();
        items.push((
            Activity::Explain,
            done(
                explained == topic.study.prompts.len(),
                format!(
                    "Explain it ({explained} of {} prompts): the last page read, in your own words",
                    topic.study.prompts.len()
                ),
            ),
        ));
    }
    let due = crate::review::session::due_count(topic, &tp.review, &tp.pages_read, now);
    items.push((
        Activity::Review,
        match (due.due, due.new_cards) {
            (0, 0) => "Review: nothing due now".to_string(),
            (d, 0) => format!("Review: {d} due now"),
            (d, n) => format!(
                "Review: {d} due now, {}",
                super::words::count(n, "new flashcard", "new flashcards")
            ),
        },
    ));
    if !topic.study.cards.is_empty() {
        items.push((
            Activity::Cards,
            format!("Flashcards: browse all {}", topic.study.cards.len()),
        ));
    }
    if !topic.scenarios.is_empty() {
        let watched = topic
            .scenarios
            .iter()
            .filter(|s| tp.scenarios_completed.contains(&s.name))
            .count();
        items.push((
            Activity::Simulate,
            format!(
                "Step through simulated requests ({watched} of {} done): watch, without questions",
                topic.scenarios.len()
            ),
        ));
    }
    if topic.study.cheatsheet.is_some() {
        items.push((
            Activity::CheatSheet,
            "Cheat sheet: API, settings, middleware decisions, common mistakes".into(),
        ));
    }
    items.push((Activity::Progress, "Your progress".into()));
    items.push((Activity::Quit, "Quit".into()));
    items
}

/// A list to pick from with ↑/↓ and Enter, or by number: the menu and the scenario list.
struct Pick<'a> {
    ui: &'a Ui,
    title: String,
    intro: Vec<String>,
    question: String,
    labels: Vec<String>,
    cursor: usize,
    back: &'static str,
    message: Option<String>,
    /// A number being typed (`1` of `12`), while a longer one could still follow.
    typed: String,
}

impl Pick<'_> {
    /// A digit typed: opens the entry when no longer number starts with what was typed,
    /// else moves the cursor there and waits for the next digit or Enter.
    fn digit(&mut self, c: char) -> Outcome<Option<usize>> {
        let n = self.labels.len();
        let mut typed = std::mem::take(&mut self.typed);
        typed.push(c);
        let value: usize = typed.parse().unwrap_or(0);
        if value == 0 || value > n {
            self.message = Some(format!("There is no {typed}: the list goes from 1 to {n}."));
            return Outcome::Stay;
        }
        self.cursor = value - 1;
        if value * 10 <= n {
            let last = n.min(value * 10 + 9);
            self.message = Some(format!(
                "{value}: Enter opens it; a second digit opens {}–{last}.",
                value * 10
            ));
            self.typed = typed;
            return Outcome::Stay;
        }
        Outcome::Done(Some(value - 1))
    }

    fn first_item_line(&self, width: usize) -> usize {
        let intro: usize = self
            .intro
            .iter()
            .map(|t| super::render::wrap(t, super::render::text_width(width), "", "").len())
            .sum();
        intro + usize::from(!self.intro.is_empty()) + 1
    }
    fn item_lines(&self, width: usize) -> (Vec<String>, Vec<usize>) {
        let s = &self.ui.styles;
        let mut out = Vec::new();
        let mut starts = Vec::new();
        let digits = self.labels.len().to_string().len();
        for (i, label) in self.labels.iter().enumerate() {
            starts.push(out.len());
            let selected = i == self.cursor;
            let mark = if selected { "❯ " } else { "  " };
            let text = format!(
                "{:>digits$}. {}",
                i + 1,
                super::render::inline(label, s, self.ui.color)
            );
            let text = if selected {
                s.selected.apply_to(text).to_string()
            } else {
                text
            };
            out.extend(super::render::wrap(
                &text,
                width,
                mark,
                &" ".repeat(digits + 4),
            ));
        }
        (out, starts)
    }
}

impl Screen for Pick<'_> {
    type Output = Option<usize>;
    fn header(&self) -> String {
        self.title.clone()
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        for t in &self.intro {
            out.extend(super::render::wrap(
                &super::render::inline(t, &self.ui.styles, self.ui.color),
                super::render::text_width(width),
                "",
                "",
            ));
        }
        if !self.intro.is_empty() {
            out.push(String::new());
        }
        out.push(self.ui.styles.strong.apply_to(&self.question).to_string());
        out.extend(self.item_lines(width).0);
        out
    }
    fn uses_arrows(&self) -> bool {
        true
    }
    fn focus(&self) -> Option<usize> {
        let width = self.ui.full_width();
        let (_, starts) = self.item_lines(width);
        Some(self.first_item_line(width) + starts.get(self.cursor).copied().unwrap_or(0))
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        // Numbers open entries (two digits past nine).
        let numbers = self.labels.len();
        vec![
            hint("↑/↓", "choose"),
            hint("Enter", "open"),
            hint("q/Esc", self.back),
            hint(&format!("1–{numbers}"), "open by number"),
        ]
    }
    fn message(&mut self) -> Option<String> {
        self.message.take()
    }
    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<Option<usize>>> {
        let n = self.labels.len();
        if let Key::Char(c @ '0'..='9') = key {
            return Ok(self.digit(*c));
        }
        // Any other key ends a number being typed.
        self.typed.clear();
        Ok(match key {
            Key::ArrowUp | Key::Char('k') => {
                self.cursor = self.cursor.checked_sub(1).unwrap_or(n - 1);
                // Back on the first entry, the introduction above it comes back into view.
                ctx.to_top = self.cursor == 0;
                Outcome::Stay
            }
            Key::ArrowDown | Key::Char('j') | Key::Tab => {
                self.cursor = (self.cursor + 1) % n;
                Outcome::Stay
            }
            Key::Home => {
                self.cursor = 0;
                ctx.to_top = true;
                Outcome::Stay
            }
            Key::End => {
                self.cursor = n - 1;
                Outcome::Stay
            }
            Key::Enter => Outcome::Done(Some(self.cursor)),
            Key::Char('q') => Outcome::Done(None),
            _ => Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<Option<usize>> {
        Some(None)
    }
}

/// Asks what to do next, starting at `cursor` (kept for the next time). `None` means leave
/// (Quit, Esc, or end of input).
pub fn choose(
    ui: &mut Ui,
    topic: &Topic,
    progress: &Progress,
    cursor: &mut usize,
    now: i64,
    more: &More,
) -> io::Result<Option<Activity>> {
    let items = entries(topic, progress, now, more);
    if ui.interactive {
        let mut pick = Pick {
            ui,
            title: topic.title.clone(),
            intro: vec![topic.summary.clone(), CYCLE.into()],
            question: "What next? (↑/↓ and Enter, or a number; Esc to quit)".into(),
            labels: items.iter().map(|(_, l)| l.clone()).collect(),
            cursor: (*cursor).min(items.len() - 1),
            back: "quit",
            message: None,
            typed: String::new(),
        };
        let mut tty = ui.tty();
        let picked = screen::run(&mut tty, &mut pick)?;
        *cursor = pick.cursor;
        return Ok(picked
            .map(|i| items[i].0.clone())
            .filter(|a| *a != Activity::Quit));
    }
    ui.line(ui.styles.heading.apply_to(&topic.title).to_string())?;
    let summary = super::render::inline(&topic.summary, &ui.styles, ui.color);
    for l in super::render::wrap(&summary, ui.width(), "", "") {
        ui.line(l)?;
    }
    for l in super::render::wrap(CYCLE, ui.width(), "", "") {
        ui.line(l)?;
    }
    ui.line("")?;
    let digits = items.len().to_string().len();
    for (i, (_, label)) in items.iter().enumerate() {
        let text = format!("  {:>digits$}. {label}", i + 1);
        for l in super::render::wrap(&text, ui.width(), "", &" ".repeat(digits + 4)) {
            ui.line(l)?;
        }
    }
    let picked = ui.choose_number(items.len(), |_| None)?;
    Ok(picked
        .map(|i| items[i].0.clone())
        .filter(|a| *a != Activity::Quit))
}

/// Asks which bundled scenario to step through, starting at `cursor`. `None`: go back.
pub fn pick_scenario(
    ui: &mut Ui,
    topic: &Topic,
    progress: &Progress,
    cursor: &mut usize,
) -> io::Result<Option<String>> {
    let done = |name: &str| {
        progress
            .topic(&topic.slug)
            .is_some_and(|t| t.scenarios_completed.iter().any(|s| s == name))
    };
    let mut items = Vec::new();
    for s in &topic.scenarios {
        let (title, summary) = match crate::sim::load_scenario(&s.file().path, &s.file().text) {
            Ok(sc) => (sc.title, sc.summary),
            Err(e) => (format!("(cannot be read: {e})"), String::new()),
        };
        items.push((s.name.clone(), title, summary));
    }
    if items.is_empty() {
        ui.line("This topic has no scenarios to step through.")?;
        return Ok(None);
    }
    if ui.interactive {
        let labels: Vec<String> = items
            .iter()
            .map(|(name, title, summary)| {
                let mark = if done(name) { "✓ " } else { "" };
                format!("{mark}{title}: {summary}")
            })
            .collect();
        let n_done = items.iter().filter(|(n, _, _)| done(n)).count();
        let mut pick = Pick {
            ui,
            title: format!("{} · scenarios", topic.title),
            intro: vec![format!(
                "Each scenario is a few requests to step through line by line. ✓ marks the {n_done} of {} you have stepped through to the end.",
                items.len()
            )],
            question: "Which scenario? (↑/↓ and Enter, Esc to go back)".into(),
            labels,
            cursor: (*cursor).min(items.len() - 1),
            back: "back",
            message: None,
            typed: String::new(),
        };
        let mut tty = ui.tty();
        let picked = screen::run(&mut tty, &mut pick)?;
        *cursor = pick.cursor;
        return Ok(picked.map(|i| items[i].0.clone()));
    }
    ui.line(ui.styles.heading.apply_to("Scenarios").to_string())?;
    for (i, (name, title, summary)) in items.iter().enumerate() {
        let mark = if done(name) {
            " ✓ stepped through"
        } else {
            ""
        };
        ui.line(format!("  {}. {title} ({name}){mark}", i + 1))?;
        let summary = super::render::inline(summary, &ui.styles, ui.color);
        for l in super::render::wrap(&summary, ui.width(), "     ", "     ") {
            ui.line(l)?;
        }
    }
    let picked = ui.choose_number(items.len(), |t| {
        items.iter().position(|(name, _, _)| name == t)
    })?;
    Ok(picked.map(|i| items[i].0.clone()))
}

/// A list to pick from on a screen (↑/↓ and Enter, or a digit), for other activities' lists;
/// `cursor` is where it starts and is kept. `None`: q or Esc.
pub fn pick(
    ui: &Ui,
    title: &str,
    intro: &str,
    question: &str,
    labels: Vec<String>,
    cursor: &mut usize,
) -> io::Result<Option<usize>> {
    if labels.is_empty() {
        return Ok(None);
    }
    let mut pick = Pick {
        ui,
        title: title.to_owned(),
        intro: vec![intro.to_owned()],
        question: question.to_owned(),
        cursor: (*cursor).min(labels.len() - 1),
        labels,
        back: "back",
        message: None,
        typed: String::new(),
    };
    let mut tty = ui.tty();
    let picked = screen::run(&mut tty, &mut pick)?;
    *cursor = pick.cursor;
    Ok(picked)
}
