//! Job postings: posted by a business, applied to by participants, filled or closed.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::AppCommand;
use ruta_domain::businesses::job_posting::{
    ApplyToJob, Employment, FillJob, JobPosting, JobPostingStatus, PostJob,
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
        .route("/job-postings", post(post_job))
        .route("/job-postings/{id}", get(read))
        .route("/job-postings/{id}/applications", post(apply))
        .route("/job-postings/{id}/filling", post(fill))
        .route("/job-postings/{id}/closure", post(close))
}

/// Post a job for an open business: one of its founders or staff.
#[utoipa::path(post, path = "/api/v1/job-postings", tag = "job-postings",
    params(CommandHeaders),
    request_body = PostJob, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn post_job(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<PostJob>,
) -> ApiResult<Response> {
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = send(&state, &meta, &id, AppCommand::PostJob(body)).await?;
    Ok(CommandResponse::created(outcome, "/api/v1/job-postings"))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct JobPostingView {
    pub id: String,
    pub status: JobPostingStatus,
    pub business_id: String,
    pub title: String,
    pub description: String,
    pub employment: Option<Employment>,
    pub applicants: usize,
    /// Only for the business's founders and staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicant_ids: Option<Vec<String>>,
    /// Only for the business's founders and staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hired_participant_id: Option<String>,
}

/// Read a job posting (any signed-in user; applicants are listed to founders and staff only).
#[utoipa::path(get, path = "/api/v1/job-postings/{id}", tag = "job-postings",
    params(("id" = String, Path, description = "The job posting's id")),
    security(("bearer" = [])),
    responses((status = 200, body = JobPostingView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<JobPostingView>> {
    let posting = state
        .executor
        .load::<JobPosting>(&id)
        .await?
        .filter(|p| p.status != JobPostingStatus::NotPosted)
        .ok_or_else(|| ApiError::not_found("job posting"))?;
    let manager = posting.is_managed_by(&caller.actor());
    Ok(Json(JobPostingView {
        id,
        status: posting.status,
        applicants: posting.applicant_ids.len(),
        applicant_ids: manager.then(|| posting.applicant_ids.clone()),
        hired_participant_id: posting.hired_participant_id.filter(|_| manager),
        business_id: posting.business_id,
        title: posting.title,
        description: posting.description,
        employment: posting.employment,
    }))
}

/// Apply to an open job (the participant, or staff for them; once per participant).
#[utoipa::path(post, path = "/api/v1/job-postings/{id}/applications", tag = "job-postings",
    params(("id" = String, Path, description = "The job posting's id"), CommandHeaders),
    request_body = ApplyToJob, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn apply(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ApplyToJob>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::ApplyToJob(body)).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::CREATED, None))
}

/// Fill the job from among its applicants, or with someone from outside the platform when
/// no participant is named (a founder or staff).
#[utoipa::path(post, path = "/api/v1/job-postings/{id}/filling", tag = "job-postings",
    params(("id" = String, Path, description = "The job posting's id"), CommandHeaders),
    request_body = FillJob, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn fill(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<FillJob>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::FillJob(body)).await?;
    Ok(CommandResponse::ok(outcome))
}

/// Close the posting without filling it (a founder or staff).
#[utoipa::path(post, path = "/api/v1/job-postings/{id}/closure", tag = "job-postings",
    params(("id" = String, Path, description = "The job posting's id"), CommandHeaders),
    security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, NotFound))]
pub(crate) async fn close(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(CommandResponse::ok(
        send(&state, &meta, &id, AppCommand::CloseJobPosting).await?,
    ))
}
