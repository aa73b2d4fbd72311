//! Everything that touches the terminal: the screens, the prompts, plain output, styles.
//!
//! Two modes, chosen once at start-up:
//! - interactive: stdin and stdout are terminals, `--plain` is off and `TERM` is not `dumb`.
//!   Screens are full-screen views on the alternate screen (see [`screen`]), keys are read
//!   one at a time. Where stderr goes does not matter.
//! - plain: line-based text on stdout, answers read line by line from stdin, no escape codes,
//!   no pauses. Scripts, pipes, CI and screen readers get this.
//!
//! # Adding a screen
//! 1. Make a struct holding what the screen shows and its state (a cursor, a page number).
//! 2. Implement [`screen::Screen`] for it: `header` (where the learner is), `body(width)`
//!    (lines made with [`render`]: `wrap`, `inline`, `code_lines`, so text wraps to the window
//!    and inline code is styled), `keys` (the keys valid now: the footer and the `?` help are
//!    made from them), and `handle(key, ctx)` returning `Outcome::Stay`, `Outcome::Ignored`
//!    (the loop then scrolls, shows help, or calls `on_escape`) or `Outcome::Done(result)`.
//!    Optional: `focus` (a body line to keep in view), `message` (a one-time line), `drawn`
//!    (told whether the end of the body was shown).
//! 3. Show it with `screen::run(&mut ui.tty(), &mut your_screen)`; from inside `handle`,
//!    show another screen on top with `screen::run(ctx.tty, &mut other)` (a
//!    [`screen::Confirm`], a [`screen::Lines`]).
//! 4. Give it a plain-mode path that prints the same `body` lines with `Ui::line`.
//!
//! The loop owns the terminal: the alternate screen, redrawing on resize, cutting lines to
//! the width, and putting the terminal back on every way out.

pub mod blanks;
pub mod exercise;
pub mod explain;
pub mod explain_it;
pub mod highlight;
pub mod items;
pub mod keys;
pub mod menu;
pub mod order;
pub mod pager;
pub mod predict;
pub mod progress_view;
pub mod quiz;
pub mod render;
pub mod sandbox;
pub mod screen;
pub mod stepper;
pub mod study;
pub mod style;
pub mod words;

use console::Term;
use std::io::{self, BufRead, IsTerminal, Write};
use style::Styles;

/// The longest line read from a pipe, in bytes.
pub const MAX_LINE: usize = 64 * 1024;

/// How output is produced for this run.
pub struct Ui {
    pub interactive: bool,
    pub color: bool,
    pub styles: Styles,
    /// Buffered: a page is written in a few system calls, not one per line. Flushed before
    /// input is read, at the end of a command, and when dropped.
    out: io::BufWriter<io::Stdout>,
    input: Box<dyn BufRead>,
    divert: bool,
}

impl Ui {
    /// Decides the mode from the flags and what stdin, stdout and stderr are.
    pub fn detect(plain: bool) -> Ui {
        let interactive =
            !plain && io::stdin().is_terminal() && io::stdout().is_terminal() && !dumb_term();
        // Screens and plain text both go to stdout.
        let color = style::color_wanted(io::stdout().is_terminal(), plain);
        if interactive {
            screen::install_restorers();
        }
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(color);
        Ui {
            interactive,
            color,
            styles: Styles::new(color),
            // A screen is drawn in one write; plain text needs no more than a small buffer
            // (a longer text is written through), which keeps the pages it touches few.
            out: io::BufWriter::with_capacity(
                if interactive { 64 } else { 8 } * 1024,
                io::stdout(),
            ),
            input: Box::new(io::BufReader::new(io::stdin())),
            divert: false,
        }
    }

    /// Writes one line of plain output to stdout (to stderr while [`Ui::divert`] is on).
    pub fn line(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        if self.divert {
            eprint_line(text.as_ref());
            return Ok(());
        }
        writeln!(self.out, "{}", text.as_ref())
    }

    /// Writes lines of plain output made in one text (each line ended by `\n`), as
    /// [`Ui::line`] would one at a time.
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        if self.divert {
            let _ = io::stderr().lock().write_all(text.as_bytes());
            return Ok(());
        }
        self.out.write_all(text.as_bytes())
    }

    /// Sends plain lines to stderr (`--json`: stdout carries only the document).
    pub fn divert(&mut self, on: bool) -> io::Result<()> {
        self.flush()?;
        self.divert = on;
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Reads one line of input; `None` at end of input. A line that is not UTF-8, or longer
    /// than [`MAX_LINE`] bytes, is refused with a message and the next one is read.
    pub fn read_line(&mut self) -> io::Result<Option<String>> {
        self.flush()?;
        loop {
            let mut buf = Vec::new();
            let n =
                io::Read::take(&mut self.input, MAX_LINE as u64 + 1).read_until(b'\n', &mut buf)?;
            if n == 0 {
                return Ok(None);
            }
            if buf.len() > MAX_LINE && buf.last() != Some(&b'\n') {
                // Skip the rest of the line without keeping it.
                loop {
                    let chunk = self.input.fill_buf()?;
                    if chunk.is_empty() {
                        break;
                    }
                    match chunk.iter().position(|b| *b == b'\n') {
                        Some(i) => {
                            self.input.consume(i + 1);
                            break;
                        }
                        None => {
                            let len = chunk.len();
                            self.input.consume(len);
                        }
                    }
                }
                self.line(format!(
                    "That line is longer than {MAX_LINE} bytes and was ignored."
                ))?;
                self.flush()?;
                continue;
            }
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            match String::from_utf8(buf) {
                Ok(line) => return Ok(Some(line)),
                Err(_) => {
                    self.line("That line is not valid UTF-8 text and was ignored.")?;
                    self.flush()?;
                }
            }
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
        Term::stdout()
    }

    /// The terminal, for full-screen views ([`screen::run`]).
    pub fn tty(&self) -> screen::Tty {
        screen::Tty::new(self.styles.clone())
    }

    /// Whether what is written lands on a screen (so long lines must be cut to fit), rather
    /// than in a file or a pipe.
    pub fn on_screen(&self) -> bool {
        self.interactive || io::stdout().is_terminal()
    }

    /// Columns to wrap text at: the terminal's width (capped for readability), or 80 when
    /// output is not a terminal.
    pub fn width(&self) -> usize {
        let term = Term::stdout();
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
        let term = Term::stdout();
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

/// Writes one line to stderr; a closed or full stderr is ignored (never a panic).
pub fn eprint_line(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Installs the Ctrl-C handler: the cursor comes back, and the process ends with 130.
/// Progress needs no saving here: every change was already saved when it happened.
pub fn install_interrupt_handler() {
    // A plain signal handler on unix: ctrlc would start a thread to wait for the signal,
    // which was a noticeable part of the start-up of `read --plain`.
    #[cfg(unix)]
    screen::install_interrupt();
    #[cfg(not(unix))]
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

/// Leaves after Ctrl-C: the main screen back, cursor visible, a new line, exit code 130.
pub fn interrupted() -> ! {
    screen::restore();
    let _ = Term::stdout().write_line("");
    std::process::exit(130);
}

impl Drop for Ui {
    fn drop(&mut self) {
        if self.interactive {
            screen::restore();
        }
    }
}
