//! `datetime.datetime`, `datetime.date` and `datetime.timedelta`, as plain data with Python's
//! validation, normalisation, arithmetic and text forms.

use std::cmp::Ordering;
use std::hash::Hash;

use crate::python::builtins::{
    arg_range, exactly_one, no_kwargs, positional_or_kw, unexpected_kw, Kwargs,
};
use crate::python::eval::attr::{attribute_error, s, unimplemented_method};
use crate::python::eval::Exec;
use crate::python::types::ops::{as_index, exc};
use crate::python::types::str::str_arg;
use crate::python::types::Value;
use crate::python::{PyError, PyException};

const MICROS_PER_SECOND: i128 = 1_000_000;
const MICROS_PER_DAY: i128 = 86_400 * MICROS_PER_SECOND;
const MAX_DELTA_DAYS: i64 = 999_999_999;

use crate::calendar::{civil_from_days, days_from_civil};

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

fn check_date(year: i64, month: i64, day: i64) -> Result<(), PyException> {
    if !(1..=9999).contains(&year) {
        return Err(PyException::value_error(format!(
            "year {year} is out of range"
        )));
    }
    if !(1..=12).contains(&month) {
        return Err(PyException::value_error("month must be in 1..12"));
    }
    if day < 1 || day > days_in_month(year, month as u32) as i64 {
        return Err(PyException::value_error("day is out of range for month"));
    }
    Ok(())
}

fn out_of_range() -> PyException {
    PyException::overflow("date value out of range")
}

/// `datetime.timedelta`, normalised as Python does: `0 <= seconds < 86400` and
/// `0 <= microseconds < 1000000`; only `days` carries the sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TimeDelta {
    pub days: i64,
    pub seconds: i64,
    pub microseconds: i64,
}

impl TimeDelta {
    /// Normalises the three parts; `OverflowError` when `|days| > 999999999`.
    pub fn new(days: i64, seconds: i64, microseconds: i64) -> Result<Self, PyException> {
        let total = days as i128 * MICROS_PER_DAY
            + seconds as i128 * MICROS_PER_SECOND
            + microseconds as i128;
        Self::from_micros(total)
    }

    /// A timedelta of the given total number of microseconds.
    pub fn from_micros(total: i128) -> Result<Self, PyException> {
        let days = total.div_euclid(MICROS_PER_DAY);
        let rest = total.rem_euclid(MICROS_PER_DAY);
        // CPython converts the day count to a C int before checking its range.
        if i32::try_from(days).is_err() {
            return Err(PyException::overflow(
                "Python int too large to convert to C int",
            ));
        }
        if days.abs() > MAX_DELTA_DAYS as i128 {
            return Err(PyException::overflow(format!(
                "days={days}; must have magnitude <= {MAX_DELTA_DAYS}"
            )));
        }
        Ok(TimeDelta {
            days: days as i64,
            seconds: (rest / MICROS_PER_SECOND) as i64,
            microseconds: (rest % MICROS_PER_SECOND) as i64,
        })
    }

    /// A timedelta of whole seconds (may overflow only for absurd values).
    pub fn from_seconds(seconds: i64) -> Result<Self, PyException> {
        Self::new(0, seconds, 0)
    }

    /// The total length in microseconds.
    pub fn total_micros(&self) -> i128 {
        self.days as i128 * MICROS_PER_DAY
            + self.seconds as i128 * MICROS_PER_SECOND
            + self.microseconds as i128
    }

    /// Python's `total_seconds()`.
    pub fn total_seconds(&self) -> f64 {
        self.total_micros() as f64 / 1e6
    }

    pub fn is_zero(&self) -> bool {
        self.total_micros() == 0
    }

    pub fn add(&self, other: &TimeDelta) -> Result<TimeDelta, PyException> {
        Self::from_micros(self.total_micros() + other.total_micros())
    }

    pub fn sub(&self, other: &TimeDelta) -> Result<TimeDelta, PyException> {
        Self::from_micros(self.total_micros() - other.total_micros())
    }

    pub fn neg(&self) -> Result<TimeDelta, PyException> {
        Self::from_micros(-self.total_micros())
    }

    /// Python's `repr()`: `datetime.timedelta(days=1, seconds=5)`.
    pub fn repr(&self) -> String {
        let mut parts = Vec::new();
        if self.days != 0 {
            parts.push(format!("days={}", self.days));
        }
        if self.seconds != 0 {
            parts.push(format!("seconds={}", self.seconds));
        }
        if self.microseconds != 0 {
            parts.push(format!("microseconds={}", self.microseconds));
        }
        if parts.is_empty() {
            parts.push("0".to_string());
        }
        format!("datetime.timedelta({})", parts.join(", "))
    }

    /// Python's `str()`: `1 day, 0:00:05`.
    pub fn to_str(&self) -> String {
        let mut out = String::new();
        if self.days != 0 {
            let plural = if self.days.abs() != 1 { "s" } else { "" };
            out.push_str(&format!("{} day{}, ", self.days, plural));
        }
        let h = self.seconds / 3600;
        let m = (self.seconds % 3600) / 60;
        let s = self.seconds % 60;
        out.push_str(&format!("{h}:{m:02}:{s:02}"));
        if self.microseconds != 0 {
            out.push_str(&format!(".{:06}", self.microseconds));
        }
        out
    }
}

/// `datetime.date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A validated date (`ValueError` as Python raises it).
    pub fn new(year: i64, month: i64, day: i64) -> Result<Self, PyException> {
        check_date(year, month, day)?;
        Ok(Date {
            year: year as i32,
            month: month as u32,
            day: day as u32,
        })
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(&self) -> i64 {
        days_from_civil(self.year as i64, self.month, self.day)
    }

    fn from_days(days: i64) -> Result<Self, PyException> {
        let (y, m, d) = civil_from_days(days);
        if !(1..=9999).contains(&y) {
            return Err(out_of_range());
        }
        Ok(Date {
            year: y as i32,
            month: m,
            day: d,
        })
    }

    /// `date + timedelta` (the time part of the delta is ignored, as in Python).
    pub fn add(&self, delta: &TimeDelta) -> Result<Date, PyException> {
        Self::from_days(self.days_since_epoch() + delta.days)
    }

    /// `date - timedelta`.
    pub fn sub_delta(&self, delta: &TimeDelta) -> Result<Date, PyException> {
        let neg = delta.neg()?;
        Self::from_days(self.days_since_epoch() + neg.days)
    }

    /// `date - date`.
    pub fn sub(&self, other: &Date) -> Result<TimeDelta, PyException> {
        TimeDelta::new(self.days_since_epoch() - other.days_since_epoch(), 0, 0)
    }

    /// Monday is 0.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u32
    }

    pub fn isoformat(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn repr(&self) -> String {
        format!("datetime.date({}, {}, {})", self.year, self.month, self.day)
    }
}

