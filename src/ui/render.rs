//! Turning content into lines of text for a given width. Used by the pager (interactive and
//! plain) and the quiz screens, so a page looks the same everywhere.

use super::highlight::{tokenize, Kind};
use super::style::Styles;
use crate::content::{Block, NoteKind, Page};
use std::borrow::Cow;

/// Control characters (ESC, BEL, a carriage return…) written as `\x1b`, so text from content
/// or a scenario file cannot move the cursor or recolour the terminal. Newlines and tabs stay.
pub fn escape_controls(text: &str) -> String {
    escaped(text).into_owned()
}

/// [`escape_controls`], borrowing the text when it has nothing to escape (nearly always).
fn escaped(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
        return Cow::Borrowed(text);
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
    Cow::Owned(out)
}

/// Whether `text` has a character [`is_unsafe`] refuses, judged on its UTF-8 bytes (printing
/// a lesson checks every text): C0 controls and DEL are single bytes, C1 controls
/// (U+0080–U+009F) are 0xC2 0x80–0x9F, and the bidirectional controls are 0xE2 0x80 0xAA–0xAE
/// (U+202A–U+202E) and 0xE2 0x81 0xA6–0xA9 (U+2066–U+2069).
fn has_unsafe(text: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Printable ASCII (most of any text) is passed over eight bytes at a time: a chunk is
        // looked at byte by byte only when one of its bytes is below 0x20 or 0x7F and above.
        if let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
            let del_or_more = (w.wrapping_add(ONES) | w) & HIGH;
            if below_space | del_or_more == 0 {
                i += 8;
                continue;
            }
        }
        match b[i] {
            b'\n' | b'\t' => {}
            0..=0x1f | 0x7f => return true,
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return true,
            0xe2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9)) => return true,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    false
}

/// A character that would act on the terminal rather than be shown.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Styles text between backticks as code. Without colour the backticks of each matched pair
/// are left out, so code reads as it does on a coloured screen; an unmatched backtick stays.
pub fn inline(text: &str, styles: &Styles, color: bool) -> String {
    inline_cow(text, styles, color).into_owned()
}

/// [`inline`], borrowing the text when there is nothing to change.
fn inline_cow<'a>(text: &'a str, styles: &Styles, color: bool) -> Cow<'a, str> {
    let escaped = escaped(text);
    let ticks = memchr::memchr_iter(b'`', escaped.as_bytes()).count();
    // No code, or an unmatched backtick: the text as written.
    if ticks == 0 || ticks % 2 == 1 {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 16);
    for (i, part) in split_byte(&escaped, b'`').enumerate() {
        if i % 2 == 1 && color {
            out.push_str(&styles.code.apply_to(part).to_string());
        } else {
            out.push_str(part);
        }
    }
    Cow::Owned(out)
}

/// `text.split(byte as char)` for an ASCII `byte`, found with `memchr` (the pattern searcher
/// of `str::split` was a tenth of the time of printing a lesson).
fn split_byte(text: &str, byte: u8) -> impl Iterator<Item = &str> {
    debug_assert!(byte.is_ascii());
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match memchr::memchr(byte, t.as_bytes()) {
            // An ASCII byte is a character boundary on both sides.
            Some(at) => {
                rest = Some(&t[at + 1..]);
                Some(&t[..at])
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// Where rendered lines go: a list of lines (screens) or one text (plain output, written in
/// one piece).
pub trait Sink {
    /// Adds `text` to the line being made.
    fn push(&mut self, text: &str);
    /// Ends the line being made.
    fn end_line(&mut self);
    /// Adds a whole line.
    fn line(&mut self, text: &str) {
        self.push(text);
        self.end_line();
    }
}

/// Lines kept one `String` each.
#[derive(Default)]
pub struct LineList {
    pub lines: Vec<String>,
    current: String,
}

impl Sink for LineList {
    fn push(&mut self, text: &str) {
        self.current.push_str(text);
    }
    fn end_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.current));
    }
}

