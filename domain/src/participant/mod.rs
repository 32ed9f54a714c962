//! Participant: an entrepreneur (often a migrant) registered with the programme.

use crate::event_types;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::error::Decision;
use crate::values::{
    email, required_text, AcquisitionChannel, CountryCode, Gender, Language, MigrantStatus,
    ProgrammeCountry,
};
use crate::{Actor, Aggregate, DomainError, DomainEvent};

/// Registration data, as given at the staff desk, on the web or in the apps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterParticipant {
    pub name: String,
    pub email: String,
    pub preferred_language: Language,
    pub country_of_residence: ProgrammeCountry,
    pub municipality: String,
    /// ISO 3166-1 alpha-2.
    pub country_of_origin: String,
    pub migrant_status: MigrantStatus,
    pub gender: Gender,
    pub channel: AcquisitionChannel,
}

/// Profile changes; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateProfile {
    pub name: Option<String>,
    pub email: Option<String>,
    pub preferred_language: Option<Language>,
    pub country_of_residence: Option<ProgrammeCountry>,
    pub municipality: Option<String>,
    pub country_of_origin: Option<String>,
    pub migrant_status: Option<MigrantStatus>,
    pub gender: Option<Gender>,
}

/// What a participant may consent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentPurpose {
    DataProcessing,
    Newsletter,
    ContactByMentors,
    SuccessStoryPublication,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ParticipantCommand {
    Register(RegisterParticipant),
    UpdateProfile(UpdateProfile),
    GiveConsent(ConsentPurpose),
    WithdrawConsent(ConsentPurpose),
    DeclareSelfEmployment { activity: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum ParticipantEvent {
    ParticipantRegistered {
        name: String,
        email: String,
        preferred_language: Language,
        country_of_residence: ProgrammeCountry,
        municipality: String,
        country_of_origin: CountryCode,
        migrant_status: MigrantStatus,
        gender: Gender,
        channel: AcquisitionChannel,
    },
    ParticipantProfileUpdated {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        preferred_language: Option<Language>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        country_of_residence: Option<ProgrammeCountry>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        municipality: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        country_of_origin: Option<CountryCode>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        migrant_status: Option<MigrantStatus>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        gender: Option<Gender>,
    },
    ConsentGiven {
        purpose: ConsentPurpose,
    },
    ConsentWithdrawn {
        purpose: ConsentPurpose,
    },
    SelfEmploymentDeclared {
        activity: String,
    },
}

impl DomainEvent for ParticipantEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::ParticipantRegistered { .. } => event_types::PARTICIPANT_REGISTERED,
            Self::ParticipantProfileUpdated { .. } => event_types::PARTICIPANT_PROFILE_UPDATED,
            Self::ConsentGiven { .. } => event_types::CONSENT_GIVEN,
            Self::ConsentWithdrawn { .. } => event_types::CONSENT_WITHDRAWN,
            Self::SelfEmploymentDeclared { .. } => event_types::SELF_EMPLOYMENT_DECLARED,
        }
    }
}

/// A participant's current profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub preferred_language: Language,
    pub country_of_residence: ProgrammeCountry,
    pub municipality: String,
    pub country_of_origin: CountryCode,
    pub migrant_status: MigrantStatus,
    pub gender: Gender,
    pub channel: AcquisitionChannel,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participant {
    pub profile: Option<Profile>,
    pub consents: BTreeSet<ConsentPurpose>,
    pub self_employed: bool,
}

impl Participant {
    pub fn is_registered(&self) -> bool {
        self.profile.is_some()
    }

    fn register(&self, cmd: RegisterParticipant) -> Decision<ParticipantEvent> {
        if self.is_registered() {
            return Err(DomainError::rule(
                "participant_already_registered",
                "this participant is already registered",
            ));
        }
        Ok(vec![ParticipantEvent::ParticipantRegistered {
            name: required_text("name", &cmd.name, 200)?,
            email: email(&cmd.email)?,
            preferred_language: cmd.preferred_language,
            country_of_residence: cmd.country_of_residence,
            municipality: required_text("municipality", &cmd.municipality, 120)?,
            country_of_origin: CountryCode::parse("country_of_origin", &cmd.country_of_origin)?,
            migrant_status: cmd.migrant_status,
            gender: cmd.gender,
            channel: cmd.channel,
        }])
    }

