//! Public search through the real router: typos, languages, every filter, facets, pages,
//! read-your-writes with `after`, and documents leaving when a course retires or a listing
//! closes.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::on_every_engine;
use crate::support::http::register_participant;
use crate::support::{spawn_app, TestApp, TestDb};

/// Searches with `after` set to `position` (so the catalogue has caught up) and returns
/// the answer. A 503 `not-caught-up` (the server waits 2 s; a Meilisearch shared by every
/// test runs their tasks one by one) is retried, as the problem tells a client to, for up to
/// 60 s.
pub(crate) async fn search(app: &TestApp, path: &str, position: i64) -> Value {
    let sep = if path.contains('?') { '&' } else { '?' };
    let path = format!("{path}{sep}after={position}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let (status, _, answer) = app.get(&path, None).send().await;
        let behind = status == StatusCode::SERVICE_UNAVAILABLE
            && answer["type"] == "urn:ruta:problem:not-caught-up";
        if !behind || std::time::Instant::now() > deadline {
            return app.get(&path, None).ok().await;
        }
    }
}

fn sorted<const N: usize>(mut ids: [&str; N]) -> [&str; N] {
    ids.sort_unstable();
    ids
}

pub(crate) fn ids(answer: &Value) -> Vec<String> {
    let mut ids: Vec<String> = answer["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

/// Creates and publishes a course; returns its id and the position of its publication.
async fn course(app: &TestApp, titles: Value, topic: &str, hours: u32) -> (String, i64) {
    let staff = Some(app.staff_token.as_str());
    let body = json!({"titles": titles, "descriptions": {},
        "topic": topic, "hours": hours, "pass_mark": 50, "max_exam_attempts": 3});
    let created = app.post("/api/v1/courses", staff, body).succeeds().await;
    let id = created["aggregate_id"].as_str().expect("id").to_owned();
    let publish = format!("/api/v1/courses/{id}/publish");
    let published = app.post(publish, staff, None).succeeds().await;
    (id, published["position"].as_i64().expect("position"))
}

async fn it_finds_courses_with_typos_in_every_language_and_filter(t: &TestDb) {
    let app = spawn_app(t).await;
    let (conta, _) = course(
        &app,
        json!({"es": "Contabilidad básica", "pt": "Contabilidade básica"}),
        "financing",
        20,
    )
    .await;
    let (mkt, _) = course(
        &app,
        json!({"es": "Marketing digital para comercios", "en": "Digital marketing for shops"}),
        "marketing",
        30,
    )
    .await;
    let (plano, last) = course(&app, json!({"pt": "Plano de negócios"}), "management", 10).await;
    let (conta, mkt, plano) = (conta.as_str(), mkt.as_str(), plano.as_str());
    let staff = Some(app.staff_token.as_str());
    let draft = json!({"titles": {"es": "Contabilidad avanzada"},
        "descriptions": {}, "topic": "financing", "hours": 40, "pass_mark": 50, "max_exam_attempts": 3});
    app.post("/api/v1/courses", staff, draft).succeeds().await;

    let typo = search(&app, "/api/v1/search/courses?q=contavilidad", last).await;
    assert_eq!(
        ids(&typo),
        [conta],
        "a typo finds it, the draft stays hidden"
    );
    assert!(typo["hits"][0]["highlights"].to_string().contains("<mark>"));
    assert_eq!(
        ids(&search(&app, "/api/v1/search/courses?q=neg%C3%B3cios", last).await),
        [plano]
    );
    assert_eq!(
        ids(&search(&app, "/api/v1/search/courses?q=negocios", last).await),
        [plano]
    );
    assert_eq!(
        ids(&search(&app, "/api/v1/search/courses?q=contabilidade", last).await),
        [conta]
    );
    assert_eq!(
        ids(&search(&app, "/api/v1/search/courses?q=shops", last).await),
        [mkt]
    );
    assert_eq!(
        ids(&search(&app, "/api/v1/search/courses?topic=marketing", last).await),
        [mkt]
    );
    assert_eq!(
        ids(&search(&app, "/api/v1/search/courses?language=pt", last).await),
        sorted([conta, plano])
    );
    assert_eq!(
        ids(&search(&app, "/api/v1/search/courses?hours_max=15", last).await),
        [plano]
    );
    assert_eq!(
        ids(&search(
            &app,
            "/api/v1/search/courses?hours_min=15&hours_max=25",
            last
        )
        .await),
        [conta]
    );
    let all = search(&app, "/api/v1/search/courses?sort=-hours&per_page=2", last).await;
    assert_eq!(all["total"], 3);
    assert_eq!(all["hits"][0]["id"], mkt);
    assert_eq!(
        all["facets"]["topic"],
        json!({"financing": 1, "management": 1, "marketing": 1})
    );
    let second = search(
        &app,
        "/api/v1/search/courses?sort=-hours&per_page=2&page=2",
        last,
    )
    .await;
    assert_eq!(ids(&second), [plano], "pages do not overlap");

    let retire = format!("/api/v1/courses/{conta}/retire");
    let retired = app.post(retire, staff, None).succeeds().await;
    let after = retired["position"].as_i64().expect("position");
    let gone = search(&app, "/api/v1/search/courses?q=contabilidad", after).await;
    assert_eq!(gone["total"], 0, "a retired course disappears");
}
on_every_engine!(it_finds_courses_with_typos_in_every_language_and_filter);

async fn it_keeps_listings_in_step_with_the_marketplace(t: &TestDb) {
    let app = spawn_app(t).await;
    let (seller, token) = register_participant(&app, "Rosa").await;
    let s = Some(token.as_str());
    let listing = |kind: &str, title: &str, price: &str, place: &str, country: &str, lang: &str| {
        json!({"seller_id": seller, "kind": kind, "title": title,
            "description": "Feito à mão", "language": lang, "category": if kind == "service" { "home" } else { "food" },
            "price": price, "municipality": place, "country": country})
    };
    let bodies = [
        listing("product", "Arepas congeladas", "12.50", "Lepe", "ES", "es"),
        listing("service", "Fontanería urgente", "40.00", "Lepe", "ES", "es"),
        listing("product", "Doces de figo", "6.00", "Faro", "PT", "pt"),
    ];
    let (mut last, mut made) = (0, Vec::new());
    for body in bodies {
        let created = app.post("/api/v1/listings", s, body).succeeds().await;
        let id = created["aggregate_id"].as_str().expect("id").to_owned();
        let publish = format!("/api/v1/listings/{id}/publish");
        let published = app.post(publish, s, None).succeeds().await;
        last = published["position"].as_i64().expect("position");
        made.push(id);
    }
    let (arepas, fonta, doces) = (made[0].as_str(), made[1].as_str(), made[2].as_str());
    let draft = listing("product", "Arepas rellenas", "3.00", "Lepe", "ES", "es");
    app.post("/api/v1/listings", s, draft).succeeds().await;

    let q = |p: &str| format!("/api/v1/search/listings?{p}");
    assert_eq!(
        ids(&search(&app, &q("q=arepa"), last).await),
        [arepas],
        "drafts are not listed"
    );
    assert_eq!(ids(&search(&app, &q("q=fontaneria"), last).await), [fonta]);
    assert_eq!(ids(&search(&app, &q("kind=service"), last).await), [fonta]);
    assert_eq!(
        ids(&search(&app, &q("category=food,home&country=PT"), last).await),
        [doces]
    );
    assert_eq!(
        ids(&search(&app, &q("municipality=Lepe&price_max=20"), last).await),
        [arepas]
    );
    assert_eq!(
        ids(&search(&app, &q("price_min=10&price_max=50"), last).await),
        sorted([arepas, fonta])
    );
    assert_eq!(ids(&search(&app, &q("language=pt"), last).await), [doces]);
    let facets = search(&app, &q("facets=country"), last).await;
    assert_eq!(facets["facets"], json!({"country": {"ES": 2, "PT": 1}}));

    let price = format!("/api/v1/listings/{fonta}/price");
    let cheaper = app
        .req(Method::PUT, price, s, json!({"price": "1.00"}))
        .succeeds()
        .await;
    let at = cheaper["position"].as_i64().expect("position");
    let by_price = search(&app, &q("sort=price"), at).await;
    assert_eq!(by_price["hits"][0]["id"], fonta, "the new price shows");
    assert_eq!(by_price["hits"][0]["document"]["price"], 1.0);

    let close = format!("/api/v1/listings/{arepas}/close");
    let closed = app.post(close, s, None).succeeds().await;
    let at = closed["position"].as_i64().expect("position");
    assert_eq!(
        search(&app, &q("q=arepas"), at).await["total"],
        0,
        "a closed listing is gone"
    );
}
on_every_engine!(it_keeps_listings_in_step_with_the_marketplace);

async fn it_refuses_bad_searches_clearly(t: &TestDb) {
    let app = spawn_app(t).await;
    let listings = "/api/v1/search/listings";
    app.get(format!("{listings}?colour=red"), None)
        .invalid("colour")
        .await;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    for query in [
        "per_page=0",
        "per_page=101",
        "price_min=cheap",
        "sort=title",
        "facets=price",
    ] {
        app.get(format!("{listings}?{query}"), None)
            .refused(invalid, "validation")
            .await;
    }
    app.get("/api/v1/search/recipes?q=x", None)
        .not_found()
        .await;
    // A position the log never had can never be applied: refused at once, not waited for.
    app.get("/api/v1/search/courses?after=999999", None)
        .invalid("after")
        .await;
    // Position 0 is before every event: nothing to wait for.
    app.get("/api/v1/search/courses?after=0", None).ok().await;
    let empty = app.get("/api/v1/search/mentors?q=nadie", None).ok().await;
    assert_eq!(empty["total"], 0);
}
on_every_engine!(it_refuses_bad_searches_clearly);
