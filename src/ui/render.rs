//! Turning content into lines of text for a given width. Used by the pager (interactive and
//! plain) and the quiz screens, so a page looks the same everywhere.

use super::highlight::{tokenize, Kind};
use super::style::Styles;
use crate::content::{Block, NoteKind, Page};

/// Control characters (ESC, BEL, a carriage return…) written as `\x1b`, so text from content
/// or a scenario file cannot move the cursor or recolour the terminal. Newlines and tabs stay.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let n = c as u32;
            if n <= 0xff {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:04x}}}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A character that would act on the terminal rather than be shown.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Styles text between backticks as code. With colours off the backticks stay, so a screen
/// reader or a pipe still sees where code starts and ends.
pub fn inline(text: &str, styles: &Styles, color: bool) -> String {
    let escaped = escape_controls(text);
    let text = escaped.as_str();
    if !color {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut in_code = false;
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            in_code = !in_code;
        }
        if in_code {
            out.push_str(&styles.code.apply_to(part).to_string());
        } else {
            out.push_str(part);
        }
    }
    if in_code {
        // An unmatched backtick: show the text as written.
        return text.to_owned();
    }
    out
}

/// Wraps styled text to `width` columns, with `first` before the first line and `rest` before
/// the others.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut lines = Vec::new();
    for (i, para) in text.split('\n').enumerate() {
        let opts = if i == 0 {
            opts.clone()
        } else {
            opts.clone().initial_indent(rest)
        };
        if para.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        lines.extend(
            textwrap::wrap(para, opts)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    lines
}

/// The width prose is wrapped at: the window's, up to 100 columns (longer lines are hard
/// to read). Code uses the whole window.
pub fn text_width(width: usize) -> usize {
    width.min(100)
}

/// Code with a gutter; Python is highlighted. Lines longer than the width are cut between
/// tokens (inside a token only when the token alone is too long), each piece continued after
/// a dotted gutter `┆`, so the terminal never wraps them itself.
pub fn code_lines(language: &str, source: &str, width: usize, styles: &Styles) -> Vec<String> {
    let gutter = styles.dim.apply_to("│ ").to_string();
    let more = styles.dim.apply_to("┆ ").to_string();
    let room = width.saturating_sub(4).max(10);
    let mut out = Vec::new();
    for line in source.trim_end_matches('\n').lines() {
        let line = escape_controls(line);
        for (i, piece) in code_pieces(&line, room).iter().enumerate() {
            let body: String = piece
                .iter()
                .map(|(kind, text)| {
                    if language == "python" {
                        styled_token(*kind, text, styles)
                    } else {
                        text.clone()
                    }
                })
                .collect();
            let g = if i == 0 { &gutter } else { &more };
            out.push(format!("  {g}{body}").trim_end().to_owned());
        }
    }
    out
}

/// One line of code in pieces of at most `room` columns, cut at token boundaries.
pub fn code_pieces(line: &str, room: usize) -> Vec<Vec<(Kind, String)>> {
    let room = room.max(1);
    let mut pieces: Vec<Vec<(Kind, String)>> = vec![Vec::new()];
    let mut used = 0usize;
    // Comments and strings may be cut between their words too.
    let tokens = tokenize(line).into_iter().flat_map(|(kind, text)| {
        let words: Vec<(Kind, &str)> = if matches!(kind, Kind::Comment | Kind::Str) {
            text.split_inclusive(' ').map(|w| (kind, w)).collect()
        } else {
            vec![(kind, text)]
        };
        words
    });
    for (kind, text) in tokens {
        let w = console::measure_text_width(text);
        if used + w <= room {
            pieces
                .last_mut()
                .expect("one piece")
                .push((kind, text.to_owned()));
            used += w;
            continue;
        }
        if w <= room && used > 0 {
            // The token starts a new piece; spaces at a cut are dropped.
            pieces.push(Vec::new());
            used = 0;
            if kind == Kind::Space {
                continue;
            }
            let text = if used == 0 { text.trim_start() } else { text };
            let w = console::measure_text_width(text);
            pieces
                .last_mut()
                .expect("one piece")
                .push((kind, text.to_owned()));
            used = w;
            continue;
        }
        // A token longer than a whole piece: cut it by characters.
        let mut chunk = String::new();
        for ch in text.chars() {
            let cw = console::measure_text_width(ch.encode_utf8(&mut [0; 4]));
            if used + cw > room && used > 0 {
                if !chunk.is_empty() {
                    pieces
                        .last_mut()
                        .expect("one piece")
                        .push((kind, std::mem::take(&mut chunk)));
                }
                pieces.push(Vec::new());
                used = 0;
            }
            chunk.push(ch);
            used += cw;
        }
        if !chunk.is_empty() {
            pieces.last_mut().expect("one piece").push((kind, chunk));
        }
    }
    pieces
}

fn styled_token(kind: Kind, text: &str, styles: &Styles) -> String {
    let style = match kind {
        Kind::Keyword => &styles.keyword,
        Kind::Builtin => &styles.builtin,
        Kind::Str => &styles.string,
        Kind::Number => &styles.number,
        Kind::Comment => &styles.comment,
        Kind::Name | Kind::Punct | Kind::Space => return text.to_owned(),
    };
    style.apply_to(text).to_string()
}

/// The body of a page (without its header), wrapped to `width`. Code is cut at the width only
/// for a screen (`cut_code`); a file or a pipe keeps each line of code whole.
pub fn page_body(
    page: &Page,
    width: usize,
    cut_code: bool,
    styles: &Styles,
    color: bool,
) -> Vec<String> {
    let code_width = if cut_code { width } else { usize::MAX };
    let width = text_width(width);
    let mut lines = Vec::new();
    for block in &page.blocks {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        match block {
            Block::Paragraph { text } => {
                lines.extend(wrap(&inline(text, styles, color), width, "", ""));
            }
            Block::Code {
                language,
                source,
                caption,
                output,
            } => {
                if let Some(c) = caption {
                    lines.extend(wrap(&inline(c, styles, color), width, "", ""));
                }
                lines.extend(code_lines(language, source, code_width, styles));
                if let Some(out) = output {
                    let label = styles.dim.apply_to("Output:").to_string();
                    lines.push(format!("  {label}"));
                    for l in out.trim_end_matches('\n').lines() {
                        lines.push(format!("  {} {l}", styles.dim.apply_to("→")));
                    }
                }
            }
            Block::List { items } => {
                for item in items {
                    lines.extend(wrap(&inline(item, styles, color), width, "  • ", "    "));
                }
            }
            Block::Note { kind, text } => {
                let style = match kind {
                    NoteKind::Tip => &styles.tip,
                    NoteKind::Warning => &styles.warning,
                    NoteKind::Important => &styles.important,
                };
                let bar = style.apply_to("▌ ").to_string();
                let label = style
                    .apply_to(format!("{}:", kind.label()))
                    .bold()
                    .to_string();
                let body = format!("{label} {}", inline(text, styles, color));
                lines.extend(wrap(&body, width, &bar, &bar));
            }
            Block::Summary { items } => {
                lines.push(styles.strong.apply_to("In short").to_string());
                for item in items {
                    let mark = styles.good.apply_to("✓").to_string();
                    lines.extend(wrap(
                        &inline(item, styles, color),
                        width,
                        &format!("  {mark} "),
                        "    ",
                    ));
                }
            }
        }
    }
    lines
}

/// `1209600` → `14 days`, `300` → `5 min`, `90` → `1 min 30 s`.
pub fn span(seconds: i64) -> String {
    let (d, h, m, s) = (
        seconds / 86_400,
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
        seconds % 60,
    );
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} day{}", if d == 1 { "" } else { "s" }));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
}

