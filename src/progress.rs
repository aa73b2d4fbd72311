//! What the learner has done, kept in one TOML file that several `learn` processes can share.
//!
//! [`Progress`] is the single owner of this state: every change goes through one of its
//! methods, which saves at once and says how that went ([`Saved`]). A save is a
//! read-modify-write under an advisory lock (`.progress.toml.lock` beside the file): the file
//! is read again, the change is applied to what is on disk *now*, and the result is written to
//! a temporary file that is flushed and renamed over the old one. So two processes never lose
//! each other's changes, and a crash or a kill never leaves half a file. A change that could
//! not be saved is kept for this run and tried again with the next change.
//!
//! Bad files never stop the course: a corrupt file (not TOML, not UTF-8, far too large) is
//! moved aside and the learner goes on fresh; something that must not be touched (a FIFO, a
//! device, an unreadable file) turns saving off for the run. Each becomes a one-line warning
//! for the interface to show. A symbolic link is followed: the file it points to is written.
//!
//! # Adding a field
//!
//! The file is read by older and newer versions of `learn` alike, so:
//! - give every new field `#[serde(default)]` (a file written before it existed still loads),
//!   and `skip_serializing_if` for an empty value if older versions need not see it;
//! - never rename a field or change its type: add a new one (a field of the wrong type makes
//!   the whole file corrupt, and it is moved aside);
//! - each table has an `other` map that keeps, as read, every field this version does not know,
//!   and writes it back: what a newer version wrote survives an older one's save;
//! - a new kind of change is a new [`Change`] variant, applied in [`apply`] to the data read
//!   from disk (never to a copy kept in memory), so it merges with other processes' changes.

mod disk;

use crate::calendar::civil;
use crate::quiz::{Answer, Score};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub use disk::{LOCK_WAIT, MAX_BYTES};

pub const FILE_NAME: &str = "progress.toml";

const HEADER: &str = "# learn: your progress. Written by learn; safe to delete.\n";

/// The whole file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ProgressData {
    #[serde(default)]
    pub topics: BTreeMap<String, TopicProgress>,
    /// Fields this version does not know, kept as read.
    #[serde(flatten)]
    pub other: toml::Table,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
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
    /// Learn-by-doing activities: kind (`exercise`, `order`, `blanks`, `predict`, …) → item
    /// name → what the learner did with it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub activities: BTreeMap<String, BTreeMap<String, ActivityRecord>>,
    /// Fields this version does not know, kept as read.
    #[serde(flatten)]
    pub other: toml::Table,
}

/// One item of an activity (an exercise, a problem, a scenario's predictions).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ActivityRecord {
    /// Finished once (every expectation held, every answer given, …).
    #[serde(default)]
    pub done: bool,
    /// The best score of any try, out of `out_of` (the out of of that try).
    #[serde(default)]
    pub best: u32,
    #[serde(default)]
    pub out_of: u32,
    /// How many tries were recorded.
    #[serde(default)]
    pub attempts: u32,
    /// When the last try was recorded, as `YYYY-MM-DDTHH:MM:SSZ`.
    #[serde(default)]
    pub last: String,
    /// Fields this version does not know, kept as read.
    #[serde(flatten)]
    pub other: toml::Table,
}

impl ActivityRecord {
    /// Adds one try: `done` stays once reached; the best score is the best fraction.
    pub fn record(&mut self, score: u32, out_of: u32, done: bool, at: &str) {
        self.attempts = self.attempts.saturating_add(1);
        self.done |= done;
        // Compare score/out_of as fractions (cross-multiplied, so no rounding).
        let better = self.attempts == 1
            || u64::from(score) * u64::from(self.out_of) > u64::from(self.best) * u64::from(out_of);
        if better {
            self.best = score;
            self.out_of = out_of;
        }
        self.last = at.to_string();
    }
}

/// One try at an activity's item, for [`Progress::record_activity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityTry {
    /// `exercise`, `order`, `blanks`, `predict`, …
    pub kind: String,
    pub item: String,
    pub score: u32,
    pub out_of: u32,
    pub done: bool,
}

