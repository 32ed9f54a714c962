//! Businesses and job postings through the real router: the happy path, every rule broken
//! once, the founders' and the applicant's journeys, and the import path.

use reqwest::{Method, StatusCode};
use ruta_commands::app::dispatch;
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::financing_helpers::{assert_invalid, assert_rule, assert_status, post};
use crate::support::http::{journey_event_types, register_participant};
use crate::support::{event_count, register, spawn_app, staff, TestApp, TestDb};

pub(crate) fn business_json(founders: &[&str], country: &str) -> Value {
    json!({
        "founder_ids": founders, "name": "Sabores de Lepe", "sector": "Food",
        "legal_form": "limited_company", "country": country, "municipality": "Lepe",
        "founded_on": "2014-03-01", "ecommerce": true
    })
}

pub(crate) async fn create_business(app: &TestApp, token: &str, body: Value) -> String {
    let (status, body) = post(app, "/api/v1/businesses", token, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["aggregate_id"].as_str().expect("id").to_owned()
}

fn outside(name: &str, country: &str, kind: &str, cross_border: bool) -> Value {
    json!({"counterpart": {"type": "outside_organisation", "name": name, "country": country},
        "kind": kind, "cross_border": cross_border})
}

fn on_platform(business_id: &str, cross_border: bool) -> Value {
    json!({"counterpart": {"type": "platform_business", "business_id": business_id},
        "kind": "customer", "cross_border": cross_border})
}

async fn it_runs_a_business_from_creation_to_closure(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = app.staff_token.clone();
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let (bea, bea_token) = register_participant(&app, "Bea Lima").await;
    let (carl, carl_token) = register_participant(&app, "Carl Sousa").await;
    let root = "/api/v1/businesses";

    let before = event_count(&app.db).await;
    let answer = post(&app, root, &carl_token, Some(business_json(&[&ana], "ES"))).await;
    assert_status(&answer, StatusCode::FORBIDDEN);
    let answer = post(
        &app,
        root,
        &staff,
        Some(business_json(&[&ana, "ghost"], "ES")),
    )
    .await;
    assert_rule(&answer, "founder_not_registered");
    assert_invalid(
        &post(&app, root, &staff, Some(business_json(&[], "ES"))).await,
        "founder_ids",
    );
    let mut bad = business_json(&[&ana], "ES");
    bad["legal_form"] = json!("plc");
    assert_invalid(&post(&app, root, &staff, Some(bad)).await, "legal_form");
    assert_eq!(
        event_count(&app.db).await,
        before,
        "refusals append nothing"
    );

    // A participant registers a business with themselves as its only founder; co-founders
    // are recorded by staff.
    let answer = post(
        &app,
        root,
        &ana_token,
        Some(business_json(&[&ana, &bea], "ES")),
    )
    .await;
    assert_status(&answer, StatusCode::FORBIDDEN);
    let (dora, dora_token) = register_participant(&app, "Dora Reis").await;
    create_business(&app, &dora_token, business_json(&[&dora], "ES")).await;
    let sabores = create_business(&app, &staff, business_json(&[&ana, &bea], "ES")).await;
    let algarve = create_business(&app, &staff, business_json(&[&carl], "PT")).await;
    let at = |step: &str| format!("{root}/{sabores}/{step}");

    let jobs = |direct: u32, indirect: u32, on: &str| {
        Some(json!({"direct": direct, "indirect": indirect, "on": on}))
    };
    assert_status(
        &post(&app, at("jobs"), &bea_token, jobs(2, 1, "2014-06-01")).await,
        StatusCode::CREATED,
    );
    assert_invalid(
        &post(&app, at("jobs"), &staff, jobs(0, 0, "2014-06-01")).await,
        "direct",
    );
    let answer = post(&app, at("jobs"), &staff, jobs(1, 0, "2014-02-28")).await;
    assert_rule(&answer, "date_before_founding");
    let answer = post(&app, at("jobs"), &carl_token, jobs(1, 0, "2014-06-01")).await;
    assert_status(&answer, StatusCode::FORBIDDEN);

    let b2b = at("b2b-relationships");
    let answer = post(&app, &b2b, &ana_token, Some(on_platform(&algarve, true))).await;
    assert_status(&answer, StatusCode::CREATED);
    let answer = post(&app, &b2b, &ana_token, Some(on_platform(&algarve, true))).await;
    assert_rule(&answer, "b2b_relationship_exists");
    let answer = post(&app, &b2b, &ana_token, Some(on_platform(&sabores, false))).await;
    assert_rule(&answer, "b2b_with_itself");
    let answer = post(&app, &b2b, &ana_token, Some(on_platform("nope", true))).await;
    assert_status(&answer, StatusCode::NOT_FOUND);
    // The same link recorded from the other side would count twice as a B2B relationship.
    let mut mirrored = on_platform(&sabores, true);
    mirrored["kind"] = json!("supplier");
    let back = format!("{root}/{algarve}/b2b-relationships");
    let answer = post(&app, &back, &carl_token, Some(mirrored)).await;
    assert_rule(&answer, "b2b_relationship_exists");
    let answer = post(
        &app,
        &b2b,
        &ana_token,
        Some(outside("Frutas", "ES", "supplier", true)),
    );
    assert_rule(&answer.await, "cross_border_mismatch");
    let answer = post(
        &app,
        &b2b,
        &ana_token,
        Some(outside("Frutas do Sul", "PT", "supplier", true)),
    );
    assert_status(&answer.await, StatusCode::CREATED);

    let restructure = json!({"name": "Sabores SL", "note": "New partner capital"});
    let answer = post(&app, at("restructuring"), &bea_token, Some(restructure)).await;
    assert_status(&answer, StatusCode::OK);
    let (status, _, view) = app
        .send(
            Method::GET,
            &format!("{root}/{sabores}"),
            Some(&carl_token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(
        (&view["version"], &view["name"], &view["status"]),
        (&json!(2), &json!("Sabores SL"), &json!("active"))
    );
    assert_eq!(
        (&view["direct_jobs"], &view["indirect_jobs"]),
        (&json!(2), &json!(1))
    );
    assert_eq!(view["relationships"].as_array().map(Vec::len), Some(2));

    let close = |on: &str| Some(json!({"on": on, "reason": "Moved to Seville"}));
    let algarve_closure = format!("{root}/{algarve}/closure");
    assert_status(
        &post(&app, &algarve_closure, &carl_token, close("2015-01-01")).await,
        StatusCode::OK,
    );
    let answer = post(
        &app,
        &b2b,
        &staff,
        Some(outside("Algarve", "PT", "partner", true)),
    )
    .await;
    assert_status(&answer, StatusCode::CREATED);
    let mut partner = on_platform(&algarve, true);
    partner["kind"] = json!("partner");
    assert_rule(
        &post(&app, &b2b, &staff, Some(partner)).await,
        "counterpart_business_closed",
    );

    let answer = post(&app, at("closure"), &ana_token, close("2013-12-31")).await;
    assert_rule(&answer, "date_before_founding");
    assert_status(
        &post(&app, at("closure"), &ana_token, close("2015-06-30")).await,
        StatusCode::OK,
    );
    let answer = post(&app, at("jobs"), &staff, jobs(1, 0, "2015-07-01")).await;
    assert_rule(&answer, "business_closed");
    let answer = post(
        &app,
        at("restructuring"),
        &staff,
        Some(json!({"note": "revive"})),
    )
    .await;
    assert_rule(&answer, "business_closed");

    let expected = [
        "ParticipantRegistered",
        "BusinessCreated",
        "BusinessJobsRecorded",
        "BusinessB2BRelationshipFormed",
        "BusinessB2BRelationshipFormed",
        "BusinessRestructured",
        "BusinessB2BRelationshipFormed",
        "BusinessClosed",
    ];
    assert_eq!(journey_event_types(&app, &ana).await, expected);
    assert_eq!(
        journey_event_types(&app, &bea).await,
        expected,
        "every founder's journey"
    );
    assert_eq!(
        journey_event_types(&app, &carl).await,
        ["ParticipantRegistered", "BusinessCreated", "BusinessClosed"]
    );
}
on_both_backends!(it_runs_a_business_from_creation_to_closure);

#[track_caller]
fn rule_of(result: &Result<ruta_commands::CommandOutcome, CommandError>) -> &'static str {
    match result {
        Err(CommandError::Domain(DomainError::RuleBroken { rule, .. })) => rule,
        other => panic!("expected a broken rule, got {other:?}"),
    }
}

async fn it_holds_the_same_business_rules_on_the_import_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    register(&x, "p-ana", "Ana Pérez").await;
    register(&x, "p-carl", "Carl Sousa").await;
    // a fresh context (command id) per command, as an importer sends them
    let ana = || CommandContext::new("p-ana", Role::Participant);
    // a fresh context (command id) per command, as an importer sends them
    let carl = || CommandContext::new("p-carl", Role::Participant);
    let mut create = business_json(&["p-ana"], "ES");
    create["type"] = json!("CreateBusiness");
    dispatch(&x, Some("b-1"), create.clone(), &ana())
        .await
        .expect("creates");
    assert_eq!(
        rule_of(&dispatch(&x, Some("b-1"), create, &ana()).await),
        "business_already_exists"
    );

    let before = event_count(&t.db).await;
    let mut b2b = on_platform("b-1", false);
    b2b["type"] = json!("FormB2BRelationship");
    assert_eq!(
        rule_of(&dispatch(&x, Some("b-1"), b2b, &ana()).await),
        "b2b_with_itself"
    );
    let jobs = json!({"type": "RecordJobs", "direct": 1, "indirect": 0, "on": "2014-05-01"});
    let by_stranger = dispatch(&x, Some("b-1"), jobs.clone(), &carl()).await;
    assert!(
        matches!(
            by_stranger,
            Err(CommandError::Domain(DomainError::Forbidden { .. }))
        ),
        "{by_stranger:?}"
    );
    assert_eq!(event_count(&t.db).await, before, "refusals append nothing");
    dispatch(&x, Some("b-1"), jobs, &ana()).await.expect("jobs");

    let post = json!({"type": "PostJob", "business_id": "b-1", "title": "Cook",
        "description": "Tapas", "employment": "full_time"});
    dispatch(&x, Some("j-1"), post, &ana())
        .await
        .expect("posts");
    let apply = json!({"type": "ApplyToJob", "participant_id": "p-carl"});
    dispatch(&x, Some("j-1"), apply.clone(), &carl())
        .await
        .expect("applies");
    assert_eq!(
        rule_of(&dispatch(&x, Some("j-1"), apply, &carl()).await),
        "already_applied"
    );
    let fill = json!({"type": "FillJob", "participant_id": "p-ana"});
    assert_eq!(
        rule_of(&dispatch(&x, Some("j-1"), fill, &staff()).await),
        "not_an_applicant"
    );
    let close = json!({"type": "CloseJobPosting", "reason": "x"});
    let unknown_field = dispatch(&x, Some("j-1"), close, &staff()).await;
    assert!(
        matches!(&unknown_field, Err(CommandError::BadPayload { field, .. }) if field == "reason"),
        "{unknown_field:?}"
    );
    dispatch(&x, Some("j-1"), json!({"type": "CloseJobPosting"}), &ana())
        .await
        .expect("closes");

    // A listing of the business, off the market for now.
    let mut listing = crate::marketplace::api_marketplace::listing_json("p-ana");
    listing["type"] = json!("CreateListing");
    listing["business_id"] = json!("b-1");
    for command in [
        listing,
        json!({"type": "PublishListing"}),
        json!({"type": "CloseListing"}),
    ] {
        dispatch(&x, Some("l-1"), command, &ana())
            .await
            .expect("listing steps");
    }

    let close = json!({"type": "CloseBusiness", "on": "2015-01-01", "reason": "Done"});
    dispatch(&x, Some("b-1"), close.clone(), &ana())
        .await
        .expect("closes");
    assert_eq!(
        rule_of(&dispatch(&x, Some("l-1"), json!({"type": "PublishListing"}), &staff()).await),
        "business_closed",
        "a closed business's listing stays off the market"
    );
    assert_eq!(
        rule_of(&dispatch(&x, Some("b-1"), close, &ana()).await),
        "business_closed"
    );
    let open = json!({"type": "OpenFinancingApplication", "participant_id": "p-ana",
        "business_id": "b-1", "purpose": "Relaunch", "amount_sought": "500.00"});
    assert_eq!(
        rule_of(&dispatch(&x, Some("fa-1"), open, &ana()).await),
        "business_closed"
    );
}
on_both_backends!(it_holds_the_same_business_rules_on_the_import_path);
