//! Every HTTP error is an RFC 9457 `application/problem+json` document with a stable `type`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use ruta_commands::CommandError;
use ruta_domain::DomainError;
use serde_json::{json, Map, Value};

/// The stable problem types, as `urn:ruta:problem:<slug>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemType {
    /// A request the server cannot read (an error of axum's or hyper's own).
    BadRequest,
    /// A URI with a malformed percent-escape or bytes that are not UTF-8.
    MalformedUri,
    UriTooLong,
    HeadersTooLarge,
    MalformedJson,
    UnsupportedMediaType,
    Validation,
    RuleBroken,
    NotFound,
    MethodNotAllowed,
    Conflict,
    Unauthorized,
    /// The token was valid once and has expired: ask for a new one.
    TokenExpired,
    /// The token was revoked.
    TokenRevoked,
    /// Too many failed bearer attempts from this client; `Retry-After` says when to retry.
    TooManyRequests,
    Forbidden,
    BodyTooLarge,
    Unavailable,
    /// A read asked to wait for a position its read model did not reach in time.
    NotCaughtUp,
    Internal,
}

impl ProblemType {
    /// Every type, for the OpenAPI document.
    pub const ALL: [Self; 20] = [
        Self::BadRequest,
        Self::MalformedUri,
        Self::UriTooLong,
        Self::HeadersTooLarge,
        Self::MalformedJson,
        Self::UnsupportedMediaType,
        Self::Validation,
        Self::RuleBroken,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::Conflict,
        Self::Unauthorized,
        Self::TokenExpired,
        Self::TokenRevoked,
        Self::TooManyRequests,
        Self::Forbidden,
        Self::BodyTooLarge,
        Self::Unavailable,
        Self::NotCaughtUp,
        Self::Internal,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::BadRequest => "bad-request",
            Self::MalformedUri => "malformed-uri",
            Self::UriTooLong => "uri-too-long",
            Self::HeadersTooLarge => "headers-too-large",
            Self::MalformedJson => "malformed-json",
            Self::UnsupportedMediaType => "unsupported-media-type",
            Self::Validation => "validation",
            Self::RuleBroken => "rule-broken",
            Self::NotFound => "not-found",
            Self::MethodNotAllowed => "method-not-allowed",
            Self::Conflict => "conflict",
            Self::Unauthorized => "unauthorized",
            Self::TokenExpired => "token-expired",
            Self::TokenRevoked => "token-revoked",
            Self::TooManyRequests => "too-many-requests",
            Self::Forbidden => "forbidden",
            Self::BodyTooLarge => "body-too-large",
            Self::Unavailable => "unavailable",
            Self::NotCaughtUp => "not-caught-up",
            Self::Internal => "internal",
        }
    }

    fn status_and_title(self) -> (StatusCode, &'static str) {
        match self {
            Self::BadRequest => (StatusCode::BAD_REQUEST, "Bad request"),
            Self::MalformedUri => (StatusCode::BAD_REQUEST, "Malformed URI"),
            Self::UriTooLong => (StatusCode::URI_TOO_LONG, "URI too long"),
            Self::HeadersTooLarge => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "Request headers too large",
            ),
            Self::MalformedJson => (StatusCode::BAD_REQUEST, "Malformed JSON"),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Expected Content-Type: application/json",
            ),
            Self::Validation => (StatusCode::UNPROCESSABLE_ENTITY, "Invalid input"),
            Self::RuleBroken => (StatusCode::UNPROCESSABLE_ENTITY, "Business rule broken"),
            Self::NotFound => (StatusCode::NOT_FOUND, "Not found"),
            Self::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed"),
            Self::Conflict => (StatusCode::CONFLICT, "Concurrent modification"),
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "Authentication required"),
            Self::TokenExpired => (StatusCode::UNAUTHORIZED, "Token expired"),
            Self::TokenRevoked => (StatusCode::UNAUTHORIZED, "Token revoked"),
            Self::TooManyRequests => (StatusCode::TOO_MANY_REQUESTS, "Too many failed attempts"),
            Self::Forbidden => (StatusCode::FORBIDDEN, "Not allowed for this role"),
            Self::BodyTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "Request body too large"),
            Self::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "Service unavailable"),
            Self::NotCaughtUp => (StatusCode::SERVICE_UNAVAILABLE, "Read model not caught up"),
            Self::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "Internal error"),
        }
    }
}

