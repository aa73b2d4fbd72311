//! `learn sessions progress`: pages read, quiz attempts, scores and what to review.

use super::quiz::duration;
use super::Ui;
use crate::content::Topic;
use crate::progress::{Progress, TopicProgress};

/// A bar like `[██████░░░░]` that also reads as a number.
pub fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    format!("[{}{}]", "█".repeat(filled), "░".repeat(width - filled))
}

/// The progress as lines; `in_menu`: opened from the menu, so it names menu entries rather
/// than commands.
pub fn lines(ui: &Ui, topic: &Topic, progress: &Progress, in_menu: bool) -> Vec<String> {
    let s = &ui.styles;
    let empty = TopicProgress::default();
    let tp = progress.topic(&topic.slug).unwrap_or(&empty);
    let mut out = vec![
        s.heading
            .apply_to(format!("Your progress: {}", topic.title))
            .to_string(),
        String::new(),
    ];

    let total = topic.pages.len();
    let read = topic
        .pages
        .iter()
        .filter(|p| tp.pages_read.contains(&p.slug))
        .count();
    out.push(format!(
        "Lesson  {} {read} of {total} pages read",
        bar(read, total, 20)
    ));
    for (i, page) in topic.pages.iter().enumerate() {
        let (mark, note) = if tp.pages_read.contains(&page.slug) {
            (s.good.apply_to("✓").to_string(), "")
        } else {
            (s.dim.apply_to("·").to_string(), " (not read yet)")
        };
        out.push(format!(
            "  {mark} {}. {}{note}",
            i + 1,
            super::render::escape_controls(&page.title)
        ));
    }

    if !topic.scenarios.is_empty() {
        let done = topic
            .scenarios
            .iter()
            .filter(|sc| tp.scenarios_completed.contains(&sc.name))
            .count();
        out.push(String::new());
        out.push(format!(
            "Simulations  {} {done} of {} stepped through",
            bar(done, topic.scenarios.len(), 20),
            topic.scenarios.len()
        ));
    }

    for quiz in &topic.quizzes {
        out.push(String::new());
        let attempts: Vec<_> = tp.attempts.iter().filter(|a| a.quiz == quiz.name).collect();
        out.push(format!(
            "Quiz: {} ({})",
            super::render::escape_controls(&quiz.title),
            super::render::escape_controls(&quiz.name)
        ));
        if attempts.is_empty() {
            out.push(if in_menu {
                format!("  Not tried yet: choose \"{}\" in the menu.", quiz.title)
            } else {
                format!(
                    "  Not tried yet. Start it with: learn {} quiz {}",
                    topic.slug, quiz.name
                )
            });
            continue;
        }
        let best = attempts
            .iter()
            .map(|a| a.score())
            .max_by_key(|sc| sc.correct)
            .expect("at least one attempt");
        let last = attempts.last().expect("at least one attempt");
        let last_score = last.score();
        out.push(format!(
            "  Attempts: {} · best {}/{} · last {}/{}{}",
            attempts.len(),
            best.correct,
            best.total,
            last_score.correct,
            last_score.total,
            if last.finished {
                String::new()
            } else {
                format!(
                    " (stopped after {} of {})",
                    last_score.answered, last_score.total
                )
            }
        ));
        let hints = attempts
            .iter()
            .fold(0, |sum: usize, a| sum.saturating_add(a.score().hints_used));
        out.push(format!(
            "  Hints used: {hints} in all, {} in the last attempt · last attempt took {}",
            last_score.hints_used,
            duration(last.seconds)
        ));
        // A drawn test asks a few questions of a bank: only those asked count here.
        let drawn = quiz.draw.is_some();
        let asked = |id: &str| {
            attempts
                .iter()
                .any(|a| a.answers.iter().any(|x| x.question == id))
        };
        let not_yet: Vec<(usize, &str)> = quiz
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| !drawn || asked(&q.id))
            .filter(|(_, q)| {
                !attempts
                    .iter()
                    .any(|a| a.answers.iter().any(|x| x.question == q.id && x.correct))
            })
            .map(|(i, q)| (i + 1, q.prompt.as_str()))
            .collect();
        if drawn {
            let n = quiz.questions.iter().filter(|q| asked(&q.id)).count();
            out.push(format!(
                "  Asked so far: {n} of the {} questions it draws from",
                quiz.questions.len()
            ));
        }
        if not_yet.is_empty() {
            let what = if drawn {
                "Every question asked so far answered right at least once."
            } else {
                "Every question answered right at least once."
            };
            out.push(format!("  {} {what}", s.good.apply_to("✓")));
        } else {
            out.push(if drawn {
                "  Asked and not yet answered right:".into()
            } else {
                "  Not yet answered right:".into()
            });
            for (n, prompt) in not_yet {
                // A drawn test's questions have no fixed number: a bullet instead.
                let mark = if drawn {
                    "•".to_string()
                } else {
                    format!("{n}.")
                };
                out.extend(super::render::wrap(
                    &format!("{mark} {}", super::render::inline(prompt, s, ui.color)),
                    super::render::text_width(ui.full_width()),
                    "    ",
                    if drawn { "      " } else { "       " },
                ));
            }
        }
    }
    out
}

/// The last lines of the progress view: where the progress file is.
pub fn kept_in(ui: &Ui, progress: &Progress) -> Vec<String> {
    vec![
        String::new(),
        ui.styles
            .dim
            .apply_to(format!("Progress is kept in {}", progress.path().display()))
            .to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(bar(0, 4, 4), "[░░░░]");
        assert_eq!(bar(2, 4, 4), "[██░░]");
        assert_eq!(bar(4, 4, 4), "[████]");
        assert_eq!(bar(0, 0, 3), "[░░░]");
    }
}
