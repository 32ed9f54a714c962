//! The one trait every search engine implements; the catalogues and the HTTP routes only see it.

use super::types::{CollectionSpec, SearchDocument, SearchError, SearchRequest, SearchResults};

/// A search engine holding any number of named indexes (one per collection generation).
#[async_trait::async_trait]
pub trait SearchEngine: Send + Sync + std::fmt::Debug {
    /// "tantivy" | "meilisearch"
    fn kind(&self) -> &'static str;

    /// The kind and where it lives (`tantivy /srv/ruta-data/index`, `meilisearch
    /// http://127.0.0.1:7700`), never a key: a generation records the engine it was built
    /// into, and a process on another engine rebuilds rather than reading it.
    fn identity(&self) -> String;

    /// `Ok` when the engine answers (always, for an embedded one).
    async fn health(&self) -> Result<(), SearchError>;

    /// The names of every index the engine holds (to delete those of dropped generations).
    async fn index_names(&self) -> Result<Vec<String>, SearchError>;

    /// Creates the index if missing and applies its settings (searchable/filterable/sortable attributes,
    /// faceting, typo tolerance on Meili; schema + analysers on tantivy). Idempotent; called at start-up
    /// and before a rebuild writes to a new index.
    async fn prepare(&self, index: &str, spec: &CollectionSpec) -> Result<(), SearchError>;

    /// Upserts by id (replacing the whole document). Returns only once the documents are durable AND
    /// visible to `search` (tantivy: commit + reader reload; Meili: task succeeded). Idempotent.
    async fn upsert(&self, index: &str, docs: Vec<SearchDocument>) -> Result<(), SearchError>;

    /// Deletes by id; missing ids are fine. Same visibility guarantee as upsert.
    async fn delete(&self, index: &str, ids: Vec<String>) -> Result<(), SearchError>;

    /// One page of the documents matching `request`, with the exact total and the facets asked for.
    async fn search(
        &self,
        index: &str,
        spec: &CollectionSpec,
        request: &SearchRequest,
    ) -> Result<SearchResults, SearchError>;

    /// Every document id in the index, sorted (tests compare an index with a rebuild).
    async fn all_ids(&self, index: &str) -> Result<Vec<String>, SearchError>;

    /// Removes the index and its files; missing index is fine.
    async fn drop_index(&self, index: &str) -> Result<(), SearchError>;
}
