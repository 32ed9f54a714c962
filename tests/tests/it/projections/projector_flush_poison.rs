//! A projector whose store refuses what a batch writes as a whole (the flush: a search
//! engine refusing a document) ends in the documented poison state, pinned to the one event
//! at fault, while the events before it are applied and other projectors go on.

use async_trait::async_trait;
use ruta_commands::Executor;
use ruta_projections::read_models::CertificatesProjector;
use ruta_projections::runtime::{ProjectorExit, ProjectorTx, SqlProjector};
use ruta_projections::search::SearchError;
use ruta_projections::LogError;
use ruta_store::log::{Checkpoint, RecordedEvent};
use ruta_store::Database;
use std::sync::{Arc, Mutex};

use crate::on_both_backends;
use crate::support::projector_fixtures::{certificate_events, certify, runner, status};
use crate::support::{published_course, read_all, TestDb};

/// Its flush fails whenever the batch holds `bad`, as an engine refusing a document would.
#[derive(Debug)]
struct RefusesAtFlush {
    bad: Checkpoint,
    batch: Mutex<Vec<Checkpoint>>,
}

#[async_trait]
impl SqlProjector for RefusesAtFlush {
    fn name(&self) -> &'static str {
        "refuses-at-flush"
    }
    fn version(&self) -> u32 {
        1
    }
    async fn apply(
        &self,
        _: &mut ProjectorTx<'_>,
        _: i64,
        event: &RecordedEvent,
    ) -> Result<(), LogError> {
        self.batch.lock().expect("batch").push(event.checkpoint);
        Ok(())
    }
    async fn flush(&self, _: &mut ProjectorTx<'_>, _: i64) -> Result<(), LogError> {
        let batch = std::mem::take(&mut *self.batch.lock().expect("batch"));
        if batch.contains(&self.bad) {
            return Err(SearchError::Engine("invalid document id".to_owned()).into());
        }
        Ok(())
    }
    async fn drop_generation(&self, _: &Database, _: i64) -> Result<(), LogError> {
        Ok(())
    }
}

async fn a_batch_the_engine_keeps_refusing_poisons_its_event_only(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-1").await;
    certify(&executor, "c-1", "p", 4).await;
    let log = read_all(&t.db).await;
    let bad = certificate_events(&log)[2].checkpoint;
    let before_bad = log
        .iter()
        .take_while(|e| e.checkpoint < bad)
        .last()
        .expect("events before")
        .checkpoint;

    let refuses = RefusesAtFlush {
        bad,
        batch: Mutex::new(Vec::new()),
    };
    let exits = runner(
        &t.db,
        vec![Arc::new(refuses), Arc::new(CertificatesProjector)],
    )
    .catch_up()
    .await;

    let ProjectorExit::Poisoned { name, at, error } = &exits[0] else {
        panic!("expected a poison exit, not retries for ever: {exits:?}");
    };
    assert_eq!((*name, *at), ("refuses-at-flush", bad));
    assert!(error.contains("invalid document id"), "{error}");
    assert_eq!(
        exits[1],
        ProjectorExit::CaughtUp {
            name: "certificates"
        }
    );

    let stopped = status(&t.db, "refuses-at-flush").await;
    assert!(stopped.poisoned);
    assert_eq!(stopped.error_position, Some(bad.position));
    assert_eq!(
        stopped.failed_attempts, 3,
        "the configured attempts, at that event"
    );
    assert_eq!(
        stopped.checkpoint, before_bad,
        "every event before it is applied"
    );
}
on_both_backends!(a_batch_the_engine_keeps_refusing_poisons_its_event_only);
