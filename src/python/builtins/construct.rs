//! Calling a built-in class: `int(x)`, `str(x)`, `dict(...)`, `datetime(...)`, ….

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::python::builtins::{
    arg_range, no_kwargs, positional_or_kw, take_kw, unexpected_kw, Kwargs,
};
use crate::python::builtins::{int_arg, round_half_even};
use crate::python::eval::{tables, Exec};
use crate::python::types::ops::{self, as_index, as_int, exc, type_error};
use crate::python::types::{
    BuiltinType, Date, DateTime, Decimal, Dict, DictViewKind, PyIter, PyType, Range, Time,
    TimeDelta, Tz, Value,
};
use crate::python::PyError;

/// The whitespace `int()` and `float()` strip around a number, once `number_text` has made
/// the other spaces ASCII.
const NUMBER_SPACE: &[char] = &[' ', '\t', '\n', '\x0b', '\x0c', '\r'];

pub(crate) fn parse_int_text(text: &str, base: u32) -> Option<BigInt> {
    let ascii = crate::python::text::unicode::number_text(text);
    let t = ascii.trim_matches(NUMBER_SPACE);
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (base, body) = {
        let lower = body.to_ascii_lowercase();
        let prefixed = |p: &str| lower.starts_with(p);
        match base {
            16 if prefixed("0x") => (16, &body[2..]),
            8 if prefixed("0o") => (8, &body[2..]),
            2 if prefixed("0b") => (2, &body[2..]),
            0 if prefixed("0x") => (16, &body[2..]),
            0 if prefixed("0o") => (8, &body[2..]),
            0 if prefixed("0b") => (2, &body[2..]),
            0 => {
                if body.len() > 1
                    && body.starts_with('0')
                    && body
                        .trim_start_matches(['0', '_'])
                        .chars()
                        .any(|c| c != '0')
                {
                    return None;
                }
                (10, body)
            }
            b => (b, body),
        }
    };
    let body = body
        .strip_prefix('_')
        .filter(|_| base != 10)
        .unwrap_or(body);
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let digits: String = body.chars().filter(|c| *c != '_').collect();
    if !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let n = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(if negative { -n } else { n })
}

