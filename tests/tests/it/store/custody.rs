//! Backup and restore on both backends, and moving the embedded store to PostgreSQL: the log
//! comes back with its chain and seals, `ruta verify` agrees, the report is byte-identical.

use ruta_api::backup_cli::{backup, restore};
use ruta_commands::Executor;
use ruta_replay::report::{self, Format, ReportOptions};
use ruta_store::transfer::{transfer, TransferError};
use ruta_store::verify::verify;
use ruta_store::{seal, Database};

use crate::on_both_backends;
use crate::support::replay_fixture::programme;
use crate::support::{event_count, register, TestDb};

async fn report_json(db: &Database) -> String {
    let report = report::final_report(db, &ReportOptions::default())
        .await
        .expect("report");
    report::render(&report, Format::Json).expect("json")
}

/// The small programme history, sealed: its report and its verified chain head.
async fn history(t: &TestDb) -> (String, Option<String>) {
    programme().import(&t.db).await;
    seal::seal_pending(&t.db).await.expect("seals");
    let verified = verify(&t.db).await.expect("verifies");
    assert_eq!(verified.finding, None);
    (report_json(&t.db).await, verified.seal)
}

async fn another_like(t: &TestDb) -> TestDb {
    match t.db {
        Database::Sqlite(..) => TestDb::sqlite().await,
        Database::Postgres(..) => TestDb::postgres().await.expect("postgres"),
    }
}

async fn it_backs_up_and_restores_to_a_byte_identical_report(t: &TestDb) {
    let (report, head) = history(t).await;
    let folder = tempfile::tempdir().expect("folder");
    let file = folder.path().join("ruta.backup");
    backup(&t.url, &file).await.expect("backs up");
    let refused = backup(&t.url, &file).await.expect_err("never overwrites");
    assert!(refused.to_string().contains("exists"), "{refused}");

    let target = another_like(t).await;
    target.db.close().await;
    let restored = restore(&target.url, &file).await.expect("restores");
    assert_eq!(i64::try_from(restored).ok(), Some(event_count(&t.db).await));
    let db = Database::connect(&target.url).await.expect("connects");
    assert_eq!(
        report_json(&db).await,
        report,
        "the same report, byte for byte"
    );
    assert_eq!(verify(&db).await.expect("verifies").seal, head);

    let over = restore(&t.url, &file).await.expect_err("not over a log");
    assert!(over.to_string().contains("already holds"), "{over}");
    db.close().await;
}
on_both_backends!(it_backs_up_and_restores_to_a_byte_identical_report);

/// Demo-like history on SQLite, copied to PostgreSQL: interrupted after the first batch,
/// resumed, then everything agrees.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn it_moves_the_embedded_store_to_postgres_resuming_after_an_interruption() {
    let Some(target) = TestDb::postgres().await else {
        return;
    };
    let source = TestDb::sqlite().await;
    let (report, head) = history(&source).await;
    const TOKEN: &str = "INSERT INTO api_tokens (token_hash, role, token_id) \
         VALUES ('h', 'admin', 'tok_moved')";
    sqlx::query(TOKEN)
        .execute(sqlite_writer(&source.db))
        .await
        .expect("token");
    let total = u64::try_from(event_count(&source.db).await).expect("count");
    assert!(total > 20, "enough events for several batches");

    // Cut short: the first batch commits, then the copy dies (a kill between batches).
    let interrupted = tokio::spawn({
        let (from, to) = (source.db.clone(), target.db.clone());
        async move { transfer(&from, &to, 10, |copied, _| assert!(copied < 10, "killed")).await }
    })
    .await;
    assert!(interrupted.is_err(), "the copy was cut short");
    assert_eq!(event_count(&target.db).await, 10);

    let mut seen = Vec::new();
    let moved = transfer(&source.db, &target.db, 10, |copied, all| {
        seen.push((copied, all));
    })
    .await
    .expect("resumes");
    assert_eq!(
        (moved.events, moved.resumed_from, moved.tokens),
        (total, 10, 1)
    );
    assert_eq!(
        seen.last(),
        Some(&(total, total)),
        "progress reaches the total"
    );

    let verified = verify(&target.db).await.expect("verifies");
    assert_eq!((verified.finding, verified.seal), (None, head));
    assert_eq!(report_json(&target.db).await, report);

    let again = transfer(&source.db, &target.db, 10, |_, _| {}).await;
    assert!(matches!(again, Err(TransferError::TargetNotEmpty(n)) if n == total));

    // The moved store takes new events after the copied positions, on the same chains.
    register(&Executor::new(target.db.clone()), "after-move", "Eva Luz").await;
    seal::seal_pending(&target.db).await.expect("seals");
    let later = verify(&target.db).await.expect("verifies");
    assert_eq!((later.finding, later.events), (None, total + 1));
}

fn sqlite_writer(db: &Database) -> &sqlx::SqlitePool {
    match db.write_pool() {
        ruta_store::WritePool::Sqlite(pool) => pool,
        ruta_store::WritePool::Postgres(_) => unreachable!("an SQLite store"),
    }
}
