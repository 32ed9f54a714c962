//! On PostgreSQL the log reader waits for the transactions of its own database that may still
//! write events, and for nothing else: not for another database's long transaction, and not
//! for an idle projector of its own.

use ruta_commands::Executor;
use ruta_projections::read_models::CertificatesProjector;
use ruta_projections::runtime::{RunnerConfig, Shutdown};
use ruta_store::log::{Checkpoint, GlobalLog};
use ruta_store::Database;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::projector_fixtures::{certify, fast, register_rows};
use crate::support::{published_course, register, TestDb};

fn pool(t: &TestDb) -> &PgPool {
    let Database::Postgres(pool, _) = &t.db else {
        unreachable!("a PostgreSQL test database")
    };
    pool
}

async fn take_transaction_id(tx: &mut sqlx::PgConnection) -> u64 {
    let id: i64 = sqlx::query_scalar("SELECT pg_current_xact_id()::text::int8")
        .fetch_one(tx)
        .await
        .expect("a transaction id");
    u64::try_from(id).expect("positive")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn it_waits_for_its_own_database_only_on_postgres() {
    let (Some(here), Some(elsewhere)) = (TestDb::postgres().await, TestDb::postgres().await) else {
        return;
    };
    let log = GlobalLog::new(here.db.clone());
    let executor = Executor::new(here.db.clone());

    // A long transaction in another database of the cluster (a bulk load, say).
    let mut long = pool(&elsewhere).begin().await.expect("begin");
    let long_id = take_transaction_id(&mut long).await;
    register(&executor, "p-1", "Ana").await;
    let horizon = log.horizon().await.expect("horizon").expect("PostgreSQL");
    assert!(horizon > long_id, "{horizon} holds back at {long_id}");
    let first = log.read_after(Checkpoint::START, 10).await.expect("reads");
    assert_eq!(
        first.len(),
        1,
        "the event is final despite the other database"
    );

    // A transaction of this database that may still write is waited for.
    let mut local = pool(&here).begin().await.expect("begin");
    let local_id = take_transaction_id(&mut local).await;
    register(&executor, "p-2", "Bea").await;
    assert!(log.horizon().await.expect("horizon") <= Some(local_id));
    let after = first[0].checkpoint;
    assert!(log.read_after(after, 10).await.expect("reads").is_empty());

    local.rollback().await.expect("rollback");
    long.rollback().await.expect("rollback");
    let second = log.read_after(after, 10).await.expect("reads");
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].aggregate_id, "p-2");
}

/// Sessions of the test database, other than the asking one, inside a transaction.
async fn open_transactions(pool: &PgPool) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND xact_start IS NOT NULL",
    )
    .fetch_one(pool)
    .await
    .expect("activity")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_idle_projector_holds_no_transaction_open_on_postgres() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-1").await;
    certify(&executor, "c-1", "p", 2).await;
    // Polls once a minute: between polls it must leave nothing open.
    let config = RunnerConfig {
        idle: Duration::from_secs(60),
        ..fast()
    };
    let runner = ruta_projections::runtime::ProjectorRunner::new(
        t.db.clone(),
        vec![Arc::new(CertificatesProjector)],
    )
    .with_config(config);
    let shutdown = Shutdown::new();
    let signal = shutdown.signal();
    let running = tokio::spawn(async move { runner.run(signal).await });

    let deadline = Instant::now() + Duration::from_secs(30);
    while register_rows(&t.db).await.len() < 2 || open_transactions(pool(&t)).await > 0 {
        assert!(
            Instant::now() < deadline,
            "the idle projector keeps a transaction open"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // So a new event is final at once, not at the projector's next poll.
    register(&executor, "p-late", "Late").await;
    let log = GlobalLog::new(t.db.clone());
    let all = log
        .read_after(Checkpoint::START, 1_000)
        .await
        .expect("reads");
    assert_eq!(all.last().map(|e| e.aggregate_id.as_str()), Some("p-late"));

    shutdown.trigger();
    running.await.expect("the runner stops");
}

/// Idle polls only read: an idle `ruta serve` neither takes SQLite's write lock nor burns
/// PostgreSQL transaction ids (each rolled-back batch transaction used to take one).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn idle_polls_open_no_transaction_on_postgres() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    // Each phase on its own pool, closed at its end: a session's statistics reach
    // pg_stat_database for certain when it ends. (Migrating rolled back one statement.)
    t.db.close().await;
    let session = || async { Database::connect(&t.url).await.expect("connects") };
    let observer = session().await;
    let writer = session().await;
    let executor = Executor::new(writer.clone());
    published_course(&executor, "c-1").await;
    certify(&executor, "c-1", "p", 2).await;
    writer.close().await;
    let before = rollbacks(&observer).await;

    let projecting = session().await;
    let runner = ruta_projections::runtime::ProjectorRunner::new(
        projecting.clone(),
        vec![Arc::new(CertificatesProjector)],
    )
    .with_config(fast());
    let shutdown = Shutdown::new();
    let signal = shutdown.signal();
    let running = tokio::spawn(async move { runner.run(signal).await });
    let deadline = Instant::now() + Duration::from_secs(30);
    while register_rows(&observer).await.len() < 2 {
        assert!(Instant::now() < deadline, "the projector never caught up");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Dozens of idle polls, 10 ms apart.
    tokio::time::sleep(Duration::from_millis(500)).await;
    shutdown.trigger();
    running.await.expect("the runner stops");
    projecting.close().await;
    assert_eq!(
        rollbacks(&observer).await,
        before,
        "idle polls rolled transactions back"
    );
}

/// Transactions rolled back in the test database by sessions that have ended. (A backend
/// writes its statistics as it exits, just after its client has gone: hence the wait.)
async fn rollbacks(db: &Database) -> i64 {
    tokio::time::sleep(Duration::from_millis(500)).await;
    let Database::Postgres(pool, _) = db else {
        unreachable!("PostgreSQL")
    };
    sqlx::query_scalar(
        "SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()",
    )
    .fetch_one(pool)
    .await
    .expect("statistics")
}