/// `datetime.datetime`, naive or aware with UTC as its tzinfo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub microsecond: u32,
    /// The fixed-offset zone of an aware datetime; `None` when naive.
    pub tz: Option<Tz>,
}

impl DateTime {
    /// A validated datetime (`ValueError` as Python raises it).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        year: i64,
        month: i64,
        day: i64,
        hour: i64,
        minute: i64,
        second: i64,
        microsecond: i64,
        utc: bool,
    ) -> Result<Self, PyException> {
        check_date(year, month, day)?;
        if !(0..=23).contains(&hour) {
            return Err(PyException::value_error("hour must be in 0..23"));
        }
        if !(0..=59).contains(&minute) {
            return Err(PyException::value_error("minute must be in 0..59"));
        }
        if !(0..=59).contains(&second) {
            return Err(PyException::value_error("second must be in 0..59"));
        }
        if !(0..=999_999).contains(&microsecond) {
            return Err(PyException::value_error("microsecond must be in 0..999999"));
        }
        Ok(DateTime {
            year: year as i32,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            microsecond: microsecond as u32,
            tz: utc.then_some(Tz::UTC),
        })
    }

    /// The datetime `micros` microseconds after 1970-01-01 00:00:00.
    pub fn from_unix_micros(micros: i128, utc: bool) -> Result<Self, PyException> {
        let days = micros.div_euclid(MICROS_PER_DAY);
        let rest = micros.rem_euclid(MICROS_PER_DAY);
        if days.abs() > 10_000_000 {
            return Err(out_of_range());
        }
        let date = Date::from_days(days as i64)?;
        let secs = (rest / MICROS_PER_SECOND) as u32;
        Ok(DateTime {
            year: date.year,
            month: date.month as u8,
            day: date.day as u8,
            hour: (secs / 3600) as u8,
            minute: ((secs % 3600) / 60) as u8,
            second: (secs % 60) as u8,
            microsecond: (rest % MICROS_PER_SECOND) as u32,
            tz: utc.then_some(Tz::UTC),
        })
    }

    /// Microseconds since 1970-01-01 00:00:00 (of the wall time; UTC when aware).
    pub fn unix_micros(&self) -> i128 {
        let days = days_from_civil(self.year as i64, self.month.into(), self.day.into()) as i128;
        days * MICROS_PER_DAY
            + (self.hour as i128 * 3600 + self.minute as i128 * 60 + self.second as i128)
                * MICROS_PER_SECOND
            + self.microsecond as i128
    }

    /// Whole seconds since the epoch (floor).
    pub fn unix_seconds(&self) -> i64 {
        self.unix_micros().div_euclid(MICROS_PER_SECOND) as i64
    }

    pub fn date(&self) -> Date {
        Date {
            year: self.year,
            month: self.month.into(),
            day: self.day.into(),
        }
    }

    /// `datetime + timedelta` (wall time; the zone is kept).
    pub fn add(&self, delta: &TimeDelta) -> Result<DateTime, PyException> {
        Ok(
            Self::from_unix_micros(self.unix_micros() + delta.total_micros(), false)?
                .with_tz(self.tz),
        )
    }

    /// `datetime - timedelta`.
    pub fn sub_delta(&self, delta: &TimeDelta) -> Result<DateTime, PyException> {
        Ok(
            Self::from_unix_micros(self.unix_micros() - delta.total_micros(), false)?
                .with_tz(self.tz),
        )
    }

    /// The same wall time with another zone (or none).
    pub fn with_tz(self, tz: Option<Tz>) -> DateTime {
        DateTime { tz, ..self }
    }

    /// Whether it has a zone.
    pub fn is_aware(&self) -> bool {
        self.tz.is_some()
    }

    /// Microseconds since the epoch of the instant (the wall time minus the offset); the
    /// wall time itself when naive.
    pub fn utc_micros(&self) -> i128 {
        self.unix_micros() - self.tz.map_or(0, |tz| tz.offset as i128)
    }

    /// `datetime - datetime`; `TypeError` when one is naive and the other aware.
    pub fn sub(&self, other: &DateTime) -> Result<TimeDelta, PyException> {
        if self.is_aware() != other.is_aware() {
            return Err(PyException::type_error(
                "can't subtract offset-naive and offset-aware datetimes",
            ));
        }
        TimeDelta::from_micros(self.utc_micros() - other.utc_micros())
    }

    /// Ordering; `TypeError` when one is naive and the other aware.
    pub fn compare(&self, other: &DateTime) -> Result<Ordering, PyException> {
        if self.is_aware() != other.is_aware() {
            return Err(PyException::type_error(
                "can't compare offset-naive and offset-aware datetimes",
            ));
        }
        Ok(self.utc_micros().cmp(&other.utc_micros()))
    }

    /// `==`: a naive and an aware datetime are never equal (no error).
    pub fn py_eq(&self, other: &DateTime) -> bool {
        self.is_aware() == other.is_aware() && self.utc_micros() == other.utc_micros()
    }

    /// The time of day, without the zone.
    pub fn time(&self) -> Time {
        Time {
            hour: self.hour,
            minute: self.minute,
            second: self.second,
            microsecond: self.microsecond,
            tz: None,
        }
    }

    /// The time of day with the zone (`timetz()`).
    pub fn timetz(&self) -> Time {
        Time {
            tz: self.tz,
            ..self.time()
        }
    }

    /// `datetime.combine(date, time)`.
    pub fn combine(date: Date, time: Time) -> DateTime {
        DateTime {
            year: date.year,
            month: date.month as u8,
            day: date.day as u8,
            hour: time.hour,
            minute: time.minute,
            second: time.second,
            microsecond: time.microsecond,
            tz: time.tz,
        }
    }

    /// The same instant in another zone; `OverflowError` past the years 1..9999.
    pub fn astimezone(&self, tz: Tz) -> Result<DateTime, PyException> {
        Ok(Self::from_unix_micros(self.utc_micros() + tz.offset as i128, false)?.with_tz(Some(tz)))
    }

    /// `2024-01-02T03:04:05.000006+00:00`.
    pub fn isoformat(&self) -> String {
        format!("{}T{}", self.date().isoformat(), self.timetz().isoformat())
    }

    /// Python's `str()`: `2024-01-02 03:04:05+00:00`.
    pub fn to_str(&self) -> String {
        format!("{} {}", self.date().isoformat(), self.timetz().isoformat())
    }

    /// `datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)`.
    pub fn repr(&self) -> String {
        let mut out = format!(
            "datetime.datetime({}, {}, {}, {}, {}",
            self.year, self.month, self.day, self.hour, self.minute
        );
        if self.second != 0 || self.microsecond != 0 {
            out.push_str(&format!(", {}", self.second));
        }
        if self.microsecond != 0 {
            out.push_str(&format!(", {}", self.microsecond));
        }
        if let Some(tz) = &self.tz {
            out.push_str(&format!(", tzinfo={}", tz.repr()));
        }
        out.push(')');
        out
    }
}

