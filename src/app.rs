//! Runs a parsed command line: loads content and progress, then hands over to the screens.

use crate::cli::{
    Action, BlanksArgs, CardsArgs, CheatsheetArgs, Cli, Command, ExerciseArgs, ExplainArgs, Global,
    Lazy, OrderArgs, ProgressArgs, QuizArgs, ReadArgs, ResetArgs, ReviewArgs, SandboxArgs,
    SimulateArgs,
};
use crate::content::{self, Problem, Source, Topic};
use crate::progress::Progress;
use crate::sim;
use crate::ui::{self, menu::Activity, Ui};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let global = cli.global();
    let source = match &global.content {
        Some(dir) => Source::Directory(dir.clone()),
        None => Source::Embedded,
    };
    match cli.command {
        Some(Command::Check) => check(&source),
        None => list_topics(&source, &global),
        Some(Command::Sessions { action, .. }) => {
            topic_command("sessions", action, &source, &global)
        }
    }
}

/// Loads content, refusing it (with every problem listed) if anything is wrong.
fn load_topics(source: &Source, parts: content::Parts) -> Result<Vec<Topic>> {
    let loaded = content::load_parts(source, parts)?;
    if !loaded.problems.is_empty() {
        for p in &loaded.problems {
            ui::eprint_line(&p.to_string());
        }
        let n = loaded.problems.len();
        bail!(
            "the course content has {}; fix {} (`learn check` lists them) and try again",
            ui::words::count(n, "problem", "problems"),
            if n == 1 { "it" } else { "them" }
        );
    }
    Ok(loaded.topics)
}

