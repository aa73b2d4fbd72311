//! Course content: lesson pages, quizzes and topics, loaded from the copy embedded in the
//! binary or from a directory, and checked by `learn check`.
//!
//! Loading never stops at the first problem: every problem found is collected with its file,
//! line and column, so `learn check` can report them all and a normal run can refuse broken
//! content with a precise message.

mod check;
pub mod model;
mod source;
pub mod study;
pub mod toml_de;

pub use check::check_topic;
pub use check::{sort_problems, survey, Survey};
pub use model::*;
pub use source::{Entry, ReadError, Source, SourceFile};
pub use study::{Card, CheatSheet, ExplainPrompt, Study};

use std::fmt;

/// The newest content format this binary understands.
pub const FORMAT_VERSION: u32 = 1;

/// One problem in a content file, located as `path:line:col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl Problem {
    pub fn at(path: &str, (line, column): (usize, usize), message: impl Into<String>) -> Self {
        Problem {
            path: path.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// A lesson page, ready to show.
#[derive(Debug, Clone)]
pub struct Page {
    /// The part of the file name after `NN-`, used to jump to the page.
    pub slug: String,
    pub title: String,
    pub blocks: Vec<Block>,
    pub path: String,
}

/// A quiz, named by its file stem (`practice`).
#[derive(Debug, Clone)]
pub struct Quiz {
    pub name: String,
    pub path: String,
    /// The file's text, to locate problems found after loading.
    pub text: String,
    pub title: String,
    pub summary: String,
    /// How many questions of each difficulty a sitting draws; `None`: all, in order.
    pub draw: Option<DrawSpec>,
    pub questions: Vec<Question>,
}

/// A request scenario for the simulator, kept as text; the simulator parses it.
#[derive(Debug, Clone)]
pub struct ScenarioSource {
    pub name: String,
    entry: Entry,
    file: std::cell::OnceCell<SourceFile>,
}

impl ScenarioSource {
    /// The scenario's file; an embedded one is unpacked the first time it is asked for (the
    /// lesson and most commands only list scenarios).
    pub fn file(&self) -> &SourceFile {
        self.file.get_or_init(|| {
            // Unpacking cannot fail for a file build.rs packed (a test unpacks every one);
            // an empty text would be reported by the simulator as a scenario with no steps.
            self.entry.file().unwrap_or_else(|_| SourceFile {
                path: self.entry.path.clone(),
                text: String::new(),
            })
        })
    }
}

/// Everything a topic has: its pages in order, its quizzes and its scenarios.
#[derive(Debug, Clone)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub pages: Vec<Page>,
    pub quizzes: Vec<Quiz>,
    pub scenarios: Vec<ScenarioSource>,
    /// Flashcards, explain-it prompts and the cheat sheet (loaded with [`Parts::All`]).
    pub study: Study,
    /// The exercises, Parsons problems and blanks problems, by name (loaded with
    /// [`Parts::All`], for review; each activity loads its own files in full).
    pub drills: Vec<Drill>,
}

/// An exercise (`exercise`), Parsons problem (`order`) or blanks problem (`blanks`), as
/// review knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drill {
    pub kind: &'static str,
    pub name: String,
    pub title: String,
    /// The slug of its lesson page.
    pub page: String,
}

impl Topic {
    pub fn quiz(&self, name: &str) -> Option<&Quiz> {
        self.quizzes.iter().find(|q| q.name == name)
    }

    /// A page by 1-based number or by slug.
    pub fn page_index(&self, wanted: &str) -> Option<usize> {
        if let Ok(n) = wanted.parse::<usize>() {
            return (1..=self.pages.len()).contains(&n).then(|| n - 1);
        }
        self.pages.iter().position(|p| p.slug == wanted)
    }

    pub fn scenario(&self, name: &str) -> Option<&ScenarioSource> {
        self.scenarios.iter().find(|s| s.name == name)
    }

    /// An exercise, Parsons or blanks problem by kind (`exercise`, `order`, `blanks`) and name.
    pub fn drill(&self, kind: &str, name: &str) -> Option<&Drill> {
        self.drills
            .iter()
            .find(|d| d.kind == kind && d.name == name)
    }
}

/// The result of loading: what could be loaded, and every problem found on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    pub topics: Vec<Topic>,
    pub problems: Vec<Problem>,
}

/// Which parts of a topic to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// Pages, quizzes and scenarios.
    All,
    /// Pages and scenarios only (reading and simulating need no quiz, so a quiz cannot stop
    /// them, and start-up stays quick).
    Lessons,
    /// Pages only (printing the lesson needs no scenario either).
    Pages,
    /// Scenarios only (running a named scenario shows no page, so none is read).
    Scenarios,
}

