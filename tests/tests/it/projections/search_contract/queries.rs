//! Reading: words in three languages with typos and accents, filters, facets, order, pages,
//! highlights and refused requests.

use ruta_projections::search::{Filter, SearchError, SortOrder};

use serde_json::json;

use super::fixtures::{
    doc, found, id_set, ids, query, search, spec, with_catalogue, QUOTED_CATEGORY,
};
use super::Target;
use crate::on_both_engines;

fn any_of(field: &str, values: &[&str]) -> Filter {
    Filter::AnyOf {
        field: field.into(),
        values: values
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
    }
}

fn range(min: Option<f64>, max: Option<f64>) -> Filter {
    Filter::Range {
        field: "price".into(),
        min,
        max,
    }
}

async fn a_typo_still_finds_the_course(t: &Target) {
    with_catalogue(t).await;
    assert!(found(t, "contavilidad").await.contains(&"c1".to_string()));
    assert!(found(t, "contavilidad basica")
        .await
        .contains(&"c1".to_string()));
    assert_eq!(
        found(t, "fotnaneria").await,
        ["l1"],
        "a transposed pair is one typo"
    );
}
on_both_engines!(a_typo_still_finds_the_course);

async fn portuguese_and_english_queries_find_their_titles(t: &Target) {
    with_catalogue(t).await;
    assert!(found(t, "contabilidade").await.contains(&"c2".to_string()));
    assert_eq!(found(t, "pequenas empresas").await, ["c2"]);
    assert_eq!(found(t, "reparação computadores").await, ["l6"]);
    assert_eq!(found(t, "accounting").await, ["c1"]);
    assert_eq!(
        found(t, "shop").await,
        ["l2"],
        "English stemming: shop finds shops"
    );
}
on_both_engines!(portuguese_and_english_queries_find_their_titles);

async fn accents_match_either_way(t: &Target) {
    with_catalogue(t).await;
    assert_eq!(found(t, "fontanería").await, ["l1"]);
    assert_eq!(found(t, "fontaneria").await, ["l1"]);
    assert_eq!(found(t, "FONTANERIA").await, ["l1"]);
    assert_eq!(found(t, "ceramica").await, ["l3"]);
    assert_eq!(found(t, "loule").await, ["l6"]);
}
on_both_engines!(accents_match_either_way);

async fn every_word_must_match(t: &Target) {
    with_catalogue(t).await;
    assert_eq!(found(t, "taller bicicletas").await, ["l5"]);
    assert_eq!(found(t, "taller").await, ["l3", "l5"]);
    assert!(found(t, "bicicletas calderas").await.is_empty());
}
on_both_engines!(every_word_must_match);

async fn keyword_and_range_filters(t: &Target) {
    with_catalogue(t).await;
    let filtered = |filters: Vec<Filter>| {
        let mut request = query("");
        request.filters = filters;
        request
    };
    let cases: Vec<(Vec<Filter>, Vec<&str>)> = vec![
        (vec![any_of("category", &["formacion"])], vec!["c1", "c2"]),
        (
            vec![any_of("municipality", &["Lepe", "Faro"])],
            vec!["c1", "l2"],
        ),
        (vec![any_of("tags", &["taller"])], vec!["l3", "l5"]),
        (vec![range(Some(50.0), None)], vec!["c2", "l2"]),
        (vec![range(None, Some(25.0))], vec!["l3", "l4", "l5"]),
        (
            vec![range(Some(30.0), Some(55.5))],
            vec!["c1", "c2", "l1", "l6"],
        ),
        (vec![range(Some(12.5), Some(12.5))], vec!["l3"]),
        (
            vec![
                any_of("category", &["formacion", "reparaciones"]),
                range(None, Some(44.0)),
            ],
            vec!["c1", "l5"],
        ),
        (vec![any_of("category", &[QUOTED_CATEGORY])], vec!["l4"]),
        (vec![any_of("category", &["comida \"casera"])], vec![]),
    ];
    for (filters, expected) in cases {
        let results = search(t, &filtered(filters.clone())).await;
        assert_eq!(id_set(&results), expected, "filters {filters:?}");
        assert_eq!(results.total, expected.len() as u64, "filters {filters:?}");
    }
    let mut with_words = filtered(vec![any_of(
        "municipality",
        &["Huelva", "Palos de la Frontera"],
    )]);
    with_words.q = "reparacion".into();
    assert_eq!(id_set(&search(t, &with_words).await), ["l1", "l5"]);
}
on_both_engines!(keyword_and_range_filters);

