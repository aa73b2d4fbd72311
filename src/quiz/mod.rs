//! Quiz logic with no terminal in it: ordering, shuffling, answering, scoring, attempts.
//!
//! A [`Session`] walks a quiz's questions in their authored order. Each question's options are
//! shuffled (reproducibly, from a seed) or kept in order, and lettered A, B, C… only for
//! display: the content and the records speak of option ids, never letters.

pub mod draw;

use crate::content::{Question, QuizOption};
use serde::{Deserialize, Serialize};

/// What a learner typed at a question, once understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// An option, by its display position (0-based).
    Choose(usize),
    Hint,
    Quit,
    /// Not understood; the message says what is expected.
    Invalid(String),
}

/// Reads a typed line: a letter (`b`), a number (`2`), `h` for a hint or `q` to leave.
pub fn parse_input(line: &str, option_count: usize) -> Input {
    let t = line.trim();
    let last_letter = (b'A' + option_count.saturating_sub(1) as u8) as char;
    let expected = format!(
        "type a letter A–{last_letter} or a number 1–{option_count}, h for a hint, or q to leave"
    );
    if t.is_empty() {
        return Input::Invalid(format!("Nothing typed: {expected}."));
    }
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "h" | "hint" | "?" => return Input::Hint,
        "q" | "quit" | "exit" => return Input::Quit,
        _ => {}
    }
    if lower.len() == 1 {
        let c = lower.as_bytes()[0];
        if c.is_ascii_lowercase() {
            let i = (c - b'a') as usize;
            if i < option_count {
                return Input::Choose(i);
            }
            return Input::Invalid(format!(
                "There is no option {}: {expected}.",
                t.to_ascii_uppercase()
            ));
        }
    }
    if let Ok(n) = t.parse::<usize>() {
        if (1..=option_count).contains(&n) {
            return Input::Choose(n - 1);
        }
        return Input::Invalid(format!("There is no option {n}: {expected}."));
    }
    Input::Invalid(format!("\"{t}\" is not an answer: {expected}."))
}

/// The letter shown for a display position.
pub fn letter(index: usize) -> char {
    (b'A' + index as u8) as char
}

/// One question as shown: the question and its options in display order.
#[derive(Debug, Clone)]
pub struct Presented<'a> {
    pub number: usize,
    pub total: usize,
    pub question: &'a Question,
    /// Indices into `question.options`, in display order.
    pub order: Vec<usize>,
    pub hints_shown: usize,
}

impl<'a> Presented<'a> {
    pub fn options(&self) -> impl Iterator<Item = (char, &'a QuizOption)> + '_ {
        self.order
            .iter()
            .enumerate()
            .map(|(pos, &i)| (letter(pos), &self.question.options[i]))
    }

    /// Display position of the right option.
    pub fn correct_position(&self) -> usize {
        self.order
            .iter()
            .position(|&i| self.question.options[i].id == self.question.answer)
            .unwrap_or(0)
    }

    /// The next hint, if any is left; counts it as shown.
    pub fn next_hint(&mut self) -> Option<(usize, &'a str)> {
        let hint = self.question.hints.get(self.hints_shown)?;
        self.hints_shown += 1;
        Some((self.hints_shown, hint.as_str()))
    }
}

/// The outcome of answering one question.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Answer {
    pub question: String,
    pub chosen: String,
    pub correct: bool,
    pub hints_used: usize,
}

/// A quiz in progress.
#[derive(Debug)]
pub struct Session<'a> {
    questions: &'a [Question],
    rng: fastrand::Rng,
    shuffle: bool,
    next: usize,
    pub answers: Vec<Answer>,
}

impl<'a> Session<'a> {
    pub fn new(questions: &'a [Question], seed: u64, shuffle: bool) -> Self {
        Session {
            questions,
            rng: fastrand::Rng::with_seed(seed),
            shuffle,
            next: 0,
            answers: Vec::new(),
        }
    }

    pub fn total(&self) -> usize {
        self.questions.len()
    }

