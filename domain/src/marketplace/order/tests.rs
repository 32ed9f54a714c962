use super::*;
use crate::businesses::business::BusinessFacts;
use crate::marketplace::listing::{ListingKind, ListingTerms};
use crate::testing::given;
use crate::values::ProgrammeCountry;
use crate::Role;
use std::str::FromStr;

fn eur(s: &str) -> Eur {
    Eur(rust_decimal::Decimal::from_str(s).expect("decimal"))
}

fn seller() -> Actor {
    Actor::new("seller", Role::Participant)
}

fn buyer() -> Actor {
    Actor::new("buyer", Role::Participant)
}

fn anonymous() -> Actor {
    Actor::new(ANONYMOUS_ACTOR, Role::Participant)
}

fn terms(status: ListingStatus) -> Option<ListingTerms> {
    Some(ListingTerms {
        status,
        seller_id: "seller".into(),
        business_id: None,
        kind: ListingKind::Product,
        title: "Arepas".into(),
        category: "food".into(),
        price: eur("2.5"),
        country: ProgrammeCountry::Pt,
    })
}

fn as_participant() -> Buyer {
    Buyer::Participant {
        participant_id: "buyer".into(),
    }
}

fn contact() -> Buyer {
    Buyer::Anonymous {
        name: "Rui Costa".into(),
        email: "rui@example.pt".into(),
    }
}

fn place(buyer: Buyer, status: ListingStatus, quantity: u32) -> OrderCommand {
    place_for(buyer, status, quantity, founded_by(&["buyer"], false))
}

fn founded_by(founders: &[&str], closed: bool) -> Option<BusinessFacts> {
    Some(BusinessFacts {
        founder_ids: founders.iter().map(|f| (*f).to_owned()).collect(),
        closed,
    })
}

fn place_for(
    buyer: Buyer,
    status: ListingStatus,
    quantity: u32,
    buyer_business: Option<BusinessFacts>,
) -> OrderCommand {
    OrderCommand::Place(Box::new(Placement {
        listing_id: "l1".into(),
        listing: terms(status),
        buyer,
        buyer_registered: true,
        buyer_business,
        quantity,
    }))
}

#[test]
fn it_lets_only_a_founder_buy_for_an_open_business() {
    let business = Buyer::Business {
        business_id: "b9".into(),
        participant_id: "buyer".into(),
    };
    let published = ListingStatus::Published;
    given::<Order>(&[])
        .when_by(&buyer(), place_for(business.clone(), published, 1, None))
        .then_not_found();
    given::<Order>(&[])
        .when_by(
            &buyer(),
            place_for(business.clone(), published, 1, founded_by(&["x"], false)),
        )
        .then_rule("participant_not_a_founder");
    given::<Order>(&[])
        .when_by(
            &buyer(),
            place_for(business, published, 1, founded_by(&["buyer"], true)),
        )
        .then_rule("business_closed");
}

fn placed(buyer: Buyer) -> OrderEvent {
    OrderEvent::OrderPlaced {
        details: OrderDetails {
            listing_id: "l1".into(),
            seller_id: "seller".into(),
            seller_business_id: None,
            kind: ListingKind::Product,
            title: "Arepas".into(),
            category: "food".into(),
            country: ProgrammeCountry::Pt,
            buyer,
            unit_price: eur("2.5"),
            quantity: 3,
            total: eur("7.5"),
        },
    }
}

fn paid() -> OrderEvent {
    OrderEvent::OrderPaid {
        listing_id: "l1".into(),
        seller_id: "seller".into(),
        total: eur("7.5"),
    }
}

fn fulfilled_event() -> OrderEvent {
    OrderEvent::OrderFulfilled {
        listing_id: "l1".into(),
        seller_id: "seller".into(),
        kind: ListingKind::Product,
    }
}

#[test]
fn it_places_an_order_at_the_listing_price_times_quantity() {
    let state = given::<Order>(&[])
        .when_by(
            &buyer(),
            place(as_participant(), ListingStatus::Published, 3),
        )
        .then(&[placed(as_participant())]);
    assert_eq!(state.status, OrderStatus::Placed);
}

