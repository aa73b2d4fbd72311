//! Spaced review, with no terminal in it: which items a learner has met, when each is due
//! (scheduled with FSRS), the order a review session asks them in, and how an answer becomes
//! a rating. Also the virtual clock that tests move, and the cheat sheet's generator.
//!
//! Items are quiz questions, flashcards, explain-it prompts, predict checkpoints, exercises,
//! Parsons and blanks problems, each known by a key: `question:<quiz>/<id>`, `card:<id>`,
//! `explain:<id>`, `predict:<scenario>/<checkpoint>`, `exercise:<name>`, `order:<name>`,
//! `blanks:<name>`. A question enters review when it is first answered, a prompt when it is
//! first done, an exercise or problem at its first check, and a card when its page has been
//! read (new cards are introduced a few at a time).

pub mod cheatsheet;
pub mod clock;
pub mod schedule;
pub mod session;
mod stored;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use schedule::{rate_explain, rate_question, Rating};

/// The kinds of item review asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Card,
    Question,
    Explain,
    /// A predict checkpoint the learner has answered (`predict:<scenario>/<checkpoint>`).
    Predict,
    /// An exercise (fix the view) the learner has checked (`exercise:<name>`).
    Exercise,
    /// A Parsons problem the learner has checked (`order:<name>`).
    Order,
    /// A blanks problem the learner has checked (`blanks:<name>`).
    Blanks,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Card => "card",
            Kind::Question => "question",
            Kind::Explain => "explain",
            Kind::Predict => "predict",
            Kind::Exercise => "exercise",
            Kind::Order => "order",
            Kind::Blanks => "blanks",
        }
    }

    /// The kind of an activity's items by the activity's progress kind (`exercise`, `order`,
    /// `blanks`).
    pub fn of_drill(kind: &str) -> Option<Kind> {
        match kind {
            "exercise" => Some(Kind::Exercise),
            "order" => Some(Kind::Order),
            "blanks" => Some(Kind::Blanks),
            _ => None,
        }
    }
}

/// An item's key in the review state.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemKey {
    pub kind: Kind,
    /// `quiz/id` for a question; the id for a card or prompt.
    pub id: String,
}

impl ItemKey {
    pub fn card(id: &str) -> Self {
        ItemKey {
            kind: Kind::Card,
            id: id.to_owned(),
        }
    }

    pub fn question(quiz: &str, id: &str) -> Self {
        ItemKey {
            kind: Kind::Question,
            id: format!("{quiz}/{id}"),
        }
    }

    pub fn explain(id: &str) -> Self {
        ItemKey {
            kind: Kind::Explain,
            id: id.to_owned(),
        }
    }

    /// A predict checkpoint of a bundled scenario.
    pub fn predict(scenario: &str, checkpoint: &str) -> Self {
        ItemKey {
            kind: Kind::Predict,
            id: format!("{scenario}/{checkpoint}"),
        }
    }

    /// An exercise, Parsons or blanks problem, by its activity's kind (`exercise`, `order`,
    /// `blanks`) and its name.
    pub fn drill(kind: &str, name: &str) -> Option<Self> {
        Some(ItemKey {
            kind: Kind::of_drill(kind)?,
            id: name.to_owned(),
        })
    }

    /// `card:session-age`.
    pub fn as_string(&self) -> String {
        format!("{}:{}", self.kind.label(), self.id)
    }

    pub fn parse(text: &str) -> Option<ItemKey> {
        let (kind, id) = text.split_once(':')?;
        let kind = match kind {
            "card" => Kind::Card,
            "question" => Kind::Question,
            "explain" => Kind::Explain,
            "predict" => Kind::Predict,
            "exercise" => Kind::Exercise,
            "order" => Kind::Order,
            "blanks" => Kind::Blanks,
            _ => return None,
        };
        (!id.is_empty()).then(|| ItemKey {
            kind,
            id: id.to_owned(),
        })
    }
}

/// One item's schedule. Fields a newer version adds are kept in `other` (the progress file's
/// rule), so an older `learn` neither refuses nor drops them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemSchedule {
    /// When it is next due (seconds since the Unix epoch).
    pub due: i64,
    /// When it was last reviewed.
    pub last: i64,
    /// FSRS memory state: stability in days and difficulty (1–10).
    pub stability: f32,
    pub difficulty: f32,
    pub reviews: u32,
    /// Reviews rated Again.
    pub lapses: u32,
    /// The last rating given.
    pub last_rating: Rating,
    #[serde(flatten)]
    pub other: toml::Table,
}

