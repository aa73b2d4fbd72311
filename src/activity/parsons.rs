//! Parsons problems ("put the lines in order"): content files `lessons/<topic>/order/*.toml`,
//! each a scenario (docs/scenarios.md) whose `views` is the code given as it is (imports,
//! helpers), with an `[order]` table (the lines to put in order, at most two distractors, the
//! lesson page, the goal) and `[[expect]]` tables (see [`super::expect`]). docs/exercises.md
//! describes the format.
//!
//! The learner's arrangement is assembled into a views module (the given code, then the lines
//! in the learner's order and indentation) and run by the simulator against the expectations,
//! so any order that behaves right counts. Pure engine: nothing here prints.

use serde::Deserialize;
use toml::Spanned;

use super::expect::{self, Expectation, Report};
use super::files::{self, problem, stem};
use crate::content::{Problem, ReadError, Source, SourceFile};
use crate::sim::scenario::{Scenario, ScenarioError};

/// The kind name in the progress file.
pub const KIND: &str = "order";

/// The tables a Parsons file adds to a scenario.
pub const SECTIONS: &[&str] = &["order", "expect", "mistake"];

/// Spaces per indentation level.
pub const INDENT: usize = 4;

/// The deepest indentation level a line may be given.
pub const MAX_LEVEL: usize = 4;

/// Whether the lines keep their indentation or the learner gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndentMode {
    /// Lines are shown with their indentation; only the order is asked.
    Given,
    /// Lines are shown flush left; the learner indents them too.
    Yours,
}

/// One line of the pool the learner arranges.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// The line without its indentation.
    pub text: String,
    /// The indentation level it has in the solution (for a distractor: the level it would
    /// take where it is tried).
    pub level: usize,
    /// A distractor: a line the solution does not use.
    pub distractor: bool,
}

/// A distractor and how `learn check` proves it wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Distractor {
    /// The index of the piece in [`Parsons::pieces`].
    pub piece: usize,
    /// Why it is wrong, shown after a check that used it.
    pub why: String,
    /// Put in place of this solution line (1-based) or before it.
    pub instead_of: Option<usize>,
    pub before: Option<usize>,
    /// The file line of its `line` key.
    pub file_line: usize,
}

/// A typical wrong answer, in solution numbering (`2 1 3>1`), and why it is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Mistake {
    pub answer: String,
    pub why: String,
    pub file_line: usize,
}

/// One Parsons problem.
#[derive(Clone, Debug)]
pub struct Parsons {
    /// The file's stem: how the learner names it.
    pub name: String,
    pub path: String,
    pub title: String,
    /// The lesson page it belongs to (a slug).
    pub page: String,
    pub goal: String,
    pub indent: IndentMode,
    /// The solution's lines, then the distractors: piece `i` is solution line `i + 1` while
    /// `i` is below [`Parsons::solution_len`].
    pub pieces: Vec<Piece>,
    pub solution_len: usize,
    pub distractors: Vec<Distractor>,
    pub mistakes: Vec<Mistake>,
    /// The scenario; its `views` is the code given before the lines.
    pub scenario: Scenario,
    pub expectations: Vec<Expectation>,
    /// The file line of the solution's first line.
    pub solution_first_line: usize,
}

/// One line as the learner placed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The index in [`Parsons::pieces`].
    pub piece: usize,
    pub level: usize,
}

/// The views module an arrangement makes, and where its lines came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Assembled {
    pub views: String,
    /// Lines of the given code before the learner's lines.
    pub given_lines: usize,
}

impl Assembled {
    /// The learner's entry (0-based) behind a line of the module, if it is one of theirs.
    pub fn entry_of_line(&self, line: usize) -> Option<usize> {
        line.checked_sub(self.given_lines + 1)
    }
}

