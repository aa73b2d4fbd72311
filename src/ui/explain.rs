//! From the quiz to the simulator: after a question whose code can run, the option chosen and
//! the right one are run and shown with what really happens.

use super::render::wrap;
use super::stepper::request_summary;
use super::Ui;
use crate::content::{Question, QuizOption, Topic};
use crate::sim;

/// The lines that show what the chosen option (and the right one, if different) really do,
/// or `None` when the question has nothing to run.
pub fn lines(
    ui: &Ui,
    topic: &Topic,
    question: &Question,
    chosen: &QuizOption,
    width: usize,
) -> Option<Vec<String>> {
    let name = question.scenario.as_ref()?;
    let source = topic.scenario(name)?;
    let width = width.clamp(20, 100);
    let s = &ui.styles;
    let run = sim::load_scenario(&source.file().path, &source.file().text)
        .and_then(|sc| sim::run(&sc, Some(1)));
    let run = match run {
        Ok(r) => r,
        Err(e) => {
            return Some(vec![format!(
                "The simulator could not run this question: {e}"
            )])
        }
    };
    let right = question.correct_option()?;
    let mut shown: Vec<(&str, &QuizOption)> = vec![(
        if chosen.id == right.id {
            "Your answer, the right one"
        } else {
            "Your answer"
        },
        chosen,
    )];
    if chosen.id != right.id {
        shown.push(("The right answer", right));
    }
    let mut out = vec![s
        .heading
        .apply_to(format!("In the simulator: {}", run.trace.title))
        .to_string()];
    for (label, option) in shown {
        out.push(String::new());
        out.extend(wrap(
            &s.strong
                .apply_to(format!("{label}: {}", option.text))
                .to_string(),
            width,
            "",
            "  ",
        ));
        let runs = question.runs_for(option);
        if runs.is_empty() {
            out.push("  (this option is not run on its own)".into());
        }
        for &n in runs {
            if let Some(r) = n.checked_sub(1).filter(|r| *r < run.trace.requests.len()) {
                out.extend(
                    request_summary(&run.trace, r, s, width.saturating_sub(2))
                        .into_iter()
                        .map(|l| format!("  {l}")),
                );
            }
        }
    }
    out.push(String::new());
    out.extend(wrap(
        &s.dim
            .apply_to(format!(
                "Step through it line by line: learn {} simulate {name}",
                topic.slug
            ))
            .to_string(),
        width,
        "",
        "  ",
    ));
    Some(out)
}
