//! Reads that answer with a view of aggregates loaded from the log. A view function returns
//! `None` for an aggregate the caller may not see or that was never created, so listing skips
//! it and reading it by id is a 404, the same answer as for an id that does not exist.

use axum::Json;
use ruta_domain::Aggregate;

use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

/// Every aggregate of type `A` that `view` shows, in the order of the log.
pub(crate) async fn list_views<A: Aggregate, V>(
    state: &AppState,
    mut view: impl FnMut(String, A) -> Option<V>,
) -> ApiResult<Vec<V>> {
    let all = state.executor.load_all::<A>().await?;
    Ok(all.into_iter().filter_map(|(id, a)| view(id, a)).collect())
}

/// The aggregate `id` as `view` shows it; a 404 naming `what` when there is nothing to show.
pub(crate) async fn read_view<A: Aggregate, V>(
    state: &AppState,
    id: String,
    what: &str,
    view: impl FnOnce(String, A) -> Option<V>,
) -> ApiResult<Json<V>> {
    let aggregate = state.executor.load::<A>(&id).await?;
    aggregate
        .and_then(|a| view(id, a))
        .map(Json)
        .ok_or_else(|| ApiError::not_found(what))
}
