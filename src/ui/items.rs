//! The list every file-based activity shows (exercises, Parsons problems, blanks): one line per
//! item in course order with its state, the summary line with a bar, the plain form wrapped to
//! the width, and the screen to pick an item from.

use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::style::Styles;
use super::Ui;
use crate::content::Topic;
use crate::progress::Progress;
use console::Key;
use std::io;

/// One listed item: its name, title and page.
pub struct Item {
    pub name: String,
    pub title: String,
    pub page: String,
}

/// Where the learner stands with an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Done,
    /// Tried, never finished: the best score of any try.
    Tried {
        best: u32,
        out_of: u32,
    },
    Pending,
}

pub fn state(progress: &Progress, topic: &Topic, kind: &str, item: &str) -> State {
    match progress.activity(&topic.slug, kind, item) {
        Some(r) if r.done => State::Done,
        Some(r) if r.out_of > 0 => State::Tried {
            best: r.best,
            out_of: r.out_of,
        },
        _ => State::Pending,
    }
}

/// Whether an item of `kind` is done.
pub fn is_done(progress: &Progress, topic: &Topic, kind: &str, item: &str) -> bool {
    state(progress, topic, kind, item) == State::Done
}

/// A page's number and title, for lists.
fn page_words(topic: &Topic, slug: &str) -> String {
    match topic.pages.iter().position(|p| p.slug == slug) {
        Some(i) => format!(
            "page {}, {}",
            i + 1,
            super::render::escape_controls(&topic.pages[i].title)
        ),
        None => slug.to_string(),
    }
}

/// One line per item (not wrapped), in the order given: number, state, title, name, page.
pub fn list_lines(
    styles: &Styles,
    topic: &Topic,
    progress: &Progress,
    kind: &str,
    items: &[Item],
) -> Vec<String> {
    items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let mark = match state(progress, topic, kind, &it.name) {
                State::Done => styles.good.apply_to("✓ done   ").to_string(),
                State::Tried { best, out_of } => styles
                    .dim
                    .apply_to(format!("· tried, best {best}/{out_of}"))
                    .to_string(),
                State::Pending => styles.dim.apply_to("· pending").to_string(),
            };
            format!(
                "{:>2}. {mark} {} ({}) · {}",
                i + 1,
                super::render::escape_controls(&it.title),
                it.name,
                page_words(topic, &it.page)
            )
        })
        .collect()
}

/// The list for a pipe or for `learn sessions progress`: each item indented by two and wrapped
/// to `width` under its title.
pub fn plain_list(
    styles: &Styles,
    topic: &Topic,
    progress: &Progress,
    kind: &str,
    items: &[Item],
    width: usize,
) -> Vec<String> {
    list_lines(styles, topic, progress, kind, items)
        .iter()
        .flat_map(|l| super::render::wrap_words(l, width, "  ", "      "))
        .collect()
}

/// A summary line: "Put the lines in order  [██░░] 2 of 9 done".
pub fn progress_line(
    progress: &Progress,
    topic: &Topic,
    what: &str,
    kind: &str,
    items: &[Item],
) -> String {
    let done = items
        .iter()
        .filter(|it| is_done(progress, topic, kind, &it.name))
        .count();
    format!(
        "{what}  {} {done} of {} done",
        super::progress_view::bar(done, items.len(), 20),
        items.len()
    )
}

/// The summary line and the list, as `learn sessions progress` shows an activity (after a
/// blank line); nothing when there are no items.
pub fn progress_section(
    ui: &Ui,
    topic: &Topic,
    progress: &Progress,
    what: &str,
    kind: &str,
    items: &[Item],
) -> Vec<String> {
    if items.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        String::new(),
        progress_line(progress, topic, what, kind, items),
    ];
    out.extend(plain_list(
        &ui.styles,
        topic,
        progress,
        kind,
        items,
        ui.width(),
    ));
    out
}

/// The whole piped listing: the summary line as a heading, the introduction, the list, and
/// how to start one (`learn sessions COMMAND NAME`).
#[allow(clippy::too_many_arguments)]
pub fn print_plain(
    ui: &mut Ui,
    topic: &Topic,
    progress: &Progress,
    what: &str,
    intro: &str,
    kind: &str,
    items: &[Item],
    command: &str,
) -> io::Result<()> {
    let width = ui.width();
    ui.line(
        ui.styles
            .heading
            .apply_to(progress_line(progress, topic, what, kind, items))
            .to_string(),
    )?;
    for l in super::render::wrap(intro, width, "", "") {
        ui.line(l)?;
    }
    for l in plain_list(&ui.styles, topic, progress, kind, items, width) {
        ui.line(l)?;
    }
    ui.line("")?;
    ui.line(format!(
        "Start one with: learn {} {command} NAME",
        topic.slug
    ))?;
    ui.flush()
}

