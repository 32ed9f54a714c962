//! Loads an aggregate, decides, appends; retries on conflict; replays known command ids.

use chrono::Utc;
use cqrs_es::persist::PersistedEventStore;
use cqrs_es::EventStore;
use postgres_es::PostgresEventRepository;
use rand::Rng;
use ruta_domain::{dates, input, Aggregate};
use ruta_store::{Appended, Database};
use sqlite_es::SqliteEventRepository;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::instrument;

use crate::adapter::Stored;
use crate::batch::Pending;
use crate::loaded::Loaded;
use crate::{AppendedEvent, CommandContext, CommandError, CommandOutcome};

/// How many times a command is decided again after losing a race on its aggregate.
const MAX_ATTEMPTS: u32 = 10;

/// Executes commands against the event store.
#[derive(Debug, Clone)]
pub struct Executor {
    pub(crate) db: Database,
    pub(crate) mode: Mode,
}

#[derive(Debug, Clone)]
pub(crate) enum Mode {
    /// Every command is appended on its own (group-committed with concurrent ones).
    Live,
    /// Reads nothing, writes nothing (see [`Executor::dry_run`]).
    DryRun,
    /// Decides against state held in memory and appends at [`Executor::flush`].
    Batch(Arc<std::sync::Mutex<Pending>>),
}

impl Executor {
    pub fn new(db: Database) -> Self {
        Self {
            db,
            mode: Mode::Live,
        }
    }

    /// An executor that reads nothing and writes nothing: loads find no aggregate and
    /// `execute` decides against an empty aggregate, then stops with
    /// [`CommandError::DryRun`]. It finds everything wrong with a command that does not depend
    /// on the log (shape, role, field validation), which is what `import --strict` checks
    /// before applying a file.
    #[must_use]
    pub fn dry_run(&self) -> Self {
        Self {
            db: self.db.clone(),
            mode: Mode::DryRun,
        }
    }

    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Applies `command` to aggregate `id` and returns what it appended.
    ///
    /// A command id seen before returns the first outcome with `replayed: true` and appends
    /// nothing. A lost race on the aggregate is decided again on the fresh state. In a batch
    /// (see [`Executor::batch`]) the events wait in memory for [`Executor::flush`] and their
    /// positions are 0 until then.
    ///
    /// # Errors
    /// [`CommandError::Domain`] when refused, [`CommandError::Conflict`] when still losing
    /// races after several attempts, [`CommandError::Store`] when the database fails.
    // Rejections are the caller's business, not an operational error: only store failures are
    // logged as errors (in `store_failure`).
    #[instrument(skip_all, fields(aggregate = A::TYPE, aggregate_id = %id, command_id = %ctx.command_id))]
    pub async fn execute<A: Aggregate>(
        &self,
        id: &str,
        command: A::Command,
        ctx: &CommandContext,
    ) -> Result<CommandOutcome, CommandError> {
        let started = Instant::now();
        check_envelope(id, ctx)?;
        check_dates_of_facts::<A>(&command)?;
        let result = match &self.mode {
            Mode::DryRun => {
                A::default().decide(command, &ctx.actor())?;
                return Err(CommandError::DryRun);
            }
            Mode::Live => self.execute_live::<A>(id, command, ctx).await,
            Mode::Batch(_) => self.execute_in_batch::<A>(id, command, ctx).await,
        };
        metrics::histogram!("ruta_command_duration_seconds", "aggregate" => A::TYPE)
            .record(started.elapsed().as_secs_f64());
        metrics::counter!("ruta_commands_total", "aggregate" => A::TYPE,
            "outcome" => outcome_label(&result))
        .increment(1);
        result
    }

