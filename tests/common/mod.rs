//! Helpers shared by the integration tests: run the real binary with its own data directory.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub mod review;
#[cfg(unix)]
pub mod screen;

pub const BIN: &str = env!("CARGO_BIN_EXE_learn");

/// A temporary data directory for progress, removed when dropped.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data(&self) -> &Path {
        self.dir.path()
    }

    pub fn progress_file(&self) -> PathBuf {
        self.dir.path().join("progress.toml")
    }

    /// `learn ARGS…` with this sandbox's data directory, no colour and no terminal.
    pub fn learn(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env("LEARN_DATA_DIR", self.data())
            .env_remove("LEARN_CONTENT_DIR")
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color");
        cmd
    }
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

/// The bundled practice quiz, as the app loads it.
pub fn practice() -> learn::content::Quiz {
    let loaded = learn::content::load(&learn::content::Source::Embedded).unwrap();
    loaded.topics[0].quiz("practice").unwrap().clone()
}

/// Copies the project's content (lessons/ and quizzes/) into a new temporary directory.
pub fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for area in ["lessons", "quizzes"] {
        copy_tree(&root.join(area), &dir.path().join(area));
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// How many questions the bundled quiz `id` holds (a drawn test: its whole bank).
pub fn quiz_len(id: &str) -> usize {
    let loaded = learn::content::load(&learn::content::Source::Embedded).unwrap();
    loaded.topics[0].quiz(id).unwrap().questions.len()
}
