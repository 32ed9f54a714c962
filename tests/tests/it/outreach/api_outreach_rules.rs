//! Every outreach, newsletter, news and cooperation network rule broken over HTTP answers
//! problem+json and appends nothing.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::on_both_backends;
use crate::outreach::api_outreach::{created_id, network_json};
use crate::support::http::{assert_problem, register_participant};
use crate::support::{event_count, spawn_app, TestDb};

async fn it_answers_every_broken_outreach_rule_with_a_problem(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (_, ana_token) = register_participant(&app, "Ana").await;
    let ana = Some(ana_token.as_str());
    let (_, _, body) = app
        .send(
            Method::POST,
            "/api/v1/outreach-campaigns",
            staff,
            Some(json!({"name": "Spring", "organiser": "CEEI"})),
        )
        .await;
    let reach = format!("/api/v1/outreach-campaigns/{}/reach", created_id(&body));
    let (_, _, body) = app
        .send(
            Method::POST,
            "/api/v1/cooperation-networks",
            staff,
            Some(network_json()),
        )
        .await;
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
    let cases = [
        (
            reach.clone(),
            staff,
            radio(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "people_reached")),
        ),
        (
            reach.clone(),
            staff,
            json!({"channel": "pigeons", "people_reached": 3, "on": "2014-04-30"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "channel")),
        ),
        (
            reach.clone(),
            ana,
            radio(10),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            "/api/v1/outreach-campaigns/none/reach".to_owned(),
            staff,
            radio(10),
            StatusCode::NOT_FOUND,
            "not-found",
            None,
        ),
        (
            "/api/v1/outreach-campaigns".to_owned(),
            ana,
            json!({"name": "x", "organiser": "y"}),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            "/api/v1/newsletters".to_owned(),
            staff,
            letter(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "recipients")),
        ),
        (
            "/api/v1/newsletters".to_owned(),
            ana,
            letter(5),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            "/api/v1/news".to_owned(),
            ana,
            news.clone(),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            "/api/v1/news".to_owned(),
            staff,
            json!({"title": "t", "body": " ", "language": "es"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "body")),
        ),
        (
            "/api/v1/cooperation-networks".to_owned(),
            staff,
            one_org,
            StatusCode::UNPROCESSABLE_ENTITY,
            "rule-broken",
            Some(("rule", "cooperation_network_needs_two_organisations")),
        ),
        (
            "/api/v1/cooperation-networks".to_owned(),
            staff,
            twice,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "organisations")),
        ),
        (
            "/api/v1/cooperation-networks".to_owned(),
            ana,
            network_json(),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            members.clone(),
            staff,
            json!({"name": "CEEI HUELVA", "country": "es"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "rule-broken",
            Some(("rule", "organisation_already_member")),
        ),
        (
            members.clone(),
            staff,
            json!({"name": "NERA", "country": "Portugal"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some(("field", "organisation")),
        ),
        (
            members.clone(),
            ana,
            json!({"name": "NERA", "country": "PT"}),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
    ];
    for (path, token, body, status, slug, code) in cases {
        let answer = app.send(Method::POST, &path, token, Some(body)).await;
        assert_problem(&answer, status, slug, code);
    }
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
        let (got, headers, body) = app.send(Method::GET, path, token, None).await;
        assert_eq!(got, status, "GET {path}: {body}");
        assert_eq!(headers["content-type"], "application/problem+json");
    }
}
on_both_backends!(it_answers_every_broken_outreach_rule_with_a_problem);
