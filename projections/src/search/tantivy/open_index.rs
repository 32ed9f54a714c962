//! One open index: its writer behind a mutex, its reader reloaded after every commit.
//!
//! The writer (which holds the folder's lock) is only opened by the first write, and the
//! reader also follows commits made by other processes: `ruta serve` can search an index
//! that `ruta project` writes, and `ruta projections rebuild` can fill the next generation
//! while a server still writes the live one.

use std::sync::Mutex;

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value as _;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::collect::{self, engine};
use super::result_cache::ResultCache;
use super::schema::Layout;
use super::{document, highlight, query};
use crate::search::types::{SearchDocument, SearchError, SearchHit, SearchRequest, SearchResults};

/// Indexing memory of one writer, shared by its threads; tantivy flushes a segment when full.
const WRITER_MEMORY: usize = 50_000_000;

/// An index with its writer and reader.
pub(super) struct OpenIndex {
    pub index: Index,
    layout: Layout,
    reader: IndexReader,
    writer: Mutex<Writer>,
    answers: ResultCache,
}

enum Writer {
    /// Nothing written by this process yet.
    Unopened,
    Open(Box<IndexWriter>),
    /// The index was dropped: a late write fails instead of recreating files.
    Closed,
}

impl OpenIndex {
    pub(super) fn new(index: Index, name: &str) -> Result<OpenIndex, SearchError> {
        let layout = Layout::of(&index.schema())
            .ok_or_else(|| SearchError::Engine(format!("{name} is not an index of this engine")))?;
        // Commits of other processes show within tantivy's watch delay; our own are reloaded
        // explicitly, so a write is visible as soon as it returns.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(engine)?;
        Ok(OpenIndex {
            index,
            layout,
            reader,
            writer: Mutex::new(Writer::Unopened),
            answers: ResultCache::default(),
        })
    }

    /// Replaces each document by id, in one commit.
    pub(super) fn upsert(&self, name: &str, docs: &[SearchDocument]) -> Result<(), SearchError> {
        // Every document is checked before the first one is written.
        let built = docs
            .iter()
            .map(|doc| document::to_tantivy(&self.layout, doc).map(|d| (doc.id.as_str(), d)))
            .collect::<Result<Vec<_>, _>>()?;
        self.write(name, |writer| {
            for (id, doc) in built {
                writer.delete_term(Term::from_field_text(self.layout.id, id));
                writer.add_document(doc).map_err(engine)?;
            }
            Ok(())
        })
    }

    pub(super) fn delete(&self, name: &str, ids: &[String]) -> Result<(), SearchError> {
        self.write(name, |writer| {
            for id in ids {
                writer.delete_term(Term::from_field_text(self.layout.id, id));
            }
            Ok(())
        })
    }

    /// Applies `change`, commits and reloads the reader; on failure nothing of it stays.
    fn write(
        &self,
        name: &str,
        change: impl FnOnce(&IndexWriter) -> Result<(), SearchError>,
    ) -> Result<(), SearchError> {
        let mut guard = super::lock(&self.writer)?;
        if matches!(*guard, Writer::Unopened) {
            // Busy while another process writes this index: the caller's batch fails and is
            // retried (projectors back off), nothing is lost.
            *guard = Writer::Open(Box::new(self.index.writer(WRITER_MEMORY).map_err(engine)?));
        }
        let Writer::Open(writer) = &mut *guard else {
            return Err(SearchError::NoSuchIndex(name.to_string()));
        };
        let outcome = change(writer).and_then(|()| writer.commit().map(|_| ()).map_err(engine));
        if let Err(error) = outcome {
            // Without the rollback the failed batch would ride along with the next commit.
            writer.rollback().map_err(engine)?;
            return Err(error);
        }
        self.reader.reload().map_err(engine)
    }

    /// Stops the writer (releasing the directory lock and the merge threads).
    pub(super) fn close(&self) -> Result<(), SearchError> {
        let writer = std::mem::replace(&mut *super::lock(&self.writer)?, Writer::Closed);
        match writer {
            Writer::Open(writer) => writer.wait_merging_threads().map_err(engine),
            Writer::Unopened | Writer::Closed => Ok(()),
        }
    }

    pub(super) fn all_ids(&self) -> Result<Vec<String>, SearchError> {
        let searcher = self.reader.searcher();
        let addresses = searcher
            .search(&AllQuery, &DocSetCollector)
            .map_err(engine)?;
        let mut ids = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address).map_err(engine)?;
            ids.push(self.text_of(&doc, self.layout.id).to_string());
        }
        ids.sort();
        Ok(ids)
    }

    pub(super) fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        if let Some(answer) = self.answers.get(generation, request) {
            return Ok(answer);
        }
        let answer = self.search_on(&searcher, request)?;
        self.answers.put(generation, request, &answer);
        Ok(answer)
    }

    fn search_on(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
    ) -> Result<SearchResults, SearchError> {
        let words = query::query_words(&request.q);
        let query = query::build_query(&self.layout, &words, &request.filters)?;
        let has_words = !words.is_empty();
        let found = collect::collect(searcher, &self.layout, &*query, request, has_words)?;
        let mut hits = Vec::with_capacity(found.page.len());
        for address in found.page {
            let doc: TantivyDocument = searcher.doc(address).map_err(engine)?;
            let id = self.text_of(&doc, self.layout.id).to_string();
            let document: serde_json::Value =
                serde_json::from_str(self.text_of(&doc, self.layout.source)).map_err(|e| {
                    SearchError::Engine(format!("stored document {id} unreadable: {e}"))
                })?;
            let highlights = highlight::highlights(&self.layout, &words, &document);
            hits.push(SearchHit {
                id,
                document,
                highlights,
            });
        }
        Ok(SearchResults {
            total: found.total,
            hits,
            facets: found.facets,
        })
    }

    fn text_of<'d>(&self, doc: &'d TantivyDocument, field: tantivy::schema::Field) -> &'d str {
        doc.get_first(field)
            .and_then(|value| value.as_str())
            .unwrap_or_default()
    }
}
