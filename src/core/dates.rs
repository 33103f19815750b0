//! Calendar dates: turning instants and day numbers into dates, and reading dates people write.
//!
//! The calendar is the proleptic Gregorian one, in UTC. An instant is milliseconds since
//! 1970-01-01T00:00:00Z; a day number counts days since 1970-01-01 (negative before). A learner's
//! local date is the UTC date of their local time, `ms + utc_offset_ms`, as `cards::Clock` counts
//! days. Everything that needs a date goes through here: xAPI timestamps, the `YYYY-MM-DD` stamp
//! of an export file name or a history row, the date form of a deck's source, the weekday of a
//! forecast column. Month and weekday *names* are English words for display, and stay with the
//! components that show them.
//!
//! Lengths of time a learner reads ("see again in 4 d", "next card due in 4 days") are rounded
//! here too, by one rule ([`Span`]), so the same interval never reads "1 d" on one screen and
//! "23 h" on the next.
//!
//! Dates are formatted for years 0 to 9999 only: an instant outside them (which no working clock
//! gives, but stored data may hold) is shown as the epoch rather than as a malformed date.

use std::fmt;
use std::ops::Range;

/// Milliseconds in a day (UTC has no leap seconds to count).
pub const DAY_MS: i64 = 86_400_000;

/// The day numbers of 0000-01-01 up to 9999-12-31, the years a four-digit date can show.
const FORMATTED_DAYS: Range<i64> = -719_528..2_932_897;

/// A day of the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// 0 to 9999 for every date this module makes.
    pub year: i64,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

impl Date {
    /// The date of a day number; one outside years 0 to 9999 gives 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let days = if FORMATTED_DAYS.contains(&days) { days } else { 0 };
        // Howard Hinnant's `civil_from_days`, from "chrono-Compatible Low-Level Date Algorithms":
        // count in 400-year eras starting on 0000-03-01, so that leap days end a year.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date {
            year: yoe + era * 400 + i64::from(month <= 2),
            month,
            day,
        }
    }

    /// The date of an instant, in UTC (pass `ms + utc_offset_ms` for a learner's local date).
    pub fn of_instant(ms: i64) -> Date {
        Date::from_days(ms.div_euclid(DAY_MS))
    }

    /// Reads the form `YYYY-MM-DD`: four digits, a month from 01 to 12 and a day from 01 to 31.
    /// The day is not checked against its month (`2023-02-31` reads), exactly as the pattern in
    /// `deck.schema.json`, which must agree with the deck parser on every file.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let form = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
        if !form {
            return None;
        }
        let (year, month, day) = (s[..4].parse().ok()?, s[5..7].parse().ok()?, s[8..].parse().ok()?);
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }
}

/// `YYYY-MM-DD`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 3_600_000;
/// A twelfth of a 365-day year.
const MONTH_MS: i64 = 365 * DAY_MS / 12;
const YEAR_MS: i64 = 365 * DAY_MS;

/// The unit a [`Span`] is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Month,
    Year,
}

/// A length of time as a learner reads it: a whole number of one unit, rounded to the nearest.
///
/// The unit is the largest one the rounded value needs: under 60 minutes in minutes, under 24
/// hours in hours, under 31 days in days, under 12 months in months, else years. Every unit rounds
/// the same way (half up), so a value never drops to a smaller unit while it is still closer to a
/// larger one: 23 h 50 min is "1 d", as is 24 h, and it reads "23 h" only from 23 h 30 min down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// 0 only for a length under half a minute ("now").
    pub count: i64,
    pub unit: Unit,
}

impl Span {
    /// The span of `ms` milliseconds (a negative length is "now").
    pub fn of(ms: i64) -> Span {
        let ms = ms.max(0);
        let round = |unit: i64| ms.saturating_add(unit / 2) / unit;
        let (count, unit) = match () {
            _ if round(MINUTE_MS) < 60 => (round(MINUTE_MS), Unit::Minute),
            _ if round(HOUR_MS) < 24 => (round(HOUR_MS), Unit::Hour),
            _ if round(DAY_MS) < 31 => (round(DAY_MS), Unit::Day),
            _ if round(MONTH_MS) < 12 => (round(MONTH_MS), Unit::Month),
            _ => (round(YEAR_MS), Unit::Year),
        };
        Span { count, unit }
    }