/// One try at a quiz; saved after every answer, so an interrupted attempt keeps its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawAttempt", into = "RawAttempt")]
pub struct Attempt {
    /// Tells this attempt from every other, so the process taking it updates the right one
    /// whatever other processes added meanwhile. Empty in files from before it existed.
    pub id: String,
    pub quiz: String,
    /// When it started, as `YYYY-MM-DDTHH:MM:SSZ`.
    pub started: String,
    pub seconds: u64,
    pub finished: bool,
    pub total: usize,
    pub answers: Vec<Answer>,
    /// Unknown fields of each answer, by position, kept as read.
    answers_other: Vec<toml::Table>,
    /// Fields this version does not know, kept as read.
    pub other: toml::Table,
}

impl Attempt {
    pub fn score(&self) -> Score {
        Score::of(&self.answers, self.total)
    }
}

/// How an attempt is written: [`Answer`] belongs to the quiz, so the fields it does not know
/// are kept here, beside it.
#[derive(Serialize, Deserialize)]
struct RawAttempt {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    id: String,
    #[serde(default)]
    quiz: String,
    #[serde(default)]
    started: String,
    #[serde(default)]
    seconds: u64,
    #[serde(default)]
    finished: bool,
    #[serde(default)]
    total: usize,
    #[serde(default)]
    answers: Vec<RawAnswer>,
    #[serde(flatten)]
    other: toml::Table,
}

#[derive(Serialize, Deserialize)]
struct RawAnswer {
    #[serde(flatten)]
    answer: Answer,
    #[serde(flatten)]
    other: toml::Table,
}

impl From<RawAttempt> for Attempt {
    fn from(r: RawAttempt) -> Attempt {
        let (answers, answers_other) = r.answers.into_iter().map(|a| (a.answer, a.other)).unzip();
        Attempt {
            id: r.id,
            quiz: r.quiz,
            started: r.started,
            seconds: r.seconds,
            finished: r.finished,
            total: r.total,
            answers,
            answers_other,
            other: r.other,
        }
    }
}

impl From<Attempt> for RawAttempt {
    fn from(a: Attempt) -> RawAttempt {
        let mut others = a.answers_other.into_iter();
        let answers = a
            .answers
            .into_iter()
            .map(|answer| RawAnswer {
                answer,
                other: others.next().unwrap_or_default(),
            })
            .collect();
        RawAttempt {
            id: a.id,
            quiz: a.quiz,
            started: a.started,
            seconds: a.seconds,
            finished: a.finished,
            total: a.total,
            answers,
            other: a.other,
        }
    }
}

/// What became of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// It is in the progress file.
    Yes,
    /// Nothing needed writing: the file already had it, or an attempt has no answer yet.
    NothingNew,
    /// It is kept for this run only; the words say why (a sentence for the learner, without a
    /// final full stop).
    No(String),
}

impl Saved {
    /// True when what the learner did is (or already was) in the file.
    pub fn is_kept(&self) -> bool {
        !matches!(self, Saved::No(_))
    }
}

/// An attempt begun with [`Progress::begin_attempt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptId(usize);

/// A change, applied to the data read from disk at the moment of saving.
#[derive(Debug, Clone)]
enum Change {
    PageRead {
        topic: String,
        slug: String,
    },
    ScenarioCompleted {
        topic: String,
        name: String,
    },
    /// The attempt in `Progress::attempts` at this index, as it is now.
    Attempt(usize),
    Reset {
        topic: String,
    },
    /// One review of a spaced-review item, applied to the schedule on disk.
    Review {
        topic: String,
        key: crate::review::ItemKey,
        rating: crate::review::Rating,
        at: i64,
    },
    /// One try at an activity's item, added to the record on disk.
    Activity {
        topic: String,
        try_: ActivityTry,
        at: String,
    },
    /// One sitting of a bank-drawn test.
    Sitting {
        topic: String,
        sitting: crate::review::TestSitting,
    },
}

/// An attempt this process is taking.
#[derive(Debug)]
struct OpenAttempt {
    topic: String,
    record: Attempt,
    /// It has been written to the file (or, without a file, into memory) at least once: if it
    /// is missing later, a reset removed it and it is not brought back.
    written: bool,
    /// A reset removed it; later answers are not kept.
    dropped: bool,
}

