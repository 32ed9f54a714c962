//! Given/when/then for aggregates: given past events, when a command, then events or an error.

use crate::{Actor, Aggregate, DomainError, Role};

pub(crate) struct Given<A: Aggregate> {
    state: A,
    id: &'static str,
}

pub(crate) fn given<A: Aggregate>(events: &[A::Event]) -> Given<A> {
    let mut state = A::default();
    for event in events {
        state.apply(event);
    }
    Given { state, id: "agg-1" }
}

impl<A: Aggregate> Given<A> {
    /// The command sent by programme staff.
    pub(crate) fn when(self, command: A::Command) -> Then<A> {
        self.when_by(&Actor::new("staff-1", Role::Staff), command)
    }

    pub(crate) fn when_by(self, actor: &Actor, command: A::Command) -> Then<A> {
        let result = self.state.decide(command, actor);
        Then {
            state: self.state,
            id: self.id,
            result,
        }
    }
}

pub(crate) struct Then<A: Aggregate> {
    state: A,
    id: &'static str,
    result: Result<Vec<A::Event>, DomainError>,
}

impl<A: Aggregate> Then<A> {
    #[track_caller]
    pub(crate) fn then(self, expected: &[A::Event]) -> A {
        let events = self.result.expect("command was rejected");
        assert_eq!(events, expected);
        let mut state = self.state;
        for event in &events {
            state.apply(event);
        }
        state
    }

    /// The command is accepted, whatever it appends.
    #[track_caller]
    pub(crate) fn then_accepted(self) {
        assert!(
            self.result.is_ok(),
            "expected acceptance, got {:?}",
            self.result
        );
    }

    #[track_caller]
    pub(crate) fn then_rule(self, rule: &str) {
        match self.result {
            Err(DomainError::RuleBroken { rule: got, .. }) => assert_eq!(got, rule),
            other => panic!("expected rule {rule}, got {other:?}"),
        }
    }

    #[track_caller]
    pub(crate) fn then_invalid(self, field: &str) {
        match self.result {
            Err(DomainError::Invalid { field: got, .. }) => assert_eq!(got, field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }

    #[track_caller]
    #[allow(dead_code)] // used by the aggregates whose rules name who may act
    pub(crate) fn then_forbidden(self) {
        assert!(
            matches!(self.result, Err(DomainError::Forbidden { .. })),
            "expected forbidden, got {:?}",
            self.result
        );
    }

    #[track_caller]
    pub(crate) fn then_not_found(self) {
        assert!(
            matches!(self.result, Err(DomainError::NotFound { .. })),
            "expected not found, got {:?}",
            self.result
        );
    }

    /// Subjects of the produced events, for checking journey indexing.
    #[track_caller]
    pub(crate) fn subjects(self) -> Vec<String> {
        let events = self.result.expect("command was rejected");
        let mut state = self.state;
        let mut all = Vec::new();
        for event in &events {
            state.apply(event);
            all.extend(state.subjects(self.id, event));
        }
        all
    }
}
