//! The problem responses an operation can answer, as reusable sets for `responses(...)`.
//!
//! Each set names the statuses one cause produces (a credential, a JSON body, a looked-up
//! thing…), so an operation lists the causes it has and its document says exactly which
//! problems a client must handle. Every one is `application/problem+json` with the `Problem`
//! schema, as `crate::problem::ApiError` answers them.

use std::collections::BTreeMap;

use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::IntoResponses;

pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

fn set(entries: &[(&str, &str)]) -> BTreeMap<String, RefOr<Response>> {
    entries
        .iter()
        .map(|(status, description)| ((*status).to_owned(), problem(description)))
        .collect()
}

const UNAUTHORIZED: (&str, &str) = (
    "401",
    "`unauthorized`: no `Authorization: Bearer` token, or an unknown one",
);
const FORBIDDEN: (&str, &str) = (
    "403",
    "`forbidden`: the caller's role or identity may not do this",
);
const TOO_MANY: (&str, &str) = (
    "429",
    "`too-many-requests`: too many failed bearer attempts from this client; see `Retry-After`",
);
const INVALID: (&str, &str) = (
    "422",
    "`validation` (a field, parameter or header is invalid; `field` names it) or \
     `rule-broken` (a business rule refuses it; `rule` names it)",
);

/// A credential is required (401) and checked against a role or an owner (403); past the
/// limit of failed attempts a client is throttled (429).
#[derive(Debug)]
pub(crate) struct Restricted;

impl IntoResponses for Restricted {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[UNAUTHORIZED, FORBIDDEN, TOO_MANY])
    }
}

/// A credential is optional, but one that is sent must be valid (401; 429 past the limit of
/// failed attempts).
#[derive(Debug)]
pub(crate) struct OptionalCredential;

impl IntoResponses for OptionalCredential {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[UNAUTHORIZED, TOO_MANY])
    }
}

/// A JSON request body: wrong content type, too large, not JSON, or not the expected shape.
#[derive(Debug)]
pub(crate) struct JsonBodyErrors;

impl IntoResponses for JsonBodyErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[
            ("400", "`malformed-json`: the body is not JSON"),
            ("413", "`body-too-large`: the body exceeds the size limit"),
            (
                "415",
                "`unsupported-media-type`: the body is not sent as `application/json`",
            ),
            INVALID,
        ])
    }
}

/// A command: who sends it (401, 403), its envelope headers and rules (422), and a race lost
/// on every retry (409). Its JSON body, if any, adds [`JsonBodyErrors`].
#[derive(Debug)]
pub(crate) struct CommandErrors;

impl IntoResponses for CommandErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[
            UNAUTHORIZED,
            FORBIDDEN,
            TOO_MANY,
            (
                "409",
                "`conflict`: the resource kept changing while the command was applied; retry",
            ),
            INVALID,
        ])
    }
}

/// A query, path or header value that is checked (422).
#[derive(Debug)]
pub(crate) struct Invalid;

impl IntoResponses for Invalid {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[INVALID])
    }
}

/// The thing the path names, or one the request refers to, does not exist (or is not
/// visible to this caller).
#[derive(Debug)]
pub(crate) struct NotFound;

impl IntoResponses for NotFound {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[("404", "`not-found`: no such resource")])
    }
}

/// A dependency (the search engine, the store) does not answer, or a read asked to wait for
/// a log position its read model did not reach in time.
#[derive(Debug)]
pub(crate) struct Unavailable;

impl IntoResponses for Unavailable {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[(
            "503",
            "`unavailable` (a dependency does not answer) or `not-caught-up` \
             (the read model has not reached the requested position yet); retry",
        )])
    }
}