/// How applying a change went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applied {
    Changed,
    Same,
    /// An attempt that a reset had removed.
    Dropped,
}

/// Where the progress file is and what happened to it.
#[derive(Debug)]
pub struct Progress {
    /// `progress.toml` in the data directory, as the learner knows it.
    path: PathBuf,
    /// The file really read and written (`path` with symbolic links followed); `None` for a
    /// progress that is never written.
    target: Option<PathBuf>,
    data: ProgressData,
    /// Changes not yet in the file, tried again with the next change.
    pending: Vec<Change>,
    /// Why saving is off for the whole run, once it is.
    off: Option<String>,
    attempts: Vec<OpenAttempt>,
    warnings: Vec<String>,
    /// The last save problem warned about (each is warned about once in a row).
    last_problem: Option<String>,
}

/// Reading the file: what it held.
enum Loaded {
    Data(ProgressData),
    Missing,
    /// A file to set aside; the words say what is wrong, starting with a space (" at line 3,
    /// column 1" or " (it is not UTF-8 text …)").
    Corrupt(String),
    /// A file to leave alone; the words say what it is ("is a FIFO (named pipe), …").
    Unusable(String),
}

fn load(target: &Path) -> Loaded {
    match disk::read(target) {
        disk::Found::Missing => Loaded::Missing,
        disk::Found::Unusable(why) => Loaded::Unusable(why),
        disk::Found::Corrupt(why) => Loaded::Corrupt(format!(" (it {why})")),
        disk::Found::Text(text) => match crate::content::toml_de::from_str::<ProgressData>(&text) {
            Ok(data) => Loaded::Data(data),
            Err(e) => Loaded::Corrupt(
                e.span()
                    .map(|s| {
                        let (l, c) = crate::content::line_col(&text, s.start);
                        format!(" at line {l}, column {c}")
                    })
                    .unwrap_or_else(|| format!(" ({})", e.message())),
            ),
        },
    }
}

impl Progress {
    /// Opens the progress file in `dir`, creating nothing until the first save.
    pub fn open(dir: &Path) -> Progress {
        let path = dir.join(FILE_NAME);
        let mut progress = Progress {
            path: path.clone(),
            target: None,
            data: ProgressData::default(),
            pending: Vec::new(),
            off: None,
            attempts: Vec::new(),
            warnings: Vec::new(),
            last_problem: None,
        };
        let target = match disk::resolve(&path) {
            Ok(t) => t,
            Err(why) => {
                progress.turn_off(format!("{} {why}", path.display()));
                return progress;
            }
        };
        progress.target = Some(target.clone());
        match load(&target) {
            Loaded::Data(data) => progress.data = data,
            Loaded::Missing => {}
            Loaded::Unusable(why) => progress.turn_off(format!("{} {why}", path.display())),
            Loaded::Corrupt(why) => {
                // Set it aside under the lock, so two processes starting together do not both
                // try: the second finds it gone, or already replaced by a good file.
                let result = disk::locked(&target, || match load(&target) {
                    Loaded::Corrupt(why) => Progress::set_aside(&path, &target, &why)
                        .map(|warning| (Loaded::Missing, Some(warning))),
                    other => Ok((other, None)),
                });
                match result {
                    Err(e) => progress.turn_off(format!(
                        "{} could not be read{why} and could not be moved aside ({e})",
                        path.display()
                    )),
                    Ok(Err(message)) => progress.turn_off(message),
                    Ok(Ok((loaded, warning))) => {
                        progress.warnings.extend(warning);
                        match loaded {
                            Loaded::Data(data) => progress.data = data,
                            Loaded::Unusable(why) => {
                                progress.turn_off(format!("{} {why}", path.display()))
                            }
                            Loaded::Missing | Loaded::Corrupt(_) => {}
                        }
                    }
                }
            }
        }
        progress
    }

