//! Marketplace listings: participants offer products and services; anyone reads published ones.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use ruta_commands::app::marketplace::{self, Price};
use ruta_commands::app::AppCommand;
use ruta_domain::marketplace::listing::{
    CreateListing, ListingDetails, ListingStatus, UpdateListing,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{send, CommandResponse};
use crate::extract::{CommandMeta, JsonBody, MaybeCaller};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, OptionalCredential};
use crate::openapi::CommandHeaders;
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

/// Create a listing (draft). Participants list for themselves; staff for any participant.
#[utoipa::path(post, path = "/api/v1/listings", tag = "marketplace",
    params(CommandHeaders),
    request_body = CreateListing, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn create(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<CreateListing>,
) -> ApiResult<Response> {
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = send(&state, &meta, &id, AppCommand::CreateListing(body)).await?;
    Ok(CommandResponse::created(outcome, "/api/v1/listings"))
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

/// Change title, description, language or category (the seller or staff); no change, no event.
#[utoipa::path(patch, path = "/api/v1/listings/{id}", tag = "marketplace",
    params(("id" = String, Path, description = "The listing's id"), CommandHeaders),
    request_body = UpdateListing, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn update(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateListing>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::UpdateListing(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Change the price (the seller or staff); recorded with the old and the new price.
#[utoipa::path(put, path = "/api/v1/listings/{id}/price", tag = "marketplace",
    params(("id" = String, Path, description = "The listing's id"), CommandHeaders),
    request_body = Price, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn change_price(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<Price>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::ChangeListingPrice(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Publish a draft, or reopen a closed listing (the seller or staff).
#[utoipa::path(post, path = "/api/v1/listings/{id}/publish", tag = "marketplace",
    params(("id" = String, Path, description = "The listing's id"), CommandHeaders),
    security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, NotFound))]
pub(crate) async fn publish(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(CommandResponse::ok(
        send(&state, &meta, &id, AppCommand::PublishListing).await?,
    ))
}

/// Close a published listing: it can no longer be ordered (the seller or staff).
#[utoipa::path(post, path = "/api/v1/listings/{id}/close", tag = "marketplace",
    params(("id" = String, Path, description = "The listing's id"), CommandHeaders),
    security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, NotFound))]
pub(crate) async fn close(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(CommandResponse::ok(
        send(&state, &meta, &id, AppCommand::CloseListing).await?,
    ))
}
