//! The server and the search engine apart: a server whose engine is down starts, takes
//! commands and answers searches with 503 until the engine is back; a catalogue rebuilt into
//! another engine is rebuilt back rather than served empty; old generations' indexes go; an id
//! no engine accepts as written still gets its document.

use reqwest::{Method, StatusCode};
use ruta_api::projections_cli::{print_status, rebuild_one, ReadModelSettings};
use ruta_projections::catalogues::built_into;
use ruta_projections::runtime::live_generation;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

use crate::on_every_engine;
use crate::projections::api_search::{ids, search};
use crate::support::catalogue_fixtures::trade;
use crate::support::engines::MeiliTarget;
use crate::support::{read_all, registration_json, spawn_app, spawn_app_with, TestApp, TestDb};

/// A Meilisearch address nothing listens on.
fn dead_meilisearch(dir: &std::path::Path) -> ruta_api::settings::SearchSettings {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    ruta_api::settings::SearchSettings {
        meili_url: Some(format!("http://127.0.0.1:{port}")),
        meili_key: None,
        index_dir: dir.to_owned(),
        index_prefix: "down".to_owned(),
    }
}

async fn readiness(app: &TestApp) -> Value {
    app.get("/readyz", None).ok().await
}

async fn a_server_starts_and_takes_commands_while_its_engine_is_down(t: &TestDb) {
    let dir = tempfile::tempdir().expect("dir");
    let app = spawn_app_with(t, dead_meilisearch(dir.path())).await;
    let staff = Some(app.staff_token.as_str());
    let body = registration_json("Ana Down");
    app.post("/api/v1/participants", staff, body)
        .created()
        .await;

    let ready = readiness(&app).await;
    assert_eq!(ready["status"], "degraded", "{ready}");
    assert_eq!(ready["search"]["engine"], "meilisearch", "{ready}");
    assert_eq!(ready["search"]["status"], "unavailable", "{ready}");
    assert!(
        ready["search"]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty()),
        "{ready}"
    );

    for catalogue in ["courses", "listings", "mentors"] {
        let path = format!("/api/v1/search/{catalogue}?q=taller");
        let unavailable = StatusCode::SERVICE_UNAVAILABLE;
        let answer = app.get(&path, None).expect(unavailable).await;
        assert_eq!(answer["type"], "urn:ruta:problem:unavailable", "{answer}");
    }

    // The CLI's status says the same and still lists every projector.
    let settings = ReadModelSettings {
        database_url: t.url.clone(),
        search: dead_meilisearch(dir.path()),
    };
    print_status(&settings)
        .await
        .expect("status runs with the engine down");
}
crate::on_both_backends!(a_server_starts_and_takes_commands_while_its_engine_is_down);

