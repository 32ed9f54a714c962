//! The plausible range of the programme's dates.
//!
//! Every date a caller sends is written `YYYY-MM-DD` with a four-digit year and lies between
//! 1900-01-01 and 2100-12-31 (the same range holds for business times). A date that records
//! something that happened (a business founded, jobs created, a session held) may not lie
//! after the moment it is recorded, give or take a day of clock skew; a scheduled date (a
//! programme event) may. The domain reads no clock: the command layer passes the moment of
//! recording in.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

use crate::DomainError;

pub const EARLIEST_YEAR: i32 = 1900;
pub const LATEST_YEAR: i32 = 2100;

/// How far after the moment of recording a fact that happened may still be dated.
pub const CLOCK_SKEW: Duration = Duration::days(1);

/// Whether `year` lies in the plausible range.
pub fn plausible_year(year: i32) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&year)
}

/// Reads `YYYY-MM-DD`: a four-digit year in the plausible range, two-digit month and day.
///
/// # Errors
/// A message saying what was expected.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    let date = shaped
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| "expected a date written YYYY-MM-DD, such as 2014-03-01".to_owned())?;
    if plausible_year(date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "must lie between {EARLIEST_YEAR}-01-01 and {LATEST_YEAR}-12-31"
        ))
    }
}

/// `#[serde(deserialize_with = "crate::dates::strict")]` for the dates of commands.
///
/// # Errors
/// When the text is not a plausible date (see [`parse_date`]).
pub fn strict<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_date(&text).map_err(serde::de::Error::custom)
}

/// Refuses a fact dated after the moment it is recorded (plus [`CLOCK_SKEW`]).
///
/// # Errors
/// [`DomainError::Invalid`] naming `field`.
pub fn check_happened(
    field: &'static str,
    date: NaiveDate,
    recorded_at: DateTime<Utc>,
) -> Result<(), DomainError> {
    let latest = (recorded_at + CLOCK_SKEW).date_naive();
    if date > latest {
        return Err(DomainError::invalid(
            field,
            format!("records something that happened, so it may not lie after {latest}"),
        ));
    }
    Ok(())
}

/// Refuses a business time outside the plausible years or after the moment it is recorded
/// (plus [`CLOCK_SKEW`]).
///
/// # Errors
/// [`DomainError::Invalid`] naming `occurred_at`.
pub fn check_occurred_at(
    occurred_at: DateTime<Utc>,
    recorded_at: DateTime<Utc>,
) -> Result<(), DomainError> {
    if !plausible_year(occurred_at.year()) {
        return Err(DomainError::invalid(
            "occurred_at",
            format!("must lie between {EARLIEST_YEAR} and {LATEST_YEAR}"),
        ));
    }
    if occurred_at > recorded_at + CLOCK_SKEW {
        return Err(DomainError::invalid(
            "occurred_at",
            "a business time may not lie more than a day after the moment it is recorded",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
    }

    #[test]
    fn it_reads_four_digit_years_in_the_plausible_range() {
        assert_eq!(parse_date("2014-03-01"), Ok(day(2014, 3, 1)));
        assert_eq!(parse_date("1900-01-01"), Ok(day(EARLIEST_YEAR, 1, 1)));
        assert_eq!(parse_date("2100-12-31"), Ok(day(LATEST_YEAR, 12, 31)));
        for bad in [
            "+10000-01-01",
            "0000-01-01",
            "1899-12-31",
            "2101-01-01",
            "15-01-01",
            "02014-03-01",
            "+2014-03-01",
            "2014-3-1",
            "2014-02-30",
            "9999-12-31",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn it_refuses_facts_dated_after_their_recording() {
        let now = day(2014, 6, 1)
            .and_hms_opt(12, 0, 0)
            .expect("time")
            .and_utc();
        assert!(check_happened("on", day(2014, 6, 2), now).is_ok(), "skew");
        assert!(check_happened("on", day(2014, 6, 3), now).is_err());
        assert!(check_occurred_at(now + Duration::hours(23), now).is_ok());
        assert!(check_occurred_at(now + Duration::days(2), now).is_err());
        let early = day(1899, 12, 31)
            .and_hms_opt(0, 0, 0)
            .expect("time")
            .and_utc();
        assert!(check_occurred_at(early, now).is_err());
    }

    #[test]
    fn it_deserialises_command_dates_strictly() {
        #[derive(Debug, serde::Deserialize)]
        struct Cmd {
            #[serde(deserialize_with = "strict")]
            #[allow(dead_code)]
            on: NaiveDate,
        }
        assert!(serde_json::from_str::<Cmd>(r#"{"on": "2014-03-01"}"#).is_ok());
        assert!(serde_json::from_str::<Cmd>(r#"{"on": "15-01-01"}"#).is_err());
    }
}