    /// Moves a corrupt file aside (call it with the lock held); returns the warning to give,
    /// or what went wrong.
    fn set_aside(path: &Path, target: &Path, why: &str) -> Result<String, String> {
        match disk::set_aside(target, &timestamp_compact(now())) {
            Ok(aside) => Ok(format!(
                "warning: {} could not be read{why}; it was moved to {} and progress starts fresh",
                path.display(),
                aside.display()
            )),
            Err(e) => Err(format!(
                "{} could not be read{why} and could not be moved aside ({e})",
                path.display()
            )),
        }
    }

    /// A progress that is never written (for tests and `--data-dir` failures).
    pub fn in_memory() -> Progress {
        Progress {
            path: PathBuf::new(),
            target: None,
            data: ProgressData::default(),
            pending: Vec::new(),
            off: None,
            attempts: Vec::new(),
            warnings: Vec::new(),
            last_problem: None,
        }
    }

    fn turn_off(&mut self, why: String) {
        self.warnings
            .push(format!("warning: {why}; going on without saving progress"));
        self.off = Some(why);
    }

    /// `progress.toml` in the data directory (a symbolic link there is written through).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What is known: the file as of the last save or load, with this run's unsaved changes.
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

    pub fn mark_page_read(&mut self, topic: &str, slug: &str) -> Saved {
        self.commit(Change::PageRead {
            topic: topic.to_owned(),
            slug: slug.to_owned(),
        })
    }

    pub fn mark_scenario_completed(&mut self, topic: &str, name: &str) -> Saved {
        self.commit(Change::ScenarioCompleted {
            topic: topic.to_owned(),
            name: name.to_owned(),
        })
    }

    /// Starts recording an attempt; nothing is written until it has an answer
    /// ([`Progress::update_attempt`]).
    pub fn begin_attempt(&mut self, topic: &str, quiz: &str, total: usize) -> AttemptId {
        self.attempts.push(OpenAttempt {
            topic: topic.to_owned(),
            record: Attempt {
                id: format!("{:016x}", fastrand::u64(..)),
                quiz: quiz.to_owned(),
                started: timestamp_iso(now()),
                seconds: 0,
                finished: false,
                total,
                answers: Vec::new(),
                answers_other: Vec::new(),
                other: toml::Table::new(),
            },
            written: false,
            dropped: false,
        });
        AttemptId(self.attempts.len() - 1)
    }

    /// Replaces the answers of an attempt and saves. An attempt with no answers is not written
    /// until it has one; one that a reset (in any process) removed after it was written is not
    /// brought back.
    pub fn update_attempt(
        &mut self,
        topic: &str,
        attempt: AttemptId,
        answers: &[Answer],
        seconds: u64,
        finished: bool,
    ) -> Saved {
        let Some(open) = self.attempts.get_mut(attempt.0) else {
            return Saved::NothingNew;
        };
        debug_assert_eq!(open.topic, topic);
        if open.dropped {
            return Saved::No(dropped_words());
        }
        let r = &mut open.record;
        r.answers = answers.to_vec();
        r.answers_other.clear();
        r.seconds = seconds;
        r.finished = finished;
        if answers.is_empty() {
            return Saved::NothingNew;
        }
        self.commit(Change::Attempt(attempt.0))
    }

    /// Forgets everything about a topic and saves.
    /// Records a review of `key` rated `rating` at `at` (seconds since the epoch, the review
    /// clock): its next date is computed from the schedule in the file.
    pub fn record_review(
        &mut self,
        topic: &str,
        key: &crate::review::ItemKey,
        rating: crate::review::Rating,
        at: i64,
    ) -> Saved {
        self.commit(Change::Review {
            topic: topic.to_owned(),
            key: key.clone(),
            rating,
            at,
        })
    }

    /// Records a sitting of a bank-drawn test (its answers are recorded as reviews apart).
    pub fn record_sitting(&mut self, topic: &str, sitting: crate::review::TestSitting) -> Saved {
        self.commit(Change::Sitting {
            topic: topic.to_owned(),
            sitting,
        })
    }

    /// Records one try at an activity's item (a check of an exercise, a problem answered, …):
    /// attempts grow by one, `done` stays once reached, the best score is kept.
    pub fn record_activity(&mut self, topic: &str, try_: ActivityTry) -> Saved {
        self.commit(Change::Activity {
            topic: topic.to_owned(),
            try_,
            at: timestamp_iso(now()),
        })
    }

