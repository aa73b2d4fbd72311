//! `learn sessions order [NAME]`: Parsons problems on a screen (move lines, indent them, check
//! them in the simulator) and in plain form (the order typed as numbers). Also the pieces the
//! blanks screens share: the report of a check, the list of problems, the progress lines.

use super::items::{self, Item, ListSpec, Tries};
use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::style::Styles;
use super::Ui;
use crate::activity::expect::Report;
use crate::activity::parsons::{self, Entry, IndentMode, Parsons};
use crate::content::{Source, Topic};
use crate::progress::{ActivityTry, Progress};
use console::Key;
use std::io;

/// The topic's Parsons problems in course order; a file that does not load is an error
/// naming its position (`learn check` lists them all).
pub fn load(source: &Source, topic: &Topic) -> anyhow::Result<Vec<Parsons>> {
    let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
    let (found, problems) = parsons::load_topic(source, &topic.slug, &pages)?;
    if let Some(e) = problems.first() {
        anyhow::bail!("{e}");
    }
    Ok(found)
}

/// The progress lines of both activities (order, blanks), for `learn sessions progress`;
/// nothing when neither has content.
pub fn progress_lines(ui: &Ui, source: &Source, topic: &Topic, progress: &Progress) -> Vec<String> {
    let order: Vec<Item> = load(source, topic)
        .map(|v| v.iter().map(item_of).collect())
        .unwrap_or_default();
    let blanks: Vec<Item> = super::blanks::load(source, topic)
        .map(|v| v.iter().map(super::blanks::item_of).collect())
        .unwrap_or_default();
    let mut out = items::progress_section(
        ui,
        topic,
        progress,
        "Put the lines in order",
        parsons::KIND,
        &order,
    );
    out.extend(items::progress_section(
        ui,
        topic,
        progress,
        "Fill in the blanks",
        crate::activity::blanks::KIND,
        &blanks,
    ));
    out
}

fn item_of(p: &Parsons) -> Item {
    Item {
        name: p.name.clone(),
        title: p.title.clone(),
        page: p.page.clone(),
    }
}

/// What a check found, as lines: the verdict, each failing expectation with the actual value,
/// and what the code did on each request. `line_words` names a line of the checked module
/// (`line 3 of your order: …`).
pub fn report_lines(
    report: &Report,
    styles: &Styles,
    width: usize,
    line_words: &dyn Fn(usize) -> String,
) -> Vec<String> {
    let mut out = Vec::new();
    let wrap = |text: &str, out: &mut Vec<String>| {
        out.extend(super::render::wrap(
            &super::render::escape_controls(text),
            width,
            "  ",
            "    ",
        ))
    };
    if let Some(f) = &report.failure {
        out.push(styles.bad.apply_to("✗ The code does not run.").to_string());
        // The line's code is in backticks: shown as inline code, as everywhere else.
        let at = f
            .line
            .map(|l| {
                super::render::inline(&format!(", at {}", line_words(l)), styles, styles.color)
            })
            .unwrap_or_default();
        out.extend(super::render::wrap(
            &format!("{}{at}", super::render::escape_controls(&f.message)),
            width,
            "  ",
            "    ",
        ));
        return out;
    }
    if report.all_pass() {
        out.push(
            styles
                .good
                .apply_to(match report.total() {
                    1 => "✓ It works: the expectation holds.".to_string(),
                    n => format!("✓ It works: all {n} expectations hold."),
                })
                .to_string(),
        );
    } else {
        out.push(
            styles
                .bad
                .apply_to(format!(
                    "✗ Not yet: {} of {} {}.",
                    report.passed(),
                    super::words::count(report.total(), "expectation", "expectations"),
                    super::words::hold(report.passed())
                ))
                .to_string(),
        );
        for o in report.outcomes.iter().filter(|o| !o.pass) {
            wrap(
                &format!(
                    "✗ request {}: expected {}, got {}",
                    o.expectation.request,
                    o.expected(),
                    o.actual
                ),
                &mut out,
            );
        }
    }
    out.push(String::new());
    out.push(styles.strong.apply_to("What the code does:").to_string());
    for r in &report.transcript {
        if r.manage.is_some() {
            continue;
        }
        let session = crate::activity::expect::python_repr(&r.session);
        let body: String = r.body.chars().take(120).collect();
        let body = if r.error.is_some() {
            "the server error page".to_string()
        } else {
            format!("body {body:?}")
        };
        wrap(
            &format!(
                "request {} ({}): status {}, {body}, session {session}",
                r.request, r.view, r.status
            ),
            &mut out,
        );
        if let Some(e) = &r.error {
            let at = e
                .line
                .map(|l| format!(" at {}", line_words(l as usize)))
                .unwrap_or_else(|| format!(" (in the {})", e.location));
            wrap(&format!("  raises {}{at}: {}", e.kind, e.message), &mut out);
        }
    }
    out
}

