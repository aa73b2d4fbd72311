//! Exercises ("fix the view"): content files `lessons/<topic>/exercises/*.toml`, each a scenario
//! (a views module that is broken or unfinished, the settings, the requests) with an
//! `[exercise]` table (the goal, the lesson page, progressive hints, a reference solution) and
//! `[[expect]]` tables (see [`super::expect`]). docs/exercises.md describes the format.
//!
//! [`load`] reads one file, [`load_topic`] a topic's exercises in course order, and
//! [`check_dir`] is `learn check` for them: each file must load, name a page that exists, have
//! a broken views module that fails at least one expectation (without being refused by the
//! simulator) and a solution that passes every one.

use serde::Deserialize;
use toml::Spanned;

use super::expect::{self, Expectation, Report};
use super::files::{self, problem, stem};
use crate::content::{Problem, ReadError, Source, SourceFile};
use crate::sim::scenario::{Scenario, ScenarioError};

/// The tables an exercise file adds to a scenario.
pub const SECTIONS: &[&str] = &["exercise", "expect"];

/// One exercise.
#[derive(Clone, Debug)]
pub struct Exercise {
    /// The file's stem (`lost-append`): how the learner names it.
    pub name: String,
    /// The path shown in messages.
    pub path: String,
    pub title: String,
    /// The lesson page it belongs to (a slug).
    pub page: String,
    pub goal: String,
    pub hints: Vec<String>,
    /// The reference solution: a whole views module.
    pub solution: String,
    /// The file line of the solution's first line.
    pub solution_first_line: usize,
    /// The scenario, its `views` being the broken module the learner starts from.
    pub scenario: Scenario,
    pub expectations: Vec<Expectation>,
}

impl Exercise {
    /// The module the learner starts from.
    pub fn starting_views(&self) -> &str {
        &self.scenario.views
    }

    /// Runs `views` (the learner's module) against the expectations.
    pub fn check(&self, views: &str) -> Report {
        expect::check(&self.scenario, views, &self.expectations)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    page: Spanned<String>,
    goal: Spanned<String>,
    #[serde(default)]
    hints: Vec<String>,
    solution: Spanned<String>,
}

#[derive(Deserialize)]
struct RawFile {
    exercise: Option<RawExercise>,
}

/// Reads an exercise file. `name` is the file's stem.
pub fn load(name: &str, path: &str, text: &str) -> Result<Exercise, ScenarioError> {
    let scenario = expect::split(path, text, SECTIONS)?;
    let raw: RawFile = crate::content::toml_de::from_str(text).map_err(|e| match e.span() {
        Some(span) => ScenarioError::at(path, text, span.start, e.message().trim()),
        None => ScenarioError {
            path: path.into(),
            position: None,
            message: e.message().trim().to_string(),
        },
    })?;
    let Some(ex) = raw.exercise else {
        return Err(ScenarioError::at_line(
            path,
            1,
            1,
            "an exercise needs an [exercise] table (page, goal, hints, solution)",
        ));
    };
    if ex.goal.get_ref().trim().is_empty() {
        return Err(ScenarioError::at(
            path,
            text,
            ex.goal.span().start,
            "the goal is empty: say in words what the fixed view must do",
        ));
    }
    let expectations = expect::parse_expectations(path, text, &scenario)?;
    if expectations.is_empty() {
        return Err(ScenarioError::at_line(
            path,
            1,
            1,
            "an exercise needs at least one [[expect]] table",
        ));
    }
    let solution_first_line = literal_first_line(text, ex.solution.span().start);
    Ok(Exercise {
        name: name.to_string(),
        path: path.to_string(),
        title: if scenario.title.is_empty() {
            name.to_string()
        } else {
            scenario.title.clone()
        },
        page: ex.page.into_inner(),
        goal: ex.goal.into_inner(),
        hints: ex.hints,
        solution: ex.solution.into_inner(),
        solution_first_line,
        scenario,
        expectations,
    })
}

/// The file line of a string's first line (TOML drops a line break right after `'''`).
fn literal_first_line(text: &str, start: usize) -> usize {
    let (line, _) = crate::content::line_col(text, start);
    let rest = &text[start.min(text.len())..];
    for delim in ["'''", "\"\"\""] {
        if let Some(after) = rest.strip_prefix(delim) {
            if after.starts_with('\n') || after.starts_with("\r\n") {
                return line + 1;
            }
        }
    }
    line
}

/// A topic's exercises in course order (by the position of their page, then by name), and the
/// problems of those that do not load. `pages` are the topic's page slugs in order.
pub fn load_topic(
    source: &Source,
    topic: &str,
    pages: &[String],
) -> Result<(Vec<Exercise>, Vec<ScenarioError>), ReadError> {
    files::load_in_course_order(
        source,
        topic,
        "exercises",
        pages,
        load,
        |e: &Exercise| &e.page,
        |a, b| a.name.cmp(&b.name),
    )
}

/// `learn check` for a topic's exercises; `lessons` are the topic's lesson files (for the
/// page slugs).
pub fn check_dir(
    source: &Source,
    topic: &str,
    lessons: &[SourceFile],
) -> Result<Vec<Problem>, ReadError> {
    files::check_folder(source, topic, "exercises", lessons, check_file)
}

/// Every problem of one exercise file; `slugs` are the topic's pages.
pub fn check_file(file: &SourceFile, slugs: &[String]) -> Vec<Problem> {
    let ex = match load(&stem(&file.path), &file.path, &file.text) {
        Ok(e) => e,
        Err(e) => return vec![problem(&e)],
    };
    let mut problems: Vec<Problem> = files::page_problem(file, &ex.page, slugs)
        .into_iter()
        .collect();
    let views_line = ex.scenario.views_first_line;
    let broken = ex.check(&ex.scenario.views);
    match &broken.failure {
        Some(f) if f.message.contains("not supported in the simulator") => {
            problems.push(Problem::at(
                &file.path,
                (views_line + f.line.unwrap_or(1) - 1, 1),
                format!("the broken views are refused by the simulator, so the learner could not run them: {}", f.message),
            ))
        }
        Some(_) => {}
        None if broken.all_pass() => problems.push(Problem::at(
            &file.path,
            (views_line, 1),
            "the broken views already pass every expectation: an exercise must start with at least one failing",
        )),
        None => {}
    }
    problems.extend(files::unsolved_problem(
        &file.path,
        &ex.check(&ex.solution),
        |line| Some(ex.solution_first_line + line.unwrap_or(1) - 1),
        "the solution does not run",
        "the solution fails this expectation",
    ));
    problems
}

/// The largest learner's file read (a views module is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// What [`prepare_workspace`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Workspace {
    /// The file was written with the exercise's starting views.
    Created(std::path::PathBuf),
    /// The file was already there: the learner's edits are kept.
    Kept(std::path::PathBuf),
    /// `--reset`: the file was written again; the learner's previous text is in `backup`.
    Reset {
        path: std::path::PathBuf,
        backup: std::path::PathBuf,
    },
}

