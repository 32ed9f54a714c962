//! Enrolments: enrol, progress, exam attempts (a pass issues the certificate), withdrawal.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::elearning::{self, Enrol, ExamAttempt, Progress, Withdrawal};
use ruta_commands::app::{self, AppCommand};
use ruta_domain::learning::enrolment::EnrolmentStatus;
use serde::Serialize;
use utoipa::ToSchema;

use super::CommandResponse;
use crate::auth::Caller;
use crate::extract::{CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/enrolments", post(enrol))
        .route("/enrolments/{id}", get(read))
        .route("/enrolments/{id}/progress", post(record_progress))
        .route("/enrolments/{id}/exam-attempts", post(sit_exam))
        .route("/enrolments/{id}/withdrawal", post(withdraw))
}

/// Enrol a registered participant in a published course (once).
#[utoipa::path(post, path = "/api/v1/enrolments", tag = "enrolments",
    params(CommandHeaders),
    request_body = Enrol, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn enrol(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<Enrol>,
) -> ApiResult<Response> {
    let command = AppCommand::EnrolInCourse(body);
    let outcome = app::execute(&state.executor, None, command, &meta.ctx).await?;
    Ok(CommandResponse::created(outcome, "/api/v1/enrolments"))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct EnrolmentView {
    pub id: String,
    pub status: EnrolmentStatus,
    pub participant_id: String,
    pub course_id: String,
    pub pass_mark: u8,
    pub max_exam_attempts: u8,
    pub attempts: u8,
    pub best_score: Option<u8>,
    pub progress_percent: u8,
    pub certificate_code: Option<String>,
}

/// Read an enrolment.
#[utoipa::path(get, path = "/api/v1/enrolments/{id}", tag = "enrolments",
    params(("id" = String, Path, description = "The enrolment's id")),
    security(("bearer" = [])),
    responses((status = 200, body = EnrolmentView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<EnrolmentView>> {
    let e = elearning::visible_enrolment(&state.executor, &id, &caller.actor()).await?;
    Ok(Json(EnrolmentView {
        id,
        status: e.status,
        participant_id: e.participant_id,
        course_id: e.course_id,
        pass_mark: e.pass_mark,
        max_exam_attempts: e.max_exam_attempts,
        attempts: e.attempts,
        best_score: e.best_score,
        progress_percent: e.progress_percent,
        certificate_code: e.certificate_code,
    }))
}

command_route! {
    /// Record course progress (the participant or staff).
    post "/api/v1/enrolments/{id}/progress", tag "enrolments", id "The enrolment's id",
    fn record_progress(Progress) => RecordProgress
}

command_route! {
    /// Record an exam attempt. Scores come from the grader, so this is a staff action; a pass
    /// issues the certificate (its code is in the enrolment and the journey).
    post "/api/v1/enrolments/{id}/exam-attempts", tag "enrolments", id "The enrolment's id",
    fn sit_exam(ExamAttempt) => SitExam, 201
}

command_route! {
    /// Withdraw from a course (not after certification).
    post "/api/v1/enrolments/{id}/withdrawal", tag "enrolments", id "The enrolment's id",
    fn withdraw(Withdrawal) => WithdrawEnrolment
}