pub(crate) fn parse_float_text(text: &str) -> Option<f64> {
    let ascii = crate::python::text::unicode::number_text(text);
    let t = ascii.trim_matches(NUMBER_SPACE);
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    let negative = lower.starts_with('-');
    let special = match unsigned {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(f) = special {
        if lower.len() - unsigned.len() > 1 {
            return None;
        }
        return Some(if negative { -f } else { f });
    }
    if t.contains("__")
        || t.starts_with('_')
        || t.ends_with('_')
        || t.contains("_.")
        || t.contains("._")
    {
        return None;
    }
    let cleaned: String = t.chars().filter(|c| *c != '_').collect();
    if !cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

/// A number of a unit for `timedelta(...)`, in microseconds.
pub(crate) fn delta_part(v: &Value, micros_per_unit: f64) -> Result<f64, PyError> {
    match v {
        Value::Int(_) | Value::Bool(_) => {
            let n = as_int(v).unwrap_or_default();
            let f = ops::int_to_f64(&n)?;
            Ok(f * micros_per_unit)
        }
        Value::Float(f) => Ok(f * micros_per_unit),
        other => Err(type_error(format!(
            "unsupported type for timedelta {} component: {}",
            match micros_per_unit as i64 {
                86_400_000_000 => "days",
                1_000_000 => "seconds",
                1 => "microseconds",
                1000 => "milliseconds",
                60_000_000 => "minutes",
                3_600_000_000 => "hours",
                _ => "weeks",
            },
            other.error_type_name()
        ))),
    }
}

impl Exec<'_> {
    /// Calls a class: `int("3")`, `datetime(2024, 1, 1)`, `KeyError("x")`.
    pub(crate) fn construct(
        &mut self,
        t: &PyType,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let b = match t {
            PyType::Exception(name) => {
                return Ok(self.new_exception(name, args, kwargs)?.into_value());
            }
            PyType::Other {
                native: Some(class),
                ..
            } => return Ok(class.construct(args, kwargs)?),
            PyType::Other {
                name, qualified, ..
            } => {
                if crate::python::stdlib::constructs(qualified) {
                    return crate::python::stdlib::construct(self, qualified, args, kwargs);
                }
                return Err(type_error(format!("cannot create '{name}' instances")));
            }
            PyType::Builtin(b) => *b,
            PyType::Class(c) => return self.instantiate(c, args, kwargs),
        };
        let name = b.name();
        match b {
            BuiltinType::DateTime => return self.construct_datetime(args, kwargs),
            BuiltinType::Date => {
                let names = ["year", "month", "day"];
                let v = positional_or_kw(args, &mut kwargs, &names, 3)?;
                unexpected_kw("date", &kwargs)?;
                let mut n = [0i64; 3];
                for (i, x) in v.iter().enumerate() {
                    n[i] = int_arg(x.as_ref().unwrap_or(&Value::None), "")?;
                }
                return Ok(Value::Date(Date::new(n[0], n[1], n[2])?));
            }
            BuiltinType::TimeDelta => {
                let names = [
                    "days",
                    "seconds",
                    "microseconds",
                    "milliseconds",
                    "minutes",
                    "hours",
                    "weeks",
                ];
                let units = [
                    86_400_000_000f64,
                    1_000_000.0,
                    1.0,
                    1000.0,
                    60_000_000.0,
                    3_600_000_000.0,
                    604_800_000_000.0,
                ];
                if args.len() > names.len() {
                    return Err(type_error(format!(
                        "timedelta() takes at most 7 arguments ({} given)",
                        args.len()
                    )));
                }
                let mut all_int = true;
                let mut total_int: i128 = 0;
                let mut total_f = 0f64;
                let mut values: Vec<Option<Value>> = vec![None; 7];
                for (i, a) in args.into_iter().enumerate() {
                    values[i] = Some(a);
                }
                for (i, n) in names.iter().enumerate() {
                    if let Some(v) = take_kw(&mut kwargs, n) {
                        values[i] = Some(v);
                    }
                }
                unexpected_kw("timedelta", &kwargs)?;
                for (i, v) in values.iter().enumerate() {
                    if let Some(v) = v {
                        total_f += delta_part(v, units[i])?;
                        match as_int(v).and_then(|n| n.to_i128()) {
                            Some(n) if !matches!(v, Value::Float(_)) => {
                                total_int =
                                    total_int.saturating_add(n.saturating_mul(units[i] as i128))
                            }
                            _ => all_int = false,
                        }
                    }
                }
                let micros = if all_int {
                    total_int
                } else {
                    if !total_f.is_finite() || total_f.abs() > 1e20 {
                        return Err(exc(
                            "OverflowError",
                            "days=1000000000; must have magnitude <= 999999999",
                        ));
                    }
                    round_half_even(total_f) as i128
                };
                return Ok(Value::TimeDelta(TimeDelta::from_micros(micros)?));
            }
            BuiltinType::Decimal => {
                let v = positional_or_kw(args, &mut kwargs, &["value", "context"], 0)?;
                unexpected_kw("Decimal", &kwargs)?;
                let d = match &v[0] {
                    None => Decimal::zero(),
                    Some(Value::Str(s)) => Decimal::parse(s)?,
                    Some(Value::Int(n)) => Decimal::from_bigint(n),
                    Some(Value::Bool(x)) => Decimal::from_bigint(&BigInt::from(*x as u8)),
                    Some(Value::Float(f)) => Decimal::from_f64(*f)?,
                    Some(Value::Decimal(d)) => (**d).clone(),
                    Some(other) => {
                        return Err(type_error(format!(
                            "conversion from {} to Decimal is not supported",
                            other.error_type_name()
                        )))
                    }
                };
                return Ok(Value::decimal(d));
            }
            BuiltinType::TimeZone => return construct_timezone(args, kwargs),
            BuiltinType::Time => {
                let names = ["hour", "minute", "second", "microsecond", "tzinfo"];
                check_clock_args(&args, &kwargs, &names)?;
                let v = positional_or_kw(args, &mut kwargs, &names, 0)?;
                fold_arg(&mut kwargs, "time")?;
                let mut n = [0i64; 4];
                for i in 0..4 {
                    if let Some(x) = &v[i] {
                        n[i] = int_arg(x, "")?;
                    }
                }
                let tz = match &v[4] {
                    None => None,
                    Some(x) => crate::python::stdlib::tzinfo_arg(x)?,
                };
                return Ok(Value::Time(Time::new(n[0], n[1], n[2], n[3], tz)?));
            }
            BuiltinType::Object => {
                if !args.is_empty() {
                    return Err(type_error("object() takes no arguments"));
                }
                return Ok(Value::Native(Rc::new(
                    crate::python::types::native::PlainObject,
                )));
            }
            BuiltinType::NoneType => return Err(type_error("cannot create 'NoneType' instances")),
            BuiltinType::Int => {
                let base = take_kw(&mut kwargs, "base");
                unexpected_kw("int", &kwargs)?;
                arg_range("int", &args, 0, 2)?;
                let base = match args.get(1).or(base.as_ref()) {
                    None => None,
                    Some(v @ (Value::Int(_) | Value::Bool(_))) => {
                        Some(as_int(v).and_then(|n| n.to_i64()).unwrap_or(i64::MAX))
                    }
                    Some(v) => Some(int_arg(v, "")?),
                };
                return self.int_from(args.first(), base);
            }
            BuiltinType::Dict => {
                if args.len() > 1 {
                    return Err(type_error(format!(
                        "dict expected at most 1 argument, got {}",
                        args.len()
                    )));
                }
                let mut d = match args.first() {
                    None => Dict::new(),
                    Some(Value::Dict(src)) => {
                        let mut d = src.borrow().clone();
                        d.flavor = None;
                        d
                    }
                    Some(Value::Native(obj)) if obj.dict_storage().is_some() => {
                        let pairs = obj.dict_storage().unwrap_or_default();
                        Dict::from_pairs(pairs)?
                    }
                    Some(Value::Native(obj)) if obj.has_method("keys") => {
                        let keys = obj.call_method("keys", Vec::new(), Vec::new())?;
                        let mut d = Dict::new();
                        for k in self.snapshot(&keys)? {
                            let v = obj.get_item(&k)?;
                            d.insert(k, v)?;
                        }
                        d
                    }
                    Some(other) if tables::involves_user_keys(other) => {
                        let cell = RefCell::new(Dict::new());
                        self.dict_merge_pairs(&cell, other)?;
                        cell.into_inner()
                    }
                    Some(other) => {
                        let items = self.snapshot(other)?;
                        ops::dict_from_pairs(items)?
                    }
                };
                for (k, v) in kwargs {
                    self.insert_into(&mut d, Value::Str(k), v)?;
                }
                self.charge(d.len())?;
                return Ok(Value::dict(d));
            }
            BuiltinType::Slice => {
                no_kwargs("slice", &kwargs)?;
                let mut a = args.into_iter();
                let n = a.len();
                if n == 0 {
                    return Err(type_error("slice expected at least 1 argument, got 0"));
                }
                if n > 3 {
                    return Err(type_error(format!(
                        "slice expected at most 3 arguments, got {n}"
                    )));
                }
                let first = a.next().unwrap_or(Value::None);
                if n == 1 {
                    return Ok(ops::make_slice(Value::None, first, Value::None));
                }
                let second = a.next().unwrap_or(Value::None);
                let third = a.next().unwrap_or(Value::None);
                return Ok(ops::make_slice(first, second, third));
            }
            BuiltinType::Range => {
                no_kwargs("range", &kwargs)?;
                match args.len() {
                    0 => return Err(type_error("range expected at least 1 argument, got 0")),
                    1..=3 => {}
                    n => {
                        return Err(type_error(format!(
                            "range expected at most 3 arguments, got {n}"
                        )))
                    }
                }
                let nums: Vec<num_bigint::BigInt> =
                    args.iter().map(range_arg).collect::<Result<_, _>>()?;
                let mut nums = nums.into_iter();
                let one = || num_bigint::BigInt::from(1);
                let (start, stop, step) = match (nums.next(), nums.next(), nums.next()) {
                    (Some(stop), None, _) => (num_bigint::BigInt::from(0), stop, one()),
                    (Some(start), Some(stop), None) => (start, stop, one()),
                    (Some(start), Some(stop), Some(step)) => (start, stop, step),
                    _ => return Err(type_error("range expected at least 1 argument, got 0")),
                };
                if num_traits::Zero::is_zero(&step) {
                    return Err(exc("ValueError", "range() arg 3 must not be zero"));
                }
                return Ok(Value::Range(Rc::new(Range::new(start, stop, step))));
            }
            BuiltinType::Enumerate => {
                let start = take_kw(&mut kwargs, "start");
                unexpected_kw("enumerate", &kwargs)?;
                if args.is_empty() {
                    return Err(type_error(
                        "enumerate() missing required argument 'iterable'",
                    ));
                }
                arg_range("enumerate", &args, 1, 2)?;
                let start = match args.get(1).or(start.as_ref()) {
                    None => num_bigint::BigInt::from(0),
                    Some(v) => crate::python::types::ops::as_int(v).ok_or_else(|| {
                        type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            v.error_type_name()
                        ))
                    })?,
                };
                let iter = self.start_iter(args[0].clone())?;
                return Ok(crate::python::builtins::lazy_value(
                    "enumerate",
                    crate::python::types::lazy::LazyState::Enumerate { iter, next: start },
                ));
            }
            BuiltinType::Zip => {
                let strict = take_kw(&mut kwargs, "strict").is_some_and(|s| s.is_truthy());
                unexpected_kw("zip", &kwargs)?;
                let mut iters = Vec::new();
                for a in args {
                    iters.push(self.start_iter(a)?);
                }
                return Ok(crate::python::builtins::lazy_value(
                    "zip",
                    crate::python::types::lazy::LazyState::Zip { iters, strict },
                ));
            }
            BuiltinType::Reversed => {
                no_kwargs("reversed", &kwargs)?;
                arg_range("reversed", &args, 1, 1)?;
                match &args[0] {
                    Value::List(l) => {
                        return Ok(Value::Iterator(Rc::new(PyIter::reversed_list(l.clone()))))
                    }
                    Value::Range(r) => {
                        return Ok(Value::Iterator(Rc::new(PyIter::reversed_range(r))))
                    }
                    Value::Tuple(t) => {
                        return Ok(Value::Iterator(Rc::new(PyIter::reversed_tuple(t.clone()))))
                    }
                    Value::Str(s) => {
                        return Ok(Value::Iterator(Rc::new(PyIter::reversed_str(s.clone()))))
                    }
                    Value::Instance(_) if args[0].builtin_value().is_some() => {
                        if let Some(Value::Tuple(t)) = args[0].builtin_value() {
                            return Ok(Value::Iterator(Rc::new(PyIter::reversed_tuple(t.clone()))));
                        }
                    }
                    Value::Dict(d) => {
                        return Ok(Value::Iterator(Rc::new(PyIter::reversed_dict(
                            d.clone(),
                            DictViewKind::Keys,
                        ))))
                    }
                    Value::DictView(d, kind) => {
                        return Ok(Value::Iterator(Rc::new(PyIter::reversed_dict(
                            d.clone(),
                            *kind,
                        ))))
                    }
                    _ => {}
                }
                let mut items = match &args[0] {
                    Value::List(_)
                    | Value::Tuple(_)
                    | Value::Str(_)
                    | Value::Range(_)
                    | Value::Dict(_)
                    | Value::DictView(..)
                    | Value::Bytes(_) => self.snapshot(&args[0])?,
                    Value::Native(n) if crate::python::stdlib::deque::is_deque(n.as_any()) => {
                        self.snapshot(&args[0])?
                    }
                    Value::Instance(i)
                        if i.class.lookup("__len__").is_some()
                            && i.class.lookup("__getitem__").is_some() =>
                    {
                        // CPython walks such a sequence backwards through its own methods.
                        return Err(PyError::Unsupported {
                            what: "reversed() of an instance through its __len__ and __getitem__"
                                .into(),
                            line: 0,
                        });
                    }
                    other => {
                        return Err(type_error(format!(
                            "'{}' object is not reversible",
                            other.error_type_name()
                        )))
                    }
                };
                items.reverse();
                let kind = match &args[0] {
                    Value::List(_) => "list_reverseiterator",
                    Value::Dict(_) | Value::DictView(_, DictViewKind::Keys) => {
                        "dict_reversekeyiterator"
                    }
                    Value::DictView(_, DictViewKind::Values) => "dict_reversevalueiterator",
                    Value::DictView(_, DictViewKind::Items) => "dict_reverseitemiterator",
                    Value::Range(_) => "range_iterator",
                    Value::Native(_) => "_collections._deque_reverse_iterator",
                    _ => "reversed",
                };
                return Ok(Value::Iterator(Rc::new(PyIter::from_values(kind, items))));
            }
            _ => {}
        }
        no_kwargs(name, &kwargs)?;
        match b {
            BuiltinType::Str => {
                arg_range("str", &args, 0, 3)?;
                if let Some(enc) = args.get(1) {
                    let Value::Str(enc) = enc else {
                        return Err(type_error(format!(
                            "str() argument 'encoding' must be str, not {}",
                            enc.error_type_name()
                        )));
                    };
                    return match &args[0] {
                        Value::Bytes(bs) => {
                            self.charge_text(bs.len())?;
                            Ok(Value::str(&crate::python::builtins::decode_with(bs, enc)?))
                        }
                        Value::Str(_) => Err(type_error("decoding str is not supported")),
                        other => Err(type_error(format!(
                            "decoding to str: need a bytes-like object, {} found",
                            other.error_type_name()
                        ))),
                    };
                }
                match args.first() {
                    None => Ok(Value::str("")),
                    Some(v) => Ok(Value::str(&self.str_of(v)?)),
                }
            }
            BuiltinType::Float => {
                arg_range("float", &args, 0, 1)?;
                Ok(Value::Float(match args.first() {
                    None => 0.0,
                    Some(Value::Float(f)) => *f,
                    Some(Value::Int(n)) => ops::int_to_f64(n)?,
                    Some(Value::Bool(x)) => *x as u8 as f64,
                    Some(Value::Decimal(d)) => d.to_f64(),
                    Some(Value::Bytes(b)) => std::str::from_utf8(b)
                        .ok()
                        .and_then(parse_float_text)
                        .ok_or_else(|| {
                            exc(
                                "ValueError",
                                format!(
                                    "could not convert string to float: {}",
                                    crate::python::text::repr::bytes_repr(b)
                                ),
                            )
                        })?,
                    Some(Value::Str(s)) => parse_float_text(s).ok_or_else(|| {
                        exc(
                            "ValueError",
                            format!(
                                "could not convert string to float: {}",
                                crate::python::text::repr::str_repr(s)
                            ),
                        )
                    })?,
                    Some(other) => {
                        return Err(type_error(format!(
                            "float() argument must be a string or a real number, not '{}'",
                            other.error_type_name()
                        )))
                    }
                }))
            }
            BuiltinType::Bool => {
                arg_range("bool", &args, 0, 1)?;
                match args.first() {
                    Some(v) => Ok(Value::Bool(self.truthy(v)?)),
                    None => Ok(Value::Bool(false)),
                }
            }
            BuiltinType::FrozenSet => {
                if args.len() > 1 {
                    return Err(type_error(format!(
                        "frozenset expected at most 1 argument, got {}",
                        args.len()
                    )));
                }
                if let Some(v @ Value::Set(s)) = args.first() {
                    if s.borrow().frozen {
                        return Ok(v.clone());
                    }
                }
                if let Some(v) = args.first().filter(|v| tables::involves_user_keys(v)) {
                    return Ok(Value::set(self.set_from_value(v, true)?));
                }
                if let Some(v @ (Value::Set(_) | Value::Dict(_))) = args.first() {
                    return Ok(Value::set(crate::python::types::Set::made_from(v, true)?));
                }
                let items = match args.first() {
                    None => Vec::new(),
                    Some(v) => self.iterate_all(v)?,
                };
                self.charge(items.len())?;
                Ok(Value::set(self.set_of(items)?.with_frozen(true)))
            }
            BuiltinType::List | BuiltinType::Tuple | BuiltinType::Set => {
                if args.len() > 1 {
                    return Err(type_error(format!(
                        "{name} expected at most 1 argument, got {}",
                        args.len()
                    )));
                }
                if b == BuiltinType::Set {
                    if let Some(v) = args.first().filter(|v| tables::involves_user_keys(v)) {
                        return Ok(Value::set(self.set_from_value(v, false)?));
                    }
                    if let Some(v @ (Value::Set(_) | Value::Dict(_))) = args.first() {
                        return Ok(Value::set(crate::python::types::Set::made_from(v, false)?));
                    }
                }
                let items = match args.first() {
                    None => Vec::new(),
                    Some(v) => self.iterate_all(v)?,
                };
                self.charge(items.len())?;
                Ok(match b {
                    BuiltinType::List => Value::list(items),
                    BuiltinType::Tuple => Value::tuple(items),
                    _ => Value::set(self.set_of(items)?),
                })
            }
            BuiltinType::Bytes => {
                arg_range("bytes", &args, 0, 3)?;
                Ok(match args.first() {
                    None => Value::bytes(b""),
                    Some(Value::Str(s)) => {
                        if args.len() < 2 {
                            return Err(type_error("string argument without an encoding"));
                        }
                        Value::bytes(s.as_bytes())
                    }
                    Some(Value::Bytes(bs)) => Value::Bytes(bs.clone()),
                    Some(Value::Int(_)) => {
                        let n = as_index(&args[0])?;
                        if n < 0 {
                            return Err(exc("ValueError", "negative count"));
                        }
                        if n as usize > ops::MAX_STR_LEN {
                            return Err(ops::too_long(n as u128));
                        }
                        Value::bytes(&vec![0u8; n as usize])
                    }
                    Some(other) => {
                        let items = self.snapshot(other)?;
                        let mut out = Vec::with_capacity(items.len());
                        for it in items {
                            let n = int_arg(&it, "")?;
                            if !(0..256).contains(&n) {
                                return Err(exc("ValueError", "bytes must be in range(0, 256)"));
                            }
                            out.push(n as u8);
                        }
                        Value::bytes(&out)
                    }
                })
            }
            BuiltinType::Type => match args.len() {
                1 => Ok(Value::Type(args[0].type_of())),
                3 => Err(PyError::Unsupported {
                    what: "creating classes with type(name, bases, dict)".into(),
                    line: 0,
                }),
                _ => Err(type_error("type() takes 1 or 3 arguments")),
            },
            _ => Err(type_error(format!("cannot create '{name}' instances"))),
        }
    }

    pub(crate) fn int_from(
        &mut self,
        v: Option<&Value>,
        base: Option<i64>,
    ) -> Result<Value, PyError> {
        let Some(v) = v else {
            return Ok(Value::int(0));
        };
        if let Some(b) = base {
            if b != 0 && !(2..=36).contains(&b) {
                return Err(exc("ValueError", "int() base must be >= 2 and <= 36, or 0"));
            }
            if !matches!(v, Value::Str(_) | Value::Bytes(_)) {
                return Err(type_error(
                    "int() can't convert non-string with explicit base",
                ));
            }
        }
        match v {
            Value::Int(n) => Ok(Value::Int(n.clone())),
            Value::Bool(b) => Ok(Value::int(*b as i64)),
            Value::Float(f) => ops::float_to_int(*f),
            Value::Decimal(d) => Ok(Value::Int(d.trunc()?)),
            Value::Str(_) | Value::Bytes(_) => {
                let text = match v {
                    Value::Str(s) => s.to_string(),
                    Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                    _ => String::new(),
                };
                let base_n = base.unwrap_or(10) as u32;
                let digits = text.trim().trim_start_matches(['+', '-']).len();
                if base_n == 10 && digits > 4300 {
                    return Err(exc(
                        "ValueError",
                        format!("Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"),
                    ));
                }
                crate::python::eval::budget::bytes(text.len())?;
                parse_int_text(&text, base_n)
                    .map(Value::Int)
                    .ok_or_else(|| {
                        let shown = match v {
                            Value::Str(s) => crate::python::text::repr::str_repr(s),
                            other => crate::python::text::repr::repr(other),
                        };
                        exc(
                            "ValueError",
                            format!("invalid literal for int() with base {base_n}: {shown}"),
                        )
                    })
            }
            other => Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.error_type_name()
            ))),
        }
    }

    pub(crate) fn construct_datetime(
        &mut self,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let names = [
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "microsecond",
            "tzinfo",
        ];
        check_clock_args(&args, &kwargs, &names)?;
        let v = positional_or_kw(args, &mut kwargs, &names, 3)?;
        fold_arg(&mut kwargs, "datetime")?;
        let mut n = [0i64; 7];
        for i in 0..7 {
            if let Some(x) = &v[i] {
                n[i] = int_arg(x, "")?;
            }
        }
        let tz = match &v[7] {
            None => None,
            Some(x) => crate::python::stdlib::tzinfo_arg(x)?,
        };
        Ok(Value::DateTime(
            DateTime::new(n[0], n[1], n[2], n[3], n[4], n[5], n[6], false)?.with_tz(tz),
        ))
    }
}

