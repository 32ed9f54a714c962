//! Where each read model stands against the log: for operators, not participants.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::require;
use crate::auth::Caller;
use crate::openapi::responses::Restricted;
use crate::problem::ApiResult;
use crate::state::AppState;

use ruta_commands::policy::OPERATORS;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/projections", get(status))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ProjectionStatusView {
    pub name: String,
    /// Version that wrote the checkpoint; absent before the first batch.
    pub version: Option<i64>,
    /// `transaction_id.position` in the global log.
    pub checkpoint: String,
    pub position: i64,
    /// The generation of the read model answering reads (a rebuild builds the next one).
    pub generation: i64,
    /// Position reached by a rebuild in progress, if one runs.
    pub rebuilding_at: Option<i64>,
    /// Events in the log after the checkpoint.
    pub lag_events: i64,
    /// Recorded time of the newest event minus that of the last applied one; 0 when caught up.
    pub lag_seconds: i64,
    pub updated_at: Option<DateTime<Utc>>,
    pub failed_attempts: i64,
    pub last_error: Option<String>,
    /// Global position of the event that failed, when the failure was tied to one.
    pub error_position: Option<i64>,
    /// Stopped on an event that keeps failing, until the next start.
    pub poisoned: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ProjectionsView {
    pub projections: Vec<ProjectionStatusView>,
}

/// The status of every read model kept by the projector runtime.
#[utoipa::path(get, path = "/api/v1/projections", tag = "projections",
    security(("bearer" = [])),
    responses((status = 200, body = ProjectionsView), Restricted))]
pub(crate) async fn status(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<ProjectionsView>> {
    require(&caller, OPERATORS)?;
    let names: Vec<&str> = state.projectors().iter().map(|p| p.name()).collect();
    let rows = ruta_projections::runtime::projector_status(&state.db, &names).await?;
    let projections = rows
        .into_iter()
        .map(|s| ProjectionStatusView {
            name: s.name,
            version: s.version,
            checkpoint: s.checkpoint.to_string(),
            position: s.checkpoint.position,
            generation: s.generation,
            rebuilding_at: s.rebuilding_at,
            lag_events: s.lag_events,
            lag_seconds: s.lag_seconds,
            updated_at: s.updated_at,
            failed_attempts: s.failed_attempts,
            last_error: s.last_error,
            error_position: s.error_position,
            poisoned: s.poisoned,
        })
        .collect();
    Ok(Json(ProjectionsView { projections }))
}
