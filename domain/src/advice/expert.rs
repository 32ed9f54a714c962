//! Expert: a specialist from a provider organisation who answers participants' questions.
//!
//! The expert's id is the id behind their token (`actor.id` for role expert). Answering, in an
//! advice group or to an individual request, needs the expert's standing, which the command
//! layer looks up and places in the command ([`ExpertStanding`]).

use crate::event_types;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::error::Decision;
use crate::values::{required_text, AreaOfSupport};
use crate::{Actor, Aggregate, DomainError, DomainEvent, Role};

/// Registration data (staff register experts), and the current profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExpertProfile {
    pub name: String,
    /// The provider organisation the expert advises for.
    pub organisation: String,
    /// At least one area.
    pub areas: BTreeSet<AreaOfSupport>,
}

/// Profile changes; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateExpert {
    pub name: Option<String>,
    pub organisation: Option<String>,
    /// Repeated values count once, so the document does not promise unique items.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<AreaOfSupport>>, min_items = 1))]
    pub areas: Option<BTreeSet<AreaOfSupport>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExpertCommand {
    Register {
        expert_id: String,
        profile: ExpertProfile,
    },
    Update(UpdateExpert),
    Retire,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum ExpertEvent {
    ExpertRegistered {
        expert_id: String,
        profile: ExpertProfile,
    },
    /// Carries the whole profile after the change.
    ExpertProfileUpdated {
        expert_id: String,
        profile: ExpertProfile,
    },
    ExpertRetired {
        expert_id: String,
    },
}

impl DomainEvent for ExpertEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::ExpertRegistered { .. } => event_types::EXPERT_REGISTERED,
            Self::ExpertProfileUpdated { .. } => event_types::EXPERT_PROFILE_UPDATED,
            Self::ExpertRetired { .. } => event_types::EXPERT_RETIRED,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expert {
    pub expert_id: String,
    pub profile: Option<ExpertProfile>,
    pub retired: bool,
}

/// What an answer needs to know about the expert giving it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpertStanding {
    pub areas: BTreeSet<AreaOfSupport>,
    pub retired: bool,
}

impl Expert {
    pub fn standing(&self) -> Option<ExpertStanding> {
        self.profile.as_ref().map(|p| ExpertStanding {
            areas: p.areas.clone(),
            retired: self.retired,
        })
    }

    fn existing(&self) -> Result<&ExpertProfile, DomainError> {
        self.profile
            .as_ref()
            .ok_or(DomainError::NotFound { what: "expert" })
    }
}

/// Only experts answer: a caller with another role is refused (403); an expert token without
/// a registered, active expert behind it breaks a rule.
///
/// # Errors
/// `Forbidden`, or the rules `expert_not_registered` and `expert_retired`.
pub fn answering_expert<'a>(
    actor: &Actor,
    standing: Option<&'a ExpertStanding>,
) -> Result<&'a ExpertStanding, DomainError> {
    if actor.role != Role::Expert {
        return Err(DomainError::forbidden("only experts answer"));
    }
    let standing = standing.ok_or_else(|| {
        DomainError::rule(
            "expert_not_registered",
            "no registered expert has this token's id",
        )
    })?;
    if standing.retired {
        return Err(DomainError::rule(
            "expert_retired",
            "the expert has retired",
        ));
    }
    Ok(standing)
}

fn validated(p: ExpertProfile) -> Result<ExpertProfile, DomainError> {
    if p.areas.is_empty() {
        return Err(DomainError::invalid("areas", "name at least one area"));
    }
    Ok(ExpertProfile {
        name: required_text("name", &p.name, 200)?,
        organisation: required_text("organisation", &p.organisation, 200)?,
        areas: p.areas,
    })
}

impl Aggregate for Expert {
    const TYPE: &'static str = "Expert";
    type Command = ExpertCommand;
    type Event = ExpertEvent;

    fn decide(&self, command: ExpertCommand, actor: &Actor) -> Decision<ExpertEvent> {
        match command {
            ExpertCommand::Register { expert_id, profile } => {
                if self.profile.is_some() {
                    return Err(DomainError::rule(
                        "expert_already_registered",
                        "an expert with this id is already registered",
                    ));
                }
                Ok(vec![ExpertEvent::ExpertRegistered {
                    expert_id: required_text("expert_id", &expert_id, 200)?,
                    profile: validated(profile)?,
                }])
            }
            ExpertCommand::Update(cmd) => {
                let current = self.existing()?;
                let is_self = actor.role == Role::Expert && actor.id == self.expert_id;
                if !actor.is_staff() && !is_self {
                    return Err(DomainError::forbidden(
                        "only staff or the expert themselves edit an expert",
                    ));
                }
                if self.retired {
                    return Err(DomainError::rule(
                        "expert_retired",
                        "the expert has retired",
                    ));
                }
                let profile = validated(ExpertProfile {
                    name: cmd.name.unwrap_or_else(|| current.name.clone()),
                    organisation: cmd
                        .organisation
                        .unwrap_or_else(|| current.organisation.clone()),
                    areas: cmd.areas.unwrap_or_else(|| current.areas.clone()),
                })?;
                if &profile == current {
                    return Ok(vec![]);
                }
                Ok(vec![ExpertEvent::ExpertProfileUpdated {
                    expert_id: self.expert_id.clone(),
                    profile,
                }])
            }
            ExpertCommand::Retire => {
                self.existing()?;
                if self.retired {
                    return Err(DomainError::rule(
                        "expert_already_retired",
                        "the expert has already retired",
                    ));
                }
                Ok(vec![ExpertEvent::ExpertRetired {
                    expert_id: self.expert_id.clone(),
                }])
            }
        }
    }

    fn apply(&mut self, event: &ExpertEvent) {
        match event {
            ExpertEvent::ExpertRegistered { expert_id, profile }
            | ExpertEvent::ExpertProfileUpdated { expert_id, profile } => {
                self.expert_id.clone_from(expert_id);
                self.profile = Some(profile.clone());
            }
            ExpertEvent::ExpertRetired { .. } => self.retired = true,
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &ExpertEvent) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
