//! The OpenAPI document, generated from the handlers' annotations and served as JSON.

mod params;
pub(crate) mod responses;
pub(crate) mod search_params;

use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ObjectBuilder, Type};
use utoipa::{Modify, OpenApi, ToSchema};

pub(crate) use params::CommandHeaders;

use crate::problem::ProblemType;
use crate::routes::{
    advice, batch, businesses, certificates, community, courses, enrolments, experts, financing,
    health, job_postings, journey, listings, mentors, mentorships, orders, outreach, participants,
    programme_events, projections, reports, scrape, search, tokens,
};

/// An `application/problem+json` error (RFC 9457).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Problem {
    /// Stable: `urn:ruta:problem:<slug>`.
    #[serde(rename = "type")]
    #[schema(schema_with = problem_types)]
    pub kind: String,
    pub title: String,
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    pub detail: String,
    /// The offending field, parameter or header, for validation problems.
    pub field: Option<String>,
    /// The broken business rule, for rule-broken problems.
    pub rule: Option<String>,
    /// A refused batch: why each item was refused.
    pub errors: Option<Vec<ProblemItem>>,
    /// `not-caught-up`: the log position the read waited for.
    pub position: Option<i64>,
}

/// One refused item of a batch.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ProblemItem {
    pub index: usize,
    pub reason: String,
}

fn problem_types() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(
            ProblemType::ALL
                .iter()
                .map(|kind| format!("urn:ruta:problem:{}", kind.slug())),
        ))
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
        health::healthz, health::readyz, scrape::metrics,
        participants::register, participants::read, participants::update,
        participants::give_consent, participants::withdraw_consent,
        participants::declare_self_employment, journey::journey, journey::export,
        courses::create, courses::list, courses::read, courses::update,
        courses::publish, courses::retire,
        enrolments::enrol, enrolments::read, enrolments::record_progress,
        enrolments::sit_exam, enrolments::withdraw,
        certificates::verify,
        tokens::issue, tokens::list, tokens::revoke,
        batch::batch,
        mentors::register, mentors::list, mentors::read, mentors::update, mentors::retire,
        mentorships::request, mentorships::read, mentorships::accept, mentorships::decline,
        mentorships::log_session, mentorships::set_goal, mentorships::achieve_goal,
        mentorships::close,
        experts::register, experts::list, experts::read, experts::update, experts::retire,
        advice::create_group, advice::list_groups, advice::read_group, advice::join_group,
        advice::ask, advice::answer_in_group, advice::request_advice, advice::list_requests,
        advice::read_request, advice::answer_request, advice::close_request,
        programme_events::schedule, programme_events::list, programme_events::read,
        programme_events::register, programme_events::hold, programme_events::cancel,
        outreach::create_campaign, outreach::read_campaign, outreach::record_reach,
        outreach::send_newsletter, outreach::read_newsletter,
        community::post_news, community::list_news, community::read_news,
        community::establish_network, community::list_networks, community::read_network,
        community::join_network,
        financing::open, financing::read, financing::assess_needs, financing::recommend_channel,
        financing::certify_project, financing::submit_request, financing::approve,
        financing::reject, financing::record_funds, financing::record_follow_up,
        businesses::create, businesses::read, businesses::record_jobs, businesses::form_b2b,
        businesses::restructure, businesses::close,
        job_postings::post_job, job_postings::read, job_postings::apply, job_postings::fill,
        job_postings::close,
        listings::create, listings::read, listings::update, listings::change_price,
        listings::publish, listings::close,
        orders::place, orders::read, orders::mark_paid, orders::fulfil, orders::cancel,
        projections::status,
        search::courses, search::listings, search::mentors,
        reports::final_report,
    ),
    components(schemas(Problem, ProblemItem, ruta_commands::app::AppCommand))
)]
pub(crate) struct ApiDoc;
