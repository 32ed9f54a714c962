//! A rebuild beside the live catalogue while the public searches it in a loop: not one search
//! fails or sees a partial catalogue, and the new generation answers afterwards. Also the
//! mentor directory, and `ruta projections rebuild` itself.

use reqwest::StatusCode;
use ruta_api::projections_cli::{rebuild_one, ReadModelSettings};
use ruta_projections::runtime::{live_generation, rebuild, RunnerConfig};
use serde_json::json;

use crate::on_every_engine;
use crate::projections::api_search::{ids, search};
use crate::support::catalogue_fixtures::trade;
use crate::support::{spawn_app, TestDb};

async fn it_answers_every_search_during_a_rebuild(t: &TestDb) {
    let app = spawn_app(t).await;
    let executor = ruta_commands::Executor::new(t.db.clone());
    trade(&executor, "seller-r", 30).await;
    let last = crate::support::read_all(&t.db)
        .await
        .last()
        .expect("events")
        .checkpoint
        .position;
    // 30 listings, every third closed again.
    let before = search(&app, "/api/v1/search/listings?per_page=100", last).await;
    assert_eq!(before["total"], 20);

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let searching = {
        let (http, url, stop) = (
            app.http.clone(),
            app.url("/api/v1/search/listings?q=mermelada&per_page=1"),
            stop.clone(),
        );
        tokio::spawn(async move {
            let mut answers = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let response = http.get(&url).send().await.expect("search");
                let status = response.status();
                let body: serde_json::Value = response.json().await.expect("json");
                answers.push((status, body["total"].clone()));
            }
            answers
        })
    };
    let projector = app
        .catalogues
        .projectors()
        .into_iter()
        .find(|p| p.name() == "listings")
        .expect("listings projector");
    let rebuilt = rebuild(
        &t.db,
        projector.as_ref(),
        &RunnerConfig::default(),
        &|_, _| (),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let answers = searching.await.expect("searches");
    assert_eq!(rebuilt.expect("rebuilt").generation, 2);
    assert!(answers.len() > 3, "searched throughout: {}", answers.len());
    assert!(
        answers
            .iter()
            .all(|(status, total)| *status == StatusCode::OK && *total == 20),
        "every search answered the whole catalogue: {answers:?}"
    );
    assert_eq!(
        live_generation(&t.db, "listings")
            .await
            .expect("generation"),
        2
    );
    let after = search(&app, "/api/v1/search/listings?per_page=100", last).await;
    assert_eq!(
        ids(&after),
        ids(&before),
        "the new generation holds the same listings"
    );

    // The same through the CLI's entry point, on the same store and index folder.
    let settings = ReadModelSettings {
        database_url: t.url.clone(),
        search: app.search.clone(),
    };
    let unknown = rebuild_one(&settings, "recipes").await;
    let unknown = format!("{:#}", unknown.expect_err("unknown projector"));
    assert!(
        unknown.contains("one of: certificates, courses"),
        "{unknown}"
    );
    rebuild_one(&settings, "certificates")
        .await
        .expect("rebuilds certificates");
    assert_eq!(
        live_generation(&t.db, "certificates")
            .await
            .expect("generation"),
        2
    );
}
on_every_engine!(it_answers_every_search_during_a_rebuild);

async fn it_lists_active_mentors_by_area_and_language(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let mentor = |id: &str, areas: &[&str], languages: &[&str], bio: &str| {
        json!({"mentor_id": id, "name": format!("Mentor {id}"), "areas_of_expertise": areas,
            "languages": languages, "bio": bio, "capacity": 3})
    };
    for body in [
        mentor(
            "m.lucía@aracena",
            &["marketing", "tourism"],
            &["es", "pt"],
            "Turismo rural en Aracena",
        ),
        mentor("m-joao", &["financing"], &["pt"], "Contabilista em Faro"),
    ] {
        app.post("/api/v1/mentors", staff, body).succeeds().await;
    }
    let retirement = "/api/v1/mentors/m-joao/retirement";
    let retired = app.post(retirement, staff, None).succeeds().await;
    let at = retired["position"].as_i64().expect("position");
    let q = |p: &str| format!("/api/v1/search/mentors?{p}");
    assert_eq!(
        ids(&search(&app, &q("area=tourism"), at).await),
        ["m.lucía@aracena"]
    );
    assert_eq!(
        ids(&search(&app, &q("language=pt&available=true"), at).await),
        ["m.lucía@aracena"]
    );
    assert_eq!(
        ids(&search(&app, &q("q=turismo"), at).await),
        ["m.lucía@aracena"]
    );
    let found = search(&app, &q("q=contabilista"), at).await;
    assert_eq!(found["total"], 0, "a retired mentor is not listed");
    let lucia = search(&app, &q("area=marketing"), at).await;
    assert_eq!(lucia["hits"][0]["document"]["capacity_left"], 3);
}
on_every_engine!(it_lists_active_mentors_by_area_and_language);
