//! Runs SQL projectors over the global log: one task per projector, so a stuck or poisoned
//! projector never holds the others back.

use ruta_store::Database;
use std::sync::Arc;
use std::time::Duration;

use super::batch::{run_batch, Batch, BatchFailure, Session};
use super::checkpoints::{self, record_failure, Failure};
use super::{rebuild, Shutdown, ShutdownSignal, SqlProjector};
use ruta_store::log::{Checkpoint, GlobalLog};

#[derive(Debug, Clone)]
pub struct RunnerConfig {
    /// Events per transaction.
    pub batch_size: u32,
    /// Sleep when nothing new is final.
    pub idle: Duration,
    /// Consecutive failed attempts at an event before it is declared poison.
    pub max_attempts: u32,
    /// First retry delay; doubles per failed attempt up to `backoff_max`.
    pub backoff_start: Duration,
    pub backoff_max: Duration,
    /// How often to try again for a lock held by another process.
    pub lock_retry: Duration,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        Self {
            batch_size: 500,
            idle: Duration::from_millis(200),
            max_attempts: 5,
            backoff_start: Duration::from_millis(100),
            backoff_max: Duration::from_secs(30),
            lock_retry: Duration::from_secs(5),
        }
    }
}

impl RunnerConfig {
    /// Delay after the `attempt`-th consecutive failure (1-based), bounded by `backoff_max`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(20);
        self.backoff_start
            .saturating_mul(factor)
            .min(self.backoff_max)
    }
}