/// Lines in one text, each ended by `\n`.
impl Sink for String {
    fn push(&mut self, text: &str) {
        self.push_str(text);
    }
    fn end_line(&mut self) {
        String::push(self, '\n');
    }
}

/// A sink that counts the lines ended in it.
struct Counted<'a, S: Sink + ?Sized> {
    out: &'a mut S,
    lines: usize,
}

impl<S: Sink + ?Sized> Sink for Counted<'_, S> {
    fn push(&mut self, text: &str) {
        self.out.push(text);
    }
    fn end_line(&mut self) {
        self.lines += 1;
        self.out.end_line();
    }
}

/// Wraps styled text to `width` columns (20 at least), with `first` before the first line and
/// `rest` before the others; each `\n` starts a new paragraph, indented with `rest`.
///
/// The lines are those of `textwrap` with first-fit wrapping, words separated by ASCII spaces,
/// cuts after a hyphen between letters, and words longer than a line broken (a test checks
/// this on every text of the bundled content). It is done here, without textwrap's general
/// machinery, because wrapping every page was a third of the start-up time of `read --plain`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = LineList::default();
    wrap_to(text, width, first, rest, true, &mut lines);
    lines.lines
}

/// [`wrap`] into a [`Sink`].
pub fn wrap_into(text: &str, width: usize, first: &str, rest: &str, out: &mut impl Sink) {
    wrap_to(text, width, first, rest, true, out);
}

/// [`wrap`] that never cuts a word at a hyphen: for names and headers (`first-visit`,
/// `Set-Cookie`, `Max-Age`), which must read as one word. A word longer than a line is still
/// broken.
pub fn wrap_words(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = LineList::default();
    wrap_to(text, width, first, rest, false, &mut lines);
    lines.lines
}

fn wrap_to<S: Sink + ?Sized>(
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
    hyphens: bool,
    out: &mut S,
) {
    let width = width.max(20);
    for (i, para) in split_byte(text, b'\n').enumerate() {
        if para.trim().is_empty() {
            out.end_line();
            continue;
        }
        let indent = if i == 0 { first } else { rest };
        wrap_paragraph(para, width, indent, rest, hyphens, out);
    }
}

fn wrap_paragraph<S: Sink + ?Sized>(
    para: &str,
    width: usize,
    first: &str,
    rest: &str,
    cut_hyphens: bool,
    out: &mut S,
) {
    if para.len() < width && first.is_empty() {
        out.line(para.trim_end_matches(' '));
        return;
    }
    // ASCII without escape sequences (all of plain output): a piece is as wide as it is long,
    // as `display_width` would find.
    let simple = para.is_ascii() && memchr::memchr(0x1b, para.as_bytes()).is_none();
    let mut fit = Fit {
        para,
        first,
        rest,
        first_room: width.saturating_sub(display_width(first)),
        rest_room: width.saturating_sub(display_width(rest)),
        simple,
        lines: 0,
        start: 0,
        end: 0,
        used: 0,
        open: false,
        out,
    };
    if !first.is_empty() {
        // An empty first piece, so a first word too long for the first line moves down.
        fit.add(0, 0, 0, 0);
    }
    if simple {
        // Bytes are characters: the same pieces as below, found without slicing text.
        let b = para.as_bytes();
        let n = b.len();
        let mut start = 0;
        while start < n {
            let mut word_end = start;
            while word_end < n && b[word_end] != b' ' {
                word_end += 1;
            }
            let mut space_end = word_end;
            while space_end < n && b[space_end] == b' ' {
                space_end += 1;
            }
            let mut from = start;
            if cut_hyphens {
                for at in start..word_end {
                    if b[at] == b'-'
                        && at > start
                        && b[at - 1].is_ascii_alphanumeric()
                        && at + 1 < word_end
                        && b[at + 1].is_ascii_alphanumeric()
                    {
                        fit.piece(from, at + 1, 0);
                        from = at + 1;
                    }
                }
            }
            if from < word_end || from == start {
                fit.piece(from, word_end, space_end - word_end);
            }
            start = space_end;
        }
        fit.finish();
        return;
    }
    for_each_word(para, |start, word_end, space_end| {
        let word = &para[start..word_end];
        let mut from = start;
        if cut_hyphens {
            // Cut points after a hyphen between two letters or digits.
            for (at, _) in word.bytes().enumerate().filter(|(_, b)| *b == b'-') {
                let before = word[..at].chars().next_back();
                let after = word[at + 1..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric)
                {
                    let to = start + at + 1;
                    fit.piece(from, to, 0);
                    from = to;
                }
            }
        }
        if from < word_end || from == start {
            fit.piece(from, word_end, space_end - word_end);
        }
    });
    fit.finish();
}

