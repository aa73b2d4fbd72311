//! `learn check` for scenarios: each bundled scenario must load and run, and quiz questions
//! that point into a scenario must name requests it has.

use crate::content::{Problem, Topic};
use std::collections::HashMap;

/// Every problem in a topic's scenarios and in the quiz links to them.
pub fn check_topic(topic: &Topic) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut request_counts = HashMap::new();
    for source in &topic.scenarios {
        let result = super::load_scenario(&source.file().path, &source.file().text)
            .and_then(|scenario| super::run(&scenario, Some(1)).map(|_| scenario));
        match result {
            Ok(scenario) => {
                request_counts.insert(source.name.as_str(), scenario.requests.len());
            }
            Err(e) => problems.push(Problem::at(
                &e.path,
                e.position.unwrap_or((1, 1)),
                e.message.clone(),
            )),
        }
    }
    for quiz in &topic.quizzes {
        for q in &quiz.questions {
            let Some(name) = &q.scenario else { continue };
            let Some(&count) = request_counts.get(name.as_str()) else {
                continue;
            };
            let runs = q.runs.iter().chain(q.options.iter().flat_map(|o| &o.runs));
            for &n in runs {
                if n > count {
                    let at = crate::content::locate_key_value(&quiz.text, "id", &q.id, 1)
                        .unwrap_or((1, 1));
                    problems.push(Problem::at(
                        &quiz.path,
                        at,
                        format!(
                            "question {:?} runs request {n} of scenario {name:?}, which has {count} request(s)",
                            q.id
                        ),
                    ));
                }
            }
        }
    }
    problems
}
