//! A [`Catalogue`] run as a projector: document states in SQL, documents in the search engine.

use async_trait::async_trait;
use ruta_store::Database;
use std::collections::BTreeSet;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use super::document_id;
use super::documents::{self, Key};
use super::Catalogue;
use crate::runtime::{ProjectorTx, SqlProjector};
use crate::search::{SearchDocument, SearchEngine};
use crate::{LogError, RecordedEvent};

/// Documents per engine call: large enough to amortise a round trip, small enough for one
/// request body.
const CHUNK: usize = 1_000;

#[derive(Debug)]
pub struct CatalogueProjector<C: Catalogue> {
    engine: Arc<dyn SearchEngine>,
    prefix: String,
    /// Generations whose index has been prepared by this process (settings cost a round trip).
    prepared: Mutex<BTreeSet<i64>>,
    catalogue: PhantomData<C>,
}

impl<C: Catalogue> CatalogueProjector<C> {
    /// `prefix` starts every index name (`<prefix>_<catalogue>_<generation>`), so several
    /// deployments can share one Meilisearch.
    pub fn new(engine: Arc<dyn SearchEngine>, prefix: &str) -> Self {
        Self {
            engine,
            prefix: prefix.to_owned(),
            prepared: Mutex::new(BTreeSet::new()),
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
        let key = Key {
            collection: C::NAME,
            generation,
        };
        let id = event.aggregate_id.as_str();
        let mut state: C::State = match documents::load(tx, key, id).await? {
            Some(text) => serde_json::from_str(&text)
                .map_err(|e| self.fail(format!("stored state of {id}: {e}")))?,
            None => C::State::default(),
        };
        C::fold(&mut state, event).map_err(|reason| LogError::Corrupt {
            position: event.checkpoint.position,
            reason,
        })?;
        let visible = C::document(&state).is_some();
        let text =
            serde_json::to_string(&state).map_err(|e| self.fail(format!("state of {id}: {e}")))?;
        documents::store(tx, key, id, &text, visible).await
    }

    async fn flush(&self, tx: &mut ProjectorTx<'_>, generation: i64) -> Result<(), LogError> {
        let key = Key {
            collection: C::NAME,
            generation,
        };
        let dirty = documents::dirty(tx, key).await?;
        if dirty.is_empty() {
            return Ok(());
        }
        self.prepare(generation).await?;
        let (mut upserts, mut deletes) = (Vec::new(), Vec::new());
        for (id, text, visible) in dirty {
            let state: C::State = serde_json::from_str(&text)
                .map_err(|e| self.fail(format!("stored state of {id}: {e}")))?;
            let id = document_id::encode(&id);
            match C::document(&state).filter(|_| visible) {
                Some(fields) => upserts.push(SearchDocument { id, fields }),
                None => deletes.push(id),
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
        self.engine.drop_index(&self.index(generation)).await?;
        if let Ok(mut prepared) = self.prepared.lock() {
            prepared.remove(&generation);
        }
        Ok(())
    }
}
