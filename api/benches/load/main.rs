//! Load: the real server on a free port, driven over HTTP by many concurrent clients.
//!
//! `cargo bench -p ruta-api --bench load` starts `ruta serve`'s application in-process (its own
//! runtime and threads, as a separate process would have) on a fresh SQLite store with tantivy
//! — and on a fresh PostgreSQL database when `DATABASE_URL` is set (created from it, dropped
//! afterwards) — seeds 60 published courses over HTTP, creates a staff token, and then for each
//! level of concurrent clients sends a fixed number of requests: (a) writes, each registering a
//! participant with a fresh e-mail; (b) mixed, 80 % public course searches and 20 % writes.
//! It prints one table per backend and workload; it asserts nothing about timings.
//!
//! Environment: `RUTA_BENCH_BACKEND` (`sqlite`, `postgres` or `both`; default SQLite, plus
//! PostgreSQL when `DATABASE_URL` is set), `RUTA_BENCH_LEVELS` (default `1,8,64,256`),
//! `RUTA_BENCH_REQUESTS` per level (default 4000), `RUTA_BENCH_TIMEOUT_SECS` (the client's
//! timeout per request, default 30; a request unanswered by then is an error),
//! `RUTA_BENCH_LEVEL_SECS` (default 120: no request is sent after that long into a level,
//! so a level that stalls reports fewer requests instead of running for many minutes).

mod workload;

use ruta_commands::Role;
use ruta_store::Database;
use serde_json::json;
use std::time::{Duration, Instant};
use workload::{Target, Workload};

const COURSES: [(&str, &str); 12] = [
    ("Contabilidad para emprendedores", "financing"),
    ("Marketing digital para pequeños negocios", "marketing"),
    ("Turismo rural y de naturaleza", "tourism"),
    (
        "Informática básica para la búsqueda de empleo",
        "informatics",
    ),
    ("Idiomas: portugués para el trabajo", "languages"),
    ("Gestión de una pequeña empresa", "management"),
    ("Comercio electrónico y tiendas en línea", "e_commerce"),
    ("Atención a personas mayores", "caring_assistance"),
    ("Medio ambiente y reciclaje", "environment"),
    ("Negociación con proveedores y clientes", "negotiations"),
    ("Recursos humanos en la microempresa", "human_resources"),
    ("Derechos y obligaciones del trabajador autónomo", "legal"),
];
const EDITIONS: usize = 5;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn levels() -> Vec<usize> {
    std::env::var("RUTA_BENCH_LEVELS")
        .unwrap_or_else(|_| "1,8,64,256".to_owned())
        .split(',')
        .filter_map(|level| level.trim().parse().ok())
        .filter(|level| *level > 0)
        .collect()
}

fn backends() -> Vec<&'static str> {
    let postgres = std::env::var("DATABASE_URL").is_ok();
    match std::env::var("RUTA_BENCH_BACKEND").as_deref() {
        Ok("sqlite") => vec!["sqlite"],
        Ok("postgres") => vec!["postgres"],
        Ok("both") => vec!["sqlite", "postgres"],
        _ if postgres => vec!["sqlite", "postgres"],
        _ => vec!["sqlite"],
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".to_owned(),
        |s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}

/// The application serving on its own runtime, with what it needs to be stopped and cleaned.
struct Server {
    base: String,
    staff_token: String,
    stop: tokio::sync::oneshot::Sender<()>,
    thread: std::thread::JoinHandle<()>,
    _folder: tempfile::TempDir,
    database: Option<String>,
}

/// A fresh store for `backend` (`None`: PostgreSQL without `DATABASE_URL`), served on a free port.
async fn start(backend: &str) -> Option<Server> {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut database = None;
    let database_url = if backend == "sqlite" {
        format!("sqlite://{}/bench.db", folder.path().display())
    } else {
        let admin_url = std::env::var("DATABASE_URL").ok()?;
        let name = format!("ruta_load_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url).await.expect("connect");
        if let Database::Postgres(pool, _) = &admin {
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(pool)
                .await
                .expect("create database");
        }
        admin.close().await;
        let (base, _) = admin_url.rsplit_once('/').expect("url with a database");
        database = Some(name.clone());
        format!("{base}/{name}")
    };
    let settings = ruta_api::Settings {
        database_url,
        bind: "127.0.0.1:0".to_owned(),
        body_limit_bytes: 64 * 1024,
        search: ruta_api::settings::SearchSettings {
            meili_url: None,
            meili_key: None,
            index_dir: folder.path().join("index"),
            index_prefix: "ruta".to_owned(),
        },
        tokens: ruta_api::settings::TokenSettings::default(),
    };
    let (ready, started) = tokio::sync::oneshot::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("server")
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let app = ruta_api::Application::build(&settings)
                .await
                .expect("application");
            let base = format!("http://{}", app.local_addr().expect("bound"));
            let db = app.state().db.clone();
            let token = ruta_api::auth::create_token(&db, Role::Staff, Some("staff-bench"), None)
                .await
                .expect("staff token");
            let _ = ready.send((base, token));
            app.run_until(async move {
                let _ = stopped.await;
            })
            .await
            .expect("served");
            db.close().await;
        });
    });
    let (base, staff_token) = started.await.expect("the server started");
    Some(Server {
        base,
        staff_token,
        stop,
        thread,
        _folder: folder,
        database,
    })
}

