//! The read side: the runtime that keeps read models up to date from the global log (read
//! through `ruta_store::log`), the SQL read models, and the search catalogues with their
//! engines.

pub mod catalogues;
mod error;
pub mod read_models;
pub mod runtime;
pub mod search;

pub use error::LogError;
