//! The log as its readers see it: every event of every aggregate in one gap-safe total order
//! ([`GlobalLog`]), each with its envelope ([`RecordedEvent`]), decoded into its aggregate's
//! event type in one place ([`RecordedEvent::decode`]); a participant's journey; look-ups
//! answered straight from the log.

mod commands;
mod counts;
mod end;
mod journey;
mod lag;
mod lookups;
mod reader;
mod recorded;

pub use commands::{AppendedRow, StreamRow};
pub use end::LogEnd;
pub use journey::{journey, journey_page, JourneyFilter, JourneyPage};
pub use lag::Lag;
pub use lookups::find_certificate;
pub(crate) use reader::SQLITE_READ;
pub use reader::{Checkpoint, GlobalLog};
pub(crate) use recorded::Row;
pub use recorded::{EventMetadata, RecordedEvent};

/// Reading the log failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    /// A stored row that does not parse: the log was written by something else.
    #[error("unreadable event at position {position}: {reason}")]
    Corrupt { position: i64, reason: String },
}

/// A domain value as the log writes it (`"es"`, `"product"`, `"12.50"`): what read models
/// show and filter on, and what indicators break down by.
pub fn as_written<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
