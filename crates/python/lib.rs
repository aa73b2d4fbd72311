#[path = "../../src/calendar.rs"]
pub mod calendar;
#[path = "../../src/python/mod.rs"]
pub mod python;
