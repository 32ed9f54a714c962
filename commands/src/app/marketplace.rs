//! Marketplace commands: listings and orders.
//!
//! Who may change a listing or an order depends on the aggregate (its seller, its buyer), so
//! those rules live in the domain and read the actor. This layer looks up the facts a
//! decision needs — is the seller or buyer registered, what does the listing say now — and
//! places them in the command.
//!
//! Anonymous buyers have no token. [`place_anonymous_order`] is the only place that decides
//! for them: it replaces whatever actor the envelope carries by
//! [`ANONYMOUS_ACTOR`] with the participant role (no new [`Role`] exists for them), and the
//! `Order` aggregate lets that actor place orders only for an anonymous buyer — never as a
//! participant or a business, never cancel, never take payment.

use ruta_domain::businesses::business::BusinessFacts;
use ruta_domain::marketplace::listing::{CreateListing, Listing, ListingCommand, ListingStatus};
use ruta_domain::marketplace::order::{
    Buyer, Order, OrderCommand, PlaceOrder, Placement, ANONYMOUS_ACTOR,
};
use ruta_domain::values::Eur;
use ruta_domain::{Actor, DomainError, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::require;
use super::{business_facts, facts, is_registered, load_since};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Participants list their own products and services; staff list for anyone.
use crate::policy::SELLERS;

/// Creates a draft listing for a registered seller.
///
/// # Errors
/// See [`Executor::execute`]; an unknown seller gives `DomainError::NotFound`.
pub(crate) async fn create_listing(
    x: &Executor,
    id: &str,
    listing: CreateListing,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, SELLERS)?;
    let seller_registered = is_registered(x, ctx, listing.seller_id.trim()).await?;
    let business = match listing.business_id.as_deref() {
        Some(id) => business_facts(x, ctx, id).await?,
        None => None,
    };
    let command = ListingCommand::Create {
        listing,
        seller_registered,
        business,
    };
    x.execute::<Listing>(id, command, ctx).await
}

/// Edits, prices or closes a listing: its seller or staff (checked by `Listing`). Publishing
/// looks up facts first: [`publish_listing`].
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn act_on_listing(
    x: &Executor,
    id: &str,
    command: ListingCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    x.execute::<Listing>(id, command, ctx).await
}

/// Publishes a listing: its seller or staff. The facts of the listing's business are looked
/// up here.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn publish_listing(
    x: &Executor,
    id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let business = listing_business(x, id, ctx).await?;
    x.execute::<Listing>(id, ListingCommand::Publish { business }, ctx)
        .await
}

/// The facts of the business a listing is offered for, if it names one.
async fn listing_business(
    x: &Executor,
    id: &str,
    ctx: &CommandContext,
) -> Result<Option<BusinessFacts>, CommandError> {
    let listing = x.load::<Listing>(id).await?;
    match listing.and_then(|l| l.details).and_then(|d| d.business_id) {
        Some(business_id) => business_facts(x, ctx, &business_id).await,
        None => Ok(None),
    }
}

/// A published listing for anyone; a draft or closed one for its seller and staff only (to
/// anyone else it does not exist).
///
/// # Errors
/// `NotFound`.
pub async fn visible_listing(
    x: &Executor,
    id: &str,
    actor: Option<&Actor>,
) -> Result<Listing, CommandError> {
    let not_found = DomainError::NotFound { what: "listing" };
    let listing = x.load::<Listing>(id).await?.ok_or(not_found.clone())?;
    let seller = listing.details.as_ref().map(|d| d.seller_id.as_str());
    let own = actor.is_some_and(|a| seller.is_some_and(|s| a.acts_for(s)));
    if listing.status == ListingStatus::Published || own {
        Ok(listing)
    } else {
        Err(not_found.into())
    }
}

/// Places an order for an authenticated caller. Participant and business buyers must be the
/// caller's own participant (or any, for staff); anyone may order for an anonymous contact.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn place_order(
    x: &Executor,
    id: &str,
    order: PlaceOrder,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let listing_id = order.listing_id.trim();
    let listing = load_since::<Listing>(x, ctx, listing_id, facts::LISTING_PUBLISHED).await?;
    let buyer_registered = match order.buyer.participant_id() {
        Some(participant) => is_registered(x, ctx, participant.trim()).await?,
        None => true,
    };
    let buyer_business = match &order.buyer {
        Buyer::Business { business_id, .. } => business_facts(x, ctx, business_id).await?,
        _ => None,
    };
    let command = OrderCommand::Place(Box::new(Placement {
        listing_id: order.listing_id.trim().to_owned(),
        listing: listing.and_then(|l| l.terms()),
        buyer: order.buyer,
        buyer_registered,
        buyer_business,
        quantity: order.quantity,
    }));
    x.execute::<Order>(id, command, ctx).await
}

/// Places an order for a caller without credentials. `envelope` gives the command id,
/// correlation and channel; its actor and role are replaced by the anonymous actor.
///
/// # Errors
/// `Forbidden` unless the buyer is anonymous; otherwise as [`place_order`].
pub async fn place_anonymous_order(
    x: &Executor,
    id: &str,
    order: PlaceOrder,
    envelope: CommandContext,
) -> Result<CommandOutcome, CommandError> {
    if !matches!(order.buyer, Buyer::Anonymous { .. }) {
        return Err(
            DomainError::forbidden("sign in to order as a participant or a business").into(),
        );
    }
    let ctx = CommandContext {
        actor: ANONYMOUS_ACTOR.to_owned(),
        role: Role::Participant,
        ..envelope
    };
    place_order(x, id, order, &ctx).await
}

/// Payment, fulfilment (seller or staff) and cancellation (buyer, seller or staff); the
/// `Order` aggregate checks who acts.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn act_on_order(
    x: &Executor,
    id: &str,
    command: OrderCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    x.execute::<Order>(id, command, ctx).await
}

/// The order, if the caller is its buyer's participant, its seller or staff.
///
/// # Errors
/// `NotFound` for an unknown order, `Forbidden` for someone else's.
pub async fn visible_order(x: &Executor, id: &str, actor: &Actor) -> Result<Order, CommandError> {
    let order = x
        .load::<Order>(id)
        .await?
        .ok_or(DomainError::NotFound { what: "order" })?;
    if order.visible_to(actor) {
        Ok(order)
    } else {
        Err(DomainError::forbidden("only the buyer, the seller or staff may read an order").into())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Euros as a decimal string, e.g. "9.90".
    pub price: Eur,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderCancellation {
    #[serde(default)]
    pub reason: Option<String>,
}
