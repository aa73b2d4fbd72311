//! The `uuid` module: the `UUID` type (parsing, `str`, `repr`, `hex`, `int`, `bytes`,
//! `urn`, `version`, `variant`, ordering and hashing by value), `uuid4` (random, from a
//! generator seeded by the simulator's `--seed`, so a scenario gives the same ids every
//! run), `uuid3`/`uuid5` (name-based, as CPython computes them) and the `NAMESPACE_*`
//! constants. `uuid1` (the machine's clock and network address) is refused.
//!
//! The embedder recognises a UUID with [`as_uuid`] and gets its text with [`uuid_str`].

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};
use sha2::Digest;

use super::Args;
use crate::python::builtins::construct::parse_int_text;
use crate::python::eval::{Exec, Interpreter};
use crate::python::types::{NativeObject, PyType, Value};
use crate::python::{PyError, PyException};

/// A `uuid.UUID` value.
pub struct Uuid(pub u128);

const RESERVED_NCS: &str = "reserved for NCS compatibility";
const RFC_4122: &str = "specified in RFC 4122";
const RESERVED_MICROSOFT: &str = "reserved for Microsoft compatibility";
const RESERVED_FUTURE: &str = "reserved for future definition";

impl Uuid {
    fn hex(&self) -> String {
        format!("{:032x}", self.0)
    }

    fn text(&self) -> String {
        let h = self.hex();
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }

    fn variant(&self) -> &'static str {
        let n = self.0;
        if n & (0x8000 << 48) == 0 {
            RESERVED_NCS
        } else if n & (0x4000 << 48) == 0 {
            RFC_4122
        } else if n & (0x2000 << 48) == 0 {
            RESERVED_MICROSOFT
        } else {
            RESERVED_FUTURE
        }
    }

    /// The value with the RFC 4122 variant and `version` set, as `UUID(..., version=v)`.
    fn with_version(n: u128, version: u128) -> u128 {
        let mut n = n;
        n &= !(0xc000u128 << 48);
        n |= 0x8000u128 << 48;
        n &= !(0xf000u128 << 64);
        n |= version << 76;
        n
    }
}

/// The UUID a value holds, if it is a `uuid.UUID`.
pub fn as_uuid(v: &Value) -> Option<u128> {
    match v {
        Value::Native(obj) => obj.as_any().downcast_ref::<Uuid>().map(|u| u.0),
        _ => None,
    }
}

/// `str(u)` of a `uuid.UUID` value (`'12345678-1234-5678-1234-567812345678'`).
pub fn uuid_str(v: &Value) -> Option<String> {
    match v {
        Value::Native(obj) => obj.as_any().downcast_ref::<Uuid>().map(|u| u.text()),
        _ => None,
    }
}

/// A `uuid.UUID` as a value.
pub fn uuid_value(n: u128) -> Value {
    Value::Native(Rc::new(Uuid(n)))
}

impl NativeObject for Uuid {
    fn type_name(&self) -> &str {
        "UUID"
    }

