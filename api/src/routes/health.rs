//! Liveness and readiness.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::openapi::responses::Unavailable;
use crate::problem::{ApiError, ApiResult, ProblemType};
use crate::search_watch::EngineState;
use crate::state::AppState;

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200)))]
pub(crate) async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The event store answers (503 otherwise). `status` is `ready`, or `degraded` while the
/// search engine is down, starting or rebuilding a catalogue: commands are taken, searches
/// answer 503; `search` says why.
#[utoipa::path(get, path = "/readyz", tag = "health",
    responses((status = 200), Unavailable))]
pub(crate) async fn readyz(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    match state.db.ping().await {
        Ok(()) => Ok(Json(readiness(&state))),
        Err(error) => {
            tracing::warn!(%error, "event store not ready");
            Err(ApiError::new(
                ProblemType::Unavailable,
                "the event store does not answer",
            ))
        }
    }
}

fn readiness(state: &AppState) -> Value {
    let engine = state.catalogues.engine().kind();
    let (status, search) = match state.engine_health.get() {
        EngineState::Ready => ("ready", json!({ "engine": engine, "status": "ready" })),
        EngineState::Starting => (
            "degraded",
            json!({ "engine": engine, "status": "starting", "reason": "not checked yet" }),
        ),
        EngineState::Unavailable(reason) => (
            "degraded",
            json!({ "engine": engine, "status": "unavailable", "reason": reason }),
        ),
        EngineState::Rebuilding(why) => (
            "degraded",
            json!({ "engine": engine, "status": "rebuilding", "reason": why.join("; ") }),
        ),
    };
    json!({ "status": status, "search": search })
}
