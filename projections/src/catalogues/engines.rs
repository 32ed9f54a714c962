//! `search_generations`: which engine each catalogue generation was built into.
//!
//! The SQL side says which generation is live; only the engine it was built into holds its
//! documents. A process pointed at another engine (`ruta projections rebuild` run without
//! `RUTA_MEILI_URL` against a Meilisearch-backed server's database, say) finds an empty or
//! missing index there: it must rebuild into its own engine, and answer searches with 503
//! until then, never with an empty page.

use ruta_store::{with_pool, Database};

use crate::runtime::ProjectorTx;
use crate::search::SearchError;
use crate::{with_tx, LogError};

const CLAIM: &str = "INSERT INTO search_generations (collection, generation, engine)
    VALUES ($1, $2, $3) ON CONFLICT (collection, generation) DO NOTHING";
const BUILT_INTO: &str = "SELECT engine FROM search_generations
    WHERE collection = $1 AND generation = $2";
/// The live generation (the first before the projector ever ran) and its engine, in one
/// round trip: every search asks.
const LIVE_AND_HOLDER: &str = "SELECT live.generation, (SELECT engine FROM search_generations
        WHERE collection = $1 AND generation = live.generation)
    FROM (SELECT COALESCE((SELECT generation FROM projector_checkpoints WHERE name = $1), $2)
        AS generation) AS live";
const FORGET: &str = "DELETE FROM search_generations WHERE collection = $1 AND generation = $2";

/// Records that `generation` of `collection` is built into `engine`, in the batch's
/// transaction; [`SearchError::BuiltElsewhere`] when another engine already holds it.
pub(crate) async fn claim(
    tx: &mut ProjectorTx<'_>,
    collection: &str,
    generation: i64,
    engine: &str,
) -> Result<(), LogError> {
    let holder = with_tx!(tx, conn => {
        sqlx::query(CLAIM)
            .bind(collection)
            .bind(generation)
            .bind(engine)
            .execute(&mut *conn)
            .await?;
        sqlx::query_scalar::<_, String>(BUILT_INTO)
            .bind(collection)
            .bind(generation)
            .fetch_one(&mut *conn)
            .await
    })?;
    check(collection, generation, Some(holder), engine)
}

/// The engine `generation` of `collection` was built into, if it was ever written.
///
/// # Errors
/// [`LogError::Sql`].
pub async fn built_into(
    db: &Database,
    collection: &str,
    generation: i64,
) -> Result<Option<String>, LogError> {
    let found = with_pool!(db, pool => {
        sqlx::query_scalar::<_, String>(BUILT_INTO)
            .bind(collection)
            .bind(generation)
            .fetch_optional(pool)
            .await
    })?;
    Ok(found)
}

/// The generation readers of `collection` should read, and the engine it was built into.
///
/// # Errors
/// [`LogError::Sql`].
pub(crate) async fn live_and_holder(
    db: &Database,
    collection: &str,
) -> Result<(i64, Option<String>), LogError> {
    let found = with_pool!(db, pool => {
        sqlx::query_as::<_, (i64, Option<String>)>(LIVE_AND_HOLDER)
            .bind(collection)
            .bind(crate::runtime::FIRST_GENERATION)
            .fetch_one(pool)
            .await
    })?;
    Ok(found)
}

/// `Ok` unless `holder` is another engine than `engine`.
pub(crate) fn check(
    collection: &str,
    generation: i64,
    holder: Option<String>,
    engine: &str,
) -> Result<(), LogError> {
    match holder {
        Some(holder) if holder != engine => Err(SearchError::BuiltElsewhere {
            index: format!("{collection} generation {generation}"),
            built_into: holder,
            here: engine.to_owned(),
        }
        .into()),
        _ => Ok(()),
    }
}

/// Forgets a dropped generation.
pub(crate) async fn forget(
    db: &Database,
    collection: &str,
    generation: i64,
) -> Result<(), LogError> {
    ruta_store::with_write_pool!(db, pool => {
        sqlx::query(FORGET)
            .bind(collection)
            .bind(generation)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}