/// The argument errors CPython's `time()` and `datetime()` raise before looking at values
/// (`fold` is their last, keyword-only in practice, parameter).
fn check_clock_args(args: &[Value], kwargs: &Kwargs, names: &[&str]) -> Result<(), PyError> {
    let n = names.len();
    if args.len() > n + 1 {
        return Err(type_error(format!(
            "function takes at most {} arguments ({} given)",
            n + 1,
            args.len()
        )));
    }
    if args.len() > n {
        return Err(type_error(format!(
            "function takes at most {n} positional arguments ({} given)",
            args.len()
        )));
    }
    for (k, _) in kwargs {
        if !names.contains(&&**k) && &**k != "fold" {
            return Err(type_error(format!(
                "'{k}' is an invalid keyword argument for this function"
            )));
        }
    }
    Ok(())
}

/// `fold=`: 0 is the only fold a fixed-offset zone has; 1 (which changes only the repr and
/// `.fold`) is refused, anything else is CPython's `ValueError`.
fn fold_arg(kwargs: &mut Kwargs, what: &str) -> Result<(), PyError> {
    if let Some(fold) = take_kw(kwargs, "fold") {
        match int_arg(&fold, "")? {
            0 => {}
            1 => {
                return Err(PyError::Unsupported {
                    what: format!("{what}(fold=1)"),
                    line: 0,
                })
            }
            _ => return Err(exc("ValueError", "fold must be either 0 or 1")),
        }
    }
    Ok(())
}

