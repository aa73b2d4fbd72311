//! `learn sessions blanks [NAME]`: fill-in-the-blanks problems on a screen (type into each
//! blank, Enter checks in the simulator) and in plain form (one line per blank).

use super::items::{self, Item, ListSpec, Tries};
use super::order::{record, report_lines, Checked};
use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::Ui;
use crate::activity::blanks::{self, Blanks, Piece};
use crate::activity::expect::Report;
use crate::content::{Source, Topic};
use crate::progress::Progress;
use console::Key;
use std::io;

/// The topic's blanks problems in course order; a file that does not load is an error naming
/// its position.
pub fn load(source: &Source, topic: &Topic) -> anyhow::Result<Vec<Blanks>> {
    let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
    let (found, problems) = blanks::load_topic(source, &topic.slug, &pages)?;
    if let Some(e) = problems.first() {
        anyhow::bail!("{e}");
    }
    Ok(found)
}

pub(super) fn item_of(b: &Blanks) -> Item {
    Item {
        name: b.name.clone(),
        title: b.title.clone(),
        page: b.page.clone(),
    }
}

/// The views with the blanks shown: `[1 ______]` when empty, `[1 text]` when filled.
fn code_lines(b: &Blanks, fills: &[String], current: Option<usize>, ui: &Ui) -> Vec<String> {
    let s = &ui.styles;
    b.shown_lines()
        .iter()
        .enumerate()
        .map(|(i, pieces)| {
            let mut line = format!("{:>3}  ", i + 1);
            for piece in pieces {
                match piece {
                    Piece::Text(t) => line.push_str(&super::render::escape_controls(t)),
                    Piece::Blank(n) => {
                        let fill = fills.get(*n).map_or("", |f| f.as_str());
                        let shown = if fill.is_empty() {
                            format!("[{} ______]", n + 1)
                        } else {
                            format!("[{} {}]", n + 1, super::render::escape_controls(fill))
                        };
                        if current == Some(*n) {
                            line.push_str(&s.selected.apply_to(format!("{shown}▏")).to_string());
                        } else {
                            line.push_str(&s.strong.apply_to(shown).to_string());
                        }
                    }
                }
            }
            line
        })
        .collect()
}

fn line_words(b: &Blanks, line: usize) -> String {
    let text = b
        .scenario
        .views
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("");
    let blanks: Vec<String> = b
        .blanks
        .iter()
        .enumerate()
        .filter(|(_, x)| x.line == line)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if blanks.is_empty() {
        format!("line {line}: `{}`", text.trim())
    } else {
        format!("line {line}, blank {}", blanks.join(" and "))
    }
}

fn check_lines(
    b: &Blanks,
    fills: &[String],
    report: &Report,
    ui: &Ui,
    width: usize,
) -> Vec<String> {
    let mut out = report_lines(report, &ui.styles, width, &|l| line_words(b, l));
    if !report.all_pass() {
        if let Some(m) = b.mistake_matching(fills) {
            out.push(String::new());
            out.extend(super::render::wrap(&m.why, width, "", "  "));
        }
    }
    out
}

