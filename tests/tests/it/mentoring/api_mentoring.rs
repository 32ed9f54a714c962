//! Mentoring end to end: mentors, requests, acceptance within capacity, sessions, goals,
//! closure; the mentee's journey. Races and the import path are in `api_mentoring_commands.rs`.

use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::{created_id, journey_event_types, register_participant, token_for};
use crate::support::{spawn_app, TestDb};

pub(crate) fn mentor_json(id: &str, capacity: u8) -> Value {
    json!({"mentor_id": id, "name": "Lucía Gómez", "areas_of_expertise": ["marketing", "tourism"],
        "languages": ["es", "pt"], "bio": "Runs a rural hotel in Aracena.", "capacity": capacity})
}

async fn it_mentors_a_participant_within_capacity(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = register_participant(&app, "Ana").await;
    let (bea, bea_token) = register_participant(&app, "Bea").await;
    let (ana_t, bea_t) = (Some(ana_token.as_str()), Some(bea_token.as_str()));
    let lucia = token_for(&app, Role::Mentor, "mentor-lucia").await;
    let rui = token_for(&app, Role::Mentor, "mentor-rui").await;
    let (lucia, rui) = (Some(lucia.as_str()), Some(rui.as_str()));

    let mentors = "/api/v1/mentors";
    let created = app
        .post(mentors, staff, mentor_json("mentor-lucia", 1))
        .created()
        .await;
    assert_eq!(created["aggregate_id"], "mentor-lucia");
    app.post(mentors, staff, mentor_json("mentor-rui", 2))
        .created()
        .await;
    app.post(mentors, staff, mentor_json("mentor-lucia", 1))
        .rule("mentor_already_registered")
        .await;
    app.post(mentors, staff, mentor_json("mentor-x", 0))
        .invalid("capacity")
        .await;
    app.post(mentors, ana_t, mentor_json("mentor-x", 1))
        .forbidden()
        .await;
    let (rui_profile, lucia_profile) =
        ("/api/v1/mentors/mentor-rui", "/api/v1/mentors/mentor-lucia");
    app.req(Method::PATCH, rui_profile, lucia, json!({"capacity": 3}))
        .forbidden()
        .await;
    let bio = json!({"bio": "Hotelier and trainer."});
    app.req(Method::PATCH, lucia_profile, lucia, bio).ok().await;

    let mentorships = "/api/v1/mentorships";
    let request = |mentor: &str| json!({"mentor_id": mentor, "needs": "Pricing my guest house"});
    let body = app
        .post(mentorships, ana_t, request("mentor-lucia"))
        .created()
        .await;
    let m1 = format!("/api/v1/mentorships/{}", created_id(&body));
    let for_bea = json!({"participant_id": bea, "mentor_id": "mentor-lucia", "needs": "x"});
    app.post(mentorships, ana_t, for_bea).forbidden().await;
    app.post(mentorships, ana_t, request("mentor-nobody"))
        .not_found()
        .await;

    let accept = format!("{m1}/acceptance");
    app.post(&accept, rui, None).forbidden().await;
    app.post(&accept, staff, None).forbidden().await;
    let decline = format!("{m1}/decline");
    app.post(&decline, ana_t, json!({})).forbidden().await;
    let early = json!({"date": "2014-05-20", "minutes": 60, "topics": ["prices"]});
    app.post(format!("{m1}/sessions"), lucia, early)
        .rule("mentorship_not_active")
        .await;
    let body = app.post(&accept, lucia, None).ok().await;
    assert_eq!(body["events"][0]["event_type"], "MentorshipAccepted");
    app.post(&accept, lucia, None)
        .rule("mentorship_not_pending")
        .await;

    let body = app
        .post(mentorships, bea_t, request("mentor-lucia"))
        .created()
        .await;
    let m2 = format!("/api/v1/mentorships/{}", created_id(&body));
    app.post(format!("{m2}/acceptance"), lucia, None)
        .rule("mentor_at_capacity")
        .await;
    let mentor = app.get(lucia_profile, bea_t).ok().await;
    assert_eq!(
        (
            mentor["active_mentees"].as_u64(),
            mentor["available"].as_bool()
        ),
        (Some(1), Some(false))
    );

    let sessions = format!("{m1}/sessions");
    let session = |minutes: u32| {
        json!({"date": "2014-05-20", "minutes": minutes,
            "topics": ["prices", "suppliers"]})
    };
    app.post(&sessions, ana_t, session(60)).forbidden().await;
    app.post(&sessions, lucia, session(0))
        .invalid("minutes")
        .await;
    app.post(&sessions, lucia, session(90)).created().await;

    let goals = format!("{m1}/goals");
    let body = json!({"goal_id": "price-list", "description": "A published price list"});
    app.post(&goals, ana_t, body.clone()).created().await;
    app.post(&goals, lucia, body).rule("goal_already_set").await;
    app.post(format!("{goals}/nope/achievement"), lucia, None)
        .rule("unknown_goal")
        .await;
    let achievement = format!("{goals}/price-list/achievement");
    app.post(&achievement, lucia, None).ok().await;
    app.post(&achievement, ana_t, None)
        .rule("goal_already_achieved")
        .await;

    app.get(&m1, bea_t).forbidden().await;
    let view = app.get(&m1, lucia).ok().await;
    assert_eq!(
        (
            view["status"].as_str(),
            view["sessions"][0]["minutes"].as_u64()
        ),
        (Some("accepted"), Some(90))
    );

    let close = json!({"outcome": "goals_achieved", "notes": "Opened for the season"});
    let closure = format!("{m1}/closure");
    app.post(&closure, ana_t, close.clone()).ok().await;
    app.post(&closure, lucia, close)
        .rule("mentorship_not_active")
        .await;
    app.post(format!("{m2}/acceptance"), lucia, None).ok().await;

    let retirement = "/api/v1/mentors/mentor-lucia/retirement";
    app.post(retirement, staff, None).ok().await;
    app.post(retirement, staff, None)
        .rule("mentor_already_retired")
        .await;
    app.post(mentorships, ana_t, request("mentor-lucia"))
        .rule("mentor_retired")
        .await;

    assert_eq!(
        journey_event_types(&app, &ana).await,
        [
            "ParticipantRegistered",
            "MentorshipRequested",
            "MentorshipAccepted",
            "MentoringSessionLogged",
            "MentoringGoalSet",
            "MentoringGoalAchieved",
            "MentorshipClosed"
        ]
    );
    assert_eq!(
        journey_event_types(&app, &bea).await,
        [
            "ParticipantRegistered",
            "MentorshipRequested",
            "MentorshipAccepted"
        ]
    );
}
on_both_backends!(it_mentors_a_participant_within_capacity);

