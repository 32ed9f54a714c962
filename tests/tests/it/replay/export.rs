//! The pseudonymised export: no name, e-mail or subject id of the log comes out; the same key
//! gives the same pseudonyms, so one person's events still join up.

use ruta_replay::export::{export_pseudonymised, pseudonym, ExportFormat};
use ruta_store::log::{Checkpoint, GlobalLog};
use serde_json::Value;
use std::collections::HashSet;

use crate::on_both_backends;
use crate::support::replay_fixture::programme;
use crate::support::{event_count, TestDb};

/// Every string value under a personal key, and every participant id, in the log.
async fn what_must_not_leave(t: &TestDb) -> (HashSet<String>, HashSet<String>) {
    fn collect(value: &Value, out: &mut HashSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match v {
                        Value::String(s) if ruta_domain::personal::is_personal(key) => {
                            out.insert(s.clone());
                        }
                        _ => collect(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let events = GlobalLog::new(t.db.clone())
        .read_after(Checkpoint::START, 100_000)
        .await
        .expect("reads");
    let (mut personal, mut ids) = (HashSet::new(), HashSet::new());
    for event in &events {
        collect(&event.payload, &mut personal);
        if event.aggregate_type == "Participant" {
            ids.insert(event.aggregate_id.clone());
        }
    }
    (personal, ids)
}

async fn export(t: &TestDb, key: &[u8], format: ExportFormat) -> String {
    let mut out = Vec::new();
    export_pseudonymised(&t.db, key, format, &mut out)
        .await
        .expect("exports");
    String::from_utf8(out).expect("utf-8")
}

async fn it_exports_without_personal_data_and_with_stable_pseudonyms(t: &TestDb) {
    programme().import(&t.db).await;
    let (personal, ids) = what_must_not_leave(t).await;
    assert!(
        personal.len() > 5 && ids.len() > 3,
        "the history has people"
    );
    let jsonl = export(t, b"analyst key 2026", ExportFormat::Jsonl).await;
    for secret in personal.iter().chain(&ids) {
        assert!(
            !jsonl.contains(secret.as_str()),
            "{secret:?} left in the export"
        );
    }
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(
        i64::try_from(lines.len()).ok(),
        Some(event_count(&t.db).await)
    );

    // One participant's registration and enrolments join on the same pseudonym.
    let someone = ids.iter().next().expect("a participant");
    let alias = pseudonym(b"analyst key 2026", someone);
    let theirs = lines
        .iter()
        .filter(|l| {
            l["subjects"]
                .as_array()
                .is_some_and(|s| s.contains(&alias.clone().into()))
        })
        .count();
    assert!(theirs >= 1, "their events carry their pseudonym");
    let registered = lines
        .iter()
        .find(|l| l["event_type"] == "ParticipantRegistered" && l["aggregate_id"] == alias.as_str())
        .expect("their registration");
    assert!(registered["payload"].get("name").is_none());
    assert!(registered["payload"].get("country_of_residence").is_some());

    assert_eq!(
        export(t, b"analyst key 2026", ExportFormat::Jsonl).await,
        jsonl
    );
    let other = export(t, b"another key 2026", ExportFormat::Jsonl).await;
    assert_ne!(other, jsonl);
    assert!(!other.contains(&alias), "another key, other pseudonyms");

    let csv = export(t, b"analyst key 2026", ExportFormat::Csv).await;
    assert_eq!(
        csv.lines().count(),
        lines.len() + 1,
        "a header and a row per event"
    );
    assert!(csv.starts_with("position,occurred_at,"));
    for secret in personal.iter().chain(&ids) {
        assert!(!csv.contains(secret.as_str()), "{secret:?} left in the CSV");
    }
}
on_both_backends!(it_exports_without_personal_data_and_with_stable_pseudonyms);
