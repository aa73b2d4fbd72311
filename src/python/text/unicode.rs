//! Character properties and case mappings as CPython 3.11 has them (Unicode 14.0.0), from the
//! tables `scripts/unicode_tables.py` writes into `unicode_data.rs`. Rust's own `char` methods
//! follow a newer Unicode: characters assigned since 14.0.0 are unassigned for CPython 3.11
//! (no case, not a letter, not printable), so the str methods ask these tables instead.

use super::unicode_data::*;

pub(crate) const ALPHA: u16 = 1 << 0;
pub(crate) const DECIMAL: u16 = 1 << 1;
pub(crate) const DIGIT: u16 = 1 << 2;
pub(crate) const NUMERIC: u16 = 1 << 3;
pub(crate) const LOWER: u16 = 1 << 4;
pub(crate) const UPPER: u16 = 1 << 5;
pub(crate) const TITLE: u16 = 1 << 6;
pub(crate) const SPACE: u16 = 1 << 7;
pub(crate) const PRINTABLE: u16 = 1 << 8;
pub(crate) const ID_START: u16 = 1 << 9;
pub(crate) const ID_CONTINUE: u16 = 1 << 10;
pub(crate) const CASED: u16 = 1 << 11;
pub(crate) const CASE_IGNORABLE: u16 = 1 << 12;

/// The flag set of a character.
pub(crate) fn flags(c: char) -> u16 {
    let key = (c as u32) << 8 | 0xff;
    let at = RUNS.partition_point(|&e| e <= key);
    // RUNS starts at code point 0, so `at` is at least 1.
    FLAG_SETS[(RUNS[at - 1] & 0xff) as usize]
}

pub(crate) fn has(c: char, flag: u16) -> bool {
    if c.is_ascii() {
        let b = c as u8;
        return match flag {
            ALPHA => b.is_ascii_alphabetic(),
            DECIMAL | DIGIT | NUMERIC => b.is_ascii_digit(),
            LOWER => b.is_ascii_lowercase(),
            UPPER => b.is_ascii_uppercase(),
            SPACE => matches!(b, b' ' | b'\t'..=b'\r' | 0x1c..=0x1f),
            _ => flags(c) & flag != 0,
        };
    }
    flags(c) & flag != 0
}

/// The value of a decimal digit (`str.isdecimal`), of any script.
pub(crate) fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    if !has(c, DECIMAL) {
        return None;
    }
    let at = DECIMAL_ZEROS.partition_point(|&z| z <= c as u32);
    Some(c as u32 - DECIMAL_ZEROS[at - 1])
}

/// The case mappings `str` applies to one character at a time.
#[derive(Clone, Copy)]
pub(crate) enum Case {
    Lower,
    Upper,
    Title,
    Fold,
}

/// A mapping table: its runs of one-character mappings, and its mappings to several characters.
type Table = (&'static [(u32, i32)], &'static [(u16, [u16; 3])]);

fn push_mapped(out: &mut String, c: char, case: Case) {
    let (runs, multi): Table = match case {
        Case::Lower => (&LOWER_RUNS, &LOWER_MULTI),
        Case::Upper => (&UPPER_RUNS, &UPPER_MULTI),
        Case::Title => (&TITLE_RUNS, &TITLE_MULTI),
        Case::Fold => (&FOLD_RUNS, &FOLD_MULTI),
    };
    let cp = c as u32;
    if cp <= 0xffff {
        if let Ok(i) = multi.binary_search_by_key(&(cp as u16), |e| e.0) {
            for &u in multi[i].1.iter().take_while(|&&u| u != 0) {
                out.push(char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            return;
        }
    }
    let at = runs.partition_point(|e| e.0 & 0x1f_ffff <= cp);
    if at > 0 {
        let (packed, delta) = runs[at - 1];
        let start = packed & 0x1f_ffff;
        let stride = (packed >> 21 & 1) + 1;
        let count = packed >> 22;
        let off = cp - start;
        if off % stride == 0 && off / stride < count {
            if let Some(m) = char::from_u32(cp.wrapping_add_signed(delta)) {
                out.push(m);
                return;
            }
        }
    }
    out.push(c);
}

/// Appends the mapping of `text[i]` (final sigma as CPython places it, in every mapping but
/// the case fold).
fn push_at(out: &mut String, chars: &[char], i: usize, case: Case) {
    let c = chars[i];
    if c.is_ascii() {
        out.push(match case {
            Case::Upper | Case::Title => c.to_ascii_uppercase(),
            Case::Lower | Case::Fold => c.to_ascii_lowercase(),
        });
    } else if c == '\u{3a3}' && matches!(case, Case::Lower) {
        out.push(if final_sigma(chars, i) { 'ς' } else { 'σ' });
    } else {
        push_mapped(out, c, case);
    }
}

/// Whether the capital sigma at `i` ends a word: a cased letter before it and none after it,
/// skipping the case-ignorable characters between.
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|&&c| !has(c, CASE_IGNORABLE));
    if !before.is_some_and(|&c| has(c, CASED)) {
        return false;
    }
    let after = chars[i + 1..].iter().find(|&&c| !has(c, CASE_IGNORABLE));
    !after.is_some_and(|&c| has(c, CASED))
}

