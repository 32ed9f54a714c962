//! `GET /metrics`: the Prometheus scrape, for staff and admins.
//!
//! The recorder is global to the test process and other tests' routers record into it too, so
//! values are only checked as "at least" what this test did.

use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use ruta_store::Backend;

use crate::on_both_backends;
use crate::support::http::{assert_problem, register_participant, token_for};
use crate::support::{spawn_app, TestDb};

/// The value of the sample `series` (name and labels exactly as rendered), if present.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|value| value.trim().parse().ok())
}

async fn it_exposes_prometheus_metrics_to_staff(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    // One command (and a token issued) through the API, a read by id, and a stray path.
    let (id, participant) = register_participant(&app, "Ana Pérez").await;
    let path = format!("/api/v1/participants/{id}");
    app.get(&path, staff).ok().await;
    let stray = app.send(Method::GET, "/no-such-route", None, None).await;
    assert_eq!(stray.0, StatusCode::NOT_FOUND);

    let (status, headers, body) = app.send(Method::GET, "/metrics", staff, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let content_type = headers["content-type"].to_str().expect("ascii");
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    let text = body.as_str().expect("a text body, not JSON");

    // Requests by route template and status.
    assert!(
        text.contains("# TYPE ruta_http_requests_total counter"),
        "{text}"
    );
    assert!(text.contains("# HELP ruta_http_requests_total "), "{text}");
    let registered = sample(
        text,
        r#"ruta_http_requests_total{method="POST",route="/api/v1/participants",status="201"}"#,
    );
    assert!(registered.is_some_and(|n| n >= 1.0), "{text}");
    let read = sample(
        text,
        r#"ruta_http_requests_total{method="GET",route="/api/v1/participants/{id}",status="200"}"#,
    );
    assert!(read.is_some_and(|n| n >= 1.0), "{text}");
    let unmatched = sample(
        text,
        r#"ruta_http_requests_total{method="GET",route="unmatched",status="404"}"#,
    );
    assert!(unmatched.is_some_and(|n| n >= 1.0), "{text}");
    // Labels hold templates, never the ids in the paths.
    assert!(!text.contains(&id), "a participant id leaked into a label");
    assert!(
        !text.contains("no-such-route"),
        "a raw path leaked into a label"
    );

    // Latency as a real histogram (buckets in seconds), with the same labels.
    assert!(
        text.contains("# TYPE ruta_http_request_duration_seconds histogram"),
        "{text}"
    );
    let bucket = r#"ruta_http_request_duration_seconds_bucket{method="POST",route="/api/v1/participants",status="201",le="+Inf"}"#;
    assert!(sample(text, bucket).is_some_and(|n| n >= 1.0), "{text}");
    assert!(
        text.contains(
            r#"ruta_http_request_duration_seconds_bucket{method="POST",route="/api/v1/participants",status="201",le="0.005"}"#
        ),
        "{text}"
    );

    // Store pools, read at scrape time (the scrape itself holds a connection or none).
    let pool = match t.db.backend() {
        Backend::Postgres => "postgres",
        Backend::Sqlite => "sqlite_write",
    };
    for state in ["in_use", "idle"] {
        let series = format!(r#"ruta_store_pool_connections{{pool="{pool}",state="{state}"}}"#);
        assert!(
            sample(text, &series).is_some_and(|n| n >= 0.0),
            "{series}: {text}"
        );
    }

    // Every projector's position and lag, read at scrape time.
    for name in ["ruta_projector_position", "ruta_projector_lag_events"] {
        let series = format!(r#"{name}{{projector="certificates"}}"#);
        assert!(
            sample(text, &series).is_some_and(|n| n >= 0.0),
            "{series}: {text}"
        );
    }
    assert!(
        sample(text, r#"ruta_projector_poisoned{projector="certificates"}"#).is_some(),
        "{text}"
    );

    // The scrape is itself a request, counted by the next scrape.
    let (_, _, again) = app.send(Method::GET, "/metrics", staff, None).await;
    let again = again.as_str().expect("text");
    let scrapes = sample(
        again,
        r#"ruta_http_requests_total{method="GET",route="/metrics",status="200"}"#,
    );
    assert!(scrapes.is_some_and(|n| n >= 1.0), "{again}");

    // Staff and admins only, refused with the usual problem documents.
    let answer = app.send(Method::GET, "/metrics", None, None).await;
    assert_problem(&answer, StatusCode::UNAUTHORIZED, "unauthorized", None);
    let answer = app
        .send(Method::GET, "/metrics", Some("ruta_not-a-token"), None)
        .await;
    assert_problem(&answer, StatusCode::UNAUTHORIZED, "unauthorized", None);
    let answer = app
        .send(Method::GET, "/metrics", Some(&participant), None)
        .await;
    assert_problem(&answer, StatusCode::FORBIDDEN, "forbidden", None);
    let analyst = token_for(&app, Role::Analyst, "analyst-1").await;
    let answer = app
        .send(Method::GET, "/metrics", Some(&analyst), None)
        .await;
    assert_problem(&answer, StatusCode::FORBIDDEN, "forbidden", None);
    let admin = token_for(&app, Role::Admin, "admin-1").await;
    let (status, _, body) = app.send(Method::GET, "/metrics", Some(&admin), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (_, _, openapi) = app.send(Method::GET, "/openapi.json", None, None).await;
    let operation = &openapi["paths"]["/metrics"]["get"];
    assert!(operation.is_object(), "{openapi}");
    assert!(
        operation["responses"]["200"]["content"]["text/plain; version=0.0.4"].is_object(),
        "{operation}"
    );
}
on_both_backends!(it_exposes_prometheus_metrics_to_staff);
