//! Why a command was refused.

/// A command refused by the domain. Nothing was appended.
///
/// `rule` and `field` are stable, machine-readable codes; the HTTP layer exposes them as-is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The command's data is malformed (HTTP 422 naming the field).
    #[error("invalid {field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// The data is fine but a business rule forbids the command now (HTTP 422 naming the rule).
    #[error("{message}")]
    RuleBroken { rule: &'static str, message: String },
    /// The actor may not do this to this aggregate (HTTP 403), e.g. editing someone else's
    /// listing.
    #[error("{message}")]
    Forbidden { message: String },
    /// The command targets something that does not exist (HTTP 404).
    #[error("{what} not found")]
    NotFound { what: &'static str },
}

impl DomainError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden {
            message: message.into(),
        }
    }

    pub fn rule(rule: &'static str, message: impl Into<String>) -> Self {
        Self::RuleBroken {
            rule,
            message: message.into(),
        }
    }
}

/// Shorthand for the result of a decision.
pub type Decision<E> = Result<Vec<E>, DomainError>;