    /// The record of one activity item, if any.
    pub fn activity(&self, topic: &str, kind: &str, item: &str) -> Option<&ActivityRecord> {
        self.topic(topic)?.activities.get(kind)?.get(item)
    }

    pub fn reset(&mut self, topic: &str) -> Saved {
        self.commit(Change::Reset {
            topic: topic.to_owned(),
        })
    }

    /// Applies `change` to the file (after the pending ones) under the lock, or keeps it in
    /// memory when that cannot be done.
    fn commit(&mut self, change: Change) -> Saved {
        let Some(target) = self.target.clone().filter(|_| self.off.is_none()) else {
            let applied = apply(&mut self.data, &mut self.attempts, &change);
            mark_written(&mut self.attempts, &change, applied);
            return Saved::No(match (&self.off, applied) {
                (_, Applied::Dropped) => dropped_words(),
                (Some(why), _) => format!("saving is off for this run: {why}"),
                (None, _) => "progress is not kept in this run".into(),
            });
        };
        self.pending.push(change.clone());
        let mut attempts = std::mem::take(&mut self.attempts);
        let result = disk::locked(&target, || self.merge_and_write(&target, &mut attempts))
            .unwrap_or_else(|e| {
                Err(Problem::Retry(format!(
                    "cannot save progress to {} ({e})",
                    self.path.display()
                )))
            });
        self.attempts = attempts;
        match result {
            Ok(merged) => {
                self.warnings.extend(merged.warning);
                self.data = merged.data;
                self.pending.clear();
                self.last_problem = None;
                match merged.last {
                    Applied::Dropped => Saved::No(dropped_words()),
                    Applied::Changed => Saved::Yes,
                    Applied::Same => Saved::NothingNew,
                }
            }
            Err(problem) => {
                // Keep the change in memory, so this run still shows it.
                let applied = apply(&mut self.data, &mut self.attempts, &change);
                let why = match problem {
                    Problem::Off(why) => {
                        self.pending.clear();
                        self.turn_off(why.clone());
                        format!("saving is off for this run: {why}")
                    }
                    Problem::Retry(why) => {
                        if self.last_problem.as_deref() != Some(&why) {
                            self.warnings.push(format!(
                                "warning: {why}; going on, and trying again at the next change"
                            ));
                            self.last_problem = Some(why.clone());
                        }
                        why
                    }
                };
                Saved::No(if applied == Applied::Dropped {
                    dropped_words()
                } else {
                    why
                })
            }
        }
    }

    /// The read-modify-write cycle, run with the lock held: reads the file as it is now,
    /// applies the pending changes, writes the result if anything changed.
    fn merge_and_write(
        &self,
        target: &Path,
        attempts: &mut [OpenAttempt],
    ) -> Result<Merged, Problem> {
        disk::clean_stale_temps(disk::dir_of(target));
        let (mut data, warning) = match load(target) {
            Loaded::Data(d) => (d, None),
            Loaded::Missing => (ProgressData::default(), None),
            Loaded::Corrupt(why) => {
                let warning =
                    Progress::set_aside(&self.path, target, &why).map_err(Problem::Retry)?;
                (ProgressData::default(), Some(warning))
            }
            Loaded::Unusable(why) => {
                return Err(Problem::Off(format!("{} {why}", self.path.display())))
            }
        };
        let results: Vec<Applied> = self
            .pending
            .iter()
            .map(|c| apply(&mut data, attempts, c))
            .collect();
        if results.contains(&Applied::Changed) {
            let cannot = |e: &dyn std::fmt::Display| {
                Problem::Retry(format!(
                    "cannot save progress to {} ({e})",
                    self.path.display()
                ))
            };
            let text = serialize(&data).map_err(|e| cannot(&e))?;
            disk::write_atomically(target, &text).map_err(|e| cannot(&e))?;
        }
        for (c, r) in self.pending.iter().zip(&results) {
            mark_written(attempts, c, *r);
        }
        Ok(Merged {
            data,
            last: results.last().copied().unwrap_or(Applied::Same),
            warning,
        })
    }
}

