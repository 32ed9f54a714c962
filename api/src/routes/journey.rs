//! A participant's journey across every part of the platform, for staff audits: paged,
//! filtered by aggregate, event type and business time, and exported as JSON or CSV.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use ruta_store::log::{journey_page, Checkpoint, JourneyFilter, RecordedEvent};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::participants::load;
use super::require_self_or_staff;
use crate::auth::Caller;
use crate::extract::QueryParams;
use crate::openapi::responses::{Invalid, NotFound, Restricted};
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

/// Events per query while exporting a whole journey.
const EXPORT_PAGE: u32 = 1000;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/participants/{id}/journey", get(journey))
        .route("/participants/{id}/journey/export", get(export))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct JourneyQuery {
    /// Resume after this cursor (`next` of the previous page).
    #[param(pattern = "^([0-9]{1,18}\\.)?[0-9]{1,18}$")]
    pub after: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    /// Keep these aggregate types only (comma-separated, e.g. `Enrolment,Listing`).
    pub aggregate_type: Option<String>,
    /// Keep these event types only (comma-separated).
    pub event_type: Option<String>,
    /// Business time from (inclusive): `2014-01-01` or an RFC 3339 instant.
    #[param(schema_with = date_or_instant)]
    pub from: Option<String>,
    /// Business time until (exclusive): `2015-01-01` or an RFC 3339 instant.
    #[param(schema_with = date_or_instant)]
    pub to: Option<String>,
    /// Export only: `json` (default) or `csv`.
    #[param(pattern = "^(json|csv)$")]
    pub format: Option<String>,
}

/// What [`instant`] accepts.
fn date_or_instant() -> utoipa::openapi::Schema {
    use utoipa::openapi::{KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
    let string = |format| {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(format)))
    };
    OneOfBuilder::new()
        .item(string(KnownFormat::Date))
        .item(string(KnownFormat::DateTime))
        .into()
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct JourneyEvent {
    pub position: i64,
    pub cursor: String,
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub event_type: String,
    pub event_version: String,
    pub actor: String,
    pub actor_role: String,
    pub occurred_at: String,
    pub recorded_at: String,
    pub command_id: String,
    pub correlation_id: String,
    pub causation_id: Option<String>,
    pub channel: String,
    pub payload: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct JourneyPage {
    pub participant_id: String,
    pub events: Vec<JourneyEvent>,
    /// Cursor for the next page; absent on the last page.
    pub next: Option<String>,
}

/// Every event concerning a participant, across all aggregates, in global-log order.
#[utoipa::path(get, path = "/api/v1/participants/{id}/journey", tag = "participants",
    params(("id" = String, Path, description = "The participant's id"), JourneyQuery),
    security(("bearer" = [])),
    responses((status = 200, body = JourneyPage), Restricted, NotFound, Invalid))]
pub(crate) async fn journey(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    QueryParams(query): QueryParams<JourneyQuery>,
) -> ApiResult<Json<JourneyPage>> {
    require_self_or_staff(&caller, &id)?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::validation("limit", "limit: between 1 and 1000"));
    }
    let after = cursor(query.after.as_deref())?;
    let filter = filter(&query)?;
    load(&state, &id).await?;
    let page = journey_page(&state.db, &id, after, limit, &filter).await?;
    Ok(Json(JourneyPage {
        participant_id: id,
        events: page.events.into_iter().map(view).collect(),
        next: page.next.map(|c| c.to_string()),
    }))
}

/// The whole (filtered) journey in one file: `format=json` (an array) or `format=csv`.
#[utoipa::path(get, path = "/api/v1/participants/{id}/journey/export", tag = "participants",
    params(("id" = String, Path, description = "The participant's id"), JourneyQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "JSON array or CSV, one event each"), Restricted, NotFound, Invalid))]
