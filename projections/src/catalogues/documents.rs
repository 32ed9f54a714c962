//! `search_documents`: the state of every catalogue document, per generation, with a `dirty`
//! mark for the ones the open batch changed.

use ruta_store::{with_pool, Database};

use crate::runtime::ProjectorTx;
use crate::{with_tx, LogError};

const LOAD: &str = "SELECT state FROM search_documents
    WHERE collection = $1 AND generation = $2 AND id = $3";
const STORE: &str =
    "INSERT INTO search_documents (collection, generation, id, state, visible, dirty)
    VALUES ($1, $2, $3, $4, $5, true)
    ON CONFLICT (collection, generation, id)
    DO UPDATE SET state = excluded.state, visible = excluded.visible, dirty = true";
const DIRTY: &str = "SELECT id, state, visible FROM search_documents
    WHERE collection = $1 AND generation = $2 AND dirty ORDER BY id";
const CLEAN: &str = "UPDATE search_documents SET dirty = false
    WHERE collection = $1 AND generation = $2 AND dirty";
const DROP: &str = "DELETE FROM search_documents WHERE collection = $1 AND generation = $2";
const VISIBLE_IDS: &str = "SELECT id FROM search_documents
    WHERE collection = $1 AND generation = $2 AND visible ORDER BY id";

/// Where a document lives.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'a> {
    pub collection: &'a str,
    pub generation: i64,
}

pub(crate) async fn load(
    tx: &mut ProjectorTx<'_>,
    key: Key<'_>,
    id: &str,
) -> Result<Option<String>, LogError> {
    let state = with_tx!(tx, conn => {
        sqlx::query_scalar::<_, String>(LOAD)
            .bind(key.collection)
            .bind(key.generation)
            .bind(id)
            .fetch_optional(conn)
            .await
    })?;
    Ok(state)
}

pub(crate) async fn store(
    tx: &mut ProjectorTx<'_>,
    key: Key<'_>,
    id: &str,
    state: &str,
    visible: bool,
) -> Result<(), LogError> {
    with_tx!(tx, conn => {
        sqlx::query(STORE)
            .bind(key.collection)
            .bind(key.generation)
            .bind(id)
            .bind(state)
            .bind(visible)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// The documents changed in this transaction: `(id, state, visible)`, by id.
pub(crate) async fn dirty(
    tx: &mut ProjectorTx<'_>,
    key: Key<'_>,
) -> Result<Vec<(String, String, bool)>, LogError> {
    let rows = with_tx!(tx, conn => {
        sqlx::query_as::<_, (String, String, bool)>(DIRTY)
            .bind(key.collection)
            .bind(key.generation)
            .fetch_all(conn)
            .await
    })?;
    Ok(rows)
}

pub(crate) async fn clean(tx: &mut ProjectorTx<'_>, key: Key<'_>) -> Result<(), LogError> {
    with_tx!(tx, conn => {
        sqlx::query(CLEAN)
            .bind(key.collection)
            .bind(key.generation)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

pub(crate) async fn drop_generation(db: &Database, key: Key<'_>) -> Result<(), LogError> {
    with_pool!(db, pool => {
        sqlx::query(DROP)
            .bind(key.collection)
            .bind(key.generation)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Ids of the documents that should be in the engine (tests compare the two).
pub async fn visible_ids(
    db: &Database,
    collection: &str,
    generation: i64,
) -> Result<Vec<String>, LogError> {
    let ids = with_pool!(db, pool => {
        sqlx::query_scalar::<_, String>(VISIBLE_IDS)
            .bind(collection)
            .bind(generation)
            .fetch_all(pool)
            .await
    })?;
    Ok(ids)
}
