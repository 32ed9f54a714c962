//! Wraps a pure [`ruta_domain::Aggregate`] so that cqrs-es can store and load it.

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate as CqrsAggregate, DomainEvent as CqrsEvent};
use ruta_domain::{Actor, Aggregate, DomainError, DomainEvent};
use serde::{Deserialize, Serialize};

/// A domain aggregate as cqrs-es sees it. Serialised exactly like the wrapped state.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Stored<A>(pub A);

/// A domain event as cqrs-es sees it. Serialised exactly like the wrapped payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct StoredEvent<E>(pub E);

impl<E: DomainEvent> CqrsEvent for StoredEvent<E> {
    fn event_type(&self) -> String {
        self.0.event_type().to_owned()
    }

    fn event_version(&self) -> String {
        self.0.event_version().to_string()
    }
}

impl<A: Aggregate> CqrsAggregate for Stored<A> {
    const TYPE: &'static str = A::TYPE;
    type Command = A::Command;
    type Event = StoredEvent<A::Event>;
    type Error = DomainError;
    /// The actor deciding. Ruta's executor calls `decide` directly and never goes through
    /// `CqrsFramework`, whose services are fixed per framework.
    type Services = Actor;

    async fn handle(
        &mut self,
        command: A::Command,
        actor: &Actor,
        sink: &EventSink<Self>,
    ) -> Result<(), DomainError> {
        for event in self.0.decide(command, actor)? {
            sink.write(StoredEvent(event), self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: StoredEvent<A::Event>) {
        self.0.apply(&event.0);
    }
}
