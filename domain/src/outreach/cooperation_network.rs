//! Cooperation network: organisations (of any country) that agree to work together; more
//! join later. A network with organisations from two or more countries is cross-border, which
//! is what the programme's cross-border cooperation indicator counts.

use crate::event_types;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::error::Decision;
use crate::values::{required_text, CountryCode};
use crate::{Actor, Aggregate, DomainError, DomainEvent};

const MAX_MEMBERS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    /// ISO 3166-1 alpha-2, e.g. `ES`, `PT`.
    pub country: CountryCode,
}

impl Organisation {
    fn validated(&self, field: &'static str) -> Result<Organisation, DomainError> {
        Ok(Organisation {
            name: required_text(field, &self.name, 200)?,
            country: CountryCode::parse(field, self.country.as_str())?,
        })
    }

    /// Two entries are the same organisation when name (ignoring case) and country match.
    fn key(&self) -> (String, CountryCode) {
        (self.name.to_lowercase(), self.country.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EstablishCooperationNetwork {
    pub name: String,
    /// The founding members: at least two distinct organisations.
    pub organisations: Vec<Organisation>,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CooperationNetworkCommand {
    Establish(EstablishCooperationNetwork),
    Join(Organisation),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum CooperationNetworkEvent {
    CooperationNetworkEstablished {
        name: String,
        organisations: Vec<Organisation>,
        purpose: String,
        /// Distinct countries of the founding members, sorted.
        countries: Vec<CountryCode>,
        cross_border: bool,
    },
    CooperationNetworkMemberJoined {
        organisation: Organisation,
        /// The network's countries and cross-border status after the join.
        countries: Vec<CountryCode>,
        cross_border: bool,
    },
}

impl DomainEvent for CooperationNetworkEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::CooperationNetworkEstablished { .. } => {
                event_types::COOPERATION_NETWORK_ESTABLISHED
            }
            Self::CooperationNetworkMemberJoined { .. } => {
                event_types::COOPERATION_NETWORK_MEMBER_JOINED
            }
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CooperationNetwork {
    /// `None` until established.
    pub name: Option<String>,
    pub purpose: String,
    /// Founders first, then members in joining order.
    pub organisations: Vec<Organisation>,
    pub countries: Vec<CountryCode>,
    pub cross_border: bool,
}

fn countries_of<'a>(organisations: impl Iterator<Item = &'a Organisation>) -> Vec<CountryCode> {
    let set: BTreeSet<CountryCode> = organisations.map(|o| o.country.clone()).collect();
    set.into_iter().collect()
}

impl CooperationNetwork {
    fn establish(&self, cmd: EstablishCooperationNetwork) -> Decision<CooperationNetworkEvent> {
        if self.name.is_some() {
            return Err(DomainError::rule(
                "cooperation_network_already_established",
                "a cooperation network with this id already exists",
            ));
        }
        if cmd.organisations.len() > MAX_MEMBERS {
            return Err(DomainError::invalid(
                "organisations",
                format!("at most {MAX_MEMBERS} organisations"),
            ));
        }
        let organisations = cmd
            .organisations
            .iter()
            .map(|o| o.validated("organisations"))
            .collect::<Result<Vec<_>, _>>()?;
        let distinct: BTreeSet<_> = organisations.iter().map(Organisation::key).collect();
        if distinct.len() != organisations.len() {
            return Err(DomainError::invalid(
                "organisations",
                "an organisation is listed twice",
            ));
        }
        if organisations.len() < 2 {
            return Err(DomainError::rule(
                "cooperation_network_needs_two_organisations",
                "a cooperation network is established between at least two organisations",
            ));
        }
        let countries = countries_of(organisations.iter());
        Ok(vec![
            CooperationNetworkEvent::CooperationNetworkEstablished {
                name: required_text("name", &cmd.name, 200)?,
                purpose: required_text("purpose", &cmd.purpose, 2_000)?,
                cross_border: countries.len() >= 2,
                countries,
                organisations,
            },
        ])
    }

    fn join(&self, organisation: &Organisation) -> Decision<CooperationNetworkEvent> {
        if self.name.is_none() {
            return Err(DomainError::NotFound {
                what: "cooperation network",
            });
        }
        let organisation = organisation.validated("organisation")?;
        if self
            .organisations
            .iter()
            .any(|o| o.key() == organisation.key())
        {
            return Err(DomainError::rule(
                "organisation_already_member",
                "this organisation is already a member of the network",
            ));
        }
        if self.organisations.len() >= MAX_MEMBERS {
            return Err(DomainError::rule(
                "cooperation_network_full",
                format!("a network has at most {MAX_MEMBERS} organisations"),
            ));
        }
        let countries = countries_of(
            self.organisations
                .iter()
                .chain(std::iter::once(&organisation)),
        );
        Ok(vec![
            CooperationNetworkEvent::CooperationNetworkMemberJoined {
                organisation,
                cross_border: countries.len() >= 2,
                countries,
            },
        ])
    }
}

impl Aggregate for CooperationNetwork {
    const TYPE: &'static str = "CooperationNetwork";
    type Command = CooperationNetworkCommand;
    type Event = CooperationNetworkEvent;

    fn decide(
        &self,
        command: CooperationNetworkCommand,
        _actor: &Actor,
    ) -> Decision<CooperationNetworkEvent> {
        match command {
            CooperationNetworkCommand::Establish(cmd) => self.establish(cmd),
            CooperationNetworkCommand::Join(organisation) => self.join(&organisation),
        }
    }

    fn apply(&mut self, event: &CooperationNetworkEvent) {
        match event.clone() {
            CooperationNetworkEvent::CooperationNetworkEstablished {
                name,
                organisations,
                purpose,
                countries,
                cross_border,
            } => {
                self.name = Some(name);
                self.purpose = purpose;
                self.organisations = organisations;
                self.countries = countries;
                self.cross_border = cross_border;
            }
            CooperationNetworkEvent::CooperationNetworkMemberJoined {
                organisation,
                countries,
                cross_border,
            } => {
                self.organisations.push(organisation);
                self.countries = countries;
                self.cross_border = cross_border;
            }
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &CooperationNetworkEvent) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
