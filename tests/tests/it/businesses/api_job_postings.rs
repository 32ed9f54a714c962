//! Job postings through the real router: posted by a founder, applied to once per
//! participant, filled from among the applicants, closed; and the journeys they appear in.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::businesses::api_businesses::{business_json, create_business};
use crate::on_both_backends;
use crate::support::financing_helpers::{assert_rule, assert_status, post};
use crate::support::http::{journey_event_types, register_participant};
use crate::support::{spawn_app, TestDb};

async fn it_posts_fills_and_closes_jobs(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = app.staff_token.clone();
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let (carl, carl_token) = register_participant(&app, "Carl Sousa").await;
    let (eve, eve_token) = register_participant(&app, "Eve Costa").await;
    let sabores = create_business(&app, &ana_token, business_json(&[&ana], "ES")).await;
    let root = "/api/v1/job-postings";
    let job = |business: &str| {
        Some(json!({"business_id": business, "title": "Cook",
            "description": "Tapas and petiscos", "employment": "part_time"}))
    };

    assert_status(
        &post(&app, root, &carl_token, job(&sabores)).await,
        StatusCode::FORBIDDEN,
    );
    assert_status(
        &post(&app, root, &staff, job("nope")).await,
        StatusCode::NOT_FOUND,
    );
    let (status, body) = post(&app, root, &ana_token, job(&sabores)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let cook = body["aggregate_id"].as_str().expect("id").to_owned();
    let at = |id: &str, step: &str| format!("{root}/{id}/{step}");

    let apply = |who: &str| Some(json!({ "participant_id": who }));
    let answer = post(&app, at(&cook, "applications"), &carl_token, apply(&carl)).await;
    assert_status(&answer, StatusCode::CREATED);
    let answer = post(&app, at(&cook, "applications"), &carl_token, apply(&carl)).await;
    assert_rule(&answer, "already_applied");
    let answer = post(&app, at(&cook, "applications"), &carl_token, apply(&eve)).await;
    assert_status(&answer, StatusCode::FORBIDDEN);
    let answer = post(&app, at(&cook, "applications"), &staff, apply("ghost")).await;
    assert_status(&answer, StatusCode::NOT_FOUND);

    let fill = |who: &str| Some(json!({ "participant_id": who }));
    let answer = post(&app, at(&cook, "filling"), &ana_token, fill(&eve)).await;
    assert_rule(&answer, "not_an_applicant");
    let answer = post(&app, at(&cook, "filling"), &carl_token, fill(&carl)).await;
    assert_status(&answer, StatusCode::FORBIDDEN);
    let answer = post(&app, at(&cook, "filling"), &ana_token, fill(&carl)).await;
    assert_status(&answer, StatusCode::OK);
    let answer = post(&app, at(&cook, "applications"), &eve_token, apply(&eve)).await;
    assert_rule(&answer, "job_posting_not_open");

    let (_, _, seen_by_eve) = app
        .send(
            Method::GET,
            &format!("{root}/{cook}"),
            Some(&eve_token),
            None,
        )
        .await;
    assert_eq!(seen_by_eve["status"], "filled");
    assert_eq!(seen_by_eve["applicants"], 1);
    assert!(seen_by_eve.get("applicant_ids").is_none(), "{seen_by_eve}");
    let (_, _, seen_by_ana) = app
        .send(
            Method::GET,
            &format!("{root}/{cook}"),
            Some(&ana_token),
            None,
        )
        .await;
    assert_eq!(seen_by_ana["applicant_ids"], json!([carl]));
    assert_eq!(seen_by_ana["hired_participant_id"], carl.as_str());

    let (_, body) = post(&app, root, &staff, job(&sabores)).await;
    let waiter = body["aggregate_id"].as_str().expect("id").to_owned();
    assert_status(
        &post(&app, at(&waiter, "closure"), &ana_token, None).await,
        StatusCode::OK,
    );
    let answer = post(&app, at(&waiter, "applications"), &eve_token, apply(&eve)).await;
    assert_rule(&answer, "job_posting_not_open");
    assert_rule(
        &post(&app, at(&waiter, "closure"), &staff, None).await,
        "job_posting_not_open",
    );

    let close = Some(json!({"on": "2015-06-30", "reason": "Retired"}));
    let closure = format!("/api/v1/businesses/{sabores}/closure");
    assert_status(
        &post(&app, &closure, &ana_token, close).await,
        StatusCode::OK,
    );
    assert_rule(
        &post(&app, root, &ana_token, job(&sabores)).await,
        "business_closed",
    );

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