/// Records one check in progress (and, the first time, in review).
pub fn record(
    progress: &mut Progress,
    topic: &Topic,
    kind: &str,
    item: &str,
    report: &Report,
    tries: &mut Tries,
) -> crate::progress::Saved {
    items::record_check(
        progress,
        topic,
        ActivityTry {
            kind: kind.to_string(),
            item: item.to_string(),
            score: report.passed() as u32,
            out_of: report.total().max(1) as u32,
            done: report.all_pass(),
        },
        tries,
    )
}

/// `learn sessions order [NAME]`. Without NAME: the list (piped), or a list to pick from.
pub fn run(
    ui: &mut Ui,
    source: &Source,
    topic: &Topic,
    progress: &mut Progress,
    name: Option<&str>,
    seed: Option<u64>,
) -> anyhow::Result<std::process::ExitCode> {
    let all = load(source, topic)?;
    let items: Vec<Item> = all.iter().map(item_of).collect();
    let intro = "Put a view's lines in order (and indent them where asked). A check runs your code in the simulator: any order that behaves right counts.";
    match name {
        Some(n) => {
            let Some(p) = all.iter().find(|p| p.name == n) else {
                let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
                anyhow::bail!("there is no problem {n:?}; problems: {}", names.join(", "));
            };
            let seed = seed.unwrap_or_else(|| fastrand::u64(..));
            if ui.interactive {
                solve_on_screen(ui, topic, progress, p, seed, None)?;
            } else {
                solve_plain(ui, topic, progress, p, seed)?;
            }
        }
        None => {
            let spec = ListSpec {
                what: "Put the lines in order",
                header: "put the lines in order",
                intro,
                kind: parsons::KIND,
                command: "order",
            };
            items::browse(ui, topic, progress, &spec, &items, |ui, progress, i| {
                let seed = seed.unwrap_or_else(|| fastrand::u64(..));
                solve_on_screen(ui, topic, progress, &all[i], seed, None).map(|_| ())
            })?;
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// A line of the assembled module in words.
fn line_words(
    p: &Parsons,
    entries: &[Entry],
    shown: &[usize],
    given: usize,
    line: usize,
) -> String {
    if line <= given {
        let text = p.scenario.views.lines().nth(line - 1).unwrap_or("").trim();
        return format!("line {line} of the given code: `{text}`");
    }
    match entries.get(line - given - 1) {
        Some(e) => {
            let n = shown.iter().position(|&s| s == e.piece).unwrap_or(e.piece) + 1;
            format!(
                "your line {} (shown as {n}): `{}`",
                line - given,
                p.pieces[e.piece].text
            )
        }
        None => format!("the end of your lines (module line {line})"),
    }
}

/// The lines after a check, distractors and a known mistake explained.
fn check_lines(
    p: &Parsons,
    entries: &[Entry],
    shown: &[usize],
    report: &Report,
    styles: &Styles,
    width: usize,
) -> Vec<String> {
    let given = p.assemble(entries).given_lines;
    let mut out = report_lines(report, styles, width, &|l| {
        line_words(p, entries, shown, given, l)
    });
    if !report.all_pass() && report.failure.is_none() {
        for d in p.distractors_used(entries) {
            out.push(String::new());
            out.extend(super::render::wrap(
                &super::render::inline(
                    &format!("`{}` does not belong: {}", p.pieces[d.piece].text, d.why),
                    styles,
                    styles.color,
                ),
                width,
                "",
                "  ",
            ));
        }
        if let Some(m) = p.mistake_matching(entries) {
            out.push(String::new());
            out.extend(super::render::wrap(&m.why, width, "", "  "));
        }
    }
    out
}

/// The one-line verdict above the footer after a check on a screen.
pub fn verdict_message(report: &Report, back: &str) -> String {
    if report.all_pass() {
        format!("✓ Solved, and saved in your progress. {back}.")
    } else if report.failure.is_some() {
        "✗ The code does not run: the report says why (PgUp/PgDn scroll).".into()
    } else {
        format!(
            "✗ Not yet: {} of {} {} (PgUp/PgDn scroll).",
            report.passed(),
            super::words::count(report.total(), "expectation", "expectations"),
            super::words::hold(report.passed())
        )
    }
}

fn saved_words(saved: &crate::progress::Saved) -> Option<String> {
    match saved {
        crate::progress::Saved::No(why) => Some(format!("(not saved on disk: {why})")),
        _ => None,
    }
}

/// The last check on a problem screen (order, blanks): the report's lines below the problem,
/// brought into view right after the check until a key that does not scroll, and the tries
/// made. The part of the two screens' key handling and drawing that is the same.
#[derive(Default)]
pub struct Checked {
    /// The report's lines (empty: nothing checked since the last change).
    pub lines: Vec<String>,
    /// Their first body row.
    row: usize,
    /// Right after a check: the rows the window had, so the report is kept in view.
    show: Option<usize>,
    /// The width the lines were made for (a resize makes them again).
    pub width: usize,
    pub tries: Tries,
}

impl Checked {
    /// A key came: any key but scrolling lets the screen's own cursor take the view again.
    pub fn key(&mut self, key: &Key) {
        if !matches!(key, Key::PageUp | Key::PageDown | Key::Home | Key::End) {
            self.show = None;
        }
    }

    /// The line to keep in view right after a check (the report's end, or as much of it as
    /// the window holds).
    pub fn focus(&self) -> Option<usize> {
        match self.show {
            Some(room) if !self.lines.is_empty() => {
                Some(self.row + self.lines.len().min(room.max(1)) - 1)
            }
            _ => None,
        }
    }

    /// Appends the report, after a blank line, to the body drawn so far.
    pub fn draw(&mut self, out: &mut Vec<String>) {
        if !self.lines.is_empty() {
            out.push(String::new());
            self.row = out.len();
            out.extend(self.lines.iter().cloned());
        }
    }

    /// A check was made: its `lines` are shown and kept in view, the try is recorded in the
    /// progress; the message to show (the verdict, or why it was not saved).
    #[allow(clippy::too_many_arguments)]
    pub fn done(
        &mut self,
        lines: Vec<String>,
        report: &Report,
        progress: &mut Progress,
        topic: &Topic,
        kind: &str,
        item: &str,
        ctx: &Ctx,
        back: &str,
    ) -> String {
        self.lines = lines;
        self.width = ctx.tty.size().1;
        let saved = record(progress, topic, kind, item, report, &mut self.tries);
        self.show = Some(ctx.rows);
        match saved_words(&saved) {
            Some(w) => w,
            None => verdict_message(report, back),
        }
    }
}

fn plain_help(p: &Parsons) -> &'static str {
    match p.indent {
        IndentMode::Given => parsons::SYNTAX_HELP_GIVEN,
        IndentMode::Yours => parsons::SYNTAX_HELP,
    }
}

/// The plain form: the lines numbered, then answers read line by line until one passes, `q`
/// or the end of input.
pub fn solve_plain(
    ui: &mut Ui,
    topic: &Topic,
    progress: &mut Progress,
    p: &Parsons,
    seed: u64,
) -> io::Result<Tries> {
    let mut tries = Tries::default();
    let width = ui.width();
    let shown = p.shuffled(seed);
    ui.line(ui.styles.heading.apply_to(&p.title).to_string())?;
    let goal = super::render::inline(&format!("Goal: {}", p.goal), &ui.styles, ui.color);
    for l in super::render::wrap(&goal, width, "", "  ") {
        ui.line(l)?;
    }
    ui.line("")?;
    if !p.scenario.views.trim().is_empty() {
        ui.line("Given (stays as it is, before your lines):")?;
        for l in p.scenario.views.trim_end().lines() {
            ui.line(format!("    {}", super::render::escape_controls(l)))?;
        }
        ui.line("")?;
    }
    ui.line(match p.indent {
        IndentMode::Given => "The lines, shuffled (each keeps its indentation):",
        IndentMode::Yours => "The lines, shuffled (you give the indentation):",
    })?;
    for (i, &piece) in shown.iter().enumerate() {
        let pc = &p.pieces[piece];
        let indent = match p.indent {
            IndentMode::Given => " ".repeat(pc.level * parsons::INDENT),
            IndentMode::Yours => String::new(),
        };
        ui.line(format!(
            "  {:>2}  {indent}{}",
            i + 1,
            super::render::escape_controls(&pc.text)
        ))?;
    }
    if !p.distractors.is_empty() {
        ui.line(match p.distractors.len() {
            1 => "One of these lines does not belong.".to_string(),
            n => format!("{n} of these lines do not belong."),
        })?;
    }
    ui.line("")?;
    for l in super::render::wrap(plain_help(p), width, "", "") {
        ui.line(l)?;
    }
    let example = match p.indent {
        IndentMode::Given => "3 1 2",
        IndentMode::Yours => "3 1>1 2>1",
    };
    loop {
        ui.line(format!(
            "Your order (for example {example}; ? for help, q to leave):"
        ))?;
        let Some(line) = ui.read_line()? else {
            ui.line("End of input: leaving this problem. Your checks so far are saved.")?;
            ui.flush()?;
            return Ok(tries);
        };
        let t = line.trim();
        if t.eq_ignore_ascii_case("q") {
            return Ok(tries);
        }
        if t == "?" || t.eq_ignore_ascii_case("help") {
            for l in super::render::wrap(plain_help(p), width, "", "") {
                ui.line(l)?;
            }
            continue;
        }
        let entries = match parsons::parse_answer(t, p, |n| {
            n.checked_sub(1).and_then(|i| shown.get(i).copied())
        }) {
            Ok(e) => e,
            Err(e) => {
                ui.line(format!("That order cannot be read: {e}."))?;
                continue;
            }
        };
        let (assembled, report) = p.check(&entries);
        ui.line("Your code:")?;
        for (i, l) in assembled
            .views
            .lines()
            .skip(assembled.given_lines)
            .enumerate()
        {
            ui.line(format!(
                "  {:>2}  {}",
                i + 1,
                super::render::escape_controls(l)
            ))?;
        }
        for l in check_lines(p, &entries, &shown, &report, &ui.styles, width) {
            ui.line(l)?;
        }
        let saved = record(progress, topic, parsons::KIND, &p.name, &report, &mut tries);
        if let Some(w) = saved_words(&saved) {
            ui.line(w)?;
        }
        if report.all_pass() {
            ui.line("Solved, and saved in your progress.")?;
            ui.flush()?;
            return Ok(tries);
        }
        ui.line("")?;
    }
}

struct OrderScreen<'a> {
    /// Review's header, when review asks this again.
    review: Option<&'a str>,
    ui: &'a mut Ui,
    topic: &'a Topic,
    progress: &'a mut Progress,
    p: &'a Parsons,
    shown: Vec<usize>,
    entries: Vec<Entry>,
    left_out: Vec<bool>,
    cursor: usize,
    grabbed: bool,
    checked: Checked,
    report: Option<Report>,
    message: Option<String>,
    /// The body row of each line (for the cursor's focus).
    rows: Vec<usize>,
}

impl OrderScreen<'_> {
    fn used(&self) -> Vec<Entry> {
        self.entries
            .iter()
            .zip(&self.left_out)
            .filter(|(_, out)| !**out)
            .map(|(e, _)| *e)
            .collect()
    }

    fn swap(&mut self, to: usize) {
        self.entries.swap(self.cursor, to);
        self.left_out.swap(self.cursor, to);
        self.cursor = to;
        self.checked.lines.clear();
    }

    fn number(&self, piece: usize) -> usize {
        self.shown.iter().position(|&s| s == piece).unwrap_or(piece) + 1
    }
}

