//! Financing applications: the participant opens one; staff record each later step in order.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::{financing, AppCommand};
use ruta_domain::financing::{
    ApproveFinancing, AssessFinancingNeeds, CertifyFinancingProject, FinancingApplication,
    OpenFinancingApplication, RecommendFinancingChannel, RecordFinancingFollowUp,
    RecordFundsReceived, RejectFinancing, SubmitFinancingRequest,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{send, CommandResponse};
use crate::auth::Caller;
use crate::extract::{CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    let base = "/financing-applications/{id}";
    Router::new()
        .route("/financing-applications", post(open))
        .route(base, get(read))
        .route(&format!("{base}/needs-assessment"), post(assess_needs))
        .route(&format!("{base}/recommendation"), post(recommend_channel))
        .route(&format!("{base}/certification"), post(certify_project))
        .route(&format!("{base}/submission"), post(submit_request))
        .route(&format!("{base}/approval"), post(approve))
        .route(&format!("{base}/rejection"), post(reject))
        .route(&format!("{base}/funds-received"), post(record_funds))
        .route(&format!("{base}/follow-ups"), post(record_follow_up))
}

/// Open a financing application (the participant, or staff for them).
#[utoipa::path(post, path = "/api/v1/financing-applications", tag = "financing",
    params(CommandHeaders),
    request_body = OpenFinancingApplication, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn open(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<OpenFinancingApplication>,
) -> ApiResult<Response> {
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = send(
        &state,
        &meta,
        &id,
        AppCommand::OpenFinancingApplication(body),
    )
    .await?;
    Ok(CommandResponse::created(
        outcome,
        "/api/v1/financing-applications",
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FinancingApplicationView {
    pub id: String,
    #[serde(flatten)]
    pub application: FinancingApplication,
}

/// Read a financing application (its applicant, staff).
#[utoipa::path(get, path = "/api/v1/financing-applications/{id}", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id")),
    security(("bearer" = [])),
    responses((status = 200, body = FinancingApplicationView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<FinancingApplicationView>> {
    let application = financing::visible_application(&state.executor, &id, &caller.actor()).await?;
    Ok(Json(FinancingApplicationView { id, application }))
}

/// Record the needs assessment (staff; after opening).
#[utoipa::path(post, path = "/api/v1/financing-applications/{id}/needs-assessment", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id"), CommandHeaders),
    request_body = AssessFinancingNeeds, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn assess_needs(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AssessFinancingNeeds>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::AssessFinancingNeeds(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Recommend a crowdfunding platform or a bank (staff; after the needs assessment).
#[utoipa::path(post, path = "/api/v1/financing-applications/{id}/recommendation", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id"), CommandHeaders),
    request_body = RecommendFinancingChannel, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn recommend_channel(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RecommendFinancingChannel>,
) -> ApiResult<Response> {
    let outcome = send(
        &state,
        &meta,
        &id,
        AppCommand::RecommendFinancingChannel(body),
    )
    .await?;
    Ok(CommandResponse::ok(outcome))
}

/// Record the certification of the project by a partner organisation (staff; after the
/// recommendation).
#[utoipa::path(post, path = "/api/v1/financing-applications/{id}/certification", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id"), CommandHeaders),
    request_body = CertifyFinancingProject, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn certify_project(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CertifyFinancingProject>,
) -> ApiResult<Response> {
    let outcome = send(
        &state,
        &meta,
        &id,
        AppCommand::CertifyFinancingProject(body),
    )
    .await?;
    Ok(CommandResponse::ok(outcome))
}

/// Record the submission of the request (staff; after certification).
#[utoipa::path(post, path = "/api/v1/financing-applications/{id}/submission", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id"), CommandHeaders),
    request_body = SubmitFinancingRequest, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn submit_request(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<SubmitFinancingRequest>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::SubmitFinancingRequest(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Record the approval, at most the amount sought (staff; after submission).
#[utoipa::path(post, path = "/api/v1/financing-applications/{id}/approval", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id"), CommandHeaders),
    request_body = ApproveFinancing, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn approve(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ApproveFinancing>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::ApproveFinancing(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Record the rejection (staff; after submission).
#[utoipa::path(post, path = "/api/v1/financing-applications/{id}/rejection", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id"), CommandHeaders),
    request_body = RejectFinancing, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn reject(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RejectFinancing>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::RejectFinancing(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Record funds received, one tranche at a time, never more in total than approved (staff;
/// after approval).
#[utoipa::path(post, path = "/api/v1/financing-applications/{id}/funds-received", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id"), CommandHeaders),
    request_body = RecordFundsReceived, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn record_funds(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RecordFundsReceived>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::RecordFundsReceived(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Record a follow-up (staff; after funds were received or after a rejection).
#[utoipa::path(post, path = "/api/v1/financing-applications/{id}/follow-ups", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id"), CommandHeaders),
    request_body = RecordFinancingFollowUp, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn record_follow_up(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RecordFinancingFollowUp>,
) -> ApiResult<Response> {
    let outcome = send(
        &state,
        &meta,
        &id,
        AppCommand::RecordFinancingFollowUp(body),
    )
    .await?;
    Ok(CommandResponse::respond(outcome, StatusCode::CREATED, None))
}
