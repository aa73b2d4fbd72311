//! Reading TOML files into the program's types, with the position of every problem.
//!
//! The file is parsed once by the `toml` crate into its spanned document (`toml::de::DeTable`),
//! then read into the wanted type through the one deserializer below. `toml::from_str` does
//! the same with a family of deserializers (document, value, table, array, key, enum, span),
//! and serde's generated code is repeated for each of them and for every type: about 400 KB of
//! the binary. This one asks each value for what the type expects (a table for a struct, an
//! array for a list) and keeps one map access, so each type's code is generated once.
//!
//! Messages and positions are those `toml::from_str` gives: serde's own wording, located at
//! the innermost key or value the problem is in. One difference: a struct must be written as
//! a table (`toml` also takes an array of its fields in order, which no content does).

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Unexpected, Visitor};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A problem reading a file: its message and, when known, the byte range it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
    span: Option<Range<usize>>,
}

impl Error {
    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    fn at(mut self, span: &Range<usize>) -> Self {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        self
    }

    fn spanned(message: &str, span: &Range<usize>) -> Self {
        Error {
            message: message.to_owned(),
            span: Some(span.clone()),
        }
    }
}

impl From<toml::de::Error> for Error {
    fn from(e: toml::de::Error) -> Self {
        Error {
            message: e.message().to_owned(),
            span: e.span(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            span: None,
        }
    }
}

/// Reads a TOML document into `T`.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    T::deserialize(document(text)?)
}

/// Parses a TOML document (kept out of the generic code).
fn document(text: &str) -> Result<De<'_>, Error> {
    let root = DeTable::parse(text)?;
    let span = root.span();
    Ok(De {
        val: Val::Toml(DeValue::Table(root.into_inner())),
        span,
    })
}

// The names `toml::Spanned` and `toml::value::Datetime` use to ask a deserializer for their
// parts (serde_spanned and toml_datetime keep them private; a test checks them).
const SPANNED: &str = "$__serde_spanned_private_Spanned";
const SPANNED_START: &str = "$__serde_spanned_private_start";
const SPANNED_END: &str = "$__serde_spanned_private_end";
const SPANNED_VALUE: &str = "$__serde_spanned_private_value";
const DATETIME: &str = "$__toml_private_datetime";

/// A value to read: a TOML value, or a key or position the deserializer hands out.
enum Val<'de> {
    Toml(DeValue<'de>),
    Str(Cow<'de, str>),
    Usize(usize),
}

/// The deserializer: a value and the byte range it came from.
struct De<'de> {
    val: Val<'de>,
    span: Range<usize>,
}

impl<'de> De<'de> {
    fn value(v: Spanned<DeValue<'de>>) -> Self {
        let span = v.span();
        De {
            val: Val::Toml(v.into_inner()),
            span,
        }
    }

    fn text(s: Cow<'de, str>, span: Range<usize>) -> Self {
        De {
            val: Val::Str(s),
            span,
        }
    }

    /// What the value is, for a message "invalid type: …, expected …".
    fn unexpected(&self) -> Unexpected<'_> {
        match &self.val {
            Val::Str(s) => Unexpected::Str(s),
            Val::Usize(n) => Unexpected::Unsigned(*n as u64),
            Val::Toml(v) => match v {
                DeValue::String(s) => Unexpected::Str(s),
                DeValue::Integer(i) => match integer(i) {
                    Int::I64(n) => Unexpected::Signed(n),
                    Int::U64(n) => Unexpected::Unsigned(n),
                    _ => Unexpected::Other("integer"),
                },
                DeValue::Float(f) => match float(f) {
                    Some(x) => Unexpected::Float(x),
                    None => Unexpected::Other("floating point"),
                },
                DeValue::Boolean(b) => Unexpected::Bool(*b),
                DeValue::Datetime(_) | DeValue::Table(_) => Unexpected::Map,
                DeValue::Array(_) => Unexpected::Seq,
            },
        }
    }

    fn invalid<V: Visitor<'de>>(self, visitor: &V) -> Error {
        let e: Error = de::Error::invalid_type(self.unexpected(), visitor);
        e.at(&self.span)
    }

    /// A table (or a datetime, which TOML's deserializers hand out as a one-key table) as a
    /// map; anything else is refused without asking the visitor.
    fn map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.span.clone();
        let access = match self.val {
            Val::Toml(DeValue::Table(t)) => MapAcc::table(t, span.clone()),
            Val::Toml(DeValue::Datetime(d)) => MapAcc::datetime(d.to_string(), span.clone()),
            _ => return Err(self.invalid(&visitor)),
        };
        visitor.visit_map(access).map_err(|e: Error| e.at(&span))
    }

    fn seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.span.clone();
        match self.val {
            Val::Toml(DeValue::Array(a)) => visitor
                .visit_seq(SeqAcc {
                    items: a.into_iter(),
                })
                .map_err(|e: Error| e.at(&span)),
            _ => Err(self.invalid(&visitor)),
        }
    }
}

