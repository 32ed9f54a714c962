//! Expert advice commands: experts, advice groups (B2B) and individual advice requests.
//!
//! Answers need the answering caller's standing as an expert: it is looked up here from the
//! caller's token id and placed in the command.

use ruta_domain::advice::advice_group::{AdviceGroup, AdviceGroupCommand, CreateAdviceGroup};
use ruta_domain::advice::advice_request::{AdviceRequest, AdviceRequestCommand};
use ruta_domain::advice::expert::{Expert, ExpertCommand, ExpertProfile, ExpertStanding};
use ruta_domain::values::AreaOfSupport;
use ruta_domain::{Actor, DomainError, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{facts, is_registered, load_since, participant_or_self};
use super::{require, require_self_or_staff, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Registering and retiring experts is for staff; updating for staff or the expert.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn expert_act(
    x: &Executor,
    expert_id: &str,
    command: ExpertCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    match command {
        ExpertCommand::Update(_) => require(ctx, &[Role::Staff, Role::Admin, Role::Expert])?,
        _ => require(ctx, STAFF)?,
    }
    x.execute::<Expert>(expert_id, command, ctx).await
}

/// Staff register an expert under the id of the expert's token.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn register_expert(
    x: &Executor,
    expert_id: &str,
    profile: ExpertProfile,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let command = ExpertCommand::Register {
        expert_id: expert_id.to_owned(),
        profile,
    };
    expert_act(x, expert_id, command, ctx).await
}

/// Staff create advice groups.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn create_group(
    x: &Executor,
    id: &str,
    cmd: CreateAdviceGroup,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<AdviceGroup>(id, AdviceGroupCommand::Create(cmd), ctx)
        .await
}

/// The caller's standing as an expert, if the caller is one.
async fn standing(
    x: &Executor,
    ctx: &CommandContext,
) -> Result<Option<ExpertStanding>, CommandError> {
    if ctx.role != Role::Expert {
        return Ok(None);
    }
    Ok(
        load_since::<Expert>(x, ctx, &ctx.actor, facts::EXPERT_REGISTERED)
            .await?
            .and_then(|e| e.standing()),
    )
}

/// A registered participant joins (themselves, or staff for them).
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn join_group(
    x: &Executor,
    id: &str,
    membership: Membership,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let participant_id = participant_or_self(ctx, membership.participant_id)?;
    require_self_or_staff(ctx, &participant_id)?;
    group_since(x, id, ctx).await?;
    let command = AdviceGroupCommand::Join {
        participant_registered: is_registered(x, ctx, &participant_id).await?,
        participant_id,
    };
    x.execute::<AdviceGroup>(id, command, ctx).await
}

/// A member asks in a group (or staff for a member); the group decides who may. A question
/// without an id gets a fresh one.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn ask_in_group(
    x: &Executor,
    id: &str,
    question: AdviceQuestion,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let command = AdviceGroupCommand::Ask {
        question_id: question
            .question_id
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        participant_id: question.participant_id,
        text: question.text,
    };
    group_since(x, id, ctx).await?;
    x.execute::<AdviceGroup>(id, command, ctx).await
}

/// An expert answers a question in a group; the caller's standing as an expert is looked up
/// here, never taken from the caller.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn answer_in_group(
    x: &Executor,
    id: &str,
    answer: GroupAnswer,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let command = AdviceGroupCommand::Answer {
        question_id: answer.question_id,
        text: answer.text,
        expert: standing(x, ctx).await?,
    };
    group_since(x, id, ctx).await?;
    x.execute::<AdviceGroup>(id, command, ctx).await
}

/// Refuses a command on group `id` dated before the group was created.
async fn group_since(x: &Executor, id: &str, ctx: &CommandContext) -> Result<(), CommandError> {
    load_since::<AdviceGroup>(x, ctx, id, facts::ADVICE_GROUP_CREATED).await?;
    Ok(())
}

/// An expert caller reads participants' questions only while registered and active: the
/// role on a token is not enough (its subject may never have been registered, or retired).
/// Checked before the look-up, so such a caller cannot even tell which ids exist.
///
/// # Errors
/// `Forbidden` for an expert token without a registered, active expert behind it.
pub async fn require_active_expert(x: &Executor, actor: &Actor) -> Result<(), CommandError> {
    if actor.role != Role::Expert {
        return Ok(());
    }
    let active = x
        .load::<Expert>(&actor.id)
        .await?
        .and_then(|e| e.standing())
        .is_some_and(|s| !s.retired);
    if active {
        Ok(())
    } else {
        Err(DomainError::forbidden("only registered, active experts read advice").into())
    }
}

/// The group with its questions and answers, for its members, active experts and staff.
///
/// # Errors
/// `NotFound` for an unknown group, `Forbidden` for anyone else.
pub async fn visible_group(
    x: &Executor,
    id: &str,
    actor: &Actor,
) -> Result<AdviceGroup, CommandError> {
    require_active_expert(x, actor).await?;
    let group = x
        .load::<AdviceGroup>(id)
        .await?
        .ok_or(DomainError::NotFound {
            what: "advice group",
        })?;
    if !group.readable_by(actor) {
        return Err(DomainError::forbidden("only members, experts and staff read a group").into());
    }
    Ok(group)
}

/// A registered participant (or staff for them) asks for advice in one area.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn request_advice(
    x: &Executor,
    id: &str,
    request: AdviceRequestBody,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let participant_id = participant_or_self(ctx, request.participant_id)?;
    require_self_or_staff(ctx, &participant_id)?;
    let command = AdviceRequestCommand::Request {
        participant_registered: is_registered(x, ctx, &participant_id).await?,
        participant_id,
        area: request.area,
        question: request.question,
    };
    x.execute::<AdviceRequest>(id, command, ctx).await
}

/// An expert in the request's area answers; the caller's standing is looked up here.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn answer_request(
    x: &Executor,
    id: &str,
    text: String,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let command = AdviceRequestCommand::Answer {
        text,
        expert: standing(x, ctx).await?,
    };
    x.execute::<AdviceRequest>(id, command, ctx).await
}

/// The requester or staff close a request (the request decides who may).
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn close_request(
    x: &Executor,
    id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    x.execute::<AdviceRequest>(id, AdviceRequestCommand::Close, ctx)
        .await
}

/// The request, for its requester, staff and active experts.
///
/// # Errors
/// `NotFound` for an unknown request, `Forbidden` for anyone else.
pub async fn visible_request(
    x: &Executor,
    id: &str,
    actor: &Actor,
) -> Result<AdviceRequest, CommandError> {
    require_active_expert(x, actor).await?;
    let request = x
        .load::<AdviceRequest>(id)
        .await?
        .ok_or(DomainError::NotFound {
            what: "advice request",
        })?;
    if !request.readable_by(actor) {
        return Err(DomainError::forbidden("only the requester, experts and staff read it").into());
    }
    Ok(request)
}

/// Who joins a group: staff name the participant; a participant may leave it out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// Staff name the participant; a participant may omit it (it is then themselves).
    #[serde(default)]
    pub participant_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdviceQuestion {
    /// Optional; generated when absent. Returned in `Location`.
    #[serde(default)]
    pub question_id: Option<String>,
    /// Staff asking for a member name them; a participant asks for themselves.
    #[serde(default)]
    pub participant_id: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupAnswer {
    pub question_id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdviceRequestBody {
    /// Staff name the participant; a participant may omit it (it is then themselves).
    #[serde(default)]
    pub participant_id: Option<String>,
    pub area: AreaOfSupport,
    pub question: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    pub text: String,
}
