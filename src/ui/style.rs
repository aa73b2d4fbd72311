//! Colours and symbols. Meaning is never carried by colour alone: every coloured thing also has
//! a word or a symbol (✓ correct, ✗ wrong, "Tip:", "Warning:").

use console::Style;

#[derive(Debug, Clone)]
pub struct Styles {
    pub heading: Style,
    pub dim: Style,
    pub strong: Style,
    pub code: Style,
    pub keyword: Style,
    pub builtin: Style,
    pub string: Style,
    pub number: Style,
    pub comment: Style,
    pub good: Style,
    pub bad: Style,
    pub tip: Style,
    pub warning: Style,
    pub important: Style,
    pub selected: Style,
    pub changed: Style,
    /// Whether these styles colour at all (false: every style prints plain text).
    pub color: bool,
}

impl Styles {
    /// Styles that colour when `color` is true and print plain text otherwise.
    pub fn new(color: bool) -> Styles {
        let s = |st: Style| {
            if color {
                st.force_styling(true)
            } else {
                Style::new().force_styling(false)
            }
        };
        Styles {
            heading: s(Style::new().bold().cyan()),
            dim: s(Style::new().dim()),
            strong: s(Style::new().bold()),
            code: s(Style::new().yellow()),
            keyword: s(Style::new().magenta().bold()),
            builtin: s(Style::new().cyan()),
            string: s(Style::new().green()),
            number: s(Style::new().yellow()),
            comment: s(Style::new().dim().italic()),
            good: s(Style::new().green().bold()),
            bad: s(Style::new().red().bold()),
            tip: s(Style::new().green()),
            warning: s(Style::new().yellow()),
            important: s(Style::new().magenta()),
            selected: s(Style::new().cyan().bold()),
            changed: s(Style::new().yellow().bold()),
            color,
        }
    }
}

/// Whether to use colour on a stream that is (or is not) a terminal.
pub fn color_wanted(is_terminal: bool, plain: bool) -> bool {
    if plain || !is_terminal {
        return false;
    }
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    !matches!(std::env::var("TERM").as_deref(), Ok("dumb"))
}
