//! Explain it, on full screens: the prompt with a box to type the answer in, then the model
//! answer and the checklist, where the learner marks the points they had. Used by
//! `learn sessions explain`, by review, and by the pager at the end of a page.

use super::render::{code_lines, inline, text_width, wrap};
use super::screen::{self, hint, Ctx, Hint, Outcome, Screen, Tty};
use super::Ui;
use crate::content::ExplainPrompt;
use console::Key;
use std::io;

/// At most this many characters are kept of a typed answer (it is not saved).
const MAX_ANSWER: usize = 4000;

/// Asks one prompt. `Some(points had)` (0 when skipped), or `None` when the learner left.
pub fn ask(
    ui: &Ui,
    tty: &mut Tty,
    header: &str,
    prompt: &ExplainPrompt,
) -> io::Result<Option<usize>> {
    let mut write = Write {
        ui,
        header,
        prompt,
        text: String::new(),
    };
    let Some(answer) = screen::run(tty, &mut write)? else {
        return Ok(None);
    };
    let mut check = Check {
        ui,
        header,
        prompt,
        answer,
        had: vec![false; prompt.points.len()],
        cursor: 0,
    };
    screen::run(tty, &mut check)
}

fn prompt_lines(ui: &Ui, prompt: &ExplainPrompt, width: usize) -> Vec<String> {
    let s = &ui.styles;
    wrap(
        &s.strong
            .apply_to(inline(&prompt.prompt, s, ui.color))
            .to_string(),
        text_width(width),
        "",
        "",
    )
}

/// The first screen: the prompt, its code, and the answer being typed.
struct Write<'a> {
    ui: &'a Ui,
    header: &'a str,
    prompt: &'a ExplainPrompt,
    text: String,
}

impl Screen for Write<'_> {
    /// The answer typed (empty: skipped), or `None` to leave.
    type Output = Option<String>;
    fn header(&self) -> String {
        self.header.to_owned()
    }
    fn pinned(&mut self, width: usize) -> Vec<String> {
        let mut out = prompt_lines(self.ui, self.prompt, width);
        out.push(String::new());
        out
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        let s = &self.ui.styles;
        let mut out = Vec::new();
        if let Some(code) = &self.prompt.code {
            out.extend(code_lines("python", code, width, s));
            out.push(String::new());
        }
        out.push(
            s.dim
                .apply_to("In your own words (Enter when done; Enter alone skips):")
                .to_string(),
        );
        let shown = format!("{}▏", super::render::escape_controls(&self.text));
        out.extend(wrap(
            &shown,
            text_width(width).saturating_sub(2),
            "> ",
            "  ",
        ));
        out
    }
    fn focus(&self) -> Option<usize> {
        // Keep the end of the answer in view as it grows.
        let width = self.ui.full_width();
        let code = self.prompt.code.as_ref().map_or(0, |c| {
            code_lines("python", c, width, &self.ui.styles).len() + 1
        });
        let typed = wrap(
            &format!("{}▏", self.text),
            text_width(width).saturating_sub(2),
            "> ",
            "  ",
        )
        .len();
        Some(code + typed)
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        vec![
            hint("type", "your answer"),
            hint(
                "Enter",
                if self.text.trim().is_empty() {
                    "skip"
                } else {
                    "done"
                },
            ),
            hint("Backspace", "delete"),
            hint("Esc", "leave"),
        ]
    }
    fn handle(&mut self, key: &Key, _ctx: &mut Ctx) -> io::Result<Outcome<Option<String>>> {
        Ok(match key {
            Key::Enter => Outcome::Done(Some(self.text.trim().to_owned())),
            Key::Backspace => {
                self.text.pop();
                Outcome::Stay
            }
            Key::Char(c) if !c.is_control() => {
                if self.text.chars().count() < MAX_ANSWER {
                    self.text.push(*c);
                }
                Outcome::Stay
            }
            Key::Escape => Outcome::Done(None),
            // Every other key is taken here, so typing never scrolls or opens the help.
            _ => Outcome::Stay,
        })
    }
    fn on_escape(&mut self) -> Option<Option<String>> {
        Some(None)
    }
}

/// The second screen: the answer given, the model answer, and the checklist to mark.
struct Check<'a> {
    ui: &'a Ui,
    header: &'a str,
    prompt: &'a ExplainPrompt,
    answer: String,
    had: Vec<bool>,
    cursor: usize,
}

