//! An interpreter for the subset of Python that views in the course use.
//!
//! No real Python runs: the source is parsed and evaluated here, with a step limit, and
//! anything outside the subset is refused with the construct and its line.
