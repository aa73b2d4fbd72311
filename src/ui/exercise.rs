//! `learn sessions exercise`: the list of exercises, the exercise screen (the learner edits a
//! file of their own; every save is checked), the plain form and `--check FILE`.
//!
//! What passes and what fails comes from `activity::expect` (the engine); this module only
//! shows it, watches the file and runs the editor.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Result;
use console::Key;

use super::items::{self, Item, ListSpec};
use super::render::{code_lines, inline, text_width, wrap};
use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::style::Styles;
use super::Ui;
use crate::activity::exercise::{self, Exercise, Workspace};
use crate::activity::expect::Report;
use crate::activity::progress::EXERCISE;
use crate::content::{Source, Topic};
use crate::progress::{ActivityTry, Progress};

/// The command line's arguments.
#[derive(Debug, Clone, Default)]
pub struct Args {
    pub name: Option<String>,
    pub check: Option<PathBuf>,
    pub dir: Option<PathBuf>,
    pub reset: bool,
}

/// Where a topic's exercise files go by default.
pub fn default_dir(data_dir: &Path, topic: &Topic) -> PathBuf {
    data_dir.join("exercises").join(&topic.slug)
}

fn load(topic: &Topic, source: &Source) -> Result<Vec<Exercise>> {
    let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
    let (exercises, problems) = exercise::load_topic(source, &topic.slug, &pages)?;
    for p in &problems {
        super::eprint_line(&format!("warning: {p} (this exercise is left out)"));
    }
    Ok(exercises)
}

/// `learn sessions exercise [NAME] [--check FILE] [--dir DIR] [--reset]`.
pub fn command(
    ui: &mut Ui,
    topic: &Topic,
    source: &Source,
    data_dir: &Path,
    progress: &mut Progress,
    args: Args,
) -> Result<ExitCode> {
    let exercises = load(topic, source)?;
    if exercises.is_empty() {
        ui.line("This topic has no exercises.")?;
        ui.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| default_dir(data_dir, topic));
    let Some(name) = &args.name else {
        if args.check.is_some() {
            anyhow::bail!(
                "--check FILE needs the exercise's NAME: learn sessions exercise NAME --check FILE"
            );
        }
        list_and_open(ui, topic, &exercises, &dir, progress)?;
        return Ok(ExitCode::SUCCESS);
    };
    let Some(ex) = find(&exercises, name) else {
        let names: Vec<&str> = exercises.iter().map(|e| e.name.as_str()).collect();
        anyhow::bail!(
            "there is no exercise called {name:?}; the exercises: {}",
            names.join(", ")
        );
    };
    if let Some(file) = &args.check {
        return check_once(ui, topic, ex, file, progress);
    }
    let workspace = match exercise::prepare_workspace(ex, &dir, args.reset) {
        Ok(w) => w,
        Err(e) => anyhow::bail!(
            "cannot make your exercise file in {}: {e} (choose another folder with --dir DIR)",
            dir.display()
        ),
    };
    if ui.interactive {
        open(ui, topic, ex, &workspace, progress)?;
        Ok(ExitCode::SUCCESS)
    } else {
        plain(ui, topic, ex, &workspace, progress)
    }
}

/// The menu's entry: the list, then the chosen exercise, back to the list.
pub fn run(
    ui: &mut Ui,
    topic: &Topic,
    source: &Source,
    data_dir: &Path,
    progress: &mut Progress,
) -> Result<()> {
    let exercises = load(topic, source)?;
    list_and_open(
        ui,
        topic,
        &exercises,
        &default_dir(data_dir, topic),
        progress,
    )
}

/// For `learn sessions progress`: a blank line, then the exercises with their state (nothing
/// when the topic has none; exercises that do not load are left out quietly here).
pub fn progress_lines(ui: &Ui, source: &Source, topic: &Topic, progress: &Progress) -> Vec<String> {
    let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
    let Ok((exercises, _)) = exercise::load_topic(source, &topic.slug, &pages) else {
        return Vec::new();
    };
    let items: Vec<Item> = exercises.iter().map(item_of).collect();
    items::progress_section(ui, topic, progress, WHAT, EXERCISE, &items)
}