/// Distinct zone names seen in this thread; a `Tz` holds an index into it, so zones (and
/// the datetimes and times carrying them) stay small `Copy` data. Names are kept for the
/// thread's life (a value made by one run may be read by the next), so their number is
/// capped: past the cap a new name is refused, names seen before still work.
const MAX_ZONE_NAMES: usize = 100_000;

#[derive(Default)]
struct ZoneNames {
    names: Vec<std::rc::Rc<str>>,
    index: std::collections::HashMap<std::rc::Rc<str>, usize>,
}

thread_local! {
    static ZONE_NAMES: std::cell::RefCell<ZoneNames> = std::cell::RefCell::default();
}

fn offset_error(offset: &TimeDelta) -> PyException {
    PyException::value_error(format!(
        "offset must be a timedelta strictly between -timedelta(hours=24) and \
         timedelta(hours=24), not {}.",
        offset.repr()
    ))
}

/// A `datetime.timezone`: a fixed offset from UTC (strictly within a day), with an optional
/// name. `Tz::UTC` is `timezone.utc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tz {
    /// The offset in microseconds.
    pub offset: i64,
    /// One more than the name's index in `ZONE_NAMES`.
    name: Option<std::num::NonZeroU32>,
    /// `zoneinfo.ZoneInfo(key='UTC')` (Django's current zone when `TIME_ZONE = "UTC"`)
    /// rather than a `datetime.timezone`.
    zoneinfo: bool,
}

impl Tz {
    pub const UTC: Tz = Tz {
        offset: 0,
        name: None,
        zoneinfo: false,
    };

    /// `zoneinfo.ZoneInfo(key='UTC')`: offset zero, named `UTC`, `dst()` zero.
    pub const ZONEINFO_UTC: Tz = Tz {
        offset: 0,
        name: None,
        zoneinfo: true,
    };

    /// Whether it is a `zoneinfo.ZoneInfo` (not a `datetime.timezone`).
    pub fn is_zoneinfo(&self) -> bool {
        self.zoneinfo
    }

    /// `dst()`: `None` for a `datetime.timezone`, zero for `ZoneInfo('UTC')`.
    pub fn dst(&self) -> Option<TimeDelta> {
        self.zoneinfo.then(TimeDelta::default)
    }

    /// `timezone(offset, name)`, with CPython's `ValueError` for an offset of a day or more.
    pub fn new(offset: &TimeDelta, name: Option<&str>) -> Result<Tz, PyError> {
        if offset.total_micros().abs() >= MICROS_PER_DAY {
            return Err(offset_error(offset).into());
        }
        let tz = Tz::from_offset(offset.total_micros() as i64)?;
        let name = match name {
            None => None,
            Some(n) => Some(Self::intern(n)?),
        };
        Ok(Tz { name, ..tz })
    }

    /// A zone without a name (what `%z` in strptime and `fromisoformat` give), with
    /// `timezone()`'s `ValueError` when the offset is a day or more.
    pub fn from_offset(offset_micros: i64) -> Result<Tz, PyException> {
        if (offset_micros as i128).abs() >= MICROS_PER_DAY {
            return Err(offset_error(&TimeDelta::from_micros(
                offset_micros as i128,
            )?));
        }
        Ok(Tz {
            offset: offset_micros,
            name: None,
            zoneinfo: false,
        })
    }

    fn intern(name: &str) -> Result<std::num::NonZeroU32, PyError> {
        let id = |i: usize| std::num::NonZeroU32::new(i as u32 + 1).expect("one or more");
        ZONE_NAMES.with(|names| {
            let mut names = names.borrow_mut();
            if let Some(&i) = names.index.get(name) {
                return Ok(id(i));
            }
            if names.names.len() >= MAX_ZONE_NAMES {
                return Err(PyError::Unsupported {
                    what: format!("more than {MAX_ZONE_NAMES} distinct time zone names"),
                    line: 0,
                });
            }
            crate::python::eval::budget::bytes(name.len())?;
            let name: std::rc::Rc<str> = std::rc::Rc::from(name);
            let i = names.names.len();
            names.names.push(name.clone());
            names.index.insert(name, i);
            Ok(id(i))
        })
    }

    /// The name given to `timezone()`, if any.
    pub fn name(&self) -> Option<std::rc::Rc<str>> {
        let i = self.name?.get() as usize - 1;
        ZONE_NAMES.with(|names| names.borrow().names.get(i).cloned())
    }

    /// `timezone.utc` itself (no name, offset zero).
    pub fn is_utc_singleton(&self) -> bool {
        self.offset == 0 && self.name.is_none() && !self.zoneinfo
    }

