//! Fill in the blanks (faded worked examples): content files `lessons/<topic>/blanks/*.toml`,
//! each a scenario (docs/scenarios.md) whose `views` is the worked example in full, with a
//! `[blanks]` table (the lesson page, the goal, and one to three `[[blanks.blank]]`: the
//! pieces of the views the learner fills in) and `[[expect]]` tables (see [`super::expect`]).
//! docs/exercises.md describes the format.
//!
//! The learner's fills are put in place of the blanks and the module is run by the simulator
//! against the expectations, so every spelling that behaves right counts. Pure engine: nothing
//! here prints.

use serde::Deserialize;
use toml::Spanned;

use super::expect::{self, Expectation, Report};
use super::files::{self, problem, stem};
use super::parsons::{literal_first_line, toml_error};
use crate::content::{Problem, ReadError, Source, SourceFile};
use crate::sim::scenario::{Scenario, ScenarioError};

/// The kind name in the progress file.
pub const KIND: &str = "blanks";

/// The tables a blanks file adds to a scenario.
pub const SECTIONS: &[&str] = &["blanks", "expect", "mistake"];

/// The most blanks a problem has.
pub const MAX_BLANKS: usize = 3;

/// One blank: a piece of one line of the views.
#[derive(Clone, Debug, PartialEq)]
pub struct Blank {
    /// The views line (1-based) it is on.
    pub line: usize,
    /// Byte offsets of the piece in that line.
    pub start: usize,
    pub end: usize,
    /// The text of the worked example.
    pub answer: String,
    pub hint: Option<String>,
}

/// A typical wrong fill and why it is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Mistake {
    pub fills: Vec<String>,
    pub why: String,
    pub file_line: usize,
}

/// One fill-in-the-blanks problem.
#[derive(Clone, Debug)]
pub struct Blanks {
    pub name: String,
    pub path: String,
    pub title: String,
    pub page: String,
    pub goal: String,
    /// In the order they appear in the views.
    pub blanks: Vec<Blank>,
    pub mistakes: Vec<Mistake>,
    /// The scenario; its `views` is the worked example with the answers in place.
    pub scenario: Scenario,
    pub expectations: Vec<Expectation>,
}

/// A line of the views as shown: text pieces and blanks.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Text(String),
    /// The blank's index.
    Blank(usize),
}

impl Blanks {
    /// The views with `fills` in place of the blanks (a missing fill is empty).
    pub fn fill(&self, fills: &[String]) -> String {
        let mut out = String::new();
        for (n, line) in self.scenario.views.split_inclusive('\n').enumerate() {
            let mut at = 0;
            for (i, b) in self.blanks.iter().enumerate() {
                if b.line == n + 1 {
                    out.push_str(&line[at..b.start]);
                    out.push_str(fills.get(i).map_or("", |s| s.as_str()));
                    at = b.end;
                }
            }
            out.push_str(&line[at..]);
        }
        out
    }

    /// Runs fills against the expectations. A fill may not hold a line break.
    pub fn check(&self, fills: &[String]) -> Report {
        expect::check(&self.scenario, &self.fill(fills), &self.expectations)
    }

    /// The answers of the worked example.
    pub fn answers(&self) -> Vec<String> {
        self.blanks.iter().map(|b| b.answer.clone()).collect()
    }

    /// The views' lines as pieces, for showing with the blanks open.
    pub fn shown_lines(&self) -> Vec<Vec<Piece>> {
        let mut out = Vec::new();
        for (n, line) in self.scenario.views.lines().enumerate() {
            let mut pieces = Vec::new();
            let mut at = 0;
            for (i, b) in self.blanks.iter().enumerate() {
                if b.line == n + 1 {
                    pieces.push(Piece::Text(line[at..b.start].to_string()));
                    pieces.push(Piece::Blank(i));
                    at = b.end;
                }
            }
            pieces.push(Piece::Text(line[at..].to_string()));
            pieces.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
            out.push(pieces);
        }
        out
    }

