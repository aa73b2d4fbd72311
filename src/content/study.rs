//! The study aids that are not lessons or quizzes: flashcards (`quizzes/<topic>/cards.toml`),
//! explain-it prompts (`lessons/<topic>/explain.toml`) and the cheat sheet's source
//! (`lessons/<topic>/cheatsheet.toml`), with the rules `learn check` applies to them and to
//! the page tags of quiz questions.
//!
//! Every problem is located as `path:line:col`, like the rest of the content.

use super::{
    locate_key, locate_key_value, parse, version_ok, Difficulty, Problem, SourceFile, Topic,
};
use serde::Deserialize;
use std::collections::HashSet;

/// The file names in `lessons/<topic>/` that are not lesson pages.
pub const LESSON_EXTRAS: &[&str] = &["explain.toml", "cheatsheet.toml"];
/// The file names in `quizzes/<topic>/` that are not quizzes.
pub const QUIZ_EXTRAS: &[&str] = &["cards.toml"];

/// `quizzes/<topic>/cards.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardFile {
    pub format_version: u32,
    #[serde(default, rename = "card")]
    pub cards: Vec<Card>,
}

/// One flashcard: a question on the front, the answer on the back.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Stable id; review state is kept under it.
    pub id: String,
    /// Slug of the lesson page the card comes from.
    pub page: String,
    pub front: String,
    pub back: String,
    /// Python (or settings) code shown with the front.
    #[serde(default)]
    pub code: Option<String>,
}

/// `lessons/<topic>/explain.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainFile {
    pub format_version: u32,
    #[serde(default, rename = "prompt")]
    pub prompts: Vec<ExplainPrompt>,
}

/// A self-explanation prompt: the learner answers in their own words, then compares with the
/// model answer and ticks the points they had.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExplainPrompt {
    pub id: String,
    /// Slug of the page it follows.
    pub page: String,
    pub prompt: String,
    #[serde(default)]
    pub code: Option<String>,
    pub model_answer: String,
    /// What a good answer contains, one point a line.
    pub points: Vec<String>,
}

/// `lessons/<topic>/cheatsheet.toml`: what the cheat sheet shows. Defaults and the decision
/// table are checked against the simulated Django by tests, and every mistake's fix is the
/// takeaway of the quiz question it names, so the sheet cannot drift from the course.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CheatSheet {
    pub format_version: u32,
    pub title: String,
    #[serde(default, rename = "api")]
    pub api: Vec<ApiEntry>,
    #[serde(default, rename = "setting")]
    pub settings: Vec<SettingEntry>,
    #[serde(default, rename = "decision")]
    pub decisions: Vec<Decision>,
    #[serde(default, rename = "mistake")]
    pub mistakes: Vec<Mistake>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApiEntry {
    /// How it is written: `request.session.flush()`.
    pub call: String,
    pub does: String,
    pub page: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SettingEntry {
    pub name: String,
    /// The default, as Python writes it (`1209600`, `'Lax'`, `False`).
    pub default: String,
    pub means: String,
    pub page: String,
}

/// One row of `SessionMiddleware`'s decision at the response.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// What the view did, in words.
    pub when: String,
    /// What the middleware does with the store.
    pub store: String,
    /// What it does with the cookie.
    pub cookie: String,
    /// Whether it adds `Vary: Cookie`.
    pub vary: bool,
    /// Statements run in the simulator's sandbox, one request, before the response; a test
    /// checks that the middleware really decides as the row says.
    pub demo: Vec<String>,
    /// Statements run in an earlier request from the same browser (to start with a cookie).
    #[serde(default)]
    pub before: Vec<String>,
    /// What the demo's response must carry: `"set"`, `"delete"` or `"none"`.
    pub expect_cookie: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    pub mistake: String,
    /// A quiz question about it (`quiz/id`); its takeaway is the fix shown.
    pub question: String,
}

/// The study aids of one topic, as loaded.
#[derive(Debug, Clone, Default)]
pub struct Study {
    pub cards: Vec<Card>,
    pub cards_path: Option<SourceFile>,
    pub prompts: Vec<ExplainPrompt>,
    pub explain_path: Option<SourceFile>,
    pub cheatsheet: Option<CheatSheet>,
    pub cheatsheet_file: Option<SourceFile>,
}

impl Study {
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    pub fn prompt(&self, id: &str) -> Option<&ExplainPrompt> {
        self.prompts.iter().find(|p| p.id == id)
    }

    /// The prompts that follow a page, in file order.
    pub fn prompts_for<'a>(&'a self, page: &'a str) -> impl Iterator<Item = &'a ExplainPrompt> {
        self.prompts.iter().filter(move |p| p.page == page)
    }
}

