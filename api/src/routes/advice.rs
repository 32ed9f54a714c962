//! Expert advice: B2B advice groups (members ask, experts answer, everything stays readable
//! for later members) and individual advice requests by area.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::advice::{
    self, AdviceQuestion, AdviceRequestBody, AnswerBody, GroupAnswer, Membership,
};
use ruta_commands::app::AppCommand;
use ruta_domain::advice::advice_group::{AdviceGroup, CreateAdviceGroup, GroupQuestion};
use ruta_domain::advice::advice_request::{AdviceAnswer, AdviceRequest, AdviceRequestStatus};
use ruta_domain::values::AreaOfSupport;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{list_views, require, send, sub_resource_id, CommandResponse, STAFF};
use crate::auth::Caller;
use crate::extract::{CommandMeta, JsonBody, QueryParams};
use crate::openapi::responses::{CommandErrors, Invalid, JsonBodyErrors, NotFound, Restricted};
use crate::openapi::CommandHeaders;
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/advice-groups", post(create_group).get(list_groups))
        .route("/advice-groups/{id}", get(read_group))
        .route("/advice-groups/{id}/members", post(join_group))
        .route("/advice-groups/{id}/questions", post(ask))
        .route(
            "/advice-groups/{id}/questions/{question_id}/answers",
            post(answer_in_group),
        )
        .route("/advice-requests", post(request_advice).get(list_requests))
        .route("/advice-requests/{id}", get(read_request))
        .route("/advice-requests/{id}/answer", post(answer_request))
        .route("/advice-requests/{id}/closure", post(close_request))
}

command_route! {
    /// Create an advice group on a topic (staff).
    create "/api/v1/advice-groups", tag "advice",
    fn create_group(CreateAdviceGroup) => CreateAdviceGroup
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AdviceGroupSummary {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub area: AreaOfSupport,
    pub members: usize,
    pub questions: usize,
}

/// List advice groups to join (any authenticated caller).
#[utoipa::path(get, path = "/api/v1/advice-groups", tag = "advice",
    security(("bearer" = [])),
    responses((status = 200, body = [AdviceGroupSummary]), Restricted))]
pub(crate) async fn list_groups(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Vec<AdviceGroupSummary>>> {
    let mut groups = Vec::new();
    for (id, group) in state.executor.load_all::<AdviceGroup>().await? {
        if let Some(info) = group.info {
            groups.push(AdviceGroupSummary {
                id,
                title: info.title,
                topic: info.topic,
                area: info.area,
                members: group.members.len(),
                questions: group.questions.len(),
            });
        }
    }
    Ok(Json(groups))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AdviceGroupView {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub area: AreaOfSupport,
    pub members: usize,
    /// Every question asked so far, with its answers, oldest first.
    pub questions: Vec<GroupQuestion>,
}

/// Read a group with all its questions and answers (members, experts, staff).
#[utoipa::path(get, path = "/api/v1/advice-groups/{id}", tag = "advice",
    params(("id" = String, Path, description = "The advice group's id")),
    security(("bearer" = [])),
    responses((status = 200, body = AdviceGroupView), Restricted, NotFound))]