/// First-fit wrapping of one paragraph, a piece at a time: a piece (`para[start..end]`, then
/// `space` spaces) that does not fit on the line being made starts the next one.
struct Fit<'a, 'o, S: Sink + ?Sized> {
    para: &'a str,
    first: &'a str,
    rest: &'a str,
    first_room: usize,
    rest_room: usize,
    simple: bool,
    /// Lines written so far.
    lines: usize,
    /// The text of the line being made, when `open`.
    start: usize,
    end: usize,
    used: usize,
    open: bool,
    out: &'o mut S,
}

impl<S: Sink + ?Sized> Fit<'_, '_, S> {
    /// Adds `para[start..end]` (then `space` spaces) as one piece, or as several when it is
    /// wider than a line, cut between characters.
    #[inline(always)]
    fn piece(&mut self, start: usize, end: usize, space: usize) {
        let width = if self.simple {
            end - start
        } else {
            display_width(&self.para[start..end])
        };
        if width <= self.rest_room {
            self.add(start, end, space, width);
            return;
        }
        self.cut(start, end, space);
    }

    /// A piece wider than a line, in pieces of a line, cut between characters.
    fn cut(&mut self, start: usize, end: usize, space: usize) {
        let para = self.para;
        let room = self.rest_room;
        let text = &para[start..end];
        let mut from = start;
        let mut used = 0;
        let mut chars = text.char_indices();
        while let Some((i, c)) = chars.next() {
            if c == '\x1b' {
                skip_escape(&mut chars.by_ref().map(|(_, c)| c));
                continue;
            }
            let w = char_width(c);
            if used > 0 && used + w > room {
                self.add(from, start + i, 0, used);
                from = start + i;
                used = 0;
            }
            used += w;
        }
        if from < end {
            self.add(from, end, space, used);
        }
    }

    // Called for every word: inlined even where the package is built for size.
    #[inline(always)]
    fn add(&mut self, start: usize, end: usize, space: usize, width: usize) {
        let room = if self.lines == 0 {
            self.first_room
        } else {
            self.rest_room
        };
        if self.open && self.used + width > room {
            self.emit();
        }
        if !self.open {
            self.start = start;
            self.used = 0;
            self.open = true;
        }
        self.end = end;
        self.used += width + space;
    }

    fn emit(&mut self) {
        let indent = if self.lines == 0 {
            self.first
        } else {
            self.rest
        };
        let text = if self.open {
            &self.para[self.start..self.end]
        } else {
            ""
        };
        self.out.push(indent);
        self.out.push(text);
        self.out.end_line();
        self.lines += 1;
        self.open = false;
    }

    fn finish(mut self) {
        self.emit();
    }
}

/// Calls `f` with each word of a line: (start, end of the word, end of the spaces after it).
/// Only ASCII spaces separate words; leading spaces make an empty first word.
fn for_each_word(line: &str, mut f: impl FnMut(usize, usize, usize)) {
    let mut start = 0;
    let mut in_space = false;
    let mut word_end = 0;
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if in_space && b != b' ' {
            f(start, word_end, i);
            start = i;
        }
        if b == b' ' {
            if !in_space {
                word_end = i;
            }
            in_space = true;
        } else {
            in_space = false;
        }
    }
    if start < line.len() {
        let end = if in_space { word_end } else { line.len() };
        f(start, end, line.len());
    }
}

