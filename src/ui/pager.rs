//! The lesson pager: one page at a time in a terminal, or every page in order when plain.
//!
//! One rule for moving on: Enter, Space and → scroll a page down while there is more of the
//! page below, and go to the next page once its end is on the screen. A page counts as read
//! when its end was shown.

use super::render::{page_body, page_body_into, page_header, text_width, Sink};
use super::screen::{self, hint, Ctx, Hint, Outcome, Screen};
use super::Ui;
use crate::content::Topic;
use crate::progress::Progress;
use console::Key;
use std::io;

/// Shows the topic's pages from `start` (0-based) and records each page shown as read.
pub fn read(ui: &mut Ui, topic: &Topic, start: usize, progress: &mut Progress) -> io::Result<()> {
    read_at(ui, topic, start, progress, crate::progress::now() as i64)
}

/// [`read`], with the review clock's time for the explain-it prompts offered at the end of a
/// page.
pub fn read_at(
    ui: &mut Ui,
    topic: &Topic,
    start: usize,
    progress: &mut Progress,
    now: i64,
) -> io::Result<()> {
    if ui.interactive {
        let mut pager = Pager {
            ui,
            topic,
            progress,
            index: start.min(topic.pages.len().saturating_sub(1)),
            jump: String::new(),
            message: None,
            finished: false,
            now,
        };
        let mut tty = pager.ui.tty();
        screen::run(&mut tty, &mut pager)
    } else {
        plain(ui, topic, start, progress)
    }
}

/// The first page not read yet (the first page when all were read).
pub fn first_unread(topic: &Topic, progress: &Progress) -> usize {
    let Some(tp) = progress.topic(&topic.slug) else {
        return 0;
    };
    topic
        .pages
        .iter()
        .position(|p| !tp.pages_read.contains(&p.slug))
        .unwrap_or(0)
}

fn plain(ui: &mut Ui, topic: &Topic, start: usize, progress: &mut Progress) -> io::Result<()> {
    // Prose stops at 100 columns (page_body); code uses the whole terminal.
    let width = ui.full_width();
    let total = topic.pages.len();
    let read_before: Vec<String> = progress
        .topic(&topic.slug)
        .map(|t| t.pages_read.clone())
        .unwrap_or_default();
    let mut saved = false;
    let on_screen = ui.on_screen();
    // Each page is made in one text and written at once.
    let mut text = String::with_capacity(16 * 1024);
    for (i, page) in topic.pages.iter().enumerate().skip(start) {
        text.clear();
        if i > start {
            text.line("");
            text.line(&"─".repeat(width.min(60)));
            text.line("");
        }
        let header = page_header(page, i + 1, total);
        text.line(&ui.styles.heading.apply_to(&header).to_string());
        text.line("");
        page_body_into(page, width, on_screen, &ui.styles, ui.color, &mut text);
        ui.text(&text)?;
        // A page read before needs no new save: each save is a locked read and write of the
        // progress file, and they were most of the time of printing a lesson already read.
        if !read_before.contains(&page.slug) {
            progress.mark_page_read(&topic.slug, &page.slug);
            saved = true;
        }
    }
    if !saved {
        // One save still runs, as on every run that shows a page: it also tidies what a
        // killed run left beside the file.
        if let Some(page) = topic.pages.get(start) {
            progress.mark_page_read(&topic.slug, &page.slug);
        }
    }
    ui.flush()
}

struct Pager<'a> {
    ui: &'a Ui,
    topic: &'a Topic,
    progress: &'a mut Progress,
    index: usize,
    jump: String,
    message: Option<String>,
    /// The end of the lesson was reached: the "what next" page is shown.
    finished: bool,
    /// The review clock, for explain-it answers given from the pager.
    now: i64,
}

impl Pager<'_> {
    /// The explain-it prompts of the page shown.
    fn prompts(&self) -> Vec<&crate::content::ExplainPrompt> {
        if self.finished {
            return Vec::new();
        }
        let slug = &self.topic.pages[self.index].slug;
        self.topic.study.prompts_for(slug).collect()
    }

    /// The page's prompts on their screens, on top of the pager; what was recorded.
    fn explain(&mut self, ctx: &mut Ctx) -> io::Result<()> {
        let prompts: Vec<crate::content::ExplainPrompt> =
            self.prompts().into_iter().cloned().collect();
        let n = prompts.len();
        let mut said = Vec::new();
        for (i, prompt) in prompts.iter().enumerate() {
            let header = format!("Explain it · page {} · {} of {n}", self.index + 1, i + 1);
            match super::study::explain_prompt_on_screens(
                self.ui,
                ctx.tty,
                &self.topic.slug,
                &header,
                prompt,
                self.progress,
                self.now,
            )? {
                Some(line) => said.push(line),
                None => break,
            }
        }
        if !said.is_empty() {
            self.message = Some(said.join(" "));
        }
        Ok(())
    }

    fn go(&mut self, index: usize, ctx: &mut Ctx) {
        self.index = index;
        self.finished = false;
        ctx.to_top = true;
    }
}

