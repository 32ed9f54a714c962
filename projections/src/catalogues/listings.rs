//! The product and service catalogue: published listings only; a closed listing leaves the
//! index in the batch that reads its `ListingClosed`, and a price change shows in the next one.

use ruta_domain::marketplace::listing::{Listing, ListingDetails, ListingEvent};
use ruta_domain::Aggregate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::Catalogue;
use crate::search::{CollectionSpec, FieldKind};
use ruta_store::log::as_written;
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

impl From<ListingDetails> for Details {
    fn from(d: ListingDetails) -> Self {
        Self {
            kind: as_written(&d.kind),
            language: as_written(&d.language),
            price: as_written(&d.price),
            country: as_written(&d.country),
            seller_id: d.seller_id,
            business_id: d.business_id,
            title: d.title,
            description: d.description,
            category: d.category,
            municipality: d.municipality,
        }
    }
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
        event.aggregate_type == Listing::TYPE
    }

    fn fold(state: &mut ListingState, event: &RecordedEvent) -> Result<(), String> {
        let Some(event) = event.decode::<Listing>().map_err(|e| e.to_string())? else {
            return Ok(());
        };
        match event {
            ListingEvent::ListingCreated { details } => {
                *state = ListingState {
                    details: Details::from(details),
                    published: false,
                };
            }
            ListingEvent::ListingUpdated {
                title,
                description,
                language,
                category,
                ..
            } => {
                let d = &mut state.details;
                d.title = title;
                d.description = description;
                d.language = as_written(&language);
                d.category = category;
            }
            ListingEvent::ListingPriceChanged { new_price, .. } => {
                state.details.price = as_written(&new_price);
            }
            ListingEvent::ListingPublished { .. } => state.published = true,
            ListingEvent::ListingClosed { .. } => state.published = false,
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
