//! What a demo run did, read back from the log.

use std::collections::BTreeMap;
use std::time::Duration;

/// The result of [`super::generate`].
#[derive(Debug, Clone, PartialEq)]
pub struct DemoSummary {
    pub seed: u64,
    pub scale: u32,
    /// Lanes that ran at once.
    pub workers: usize,
    /// Commands planned (applied + duplicates).
    pub commands: usize,
    /// Commands applied now.
    pub applied: usize,
    /// Commands found applied already (a re-run with the same seed): nothing appended.
    pub duplicates: usize,
    /// Events the run appended (the log's growth while it ran).
    pub events_appended: u64,
    /// Demo aggregates in the log by aggregate type (every cohort of this seed).
    pub aggregates: BTreeMap<String, u64>,
    pub duration: Duration,
}

impl DemoSummary {
    /// Commands (applied or found applied) per second.
    pub fn commands_per_second(&self) -> f64 {
        per_second(self.commands as f64, self.duration)
    }

    /// Events appended per second.
    pub fn events_per_second(&self) -> f64 {
        per_second(self.events_appended as f64, self.duration)
    }
}

fn per_second(count: f64, duration: Duration) -> f64 {
    let seconds = duration.as_secs_f64();
    if seconds > 0.0 {
        count / seconds
    } else {
        0.0
    }
}
