//! `ruta project` (a worker process that only runs projectors) and `ruta projections
//! status|rebuild`.

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use ruta_projections::runtime::{
    projector_status, rebuild, ProjectorRunner, RunnerConfig, Shutdown, SqlProjector,
};
use ruta_store::Database;
use std::sync::Arc;
use std::time::Instant;

use ruta_projections::catalogues::{built_into, CatalogueSearch, CATALOGUES};

use crate::search_watch::{self, EngineHealth};
use crate::settings::SearchSettings;
use crate::startup::open_store;

/// The event store and the search engine: what the projectors read and write.
#[derive(Debug, Clone, Args)]
pub struct ReadModelSettings {
    #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
          hide_env_values = true)]
    pub database_url: String,
    #[command(flatten)]
    pub search: SearchSettings,
}

/// The SQL read models and the catalogues on `catalogues`' engine.
fn every_projector(catalogues: &CatalogueSearch) -> Vec<Arc<dyn SqlProjector>> {
    let mut projectors = ruta_projections::read_models::all();
    projectors.extend(catalogues.projectors());
    projectors
}

/// Says so before a rebuild moves a catalogue to this process's engine while the live one is
/// in another: a server on that engine will rebuild it back.
#[allow(clippy::print_stdout)]
async fn warn_if_built_elsewhere(
    db: &Database,
    catalogues: &CatalogueSearch,
    name: &str,
) -> anyhow::Result<()> {
    if !CATALOGUES.contains(&name) {
        return Ok(());
    }
    let live = ruta_projections::runtime::live_generation(db, name).await?;
    let here = catalogues.engine().identity();
    if let Some(holder) = built_into(db, name, live).await?.filter(|h| *h != here) {
        println!(
            "warning: {name} generation {live} lives in {holder}; this rebuild writes to {here}. \
             A server on {holder} will rebuild it there again (set RUTA_MEILI_URL / \
             RUTA_INDEX_DIR as the server does to rebuild its engine)."
        );
    }
    Ok(())
}

/// Runs every projector until Ctrl-C or SIGTERM (each finishes its batch first). With
/// several workers on PostgreSQL, each projector runs in one of them at a time.
///
/// # Errors
/// When the store or the engine cannot be opened.
pub async fn run_worker(settings: &ReadModelSettings) -> anyhow::Result<()> {
    let (db, catalogues) = open_store(&settings.database_url, &settings.search).await?;
    let projectors = every_projector(&catalogues);
    let runner = ProjectorRunner::new(db.clone(), projectors);
    let shutdown = Shutdown::new();
    let signal = shutdown.signal();
    let running = tokio::spawn(async move { runner.run(signal).await });
    let health = EngineHealth::default();
    let prepared = search_watch::first_look(&db, &catalogues, &health).await;
    let watching = tokio::spawn(search_watch::watch(
        db.clone(),
        catalogues,
        health,
        prepared,
        shutdown.signal(),
    ));
    tracing::info!("projector worker running; Ctrl-C stops it");
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    shutdown.trigger();
    watching.abort();
    let exits = running.await.context("the projector runner died")?;
    tracing::info!(?exits, "projectors stopped");
    db.close().await;
    Ok(())
}

/// Runs every projector on the store at `database_url` until it has caught up with the log.
///
/// # Errors
/// When the store or the engine cannot be opened.
pub async fn catch_up(
    database_url: &str,
    search: &crate::settings::SearchSettings,
) -> anyhow::Result<()> {
    let (db, catalogues) = open_store(database_url, search).await?;
    let health = EngineHealth::default();
    search_watch::first_look(&db, &catalogues, &health).await;
    let exits = ProjectorRunner::new(db.clone(), every_projector(&catalogues))
        .catch_up()
        .await;
    tracing::info!(?exits, "read models caught up");
    db.close().await;
    Ok(())
}

/// Prints where every projector stands.
///
/// # Errors
/// When the store cannot be read.
#[allow(clippy::print_stdout)]
pub async fn print_status(settings: &ReadModelSettings) -> anyhow::Result<()> {
    let (db, catalogues) = open_store(&settings.database_url, &settings.search).await?;
    let projectors = every_projector(&catalogues);
    let names: Vec<&str> = projectors.iter().map(|p| p.name()).collect();
    let rows = projector_status(&db, &names).await?;
    // Read-only towards the engine: a health check and a list of indexes, no settings task.
    let engine = catalogues.engine();
    let stale = match engine.health().await {
        Ok(()) => {
            println!("search engine: {} (answers)", engine.identity());
            match catalogues.stale().await {
                Ok(stale) => stale,
                Err(error) => {
                    println!("  cannot compare the catalogues with it: {error}");
                    Vec::new()
                }
            }
        }
        Err(error) => {
            println!(
                "search engine: {} (DOWN: {error}; searches answer 503)",
                engine.identity()
            );
            Vec::new()
        }
    };
    println!(
        "{:<14} {:>7} {:>10} {:>10} {:>10} {:>8}  state",
        "projector", "version", "generation", "position", "lag", "lag (s)"
    );
    for s in rows {
        let state = match (&s.last_error, s.poisoned, s.rebuilding_at) {
            (Some(error), true, _) => format!("POISONED: {error}"),
            (Some(error), false, _) => format!("retrying ({}): {error}", s.failed_attempts),
            (None, _, Some(at)) => format!("ok; rebuilding, at position {at}"),
            (None, _, None) => "ok".to_owned(),
        };
        let state = match stale.iter().find(|(catalogue, _)| *catalogue == s.name) {
            Some((_, why)) => {
                format!("{state}; NOT SEARCHABLE HERE ({why}): a server on this engine rebuilds it")
            }
            None => state,
        };
        println!(
            "{:<14} {:>7} {:>10} {:>10} {:>10} {:>8}  {state}",
            s.name,
            s.version.map_or("-".to_owned(), |v| v.to_string()),
            s.generation,
            s.checkpoint.position,
            s.lag_events,
            s.lag_seconds,
        );
    }
    db.close().await;
    Ok(())
}

/// Rebuilds `name` beside the live read model, with a progress bar, and swaps it in.
///
/// # Errors
/// An unknown name, a rebuild already running, or a failure of the store or the engine.
#[allow(clippy::print_stdout)]
pub async fn rebuild_one(settings: &ReadModelSettings, name: &str) -> anyhow::Result<()> {
    let (db, catalogues) = open_store(&settings.database_url, &settings.search).await?;
    let projectors = every_projector(&catalogues);
    let Some(projector) = projectors.iter().find(|p| p.name() == name) else {
        let names: Vec<&str> = projectors.iter().map(|p| p.name()).collect();
        anyhow::bail!("no projector {name:?}; one of: {}", names.join(", "));
    };
    warn_if_built_elsewhere(&db, &catalogues, name).await?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} events ({per_sec}, eta {eta})")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    bar.set_message(format!("rebuilding {name}"));
    let started = Instant::now();
    let progress = |done: u64, total: u64| {
        bar.set_length(total.max(done));
        bar.set_position(done);
    };
    let rebuilt = rebuild(&db, projector.as_ref(), &RunnerConfig::default(), &progress).await;
    bar.finish_and_clear();
    let rebuilt = rebuilt.with_context(|| format!("rebuilding {name}"))?;
    println!(
        "{name}: generation {} is live ({} events in {:.1} s)",
        rebuilt.generation,
        rebuilt.events,
        started.elapsed().as_secs_f64()
    );
    db.close().await;
    Ok(())
}