const WHAT: &str = "Fix the view";

fn item_of(e: &Exercise) -> Item {
    Item {
        name: e.name.clone(),
        title: e.title.clone(),
        page: e.page.clone(),
    }
}

fn find<'a>(exercises: &'a [Exercise], name: &str) -> Option<&'a Exercise> {
    if let Ok(n) = name.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| exercises.get(i));
    }
    exercises.iter().find(|e| e.name == name)
}

fn page_title(topic: &Topic, slug: &str) -> String {
    topic
        .pages
        .iter()
        .position(|p| p.slug == slug)
        .map(|i| format!("{}. {}", i + 1, topic.pages[i].title))
        .unwrap_or_else(|| slug.to_string())
}

fn list_and_open(
    ui: &mut Ui,
    topic: &Topic,
    exercises: &[Exercise],
    dir: &Path,
    progress: &mut Progress,
) -> Result<()> {
    let items: Vec<Item> = exercises.iter().map(item_of).collect();
    let spec = ListSpec {
        what: WHAT,
        header: "fix the view",
        intro: "Each exercise is a views module that does not do what it should. You fix it in your own editor; every save is run in the simulator.",
        kind: EXERCISE,
        command: "exercise",
    };
    items::browse(ui, topic, progress, &spec, &items, |ui, progress, i| {
        let ex = &exercises[i];
        match exercise::prepare_workspace(ex, dir, false) {
            Ok(w) => open(ui, topic, ex, &w, progress),
            Err(e) => screen::run(
                &mut ui.tty(),
                &mut screen::Lines::text(
                    "Cannot start the exercise",
                    "back",
                    vec![format!(
                        "Cannot make your exercise file in {}: {e}",
                        dir.display()
                    )],
                ),
            )
            .map_err(anyhow::Error::from),
        }
    })
}

/// The report, as lines (styled when the styles are); `width` 0 does not wrap (for scripts).
pub fn report_lines(
    ex: &Exercise,
    file: &Path,
    report: &Result<Report, String>,
    styles: &Styles,
    width: usize,
) -> Vec<String> {
    let w = if width == 0 { 0 } else { text_width(width) };
    let mut out = Vec::new();
    let report = match report {
        Ok(r) => r,
        Err(why) => {
            out.extend(wrap_to(
                &styles
                    .bad
                    .apply_to(format!("✗ {why}. Your file was not changed."))
                    .to_string(),
                w,
                "",
                "  ",
            ));
            return out;
        }
    };
    if let Some(f) = &report.failure {
        let at = match (f.line, f.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}: ", file.display()),
            (Some(l), None) => format!("{}:{l}: ", file.display()),
            _ => String::new(),
        };
        // Refused Python says which line, as everywhere: "… (line N)".
        let message = match f.line {
            Some(l) if f.message.starts_with("not supported in the simulator") => {
                format!("{} (line {l})", f.message)
            }
            _ => f.message.clone(),
        };
        out.extend(wrap_to(
            &styles
                .bad
                .apply_to(format!("✗ Your views do not run: {at}{message}"))
                .to_string(),
            w,
            "",
            "  ",
        ));
        out.push(String::new());
        out.extend(wrap_to(
            "Nothing was checked. Fix it and save; your file is kept as it is.",
            w,
            "  ",
            "  ",
        ));
        return out;
    }
    let (passed, total) = (report.passed(), report.total());
    let headline = if report.all_pass() {
        styles
            .good
            .apply_to(format!("✓ All {total} expectations hold."))
            .to_string()
    } else {
        styles
            .bad
            .apply_to(format!("{passed} of {total} expectations hold."))
            .to_string()
    };
    out.push(headline);
    let mut last_request = 0;
    for o in &report.outcomes {
        let r = o.expectation.request;
        if r != last_request {
            last_request = r;
            let view = ex
                .scenario
                .requests
                .get(r - 1)
                .map(|s| {
                    let what = if s.view.is_empty() {
                        s.path.clone()
                    } else {
                        s.view.clone()
                    };
                    format!("{} {what}", s.method)
                })
                .unwrap_or_default();
            out.push(
                styles
                    .strong
                    .apply_to(format!("Request {r} ({view})"))
                    .to_string(),
            );
            for e in report.errors.iter().filter(|e| e.request == r) {
                let at = match e.line {
                    Some(l) => format!(" at {}:{l}", file.display()),
                    None => format!(" in the {}", e.location),
                };
                out.extend(wrap_to(
                    &styles
                        .bad
                        .apply_to(format!("raised {}{at}: {}", e.kind, e.message))
                        .to_string(),
                    w,
                    "  ! ",
                    "    ",
                ));
            }
        }
        if o.pass {
            out.extend(wrap_to(
                &format!("{} {}", styles.good.apply_to("✓"), o.expected()),
                w,
                "  ",
                "    ",
            ));
        } else {
            out.extend(wrap_to(
                &format!("{} expected {}", styles.bad.apply_to("✗"), o.expected()),
                w,
                "  ",
                "    ",
            ));
            out.extend(wrap_to(&format!("got {}", o.actual), w, "      ", "      "));
        }
    }
    out
}

