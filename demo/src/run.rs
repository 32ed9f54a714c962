//! Runs a plan through `app::dispatch`: stage after stage; within a stage, lanes on a few
//! tasks at once (each lane in order). Ids and business times come from the plan, never from
//! the run, so concurrency changes only the order of lanes in the log.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::plan::{Stage, Step};
use super::{DemoError, Progress};
use ruta_commands::app::dispatch;
use ruta_commands::import::describe;
use ruta_commands::{CommandError, Executor};

/// What running the plan did.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Tally {
    pub applied: usize,
    pub duplicates: usize,
}

struct Shared {
    executor: Executor,
    lanes: Mutex<VecDeque<Vec<Step>>>,
    stop: AtomicBool,
    done: AtomicUsize,
    total: usize,
    progress: Progress,
}

/// Runs every stage in order with `workers` concurrent lanes.
pub(crate) async fn run(
    executor: &Executor,
    stages: Vec<(Stage, Vec<Vec<Step>>)>,
    workers: usize,
    progress: Progress,
) -> Result<Tally, DemoError> {
    let total = stages
        .iter()
        .map(|(_, lanes)| lanes.iter().map(Vec::len).sum::<usize>())
        .sum();
    let shared = Arc::new(Shared {
        executor: executor.clone(),
        lanes: Mutex::new(VecDeque::new()),
        stop: AtomicBool::new(false),
        done: AtomicUsize::new(0),
        total,
        progress,
    });
    let mut tally = Tally::default();
    for (_, lanes) in stages {
        if let Ok(mut queue) = shared.lanes.lock() {
            queue.extend(lanes);
        }
        let done = if workers <= 1 {
            work(&shared).await?
        } else {
            let mut tasks = tokio::task::JoinSet::new();
            for _ in 0..workers {
                let shared = Arc::clone(&shared);
                tasks.spawn(async move { work(&shared).await });
            }
            let mut sum = Tally::default();
            let mut failure = None;
            while let Some(joined) = tasks.join_next().await {
                match joined {
                    Ok(Ok(t)) => {
                        sum.applied += t.applied;
                        sum.duplicates += t.duplicates;
                    }
                    Ok(Err(e)) => failure = failure.or(Some(e)),
                    Err(e) => failure = failure.or(Some(DemoError::Worker(e.to_string()))),
                }
            }
            if let Some(error) = failure {
                return Err(error);
            }
            sum
        };
        tally.applied += done.applied;
        tally.duplicates += done.duplicates;
    }
    Ok(tally)
}

/// Takes lanes until none is left (or another worker failed) and runs each in order.
async fn work(shared: &Shared) -> Result<Tally, DemoError> {
    let mut tally = Tally::default();
    loop {
        if shared.stop.load(Ordering::Relaxed) {
            return Ok(tally);
        }
        let lane = match shared.lanes.lock() {
            Ok(mut queue) => queue.pop_front(),
            Err(_) => None,
        };
        let Some(lane) = lane else {
            return Ok(tally);
        };
        for step in lane {
            if let Err(error) = apply(shared, step, &mut tally).await {
                shared.stop.store(true, Ordering::Relaxed);
                return Err(error);
            }
        }
    }
}

async fn apply(shared: &Shared, step: Step, tally: &mut Tally) -> Result<(), DemoError> {
    let ctx = step.context();
    let kind = step.kind().to_owned();
    let send = || {
        dispatch(
            &shared.executor,
            Some(&step.aggregate_id),
            step.command.clone(),
            &ctx,
        )
    };
    let mut outcome = send().await;
    // A store failure may be passing (a busy server, no free connection); the command id
    // makes another try safe: a commit that did happen returns its first outcome.
    for pause in [1, 2, 4] {
        if !matches!(outcome, Err(CommandError::Store(_))) {
            break;
        }
        tokio::time::sleep(Duration::from_secs(pause)).await;
        outcome = send().await;
    }
    let refused = |reason: String| DemoError::Rejected {
        command_type: kind.clone(),
        command_id: ctx.command_id.clone(),
        aggregate_id: step.aggregate_id.clone(),
        reason,
    };
    match outcome {
        Ok(o) if o.replayed => tally.duplicates += 1,
        // A planned command that changes nothing is a mistake in the plan: say so.
        Ok(o) if o.events.is_empty() => return Err(refused("it changed nothing".to_owned())),
        Ok(_) => tally.applied += 1,
        Err(error) => return Err(refused(describe(&error))),
    }
    let done = shared.done.fetch_add(1, Ordering::Relaxed) + 1;
    if done.is_multiple_of(500) || done == shared.total {
        (shared.progress)(done, shared.total);
    }
    Ok(())
}
