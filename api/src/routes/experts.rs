//! Experts: staff register and retire them; the expert or staff edit the profile; any
//! authenticated caller reads them.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::AppCommand;
use ruta_domain::advice::expert::{Expert, ExpertProfile, UpdateExpert};
use ruta_domain::values::AreaOfSupport;
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
        .route("/experts", post(register).get(list))
        .route("/experts/{id}", get(read).patch(update))
        .route("/experts/{id}/retirement", post(retire))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterExpertRequest {
    /// The expert's id: the `subject` of the expert's token.
    pub expert_id: String,
    pub name: String,
    /// The provider organisation.
    pub organisation: String,
    /// Repeated values count once, so the document does not promise unique items.
    #[schema(value_type = Vec<AreaOfSupport>, min_items = 1)]
    pub areas: BTreeSet<AreaOfSupport>,
}

/// Register an expert (staff).
#[utoipa::path(post, path = "/api/v1/experts", tag = "advice",
    params(CommandHeaders),
    request_body = RegisterExpertRequest, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors))]
pub(crate) async fn register(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBody(body): JsonBody<RegisterExpertRequest>,
) -> ApiResult<Response> {
    let profile = ExpertProfile {
        name: body.name,
        organisation: body.organisation,
        areas: body.areas,
    };
    let command = AppCommand::RegisterExpert(profile);
    let outcome = send(&state, &meta, &body.expert_id, command).await?;
    Ok(CommandResponse::created(outcome, "/api/v1/experts"))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ExpertView {
    pub id: String,
    pub retired: bool,
    pub profile: ExpertProfile,
}

fn view(id: String, expert: Expert) -> Option<ExpertView> {
    Some(ExpertView {
        id,
        retired: expert.retired,
        profile: expert.profile?,
    })
}

/// List experts (any authenticated caller).
#[utoipa::path(get, path = "/api/v1/experts", tag = "advice",
    security(("bearer" = [])),
    responses((status = 200, body = [ExpertView]), Restricted))]
pub(crate) async fn list(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Vec<ExpertView>>> {
    Ok(Json(list_views(&state, view).await?))
}

/// Read an expert (any authenticated caller).
#[utoipa::path(get, path = "/api/v1/experts/{id}", tag = "advice",
    params(("id" = String, Path, description = "The expert's id")),
    security(("bearer" = [])),
    responses((status = 200, body = ExpertView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<ExpertView>> {
    read_view(&state, id, "expert", view).await
}

command_route! {
    /// Update an expert's profile (staff or the expert).
    patch "/api/v1/experts/{id}", tag "advice", id "The expert's id",
    fn update(UpdateExpert) => UpdateExpert
}

command_route! {
    /// Retire an expert (staff): they answer no more.
    post "/api/v1/experts/{id}/retirement", tag "advice", id "The expert's id",
    fn retire => RetireExpert
}
