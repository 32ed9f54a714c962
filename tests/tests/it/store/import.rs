//! Bulk import and batches: same handlers as the API, idempotent, line-numbered rejections.

use reqwest::{Method, StatusCode};
use ruta_api::import_file::import_file;
use ruta_commands::Executor;
use serde_json::{json, Value};
use std::io::Write;

use crate::on_both_backends;
use crate::support::{course_json, event_count, read_all, registration_json, spawn_app, TestDb};

pub(crate) fn line(
    command_id: &str,
    aggregate_id: Option<&str>,
    command: Value,
    date: &str,
) -> String {
    let mut line = json!({
        "command_id": command_id, "command": command, "actor": "staff-import",
        "role": "staff", "occurred_at": format!("{date}T10:00:00Z"),
    });
    if let Some(id) = aggregate_id {
        line["aggregate_id"] = json!(id);
    }
    line.to_string()
}

pub(crate) fn with_type(kind: &str, mut fields: Value) -> Value {
    fields["type"] = json!(kind);
    fields
}

/// Good lines, a duplicate, malformed lines and a line a rule rejects.
fn history() -> Vec<String> {
    let registration = line(
        "reg-ana",
        Some("p-ana"),
        with_type("RegisterParticipant", registration_json("Ana")),
        "2013-11-04",
    );
    vec![
        registration.clone(),
        line(
            "course-1",
            Some("c-1"),
            with_type("CreateCourse", course_json()),
            "2013-11-05",
        ),
        line(
            "enrol-early",
            None,
            json!({"type": "EnrolInCourse", "participant_id": "p-ana", "course_id": "c-1"}),
            "2013-11-06",
        ),
        "{ this is not json".to_owned(),
        line(
            "pub-1",
            Some("c-1"),
            json!({"type": "PublishCourse"}),
            "2013-11-07",
        ),
        registration,
        line(
            "mystery",
            Some("x"),
            json!({"type": "LaunchRocket"}),
            "2013-11-08",
        ),
        String::new(),
        line(
            "enrol-1",
            None,
            json!({"type": "EnrolInCourse", "participant_id": "p-ana", "course_id": "c-1"}),
            "2014-01-10",
        ),
        line(
            "exam-1",
            Some("p-ana.c-1"),
            json!({"type": "SitExam", "score": 90}),
            "2014-03-01",
        ),
        line(
            "bad-progress",
            Some("p-ana.c-1"),
            json!({"type": "RecordProgress", "percent": "lots"}),
            "2014-03-02",
        ),
    ]
}

/// An import file holding `lines`, one a line.
pub(crate) fn write(lines: &[String]) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    for l in lines {
        writeln!(file, "{l}").expect("write");
    }
    file
}

async fn it_imports_history_reports_bad_lines_and_is_idempotent(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    let file = write(&history());
    let report = import_file(&executor, file.path(), false, false)
        .await
        .expect("imports");
    assert_eq!(
        (
            report.summary.lines,
            report.summary.applied,
            report.summary.duplicates,
            report.summary.rejected
        ),
        (10, 5, 1, 4)
    );
    let rejected: Vec<usize> = report.rejections.iter().map(|(n, _)| *n).collect();
    assert_eq!(rejected, [3, 4, 7, 11]);
    assert!(
        report.rejections[0].1.contains("rule course_not_published"),
        "{:?}",
        report.rejections
    );
    assert!(report.rejections[1].1.contains("not JSON"));
    assert!(report.rejections[2].1.contains("unknown command type"));
    assert!(report.rejections[3].1.contains("percent"));
    let events = event_count(&t.db).await;
    assert_eq!(
        events, 6,
        "registered, created, published, enrolled, attempted, certified"
    );

    let again = import_file(&executor, file.path(), false, false)
        .await
        .expect("re-imports");
    assert_eq!(
        (
            again.summary.applied,
            again.summary.duplicates,
            again.summary.rejected
        ),
        (0, 6, 4)
    );
    assert_eq!(event_count(&t.db).await, events, "a re-run appends nothing");

    let journey = ruta_store::log::journey(&t.db, "p-ana", Default::default(), 100)
        .await
        .expect("journey");
    let dates: Vec<&str> = journey
        .iter()
        .map(|e| &e.metadata.occurred_at[..10])
        .collect();
    assert_eq!(
        dates,
        ["2013-11-04", "2014-01-10", "2014-03-01", "2014-03-01"]
    );
    assert!(journey
        .iter()
        .all(|e| e.metadata.channel == "import" && e.metadata.actor == "staff-import"));
    assert!(
        journey
            .iter()
            .all(|e| e.metadata.recorded_at.as_str() > "2026"),
        "recorded now"
    );
}
on_both_backends!(it_imports_history_reports_bad_lines_and_is_idempotent);

async fn it_applies_nothing_from_a_malformed_file_in_strict_mode(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    let file = write(&history());
    let report = import_file(&executor, file.path(), true, false)
        .await
        .expect("checks");
    assert!(report.refused);
    let refused: Vec<usize> = report.rejections.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        refused,
        [4, 7, 11],
        "malformed lines; the rule on line 3 needs the log"
    );
    assert_eq!(event_count(&t.db).await, 0, "nothing applied");

    let mut valid = history();
    valid.retain(|l| !l.contains("not json") && !l.contains("LaunchRocket") && !l.contains("lots"));
    let file = write(&valid);
    let report = import_file(&executor, file.path(), true, false)
        .await
        .expect("imports");
    assert!(!report.refused);
    assert_eq!(
        report.stopped_at,
        Some(3),
        "stops at the first line a rule rejects"
    );
    assert_eq!(event_count(&t.db).await, 2);
}
on_both_backends!(it_applies_nothing_from_a_malformed_file_in_strict_mode);

async fn it_runs_batches_as_the_caller(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let batch = json!({"commands": [
        {"command_id": "b-1", "aggregate_id": "p-1", "occurred_at": "2014-05-05T09:00:00Z",
         "command": with_type("RegisterParticipant", registration_json("Rui"))},
        {"command_id": "b-2", "aggregate_id": "c-1", "command": with_type("CreateCourse", course_json())},
        {"aggregate_id": "c-1", "command": {"type": "PublishCourse", "extra": 1}},
        {"command_id": "b-1", "aggregate_id": "p-1",
         "command": with_type("RegisterParticipant", registration_json("Rui"))},
    ]});
    let (status, _, body) = app
        .send(
            Method::POST,
            "/api/v1/commands:batch",
            staff,
            Some(batch.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["summary"],
        json!({"lines": 4, "applied": 2, "duplicates": 1, "rejected": 1})
    );
    assert_eq!(body["results"][2]["status"], "rejected");
    assert!(body["results"][2]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("extra")));
    let events = read_all(&app.db).await;
    assert!(
        events.iter().all(|e| e.metadata.actor == "staff-maria"),
        "actor from the token"
    );
    assert_eq!(&events[0].metadata.occurred_at[..10], "2014-05-05");

    let before = event_count(&app.db).await;
    let mut strict = batch;
    strict["strict"] = json!(true);
    let (status, headers, body) = app
        .send(Method::POST, "/api/v1/commands:batch", staff, Some(strict))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(body["errors"][0]["index"], 2);
    assert_eq!(event_count(&app.db).await, before);

    let participant =
        ruta_api::auth::create_token(&app.db, ruta_commands::Role::Participant, Some("p-1"), None)
            .await
            .expect("token");
    let (status, _, _) = app
        .send(
            Method::POST,
            "/api/v1/commands:batch",
            Some(&participant),
            Some(json!({"commands": []})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
on_both_backends!(it_runs_batches_as_the_caller);
