//! Many concurrent HTTP writers through the real router: every request answered with a 2xx,
//! every success appended exactly once, every stream's sequences contiguous — also while a
//! catalogue is rebuilt beside the live one and an import runs.

use reqwest::StatusCode;
use ruta_api::import_file::import_file;
use ruta_commands::{with_pool, Executor};
use ruta_projections::runtime::{rebuild, RunnerConfig};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::io::Write;

use crate::on_both_backends;
use crate::store::import::with_type;
use crate::support::catalogue_fixtures::trade;
use crate::support::{published_course, registration_json, spawn_app, TestApp, TestDb};

/// Clients per backend: SQLite's one writer and PostgreSQL's pool are both pushed past the
/// number of connections they have.
fn clients(t: &TestDb) -> usize {
    match t.db.backend() {
        ruta_store::Backend::Sqlite => 64,
        ruta_store::Backend::Postgres => 256,
    }
}

/// What one client got: (status, idempotency key, the position it was told).
type Answer = (StatusCode, String, Option<i64>);

/// Each client registers `per_client` participants and enrols each in `course`.
async fn write_concurrently(app: &TestApp, clients: usize, per_client: usize) -> Vec<Answer> {
    let mut tasks = tokio::task::JoinSet::new();
    for client in 0..clients {
        let (http, base, token) = (app.http.clone(), app.base.clone(), app.staff_token.clone());
        tasks.spawn(async move {
            let mut answers = Vec::new();
            for n in 0..per_client {
                let key = format!("load-{client}-{n}");
                let mut body = registration_json(&format!("Load {client} {n}"));
                body["email"] = json!(format!("load-{client}-{n}@example.es"));
                let sent = http
                    .post(format!("{base}/api/v1/participants"))
                    .bearer_auth(&token)
                    .header("Idempotency-Key", &key)
                    .json(&body)
                    .send()
                    .await
                    .expect("answered");
                let status = sent.status();
                let answer: serde_json::Value = sent.json().await.expect("json");
                let position = answer["events"][0]["position"].as_i64();
                let participant = answer["aggregate_id"].as_str().unwrap_or("").to_owned();
                answers.push((status, key.clone(), position));
                let enrol = http
                    .post(format!("{base}/api/v1/enrolments"))
                    .bearer_auth(&token)
                    .header("Idempotency-Key", format!("{key}-enrol"))
                    .json(&json!({"participant_id": participant, "course_id": "c-load"}))
                    .send()
                    .await
                    .expect("answered");
                let status = enrol.status();
                let answer: serde_json::Value = enrol.json().await.expect("json");
                answers.push((
                    status,
                    format!("{key}-enrol"),
                    answer["events"][0]["position"].as_i64(),
                ));
            }
            answers
        });
    }
    let mut all = Vec::new();
    while let Some(done) = tasks.join_next().await {
        all.extend(done.expect("client ran"));
    }
    all
}

/// Every row of the log: (aggregate, sequence, position, command id).
async fn rows(t: &TestDb) -> Vec<(String, String, i64, i64, String)> {
    const SQL: &str = "SELECT aggregate_type, aggregate_id, sequence, global_position, \
                       metadata ->> 'command_id' FROM events ORDER BY global_position";
    with_pool!(&t.db, pool => sqlx::query_as(SQL).fetch_all(pool).await.expect("rows"))
}

/// Each idempotency key the API scopes to its caller (`api:<actor>:<key>`) was appended once,
/// at the position it was told; sequences are 1..n in every stream; positions are unique.
async fn assert_appended_once(t: &TestDb, answers: &[Answer]) {
    let rows = rows(t).await;
    let mut by_command: HashMap<&str, Vec<i64>> = HashMap::new();
    let mut streams: HashMap<(&str, &str), Vec<i64>> = HashMap::new();
    let mut positions = HashSet::new();
    for (kind, id, sequence, position, command) in &rows {
        by_command.entry(command).or_default().push(*position);
        streams.entry((kind, id)).or_default().push(*sequence);
        assert!(
            positions.insert(*position),
            "position {position} given twice"
        );
    }
    for (status, key, position) in answers {
        assert!(status.is_success(), "{key}: {status}");
        let stored = by_command
            .get(format!("api:staff-maria:{key}").as_str())
            .unwrap_or_else(|| panic!("{key} is in the log"));
        assert_eq!(stored.len(), 1, "{key} appended once");
        assert_eq!(
            Some(stored[0]),
            *position,
            "{key} answered its own position"
        );
    }
    for ((kind, id), mut sequences) in streams {
        sequences.sort_unstable();
        let expected: Vec<i64> = (1..=i64::try_from(sequences.len()).expect("fits")).collect();
        assert_eq!(sequences, expected, "{kind} {id}: contiguous sequences");
    }
}

