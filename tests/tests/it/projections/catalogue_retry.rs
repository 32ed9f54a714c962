//! A catalogue folds a batch's events in memory and writes each document once when the batch
//! flushes. When a batch fails and is retried by the same projector, what the failed attempt
//! folded must be forgotten, or the retry folds those events a second time.

use async_trait::async_trait;
use ruta_commands::Executor;
use ruta_projections::catalogues::{Catalogue, CatalogueProjector};
use ruta_projections::runtime::{live_generation, ProjectorExit};
use ruta_projections::search::{CollectionSpec, FieldKind};
use ruta_projections::LogError;
use ruta_store::log::RecordedEvent;
use ruta_store::{with_pool, Database};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::on_both_backends;
use crate::support::catalogue_fixtures::tantivy;
use crate::support::faulty_projector::{Fault, Faulty, Nth};
use crate::support::projector_fixtures::runner;
use crate::support::{event_count, register, TestDb};

/// Counts each participant's events: a fold that is wrong if an event is folded twice.
#[derive(Debug, Clone, Copy, Default)]
struct EventsPerParticipant;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Count {
    events: u32,
}

impl Catalogue for EventsPerParticipant {
    const NAME: &'static str = "events-per-participant";
    const VERSION: u32 = 1;
    type State = Count;

    fn spec() -> CollectionSpec {
        CollectionSpec::new(Self::NAME, &[("events", FieldKind::Number)])
    }
    fn reads(event: &RecordedEvent) -> bool {
        event.aggregate_type == "Participant"
    }
    fn fold(state: &mut Count, _: &RecordedEvent) -> Result<(), String> {
        state.events += 1;
        Ok(())
    }
    fn document(state: &Count) -> Option<Map<String, Value>> {
        json!({ "events": state.events }).as_object().cloned()
    }
}

/// Fails the batch once, at the `fail_at`-th event the catalogue applies, after folding it.
#[derive(Debug)]
struct FailsOnceMidBatch {
    nth: Nth,
    failed: AtomicBool,
}

#[async_trait]
impl Fault for FailsOnceMidBatch {
    async fn after_apply(&self, projector: &str, _: &RecordedEvent) -> Result<(), LogError> {
        if self.nth.is_reached() && !self.failed.swap(true, Ordering::SeqCst) {
            return Err(LogError::Projector {
                projector: projector.to_owned(),
                reason: "fails once, mid-batch".to_owned(),
            });
        }
        Ok(())
    }
}

async fn counts(db: &Database) -> Vec<(String, String)> {
    let generation = live_generation(db, EventsPerParticipant::NAME)
        .await
        .expect("generation");
    const SQL: &str = "SELECT id, state FROM search_documents
        WHERE collection = 'events-per-participant' AND generation = $1 ORDER BY id";
    with_pool!(db, pool => sqlx::query_as(SQL).bind(generation).fetch_all(pool).await)
        .expect("states")
}

async fn a_retried_batch_folds_each_event_once(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    for p in 0..3 {
        register(&executor, &format!("p-{p}"), "Counted").await;
    }
    let events = event_count(&t.db).await;
    let (engine, _dir) = tantivy();
    let fault = FailsOnceMidBatch {
        // The fast runner's batches hold 4 events: the third is mid-batch.
        nth: Nth::new(3),
        failed: AtomicBool::new(false),
    };
    let projector = Faulty::new(
        CatalogueProjector::<EventsPerParticipant>::new(engine, "ruta"),
        fault,
    );

    let exits = runner(&t.db, vec![projector.clone()]).catch_up().await;

    assert_eq!(
        exits,
        [ProjectorExit::CaughtUp {
            name: EventsPerParticipant::NAME
        }]
    );
    assert!(
        projector.fault.failed.load(Ordering::SeqCst),
        "a batch failed"
    );
    let counted = counts(&t.db).await;
    assert_eq!(counted.len(), 3);
    let total: i64 = counted
        .iter()
        .map(|(_, state)| serde_json::from_str::<Value>(state).expect("json")["events"].as_i64())
        .map(|n| n.expect("a count"))
        .sum();
    assert_eq!(total, events, "every event folded exactly once");
}
on_both_backends!(a_retried_batch_folds_each_event_once);
