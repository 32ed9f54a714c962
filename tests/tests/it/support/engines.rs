//! Which search engine a test app runs on: embedded tantivy in a fresh folder, or, inside
//! [`on_every_engine!`](crate::on_every_engine), a real Meilisearch at `RUTA_MEILI_URL`
//! (`RUTA_MEILI_KEY` optional) under an index prefix of the test's own, whose indexes are
//! deleted at the end. Without `RUTA_MEILI_URL` the Meilisearch variants print a note and
//! return, as the search contract's do.

use ruta_api::settings::SearchSettings;
use ruta_projections::search::{MeiliEngine, SearchEngine};

tokio::task_local! {
    static MEILI: MeiliTarget;
}

/// A real Meilisearch and the prefix of one test's indexes.
#[derive(Debug, Clone)]
pub(crate) struct MeiliTarget {
    pub url: String,
    pub key: Option<String>,
    pub prefix: String,
}

impl MeiliTarget {
    /// `None`, with a note, when `RUTA_MEILI_URL` is not set.
    pub(crate) fn from_env() -> Option<MeiliTarget> {
        let Ok(url) = std::env::var("RUTA_MEILI_URL") else {
            eprintln!("not run: set RUTA_MEILI_URL to run the Meilisearch variant of this test");
            return None;
        };
        let unique = uuid::Uuid::new_v4().simple().to_string();
        Some(MeiliTarget {
            url,
            key: std::env::var("RUTA_MEILI_KEY").ok(),
            prefix: format!("t{}", &unique[..16]),
        })
    }

    pub(crate) fn engine(&self) -> MeiliEngine {
        MeiliEngine::new(&self.url, self.key.as_deref()).expect("meilisearch client")
    }

    /// Runs `test` with apps spawned inside it on this Meilisearch, then deletes its indexes.
    pub(crate) async fn run<F: std::future::Future<Output = ()>>(self, test: F) {
        MEILI.scope(self.clone(), test).await;
        let engine = self.engine();
        let own = format!("{}_", self.prefix);
        for name in engine.index_names().await.expect("indexes") {
            if name.starts_with(&own) {
                engine.drop_index(&name).await.expect("drop index");
            }
        }
    }
}

/// The search settings of an app spawned now: Meilisearch inside [`MeiliTarget::run`],
/// otherwise tantivy in `dir`.
pub(crate) fn search_settings_here(dir: &std::path::Path) -> SearchSettings {
    match MEILI.try_with(Clone::clone) {
        Ok(target) => SearchSettings {
            meili_url: Some(target.url),
            meili_key: target.key,
            index_dir: dir.to_owned(),
            index_prefix: target.prefix,
        },
        Err(_) => crate::support::search_settings(dir),
    }
}

/// `on_both_backends!`, plus both backends on a real Meilisearch when `RUTA_MEILI_URL` is set.
#[macro_export]
macro_rules! on_every_engine {
    ($name:ident) => {
        mod $name {
            use $crate::support::engines::MeiliTarget;
            use $crate::support::TestDb;

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name(&TestDb::sqlite().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if let Some(test_db) = TestDb::postgres().await {
                    super::$name(&test_db).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite_meilisearch() {
                if let Some(target) = MeiliTarget::from_env() {
                    let test_db = TestDb::sqlite().await;
                    target.run(super::$name(&test_db)).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres_meilisearch() {
                if let Some(target) = MeiliTarget::from_env() {
                    if let Some(test_db) = TestDb::postgres().await {
                        target.run(super::$name(&test_db)).await;
                    }
                }
            }
        }
    };
}
