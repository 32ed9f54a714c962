//! The order's commands, events and values; its behaviour is in `order.rs`.

use crate::event_types;
use serde::{Deserialize, Serialize};

use super::Buyer;
use crate::businesses::business::BusinessFacts;
use crate::marketplace::listing::{ListingKind, ListingTerms};
use crate::values::{Eur, ProgrammeCountry};
use crate::DomainEvent;

/// An order as the buyer sends it; the listing's facts are looked up by the command layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaceOrder {
    pub listing_id: String,
    /// At least 1 (default 1).
    #[serde(default = "one")]
    pub quantity: u32,
    pub buyer: Buyer,
}

fn one() -> u32 {
    1
}

/// An order to place, with the facts the command layer looked up.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub listing_id: String,
    pub listing: Option<ListingTerms>,
    pub buyer: Buyer,
    /// Is the buyer's participant registered? True for anonymous buyers.
    pub buyer_registered: bool,
    /// For a business buyer: that business's facts (`None` if it does not exist).
    pub buyer_business: Option<BusinessFacts>,
    pub quantity: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum OrderCommand {
    Place(Box<Placement>),
    MarkPaid,
    Fulfil,
    Cancel { reason: Option<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CancelledBy {
    Buyer,
    Seller,
    Staff,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum OrderEvent {
    OrderPlaced {
        #[serde(flatten)]
        details: OrderDetails,
    },
    OrderPaid {
        listing_id: String,
        seller_id: String,
        total: Eur,
    },
    OrderFulfilled {
        listing_id: String,
        seller_id: String,
        kind: ListingKind,
    },
    OrderCancelled {
        listing_id: String,
        seller_id: String,
        cancelled_by: CancelledBy,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

impl DomainEvent for OrderEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::OrderPlaced { .. } => event_types::ORDER_PLACED,
            Self::OrderPaid { .. } => event_types::ORDER_PAID,
            Self::OrderFulfilled { .. } => event_types::ORDER_FULFILLED,
            Self::OrderCancelled { .. } => event_types::ORDER_CANCELLED,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    #[default]
    NotPlaced,
    Placed,
    Paid,
    Fulfilled,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderDetails {
    pub listing_id: String,
    pub seller_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seller_business_id: Option<String>,
    pub kind: ListingKind,
    pub title: String,
    pub category: String,
    /// Where the listing is offered.
    pub country: ProgrammeCountry,
    pub buyer: Buyer,
    pub unit_price: Eur,
    pub quantity: u32,
    pub total: Eur,
}
