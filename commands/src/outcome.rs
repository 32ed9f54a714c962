//! What a command produced.

use serde::{Deserialize, Serialize};

/// One appended event, with its place in its stream and in the global log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppendedEvent {
    pub sequence: i64,
    pub position: i64,
    pub event_type: String,
}

/// The result of an executed (or replayed) command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandOutcome {
    pub command_id: String,
    pub aggregate_type: String,
    pub aggregate_id: String,
    /// Empty when the command changed nothing (for example re-giving a consent).
    pub events: Vec<AppendedEvent>,
    /// True when this command id had already been applied: nothing new was appended and
    /// `events` are those of the first execution.
    pub replayed: bool,
}

impl CommandOutcome {
    /// The global position of the last event appended, for read-your-writes.
    pub fn position(&self) -> Option<i64> {
        self.events.iter().map(|e| e.position).max()
    }
}

impl CommandOutcome {
    /// A command that changed nothing.
    pub(crate) fn nothing<A: ruta_domain::Aggregate>(
        id: &str,
        ctx: &crate::CommandContext,
    ) -> Self {
        Self {
            command_id: ctx.command_id.clone(),
            aggregate_type: A::TYPE.to_owned(),
            aggregate_id: id.to_owned(),
            events: Vec::new(),
            replayed: false,
        }
    }

    /// A command whose `commit` was appended at `positions`.
    pub(crate) fn appended<A: ruta_domain::Aggregate>(
        id: &str,
        ctx: &crate::CommandContext,
        commit: &ruta_store::Commit,
        positions: &[i64],
    ) -> Self {
        Self {
            events: commit
                .events
                .iter()
                .zip(positions)
                .map(|(event, position)| AppendedEvent {
                    sequence: event.sequence,
                    position: *position,
                    event_type: event.event_type.clone(),
                })
                .collect(),
            ..Self::nothing::<A>(id, ctx)
        }
    }
}