    pub fn delta(&self) -> TimeDelta {
        TimeDelta::from_micros(self.offset as i128).unwrap_or_default()
    }

    /// The offset as `+HH:MM`, `+HH:MM:SS` or `+HH:MM:SS.ffffff` (`sep` between the parts:
    /// `":"` for isoformat, `""` for `%z`).
    pub fn offset_text(&self, sep: &str) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let total = self.offset.unsigned_abs();
        let micros = total % 1_000_000;
        let secs = total / 1_000_000;
        let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
        let mut out = format!("{sign}{h:02}{sep}{m:02}");
        if s != 0 || micros != 0 {
            out.push_str(&format!("{sep}{s:02}"));
        }
        if micros != 0 {
            out.push_str(&format!(".{micros:06}"));
        }
        out
    }

    /// `tz.tzname(None)` and `str(tz)`: the name, else `UTC` or `UTC+02:00`.
    pub fn tzname(&self) -> String {
        if self.zoneinfo {
            return "UTC".into();
        }
        if let Some(n) = self.name() {
            return n.to_string();
        }
        if self.offset == 0 {
            return "UTC".into();
        }
        format!("UTC{}", self.offset_text(":"))
    }

    /// `repr(tz)`.
    pub fn repr(&self) -> String {
        if self.zoneinfo {
            return "zoneinfo.ZoneInfo(key='UTC')".into();
        }
        if self.is_utc_singleton() {
            return "datetime.timezone.utc".into();
        }
        match self.name() {
            Some(n) => format!(
                "datetime.timezone({}, {})",
                self.delta().repr(),
                crate::python::text::repr::str_repr(&n)
            ),
            None => format!("datetime.timezone({})", self.delta().repr()),
        }
    }
}

/// `datetime.time`: a time of day, naive or with a fixed-offset zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub microsecond: u32,
    pub tz: Option<Tz>,
}

impl Time {
    /// A validated time (`ValueError` as CPython raises it).
    pub fn new(
        hour: i64,
        minute: i64,
        second: i64,
        microsecond: i64,
        tz: Option<Tz>,
    ) -> Result<Time, PyException> {
        check_time(hour, minute, second, microsecond)?;
        Ok(Time {
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            microsecond: microsecond as u32,
            tz,
        })
    }

    fn day_micros(&self) -> i128 {
        (self.hour as i128 * 3600 + self.minute as i128 * 60 + self.second as i128)
            * MICROS_PER_SECOND
            + self.microsecond as i128
    }

    /// The time of day minus the offset (what aware times compare and hash by).
    pub fn utc_micros(&self) -> i128 {
        self.day_micros() - self.tz.map_or(0, |tz| tz.offset as i128)
    }

    /// Ordering; `TypeError` when one is naive and the other aware.
    pub fn compare(&self, other: &Time) -> Result<Ordering, PyException> {
        if self.tz.is_some() != other.tz.is_some() {
            return Err(PyException::type_error(
                "can't compare offset-naive and offset-aware times",
            ));
        }
        Ok(self.utc_micros().cmp(&other.utc_micros()))
    }

    /// `==`: a naive and an aware time are never equal.
    pub fn py_eq(&self, other: &Time) -> bool {
        self.tz.is_some() == other.tz.is_some() && self.utc_micros() == other.utc_micros()
    }

    /// `isoformat(timespec)`; `None` for an unknown timespec.
    pub fn isoformat_spec(&self, spec: &str) -> Option<String> {
        let (h, m, s, us) = (self.hour, self.minute, self.second, self.microsecond);
        let mut out = match spec {
            "auto" if us != 0 => format!("{h:02}:{m:02}:{s:02}.{us:06}"),
            "auto" | "seconds" => format!("{h:02}:{m:02}:{s:02}"),
            "hours" => format!("{h:02}"),
            "minutes" => format!("{h:02}:{m:02}"),
            "milliseconds" => format!("{h:02}:{m:02}:{s:02}.{:03}", us / 1000),
            "microseconds" => format!("{h:02}:{m:02}:{s:02}.{us:06}"),
            _ => return None,
        };
        if let Some(tz) = &self.tz {
            out.push_str(&tz.offset_text(":"));
        }
        Some(out)
    }

    /// `13:05:07.120000+02:00`, as `isoformat()` and `str()` give it.
    pub fn isoformat(&self) -> String {
        self.isoformat_spec("auto").unwrap_or_default()
    }

    /// `datetime.time(13, 5, 7, 120000, tzinfo=…)`.
    pub fn repr(&self) -> String {
        let mut out = format!("datetime.time({}, {}", self.hour, self.minute);
        if self.second != 0 || self.microsecond != 0 {
            out.push_str(&format!(", {}", self.second));
        }
        if self.microsecond != 0 {
            out.push_str(&format!(", {}", self.microsecond));
        }
        if let Some(tz) = &self.tz {
            out.push_str(&format!(", tzinfo={}", tz.repr()));
        }
        out.push(')');
        out
    }

    /// `time.fromisoformat(text)`, as CPython 3.11 parses it.
    pub fn from_isoformat(text: &str) -> Result<Time, PyException> {
        let bad = || invalid_iso(text);
        if !text.is_ascii() {
            return Err(bad());
        }
        let body = text.strip_prefix('T').unwrap_or(text);
        let (h, m, s, us, offset) = parse_iso_time(body).ok_or_else(bad)?;
        let tz = offset.map(Tz::from_offset).transpose()?;
        Time::new(h, m, s, us, tz)
    }
}

fn check_time(hour: i64, minute: i64, second: i64, microsecond: i64) -> Result<(), PyException> {
    if !(0..=23).contains(&hour) {
        return Err(PyException::value_error("hour must be in 0..23"));
    }
    if !(0..=59).contains(&minute) {
        return Err(PyException::value_error("minute must be in 0..59"));
    }
    if !(0..=59).contains(&second) {
        return Err(PyException::value_error("second must be in 0..59"));
    }
    if !(0..=999_999).contains(&microsecond) {
        return Err(PyException::value_error("microsecond must be in 0..999999"));
    }
    Ok(())
}

fn invalid_iso(text: &str) -> PyException {
    PyException::value_error(format!(
        "Invalid isoformat string: {}",
        crate::python::text::repr::str_repr(text)
    ))
}

fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_iso_date(s: &str) -> Option<(i64, i64, i64)> {
    match s.len() {
        10 if s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' => {
            Some((digits(&s[0..4])?, digits(&s[5..7])?, digits(&s[8..10])?))
        }
        8 => Some((digits(&s[0..4])?, digits(&s[4..6])?, digits(&s[6..8])?)),
        _ => None,
    }
}

impl Date {
    /// `date.fromisoformat(text)`.
    pub fn from_isoformat(text: &str) -> Result<Date, PyException> {
        let (y, m, d) = parse_iso_date(text).ok_or_else(|| invalid_iso(text))?;
        Date::new(y, m, d)
    }
}

impl DateTime {
    /// `datetime.fromisoformat(text)`, naive or with a fixed offset, as CPython 3.11 reads it.
    pub fn from_isoformat(text: &str) -> Result<DateTime, PyException> {
        let bad = || invalid_iso(text);
        if !text.is_ascii() || text.len() < 8 {
            return Err(bad());
        }
        let date_len = if text.len() >= 10 && text.as_bytes()[4] == b'-' {
            10
        } else {
            8
        };
        let (y, m, d) = parse_iso_date(&text[..date_len.min(text.len())]).ok_or_else(bad)?;
        let mut rest = &text[date_len.min(text.len())..];
        let (mut hour, mut minute, mut second, mut micro, mut tz) = (0, 0, 0, 0, None);
        if !rest.is_empty() {
            rest = &rest[1..]; // any one separator character
            let offset;
            (hour, minute, second, micro, offset) = parse_iso_time(rest).ok_or_else(bad)?;
            tz = offset.map(Tz::from_offset).transpose()?;
        }
        Ok(DateTime::new(y, m, d, hour, minute, second, micro, false)?.with_tz(tz))
    }
}

/// `HH[:MM[:SS[.f…]]]` or `HH[MM[SS[.f…]]]` (the fraction only after the seconds, its
/// digits past the sixth ignored, as CPython 3.11 reads them).
fn parse_hms(time: &str) -> Option<(i64, i64, i64, i64)> {
    let (hms, frac) = match time.split_once(['.', ',']) {
        Some((a, b)) => (a, Some(b)),
        None => (time, None),
    };
    let parts: Vec<&str> = if hms.contains(':') {
        hms.split(':').collect()
    } else {
        hms.as_bytes()
            .chunks(2)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect()
    };
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.len() != 2) {
        return None;
    }
    let hour = digits(parts[0])?;
    let minute = match parts.get(1) {
        Some(p) => digits(p)?,
        None => 0,
    };
    let second = match parts.get(2) {
        Some(p) => digits(p)?,
        None => 0,
    };
    let mut micro = 0;
    if let Some(f) = frac {
        if parts.len() != 3 || f.is_empty() {
            return None;
        }
        digits(&f[..f.len().min(18)])?;
        if !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        micro = digits(&format!("{:0<6}", &f[..f.len().min(6)]))?;
    }
    Some((hour, minute, second, micro))
}

/// The time part of an ISO 8601 string with its optional offset (`Z`, `+HH`, `+HH:MM`,
/// `+HHMMSS`, `+HH:MM:SS.ffffff`).
type IsoTime = (i64, i64, i64, i64, Option<i64>);

fn parse_iso_time(text: &str) -> Option<IsoTime> {
    let (time, tz) = match text.find(['+', '-', 'Z']) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let (h, m, s, us) = parse_hms(time)?;
    let tz = match tz {
        "" => None,
        "Z" => Some(0),
        _ => {
            let (oh, om, os, ous) = parse_hms(&tz[1..])?;
            let micros = ((oh * 60 + om) * 60 + os) * 1_000_000 + ous;
            Some(if tz.starts_with('-') { -micros } else { micros })
        }
    };
    Some((h, m, s, us, tz))
}

pub(crate) const DATETIME_METHODS: &[&str] = &[
    "isoformat",
    "strftime",
    "date",
    "time",
    "timetz",
    "timestamp",
    "replace",
    "weekday",
    "isoweekday",
    "astimezone",
    "utcoffset",
    "tzname",
    "ctime",
    "toordinal",
    "dst",
    "isocalendar",
];
pub(crate) const DATETIME_UNIMPLEMENTED: &[&str] = &[
    "timetuple",
    "utctimetuple",
    "combine",
    "fromordinal",
    "fromisocalendar",
];
pub(crate) const DATE_METHODS: &[&str] = &[
    "isoformat",
    "strftime",
    "weekday",
    "isoweekday",
    "replace",
    "toordinal",
    "ctime",
    "isocalendar",
];
pub(crate) const DATE_UNIMPLEMENTED: &[&str] = &["timetuple", "fromordinal", "fromisocalendar"];
pub(crate) const TIME_METHODS: &[&str] = &[
    "isoformat",
    "strftime",
    "replace",
    "utcoffset",
    "tzname",
    "dst",
];
pub(crate) const TIME_UNIMPLEMENTED: &[&str] = &["fromisoformat"];

/// An unknown keyword of `replace()`, as CPython's C `replace` reports it.
fn replace_kw(kwargs: &Kwargs) -> Result<(), PyError> {
    match kwargs.first() {
        Some((k, _)) => Err(exc(
            "TypeError",
            format!("'{k}' is an invalid keyword argument for replace()"),
        )),
        None => Ok(()),
    }
}

/// `isoformat`'s `timespec` argument: a str, else CPython's `TypeError`.
fn timespec_arg<'a>(v: &'a Option<Value>, method: &str) -> Result<&'a str, PyError> {
    match v {
        None => Ok("auto"),
        Some(x) => Ok(str_arg(x, |o| {
            format!(
                "{method}() argument 1 must be str, not {}",
                o.error_type_name()
            )
        })?),
    }
}

/// `replace(tzinfo=…)`: `None` for naive, a zone, else `TypeError`.
fn replace_tz(v: &Option<Value>, current: Option<Tz>) -> Result<Option<Tz>, PyError> {
    match v {
        None => Ok(current),
        Some(x) => Ok(crate::python::stdlib::tzinfo_arg(x)?),
    }
}

