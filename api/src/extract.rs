//! Extractors whose rejections are problem documents, never plain text.

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Query, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::StatusCode;
use ruta_commands::{Channel, CommandContext};
use ruta_domain::input;
use serde::de::DeserializeOwned;

use crate::auth::{authenticate, Authentication, Caller};
use crate::auth_throttle::{client_key, Verdict};
use crate::problem::{ApiError, ProblemType};
use crate::state::AppState;

/// A JSON body: 415 without a JSON content type, 413 when too large, 400 when it is not
/// JSON, 422 naming the field when it does not fit the expected shape or one of its ids or
/// texts breaks the input rules ([`ruta_domain::input`]).
#[derive(Debug)]
pub(crate) struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = read_json(req, state).await?;
        parse_json(&bytes, Checks::Whole).map(JsonBody)
    }
}

/// A JSON body whose items the handler checks one by one (a batch: one bad item is refused
/// on its own, not the whole request); otherwise as [`JsonBody`].
#[derive(Debug)]
pub(crate) struct JsonBodyOfItems<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBodyOfItems<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = read_json(req, state).await?;
        parse_json(&bytes, Checks::ByItem).map(JsonBodyOfItems)
    }
}

async fn read_json<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    let is_json = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            let v = v.trim();
            v.eq_ignore_ascii_case("application/json") || v.ends_with("+json")
        });
    if !is_json {
        return Err(ApiError::new(
            ProblemType::UnsupportedMediaType,
            "send the body as application/json",
        ));
    }
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(ProblemType::BodyTooLarge, "the request body is too large")
        } else {
            ApiError::new(
                ProblemType::MalformedJson,
                "the request body could not be read",
            )
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checks {
    /// Every id and text of the body is checked before it is read as `T`.
    Whole,
    /// The handler checks each item (through the command layer).
    ByItem,
}

fn parse_json<T: DeserializeOwned>(bytes: &[u8], checks: Checks) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: serde_json::Value =
        serde::Deserialize::deserialize(&mut deserializer).map_err(|e| malformed(&e))?;
    deserializer.end().map_err(|e| malformed(&e))?;
    if checks == Checks::Whole {
        input::check_json(&value)
            .map_err(|e| ApiError::validation(&e.field, format!("{}: {}", e.field, e.message)))?;
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        let field = if path == "." {
            missing_or_unknown_field(&message).unwrap_or_else(|| "body".to_owned())
        } else {
            path
        };
        ApiError::validation(&field, format!("{field}: {message}"))
    })
}

fn malformed(error: &serde_json::Error) -> ApiError {
    ApiError::new(
        ProblemType::MalformedJson,
        format!("the body is not valid JSON: {error}"),
    )
}

/// `missing field `name`` and `unknown field `x`` name their field only in the message.
fn missing_or_unknown_field(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_owned())
}

/// Query parameters; a bad one is a 422 naming the query.
#[derive(Debug)]
pub(crate) struct QueryParams<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| QueryParams(value))
            .map_err(|rejection| ApiError::validation("query", rejection.body_text()))
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or_else(|| ApiError::unauthorized("send Authorization: Bearer <token>"))?;
        let token = header
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::unauthorized("send Authorization: Bearer <token>"))?;
        let refusal = match authenticate(&state.db, token)
            .await
            .map_err(ApiError::internal)?
        {
            Authentication::Valid(caller) => return Ok(caller),
            Authentication::Unknown => ApiError::unauthorized("unknown token"),
            Authentication::Expired => {
                ApiError::new(ProblemType::TokenExpired, "the token has expired")
            }
            Authentication::Revoked => {
                ApiError::new(ProblemType::TokenRevoked, "the token was revoked")
            }
        };
        // Checked after the token, so a valid token is served even from a throttled client.
        let peer = parts
            .extensions
            .get::<ConnectInfo<crate::hyper_errors::Peer>>()
            .map(|ConnectInfo(crate::hyper_errors::Peer(address))| address.ip());
        match state.auth_failures.record_failure(client_key(peer)) {
            Verdict::Unauthorized => Err(refusal),
            Verdict::Throttled { retry_after_secs } => Err(ApiError::too_many_requests(
                "too many failed bearer attempts from this client; retry later",
                retry_after_secs,
            )),
        }
    }
}

/// The caller plus the envelope of the command they send: `Idempotency-Key` becomes the
/// command id (scoped to the caller), `X-Correlation-Id` and `X-Ruta-Channel` are optional.
#[derive(Debug)]
pub(crate) struct CommandMeta {
    pub caller: Caller,
    pub ctx: CommandContext,
}

