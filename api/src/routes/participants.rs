//! Participants: registration, profile, consents and self-employment (the journey is in
//! `journey.rs`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use ruta_commands::app;
use ruta_domain::participant::{
    ConsentPurpose, Participant, ParticipantCommand, Profile, RegisterParticipant, UpdateProfile,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{require_self_or_staff, CommandResponse};
use crate::auth::Caller;
use crate::extract::{CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/participants", post(register))
        .route("/participants/{id}", get(read).patch(update))
        .route(
            "/participants/{id}/consents/{purpose}",
            put(give_consent).delete(withdraw_consent),
        )
        .route(
            "/participants/{id}/self-employment",
            post(declare_self_employment),
        )
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ParticipantView {
    pub id: String,
    pub profile: Profile,
    pub consents: Vec<ConsentPurpose>,
    pub self_employed: bool,
}

/// Register a participant (staff desk, internet access point assistants, import).
#[utoipa::path(post, path = "/api/v1/participants", tag = "participants",
    params(CommandHeaders),
    request_body = RegisterParticipant, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors))]
pub(crate) async fn register(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<RegisterParticipant>,
) -> ApiResult<Response> {
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = app::participants::register(&state.executor, &id, body, &meta.ctx).await?;
    let location = format!("/api/v1/participants/{}", outcome.aggregate_id);
    Ok(CommandResponse::respond(
        outcome,
        StatusCode::CREATED,
        Some(location),
    ))
}

pub(crate) async fn load(state: &AppState, id: &str) -> ApiResult<Participant> {
    state
        .executor
        .load::<Participant>(id)
        .await?
        .filter(Participant::is_registered)
        .ok_or_else(|| ApiError::not_found("participant"))
}

/// Read a participant (themselves, staff, admin).
#[utoipa::path(get, path = "/api/v1/participants/{id}", tag = "participants",
    params(("id" = String, Path, description = "The participant's id")),
    security(("bearer" = [])),
    responses((status = 200, body = ParticipantView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<ParticipantView>> {
    require_self_or_staff(&caller, &id)?;
    let participant = load(&state, &id).await?;
    let profile = participant
        .profile
        .ok_or_else(|| ApiError::not_found("participant"))?;
    Ok(Json(ParticipantView {
        id,
        profile,
        consents: participant.consents.into_iter().collect(),
        self_employed: participant.self_employed,
    }))
}

async fn act(
    state: &AppState,
    meta: &CommandMeta,
    id: &str,
    command: ParticipantCommand,
) -> ApiResult<Response> {
    let outcome = app::participants::act(&state.executor, id, command, &meta.ctx).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::OK, None))
}

/// Update a participant's profile; only changed fields are recorded.
#[utoipa::path(patch, path = "/api/v1/participants/{id}", tag = "participants",
    params(("id" = String, Path, description = "The participant's id"), CommandHeaders),
    request_body = UpdateProfile, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn update(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateProfile>,
) -> ApiResult<Response> {
    act(&state, &meta, &id, ParticipantCommand::UpdateProfile(body)).await
}

fn purpose(value: &str) -> ApiResult<ConsentPurpose> {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).map_err(|_| {
        ApiError::validation(
            "purpose",
            "purpose: one of data_processing, newsletter, contact_by_mentors, success_story_publication",
        )
    })
}

/// Give a consent (idempotent).
#[utoipa::path(put, path = "/api/v1/participants/{id}/consents/{purpose}", tag = "participants",
    params(("id" = String, Path, description = "The participant's id"), ("purpose" = ConsentPurpose, Path, description = "The consent purpose"), CommandHeaders),
    security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, NotFound))]
pub(crate) async fn give_consent(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path((id, value)): Path<(String, String)>,
) -> ApiResult<Response> {
    let command = ParticipantCommand::GiveConsent(purpose(&value)?);
    act(&state, &meta, &id, command).await
}

/// Withdraw a consent.
#[utoipa::path(delete, path = "/api/v1/participants/{id}/consents/{purpose}", tag = "participants",
    params(("id" = String, Path, description = "The participant's id"), ("purpose" = ConsentPurpose, Path, description = "The consent purpose"), CommandHeaders),
    security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, NotFound))]
pub(crate) async fn withdraw_consent(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path((id, value)): Path<(String, String)>,
) -> ApiResult<Response> {
    let command = ParticipantCommand::WithdrawConsent(purpose(&value)?);
    act(&state, &meta, &id, command).await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SelfEmploymentRequest {
    pub activity: String,
}

/// Declare that the participant is now self-employed.
#[utoipa::path(post, path = "/api/v1/participants/{id}/self-employment", tag = "participants",
    params(("id" = String, Path, description = "The participant's id"), CommandHeaders),
    request_body = SelfEmploymentRequest, security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn declare_self_employment(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<SelfEmploymentRequest>,
) -> ApiResult<Response> {
    let command = ParticipantCommand::DeclareSelfEmployment {
        activity: body.activity,
    };
    act(&state, &meta, &id, command).await
}
