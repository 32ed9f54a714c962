//! Job postings: posted by a business, applied to by participants, filled or closed.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_domain::businesses::job_posting::{
    ApplyToJob, Employment, FillJob, JobPosting, JobPostingStatus, PostJob,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::read_view;
use crate::auth::Caller;
use crate::openapi::responses::{NotFound, Restricted};
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/job-postings", post(post_job))
        .route("/job-postings/{id}", get(read))
        .route("/job-postings/{id}/applications", post(apply))
        .route("/job-postings/{id}/filling", post(fill))
        .route("/job-postings/{id}/closure", post(close))
}

command_route! {
    /// Post a job for an open business: one of its founders or staff.
    create "/api/v1/job-postings", tag "job-postings",
    fn post_job(PostJob) => PostJob, NotFound
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
    read_view(&state, id, "job posting", |id, posting: JobPosting| {
        if posting.status == JobPostingStatus::NotPosted {
            return None;
        }
        let manager = posting.is_managed_by(&caller.actor());
        Some(JobPostingView {
            id,
            status: posting.status,
            applicants: posting.applicant_ids.len(),
            applicant_ids: manager.then(|| posting.applicant_ids.clone()),
            hired_participant_id: posting.hired_participant_id.filter(|_| manager),
            business_id: posting.business_id,
            title: posting.title,
            description: posting.description,
            employment: posting.employment,
        })
    })
    .await
}

command_route! {
    /// Apply to an open job (the participant, or staff for them; once per participant).
    post "/api/v1/job-postings/{id}/applications", tag "job-postings", id "The job posting's id",
    fn apply(ApplyToJob) => ApplyToJob, 201
}

command_route! {
    /// Fill the job from among its applicants, or with someone from outside the platform when
    /// no participant is named (a founder or staff).
    post "/api/v1/job-postings/{id}/filling", tag "job-postings", id "The job posting's id",
    fn fill(FillJob) => FillJob
}

command_route! {
    /// Close the posting without filling it (a founder or staff).
    post "/api/v1/job-postings/{id}/closure", tag "job-postings", id "The job posting's id",
    fn close => CloseJobPosting
}
