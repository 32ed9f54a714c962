//! One event as an indicator sees it: the recorded event plus the dimensions of the
//! participant, business and course it concerns, as they stood at that event.

use chrono::{Datelike, NaiveDate};
use ruta_store::log::RecordedEvent;
use serde_json::Value;

use crate::state::{BusinessDims, CourseDims, Dimensions, ParticipantDims};

/// How a breakdown by period slices business time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    /// No period breakdown: the whole programme only.
    Whole,
    /// `"2014"`.
    #[default]
    Year,
    /// `"2014-Q3"`.
    Quarter,
}

impl std::str::FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "none" | "whole" => Ok(Self::Whole),
            "year" => Ok(Self::Year),
            "quarter" => Ok(Self::Quarter),
            other => Err(format!(
                "unknown period {other:?} (expected year, quarter or none)"
            )),
        }
    }
}

/// An event with the dimensions it is counted under.
#[derive(Debug, Clone, Copy)]
pub struct EventView<'a> {
    pub event: &'a RecordedEvent,
    /// Business date (UTC) of `occurred_at`.
    pub occurred_on: NaiveDate,
    pub participant_id: Option<&'a str>,
    pub participant: Option<&'a ParticipantDims>,
    pub business_id: Option<&'a str>,
    pub business: Option<&'a BusinessDims>,
    pub course_id: Option<&'a str>,
    pub course: Option<&'a CourseDims>,
}

impl<'a> EventView<'a> {
    /// Resolves the event's participant, business and course in `dims`.
    pub fn new(event: &'a RecordedEvent, occurred_on: NaiveDate, dims: &'a Dimensions) -> Self {
        let participant_id = dims.participant_of(event);
        let business_id = dims.business_of(event);
        let course_id = dims.course_of(event);
        Self {
            event,
            occurred_on,
            participant_id,
            participant: participant_id.and_then(|id| dims.participants.get(id)),
            business_id,
            business: business_id.and_then(|id| dims.businesses.get(id)),
            course_id,
            course: course_id.and_then(|id| dims.courses.get(id)),
        }
    }

    pub fn event_type(&self) -> &'a str {
        &self.event.event_type
    }

    /// The period label of the event's business date, `None` for [`Period::Whole`].
    pub fn period(&self, period: Period) -> Option<String> {
        let year = self.occurred_on.year();
        match period {
            Period::Whole => None,
            Period::Year => Some(year.to_string()),
            Period::Quarter => Some(format!("{year}-Q{}", self.occurred_on.month0() / 3 + 1)),
        }
    }

    pub fn payload(&self, field: &str) -> Option<&'a Value> {
        self.event.payload.get(field)
    }

    pub fn payload_str(&self, field: &str) -> Option<&'a str> {
        self.payload(field).and_then(Value::as_str)
    }

    pub fn payload_i64(&self, field: &str) -> Option<i64> {
        self.payload(field).and_then(Value::as_i64)
    }

    pub fn payload_bool(&self, field: &str) -> Option<bool> {
        self.payload(field).and_then(Value::as_bool)
    }

    /// The year of a `YYYY-MM-DD` payload field (a programme event's `date`).
    pub fn payload_year(&self, field: &str) -> Option<i32> {
        self.payload_str(field)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| d.year())
    }
}
