//! The scenario runner: browsers, a server, a virtual clock. Running a scenario yields a
//! transcript (one record per request) and a step-by-step trace for the stepper.

pub mod scenario;

pub use scenario::{load_scenario, Scenario, ScenarioError};
pub mod transcript;
