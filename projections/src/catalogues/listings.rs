//! The product and service catalogue: published listings only; a closed listing leaves the
//! index in the batch that reads its `ListingClosed`, and a price change shows in the next one.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{payload, Catalogue};
use crate::search::{CollectionSpec, FieldKind};
use ruta_store::log::RecordedEvent;

#[derive(Debug, Clone, Copy, Default)]
pub struct Listings;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListingState {
    /// As `ListingCreated` carries them, then updated; stored flat beside `published`.
    #[serde(flatten)]
    details: Details,
    published: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Details {
    seller_id: String,
    #[serde(default)]
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
        CollectionSpec::new(
            Self::NAME,
            &[
                ("title", FieldKind::Text),
                ("description", FieldKind::Text),
                ("kind", FieldKind::Keyword),
                ("category", FieldKind::Keyword),
                ("municipality", FieldKind::Keyword),
                ("country", FieldKind::Keyword),
                ("language", FieldKind::Keyword),
                ("price", FieldKind::Number),
                ("price_eur", FieldKind::Stored),
                ("seller_id", FieldKind::Stored),
                ("business_id", FieldKind::Stored),
            ],
        )
    }

    fn reads(event: &RecordedEvent) -> bool {
        event.aggregate_type == "Listing"
    }

    fn fold(state: &mut ListingState, event: &RecordedEvent) -> Result<(), String> {
        match event.event_type.as_str() {
            "ListingCreated" => {
                *state = ListingState {
                    details: payload(event)?,
                    published: false,
                };
            }
            "ListingUpdated" => {
                let u: Updated = payload(event)?;
                let d = &mut state.details;
                d.title = u.title;
                d.description = u.description;
                d.language = u.language;
                d.category = u.category;
            }
            "ListingPriceChanged" => {
                state.details.price = payload::<PriceChanged>(event)?.new_price;
            }
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
        let d = &state.details;
        // The engine filters and sorts on a number; the decimal string stays the display value.
        let price: f64 = d.price.parse().ok()?;
        let document = json!({
            "title": { d.language.clone(): d.title },
            "description": { d.language.clone(): d.description },
            "kind": d.kind,
            "category": d.category,
            "municipality": d.municipality,
            "country": d.country,
            "language": d.language,
            "price": price,
            "price_eur": d.price,
            "seller_id": d.seller_id,
            "business_id": d.business_id,
        });
        document.as_object().cloned()
    }
}
