//! `POST /api/v1/commands:batch`: many commands in one request, for staff.
//!
//! Each item goes through `ruta_commands::app::dispatch`, the same path as imports and as the
//! typed endpoints. Unlike an import file, the actor and role come from the credential, never
//! from the items; items may carry `occurred_at` to record history with its business time.

use axum::extract::{DefaultBodyLimit, State};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use ruta_commands::app;
use ruta_commands::import::{apply_batch, describe, BatchCommand, ImportSummary, LineResult};
use ruta_commands::policy::STAFF;
use ruta_commands::{Channel, CommandError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::require;
use crate::extract::{reserved, CommandMeta, JsonBodyOfItems, RESERVED};
use crate::openapi::responses::{CommandErrors, JsonBodyErrors};
use crate::openapi::CommandHeaders;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

/// Batches are bigger than ordinary requests.
const BATCH_BODY_LIMIT: usize = 4 * 1024 * 1024;
const MAX_ITEMS: usize = 1_000;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route(
        "/commands:batch",
        post(batch).layer(DefaultBodyLimit::max(BATCH_BODY_LIMIT)),
    )
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BatchItem {
    /// Idempotency key of this item (scoped to the caller, like `Idempotency-Key`).
    pub command_id: Option<String>,
    pub aggregate_id: Option<String>,
    /// `{"type": "RegisterParticipant", …fields}`; see the README for the command types.
    /// Anything else is refused as that item's result, not as the whole batch.
    #[schema(value_type = Value)]
    pub command: Value,
    /// Business time, for recording history; defaults to now. An item dated before a fact
    /// it depends on (its course's publication, the previous financing step…) is rejected
    /// with rule `occurred_before_prerequisite`.
    pub occurred_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BatchRequest {
    /// Check every item first and apply none if one is malformed.
    #[serde(default)]
    pub strict: bool,
    pub commands: Vec<BatchItem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BatchResult {
    pub index: usize,
    /// `applied`, `duplicate` or `rejected`.
    pub status: &'static str,
    pub aggregate_id: Option<String>,
    pub position: Option<i64>,
    /// Why it was rejected (codes and field names).
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BatchResponse {
    #[schema(value_type = Object)]
    pub summary: ImportSummary,
    pub results: Vec<BatchResult>,
}

/// Execute up to 1,000 commands in order (staff, admin).
#[utoipa::path(post, path = "/api/v1/commands:batch", tag = "batch",
    params(CommandHeaders),
    request_body = BatchRequest, security(("bearer" = [])),
    responses((status = 200, body = BatchResponse), CommandErrors, JsonBodyErrors))]
pub(crate) async fn batch(
    State(state): State<AppState>,
    meta: CommandMeta,
    JsonBodyOfItems(body): JsonBodyOfItems<BatchRequest>,
) -> ApiResult<Json<BatchResponse>> {
    require(&meta.caller, STAFF)?;
    if body.commands.len() > MAX_ITEMS {
        return Err(ApiError::validation(
            "commands",
            format!("commands: at most {MAX_ITEMS} per batch"),
        ));
    }
    for (index, item) in body.commands.iter().enumerate() {
        if let Some(id) = &item.command_id {
            let visible = (1..=128).contains(&id.len()) && id.chars().all(|c| c.is_ascii_graphic());
            if !visible || id.contains(RESERVED) {
                return Err(reserved("commands").with(
                    "errors",
                    serde_json::json!([{ "index": index,
                        "reason": "command_id: 1 to 128 visible ASCII characters, no '#'" }]),
                ));
            }
        }
    }
    let contexts: Vec<_> = body
        .commands
        .iter()
        .map(|item| {
            let mut ctx = meta.ctx.clone();
            ctx.command_id = match &item.command_id {
                Some(id) => format!("api:{}:{id}", meta.caller.actor),
                None => uuid::Uuid::new_v4().to_string(),
            };
            ctx.causation_id = Some(meta.ctx.command_id.clone());
            ctx.occurred_at = item.occurred_at;
            if item.occurred_at.is_some() && ctx.channel == Channel::Web {
                ctx.channel = Channel::StaffDesk;
            }
            ctx
        })
        .collect();
    if body.strict {
        let dry = state.executor.dry_run();
        let mut errors = Vec::new();
        for (index, (item, ctx)) in body.commands.iter().zip(&contexts).enumerate() {
            let checked = app::dispatch(
                &dry,
                item.aggregate_id.as_deref(),
                item.command.clone(),
                ctx,
            )
            .await;
            if let Err(
                e @ (CommandError::BadPayload { .. }
                | CommandError::Domain(
                    ruta_domain::DomainError::Invalid { .. }
                    | ruta_domain::DomainError::Forbidden { .. },
                )),
            ) = checked
            {
                errors.push(serde_json::json!({ "index": index, "reason": describe(&e) }));
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(
                "commands",
                "strict batch refused: some commands are malformed; nothing was applied",
            )
            .with("errors", errors));
        }
    }
    let commands: Vec<BatchCommand> = body
        .commands
        .into_iter()
        .zip(contexts)
        .map(|(item, ctx)| BatchCommand {
            ctx,
            aggregate_id: item.aggregate_id,
            command: item.command,
        })
        .collect();
    let decided = apply_batch(&state.executor, &commands, body.strict).await;
    let mut summary = ImportSummary::default();
    let mut results = Vec::with_capacity(decided.len());
    for (index, result) in decided.into_iter().enumerate() {
        if let LineResult::Rejected(CommandError::Store(cause)) = &result {
            // The batch is one transaction: nothing of it was written.
            return Err(ApiError::internal(cause));
        }
        summary.count(&result);
        results.push(match result {
            LineResult::Applied(o) | LineResult::Duplicate(o) => BatchResult {
                index,
                status: if o.replayed { "duplicate" } else { "applied" },
                position: o.position(),
                aggregate_id: Some(o.aggregate_id),
                reason: None,
            },
            LineResult::Rejected(e) => BatchResult {
                index,
                status: "rejected",
                aggregate_id: None,
                position: None,
                reason: Some(describe(&e)),
            },
        });
    }
    Ok(Json(BatchResponse { summary, results }))
}