enum Int {
    I64(i64),
    U64(u64),
    I128(i128),
    U128(u128),
    Overflow,
}

fn integer(i: &toml::de::DeInteger<'_>) -> Int {
    let (s, radix) = (i.as_str(), i.radix());
    if let Ok(n) = i64::from_str_radix(s, radix) {
        Int::I64(n)
    } else if let Ok(n) = u64::from_str_radix(s, radix) {
        Int::U64(n)
    } else if let Ok(n) = i128::from_str_radix(s, radix) {
        Int::I128(n)
    } else if let Ok(n) = u128::from_str_radix(s, radix) {
        Int::U128(n)
    } else {
        Int::Overflow
    }
}

/// A float as `toml` reads it: a finite number that overflows is refused.
fn float(f: &toml::de::DeFloat<'_>) -> Option<f64> {
    let x: f64 = f.as_str().parse().ok()?;
    (!x.is_infinite() || f.as_str().contains("inf")).then_some(x)
}

impl<'de> de::Deserializer<'de> for De<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.span;
        match self.val {
            Val::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Val::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Val::Usize(n) => visitor.visit_u64(n as u64),
            Val::Toml(v) => match v {
                DeValue::String(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
                DeValue::String(Cow::Owned(s)) => visitor.visit_string(s),
                DeValue::Integer(i) => match integer(&i) {
                    Int::I64(n) => visitor.visit_i64(n),
                    Int::U64(n) => visitor.visit_u64(n),
                    Int::I128(n) => visitor.visit_i128(n),
                    Int::U128(n) => visitor.visit_u128(n),
                    Int::Overflow => Err(Error::spanned("integer number overflowed", &span)),
                },
                DeValue::Float(f) => match float(&f) {
                    Some(x) => visitor.visit_f64(x),
                    None => Err(Error::spanned("floating-point number overflowed", &span)),
                },
                DeValue::Boolean(b) => visitor.visit_bool(b),
                DeValue::Datetime(d) => {
                    visitor.visit_map(MapAcc::datetime(d.to_string(), span.clone()))
                }
                DeValue::Array(a) => visitor.visit_seq(SeqAcc {
                    items: a.into_iter(),
                }),
                DeValue::Table(t) => visitor.visit_map(MapAcc::table(t, span.clone())),
            },
        }
        .map_err(|e: Error| e.at(&span))
    }

    // `None` is a missing field, so a present value is always `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.span.clone();
        visitor.visit_some(self).map_err(|e: Error| e.at(&span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let span = self.span.clone();
        visitor
            .visit_newtype_struct(self)
            .map_err(|e: Error| e.at(&span))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED {
            let span = self.span.clone();
            return visitor
                .visit_map(MapAcc::Spanned {
                    next: 0,
                    span: span.clone(),
                    value: Some(self),
                })
                .map_err(|e: Error| e.at(&span));
        }
        self.map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.map(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.seq(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.seq(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.span.clone();
        match self.val {
            Val::Str(Cow::Borrowed(s)) | Val::Toml(DeValue::String(Cow::Borrowed(s))) => {
                visitor.visit_borrowed_str(s)
            }
            Val::Str(Cow::Owned(s)) | Val::Toml(DeValue::String(Cow::Owned(s))) => {
                visitor.visit_string(s)
            }
            _ => return Err(self.invalid(&visitor)),
        }
        .map_err(|e: Error| e.at(&span))
    }

    // Called for an enum type (a field's value), written as a string (a unit variant) or as a
    // table of one entry (`variant = value`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let span = self.span;
        let access = match self.val {
            Val::Str(s) | Val::Toml(DeValue::String(s)) => EnumAcc {
                variant: De::text(s, span.clone()),
                value: None,
            },
            Val::Toml(DeValue::Table(t)) => {
                let many = t.len() > 1;
                let Some((key, value)) = t.into_iter().next().filter(|_| !many) else {
                    let message = if many {
                        "wanted exactly 1 element, more than 1 element"
                    } else {
                        "wanted exactly 1 element, found 0 elements"
                    };
                    return Err(Error::spanned(message, &span));
                };
                let key_span = key.span();
                EnumAcc {
                    variant: De::text(key.into_inner(), key_span),
                    value: Some(De::value(value)),
                }
            }
            _ => return Err(Error::spanned("wanted string or table", &span)),
        };
        visitor.visit_enum(access).map_err(|e: Error| e.at(&span))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string
        bytes byte_buf unit unit_struct
    }
}

impl<'de> de::IntoDeserializer<'de, Error> for De<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

struct SeqAcc<'de> {
    items: std::vec::IntoIter<Spanned<DeValue<'de>>>,
}

impl<'de> de::SeqAccess<'de> for SeqAcc<'de> {
    type Error = Error;

    // Not inlined: each element type's deserializer is then made once, not once in every
    // sequence visitor that holds it.
    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(v) => seed.deserialize(De::value(v)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// Every map the deserializer hands out: a table's entries, the parts of a `Spanned` or of a
/// datetime. One type, so that each visitor is generated once.
enum MapAcc<'de> {
    Table {
        entries: toml::map::IntoIter<Spanned<Cow<'de, str>>, Spanned<DeValue<'de>>>,
        value: Option<Spanned<DeValue<'de>>>,
    },
    /// Start, end, value; `next` is the part whose key comes next.
    Spanned {
        next: u8,
        span: Range<usize>,
        value: Option<De<'de>>,
    },
    Datetime {
        text: Option<String>,
        span: Range<usize>,
    },
}

impl<'de> MapAcc<'de> {
    fn table(t: DeTable<'de>, _span: Range<usize>) -> Self {
        MapAcc::Table {
            entries: t.into_iter(),
            value: None,
        }
    }

    fn datetime(text: String, span: Range<usize>) -> Self {
        MapAcc::Datetime {
            text: Some(text),
            span,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapAcc<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key = match self {
            MapAcc::Table { entries, value } => match entries.next() {
                Some((k, v)) => {
                    *value = Some(v);
                    let span = k.span();
                    De::text(k.into_inner(), span)
                }
                None => return Ok(None),
            },
            MapAcc::Spanned { next, span, .. } => {
                let name = match next {
                    0 => SPANNED_START,
                    1 => SPANNED_END,
                    2 => SPANNED_VALUE,
                    _ => return Ok(None),
                };
                De::text(Cow::Borrowed(name), span.clone())
            }
            MapAcc::Datetime { text, span } => match text {
                Some(_) => De::text(Cow::Borrowed(DATETIME), span.clone()),
                None => return Ok(None),
            },
        };
        seed.deserialize(key).map(Some)
    }

    // Not inlined, as `next_element_seed`.
    #[inline(never)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = match self {
            // A problem found after the value was read (a check of its own) is located at
            // the value.
            MapAcc::Table { value, .. } => {
                return match value.take() {
                    Some(v) => {
                        let span = v.span();
                        seed.deserialize(De::value(v))
                            .map_err(|e: Error| e.at(&span))
                    }
                    None => Err(de::Error::custom("a value was asked for before its key")),
                };
            }
            MapAcc::Spanned { next, span, value } => {
                *next += 1;
                match next {
                    1 => Some(De {
                        val: Val::Usize(span.start),
                        span: span.clone(),
                    }),
                    2 => Some(De {
                        val: Val::Usize(span.end),
                        span: span.clone(),
                    }),
                    _ => value.take(),
                }
            }
            MapAcc::Datetime { text, span } => {
                text.take().map(|t| De::text(Cow::Owned(t), span.clone()))
            }
        };
        match value {
            Some(v) => seed.deserialize(v),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
}

/// An enum's variant name, and its value when it was written as a table.
struct EnumAcc<'de> {
    variant: De<'de>,
    value: Option<De<'de>>,
}

impl<'de> de::EnumAccess<'de> for EnumAcc<'de> {
    type Error = Error;
    type Variant = VariantAcc<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let name = seed.deserialize(self.variant)?;
        Ok((name, VariantAcc { value: self.value }))
    }
}