fn check(source: &Source) -> Result<ExitCode> {
    let loaded = content::load(source)?;
    let survey = content::survey(source)?;
    let mut problems: Vec<Problem> = loaded.problems;
    problems.extend(survey.problems);
    for topic in &loaded.topics {
        problems.extend(content::check_topic(topic));
        problems.extend(sim::check::check_topic(topic));
        problems.extend(crate::activity::predict::check_topic(topic));
    }
    content::sort_problems(&mut problems);
    let mut out = std::io::stdout().lock();
    for p in &problems {
        // A closed pipe (`| head -1`) ends the listing quietly.
        if writeln!(out, "{p}").is_err() {
            return Ok(ExitCode::from(1));
        }
    }
    let questions: usize = loaded
        .topics
        .iter()
        .flat_map(|t| &t.quizzes)
        .map(|q| q.questions.len())
        .sum();
    let n = ui::words::count;
    let what = format!(
        "{}, {} read ({}, {}, {}, {}, {}, {}), {}",
        n(survey.topics, "topic", "topics"),
        n(survey.files, "file", "files"),
        n(survey.pages, "page", "pages"),
        n(survey.quizzes, "quiz file", "quiz files"),
        n(survey.scenarios, "scenario", "scenarios"),
        n(survey.exercises, "exercise", "exercises"),
        n(survey.orders, "order problem", "order problems"),
        n(survey.blanks, "blanks problem", "blanks problems"),
        n(questions, "question", "questions"),
    );
    if problems.is_empty() {
        let ok = writeln!(out, "ok: {what}, no problems").and_then(|_| out.flush());
        Ok(if ok.is_ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    } else {
        let _ = out.flush();
        ui::eprint_line(&format!(
            "{} in {what}",
            ui::words::count(problems.len(), "problem", "problems")
        ));
        Ok(ExitCode::from(1))
    }
}

fn list_topics(source: &Source, global: &Global) -> Result<ExitCode> {
    let topics = load_topics(source, content::Parts::All)?;
    let mut ui = Ui::detect(global.plain);
    ui.line(ui.styles.heading.apply_to("Topics").to_string())?;
    let w = topics.iter().map(|t| t.slug.len()).max().unwrap_or(0);
    let width = ui.width();
    for t in &topics {
        let text = ui::render::inline(
            &format!("{:w$}  {} · {}", t.slug, t.title, t.summary),
            &ui.styles,
            ui.color,
        );
        let rest = " ".repeat(w + 4);
        for l in ui::render::wrap(&text, width, "  ", &rest) {
            ui.line(l)?;
        }
    }
    if let Some(first) = topics.first() {
        ui.line("")?;
        ui.line(format!("Start with: learn {}", first.slug))?;
        ui.line("More: learn --help")?;
    }
    ui.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn data_dir(global: &Global) -> Result<PathBuf> {
    if let Some(d) = &global.data_dir {
        return Ok(d.clone());
    }
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy()
        .context("cannot find your data directory; pass --data-dir DIR or set LEARN_DATA_DIR")?;
    Ok(base.data_dir().join("learn"))
}

fn topic_command(
    slug: &str,
    action: Option<Action>,
    source: &Source,
    global: &Global,
) -> Result<ExitCode> {
    // Reading, stepping and the sandbox need no quiz.
    // (In a terminal the pager offers each page's explain-it prompt, which needs the study
    // files.)
    let on_terminal = {
        use std::io::IsTerminal;
        !global.plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
    };
    let parts = match action {
        Some(Action::Read(_)) if on_terminal => content::Parts::All,
        // Printed pages offer no scenario.
        Some(Action::Read(_)) => content::Parts::Pages,
        // A named scenario run straight away shows no page (predicting and the scenario list
        // name the pages scenarios belong to).
        Some(Action::Simulate(Lazy(SimulateArgs {
            scenario: Some(_),
            predict: false,
            ..
        }))) => content::Parts::Scenarios,
        Some(Action::Simulate(_) | Action::Sandbox(_) | Action::Exercise(_)) => {
            content::Parts::Lessons
        }
        _ => content::Parts::All,
    };
    let topics = load_topics(source, parts)?;
    let topic = topics
        .iter()
        .find(|t| t.slug == slug)
        .with_context(|| format!("the content has no topic called {slug:?}"))?;
    let mut progress = Progress::open(&data_dir(global)?);
    let mut ui = Ui::detect(global.plain);
    ui::install_interrupt_handler();
    let history = data_dir(global).ok().map(|d| d.join("sandbox_history.txt"));
    let clock = Clock(global.now.clone());
    crate::review::clock::set_run_clock(global.now.clone());
    let result = match action {
        Some(Action::Exercise(Lazy(ExerciseArgs {
            name,
            check,
            dir,
            reset,
        }))) => {
            let args = ui::exercise::Args {
                name,
                check,
                dir,
                reset,
            };
            ui::exercise::command(
                &mut ui,
                topic,
                source,
                &data_dir(global)?,
                &mut progress,
                args,
            )
        }
        action => dispatch(
            &mut ui,
            source,
            topic,
            action,
            &mut progress,
            history,
            &clock,
            data_dir(global).ok().as_deref(),
        ),
    };
    drop(ui);
    for w in progress.take_warnings() {
        ui::eprint_line(&w);
    }
    // The content is left for the end of the process to free (freeing every page's text
    // was a noticeable part of printing a lesson).
    std::mem::forget(topics);
    result
}

#[allow(clippy::too_many_arguments)]
fn dispatch(
    ui: &mut Ui,
    source: &Source,
    topic: &Topic,
    action: Option<Action>,
    progress: &mut Progress,
    history: Option<PathBuf>,
    clock: &Clock,
    data: Option<&Path>,
) -> Result<ExitCode> {
    let warn = |ui: &Ui, progress: &mut Progress| {
        let warnings = progress.take_warnings();
        if warnings.is_empty() {
            return;
        }
        if ui.interactive {
            // On a full screen a line on stderr would be drawn over: show them on a screen.
            let _ = ui::screen::run(
                &mut ui.tty(),
                &mut ui::screen::Lines::text("Warning", "go on", warnings),
            );
        } else {
            for w in warnings {
                ui::eprint_line(&w);
            }
        }
    };
    warn(ui, progress);
    match action {
        None => {
            let mut cursor = 0;
            let mut scenario_cursor = 0;
            // Problems that cannot be read are left out of the menu; `learn check` and the
            // activity's own command say what is wrong.
            let pages: Vec<String> = topic.pages.iter().map(|p| p.slug.clone()).collect();
            let more = ui::menu::More {
                exercises: match data {
                    Some(_) => crate::activity::exercise::load_topic(source, &topic.slug, &pages)
                        .map(|(all, _)| all.into_iter().map(|e| e.name).collect())
                        .unwrap_or_default(),
                    None => Vec::new(),
                },
                order: ui::order::load(source, topic)
                    .map(|all| all.into_iter().map(|p| p.name).collect())
                    .unwrap_or_default(),
                blanks: ui::blanks::load(source, topic)
                    .map(|all| all.into_iter().map(|p| p.name).collect())
                    .unwrap_or_default(),
            };
            loop {
                let now = clock.now()?;
                let Some(activity) =
                    ui::menu::choose(ui, topic, progress, &mut cursor, now, &more)?
                else {
                    return Ok(ExitCode::SUCCESS);
                };
                match activity {
                    Activity::Read => {
                        let start = ui::pager::first_unread(topic, progress);
                        ui::pager::read_at(ui, topic, start, progress, now)?
                    }
                    Activity::Quiz(name) => {
                        let quiz = topic.quiz(&name).expect("menu lists existing quizzes");
                        let opts = ui::quiz::Options {
                            in_menu: true,
                            seed: fastrand::u64(..),
                            shuffle: true,
                            json: false,
                            explain_run: false,
                            review_at: Some(now),
                            sitting: None,
                        };
                        if take_quiz(ui, topic, quiz, opts, progress)?
                            == ui::quiz::Ending::EndOfInput
                        {
                            return Ok(ExitCode::SUCCESS);
                        }
                    }
                    Activity::Simulate => {
                        simulate_from_list(ui, topic, progress, &mut scenario_cursor)?;
                    }
                    Activity::Predict => {
                        predict_from_list(ui, topic, progress, &mut scenario_cursor, clock)?;
                    }
                    Activity::Exercise => {
                        if let Some(data) = data {
                            ui::exercise::run(ui, topic, source, data, progress)?;
                        }
                    }
                    Activity::Order => {
                        ui::order::run(ui, source, topic, progress, None, None)?;
                    }
                    Activity::Blanks => {
                        ui::blanks::run(ui, source, topic, progress, None)?;
                    }
                    Activity::Sandbox => {
                        ui.tty().leave();
                        ui::sandbox::run(
                            ui,
                            crate::django::settings::Engine::Db,
                            None,
                            history.clone(),
                        )?;
                    }
                    Activity::Progress => {
                        show_progress(ui, source, topic, progress, now, true)?;
                    }
                    Activity::Explain => {
                        let page = ui::study::explain_default_page(topic, progress);
                        if ui::study::explain(ui, topic, page, progress, now)?
                            == ui::study::Ended::EndOfInput
                        {
                            return Ok(ExitCode::SUCCESS);
                        }
                        // In a terminal it ends on a screen of its own; piped there is
                        // nothing to wait for.
                    }
                    Activity::Review => {
                        let seed = fastrand::u64(..);
                        if ui::study::review(ui, source, topic, progress, data, now, seed, true)?
                            == ui::study::Ended::EndOfInput
                        {
                            return Ok(ExitCode::SUCCESS);
                        }
                        pause(ui)?;
                    }
                    Activity::Cards => ui::study::cards(ui, topic, None)?,
                    Activity::CheatSheet => ui::study::cheatsheet(ui, topic, false)?,
                    Activity::Quit => return Ok(ExitCode::SUCCESS),
                }
                warn(ui, progress);
            }
        }
        Some(Action::Read(Lazy(ReadArgs { page }))) => {
            let start = match &page {
                None => 0,
                Some(p) => topic.page_index(p).with_context(|| {
                    let slugs: Vec<&str> = topic.pages.iter().map(|p| p.slug.as_str()).collect();
                    format!(
                        "there is no page {p:?}: give a number from 1 to {} or one of: {}",
                        topic.pages.len(),
                        slugs.join(", ")
                    )
                })?,
            };
            // A bad LEARN_NOW does not stop reading: the pager's explain-it answers then use
            // the real time.
            let now = clock
                .now()
                .unwrap_or_else(|_| crate::progress::now() as i64);
            ui::pager::read_at(ui, topic, start, progress, now)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Quiz(Lazy(QuizArgs {
            name,
            seed,
            no_shuffle,
            json,
            explain_run,
        }))) => {
            let quiz = topic.quiz(&name).with_context(|| {
                let names: Vec<&str> = topic.quizzes.iter().map(|q| q.name.as_str()).collect();
                format!("there is no quiz {name:?}; quizzes: {}", names.join(", "))
            })?;
            let opts = ui::quiz::Options {
                in_menu: false,
                seed: seed.unwrap_or_else(|| fastrand::u64(..)),
                shuffle: !no_shuffle,
                json,
                explain_run,
                review_at: Some(clock.now()?),
                sitting: None,
            };
            take_quiz(ui, topic, quiz, opts, progress)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Progress(Lazy(ProgressArgs { json: true }))) => {
            let now = clock.now()?;
            let tp = progress.topic(&topic.slug).cloned().unwrap_or_default();
            let mut doc = ui::study::schedule_json(topic, progress, now);
            doc["pages_read"] = serde_json::json!(tp.pages_read);
            doc["scenarios_completed"] = serde_json::json!(tp.scenarios_completed);
            doc["attempts"] = serde_json::json!(tp
                .attempts
                .iter()
                .map(|a| serde_json::json!({
                    "quiz": a.quiz,
                    "started": a.started,
                    "finished": a.finished,
                    "score": a.score(),
                }))
                .collect::<Vec<_>>());
            doc["activities"] = crate::activity::progress::to_json(&tp);
            ui.line(serde_json::to_string_pretty(&doc)?)?;
            ui.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Progress(Lazy(ProgressArgs { json: false }))) => {
            let now = clock.now()?;
            show_progress(ui, source, topic, progress, now, false)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Review(Lazy(ReviewArgs { json: true, .. }))) => {
            let doc = ui::study::schedule_json(topic, progress, clock.now()?);
            ui.line(serde_json::to_string_pretty(&doc)?)?;
            ui.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Review(Lazy(ReviewArgs {
            json: false,
            no_shuffle,
            seed,
        }))) => {
            ui::study::review(
                ui,
                source,
                topic,
                progress,
                data,
                clock.now()?,
                seed.unwrap_or_else(|| fastrand::u64(..)),
                !no_shuffle,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Cards(Lazy(CardsArgs { page }))) => {
            let only = page.as_deref().map(|p| page_number(topic, p)).transpose()?;
            ui::study::cards(ui, topic, only)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Explain(Lazy(ExplainArgs { page }))) => {
            let page = match page.as_deref() {
                Some(p) => page_number(topic, p)?,
                None => ui::study::explain_default_page(topic, progress),
            };
            ui::study::explain(ui, topic, page, progress, clock.now()?)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Cheatsheet(Lazy(CheatsheetArgs { format }))) => {
            ui::study::cheatsheet(ui, topic, format == crate::cli::SheetFormat::Markdown)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Sandbox(Lazy(SandboxArgs { engine, seed }))) => {
            let engine = crate::django::settings::Engine::parse(&engine).with_context(|| {
                format!("unknown engine {engine:?}: use db, cache or signed_cookies")
            })?;
            ui::sandbox::run(ui, engine, seed, history)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Simulate(Lazy(SimulateArgs {
            scenario: None,
            json: false,
            seed: None,
            predict,
        }))) if ui.interactive => {
            if predict {
                let mut cursor = 0;
                predict_from_list(ui, topic, progress, &mut cursor, clock)?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut cursor = 0;
            simulate_from_list(ui, topic, progress, &mut cursor)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Simulate(Lazy(SimulateArgs {
            scenario,
            seed,
            predict: true,
            ..
        }))) => predict(ui, topic, scenario.as_deref(), seed, progress, clock),
        Some(Action::Simulate(Lazy(SimulateArgs {
            scenario,
            json,
            seed,
            predict: false,
        }))) => simulate(ui, topic, scenario.as_deref(), json, seed, progress),
        Some(Action::Reset(Lazy(ResetArgs { yes }))) => reset(ui, topic, progress, yes),
        // Exercises need the content source and the data directory: topic_command runs them.
        Some(Action::Exercise(_)) => Ok(ExitCode::SUCCESS),
        Some(Action::Order(Lazy(OrderArgs { name, seed }))) => {
            ui::order::run(ui, source, topic, progress, name.as_deref(), seed)
        }
        Some(Action::Blanks(Lazy(BlanksArgs { name }))) => {
            ui::blanks::run(ui, source, topic, progress, name.as_deref())
        }
    }
}

/// The review clock: `--now` / `LEARN_NOW` as given, read only by the commands that need it
/// (so a bad value does not stop reading or the sandbox).
struct Clock(Option<String>);

impl Clock {
    fn now(&self) -> Result<i64> {
        crate::review::clock::now(None, self.0.as_deref(), crate::progress::now() as i64)
            .map_err(|e| anyhow::anyhow!("{e} (from --now or LEARN_NOW)"))
    }
}

/// A page by number or slug, with a message listing them when it is neither.
fn page_number(topic: &Topic, wanted: &str) -> Result<usize> {
    topic.page_index(wanted).with_context(|| {
        let slugs: Vec<&str> = topic.pages.iter().map(|p| p.slug.as_str()).collect();
        format!(
            "there is no page {wanted:?}: give a number from 1 to {} or one of: {}",
            topic.pages.len(),
            slugs.join(", ")
        )
    })
}

/// Waits for Enter after a line-based activity started from the menu in a terminal, so its
/// last lines are read before the menu's screen covers them.
fn pause(ui: &mut Ui) -> Result<()> {
    if ui.interactive {
        ui.line(
            ui.styles
                .dim
                .apply_to("Press Enter to go back to the menu.")
                .to_string(),
        )?;
        ui.read_line()?;
    }
    Ok(())
}

/// Takes a quiz. A test drawn from a bank is drawn for this learner first: a pretest before
/// any page is read, a post-test after, avoiding the last sitting's questions.
fn take_quiz(
    ui: &mut Ui,
    topic: &Topic,
    quiz: &content::Quiz,
    mut opts: ui::quiz::Options,
    progress: &mut Progress,
) -> Result<ui::quiz::Ending> {
    if quiz.draw.is_none() {
        return Ok(ui::quiz::run(ui, topic, quiz, &opts, progress)?);
    }
    let tp = progress.topic(&topic.slug).cloned().unwrap_or_default();
    let (kind, questions) =
        crate::review::session::draw_sitting(quiz, &tp.review, &tp.pages_read, opts.seed);
    let drawn = content::Quiz {
        questions,
        ..quiz.clone()
    };
    opts.sitting = Some(kind);
    Ok(ui::quiz::run(ui, topic, &drawn, &opts, progress)?)
}

/// A scenario to run: bundled (by name) or a file (by path).
struct ScenarioText {
    /// The bundled name, for progress; `None` for a file.
    bundled: Option<String>,
    path: String,
    text: String,
}

fn find_scenario(topic: &Topic, wanted: &str) -> Result<ScenarioText> {
    if let Some(s) = topic.scenario(wanted) {
        return Ok(ScenarioText {
            bundled: Some(s.name.clone()),
            path: s.file().path.clone(),
            text: s.file().text.clone(),
        });
    }
    let path = std::path::Path::new(wanted);
    let names: Vec<&str> = topic.scenarios.iter().map(|s| s.name.as_str()).collect();
    let not_a_file = |what: &str| -> anyhow::Error {
        anyhow::anyhow!(
            "{wanted:?} is {what}, not a scenario file; give a .toml file or a bundled scenario: {}",
            names.join(", ")
        )
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {
            const MAX: u64 = 4 * 1024 * 1024;
            if m.len() > MAX {
                bail!(
                    "{wanted:?} is {} bytes: a scenario file may have at most {MAX}",
                    m.len()
                );
            }
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Ok(ScenarioText {
                bundled: None,
                path: wanted.to_owned(),
                text,
            })
        }
        Ok(m) if m.is_dir() => Err(not_a_file("a directory")),
        Ok(m) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                let t = m.file_type();
                if t.is_fifo() {
                    return Err(not_a_file("a named pipe (FIFO)"));
                }
                if t.is_socket() {
                    return Err(not_a_file("a socket"));
                }
                if t.is_char_device() || t.is_block_device() {
                    return Err(not_a_file("a device"));
                }
            }
            let _ = m;
            Err(not_a_file("not a regular file"))
        }
        Err(e) => {
            let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            #[cfg(unix)]
            if e.raw_os_error() == Some(libc::ELOOP) {
                return Err(not_a_file("a symbolic link that loops back on itself"));
            }
            if link {
                return Err(not_a_file(
                    "a symbolic link to nothing (its target does not exist)",
                ));
            }
            if e.kind() == std::io::ErrorKind::NotFound {
                bail!(
                    "{wanted:?} is neither a bundled scenario nor a file; bundled scenarios: {}",
                    names.join(", ")
                )
            }
            Err(anyhow::anyhow!("cannot read {wanted:?}: {e}"))
        }
    }
}

fn simulate(
    ui: &mut Ui,
    topic: &Topic,
    wanted: Option<&str>,
    json: bool,
    seed: Option<u64>,
    progress: &mut Progress,
) -> Result<ExitCode> {
    let name = match wanted {
        Some(n) => n.to_owned(),
        None => {
            let mut cursor = 0;
            match ui::menu::pick_scenario(ui, topic, progress, &mut cursor)? {
                Some(n) => n,
                None => return Ok(ExitCode::SUCCESS),
            }
        }
    };
    let found = find_scenario(topic, &name)?;
    let run = match sim::load_scenario(&found.path, &found.text).and_then(|s| sim::run(&s, seed)) {
        Ok(r) => r,
        Err(e) => {
            ui::eprint_line(&e.to_string());
            return Ok(ExitCode::from(1));
        }
    };
    if json {
        ui.line(sim::transcript::to_jsonl(&run.transcript).trim_end())?;
        ui.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let finished = if ui.interactive {
        ui::stepper::interactive(ui, &run.trace, "leave")?
    } else {
        ui::stepper::plain(ui, &run.trace)?;
        true
    };
    if let (true, Some(bundled)) = (finished, &found.bundled) {
        progress.mark_scenario_completed(&topic.slug, bundled);
    }
    Ok(ExitCode::SUCCESS)
}

/// The scenario list and the stepper, on screens: q in a scenario comes back to the list,
/// q in the list goes back to where it was opened from.
fn simulate_from_list(
    ui: &mut Ui,
    topic: &Topic,
    progress: &mut Progress,
    cursor: &mut usize,
) -> Result<()> {
    if !ui.interactive {
        simulate(ui, topic, None, false, None, progress)?;
        return Ok(());
    }
    loop {
        let Some(name) = ui::menu::pick_scenario(ui, topic, progress, cursor)? else {
            return Ok(());
        };
        let Some(source) = topic.scenario(&name) else {
            continue;
        };
        let run = sim::load_scenario(&source.file().path, &source.file().text)
            .and_then(|s| sim::run(&s, None));
        match run {
            Ok(run) => {
                if ui::stepper::interactive(ui, &run.trace, "back to the list")? {
                    progress.mark_scenario_completed(&topic.slug, &name);
                }
            }
            Err(e) => {
                ui::screen::run(
                    &mut ui.tty(),
                    &mut ui::screen::Lines::text(
                        format!("{name} cannot run"),
                        "back to the list",
                        vec![e.to_string()],
                    ),
                )?;
            }
        }
    }
}

/// Predict, then see, on one scenario (bundled or a file). Each answer is saved at once.
fn predict(
    ui: &mut Ui,
    topic: &Topic,
    wanted: Option<&str>,
    seed: Option<u64>,
    progress: &mut Progress,
    clock: &Clock,
) -> Result<ExitCode> {
    let name = match wanted {
        Some(n) => n.to_owned(),
        None => {
            let mut cursor = 0;
            match ui::menu::pick_scenario(ui, topic, progress, &mut cursor)? {
                Some(n) => n,
                None => return Ok(ExitCode::SUCCESS),
            }
        }
    };
    let found = find_scenario(topic, &name)?;
    let plan = match sim::load_scenario(&found.path, &found.text)
        // The same seed gives the same choices in the same order.
        .and_then(|s| {
            crate::activity::predict::plan(&s, seed, seed.unwrap_or_else(|| fastrand::u64(..)))
        }) {
        Ok(p) => p,
        Err(e) => {
            ui::eprint_line(&e.to_string());
            return Ok(ExitCode::from(1));
        }
    };
    let finished = run_predict(ui, topic, &found, &plan, progress, clock, "leave")?;
    if let (true, Some(bundled)) = (finished, &found.bundled) {
        progress.mark_scenario_completed(&topic.slug, bundled);
    }
    Ok(ExitCode::SUCCESS)
}

/// Asks a plan's checkpoints, in a terminal or piped, and records the answers. Returns true
/// when the learner reached the end of the scenario.
fn run_predict(
    ui: &mut Ui,
    topic: &Topic,
    found: &ScenarioText,
    plan: &crate::activity::predict::Plan,
    progress: &mut Progress,
    clock: &Clock,
    back: &str,
) -> Result<bool> {
    // A bad LEARN_NOW does not stop predicting: answers then enter review at the real time.
    let now = clock
        .now()
        .unwrap_or_else(|_| crate::progress::now() as i64);
    let slug = topic.slug.clone();
    let bundled = found.bundled.clone();
    // Each answer of a bundled scenario enters review at once (a file's path may change).
    let mut on_answer = |c: &crate::activity::predict::Checkpoint, right: bool| {
        if let Some(name) = &bundled {
            let key = crate::review::ItemKey::predict(name, &c.id);
            progress.record_review(&slug, &key, crate::review::rate_question(right, 0), now);
        }
    };
    let result = if ui.interactive {
        ui::predict::interactive(ui, plan, back, &mut on_answer)?
    } else {
        ui::predict::plain(ui, plan, &mut on_answer)?
    };
    if result.score.asked > 0 {
        let saved = progress.record_activity(
            &topic.slug,
            crate::progress::ActivityTry {
                kind: crate::activity::predict::KIND.into(),
                item: found.bundled.clone().unwrap_or_else(|| found.path.clone()),
                score: result.score.right as u32,
                out_of: result.score.asked as u32,
                done: result.finished && result.score.asked == plan.checkpoints.len(),
            },
        );
        if let (crate::progress::Saved::No(why), false) = (saved, ui.interactive) {
            ui.line(format!("(Not saved: {why}.)"))?;
        }
    }
    Ok(result.finished)
}

/// The scenario list, then predict on the one picked, until the learner goes back.
fn predict_from_list(
    ui: &mut Ui,
    topic: &Topic,
    progress: &mut Progress,
    cursor: &mut usize,
    clock: &Clock,
) -> Result<()> {
    if !ui.interactive {
        predict(ui, topic, None, None, progress, clock)?;
        return Ok(());
    }
    loop {
        let Some(name) = ui::menu::pick_scenario(ui, topic, progress, cursor)? else {
            return Ok(());
        };
        let found = find_scenario(topic, &name)?;
        let plan = sim::load_scenario(&found.path, &found.text)
            .and_then(|s| crate::activity::predict::plan(&s, None, fastrand::u64(..)));
        match plan {
            Ok(plan) => {
                if run_predict(
                    ui,
                    topic,
                    &found,
                    &plan,
                    progress,
                    clock,
                    "back to the list",
                )? {
                    progress.mark_scenario_completed(&topic.slug, &name);
                }
            }
            Err(e) => {
                ui::screen::run(
                    &mut ui.tty(),
                    &mut ui::screen::Lines::text(
                        format!("{name} cannot run"),
                        "back to the list",
                        vec![e.to_string()],
                    ),
                )?;
            }
        }
    }
}

fn reset(ui: &mut Ui, topic: &Topic, progress: &mut Progress, yes: bool) -> Result<ExitCode> {
    let question = format!(
        "Forget everything you have done in {:?} (pages read, quiz attempts, scenarios stepped through)?",
        topic.title
    );
    let confirmed = if yes {
        true
    } else if ui.interactive {
        let answer = ui::screen::run(
            &mut ui.tty(),
            &mut ui::screen::Confirm {
                title: format!("{} · reset", topic.title),
                question: question.clone(),
            },
        )?;
        ui.tty().leave();
        answer
    } else {
        ui.line(format!("{question} Type yes to confirm:"))?;
        matches!(ui.read_line()?.as_deref().map(str::trim), Some("yes" | "y"))
    };
    if confirmed {
        match progress.reset(&topic.slug) {
            crate::progress::Saved::No(why) => ui.line(format!(
                "Progress in {} was reset for this run only, not on disk: {why}.",
                topic.title
            ))?,
            _ => ui.line(format!("Progress in {} was reset.", topic.title))?,
        }
    } else {
        ui.line("Nothing was changed.")?;
    }
    ui.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The progress view: the pages and quizzes, then study and every activity. `in_menu` says it
/// was opened from the menu (q leads back there, and the view says what the menu offers next).
fn show_progress(
    ui: &mut Ui,
    source: &content::Source,
    topic: &content::Topic,
    progress: &Progress,
    now: i64,
    in_menu: bool,
) -> Result<()> {
    // Each part wraps to the terminal's width as it is when the lines are made, so a resize
    // makes them again.
    let all = |ui: &Ui| {
        let mut all = ui::progress_view::lines(ui, topic, progress, in_menu);
        all.extend(ui::study::progress_lines(ui, topic, progress, now));
        all.extend(ui::order::progress_lines(ui, source, topic, progress));
        all.extend(ui::exercise::progress_lines(ui, source, topic, progress));
        all.extend(ui::predict::progress_lines(ui, topic, progress));
        all.extend(ui::progress_view::kept_in(ui, progress));
        all
    };
    if ui.interactive {
        let ui: &Ui = ui;
        ui::screen::run(
            &mut ui.tty(),
            &mut ui::screen::Lines::new(
                format!("{} · your progress", topic.title),
                if in_menu { "back to the menu" } else { "leave" },
                |_width| all(ui),
            ),
        )?;
    } else {
        for l in all(ui) {
            ui.line(l)?;
        }
        ui.flush()?;
    }
    Ok(())
}