/// `str.lower`, `str.upper`, `str.casefold`.
pub(crate) fn map_case(text: &str, case: Case) -> String {
    if text.is_ascii() {
        return match case {
            Case::Upper | Case::Title => text.to_ascii_uppercase(),
            Case::Lower | Case::Fold => text.to_ascii_lowercase(),
        };
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for i in 0..chars.len() {
        push_at(&mut out, &chars, i, case);
    }
    out
}

/// `str.title`: a cased character after another gets its lowercase, any other its titlecase.
pub(crate) fn title(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut prev_cased = false;
    for i in 0..chars.len() {
        push_at(
            &mut out,
            &chars,
            i,
            if prev_cased { Case::Lower } else { Case::Title },
        );
        prev_cased = has(chars[i], CASED);
    }
    out
}

/// `str.capitalize`: the titlecase of the first character, the lowercase of the others.
pub(crate) fn capitalize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for i in 0..chars.len() {
        push_at(
            &mut out,
            &chars,
            i,
            if i == 0 { Case::Title } else { Case::Lower },
        );
    }
    out
}

/// `str.swapcase`: an uppercase character gets its lowercase, a lowercase one its uppercase.
pub(crate) fn swapcase(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for i in 0..chars.len() {
        let c = chars[i];
        if has(c, UPPER) {
            push_at(&mut out, &chars, i, Case::Lower);
        } else if has(c, LOWER) {
            push_at(&mut out, &chars, i, Case::Upper);
        } else {
            out.push(c);
        }
    }
    out
}

/// `str.istitle`: uppercase and titlecase characters only after an uncased one, lowercase
/// ones only after a cased one, and at least one cased character.
pub(crate) fn is_title(text: &str) -> bool {
    let mut prev_cased = false;
    let mut cased = false;
    for c in text.chars() {
        let f = flags(c);
        if f & (UPPER | TITLE) != 0 {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if f & LOWER != 0 {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// `str.islower` (`flag` LOWER) and `str.isupper` (UPPER): at least one cased character and
/// no cased character of the other kind.
pub(crate) fn is_case(text: &str, flag: u16, other: u16) -> bool {
    let mut cased = false;
    for c in text.chars() {
        let f = flags(c);
        if f & (other | TITLE) != 0 {
            return false;
        }
        if f & flag != 0 {
            cased = true;
        }
    }
    cased
}

/// `str.isidentifier`.
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| has(c, ID_START)) && chars.all(|c| has(c, ID_CONTINUE))
}

/// The text `int()` and `float()` parse, as CPython makes it: a non-ASCII space becomes a
/// space, a decimal digit of any script its ASCII digit, and any other non-ASCII character
/// ends the text with a `?` (which no number accepts).
pub(crate) fn number_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if has(c, SPACE) {
            out.push(' ');
        } else if let Some(d) = decimal_value(c) {
            out.push(char::from(b'0' + d as u8));
        } else {
            out.push('?');
            break;
        }
    }
    std::borrow::Cow::Owned(out)
}
