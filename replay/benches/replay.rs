//! Replay throughput against the raw scan of the events table, and report regeneration time.
//!
//! `RUTA_BENCH_DATABASE_URL` names the database to measure (default: a fresh temporary
//! SQLite file). When it holds no events, a synthetic history of `RUTA_BENCH_PARTICIPANTS`
//! (default 1000) participants is imported through `ruta_commands::import` first. Each
//! measurement runs `RUTA_BENCH_RUNS` times (default 5); medians are printed.
//!
//! (a) baseline: the events table streamed with a plain `SELECT` of the columns the log reader
//!     reads, rows decoded and dropped; (b) replay into every built-in indicator;
//! (c) the final report regenerated (replay + JSON + HTML).

use futures::TryStreamExt;
use ruta_commands::import::{apply_text, LineResult};
use ruta_commands::Executor;
use ruta_replay::report::{self, Format, ReportOptions};
use ruta_replay::{builtin, count_events, replay, Period, ReplayOptions};
use ruta_store::Database;
use serde_json::json;
use std::time::{Duration, Instant};

type Row = (i64, String, String, i64, String, String, String, String);

async fn baseline(db: &Database) -> u64 {
    let mut rows = 0u64;
    match db {
        Database::Postgres(pool, _) => {
            let mut stream = sqlx::query_as::<_, Row>("SELECT global_position, aggregate_type, aggregate_id, sequence, event_type, event_version, payload::text, metadata::text FROM events ORDER BY transaction_id, global_position").fetch(pool);
            while let Some(row) = stream.try_next().await.expect("scan") {
                drop(std::hint::black_box(row));
                rows += 1;
            }
        }
        Database::Sqlite(pool, _) => {
            let mut stream = sqlx::query_as::<_, Row>("SELECT global_position, aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata FROM events ORDER BY global_position").fetch(pool);
            while let Some(row) = stream.try_next().await.expect("scan") {
                drop(std::hint::black_box(row));
                rows += 1;
            }
        }
    }
    rows
}

fn line(
    n: usize,
    actor: (&str, &str),
    id: Option<&str>,
    day: usize,
    mut command: serde_json::Value,
    kind: &str,
) -> String {
    command["type"] = json!(kind);
    let date = chrono::NaiveDate::from_ymd_opt(2013, 9, 1).expect("date")
        + chrono::Days::new((day % 850) as u64);
    let mut line = json!({"command_id": format!("bench-{n}"), "command": command, "actor": actor.0,
        "role": actor.1, "occurred_at": format!("{date}T10:00:00Z")});
    if let Some(id) = id {
        line["aggregate_id"] = json!(id);
    }
    line.to_string()
}

/// Registrations, enrolments, exams (failures and passes), certificates, businesses with jobs
/// and B2B links, programme events with attendance, outreach.
fn synthetic(participants: usize) -> Vec<String> {
    const STAFF: (&str, &str) = ("staff-bench", "staff");
    const ORIGINS: [&str; 6] = ["CO", "VE", "MA", "RO", "ES", "PT"];
    let mut lines = Vec::new();
    let mut add = |actor: (&str, &str),
                   id: Option<String>,
                   day: usize,
                   cmd: serde_json::Value,
                   kind: &str| {
        let n = lines.len();
        lines.push(line(n, actor, id.as_deref(), day, cmd, kind));
    };
    for c in 0..20 {
        add(
            STAFF,
            Some(format!("c-{c}")),
            c,
            json!({"titles": {"es": format!("Curso {c}")}, "topic": "marketing", "hours": 10, "pass_mark": 50, "max_exam_attempts": 3}),
            "CreateCourse",
        );
        add(STAFF, Some(format!("c-{c}")), c, json!({}), "PublishCourse");
    }
    for p in 0..participants {
        let id = format!("p-{p}");
        let origin = ORIGINS[p % ORIGINS.len()];
        let migrant = if origin == "ES" || origin == "PT" {
            "non_migrant"
        } else {
            "migrant"
        };
        add(
            STAFF,
            Some(id.clone()),
            p,
            json!({"name": format!("P {p}"), "email": format!("p{p}@example.org"), "preferred_language": "es", "country_of_residence": if p % 2 == 0 { "ES" } else { "PT" }, "municipality": "Lepe", "country_of_origin": origin, "migrant_status": migrant, "gender": "female", "channel": "web"}),
            "RegisterParticipant",
        );
        for c in [p % 20, (p + 7) % 20] {
            add(
                STAFF,
                None,
                p + 1,
                json!({"participant_id": id, "course_id": format!("c-{c}")}),
                "EnrolInCourse",
            );
            add(
                STAFF,
                Some(format!("{id}.c-{c}")),
                p + 2,
                json!({"score": 40}),
                "SitExam",
            );
            add(
                STAFF,
                Some(format!("{id}.c-{c}")),
                p + 3,
                json!({"score": 80}),
                "SitExam",
            );
        }
        if p % 10 == 0 {
            let b = format!("b-{p}");
            add(
                (id.as_str(), "participant"),
                Some(b.clone()),
                p + 4,
                json!({"founder_ids": [id], "name": format!("Negocio {p}"), "sector": "food", "legal_form": "self_employed", "country": "ES", "municipality": "Lepe", "founded_on": "2014-01-01", "ecommerce": false}),
                "CreateBusiness",
            );
            add(
                (id.as_str(), "participant"),
                Some(b.clone()),
                p + 5,
                json!({"direct": 1, "indirect": 2, "on": "2014-02-01"}),
                "RecordJobs",
            );
            add(
                (id.as_str(), "participant"),
                Some(b),
                p + 6,
                json!({"kind": "customer", "cross_border": true, "counterpart": {"type": "outside_organisation", "name": "Mercado", "country": "PT"}}),
                "FormB2BRelationship",
            );
        }
        if p % 20 == 19 {
            let e = format!("ev-{p}");
            add(
                STAFF,
                Some(e.clone()),
                p,
                json!({"kind": "networking", "title": "Encuentro", "city": "Faro", "country": "PT", "date": "2015-03-01", "languages": ["es"], "organiser": "CEAL"}),
                "ScheduleProgrammeEvent",
            );
            let attendees: Vec<String> = (p - 19..=p).map(|a| format!("p-{a}")).collect();
            add(
                STAFF,
                Some(e),
                p + 1,
                json!({"attendee_ids": attendees, "walk_ins": 3}),
                "HoldProgrammeEvent",
            );
            if p == 19 {
                add(
                    STAFF,
                    Some("oc-1".to_owned()),
                    p,
                    json!({"name": "Puntos", "organiser": "Lepe"}),
                    "CreateOutreachCampaign",
                );
            }
            add(
                STAFF,
                Some("oc-1".to_owned()),
                p,
                json!({"channel": "radio", "people_reached": 100, "on": "2014-05-01"}),
                "RecordOutreachReach",
            );
        }
    }
    lines
}

