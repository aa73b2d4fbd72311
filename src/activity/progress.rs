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
