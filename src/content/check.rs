//! The rules content must follow beyond its shape: what `learn check` reports.

use super::model::CODE_LANGUAGES;
use super::{
    locate_key, locate_key_value, Block, Entry, PageFile, Problem, QuizFile, SourceFile, Topic,
};
use std::collections::HashSet;

pub(super) fn check_page(file: &Entry, page: &PageFile, problems: &mut Vec<Problem>) {
    let path = &file.path;
    // The text is read (an embedded page unpacked) only to locate a problem.
    let text = std::cell::OnceCell::new();
    let text = || text.get_or_init(|| file.text().into_owned());
    if page.title.trim().is_empty() {
        problems.push(Problem::at(
            path,
            locate_key(text(), "title", 0).unwrap_or((1, 1)),
            "the page has an empty title",
        ));
    }
    if page.blocks.is_empty() {
        problems.push(Problem::at(
            path,
            (1, 1),
            "the page is empty: add at least one [[block]]",
        ));
    }
    let mut languages_seen = 0;
    // Positions are looked up only when there is a problem to report (printing the lesson
    // checks every page).
    let starts = std::cell::OnceCell::new();
    for (i, block) in page.blocks.iter().enumerate() {
        let block_pos = || {
            starts
                .get_or_init(|| headers(text(), "[[block]]"))
                .get(i)
                .copied()
                .unwrap_or((1, 1))
        };
        match block {
            Block::Paragraph { text } | Block::Note { text, .. } if text.trim().is_empty() => {
                problems.push(Problem::at(path, block_pos(), "this block has no text"));
            }
            Block::List { items } | Block::Summary { items }
                if items.is_empty() || items.iter().any(|s| s.trim().is_empty()) =>
            {
                problems.push(Problem::at(
                    path,
                    block_pos(),
                    "this list needs at least one item, and no item may be empty",
                ));
            }
            Block::Code {
                language, source, ..
            } => {
                if !CODE_LANGUAGES.contains(&language.as_str()) {
                    let pos =
                        locate_key(text(), "language", languages_seen).unwrap_or_else(block_pos);
                    problems.push(Problem::at(
                        path,
                        pos,
                        format!(
                            "unknown code language {language:?}; use one of: {}",
                            CODE_LANGUAGES.join(", ")
                        ),
                    ));
                }
                languages_seen += 1;
                if source.trim().is_empty() {
                    problems.push(Problem::at(path, block_pos(), "this code block is empty"));
                }
            }
            _ => {}
        }
    }
}

pub(super) fn check_quiz(file: &SourceFile, quiz: &QuizFile, problems: &mut Vec<Problem>) {
    let path = &file.path;
    let text = &file.text;
    if quiz.questions.is_empty() {
        problems.push(Problem::at(
            path,
            (1, 1),
            "the quiz has no questions: add a [[question]]",
        ));
    }
    let mut ids = HashSet::new();
    // Positions are looked up only when there is a problem to report.
    let starts = headers(text, "[[question]]");
    for (qi, q) in quiz.questions.iter().enumerate() {
        let start = starts.get(qi).copied().unwrap_or((1, 1));
        let at_id = || locate_key_value(text, "id", &q.id, start.0).unwrap_or(start);
        let mut report = |pos: (usize, usize), msg: String| {
            problems.push(Problem::at(path, pos, msg));
        };
        if q.id.trim().is_empty() {
            report(at_id(), "a question needs an id".into());
        } else if !ids.insert(q.id.as_str()) {
            report(at_id(), format!("duplicate question id {:?}", q.id));
        }
        if q.prompt.trim().is_empty() {
            report(at_id(), format!("question {:?} has an empty prompt", q.id));
        }
        if q.options.len() < 2 {
            report(
                at_id(),
                format!(
                    "question {:?} has {} option(s); a question needs at least two",
                    q.id,
                    q.options.len()
                ),
            );
        }
        if q.options.len() > 26 {
            report(
                at_id(),
                format!("question {:?} has more options than letters", q.id),
            );
        }
        let mut option_ids = HashSet::new();
        for o in &q.options {
            let at_opt = || locate_key_value(text, "id", &o.id, start.0).unwrap_or_else(at_id);
            if !option_ids.insert(o.id.as_str()) {
                report(
                    at_opt(),
                    format!("duplicate option id {:?} in question {:?}", o.id, q.id),
                );
            }
            if o.text.trim().is_empty() {
                report(at_opt(), format!("option {:?} has no text", o.id));
            }
            let right = o.id == q.answer;
            match (&o.mistake, right) {
                (None, false) => report(
                    at_opt(),
                    format!(
                        "wrong option {:?} needs a `mistake` note saying why it is wrong",
                        o.id
                    ),
                ),
                (Some(_), true) => report(
                    at_opt(),
                    format!(
                        "option {:?} is the right answer, so it should have no `mistake` note",
                        o.id
                    ),
                ),
                _ => {}
            }
        }
        if !q.options.iter().any(|o| o.id == q.answer) {
            let pos = locate_key_value(text, "answer", &q.answer, start.0).unwrap_or_else(at_id);
            let known: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            report(
                pos,
                format!(
                    "answer {:?} is not the id of an option of question {:?} (options: {})",
                    q.answer,
                    q.id,
                    known.join(", ")
                ),
            );
        }
        if q.hints.is_empty() {
            report(at_id(), format!("question {:?} has no hints", q.id));
        }
        if q.solution.is_empty() {
            report(
                at_id(),
                format!("question {:?} has no solution steps", q.id),
            );
        }
        if q.takeaway.trim().is_empty() {
            report(
                at_id(),
                format!("question {:?} has an empty takeaway", q.id),
            );
        }
        let explanations = q
            .hints
            .iter()
            .chain(&q.solution)
            .chain(std::iter::once(&q.takeaway))
            .chain(q.options.iter().filter_map(|o| o.mistake.as_ref()));
        for e in explanations {
            if let Some(found) = letter_reference(e) {
                report(
                    at_id(),
                    format!(
                        "question {:?} names an option by letter ({found:?}); options are shuffled, so name it by its content",
                        q.id
                    ),
                );
            }
        }
    }
}

