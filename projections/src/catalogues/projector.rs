//! A [`Catalogue`] run as a projector: document states in SQL, documents in the search engine.

use async_trait::async_trait;
use ruta_store::Database;
use std::collections::{BTreeMap, BTreeSet};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use super::document_id;
use super::documents::{self, Key};
use super::engines;
use super::Catalogue;
use crate::runtime::{ProjectorTx, SqlProjector};
use crate::search::{SearchDocument, SearchEngine};
use crate::LogError;
use ruta_store::log::{Checkpoint, RecordedEvent};

/// Documents per engine call: large enough to amortise a round trip, small enough for one
/// request body.
const CHUNK: usize = 1_000;

#[derive(Debug)]
pub struct CatalogueProjector<C: Catalogue> {
    engine: Arc<dyn SearchEngine>,
    prefix: String,
    /// Generations whose index has been prepared by this process (settings cost a round trip).
    prepared: Mutex<BTreeSet<i64>>,
    /// Per generation, the states the open batch has folded, written once per document when
    /// the batch flushes rather than once per event.
    pending: Mutex<BTreeMap<i64, Pending<C::State>>>,
    catalogue: PhantomData<C>,
}

/// The open batch's folded states of one generation.
#[derive(Debug)]
struct Pending<S> {
    /// The last event folded in. An event at or before it means the batch that folded it
    /// failed and is being retried from its checkpoint: what it folded is dropped.
    last: Checkpoint,
    states: BTreeMap<String, S>,
}

impl<C: Catalogue> CatalogueProjector<C> {
    /// `prefix` starts every index name (`<prefix>_<catalogue>_<generation>`), so several
    /// deployments can share one Meilisearch.
    pub fn new(engine: Arc<dyn SearchEngine>, prefix: &str) -> Self {
        Self {
            engine,
            prefix: prefix.to_owned(),
            prepared: Mutex::new(BTreeSet::new()),
            pending: Mutex::new(BTreeMap::new()),
            catalogue: PhantomData,
        }
    }

    /// The engine index of `generation`.
    pub fn index(&self, generation: i64) -> String {
        index_name(&self.prefix, C::NAME, generation)
    }

    fn fail(&self, reason: String) -> LogError {
        LogError::Projector {
            projector: C::NAME.to_owned(),
            reason,
        }
    }

    async fn prepare(&self, generation: i64) -> Result<(), LogError> {
        let done = self
            .prepared
            .lock()
            .map(|p| p.contains(&generation))
            .unwrap_or(false);
        if !done {
            self.engine
                .prepare(&self.index(generation), &C::spec())
                .await?;
            if let Ok(mut prepared) = self.prepared.lock() {
                prepared.insert(generation);
            }
        }
        Ok(())
    }
}

impl<C: Catalogue> CatalogueProjector<C> {
    fn with_pending<T>(
        &self,
        generation: i64,
        f: impl FnOnce(&mut Pending<C::State>) -> T,
    ) -> Result<T, LogError> {
        let mut all = self
            .pending
            .lock()
            .map_err(|_| self.fail("a batch panicked while holding its states".to_owned()))?;
        let pending = all.entry(generation).or_insert_with(|| Pending {
            last: Checkpoint::START,
            states: BTreeMap::new(),
        });
        Ok(f(pending))
    }

    /// The state of `id` the open batch has folded so far, if any; first drops what a failed
    /// batch left (see [`Pending::last`]).
    fn take_pending(
        &self,
        generation: i64,
        at: Checkpoint,
        id: &str,
    ) -> Result<Option<C::State>, LogError> {
        self.with_pending(generation, |pending| {
            if at <= pending.last {
                pending.states.clear();
            }
            pending.states.remove(id)
        })
    }
}

/// `<prefix>_<catalogue>_<generation>`.
pub(crate) fn index_name(prefix: &str, catalogue: &str, generation: i64) -> String {
    format!("{prefix}_{catalogue}_{generation}")
}

