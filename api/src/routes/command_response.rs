//! The answer to every command: what it appended and where, for read-your-writes.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use ruta_commands::app::{self, AppCommand};
use ruta_commands::CommandOutcome;
use serde::Serialize;
use utoipa::ToSchema;

use crate::extract::CommandMeta;
use crate::problem::ApiResult;
use crate::state::AppState;

/// Executes `command` on aggregate `target` as the caller of `meta`: the one call every
/// command route makes ([`ruta_commands::app::execute`]).
pub(crate) async fn send(
    state: &AppState,
    meta: &CommandMeta,
    target: &str,
    command: AppCommand,
) -> ApiResult<CommandOutcome> {
    Ok(app::execute(&state.executor, Some(target), command, &meta.ctx).await?)
}

/// The sub-resource id the body names, or a fresh one written into the body, so that the
/// command and the `Location` of the answer name the same sub-resource.
pub(crate) fn sub_resource_id(named: &mut Option<String>) -> String {
    named
        .get_or_insert_with(|| uuid::Uuid::new_v4().to_string())
        .clone()
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct EventRef {
    pub sequence: i64,
    pub position: i64,
    pub event_type: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CommandResponse {
    pub command_id: String,
    pub aggregate_type: String,
    pub aggregate_id: String,
    /// Global position of the last appended event; absent when nothing changed.
    pub position: Option<i64>,
    pub events: Vec<EventRef>,
    /// True when this `Idempotency-Key` was already applied: nothing new was appended and
    /// this is the first outcome.
    pub replayed: bool,
}

impl CommandResponse {
    /// 200 with what the command appended.
    pub(crate) fn ok(outcome: CommandOutcome) -> Response {
        Self::respond(outcome, StatusCode::OK, None)
    }

    /// 201 with what the command appended, and the created resource at
    /// `{collection}/{aggregate id}` in `Location`.
    pub(crate) fn created(outcome: CommandOutcome, collection: &str) -> Response {
        let location = format!("{collection}/{}", outcome.aggregate_id);
        Self::respond(outcome, StatusCode::CREATED, Some(location))
    }

    /// 201 with what the command appended, and the created sub-resource at `location`.
    pub(crate) fn created_at(outcome: CommandOutcome, location: String) -> Response {
        Self::respond(outcome, StatusCode::CREATED, Some(location))
    }

    /// `status` is the status of a first execution; a replay answers the same.
    pub(crate) fn respond(
        outcome: CommandOutcome,
        status: StatusCode,
        location: Option<String>,
    ) -> Response {
        let replayed = outcome.replayed;
        let body = CommandResponse {
            position: outcome.position(),
            command_id: outcome.command_id,
            aggregate_type: outcome.aggregate_type,
            aggregate_id: outcome.aggregate_id,
            events: outcome
                .events
                .into_iter()
                .map(|e| EventRef {
                    sequence: e.sequence,
                    position: e.position,
                    event_type: e.event_type,
                })
                .collect(),
            replayed,
        };
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        if let Some(location) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            headers.insert(header::LOCATION, location);
        }
        if replayed {
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
        }
        response
    }
}
