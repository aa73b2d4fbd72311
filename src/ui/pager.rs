//! The lesson pager: one page at a time in a terminal, or every page in order when plain.

use super::keys::next_key;
use super::render::{page_body, page_header};
use super::{CursorGuard, Ui};
use crate::content::Topic;
use crate::progress::Progress;
use console::Key;
use std::io;

/// Shows the topic's pages from `start` (0-based) and records each page shown as read.
pub fn read(ui: &mut Ui, topic: &Topic, start: usize, progress: &mut Progress) -> io::Result<()> {
    if ui.interactive {
        interactive(ui, topic, start, progress)
    } else {
        plain(ui, topic, start, progress)
    }
}

fn plain(ui: &mut Ui, topic: &Topic, start: usize, progress: &mut Progress) -> io::Result<()> {
    let width = ui.width();
    let total = topic.pages.len();
    for (i, page) in topic.pages.iter().enumerate().skip(start) {
        if i > start {
            ui.line("")?;
            ui.line("─".repeat(width.min(60)))?;
            ui.line("")?;
        }
        let header = page_header(page, i + 1, total);
        ui.line(ui.styles.heading.apply_to(&header).to_string())?;
        ui.line("")?;
        for line in page_body(page, width, ui.on_screen(), &ui.styles, ui.color) {
            ui.line(line)?;
        }
        progress.mark_page_read(&topic.slug, &page.slug);
    }
    ui.flush()
}

fn interactive(
    ui: &mut Ui,
    topic: &Topic,
    start: usize,
    progress: &mut Progress,
) -> io::Result<()> {
    let term = ui.term();
    let _cursor = CursorGuard::hide(&term);
    let total = topic.pages.len();
    let mut index = start.min(total.saturating_sub(1));
    let mut scroll = 0usize;
    let mut jump = String::new();
    let mut message = String::new();
    let mut size = term.size();
    loop {
        let page = &topic.pages[index];
        progress.mark_page_read(&topic.slug, &page.slug);
        let (rows, _) = size;
        let width = ui.width();
        let body = page_body(page, width, ui.on_screen(), &ui.styles, ui.color);
        // Header, a blank line, the body, a blank line and the footer.
        let room = (rows as usize).saturating_sub(4).max(3);
        let max_scroll = body.len().saturating_sub(room);
        scroll = scroll.min(max_scroll);

        let mut screen = Vec::new();
        screen.push(
            ui.styles
                .heading
                .apply_to(page_header(page, index + 1, total))
                .to_string(),
        );
        screen.push(String::new());
        screen.extend(body.iter().skip(scroll).take(room).cloned());
        while screen.len() < room + 2 {
            screen.push(String::new());
        }
        screen.push(String::new());
        screen.push(footer(
            ui, index, total, scroll, max_scroll, &jump, &message,
        ));
        term.clear_screen()?;
        term.write_str(&screen.join("\n"))?;
        message.clear();

        let Some(key) = next_key(&term, &mut size)? else {
            continue;
        };
        match key {
            Key::Char(c) if c.is_ascii_digit() => {
                if jump.len() < 3 {
                    jump.push(c);
                }
            }
            Key::Backspace if !jump.is_empty() => {
                jump.pop();
            }
            Key::Enter if !jump.is_empty() => {
                match jump.parse::<usize>() {
                    Ok(n) if (1..=total).contains(&n) => {
                        index = n - 1;
                        scroll = 0;
                    }
                    _ => message = format!("There is no page {jump}; pages go from 1 to {total}."),
                }
                jump.clear();
            }
            Key::Escape if !jump.is_empty() => jump.clear(),
            Key::Enter | Key::Char(' ') | Key::ArrowRight | Key::Char('n') | Key::PageDown => {
                if scroll < max_scroll && key == Key::Char(' ') {
                    scroll = (scroll + room).min(max_scroll);
                } else if index + 1 < total {
                    index += 1;
                    scroll = 0;
                } else {
                    break;
                }
            }
            Key::ArrowLeft | Key::Char('p') | Key::Char('b') | Key::PageUp => {
                if index > 0 {
                    index -= 1;
                    scroll = 0;
                } else {
                    message = "This is the first page.".into();
                }
            }
            Key::ArrowDown | Key::Char('j') => scroll = (scroll + 1).min(max_scroll),
            Key::ArrowUp | Key::Char('k') => scroll = scroll.saturating_sub(1),
            Key::Home => {
                index = 0;
                scroll = 0;
            }
            Key::End => {
                index = total - 1;
                scroll = 0;
            }
            Key::Char('q') | Key::Escape => break,
            Key::CtrlC => super::interrupted(),
            _ => {
                message =
                    "Keys: Enter or → next, ← back, a number and Enter to jump, q to leave.".into();
            }
        }
    }
    term.clear_screen()?;
    Ok(())
}

fn footer(
    ui: &Ui,
    index: usize,
    total: usize,
    scroll: usize,
    max_scroll: usize,
    jump: &str,
    message: &str,
) -> String {
    let s = &ui.styles;
    if !jump.is_empty() {
        return s
            .strong
            .apply_to(format!("Go to page: {jump}  (Enter to go, Esc to cancel)"))
            .to_string();
    }
    if !message.is_empty() {
        return s.warning.apply_to(message).to_string();
    }
    let mut parts = Vec::new();
    if max_scroll > 0 {
        if scroll < max_scroll {
            parts.push("↓ more below".to_string());
        }
        if scroll > 0 {
            parts.push("↑ more above".to_string());
        }
    }
    if index + 1 < total {
        parts.push("Enter/→ next".into());
    } else {
        parts.push("Enter: finish".into());
    }
    if index > 0 {
        parts.push("← back".into());
    }
    parts.push("1–9 jump".into());
    parts.push("q quit".into());
    // Drop hints from the middle until the line fits; "q quit" always stays.
    let width = ui.width();
    while parts.len() > 1 && parts.join(" · ").chars().count() > width {
        parts.remove(parts.len() - 2);
    }
    s.dim.apply_to(parts.join(" · ")).to_string()
}

/// Shows lines on a screen of their own, scrolled with ↑/↓ or Space; any other key returns.
pub fn show_lines(ui: &Ui, lines: &[String]) -> io::Result<()> {
    let term = ui.term();
    let _cursor = CursorGuard::hide(&term);
    let mut size = term.size();
    let mut scroll = 0usize;
    loop {
        let room = (size.0 as usize).saturating_sub(2).max(3);
        let max_scroll = lines.len().saturating_sub(room);
        scroll = scroll.min(max_scroll);
        let mut screen: Vec<String> = lines.iter().skip(scroll).take(room).cloned().collect();
        while screen.len() < room {
            screen.push(String::new());
        }
        screen.push(String::new());
        let more = if max_scroll == 0 {
            ""
        } else if scroll < max_scroll {
            "↓ more · "
        } else {
            "↑ more · "
        };
        screen.push(
            ui.styles
                .dim
                .apply_to(format!("{more}any other key to go back"))
                .to_string(),
        );
        term.clear_screen()?;
        term.write_str(&screen.join("\n"))?;
        match next_key(&term, &mut size)? {
            None => {}
            Some(Key::ArrowDown | Key::Char('j')) => scroll = (scroll + 1).min(max_scroll),
            Some(Key::ArrowUp | Key::Char('k')) => scroll = scroll.saturating_sub(1),
            Some(Key::Char(' ') | Key::PageDown) if scroll < max_scroll => {
                scroll = (scroll + room).min(max_scroll)
            }
            Some(Key::CtrlC) => super::interrupted(),
            Some(_) => break,
        }
    }
    term.clear_screen()
}