/// Loads every topic the source has. Files with problems are left out and reported.
pub fn load(source: &Source) -> Result<Loaded, ReadError> {
    load_parts(source, Parts::All)
}

/// Like [`load`], for some parts only.
pub fn load_parts(source: &Source, parts: Parts) -> Result<Loaded, ReadError> {
    let mut loaded = Loaded::default();
    for dir in source.topic_dirs()? {
        if let Some(topic) = load_topic(source, &dir, parts, &mut loaded.problems)? {
            loaded.topics.push(topic);
        }
    }
    Ok(loaded)
}

fn load_topic(
    source: &Source,
    slug: &str,
    parts: Parts,
    problems: &mut Vec<Problem>,
) -> Result<Option<Topic>, ReadError> {
    // Listed without reading: an embedded page is unpacked only when it has no JSON from the
    // build or a problem is to be located in its text.
    let lesson_entries = source.toml_entries(&format!("lessons/{slug}"))?;
    let Some(meta_file) = lesson_entries
        .iter()
        .find(|f| file_name(&f.path) == "topic.toml")
    else {
        // A directory without topic.toml is not a topic (for example a scratch folder).
        return Ok(None);
    };
    let meta_file = &meta_file.file()?;
    let meta: TopicMeta = match parse(meta_file, problems) {
        Some(m) => m,
        None => return Ok(None),
    };
    if !version_ok(meta_file, meta.format_version, problems) {
        return Ok(None);
    }

    let mut pages = Vec::new();
    for file in lesson_entries.iter().filter(|f| {
        let name = file_name(&f.path);
        parts != Parts::Scenarios && name != "topic.toml" && !study::LESSON_EXTRAS.contains(&name)
    }) {
        let name = file_name(&file.path);
        let stem = name.trim_end_matches(".toml");
        let Some(slug) = page_slug(stem) else {
            problems.push(Problem::at(
                &file.path,
                (1, 1),
                format!("a lesson page's file name must look like NN-slug.toml (two digits, a dash, a slug), not {name}"),
            ));
            continue;
        };
        // Bundled pages were parsed when the program was built (build.rs) and kept as
        // static data, copied here without parsing.
        let page = match file.preparsed_page() {
            Some(page) => Some(page),
            None => parse::<PageFile>(&file.file()?, problems),
        };
        if let Some(page) = page {
            check::check_page(file, &page, problems);
            pages.push(Page {
                slug: slug.to_owned(),
                title: page.title,
                blocks: page.blocks,
                path: file.path.clone(),
            });
        }
    }

    let mut quizzes = Vec::new();
    let quiz_files = match parts {
        Parts::All => source.toml_files(&format!("quizzes/{slug}"))?,
        Parts::Lessons | Parts::Pages | Parts::Scenarios => Vec::new(),
    };
    let study = match parts {
        Parts::All => {
            let extras = lesson_entries
                .iter()
                .filter(|f| study::LESSON_EXTRAS.contains(&file_name(&f.path)))
                .map(Entry::file)
                .collect::<Result<Vec<_>, _>>()?;
            study::load_study(&extras, &quiz_files, problems)
        }
        Parts::Lessons | Parts::Pages | Parts::Scenarios => Study::default(),
    };
    for file in quiz_files
        .into_iter()
        .filter(|f| !study::QUIZ_EXTRAS.contains(&file_name(&f.path)))
    {
        let Some(quiz) = parse::<QuizFile>(&file, problems) else {
            continue;
        };
        if !version_ok(&file, quiz.format_version, problems) {
            continue;
        }
        check::check_quiz(&file, &quiz, problems);
        quizzes.push(Quiz {
            name: file_name(&file.path).trim_end_matches(".toml").to_owned(),
            path: file.path.clone(),
            text: file.text.clone(),
            title: quiz.title,
            summary: quiz.summary,
            draw: quiz.draw,
            questions: quiz.questions,
        });
    }

    let scenario_files = match parts {
        Parts::All | Parts::Lessons | Parts::Scenarios => {
            source.toml_entries(&format!("lessons/{slug}/simulations"))?
        }
        Parts::Pages => Vec::new(),
    };
    let mut scenarios: Vec<ScenarioSource> = scenario_files
        .into_iter()
        .map(|entry| ScenarioSource {
            name: file_name(&entry.path).trim_end_matches(".toml").to_owned(),
            entry,
            file: std::cell::OnceCell::new(),
        })
        .collect();
    // Files come sorted by name; a stable sort keeps that order for the unlisted ones.
    scenarios.sort_by_key(|s| {
        meta.simulations
            .iter()
            .position(|n| *n == s.name)
            .unwrap_or(usize::MAX)
    });
    for name in meta.simulations.iter().filter(|_| parts != Parts::Pages) {
        if !scenarios.iter().any(|s| s.name == *name) {
            let quoted = format!("\"{name}\"");
            let at = meta_file
                .text
                .lines()
                .enumerate()
                .find_map(|(i, l)| l.find(&quoted).map(|c| (i + 1, l[..c].chars().count() + 1)))
                .unwrap_or((1, 1));
            problems.push(Problem::at(
                &meta_file.path,
                at,
                format!(
                    "`simulations` names {name:?}, but lessons/{slug}/simulations/{name}.toml does not exist"
                ),
            ));
        }
    }

    let drills = match parts {
        Parts::All => load_drills(source, slug, &pages)?,
        Parts::Lessons | Parts::Pages | Parts::Scenarios => Vec::new(),
    };

    Ok(Some(Topic {
        slug: slug.to_owned(),
        title: meta.title,
        summary: meta.summary,
        pages,
        quizzes,
        scenarios,
        study,
        drills,
    }))
}