    /// The compact form for buttons: "now", "1 min", "10 min", "3 h", "4 d", "2 mo", "1 y".
    pub fn short(self) -> String {
        let unit = match self.unit {
            _ if self.count == 0 => return "now".to_string(),
            Unit::Minute => "min",
            Unit::Hour => "h",
            Unit::Day => "d",
            Unit::Month => "mo",
            Unit::Year => "y",
        };
        format!("{} {unit}", self.count)
    }

    /// The spelled-out form for sentences and screen readers: "now", "1 minute", "4 days".
    pub fn long(self) -> String {
        let (one, many) = match self.unit {
            _ if self.count == 0 => return "now".to_string(),
            Unit::Minute => ("minute", "minutes"),
            Unit::Hour => ("hour", "hours"),
            Unit::Day => ("day", "days"),
            Unit::Month => ("month", "months"),
            Unit::Year => ("year", "years"),
        };
        super::text::count(usize::try_from(self.count).unwrap_or(usize::MAX), one, many)
    }
}

/// The weekday of a day number: 0 for Monday to 6 for Sunday, the order of ISO 8601.
pub fn weekday(days: i64) -> usize {
    // 1970-01-01, day 0, was a Thursday.
    (days + 3).rem_euclid(7) as usize
}

/// The date of an instant as `YYYY-MM-DD`, in UTC (pass `ms + utc_offset_ms` for the learner's
/// local date). For file names and tables.
pub fn date_stamp(ms: i64) -> String {
    Date::of_instant(ms).to_string()
}

