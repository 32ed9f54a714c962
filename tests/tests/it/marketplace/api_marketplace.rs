//! The marketplace through the real router, part 1: listings. A seller lists, edits, prices,
//! publishes, closes and reopens; every listing rule is broken once. Orders, journeys and the
//! import path are in `api_marketplace_orders.rs`; the helpers here serve both.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::{
    expect_refusal, expect_rule_broken, expect_success, register_participant,
};
use crate::support::{spawn_app, TestApp, TestDb};

/// A request: method, path, bearer token, JSON body.
pub(crate) type Req<'a> = (Method, String, Option<&'a str>, Option<Value>);

pub(crate) fn post<'a>(path: &str, token: Option<&'a str>, body: Value) -> Req<'a> {
    (Method::POST, path.to_owned(), token, Some(body))
}

/// A request without a body.
pub(crate) fn bare<'a>(method: Method, path: &str, token: Option<&'a str>) -> Req<'a> {
    (method, path.to_owned(), token, None)
}

pub(crate) fn listing_json(seller: &str) -> Value {
    json!({
        "seller_id": seller, "kind": "product",
        "title": "Arepas congeladas", "description": "Caja de 10", "language": "es",
        "category": "food", "price": "12.50", "municipality": "Lepe", "country": "ES"
    })
}

/// A business founded by `founder` (through the API, with the founder's token).
pub(crate) async fn business_of(app: &TestApp, founder: &str, token: &str) -> String {
    let body = json!({"founder_ids": [founder], "name": format!("{founder} S.L."),
        "sector": "food", "legal_form": "limited_company", "country": "ES",
        "municipality": "Lepe", "founded_on": "2014-06-01", "ecommerce": true});
    let created = ok(app, post("/api/v1/businesses", Some(token), body)).await;
    created["aggregate_id"]
        .as_str()
        .expect("business id")
        .to_owned()
}

pub(crate) fn anonymous_order(listing: &str) -> Value {
    json!({"listing_id": listing, "quantity": 1,
           "buyer": {"kind": "anonymous", "name": "Rui Costa", "email": "rui@example.pt"}})
}

/// Sends and expects success; returns the body.
pub(crate) async fn ok(app: &TestApp, (method, path, token, body): Req<'_>) -> Value {
    expect_success(app, method, &path, token, body).await
}

/// Sends and expects problem `slug` with `status`; checks that nothing was appended.
pub(crate) async fn refused(app: &TestApp, req: Req<'_>, status: u16, slug: &str) -> Value {
    let (method, path, token, body) = req;
    let status = StatusCode::from_u16(status).expect("status");
    expect_refusal(app, method, &path, token, body, status, slug).await
}

/// Sends and expects business rule `code` broken (422).
pub(crate) async fn rule(app: &TestApp, (method, path, token, body): Req<'_>, code: &str) {
    expect_rule_broken(app, method, &path, token, body, code).await;
}

/// A published listing of `seller`, priced 12.50; returns its id.
pub(crate) async fn published_listing(app: &TestApp, seller: &str, token: &str) -> String {
    let created = ok(
        app,
        post("/api/v1/listings", Some(token), listing_json(seller)),
    )
    .await;
    let id = created["aggregate_id"].as_str().expect("id").to_owned();
    let publish = format!("/api/v1/listings/{id}/publish");
    ok(app, bare(Method::POST, &publish, Some(token))).await;
    id
}

