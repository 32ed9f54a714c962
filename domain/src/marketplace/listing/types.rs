//! The listing's commands, events and values; its behaviour is in `listing.rs`.

use crate::event_types;
use serde::{Deserialize, Serialize};

use crate::businesses::business::BusinessFacts;
use crate::values::{Eur, Language, ProgrammeCountry};
use crate::DomainEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListingKind {
    Product,
    Service,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateListing {
    /// The participant who sells; a participant may only list for themselves.
    pub seller_id: String,
    /// The seller's business, if they sell through one (stored as given, not verified).
    #[serde(default)]
    pub business_id: Option<String>,
    pub kind: ListingKind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The language title and description are written in.
    pub language: Language,
    /// Free text such as "food" or "cleaning services" (1–80 characters).
    pub category: String,
    /// Euros as a decimal string, e.g. "12.50".
    pub price: Eur,
    pub municipality: String,
    pub country: ProgrammeCountry,
}

/// Content changes; absent fields stay as they are. Price has its own command.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateListing {
    pub title: Option<String>,
    pub description: Option<String>,
    pub language: Option<Language>,
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ListingCommand {
    /// `seller_registered` and the facts of the named business (if any) are looked up by
    /// the command layer.
    Create {
        listing: CreateListing,
        seller_registered: bool,
        business: Option<BusinessFacts>,
    },
    Update(UpdateListing),
    ChangePrice {
        price: Eur,
    },
    /// `business`: the facts of the listing's business, looked up by the command layer
    /// (whatever a caller passes is replaced there); a closed business's listing stays off
    /// the market.
    Publish {
        business: Option<BusinessFacts>,
    },
    Close,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum ListingEvent {
    ListingCreated {
        #[serde(flatten)]
        details: ListingDetails,
    },
    /// The listing's content after the change.
    ListingUpdated {
        seller_id: String,
        title: String,
        description: String,
        language: Language,
        category: String,
    },
    ListingPriceChanged {
        seller_id: String,
        old_price: Eur,
        new_price: Eur,
    },
    /// `reopened` is true when a closed listing is published again.
    ListingPublished {
        seller_id: String,
        kind: ListingKind,
        category: String,
        reopened: bool,
    },
    ListingClosed {
        seller_id: String,
    },
}

impl DomainEvent for ListingEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::ListingCreated { .. } => event_types::LISTING_CREATED,
            Self::ListingUpdated { .. } => event_types::LISTING_UPDATED,
            Self::ListingPriceChanged { .. } => event_types::LISTING_PRICE_CHANGED,
            Self::ListingPublished { .. } => event_types::LISTING_PUBLISHED,
            Self::ListingClosed { .. } => event_types::LISTING_CLOSED,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListingStatus {
    #[default]
    Draft,
    Published,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingDetails {
    pub seller_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_id: Option<String>,
    pub kind: ListingKind,
    pub title: String,
    pub description: String,
    pub language: Language,
    pub category: String,
    pub price: Eur,
    pub municipality: String,
    pub country: ProgrammeCountry,
}

/// What an order needs to know about its listing, captured when it is placed: the price a
/// buyer ordered at does not change under their feet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingTerms {
    pub status: ListingStatus,
    pub seller_id: String,
    pub business_id: Option<String>,
    pub kind: ListingKind,
    pub title: String,
    pub category: String,
    pub price: Eur,
    pub country: ProgrammeCountry,
}
