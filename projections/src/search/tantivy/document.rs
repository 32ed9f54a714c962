//! A [`SearchDocument`] as a tantivy document: the JSON kept whole for display, and each field
//! indexed the way its kind asks.

use serde_json::Value;
use tantivy::TantivyDocument;

use super::schema::Layout;
use crate::search::types::{SearchDocument, SearchError, LANGUAGES};

/// Builds the tantivy document; a value of the wrong JSON type is [`SearchError::Invalid`]
/// (null counts as absent).
pub(super) fn to_tantivy(
    layout: &Layout,
    doc: &SearchDocument,
) -> Result<TantivyDocument, SearchError> {
    let mut out = TantivyDocument::default();
    out.add_text(layout.id, &doc.id);
    let source = serde_json::to_string(&doc.fields)
        .map_err(|e| SearchError::Engine(format!("document {} does not serialise: {e}", doc.id)))?;
    out.add_text(layout.source, source);

    for text in &layout.texts {
        let Some(value) = present(doc, &text.name) else {
            continue;
        };
        let Value::Object(by_language) = value else {
            return Err(wrong_type(
                doc,
                &text.name,
                "an object of texts by language",
            ));
        };
        for (language, field) in LANGUAGES.iter().zip(&text.languages) {
            match by_language.get(*language) {
                None | Some(Value::Null) => {}
                Some(Value::String(s)) => {
                    out.add_text(*field, s);
                    out.add_text(text.folded, s);
                }
                Some(_) => {
                    let name = format!("{}.{language}", text.name);
                    return Err(wrong_type(doc, &name, "a string"));
                }
            }
        }
    }
    for (name, field) in &layout.keywords {
        match present(doc, name) {
            None => {}
            Some(Value::String(s)) => out.add_text(*field, s),
            Some(Value::Array(items)) => {
                for item in items {
                    let Value::String(s) = item else {
                        return Err(wrong_type(doc, name, "a string or an array of strings"));
                    };
                    out.add_text(*field, s);
                }
            }
            Some(_) => return Err(wrong_type(doc, name, "a string or an array of strings")),
        }
    }
    for (name, field) in &layout.numbers {
        match present(doc, name) {
            None => {}
            Some(Value::Number(n)) => match n.as_f64() {
                Some(number) => out.add_f64(*field, number),
                None => return Err(wrong_type(doc, name, "a number")),
            },
            Some(_) => return Err(wrong_type(doc, name, "a number")),
        }
    }
    Ok(out)
}

fn present<'d>(doc: &'d SearchDocument, name: &str) -> Option<&'d Value> {
    doc.fields.get(name).filter(|value| !value.is_null())
}

fn wrong_type(doc: &SearchDocument, field: &str, expected: &str) -> SearchError {
    SearchError::invalid(field, format!("document {}: expected {expected}", doc.id))
}