/// Mentors, experts and advice requests share one list of areas of support: a mentor may
/// work on tax, an expert on tourism; a name on no list is refused for both.
async fn it_shares_one_list_of_areas_between_mentors_and_experts(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let mut mentor = mentor_json("mentor-tax", 2);
    mentor["areas_of_expertise"] = json!(["tax", "tourism", "cross_border"]);
    let created = app.post("/api/v1/mentors", staff, mentor).succeeds().await;
    assert!(created["position"].as_i64().is_some(), "{created}");
    let read = app.get("/api/v1/mentors/mentor-tax", staff).ok().await;
    assert_eq!(
        read["profile"]["areas_of_expertise"],
        json!(["tourism", "tax", "cross_border"])
    );
    let expert = json!({"expert_id": "expert-tourism", "name": "Rui Costa",
        "organisation": "Turismo do Algarve", "areas": ["tourism", "tax"]});
    app.post("/api/v1/experts", staff, expert).succeeds().await;
    for (path, body) in [
        ("/api/v1/mentors", {
            let mut m = mentor_json("mentor-astro", 2);
            m["areas_of_expertise"] = json!(["astrology"]);
            m
        }),
        (
            "/api/v1/experts",
            json!({"expert_id": "expert-astro", "name": "Eva", "organisation": "X",
                "areas": ["astrology"]}),
        ),
    ] {
        let (status, _, answer) = app.post(path, staff, body).send().await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {answer}");
    }
}

on_both_backends!(it_shares_one_list_of_areas_between_mentors_and_experts);
