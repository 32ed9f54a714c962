//! Programme events: staff schedule, hold (with attendance) and cancel them; participants
//! register; anyone reads the events calendar (participant ids only for staff).

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::programme_events::{EventCancellation, EventRegistration};
use ruta_domain::events::programme_event::{
    HoldProgrammeEvent, ProgrammeEvent, ProgrammeEventKind, ProgrammeEventStatus,
    ScheduleProgrammeEvent,
};
use ruta_domain::values::{Language, ProgrammeCountry};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::{IntoParams, ToSchema};

use super::{list_views, read_view, STAFF};
use crate::extract::{MaybeCaller, QueryParams};
use crate::openapi::responses::{Invalid, NotFound, OptionalCredential};
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/programme-events", post(schedule).get(list))
        .route("/programme-events/{id}", get(read))
        .route("/programme-events/{id}/registrations", post(register))
        .route("/programme-events/{id}/holding", post(hold))
        .route("/programme-events/{id}/cancellation", post(cancel))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ProgrammeEventView {
    pub id: String,
    pub status: ProgrammeEventStatus,
    pub kind: ProgrammeEventKind,
    pub title: String,
    pub city: String,
    pub country: ProgrammeCountry,
    pub date: chrono::NaiveDate,
    pub languages: BTreeSet<Language>,
    pub organiser: String,
    pub registrations: usize,
    /// Account holders who attended (a held event).
    pub attendees: usize,
    pub walk_ins: u32,
    pub cancellation_reason: Option<String>,
    /// Staff only: who registered, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered_participants: Option<Vec<String>>,
    /// Staff only: who attended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendee_ids: Option<Vec<String>>,
}

fn view(id: String, event: ProgrammeEvent, is_staff: bool) -> Option<ProgrammeEventView> {
    let d = event.details?;
    Some(ProgrammeEventView {
        id,
        status: event.status,
        kind: d.kind,
        title: d.title,
        city: d.city,
        country: d.country,
        date: d.date,
        languages: d.languages,
        organiser: d.organiser,
        registrations: event.registered_participants.len(),
        attendees: event.attendee_ids.len(),
        walk_ins: event.walk_ins,
        cancellation_reason: event.cancellation_reason,
        registered_participants: is_staff.then_some(event.registered_participants),
        attendee_ids: is_staff.then_some(event.attendee_ids),
    })
}

command_route! {
    /// Schedule a programme event (staff).
    create "/api/v1/programme-events", tag "programme-events",
    fn schedule(ScheduleProgrammeEvent) => ScheduleProgrammeEvent
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// `scheduled`, `held`, `cancelled` or `all` (default).
    #[param(pattern = "^(scheduled|held|cancelled|all)$")]
    pub status: Option<String>,
}

/// The events calendar, in scheduling order (anyone).
#[utoipa::path(get, path = "/api/v1/programme-events", tag = "programme-events",
    params(ListQuery),
    security((), ("bearer" = [])),
    responses((status = 200, body = [ProgrammeEventView]), OptionalCredential, Invalid))]
pub(crate) async fn list(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    QueryParams(query): QueryParams<ListQuery>,
) -> ApiResult<Json<Vec<ProgrammeEventView>>> {
    let wanted = match query.status.as_deref().unwrap_or("all") {
        "scheduled" => Some(ProgrammeEventStatus::Scheduled),
        "held" => Some(ProgrammeEventStatus::Held),
        "cancelled" => Some(ProgrammeEventStatus::Cancelled),
        "all" => None,
        _ => {
            return Err(ApiError::validation(
                "status",
                "status: one of scheduled, held, cancelled, all",
            ))
        }
    };
    let is_staff = caller.is_some_and(|c| c.is(STAFF));
    let views = list_views(&state, |id, event: ProgrammeEvent| {
        if wanted.is_none_or(|s| s == event.status) {
            view(id, event, is_staff)
        } else {
            None
        }
    });
    Ok(Json(views.await?))
}

/// Read a programme event (anyone; participant ids for staff only).
#[utoipa::path(get, path = "/api/v1/programme-events/{id}", tag = "programme-events",
    params(("id" = String, Path, description = "The programme event's id")),
    security((), ("bearer" = [])),
    responses((status = 200, body = ProgrammeEventView), OptionalCredential, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<ProgrammeEventView>> {
    let is_staff = caller.is_some_and(|c| c.is(STAFF));
    read_view(&state, id, "programme event", |id, event| {
        view(id, event, is_staff)
    })
    .await
}

command_route! {
    /// Register a participant for a scheduled event (the participant themselves, or staff).
    post "/api/v1/programme-events/{id}/registrations", tag "programme-events",
        id "The programme event's id",
    fn register(EventRegistration) => RegisterForProgrammeEvent, 201
}

command_route! {
    /// Mark a scheduled event held and record its attendance: the registered participants who
    /// came (each once) and a count of walk-ins without an account (staff).
    post "/api/v1/programme-events/{id}/holding", tag "programme-events",
        id "The programme event's id",
    fn hold(HoldProgrammeEvent) => HoldProgrammeEvent
}

command_route! {
    /// Cancel a scheduled event (staff); a held event cannot be cancelled.
    post "/api/v1/programme-events/{id}/cancellation", tag "programme-events",
        id "The programme event's id",
    fn cancel(EventCancellation) => CancelProgrammeEvent
}