impl Workspace {
    pub fn path(&self) -> &std::path::Path {
        match self {
            Workspace::Created(p) | Workspace::Kept(p) => p,
            Workspace::Reset { path, .. } => path,
        }
    }
}

/// Makes sure `dir/<name>.py` holds something to work on: the starting views for a new file,
/// the learner's own text otherwise. `reset` writes the starting views again, after copying
/// the learner's text to `<name>.py.bak` (so nothing is ever lost).
pub fn prepare_workspace(
    exercise: &Exercise,
    dir: &std::path::Path,
    reset: bool,
) -> std::io::Result<Workspace> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}.py", exercise.name));
    let exists = std::fs::symlink_metadata(&path).is_ok();
    if exists && !reset {
        return Ok(Workspace::Kept(path));
    }
    if exists {
        let backup = dir.join(format!("{}.py.bak", exercise.name));
        std::fs::copy(&path, &backup)?;
        std::fs::write(&path, exercise.starting_views())?;
        return Ok(Workspace::Reset { path, backup });
    }
    std::fs::write(&path, exercise.starting_views())?;
    Ok(Workspace::Created(path))
}

/// Reads the learner's file: text, or why it cannot be used (a sentence).
pub fn read_views(path: &std::path::Path) -> Result<String, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a regular file", path.display()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{} is {} bytes; a views module for an exercise is at most {MAX_FILE_BYTES}",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{} is not UTF-8 text (line {line})", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"format_version = 1
title = "Remember the colour"
views = '''
from django.http import HttpResponse

def pick(request):
    colour = 'blue'
    return HttpResponse(colour)

def show(request):
    return HttpResponse(request.session.get('colour', 'none'))
'''

[[request]]
view = "pick"

[[request]]
view = "show"

[exercise]
page = "syntax"
goal = "Keep the colour in the session."
hints = ["Assign to request.session['colour']."]
solution = '''
from django.http import HttpResponse

def pick(request):
    request.session['colour'] = 'blue'
    return HttpResponse('blue')

def show(request):
    return HttpResponse(request.session.get('colour', 'none'))
'''

[[expect]]
request = 2
body_equals = "blue"
"#;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "lessons/t/exercises/colour.toml".into(),
            text: text.into(),
        }
    }

    fn slugs() -> Vec<String> {
        vec!["syntax".into()]
    }

    #[test]
    fn a_good_exercise_has_no_problem() {
        assert!(check_file(&file(FILE), &slugs()).is_empty());
        let ex = load("colour", "c.toml", FILE).unwrap();
        assert_eq!(ex.solution_first_line, 25);
        assert_eq!(ex.hints.len(), 1);
        assert!(!ex.check(ex.starting_views()).all_pass());
    }

    #[test]
    fn a_broken_view_that_passes_is_flagged() {
        let text = FILE.replace(
            "    colour = 'blue'\n",
            "    colour = 'blue'\n    request.session['colour'] = colour\n",
        );
        let p = check_file(&file(&text), &slugs());
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].to_string()
                .contains(":4:1: the broken views already pass"),
            "{}",
            p[0]
        );
    }

    #[test]
    fn a_failing_solution_and_a_wrong_page_are_located() {
        let text = FILE
            .replace("request.session['colour'] = 'blue'", "pass")
            .replace("page = \"syntax\"", "page = \"nope\"");
        let p: Vec<String> = check_file(&file(&text), &slugs())
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].contains(":21:8:") && p[0].contains("\"nope\""),
            "{p:?}"
        );
        assert!(p[1].contains(":36:1: the solution fails"), "{p:?}");
    }

    #[test]
    fn schema_mistakes_have_positions() {
        let text = FILE.replace("hints =", "hint =");
        let p = check_file(&file(&text), &slugs());
        assert!(p[0].to_string().contains(":23:1:"), "{}", p[0]);
        let text = FILE.replace("[exercise]", "[exercize]");
        let p = check_file(&file(&text), &slugs());
        assert!(
            p[0].to_string().contains(":20:2: unknown field `exercize`"),
            "{}",
            p[0]
        );
    }
}
