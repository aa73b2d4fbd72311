//! The scenario runner: browsers, a server, a virtual clock. Running a scenario yields a
//! transcript (one record per request) and a step-by-step trace for the stepper.

pub mod check;
pub mod runner;
pub mod sandbox;
pub mod scenario;
pub mod trace;
pub mod transcript;

pub use runner::{run, RunResult, Simulator, STEP_LIMIT};
pub use sandbox::Sandbox;
pub use scenario::{load_scenario, Scenario, ScenarioError};
pub use trace::Trace;
pub use transcript::TranscriptRecord;
