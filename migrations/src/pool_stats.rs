//! How many connections each pool of the store holds, and how many of them are idle: what the
//! metrics scrape reports as `ruta_store_pool_connections`.

use crate::Database;

/// One connection pool of the store at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStat {
    /// A stable name for the pool (a metric label): `postgres` or `sqlite`.
    pub pool: &'static str,
    /// Connections open, in use or idle.
    pub size: u32,
    /// Open connections nobody holds.
    pub idle: u32,
}

impl Database {
    /// Every pool this store draws connections from (today one per backend).
    pub fn pool_stats(&self) -> Vec<PoolStat> {
        let (pool, size, idle) = match self {
            Self::Postgres(pool) => ("postgres", pool.size(), pool.num_idle()),
            Self::Sqlite(pool) => ("sqlite", pool.size(), pool.num_idle()),
        };
        vec![PoolStat {
            pool,
            size,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
        }]
    }
}
