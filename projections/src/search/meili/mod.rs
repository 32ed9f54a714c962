//! The production engine: a thin adapter over `meilisearch-sdk`.
//!
//! Every write waits for its task and checks how it ended: the SDK's `wait_for_completion`
//! returns `Ok` for a task that failed, and a failed upsert must not advance a projector.

mod expressions;
mod hits;
mod settings;

use std::collections::BTreeMap;
use std::time::Duration;

use meilisearch_sdk::client::Client;
use meilisearch_sdk::documents::DocumentsQuery;
use meilisearch_sdk::errors::{Error, ErrorCode};
use meilisearch_sdk::indexes::IndexesQuery;
use meilisearch_sdk::search::{MatchingStrategies, Selectors};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use serde_json::{Map, Value};

use super::engine::SearchEngine;
use super::types::{
    CollectionSpec, FieldKind, SearchDocument, SearchError, SearchRequest, SearchResults,
};
use super::validate;

/// How often a task is polled (the SDK's default).
const POLL: Duration = Duration::from_millis(50);
/// How long a task may take: a rebuild sends large batches, the SDK's 5 s would be too short.
const TASK_TIMEOUT: Duration = Duration::from_secs(120);
/// Ids read per request by `all_ids`.
const ID_PAGE: usize = 1_000;
/// Words of context around a highlighted word (tantivy's snippets are ~150 characters).
const CROP_WORDS: usize = 20;

/// A Meilisearch server reached over HTTP.
pub struct MeiliEngine {
    client: Client,
    url: String,
}

impl std::fmt::Debug for MeiliEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the API key.
        f.debug_struct("MeiliEngine")
            .field("url", &self.url)
            .finish()
    }
}

impl MeiliEngine {
    /// A client for the server at `url` (no request is made yet).
    ///
    /// # Errors
    /// [`SearchError::Unavailable`] when the URL or the key cannot make a client.
    pub fn new(url: &str, api_key: Option<&str>) -> Result<Self, SearchError> {
        let url = url.trim_end_matches('/').to_string();
        let client = Client::new(url.clone(), api_key)
            .map_err(|e| SearchError::Unavailable(format!("Meilisearch client: {e}")))?;
        Ok(MeiliEngine { client, url })
    }

    /// Waits for `task`; a task that ended as failed is its Meilisearch error.
    async fn wait(&self, task: Result<TaskInfo, Error>) -> Result<(), Error> {
        let task = task?
            .wait_for_completion(&self.client, Some(POLL), Some(TASK_TIMEOUT))
            .await?;
        match task {
            Task::Failed { content } => Err(Error::Meilisearch(content.error)),
            _ => Ok(()),
        }
    }

    async fn finish(&self, index: &str, task: Result<TaskInfo, Error>) -> Result<(), SearchError> {
        self.wait(task).await.map_err(|e| error(index, e))
    }

    /// `NoSuchIndex` unless the index exists: adding documents would create it without settings.
    async fn existing(&self, index: &str) -> Result<(), SearchError> {
        validate::index_name(index)?;
        self.client
            .get_index(index)
            .await
            .map(|_| ())
            .map_err(|e| error(index, e))
    }
}

/// Connection trouble is `Unavailable`, a missing index `NoSuchIndex`, anything else `Engine`.
fn error(index: &str, error: Error) -> SearchError {
    match error {
        Error::Meilisearch(e) if e.error_code == ErrorCode::IndexNotFound => {
            SearchError::NoSuchIndex(index.to_string())
        }
        Error::Meilisearch(e) => {
            SearchError::Engine(format!("{:?}: {}", e.error_code, e.error_message))
        }
        Error::HttpError(e) => SearchError::Unavailable(e.to_string()),
        Error::MeilisearchCommunication(e) => SearchError::Unavailable(e.to_string()),
        Error::Timeout => {
            SearchError::Unavailable("a Meilisearch task did not finish in time".into())
        }
        other => SearchError::Engine(other.to_string()),
    }
}

