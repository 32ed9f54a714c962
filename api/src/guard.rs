//! What every request and response passes through, whichever route it reaches.
//!
//! In: each path segment must decode (percent-encoding, UTF-8) and fit the id grammar — route
//! words and ids alike fit it, so a segment that does not names nothing (404) — and the
//! query string may hold no control characters. Out: every error is a problem document
//! (axum's own rejections and fallbacks included), and every response carries the security
//! headers.

use axum::extract::Request;
use axum::http::header::{
    HeaderName, HeaderValue, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ruta_domain::input;

use crate::problem::{ApiError, ProblemType};

/// The policy of every response that sets none of its own: nothing may be loaded, nothing
/// may frame it. The HTML report sets a wider one (see `routes::reports`).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Sent on every response, hyper's own error answers included (see `hyper_errors`); a route
/// may set a content security policy of its own.
pub(crate) const SECURITY_HEADERS: [(HeaderName, &str); 3] = [
    (X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (X_FRAME_OPTIONS, "DENY"),
    (CONTENT_SECURITY_POLICY, DEFAULT_CSP),
];

/// Refuses a URI before any route sees it: 400 when it cannot be decoded, 404 when a path
/// segment lies outside the id grammar, 422 when the query holds a control character.
pub(crate) async fn refuse_hostile_uris(request: Request, next: Next) -> Response {
    match check_uri(request.uri().path(), request.uri().query()) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

fn check_uri(path: &str, query: Option<&str>) -> Result<(), ApiError> {
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let decoded = percent_decode(segment, false)?;
        if !input::is_id(&decoded) {
            return Err(ApiError::new(
                ProblemType::NotFound,
                format!(
                    "no resource has this path: each step of a path (an id) is {}",
                    input::ID_GRAMMAR
                ),
            ));
        }
    }
    for pair in query.unwrap_or_default().split('&') {
        let text = percent_decode(pair, true)?;
        if text.chars().any(char::is_control) {
            return Err(ApiError::validation(
                "query",
                "query: may hold no control characters",
            ));
        }
    }
    Ok(())
}

/// Decodes `%XX` escapes (and `+` as a space in a query) into UTF-8 text.
fn percent_decode(text: &str, plus_is_space: bool) -> Result<String, ApiError> {
    let malformed = || {
        ApiError::new(
            ProblemType::MalformedUri,
            "the URI holds a malformed percent-escape or bytes that are not UTF-8",
        )
    };
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'%' => {
                let hex = bytes.get(at + 1..at + 3).ok_or_else(malformed)?;
                let hex = std::str::from_utf8(hex).map_err(|_| malformed())?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| malformed())?);
                at += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                at += 1;
            }
            b => {
                out.push(b);
                at += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| malformed())
}

/// Turns any error response that is not a problem document (axum's rejections, a 405 from a
/// nested router…) into one with the same status, and adds the security headers to every
/// response.
pub(crate) async fn problem_errors_and_security_headers(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let mut response = if is_bare_error(&response) {
        problem_for(response.status())
    } else {
        response
    };
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        if name != CONTENT_SECURITY_POLICY || !headers.contains_key(CONTENT_SECURITY_POLICY) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

fn is_bare_error(response: &Response) -> bool {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"));
    (status.is_client_error() || status.is_server_error()) && !is_problem
}

fn problem_for(status: StatusCode) -> Response {
    let kind = match status {
        StatusCode::BAD_REQUEST => ProblemType::BadRequest,
        StatusCode::NOT_FOUND => ProblemType::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ProblemType::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ProblemType::BodyTooLarge,
        StatusCode::URI_TOO_LONG => ProblemType::UriTooLong,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ProblemType::UnsupportedMediaType,
        StatusCode::UNPROCESSABLE_ENTITY => ProblemType::Validation,
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ProblemType::HeadersTooLarge,
        s if s.is_client_error() => ProblemType::BadRequest,
        _ => ProblemType::Internal,
    };
    // The original body may quote the request (axum's rejections do); it is not echoed.
    let mut response =
        ApiError::new(kind, status.canonical_reason().unwrap_or("error")).into_response();
    *response.status_mut() = status;
    response
}

/// A response body for tests of this module.
#[cfg(test)]
async fn body_of(response: Response<axum::body::Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_decodes_paths_and_refuses_what_names_nothing() {
        assert!(check_uri("/api/v1/participants/d2013-p0001/journey", None).is_ok());
        assert!(check_uri("/api/v1/commands:batch", Some("a=b&c=d+e%20f")).is_ok());
        let kind = |path: &str, query: Option<&str>| check_uri(path, query).map_err(|e| e.kind());
        assert_eq!(
            kind("/api/v1/participants/%ff%fe", None),
            Err(ProblemType::MalformedUri)
        );
        assert_eq!(
            kind("/api/v1/courses/a%0", None),
            Err(ProblemType::MalformedUri)
        );
        assert_eq!(
            kind("/api/v1/courses/a%00b", None),
            Err(ProblemType::NotFound)
        );
        assert_eq!(
            kind("/api/v1/courses/..%2F..%2Fetc%2Fpasswd", None),
            Err(ProblemType::NotFound)
        );
        assert_eq!(
            kind("/api/v1/search/courses", Some("q=a%00b")),
            Err(ProblemType::Validation)
        );
    }

    #[tokio::test]
    async fn it_turns_a_bare_error_into_a_problem() {
        let response = problem_for(StatusCode::URI_TOO_LONG);
        assert_eq!(response.status(), StatusCode::URI_TOO_LONG);
        assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
        assert!(body_of(response)
            .await
            .contains("urn:ruta:problem:uri-too-long"));
    }
}
