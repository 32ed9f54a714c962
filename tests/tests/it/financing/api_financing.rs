//! Financing applications through the real router: every step in order, every rule broken
//! once, amounts as decimal strings, the applicant's journey, and the import path.

use reqwest::StatusCode;
use ruta_commands::app::dispatch;
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::{journey_event_types, register_participant};
use crate::support::{event_count, register, spawn_app, staff, TestDb};

async fn it_walks_a_financing_application_step_by_step(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let (_, bea_token) = register_participant(&app, "Bea Lima").await;
    let (ana_t, bea_t) = (Some(ana_token.as_str()), Some(bea_token.as_str()));
    let open = |participant: &str, amount: Value| {
        json!({"participant_id": participant, "purpose": "A food truck",
            "amount_sought": amount})
    };
    let root = "/api/v1/financing-applications";

    let before = event_count(&app.db).await;
    app.post(root, ana_t, open(&ana, json!(12500.0)))
        .invalid("amount_sought")
        .await;
    app.post(root, ana_t, open(&ana, json!("-5.00")))
        .invalid("amount_sought")
        .await;
    app.post(root, bea_t, open(&ana, json!("1.00")))
        .forbidden()
        .await;
    app.post(root, staff, open("nobody", json!("1.00")))
        .not_found()
        .await;
    assert_eq!(
        event_count(&app.db).await,
        before,
        "refusals append nothing"
    );

    let body = app
        .post(root, ana_t, open(&ana, json!("12500.00")))
        .created()
        .await;
    let id = body["aggregate_id"].as_str().expect("id").to_owned();
    let at = |step: &str| format!("{root}/{id}/{step}");

    let summary = json!({"summary": "x"});
    app.post(at("needs-assessment"), ana_t, summary)
        .forbidden()
        .await;
    let mita = json!({"partner_organisation": "Mita"});
    let answer = app
        .post(at("certification"), staff, mita)
        .rule("financing_step_out_of_order")
        .await;
    let detail = answer["detail"].as_str().unwrap_or("");
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
        app.post(at(step), staff, body).ok().await;
    }
    let out_of_order = "financing_step_out_of_order";
    let goteo = json!({"to": "Goteo"});
    app.post(at("submission"), staff, goteo)
        .rule(out_of_order)
        .await;
    let funds = |amount: &str| json!({ "amount": amount });
    app.post(at("funds-received"), staff, funds("1.00"))
        .rule(out_of_order)
        .await;
    let called = json!({"note": "Called"});
    app.post(at("follow-ups"), staff, called)
        .rule(out_of_order)
        .await;
    let approve = |amount: Value| json!({ "amount": amount });
    app.post(at("approval"), staff, approve(json!(10000)))
        .invalid("amount")
        .await;
    app.post(at("approval"), staff, approve(json!("12500.01")))
        .rule("approved_exceeds_amount_sought")
        .await;
    app.post(at("approval"), staff, approve(json!("10000.00")))
        .ok()
        .await;
    let late = json!({"reason": "late"});
    app.post(at("rejection"), staff, late)
        .rule(out_of_order)
        .await;

    app.post(at("funds-received"), staff, funds("10000.01"))
        .rule("funds_exceed_approved_amount")
        .await;
    for tranche in ["6000.00", "4000"] {
        app.post(at("funds-received"), staff, funds(tranche))
            .ok()
            .await;
    }
    app.post(at("funds-received"), staff, funds("0.01"))
        .rule("funds_exceed_approved_amount")
        .await;
    let bought = json!({"note": "Truck bought"});
    app.post(at("follow-ups"), staff, bought).created().await;

    let view = app.get(format!("{root}/{id}"), ana_t).ok().await;
    assert_eq!(view["stage"], "funds_received");
    assert_eq!(view["amount_sought"], "12500.00");
    assert_eq!(view["amount_approved"], "10000.00");
    assert_eq!(view["amount_received"], "10000.00");
    assert_eq!(view["channel"], "crowdfunding");
    let (status, _, _) = app.get(format!("{root}/{id}"), bea_t).send().await;
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
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let ana_t = Some(ana_token.as_str());
    let (bea, _) = register_participant(&app, "Bea Lima").await;
    let business = json!({
        "founder_ids": [bea], "name": "Bea's Bakery", "sector": "Food",
        "legal_form": "sole_trader", "country": "PT", "municipality": "Faro",
        "founded_on": "2014-01-10", "ecommerce": false
    });
    let body = app
        .post("/api/v1/businesses", staff, business)
        .created()
        .await;
    let bakery = body["aggregate_id"].as_str().expect("id").to_owned();
    let root = "/api/v1/financing-applications";
    let open = json!({"participant_id": ana, "business_id": bakery, "purpose": "Oven",
        "amount_sought": "3000.00"});
    app.post(root, ana_t, open)
        .rule("participant_not_a_founder")
        .await;

    let open = json!({"participant_id": ana, "purpose": "Oven", "amount_sought": "3000.00"});
    let body = app.post(root, ana_t, open).created().await;
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
        app.post(at(step), staff, body).ok().await;
    }
    let five = json!({"amount": "5"});
    app.post(at("funds-received"), staff, five)
        .rule("financing_step_out_of_order")
        .await;
    let goteo = json!({"note": "Try Goteo"});
    app.post(at("follow-ups"), staff, goteo).created().await;
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
