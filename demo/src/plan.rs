//! The programme as a plan of commands: who sends which command, when, on which aggregate.
//!
//! Commands are grouped in stages (everything a stage needs exists once the stages before it
//! have run) and, within a stage, in lanes: the commands of one lane run in order, different
//! lanes touch different aggregates and may run concurrently. Command ids are derived from the
//! aggregate id and the command's rank on that aggregate, so the same seed plans the same ids
//! and a re-run is recognised command by command.

use ruta_domain::Role;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

use super::clock::{timestamp, Moment};
use ruta_commands::{Channel, CommandContext};

/// When a command can run: after every command of the stages before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Stage {
    /// Courses.
    Catalogue,
    /// Mentors, experts, advice groups, programme events scheduled, outreach, networks.
    Directory,
    /// Each participant's own journey: registration, consents, courses, self-employment.
    Journeys,
    /// Events held, mentorships, advice, financing, businesses and their jobs.
    Interactions,
    /// What needs the businesses: B2B relationships, job postings, business financing,
    /// the marketplace.
    Dependents,
    /// Profile corrections recorded when the programme closed.
    Closing,
}

/// Who sends a command, and through which channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Who {
    pub actor: String,
    pub role: Role,
    pub channel: Channel,
}

impl Who {
    pub(crate) fn staff(actor: &str) -> Self {
        Self::staff_on(actor, Channel::StaffDesk)
    }

    pub(crate) fn staff_on(actor: &str, channel: Channel) -> Self {
        Self {
            actor: actor.to_owned(),
            role: Role::Staff,
            channel,
        }
    }

    pub(crate) fn participant(id: &str, channel: Channel) -> Self {
        Self {
            actor: id.to_owned(),
            role: Role::Participant,
            channel,
        }
    }

    pub(crate) fn mentor(id: &str) -> Self {
        Self {
            actor: id.to_owned(),
            role: Role::Mentor,
            channel: Channel::Web,
        }
    }

    pub(crate) fn expert(id: &str) -> Self {
        Self {
            actor: id.to_owned(),
            role: Role::Expert,
            channel: Channel::Web,
        }
    }

    /// A buyer without an account, as `POST /orders` records one.
    pub(crate) fn anonymous() -> Self {
        Self {
            actor: ruta_domain::marketplace::order::ANONYMOUS_ACTOR.to_owned(),
            role: Role::Participant,
            channel: Channel::Web,
        }
    }
}

/// One command of the plan.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub at: Moment,
    pub who: Who,
    pub aggregate_id: String,
    /// `{"type": "RegisterParticipant", …}` as `app::dispatch` takes it.
    pub command: Value,
    /// Assigned by [`Plan::lanes`].
    pub command_id: String,
}

impl Step {
    /// The command's type, for messages.
    pub(crate) fn kind(&self) -> &str {
        self.command
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("?")
    }

    pub(crate) fn context(&self) -> CommandContext {
        CommandContext {
            actor: self.who.actor.clone(),
            role: self.who.role,
            command_id: self.command_id.clone(),
            correlation_id: self.command_id.clone(),
            causation_id: None,
            channel: self.who.channel,
            occurred_at: Some(timestamp(self.at)),
        }
    }
}

/// The commands of a programme, by stage and lane.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    steps: BTreeMap<(Stage, String), Vec<Step>>,
    len: usize,
}

impl Plan {
    /// Adds `command` (a JSON object with its `type`) to `lane` of `stage`.
    pub(crate) fn push(
        &mut self,
        stage: Stage,
        lane: &str,
        at: Moment,
        who: Who,
        aggregate_id: &str,
        command: Value,
    ) {
        self.len += 1;
        self.steps
            .entry((stage, lane.to_owned()))
            .or_default()
            .push(Step {
                at,
                who,
                aggregate_id: aggregate_id.to_owned(),
                command,
                command_id: String::new(),
            });
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Every step, stage by stage; within a stage, lane by lane, each lane in time order
    /// and with its command ids assigned.
    pub(crate) fn into_stages(self) -> Vec<(Stage, Vec<Vec<Step>>)> {
        let mut ranks: HashMap<String, usize> = HashMap::new();
        let mut stages: Vec<(Stage, Vec<Vec<Step>>)> = Vec::new();
        for ((stage, _lane), mut steps) in self.steps {
            // Stable: commands planned for the same minute keep the order they were planned in.
            steps.sort_by_key(|s| s.at);
            for step in &mut steps {
                let rank = ranks.entry(step.aggregate_id.clone()).or_insert(0);
                *rank += 1;
                step.command_id = format!("{}/{rank}", step.aggregate_id);
            }
            match stages.last_mut() {
                Some((last, lanes)) if *last == stage => lanes.push(steps),
                _ => stages.push((stage, vec![steps])),
            }
        }
        stages
    }
}
