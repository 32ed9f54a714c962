//! A small listings catalogue in Spanish, Portuguese and English, and helpers to query it.

use ruta_projections::search::{
    CollectionSpec, FieldKind, SearchDocument, SearchRequest, SearchResults,
};
use serde_json::{json, Value};

use super::Target;

/// A category value with quotes: filters must treat it as one value, not as syntax.
pub(super) const QUOTED_CATEGORY: &str = r#"comida "casera" OR price > 0"#;

pub(super) fn spec() -> CollectionSpec {
    CollectionSpec::new(
        "listings",
        &[
            ("title", FieldKind::Text),
            ("description", FieldKind::Text),
            ("category", FieldKind::Keyword),
            ("municipality", FieldKind::Keyword),
            ("tags", FieldKind::Keyword),
            ("price", FieldKind::Number),
            ("seller", FieldKind::Stored),
        ],
    )
}

pub(super) fn doc(id: &str, fields: Value) -> SearchDocument {
    let Value::Object(fields) = fields else {
        panic!("fixture fields are an object");
    };
    SearchDocument {
        id: id.to_string(),
        fields,
    }
}

/// Eight listings; prices 12.5 to 120, several municipalities of the programme.
pub(super) fn catalogue() -> Vec<SearchDocument> {
    vec![
        doc(
            "c1",
            json!({
            "title": {"es": "Contabilidad básica", "pt": "Contabilidade básica", "en": "Basic accounting"},
            "description": {"es": "Libros, facturas e impuestos para autónomos"},
            "category": "formacion", "municipality": "Lepe", "tags": ["curso", "online"],
            "price": 40, "seller": "Asesoría Lepe"}),
        ),
        doc(
            "c2",
            json!({
            "title": {"pt": "Contabilidade para pequenas empresas"},
            "description": {"pt": "Gestão financeira para negócios locais"},
            "category": "formacion", "municipality": "Tavira", "tags": ["curso"],
            "price": 55.5, "seller": "Contas Tavira"}),
        ),
        doc(
            "l1",
            json!({
            "title": {"es": "Fontanería urgente"},
            "description": {"es": "Reparación de tuberías y calderas en Huelva"},
            "category": "fontaneria", "municipality": "Huelva", "tags": ["urgente"],
            "price": 30, "seller": "Fontanería Rápida"}),
        ),
        doc(
            "l2",
            json!({
            "title": {"en": "Web design for small shops"},
            "description": {"en": "Online shops and booking pages"},
            "category": "design", "municipality": "Faro", "tags": ["online"],
            "price": 120, "seller": "Faro Web"}),
        ),
        doc(
            "l3",
            json!({
            "title": {"es": "Clases de cerámica", "pt": "Aulas de cerâmica"},
            "description": {"es": "Taller para niños y adultos"},
            "category": "artesania", "municipality": "Vila Real de Santo António",
            "tags": ["taller", "niños"], "price": 12.5, "seller": "Barro Vivo"}),
        ),
        doc(
            "l4",
            json!({
            "title": {"es": "Comida casera para eventos"},
            "description": {"es": "Menús de cocina tradicional"},
            "category": QUOTED_CATEGORY, "municipality": "La Palma del Condado",
            "price": 25, "seller": "La Abuela"}),
        ),
        doc(
            "l5",
            json!({
            "title": {"es": "Reparación de bicicletas"},
            "description": {"es": "Taller de bicicletas en Palos de la Frontera"},
            "category": "reparaciones", "municipality": "Palos de la Frontera",
            "tags": ["taller"], "price": 18, "seller": "Bici Palos"}),
        ),
        doc(
            "l6",
            json!({
            "title": {"pt": "Reparação de computadores"},
            "description": {"pt": "Assistência técnica em Loulé"},
            "category": "reparaciones", "municipality": "Loulé",
            "price": 45, "seller": "Tec Loulé"}),
        ),
    ]
}

/// The target with the catalogue indexed.
pub(super) async fn with_catalogue(t: &Target) {
    t.engine
        .upsert(&t.index, catalogue())
        .await
        .expect("upsert catalogue");
}

pub(super) fn query(q: &str) -> SearchRequest {
    SearchRequest::query(q, 20)
}

pub(super) async fn search(t: &Target, request: &SearchRequest) -> SearchResults {
    t.engine
        .search(&t.index, &spec(), request)
        .await
        .unwrap_or_else(|e| panic!("search {request:?}: {e}"))
}

/// The ids of the hits, in rank order.
pub(super) fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|hit| hit.id.as_str()).collect()
}

/// The ids of the hits, sorted (for checks that do not depend on rank).
pub(super) fn id_set(results: &SearchResults) -> Vec<&str> {
    let mut ids = ids(results);
    ids.sort_unstable();
    ids
}

/// The ids found for `q`, sorted.
pub(super) async fn found(t: &Target, q: &str) -> Vec<String> {
    let results = search(t, &query(q)).await;
    id_set(&results).into_iter().map(String::from).collect()
}
