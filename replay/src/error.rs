use ruta_store::log::ReadError;

/// A definition (indicators or targets TOML) that cannot be used, with where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct DefinitionError {
    /// 1-based line in the file.
    pub line: usize,
    pub message: String,
}

impl DefinitionError {
    /// The error at byte `offset` of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let end = offset.min(text.len());
        let line = text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Self {
            line,
            message: message.into(),
        }
    }
}

/// Why a replay or report could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error(transparent)]
    Log(#[from] ReadError),
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    /// An event whose envelope does not parse (a timestamp, typically).
    #[error("unreadable event at position {position}: {reason}")]
    Corrupt { position: i64, reason: String },
    #[error(transparent)]
    Definition(#[from] DefinitionError),
    /// The task reading the log ahead was cancelled (the runtime is shutting down).
    #[error("the log reader stopped: {0}")]
    Reader(String),
    /// The report could not be rendered (a chart could not be drawn).
    #[error("rendering the report: {0}")]
    Render(String),
    /// The export could not be written.
    #[error("writing the export: {0}")]
    Write(#[from] std::io::Error),
}
