//! Request and answer helpers shared by the financing, business and job-posting end-to-end tests.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support::TestApp;

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
