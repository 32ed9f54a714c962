//! Closed-loop HTTP clients against a running server, and the figures they report.
//!
//! `clients` tasks share one counter of `requests`; each takes the next number, sends that
//! request, waits for the answer, and loops until the counter runs out. Every request's
//! latency (send to whole body read) and status are kept; a transport failure (connection
//! refused or reset, the client's timeout) is an error with the time it took.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Words the mixed workload searches the courses catalogue for (one misspelt).
pub(crate) const SEARCH_WORDS: [&str; 8] = [
    "contabilidad",
    "marketing",
    "turismo",
    "informática",
    "contavilidad",
    "idiomas",
    "gestión",
    "comercio",
];

/// What the clients send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Workload {
    /// Every request registers a new participant.
    Writes,
    /// Four in five are public searches, the fifth registers a participant.
    Mixed,
}

impl Workload {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Workload::Writes => "writes (POST /api/v1/participants)",
            Workload::Mixed => {
                "mixed (80 % GET /api/v1/search/courses, 20 % POST /api/v1/participants)"
            }
        }
    }

    fn is_write(self, n: usize) -> bool {
        self == Workload::Writes || n % 5 == 4
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample {
    pub write: bool,
    /// `None`: no answer (transport error or the client's timeout).
    pub status: Option<u16>,
    /// No answer within the client's timeout.
    pub timed_out: bool,
    pub latency: Duration,
}

/// Where to send requests, as whom.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub http: reqwest::Client,
    pub base: String,
    pub staff_token: String,
}

/// A client with a pool big enough for `clients` kept-alive connections.
pub(crate) fn http_client(clients: usize, timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .pool_idle_timeout(Duration::from_secs(300))
        .tcp_nodelay(true)
        .timeout(timeout)
        .build()
        .expect("http client")
}

fn registration(tag: &str, n: usize) -> serde_json::Value {
    serde_json::json!({"name": "Load Test", "email": format!("load-{tag}-{n}@example.es"),
        "preferred_language": "es", "country_of_residence": "ES", "municipality": "Lepe",
        "country_of_origin": "CO", "migrant_status": "migrant", "gender": "female",
        "channel": "web"})
}

async fn one(target: &Target, workload: Workload, tag: &str, n: usize) -> Sample {
    let write = workload.is_write(n);
    let request = if write {
        target
            .http
            .post(format!("{}/api/v1/participants", target.base))
            .bearer_auth(&target.staff_token)
            .json(&registration(tag, n))
    } else {
        let word = SEARCH_WORDS[(n / 5) % SEARCH_WORDS.len()];
        target
            .http
            .get(format!("{}/api/v1/search/courses", target.base))
            .query(&[("q", word)])
    };
    let started = Instant::now();
    // The answer counts once its whole body has arrived.
    let answer = match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            response.bytes().await.map(|_| status)
        }
        Err(error) => Err(error),
    };
    Sample {
        write,
        status: answer.as_ref().ok().copied(),
        timed_out: answer.as_ref().is_err_and(reqwest::Error::is_timeout),
        latency: started.elapsed(),
    }
}

/// Sends `requests` requests from `clients` concurrent clients, but none after `limit` has
/// passed (a stalled server would otherwise hold a level for many minutes); returns the samples
/// and the wall time from the first request to the last answer. Each client first sends one
/// `GET /healthz` (its connection is open before timing starts), then all start together.
pub(crate) async fn run(
    target: &Target,
    workload: Workload,
    clients: usize,
    requests: usize,
    limit: Duration,
) -> (Vec<Sample>, Duration) {
    let tag = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    let next = Arc::new(AtomicUsize::new(0));
    let ready = Arc::new(tokio::sync::Barrier::new(clients + 1));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..clients {
        let (target, tag, next, ready) = (target.clone(), tag.clone(), next.clone(), ready.clone());
        tasks.spawn(async move {
            let _ = target
                .http
                .get(format!("{}/healthz", target.base))
                .send()
                .await;
            ready.wait().await;
            let deadline = Instant::now() + limit;
            let mut samples = Vec::with_capacity(requests / clients + 1);
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= requests || Instant::now() >= deadline {
                    break samples;
                }
                samples.push(one(&target, workload, &tag, n).await);
            }
        });
    }
    ready.wait().await;
    let started = Instant::now();
    let mut samples = Vec::with_capacity(requests);
    while let Some(done) = tasks.join_next().await {
        samples.extend(done.expect("client task"));
    }
    (samples, started.elapsed())
}

