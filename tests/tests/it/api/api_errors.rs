//! Bad input gets a clear problem document with a stable type and changes nothing.

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::api_openapi::concrete;
use crate::on_both_backends;
use crate::support::{course_json, event_count, registration_json, spawn_app, TestApp, TestDb};

async fn raw(
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, String, Value) {
    let response = app
        .http
        .post(app.url(path))
        .bearer_auth(&app.staff_token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("request");
    let status = response.status();
    let content_type = content_type_of(response.headers());
    let json = response.json().await.unwrap_or(Value::Null);
    (status, content_type, json)
}

/// The `content-type` header, or "" without one.
pub(super) fn content_type_of(headers: &HeaderMap) -> String {
    headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

fn assert_problem(
    status: StatusCode,
    content_type: &str,
    body: &Value,
    expected: StatusCode,
    slug: &str,
) {
    assert_eq!(status, expected, "{body}");
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(body["type"], format!("urn:ruta:problem:{slug}"));
    assert_eq!(body["status"], expected.as_u16());
    assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()));
}

async fn it_answers_bad_input_with_problems_and_changes_nothing(t: &TestDb) {
    let app = spawn_app(t).await;
    let json = "application/json";
    let p = "/api/v1/participants";

    let (s, c, b) = raw(&app, p, json, b"{\"name\": ".to_vec()).await;
    assert_problem(s, &c, &b, StatusCode::BAD_REQUEST, "malformed-json");

    let mut missing = registration_json("Ana");
    missing.as_object_mut().map(|o| o.remove("email"));
    let (s, c, b) = raw(&app, p, json, missing.to_string().into_bytes()).await;
    assert_problem(s, &c, &b, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(b["field"], "email");

    let mut with_actor = registration_json("Ana");
    with_actor["actor"] = json!("someone-else");
    let (s, c, b) = raw(&app, p, json, with_actor.to_string().into_bytes()).await;
    assert_problem(s, &c, &b, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        b["field"], "actor",
        "the actor comes from the credential only"
    );

    let mut bad_enum = registration_json("Ana");
    bad_enum["country_of_residence"] = json!("FR");
    let (s, c, b) = raw(&app, p, json, bad_enum.to_string().into_bytes()).await;
    assert_problem(s, &c, &b, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(b["field"], "country_of_residence");

    let mut bad_email = registration_json("Ana");
    bad_email["email"] = json!("ana-at-example");
    let (s, c, b) = raw(&app, p, json, bad_email.to_string().into_bytes()).await;
    assert_problem(s, &c, &b, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(b["field"], "email");

    let (s, c, b) = raw(
        &app,
        p,
        "text/plain",
        registration_json("Ana").to_string().into_bytes(),
    )
    .await;
    assert_problem(
        s,
        &c,
        &b,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
    );

    let mut huge = registration_json("Ana");
    huge["name"] = json!("x".repeat(20_000));
    let (s, c, b) = raw(&app, p, json, huge.to_string().into_bytes()).await;
    assert_problem(s, &c, &b, StatusCode::PAYLOAD_TOO_LARGE, "body-too-large");

    let (s, c, b) = raw(
        &app,
        "/api/v1/courses/no-such-course/publish",
        json,
        Vec::new(),
    )
    .await;
    assert_problem(s, &c, &b, StatusCode::NOT_FOUND, "not-found");

    let (s, c, b) = raw(&app, "/api/v1/nowhere", json, b"{}".to_vec()).await;
    assert_problem(s, &c, &b, StatusCode::NOT_FOUND, "not-found");

    let staff = Some(app.staff_token.as_str());
    let delete = app.req(Method::DELETE, "/api/v1/courses", staff, None);
    let (s, h, b) = delete.send().await;
    let c = content_type_of(&h);
    assert_problem(
        s,
        &c,
        &b,
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
    );

    let journey = "/api/v1/participants/x/journey?limit=abc";
    let (s, h, b) = app.get(journey, staff).send().await;
    let c = content_type_of(&h);
    assert_problem(s, &c, &b, StatusCode::UNPROCESSABLE_ENTITY, "validation");

    assert_eq!(
        event_count(&app.db).await,
        0,
        "no bad request appended anything"
    );

    let course = app
        .post("/api/v1/courses", staff, course_json())
        .created()
        .await;
    let id = course["aggregate_id"].as_str().expect("id");
    let enrol = json!({"participant_id": "nobody", "course_id": id})
        .to_string()
        .into_bytes();
    let (s, c, b) = raw(&app, "/api/v1/enrolments", json, enrol).await;
    assert_problem(s, &c, &b, StatusCode::NOT_FOUND, "not-found");
    let participant = app.post(p, staff, registration_json("Ana")).created().await;
    let who = participant["aggregate_id"].as_str().expect("id");
    let enrol = json!({"participant_id": who, "course_id": id})
        .to_string()
        .into_bytes();
    let (s, c, b) = raw(&app, "/api/v1/enrolments", json, enrol).await;
    assert_problem(s, &c, &b, StatusCode::UNPROCESSABLE_ENTITY, "rule-broken");
    assert_eq!(b["rule"], "course_not_published");
    assert_eq!(
        event_count(&app.db).await,
        2,
        "only the course and the participant"
    );
}
on_both_backends!(it_answers_bad_input_with_problems_and_changes_nothing);

async fn it_never_answers_garbage_with_a_server_error(t: &TestDb) {
    let app = spawn_app(t).await;
    let bodies: [&[u8]; 8] = [
        b"",
        b"null",
        b"[]",
        b"{}",
        b"\"x\"",
        b"{\"score\": -1}",
        b"{\"percent\": 1e999}",
        &[0xff, 0xfe, 0x00, 0x7b],
    ];
    let paths = [
        "/api/v1/participants",
        "/api/v1/courses",
        "/api/v1/enrolments",
        "/api/v1/tokens",
        "/api/v1/enrolments/a.b/exam-attempts",
        "/api/v1/enrolments/a.b/progress",
        "/api/v1/participants/x/self-employment",
        "/api/v1/courses/x/retire",
    ];
    for path in paths {
        for body in bodies {
            let (status, content_type, answer) =
                raw(&app, path, "application/json", body.to_vec()).await;
            assert!(
                status.is_client_error(),
                "{path} {body:?}: {status} {answer}"
            );
            assert_eq!(content_type, "application/problem+json", "{path}");
        }
    }
}
on_both_backends!(it_never_answers_garbage_with_a_server_error);

async fn it_serves_health_readiness_and_openapi(t: &TestDb) {
    let app = spawn_app(t).await;
    let (s, _, b) = app.send(Method::GET, "/healthz", None, None).await;
    assert_eq!((s, b["status"].as_str()), (StatusCode::OK, Some("ok")));
    let (s, _, b) = app.send(Method::GET, "/readyz", None, None).await;
    assert_eq!((s, b["status"].as_str()), (StatusCode::OK, Some("ready")));
    let (s, _, doc) = app.send(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    for path in [
        "/api/v1/participants",
        "/api/v1/participants/{id}/journey",
        "/api/v1/courses",
        "/api/v1/enrolments/{id}/exam-attempts",
        "/api/v1/certificates/{code}",
        "/api/v1/tokens",
    ] {
        assert!(doc["paths"][path].is_object(), "OpenAPI lacks {path}");
    }
    assert!(doc["components"]["schemas"]["RegisterParticipant"].is_object());
}
on_both_backends!(it_serves_health_readiness_and_openapi);

/// Every route in the OpenAPI document, with unknown ids and garbage bodies, as staff and as
/// nobody: never a server error, always a problem document when refused.
async fn it_never_fails_on_garbage_anywhere_in_the_api(t: &TestDb) {
    let app = spawn_app(t).await;
    let (_, _, doc) = app.send(Method::GET, "/openapi.json", None, None).await;
    let paths = doc["paths"].as_object().expect("paths").clone();
    assert!(paths.len() > 60, "the document lists the whole API");
    let bodies: [&[u8]; 5] = [b"", b"{}", b"[1]", b"{\"id\": {\"$gt\": 1}}", &[0xff, 0x00]];
    for (template, operations) in paths {
        let path = concrete(&template);
        for method in operations.as_object().expect("operations").keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            for token in [Some(app.staff_token.as_str()), None] {
                for body in bodies {
                    let mut request = app.http.request(method.clone(), app.url(&path));
                    if let Some(token) = token {
                        request = request.bearer_auth(token);
                    }
                    let response = request
                        .header("content-type", "application/json")
                        .body(body.to_vec())
                        .send()
                        .await
                        .expect("request");
                    let status = response.status();
                    let kind = content_type_of(response.headers());
                    assert!(
                        !status.is_server_error(),
                        "{method} {path} {body:?}: {status}"
                    );
                    if status.is_client_error() {
                        assert_eq!(kind, "application/problem+json", "{method} {path}");
                    }
                }
            }
        }
    }
}
on_both_backends!(it_never_fails_on_garbage_anywhere_in_the_api);

/// `#` marks the command ids a request derives for its own steps (a mentor's slot is taken
/// under `<id>#capacity`); a caller-chosen key containing it could stand in for such a step
/// and skip it.
async fn it_reserves_hash_in_caller_chosen_command_ids(t: &TestDb) {
    let app = spawn_app(t).await;
    let response = app
        .http
        .post(app.url("/api/v1/participants"))
        .bearer_auth(&app.staff_token)
        .header("idempotency-key", "k#capacity")
        .json(&registration_json("Ana"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["field"], "idempotency-key");
    let batch = json!({"commands": [{"command_id": "k#capacity", "aggregate_id": "p-1",
        "command": {"type": "RetireCourse"}}]});
    let (status, _, body) = app
        .send(
            Method::POST,
            "/api/v1/commands:batch",
            Some(&app.staff_token),
            Some(batch),
        )
        .await;
    assert_eq!(
        (status, body["errors"][0]["index"].as_u64()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some(0))
    );
    let line = json!({"command_id": "k#capacity", "aggregate_id": "c-1", "actor": "staff-1",
        "role": "staff", "occurred_at": "2014-01-01T00:00:00Z", "command": {"type": "PublishCourse"}});
    let refused = ruta_commands::import::ImportLine::parse(&line.to_string());
    assert!(
        matches!(refused, Err(ruta_commands::CommandError::BadPayload { ref field, .. }) if field == "command_id")
    );
    assert_eq!(event_count(&app.db).await, 0);
}
on_both_backends!(it_reserves_hash_in_caller_chosen_command_ids);