impl Screen for Pager<'_> {
    type Output = ();

    fn header(&self) -> String {
        if self.finished {
            return format!("{} · the end of the lesson", self.topic.title);
        }
        let page = &self.topic.pages[self.index];
        page_header(page, self.index + 1, self.topic.pages.len())
    }

    fn body(&mut self, width: usize) -> Vec<String> {
        if self.finished {
            let s = &self.ui.styles;
            let mut out = vec![String::new()];
            let read = self.progress.topic(&self.topic.slug).map_or(0, |t| {
                self.topic
                    .pages
                    .iter()
                    .filter(|p| t.pages_read.contains(&p.slug))
                    .count()
            });
            out.extend(super::render::wrap(
                &format!(
                    "You have reached the end of the lesson ({read} of {} pages read).",
                    self.topic.pages.len()
                ),
                text_width(width),
                "",
                "",
            ));
            out.push(String::new());
            out.push(s.strong.apply_to("What next").to_string());
            let mut next = Vec::new();
            if let Some(q) = self.topic.quizzes.first() {
                next.push(format!(
                    "Test yourself: {} (from the menu, or `learn {} quiz`).",
                    q.title, self.topic.slug
                ));
            }
            if !self.topic.scenarios.is_empty() {
                next.push(format!(
                    "Watch requests step by step (`learn {} simulate`).",
                    self.topic.slug
                ));
            }
            next.push(format!(
                "Try statements inside a view (`learn {} sandbox`).",
                self.topic.slug
            ));
            for n in next {
                out.extend(super::render::wrap(
                    &super::render::inline(&n, s, self.ui.color),
                    text_width(width),
                    "  • ",
                    "    ",
                ));
            }
            return out;
        }
        let page = &self.topic.pages[self.index];
        let mut out = page_body(page, width, true, &self.ui.styles, self.ui.color);
        // The page ends with its explain-it prompt, offered before moving on.
        let prompts = self.prompts();
        if let Some(first) = prompts.first() {
            let s = &self.ui.styles;
            out.push(String::new());
            out.push(s.strong.apply_to("Explain it").to_string());
            out.extend(super::render::wrap(
                &super::render::inline(&first.prompt, s, self.ui.color),
                text_width(width),
                "  ",
                "  ",
            ));
            let more = match prompts.len() {
                1 => String::new(),
                n => format!(" ({n} prompts)"),
            };
            out.extend(super::render::wrap(
                &s.dim
                    .apply_to(format!(
                        "Press e to answer in your own words{more}, or Enter to go on."
                    ))
                    .to_string(),
                text_width(width),
                "  ",
                "  ",
            ));
        }
        out
    }

    fn keys(&self, at_bottom: bool) -> Vec<Hint> {
        let total = self.topic.pages.len();
        if !self.jump.is_empty() {
            return vec![
                hint(&format!("Go to page: {}", self.jump), ""),
                hint("Enter", "go"),
                hint("Esc", "cancel"),
            ];
        }
        let mut out = Vec::new();
        if self.finished {
            out.push(hint("Enter/q", "leave"));
            out.push(hint("←", "last page"));
            return out;
        }
        if !at_bottom {
            out.push(hint("Enter", "more of this page"));
        } else if self.index + 1 < total {
            out.push(hint("Enter/→", "next page"));
        } else {
            out.push(hint("Enter/→", "finish"));
        }
        if at_bottom && !self.prompts().is_empty() {
            out.push(hint("e", "explain it in your own words"));
        }
        if self.index > 0 {
            out.push(hint("←", "back"));
        }
        out.push(hint("q", "leave").kept());
        out.push(hint(&format!("1–{total} Enter"), "go to page"));
        out
    }

    fn handle(&mut self, key: &Key, ctx: &mut Ctx) -> io::Result<Outcome<()>> {
        let total = self.topic.pages.len();
        if !self.jump.is_empty() {
            match key {
                Key::Char(c) if c.is_ascii_digit() && self.jump.len() < 3 => self.jump.push(*c),
                Key::Backspace => {
                    self.jump.pop();
                }
                Key::Enter => {
                    match self.jump.parse::<usize>() {
                        Ok(n) if (1..=total).contains(&n) => self.go(n - 1, ctx),
                        _ => {
                            self.message = Some(format!(
                                "There is no page {}; pages go from 1 to {total}.",
                                self.jump
                            ))
                        }
                    }
                    self.jump.clear();
                }
                Key::Escape => self.jump.clear(),
                _ => {}
            }
            return Ok(Outcome::Stay);
        }
        if self.finished {
            return Ok(match key {
                Key::ArrowLeft | Key::Char('p' | 'b') => {
                    self.finished = false;
                    ctx.to_top = true;
                    Outcome::Stay
                }
                Key::Enter | Key::Char('q') => Outcome::Done(()),
                _ => Outcome::Ignored,
            });
        }
        Ok(match key {
            Key::Char(c) if c.is_ascii_digit() => {
                self.jump.push(*c);
                Outcome::Stay
            }
            Key::Enter | Key::Char(' ' | 'n') | Key::ArrowRight => {
                if !ctx.at_bottom {
                    ctx.page = 1;
                } else if self.index + 1 < total {
                    self.go(self.index + 1, ctx);
                } else {
                    self.finished = true;
                    ctx.to_top = true;
                }
                Outcome::Stay
            }
            Key::ArrowLeft | Key::Char('p' | 'b') => {
                if self.index > 0 {
                    self.go(self.index - 1, ctx);
                } else {
                    self.message = Some("This is the first page.".into());
                }
                Outcome::Stay
            }
            Key::Char('e') if !self.prompts().is_empty() => {
                self.explain(ctx)?;
                Outcome::Stay
            }
            Key::Char('q') => Outcome::Done(()),
            _ => Outcome::Ignored,
        })
    }

    fn message(&mut self) -> Option<String> {
        self.message.take()
    }

    fn drawn(&mut self, at_bottom: bool) {
        if at_bottom && !self.finished {
            let slug = &self.topic.pages[self.index].slug;
            self.progress.mark_page_read(&self.topic.slug, slug);
        }
    }

    fn on_escape(&mut self) -> Option<()> {
        Some(())
    }
}
