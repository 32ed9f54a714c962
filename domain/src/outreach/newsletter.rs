//! Newsletter: one aggregate per issue, sent once to a number of recipients.

use crate::event_types;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::error::Decision;
use crate::values::{required_text, Language};
use crate::{Actor, Aggregate, DomainError, DomainEvent};

const MAX_RECIPIENTS: u32 = 10_000_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SendNewsletter {
    pub subject: String,
    /// How many addresses it was sent to (greater than zero).
    pub recipients: u32,
    /// The languages the issue was written in; at least one.
    /// Repeated values count once, so the document does not promise unique items.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Language>, min_items = 1))]
    pub languages: BTreeSet<Language>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NewsletterCommand {
    Send(SendNewsletter),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum NewsletterEvent {
    NewsletterSent {
        subject: String,
        recipients: u32,
        languages: BTreeSet<Language>,
    },
}

impl DomainEvent for NewsletterEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::NewsletterSent { .. } => event_types::NEWSLETTER_SENT,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Newsletter {
    /// `None` until sent.
    pub sent: Option<SendNewsletter>,
}

impl Aggregate for Newsletter {
    const TYPE: &'static str = "Newsletter";
    type Command = NewsletterCommand;
    type Event = NewsletterEvent;

    fn decide(&self, command: NewsletterCommand, _actor: &Actor) -> Decision<NewsletterEvent> {
        let NewsletterCommand::Send(cmd) = command;
        if self.sent.is_some() {
            return Err(DomainError::rule(
                "newsletter_already_sent",
                "this newsletter issue was already sent",
            ));
        }
        if cmd.recipients == 0 || cmd.recipients > MAX_RECIPIENTS {
            return Err(DomainError::invalid(
                "recipients",
                format!("must be between 1 and {MAX_RECIPIENTS}"),
            ));
        }
        if cmd.languages.is_empty() {
            return Err(DomainError::invalid(
                "languages",
                "needs at least one of es, pt or en",
            ));
        }
        Ok(vec![NewsletterEvent::NewsletterSent {
            subject: required_text("subject", &cmd.subject, 200)?,
            recipients: cmd.recipients,
            languages: cmd.languages,
        }])
    }

    fn apply(&mut self, event: &NewsletterEvent) {
        let NewsletterEvent::NewsletterSent {
            subject,
            recipients,
            languages,
        } = event.clone();
        self.sent = Some(SendNewsletter {
            subject,
            recipients,
            languages,
        });
    }

    fn subjects(&self, _aggregate_id: &str, _event: &NewsletterEvent) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