async fn it_lists_publishes_closes_and_reopens(t: &TestDb) {
    let app = spawn_app(t).await;
    let (seller, s_token) = register_participant(&app, "Ana Pérez").await;
    let (_, b_token) = register_participant(&app, "Rui Costa").await;
    let (s, b) = (Some(s_token.as_str()), Some(b_token.as_str()));
    let staff = Some(app.staff_token.as_str());
    let listings = "/api/v1/listings";

    // Created as a draft by its seller, for themselves only; a registered seller; no floats;
    // under a business only if the seller founded it.
    let own_business = business_of(&app, &seller, &s_token).await;
    let mut with_business = listing_json(&seller);
    with_business["business_id"] = json!(own_business);
    let (status, headers, created) = app
        .send(Method::POST, listings, s, Some(with_business))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let listing = created["aggregate_id"].as_str().expect("id").to_owned();
    let at = |suffix: &str| format!("/api/v1/listings/{listing}{suffix}");
    assert_eq!(headers["location"], at("").as_str());
    refused(
        &app,
        post(listings, b, listing_json(&seller)),
        403,
        "forbidden",
    )
    .await;
    refused(
        &app,
        post(listings, staff, listing_json("nobody")),
        404,
        "not-found",
    )
    .await;
    let mut float_price = listing_json(&seller);
    float_price["price"] = json!(12.5);
    let answer = refused(&app, post(listings, s, float_price), 422, "validation").await;
    assert_eq!(answer["field"], "price");
    let mut blank = listing_json(&seller);
    blank["category"] = json!("  ");
    let answer = refused(&app, post(listings, s, blank), 422, "validation").await;
    assert_eq!(answer["field"], "category");

    // A draft is visible to its seller only, cannot be closed, and only the seller edits it.
    refused(&app, bare(Method::GET, &at(""), None), 404, "not-found").await;
    refused(&app, bare(Method::GET, &at(""), b), 404, "not-found").await;
    let draft = ok(&app, bare(Method::GET, &at(""), s)).await;
    assert_eq!(
        (draft["status"].as_str(), draft["price"].as_str()),
        (Some("draft"), Some("12.5"))
    );
    rule(
        &app,
        bare(Method::POST, &at("/close"), s),
        "listing_not_published",
    )
    .await;
    let retitle = json!({"title": "Mine now"});
    refused(
        &app,
        (Method::PATCH, at(""), b, Some(retitle)),
        403,
        "forbidden",
    )
    .await;
    let cheap = json!({"price": "1.00"});
    refused(
        &app,
        (Method::PUT, at("/price"), b, Some(cheap)),
        403,
        "forbidden",
    )
    .await;
    refused(
        &app,
        bare(Method::POST, &at("/publish"), b),
        403,
        "forbidden",
    )
    .await;

    // Published once; only real changes recorded; a price change is its own event.
    ok(&app, bare(Method::POST, &at("/publish"), s)).await;
    rule(
        &app,
        bare(Method::POST, &at("/publish"), s),
        "listing_already_published",
    )
    .await;
    let same = json!({"category": "food", "language": "es"});
    let unchanged = ok(&app, (Method::PATCH, at(""), s, Some(same))).await;
    assert_eq!(unchanged["events"], json!([]), "no change, no event");
    let update = json!({"title": "Arepas", "language": "pt", "description": "Caixa de 10"});
    let updated = ok(&app, (Method::PATCH, at(""), s, Some(update))).await;
    assert_eq!(updated["events"][0]["event_type"], "ListingUpdated");
    let price = json!({"price": "2.50"});
    let changed = ok(&app, (Method::PUT, at("/price"), s, Some(price))).await;
    assert_eq!(changed["events"][0]["event_type"], "ListingPriceChanged");
    let zero = json!({"price": "0"});
    let answer = refused(
        &app,
        (Method::PUT, at("/price"), s, Some(zero)),
        422,
        "validation",
    )
    .await;
    assert_eq!(answer["field"], "price");
    let public = ok(&app, bare(Method::GET, &at(""), None)).await;
    assert_eq!(public["status"], "published");
    assert_eq!(
        (public["title"].as_str(), public["language"].as_str()),
        (Some("Arepas"), Some("pt"))
    );
    assert_eq!(
        (public["price"].as_str(), public["seller_id"].as_str()),
        (Some("2.5"), Some(seller.as_str()))
    );
    assert_eq!(public["business_id"], own_business.as_str());

    // Closed: hidden and not orderable; staff (or the seller) reopen it.
    ok(&app, bare(Method::POST, &at("/close"), s)).await;
    rule(
        &app,
        bare(Method::POST, &at("/close"), s),
        "listing_already_closed",
    )
    .await;
    refused(&app, bare(Method::GET, &at(""), None), 404, "not-found").await;
    ok(&app, bare(Method::POST, &at("/publish"), staff)).await;
    assert_eq!(
        ok(&app, bare(Method::GET, &at(""), None)).await["status"],
        "published"
    );
    refused(
        &app,
        bare(Method::POST, "/api/v1/listings/nope/publish", s),
        404,
        "not-found",
    )
    .await;
}
on_both_backends!(it_lists_publishes_closes_and_reopens);
