//! Prometheus metrics: the process-wide recorder behind the `metrics` facade, the HTTP layer
//! that counts and times every request, and the gauges set at scrape time (store pools,
//! projectors). `GET /metrics` ([`crate::routes::scrape`]) renders them.
//!
//! The recorder is global to the process, so [`install`] runs once and later calls (every
//! router a test builds) return the same handle. Other crates record through the facade with
//! the names below; describing them here gives them their `# HELP` lines.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use ruta_projections::runtime::ProjectorStatus;
use ruta_store::Database;

/// `{method, route, status}`: requests answered.
pub(crate) const HTTP_REQUESTS: &str = "ruta_http_requests_total";
/// `{method, route, status}`: seconds from the request reaching the router to the response
/// head.
pub(crate) const HTTP_DURATION: &str = "ruta_http_request_duration_seconds";
/// `{aggregate, outcome}`: commands handled (recorded by the command layer).
pub(crate) const COMMANDS: &str = "ruta_commands_total";
/// `{aggregate}`: seconds a command takes (recorded by the command layer).
pub(crate) const COMMAND_DURATION: &str = "ruta_command_duration_seconds";
/// Commands committed per store transaction (recorded by the store).
pub(crate) const COMMIT_BATCH_SIZE: &str = "ruta_store_commit_batch_size";
/// Commands waiting for the group commit (recorded by the store).
pub(crate) const COMMIT_QUEUE: &str = "ruta_store_commit_queue";
/// `{pool, state}`: store connections in use or idle, at scrape time.
pub(crate) const POOL_CONNECTIONS: &str = "ruta_store_pool_connections";
/// `{projector}`: global position of the last event applied.
pub(crate) const PROJECTOR_POSITION: &str = "ruta_projector_position";
/// `{projector}`: events in the log after the projector's checkpoint.
pub(crate) const PROJECTOR_LAG_EVENTS: &str = "ruta_projector_lag_events";
/// `{projector}`: recorded time of the newest event minus that of the last applied one.
pub(crate) const PROJECTOR_LAG_SECONDS: &str = "ruta_projector_lag_seconds";
/// `{projector}`: failed attempts on the current batch since the last success.
pub(crate) const PROJECTOR_FAILED_ATTEMPTS: &str = "ruta_projector_failed_attempts";
/// `{projector}`: 1 while stopped on an event that keeps failing, else 0.
pub(crate) const PROJECTOR_POISONED: &str = "ruta_projector_poisoned";

/// Bucket bounds (seconds) of every `*_seconds` histogram: 0.5 ms to 5 s.
pub(crate) const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];
/// Bucket bounds of the commit batch size histogram: powers of two up to 1,024 commands.
pub(crate) const BATCH_BUCKETS: &[f64] = &[
    1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1024.0,
];

/// `text/plain; version=0.0.4`: the Prometheus text exposition format.
pub(crate) const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// How often histogram samples are folded into their buckets between scrapes, so memory stays
/// bounded when nobody scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the Prometheus recorder as the process's `metrics` recorder, once; every call
/// returns the same handle.
///
/// If another recorder was installed first (by an embedding program), that one keeps
/// receiving the facade's records and the handle renders only what this module records
/// directly: an empty exposition, never a failure.
pub(crate) fn install() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let recorder = builder().build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics will be empty");
        }
        describe();
        let upkeep = handle.clone();
        let spawned = std::thread::Builder::new()
            .name("ruta-metrics-upkeep".to_owned())
            .spawn(move || loop {
                std::thread::sleep(UPKEEP_EVERY);
                upkeep.run_upkeep();
            });
        if let Err(error) = spawned {
            // Rendering folds the samples too: only memory between scrapes is at stake.
            tracing::warn!(%error, "cannot start the metrics upkeep thread");
        }
        handle
    })
}

fn builder() -> PrometheusBuilder {
    let latency = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".to_owned()), LATENCY_BUCKETS);
    // Only an empty bucket list is refused, and neither list is empty.
    match latency.and_then(|b| {
        b.set_buckets_for_metric(Matcher::Full(COMMIT_BATCH_SIZE.to_owned()), BATCH_BUCKETS)
    }) {
        Ok(builder) => builder,
        Err(error) => {
            tracing::warn!(%error, "histogram buckets refused; histograms become summaries");
            PrometheusBuilder::new()
        }
    }
}

