//! Django's `signing.dumps` / `signing.loads` as sessions use them: a timestamped, salted
//! HMAC-SHA256 signature over URL-safe base64 of compact JSON, zlib-compressed (and marked with
//! a leading `.`) when that is shorter. Format: `payload:timestamp:signature`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

/// The salt of the signed-cookie engine's session values.
pub const SIGNED_COOKIES_SALT: &str = "django.contrib.sessions.backends.signed_cookies";

/// The salt `SessionBase.encode` uses for stored data (`django.contrib.sessions.` + the
/// store's class name).
pub const STORE_SALT: &str = "django.contrib.sessions.SessionStore";

/// The most a signed value's payload may decompress to. Django has no limit (`zlib.decompress`
/// of a validly signed "zlib bomb" takes as much memory as it asks for); the simulator stops
/// there instead. It is the interpreter's longest string (10,000,000 characters): a session
/// that was saved whole fits in one JSON text.
pub const MAX_PAYLOAD_BYTES: usize = 10_000_000;

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Why a signed value was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadSignature {
    #[error("No \":\" found in value")]
    NoSeparator,
    #[error("Signature \"{0}\" does not match")]
    Mismatch(String),
    #[error("Signature age {age} > {max_age} seconds")]
    Expired { age: i64, max_age: i64 },
    #[error("malformed signed value: {0}")]
    Malformed(&'static str),
    /// The payload is signed but decompresses to more than [`MAX_PAYLOAD_BYTES`].
    #[error("the signed payload decompresses to more than {limit} bytes")]
    TooLarge { limit: usize },
}

/// Why a payload could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadError {
    /// Not base64, not zlib.
    Malformed,
    /// It decompresses to more than [`MAX_PAYLOAD_BYTES`].
    TooLarge,
}

/// zlib-decompresses `data`, reading at most [`MAX_PAYLOAD_BYTES`] of output: memory and time
/// stay bounded whatever the input claims.
pub fn inflate(data: &[u8]) -> Result<Vec<u8>, PayloadError> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(MAX_PAYLOAD_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| PayloadError::Malformed)?;
    if out.len() > MAX_PAYLOAD_BYTES {
        return Err(PayloadError::TooLarge);
    }
    Ok(out)
}

/// URL-safe base64 without `=` padding.
pub fn b64_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Reverses [`b64_encode`] (padding is optional).
pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok()
}

/// Base 62 with Django's alphabet (digits, upper case, lower case) and a `-` sign.
pub fn b62_encode(value: i64) -> String {
    if value == 0 {
        return "0".into();
    }
    let mut n = value.unsigned_abs();
    let mut digits = Vec::new();
    while n > 0 {
        digits.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    if value < 0 {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8(digits).expect("base62 digits are ASCII")
}

/// Reverses [`b62_encode`].
pub fn b62_decode(text: &str) -> Option<i64> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut value: i64 = 0;
    for byte in digits.bytes() {
        let digit = BASE62.iter().position(|b| *b == byte)? as i64;
        value = value.checked_mul(62)?.checked_add(digit)?;
    }
    Some(sign * value)
}

/// Django's `salted_hmac(key_salt, value, secret, algorithm="sha256")`: the HMAC key is
/// `sha256(key_salt + secret)`.
pub fn salted_hmac(key_salt: &str, value: &str, secret: &str) -> [u8; 32] {
    let key = Sha256::new()
        .chain_update(key_salt.as_bytes())
        .chain_update(secret.as_bytes())
        .finalize();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(value.as_bytes());
    mac.finalize().into_bytes().into()
}

/// `Signer.signature`: base64 of the salted HMAC, with `signer` appended to the salt.
pub fn signature(salt: &str, value: &str, secret: &str) -> String {
    b64_encode(&salted_hmac(&format!("{salt}signer"), value, secret))
}

/// The payload part of `dumps`: base64 of the JSON text, compressed when that saves space.
pub fn encode_payload(json: &str, compress: bool) -> String {
    // Django encodes the JSON text as latin-1; `ensure_ascii` makes it plain ASCII.
    let data: Vec<u8> = json.chars().map(|c| c as u32 as u8).collect();
    if compress {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        encoder.write_all(&data).expect("writing to memory");
        let compressed = encoder.finish().expect("writing to memory");
        if compressed.len() + 1 < data.len() {
            return format!(".{}", b64_encode(&compressed));
        }
    }
    b64_encode(&data)
}

/// Reverses [`encode_payload`]: the JSON text (bytes read as latin-1, as Django does).
pub fn decode_payload(payload: &str) -> Result<String, PayloadError> {
    let (compressed, b64) = match payload.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, payload),
    };
    let mut data = b64_decode(b64).ok_or(PayloadError::Malformed)?;
    if compressed {
        data = inflate(&data)?;
    }
    Ok(data.iter().map(|b| char::from(*b)).collect())
}

