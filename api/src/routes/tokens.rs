//! Issuing bearer tokens over HTTP (the first admin token comes from `ruta token create`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use ruta_commands::Role;
use ruta_domain::participant::Participant;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{create_token, Caller};
use crate::extract::JsonBody;
use crate::openapi::responses::{JsonBodyErrors, NotFound, Restricted};
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/tokens", post(issue))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// participant, mentor, expert, staff, evaluator, analyst or admin.
    pub role: String,
    /// Required for participants: their participant id.
    pub subject: Option<String>,
    pub label: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Shown once; only its hash is stored.
    pub token: String,
    pub role: String,
    pub subject: Option<String>,
}

/// Issue a token. Admins issue any role; staff issue participant tokens only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "auth",
    request_body = TokenRequest, security(("bearer" = [])),
    responses((status = 201, body = TokenResponse), Restricted, JsonBodyErrors, NotFound))]
pub async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<TokenRequest>,
) -> ApiResult<(StatusCode, Json<TokenResponse>)> {
    let role: Role = body
        .role
        .parse()
        .map_err(|e: String| ApiError::validation("role", format!("role: {e}")))?;
    let allowed =
        caller.role == Role::Admin || (caller.role == Role::Staff && role == Role::Participant);
    if !allowed {
        return Err(ApiError::forbidden(
            "admins issue any token; staff issue participant tokens only",
        ));
    }
    if let Some(label) = &body.label {
        if label.chars().count() > 100 {
            return Err(ApiError::validation(
                "label",
                "label: at most 100 characters",
            ));
        }
    }
    if role == Role::Participant {
        let subject = body.subject.as_deref().ok_or_else(|| {
            ApiError::validation(
                "subject",
                "subject: a participant token needs the participant id",
            )
        })?;
        let registered = state
            .executor
            .load::<Participant>(subject)
            .await?
            .is_some_and(|p| p.is_registered());
        if !registered {
            return Err(ApiError::not_found("participant"));
        }
    }
    let token = create_token(
        &state.db,
        role,
        body.subject.as_deref(),
        body.label.as_deref(),
    )
    .await
    .map_err(ApiError::internal)?;
    Ok((
        StatusCode::CREATED,
        Json(TokenResponse {
            token,
            role: role.to_string(),
            subject: body.subject,
        }),
    ))
}
