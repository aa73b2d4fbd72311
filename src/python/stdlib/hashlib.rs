//! The `hashlib` module: `md5`, `sha1`, `sha224`, `sha256`, `sha384`, `sha512` and `new`,
//! giving hash objects with `update`, `digest`, `hexdigest`, `copy`, `name`, `digest_size`
//! and `block_size` (the RustCrypto implementations: `md-5`, `sha1`, `sha2`).

use std::any::Any;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use sha2::Digest;

use super::Args;
use crate::python::eval::Interpreter;
use crate::python::types::{NativeObject, Value};
use crate::python::{PyError, PyException};

#[derive(Clone)]
enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

const NAMES: [&str; 6] = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

impl Hasher {
    fn new(name: &str) -> Option<Hasher> {
        Some(match name {
            "md5" => Hasher::Md5(md5::Md5::new()),
            "sha1" => Hasher::Sha1(sha1::Sha1::new()),
            "sha224" => Hasher::Sha224(sha2::Sha224::new()),
            "sha256" => Hasher::Sha256(sha2::Sha256::new()),
            "sha384" => Hasher::Sha384(sha2::Sha384::new()),
            "sha512" => Hasher::Sha512(sha2::Sha512::new()),
            _ => return None,
        })
    }

    fn name(&self) -> &'static str {
        match self {
            Hasher::Md5(_) => "md5",
            Hasher::Sha1(_) => "sha1",
            Hasher::Sha224(_) => "sha224",
            Hasher::Sha256(_) => "sha256",
            Hasher::Sha384(_) => "sha384",
            Hasher::Sha512(_) => "sha512",
        }
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha224(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }

    fn sizes(&self) -> (usize, usize) {
        match self {
            Hasher::Md5(_) => (16, 64),
            Hasher::Sha1(_) => (20, 64),
            Hasher::Sha224(_) => (28, 64),
            Hasher::Sha256(_) => (32, 64),
            Hasher::Sha384(_) => (48, 128),
            Hasher::Sha512(_) => (64, 128),
        }
    }
}

/// A hash object (`type(h).__name__` is `HASH`, as in CPython's OpenSSL-backed hashlib).
struct Hash(RefCell<Hasher>);

/// The bytes to hash, with CPython's errors for a str or another object.
fn data_of(v: &Value) -> Result<Vec<u8>, PyException> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Str(_) => Err(PyException::type_error(
            "Strings must be encoded before hashing",
        )),
        _ => Err(PyException::type_error(
            "object supporting the buffer API required",
        )),
    }
}

impl NativeObject for Hash {
    fn type_name(&self) -> &str {
        "HASH"
    }

    fn qualified_name(&self) -> String {
        "_hashlib.HASH".into()
    }