/// An error answered to a client. Internal causes are logged, never sent.
#[derive(Debug)]
pub struct ApiError {
    kind: ProblemType,
    detail: String,
    extra: Map<String, Value>,
    /// Seconds, sent as `Retry-After`.
    retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(kind: ProblemType, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
            extra: Map::new(),
            retry_after: None,
        }
    }

    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.extra.insert(key.to_owned(), value.into());
        self
    }

    pub fn kind(&self) -> ProblemType {
        self.kind
    }

    pub fn validation(field: &str, detail: impl Into<String>) -> Self {
        Self::new(ProblemType::Validation, detail).with("field", field)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ProblemType::NotFound, format!("{what} not found"))
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(ProblemType::Forbidden, detail)
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(ProblemType::Unauthorized, detail)
    }

    /// 429 with `Retry-After: seconds`.
    pub fn too_many_requests(detail: impl Into<String>, retry_after_secs: u64) -> Self {
        let mut error = Self::new(ProblemType::TooManyRequests, detail);
        error.retry_after = Some(retry_after_secs);
        error
    }

    /// An infrastructure failure: logged with its cause, answered without it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(ProblemType::Internal, "the request could not be completed")
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::Invalid { field, message } => {
                Self::validation(field, format!("{field}: {message}"))
            }
            DomainError::RuleBroken { rule, message } => {
                Self::new(ProblemType::RuleBroken, message).with("rule", rule)
            }
            DomainError::NotFound { what } => Self::not_found(what),
            DomainError::Forbidden { message } => Self::forbidden(message),
        }
    }
}

impl From<CommandError> for ApiError {
    fn from(error: CommandError) -> Self {
        match error {
            CommandError::Domain(e) => e.into(),
            CommandError::BadPayload { field, message } => {
                Self::validation(&field, format!("{field}: {message}"))
            }
            CommandError::Conflict => Self::new(
                ProblemType::Conflict,
                "the resource kept changing while this request was applied; retry it",
            ),
            CommandError::Store(cause) => Self::internal(cause),
            CommandError::DryRun => Self::internal("a dry run reached the HTTP layer"),
        }
    }
}

impl From<ruta_store::log::ReadError> for ApiError {
    fn from(error: ruta_store::log::ReadError) -> Self {
        Self::internal(error)
    }
}

impl From<ruta_projections::LogError> for ApiError {
    fn from(error: ruta_projections::LogError) -> Self {
        use ruta_projections::search::SearchError;
        match error {
            ruta_projections::LogError::Search(SearchError::Invalid { field, message }) => {
                Self::validation(&field, format!("{field}: {message}"))
            }
            ruta_projections::LogError::Search(
                cause @ (SearchError::Unavailable(_) | SearchError::Engine(_)),
            ) => {
                tracing::warn!(error = %cause, "search engine failed");
                Self::new(
                    ProblemType::Unavailable,
                    "the search engine is not answering; retry shortly",
                )
            }
            // The engines' locations stay in the log, not in a public answer.
            ruta_projections::LogError::Search(cause @ SearchError::BuiltElsewhere { .. }) => {
                tracing::warn!(error = %cause, "catalogue index built into another engine");
                Self::new(
                    ProblemType::Unavailable,
                    "this catalogue is being rebuilt into this server's search engine; retry shortly",
                )
            }
            other => Self::internal(other),
        }
    }
}