/// Checks across a topic's files.
pub fn check_topic(topic: &Topic) -> Vec<Problem> {
    let mut problems = super::study::check_references(topic);
    for quiz in &topic.quizzes {
        let text = &quiz.text;
        for q in &quiz.questions {
            let at = locate_key_value(text, "id", &q.id, 1).unwrap_or((1, 1));
            let uses_runs = !q.runs.is_empty() || q.options.iter().any(|o| !o.runs.is_empty());
            match &q.scenario {
                Some(name) if topic.scenario(name).is_none() => {
                    let pos = locate_key_value(text, "scenario", name, at.0).unwrap_or(at);
                    let known: Vec<&str> =
                        topic.scenarios.iter().map(|s| s.name.as_str()).collect();
                    problems.push(Problem::at(
                        &quiz.path,
                        pos,
                        format!(
                            "question {:?} names scenario {name:?}, which is not in lessons/{}/simulations (there: {})",
                            q.id,
                            topic.slug,
                            known.join(", ")
                        ),
                    ));
                }
                None if uses_runs => problems.push(Problem::at(
                    &quiz.path,
                    at,
                    format!("question {:?} lists `runs` but names no `scenario`", q.id),
                )),
                _ => {}
            }
            if q.runs.contains(&0) || q.options.iter().any(|o| o.runs.contains(&0)) {
                problems.push(Problem::at(
                    &quiz.path,
                    at,
                    format!("question {:?}: `runs` count requests from 1", q.id),
                ));
            }
        }
    }
    if topic.pages.is_empty() {
        problems.push(Problem::at(
            &format!("lessons/{}", topic.slug),
            (1, 1),
            "the topic has no lesson pages",
        ));
    }
    let mut slugs = HashSet::new();
    for page in &topic.pages {
        if !slugs.insert(page.slug.as_str()) {
            problems.push(Problem::at(
                &page.path,
                (1, 1),
                format!("another page already uses the slug {:?}", page.slug),
            ));
        }
    }
    problems
}

/// Positions of the lines that are exactly `header`, in order.
pub(super) fn headers(text: &str, header: &str) -> Vec<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
        .collect()
}

