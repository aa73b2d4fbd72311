//! What the learner has done, kept in one TOML file and saved atomically after each change.
//!
//! [`Progress`] is the single owner of this state: every change goes through one of its
//! methods, which saves at once (temp file in the same directory, fsync, rename), so a crash or
//! a kill never leaves a half-written file. A corrupt file is moved aside and the learner goes
//! on fresh; a directory that cannot be written gives one warning and the app goes on without
//! saving. Problems never stop the course: they become warnings for the interface to show.

use crate::calendar::civil;
use crate::quiz::{Answer, Score};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub const FILE_NAME: &str = "progress.toml";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProgressData {
    #[serde(default)]
    pub topics: BTreeMap<String, TopicProgress>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TopicProgress {
    /// Slugs of the pages read, in the order first read.
    #[serde(default)]
    pub pages_read: Vec<String>,
    /// Names of the scenarios stepped through to the end.
    #[serde(default)]
    pub scenarios_completed: Vec<String>,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Spaced review and test sittings (see `review::ReviewState`).
    #[serde(default, skip_serializing_if = "crate::review::ReviewState::is_empty")]
    pub review: crate::review::ReviewState,
}

/// One try at a quiz; saved after every answer, so an interrupted attempt keeps its answers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    pub quiz: String,
    /// When it started, as `YYYY-MM-DDTHH:MM:SSZ`.
    pub started: String,
    pub seconds: u64,
    pub finished: bool,
    pub total: usize,
    #[serde(default)]
    pub answers: Vec<Answer>,
}

impl Attempt {
    pub fn score(&self) -> Score {
        Score::of(&self.answers, self.total)
    }
}

/// Where the progress file is and what happened to it.
#[derive(Debug)]
pub struct Progress {
    path: PathBuf,
    data: ProgressData,
    saving: bool,
    warnings: Vec<String>,
}