pub(crate) async fn read_group(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<AdviceGroupView>> {
    let group = advice::visible_group(&state.executor, &id, &caller.actor()).await?;
    let info = group
        .info
        .ok_or_else(|| crate::problem::ApiError::not_found("advice group"))?;
    Ok(Json(AdviceGroupView {
        id,
        title: info.title,
        topic: info.topic,
        area: info.area,
        members: group.members.len(),
        questions: group.questions,
    }))
}

command_route! {
    /// Join a group (the participant or staff).
    post "/api/v1/advice-groups/{id}/members", tag "advice", id "The advice group's id",
    fn join_group(Membership) => JoinAdviceGroup, 201
}

/// Ask in a group. Only members ask (rule `not_a_member`); staff may ask for a member;
/// nobody asks for someone else (403).
#[utoipa::path(post, path = "/api/v1/advice-groups/{id}/questions", tag = "advice",
    params(("id" = String, Path, description = "The advice group's id"), CommandHeaders),
    request_body = AdviceQuestion, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn ask(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(mut body): JsonBody<AdviceQuestion>,
) -> ApiResult<Response> {
    let question_id = sub_resource_id(&mut body.question_id);
    let location = format!("/api/v1/advice-groups/{id}/questions/{question_id}");
    let outcome = send(&state, &meta, &id, AppCommand::AskInAdviceGroup(body)).await?;
    Ok(CommandResponse::created_at(outcome, location))
}

/// Answer a question in a group (registered, active experts only: 403 for other roles).
#[utoipa::path(post, path = "/api/v1/advice-groups/{id}/questions/{question_id}/answers", tag = "advice",
    params(("id" = String, Path, description = "The advice group's id"), ("question_id" = String, Path, description = "The question's id within the group"), CommandHeaders),
    request_body = AnswerBody, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn answer_in_group(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path((id, question_id)): Path<(String, String)>,
    JsonBody(body): JsonBody<AnswerBody>,
) -> ApiResult<Response> {
    let command = AppCommand::AnswerInAdviceGroup(GroupAnswer {
        question_id,
        text: body.text,
    });
    let outcome = send(&state, &meta, &id, command).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::CREATED, None))
}

command_route! {
    /// Ask an expert individually, in one area (the participant or staff).
    create "/api/v1/advice-requests", tag "advice",
    fn request_advice(AdviceRequestBody) => RequestAdvice, NotFound
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AdviceRequestView {
    pub id: String,
    pub status: AdviceRequestStatus,
    pub participant_id: String,
    pub area: AreaOfSupport,
    pub question: String,
    pub answer: Option<AdviceAnswer>,
}

fn request_view(id: String, r: AdviceRequest) -> Option<AdviceRequestView> {
    Some(AdviceRequestView {
        id,
        status: r.status,
        area: r.area?,
        participant_id: r.participant_id,
        question: r.question,
        answer: r.answer,
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct RequestQuery {
    pub area: Option<AreaOfSupport>,
    pub status: Option<AdviceRequestStatus>,
}

/// List advice requests, e.g. the open ones in an area (registered, active experts; staff).
#[utoipa::path(get, path = "/api/v1/advice-requests", tag = "advice",
    params(RequestQuery),
    security(("bearer" = [])),
    responses((status = 200, body = [AdviceRequestView]), Restricted, Invalid))]
pub(crate) async fn list_requests(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(query): QueryParams<RequestQuery>,
) -> ApiResult<Json<Vec<AdviceRequestView>>> {
    require(&caller, &[STAFF, &[ruta_commands::Role::Expert]].concat())?;
    advice::require_active_expert(&state.executor, &caller.actor()).await?;
    let views = list_views(&state, |id, r: AdviceRequest| {
        let wanted = query.area.is_none_or(|a| r.area == Some(a))
            && query.status.is_none_or(|s| r.status == s);
        if wanted {
            request_view(id, r)
        } else {
            None
        }
    });
    Ok(Json(views.await?))
}

/// Read an advice request (its requester, experts, staff).
#[utoipa::path(get, path = "/api/v1/advice-requests/{id}", tag = "advice",
    params(("id" = String, Path, description = "The advice request's id")),
    security(("bearer" = [])),
    responses((status = 200, body = AdviceRequestView), Restricted, NotFound))]
pub(crate) async fn read_request(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<AdviceRequestView>> {
    let r = advice::visible_request(&state.executor, &id, &caller.actor()).await?;
    request_view(id, r)
        .map(Json)
        .ok_or_else(|| crate::problem::ApiError::not_found("advice request"))
}

command_route! {
    /// Answer a request (an expert in its area: rule `expert_area_mismatch`; once).
    post "/api/v1/advice-requests/{id}/answer", tag "advice", id "The advice request's id",
    fn answer_request(AnswerBody) => AnswerAdviceRequest, 201
}

command_route! {
    /// Close a request (its requester or staff).
    post "/api/v1/advice-requests/{id}/closure", tag "advice", id "The advice request's id",
    fn close_request => CloseAdviceRequest
}
