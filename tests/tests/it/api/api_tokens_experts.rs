//! A token's role is not enough to read participants' questions: an expert token reads advice
//! requests and groups only while its subject is a registered, active expert. Mentor tokens
//! read only the mentorships of the mentor they name.

use reqwest::StatusCode;
use ruta_commands::Role;
use serde_json::json;

use crate::mentoring::api_mentoring::mentor_json;
use crate::on_both_backends;
use crate::support::http::{assert_problem, created_id, register_participant, token_for};
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
    app.post("/api/v1/experts", staff, expert).created().await;
    let question = json!({"area": "legal", "question": "Which company form suits a food truck?"});
    let asked = app
        .post("/api/v1/advice-requests", ana, question)
        .created()
        .await;
    let request = format!("/api/v1/advice-requests/{}", created_id(&asked));
    let group = json!({"topic": "Company forms", "area": "legal", "title": "Legal B2B"});
    let created = app
        .post("/api/v1/advice-groups", staff, group)
        .created()
        .await;
    let group = format!("/api/v1/advice-groups/{}", created_id(&created));
    let reads = [
        "/api/v1/advice-requests".to_owned(),
        "/api/v1/advice-requests?area=legal&status=open".to_owned(),
        request.clone(),
        group.clone(),
    ];

    let rui = token_for(&app, Role::Expert, "expert-rui").await;
    for path in &reads {
        app.get(path, Some(&rui)).ok().await;
    }
    // Never registered, or no subject at all: 403 on every read, even of an unknown id.
    let ghost = token_for(&app, Role::Expert, "expert-ghost").await;
    let nobody = subjectless(&app, Role::Expert).await;
    let unknown = "/api/v1/advice-requests/no-such-request".to_owned();
    for token in [&ghost, &nobody] {
        for path in reads.iter().chain([&unknown]) {
            let answer = app.get(path, Some(token)).send().await;
            assert_problem(&answer, StatusCode::FORBIDDEN, "forbidden", None);
        }
    }
    let reply = json!({"text": "A sole trader (autónomo) to start with."});
    let answer = format!("{request}/answer");
    app.post(&answer, Some(&ghost), reply.clone())
        .rule("expert_not_registered")
        .await;

    // Retired: reads and answers are refused from then on; staff still read.
    let retire = "/api/v1/experts/expert-rui/retirement";
    app.post(retire, staff, None).ok().await;
    for path in &reads {
        let answer = app.get(path, Some(&rui)).send().await;
        assert_problem(&answer, StatusCode::FORBIDDEN, "forbidden", None);
        app.get(path, staff).ok().await;
    }
    app.post(&answer, Some(&rui), reply)
        .rule("expert_retired")
        .await;
    // The requester still reads her own request.
    app.get(&request, ana).ok().await;
}
on_both_backends!(it_lets_only_registered_active_experts_read_advice);

async fn it_lets_mentor_tokens_read_only_their_own_mentorships(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (_, ana_token) = register_participant(&app, "Ana").await;
    let mentors = "/api/v1/mentors";
    app.post(mentors, staff, mentor_json("mentor-lucia", 1))
        .created()
        .await;
    app.post(mentors, staff, mentor_json("mentor-rui", 1))
        .created()
        .await;
    let request = json!({"mentor_id": "mentor-lucia", "needs": "Pricing my guest house"});
    let body = app
        .post("/api/v1/mentorships", Some(&ana_token), request)
        .created()
        .await;
    let mentorship = format!("/api/v1/mentorships/{}", created_id(&body));
    let lucia = token_for(&app, Role::Mentor, "mentor-lucia").await;
    app.get(&mentorship, Some(&lucia)).ok().await;
    let others = [
        token_for(&app, Role::Mentor, "mentor-rui").await,
        token_for(&app, Role::Mentor, "mentor-ghost").await,
        subjectless(&app, Role::Mentor).await,
    ];
    for token in &others {
        app.get(&mentorship, Some(token)).forbidden().await;
    }
    // A retired mentor keeps reading the mentorships she still carries (they go on until
    // closed), but takes no new mentee.
    let retirement = "/api/v1/mentors/mentor-lucia/retirement";
    app.post(retirement, staff, None).ok().await;
    app.get(&mentorship, Some(&lucia)).ok().await;
}
on_both_backends!(it_lets_mentor_tokens_read_only_their_own_mentorships);