fn strftime_arg(args: &[Value], kwargs: &Kwargs) -> Result<String, PyError> {
    no_kwargs("strftime", kwargs)?;
    exactly_one("strftime", args)?;
    Ok(str_arg(&args[0], |o| {
        format!(
            "strftime() argument 1 must be str, not {}",
            o.error_type_name()
        )
    })?
    .to_string())
}

impl Exec<'_> {
    pub(crate) fn datetime_method(
        &mut self,
        d: &DateTime,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            arg_range(name, args, 0, 0)
        };
        Ok(match name {
            "isoformat" => {
                let v = positional_or_kw(args, &mut kwargs, &["sep", "timespec"], 0)?;
                unexpected_kw(name, &kwargs)?;
                let sep = match &v[0] {
                    None => "T".to_string(),
                    Some(sep) => {
                        let text = str_arg(sep, |o| {
                            format!(
                                "isoformat() argument 1 must be a unicode character, not {}",
                                o.error_type_name()
                            )
                        })?;
                        if text.chars().count() != 1 {
                            return Err(exc(
                                "TypeError",
                                "isoformat() argument 1 must be a unicode character, not str",
                            ));
                        }
                        text.to_string()
                    }
                };
                let spec = match &v[1] {
                    None => "auto",
                    Some(x) => str_arg(x, |o| {
                        format!(
                            "isoformat() argument 2 must be str, not {}",
                            o.error_type_name()
                        )
                    })?,
                };
                let time = d
                    .timetz()
                    .isoformat_spec(spec)
                    .ok_or_else(|| exc("ValueError", "Unknown timespec value"))?;
                s(&format!("{}{sep}{time}", d.date().isoformat()))
            }
            "strftime" => {
                let f = strftime_arg(&args, &kwargs)?;
                s(&crate::python::text::format::strftime_checked(
                    crate::python::text::format::strftime_datetime(d, &f),
                )?)
            }
            "date" => {
                no_args(&args, &kwargs)?;
                Value::Date(d.date())
            }
            "time" => {
                no_args(&args, &kwargs)?;
                Value::Time(d.time())
            }
            "timetz" => {
                no_args(&args, &kwargs)?;
                Value::Time(d.timetz())
            }
            "timestamp" => {
                no_args(&args, &kwargs)?;
                // A naive datetime is local time, and the simulator's local time is UTC.
                Value::Float(d.utc_micros() as f64 / 1e6)
            }
            "weekday" | "isoweekday" => {
                no_args(&args, &kwargs)?;
                let w = d.date().weekday() as i64;
                Value::int(if name == "weekday" { w } else { w + 1 })
            }
            "toordinal" => {
                no_args(&args, &kwargs)?;
                Value::int(d.date().days_since_epoch() + 719_163)
            }
            "isocalendar" => {
                no_args(&args, &kwargs)?;
                iso_calendar(self, &d.date())?
            }
            "ctime" => {
                no_args(&args, &kwargs)?;
                s(&crate::python::text::format::strftime_datetime(
                    d,
                    "%a %b %e %H:%M:%S %Y",
                ))
            }
            "utcoffset" | "dst" | "tzname" => {
                no_args(&args, &kwargs)?;
                zone_query(d.tz, name)
            }
            "astimezone" => {
                let v = positional_or_kw(args, &mut kwargs, &["tz"], 0)?;
                unexpected_kw(name, &kwargs)?;
                let target = match &v[0] {
                    // The local zone: the simulator's machine runs on UTC, and CPython on
                    // such a machine names it 'UTC' (not timezone.utc itself).
                    None | Some(Value::None) => Tz::new(&TimeDelta::default(), Some("UTC"))?,
                    Some(tz) => crate::python::stdlib::zone_of(tz).ok_or_else(|| {
                        exc(
                            "TypeError",
                            format!(
                                "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                                tz.error_type_name()
                            ),
                        )
                    })?,
                };
                Value::DateTime(d.astimezone(target)?)
            }
            "replace" => {
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
                let v = positional_or_kw(args, &mut kwargs, &names, 0)?;
                replace_kw(&kwargs)?;
                let current = [
                    d.year as i64,
                    d.month as i64,
                    d.day as i64,
                    d.hour as i64,
                    d.minute as i64,
                    d.second as i64,
                    d.microsecond as i64,
                ];
                let mut n = current;
                for i in 0..7 {
                    if let Some(x) = &v[i] {
                        n[i] = as_index(x)?;
                    }
                }
                let tz = replace_tz(&v[7], d.tz)?;
                Value::DateTime(
                    DateTime::new(n[0], n[1], n[2], n[3], n[4], n[5], n[6], false)?.with_tz(tz),
                )
            }
            _ => {
                if DATETIME_UNIMPLEMENTED.contains(&name) {
                    return Err(unimplemented_method(&Value::DateTime(*d), name));
                }
                return Err(attribute_error(&Value::DateTime(*d), name));
            }
        })
    }

    pub(crate) fn time_method(
        &mut self,
        t: &Time,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            arg_range(name, args, 0, 0)
        };
        Ok(match name {
            "isoformat" => {
                let v = positional_or_kw(args, &mut kwargs, &["timespec"], 0)?;
                unexpected_kw(name, &kwargs)?;
                let spec = timespec_arg(&v[0], "isoformat")?;
                s(&t.isoformat_spec(spec)
                    .ok_or_else(|| exc("ValueError", "Unknown timespec value"))?)
            }
            "strftime" => {
                let f = strftime_arg(&args, &kwargs)?;
                s(&crate::python::text::format::strftime_checked(
                    crate::python::text::format::strftime_time(t, &f),
                )?)
            }
            "utcoffset" | "dst" | "tzname" => {
                no_args(&args, &kwargs)?;
                zone_query(t.tz, name)
            }
            "replace" => {
                let names = ["hour", "minute", "second", "microsecond", "tzinfo"];
                let v = positional_or_kw(args, &mut kwargs, &names, 0)?;
                replace_kw(&kwargs)?;
                let mut n = [
                    t.hour as i64,
                    t.minute as i64,
                    t.second as i64,
                    t.microsecond as i64,
                ];
                for i in 0..4 {
                    if let Some(x) = &v[i] {
                        n[i] = as_index(x)?;
                    }
                }
                let tz = replace_tz(&v[4], t.tz)?;
                Value::Time(Time::new(n[0], n[1], n[2], n[3], tz)?)
            }
            _ => return Err(attribute_error(&Value::Time(*t), name)),
        })
    }

    pub(crate) fn date_method(
        &mut self,
        d: &Date,
        name: &str,
        args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> Result<Value, PyError> {
        let no_args = |args: &[Value], kwargs: &Kwargs| -> Result<(), PyError> {
            no_kwargs(name, kwargs)?;
            arg_range(name, args, 0, 0)
        };
        Ok(match name {
            "isoformat" => {
                no_args(&args, &kwargs)?;
                s(&d.isoformat())
            }
            "strftime" => {
                let f = strftime_arg(&args, &kwargs)?;
                s(&crate::python::text::format::strftime_checked(
                    crate::python::text::format::strftime_date(d, &f),
                )?)
            }
            "weekday" | "isoweekday" => {
                no_args(&args, &kwargs)?;
                let w = d.weekday() as i64;
                Value::int(if name == "weekday" { w } else { w + 1 })
            }
            "toordinal" => {
                no_args(&args, &kwargs)?;
                Value::int(d.days_since_epoch() + 719_163)
            }
            "isocalendar" => {
                no_args(&args, &kwargs)?;
                iso_calendar(self, d)?
            }
            "ctime" => {
                no_args(&args, &kwargs)?;
                s(&crate::python::text::format::strftime_date(
                    d,
                    "%a %b %e %H:%M:%S %Y",
                ))
            }
            "replace" => {
                let v = positional_or_kw(args, &mut kwargs, &["year", "month", "day"], 0)?;
                replace_kw(&kwargs)?;
                let mut n = [d.year as i64, d.month as i64, d.day as i64];
                for i in 0..3 {
                    if let Some(x) = &v[i] {
                        n[i] = as_index(x)?;
                    }
                }
                Value::Date(Date::new(n[0], n[1], n[2])?)
            }
            _ => {
                if DATE_UNIMPLEMENTED.contains(&name) {
                    return Err(unimplemented_method(&Value::Date(*d), name));
                }
                return Err(attribute_error(&Value::Date(*d), name));
            }
        })
    }
}

