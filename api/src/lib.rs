//! Ruta's HTTP API (axum) and the pieces of the `ruta` binary.
//!
//! [`startup::router`] is the whole HTTP surface; [`startup::Application`] binds it to a
//! socket after connecting to and migrating the event store.

pub mod auth;
pub mod auth_throttle;
pub mod catalogue;
pub mod demo_cli;
pub mod extract;
pub mod guard;
pub mod hyper_errors;
pub mod import_file;
pub mod openapi;
pub mod problem;
pub mod projections_cli;
pub mod report_cli;
pub mod routes;
pub mod search_watch;
pub mod settings;
pub mod startup;
pub mod state;
pub mod telemetry_metrics;
pub mod token_admin;
pub mod token_lifetime;

pub use settings::Settings;
pub use startup::{router, Application};
pub use state::AppState;