/// An ISO 8601 timestamp in UTC with milliseconds (`2023-10-27T09:30:00.000Z`), as xAPI wants.
/// An instant outside years 0 to 9999 gives the epoch.
pub fn iso_timestamp(ms: i64) -> String {
    let ms = if FORMATTED_DAYS.contains(&ms.div_euclid(DAY_MS)) {
        ms
    } else {
        0
    };
    let rem = ms.rem_euclid(DAY_MS);
    let (h, min, s, milli) = (rem / 3_600_000, rem / 60_000 % 60, rem / 1000 % 60, rem % 1000);
    format!("{}T{h:02}:{min:02}:{s:02}.{milli:03}Z", Date::of_instant(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_and_stamps() {
        for (ms, want) in [
            (1_698_399_000_000, "2023-10-27T09:30:00.000Z"),
            (0, "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (951_782_400_123, "2000-02-29T00:00:00.123Z"),
            (4_107_542_399_999, "2100-02-28T23:59:59.999Z"),
            (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            // Outside four-digit years: the epoch, not a malformed date.
            (-62_167_219_200_001, "1970-01-01T00:00:00.000Z"),
            (253_402_300_800_000, "1970-01-01T00:00:00.000Z"),
            (i64::MAX, "1970-01-01T00:00:00.000Z"),
            (i64::MIN, "1970-01-01T00:00:00.000Z"),
        ] {
            assert_eq!(iso_timestamp(ms), want, "{ms}");
            assert_eq!(date_stamp(ms), want[..10], "{ms}");
        }
    }

    #[test]
    fn day_numbers() {
        for (days, want, weekday_of) in [
            (0, "1970-01-01", 3),
            (-1, "1969-12-31", 2),
            (4, "1970-01-05", 0),
            (19_657, "2023-10-27", 4),
            (11_016, "2000-02-29", 1),
            (-719_528, "0000-01-01", 5),
            (2_932_896, "9999-12-31", 4),
            // Outside four-digit years the date is the epoch; the weekday is still the day's own.
            (2_932_897, "1970-01-01", 5),
            (i64::MIN, "1970-01-01", 2),
        ] {
            assert_eq!(Date::from_days(days).to_string(), want, "day {days}");
            assert_eq!(weekday(days), weekday_of, "weekday of day {days}");
        }
    }

    #[test]
    fn reading_dates() {
        let date = |year, month, day| Some(Date { year, month, day });
        for (s, want) in [
            ("2023-10-27", date(2023, 10, 27)),
            ("0001-01-01", date(1, 1, 1)),
            ("9999-12-31", date(9999, 12, 31)),
            // The form only, as the schema's pattern: no check of the day against the month.
            ("2023-02-31", date(2023, 2, 31)),
            ("2023-13-01", None),
            ("2023-00-10", None),
            ("2023-10-32", None),
            ("2023-10-00", None),
            ("2023-1-5", None),
            ("27/10/2023", None),
            ("2023-10-27T00:00:00Z", None),
            ("+023-10-27", None),
            ("2023-10-2\u{0663}", None),
            ("October 27th", None),
            ("", None),
        ] {
            assert_eq!(Date::parse(s), want, "{s:?}");
            if let Some(d) = want {
                assert_eq!(d.to_string(), s, "written as read");
            }
        }
    }

    #[test]
    fn spans_round_the_same_way_in_every_unit() {
        const MIN: i64 = 60_000;
        const H: i64 = 60 * MIN;
        const D: i64 = DAY_MS;
        for (ms, short, long) in [
            (-5, "now", "now"),
            (0, "now", "now"),
            (29_999, "now", "now"),
            (30_000, "1 min", "1 minute"),
            (MIN, "1 min", "1 minute"),
            (10 * MIN, "10 min", "10 minutes"),
            (59 * MIN + 29_999, "59 min", "59 minutes"),
            (59 * MIN + 30_000, "1 h", "1 hour"),
            (3 * H, "3 h", "3 hours"),
            (23 * H + 29 * MIN, "23 h", "23 hours"),
            // The same day-long interval, read a minute and ten minutes after it was set: still a day.
            (23 * H + 30 * MIN, "1 d", "1 day"),
            (24 * H - MIN, "1 d", "1 day"),
            (24 * H - 10 * MIN, "1 d", "1 day"),
            (D, "1 d", "1 day"),
            (D + 11 * H, "1 d", "1 day"),
            (D + 12 * H, "2 d", "2 days"),
            (15 * D, "15 d", "15 days"),
            (30 * D + 11 * H, "30 d", "30 days"),
            (31 * D, "1 mo", "1 month"),
            (45 * D, "1 mo", "1 month"),
            (46 * D, "2 mo", "2 months"),
            (62 * D, "2 mo", "2 months"),
            (349 * D, "11 mo", "11 months"),
            (350 * D, "1 y", "1 year"),
            (800 * D, "2 y", "2 years"),
        ] {
            let span = Span::of(ms);
            assert_eq!((span.short().as_str(), span.long().as_str()), (short, long), "{ms} ms");
        }
    }

    /// As a length grows, its reading never goes down: no "1 d" just before "23 h".
    #[test]
    fn spans_never_shrink_as_time_grows() {
        let order = |s: Span| {
            let unit = match s.unit {
                Unit::Minute => 0,
                Unit::Hour => 1,
                Unit::Day => 2,
                Unit::Month => 3,
                Unit::Year => 4,
            };
            (if s.count == 0 { -1 } else { unit }, s.count)
        };
        let mut last = order(Span::of(0));
        for ms in (0..3 * 365 * DAY_MS).step_by(60_000 * 7 + 13) {
            let now = order(Span::of(ms));
            assert!(now >= last, "{ms} ms reads {:?}, less than before", Span::of(ms));
            last = now;
        }
    }

    /// Every week for 800 years matches chrono's calendar, dates and weekdays.
    #[test]
    fn dates_match_chrono() {
        use chrono::{Datelike, TimeZone, Utc};
        for days in (-200 * 365..600 * 365).step_by(7).chain(-3..4) {
            let c = Utc.timestamp_opt(days * 86_400, 0).unwrap();
            let d = Date::from_days(days);
            assert_eq!(
                (d.year, d.month, d.day),
                (i64::from(c.year()), c.month(), c.day()),
                "day {days}"
            );
            assert_eq!(weekday(days), c.weekday().num_days_from_monday() as usize, "day {days}");
        }
    }
}
