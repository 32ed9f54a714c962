//! The query for a request: every word must match (AND), a word matches a Text field through
//! any language's stemmed field or, with typos, through the folded copy; filters must all hold
//! and do not change the ranking.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RangeQuery,
    TermQuery, TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::Term;

use super::schema::{folded, stemmed, Layout};
use crate::search::types::{Filter, SearchError, LANGUAGES};
use crate::search::TYPO_RULE;

/// Like Meilisearch, only the first words of a query count.
pub(super) const MAX_QUERY_WORDS: usize = 10;
/// Exact and stemmed matches outrank typo matches.
const FUZZY_BOOST: f32 = 0.5;

/// One word of the query, in the forms the index holds.
#[derive(Debug, Clone)]
pub(super) struct QueryWord {
    /// Lower case, accents folded: what the folded field holds.
    pub folded: String,
    /// Stemmed then folded, one per entry of [`LANGUAGES`].
    pub stems: Vec<String>,
    /// Edits allowed against the folded field.
    pub distance: u8,
    /// The last word may be a prefix of an indexed word (as the user types).
    pub prefix: bool,
}

/// Typo budget: see [`TYPO_RULE`].
pub(super) fn fuzzy_distance(word: &str) -> u8 {
    TYPO_RULE.edits_for(word.chars().count())
}

/// Splits `q` into words and analyses each one as the index did.
pub(super) fn query_words(q: &str) -> Vec<QueryWord> {
    let mut lower = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    let mut raw = Vec::new();
    let mut stream = lower.token_stream(q);
    while let Some(token) = stream.next() {
        raw.push(token.text.clone());
    }
    raw.truncate(MAX_QUERY_WORDS);
    let last = raw.len().saturating_sub(1);
    raw.iter()
        .enumerate()
        .filter_map(|(position, word)| {
            let folded_word = first_token(&mut folded(), word)?;
            let stems = LANGUAGES
                .iter()
                .map(|language| first_token(&mut stemmed(language), word))
                .collect::<Option<Vec<_>>>()?;
            Some(QueryWord {
                distance: fuzzy_distance(&folded_word),
                prefix: position == last && folded_word.chars().count() >= 3,
                folded: folded_word,
                stems,
            })
        })
        .collect()
}

fn first_token(analyser: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = analyser.token_stream(word);
    stream.next().map(|token| token.text.clone())
}

/// The whole query: words AND filters; no words means every document (filters still apply).
pub(super) fn build_query(
    layout: &Layout,
    words: &[QueryWord],
    filters: &[Filter],
) -> Result<Box<dyn Query>, SearchError> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in words {
        clauses.push((Occur::Must, word_query(layout, word)));
    }
    if words.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for filter in filters {
        if let Some(query) = filter_query(layout, filter)? {
            // Zero score: a filter selects, it does not rank.
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))));
        }
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

fn word_query(layout: &Layout, word: &QueryWord) -> Box<dyn Query> {
    let mut any_of: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for text in &layout.texts {
        for (field, stem) in text.languages.iter().zip(&word.stems) {
            let term = Term::from_field_text(*field, stem);
            any_of.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            ));
        }
        let exact = Term::from_field_text(text.folded, &word.folded);
        any_of.push((
            Occur::Should,
            Box::new(TermQuery::new(exact.clone(), IndexRecordOption::WithFreqs)),
        ));
        // Fuzzy on the unstemmed copy: a misspelt word stems differently from the right one.
        let fuzzy = match (word.prefix, word.distance) {
            (true, distance) => Some(FuzzyTermQuery::new_prefix(exact, distance, true)),
            (false, 0) => None,
            (false, distance) => Some(FuzzyTermQuery::new(exact, distance, true)),
        };
        if let Some(fuzzy) = fuzzy {
            any_of.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(fuzzy), FUZZY_BOOST)),
            ));
        }
    }
    Box::new(BooleanQuery::new(any_of))
}

fn filter_query(layout: &Layout, filter: &Filter) -> Result<Option<Box<dyn Query>>, SearchError> {
    match filter {
        Filter::AnyOf { field, values } => {
            let field = layout.keyword(field).ok_or_else(|| missing(field))?;
            let terms = values
                .iter()
                .map(|value| Term::from_field_text(field, value));
            Ok(Some(Box::new(TermSetQuery::new(terms))))
        }
        Filter::Range { field, min, max } => {
            let field = layout.number(field).ok_or_else(|| missing(field))?;
            if min.is_none() && max.is_none() {
                return Ok(None);
            }
            let bound = |value: &Option<f64>| match value {
                Some(value) => Bound::Included(Term::from_field_f64(field, *value)),
                None => Bound::Unbounded,
            };
            Ok(Some(Box::new(RangeQuery::new(bound(min), bound(max)))))
        }
    }
}

/// The spec names a field the index was not built with: the index predates the spec.
fn missing(field: &str) -> SearchError {
    SearchError::Engine(format!(
        "the index has no field {field}: it was built from another version of the collection"
    ))
}
