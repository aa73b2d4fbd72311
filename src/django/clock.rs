//! The virtual clock: whole seconds since the Unix epoch, starting at 2026-01-01T00:00:00Z
//! and moving only when a scenario says so.

pub use crate::calendar::{civil, civil_from_days, days_from_civil, Civil};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// 2026-01-01T00:00:00Z.
pub const START: i64 = 1_767_225_600;

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

    /// Moves the clock forward (or back, for a negative count).
    pub fn advance(&mut self, secs: i64) {
        self.now += secs;
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

/// Reads an HTTP date in the form [`http_date`] writes.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let rest = text.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
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
        clock.advance(14 * 86_400);
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
    }

    #[test]
    fn calendar_conversions_agree() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
