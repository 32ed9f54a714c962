//! Order: someone orders a published listing; placed → paid → fulfilled, or cancelled.
//!
//! Buyers are participants, businesses (through one of their participants) or anonymous
//! people who leave a contact. Anonymous buyers have no token: the command layer decides for
//! them as the actor [`ANONYMOUS_ACTOR`] with the participant role, and this aggregate only
//! lets that actor place orders for an [`Buyer::Anonymous`] buyer.

use serde::{Deserialize, Serialize};

use crate::error::Decision;
use crate::marketplace::listing::ListingStatus;
use crate::values::{required_text, Eur};
use crate::{Actor, Aggregate, DomainError};

mod buyer;
pub use buyer::Buyer;

mod types;
pub use types::{
    CancelledBy, OrderCommand, OrderDetails, OrderEvent, OrderStatus, PlaceOrder, Placement,
};

/// The actor id of a caller without credentials. Never a participant: it may not buy as one.
pub const ANONYMOUS_ACTOR: &str = "anonymous";

const MAX_QUANTITY: u32 = 10_000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub status: OrderStatus,
    pub details: Option<OrderDetails>,
}

impl Order {
    /// The buyer's participant, the seller, or staff may see the order.
    pub fn visible_to(&self, actor: &Actor) -> bool {
        self.details.as_ref().is_some_and(|d| {
            actor.acts_for(&d.seller_id)
                || d.buyer
                    .participant_id()
                    .is_some_and(|p| acts_as_participant(actor, p))
        })
    }

    fn existing(&self) -> Result<&OrderDetails, DomainError> {
        self.details
            .as_ref()
            .ok_or(DomainError::NotFound { what: "order" })
    }

    fn sellers(&self, actor: &Actor) -> Result<&OrderDetails, DomainError> {
        let d = self.existing()?;
        if actor.acts_for(&d.seller_id) {
            Ok(d)
        } else {
            Err(DomainError::forbidden(
                "only the seller or staff may do this",
            ))
        }
    }

    fn place(&self, placement: Placement, actor: &Actor) -> Decision<OrderEvent> {
        let Placement {
            listing_id,
            listing,
            buyer,
            buyer_registered,
            buyer_business,
            quantity,
        } = placement;
        if self.details.is_some() {
            return Err(DomainError::rule(
                "order_already_placed",
                "an order with this id already exists",
            ));
        }
        let buyer = buyer.validated()?;
        if let Some(participant) = buyer.participant_id() {
            if !acts_as_participant(actor, participant) {
                return Err(DomainError::forbidden(
                    "participants may only order for themselves or their business",
                ));
            }
            if !buyer_registered {
                return Err(DomainError::NotFound {
                    what: "participant",
                });
            }
        }
        if let Buyer::Business { participant_id, .. } = &buyer {
            buyer_business
                .as_ref()
                .ok_or(DomainError::NotFound { what: "business" })?
                .require_founder(participant_id)?;
        }
        if !(1..=MAX_QUANTITY).contains(&quantity) {
            return Err(DomainError::invalid(
                "quantity",
                format!("must be between 1 and {MAX_QUANTITY}"),
            ));
        }
        let listing = listing.ok_or(DomainError::NotFound { what: "listing" })?;
        if listing.status != ListingStatus::Published {
            return Err(DomainError::rule(
                "listing_not_available",
                "only published listings can be ordered",
            ));
        }
        let same_business = match (&buyer, &listing.business_id) {
            (Buyer::Business { business_id, .. }, Some(seller_business)) => {
                business_id.trim() == seller_business
            }
            _ => false,
        };
        if same_business || buyer.participant_id() == Some(listing.seller_id.as_str()) {
            return Err(DomainError::rule(
                "own_listing",
                "a seller cannot order their own listing, nor a business its own",
            ));
        }
        let total = Eur(listing.price.0 * rust_decimal::Decimal::from(quantity));
        Ok(vec![OrderEvent::OrderPlaced {
            details: OrderDetails {
                listing_id,
                seller_id: listing.seller_id,
                seller_business_id: listing.business_id,
                kind: listing.kind,
                title: listing.title,
                category: listing.category,
                country: listing.country,
                buyer,
                unit_price: listing.price,
                quantity,
                total,
            },
        }])
    }

