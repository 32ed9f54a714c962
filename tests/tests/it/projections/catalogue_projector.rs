//! The listings catalogue stays equal to a rebuild from zero — in SQL and in the search
//! engine — whatever crashes or writes concurrently, and a rebuild swaps in without a gap.

use ruta_commands::Executor;
use ruta_projections::runtime::{live_generation, rebuild, ProjectorExit, Shutdown};
use ruta_projections::search::SearchEngine;
use std::sync::Arc;

use crate::on_both_backends;
use crate::support::catalogue_fixtures::{
    faulty_listings, listings, live_listing_ids, tantivy, trade,
};
use crate::support::projector_fixtures::{fast, restart, runner};
use crate::support::TestDb;

/// Rebuilds `listings` beside the live generation and returns the ids the new index holds.
async fn rebuilt_ids(t: &TestDb, engine: &Arc<dyn SearchEngine>) -> Vec<String> {
    let before = live_generation(&t.db, "listings")
        .await
        .expect("generation");
    let rebuilt = rebuild(&t.db, &listings(engine), &fast(), &|_, _| ())
        .await
        .expect("rebuilds");
    assert_eq!(rebuilt.generation, before + 1, "a new generation is built");
    let (in_engine, expected) = live_listing_ids(&t.db, engine).await;
    assert_eq!(in_engine, expected, "the rebuilt index holds what SQL says");
    in_engine
}

async fn it_survives_a_kill_mid_batch_and_a_crash_after_the_push(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    trade(&executor, "seller-a", 12).await;
    let (engine, _dir) = tantivy();

    // The runner is killed while a batch hangs half applied (after earlier batches committed).
    let faulty = faulty_listings(&engine, 9);
    let shutdown = Shutdown::new();
    let killed = {
        let runner = runner(&t.db, vec![faulty.clone()]);
        let signal = shutdown.signal();
        tokio::spawn(async move { runner.run(signal).await })
    };
    faulty.fault.hang.reached.notified().await;
    assert!(
        faulty
            .fault
            .failed_after_push
            .load(std::sync::atomic::Ordering::SeqCst),
        "a batch failed after the engine had accepted it, and was retried"
    );
    killed.abort();
    assert!(killed.await.is_err_and(|e| e.is_cancelled()));

    // Restart with the real projector: nothing lost, nothing twice.
    let exits = restart(&t.db, vec![Arc::new(listings(&engine))]).await;
    assert_eq!(exits, [ProjectorExit::CaughtUp { name: "listings" }]);
    let (in_engine, expected) = live_listing_ids(&t.db, &engine).await;
    // 12 listings, every third (0, 3, 6, 9) closed again.
    assert_eq!(expected.len(), 8);
    assert_eq!(in_engine, expected);
    assert_eq!(rebuilt_ids(t, &engine).await, expected);
}
on_both_backends!(it_survives_a_kill_mid_batch_and_a_crash_after_the_push);

async fn it_keeps_up_with_concurrent_writers_and_rebuilds_beside_them(t: &TestDb) {
    let (engine, _dir) = tantivy();
    let shutdown = Shutdown::new();
    let running = {
        let runner = runner(&t.db, vec![Arc::new(listings(&engine))]);
        let signal = shutdown.signal();
        tokio::spawn(async move { runner.run(signal).await })
    };
    let mut writers = Vec::new();
    for w in 0..4 {
        let executor = Executor::new(t.db.clone());
        writers.push(tokio::spawn(async move {
            trade(&executor, &format!("seller-{w}"), 6).await;
        }));
    }
    // A rebuild runs while the writers and the live projector run.
    let during = rebuild(&t.db, &listings(&engine), &fast(), &|_, _| ()).await;
    for writer in writers {
        writer.await.expect("writer");
    }
    assert!(during.is_ok(), "rebuild during writes: {during:?}");
    shutdown.trigger();
    running.await.expect("runner");
    let exits = runner(&t.db, vec![Arc::new(listings(&engine))])
        .catch_up()
        .await;
    assert_eq!(exits, [ProjectorExit::CaughtUp { name: "listings" }]);
    let (in_engine, expected) = live_listing_ids(&t.db, &engine).await;
    // 4 sellers × 6 listings, 2 of each seller's closed (0 and 3).
    assert_eq!(expected.len(), 16);
    assert_eq!(in_engine, expected);
    assert_eq!(rebuilt_ids(t, &engine).await, expected);
}
on_both_backends!(it_keeps_up_with_concurrent_writers_and_rebuilds_beside_them);
