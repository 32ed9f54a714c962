//! The search engine contract: one suite of checks, run on embedded tantivy always and on
//! Meilisearch whenever `RUTA_MEILI_URL` is set (`RUTA_MEILI_KEY` optional):
//!
//! ```text
//! RUTA_MEILI_URL=http://127.0.0.1:7700 cargo test -p ruta-tests search_contract
//! ```
//!
//! Without `RUTA_MEILI_URL` the `on_meilisearch` variants print a note and return. Each test
//! gets its own index (a fresh folder on tantivy, a unique index name on Meilisearch, dropped
//! at the end).

mod fixtures;
mod queries;
mod writes;

use std::sync::Arc;

use ruta_projections::search::{MeiliEngine, SearchEngine, TantivyEngine};
use tempfile::TempDir;

use fixtures::spec;

/// An engine with a prepared, empty index that exists for one test only.
pub(crate) struct Target {
    pub engine: Arc<dyn SearchEngine>,
    pub index: String,
    /// The tantivy folder (kept alive for the test).
    pub folder: Option<TempDir>,
}

impl Target {
    pub(crate) async fn tantivy() -> Target {
        let folder = tempfile::tempdir().expect("temp dir");
        let engine = TantivyEngine::open(folder.path().join("index")).expect("tantivy opens");
        Target::prepared(Arc::new(engine), Some(folder)).await
    }

    /// `None` (with a note) when `RUTA_MEILI_URL` is not set.
    pub(crate) async fn meilisearch() -> Option<Target> {
        let Ok(url) = std::env::var("RUTA_MEILI_URL") else {
            eprintln!(
                "not run: set RUTA_MEILI_URL (and RUTA_MEILI_KEY if needed) to run the \
                 Meilisearch variant of the search contract"
            );
            return None;
        };
        let key = std::env::var("RUTA_MEILI_KEY").ok();
        let engine = MeiliEngine::new(&url, key.as_deref()).expect("meilisearch client");
        Some(Target::prepared(Arc::new(engine), None).await)
    }

    async fn prepared(engine: Arc<dyn SearchEngine>, folder: Option<TempDir>) -> Target {
        let index = format!("contract_{}", uuid::Uuid::new_v4().simple());
        engine.prepare(&index, &spec()).await.expect("prepare");
        Target {
            engine,
            index,
            folder,
        }
    }

    pub(crate) async fn finish(self) {
        self.engine.drop_index(&self.index).await.expect("drop");
    }
}

/// Runs `check` against tantivy (`on_tantivy`) and Meilisearch (`on_meilisearch`).
#[macro_export]
macro_rules! on_both_engines {
    ($name:ident) => {
        mod $name {
            use $crate::projections::search_contract::Target;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_tantivy() {
                let target = Target::tantivy().await;
                super::$name(&target).await;
                target.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_meilisearch() {
                if let Some(target) = Target::meilisearch().await {
                    super::$name(&target).await;
                    target.finish().await;
                }
            }
        }
    };
}
