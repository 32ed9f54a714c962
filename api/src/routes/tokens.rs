//! Issuing, listing and revoking bearer tokens over HTTP (the first admin token comes from
//! `ruta token create`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, post};
use axum::{Json, Router};
use ruta_commands::Role;
use ruta_domain::participant::Participant;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::require;
use crate::auth::{issue_token, Caller};
use crate::extract::{JsonBody, QueryParams};
use crate::openapi::responses::{Invalid, JsonBodyErrors, NotFound, Restricted};
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;
use crate::token_admin::{list_tokens, revoke_token, TokenFilter, TokenInfo};
use crate::token_lifetime::TokenLifetime;

/// A page of the token list, unless asked otherwise.
const DEFAULT_PAGE: u32 = 100;
const MAX_PAGE: u32 = 1_000;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/tokens", post(issue).get(list))
        .route("/tokens/{token_id}", delete(revoke))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TokenRequest {
    /// participant, mentor, expert, staff, evaluator, analyst or admin.
    pub role: String,
    /// Required for participants: their participant id.
    pub subject: Option<String>,
    pub label: Option<String>,
    /// Seconds (a positive integer) or a number with a unit: `30d`, `12h`, `45m`, `90s`; at
    /// most 365 days. Without it the server's default (`RUTA_TOKEN_TTL`, 90 days).
    #[schema(value_type = Option<String>, example = "30d")]
    pub expires_in: Option<TokenLifetime>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TokenResponse {
    /// Shown once; only its hash is stored.
    pub token: String,
    /// Names the token to list or revoke it; not a secret.
    pub token_id: String,
    pub role: String,
    pub subject: Option<String>,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// Issue a token. Admins issue any role; staff issue participant tokens only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "auth",
    request_body = TokenRequest, security(("bearer" = [])),
    responses((status = 201, body = TokenResponse), Restricted, JsonBodyErrors, NotFound))]
pub(crate) async fn issue(
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
    let issued = issue_token(
        &state.db,
        role,
        body.subject.as_deref(),
        body.label.as_deref(),
        body.expires_in.unwrap_or(state.token_ttl),
    )
    .await
    .map_err(ApiError::internal)?;
    Ok((
        StatusCode::CREATED,
        Json(TokenResponse {
            token: issued.token,
            token_id: issued.token_id,
            role: role.to_string(),
            subject: body.subject,
            expires_at: issued.expires_at,
        }),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct TokenQuery {
    /// Only tokens of this role.
    pub role: Option<String>,
    /// Only tokens issued to this subject (a participant id, an expert id…).
    pub subject: Option<String>,
    /// The `next` of the previous page.
    pub before: Option<String>,
    /// 1 to 1000; 100 by default.
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TokenPage {
    /// Newest first; never the secret nor its hash.
    pub tokens: Vec<TokenInfo>,
    /// Pass as `before` for the next page; `null` on the last one.
    pub next: Option<String>,
}

/// List tokens (admins), newest first: ids, roles, subjects, labels, times and status.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "auth", params(TokenQuery),
    security(("bearer" = [])),
    responses((status = 200, body = TokenPage), Restricted, Invalid))]
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(query): QueryParams<TokenQuery>,
) -> ApiResult<Json<TokenPage>> {
    require(&caller, &[Role::Admin])?;
    let role = query
        .role
        .map(|r| r.parse::<Role>())
        .transpose()
        .map_err(|e| ApiError::validation("role", format!("role: {e}")))?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::validation(
            "limit",
            format!("limit: 1 to {MAX_PAGE}"),
        ));
    }
    let filter = TokenFilter {
        role,
        subject: query.subject,
        before: query.before,
        limit,
    };
    let tokens = list_tokens(&state.db, &filter)
        .await
        .map_err(ApiError::internal)?;
    let full = tokens.len() == usize::try_from(limit).unwrap_or(usize::MAX);
    let next = full
        .then(|| tokens.last().map(|t| t.token_id.clone()))
        .flatten();
    Ok(Json(TokenPage { tokens, next }))
}

/// Revoke a token (admins): from now on it answers 401 `token-revoked`. Revoking it again
/// changes nothing.
#[utoipa::path(delete, path = "/api/v1/tokens/{token_id}", tag = "auth",
    params(("token_id" = String, Path, description = "the token's id (`tok_…`), not the token")),
    security(("bearer" = [])),
    responses((status = 204, description = "revoked"), Restricted, NotFound))]
pub(crate) async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    Path(token_id): Path<String>,
) -> ApiResult<StatusCode> {
    require(&caller, &[Role::Admin])?;
    let revoked = revoke_token(&state.db, &token_id)
        .await
        .map_err(ApiError::internal)?;
    if revoked {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("token"))
    }
}
