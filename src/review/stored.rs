//! Tests of review state kept in the progress file: merged across processes, kept through a
//! format upgrade, and carrying what a newer version adds.

#[cfg(test)]
mod tests {
    use crate::progress::{Progress, FILE_NAME};
    use crate::review::{ItemKey, Rating, SittingKind, TestSitting};

    const T0: i64 = 1_796_000_000;

    #[test]
    fn reviews_from_two_processes_merge_and_an_old_file_keeps_loading() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "[topics.sessions]\npages_read = [\"syntax\"]\n",
        )
        .unwrap();
        let mut a = Progress::open(dir.path());
        let mut b = Progress::open(dir.path());
        assert!(a
            .record_review("sessions", &ItemKey::card("x"), Rating::Good, T0)
            .is_kept());
        assert!(b
            .record_review("sessions", &ItemKey::card("y"), Rating::Again, T0)
            .is_kept());
        let again = Progress::open(dir.path());
        let topic = again.topic("sessions").unwrap();
        assert_eq!(topic.review.items.len(), 2, "{:?}", topic.review);
        assert_eq!(topic.pages_read, ["syntax"]);
        // A second review of the same card, by the other process, builds on the first.
        b.record_review(
            "sessions",
            &ItemKey::card("x"),
            Rating::Good,
            T0 + 3 * 86_400,
        );
        let p = Progress::open(dir.path());
        let x = &p.topic("sessions").unwrap().review.items["card:x"];
        assert_eq!(x.reviews, 2);
        assert!(x.due > T0 + 3 * 86_400 + 2 * 86_400);
    }

    #[test]
    fn fields_a_newer_version_adds_to_review_survive_a_save() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "[topics.sessions.review]\nstreak = 4\n\n[topics.sessions.review.items.\"card:x\"]\ndue = 1\nlast = 0\nstability = 2.0\ndifficulty = 5.0\nreviews = 1\nlapses = 0\nlast_rating = \"good\"\nease = 3\n",
        )
        .unwrap();
        let mut p = Progress::open(dir.path());
        assert!(p.take_warnings().is_empty());
        p.record_review("sessions", &ItemKey::card("x"), Rating::Good, T0);
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(
            text.contains("streak = 4") && text.contains("ease = 3"),
            "{text}"
        );
        let p = Progress::open(dir.path());
        assert_eq!(
            p.topic("sessions").unwrap().review.items["card:x"].reviews,
            2
        );
    }

    #[test]
    fn a_sitting_is_kept_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Progress::open(dir.path());
        let s = TestSitting {
            kind: SittingKind::Pretest,
            at: T0,
            seed: 1,
            questions: vec!["a".into()],
            correct: 1,
            answered: 1,
            other: Default::default(),
        };
        p.record_sitting("sessions", s.clone());
        p.record_sitting("sessions", s);
        let p = Progress::open(dir.path());
        let review = &p.topic("sessions").unwrap().review;
        assert_eq!(review.sittings.len(), 1);
        assert_eq!(review.before_and_after().0.unwrap().correct, 1);
    }
}