    fn update(&self, cmd: UpdateProfile) -> Decision<ParticipantEvent> {
        let current = self.profile.as_ref().ok_or(DomainError::NotFound {
            what: "participant",
        })?;
        // Only real changes are recorded, so re-sending a form appends nothing.
        fn changed<T: PartialEq>(new: Option<T>, old: &T) -> Option<T> {
            new.filter(|value| value != old)
        }
        let name = cmd
            .name
            .map(|v| required_text("name", &v, 200))
            .transpose()?;
        let mail = cmd.email.map(|v| email(&v)).transpose()?;
        let municipality = cmd
            .municipality
            .map(|v| required_text("municipality", &v, 120))
            .transpose()?;
        let origin = cmd
            .country_of_origin
            .map(|v| CountryCode::parse("country_of_origin", &v))
            .transpose()?;
        let event = ParticipantEvent::ParticipantProfileUpdated {
            name: changed(name, &current.name),
            email: changed(mail, &current.email),
            preferred_language: changed(cmd.preferred_language, &current.preferred_language),
            country_of_residence: changed(cmd.country_of_residence, &current.country_of_residence),
            municipality: changed(municipality, &current.municipality),
            country_of_origin: changed(origin, &current.country_of_origin),
            migrant_status: changed(cmd.migrant_status, &current.migrant_status),
            gender: changed(cmd.gender, &current.gender),
        };
        let nothing = ParticipantEvent::ParticipantProfileUpdated {
            name: None,
            email: None,
            preferred_language: None,
            country_of_residence: None,
            municipality: None,
            country_of_origin: None,
            migrant_status: None,
            gender: None,
        };
        Ok(if event == nothing {
            vec![]
        } else {
            vec![event]
        })
    }

    fn require_registered(&self) -> Result<(), DomainError> {
        if self.is_registered() {
            Ok(())
        } else {
            Err(DomainError::NotFound {
                what: "participant",
            })
        }
    }
}

impl Aggregate for Participant {
    const TYPE: &'static str = "Participant";
    type Command = ParticipantCommand;
    type Event = ParticipantEvent;

    fn decide(&self, command: ParticipantCommand, _actor: &Actor) -> Decision<ParticipantEvent> {
        match command {
            ParticipantCommand::Register(cmd) => self.register(cmd),
            ParticipantCommand::UpdateProfile(cmd) => self.update(cmd),
            ParticipantCommand::GiveConsent(purpose) => {
                self.require_registered()?;
                // Giving a consent already held changes nothing.
                Ok(if self.consents.contains(&purpose) {
                    vec![]
                } else {
                    vec![ParticipantEvent::ConsentGiven { purpose }]
                })
            }
            ParticipantCommand::WithdrawConsent(purpose) => {
                self.require_registered()?;
                if !self.consents.contains(&purpose) {
                    return Err(DomainError::rule(
                        "consent_not_given",
                        "there is no such consent to withdraw",
                    ));
                }
                Ok(vec![ParticipantEvent::ConsentWithdrawn { purpose }])
            }
            ParticipantCommand::DeclareSelfEmployment { activity } => {
                self.require_registered()?;
                if self.self_employed {
                    return Err(DomainError::rule(
                        "already_self_employed",
                        "self-employment was already declared",
                    ));
                }
                Ok(vec![ParticipantEvent::SelfEmploymentDeclared {
                    activity: required_text("activity", &activity, 200)?,
                }])
            }
        }
    }

    fn apply(&mut self, event: &ParticipantEvent) {
        match event.clone() {
            ParticipantEvent::ParticipantRegistered {
                name,
                email,
                preferred_language,
                country_of_residence,
                municipality,
                country_of_origin,
                migrant_status,
                gender,
                channel,
            } => {
                self.profile = Some(Profile {
                    name,
                    email,
                    preferred_language,
                    country_of_residence,
                    municipality,
                    country_of_origin,
                    migrant_status,
                    gender,
                    channel,
                });
            }
            ParticipantEvent::ParticipantProfileUpdated {
                name,
                email,
                preferred_language,
                country_of_residence,
                municipality,
                country_of_origin,
                migrant_status,
                gender,
            } => {
                if let Some(p) = self.profile.as_mut() {
                    p.name = name.unwrap_or(p.name.clone());
                    p.email = email.unwrap_or(p.email.clone());
                    p.preferred_language = preferred_language.unwrap_or(p.preferred_language);
                    p.country_of_residence = country_of_residence.unwrap_or(p.country_of_residence);
                    p.municipality = municipality.unwrap_or(p.municipality.clone());
                    p.country_of_origin = country_of_origin.unwrap_or(p.country_of_origin.clone());
                    p.migrant_status = migrant_status.unwrap_or(p.migrant_status);
                    p.gender = gender.unwrap_or(p.gender);
                }
            }
            ParticipantEvent::ConsentGiven { purpose } => {
                self.consents.insert(purpose);
            }
            ParticipantEvent::ConsentWithdrawn { purpose } => {
                self.consents.remove(&purpose);
            }
            ParticipantEvent::SelfEmploymentDeclared { .. } => self.self_employed = true,
        }
    }

    fn subjects(&self, aggregate_id: &str, _event: &ParticipantEvent) -> Vec<String> {
        vec![aggregate_id.to_owned()]
    }
}

#[cfg(test)]
mod tests;
