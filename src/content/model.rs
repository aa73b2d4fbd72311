//! The shapes of content files, as serde reads them. Unknown fields are refused everywhere so
//! that a typo in a content file is reported, not ignored.

use serde::{Deserialize, Serialize};

/// `lessons/<topic>/topic.toml`: what a topic is called and which format its files use.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicMeta {
    pub format_version: u32,
    pub title: String,
    pub summary: String,
    /// The order in which bundled scenarios are listed; others follow alphabetically.
    #[serde(default)]
    pub simulations: Vec<String>,
}

/// One lesson page: `lessons/<topic>/NN-slug.toml`. (Written back as TOML for a bundled
/// page, whose own text the program does not carry: see build.rs.)
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    pub title: String,
    #[serde(default, rename = "block")]
    pub blocks: Vec<Block>,
}

/// A piece of a lesson page.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum Block {
    Paragraph {
        text: String,
    },
    Code {
        language: String,
        source: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        output: Option<String>,
    },
    List {
        items: Vec<String>,
    },
    Note {
        kind: NoteKind,
        text: String,
    },
    Summary {
        items: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    Tip,
    Warning,
    Important,
}

impl NoteKind {
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Tip => "Tip",
            NoteKind::Warning => "Warning",
            NoteKind::Important => "Important",
        }
    }
}

/// The languages a code block may be written in.
pub const CODE_LANGUAGES: &[&str] = &["python", "text", "shell", "http", "json", "toml"];

/// A quiz file: `quizzes/<topic>/<name>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub format_version: u32,
    pub title: String,
    pub summary: String,
    /// For a test drawn from a bank: how many questions of each difficulty a sitting takes.
    #[serde(default)]
    pub draw: Option<DrawSpec>,
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub difficulty: Difficulty,
    pub prompt: String,
    #[serde(default)]
    pub code: Option<String>,
    /// The id of the right option.
    pub answer: String,
    #[serde(default)]
    pub hints: Vec<String>,
    #[serde(default)]
    pub solution: Vec<String>,
    pub takeaway: String,
    /// Slugs of the lesson pages that teach what the question asks.
    #[serde(default)]
    pub pages: Vec<String>,
    /// A bundled scenario that runs this question's code, offered after the answer.
    #[serde(default)]
    pub scenario: Option<String>,
    /// Which requests of the scenario (1-based) show what the question's code does, for
    /// options that do not name their own.
    #[serde(default)]
    pub runs: Vec<usize>,
    #[serde(default, rename = "option")]
    pub options: Vec<QuizOption>,
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&QuizOption> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn correct_option(&self) -> Option<&QuizOption> {
        self.option(&self.answer)
    }

    /// The scenario requests that show what `option` does: its own, or the question's.
    pub fn runs_for<'a>(&'a self, option: &'a QuizOption) -> &'a [usize] {
        if option.runs.is_empty() {
            &self.runs
        } else {
            &option.runs
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuizOption {
    pub id: String,
    pub text: String,
    /// Why this option is wrong (on every wrong option).
    #[serde(default)]
    pub mistake: Option<String>,
    /// Requests (1-based) of the question's scenario that show what this option does.
    #[serde(default)]
    pub runs: Vec<usize>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

/// `draw = { easy = 3, medium = 4, hard = 3 }`: a sitting of a bank-drawn test.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DrawSpec {
    pub easy: usize,
    pub medium: usize,
    pub hard: usize,
}

impl DrawSpec {
    pub fn total(&self) -> usize {
        self.easy + self.medium + self.hard
    }

    pub fn count(&self, d: Difficulty) -> usize {
        match d {
            Difficulty::Easy => self.easy,
            Difficulty::Medium => self.medium,
            Difficulty::Hard => self.hard,
        }
    }
}