    async fn execute_live<A: Aggregate>(
        &self,
        id: &str,
        command: A::Command,
        ctx: &CommandContext,
    ) -> Result<CommandOutcome, CommandError> {
        for attempt in 1..=MAX_ATTEMPTS {
            if let Some(first) = self.replay(&ctx.command_id).await? {
                return Ok(first);
            }
            let loaded = self.load_loaded::<A>(id).await?;
            let events = loaded.state.decide(command.clone(), &ctx.actor())?;
            if events.is_empty() {
                return Ok(CommandOutcome::nothing::<A>(id, ctx));
            }
            let commit = loaded.commit(id, &events, ctx)?;
            let mut outcome =
                CommandOutcome::appended::<A>(id, ctx, &commit, &vec![0; events.len()]);
            match self.db.append(commit).await {
                Ok(Appended::Positions(positions)) => {
                    for (event, position) in outcome.events.iter_mut().zip(positions) {
                        event.position = position;
                    }
                    return Ok(outcome);
                }
                Ok(Appended::Conflict) => {
                    tracing::debug!(attempt, "conflict; deciding again");
                    let jitter = rand::rng().random_range(1..=5 * u64::from(attempt));
                    tokio::time::sleep(Duration::from_millis(jitter)).await;
                }
                Err(error) => return Err(store_failure(error)),
            }
        }
        Err(CommandError::Conflict)
    }

    /// The current state of aggregate `id`, or `None` if it has no events.
    ///
    /// # Errors
    /// [`CommandError::Store`] when the database fails.
    pub async fn load<A: Aggregate>(&self, id: &str) -> Result<Option<A>, CommandError> {
        Ok(self.load_timed::<A>(id).await?.map(|loaded| loaded.state))
    }

    /// The current state of aggregate `id` with the business time of each of its events, or
    /// `None` if it has no events: what a look-up needs to refuse a command dated before the
    /// fact it depends on.
    ///
    /// # Errors
    /// [`CommandError::Store`] when the database fails.
    pub async fn load_timed<A: Aggregate>(
        &self,
        id: &str,
    ) -> Result<Option<Loaded<A>>, CommandError> {
        let loaded = self.load_loaded::<A>(id).await?;
        Ok((loaded.sequence > 0).then_some(loaded))
    }

    /// Ids of every aggregate of type `A`, oldest first.
    ///
    /// # Errors
    /// [`CommandError::Store`] when the database fails.
    pub async fn ids<A: Aggregate>(&self) -> Result<Vec<String>, CommandError> {
        let mut ids = match &self.mode {
            Mode::DryRun => return Ok(Vec::new()),
            _ => self
                .log()
                .aggregate_ids(A::TYPE)
                .await
                .map_err(store_failure)?,
        };
        if let Mode::Batch(pending) = &self.mode {
            crate::batch::lock(pending).new_ids(A::TYPE, &mut ids);
        }
        Ok(ids)
    }

    /// Every aggregate of type `A` with its id, oldest first. Folds each from the log: fine
    /// for the programme's catalogues of dozens, to be replaced by read models for large ones.
    ///
    /// # Errors
    /// [`CommandError::Store`] when the database fails.
    pub async fn load_all<A: Aggregate>(&self) -> Result<Vec<(String, A)>, CommandError> {
        let mut all = Vec::new();
        for id in self.ids::<A>().await? {
            if let Some(aggregate) = self.load::<A>(&id).await? {
                all.push((id, aggregate));
            }
        }
        Ok(all)
    }

    /// The aggregate as it stands, in memory for a batch, else from the log.
    pub(crate) async fn load_loaded<A: Aggregate>(
        &self,
        id: &str,
    ) -> Result<Loaded<A>, CommandError> {
        match &self.mode {
            Mode::DryRun => Ok(Loaded::default()),
            Mode::Live => self.load_from_log::<A>(id).await,
            Mode::Batch(pending) => {
                if let Some(known) = crate::batch::lock(pending).aggregate::<A>(id)? {
                    return Ok(known);
                }
                let loaded = self.load_from_log::<A>(id).await?;
                crate::batch::lock(pending).remember(id, loaded.clone());
                Ok(loaded)
            }
        }
    }

