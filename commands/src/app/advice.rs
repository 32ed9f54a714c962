//! Expert advice commands: experts, advice groups (B2B) and individual advice requests.
//!
//! Answers need the answering caller's standing as an expert: it is looked up here from the
//! caller's token id and placed in the command.

use ruta_domain::advice::advice_group::{AdviceGroup, AdviceGroupCommand, CreateAdviceGroup};
use ruta_domain::advice::advice_request::{AdviceRequest, AdviceRequestCommand};
use ruta_domain::advice::expert::{Expert, ExpertCommand, ExpertProfile, ExpertStanding};
use ruta_domain::values::AreaOfSupport;
use ruta_domain::{Actor, DomainError, Role};
use serde::Deserialize;
use serde_json::Value;

use super::{facts, is_registered, load_since, Nothing};
use super::{parse, require, require_self_or_staff, required_id, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

pub const COMMANDS: &[&str] = &[
    "RegisterExpert",
    "UpdateExpert",
    "RetireExpert",
    "CreateAdviceGroup",
    "JoinAdviceGroup",
    "AskInAdviceGroup",
    "AnswerInAdviceGroup",
    "RequestAdvice",
    "AnswerAdviceRequest",
    "CloseAdviceRequest",
];

/// Registering and retiring experts is for staff; updating for staff or the expert.
///
/// # Errors
/// See [`Executor::execute`].
pub async fn expert_act(
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
pub async fn register_expert(
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
pub async fn create_group(
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
pub async fn join_group(
    x: &Executor,
    id: &str,
    participant_id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require_self_or_staff(ctx, participant_id)?;
    group_since(x, id, ctx).await?;
    let command = AdviceGroupCommand::Join {
        participant_id: participant_id.to_owned(),
        participant_registered: is_registered(x, ctx, participant_id).await?,
    };
    x.execute::<AdviceGroup>(id, command, ctx).await
}

/// Asking and answering in a group; the group decides who may (members ask, experts answer).
///
/// # Errors
/// See [`Executor::execute`].
pub async fn group_act(
    x: &Executor,
    id: &str,
    command: AdviceGroupCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    // Facts in the command are always looked up here, never taken from the caller.
    let command = match command {
        AdviceGroupCommand::Create(cmd) => return create_group(x, id, cmd, ctx).await,
        AdviceGroupCommand::Join { participant_id, .. } => {
            return join_group(x, id, &participant_id, ctx).await
        }
        AdviceGroupCommand::Answer {
            question_id, text, ..
        } => AdviceGroupCommand::Answer {
            question_id,
            text,
            expert: standing(x, ctx).await?,
        },
        ask @ AdviceGroupCommand::Ask { .. } => ask,
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
pub async fn request_advice(
    x: &Executor,
    id: &str,
    participant_id: &str,
    area: AreaOfSupport,
    question: String,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require_self_or_staff(ctx, participant_id)?;
    let command = AdviceRequestCommand::Request {
        participant_id: participant_id.to_owned(),
        area,
        question,
        participant_registered: is_registered(x, ctx, participant_id).await?,
    };
    x.execute::<AdviceRequest>(id, command, ctx).await
}

/// An expert in the request's area answers; the requester or staff close.
///
/// # Errors
/// See [`Executor::execute`].
pub async fn request_act(
    x: &Executor,
    id: &str,
    command: AdviceRequestCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let command = match command {
        AdviceRequestCommand::Request {
            participant_id,
            area,
            question,
            ..
        } => return request_advice(x, id, &participant_id, area, question, ctx).await,
        AdviceRequestCommand::Answer { text, .. } => AdviceRequestCommand::Answer {
            text,
            expert: standing(x, ctx).await?,
        },
        AdviceRequestCommand::Close => AdviceRequestCommand::Close,
    };
    x.execute::<AdviceRequest>(id, command, ctx).await
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Member {
    participant_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ask {
    question_id: String,
    #[serde(default)]
    participant_id: Option<String>,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupAnswer {
    question_id: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    participant_id: String,
    area: AreaOfSupport,
    question: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer {
    text: String,
}

pub(super) async fn dispatch(
    x: &Executor,
    kind: &str,
    id: Option<&str>,
    payload: Value,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let id = required_id(id)?;
    match kind {
        "RegisterExpert" => register_expert(x, id, parse(payload)?, ctx).await,
        "UpdateExpert" => expert_act(x, id, ExpertCommand::Update(parse(payload)?), ctx).await,
        "RetireExpert" => {
            parse::<Nothing>(payload)?;
            expert_act(x, id, ExpertCommand::Retire, ctx).await
        }
        "CreateAdviceGroup" => create_group(x, id, parse(payload)?, ctx).await,
        "JoinAdviceGroup" => {
            join_group(x, id, &parse::<Member>(payload)?.participant_id, ctx).await
        }
        "AskInAdviceGroup" => {
            let a: Ask = parse(payload)?;
            let command = AdviceGroupCommand::Ask {
                question_id: a.question_id,
                participant_id: a.participant_id,
                text: a.text,
            };
            group_act(x, id, command, ctx).await
        }
        "AnswerInAdviceGroup" => {
            let a: GroupAnswer = parse(payload)?;
            let command = AdviceGroupCommand::Answer {
                question_id: a.question_id,
                text: a.text,
                expert: None,
            };
            group_act(x, id, command, ctx).await
        }
        "RequestAdvice" => {
            let r: Request = parse(payload)?;
            request_advice(x, id, &r.participant_id, r.area, r.question, ctx).await
        }
        "AnswerAdviceRequest" => {
            let text = parse::<Answer>(payload)?.text;
            let command = AdviceRequestCommand::Answer { text, expert: None };
            request_act(x, id, command, ctx).await
        }
        _ => {
            parse::<Nothing>(payload)?;
            request_act(x, id, AdviceRequestCommand::Close, ctx).await
        }
    }
}