/// Reads the study files among a topic's lesson and quiz files.
pub(super) fn load_study(
    lesson_files: &[SourceFile],
    quiz_files: &[SourceFile],
    problems: &mut Vec<Problem>,
) -> Study {
    let mut study = Study::default();
    let named = |files: &[SourceFile], name: &str| {
        files
            .iter()
            .find(|f| super::file_name(&f.path) == name)
            .cloned()
    };
    if let Some(file) = named(quiz_files, "cards.toml") {
        if let Some(cards) = parse::<CardFile>(&file, problems) {
            if version_ok(&file, cards.format_version, problems) {
                check_cards(&file, &cards.cards, problems);
                study.cards = cards.cards;
                study.cards_path = Some(file);
            }
        }
    }
    if let Some(file) = named(lesson_files, "explain.toml") {
        if let Some(explain) = parse::<ExplainFile>(&file, problems) {
            if version_ok(&file, explain.format_version, problems) {
                check_prompts(&file, &explain.prompts, problems);
                study.prompts = explain.prompts;
                study.explain_path = Some(file);
            }
        }
    }
    if let Some(file) = named(lesson_files, "cheatsheet.toml") {
        if let Some(sheet) = parse::<CheatSheet>(&file, problems) {
            if version_ok(&file, sheet.format_version, problems) {
                check_sheet(&file, &sheet, problems);
                study.cheatsheet = Some(sheet);
                study.cheatsheet_file = Some(file);
            }
        }
    }
    study
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn check_cards(file: &SourceFile, cards: &[Card], problems: &mut Vec<Problem>) {
    let starts = super::check::headers(&file.text, "[[card]]");
    let mut ids = HashSet::new();
    if cards.is_empty() {
        problems.push(Problem::at(
            &file.path,
            (1, 1),
            "there are no cards: add a [[card]]",
        ));
    }
    for (i, card) in cards.iter().enumerate() {
        let start = starts.get(i).copied().unwrap_or((1, 1));
        let at = locate_key_value(&file.text, "id", &card.id, start.0).unwrap_or(start);
        let mut report = |msg: String| problems.push(Problem::at(&file.path, at, msg));
        if blank(&card.id) {
            report("a card needs an id".into());
        } else if !ids.insert(card.id.as_str()) {
            report(format!("duplicate card id {:?}", card.id));
        }
        if blank(&card.front) {
            report(format!("card {:?} has an empty front", card.id));
        }
        if blank(&card.back) {
            report(format!("card {:?} has an empty back", card.id));
        }
        if card.code.as_deref().is_some_and(blank) {
            report(format!(
                "card {:?} has an empty `code`: leave it out",
                card.id
            ));
        }
    }
}

fn check_prompts(file: &SourceFile, prompts: &[ExplainPrompt], problems: &mut Vec<Problem>) {
    let starts = super::check::headers(&file.text, "[[prompt]]");
    let mut ids = HashSet::new();
    for (i, p) in prompts.iter().enumerate() {
        let start = starts.get(i).copied().unwrap_or((1, 1));
        let at = locate_key_value(&file.text, "id", &p.id, start.0).unwrap_or(start);
        let mut report = |msg: String| problems.push(Problem::at(&file.path, at, msg));
        if blank(&p.id) {
            report("a prompt needs an id".into());
        } else if !ids.insert(p.id.as_str()) {
            report(format!("duplicate prompt id {:?}", p.id));
        }
        if blank(&p.prompt) {
            report(format!("prompt {:?} asks nothing", p.id));
        }
        if blank(&p.model_answer) {
            report(format!("prompt {:?} has an empty model answer", p.id));
        }
        if p.points.is_empty() || p.points.iter().any(|s| blank(s)) {
            report(format!(
                "prompt {:?} needs a checklist: at least one point, none empty",
                p.id
            ));
        }
    }
}

fn check_sheet(file: &SourceFile, sheet: &CheatSheet, problems: &mut Vec<Problem>) {
    let text = &file.text;
    let mut report = |pos: (usize, usize), msg: String| {
        problems.push(Problem::at(&file.path, pos, msg));
    };
    if blank(&sheet.title) {
        report(
            locate_key(text, "title", 0).unwrap_or((1, 1)),
            "the cheat sheet has an empty title".into(),
        );
    }
    for (what, empty) in [
        ("[[api]]", sheet.api.is_empty()),
        ("[[setting]]", sheet.settings.is_empty()),
        ("[[decision]]", sheet.decisions.is_empty()),
        ("[[mistake]]", sheet.mistakes.is_empty()),
    ] {
        if empty {
            report((1, 1), format!("the cheat sheet has no {what} entries"));
        }
    }
    let starts = super::check::headers(text, "[[decision]]");
    for (i, d) in sheet.decisions.iter().enumerate() {
        let at = starts.get(i).copied().unwrap_or((1, 1));
        if !["set", "delete", "none"].contains(&d.expect_cookie.as_str()) {
            let pos = locate_key_value(text, "expect_cookie", &d.expect_cookie, at.0).unwrap_or(at);
            report(
                pos,
                format!(
                    "expect_cookie {:?} is not one of \"set\", \"delete\", \"none\"",
                    d.expect_cookie
                ),
            );
        }
        if d.demo.is_empty() {
            report(at, "a decision row needs a `demo` to prove it".into());
        }
    }
}

/// Checks that need the whole topic: every page tag names a page, every mistake names a quiz
/// question.
pub fn check_references(topic: &Topic) -> Vec<Problem> {
    let mut problems = Vec::new();
    let slugs: Vec<&str> = topic.pages.iter().map(|p| p.slug.as_str()).collect();
    let known = slugs.join(", ");
    for quiz in &topic.quizzes {
        if let Some(draw) = quiz.draw {
            for d in [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard] {
                let have = quiz.questions.iter().filter(|q| q.difficulty == d).count();
                if have < draw.count(d) {
                    problems.push(Problem::at(
                        &quiz.path,
                        locate_key(&quiz.text, "draw", 0).unwrap_or((1, 1)),
                        format!(
                            "`draw` takes {} {} question(s), but the quiz has only {have}",
                            draw.count(d),
                            d.label()
                        ),
                    ));
                }
            }
        }
    }
    let mut unknown_page = |path: &str, text: &str, key: &str, slug: &str, from: usize, what| {
        if !slugs.contains(&slug) {
            let pos = locate_key_value(text, key, slug, from)
                .or_else(|| locate_in_list(text, slug, from))
                .unwrap_or((from.max(1), 1));
            problems.push(Problem::at(
                path,
                pos,
                format!("{what} names page {slug:?}, which is not a page of this topic (pages: {known})"),
            ));
        }
    };
    for quiz in &topic.quizzes {
        for q in &quiz.questions {
            let at = locate_key_value(&quiz.text, "id", &q.id, 1).map_or(1, |p| p.0);
            for page in &q.pages {
                unknown_page(
                    &quiz.path,
                    &quiz.text,
                    "pages",
                    page,
                    at,
                    format!("question {:?}", q.id),
                );
            }
        }
    }
    let study = &topic.study;
    if let Some(file) = &study.cards_path {
        for c in &study.cards {
            let at = locate_key_value(&file.text, "id", &c.id, 1).map_or(1, |p| p.0);
            unknown_page(
                &file.path,
                &file.text,
                "page",
                &c.page,
                at,
                format!("card {:?}", c.id),
            );
        }
    }
    if let Some(file) = &study.explain_path {
        for p in &study.prompts {
            let at = locate_key_value(&file.text, "id", &p.id, 1).map_or(1, |p| p.0);
            unknown_page(
                &file.path,
                &file.text,
                "page",
                &p.page,
                at,
                format!("prompt {:?}", p.id),
            );
        }
    }
    if let (Some(sheet), Some(file)) = (&study.cheatsheet, &study.cheatsheet_file) {
        for a in &sheet.api {
            unknown_page(
                &file.path,
                &file.text,
                "page",
                &a.page,
                1,
                format!("entry {:?}", a.call),
            );
        }
        for s in &sheet.settings {
            unknown_page(
                &file.path,
                &file.text,
                "page",
                &s.page,
                1,
                format!("setting {:?}", s.name),
            );
        }
        for m in &sheet.mistakes {
            if mistake_question(topic, &m.question).is_none() {
                let pos =
                    locate_key_value(&file.text, "question", &m.question, 1).unwrap_or((1, 1));
                problems.push(Problem::at(
                    &file.path,
                    pos,
                    format!(
                        "mistake names question {:?}; write it as quiz/id, naming a question of a quiz of this topic",
                        m.question
                    ),
                ));
            }
        }
    }
    problems
}

/// The question a cheat-sheet mistake names (`test/nested-mutation`).
pub fn mistake_question<'a>(topic: &'a Topic, name: &str) -> Option<&'a super::Question> {
    let (quiz, id) = name.split_once('/')?;
    topic.quiz(quiz)?.questions.iter().find(|q| q.id == id)
}