impl Check<'_> {
    fn lines(&self, width: usize) -> (Vec<String>, usize, Vec<usize>) {
        let s = &self.ui.styles;
        let w = text_width(width);
        let mut out = Vec::new();
        if self.answer.is_empty() {
            out.push(
                s.dim
                    .apply_to("Skipped: it comes back soon, so you can try it in your own words.")
                    .to_string(),
            );
        } else {
            out.extend(wrap(
                &s.dim
                    .apply_to(format!(
                        "You wrote: {}",
                        super::render::escape_controls(&self.answer)
                    ))
                    .to_string(),
                w,
                "",
                "  ",
            ));
        }
        out.push(String::new());
        out.push(s.strong.apply_to("A model answer:").to_string());
        out.extend(wrap(
            &inline(&self.prompt.model_answer, s, self.ui.color),
            w,
            "  ",
            "  ",
        ));
        out.push(String::new());
        out.push(
            s.strong
                .apply_to(if self.answer.is_empty() {
                    "A good answer contains:"
                } else {
                    "A good answer contains (mark the points you had):"
                })
                .to_string(),
        );
        let start = out.len();
        let mut starts = Vec::new();
        for (i, p) in self.prompt.points.iter().enumerate() {
            starts.push(out.len() - start);
            let mark = if self.answer.is_empty() {
                "   "
            } else if self.had[i] {
                "[x]"
            } else {
                "[ ]"
            };
            let selected = !self.answer.is_empty() && i == self.cursor;
            let text = format!("{mark} {}. {}", i + 1, inline(p, s, self.ui.color));
            let text = if selected {
                s.selected.apply_to(text).to_string()
            } else {
                text
            };
            // Continued lines start under the point's text: "❯ [x] 1. ".
            let hang = " "
                .repeat(2 + console::measure_text_width(mark) + 1 + format!("{}. ", i + 1).len());
            out.extend(wrap(&text, w, if selected { "❯ " } else { "  " }, &hang));
        }
        (out, start, starts)
    }
}

impl Screen for Check<'_> {
    type Output = Option<usize>;
    fn header(&self) -> String {
        self.header.to_owned()
    }
    fn pinned(&mut self, width: usize) -> Vec<String> {
        prompt_lines(self.ui, self.prompt, width)
    }
    fn body(&mut self, width: usize) -> Vec<String> {
        self.lines(width).0
    }
    fn uses_arrows(&self) -> bool {
        !self.answer.is_empty()
    }
    fn focus(&self) -> Option<usize> {
        if self.answer.is_empty() {
            return None;
        }
        let width = self.ui.full_width();
        let (_, start, starts) = self.lines(width);
        Some(start + starts.get(self.cursor).copied().unwrap_or(0))
    }
    fn keys(&self, _at_bottom: bool) -> Vec<Hint> {
        if self.answer.is_empty() {
            return vec![hint("Enter", "go on"), hint("q", "leave")];
        }
        let n = self.prompt.points.len();
        vec![
            hint("Space", "mark or unmark"),
            hint(&format!("1–{n}"), "mark a point"),
            hint("↑/↓", "choose"),
            hint("a/n", "all/none"),
            hint("Enter", "done").kept(),
            hint("q", "leave"),
        ]
    }
    fn handle(&mut self, key: &Key, _ctx: &mut Ctx) -> io::Result<Outcome<Option<usize>>> {
        let count = || self.had.iter().filter(|h| **h).count();
        if self.answer.is_empty() {
            return Ok(match key {
                Key::Enter => Outcome::Done(Some(0)),
                Key::Char('q') => Outcome::Done(None),
                _ => Outcome::Ignored,
            });
        }
        let n = self.had.len();
        Ok(match key {
            Key::Enter => Outcome::Done(Some(count())),
            Key::Char('q') => Outcome::Done(None),
            Key::ArrowUp | Key::Char('k') if n > 0 => {
                self.cursor = self.cursor.checked_sub(1).unwrap_or(n - 1);
                Outcome::Stay
            }
            Key::ArrowDown | Key::Char('j') | Key::Tab if n > 0 => {
                self.cursor = (self.cursor + 1) % n;
                Outcome::Stay
            }
            Key::Char(' ' | 'x') if n > 0 => {
                self.had[self.cursor] = !self.had[self.cursor];
                Outcome::Stay
            }
            Key::Char('a') => {
                self.had.iter_mut().for_each(|h| *h = true);
                Outcome::Stay
            }
            Key::Char('n') => {
                self.had.iter_mut().for_each(|h| *h = false);
                Outcome::Stay
            }
            Key::Char(c @ '1'..='9') => {
                let i = (*c as usize) - ('1' as usize);
                if i < n {
                    self.had[i] = !self.had[i];
                    self.cursor = i;
                }
                Outcome::Stay
            }
            _ => Outcome::Ignored,
        })
    }
    fn on_escape(&mut self) -> Option<Option<usize>> {
        Some(None)
    }
}
