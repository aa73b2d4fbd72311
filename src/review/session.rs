//! What a review session asks, resolved against the course: the item behind each key, the
//! page it is about, the new cards a learner's reading has unlocked, and how quiz answers and
//! explain-it checklists enter the schedule.

use super::{plan, ItemKey, Kind, Planned, Rating, ReviewState, SittingKind};
use crate::content::{Card, Drill, ExplainPrompt, Question, Quiz, ScenarioSource, Topic};
use crate::quiz::Answer;

/// The content behind a review item.
#[derive(Debug, Clone, Copy)]
pub enum Ask<'a> {
    Card(&'a Card),
    Question {
        quiz: &'a Quiz,
        question: &'a Question,
    },
    Explain(&'a ExplainPrompt),
    /// A predict checkpoint of this scenario (the key's id after the `/` names it; the
    /// checkpoint is made again by running the scenario when it is asked).
    Predict {
        scenario: &'a ScenarioSource,
    },
    /// An exercise, Parsons or blanks problem: asked again (an exercise as a short check of
    /// what was wrong and how it is fixed).
    Drill(&'a Drill),
}

/// The item a key names, if the course still has it.
pub fn resolve<'a>(topic: &'a Topic, key: &ItemKey) -> Option<Ask<'a>> {
    match key.kind {
        Kind::Card => topic.study.card(&key.id).map(Ask::Card),
        Kind::Explain => topic.study.prompt(&key.id).map(Ask::Explain),
        Kind::Question => {
            let (quiz_name, id) = key.id.split_once('/')?;
            let quiz = topic.quiz(quiz_name)?;
            let question = quiz.questions.iter().find(|q| q.id == id)?;
            Some(Ask::Question { quiz, question })
        }
        Kind::Predict => {
            let (name, checkpoint) = key.id.split_once('/')?;
            let scenario = topic.scenario(name)?;
            (!checkpoint.is_empty()).then_some(Ask::Predict { scenario })
        }
        Kind::Exercise | Kind::Order | Kind::Blanks => {
            topic.drill(key.kind.label(), &key.id).map(Ask::Drill)
        }
    }
}

/// The page an item is about (a question's first tag; empty when untagged), or `None` when
/// the item is gone from the course.
pub fn page_of(topic: &Topic, key: &ItemKey) -> Option<String> {
    Some(match resolve(topic, key)? {
        Ask::Card(c) => c.page.clone(),
        Ask::Explain(p) => p.page.clone(),
        Ask::Question { question, .. } => question.pages.first().cloned().unwrap_or_default(),
        // Scenarios belong to no one page.
        Ask::Predict { .. } => String::new(),
        Ask::Drill(d) => d.page.clone(),
    })
}

/// Cards of the pages read, in page order then file order, as `(id, page)`.
pub fn unlocked_cards(topic: &Topic, pages_read: &[String]) -> Vec<(String, String)> {
    let mut cards: Vec<(usize, usize, &Card)> = topic
        .study
        .cards
        .iter()
        .enumerate()
        .filter(|(_, c)| pages_read.contains(&c.page))
        .map(|(i, c)| {
            let page = topic
                .pages
                .iter()
                .position(|p| p.slug == c.page)
                .unwrap_or(usize::MAX);
            (page, i, c)
        })
        .collect();
    cards.sort_by_key(|(page, i, _)| (*page, *i));
    cards
        .into_iter()
        .map(|(_, _, c)| (c.id.clone(), c.page.clone()))
        .collect()
}

/// What a review session asks now, in order.
pub fn plan_for(
    topic: &Topic,
    state: &ReviewState,
    pages_read: &[String],
    now: i64,
) -> Vec<Planned> {
    let cards = unlocked_cards(topic, pages_read);
    plan(state, now, |k| page_of(topic, k), &cards)
}

/// How many items are due now, and how many new cards are waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DueCount {
    pub due: usize,
    pub new_cards: usize,
}

pub fn due_count(topic: &Topic, state: &ReviewState, pages_read: &[String], now: i64) -> DueCount {
    let p = plan_for(topic, state, pages_read, now);
    let new_cards = p.iter().filter(|i| i.new).count();
    DueCount {
        due: p.len() - new_cards,
        new_cards,
    }
}

/// Enters a quiz's answers into review, each rated by correctness and hints used. Answering a
/// question that is already scheduled counts as a review of it.
pub fn record_answers(state: &mut ReviewState, quiz: &str, answers: &[Answer], now: i64) {
    for (key, rating) in answer_reviews(quiz, answers) {
        state.record(&key, rating, now);
    }
}