impl Parsons {
    /// The pieces in shown order for `seed`: the same seed gives the same order, and the order
    /// is never the solution's own.
    pub fn shuffled(&self, seed: u64) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.pieces.len()).collect();
        let mut rng = fastrand::Rng::with_seed(seed);
        rng.shuffle(&mut order);
        if self.is_solution_order(&order) && order.len() > 1 {
            order.rotate_left(1);
        }
        order
    }

    fn is_solution_order(&self, order: &[usize]) -> bool {
        order
            .iter()
            .take(self.solution_len)
            .copied()
            .eq(0..self.solution_len)
    }

    /// The starting arrangement for `seed`: every piece, shuffled, flush left when the learner
    /// indents, else at its own level.
    pub fn start(&self, seed: u64) -> Vec<Entry> {
        self.shuffled(seed)
            .into_iter()
            .map(|piece| Entry {
                piece,
                level: match self.indent {
                    IndentMode::Given => self.pieces[piece].level,
                    IndentMode::Yours => 0,
                },
            })
            .collect()
    }

    /// The solution as entries.
    pub fn solution(&self) -> Vec<Entry> {
        (0..self.solution_len)
            .map(|piece| Entry {
                piece,
                level: self.pieces[piece].level,
            })
            .collect()
    }

    /// The given code, then the entries as lines.
    pub fn assemble(&self, entries: &[Entry]) -> Assembled {
        let mut views = self.scenario.views.clone();
        if !views.is_empty() && !views.ends_with('\n') {
            views.push('\n');
        }
        let given_lines = views.lines().count();
        for e in entries {
            views.push_str(&" ".repeat(e.level * INDENT));
            views.push_str(&self.pieces[e.piece].text);
            views.push('\n');
        }
        Assembled { views, given_lines }
    }

    /// Runs an arrangement against the expectations.
    pub fn check(&self, entries: &[Entry]) -> (Assembled, Report) {
        let assembled = self.assemble(entries);
        let report = expect::check(&self.scenario, &assembled.views, &self.expectations);
        (assembled, report)
    }

    /// The distractors an arrangement uses, with why each is wrong.
    pub fn distractors_used(&self, entries: &[Entry]) -> Vec<&Distractor> {
        self.distractors
            .iter()
            .filter(|d| entries.iter().any(|e| e.piece == d.piece))
            .collect()
    }

    /// A mistake the arrangement is, if it is one of the file's typical wrong answers.
    pub fn mistake_matching(&self, entries: &[Entry]) -> Option<&Mistake> {
        self.mistakes.iter().find(|m| {
            parse_answer(&m.answer, self, |n| n.checked_sub(1))
                .is_ok_and(|mine| same_arrangement(self, &mine, entries))
        })
    }
}

fn same_arrangement(p: &Parsons, a: &[Entry], b: &[Entry]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            p.pieces[x.piece].text == p.pieces[y.piece].text
                && (p.indent == IndentMode::Given || x.level == y.level)
        })
}

/// How the plain form and the help say the syntax.
pub const SYNTAX_HELP: &str = "Type the numbers of the lines in the order they go, separated by spaces. Give a line an indentation level with > and the level: 2>1 is line 2 indented once (4 spaces), 5>2 twice. Leave out a line that does not belong.";

/// The same, when the indentation is given.
pub const SYNTAX_HELP_GIVEN: &str = "Type the numbers of the lines in the order they go, separated by spaces (each line keeps its indentation). Leave out a line that does not belong.";