/// "option B" or "answer C": ways of naming an option by its letter.
fn letter_reference(text: &str) -> Option<String> {
    let mut previous: Option<&str> = None;
    for word in text.split_whitespace() {
        if let Some(first) = previous {
            let second = word.trim_end_matches(['.', ',', ';', ':', ')']);
            if (first.eq_ignore_ascii_case("option") || first.eq_ignore_ascii_case("answer"))
                && second.len() == 1
                && second.chars().all(|c| c.is_ascii_uppercase())
            {
                return Some(format!("{first} {second}"));
            }
        }
        previous = Some(word);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_spotted() {
        assert_eq!(
            letter_reference("so Option D is right"),
            Some("Option D".into())
        );
        assert_eq!(letter_reference("the answer B."), Some("answer B".into()));
        assert_eq!(letter_reference("an option that reads a key"), None);
        assert_eq!(letter_reference("Option A-level"), None);
    }
}

/// What `learn check` read, counted by files (whether they loaded or not), and the problems
/// of the tree itself (a lessons directory without `topic.toml`).
#[derive(Debug, Default)]
pub struct Survey {
    pub topics: usize,
    pub files: usize,
    pub pages: usize,
    pub quizzes: usize,
    pub scenarios: usize,
    /// Exercises (fix the view), Parsons problems (order the lines) and blanks problems.
    pub exercises: usize,
    pub orders: usize,
    pub blanks: usize,
    pub problems: Vec<Problem>,
}

/// Counts the files of every topic directory in `source`.
pub fn survey(source: &super::Source) -> Result<Survey, super::ReadError> {
    let mut s = Survey::default();
    let dirs = source.topic_dirs()?;
    for dir in &dirs {
        let lessons = source.toml_files(&format!("lessons/{dir}"))?;
        let has_meta = lessons
            .iter()
            .any(|f| f.path.rsplit(['/', '\\']).next() == Some("topic.toml"));
        if !has_meta {
            if lessons.is_empty() {
                // An empty scratch folder is not a topic and not a mistake.
                continue;
            }
            s.problems.push(Problem::at(
                &format!("lessons/{dir}"),
                (1, 1),
                "this directory has no topic.toml, so it is not a topic and nothing in it is shown; add lessons/DIR/topic.toml (title, summary, format_version) or remove the directory",
            ));
            continue;
        }
        s.topics += 1;
        let quizzes = source.toml_files(&format!("quizzes/{dir}"))?;
        let scenarios = source.toml_files(&format!("lessons/{dir}/simulations"))?;
        // The study files (flashcards, explain-it prompts, the cheat sheet) are neither pages
        // nor quizzes; they count among the files read.
        let named = |f: &SourceFile, names: &[&str]| {
            names.contains(&f.path.rsplit(['/', '\\']).next().unwrap_or(""))
        };
        s.pages += lessons
            .iter()
            .filter(|f| !named(f, super::study::LESSON_EXTRAS))
            .count()
            - 1;
        s.quizzes += quizzes
            .iter()
            .filter(|f| !named(f, super::study::QUIZ_EXTRAS))
            .count();
        s.scenarios += scenarios.len();
        let activity = |folder: &str| {
            source
                .toml_files(&format!("lessons/{dir}/{folder}"))
                .map(|f| f.len())
        };
        let (exercises, orders, blanks) = (
            activity("exercises")?,
            activity("order")?,
            activity("blanks")?,
        );
        s.exercises += exercises;
        s.orders += orders;
        s.blanks += blanks;
        s.files += lessons.len() + quizzes.len() + scenarios.len() + exercises + orders + blanks;
        for file in lessons.iter().chain(&quizzes).chain(&scenarios) {
            control_characters(file, &mut s.problems);
        }
        s.problems
            .extend(crate::activity::exercise::check_dir(source, dir, &lessons)?);
        s.problems
            .extend(crate::activity::parsons::check_dir(source, dir, &lessons)?);
        s.problems
            .extend(crate::activity::blanks::check_dir(source, dir, &lessons)?);
    }
    if s.topics == 0 && s.problems.is_empty() {
        s.problems.push(Problem::at(
            "lessons",
            (1, 1),
            "there is no topic here: add lessons/SLUG/topic.toml",
        ));
    }
    Ok(s)
}

/// Problems in the order of the files and of the positions within them.
pub fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        (a.path.as_str(), a.line, a.column).cmp(&(b.path.as_str(), b.line, b.column))
    });
}

/// A character that would act on a terminal instead of being shown (ESC, BEL, a carriage
/// return, bidirectional overrides), as TOML lets a string hold with `\u001b` or `\e`.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Flags control characters in a file's name and in every string it holds: the screens show
/// them escaped, but they are almost certainly a mistake.
fn control_characters(file: &super::SourceFile, problems: &mut Vec<Problem>) {
    if file.path.chars().any(acts_on_terminal) {
        problems.push(Problem::at(
            &file.path.escape_debug().to_string(),
            (1, 1),
            "the file's name has a control character in it; rename the file",
        ));
    }
    let Ok(table) = super::toml_de::from_str::<toml::Table>(&file.text) else {
        return; // Its syntax problem is reported where it is parsed.
    };
    let mut found = Vec::new();
    fn walk(v: &toml::Value, found: &mut Vec<char>) {
        match v {
            toml::Value::String(s) => found.extend(s.chars().filter(|c| acts_on_terminal(*c))),
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, found)),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, found)),
            _ => {}
        }
    }
    for v in table.values() {
        walk(v, &mut found);
    }
    found.dedup();
    for c in found.into_iter().take(3) {
        let n = c as u32;
        // Where the escape is written: \u001b, \U0000001b, \e (or the raw character).
        let spellings = [
            format!("\\u{n:04x}"),
            format!("\\u{n:04X}"),
            format!("\\U{n:08x}"),
            format!("\\U{n:08X}"),
            if c == '\u{1b}' {
                "\\e".to_string()
            } else {
                c.to_string()
            },
            c.to_string(),
        ];
        let at = file
            .text
            .lines()
            .enumerate()
            .find_map(|(i, l)| {
                spellings
                    .iter()
                    .find_map(|sp| l.find(sp.as_str()))
                    .map(|b| (i + 1, l[..b].chars().count() + 1))
            })
            .unwrap_or((1, 1));
        problems.push(Problem::at(
            &file.path,
            at,
            format!("a control character (U+{n:04X}) is in the text: it would act on the learner's terminal; remove it"),
        ));
    }
}
