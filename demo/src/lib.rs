//! The demo programme: Ruta CECE 2013–2015 generated through the command layer.
//!
//! [`generate`] plans the programme from a seed — partners and municipalities of Huelva and the
//! Algarve, 60 courses in Spanish, Portuguese and English, 1,200 participants, their courses,
//! exams and certificates, mentoring, expert advice, financing, 69 businesses with their jobs
//! and B2B relationships, programme events, outreach, networks and a marketplace — and sends
//! every command through [`ruta_commands::app::dispatch`], the path of the HTTP API and of
//! `ruta import`, with `occurred_at` back-dated into 2013–2015. Nothing is written around the
//! domain rules: a refused command stops the demo with an error naming it.
//!
//! At scale 1 the history replays to exactly the seed's published figures ([`figures`]).
//! At scale N the programme has N cohorts: everything but the course catalogue is repeated
//! with new people and ids, so the counts are N times the seed's (the 60 courses stay 60, the
//! Latin American share stays 75 %).
//!
//! The same seed plans the same ids, command ids and business times, so running the demo
//! twice on one database appends nothing the second time (each command id is applied once).

mod advice;
mod b2b;
mod business;
mod catalogue;
mod clock;
mod closing;
mod course_titles;
mod dice;
mod event_titles;
mod events;
pub mod figures;
mod financing;
mod learning;
mod listing_texts;
mod market;
mod mentoring;
mod names;
mod outreach;
mod people;
mod places;
mod plan;
mod run;
mod summary;

use std::sync::Arc;
use std::time::Instant;

pub use summary::DemoSummary;

use dice::Dice;
use plan::Plan;
use ruta_commands::Executor;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 2013;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoConfig {
    /// Number of cohorts (≥ 1); the seed's figures hold exactly at 1.
    pub scale: u32,
    pub seed: u64,
    /// Lanes run at once; `None` picks 4 on SQLite and 8 on PostgreSQL.
    pub workers: Option<usize>,
}

impl DemoConfig {
    pub fn new(scale: u32, seed: u64) -> Self {
        Self {
            scale,
            seed,
            workers: None,
        }
    }
}

impl Default for DemoConfig {
    fn default() -> Self {
        Self::new(1, DEFAULT_SEED)
    }
}

/// Why the demo stopped. Whatever was applied before stays (the log is append-only); running
/// the demo again with the same seed skips it and goes on.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the scale must be at least 1")]
    InvalidScale,
    /// The generator could not draw the programme (a bug in the generator).
    #[error("the demo plan is inconsistent: {0}")]
    Plan(String),
    /// The command layer refused a planned command.
    #[error(
        "{command_type} (command {command_id}, aggregate {aggregate_id}) was refused: {reason}"
    )]
    Rejected {
        command_type: String,
        command_id: String,
        aggregate_id: String,
        reason: String,
    },
    #[error("the event store failed: {0}")]
    Store(String),
    #[error("a demo worker stopped: {0}")]
    Worker(String),
}

impl From<ruta_store::log::ReadError> for DemoError {
    fn from(error: ruta_store::log::ReadError) -> Self {
        Self::Store(error.to_string())
    }
}

/// An error found while planning.
#[derive(Debug)]
pub(crate) struct PlanError(pub String);

impl From<PlanError> for DemoError {
    fn from(error: PlanError) -> Self {
        Self::Plan(error.0)
    }
}

/// Called with (commands done, commands planned) as the demo runs.
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Generates the demo programme into the executor's database.
///
/// # Errors
/// [`DemoError`]; a refused command names its type, command id and aggregate.
pub async fn generate(executor: &Executor, config: DemoConfig) -> Result<DemoSummary, DemoError> {
    generate_with_progress(executor, config, Arc::new(|_, _| {})).await
}

/// [`generate`], reporting progress.
///
/// # Errors
/// As [`generate`].
pub async fn generate_with_progress(
    executor: &Executor,
    config: DemoConfig,
    progress: Progress,
) -> Result<DemoSummary, DemoError> {
    let started = Instant::now();
    let plan = build(&config)?;
    let planned = plan.len();
    let workers = config.workers.unwrap_or(match executor.database() {
        ruta_store::Database::Postgres(..) => 8,
        ruta_store::Database::Sqlite(..) => 4,
    });
    let log = ruta_store::log::GlobalLog::new(executor.database().clone());
    let before = log.count().await?;
    let tally = run::run(executor, plan.into_stages(), workers.max(1), progress).await?;
    let after = log.count().await?;
    let aggregates = log
        .aggregates_by_type(&Ids::new(config.seed, 0).prefix)
        .await?;
    Ok(DemoSummary {
        seed: config.seed,
        scale: config.scale,
        workers,
        commands: planned,
        applied: tally.applied,
        duplicates: tally.duplicates,
        events_appended: after.saturating_sub(before),
        aggregates,
        duration: started.elapsed(),
    })
}

