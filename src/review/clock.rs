//! The review clock: the real time, or a virtual "now" given as `LEARN_NOW` or a flag, so a
//! learner or a test can move across days without waiting.

use crate::calendar::{civil, days_from_civil};

/// The environment variable that sets the virtual now.
pub const ENV: &str = "LEARN_NOW";

/// The virtual now this run was given (`--now` or `LEARN_NOW`), for the places that record a
/// review without being handed the time (an exercise, Parsons or blanks check).
static RUN_CLOCK: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Sets the run's clock once, at start (later calls are ignored).
pub fn set_run_clock(spec: Option<String>) {
    let _ = RUN_CLOCK.set(spec);
}

/// The time by the run's clock; the real time when none was set or it cannot be read.
pub fn run_now() -> i64 {
    let real = crate::progress::now() as i64;
    let spec = RUN_CLOCK.get().and_then(|s| s.as_deref());
    now(None, spec, real).unwrap_or(real)
}

/// Reads a time: `2026-12-01`, `2026-12-01T09:30`, `2026-12-01T09:30:00Z`, or seconds since
/// the epoch (`1796000000`). A date alone means midnight UTC.
pub fn parse(text: &str) -> Result<i64, String> {
    let t = text.trim();
    let bad = || {
        format!(
            "cannot read the time {t:?}: write a UTC date and time such as 2026-12-01T09:30:00Z or 2026-12-01, or seconds since 1970"
        )
    };
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<i64>().map_err(|_| bad());
    }
    let t = t.strip_suffix('Z').unwrap_or(t);
    let (date, time) = match t.split_once(['T', ' ']) {
        Some((d, tm)) => (d, Some(tm)),
        None => (t, None),
    };
    let nums = |s: &str, sep: char, n: usize| -> Option<Vec<u32>> {
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() != n
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        parts.iter().map(|p| p.parse().ok()).collect()
    };
    let d = nums(date, '-', 3).ok_or_else(bad)?;
    let (year, month, day) = (i64::from(d[0]), d[1], d[2]);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if day == 0 || day > days_in_month || date.len() != 10 {
        return Err(bad());
    }
    let (h, m, s) = match time {
        None => (0, 0, 0),
        Some(tm) => {
            let parts = nums(tm, ':', 3)
                .or_else(|| nums(tm, ':', 2))
                .ok_or_else(bad)?;
            let s = parts.get(2).copied().unwrap_or(0);
            if parts[0] > 23 || parts[1] > 59 || s > 59 {
                return Err(bad());
            }
            (parts[0], parts[1], s)
        }
    };
    Ok(days_from_civil(year, month, day) * 86_400
        + i64::from(h) * 3600
        + i64::from(m) * 60
        + i64::from(s))
}

/// `2026-12-01T09:30:00Z`.
pub fn iso(epoch: i64) -> String {
    let c = civil(epoch);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// The time review uses: the flag's value, else `LEARN_NOW`'s (as given by the caller), else
/// the real time. Besides absolute times, `+3d`, `+12h` or `+90m` mean that long after the
/// real time, so a learner can look a few days ahead without picking a date.
pub fn now(flag: Option<&str>, env: Option<&str>, real: i64) -> Result<i64, String> {
    match flag.or(env) {
        Some(text) => match relative(text) {
            Some(r) => r.map(|secs| real + secs),
            None => parse(text),
        },
        None => Ok(real),
    }
}

/// `+3d` → 3 days in seconds; `None` when the text is not relative.
fn relative(text: &str) -> Option<Result<i64, String>> {
    let rest = text.trim().strip_prefix('+')?;
    let bad = || format!("cannot read {text:?}: write +3d, +12h or +90m (days, hours, minutes)");
    let (num, unit) = rest.split_at(rest.len().saturating_sub(1));
    let n: i64 = match num.parse() {
        Ok(n) if num.bytes().all(|b| b.is_ascii_digit()) => n,
        _ => return Some(Err(bad())),
    };
    let per = match unit {
        "d" => 86_400,
        "h" => 3600,
        "m" => 60,
        _ => return Some(Err(bad())),
    };
    Some(n.checked_mul(per).ok_or_else(bad))
}

/// "in 3 days", "in 10 minutes", "now", for a due date seen from `now`.
pub fn until(due: i64, now: i64) -> String {
    let d = due - now;
    if d <= 0 {
        return "now".into();
    }
    let (n, unit) = if d < 3600 {
        ((d + 59) / 60, "minute")
    } else if d < 86_400 {
        ((d + 1799) / 3600, "hour")
    } else {
        ((d + 43_199) / 86_400, "day")
    };
    format!("in {n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_times_and_epochs() {
        assert_eq!(parse("1970-01-01"), Ok(0));
        assert_eq!(parse("1970-01-02T00:00:01Z"), Ok(86_401));
        assert_eq!(parse("2026-12-01T09:30"), parse("2026-12-01T09:30:00Z"));
        assert_eq!(parse("2024-02-29 12:00:00"), Ok(1_709_208_000));
        assert_eq!(parse("1796000000"), Ok(1_796_000_000));
        assert_eq!(
            iso(parse("2026-12-01T09:30:05Z").unwrap()),
            "2026-12-01T09:30:05Z"
        );
    }

    #[test]
    fn refuses_what_is_not_a_time_with_a_clear_message() {
        for bad in [
            "",
            "tomorrow",
            "2026-13-01",
            "2026-02-30",
            "2026-1-1",
            "2026-12-01T25:00",
            "2026-12-01T10",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("cannot read the time"), "{bad}: {e}");
        }
    }

    #[test]
    fn the_flag_wins_over_the_environment_over_the_real_time() {
        assert_eq!(now(Some("1970-01-02"), Some("1970-01-03"), 5), Ok(86_400));
        assert_eq!(now(None, Some("1970-01-03"), 5), Ok(172_800));
        assert_eq!(now(None, None, 5), Ok(5));
        assert!(now(None, Some("soon"), 5).is_err());
        assert_eq!(now(Some("+3d"), None, 5), Ok(5 + 3 * 86_400));
        assert_eq!(now(None, Some("+2h"), 5), Ok(5 + 7200));
        assert_eq!(now(None, Some("+90m"), 0), Ok(5400));
        for bad in ["+", "+d", "+3w", "+-1d", "+99999999999999999d"] {
            assert!(
                now(Some(bad), None, 0).unwrap_err().contains("+3d"),
                "{bad}"
            );
        }
    }

    #[test]
    fn until_speaks_in_rounded_units() {
        assert_eq!(until(100, 100), "now");
        assert_eq!(until(100 + 600, 100), "in 10 minutes");
        assert_eq!(until(100 + 3600, 100), "in 1 hour");
        assert_eq!(until(100 + 2 * 86_400, 100), "in 2 days");
    }
}
