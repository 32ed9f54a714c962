//! Enrolments: enrol, progress, exam attempts (a pass issues the certificate), withdrawal.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::elearning;
use ruta_commands::Role;
use ruta_domain::learning::enrolment::{EnrolmentCommand, EnrolmentStatus};
use serde::{Deserialize, Serialize};
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
        .route("/enrolments", post(enrol))
        .route("/enrolments/{id}", get(read))
        .route("/enrolments/{id}/progress", post(record_progress))
        .route("/enrolments/{id}/exam-attempts", post(sit_exam))
        .route("/enrolments/{id}/withdrawal", post(withdraw))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnrolRequest {
    /// Staff name the participant; a participant may omit it (it is then themselves).
    pub participant_id: Option<String>,
    pub course_id: String,
}

/// Enrol a registered participant in a published course (once).
#[utoipa::path(post, path = "/api/v1/enrolments", tag = "enrolments",
    params(CommandHeaders),
    request_body = EnrolRequest, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn enrol(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<EnrolRequest>,
) -> ApiResult<Response> {
    let participant_id = match (body.participant_id, &meta.caller) {
        (Some(id), _) => id,
        (
            None,
            Caller {
                role: Role::Participant,
                subject: Some(me),
                ..
            },
        ) => me.clone(),
        (None, _) => {
            return Err(ApiError::validation(
                "participant_id",
                "participant_id: required unless a participant enrols themselves",
            ))
        }
    };
    let outcome =
        elearning::enrol(&state.executor, &participant_id, &body.course_id, &meta.ctx).await?;
    let location = format!("/api/v1/enrolments/{}", outcome.aggregate_id);
    Ok(CommandResponse::respond(
        outcome,
        StatusCode::CREATED,
        Some(location),
    ))
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgressRequest {
    /// 0–100; progress never goes back.
    pub percent: u8,
}

/// Record course progress (the participant or staff).
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/progress", tag = "enrolments",
    params(("id" = String, Path, description = "The enrolment's id"), CommandHeaders),
    request_body = ProgressRequest, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn record_progress(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ProgressRequest>,
) -> ApiResult<Response> {
    let command = EnrolmentCommand::RecordProgress {
        percent: body.percent,
    };
    let outcome = elearning::act(&state.executor, &id, command, &meta.ctx).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::OK, None))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExamRequest {
    /// 0–100, compared with the pass mark the participant enrolled under.
    pub score: u8,
}

/// Record an exam attempt. Scores come from the grader, so this is a staff action; a pass
/// issues the certificate (its code is in the enrolment and the journey).
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/exam-attempts", tag = "enrolments",
    params(("id" = String, Path, description = "The enrolment's id"), CommandHeaders),
    request_body = ExamRequest, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn sit_exam(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ExamRequest>,
) -> ApiResult<Response> {
    let outcome = elearning::sit_exam(&state.executor, &id, body.score, &meta.ctx).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::CREATED, None))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WithdrawRequest {
    pub reason: Option<String>,
}

/// Withdraw from a course (not after certification).
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/withdrawal", tag = "enrolments",
    params(("id" = String, Path, description = "The enrolment's id"), CommandHeaders),
    request_body = WithdrawRequest, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn withdraw(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<WithdrawRequest>,
) -> ApiResult<Response> {
    let command = EnrolmentCommand::Withdraw {
        reason: body.reason,
    };
    let outcome = elearning::act(&state.executor, &id, command, &meta.ctx).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::OK, None))
}
