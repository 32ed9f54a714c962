//! One open index: its writer behind a mutex, its reader reloaded after every commit.

use std::sync::Mutex;

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value as _;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::collect::{self, engine};
use super::schema::Layout;
use super::{document, highlight, query};
use crate::search::types::{SearchDocument, SearchError, SearchHit, SearchRequest, SearchResults};

/// Indexing memory of one writer, shared by its threads; tantivy flushes a segment when full.
const WRITER_MEMORY: usize = 50_000_000;

/// An index with its writer and reader.
pub struct OpenIndex {
    pub index: Index,
    layout: Layout,
    reader: IndexReader,
    /// `None` once the index is dropped: a late write then fails instead of recreating files.
    writer: Mutex<Option<IndexWriter>>,
}

impl OpenIndex {
    pub fn new(index: Index, name: &str) -> Result<OpenIndex, SearchError> {
        let layout = Layout::of(&index.schema())
            .ok_or_else(|| SearchError::Engine(format!("{name} is not an index of this engine")))?;
        let writer = index.writer(WRITER_MEMORY).map_err(engine)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(engine)?;
        Ok(OpenIndex {
            index,
            layout,
            reader,
            writer: Mutex::new(Some(writer)),
        })
    }

    /// Replaces each document by id, in one commit.
    pub fn upsert(&self, name: &str, docs: &[SearchDocument]) -> Result<(), SearchError> {
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

    pub fn delete(&self, name: &str, ids: &[String]) -> Result<(), SearchError> {
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
        let writer = guard
            .as_mut()
            .ok_or_else(|| SearchError::NoSuchIndex(name.to_string()))?;
        let outcome = change(writer).and_then(|()| writer.commit().map(|_| ()).map_err(engine));
        if let Err(error) = outcome {
            // Without the rollback the failed batch would ride along with the next commit.
            writer.rollback().map_err(engine)?;
            return Err(error);
        }
        self.reader.reload().map_err(engine)
    }

    /// Stops the writer (releasing the directory lock and the merge threads).
    pub fn close(&self) -> Result<(), SearchError> {
        let writer = super::lock(&self.writer)?.take();
        match writer {
            Some(writer) => writer.wait_merging_threads().map_err(engine),
            None => Ok(()),
        }
    }

    pub fn all_ids(&self) -> Result<Vec<String>, SearchError> {
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

    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let words = query::query_words(&request.q);
        let query = query::build_query(&self.layout, &words, &request.filters)?;
        let has_words = !words.is_empty();
        let found = collect::collect(&searcher, &self.layout, &*query, request, has_words)?;
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
