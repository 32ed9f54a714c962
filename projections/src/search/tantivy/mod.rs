//! The embedded engine: one tantivy index per directory under the engine's folder.
//!
//! Each open index has one writer behind a mutex (the projector writes, in batches) and one
//! reader reloaded by hand after each commit, so an upsert returns only once its documents are
//! on disk and visible to every later search. All tantivy work runs on the blocking pool.

mod collect;
mod document;
mod highlight;
mod open_index;
mod query;
mod result_cache;
mod schema;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use tantivy::directory::MmapDirectory;
use tantivy::tokenizer::TokenizerManager;
use tantivy::Index;

use super::engine::SearchEngine;
use super::types::{CollectionSpec, SearchDocument, SearchError, SearchRequest, SearchResults};
use super::validate;
use collect::engine;
use open_index::OpenIndex;
use schema::{build_schema, register_analysers};

/// tantivy in a folder, one sub-directory per index. Cheap to clone (shared state).
#[derive(Clone)]
pub struct TantivyEngine {
    shared: Arc<Shared>,
}

struct Shared {
    dir: PathBuf,
    open: Mutex<BTreeMap<String, Arc<OpenIndex>>>,
}

impl std::fmt::Debug for TantivyEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let open: Vec<String> = lock(&self.shared.open)
            .map(|open| open.keys().cloned().collect())
            .unwrap_or_default();
        f.debug_struct("TantivyEngine")
            .field("dir", &self.shared.dir)
            .field("open", &open)
            .finish()
    }
}

impl TantivyEngine {
    /// Uses (and creates if needed) `dir`; indexes are opened on first use.
    ///
    /// # Errors
    /// [`SearchError::Engine`] when the folder cannot be created or resolved.
    pub fn open(dir: PathBuf) -> Result<Self, SearchError> {
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        // Absolute, so the identity a generation records does not depend on the working dir.
        let dir = dir.canonicalize().map_err(|e| io_error(&dir, e))?;
        let shared = Shared {
            dir,
            open: Mutex::new(BTreeMap::new()),
        };
        Ok(TantivyEngine {
            shared: Arc::new(shared),
        })
    }

    /// Runs `work` on the index's handle on the blocking pool.
    async fn with_index<T: Send + 'static>(
        &self,
        index: &str,
        work: impl FnOnce(&OpenIndex, &str) -> Result<T, SearchError> + Send + 'static,
    ) -> Result<T, SearchError> {
        validate::index_name(index)?;
        let (shared, index) = (self.shared.clone(), index.to_string());
        blocking(move || work(&*shared.handle(&index)?, &index)).await
    }
}

impl Shared {
    /// The open index, opening it from disk if an earlier process created it.
    fn handle(&self, index: &str) -> Result<Arc<OpenIndex>, SearchError> {
        let mut open = lock(&self.open)?;
        if let Some(handle) = open.get(index) {
            return Ok(handle.clone());
        }
        let path = self.dir.join(index);
        if !path.join("meta.json").exists() {
            return Err(SearchError::NoSuchIndex(index.to_string()));
        }
        let opened = Index::open_in_dir(&path).map_err(engine)?;
        register_analysers(opened.tokenizers());
        let handle = Arc::new(OpenIndex::new(opened, index)?);
        open.insert(index.to_string(), handle.clone());
        Ok(handle)
    }

    fn prepare(&self, index: &str, spec: &CollectionSpec) -> Result<(), SearchError> {
        let schema = build_schema(spec);
        let mut open = lock(&self.open)?;
        if let Some(handle) = open.get(index) {
            return match handle.index.schema() == schema {
                true => Ok(()),
                false => Err(schema_mismatch(index)),
            };
        }
        let path = self.dir.join(index);
        std::fs::create_dir_all(&path).map_err(|e| io_error(&path, e))?;
        let directory =
            MmapDirectory::open(&path).map_err(|e| SearchError::Engine(e.to_string()))?;
        let tokenizers = TokenizerManager::default();
        register_analysers(&tokenizers);
        let opened = Index::builder()
            .schema(schema)
            .tokenizers(tokenizers)
            .open_or_create(directory)
            .map_err(|e| match e {
                tantivy::TantivyError::SchemaError(_) => schema_mismatch(index),
                other => engine(other),
            })?;
        open.insert(index.to_string(), Arc::new(OpenIndex::new(opened, index)?));
        Ok(())
    }

