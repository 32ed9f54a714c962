//! Marketplace listings: participants offer products and services; anyone reads published ones.

use axum::extract::{Path, State};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use ruta_commands::app::marketplace::{self, Price};
use ruta_domain::marketplace::listing::{
    CreateListing, ListingDetails, ListingStatus, UpdateListing,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::extract::MaybeCaller;
use crate::openapi::responses::{NotFound, OptionalCredential};
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/listings", post(create))
        .route("/listings/{id}", get(read).patch(update))
        .route("/listings/{id}/price", put(change_price))
        .route("/listings/{id}/publish", post(publish))
        .route("/listings/{id}/close", post(close))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ListingView {
    pub id: String,
    pub status: ListingStatus,
    #[serde(flatten)]
    pub details: ListingDetails,
}

command_route! {
    /// Create a listing (draft). Participants list for themselves; staff for any participant.
    create "/api/v1/listings", tag "marketplace",
    fn create(CreateListing) => CreateListing, NotFound
}

/// Read a listing. Drafts and closed listings are visible to their seller and staff only.
#[utoipa::path(get, path = "/api/v1/listings/{id}", tag = "marketplace",
    params(("id" = String, Path, description = "The listing's id")),
    security((), ("bearer" = [])),
    responses((status = 200, body = ListingView), OptionalCredential, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<ListingView>> {
    let actor = caller.map(|c| c.actor());
    let listing = marketplace::visible_listing(&state.executor, &id, actor.as_ref()).await?;
    let details = listing
        .details
        .ok_or(ruta_domain::DomainError::NotFound { what: "listing" })?;
    Ok(Json(ListingView {
        id,
        status: listing.status,
        details,
    }))
}

command_route! {
    /// Change title, description, language or category (the seller or staff); no change, no event.
    patch "/api/v1/listings/{id}", tag "marketplace", id "The listing's id",
    fn update(UpdateListing) => UpdateListing
}

command_route! {
    /// Change the price (the seller or staff); recorded with the old and the new price.
    put "/api/v1/listings/{id}/price", tag "marketplace", id "The listing's id",
    fn change_price(Price) => ChangeListingPrice
}

command_route! {
    /// Publish a draft, or reopen a closed listing (the seller or staff).
    post "/api/v1/listings/{id}/publish", tag "marketplace", id "The listing's id",
    fn publish => PublishListing
}

command_route! {
    /// Close a published listing: it can no longer be ordered (the seller or staff).
    post "/api/v1/listings/{id}/close", tag "marketplace", id "The listing's id",
    fn close => CloseListing
}
