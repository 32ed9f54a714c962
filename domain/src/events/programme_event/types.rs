//! The programme event's commands, events and payloads; its behaviour is in
//! `programme_event.rs`.

use crate::event_types;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::values::{Language, ProgrammeCountry};
use crate::{DomainError, DomainEvent};

/// At most this many account holders on one attendance list (the HTTP body limit is lower).
pub const MAX_ATTENDEES: usize = 5_000;
const MAX_WALK_INS: u32 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeEventKind {
    Networking,
    Informative,
    ExpertForum,
    DiscussionGroup,
    Training,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleProgrammeEvent {
    pub kind: ProgrammeEventKind,
    pub title: String,
    pub city: String,
    pub country: ProgrammeCountry,
    #[serde(deserialize_with = "crate::dates::strict")]
    pub date: chrono::NaiveDate,
    /// At least one; duplicates collapse.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Language>, min_items = 1))]
    pub languages: BTreeSet<Language>,
    /// The partner organisation that runs it.
    pub organiser: String,
}

/// The sign-in sheet of a held event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HoldProgrammeEvent {
    /// Registered participants who attended, each once (registered for the event or not).
    #[serde(default)]
    pub attendee_ids: Vec<String>,
    /// People who attended without a platform account.
    #[serde(default)]
    pub walk_ins: u32,
}

impl HoldProgrammeEvent {
    /// Checks the sheet's shape, so the command layer can do it before looking attendees up.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] naming `attendee_ids` or `walk_ins`.
    pub fn validated(&self) -> Result<(), DomainError> {
        if self.attendee_ids.len() > MAX_ATTENDEES {
            return Err(DomainError::invalid(
                "attendee_ids",
                format!("at most {MAX_ATTENDEES} attendees per event"),
            ));
        }
        let mut seen = BTreeSet::new();
        for id in &self.attendee_ids {
            if id.trim().is_empty() {
                return Err(DomainError::invalid("attendee_ids", "an id is empty"));
            }
            if !seen.insert(id.as_str()) {
                return Err(DomainError::invalid(
                    "attendee_ids",
                    format!("participant {id} is listed twice"),
                ));
            }
        }
        if self.walk_ins > MAX_WALK_INS {
            return Err(DomainError::invalid("walk_ins", "is implausibly large"));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProgrammeEventCommand {
    Schedule(ScheduleProgrammeEvent),
    /// `participant_registered` is looked up by the command layer.
    Register {
        participant_id: String,
        participant_registered: bool,
    },
    /// `unregistered` lists the attendee ids the command layer found no participant for.
    Hold {
        attendance: HoldProgrammeEvent,
        unregistered: Vec<String>,
    },
    Cancel {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum ProgrammeEventEvent {
    ProgrammeEventScheduled {
        kind: ProgrammeEventKind,
        title: String,
        city: String,
        country: ProgrammeCountry,
        date: chrono::NaiveDate,
        languages: BTreeSet<Language>,
        organiser: String,
    },
    ProgrammeEventParticipantRegistered {
        participant_id: String,
        kind: ProgrammeEventKind,
        date: chrono::NaiveDate,
    },
    ProgrammeEventHeld {
        kind: ProgrammeEventKind,
        country: ProgrammeCountry,
        date: chrono::NaiveDate,
        /// Registered participants before the event, for no-show rates.
        registrations: u32,
        /// People who came without an account (counted at the door).
        walk_ins: u32,
        /// Account holders who attended plus walk-ins.
        total_attendance: u32,
    },
    /// One account holder attended. One event per attendee, so each is in that attendee's
    /// journey only and attendees never see each other; walk-ins are counted on the holding.
    ProgrammeEventAttended {
        participant_id: String,
        kind: ProgrammeEventKind,
        country: ProgrammeCountry,
        date: chrono::NaiveDate,
    },
    ProgrammeEventCancelled {
        reason: String,
    },
}

impl DomainEvent for ProgrammeEventEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::ProgrammeEventScheduled { .. } => event_types::PROGRAMME_EVENT_SCHEDULED,
            Self::ProgrammeEventParticipantRegistered { .. } => {
                event_types::PROGRAMME_EVENT_PARTICIPANT_REGISTERED
            }
            Self::ProgrammeEventHeld { .. } => event_types::PROGRAMME_EVENT_HELD,
            Self::ProgrammeEventAttended { .. } => event_types::PROGRAMME_EVENT_ATTENDED,
            Self::ProgrammeEventCancelled { .. } => event_types::PROGRAMME_EVENT_CANCELLED,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeEventStatus {
    #[default]
    NotScheduled,
    Scheduled,
    Held,
    Cancelled,
}
