//! Bulk import: JSON lines, one command each, through the same handlers and rules as the API.
//!
//! A line is `{"command_id", "aggregate_id"?, "command": {"type": …}, "actor", "role",
//! "occurred_at", "channel"?, "correlation_id"?}`. `occurred_at` is the business time of the
//! history being loaded; `recorded_at` stays the time of the import. Command ids make a
//! re-run append nothing: every line comes back as a duplicate.

use chrono::{DateTime, Utc};
use ruta_domain::{DomainError, Role};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app::{dispatch, parse_shape};
use crate::{Channel, CommandContext, CommandError, CommandOutcome, Executor, Flushed};

/// One line of an import file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportLine {
    pub command_id: String,
    #[serde(default)]
    pub aggregate_id: Option<String>,
    /// `{"type": "RegisterParticipant", …fields}`.
    pub command: Value,
    pub actor: String,
    pub role: Role,
    pub occurred_at: DateTime<Utc>,
    #[serde(default)]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub correlation_id: Option<String>,
}

impl ImportLine {
    /// Parses one line of text.
    ///
    /// # Errors
    /// [`CommandError::BadPayload`] naming the field, or `line` for text that is not JSON.
    pub fn parse(text: &str) -> Result<Self, CommandError> {
        let value: Value = serde_json::from_str(text).map_err(|e| CommandError::BadPayload {
            field: "line".to_owned(),
            message: format!("not JSON: {e}"),
        })?;
        // The envelope's parts are checked where every command's are (`Executor::execute`),
        // the command's payload when it is dispatched: its errors name its own fields.
        let line: ImportLine = parse_shape(value)?;
        // `#` marks the ids of steps derived from a command (see `app::mentoring`): a line
        // carrying one could stand in for such a step.
        if line.command_id.trim().is_empty()
            || line.command_id.len() > 200
            || line.command_id.contains('#')
        {
            return Err(CommandError::BadPayload {
                field: "command_id".to_owned(),
                message: "1 to 200 characters, no '#'".to_owned(),
            });
        }
        Ok(line)
    }

    fn context(&self) -> CommandContext {
        let mut ctx = CommandContext::new(self.actor.clone(), self.role);
        ctx.command_id.clone_from(&self.command_id);
        ctx.correlation_id = self
            .correlation_id
            .clone()
            .unwrap_or_else(|| self.command_id.clone());
        ctx.channel = self.channel.unwrap_or(Channel::Import);
        ctx.occurred_at = Some(self.occurred_at);
        ctx
    }
}

/// What happened to one line.
#[derive(Debug)]
pub enum LineResult {
    Applied(CommandOutcome),
    /// Its command id was already applied; nothing appended.
    Duplicate(CommandOutcome),
    Rejected(CommandError),
}

/// Applies one line of text on its own.
pub async fn apply_text(executor: &Executor, text: &str) -> LineResult {
    match ImportLine::parse(text) {
        Ok(line) => apply(executor, &line).await,
        Err(error) => LineResult::Rejected(error),
    }
}

/// Applies one parsed line on its own.
pub async fn apply(executor: &Executor, line: &ImportLine) -> LineResult {
    apply_command(executor, &line.as_command()).await
}

/// One command of a batch: its envelope, its target and its JSON (`{"type": …}`).
#[derive(Debug, Clone)]
pub struct BatchCommand {
    pub ctx: CommandContext,
    pub aggregate_id: Option<String>,
    pub command: Value,
}

impl ImportLine {
    /// The line as a command of a batch.
    pub fn as_command(&self) -> BatchCommand {
        BatchCommand {
            ctx: self.context(),
            aggregate_id: self.aggregate_id.clone(),
            command: self.command.clone(),
        }
    }
}

async fn apply_command(executor: &Executor, item: &BatchCommand) -> LineResult {
    match dispatch(
        executor,
        item.aggregate_id.as_deref(),
        item.command.clone(),
        &item.ctx,
    )
    .await
    {
        Ok(outcome) if outcome.replayed => LineResult::Duplicate(outcome),
        Ok(outcome) => LineResult::Applied(outcome),
        Err(error) => LineResult::Rejected(error),
    }
}

/// Times a batch is decided again after another writer changed a stream it read.
const BATCH_ATTEMPTS: u32 = 5;