/// Warm-up: `n` requests of the workload from four clients, not reported.
pub(crate) async fn warm_up(target: &Target, workload: Workload, n: usize, limit: Duration) {
    let (samples, _) = run(target, workload, 4, n, limit).await;
    let failed = samples
        .iter()
        .filter(|s| !s.status.is_some_and(|c| (200..300).contains(&c)))
        .count();
    if failed > 0 || samples.len() < n {
        println!(
            "warning: warm-up sent {} of {n} requests, {failed} not answered 2xx",
            samples.len()
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Nearest-rank percentile of sorted latencies, in ms.
// A quantile in 0–1 of a non-empty list: the index is within it.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    ms(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn sorted_latencies<'a>(samples: impl Iterator<Item = &'a Sample>) -> Vec<Duration> {
    let mut latencies: Vec<Duration> = samples.map(|s| s.latency).collect();
    latencies.sort();
    latencies
}

pub(crate) fn print_header(workload: Workload) {
    let mut header = String::from(
        "| clients | requests | ok (2xx) | non-2xx | errors | req/s | p50 ms | p99 ms | max ms | ok ≤ 1 s |",
    );
    let mut rule = String::from("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    if workload == Workload::Mixed {
        header.push_str(" search p99 ms | write p99 ms |");
        rule.push_str(" --- | --- |");
    }
    println!("{header}\n{rule}");
}

/// One table row, and notes naming the non-2xx statuses and the kinds of errors if there were
/// any. Latency percentiles include every request, answered or not.
pub(crate) fn row(
    workload: Workload,
    clients: usize,
    samples: &[Sample],
    wall: Duration,
) -> (String, Vec<String>) {
    let ok = |s: &Sample| s.status.is_some_and(|c| (200..300).contains(&c));
    let oks = samples.iter().filter(|s| ok(s)).count();
    let errors = samples.iter().filter(|s| s.status.is_none()).count();
    let non_2xx = samples.len() - oks - errors;
    let in_time = samples
        .iter()
        .filter(|s| ok(s) && s.latency <= Duration::from_secs(1))
        .count();
    let all = sorted_latencies(samples.iter());
    let mut row = format!(
        "| {clients} | {} | {oks} | {non_2xx} | {errors} | {:.0} | {:.2} | {:.2} | {:.2} | {in_time} |",
        samples.len(),
        samples.len() as f64 / wall.as_secs_f64(),
        percentile(&all, 0.50),
        percentile(&all, 0.99),
        all.last().map_or(f64::NAN, |d| ms(*d)),
    );
    if workload == Workload::Mixed {
        let searches = sorted_latencies(samples.iter().filter(|s| !s.write));
        let writes = sorted_latencies(samples.iter().filter(|s| s.write));
        row.push_str(&format!(
            " {:.2} | {:.2} |",
            percentile(&searches, 0.99),
            percentile(&writes, 0.99)
        ));
    }
    let mut statuses: Vec<(u16, usize)> = Vec::new();
    for code in samples
        .iter()
        .filter_map(|s| s.status)
        .filter(|c| *c >= 300)
    {
        match statuses.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => statuses.push((code, 1)),
        }
    }
    statuses.sort_unstable();
    let mut notes = Vec::new();
    if !statuses.is_empty() {
        notes.push(format!(
            "{clients} clients: non-2xx statuses (code, count) {statuses:?}"
        ));
    }
    if errors > 0 {
        let timeouts = samples.iter().filter(|s| s.timed_out).count();
        notes.push(format!(
            "{clients} clients: {errors} errors, {timeouts} of them the client's timeout"
        ));
    }
    (row, notes)
}
