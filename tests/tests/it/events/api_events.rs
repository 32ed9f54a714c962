//! Programme events through the real router: schedule, register, hold with attendance;
//! the attendees' journeys; the import path holds the same rules. The broken rules over HTTP
//! are in `api_events_rules.rs`.

use reqwest::StatusCode;
use ruta_commands::{app::dispatch, CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::{journey_event_types, register_participant};
use crate::support::{event_count, register, spawn_app, staff, TestDb};

pub(crate) fn event_json() -> Value {
    json!({
        "kind": "expert_forum", "title": "Foro de financiación", "city": "Huelva",
        "country": "ES", "date": "2014-05-20", "languages": ["es", "pt"],
        "organiser": "Diputación de Huelva"
    })
}

async fn it_runs_an_event_from_calendar_to_attendance(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = register_participant(&app, "Ana").await;
    let (bruno, _) = register_participant(&app, "Bruno").await;
    let (carla, _) = register_participant(&app, "Carla").await;

    let events = "/api/v1/programme-events";
    let (status, headers, body) = app.post(events, staff, event_json()).send().await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let event = body["aggregate_id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/programme-events/{event}");
    assert_eq!(headers["location"], path.as_str());

    let calendar = app.get(events, None).ok().await;
    assert_eq!(calendar[0]["title"], "Foro de financiación");
    assert_eq!(calendar[0]["status"], "scheduled");

    let registrations = format!("{path}/registrations");
    let me = Some(ana_token.as_str());
    let body = app.post(&registrations, me, json!({})).created().await;
    assert_eq!(
        body["events"][0]["event_type"],
        "ProgrammeEventParticipantRegistered"
    );
    let for_bruno = json!({ "participant_id": bruno });
    app.post(&registrations, staff, for_bruno).created().await;

    // Carla comes without registering; Bruno registered but stays away.
    let held = json!({"attendee_ids": [ana, carla], "walk_ins": 7});
    let body = app.post(format!("{path}/holding"), staff, held).ok().await;
    let types: Vec<&str> = body["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["event_type"].as_str())
        .collect();
    // One attendance event per attendee: each reaches that attendee's journey only.
    assert_eq!(
        types,
        [
            "ProgrammeEventHeld",
            "ProgrammeEventAttended",
            "ProgrammeEventAttended"
        ]
    );

    let (_, _, public) = app.get(&path, None).send().await;
    assert_eq!(public["status"], "held");
    assert_eq!(
        (
            &public["registrations"],
            &public["attendees"],
            &public["walk_ins"]
        ),
        (&json!(2), &json!(2), &json!(7))
    );
    assert!(
        public.get("attendee_ids").is_none(),
        "participant ids are for staff only: {public}"
    );
    let (_, _, seen_by_staff) = app.get(&path, staff).send().await;
    assert_eq!(seen_by_staff["attendee_ids"], json!([ana, carla]));
    assert_eq!(
        seen_by_staff["registered_participants"],
        json!([ana, bruno])
    );

    // Holding appends the holding and one attendance per attendee in one commit; each event
    // is indexed under its own subjects, so attendees never see who else came.
    assert_eq!(
        journey_event_types(&app, &ana).await,
        [
            "ParticipantRegistered",
            "ProgrammeEventParticipantRegistered",
            "ProgrammeEventAttended"
        ]
    );
    let own_journey = format!("/api/v1/participants/{ana}/journey");
    let (_, _, seen_by_ana) = app.get(&own_journey, me).send().await;
    assert!(
        !seen_by_ana.to_string().contains(&carla),
        "no other attendee in Ana's journey"
    );
    assert_eq!(
        journey_event_types(&app, &bruno).await,
        [
            "ParticipantRegistered",
            "ProgrammeEventParticipantRegistered"
        ]
    );
    assert_eq!(
        journey_event_types(&app, &carla).await,
        ["ParticipantRegistered", "ProgrammeEventAttended"]
    );
    let (_, _, held) = app.get(format!("{events}?status=held"), None).send().await;
    assert_eq!(held.as_array().map(Vec::len), Some(1));

    let (_, _, doc) = app.get("/openapi.json", None).send().await;
    assert!(doc["paths"]["/api/v1/programme-events/{id}/holding"]["post"].is_object());
    assert!(doc["components"]["schemas"]["HoldProgrammeEvent"].is_object());
}
on_both_backends!(it_runs_an_event_from_calendar_to_attendance);

#[track_caller]
pub(crate) fn rule_of(result: Result<ruta_commands::CommandOutcome, CommandError>) -> String {
    match result {
        Err(CommandError::Domain(DomainError::RuleBroken { rule, .. })) => rule.to_owned(),
        other => panic!("expected a broken rule, got {other:?}"),
    }
}

async fn it_holds_the_same_rules_on_the_import_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    register(&x, "p-1", "Ana").await;
    let mut schedule = event_json();
    schedule["type"] = json!("ScheduleProgrammeEvent");
    dispatch(&x, Some("ev-1"), schedule, &staff())
        .await
        .expect("schedules");
    let registration = json!({"type": "RegisterForProgrammeEvent", "participant_id": "p-1"});
    let outcome = dispatch(&x, Some("ev-1"), registration.clone(), &staff())
        .await
        .expect("registers");
    assert_eq!(
        outcome.events[0].event_type,
        "ProgrammeEventParticipantRegistered"
    );
    let again = dispatch(&x, Some("ev-1"), registration, &staff()).await;
    assert_eq!(rule_of(again), "already_registered_for_programme_event");

    let hold =
        |ids: Value| json!({"type": "HoldProgrammeEvent", "attendee_ids": ids, "walk_ins": 4});
    let unknown = dispatch(&x, Some("ev-1"), hold(json!(["p-1", "p-9"])), &staff()).await;
    assert_eq!(rule_of(unknown), "attendee_not_registered");
    let as_participant = CommandContext::new("p-1", Role::Participant);
    let refused = dispatch(&x, Some("ev-1"), hold(json!(["p-1"])), &as_participant).await;
    assert!(matches!(
        refused,
        Err(CommandError::Domain(DomainError::Forbidden { .. }))
    ));
    let sneaky = json!({"type": "CancelProgrammeEvent", "reason": "x", "actor": "boss"});
    let refused = dispatch(&x, Some("ev-1"), sneaky, &staff()).await;
    assert!(matches!(refused, Err(CommandError::BadPayload { field, .. }) if field == "actor"));

    let before = event_count(x.database()).await;
    dispatch(&x, Some("ev-1"), hold(json!(["p-1"])), &staff())
        .await
        .expect("holds");
    assert_eq!(event_count(x.database()).await, before + 2);
    let cancel = json!({"type": "CancelProgrammeEvent", "reason": "too late"});
    let refused = dispatch(&x, Some("ev-1"), cancel, &staff()).await;
    assert_eq!(rule_of(refused), "programme_event_already_held");
}
on_both_backends!(it_holds_the_same_rules_on_the_import_path);
