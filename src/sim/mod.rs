//! The scenario runner: browsers, a server, a virtual clock. Running a scenario yields a
//! transcript (one record per request) and a step-by-step trace for the stepper.
//!
//! - [`load_scenario`] reads a scenario file's text (errors are `path:line:col: message`).
//! - [`run`] runs it: a [`RunResult`] with the JSON transcript records
//!   ([`transcript::to_jsonl`] writes them; [`transcript::normalize`] makes two transcripts
//!   comparable) and a [`Trace`] of plain data for a stepper to walk both ways.
//! - [`Sandbox`] runs statements one at a time inside a live request for an interactive screen.

pub mod check;
pub mod runner;
pub mod sandbox;
pub mod scenario;
pub mod scenario_web;
pub mod trace;
pub mod transcript;

pub use runner::{run, RunResult, Simulator, STEP_LIMIT};
pub use sandbox::Sandbox;
pub use scenario::{load_scenario, Scenario, ScenarioError};
pub use trace::Trace;
pub use transcript::TranscriptRecord;
