//! The `random` module: CPython's Mersenne Twister (MT19937), seeded the way CPython seeds
//! it, and its methods written after CPython 3.11's `random.py`, so that `random.seed(1)`
//! followed by any supported call gives CPython's exact results.
//!
//! Before any `random.seed()`, the generator is seeded from the simulator's `--seed` (as
//! `random.seed(seed)` would), or from the machine when no seed is given.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use sha2::{Digest, Sha512};

use super::Args;
use crate::python::builtins::len_of;
use crate::python::eval::{snapshot_iterable, Exec, Interpreter};
use crate::python::types::ops::{self, exc, type_error};
use crate::python::types::Value;
use crate::python::PyError;

const N: usize = 624;
const M: usize = 397;

/// The generator's state.
pub(crate) struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new() -> Mt {
        Mt {
            state: [0; N],
            index: N + 1,
        }
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        self.state[0] = 0x8000_0000;
        self.index = N;
    }

    /// `random.seed(n)` for an int: the 32-bit words of |n|, least significant first.
    fn seed_int(&mut self, n: &BigInt) {
        let mut key = n.abs().to_u32_digits().1;
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.state[k] & 0x8000_0000) | (self.state[(k + 1) % N] & 0x7fff_ffff);
                let mut v = self.state[(k + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[k] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)`.
    fn getrandbits(&mut self, k: u64) -> BigInt {
        if k == 0 {
            return BigInt::zero();
        }
        if k <= 32 {
            return BigInt::from(self.next_u32() >> (32 - k));
        }
        let words = (k - 1) / 32 + 1;
        let mut digits = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &digits)
    }

    /// `_randbelow(n)` for n > 0: rejection sampling over n.bit_length() bits.
    fn below(&mut self, n: &BigInt) -> BigInt {
        let k = n.bits();
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }

    fn below_usize(&mut self, n: usize) -> usize {
        self.below(&BigInt::from(n)).to_usize().unwrap_or(0)
    }
}

type State = Rc<RefCell<Mt>>;

fn f(
    state: &State,
    name: &'static str,
    body: impl Fn(&mut Exec<'_>, &mut Mt, Args) -> Result<Value, PyError> + 'static,
) -> Value {
    let state = state.clone();
    super::function("random", name, move |ex, a| {
        body(ex, &mut state.borrow_mut(), a)
    })
}

pub(crate) fn install(it: &mut Interpreter) {
    let seed = it.module_seed;
    build(it, seed);
}

/// Makes `random` start as if seeded with `random.seed(seed)`, and `uuid4` draw from the same
/// seed (both from the machine when `seed` is `None`). A module already imported is made
/// again from the seed.
pub fn install_seeded(it: &mut Interpreter, seed: Option<u64>) {
    it.module_seed = seed;
    let modules: [(&str, crate::python::eval::Installer); 2] =
        [("random", install), ("uuid", super::uuid::install)];
    for (name, make) in modules {
        if !it.pending.iter().any(|(n, _)| *n == name) {
            make(it);
        }
    }
}

/// `random` with its generator seeded as `random.seed(seed)` would, or from the machine.
fn build(it: &mut Interpreter, seed: Option<u64>) {
    let mut mt = Mt::new();
    match seed {
        Some(s) => mt.seed_int(&BigInt::from(s)),
        None => mt.seed_int(&BigInt::from(fastrand::u64(..))),
    }
    let state: State = Rc::new(RefCell::new(mt));
    let members = vec![
        ("seed", f(&state, "seed", seed_fn)),
        (
            "random",
            f(&state, "random", |_, mt, a| {
                a.no_kwargs("random")?;
                if !a.args.is_empty() {
                    return Err(type_error(format!(
                        "Random.random() takes no arguments ({} given)",
                        a.args.len()
                    )));
                }
                Ok(Value::float(mt.random()))
            }),
        ),
        (
            "getrandbits",
            f(&state, "getrandbits", |_, mt, a| {
                a.count("getrandbits", 1, 1)?;
                let k = ops::as_index(&a.args[0])?;
                if k < 0 {
                    return Err(exc("ValueError", "number of bits must be non-negative"));
                }
                ops::check_int(mt.getrandbits(k as u64))
            }),
        ),
        (
            "randbytes",
            f(&state, "randbytes", |_, mt, a| {
                a.count("randbytes", 1, 1)?;
                let n = ops::as_index(&a.args[0])?;
                if n < 0 {
                    return Err(exc("ValueError", "negative argument not allowed"));
                }
                let bits = mt.getrandbits(n as u64 * 8);
                let mut bytes = bits.to_bytes_le().1;
                bytes.resize(n as usize, 0);
                Ok(Value::bytes(&bytes))
            }),
        ),
        (
            "randrange",
            f(&state, "randrange", |_, mt, mut a| {
                let named = |n: &str, i: usize, a: &mut Args| match a.take_kw(n) {
                    Some(v) => Some(v),
                    None => a.args.get(i).cloned(),
                };
                let start = named("start", 0, &mut a);
                let stop = named("stop", 1, &mut a);
                let step = named("step", 2, &mut a);
                no_kwargs_left("randrange", &a)?;
                let start = start.ok_or_else(|| {
                    type_error("Random.randrange() missing 1 required positional argument: 'start'")
                })?;
                randrange(mt, &start, stop.as_ref(), step.as_ref())
            }),
        ),
        (
            "randint",
            f(&state, "randint", |_, mt, a| {
                a.no_kwargs("randint")?;
                if a.args.len() != 2 {
                    return Err(arity("randint", &["a", "b"], a.args.len()));
                }
                let b = ops::binary_op(
                    crate::python::syntax::ast::BinOp::Add,
                    &a.args[1],
                    &Value::int(1),
                )?;
                randrange(mt, &a.args[0], Some(&b), None)
            }),
        ),
        (
            "choice",
            f(&state, "choice", |_, mt, a| {
                a.no_kwargs("choice")?;
                if a.args.len() != 1 {
                    return Err(arity("choice", &["seq"], a.args.len()));
                }
                let seq = &a.args[0];
                let n = len_of(seq)?;
                if n == 0 {
                    return Err(exc("IndexError", "Cannot choose from an empty sequence"));
                }
                let i = mt.below_usize(n);
                ops::get_item(seq, &Value::int(i as i64))
            }),
        ),
        ("choices", f(&state, "choices", choices)),
        (
            "shuffle",
            f(&state, "shuffle", |ex, mt, a| {
                a.no_kwargs("shuffle")?;
                if a.args.len() != 1 {
                    return Err(arity("shuffle", &["x"], a.args.len()));
                }
                let x = &a.args[0];
                let n = len_of(x)?;
                ex.charge(n)?;
                for i in (1..n).rev() {
                    let j = mt.below_usize(i + 1);
                    let (vi, vj) = (
                        ops::get_item(x, &Value::int(i as i64))?,
                        ops::get_item(x, &Value::int(j as i64))?,
                    );
                    ops::set_item(x, Value::int(i as i64), vj)?;
                    ops::set_item(x, Value::int(j as i64), vi)?;
                }
                Ok(Value::None)
            }),
        ),
        ("sample", f(&state, "sample", sample)),
        (
            "uniform",
            f(&state, "uniform", |_, mt, a| {
                a.no_kwargs("uniform")?;
                if a.args.len() != 2 {
                    return Err(arity("uniform", &["a", "b"], a.args.len()));
                }
                let (lo, hi) = (float(&a.args[0])?, float(&a.args[1])?);
                Ok(Value::float(lo + (hi - lo) * mt.random()))
            }),
        ),
    ];
    it.modules
        .insert("random".into(), super::module("random", members));
}

/// What CPython's `random` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(
        name,
        "Random"
            | "SystemRandom"
            | "getstate"
            | "setstate"
            | "gauss"
            | "normalvariate"
            | "lognormvariate"
            | "expovariate"
            | "vonmisesvariate"
            | "gammavariate"
            | "betavariate"
            | "paretovariate"
            | "weibullvariate"
            | "triangular"
    )
}

/// A `TypeError` for the first keyword argument left over (one the method does not take).
fn no_kwargs_left(name: &str, a: &Args) -> Result<(), PyError> {
    match a.kwargs.first() {
        None => Ok(()),
        Some((k, _)) => Err(type_error(format!(
            "Random.{name}() got an unexpected keyword argument '{k}'"
        ))),
    }
}

/// `Random.name() missing 1 required positional argument: 'b'` and friends.
fn arity(name: &str, params: &[&str], given: usize) -> PyError {
    if given > params.len() {
        return type_error(format!(
            "Random.{name}() takes {} positional argument{} but {} were given",
            params.len() + 1,
            if params.is_empty() { "" } else { "s" },
            given + 1
        ));
    }
    let missing = &params[given..];
    let names: Vec<String> = missing.iter().map(|p| format!("'{p}'")).collect();
    let list = match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => {
            let (last, rest) = names.split_last().unwrap();
            format!("{}, and {last}", rest.join(", "))
        }
    };
    type_error(format!(
        "Random.{name}() missing {} required positional argument{}: {list}",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    ))
}

fn float(v: &Value) -> Result<f64, PyError> {
    match v {
        Value::Float(x) => Ok(*x),
        Value::Int(n) => ops::int_to_f64(n),
        Value::Bool(b) => Ok(*b as u8 as f64),
        other => Err(type_error(format!(
            "must be real number, not {}",
            other.error_type_name()
        ))),
    }
}

fn seed_fn(_: &mut Exec<'_>, mt: &mut Mt, mut a: Args) -> Result<Value, PyError> {
    let version = a.take_kw("version").or_else(|| a.args.get(1).cloned());
    no_kwargs_left("seed", &a)?;
    if a.args.len() > 2 {
        return Err(type_error(format!(
            "Random.seed() takes from 1 to 3 positional arguments but {} were given",
            a.args.len() + 1
        )));
    }
    if let Some(v) = &version {
        if v.as_i64() != Some(2) {
            return Err(PyError::Unsupported {
                what: "random.seed() with a version other than 2".into(),
                line: 0,
            });
        }
    }
    match a.args.first().unwrap_or(&Value::None) {
        Value::None => mt.seed_int(&BigInt::from(fastrand::u64(..))),
        Value::Int(n) => mt.seed_int(n),
        Value::Bool(b) => mt.seed_int(&BigInt::from(*b as u8)),
        Value::Float(x) if x.fract() == 0.0 && x.is_finite() => {
            mt.seed_int(&BigInt::from(*x as i64))
        }
        Value::Str(s) => seed_bytes(mt, s.as_bytes()),
        Value::Bytes(b) => seed_bytes(mt, b),
        Value::Float(_) => {
            return Err(PyError::Unsupported {
                what: "random.seed() with a non-integral float".into(),
                line: 0,
            })
        }
        _ => {
            return Err(type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ))
        }
    }
    Ok(Value::None)
}

/// Version 2 seeding of str and bytes: the bytes followed by their SHA-512, as one int.
fn seed_bytes(mt: &mut Mt, bytes: &[u8]) {
    let mut all = bytes.to_vec();
    all.extend_from_slice(&Sha512::digest(bytes));
    mt.seed_int(&BigInt::from_bytes_be(Sign::Plus, &all));
}

/// An int argument of `randrange`, with 3.11's handling of integral floats.
fn range_arg(v: &Value, which: &str) -> Result<BigInt, PyError> {
    match v {
        Value::Int(n) => Ok(n.clone()),
        Value::Bool(b) => Ok(BigInt::from(*b as u8)),
        Value::Float(x) if x.is_finite() && x.fract() == 0.0 => Ok(BigInt::from(*x as i64)),
        Value::Float(x) if x.is_finite() => Err(exc(
            "ValueError",
            format!("non-integer {which} for randrange()"),
        )),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.error_type_name()
        ))),
    }
}

fn randrange(
    mt: &mut Mt,
    start: &Value,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> Result<Value, PyError> {
    let istart = range_arg(start, "arg 1")?;
    let stop = stop.filter(|v| !v.is_none());
    let Some(stop) = stop else {
        if step.is_some_and(|s| s.as_i64() != Some(1)) {
            return Err(type_error("Missing a non-None stop argument"));
        }
        if istart.is_positive() {
            return Ok(Value::Int(mt.below(&istart)));
        }
        return Err(exc("ValueError", "empty range for randrange()"));
    };
    let istop = range_arg(stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        None => BigInt::from(1),
        Some(s) => range_arg(s, "step")?,
    };
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(Value::Int(&istart + mt.below(&width)));
        }
        return Err(exc(
            "ValueError",
            format!("empty range for randrange() ({istart}, {istop}, {width})"),
        ));
    }
    let n = if istep.is_positive() {
        Integer::div_floor(&(&width + &istep - BigInt::from(1)), &istep)
    } else if istep.is_negative() {
        Integer::div_floor(&(&width + &istep + BigInt::from(1)), &istep)
    } else {
        return Err(exc("ValueError", "zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(exc("ValueError", "empty range for randrange()"));
    }
    Ok(Value::Int(istart + istep * mt.below(&n)))
}

fn choices(ex: &mut Exec<'_>, mt: &mut Mt, mut a: Args) -> Result<Value, PyError> {
    let population = match a.take_kw("population") {
        Some(v) => Some(v),
        None => a.args.first().cloned(),
    };
    let weights = match a.take_kw("weights") {
        Some(v) => Some(v),
        None => a.args.get(1).cloned(),
    };
    let cum_weights = a.take_kw("cum_weights");
    let k = a.take_kw("k").unwrap_or(Value::int(1));
    no_kwargs_left("choices", &a)?;
    if a.args.len() > 2 {
        return Err(type_error(format!(
            "Random.choices() takes from 2 to 3 positional arguments but {} were given",
            a.args.len() + 1
        )));
    }
    let population = population.ok_or_else(|| {
        type_error("Random.choices() missing 1 required positional argument: 'population'")
    })?;
    let n = len_of(&population)?;
    let k = ops::as_index(&k)?.max(0) as usize;
    ex.charge(k)?;
    let weights = weights.filter(|w| !w.is_none());
    let cum_weights = cum_weights.filter(|w| !w.is_none());
    let cum: Vec<f64> = match (weights, cum_weights) {
        (None, None) => {
            let nf = n as f64;
            let mut out = Vec::with_capacity(k);
            for _ in 0..k {
                let i = (mt.random() * nf).floor() as i64;
                out.push(ops::get_item(&population, &Value::int(i))?);
            }
            return Ok(Value::list(out));
        }
        (Some(_), Some(_)) => {
            return Err(type_error(
                "Cannot specify both weights and cumulative weights",
            ))
        }
        (Some(w), None) => {
            if let Value::Int(k) = &w {
                return Err(type_error(format!(
                    "The number of choices must be a keyword argument: k={k}"
                )));
            }
            let mut acc: Option<Value> = None;
            let mut out = Vec::new();
            for v in snapshot_iterable(&w)? {
                let next = match &acc {
                    None => v,
                    Some(prev) => ex.binary(crate::python::syntax::ast::BinOp::Add, prev, &v)?,
                };
                out.push(float(&next)?);
                acc = Some(next);
            }
            out
        }
        (None, Some(c)) => {
            let mut out = Vec::new();
            for v in snapshot_iterable(&c)? {
                out.push(float(&v)?);
            }
            out
        }
    };
    if cum.len() != n {
        return Err(exc(
            "ValueError",
            "The number of weights does not match the population",
        ));
    }
    let total = cum.last().copied().unwrap_or(0.0) + 0.0;
    if total <= 0.0 {
        return Err(exc(
            "ValueError",
            "Total of weights must be greater than zero",
        ));
    }
    if !total.is_finite() {
        return Err(exc("ValueError", "Total of weights must be finite"));
    }
    let hi = n - 1;
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = mt.random() * total;
        // bisect_right(cum, x, 0, hi)
        let (mut lo, mut up) = (0usize, hi);
        while lo < up {
            let mid = (lo + up) / 2;
            if x < cum[mid] {
                up = mid;
            } else {
                lo = mid + 1;
            }
        }
        out.push(ops::get_item(&population, &Value::int(lo as i64))?);
    }
    Ok(Value::list(out))
}

fn sample(ex: &mut Exec<'_>, mt: &mut Mt, mut a: Args) -> Result<Value, PyError> {
    let population = match a.take_kw("population") {
        Some(v) => Some(v),
        None => a.args.first().cloned(),
    };
    let k = match a.take_kw("k") {
        Some(v) => Some(v),
        None => a.args.get(1).cloned(),
    };
    if a.take_kw("counts").is_some() {
        return Err(PyError::Unsupported {
            what: "random.sample() with counts".into(),
            line: 0,
        });
    }
    no_kwargs_left("sample", &a)?;
    if a.args.len() > 2 {
        return Err(type_error(format!(
            "Random.sample() takes 3 positional arguments but {} were given",
            a.args.len() + 1
        )));
    }
    let population = population.ok_or_else(|| arity("sample", &["population", "k"], 0))?;
    let k = k.ok_or_else(|| arity("sample", &["population", "k"], 1))?;
    if !matches!(
        population,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_)
    ) {
        return Err(type_error(
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let n = len_of(&population)?;
    let k = ops::as_index(&k)?;
    if k < 0 || k as usize > n {
        return Err(exc(
            "ValueError",
            "Sample larger than population or is negative",
        ));
    }
    let k = k as usize;
    ex.charge(k + n)?;
    let mut setsize = 21usize;
    if k > 5 {
        let e = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.saturating_pow(e.ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = snapshot_iterable(&population)?;
        for i in 0..k {
            let j = mt.below_usize(n - i);
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = mt.below_usize(n);
            while selected.contains(&j) {
                j = mt.below_usize(n);
            }
            selected.insert(j);
            result.push(ops::get_item(&population, &Value::int(j as i64))?);
        }
    }
    Ok(Value::list(result))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_cpython_after_seed() {
        // random.seed(1); [random.random() for _ in range(2)] in CPython 3.11
        let mut mt = Mt::new();
        mt.seed_int(&BigInt::from(1));
        assert_eq!(mt.random(), 0.13436424411240122);
        assert_eq!(mt.random(), 0.8474337369372327);
    }
}
