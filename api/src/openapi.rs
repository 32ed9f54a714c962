//! The OpenAPI document, generated from the handlers' annotations and served as JSON.

use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::routes::{
    certificates, courses, enrolments, health, listings, orders, participants, tokens,
};

/// An `application/problem+json` error.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Stable: `urn:ruta:problem:<slug>`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The offending field, for validation problems.
    pub field: Option<String>,
    /// The broken business rule, for rule-broken problems.
    pub rule: Option<String>,
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(Debug, OpenApi)]
#[openapi(
    info(title = "Ruta API", description = "Event-sourced backend for entrepreneurship-support programmes."),
    modifiers(&BearerAuth),
    paths(
        health::healthz, health::readyz,
        participants::register, participants::read, participants::update,
        participants::give_consent, participants::withdraw_consent,
        participants::declare_self_employment, participants::journey,
        courses::create, courses::list, courses::read, courses::update,
        courses::publish, courses::retire,
        enrolments::enrol, enrolments::read, enrolments::record_progress,
        enrolments::sit_exam, enrolments::withdraw,
        certificates::verify,
        tokens::issue,
        listings::create, listings::read, listings::update, listings::change_price,
        listings::publish, listings::close,
        orders::place, orders::read, orders::mark_paid, orders::fulfil, orders::cancel,
    ),
    components(schemas(Problem))
)]
pub struct ApiDoc;