    fn mark_paid(&self, actor: &Actor) -> Decision<OrderEvent> {
        let d = self.sellers(actor)?;
        match self.status {
            OrderStatus::Placed => Ok(vec![OrderEvent::OrderPaid {
                listing_id: d.listing_id.clone(),
                seller_id: d.seller_id.clone(),
                total: d.total,
            }]),
            OrderStatus::Cancelled => Err(cancelled()),
            _ => Err(DomainError::rule(
                "order_already_paid",
                "the order is already paid",
            )),
        }
    }

    fn fulfil(&self, actor: &Actor) -> Decision<OrderEvent> {
        let d = self.sellers(actor)?;
        match self.status {
            OrderStatus::Paid => Ok(vec![OrderEvent::OrderFulfilled {
                listing_id: d.listing_id.clone(),
                seller_id: d.seller_id.clone(),
                kind: d.kind,
            }]),
            OrderStatus::Placed => Err(DomainError::rule(
                "order_not_paid",
                "an order is fulfilled after it is paid",
            )),
            OrderStatus::Cancelled => Err(cancelled()),
            _ => Err(fulfilled()),
        }
    }

    fn cancel(&self, reason: Option<String>, actor: &Actor) -> Decision<OrderEvent> {
        let d = self.existing()?;
        let cancelled_by = if actor.is_staff() {
            CancelledBy::Staff
        } else if actor.acts_for(&d.seller_id) {
            CancelledBy::Seller
        } else if d
            .buyer
            .participant_id()
            .is_some_and(|p| acts_as_participant(actor, p))
        {
            CancelledBy::Buyer
        } else {
            return Err(DomainError::forbidden(
                "only the buyer, the seller or staff may cancel an order",
            ));
        };
        match self.status {
            OrderStatus::Fulfilled => return Err(fulfilled()),
            OrderStatus::Cancelled => return Err(cancelled()),
            _ => {}
        }
        let reason = reason
            .map(|r| required_text("reason", &r, 500))
            .transpose()?;
        Ok(vec![OrderEvent::OrderCancelled {
            listing_id: d.listing_id.clone(),
            seller_id: d.seller_id.clone(),
            cancelled_by,
            reason,
        }])
    }
}

/// `actor` is staff or the participant `participant_id` — and never the anonymous caller,
/// whose participant role exists only so that it can place anonymous orders.
fn acts_as_participant(actor: &Actor, participant_id: &str) -> bool {
    actor.is_staff() || (actor.id != ANONYMOUS_ACTOR && actor.acts_for(participant_id))
}

fn cancelled() -> DomainError {
    DomainError::rule("order_cancelled", "the order was cancelled")
}

fn fulfilled() -> DomainError {
    DomainError::rule("order_already_fulfilled", "the order is already fulfilled")
}

impl Aggregate for Order {
    const TYPE: &'static str = "Order";
    type Command = OrderCommand;
    type Event = OrderEvent;

    fn decide(&self, command: OrderCommand, actor: &Actor) -> Decision<OrderEvent> {
        match command {
            OrderCommand::Place(placement) => self.place(*placement, actor),
            OrderCommand::MarkPaid => self.mark_paid(actor),
            OrderCommand::Fulfil => self.fulfil(actor),
            OrderCommand::Cancel { reason } => self.cancel(reason, actor),
        }
    }

    fn apply(&mut self, event: &OrderEvent) {
        match event.clone() {
            OrderEvent::OrderPlaced { details } => {
                self.status = OrderStatus::Placed;
                self.details = Some(details);
            }
            OrderEvent::OrderPaid { .. } => self.status = OrderStatus::Paid,
            OrderEvent::OrderFulfilled { .. } => self.status = OrderStatus::Fulfilled,
            OrderEvent::OrderCancelled { .. } => self.status = OrderStatus::Cancelled,
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &OrderEvent) -> Vec<String> {
        let Some(d) = self.details.as_ref() else {
            return Vec::new();
        };
        let mut subjects = vec![d.seller_id.clone()];
        subjects.extend(d.buyer.participant_id().map(str::to_owned));
        subjects
    }
}

#[cfg(test)]
mod tests;