async fn it_answers_every_concurrent_writer_once(t: &TestDb) {
    let app = spawn_app(t).await;
    published_course(&Executor::new(t.db.clone()), "c-load").await;
    let answers = write_concurrently(&app, clients(t), 3).await;
    assert_eq!(answers.len(), clients(t) * 3 * 2);
    assert_appended_once(t, &answers).await;
}

on_both_backends!(it_answers_every_concurrent_writer_once);

/// An import of `count` registrations, one line each.
fn import_file_of(count: usize) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    for n in 0..count {
        let command = with_type(
            "RegisterParticipant",
            registration_json(&format!("Imported {n}")),
        );
        let line = json!({"command_id": format!("imp-{n}"), "aggregate_id": format!("imp-p{n}"),
            "command": command, "actor": "staff-import", "role": "staff",
            "occurred_at": "2014-05-06T10:00:00Z"});
        writeln!(file, "{line}").expect("write");
    }
    file
}

async fn it_answers_every_writer_during_a_rebuild_and_an_import(t: &TestDb) {
    let app = spawn_app(t).await;
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-load").await;
    trade(&executor, "seller-load", 20).await;
    let file = import_file_of(1_200);
    let importing = {
        let (executor, path) = (executor.clone(), file.path().to_owned());
        tokio::spawn(async move { import_file(&executor, &path, false, false).await })
    };
    let projector = app
        .catalogues
        .projectors()
        .into_iter()
        .find(|p| p.name() == "listings")
        .expect("listings projector");
    let rebuilding = {
        let db = t.db.clone();
        tokio::spawn(async move {
            rebuild(
                &db,
                projector.as_ref(),
                &RunnerConfig::default(),
                &|_, _| (),
            )
            .await
            .map(|rebuilt| rebuilt.generation)
        })
    };
    let answers = write_concurrently(&app, clients(t) / 2, 2).await;
    let imported = importing.await.expect("import ran").expect("import");
    assert_eq!(rebuilding.await.expect("rebuild ran").expect("rebuilt"), 2);
    assert_eq!(imported.summary.applied, 1_200, "{:?}", imported.rejections);
    assert_eq!(imported.store_failed_at, None);
    assert_appended_once(t, &answers).await;
    let imported_rows = rows(t)
        .await
        .into_iter()
        .filter(|(_, _, _, _, command)| command.starts_with("imp-"))
        .count();
    assert_eq!(imported_rows, 1_200, "every imported line appended once");
}

on_both_backends!(it_answers_every_writer_during_a_rebuild_and_an_import);

/// Read-model batches on SQLite commit without waiting for the disk; the writer connection
/// must come back with full durability for the events appended after them.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn events_are_appended_with_full_durability_after_a_projector_batch_on_sqlite() {
    let t = TestDb::sqlite().await;
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-durable").await;
    let runner = ruta_projections::runtime::ProjectorRunner::new(
        t.db.clone(),
        ruta_projections::read_models::all(),
    );
    let exits = runner.catch_up().await;
    assert!(
        exits.iter().all(|exit| matches!(
            exit,
            ruta_projections::runtime::ProjectorExit::CaughtUp { .. }
        )),
        "{exits:?}"
    );
    let status = ruta_projections::runtime::projector_status(&t.db, &runner.names())
        .await
        .expect("status");
    assert!(
        status
            .iter()
            .all(|s| s.lag_events == 0 && s.failed_attempts == 0),
        "{status:?}"
    );
    let level: i64 = ruta_store::with_write_pool!(&t.db, pool =>
        sqlx::query_scalar("PRAGMA synchronous").fetch_one(pool).await.expect("pragma"));
    assert_eq!(level, 2, "FULL");
}
