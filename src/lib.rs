//! `learn`: a terminal course on Django's session framework.
//!
//! Data flows one way: content → engine → trace/result → terminal.
//! Pure engine code lives in [`content`], [`quiz`], [`python`], [`django`] and [`sim`]; it
//! knows nothing of terminals. [`ui`] renders what the engine produced, and [`progress`] is the
//! single owner of what the learner has done.

pub mod activity;
pub mod app;
pub use learn_python::calendar;
pub mod cli;
pub mod content;
pub mod django;
pub mod progress;
pub use learn_python::python;
pub mod quiz;
pub mod review;
pub mod sim;
pub mod ui;
