//! Outreach campaigns, newsletters, news and cooperation networks through the real router,
//! and the same rules on the import path. The broken rules over HTTP are in
//! `api_outreach_rules.rs`.

use reqwest::StatusCode;
use ruta_commands::{app::dispatch, CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::events::api_events::rule_of;
use crate::on_both_backends;
use crate::support::http::created_id;
use crate::support::{spawn_app, staff, TestDb};

pub(crate) fn network_json() -> Value {
    json!({
        "name": "Red Guadiana", "purpose": "Shared mentoring for migrant entrepreneurs",
        "organisations": [
            {"name": "CEEI Huelva", "country": "ES"},
            {"name": "Ayuntamiento de Lepe", "country": "es"}
        ]
    })
}

async fn it_records_outreach_news_and_networks(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let analyst = ruta_api::auth::create_token(&app.db, Role::Analyst, None, None)
        .await
        .expect("token");

    let spring = json!({"name": "Spring 2014", "organiser": "CEEI Algarve"});
    let (status, headers, body) = app
        .post("/api/v1/outreach-campaigns", staff, spring)
        .send()
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let campaign = headers["location"].to_str().expect("location").to_owned();
    for (channel, people) in [("radio", 5000), ("facebook", 1200), ("radio", 800)] {
        let reach = json!({"channel": channel, "people_reached": people,
            "on": "2014-04-30", "municipality": "Faro"});
        let body = app
            .post(format!("{campaign}/reach"), staff, reach)
            .created()
            .await;
        assert_eq!(body["events"][0]["event_type"], "OutreachReachRecorded");
    }
    let view = app.get(&campaign, Some(&analyst)).ok().await;
    assert_eq!(
        view["reached_by_channel"],
        json!({"radio": 5800, "facebook": 1200})
    );
    assert_eq!(
        (&view["total_reached"], &view["records"]),
        (&json!(7000), &json!(3))
    );

    let letter =
        json!({"subject": "Ruta CECE nº 3", "recipients": 1200, "languages": ["es", "pt"]});
    let (status, headers, body) = app.post("/api/v1/newsletters", staff, letter).send().await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["events"][0]["event_type"], "NewsletterSent");
    let newsletter = headers["location"].to_str().expect("location").to_owned();
    let (_, _, view) = app.get(&newsletter, staff).send().await;
    assert_eq!(view["recipients"], 1200);

    let post = json!({"title": "Nuevo foro", "body": "Inscripciones abiertas", "language": "es"});
    let body = app.post("/api/v1/news", staff, post).created().await;
    let news = created_id(&body);
    let (status, _, view) = app.get(format!("/api/v1/news/{news}"), None).send().await;
    assert_eq!(
        (status, &view["title"]),
        (StatusCode::OK, &json!("Nuevo foro"))
    );
    let (_, _, wall) = app.get("/api/v1/news", None).send().await;
    assert_eq!(wall[0]["id"], news.as_str());

    let networks = "/api/v1/cooperation-networks";
    let body = app.post(networks, staff, network_json()).created().await;
    let network = format!("{networks}/{}", created_id(&body));
    let (_, _, view) = app.get(&network, None).send().await;
    assert_eq!(
        (&view["cross_border"], &view["countries"]),
        (&json!(false), &json!(["ES"]))
    );
    let nera = json!({"name": "NERA", "country": "PT"});
    app.post(format!("{network}/members"), staff, nera)
        .created()
        .await;
    let (_, _, view) = app.get(&network, None).send().await;
    assert_eq!(view["cross_border"], true);
    assert_eq!(
        view["organisations"][2],
        json!({"name": "NERA", "country": "PT"})
    );
    let (_, _, all) = app.get(networks, None).send().await;
    assert_eq!(all.as_array().map(Vec::len), Some(1));
}
on_both_backends!(it_records_outreach_news_and_networks);

async fn it_holds_the_same_rules_on_the_import_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    let commands = [
        (
            "camp-1",
            json!({"type": "CreateOutreachCampaign", "name": "Spring", "organiser": "CEEI"}),
            "outreach_campaign_already_exists",
        ),
        (
            "nl-1",
            json!({"type": "SendNewsletter", "subject": "nº 1", "recipients": 900, "languages": ["es"]}),
            "newsletter_already_sent",
        ),
        (
            "news-1",
            json!({"type": "PostNews", "title": "t", "body": "b", "language": "pt"}),
            "news_already_posted",
        ),
        (
            "net-1",
            {
                let mut n = network_json();
                n["type"] = json!("EstablishCooperationNetwork");
                n
            },
            "cooperation_network_already_established",
        ),
        (
            "net-1",
            json!({"type": "JoinCooperationNetwork", "organisation": {"name": "NERA", "country": "PT"}}),
            "organisation_already_member",
        ),
    ];
    for (id, command, rule) in commands {
        dispatch(&x, Some(id), command.clone(), &staff())
            .await
            .expect("first time applies");
        let again = dispatch(&x, Some(id), command, &staff()).await;
        assert_eq!(rule_of(again), rule);
    }
    let reach = json!({"type": "RecordOutreachReach", "channel": "tv", "people_reached": 0, "on": "2014-06-01"});
    let refused = dispatch(&x, Some("camp-1"), reach, &staff()).await;
    assert!(matches!(
        refused,
        Err(CommandError::Domain(DomainError::Invalid {
            field: "people_reached",
            ..
        }))
    ));
    let as_participant = CommandContext::new("p-1", Role::Participant);
    let news = json!({"type": "PostNews", "title": "t", "body": "b", "language": "pt"});
    let refused = dispatch(&x, Some("news-2"), news, &as_participant).await;
    assert!(matches!(
        refused,
        Err(CommandError::Domain(DomainError::Forbidden { .. }))
    ));
    let network = x
        .load::<ruta_domain::outreach::cooperation_network::CooperationNetwork>("net-1")
        .await
        .expect("loads")
        .expect("exists");
    assert!(network.cross_border, "ES founders, a PT member joined");
}
on_both_backends!(it_holds_the_same_rules_on_the_import_path);
