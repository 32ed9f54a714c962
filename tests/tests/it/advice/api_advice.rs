//! Expert advice end to end: experts, advice groups (members ask, experts answer, later
//! members read), individual requests by area; the members' journeys. The import path is in
//! `api_advice_import.rs`.

use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::{
    expect_refusal, expect_rule_broken, expect_status, journey_event_types, register_participant,
    token_for,
};
use crate::support::TestDb;

fn expert_json(id: &str, areas: &[&str]) -> Value {
    json!({"expert_id": id, "name": "Rui Costa", "organisation": "Gabinete Fiscal do Algarve",
        "areas": areas})
}

async fn it_answers_members_in_groups_and_participants_by_area(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = register_participant(&app, "Ana").await;
    let (bea, bea_token) = register_participant(&app, "Bea").await;
    let (ana_t, bea_t) = (Some(ana_token.as_str()), Some(bea_token.as_str()));
    let tax = token_for(&app, Role::Expert, "expert-rui").await;
    let legal = token_for(&app, Role::Expert, "expert-eva").await;
    let ghost = token_for(&app, Role::Expert, "expert-ghost").await;
    let (tax, legal, ghost) = (
        Some(tax.as_str()),
        Some(legal.as_str()),
        Some(ghost.as_str()),
    );
    let post = Method::POST;

    let experts = "/api/v1/experts";
    expect_status(
        &app,
        post.clone(),
        experts,
        staff,
        Some(expert_json("expert-rui", &["tax", "cross_border"])),
        StatusCode::CREATED,
    )
    .await;
    expect_status(
        &app,
        post.clone(),
        experts,
        staff,
        Some(expert_json("expert-eva", &["legal", "web_2_0"])),
        StatusCode::CREATED,
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        experts,
        staff,
        Some(expert_json("expert-eva", &["legal"])),
        "expert_already_registered",
    )
    .await;
    let bad = expect_refusal(
        &app,
        post.clone(),
        experts,
        staff,
        Some(expert_json("expert-x", &["astrology"])),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(
        bad["field"]
            .as_str()
            .is_some_and(|f| f.starts_with("areas")),
        "{bad}"
    );
    expect_refusal(
        &app,
        post.clone(),
        experts,
        tax,
        Some(expert_json("expert-x", &["tax"])),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_refusal(
        &app,
        Method::PATCH,
        "/api/v1/experts/expert-eva",
        tax,
        Some(json!({"organisation": "X"})),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_status(
        &app,
        Method::PATCH,
        "/api/v1/experts/expert-rui",
        tax,
        Some(json!({"organisation": "Rui Costa Lda"})),
        StatusCode::OK,
    )
    .await;
    let listed = expect_status(&app, Method::GET, experts, ana_t, None, StatusCode::OK).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    let group = json!({"topic": "Invoicing between Spain and Portugal", "area": "cross_border", "title": "Cross-border B2B"});
    expect_refusal(
        &app,
        post.clone(),
        "/api/v1/advice-groups",
        ana_t,
        Some(group.clone()),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let body = expect_status(
        &app,
        post.clone(),
        "/api/v1/advice-groups",
        staff,
        Some(group),
        StatusCode::CREATED,
    )
    .await;
    let g = format!(
        "/api/v1/advice-groups/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    let (members, questions) = (format!("{g}/members"), format!("{g}/questions"));

    expect_status(
        &app,
        post.clone(),
        &members,
        ana_t,
        Some(json!({})),
        StatusCode::CREATED,
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        &members,
        ana_t,
        Some(json!({})),
        "already_a_member",
    )
    .await;
    expect_refusal(
        &app,
        post.clone(),
        &members,
        ana_t,
        Some(json!({"participant_id": bea})),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let ask =
        json!({"question_id": "vat", "text": "Do I charge Spanish VAT to a Portuguese shop?"});
    expect_rule_broken(
        &app,
        post.clone(),
        &questions,
        bea_t,
        Some(ask.clone()),
        "not_a_member",
    )
    .await;
    let asked = app
        .send(post.clone(), &questions, ana_t, Some(ask.clone()))
        .await;
    assert_eq!(asked.0, StatusCode::CREATED, "{}", asked.2);
    assert_eq!(asked.1["location"], format!("{questions}/vat").as_str());
    expect_rule_broken(
        &app,
        post.clone(),
        &questions,
        ana_t,
        Some(ask),
        "question_already_asked",
    )
    .await;
    let for_ana = json!({"participant_id": ana, "text": "And for services?"});
    expect_status(
        &app,
        post.clone(),
        &questions,
        staff,
        Some(for_ana),
        StatusCode::CREATED,
    )
    .await;

    let answers = format!("{questions}/vat/answers");
    let answer = Some(json!({"text": "No: intra-EU B2B supplies are reverse-charged."}));
    expect_refusal(
        &app,
        post.clone(),
        &answers,
        ana_t,
        answer.clone(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_refusal(
        &app,
        post.clone(),
        &answers,
        staff,
        answer.clone(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        &answers,
        ghost,
        answer.clone(),
        "expert_not_registered",
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        &format!("{questions}/nope/answers"),
        tax,
        answer.clone(),
        "unknown_question",
    )
    .await;
    expect_status(
        &app,
        post.clone(),
        &answers,
        tax,
        answer,
        StatusCode::CREATED,
    )
    .await;

    expect_refusal(
        &app,
        Method::GET,
        &g,
        bea_t,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_status(
        &app,
        post.clone(),
        &members,
        staff,
        Some(json!({"participant_id": bea})),
        StatusCode::CREATED,
    )
    .await;
    let view = expect_status(&app, Method::GET, &g, bea_t, None, StatusCode::OK).await;
    assert_eq!(view["members"], 2);
    assert_eq!(
        view["questions"][0]["answers"][0]["expert_id"], "expert-rui",
        "a later member reads earlier answers: {view}"
    );
    expect_status(&app, Method::GET, &g, legal, None, StatusCode::OK).await;

    let request = json!({"area": "legal", "question": "Which company form suits a food truck?"});
    let body = expect_status(
        &app,
        post.clone(),
        "/api/v1/advice-requests",
        ana_t,
        Some(request),
        StatusCode::CREATED,
    )
    .await;
    let r = format!(
        "/api/v1/advice-requests/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    let bad = expect_refusal(
        &app,
        post.clone(),
        "/api/v1/advice-requests",
        ana_t,
        Some(json!({"area": "astrology", "question": "?"})),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(bad["field"], "area");
    let open = expect_status(
        &app,
        Method::GET,
        "/api/v1/advice-requests?area=legal&status=open",
        legal,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(open.as_array().map(Vec::len), Some(1));
    expect_refusal(
        &app,
        Method::GET,
        "/api/v1/advice-requests",
        ana_t,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let reply = Some(json!({"text": "Start as a sole trader (autónomo)."}));
    let answer = format!("{r}/answer");
    expect_rule_broken(
        &app,
        post.clone(),
        &answer,
        tax,
        reply.clone(),
        "expert_area_mismatch",
    )
    .await;
    expect_refusal(
        &app,
        post.clone(),
        &answer,
        ana_t,
        reply.clone(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_status(
        &app,
        post.clone(),
        &answer,
        legal,
        reply.clone(),
        StatusCode::CREATED,
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        &answer,
        legal,
        reply,
        "advice_already_answered",
    )
    .await;
    expect_refusal(
        &app,
        Method::GET,
        &r,
        bea_t,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let view = expect_status(&app, Method::GET, &r, ana_t, None, StatusCode::OK).await;
    assert_eq!(
        (
            view["status"].as_str(),
            view["answer"]["expert_id"].as_str()
        ),
        (Some("answered"), Some("expert-eva"))
    );
    expect_refusal(
        &app,
        post.clone(),
        &format!("{r}/closure"),
        legal,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_status(
        &app,
        post.clone(),
        &format!("{r}/closure"),
        ana_t,
        None,
        StatusCode::OK,
    )
    .await;
    expect_rule_broken(
        &app,
        post.clone(),
        &format!("{r}/closure"),
        ana_t,
        None,
        "advice_request_closed",
    )
    .await;

    expect_status(
        &app,
        post.clone(),
        "/api/v1/experts/expert-eva/retirement",
        staff,
        None,
        StatusCode::OK,
    )
    .await;
    let request =
        json!({"participant_id": bea, "area": "legal", "question": "Do I need a licence?"});
    let body = expect_status(
        &app,
        post.clone(),
        "/api/v1/advice-requests",
        staff,
        Some(request),
        StatusCode::CREATED,
    )
    .await;
    let late = format!(
        "/api/v1/advice-requests/{}/answer",
        body["aggregate_id"].as_str().expect("id")
    );
    expect_rule_broken(
        &app,
        post.clone(),
        &late,
        legal,
        Some(json!({"text": "Yes."})),
        "expert_retired",
    )
    .await;

    assert_eq!(
        journey_event_types(&app, &ana).await,
        [
            "ParticipantRegistered",
            "AdviceGroupJoined",
            "AdviceGroupQuestionAsked",
            "AdviceGroupQuestionAsked",
            "AdviceGroupQuestionAnswered",
            "AdviceRequested",
            "AdviceRequestAnswered",
            "AdviceRequestClosed"
        ]
    );
    assert_eq!(
        journey_event_types(&app, &bea).await,
        [
            "ParticipantRegistered",
            "AdviceGroupJoined",
            "AdviceRequested"
        ]
    );
}
on_both_backends!(it_answers_members_in_groups_and_participants_by_area);
