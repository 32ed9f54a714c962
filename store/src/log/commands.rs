//! What the command side asks the log: the streams of one aggregate type, where a command id
//! was applied and what it appended, and a batch's read-ahead of command ids and streams.

use super::{GlobalLog, ReadError};
use crate::{with_pool, Database};

/// One stored event of a stream as a batch reads it ahead: aggregate type, aggregate id,
/// sequence, payload and metadata as JSON text.
pub type StreamRow = (String, String, i64, String, String);

/// One event a command appended: its sequence, global position and type.
pub type AppendedRow = (i64, i64, String);

impl GlobalLog {
    /// Ids of every aggregate of `aggregate_type`, oldest first.
    ///
    /// # Errors
    /// [`ReadError::Sql`].
    pub async fn aggregate_ids(&self, aggregate_type: &str) -> Result<Vec<String>, ReadError> {
        const SQL: &str = "SELECT aggregate_id FROM events \
             WHERE aggregate_type = $1 AND sequence = 1 ORDER BY global_position";
        Ok(with_pool!(self.database(), pool =>
            sqlx::query_scalar(SQL).bind(aggregate_type).fetch_all(pool).await?))
    }

    /// The aggregate (type, id) `command_id` was applied to, if it was.
    ///
    /// # Errors
    /// [`ReadError::Sql`].
    pub async fn command_target(
        &self,
        command_id: &str,
    ) -> Result<Option<(String, String)>, ReadError> {
        const SQL: &str =
            "SELECT aggregate_type, aggregate_id FROM command_ids WHERE command_id = $1";
        Ok(with_pool!(self.database(), pool =>
            sqlx::query_as(SQL).bind(command_id).fetch_optional(pool).await?))
    }

    /// The events `command_id` appended to one stream, in order.
    ///
    /// # Errors
    /// [`ReadError::Sql`].
    pub async fn events_of_command(
        &self,
        aggregate_type: &str,
        aggregate_id: &str,
        command_id: &str,
    ) -> Result<Vec<AppendedRow>, ReadError> {
        const SQL: &str = "SELECT sequence, global_position, event_type FROM events \
             WHERE aggregate_type = $1 AND aggregate_id = $2 AND metadata ->> 'command_id' = $3 \
             ORDER BY sequence";
        Ok(with_pool!(self.database(), pool =>
            sqlx::query_as(SQL).bind(aggregate_type).bind(aggregate_id).bind(command_id)
                .fetch_all(pool).await?))
    }

    /// Of `command_ids`, those already applied; and every stored event of the streams
    /// `aggregate_ids`, by stream and sequence. A list is bound as an array on PostgreSQL, as
    /// JSON on SQLite.
    ///
    /// # Errors
    /// [`ReadError::Sql`].
    pub async fn read_ahead(
        &self,
        command_ids: &[String],
        aggregate_ids: &[String],
    ) -> Result<(Vec<String>, Vec<StreamRow>), ReadError> {
        const PG_COMMANDS: &str =
            "SELECT command_id FROM command_ids WHERE command_id = ANY($1::text[])";
        const PG_STREAMS: &str = "SELECT aggregate_type, aggregate_id, sequence, payload::text, \
             metadata::text FROM events WHERE aggregate_id = ANY($1::text[]) \
             ORDER BY aggregate_type, aggregate_id, sequence";
        const SQLITE_COMMANDS: &str = "SELECT command_id FROM command_ids \
             WHERE command_id IN (SELECT value FROM json_each($1))";
        const SQLITE_STREAMS: &str = "SELECT aggregate_type, aggregate_id, sequence, payload, \
             metadata FROM events WHERE aggregate_id IN (SELECT value FROM json_each($1)) \
             ORDER BY aggregate_type, aggregate_id, sequence";
        match self.database() {
            Database::Postgres(pool, _) => Ok((
                sqlx::query_scalar(PG_COMMANDS)
                    .bind(command_ids)
                    .fetch_all(pool)
                    .await?,
                sqlx::query_as(PG_STREAMS)
                    .bind(aggregate_ids)
                    .fetch_all(pool)
                    .await?,
            )),
            Database::Sqlite(pool, _) => {
                let json = |items: &[String]| serde_json::to_string(items).unwrap_or_default();
                Ok((
                    sqlx::query_scalar(SQLITE_COMMANDS)
                        .bind(json(command_ids))
                        .fetch_all(pool)
                        .await?,
                    sqlx::query_as(SQLITE_STREAMS)
                        .bind(json(aggregate_ids))
                        .fetch_all(pool)
                        .await?,
                ))
            }
        }
    }
}
