//! `ruta serve` keeps the read models up to date and reports where they stand.

use reqwest::{Method, StatusCode};
use ruta_commands::{Executor, Role};
use std::time::Duration;

use crate::on_both_backends;
use crate::support::projector_fixtures::{certify, register_rows};
use crate::support::{published_course, read_all, spawn_app, TestDb};

async fn it_runs_the_projectors_and_reports_their_status(t: &TestDb) {
    let app = spawn_app(t).await;
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-1").await;
    certify(&executor, "c-1", "p", 2).await;
    let last = read_all(&t.db).await.last().expect("events").checkpoint;

    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let row = loop {
        let (status, headers, body) = app
            .send(
                Method::GET,
                "/api/v1/projections",
                Some(&app.staff_token),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(headers["content-type"]
            .to_str()
            .is_ok_and(|c| c.starts_with("application/json")));
        let row = body["projections"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["name"] == "certificates"))
            .cloned()
            .expect("a certificates row");
        if row["checkpoint"] == last.to_string() {
            break row;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server's runner did not reach {last}: {row}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(row["lag_events"], 0);
    assert_eq!(row["lag_seconds"], 0);
    assert_eq!(row["position"], last.position);
    assert!(row["last_error"].is_null());
    assert_eq!(row["poisoned"], false);
    assert_eq!(register_rows(&t.db).await.len(), 2);

    let participant = ruta_api::auth::create_token(&app.db, Role::Participant, Some("p-0"), None)
        .await
        .expect("token");
    let (status, headers, body) = app
        .send(Method::GET, "/api/v1/projections", Some(&participant), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(headers["content-type"], "application/problem+json");
    let (status, _, _) = app
        .send(Method::GET, "/api/v1/projections", None, None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (_, _, openapi) = app.send(Method::GET, "/openapi.json", None, None).await;
    assert!(openapi["paths"]["/api/v1/projections"]["get"].is_object());
}
on_both_backends!(it_runs_the_projectors_and_reports_their_status);
