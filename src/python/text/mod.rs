//! Values as text: `repr()` and `str()` (`repr`), format specs, `%`-formatting and
//! `strftime` (`format`).

pub mod format;
pub mod repr;