/// One sitting of the bank-drawn test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestSitting {
    /// `pretest` (before the first page) or `post-test`.
    pub kind: SittingKind,
    /// When it started (seconds since the epoch, virtual clock).
    pub at: i64,
    pub seed: u64,
    /// The questions drawn, in order.
    pub questions: Vec<String>,
    pub correct: usize,
    pub answered: usize,
    #[serde(flatten)]
    pub other: toml::Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SittingKind {
    Pretest,
    PostTest,
}

/// A topic's review state, kept in the progress file. Every field defaults, so a file written
/// before review existed (or by a version with fewer fields) still loads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewState {
    /// Schedules by item key (`card:…`, `question:…`, `explain:…`).
    #[serde(default)]
    pub items: BTreeMap<String, ItemSchedule>,
    /// Sittings of the bank-drawn test, oldest first.
    #[serde(default)]
    pub sittings: Vec<TestSitting>,
    /// Fields this version does not know, kept as read.
    #[serde(flatten)]
    pub other: toml::Table,
}

impl ReviewState {
    /// Nothing recorded yet (the progress file then leaves the table out).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.sittings.is_empty() && self.other.is_empty()
    }

    pub fn get(&self, key: &ItemKey) -> Option<&ItemSchedule> {
        self.items.get(&key.as_string())
    }

    /// Records a review of `key` at `now` and returns its new schedule.
    pub fn record(&mut self, key: &ItemKey, rating: Rating, now: i64) -> &ItemSchedule {
        let next = schedule::next(self.get(key), rating, now);
        let k = key.as_string();
        self.items.insert(k.clone(), next);
        &self.items[&k]
    }

    /// Keys due at `now`, the most overdue first.
    pub fn due(&self, now: i64) -> Vec<(ItemKey, i64)> {
        let mut due: Vec<(ItemKey, i64)> = self
            .items
            .iter()
            .filter(|(_, s)| s.due <= now)
            .filter_map(|(k, s)| Some((ItemKey::parse(k)?, s.due)))
            .collect();
        due.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        due
    }

    /// The first pretest and the latest post-test, for "before and after".
    pub fn before_and_after(&self) -> (Option<&TestSitting>, Option<&TestSitting>) {
        let pre = self
            .sittings
            .iter()
            .find(|s| s.kind == SittingKind::Pretest);
        let post = self
            .sittings
            .iter()
            .rev()
            .find(|s| s.kind == SittingKind::PostTest);
        (pre, post)
    }

    /// The questions of the latest sitting (a retake avoids them).
    pub fn last_sitting_questions(&self) -> &[String] {
        self.sittings
            .last()
            .map(|s| s.questions.as_slice())
            .unwrap_or(&[])
    }
}

/// How many cards never seen before a review session brings in.
pub const NEW_CARDS_PER_SESSION: usize = 10;

/// An item a review session will ask, with what it needs to be ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub key: ItemKey,
    /// The page the item is about (for interleaving topics).
    pub page: String,
    /// Never reviewed before.
    pub new: bool,
}

/// What a review session would ask now: due items, then new cards from the pages read,
/// interleaved so that neither two items of the same kind nor two of the same page follow
/// each other when something else is left.
pub fn plan(
    state: &ReviewState,
    now: i64,
    page_of: impl Fn(&ItemKey) -> Option<String>,
    new_cards: &[(String, String)],
) -> Vec<Planned> {
    let mut items: Vec<Planned> = state
        .due(now)
        .into_iter()
        .filter_map(|(key, _)| {
            // An item whose content is gone (a removed question) is skipped.
            let page = page_of(&key)?;
            Some(Planned {
                key,
                page,
                new: false,
            })
        })
        .collect();
    items.extend(
        new_cards
            .iter()
            .filter(|(id, _)| state.get(&ItemKey::card(id)).is_none())
            .take(NEW_CARDS_PER_SESSION)
            .map(|(id, page)| Planned {
                key: ItemKey::card(id),
                page: page.clone(),
                new: true,
            }),
    );
    interleave(items)
}

