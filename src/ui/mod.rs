//! Everything that touches the terminal: prompts, the pager, the quiz screen, styles.
//!
//! Two modes, chosen once at start-up:
//! - interactive: stdin and stderr are terminals and `--plain` is off. Screens are drawn on
//!   stderr (like dialoguer's prompts), keys are read one at a time.
//! - plain: line-based text on stdout, answers read line by line from stdin, no escape codes,
//!   no pauses. Scripts, pipes, CI and screen readers get this.

pub mod explain;
pub mod highlight;
pub mod keys;
pub mod menu;
pub mod pager;
pub mod progress_view;
pub mod quiz;
pub mod render;
pub mod sandbox;
pub mod stepper;
pub mod style;

use console::Term;
use std::io::{self, BufRead, IsTerminal, Write};
use style::Styles;

/// How output is produced for this run.
pub struct Ui {
    pub interactive: bool,
    pub color: bool,
    pub styles: Styles,
    /// Buffered: a page is written in a few system calls, not one per line. Flushed before
    /// input is read, at the end of a command, and when dropped.
    out: io::BufWriter<io::Stdout>,
    input: Box<dyn BufRead>,
}

impl Ui {
    /// Decides the mode from the flags and what stdin, stdout and stderr are.
    pub fn detect(plain: bool) -> Ui {
        let interactive =
            !plain && io::stdin().is_terminal() && io::stderr().is_terminal() && !dumb_term();
        // Interactive screens are drawn on stderr; plain text goes to stdout.
        let color = if interactive {
            style::color_wanted(io::stderr().is_terminal(), plain)
        } else {
            style::color_wanted(io::stdout().is_terminal(), plain)
        };
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(color);
        Ui {
            interactive,
            color,
            styles: Styles::new(color),
            out: io::BufWriter::with_capacity(64 * 1024, io::stdout()),
            input: Box::new(io::BufReader::new(io::stdin())),
        }
    }

    /// Writes one line of plain output to stdout.
    pub fn line(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        writeln!(self.out, "{}", text.as_ref())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Reads one line of input; `None` at end of input.
    pub fn read_line(&mut self) -> io::Result<Option<String>> {
        self.flush()?;
        let mut buf = String::new();
        match self.input.read_line(&mut buf)? {
            0 => Ok(None),
            _ => Ok(Some(buf.trim_end_matches(['\n', '\r']).to_owned())),
        }
    }

    pub fn input_is_terminal(&self) -> bool {
        io::stdin().is_terminal()
    }

    /// Plain mode's way to pick from a numbered list: reads lines until one is a number from
    /// 1 to `count` (or a name that `by_name` knows). `None` for q or the end of input.
    pub fn choose_number(
        &mut self,
        count: usize,
        by_name: impl Fn(&str) -> Option<usize>,
    ) -> io::Result<Option<usize>> {
        loop {
            self.line(format!("Choose 1–{count} (q to quit):"))?;
            let Some(line) = self.read_line()? else {
                return Ok(None);
            };
            let t = line.trim();
            if t.eq_ignore_ascii_case("q") {
                return Ok(None);
            }
            match t.parse::<usize>() {
                Ok(n) if (1..=count).contains(&n) => return Ok(Some(n - 1)),
                _ => {
                    if let Some(i) = by_name(t) {
                        return Ok(Some(i));
                    }
                    self.line(format!(
                        "\"{t}\" is not in the list: type a number from 1 to {count}, or q."
                    ))?
                }
            }
        }
    }

    /// The terminal interactive screens are drawn on.
    pub fn term(&self) -> Term {
        Term::stderr()
    }

    /// Whether what is written lands on a screen (so long lines must be cut to fit), rather
    /// than in a file or a pipe.
    pub fn on_screen(&self) -> bool {
        self.interactive || io::stdout().is_terminal()
    }

    /// Columns to wrap text at: the terminal's width (capped for readability), or 80 when
    /// output is not a terminal.
    pub fn width(&self) -> usize {
        let term = if self.interactive {
            Term::stderr()
        } else {
            Term::stdout()
        };
        if term.is_term() {
            let (_, cols) = term.size();
            (cols as usize).clamp(20, 100)
        } else {
            80
        }
    }
}

impl Ui {
    /// The terminal's whole width (for screens laid out in columns), or 80 off a terminal.
    pub fn full_width(&self) -> usize {
        let term = if self.interactive {
            Term::stderr()
        } else {
            Term::stdout()
        };
        if term.is_term() {
            (term.size().1 as usize).max(20)
        } else {
            80
        }
    }
}

fn dumb_term() -> bool {
    matches!(std::env::var("TERM").as_deref(), Ok("dumb"))
}

/// Shows the cursor again when dropped, whatever happens on the way (an error, a panic).
pub struct CursorGuard(Term);

impl CursorGuard {
    pub fn hide(term: &Term) -> CursorGuard {
        let _ = term.hide_cursor();
        CursorGuard(term.clone())
    }
}

impl Drop for CursorGuard {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
    }
}

/// Installs the Ctrl-C handler: the cursor comes back, and the process ends with 130.
/// Progress needs no saving here: every change was already saved when it happened.
pub fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| interrupted());
}

/// What a dialoguer prompt returned, with Ctrl-C turned into leaving (exit 130).
pub fn answered<T>(result: dialoguer::Result<T>) -> io::Result<T> {
    match result {
        Ok(v) => Ok(v),
        Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => interrupted(),
        Err(dialoguer::Error::IO(e)) => Err(e),
    }
}

/// Leaves after Ctrl-C: cursor visible, a new line, exit code 130.
pub fn interrupted() -> ! {
    keys::restore_terminal();
    let term = Term::stderr();
    let _ = term.show_cursor();
    let _ = term.write_line("");
    std::process::exit(130);
}