fn describe() {
    describe_counter!(
        HTTP_REQUESTS,
        "HTTP requests answered, by route template and status."
    );
    describe_histogram!(
        HTTP_DURATION,
        Unit::Seconds,
        "Time to answer an HTTP request (to the response head), by route template and status."
    );
    describe_counter!(
        COMMANDS,
        "Commands handled, by aggregate type and outcome \
         (applied, duplicate, rejected, conflict, store_error)."
    );
    describe_histogram!(
        COMMAND_DURATION,
        Unit::Seconds,
        "Time to handle a command, by aggregate type."
    );
    describe_histogram!(
        COMMIT_BATCH_SIZE,
        Unit::Count,
        "Commands committed in one store transaction."
    );
    describe_gauge!(
        COMMIT_QUEUE,
        Unit::Count,
        "Commands waiting for the group commit."
    );
    describe_gauge!(
        POOL_CONNECTIONS,
        Unit::Count,
        "Store connections by pool and state (in_use, idle), at scrape time."
    );
    describe_gauge!(
        PROJECTOR_POSITION,
        "Global position of the last event the projector applied."
    );
    describe_gauge!(
        PROJECTOR_LAG_EVENTS,
        Unit::Count,
        "Events in the log after the projector's checkpoint."
    );
    describe_gauge!(
        PROJECTOR_LAG_SECONDS,
        Unit::Seconds,
        "Recorded time of the newest event minus that of the last one the projector applied."
    );
    describe_gauge!(
        PROJECTOR_FAILED_ATTEMPTS,
        Unit::Count,
        "Failed attempts at the projector's current batch since its last success."
    );
    describe_gauge!(
        PROJECTOR_POISONED,
        "1 while the projector is stopped on an event that keeps failing, else 0."
    );
}

/// Middleware: counts and times every request by method, route template and status. The
/// route is axum's matched template (`/api/v1/participants/{id}`), never the URI, whose
/// paths hold ids; requests no route matched are `unmatched`.
pub(crate) async fn record_http(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let response = next.run(request).await;
    let labels = [
        ("method", method.to_owned()),
        ("route", route),
        ("status", response.status().as_u16().to_string()),
    ];
    metrics::counter!(HTTP_REQUESTS, &labels).increment(1);
    metrics::histogram!(HTTP_DURATION, &labels).record(started.elapsed());
    response
}

/// The standard methods by name; anything else (a client may send any token) is `other`,
/// so a label never takes values a caller invents.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Sets the pool gauges from the store's pools as they are now.
pub(crate) fn record_pools(db: &Database) {
    for stat in db.pool_stats() {
        let in_use = stat.size.saturating_sub(stat.idle);
        metrics::gauge!(POOL_CONNECTIONS, "pool" => stat.pool, "state" => "in_use")
            .set(f64::from(in_use));
        metrics::gauge!(POOL_CONNECTIONS, "pool" => stat.pool, "state" => "idle")
            .set(f64::from(stat.idle));
    }
}

/// Sets each projector's gauges from one status read.
pub(crate) fn record_projectors(statuses: &[ProjectorStatus]) {
    for status in statuses {
        let labels = [("projector", status.name.clone())];
        metrics::gauge!(PROJECTOR_POSITION, &labels).set(as_f64(status.checkpoint.position));
        metrics::gauge!(PROJECTOR_LAG_EVENTS, &labels).set(as_f64(status.lag_events));
        metrics::gauge!(PROJECTOR_LAG_SECONDS, &labels).set(as_f64(status.lag_seconds));
        metrics::gauge!(PROJECTOR_FAILED_ATTEMPTS, &labels).set(as_f64(status.failed_attempts));
        metrics::gauge!(PROJECTOR_POISONED, &labels).set(if status.poisoned { 1.0 } else { 0.0 });
    }
}

/// Positions and counts stay far below 2^53, where every integer is still exact.
#[allow(clippy::cast_precision_loss)]
fn as_f64(value: i64) -> f64 {
    value as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_names_only_standard_methods() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::DELETE), "DELETE");
        let invented = Method::from_bytes(b"BREW").expect("a method token");
        assert_eq!(method_label(&invented), "other");
    }

    #[test]
    fn it_installs_once_and_renders_bucketed_histograms() {
        let first: *const PrometheusHandle = install();
        let second: *const PrometheusHandle = install();
        assert_eq!(first, second);
        metrics::histogram!(COMMIT_BATCH_SIZE).record(3.0);
        metrics::histogram!(COMMAND_DURATION, "aggregate" => "course").record(0.002);
        let text = install().render();
        assert!(
            text.contains("ruta_store_commit_batch_size_bucket{le=\"4\"}"),
            "{text}"
        );
        assert!(
            text.contains(
                "ruta_command_duration_seconds_bucket{aggregate=\"course\",le=\"0.0025\"}"
            ),
            "{text}"
        );
        assert!(
            text.contains("# HELP ruta_store_commit_batch_size"),
            "{text}"
        );
    }
}
