//! Meilisearch hits as [`SearchHit`]s: the document as upserted, and highlights from
//! `_formatted`, HTML-escaped like tantivy's (document text is never trusted as markup).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::search::types::{SearchHit, LANGUAGES};

/// Markers no catalogue text contains (private-use characters), replaced by `<mark>` after escaping.
pub(super) const PRE_TAG: &str = "\u{E000}";
pub(super) const POST_TAG: &str = "\u{E001}";

/// The hit without Meilisearch's `id` attribute (it was the SearchDocument's id, not a field).
pub(super) fn to_hit(
    mut document: Map<String, Value>,
    formatted: Option<&Map<String, Value>>,
    texts: &[&str],
) -> SearchHit {
    let id = match document.remove("id") {
        Some(Value::String(id)) => id,
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let highlights = formatted
        .map(|formatted| highlights(formatted, texts))
        .unwrap_or_default();
    SearchHit {
        id,
        document: Value::Object(document),
        highlights,
    }
}

fn highlights(formatted: &Map<String, Value>, texts: &[&str]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for field in texts {
        let Some(Value::Object(by_language)) = formatted.get(*field) else {
            continue;
        };
        for language in LANGUAGES {
            if let Some(Value::String(text)) = by_language.get(language) {
                if text.contains(PRE_TAG) {
                    out.insert(format!("{field}.{language}"), to_html(text));
                }
            }
        }
    }
    out
}

/// Escapes the text as HTML, then turns the markers into `<mark>` tags. A mark closes at the
/// end of its word: Meilisearch marks only the part of a word a prefix or typo matched
/// (`<mark>Contabilidad</mark>e`), tantivy the whole word, and both must answer alike.
pub(super) fn to_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    let mut closing = false;
    for c in text.chars() {
        if closing && !c.is_alphanumeric() {
            html.push_str("</mark>");
            closing = false;
        }
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#x27;"),
            '\u{E000}' => html.push_str("<mark>"),
            '\u{E001}' => closing = true,
            other => html.push(other),
        }
    }
    if closing {
        html.push_str("</mark>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn marks_survive_and_markup_is_escaped() {
        let doc = json!({"id": "c1", "title": {"es": "Contabilidad <b>básica</b>"}});
        let formatted =
            json!({"title": {"es": "\u{E000}Contabilidad\u{E001} <b>básica</b>", "pt": "x"}});
        let hit = to_hit(
            doc.as_object().unwrap().clone(),
            formatted.as_object(),
            &["title"],
        );
        assert_eq!(hit.id, "c1");
        assert_eq!(
            hit.document,
            json!({"title": {"es": "Contabilidad <b>básica</b>"}})
        );
        assert_eq!(
            hit.highlights.get("title.es").map(String::as_str),
            Some("<mark>Contabilidad</mark> &lt;b&gt;básica&lt;/b&gt;")
        );
        assert_eq!(hit.highlights.len(), 1);
    }

    #[test]
    fn a_mark_covers_its_whole_word() {
        assert_eq!(
            to_html("\u{E000}Contabilidad\u{E001}e básica"),
            "<mark>Contabilidade</mark> básica"
        );
        assert_eq!(
            to_html("la \u{E000}reparação\u{E001}"),
            "la <mark>reparação</mark>"
        );
        assert_eq!(
            to_html("\u{E000}taller\u{E001}, \u{E000}bici\u{E001}cletas."),
            "<mark>taller</mark>, <mark>bicicletas</mark>."
        );
    }
}
