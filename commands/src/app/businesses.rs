//! Business commands: founders (participants) and staff. Which founder may change which
//! business is the aggregate's rule; here the roles are checked and the facts looked up.

use ruta_domain::businesses::business::{
    Business, BusinessCommand, Counterpart, CreateBusiness, FormB2BRelationship,
    PlatformCounterpart, MAX_FOUNDERS,
};
use ruta_domain::values::ProgrammeCountry;

use super::require;
use super::{facts, is_registered, load_since};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Founders act as participants; staff and admins act on any business.
use crate::policy::FOUNDERS_OR_STAFF;

/// Creates business `id`: staff, or a participant among the founders. Every founder must be
/// a registered participant.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn create(
    x: &Executor,
    id: &str,
    business: CreateBusiness,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, FOUNDERS_OR_STAFF)?;
    let mut unregistered_founders = Vec::new();
    // More founders than the maximum are refused by the domain; no need to look them up.
    for founder in business.founder_ids.iter().take(MAX_FOUNDERS) {
        let registered = is_registered(x, ctx, founder).await?;
        if !registered {
            unregistered_founders.push(founder.clone());
        }
    }
    let command = BusinessCommand::Create {
        business,
        unregistered_founders,
    };
    x.execute::<Business>(id, command, ctx).await
}

/// Forms a B2B relationship; a counterpart on the platform is looked up.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn form_b2b(
    x: &Executor,
    id: &str,
    relationship: FormB2BRelationship,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, FOUNDERS_OR_STAFF)?;
    let platform = match &relationship.counterpart {
        Counterpart::PlatformBusiness { business_id } => {
            load_since::<Business>(x, ctx, business_id, facts::BUSINESS_CREATED)
                .await?
                .map(|other| {
                    let closed = other.facts().is_some_and(|f| f.closed);
                    let recorded_by_counterpart = other
                        .relationships
                        .iter()
                        .filter(|r| r.counterpart_business_id.as_deref() == Some(id))
                        .map(|r| r.kind)
                        .collect();
                    PlatformCounterpart {
                        business_id: business_id.clone(),
                        is_this_business: business_id == id,
                        name: other.name,
                        country: other.country.unwrap_or(ProgrammeCountry::Es),
                        closed,
                        recorded_by_counterpart,
                    }
                })
        }
        Counterpart::OutsideOrganisation { .. } => None,
    };
    let command = BusinessCommand::FormB2BRelationship {
        relationship,
        platform,
    };
    x.execute::<Business>(id, command, ctx).await
}

/// Jobs, restructuring and closure: a founder of the business or staff.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn act(
    x: &Executor,
    id: &str,
    command: BusinessCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, FOUNDERS_OR_STAFF)?;
    x.execute::<Business>(id, command, ctx).await
}
