//! Wraps a pure [`ruta_domain::Aggregate`] so that cqrs-es can store and load it.

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate as CqrsAggregate, DomainEvent as CqrsEvent};
use ruta_domain::{Aggregate, DomainError, DomainEvent};
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
    type Services = ();

    // Only reached through `CqrsFramework`; Ruta's executor calls `decide` directly.
    async fn handle(
        &mut self,
        command: A::Command,
        _services: &(),
        sink: &EventSink<Self>,
    ) -> Result<(), DomainError> {
        for event in self.0.decide(command)? {
            sink.write(StoredEvent(event), self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: StoredEvent<A::Event>) {
        self.0.apply(&event.0);
    }
}
