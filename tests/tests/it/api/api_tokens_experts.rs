//! A token's role is not enough to read participants' questions: an expert token reads advice
//! requests and groups only while its subject is a registered, active expert. Mentor tokens
//! read only the mentorships of the mentor they name.

use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use serde_json::json;

use crate::mentoring::api_mentoring::mentor_json;
use crate::on_both_backends;
use crate::support::http::{
    assert_problem, expect_refusal, expect_rule_broken, expect_status, register_participant,
    token_for,
};
use crate::support::{TestApp, TestDb};

async fn subjectless(app: &TestApp, role: Role) -> String {
    ruta_api::auth::issue_token(&app.db, role, None, None, Default::default())
        .await
        .expect("issued")
        .token
}

async fn it_lets_only_registered_active_experts_read_advice(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (_, ana_token) = register_participant(&app, "Ana").await;
    let ana = Some(ana_token.as_str());
    let expert = json!({"expert_id": "expert-rui", "name": "Rui Costa",
        "organisation": "Gabinete Jurídico do Algarve", "areas": ["legal"]});
    let post = Method::POST;
    expect_status(
        &app,
        post.clone(),
        "/api/v1/experts",
        staff,
        Some(expert),
        StatusCode::CREATED,
    )
    .await;
    let question = json!({"area": "legal", "question": "Which company form suits a food truck?"});
    let asked = expect_status(
        &app,
        post.clone(),
        "/api/v1/advice-requests",
        ana,
        Some(question),
        StatusCode::CREATED,
    )
    .await;
    let request = format!(
        "/api/v1/advice-requests/{}",
        asked["aggregate_id"].as_str().expect("id")
    );
    let group = json!({"topic": "Company forms", "area": "legal", "title": "Legal B2B"});
    let created = expect_status(
        &app,
        post.clone(),
        "/api/v1/advice-groups",
        staff,
        Some(group),
        StatusCode::CREATED,
    )
    .await;
    let group = format!(
        "/api/v1/advice-groups/{}",
        created["aggregate_id"].as_str().expect("id")
    );
    let reads = [
        "/api/v1/advice-requests".to_owned(),
        "/api/v1/advice-requests?area=legal&status=open".to_owned(),
        request.clone(),
        group.clone(),
    ];

    let rui = token_for(&app, Role::Expert, "expert-rui").await;
    for path in &reads {
        expect_status(&app, Method::GET, path, Some(&rui), None, StatusCode::OK).await;
    }
    // Never registered, or no subject at all: 403 on every read, even of an unknown id.
    let ghost = token_for(&app, Role::Expert, "expert-ghost").await;
    let nobody = subjectless(&app, Role::Expert).await;
    let unknown = "/api/v1/advice-requests/no-such-request".to_owned();
    for token in [&ghost, &nobody] {
        for path in reads.iter().chain([&unknown]) {
            let answer = app.send(Method::GET, path, Some(token), None).await;
            assert_problem(&answer, StatusCode::FORBIDDEN, "forbidden", None);
        }
    }
    let reply = Some(json!({"text": "A sole trader (autónomo) to start with."}));
    let answer = format!("{request}/answer");
    expect_rule_broken(
        &app,
        post.clone(),
        &answer,
        Some(&ghost),
        reply.clone(),
        "expert_not_registered",
    )
    .await;

    // Retired: reads and answers are refused from then on; staff still read.
    let retire = "/api/v1/experts/expert-rui/retirement";
    expect_status(&app, post.clone(), retire, staff, None, StatusCode::OK).await;
    for path in &reads {
        let answer = app.send(Method::GET, path, Some(&rui), None).await;
        assert_problem(&answer, StatusCode::FORBIDDEN, "forbidden", None);
        expect_status(&app, Method::GET, path, staff, None, StatusCode::OK).await;
    }
    expect_rule_broken(
        &app,
        post.clone(),
        &answer,
        Some(&rui),
        reply,
        "expert_retired",
    )
    .await;
    // The requester still reads her own request.
    expect_status(&app, Method::GET, &request, ana, None, StatusCode::OK).await;
}
on_both_backends!(it_lets_only_registered_active_experts_read_advice);

async fn it_lets_mentor_tokens_read_only_their_own_mentorships(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (_, ana_token) = register_participant(&app, "Ana").await;
    let post = Method::POST;
    let mentors = "/api/v1/mentors";
    expect_status(
        &app,
        post.clone(),
        mentors,
        staff,
        Some(mentor_json("mentor-lucia", 1)),
        StatusCode::CREATED,
    )
    .await;
    expect_status(
        &app,
        post.clone(),
        mentors,
        staff,
        Some(mentor_json("mentor-rui", 1)),
        StatusCode::CREATED,
    )
    .await;
    let body = expect_status(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        Some(&ana_token),
        Some(json!({"mentor_id": "mentor-lucia", "needs": "Pricing my guest house"})),
        StatusCode::CREATED,
    )
    .await;
    let mentorship = format!(
        "/api/v1/mentorships/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    let lucia = token_for(&app, Role::Mentor, "mentor-lucia").await;
    expect_status(
        &app,
        Method::GET,
        &mentorship,
        Some(&lucia),
        None,
        StatusCode::OK,
    )
    .await;
    let others = [
        token_for(&app, Role::Mentor, "mentor-rui").await,
        token_for(&app, Role::Mentor, "mentor-ghost").await,
        subjectless(&app, Role::Mentor).await,
    ];
    for token in &others {
        expect_refusal(
            &app,
            Method::GET,
            &mentorship,
            Some(token),
            None,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    // A retired mentor keeps reading the mentorships she still carries (they go on until
    // closed), but takes no new mentee.
    expect_status(
        &app,
        post,
        "/api/v1/mentors/mentor-lucia/retirement",
        staff,
        None,
        StatusCode::OK,
    )
    .await;
    expect_status(
        &app,
        Method::GET,
        &mentorship,
        Some(&lucia),
        None,
        StatusCode::OK,
    )
    .await;
}
on_both_backends!(it_lets_mentor_tokens_read_only_their_own_mentorships);