/// `timezone(offset, name=None)`, with CPython's messages.
fn construct_timezone(args: Vec<Value>, mut kwargs: Kwargs) -> Result<Value, PyError> {
    if args.len() > 2 {
        return Err(type_error(format!(
            "timezone() takes at most 2 arguments ({} given)",
            args.len() + kwargs.len()
        )));
    }
    if let Some((k, _)) = kwargs
        .iter()
        .find(|(k, _)| !matches!(&**k, "offset" | "name"))
    {
        return Err(type_error(format!(
            "'{k}' is an invalid keyword argument for timezone()"
        )));
    }
    let v = positional_or_kw(args, &mut kwargs, &["offset", "name"], 0)?;
    let offset = match &v[0] {
        None => {
            return Err(type_error(
                "timezone() missing required argument 'offset' (pos 1)",
            ))
        }
        Some(Value::TimeDelta(d)) => *d,
        Some(other) => {
            return Err(type_error(format!(
                "timezone() argument 1 must be datetime.timedelta, not {}",
                other.error_type_name()
            )))
        }
    };
    let name = match &v[1] {
        None => None,
        Some(Value::Str(s)) => Some(s.clone()),
        Some(other) => {
            return Err(type_error(format!(
                "timezone() argument 2 must be str, not {}",
                if matches!(other, Value::None) {
                    "None".to_string()
                } else {
                    other.error_type_name()
                }
            )))
        }
    };
    let tz = Tz::new(&offset, name.as_deref())?;
    Ok(crate::python::stdlib::zone_value(tz))
}

/// An argument of `range()`: an int of any size.
fn range_arg(v: &Value) -> Result<num_bigint::BigInt, PyError> {
    match v {
        Value::Int(n) => Ok(n.clone()),
        Value::Bool(b) => Ok(num_bigint::BigInt::from(*b as u8)),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.error_type_name()
        ))),
    }
}
