//! Mentoring end to end: mentors, requests, acceptance within capacity, sessions, goals,
//! closure; the mentee's journey. Races and the import path are in `api_mentoring_commands.rs`.

use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::{
    expect_refusal, expect_rule_broken, expect_status, journey_event_types, register_participant,
    token_for,
};
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
    let post = Method::POST;

    let created = expect_status(
        &app,
        post.clone(),
        "/api/v1/mentors",
        staff,
        Some(mentor_json("mentor-lucia", 1)),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["aggregate_id"], "mentor-lucia");
    expect_status(
        &app,
        post.clone(),
        "/api/v1/mentors",
        staff,
        Some(mentor_json("mentor-rui", 2)),
        StatusCode::CREATED,
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        "/api/v1/mentors",
        staff,
        Some(mentor_json("mentor-lucia", 1)),
        "mentor_already_registered",
    )
    .await;
    let bad = expect_refusal(
        &app,
        post.clone(),
        "/api/v1/mentors",
        staff,
        Some(mentor_json("mentor-x", 0)),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(bad["field"], "capacity");
    expect_refusal(
        &app,
        post.clone(),
        "/api/v1/mentors",
        ana_t,
        Some(mentor_json("mentor-x", 1)),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_refusal(
        &app,
        Method::PATCH,
        "/api/v1/mentors/mentor-rui",
        lucia,
        Some(json!({"capacity": 3})),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_status(
        &app,
        Method::PATCH,
        "/api/v1/mentors/mentor-lucia",
        lucia,
        Some(json!({"bio": "Hotelier and trainer."})),
        StatusCode::OK,
    )
    .await;

    let request =
        |mentor: &str| Some(json!({"mentor_id": mentor, "needs": "Pricing my guest house"}));
    let body = expect_status(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        ana_t,
        request("mentor-lucia"),
        StatusCode::CREATED,
    )
    .await;
    let m1 = format!(
        "/api/v1/mentorships/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    let for_bea = Some(json!({"participant_id": bea, "mentor_id": "mentor-lucia", "needs": "x"}));
    expect_refusal(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        ana_t,
        for_bea,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_refusal(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        ana_t,
        request("mentor-nobody"),
        StatusCode::NOT_FOUND,
        "not-found",
    )
    .await;

    let accept = format!("{m1}/acceptance");
    expect_refusal(
        &app,
        post.clone(),
        &accept,
        rui,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_refusal(
        &app,
        post.clone(),
        &accept,
        staff,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_refusal(
        &app,
        post.clone(),
        &format!("{m1}/decline"),
        ana_t,
        Some(json!({})),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        &format!("{m1}/sessions"),
        lucia,
        Some(json!({"date": "2014-05-20", "minutes": 60, "topics": ["prices"]})),
        "mentorship_not_active",
    )
    .await;
    let body = expect_status(&app, post.clone(), &accept, lucia, None, StatusCode::OK).await;
    assert_eq!(body["events"][0]["event_type"], "MentorshipAccepted");
    expect_rule_broken(
        &app,
        post.clone(),
        &accept,
        lucia,
        None,
        "mentorship_not_pending",
    )
    .await;

    let body = expect_status(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        bea_t,
        request("mentor-lucia"),
        StatusCode::CREATED,
    )
    .await;
    let m2 = format!(
        "/api/v1/mentorships/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    expect_rule_broken(
        &app,
        post.clone(),
        &format!("{m2}/acceptance"),
        lucia,
        None,
        "mentor_at_capacity",
    )
    .await;
    let mentor = expect_status(
        &app,
        Method::GET,
        "/api/v1/mentors/mentor-lucia",
        bea_t,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            mentor["active_mentees"].as_u64(),
            mentor["available"].as_bool()
        ),
        (Some(1), Some(false))
    );

    let sessions = format!("{m1}/sessions");
    let session = |minutes: u32| {
        Some(json!({"date": "2014-05-20", "minutes": minutes, "topics": ["prices", "suppliers"]}))
    };
    expect_refusal(
        &app,
        post.clone(),
        &sessions,
        ana_t,
        session(60),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let bad = expect_refusal(
        &app,
        post.clone(),
        &sessions,
        lucia,
        session(0),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(bad["field"], "minutes");
    expect_status(
        &app,
        post.clone(),
        &sessions,
        lucia,
        session(90),
        StatusCode::CREATED,
    )
    .await;

    let goals = format!("{m1}/goals");
    let body = Some(json!({"goal_id": "price-list", "description": "A published price list"}));
    expect_status(
        &app,
        post.clone(),
        &goals,
        ana_t,
        body.clone(),
        StatusCode::CREATED,
    )
    .await;
    expect_rule_broken(&app, post.clone(), &goals, lucia, body, "goal_already_set").await;
    expect_rule_broken(
        &app,
        post.clone(),
        &format!("{goals}/nope/achievement"),
        lucia,
        None,
        "unknown_goal",
    )
    .await;
    expect_status(
        &app,
        post.clone(),
        &format!("{goals}/price-list/achievement"),
        lucia,
        None,
        StatusCode::OK,
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        &format!("{goals}/price-list/achievement"),
        ana_t,
        None,
        "goal_already_achieved",
    )
    .await;

    expect_refusal(
        &app,
        Method::GET,
        &m1,
        bea_t,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let view = expect_status(&app, Method::GET, &m1, lucia, None, StatusCode::OK).await;
    assert_eq!(
        (
            view["status"].as_str(),
            view["sessions"][0]["minutes"].as_u64()
        ),
        (Some("accepted"), Some(90))
    );

    let close = Some(json!({"outcome": "goals_achieved", "notes": "Opened for the season"}));
    expect_status(
        &app,
        post.clone(),
        &format!("{m1}/closure"),
        ana_t,
        close.clone(),
        StatusCode::OK,
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        &format!("{m1}/closure"),
        lucia,
        close,
        "mentorship_not_active",
    )
    .await;
    expect_status(
        &app,
        post.clone(),
        &format!("{m2}/acceptance"),
        lucia,
        None,
        StatusCode::OK,
    )
    .await;

    expect_status(
        &app,
        post.clone(),
        "/api/v1/mentors/mentor-lucia/retirement",
        staff,
        None,
        StatusCode::OK,
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        "/api/v1/mentors/mentor-lucia/retirement",
        staff,
        None,
        "mentor_already_retired",
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        ana_t,
        request("mentor-lucia"),
        "mentor_retired",
    )
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
    let created = crate::support::http::expect_success(
        &app,
        Method::POST,
        "/api/v1/mentors",
        staff,
        Some(mentor),
    )
    .await;
    assert!(created["position"].as_i64().is_some(), "{created}");
    let (status, _, read) = app
        .send(Method::GET, "/api/v1/mentors/mentor-tax", staff, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(
        read["profile"]["areas_of_expertise"],
        json!(["tourism", "tax", "cross_border"])
    );
    let expert = json!({"expert_id": "expert-tourism", "name": "Rui Costa",
        "organisation": "Turismo do Algarve", "areas": ["tourism", "tax"]});
    crate::support::http::expect_success(
        &app,
        Method::POST,
        "/api/v1/experts",
        staff,
        Some(expert),
    )
    .await;
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
        let (status, _, answer) = app.send(Method::POST, path, staff, Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {answer}");
    }
}

on_both_backends!(it_shares_one_list_of_areas_between_mentors_and_experts);