/// `wrap`, or one line when `width` is 0.
fn wrap_to(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    if width == 0 {
        vec![format!("{first}{text}")]
    } else {
        wrap(text, width, first, rest)
    }
}

fn run_check(ex: &Exercise, file: &Path) -> Result<Report, String> {
    exercise::read_views(file).map(|text| ex.check(&text))
}

fn record(progress: &mut Progress, topic: &Topic, ex: &Exercise, report: &Result<Report, String>) {
    let (score, out_of, done) = match report {
        Ok(r) if r.failure.is_none() => (r.passed(), r.total(), r.all_pass()),
        _ => (0, ex.expectations.len(), false),
    };
    // The first check enters the exercise into review.
    super::items::record_check(
        progress,
        topic,
        ActivityTry {
            kind: EXERCISE.into(),
            item: ex.name.clone(),
            score: score as u32,
            out_of: out_of as u32,
            done,
        },
        &mut super::items::Tries::default(),
    );
}

/// `--check FILE`: one plain report; exit 0 when every expectation holds.
fn check_once(
    ui: &mut Ui,
    topic: &Topic,
    ex: &Exercise,
    file: &Path,
    progress: &mut Progress,
) -> Result<ExitCode> {
    let report = run_check(ex, file);
    let plain = Styles::new(false);
    ui.line(format!("{} ({})", ex.title, ex.name))?;
    for l in report_lines(ex, file, &report, &plain, 0) {
        ui.line(l)?;
    }
    ui.flush()?;
    record(progress, topic, ex, &report);
    Ok(match report {
        Ok(r) if r.all_pass() => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    })
}

fn intro_lines(ex: &Exercise, topic: &Topic, workspace: &Workspace) -> Vec<String> {
    let mut out = vec![format!("Goal: {}", ex.goal)];
    out.push(match workspace {
        Workspace::Created(p) => format!("Your file: {}", p.display()),
        Workspace::Kept(p) => format!("Your file (your edits so far are kept): {}", p.display()),
        Workspace::Reset { path, backup } => format!(
            "Your file, started again: {} (your previous text is in {})",
            path.display(),
            backup.display()
        ),
    });
    out.push(format!("Lesson page: {}", page_title(topic, &ex.page)));
    out
}

