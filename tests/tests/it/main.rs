//! One test binary (links once): store and global-log contract tests on every backend, and
//! end-to-end tests against the real router on port 0.
//!
//! PostgreSQL tests run when `DATABASE_URL` is set, each in a fresh database. With
//! `RUTA_REQUIRE_POSTGRES=1` (set by `.ci/run`) a missing `DATABASE_URL` fails them instead.

mod support;

mod advice;
mod api;
mod architecture;
mod businesses;
mod events;
mod financing;
mod marketplace;
mod mentoring;
mod outreach;
mod participant;
mod projections;
mod replay;
mod store;
