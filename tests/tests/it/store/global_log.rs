//! The global log never skips and never repeats an event, whatever the writers do.

use ruta_commands::{with_pool, CommandError, Executor};
use ruta_domain::participant::{Participant, ParticipantCommand, UpdateProfile};
use ruta_store::log::{Checkpoint, GlobalLog, RecordedEvent};
use ruta_store::Database;
use std::collections::HashSet;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::on_both_backends;
use crate::support::{event_count, register, registration, staff, TestDb};

const PG_INSERT: &str = "INSERT INTO events \
    (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata) \
    VALUES ('Probe', $1, 1, 'ProbeWritten', '1', $2::jsonb, $3::jsonb)";
const SQLITE_INSERT: &str = "INSERT INTO events \
    (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata) \
    VALUES ('Probe', $1, 1, 'ProbeWritten', '1', $2, $3)";

/// The envelope of a probe event written with SQL, bypassing the command layer.
fn probe_metadata(id: &str) -> String {
    serde_json::json!({
        "actor": "probe", "actor_role": "admin", "occurred_at": "2015-01-01T00:00:00.000000Z",
        "recorded_at": "2015-01-01T00:00:00.000000Z", "command_id": format!("probe-{id}"),
        "commit_id": id, "correlation_id": "probe", "channel": "import", "subjects": "[]"
    })
    .to_string()
}

/// Appends one event in a transaction held open for `hold`, then commits or rolls back:
/// the writer that takes a position early and becomes visible late (or never).
async fn write_held(db: Database, id: String, hold: Duration, commit: bool) {
    let metadata = probe_metadata(&id);
    let insert = match db {
        Database::Postgres(..) => PG_INSERT,
        Database::Sqlite(..) => SQLITE_INSERT,
    };
    ruta_store::with_write_pool!(&db, pool => {
        let mut tx = pool.begin().await.expect("begin");
        sqlx::query(insert).bind(&id).bind("{}").bind(&metadata)
            .execute(&mut *tx).await.expect("insert");
        tokio::time::sleep(hold).await;
        if commit {
            tx.commit().await.expect("commit");
        } else {
            tx.rollback().await.expect("rollback");
        }
    });
}

async fn all_rows(db: &Database) -> HashSet<(String, String, i64)> {
    const SQL: &str = "SELECT aggregate_type, aggregate_id, sequence FROM events";
    with_pool!(db, pool => sqlx::query_as::<_, (String, String, i64)>(SQL)
        .fetch_all(pool).await.expect("rows"))
    .into_iter()
    .collect()
}

