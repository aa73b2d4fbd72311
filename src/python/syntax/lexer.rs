//! Turns source text into tokens, with `Indent`/`Dedent` for blocks, as Python's tokenizer
//! does.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::Num;

/// The most nested indentation levels (Python's own limit).
const MAX_INDENT: usize = 100;
/// The most nested brackets (Python's own limit).
const MAX_BRACKETS: usize = 200;
/// Python 3.11's limit on decimal digits in an int literal.
pub const MAX_INT_DIGITS: usize = 4300;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Name(Rc<str>),
    Int(BigInt),
    Float(f64),
    /// A string literal; `fstring` holds the raw text between the quotes (escapes still in
    /// it), the rest already decoded.
    Str {
        value: Rc<str>,
        fstring: bool,
        raw: bool,
    },
    Bytes(Rc<[u8]>),
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    Eof,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// For f-strings: the line and column where the content starts.
    pub inner: (u32, u32),
}

/// A tokenizer error: Python's exception class, message, line and column.
#[derive(Debug, Clone)]
pub struct LexError {
    pub kind: &'static str,
    pub message: String,
    pub line: u32,
    pub col: u32,
    /// The input ended inside a bracket, string or continuation (for `is_complete`).
    pub incomplete: bool,
    /// The construct is valid Python outside the subset.
    pub unsupported: bool,
}

