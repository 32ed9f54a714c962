//! The marketplace: entrepreneurs list products and services (some under their business),
//! other participants, businesses and anonymous visitors order them; orders are paid,
//! fulfilled or cancelled; some listings close.

use serde_json::{json, Value};

use super::business::Biz;
use super::clock::{on, Moment, DAY, HOUR, LAST_ACTIVITY};
use super::dice::Dice;
use super::listing_texts::OFFERS;
use super::names::{self, Origin};
use super::people::Person;
use super::plan::{Plan, Stage, Who};
use super::Ids;

/// Listings per cohort.
const LISTINGS: usize = 320;

/// Plans listings with their orders, each listing in its own lane.
pub(crate) fn plan(
    plan: &mut Plan,
    ids: &Ids,
    dice: &mut Dice,
    people: &[Person],
    businesses: &[Biz],
) {
    let mut orders = 0;
    let end = on(LAST_ACTIVITY, 0, 0);
    for n in 1..=LISTINGS {
        let id = ids.listing(n);
        let (seller, business) = if n % 2 == 0 {
            let biz = dice.pick(businesses);
            let under = dice.chance(0.6) && biz.founders.len() == 1;
            (&people[biz.founders[0]], under.then_some(biz))
        } else {
            (&people[dice.below(people.len())], None)
        };
        let since = business.map_or(seller.registered + DAY, |b| on(b.founded, 12, 0));
        if since >= end - 60 * DAY {
            continue;
        }
        let created = dice.between(since, end - 60 * DAY);
        let (category, kind, es, es_text, pt, pt_text, low, high) = *dice.pick(OFFERS);
        let (title, text, language) = if seller.portuguese() {
            (pt, pt_text, "pt")
        } else {
            (es, es_text, "es")
        };
        let euros = dice.between(i64::from(low), i64::from(high));
        let price = format!("{euros}.{}", *dice.pick(&["50", "90", "95"]));
        let mut listing = json!({
            "type": "CreateListing", "seller_id": seller.id, "kind": kind,
            "title": format!("{title} – {}", seller.home.name), "description": text,
            "language": language, "category": category, "price": price,
            "municipality": seller.home.name, "country": seller.home.country,
        });
        if let Some(biz) = business {
            listing["business_id"] = json!(biz.id);
        }
        let by_seller = || {
            if seller_handles(n) {
                seller.acting()
            } else {
                seller.desk()
            }
        };
        plan.push(Stage::Dependents, &id, created, by_seller(), &id, listing);
        let published = created + dice.between(1, 5) * DAY;
        plan.push(
            Stage::Dependents,
            &id,
            published,
            by_seller(),
            &id,
            json!({"type": "PublishListing"}),
        );
        if dice.chance(0.2) {
            // Whole euros, so never the listed price (which has cents).
            let new_price = format!("{}.00", dice.between(i64::from(low), i64::from(high)));
            let at = published + dice.between(10, 50) * DAY;
            plan.push(
                Stage::Dependents,
                &id,
                at,
                by_seller(),
                &id,
                json!({"type": "ChangeListingPrice", "price": new_price}),
            );
        }
        let mut last = published;
        for _ in 0..dice.below(5) {
            orders += 1;
            let placed = dice.between(published + DAY, end - 20 * DAY);
            let done = order(
                plan,
                dice,
                &ids.order(orders),
                &id,
                kind,
                seller,
                business,
                placed,
                people,
                businesses,
            );
            last = last.max(done);
        }
        if dice.chance(0.12) {
            plan.push(
                Stage::Dependents,
                &id,
                last + DAY,
                by_seller(),
                &id,
                json!({"type": "CloseListing"}),
            );
        }
    }
}

/// Sellers mostly manage their own listings; every fifth is handled by their partner desk.
fn seller_handles(n: usize) -> bool {
    !n.is_multiple_of(5)
}

/// Plans one order and what followed; returns when the last step happened.
#[allow(clippy::too_many_arguments)]
fn order(
    plan: &mut Plan,
    dice: &mut Dice,
    id: &str,
    lane: &str,
    kind: &str,
    seller: &Person,
    business: Option<&Biz>,
    placed: Moment,
    people: &[Person],
    businesses: &[Biz],
) -> Moment {
    let quantity = if kind == "product" {
        1 + dice.below(3)
    } else {
        1
    };
    let (buyer, who): (Value, Who) = match dice.below(100) {
        0..=54 => {
            let p = &people[dice.below(people.len())];
            if p.id == seller.id || p.registered + HOUR >= placed {
                anonymous(dice)
            } else {
                (
                    json!({"kind": "participant", "participant_id": p.id}),
                    p.acting(),
                )
            }
        }
        55..=74 => {
            let b = dice.pick(businesses);
            let founder = &people[b.founders[0]];
            let own = business.is_some_and(|s| s.id == b.id) || founder.id == seller.id;
            if own || on(b.founded, 12, 0) >= placed {
                anonymous(dice)
            } else {
                (
                    json!({"kind": "business", "business_id": b.id, "participant_id": founder.id}),
                    founder.acting(),
                )
            }
        }
        _ => anonymous(dice),
    };
    let buyer_is_person =
        who.role == ruta_domain::Role::Participant && who.actor != Who::anonymous().actor;
    plan.push(
        Stage::Dependents,
        lane,
        placed,
        who.clone(),
        id,
        json!({
            "type": "PlaceOrder", "listing_id": lane, "quantity": quantity, "buyer": buyer,
        }),
    );
    let seller_acts = seller.acting();
    let mut at = placed + dice.between(1, 3) * DAY;
    if dice.chance(0.75) {
        plan.push(
            Stage::Dependents,
            lane,
            at,
            seller_acts.clone(),
            id,
            json!({"type": "MarkOrderPaid"}),
        );
        if dice.chance(0.85) {
            at += dice.between(2, 7) * DAY;
            plan.push(
                Stage::Dependents,
                lane,
                at,
                seller_acts,
                id,
                json!({"type": "FulfilOrder"}),
            );
        }
    } else if dice.chance(0.4) {
        let canceller = if buyer_is_person && dice.chance(0.6) {
            who
        } else {
            seller_acts
        };
        plan.push(
            Stage::Dependents,
            lane,
            at,
            canceller,
            id,
            json!({
                "type": "CancelOrder", "reason": "ya no lo necesito",
            }),
        );
    }
    at
}

fn anonymous(dice: &mut Dice) -> (Value, Who) {
    let woman = dice.chance(0.5);
    let n = 9000 + dice.below(999);
    let (name, email) = names::person(dice, Origin::Spain, "ES", woman, n);
    (
        json!({"kind": "anonymous", "name": name, "email": email}),
        Who::anonymous(),
    )
}
