//! Expert advice end to end: experts, advice groups (members ask, experts answer, later
//! members read), individual requests by area; the members' journeys. The import path is in
//! `api_advice_import.rs`.

use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::{created_id, journey_event_types, register_participant, token_for};
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

    let experts = "/api/v1/experts";
    let tax_expert = expert_json("expert-rui", &["tax", "cross_border"]);
    app.post(experts, staff, tax_expert).created().await;
    let legal_expert = expert_json("expert-eva", &["legal", "web_2_0"]);
    app.post(experts, staff, legal_expert).created().await;
    let again = expert_json("expert-eva", &["legal"]);
    app.post(experts, staff, again)
        .rule("expert_already_registered")
        .await;
    let bad = app
        .post(experts, staff, expert_json("expert-x", &["astrology"]))
        .refused(StatusCode::UNPROCESSABLE_ENTITY, "validation")
        .await;
    assert!(
        bad["field"]
            .as_str()
            .is_some_and(|f| f.starts_with("areas")),
        "{bad}"
    );
    let by_expert = expert_json("expert-x", &["tax"]);
    app.post(experts, tax, by_expert).forbidden().await;
    let (eva, rui) = ("/api/v1/experts/expert-eva", "/api/v1/experts/expert-rui");
    let organisation = |name: &str| json!({ "organisation": name });
    app.req(Method::PATCH, eva, tax, organisation("X"))
        .forbidden()
        .await;
    app.req(Method::PATCH, rui, tax, organisation("Rui Costa Lda"))
        .ok()
        .await;
    let listed = app.get(experts, ana_t).ok().await;
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    let group = json!({"topic": "Invoicing between Spain and Portugal", "area": "cross_border",
        "title": "Cross-border B2B"});
    let groups = "/api/v1/advice-groups";
    app.post(groups, ana_t, group.clone()).forbidden().await;
    let body = app.post(groups, staff, group).created().await;
    let g = format!("/api/v1/advice-groups/{}", created_id(&body));
    let (members, questions) = (format!("{g}/members"), format!("{g}/questions"));

    app.post(&members, ana_t, json!({})).created().await;
    app.post(&members, ana_t, json!({}))
        .rule("already_a_member")
        .await;
    let for_bea = json!({ "participant_id": bea });
    app.post(&members, ana_t, for_bea).forbidden().await;
    let ask =
        json!({"question_id": "vat", "text": "Do I charge Spanish VAT to a Portuguese shop?"});
    app.post(&questions, bea_t, ask.clone())
        .rule("not_a_member")
        .await;
    let asked = app.post(&questions, ana_t, ask.clone()).send().await;
    assert_eq!(asked.0, StatusCode::CREATED, "{}", asked.2);
    assert_eq!(asked.1["location"], format!("{questions}/vat").as_str());
    app.post(&questions, ana_t, ask)
        .rule("question_already_asked")
        .await;
    let for_ana = json!({"participant_id": ana, "text": "And for services?"});
    app.post(&questions, staff, for_ana).created().await;

    let answers = format!("{questions}/vat/answers");
    let answer = json!({"text": "No: intra-EU B2B supplies are reverse-charged."});
    app.post(&answers, ana_t, answer.clone()).forbidden().await;
    app.post(&answers, staff, answer.clone()).forbidden().await;
    app.post(&answers, ghost, answer.clone())
        .rule("expert_not_registered")
        .await;
    let unknown = format!("{questions}/nope/answers");
    app.post(&unknown, tax, answer.clone())
        .rule("unknown_question")
        .await;
    app.post(&answers, tax, answer).created().await;

    app.get(&g, bea_t).forbidden().await;
    let bea_joins = json!({ "participant_id": bea });
    app.post(&members, staff, bea_joins).created().await;
    let view = app.get(&g, bea_t).ok().await;
    assert_eq!(view["members"], 2);
    assert_eq!(
        view["questions"][0]["answers"][0]["expert_id"], "expert-rui",
        "a later member reads earlier answers: {view}"
    );
    app.get(&g, legal).ok().await;

    let request = json!({"area": "legal", "question": "Which company form suits a food truck?"});
    let requests = "/api/v1/advice-requests";
    let body = app.post(requests, ana_t, request).created().await;
    let r = format!("/api/v1/advice-requests/{}", created_id(&body));
    let astrology = json!({"area": "astrology", "question": "?"});
    app.post(requests, ana_t, astrology).invalid("area").await;
    let open = app
        .get("/api/v1/advice-requests?area=legal&status=open", legal)
        .ok()
        .await;
    assert_eq!(open.as_array().map(Vec::len), Some(1));
    app.get(requests, ana_t).forbidden().await;
    let reply = json!({"text": "Start as a sole trader (autónomo)."});
    let answer = format!("{r}/answer");
    app.post(&answer, tax, reply.clone())
        .rule("expert_area_mismatch")
        .await;
    app.post(&answer, ana_t, reply.clone()).forbidden().await;
    app.post(&answer, legal, reply.clone()).created().await;
    app.post(&answer, legal, reply)
        .rule("advice_already_answered")
        .await;
    app.get(&r, bea_t).forbidden().await;
    let view = app.get(&r, ana_t).ok().await;
    assert_eq!(
        (
            view["status"].as_str(),
            view["answer"]["expert_id"].as_str()
        ),
        (Some("answered"), Some("expert-eva"))
    );
    let closure = format!("{r}/closure");
    app.post(&closure, legal, None).forbidden().await;
    app.post(&closure, ana_t, None).ok().await;
    app.post(&closure, ana_t, None)
        .rule("advice_request_closed")
        .await;

    let retirement = "/api/v1/experts/expert-eva/retirement";
    app.post(retirement, staff, None).ok().await;
    let request =
        json!({"participant_id": bea, "area": "legal", "question": "Do I need a licence?"});
    let body = app.post(requests, staff, request).created().await;
    let late = format!("/api/v1/advice-requests/{}/answer", created_id(&body));
    app.post(&late, legal, json!({"text": "Yes."}))
        .rule("expert_retired")
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
