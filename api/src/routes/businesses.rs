//! Businesses (SMEs) created by participants: jobs, B2B relationships, restructuring, closure.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_domain::businesses::business::{
    Business, CloseBusiness, CreateBusiness, FormB2BRelationship, RecordJobs, RestructureBusiness,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::read_view;
use crate::auth::Caller;
use crate::openapi::responses::{NotFound, Restricted};
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/businesses", post(create))
        .route("/businesses/{id}", get(read))
        .route("/businesses/{id}/jobs", post(record_jobs))
        .route("/businesses/{id}/b2b-relationships", post(form_b2b))
        .route("/businesses/{id}/restructuring", post(restructure))
        .route("/businesses/{id}/closure", post(close))
}

command_route! {
    /// Create a business: staff, or a participant who is among its founders.
    create "/api/v1/businesses", tag "businesses",
    fn create(CreateBusiness) => CreateBusiness, NotFound
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BusinessView {
    pub id: String,
    #[serde(flatten)]
    pub business: Business,
}

/// Read a business. Businesses are visible to every signed-in user of the platform (B2B).
#[utoipa::path(get, path = "/api/v1/businesses/{id}", tag = "businesses",
    params(("id" = String, Path, description = "The business's id")),
    security(("bearer" = [])),
    responses((status = 200, body = BusinessView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<BusinessView>> {
    read_view(&state, id, "business", |id, business: Business| {
        business.exists().then_some(BusinessView { id, business })
    })
    .await
}

command_route! {
    /// Record jobs created (direct and indirect; they add up): a founder or staff.
    post "/api/v1/businesses/{id}/jobs", tag "businesses", id "The business's id",
    fn record_jobs(RecordJobs) => RecordJobs, 201
}

command_route! {
    /// Form a B2B relationship with another business on the platform or an outside
    /// organisation: a founder or staff.
    post "/api/v1/businesses/{id}/b2b-relationships", tag "businesses", id "The business's id",
    fn form_b2b(FormB2BRelationship) => FormB2BRelationship, 201
}

command_route! {
    /// Restructure the business: it continues as a new version (a founder or staff).
    post "/api/v1/businesses/{id}/restructuring", tag "businesses", id "The business's id",
    fn restructure(RestructureBusiness) => RestructureBusiness
}

command_route! {
    /// Close the business; nothing can be recorded afterwards (a founder or staff).
    post "/api/v1/businesses/{id}/closure", tag "businesses", id "The business's id",
    fn close(CloseBusiness) => CloseBusiness
}