/// Plain mode: the goal, the path, the report; then lines: c (check again), h (hint), s (the
/// steps of the run), q.
fn plain(
    ui: &mut Ui,
    topic: &Topic,
    ex: &Exercise,
    workspace: &Workspace,
    progress: &mut Progress,
) -> Result<ExitCode> {
    let plain = Styles::new(false);
    let path = workspace.path().to_path_buf();
    ui.line(format!("Exercise: {} ({})", ex.title, ex.name))?;
    for l in intro_lines(ex, topic, workspace) {
        for w in wrap(&l, ui.width(), "", "  ") {
            ui.line(w)?;
        }
    }
    ui.line("Edit the file in any editor, then type c to check it again.")?;
    ui.line("")?;
    let mut hints_shown = 0;
    let mut report = run_check(ex, &path);
    let mut first = true;
    loop {
        if !first {
            record(progress, topic, ex, &report);
        }
        first = false;
        for l in report_lines(ex, &path, &report, &plain, ui.width()) {
            ui.line(l)?;
        }
        if matches!(&report, Ok(r) if r.all_pass()) {
            ui.line("")?;
            ui.line("Well done: every expectation holds. The reference solution:")?;
            for l in ex.solution.lines() {
                ui.line(format!("    {l}"))?;
            }
            if recorded_done(progress, topic, ex) {
                ui.line("Recorded in your progress.")?;
            }
            ui.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        loop {
            let more = if hints_shown < ex.hints.len() {
                ", h a hint"
            } else {
                ""
            };
            ui.line(format!(
                "c check again{more}, s the steps of the run, q quit:"
            ))?;
            let Some(line) = ui.read_line()? else {
                ui.flush()?;
                return Ok(ExitCode::SUCCESS);
            };
            match line.trim() {
                "c" | "" => {
                    report = run_check(ex, &path);
                    break;
                }
                "h" if hints_shown < ex.hints.len() => {
                    hints_shown += 1;
                    let width = ui.width();
                    plain_hint(ui, ex, hints_shown, width)?;
                }
                "h" => ui.line("There are no more hints.")?,
                "s" => plain_steps(ui, &report)?,
                "q" => {
                    ui.flush()?;
                    return Ok(ExitCode::SUCCESS);
                }
                other => ui.line(format!("\"{other}\" is not a command here."))?,
            }
        }
    }
}

/// Prints hint `n` (counted from 1) of an exercise, wrapped, for the piped screens.
fn plain_hint(ui: &mut Ui, ex: &Exercise, n: usize, width: usize) -> io::Result<()> {
    let text = format!("Hint {n} of {}: {}", ex.hints.len(), ex.hints[n - 1]);
    for w in wrap(&text, width, "", "  ") {
        ui.line(w)?;
    }
    Ok(())
}

/// Prints the steps of the last check's run, or says that nothing ran.
fn plain_steps(ui: &mut Ui, report: &Result<Report, String>) -> io::Result<()> {
    match report {
        Ok(Report {
            trace: Some(trace), ..
        }) => super::stepper::plain(ui, trace),
        _ => ui.line("Nothing ran, so there are no steps to show."),
    }
}

fn recorded_done(progress: &Progress, topic: &Topic, ex: &Exercise) -> bool {
    progress
        .activity(&topic.slug, EXERCISE, &ex.name)
        .is_some_and(|r| r.done)
}

/// What the exercise screen asks the loop around it to do.
enum Next {
    Leave,
    Edit,
    Step(usize),
}

struct ExerciseScreen<'a> {
    ui: &'a Ui,
    topic: &'a Topic,
    ex: &'a Exercise,
    intro: Vec<String>,
    path: PathBuf,
    report: Result<Report, String>,
    /// The file's text at the last check, to tell a real change from a touch.
    last_text: Option<String>,
    changed: Arc<AtomicBool>,
    hints_shown: usize,
    checks: usize,
    message: Option<String>,
    /// Why the editor could not run, shown until it does.
    editor_problem: Option<String>,
    /// Every check after the first is a try, recorded at once.
    progress: &'a mut Progress,
    watching: &'static str,
    /// Set when spaced review asks the exercise again.
    review: Option<Again>,
}

/// An exercise asked again by spaced review: a fresh copy of the broken views to fix, its
/// checks counted as tries (a check of the untouched broken views is not one).
struct Again {
    header: String,
    broken: String,
    tries: super::items::Tries,
    gave_up: bool,
}