#[async_trait]
impl<C: Catalogue> SqlProjector for CatalogueProjector<C> {
    fn name(&self) -> &'static str {
        C::NAME
    }

    fn version(&self) -> u32 {
        C::VERSION
    }

    async fn apply(
        &self,
        tx: &mut ProjectorTx<'_>,
        generation: i64,
        event: &RecordedEvent,
    ) -> Result<(), LogError> {
        if !C::reads(event) {
            return Ok(());
        }
        let id = event.aggregate_id.as_str();
        let folded = self.take_pending(generation, event.checkpoint, id)?;
        let mut state: C::State = match folded {
            Some(state) => state,
            None => {
                let key = Key {
                    collection: C::NAME,
                    generation,
                };
                match documents::load(tx, key, id).await? {
                    Some(text) => serde_json::from_str(&text)
                        .map_err(|e| self.fail(format!("stored state of {id}: {e}")))?,
                    None => C::State::default(),
                }
            }
        };
        C::fold(&mut state, event).map_err(|reason| LogError::Corrupt {
            position: event.checkpoint.position,
            reason,
        })?;
        self.with_pending(generation, |pending| {
            pending.last = event.checkpoint;
            pending.states.insert(id.to_owned(), state);
        })
    }

    async fn flush(&self, tx: &mut ProjectorTx<'_>, generation: i64) -> Result<(), LogError> {
        let key = Key {
            collection: C::NAME,
            generation,
        };
        let folded =
            self.with_pending(generation, |pending| std::mem::take(&mut pending.states))?;
        let mut rows = Vec::with_capacity(folded.len());
        for (id, state) in folded {
            let visible = C::document(&state).is_some();
            let text = serde_json::to_string(&state)
                .map_err(|e| self.fail(format!("state of {id}: {e}")))?;
            rows.push((id, text, visible));
        }
        documents::store_all(tx, key, &rows).await?;
        let dirty = documents::dirty(tx, key).await?;
        if dirty.is_empty() {
            return Ok(());
        }
        // Before the engine is touched: a generation built into another engine must not
        // gain a half-filled twin in this one.
        engines::claim(tx, C::NAME, generation, &self.engine.identity()).await?;
        self.prepare(generation).await?;
        let (mut upserts, mut deletes) = (Vec::new(), Vec::new());
        for (id, text, visible) in dirty {
            let state: C::State = serde_json::from_str(&text)
                .map_err(|e| self.fail(format!("stored state of {id}: {e}")))?;
            let engine_id = document_id::encode(&id);
            match C::document(&state).filter(|_| visible) {
                Some(mut fields) => {
                    if document_id::is_hashed(&engine_id) {
                        fields.insert(document_id::AGGREGATE_ID.to_owned(), id.into());
                    }
                    upserts.push(SearchDocument {
                        id: engine_id,
                        fields,
                    });
                }
                None => deletes.push(engine_id),
            }
        }
        let index = self.index(generation);
        while !upserts.is_empty() {
            let rest = upserts.split_off(upserts.len().min(CHUNK));
            self.engine.upsert(&index, upserts).await?;
            upserts = rest;
        }
        for chunk in deletes.chunks(CHUNK) {
            self.engine.delete(&index, chunk.to_vec()).await?;
        }
        documents::clean(tx, key).await
    }

    async fn drop_generation(&self, db: &Database, generation: i64) -> Result<(), LogError> {
        let key = Key {
            collection: C::NAME,
            generation,
        };
        documents::drop_generation(db, key).await?;
        let holder = engines::built_into(db, C::NAME, generation).await?;
        // An index another engine holds cannot be reached from here; its row stays until a
        // process on that engine drops it, or a later rebuild forgets it.
        if holder.is_none_or(|holder| holder == self.engine.identity()) {
            self.engine.drop_index(&self.index(generation)).await?;
        }
        engines::forget(db, C::NAME, generation).await?;
        if let Ok(mut prepared) = self.prepared.lock() {
            prepared.remove(&generation);
        }
        if let Ok(mut pending) = self.pending.lock() {
            pending.remove(&generation);
        }
        Ok(())
    }
}