/// Enters an explain-it prompt, rated by the checklist points the learner had.
pub fn record_explain(
    state: &mut ReviewState,
    prompt: &ExplainPrompt,
    points_had: usize,
    now: i64,
) -> Rating {
    let rating = super::rate_explain(points_had, prompt.points.len());
    state.record(&ItemKey::explain(&prompt.id), rating, now);
    rating
}

/// The review an exercise, Parsons or blanks check enters: the first check of an item the
/// learner has not met in review yet, rated Good when it passes and Again when not. Later
/// checks outside a review session are practice and leave the schedule alone (a review
/// session rates its own asking).
pub fn first_check(
    state: &ReviewState,
    kind: &str,
    name: &str,
    passed: bool,
) -> Option<(ItemKey, Rating)> {
    let key = ItemKey::drill(kind, name)?;
    if state.get(&key).is_some() {
        return None;
    }
    Some((key, if passed { Rating::Good } else { Rating::Again }))
}

/// A test taken before any page is read is the pretest; afterwards, a post-test.
pub fn sitting_kind(pages_read: &[String]) -> SittingKind {
    if pages_read.is_empty() {
        SittingKind::Pretest
    } else {
        SittingKind::PostTest
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load, Source};

    const DAY: i64 = 86_400;
    const T0: i64 = 1_796_000_000;

    fn topic() -> Topic {
        load(&Source::Embedded)
            .unwrap()
            .topics
            .into_iter()
            .find(|t| t.slug == "sessions")
            .unwrap()
    }

    #[test]
    fn every_key_kind_resolves_and_a_removed_item_does_not() {
        let t = topic();
        let card = &t.study.cards[0];
        assert!(
            matches!(resolve(&t, &ItemKey::card(&card.id)), Some(Ask::Card(c)) if c.id == card.id)
        );
        let q = &t.quiz("test").unwrap().questions[0];
        let key = ItemKey::question("test", &q.id);
        assert!(
            matches!(resolve(&t, &key), Some(Ask::Question { question, .. }) if question.id == q.id)
        );
        assert_eq!(page_of(&t, &key), q.pages.first().cloned());
        let p = &t.study.prompts[0];
        assert_eq!(page_of(&t, &ItemKey::explain(&p.id)), Some(p.page.clone()));
        assert!(resolve(&t, &ItemKey::card("no-such-card")).is_none());
        assert!(resolve(&t, &ItemKey::question("test", "gone")).is_none());
        assert!(resolve(&t, &ItemKey::question("nope", "x")).is_none());
    }

    #[test]
    fn reading_pages_unlocks_their_cards_only() {
        let t = topic();
        assert!(unlocked_cards(&t, &[]).is_empty());
        let read = vec!["syntax".to_string()];
        let cards = unlocked_cards(&t, &read);
        assert!(!cards.is_empty());
        assert!(cards.iter().all(|(_, page)| page == "syntax"));
    }

    #[test]
    fn a_simulated_week_of_review() {
        let t = topic();
        let mut state = ReviewState::default();
        let read: Vec<String> = ["syntax", "when-saved"].map(String::from).to_vec();
        // Day 0: a quiz answer wrong, one right with a hint, then the first review session.
        let answers = [
            Answer {
                question: "nested-mutation".into(),
                chosen: "dark".into(),
                correct: false,
                hints_used: 0,
            },
            Answer {
                question: "del-missing-key".into(),
                chosen: "key-error".into(),
                correct: true,
                hints_used: 1,
            },
        ];
        record_answers(&mut state, "test", &answers, T0);
        let first = plan_for(&t, &state, &read, T0);
        assert_eq!(
            first.iter().filter(|p| p.new).count(),
            super::super::NEW_CARDS_PER_SESSION
        );
        assert!(
            first.iter().all(|p| p.key.kind == Kind::Card),
            "nothing else is due yet"
        );
        for p in &first {
            state.record(&p.key, Rating::Good, T0);
        }
        // Ten minutes later the wrong answer is due again, and only it.
        let later = plan_for(&t, &state, &read, T0 + 11 * 60);
        let due: Vec<&Planned> = later.iter().filter(|p| !p.new).collect();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].key, ItemKey::question("test", "nested-mutation"));
        // Three days on, the cards rated Good and the hinted answer are due, mixed with new cards.
        let c = due_count(&t, &state, &read, T0 + 3 * DAY);
        assert!(c.due >= 11, "{c:?}");
        let mixed = plan_for(&t, &state, &read, T0 + 3 * DAY);
        assert_ne!(mixed[0].key.kind, mixed[1].key.kind);
    }

    #[test]
    fn explain_checklists_rate_the_prompt() {
        let t = topic();
        let p = &t.study.prompts[0];
        let mut state = ReviewState::default();
        assert_eq!(
            record_explain(&mut state, p, p.points.len(), T0),
            Rating::Good
        );
        assert_eq!(record_explain(&mut state, p, 0, T0 + DAY), Rating::Again);
        assert_eq!(state.get(&ItemKey::explain(&p.id)).unwrap().lapses, 1);
    }

    #[test]
    fn the_first_sitting_before_reading_is_the_pretest() {
        assert_eq!(sitting_kind(&[]), SittingKind::Pretest);
        assert_eq!(sitting_kind(&["syntax".into()]), SittingKind::PostTest);
    }
}

