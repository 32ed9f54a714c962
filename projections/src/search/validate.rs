//! Checks both engines run before doing any work, so that a bad request gets the same
//! [`SearchError::Invalid`] from tantivy and from Meilisearch.

use super::types::{CollectionSpec, FieldKind, Filter, SearchDocument, SearchError, SearchRequest};

/// The most hits one page may hold.
pub const MAX_PER_PAGE: u32 = 100;

/// Index names become directory names (tantivy) and index uids (Meilisearch): both accept
/// exactly these characters.
pub(super) fn index_name(index: &str) -> Result<(), SearchError> {
    if plain_identifier(index, 400) {
        Ok(())
    } else {
        Err(SearchError::invalid(
            "index",
            "an index name is 1 to 400 characters among a-z, A-Z, 0-9, '-' and '_'",
        ))
    }
}

/// Field names must not clash with the engines' own names (`_source`, `title__es`, `_geo`) nor
/// with the id, nor be read as paths (`a.b` is a nested attribute in Meilisearch).
pub(super) fn spec(spec: &CollectionSpec) -> Result<(), SearchError> {
    let mut seen = std::collections::BTreeSet::new();
    for field in &spec.fields {
        let name = field.name;
        let usable = plain_identifier(name, 64)
            && !name.starts_with('_')
            && !name.contains("__")
            && !name.contains('-')
            && name != "id";
        if !usable {
            return Err(SearchError::invalid(
                name,
                "a field name is 1 to 64 of a-z, A-Z, 0-9, '_', not starting with '_', \
                 without '__', and not 'id'",
            ));
        }
        if !seen.insert(name) {
            return Err(SearchError::invalid(name, "declared twice"));
        }
    }
    Ok(())
}

/// Document ids follow Meilisearch's rule for primary keys.
pub(super) fn document(doc: &SearchDocument) -> Result<(), SearchError> {
    if !plain_identifier(&doc.id, 511) {
        return Err(SearchError::invalid(
            "id",
            "a document id is 1 to 511 characters among a-z, A-Z, 0-9, '-' and '_'",
        ));
    }
    if doc.fields.contains_key("id") {
        return Err(SearchError::invalid(
            "id",
            "the id goes in SearchDocument::id, not among the fields",
        ));
    }
    Ok(())
}

/// Paging bounds, and every field named by a filter, the sort or a facet exists and has a
/// kind that allows it.
pub(super) fn request(spec: &CollectionSpec, request: &SearchRequest) -> Result<(), SearchError> {
    if request.per_page == 0 || request.per_page > MAX_PER_PAGE {
        return Err(SearchError::invalid(
            "per_page",
            format!("must be between 1 and {MAX_PER_PAGE}"),
        ));
    }
    if request.page == 0 {
        return Err(SearchError::invalid("page", "pages start at 1"));
    }
    for filter in &request.filters {
        match filter {
            Filter::AnyOf { field, values } => {
                expect_kind(spec, field, &[FieldKind::Keyword], "filtered by value")?;
                if values.is_empty() {
                    return Err(SearchError::invalid(field, "needs at least one value"));
                }
            }
            Filter::Range { field, min, max } => {
                expect_kind(spec, field, &[FieldKind::Number], "filtered by range")?;
                if min.iter().chain(max).any(|bound| !bound.is_finite()) {
                    return Err(SearchError::invalid(field, "range bounds must be finite"));
                }
            }
        }
    }
    if let Some((field, _)) = &request.sort {
        expect_kind(
            spec,
            field,
            &[FieldKind::Keyword, FieldKind::Number],
            "sorted by",
        )?;
    }
    for field in &request.facets {
        expect_kind(spec, field, &[FieldKind::Keyword], "counted as a facet")?;
    }
    Ok(())
}

fn expect_kind(
    spec: &CollectionSpec,
    field: &str,
    allowed: &[FieldKind],
    what: &str,
) -> Result<(), SearchError> {
    match spec.kind_of(field) {
        None => Err(SearchError::invalid(
            field,
            format!("{} has no such field", spec.name),
        )),
        Some(kind) if allowed.contains(&kind) => Ok(()),
        Some(kind) => Err(SearchError::invalid(
            field,
            format!("a {kind:?} field cannot be {what}"),
        )),
    }
}

fn plain_identifier(text: &str, max_len: usize) -> bool {
    !text.is_empty()
        && text.len() <= max_len
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::types::FieldSpec;

    fn listings() -> CollectionSpec {
        CollectionSpec {
            name: "listings",
            fields: vec![
                FieldSpec {
                    name: "title",
                    kind: FieldKind::Text,
                },
                FieldSpec {
                    name: "category",
                    kind: FieldKind::Keyword,
                },
                FieldSpec {
                    name: "price",
                    kind: FieldKind::Number,
                },
            ],
        }
    }

    #[test]
    fn filters_must_fit_the_field_kind() {
        let mut req = SearchRequest::query("", 10);
        req.filters = vec![Filter::Range {
            field: "category".into(),
            min: None,
            max: None,
        }];
        let err = request(&listings(), &req).unwrap_err();
        assert!(matches!(err, SearchError::Invalid { field, .. } if field == "category"));
        req.filters = vec![Filter::AnyOf {
            field: "price".into(),
            values: vec!["1".into()],
        }];
        assert!(request(&listings(), &req).is_err());
        req.filters = vec![Filter::AnyOf {
            field: "category".into(),
            values: vec!["a".into()],
        }];
        assert!(request(&listings(), &req).is_ok());
    }

    #[test]
    fn reserved_and_path_like_names_are_refused() {
        for name in ["id", "_geo", "title__es", "a.b", "", "x-y"] {
            let bad = CollectionSpec {
                name: "c",
                fields: vec![FieldSpec {
                    name,
                    kind: FieldKind::Text,
                }],
            };
            assert!(spec(&bad).is_err(), "{name:?} accepted");
        }
        assert!(spec(&listings()).is_ok());
        assert!(index_name("ruta_listings_3").is_ok());
        assert!(index_name("../etc").is_err());
    }
}
