//! Mentor: a volunteer or professional who accompanies participants, up to a capacity.
//!
//! The mentor's id is the id behind their token (`actor.id` for role mentor). The mentor's
//! stream is the consistency boundary for capacity: accepting a mentee first takes a slot here
//! ([`MentorCommand::TakeMentee`]), so two acceptances racing for the last slot collide on this
//! stream and exactly one of them gets it.

use crate::event_types;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::error::Decision;
use crate::values::{required_text, AreaOfSupport, Language};
use crate::{Actor, Aggregate, DomainError, DomainEvent, Role};

/// Registration data (staff register mentors), and the current profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MentorProfile {
    pub name: String,
    /// At least one of the programme's topics.
    pub areas_of_expertise: BTreeSet<AreaOfSupport>,
    /// At least one language the mentor works in.
    pub languages: BTreeSet<Language>,
    /// A short bio (at most 2000 characters).
    pub bio: String,
    /// Active mentees at a time (1–20).
    pub capacity: u8,
}

/// Profile changes; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMentor {
    pub name: Option<String>,
    /// Repeated values count once, so the document does not promise unique items.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<AreaOfSupport>>, min_items = 1))]
    pub areas_of_expertise: Option<BTreeSet<AreaOfSupport>>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<Language>>, min_items = 1))]
    pub languages: Option<BTreeSet<Language>>,
    pub bio: Option<String>,
    pub capacity: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MentorCommand {
    Register {
        mentor_id: String,
        profile: MentorProfile,
    },
    Update(UpdateMentor),
    Retire,
    /// Issued by the command layer when the mentor accepts `mentorship_id`.
    TakeMentee {
        mentorship_id: String,
    },
    /// Issued by the command layer once `mentorship_id` has ended.
    ReleaseMentee {
        mentorship_id: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum MentorEvent {
    MentorRegistered {
        mentor_id: String,
        profile: MentorProfile,
    },
    /// Carries the whole profile after the change.
    MentorProfileUpdated {
        mentor_id: String,
        profile: MentorProfile,
    },
    MentorRetired {
        mentor_id: String,
        active_mentees: u32,
    },
    MenteeTaken {
        mentor_id: String,
        mentorship_id: String,
        active_mentees: u32,
        capacity: u8,
    },
    MenteeReleased {
        mentor_id: String,
        mentorship_id: String,
        active_mentees: u32,
    },
}

impl DomainEvent for MentorEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::MentorRegistered { .. } => event_types::MENTOR_REGISTERED,
            Self::MentorProfileUpdated { .. } => event_types::MENTOR_PROFILE_UPDATED,
            Self::MentorRetired { .. } => event_types::MENTOR_RETIRED,
            Self::MenteeTaken { .. } => event_types::MENTEE_TAKEN,
            Self::MenteeReleased { .. } => event_types::MENTEE_RELEASED,
        }
    }
}

/// Whether a mentor can be asked for mentoring: a fact placed in mentorship requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MentorStatus {
    Active,
    Retired,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mentor {
    pub mentor_id: String,
    pub profile: Option<MentorProfile>,
    pub retired: bool,
    /// Mentorships holding one of the mentor's slots.
    pub active_mentorships: BTreeSet<String>,
}

