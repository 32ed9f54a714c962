//! Marketplace orders: anyone orders a published listing — with a token as a participant or a
//! business, or without one as an anonymous buyer who leaves a contact.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::marketplace::{self, OrderCancellation};
use ruta_commands::app::AppCommand;
use ruta_commands::{CommandContext, Role};
use ruta_domain::marketplace::order::{
    Buyer, OrderDetails, OrderStatus, PlaceOrder, ANONYMOUS_ACTOR,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::{send, CommandResponse};
use crate::auth::Caller;
use crate::extract::{envelope_headers, CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/orders", post(place))
        .route("/orders/{id}", get(read))
        .route("/orders/{id}/payment", post(mark_paid))
        .route("/orders/{id}/fulfilment", post(fulfil))
        .route("/orders/{id}/cancellation", post(cancel))
}

/// A caller with a token (the usual envelope), or none: then only the envelope headers.
#[derive(Debug)]
pub(crate) enum OrderMeta {
    Authenticated(CommandMeta),
    Anonymous {
        ctx: CommandContext,
        idempotency_key: Option<String>,
    },
}

impl FromRequestParts<AppState> for OrderMeta {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if parts.headers.contains_key(AUTHORIZATION) {
            return Ok(Self::Authenticated(
                CommandMeta::from_request_parts(parts, state).await?,
            ));
        }
        // The actor and role here are placeholders: `place_anonymous_order` replaces them.
        let mut ctx = CommandContext::new(ANONYMOUS_ACTOR, Role::Participant);
        let idempotency_key = envelope_headers(parts, &mut ctx)?;
        Ok(Self::Anonymous {
            ctx,
            idempotency_key,
        })
    }
}

/// Anonymous callers all share one idempotency scope, so the key alone could hand one buyer
/// another's order. The scope is narrowed by the listing and the contact's e-mail, hashed:
/// command ids are logged and stored in event metadata, and personal data must not be.
fn anonymous_command_id(key: &str, order: &PlaceOrder) -> String {
    let email = match &order.buyer {
        Buyer::Anonymous { email, .. } => email.trim().to_lowercase(),
        _ => String::new(),
    };
    let digest = Sha256::digest(format!("{key}\n{}\n{email}", order.listing_id.trim()));
    format!("api:anonymous:{}", hex::encode(&digest[..16]))
}

/// Order a published listing. Without a token the buyer must be `anonymous` with a contact;
/// with one, a participant orders for themselves or their business (staff for anyone).
#[utoipa::path(post, path = "/api/v1/orders", tag = "marketplace",
    params(CommandHeaders),
    request_body = PlaceOrder, security((), ("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn place(
    State(state): State<AppState>,
    meta: OrderMeta,
    JsonBody(body): JsonBody<PlaceOrder>,
) -> ApiResult<Response> {
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = match meta {
        OrderMeta::Authenticated(meta) => {
            send(&state, &meta, &id, AppCommand::PlaceOrder(body)).await?
        }
        OrderMeta::Anonymous {
            mut ctx,
            idempotency_key,
        } => {
            if !matches!(body.buyer, Buyer::Anonymous { .. }) {
                return Err(ApiError::unauthorized(
                    "sign in to order as a participant or a business",
                ));
            }
            if let Some(key) = idempotency_key {
                ctx.command_id = anonymous_command_id(&key, &body);
                ctx.correlation_id.clone_from(&ctx.command_id);
            }
            marketplace::place_anonymous_order(&state.executor, &id, body, ctx).await?
        }
    };
    Ok(CommandResponse::created(outcome, "/api/v1/orders"))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrderView {
    pub id: String,
    pub status: OrderStatus,
    #[serde(flatten)]
    pub details: OrderDetails,
}

/// Read an order: its buyer (a participant or business buyer), its seller, or staff.
#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "marketplace",
    params(("id" = String, Path, description = "The order's id")),
    security(("bearer" = [])),
    responses((status = 200, body = OrderView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<OrderView>> {
    let order = marketplace::visible_order(&state.executor, &id, &caller.actor()).await?;
    let details = order.details.ok_or_else(|| ApiError::not_found("order"))?;
    Ok(Json(OrderView {
        id,
        status: order.status,
        details,
    }))
}

command_route! {
    /// Record that a placed order was paid (the seller or staff).
    post "/api/v1/orders/{id}/payment", tag "marketplace", id "The order's id",
    fn mark_paid => MarkOrderPaid
}

command_route! {
    /// Record that a paid order was delivered or the service given (the seller or staff).
    post "/api/v1/orders/{id}/fulfilment", tag "marketplace", id "The order's id",
    fn fulfil => FulfilOrder
}

command_route! {
    /// Cancel an order that is not fulfilled yet (its buyer, its seller or staff); final.
    post "/api/v1/orders/{id}/cancellation", tag "marketplace", id "The order's id",
    fn cancel(OrderCancellation) => CancelOrder
}
