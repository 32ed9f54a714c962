//! Keeps the search engine usable without ever stopping the rest of the server: the server
//! starts and answers commands while the engine is down, searches answer 503 meanwhile, and
//! once the engine answers the index settings are applied. It also rebuilds a catalogue whose
//! live generation this engine does not hold (built into another engine, or lost by it), and
//! deletes the indexes of dropped generations.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use ruta_projections::catalogues::CatalogueSearch;
use ruta_projections::runtime::{rebuild, RunnerConfig, ShutdownSignal};
use ruta_store::Database;

/// How often a healthy engine is checked again.
const HEALTHY_EVERY: Duration = Duration::from_secs(2);
/// Retry delays while the engine is down: doubling from the first, up to the last.
const DOWN_FIRST: Duration = Duration::from_millis(500);
const DOWN_MAX: Duration = Duration::from_secs(15);

/// What the engine looks like from here, for `/readyz`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineState {
    /// Not checked yet.
    Starting,
    Ready,
    /// Down or refusing; the reason.
    Unavailable(String),
    /// Catalogues being rebuilt into this engine, with why.
    Rebuilding(Vec<String>),
}

/// Shared between the watcher and the health route.
#[derive(Debug, Clone)]
pub struct EngineHealth(Arc<RwLock<EngineState>>);

impl Default for EngineHealth {
    fn default() -> Self {
        Self(Arc::new(RwLock::new(EngineState::Starting)))
    }
}

impl EngineHealth {
    pub fn get(&self) -> EngineState {
        self.0
            .read()
            .map_or_else(|p| p.into_inner().clone(), |s| s.clone())
    }

    fn set(&self, state: EngineState) {
        let mut slot = self
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *slot != state {
            match &state {
                EngineState::Unavailable(reason) => {
                    tracing::warn!(%reason, "search engine unavailable; searches answer 503");
                }
                EngineState::Rebuilding(why) => tracing::warn!(?why, "rebuilding catalogues"),
                EngineState::Ready => tracing::info!("search engine ready"),
                EngineState::Starting => {}
            }
        }
        *slot = state;
    }
}

/// How long the first look may hold the start-up up (an unreachable host, not a refusal).
const FIRST_LOOK: Duration = Duration::from_secs(2);

/// One round before the server starts serving, so `/readyz` is right from the first request
/// when the engine answers; bounded, so a dead engine does not delay the start. Returns
/// whether the index settings were applied (for [`watch`]).
pub(crate) async fn first_look(
    db: &Database,
    catalogues: &CatalogueSearch,
    health: &EngineHealth,
) -> bool {
    let mut prepared = false;
    match tokio::time::timeout(FIRST_LOOK, check(db, catalogues, health, &mut prepared)).await {
        Ok(Ok(())) => {}
        Ok(Err(reason)) => health.set(EngineState::Unavailable(reason)),
        Err(_) => health.set(EngineState::Unavailable(format!(
            "no answer within {} s",
            FIRST_LOOK.as_secs()
        ))),
    }
    prepared
}

/// Watches the engine until `shutdown`; `prepared` as [`first_look`] left it.
pub(crate) async fn watch(
    db: Database,
    catalogues: CatalogueSearch,
    health: EngineHealth,
    prepared: bool,
    mut shutdown: ShutdownSignal,
) {
    let mut prepared = prepared;
    let mut delay = DOWN_FIRST;
    loop {
        match check(&db, &catalogues, &health, &mut prepared).await {
            Ok(()) => delay = DOWN_FIRST,
            Err(reason) => {
                prepared = false;
                health.set(EngineState::Unavailable(reason));
                if shutdown.sleep(delay).await {
                    return;
                }
                delay = (delay * 2).min(DOWN_MAX);
                continue;
            }
        }
        if shutdown.sleep(HEALTHY_EVERY).await {
            return;
        }
    }
}

/// One round: health, settings once per recovery, rebuilds, sweep.
async fn check(
    db: &Database,
    catalogues: &CatalogueSearch,
    health: &EngineHealth,
    prepared: &mut bool,
) -> Result<(), String> {
    let engine = catalogues.engine();
    engine.health().await.map_err(|e| e.to_string())?;
    if !*prepared {
        catalogues.prepare().await.map_err(|e| e.to_string())?;
        *prepared = true;
    }
    let stale = catalogues.stale().await.map_err(|e| e.to_string())?;
    let rebuilt = !stale.is_empty();
    if rebuilt {
        rebuild_stale(db, catalogues, health, stale).await;
    }
    match catalogues.sweep().await {
        Ok(dropped) if !dropped.is_empty() => tracing::info!(?dropped, "dropped old indexes"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "cannot drop old indexes"),
    }
    // Only after rebuilds is the engine looked at again; otherwise it was fine just now.
    if !rebuilt
        || catalogues
            .stale()
            .await
            .map_err(|e| e.to_string())?
            .is_empty()
    {
        health.set(EngineState::Ready);
    }
    Ok(())
}

/// Rebuilds each stale catalogue into this engine, one after the other.
async fn rebuild_stale(
    db: &Database,
    catalogues: &CatalogueSearch,
    health: &EngineHealth,
    stale: Vec<(&'static str, ruta_projections::catalogues::Stale)>,
) {
    let why = stale
        .iter()
        .map(|(catalogue, stale)| format!("{catalogue}: {stale}"))
        .collect();
    health.set(EngineState::Rebuilding(why));
    let projectors = catalogues.projectors();
    for (catalogue, _) in stale {
        let Some(projector) = projectors.iter().find(|p| p.name() == catalogue) else {
            continue;
        };
        let rebuilt = rebuild(db, projector.as_ref(), &RunnerConfig::default(), &|_, _| ()).await;
        match rebuilt {
            Ok(done) => tracing::info!(
                catalogue,
                generation = done.generation,
                "rebuilt into this engine"
            ),
            // Another process may be rebuilding it: the next round looks again.
            Err(error) => tracing::warn!(catalogue, %error, "rebuild into this engine failed"),
        }
    }
}
