//! What the learner has done, kept in one TOML file and saved atomically after each change.
