//! Small HTTP helpers shared by the end-to-end tests (`api_*.rs`): register a participant and
//! get their token, send a request and expect success or a given status, expect a refusal with
//! its problem type or broken rule, read a journey's event types.

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use serde_json::{json, Value};

use crate::support::{event_count, registration_json, TestApp};

/// Registers a participant through the API (as staff), then issues them a participant token
/// through `POST /tokens`; returns their id and the token.
pub(crate) async fn register_participant(app: &TestApp, name: &str) -> (String, String) {
    let staff = Some(app.staff_token.as_str());
    let path = "/api/v1/participants";
    let body = Some(registration_json(name));
    let created = expect_status(app, Method::POST, path, staff, body, StatusCode::CREATED).await;
    let id = created["aggregate_id"].as_str().expect("id").to_owned();
    let grant = Some(json!({"role": "participant", "subject": id}));
    let token = expect_status(
        app,
        Method::POST,
        "/api/v1/tokens",
        staff,
        grant,
        StatusCode::CREATED,
    )
    .await;
    (id, token["token"].as_str().expect("token").to_owned())
}

/// A bearer token for `subject` acting as `role`, created directly in the store.
pub(crate) async fn token_for(app: &TestApp, role: Role, subject: &str) -> String {
    ruta_api::auth::create_token(&app.db, role, Some(subject), None)
        .await
        .expect("token")
}

/// Sends the request and asserts the exact `status` (a refusal must be
/// `application/problem+json`); returns the JSON answer.
pub(crate) async fn expect_status(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    status: StatusCode,
) -> Value {
    let (got, headers, answer) = app.send(method.clone(), path, token, body).await;
    assert_eq!(got, status, "{method} {path}: {answer}");
    if !got.is_success() {
        assert_eq!(headers["content-type"], "application/problem+json");
    }
    answer
}

/// Sends the request and asserts any 2xx status; returns the JSON answer.
pub(crate) async fn expect_success(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Value {
    let (status, _, answer) = app.send(method, path, token, body).await;
    assert!(status.is_success(), "{path}: {status} {answer}");
    answer
}

/// Sends the request and asserts a refusal: `status`, a problem document of type
/// `urn:ruta:problem:<slug>`, and nothing appended to the log. Returns the problem document.
pub(crate) async fn expect_refusal(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    status: StatusCode,
    slug: &str,
) -> Value {
    let before = event_count(&app.db).await;
    let answer = expect_status(app, method, path, token, body, status).await;
    assert_eq!(answer["type"], format!("urn:ruta:problem:{slug}"), "{path}");
    assert_eq!(
        event_count(&app.db).await,
        before,
        "{path}: nothing appended"
    );
    answer
}

/// Sends the request and asserts the 422 `rule-broken` problem naming `rule`, with nothing
/// appended.
pub(crate) async fn expect_rule_broken(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    rule: &str,
) {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let answer = expect_refusal(app, method, path, token, body, status, "rule-broken").await;
    assert_eq!(answer["rule"], rule, "{path}: {answer}");
}

/// Asserts an answer from [`TestApp::send`] is a problem document: `status`, the `type` slug
/// and, if given, the `rule` or `field` it names (`("rule", "…")`).
#[track_caller]
pub(crate) fn assert_problem(
    answer: &(StatusCode, HeaderMap, Value),
    status: StatusCode,
    slug: &str,
    code: Option<(&str, &str)>,
) {
    let (got, headers, body) = answer;
    assert_eq!(*got, status, "{body}");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(body["type"], format!("urn:ruta:problem:{slug}"), "{body}");
    if let Some((key, value)) = code {
        assert_eq!(body[key], value, "{body}");
    }
}

/// The event types of a participant's journey in log order, read as staff.
pub(crate) async fn journey_event_types(app: &TestApp, participant: &str) -> Vec<String> {
    let path = format!("/api/v1/participants/{participant}/journey");
    let staff = Some(app.staff_token.as_str());
    let body = expect_status(app, Method::GET, &path, staff, None, StatusCode::OK).await;
    body["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["event_type"].as_str().map(str::to_owned))
        .collect()
}