    fn qualified_name(&self) -> String {
        "uuid.UUID".into()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        Ok(match name {
            "hex" => Value::str(&self.hex()),
            "int" => Value::from_bigint(BigInt::from(self.0)),
            "bytes" => Value::bytes(&self.0.to_be_bytes()),
            "urn" => Value::str(&format!("urn:uuid:{}", self.text())),
            "variant" => Value::str(self.variant()),
            "version" => {
                if self.variant() == RFC_4122 {
                    Value::int(((self.0 >> 76) & 0xf) as i64)
                } else {
                    Value::None
                }
            }
            "time_low" => Value::int((self.0 >> 96) as i64),
            "time_mid" => Value::int(((self.0 >> 80) & 0xffff) as i64),
            "time_hi_version" => Value::int(((self.0 >> 64) & 0xffff) as i64),
            "clock_seq_hi_variant" => Value::int(((self.0 >> 56) & 0xff) as i64),
            "clock_seq_low" => Value::int(((self.0 >> 48) & 0xff) as i64),
            "node" => Value::int((self.0 & 0xffff_ffff_ffff) as i64),
            "fields" => Value::tuple(vec![
                Value::int((self.0 >> 96) as i64),
                Value::int(((self.0 >> 80) & 0xffff) as i64),
                Value::int(((self.0 >> 64) & 0xffff) as i64),
                Value::int(((self.0 >> 56) & 0xff) as i64),
                Value::int(((self.0 >> 48) & 0xff) as i64),
                Value::int((self.0 & 0xffff_ffff_ffff) as i64),
            ]),
            "bytes_le" => {
                let b = self.0.to_be_bytes();
                let mut le = Vec::with_capacity(16);
                le.extend(b[0..4].iter().rev());
                le.extend(b[4..6].iter().rev());
                le.extend(b[6..8].iter().rev());
                le.extend(&b[8..]);
                Value::bytes(&le)
            }
            "time" => Value::int(
                ((((self.0 >> 64) & 0x0fff) << 48)
                    | (((self.0 >> 80) & 0xffff) << 32)
                    | (self.0 >> 96)) as i64,
            ),
            "clock_seq" => {
                Value::int(((((self.0 >> 56) & 0x3f) << 8) | ((self.0 >> 48) & 0xff)) as i64)
            }
            _ => return Err(PyException::attribute_error("UUID", name)),
        })
    }

    fn unsupported_attr(&self, name: &str) -> bool {
        name == "is_safe"
    }

    fn set_attr(&self, _name: &str, _value: Value) -> Result<(), PyException> {
        Err(PyException::type_error("UUID objects are immutable"))
    }

    fn del_attr(&self, _name: &str) -> Result<(), PyException> {
        Err(PyException::type_error("UUID objects are immutable"))
    }

    fn eq_key(&self) -> Option<Value> {
        Some(Value::from_bigint(BigInt::from(self.0)))
    }

    fn repr(&self) -> String {
        format!("UUID('{}')", self.text())
    }

