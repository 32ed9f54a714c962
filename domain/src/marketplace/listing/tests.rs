use super::*;
use crate::businesses::business::BusinessFacts;
use crate::testing::given;
use crate::values::{Language, ProgrammeCountry};
use crate::Role;
use std::str::FromStr;

fn eur(s: &str) -> Eur {
    Eur(rust_decimal::Decimal::from_str(s).expect("decimal"))
}

fn seller() -> Actor {
    Actor::new("p1", Role::Participant)
}

fn someone_else() -> Actor {
    Actor::new("p2", Role::Participant)
}

fn create() -> CreateListing {
    CreateListing {
        seller_id: "p1".into(),
        business_id: Some("b1".into()),
        kind: ListingKind::Product,
        title: "Arepas congeladas".into(),
        description: "Caja de 10".into(),
        language: Language::Es,
        category: "food".into(),
        price: eur("12.50"),
        municipality: "Lepe".into(),
        country: ProgrammeCountry::Es,
    }
}

fn business(founders: &[&str], closed: bool) -> Option<BusinessFacts> {
    Some(BusinessFacts {
        founder_ids: founders.iter().map(|f| (*f).to_owned()).collect(),
        closed,
    })
}

/// Publishing a listing of the open business `b1`.
fn publish() -> ListingCommand {
    ListingCommand::Publish {
        business: business(&["p1"], false),
    }
}

fn command(listing: CreateListing) -> ListingCommand {
    ListingCommand::Create {
        listing,
        seller_registered: true,
        business: business(&["p1"], false),
    }
}

#[test]
fn it_lists_only_for_an_open_business_the_seller_founded() {
    let with = |facts| ListingCommand::Create {
        listing: create(),
        seller_registered: true,
        business: facts,
    };
    given::<Listing>(&[])
        .when_by(&seller(), with(None))
        .then_not_found();
    given::<Listing>(&[])
        .when_by(&seller(), with(business(&["p9"], false)))
        .then_rule("participant_not_a_founder");
    given::<Listing>(&[])
        .when_by(&seller(), with(business(&["p1"], true)))
        .then_rule("business_closed");
    let mut own = create();
    own.business_id = None;
    given::<Listing>(&[])
        .when_by(
            &seller(),
            ListingCommand::Create {
                listing: own,
                seller_registered: true,
                business: None,
            },
        )
        .then(&[ListingEvent::ListingCreated {
            details: ListingDetails {
                business_id: None,
                ..match created() {
                    ListingEvent::ListingCreated { details } => details,
                    _ => unreachable!("created() is a creation"),
                }
            },
        }]);
}

fn created() -> ListingEvent {
    let c = create();
    ListingEvent::ListingCreated {
        details: ListingDetails {
            seller_id: c.seller_id,
            business_id: c.business_id,
            kind: c.kind,
            title: c.title,
            description: c.description,
            language: c.language,
            category: c.category,
            price: eur("12.5"),
            municipality: c.municipality,
            country: c.country,
        },
    }
}

fn published(reopened: bool) -> ListingEvent {
    ListingEvent::ListingPublished {
        seller_id: "p1".into(),
        kind: ListingKind::Product,
        category: "food".into(),
        reopened,
    }
}

fn closed() -> ListingEvent {
    ListingEvent::ListingClosed {
        seller_id: "p1".into(),
    }
}

#[test]
fn it_lets_a_participant_create_a_draft_listing_for_themselves() {
    let state = given::<Listing>(&[])
        .when_by(&seller(), command(create()))
        .then(&[created()]);
    assert_eq!(state.status, ListingStatus::Draft);
}

#[test]
fn it_refuses_a_listing_for_someone_else_unless_staff() {
    given::<Listing>(&[])
        .when_by(&someone_else(), command(create()))
        .then_forbidden();
    given::<Listing>(&[])
        .when_by(&Actor::new("m1", Role::Mentor), command(create()))
        .then_forbidden();
    given::<Listing>(&[])
        .when(command(create()))
        .then(&[created()]);
}

#[test]
fn it_needs_a_registered_seller() {
    given::<Listing>(&[])
        .when(ListingCommand::Create {
            listing: create(),
            seller_registered: false,
            business: None,
        })
        .then_not_found();
}

#[test]
fn it_validates_title_category_and_price() {
    let mut cmd = create();
    cmd.title = "  ".into();
    given::<Listing>(&[])
        .when(command(cmd))
        .then_invalid("title");
    let mut cmd = create();
    cmd.category = String::new();
    given::<Listing>(&[])
        .when(command(cmd))
        .then_invalid("category");
    let mut cmd = create();
    cmd.price = eur("0");
    given::<Listing>(&[])
        .when(command(cmd))
        .then_invalid("price");
    let mut cmd = create();
    cmd.price = eur("1.005");
    given::<Listing>(&[])
        .when(command(cmd))
        .then_invalid("price");
}

