//! Public certificate verification: anyone holding a code can check it, no login.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use ruta_domain::learning::course::Course;
use ruta_domain::participant::Participant;
use ruta_domain::values::LocalizedText;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::openapi::responses::NotFound;
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/certificates/{code}", get(verify))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CertificateView {
    pub code: String,
    pub valid: bool,
    pub holder_name: String,
    pub course_id: String,
    pub course_titles: LocalizedText,
    pub score: u8,
    /// Business time of the pass (RFC 3339).
    pub issued_at: String,
}

#[derive(Deserialize)]
struct Issued {
    participant_id: String,
    course_id: String,
    score: u8,
}

/// Verify a certificate by its code. Unknown codes are 404.
#[utoipa::path(get, path = "/api/v1/certificates/{code}", tag = "certificates",
    params(("code" = String, Path, description = "The certificate code (case-insensitive)")),
    responses((status = 200, body = CertificateView), NotFound))]
pub(crate) async fn verify(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Json<CertificateView>> {
    let code = code.trim().to_ascii_uppercase();
    let event = ruta_store::log::find_certificate(&state.db, &code)
        .await?
        .ok_or_else(|| ApiError::not_found("certificate"))?;
    let issued: Issued = serde_json::from_value(event.payload).map_err(ApiError::internal)?;
    let holder = state
        .executor
        .load::<Participant>(&issued.participant_id)
        .await?;
    let course = state.executor.load::<Course>(&issued.course_id).await?;
    Ok(Json(CertificateView {
        code,
        valid: true,
        holder_name: holder
            .and_then(|p| p.profile)
            .map(|p| p.name)
            .unwrap_or_default(),
        course_titles: course
            .and_then(|c| c.content)
            .map(|c| c.titles)
            .unwrap_or_default(),
        course_id: issued.course_id,
        score: issued.score,
        issued_at: event.metadata.occurred_at,
    }))
}