    fn to_str(&self) -> String {
        self.text()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn value_error(msg: &str) -> PyError {
    PyError::Exception(PyException::new("ValueError", msg))
}

fn type_error(msg: &str) -> PyError {
    PyError::Exception(PyException::type_error(msg))
}

/// `uuid.UUID(hex=None, bytes=None, bytes_le=None, fields=None, int=None, version=None)`.
pub(crate) fn construct(
    _ex: &mut Exec<'_>,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<Value, PyError> {
    const NAMES: [&str; 6] = ["hex", "bytes", "bytes_le", "fields", "int", "version"];
    if args.len() > NAMES.len() {
        return Err(type_error(&format!(
            "UUID.__init__() takes from 1 to 7 positional arguments but {} were given",
            args.len() + 1
        )));
    }
    let mut slots: Vec<Option<Value>> = vec![None; NAMES.len()];
    for (i, a) in args.into_iter().enumerate() {
        slots[i] = Some(a);
    }
    for (k, v) in kwargs {
        match NAMES.iter().position(|n| **n == *k) {
            Some(i) => {
                if slots[i].is_some() {
                    return Err(type_error(&format!(
                        "UUID.__init__() got multiple values for argument '{k}'"
                    )));
                }
                slots[i] = Some(v);
            }
            None if &*k == "is_safe" => {
                return Err(PyError::Unsupported {
                    what: "UUID(is_safe=...)".into(),
                    line: 0,
                })
            }
            None => {
                return Err(type_error(&format!(
                    "UUID.__init__() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    // An argument given as None counts as not given, as in CPython.
    let given = |i: usize| slots[i].as_ref().filter(|v| !v.is_none());
    let count = (0..5).filter(|&i| given(i).is_some()).count();
    if count != 1 {
        return Err(type_error(
            "one of the hex, bytes, bytes_le, fields, or int arguments must be given",
        ));
    }
    if given(2).is_some() || given(3).is_some() {
        return Err(PyError::Unsupported {
            what: format!(
                "UUID({}=...)",
                if given(2).is_some() {
                    "bytes_le"
                } else {
                    "fields"
                }
            ),
            line: 0,
        });
    }
    let mut n: BigInt = if let Some(h) = given(0) {
        let Value::Str(text) = h else {
            return Err(PyError::Exception(PyException::attribute_error(
                &h.error_type_name(),
                "replace",
            )));
        };
        let t = text.replace("urn:", "").replace("uuid:", "");
        let t = t.trim_matches(['{', '}']).replace('-', "");
        if t.chars().count() != 32 {
            return Err(value_error("badly formed hexadecimal UUID string"));
        }
        match parse_int_text(&t, 16) {
            Some(n) => n,
            None => {
                return Err(value_error(&format!(
                    "invalid literal for int() with base 16: {}",
                    crate::python::text::repr::repr(&Value::str(&t))
                )))
            }
        }
    } else if let Some(b) = given(1) {
        let len = crate::python::builtins::len_of(b)?;
        if len != 16 {
            return Err(value_error("bytes is not a 16-char string"));
        }
        let Value::Bytes(b) = b else {
            return Err(PyError::Exception(PyException::new(
                "AssertionError",
                crate::python::text::repr::repr(b),
            )));
        };
        BigInt::from_bytes_be(Sign::Plus, b)
    } else {
        match given(4) {
            Some(Value::Int(n)) => n.clone(),
            Some(Value::Bool(b)) => BigInt::from(*b as u8),
            Some(other) => {
                return Err(type_error(&format!(
                    "'<=' not supported between instances of 'int' and '{}'",
                    other.error_type_name()
                )))
            }
            None => BigInt::from(0),
        }
    };
    if n.is_negative() || n.bits() > 128 {
        return Err(value_error("int is out of range (need a 128-bit value)"));
    }
    if let Some(v) = given(5) {
        let version = match v {
            Value::Int(x) => x.clone(),
            Value::Bool(b) => BigInt::from(*b as u8),
            other => {
                return Err(type_error(&format!(
                    "'<=' not supported between instances of 'int' and '{}'",
                    other.error_type_name()
                )))
            }
        };
        let Some(version) = version.to_u128().filter(|v| (1..=5).contains(v)) else {
            return Err(value_error("illegal version number"));
        };
        n = BigInt::from(Uuid::with_version(n.to_u128().unwrap_or(0), version));
    }
    Ok(uuid_value(n.to_u128().unwrap_or(0)))
}

/// SplitMix64: the generator behind `uuid4` (CPython draws from the machine's entropy; the
/// simulator draws from the run's seed so that a scenario is the same every run).
fn split_mix(state: &Cell<u64>) -> u64 {
    let s = state.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
    state.set(s);
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The namespace UUID a name-based UUID is made in.
fn namespace_bytes(v: &Value) -> Result<[u8; 16], PyError> {
    match as_uuid(v) {
        Some(n) => Ok(n.to_be_bytes()),
        None => Err(PyError::Exception(PyException::attribute_error(
            &v.error_type_name(),
            "bytes",
        ))),
    }
}

fn name_bytes(v: &Value) -> Result<Vec<u8>, PyError> {
    match v {
        Value::Str(s) => Ok(s.as_bytes().to_vec()),
        _ => Err(type_error("encoding without a string argument")),
    }
}

fn name_based(a: &Args, func: &str, sha: bool) -> Result<Value, PyError> {
    a.no_kwargs(func)?;
    if a.args.len() != 2 {
        let missing: Vec<&str> = ["namespace", "name"][a.args.len().min(2)..].to_vec();
        if a.args.len() > 2 {
            return Err(type_error(&format!(
                "{func}() takes 2 positional arguments but {} were given",
                a.args.len()
            )));
        }
        let what = if missing.len() == 2 {
            "2 required positional arguments: 'namespace' and 'name'".to_string()
        } else {
            format!("1 required positional argument: '{}'", missing[0])
        };
        return Err(type_error(&format!("{func}() missing {what}")));
    }
    let ns = namespace_bytes(&a.args[0])?;
    let name = name_bytes(&a.args[1])?;
    crate::python::eval::budget::bytes(name.len())?;
    let mut data = ns.to_vec();
    data.extend_from_slice(&name);
    let digest: Vec<u8> = if sha {
        sha1::Sha1::digest(&data).to_vec()
    } else {
        md5::Md5::digest(&data).to_vec()
    };
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    let n = u128::from_be_bytes(first);
    Ok(uuid_value(Uuid::with_version(n, if sha { 5 } else { 3 })))
}

pub(crate) fn install(it: &mut Interpreter) {
    let seed = it.module_seed;
    build(it, seed)
}

/// `uuid` with `uuid4` drawing from `seed` (from the machine when `None`).
fn build(it: &mut Interpreter, seed: Option<u64>) {
    let state = Rc::new(Cell::new(
        seed.map(|s| s ^ 0x7575_6964_3475_7569)
            .unwrap_or_else(|| fastrand::u64(..)),
    ));
    let ns = |s: &str| uuid_value(u128::from_str_radix(s, 16).unwrap_or(0));
    let members = vec![
        (
            "UUID",
            Value::Type(PyType::Other {
                name: Rc::from("UUID"),
                qualified: Rc::from("uuid.UUID"),
                native: None,
            }),
        ),
        (
            "uuid4",
            super::function("uuid", "uuid4", move |ex, a| {
                a.no_kwargs("uuid4")?;
                if !a.args.is_empty() {
                    return Err(type_error(&format!(
                        "uuid4() takes 0 positional arguments but {} {} given",
                        a.args.len(),
                        if a.args.len() == 1 { "was" } else { "were" }
                    )));
                }
                ex.step(ex.it.line)?;
                let hi = split_mix(&state) as u128;
                let lo = split_mix(&state) as u128;
                Ok(uuid_value(Uuid::with_version((hi << 64) | lo, 4)))
            }),
        ),
        (
            "uuid3",
            super::function("uuid", "uuid3", |_, a| name_based(&a, "uuid3", false)),
        ),
        (
            "uuid5",
            super::function("uuid", "uuid5", |_, a| name_based(&a, "uuid5", true)),
        ),
        ("NAMESPACE_DNS", ns("6ba7b8109dad11d180b400c04fd430c8")),
        ("NAMESPACE_URL", ns("6ba7b8119dad11d180b400c04fd430c8")),
        ("NAMESPACE_OID", ns("6ba7b8129dad11d180b400c04fd430c8")),
        ("NAMESPACE_X500", ns("6ba7b8149dad11d180b400c04fd430c8")),
        ("RESERVED_NCS", Value::str(RESERVED_NCS)),
        ("RFC_4122", Value::str(RFC_4122)),
        ("RESERVED_MICROSOFT", Value::str(RESERVED_MICROSOFT)),
        ("RESERVED_FUTURE", Value::str(RESERVED_FUTURE)),
    ];
    it.modules
        .insert("uuid".into(), super::module("uuid", members));
}

/// What CPython's `uuid` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "uuid1" | "getnode" | "SafeUUID" | "bytes_" | "int_" | "main"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_version_bits() {
        let u = Uuid(0x1234_5678_1234_5678_1234_5678_1234_5678);
        assert_eq!(u.text(), "12345678-1234-5678-1234-567812345678");
        assert_eq!(u.variant(), RESERVED_NCS);
        let v = Uuid(Uuid::with_version(u.0, 4));
        assert_eq!(v.text(), "12345678-1234-4678-9234-567812345678");
        assert_eq!(v.variant(), RFC_4122);
    }
}
