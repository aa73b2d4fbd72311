//! Activities where the learner acts before being told: pure engines, no printing.

pub mod predict;
