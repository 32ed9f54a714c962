//! The event-store database: PostgreSQL in production, an SQLite file by default.
//!
//! [`Database::connect`] picks the backend from the URL scheme, creates an SQLite file (and its
//! folder) on first start, and [`Database::migrate`] applies the embedded SQL migrations from
//! `migrations/postgres` or `migrations/sqlite`. Applying them twice applies nothing.

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use std::str::FromStr;
use std::time::Duration;
mod pool_stats;
pub use pool_stats::PoolStat;

/// The default store: an SQLite file under `./ruta-data`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./ruta-data/ruta.db";

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// A connection pool to one of the two supported backends.
#[derive(Debug, Clone)]
pub enum Database {
    Postgres(PgPool),
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
            Ok(Self::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true);
            if let Some(folder) = options.get_filename().parent() {
                if !folder.as_os_str().is_empty() {
                    std::fs::create_dir_all(folder)?;
                }
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            Ok(Self::Sqlite(pool))
        } else {
            Err(StoreError::UnsupportedUrl(redact(url)))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Postgres(_) => Backend::Postgres,
            Self::Sqlite(_) => Backend::Sqlite,
        }
    }

    /// Applies pending migrations and returns how many were applied.
    ///
    /// # Errors
    /// [`StoreError::Migrate`] when a migration fails or an applied one was edited.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        let before = self.applied_migrations().await?;
        match self {
            Self::Postgres(pool) => sqlx::migrate!("./postgres").run(pool).await?,
            Self::Sqlite(pool) => sqlx::migrate!("./sqlite").run(pool).await?,
        }
        let after = self.applied_migrations().await?;
        let applied = after.saturating_sub(before);
        tracing::info!(applied, "migrations up to date");
        Ok(applied)
    }

    async fn applied_migrations(&self) -> Result<usize, StoreError> {
        let count: Result<i64, sqlx::Error> = match self {
            Self::Postgres(pool) => {
                sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success")
                    .fetch_one(pool)
                    .await
            }
            Self::Sqlite(pool) => {
                sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success")
                    .fetch_one(pool)
                    .await
            }
        };
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
        match self {
            Self::Postgres(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
            Self::Sqlite(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
        }
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Self::Postgres(pool) => pool.close().await,
            Self::Sqlite(pool) => pool.close().await,
        }
    }
}

/// Runs `$body` with `$pool` bound to the PostgreSQL or the SQLite pool of `$db`.
///
/// SQL shared by both arms uses `$1`-style placeholders, which sqlx accepts on SQLite too.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Database::Postgres($pool) => $body,
            $crate::Database::Sqlite($pool) => $body,
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
