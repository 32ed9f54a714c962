//! The marketplace through the real router, part 2: orders. A participant and an anonymous
//! visitor order; the seller takes payment and fulfils; every order rule is broken once; the
//! journeys show it; the import path holds the same rules.

use reqwest::StatusCode;
use ruta_commands::app::dispatch;
use ruta_commands::{CommandContext, CommandError, CommandOutcome, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::marketplace::api_marketplace::{
    anonymous_order, business_of, listing_json, published_listing,
};
use crate::on_both_backends;
use crate::support::http::{created_id, register_participant};
use crate::support::{register, spawn_app, staff, TestApp, TestDb};

async fn journey(app: &TestApp, id: &str, token: &str) -> Vec<String> {
    let path = format!("/api/v1/participants/{id}/journey");
    let body = app.get(&path, Some(token)).succeeds().await;
    let events = body["events"].as_array().expect("events");
    events
        .iter()
        .filter_map(|e| e["event_type"].as_str().map(str::to_owned))
        .collect()
}

/// An anonymous order with an `Idempotency-Key` and no `Authorization`.
async fn keyed_anonymous_order(app: &TestApp, body: &Value, key: &str) -> (StatusCode, Value) {
    let request = app.http.post(app.url("/api/v1/orders"));
    let response = request
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .expect("request");
    let status = response.status();
    let replayed = response.headers().get("idempotent-replayed").is_some();
    let body: Value = response.json().await.expect("json");
    assert_eq!(replayed, body["replayed"] == true, "header and body agree");
    (status, body)
}

async fn it_orders_pays_fulfils_and_cancels(t: &TestDb) {
    let app = spawn_app(t).await;
    let (seller, s_token) = register_participant(&app, "Ana Pérez").await;
    let (buyer, b_token) = register_participant(&app, "Rui Costa").await;
    let (s, b) = (Some(s_token.as_str()), Some(b_token.as_str()));
    let listing = published_listing(&app, &seller, &s_token).await;
    let orders = "/api/v1/orders";

    // The participant buys 3 at 12.50; the seller may not buy their own listing, nor order
    // in someone else's name; without a token only anonymous buyers; quantity at least 1.
    let mine = json!({"listing_id": listing, "quantity": 3,
                      "buyer": {"kind": "participant", "participant_id": buyer}});
    let placed = app.post(orders, b, mine.clone()).succeeds().await;
    let order = placed["aggregate_id"].as_str().expect("id").to_owned();
    let on = |suffix: &str| format!("/api/v1/orders/{order}{suffix}");
    let view = app.get(on(""), b).succeeds().await;
    assert_eq!(
        (view["status"].as_str(), view["total"].as_str()),
        (Some("placed"), Some("37.5"))
    );
    let own =
        json!({"listing_id": listing, "buyer": {"kind": "participant", "participant_id": seller}});
    app.post(orders, s, own).rule("own_listing").await;
    app.post(orders, s, mine.clone()).forbidden().await;
    app.post(orders, None, mine)
        .refused(StatusCode::UNAUTHORIZED, "unauthorized")
        .await;
    let mut none = anonymous_order(&listing);
    none["quantity"] = json!(0);
    app.post(orders, None, none).invalid("quantity").await;
    let mut extra = anonymous_order(&listing);
    extra["buyer"]["participant_id"] = json!(buyer);
    app.post(orders, None, extra)
        .refused(StatusCode::UNPROCESSABLE_ENTITY, "validation")
        .await;
    let unknown = anonymous_order("no-such-listing");
    app.post(orders, None, unknown).not_found().await;
    app.get(on(""), None)
        .refused(StatusCode::UNAUTHORIZED, "unauthorized")
        .await;

    // placed → paid → fulfilled, strictly, by the seller; nothing after fulfilment.
    app.post(on("/payment"), b, None).forbidden().await;
    app.post(on("/fulfilment"), s, None)
        .rule("order_not_paid")
        .await;
    app.post(on("/payment"), s, None).succeeds().await;
    app.post(on("/payment"), s, None)
        .rule("order_already_paid")
        .await;
    app.post(on("/fulfilment"), b, None).forbidden().await;
    app.post(on("/fulfilment"), s, None).succeeds().await;
    app.post(on("/fulfilment"), s, None)
        .rule("order_already_fulfilled")
        .await;
    app.post(on("/cancellation"), b, json!({}))
        .rule("order_already_fulfilled")
        .await;
    assert_eq!(app.get(on(""), s).succeeds().await["status"], "fulfilled");

    // An anonymous order retried with the same key is placed once; the seller sees the
    // contact (needed to deliver), other participants see nothing.
    let (status, first) = keyed_anonymous_order(&app, &anonymous_order(&listing), "basket-1").await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (_, again) = keyed_anonymous_order(&app, &anonymous_order(&listing), "basket-1").await;
    assert_eq!(again["aggregate_id"], first["aggregate_id"]);
    assert_eq!(
        (first["replayed"].clone(), again["replayed"].clone()),
        (json!(false), json!(true))
    );
    let anon = first["aggregate_id"].as_str().expect("id").to_owned();
    let anon_at = |suffix: &str| format!("/api/v1/orders/{anon}{suffix}");
    let view = app.get(anon_at(""), s).succeeds().await;
    assert_eq!(
        view["buyer"],
        json!({"kind": "anonymous", "name": "Rui Costa", "email": "rui@example.pt"})
    );
    app.get(anon_at(""), b).forbidden().await;
    app.post(anon_at("/cancellation"), b, json!({}))
        .forbidden()
        .await;

    // Cancelled is final.
    let out_of_stock = json!({"reason": "out of stock"});
    app.post(anon_at("/cancellation"), s, out_of_stock)
        .succeeds()
        .await;
    app.post(anon_at("/cancellation"), s, json!({}))
        .rule("order_cancelled")
        .await;
    app.post(anon_at("/payment"), s, None)
        .rule("order_cancelled")
        .await;
    app.post(anon_at("/fulfilment"), s, None)
        .rule("order_cancelled")
        .await;

    // A closed listing cannot be ordered; reopened, it can.
    let listing_at = |suffix: &str| format!("/api/v1/listings/{listing}{suffix}");
    app.post(listing_at("/close"), s, None).succeeds().await;
    app.post(orders, None, anonymous_order(&listing))
        .rule("listing_not_available")
        .await;
    app.post(listing_at("/publish"), s, None).succeeds().await;
    let buyer_business = business_of(&app, &buyer, b.expect("buyer token")).await;
    let not_founded = json!({"listing_id": listing,
        "buyer": {"kind": "business", "business_id": buyer_business, "participant_id": seller}});
    app.post(orders, s, not_founded)
        .rule("participant_not_a_founder")
        .await;
    let business = json!({"listing_id": listing,
        "buyer": {"kind": "business", "business_id": buyer_business, "participant_id": buyer}});
    let by_business = app.post(orders, b, business).succeeds().await;
    let cancel = format!("/api/v1/orders/{}/cancellation", created_id(&by_business));
    app.post(&cancel, b, json!({})).succeeds().await;

    // The seller's journey has the listing and every order; the buyer's only their own.
    assert_eq!(
        journey(&app, &seller, &s_token).await,
        [
            "ParticipantRegistered",
            "ListingCreated",
            "ListingPublished",
            "OrderPlaced",
            "OrderPaid",
            "OrderFulfilled",
            "OrderPlaced",
            "OrderCancelled",
            "ListingClosed",
            "ListingPublished",
            "OrderPlaced",
            "OrderCancelled"
        ]
    );
    assert_eq!(
        journey(&app, &buyer, &b_token).await,
        [
            "ParticipantRegistered",
            "OrderPlaced",
            "OrderPaid",
            "OrderFulfilled",
            "BusinessCreated",
            "OrderPlaced",
            "OrderCancelled"
        ]
    );
}
on_both_backends!(it_orders_pays_fulfils_and_cancels);

fn refusal(result: Result<CommandOutcome, CommandError>) -> String {
    match result {
        Err(CommandError::Domain(DomainError::RuleBroken { rule, .. })) => rule.to_owned(),
        Err(CommandError::Domain(DomainError::Forbidden { .. })) => "forbidden".to_owned(),
        Err(CommandError::BadPayload { field, .. }) => format!("bad:{field}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn it_holds_the_same_rules_on_the_import_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    register(&x, "p-seller", "Ana Pérez").await;
    register(&x, "p-buyer", "Rui Costa").await;
    // A fresh context (command id) per command: a reused command id is a replay.
    let seller = || CommandContext::new("p-seller", Role::Participant);
    let buyer = || CommandContext::new("p-buyer", Role::Participant);
    let mut listing = listing_json("p-seller");
    listing["type"] = json!("CreateListing");
    let refused = dispatch(&x, Some("l-1"), listing.clone(), &buyer()).await;
    assert_eq!(refusal(refused), "forbidden");
    dispatch(&x, Some("l-1"), listing, &seller())
        .await
        .expect("listed");

    let mut order = anonymous_order("l-1");
    order["type"] = json!("PlaceOrder");
    let early = dispatch(&x, Some("o-1"), order.clone(), &staff()).await;
    assert_eq!(refusal(early), "listing_not_available");
    let publish = json!({"type": "PublishListing"});
    dispatch(&x, Some("l-1"), publish, &seller())
        .await
        .expect("published");
    let price = json!({"type": "ChangeListingPrice", "price": 3.5});
    assert_eq!(
        refusal(dispatch(&x, Some("l-1"), price, &seller()).await),
        "bad:price"
    );
    let placed = dispatch(&x, Some("o-1"), order, &staff())
        .await
        .expect("placed");
    assert_eq!(placed.events[0].event_type, "OrderPlaced");

    let paid = json!({"type": "MarkOrderPaid"});
    let fulfil = json!({"type": "FulfilOrder"});
    let by_buyer = dispatch(&x, Some("o-1"), paid.clone(), &buyer()).await;
    assert_eq!(refusal(by_buyer), "forbidden");
    let early = dispatch(&x, Some("o-1"), fulfil.clone(), &seller()).await;
    assert_eq!(refusal(early), "order_not_paid");
    dispatch(&x, Some("o-1"), paid, &seller())
        .await
        .expect("paid");
    dispatch(&x, Some("o-1"), fulfil, &seller())
        .await
        .expect("fulfilled");
    let smuggled = json!({"type": "CancelOrder", "actor": "p-seller"});
    assert_eq!(
        refusal(dispatch(&x, Some("o-1"), smuggled, &seller()).await),
        "bad:actor"
    );
    let cancel = json!({"type": "CancelOrder"});
    let late = dispatch(&x, Some("o-1"), cancel, &seller()).await;
    assert_eq!(refusal(late), "order_already_fulfilled");
}
on_both_backends!(it_holds_the_same_rules_on_the_import_path);