/// What a read-modify-write cycle left.
struct Merged {
    data: ProgressData,
    /// How the newest change went.
    last: Applied,
    /// A corrupt file that was found and set aside.
    warning: Option<String>,
}

enum Problem {
    /// Saving cannot work this run (the file is something to leave alone).
    Off(String),
    /// This save failed; the next change tries again.
    Retry(String),
}

fn dropped_words() -> String {
    "the progress in this topic was reset meanwhile, so this attempt is no longer kept".into()
}

/// Applies one change to `data`.
fn apply(data: &mut ProgressData, attempts: &mut [OpenAttempt], change: &Change) -> Applied {
    fn add(list: &mut Vec<String>, item: &str) -> Applied {
        if list.iter().any(|s| s == item) {
            Applied::Same
        } else {
            list.push(item.to_owned());
            Applied::Changed
        }
    }
    match change {
        Change::PageRead { topic, slug } => add(
            &mut data.topics.entry(topic.clone()).or_default().pages_read,
            slug,
        ),
        Change::ScenarioCompleted { topic, name } => add(
            &mut data
                .topics
                .entry(topic.clone())
                .or_default()
                .scenarios_completed,
            name,
        ),
        Change::Reset { topic } => {
            if data.topics.remove(topic).is_some() {
                Applied::Changed
            } else {
                Applied::Same
            }
        }
        Change::Review {
            topic,
            key,
            rating,
            at,
        } => {
            let review = &mut data.topics.entry(topic.clone()).or_default().review;
            review.record(key, *rating, *at);
            Applied::Changed
        }
        Change::Activity { topic, try_, at } => {
            data.topics
                .entry(topic.clone())
                .or_default()
                .activities
                .entry(try_.kind.clone())
                .or_default()
                .entry(try_.item.clone())
                .or_default()
                .record(try_.score, try_.out_of, try_.done, at);
            Applied::Changed
        }
        Change::Sitting { topic, sitting } => {
            let review = &mut data.topics.entry(topic.clone()).or_default().review;
            if review.sittings.contains(sitting) {
                Applied::Same
            } else {
                review.sittings.push(sitting.clone());
                Applied::Changed
            }
        }
        Change::Attempt(i) => {
            let Some(open) = attempts.get_mut(*i) else {
                return Applied::Same;
            };
            if open.dropped {
                return Applied::Dropped;
            }
            let on_disk = data
                .topics
                .get_mut(&open.topic)
                .and_then(|t| t.attempts.iter_mut().find(|a| a.id == open.record.id));
            match on_disk {
                Some(a) if *a == open.record => Applied::Same,
                Some(a) => {
                    *a = open.record.clone();
                    Applied::Changed
                }
                None if open.written => {
                    open.dropped = true;
                    Applied::Dropped
                }
                None => {
                    data.topics
                        .entry(open.topic.clone())
                        .or_default()
                        .attempts
                        .push(open.record.clone());
                    Applied::Changed
                }
            }
        }
    }
}

/// Notes that an attempt is now in the file (or in memory, without one).
fn mark_written(attempts: &mut [OpenAttempt], change: &Change, applied: Applied) {
    if let (Change::Attempt(i), Applied::Changed | Applied::Same) = (change, applied) {
        if let Some(open) = attempts.get_mut(*i) {
            if !open.dropped {
                open.written = true;
            }
        }
    }
}

fn serialize(data: &ProgressData) -> Result<String, toml::ser::Error> {
    Ok(format!("{HEADER}{}", toml::to_string_pretty(data)?))
}

/// Writes `data` to `path` atomically (a temporary file in the same directory, flushed to disk,
/// then renamed over `path`), following a symbolic link at `path` to its target.
pub fn write_atomically(path: &Path, data: &ProgressData) -> std::io::Result<()> {
    let target = disk::resolve(path).map_err(std::io::Error::other)?;
    let text = serialize(data).map_err(std::io::Error::other)?;
    disk::write_atomically(&target, &text)
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
mod tests;
