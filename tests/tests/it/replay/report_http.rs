//! `GET /api/v1/reports/final`: who may read it, its formats, and problem documents for bad
//! parameters.

use reqwest::{Method, StatusCode};
use ruta_commands::Role;

use crate::on_both_backends;
use crate::support::http::token_for;
use crate::support::replay_fixture::programme;
use crate::support::{spawn_app, TestApp, TestDb};

/// The final report in `format` as `token` reads it (asserting a 200), with its headers.
pub(crate) async fn final_report(
    app: &TestApp,
    token: &str,
    format: &str,
) -> (reqwest::header::HeaderMap, String) {
    let response = app
        .http
        .get(app.url(&format!("/api/v1/reports/final?format={format}")))
        .bearer_auth(token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    (headers, response.text().await.expect("body"))
}

async fn it_serves_the_final_report_to_evaluators_staff_and_admins(t: &TestDb) {
    programme().import(&t.db).await;
    let app = spawn_app(t).await;
    let evaluator = token_for(&app, Role::Evaluator, "eval-1").await;
    let path = "/api/v1/reports/final?as_of=2014-12-31&lang=es";
    let (status, headers, body) = app.send(Method::GET, path, Some(&evaluator), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(body["as_of"], "2014-12-31");
    assert_eq!(body["lang"], "es");
    let users = body["indicators"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["code"] == "USERS")
        .expect("USERS");
    assert_eq!(users["achieved"], 3);
    assert_eq!(users["name"], "Usuarios registrados");
    assert_eq!(body["fingerprint"]["hash"].as_str().map(str::len), Some(64));

    let admin = token_for(&app, Role::Admin, "admin-1").await;
    for (token, format, content_type) in [
        (app.staff_token.as_str(), "html", "text/html; charset=utf-8"),
        (admin.as_str(), "csv", "text/csv; charset=utf-8"),
        (evaluator.as_str(), "md", "text/markdown; charset=utf-8"),
    ] {
        let (headers, first) = final_report(&app, token, format).await;
        assert_eq!(headers["content-type"], content_type);
        let (_, again) = final_report(&app, token, format).await;
        assert_eq!(first, again, "same log, same bytes ({format})");
    }

    let analyst = token_for(&app, Role::Analyst, "analyst-1").await;
    let participant = token_for(&app, Role::Participant, "p-ana").await;
    for token in [&analyst, &participant] {
        let (status, headers, body) = app
            .send(Method::GET, "/api/v1/reports/final", Some(token), None)
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(body["type"], "urn:ruta:problem:forbidden");
    }
    let (status, _, body) = app
        .send(Method::GET, "/api/v1/reports/final", None, None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["type"], "urn:ruta:problem:unauthorized");

    for (query, field) in [
        ("as_of=2014-13-40", "as_of"),
        ("known_at=yesterday", "known_at"),
        ("format=pdf", "format"),
        ("lang=fr", "lang"),
    ] {
        let (status, headers, body) = app
            .send(
                Method::GET,
                &format!("/api/v1/reports/final?{query}"),
                Some(&evaluator),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(body["type"], "urn:ruta:problem:validation");
        assert_eq!(body["field"], field);
    }
}
on_both_backends!(it_serves_the_final_report_to_evaluators_staff_and_admins);