/// Columns taken by `text` on a terminal; escape sequences (colours) take none.
pub fn display_width(text: &str) -> usize {
    // Words are short: one pass over their bytes beats two searches.
    if text.len() < 32 {
        if text.bytes().all(|b| b < 0x80 && b != 0x1b) {
            return text.len();
        }
    } else if text.is_ascii() && !text.contains('\x1b') {
        return text.len();
    }
    let mut chars = text.chars();
    let mut width = 0;
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            skip_escape(&mut chars);
            continue;
        }
        width += char_width(c);
    }
    width
}

fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Skips the rest of an escape sequence after ESC: a CSI sequence up to its final byte, an
/// OSC sequence up to BEL or ST, or the single character after ESC.
fn skip_escape(chars: &mut impl Iterator<Item = char>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\x40'..='\x7e').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            let mut last = ']';
            for c in chars.by_ref() {
                if c == '\x07' || (c == '\\' && last == '\x1b') {
                    break;
                }
                last = c;
            }
        }
        _ => {}
    }
}

/// A `Set-Cookie` header in lines of `width` columns: the cookie's name and value stay on the
/// first line with the header's name (cut only when they alone are too long), and the
/// attributes follow, cut at their `; ` boundaries first.
pub fn set_cookie_lines(cookie: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let whole = format!("{first}Set-Cookie: {cookie}");
    if display_width(&whole) <= width {
        return vec![whole];
    }
    // The longest prefix ending at an attribute boundary that fits.
    let mut cut = None;
    for (i, _) in whole.match_indices("; ") {
        if display_width(&whole[..=i]) <= width {
            cut = Some(i + 1);
        } else {
            break;
        }
    }
    let at = cut.unwrap_or_else(|| {
        // The name and value alone are too long: cut them at the width.
        let mut used = 0;
        whole
            .char_indices()
            .find(|(_, c)| {
                used += char_width(*c);
                used > width
            })
            .map_or(whole.len(), |(i, _)| i)
    });
    let mut out = vec![whole[..at].to_owned()];
    let tail = whole[at..].trim_start();
    if !tail.is_empty() {
        out.extend(wrap_words(tail, width, rest, rest));
    }
    out
}

/// The width prose is wrapped at: the window's, up to 100 columns (longer lines are hard
/// to read). Code uses the whole window.
pub fn text_width(width: usize) -> usize {
    width.min(100)
}

/// Code with a gutter; Python is highlighted. Lines longer than the width are cut between
/// tokens (inside a token only when the token alone is too long), each piece continued after
/// a dotted gutter `┆` and the line's own indentation, so the terminal never wraps them itself.
pub fn code_lines(language: &str, source: &str, width: usize, styles: &Styles) -> Vec<String> {
    let mut lines = LineList::default();
    code_lines_into(language, source, width, styles, &mut lines);
    lines.lines
}

/// [`code_lines`] into a [`Sink`].
pub fn code_lines_into<S: Sink + ?Sized>(
    language: &str,
    source: &str,
    width: usize,
    styles: &Styles,
    out: &mut S,
) {
    let gutter = styles.dim.apply_to("│ ").to_string();
    let more = styles.dim.apply_to("┆ ").to_string();
    let room = width.saturating_sub(4).max(10);
    let highlight = language == "python" && styles.color;
    let mut buf = String::new();
    for line in source.trim_end_matches('\n').lines() {
        let line = escaped(line);
        if !highlight && display_width(&line) <= room {
            // Nothing to colour and nothing to cut.
            gutter_line(&mut buf, &gutter, &line);
            out.line(&buf);
            continue;
        }
        for (i, piece) in code_pieces(&line, room).iter().enumerate() {
            let mut body = String::new();
            for (kind, text) in piece {
                if highlight {
                    body.push_str(&styled_token(*kind, text, styles));
                } else {
                    body.push_str(text);
                }
            }
            let g = if i == 0 { &gutter } else { &more };
            gutter_line(&mut buf, g, &body);
            out.line(&buf);
        }
    }
}

