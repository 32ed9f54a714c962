//! The news wall and cooperation networks: staff write, anyone reads.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::outreach::Joining;
use ruta_commands::app::AppCommand;
use ruta_domain::outreach::cooperation_network::{
    CooperationNetwork, EstablishCooperationNetwork, Organisation,
};
use ruta_domain::outreach::news_post::{NewsPost, PostNews};
use ruta_domain::values::{CountryCode, Language};
use serde::Serialize;
use utoipa::ToSchema;

use super::{list_views, read_view, send, CommandResponse};
use crate::extract::{CommandMeta, JsonBody};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors, NotFound};
use crate::openapi::CommandHeaders;
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/news", post(post_news).get(list_news))
        .route("/news/{id}", get(read_news))
        .route(
            "/cooperation-networks",
            post(establish_network).get(list_networks),
        )
        .route("/cooperation-networks/{id}", get(read_network))
        .route("/cooperation-networks/{id}/members", post(join_network))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NewsView {
    pub id: String,
    pub title: String,
    pub body: String,
    pub language: Language,
}

fn news_view(id: String, news: NewsPost) -> Option<NewsView> {
    let post = news.post?;
    Some(NewsView {
        id,
        title: post.title,
        body: post.body,
        language: post.language,
    })
}

command_route! {
    /// Post news on the wall (staff).
    create "/api/v1/news", tag "community",
    fn post_news(PostNews) => PostNews
}

/// The news wall, newest first (anyone).
#[utoipa::path(get, path = "/api/v1/news", tag = "community",
    responses((status = 200, body = [NewsView])))]
pub(crate) async fn list_news(State(state): State<AppState>) -> ApiResult<Json<Vec<NewsView>>> {
    let mut views = list_views(&state, news_view).await?;
    views.reverse();
    Ok(Json(views))
}

/// Read a news post (anyone).
#[utoipa::path(get, path = "/api/v1/news/{id}", tag = "community",
    params(("id" = String, Path, description = "The news item's id")),
    responses((status = 200, body = NewsView), NotFound))]
pub(crate) async fn read_news(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<NewsView>> {
    read_view(&state, id, "news post", news_view).await
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CooperationNetworkView {
    pub id: String,
    pub name: String,
    pub purpose: String,
    /// Founders first, then members in joining order.
    pub organisations: Vec<Organisation>,
    pub countries: Vec<CountryCode>,
    /// Organisations from two or more countries.
    pub cross_border: bool,
}

fn network_view(id: String, network: CooperationNetwork) -> Option<CooperationNetworkView> {
    Some(CooperationNetworkView {
        id,
        name: network.name?,
        purpose: network.purpose,
        organisations: network.organisations,
        countries: network.countries,
        cross_border: network.cross_border,
    })
}

command_route! {
    /// Establish a cooperation network between two or more organisations (staff).
    create "/api/v1/cooperation-networks", tag "community",
    fn establish_network(EstablishCooperationNetwork) => EstablishCooperationNetwork
}

/// Every cooperation network, oldest first (anyone).
#[utoipa::path(get, path = "/api/v1/cooperation-networks", tag = "community",
    responses((status = 200, body = [CooperationNetworkView])))]
pub(crate) async fn list_networks(
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<CooperationNetworkView>>> {
    Ok(Json(list_views(&state, network_view).await?))
}

/// Read a cooperation network (anyone).
#[utoipa::path(get, path = "/api/v1/cooperation-networks/{id}", tag = "community",
    params(("id" = String, Path, description = "The cooperation network's id")),
    responses((status = 200, body = CooperationNetworkView), NotFound))]
pub(crate) async fn read_network(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<CooperationNetworkView>> {
    read_view(&state, id, "cooperation network", network_view).await
}

/// An organisation joins the network (staff); the body is the organisation.
#[utoipa::path(post, path = "/api/v1/cooperation-networks/{id}/members", tag = "community",
    params(("id" = String, Path, description = "The cooperation network's id"), CommandHeaders),
    request_body = Organisation, security(("bearer" = [])),
    responses((status = 201, body = CommandResponse), CommandErrors, JsonBodyErrors, NotFound))]
pub(crate) async fn join_network(
    State(state): State<AppState>,
    meta: CommandMeta,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<Organisation>,
) -> ApiResult<Response> {
    // The HTTP body is the organisation itself; an import line wraps it as `organisation`.
    let command = AppCommand::JoinCooperationNetwork(Joining { organisation: body });
    let outcome = send(&state, &meta, &id, command).await?;
    Ok(CommandResponse::respond(outcome, StatusCode::CREATED, None))
}
