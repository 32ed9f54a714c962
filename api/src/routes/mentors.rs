//! Mentors: staff register and retire them; the mentor or staff edit the profile; any
//! authenticated caller reads them (participants choose a mentor).

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::AppCommand;
use ruta_domain::mentoring::mentor::{Mentor, MentorProfile, MentorStatus, UpdateMentor};
use ruta_domain::values::{AreaOfSupport, Language};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::ToSchema;

use super::{list_views, read_view, send, CommandResponse};
use crate::auth::Caller;
use crate::extract::{CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/mentors", post(register).get(list))
        .route("/mentors/{id}", get(read).patch(update))
        .route("/mentors/{id}/retirement", post(retire))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterMentorRequest {
    /// The mentor's id: the `subject` of the mentor's token.
    pub mentor_id: String,
    pub name: String,
    /// Repeated values count once, so the document does not promise unique items.
    #[schema(value_type = Vec<AreaOfSupport>, min_items = 1)]
    pub areas_of_expertise: BTreeSet<AreaOfSupport>,
    #[schema(value_type = Vec<Language>, min_items = 1)]
    pub languages: BTreeSet<Language>,
    pub bio: String,
    /// Active mentees at a time (1–20).
    pub capacity: u8,
}

/// Register a mentor (staff).
#[utoipa::path(post, path = "/api/v1/mentors", tag = "mentoring",
    params(CommandHeaders),
    request_body = RegisterMentorRequest, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors))]
pub(crate) async fn register(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<RegisterMentorRequest>,
) -> ApiResult<Response> {
    let profile = MentorProfile {
        name: body.name,
        areas_of_expertise: body.areas_of_expertise,
        languages: body.languages,
        bio: body.bio,
        capacity: body.capacity,
    };
    let command = AppCommand::RegisterMentor(profile);
    let outcome = send(&state, &meta, &body.mentor_id, command).await?;
    Ok(CommandResponse::created(outcome, "/api/v1/mentors"))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct MentorView {
    pub id: String,
    pub status: MentorStatus,
    pub profile: MentorProfile,
    pub active_mentees: usize,
    /// Active and below capacity: can accept a mentee now.
    pub available: bool,
}

fn view(id: String, mentor: Mentor) -> Option<MentorView> {
    let status = mentor.status()?;
    let profile = mentor.profile?;
    let active_mentees = mentor.active_mentorships.len();
    Some(MentorView {
        id,
        status,
        available: status == MentorStatus::Active && active_mentees < usize::from(profile.capacity),
        profile,
        active_mentees,
    })
}

/// List mentors (any authenticated caller).
#[utoipa::path(get, path = "/api/v1/mentors", tag = "mentoring",
    security(("bearer" = [])),
    responses((status = 200, body = [MentorView]), Restricted))]
pub(crate) async fn list(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Vec<MentorView>>> {
    Ok(Json(list_views(&state, view).await?))
}

/// Read a mentor (any authenticated caller).
#[utoipa::path(get, path = "/api/v1/mentors/{id}", tag = "mentoring",
    params(("id" = String, Path, description = "The mentor's id")),
    security(("bearer" = [])),
    responses((status = 200, body = MentorView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<MentorView>> {
    read_view(&state, id, "mentor", view).await
}

command_route! {
    /// Update a mentor's profile (staff or the mentor); capacity never drops below the active
    /// mentees.
    patch "/api/v1/mentors/{id}", tag "mentoring", id "The mentor's id",
    fn update(UpdateMentor) => UpdateMentor
}

command_route! {
    /// Retire a mentor (staff): no new mentees; open mentorships go on until closed.
    post "/api/v1/mentors/{id}/retirement", tag "mentoring", id "The mentor's id",
    fn retire => RetireMentor
}
