//! Loads an aggregate, decides, commits; retries on conflict; replays known command ids.

use chrono::{SecondsFormat, Utc};
use cqrs_es::persist::PersistedEventStore;
use cqrs_es::{AggregateError, EventStore};
use postgres_es::PostgresEventRepository;
use rand::Rng;
use ruta_domain::{Aggregate, DomainError};
use ruta_store::Database;
use sqlite_es::SqliteEventRepository;
use std::collections::{BTreeSet, HashMap};
use std::time::Duration;
use tracing::instrument;

use crate::adapter::{Stored, StoredEvent};
use crate::{with_pool, AppendedEvent, CommandContext, CommandError, CommandOutcome};

type Context<A> = cqrs_es::persist::EventStoreAggregateContext<Stored<A>>;

/// How many times a command is decided again after losing a race on its aggregate.
const MAX_ATTEMPTS: u32 = 10;

/// Executes commands against the event store.
#[derive(Debug, Clone)]
pub struct Executor {
    db: Database,
    dry_run: bool,
}

impl Executor {
    pub fn new(db: Database) -> Self {
        Self { db, dry_run: false }
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
            dry_run: true,
        }
    }

    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Applies `command` to aggregate `id` and returns what it appended.
    ///
    /// A command id seen before returns the first outcome with `replayed: true` and appends
    /// nothing. A lost race on the aggregate is decided again on the fresh state.
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
        if self.dry_run {
            A::default().decide(command, &ctx.actor())?;
            return Err(CommandError::DryRun);
        }
        for attempt in 1..=MAX_ATTEMPTS {
            if let Some(first) = self.replay(&ctx.command_id).await? {
                return Ok(first);
            }
            let context = self.load_context::<A>(id).await?;
            let events = context.aggregate.0.decide(command.clone(), &ctx.actor())?;
            if events.is_empty() {
                return Ok(CommandOutcome {
                    command_id: ctx.command_id.clone(),
                    aggregate_type: A::TYPE.to_owned(),
                    aggregate_id: id.to_owned(),
                    events: Vec::new(),
                    replayed: false,
                });
            }
            let first_sequence = context.current_sequence + 1;
            let metadata = metadata(id, &context.aggregate.0, first_sequence, &events, ctx);
            let events = events.into_iter().map(StoredEvent).collect();
            match self.commit::<A>(events, context, metadata).await {
                Ok(()) => {
                    let events = self.events_of_command(A::TYPE, id, &ctx.command_id).await?;
                    return Ok(CommandOutcome {
                        command_id: ctx.command_id.clone(),
                        aggregate_type: A::TYPE.to_owned(),
                        aggregate_id: id.to_owned(),
                        events,
                        replayed: false,
                    });
                }
                Err(AggregateError::AggregateConflict) => {
                    tracing::debug!(attempt, "conflict; deciding again");
                    let jitter = rand::rng().random_range(1..=5 * u64::from(attempt));
                    tokio::time::sleep(Duration::from_millis(jitter)).await;
                }
                Err(AggregateError::UserError(e)) => return Err(e.into()),
                Err(other) => return Err(store_failure(other)),
            }
        }
        Err(CommandError::Conflict)
    }

    /// The current state of aggregate `id`, or `None` if it has no events.
    ///
    /// # Errors
    /// [`CommandError::Store`] when the database fails.
    pub async fn load<A: Aggregate>(&self, id: &str) -> Result<Option<A>, CommandError> {
        if self.dry_run {
            return Ok(None);
        }
        let context = self.load_context::<A>(id).await?;
        Ok((context.current_sequence > 0).then_some(context.aggregate.0))
    }

    /// Ids of every aggregate of type `A`, oldest first.
    ///
    /// # Errors
    /// [`CommandError::Store`] when the database fails.
    pub async fn ids<A: Aggregate>(&self) -> Result<Vec<String>, CommandError> {
        if self.dry_run {
            return Ok(Vec::new());
        }
        const SQL: &str = "SELECT aggregate_id FROM events \
             WHERE aggregate_type = $1 AND sequence = 1 ORDER BY global_position";
        Ok(
            with_pool!(&self.db, pool => sqlx::query_scalar(SQL).bind(A::TYPE).fetch_all(pool).await?),
        )
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

    async fn load_context<A: Aggregate>(&self, id: &str) -> Result<Context<A>, CommandError> {
        let loaded = match &self.db {
            Database::Postgres(pool) => {
                let repo = PostgresEventRepository::new(pool.clone());
                PersistedEventStore::<_, Stored<A>>::new_event_store(repo)
                    .load_aggregate(id)
                    .await
            }
            Database::Sqlite(pool) => {
                let repo = SqliteEventRepository::new(pool.clone());
                PersistedEventStore::<_, Stored<A>>::new_event_store(repo)
                    .load_aggregate(id)
                    .await
            }
        };
        loaded.map_err(store_failure)
    }

    async fn commit<A: Aggregate>(
        &self,
        events: Vec<StoredEvent<A::Event>>,
        context: Context<A>,
        metadata: HashMap<String, String>,
    ) -> Result<(), AggregateError<DomainError>> {
        match &self.db {
            Database::Postgres(pool) => {
                let repo = PostgresEventRepository::new(pool.clone());
                PersistedEventStore::<_, Stored<A>>::new_event_store(repo)
                    .commit(events, context, metadata)
                    .await?;
            }
            Database::Sqlite(pool) => {
                let repo = SqliteEventRepository::new(pool.clone());
                PersistedEventStore::<_, Stored<A>>::new_event_store(repo)
                    .commit(events, context, metadata)
                    .await?;
            }
        }
        Ok(())
    }

    /// The first outcome of `command_id`, if it was already applied.
    async fn replay(&self, command_id: &str) -> Result<Option<CommandOutcome>, CommandError> {
        const SQL: &str =
            "SELECT aggregate_type, aggregate_id FROM command_ids WHERE command_id = $1";
        let found: Option<(String, String)> = with_pool!(&self.db, pool =>
            sqlx::query_as(SQL).bind(command_id).fetch_optional(pool).await?);
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
        const SQL: &str = "SELECT sequence, global_position, event_type FROM events \
             WHERE aggregate_type = $1 AND aggregate_id = $2 AND metadata ->> 'command_id' = $3 \
             ORDER BY sequence";
        let rows: Vec<(i64, i64, String)> = with_pool!(&self.db, pool =>
            sqlx::query_as(SQL).bind(aggregate_type).bind(aggregate_id).bind(command_id)
                .fetch_all(pool).await?);
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

fn store_failure(error: impl std::fmt::Display) -> CommandError {
    tracing::error!(%error, "event store failure");
    CommandError::store(error)
}

/// The envelope metadata of one commit, shared by all its events.
///
/// cqrs-es copies one metadata map onto every event of a commit, but two events of one commit
/// may concern different participants (an event held, and its attendance). So `subjects` is
/// the commit's union and `event_subjects` maps each event's sequence to its own subjects;
/// readers and the journey index use the latter.
fn metadata<A: Aggregate>(
    id: &str,
    state: &A,
    first_sequence: usize,
    events: &[A::Event],
    ctx: &CommandContext,
) -> HashMap<String, String> {
    let mut after = state.clone();
    let mut subjects = BTreeSet::new();
    let mut per_event = serde_json::Map::new();
    for (offset, event) in events.iter().enumerate() {
        after.apply(event);
        let mut own: Vec<String> = after.subjects(id, event);
        own.sort();
        own.dedup();
        subjects.extend(own.iter().cloned());
        per_event.insert((first_sequence + offset).to_string(), own.into());
    }
    let now = Utc::now();
    let stamp = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Micros, true);
    let subjects: Vec<String> = subjects.into_iter().collect();
    let mut m = HashMap::from([
        ("actor".to_owned(), ctx.actor.clone()),
        ("actor_role".to_owned(), ctx.role.as_str().to_owned()),
        ("command_id".to_owned(), ctx.command_id.clone()),
        // Identifies this commit attempt: a command id may belong to one commit only.
        ("commit_id".to_owned(), uuid::Uuid::new_v4().to_string()),
        ("correlation_id".to_owned(), ctx.correlation_id.clone()),
        ("channel".to_owned(), ctx.channel.as_str().to_owned()),
        (
            "occurred_at".to_owned(),
            stamp(ctx.occurred_at.unwrap_or(now)),
        ),
        ("recorded_at".to_owned(), stamp(now)),
        (
            "subjects".to_owned(),
            serde_json::to_string(&subjects).unwrap_or_else(|_| "[]".to_owned()),
        ),
    ]);
    m.insert(
        "event_subjects".to_owned(),
        serde_json::Value::Object(per_event).to_string(),
    );
    if let Some(causation) = &ctx.causation_id {
        m.insert("causation_id".to_owned(), causation.clone());
    }
    m
}
