//! The vocabulary both engines share: what a collection looks like, what a request asks and
//! what a search answers.

use std::collections::BTreeMap;

/// What a collection looks like: the catalogues (courses, listings, mentors) are defined with it.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionSpec {
    pub name: &'static str,
    pub fields: Vec<FieldSpec>,
}

impl CollectionSpec {
    /// A collection of `fields`, given as `(name, kind)` in declaration order.
    pub fn new(name: &'static str, fields: &[(&'static str, FieldKind)]) -> Self {
        Self {
            name,
            fields: fields
                .iter()
                .map(|&(name, kind)| FieldSpec { name, kind })
                .collect(),
        }
    }

    /// The kind of the field called `name`, if the collection has one.
    pub fn kind_of(&self, name: &str) -> Option<FieldKind> {
        self.fields.iter().find(|f| f.name == name).map(|f| f.kind)
    }

    /// The names of the fields of one kind, in declaration order.
    pub fn names_of(&self, kind: FieldKind) -> Vec<&'static str> {
        self.fields
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.name)
            .collect()
    }
}

/// One field of a collection.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: FieldKind,
}

/// How a field is indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Full text in several languages. Document value: JSON object {"es": "...", "pt": "...", "en": "..."}
    /// (any subset of those keys; other keys are ignored). Searchable, highlighted. Not filterable.
    Text,
    /// Exact keyword(s): a JSON string or array of strings. Filterable (any-of), facetable, sortable if single.
    Keyword,
    /// A number (JSON number; decimals allowed, e.g. price 12.5). Filterable by range, sortable.
    Number,
    /// Stored and returned but neither searched nor filtered (e.g. a display name).
    Stored,
}

/// The languages a [`FieldKind::Text`] value may carry; other keys are ignored.
pub const LANGUAGES: [&str; 3] = ["es", "pt", "en"];

/// A document to index: its id and its fields, by the names of the collection's [`FieldSpec`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDocument {
    pub id: String,
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// One condition on the hits; a request's filters must all hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// The keyword field equals one of `values` (any value of a multi-valued field counts).
    AnyOf { field: String, values: Vec<String> },
    /// The number field lies between `min` and `max`, both inclusive, either open.
    Range {
        field: String,
        min: Option<f64>,
        max: Option<f64>,
    },
}

/// Direction of a sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

/// A search: words, filters, order, page and the facets to count.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// May be empty: then every document matches (filters still apply), ranked by sort or id.
    pub q: String,
    /// AND of all.
    pub filters: Vec<Filter>,
    /// A Keyword or Number field; `None` ranks by relevance (by id when `q` is empty).
    pub sort: Option<(String, SortOrder)>,
    /// 1-based.
    pub page: u32,
    /// 1..=100.
    pub per_page: u32,
    /// Keyword fields to count; empty = no facet work (facets are costly).
    pub facets: Vec<String>,
}

impl SearchRequest {
    /// The first page of `per_page` hits for `q`, unfiltered, by relevance, without facets.
    pub fn query(q: impl Into<String>, per_page: u32) -> SearchRequest {
        SearchRequest {
            q: q.into(),
            filters: Vec::new(),
            sort: None,
            page: 1,
            per_page,
            facets: Vec::new(),
        }
    }
}

/// One hit of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub id: String,
    /// The stored fields as given at upsert (incl. Text objects).
    pub document: serde_json::Value,
    /// "title.es" -> "…<mark>contabilidad</mark>…"; only the texts where a query word matched.
    pub highlights: BTreeMap<String, String>,
}

/// The page of hits asked for, the exact number of matches and the facet counts asked for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    pub total: u64,
    pub hits: Vec<SearchHit>,
    /// facet field -> value -> number of matching documents with that value.
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

/// Why a search engine call failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A bad request or document: unknown field, a filter on a non-filterable field,
    /// `per_page` out of range, a value of the wrong type, an unusable index name.
    #[error("invalid {field}: {message}")]
    Invalid { field: String, message: String },
    /// The index was never prepared (or was dropped).
    #[error("no such search index: {0}")]
    NoSuchIndex(String),
    /// The engine failed, including a Meilisearch task that ended as failed.
    #[error("search engine error: {0}")]
    Engine(String),
    /// The engine cannot be reached.
    #[error("search engine unavailable: {0}")]
    Unavailable(String),
    /// The index was built into another engine (another kind or location) than this
    /// process's: it is rebuilt into this one, and searched only once that is live.
    #[error("the {index} index was built into {built_into}, not into {here}: it is being rebuilt into {here}")]
    BuiltElsewhere {
        index: String,
        built_into: String,
        here: String,
    },
}

impl SearchError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> SearchError {
        SearchError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}