    fn drop_index(&self, index: &str) -> Result<(), SearchError> {
        // Held to the end, so no other call reopens the index from the files being removed.
        let mut open = lock(&self.open)?;
        if let Some(handle) = open.remove(index) {
            handle.close()?;
        }
        let path = self.dir.join(index);
        match std::fs::remove_dir_all(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(&path, e)),
            _ => Ok(()),
        }
    }
}

#[async_trait::async_trait]
impl SearchEngine for TantivyEngine {
    fn kind(&self) -> &'static str {
        "tantivy"
    }

    fn identity(&self) -> String {
        format!("tantivy {}", self.shared.dir.display())
    }

    async fn health(&self) -> Result<(), SearchError> {
        Ok(())
    }

    async fn index_names(&self) -> Result<Vec<String>, SearchError> {
        let dir = self.shared.dir.clone();
        blocking(move || {
            let mut names = Vec::new();
            for entry in std::fs::read_dir(&dir).map_err(|e| io_error(&dir, e))? {
                let entry = entry.map_err(|e| io_error(&dir, e))?;
                if entry.path().join("meta.json").exists() {
                    names.extend(entry.file_name().to_str().map(str::to_owned));
                }
            }
            names.sort();
            Ok(names)
        })
        .await
    }

    async fn prepare(&self, index: &str, spec: &CollectionSpec) -> Result<(), SearchError> {
        validate::index_name(index)?;
        validate::spec(spec)?;
        let (shared, index, spec) = (self.shared.clone(), index.to_string(), spec.clone());
        blocking(move || shared.prepare(&index, &spec)).await
    }

    async fn upsert(&self, index: &str, docs: Vec<SearchDocument>) -> Result<(), SearchError> {
        docs.iter().try_for_each(validate::document)?;
        self.with_index(index, move |handle, name| match docs.is_empty() {
            true => Ok(()),
            false => handle.upsert(name, &docs),
        })
        .await
    }

    async fn delete(&self, index: &str, ids: Vec<String>) -> Result<(), SearchError> {
        self.with_index(index, move |handle, name| match ids.is_empty() {
            true => Ok(()),
            false => handle.delete(name, &ids),
        })
        .await
    }

    async fn search(
        &self,
        index: &str,
        spec: &CollectionSpec,
        request: &SearchRequest,
    ) -> Result<SearchResults, SearchError> {
        validate::request(spec, request)?;
        let request = request.clone();
        self.with_index(index, move |handle, _| handle.search(&request))
            .await
    }

    async fn all_ids(&self, index: &str) -> Result<Vec<String>, SearchError> {
        self.with_index(index, |handle, _| handle.all_ids()).await
    }

    async fn drop_index(&self, index: &str) -> Result<(), SearchError> {
        validate::index_name(index)?;
        let (shared, index) = (self.shared.clone(), index.to_string());
        blocking(move || shared.drop_index(&index)).await
    }
}

fn schema_mismatch(index: &str) -> SearchError {
    SearchError::Engine(format!(
        "index {index} exists with another schema: rebuild the collection into a new index"
    ))
}

fn io_error(path: &std::path::Path, error: std::io::Error) -> SearchError {
    SearchError::Engine(format!("{}: {error}", path.display()))
}

fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, SearchError> {
    mutex
        .lock()
        .map_err(|_| SearchError::Engine("a search thread panicked".into()))
}

/// Runs tantivy's blocking work off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, SearchError> + Send + 'static,
) -> Result<T, SearchError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| SearchError::Engine(format!("search task failed: {e}")))?
}
