//! The event-store database: PostgreSQL in production, an SQLite file by default.
//!
//! [`Database::connect`] picks the backend from the URL scheme, creates an SQLite file (and its
//! folder) on first start, and [`Database::migrate`] applies the embedded SQL migrations from
//! `migrations/postgres` or `migrations/sqlite`. Applying them twice applies nothing.

mod append;
mod backfill;
pub mod chain;
mod group_commit;
pub mod log;
mod pool_stats;
pub mod seal;
pub mod transfer;
pub mod verify;

pub use append::{Appended, Commit, NewEvent};
pub use pool_stats::PoolStat;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

use group_commit::GroupCommit;

/// The default store: an SQLite file under `./ruta-data`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./ruta-data/ruta.db";

/// Connections that only read the SQLite file. WAL readers never wait for the writer.
const SQLITE_READERS: u32 = 8;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL (expected postgres://… or sqlite://…): {0}")]
    UnsupportedUrl(String),
    #[error("cannot create the folder for the SQLite file: {0}")]
    Folder(#[from] std::io::Error),
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The commit task is gone (its runtime shut down): nothing of the commit was written.
    #[error("the event store's commit task stopped")]
    CommitTaskGone,
    /// The transaction shared by a group of commits failed: none of them was written.
    #[error("database error: {0}")]
    Group(String),
    /// The last sealed event is no longer in the log: it was removed behind the store's back.
    #[error("the sealed event at position {0} is gone from the log: run `ruta verify`")]
    SealedEventGone(i64),
    #[error(transparent)]
    Read(#[from] log::ReadError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// The way to the event store: pools for reading and the one way to write events.
///
/// On SQLite, the first pool only reads (`query_only`) and every write goes through one
/// writer connection ([`Writer`]): SQLite admits one writer at a time, and with writers
/// spread over a pool a transaction holding the lock could wait for a pool connection that
/// another writer, itself waiting for the lock, holds — the stall seen under load. On
/// PostgreSQL reads and writes share one pool.
#[derive(Debug, Clone)]
pub enum Database {
    Postgres(PgPool, Writer),
    Sqlite(SqlitePool, Writer),
}

/// Where writes go, and the group commit of appended events.
#[derive(Debug, Clone)]
pub struct Writer {
    pool: WritePool,
    group: GroupCommit,
}

/// The pool a write transaction is begun on.
#[derive(Debug, Clone)]
pub enum WritePool {
    Postgres(PgPool),
    /// One connection: holding it is holding SQLite's write lock.
    Sqlite(SqlitePool),
}

impl Database {
    /// Connects to `url` (`postgres://…`, `postgresql://…` or `sqlite://…`).
    ///
    /// # Errors
    /// [`StoreError`] when the URL is not supported or the database cannot be reached.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            let writer = Writer::new(WritePool::Postgres(pool.clone()));
            Ok(Self::Postgres(pool, writer))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // Every commit reaches the disk before it is answered; group commit makes
                // that one fsync per batch of commands rather than per command.
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true);
            if let Some(folder) = options.get_filename().parent() {
                if !folder.as_os_str().is_empty() {
                    std::fs::create_dir_all(folder)?;
                }
            }
            // The writer first: it creates the file and switches it to WAL.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(60))
                // Whoever used the writer last may have relaxed durability for a read-model
                // batch (see `relax_durability`): the next user starts with full durability.
                .after_release(|conn, _| {
                    Box::pin(async move {
                        sqlx::query("PRAGMA synchronous = FULL")
                            .execute(conn)
                            .await?;
                        Ok(true)
                    })
                })
                .connect_with(options.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(SQLITE_READERS)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.pragma("query_only", "ON"))
                .await?;
            let writer = Writer::new(WritePool::Sqlite(write));
            Ok(Self::Sqlite(read, writer))
        } else {
            Err(StoreError::UnsupportedUrl(redact(url)))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Postgres(..) => Backend::Postgres,
            Self::Sqlite(..) => Backend::Sqlite,
        }
    }

    /// The pool to begin write transactions on (see [`Database`]).
    pub fn write_pool(&self) -> &WritePool {
        match self {
            Self::Postgres(_, writer) | Self::Sqlite(_, writer) => &writer.pool,
        }
    }

    fn writer(&self) -> &Writer {
        match self {
            Self::Postgres(_, writer) | Self::Sqlite(_, writer) => writer,
        }
    }

    /// Appends one command's events, committed together with whatever other commands are
    /// waiting at that moment (group commit), each checked on its own: a conflict on one
    /// aggregate fails that commit only.
    ///
    /// # Errors
    /// [`StoreError`] when the database fails this commit.
    pub async fn append(&self, commit: Commit) -> Result<Appended, StoreError> {
        self.writer()
            .group
            .append(&self.writer().pool, commit)
            .await
    }

    /// Appends many commits in one transaction: all of them or none.
    ///
    /// # Errors
    /// [`StoreError`] when the database fails; nothing is written then.
    pub async fn append_all(&self, commits: Vec<Commit>) -> Result<Appended, StoreError> {
        append::append_all(&self.writer().pool, &commits).await
    }

    /// Applies pending migrations and returns how many were applied; then gives events
    /// written before the hash chain their chain hash (once; see [`chain`]).
    ///
    /// # Errors
    /// [`StoreError::Migrate`] when a migration fails or an applied one was edited.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        let before = self.applied_migrations().await?;
        match self.write_pool() {
            WritePool::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await?,
            WritePool::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
        }
        backfill::hash_unhashed(self).await?;
        let after = self.applied_migrations().await?;
        let applied = after.saturating_sub(before);
        tracing::info!(applied, "migrations up to date");
        Ok(applied)
    }

    async fn applied_migrations(&self) -> Result<usize, StoreError> {
        const SQL: &str = "SELECT count(*) FROM _sqlx_migrations WHERE success";
        let count: Result<i64, sqlx::Error> =
            with_pool!(self, pool => sqlx::query_scalar(SQL).fetch_one(pool).await);
        match count {
            Ok(n) => Ok(usize::try_from(n).unwrap_or(0)),
            // The bookkeeping table does not exist before the first migration.
            Err(sqlx::Error::Database(_)) => Ok(0),
            Err(other) => Err(other.into()),
        }
    }

    /// Checks the database answers.
    ///
    /// # Errors
    /// [`StoreError::Sql`] when it does not.
    pub async fn ping(&self) -> Result<(), StoreError> {
        with_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Self::Postgres(pool, _) => pool.close().await,
            Self::Sqlite(read, writer) => {
                read.close().await;
                if let WritePool::Sqlite(write) = &writer.pool {
                    write.close().await;
                }
            }
        }
    }
}