struct VariantAcc<'de> {
    value: Option<De<'de>>,
}

impl<'de> de::VariantAccess<'de> for VariantAcc<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        let Some(v) = self.value else {
            return Ok(());
        };
        let message = match &v.val {
            Val::Toml(DeValue::Table(t)) if t.is_empty() => return Ok(()),
            Val::Toml(DeValue::Array(a)) if a.is_empty() => return Ok(()),
            Val::Toml(DeValue::Table(_)) => "expected empty table".to_owned(),
            Val::Toml(DeValue::Array(_)) => "expected empty array".to_owned(),
            Val::Toml(other) => format!("expected table, found {}", other.type_str()),
            _ => "expected table, found string".to_owned(),
        };
        Err(Error::spanned(&message, &v.span))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            Some(v) => seed.deserialize(v),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Some(v) => v.seq(visitor),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(v) => v.map(visitor),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        version: u32,
        title: Spanned<String>,
        #[serde(default)]
        note: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        level: Option<Level>,
        #[serde(default, rename = "item")]
        items: Vec<Item>,
        #[serde(default)]
        block: Vec<Block>,
        #[serde(default)]
        extra: Option<toml::Table>,
        #[serde(default)]
        pair: Option<(String, i64)>,
        #[serde(default)]
        names: BTreeMap<String, Spanned<u8>>,
        #[serde(default)]
        either: Vec<Either>,
        #[serde(default, deserialize_with = "short")]
        short: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Level {
        Easy,
        Hard,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: Spanned<String>,
        #[serde(default)]
        weight: f64,
        #[serde(default)]
        on: bool,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
    enum Block {
        Text { text: String },
        List { items: Vec<String> },
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(untagged)]
    enum Either {
        One(String),
        Many(Vec<String>),
    }

    fn short<'de, D: de::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() > 3 {
            return Err(de::Error::custom("too long"));
        }
        Ok(s)
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Open {
        #[serde(default)]
        a: Option<i64>,
        #[serde(flatten)]
        other: toml::Table,
    }

    /// Reads `text` both ways; the results (or message and position) must be the same.
    fn same<T>(text: &str) -> Result<(), String>
    where
        T: for<'de> Deserialize<'de> + PartialEq + fmt::Debug,
    {
        let ours = from_str::<T>(text);
        let theirs = toml::from_str::<T>(text);
        let agree = match (&ours, &theirs) {
            (Ok(a), Ok(b)) => a == b,
            (Err(a), Err(b)) => a.message() == b.message() && a.span() == b.span(),
            _ => false,
        };
        if !agree {
            let theirs = theirs.map_err(|e| (e.message().to_owned(), e.span()));
            eprintln!("--- {text}\nours: {ours:?}\ntoml: {theirs:?}");
            return Err("differs".to_owned());
        }
        ours.map(|_| ()).map_err(|e| e.message().to_owned())
    }

    const GOOD: &str = r#"
