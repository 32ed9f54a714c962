//! Meilisearch's filter and sort expressions, built from typed requests. Values are always
//! quoted and escaped, so a value such as `a" OR price > 0` stays one value.

use crate::search::types::{Filter, SortOrder};

/// The tie-breaker that keeps pages apart (ids are unique and sortable).
const BY_ID: &str = "id:asc";

/// `(category IN ["a", "b"]) AND (price >= 1 AND price <= 9)`, or `None` without conditions.
pub(super) fn filter_expression(filters: &[Filter]) -> Option<String> {
    let parts: Vec<String> = filters.iter().filter_map(condition).collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" AND "))
    }
}

fn condition(filter: &Filter) -> Option<String> {
    match filter {
        Filter::AnyOf { field, values } => {
            let quoted: Vec<String> = values.iter().map(|value| quote(value)).collect();
            Some(format!("({field} IN [{}])", quoted.join(", ")))
        }
        Filter::Range { field, min, max } => {
            let bounds: Vec<String> = [(min, ">="), (max, "<=")]
                .into_iter()
                .filter_map(|(bound, op)| bound.map(|value| format!("{field} {op} {value}")))
                .collect();
            (!bounds.is_empty()).then(|| format!("({})", bounds.join(" AND ")))
        }
    }
}

/// A double-quoted filter string: Meilisearch (1.4+) unescapes `\\` and `\"` inside quotes.
pub(super) fn quote(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// The sort rules: the field asked for, then the id; the id alone for an empty query without
/// sort (tantivy's order too); nothing for relevance.
pub(super) fn sort_rules(sort: &Option<(String, SortOrder)>, has_query: bool) -> Vec<String> {
    match sort {
        Some((field, order)) => {
            let direction = match order {
                SortOrder::Asc => "asc",
                SortOrder::Desc => "desc",
            };
            vec![format!("{field}:{direction}"), BY_ID.to_string()]
        }
        None if has_query => Vec::new(),
        None => vec![BY_ID.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_quotes_stay_one_value() {
        let filters = vec![Filter::AnyOf {
            field: "category".into(),
            values: vec![r#"a" OR price > 0 OR x = "b"#.into(), r"back\slash".into()],
        }];
        assert_eq!(
            filter_expression(&filters).unwrap(),
            r#"(category IN ["a\" OR price > 0 OR x = \"b", "back\\slash"])"#
        );
    }

    #[test]
    fn ranges_and_combinations() {
        let filters = vec![
            Filter::Range {
                field: "price".into(),
                min: Some(1.5),
                max: None,
            },
            Filter::Range {
                field: "hours".into(),
                min: None,
                max: None,
            },
            Filter::Range {
                field: "hours".into(),
                min: Some(2.0),
                max: Some(10.0),
            },
        ];
        assert_eq!(
            filter_expression(&filters).unwrap(),
            "(price >= 1.5) AND (hours >= 2 AND hours <= 10)"
        );
        assert_eq!(filter_expression(&[]), None);
    }

    #[test]
    fn ties_are_broken_by_id() {
        let sort = Some(("price".to_string(), SortOrder::Desc));
        assert_eq!(sort_rules(&sort, true), vec!["price:desc", "id:asc"]);
        assert!(sort_rules(&None, true).is_empty());
        assert_eq!(sort_rules(&None, false), vec!["id:asc"]);
    }
}
