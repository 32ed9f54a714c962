//! Participants: registration, profile, consents and self-employment (the journey is in
//! `journey.rs`).

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use ruta_commands::app::participants::{Consent, SelfEmployment};
use ruta_commands::app::AppCommand;
use ruta_domain::participant::{
    ConsentPurpose, Participant, Profile, RegisterParticipant, UpdateProfile,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{require_self_or_staff, send, CommandResponse};
use crate::auth::Caller;
use crate::extract::CommandMeta;
use crate::openapi::responses::{CommandErrors, NotFound, Restricted};
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

command_route! {
    /// Register a participant (staff desk, internet access point assistants, import).
    create "/api/v1/participants", tag "participants",
    fn register(RegisterParticipant) => RegisterParticipant
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

command_route! {
    /// Update a participant's profile; only changed fields are recorded.
    patch "/api/v1/participants/{id}", tag "participants", id "The participant's id",
    fn update(UpdateProfile) => UpdateProfile
}

fn consent(value: &str) -> ApiResult<Consent> {
    let purpose = serde_json::from_value(serde_json::Value::String(value.to_owned())).map_err(|_| {
        ApiError::validation(
            "purpose",
            "purpose: one of data_processing, newsletter, contact_by_mentors, success_story_publication",
        )
    })?;
    Ok(Consent { purpose })
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
    let command = AppCommand::GiveConsent(consent(&value)?);
    Ok(CommandResponse::ok(
        send(&state, &meta, &id, command).await?,
    ))
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
    let command = AppCommand::WithdrawConsent(consent(&value)?);
    Ok(CommandResponse::ok(
        send(&state, &meta, &id, command).await?,
    ))
}

command_route! {
    /// Declare that the participant is now self-employed.
    post "/api/v1/participants/{id}/self-employment", tag "participants", id "The participant's id",
    fn declare_self_employment(SelfEmployment) => DeclareSelfEmployment
}