/// `learn sessions blanks [NAME]`. Without NAME: the list (piped), or a list to pick from.
pub fn run(
    ui: &mut Ui,
    source: &Source,
    topic: &Topic,
    progress: &mut Progress,
    name: Option<&str>,
) -> anyhow::Result<std::process::ExitCode> {
    let all = load(source, topic)?;
    let items: Vec<Item> = all.iter().map(item_of).collect();
    let intro = "Worked views with a few pieces left out; the blanks grow in number as the course goes on. A check runs your fills in the simulator, so every spelling that behaves right counts.";
    match name {
        Some(n) => {
            let Some(b) = all.iter().find(|b| b.name == n) else {
                let names: Vec<&str> = all.iter().map(|b| b.name.as_str()).collect();
                anyhow::bail!("there is no problem {n:?}; problems: {}", names.join(", "));
            };
            if ui.interactive {
                solve_on_screen(ui, topic, progress, b, None)?;
            } else {
                solve_plain(ui, topic, progress, b)?;
            }
        }
        None => {
            let spec = ListSpec {
                what: "Fill in the blanks",
                header: "fill in the blanks",
                intro,
                kind: blanks::KIND,
                command: "blanks",
            };
            items::browse(ui, topic, progress, &spec, &items, |ui, progress, i| {
                solve_on_screen(ui, topic, progress, &all[i], None).map(|_| ())
            })?;
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The plain form: each blank asked on its own line; after a failed check the blanks are
/// asked again, Enter keeping a fill. `q` or the end of input leaves.
pub fn solve_plain(
    ui: &mut Ui,
    topic: &Topic,
    progress: &mut Progress,
    b: &Blanks,
) -> io::Result<Tries> {
    let mut checks = Tries::default();
    let width = ui.width();
    let n = b.blanks.len();
    ui.line(ui.styles.heading.apply_to(&b.title).to_string())?;
    let goal = super::render::inline(&format!("Goal: {}", b.goal), &ui.styles, ui.color);
    for l in super::render::wrap(&goal, width, "", "  ") {
        ui.line(l)?;
    }
    ui.line("")?;
    for l in code_lines(b, &[], None, ui) {
        ui.line(l)?;
    }
    ui.line("")?;
    ui.line(if n == 1 {
        "Type what goes in the blank. After a check, Enter keeps the fill; q leaves.".to_string()
    } else {
        format!(
            "Type what goes in each of the {n} blanks, one line each. After a check, Enter keeps a fill; q leaves."
        )
    })?;
    let mut fills = vec![String::new(); n];
    let mut tries = 0;
    loop {
        #[allow(clippy::needless_range_loop)]
        for i in 0..n {
            loop {
                let keep = if fills[i].is_empty() {
                    String::new()
                } else {
                    format!(" (Enter keeps `{}`)", fills[i])
                };
                if let (true, Some(h)) = (tries > 0, &b.blanks[i].hint) {
                    for l in super::render::wrap(&format!("Hint: {h}"), width, "", "  ") {
                        ui.line(l)?;
                    }
                }
                ui.line(format!("Blank {} of {n}{keep}:", i + 1))?;
                let Some(line) = ui.read_line()? else {
                    ui.line("End of input: leaving this problem. Your checks so far are saved.")?;
                    ui.flush()?;
                    return Ok(checks);
                };
                if line.trim().eq_ignore_ascii_case("q") {
                    return Ok(checks);
                }
                if line.trim().is_empty() && !fills[i].is_empty() {
                    break;
                }
                if let Some(why) = blanks::refuse_fill(&line) {
                    ui.line(format!("That fill cannot be used: {why}."))?;
                    continue;
                }
                fills[i] = line.trim().to_string();
                break;
            }
        }
        let report = b.check(&fills);
        tries += 1;
        ui.line("Your code:")?;
        for l in code_lines(b, &fills, None, ui) {
            ui.line(l)?;
        }
        for l in check_lines(b, &fills, &report, ui, width) {
            ui.line(l)?;
        }
        let saved = record(progress, topic, blanks::KIND, &b.name, &report, &mut checks);
        if let crate::progress::Saved::No(why) = saved {
            ui.line(format!("(not saved on disk: {why})"))?;
        }
        if report.all_pass() {
            ui.line("Solved, and saved in your progress.")?;
            ui.flush()?;
            return Ok(checks);
        }
        ui.line("")?;
        ui.line("Try again:")?;
    }
}

struct BlanksScreen<'a> {
    /// Review's header, when review asks this again.
    review: Option<&'a str>,
    ui: &'a mut Ui,
    topic: &'a Topic,
    progress: &'a mut Progress,
    b: &'a Blanks,
    fills: Vec<String>,
    current: usize,
    checked: Checked,
    message: Option<String>,
    /// Body row of each views line.
    code_row: usize,
}

impl Screen for BlanksScreen<'_> {
    type Output = ();
    fn header(&self) -> String {
        format!(
            "{} · blank {} of {}",
            self.review.unwrap_or(&self.b.title),
            self.current + 1,
            self.b.blanks.len()
        )
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let s = &self.ui.styles;
        let mut out = super::render::wrap(
            &super::render::inline(&format!("Goal: {}", self.b.goal), s, self.ui.color),
            width,
            "",
            "  ",
        );
        out.push(String::new());
        self.code_row = out.len();
        out.extend(code_lines(self.b, &self.fills, Some(self.current), self.ui));
        if let (false, Some(h)) = (
            self.checked.lines.is_empty(),
            &self.b.blanks[self.current].hint,
        ) {
            out.push(String::new());
            out.extend(super::render::wrap(
                &super::render::inline(
                    &format!("Hint for blank {}: {h}", self.current + 1),
                    s,
                    self.ui.color,
                ),
                width,
                "",
                "  ",
            ));
        }
        self.checked.draw(&mut out);
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        vec![
            hint("Enter", "check"),
            hint("Tab", "next blank"),
            hint("Esc", "back"),
            hint("↑/↓", "previous/next blank"),
            hint("Backspace/Ctrl-U", "erase a character/the blank"),
            hint("type", "fill the blank"),
        ]
    }
    fn uses_arrows(&self) -> bool {
        true
    }
    fn focus(&self) -> Option<usize> {
        self.checked
            .focus()
            .or(Some(self.code_row + self.b.blanks[self.current].line - 1))
    }
    fn message(&mut self) -> Option<String> {
        self.message.take()
    }
    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<()>> {
        let n = self.b.blanks.len();
        self.checked.key(key);
        match key {
            Key::Tab | Key::ArrowDown => self.current = (self.current + 1) % n,
            Key::BackTab | Key::ArrowUp => self.current = (self.current + n - 1) % n,
            Key::Backspace => {
                self.fills[self.current].pop();
            }
            Key::Char('?') => return Ok(Outcome::Ignored),
            Key::Char('\u{15}') => self.fills[self.current].clear(),
            Key::Char(c) if !c.is_control() => {
                if self.fills[self.current].len() < 200 {
                    self.fills[self.current].push(*c);
                }
            }
            Key::Enter => {
                let report = self.b.check(&self.fills);
                let width = self.ui.full_width();
                let lines = check_lines(self.b, &self.fills, &report, self.ui, width);
                self.message = Some(self.checked.done(
                    lines,
                    &report,
                    self.progress,
                    self.topic,
                    blanks::KIND,
                    &self.b.name,
                    ctx,
                    "Esc goes back",
                ));
            }
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
    b: &Blanks,
    review: Option<&str>,
) -> io::Result<Tries> {
    let mut tty = ui.tty();
    let mut s = BlanksScreen {
        review,
        ui,
        topic,
        progress,
        b,
        fills: vec![String::new(); b.blanks.len()],
        current: 0,
        checked: Checked::default(),
        message: None,
        code_row: 0,
    };
    screen::run(&mut tty, &mut s)?;
    Ok(s.checked.tries)
}