/// `signing.dumps(obj, salt=salt, compress=compress)` at the epoch second `now`, given the
/// object's compact JSON text.
pub fn dumps(json: &str, salt: &str, secret: &str, now: i64, compress: bool) -> String {
    let value = format!("{}:{}", encode_payload(json, compress), b62_encode(now));
    let sig = signature(salt, &value, secret);
    format!("{value}:{sig}")
}

/// `signing.loads(s, salt=salt, max_age=max_age)` at the epoch second `now`: the JSON text
/// when the signature holds and is young enough.
pub fn loads(
    signed: &str,
    salt: &str,
    secret: &str,
    max_age: Option<i64>,
    now: i64,
) -> Result<String, BadSignature> {
    let (value, sig) = signed.rsplit_once(':').ok_or(BadSignature::NoSeparator)?;
    if !constant_time_eq(sig.as_bytes(), signature(salt, value, secret).as_bytes()) {
        return Err(BadSignature::Mismatch(sig.to_string()));
    }
    let (payload, timestamp) = value
        .rsplit_once(':')
        .ok_or(BadSignature::Malformed("no timestamp"))?;
    let timestamp = b62_decode(timestamp).ok_or(BadSignature::Malformed("bad timestamp"))?;
    if let Some(max_age) = max_age {
        // Saturating: a (validly signed) timestamp can be anything.
        let age = now.saturating_sub(timestamp);
        if age > max_age {
            return Err(BadSignature::Expired { age, max_age });
        }
    }
    decode_payload(payload).map_err(|e| match e {
        PayloadError::Malformed => BadSignature::Malformed("bad payload"),
        PayloadError::TooLarge => BadSignature::TooLarge {
            limit: MAX_PAYLOAD_BYTES,
        },
    })
}

