//! `decimal.Decimal` for finite values, with Python's default context (28 significant
//! digits, half-even rounding) and its text forms.

use std::cmp::Ordering;
use std::hash::Hash;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

use crate::python::builtins::{arg_range, no_kwargs, positional_or_kw, unexpected_kw, Kwargs};
use crate::python::eval::attr::{attribute_error, unimplemented_method};
use crate::python::eval::Exec;
use crate::python::types::ops::type_error;
use crate::python::types::Value;
use crate::python::{PyError, PyException};

const PRECISION: usize = 28;
/// Exponents further apart than this are not aligned (it would need huge numbers).
const MAX_SHIFT: i64 = 5_000;

/// A finite decimal number: `(-1)^negative * coefficient * 10^exponent`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    pub negative: bool,
    pub coefficient: BigUint,
    pub exponent: i64,
}

fn pow10(n: i64) -> BigUint {
    BigUint::from(10u32).pow(n.max(0) as u32)
}

fn digit_count(n: &BigUint) -> usize {
    if n.is_zero() {
        1
    } else {
        n.to_str_radix(10).len()
    }
}

fn conversion_syntax() -> PyException {
    PyException::new("InvalidOperation", "[<class 'decimal.ConversionSyntax'>]")
}

fn too_far() -> PyException {
    PyException::overflow("decimal exponents too far apart for the simulator")
}

impl Decimal {
    pub fn zero() -> Self {
        Decimal {
            negative: false,
            coefficient: BigUint::zero(),
            exponent: 0,
        }
    }

    /// `Decimal('1.10')`; `InvalidOperation` for text that is not a finite number.
    pub fn parse(text: &str) -> Result<Self, PyException> {
        let t = text.trim().replace('_', "");
        let (negative, rest) = match t.as_bytes().first() {
            Some(b'-') => (true, &t[1..]),
            Some(b'+') => (false, &t[1..]),
            _ => (false, &t[..]),
        };
        let (mantissa, exp_text) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let (int_part, frac_part) = match mantissa.find('.') {
            Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
            None => (mantissa, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(conversion_syntax());
        }
        if !int_part
            .bytes()
            .chain(frac_part.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return Err(conversion_syntax());
        }
        let mut exponent: i64 = match exp_text {
            Some(e) => {
                let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(conversion_syntax());
                }
                if digits.len() > 9 {
                    return Err(too_far());
                }
                e.parse::<i64>().map_err(|_| conversion_syntax())?
            }
            None => 0,
        };
        exponent -= frac_part.len() as i64;
        let all = format!("{int_part}{frac_part}");
        if all.len() > 10_000 {
            return Err(too_far());
        }
        let coefficient = BigUint::parse_bytes(all.as_bytes(), 10).unwrap_or_default();
        Ok(Decimal {
            negative,
            coefficient,
            exponent,
        })
    }

    pub fn from_bigint(n: &BigInt) -> Self {
        Decimal {
            negative: n.sign() == Sign::Minus,
            coefficient: n.magnitude().clone(),
            exponent: 0,
        }
    }