fn validated(p: MentorProfile) -> Result<MentorProfile, DomainError> {
    if p.areas_of_expertise.is_empty() {
        return Err(DomainError::invalid(
            "areas_of_expertise",
            "name at least one area",
        ));
    }
    if p.languages.is_empty() {
        return Err(DomainError::invalid("languages", "name at least one"));
    }
    if !(1..=20).contains(&p.capacity) {
        return Err(DomainError::invalid("capacity", "must be between 1 and 20"));
    }
    Ok(MentorProfile {
        name: required_text("name", &p.name, 200)?,
        bio: required_text("bio", &p.bio, 2_000)?,
        ..p
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Mentor {
    pub fn status(&self) -> Option<MentorStatus> {
        self.profile.as_ref().map(|_| {
            if self.retired {
                MentorStatus::Retired
            } else {
                MentorStatus::Active
            }
        })
    }

    fn existing(&self) -> Result<&MentorProfile, DomainError> {
        self.profile
            .as_ref()
            .ok_or(DomainError::NotFound { what: "mentor" })
    }

    fn is_self(&self, actor: &Actor) -> bool {
        actor.role == Role::Mentor && actor.id == self.mentor_id
    }

    fn not_retired(&self) -> Result<(), DomainError> {
        if self.retired {
            return Err(DomainError::rule(
                "mentor_retired",
                "the mentor has retired",
            ));
        }
        Ok(())
    }

    fn update(&self, cmd: UpdateMentor, actor: &Actor) -> Decision<MentorEvent> {
        let current = self.existing()?;
        if !actor.is_staff() && !self.is_self(actor) {
            return Err(DomainError::forbidden(
                "only staff or the mentor themselves edit a mentor",
            ));
        }
        self.not_retired()?;
        let profile = validated(MentorProfile {
            name: cmd.name.unwrap_or_else(|| current.name.clone()),
            areas_of_expertise: cmd
                .areas_of_expertise
                .unwrap_or_else(|| current.areas_of_expertise.clone()),
            languages: cmd.languages.unwrap_or_else(|| current.languages.clone()),
            bio: cmd.bio.unwrap_or_else(|| current.bio.clone()),
            capacity: cmd.capacity.unwrap_or(current.capacity),
        })?;
        if usize::from(profile.capacity) < self.active_mentorships.len() {
            return Err(DomainError::rule(
                "capacity_below_active_mentees",
                format!(
                    "the mentor has {} active mentees; close some first",
                    self.active_mentorships.len()
                ),
            ));
        }
        if &profile == current {
            return Ok(vec![]);
        }
        Ok(vec![MentorEvent::MentorProfileUpdated {
            mentor_id: self.mentor_id.clone(),
            profile,
        }])
    }

    fn take(&self, mentorship_id: String, actor: &Actor) -> Decision<MentorEvent> {
        let profile = self.existing()?;
        if !actor.is_staff() && !self.is_self(actor) {
            return Err(DomainError::forbidden(
                "only the mentor takes on their mentees",
            ));
        }
        if self.active_mentorships.contains(&mentorship_id) {
            return Ok(vec![]);
        }
        self.not_retired()?;
        if self.active_mentorships.len() >= usize::from(profile.capacity) {
            return Err(DomainError::rule(
                "mentor_at_capacity",
                format!(
                    "the mentor already has {} active mentees, their capacity",
                    profile.capacity
                ),
            ));
        }
        Ok(vec![MentorEvent::MenteeTaken {
            mentor_id: self.mentor_id.clone(),
            mentorship_id,
            active_mentees: count(self.active_mentorships.len() + 1),
            capacity: profile.capacity,
        }])
    }
}

impl Aggregate for Mentor {
    const TYPE: &'static str = "Mentor";
    type Command = MentorCommand;
    type Event = MentorEvent;

    fn decide(&self, command: MentorCommand, actor: &Actor) -> Decision<MentorEvent> {
        match command {
            MentorCommand::Register { mentor_id, profile } => {
                if self.profile.is_some() {
                    return Err(DomainError::rule(
                        "mentor_already_registered",
                        "a mentor with this id is already registered",
                    ));
                }
                Ok(vec![MentorEvent::MentorRegistered {
                    mentor_id: required_text("mentor_id", &mentor_id, 200)?,
                    profile: validated(profile)?,
                }])
            }
            MentorCommand::Update(cmd) => self.update(cmd, actor),
            MentorCommand::Retire => {
                self.existing()?;
                if self.retired {
                    return Err(DomainError::rule(
                        "mentor_already_retired",
                        "the mentor has already retired",
                    ));
                }
                Ok(vec![MentorEvent::MentorRetired {
                    mentor_id: self.mentor_id.clone(),
                    active_mentees: count(self.active_mentorships.len()),
                }])
            }
            MentorCommand::TakeMentee { mentorship_id } => self.take(mentorship_id, actor),
            MentorCommand::ReleaseMentee { mentorship_id } => {
                self.existing()?;
                if !self.active_mentorships.contains(&mentorship_id) {
                    return Ok(vec![]);
                }
                Ok(vec![MentorEvent::MenteeReleased {
                    mentor_id: self.mentor_id.clone(),
                    mentorship_id,
                    active_mentees: count(self.active_mentorships.len() - 1),
                }])
            }
        }
    }

    fn apply(&mut self, event: &MentorEvent) {
        match event {
            MentorEvent::MentorRegistered { mentor_id, profile }
            | MentorEvent::MentorProfileUpdated { mentor_id, profile } => {
                self.mentor_id.clone_from(mentor_id);
                self.profile = Some(profile.clone());
            }
            MentorEvent::MentorRetired { .. } => self.retired = true,
            MentorEvent::MenteeTaken { mentorship_id, .. } => {
                self.active_mentorships.insert(mentorship_id.clone());
            }
            MentorEvent::MenteeReleased { mentorship_id, .. } => {
                self.active_mentorships.remove(mentorship_id);
            }
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &MentorEvent) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