/// Searches `path` until it answers 200 (at most 60 s); every other answer must be a 503
/// problem, never a 200 with an empty page.
async fn searched_once_back(app: &TestApp, path: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (status, headers, answer) = app.send(Method::GET, path, None, None).await;
        match status {
            StatusCode::OK => return answer,
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(headers["content-type"], "application/problem+json");
            }
            other => panic!("{path}: {other} {answer}"),
        }
        assert!(
            Instant::now() < deadline,
            "{path} still 503 after 60 s: {answer}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A rebuild run against another engine (tantivy in another folder) moves the live
/// generation there; the server notices, answers 503 meanwhile, rebuilds into its own engine
/// and finds every listing again; the indexes of dropped generations leave its engine.
async fn a_catalogue_rebuilt_into_another_engine_is_rebuilt_back(t: &TestDb) {
    let app = spawn_app(t).await;
    let executor = ruta_commands::Executor::new(t.db.clone());
    trade(&executor, "seller-s", 9).await;
    let last = read_all(&t.db)
        .await
        .last()
        .expect("events")
        .checkpoint
        .position;
    let path = "/api/v1/search/listings?per_page=100";
    let before = ids(&search(&app, path, last).await);
    assert_eq!(before.len(), 6);
    let here = app.catalogues.engine().identity();
    let live = live_generation(&t.db, "listings")
        .await
        .expect("generation");
    assert_eq!(
        built_into(&t.db, "listings", live).await.expect("row"),
        Some(here.clone())
    );

    let elsewhere = tempfile::tempdir().expect("other index folder");
    let other = ReadModelSettings {
        database_url: t.url.clone(),
        search: crate::support::search_settings(elsewhere.path()),
    };
    for _ in 0..2 {
        // A rebuild makes the next generation live (read before: the server may be quick).
        let moved = live_generation(&t.db, "listings")
            .await
            .expect("generation")
            + 1;
        rebuild_one(&other, "listings")
            .await
            .expect("rebuilds elsewhere");
        assert_ne!(
            built_into(&t.db, "listings", moved).await.expect("row"),
            Some(here.clone())
        );

        let again = searched_once_back(&app, path).await;
        assert_eq!(ids(&again), before, "the server serves its own rebuild");
        let back = live_generation(&t.db, "listings")
            .await
            .expect("generation");
        assert!(back > moved, "rebuilt into a new generation");
        assert_eq!(
            built_into(&t.db, "listings", back).await.expect("row"),
            Some(here.clone())
        );
    }

    // Only the live generation and the one before it are left in this engine.
    let deadline = Instant::now() + Duration::from_secs(30);
    let live = live_generation(&t.db, "listings")
        .await
        .expect("generation");
    let prefix = format!("{}_listings_", app.search.index_prefix);
    loop {
        let held: Vec<i64> = app
            .catalogues
            .engine()
            .index_names()
            .await
            .expect("indexes")
            .iter()
            .filter_map(|name| name.strip_prefix(&prefix)?.parse().ok())
            .collect();
        if held.iter().all(|g| *g >= live - 1) {
            assert!(held.contains(&live), "{held:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "old indexes stay: {held:?} (live {live})"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
on_every_engine!(a_catalogue_rebuilt_into_another_engine_is_rebuilt_back);

/// A generation made live before engines were recorded (no `search_generations` row) is
/// stale on an engine that lacks its index, as soon as SQL knows of documents for it.
async fn an_unrecorded_generation_this_engine_lacks_is_stale(t: &TestDb) {
    let executor = ruta_commands::Executor::new(t.db.clone());
    trade(&executor, "seller-u", 3).await;
    let here_dir = tempfile::tempdir().expect("index folder");
    let here = crate::support::engines::search_settings_here(here_dir.path());
    let elsewhere = tempfile::tempdir().expect("other index folder");
    let other = ReadModelSettings {
        database_url: t.url.clone(),
        search: crate::support::search_settings(elsewhere.path()),
    };
    rebuild_one(&other, "listings")
        .await
        .expect("rebuilds elsewhere");
    let live = live_generation(&t.db, "listings")
        .await
        .expect("generation");
    // As a store written before the engines table would look.
    sqlx_forget(t, "listings", live).await;
    assert_eq!(
        built_into(&t.db, "listings", live).await.expect("row"),
        None
    );

    let (_, catalogues) = ruta_api::startup::open_store(&t.url, &here)
        .await
        .expect("store");
    let stale = catalogues.stale().await.expect("stale");
    assert!(
        stale
            .iter()
            .any(|(name, why)| *name == "listings" && why.to_string().contains("no longer holds")),
        "{stale:?}"
    );
    // The engine that holds it is not told to rebuild.
    let (_, there) = ruta_api::startup::open_store(&t.url, &other.search)
        .await
        .expect("store");
    let stale = there.stale().await.expect("stale");
    assert!(
        stale.iter().all(|(name, _)| *name != "listings"),
        "{stale:?}"
    );
}
on_every_engine!(an_unrecorded_generation_this_engine_lacks_is_stale);

async fn sqlx_forget(t: &TestDb, collection: &str, generation: i64) {
    let sql = "DELETE FROM search_generations WHERE collection = $1 AND generation = $2";
    let forgotten = ruta_store::with_write_pool!(&t.db, pool => sqlx::query(sql)
        .bind(collection)
        .bind(generation)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
    .expect("delete");
    assert_eq!(forgotten, 1);
}

/// A mentor id longer than any engine takes once encoded is indexed under a hash, and found
/// under its own id.
async fn a_long_id_gets_a_document_under_a_hash(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    // Dots are written as three characters each: 255 of them would make 765.
    let id = format!("m{}", ".m".repeat(60));
    let body = json!({"mentor_id": id, "name": "Mentora Larga", "areas_of_expertise": ["tourism"],
        "languages": ["es"], "bio": "Turismo de interior", "capacity": 2});
    let created = app.post("/api/v1/mentors", staff, body).succeeds().await;
    let at = created["position"].as_i64().expect("position");
    let found = search(&app, "/api/v1/search/mentors?q=interior", at).await;
    assert_eq!(ids(&found), [id]);
    assert_eq!(found["hits"][0]["document"].get("aggregate_id"), None);
    let ready = readiness(&app).await;
    assert_eq!(ready["status"], "ready", "{ready}");
}
on_every_engine!(a_long_id_gets_a_document_under_a_hash);

/// `ruta projections status` asks Meilisearch nothing that queues a task.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_queues_no_task_on_meilisearch() {
    let Some(target) = MeiliTarget::from_env() else {
        return;
    };
    let t = TestDb::sqlite().await;
    let url = target.url.clone();
    let key = target.key.clone();
    let prefix = target.prefix.clone();
    target
        .run(async move {
            let dir = tempfile::tempdir().expect("dir");
            let settings = ReadModelSettings {
                database_url: t.url.clone(),
                search: ruta_api::settings::SearchSettings {
                    meili_url: Some(url.clone()),
                    meili_key: key.clone(),
                    index_dir: dir.path().to_owned(),
                    index_prefix: prefix.clone(),
                },
            };
            // Other tests share the server: count the tasks of this test's indexes only.
            let own = format!("{prefix}_courses_1,{prefix}_listings_1,{prefix}_mentors_1");
            let before = task_total(&url, key.as_deref(), &own).await;
            for _ in 0..3 {
                print_status(&settings).await.expect("status");
            }
            assert_eq!(task_total(&url, key.as_deref(), &own).await, before);
        })
        .await;
}

async fn task_total(url: &str, key: Option<&str>, indexes: &str) -> u64 {
    let mut request =
        reqwest::Client::new().get(format!("{url}/tasks?limit=1&indexUids={indexes}"));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let tasks: Value = request
        .send()
        .await
        .expect("tasks")
        .json()
        .await
        .expect("json");
    tasks["total"].as_u64().expect("total")
}

/// Forwards every connection on `listener` to `target` (a Meilisearch that "comes back").
async fn forward(listener: tokio::net::TcpListener, target: String) {
    while let Ok((mut inbound, _)) = listener.accept().await {
        let target = target.clone();
        tokio::spawn(async move {
            if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
            }
        });
    }
}

/// Meilisearch down when the server starts, then back: the server starts, answers 503, then
/// applies the index settings by itself and finds what was written meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn once_meilisearch_is_back_the_settings_are_applied_and_searches_answer() {
    let Some(target) = MeiliTarget::from_env() else {
        return;
    };
    let t = TestDb::sqlite().await;
    let upstream = target
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let (key, prefix, url) = (
        target.key.clone(),
        target.prefix.clone(),
        target.url.clone(),
    );
    target
        .run(async move {
            let dir = tempfile::tempdir().expect("dir");
            let mut search = dead_meilisearch(dir.path());
            search.meili_key = key.clone();
            search.index_prefix = prefix.clone();
            let address = search
                .meili_url
                .clone()
                .expect("url")
                .replace("http://", "");
            let app = spawn_app_with(&t, search).await;
            let staff = Some(app.staff_token.as_str());
            let body = json!({"mentor_id": "m-back", "name": "Mentora Vuelta",
                "areas_of_expertise": ["tourism"], "languages": ["es"],
                "bio": "Senderismo y turismo", "capacity": 2});
            app.post("/api/v1/mentors", staff, body).created().await;
            let path = "/api/v1/search/mentors?q=senderismo";
            let unavailable = StatusCode::SERVICE_UNAVAILABLE;
            app.get(path, None).expect(unavailable).await;
            assert_eq!(readiness(&app).await["status"], "degraded");

            let listener = tokio::net::TcpListener::bind(&address)
                .await
                .expect("rebind");
            tokio::spawn(forward(listener, upstream));
            let found = searched_once_back(&app, path).await;
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut found = found;
            while found["total"] != 1 {
                assert!(Instant::now() < deadline, "not found once back: {found}");
                tokio::time::sleep(Duration::from_millis(200)).await;
                found = searched_once_back(&app, path).await;
            }
            assert_eq!(ids(&found), ["m-back"]);
            // The watcher looks again within its back-off (at most 15 s).
            let deadline = Instant::now() + Duration::from_secs(30);
            while readiness(&app).await["status"] != "ready" {
                assert!(Instant::now() < deadline, "{}", readiness(&app).await);
                tokio::time::sleep(Duration::from_millis(200)).await;
            }

            let live = live_generation(&t.db, "mentors").await.expect("generation");
            let index = format!("{prefix}_mentors_{live}");
            let mut request = reqwest::Client::new()
                .get(format!("{url}/indexes/{index}/settings/typo-tolerance"));
            if let Some(key) = &key {
                request = request.bearer_auth(key);
            }
            let typos: Value = request
                .send()
                .await
                .expect("settings")
                .json()
                .await
                .expect("json");
            assert_eq!(
                typos["minWordSizeForTypos"],
                json!({"oneTypo": 4, "twoTypos": 8})
            );
        })
        .await;
}
