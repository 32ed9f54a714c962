//! Businesses and job postings through the real router: the happy path, every rule broken
//! once, the founders' and the applicant's journeys, and the import path.

use ruta_commands::app::dispatch;
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::on_both_backends;
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
    let body = app
        .post("/api/v1/businesses", Some(token), body)
        .created()
        .await;
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
    let (staff_t, ana_t) = (Some(staff.as_str()), Some(ana_token.as_str()));
    let (bea_t, carl_t) = (Some(bea_token.as_str()), Some(carl_token.as_str()));
    let root = "/api/v1/businesses";

    let before = event_count(&app.db).await;
    app.post(root, carl_t, business_json(&[&ana], "ES"))
        .forbidden()
        .await;
    app.post(root, staff_t, business_json(&[&ana, "ghost"], "ES"))
        .rule("founder_not_registered")
        .await;
    app.post(root, staff_t, business_json(&[], "ES"))
        .invalid("founder_ids")
        .await;
    let mut bad = business_json(&[&ana], "ES");
    bad["legal_form"] = json!("plc");
    app.post(root, staff_t, bad).invalid("legal_form").await;
    assert_eq!(
        event_count(&app.db).await,
        before,
        "refusals append nothing"
    );

    // A participant registers a business with themselves as its only founder; co-founders
    // are recorded by staff.
    app.post(root, ana_t, business_json(&[&ana, &bea], "ES"))
        .forbidden()
        .await;
    let (dora, dora_token) = register_participant(&app, "Dora Reis").await;
    create_business(&app, &dora_token, business_json(&[&dora], "ES")).await;
    let sabores = create_business(&app, &staff, business_json(&[&ana, &bea], "ES")).await;
    let algarve = create_business(&app, &staff, business_json(&[&carl], "PT")).await;
    let at = |step: &str| format!("{root}/{sabores}/{step}");

    let jobs = |direct: u32, indirect: u32, on: &str| {
        json!({"direct": direct, "indirect": indirect,
            "on": on})
    };
    app.post(at("jobs"), bea_t, jobs(2, 1, "2014-06-01"))
        .created()
        .await;
    app.post(at("jobs"), staff_t, jobs(0, 0, "2014-06-01"))
        .invalid("direct")
        .await;
    app.post(at("jobs"), staff_t, jobs(1, 0, "2014-02-28"))
        .rule("date_before_founding")
        .await;
    app.post(at("jobs"), carl_t, jobs(1, 0, "2014-06-01"))
        .forbidden()
        .await;

    let b2b = at("b2b-relationships");
    app.post(&b2b, ana_t, on_platform(&algarve, true))
        .created()
        .await;
    app.post(&b2b, ana_t, on_platform(&algarve, true))
        .rule("b2b_relationship_exists")
        .await;
    app.post(&b2b, ana_t, on_platform(&sabores, false))
        .rule("b2b_with_itself")
        .await;
    app.post(&b2b, ana_t, on_platform("nope", true))
        .not_found()
        .await;
    // The same link recorded from the other side would count twice as a B2B relationship.
    let mut mirrored = on_platform(&sabores, true);
    mirrored["kind"] = json!("supplier");
    let back = format!("{root}/{algarve}/b2b-relationships");
    app.post(&back, carl_t, mirrored)
        .rule("b2b_relationship_exists")
        .await;
    app.post(&b2b, ana_t, outside("Frutas", "ES", "supplier", true))
        .rule("cross_border_mismatch")
        .await;
    app.post(
        &b2b,
        ana_t,
        outside("Frutas do Sul", "PT", "supplier", true),
    )
    .created()
    .await;

    let restructure = json!({"name": "Sabores SL", "note": "New partner capital"});
    app.post(at("restructuring"), bea_t, restructure).ok().await;
    let view = app.get(format!("{root}/{sabores}"), carl_t).ok().await;
    assert_eq!(
        (&view["version"], &view["name"], &view["status"]),
        (&json!(2), &json!("Sabores SL"), &json!("active"))
    );
    assert_eq!(
        (&view["direct_jobs"], &view["indirect_jobs"]),
        (&json!(2), &json!(1))
    );
    assert_eq!(view["relationships"].as_array().map(Vec::len), Some(2));

    let close = |on: &str| json!({"on": on, "reason": "Moved to Seville"});
    let algarve_closure = format!("{root}/{algarve}/closure");
    app.post(&algarve_closure, carl_t, close("2015-01-01"))
        .ok()
        .await;
    app.post(&b2b, staff_t, outside("Algarve", "PT", "partner", true))
        .created()
        .await;
    let mut partner = on_platform(&algarve, true);
    partner["kind"] = json!("partner");
    app.post(&b2b, staff_t, partner)
        .rule("counterpart_business_closed")
        .await;

    app.post(at("closure"), ana_t, close("2013-12-31"))
        .rule("date_before_founding")
        .await;
    app.post(at("closure"), ana_t, close("2015-06-30"))
        .ok()
        .await;
    app.post(at("jobs"), staff_t, jobs(1, 0, "2015-07-01"))
        .rule("business_closed")
        .await;
    app.post(at("restructuring"), staff_t, json!({"note": "revive"}))
        .rule("business_closed")
        .await;

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