impl ExerciseScreen<'_> {
    /// Checks again when the file changed since the last check.
    fn refresh(&mut self, force: bool) {
        if !force && !self.changed.swap(false, Ordering::SeqCst) {
            return;
        }
        let text = exercise::read_views(&self.path).ok();
        if !force && text.is_some() && text == self.last_text {
            return;
        }
        let edited = text.as_deref().is_some_and(|t| {
            self.review
                .as_ref()
                .is_some_and(|r| t.trim_end() != r.broken.trim_end())
        });
        self.last_text = text;
        if self.finished() {
            return;
        }
        self.report = run_check(self.ex, &self.path);
        self.checks += 1;
        record(self.progress, self.topic, self.ex, &self.report);
        let passed = self.all_pass();
        if let (Some(r), true) = (self.review.as_mut(), edited) {
            r.tries.note(passed);
        }
        self.message = Some(format!("Checked again (check {}).", self.checks));
    }

    /// In review: solved or given up, so only going on is left.
    fn finished(&self) -> bool {
        self.review
            .as_ref()
            .is_some_and(|r| r.gave_up || r.tries.solved)
    }

    fn all_pass(&self) -> bool {
        matches!(&self.report, Ok(r) if r.all_pass())
    }
}

impl Screen for ExerciseScreen<'_> {
    type Output = Next;
    fn header(&self) -> String {
        match &self.review {
            Some(r) => r.header.clone(),
            None => format!("Exercise · {}", self.ex.title),
        }
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        self.refresh(false);
        let s = &self.ui.styles;
        let w = text_width(width);
        let mut out = Vec::new();
        for l in &self.intro {
            // The file's path reads as one word (exercise names have hyphens).
            out.extend(super::render::wrap_words(
                &inline(l, s, self.ui.color),
                w,
                "",
                "  ",
            ));
        }
        out.extend(wrap(
            &s.dim
                .apply_to(format!(
                    "Save the file and it is checked at once ({}).",
                    self.watching
                ))
                .to_string(),
            w,
            "",
            "  ",
        ));
        if let Some(why) = &self.editor_problem {
            out.extend(wrap(&s.warning.apply_to(why).to_string(), w, "", "  "));
        }
        for (i, h) in self.ex.hints.iter().take(self.hints_shown).enumerate() {
            out.extend(wrap(
                &inline(
                    &format!("Hint {} of {}: {h}", i + 1, self.ex.hints.len()),
                    s,
                    self.ui.color,
                ),
                w,
                "",
                "  ",
            ));
        }
        out.push(String::new());
        if self.review.as_ref().is_some_and(|r| r.gave_up) {
            out.extend(wrap(
                &s.warning
                    .apply_to("You gave up on this one, so it comes back soon. The fixed views:")
                    .to_string(),
                w,
                "",
                "",
            ));
            out.extend(code_lines("python", &self.ex.solution, width, s));
            out.push(String::new());
        }
        if self.all_pass() {
            out.extend(wrap(
                &s.good
                    .apply_to("Well done: every expectation holds, and it is recorded in your progress. The reference solution is below, to compare with yours.")
                    .to_string(),
                w,
                "",
                "",
            ));
        }
        let shown = Path::new(self.path.file_name().unwrap_or(self.path.as_os_str()));
        out.extend(report_lines(self.ex, shown, &self.report, s, width));
        if self.all_pass() {
            out.push(String::new());
            out.push(s.strong.apply_to("The reference solution").to_string());
            out.extend(code_lines("python", &self.ex.solution, width, s));
        }
        out
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        if self.finished() {
            return vec![hint("Enter/q", "go on").kept()];
        }
        let mut out = vec![hint("e", "edit")];
        if self.hints_shown < self.ex.hints.len() {
            out.push(hint("h", "hint"));
        }
        if matches!(&self.report, Ok(r) if r.trace.is_some()) {
            if self.all_pass() {
                out.push(hint("s", "step through"));
            } else {
                out.push(hint("s", "step: first failing request"));
            }
        }
        out.push(hint("c", "check now"));
        match &self.review {
            Some(r) => {
                out.push(hint("g", "give up").kept());
                let leave = if r.tries.checked() {
                    "give up and go on"
                } else {
                    "stop the review"
                };
                out.push(hint("q/Esc", leave).kept());
            }
            None => out.push(hint("q/Esc", "back").kept()),
        }
        out
    }
    fn message(&mut self) -> Option<String> {
        self.message.take()
    }
    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<Next>> {
        if self.finished() {
            return Ok(match key {
                Key::Enter | Key::Char('q') => Outcome::Done(Next::Leave),
                _ => Outcome::Ignored,
            });
        }
        Ok(match key {
            Key::Char('g') => match self.review.as_mut() {
                Some(r) => {
                    r.gave_up = true;
                    ctx.to_top = true;
                    Outcome::Stay
                }
                None => Outcome::Ignored,
            },
            Key::Char('e') => Outcome::Done(Next::Edit),
            Key::Char('s') => match &self.report {
                Ok(r) if r.trace.is_some() => {
                    let at = r.first_failing_request().unwrap_or(1);
                    Outcome::Done(Next::Step(at - 1))
                }
                _ => {
                    self.message = Some(
                        "Your views do not run yet, so there is nothing to step through.".into(),
                    );
                    Outcome::Stay
                }
            },
            Key::Char('h') => {
                if self.hints_shown < self.ex.hints.len() {
                    self.hints_shown += 1;
                } else {
                    self.message = Some("There are no more hints.".into());
                }
                Outcome::Stay
            }
            Key::Char('c') | Key::Char('r') => {
                self.refresh(true);
                Outcome::Stay
            }
            Key::Char('q') => Outcome::Done(Next::Leave),
            _ => Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<Next> {
        Some(Next::Leave)
    }
}

/// Watches `path` for saves: `notify` on the folder (editors often save by writing a new
/// file and renaming it), or polling the file's size and time when notify cannot start.
/// Dropping the returned value stops watching.
pub fn watch(path: &Path, changed: Arc<AtomicBool>) -> (Box<dyn std::any::Any>, &'static str) {
    use notify::Watcher;
    let name = path.file_name().map(|n| n.to_os_string());
    let dir = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let flag = changed.clone();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event {
            if e.paths.iter().any(|p| p.file_name() == name.as_deref()) {
                flag.store(true, Ordering::SeqCst);
                super::keys::wake();
            }
        }
    });
    if let Ok(mut w) = watcher {
        if w.watch(&dir, notify::RecursiveMode::NonRecursive).is_ok() {
            return (Box::new(w), "watching with inotify");
        }
    }
    (
        Box::new(Poller::start(path, changed)),
        "watching by polling",
    )
}