/// Reorders items so that kinds and pages alternate where they can, keeping each kind's
/// own order (most overdue first).
pub fn interleave(items: Vec<Planned>) -> Vec<Planned> {
    let mut queues: BTreeMap<Kind, std::collections::VecDeque<Planned>> = BTreeMap::new();
    for item in items {
        queues.entry(item.key.kind).or_default().push_back(item);
    }
    let mut out: Vec<Planned> = Vec::new();
    while queues.values().any(|q| !q.is_empty()) {
        let last = out.last().cloned();
        // Candidates: the head of every non-empty queue. Prefer another kind than the last
        // item's, then the kind asked longest ago, then due items before new ones, then
        // another page, then the kind with the most left.
        let last_used = |kind: Kind| out.iter().rposition(|p| p.key.kind == kind);
        let pick = queues
            .iter()
            .filter(|(_, q)| !q.is_empty())
            .max_by_key(|(kind, q)| {
                let head = &q[0];
                let other_kind = last.as_ref().is_none_or(|l| l.key.kind != **kind);
                let other_page = last
                    .as_ref()
                    .is_none_or(|l| q.iter().any(|i| i.page != l.page));
                (
                    other_kind,
                    std::cmp::Reverse(last_used(**kind).map_or(-1, |i| i as i64)),
                    !head.new,
                    other_page,
                    q.len(),
                    std::cmp::Reverse(**kind),
                )
            })
            .map(|(k, _)| *k)
            .expect("a queue is non-empty");
        let queue = queues.get_mut(&pick).expect("picked from the map");
        // Within a kind, take the first item on another page than the last one, if any.
        let pos = last
            .as_ref()
            .and_then(|l| queue.iter().position(|i| i.page != l.page))
            .unwrap_or(0);
        let item = queue.remove(pos).expect("position is in range");
        out.push(item);
    }
    out
}

/// The schedule as scripts see it (`review --json`, `progress --json`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScheduleView {
    /// The (virtual) time, ISO 8601.
    pub now: String,
    pub due_now: usize,
    pub new_cards_waiting: usize,
    /// What a review session started now would ask, in order (item keys).
    pub next_session: Vec<String>,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemView {
    pub key: String,
    pub kind: Kind,
    pub due: String,
    pub is_due: bool,
    /// Rounded to three decimals.
    pub stability_days: f64,
    pub difficulty: f64,
    pub reviews: u32,
    pub lapses: u32,
    pub last_rating: Rating,
}

/// `0.21199999749660492` (an `f32` widened) → `0.212`.
fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

