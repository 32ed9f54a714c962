//! Every outreach, newsletter, news and cooperation network rule broken over HTTP answers
//! problem+json and appends nothing.

use reqwest::StatusCode;
use serde_json::json;

use crate::on_both_backends;
use crate::outreach::api_outreach::network_json;
use crate::support::http::{created_id, register_participant};
use crate::support::{event_count, spawn_app, TestDb};

async fn it_answers_every_broken_outreach_rule_with_a_problem(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (_, ana_token) = register_participant(&app, "Ana").await;
    let ana = Some(ana_token.as_str());
    let spring = json!({"name": "Spring", "organiser": "CEEI"});
    let (_, _, body) = app
        .post("/api/v1/outreach-campaigns", staff, spring)
        .send()
        .await;
    let reach = format!("/api/v1/outreach-campaigns/{}/reach", created_id(&body));
    let networks = "/api/v1/cooperation-networks";
    let (_, _, body) = app.post(networks, staff, network_json()).send().await;
    let members = format!("/api/v1/cooperation-networks/{}/members", created_id(&body));
    let before = event_count(&app.db).await;

    let mut one_org = network_json();
    one_org["organisations"] = json!([{"name": "CEEI Huelva", "country": "ES"}]);
    let mut twice = network_json();
    twice["organisations"][1] = json!({"name": "ceei huelva", "country": "ES"});
    let radio =
        |people: i64| json!({"channel": "radio", "people_reached": people, "on": "2014-04-30"});
    let news = json!({"title": "t", "body": "b", "language": "es"});
    let letter =
        |recipients: i64| json!({"subject": "s", "recipients": recipients, "languages": ["pt"]});
    app.post(&reach, staff, radio(0))
        .invalid("people_reached")
        .await;
    let pigeons = json!({"channel": "pigeons", "people_reached": 3, "on": "2014-04-30"});
    app.post(&reach, staff, pigeons).invalid("channel").await;
    app.post(&reach, ana, radio(10)).forbidden().await;
    let nowhere = "/api/v1/outreach-campaigns/none/reach";
    app.post(nowhere, staff, radio(10)).not_found().await;
    let campaign = json!({"name": "x", "organiser": "y"});
    app.post("/api/v1/outreach-campaigns", ana, campaign)
        .forbidden()
        .await;
    let newsletters = "/api/v1/newsletters";
    app.post(newsletters, staff, letter(0))
        .invalid("recipients")
        .await;
    app.post(newsletters, ana, letter(5)).forbidden().await;
    app.post("/api/v1/news", ana, news).forbidden().await;
    let blank = json!({"title": "t", "body": " ", "language": "es"});
    app.post("/api/v1/news", staff, blank).invalid("body").await;
    app.post(networks, staff, one_org)
        .rule("cooperation_network_needs_two_organisations")
        .await;
    app.post(networks, staff, twice)
        .invalid("organisations")
        .await;
    app.post(networks, ana, network_json()).forbidden().await;
    let shouting = json!({"name": "CEEI HUELVA", "country": "es"});
    app.post(&members, staff, shouting)
        .rule("organisation_already_member")
        .await;
    let spelled_out = json!({"name": "NERA", "country": "Portugal"});
    app.post(&members, staff, spelled_out)
        .invalid("organisation")
        .await;
    let nera = json!({"name": "NERA", "country": "PT"});
    app.post(&members, ana, nera).forbidden().await;
    assert_eq!(
        event_count(&app.db).await,
        before,
        "refusals append nothing"
    );

    let reads = [
        (
            "/api/v1/outreach-campaigns/none",
            staff,
            StatusCode::NOT_FOUND,
        ),
        ("/api/v1/news/none", None, StatusCode::NOT_FOUND),
        (
            "/api/v1/cooperation-networks/none",
            None,
            StatusCode::NOT_FOUND,
        ),
        ("/api/v1/newsletters/none", staff, StatusCode::NOT_FOUND),
        ("/api/v1/newsletters/none", ana, StatusCode::FORBIDDEN),
        (
            "/api/v1/outreach-campaigns/none",
            None,
            StatusCode::UNAUTHORIZED,
        ),
    ];
    for (path, token, status) in reads {
        app.get(path, token).expect(status).await;
    }
}
on_both_backends!(it_answers_every_broken_outreach_rule_with_a_problem);
