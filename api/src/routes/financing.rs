//! Financing applications: the participant opens one; staff record each later step in order.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_commands::app::financing;
use ruta_domain::financing::{
    ApproveFinancing, AssessFinancingNeeds, CertifyFinancingProject, FinancingApplication,
    OpenFinancingApplication, RecommendFinancingChannel, RecordFinancingFollowUp,
    RecordFundsReceived, RejectFinancing, SubmitFinancingRequest,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::openapi::responses::{NotFound, Restricted};
use crate::problem::ApiResult;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    let base = "/financing-applications/{id}";
    Router::new()
        .route("/financing-applications", post(open))
        .route(base, get(read))
        .route(&format!("{base}/needs-assessment"), post(assess_needs))
        .route(&format!("{base}/recommendation"), post(recommend_channel))
        .route(&format!("{base}/certification"), post(certify_project))
        .route(&format!("{base}/submission"), post(submit_request))
        .route(&format!("{base}/approval"), post(approve))
        .route(&format!("{base}/rejection"), post(reject))
        .route(&format!("{base}/funds-received"), post(record_funds))
        .route(&format!("{base}/follow-ups"), post(record_follow_up))
}

command_route! {
    /// Open a financing application (the participant, or staff for them).
    create "/api/v1/financing-applications", tag "financing",
    fn open(OpenFinancingApplication) => OpenFinancingApplication, NotFound
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FinancingApplicationView {
    pub id: String,
    #[serde(flatten)]
    pub application: FinancingApplication,
}

/// Read a financing application (its applicant, staff).
#[utoipa::path(get, path = "/api/v1/financing-applications/{id}", tag = "financing",
    params(("id" = String, Path, description = "The financing application's id")),
    security(("bearer" = [])),
    responses((status = 200, body = FinancingApplicationView), Restricted, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<FinancingApplicationView>> {
    let application = financing::visible_application(&state.executor, &id, &caller.actor()).await?;
    Ok(Json(FinancingApplicationView { id, application }))
}

command_route! {
    /// Record the needs assessment (staff; after opening).
    post "/api/v1/financing-applications/{id}/needs-assessment", tag "financing",
        id "The financing application's id",
    fn assess_needs(AssessFinancingNeeds) => AssessFinancingNeeds
}

command_route! {
    /// Recommend a crowdfunding platform or a bank (staff; after the needs assessment).
    post "/api/v1/financing-applications/{id}/recommendation", tag "financing",
        id "The financing application's id",
    fn recommend_channel(RecommendFinancingChannel) => RecommendFinancingChannel
}

command_route! {
    /// Record the certification of the project by a partner organisation (staff; after the
    /// recommendation).
    post "/api/v1/financing-applications/{id}/certification", tag "financing",
        id "The financing application's id",
    fn certify_project(CertifyFinancingProject) => CertifyFinancingProject
}

command_route! {
    /// Record the submission of the request (staff; after certification).
    post "/api/v1/financing-applications/{id}/submission", tag "financing",
        id "The financing application's id",
    fn submit_request(SubmitFinancingRequest) => SubmitFinancingRequest
}

command_route! {
    /// Record the approval, at most the amount sought (staff; after submission).
    post "/api/v1/financing-applications/{id}/approval", tag "financing",
        id "The financing application's id",
    fn approve(ApproveFinancing) => ApproveFinancing
}

command_route! {
    /// Record the rejection (staff; after submission).
    post "/api/v1/financing-applications/{id}/rejection", tag "financing",
        id "The financing application's id",
    fn reject(RejectFinancing) => RejectFinancing
}

command_route! {
    /// Record funds received, one tranche at a time, never more in total than approved (staff;
    /// after approval).
    post "/api/v1/financing-applications/{id}/funds-received", tag "financing",
        id "The financing application's id",
    fn record_funds(RecordFundsReceived) => RecordFundsReceived
}

command_route! {
    /// Record a follow-up (staff; after funds were received or after a rejection).
    post "/api/v1/financing-applications/{id}/follow-ups", tag "financing",
        id "The financing application's id",
    fn record_follow_up(RecordFinancingFollowUp) => RecordFinancingFollowUp, 201
}
