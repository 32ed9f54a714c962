//! Programme event: a networking meeting, informative session, expert forum, discussion group
//! or training, from scheduling through registrations to being held (with its attendance) or
//! cancelled.
//!
//! Holding an event and recording who came are one command ([`HoldProgrammeEvent`]): the
//! sign-in sheet is what proves the event took place, so there is no "held" without
//! attendance and no second attendance list to reconcile. Attendees with a platform account are
//! listed by participant id (each must be registered; a duplicate is refused as a mistyped
//! sheet); people without an account are counted as walk-ins.

use serde::{Deserialize, Serialize};

use crate::error::Decision;
use crate::values::required_text;
use crate::{Actor, Aggregate, DomainError};

mod types;
pub use types::{
    HoldProgrammeEvent, ProgrammeEventCommand, ProgrammeEventEvent, ProgrammeEventKind,
    ProgrammeEventStatus, ScheduleProgrammeEvent, MAX_ATTENDEES,
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeEvent {
    pub status: ProgrammeEventStatus,
    pub details: Option<ScheduleProgrammeEvent>,
    /// In registration order.
    pub registered_participants: Vec<String>,
    pub attendee_ids: Vec<String>,
    pub walk_ins: u32,
    pub cancellation_reason: Option<String>,
}

impl ProgrammeEvent {
    fn existing(&self) -> Result<&ScheduleProgrammeEvent, DomainError> {
        self.details.as_ref().ok_or(DomainError::NotFound {
            what: "programme event",
        })
    }

    fn schedule(&self, cmd: ScheduleProgrammeEvent) -> Decision<ProgrammeEventEvent> {
        if self.details.is_some() {
            return Err(DomainError::rule(
                "programme_event_already_scheduled",
                "a programme event with this id already exists",
            ));
        }
        if cmd.languages.is_empty() {
            return Err(DomainError::invalid(
                "languages",
                "needs at least one of es, pt or en",
            ));
        }
        Ok(vec![ProgrammeEventEvent::ProgrammeEventScheduled {
            kind: cmd.kind,
            title: required_text("title", &cmd.title, 200)?,
            city: required_text("city", &cmd.city, 100)?,
            country: cmd.country,
            date: cmd.date,
            languages: cmd.languages,
            organiser: required_text("organiser", &cmd.organiser, 200)?,
        }])
    }

    fn register(&self, participant_id: String, registered: bool) -> Decision<ProgrammeEventEvent> {
        let details = self.existing()?;
        if self.status != ProgrammeEventStatus::Scheduled {
            return Err(DomainError::rule(
                "programme_event_registration_closed",
                "registration closes once an event is held or cancelled",
            ));
        }
        if !registered {
            return Err(DomainError::NotFound {
                what: "participant",
            });
        }
        if self.registered_participants.contains(&participant_id) {
            return Err(DomainError::rule(
                "already_registered_for_programme_event",
                "the participant is already registered for this event",
            ));
        }
        Ok(vec![
            ProgrammeEventEvent::ProgrammeEventParticipantRegistered {
                participant_id,
                kind: details.kind,
                date: details.date,
            },
        ])
    }

    fn hold(
        &self,
        attendance: HoldProgrammeEvent,
        unregistered: &[String],
    ) -> Decision<ProgrammeEventEvent> {
        let details = self.existing()?;
        self.require_scheduled()?;
        attendance.validated()?;
        if let Some(id) = unregistered.first() {
            return Err(DomainError::rule(
                "attendee_not_registered",
                format!("participant {id} is not registered on the platform"),
            ));
        }
        let account_holders = u32::try_from(attendance.attendee_ids.len()).unwrap_or(u32::MAX);
        let held = ProgrammeEventEvent::ProgrammeEventHeld {
            kind: details.kind,
            country: details.country,
            date: details.date,
            registrations: u32::try_from(self.registered_participants.len()).unwrap_or(u32::MAX),
            walk_ins: attendance.walk_ins,
            total_attendance: account_holders.saturating_add(attendance.walk_ins),
        };
        let attended = attendance.attendee_ids.into_iter().map(|participant_id| {
            ProgrammeEventEvent::ProgrammeEventAttended {
                participant_id,
                kind: details.kind,
                country: details.country,
                date: details.date,
            }
        });
        Ok(std::iter::once(held).chain(attended).collect())
    }

    fn require_scheduled(&self) -> Result<(), DomainError> {
        match self.status {
            ProgrammeEventStatus::Held => Err(DomainError::rule(
                "programme_event_already_held",
                "the event was already held",
            )),
            ProgrammeEventStatus::Cancelled => Err(DomainError::rule(
                "programme_event_cancelled",
                "the event was cancelled",
            )),
            ProgrammeEventStatus::NotScheduled | ProgrammeEventStatus::Scheduled => Ok(()),
        }
    }
}

impl Aggregate for ProgrammeEvent {
    const TYPE: &'static str = "ProgrammeEvent";
    type Command = ProgrammeEventCommand;
    type Event = ProgrammeEventEvent;

    fn decide(&self, command: ProgrammeEventCommand, _actor: &Actor) -> Decision<Self::Event> {
        match command {
            ProgrammeEventCommand::Schedule(cmd) => self.schedule(cmd),
            ProgrammeEventCommand::Register {
                participant_id,
                participant_registered,
            } => self.register(participant_id, participant_registered),
            ProgrammeEventCommand::Hold {
                attendance,
                unregistered,
            } => self.hold(attendance, &unregistered),
            ProgrammeEventCommand::Cancel { reason } => {
                self.existing()?;
                self.require_scheduled()?;
                Ok(vec![ProgrammeEventEvent::ProgrammeEventCancelled {
                    reason: required_text("reason", &reason, 500)?,
                }])
            }
        }
    }

    fn apply(&mut self, event: &ProgrammeEventEvent) {
        match event.clone() {
            ProgrammeEventEvent::ProgrammeEventScheduled {
                kind,
                title,
                city,
                country,
                date,
                languages,
                organiser,
            } => {
                self.status = ProgrammeEventStatus::Scheduled;
                self.details = Some(ScheduleProgrammeEvent {
                    kind,
                    title,
                    city,
                    country,
                    date,
                    languages,
                    organiser,
                });
            }
            ProgrammeEventEvent::ProgrammeEventParticipantRegistered { participant_id, .. } => {
                self.registered_participants.push(participant_id);
            }
            ProgrammeEventEvent::ProgrammeEventHeld { walk_ins, .. } => {
                self.status = ProgrammeEventStatus::Held;
                self.walk_ins = walk_ins;
            }
            ProgrammeEventEvent::ProgrammeEventAttended { participant_id, .. } => {
                self.attendee_ids.push(participant_id);
            }
            ProgrammeEventEvent::ProgrammeEventCancelled { reason } => {
                self.status = ProgrammeEventStatus::Cancelled;
                self.cancellation_reason = Some(reason);
            }
        }
    }

    /// A registration concerns its participant, an attendance its attendee, and a
    /// cancellation everyone who had registered (it changes their plans).
    fn subjects(&self, _aggregate_id: &str, event: &ProgrammeEventEvent) -> Vec<String> {
        match event {
            ProgrammeEventEvent::ProgrammeEventParticipantRegistered { participant_id, .. } => {
                vec![participant_id.clone()]
            }
            ProgrammeEventEvent::ProgrammeEventAttended { participant_id, .. } => {
                vec![participant_id.clone()]
            }
            ProgrammeEventEvent::ProgrammeEventCancelled { .. } => {
                self.registered_participants.clone()
            }
            ProgrammeEventEvent::ProgrammeEventScheduled { .. }
            | ProgrammeEventEvent::ProgrammeEventHeld { .. } => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
