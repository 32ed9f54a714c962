//! Import throughput: commands per second through `ruta import`'s code path, on SQLite and
//! (when `DATABASE_URL` is set) PostgreSQL, each run into a fresh database.
//!
//! `cargo bench -p ruta-api --bench import` (optional: `RUTA_BENCH_PARTICIPANTS`, default 1000;
//! `RUTA_BENCH_RUNS`, default 3). Prints the median of the runs for a first import and for a
//! re-run of the same file (every line a duplicate), and beside them the raw append of the very
//! events the import wrote (`COPY FROM` on PostgreSQL, multi-row inserts on SQLite) into another
//! fresh database, with the ratio of the two.

use ruta_api::import_file::import_file;
use ruta_commands::Executor;
use ruta_store::Database;
use serde_json::json;
use sqlx::postgres::PgPoolCopyExt;
use std::io::Write;
use std::time::Instant;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A plausible slice of history: courses, participants, enrolments, exams.
fn history(participants: usize) -> (tempfile::NamedTempFile, usize) {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    let mut count = 0;
    let mut emit = |id: &str, aggregate: Option<String>, command: serde_json::Value| {
        let mut line = json!({"command_id": id, "command": command, "actor": "staff-bench",
            "role": "staff", "occurred_at": "2014-02-03T10:00:00Z"});
        if let Some(aggregate) = aggregate {
            line["aggregate_id"] = json!(aggregate);
        }
        writeln!(file, "{line}").expect("write");
        count += 1;
    };
    for c in 0..60 {
        emit(
            &format!("course-{c}"),
            Some(format!("c-{c}")),
            json!({"type": "CreateCourse",
            "titles": {"es": format!("Curso {c}"), "pt": format!("Curso {c}")}, "topic": "marketing",
            "hours": 20, "pass_mark": 50, "max_exam_attempts": 3}),
        );
        emit(
            &format!("publish-{c}"),
            Some(format!("c-{c}")),
            json!({"type": "PublishCourse"}),
        );
    }
    for p in 0..participants {
        emit(
            &format!("reg-{p}"),
            Some(format!("p-{p}")),
            json!({"type": "RegisterParticipant",
            "name": format!("Participant {p}"), "email": format!("p{p}@example.es"),
            "preferred_language": "es", "country_of_residence": "ES", "municipality": "Lepe",
            "country_of_origin": "CO", "migrant_status": "migrant", "gender": "female",
            "channel": "web"}),
        );
        for k in 0..2 {
            let course = format!("c-{}", (p + k * 7) % 60);
            emit(
                &format!("enrol-{p}-{k}"),
                None,
                json!({"type": "EnrolInCourse",
                "participant_id": format!("p-{p}"), "course_id": course}),
            );
            emit(
                &format!("exam-{p}-{k}"),
                Some(format!("p-{p}.{course}")),
                json!({"type": "SitExam", "score": 40 + (p % 60)}),
            );
        }
    }
    (file, count)
}

/// A fresh database; for PostgreSQL also the name to drop afterwards.
async fn fresh(backend: &str) -> Option<(Database, tempfile::TempDir, Option<String>)> {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut created = None;
    let url = if backend == "sqlite" {
        format!("sqlite://{}/bench.db", folder.path().display())
    } else {
        let admin_url = std::env::var("DATABASE_URL").ok()?;
        let name = format!("ruta_bench_{}", uuid::Uuid::new_v4().simple());
        if let Database::Postgres(pool, _) = Database::connect(&admin_url).await.expect("connect") {
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(&pool)
                .await
                .expect("create");
        }
        let (base, _) = admin_url.rsplit_once('/').expect("url with a database");
        created = Some(name.clone());
        format!("{base}/{name}")
    };
    let db = Database::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    Some((db, folder, created))
}