/// Applies `commands` in order as one batch: each decided by the same rules as alone, against
/// the log plus the batch's earlier commands, then all appended in one transaction. Returns
/// one result per command decided: all of them, or, with `stop_on_rejection`, up to and
/// including the first rejected one.
///
/// When the transaction fails, nothing of the batch was written and every command that would
/// have been applied is answered [`CommandError::Store`]. When other writers keep changing
/// the batch's streams, the commands are applied one at a time instead.
pub async fn apply_batch(
    executor: &Executor,
    commands: &[BatchCommand],
    stop_on_rejection: bool,
) -> Vec<LineResult> {
    for _ in 0..BATCH_ATTEMPTS {
        let batch = executor.batch();
        let (command_ids, aggregate_ids) = read_ahead_keys(commands);
        if let Err(error) = batch.prefetch(&command_ids, &aggregate_ids).await {
            return failed(commands.len(), &error);
        }
        let mut results = Vec::with_capacity(commands.len());
        for item in commands {
            let result = apply_command(&batch, item).await;
            let stop = stop_on_rejection && matches!(result, LineResult::Rejected(_));
            results.push(result);
            if stop {
                break;
            }
        }
        match batch.flush().await {
            Ok(Flushed::Appended(positions)) => return with_positions(results, &positions),
            Ok(Flushed::Conflict) => tracing::debug!("batch lost a race; deciding it again"),
            Err(error) => return results.into_iter().map(|r| unapplied(r, &error)).collect(),
        }
    }
    let mut results = Vec::with_capacity(commands.len());
    for item in commands {
        let result = apply_command(executor, item).await;
        let stop = stop_on_rejection && matches!(result, LineResult::Rejected(_));
        results.push(result);
        if stop {
            break;
        }
    }
    results
}

/// The command ids of a batch, and the ids its commands name (targets, actors and every
/// short string of their payloads: the participants, courses, businesses… they refer to).
fn read_ahead_keys(commands: &[BatchCommand]) -> (Vec<String>, Vec<String>) {
    // Only what could be stored: PostgreSQL refuses NUL in text, and a line carrying one must
    // be refused by its own rules, not fail the batch's read-ahead. No aggregate has an id
    // outside the grammar, so other strings are not looked for.
    let storable = |text: &str| (1..=200).contains(&text.len()) && !text.contains('\0');
    let mut ids = std::collections::BTreeSet::new();
    for item in commands {
        ids.extend(item.aggregate_id.iter().cloned());
        ids.insert(item.ctx.actor.clone());
        if let Value::Object(fields) = &item.command {
            for value in fields.values() {
                if let Value::String(text) = value {
                    ids.insert(text.clone());
                }
            }
        }
    }
    let command_ids = commands
        .iter()
        .map(|c| c.ctx.command_id.clone())
        .filter(|id| storable(id))
        .collect();
    (
        command_ids,
        ids.into_iter()
            .filter(|id| ruta_domain::input::is_id(id))
            .collect(),
    )
}

fn with_positions(
    results: Vec<LineResult>,
    positions: &std::collections::HashMap<String, Vec<i64>>,
) -> Vec<LineResult> {
    results
        .into_iter()
        .map(|result| match result {
            LineResult::Applied(mut outcome) => {
                if let Some(found) = positions.get(&outcome.command_id) {
                    for (event, position) in outcome.events.iter_mut().zip(found) {
                        event.position = *position;
                    }
                }
                LineResult::Applied(outcome)
            }
            other => other,
        })
        .collect()
}

fn unapplied(result: LineResult, error: &CommandError) -> LineResult {
    match result {
        LineResult::Applied(_) => LineResult::Rejected(CommandError::store(error)),
        other => other,
    }
}

fn failed(count: usize, error: &CommandError) -> Vec<LineResult> {
    (0..count)
        .map(|_| LineResult::Rejected(CommandError::store(error)))
        .collect()
}

/// Checks a line without reading or writing the log: shape, command type and payload, role
/// policy, and the field validation an empty aggregate can do. Used by `--strict` before
/// anything is applied; rules that depend on the log's state are checked when applying.
///
/// # Errors
/// The reason the line would be rejected.
pub async fn check_text(executor: &Executor, text: &str) -> Result<(), CommandError> {
    let line = ImportLine::parse(text)?;
    match apply(&executor.dry_run(), &line).await {
        LineResult::Rejected(
            error @ (CommandError::BadPayload { .. }
            | CommandError::Domain(
                DomainError::Invalid { .. } | DomainError::Forbidden { .. },
            )),
        ) => Err(error),
        _ => Ok(()),
    }
}

/// A one-line, log-safe reason: codes and field names, never the payload's values.
pub fn describe(error: &CommandError) -> String {
    match error {
        CommandError::Domain(DomainError::RuleBroken { rule, message }) => {
            format!("rule {rule}: {message}")
        }
        CommandError::Domain(DomainError::Invalid { field, message }) => {
            format!("invalid {field}: {message}")
        }
        CommandError::Domain(DomainError::Forbidden { message }) => format!("forbidden: {message}"),
        CommandError::Domain(DomainError::NotFound { what }) => format!("{what} not found"),
        CommandError::BadPayload { field, message } => format!("invalid {field}: {message}"),
        CommandError::Conflict => {
            "conflict: the aggregate kept changing; re-run the file".to_owned()
        }
        CommandError::DryRun => "checked only".to_owned(),
        CommandError::Store(_) => "the event store failed (see the log)".to_owned(),
    }
}

/// Totals of an import or batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub lines: usize,
    pub applied: usize,
    pub duplicates: usize,
    pub rejected: usize,
}

impl ImportSummary {
    pub fn count(&mut self, result: &LineResult) {
        self.lines += 1;
        match result {
            LineResult::Applied(_) => self.applied += 1,
            LineResult::Duplicate(_) => self.duplicates += 1,
            LineResult::Rejected(_) => self.rejected += 1,
        }
    }
}