/// The fallback: a thread that looks at the file's length and time twice a second.
struct Poller {
    stop: Arc<AtomicBool>,
}

impl Poller {
    fn start(path: &Path, changed: Arc<AtomicBool>) -> Poller {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let path = path.to_path_buf();
        let stamp = |p: &Path| {
            std::fs::metadata(p)
                .ok()
                .map(|m| (m.len(), m.modified().ok()))
        };
        std::thread::spawn(move || {
            let mut last = stamp(&path);
            while !stopped.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(500));
                let now = stamp(&path);
                if now != last {
                    last = now;
                    changed.store(true, Ordering::SeqCst);
                    super::keys::wake();
                }
            }
        });
        Poller { stop }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Runs `$VISUAL` or `$EDITOR` on the file with the terminal in its normal state; `Err` says
/// why it could not.
fn edit(path: &Path) -> std::result::Result<(), String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        });
    let Some(editor) = editor else {
        return Err(format!(
            "Neither $VISUAL nor $EDITOR is set. Open {} in any editor: each save is checked here.",
            path.display()
        ));
    };
    screen::restore();
    // The editor's command may carry arguments ("code --wait"): let the shell split it.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status();
    screen::install_restorers();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("The editor ({editor}) ended with {s}.")),
        Err(e) => Err(format!("Cannot start the editor ({editor}): {e}.")),
    }
}