/// Makes the SQLite transaction on `conn` commit without waiting for the disk
/// (`synchronous = NORMAL` in WAL mode): for read-model batches, whose checkpoint commits with
/// them, so a batch lost to a power cut is applied again from the log. A process killed
/// loses nothing either way; events are always appended with full durability.
///
/// # Errors
/// The database's error.
pub async fn relax_durability(conn: &mut sqlx::SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA synchronous = NORMAL")
        .execute(conn)
        .await
        .map(|_| ())
}

impl Writer {
    fn new(pool: WritePool) -> Self {
        Self {
            pool,
            group: GroupCommit::default(),
        }
    }
}

/// Runs `$body` with `$pool` bound to the PostgreSQL pool or the SQLite *reading* pool of
/// `$db`. Writes go through [`Database::write_pool`] (see [`with_write_pool!`]).
///
/// SQL shared by both arms uses `$1`-style placeholders, which sqlx accepts on SQLite too.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Database::Postgres($pool, _) => $body,
            $crate::Database::Sqlite($pool, _) => $body,
        }
    };
}

/// Runs `$body` with `$pool` bound to the pool writes of `$db` go through.
#[macro_export]
macro_rules! with_write_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db.write_pool() {
            $crate::WritePool::Postgres($pool) => $body,
            $crate::WritePool::Sqlite($pool) => $body,
        }
    };
}

/// Runs `$body` in a transaction begun on the pool writes of `$db` go through (on SQLite
/// `BEGIN IMMEDIATE`, so its first write cannot meet another process's lock half-way), with
/// `$tx` bound to it, and commits it. `$body` is the same code on both backends; `?` inside
/// it and on begin and commit returns the caller's error (it must convert `sqlx::Error`).
#[macro_export]
macro_rules! in_write_transaction {
    ($db:expr, $tx:ident => $body:expr) => {
        match $db.write_pool() {
            $crate::WritePool::Postgres(pool) => {
                let mut $tx = pool.begin().await?;
                $body;
                $tx.commit().await?;
            }
            $crate::WritePool::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                $body;
                $tx.commit().await?;
            }
        }
    };
}

/// A URL without its password, fit for an error message or a log line.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn it_hides_passwords_in_urls() {
        assert_eq!(
            redact("postgres://ruta:s3cret@db:5432/ruta"),
            "postgres://ruta:***@db:5432/ruta"
        );
        assert_eq!(redact("sqlite://./x.db"), "sqlite://./x.db");
    }
}
