//! Learn-by-doing activities built on the simulator: fix a broken view (exercises), predict
//! the next step, and the shared pieces every such activity uses. Pure engine: nothing here
//! prints.
//!
//! - [`expect`]: expectations on a scenario's transcript, and the checker that runs a views
//!   module against them.
//! - [`predict`]: checkpoints where the learner predicts an outcome before the stepper shows
//!   it, with wrong choices from misconceptions run for real.
//! - [`progress`]: what an activity records in the progress file.
//! - [`files`]: what the file-based activities share: names, course order, check problems.

pub mod blanks;
pub mod exercise;
pub mod expect;
pub mod files;
pub mod parsons;
pub mod predict;
pub mod progress;