/// The schedule as scripts see it, with what a session started now would ask.
pub fn schedule(
    topic: &Topic,
    state: &ReviewState,
    pages_read: &[String],
    now: i64,
) -> super::ScheduleView {
    let plan = plan_for(topic, state, pages_read, now);
    let new_cards = plan.iter().filter(|p| p.new).count();
    let mut view = super::ScheduleView::of(state, now, new_cards);
    view.next_session = plan.iter().map(|p| p.key.as_string()).collect();
    view
}

/// What the learner did with one review item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A flashcard, rated by the learner after revealing the back.
    Rated(Rating),
    /// A question, answered.
    Answered { correct: bool, hints_used: usize },
    /// An explain-it prompt: how many checklist points the learner had (0 when skipped).
    Explained { points_had: usize },
}

/// A review session in progress: the plan made at the start, walked in order. Items rated
/// Again come back on a later session (ten minutes on), not in this one.
#[derive(Debug, Clone)]
pub struct ReviewRun {
    items: Vec<Planned>,
    next: usize,
    now: i64,
    pub reviewed: Vec<(ItemKey, Rating)>,
}

impl ReviewRun {
    pub fn start(topic: &Topic, state: &ReviewState, pages_read: &[String], now: i64) -> Self {
        ReviewRun {
            items: plan_for(topic, state, pages_read, now),
            next: 0,
            now,
            reviewed: Vec::new(),
        }
    }

    pub fn total(&self) -> usize {
        self.items.len()
    }

    /// The next item to ask (1-based position and the item), or `None` when done.
    pub fn current(&self) -> Option<(usize, &Planned)> {
        self.items.get(self.next).map(|p| (self.next + 1, p))
    }

    /// Rates the current item's outcome and moves on. Returns the review to record (the key,
    /// its rating and the session's time), for `ReviewState::record` or
    /// `Progress::record_review`; `None` when the run is over.
    pub fn answer(&mut self, topic: &Topic, outcome: Outcome) -> Option<(ItemKey, Rating, i64)> {
        let item = self.items.get(self.next)?.clone();
        let rating = match outcome {
            Outcome::Rated(r) => r,
            Outcome::Answered {
                correct,
                hints_used,
            } => super::rate_question(correct, hints_used),
            Outcome::Explained { points_had } => {
                let total = match resolve(topic, &item.key) {
                    Some(Ask::Explain(p)) => p.points.len(),
                    _ => 0,
                };
                super::rate_explain(points_had, total)
            }
        };
        self.reviewed.push((item.key.clone(), rating));
        self.next += 1;
        Some((item.key, rating, self.now))
    }

    /// The time the run uses for every review.
    pub fn now(&self) -> i64 {
        self.now
    }

    pub fn finished(&self) -> bool {
        self.next >= self.items.len()
    }
}

/// Draws a sitting of the bank-drawn test for this learner: a pretest before any reading, a
/// post-test after, avoiding the last sitting's questions.
pub fn draw_sitting(
    quiz: &Quiz,
    state: &ReviewState,
    pages_read: &[String],
    seed: u64,
) -> (SittingKind, Vec<Question>) {
    let kind = sitting_kind(pages_read);
    let questions = match quiz.draw {
        Some(spec) => crate::quiz::draw::draw(
            &quiz.questions,
            spec,
            crate::quiz::draw::DrawContext {
                pages_read,
                recent: state.last_sitting_questions(),
            },
            seed,
        ),
        None => quiz.questions.clone(),
    };
    (kind, questions)
}