version = 1
title = "A title"
note = "n"
tags = ["a", "b"]
level = "hard"
pair = ["x", -3]
either = ["one", ["two", "three"]]
short = "abc"

[names]
b = 2
a = 1

[extra]
when = 1979-05-27T07:32:00Z
day = 1979-05-27
nested = { x = [1, 2.5, true] }

[[item]]
id = "first"
weight = 0.5

[[item]]
id = 'second'
on = true

[[block]]
type = "text"
text = "hello"

[[block]]
type = "list"
items = ["x"]
"#;

    #[test]
    fn reads_what_toml_reads() {
        assert!(same::<Doc>(GOOD).is_ok());
        let doc: Doc = from_str(GOOD).unwrap();
        assert_eq!(&GOOD[doc.title.span()], "\"A title\"");
        assert_eq!(&GOOD[doc.items[1].id.span()], "'second'");
        assert_eq!(&GOOD[doc.names["b"].span()], "2");
        assert!(same::<Open>("a = 1\nb = 'x'\n[c]\nd = 1979-05-27\n").is_ok());
        assert!(same::<toml::Table>(GOOD).is_ok());
        assert!(same::<toml::Value>(GOOD).is_ok());
    }

    /// Each broken variant of GOOD gets the message and position `toml::from_str` gives.
    #[test]
    fn problems_are_the_ones_toml_reports_at_the_same_place() {
        let cases: &[(&str, &str)] = &[
            ("version = 1", "versoin = 1"),
            ("version = 1", "version = -1"),
            ("version = 1", "version = 'one'"),
            ("version = 1", "version = 1.5"),
            ("version = 1", "version = 1979-05-27"),
            ("version = 1", "version = [1]"),
            ("version = 1", "version = 99999999999"),
            ("version = 1", ""),
            ("title = \"A title\"", "title = 3"),
            ("title = \"A title\"", "title = { a = 1 }"),
            ("tags = [\"a\", \"b\"]", "tags = [\"a\", 2]"),
            ("tags = [\"a\", \"b\"]", "tags = \"a\""),
            ("tags = [\"a\", \"b\"]", "tags = { a = 1 }"),
            ("level = \"hard\"", "level = \"medium\""),
            ("level = \"hard\"", "level = 2"),
            ("level = \"hard\"", "level = { easy = [] }"),
            ("level = \"hard\"", "level = { easy = 1 }"),
            ("level = \"hard\"", "level = {}"),
            ("level = \"hard\"", "level = { easy = [], hard = [] }"),
            ("pair = [\"x\", -3]", "pair = [\"x\"]"),
            ("pair = [\"x\", -3]", "pair = [\"x\", \"y\"]"),
            ("pair = [\"x\", -3]", "pair = \"x\""),
            ("either = [\"one\", [\"two\", \"three\"]]", "either = [1]"),
            ("short = \"abc\"", "short = \"abcd\""),
            ("short = \"abc\"", "short = 5"),
            ("b = 2", "b = 300"),
            ("b = 2", "b = 'two'"),
            ("weight = 0.5", "weight = 'heavy'"),
            ("weight = 0.5", "weight = 1"),
            ("weight = 0.5", "weight = inf"),
            ("weight = 0.5", "wieght = 0.5"),
            ("id = 'second'", "ide = 'second'"),
            ("on = true", "on = 'yes'"),
            ("type = \"text\"", "type = \"txt\""),
            ("type = \"text\"", "type = 1"),
            ("type = \"text\"", ""),
            ("text = \"hello\"", "txt = \"hello\""),
            ("text = \"hello\"", ""),
            ("items = [\"x\"]", "items = [1]"),
            ("[[item]]\nid = \"first\"", "[item]\nid = \"first\""),
            (
                "[[block]]\ntype = \"text\"",
                "block = 3\n[[blocks]]\ntype = \"text\"",
            ),
            ("[names]", "names = [1]\n[nothing]"),
            ("[extra]", "extra = 5\n[extra2]"),
            ("version = 1", "version = 1\nversion = 2"),
            ("version = 1", "version = = 1"),
            ("[[item]]", "[[item]"),
        ];
        let mut differ = 0;
        for (from, to) in cases {
            assert!(GOOD.contains(from), "{from}");
            let text = GOOD.replacen(from, to, 1);
            if same::<Doc>(&text) == Err("differs".to_owned()) {
                differ += 1;
            }
        }
        assert_eq!(differ, 0);
        for bad in [
            same::<Doc>(""),
            same::<Open>("a = 'x'"),
            same::<toml::Table>("a = 1\na = 2"),
        ] {
            assert_ne!(bad, Err("differs".to_owned()));
            assert!(bad.is_err());
        }
    }

    /// The one difference: a struct must be a table, not an array of its fields in order.
    #[test]
    fn a_struct_is_a_table() {
        let text = "version = 1\ntitle = 't'\nitem = [['first', 0.5, true]]\n";
        assert!(toml::from_str::<Doc>(text).is_ok());
        let e = from_str::<Doc>(text).unwrap_err();
        assert_eq!(e.message(), "invalid type: sequence, expected struct Item");
        assert_eq!(&text[e.span().unwrap()], "['first', 0.5, true]");
    }

    #[test]
    fn spanned_values_and_datetimes_use_the_names_their_crates_ask_for() {
        #[derive(Deserialize)]
        struct S {
            when: toml::value::Datetime,
            at: Spanned<toml::Value>,
        }
        let text = "when = 1979-05-27T07:32:00Z\nat = [1, 2]\n";
        let s: S = from_str(text).unwrap();
        assert_eq!(s.when.to_string(), "1979-05-27T07:32:00Z");
        assert_eq!(&text[s.at.span()], "[1, 2]");
    }
}