async fn fill(db: &Database, participants: usize) {
    let executor = Executor::new(db.clone());
    let started = Instant::now();
    let mut applied = 0;
    for text in synthetic(participants) {
        match apply_text(&executor, &text).await {
            LineResult::Applied(_) => applied += 1,
            LineResult::Duplicate(_) | LineResult::Rejected(_) => {}
        }
    }
    println!(
        "filled: {applied} commands applied in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let folder = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("RUTA_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db", folder.path().display()));
    let db = Database::connect(&url).await.expect("connects");
    db.migrate().await.expect("migrates");
    if count_events(&db).await.expect("counts") == 0 {
        fill(&db, env_number("RUTA_BENCH_PARTICIPANTS", 1000)).await;
    }
    let events = count_events(&db).await.expect("counts");
    let runs = env_number("RUTA_BENCH_RUNS", 5).max(1);
    let backend = if matches!(db, Database::Postgres(..)) {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("{backend}: {events} events, median of {runs} runs");
    let (mut scan, mut replays, mut reports) = (Vec::new(), Vec::new(), Vec::new());
    let options = ReportOptions {
        targets: report::parse_targets(report::SAMPLE_TARGETS, &builtin::codes()).expect("targets"),
        ..ReportOptions::default()
    };
    for _ in 0..runs {
        let started = Instant::now();
        assert_eq!(baseline(&db).await, events);
        scan.push(started.elapsed());
        let started = Instant::now();
        let outcome = replay(&db, builtin::all(Period::Year), &ReplayOptions::default())
            .await
            .expect("replays");
        replays.push(started.elapsed());
        assert_eq!(outcome.fingerprint.events_counted, events);
        let started = Instant::now();
        let report = report::final_report(&db, &options).await.expect("report");
        let json = report::render(&report, Format::Json).expect("json");
        let html = report::render(&report, Format::Html).expect("html");
        std::hint::black_box((json, html));
        reports.push(started.elapsed());
    }
    let (scan, replayed, regenerated) = (median(scan), median(replays), median(reports));
    let rate = |d: Duration| events as f64 / d.as_secs_f64();
    println!(
        "(a) baseline scan      {:>9.1} ms  {:>10.0} events/s",
        scan.as_secs_f64() * 1e3,
        rate(scan)
    );
    println!(
        "(b) replay, built-ins  {:>9.1} ms  {:>10.0} events/s",
        replayed.as_secs_f64() * 1e3,
        rate(replayed)
    );
    println!(
        "(c) report json+html   {:>9.1} ms",
        regenerated.as_secs_f64() * 1e3
    );
    println!(
        "replay ÷ baseline (time): {:.2}",
        replayed.as_secs_f64() / scan.as_secs_f64()
    );
    db.close().await;
}
