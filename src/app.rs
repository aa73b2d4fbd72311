//! Runs a parsed command line: loads content and progress, then hands over to the screens.

use crate::cli::{Action, Cli, Command, Global};
use crate::content::{self, Problem, Source, Topic};
use crate::progress::Progress;
use crate::sim;
use crate::ui::{self, menu::Activity, Ui};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let source = match &cli.global.content {
        Some(dir) => Source::Directory(dir.clone()),
        None => Source::Embedded,
    };
    match cli.command {
        Some(Command::Check) => check(&source),
        None => list_topics(&source, &cli.global),
        Some(Command::Sessions { action }) => {
            topic_command("sessions", action, &source, &cli.global)
        }
    }
}

/// Loads content, refusing it (with every problem listed) if anything is wrong.
fn load_topics(source: &Source, parts: content::Parts) -> Result<Vec<Topic>> {
    let loaded = content::load_parts(source, parts)?;
    if !loaded.problems.is_empty() {
        for p in &loaded.problems {
            eprintln!("{p}");
        }
        bail!(
            "the course content has {} problem(s); fix them (`learn check` lists them) and try again",
            loaded.problems.len()
        );
    }
    Ok(loaded.topics)
}

fn check(source: &Source) -> Result<ExitCode> {
    let loaded = content::load(source)?;
    let mut problems: Vec<Problem> = loaded.problems;
    for topic in &loaded.topics {
        problems.extend(content::check_topic(topic));
        problems.extend(sim::check::check_topic(topic));
    }
    for p in &problems {
        println!("{p}");
    }
    let pages: usize = loaded.topics.iter().map(|t| t.pages.len()).sum();
    let questions: usize = loaded
        .topics
        .iter()
        .flat_map(|t| &t.quizzes)
        .map(|q| q.questions.len())
        .sum();
    let scenarios: usize = loaded.topics.iter().map(|t| t.scenarios.len()).sum();
    let what = format!(
        "{} topic(s), {pages} page(s), {questions} question(s), {scenarios} scenario(s)",
        loaded.topics.len()
    );
    if problems.is_empty() {
        println!("ok: {what}, no problems");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{} problem(s) in {what}", problems.len());
        Ok(ExitCode::from(1))
    }
}

