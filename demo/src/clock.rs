//! Programme time: minutes since 2013-01-01T00:00Z, so that plans can add and compare times
//! with plain integers and turn them into dates only when a command is written.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Minutes since the programme's epoch, 2013-01-01T00:00Z.
pub(crate) type Moment = i64;

pub(crate) const MINUTE: Moment = 1;
pub(crate) const HOUR: Moment = 60;
pub(crate) const DAY: Moment = 24 * HOUR;

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(2013, 1, 1) {
    Some(date) => date,
    None => panic!("2013-01-01 is a date"),
};

/// Days since 2013-01-01 of a calendar date of the programme.
pub(crate) const fn day(year: i32, month: u32, day_of_month: u32) -> i64 {
    match NaiveDate::from_ymd_opt(year, month, day_of_month) {
        Some(date) => date.signed_duration_since(EPOCH).num_days(),
        None => panic!("not a calendar date"),
    }
}

/// `hour:minute` on day `day` (days since 2013-01-01).
pub(crate) const fn on(day: i64, hour: i64, minute: i64) -> Moment {
    day * DAY + hour * HOUR + minute * MINUTE
}

/// The day (since 2013-01-01) a moment falls on.
pub(crate) const fn day_of(moment: Moment) -> i64 {
    moment.div_euclid(DAY)
}

/// The calendar date of a day of the programme.
pub(crate) fn date(day: i64) -> NaiveDate {
    EPOCH + Duration::days(day)
}

/// The calendar date a moment falls on.
pub(crate) fn date_of(moment: Moment) -> NaiveDate {
    date(day_of(moment))
}

/// A moment as the UTC timestamp written into `occurred_at`.
pub(crate) fn timestamp(moment: Moment) -> DateTime<Utc> {
    EPOCH.and_time(chrono::NaiveTime::MIN).and_utc() + Duration::minutes(moment)
}

/// Participants register from here on (courses are published before).
pub(crate) const FIRST_REGISTRATION: i64 = day(2013, 2, 1);
/// The last registration of the programme.
pub(crate) const LAST_REGISTRATION: i64 = day(2015, 10, 31);
/// The start of 2015, the year the seed's event figures are about.
pub(crate) const YEAR_2015: i64 = day(2015, 1, 1);
/// Every programme activity happens on or before this day; only the closing profile
/// corrections come after it.
pub(crate) const LAST_ACTIVITY: i64 = day(2015, 12, 12);
/// Profile corrections recorded when the programme closed its books.
pub(crate) const CLOSING: i64 = day(2015, 12, 20);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_converts_programme_time_to_calendar_time() {
        assert_eq!(day(2013, 1, 1), 0);
        assert_eq!(day(2015, 1, 1), 730);
        assert_eq!(date(YEAR_2015).to_string(), "2015-01-01");
        assert_eq!(
            timestamp(on(day(2014, 3, 4), 10, 30)).to_rfc3339(),
            "2014-03-04T10:30:00+00:00"
        );
        assert_eq!(date_of(on(730, 23, 59)).to_string(), "2015-01-01");
    }
}
