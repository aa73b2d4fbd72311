//! A small Python tokenizer for showing code: enough to colour keywords, strings, numbers,
//! comments and builtins. It never fails: anything it does not recognise is plain text.

use super::style::Styles;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Keyword,
    Builtin,
    Str,
    Number,
    Comment,
    Name,
    Punct,
    Space,
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

const BUILTINS: &[&str] = &[
    "bool",
    "dict",
    "enumerate",
    "float",
    "int",
    "isinstance",
    "len",
    "list",
    "max",
    "min",
    "print",
    "range",
    "repr",
    "set",
    "sorted",
    "str",
    "sum",
    "tuple",
    "type",
    "request",
    "HttpResponse",
    "JsonResponse",
    "Http404",
    "redirect",
];

/// Splits one line of Python into tokens. Strings that run past the line end are one token.
pub fn tokenize(line: &str) -> Vec<(Kind, &str)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let c = line[i..].chars().next().unwrap_or(' ');
        let kind = if c == '#' {
            i = bytes.len();
            Kind::Comment
        } else if c.is_whitespace() {
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
            if i == start {
                i += c.len_utf8();
            }
            Kind::Space
        } else if let Some(end) = string_end(line, i) {
            i = end;
            Kind::Str
        } else if c.is_ascii_digit() {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.' || bytes[i] == b'_')
            {
                i += 1;
            }
            Kind::Number
        } else if c.is_alphabetic() || c == '_' {
            while i < line.len() {
                let ch = line[i..].chars().next().unwrap_or(' ');
                if ch.is_alphanumeric() || ch == '_' {
                    i += ch.len_utf8();
                } else {
                    break;
                }
            }
            let word = &line[start..i];
            if KEYWORDS.contains(&word) {
                Kind::Keyword
            } else if BUILTINS.contains(&word) {
                Kind::Builtin
            } else {
                Kind::Name
            }
        } else {
            i += c.len_utf8();
            Kind::Punct
        };
        out.push((kind, &line[start..i]));
    }
    out
}

/// Tokens of several lines of Python (strings may span lines only when triple-quoted; a
/// comment ends at its line).
pub fn tokenize_source(source: &str) -> Vec<(Kind, &str)> {
    source.split('\n').flat_map(tokenize).collect()
}

/// If a string literal (with an optional f/r/b prefix) starts at `i`, where it ends.
fn string_end(line: &str, i: usize) -> Option<usize> {
    let rest = &line[i..];
    let prefix_len = rest
        .bytes()
        .take(2)
        .take_while(|b| matches!(b.to_ascii_lowercase(), b'f' | b'r' | b'b' | b'u'))
        .count();
    let after = &rest[prefix_len..];
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let triple: String = std::iter::repeat_n(quote, 3).collect();
    let (open_len, closing) = if after.starts_with(&triple) {
        (3, triple.as_str())
    } else {
        (1, if quote == '"' { "\"" } else { "'" })
    };
    let body_start = i + prefix_len + open_len;
    let mut j = body_start;
    let bytes = line.as_bytes();
    while j < line.len() {
        if bytes[j] == b'\\' {
            j += 2;
            continue;
        }
        if line[j..].starts_with(closing) {
            return Some(j + closing.len());
        }
        j += line[j..].chars().next().map_or(1, char::len_utf8);
    }
    Some(line.len())
}

/// One line of Python with colours applied (unchanged when colours are off).
pub fn highlight_line(line: &str, styles: &Styles) -> String {
    tokenize(line)
        .into_iter()
        .map(|(kind, text)| {
            let style = match kind {
                Kind::Keyword => &styles.keyword,
                Kind::Builtin => &styles.builtin,
                Kind::Str => &styles.string,
                Kind::Number => &styles.number,
                Kind::Comment => &styles.comment,
                Kind::Name | Kind::Punct | Kind::Space => return text.to_owned(),
            };
            style.apply_to(text).to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(Kind, &str)> {
        tokenize(line)
            .into_iter()
            .filter(|(k, _)| *k != Kind::Space)
            .collect()
    }

    #[test]
    fn tokens_cover_the_line() {
        let line = "    count = request.session.get('visit_count', 0)  # read";
        let joined: String = tokenize(line).into_iter().map(|(_, t)| t).collect();
        assert_eq!(joined, line);
    }

    #[test]
    fn kinds_are_recognised() {
        assert_eq!(
            kinds("def f(x): return f\"n={x!r}\" + 'a\\'b' # c"),
            vec![
                (Kind::Keyword, "def"),
                (Kind::Name, "f"),
                (Kind::Punct, "("),
                (Kind::Name, "x"),
                (Kind::Punct, ")"),
                (Kind::Punct, ":"),
                (Kind::Keyword, "return"),
                (Kind::Str, "f\"n={x!r}\""),
                (Kind::Punct, "+"),
                (Kind::Str, "'a\\'b'"),
                (Kind::Comment, "# c"),
            ]
        );
        assert_eq!(
            kinds("x = 10_000"),
            vec![
                (Kind::Name, "x"),
                (Kind::Punct, "="),
                (Kind::Number, "10_000")
            ]
        );
        assert_eq!(kinds("'''open"), vec![(Kind::Str, "'''open")]);
        assert_eq!(kinds("frame"), vec![(Kind::Name, "frame")]);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for line in ["", "\"", "é'", "b", "\\", "f'", "'''", "0x", "€€"] {
            let joined: String = tokenize(line).into_iter().map(|(_, t)| t).collect();
            assert_eq!(joined, line);
        }
    }
}
