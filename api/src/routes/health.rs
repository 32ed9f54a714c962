//! Liveness and readiness.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::openapi::responses::Unavailable;
use crate::problem::{ApiError, ApiResult, ProblemType};
use crate::state::AppState;

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200)))]
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The event store answers.
#[utoipa::path(get, path = "/readyz", tag = "health",
    responses((status = 200), Unavailable))]
pub async fn readyz(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    match state.db.ping().await {
        Ok(()) => Ok(Json(json!({ "status": "ready" }))),
        Err(error) => {
            tracing::warn!(%error, "event store not ready");
            Err(ApiError::new(
                ProblemType::Unavailable,
                "the event store does not answer",
            ))
        }
    }
}
