//! The index settings a collection needs, applied by `prepare`.

use meilisearch_sdk::settings::{
    FacetingSettings, LocalizedAttributes, MinWordSizeForTypos, PaginationSetting, Settings,
    TypoToleranceSettings,
};

use crate::search::types::{CollectionSpec, FieldKind, LANGUAGES};
use crate::search::TYPO_RULE;

/// Facet values counted per facet: tantivy's engine counts as many.
pub(super) const MAX_VALUES_PER_FACET: usize = 100;
/// Exact totals and deep pages: Meilisearch's default (1,000) would cap both.
const MAX_TOTAL_HITS: usize = 1_000_000;

/// Searchable: each language of each Text field; filterable and sortable: Keyword and Number
/// fields (and the id, which orders pages); "sort" ranks first so that a requested sort is
/// strict even with words, as on tantivy.
pub(super) fn settings_for(spec: &CollectionSpec) -> Settings {
    let texts = spec.names_of(FieldKind::Text);
    let searchable: Vec<String> = texts
        .iter()
        .flat_map(|field| LANGUAGES.iter().map(move |l| format!("{field}.{l}")))
        .collect();
    let mut exact: Vec<String> = spec
        .fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Keyword | FieldKind::Number))
        .map(|f| f.name.to_string())
        .collect();
    exact.push("id".to_string());
    let localized = LANGUAGES.iter().map(|language| LocalizedAttributes {
        locales: vec![iso_639_3(language).to_string()],
        attribute_patterns: texts.iter().map(|f| format!("{f}.{language}")).collect(),
    });
    Settings::new()
        .with_searchable_attributes(searchable)
        .with_filterable_attributes(exact.clone())
        .with_sortable_attributes(exact)
        .with_ranking_rules([
            "sort",
            "words",
            "typo",
            "proximity",
            "attribute",
            "exactness",
        ])
        .with_faceting(FacetingSettings {
            max_values_per_facet: MAX_VALUES_PER_FACET,
            sort_facet_values_by: None,
        })
        .with_pagination(PaginationSetting {
            max_total_hits: MAX_TOTAL_HITS,
        })
        // The typo budget both engines share (Meilisearch's defaults are 5 and 9).
        .with_typo_tolerance(TypoToleranceSettings {
            enabled: Some(true),
            min_word_size_for_typos: Some(MinWordSizeForTypos {
                one_typo: Some(TYPO_RULE.one_typo_from),
                two_typos: Some(TYPO_RULE.two_typos_from),
            }),
            ..TypoToleranceSettings::default()
        })
        .with_localized_attributes(localized)
}

fn iso_639_3(language: &str) -> &'static str {
    match language {
        "es" => "spa",
        "pt" => "por",
        _ => "eng",
    }
}
