//! Job postings through the real router: posted by a founder, applied to once per
//! participant, filled from among the applicants, closed; and the journeys they appear in.

use serde_json::json;

use crate::businesses::api_businesses::{business_json, create_business};
use crate::on_both_backends;
use crate::support::http::{journey_event_types, register_participant};
use crate::support::{spawn_app, TestDb};

async fn it_posts_fills_and_closes_jobs(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let (carl, carl_token) = register_participant(&app, "Carl Sousa").await;
    let (eve, eve_token) = register_participant(&app, "Eve Costa").await;
    let sabores = create_business(&app, &ana_token, business_json(&[&ana], "ES")).await;
    let (ana_t, carl_t) = (Some(ana_token.as_str()), Some(carl_token.as_str()));
    let eve_t = Some(eve_token.as_str());
    let root = "/api/v1/job-postings";
    let job = |business: &str| {
        json!({"business_id": business, "title": "Cook",
            "description": "Tapas and petiscos", "employment": "part_time"})
    };

    app.post(root, carl_t, job(&sabores)).forbidden().await;
    app.post(root, staff, job("nope")).not_found().await;
    let body = app.post(root, ana_t, job(&sabores)).created().await;
    let cook = body["aggregate_id"].as_str().expect("id").to_owned();
    let at = |id: &str, step: &str| format!("{root}/{id}/{step}");

    let apply = |who: &str| json!({ "participant_id": who });
    let applications = at(&cook, "applications");
    app.post(&applications, carl_t, apply(&carl))
        .created()
        .await;
    app.post(&applications, carl_t, apply(&carl))
        .rule("already_applied")
        .await;
    app.post(&applications, carl_t, apply(&eve))
        .forbidden()
        .await;
    app.post(&applications, staff, apply("ghost"))
        .not_found()
        .await;

    let fill = |who: &str| json!({ "participant_id": who });
    let filling = at(&cook, "filling");
    app.post(&filling, ana_t, fill(&eve))
        .rule("not_an_applicant")
        .await;
    app.post(&filling, carl_t, fill(&carl)).forbidden().await;
    app.post(&filling, ana_t, fill(&carl)).ok().await;
    app.post(&applications, eve_t, apply(&eve))
        .rule("job_posting_not_open")
        .await;

    let (_, _, seen_by_eve) = app.get(format!("{root}/{cook}"), eve_t).send().await;
    assert_eq!(seen_by_eve["status"], "filled");
    assert_eq!(seen_by_eve["applicants"], 1);
    assert!(seen_by_eve.get("applicant_ids").is_none(), "{seen_by_eve}");
    let (_, _, seen_by_ana) = app.get(format!("{root}/{cook}"), ana_t).send().await;
    assert_eq!(seen_by_ana["applicant_ids"], json!([carl]));
    assert_eq!(seen_by_ana["hired_participant_id"], carl.as_str());

    let (_, _, body) = app.post(root, staff, job(&sabores)).send().await;
    let waiter = body["aggregate_id"].as_str().expect("id").to_owned();
    app.post(at(&waiter, "closure"), ana_t, None).ok().await;
    app.post(at(&waiter, "applications"), eve_t, apply(&eve))
        .rule("job_posting_not_open")
        .await;
    app.post(at(&waiter, "closure"), staff, None)
        .rule("job_posting_not_open")
        .await;

    let close = json!({"on": "2015-06-30", "reason": "Retired"});
    let closure = format!("/api/v1/businesses/{sabores}/closure");
    app.post(&closure, ana_t, close).ok().await;
    app.post(root, ana_t, job(&sabores))
        .rule("business_closed")
        .await;

    assert_eq!(
        journey_event_types(&app, &carl).await,
        [
            "ParticipantRegistered",
            "JobApplicationSubmitted",
            "JobPostingFilled"
        ]
    );
    assert_eq!(
        journey_event_types(&app, &ana).await,
        [
            "ParticipantRegistered",
            "BusinessCreated",
            "JobPosted",
            "JobPostingFilled",
            "JobPosted",
            "JobPostingClosed",
            "BusinessClosed",
        ]
    );
    assert_eq!(
        journey_event_types(&app, &eve).await,
        ["ParticipantRegistered"]
    );
}
on_both_backends!(it_posts_fills_and_closes_jobs);
