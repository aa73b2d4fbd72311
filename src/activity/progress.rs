//! Activity progress, as the progress file keeps it (`topics.<topic>.activities.<kind>.<item>`):
//! the kinds' names and a summary for `learn sessions progress` and `progress --json`.

use crate::progress::{ActivityRecord, TopicProgress};

/// The kind name of exercises (`learn sessions exercise`).
pub const EXERCISE: &str = "exercise";

/// How many items of `kind` are done, among the names given (the course's items, in order).
pub fn done_count<'a>(
    tp: &TopicProgress,
    kind: &str,
    items: impl IntoIterator<Item = &'a str>,
) -> usize {
    items
        .into_iter()
        .filter(|name| record(tp, kind, name).is_some_and(|r| r.done))
        .count()
}

/// The record of one item.
pub fn record<'a>(tp: &'a TopicProgress, kind: &str, item: &str) -> Option<&'a ActivityRecord> {
    tp.activities.get(kind)?.get(item)
}

/// Every activity record as JSON: `{kind: {item: {done, best, out_of, attempts, last}}}`.
pub fn to_json(tp: &TopicProgress) -> serde_json::Value {
    let mut kinds = serde_json::Map::new();
    for (kind, items) in &tp.activities {
        let mut out = serde_json::Map::new();
        for (item, r) in items {
            out.insert(
                item.clone(),
                serde_json::json!({
                    "done": r.done,
                    "best": r.best,
                    "out_of": r.out_of,
                    "attempts": r.attempts,
                    "last": r.last,
                }),
            );
        }
        kinds.insert(kind.clone(), serde_json::Value::Object(out));
    }
    serde_json::Value::Object(kinds)
}

/// A kind's name for people.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        "exercise" => "Exercises (fix the view)",
        "order" => "Put the lines in order",
        "blanks" => "Fill in the blanks",
        "predict" => "Predict, then see",
        other => other,
    }
}

/// One line per activity kind with records: how many items are done and how many tried.
pub fn summary_lines(tp: &TopicProgress) -> Vec<String> {
    tp.activities
        .iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(kind, items)| {
            let done = items.values().filter(|r| r.done).count();
            let tried = items.len() - done;
            let mut line = format!("{}: {done} done", kind_label(kind));
            if tried > 0 {
                line.push_str(&format!(", {tried} tried and not done yet"));
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::ActivityRecord;

    #[test]
    fn summaries_count_done_and_tried_per_kind() {
        let mut tp = TopicProgress::default();
        let rec = |done| ActivityRecord {
            done,
            attempts: 1,
            ..Default::default()
        };
        let ex = tp.activities.entry("exercise".into()).or_default();
        ex.insert("a".into(), rec(true));
        ex.insert("b".into(), rec(false));
        tp.activities
            .entry("order".into())
            .or_default()
            .insert("c".into(), rec(true));
        assert_eq!(
            summary_lines(&tp),
            vec![
                "Exercises (fix the view): 1 done, 1 tried and not done yet",
                "Put the lines in order: 1 done",
            ]
        );
        assert_eq!(done_count(&tp, "exercise", ["a", "b", "z"]), 1);
        let json = to_json(&tp);
        assert_eq!(json["exercise"]["a"]["done"], true);
        assert_eq!(json["order"]["c"]["attempts"], 1);
    }
}