/// A list of items to pick from, on a screen. `None`: back.
struct Pick<'a> {
    title: String,
    intro: String,
    lines: Vec<String>,
    cursor: usize,
    styles: &'a Styles,
    /// The body row of each entry.
    rows: Vec<usize>,
}

impl Screen for Pick<'_> {
    type Output = Option<usize>;
    fn header(&self) -> String {
        self.title.clone()
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let mut out = super::render::wrap(&self.intro, width, "", "");
        out.push(String::new());
        self.rows.clear();
        for (i, l) in self.lines.iter().enumerate() {
            self.rows.push(out.len());
            let mark = if i == self.cursor { "› " } else { "  " };
            for piece in super::render::wrap_words(&format!("{mark}{l}"), width, "", "      ") {
                out.push(if i == self.cursor {
                    self.styles.selected.apply_to(piece).to_string()
                } else {
                    piece
                });
            }
        }
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        vec![
            hint("Enter", "open"),
            hint("↑/↓", "choose"),
            hint("q/Esc", "back").kept(),
        ]
    }
    fn uses_arrows(&self) -> bool {
        true
    }
    fn focus(&self) -> Option<usize> {
        self.rows.get(self.cursor).copied()
    }
    fn handle(&mut self, key: &Key, _ctx: &mut Ctx) -> io::Result<Outcome<Option<usize>>> {
        Ok(match key {
            Key::ArrowDown | Key::Char('j') => {
                self.cursor = (self.cursor + 1).min(self.lines.len().saturating_sub(1));
                Outcome::Stay
            }
            Key::ArrowUp | Key::Char('k') => {
                self.cursor = self.cursor.saturating_sub(1);
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

/// Picks an item on a screen (the cursor is kept between calls).
pub fn pick(
    ui: &Ui,
    title: String,
    intro: String,
    lines: Vec<String>,
    cursor: &mut usize,
) -> io::Result<Option<usize>> {
    let mut p = Pick {
        title,
        intro,
        cursor: (*cursor).min(lines.len().saturating_sub(1)),
        lines,
        styles: &ui.styles,
        rows: Vec::new(),
    };
    let got = screen::run(&mut ui.tty(), &mut p)?;
    *cursor = p.cursor;
    Ok(got)
}

/// What an activity's list says about itself.
pub struct ListSpec<'a> {
    /// The summary line's words ("Put the lines in order").
    pub what: &'a str,
    /// The screen's header after the topic's title ("put the lines in order").
    pub header: &'a str,
    pub intro: &'a str,
    /// The progress kind of the items.
    pub kind: &'a str,
    /// The command that opens one (`order`).
    pub command: &'a str,
}

/// The list of an activity: in a pipe it is printed; on a screen the learner picks an item,
/// `open` runs it, and the list comes back (with the cursor where it was) until Esc or `q`.
pub fn browse<E>(
    ui: &mut Ui,
    topic: &Topic,
    progress: &mut Progress,
    spec: &ListSpec<'_>,
    items: &[Item],
    mut open: impl FnMut(&mut Ui, &mut Progress, usize) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<io::Error>,
{
    if !ui.interactive {
        return Ok(print_plain(
            ui,
            topic,
            progress,
            spec.what,
            spec.intro,
            spec.kind,
            items,
            spec.command,
        )?);
    }
    let mut cursor = 0;
    loop {
        let lines = list_lines(&ui.styles, topic, progress, spec.kind, items);
        let Some(i) = pick(
            ui,
            format!("{} · {}", topic.title, spec.header),
            spec.intro.into(),
            lines,
            &mut cursor,
        )?
        else {
            return Ok(());
        };
        open(ui, progress, i)?;
    }
}

/// The checks of one sitting with an item: how many failed before the first that passed, and
/// whether one passed. A review session rates its asking by it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tries {
    pub failed: usize,
    pub solved: bool,
}

impl Tries {
    pub fn note(&mut self, passed: bool) {
        if self.solved {
            return;
        }
        if passed {
            self.solved = true;
        } else {
            self.failed += 1;
        }
    }

    /// Whether anything was checked.
    pub fn checked(&self) -> bool {
        self.solved || self.failed > 0
    }
}

/// Records one check of an exercise, Parsons or blanks problem: in the activity's progress,
/// and, the first time the learner checks it, in review (rated by whether it passed).
pub fn record_check(
    progress: &mut Progress,
    topic: &Topic,
    try_: crate::progress::ActivityTry,
    tries: &mut Tries,
) -> crate::progress::Saved {
    let passed = try_.done;
    tries.note(passed);
    let (kind, item) = (try_.kind.clone(), try_.item.clone());
    let saved = progress.record_activity(&topic.slug, try_);
    let first = progress
        .topic(&topic.slug)
        .and_then(|tp| crate::review::session::first_check(&tp.review, &kind, &item, passed));
    if let Some((key, rating)) = first {
        let at = crate::review::clock::run_now();
        progress.record_review(&topic.slug, &key, rating, at);
    }
    saved
}
