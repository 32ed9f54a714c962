//! `GET /metrics`: the Prometheus scrape, for staff and admins (a bearer token like any other
//! call), beside the health routes.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

use super::{require, STAFF};
use crate::auth::Caller;
use crate::openapi::responses::Restricted;
use crate::problem::ApiResult;
use crate::state::AppState;
use crate::telemetry_metrics;

/// Every metric in the Prometheus text format. The store pools and the projectors are read
/// now (one status read for all projectors); the rest is what the process recorded.
#[utoipa::path(get, path = "/metrics", tag = "metrics",
    security(("bearer" = [])),
    responses((status = 200, description = "Prometheus text exposition format 0.0.4", body = String,
            content_type = "text/plain; version=0.0.4"), Restricted))]
pub(crate) async fn metrics(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    require(&caller, STAFF)?;
    let handle = telemetry_metrics::install();
    telemetry_metrics::record_pools(&state.db);
    let names: Vec<&str> = state.projectors().iter().map(|p| p.name()).collect();
    let statuses = ruta_projections::runtime::projector_status(&state.db, &names).await?;
    telemetry_metrics::record_projectors(&statuses);
    Ok((
        [(CONTENT_TYPE, telemetry_metrics::CONTENT_TYPE)],
        handle.render(),
    )
        .into_response())
}