#[test]
fn it_lets_anonymous_buyers_order_with_a_contact() {
    given::<Order>(&[])
        .when_by(&anonymous(), place(contact(), ListingStatus::Published, 3))
        .then(&[placed(contact())]);
    let bad = Buyer::Anonymous {
        name: "Rui".into(),
        email: "not-an-address".into(),
    };
    given::<Order>(&[])
        .when_by(&anonymous(), place(bad, ListingStatus::Published, 3))
        .then_invalid("email");
}

#[test]
fn it_never_lets_the_anonymous_caller_buy_as_a_participant() {
    let as_anonymous = Buyer::Participant {
        participant_id: ANONYMOUS_ACTOR.into(),
    };
    given::<Order>(&[])
        .when_by(
            &anonymous(),
            place(as_anonymous, ListingStatus::Published, 1),
        )
        .then_forbidden();
    given::<Order>(&[])
        .when_by(
            &anonymous(),
            place(as_participant(), ListingStatus::Published, 1),
        )
        .then_forbidden();
}

#[test]
fn it_lets_a_business_buy_through_its_participant_only() {
    let business = Buyer::Business {
        business_id: "b9".into(),
        participant_id: "buyer".into(),
    };
    given::<Order>(&[])
        .when_by(
            &buyer(),
            place(business.clone(), ListingStatus::Published, 3),
        )
        .then(&[placed(business.clone())]);
    given::<Order>(&[])
        .when_by(
            &Actor::new("intruder", Role::Participant),
            place(business, ListingStatus::Published, 3),
        )
        .then_forbidden();
}

#[test]
fn it_orders_only_published_listings() {
    for status in [ListingStatus::Draft, ListingStatus::Closed] {
        given::<Order>(&[])
            .when_by(&buyer(), place(as_participant(), status, 1))
            .then_rule("listing_not_available");
    }
    given::<Order>(&[])
        .when_by(
            &buyer(),
            OrderCommand::Place(Box::new(Placement {
                listing_id: "nope".into(),
                listing: None,
                buyer: as_participant(),
                buyer_registered: true,
                buyer_business: None,
                quantity: 1,
            })),
        )
        .then_not_found();
}

#[test]
fn it_needs_a_quantity_of_at_least_one_and_a_registered_buyer() {
    given::<Order>(&[])
        .when_by(
            &buyer(),
            place(as_participant(), ListingStatus::Published, 0),
        )
        .then_invalid("quantity");
    given::<Order>(&[])
        .when_by(
            &buyer(),
            OrderCommand::Place(Box::new(Placement {
                listing_id: "l1".into(),
                listing: terms(ListingStatus::Published),
                buyer: as_participant(),
                buyer_registered: false,
                buyer_business: None,
                quantity: 1,
            })),
        )
        .then_not_found();
}

#[test]
fn it_refuses_a_seller_ordering_their_own_listing_and_a_second_placement() {
    let own = Buyer::Participant {
        participant_id: "seller".into(),
    };
    given::<Order>(&[])
        .when_by(&seller(), place(own, ListingStatus::Published, 1))
        .then_rule("own_listing");
    given::<Order>(&[placed(contact())])
        .when_by(&anonymous(), place(contact(), ListingStatus::Published, 3))
        .then_rule("order_already_placed");
}

#[test]
fn it_goes_placed_paid_fulfilled_strictly_in_order() {
    given::<Order>(&[placed(contact())])
        .when_by(&seller(), OrderCommand::Fulfil)
        .then_rule("order_not_paid");
    given::<Order>(&[placed(contact())])
        .when_by(&seller(), OrderCommand::MarkPaid)
        .then(&[paid()]);
    given::<Order>(&[placed(contact()), paid()])
        .when_by(&seller(), OrderCommand::MarkPaid)
        .then_rule("order_already_paid");
    let state = given::<Order>(&[placed(contact()), paid()])
        .when_by(&seller(), OrderCommand::Fulfil)
        .then(&[fulfilled_event()]);
    assert_eq!(state.status, OrderStatus::Fulfilled);
    given::<Order>(&[placed(contact()), paid(), fulfilled_event()])
        .when(OrderCommand::Fulfil)
        .then_rule("order_already_fulfilled");
    given::<Order>(&[])
        .when(OrderCommand::MarkPaid)
        .then_not_found();
}