/// The exercise screen, with the editor and the stepper opened from it.
fn open(
    ui: &mut Ui,
    topic: &Topic,
    ex: &Exercise,
    workspace: &Workspace,
    progress: &mut Progress,
) -> Result<()> {
    let ui: &Ui = ui;
    let path = workspace.path().to_path_buf();
    let changed = Arc::new(AtomicBool::new(false));
    let (_watcher, watching) = watch(&path, changed.clone());
    let mut screen = ExerciseScreen {
        ui,
        topic,
        ex,
        intro: intro_lines(ex, topic, workspace),
        last_text: exercise::read_views(&path).ok(),
        report: run_check(ex, &path),
        path: path.clone(),
        changed,
        hints_shown: 0,
        checks: 0,
        message: None,
        editor_problem: None,
        progress,
        watching,
        review: None,
    };
    run_screen(ui, &mut screen, &path)
}

/// The exercise screen's loop: the screen, then the editor or the stepper it asks for.
fn run_screen(ui: &Ui, screen: &mut ExerciseScreen, path: &Path) -> Result<()> {
    loop {
        let next = screen::run(&mut ui.tty(), screen)?;
        match next {
            Next::Leave => return Ok(()),
            Next::Edit => {
                let edited = edit(path);
                screen.refresh(true);
                screen.editor_problem = edited.err();
            }
            Next::Step(request) => {
                if let Ok(r) = &screen.report {
                    if let Some(trace) = &r.trace {
                        let trace = trace.clone();
                        super::stepper::interactive_at(
                            ui,
                            &trace,
                            "back to the exercise",
                            request,
                        )?;
                    }
                }
            }
        }
    }
}

/// How an exercise asked again by spaced review went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redo {
    /// Every expectation held: after `failed` failed checks of edited views, with `hints`
    /// hints seen.
    Solved { failed: usize, hints: usize },
    /// Given up (`g`, or leaving after failed checks): the fixed views were shown.
    GaveUp,
    /// Left before checking anything of their own: the review stops.
    Left,
    /// Input ran out (a pipe).
    EndOfInput,
}

/// The file review asks an exercise again in: `<dir>/review/<name>.py`, written fresh with
/// the broken views each time (the learner's own exercise file is left as it is).
pub fn review_file(dir: &Path, ex: &Exercise) -> io::Result<PathBuf> {
    let dir = dir.join("review");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}.py", ex.name));
    std::fs::write(&path, ex.starting_views())?;
    Ok(path)
}

fn redo_intro(ex: &Exercise, topic: &Topic, path: &Path) -> Vec<String> {
    vec![
        format!("Fix the view again: {}", ex.title),
        format!("Goal: {}", ex.goal),
        format!(
            "Your file for this review, the broken views again: {}",
            path.display()
        ),
        format!("Lesson page: {}", page_title(topic, &ex.page)),
    ]
}

/// Review asks an exercise again: the broken views are written to a fresh file, which the
/// learner fixes in their editor (`e`, or any editor: each save is checked) on the exercise
/// screen, or piped with typed commands ([`redo_plain`]).
pub fn redo(
    ui: &mut Ui,
    topic: &Topic,
    ex: &Exercise,
    path: &Path,
    progress: &mut Progress,
    header: String,
) -> Result<Redo> {
    if !ui.interactive {
        return redo_plain(ui, topic, ex, path, progress);
    }
    let ui: &Ui = ui;
    let changed = Arc::new(AtomicBool::new(false));
    let (_watcher, watching) = watch(path, changed.clone());
    let broken = ex.starting_views().to_string();
    let mut screen = ExerciseScreen {
        ui,
        topic,
        ex,
        intro: redo_intro(ex, topic, path)[1..].to_vec(),
        last_text: Some(broken.clone()),
        report: run_check(ex, path),
        path: path.to_path_buf(),
        changed,
        hints_shown: 0,
        checks: 0,
        message: None,
        editor_problem: None,
        progress,
        watching,
        review: Some(Again {
            header,
            broken,
            tries: super::items::Tries::default(),
            gave_up: false,
        }),
    };
    run_screen(ui, &mut screen, path)?;
    let hints = screen.hints_shown;
    let again = screen.review.take().expect("set above");
    Ok(redo_result(&again.tries, again.gave_up, hints))
}