#[async_trait::async_trait]
impl SearchEngine for MeiliEngine {
    fn kind(&self) -> &'static str {
        "meilisearch"
    }

    fn identity(&self) -> String {
        format!("meilisearch {}", self.url)
    }

    async fn health(&self) -> Result<(), SearchError> {
        self.client
            .health()
            .await
            .map(|_| ())
            .map_err(|e| error("(health)", e))
    }

    async fn index_names(&self) -> Result<Vec<String>, SearchError> {
        let mut names = Vec::new();
        loop {
            let mut query = IndexesQuery::new(&self.client);
            query.with_offset(names.len()).with_limit(ID_PAGE);
            let page = query.execute().await.map_err(|e| error("(indexes)", e))?;
            let count = page.results.len();
            names.extend(page.results.into_iter().map(|index| index.uid));
            if count < ID_PAGE {
                break;
            }
        }
        names.sort();
        Ok(names)
    }

    async fn prepare(&self, index: &str, spec: &CollectionSpec) -> Result<(), SearchError> {
        validate::index_name(index)?;
        validate::spec(spec)?;
        match self.client.get_index(index).await {
            Ok(_) => {}
            Err(e) => match error(index, e) {
                SearchError::NoSuchIndex(_) => {
                    let created = self.client.create_index(index, Some("id")).await;
                    match self.wait(created).await {
                        // Another process created it meanwhile: fine, the settings follow.
                        Err(Error::Meilisearch(e))
                            if e.error_code == ErrorCode::IndexAlreadyExists => {}
                        other => other.map_err(|e| error(index, e))?,
                    }
                }
                other => return Err(other),
            },
        }
        let settings = settings::settings_for(spec);
        let applied = self.client.index(index).set_settings(&settings).await;
        self.finish(index, applied).await
    }

    async fn upsert(&self, index: &str, docs: Vec<SearchDocument>) -> Result<(), SearchError> {
        docs.iter().try_for_each(validate::document)?;
        self.existing(index).await?;
        if docs.is_empty() {
            return Ok(());
        }
        // Text fields stay nested objects (`title: {es, pt}`): Meilisearch searches nested fields.
        let bodies: Vec<Map<String, Value>> = docs
            .into_iter()
            .map(|doc| {
                let mut body = doc.fields;
                body.insert("id".into(), Value::String(doc.id));
                body
            })
            .collect();
        let task = self
            .client
            .index(index)
            .add_or_replace(&bodies, Some("id"))
            .await;
        self.finish(index, task).await
    }

    async fn delete(&self, index: &str, ids: Vec<String>) -> Result<(), SearchError> {
        self.existing(index).await?;
        if ids.is_empty() {
            return Ok(());
        }
        let task = self.client.index(index).delete_documents(&ids).await;
        self.finish(index, task).await
    }

    async fn search(
        &self,
        index: &str,
        spec: &CollectionSpec,
        request: &SearchRequest,
    ) -> Result<SearchResults, SearchError> {
        validate::index_name(index)?;
        validate::request(spec, request)?;
        let texts = spec.names_of(FieldKind::Text);
        let filter = expressions::filter_expression(&request.filters);
        let sort = expressions::sort_rules(&request.sort, !request.q.trim().is_empty());
        let sort: Vec<&str> = sort.iter().map(String::as_str).collect();
        let facets: Vec<&str> = request.facets.iter().map(String::as_str).collect();
        let crop: Vec<(&str, Option<usize>)> = texts.iter().map(|t| (*t, None)).collect();

        let target = self.client.index(index);
        let mut query = target.search();
        query
            .with_query(&request.q)
            // Every word must match, as on tantivy (the default drops trailing words).
            .with_matching_strategy(MatchingStrategies::ALL)
            .with_page(request.page as usize)
            .with_hits_per_page(request.per_page as usize)
            .with_attributes_to_highlight(Selectors::Some(&texts))
            .with_attributes_to_crop(Selectors::Some(&crop))
            .with_crop_length(CROP_WORDS)
            .with_crop_marker("…")
            .with_highlight_pre_tag(hits::PRE_TAG)
            .with_highlight_post_tag(hits::POST_TAG);
        if let Some(filter) = &filter {
            query.with_filter(filter);
        }
        if !sort.is_empty() {
            query.with_sort(&sort);
        }
        if !facets.is_empty() {
            query.with_facets(Selectors::Some(&facets));
        }
        let found = query
            .execute::<Map<String, Value>>()
            .await
            .map_err(|e| error(index, e))?;

        let total = found
            .total_hits
            .or(found.estimated_total_hits)
            .unwrap_or_default() as u64;
        let hits = found
            .hits
            .into_iter()
            .map(|hit| hits::to_hit(hit.result, hit.formatted_result.as_ref(), &texts))
            .collect();
        let mut facet_counts: BTreeMap<String, BTreeMap<String, u64>> = request
            .facets
            .iter()
            .map(|facet| (facet.clone(), BTreeMap::new()))
            .collect();
        for (facet, counts) in found.facet_distribution.unwrap_or_default() {
            let counts = counts
                .into_iter()
                .map(|(value, n)| (value, n as u64))
                .collect();
            facet_counts.insert(facet, counts);
        }
        Ok(SearchResults {
            total,
            hits,
            facets: facet_counts,
        })
    }

    async fn all_ids(&self, index: &str) -> Result<Vec<String>, SearchError> {
        self.existing(index).await?;
        let target = self.client.index(index);
        let mut ids = Vec::new();
        loop {
            let page = DocumentsQuery::new(&target)
                .with_fields(["id"])
                .with_offset(ids.len())
                .with_limit(ID_PAGE)
                .execute::<Map<String, Value>>()
                .await
                .map_err(|e| error(index, e))?;
            let count = page.results.len();
            ids.extend(
                page.results
                    .into_iter()
                    .filter_map(|doc| match doc.get("id") {
                        Some(Value::String(id)) => Some(id.clone()),
                        Some(other) => Some(other.to_string()),
                        None => None,
                    }),
            );
            if count < ID_PAGE {
                break;
            }
        }
        ids.sort();
        Ok(ids)
    }

    async fn drop_index(&self, index: &str) -> Result<(), SearchError> {
        validate::index_name(index)?;
        let task = self.client.delete_index(index).await;
        match self.finish(index, task).await {
            Err(SearchError::NoSuchIndex(_)) => Ok(()),
            other => other,
        }
    }
}
