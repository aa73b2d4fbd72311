//! Loaders never panic, whatever the files hold: they report problems instead.

use proptest::prelude::*;
use std::path::Path;

fn write_topic(root: &Path, topic: &str, page: &str, quiz: &str, scenario: &str) {
    let lessons = root.join("lessons/t");
    let quizzes = root.join("quizzes/t");
    std::fs::create_dir_all(lessons.join("simulations")).unwrap();
    std::fs::create_dir_all(&quizzes).unwrap();
    std::fs::write(lessons.join("topic.toml"), topic).unwrap();
    std::fs::write(lessons.join("01-page.toml"), page).unwrap();
    std::fs::write(quizzes.join("q.toml"), quiz).unwrap();
    std::fs::write(lessons.join("simulations/s.toml"), scenario).unwrap();
}

/// Text that is sometimes valid content and often nearly so.
fn contentish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "format_version = 1\n",
        "format_version = 99\n",
        "title = \"T\"\n",
        "summary = \"S\"\n",
        "[[block]]\ntype = \"paragraph\"\ntext = \"x\"\n",
        "[[block]]\ntype = \"code\"\nlanguage = \"python\"\nsource = '''x = 1'''\n",
        "[[block]]\ntype = \"note\"\nkind = \"oops\"\n",
        "[[question]]\nid = \"a\"\ndifficulty = \"easy\"\nprompt = \"p\"\nanswer = \"x\"\ntakeaway = \"t\"\n",
        "[[question.option]]\nid = \"x\"\ntext = \"X\"\n",
        "hints = [\"h\"]\nsolution = [\"s\"]\n",
        "runs = [0, 99]\nscenario = \"s\"\n",
        "simulations = [\"nope\"]\n",
        "views = '''\ndef v(request):\n    return HttpResponse('x')\n'''\n",
        "[[request]]\nview = \"v\"\n",
        "[[request]]\nview = \"missing\"\nadvance_clock = -5\n",
        "[settings]\nSESSION_ENGINE = \"cache\"\n",
        "= = =\n",
        "[[[\n",
        "\"unterminated\n",
        "é\u{0}\n",
    ]);
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn loading_and_checking_never_panics(
        topic in contentish(),
        page in contentish(),
        quiz in contentish(),
        scenario in contentish(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        write_topic(dir.path(), &topic, &page, &quiz, &scenario);
        let source = learn::content::Source::Directory(dir.path().to_path_buf());
        let loaded = learn::content::load(&source).unwrap();
        for t in &loaded.topics {
            let _ = learn::content::check_topic(t);
            let _ = learn::sim::check::check_topic(t);
        }
        for p in &loaded.problems {
            prop_assert!(p.line >= 1 && p.column >= 1);
        }
    }

    #[test]
    fn scenario_loading_never_panics(text in "\\PC{0,300}") {
        let _ = learn::sim::load_scenario("s.toml", &text);
    }

    #[test]
    fn scenarios_from_pieces_never_panic(text in contentish()) {
        if let Ok(s) = learn::sim::load_scenario("s.toml", &text) {
            let _ = learn::sim::run(&s, Some(1));
        }
    }
}
