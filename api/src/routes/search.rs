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
use ruta_projections::runtime::wait_for_position;
use ruta_projections::search::{SearchRequest, SearchResults};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;
use utoipa::ToSchema;

use super::search_query::parse_request;
use crate::extract::QueryParams;
use crate::problem::{ApiError, ApiResult, ProblemType};
use crate::state::AppState;

/// The longest a search waits for `after`.
const READ_YOUR_WRITES_WAIT: Duration = Duration::from_secs(2);

pub fn router() -> Router<AppState> {
    Router::new().route("/search/{catalogue}", get(search))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitView {
    pub id: String,
    /// The indexed document: texts are objects keyed by language (`{"es": "…"}`).
    #[schema(value_type = Object)]
    pub document: Value,
    /// Matched fragments with `<mark>` tags, keyed by field and language (`title.es`).
    pub highlights: BTreeMap<String, String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResultsView {
    pub catalogue: String,
    /// Documents matching the query and the filters, over all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub hits: Vec<SearchHitView>,
    /// For each requested facet: value → documents matching the query and filters.
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

/// Searches a catalogue (`courses`, `listings` or `mentors`); public.
///
/// Query: `q`; filters by field (courses: `topic`, `language`, `hours_min`, `hours_max`;
/// listings: `kind`, `category`, `municipality`, `country`, `language`, `price_min`,
/// `price_max`; mentors: `area`, `language`, `capacity_left_min`, `available=true`);
/// `sort=<field>` or `sort=-<field>`; `page` (from 1), `per_page` (1–100, default 20);
/// `facets=<field>,…` (default: every keyword field; `facets=` for none); `after=<position>`.
#[utoipa::path(get, path = "/api/v1/search/{catalogue}", tag = "search",
    params(("catalogue" = String, Path, description = "courses, listings or mentors"),
        ("q" = Option<String>, Query, description = "words to find; typos are tolerated"),
        ("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query),
        ("sort" = Option<String>, Query, description = "field, or -field for descending"),
        ("facets" = Option<String>, Query, description = "comma-separated keyword fields"),
        ("after" = Option<i64>, Query, description = "wait until this log position is applied")),
    responses((status = 200, body = SearchResultsView),
        (status = 404, body = crate::openapi::Problem),
        (status = 422, body = crate::openapi::Problem),
        (status = 503, body = crate::openapi::Problem)))]
pub async fn search(
    State(state): State<AppState>,
    Path(catalogue): Path<String>,
    QueryParams(params): QueryParams<Vec<(String, String)>>,
) -> ApiResult<Json<SearchResultsView>> {
    let spec = CatalogueSearch::spec(&catalogue)
        .ok_or_else(|| ApiError::not_found("catalogue (courses, listings or mentors)"))?;
    let parsed = parse_request(&spec, &params)?;
    if let Some(position) = parsed.after {
        let applied =
            wait_for_position(&state.db, &catalogue, position, READ_YOUR_WRITES_WAIT).await?;
        if !applied {
            return Err(ApiError::new(
                ProblemType::NotCaughtUp,
                format!("the {catalogue} catalogue has not reached position {position} yet; retry"),
            )
            .with("position", position));
        }
    }
    let results = state.catalogues.search(&catalogue, &parsed.request).await?;
    Ok(Json(view(catalogue, &parsed.request, results)))
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
