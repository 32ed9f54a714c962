//! Public search over the catalogues: `GET /api/v1/search/{courses,listings,mentors}`.
//!
//! Filters are named after the catalogue's fields: a keyword field takes one or more values
//! (`category=food&category=crafts` or `category=food,crafts`), a number field takes
//! `<field>_min` / `<field>_max`. `after=<position>` waits (at most two seconds) until the
//! catalogue has applied that position of the global log: read-your-writes after a command.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use ruta_projections::catalogues::CatalogueSearch;
use ruta_projections::runtime::{position_exists, wait_for_position};
use ruta_projections::search::{SearchRequest, SearchResults};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;
use utoipa::ToSchema;

use super::search_query::parse_request;
use crate::extract::QueryParams;
use crate::openapi::responses::{Invalid, Unavailable};
use crate::openapi::search_params::{CourseSearch, ListingSearch, MentorSearch};
use crate::problem::{ApiError, ApiResult, ProblemType};
use crate::state::AppState;

/// The longest a search waits for `after`.
const READ_YOUR_WRITES_WAIT: Duration = Duration::from_secs(2);

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/search/courses", get(courses))
        .route("/search/listings", get(listings))
        .route("/search/mentors", get(mentors))
        .route("/search/{catalogue}", get(unknown))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SearchHitView {
    pub id: String,
    /// The indexed document: texts are objects keyed by language (`{"es": "…"}`).
    #[schema(value_type = Object)]
    pub document: Value,
    /// Matched fragments with `<mark>` tags, keyed by field and language (`title.es`).
    pub highlights: BTreeMap<String, String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SearchResultsView {
    pub catalogue: String,
    /// Documents matching the query and the filters, over all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub hits: Vec<SearchHitView>,
    /// For each requested facet: value → documents matching the query and filters.
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

/// Searches `catalogue` (public): `q`, filters named after its fields, `sort`, `page`,
/// `per_page` (1–100, default 20), `facets` (default: every keyword field; `facets=` for
/// none) and `after=<position>`. A filter the catalogue lacks is a 422, never ignored.
async fn run(
    state: AppState,
    catalogue: &str,
    params: &[(String, String)],
) -> ApiResult<Json<SearchResultsView>> {
    let spec = CatalogueSearch::spec(catalogue)
        .ok_or_else(|| ApiError::not_found("catalogue (courses, listings or mentors)"))?;
    let parsed = parse_request(&spec, params)?;
    // Position 0 is before every event: nothing to wait for.
    if let Some(position) = parsed.after.filter(|p| *p > 0) {
        if !position_exists(&state.db, position).await? {
            return Err(ApiError::validation(
                "after",
                format!("after: the log has no event at position {position}"),
            ));
        }
        let applied =
            wait_for_position(&state.db, catalogue, position, READ_YOUR_WRITES_WAIT).await?;
        if !applied {
            return Err(ApiError::new(
                ProblemType::NotCaughtUp,
                format!("the {catalogue} catalogue has not reached position {position} yet; retry"),
            )
            .with("position", position));
        }
    }
    let results = state.catalogues.search(catalogue, &parsed.request).await?;
    Ok(Json(view(catalogue.to_owned(), &parsed.request, results)))
}

/// Search the published courses: filters `topic`, `language`, `hours_min`, `hours_max`.
#[utoipa::path(get, path = "/api/v1/search/courses", tag = "search", params(CourseSearch),
    responses((status = 200, body = SearchResultsView), Invalid, Unavailable))]
pub(crate) async fn courses(
    State(state): State<AppState>,
    QueryParams(params): QueryParams<Vec<(String, String)>>,
) -> ApiResult<Json<SearchResultsView>> {
    run(state, "courses", &params).await
}

/// Search the published marketplace listings: filters `kind`, `category`, `municipality`,
/// `country`, `language`, `price_min`, `price_max`.
#[utoipa::path(get, path = "/api/v1/search/listings", tag = "search", params(ListingSearch),
    responses((status = 200, body = SearchResultsView), Invalid, Unavailable))]
pub(crate) async fn listings(
    State(state): State<AppState>,
    QueryParams(params): QueryParams<Vec<(String, String)>>,
) -> ApiResult<Json<SearchResultsView>> {
    run(state, "listings", &params).await
}

/// Search the active mentors: filters `area`, `language`, `capacity_left_min`,
/// `capacity_left_max`, `available=true`.
#[utoipa::path(get, path = "/api/v1/search/mentors", tag = "search", params(MentorSearch),
    responses((status = 200, body = SearchResultsView), Invalid, Unavailable))]
pub(crate) async fn mentors(
    State(state): State<AppState>,
    QueryParams(params): QueryParams<Vec<(String, String)>>,
) -> ApiResult<Json<SearchResultsView>> {
    run(state, "mentors", &params).await
}

/// Any other catalogue name: 404 naming the ones there are.
async fn unknown(
    State(state): State<AppState>,
    Path(catalogue): Path<String>,
) -> ApiResult<Json<SearchResultsView>> {
    run(state, &catalogue, &[]).await
}

fn view(catalogue: String, request: &SearchRequest, results: SearchResults) -> SearchResultsView {
    SearchResultsView {
        catalogue,
        total: results.total,
        page: request.page,
        per_page: request.per_page,
        hits: results
            .hits
            .into_iter()
            .map(|h| SearchHitView {
                id: h.id,
                document: h.document,
                highlights: h.highlights,
            })
            .collect(),
        facets: results.facets,
    }
}
