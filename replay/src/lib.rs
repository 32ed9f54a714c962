//! Replay engine, indicators and the final monitoring report.
//!
//! [`replay`] streams the global log once, in batches, and feeds every requested
//! [`Indicator`] in the same pass. While it reads it keeps each participant's, business's and
//! course's dimensions (country, municipality, migrant status, region of origin, gender,
//! acquisition channel, topic…) as they stand at each event, so a breakdown tells how things
//! were when the event happened. Indicators are built in ([`builtin::all`]) or declared by an
//! analyst in TOML ([`analyst::parse_indicators`]); [`report`] turns the results into the
//! final monitoring report (JSON, Markdown, CSV, HTML) with targets and a fingerprint of the
//! history it was computed from.

pub mod analyst;
pub mod builtin;
pub mod catalogue;
mod engine;
mod error;
pub mod export;
mod fingerprint;
mod indicator;
mod number;
pub mod report;
mod rule;
mod state;
mod tally;
mod view;

pub use engine::{count_events, replay, ReplayOptions, ReplayOutcome, Replayer};
pub use error::{DefinitionError, ReplayError};
pub use fingerprint::Fingerprint;
pub use indicator::{Indicator, IndicatorResult, IndicatorSpec, Names, Outcome};
pub use rule::{Rule, RuleMeasure};
pub use state::{BusinessDims, CourseDims, Dimensions, ParticipantDims};
pub use tally::Tally;
pub use view::{EventView, Period};
