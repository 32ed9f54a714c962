//! The runtime of SQL read models: each [`SqlProjector`] consumes the gap-safe
//! [`GlobalLog`](ruta_store::log::GlobalLog) in batches and stores its checkpoint in
//! `projector_checkpoints` in the same transaction as its read model, so after a crash the
//! read model holds exactly the events up to its checkpoint — none lost, none applied twice.
//!
//! A new version, or `ruta projections rebuild`, fills the next generation of the read model
//! beside the live one and swaps it in once caught up ([`rebuild`]): reads never stop.
//!
//! Failures roll the batch back and are retried after a bounded exponential backoff, never
//! skipped. An event that fails `max_attempts` times in a row is poison: that projector stops
//! (its row names the error and the event), the others carry on. On PostgreSQL each projector
//! runs under a session advisory lock, so several `ruta serve` processes run each one once.

mod batch;
mod checkpoints;
mod generations;
mod projector;
mod rebuild;
mod runner;
mod shutdown;
mod status;
mod wait;

pub(crate) use checkpoints::FIRST_GENERATION;
pub use generations::live_generation;
pub use projector::{ProjectorTx, SqlProjector};
pub use rebuild::{rebuild, Rebuilt};
pub use runner::{ProjectorExit, ProjectorRunner, RunnerConfig};
pub use shutdown::{Shutdown, ShutdownSignal};
pub use status::{projector_status, ProjectorStatus};
pub use wait::{position_exists, wait_for_position};
