//! Turns a search's query string into a [`SearchRequest`], refusing what the catalogue does
//! not have: a misspelt filter must not silently return everything.

use ruta_projections::search::{CollectionSpec, FieldKind, Filter, SearchRequest, SortOrder};

use crate::problem::{ApiError, ApiResult};

const DEFAULT_PER_PAGE: u32 = 20;
const MAX_PER_PAGE: u32 = 100;
const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug)]
pub(crate) struct ParsedSearch {
    pub request: SearchRequest,
    pub after: Option<i64>,
}

pub(crate) fn parse_request(
    spec: &CollectionSpec,
    params: &[(String, String)],
) -> ApiResult<ParsedSearch> {
    let kind_of = |name: &str| spec.fields.iter().find(|f| f.name == name).map(|f| f.kind);
    let mut request = SearchRequest {
        q: String::new(),
        filters: Vec::new(),
        sort: None,
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        facets: keyword_fields(spec),
    };
    let mut after = None;
    for (key, value) in params {
        match key.as_str() {
            "q" if value.chars().count() > MAX_QUERY_CHARS => {
                return Err(ApiError::validation("q", "at most 200 characters"));
            }
            "q" => request.q = value.trim().to_owned(),
            "page" => request.page = number(key, value, 1, 10_000)?,
            "per_page" => request.per_page = number(key, value, 1, MAX_PER_PAGE)?,
            "after" => after = Some(number(key, value, 0, i64::MAX)?),
            "facets" => request.facets = facets(spec, value)?,
            "sort" => request.sort = Some(sort(spec, value)?),
            "available" if spec.name == "mentors" => {
                if parse_bool(key, value)? {
                    add_range(&mut request.filters, "capacity_left", Some(1.0), None);
                }
            }
            _ => filter(&mut request.filters, key, value, &kind_of)?,
        }
    }
    Ok(ParsedSearch { request, after })
}

fn keyword_fields(spec: &CollectionSpec) -> Vec<String> {
    spec.fields
        .iter()
        .filter(|f| f.kind == FieldKind::Keyword)
        .map(|f| f.name.to_owned())
        .collect()
}

fn filter(
    filters: &mut Vec<Filter>,
    key: &str,
    value: &str,
    kind_of: &dyn Fn(&str) -> Option<FieldKind>,
) -> ApiResult<()> {
    if kind_of(key) == Some(FieldKind::Keyword) {
        let values: Vec<String> = value
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        if values.is_empty() {
            return Err(ApiError::validation(key, format!("{key}: give a value")));
        }
        // Repeating a parameter widens it (any of the values), like a comma does.
        match filters
            .iter_mut()
            .find(|f| matches!(f, Filter::AnyOf { field, .. } if field == key))
        {
            Some(Filter::AnyOf { values: known, .. }) => known.extend(values),
            _ => filters.push(Filter::AnyOf {
                field: key.to_owned(),
                values,
            }),
        }
        return Ok(());
    }
    let range = key
        .strip_suffix("_min")
        .map(|f| (f, true))
        .or_else(|| key.strip_suffix("_max").map(|f| (f, false)));
    if let Some((field, is_min)) = range {
        if kind_of(field) == Some(FieldKind::Number) {
            let bound: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| ApiError::validation(key, format!("{key}: not a number")))?;
            let (min, max) = if is_min {
                (Some(bound), None)
            } else {
                (None, Some(bound))
            };
            add_range(filters, field, min, max);
            return Ok(());
        }
    }
    Err(ApiError::validation(
        key,
        format!("{key}: not a parameter of this search"),
    ))
}

fn add_range(filters: &mut Vec<Filter>, name: &str, min: Option<f64>, max: Option<f64>) {
    for existing in filters.iter_mut() {
        if let Filter::Range {
            field,
            min: lo,
            max: hi,
        } = existing
        {
            if field == name {
                *lo = min.or(*lo);
                *hi = max.or(*hi);
                return;
            }
        }
    }
    filters.push(Filter::Range {
        field: name.to_owned(),
        min,
        max,
    });
}

fn facets(spec: &CollectionSpec, value: &str) -> ApiResult<Vec<String>> {
    let keywords = keyword_fields(spec);
    value
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| {
            if keywords.iter().any(|k| k == f) {
                Ok(f.to_owned())
            } else {
                Err(ApiError::validation(
                    "facets",
                    format!("facets: {f} is not one of {}", keywords.join(", ")),
                ))
            }
        })
        .collect()
}

fn sort(spec: &CollectionSpec, value: &str) -> ApiResult<(String, SortOrder)> {
    let (name, order) = match value.strip_prefix('-') {
        Some(name) => (name, SortOrder::Desc),
        None => (value, SortOrder::Asc),
    };
    let sortable = spec
        .fields
        .iter()
        .any(|f| f.name == name && f.kind == FieldKind::Number);
    if sortable {
        Ok((name.to_owned(), order))
    } else {
        let numbers: Vec<&str> = spec
            .fields
            .iter()
            .filter(|f| f.kind == FieldKind::Number)
            .map(|f| f.name)
            .collect();
        Err(ApiError::validation(
            "sort",
            format!(
                "sort: one of {} (prefix - for descending)",
                numbers.join(", ")
            ),
        ))
    }
}

fn number<T: std::str::FromStr + PartialOrd + std::fmt::Display>(
    key: &str,
    value: &str,
    min: T,
    max: T,
) -> ApiResult<T> {
    value
        .trim()
        .parse::<T>()
        .ok()
        .filter(|n| *n >= min && *n <= max)
        .ok_or_else(|| {
            ApiError::validation(key, format!("{key}: a whole number from {min} to {max}"))
        })
}

fn parse_bool(key: &str, value: &str) -> ApiResult<bool> {
    match value {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ApiError::validation(key, format!("{key}: true or false"))),
    }
}