/// `  {gutter}{body}` without trailing white space, in `line`.
fn gutter_line(line: &mut String, gutter: &str, body: &str) {
    line.clear();
    line.push_str("  ");
    line.push_str(gutter);
    line.push_str(body);
    line.truncate(line.trim_end().len());
}

/// One line of code in pieces of at most `room` columns, cut at token boundaries. A piece
/// after the first starts with the line's indentation (when that leaves half the room), so a
/// continued line reads as part of its block.
pub fn code_pieces(line: &str, room: usize) -> Vec<Vec<(Kind, String)>> {
    let room = room.max(1);
    let lead = line.len() - line.trim_start_matches(' ').len();
    let indent = if lead > 0 && lead * 2 <= room {
        lead
    } else {
        0
    };
    let start_piece = |pieces: &mut Vec<Vec<(Kind, String)>>| {
        pieces.push(if indent > 0 {
            vec![(Kind::Space, " ".repeat(indent))]
        } else {
            Vec::new()
        });
        indent
    };
    let mut pieces: Vec<Vec<(Kind, String)>> = vec![Vec::new()];
    let mut used = 0usize;
    // Nothing but the indentation in the current piece yet.
    let mut fresh = true;
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
            fresh = false;
            continue;
        }
        if !fresh && w <= room - indent {
            // The token starts a new piece; spaces at a cut are dropped.
            used = start_piece(&mut pieces);
            if kind == Kind::Space {
                continue;
            }
            let text = text.trim_start();
            used += console::measure_text_width(text);
            pieces
                .last_mut()
                .expect("one piece")
                .push((kind, text.to_owned()));
            fresh = false;
            continue;
        }
        // A token longer than a whole piece: cut it by characters.
        let mut chunk = String::new();
        for ch in text.chars() {
            let cw = console::measure_text_width(ch.encode_utf8(&mut [0; 4]));
            if used + cw > room && !(fresh && chunk.is_empty()) {
                if !chunk.is_empty() {
                    pieces
                        .last_mut()
                        .expect("one piece")
                        .push((kind, std::mem::take(&mut chunk)));
                }
                used = start_piece(&mut pieces);
                fresh = true;
            }
            chunk.push(ch);
            used += cw;
        }
        if !chunk.is_empty() {
            pieces.last_mut().expect("one piece").push((kind, chunk));
            fresh = false;
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
    let mut lines = LineList::default();
    page_body_into(page, width, cut_code, styles, color, &mut lines);
    lines.lines
}