/// The names, titles and pages of a topic's exercises, Parsons and blanks problems, in course
/// order. Files that do not load are left out here: `learn check` reports them.
fn load_drills(source: &Source, slug: &str, pages: &[Page]) -> Result<Vec<Drill>, ReadError> {
    use crate::activity::{blanks, exercise, parsons, progress::EXERCISE};
    let pages: Vec<String> = pages.iter().map(|p| p.slug.clone()).collect();
    let drill = |kind: &'static str, name: &str, title: &str, page: &str| Drill {
        kind,
        name: name.to_owned(),
        title: title.to_owned(),
        page: page.to_owned(),
    };
    let mut out = Vec::new();
    for e in exercise::load_topic(source, slug, &pages)?.0 {
        out.push(drill(EXERCISE, &e.name, &e.title, &e.page));
    }
    for p in parsons::load_topic(source, slug, &pages)?.0 {
        out.push(drill(parsons::KIND, &p.name, &p.title, &p.page));
    }
    for b in blanks::load_topic(source, slug, &pages)?.0 {
        out.push(drill(blanks::KIND, &b.name, &b.title, &b.page));
    }
    Ok(out)
}

fn file_name(path: &str) -> &str {
    // On bytes: the separators are ASCII (a char searcher here was a tenth of loading).
    match path.bytes().rposition(|b| b == b'/' || b == b'\\') {
        Some(at) => &path[at + 1..],
        None => path,
    }
}

/// `03-syntax` → `syntax`.
fn page_slug(stem: &str) -> Option<&str> {
    let (num, slug) = stem.split_once('-')?;
    (num.len() == 2 && num.bytes().all(|b| b.is_ascii_digit()) && !slug.is_empty()).then_some(slug)
}

fn version_ok(file: &SourceFile, version: u32, problems: &mut Vec<Problem>) -> bool {
    if version > FORMAT_VERSION {
        problems.push(Problem::at(
            &file.path,
            locate_key(&file.text, "format_version", 0).unwrap_or((1, 1)),
            format!(
                "format_version {version} is newer than this version of learn understands ({FORMAT_VERSION}); update learn to read this content"
            ),
        ));
        return false;
    }
    if version == 0 {
        problems.push(Problem::at(
            &file.path,
            locate_key(&file.text, "format_version", 0).unwrap_or((1, 1)),
            "format_version must be 1 or more",
        ));
        return false;
    }
    true
}

/// Parses a TOML file into `T`, recording a located problem if it fails.
fn parse<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match toml_de::from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let pos = e
                .span()
                .map(|s| line_col(&file.text, s.start))
                .unwrap_or((1, 1));
            problems.push(Problem::at(&file.path, pos, e.message().trim()));
            None
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Finds the `nth` (0-based) line that assigns `key` and returns the position of its value.
pub(crate) fn locate_key(text: &str, key: &str, nth: usize) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        let rest_trim = rest.trim_start();
        if !rest_trim.starts_with('=') {
            continue;
        }
        if seen == nth {
            let value_start = line.len() - rest_trim[1..].trim_start().len();
            return Some((i + 1, line[..value_start].chars().count() + 1));
        }
        seen += 1;
    }
    None
}