/// `utcoffset()`, `dst()` and `tzname()` of a datetime or a time: what its zone (if any) says.
fn zone_query(tz: Option<Tz>, name: &str) -> Value {
    match (tz, name) {
        (None, _) => Value::None,
        (Some(tz), "utcoffset") => Value::TimeDelta(tz.delta()),
        (Some(tz), "dst") => tz.dst().map_or(Value::None, Value::TimeDelta),
        (Some(tz), _) => s(&tz.tzname()),
    }
}

/// The ISO year, week (1 to 53: the week with the year's first Thursday is week 1) and
/// weekday (Monday is 1) of a date.
#[inline(never)]
fn iso_calendar(ex: &mut Exec<'_>, d: &Date) -> Result<Value, PyError> {
    let days = d.days_since_epoch();
    let weekday = d.weekday() as i64; // Monday is 0
                                      // The Thursday of the date's week decides its ISO year.
    let thursday = days - weekday + 3;
    let year = civil_from_days(thursday).0;
    let jan1 = days_from_civil(year, 1, 1);
    let week = (thursday - jan1) / 7 + 1;
    crate::python::stdlib::namedtuple::iso_calendar_date(ex, year, week, weekday + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-719_162, -1, 0, 1, 59, 365, 10_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn timedelta_normalises_and_prints_like_python() {
        let d = TimeDelta::new(0, -1, 0).unwrap();
        assert_eq!((d.days, d.seconds, d.microseconds), (-1, 86_399, 0));
        assert_eq!(
            TimeDelta::new(0, 0, 0).unwrap().repr(),
            "datetime.timedelta(0)"
        );
        assert_eq!(
            TimeDelta::new(-1, 0, 0).unwrap().repr(),
            "datetime.timedelta(days=-1)"
        );
        assert_eq!(
            TimeDelta::new(0, 5, 3).unwrap().repr(),
            "datetime.timedelta(seconds=5, microseconds=3)"
        );
        assert_eq!(
            TimeDelta::new(-1, 5, 0).unwrap().to_str(),
            "-1 day, 0:00:05"
        );
        assert_eq!(
            TimeDelta::new(2, 0, 4).unwrap().to_str(),
            "2 days, 0:00:00.000004"
        );
        assert_eq!(
            TimeDelta::new(0, 30 * 3600, 0).unwrap().to_str(),
            "1 day, 6:00:00"
        );
        // Both messages as CPython 3.11 gives them, either side of a C int's range.
        assert_eq!(
            TimeDelta::new(0, 185_542_587_187_199, 0)
                .unwrap_err()
                .display(),
            "OverflowError: days=2147483647; must have magnitude <= 999999999"
        );
        assert_eq!(
            TimeDelta::new(0, 185_542_587_187_200, 0)
                .unwrap_err()
                .display(),
            "OverflowError: Python int too large to convert to C int"
        );
        assert_eq!(
            TimeDelta::new(0, -185_542_587_187_201, 0)
                .unwrap_err()
                .display(),
            "OverflowError: Python int too large to convert to C int"
        );
        assert_eq!(
            TimeDelta::new(1_000_000_000, 0, 0).unwrap_err().display(),
            "OverflowError: days=1000000000; must have magnitude <= 999999999"
        );
    }

    #[test]
    fn datetime_forms_match_python() {
        let dt = DateTime::new(2024, 1, 2, 3, 4, 5, 0, true).unwrap();
        assert_eq!(
            dt.repr(),
            "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)"
        );
        assert_eq!(dt.to_str(), "2024-01-02 03:04:05+00:00");
        let naive = DateTime::new(2024, 1, 2, 0, 0, 0, 0, false).unwrap();
        assert_eq!(naive.repr(), "datetime.datetime(2024, 1, 2, 0, 0)");
        let us = DateTime::new(2024, 1, 2, 3, 0, 0, 7, false).unwrap();
        assert_eq!(us.repr(), "datetime.datetime(2024, 1, 2, 3, 0, 0, 7)");
        let iso = DateTime::new(2024, 1, 2, 3, 4, 5, 6, false).unwrap();
        assert_eq!(iso.isoformat(), "2024-01-02T03:04:05.000006");
        assert_eq!(Date::new(5, 1, 2).unwrap().isoformat(), "0005-01-02");
        assert_eq!(Date::new(5, 1, 2).unwrap().repr(), "datetime.date(5, 1, 2)");
    }

    #[test]
    fn validation_messages() {
        let e = |r: Result<DateTime, PyException>| r.unwrap_err().display();
        assert_eq!(
            e(DateTime::new(2024, 2, 30, 0, 0, 0, 0, false)),
            "ValueError: day is out of range for month"
        );
        assert_eq!(
            e(DateTime::new(2024, 13, 3, 0, 0, 0, 0, false)),
            "ValueError: month must be in 1..12"
        );
        assert_eq!(
            e(DateTime::new(2024, 1, 3, 25, 0, 0, 0, false)),
            "ValueError: hour must be in 0..23"
        );
        let end = DateTime::new(9999, 12, 31, 0, 0, 0, 0, false).unwrap();
        assert_eq!(
            end.add(&TimeDelta::new(1, 0, 0).unwrap())
                .unwrap_err()
                .display(),
            "OverflowError: date value out of range"
        );
    }

    #[test]
    fn fromisoformat() {
        let dt = DateTime::from_isoformat("2026-11-26T03:29:04.416902+00:00").unwrap();
        assert_eq!(dt.isoformat(), "2026-11-26T03:29:04.416902+00:00");
        let dt = DateTime::from_isoformat("2024-01-02 03:04").unwrap();
        assert_eq!(dt.repr(), "datetime.datetime(2024, 1, 2, 3, 4)");
        assert_eq!(
            DateTime::from_isoformat("300").unwrap_err().display(),
            "ValueError: Invalid isoformat string: '300'"
        );
        assert_eq!(
            Date::from_isoformat("2024-02-29").unwrap().isoformat(),
            "2024-02-29"
        );
    }

    #[test]
    fn arithmetic() {
        let a = DateTime::new(2024, 2, 28, 23, 0, 0, 0, true).unwrap();
        let b = a.add(&TimeDelta::new(0, 7200, 0).unwrap()).unwrap();
        assert_eq!(b.isoformat(), "2024-02-29T01:00:00+00:00");
        assert_eq!(b.sub(&a).unwrap(), TimeDelta::new(0, 7200, 0).unwrap());
        let naive = DateTime::new(2024, 1, 1, 0, 0, 0, 0, false).unwrap();
        assert_eq!(
            naive.sub(&a).unwrap_err().display(),
            "TypeError: can't subtract offset-naive and offset-aware datetimes"
        );
        assert_eq!(Date::new(2024, 3, 4).unwrap().weekday(), 0);
        assert_eq!(a.unix_seconds(), 1_709_161_200);
    }

    fn run_at(src: &str) -> String {
        let mut it = crate::python::Interpreter::new(100_000);
        it.set_now(DateTime::new(2026, 11, 12, 23, 29, 4, 416_902, true).unwrap());
        let result = crate::python::parse_module(src).and_then(|m| it.load(&m));
        let mut out = it.take_console();
        if let Err(e) = result {
            out.push_str(&e.to_string());
        }
        out
    }

    #[test]
    fn now_in_a_fixed_zone_is_the_virtual_clock_there() {
        assert_eq!(
            run_at(
                "from datetime import datetime, timezone, timedelta\n\
                 tz = timezone(timedelta(hours=2), 'EET')\n\
                 print(datetime.now(tz), datetime.now(tz=None), datetime.now(timezone.utc).timetz())\n\
                 print(datetime.now().astimezone(), datetime.now().timestamp() == datetime.now(timezone.utc).timestamp())"
            ),
            "2026-11-13 01:29:04.416902+02:00 2026-11-12 23:29:04.416902 23:29:04.416902+00:00\n\
             2026-11-12 23:29:04.416902+00:00 True\n"
        );
    }

    #[test]
    fn zone_names_are_bounded() {
        let run = |src: &str| {
            let mut it = crate::python::Interpreter::new(10_000_000);
            let result = crate::python::parse_module(src).and_then(|m| it.load(&m));
            let mut out = it.take_console();
            if let Err(e) = result {
                out.push_str(&e.to_string());
            }
            out
        };
        let first = run("from datetime import timezone, timedelta\n\
                         zones = [timezone(timedelta(0), 'a' + str(i)) for i in range(60000)]\n\
                         print(zones[-1])");
        assert_eq!(first, "a59999\n");
        let second = run("from datetime import timezone, timedelta\n\
                          zones = [timezone(timedelta(0), 'b' + str(i)) for i in range(60000)]\n");
        assert!(
            second.contains(
                "not supported in the simulator: more than 100000 distinct time zone names"
            ),
            "{second}"
        );
        // Names seen before still work.
        assert_eq!(
            run("from datetime import timezone, timedelta\n\
                 print(len({timezone(timedelta(hours=1), 'a5') for i in range(100)}), timezone(timedelta(0), 'b7'))"),
            "1 b7\n"
        );
    }

    #[test]
    fn fold_one_is_refused_and_other_folds_are_errors() {
        assert!(run_at("from datetime import time\ntime(1, fold=1)")
            .contains("not supported in the simulator: time(fold=1)"));
        assert!(run_at("from datetime import time\ntime(1, fold=2)")
            .ends_with("ValueError: fold must be either 0 or 1"));
    }

    #[test]
    fn values_stay_small() {
        // A zone fits in 16 bytes, so a datetime or a time never makes a Value bigger
        // than its largest other variant (a class, 48 bytes).
        assert!(std::mem::size_of::<DateTime>() <= 32);
        assert!(std::mem::size_of::<Time>() <= 32);
        assert!(
            std::mem::size_of::<Value>() <= 48,
            "{}",
            std::mem::size_of::<Value>()
        );
    }
}
