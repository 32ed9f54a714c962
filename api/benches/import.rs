//! Import throughput: commands per second through `ruta import`'s code path, on SQLite and
//! (when `DATABASE_URL` is set) PostgreSQL, each run into a fresh database.
//!
//! `cargo bench -p ruta-api --bench import` (optional: `RUTA_BENCH_PARTICIPANTS`, default 1000;
//! `RUTA_BENCH_RUNS`, default 3). Prints the median of the runs for a first import and for a
//! re-run of the same file (every line a duplicate).

use ruta_api::import_file::import_file;
use ruta_commands::Executor;
use ruta_store::Database;
use serde_json::json;
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

#[tokio::main]
async fn main() {
    let participants = env_or("RUTA_BENCH_PARTICIPANTS", 1000);
    let runs = env_or("RUTA_BENCH_RUNS", 3);
    let (file, commands) = history(participants);
    println!("import benchmark: {commands} commands, {runs} runs per backend, fresh database each");
    println!("| backend | first import (commands/s, median) | re-run, all duplicates (commands/s, median) |");
    println!("| --- | --- | --- |");
    for backend in ["sqlite", "postgres"] {
        let (mut first, mut again) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let Some((db, _folder, created)) = fresh(backend).await else {
                break;
            };
            let executor = Executor::new(db.clone());
            let started = Instant::now();
            let report = import_file(&executor, file.path(), false, false)
                .await
                .expect("import");
            first.push(commands as f64 / started.elapsed().as_secs_f64());
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
            println!("| {backend} | skipped (set DATABASE_URL) | |");
        } else {
            println!(
                "| {backend} | {:.0} | {:.0} |",
                median(first),
                median(again)
            );
        }
    }
}
