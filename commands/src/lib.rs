//! Command handling: Ruta's pure aggregates driven through cqrs-es's event store.
//!
//! cqrs-es's `CqrsFramework` returns nothing from a command, so [`Executor`] drives the
//! `EventStore` itself (`load_aggregate` → `decide` → `commit`). That lets it return the
//! appended events with their global positions, retry on optimistic-lock conflicts, and make
//! commands idempotent by command id. It uses the plain event-store mode only: cqrs-es 0.5's
//! snapshot and aggregate-store modes apply every event twice.

mod adapter;
pub mod app;
mod batch;
mod context;
mod error;
mod executor;
pub mod import;
mod loaded;
mod outcome;
pub mod policy;

pub use batch::Flushed;
pub use context::{Channel, CommandContext};
pub use error::CommandError;
pub use executor::Executor;
pub use loaded::Loaded;
pub use outcome::{AppendedEvent, CommandOutcome};
pub use ruta_domain::{Actor, Role};

pub use ruta_store::{with_pool, with_write_pool};
