//! Course commands: staff only.

use ruta_domain::learning::course::{Course, CourseCommand};

use super::{require, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Creates, edits, publishes or retires course `id`.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn act(
    x: &Executor,
    id: &str,
    command: CourseCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<Course>(id, command, ctx).await
}