fn redo_result(tries: &super::items::Tries, gave_up: bool, hints: usize) -> Redo {
    if tries.solved {
        Redo::Solved {
            failed: tries.failed,
            hints,
        }
    } else if gave_up || tries.checked() {
        Redo::GaveUp
    } else {
        Redo::Left
    }
}

/// The piped form: the goal, the file and the broken views, the report; then typed commands:
/// `c` checks the file again (edit it in any editor first), `h` a hint, `s` the steps of the
/// run, `g` gives up and shows the fixed views, `q` stops the review.
pub fn redo_plain(
    ui: &mut Ui,
    topic: &Topic,
    ex: &Exercise,
    path: &Path,
    progress: &mut Progress,
) -> Result<Redo> {
    let plain = Styles::new(false);
    let width = ui.width();
    for l in redo_intro(ex, topic, path) {
        for w in super::render::wrap_words(&l, width, "", "  ") {
            ui.line(w)?;
        }
    }
    ui.line("The broken views:")?;
    for l in ex.starting_views().lines() {
        ui.line(format!("    {}", super::render::escape_controls(l)).trim_end())?;
    }
    ui.line("")?;
    let mut report = run_check(ex, path);
    for l in report_lines(ex, path, &report, &plain, width) {
        ui.line(l)?;
    }
    let mut tries = super::items::Tries::default();
    let mut hints = 0;
    loop {
        let more = if hints < ex.hints.len() {
            ", h a hint"
        } else {
            ""
        };
        let leave = if tries.checked() {
            "q give up and go on"
        } else {
            "q stop the review"
        };
        for w in wrap(
            &format!("Edit the file in any editor and save it, then: c check it{more}, s the steps of the run, g give up and see the fix, {leave}:"),
            width,
            "",
            "  ",
        ) {
            ui.line(w)?;
        }
        let Some(line) = ui.read_line()? else {
            ui.flush()?;
            return Ok(if tries.checked() {
                Redo::GaveUp
            } else {
                Redo::EndOfInput
            });
        };
        match line.trim() {
            "c" | "" => {
                let edited = exercise::read_views(path)
                    .map_or(true, |t| t.trim_end() != ex.starting_views().trim_end());
                if !edited {
                    ui.line("These are still the broken views: edit the file first.")?;
                    continue;
                }
                report = run_check(ex, path);
                record(progress, topic, ex, &report);
                let passed = matches!(&report, Ok(r) if r.all_pass());
                tries.note(passed);
                for l in report_lines(ex, path, &report, &plain, width) {
                    ui.line(l)?;
                }
                if passed {
                    ui.line("Solved: every expectation holds. The reference solution:")?;
                    for l in ex.solution.lines() {
                        ui.line(format!("    {l}").trim_end())?;
                    }
                    return Ok(redo_result(&tries, false, hints));
                }
            }
            "h" if hints < ex.hints.len() => {
                hints += 1;
                plain_hint(ui, ex, hints, width)?;
            }
            "h" => ui.line("There are no more hints.")?,
            "s" => plain_steps(ui, &report)?,
            "g" => {
                ui.line("The fixed views:")?;
                for l in ex.solution.lines() {
                    ui.line(format!("    {l}").trim_end())?;
                }
                return Ok(Redo::GaveUp);
            }
            "q" | "quit" => {
                return Ok(if tries.checked() {
                    Redo::GaveUp
                } else {
                    Redo::Left
                })
            }
            other => ui.line(format!("\"{other}\" is not a command here."))?,
        }
    }
}
