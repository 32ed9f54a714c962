//! Runs a query once for the exact total, the requested page in the requested order and, only
//! when asked, the facet counts.

use std::collections::BTreeMap;

use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Order, Searcher};

use super::schema::{Layout, ID_FIELD};
use crate::search::types::{SearchError, SearchRequest, SortOrder};

/// Like Meilisearch's default `maxValuesPerFacet`.
pub(super) const MAX_FACET_VALUES: u32 = 100;

/// What one pass over the matches found.
#[derive(Debug, Default)]
pub(super) struct Collected {
    pub total: u64,
    pub page: Vec<DocAddress>,
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

/// Counts, pages and (if asked) counts facets, in one pass. Ties, and the empty query without
/// a sort, are ordered by id so that consecutive pages never overlap.
pub(super) fn collect(
    searcher: &Searcher,
    layout: &Layout,
    query: &dyn Query,
    request: &SearchRequest,
    has_words: bool,
) -> Result<Collected, SearchError> {
    let offset = (u64::from(request.page) - 1) * u64::from(request.per_page);
    let facets = facet_collector(searcher, &request.facets)?;
    // Past the last document no page can hold anything: skip the top-k (and its buffer).
    if offset >= searcher.num_docs() {
        let (total, facets) = searcher.search(query, &(Count, facets)).map_err(engine)?;
        return Ok(Collected {
            total: total as u64,
            page: Vec::new(),
            facets: facet_counts(facets)?,
        });
    }
    let top = TopDocs::with_limit(usize::try_from(request.per_page).unwrap_or(usize::MAX))
        .and_offset(usize::try_from(offset).unwrap_or(usize::MAX));
    let by_id = (SortByString::for_field(ID_FIELD), Order::Asc);
    match &request.sort {
        Some((field, direction)) => {
            let order = match direction {
                SortOrder::Asc => Order::Asc,
                SortOrder::Desc => Order::Desc,
            };
            if layout.number(field).is_some() {
                let key = (SortByStaticFastValue::<f64>::for_field(field), order);
                run(searcher, query, top.order_by((key, by_id)), facets)
            } else {
                let key = (SortByString::for_field(field), order);
                run(searcher, query, top.order_by((key, by_id)), facets)
            }
        }
        None if has_words => {
            let key = (SortBySimilarityScore, Order::Desc);
            run(searcher, query, top.order_by((key, by_id)), facets)
        }
        None => run(searcher, query, top.order_by(by_id), facets),
    }
}

fn run<K: 'static>(
    searcher: &Searcher,
    query: &dyn Query,
    top: impl Collector<Fruit = Vec<(K, DocAddress)>>,
    facets: Option<AggregationCollector>,
) -> Result<Collected, SearchError> {
    let (total, page, facets) = searcher
        .search(query, &(Count, top, facets))
        .map_err(engine)?;
    Ok(Collected {
        total: total as u64,
        page: page.into_iter().map(|(_, address)| address).collect(),
        facets: facet_counts(facets)?,
    })
}

/// One terms aggregation per facet field, or nothing (facets are the costly part of a search).
fn facet_collector(
    searcher: &Searcher,
    fields: &[String],
) -> Result<Option<AggregationCollector>, SearchError> {
    if fields.is_empty() {
        return Ok(None);
    }
    let request: serde_json::Map<String, serde_json::Value> = fields
        .iter()
        .map(|field| {
            let terms =
                serde_json::json!({ "terms": { "field": field, "size": MAX_FACET_VALUES } });
            (field.clone(), terms)
        })
        .collect();
    let aggregations: Aggregations = serde_json::from_value(serde_json::Value::Object(request))
        .map_err(|e| SearchError::Engine(format!("facet request: {e}")))?;
    let context = AggContextParams::new(
        AggregationLimitsGuard::default(),
        searcher.index().tokenizers().clone(),
    );
    Ok(Some(AggregationCollector::from_aggs(aggregations, context)))
}

/// Reads `{field: {buckets: [{key, doc_count}]}}` from the aggregation results.
fn facet_counts(
    results: Option<tantivy::aggregation::agg_result::AggregationResults>,
) -> Result<BTreeMap<String, BTreeMap<String, u64>>, SearchError> {
    let Some(results) = results else {
        return Ok(BTreeMap::new());
    };
    let json = serde_json::to_value(&results)
        .map_err(|e| SearchError::Engine(format!("facet results: {e}")))?;
    let mut facets = BTreeMap::new();
    if let serde_json::Value::Object(by_field) = json {
        for (field, result) in by_field {
            let mut counts = BTreeMap::new();
            let buckets = result.get("buckets").and_then(|b| b.as_array());
            for bucket in buckets.into_iter().flatten() {
                let key = bucket.get("key").and_then(|k| k.as_str());
                let count = bucket.get("doc_count").and_then(serde_json::Value::as_u64);
                if let (Some(key), Some(count)) = (key, count) {
                    counts.insert(key.to_string(), count);
                }
            }
            facets.insert(field, counts);
        }
    }
    Ok(facets)
}

pub(super) fn engine(error: tantivy::TantivyError) -> SearchError {
    SearchError::Engine(error.to_string())
}