impl Screen for OrderScreen<'_> {
    type Output = ();
    fn header(&self) -> String {
        match self.review {
            Some(h) => h.to_owned(),
            None => format!("{} · put the lines in order", self.p.title),
        }
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let s = &self.ui.styles;
        let mut out = super::render::wrap(
            &super::render::inline(&format!("Goal: {}", self.p.goal), s, self.ui.color),
            width,
            "",
            "  ",
        );
        if !self.p.scenario.views.trim().is_empty() {
            out.push(s.dim.apply_to("Given, before your lines:").to_string());
            for l in self.p.scenario.views.trim_end().lines() {
                out.push(
                    s.dim
                        .apply_to(format!("     {}", super::render::escape_controls(l)))
                        .to_string(),
                );
            }
        }
        let extra = match self.p.distractors.len() {
            0 => "",
            1 => " (one of them does not belong: x leaves a line out)",
            _ => " (two of them do not belong: x leaves a line out)",
        };
        for l in super::render::wrap(&format!("Your lines{extra}:"), width, "", "  ") {
            out.push(s.strong.apply_to(l).to_string());
        }
        self.rows.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let mark = match (i == self.cursor, self.grabbed) {
                (true, true) => "⇅ ",
                (true, false) => "› ",
                _ => "  ",
            };
            let mut text = format!(
                "{mark}{:>2}  {}{}",
                self.number(e.piece),
                " ".repeat(e.level * parsons::INDENT),
                super::render::escape_controls(&self.p.pieces[e.piece].text)
            );
            if self.left_out[i] {
                text.push_str("   (left out)");
            }
            self.rows.push(out.len());
            for piece in super::render::wrap(&text, width, "", "      ┆ ") {
                out.push(if self.left_out[i] {
                    s.dim.apply_to(piece).to_string()
                } else if i == self.cursor {
                    s.selected.apply_to(piece).to_string()
                } else {
                    piece
                });
            }
        }
        if !self.checked.lines.is_empty() && self.checked.width != width {
            // Resized since the check: the report is wrapped again for this width (the lines
            // are cleared by any change, so they still belong to the arrangement checked).
            if let Some(report) = &self.report {
                let used = self.used();
                self.checked.lines =
                    check_lines(self.p, &used, &self.shown, report, &self.ui.styles, width);
                self.checked.width = width;
            }
        }
        self.checked.draw(&mut out);
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        let mut keys = vec![hint("c", "check"), hint("q", "back")];
        keys.push(if self.grabbed {
            hint("Space", "drop")
        } else {
            hint("Space", "pick up")
        });
        if self.p.indent == IndentMode::Yours {
            keys.push(hint("←/→", "indent"));
        }
        if !self.p.distractors.is_empty() {
            keys.push(hint("x", "leave out"));
        }
        keys.push(if self.grabbed {
            hint("↑/↓", "carry the line")
        } else {
            hint("↑/↓", "choose a line")
        });
        keys.push(hint("J/K", "move the line down/up"));
        if self.report.as_ref().is_some_and(|r| r.trace.is_some()) {
            keys.push(hint("s", "step through"));
        }
        keys.push(hint("r", "start again"));
        keys
    }
    fn uses_arrows(&self) -> bool {
        true
    }
    fn focus(&self) -> Option<usize> {
        self.checked
            .focus()
            .or_else(|| self.rows.get(self.cursor).copied())
    }
    fn message(&mut self) -> Option<String> {
        self.message.take()
    }
    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<()>> {
        let last = self.entries.len().saturating_sub(1);
        self.checked.key(key);
        match key {
            Key::ArrowUp | Key::Char('k') if self.cursor > 0 => {
                if self.grabbed {
                    self.swap(self.cursor - 1);
                } else {
                    self.cursor -= 1;
                }
            }
            Key::ArrowDown | Key::Char('j') if self.cursor < last => {
                if self.grabbed {
                    self.swap(self.cursor + 1);
                } else {
                    self.cursor += 1;
                }
            }
            Key::ArrowUp | Key::ArrowDown | Key::Char('j' | 'k') => {}
            Key::Char('K') if self.cursor > 0 => self.swap(self.cursor - 1),
            Key::Char('J') if self.cursor < last => self.swap(self.cursor + 1),
            Key::Char(' ') | Key::Enter => self.grabbed = !self.grabbed,
            Key::ArrowRight | Key::Char('l' | '>' | '\t') if self.p.indent == IndentMode::Yours => {
                let e = &mut self.entries[self.cursor];
                if e.level < parsons::MAX_LEVEL {
                    e.level += 1;
                    self.checked.lines.clear();
                }
            }
            Key::ArrowLeft | Key::Char('h' | '<') if self.p.indent == IndentMode::Yours => {
                let e = &mut self.entries[self.cursor];
                e.level = e.level.saturating_sub(1);
                self.checked.lines.clear();
            }
            Key::ArrowRight | Key::ArrowLeft | Key::Char('l' | 'h' | '<' | '>') => {
                self.message = Some(
                    "In this problem each line keeps its indentation: only the order is yours."
                        .into(),
                );
            }
            Key::Char('x') => {
                self.left_out[self.cursor] = !self.left_out[self.cursor];
                self.checked.lines.clear();
            }
            Key::Char('r') => {
                self.entries = self.p.start(fastrand::u64(..));
                self.left_out = vec![false; self.entries.len()];
                self.cursor = 0;
                self.grabbed = false;
                self.checked.lines.clear();
                self.report = None;
            }
            Key::Char('c') => {
                self.grabbed = false;
                let used = self.used();
                let (_, report) = self.p.check(&used);
                let width = self.ui.full_width();
                let lines =
                    check_lines(self.p, &used, &self.shown, &report, &self.ui.styles, width);
                self.message = Some(self.checked.done(
                    lines,
                    &report,
                    self.progress,
                    self.topic,
                    parsons::KIND,
                    &self.p.name,
                    ctx,
                    "q goes back",
                ));
                self.report = Some(report);
            }
            Key::Char('s') => {
                if let Some(trace) = self.report.as_ref().and_then(|r| r.trace.as_ref()) {
                    super::stepper::interactive(self.ui, trace, "back to the problem")?;
                    ctx.to_top = false;
                } else {
                    self.message =
                        Some("Check first (c); then s steps through what the code did.".into());
                }
            }
            Key::Char('q') => return Ok(Outcome::Done(())),
            _ => return Ok(Outcome::Ignored),
        }
        Ok(Outcome::Stay)
    }
    fn on_escape(&mut self) -> Option<()> {
        Some(())
    }
}

/// The screen form.
pub fn solve_on_screen(
    ui: &mut Ui,
    topic: &Topic,
    progress: &mut Progress,
    p: &Parsons,
    seed: u64,
    review: Option<&str>,
) -> io::Result<Tries> {
    let entries = p.start(seed);
    let n = entries.len();
    let mut tty = ui.tty();
    let mut s = OrderScreen {
        review,
        ui,
        topic,
        progress,
        p,
        shown: p.shuffled(seed),
        entries,
        left_out: vec![false; n],
        cursor: 0,
        grabbed: false,
        checked: Checked::default(),
        report: None,
        message: None,
        rows: Vec::new(),
    };
    screen::run(&mut tty, &mut s)?;
    Ok(s.checked.tries)
}
