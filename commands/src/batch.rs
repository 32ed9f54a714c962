//! Deciding many commands against state held in memory, then appending them in one
//! transaction: what bulk imports and `POST /commands:batch` run on.
//!
//! [`Executor::batch`] gives an executor whose loads read an aggregate from the log once and
//! then from memory, where every decided command has already been applied; nothing is written
//! until [`Executor::flush`], which appends every command of the batch in one transaction (all
//! or none). [`Executor::prefetch`] reads, in two queries, the command ids and the streams a
//! batch is likely to touch, so most lines need no query of their own. Each command is still
//! decided by the same role policy and domain rules as anywhere else.

use ruta_domain::Aggregate;
use ruta_store::{Appended, Commit};
use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::executor::{store_failure, Mode};
use crate::loaded::Loaded;
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// What [`Executor::flush`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flushed {
    /// Every command of the batch was appended: the positions of each command id's events.
    Appended(HashMap<String, Vec<i64>>),
    /// Another writer changed a stream the batch decided on: nothing was written; decide the
    /// batch again.
    Conflict,
}

/// A row of a prefetched stream, decoded when its aggregate is first loaded.
#[derive(Debug)]
struct RawEvent {
    sequence: i64,
    payload: String,
    metadata: String,
}

#[derive(Debug, Default)]
pub(crate) struct Pending {
    aggregates: HashMap<(&'static str, String), Box<dyn Any + Send>>,
    raw: HashMap<(String, String), Vec<RawEvent>>,
    /// Ids whose streams (of every type) were all prefetched: a miss is an empty stream.
    prefetched: HashSet<String>,
    /// When prefetched: the batch's command ids already in the log.
    stored_commands: Option<HashSet<String>>,
    outcomes: HashMap<String, CommandOutcome>,
    commits: Vec<(String, Commit)>,
    created: Vec<(&'static str, String)>,
}

pub(crate) fn lock(pending: &Arc<Mutex<Pending>>) -> MutexGuard<'_, Pending> {
    pending
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Pending {
    pub(crate) fn aggregate<A: Aggregate>(
        &mut self,
        id: &str,
    ) -> Result<Option<Loaded<A>>, CommandError> {
        let key = (A::TYPE, id.to_owned());
        if let Some(known) = self.aggregates.get(&key) {
            return Ok(known.downcast_ref::<Loaded<A>>().cloned());
        }
        if let Some(rows) = self.raw.remove(&(A::TYPE.to_owned(), id.to_owned())) {
            let mut events = Vec::with_capacity(rows.len());
            for row in rows {
                let event: A::Event = serde_json::from_str(&row.payload).map_err(store_failure)?;
                let metadata = serde_json::from_str(&row.metadata).map_err(store_failure)?;
                events.push((usize::try_from(row.sequence).unwrap_or(0), event, metadata));
            }
            let loaded = Loaded::<A>::fold(events);
            self.remember(id, loaded.clone());
            return Ok(Some(loaded));
        }
        Ok(self.prefetched.contains(id).then(Loaded::default))
    }

    pub(crate) fn remember<A: Aggregate>(&mut self, id: &str, loaded: Loaded<A>) {
        self.aggregates
            .insert((A::TYPE, id.to_owned()), Box::new(loaded));
    }

    /// The outcome of a command id decided earlier in this batch.
    pub(crate) fn outcome(&self, command_id: &str) -> Option<CommandOutcome> {
        self.outcomes.get(command_id).map(|first| CommandOutcome {
            replayed: true,
            ..first.clone()
        })
    }

    /// False only when the prefetch proved the command id is not in the log.
    pub(crate) fn may_be_stored(&self, command_id: &str) -> bool {
        self.stored_commands
            .as_ref()
            .is_none_or(|stored| stored.contains(command_id))
    }

    /// Adds the aggregates of type `kind` first created in this batch.
    pub(crate) fn new_ids(&self, kind: &str, ids: &mut Vec<String>) {
        for (created_kind, id) in &self.created {
            if *created_kind == kind && !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
}

impl Executor {
    /// An executor for one batch (see the module's documentation). Its commands reach the log
    /// only through [`Executor::flush`].
    #[must_use]
    pub fn batch(&self) -> Self {
        Self {
            db: self.db.clone(),
            mode: Mode::Batch(Arc::default()),
        }
    }

    /// Reads ahead, for a batch, before its first command: which of `command_ids` are already
    /// in the log, and every stream of every id in `aggregate_ids` (events of any type).
    ///
    /// # Errors
    /// [`CommandError::Store`] when the database fails.
    pub async fn prefetch(
        &self,
        command_ids: &[String],
        aggregate_ids: &[String],
    ) -> Result<(), CommandError> {
        let Mode::Batch(pending) = &self.mode else {
            return Ok(());
        };
        let (stored, rows) = ruta_store::log::GlobalLog::new(self.db.clone())
            .read_ahead(command_ids, aggregate_ids)
            .await
            .map_err(store_failure)?;
        let mut pending = lock(pending);
        pending.stored_commands = Some(stored.into_iter().collect());
        for (kind, id, sequence, payload, metadata) in rows {
            pending.raw.entry((kind, id)).or_default().push(RawEvent {
                sequence,
                payload,
                metadata,
            });
        }
        pending.prefetched.extend(aggregate_ids.iter().cloned());
        Ok(())
    }

    /// Decides one command of a batch against the batch's state.
    pub(crate) async fn execute_in_batch<A: Aggregate>(
        &self,
        id: &str,
        command: A::Command,
        ctx: &CommandContext,
    ) -> Result<CommandOutcome, CommandError> {
        let Mode::Batch(pending) = &self.mode else {
            return Err(CommandError::DryRun);
        };
        if let Some(first) = self.replay(&ctx.command_id).await? {
            return Ok(first);
        }
        let loaded = self.load_loaded::<A>(id).await?;
        let events = loaded.state.decide(command, &ctx.actor())?;
        if events.is_empty() {
            return Ok(CommandOutcome::nothing::<A>(id, ctx));
        }
        let commit = loaded.commit(id, &events, ctx)?;
        let outcome = CommandOutcome::appended::<A>(id, ctx, &commit, &vec![0; events.len()]);
        let mut pending = lock(pending);
        if loaded.sequence == 0 {
            pending.created.push((A::TYPE, id.to_owned()));
        }
        pending.remember(id, loaded.advanced(&events, ctx));
        pending.commits.push((ctx.command_id.clone(), commit));
        pending
            .outcomes
            .insert(ctx.command_id.clone(), outcome.clone());
        Ok(outcome)
    }

    /// Appends every command decided in this batch, in one transaction, and empties the
    /// batch. Outside a batch there is nothing to flush.
    ///
    /// # Errors
    /// [`CommandError::Store`] when the database fails: nothing of the batch was written.
    pub async fn flush(&self) -> Result<Flushed, CommandError> {
        let Mode::Batch(pending) = &self.mode else {
            return Ok(Flushed::Appended(HashMap::new()));
        };
        let decided = std::mem::take(&mut *lock(pending));
        let (ids, commits): (Vec<String>, Vec<Commit>) = decided.commits.into_iter().unzip();
        let lengths: Vec<usize> = commits.iter().map(|c| c.events.len()).collect();
        match self.db.append_all(commits).await {
            Ok(Appended::Conflict) => Ok(Flushed::Conflict),
            Ok(Appended::Positions(all)) => {
                let mut all = all.into_iter();
                Ok(Flushed::Appended(
                    ids.into_iter()
                        .zip(lengths)
                        .map(|(id, n)| (id, all.by_ref().take(n).collect()))
                        .collect(),
                ))
            }
            Err(error) => Err(store_failure(error)),
        }
    }
}
