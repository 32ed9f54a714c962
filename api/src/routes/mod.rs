//! HTTP routes under `/api/v1`, plus health, metrics and the OpenAPI document.

#[macro_use]
mod command_route;

pub(crate) mod advice;
mod aggregate_views;
pub(crate) mod batch;
pub(crate) mod businesses;
pub(crate) mod certificates;
mod command_response;
pub(crate) mod community;
pub(crate) mod courses;
pub(crate) mod enrolments;
pub(crate) mod experts;
pub(crate) mod financing;
pub(crate) mod health;
pub(crate) mod job_postings;
pub(crate) mod journey;
pub(crate) mod listings;
pub(crate) mod mentors;
pub(crate) mod mentorships;
pub(crate) mod orders;
pub(crate) mod outreach;
pub(crate) mod participants;
pub(crate) mod programme_events;
pub(crate) mod projections;
pub(crate) mod reports;
pub(crate) mod scrape;
pub(crate) mod search;
mod search_query;
pub(crate) mod tokens;

use axum::Router;
use ruta_commands::Role;

pub(crate) use aggregate_views::{list_views, read_view};
pub(crate) use command_response::{send, sub_resource_id, CommandResponse};

use crate::auth::Caller;
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn api_router() -> Router<AppState> {
    Router::new()
        .merge(participants::router())
        .merge(journey::router())
        .merge(courses::router())
        .merge(enrolments::router())
        .merge(certificates::router())
        .merge(tokens::router())
        .merge(batch::router())
        .merge(mentors::router())
        .merge(mentorships::router())
        .merge(experts::router())
        .merge(advice::router())
        .merge(programme_events::router())
        .merge(outreach::router())
        .merge(community::router())
        .merge(financing::router())
        .merge(businesses::router())
        .merge(job_postings::router())
        .merge(listings::router())
        .merge(orders::router())
        .merge(projections::router())
        .merge(search::router())
        .merge(reports::router())
}

/// 403 unless the caller has one of `roles` ([`ruta_commands::policy::require`]).
pub(crate) fn require(caller: &Caller, roles: &[Role]) -> ApiResult<()> {
    Ok(ruta_commands::policy::require(&caller.actor(), roles)?)
}

pub(crate) use ruta_commands::policy::STAFF;

/// 403 unless the caller is staff, an admin, or that participant
/// ([`ruta_commands::policy::require_self_or_staff`]).
pub(crate) fn require_self_or_staff(caller: &Caller, participant_id: &str) -> ApiResult<()> {
    Ok(ruta_commands::policy::require_self_or_staff(
        &caller.actor(),
        participant_id,
    )?)
}