    /// The file's typical wrong fill these fills are, if any (compared without spaces).
    pub fn mistake_matching(&self, fills: &[String]) -> Option<&Mistake> {
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        self.mistakes.iter().find(|m| {
            m.fills.len() == fills.len()
                && m.fills
                    .iter()
                    .zip(fills)
                    .all(|(a, b)| squeeze(a) == squeeze(b))
        })
    }
}

/// Why a fill cannot be used as typed.
pub fn refuse_fill(fill: &str) -> Option<String> {
    if fill.contains(['\n', '\r']) {
        return Some("a blank holds one line: no line breaks".into());
    }
    None
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlanks {
    page: Spanned<String>,
    goal: Spanned<String>,
    #[serde(default)]
    blank: Vec<RawBlank>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlank {
    answer: Spanned<String>,
    /// The views line, when the answer's text is on more than one line.
    #[serde(default)]
    line: Option<Spanned<usize>>,
    #[serde(default)]
    hint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMistake {
    fill: Spanned<Vec<String>>,
    why: String,
}

#[derive(Deserialize)]
struct RawFile {
    blanks: Option<RawBlanks>,
    #[serde(default)]
    mistake: Vec<RawMistake>,
}

/// Reads a blanks file. `name` is the file's stem.
pub fn load(name: &str, path: &str, text: &str) -> Result<Blanks, ScenarioError> {
    let scenario = expect::split(path, text, SECTIONS)?;
    let raw: RawFile =
        crate::content::toml_de::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let Some(b) = raw.blanks else {
        return Err(ScenarioError::at_line(
            path,
            1,
            1,
            "a fill-in-the-blanks problem needs a [blanks] table (page, goal, [[blanks.blank]])",
        ));
    };
    let at = |offset: usize, message: String| ScenarioError::at(path, text, offset, message);
    if b.goal.get_ref().trim().is_empty() {
        return Err(at(
            b.goal.span().start,
            "the goal is empty: say in words what the code must do".into(),
        ));
    }
    if b.blank.is_empty() || b.blank.len() > MAX_BLANKS {
        let offset = b
            .blank
            .get(MAX_BLANKS)
            .map_or(b.page.span().start, |x| x.answer.span().start);
        return Err(at(
            offset,
            format!(
                "{} blank(s): a problem has from 1 to {MAX_BLANKS} [[blanks.blank]]",
                b.blank.len()
            ),
        ));
    }
    let views_first = literal_first_line(text, views_offset(text));
    let lines: Vec<&str> = scenario.views.lines().collect();
    let mut blanks: Vec<Blank> = Vec::new();
    for raw in &b.blank {
        let answer = raw.answer.get_ref();
        let answer_at = raw.answer.span().start;
        if answer.trim().is_empty() || answer.contains('\n') {
            return Err(at(
                answer_at,
                "a blank's answer is a piece of one line of the views".into(),
            ));
        }
        let found: Vec<(usize, usize)> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| raw.line.as_ref().is_none_or(|l| *l.get_ref() == i + 1))
            .flat_map(|(i, l)| {
                l.match_indices(answer.as_str())
                    .map(move |(s, _)| (i + 1, s))
            })
            .collect();
        let (line, start) = match found.as_slice() {
            [one] => *one,
            [] => {
                return Err(at(
                    answer_at,
                    match &raw.line {
                        Some(l) => format!(
                            "{answer:?} is not on views line {} (file line {})",
                            l.get_ref(),
                            views_first + l.get_ref() - 1
                        ),
                        None => format!("{answer:?} is not in the views"),
                    },
                ))
            }
            _ => {
                return Err(at(
                    answer_at,
                    format!(
                        "{answer:?} is in the views {} times: add `line = N` (the views line) or a longer answer",
                        found.len()
                    ),
                ))
            }
        };
        let end = start + answer.len();
        if blanks
            .iter()
            .any(|o| o.line == line && o.start < end && start < o.end)
        {
            return Err(at(answer_at, "this blank overlaps another".into()));
        }
        blanks.push(Blank {
            line,
            start,
            end,
            answer: answer.clone(),
            hint: raw.hint.clone(),
        });
    }
    blanks.sort_by_key(|b| (b.line, b.start));
    let expectations = expect::parse_expectations(path, text, &scenario)?;
    if expectations.is_empty() {
        return Err(ScenarioError::at_line(
            path,
            1,
            1,
            "a fill-in-the-blanks problem needs at least one [[expect]] table",
        ));
    }
    let mut mistakes = Vec::new();
    for m in raw.mistake {
        let file_line = crate::content::line_col(text, m.fill.span().start).0;
        if m.fill.get_ref().len() != blanks.len() {
            return Err(at(
                m.fill.span().start,
                format!(
                    "this mistake has {} fill(s); the problem has {} blank(s)",
                    m.fill.get_ref().len(),
                    blanks.len()
                ),
            ));
        }
        mistakes.push(Mistake {
            fills: m.fill.into_inner(),
            why: m.why,
            file_line,
        });
    }
    Ok(Blanks {
        name: name.to_string(),
        path: path.to_string(),
        title: if scenario.title.is_empty() {
            name.to_string()
        } else {
            scenario.title.clone()
        },
        page: b.page.into_inner(),
        goal: b.goal.into_inner(),
        blanks,
        mistakes,
        scenario,
        expectations,
    })
}

/// The offset of the `views` value (for its first line).
fn views_offset(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("views") {
            if let Some(v) = rest.trim_start().strip_prefix('=') {
                return at + line.len() - v.trim_start().len();
            }
        }
        at += line.len();
    }
    0
}

/// A topic's problems in course order (by their page's position, then by the number of
/// blanks, then by name), and the problems of the files that do not load.
pub fn load_topic(
    source: &Source,
    topic: &str,
    pages: &[String],
) -> Result<(Vec<Blanks>, Vec<ScenarioError>), ReadError> {
    files::load_in_course_order(
        source,
        topic,
        "blanks",
        pages,
        load,
        |p: &Blanks| &p.page,
        |a, b| {
            a.blanks
                .len()
                .cmp(&b.blanks.len())
                .then_with(|| a.name.cmp(&b.name))
        },
    )
}

/// `learn check` for a topic's blanks problems; `lessons` are the topic's lesson files.
pub fn check_dir(
    source: &Source,
    topic: &str,
    lessons: &[SourceFile],
) -> Result<Vec<Problem>, ReadError> {
    let slugs = files::lesson_slugs(lessons);
    let mut problems = files::check_folder(source, topic, "blanks", lessons, check_file)?;
    // Faded examples: the number of blanks never drops along the course.
    if let Ok((loaded, _)) = load_topic(source, topic, &slugs) {
        let mut most = 0;
        let mut after = String::new();
        for b in &loaded {
            if b.blanks.len() < most {
                problems.push(Problem::at(
                    &b.path,
                    (1, 1),
                    format!(
                        "{} blank(s) after {after:?} had {most}: blanks should grow in number along the course (order: by page)",
                        b.blanks.len()
                    ),
                ));
            } else {
                most = b.blanks.len();
                after = b.name.clone();
            }
        }
    }
    Ok(problems)
}

/// Every problem of one blanks file; `slugs` are the topic's pages.
pub fn check_file(file: &SourceFile, slugs: &[String]) -> Vec<Problem> {
    let b = match load(&stem(&file.path), &file.path, &file.text) {
        Ok(b) => b,
        Err(e) => return vec![problem(&e)],
    };
    let path = &file.path;
    let mut problems: Vec<Problem> = files::page_problem(file, &b.page, slugs)
        .into_iter()
        .collect();
    let not_pass = "the worked example does not pass";
    problems.extend(files::unsolved_problem(
        path,
        &b.check(&b.answers()),
        |line| line.map(|l| b.scenario.file_line_of_views_line(l)),
        not_pass,
        not_pass,
    ));
    let empty = b.check(&vec![String::new(); b.blanks.len()]);
    if empty.all_pass() {
        problems.push(Problem::at(
            path,
            (1, 1),
            "the views pass with every blank left empty: the blanks do not matter",
        ));
    }
    for m in &b.mistakes {
        let r = b.check(&m.fills);
        if r.all_pass() {
            problems.push(Problem::at(
                path,
                (m.file_line, 1),
                "this mistake passes every expectation, so it is not wrong",
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"format_version = 1
title = "Keep the append"
views = '''
from django.http import HttpResponse

def add(request):
    cart = request.session.setdefault('cart', [])
    cart.append('apple')
    request.session.modified = True
    return HttpResponse(f"{len(cart)} item(s)")
'''

[[request]]
view = "add"

[[request]]
view = "add"

[blanks]
page = "when-saved"
goal = "The second request finds two apples."

[[blanks.blank]]
answer = "modified = True"
hint = "Tell the session it changed."

[[blanks.blank]]
answer = "'cart', []"

[[mistake]]
fill = ["'cart', []", "accessed = True"]
why = "accessed does not make the session save."

[[expect]]
request = 2
body_equals = "2 item(s)"
store = { cart = ["apple", "apple"] }
"#;

    #[test]
    fn answers_pass_other_spellings_too_and_mistakes_fail() {
        let b = load("keep", "t.toml", FILE).unwrap();
        assert_eq!(b.blanks.len(), 2);
        assert_eq!(b.blanks[0].answer, "'cart', []");
        assert_eq!(b.blanks[0].line, 4);
        assert!(b.check(&b.answers()).all_pass());
        let other = vec!["\"cart\", list()".to_string(), "modified=True".to_string()];
        assert!(b.check(&other).all_pass());
        let wrong = vec!["'cart', []".to_string(), "accessed = True".to_string()];
        let r = b.check(&wrong);
        assert!(!r.all_pass());
        let shown = b.shown_lines();
        assert_eq!(
            shown[3],
            vec![
                Piece::Text("    cart = request.session.setdefault(".into()),
                Piece::Blank(0),
                Piece::Text(")".into())
            ]
        );
        assert!(check_file(
            &SourceFile {
                path: "t.toml".into(),
                text: FILE.into()
            },
            &["when-saved".into()]
        )
        .is_empty());
    }

    #[test]
    fn a_refused_fill_names_its_line() {
        let b = load("keep", "t.toml", FILE).unwrap();
        let r = b.check(&[
            "'cart', []".into(),
            "modified = [x for x in (yield True)]".into(),
        ]);
        let f = r.failure.expect("lambda is refused or runs");
        assert_eq!(f.line, Some(6), "{f:?}");
    }

    #[test]
    fn bad_files_are_located() {
        let f = |text: String| {
            check_file(
                &SourceFile {
                    path: "t.toml".into(),
                    text,
                },
                &["when-saved".to_string()],
            )
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
        };
        let p = f(FILE.replace("answer = \"'cart', []\"", "answer = \"'kart'\""));
        assert!(
            p[0].starts_with("t.toml:28:10:") && p[0].contains("not in the views"),
            "{p:?}"
        );
        let p = f(FILE.replace("answer = \"'cart', []\"", "answer = \"cart\""));
        assert!(p[0].contains("times: add `line = N`"), "{p:?}");
        let p = f(FILE.replace("\"accessed = True\"]", "\"modified = True\"]"));
        assert_eq!(
            p,
            ["t.toml:31:1: this mistake passes every expectation, so it is not wrong"]
        );
        let p = f(FILE.replace("hint =", "hnt ="));
        assert!(p[0].starts_with("t.toml:25:1:"), "{p:?}");
        let p = f(FILE.replace("[[blanks.blank]]\nanswer = \"'cart', []\"\n", ""));
        assert!(p[0].contains("this mistake has 2 fill(s)"), "{p:?}");
        let p = f(FILE.replace("\"2 item(s)\"", "\"3 item(s)\""));
        assert!(p[0].contains("the worked example does not pass"), "{p:?}");
    }
}
