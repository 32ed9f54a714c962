//! Mentorships: a participant requests a mentor; only that mentor accepts (within capacity)
//! or declines; sessions and goals are recorded; the mentorship is closed with an outcome.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::mentoring::{self, Goal, GoalRef, MentorshipRequest, Refusal};
use ruta_commands::app::AppCommand;
use ruta_domain::mentoring::mentorship::{
    CloseMentorship, MentoringGoal, MentoringSession, MentorshipOutcome, MentorshipStatus,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{send, sub_resource_id, CommandResponse};
use crate::auth::Caller;
use crate::extract::{CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/mentorships", post(request))
        .route("/mentorships/{id}", get(read))
        .route("/mentorships/{id}/acceptance", post(accept))
        .route("/mentorships/{id}/decline", post(decline))
        .route("/mentorships/{id}/sessions", post(log_session))
        .route("/mentorships/{id}/goals", post(set_goal))
        .route(
            "/mentorships/{id}/goals/{goal_id}/achievement",
            post(achieve_goal),
        )
        .route("/mentorships/{id}/closure", post(close))
}

command_route! {
    /// Request a mentor (the participant or staff); the mentor must be registered and active.
    create "/api/v1/mentorships", tag "mentoring",
    fn request(MentorshipRequest) => RequestMentorship, NotFound
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct MentorshipView {
    pub id: String,
    pub status: MentorshipStatus,
    pub participant_id: String,
    pub mentor_id: String,
    pub needs: String,
    pub decline_reason: Option<String>,
    pub sessions: Vec<MentoringSession>,
    pub goals: Vec<MentoringGoal>,
    pub outcome: Option<MentorshipOutcome>,
    pub notes: Option<String>,
}

/// Read a mentorship (its mentor, its mentee, staff).
#[utoipa::path(get, path = "/api/v1/mentorships/{id}", tag = "mentoring",
    params(("id" = String, Path, description = "The mentorship's id")),
    security(("bearer" = [])),
    responses((status = 200, body = MentorshipView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<MentorshipView>> {
    let m = mentoring::visible_mentorship(&state.executor, &id, &caller.actor()).await?;
    Ok(Json(MentorshipView {
        id,
        status: m.status,
        participant_id: m.participant_id,
        mentor_id: m.mentor_id,
        needs: m.needs,
        decline_reason: m.decline_reason,
        sessions: m.sessions,
        goals: m.goals,
        outcome: m.outcome,
        notes: m.notes,
    }))
}

command_route! {
    /// Accept a request (only the requested mentor, and only below capacity:
    /// rule `mentor_at_capacity`).
    post "/api/v1/mentorships/{id}/acceptance", tag "mentoring", id "The mentorship's id",
    fn accept => AcceptMentorship
}

command_route! {
    /// Decline a request (only the requested mentor).
    post "/api/v1/mentorships/{id}/decline", tag "mentoring", id "The mentorship's id",
    fn decline(Refusal) => DeclineMentorship
}

command_route! {
    /// Log a mentoring session (the mentor or staff; an accepted mentorship only).
    post "/api/v1/mentorships/{id}/sessions", tag "mentoring", id "The mentorship's id",
    fn log_session(MentoringSession) => LogMentoringSession, 201
}

/// Set a goal (the mentor, the mentee or staff).
#[utoipa::path(post, path = "/api/v1/mentorships/{id}/goals", tag = "mentoring",
    params(("id" = String, Path, description = "The mentorship's id"), CommandHeaders),
    request_body = Goal, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn set_goal(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(mut body): JsonBody<Goal>,
) -> ApiResult<Response> {
    let goal_id = sub_resource_id(&mut body.goal_id);
    let location = format!("/api/v1/mentorships/{id}/goals/{goal_id}");
    let outcome = send(&state, &meta, &id, AppCommand::SetMentoringGoal(body)).await?;
    Ok(CommandResponse::created_at(outcome, location))
}

/// Mark a goal achieved (the mentor, the mentee or staff; rule `unknown_goal`).
#[utoipa::path(post, path = "/api/v1/mentorships/{id}/goals/{goal_id}/achievement", tag = "mentoring",
    params(("id" = String, Path, description = "The mentorship's id"), ("goal_id" = String, Path, description = "The goal's id within the mentorship"), CommandHeaders),
    security(("bearer" = [])),
    responses((status = 200, body = CommandResponse), CommandErrors, NotFound))]
pub(crate) async fn achieve_goal(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path((id, goal_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let command = AppCommand::AchieveMentoringGoal(GoalRef { goal_id });
    Ok(CommandResponse::ok(
        send(&state, &meta, &id, command).await?,
    ))
}

command_route! {
    /// Close with an outcome (the mentor, the mentee or staff); frees the mentor's slot.
    post "/api/v1/mentorships/{id}/closure", tag "mentoring", id "The mentorship's id",
    fn close(CloseMentorship) => CloseMentorship
}