/// Finds the line that assigns `key = "value"` (any quote style) at or after line `from`.
pub fn locate_key_value(
    text: &str,
    key: &str,
    value: &str,
    from_line: usize,
) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        let Some(v) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let v = v.trim();
        let unquoted = v.trim_matches(|c| c == '"' || c == '\'');
        if unquoted == value {
            let col = line.len() - v.len();
            return Some((i + 1, line[..col].chars().count() + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_content_loads_without_problems() {
        let loaded = load(&Source::Embedded).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let topic = loaded.topics.iter().find(|t| t.slug == "sessions").unwrap();
        assert!(topic.pages.len() >= 6);
        assert_eq!(topic.quiz("practice").unwrap().questions.len(), 5);
    }

    #[test]
    fn pages_are_found_by_number_and_slug() {
        let loaded = load(&Source::Embedded).unwrap();
        let topic = &loaded.topics[0];
        assert_eq!(topic.page_index("1"), Some(0));
        assert_eq!(topic.page_index("syntax"), Some(2));
        assert_eq!(topic.page_index("0"), None);
        assert_eq!(topic.page_index("99"), None);
        assert_eq!(topic.page_index("nope"), None);
    }

    #[test]
    fn scenarios_follow_the_topics_order() {
        let loaded = load(&Source::Embedded).unwrap();
        let names: Vec<&str> = loaded.topics[0]
            .scenarios
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names[0], "visit-counter");
        assert_eq!(names[1], "practice-q2-wrong-syntax");
    }

    /// Every bundled page build.rs kept as static data is the page its TOML on disk gives,
    /// and the TOML the program writes back for it reads as the same page.
    #[test]
    fn preparsed_pages_are_the_pages_their_toml_gives() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let entries = Source::Embedded.toml_entries("lessons/sessions").unwrap();
        let mut seen = 0;
        for entry in entries
            .iter()
            .filter(|f| page_slug(file_name(&f.path).trim_end_matches(".toml")).is_some())
        {
            let fast = entry
                .preparsed_page()
                .unwrap_or_else(|| panic!("{} was not preparsed", entry.path));
            let disk = std::fs::read_to_string(root.join(&entry.path)).unwrap();
            let slow: PageFile = toml::from_str(&disk).unwrap();
            assert_eq!(fast, slow, "{}", entry.path);
            let written: PageFile = toml::from_str(&entry.text()).unwrap();
            assert_eq!(written, slow, "{}", entry.path);
            seen += 1;
        }
        assert!(seen >= 19);
        // Content from a directory is always parsed from its TOML.
        let dir = Source::Directory(root);
        let entries = dir.toml_entries("lessons/sessions").unwrap();
        assert!(entries.iter().all(|e| e.preparsed_page().is_none()));
    }

    /// The packed copy in the binary unpacks to exactly the files on disk, folder by folder
    /// (a page kept as static data, to the same page).
    #[test]
    fn embedded_files_are_the_files_on_disk() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let disk = Source::Directory(root.clone());
        assert_eq!(
            Source::Embedded.topic_dirs().unwrap(),
            disk.topic_dirs().unwrap()
        );
        let mut dirs = vec!["lessons".to_owned(), "quizzes".to_owned()];
        let mut compared = 0;
        while let Some(rel) = dirs.pop() {
            for entry in std::fs::read_dir(root.join(&rel)).unwrap().flatten() {
                if entry.path().is_dir() {
                    dirs.push(format!("{rel}/{}", entry.file_name().to_string_lossy()));
                }
            }
            let packed = Source::Embedded.toml_files(&rel).unwrap();
            let plain = disk.toml_files(&rel).unwrap();
            assert_eq!(packed.len(), plain.len(), "{rel}");
            for (a, b) in packed.iter().zip(&plain) {
                assert!(b.path.ends_with(&a.path), "{} vs {}", a.path, b.path);
                let page = |text: &str| toml::from_str::<PageFile>(text).ok();
                let is_page = page_slug(file_name(&a.path).trim_end_matches(".toml")).is_some();
                if a.text != b.text && is_page {
                    assert_eq!(page(&a.text), page(&b.text), "{}", a.path);
                } else {
                    assert_eq!(a.text, b.text, "{}", a.path);
                }
                compared += 1;
            }
        }
        assert!(compared >= 90, "{compared}");
    }

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nb = é2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, text.find('2').unwrap()), (2, 6));
    }

    #[test]
    fn page_slugs_need_two_digits() {
        assert_eq!(page_slug("03-syntax"), Some("syntax"));
        assert_eq!(page_slug("3-syntax"), None);
        assert_eq!(page_slug("03-"), None);
        assert_eq!(page_slug("topic"), None);
    }

    #[test]
    fn locate_finds_values() {
        let text = "[[question]]\nid = \"a\"\n\n[[question]]\nid = 'b'\n";
        assert_eq!(locate_key_value(text, "id", "b", 1), Some((5, 6)));
        assert_eq!(locate_key(text, "id", 1), Some((5, 6)));
        assert_eq!(locate_key_value(text, "id", "c", 1), None);
    }
}
