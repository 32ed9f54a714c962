//! How a [`CollectionSpec`] becomes a tantivy schema, the analysers that schema names, and the
//! [`Layout`] read back from a schema (so an index opened from disk needs no spec to be written to).

use tantivy::schema::{
    Field, FieldType, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
    STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenizerManager,
};

use crate::search::types::{CollectionSpec, FieldKind, LANGUAGES};

/// The document id: indexed whole (deletes by term), a fast field (ties and empty-query order), stored.
pub(super) const ID_FIELD: &str = "_id";
/// The document JSON exactly as upserted, returned verbatim.
pub(super) const SOURCE_FIELD: &str = "_source";
/// The unstemmed, accent-folded copy of every language of a Text field, for the fuzzy clause.
pub(super) const FOLDED_SUFFIX: &str = "folded";
/// Analyser of the folded copies: words, lower case, accents folded — no stemming.
pub(super) const FOLDED_ANALYSER: &str = "ruta_folded";

/// Tokens longer than this are dropped (URLs, hashes): they never match a typed word.
const MAX_TOKEN_LEN: usize = 40;

/// The analyser name of a language's stemmed fields: `ruta_es`, `ruta_pt`, `ruta_en`.
pub(super) fn language_analyser(language: &str) -> String {
    format!("ruta_{language}")
}

/// The name of the tantivy field holding one part of a Text field: `title__es`, `title__folded`.
pub(super) fn text_part(field: &str, part: &str) -> String {
    format!("{field}__{part}")
}

/// The analysers the schema refers to. They are not stored in the index, so every open registers
/// them again. Stemming comes before folding so that the stemmers still see the accents they
/// rely on ("información" and "informacion" stem apart otherwise).
pub(super) fn register_analysers(manager: &TokenizerManager) {
    for language in LANGUAGES {
        manager.register(&language_analyser(language), stemmed(language));
    }
    manager.register(FOLDED_ANALYSER, folded());
}

/// Words, lower case, accents folded: also splits a query into the words it is made of.
pub(super) fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The stemmed analyser of one of [`LANGUAGES`].
pub(super) fn stemmed(language: &str) -> TextAnalyzer {
    let stemmer_language = match language {
        "es" => Language::Spanish,
        "pt" => Language::Portuguese,
        _ => Language::English,
    };
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(Stemmer::new(stemmer_language))
        .filter(AsciiFoldingFilter)
        .build()
}

/// The tantivy schema of a collection (field names already validated).
pub(super) fn build_schema(spec: &CollectionSpec) -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field(ID_FIELD, STRING | FAST | STORED);
    builder.add_text_field(SOURCE_FIELD, STORED);
    for field in &spec.fields {
        match field.kind {
            FieldKind::Text => {
                for language in LANGUAGES {
                    let analysed = analysed_text(&language_analyser(language));
                    builder.add_text_field(&text_part(field.name, language), analysed);
                }
                let folded = analysed_text(FOLDED_ANALYSER);
                builder.add_text_field(&text_part(field.name, FOLDED_SUFFIX), folded);
            }
            FieldKind::Keyword => {
                builder.add_text_field(field.name, STRING | FAST);
            }
            FieldKind::Number => {
                builder.add_f64_field(field.name, INDEXED | FAST);
            }
            FieldKind::Stored => {}
        }
    }
    builder.build()
}

fn analysed_text(analyser: &str) -> TextOptions {
    // Frequencies for BM25; no positions: queries are bags of words, never phrases.
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyser)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// The parts of one Text field.
#[derive(Debug, Clone)]
pub(super) struct TextFields {
    pub name: String,
    /// One stemmed field per entry of [`LANGUAGES`], in that order.
    pub languages: Vec<Field>,
    pub folded: Field,
}

/// The fields of an index, by role, read back from its schema.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub id: Field,
    pub source: Field,
    pub texts: Vec<TextFields>,
    pub keywords: Vec<(String, Field)>,
    pub numbers: Vec<(String, Field)>,
}

impl Layout {
    /// Reads the roles back from the names [`build_schema`] gave; `None` for a schema it did not build.
    pub(super) fn of(schema: &Schema) -> Option<Layout> {
        let mut layout = Layout {
            id: schema.get_field(ID_FIELD).ok()?,
            source: schema.get_field(SOURCE_FIELD).ok()?,
            texts: Vec::new(),
            keywords: Vec::new(),
            numbers: Vec::new(),
        };
        for (field, entry) in schema.fields() {
            let name = entry.name();
            if name.starts_with('_') {
                continue;
            }
            if let Some(base) = name.strip_suffix(&format!("__{FOLDED_SUFFIX}")) {
                let languages = LANGUAGES
                    .iter()
                    .map(|language| schema.get_field(&text_part(base, language)).ok())
                    .collect::<Option<Vec<_>>>()?;
                layout.texts.push(TextFields {
                    name: base.to_string(),
                    languages,
                    folded: field,
                });
            } else if name.contains("__") {
                continue;
            } else if matches!(entry.field_type(), FieldType::F64(_)) {
                layout.numbers.push((name.to_string(), field));
            } else if matches!(entry.field_type(), FieldType::Str(_)) {
                layout.keywords.push((name.to_string(), field));
            }
        }
        Some(layout)
    }

    pub(super) fn keyword(&self, name: &str) -> Option<Field> {
        lookup(&self.keywords, name)
    }

    pub(super) fn number(&self, name: &str) -> Option<Field> {
        lookup(&self.numbers, name)
    }
}

fn lookup(fields: &[(String, Field)], name: &str) -> Option<Field> {
    fields.iter().find(|(n, _)| n == name).map(|(_, f)| *f)
}