const OPS3: &[&str] = &["**=", "//=", ">>=", "<<=", "...", "!=="];
const OPS2: &[&str] = &[
    "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "@=", "->", ":=",
];
const OPS1: &[&str] = &[
    "+", "-", "*", "/", "%", "@", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";",
    "&", "|", "^", "~",
];

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    line_start: usize,
    tokens: Vec<Token>,
    indents: Vec<usize>,
    /// The same levels with a tab counted as one column (for TabError).
    alt_indents: Vec<usize>,
    brackets: Vec<(char, u32, u32)>,
    at_line_start: bool,
    /// One shared string for every spelling of a name, so that the evaluator finds a
    /// local by comparing pointers first.
    names: std::collections::HashSet<Rc<str>>,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl Lexer {
    fn col(&self) -> u32 {
        (self.pos - self.line_start) as u32 + 1
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn err(&self, kind: &'static str, message: impl Into<String>, line: u32, col: u32) -> LexError {
        LexError {
            kind,
            message: message.into(),
            line,
            col,
            incomplete: false,
            unsupported: false,
        }
    }

    fn push(&mut self, tok: Tok, line: u32, col: u32) {
        self.tokens.push(Token {
            tok,
            line,
            col,
            inner: (line, col),
        });
    }

    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    fn run(mut self) -> Result<Vec<Token>, LexError> {
        loop {
            if self.tokens.len() > MAX_TOKENS {
                return Err(LexError {
                    kind: "SyntaxError",
                    message: format!("programs this large (more than {MAX_TOKENS} tokens)"),
                    line: self.line,
                    col: 1,
                    incomplete: false,
                    unsupported: true,
                });
            }
            if self.at_line_start && self.brackets.is_empty() {
                if !self.indentation()? {
                    continue;
                }
                self.at_line_start = false;
            }
            let Some(c) = self.peek(0) else { break };
            let (line, col) = (self.line, self.col());
            match c {
                ' ' | '\t' | '\x0c' => self.pos += 1,
                '\r' if self.peek(1) == Some('\n') => self.pos += 1,
                '\n' | '\r' => {
                    self.pos += 1;
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, line, col);
                        self.at_line_start = true;
                    }
                    self.newline();
                }
                '#' => {
                    while let Some(c) = self.peek(0) {
                        if c == '\n' || c == '\r' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                '\\' => {
                    self.pos += 1;
                    match self.peek(0) {
                        Some('\n') => {
                            self.pos += 1;
                            self.newline();
                        }
                        Some('\r') => {
                            self.pos += 1;
                            if self.peek(0) == Some('\n') {
                                self.pos += 1;
                            }
                            self.newline();
                        }
                        None => {
                            let mut e = self.err(
                                "SyntaxError",
                                "unexpected EOF while parsing",
                                line,
                                col + 1,
                            );
                            e.incomplete = true;
                            return Err(e);
                        }
                        Some(_) => {
                            return Err(self.err(
                                "SyntaxError",
                                "unexpected character after line continuation character",
                                line,
                                col + 1,
                            ))
                        }
                    }
                }
                c if c.is_ascii_digit()
                    || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) =>
                {
                    self.number()?
                }
                c if is_ident_start(c) => {
                    let start = self.pos;
                    while self.peek(0).is_some_and(is_ident_char) {
                        self.pos += 1;
                    }
                    let word: String = self.chars[start..self.pos].iter().collect();
                    if let Some(q) = self.peek(0).filter(|q| *q == '\'' || *q == '"') {
                        let lower = word.to_ascii_lowercase();
                        if matches!(
                            lower.as_str(),
                            "r" | "b" | "f" | "u" | "rb" | "br" | "fr" | "rf"
                        ) {
                            self.string(&lower, q, line, col)?;
                            continue;
                        }
                    }
                    let name = match self.names.get(word.as_str()) {
                        Some(n) => n.clone(),
                        None => {
                            let n: Rc<str> = Rc::from(word.as_str());
                            self.names.insert(n.clone());
                            n
                        }
                    };
                    self.push(Tok::Name(name), line, col);
                }
                '\'' | '"' => self.string("", c, line, col)?,
                _ => self.operator(line, col)?,
            }
        }
        let (line, col) = (self.line, self.col());
        if let Some(&(open, l, c)) = self.brackets.last() {
            let mut e = self.err("SyntaxError", format!("'{open}' was never closed"), l, c);
            e.incomplete = true;
            return Err(e);
        }
        if !matches!(
            self.tokens.last().map(|t| &t.tok),
            None | Some(Tok::Newline)
        ) {
            self.push(Tok::Newline, line, col);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, line, col);
        }
        self.push(Tok::Eof, line, col);
        Ok(self.tokens)
    }

    /// Measures the indentation of a new line. Returns `false` when the line was blank or
    /// a comment (consumed), `true` when tokens follow.
    fn indentation(&mut self) -> Result<bool, LexError> {
        // `width` counts a tab to the next multiple of 8, `alt` counts it as one column: as in
        // CPython's tokenizer, indentation that compares differently under the two is a TabError.
        let (mut width, mut alt) = (0usize, 0usize);
        while let Some(c) = self.peek(0) {
            match c {
                ' ' => (width, alt) = (width + 1, alt + 1),
                '\t' => (width, alt) = ((width / 8 + 1) * 8, alt + 1),
                '\x0c' => (width, alt) = (0, 0),
                _ => break,
            }
            self.pos += 1;
        }
        match self.peek(0) {
            None => return Ok(true),
            Some('#') => {
                while self.peek(0).is_some_and(|c| c != '\n' && c != '\r') {
                    self.pos += 1;
                }
                self.eat_line_end();
                return Ok(false);
            }
            Some('\n') | Some('\r') => {
                self.eat_line_end();
                return Ok(false);
            }
            Some('\\') if matches!(self.peek(1), Some('\n') | Some('\r')) => {
                // A continuation right after the indentation: indentation of this line counts.
            }
            _ => {}
        }
        let (line, col) = (self.line, self.col());
        let current = *self.indents.last().unwrap_or(&0);
        let current_alt = *self.alt_indents.last().unwrap_or(&0);
        let tab_error = |me: &Self| {
            me.err(
                "TabError",
                "inconsistent use of tabs and spaces in indentation",
                line,
                col,
            )
        };
        if width == current && alt != current_alt {
            return Err(tab_error(self));
        }
        if width > current {
            if alt <= current_alt {
                return Err(tab_error(self));
            }
            if self.indents.len() > MAX_INDENT {
                return Err(self.err(
                    "IndentationError",
                    "too many levels of indentation",
                    line,
                    col,
                ));
            }
            self.indents.push(width);
            self.alt_indents.push(alt);
            self.push(Tok::Indent, line, col);
        } else if width < current {
            while *self.indents.last().unwrap_or(&0) > width {
                self.indents.pop();
                self.alt_indents.pop();
                self.push(Tok::Dedent, line, col);
            }
            if *self.indents.last().unwrap_or(&0) != width {
                return Err(self.err(
                    "IndentationError",
                    "unindent does not match any outer indentation level",
                    line,
                    col,
                ));
            }
            if *self.alt_indents.last().unwrap_or(&0) != alt {
                return Err(tab_error(self));
            }
        }
        Ok(true)
    }

    fn eat_line_end(&mut self) {
        match self.peek(0) {
            Some('\r') => {
                self.pos += 1;
                if self.peek(0) == Some('\n') {
                    self.pos += 1;
                }
                self.newline();
            }
            Some('\n') => {
                self.pos += 1;
                self.newline();
            }
            _ => {}
        }
    }

    fn operator(&mut self, line: u32, col: u32) -> Result<(), LexError> {
        let rest: String = self.chars[self.pos..(self.pos + 3).min(self.chars.len())]
            .iter()
            .collect();
        let op = OPS3
            .iter()
            .chain(OPS2)
            .chain(OPS1)
            .find(|op| rest.starts_with(**op))
            .copied();
        let Some(op) = op else {
            let c = self.chars[self.pos];
            if c == '!' || c == '$' || c == '?' || c == '`' || c.is_ascii() {
                return Err(self.err("SyntaxError", "invalid syntax", line, col));
            }
            return Err(self.err(
                "SyntaxError",
                format!("invalid character '{c}' (U+{:04X})", c as u32),
                line,
                col,
            ));
        };
        let op = if op == "!==" { "!=" } else { op };
        self.pos += op.chars().count();
        match op {
            "(" | "[" | "{" => {
                if self.brackets.len() >= MAX_BRACKETS {
                    return Err(self.err("SyntaxError", "too many nested parentheses", line, col));
                }
                self.brackets
                    .push((op.chars().next().unwrap_or('('), line, col));
            }
            ")" | "]" | "}" => {
                let close = op.chars().next().unwrap_or(')');
                match self.brackets.pop() {
                    None => {
                        return Err(self.err(
                            "SyntaxError",
                            format!("unmatched '{close}'"),
                            line,
                            col,
                        ))
                    }
                    Some((open, l, _)) => {
                        let expected = match open {
                            '(' => ')',
                            '[' => ']',
                            _ => '}',
                        };
                        if expected != close {
                            let msg = if l == line {
                                format!(
                                    "closing parenthesis '{close}' does not match opening parenthesis '{open}'"
                                )
                            } else {
                                format!(
                                    "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {l}"
                                )
                            };
                            return Err(self.err("SyntaxError", msg, line, col));
                        }
                    }
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), line, col);
        Ok(())
    }

    fn number(&mut self) -> Result<(), LexError> {
        let (line, col) = (self.line, self.col());
        let invalid = |lx: &Lexer, what: &str| {
            lx.err(
                "SyntaxError",
                format!("invalid {what} literal"),
                line,
                lx.col(),
            )
        };
        if self.peek(0) == Some('0')
            && matches!(self.peek(1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B'))
        {
            let (radix, what) = match self.peek(1) {
                Some('x' | 'X') => (16, "hexadecimal"),
                Some('o' | 'O') => (8, "octal"),
                _ => (2, "binary"),
            };
            self.pos += 2;
            let mut digits = String::new();
            loop {
                match self.peek(0) {
                    Some('_') if self.peek(1).is_some_and(|c| c.is_digit(radix)) => self.pos += 1,
                    Some(c) if c.is_digit(radix) => {
                        digits.push(c);
                        self.pos += 1;
                    }
                    Some(c) if is_ident_char(c) => return Err(invalid(self, what)),
                    _ => break,
                }
            }
            if digits.is_empty() {
                return Err(invalid(self, what));
            }
            let n = BigInt::from_str_radix(&digits, radix).map_err(|_| invalid(self, what))?;
            self.push(Tok::Int(n), line, col);
            return Ok(());
        }
        let mut text = String::new();
        let mut is_float = false;
        let digits = |lx: &mut Lexer, text: &mut String| -> Result<(), LexError> {
            loop {
                match lx.peek(0) {
                    Some('_') => {
                        if lx.peek(1).is_some_and(|c| c.is_ascii_digit()) {
                            lx.pos += 1;
                        } else {
                            lx.pos += 1;
                            return Err(invalid(lx, "decimal"));
                        }
                    }
                    Some(c) if c.is_ascii_digit() => {
                        text.push(c);
                        lx.pos += 1;
                    }
                    _ => return Ok(()),
                }
            }
        };
        digits(self, &mut text)?;
        if self.peek(0) == Some('.') {
            is_float = true;
            text.push('.');
            self.pos += 1;
            digits(self, &mut text)?;
        }
        if matches!(self.peek(0), Some('e' | 'E')) {
            let sign = matches!(self.peek(1), Some('+' | '-'));
            let digit_at = if sign { 2 } else { 1 };
            if self.peek(digit_at).is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                text.push('e');
                if sign {
                    text.push(self.chars[self.pos + 1]);
                }
                self.pos += digit_at;
                digits(self, &mut text)?;
            } else {
                return Err(invalid(self, "decimal"));
            }
        }
        if matches!(self.peek(0), Some('j' | 'J')) {
            let mut e = self.err("SyntaxError", "complex numbers", line, col);
            e.unsupported = true;
            return Err(e);
        }
        if self.peek(0).is_some_and(is_ident_char) {
            return Err(invalid(self, "decimal"));
        }
        if is_float {
            let f: f64 = text.parse().map_err(|_| invalid(self, "decimal"))?;
            self.push(Tok::Float(f), line, col);
        } else {
            if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
                return Err(self.err(
                    "SyntaxError",
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col,
                ));
            }
            if text.len() > MAX_INT_DIGITS {
                return Err(self.err(
                    "SyntaxError",
                    format!(
                        "Exceeds the limit ({MAX_INT_DIGITS} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                        text.len()
                    ),
                    line,
                    col,
                ));
            }
            let n = BigInt::from_str_radix(&text, 10).map_err(|_| invalid(self, "decimal"))?;
            self.push(Tok::Int(n), line, col);
        }
        Ok(())
    }

    fn string(&mut self, prefix: &str, quote: char, line: u32, col: u32) -> Result<(), LexError> {
        let raw = prefix.contains('r');
        let bytes = prefix.contains('b');
        let fstring = prefix.contains('f');
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.pos += if triple { 3 } else { 1 };
        let inner = (self.line, self.col());
        let mut content = String::new();
        loop {
            let Some(c) = self.peek(0) else {
                let (what, incomplete) = if triple {
                    ("unterminated triple-quoted string literal", true)
                } else {
                    ("unterminated string literal", false)
                };
                let mut e = self.err(
                    "SyntaxError",
                    format!("{what} (detected at line {})", self.line),
                    line,
                    col,
                );
                e.incomplete = incomplete;
                return Err(e);
            };
            if c == quote {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.peek(1) == Some(quote) && self.peek(2) == Some(quote) {
                    self.pos += 3;
                    break;
                }
            }
            if (c == '\n' || c == '\r') && !triple {
                return Err(self.err(
                    "SyntaxError",
                    format!(
                        "unterminated string literal (detected at line {})",
                        self.line
                    ),
                    line,
                    col,
                ));
            }
            if c == '\\' {
                if let Some(next) = self.peek(1) {
                    content.push(c);
                    content.push(next);
                    self.pos += 2;
                    if next == '\n' {
                        self.newline();
                    } else if next == '\r' {
                        if self.peek(0) == Some('\n') {
                            content.push('\n');
                            self.pos += 1;
                        }
                        self.newline();
                    }
                    continue;
                }
                content.push(c);
                self.pos += 1;
                continue;
            }
            content.push(c);
            self.pos += 1;
            if c == '\n' {
                self.newline();
            } else if c == '\r' {
                if self.peek(0) == Some('\n') {
                    content.push('\n');
                    self.pos += 1;
                }
                self.newline();
            }
        }
        let content = content.replace("\r\n", "\n").replace('\r', "\n");
        if bytes {
            if !content.is_ascii() {
                return Err(self.err(
                    "SyntaxError",
                    "bytes can only contain ASCII literal characters",
                    line,
                    col,
                ));
            }
            let decoded = if raw {
                content.into_bytes()
            } else {
                decode_escapes(&content, true)
                    .map_err(|m| self.err("SyntaxError", m, line, col))?
                    .into_iter()
                    .map(|c| c as u8)
                    .collect()
            };
            self.push(Tok::Bytes(Rc::from(decoded)), line, col);
            return Ok(());
        }
        let value = if raw || fstring {
            content
        } else {
            decode_escapes(&content, false)
                .map_err(|m| self.err("SyntaxError", m, line, col))?
                .into_iter()
                .collect()
        };
        self.tokens.push(Token {
            tok: Tok::Str {
                value: Rc::from(value.as_str()),
                fstring,
                raw,
            },
            line,
            col,
            inner,
        });
        Ok(())
    }
}

