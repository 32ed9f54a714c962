//! Outreach campaigns and newsletters: staff record them; staff and the programme's
//! monitors (evaluators, analysts) read the figures.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_domain::outreach::campaign::{
    CreateOutreachCampaign, OutreachCampaign, OutreachChannel, RecordOutreachReach,
};
use ruta_domain::outreach::newsletter::{Newsletter, SendNewsletter};
use ruta_domain::values::Language;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;

use super::{read_view, require};
use crate::auth::Caller;
use crate::openapi::responses::{NotFound, Restricted};
use crate::problem::ApiResult;
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

command_route! {
    /// Create an outreach campaign (staff).
    create "/api/v1/outreach-campaigns", tag "outreach",
    fn create_campaign(CreateOutreachCampaign) => CreateOutreachCampaign
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
    read_view(
        &state,
        id,
        "outreach campaign",
        |id, campaign: OutreachCampaign| {
            Some(OutreachCampaignView {
                id,
                name: campaign.name?,
                organiser: campaign.organiser,
                reached_by_channel: campaign.reached_by_channel,
                total_reached: campaign.total_reached,
                records: campaign.records,
            })
        },
    )
    .await
}

command_route! {
    /// Record how many people a channel reached (staff); a campaign has many such records.
    post "/api/v1/outreach-campaigns/{id}/reach", tag "outreach", id "The outreach campaign's id",
    fn record_reach(RecordOutreachReach) => RecordOutreachReach, 201
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NewsletterView {
    pub id: String,
    pub subject: String,
    pub recipients: u32,
    pub languages: BTreeSet<Language>,
}

command_route! {
    /// Record a newsletter issue as sent, with its number of recipients (staff).
    create "/api/v1/newsletters", tag "outreach",
    fn send_newsletter(SendNewsletter) => SendNewsletter
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
    read_view(&state, id, "newsletter", |id, newsletter: Newsletter| {
        let sent = newsletter.sent?;
        Some(NewsletterView {
            id,
            subject: sent.subject,
            recipients: sent.recipients,
            languages: sent.languages,
        })
    })
    .await
}
