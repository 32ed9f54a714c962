#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    /// A stored row that does not parse: the log was written by something else.
    #[error("unreadable event at position {position}: {reason}")]
    Corrupt { position: i64, reason: String },
    /// A projector refused or could not apply an event, or its checkpoint row is unreadable.
    #[error("projector {projector}: {reason}")]
    Projector { projector: String, reason: String },
    /// The search engine refused or lost a write or a query.
    #[error("search engine: {0}")]
    Search(#[from] crate::search::SearchError),
}

impl From<ruta_store::log::ReadError> for LogError {
    fn from(error: ruta_store::log::ReadError) -> Self {
        match error {
            ruta_store::log::ReadError::Sql(error) => Self::Sql(error),
            ruta_store::log::ReadError::Corrupt { position, reason } => {
                Self::Corrupt { position, reason }
            }
        }
    }
}
