//! The query parameters of each catalogue's search, generated from the catalogue's field
//! spec, so the document names exactly the filters `routes::search_query` accepts.

use ruta_projections::catalogues::CatalogueSearch;
use ruta_projections::search::{CollectionSpec, FieldKind};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn, ParameterStyle};
use utoipa::openapi::{ArrayBuilder, ObjectBuilder, Required, Type};
use utoipa::IntoParams;

fn query(name: &str, description: &str, schema: impl Into<utoipa::openapi::Schema>) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema.into()))
        .build()
}

fn integer(min: i64, max: i64) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(min))
        .maximum(Some(max))
}

fn names(spec: &CollectionSpec, kind: FieldKind) -> Vec<&'static str> {
    spec.fields
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.name)
        .collect()
}

/// A filter value: a value or a comma-separated list of values, at least one non-empty.
fn keyword_values() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some("[^,\\s]"))
}

fn params(catalogue: &str) -> Vec<Parameter> {
    let Some(spec) = CatalogueSearch::spec(catalogue) else {
        return Vec::new();
    };
    let keywords = names(&spec, FieldKind::Keyword);
    let numbers = names(&spec, FieldKind::Number);
    let sorts: Vec<String> = numbers
        .iter()
        .flat_map(|n| [(*n).to_owned(), format!("-{n}")])
        .collect();
    let mut params = vec![
        query(
            "q",
            "Words to find; typos are tolerated.",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(200)),
        ),
        query("page", "Page, from 1.", integer(1, 10_000)),
        query("per_page", "Hits per page (default 20).", integer(1, 100)),
        query(
            "sort",
            "A number field, ascending; prefixed with `-`, descending. Default: relevance.",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(sorts)),
        ),
        ParameterBuilder::from(query(
            "facets",
            "Keyword fields to count values of (default: all of them; empty for none).",
            ArrayBuilder::new().items(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(keywords.clone())),
            ),
        ))
        .style(Some(ParameterStyle::Form))
        .explode(Some(false))
        .build(),
        query(
            "after",
            "Read-your-writes: wait (at most 2 s) until the catalogue has applied this \
             global log position, else answer 503 `not-caught-up`.",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                    utoipa::openapi::KnownFormat::Int64,
                )))
                .minimum(Some(0)),
        ),
    ];
    for field in &keywords {
        params.push(query(
            field,
            "Keep documents with one of these values (comma-separated or repeated).",
            keyword_values(),
        ));
    }
    for field in &numbers {
        for (suffix, bound) in [("min", "at least"), ("max", "at most")] {
            params.push(query(
                &format!("{field}_{suffix}"),
                &format!("Keep documents whose {field} is {bound} this."),
                ObjectBuilder::new().schema_type(Type::Number),
            ));
        }
    }
    if catalogue == "mentors" {
        params.push(query(
            "available",
            "`true`: only mentors with room for a mentee now.",
            ObjectBuilder::new().schema_type(Type::Boolean),
        ));
    }
    params
}

#[derive(Debug)]
pub(crate) struct CourseSearch;
#[derive(Debug)]
pub(crate) struct ListingSearch;
#[derive(Debug)]
pub(crate) struct MentorSearch;

impl IntoParams for CourseSearch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        params("courses")
    }
}

impl IntoParams for ListingSearch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        params("listings")
    }
}

impl IntoParams for MentorSearch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        params("mentors")
    }
}
