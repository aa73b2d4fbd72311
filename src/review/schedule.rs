//! FSRS scheduling (the `fsrs` crate, FSRS-6 with its default parameters) and the rules that
//! turn an answer into a rating.

use super::ItemSchedule;
use serde::{Deserialize, Serialize};

/// How well an item was remembered, as FSRS rates a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// Forgotten: shown again soon.
    Again,
    /// Remembered with effort.
    Hard,
    Good,
    /// Remembered at once.
    Easy,
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Rating::Again => "Again",
            Rating::Hard => "Hard",
            Rating::Good => "Good",
            Rating::Easy => "Easy",
        }
    }

    /// `1`–`4` or the word (any case) or its first letter.
    pub fn parse(text: &str) -> Option<Rating> {
        match text.trim().to_ascii_lowercase().as_str() {
            "1" | "a" | "again" => Some(Rating::Again),
            "2" | "h" | "hard" => Some(Rating::Hard),
            "3" | "g" | "good" => Some(Rating::Good),
            "4" | "e" | "easy" => Some(Rating::Easy),
            _ => None,
        }
    }
}

/// The probability of recall FSRS aims for when it sets the next date.
pub const DESIRED_RETENTION: f32 = 0.9;
/// A forgotten item comes back after this long (one relearning step), the same day.
pub const RELEARN_SECS: i64 = 10 * 60;
const DAY: i64 = 86_400;

/// A question: wrong is Again; right after a hint is Hard; right with no hint is Good.
/// (A question never rates Easy: picking from options is easier than recalling.)
pub fn rate_question(correct: bool, hints_used: usize) -> Rating {
    match (correct, hints_used) {
        (false, _) => Rating::Again,
        (true, 0) => Rating::Good,
        (true, _) => Rating::Hard,
    }
}

/// An explain-it prompt, by the checklist points the learner says they had: none or a
/// skipped prompt is Again, fewer than all is Hard, all is Good.
pub fn rate_explain(points_had: usize, points_total: usize) -> Rating {
    if points_had == 0 || points_total == 0 {
        Rating::Again
    } else if points_had < points_total {
        Rating::Hard
    } else {
        Rating::Good
    }
}

/// The schedule after a review at `now`. Again brings the item back after
/// [`RELEARN_SECS`]; the other ratings after FSRS's interval, rounded to whole days (at
/// least one).
pub fn next(previous: Option<&ItemSchedule>, rating: Rating, now: i64) -> ItemSchedule {
    let memory = previous.map(|p| fsrs::MemoryState {
        stability: p.stability,
        difficulty: p.difficulty,
    });
    let elapsed_days = previous
        .map(|p| ((now - p.last).max(0) / DAY) as u32)
        .unwrap_or(0);
    // The default parameters are always valid, and a stored state is clamped before use, so
    // these calls cannot fail; if they ever did, a fixed fallback keeps the course going.
    let state = fsrs::FSRS::new(&[]).ok().and_then(|f| {
        let next = f
            .next_states(memory.map(sanitize), DESIRED_RETENTION, elapsed_days)
            .ok()?;
        Some(match rating {
            Rating::Again => next.again,
            Rating::Hard => next.hard,
            Rating::Good => next.good,
            Rating::Easy => next.easy,
        })
    });
    let (stability, difficulty, interval_days) = match state {
        Some(s) => (s.memory.stability, s.memory.difficulty, s.interval),
        None => (1.0, 5.0, 1.0),
    };
    let due = match rating {
        Rating::Again => now + RELEARN_SECS,
        _ => now + (interval_days.round().max(1.0) as i64) * DAY,
    };
    ItemSchedule {
        due,
        last: now,
        stability,
        difficulty,
        reviews: previous.map_or(0, |p| p.reviews) + 1,
        lapses: previous.map_or(0, |p| p.lapses) + u32::from(rating == Rating::Again),
        last_rating: rating,
        // What a newer version stored with the item is carried forward.
        other: previous.map(|p| p.other.clone()).unwrap_or_default(),
    }
}

/// A state read from a hand-edited file may be out of range; FSRS wants stability > 0 and
/// difficulty in 1..=10.
fn sanitize(m: fsrs::MemoryState) -> fsrs::MemoryState {
    let finite = |x: f32, d: f32| if x.is_finite() { x } else { d };
    fsrs::MemoryState {
        stability: finite(m.stability, 1.0).clamp(0.001, 36_500.0),
        difficulty: finite(m.difficulty, 5.0).clamp(1.0, 10.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_796_000_000;

    #[test]
    fn ratings_from_answers() {
        assert_eq!(rate_question(false, 0), Rating::Again);
        assert_eq!(rate_question(false, 2), Rating::Again);
        assert_eq!(rate_question(true, 0), Rating::Good);
        assert_eq!(rate_question(true, 1), Rating::Hard);
        assert_eq!(rate_explain(0, 3), Rating::Again);
        assert_eq!(rate_explain(2, 3), Rating::Hard);
        assert_eq!(rate_explain(3, 3), Rating::Good);
        assert_eq!(rate_explain(0, 0), Rating::Again);
    }

    #[test]
    fn ratings_parse_from_words_letters_and_numbers() {
        assert_eq!(Rating::parse("1"), Some(Rating::Again));
        assert_eq!(Rating::parse(" Hard "), Some(Rating::Hard));
        assert_eq!(Rating::parse("g"), Some(Rating::Good));
        assert_eq!(Rating::parse("EASY"), Some(Rating::Easy));
        assert_eq!(Rating::parse("5"), None);
    }

    #[test]
    fn first_reviews_follow_fsrs_defaults() {
        let good = next(None, Rating::Good, T0);
        // FSRS-6's default initial stability for Good is about 2.3 days.
        assert!((good.stability - 2.3065).abs() < 0.01, "{}", good.stability);
        assert_eq!(good.due, T0 + 2 * 86_400);
        let easy = next(None, Rating::Easy, T0);
        assert_eq!(easy.due, T0 + 8 * 86_400);
        let again = next(None, Rating::Again, T0);
        assert_eq!(again.due, T0 + RELEARN_SECS);
        assert_eq!(again.lapses, 1);
        let hard = next(None, Rating::Hard, T0);
        assert!(again.due < hard.due && hard.due <= good.due && good.due < easy.due);
    }

    #[test]
    fn intervals_grow_with_each_good_review_on_time() {
        let mut s = next(None, Rating::Good, T0);
        let mut gap = s.due - T0;
        for _ in 0..4 {
            let now = s.due;
            s = next(Some(&s), Rating::Good, now);
            assert!(s.due - now > gap, "{} after {}", s.due - now, gap);
            gap = s.due - now;
        }
        assert_eq!(s.reviews, 5);
    }

    #[test]
    fn a_broken_stored_state_is_clamped_not_fatal() {
        let mut s = next(None, Rating::Good, T0);
        s.stability = f32::NAN;
        s.difficulty = 99.0;
        let after = next(Some(&s), Rating::Good, T0 + 5 * 86_400);
        assert!(after.stability.is_finite() && after.due > T0 + 5 * 86_400);
    }
}
