//! How much the log holds: for progress bars, summaries and the demo's "already loaded?".

use std::collections::BTreeMap;

use super::{GlobalLog, ReadError};
use crate::with_pool;

impl GlobalLog {
    /// Every event stored, final or not.
    ///
    /// # Errors
    /// [`ReadError::Sql`].
    pub async fn count(&self) -> Result<u64, ReadError> {
        const SQL: &str = "SELECT count(*) FROM events";
        let count: i64 = with_pool!(self.database(), pool =>
            sqlx::query_scalar(SQL).fetch_one(pool).await?);
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Distinct aggregates whose id starts with `prefix`, by aggregate type.
    ///
    /// # Errors
    /// [`ReadError::Sql`].
    pub async fn aggregates_by_type(
        &self,
        prefix: &str,
    ) -> Result<BTreeMap<String, u64>, ReadError> {
        const SQL: &str = "SELECT aggregate_type, count(DISTINCT aggregate_id) FROM events \
             WHERE aggregate_id LIKE $1 GROUP BY aggregate_type";
        let pattern = format!("{prefix}%");
        let rows: Vec<(String, i64)> = with_pool!(self.database(), pool =>
            sqlx::query_as(SQL).bind(&pattern).fetch_all(pool).await?);
        Ok(rows
            .into_iter()
            .map(|(kind, n)| (kind, u64::try_from(n).unwrap_or(0)))
            .collect())
    }
}
