//! Outreach campaigns and newsletters: staff record them; staff and the programme's
//! monitors (evaluators, analysts) read the figures.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::AppCommand;
use ruta_domain::outreach::campaign::{
    CreateOutreachCampaign, OutreachCampaign, OutreachChannel, RecordOutreachReach,
};
use ruta_domain::outreach::newsletter::{Newsletter, SendNewsletter};
use ruta_domain::values::Language;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;

use super::{require, send, CommandResponse};
use crate::auth::Caller;
use crate::extract::{CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

/// Who reads outreach figures: staff and the people who monitor the programme.
use ruta_commands::policy::MONITORS;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/outreach-campaigns", post(create_campaign))
        .route("/outreach-campaigns/{id}", get(read_campaign))
        .route("/outreach-campaigns/{id}/reach", post(record_reach))
        .route("/newsletters", post(send_newsletter))
        .route("/newsletters/{id}", get(read_newsletter))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OutreachCampaignView {
    pub id: String,
    pub name: String,
    pub organiser: String,
    /// People reached per channel, summed over every record.
    pub reached_by_channel: BTreeMap<OutreachChannel, u64>,
    pub total_reached: u64,
    /// How many reach records there are.
    pub records: u32,
}

/// Create an outreach campaign (staff).
#[utoipa::path(post, path = "/api/v1/outreach-campaigns", tag = "outreach",
    params(CommandHeaders),
    request_body = CreateOutreachCampaign, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors))]
pub(crate) async fn create_campaign(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<CreateOutreachCampaign>,
) -> ApiResult<Response> {
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = send(&state, &meta, &id, AppCommand::CreateOutreachCampaign(body)).await?;
    Ok(CommandResponse::created(
        outcome,
        "/api/v1/outreach-campaigns",
    ))
}

/// Read a campaign's reach (staff, evaluators, analysts).
#[utoipa::path(get, path = "/api/v1/outreach-campaigns/{id}", tag = "outreach",
    params(("id" = String, Path, description = "The outreach campaign's id")),
    security(("bearer" = [])),
    responses((status = 200, body = OutreachCampaignView), Restricted, NotFound))]
pub(crate) async fn read_campaign(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<OutreachCampaignView>> {
    require(&caller, MONITORS)?;
    let campaign = state
        .executor
        .load::<OutreachCampaign>(&id)
        .await?
        .unwrap_or_default();
    let name = campaign
        .name
        .ok_or_else(|| ApiError::not_found("outreach campaign"))?;
    Ok(Json(OutreachCampaignView {
        id,
        name,
        organiser: campaign.organiser,
        reached_by_channel: campaign.reached_by_channel,
        total_reached: campaign.total_reached,
        records: campaign.records,
    }))
}

/// Record how many people a channel reached (staff); a campaign has many such records.
#[utoipa::path(post, path = "/api/v1/outreach-campaigns/{id}/reach", tag = "outreach",
    params(("id" = String, Path, description = "The outreach campaign's id"), CommandHeaders),
    request_body = RecordOutreachReach, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn record_reach(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RecordOutreachReach>,
) -> ApiResult<Response> {
    let outcome = send(&state, &meta, &id, AppCommand::RecordOutreachReach(body)).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::CREATED, None))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NewsletterView {
    pub id: String,
    pub subject: String,
    pub recipients: u32,
    pub languages: BTreeSet<Language>,
}

/// Record a newsletter issue as sent, with its number of recipients (staff).
#[utoipa::path(post, path = "/api/v1/newsletters", tag = "outreach",
    params(CommandHeaders),
    request_body = SendNewsletter, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors))]
pub(crate) async fn send_newsletter(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<SendNewsletter>,
) -> ApiResult<Response> {
    let id = uuid::Uuid::new_v4().to_string();
    let outcome = send(&state, &meta, &id, AppCommand::SendNewsletter(body)).await?;
    Ok(CommandResponse::created(outcome, "/api/v1/newsletters"))
}

/// Read a sent newsletter issue (staff, evaluators, analysts).
#[utoipa::path(get, path = "/api/v1/newsletters/{id}", tag = "outreach",
    params(("id" = String, Path, description = "The newsletter's id")),
    security(("bearer" = [])),
    responses((status = 200, body = NewsletterView), Restricted, NotFound))]
pub(crate) async fn read_newsletter(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<NewsletterView>> {
    require(&caller, MONITORS)?;
    let sent = state
        .executor
        .load::<Newsletter>(&id)
        .await?
        .and_then(|n| n.sent)
        .ok_or_else(|| ApiError::not_found("newsletter"))?;
    Ok(Json(NewsletterView {
        id,
        subject: sent.subject,
        recipients: sent.recipients,
        languages: sent.languages,
    }))
}
