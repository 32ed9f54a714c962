#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    /// A stored row that does not parse: the log was written by something else.
    #[error("unreadable event at position {position}: {reason}")]
    Corrupt { position: i64, reason: String },
}