/// Reads an answer such as `3 1 2>1 4>2`. `number` turns a typed number into a piece index
/// (`None`: no such line). Commas may separate entries too.
pub fn parse_answer(
    text: &str,
    p: &Parsons,
    number: impl Fn(usize) -> Option<usize>,
) -> Result<Vec<Entry>, String> {
    let mut out: Vec<Entry> = Vec::new();
    let count = p.pieces.len();
    for token in text.split(|c: char| c.is_whitespace() || c == ',') {
        if token.is_empty() {
            continue;
        }
        let (num, level) = match token.split_once('>') {
            Some((n, l)) => (n, Some(l)),
            None => (token, None),
        };
        let n: usize = num.parse().map_err(|_| {
            format!("{token:?} is not a line number (write a number, such as 3, or 3>1 for line 3 indented once)")
        })?;
        let piece = number(n)
            .filter(|&i| i < count)
            .ok_or_else(|| format!("there is no line {n}: the lines are numbered 1 to {count}"))?;
        if out.iter().any(|e| e.piece == piece) {
            return Err(format!("line {n} is given twice; each line goes in once"));
        }
        let level = match (p.indent, level) {
            (IndentMode::Given, Some(_)) => {
                return Err(format!(
                    "{token:?}: in this problem each line keeps its indentation, so type only the numbers"
                ))
            }
            (IndentMode::Given, None) => p.pieces[piece].level,
            (IndentMode::Yours, None) => 0,
            (IndentMode::Yours, Some(l)) => {
                let l: usize = l.parse().map_err(|_| {
                    format!("{token:?}: after > comes the indentation level, a number from 0 to {MAX_LEVEL}")
                })?;
                if l > MAX_LEVEL {
                    return Err(format!(
                        "{token:?}: the indentation level goes from 0 to {MAX_LEVEL}"
                    ));
                }
                l
            }
        };
        out.push(Entry { piece, level });
    }
    if out.is_empty() {
        return Err("no line numbers were given".into());
    }
    Ok(out)
}

