//! What a SQL read model implements to be run by the [`ProjectorRunner`](super::ProjectorRunner).

use async_trait::async_trait;
use sqlx::{Postgres, Sqlite, Transaction};

use ruta_store::Database;

use crate::LogError;
use ruta_store::log::RecordedEvent;

/// The open transaction a projector writes its read model in; the runner commits it together
/// with the projector's checkpoint.
///
/// Why an enum of the two concrete transactions rather than a generic `DB: sqlx::Database`
/// parameter: the codebase picks the backend at run time ([`ruta_store::Database`] is an enum)
/// and writes SQL both backends accept (`$1` placeholders work on SQLite too). A generic
/// projector would need `where` clauses over sqlx's executor and encode traits for every bind,
/// and a `dyn SqlProjector` could not be generic at all. With the enum a projector writes its
/// statement once and runs it through [`with_tx!`](crate::with_tx) on either connection.
#[derive(Debug)]
pub enum ProjectorTx<'c> {
    /// On the connection that holds the projector's advisory lock.
    Postgres(Transaction<'c, Postgres>),
    /// Begun with `BEGIN IMMEDIATE`, so the write lock is taken up front and a concurrent
    /// writer cannot turn the transaction's first write into `SQLITE_BUSY`.
    Sqlite(Transaction<'static, Sqlite>),
}

/// Runs `$body` with `$conn` bound to the transaction's connection on either backend, like
/// `ruta_commands::with_pool!` does for pools. Both arms must have one type: map query
/// results (`.map(|_| ())`), which differ per backend.
#[macro_export]
macro_rules! with_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::runtime::ProjectorTx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::runtime::ProjectorTx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}

/// A read model kept in SQL tables of the event-store database (and, for catalogues, pushed on
/// to a search engine).
///
/// Every read model lives under a *generation*: the live one answers reads while a rebuild
/// fills the next one beside it, and one transaction then hands the checkpoint over
/// (see [`rebuild`](super::rebuild())). Readers follow [`live_generation`](super::live_generation).
///
/// `async_trait` (boxed futures) because the runner holds projectors as `dyn SqlProjector`,
/// which native `async fn` in traits does not allow.
#[async_trait]
pub trait SqlProjector: Send + Sync + std::fmt::Debug {
    /// Stable name: the key of the projector's checkpoint row and of its advisory lock.
    fn name(&self) -> &'static str;

    /// Raise it when `apply` changes meaning: the runner then rebuilds the read model into a
    /// new generation from the start of the log and swaps it in once caught up.
    fn version(&self) -> u32;

    /// Folds one event into `generation` of the read model inside `tx`. Events arrive in
    /// global-log order, exactly once per committed checkpoint; events the projector does not
    /// read are ignored.
    ///
    /// # Errors
    /// Any [`LogError`]: the runner rolls the batch back and retries it later.
    async fn apply(
        &self,
        tx: &mut ProjectorTx<'_>,
        generation: i64,
        event: &RecordedEvent,
    ) -> Result<(), LogError>;

    /// Called after the last event of a batch, before the checkpoint is saved in `tx`: a
    /// projector that feeds a store outside the database pushes the batch's changes here and
    /// returns only once that store has accepted them.
    ///
    /// # Errors
    /// Any [`LogError`]: the batch rolls back and is retried.
    async fn flush(&self, _tx: &mut ProjectorTx<'_>, _generation: i64) -> Result<(), LogError> {
        Ok(())
    }

    /// Removes `generation` of the read model: a rebuild that never finished, or the one a
    /// finished rebuild replaced.
    ///
    /// # Errors
    /// Any [`LogError`].
    async fn drop_generation(&self, db: &Database, generation: i64) -> Result<(), LogError>;
}
