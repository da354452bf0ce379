//! Moments as records keep them: to the second, in four bytes.
//!
//! A lead carries seven dates; as chrono's `NaiveDateTime` (12 bytes, with
//! nanoseconds no export writes) they were half of a lead's size. A
//! [`Stamp`] counts seconds from 1970 and reaches into 2106, which holds
//! every date a CRM or ad export writes; ingest rejects dates outside it.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime};
use std::fmt;
use std::num::NonZeroU32;
use std::ops::{Add, Sub};

/// A moment to the second between 1970-01-01 00:00:00 and 2106-02-07
/// 06:28:14. `Option<Stamp>` is four bytes too.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(NonZeroU32);

/// What ingest says of a date a [`Stamp`] cannot hold.
pub const EXPECTED_STAMP_RANGE: &str = "a date from 1970-01-01 to 2106-02-06";

impl Stamp {
    /// The earliest moment a stamp holds.
    pub const MIN: Stamp = Stamp(NonZeroU32::MIN);
    /// The latest moment a stamp holds.
    pub const MAX: Stamp = Stamp(NonZeroU32::MAX);

    /// The stamp of `at` (fractions of a second dropped); `None` outside
    /// the range.
    pub fn new(at: NaiveDateTime) -> Option<Stamp> {
        Stamp::from_unix_seconds(at.and_utc().timestamp())
    }

    /// The stamp of a moment given as seconds since 1970-01-01 00:00:00;
    /// `None` outside the range.
    pub fn from_unix_seconds(seconds: i64) -> Option<Stamp> {
        let seconds = u32::try_from(seconds).ok()?;
        NonZeroU32::new(seconds.checked_add(1)?).map(Stamp)
    }

    /// The stamp of `at`, held to the range: for cut-offs and window
    /// bounds, which may lie outside it.
    pub fn clamped(at: NaiveDateTime) -> Stamp {
        let seconds = at.and_utc().timestamp();
        if seconds < 0 {
            Stamp::MIN
        } else {
            Stamp::new(at).unwrap_or(Stamp::MAX)
        }
    }

    /// The moment as chrono writes it.
    pub fn at(self) -> NaiveDateTime {
        let seconds = i64::from(self.0.get() - 1);
        DateTime::from_timestamp(seconds, 0)
            .expect("every stamp is a valid time")
            .naive_utc()
    }

    /// The day the moment falls on.
    pub fn date(self) -> NaiveDate {
        self.at().date()
    }

    /// The day the moment falls on, counted from 1970-01-01: cheaper than
    /// [`Stamp::date`] where days are only told apart.
    pub fn day(self) -> u32 {
        (self.0.get() - 1) / 86_400
    }

    /// The date of a [`Stamp::day`].
    pub fn date_of_day(day: u32) -> NaiveDate {
        DateTime::UNIX_EPOCH.date_naive() + chrono::Days::new(u64::from(day))
    }

    /// The week the moment falls in, Monday to Sunday, counted from the
    /// week of 1970-01-01 (a Thursday): equal for moments of one ISO week.
    pub fn week(self) -> i64 {
        (i64::from(self.day()) + 3) / 7
    }

    fn seconds(self) -> i64 {
        i64::from(self.0.get())
    }

    fn from_seconds(seconds: i64) -> Stamp {
        let held = seconds.clamp(1, i64::from(u32::MAX));
        Stamp(NonZeroU32::new(held as u32).unwrap_or(NonZeroU32::MIN))
    }
}

impl Sub for Stamp {
    type Output = Duration;

    /// The time from `earlier` to `self`.
    fn sub(self, earlier: Stamp) -> Duration {
        Duration::seconds(self.seconds() - earlier.seconds())
    }
}

impl Add<Duration> for Stamp {
    type Output = Stamp;

    /// Held to the range, like [`Stamp::clamped`].
    fn add(self, span: Duration) -> Stamp {
        Stamp::from_seconds(self.seconds().saturating_add(span.num_seconds()))
    }
}

impl Sub<Duration> for Stamp {
    type Output = Stamp;

    /// Held to the range, like [`Stamp::clamped`].
    fn sub(self, span: Duration) -> Stamp {
        Stamp::from_seconds(self.seconds().saturating_sub(span.num_seconds()))
    }
}

impl fmt::Debug for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.at())
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.at())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn range_ends() {
        assert_eq!(Stamp::new(at("1970-01-01 00:00:00")), Some(Stamp::MIN));
        assert_eq!(Stamp::MAX.at(), at("2106-02-07 06:28:14"));
        assert_eq!(Stamp::new(at("1969-12-31 23:59:59")), None);
        assert_eq!(Stamp::new(at("2106-02-07 06:28:15")), None);
        assert_eq!(Stamp::clamped(at("1900-01-01 00:00:00")), Stamp::MIN);
        assert_eq!(Stamp::clamped(at("2200-01-01 00:00:00")), Stamp::MAX);
        assert_eq!(Stamp::MAX + Duration::days(1), Stamp::MAX);
        assert_eq!(Stamp::MIN - Duration::days(1), Stamp::MIN);
    }

    proptest! {
        /// Stamps keep every second in range, order, spans and days as
        /// chrono computes them.
        #[test]
        fn agrees_with_chrono(a in 0i64..4_294_967_294, b in 0i64..4_294_967_294, span in -400_000_000i64..400_000_000) {
            let (ta, tb) = (
                DateTime::from_timestamp(a, 0).unwrap().naive_utc(),
                DateTime::from_timestamp(b, 0).unwrap().naive_utc(),
            );
            let (sa, sb) = (Stamp::new(ta).unwrap(), Stamp::new(tb).unwrap());
            prop_assert_eq!(sa.at(), ta);
            prop_assert_eq!(sa.date(), ta.date());
            prop_assert_eq!(Stamp::date_of_day(sa.day()), ta.date());
            prop_assert_eq!(sa.cmp(&sb), ta.cmp(&tb));
            prop_assert_eq!(sa - sb, ta - tb);
            let moved = ta + Duration::seconds(span);
            prop_assert_eq!(sa + Duration::seconds(span), Stamp::clamped(moved));
            prop_assert_eq!(sa - Duration::seconds(span), Stamp::clamped(ta - Duration::seconds(span)));
        }
    }
}
