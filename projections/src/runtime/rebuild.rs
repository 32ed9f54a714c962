//! Zero-downtime rebuilds: the next generation of a read model is filled beside the live one
//! from the start of the log, under its own checkpoint row and lock, while the live one keeps
//! answering and keeps being updated; once caught up it is handed over in one transaction.
//! The previous generation is kept until the next rebuild, so a reader that looked up the old
//! generation just before the switch still finds it.

use ruta_store::Database;

use super::batch::{run_batch, Batch, Session};
use super::generations::{hand_over, live_generation, shadow_name, start_shadow};
use super::{RunnerConfig, SqlProjector};
use crate::LogError;
use ruta_store::log::GlobalLog;

/// What a finished rebuild made live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    pub generation: i64,
    /// Events read from the log by the rebuild.
    pub events: u64,
}

/// Rebuilds `projector` into a new generation and makes it live. `progress(done, total)` is
/// called after each batch; `total` is the size of the log when the rebuild started (the
/// rebuild also applies what is appended meanwhile, so `done` may pass it).
///
/// # Errors
/// [`LogError::Projector`] when a rebuild of the same projector is already running, or when an
/// event keeps failing `config.max_attempts` times; any other error of the log or the store.
pub async fn rebuild(
    db: &Database,
    projector: &dyn SqlProjector,
    config: &RunnerConfig,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<Rebuilt, LogError> {
    let name = projector.name();
    let shadow = shadow_name(name);
    let busy = || LogError::Projector {
        projector: name.to_owned(),
        reason: "a rebuild of this projector is already running".to_owned(),
    };
    let mut session = Session::open(db, &shadow).await?.ok_or_else(busy)?;
    let outcome = fill(db, projector, config, progress, &mut session).await;
    session.close().await;
    let rebuilt = outcome?;
    hand_over(db, name, projector.version()).await?;
    tracing::info!(
        projector = name,
        generation = rebuilt.generation,
        events = rebuilt.events,
        "rebuild is live"
    );
    Ok(rebuilt)
}

async fn fill(
    db: &Database,
    projector: &dyn SqlProjector,
    config: &RunnerConfig,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
    session: &mut Session,
) -> Result<Rebuilt, LogError> {
    let name = projector.name();
    let shadow = shadow_name(name);
    let live = live_generation(db, name).await?;
    let generation = live + 1;
    // What an interrupted rebuild left, and the generation the last rebuild replaced.
    projector.drop_generation(db, generation).await?;
    if live > 1 {
        projector.drop_generation(db, live - 1).await?;
    }
    start_shadow(db, name, projector.version(), generation).await?;
    let log = GlobalLog::new(db.clone());
    let total = log.count().await?;
    let (mut done, mut attempts, mut narrow_for) = (0u64, 0u32, 0usize);
    progress(done, total);
    loop {
        // After a batch failed as a whole, one event at a time finds the one at fault.
        let limit = if narrow_for > 0 { 1 } else { config.batch_size };
        match run_batch(session, &log, projector, &shadow, limit).await {
            Ok(Batch::Applied(n)) => {
                attempts = 0;
                narrow_for = narrow_for.saturating_sub(n);
                done += n as u64;
                progress(done, total);
            }
            Ok(Batch::Idle) => {
                return Ok(Rebuilt {
                    generation,
                    events: done,
                })
            }
            Ok(Batch::OtherVersion { stored }) => {
                return Err(LogError::Projector {
                    projector: name.to_owned(),
                    reason: format!("rebuild row holds version {stored}: restart the rebuild"),
                })
            }
            Err(failure) => {
                tracing::warn!(projector = name, attempts, error = %failure.error, "rebuild batch failed");
                if let Some(events) = failure.whole_batch.filter(|&n| n > 1) {
                    narrow_for = narrow_for.max(events);
                    continue;
                }
                attempts += 1;
                if attempts >= config.max_attempts {
                    return Err(match failure.at {
                        Some(at) => LogError::Projector {
                            projector: name.to_owned(),
                            reason: format!("the event at {at} keeps failing: {}", failure.error),
                        },
                        None => failure.error,
                    });
                }
                tokio::time::sleep(config.backoff(attempts)).await;
            }
        }
    }
}