fn header_token(parts: &Parts, name: &'static str) -> Result<Option<String>, ApiError> {
    let Some(value) = parts.headers.get(name) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|v| (1..=128).contains(&v.len()) && v.chars().all(|c| c.is_ascii_graphic()))
        .ok_or_else(|| {
            ApiError::validation(name, format!("{name}: 1 to 128 visible ASCII characters"))
        })?;
    Ok(Some(value.to_owned()))
}

/// Applies the optional envelope headers (`X-Correlation-Id`, `X-Ruta-Channel`) to `ctx` and
/// returns the raw `Idempotency-Key`, which the caller scopes before using it as a command id.
///
/// # Errors
/// A 422 naming the header when one is malformed.
pub(crate) fn envelope_headers(
    parts: &Parts,
    ctx: &mut CommandContext,
) -> Result<Option<String>, ApiError> {
    if let Some(correlation) = header_token(parts, "x-correlation-id")? {
        ctx.correlation_id = correlation;
    }
    if let Some(channel) = header_token(parts, "x-ruta-channel")? {
        ctx.channel = channel
            .parse::<Channel>()
            .ok()
            .filter(|c| *c != Channel::Import)
            .ok_or_else(|| {
                ApiError::validation(
                    "x-ruta-channel",
                    "x-ruta-channel: one of web, android, ios, internet_access_point, staff_desk",
                )
            })?;
    }
    let key = header_token(parts, "idempotency-key")?;
    if key.as_deref().is_some_and(|k| k.contains(RESERVED)) {
        return Err(reserved("idempotency-key"));
    }
    Ok(key)
}

/// Marks the command ids of the steps one request derives (`<id>#capacity`), so no
/// caller-chosen key may contain it.
pub(crate) const RESERVED: char = '#';

pub(crate) fn reserved(field: &str) -> ApiError {
    ApiError::validation(field, format!("{field}: '#' is reserved"))
}

impl FromRequestParts<AppState> for CommandMeta {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let mut ctx = CommandContext::new(caller.actor.clone(), caller.role);
        let correlation_given = parts.headers.contains_key("x-correlation-id");
        if let Some(key) = envelope_headers(parts, &mut ctx)? {
            // Scoped to the caller: two users picking the same key never see each other's
            // outcome.
            ctx.command_id = format!("api:{}:{key}", caller.actor);
            if !correlation_given {
                ctx.correlation_id.clone_from(&ctx.command_id);
            }
        }
        Ok(Self { caller, ctx })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        age: u8,
    }

    fn parse_json_whole(bytes: &[u8]) -> Result<Body, ApiError> {
        parse_json(bytes, Checks::Whole)
    }

    fn field_of(result: Result<Body, ApiError>) -> (ProblemType, String) {
        let error = result.expect_err("should fail");
        let body = format!("{error:?}");
        (error.kind(), body)
    }

    #[test]
    fn it_tells_syntax_errors_from_shape_errors() {
        let (kind, _) = field_of(parse_json_whole(b"{\"name\": "));
        assert_eq!(kind, ProblemType::MalformedJson);
        let (kind, debug) = field_of(parse_json_whole(b"{\"name\": \"a\"}"));
        assert_eq!(kind, ProblemType::Validation);
        assert!(debug.contains("\"age\""), "{debug}");
        let (kind, debug) = field_of(parse_json_whole(b"{\"name\": \"a\", \"age\": 300}"));
        assert_eq!(kind, ProblemType::Validation);
        assert!(debug.contains("String(\"age\")"), "{debug}");
        let (kind, debug) = field_of(parse_json_whole(
            b"{\"name\": \"a\", \"age\": 3, \"actor\": 1}",
        ));
        assert_eq!(kind, ProblemType::Validation);
        assert!(debug.contains("String(\"actor\")"), "{debug}");
        let (kind, _) = field_of(parse_json_whole(b"{\"name\": \"a\", \"age\": 3} trailing"));
        assert_eq!(kind, ProblemType::MalformedJson);
    }
}

/// The caller if credentials were sent (bad credentials are still a 401), else anonymous.
#[derive(Debug)]
pub(crate) struct MaybeCaller(pub Option<Caller>);

impl FromRequestParts<AppState> for MaybeCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if parts.headers.contains_key(AUTHORIZATION) {
            Caller::from_request_parts(parts, state)
                .await
                .map(|c| MaybeCaller(Some(c)))
        } else {
            Ok(MaybeCaller(None))
        }
    }
}