#[test]
fn it_lets_only_the_seller_or_staff_take_payment_and_fulfil() {
    given::<Order>(&[placed(as_participant())])
        .when_by(&buyer(), OrderCommand::MarkPaid)
        .then_forbidden();
    given::<Order>(&[placed(as_participant()), paid()])
        .when_by(&buyer(), OrderCommand::Fulfil)
        .then_forbidden();
    given::<Order>(&[placed(as_participant())])
        .when(OrderCommand::MarkPaid)
        .then(&[paid()]);
}

#[test]
fn it_cancels_by_buyer_seller_or_staff_but_not_after_fulfilment() {
    let cancelled = |by| OrderEvent::OrderCancelled {
        listing_id: "l1".into(),
        seller_id: "seller".into(),
        cancelled_by: by,
        reason: None,
    };
    given::<Order>(&[placed(as_participant())])
        .when_by(&buyer(), OrderCommand::Cancel { reason: None })
        .then(&[cancelled(CancelledBy::Buyer)]);
    given::<Order>(&[placed(as_participant()), paid()])
        .when_by(&seller(), OrderCommand::Cancel { reason: None })
        .then(&[cancelled(CancelledBy::Seller)]);
    given::<Order>(&[placed(contact())])
        .when_by(&anonymous(), OrderCommand::Cancel { reason: None })
        .then_forbidden();
    given::<Order>(&[placed(contact()), paid(), fulfilled_event()])
        .when(OrderCommand::Cancel { reason: None })
        .then_rule("order_already_fulfilled");
}

#[test]
fn it_keeps_a_cancelled_order_cancelled() {
    let past = [
        placed(contact()),
        OrderEvent::OrderCancelled {
            listing_id: "l1".into(),
            seller_id: "seller".into(),
            cancelled_by: CancelledBy::Staff,
            reason: Some("out of stock".into()),
        },
    ];
    for command in [
        OrderCommand::MarkPaid,
        OrderCommand::Fulfil,
        OrderCommand::Cancel { reason: None },
    ] {
        given::<Order>(&past)
            .when(command)
            .then_rule("order_cancelled");
    }
}

#[test]
fn it_concerns_the_seller_and_the_buying_participant() {
    let subjects = given::<Order>(&[])
        .when_by(
            &buyer(),
            place(as_participant(), ListingStatus::Published, 3),
        )
        .subjects();
    assert_eq!(subjects, ["seller", "buyer"]);
    let subjects = given::<Order>(&[])
        .when_by(&anonymous(), place(contact(), ListingStatus::Published, 3))
        .subjects();
    assert_eq!(subjects, ["seller"]);
}

#[test]
fn it_never_shows_the_anonymous_contact_in_debug_output() {
    let debug = format!("{:?}", placed(contact()));
    assert!(!debug.contains("rui@example.pt") && !debug.contains("Rui Costa"));
    let json = serde_json::to_value(placed(contact())).expect("json");
    assert_eq!(json["buyer"]["kind"], "anonymous");
    assert_eq!(
        json["buyer"]["email"], "rui@example.pt",
        "kept in the event"
    );
    assert_eq!(json["total"], "7.5");
    let back: OrderEvent = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, placed(contact()));
}

#[test]
fn it_refuses_a_business_ordering_its_own_listing() {
    let mut own = terms(ListingStatus::Published);
    if let Some(t) = own.as_mut() {
        t.business_id = Some("b9".into());
    }
    let co_founder = Buyer::Business {
        business_id: "b9".into(),
        participant_id: "buyer".into(),
    };
    given::<Order>(&[])
        .when_by(
            &buyer(),
            OrderCommand::Place(Box::new(Placement {
                listing_id: "l1".into(),
                listing: own,
                buyer: co_founder,
                buyer_registered: true,
                buyer_business: founded_by(&["buyer", "seller"], false),
                quantity: 1,
            })),
        )
        .then_rule("own_listing");
}