fn list_topics(source: &Source, global: &Global) -> Result<ExitCode> {
    let topics = load_topics(source, content::Parts::All)?;
    let mut ui = Ui::detect(global.plain);
    ui.line(ui.styles.heading.apply_to("Topics").to_string())?;
    let w = topics.iter().map(|t| t.slug.len()).max().unwrap_or(0);
    for t in &topics {
        ui.line(format!("  {:w$}  {} · {}", t.slug, t.title, t.summary))?;
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
    let parts = match action {
        Some(Action::Read { .. } | Action::Simulate { .. } | Action::Sandbox { .. }) => {
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
    let result = dispatch(&mut ui, topic, action, &mut progress);
    for w in progress.take_warnings() {
        eprintln!("{w}");
    }
    result
}

fn dispatch(
    ui: &mut Ui,
    topic: &Topic,
    action: Option<Action>,
    progress: &mut Progress,
) -> Result<ExitCode> {
    let warn = |progress: &mut Progress| {
        for w in progress.take_warnings() {
            eprintln!("{w}");
        }
    };
    warn(progress);
    match action {
        None => loop {
            let Some(activity) = ui::menu::choose(ui, topic, progress)? else {
                return Ok(ExitCode::SUCCESS);
            };
            match activity {
                Activity::Read => ui::pager::read(ui, topic, 0, progress)?,
                Activity::Quiz(name) => {
                    let quiz = topic.quiz(&name).expect("menu lists existing quizzes");
                    let opts = ui::quiz::Options {
                        seed: fastrand::u64(..),
                        shuffle: true,
                        json: false,
                        explain_run: false,
                    };
                    if ui::quiz::run(ui, topic, quiz, &opts, progress)?
                        == ui::quiz::Ending::EndOfInput
                    {
                        return Ok(ExitCode::SUCCESS);
                    }
                    pause(ui)?;
                }
                Activity::Simulate => {
                    simulate(ui, topic, None, false, None, progress)?;
                }
                Activity::Sandbox => {
                    ui::sandbox::run(ui, crate::django::settings::Engine::Db, None)?;
                }
                Activity::Progress => {
                    if ui.interactive {
                        ui.term().clear_screen()?;
                        for l in ui::progress_view::lines(ui, topic, progress) {
                            ui.term().write_line(&l)?;
                        }
                        pause(ui)?;
                    } else {
                        ui::progress_view::show(ui, topic, progress)?;
                    }
                }
                Activity::Quit => return Ok(ExitCode::SUCCESS),
            }
            warn(progress);
        },
        Some(Action::Read { page }) => {
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
            ui::pager::read(ui, topic, start, progress)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Quiz {
            name,
            seed,
            no_shuffle,
            json,
            explain_run,
        }) => {
            let quiz = topic.quiz(&name).with_context(|| {
                let names: Vec<&str> = topic.quizzes.iter().map(|q| q.name.as_str()).collect();
                format!("there is no quiz {name:?}; quizzes: {}", names.join(", "))
            })?;
            let opts = ui::quiz::Options {
                seed: seed.unwrap_or_else(|| fastrand::u64(..)),
                shuffle: !no_shuffle,
                json,
                explain_run,
            };
            ui::quiz::run(ui, topic, quiz, &opts, progress)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Progress) => {
            ui::progress_view::show(ui, topic, progress)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Sandbox { engine, seed }) => {
            let engine = crate::django::settings::Engine::parse(&engine).with_context(|| {
                format!("unknown engine {engine:?}: use db, cache or signed_cookies")
            })?;
            ui::sandbox::run(ui, engine, seed)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Simulate {
            scenario,
            json,
            seed,
        }) => simulate(ui, topic, scenario.as_deref(), json, seed, progress),
        Some(Action::Reset { yes }) => reset(ui, topic, progress, yes),
    }
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
            path: s.file.path.clone(),
            text: s.file.text.clone(),
        });
    }
    let path = std::path::Path::new(wanted);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        return Ok(ScenarioText {
            bundled: None,
            path: wanted.to_owned(),
            text,
        });
    }
    let names: Vec<&str> = topic.scenarios.iter().map(|s| s.name.as_str()).collect();
    bail!(
        "{wanted:?} is neither a bundled scenario nor a file; bundled scenarios: {}",
        names.join(", ")
    )
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
        None => match ui::menu::pick_scenario(ui, topic)? {
            Some(n) => n,
            None => return Ok(ExitCode::SUCCESS),
        },
    };
    let found = find_scenario(topic, &name)?;
    let run = match sim::load_scenario(&found.path, &found.text).and_then(|s| sim::run(&s, seed)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    if json {
        ui.line(sim::transcript::to_jsonl(&run.transcript).trim_end())?;
        ui.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let finished = if ui.interactive {
        ui::stepper::interactive(ui, &run.trace)?
    } else {
        ui::stepper::plain(ui, &run.trace)?;
        true
    };
    if let (true, Some(bundled)) = (finished, &found.bundled) {
        progress.mark_scenario_completed(&topic.slug, bundled);
    }
    Ok(ExitCode::SUCCESS)
}

/// Waits for a key in a terminal; does nothing when plain.
fn pause(ui: &mut Ui) -> Result<()> {
    if ui.interactive {
        let term = ui.term();
        term.write_line("")?;
        term.write_line(
            &ui.styles
                .dim
                .apply_to("Press any key to go back to the menu.")
                .to_string(),
        )?;
        let mut size = term.size();
        loop {
            match ui::keys::next_key(&term, &mut size)? {
                Some(console::Key::CtrlC) => ui::interrupted(),
                Some(_) => break,
                None => {}
            }
        }
    }
    Ok(())
}

fn reset(ui: &mut Ui, topic: &Topic, progress: &mut Progress, yes: bool) -> Result<ExitCode> {
    let question = format!(
        "Forget everything you have done in {:?} (pages read, quiz attempts)?",
        topic.title
    );
    let confirmed = if yes {
        true
    } else if ui.interactive {
        ui::answered(
            dialoguer::Confirm::new()
                .with_prompt(&question)
                .default(false)
                .interact_on(&ui.term()),
        )?
    } else {
        ui.line(format!("{question} Type yes to confirm:"))?;
        matches!(ui.read_line()?.as_deref().map(str::trim), Some("yes" | "y"))
    };
    if confirmed {
        progress.reset(&topic.slug);
        ui.line(format!("Progress in {} was reset.", topic.title))?;
    } else {
        ui.line("Nothing was changed.")?;
    }
    ui.flush()?;
    Ok(ExitCode::SUCCESS)
}
