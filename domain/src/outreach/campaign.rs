//! Outreach campaign: a dissemination effort whose reach is recorded per channel, many times
//! (a poster run, a radio slot, a month of Facebook posts…), each with the number of people
//! it reached.

use crate::event_types;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::error::Decision;
use crate::values::{required_text, ProgrammeCountry};
use crate::{Actor, Aggregate, DomainError, DomainEvent};

/// People reached in one record at most; larger figures are typos.
const MAX_REACH: u32 = 50_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutreachChannel {
    Posters,
    Facebook,
    Twitter,
    Youtube,
    Newsletter,
    Tv,
    Radio,
    InternetAccessPoints,
    PartnerWebsites,
    Events,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateOutreachCampaign {
    pub name: String,
    /// The partner organisation that runs it.
    pub organiser: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordOutreachReach {
    pub channel: OutreachChannel,
    /// Greater than zero.
    pub people_reached: u32,
    /// The day (or the last day of the period) the reach was measured.
    #[serde(deserialize_with = "crate::dates::strict")]
    pub on: chrono::NaiveDate,
    #[serde(default)]
    pub municipality: Option<String>,
    /// Where the people were reached, for the evaluation's Spain/Portugal breakdown.
    #[serde(default)]
    pub country: Option<ProgrammeCountry>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum OutreachCommand {
    Create(CreateOutreachCampaign),
    RecordReach(RecordOutreachReach),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum OutreachEvent {
    OutreachCampaignCreated {
        name: String,
        organiser: String,
    },
    OutreachReachRecorded {
        channel: OutreachChannel,
        people_reached: u32,
        on: chrono::NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        municipality: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        country: Option<ProgrammeCountry>,
    },
}

impl DomainEvent for OutreachEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::OutreachCampaignCreated { .. } => event_types::OUTREACH_CAMPAIGN_CREATED,
            Self::OutreachReachRecorded { .. } => event_types::OUTREACH_REACH_RECORDED,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutreachCampaign {
    pub name: Option<String>,
    pub organiser: String,
    /// Sum of every record, per channel. The same person reached twice counts twice.
    pub reached_by_channel: BTreeMap<OutreachChannel, u64>,
    pub total_reached: u64,
    pub records: u32,
}

impl Aggregate for OutreachCampaign {
    const TYPE: &'static str = "OutreachCampaign";
    type Command = OutreachCommand;
    type Event = OutreachEvent;

    fn dates_of_facts(command: &OutreachCommand) -> Vec<(&'static str, chrono::NaiveDate)> {
        match command {
            OutreachCommand::RecordReach(reach) => vec![("on", reach.on)],
            OutreachCommand::Create(_) => Vec::new(),
        }
    }

    fn decide(&self, command: OutreachCommand, _actor: &Actor) -> Decision<OutreachEvent> {
        match command {
            OutreachCommand::Create(cmd) => {
                if self.name.is_some() {
                    return Err(DomainError::rule(
                        "outreach_campaign_already_exists",
                        "an outreach campaign with this id already exists",
                    ));
                }
                Ok(vec![OutreachEvent::OutreachCampaignCreated {
                    name: required_text("name", &cmd.name, 200)?,
                    organiser: required_text("organiser", &cmd.organiser, 200)?,
                }])
            }
            OutreachCommand::RecordReach(cmd) => {
                if self.name.is_none() {
                    return Err(DomainError::NotFound {
                        what: "outreach campaign",
                    });
                }
                if cmd.people_reached == 0 {
                    return Err(DomainError::invalid(
                        "people_reached",
                        "must be greater than zero",
                    ));
                }
                if cmd.people_reached > MAX_REACH {
                    return Err(DomainError::invalid(
                        "people_reached",
                        "is implausibly large",
                    ));
                }
                let municipality = cmd
                    .municipality
                    .map(|m| required_text("municipality", &m, 100))
                    .transpose()?;
                Ok(vec![OutreachEvent::OutreachReachRecorded {
                    channel: cmd.channel,
                    people_reached: cmd.people_reached,
                    on: cmd.on,
                    municipality,
                    country: cmd.country,
                }])
            }
        }
    }

    fn apply(&mut self, event: &OutreachEvent) {
        match event {
            OutreachEvent::OutreachCampaignCreated { name, organiser } => {
                self.name = Some(name.clone());
                self.organiser.clone_from(organiser);
            }
            OutreachEvent::OutreachReachRecorded {
                channel,
                people_reached,
                ..
            } => {
                *self.reached_by_channel.entry(*channel).or_default() += u64::from(*people_reached);
                self.total_reached += u64::from(*people_reached);
                self.records += 1;
            }
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &OutreachEvent) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
