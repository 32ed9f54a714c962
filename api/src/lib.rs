//! Ruta's HTTP API (axum) and the pieces of the `ruta` binary.
//!
//! [`startup::router`] is the whole HTTP surface; [`startup::Application`] binds it to a
//! socket after connecting to and migrating the event store.

pub mod auth;
mod auth_throttle;
pub mod backup_cli;
pub mod catalogue;
pub mod demo_cli;
pub mod export_cli;
mod extract;
mod guard;
mod hyper_errors;
pub mod import_file;
pub mod integrity_cli;
mod openapi;
mod problem;
pub mod projections_cli;
pub mod report_cli;
mod routes;
mod search_watch;
pub mod settings;
pub mod startup;
mod state;
mod telemetry_metrics;
pub mod token_admin;
pub mod token_lifetime;

pub use settings::Settings;
pub use startup::{router, Application};
pub use state::AppState;