impl Server {
    async fn stop(self) {
        let _ = self.stop.send(());
        tokio::task::spawn_blocking(move || self.thread.join())
            .await
            .expect("join")
            .expect("server thread");
        if let (Some(name), Ok(admin_url)) = (self.database, std::env::var("DATABASE_URL")) {
            if let Ok(Database::Postgres(pool, _)) = Database::connect(&admin_url).await {
                let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                let _ = sqlx::query(&sql).execute(&pool).await;
            }
        }
    }
}

/// 60 published courses, created over HTTP; waits until the catalogue shows them.
async fn seed(target: &Target) {
    let started = Instant::now();
    let mut position = 0;
    for edition in 1..=EDITIONS {
        for (title, topic) in COURSES {
            let body = json!({"titles": {"es": format!("{title}, edición {edition}")},
                "topic": topic, "hours": 20, "pass_mark": 50, "max_exam_attempts": 3});
            let created: serde_json::Value = post(target, "/api/v1/courses", Some(body)).await;
            let id = created["aggregate_id"]
                .as_str()
                .expect("course id")
                .to_owned();
            let published = post(target, &format!("/api/v1/courses/{id}/publish"), None).await;
            position = published["position"].as_i64().expect("position");
        }
    }
    let courses = COURSES.len() * EDITIONS;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let url = format!("{}/api/v1/search/courses", target.base);
        let found: serde_json::Value = target
            .http
            .get(url)
            .query(&[("q", "contabilidad"), ("after", &position.to_string())])
            .send()
            .await
            .expect("search")
            .json()
            .await
            .expect("search answer");
        if found["total"].as_u64() == Some(EDITIONS as u64) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the catalogue never showed the seeded courses: {found}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "seeded {courses} published courses over HTTP in {:.1} s; \"contabilidad\" finds {EDITIONS}",
        started.elapsed().as_secs_f64()
    );
}

async fn post(target: &Target, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
    let mut request = target
        .http
        .post(format!("{}{path}", target.base))
        .bearer_auth(&target.staff_token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request");
    let status = response.status();
    let answer: serde_json::Value = response.json().await.expect("json answer");
    assert!(status.is_success(), "{path} answered {status}: {answer}");
    answer
}

#[tokio::main]
async fn main() {
    let levels = levels();
    let requests = env_or("RUTA_BENCH_REQUESTS", 4000);
    let timeout = Duration::from_secs(env_or("RUTA_BENCH_TIMEOUT_SECS", 30) as u64);
    let limit = Duration::from_secs(env_or("RUTA_BENCH_LEVEL_SECS", 120) as u64);
    let max_clients = levels.iter().copied().max().unwrap_or(1);
    println!(
        "load benchmark: {requests} requests per level (none sent after {} s), clients {levels:?}, client timeout {} s, {} CPUs",
        limit.as_secs(),
        timeout.as_secs(),
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    println!(
        "latency: from sending a request to having read its whole answer; percentiles over every \
         request, errors included (a timed-out one counts its wait); errors: no answer (the \
         client's timeout, a refused or reset connection); ok ≤ 1 s: answered 2xx within a second"
    );
    for backend in backends() {
        let Some(server) = start(backend).await else {
            println!("\n## {backend}: skipped (set DATABASE_URL)");
            continue;
        };
        println!("\n## {backend} (tantivy)\n");
        let target = Target {
            http: workload::http_client(max_clients, timeout),
            base: server.base.clone(),
            staff_token: server.staff_token.clone(),
        };
        seed(&target).await;
        for workload in [Workload::Writes, Workload::Mixed] {
            workload::warm_up(&target, workload, 100, limit).await;
            println!("\n### {backend}: {}\n", workload.name());
            println!("load average before: {}\n", load_average());
            workload::print_header(workload);
            let mut notes = Vec::new();
            for &clients in &levels {
                let (samples, wall) =
                    workload::run(&target, workload, clients, requests, limit).await;
                let (row, level_notes) = workload::row(workload, clients, &samples, wall);
                println!("{row}");
                notes.extend(level_notes);
                if samples.len() < requests {
                    notes.push(format!(
                        "{clients} clients: stopped sending after {} s, {} of {requests} requests sent",
                        limit.as_secs(),
                        samples.len()
                    ));
                }
            }
            println!();
            for note in notes {
                println!("{note}");
            }
            println!("load average after: {}", load_average());
        }
        drop(target);
        server.stop().await;
    }
}
