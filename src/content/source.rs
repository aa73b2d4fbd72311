//! Where content files come from: the copy embedded in the binary, or a directory on disk
//! (`--content DIR`), which is how an author previews edits.

use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static EMBEDDED_LESSONS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/lessons");
static EMBEDDED_QUIZZES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/quizzes");

/// A content file: its path as shown in messages (relative to the content root, or the
/// directory given), and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub enum Source {
    Embedded,
    Directory(PathBuf),
}

/// A problem reading the files themselves (not their contents).
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

impl Source {
    /// Names of the sub-directories of `lessons/` (each a topic, if it has a `topic.toml`).
    pub fn topic_dirs(&self) -> Result<Vec<String>, ReadError> {
        let mut names = match self {
            Source::Embedded => EMBEDDED_LESSONS
                .dirs()
                .filter_map(|d| d.path().file_name()?.to_str().map(str::to_owned))
                .collect(),
            Source::Directory(root) => {
                let lessons = root.join("lessons");
                let entries = std::fs::read_dir(&lessons).map_err(|e| ReadError {
                    path: lessons.display().to_string(),
                    message: format!("cannot read the lessons directory: {e}"),
                })?;
                let mut names = Vec::new();
                for entry in entries.flatten() {
                    if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                        if let Some(name) = entry.file_name().to_str() {
                            names.push(name.to_owned());
                        }
                    }
                }
                names
            }
        };
        names.sort();
        Ok(names)
    }

    /// The `.toml` files directly inside `area/topic[/sub]`, sorted by file name.
    /// A missing directory gives no files.
    pub fn toml_files(&self, rel_dir: &str) -> Result<Vec<SourceFile>, ReadError> {
        let mut files = Vec::new();
        match self {
            Source::Embedded => {
                let (root, rest) = match rel_dir.split_once('/') {
                    Some(("lessons", rest)) => (&EMBEDDED_LESSONS, rest),
                    Some(("quizzes", rest)) => (&EMBEDDED_QUIZZES, rest),
                    _ => return Ok(files),
                };
                if let Some(dir) = root.get_dir(rest) {
                    for file in dir.files() {
                        if file.path().extension().and_then(|e| e.to_str()) != Some("toml") {
                            continue;
                        }
                        let path = Path::new(root_name(root)).join(file.path());
                        let text = file.contents_utf8().ok_or_else(|| ReadError {
                            path: path.display().to_string(),
                            message: "not valid UTF-8".into(),
                        })?;
                        files.push(SourceFile {
                            path: path.display().to_string(),
                            text: text.to_owned(),
                        });
                    }
                }
            }
            Source::Directory(root) => {
                let dir = root.join(rel_dir);
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    return Ok(files);
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    if !path.is_file() || path.extension().and_then(|e| e.to_str()) != Some("toml")
                    {
                        continue;
                    }
                    let text = std::fs::read_to_string(&path).map_err(|e| ReadError {
                        path: path.display().to_string(),
                        message: format!("cannot read: {e}"),
                    })?;
                    files.push(SourceFile {
                        path: path.display().to_string(),
                        text,
                    });
                }
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }
}

mod preparsed {
    include!(concat!(env!("OUT_DIR"), "/pages.rs"));
}

impl Source {
    /// A bundled lesson page as build.rs parsed it (JSON of its [`super::PageFile`]), when
    /// `file` is that page as embedded: same path, same length.
    pub fn preparsed_page(&self, file: &SourceFile) -> Option<&'static str> {
        if !matches!(self, Source::Embedded) {
            return None;
        }
        preparsed::PAGES
            .iter()
            .find(|(path, len, _)| *path == file.path && *len == file.text.len())
            .map(|(_, _, json)| *json)
    }
}

fn root_name(dir: &Dir<'_>) -> &'static str {
    if std::ptr::eq(dir, &EMBEDDED_LESSONS) {
        "lessons"
    } else {
        "quizzes"
    }
}