    /// The exact value of a float, as `Decimal(0.1)` gives it.
    pub fn from_f64(f: f64) -> Result<Self, PyException> {
        if !f.is_finite() {
            return Err(PyException::new(
                "ValueError",
                "the simulator's Decimal supports finite values only",
            ));
        }
        let negative = f.is_sign_negative();
        let bits = f.abs().to_bits();
        let raw_exp = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1u64 << 52) - 1);
        let (mut mant, mut exp) = if raw_exp == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), raw_exp - 1075)
        };
        if mant == 0 {
            return Ok(Decimal {
                negative,
                coefficient: BigUint::zero(),
                exponent: 0,
            });
        }
        while mant % 2 == 0 {
            mant /= 2;
            exp += 1;
        }
        let m = BigUint::from(mant);
        Ok(if exp >= 0 {
            Decimal {
                negative,
                coefficient: m << exp as usize,
                exponent: 0,
            }
        } else {
            Decimal {
                negative,
                coefficient: m * BigUint::from(5u32).pow((-exp) as u32),
                exponent: exp,
            }
        })
    }

    pub fn is_zero(&self) -> bool {
        self.coefficient.is_zero()
    }

    fn signed(&self) -> BigInt {
        let sign = if self.negative {
            Sign::Minus
        } else {
            Sign::Plus
        };
        BigInt::from_biguint(sign, self.coefficient.clone())
    }

    fn from_signed(n: BigInt, exponent: i64, negative_zero: bool) -> Self {
        let negative = n.sign() == Sign::Minus || (n.is_zero() && negative_zero);
        Decimal {
            negative,
            coefficient: n.magnitude().clone(),
            exponent,
        }
    }

    /// The value as an integer when it has no fractional part.
    pub fn to_bigint_exact(&self) -> Option<BigInt> {
        if self.exponent >= 0 {
            if self.exponent > MAX_SHIFT {
                return None;
            }
            return Some(self.signed() * BigInt::from(pow10(self.exponent)));
        }
        let div = pow10(-self.exponent.max(-MAX_SHIFT));
        let (q, r) = self.coefficient.div_rem(&div);
        if !r.is_zero() {
            return None;
        }
        let sign = if self.negative {
            Sign::Minus
        } else {
            Sign::Plus
        };
        Some(BigInt::from_biguint(sign, q))
    }

    /// Truncated towards zero, as `int(Decimal(...))` gives it; refused past the largest int
    /// the simulator computes.
    pub fn trunc(&self) -> Result<BigInt, PyError> {
        let sign = if self.negative {
            Sign::Minus
        } else {
            Sign::Plus
        };
        if self.exponent >= 0 {
            // Each power of ten adds more than three bits.
            if self.exponent as u64 > crate::python::types::ops::MAX_INT_BITS / 3 {
                return Err(crate::python::types::ops::too_big_int());
            }
            let n = self.signed() * BigInt::from(pow10(self.exponent));
            if n.bits() > crate::python::types::ops::MAX_INT_BITS {
                return Err(crate::python::types::ops::too_big_int());
            }
            return Ok(n);
        }
        if -self.exponent > digit_count(&self.coefficient) as i64 {
            return Ok(BigInt::zero());
        }
        Ok(BigInt::from_biguint(
            sign,
            &self.coefficient / pow10(-self.exponent),
        ))
    }

    pub fn to_f64(&self) -> f64 {
        self.to_str().parse::<f64>().unwrap_or(f64::NAN)
    }

    /// The same value with trailing zeros removed from the coefficient (for hashing and
    /// equality).
    pub fn normalized(&self) -> Decimal {
        if self.coefficient.is_zero() {
            return Decimal::zero();
        }
        let mut c = self.coefficient.clone();
        let mut e = self.exponent;
        let ten = BigUint::from(10u32);
        loop {
            let (q, r) = c.div_rem(&ten);
            if !r.is_zero() {
                break;
            }
            c = q;
            e += 1;
        }
        Decimal {
            negative: self.negative,
            coefficient: c,
            exponent: e,
        }
    }

    /// Rounds the coefficient to the context precision (half-even); `sticky` says that
    /// non-zero digits were already dropped below the coefficient.
    fn rounded(mut self, sticky: bool) -> Decimal {
        let digits = digit_count(&self.coefficient);
        if digits <= PRECISION {
            return self;
        }
        let extra = (digits - PRECISION) as i64;
        let div = pow10(extra);
        let (mut q, rem) = self.coefficient.div_rem(&div);
        let twice = rem * 2u32;
        let up = match twice.cmp(&div) {
            Ordering::Greater => true,
            Ordering::Equal => sticky || q.is_odd(),
            Ordering::Less => false,
        };
        if up {
            q += 1u32;
        }
        self.exponent += extra;
        if digit_count(&q) > PRECISION {
            q /= 10u32;
            self.exponent += 1;
        }
        self.coefficient = q;
        self
    }

    fn aligned(&self, other: &Decimal) -> Result<(BigInt, BigInt, i64), PyException> {
        let exp = self.exponent.min(other.exponent);
        if self.exponent.saturating_sub(exp) > MAX_SHIFT
            || other.exponent.saturating_sub(exp) > MAX_SHIFT
        {
            return Err(too_far());
        }
        let a = self.signed() * BigInt::from(pow10(self.exponent - exp));
        let b = other.signed() * BigInt::from(pow10(other.exponent - exp));
        Ok((a, b, exp))
    }

    pub fn add(&self, other: &Decimal) -> Result<Decimal, PyException> {
        let (a, b, exp) = self.aligned(other)?;
        let negative_zero = self.negative && other.negative;
        Ok(Decimal::from_signed(a + b, exp, negative_zero).rounded(false))
    }

    /// The sign flipped, nothing else (Decimal's `copy_negate`).
    pub fn neg(&self) -> Decimal {
        Decimal {
            negative: !self.negative,
            ..self.clone()
        }
    }

    /// `-d`: the sign flipped and rounded to the context; a zero comes out positive (under
    /// the context's rounding, half-even).
    pub fn minus(&self) -> Decimal {
        let negative = !self.is_zero() && !self.negative;
        Decimal {
            negative,
            ..self.clone()
        }
        .rounded(false)
    }

    /// `+d`: rounded to the context; a zero comes out positive.
    pub fn plus(&self) -> Decimal {
        let negative = !self.is_zero() && self.negative;
        Decimal {
            negative,
            ..self.clone()
        }
        .rounded(false)
    }

    pub fn sub(&self, other: &Decimal) -> Result<Decimal, PyException> {
        self.add(&other.neg())
    }

    pub fn mul(&self, other: &Decimal) -> Result<Decimal, PyException> {
        let exponent = self.exponent.saturating_add(other.exponent);
        if exponent.abs() > 1_000_000_000 {
            return Err(too_far());
        }
        Ok(Decimal {
            negative: self.negative != other.negative,
            coefficient: &self.coefficient * &other.coefficient,
            exponent,
        }
        .rounded(false))
    }

    fn division_by_zero(&self) -> PyException {
        if self.is_zero() {
            PyException::new("InvalidOperation", "[<class 'decimal.DivisionUndefined'>]")
        } else {
            PyException::new("DivisionByZero", "[<class 'decimal.DivisionByZero'>]")
        }
    }

    /// `/` with Python's rules: exact results take the ideal exponent, others 28 digits.
    pub fn div(&self, other: &Decimal) -> Result<Decimal, PyException> {
        if other.is_zero() {
            return Err(self.division_by_zero());
        }
        let negative = self.negative != other.negative;
        let ideal = self.exponent.saturating_sub(other.exponent);
        if ideal.abs() > 1_000_000_000 {
            return Err(too_far());
        }
        if self.is_zero() {
            return Ok(Decimal {
                negative,
                coefficient: BigUint::zero(),
                exponent: ideal,
            });
        }
        let k = PRECISION as i64 + 1 + digit_count(&other.coefficient) as i64
            - digit_count(&self.coefficient) as i64;
        let (num, den) = if k >= 0 {
            (&self.coefficient * pow10(k), other.coefficient.clone())
        } else {
            (self.coefficient.clone(), &other.coefficient * pow10(-k))
        };
        let (mut q, r) = num.div_rem(&den);
        let mut exponent = ideal - k;
        if r.is_zero() {
            let ten = BigUint::from(10u32);
            while exponent < ideal {
                let (q2, r2) = q.div_rem(&ten);
                if !r2.is_zero() {
                    break;
                }
                q = q2;
                exponent += 1;
            }
            return Ok(Decimal {
                negative,
                coefficient: q,
                exponent,
            }
            .rounded(false));
        }
        Ok(Decimal {
            negative,
            coefficient: q,
            exponent,
        }
        .rounded(true))
    }

    /// `//`: the quotient truncated towards zero.
    pub fn floordiv(&self, other: &Decimal) -> Result<Decimal, PyException> {
        if other.is_zero() {
            return Err(self.division_by_zero());
        }
        let (a, b, _) = self.aligned(other)?;
        let q = &a / &b;
        Ok(Decimal::from_signed(q, 0, self.negative != other.negative))
    }

    /// `%`: the remainder takes the sign of the dividend.
    pub fn rem(&self, other: &Decimal) -> Result<Decimal, PyException> {
        if other.is_zero() {
            return Err(PyException::new(
                "InvalidOperation",
                "[<class 'decimal.DivisionUndefined'>]",
            ));
        }
        let (a, b, exp) = self.aligned(other)?;
        let r = &a % &b;
        Ok(Decimal::from_signed(r, exp, self.negative).rounded(false))
    }

    /// `quantize(exp)`: rounds (half-even) to the exponent of `exp`.
    /// `sqrt()` in the default context: correctly rounded to 28 digits (half-even), an
    /// exact root shown with the ideal exponent (half the operand's, rounded down), as the
    /// General Decimal Arithmetic specification (and CPython) computes it.
    pub fn sqrt(&self) -> Result<Decimal, PyException> {
        if self.coefficient.is_zero() {
            return Ok(Decimal {
                negative: self.negative,
                coefficient: BigUint::zero(),
                exponent: self.exponent.div_euclid(2),
            });
        }
        if self.negative {
            return Err(PyException::new(
                "InvalidOperation",
                "[<class 'decimal.InvalidOperation'>]",
            ));
        }
        let prec = PRECISION as i64 + 1;
        let len = digit_count(&self.coefficient) as i64;
        let mut e = self.exponent.div_euclid(2);
        let (c, l) = if self.exponent.rem_euclid(2) == 1 {
            (&self.coefficient * 10u32, (len >> 1) + 1)
        } else {
            (self.coefficient.clone(), (len + 1) >> 1)
        };
        let shift = prec - l;
        let hundred = BigUint::from(100u32);
        let (c, mut exact) = if shift >= 0 {
            (c * hundred.pow(shift as u32), true)
        } else {
            let (q, r) = c.div_rem(&hundred.pow((-shift) as u32));
            (q, r.is_zero())
        };
        e -= shift;
        let mut n = pow10(prec);
        loop {
            let q = &c / &n;
            if n <= q {
                break;
            }
            n = (n + q) >> 1u32;
        }
        exact = exact && &n * &n == c;
        if exact {
            if shift >= 0 {
                n /= pow10(shift);
            } else {
                n *= pow10(-shift);
            }
            e += shift;
        } else if (&n % 5u32).is_zero() {
            n += 1u32;
        }
        Ok(Decimal {
            negative: false,
            coefficient: n,
            exponent: e,
        }
        .rounded(false))
    }

    pub fn quantize(&self, exp: &Decimal) -> Result<Decimal, PyException> {
        self.quantize_with(exp, Rounding::HalfEven)
    }

    /// `quantize(exp, rounding=…)`.
    pub fn quantize_with(&self, exp: &Decimal, mode: Rounding) -> Result<Decimal, PyException> {
        let target = exp.exponent;
        if target.abs() > 2_000_000_000 || self.exponent.abs() > 2_000_000_000 {
            return Err(too_far());
        }
        if target >= self.exponent {
            let shift = target - self.exponent;
            if shift > MAX_SHIFT {
                return Ok(Decimal {
                    negative: self.negative,
                    coefficient: BigUint::zero(),
                    exponent: target,
                });
            }
            let div = pow10(shift);
            let (mut q, rem) = self.coefficient.div_rem(&div);
            let inexact = !rem.is_zero();
            let twice = rem * 2u32;
            let up = match mode {
                Rounding::HalfEven => twice > div || (twice == div && q.is_odd()),
                Rounding::HalfUp => inexact && twice >= div,
                Rounding::HalfDown => twice > div,
                Rounding::Down => false,
                Rounding::Up => inexact,
                Rounding::Ceiling => inexact && !self.negative,
                Rounding::Floor => inexact && self.negative,
                Rounding::ZeroFiveUp => {
                    let last = (&q % 10u32).to_u32().unwrap_or(1);
                    inexact && (last == 0 || last == 5)
                }
            };
            if up {
                q += 1u32;
            }
            if digit_count(&q) > PRECISION {
                return Err(PyException::new(
                    "InvalidOperation",
                    "[<class 'decimal.InvalidOperation'>]",
                ));
            }
            Ok(Decimal {
                negative: self.negative,
                coefficient: q,
                exponent: target,
            })
        } else {
            let shift = self.exponent - target;
            if shift > MAX_SHIFT {
                return Err(too_far());
            }
            let c = &self.coefficient * pow10(shift);
            if digit_count(&c) > PRECISION {
                return Err(PyException::new(
                    "InvalidOperation",
                    "[<class 'decimal.InvalidOperation'>]",
                ));
            }
            Ok(Decimal {
                negative: self.negative,
                coefficient: c,
                exponent: target,
            })
        }
    }

    /// Numeric comparison.
    pub fn compare(&self, other: &Decimal) -> Ordering {
        if self.is_zero() && other.is_zero() {
            return Ordering::Equal;
        }
        match (
            self.negative && !self.is_zero(),
            other.negative && !other.is_zero(),
        ) {
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        match self.aligned(other) {
            Ok((a, b, _)) => a.cmp(&b),
            Err(_) => {
                // Far apart: compare adjusted exponents.
                let adj = |d: &Decimal| {
                    d.exponent
                        .saturating_add(digit_count(&d.coefficient) as i64)
                };
                let ord = if d_is_zero(self) {
                    Ordering::Less
                } else if d_is_zero(other) {
                    Ordering::Greater
                } else {
                    adj(self).cmp(&adj(other))
                };
                if self.negative {
                    ord.reverse()
                } else {
                    ord
                }
            }
        }
    }

    /// Python's `str()`: `1.10`, `1E+3`, `1.23E-8`.
    pub fn to_str(&self) -> String {
        let digits = self.coefficient.to_str_radix(10);
        let sign = if self.negative { "-" } else { "" };
        let len = digits.len() as i64;
        let adjusted = self.exponent.saturating_add(len - 1);
        if self.exponent <= 0 && adjusted >= -6 {
            if self.exponent == 0 {
                return format!("{sign}{digits}");
            }
            let point = len.saturating_add(self.exponent);
            if point > 0 {
                let (a, b) = digits.split_at(point as usize);
                format!("{sign}{a}.{b}")
            } else {
                format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
            }
        } else {
            let (first, rest) = digits.split_at(1);
            let dot = if rest.is_empty() {
                String::new()
            } else {
                format!(".{rest}")
            };
            let esign = if adjusted >= 0 { "+" } else { "-" };
            format!("{sign}{first}{dot}E{esign}{}", adjusted.abs())
        }
    }

    /// Python's `repr()`: `Decimal('1.10')`.
    pub fn repr(&self) -> String {
        format!("Decimal('{}')", self.to_str())
    }

    /// The value rounded to an integer (half-even), as `round(Decimal)` gives it.
    pub fn round_to_int(&self) -> Result<BigInt, PyError> {
        let q = self
            .quantize(&Decimal {
                negative: false,
                coefficient: BigUint::one(),
                exponent: 0,
            })
            .unwrap_or_else(|_| self.clone());
        q.trunc()
    }
}