/// The position of `"slug"` inside a list on or after line `from`.
fn locate_in_list(text: &str, slug: &str, from: usize) -> Option<(usize, usize)> {
    let quoted = format!("\"{slug}\"");
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, l)| l.find(&quoted).map(|c| (i + 1, l[..c].chars().count() + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load, Source};

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    #[test]
    fn bundled_study_aids_load_and_are_large_enough() {
        let loaded = load(&Source::Embedded).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let topic = loaded.topics.iter().find(|t| t.slug == "sessions").unwrap();
        assert!(topic.study.cards.len() >= 60, "{}", topic.study.cards.len());
        assert!(topic.study.cheatsheet.is_some());
        for page in &topic.pages {
            assert!(
                topic.study.prompts_for(&page.slug).next().is_some(),
                "page {} has no explain prompt",
                page.slug
            );
        }
        assert!(
            check_references(topic).is_empty(),
            "{:?}",
            check_references(topic)
        );
    }

    #[test]
    fn card_problems_are_located() {
        let text = "format_version = 1\n\n[[card]]\nid = \"a\"\npage = \"syntax\"\nfront = \"\"\nback = \"b\"\n\n[[card]]\nid = \"a\"\npage = \"syntax\"\nfront = \"f\"\nback = \"b\"\n";
        let mut problems = Vec::new();
        let study = load_study(&[], &[file("quizzes/t/cards.toml", text)], &mut problems);
        assert_eq!(study.cards.len(), 2);
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            [
                "quizzes/t/cards.toml:4:6: card \"a\" has an empty front",
                "quizzes/t/cards.toml:10:6: duplicate card id \"a\""
            ]
        );
    }

    #[test]
    fn unknown_fields_and_bad_rows_are_refused_with_positions() {
        let mut problems = Vec::new();
        load_study(
            &[file(
                "lessons/t/explain.toml",
                "format_version = 1\n[[prompt]]\nid = \"x\"\npage = \"p\"\nprompt = \"Why?\"\nmodel_answer = \"Because.\"\npoints = []\n",
            )],
            &[file(
                "quizzes/t/cards.toml",
                "format_version = 1\n[[card]]\nid = \"a\"\npage = \"p\"\nfront = \"f\"\nback = \"b\"\nhint = \"no\"\n",
            )],
            &mut problems,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0]
            .to_string()
            .starts_with("quizzes/t/cards.toml:7:1: unknown field `hint`"));
        assert_eq!(
            problems[1].to_string(),
            "lessons/t/explain.toml:3:6: prompt \"x\" needs a checklist: at least one point, none empty"
        );
    }

    #[test]
    fn a_tag_naming_no_page_is_reported_where_it_is_written() {
        let loaded = load(&Source::Embedded).unwrap();
        let mut topic = loaded
            .topics
            .into_iter()
            .find(|t| t.slug == "sessions")
            .unwrap();
        let quiz = topic.quizzes.iter_mut().find(|q| q.name == "test").unwrap();
        let id = quiz.questions[0].id.clone();
        quiz.questions[0].pages.push("no-such-page".into());
        quiz.text = quiz.text.replacen(
            &format!("id = \"{id}\"\n"),
            &format!("id = \"{id}\"\npages = [\"no-such-page\"]\n"),
            1,
        );
        topic.study.cards[0].page = "gone".into();
        let problems = check_references(&topic);
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].contains(&format!("question {id:?} names page \"no-such-page\"")),
            "{shown:?}"
        );
        assert!(shown[0].starts_with("quizzes/sessions/test.toml:"));
        let line: usize = shown[0].split(':').nth(1).unwrap().parse().unwrap();
        assert_eq!(quiz_line(&topic, line), "pages = [\"no-such-page\"]");
        assert!(shown[1].contains("card ") && shown[1].contains("\"gone\""));
    }

    proptest::proptest! {
        #[test]
        fn any_text_in_the_study_files_gives_problems_not_panics(text in ".{0,400}", cut in 0usize..2000) {
            let real = include_str!("../../quizzes/sessions/cards.toml");
            let mut end = cut.min(real.len());
            while !real.is_char_boundary(end) {
                end -= 1;
            }
            let mangled = format!("{}{text}", &real[..end]);
            let mut problems = Vec::new();
            load_study(&[], &[file("quizzes/t/cards.toml", &mangled)], &mut problems);
            for name in ["explain.toml", "cheatsheet.toml"] {
                load_study(&[file(&format!("lessons/t/{name}"), &text)], &[], &mut problems);
            }
            for p in &problems {
                proptest::prop_assert!(p.line >= 1 && p.column >= 1);
            }
        }
    }

    fn quiz_line(topic: &Topic, line: usize) -> String {
        topic
            .quiz("test")
            .unwrap()
            .text
            .lines()
            .nth(line - 1)
            .unwrap()
            .to_owned()
    }
}
