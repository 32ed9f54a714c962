//! A projector that behaves as another one while a fault strikes inside its batches: how the
//! crash, hang and retry tests break a real projector at a chosen point.

use async_trait::async_trait;
use ruta_projections::runtime::{ProjectorTx, SqlProjector};
use ruta_projections::LogError;
use ruta_store::log::RecordedEvent;
use ruta_store::Database;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// What goes wrong, and when. An error fails the batch, as the inner projector's would.
#[async_trait]
pub(crate) trait Fault: std::fmt::Debug + Send + Sync {
    /// Right after the inner projector applied `event`.
    async fn after_apply(&self, _projector: &str, _event: &RecordedEvent) -> Result<(), LogError> {
        Ok(())
    }
    /// Right after the inner projector flushed the batch.
    async fn after_flush(&self, _projector: &str) -> Result<(), LogError> {
        Ok(())
    }
}

#[derive(Debug)]
pub(crate) struct Faulty<P, F> {
    pub inner: P,
    pub fault: F,
}

impl<P, F> Faulty<P, F> {
    pub(crate) fn new(inner: P, fault: F) -> Arc<Self> {
        Arc::new(Self { inner, fault })
    }
}

#[async_trait]
impl<P: SqlProjector, F: Fault> SqlProjector for Faulty<P, F> {
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    fn version(&self) -> u32 {
        self.inner.version()
    }
    async fn apply(
        &self,
        tx: &mut ProjectorTx<'_>,
        generation: i64,
        event: &RecordedEvent,
    ) -> Result<(), LogError> {
        self.inner.apply(tx, generation, event).await?;
        self.fault.after_apply(self.name(), event).await
    }
    async fn flush(&self, tx: &mut ProjectorTx<'_>, generation: i64) -> Result<(), LogError> {
        self.inner.flush(tx, generation).await?;
        self.fault.after_flush(self.name()).await
    }
    async fn drop_generation(&self, db: &Database, generation: i64) -> Result<(), LogError> {
        self.inner.drop_generation(db, generation).await
    }
}

/// Counts what a fault waits for, over the projector's life (retries included).
#[derive(Debug)]
pub(crate) struct Nth {
    at: usize,
    seen: AtomicUsize,
}

impl Nth {
    /// Strikes at the `at`-th, counted from 1.
    pub(crate) fn new(at: usize) -> Self {
        Self {
            at,
            seen: AtomicUsize::new(0),
        }
    }

    /// Counts one more; true when that one is the `at`-th.
    pub(crate) fn is_reached(&self) -> bool {
        self.seen.fetch_add(1, Ordering::SeqCst) + 1 == self.at
    }
}

/// Hangs (holding the batch open) at the `nth` event `hangs_on` picks, until the process is
/// killed; `reached` tells the test it got there.
#[derive(Debug)]
pub(crate) struct HangsAt {
    nth: Nth,
    hangs_on: fn(&RecordedEvent) -> bool,
    pub reached: tokio::sync::Notify,
}

impl HangsAt {
    pub(crate) fn new(nth: usize, hangs_on: fn(&RecordedEvent) -> bool) -> Self {
        Self {
            nth: Nth::new(nth),
            hangs_on,
            reached: tokio::sync::Notify::new(),
        }
    }
}

#[async_trait]
impl Fault for HangsAt {
    async fn after_apply(&self, _: &str, event: &RecordedEvent) -> Result<(), LogError> {
        if (self.hangs_on)(event) && self.nth.is_reached() {
            self.reached.notify_one();
            std::future::pending::<()>().await;
        }
        Ok(())
    }
}
