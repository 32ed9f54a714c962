//! Who buys: a participant, a business through one of its participants, or an anonymous
//! person who leaves a contact.

use serde::{Deserialize, Serialize};

use crate::values::{email, required_text};
use crate::DomainError;

const MAX_ID: usize = 200;

/// Who buys. An anonymous buyer's contact is personal data: it stays in the event (the seller
/// needs it to fulfil) and is never logged.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Buyer {
    Participant {
        participant_id: String,
    },
    /// A business buying through one of its participants (the business is not verified here).
    Business {
        business_id: String,
        participant_id: String,
    },
    Anonymous {
        name: String,
        email: String,
    },
}

/// Redacts the anonymous contact, so that no debug output or log line ever carries it.
impl std::fmt::Debug for Buyer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Buyer::Participant { participant_id } => f
                .debug_struct("Participant")
                .field("participant_id", participant_id)
                .finish(),
            Buyer::Business {
                business_id,
                participant_id,
            } => f
                .debug_struct("Business")
                .field("business_id", business_id)
                .field("participant_id", participant_id)
                .finish(),
            Buyer::Anonymous { .. } => f.write_str("Anonymous { <contact redacted> }"),
        }
    }
}

impl Buyer {
    /// The participant who acts for this buyer, if any.
    pub fn participant_id(&self) -> Option<&str> {
        match self {
            Buyer::Participant { participant_id } | Buyer::Business { participant_id, .. } => {
                Some(participant_id)
            }
            Buyer::Anonymous { .. } => None,
        }
    }

    pub(super) fn validated(self) -> Result<Buyer, DomainError> {
        Ok(match self {
            Buyer::Participant { participant_id } => Buyer::Participant {
                participant_id: required_text("participant_id", &participant_id, MAX_ID)?,
            },
            Buyer::Business {
                business_id,
                participant_id,
            } => Buyer::Business {
                business_id: required_text("business_id", &business_id, MAX_ID)?,
                participant_id: required_text("participant_id", &participant_id, MAX_ID)?,
            },
            Buyer::Anonymous { name, email: e } => Buyer::Anonymous {
                name: required_text("name", &name, 200)?,
                email: email(&e)?,
            },
        })
    }
}