async fn drop_database(name: &str) {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        return;
    };
    if let Ok(Database::Postgres(pool, _)) = Database::connect(&admin_url).await {
        let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        let _ = sqlx::query(&sql).execute(&pool).await;
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

type Row = (String, String, i64, String, String, String, String);

/// Every event of `db`, as the import wrote it.
async fn events_of(db: &Database) -> Vec<Row> {
    const PG: &str = "SELECT aggregate_type, aggregate_id, sequence, event_type, event_version, \
                      payload::text, metadata::text FROM events ORDER BY global_position";
    const SQLITE: &str = "SELECT aggregate_type, aggregate_id, sequence, event_type, \
                          event_version, payload, metadata FROM events ORDER BY global_position";
    match db {
        Database::Postgres(pool, _) => sqlx::query_as(PG).fetch_all(pool).await,
        Database::Sqlite(pool, _) => sqlx::query_as(SQLITE).fetch_all(pool).await,
    }
    .expect("events")
}

/// PostgreSQL's text COPY format: backslash, tab and line breaks escaped.
fn copy_field(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// The raw append of `rows` into a fresh, migrated database, with the log's own triggers
/// (command ids, subjects): `COPY FROM` on PostgreSQL, multi-row inserts of 500 in one
/// transaction on SQLite. Returns events per second.
async fn raw_append(db: &Database, rows: &[Row]) -> f64 {
    let started = Instant::now();
    match db {
        Database::Postgres(pool, _) => {
            let mut text = String::new();
            for (t, i, s, e, v, p, m) in rows {
                for (n, field) in [t, i, &s.to_string(), e, v, p, m].into_iter().enumerate() {
                    if n > 0 {
                        text.push('\t');
                    }
                    copy_field(field, &mut text);
                }
                text.push('\n');
            }
            let mut copy = pool
                .copy_in_raw(
                    "COPY events (aggregate_type, aggregate_id, sequence, event_type, \
                     event_version, payload, metadata) FROM STDIN",
                )
                .await
                .expect("copy");
            copy.send(text.into_bytes()).await.expect("send");
            copy.finish().await.expect("finish");
        }
        Database::Sqlite(..) => {
            let ruta_store::WritePool::Sqlite(pool) = db.write_pool() else {
                unreachable!("an SQLite store writes through SQLite")
            };
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("begin");
            for (chunk_index, chunk) in rows.chunks(500).enumerate() {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, \
                     event_version, payload, metadata, global_position) ",
                );
                insert.push_values(chunk.iter().enumerate(), |mut b, (n, row)| {
                    let position = i64::try_from(chunk_index * 500 + n + 1).expect("fits");
                    b.push_bind(&row.0)
                        .push_bind(&row.1)
                        .push_bind(row.2)
                        .push_bind(&row.3)
                        .push_bind(&row.4)
                        .push_bind(&row.5)
                        .push_bind(&row.6)
                        .push_bind(position);
                });
                insert.build().execute(&mut *tx).await.expect("insert");
            }
            tx.commit().await.expect("commit");
        }
    }
    rows.len() as f64 / started.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let participants = env_or("RUTA_BENCH_PARTICIPANTS", 1000);
    let runs = env_or("RUTA_BENCH_RUNS", 3);
    let (file, commands) = history(participants);
    println!("import benchmark: {commands} commands, {runs} runs per backend, fresh database each");
    println!("| backend | first import (commands/s) | first import (events/s) | raw append of the same events (events/s) | import ÷ raw | re-run, all duplicates (commands/s) |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for backend in ["sqlite", "postgres"] {
        let (mut first, mut first_events, mut raw, mut again) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let Some((db, _folder, created)) = fresh(backend).await else {
                break;
            };
            let executor = Executor::new(db.clone());
            let started = Instant::now();
            let report = import_file(&executor, file.path(), false, false)
                .await
                .expect("import");
            let seconds = started.elapsed().as_secs_f64();
            first.push(commands as f64 / seconds);
            let rows = events_of(&db).await;
            first_events.push(rows.len() as f64 / seconds);
            if let Some((raw_db, _raw_folder, raw_created)) = fresh(backend).await {
                raw.push(raw_append(&raw_db, &rows).await);
                raw_db.close().await;
                if let Some(name) = raw_created {
                    drop_database(&name).await;
                }
            }
            assert_eq!(
                report.summary.rejected,
                0,
                "{:?}",
                report.rejections.first()
            );
            let started = Instant::now();
            let report = import_file(&executor, file.path(), false, false)
                .await
                .expect("re-import");
            again.push(commands as f64 / started.elapsed().as_secs_f64());
            assert_eq!(report.summary.duplicates, commands);
            db.close().await;
            if let Some(name) = created {
                drop_database(&name).await;
            }
        }
        if first.is_empty() {
            println!("| {backend} | skipped (set DATABASE_URL) | | | | |");
        } else {
            let (events, raw) = (median(first_events), median(raw));
            println!(
                "| {backend} | {:.0} | {events:.0} | {raw:.0} | {:.2} | {:.0} |",
                median(first),
                events / raw,
                median(again)
            );
        }
    }
}
