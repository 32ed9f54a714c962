//! One test binary (links once): store and global-log contract tests on every backend, and
//! end-to-end tests against the real router on port 0.
//!
//! PostgreSQL tests run when `DATABASE_URL` is set, each in a fresh database. With
//! `RUTA_REQUIRE_POSTGRES=1` (set by `.ci/run`) a missing `DATABASE_URL` fails them instead.

mod http;
mod support;

mod api_advice;
mod api_advice_import;
mod api_businesses;
mod api_errors;
mod api_events;
mod api_events_rules;
mod api_financing;
mod api_financing_helpers;
mod api_input_limits;
mod api_job_postings;
mod api_journey;
mod api_marketplace;
mod api_marketplace_orders;
mod api_mentoring;
mod api_mentoring_commands;
mod api_metrics;
mod api_openapi;
mod api_outreach;
mod api_outreach_rules;
mod api_projections;
mod api_raw_http;
mod api_search;
mod api_search_rebuild;
mod api_tokens;
mod api_tokens_experts;
mod api_tokens_legacy;
mod api_tokens_throttle;
mod architecture;
mod business_time;
mod catalogue;
mod catalogue_fixtures;
mod catalogue_projector;
mod catalogue_retry;
mod demo;
mod demo_figures;
mod demo_report;
mod engines;
mod global_log;
mod import;
mod import_batches;
mod journey_filters;
mod log_horizon;
mod programme_journey;
mod projector;
mod projector_fixtures;
mod projector_flush_poison;
mod replay_definitions;
mod replay_fixture;
mod replay_report;
mod report_escaping;
mod report_http;
mod search_contract;
mod search_engine_trouble;
mod store_contract;
mod write_load;
