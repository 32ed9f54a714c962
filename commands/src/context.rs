//! Who issues a command, through which channel, and under which ids.

use chrono::{DateTime, Utc};
use ruta_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Where a command came from (an evaluation breakdown: web, apps, internet access points…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Android,
    Ios,
    InternetAccessPoint,
    StaffDesk,
    Import,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Android => "android",
            Channel::Ios => "ios",
            Channel::InternetAccessPoint => "internet_access_point",
            Channel::StaffDesk => "staff_desk",
            Channel::Import => "import",
        }
    }
}

impl FromStr for Channel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Channel::Web,
            Channel::Android,
            Channel::Ios,
            Channel::InternetAccessPoint,
            Channel::StaffDesk,
            Channel::Import,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
        .ok_or_else(|| format!("unknown channel {s:?}"))
    }
}

/// Everything about a command that is not its payload. Copied onto every event it appends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandContext {
    /// Who acts: the id behind the caller's credential, never a value from a request body.
    pub actor: String,
    pub role: Role,
    /// Idempotency key: the same id applied twice appends once.
    pub command_id: String,
    pub correlation_id: String,
    pub causation_id: Option<String>,
    pub channel: Channel,
    /// Business time, when it differs from now (imported history). `None` means now.
    pub occurred_at: Option<DateTime<Utc>>,
}

impl CommandContext {
    /// A context with a fresh command id, correlated with itself, on the web channel.
    pub fn new(actor: impl Into<String>, role: Role) -> Self {
        let command_id = uuid::Uuid::new_v4().to_string();
        Self {
            actor: actor.into(),
            role,
            correlation_id: command_id.clone(),
            command_id,
            causation_id: None,
            channel: Channel::Web,
            occurred_at: None,
        }
    }

    /// The caller as the domain sees it.
    pub fn actor(&self) -> Actor {
        Actor::new(self.actor.clone(), self.role)
    }

    #[must_use]
    pub fn with_command_id(mut self, command_id: impl Into<String>) -> Self {
        self.command_id = command_id.into();
        self
    }
}
