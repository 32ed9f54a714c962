//! Course commands: staff only.

use ruta_domain::learning::course::{Course, CourseCommand, CreateCourse, UpdateCourseContent};
use serde_json::Value;

use super::Nothing;
use super::{parse, require, required_id, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

pub const COMMANDS: &[&str] = &[
    "CreateCourse",
    "UpdateCourseContent",
    "PublishCourse",
    "RetireCourse",
];

/// # Errors
/// See [`Executor::execute`].
pub async fn act(
    x: &Executor,
    id: &str,
    command: CourseCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<Course>(id, command, ctx).await
}

pub(super) async fn dispatch(
    x: &Executor,
    kind: &str,
    id: Option<&str>,
    payload: Value,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let id = required_id(id)?;
    let command = match kind {
        "CreateCourse" => CourseCommand::Create(parse::<CreateCourse>(payload)?),
        "UpdateCourseContent" => {
            CourseCommand::UpdateContent(parse::<UpdateCourseContent>(payload)?)
        }
        "PublishCourse" => {
            parse::<Nothing>(payload)?;
            CourseCommand::Publish
        }
        _ => {
            parse::<Nothing>(payload)?;
            CourseCommand::Retire
        }
    };
    act(x, id, command, ctx).await
}
