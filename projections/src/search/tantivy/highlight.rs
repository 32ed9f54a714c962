//! Highlights: the words of a text that made it match, marked in a snippet.
//!
//! tantivy's `SnippetGenerator::create` only knows the exact terms of a query, not the words a
//! fuzzy or stemmed clause matched, so the matching words are found here with the same rules
//! as the query and handed to `SnippetGenerator::new` on the folded analyser.

use std::collections::BTreeMap;

use serde_json::Value;
use tantivy::snippet::SnippetGenerator;

use super::query::QueryWord;
use super::schema::{folded, stemmed, Layout};
use crate::search::types::LANGUAGES;

/// Characters of text around the marked words, as tantivy's default.
const SNIPPET_CHARS: usize = 150;

/// "title.es" -> snippet with `<mark>`…`</mark>`, for every text of `document` where a word matched.
pub(super) fn highlights(
    layout: &Layout,
    words: &[QueryWord],
    document: &Value,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if words.is_empty() {
        return out;
    }
    for text in &layout.texts {
        let Some(Value::Object(by_language)) = document.get(&text.name) else {
            continue;
        };
        for (index, language) in LANGUAGES.iter().enumerate() {
            let Some(Value::String(content)) = by_language.get(*language) else {
                continue;
            };
            let matched = matched_words(content, language, index, words);
            if matched.is_empty() {
                continue;
            }
            let generator = SnippetGenerator::new(matched, folded(), text.folded, SNIPPET_CHARS);
            let mut snippet = generator.snippet(content);
            if snippet.is_empty() {
                continue;
            }
            snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
            let range = snippet.fragment_range();
            let before = if range.start > 0 { "…" } else { "" };
            let after = if range.end < content.len() { "…" } else { "" };
            out.insert(
                format!("{}.{language}", text.name),
                format!("{before}{}{after}", snippet.to_html().trim()),
            );
        }
    }
    out
}

/// The folded forms of the words of `content` that some query word matches, as snippet terms.
fn matched_words(
    content: &str,
    language: &str,
    language_index: usize,
    words: &[QueryWord],
) -> BTreeMap<String, f32> {
    let mut matched = BTreeMap::new();
    let mut stemmer = stemmed(language);
    let mut folder = folded();
    let mut stream = folder.token_stream(content);
    while let Some(token) = stream.next() {
        let original = &content[token.offset_from..token.offset_to];
        let stem = {
            let mut stems = stemmer.token_stream(original);
            stems.next().map(|t| t.text.clone()).unwrap_or_default()
        };
        let hit = words
            .iter()
            .any(|word| word.stems[language_index] == stem || word_matches(word, &token.text));
        if hit {
            matched.insert(token.text.clone(), 1.0);
        }
    }
    matched
}

/// The query's fuzzy rule applied to one indexed (folded) word.
fn word_matches(word: &QueryWord, candidate: &str) -> bool {
    let distance = usize::from(word.distance);
    if word.prefix {
        let wanted = word.folded.chars().count();
        let chars: Vec<char> = candidate.chars().collect();
        let shortest = wanted.saturating_sub(distance).max(1);
        (shortest..=wanted + distance)
            .filter(|len| *len <= chars.len())
            .any(|len| {
                let prefix: String = chars[..len].iter().collect();
                edit_distance(&word.folded, &prefix) <= distance
            })
    } else {
        edit_distance(&word.folded, candidate) <= distance
    }
}

/// Levenshtein distance where swapping two neighbours costs one (as the query's automaton).
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            rows[i * width + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let substitution = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (rows[(i - 1) * width + j] + 1)
                    .min(rows[i * width + j - 1] + 1)
                    .min(rows[(i - 1) * width + j - 1] + substitution);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(rows[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn transpositions_cost_one() {
        assert_eq!(edit_distance("contavilidad", "contabilidad"), 1);
        assert_eq!(edit_distance("fotnaneria", "fontaneria"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("lepe", "lepe"), 0);
    }
}
