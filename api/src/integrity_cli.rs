//! `ruta verify`, `ruta migrate-store`, and the sealer that runs beside the server (see
//! `ruta_store::seal`).

use indicatif::{ProgressBar, ProgressStyle};
use ruta_projections::runtime::ShutdownSignal;
use ruta_store::verify::verify;
use ruta_store::Database;
use std::time::Duration;

/// How often the server seals what was appended since the last time.
const SEAL_EVERY: Duration = Duration::from_secs(1);

/// Walks the log and prints what it found. `Ok(false)` when something was altered, removed
/// or reordered (the caller exits non-zero).
///
/// # Errors
/// When the database fails.
pub async fn run_verify(db: &Database) -> anyhow::Result<bool> {
    let verification = verify(db).await?;
    let unsealed = verification.events.saturating_sub(verification.sealed);
    #[allow(clippy::print_stdout, clippy::print_stderr)]
    match &verification.finding {
        None => {
            println!(
                "ok: {} events in {} streams verified, {} of them in sealed order",
                verification.events, verification.streams, verification.sealed
            );
            if let Some(seal) = &verification.seal {
                println!("chain head (last seal): {seal}");
            }
            if unsealed > 0 {
                println!(
                    "{unsealed} events after the last seal are checked by their stream chains \
                     only: `ruta serve` seals them within a second"
                );
            }
        }
        Some(finding) => {
            eprintln!("TAMPERED: {finding}");
            eprintln!(
                "({} events before it verified; nothing after it was checked)",
                verification.events
            );
        }
    }
    Ok(verification.finding.is_none())
}

/// Seals what was appended, every [`SEAL_EVERY`], until `stop` is triggered.
pub(crate) async fn seal_until(db: Database, mut stop: ShutdownSignal) {
    loop {
        if let Err(error) = ruta_store::seal::seal_pending(&db).await {
            tracing::error!(%error, "sealing the log failed");
        }
        if stop.sleep(SEAL_EVERY).await {
            return;
        }
    }
}

/// Copies the log at `from` (SQLite) to the empty PostgreSQL database `to` with a progress
/// bar, verifies it there, then builds the read models there.
///
/// # Errors
/// When the copy is refused or fails (run it again to resume), or the copy does not verify.
#[allow(clippy::print_stdout)]
pub async fn migrate_store(
    from: &str,
    to: &str,
    search: &crate::settings::SearchSettings,
) -> anyhow::Result<()> {
    let source = crate::startup::connect(from).await?;
    // Events appended since the last seal are sealed first, so the copy carries them sealed.
    ruta_store::seal::seal_pending(&source).await?;
    let target = Database::connect(to).await?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} events copied ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let moved = ruta_store::transfer::transfer(
        &source,
        &target,
        ruta_store::transfer::BATCH,
        |copied, total| {
            bar.set_length(total);
            bar.set_position(copied);
        },
    )
    .await?;
    bar.finish_and_clear();
    source.close().await;
    let verification = verify(&target).await?;
    if let Some(finding) = verification.finding {
        anyhow::bail!("the copy does not verify: {finding}");
    }
    println!(
        "copied {} events ({} were there from an interrupted run) and {} tokens; the copy \
         verifies, chain head {}",
        moved.events,
        moved.resumed_from,
        moved.tokens,
        verification.seal.as_deref().unwrap_or("(none)")
    );
    target.close().await;
    crate::projections_cli::catch_up(to, search).await?;
    println!("read models built; start `ruta serve` with RUTA_DATABASE_URL set to the new store");
    Ok(())
}
