//! Drawing a sitting of a test from its question bank: so many easy, medium and hard
//! questions, about the pages the learner has read, spread over as many of those pages as
//! possible, avoiding the questions of the last sitting when the bank allows, and the same for
//! the same seed.

use crate::content::{Difficulty, DrawSpec, Question};
use std::collections::HashSet;

/// What a draw takes into account besides the bank.
#[derive(Debug, Clone, Copy, Default)]
pub struct DrawContext<'a> {
    /// Slugs of the pages read. Empty (a pretest): every question is about what is to come.
    pub pages_read: &'a [String],
    /// Ids of questions to use only when nothing else fits (the last sitting's).
    pub recent: &'a [String],
}

/// Draws a sitting: easy questions first, then medium, then hard. When the bank holds fewer
/// questions of a difficulty than asked, all of them are taken.
pub fn draw(
    questions: &[Question],
    spec: DrawSpec,
    ctx: DrawContext<'_>,
    seed: u64,
) -> Vec<Question> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let read: HashSet<&str> = ctx.pages_read.iter().map(String::as_str).collect();
    let recent: HashSet<&str> = ctx.recent.iter().map(String::as_str).collect();
    // A question is "about what was read" when every page it is tagged with was read.
    let about_read = |q: &Question| {
        read.is_empty()
            || (!q.pages.is_empty() && q.pages.iter().all(|p| read.contains(p.as_str())))
    };
    let mut covered: HashSet<&str> = HashSet::new();
    let mut chosen: Vec<Vec<&Question>> = vec![Vec::new(); 3];
    // Hard questions are the fewest, so they choose their pages first.
    for (slot, d) in [
        (2, Difficulty::Hard),
        (1, Difficulty::Medium),
        (0, Difficulty::Easy),
    ] {
        let mut pool: Vec<&Question> = questions.iter().filter(|q| q.difficulty == d).collect();
        rng.shuffle(&mut pool);
        for _ in 0..spec.count(d) {
            // Rank: about what was read, not in the last sitting, most pages not yet covered;
            // ties keep the shuffled order.
            let best = pool
                .iter()
                .enumerate()
                .max_by_key(|(i, q)| {
                    let new_pages = q
                        .pages
                        .iter()
                        .filter(|p| !covered.contains(p.as_str()))
                        .count();
                    (
                        about_read(q),
                        !recent.contains(q.id.as_str()),
                        new_pages.min(1),
                        std::cmp::Reverse(*i),
                    )
                })
                .map(|(i, _)| i);
            let Some(i) = best else { break };
            let q = pool.remove(i);
            covered.extend(q.pages.iter().map(String::as_str));
            chosen[slot].push(q);
        }
    }
    chosen.into_iter().flatten().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load, Source};

    fn bank() -> (Vec<Question>, DrawSpec) {
        let loaded = load(&Source::Embedded).unwrap();
        let quiz = loaded.topics[0].quiz("test").unwrap().clone();
        (
            quiz.questions,
            quiz.draw.expect("the test draws from a bank"),
        )
    }

    fn ids(qs: &[Question]) -> Vec<&str> {
        qs.iter().map(|q| q.id.as_str()).collect()
    }

    #[test]
    fn the_bank_is_big_enough_and_every_question_is_tagged() {
        let (questions, spec) = bank();
        assert!(questions.len() >= 40, "{}", questions.len());
        assert_eq!((spec.easy, spec.medium, spec.hard), (3, 4, 3));
        for q in &questions {
            assert!(!q.pages.is_empty(), "{} has no page tag", q.id);
        }
        for d in [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard] {
            let n = questions.iter().filter(|q| q.difficulty == d).count();
            assert!(n >= 2 * spec.count(d), "{n} {} questions", d.label());
        }
    }

    #[test]
    fn a_sitting_is_three_easy_four_medium_three_hard_in_that_order() {
        let (questions, spec) = bank();
        for seed in 0..20 {
            let s = draw(&questions, spec, DrawContext::default(), seed);
            let d: Vec<Difficulty> = s.iter().map(|q| q.difficulty).collect();
            use Difficulty::*;
            assert_eq!(
                d,
                [Easy, Easy, Easy, Medium, Medium, Medium, Medium, Hard, Hard, Hard]
            );
            let unique: HashSet<&str> = ids(&s).into_iter().collect();
            assert_eq!(unique.len(), 10);
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_and_another_seed_differs() {
        let (questions, spec) = bank();
        let a = draw(&questions, spec, DrawContext::default(), 5);
        let b = draw(&questions, spec, DrawContext::default(), 5);
        let c = draw(&questions, spec, DrawContext::default(), 6);
        assert_eq!(ids(&a), ids(&b));
        assert_ne!(ids(&a), ids(&c));
    }

    #[test]
    fn a_retake_avoids_the_last_sitting() {
        let (questions, spec) = bank();
        let first = draw(&questions, spec, DrawContext::default(), 1);
        let recent: Vec<String> = first.iter().map(|q| q.id.clone()).collect();
        let ctx = DrawContext {
            pages_read: &[],
            recent: &recent,
        };
        let second = draw(&questions, spec, ctx, 1);
        let overlap = second.iter().filter(|q| recent.contains(&q.id)).count();
        assert_eq!(overlap, 0, "{:?} after {:?}", ids(&second), recent);
    }

    #[test]
    fn questions_come_from_the_pages_read_and_spread_over_them() {
        let (questions, spec) = bank();
        let read: Vec<String> = ["syntax", "one-request", "when-saved", "cookie-and-expiry"]
            .map(String::from)
            .to_vec();
        let ctx = DrawContext {
            pages_read: &read,
            recent: &[],
        };
        let s = draw(&questions, spec, ctx, 3);
        let mut pages_hit = HashSet::new();
        for q in &s {
            let fits = q.pages.iter().all(|p| read.contains(p));
            let any_fit_left = questions.iter().any(|o| {
                o.difficulty == q.difficulty
                    && !s.iter().any(|t| t.id == o.id)
                    && o.pages.iter().all(|p| read.contains(p))
            });
            assert!(fits || !any_fit_left, "{} is about an unread page", q.id);
            pages_hit.extend(q.pages.iter().filter(|p| read.contains(p)).cloned());
        }
        assert!(pages_hit.len() >= 3, "{pages_hit:?}");
    }

    #[test]
    fn a_small_bank_gives_what_it_has() {
        let (questions, _) = bank();
        let spec = DrawSpec {
            easy: 100,
            medium: 0,
            hard: 0,
        };
        let s = draw(&questions, spec, DrawContext::default(), 0);
        let easy = questions
            .iter()
            .filter(|q| q.difficulty == Difficulty::Easy)
            .count();
        assert_eq!(s.len(), easy);
    }
}
