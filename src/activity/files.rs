//! What the file-based activities (exercises, Parsons problems, blanks) share: their files'
//! names, the course order they are listed in, and how their load errors become `learn check`
//! problems.

use std::cmp::Ordering;

use super::expect::Report;
use crate::content::{Problem, ReadError, Source, SourceFile};
use crate::sim::scenario::ScenarioError;

/// A file's name without its folder and `.toml` (the item's name).
pub fn stem(path: &str) -> String {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.strip_suffix(".toml").unwrap_or(file).to_string()
}

/// The page slug of a lesson file name (`08-when-saved.toml` → `when-saved`).
pub fn page_slug(path: &str) -> Option<String> {
    let s = stem(path);
    let (digits, slug) = s.split_once('-')?;
    (digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| slug.to_string())
}

/// `learn check`: a file whose `page` is not one of the topic's pages (`slugs`).
pub fn page_problem(file: &SourceFile, page: &str, slugs: &[String]) -> Option<Problem> {
    if slugs.iter().any(|s| s == page) {
        return None;
    }
    Some(Problem::at(
        &file.path,
        crate::content::locate_key_value(&file.text, "page", page, 1).unwrap_or((1, 1)),
        format!(
            "page {page:?} is not a page of this topic (the pages: {})",
            slugs.join(", ")
        ),
    ))
}

/// What a solved version (a solution, a worked example) must do in `learn check`: pass. The
/// problem when it does not: `not_run` and the message when the views do not run, at the
/// line `failure_line` gives for the failure's views line (`None`: at the first failing
/// expectation instead); `fails` and what went wrong when an expectation does not hold, at
/// that expectation.
pub fn unsolved_problem(
    path: &str,
    report: &Report,
    failure_line: impl Fn(Option<usize>) -> Option<usize>,
    not_run: &str,
    fails: &str,
) -> Option<Problem> {
    if report.all_pass() {
        return None;
    }
    let first_failing = report.outcomes.iter().find(|o| !o.pass);
    let at = |line: Option<usize>| line.or(first_failing.map(|o| o.expectation.line));
    let (line, message) = match (&report.failure, first_failing) {
        (Some(f), _) => (
            at(failure_line(f.line)),
            format!("{not_run}: {}", f.message),
        ),
        (None, Some(o)) => (
            at(None),
            format!(
                "{fails} on request {}: expected {}, got {}",
                o.expectation.request,
                o.expected(),
                o.actual
            ),
        ),
        (None, None) => (at(None), format!("{fails}: every expectation holds")),
    };
    Some(Problem::at(path, (line.unwrap_or(1), 1), message))
}

/// A load error as a `learn check` problem.
pub fn problem(e: &ScenarioError) -> Problem {
    Problem::at(&e.path, e.position.unwrap_or((1, 1)), e.message.clone())
}

/// Loads a topic's files in `lessons/<topic>/<folder>` and puts them in course order: by the
/// position of their page in `pages`, then by `then`. Files that do not load come back as
/// their errors.
pub fn load_in_course_order<T>(
    source: &Source,
    topic: &str,
    folder: &str,
    pages: &[String],
    load: impl Fn(&str, &str, &str) -> Result<T, ScenarioError>,
    page_of: impl Fn(&T) -> &str,
    then: impl Fn(&T, &T) -> Ordering,
) -> Result<(Vec<T>, Vec<ScenarioError>), ReadError> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for f in source.toml_files(&format!("lessons/{topic}/{folder}"))? {
        match load(&stem(&f.path), &f.path, &f.text) {
            Ok(item) => out.push(item),
            Err(e) => problems.push(e),
        }
    }
    let order = |item: &T| {
        let page = page_of(item);
        pages.iter().position(|p| p == page).unwrap_or(usize::MAX)
    };
    out.sort_by(|a, b| order(a).cmp(&order(b)).then_with(|| then(a, b)));
    Ok((out, problems))
}

/// `learn check` for every file of a topic's `folder`, each checked by `check_file` against the
/// page slugs of `lessons` (the topic's lesson files).
pub fn check_folder(
    source: &Source,
    topic: &str,
    folder: &str,
    lessons: &[SourceFile],
    check_file: impl Fn(&SourceFile, &[String]) -> Vec<Problem>,
) -> Result<Vec<Problem>, ReadError> {
    let slugs = lesson_slugs(lessons);
    let mut problems = Vec::new();
    for f in source.toml_files(&format!("lessons/{topic}/{folder}"))? {
        problems.extend(check_file(&f, &slugs));
    }
    Ok(problems)
}

/// The page slugs of a topic's lesson files, in order.
pub fn lesson_slugs(lessons: &[SourceFile]) -> Vec<String> {
    lessons.iter().filter_map(|f| page_slug(&f.path)).collect()
}
