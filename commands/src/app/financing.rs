//! Financing commands. A participant (or staff for them) opens an application; every later
//! step is recorded by staff, who work with the partner organisations.

use ruta_domain::financing::{FinancingApplication, FinancingCommand, OpenFinancingApplication};
use ruta_domain::{Actor, DomainError};

use super::{business_facts, facts, is_registered, load_since, Fact};
use super::{require, require_self_or_staff, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Opens application `id`: the participant or staff. Looks up the participant and, when
/// named, the business.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn open(
    x: &Executor,
    id: &str,
    application: OpenFinancingApplication,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require_self_or_staff(ctx, &application.participant_id)?;
    let participant_registered = is_registered(x, ctx, &application.participant_id).await?;
    let business = match &application.business_id {
        Some(business_id) => business_facts(x, ctx, business_id).await?,
        None => None,
    };
    let command = FinancingCommand::Open {
        application,
        participant_registered,
        business,
    };
    x.execute::<FinancingApplication>(id, command, ctx).await
}

/// Records a step after opening: staff only (opening is [`open`], which looks up its facts). A step dated before the step it follows is refused (rule
/// `occurred_before_prerequisite`); steps out of order are the application's own rule.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn record_step(
    x: &Executor,
    id: &str,
    command: FinancingCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    if let Some(after) = predecessor(&command) {
        load_since::<FinancingApplication>(x, ctx, id, after).await?;
    }
    x.execute::<FinancingApplication>(id, command, ctx).await
}

/// The step a step follows: it cannot have happened before that one.
fn predecessor(command: &FinancingCommand) -> Option<Fact> {
    Some(match command {
        FinancingCommand::Open { .. } => return None,
        FinancingCommand::AssessNeeds(_) => facts::APPLICATION_OPENED,
        FinancingCommand::RecommendChannel(_) => facts::NEEDS_ASSESSED,
        FinancingCommand::CertifyProject(_) => facts::CHANNEL_RECOMMENDED,
        FinancingCommand::SubmitRequest(_) => facts::PROJECT_CERTIFIED,
        FinancingCommand::Approve(_) | FinancingCommand::Reject(_) => facts::REQUEST_SUBMITTED,
        FinancingCommand::RecordFundsReceived(_) => facts::FINANCING_APPROVED,
        FinancingCommand::RecordFollowUp(_) => facts::FINANCING_DECIDED,
    })
}

/// The application, if the caller is its applicant or staff.
///
/// # Errors
/// `NotFound` for an unknown application, `Forbidden` for someone else's.
pub async fn visible_application(
    x: &Executor,
    id: &str,
    actor: &Actor,
) -> Result<FinancingApplication, CommandError> {
    let application = x
        .load::<FinancingApplication>(id)
        .await?
        .ok_or(DomainError::NotFound {
            what: "financing application",
        })?;
    if !actor.acts_for(&application.participant_id) {
        return Err(
            DomainError::forbidden("participants may only act on their own records").into(),
        );
    }
    Ok(application)
}
