//! Where content files come from: the copy embedded in the binary, or a directory on disk
//! (`--content DIR`), which is how an author previews edits.

use std::borrow::Cow;
use std::path::PathBuf;

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
            Source::Embedded => {
                let mut names: Vec<String> = embedded::FILES
                    .iter()
                    .filter_map(|f| {
                        let (topic, _) = f.path.strip_prefix("lessons/")?.split_once('/')?;
                        Some(topic.to_owned())
                    })
                    .collect();
                names.dedup();
                names
            }
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
        self.toml_entries(rel_dir)?
            .iter()
            .map(Entry::file)
            .collect()
    }

    /// Like [`Source::toml_files`], but an embedded file is unpacked only when its text is
    /// asked for.
    pub fn toml_entries(&self, rel_dir: &str) -> Result<Vec<Entry>, ReadError> {
        let mut files = Vec::new();
        match self {
            Source::Embedded => {
                let prefix = format!("{}/", rel_dir.trim_end_matches('/'));
                for file in embedded::FILES {
                    let Some(name) = file.path.strip_prefix(&prefix) else {
                        continue;
                    };
                    if name.contains('/') {
                        continue;
                    }
                    files.push(Entry {
                        path: file.path.to_owned(),
                        body: Body::Embedded(file),
                    });
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
                    files.push(Entry {
                        path: path.display().to_string(),
                        body: Body::Text(text),
                    });
                }
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }
}

/// A content file listed by [`Source::toml_entries`].
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    body: Body,
}

#[derive(Debug, Clone)]
enum Body {
    Text(String),
    Embedded(&'static embedded::File),
}

impl Entry {
    /// The file with its text (an embedded file is unpacked here).
    pub fn file(&self) -> Result<SourceFile, ReadError> {
        let text = match &self.body {
            Body::Text(text) => text.clone(),
            Body::Embedded(file) => file.text().map_err(|message| ReadError {
                path: self.path.clone(),
                message: message.into(),
            })?,
        };
        Ok(SourceFile {
            path: self.path.clone(),
            text,
        })
    }

    /// The file's text, or an empty text when it cannot be read (for locating a problem).
    pub fn text(&self) -> Cow<'_, str> {
        match &self.body {
            Body::Text(text) => Cow::Borrowed(text),
            Body::Embedded(file) => Cow::Owned(file.text().unwrap_or_default()),
        }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Text(text) => text.len(),
            Body::Embedded(file) => file.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A bundled lesson page as build.rs parsed it.
    pub fn preparsed_page(&self) -> Option<super::PageFile> {
        match &self.body {
            Body::Embedded(file) => file.page.map(embedded::StaticPage::to_page),
            Body::Text(_) => None,
        }
    }
}

/// The content as build.rs embedded it.
mod embedded {
    use crate::content::model::{Block, NoteKind, PageFile};

    /// A file in [`BLOB`]: `stored` bytes from `at`, compressed (raw deflate) when `packed`,
    /// `len` bytes once unpacked; `page` is a lesson page as build.rs parsed it.
    #[derive(Debug)]
    pub struct File {
        pub path: &'static str,
        pub at: usize,
        pub stored: usize,
        pub len: usize,
        pub packed: bool,
        pub page: Option<&'static StaticPage>,
    }

    /// A [`PageFile`] kept in the binary.
    #[derive(Debug)]
    pub struct StaticPage {
        title: &'static str,
        blocks: &'static [B],
    }

    /// A [`Block`] kept in the binary.
    #[derive(Debug)]
    enum B {
        Paragraph(&'static str),
        Code {
            language: &'static str,
            source: &'static str,
            caption: Option<&'static str>,
            output: Option<&'static str>,
        },
        List(&'static [&'static str]),
        Note(NoteKind, &'static str),
        Summary(&'static [&'static str]),
    }

    impl StaticPage {
        /// The page in the model the rest of the program reads.
        pub fn to_page(&self) -> PageFile {
            let s = |t: &str| t.to_string();
            let items = |l: &[&str]| l.iter().map(|t| s(t)).collect();
            PageFile {
                title: s(self.title),
                blocks: self
                    .blocks
                    .iter()
                    .map(|b| match b {
                        B::Paragraph(text) => Block::Paragraph { text: s(text) },
                        B::Code {
                            language,
                            source,
                            caption,
                            output,
                        } => Block::Code {
                            language: s(language),
                            source: s(source),
                            caption: caption.map(s),
                            output: output.map(s),
                        },
                        B::List(l) => Block::List { items: items(l) },
                        B::Note(kind, text) => Block::Note {
                            kind: *kind,
                            text: s(text),
                        },
                        B::Summary(l) => Block::Summary { items: items(l) },
                    })
                    .collect(),
            }
        }
    }

    include!(concat!(env!("OUT_DIR"), "/content.rs"));

    impl File {
        pub fn text(&self) -> Result<String, &'static str> {
            if let (Some(page), 0) = (self.page, self.stored) {
                // build.rs checked that this reads back as the same page.
                return toml::to_string(&page.to_page())
                    .map_err(|_| "the embedded copy is damaged");
            }
            let stored = &BLOB[self.at..self.at + self.stored];
            let bytes = if self.packed {
                miniz_oxide::inflate::decompress_to_vec_with_limit(stored, self.len)
                    .map_err(|_| "the embedded copy is damaged")?
            } else {
                stored.to_vec()
            };
            String::from_utf8(bytes).map_err(|_| "not valid UTF-8")
        }
    }
}
