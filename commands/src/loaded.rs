//! An aggregate as loaded from its stream: state, last sequence, and when each event happened.

use chrono::{DateTime, SecondsFormat, Utc};
use ruta_domain::{Aggregate, DomainEvent};
use ruta_store::{Commit, NewEvent};
use std::collections::{BTreeSet, HashMap};

use crate::{CommandContext, CommandError};

/// An aggregate folded from its events, with the business time (`occurred_at`) of each.
#[derive(Debug, Clone, Default)]
pub struct Loaded<A> {
    pub state: A,
    /// The sequence of its last event; 0 for an aggregate with no events.
    pub sequence: usize,
    history: Vec<(&'static str, Option<DateTime<Utc>>)>,
}

impl<A: Aggregate> Loaded<A> {
    /// Folds `(sequence, event, metadata)` in stream order.
    pub(crate) fn fold(
        events: impl IntoIterator<Item = (usize, A::Event, HashMap<String, String>)>,
    ) -> Self {
        let mut loaded = Self::default();
        for (sequence, event, metadata) in events {
            let at = metadata
                .get("occurred_at")
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Utc));
            loaded.push(sequence, &event, at);
        }
        loaded
    }

    fn push(&mut self, sequence: usize, event: &A::Event, at: Option<DateTime<Utc>>) {
        self.state.apply(event);
        self.sequence = sequence;
        self.history.push((event.event_type(), at));
    }

    /// The business time of the first event of one of `event_types`: since when a fact
    /// (published, registered, opened…) has held.
    pub fn first_occurred(&self, event_types: &[&str]) -> Option<DateTime<Utc>> {
        self.history
            .iter()
            .find(|(kind, _)| event_types.contains(kind))
            .and_then(|(_, at)| *at)
    }

    /// The rows that append `events` after this state, with the command's envelope.
    ///
    /// # Errors
    /// [`CommandError::BadPayload`] when the command's text holds a NUL character.
    pub(crate) fn commit(
        &self,
        id: &str,
        events: &[A::Event],
        ctx: &CommandContext,
    ) -> Result<Commit, CommandError> {
        let metadata = metadata(id, &self.state, self.sequence + 1, events, ctx);
        let metadata = serde_json::to_string(&metadata).unwrap_or_else(|_| "{}".to_owned());
        let events = events
            .iter()
            .enumerate()
            .map(|(offset, event)| NewEvent {
                aggregate_type: A::TYPE.to_owned(),
                aggregate_id: id.to_owned(),
                sequence: i64::try_from(self.sequence + 1 + offset).unwrap_or(i64::MAX),
                event_type: event.event_type().to_owned(),
                event_version: event.event_version().to_string(),
                payload: serde_json::to_string(event).unwrap_or_else(|_| "null".to_owned()),
                metadata: metadata.clone(),
            })
            .collect::<Vec<_>>();
        if events
            .iter()
            .any(|e| has_nul(&e.payload) || has_nul(&e.metadata))
        {
            return Err(CommandError::BadPayload {
                field: "command".to_owned(),
                message: "text may not contain NUL characters".to_owned(),
            });
        }
        Ok(Commit { events })
    }

    /// This state after `events` (decided in a batch, not yet appended).
    pub(crate) fn advanced(mut self, events: &[A::Event], ctx: &CommandContext) -> Self {
        let at = Some(ctx.occurred_at.unwrap_or_else(Utc::now));
        for event in events {
            let sequence = self.sequence + 1;
            self.push(sequence, event, at);
        }
        self
    }
}

/// Whether JSON text holds an escaped NUL (`\u0000`, not an escaped backslash before
/// `u0000`): PostgreSQL refuses NUL in `jsonb` and `text`, so such a command is refused as
/// bad input before it reaches the store rather than failing the transaction it shares.
pub(crate) fn has_nul(json: &str) -> bool {
    json.match_indices("u0000").any(|(at, _)| {
        let slashes = json[..at].bytes().rev().take_while(|b| *b == b'\\').count();
        slashes % 2 == 1
    })
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
    let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Micros, true);
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

#[cfg(test)]
mod tests {
    use super::has_nul;

    #[test]
    fn it_tells_an_escaped_nul_from_an_escaped_backslash() {
        assert!(has_nul(r#"{"name":"A\u0000B"}"#));
        assert!(
            !has_nul(r#"{"name":"A\\u0000B"}"#),
            "a backslash, then the text u0000"
        );
        assert!(has_nul(r#"{"name":"A\\\u0000B"}"#));
        assert!(!has_nul(r#"{"name":"u0000"}"#));
    }
}