    async fn load_from_log<A: Aggregate>(&self, id: &str) -> Result<Loaded<A>, CommandError> {
        // Nothing is ever stored under an id outside the grammar (see `check_envelope`), and
        // such an id (NUL, say) could make PostgreSQL fail the query: it names nothing.
        if !input::is_id(id) {
            return Ok(Loaded::default());
        }
        let envelopes = match &self.db {
            Database::Postgres(pool, _) => {
                let repo = PostgresEventRepository::new(pool.clone());
                PersistedEventStore::<_, Stored<A>>::new_event_store(repo)
                    .load_events(id)
                    .await
            }
            Database::Sqlite(pool, _) => {
                let repo = SqliteEventRepository::new(pool.clone());
                PersistedEventStore::<_, Stored<A>>::new_event_store(repo)
                    .load_events(id)
                    .await
            }
        }
        .map_err(store_failure)?;
        Ok(Loaded::fold(
            envelopes
                .into_iter()
                .map(|e| (e.sequence, e.payload.0, e.metadata)),
        ))
    }

    /// The first outcome of `command_id`, if it was already applied.
    pub(crate) async fn replay(
        &self,
        command_id: &str,
    ) -> Result<Option<CommandOutcome>, CommandError> {
        if let Mode::Batch(pending) = &self.mode {
            let pending = crate::batch::lock(pending);
            if let Some(first) = pending.outcome(command_id) {
                return Ok(Some(first));
            }
            if !pending.may_be_stored(command_id) {
                return Ok(None);
            }
        }
        let found = self
            .log()
            .command_target(command_id)
            .await
            .map_err(store_failure)?;
        let Some((aggregate_type, aggregate_id)) = found else {
            return Ok(None);
        };
        let events = self
            .events_of_command(&aggregate_type, &aggregate_id, command_id)
            .await?;
        Ok(Some(CommandOutcome {
            command_id: command_id.to_owned(),
            aggregate_type,
            aggregate_id,
            events,
            replayed: true,
        }))
    }

    async fn events_of_command(
        &self,
        aggregate_type: &str,
        aggregate_id: &str,
        command_id: &str,
    ) -> Result<Vec<AppendedEvent>, CommandError> {
        let rows = self
            .log()
            .events_of_command(aggregate_type, aggregate_id, command_id)
            .await
            .map_err(store_failure)?;
        Ok(rows
            .into_iter()
            .map(|(sequence, position, event_type)| AppendedEvent {
                sequence,
                position,
                event_type,
            })
            .collect())
    }
}

impl Executor {
    fn log(&self) -> ruta_store::log::GlobalLog {
        ruta_store::log::GlobalLog::new(self.db.clone())
    }
}

fn outcome_label(result: &Result<CommandOutcome, CommandError>) -> &'static str {
    match result {
        Ok(outcome) if outcome.replayed => "duplicate",
        Ok(_) => "applied",
        Err(CommandError::Conflict) => "conflict",
        Err(CommandError::Store(_)) => "store_error",
        Err(_) => "rejected",
    }
}

/// Every command, whoever sends it, passes here: its target must fit the id grammar, its
/// envelope may hold no control characters (PostgreSQL refuses NUL in text; the rest has no
/// business in an id), and its business time must be plausible. Bad input, not a failure.
fn check_envelope(id: &str, ctx: &CommandContext) -> Result<(), CommandError> {
    if !input::is_id(id) {
        return Err(CommandError::BadPayload {
            field: "aggregate_id".to_owned(),
            message: format!("an id is {}", input::ID_GRAMMAR),
        });
    }
    for (field, value) in [
        ("command_id", ctx.command_id.as_str()),
        ("actor", ctx.actor.as_str()),
        ("correlation_id", ctx.correlation_id.as_str()),
    ] {
        input::check_text(field, value, false).map_err(crate::app::bad_input)?;
    }
    if let Some(occurred_at) = ctx.occurred_at {
        dates::check_occurred_at(occurred_at, Utc::now())?;
    }
    Ok(())
}

/// Facts that happened may not be dated after the moment they are recorded (a day of clock
/// skew allowed); the domain names them, the clock is read here.
fn check_dates_of_facts<A: Aggregate>(command: &A::Command) -> Result<(), CommandError> {
    let now = Utc::now();
    for (field, date) in A::dates_of_facts(command) {
        dates::check_happened(field, date, now)?;
    }
    Ok(())
}

pub(crate) fn store_failure(error: impl std::fmt::Display) -> CommandError {
    tracing::error!(%error, "event store failure");
    CommandError::store(error)
}