    fn error_name(&self) -> &str {
        "_hashlib.HASH"
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "update" | "digest" | "hexdigest" | "copy")
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        let h = self.0.borrow();
        match name {
            "name" => Ok(Value::str(h.name())),
            "digest_size" => Ok(Value::int(h.sizes().0 as i64)),
            "block_size" => Ok(Value::int(h.sizes().1 as i64)),
            _ => Err(PyException::attribute_error("_hashlib.HASH", name)),
        }
    }

    fn call_method(
        &self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, PyException> {
        if let Some((k, _)) = kwargs.first() {
            return Err(PyException::type_error(format!(
                "HASH.{name}() takes no keyword arguments (got '{k}')"
            )));
        }
        let no_args = |args: &[Value]| {
            if args.is_empty() {
                Ok(())
            } else {
                Err(PyException::type_error(format!(
                    "HASH.{name}() takes no arguments ({} given)",
                    args.len()
                )))
            }
        };
        match name {
            "update" => {
                if args.len() != 1 {
                    return Err(PyException::type_error(format!(
                        "HASH.update() takes exactly one argument ({} given)",
                        args.len()
                    )));
                }
                let data = data_of(&args[0])?;
                self.0.borrow_mut().update(&data);
                Ok(Value::None)
            }
            "digest" => {
                no_args(&args)?;
                Ok(Value::bytes(&self.0.borrow().digest()))
            }
            "hexdigest" => {
                no_args(&args)?;
                let mut out = String::new();
                for b in self.0.borrow().digest() {
                    let _ = write!(out, "{b:02x}");
                }
                Ok(Value::str(&out))
            }
            "copy" => {
                no_args(&args)?;
                Ok(Value::native(Rc::new(Hash(RefCell::new(
                    self.0.borrow().clone(),
                )))))
            }
            _ => Err(PyException::attribute_error("_hashlib.HASH", name)),
        }
    }

    fn repr(&self) -> String {
        let addr = self as *const Self as *const () as usize;
        format!(
            "<{} _hashlib.HASH object @ {:#x}>",
            self.0.borrow().name(),
            addr
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn make(name: &str, data: Option<&Value>) -> Result<Value, PyError> {
    let mut h = Hasher::new(name).ok_or_else(|| {
        PyError::Exception(PyException::value_error(format!(
            "unsupported hash type {name}"
        )))
    })?;
    if let Some(d) = data {
        h.update(&data_of(d)?);
    }
    Ok(Value::native(Rc::new(Hash(RefCell::new(h)))))
}

/// `hashlib.<name>(data=b'', *, usedforsecurity=True)`.
fn constructor(name: &'static str, mut a: Args) -> Result<Value, PyError> {
    let data = a.take_kw("string").or_else(|| a.take_kw("data"));
    let _ = a.take_kw("usedforsecurity");
    crate::python::builtins::unexpected_kw(name, &a.kwargs)?;
    if a.args.len() + data.is_some() as usize > 1 {
        return Err(crate::python::types::ops::type_error(format!(
            "{name}() takes at most 1 argument ({} given)",
            a.args.len() + data.is_some() as usize
        )));
    }
    make(name, a.args.first().or(data.as_ref()))
}

pub(crate) fn install(it: &mut Interpreter) {
    let mut members: Vec<(&str, Value)> = NAMES
        .iter()
        .map(|&name| {
            (
                name,
                super::function("hashlib", name, move |_, a| constructor(name, a)),
            )
        })
        .collect();
    members.push((
        "new",
        super::function("hashlib", "new", |_, mut a| {
            let name = a.take_kw("name").or_else(|| a.args.first().cloned());
            let data = a
                .take_kw("data")
                .or_else(|| a.take_kw("string"))
                .or_else(|| a.args.get(1).cloned());
            let _ = a.take_kw("usedforsecurity");
            crate::python::builtins::unexpected_kw("new", &a.kwargs)?;
            match name {
                Some(Value::Str(n)) => {
                    let lower = n.to_lowercase();
                    if Hasher::new(&lower).is_none() && is_other_algorithm(&lower) {
                        return Err(PyError::Unsupported {
                            what: format!("the hash algorithm '{n}'"),
                            line: 0,
                        });
                    }
                    make(&lower, data.as_ref())
                }
                Some(other) => Err(crate::python::types::ops::type_error(format!(
                    "new() argument 'name' must be str, not {}",
                    other.type_name()
                ))),
                None => Err(crate::python::types::ops::type_error(
                    "new() missing required argument 'name' (pos 1)",
                )),
            }
        }),
    ));
    it.modules
        .insert("hashlib".into(), super::module("hashlib", members));
}

/// Algorithms CPython's hashlib has that the simulator does not.
fn is_other_algorithm(name: &str) -> bool {
    matches!(
        name,
        "blake2b"
            | "blake2s"
            | "sha3_224"
            | "sha3_256"
            | "sha3_384"
            | "sha3_512"
            | "shake_128"
            | "shake_256"
            | "sha512_224"
            | "sha512_256"
            | "sm3"
            | "md5-sha1"
            | "ripemd160"
    )
}

/// What CPython's `hashlib` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    is_other_algorithm(name)
        || matches!(
            name,
            "pbkdf2_hmac"
                | "scrypt"
                | "file_digest"
                | "algorithms_available"
                | "algorithms_guaranteed"
        )
}
