//! Who decides: the authenticated caller, passed to every decision.
//!
//! Role policy ("who may send this kind of command") lives in the command layer; rules that
//! depend on an aggregate's state ("only the seller edits this listing", "only that mentor
//! accepts") live in the aggregates and read the [`Actor`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What an authenticated caller may be. Stored in every event's `actor_role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Participant,
    Mentor,
    Expert,
    Staff,
    Evaluator,
    Analyst,
    Admin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Participant,
        Role::Mentor,
        Role::Expert,
        Role::Staff,
        Role::Evaluator,
        Role::Analyst,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Mentor => "mentor",
            Role::Expert => "expert",
            Role::Staff => "staff",
            Role::Evaluator => "evaluator",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role {s:?}"))
    }
}

/// The caller a decision is made for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// A participant, mentor or expert id, or a staff member's id.
    pub id: String,
    pub role: Role,
}

impl Actor {
    pub fn new(id: impl Into<String>, role: Role) -> Self {
        Self {
            id: id.into(),
            role,
        }
    }

    /// Programme staff and administrators act on anything.
    pub fn is_staff(&self) -> bool {
        matches!(self.role, Role::Staff | Role::Admin)
    }

    /// Staff, or the participant `participant_id` themselves.
    pub fn acts_for(&self, participant_id: &str) -> bool {
        self.is_staff() || (self.role == Role::Participant && self.id == participant_id)
    }
}
