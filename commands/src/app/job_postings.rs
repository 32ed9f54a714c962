//! Job posting commands. Posting looks up the business; applying looks up the participant.

use ruta_domain::businesses::business::{Business, BusinessStatus};
use ruta_domain::businesses::job_posting::{ApplyToJob, JobPosting, JobPostingCommand, PostJob};

use super::{business_facts, facts, is_registered, load_since};
use super::{require, require_self_or_staff};
use crate::policy::FOUNDERS_OR_STAFF;
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Posts job `id` for an open business: one of its founders or staff.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn post(
    x: &Executor,
    id: &str,
    posting: PostJob,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, FOUNDERS_OR_STAFF)?;
    let business = business_facts(x, ctx, &posting.business_id).await?;
    let command = JobPostingCommand::Post { posting, business };
    x.execute::<JobPosting>(id, command, ctx).await
}

/// Applies to job `id`: the participant or staff for them.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn apply(
    x: &Executor,
    id: &str,
    application: ApplyToJob,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require_self_or_staff(ctx, &application.participant_id)?;
    let participant_registered = is_registered(x, ctx, &application.participant_id).await?;
    // Whether the business has closed since is a fact against the application, not a
    // prerequisite: it is not dated.
    let business = match load_since::<JobPosting>(x, ctx, id, facts::JOB_POSTED).await? {
        Some(posting) => x.load::<Business>(&posting.business_id).await?,
        None => None,
    };
    let command = JobPostingCommand::Apply {
        application,
        participant_registered,
        business_closed: business.is_some_and(|b| b.status == BusinessStatus::Closed),
    };
    x.execute::<JobPosting>(id, command, ctx).await
}

/// Fills or closes job `id`: a founder of the business or staff.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn act(
    x: &Executor,
    id: &str,
    command: JobPostingCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, FOUNDERS_OR_STAFF)?;
    x.execute::<JobPosting>(id, command, ctx).await
}