pub(crate) async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    QueryParams(query): QueryParams<JourneyQuery>,
) -> ApiResult<Response> {
    require_self_or_staff(&caller, &id)?;
    let csv = match query.format.as_deref().unwrap_or("json") {
        "json" => false,
        "csv" => true,
        _ => return Err(ApiError::validation("format", "format: json or csv")),
    };
    let filter = filter(&query)?;
    load(&state, &id).await?;
    let mut events = Vec::new();
    let mut after = Checkpoint::START;
    loop {
        let page = journey_page(&state.db, &id, after, EXPORT_PAGE, &filter).await?;
        events.extend(page.events.into_iter().map(view));
        match page.next {
            Some(next) => after = next,
            None => break,
        }
    }
    let disposition = format!(
        "attachment; filename=\"journey.{}\"",
        if csv { "csv" } else { "json" }
    );
    if csv {
        let body = to_csv(&events).map_err(ApiError::internal)?;
        let headers = [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ];
        Ok((headers, body).into_response())
    } else {
        let headers = [(header::CONTENT_DISPOSITION, disposition)];
        Ok((headers, Json(events)).into_response())
    }
}

fn cursor(after: Option<&str>) -> ApiResult<Checkpoint> {
    match after {
        Some(cursor) => cursor
            .parse::<Checkpoint>()
            .map_err(|e| ApiError::validation("after", format!("after: {e}"))),
        None => Ok(Checkpoint::START),
    }
}

fn filter(query: &JourneyQuery) -> ApiResult<JourneyFilter> {
    let list = |value: &Option<String>| -> Vec<String> {
        value
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let filter = JourneyFilter {
        aggregate_types: list(&query.aggregate_type),
        event_types: list(&query.event_type),
        from: instant("from", query.from.as_deref())?,
        to: instant("to", query.to.as_deref())?,
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from >= to {
            return Err(ApiError::validation("to", "to: must be after from"));
        }
    }
    Ok(filter)
}

/// A date (midnight UTC) or an RFC 3339 instant.
fn instant(field: &str, value: Option<&str>) -> ApiResult<Option<DateTime<Utc>>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(date.and_hms_opt(0, 0, 0).map(|t| t.and_utc()));
    }
    DateTime::parse_from_rfc3339(value)
        .map(|t| Some(t.with_timezone(&Utc)))
        .map_err(|_| {
            ApiError::validation(
                field,
                format!("{field}: a date (2014-01-31) or an RFC 3339 instant"),
            )
        })
}

fn view(e: RecordedEvent) -> JourneyEvent {
    JourneyEvent {
        position: e.checkpoint.position,
        cursor: e.checkpoint.to_string(),
        aggregate_type: e.aggregate_type,
        aggregate_id: e.aggregate_id,
        sequence: e.sequence,
        event_type: e.event_type,
        event_version: e.event_version,
        actor: e.metadata.actor,
        actor_role: e.metadata.actor_role,
        occurred_at: e.metadata.occurred_at,
        recorded_at: e.metadata.recorded_at,
        command_id: e.metadata.command_id,
        correlation_id: e.metadata.correlation_id,
        causation_id: e.metadata.causation_id,
        channel: e.metadata.channel,
        payload: e.payload,
    }
}

/// One row per event; the payload stays JSON in its own column.
fn to_csv(events: &[JourneyEvent]) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "position",
        "occurred_at",
        "recorded_at",
        "aggregate_type",
        "aggregate_id",
        "sequence",
        "event_type",
        "actor",
        "actor_role",
        "channel",
        "command_id",
        "correlation_id",
        "payload",
    ])?;
    for e in events {
        out.write_record([
            e.position.to_string().as_str(),
            &e.occurred_at,
            &e.recorded_at,
            &e.aggregate_type,
            &e.aggregate_id,
            &e.sequence.to_string(),
            &e.event_type,
            &e.actor,
            &e.actor_role,
            &e.channel,
            &e.command_id,
            &e.correlation_id,
            &e.payload.to_string(),
        ])?;
    }
    let bytes = out.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
