//! Fresh databases per test and the fixtures the tests share.

pub(crate) mod catalogue_fixtures;
pub(crate) mod engines;
pub(crate) mod faulty_projector;
pub(crate) mod http;
pub(crate) mod projector_fixtures;
pub(crate) mod replay_fixture;

use ruta_commands::{CommandContext, Executor, Role};
use ruta_domain::learning::course::{CourseCommand, CreateCourse};
use ruta_domain::participant::{ParticipantCommand, RegisterParticipant};
use ruta_domain::values::{
    AcquisitionChannel, Gender, Language, MigrantStatus, ProgrammeCountry, Topic,
};
use ruta_store::Database;
use tempfile::TempDir;

/// A migrated database that exists for one test only.
pub(crate) struct TestDb {
    pub db: Database,
    pub url: String,
    _cleanup: Cleanup,
}

enum Cleanup {
    Folder(#[allow(dead_code)] TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop is synchronous; a short-lived runtime on its own thread does the async work.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async {
                        if let Ok(admin) = Database::connect(&admin_url).await {
                            if let Database::Postgres(pool, _) = &admin {
                                let sql =
                                    format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                                let _ = sqlx::query(&sql).execute(pool).await;
                            }
                            admin.close().await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

impl TestDb {
    pub(crate) async fn sqlite() -> TestDb {
        let folder = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/ruta.db", folder.path().display());
        let db = Database::connect(&url).await.expect("sqlite connects");
        db.migrate().await.expect("sqlite migrates");
        TestDb {
            db,
            url,
            _cleanup: Cleanup::Folder(folder),
        }
    }

    /// A fresh PostgreSQL database, or `None` (the test is skipped) without `DATABASE_URL`.
    pub(crate) async fn postgres() -> Option<TestDb> {
        let Ok(admin_url) = std::env::var("DATABASE_URL") else {
            assert!(
                std::env::var("RUTA_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "RUTA_REQUIRE_POSTGRES=1 but DATABASE_URL is not set"
            );
            eprintln!("skipped: set DATABASE_URL to run the PostgreSQL variant");
            return None;
        };
        let name = format!("ruta_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url)
            .await
            .expect("postgres connects");
        if let Database::Postgres(pool, _) = &admin {
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(pool)
                .await
                .expect("create test database");
        }
        admin.close().await;
        let url = with_database(&admin_url, &name);
        let db = Database::connect(&url)
            .await
            .expect("test database connects");
        db.migrate().await.expect("postgres migrates");
        Some(TestDb {
            db,
            url,
            _cleanup: Cleanup::Postgres { admin_url, name },
        })
    }
}

/// `url` pointing at database `name` instead (keeps credentials, host and query).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{name}", &base[..path_start]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// Runs an async test body against SQLite and, when available, PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let test_db = $crate::support::TestDb::sqlite().await;
                super::$name(&test_db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if let Some(test_db) = $crate::support::TestDb::postgres().await {
                    super::$name(&test_db).await;
                }
            }
        }
    };
}

/// The rule a refusal from the command layer names, if it is a broken rule.
pub(crate) fn rule_of(
    result: &Result<ruta_commands::CommandOutcome, ruta_commands::CommandError>,
) -> Option<&'static str> {
    match result {
        Err(ruta_commands::CommandError::Domain(ruta_domain::DomainError::RuleBroken {
            rule,
            ..
        })) => Some(rule),
        _ => None,
    }
}

pub(crate) fn staff() -> CommandContext {
    CommandContext::new("staff-test", Role::Staff)
}

pub(crate) fn registration(name: &str) -> RegisterParticipant {
    RegisterParticipant {
        name: name.to_owned(),
        email: format!("{}@example.pt", name.to_lowercase().replace(' ', ".")),
        preferred_language: Language::Pt,
        country_of_residence: ProgrammeCountry::Pt,
        municipality: "Faro".to_owned(),
        country_of_origin: "BR".to_owned(),
        migrant_status: MigrantStatus::Migrant,
        gender: Gender::Male,
        channel: AcquisitionChannel::Web,
    }
}

pub(crate) async fn register(executor: &Executor, id: &str, name: &str) {
    executor
        .execute::<ruta_domain::participant::Participant>(
            id,
            ParticipantCommand::Register(registration(name)),
            &staff(),
        )
        .await
        .expect("registers");
}

pub(crate) fn course() -> CreateCourse {
    CreateCourse {
        titles: [(Language::Es, "Contabilidad básica".to_owned())].into(),
        descriptions: Default::default(),
        topic: Topic::Financing,
        hours: 20,
        pass_mark: 50,
        max_exam_attempts: 2,
    }
}

pub(crate) async fn published_course(executor: &Executor, id: &str) {
    use ruta_domain::learning::course::Course;
    executor
        .execute::<Course>(id, CourseCommand::Create(course()), &staff())
        .await
        .expect("creates course");
    executor
        .execute::<Course>(id, CourseCommand::Publish, &staff())
        .await
        .expect("publishes course");
}

/// Number of rows in the events table.
pub(crate) async fn event_count(db: &Database) -> i64 {
    ruta_commands::with_pool!(db, pool => sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(pool).await.expect("count"))
}

#[test]
fn it_swaps_only_the_database_name() {
    assert_eq!(
        with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
        "postgres://u:p@h:5432/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
}

/// The whole global log, once every committed event is final. On PostgreSQL the reader waits
/// for older transactions anywhere in the cluster (other tests' too), so poll.
pub(crate) async fn read_all(db: &Database) -> Vec<ruta_store::log::RecordedEvent> {
    use ruta_store::log::{Checkpoint, GlobalLog};
    let expected = usize::try_from(event_count(db).await).expect("count");
    let log = GlobalLog::new(db.clone());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let all = log
            .read_after(Checkpoint::START, 100_000)
            .await
            .expect("reads");
        if all.len() >= expected {
            return all;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the global log shows {} of {expected} events after 60 s; {}",
            all.len(),
            horizon(db).await
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// The real router on 127.0.0.1:0, on a test database, with a staff token.
pub(crate) struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub staff_token: String,
    pub db: Database,
    /// The app's own catalogues (same engine instance), for rebuilds beside a live server.
    pub catalogues: ruta_projections::catalogues::CatalogueSearch,
    /// The search settings the app runs with (its engine and index prefix).
    pub search: ruta_api::settings::SearchSettings,
    _index: TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub(crate) async fn spawn_app(t: &TestDb) -> TestApp {
    let index = tempfile::tempdir().expect("index dir");
    let search = crate::support::engines::search_settings_here(index.path());
    spawn_in(t, index, search).await
}

/// [`spawn_app`] on the search engine `search` names.
pub(crate) async fn spawn_app_with(
    t: &TestDb,
    search: ruta_api::settings::SearchSettings,
) -> TestApp {
    let index = tempfile::tempdir().expect("index dir");
    spawn_in(t, index, search).await
}

async fn spawn_in(
    t: &TestDb,
    index: TempDir,
    search: ruta_api::settings::SearchSettings,
) -> TestApp {
    let settings = ruta_api::Settings {
        database_url: t.url.clone(),
        bind: "127.0.0.1:0".to_owned(),
        body_limit_bytes: 16 * 1024,
        search: search.clone(),
        tokens: ruta_api::settings::TokenSettings::default(),
    };
    let app = ruta_api::Application::build(&settings)
        .await
        .expect("app builds");
    let base = format!("http://{}", app.local_addr().expect("bound"));
    let db = app.state().db.clone();
    let catalogues = app.state().catalogues.clone();
    let staff_token = ruta_api::auth::create_token(&db, Role::Staff, Some("staff-maria"), None)
        .await
        .expect("token");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    TestApp {
        base,
        http: reqwest::Client::new(),
        staff_token,
        db,
        catalogues,
        search,
        _index: index,
        _stop: stop,
    }
}

impl TestApp {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends `body` as JSON with `token`; returns status, headers and the JSON answer.
    pub(crate) async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> (
        reqwest::StatusCode,
        reqwest::header::HeaderMap,
        serde_json::Value,
    ) {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (status, headers, json)
    }
}

pub(crate) fn registration_json(name: &str) -> serde_json::Value {
    serde_json::json!({
        "name": name, "email": "ana@example.es", "preferred_language": "es",
        "country_of_residence": "ES", "municipality": "Lepe", "country_of_origin": "CO",
        "migrant_status": "migrant", "gender": "female", "channel": "internet_access_point"
    })
}

pub(crate) fn course_json() -> serde_json::Value {
    serde_json::json!({
        "titles": {"es": "Contabilidad básica", "pt": "Contabilidade básica"},
        "descriptions": {"es": "Las cuentas de tu negocio"},
        "topic": "financing", "hours": 20, "pass_mark": 50, "max_exam_attempts": 3
    })
}

/// What holds the PostgreSQL reader's horizon back: the oldest running transactions.
pub(crate) async fn horizon(db: &Database) -> String {
    let Database::Postgres(pool, _) = db else {
        return String::new();
    };
    type Activity = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Activity> = sqlx::query_as(
        "SELECT datname::text, state, backend_xid::text, left(query, 120) FROM pg_stat_activity \
         WHERE backend_xid IS NOT NULL ORDER BY xact_start LIMIT 5",
    )
    .fetch_all(pool)
    .await
    .unwrap_or_default();
    let horizon = ruta_store::log::GlobalLog::new(db.clone()).horizon().await;
    format!("horizon {horizon:?}; oldest transactions: {rows:?}")
}

/// The embedded engine in `dir`.
pub(crate) fn search_settings(dir: &std::path::Path) -> ruta_api::settings::SearchSettings {
    ruta_api::settings::SearchSettings {
        meili_url: None,
        meili_key: None,
        index_dir: dir.to_owned(),
        index_prefix: "ruta".to_owned(),
    }
}