/// The JSON text inside a signed value, without checking the signature (anyone can read a
/// signed cookie: it is signed, not encrypted).
pub fn peek(signed: &str) -> Option<String> {
    let mut parts = signed.rsplitn(3, ':');
    let _sig = parts.next()?;
    let _timestamp = parts.next()?;
    decode_payload(parts.next()?).ok()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::django::clock::START;
    use crate::django::settings::SECRET_KEY;

    // Values below were produced by Django 5.2.19's `signing.dumps(..., compress=True)` with
    // SECRET_KEY "learn-sessions-simulator" at 2026-01-01T00:00:00Z.

    #[test]
    fn matches_django_for_small_payloads() {
        assert_eq!(
            dumps(
                "{\"k\":\"v\"}",
                SIGNED_COOKIES_SALT,
                SECRET_KEY,
                START,
                true
            ),
            "eyJrIjoidiJ9:1vb66i:zNG_RPrZi8yVxS1FJgdxSjdhBYcCb_YkLB7B6z4xw2Y"
        );
        assert_eq!(
            dumps("{}", SIGNED_COOKIES_SALT, SECRET_KEY, START, true),
            "e30:1vb66i:PWw_YW7gf1ZmV58k-n_CnwD8akkfqtSkspZhTQ9cf-k"
        );
        assert_eq!(
            dumps(
                "{\"visit_count\":1}",
                SIGNED_COOKIES_SALT,
                SECRET_KEY,
                START,
                true
            ),
            "eyJ2aXNpdF9jb3VudCI6MX0:1vb66i:ro-DgnWADfULlz_2PLuuPaT_Gf48uV7ab4MRVbmGp-I"
        );
        assert_eq!(
            dumps(
                "{\"u\":\"\\u00e9\\u2603\"}",
                SIGNED_COOKIES_SALT,
                SECRET_KEY,
                START,
                true
            ),
            "eyJ1IjoiXHUwMGU5XHUyNjAzIn0:1vb66i:O0MuM1lhb_YNaMezJ0MfuoC_QdHvUJDoR6OomrCPAuY"
        );
        assert_eq!(
            dumps("{\"k\":\"v\"}", STORE_SALT, SECRET_KEY, START, true),
            "eyJrIjoidiJ9:1vb66i:_PQwUOAQJdiv9gC2zTEIR_O6g2_-EWsZ209osfUOiy4"
        );
    }

    #[test]
    fn reads_djangos_compressed_values() {
        let django = ".eJyrVkpOLCpRsopWSiwoyElV0hkhdGwtAKpOTuk:1vb66i:5z3NGNuRuKfy2YeTnJfc4Q-SAsFUH3Of9cVu_thtJ-I";
        let json = format!("{{\"cart\":[{}]}}", vec!["\"apple\""; 30].join(","));
        assert_eq!(
            loads(
                django,
                SIGNED_COOKIES_SALT,
                SECRET_KEY,
                Some(1_209_600),
                START
            )
            .unwrap(),
            json
        );
        // Our own compressed form reads back the same and is marked with a dot.
        let ours = dumps(&json, SIGNED_COOKIES_SALT, SECRET_KEY, START, true);
        assert!(ours.starts_with('.'), "{ours}");
        assert_eq!(
            loads(&ours, SIGNED_COOKIES_SALT, SECRET_KEY, None, START).unwrap(),
            json
        );
        assert_eq!(peek(django).unwrap(), json);
    }

    #[test]
    fn base62_matches_django() {
        assert_eq!(b62_encode(START), "1vb66i");
        assert_eq!(b62_encode(START + 1_209_600), "1vgAmO");
        assert_eq!(b62_encode(0), "0");
        assert_eq!(b62_encode(-61), "-z");
        for n in [0, 1, 61, 62, START, -START] {
            assert_eq!(b62_decode(&b62_encode(n)), Some(n));
        }
        assert_eq!(b62_decode("!"), None);
        assert_eq!(b62_decode(""), None);
    }

    #[test]
    fn salted_hmac_matches_django() {
        let mac = salted_hmac("a", "b", "c");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "3732d15f17f36eb0bdacb8c88ba762f6e982f849c098eda589cbe111bb113f28"
        );
    }

    #[test]
    fn refuses_tampered_wrong_salt_and_old_values() {
        let good = "eyJrIjoidiJ9:1vb66i:zNG_RPrZi8yVxS1FJgdxSjdhBYcCb_YkLB7B6z4xw2Y";
        let mut flipped = good.to_string();
        flipped.pop();
        flipped.push('Z');
        assert!(matches!(
            loads(&flipped, SIGNED_COOKIES_SALT, SECRET_KEY, None, START),
            Err(BadSignature::Mismatch(_))
        ));
        assert!(loads(good, STORE_SALT, SECRET_KEY, None, START).is_err());
        assert!(loads(good, SIGNED_COOKIES_SALT, "other", None, START).is_err());
        assert_eq!(
            loads("nothing", SIGNED_COOKIES_SALT, SECRET_KEY, None, START),
            Err(BadSignature::NoSeparator)
        );
        // Exactly max_age seconds old is still fine; one more is expired.
        assert!(loads(good, SIGNED_COOKIES_SALT, SECRET_KEY, Some(10), START + 10).is_ok());
        assert_eq!(
            loads(good, SIGNED_COOKIES_SALT, SECRET_KEY, Some(10), START + 11),
            Err(BadSignature::Expired {
                age: 11,
                max_age: 10
            })
        );
    }
}
