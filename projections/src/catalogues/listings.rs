//! The product and service catalogue: published listings only; a closed listing leaves the
//! index in the batch that reads its `ListingClosed`, and a price change shows in the next one.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{payload, Catalogue};
use crate::search::{CollectionSpec, FieldKind, FieldSpec};
use crate::RecordedEvent;

#[derive(Debug, Clone, Copy, Default)]
pub struct Listings;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListingState {
    seller_id: String,
    business_id: Option<String>,
    kind: String,
    title: String,
    description: String,
    language: String,
    category: String,
    /// Decimal euros as written by the domain (`"12.50"`).
    price: String,
    municipality: String,
    country: String,
    published: bool,
}

#[derive(Deserialize)]
struct Created {
    seller_id: String,
    #[serde(default)]
    business_id: Option<String>,
    kind: String,
    title: String,
    description: String,
    language: String,
    category: String,
    price: String,
    municipality: String,
    country: String,
}

#[derive(Deserialize)]
struct Updated {
    title: String,
    description: String,
    language: String,
    category: String,
}

#[derive(Deserialize)]
struct PriceChanged {
    new_price: String,
}

impl Catalogue for Listings {
    const NAME: &'static str = "listings";
    const VERSION: u32 = 1;
    type State = ListingState;

    fn spec() -> CollectionSpec {
        let field = |name, kind| FieldSpec { name, kind };
        CollectionSpec {
            name: Self::NAME,
            fields: vec![
                field("title", FieldKind::Text),
                field("description", FieldKind::Text),
                field("kind", FieldKind::Keyword),
                field("category", FieldKind::Keyword),
                field("municipality", FieldKind::Keyword),
                field("country", FieldKind::Keyword),
                field("language", FieldKind::Keyword),
                field("price", FieldKind::Number),
                field("price_eur", FieldKind::Stored),
                field("seller_id", FieldKind::Stored),
                field("business_id", FieldKind::Stored),
            ],
        }
    }

    fn reads(event: &RecordedEvent) -> bool {
        event.aggregate_type == "Listing"
    }

    fn fold(state: &mut ListingState, event: &RecordedEvent) -> Result<(), String> {
        match event.event_type.as_str() {
            "ListingCreated" => {
                let c: Created = payload(event)?;
                *state = ListingState {
                    seller_id: c.seller_id,
                    business_id: c.business_id,
                    kind: c.kind,
                    title: c.title,
                    description: c.description,
                    language: c.language,
                    category: c.category,
                    price: c.price,
                    municipality: c.municipality,
                    country: c.country,
                    published: false,
                };
            }
            "ListingUpdated" => {
                let u: Updated = payload(event)?;
                state.title = u.title;
                state.description = u.description;
                state.language = u.language;
                state.category = u.category;
            }
            "ListingPriceChanged" => state.price = payload::<PriceChanged>(event)?.new_price,
            "ListingPublished" => state.published = true,
            "ListingClosed" => state.published = false,
            _ => {}
        }
        Ok(())
    }

    fn document(state: &ListingState) -> Option<Map<String, Value>> {
        if !state.published {
            return None;
        }
        // The engine filters and sorts on a number; the decimal string stays the display value.
        let price: f64 = state.price.parse().ok()?;
        let document = json!({
            "title": { state.language.clone(): state.title },
            "description": { state.language.clone(): state.description },
            "kind": state.kind,
            "category": state.category,
            "municipality": state.municipality,
            "country": state.country,
            "language": state.language,
            "price": price,
            "price_eur": state.price,
            "seller_id": state.seller_id,
            "business_id": state.business_id,
        });
        document.as_object().cloned()
    }
}
