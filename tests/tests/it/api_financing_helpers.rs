//! Helpers shared by the financing, business and job-posting end-to-end tests.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{registration_json, TestApp};

/// Registers a participant and returns their id and a participant token.
pub(crate) async fn participant(app: &TestApp, name: &str) -> (String, String) {
    let staff = Some(app.staff_token.as_str());
    let (status, _, body) = app
        .send(
            Method::POST,
            "/api/v1/participants",
            staff,
            Some(registration_json(name)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["aggregate_id"].as_str().expect("id").to_owned();
    let (status, _, body) = app
        .send(
            Method::POST,
            "/api/v1/tokens",
            staff,
            Some(json!({"role": "participant", "subject": id})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (id, body["token"].as_str().expect("token").to_owned())
}

#[track_caller]
pub(crate) fn assert_rule(answer: &(StatusCode, Value), rule: &str) {
    let (status, body) = answer;
    assert_eq!(*status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["type"], "urn:ruta:problem:rule-broken", "{body}");
    assert_eq!(body["rule"], rule, "{body}");
}

#[track_caller]
pub(crate) fn assert_invalid(answer: &(StatusCode, Value), field: &str) {
    let (status, body) = answer;
    assert_eq!(*status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["type"], "urn:ruta:problem:validation", "{body}");
    assert_eq!(body["field"], field, "{body}");
}

#[track_caller]
pub(crate) fn assert_status(answer: &(StatusCode, Value), expected: StatusCode) {
    assert_eq!(answer.0, expected, "{}", answer.1);
}

/// POSTs `body` and returns status and JSON.
pub(crate) async fn post(
    app: &TestApp,
    path: impl AsRef<str>,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let (status, _, json) = app
        .send(Method::POST, path.as_ref(), Some(token), body)
        .await;
    (status, json)
}

/// The event types of a participant's journey, in log order.
pub(crate) async fn journey(app: &TestApp, participant: &str) -> Vec<String> {
    let path = format!("/api/v1/participants/{participant}/journey");
    let (status, _, body) = app
        .send(Method::GET, &path, Some(&app.staff_token), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["event_type"].as_str().map(str::to_owned))
        .collect()
}