/// How one projector's task ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectorExit {
    /// Shutdown was signalled.
    Stopped { name: &'static str },
    /// Nothing new was final (only in [`ProjectorRunner::catch_up`]).
    CaughtUp { name: &'static str },
    /// Another process holds the projector's lock (only in [`ProjectorRunner::catch_up`]).
    LockedElsewhere { name: &'static str },
    /// The event at `at` failed `max_attempts` times in a row; its row records the error.
    Poisoned {
        name: &'static str,
        at: Checkpoint,
        error: String,
    },
    /// The read model was written by a newer version of this projector (another process runs
    /// newer code): this process leaves it alone.
    Superseded { name: &'static str, stored: i64 },
    /// A rebuild for a new version failed; its error is logged and recorded.
    RebuildFailed { name: &'static str, error: String },
    /// The task itself died (a bug in the runner, not in a projector).
    Crashed { name: &'static str, error: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Forever,
    UntilIdle,
}

#[derive(Debug, Clone)]
pub struct ProjectorRunner {
    db: Database,
    log: GlobalLog,
    config: RunnerConfig,
    projectors: Vec<Arc<dyn SqlProjector>>,
}

impl ProjectorRunner {
    pub fn new(db: Database, projectors: Vec<Arc<dyn SqlProjector>>) -> Self {
        Self {
            log: GlobalLog::new(db.clone()),
            db,
            config: RunnerConfig::default(),
            projectors,
        }
    }

    #[must_use]
    pub fn with_config(mut self, config: RunnerConfig) -> Self {
        self.config = config;
        self
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.projectors.iter().map(|p| p.name()).collect()
    }

    /// Polls until `shutdown` fires (each projector finishes its current batch first) or a
    /// projector is poisoned (that one only); one exit per projector, in registration order.
    pub async fn run(&self, shutdown: ShutdownSignal) -> Vec<ProjectorExit> {
        self.drive_all(shutdown, Mode::Forever).await
    }

    /// Applies everything final now and returns (rebuilds, tools, tests).
    pub async fn catch_up(&self) -> Vec<ProjectorExit> {
        let shutdown = Shutdown::new();
        let exits = self.drive_all(shutdown.signal(), Mode::UntilIdle).await;
        drop(shutdown);
        exits
    }

    async fn drive_all(&self, shutdown: ShutdownSignal, mode: Mode) -> Vec<ProjectorExit> {
        // A JoinSet aborts its tasks when dropped: cancelling `run` (or a killed parent task)
        // stops every projector, rolling back their open batches.
        let mut tasks = tokio::task::JoinSet::new();
        let mut names = std::collections::HashMap::new();
        for (index, projector) in self.projectors.iter().enumerate() {
            let task = Task {
                db: self.db.clone(),
                log: self.log.clone(),
                config: self.config.clone(),
                projector: projector.clone(),
                shutdown: shutdown.clone(),
                mode,
            };
            let handle = tasks.spawn(async move { (index, task.drive().await) });
            names.insert(handle.id(), (index, projector.name()));
        }
        let mut exits: Vec<Option<ProjectorExit>> = vec![None; self.projectors.len()];
        while let Some(joined) = tasks.join_next_with_id().await {
            match joined {
                Ok((_, (index, exit))) => exits[index] = Some(exit),
                Err(error) => {
                    if let Some(&(index, name)) = names.get(&error.id()) {
                        let error = error.to_string();
                        exits[index] = Some(ProjectorExit::Crashed { name, error });
                    }
                }
            }
        }
        exits.into_iter().flatten().collect()
    }
}

struct Task {
    db: Database,
    log: GlobalLog,
    config: RunnerConfig,
    projector: Arc<dyn SqlProjector>,
    shutdown: ShutdownSignal,
    mode: Mode,
}

/// How long [`ProjectorRunner::catch_up`] waits for committed events to become final (older
/// transactions of the database to end) before it reports what it has as caught up.
const FINAL_WAIT: Duration = Duration::from_secs(10);

impl Task {
    /// Whether committed events follow `slot`'s checkpoint that are not final yet (another
    /// transaction of this database is older and still running); then it waits a little. Up
    /// to [`FINAL_WAIT`] in all: a catch-up must not stop short of events already committed,
    /// nor wait for ever on a transaction that stays open.
    async fn not_final_yet(&self, slot: &str, waited: &mut Duration) -> bool {
        const STEP: Duration = Duration::from_millis(20);
        if *waited >= FINAL_WAIT {
            return false;
        }
        let after = match checkpoints::peek(self.log.database(), slot).await {
            Ok(Some((_, checkpoint))) => checkpoint,
            Ok(None) => Checkpoint::START,
            Err(_) => return false,
        };
        if !self.log.committed_after(after).await.unwrap_or(false) {
            return false;
        }
        tokio::time::sleep(STEP).await;
        *waited += STEP;
        true
    }

    async fn drive(mut self) -> ProjectorExit {
        let name = self.projector.name();
        let mut session: Option<Session> = None;
        let exit = self.drive_with(&mut session).await;
        if let Some(session) = session {
            session.close().await;
        }
        match &exit {
            ProjectorExit::Poisoned { at, error, .. } => {
                tracing::error!(projector = name, %at, %error, "poison event: projector stopped");
            }
            other => tracing::info!(projector = name, exit = ?other, "projector stopped"),
        }
        exit
    }

    async fn drive_with(&mut self, session: &mut Option<Session>) -> ProjectorExit {
        let name = self.projector.name();
        let mut attempts = 0u32;
        let mut waited = Duration::ZERO;
        // Events still to apply one at a time after a batch failed as a whole.
        let mut narrow_for = 0usize;
        loop {
            if self.shutdown.is_triggered() {
                return ProjectorExit::Stopped { name };
            }
            let current = match session {
                Some(current) => current,
                None => match Session::open(&self.db, name).await {
                    Ok(Some(opened)) => session.insert(opened),
                    Ok(None) if self.mode == Mode::UntilIdle => {
                        return ProjectorExit::LockedElsewhere { name };
                    }
                    Ok(None) => {
                        if self.shutdown.sleep(self.config.lock_retry).await {
                            return ProjectorExit::Stopped { name };
                        }
                        continue;
                    }
                    Err(error) => {
                        tracing::warn!(projector = name, %error, "cannot open projector session");
                        attempts = attempts.saturating_add(1);
                        if self.shutdown.sleep(self.config.backoff(attempts)).await {
                            return ProjectorExit::Stopped { name };
                        }
                        continue;
                    }
                },
            };
            let batch = if narrow_for > 0 {
                1
            } else {
                self.config.batch_size
            };
            match run_batch(current, &self.log, self.projector.as_ref(), name, batch).await {
                Ok(Batch::Idle) => {
                    attempts = 0;
                    if self.mode == Mode::UntilIdle {
                        if !self.not_final_yet(name, &mut waited).await {
                            return ProjectorExit::CaughtUp { name };
                        }
                        continue;
                    }
                    if self.shutdown.sleep(self.config.idle).await {
                        return ProjectorExit::Stopped { name };
                    }
                }
                Ok(Batch::Applied(n)) => {
                    attempts = 0;
                    narrow_for = narrow_for.saturating_sub(n);
                }
                Ok(Batch::OtherVersion { stored }) => {
                    if stored > i64::from(self.projector.version()) {
                        return ProjectorExit::Superseded { name, stored };
                    }
                    // The old generation keeps answering reads while the new one is built.
                    let projector = self.projector.as_ref();
                    let rebuilt = rebuild(&self.db, projector, &self.config, &|_, _| ()).await;
                    if let Err(error) = rebuilt {
                        let error = error.to_string();
                        tracing::error!(projector = name, %error, "rebuild for a new version failed");
                        return ProjectorExit::RebuildFailed { name, error };
                    }
                }
                Err(failure) => {
                    attempts = attempts.saturating_add(1);
                    let split = failure.whole_batch.filter(|&n| n > 1);
                    if let Some(events) = split {
                        // No one event is at fault yet: the single-event attempts decide.
                        narrow_for = narrow_for.max(events);
                        attempts = 1;
                    }
                    // The connection may be what failed: start over with a fresh one (and lock).
                    if let Some(old) = session.take() {
                        old.close().await;
                    }
                    if let Some(exit) = self.failed(&failure, attempts).await {
                        return exit;
                    }
                    if split.is_some() {
                        attempts = 0;
                    }
                    if self.shutdown.sleep(self.config.backoff(attempts)).await {
                        return ProjectorExit::Stopped { name };
                    }
                }
            }
        }
    }

    /// Records a failed attempt; `Some` when it made the event poison.
    async fn failed(&self, failure: &BatchFailure, attempts: u32) -> Option<ProjectorExit> {
        let name = self.projector.name();
        let error = failure.error.to_string();
        // Only a failure tied to an event can be poison: a database that is down is retried
        // for as long as it takes.
        let one_event = failure.whole_batch.is_none_or(|n| n <= 1);
        let poisoned = failure.at.is_some() && one_event && attempts >= self.config.max_attempts;
        tracing::warn!(projector = name, attempts, %error, at = ?failure.at, "batch failed");
        let record = Failure {
            name,
            version: self.projector.version(),
            attempts,
            error: &error,
            at: failure.at,
            poisoned,
        };
        if let Err(e) = record_failure(&self.db, &record).await {
            tracing::warn!(projector = name, error = %e, "cannot record the failure");
        }
        match failure.at {
            Some(at) if poisoned => Some(ProjectorExit::Poisoned { name, at, error }),
            _ => None,
        }
    }
}
