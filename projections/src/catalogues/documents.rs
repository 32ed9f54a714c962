//! `search_documents`: the state of every catalogue document, per generation, with a `dirty`
//! mark for the ones the open batch changed.

use ruta_store::{with_pool, Database};

use crate::runtime::ProjectorTx;
use crate::{with_tx, LogError};

const LOAD: &str = "SELECT state FROM search_documents
    WHERE collection = $1 AND generation = $2 AND id = $3";
const DIRTY: &str = "SELECT id, state, visible FROM search_documents
    WHERE collection = $1 AND generation = $2 AND dirty ORDER BY id";
const CLEAN: &str = "UPDATE search_documents SET dirty = false
    WHERE collection = $1 AND generation = $2 AND dirty";
const DROP: &str = "DELETE FROM search_documents WHERE collection = $1 AND generation = $2";
const ANY_VISIBLE: &str = "SELECT EXISTS (SELECT 1 FROM search_documents
    WHERE collection = $1 AND generation = $2 AND visible)";
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

/// Rows per statement in [`store_all`]: six parameters each, well inside both backends' limits.
const STORE_CHUNK: usize = 500;

/// Stores `(id, state, visible)` rows and marks them dirty: one statement per
/// [`STORE_CHUNK`] rows.
pub(crate) async fn store_all(
    tx: &mut ProjectorTx<'_>,
    key: Key<'_>,
    rows: &[(String, String, bool)],
) -> Result<(), LogError> {
    for chunk in rows.chunks(STORE_CHUNK) {
        with_tx!(tx, conn => {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO search_documents (collection, generation, id, state, visible, dirty) ",
            );
            insert.push_values(chunk, |mut row, (id, state, visible)| {
                row.push_bind(key.collection)
                    .push_bind(key.generation)
                    .push_bind(id)
                    .push_bind(state)
                    .push_bind(*visible)
                    .push_bind(true);
            });
            insert.push(
                " ON CONFLICT (collection, generation, id) DO UPDATE SET state = excluded.state, \
                 visible = excluded.visible, dirty = true",
            );
            insert.build().execute(conn).await.map(|_| ())
        })?;
    }
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
    ruta_store::with_write_pool!(db, pool => {
        sqlx::query(DROP)
            .bind(key.collection)
            .bind(key.generation)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Whether any document of the generation should be in the engine.
pub(crate) async fn any_visible(db: &Database, key: Key<'_>) -> Result<bool, LogError> {
    let any = with_pool!(db, pool => {
        sqlx::query_scalar::<_, bool>(ANY_VISIBLE)
            .bind(key.collection)
            .bind(key.generation)
            .fetch_one(pool)
            .await
    })?;
    Ok(any)
}

/// Ids of the documents that should be in the engine (tests compare the two).
///
/// # Errors
/// [`LogError::Sql`].
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
