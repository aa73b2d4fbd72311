//! Values as text: `repr()` and `str()` (`repr`), format specs, `%`-formatting and
//! `strftime` (`format`); the Unicode character database the str methods use (`unicode`).

pub mod format;
pub mod repr;
pub(crate) mod unicode;
#[rustfmt::skip]
mod unicode_data;
