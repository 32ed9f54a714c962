//! Expert advice end to end: experts, advice groups (members ask, experts answer, later
//! members read), individual requests by area; the members' journeys; the import path.

use reqwest::{Method, StatusCode};
use ruta_commands::app;
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::api_mentoring::{broken, expect, journey, participant, refused, token};
use crate::on_both_backends;
use crate::support::{register, staff, TestDb};

fn expert_json(id: &str, areas: &[&str]) -> Value {
    json!({"expert_id": id, "name": "Rui Costa", "organisation": "Gabinete Fiscal do Algarve",
        "areas": areas})
}

async fn it_answers_members_in_groups_and_participants_by_area(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = participant(&app, "Ana").await;
    let (bea, bea_token) = participant(&app, "Bea").await;
    let (ana_t, bea_t) = (Some(ana_token.as_str()), Some(bea_token.as_str()));
    let tax = token(&app, Role::Expert, "expert-rui").await;
    let legal = token(&app, Role::Expert, "expert-eva").await;
    let ghost = token(&app, Role::Expert, "expert-ghost").await;
    let (tax, legal, ghost) = (
        Some(tax.as_str()),
        Some(legal.as_str()),
        Some(ghost.as_str()),
    );
    let post = Method::POST;

    let experts = "/api/v1/experts";
    expect(
        &app,
        post.clone(),
        experts,
        staff,
        Some(expert_json("expert-rui", &["tax", "cross_border"])),
        StatusCode::CREATED,
    )
    .await;
    expect(
        &app,
        post.clone(),
        experts,
        staff,
        Some(expert_json("expert-eva", &["legal", "web_2_0"])),
        StatusCode::CREATED,
    )
    .await;
    broken(
        &app,
        post.clone(),
        experts,
        staff,
        Some(expert_json("expert-eva", &["legal"])),
        "expert_already_registered",
    )
    .await;
    let bad = refused(
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
    refused(
        &app,
        post.clone(),
        experts,
        tax,
        Some(expert_json("expert-x", &["tax"])),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    refused(
        &app,
        Method::PATCH,
        "/api/v1/experts/expert-eva",
        tax,
        Some(json!({"organisation": "X"})),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect(
        &app,
        Method::PATCH,
        "/api/v1/experts/expert-rui",
        tax,
        Some(json!({"organisation": "Rui Costa Lda"})),
        StatusCode::OK,
    )
    .await;
    let listed = expect(&app, Method::GET, experts, ana_t, None, StatusCode::OK).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    let group = json!({"topic": "Invoicing between Spain and Portugal", "area": "cross_border", "title": "Cross-border B2B"});
    refused(
        &app,
        post.clone(),
        "/api/v1/advice-groups",
        ana_t,
        Some(group.clone()),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let body = expect(
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

    expect(
        &app,
        post.clone(),
        &members,
        ana_t,
        Some(json!({})),
        StatusCode::CREATED,
    )
    .await;
    broken(
        &app,
        post.clone(),
        &members,
        ana_t,
        Some(json!({})),
        "already_a_member",
    )
    .await;
    refused(
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
    broken(
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
    broken(
        &app,
        post.clone(),
        &questions,
        ana_t,
        Some(ask),
        "question_already_asked",
    )
    .await;
    let for_ana = json!({"participant_id": ana, "text": "And for services?"});
    expect(
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
    refused(
        &app,
        post.clone(),
        &answers,
        ana_t,
        answer.clone(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    refused(
        &app,
        post.clone(),
        &answers,
        staff,
        answer.clone(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    broken(
        &app,
        post.clone(),
        &answers,
        ghost,
        answer.clone(),
        "expert_not_registered",
    )
    .await;
    broken(
        &app,
        post.clone(),
        &format!("{questions}/nope/answers"),
        tax,
        answer.clone(),
        "unknown_question",
    )
    .await;
    expect(
        &app,
        post.clone(),
        &answers,
        tax,
        answer,
        StatusCode::CREATED,
    )
    .await;

    refused(
        &app,
        Method::GET,
        &g,
        bea_t,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect(
        &app,
        post.clone(),
        &members,
        staff,
        Some(json!({"participant_id": bea})),
        StatusCode::CREATED,
    )
    .await;
    let view = expect(&app, Method::GET, &g, bea_t, None, StatusCode::OK).await;
    assert_eq!(view["members"], 2);
    assert_eq!(
        view["questions"][0]["answers"][0]["expert_id"], "expert-rui",
        "a later member reads earlier answers: {view}"
    );
    expect(&app, Method::GET, &g, legal, None, StatusCode::OK).await;

    let request = json!({"area": "legal", "question": "Which company form suits a food truck?"});
    let body = expect(
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
    let bad = refused(
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
    let open = expect(
        &app,
        Method::GET,
        "/api/v1/advice-requests?area=legal&status=open",
        legal,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(open.as_array().map(Vec::len), Some(1));
    refused(
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
    broken(
        &app,
        post.clone(),
        &answer,
        tax,
        reply.clone(),
        "expert_area_mismatch",
    )
    .await;
    refused(
        &app,
        post.clone(),
        &answer,
        ana_t,
        reply.clone(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect(
        &app,
        post.clone(),
        &answer,
        legal,
        reply.clone(),
        StatusCode::CREATED,
    )
    .await;
    broken(
        &app,
        post.clone(),
        &answer,
        legal,
        reply,
        "advice_already_answered",
    )
    .await;
    refused(
        &app,
        Method::GET,
        &r,
        bea_t,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let view = expect(&app, Method::GET, &r, ana_t, None, StatusCode::OK).await;
    assert_eq!(
        (
            view["status"].as_str(),
            view["answer"]["expert_id"].as_str()
        ),
        (Some("answered"), Some("expert-eva"))
    );
    refused(
        &app,
        post.clone(),
        &format!("{r}/closure"),
        legal,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect(
        &app,
        post.clone(),
        &format!("{r}/closure"),
        ana_t,
        None,
        StatusCode::OK,
    )
    .await;
    broken(
        &app,
        post.clone(),
        &format!("{r}/closure"),
        ana_t,
        None,
        "advice_request_closed",
    )
    .await;

    expect(
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
    let body = expect(
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
    broken(
        &app,
        post.clone(),
        &late,
        legal,
        Some(json!({"text": "Yes."})),
        "expert_retired",
    )
    .await;

    assert_eq!(
        journey(&app, &ana).await,
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
        journey(&app, &bea).await,
        [
            "ParticipantRegistered",
            "AdviceGroupJoined",
            "AdviceRequested"
        ]
    );
}
on_both_backends!(it_answers_members_in_groups_and_participants_by_area);

fn rule_of(result: &Result<ruta_commands::CommandOutcome, CommandError>) -> Option<&'static str> {
    match result {
        Err(CommandError::Domain(DomainError::RuleBroken { rule, .. })) => Some(rule),
        _ => None,
    }
}

async fn it_applies_the_same_rules_on_the_import_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    let send = |id: &str, command: Value, ctx: &CommandContext| {
        let (x, id) = (x.clone(), id.to_owned());
        let ctx = ctx
            .clone()
            .with_command_id(uuid::Uuid::new_v4().to_string());
        async move { app::dispatch(&x, Some(&id), command, &ctx).await }
    };
    let import = staff();
    let tax = CommandContext::new("expert-rui", Role::Expert);
    let p1 = CommandContext::new("p1", Role::Participant);
    register(&x, "p1", "Ana").await;
    register(&x, "p2", "Bea").await;

    let expert =
        json!({"type": "RegisterExpert", "name": "Rui", "organisation": "GFA", "areas": ["tax"]});
    send("expert-rui", expert, &import)
        .await
        .expect("registers");
    let group =
        json!({"type": "CreateAdviceGroup", "topic": "VAT", "area": "tax", "title": "Tax desk"});
    send("g1", group.clone(), &import).await.expect("group");
    let by_participant = send("g2", group, &p1).await;
    assert!(
        matches!(
            by_participant,
            Err(CommandError::Domain(DomainError::Forbidden { .. }))
        ),
        "{by_participant:?}"
    );
    send(
        "g1",
        json!({"type": "JoinAdviceGroup", "participant_id": "p1"}),
        &p1,
    )
    .await
    .expect("joins");
    let ask = |p: &str| json!({"type": "AskInAdviceGroup", "question_id": "q1", "participant_id": p, "text": "IRS?"});
    assert_eq!(
        rule_of(&send("g1", ask("p2"), &import).await),
        Some("not_a_member")
    );
    send("g1", ask("p1"), &p1).await.expect("asks");
    let answer = json!({"type": "AnswerInAdviceGroup", "question_id": "q1", "text": "Yes."});
    let by_member = send("g1", answer.clone(), &p1).await;
    assert!(
        matches!(
            by_member,
            Err(CommandError::Domain(DomainError::Forbidden { .. }))
        ),
        "{by_member:?}"
    );
    send("g1", answer, &tax).await.expect("answers");

    let request = json!({"type": "RequestAdvice", "participant_id": "p2", "area": "marketing", "question": "Flyers?"});
    send("r1", request, &import).await.expect("requested");
    let reply = json!({"type": "AnswerAdviceRequest", "text": "Try social networks."});
    assert_eq!(
        rule_of(&send("r1", reply, &tax).await),
        Some("expert_area_mismatch")
    );
    let bad = send(
        "r1",
        json!({"type": "CloseAdviceRequest", "why": "done"}),
        &import,
    )
    .await;
    assert!(
        matches!(&bad, Err(CommandError::BadPayload { field, .. }) if field == "why"),
        "{bad:?}"
    );
}
on_both_backends!(it_applies_the_same_rules_on_the_import_path);
