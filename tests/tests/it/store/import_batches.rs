//! Imports run in batches (decided in memory, appended in one transaction each): a store
//! failure in the middle of a batch applies none of it and exactly the lines reported
//! applied; a re-run completes the rest.

use ruta_api::import_file::import_file;
use ruta_commands::{with_pool, with_write_pool};
use ruta_store::Database;
use serde_json::json;
use std::io::Write;

use crate::on_both_backends;
use crate::store::import::with_type;
use crate::support::{registration_json, TestDb};

const LINES: usize = 1_000;
/// Registers again a participant registered on line 1: a rule refuses it.
const BROKEN_LINE: usize = 700;
/// The store refuses to write this line's event (see [`inject_failure`]).
const FAILING_LINE: usize = 850;

fn participant(line: usize) -> String {
    format!("imp-p{line}")
}

fn history() -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    for line in 1..=LINES {
        let target = if line == BROKEN_LINE {
            participant(1)
        } else {
            participant(line)
        };
        let command = with_type(
            "RegisterParticipant",
            registration_json(&format!("Imported {line}")),
        );
        let text = json!({"command_id": format!("imp-{line}"), "aggregate_id": target,
            "command": command, "actor": "staff-import", "role": "staff",
            "occurred_at": "2014-05-06T10:00:00Z"});
        writeln!(file, "{text}").expect("write");
    }
    file
}

/// A trigger that fails every insert of [`FAILING_LINE`]'s event, as a full disk or a lost
/// connection would fail the transaction.
async fn inject_failure(db: &Database, on: bool) {
    let statements: &[&str] = match (db, on) {
        (Database::Sqlite(..), true) => &["CREATE TRIGGER inject_failure BEFORE INSERT ON events \
             WHEN NEW.aggregate_id = 'imp-p850' BEGIN SELECT RAISE(ABORT, 'injected'); END"],
        (Database::Sqlite(..), false) => &["DROP TRIGGER inject_failure"],
        (Database::Postgres(..), true) => &[
            "CREATE FUNCTION inject_failure() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN IF NEW.aggregate_id = 'imp-p850' THEN RAISE EXCEPTION 'injected'; \
             END IF; RETURN NEW; END $$",
            "CREATE TRIGGER inject_failure BEFORE INSERT ON events \
             FOR EACH ROW EXECUTE FUNCTION inject_failure()",
        ],
        (Database::Postgres(..), false) => &["DROP TRIGGER inject_failure ON events"],
    };
    for sql in statements {
        with_write_pool!(db, pool => sqlx::query(sql).execute(pool).await.map(|_| ()))
            .expect("trigger");
    }
}

async fn imported_participants(db: &Database) -> Vec<String> {
    const SQL: &str = "SELECT aggregate_id FROM events WHERE aggregate_id LIKE 'imp-p%' \
                       ORDER BY global_position";
    with_pool!(db, pool => sqlx::query_scalar(SQL).fetch_all(pool).await.expect("rows"))
}

async fn it_applies_exactly_the_lines_reported_applied(t: &TestDb) {
    assert_eq!(participant(FAILING_LINE), "imp-p850");
    let file = history();
    let executor = ruta_commands::Executor::new(t.db.clone());
    inject_failure(&t.db, true).await;

    let first = import_file(&executor, file.path(), false, false)
        .await
        .expect("import ran");
    let (failed_batch, cause) = first.store_failed_at.clone().expect("the store failed");
    assert!(cause.contains("injected"), "{cause}");
    assert!(failed_batch <= FAILING_LINE && FAILING_LINE < failed_batch + 500);
    let written = imported_participants(&t.db).await;
    assert_eq!(
        written.len(),
        first.summary.applied,
        "the log holds exactly the lines reported applied"
    );
    let expected: Vec<String> = (1..failed_batch)
        .filter(|line| *line != BROKEN_LINE)
        .map(participant)
        .collect();
    assert_eq!(
        written, expected,
        "every line before the failed batch, in order"
    );
    let broken_reported = first
        .rejections
        .iter()
        .any(|(line, _)| *line == BROKEN_LINE);
    assert_eq!(broken_reported, BROKEN_LINE < failed_batch);

    inject_failure(&t.db, false).await;
    let second = import_file(&executor, file.path(), false, false)
        .await
        .expect("import ran");
    assert_eq!(second.store_failed_at, None);
    assert_eq!(second.summary.duplicates, first.summary.applied);
    assert_eq!(
        first.summary.applied + second.summary.applied,
        LINES - 1,
        "every line but the broken one, once"
    );
    assert_eq!(second.rejections.len(), 1);
    assert_eq!(second.rejections[0].0, BROKEN_LINE);
    let all = imported_participants(&t.db).await;
    let expected: Vec<String> = (1..=LINES)
        .filter(|line| *line != BROKEN_LINE)
        .map(participant)
        .collect();
    let mut sorted = all.clone();
    sorted.sort_by_key(|id| id[5..].parse::<usize>().expect("number"));
    assert_eq!(sorted, expected);

    let third = import_file(&executor, file.path(), false, false)
        .await
        .expect("import ran");
    assert_eq!(third.summary.applied, 0, "a re-run appends nothing");
    assert_eq!(imported_participants(&t.db).await.len(), LINES - 1);
}

on_both_backends!(it_applies_exactly_the_lines_reported_applied);

/// NUL cannot be stored (PostgreSQL refuses it in text and jsonb): an item carrying one is
/// refused as bad input, and the rest of its batch is applied.
async fn it_refuses_nul_items_and_applies_the_rest_of_the_batch(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let person = |name: &str| with_type("RegisterParticipant", registration_json(name));
    let body = json!({"commands": [
        {"aggregate_id": "nul-name", "command": person("A\u{0}B")},
        {"aggregate_id": "nul-\u{0}id", "command": person("Ana")},
        {"command_id": "fine", "aggregate_id": "fine-1", "command": person("Bea")},
    ]});
    let answer = app
        .post("/api/v1/commands:batch", Some(&app.staff_token), body)
        .succeeds()
        .await;
    let statuses: Vec<&str> = answer["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["status"].as_str().expect("status"))
        .collect();
    assert_eq!(statuses, ["rejected", "rejected", "applied"], "{answer}");
    assert!(answer["results"][0]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("NUL")));
    let participants = imported_participants(&t.db).await;
    assert!(participants.is_empty(), "no imp-p rows: {participants:?}");
    assert_eq!(crate::support::event_count(&t.db).await, 1);
}

on_both_backends!(it_refuses_nul_items_and_applies_the_rest_of_the_batch);
