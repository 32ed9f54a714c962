//! Every programme event rule broken over HTTP answers problem+json and appends nothing.

use reqwest::StatusCode;
use serde_json::json;

use crate::events::api_events::event_json;
use crate::on_both_backends;
use crate::support::http::{assert_problem, created_id, register_participant};
use crate::support::{event_count, spawn_app, TestDb};

async fn it_answers_every_broken_event_rule_with_a_problem(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = register_participant(&app, "Ana").await;
    let (bruno, _) = register_participant(&app, "Bruno").await;
    let ana_auth = Some(ana_token.as_str());
    let events = "/api/v1/programme-events";
    let (_, _, body) = app.post(events, staff, event_json()).send().await;
    let path = format!("{events}/{}", created_id(&body));
    let (registrations, holding) = (format!("{path}/registrations"), format!("{path}/holding"));
    let cancellation = format!("{path}/cancellation");
    app.post(&registrations, ana_auth, json!({})).send().await;
    let before = event_count(&app.db).await;

    let mut no_language = event_json();
    no_language["languages"] = json!([]);
    app.post(events, ana_auth, event_json()).forbidden().await;
    app.post(events, staff, no_language)
        .invalid("languages")
        .await;
    app.post(&registrations, ana_auth, json!({}))
        .rule("already_registered_for_programme_event")
        .await;
    let for_bruno = json!({ "participant_id": bruno });
    app.post(&registrations, ana_auth, for_bruno.clone())
        .forbidden()
        .await;
    let for_nobody = json!({"participant_id": "nobody"});
    app.post(&registrations, staff, for_nobody)
        .not_found()
        .await;
    let nowhere = format!("{events}/none/registrations");
    app.post(&nowhere, staff, for_bruno).not_found().await;
    let walk_ins = |n: i64| json!({ "walk_ins": n });
    app.post(&holding, ana_auth, walk_ins(3)).forbidden().await;
    let twice = json!({"attendee_ids": [ana, ana]});
    app.post(&holding, staff, twice)
        .invalid("attendee_ids")
        .await;
    let ghost = json!({"attendee_ids": [ana, "ghost"]});
    app.post(&holding, staff, ghost)
        .rule("attendee_not_registered")
        .await;
    app.post(&holding, staff, walk_ins(-1))
        .invalid("walk_ins")
        .await;
    let blank = json!({"reason": " "});
    app.post(&cancellation, staff, blank)
        .invalid("reason")
        .await;
    assert_eq!(
        event_count(&app.db).await,
        before,
        "refusals append nothing"
    );

    app.post(&holding, staff, walk_ins(3)).ok().await;
    let already_held = "programme_event_already_held";
    app.post(&holding, staff, walk_ins(1))
        .rule(already_held)
        .await;
    let late = json!({"reason": "late"});
    app.post(&cancellation, staff, late)
        .rule(already_held)
        .await;
    app.post(&registrations, staff, json!({"participant_id": bruno}))
        .rule("programme_event_registration_closed")
        .await;

    let (_, _, body) = app.post(events, staff, event_json()).send().await;
    let other = format!("{events}/{}", created_id(&body));
    let at_other = |step: &str| format!("{other}/{step}");
    let storm = json!({"reason": "storm"});
    app.post(at_other("cancellation"), staff, storm).ok().await;
    app.post(at_other("holding"), staff, walk_ins(1))
        .rule("programme_event_cancelled")
        .await;
    let again = json!({"reason": "again"});
    app.post(at_other("cancellation"), staff, again)
        .rule("programme_event_cancelled")
        .await;
    let for_ana = json!({ "participant_id": ana });
    app.post(at_other("registrations"), staff, for_ana)
        .rule("programme_event_registration_closed")
        .await;
    let answer = app.get(format!("{events}/none"), None).send().await;
    assert_problem(&answer, StatusCode::NOT_FOUND, "not-found", None);
    let answer = app.get(format!("{events}?status=x"), None).send().await;
    assert_problem(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        Some(("field", "status")),
    );
}
on_both_backends!(it_answers_every_broken_event_rule_with_a_problem);