async fn it_never_skips_or_repeats_under_concurrent_writers(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    register(&executor, "shared", "Shared").await;
    let mut writers = Vec::new();
    for w in 0..8 {
        let executor = executor.clone();
        writers.push(tokio::spawn(async move {
            for j in 0..15 {
                let id = format!("w{w}-{j}");
                let command = ParticipantCommand::Register(registration("Writer"));
                executor
                    .execute::<Participant>(&id, command, &staff())
                    .await
                    .expect("registers");
                if j % 3 == 0 {
                    let update = UpdateProfile {
                        municipality: Some(format!("{id} town")),
                        ..UpdateProfile::default()
                    };
                    let result = executor
                        .execute::<Participant>(
                            "shared",
                            ParticipantCommand::UpdateProfile(update),
                            &staff(),
                        )
                        .await;
                    assert!(
                        matches!(result, Ok(_) | Err(CommandError::Conflict)),
                        "{result:?}"
                    );
                }
            }
        }));
    }
    for i in 0..3u64 {
        let db = t.db.clone();
        writers.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(40 * i)).await;
            write_held(
                db.clone(),
                format!("held-{i}"),
                Duration::from_millis(300),
                true,
            )
            .await;
            write_held(db, format!("rolled-{i}"), Duration::from_millis(150), false).await;
        }));
    }

    let total = Arc::new(AtomicI64::new(-1));
    let reader = {
        let (log, total) = (GlobalLog::new(t.db.clone()), total.clone());
        tokio::spawn(async move {
            let mut seen: Vec<RecordedEvent> = Vec::new();
            let mut checkpoint = Checkpoint::START;
            // Counted from the writers' end, however long a loaded machine makes them take.
            let mut writers_done: Option<std::time::Instant> = None;
            loop {
                let page = log.read_after(checkpoint, 16).await.expect("reads");
                if let Some(last) = page.last() {
                    assert!(last.checkpoint > checkpoint);
                    checkpoint = last.checkpoint;
                    seen.extend(page);
                    continue;
                }
                let expected = total.load(Ordering::SeqCst);
                if usize::try_from(expected).ok() == Some(seen.len()) {
                    return seen;
                }
                if expected >= 0 {
                    let done = *writers_done.get_or_insert_with(std::time::Instant::now);
                    if done.elapsed() > Duration::from_secs(120) {
                        return seen;
                    }
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
    };
    for writer in writers {
        writer.await.expect("writer");
    }
    total.store(event_count(&t.db).await, Ordering::SeqCst);
    let seen = reader.await.expect("reader");
    let total = total.load(Ordering::SeqCst);
    if usize::try_from(total).ok() != Some(seen.len()) {
        eprintln!(
            "reader saw {} of {total}; {}",
            seen.len(),
            crate::support::horizon(&t.db).await
        );
    }

    let keys: Vec<(String, String, i64)> = seen
        .iter()
        .map(|e| (e.aggregate_type.clone(), e.aggregate_id.clone(), e.sequence))
        .collect();
    let unique: HashSet<_> = keys.iter().cloned().collect();
    assert_eq!(unique.len(), keys.len(), "an event was delivered twice");
    assert_eq!(
        unique,
        all_rows(&t.db).await,
        "the reader missed a committed event"
    );
    assert!(keys.iter().filter(|k| k.1.starts_with("held-")).count() == 3);
    assert!(
        !keys.iter().any(|k| k.1.starts_with("rolled-")),
        "saw a rolled-back event"
    );
    assert!(seen.len() > 8 * 15, "all registrations were read");
}
on_both_backends!(it_never_skips_or_repeats_under_concurrent_writers);

/// The classic gap: a transaction takes position N, a later one takes N+1 and commits first.
/// A reader checkpointing on the position alone would read N+1, then never see N.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn it_waits_for_a_transaction_that_commits_late_on_postgres() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    let Database::Postgres(pool, _) = &t.db else {
        unreachable!("postgres")
    };
    let log = GlobalLog::new(t.db.clone());
    let executor = Executor::new(t.db.clone());

    let mut late = pool.begin().await.expect("begin");
    let metadata = probe_metadata("late");
    sqlx::query(PG_INSERT)
        .bind("late")
        .bind("{}")
        .bind(&metadata)
        .execute(&mut *late)
        .await
        .expect("insert");
    register(&executor, "early", "Early").await;

    let positions: Vec<(String, i64)> =
        sqlx::query_as("SELECT aggregate_id, global_position FROM events ORDER BY global_position")
            .fetch_all(pool)
            .await
            .expect("positions");
    assert_eq!(positions.len(), 1, "the late row is not visible yet");
    assert!(
        log.read_after(Checkpoint::START, 10)
            .await
            .expect("reads")
            .is_empty(),
        "nothing is final while an older transaction is open"
    );

    late.commit().await.expect("commit");
    let read = crate::support::read_all(&t.db).await;
    let ids: Vec<&str> = read.iter().map(|e| e.aggregate_id.as_str()).collect();
    assert_eq!(
        ids,
        ["late", "early"],
        "the late commit is read, in transaction order"
    );
    assert!(read[0].checkpoint.position < read[1].checkpoint.position);
}

/// Transaction ids are ordered as numbers: once the cluster's ids gain a digit ("9999" then
/// "10000"), a reader ordering them as text would jump ahead and never come back.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn it_orders_transaction_ids_as_numbers_on_postgres() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    let Database::Postgres(pool, _) = &t.db else {
        unreachable!("postgres")
    };
    const INSERT_AS: &str = "INSERT INTO events (aggregate_type, aggregate_id, sequence, \
        event_type, event_version, payload, metadata, transaction_id) \
        VALUES ('Probe', $1, 1, 'ProbeWritten', '1', '{}', $2::jsonb, $3::text::xid8)";
    // Written out of order, as concurrent transactions commit.
    for id in [100u64, 9, 1_000, 10, 99] {
        let metadata = probe_metadata(&format!("tx-{id}"));
        sqlx::query(INSERT_AS)
            .bind(format!("tx-{id}"))
            .bind(metadata)
            .bind(id.to_string())
            .execute(pool)
            .await
            .expect("insert");
    }
    let log = GlobalLog::new(t.db.clone());
    let (mut after, mut read) = (Checkpoint::START, Vec::new());
    loop {
        let page = log.read_after(after, 2).await.expect("reads");
        let Some(last) = page.last() else { break };
        after = last.checkpoint;
        read.extend(page.iter().map(|e| e.checkpoint.transaction_id));
    }
    assert_eq!(read, [9, 10, 99, 100, 1_000]);
}