/// Decodes backslash escapes. For bytes, `\u` and `\N` are not escapes and every result
/// char is below 256.
pub fn decode_escapes(s: &str, bytes: bool) -> Result<Vec<char>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' || i + 1 >= chars.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let e = chars[i + 1];
        i += 2;
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut n = e.to_digit(8).unwrap_or(0);
                let mut k = 0;
                while k < 2 && i < chars.len() && chars[i].is_digit(8) {
                    n = n * 8 + chars[i].to_digit(8).unwrap_or(0);
                    i += 1;
                    k += 1;
                }
                let n = if bytes { n & 0xff } else { n };
                out.push(char::from_u32(n).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' if e == 'x' || !bytes => {
                let len = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = chars[i..(i + len).min(chars.len())].iter().collect();
                if hex.len() != len || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\{}{} escape",
                        e,
                        "X".repeat(len)
                    ));
                }
                i += len;
                let n = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
                match char::from_u32(n) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(
                            "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character".into(),
                        )
                    }
                }
            }
            'N' if !bytes => return Err("\\N{...} escapes".into()),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Tokenizes a whole source text.
/// The most tokens a program may have (a views module is a few thousand; a literal of a
/// million items is two million).
pub const MAX_TOKENS: usize = 1_000_000;

pub fn tokenize(src: &str) -> Result<Vec<Token>, LexError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    Lexer {
        chars: src.chars().collect(),
        pos: 0,
        line: 1,
        line_start: 0,
        tokens: Vec::new(),
        indents: vec![0],
        alt_indents: vec![0],
        brackets: Vec::new(),
        at_line_start: true,
        names: std::collections::HashSet::new(),
    }
    .run()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn err(src: &str) -> (String, u32, u32) {
        let e = tokenize(src).unwrap_err();
        (e.message, e.line, e.col)
    }

    #[test]
    fn indentation_produces_indent_and_dedent() {
        let t = toks("if x:\n    y = 1\n\n    # c\nz\n");
        assert!(t.contains(&Tok::Indent));
        assert!(t.contains(&Tok::Dedent));
        let indents = t.iter().filter(|t| **t == Tok::Indent).count();
        assert_eq!(indents, 1);
    }

    #[test]
    fn brackets_join_lines() {
        let t = toks("x = (1,\n  2)\n");
        assert_eq!(t.iter().filter(|t| **t == Tok::Newline).count(), 1);
    }

    #[test]
    fn string_escapes_and_prefixes() {
        let t = toks(r#"a = 'x\n\'y' + r'\n' + b'\x41' + "\u00e9""#);
        assert!(t.contains(&Tok::Str {
            value: Rc::from("x\n'y"),
            fstring: false,
            raw: false
        }));
        assert!(t.contains(&Tok::Str {
            value: Rc::from("\\n"),
            fstring: false,
            raw: true
        }));
        assert!(t.contains(&Tok::Bytes(Rc::from(&b"A"[..]))));
        assert!(t.contains(&Tok::Str {
            value: Rc::from("é"),
            fstring: false,
            raw: false
        }));
    }

    #[test]
    fn numbers() {
        let t = toks("1_000 0x_ff 1.5e3 .5 0 00");
        assert_eq!(t[0], Tok::Int(BigInt::from(1000)));
        assert_eq!(t[1], Tok::Int(BigInt::from(255)));
        assert_eq!(t[2], Tok::Float(1500.0));
        assert_eq!(t[3], Tok::Float(0.5));
        assert_eq!(t[5], Tok::Int(BigInt::from(0)));
    }

    #[test]
    fn errors_match_python() {
        assert_eq!(err("x = (1,"), ("'(' was never closed".into(), 1, 5));
        assert_eq!(err("x = )"), ("unmatched ')'".into(), 1, 5));
        assert_eq!(
            err("x = (]"),
            (
                "closing parenthesis ']' does not match opening parenthesis '('".into(),
                1,
                6
            )
        );
        assert_eq!(
            err("x = 'abc"),
            (
                "unterminated string literal (detected at line 1)".into(),
                1,
                5
            )
        );
        assert_eq!(
            err("x = \"\"\"abc"),
            (
                "unterminated triple-quoted string literal (detected at line 1)".into(),
                1,
                5
            )
        );
        assert_eq!(
            err("if x:\n    a\n  b"),
            (
                "unindent does not match any outer indentation level".into(),
                3,
                3
            )
        );
        assert_eq!(err("x = 1 $"), ("invalid syntax".into(), 1, 7));
        assert_eq!(
            err("x = €"),
            ("invalid character '€' (U+20AC)".into(), 1, 5)
        );
        assert_eq!(err("x = 10_").0, "invalid decimal literal");
        assert!(err("0123").0.starts_with("leading zeros"));
    }

    #[test]
    fn deep_brackets_are_refused() {
        let src = "(".repeat(1000);
        assert_eq!(err(&src).0, "too many nested parentheses");
    }
}