#[test]
fn it_creates_once() {
    given::<Listing>(&[created()])
        .when(command(create()))
        .then_rule("listing_already_exists");
}

#[test]
fn it_lets_only_the_seller_or_staff_edit() {
    let update = UpdateListing {
        title: Some("Arepas".into()),
        ..UpdateListing::default()
    };
    given::<Listing>(&[created()])
        .when_by(&someone_else(), ListingCommand::Update(update.clone()))
        .then_forbidden();
    given::<Listing>(&[created()])
        .when_by(
            &someone_else(),
            ListingCommand::ChangePrice { price: eur("3") },
        )
        .then_forbidden();
    given::<Listing>(&[created()])
        .when_by(&someone_else(), publish())
        .then_forbidden();
    given::<Listing>(&[created(), published(false)])
        .when_by(&someone_else(), ListingCommand::Close)
        .then_forbidden();
    let state = given::<Listing>(&[created()])
        .when_by(&seller(), ListingCommand::Update(update))
        .then(&[ListingEvent::ListingUpdated {
            seller_id: "p1".into(),
            title: "Arepas".into(),
            description: "Caja de 10".into(),
            language: Language::Es,
            category: "food".into(),
        }]);
    assert_eq!(state.details.map(|d| d.title), Some("Arepas".into()));
}

#[test]
fn it_records_only_real_changes() {
    let same = UpdateListing {
        title: Some(" Arepas congeladas ".into()),
        language: Some(Language::Es),
        ..UpdateListing::default()
    };
    given::<Listing>(&[created()])
        .when(ListingCommand::Update(same))
        .then(&[]);
    given::<Listing>(&[created()])
        .when(ListingCommand::ChangePrice {
            price: eur("12.50"),
        })
        .then(&[]);
}

#[test]
fn it_records_a_price_change_with_old_and_new_price() {
    let state = given::<Listing>(&[created()])
        .when_by(
            &seller(),
            ListingCommand::ChangePrice { price: eur("9.90") },
        )
        .then(&[ListingEvent::ListingPriceChanged {
            seller_id: "p1".into(),
            old_price: eur("12.5"),
            new_price: eur("9.9"),
        }]);
    assert_eq!(state.terms().map(|t| t.price), Some(eur("9.9")));
    given::<Listing>(&[created()])
        .when(ListingCommand::ChangePrice { price: eur("-1") })
        .then_invalid("price");
}

#[test]
fn it_publishes_closes_and_reopens() {
    given::<Listing>(&[created()])
        .when_by(&seller(), publish())
        .then(&[published(false)]);
    given::<Listing>(&[created(), published(false)])
        .when_by(&seller(), ListingCommand::Close)
        .then(&[closed()]);
    let state = given::<Listing>(&[created(), published(false), closed()])
        .when_by(&seller(), publish())
        .then(&[published(true)]);
    assert_eq!(state.status, ListingStatus::Published);
}

#[test]
fn it_refuses_transitions_that_do_not_exist() {
    given::<Listing>(&[created(), published(false)])
        .when(publish())
        .then_rule("listing_already_published");
    given::<Listing>(&[created()])
        .when(ListingCommand::Close)
        .then_rule("listing_not_published");
    given::<Listing>(&[created(), published(false), closed()])
        .when(ListingCommand::Close)
        .then_rule("listing_already_closed");
    given::<Listing>(&[]).when(publish()).then_not_found();
}

#[test]
fn it_concerns_the_seller() {
    let subjects = given::<Listing>(&[created()]).when(publish()).subjects();
    assert_eq!(subjects, ["p1"]);
}

#[test]
fn it_records_a_flat_self_describing_creation_event() {
    let json = serde_json::to_value(created()).expect("json");
    assert_eq!(json["type"], "ListingCreated");
    assert_eq!(json["seller_id"], "p1");
    assert_eq!(json["price"], "12.5");
    let back: ListingEvent = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, created());
}

#[test]
fn it_keeps_a_closed_business_listing_off_the_market() {
    let closed_business = ListingCommand::Publish {
        business: business(&["p1"], true),
    };
    given::<Listing>(&[created()])
        .when_by(&seller(), closed_business.clone())
        .then_rule("business_closed");
    given::<Listing>(&[created(), published(false), closed()])
        .when(closed_business)
        .then_rule("business_closed");
    given::<Listing>(&[created()])
        .when(ListingCommand::Publish { business: None })
        .then_not_found();
    // A listing of no business needs no business facts.
    let ListingEvent::ListingCreated { mut details } = created() else {
        unreachable!("created")
    };
    details.business_id = None;
    given::<Listing>(&[ListingEvent::ListingCreated { details }])
        .when_by(&seller(), ListingCommand::Publish { business: None })
        .then(&[published(false)]);
}
