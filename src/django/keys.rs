//! Session keys: 32 characters from `a-z0-9`, from a seedable generator, and Django's rule
//! for which cookie values count as a key at all.

/// The characters a generated key is made of (`VALID_KEY_CHARS` in Django).
pub const VALID_KEY_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// The length of a generated key.
pub const KEY_LENGTH: usize = 32;

/// Generates session keys: reproducible with a seed, random without one.
#[derive(Clone, Debug)]
pub struct KeyGen {
    rng: fastrand::Rng,
}

impl KeyGen {
    /// A generator seeded with `seed`, or from the system's randomness.
    pub fn new(seed: Option<u64>) -> Self {
        KeyGen {
            rng: match seed {
                Some(seed) => fastrand::Rng::with_seed(seed),
                None => fastrand::Rng::new(),
            },
        }
    }

    /// A fresh 32-character key.
    pub fn next_key(&mut self) -> String {
        (0..KEY_LENGTH)
            .map(|_| VALID_KEY_CHARS[self.rng.usize(..VALID_KEY_CHARS.len())] as char)
            .collect()
    }
}

/// Django's `_validate_session_key`: a falsy key or one shorter than 8 characters is no key.
pub fn validate(key: Option<&str>) -> Option<String> {
    match key {
        Some(k) if k.chars().count() >= 8 => Some(k.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_32_lowercase_alphanumerics() {
        let mut gen = KeyGen::new(None);
        for _ in 0..50 {
            let key = gen.next_key();
            assert_eq!(key.len(), 32);
            assert!(key.bytes().all(|b| VALID_KEY_CHARS.contains(&b)), "{key}");
        }
    }

    #[test]
    fn a_seed_makes_keys_reproducible() {
        let a: Vec<String> = {
            let mut g = KeyGen::new(Some(7));
            (0..3).map(|_| g.next_key()).collect()
        };
        let b: Vec<String> = {
            let mut g = KeyGen::new(Some(7));
            (0..3).map(|_| g.next_key()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
        assert_ne!(KeyGen::new(Some(8)).next_key(), a[0]);
    }

    #[test]
    fn short_or_empty_keys_are_no_keys() {
        assert_eq!(validate(None), None);
        assert_eq!(validate(Some("")), None);
        assert_eq!(validate(Some("abc")), None);
        assert_eq!(validate(Some("abcdefg")), None);
        assert_eq!(validate(Some("abcdefgh")).as_deref(), Some("abcdefgh"));
        // Only the length is checked.
        assert_eq!(
            validate(Some("NOT-a-valid!key$$$")).as_deref(),
            Some("NOT-a-valid!key$$$")
        );
    }
}