async fn facets_count_what_the_query_and_filters_match(t: &Target) {
    with_catalogue(t).await;
    let mut request = query("");
    request.filters = vec![range(None, Some(45.0))];
    request.facets = vec!["category".into(), "tags".into()];
    let results = search(t, &request).await;
    let category = &results.facets["category"];
    assert_eq!(category.get("formacion"), Some(&1));
    assert_eq!(category.get("reparaciones"), Some(&2));
    assert_eq!(category.get("design"), None, "l2 costs 120");
    assert_eq!(category.values().sum::<u64>(), results.total);
    assert_eq!(results.facets["tags"].get("taller"), Some(&2));

    let mut worded = query("reparacion");
    worded.facets = vec!["municipality".into()];
    let results = search(t, &worded).await;
    let municipality = &results.facets["municipality"];
    assert_eq!(municipality.get("Huelva"), Some(&1));
    assert_eq!(municipality.get("Palos de la Frontera"), Some(&1));
    assert_eq!(municipality.get("Lepe"), None);

    assert!(
        search(t, &query("")).await.facets.is_empty(),
        "no facets unless asked"
    );
}
on_both_engines!(facets_count_what_the_query_and_filters_match);

async fn numbers_sort_both_ways_and_empty_query_lists_all(t: &Target) {
    with_catalogue(t).await;
    let mut request = query("");
    request.sort = Some(("price".into(), SortOrder::Asc));
    let ascending = search(t, &request).await;
    assert_eq!(
        ids(&ascending),
        ["l3", "l5", "l4", "l1", "c1", "l6", "c2", "l2"]
    );
    request.sort = Some(("price".into(), SortOrder::Desc));
    assert_eq!(
        ids(&search(t, &request).await),
        ["l2", "c2", "l6", "c1", "l1", "l4", "l5", "l3"]
    );

    request.q = "taller".into();
    assert_eq!(
        ids(&search(t, &request).await),
        ["l5", "l3"],
        "sort is strict with words"
    );

    let everything = search(t, &query("")).await;
    assert_eq!(everything.total, 8);
    assert_eq!(
        ids(&everything),
        ["c1", "c2", "l1", "l2", "l3", "l4", "l5", "l6"],
        "by id"
    );
    assert_eq!(
        everything.hits[0].document["seller"], "Asesoría Lepe",
        "stored fields come back"
    );
    assert!(everything.hits.iter().all(|hit| hit.highlights.is_empty()));
}
on_both_engines!(numbers_sort_both_ways_and_empty_query_lists_all);

async fn pages_do_not_overlap_and_the_last_is_partial(t: &Target) {
    let docs = (0..25)
        .map(|n| {
            super::fixtures::doc(
                &format!("p{n:02}"),
                serde_json::json!({
                    "title": {"es": format!("Taller de cerámica número {n}")},
                    "category": "artesania", "price": n % 7,
                }),
            )
        })
        .collect();
    t.engine.upsert(&t.index, docs).await.expect("upsert");
    for (q, sort) in [
        ("", None),
        ("ceramica", None),
        ("", Some(("price".to_string(), SortOrder::Asc))),
    ] {
        let mut seen = Vec::new();
        for (page, expected_len) in [(1, 10), (2, 10), (3, 5), (4, 0)] {
            let mut request = query(q);
            request.sort = sort.clone();
            request.page = page;
            request.per_page = 10;
            let results = search(t, &request).await;
            assert_eq!(results.total, 25, "q {q:?} page {page}");
            assert_eq!(results.hits.len(), expected_len, "q {q:?} page {page}");
            seen.extend(results.hits.into_iter().map(|hit| hit.id));
        }
        seen.sort();
        seen.dedup();
        assert_eq!(
            seen.len(),
            25,
            "q {q:?}: every document once across the pages"
        );
    }
}
on_both_engines!(pages_do_not_overlap_and_the_last_is_partial);

