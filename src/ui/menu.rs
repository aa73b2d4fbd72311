//! The topic menu, built from what the topic has: its lesson, its quizzes, and the
//! activities that exist, so a new activity or quiz appears without changing this screen.

use super::Ui;
use crate::content::Topic;
use crate::progress::Progress;
use std::io;

/// What the learner can do from the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activity {
    Read,
    Quiz(String),
    Simulate,
    Sandbox,
    Progress,
    Quit,
}

/// The entries, in order, with their labels.
pub fn entries(topic: &Topic, progress: &Progress) -> Vec<(Activity, String)> {
    let read = progress
        .topic(&topic.slug)
        .map(|t| {
            topic
                .pages
                .iter()
                .filter(|p| t.pages_read.contains(&p.slug))
                .count()
        })
        .unwrap_or(0);
    let mut items = vec![(
        Activity::Read,
        format!(
            "Read the lesson ({read} of {} pages read)",
            topic.pages.len()
        ),
    )];
    for quiz in &topic.quizzes {
        items.push((
            Activity::Quiz(quiz.name.clone()),
            format!("{} ({} questions)", quiz.title, quiz.questions.len()),
        ));
    }
    if !topic.scenarios.is_empty() {
        let done = progress
            .topic(&topic.slug)
            .map(|t| {
                topic
                    .scenarios
                    .iter()
                    .filter(|s| t.scenarios_completed.contains(&s.name))
                    .count()
            })
            .unwrap_or(0);
        items.push((
            Activity::Simulate,
            format!(
                "Step through simulated requests ({done} of {} done)",
                topic.scenarios.len()
            ),
        ));
    }
    items.push((
        Activity::Sandbox,
        "Sandbox: try statements inside a view".into(),
    ));
    items.push((Activity::Progress, "Your progress".into()));
    items.push((Activity::Quit, "Quit".into()));
    items
}

/// Asks what to do next. `None` means leave (Quit, Esc, or end of input).
pub fn choose(ui: &mut Ui, topic: &Topic, progress: &Progress) -> io::Result<Option<Activity>> {
    let items = entries(topic, progress);
    if ui.interactive {
        let labels: Vec<&str> = items.iter().map(|(_, l)| l.as_str()).collect();
        let term = ui.term();
        term.clear_screen()?;
        term.write_line(&ui.styles.heading.apply_to(&topic.title).to_string())?;
        for l in super::render::wrap(
            &super::render::inline(&topic.summary, &ui.styles, ui.color),
            ui.width(),
            "",
            "",
        ) {
            term.write_line(&l)?;
        }
        term.write_line("")?;
        let picked = dialoguer::Select::new()
            .with_prompt("What next? (↑/↓ and Enter, Esc to quit)")
            .items(&labels)
            .default(0)
            .interact_on_opt(&term);
        return Ok(super::answered(picked)?
            .map(|i| items[i].0.clone())
            .filter(|a| *a != Activity::Quit));
    }
    ui.line(ui.styles.heading.apply_to(&topic.title).to_string())?;
    ui.line(&topic.summary)?;
    ui.line("")?;
    for (i, (_, label)) in items.iter().enumerate() {
        ui.line(format!("  {}. {label}", i + 1))?;
    }
    let picked = ui.choose_number(items.len(), |_| None)?;
    Ok(picked
        .map(|i| items[i].0.clone())
        .filter(|a| *a != Activity::Quit))
}

/// Asks which bundled scenario to step through. `None`: leave.
pub fn pick_scenario(ui: &mut Ui, topic: &Topic) -> io::Result<Option<String>> {
    let mut items = Vec::new();
    for s in &topic.scenarios {
        let (title, summary) = match crate::sim::load_scenario(&s.file.path, &s.file.text) {
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
        let width = ui.full_width().saturating_sub(4);
        let labels: Vec<String> = items
            .iter()
            .map(|(_, title, summary)| {
                let label = format!("{title}: {summary}");
                if label.chars().count() > width {
                    let cut: String = label.chars().take(width.saturating_sub(1)).collect();
                    format!("{cut}…")
                } else {
                    label
                }
            })
            .collect();
        let term = ui.term();
        term.clear_screen()?;
        let picked = dialoguer::Select::new()
            .with_prompt("Which scenario? (↑/↓ and Enter, Esc to go back)")
            .items(&labels)
            .default(0)
            .interact_on_opt(&term);
        return Ok(super::answered(picked)?.map(|i| items[i].0.clone()));
    }
    ui.line(ui.styles.heading.apply_to("Scenarios").to_string())?;
    for (i, (name, title, summary)) in items.iter().enumerate() {
        ui.line(format!("  {}. {title} ({name})", i + 1))?;
        for l in super::render::wrap(summary, ui.width(), "     ", "     ") {
            ui.line(l)?;
        }
    }
    let picked = ui.choose_number(items.len(), |t| {
        items.iter().position(|(name, _, _)| name == t)
    })?;
    Ok(picked.map(|i| items[i].0.clone()))
}
