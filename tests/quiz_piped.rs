//! The whole practice quiz driven through a pipe, as a script or a screen reader would.

mod common;
use common::*;

/// Content text as plain output shows it: without colour, inline code loses its backticks.
fn as_shown(text: &str) -> String {
    if text.matches('`').count() % 2 == 0 {
        text.replace('`', "")
    } else {
        text.to_owned()
    }
}

#[test]
fn the_seed_answers_score_five_of_five() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .write_stdin("d\na\nb\na\nc\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("Score: 5/5 (100%)"), "{text}");
    assert_eq!(text.matches("✓ Correct").count(), 5);
    assert!(!text.contains("✗"));
    assert!(!text.contains('\x1b'), "no escape codes when piped");
    assert!(text.contains("Question 3 of 5 · medium"));
}

#[test]
fn wrong_letters_score_zero_and_show_each_chosen_options_note() {
    let quiz = practice();
    // In authored order, the first wrong option of each question.
    let mut letters = String::new();
    let mut notes = Vec::new();
    for q in &quiz.questions {
        let (i, wrong) = q
            .options
            .iter()
            .enumerate()
            .find(|(_, o)| o.id != q.answer)
            .unwrap();
        letters.push((b'a' + i as u8) as char);
        letters.push('\n');
        notes.push(wrong.mistake.clone().unwrap());
    }
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .write_stdin(letters)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("Score: 0/5 (0%)"), "{text}");
    assert_eq!(text.matches("✗ Not right").count(), 5);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for note in notes {
        let first_words: String = as_shown(&note)
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(&first_words), "missing note {first_words:?}");
    }
    // Every missed question's takeaway is listed at the end.
    for q in &quiz.questions {
        let words: String = as_shown(&q.takeaway)
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(&words));
    }
}

#[test]
fn every_wrong_option_shows_its_own_note() {
    let quiz = practice();
    for q in &quiz.questions {
        for (i, option) in q.options.iter().enumerate() {
            let Some(note) = &option.mistake else {
                continue;
            };
            // Answer this question with option i, the others right.
            let mut input = String::new();
            for other in &quiz.questions {
                let pos = if other.id == q.id {
                    i
                } else {
                    other
                        .options
                        .iter()
                        .position(|o| o.id == other.answer)
                        .unwrap()
                };
                input.push((b'a' + pos as u8) as char);
                input.push('\n');
            }
            let sb = Sandbox::new();
            let out = sb
                .learn(&["sessions", "quiz", "--no-shuffle"])
                .write_stdin(input)
                .output()
                .unwrap();
            let flat = stdout_of(&out)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let note_flat = as_shown(note)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                flat.contains(&note_flat),
                "{}: note for {} not shown",
                q.id,
                option.id
            );
            assert!(flat.contains("Score: 4/5"));
        }
    }
}

#[test]
fn shuffled_with_a_seed_is_reproducible_and_still_right() {
    let sb = Sandbox::new();
    let run = || {
        sb.learn(&["sessions", "quiz", "--seed", "42"])
            .write_stdin("")
            .output()
            .unwrap()
    };
    let a = stdout_of(&run());
    let b = stdout_of(&run());
    assert_eq!(a, b);

    // Answer by finding the right option's letter on screen.
    let quiz = practice();
    let mut answers = String::new();
    let mut transcript = String::new();
    for q in &quiz.questions {
        let out = sb
            .learn(&["sessions", "quiz", "--seed", "42", "--json"])
            .write_stdin(answers.clone())
            .output()
            .unwrap();
        // With --json the transcript is on stderr and only the JSON on stdout.
        transcript = transcript_and_json(&out);
        let right = q.correct_option().unwrap();
        let block = transcript
            .rsplit(&format!("Question {} of 5", answers.lines().count() + 1))
            .next()
            .unwrap();
        let line = block
            .lines()
            .find(|l| {
                l.trim_start().get(3..).is_some_and(|t| {
                    t.starts_with(right.text.get(..20.min(right.text.len())).unwrap())
                })
            })
            .unwrap_or_else(|| panic!("right option not shown for {}", q.id));
        let letter = line.trim_start().chars().next().unwrap();
        answers.push(letter.to_ascii_lowercase());
        answers.push('\n');
    }
    let out = sb
        .learn(&["sessions", "quiz", "--seed", "42", "--json"])
        .write_stdin(answers)
        .output()
        .unwrap();
    let text = transcript_and_json(&out);
    assert!(text.contains("Score: 5/5"), "{transcript}\n{text}");
    let json_start = text.find("{\n").unwrap();
    let v: serde_json::Value = serde_json::from_str(&text[json_start..]).unwrap();
    assert_eq!(v["score"]["correct"], 5);
    assert_eq!(v["seed"], 42);
    assert_eq!(v["ending"], "finished");
}

