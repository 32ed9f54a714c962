//! Businesses (SMEs) created by participants: jobs, B2B relationships, restructuring, closure.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::AppCommand;
use ruta_domain::businesses::business::{
    Business, CloseBusiness, CreateBusiness, FormB2BRelationship, RecordJobs, RestructureBusiness,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{send, CommandResponse};
use crate::auth::Caller;
use crate::extract::{CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/businesses", post(create))
        .route("/businesses/{id}", get(read))
        .route("/businesses/{id}/jobs", post(record_jobs))
        .route("/businesses/{id}/b2b-relationships", post(form_b2b))
        .route("/businesses/{id}/restructuring", post(restructure))
        .route("/businesses/{id}/closure", post(close))
}

/// Create a business: staff, or a participant who is among its founders.
#[utoipa::path(post, path = "/api/v1/businesses", tag = "businesses",
    params(CommandHeaders),
    request_body = CreateBusiness, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn create(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<CreateBusiness>,
) -> ApiResult<Response> {
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = send(&state, &meta, &id, AppCommand::CreateBusiness(body)).await?;
    Ok(CommandResponse::created(outcome, "/api/v1/businesses"))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BusinessView {
    pub id: String,
    #[serde(flatten)]
    pub business: Business,
}

/// Read a business. Businesses are visible to every signed-in user of the platform (B2B).
#[utoipa::path(get, path = "/api/v1/businesses/{id}", tag = "businesses",
    params(("id" = String, Path, description = "The business's id")),
    security(("bearer" = [])),
    responses((status = 200, body = BusinessView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<BusinessView>> {
    let business = state
        .executor
        .load::<Business>(&id)
        .await?
        .filter(Business::exists)
        .ok_or_else(|| ApiError::not_found("business"))?;
    Ok(Json(BusinessView { id, business }))
}

/// Record jobs created (direct and indirect; they add up): a founder or staff.
#[utoipa::path(post, path = "/api/v1/businesses/{id}/jobs", tag = "businesses",
    params(("id" = String, Path, description = "The business's id"), CommandHeaders),
    request_body = RecordJobs, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn record_jobs(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RecordJobs>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::RecordJobs(body)).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::CREATED, None))
}

/// Form a B2B relationship with another business on the platform or an outside
/// organisation: a founder or staff.
#[utoipa::path(post, path = "/api/v1/businesses/{id}/b2b-relationships", tag = "businesses",
    params(("id" = String, Path, description = "The business's id"), CommandHeaders),
    request_body = FormB2BRelationship, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn form_b2b(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<FormB2BRelationship>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::FormB2BRelationship(body)).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::CREATED, None))
}

/// Restructure the business: it continues as a new version (a founder or staff).
#[utoipa::path(post, path = "/api/v1/businesses/{id}/restructuring", tag = "businesses",
    params(("id" = String, Path, description = "The business's id"), CommandHeaders),
    request_body = RestructureBusiness, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn restructure(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RestructureBusiness>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::RestructureBusiness(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Close the business; nothing can be recorded afterwards (a founder or staff).
#[utoipa::path(post, path = "/api/v1/businesses/{id}/closure", tag = "businesses",
    params(("id" = String, Path, description = "The business's id"), CommandHeaders),
    request_body = CloseBusiness, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn close(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CloseBusiness>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::CloseBusiness(body)).await?;
    Ok(CommandResponse::ok(outcome))
}