/// The record of a sitting (to store with `Progress::record_sitting`).
pub fn sitting(
    kind: SittingKind,
    seed: u64,
    questions: &[Question],
    answers: &[Answer],
    now: i64,
) -> super::TestSitting {
    super::TestSitting {
        kind,
        at: now,
        seed,
        questions: questions.iter().map(|q| q.id.clone()).collect(),
        correct: answers.iter().filter(|a| a.correct).count(),
        answered: answers.len(),
        other: Default::default(),
    }
}

/// The reviews a quiz's answers amount to, each rated by correctness and hints used.
pub fn answer_reviews(quiz: &str, answers: &[Answer]) -> Vec<(ItemKey, Rating)> {
    answers
        .iter()
        .map(|a| {
            (
                ItemKey::question(quiz, &a.question),
                super::rate_question(a.correct, a.hints_used),
            )
        })
        .collect()
}

/// Records a finished (or left) sitting in `state`, and enters its answers into review.
pub fn record_sitting(
    state: &mut ReviewState,
    quiz: &str,
    kind: SittingKind,
    seed: u64,
    questions: &[Question],
    answers: &[Answer],
    now: i64,
) {
    state
        .sittings
        .push(sitting(kind, seed, questions, answers, now));
    record_answers(state, quiz, answers, now);
}

#[cfg(test)]
mod run_tests {
    use super::*;
    use crate::content::{load, Source};

    const T0: i64 = 1_796_000_000;

    fn topic() -> Topic {
        load(&Source::Embedded)
            .unwrap()
            .topics
            .into_iter()
            .find(|t| t.slug == "sessions")
            .unwrap()
    }

    #[test]
    fn a_run_walks_its_plan_and_records_each_outcome() {
        let t = topic();
        let mut state = ReviewState::default();
        let p = &t.study.prompts[0];
        record_explain(&mut state, p, 0, T0);
        let read = vec!["syntax".to_string()];
        let mut run = ReviewRun::start(&t, &state, &read, T0 + 3600);
        assert!(run.total() >= 2);
        while let Some((_, item)) = run.current() {
            let outcome = match item.key.kind {
                Kind::Card => Outcome::Rated(Rating::Easy),
                Kind::Explain => Outcome::Explained {
                    points_had: p.points.len(),
                },
                Kind::Question | Kind::Predict | Kind::Exercise | Kind::Order | Kind::Blanks => {
                    Outcome::Answered {
                        correct: true,
                        hints_used: 0,
                    }
                }
            };
            let (key, rating, at) = run.answer(&t, outcome).unwrap();
            state.record(&key, rating, at);
        }
        assert!(run.finished());
        assert!(run.answer(&t, Outcome::Rated(Rating::Good)).is_none());
        assert!(run
            .reviewed
            .contains(&(ItemKey::explain(&p.id), Rating::Good)));
        // Nothing is due right after.
        assert_eq!(ReviewRun::start(&t, &state, &read, T0 + 3601).total(), 0);
    }

    #[test]
    fn sittings_are_recorded_and_a_retake_draws_other_questions() {
        let t = topic();
        let quiz = t.quiz("test").unwrap();
        let mut state = ReviewState::default();
        let (kind, first) = draw_sitting(quiz, &state, &[], 9);
        assert_eq!(kind, SittingKind::Pretest);
        assert_eq!(first.len(), 10);
        let answers: Vec<Answer> = first
            .iter()
            .map(|q| Answer {
                question: q.id.clone(),
                chosen: q.answer.clone(),
                correct: true,
                hints_used: 0,
            })
            .collect();
        record_sitting(&mut state, "test", kind, 9, &first, &answers[..4], T0);
        let read: Vec<String> = t.pages.iter().map(|p| p.slug.clone()).collect();
        let (kind, second) = draw_sitting(quiz, &state, &read, 9);
        assert_eq!(kind, SittingKind::PostTest);
        assert!(second.iter().all(|q| !first.iter().any(|f| f.id == q.id)));
        let (pre, post) = state.before_and_after();
        assert_eq!(pre.map(|s| (s.correct, s.answered)), Some((4, 4)));
        assert!(post.is_none());
        assert_eq!(state.items.len(), 4, "answered questions enter review");
    }
}