/// [`page_body`] into a [`Sink`].
pub fn page_body_into<S: Sink + ?Sized>(
    page: &Page,
    width: usize,
    cut_code: bool,
    styles: &Styles,
    color: bool,
    out: &mut S,
) {
    let code_width = if cut_code { width } else { usize::MAX };
    let width = text_width(width);
    let out = &mut Counted { out, lines: 0 };
    for block in &page.blocks {
        if out.lines > 0 {
            out.end_line();
        }
        match block {
            Block::Paragraph { text } => {
                wrap_to(&inline_cow(text, styles, color), width, "", "", true, out);
            }
            Block::Code {
                language,
                source,
                caption,
                output,
            } => {
                if let Some(c) = caption {
                    wrap_to(&inline_cow(c, styles, color), width, "", "", true, out);
                }
                code_lines_into(language, source, code_width, styles, out);
                if let Some(text) = output {
                    out.push("  ");
                    out.line(&styles.dim.apply_to("Output:").to_string());
                    let arrow = styles.dim.apply_to("→").to_string();
                    for l in text.trim_end_matches('\n').lines() {
                        out.push("  ");
                        out.push(&arrow);
                        out.push(" ");
                        out.line(l);
                    }
                }
            }
            Block::List { items } => {
                for item in items {
                    wrap_to(
                        &inline_cow(item, styles, color),
                        width,
                        "  • ",
                        "    ",
                        true,
                        out,
                    );
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
                let body = format!("{label} {}", inline_cow(text, styles, color));
                wrap_to(&body, width, &bar, &bar, true, out);
            }
            Block::Summary { items } => {
                out.line(&styles.strong.apply_to("In short").to_string());
                let mark = format!("  {} ", styles.good.apply_to("✓"));
                for item in items {
                    wrap_to(
                        &inline_cow(item, styles, color),
                        width,
                        &mark,
                        "    ",
                        true,
                        out,
                    );
                }
            }
        }
    }
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

    /// The byte scan finds exactly the characters `is_unsafe` refuses.
    #[test]
    fn wrap_words_keeps_hyphenated_names_whole() {
        let text = "12. · The KeyError on the first visit (first-visit) · page 3";
        let cut = wrap(text, 45, "", "      ");
        assert!(cut[0].ends_with("(first-"), "{cut:?}");
        let whole = wrap_words(text, 45, "", "      ");
        assert_eq!(
            whole,
            vec![
                "12. · The KeyError on the first visit".to_string(),
                "      (first-visit) · page 3".to_string()
            ]
        );
        // A name longer than the line is still broken, so nothing is wider than the width.
        let long = wrap_words(&"a-b".repeat(20), 20, "", "");
        assert!(long.iter().all(|l| display_width(l) <= 20), "{long:?}");
    }

    #[test]
    fn the_byte_scan_agrees_with_is_unsafe() {
        for n in 0..=0x10ffffu32 {
            let Some(c) = char::from_u32(n) else { continue };
            let text = format!("a{c}b");
            assert_eq!(has_unsafe(&text), is_unsafe(c), "U+{n:04X}");
        }
        // At every place of a longer text, so the eight-byte steps meet it at each offset.
        for n in (0..0x3000u32).chain(0xfff0..0x10000) {
            let Some(c) = char::from_u32(n) else { continue };
            for at in 0..17 {
                let text = format!("{}{c}{}", "x".repeat(at), "y".repeat(20 - at));
                assert_eq!(has_unsafe(&text), is_unsafe(c), "U+{n:04X} at {at}");
            }
        }
        assert!(!has_unsafe(&"plain text, ASCII only ~ ".repeat(9)));
    }

    #[test]
    fn inline_code_drops_backticks_without_colour() {
        let s = Styles::new(false);
        assert_eq!(inline("use `get()` here", &s, false), "use get() here");
        assert_eq!(inline("odd ` tick", &s, false), "odd ` tick");
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

    /// textwrap with the options `wrap` stands for.
    fn reference(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
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

    /// Every text of the bundled content (pages, quizzes), as the screens wrap it.
    fn content_texts() -> Vec<String> {
        let loaded = crate::content::load(&crate::content::Source::Embedded).unwrap();
        let mut texts = Vec::new();
        for t in &loaded.topics {
            texts.push(t.summary.clone());
            for p in &t.pages {
                for b in &p.blocks {
                    match b {
                        Block::Paragraph { text } | Block::Note { text, .. } => {
                            texts.push(text.clone())
                        }
                        Block::Code { caption, .. } => texts.extend(caption.clone()),
                        Block::List { items } | Block::Summary { items } => {
                            texts.extend(items.iter().cloned())
                        }
                    }
                }
            }
            for q in &t.quizzes {
                for question in &q.questions {
                    texts.push(question.prompt.clone());
                    texts.push(question.takeaway.clone());
                    texts.extend(question.hints.iter().cloned());
                    texts.extend(question.solution.iter().cloned());
                    texts.extend(question.options.iter().map(|o| o.text.clone()));
                }
            }
        }
        texts
    }

    #[test]
    fn wrap_gives_the_lines_textwrap_gives_on_every_text_of_the_content() {
        let plain = Styles::new(false);
        let colour = Styles::new(true);
        let mut texts = content_texts();
        assert!(texts.len() > 300, "{}", texts.len());
        texts.extend(
            [
                "   leading spaces and a-hyphenated-word, --flags-here, x-",
                "averyveryveryveryveryveryveryveryverylongwordthatmustbebrokenapart and more",
                "wide 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 and é́ combining",
                "two\n\nparagraphs   with   runs of spaces   ",
                "ends with a space ",
                "cached-db cached-db cached-db cached-db cached-db cached-db cached-db",
            ]
            .map(String::from),
        );
        let indents = [("", ""), ("  • ", "    "), ("▌ ", "▌ "), ("", "      ")];
        let mut checked = 0;
        for text in &texts {
            for styled in [inline(text, &plain, false), inline(text, &colour, true)] {
                for width in [0, 20, 23, 31, 40, 59, 60, 61, 79, 80, 100, 140] {
                    for (first, rest) in indents {
                        assert_eq!(
                            wrap(&styled, width, first, rest),
                            reference(&styled, width, first, rest),
                            "{styled:?} at {width}, indents {first:?} {rest:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn code_that_fits_is_the_same_by_the_short_way() {
        let plain = Styles::new(false);
        let loaded = crate::content::load(&crate::content::Source::Embedded).unwrap();
        let mut n = 0;
        for p in loaded.topics.iter().flat_map(|t| &t.pages) {
            for b in &p.blocks {
                if let Block::Code { source, .. } = b {
                    for line in source.lines() {
                        let pieces = code_pieces(line, 10_000);
                        assert_eq!(pieces.len(), 1);
                        let joined: String = pieces[0].iter().map(|(_, t)| t.as_str()).collect();
                        assert_eq!(joined, line);
                        n += 1;
                    }
                    let short = code_lines("python", source, usize::MAX, &plain);
                    let long: Vec<String> = source
                        .trim_end_matches('\n')
                        .lines()
                        .map(|l| format!("  │ {l}").trim_end().to_owned())
                        .collect();
                    assert_eq!(short, long);
                }
            }
        }
        assert!(n > 100, "{n}");
    }

    #[test]
    fn a_continued_line_of_code_keeps_its_indentation() {
        let s = Styles::new(false);
        let src = "def view(request):\n    request.session['cart'] = request.session.get('cart', []) + [item]  # add\n";
        let lines = code_lines("python", src, 50, &s);
        assert!(lines.iter().all(|l| l.chars().count() <= 50), "{lines:?}");
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines[1].starts_with("  │     request"), "{lines:?}");
        for l in &lines[2..] {
            assert!(
                l.starts_with("  ┆     ") && !l.starts_with("  ┆      "),
                "{lines:?}"
            );
        }
        // An indentation wider than half the room is not repeated.
        let deep = format!("{}x = 'a b c d e f g h i j k l m n o p'\n", " ".repeat(30));
        let lines = code_lines("python", &deep, 50, &s);
        assert!(lines.iter().all(|l| l.chars().count() <= 50), "{lines:?}");
        assert!(
            lines[1].starts_with("  ┆ ") && !lines[1].starts_with("  ┆  "),
            "{lines:?}"
        );
    }

    #[test]
    fn a_set_cookie_header_keeps_its_name_and_value_on_the_first_line() {
        let c = "sessionid=abc123; expires=Thu, 15 Jan 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax";
        let lines = set_cookie_lines(c, 40, "  ", "      ");
        assert!(lines.iter().all(|l| display_width(l) <= 40), "{lines:?}");
        assert!(
            lines[0].starts_with("  Set-Cookie: sessionid=abc123;"),
            "{lines:?}"
        );
        assert!(lines[1].starts_with("      "), "{lines:?}");
        assert_eq!(set_cookie_lines("a=b", 40, "", ""), vec!["Set-Cookie: a=b"]);
        let long = format!("sessionid={}; Path=/", "x".repeat(60));
        let lines = set_cookie_lines(&long, 40, "  ", "      ");
        assert!(lines.iter().all(|l| display_width(l) <= 40), "{lines:?}");
        assert!(
            lines[0].starts_with("  Set-Cookie: sessionid=xxx"),
            "{lines:?}"
        );
        assert_eq!(lines.concat().matches('x').count(), 60, "{lines:?}");
    }
}
