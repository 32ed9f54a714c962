//! One pass over the global log, in batches, feeding every indicator.

use chrono::{DateTime, NaiveDate, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use ruta_store::log::{Checkpoint, GlobalLog, ReadError, RecordedEvent};
use ruta_store::Database;
use std::collections::HashMap;

use crate::fingerprint::{Fingerprint, FingerprintBuilder};
use crate::indicator::{Indicator, IndicatorResult};
use crate::state::Dimensions;
use crate::view::EventView;
use crate::ReplayError;

/// Cut-offs and reading options of a replay.
#[derive(Debug, Clone)]
pub struct ReplayOptions {
    /// Business-time cut-off: only events whose `occurred_at` falls on or before this day (UTC).
    pub as_of: Option<NaiveDate>,
    /// Recorded-time cut-off: only events whose `recorded_at` is at or before this instant.
    pub known_at: Option<DateTime<Utc>>,
    /// Events read per query.
    pub batch_size: u32,
    /// Draw a progress bar on stderr (hidden when stderr is not a terminal).
    pub progress: bool,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        Self {
            as_of: None,
            known_at: None,
            batch_size: 2_000,
            progress: false,
        }
    }
}

/// The indicators' results and the fingerprint of the events they were computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayOutcome {
    pub results: Vec<IndicatorResult>,
    pub fingerprint: Fingerprint,
}

/// The replay's state: fed events one at a time, in log order.
#[derive(Debug)]
pub struct Replayer {
    indicators: Vec<Box<dyn Indicator>>,
    /// Event type → the indicators that count it.
    routes: HashMap<String, Vec<usize>>,
    dims: Dimensions,
    fingerprint: FingerprintBuilder,
    as_of: Option<NaiveDate>,
    known_at: Option<DateTime<Utc>>,
}

fn timestamp(event: &RecordedEvent, value: &str, what: &str) -> Result<DateTime<Utc>, ReplayError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| ReplayError::Corrupt {
            position: event.checkpoint.position,
            reason: format!("{what}: {e}"),
        })
}

impl Replayer {
    pub fn new(indicators: Vec<Box<dyn Indicator>>, options: &ReplayOptions) -> Self {
        let mut routes: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, indicator) in indicators.iter().enumerate() {
            for event_type in &indicator.spec().events {
                let route = routes.entry(event_type.clone()).or_default();
                if !route.contains(&i) {
                    route.push(i);
                }
            }
        }
        Self {
            indicators,
            routes,
            dims: Dimensions::default(),
            fingerprint: FingerprintBuilder::default(),
            as_of: options.as_of,
            known_at: options.known_at,
        }
    }

    /// Replays one event; `Ok(false)` when a cut-off leaves it out.
    ///
    /// # Errors
    /// [`ReplayError::Corrupt`] when its timestamps do not parse.
    pub fn feed(&mut self, event: &RecordedEvent) -> Result<bool, ReplayError> {
        let occurred = timestamp(event, &event.metadata.occurred_at, "occurred_at")?;
        if self.as_of.is_some_and(|day| occurred.date_naive() > day) {
            return Ok(false);
        }
        if let Some(known_at) = self.known_at {
            if timestamp(event, &event.metadata.recorded_at, "recorded_at")? > known_at {
                return Ok(false);
            }
        }
        self.fingerprint.add(event);
        self.dims.apply(event)?;
        if let Some(route) = self.routes.get(&event.event_type) {
            let view = EventView::new(event, occurred.date_naive(), &self.dims);
            for &i in route {
                self.indicators[i].observe(&view);
            }
        }
        Ok(true)
    }

    /// The results, in the order the indicators were given.
    pub fn finish(self) -> ReplayOutcome {
        let results = self
            .indicators
            .iter()
            .map(|indicator| IndicatorResult {
                spec: indicator.spec().clone(),
                outcome: indicator.outcome(),
            })
            .collect();
        ReplayOutcome {
            results,
            fingerprint: self.fingerprint.finish(),
        }
    }
}

/// Number of events in the log (the progress bar's total).
///
/// # Errors
/// [`ReplayError::Log`] when the database fails.
pub async fn count_events(db: &Database) -> Result<u64, ReplayError> {
    Ok(GlobalLog::new(db.clone()).count().await?)
}

fn progress_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("replay {bar:40} {pos}/{len} events {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

type Fetch = tokio::task::JoinHandle<Result<Vec<RecordedEvent>, ReadError>>;

/// Reads the batch after `after` on its own task, so that it is fetched and decoded while
/// the batch before it is replayed.
fn prefetch(log: &GlobalLog, after: Checkpoint, size: u32) -> Fetch {
    let log = log.clone();
    tokio::spawn(async move { log.read_after(after, size).await })
}

async fn joined(fetch: Fetch) -> Result<Vec<RecordedEvent>, ReplayError> {
    match fetch.await {
        Ok(batch) => Ok(batch?),
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Err(error) => Err(ReplayError::Reader(error.to_string())),
    }
}

/// How long to wait for a transaction that began before the replay to end.
const WAIT_FOR_OLDER: std::time::Duration = std::time::Duration::from_millis(20);

/// Streams the global log once, `batch_size` events at a time, into `indicators`.
///
/// It replays the log as it stood when it began: on PostgreSQL every transaction that had
/// begun by then — waiting for the ones still running, which may still commit — and nothing
/// that began later, so a report does not depend on what else the cluster is doing while it
/// runs. (Stopping at the first empty batch would silently leave out the events of any
/// transaction still open somewhere in the cluster.)
///
/// # Errors
/// [`ReplayError`] when the database fails or an event does not parse.
pub async fn replay(
    db: &Database,
    indicators: Vec<Box<dyn Indicator>>,
    options: &ReplayOptions,
) -> Result<ReplayOutcome, ReplayError> {
    let bar = if options.progress {
        progress_bar(count_events(db).await?)
    } else {
        ProgressBar::hidden()
    };
    let log = GlobalLog::new(db.clone());
    // The log as it stood when the replay began (see `LogEnd`).
    let end = log.end_now().await?;
    let mut replayer = Replayer::new(indicators, options);
    let size = options.batch_size.max(1);
    let mut after = Checkpoint::START;
    let mut next = prefetch(&log, after, size);
    // Whether every transaction to read had ended when asked, before the read now awaited
    // was sent: asked after it, one that ended in between would be taken as read.
    let mut ended_before_read = false;
    'log: loop {
        let batch = joined(next).await?;
        let Some(last) = batch.last() else {
            if ended_before_read {
                break;
            }
            ended_before_read = log.reached(end).await?;
            if !ended_before_read {
                tokio::time::sleep(WAIT_FOR_OLDER).await;
            }
            next = prefetch(&log, after, size);
            continue;
        };
        ended_before_read = false;
        after = last.checkpoint;
        next = prefetch(&log, after, size);
        for event in &batch {
            // The log is ordered by (transaction, position): past the end, all is.
            if !end.includes(event) {
                next.abort();
                break 'log;
            }
            replayer.feed(event)?;
        }
        bar.inc(batch.len() as u64);
    }
    bar.finish_and_clear();
    Ok(replayer.finish())
}