/// An arrangement written in the plain syntax, numbered as shown (`shown[i]` is the piece
/// shown as line `i + 1`).
pub fn write_answer(p: &Parsons, entries: &[Entry], shown: &[usize]) -> String {
    entries
        .iter()
        .map(|e| {
            let n = shown.iter().position(|&s| s == e.piece).unwrap_or(e.piece) + 1;
            match p.indent {
                IndentMode::Yours if e.level > 0 => format!("{n}>{}", e.level),
                _ => n.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrder {
    page: Spanned<String>,
    goal: Spanned<String>,
    indent: IndentMode,
    solution: Spanned<String>,
    #[serde(default)]
    distractor: Vec<RawDistractor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDistractor {
    line: Spanned<String>,
    why: String,
    #[serde(default)]
    instead_of: Option<Spanned<usize>>,
    #[serde(default)]
    before: Option<Spanned<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMistake {
    answer: Spanned<String>,
    why: String,
}

#[derive(Deserialize)]
struct RawFile {
    order: Option<RawOrder>,
    #[serde(default)]
    mistake: Vec<RawMistake>,
}

pub(super) fn toml_error(
    path: &str,
    text: &str,
    e: &crate::content::toml_de::Error,
) -> ScenarioError {
    match e.span() {
        Some(span) => ScenarioError::at(path, text, span.start, e.message().trim()),
        None => ScenarioError {
            path: path.into(),
            position: None,
            message: e.message().trim().to_string(),
        },
    }
}

/// The file line of a string's first line (TOML drops a line break right after `'''`).
pub(super) fn literal_first_line(text: &str, start: usize) -> usize {
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

fn level_of(line: &str) -> Result<usize, String> {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    if line[spaces..].starts_with('\t') {
        return Err("indent with spaces, not tabs".into());
    }
    if spaces % INDENT != 0 {
        return Err(format!(
            "this line is indented by {spaces} spaces; use multiples of {INDENT}"
        ));
    }
    let level = spaces / INDENT;
    if level > MAX_LEVEL {
        return Err(format!("lines may be indented at most {MAX_LEVEL} levels"));
    }
    Ok(level)
}

/// Reads a Parsons file. `name` is the file's stem.
pub fn load(name: &str, path: &str, text: &str) -> Result<Parsons, ScenarioError> {
    let scenario = expect::split(path, text, SECTIONS)?;
    let raw: RawFile =
        crate::content::toml_de::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let Some(order) = raw.order else {
        return Err(ScenarioError::at_line(
            path,
            1,
            1,
            "a Parsons problem needs an [order] table (page, goal, indent, solution)",
        ));
    };
    let at = |offset: usize, message: String| ScenarioError::at(path, text, offset, message);
    if order.goal.get_ref().trim().is_empty() {
        return Err(at(
            order.goal.span().start,
            "the goal is empty: say in words what the code must do".into(),
        ));
    }
    let first = literal_first_line(text, order.solution.span().start);
    let mut pieces = Vec::new();
    for (i, line) in order.solution.get_ref().lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let level = level_of(line).map_err(|m| ScenarioError::at_line(path, first + i, 1, m))?;
        pieces.push(Piece {
            text: line.trim().to_string(),
            level,
            distractor: false,
        });
    }
    let solution_len = pieces.len();
    if solution_len < 3 {
        return Err(at(
            order.solution.span().start,
            format!("the solution has {solution_len} line(s); a problem needs at least 3 to put in order"),
        ));
    }
    if order.distractor.len() > 2 {
        return Err(at(
            order.distractor[2].line.span().start,
            format!(
                "{} distractors: a problem has at most two",
                order.distractor.len()
            ),
        ));
    }
    let mut distractors = Vec::new();
    for d in &order.distractor {
        let line_at = d.line.span().start;
        let file_line = crate::content::line_col(text, line_at).0;
        let raw_line = d.line.get_ref();
        if raw_line.trim().is_empty() || raw_line.contains('\n') {
            return Err(at(line_at, "a distractor is one line of code".into()));
        }
        if d.why.trim().is_empty() {
            return Err(at(
                line_at,
                "say why the distractor is wrong (`why`)".into(),
            ));
        }
        if pieces.iter().any(|p| p.text == raw_line.trim()) {
            return Err(at(
                line_at,
                "this distractor is the same text as a line of the solution".into(),
            ));
        }
        let target = match (&d.instead_of, &d.before) {
            (Some(n), None) | (None, Some(n)) => n,
            _ => {
                return Err(at(
                    line_at,
                    "give a distractor exactly one of `instead_of = N` or `before = N` (a solution line), so `learn check` can prove it wrong".into(),
                ))
            }
        };
        let n = *target.get_ref();
        if n < 1 || n > solution_len {
            return Err(at(
                target.span().start,
                format!("the solution has lines 1 to {solution_len}"),
            ));
        }
        let level = if raw_line.starts_with(' ') {
            level_of(raw_line).map_err(|m| at(line_at, m))?
        } else {
            pieces[n - 1].level
        };
        distractors.push(Distractor {
            piece: pieces.len(),
            why: d.why.clone(),
            instead_of: d.instead_of.as_ref().map(|s| *s.get_ref()),
            before: d.before.as_ref().map(|s| *s.get_ref()),
            file_line,
        });
        pieces.push(Piece {
            text: raw_line.trim().to_string(),
            level,
            distractor: true,
        });
    }
    let expectations = expect::parse_expectations(path, text, &scenario)?;
    if expectations.is_empty() {
        return Err(ScenarioError::at_line(
            path,
            1,
            1,
            "a Parsons problem needs at least one [[expect]] table",
        ));
    }
    let mistakes = raw
        .mistake
        .into_iter()
        .map(|m| Mistake {
            file_line: crate::content::line_col(text, m.answer.span().start).0,
            answer: m.answer.into_inner(),
            why: m.why,
        })
        .collect();
    Ok(Parsons {
        name: name.to_string(),
        path: path.to_string(),
        title: if scenario.title.is_empty() {
            name.to_string()
        } else {
            scenario.title.clone()
        },
        page: order.page.into_inner(),
        goal: order.goal.into_inner(),
        indent: order.indent,
        pieces,
        solution_len,
        distractors,
        mistakes,
        scenario,
        expectations,
        solution_first_line: first,
    })
}

/// A topic's problems in course order (by their page's position, then by name), and the
/// problems of the files that do not load. `pages` are the topic's page slugs in order.
pub fn load_topic(
    source: &Source,
    topic: &str,
    pages: &[String],
) -> Result<(Vec<Parsons>, Vec<ScenarioError>), ReadError> {
    files::load_in_course_order(
        source,
        topic,
        "order",
        pages,
        load,
        |p: &Parsons| &p.page,
        |a, b| a.name.cmp(&b.name),
    )
}

/// `learn check` for a topic's Parsons problems; `lessons` are the topic's lesson files.
pub fn check_dir(
    source: &Source,
    topic: &str,
    lessons: &[SourceFile],
) -> Result<Vec<Problem>, ReadError> {
    files::check_folder(source, topic, "order", lessons, check_file)
}

/// Every problem of one Parsons file; `slugs` are the topic's pages.
pub fn check_file(file: &SourceFile, slugs: &[String]) -> Vec<Problem> {
    let p = match load(&stem(&file.path), &file.path, &file.text) {
        Ok(p) => p,
        Err(e) => return vec![problem(&e)],
    };
    let path = &file.path;
    let mut problems: Vec<Problem> = files::page_problem(file, &p.page, slugs)
        .into_iter()
        .collect();
    let (_, solved) = p.check(&p.solution());
    let not_pass = "the solution in order does not pass";
    problems.extend(files::unsolved_problem(
        path,
        &solved,
        // The failing line counts from the start of the views the solution is added to.
        |line| {
            Some(
                line.and_then(|l| l.checked_sub(p.scenario.views.lines().count()))
                    .map_or(p.solution_first_line, |i| p.solution_first_line + i - 1),
            )
        },
        not_pass,
        not_pass,
    ));
    // The shown order must not already work.
    let (_, shuffled) = p.check(&p.start(1));
    if shuffled.all_pass() && p.indent == IndentMode::Given {
        problems.push(Problem::at(
            path,
            (p.solution_first_line, 1),
            "the shuffled lines already pass every expectation: the expectations do not depend on the order",
        ));
    }
    for d in &p.distractors {
        let mut entries = p.solution();
        let e = Entry {
            piece: d.piece,
            level: p.pieces[d.piece].level,
        };
        match (d.instead_of, d.before) {
            (Some(n), _) => entries[n - 1] = e,
            (_, Some(n)) => entries.insert(n - 1, e),
            _ => continue,
        }
        let (_, r) = p.check(&entries);
        if r.all_pass() {
            problems.push(Problem::at(
                path,
                (d.file_line, 1),
                "this distractor is not wrong: the solution with it passes every expectation",
            ));
        }
    }
    for m in &p.mistakes {
        match parse_answer(&m.answer, &p, |n| n.checked_sub(1)) {
            Err(e) => problems.push(Problem::at(
                path,
                (m.file_line, 1),
                format!("this mistake cannot be read: {e} (number the lines as in the solution, distractors after them)"),
            )),
            Ok(entries) => {
                let (_, r) = p.check(&entries);
                if r.all_pass() {
                    problems.push(Problem::at(
                        path,
                        (m.file_line, 1),
                        "this mistake passes every expectation, so it is not wrong",
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const FILE: &str = r#"format_version = 1
title = "Count the visits"
views = '''
from django.http import HttpResponse
'''

[[request]]
view = "visit"

[[request]]
view = "visit"

[order]
page = "visit-counter"
goal = "Each visit counts one more."
indent = "yours"
solution = '''
def visit(request):
    count = request.session.get('visits', 0)
    request.session['visits'] = count + 1
    return HttpResponse(f"visit {count + 1}")
'''

[[order.distractor]]
line = "count = request.session['visits']"
why = "On the first visit there is no 'visits' key yet: KeyError."
instead_of = 2

[[mistake]]
answer = "1 3>1 2>1 4>1"
why = "The count is read after it is written."

[[expect]]
request = 2
body_equals = "visit 2"
session = { visits = 2 }
"#;

    fn load_it() -> Parsons {
        load("count", "t.toml", FILE).unwrap()
    }

    #[test]
    fn the_solution_passes_and_the_shuffle_is_stable() {
        let p = load_it();
        assert_eq!(p.pieces.len(), 5);
        assert_eq!(p.solution_len, 4);
        assert_eq!(p.solution_first_line, 18);
        let (a, r) = p.check(&p.solution());
        assert!(r.all_pass(), "{:?} {}", r.outcomes, a.views);
        assert_eq!(p.shuffled(7), p.shuffled(7));
        for seed in 0..50 {
            let s = p.shuffled(seed);
            assert!(!p.is_solution_order(&s));
            let mut sorted = s.clone();
            sorted.sort();
            assert_eq!(sorted, (0..5).collect::<Vec<_>>());
        }
        assert!(check_file(
            &SourceFile {
                path: "t.toml".into(),
                text: FILE.into()
            },
            &["visit-counter".into()]
        )
        .is_empty());
    }

    #[test]
    fn answers_are_read_with_levels_and_mistakes_recognised() {
        let p = load_it();
        let id = |n: usize| n.checked_sub(1);
        let e = parse_answer("1 2>1, 3>1 4>1", &p, id).unwrap();
        assert!(p.check(&e).1.all_pass());
        // Without indentation the module does not parse: the failure names the line.
        let e = parse_answer("1 2 3 4", &p, id).unwrap();
        let (a, r) = p.check(&e);
        let f = r.failure.unwrap();
        assert_eq!(a.entry_of_line(f.line.unwrap()), Some(1));
        let e = parse_answer("1 3>1 2>1 4>1", &p, id).unwrap();
        assert!(!p.check(&e).1.all_pass());
        assert!(p.mistake_matching(&e).is_some());
        // The distractor instead of line 2: a KeyError on the first visit.
        let e = parse_answer("1 5>1 3>1 4>1", &p, id).unwrap();
        let r = p.check(&e).1;
        assert_eq!(r.errors[0].kind, "KeyError");
        assert_eq!(p.distractors_used(&e).len(), 1);
        for (bad, says) in [
            ("1 1", "twice"),
            ("9", "no line 9"),
            ("x", "not a line number"),
            ("2>9", "from 0 to 4"),
            ("2>a", "indentation level"),
            ("", "no line numbers"),
        ] {
            let err = parse_answer(bad, &p, id).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
        assert_eq!(
            write_answer(&p, &parse_answer("1 2>1", &p, id).unwrap(), &[0, 1, 2]),
            "1 2>1"
        );
    }

    #[test]
    fn bad_files_are_located() {
        let slugs = ["visit-counter".to_string()];
        let f = |text: String| {
            check_file(
                &SourceFile {
                    path: "t.toml".into(),
                    text,
                },
                &slugs,
            )
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
        };
        let p = f(FILE.replace(
            "line = \"count = request.session['visits']\"",
            "line = \"count = request.session.get('visits', 0) + 0\"",
        ));
        assert_eq!(p, ["t.toml:25:1: this distractor is not wrong: the solution with it passes every expectation"]);
        let p = f(FILE.replace("answer = \"1 3>1 2>1 4>1\"", "answer = \"1 2>1 3>1 4>1\""));
        assert_eq!(
            p,
            ["t.toml:30:1: this mistake passes every expectation, so it is not wrong"]
        );
        let p = f(FILE.replace("indent = \"yours\"", "indent = \"mine\""));
        assert!(p[0].starts_with("t.toml:16:10:"), "{p:?}");
        let p = f(FILE.replace("    count = request", "   count = request"));
        assert!(
            p[0].starts_with("t.toml:19:1:") && p[0].contains("multiples of 4"),
            "{p:?}"
        );
        let p = f(FILE.replace("count + 1}", "count}"));
        assert!(
            p[0].starts_with("t.toml:34:1: the solution in order does not pass"),
            "{p:?}"
        );
        let p = f(FILE.replace("page = \"visit-counter\"", "page = \"nope\""));
        assert!(p[0].starts_with("t.toml:14:8:"), "{p:?}");
        let p = f(FILE.replace("instead_of = 2\n", ""));
        assert!(p[0].contains("exactly one of `instead_of"), "{p:?}");
    }
}