fn d_is_zero(d: &Decimal) -> bool {
    d.coefficient.is_zero()
}

/// Exponent helper for callers that need an `i64` coefficient.
pub fn small_coefficient(d: &Decimal) -> Option<i64> {
    d.coefficient.to_i64()
}

/// The rounding modes of `decimal` (`ROUND_HALF_EVEN` and the others), by their names,
/// which are also their values in CPython.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    HalfEven,
    HalfUp,
    HalfDown,
    Down,
    Up,
    Ceiling,
    Floor,
    ZeroFiveUp,
}

impl Rounding {
    pub const NAMES: [&'static str; 8] = [
        "ROUND_CEILING",
        "ROUND_FLOOR",
        "ROUND_UP",
        "ROUND_DOWN",
        "ROUND_HALF_UP",
        "ROUND_HALF_DOWN",
        "ROUND_HALF_EVEN",
        "ROUND_05UP",
    ];

    pub fn from_name(name: &str) -> Option<Rounding> {
        Some(match name {
            "ROUND_CEILING" => Rounding::Ceiling,
            "ROUND_FLOOR" => Rounding::Floor,
            "ROUND_UP" => Rounding::Up,
            "ROUND_DOWN" => Rounding::Down,
            "ROUND_HALF_UP" => Rounding::HalfUp,
            "ROUND_HALF_DOWN" => Rounding::HalfDown,
            "ROUND_HALF_EVEN" => Rounding::HalfEven,
            "ROUND_05UP" => Rounding::ZeroFiveUp,
            _ => return None,
        })
    }
}