    /// The next question to show, or `None` when all have been answered.
    pub fn next_question(&mut self) -> Option<Presented<'a>> {
        let question = self.questions.get(self.next)?;
        let mut order: Vec<usize> = (0..question.options.len()).collect();
        if self.shuffle {
            self.rng.shuffle(&mut order);
        }
        Some(Presented {
            number: self.next + 1,
            total: self.questions.len(),
            question,
            order,
            hints_shown: 0,
        })
    }

    /// Records the learner's choice (a display position) for the question shown.
    pub fn answer(&mut self, shown: &Presented<'a>, position: usize) -> Answer {
        let option = &shown.question.options[shown.order[position]];
        let answer = Answer {
            question: shown.question.id.clone(),
            chosen: option.id.clone(),
            correct: option.id == shown.question.answer,
            hints_used: shown.hints_shown,
        };
        self.answers.push(answer.clone());
        self.next += 1;
        answer
    }

    pub fn finished(&self) -> bool {
        self.next >= self.questions.len()
    }

    pub fn score(&self) -> Score {
        Score::of(&self.answers, self.questions.len())
    }

    /// Questions answered wrongly, with their takeaways, in quiz order.
    pub fn missed(&self) -> Vec<&'a Question> {
        self.answers
            .iter()
            .filter(|a| !a.correct)
            .filter_map(|a| self.questions.iter().find(|q| q.id == a.question))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub correct: usize,
    pub answered: usize,
    pub total: usize,
    pub hints_used: usize,
}

impl Score {
    pub fn of(answers: &[Answer], total: usize) -> Score {
        Score {
            correct: answers.iter().filter(|a| a.correct).count(),
            answered: answers.len(),
            total,
            // Saturating: a hand-edited progress file can hold any count.
            hints_used: answers
                .iter()
                .fold(0, |sum: usize, a| sum.saturating_add(a.hints_used)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load, Source};

    fn practice() -> Vec<Question> {
        let loaded = load(&Source::Embedded).unwrap();
        loaded.topics[0].quiz("practice").unwrap().questions.clone()
    }

    #[test]
    fn input_accepts_letters_numbers_and_commands() {
        assert_eq!(parse_input("b", 4), Input::Choose(1));
        assert_eq!(parse_input(" D \n", 4), Input::Choose(3));
        assert_eq!(parse_input("3", 4), Input::Choose(2));
        assert_eq!(parse_input("h", 4), Input::Hint);
        assert_eq!(parse_input("Q", 4), Input::Quit);
        assert!(matches!(parse_input("e", 4), Input::Invalid(m) if m.contains("no option E")));
        assert!(matches!(parse_input("5", 4), Input::Invalid(m) if m.contains("no option 5")));
        assert!(matches!(parse_input("maybe", 4), Input::Invalid(m) if m.contains("A–D")));
        assert!(matches!(parse_input("", 3), Input::Invalid(m) if m.contains("A–C")));
    }

    #[test]
    fn shuffling_keeps_the_right_answer_and_its_notes() {
        let questions = practice();
        for seed in 0..50 {
            let mut s = Session::new(&questions, seed, true);
            while let Some(shown) = s.next_question() {
                let mut ids: Vec<&str> = shown.options().map(|(_, o)| o.id.as_str()).collect();
                ids.sort();
                let mut authored: Vec<&str> = shown
                    .question
                    .options
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect();
                authored.sort();
                assert_eq!(ids, authored, "every option shown exactly once");
                let right = shown.correct_position();
                let (_, opt) = shown.options().nth(right).unwrap();
                assert_eq!(opt.id, shown.question.answer);
                assert!(opt.mistake.is_none());
                let a = s.answer(&shown, right);
                assert!(a.correct);
            }
            assert_eq!(s.score().correct, 5);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_order() {
        let questions = practice();
        let orders = |seed| {
            let mut s = Session::new(&questions, seed, true);
            let mut all = Vec::new();
            while let Some(shown) = s.next_question() {
                all.push(shown.order.clone());
                s.answer(&shown, 0);
            }
            all
        };
        assert_eq!(orders(7), orders(7));
        assert_ne!(orders(7), orders(8));
    }

    #[test]
    fn no_shuffle_keeps_the_authored_order_and_seed_answers_score_five() {
        let questions = practice();
        let mut s = Session::new(&questions, 1, false);
        for letter in ['d', 'a', 'b', 'a', 'c'] {
            let shown = s.next_question().unwrap();
            assert_eq!(
                shown.order,
                (0..shown.question.options.len()).collect::<Vec<_>>()
            );
            let Input::Choose(i) = parse_input(&letter.to_string(), shown.order.len()) else {
                panic!()
            };
            s.answer(&shown, i);
        }
        assert!(s.finished());
        assert_eq!(
            s.score(),
            Score {
                correct: 5,
                answered: 5,
                total: 5,
                hints_used: 0
            }
        );
        assert!(s.missed().is_empty());
    }

    #[test]
    fn wrong_answers_and_hints_are_counted() {
        let questions = practice();
        let mut s = Session::new(&questions, 1, false);
        let mut shown = s.next_question().unwrap();
        assert!(shown.next_hint().is_some());
        assert!(shown.next_hint().is_some());
        let a = s.answer(&shown, 0);
        assert!(!a.correct);
        assert_eq!(a.hints_used, 2);
        assert_eq!(s.score().hints_used, 2);
        assert_eq!(s.missed()[0].id, questions[0].id);
    }
}