/// Parts of a cohort, each with its own random stream.
const PEOPLE: u64 = 1;
const REGISTRATIONS: u64 = 2;
const LEARNING: u64 = 3;
const EVENTS: u64 = 4;
const MENTORING: u64 = 5;
const ADVICE: u64 = 6;
const BUSINESSES: u64 = 7;
const B2B: u64 = 8;
const POSTINGS: u64 = 9;
const FINANCING: u64 = 10;
const MARKET: u64 = 11;
const OUTREACH: u64 = 12;
const CLOSING: u64 = 13;
const CATALOGUE: u64 = 14;

/// The whole programme as a plan.
fn build(config: &DemoConfig) -> Result<Plan, DemoError> {
    if config.scale == 0 {
        return Err(DemoError::InvalidScale);
    }
    let seed = config.seed;
    let mut plan = Plan::default();
    let courses = catalogue::plan(
        &mut plan,
        &Ids::new(seed, 0),
        &mut Dice::new(seed, 0, CATALOGUE),
    );
    for k in 0..config.scale {
        let ids = Ids::new(seed, k);
        let dice = |part| Dice::new(seed, k, part);
        let people = people::draw(&ids, &mut dice(PEOPLE), figures::PARTICIPANTS);
        people::plan(&mut plan, &mut dice(REGISTRATIONS), &people);
        let learning = learning::plan(&mut plan, &mut dice(LEARNING), &people, &courses);
        let late_migrants = events::plan(&mut plan, &ids, &mut dice(EVENTS), &people)?;
        mentoring::plan(&mut plan, &ids, &mut dice(MENTORING), &people);
        advice::plan(&mut plan, &ids, &mut dice(ADVICE), &people);
        let certificates = &learning.first_certificate;
        let businesses = business::plan(
            &mut plan,
            &ids,
            &mut dice(BUSINESSES),
            &people,
            certificates,
        )?;
        b2b::plan(&mut plan, &mut dice(B2B), &people, &businesses)?;
        b2b::postings(&mut plan, &ids, &mut dice(POSTINGS), &people, &businesses);
        financing::plan(&mut plan, &ids, &mut dice(FINANCING), &people, &businesses);
        market::plan(&mut plan, &ids, &mut dice(MARKET), &people, &businesses);
        outreach::plan(&mut plan, &ids, &mut dice(OUTREACH), &people)?;
        closing::plan(&mut plan, &mut dice(CLOSING), &people, &late_migrants);
    }
    Ok(plan)
}

/// Aggregate ids of one cohort: `d{seed}-` for the first, `d{seed}-k{n}-` for the others,
/// then a letter for the kind and a number.
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    prefix: String,
}

impl Ids {
    fn new(seed: u64, cohort: u32) -> Self {
        let prefix = if cohort == 0 {
            format!("d{seed}-")
        } else {
            format!("d{seed}-k{cohort}-")
        };
        Self { prefix }
    }

    fn make(&self, kind: &str, n: usize) -> String {
        format!("{}{kind}{n:04}", self.prefix)
    }

    pub(crate) fn participant(&self, n: usize) -> String {
        self.make("p", n)
    }
    pub(crate) fn course(&self, n: usize) -> String {
        format!("{}c{n:02}", self.prefix)
    }
    pub(crate) fn mentor(&self, n: usize) -> String {
        self.make("m", n)
    }
    pub(crate) fn mentorship(&self, n: usize) -> String {
        self.make("ms", n)
    }
    pub(crate) fn expert(&self, n: usize) -> String {
        self.make("x", n)
    }
    pub(crate) fn advice_group(&self, n: usize) -> String {
        self.make("g", n)
    }
    pub(crate) fn advice_request(&self, n: usize) -> String {
        self.make("q", n)
    }
    pub(crate) fn event(&self, n: usize) -> String {
        self.make("e", n)
    }
    pub(crate) fn business(&self, n: usize) -> String {
        self.make("b", n)
    }
    pub(crate) fn job_posting(&self, n: usize) -> String {
        self.make("j", n)
    }
    pub(crate) fn financing(&self, n: usize) -> String {
        self.make("f", n)
    }
    pub(crate) fn listing(&self, n: usize) -> String {
        self.make("l", n)
    }
    pub(crate) fn order(&self, n: usize) -> String {
        self.make("o", n)
    }
    pub(crate) fn campaign(&self, n: usize) -> String {
        self.make("oc", n)
    }
    pub(crate) fn newsletter(&self, n: usize) -> String {
        self.make("nl", n)
    }
    pub(crate) fn news(&self, n: usize) -> String {
        self.make("n", n)
    }
    pub(crate) fn network(&self, n: usize) -> String {
        self.make("net", n)
    }
}

#[cfg(test)]
mod tests;