impl ScheduleView {
    pub fn of(state: &ReviewState, now: i64, new_cards_waiting: usize) -> ScheduleView {
        let mut items: Vec<ItemView> = state
            .items
            .iter()
            .filter_map(|(k, s)| {
                let key = ItemKey::parse(k)?;
                Some(ItemView {
                    key: k.clone(),
                    kind: key.kind,
                    due: clock::iso(s.due),
                    is_due: s.due <= now,
                    stability_days: round3(s.stability),
                    difficulty: round3(s.difficulty),
                    reviews: s.reviews,
                    lapses: s.lapses,
                    last_rating: s.last_rating,
                })
            })
            .collect();
        items.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.key.cmp(&b.key)));
        ScheduleView {
            now: clock::iso(now),
            due_now: items.iter().filter(|i| i.is_due).count(),
            new_cards_waiting: new_cards_waiting.min(NEW_CARDS_PER_SESSION),
            next_session: Vec::new(),
            items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    const T0: i64 = 1_796_000_000;

    #[test]
    fn keys_round_trip() {
        for k in [
            ItemKey::card("age"),
            ItemKey::question("test", "int-keys"),
            ItemKey::explain("why"),
        ] {
            assert_eq!(ItemKey::parse(&k.as_string()), Some(k));
        }
        assert_eq!(
            ItemKey::question("test", "x").as_string(),
            "question:test/x"
        );
        assert_eq!(ItemKey::parse("deck:x"), None);
        assert_eq!(ItemKey::parse("card:"), None);
    }

    #[test]
    fn a_card_answered_wrong_is_due_sooner_than_one_answered_right() {
        let mut state = ReviewState::default();
        let wrong = ItemKey::card("wrong");
        let right = ItemKey::card("right");
        state.record(&wrong, Rating::Again, T0);
        state.record(&right, Rating::Good, T0);
        assert!(state.get(&wrong).unwrap().due < state.get(&right).unwrap().due);
        // An hour later only the failed card is due; both are due a week later.
        let due: Vec<ItemKey> = state.due(T0 + 3600).into_iter().map(|d| d.0).collect();
        assert_eq!(due, std::slice::from_ref(&wrong));
        assert_eq!(state.due(T0 + 7 * DAY).len(), 2);
        // Answering both right again: the one that was always right gets the longer gap.
        let later = T0 + 7 * DAY;
        state.record(&wrong, Rating::Good, later);
        state.record(&right, Rating::Good, later);
        let gap = |k: &ItemKey| state.get(k).unwrap().due - later;
        assert!(
            gap(&right) > gap(&wrong),
            "{} vs {}",
            gap(&right),
            gap(&wrong)
        );
        assert_eq!(state.get(&wrong).unwrap().lapses, 1);
        assert_eq!(state.get(&right).unwrap().reviews, 2);
    }

    #[test]
    fn review_state_survives_a_round_trip_and_an_old_file() {
        let mut state = ReviewState::default();
        state.record(&ItemKey::question("test", "q"), Rating::Hard, T0);
        state.sittings.push(TestSitting {
            kind: SittingKind::Pretest,
            at: T0,
            seed: 3,
            questions: vec!["q".into()],
            correct: 0,
            answered: 1,
            other: Default::default(),
        });
        let text = toml::to_string(&state).unwrap();
        let back: ReviewState = toml::from_str(&text).unwrap();
        assert_eq!(back, state);
        let empty: ReviewState = toml::from_str("").unwrap();
        assert_eq!(empty, ReviewState::default());
    }

    #[test]
    fn review_state_lives_in_the_progress_file_and_an_older_file_still_loads() {
        use crate::progress::{ProgressData, TopicProgress};
        let old = "[topics.sessions]\npages_read = [\"syntax\"]\n";
        let data: ProgressData = toml::from_str(old).unwrap();
        assert!(data.topics["sessions"].review.is_empty());
        assert!(!toml::to_string(&data).unwrap().contains("review"));
        let mut t = TopicProgress::default();
        t.review
            .record(&ItemKey::card("default-age"), Rating::Good, T0);
        let mut data = ProgressData::default();
        data.topics.insert("sessions".into(), t);
        let text = toml::to_string(&data).unwrap();
        let back: ProgressData = toml::from_str(&text).unwrap();
        assert_eq!(back, data, "{text}");
    }

    fn planned(kind: Kind, id: &str, page: &str) -> Planned {
        Planned {
            key: ItemKey {
                kind,
                id: id.into(),
            },
            page: page.into(),
            new: false,
        }
    }

    #[test]
    fn interleaving_alternates_kinds_and_pages() {
        let items = vec![
            planned(Kind::Card, "c1", "syntax"),
            planned(Kind::Card, "c2", "syntax"),
            planned(Kind::Card, "c3", "expiry"),
            planned(Kind::Card, "c4", "expiry"),
            planned(Kind::Question, "q1", "syntax"),
            planned(Kind::Question, "q2", "engines"),
            planned(Kind::Explain, "e1", "syntax"),
        ];
        let out = interleave(items.clone());
        assert_eq!(out.len(), items.len());
        for item in &items {
            assert!(out.contains(item));
        }
        // No two neighbours share both kind and page.
        for pair in out.windows(2) {
            assert!(
                pair[0].key.kind != pair[1].key.kind || pair[0].page != pair[1].page,
                "{:?}",
                out.iter().map(|p| &p.key.id).collect::<Vec<_>>()
            );
        }
        // The first three items are three different kinds.
        let kinds: std::collections::HashSet<Kind> = out[..3].iter().map(|p| p.key.kind).collect();
        assert_eq!(kinds.len(), 3);
    }

    #[test]
    fn the_plan_brings_due_items_and_a_few_new_cards() {
        let mut state = ReviewState::default();
        state.record(&ItemKey::question("test", "a"), Rating::Again, T0);
        state.record(&ItemKey::card("known"), Rating::Easy, T0);
        let new: Vec<(String, String)> = (0..15)
            .map(|i| (format!("n{i}"), "syntax".to_string()))
            .chain(std::iter::once(("known".to_string(), "syntax".to_string())))
            .collect();
        let page_of = |_: &ItemKey| Some("syntax".to_string());
        let p = plan(&state, T0 + 3600, page_of, &new);
        assert_eq!(p.len(), 1 + NEW_CARDS_PER_SESSION);
        assert_eq!(p.iter().filter(|i| i.new).count(), NEW_CARDS_PER_SESSION);
        assert!(p.iter().all(|i| i.key.id != "known"));
        assert_eq!(
            p[0].key.kind,
            Kind::Question,
            "a due item of another kind comes first"
        );
        // A removed item is left out.
        let p = plan(&state, T0 + 3600, |_| None, &[]);
        assert!(p.is_empty());
    }

    #[test]
    fn the_json_view_lists_every_item_with_its_due_date() {
        let mut state = ReviewState::default();
        state.record(&ItemKey::card("a"), Rating::Again, T0);
        state.record(&ItemKey::card("b"), Rating::Good, T0);
        let view = ScheduleView::of(&state, T0 + 3600, 25);
        assert_eq!(view.due_now, 1);
        assert_eq!(view.new_cards_waiting, NEW_CARDS_PER_SESSION);
        assert_eq!(view.items[0].key, "card:a");
        assert!(view.items[0].is_due && !view.items[1].is_due);
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["items"][1]["last_rating"], "good");
    }
}
