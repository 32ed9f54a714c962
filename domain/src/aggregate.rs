//! The two traits every aggregate and its events implement.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

use crate::{Actor, DomainError};

/// An event-sourced consistency boundary.
///
/// `decide` must be pure: the same state and command always give the same result, so a command
/// retried after a concurrency conflict is decided again on the fresh state without surprises.
pub trait Aggregate:
    Default + Clone + Debug + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// Stable name stored as `aggregate_type`; never change it once events exist.
    const TYPE: &'static str;
    type Command: Clone + Debug + Send + Sync;
    type Event: DomainEvent;

    /// Checks the command, sent by `actor`, against the current state.
    ///
    /// # Errors
    /// A [`DomainError`] when the command is invalid or breaks a business rule; nothing is
    /// appended then.
    fn decide(
        &self,
        command: Self::Command,
        actor: &Actor,
    ) -> Result<Vec<Self::Event>, DomainError>;

    /// Folds one event into the state. Never fails: events are facts.
    fn apply(&mut self, event: &Self::Event);

    /// The participant ids `event` concerns, given the state *after* it was applied.
    /// These become the envelope's `subjects`, which index a participant's journey.
    fn subjects(&self, aggregate_id: &str, event: &Self::Event) -> Vec<String>;

    /// The dates in `command` that record something that happened (not a schedule), with
    /// their field names: the command layer refuses them when they lie after the moment of
    /// recording (see [`crate::dates`]).
    fn dates_of_facts(command: &Self::Command) -> Vec<(&'static str, chrono::NaiveDate)> {
        let _ = command;
        Vec::new()
    }
}

/// An event payload with a stable type string and an integer schema version.
pub trait DomainEvent:
    Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
    fn event_type(&self) -> &'static str;
    fn event_version(&self) -> u32 {
        1
    }
}
