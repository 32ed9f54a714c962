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