impl Progress {
    /// Opens the progress file in `dir`, creating nothing until the first save.
    pub fn open(dir: &Path) -> Progress {
        let path = dir.join(FILE_NAME);
        let mut progress = Progress {
            path: path.clone(),
            data: ProgressData::default(),
            saving: true,
            warnings: Vec::new(),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => match toml::from_str::<ProgressData>(&text) {
                Ok(data) => progress.data = data,
                Err(e) => progress.set_aside_corrupt(&text, &e),
            },
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) => {}
            Err(e) => {
                progress.warnings.push(format!(
                    "warning: cannot read {} ({e}); going on without saving progress",
                    path.display()
                ));
                progress.saving = false;
            }
        }
        progress
    }

    /// A progress that is never written (for tests and `--data-dir` failures).
    pub fn in_memory() -> Progress {
        Progress {
            path: PathBuf::new(),
            data: ProgressData::default(),
            saving: false,
            warnings: Vec::new(),
        }
    }

    fn set_aside_corrupt(&mut self, text: &str, err: &toml::de::Error) {
        let aside = self
            .path
            .with_file_name(format!("{FILE_NAME}.corrupt-{}", timestamp_compact(now())));
        let place = err
            .span()
            .map(|s| {
                let (l, c) = crate::content::line_col(text, s.start);
                format!(" at line {l}, column {c}")
            })
            .unwrap_or_default();
        match std::fs::rename(&self.path, &aside) {
            Ok(()) => self.warnings.push(format!(
                "warning: {} could not be read{place}; it was moved to {} and progress starts fresh",
                self.path.display(),
                aside.display()
            )),
            Err(e) => {
                self.warnings.push(format!(
                    "warning: {} could not be read{place} and could not be moved aside ({e}); going on without saving progress",
                    self.path.display()
                ));
                self.saving = false;
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn data(&self) -> &ProgressData {
        &self.data
    }

    pub fn topic(&self, topic: &str) -> Option<&TopicProgress> {
        self.data.topics.get(topic)
    }

    /// Warnings gathered since the last call (each is one line for stderr).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    pub fn mark_page_read(&mut self, topic: &str, slug: &str) {
        let t = self.data.topics.entry(topic.to_owned()).or_default();
        if !t.pages_read.iter().any(|s| s == slug) {
            t.pages_read.push(slug.to_owned());
            self.save();
        }
    }

    pub fn mark_scenario_completed(&mut self, topic: &str, name: &str) {
        let t = self.data.topics.entry(topic.to_owned()).or_default();
        if !t.scenarios_completed.iter().any(|s| s == name) {
            t.scenarios_completed.push(name.to_owned());
            self.save();
        }
    }

    /// Starts recording an attempt; returns its index for [`Progress::update_attempt`].
    pub fn begin_attempt(&mut self, topic: &str, quiz: &str, total: usize) -> usize {
        let t = self.data.topics.entry(topic.to_owned()).or_default();
        t.attempts.push(Attempt {
            quiz: quiz.to_owned(),
            started: timestamp_iso(now()),
            seconds: 0,
            finished: false,
            total,
            answers: Vec::new(),
        });
        t.attempts.len() - 1
    }

    /// Replaces the answers of an attempt and saves. An attempt with no answers is not written
    /// until it has one.
    pub fn update_attempt(
        &mut self,
        topic: &str,
        index: usize,
        answers: &[Answer],
        seconds: u64,
        finished: bool,
    ) {
        let Some(a) = self
            .data
            .topics
            .get_mut(topic)
            .and_then(|t| t.attempts.get_mut(index))
        else {
            return;
        };
        a.answers = answers.to_vec();
        a.seconds = seconds;
        a.finished = finished;
        if !answers.is_empty() {
            self.save();
        }
    }

    /// Forgets everything about a topic and saves.
    pub fn reset(&mut self, topic: &str) {
        if self.data.topics.remove(topic).is_some() {
            self.save();
        }
    }

    fn save(&mut self) {
        if !self.saving {
            return;
        }
        // Attempts that never got an answer are not worth keeping.
        let mut data = self.data.clone();
        for t in data.topics.values_mut() {
            t.attempts.retain(|a| !a.answers.is_empty());
        }
        if let Err(e) = write_atomically(&self.path, &data) {
            self.warnings.push(format!(
                "warning: cannot save progress to {} ({e}); going on without saving",
                self.path.display()
            ));
            self.saving = false;
        }
    }
}

/// Writes `data` next to `path` in a temporary file, flushes it to disk and renames it over
/// `path`, so `path` always holds either the old or the new state, whole.
pub fn write_atomically(path: &Path, data: &ProgressData) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let text = toml::to_string_pretty(data).map_err(std::io::Error::other)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".progress-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(b"# learn: your progress. Written by learn; safe to delete.\n")?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

pub fn timestamp_iso(secs: u64) -> String {
    let c = civil(secs as i64);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

fn timestamp_compact(secs: u64) -> String {
    let c = civil(secs as i64);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_civil_dates() {
        assert_eq!(timestamp_iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp_iso(1_767_225_600), "2026-01-01T00:00:00Z");
        assert_eq!(timestamp_iso(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(timestamp_compact(1_767_225_661), "20260101T000101Z");
    }

    #[test]
    fn saves_and_reloads() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Progress::open(dir.path());
        p.mark_page_read("sessions", "syntax");
        p.mark_page_read("sessions", "syntax");
        let i = p.begin_attempt("sessions", "practice", 5);
        let answers = vec![Answer {
            question: "purpose".into(),
            chosen: "remember".into(),
            correct: true,
            hints_used: 1,
        }];
        p.update_attempt("sessions", i, &answers, 12, false);
        assert!(p.take_warnings().is_empty());

        let q = Progress::open(dir.path());
        let t = q.topic("sessions").unwrap();
        assert_eq!(t.pages_read, vec!["syntax"]);
        assert_eq!(t.attempts.len(), 1);
        assert_eq!(t.attempts[0].answers, answers);
        assert!(!t.attempts[0].finished);
    }

    #[test]
    fn a_corrupt_file_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "topics = [oops\n").unwrap();
        let mut p = Progress::open(dir.path());
        let w = p.take_warnings();
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("moved to"), "{w:?}");
        assert!(p.data().topics.is_empty());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("progress.toml.corrupt-")),
            "{names:?}"
        );
        p.mark_page_read("sessions", "why-sessions");
        assert!(Progress::open(dir.path()).topic("sessions").is_some());
    }

    #[test]
    fn an_unwritable_place_warns_once_and_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "not a directory").unwrap();
        let mut p = Progress::open(&blocker.join("learn"));
        p.mark_page_read("sessions", "a");
        p.mark_page_read("sessions", "b");
        let w = p.take_warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("cannot save progress"));
        assert_eq!(p.topic("sessions").unwrap().pages_read, vec!["a", "b"]);
    }

    #[test]
    fn reset_forgets_a_topic() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Progress::open(dir.path());
        p.mark_page_read("sessions", "a");
        p.reset("sessions");
        assert!(Progress::open(dir.path()).topic("sessions").is_none());
    }
}