async fn highlights_mark_the_matching_words(t: &Target) {
    with_catalogue(t).await;
    let results = search(t, &query("contabilidad")).await;
    let c1 = results
        .hits
        .iter()
        .find(|hit| hit.id == "c1")
        .expect("c1 found");
    let title = &c1.highlights["title.es"];
    assert!(title.contains("<mark>Contabilidad</mark>"), "{title}");
    assert!(
        !c1.highlights.contains_key("title.en"),
        "no match, no highlight"
    );

    let typo = search(t, &query("fontaneria")).await;
    let title = &typo.hits[0].highlights["title.es"];
    assert!(title.contains("<mark>Fontanería</mark>"), "{title}");
}
on_both_engines!(highlights_mark_the_matching_words);

async fn a_mark_covers_the_whole_word_a_prefix_or_typo_matched(t: &Target) {
    with_catalogue(t).await;
    let results = search(t, &query("contabilidad")).await;
    let c1 = results.hits.iter().find(|hit| hit.id == "c1").expect("c1");
    let title = &c1.highlights["title.pt"];
    assert!(title.contains("<mark>Contabilidade</mark>"), "{title}");

    let prefix = search(t, &query("bicicl")).await;
    let l5 = prefix.hits.iter().find(|hit| hit.id == "l5").expect("l5");
    let title = &l5.highlights["title.es"];
    assert!(title.contains("<mark>bicicletas</mark>"), "{title}");
}
on_both_engines!(a_mark_covers_the_whole_word_a_prefix_or_typo_matched);

async fn typos_allowed_one_from_four_letters_and_two_from_eight(t: &Target) {
    with_catalogue(t).await;
    let yoga = doc("t1", json!({"title": {"es": "Yoga suave"}, "price": 10}));
    t.engine.upsert(&t.index, vec![yoga]).await.expect("upsert");
    assert_eq!(found(t, "yoxa").await, ["t1"], "4 letters take one typo");
    assert!(found(t, "yoxx").await.is_empty(), "4 letters take no two");
    assert_eq!(found(t, "urgentx").await, ["l1"], "7 letters take one typo");
    assert!(
        found(t, "urxentx").await.is_empty(),
        "7 letters take no two"
    );
    assert_eq!(
        found(t, "cerxmixa").await,
        ["l3"],
        "8 letters take two typos"
    );
}
on_both_engines!(typos_allowed_one_from_four_letters_and_two_from_eight);

async fn bad_requests_are_refused_as_invalid(t: &Target) {
    with_catalogue(t).await;
    let mut bad = Vec::new();
    for per_page in [0, 101] {
        let mut request = query("");
        request.per_page = per_page;
        bad.push((request, "per_page"));
    }
    let mut unknown = query("");
    unknown.filters = vec![any_of("colour", &["red"])];
    bad.push((unknown, "colour"));
    let mut not_keyword = query("");
    not_keyword.filters = vec![any_of("title", &["x"])];
    bad.push((not_keyword, "title"));
    let mut not_sortable = query("");
    not_sortable.sort = Some(("seller".into(), SortOrder::Asc));
    bad.push((not_sortable, "seller"));
    let mut not_facet = query("");
    not_facet.facets = vec!["price".into()];
    bad.push((not_facet, "price"));
    for (request, field) in bad {
        match t.engine.search(&t.index, &spec(), &request).await {
            Err(SearchError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{request:?} gave {other:?}"),
        }
    }
    let missing = t
        .engine
        .search("contract_no_such_index", &spec(), &query(""))
        .await;
    assert!(
        matches!(missing, Err(SearchError::NoSuchIndex(_))),
        "{missing:?}"
    );
}
on_both_engines!(bad_requests_are_refused_as_invalid);
