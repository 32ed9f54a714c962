//! Businesses (SMEs) created by participants: jobs, B2B relationships, restructuring, closure.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::businesses;
use ruta_domain::businesses::business::{
    Business, BusinessCommand, CloseBusiness, CreateBusiness, FormB2BRelationship, RecordJobs,
    RestructureBusiness,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::CommandResponse;
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
    let outcome = businesses::create(&state.executor, &id, body, &meta.ctx).await?;
    let location = format!("/api/v1/businesses/{}", outcome.aggregate_id);
    Ok(CommandResponse::respond(
        outcome,
        StatusCode::CREATED,
        Some(location),
    ))
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

async fn act(
    state: &AppState,
    meta: &CommandMeta,
    id: &str,
    command: BusinessCommand,
    status: StatusCode,
) -> ApiResult<Response> {
    let outcome = businesses::act(&state.executor, id, command, &meta.ctx).await?;
    Ok(CommandResponse::respond(outcome, status, None))
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
    let command = BusinessCommand::RecordJobs(body);
    act(&state, &meta, &id, command, StatusCode::CREATED).await
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
    let outcome = businesses::form_b2b(&state.executor, &id, body, &meta.ctx).await?;
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
    let command = BusinessCommand::Restructure(body);
    act(&state, &meta, &id, command, StatusCode::OK).await
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
    act(
        &state,
        &meta,
        &id,
        BusinessCommand::Close(body),
        StatusCode::OK,
    )
    .await
}
