//! Catalogue rebuild time and end-to-end search latency at a realistic size.
//!
//! `cargo bench -p ruta-api --bench catalogue_rebuild` writes `RUTA_BENCH_LISTINGS` (default
//! 100,000) listings through the command layer (create + publish, every tenth closed again)
//! into a fresh SQLite database — or PostgreSQL with `RUTA_BENCH_BACKEND=postgres` and
//! `DATABASE_URL` — then times a full rebuild of each catalogue beside the live one (log →
//! document state in SQL → tantivy), and runs `RUTA_BENCH_QUERIES` (default 3,000) searches
//! through `CatalogueSearch` (the HTTP handler's path minus HTTP), printing median and p99.
//! `RUTA_BENCH_DATABASE_URL` reuses a database already filled by an earlier run.

use ruta_commands::app::{execute, AppCommand};
use ruta_commands::{CommandContext, Executor, Role};
use ruta_projections::catalogues::CatalogueSearch;
use ruta_projections::runtime::{rebuild, RunnerConfig};
use ruta_projections::search::{Filter, SearchRequest, TantivyEngine};
use ruta_store::Database;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

const TITLES: [&str; 12] = [
    "Mermelada de fresa",
    "Contabilidad para autónomos",
    "Fontanería urgente",
    "Clases de portugués",
    "Doces de figo",
    "Reparação de bicicletas",
    "Cerámica artesanal",
    "Azeite virgem extra",
    "Diseño de páginas web",
    "Limpeza de escritórios",
    "Gambas de Huelva",
    "Tours guiados por Faro",
];
const PLACES: [(&str, &str); 6] = [
    ("Lepe", "ES"),
    ("Palos de la Frontera", "ES"),
    ("La Palma del Condado", "ES"),
    ("Faro", "PT"),
    ("Tavira", "PT"),
    ("Loulé", "PT"),
];
const CATEGORIES: [&str; 4] = ["food", "home", "crafts", "lessons"];
const QUERIES: [&str; 8] = [
    "mermelada",
    "contavilidad",
    "fontaneria",
    "portugues",
    "bicicletas",
    "ceramica",
    "azeite",
    "gambas huelva",
];

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn staff() -> CommandContext {
    CommandContext::new("staff-bench".to_owned(), Role::Staff)
}

async fn fill(db: &Database, listings: usize) {
    let executor = Executor::new(db.clone());
    let sellers = listings.div_ceil(100);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let lanes = if matches!(db, Database::Postgres(..)) {
        8
    } else {
        1
    };
    for lane in 0..lanes {
        let executor = executor.clone();
        tasks.spawn(async move {
            for s in (lane..sellers).step_by(lanes) {
                let seller = format!("seller-{s}");
                let registration = serde_json::from_value(json!({"name": format!("Seller {s}"),
                    "email": format!("s{s}@example.es"), "preferred_language": "es",
                    "country_of_residence": "ES", "municipality": "Lepe", "country_of_origin": "CO",
                    "migrant_status": "migrant", "gender": "female", "channel": "web"}))
                .expect("registration");
                let register = AppCommand::RegisterParticipant(registration);
                execute(&executor, Some(&seller), register, &staff())
                    .await
                    .expect("registered");
                for n in (s * 100)..((s + 1) * 100).min(listings) {
                    let (place, country) = PLACES[n % PLACES.len()];
                    let lang = if country == "PT" { "pt" } else { "es" };
                    let listing = serde_json::from_value(json!({"seller_id": seller,
                        "kind": if n % 3 == 0 { "service" } else { "product" },
                        "title": format!("{} {n}", TITLES[n % TITLES.len()]),
                        "description": "Hecho a mano en el Algarve y Huelva", "language": lang,
                        "category": CATEGORIES[n % CATEGORIES.len()],
                        "price": format!("{}.{:02}", 1 + n % 200, n % 100),
                        "municipality": place, "country": country}))
                    .expect("listing");
                    let id = format!("l-{n}");
                    // A context per command: one command id each.
                    let send = |command| {
                        let (executor, id, ctx) = (&executor, id.as_str(), staff());
                        async move { execute(executor, Some(id), command, &ctx).await }
                    };
                    send(AppCommand::CreateListing(listing))
                        .await
                        .expect("created");
                    send(AppCommand::PublishListing).await.expect("published");
                    if n % 10 == 0 {
                        send(AppCommand::CloseListing).await.expect("closed");
                    }
                }
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("writer");
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("filled {listings} listings through the command layer in {seconds:.0} s");
}

// A quantile in 0–1 of a non-empty list: the index is within it.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let listings = env_or("RUTA_BENCH_LISTINGS", 100_000);
    let queries = env_or("RUTA_BENCH_QUERIES", 3_000);
    let folder = tempfile::tempdir().expect("temp dir");
    let (url, reuse) = match std::env::var("RUTA_BENCH_DATABASE_URL") {
        Ok(url) => (url, true),
        Err(_) if std::env::var("RUTA_BENCH_BACKEND").as_deref() == Ok("postgres") => (
            std::env::var("DATABASE_URL").expect("DATABASE_URL for postgres"),
            false,
        ),
        Err(_) => (
            format!("sqlite://{}/bench.db", folder.path().display()),
            false,
        ),
    };
    let db = Database::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    if !reuse {
        fill(&db, listings).await;
    }
    let engine = Arc::new(TantivyEngine::open(folder.path().join("index")).expect("tantivy"));
    let catalogues = CatalogueSearch::new(db.clone(), engine, "bench");
    println!("| catalogue | rebuild (s) | events read | events/s |");
    println!("| --- | --- | --- | --- |");
    for projector in catalogues.projectors() {
        let started = Instant::now();
        let rebuilt = rebuild(
            &db,
            projector.as_ref(),
            &RunnerConfig::default(),
            &|_, _| (),
        )
        .await
        .expect("rebuild");
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "| {} | {seconds:.1} | {} | {:.0} |",
            projector.name(),
            rebuilt.events,
            rebuilt.events as f64 / seconds
        );
    }
    let mut latencies = Vec::with_capacity(queries);
    let mut found = 0u64;
    for n in 0..queries {
        let mut request = SearchRequest {
            q: QUERIES[n % QUERIES.len()].to_owned(),
            filters: Vec::new(),
            sort: None,
            page: 1,
            per_page: 20,
            facets: Vec::new(),
        };
        if n % 2 == 1 {
            request.filters.push(Filter::Range {
                field: "price".to_owned(),
                min: Some(10.0),
                max: Some(120.0),
            });
            request.facets = vec!["category".to_owned(), "country".to_owned()];
        }
        let started = Instant::now();
        let results = catalogues
            .search("listings", &request)
            .await
            .expect("search");
        latencies.push(started.elapsed());
        found += u64::from(results.total > 0);
    }
    latencies.sort();
    println!(
        "search over {listings} listings, {queries} queries (half with a price filter and two facets): median {:.2} ms, p99 {:.2} ms; {found} found something",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99)
    );
    db.close().await;
}
