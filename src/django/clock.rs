//! The virtual clock: whole seconds since the Unix epoch, starting at 2026-01-01T00:00:00Z
//! and moving only when a scenario says so.

pub use crate::calendar::{civil, civil_from_days, days_from_civil, Civil};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// 2026-01-01T00:00:00Z.
pub const START: i64 = 1_767_225_600;

/// 0001-01-01T00:00:00Z, the first second Python's `datetime` can hold.
pub const MIN: i64 = -62_135_596_800;

/// 9999-12-31T23:59:59Z, the last second Python's `datetime` can hold.
pub const MAX: i64 = 253_402_300_799;

/// A move that would take the clock outside [`MIN`]..=[`MAX`] (where `timezone.now()` could
/// not be a `datetime`); the clock stays where it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    /// Where the clock was.
    pub from: i64,
    /// The move asked for.
    pub secs: i64,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (direction, limit) = if self.secs < 0 {
            ("back", format!("before {}, the first", iso(MIN)))
        } else {
            ("forward", format!("past {}, the last", iso(MAX)))
        };
        write!(
            f,
            "moving the clock {} s {direction} from {} would take it {limit} moment Python's datetime (so timezone.now()) can hold",
            self.secs.unsigned_abs(),
            iso(self.from),
        )
    }
}

impl std::error::Error for OutOfRange {}

/// A clock that moves only when told to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    now: i64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new()
    }
}

impl Clock {
    /// A clock at [`START`].
    pub fn new() -> Self {
        Clock { now: START }
    }

    /// A clock at the given epoch second.
    pub fn at(now: i64) -> Self {
        Clock { now }
    }

    /// Seconds since the epoch.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// Moves the clock forward (or back, for a negative count), if it stays within
    /// [`MIN`]..=[`MAX`]; otherwise it does not move.
    pub fn advance(&mut self, secs: i64) -> Result<(), OutOfRange> {
        *self = self.advanced(secs)?;
        Ok(())
    }

    /// The clock `secs` seconds later (earlier, for a negative count), if that is within
    /// [`MIN`]..=[`MAX`].
    pub fn advanced(self, secs: i64) -> Result<Clock, OutOfRange> {
        match self.now.checked_add(secs) {
            Some(now) if (MIN..=MAX).contains(&now) => Ok(Clock { now }),
            _ => Err(OutOfRange {
                from: self.now,
                secs,
            }),
        }
    }
}

/// The epoch second of a UTC calendar date and time.
pub fn epoch_of(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> i64 {
    days_from_civil(year, month, day) * 86_400
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second)
}

/// An HTTP date as Django's `http_date` writes it: `Thu, 15 Jan 2026 00:00:00 GMT`.
pub fn http_date(epoch: i64) -> String {
    let c = civil(epoch);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[c.weekday as usize],
        c.day,
        MONTHS[c.month as usize - 1],
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

/// An exception Python raises, as its type name and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PythonError {
    pub kind: &'static str,
    pub message: String,
}

/// Django's `http_date(epoch_seconds)` of a float timestamp (`time.time() + max_age`), with
/// the exceptions CPython 3.11 on 64-bit Linux raises from it: `email.utils.formatdate` goes
/// through `datetime.fromtimestamp(t, timezone.utc)`, which rounds to microseconds (half to
/// even), needs the seconds in a 64-bit `time_t` (`OverflowError`), then glibc's `gmtime`
/// (`OSError` when the year does not fit its `int`), then a year from 1 to 9999 (`ValueError`,
/// naming the year as C's `int` arithmetic leaves it).
pub fn http_date_of(t: f64) -> Result<String, PythonError> {
    if t.is_nan() {
        return Err(PythonError {
            kind: "ValueError",
            message: "Invalid value NaN (not a number)".into(),
        });
    }
    let mut whole = t.trunc();
    let micros = ((t - whole) * 1e6).round_ties_even();
    if micros >= 1e6 {
        whole += 1.0;
    } else if micros < 0.0 {
        whole -= 1.0;
    }
    // i64::MIN as f64 is exactly -2**63; 2**63 itself is out of range.
    if !(whole >= i64::MIN as f64 && whole < -(i64::MIN as f64)) {
        return Err(PythonError {
            kind: "OverflowError",
            message: "timestamp out of range for platform time_t".into(),
        });
    }
    let epoch = whole as i64;
    let year = civil(epoch).year;
    let Ok(tm_year) = i32::try_from(year - 1900) else {
        return Err(PythonError {
            kind: "OSError",
            message: "[Errno 75] Value too large for defined data type".into(),
        });
    };
    let shown = tm_year.wrapping_add(1900);
    if !(1..=9999).contains(&shown) {
        return Err(PythonError {
            kind: "ValueError",
            message: format!("year {shown} is out of range"),
        });
    }
    Ok(http_date(epoch))
}

/// Reads an HTTP date in the form [`http_date`] writes.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let rest = text.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    let year: i64 = parts
        .next()?
        .parse()
        .ok()
        .filter(|y| (0..=9999).contains(y))?;
    let mut hms = parts.next()?.split(':');
    let hour: u32 = hms.next()?.parse().ok()?;
    let minute: u32 = hms.next()?.parse().ok()?;
    let second: u32 = hms.next()?.parse().ok()?;
    if parts.next()? != "GMT" {
        return None;
    }
    Some(epoch_of(year, month, day, hour, minute, second))
}

