//! Writing: upserts replace whole documents and are idempotent, deletes remove, ids list
//! sorted, a dropped index comes back empty, and tantivy's files outlive the engine.

use ruta_projections::search::{SearchEngine, SearchError, TantivyEngine};
use serde_json::json;

use super::fixtures::{catalogue, doc, found, query, search, spec, with_catalogue};
use super::Target;
use crate::on_both_engines;

async fn an_upsert_replaces_the_whole_document(t: &Target) {
    with_catalogue(t).await;
    let renamed = doc(
        "l1",
        json!({
            "title": {"es": "Electricista de guardia"},
            "category": "electricidad", "municipality": "Huelva", "price": 35.5,
        }),
    );
    t.engine
        .upsert(&t.index, vec![renamed])
        .await
        .expect("upsert");
    assert!(
        found(t, "fontaneria").await.is_empty(),
        "the old title no longer matches"
    );
    assert_eq!(found(t, "electricista").await, ["l1"]);
    let results = search(t, &query("electricista")).await;
    assert_eq!(
        results.hits[0].document["price"], 35.5,
        "the price change shows"
    );
    assert_eq!(
        results.hits[0].document.get("seller"),
        None,
        "fields left out are gone"
    );
    assert_eq!(results.total, 1);
}
on_both_engines!(an_upsert_replaces_the_whole_document);

async fn a_deleted_listing_is_gone(t: &Target) {
    with_catalogue(t).await;
    let ids = vec!["l2".to_string(), "never-indexed".to_string()];
    t.engine.delete(&t.index, ids).await.expect("delete");
    assert!(found(t, "shops").await.is_empty());
    assert!(!t
        .engine
        .all_ids(&t.index)
        .await
        .expect("ids")
        .contains(&"l2".to_string()));
    assert_eq!(search(t, &query("")).await.total, 7);
}
on_both_engines!(a_deleted_listing_is_gone);

async fn upserting_twice_changes_nothing(t: &Target) {
    with_catalogue(t).await;
    let before = search(t, &query("taller")).await;
    let ids_before = t.engine.all_ids(&t.index).await.expect("ids");
    with_catalogue(t).await;
    // A batch that names a document twice keeps the last version.
    let twice = vec![catalogue()[0].clone(), catalogue()[0].clone()];
    t.engine.upsert(&t.index, twice).await.expect("upsert");
    assert_eq!(search(t, &query("taller")).await, before);
    assert_eq!(t.engine.all_ids(&t.index).await.expect("ids"), ids_before);
    assert_eq!(search(t, &query("")).await.total, 8);
}
on_both_engines!(upserting_twice_changes_nothing);

async fn all_ids_are_sorted(t: &Target) {
    let mut docs = catalogue();
    docs.reverse();
    t.engine.upsert(&t.index, docs).await.expect("upsert");
    let ids = t.engine.all_ids(&t.index).await.expect("ids");
    assert_eq!(ids, ["c1", "c2", "l1", "l2", "l3", "l4", "l5", "l6"]);
}
on_both_engines!(all_ids_are_sorted);

async fn a_dropped_index_prepares_again_empty(t: &Target) {
    with_catalogue(t).await;
    t.engine.drop_index(&t.index).await.expect("drop");
    t.engine
        .drop_index(&t.index)
        .await
        .expect("dropping a missing index is fine");
    let gone = t.engine.search(&t.index, &spec(), &query("")).await;
    assert!(matches!(gone, Err(SearchError::NoSuchIndex(_))), "{gone:?}");
    t.engine
        .prepare(&t.index, &spec())
        .await
        .expect("prepare again");
    t.engine
        .prepare(&t.index, &spec())
        .await
        .expect("prepare is idempotent");
    assert!(t.engine.all_ids(&t.index).await.expect("ids").is_empty());
    assert_eq!(search(t, &query("")).await.total, 0);
}
on_both_engines!(a_dropped_index_prepares_again_empty);

/// tantivy only: a new engine on the same folder (a restarted process) sees the committed
/// documents, and refuses documents whose values have the wrong type before writing any.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tantivy_files_survive_a_restart_and_bad_documents_write_nothing() {
    let t = Target::tantivy().await;
    with_catalogue(&t).await;
    let folder = t
        .folder
        .as_ref()
        .expect("tantivy folder")
        .path()
        .join("index");
    // The first engine holds the writer lock: release it as a stopped process would.
    drop(t.engine);
    let restarted = TantivyEngine::open(folder).expect("open");
    assert_eq!(restarted.all_ids(&t.index).await.expect("ids").len(), 8);
    let hits = restarted
        .search(&t.index, &spec(), &query("contavilidad"))
        .await
        .expect("search");
    assert!(hits.hits.iter().any(|hit| hit.id == "c1"));

    let bad = vec![
        doc("ok", json!({"title": {"es": "Válido"}, "price": 1})),
        doc("bad", json!({"title": "not an object", "price": 2})),
    ];
    let refused = restarted.upsert(&t.index, bad).await;
    assert!(
        matches!(refused, Err(SearchError::Invalid { ref field, .. }) if field == "title"),
        "{refused:?}"
    );
    let wrong_price = vec![doc("bad", json!({"price": "cheap"}))];
    assert!(matches!(
        restarted.upsert(&t.index, wrong_price).await,
        Err(SearchError::Invalid { .. })
    ));
    let bad_id = vec![doc("a/b", json!({}))];
    assert!(matches!(
        restarted.upsert(&t.index, bad_id).await,
        Err(SearchError::Invalid { .. })
    ));
    assert_eq!(
        restarted.all_ids(&t.index).await.expect("ids").len(),
        8,
        "nothing written"
    );
    restarted.drop_index(&t.index).await.expect("drop");
}
