//! The marketplace through the real router, part 1: listings. A seller lists, edits, prices,
//! publishes, closes and reopens; every listing rule is broken once. Orders, journeys and the
//! import path are in `api_marketplace_orders.rs`; the helpers here serve both.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::register_participant;
use crate::support::{spawn_app, TestApp, TestDb};

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
    let created = app
        .post("/api/v1/businesses", Some(token), body)
        .succeeds()
        .await;
    created["aggregate_id"]
        .as_str()
        .expect("business id")
        .to_owned()
}

pub(crate) fn anonymous_order(listing: &str) -> Value {
    json!({"listing_id": listing, "quantity": 1,
           "buyer": {"kind": "anonymous", "name": "Rui Costa", "email": "rui@example.pt"}})
}

/// A published listing of `seller`, priced 12.50; returns its id.
pub(crate) async fn published_listing(app: &TestApp, seller: &str, token: &str) -> String {
    let listing = listing_json(seller);
    let created = app
        .post("/api/v1/listings", Some(token), listing)
        .succeeds()
        .await;
    let id = created["aggregate_id"].as_str().expect("id").to_owned();
    let publish = format!("/api/v1/listings/{id}/publish");
    app.post(&publish, Some(token), None).succeeds().await;
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
    let (status, headers, created) = app.post(listings, s, with_business).send().await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let listing = created["aggregate_id"].as_str().expect("id").to_owned();
    let at = |suffix: &str| format!("/api/v1/listings/{listing}{suffix}");
    assert_eq!(headers["location"], at("").as_str());
    app.post(listings, b, listing_json(&seller))
        .forbidden()
        .await;
    app.post(listings, staff, listing_json("nobody"))
        .not_found()
        .await;
    let mut float_price = listing_json(&seller);
    float_price["price"] = json!(12.5);
    app.post(listings, s, float_price).invalid("price").await;
    let mut blank = listing_json(&seller);
    blank["category"] = json!("  ");
    app.post(listings, s, blank).invalid("category").await;

    // A draft is visible to its seller only, cannot be closed, and only the seller edits it.
    app.get(at(""), None).not_found().await;
    app.get(at(""), b).not_found().await;
    let draft = app.get(at(""), s).succeeds().await;
    assert_eq!(
        (draft["status"].as_str(), draft["price"].as_str()),
        (Some("draft"), Some("12.5"))
    );
    app.post(at("/close"), s, None)
        .rule("listing_not_published")
        .await;
    let retitle = json!({"title": "Mine now"});
    app.req(Method::PATCH, at(""), b, retitle).forbidden().await;
    let cheap = json!({"price": "1.00"});
    app.req(Method::PUT, at("/price"), b, cheap)
        .forbidden()
        .await;
    app.post(at("/publish"), b, None).forbidden().await;

    // Published once; only real changes recorded; a price change is its own event.
    app.post(at("/publish"), s, None).succeeds().await;
    app.post(at("/publish"), s, None)
        .rule("listing_already_published")
        .await;
    let same = json!({"category": "food", "language": "es"});
    let unchanged = app.req(Method::PATCH, at(""), s, same).succeeds().await;
    assert_eq!(unchanged["events"], json!([]), "no change, no event");
    let update = json!({"title": "Arepas", "language": "pt", "description": "Caixa de 10"});
    let updated = app.req(Method::PATCH, at(""), s, update).succeeds().await;
    assert_eq!(updated["events"][0]["event_type"], "ListingUpdated");
    let price = json!({"price": "2.50"});
    let changed = app
        .req(Method::PUT, at("/price"), s, price)
        .succeeds()
        .await;
    assert_eq!(changed["events"][0]["event_type"], "ListingPriceChanged");
    let zero = json!({"price": "0"});
    app.req(Method::PUT, at("/price"), s, zero)
        .invalid("price")
        .await;
    let public = app.get(at(""), None).succeeds().await;
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
    app.post(at("/close"), s, None).succeeds().await;
    app.post(at("/close"), s, None)
        .rule("listing_already_closed")
        .await;
    app.get(at(""), None).not_found().await;
    app.post(at("/publish"), staff, None).succeeds().await;
    assert_eq!(
        app.get(at(""), None).succeeds().await["status"],
        "published"
    );
    app.post("/api/v1/listings/nope/publish", s, None)
        .not_found()
        .await;
}
on_both_backends!(it_lists_publishes_closes_and_reopens);
