//! Learn-by-doing activities built on the simulator: fix a broken view (exercises), and the
//! shared pieces every such activity uses. Pure engine: nothing here prints.
//!
//! - [`expect`]: expectations on a scenario's transcript, and the checker that runs a views
//!   module against them.
//! - [`exercise`]: exercise files (`lessons/<topic>/exercises/*.toml`), their loading and
//!   their `learn check`.
//! - [`progress`]: what an activity records in the progress file.

pub mod blanks;
pub mod exercise;
pub mod expect;
pub mod parsons;
pub mod progress;
