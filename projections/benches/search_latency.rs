//! Search latency on a synthetic catalogue of listings in Spanish, Portuguese and English.
//!
//! `cargo bench -p ruta-projections --bench search_latency` indexes `RUTA_BENCH_LISTINGS`
//! (default 100,000) listings into tantivy in a temporary folder — the engine side of a full
//! rebuild — then runs `RUTA_BENCH_QUERIES` (default 4,000) queries of four classes and prints
//! median and p99 latency per class and overall, and how many typo queries found something.
//! With `RUTA_MEILI_URL` set, the same on Meilisearch.

#[path = "search_latency/corpus.rs"]
mod corpus;
#[path = "search_latency/vocabulary.rs"]
mod vocabulary;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ruta_projections::search::{MeiliEngine, SearchEngine, TantivyEngine};

use corpus::{listing, listings_spec, Query, QueryClass, Rng};

/// Documents per upsert, as a rebuild would send them.
const BATCH: usize = 5_000;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let listings = env_number("RUTA_BENCH_LISTINGS", 100_000);
    let queries = env_number("RUTA_BENCH_QUERIES", 4_000);
    let folder = tempfile::tempdir().expect("temp dir");
    let tantivy = TantivyEngine::open(folder.path().join("index")).expect("tantivy");
    run("tantivy", Arc::new(tantivy), listings, queries).await;
    if let Ok(url) = std::env::var("RUTA_MEILI_URL") {
        let key = std::env::var("RUTA_MEILI_KEY").ok();
        let meili = MeiliEngine::new(&url, key.as_deref()).expect("meilisearch client");
        run("meilisearch", Arc::new(meili), listings, queries).await;
    }
}

async fn run(name: &str, engine: Arc<dyn SearchEngine>, listings: usize, queries: usize) {
    let spec = listings_spec();
    let index = format!("bench_listings_{}", std::process::id());
    engine.drop_index(&index).await.expect("drop old");
    engine.prepare(&index, &spec).await.expect("prepare");

    let mut rng = Rng::new(7);
    let started = Instant::now();
    let mut batch = Vec::with_capacity(BATCH);
    for n in 0..listings {
        batch.push(listing(&mut rng, n));
        if batch.len() == BATCH {
            engine
                .upsert(&index, std::mem::take(&mut batch))
                .await
                .expect("upsert");
        }
    }
    if !batch.is_empty() {
        engine.upsert(&index, batch).await.expect("upsert");
    }
    let indexing = started.elapsed();
    println!(
        "{name}: indexed {listings} listings in {:.1} s ({:.0} docs/s), batches of {BATCH}",
        indexing.as_secs_f64(),
        listings as f64 / indexing.as_secs_f64()
    );

    // Warm-up: the first searches page the files in.
    let mut rng = Rng::new(11);
    for _ in 0..50 {
        let warm = Query::random(&mut rng);
        engine
            .search(&index, &spec, &warm.request)
            .await
            .expect("search");
    }

    let mut timings: Vec<(QueryClass, Duration, u64)> = Vec::with_capacity(queries);
    for _ in 0..queries {
        let query = Query::random(&mut rng);
        let started = Instant::now();
        let results = engine
            .search(&index, &spec, &query.request)
            .await
            .expect("search");
        timings.push((query.class, started.elapsed(), results.total));
    }
    report(name, &timings);
    engine.drop_index(&index).await.expect("drop");
}

fn report(name: &str, timings: &[(QueryClass, Duration, u64)]) {
    println!(
        "{name}: {} queries, latency in ms (median / p99 / max)",
        timings.len()
    );
    for class in QueryClass::ALL {
        let mine: Vec<_> = timings.iter().filter(|t| t.0 == class).collect();
        let latencies: Vec<Duration> = mine.iter().map(|t| t.1).collect();
        let with_hits = mine.iter().filter(|t| t.2 > 0).count();
        println!(
            "  {:<22} n={:<5} {}   with hits {}/{}",
            class.label(),
            mine.len(),
            percentiles(latencies),
            with_hits,
            mine.len()
        );
    }
    let all: Vec<Duration> = timings.iter().map(|t| t.1).collect();
    println!(
        "  {:<22} n={:<5} {}",
        "overall",
        timings.len(),
        percentiles(all)
    );
}

fn percentiles(mut latencies: Vec<Duration>) -> String {
    if latencies.is_empty() {
        return "-".into();
    }
    latencies.sort();
    // A quantile in 0–1 of a non-empty list: the index is within it.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let at = |q: f64| {
        let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies[i].as_secs_f64() * 1000.0
    };
    format!("{:>7.2} / {:>7.2} / {:>7.2}", at(0.5), at(0.99), at(1.0))
}
