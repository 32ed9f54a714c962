//! What can go wrong when executing a command.

use ruta_domain::DomainError;

/// A command that was not applied. Nothing was appended in any case.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The domain refused the command (validation, business rule, unknown target).
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The command's JSON does not fit its type (import lines and batches).
    #[error("{field}: {message}")]
    BadPayload { field: String, message: String },
    /// Other writers kept changing the aggregate; the command may be retried.
    #[error("the aggregate was changed concurrently; retry the command")]
    Conflict,
    /// A dry run stopped before appending (see `Executor::dry_run`).
    #[error("dry run: the command was checked, not executed")]
    DryRun,
    /// The store failed; the message is for logs, never for clients.
    #[error("event store failure: {0}")]
    Store(String),
}

impl CommandError {
    pub(crate) fn store(error: impl std::fmt::Display) -> Self {
        Self::Store(error.to_string())
    }
}

impl From<sqlx::Error> for CommandError {
    fn from(error: sqlx::Error) -> Self {
        Self::store(error)
    }
}
