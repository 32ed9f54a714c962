//! Reading the log: the gap-safe global log every projector consumes, a participant's
//! journey across aggregates, look-ups answered straight from the log, and the runtime that
//! keeps SQL read models up to date from it.

mod error;
mod global_log;
mod journey;
mod lookups;
pub mod read_models;
mod recorded;
pub mod runtime;
pub mod search;

pub use error::LogError;
pub use global_log::{Checkpoint, GlobalLog};
pub use journey::journey;
pub use lookups::find_certificate;
pub use recorded::{EventMetadata, RecordedEvent};
