//! Financing applications through the real router: every step in order, every rule broken
//! once, amounts as decimal strings, the applicant's journey, and the import path.

use reqwest::{Method, StatusCode};
use ruta_commands::app::dispatch;
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::financing_helpers::{assert_invalid, assert_rule, assert_status, post};
use crate::support::http::{journey_event_types, register_participant};
use crate::support::{event_count, register, spawn_app, staff, TestDb};

async fn it_walks_a_financing_application_step_by_step(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = app.staff_token.clone();
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let (_, bea_token) = register_participant(&app, "Bea Lima").await;
    let open = |participant: &str, amount: Value| json!({"participant_id": participant, "purpose": "A food truck", "amount_sought": amount});
    let root = "/api/v1/financing-applications";

    let before = event_count(&app.db).await;
    assert_invalid(
        &post(&app, root, &ana_token, Some(open(&ana, json!(12500.0)))).await,
        "amount_sought",
    );
    assert_invalid(
        &post(&app, root, &ana_token, Some(open(&ana, json!("-5.00")))).await,
        "amount_sought",
    );
    let answer = post(&app, root, &bea_token, Some(open(&ana, json!("1.00")))).await;
    assert_status(&answer, StatusCode::FORBIDDEN);
    let answer = post(&app, root, &staff, Some(open("nobody", json!("1.00")))).await;
    assert_status(&answer, StatusCode::NOT_FOUND);
    assert_eq!(
        event_count(&app.db).await,
        before,
        "refusals append nothing"
    );

    let (status, body) = post(&app, root, &ana_token, Some(open(&ana, json!("12500.00")))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["aggregate_id"].as_str().expect("id").to_owned();
    let at = |step: &str| format!("{root}/{id}/{step}");

    let answer = post(
        &app,
        at("needs-assessment"),
        &ana_token,
        Some(json!({"summary": "x"})),
    );
    assert_status(&answer.await, StatusCode::FORBIDDEN);
    let answer = post(
        &app,
        at("certification"),
        &staff,
        Some(json!({"partner_organisation": "Mita"})),
    );
    let answer = answer.await;
    assert_rule(&answer, "financing_step_out_of_order");
    let detail = answer.1["detail"].as_str().unwrap_or("");
    assert!(
        detail.contains("needs assessment"),
        "names the expected step: {detail}"
    );

    let steps = [
        (
            "needs-assessment",
            json!({"summary": "Needs a vehicle and a licence"}),
        ),
        (
            "recommendation",
            json!({"channel": "crowdfunding", "name": "Goteo"}),
        ),
        ("certification", json!({"partner_organisation": "Mita"})),
        ("submission", json!({"to": "Goteo"})),
    ];
    for (step, body) in steps {
        assert_status(
            &post(&app, at(step), &staff, Some(body)).await,
            StatusCode::OK,
        );
    }
    let answer = post(&app, at("submission"), &staff, Some(json!({"to": "Goteo"}))).await;
    assert_rule(&answer, "financing_step_out_of_order");
    let answer = post(
        &app,
        at("funds-received"),
        &staff,
        Some(json!({"amount": "1.00"})),
    );
    assert_rule(&answer.await, "financing_step_out_of_order");
    let answer = post(
        &app,
        at("follow-ups"),
        &staff,
        Some(json!({"note": "Called"})),
    );
    assert_rule(&answer.await, "financing_step_out_of_order");
    let approve = |amount: Value| json!({ "amount": amount });
    let answer = post(&app, at("approval"), &staff, Some(approve(json!(10000))));
    assert_invalid(&answer.await, "amount");
    let answer = post(
        &app,
        at("approval"),
        &staff,
        Some(approve(json!("12500.01"))),
    );
    assert_rule(&answer.await, "approved_exceeds_amount_sought");
    let answer = post(
        &app,
        at("approval"),
        &staff,
        Some(approve(json!("10000.00"))),
    );
    assert_status(&answer.await, StatusCode::OK);
    let answer = post(
        &app,
        at("rejection"),
        &staff,
        Some(json!({"reason": "late"})),
    );
    assert_rule(&answer.await, "financing_step_out_of_order");

    let funds = |amount: &str| Some(json!({ "amount": amount }));
    let answer = post(&app, at("funds-received"), &staff, funds("10000.01")).await;
    assert_rule(&answer, "funds_exceed_approved_amount");
    for tranche in ["6000.00", "4000"] {
        let answer = post(&app, at("funds-received"), &staff, funds(tranche)).await;
        assert_status(&answer, StatusCode::OK);
    }
    let answer = post(&app, at("funds-received"), &staff, funds("0.01")).await;
    assert_rule(&answer, "funds_exceed_approved_amount");
    let answer = post(
        &app,
        at("follow-ups"),
        &staff,
        Some(json!({"note": "Truck bought"})),
    );
    assert_status(&answer.await, StatusCode::CREATED);

    let (status, _, view) = app
        .send(Method::GET, &format!("{root}/{id}"), Some(&ana_token), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["stage"], "funds_received");
    assert_eq!(view["amount_sought"], "12500.00");
    assert_eq!(view["amount_approved"], "10000.00");
    assert_eq!(view["amount_received"], "10000.00");
    assert_eq!(view["channel"], "crowdfunding");
    let (status, _, _) = app
        .send(Method::GET, &format!("{root}/{id}"), Some(&bea_token), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    assert_eq!(
        journey_event_types(&app, &ana).await,
        [
            "ParticipantRegistered",
            "FinancingApplicationOpened",
            "FinancingNeedsAssessed",
            "FinancingChannelRecommended",
            "FinancingProjectCertified",
            "FinancingRequestSubmitted",
            "FinancingApproved",
            "FinancingFundsReceived",
            "FinancingFundsReceived",
            "FinancingFollowUpRecorded",
        ]
    );
}
on_both_backends!(it_walks_a_financing_application_step_by_step);

async fn it_follows_up_a_rejection_and_finances_only_founded_businesses(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = app.staff_token.clone();
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let (bea, _) = register_participant(&app, "Bea Lima").await;
    let business = json!({
        "founder_ids": [bea], "name": "Bea's Bakery", "sector": "Food",
        "legal_form": "sole_trader", "country": "PT", "municipality": "Faro",
        "founded_on": "2014-01-10", "ecommerce": false
    });
    let (status, body) = post(&app, "/api/v1/businesses", &staff, Some(business)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let bakery = body["aggregate_id"].as_str().expect("id").to_owned();
    let root = "/api/v1/financing-applications";
    let open = json!({"participant_id": ana, "business_id": bakery, "purpose": "Oven",
        "amount_sought": "3000.00"});
    let answer = post(&app, root, &ana_token, Some(open)).await;
    assert_rule(&answer, "participant_not_a_founder");

    let open = json!({"participant_id": ana, "purpose": "Oven", "amount_sought": "3000.00"});
    let (status, body) = post(&app, root, &ana_token, Some(open)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let at = |step: &str| {
        format!(
            "{root}/{}/{step}",
            body["aggregate_id"].as_str().unwrap_or("")
        )
    };
    let steps = [
        ("needs-assessment", json!({"summary": "An oven"})),
        (
            "recommendation",
            json!({"channel": "bank", "name": "Caixa"}),
        ),
        ("certification", json!({"partner_organisation": "UATAE"})),
        ("submission", json!({"to": "Caixa"})),
        ("rejection", json!({"reason": "No guarantee"})),
    ];
    for (step, body) in steps {
        assert_status(
            &post(&app, at(step), &staff, Some(body)).await,
            StatusCode::OK,
        );
    }
    let answer = post(
        &app,
        at("funds-received"),
        &staff,
        Some(json!({"amount": "5"})),
    );
    assert_rule(&answer.await, "financing_step_out_of_order");
    let answer = post(
        &app,
        at("follow-ups"),
        &staff,
        Some(json!({"note": "Try Goteo"})),
    );
    assert_status(&answer.await, StatusCode::CREATED);
    let journey = journey_event_types(&app, &ana).await;
    assert_eq!(
        journey.last().map(String::as_str),
        Some("FinancingFollowUpRecorded")
    );
    assert!(journey.iter().any(|e| e == "FinancingRejected"));
}
on_both_backends!(it_follows_up_a_rejection_and_finances_only_founded_businesses);

#[track_caller]
fn assert_domain_rule(result: Result<ruta_commands::CommandOutcome, CommandError>, rule: &str) {
    match result {
        Err(CommandError::Domain(DomainError::RuleBroken { rule: got, .. })) => {
            assert_eq!(got, rule);
        }
        other => panic!("expected rule {rule}, got {other:?}"),
    }
}

async fn it_holds_the_same_rules_on_the_import_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    register(&x, "p-ana", "Ana Pérez").await;
    // a fresh context (command id) per command, as an importer sends them
    let ana = || CommandContext::new("p-ana", Role::Participant);
    let id = Some("fa-1");
    let opened = dispatch(
        &x,
        id,
        json!({"type": "OpenFinancingApplication", "participant_id": "p-ana",
            "purpose": "Food truck", "amount_sought": "12500.00"}),
        &ana(),
    )
    .await
    .expect("opens");
    assert_eq!(opened.events[0].event_type, "FinancingApplicationOpened");

    let before = event_count(&t.db).await;
    let out_of_order = dispatch(
        &x,
        id,
        json!({"type": "CertifyFinancingProject", "partner_organisation": "Mita"}),
        &staff(),
    )
    .await;
    assert_domain_rule(out_of_order, "financing_step_out_of_order");
    let by_participant = dispatch(
        &x,
        id,
        json!({"type": "AssessFinancingNeeds", "summary": "mine"}),
        &ana(),
    )
    .await;
    assert!(
        matches!(
            by_participant,
            Err(CommandError::Domain(DomainError::Forbidden { .. }))
        ),
        "{by_participant:?}"
    );
    let float = dispatch(
        &x,
        Some("fa-2"),
        json!({"type": "OpenFinancingApplication", "participant_id": "p-ana",
            "purpose": "Food truck", "amount_sought": 12500.5}),
        &ana(),
    )
    .await;
    assert!(
        matches!(&float, Err(CommandError::BadPayload { field, .. }) if field == "amount_sought"),
        "{float:?}"
    );
    let again = dispatch(
        &x,
        id,
        json!({"type": "OpenFinancingApplication", "participant_id": "p-ana",
            "purpose": "Food truck", "amount_sought": "1.00"}),
        &ana(),
    )
    .await;
    assert_domain_rule(again, "financing_application_already_exists");
    assert_eq!(event_count(&t.db).await, before, "refusals append nothing");

    for step in [
        json!({"type": "AssessFinancingNeeds", "summary": "A vehicle"}),
        json!({"type": "RecommendFinancingChannel", "channel": "bank", "name": "Caixa"}),
        json!({"type": "CertifyFinancingProject", "partner_organisation": "Mita"}),
        json!({"type": "SubmitFinancingRequest", "to": "Caixa"}),
        json!({"type": "ApproveFinancing", "amount": "12000.00"}),
    ] {
        dispatch(&x, id, step, &staff()).await.expect("step");
    }
    let too_much = dispatch(
        &x,
        id,
        json!({"type": "RecordFundsReceived", "amount": "12000.01"}),
        &staff(),
    )
    .await;
    assert_domain_rule(too_much, "funds_exceed_approved_amount");
    dispatch(
        &x,
        id,
        json!({"type": "RecordFundsReceived", "amount": "12000.00"}),
        &staff(),
    )
    .await
    .expect("funds");
}
on_both_backends!(it_holds_the_same_rules_on_the_import_path);