/// ISO 8601 in UTC as Python's `datetime.isoformat()` writes an aware datetime:
/// `2026-01-01T00:00:00+00:00`.
pub fn iso(epoch: i64) -> String {
    let c = civil(epoch);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_on_new_year_2026() {
        let clock = Clock::new();
        assert_eq!(iso(clock.now()), "2026-01-01T00:00:00+00:00");
        assert_eq!(http_date(clock.now()), "Thu, 01 Jan 2026 00:00:00 GMT");
    }

    #[test]
    fn formats_http_dates_like_django() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        let mut clock = Clock::new();
        clock.advance(14 * 86_400).unwrap();
        assert_eq!(http_date(clock.now()), "Thu, 15 Jan 2026 00:00:00 GMT");
        assert_eq!(
            http_date(START + 1_209_600 + 3661),
            "Thu, 15 Jan 2026 01:01:01 GMT"
        );
        assert_eq!(
            http_date(epoch_of(2024, 2, 29, 23, 59, 59)),
            "Thu, 29 Feb 2024 23:59:59 GMT"
        );
        assert_eq!(
            http_date(epoch_of(2026, 12, 10, 3, 27, 5)),
            "Thu, 10 Dec 2026 03:27:05 GMT"
        );
    }

    #[test]
    fn http_dates_round_trip() {
        for epoch in [0, START, START + 12_345_678, epoch_of(2100, 3, 1, 0, 0, 0)] {
            assert_eq!(parse_http_date(&http_date(epoch)), Some(epoch));
        }
        assert_eq!(parse_http_date("yesterday"), None);
        assert_eq!(
            parse_http_date("Thu, 01 Jan 99999999999999999 00:00:00 GMT"),
            None,
            "no overflow"
        );
    }

    #[test]
    fn the_clock_stays_where_python_datetime_can_follow() {
        let mut clock = Clock::new();
        assert!(clock.advance(MAX - START).is_ok());
        assert_eq!(iso(clock.now()), "9999-12-31T23:59:59+00:00");
        let err = clock.advance(1).unwrap_err();
        assert_eq!(
            clock.now(),
            MAX,
            "an impossible move leaves the clock alone"
        );
        assert!(
            err.to_string().contains("past 9999-12-31T23:59:59+00:00"),
            "{err}"
        );
        assert!(clock.advance(i64::MAX).is_err(), "no overflow");
        let mut clock = Clock::new();
        assert!(clock.advance(300_000_000_000).is_err());
        assert!(clock.advance(-99_999_999_999).is_err());
        assert!(clock.advance(i64::MIN).is_err());
        assert_eq!(clock.now(), START);
        assert!(clock.advance(MIN - START).is_ok());
        assert_eq!(iso(clock.now()), "0001-01-01T00:00:00+00:00");
        let err = clock.advance(-1).unwrap_err();
        assert!(err.to_string().contains("back from 0001-01-01"), "{err}");
    }

    #[test]
    fn http_dates_of_timestamps_fail_as_cpython_does() {
        // Each expectation was printed by CPython 3.11 (email.utils.formatdate(t, usegmt=True)).
        let now = START as f64;
        let ok = |t: f64| http_date_of(t).unwrap();
        let err = |t: f64| {
            let e = http_date_of(t).unwrap_err();
            format!("{}: {}", e.kind, e.message)
        };
        assert_eq!(ok(now + 251_635_075_199.0), "Fri, 31 Dec 9999 23:59:59 GMT");
        assert_eq!(
            err(now + 251_635_075_200.0),
            "ValueError: year 10000 is out of range"
        );
        assert_eq!(err(now + 1e15), "ValueError: year 31690764 is out of range");
        assert_eq!(
            err(now + 67_767_976_233_316_800.0),
            "ValueError: year -2147483593 is out of range"
        );
        assert_eq!(
            err(now + 67_768_034_424_451_200.0),
            "OSError: [Errno 75] Value too large for defined data type"
        );
        assert_eq!(
            err(now + i64::MAX as f64),
            "OverflowError: timestamp out of range for platform time_t"
        );
        assert_eq!(
            err(2f64.powi(63)),
            "OverflowError: timestamp out of range for platform time_t"
        );
        assert_eq!(
            err(-(2f64.powi(63))),
            "OSError: [Errno 75] Value too large for defined data type"
        );
        assert_eq!(
            err(f64::INFINITY),
            "OverflowError: timestamp out of range for platform time_t"
        );
        assert_eq!(
            err(f64::NAN),
            "ValueError: Invalid value NaN (not a number)"
        );
        assert_eq!(err(now - 1e11), "ValueError: year -1143 is out of range");
        assert_eq!(ok(-62_135_596_800.0), "Mon, 01 Jan 0001 00:00:00 GMT");
        assert_eq!(err(-62_135_596_801.0), "ValueError: year 0 is out of range");
        assert_eq!(ok(1_767_225_600.999_999_5), "Thu, 01 Jan 2026 00:00:01 GMT");
        assert_eq!(ok(1_767_225_600.999_999_3), "Thu, 01 Jan 2026 00:00:00 GMT");
        assert_eq!(ok(-0.000_000_1), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(ok(-0.500_000_1), "Wed, 31 Dec 1969 23:59:59 GMT");
    }

    #[test]
    fn calendar_conversions_agree() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
