//! Every programme event rule broken over HTTP answers problem+json and appends nothing.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::events::api_events::event_json;
use crate::on_both_backends;
use crate::support::http::{assert_problem, register_participant};
use crate::support::{event_count, spawn_app, TestDb};

async fn it_answers_every_broken_event_rule_with_a_problem(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = register_participant(&app, "Ana").await;
    let (bruno, _) = register_participant(&app, "Bruno").await;
    let ana_auth = Some(ana_token.as_str());
    let (_, _, body) = app
        .send(
            Method::POST,
            "/api/v1/programme-events",
            staff,
            Some(event_json()),
        )
        .await;
    let path = format!(
        "/api/v1/programme-events/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    let (registrations, holding) = (format!("{path}/registrations"), format!("{path}/holding"));
    app.send(Method::POST, &registrations, ana_auth, Some(json!({})))
        .await;
    let before = event_count(&app.db).await;

    let mut no_language = event_json();
    no_language["languages"] = json!([]);
    let cases = [
        (
            Method::POST,
            "/api/v1/programme-events".to_owned(),
            ana_auth,
            event_json(),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            Method::POST,
            "/api/v1/programme-events".to_owned(),
            staff,
            no_language,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "languages")),
        ),
        (
            Method::POST,
            registrations.clone(),
            ana_auth,
            json!({}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "rule-broken",
            Some(("rule", "already_registered_for_programme_event")),
        ),
        (
            Method::POST,
            registrations.clone(),
            ana_auth,
            json!({"participant_id": bruno}),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            Method::POST,
            registrations.clone(),
            staff,
            json!({"participant_id": "nobody"}),
            StatusCode::NOT_FOUND,
            "not-found",
            None,
        ),
        (
            Method::POST,
            "/api/v1/programme-events/none/registrations".to_owned(),
            staff,
            json!({"participant_id": bruno}),
            StatusCode::NOT_FOUND,
            "not-found",
            None,
        ),
        (
            Method::POST,
            holding.clone(),
            ana_auth,
            json!({"walk_ins": 3}),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            Method::POST,
            holding.clone(),
            staff,
            json!({"attendee_ids": [ana, ana]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "attendee_ids")),
        ),
        (
            Method::POST,
            holding.clone(),
            staff,
            json!({"attendee_ids": [ana, "ghost"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "rule-broken",
            Some(("rule", "attendee_not_registered")),
        ),
        (
            Method::POST,
            holding.clone(),
            staff,
            json!({"walk_ins": -1}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "walk_ins")),
        ),
        (
            Method::POST,
            format!("{path}/cancellation"),
            staff,
            json!({"reason": " "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "reason")),
        ),
    ];
    for (method, path, token, body, status, slug, code) in cases {
        let answer = app.send(method, &path, token, Some(body)).await;
        assert_problem(&answer, status, slug, code);
    }
    assert_eq!(
        event_count(&app.db).await,
        before,
        "refusals append nothing"
    );

    let (status, _, _) = app
        .send(Method::POST, &holding, staff, Some(json!({"walk_ins": 3})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let after_held = [
        (
            holding.clone(),
            json!({"walk_ins": 1}),
            "programme_event_already_held",
        ),
        (
            format!("{path}/cancellation"),
            json!({"reason": "late"}),
            "programme_event_already_held",
        ),
        (
            registrations.clone(),
            json!({"participant_id": bruno}),
            "programme_event_registration_closed",
        ),
    ];
    for (path, body, rule) in after_held {
        let answer = app.send(Method::POST, &path, staff, Some(body)).await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            "rule-broken",
            Some(("rule", rule)),
        );
    }

    let (_, _, body) = app
        .send(
            Method::POST,
            "/api/v1/programme-events",
            staff,
            Some(event_json()),
        )
        .await;
    let other = format!(
        "/api/v1/programme-events/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    let (status, _, _) = app
        .send(
            Method::POST,
            &format!("{other}/cancellation"),
            staff,
            Some(json!({"reason": "storm"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let after_cancelled = [
        (
            format!("{other}/holding"),
            json!({"walk_ins": 1}),
            "programme_event_cancelled",
        ),
        (
            format!("{other}/cancellation"),
            json!({"reason": "again"}),
            "programme_event_cancelled",
        ),
        (
            format!("{other}/registrations"),
            json!({"participant_id": ana}),
            "programme_event_registration_closed",
        ),
    ];
    for (path, body, rule) in after_cancelled {
        let answer = app.send(Method::POST, &path, staff, Some(body)).await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            "rule-broken",
            Some(("rule", rule)),
        );
    }
    let answer = app
        .send(Method::GET, "/api/v1/programme-events/none", None, None)
        .await;
    assert_problem(&answer, StatusCode::NOT_FOUND, "not-found", None);
    let answer = app
        .send(Method::GET, "/api/v1/programme-events?status=x", None, None)
        .await;
    assert_problem(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        Some(("field", "status")),
    );
}
on_both_backends!(it_answers_every_broken_event_rule_with_a_problem);
