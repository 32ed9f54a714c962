//! Connections of the store's pools, for the metrics endpoint.

use crate::{Database, WritePool};

/// One pool's connections: open ones, and how many of them are idle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolStat {
    pub pool: &'static str,
    pub size: u32,
    pub idle: u32,
}

impl Database {
    /// Every pool of the store: `postgres`, or `sqlite_read` and `sqlite_write`.
    pub fn pool_stats(&self) -> Vec<PoolStat> {
        fn stat<DB: sqlx::Database>(pool: &'static str, of: &sqlx::Pool<DB>) -> PoolStat {
            PoolStat {
                pool,
                size: of.size(),
                idle: u32::try_from(of.num_idle()).unwrap_or(u32::MAX),
            }
        }
        match (self, self.write_pool()) {
            (Database::Postgres(pool, _), _) => vec![stat("postgres", pool)],
            (Database::Sqlite(read, _), WritePool::Sqlite(write)) => {
                vec![stat("sqlite_read", read), stat("sqlite_write", write)]
            }
            (Database::Sqlite(read, _), WritePool::Postgres(_)) => vec![stat("sqlite_read", read)],
        }
    }
}