/// "Why sessions matter · page 2 of 7".
pub fn page_header(page: &Page, number: usize, total: usize) -> String {
    format!("{} · page {number} of {total}", page.title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_keeps_backticks_without_colour() {
        let s = Styles::new(false);
        assert_eq!(inline("use `get()` here", &s, false), "use `get()` here");
        let c = Styles::new(true);
        let out = inline("use `get()` here", &c, true);
        assert!(!out.contains('`') && out.contains("get()") && out.contains('\x1b'));
        assert_eq!(inline("odd ` tick", &c, true), "odd ` tick");
    }

    #[test]
    fn long_code_lines_are_cut_not_left_to_the_terminal() {
        let s = Styles::new(false);
        let src = format!("x = '{}'\n\ny = 1\n", "a".repeat(100));
        let lines = code_lines("python", &src, 40, &s);
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
        assert!(lines[1].starts_with("  ┆ "));
        assert!(lines.contains(&"  │".to_string()));
        assert_eq!(lines.last().unwrap(), "  │ y = 1");
    }

    #[test]
    fn code_is_cut_between_tokens_and_comments_between_words() {
        let s = Styles::new(false);
        let src = "request.session['username'] = 'alice'        # set: remember a value\n";
        let lines = code_lines("python", src, 60, &s);
        assert!(lines.iter().all(|l| l.chars().count() <= 60), "{lines:?}");
        assert_eq!(lines.len(), 2, "{lines:?}");
        // The comment is cut at a space, never inside a word.
        assert!(
            lines[0].ends_with("# set:") || lines[0].ends_with("remember"),
            "{lines:?}"
        );
        assert!(lines[1].starts_with("  ┆ "), "{lines:?}");
        let words: Vec<&str> = src.split_whitespace().collect();
        for l in &lines {
            for w in l
                .trim_start_matches("  │ ")
                .trim_start_matches("  ┆ ")
                .split_whitespace()
            {
                assert!(words.contains(&w), "{w:?} is a piece of a word: {lines:?}");
            }
        }
        // A wide window uses its width: nothing is cut at 100 columns.
        let long = format!("x = {}\n", "1 + ".repeat(30));
        assert_eq!(code_lines("python", &long, 140, &s).len(), 1);
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(
            escape_controls("a\x1b[31mb\x07\tc\n"),
            "a\\x1b[31mb\\x07\tc\n"
        );
        let s = Styles::new(false);
        assert_eq!(inline("x\x1b]0;t\x07", &s, false), "x\\x1b]0;t\\x07");
    }

    #[test]
    fn spans_read_as_words() {
        assert_eq!(span(1_209_600), "14 days");
        assert_eq!(span(300), "5 min");
        assert_eq!(span(90), "1 min 30 s");
        assert_eq!(span(86_401), "1 day 1 s");
        assert_eq!(span(0), "0 s");
    }

    #[test]
    fn wrapping_respects_width() {
        let lines = wrap(&"word ".repeat(40), 30, "  • ", "    ");
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.chars().count() <= 30));
        assert!(lines[0].starts_with("  • ") && lines[1].starts_with("    "));
    }
}