fn bad_rounding() -> PyException {
    PyException::type_error(
        "valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]",
    )
}

pub(crate) const DECIMAL_METHODS: &[&str] = &[
    "quantize",
    "sqrt",
    "is_zero",
    "is_signed",
    "normalize",
    "to_integral_value",
    "copy_abs",
    "copy_negate",
    "adjusted",
];
pub(crate) const DECIMAL_UNIMPLEMENTED: &[&str] = &[
    "exp",
    "ln",
    "log10",
    "as_tuple",
    "as_integer_ratio",
    "compare",
    "fma",
    "is_nan",
    "is_infinite",
    "is_finite",
    "max",
    "min",
    "next_plus",
    "next_minus",
    "to_eng_string",
    "rotate",
    "shift",
    "scaleb",
    "logb",
    "to_integral_exact",
];

impl Exec<'_> {
    pub(crate) fn decimal_method(
        &mut self,
        d: &Decimal,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            arg_range(name, args, 0, 0)
        };
        Ok(match name {
            "quantize" => {
                let v = positional_or_kw(args, &mut kwargs, &["exp", "rounding", "context"], 1)?;
                unexpected_kw(name, &kwargs)?;
                let mode = match &v[1] {
                    None | Some(Value::None) => Rounding::HalfEven,
                    Some(Value::Str(s)) => Rounding::from_name(s).ok_or_else(bad_rounding)?,
                    Some(_) => return Err(bad_rounding().into()),
                };
                if matches!(&v[2], Some(c) if !matches!(c, Value::None)) {
                    return Err(PyError::Unsupported {
                        what: "decimal contexts".into(),
                        line: 0,
                    });
                }
                let exp = match &v[0] {
                    Some(Value::Decimal(e)) => (**e).clone(),
                    Some(Value::Int(n)) => Decimal::from_bigint(n),
                    Some(other) => {
                        return Err(type_error(format!(
                            "conversion from {} to Decimal is not supported",
                            other.error_type_name()
                        )))
                    }
                    None => Decimal::zero(),
                };
                Value::decimal(d.quantize_with(&exp, mode)?)
            }
            "is_zero" => {
                no_args(&args, &kwargs)?;
                Value::Bool(d.is_zero())
            }
            "sqrt" => {
                let v = positional_or_kw(args, &mut kwargs, &["context"], 0)?;
                unexpected_kw(name, &kwargs)?;
                if v[0].as_ref().is_some_and(|c| !c.is_none()) {
                    return Err(PyError::Unsupported {
                        what: "a decimal context argument".into(),
                        line: 0,
                    });
                }
                Value::decimal(d.sqrt()?)
            }
            "is_signed" => {
                no_args(&args, &kwargs)?;
                Value::Bool(d.negative)
            }
            "normalize" => {
                no_args(&args, &kwargs)?;
                Value::decimal(d.normalized())
            }
            "to_integral_value" => {
                no_args(&args, &kwargs)?;
                Value::decimal(Decimal::from_bigint(&d.round_to_int()?))
            }
            "copy_abs" => {
                no_args(&args, &kwargs)?;
                Value::decimal(Decimal {
                    negative: false,
                    ..d.clone()
                })
            }
            "copy_negate" => {
                no_args(&args, &kwargs)?;
                Value::decimal(d.neg())
            }
            "adjusted" => {
                no_args(&args, &kwargs)?;
                let digits = if d.coefficient.is_zero() {
                    1
                } else {
                    d.coefficient.to_str_radix(10).len() as i64
                };
                Value::int(d.exponent + digits - 1)
            }
            _ => {
                let v = Value::decimal(d.clone());
                if DECIMAL_UNIMPLEMENTED.contains(&name) {
                    return Err(unimplemented_method(&v, name));
                }
                return Err(attribute_error(&v, name));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn text_forms_match_python() {
        let cases = [
            ("1.10", "1.10"),
            ("0.000001", "0.000001"),
            ("0.0000001", "1E-7"),
            ("1E+3", "1E+3"),
            ("123E-10", "1.23E-8"),
            ("-0", "-0"),
            ("100", "100"),
            ("1e5", "1E+5"),
            ("0.00", "0.00"),
            ("-1.5", "-1.5"),
        ];
        for (input, want) in cases {
            assert_eq!(d(input).to_str(), want, "{input}");
        }
        assert_eq!(d("1.10").repr(), "Decimal('1.10')");
        assert_eq!(
            Decimal::parse("abc").unwrap_err().display(),
            "InvalidOperation: [<class 'decimal.ConversionSyntax'>]"
        );
    }

    #[test]
    fn arithmetic_matches_python() {
        let q = |a: &str, b: &str| d(a).div(&d(b)).unwrap().to_str();
        assert_eq!(q("1", "3"), "0.3333333333333333333333333333");
        assert_eq!(q("10", "4"), "2.5");
        assert_eq!(q("1.00", "3"), "0.3333333333333333333333333333");
        assert_eq!(q("1", "8"), "0.125");
        assert_eq!(q("2", "0.5"), "4");
        assert_eq!(q("100", "10"), "10");
        assert_eq!(d("1.10").add(&d("2")).unwrap().to_str(), "3.10");
        assert_eq!(d("1.1").mul(&d("2.5")).unwrap().to_str(), "2.75");
        assert_eq!(d("7").floordiv(&d("2")).unwrap().to_str(), "3");
        assert_eq!(d("-7").floordiv(&d("2")).unwrap().to_str(), "-3");
        assert_eq!(d("-7").rem(&d("2")).unwrap().to_str(), "-1");
        assert_eq!(
            Decimal::from_f64(0.1).unwrap().to_str(),
            "0.1000000000000000055511151231257827021181583404541015625"
        );
        assert_eq!(Decimal::from_f64(1.5).unwrap().to_str(), "1.5");
        assert_eq!(d("1.10").compare(&d("1.1")), Ordering::Equal);
        assert_eq!(d("1.234").quantize(&d("0.01")).unwrap().to_str(), "1.23");
        assert_eq!(d("2.675").quantize(&d("0.01")).unwrap().to_str(), "2.68");
        assert_eq!(
            d("1").div(&d("0")).unwrap_err().display(),
            "DivisionByZero: [<class 'decimal.DivisionByZero'>]"
        );
    }
}
