//! `ruta backup PATH` and `ruta restore PATH`.
//!
//! SQLite: the backup is `VACUUM INTO` on a connection of its own — one read transaction, so it
//! is a consistent copy of the whole file while the server keeps writing (WAL readers never
//! block the writer) — and the restore is that file put in place of an empty store.
//! PostgreSQL: the backup is `pg_dump --format=custom` (one snapshot, also while the server
//! runs) and the restore `pg_restore` into an empty database; both need the PostgreSQL client
//! programs on the `PATH`. Either way the restored log is verified (`ruta verify`) before the
//! restore is called done, and read models are rebuilt from it by `ruta serve`.

use anyhow::{bail, Context};
use ruta_store::verify::verify;
use ruta_store::Database;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Writes a backup of the store at `url` to `path`, which must not exist yet.
///
/// # Errors
/// When `path` exists, the database fails or `pg_dump` is missing or fails.
pub async fn backup(url: &str, path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        bail!(
            "{} exists: a backup never overwrites a file",
            path.display()
        );
    }
    if is_postgres(url) {
        return run("pg_dump", &["--format=custom", "--file"], path, url).await;
    }
    let mut conn = SqliteConnectOptions::from_str(url)?
        .create_if_missing(false)
        .connect()
        .await
        .context("opening the SQLite store")?;
    sqlx::query("VACUUM INTO $1")
        .bind(path.to_string_lossy().into_owned())
        .execute(&mut conn)
        .await
        .context("VACUUM INTO")?;
    conn.close().await?;
    Ok(())
}

/// Restores the backup at `path` into the empty store at `url`, then verifies the log.
/// Returns the number of events restored.
///
/// # Errors
/// When the target holds events, the backup cannot be read or the restored log does not
/// verify (the finding is in the message).
pub async fn restore(url: &str, path: &Path) -> anyhow::Result<u64> {
    if !path.is_file() {
        bail!("{} is not a backup file", path.display());
    }
    let target = Database::connect(url).await?;
    target.migrate().await?;
    let events = ruta_store::log::GlobalLog::new(target.clone())
        .count()
        .await?;
    if events > 0 {
        bail!("the target store already holds {events} events: restore only into an empty store");
    }
    target.close().await;
    if is_postgres(url) {
        // `--clean` drops only what the dump recreates (the empty tables just migrated), and
        // one transaction means a restore cut short leaves the store as it was.
        let args = [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            url,
        ];
        run("pg_restore", &args, path, "").await?;
    } else {
        // Copied beside the store and renamed over it: a restore cut short leaves no half file.
        let file = sqlite_file(url)?;
        let partial = file.with_extension("restoring");
        std::fs::copy(path, &partial)
            .with_context(|| format!("copying {} beside {}", path.display(), file.display()))?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
        std::fs::rename(&partial, &file)?;
    }
    let restored = Database::connect(url).await?;
    restored.migrate().await?;
    let verification = verify(&restored).await?;
    restored.close().await;
    if let Some(finding) = verification.finding {
        bail!("the restored log does not verify: {finding}");
    }
    Ok(verification.events)
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

fn sqlite_file(url: &str) -> anyhow::Result<PathBuf> {
    Ok(SqliteConnectOptions::from_str(url)?
        .get_filename()
        .to_path_buf())
}

/// Runs a PostgreSQL client program with `args`, then `path` (and `url` as the last argument
/// unless empty); the URL goes in an argument, never in a log line.
async fn run(program: &str, args: &[&str], path: &Path, url: &str) -> anyhow::Result<()> {
    let mut command = tokio::process::Command::new(program);
    command.args(args).arg(path);
    if !url.is_empty() {
        command.arg(format!("--dbname={url}"));
    }
    let output = command
        .output()
        .await
        .with_context(|| format!("running {program} (install the PostgreSQL client programs)"))?;
    if !output.status.success() {
        bail!(
            "{program} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