impl ApiError {
    /// The status and the problem document, for a writer that is not axum's (see
    /// `hyper_errors`).
    pub(crate) fn into_document(self) -> (StatusCode, Value) {
        let (status, title) = self.kind.status_and_title();
        let mut body = json!({
            "type": format!("urn:ruta:problem:{}", self.kind.slug()),
            "title": title,
            "status": status.as_u16(),
            "detail": self.detail,
        });
        if let Value::Object(map) = &mut body {
            map.extend(self.extra);
        }
        (status, body)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry_after = self.retry_after;
        let (status, body) = self.into_document();
        let mut response = (status, axum::Json(body)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        response
    }
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;

    async fn answer(error: ApiError) -> (StatusCode, String, Value) {
        let response = error.into_response();
        let status = response.status();
        let content_type = response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        let bytes = to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap_or_default();
        (
            status,
            content_type,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    #[tokio::test]
    async fn it_maps_a_lost_race_to_409() {
        let (status, content_type, body) = answer(CommandError::Conflict.into()).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(body["type"], "urn:ruta:problem:conflict");
    }

    #[tokio::test]
    async fn it_never_leaks_an_internal_cause() {
        let error = CommandError::Store("password authentication failed for user ruta".into());
        let (status, _, body) = answer(error.into()).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body["type"], "urn:ruta:problem:internal");
        assert!(!body.to_string().contains("password"));
    }

    #[tokio::test]
    async fn it_names_the_rule_and_the_field() {
        let (_, _, body) = answer(DomainError::rule("exam_already_passed", "done").into()).await;
        assert_eq!(body["rule"], "exam_already_passed");
        let (status, _, body) = answer(DomainError::invalid("email", "bad").into()).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("email"))
        );
    }
}

#[cfg(test)]
mod all_types {
    use super::ProblemType;

    /// The match is exhaustive: a new type fails to compile here until it is handled, and
    /// the assertion fails until it is in `ALL` (the OpenAPI enum of problem types).
    #[test]
    fn all_lists_every_type() {
        for kind in ProblemType::ALL {
            assert_eq!(
                ProblemType::ALL.iter().filter(|k| **k == kind).count(),
                1,
                "{kind:?} listed once"
            );
        }
        let listed = |kind: ProblemType| match kind {
            ProblemType::BadRequest
            | ProblemType::MalformedUri
            | ProblemType::UriTooLong
            | ProblemType::HeadersTooLarge
            | ProblemType::MalformedJson
            | ProblemType::UnsupportedMediaType
            | ProblemType::Validation
            | ProblemType::RuleBroken
            | ProblemType::NotFound
            | ProblemType::MethodNotAllowed
            | ProblemType::Conflict
            | ProblemType::Unauthorized
            | ProblemType::TokenExpired
            | ProblemType::TokenRevoked
            | ProblemType::TooManyRequests
            | ProblemType::Forbidden
            | ProblemType::BodyTooLarge
            | ProblemType::Unavailable
            | ProblemType::NotCaughtUp
            | ProblemType::Internal => ProblemType::ALL.contains(&kind),
        };
        for kind in [
            ProblemType::BadRequest,
            ProblemType::MalformedUri,
            ProblemType::UriTooLong,
            ProblemType::HeadersTooLarge,
            ProblemType::MalformedJson,
            ProblemType::UnsupportedMediaType,
            ProblemType::Validation,
            ProblemType::RuleBroken,
            ProblemType::NotFound,
            ProblemType::MethodNotAllowed,
            ProblemType::Conflict,
            ProblemType::Unauthorized,
            ProblemType::TokenExpired,
            ProblemType::TokenRevoked,
            ProblemType::TooManyRequests,
            ProblemType::Forbidden,
            ProblemType::BodyTooLarge,
            ProblemType::Unavailable,
            ProblemType::NotCaughtUp,
            ProblemType::Internal,
        ] {
            assert!(listed(kind), "{kind:?} missing from ProblemType::ALL");
        }
    }
}