#[test]
fn garbage_then_a_valid_answer_is_explained_and_asked_again() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .write_stdin("banana\n9\n\nz\nd\n")
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("\"banana\" is not an answer"));
    assert!(text.contains("There is no option 9"));
    assert!(text.contains("Nothing typed"));
    assert!(text.contains("There is no option Z"));
    // The question was shown again after each, then the answer counted.
    assert_eq!(text.matches("Question 1 of 5").count(), 5);
    assert!(text.contains("✓ Correct: D."));
    assert!(text.contains("End of input"));
    assert!(out.status.success());
}

#[test]
fn hints_come_one_at_a_time_and_are_counted() {
    let sb = Sandbox::new();
    let quiz = practice();
    let hints = quiz.questions[0].hints.len();
    let mut input = "h\n".repeat(hints + 1);
    input.push_str("d\n");
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle", "--json"])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = transcript_and_json(&out);
    for n in 1..=hints {
        assert!(text.contains(&format!("Hint {n} of {hints}:")));
    }
    assert!(text.contains("No more hints"));
    assert!(text.contains(&format!("hints used: {hints}")));
    let v: serde_json::Value = serde_json::from_str(&text[text.find("{\n").unwrap()..]).unwrap();
    assert_eq!(v["answers"][0]["hints_used"], hints);
    assert_eq!(v["ending"], "end_of_input");
}

#[test]
fn end_of_input_mid_quiz_keeps_the_answers() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .write_stdin("d\nb\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("End of input"));
    assert!(text.contains("Score: 1/5"), "{text}");

    let saved = std::fs::read_to_string(sb.progress_file()).unwrap();
    assert!(saved.contains("finished = false"));
    assert_eq!(
        saved
            .matches("[[topics.sessions.attempts.answers]]")
            .count(),
        2
    );

    let out = sb.learn(&["sessions", "progress"]).output().unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("Attempts: 1"), "{text}");
    assert!(text.contains("stopped after 2 of 5"));
    assert!(text.contains("Not yet answered right:"));
    assert!(text.contains("2. Which of the following is the correct way"));
}

#[test]
fn q_leaves_and_saves() {
    let sb = Sandbox::new();
    let out = sb
        .learn(&["sessions", "quiz", "--no-shuffle"])
        .write_stdin("d\nq\nthis is never read\n")
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("You left the quiz"));
    assert!(text.contains("Score: 1/5"));
    assert!(!text.contains("Question 3 of 5"));
}

#[test]
fn an_unknown_quiz_is_a_clear_error() {
    let sb = Sandbox::new();
    let out = sb.learn(&["sessions", "quiz", "final"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("there is no quiz \"final\"; quizzes: practice"),
        "{err}"
    );
}

/// With `--json` the transcript goes to stderr and stdout carries only the JSON document:
/// both, in that order.
fn transcript_and_json(out: &std::process::Output) -> String {
    let json = stdout_of(out);
    assert!(
        json.trim_start().starts_with('{'),
        "stdout is not only the JSON document: {json}"
    );
    format!("{}{json}", stderr_of(out))
}
