//! Application commands: the one way every caller — HTTP, batch, import — changes the log.
//!
//! [`AppCommand`] is the vocabulary: HTTP routes build its variants, batch items and import
//! lines are parsed into it, and [`execute`] routes each command to the one function of its
//! part that handles it. Those functions check the role policy ([`crate::policy`]), look up
//! the facts a decision needs from other aggregates, and execute; so an imported line goes
//! through exactly the rules an HTTP request does.
//!
//! Every look-up of a fact also respects business time: a command dated before that fact
//! began to hold is refused with rule [`OCCURRED_BEFORE_PREREQUISITE`] (`facts.rs`).

pub mod advice;
pub mod businesses;
pub mod courses;
pub mod elearning;
pub mod financing;
pub mod job_postings;
pub mod marketplace;
pub mod mentoring;
pub mod outreach;
pub mod participants;
pub mod programme_events;

mod execute;
mod facts;
mod vocabulary;

pub use execute::{dispatch, execute};
pub use facts::OCCURRED_BEFORE_PREREQUISITE;
pub(crate) use facts::{load_since, not_before, Fact};
pub use vocabulary::AppCommand;

use ruta_domain::businesses::business::{Business, BusinessFacts};
use ruta_domain::participant::Participant;
use ruta_domain::{input, Role};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{CommandContext, CommandError, Executor};

pub(crate) use crate::policy::STAFF;

/// Refuses the command unless the caller has one of `roles` ([`crate::policy::require`]).
///
/// # Errors
/// `DomainError::Forbidden`.
pub(crate) fn require(ctx: &CommandContext, roles: &[Role]) -> Result<(), CommandError> {
    Ok(crate::policy::require(&ctx.actor(), roles)?)
}

/// Refuses the command unless the caller is staff or that participant
/// ([`crate::policy::require_self_or_staff`]).
///
/// # Errors
/// `DomainError::Forbidden`.
pub(crate) fn require_self_or_staff(
    ctx: &CommandContext,
    participant_id: &str,
) -> Result<(), CommandError> {
    Ok(crate::policy::require_self_or_staff(
        &ctx.actor(),
        participant_id,
    )?)
}

/// Whether `participant_id` is a registered participant: the fact most commands look up.
/// A command dated before the registration is refused.
pub(crate) async fn is_registered(
    x: &Executor,
    ctx: &CommandContext,
    participant_id: &str,
) -> Result<bool, CommandError> {
    Ok(
        load_since::<Participant>(x, ctx, participant_id, facts::PARTICIPANT_REGISTERED)
            .await?
            .is_some_and(|p| p.is_registered()),
    )
}

/// The facts other aggregates need about a business, if it exists. A command dated before
/// the business was created is refused.
pub(crate) async fn business_facts(
    x: &Executor,
    ctx: &CommandContext,
    business_id: &str,
) -> Result<Option<BusinessFacts>, CommandError> {
    Ok(
        load_since::<Business>(x, ctx, business_id.trim(), facts::BUSINESS_CREATED)
            .await?
            .and_then(|b| b.facts()),
    )
}

/// The participant a command names, or the calling participant when it names none: staff
/// must name one.
///
/// # Errors
/// `BadPayload` on `participant_id` when neither is there.
pub(crate) fn participant_or_self(
    ctx: &CommandContext,
    named: Option<String>,
) -> Result<String, CommandError> {
    match named {
        Some(id) => Ok(id),
        None if ctx.role == Role::Participant => Ok(ctx.actor.clone()),
        None => Err(CommandError::BadPayload {
            field: "participant_id".to_owned(),
            message: "required unless a participant acts for themselves".to_owned(),
        }),
    }
}

/// The payload of a command that carries no fields (`{"type": "PublishCourse"}`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Nothing {}

/// Deserialises a command payload, naming the offending field on failure. Its ids and texts
/// are checked first ([`ruta_domain::input`]): the same rules as an HTTP body's.
pub(crate) fn parse<T: DeserializeOwned>(payload: Value) -> Result<T, CommandError> {
    input::check_json(&payload).map_err(bad_input)?;
    parse_shape(payload)
}

/// Deserialises without the input checks, for an envelope whose parts are checked apart.
pub(crate) fn parse_shape<T: DeserializeOwned>(payload: Value) -> Result<T, CommandError> {
    serde_path_to_error::deserialize(payload).map_err(|error| {
        let path = error.path().to_string();
        let message = error.inner().to_string();
        let field = if path == "." {
            backticked(&message).unwrap_or_else(|| "command".to_owned())
        } else {
            path
        };
        CommandError::BadPayload { field, message }
    })
}

/// serde names missing and unknown fields only inside its message, between backticks.
pub(crate) fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_owned())
}

pub(crate) fn required_id(aggregate_id: Option<&str>) -> Result<&str, CommandError> {
    let id = aggregate_id.ok_or_else(|| CommandError::BadPayload {
        field: "aggregate_id".to_owned(),
        message: "this command needs the id of the aggregate it targets".to_owned(),
    })?;
    if input::is_id(id) {
        Ok(id)
    } else {
        Err(CommandError::BadPayload {
            field: "aggregate_id".to_owned(),
            message: format!("an id is {}", input::ID_GRAMMAR),
        })
    }
}

/// A value that breaks the input rules of [`ruta_domain::input`], as bad input.
pub(crate) fn bad_input(error: input::InputError) -> CommandError {
    CommandError::BadPayload {
        field: error.field,
        message: error.message,
    }
}
