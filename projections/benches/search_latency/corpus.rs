//! A deterministic synthetic catalogue: listings of the programme's trades in the
//! municipalities of Huelva and the Algarve, titled in Spanish, Portuguese and English, and the
//! queries people would type at it (with typos, filters and facets).

use ruta_projections::search::{CollectionSpec, FieldKind, Filter, SearchDocument, SearchRequest};
use serde_json::{json, Map, Value};

use crate::vocabulary::{FILLER_EN, FILLER_ES, FILLER_PT, PORTUGAL, SPAIN, TRADES};

/// SplitMix64: tiny, fast and the same on every machine.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

pub(crate) fn listings_spec() -> CollectionSpec {
    CollectionSpec::new(
        "listings",
        &[
            ("title", FieldKind::Text),
            ("description", FieldKind::Text),
            ("kind", FieldKind::Keyword),
            ("category", FieldKind::Keyword),
            ("municipality", FieldKind::Keyword),
            ("country", FieldKind::Keyword),
            ("languages", FieldKind::Keyword),
            ("price", FieldKind::Number),
            ("seller", FieldKind::Stored),
        ],
    )
}

fn sentence(rng: &mut Rng, words: &[&str; 6], filler: &[&str; 8], len: usize) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(len);
    for i in 0..len {
        out.push(if i % 3 == 2 {
            *rng.pick(filler)
        } else {
            *rng.pick(words)
        });
    }
    out.join(" ")
}

/// Listing number `n`: a trade, a place, a title and description in the place's language
/// (and in English for a third of them), a price from 5 to 500.
pub(crate) fn listing(rng: &mut Rng, n: usize) -> SearchDocument {
    let (category, es, pt, en) = rng.pick(&TRADES);
    let spanish = rng.chance(50);
    let municipality = if spanish {
        *rng.pick(&SPAIN)
    } else {
        *rng.pick(&PORTUGAL)
    };
    let (local, words, filler, preposition) = if spanish {
        ("es", es, &FILLER_ES, "en")
    } else {
        ("pt", pt, &FILLER_PT, "em")
    };
    let mut title = Map::new();
    let mut description = Map::new();
    let head = sentence(rng, words, filler, 3);
    title.insert(
        local.into(),
        json!(format!("{head} {preposition} {municipality}")),
    );
    let len = 8 + rng.below(8);
    description.insert(local.into(), json!(sentence(rng, words, filler, len)));
    let mut languages = vec![local];
    if rng.chance(33) {
        title.insert("en".into(), json!(sentence(rng, en, &FILLER_EN, 4)));
        description.insert("en".into(), json!(sentence(rng, en, &FILLER_EN, len)));
        languages.push("en");
    }
    let cents = 500 + rng.below(49_500);
    let fields = json!({
        "title": title, "description": description,
        "kind": if rng.chance(60) { "service" } else { "product" },
        "category": category, "municipality": municipality,
        "country": if spanish { "ES" } else { "PT" },
        "languages": languages, "price": cents as f64 / 100.0,
        "seller": format!("Negocio {n}"),
    });
    let Value::Object(fields) = fields else {
        unreachable!("a json object")
    };
    SearchDocument {
        id: format!("listing-{n:07}"),
        fields,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryClass {
    Plain,
    Typo,
    Filtered,
    Faceted,
}

impl QueryClass {
    pub(crate) const ALL: [QueryClass; 4] = [
        QueryClass::Plain,
        QueryClass::Typo,
        QueryClass::Filtered,
        QueryClass::Faceted,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            QueryClass::Plain => "plain words",
            QueryClass::Typo => "typo'd word",
            QueryClass::Filtered => "words + filters",
            QueryClass::Faceted => "facets (+filter)",
        }
    }
}

pub(crate) struct Query {
    pub class: QueryClass,
    pub request: SearchRequest,
}

/// A trade and one of its vocabularies: queries stay on one topic in one language, as people's do.
fn topic(rng: &mut Rng) -> (&'static str, &'static [&'static str; 6]) {
    let (category, es, pt, en) = rng.pick(&TRADES);
    let words = match rng.below(3) {
        0 => es,
        1 => pt,
        _ => en,
    };
    (category, words)
}

/// One edit that is not on the first letter: a substitution, a swap or a deletion.
fn misspell(rng: &mut Rng, word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = 1 + rng.below(chars.len() - 2);
    match rng.below(3) {
        0 => chars[at] = *rng.pick(&['a', 'e', 'i', 'o', 'r', 's', 'v', 'b']),
        1 => chars.swap(at, at + 1),
        _ => {
            chars.remove(at);
        }
    }
    chars.into_iter().collect()
}

impl Query {
    pub(crate) fn random(rng: &mut Rng) -> Query {
        let class = *rng.pick(&QueryClass::ALL);
        let (category, words) = topic(rng);
        let any_word = |rng: &mut Rng| -> &'static str { rng.pick::<&'static str>(words) };
        let mut request = SearchRequest::query("", 20);
        match class {
            QueryClass::Plain => {
                request.q = if rng.chance(50) {
                    any_word(rng).to_string()
                } else {
                    format!("{} {}", any_word(rng), any_word(rng))
                };
            }
            QueryClass::Typo => {
                let word = loop {
                    let word = any_word(rng);
                    if word.chars().count() >= 5 {
                        break word;
                    }
                };
                request.q = misspell(rng, word);
            }
            QueryClass::Filtered => {
                request.q = any_word(rng).to_string();
                request.filters = filters(rng, category);
            }
            QueryClass::Faceted => {
                if rng.chance(50) {
                    request.q = any_word(rng).to_string();
                }
                if rng.chance(50) {
                    request.filters = filters(rng, category);
                }
                request.facets = vec!["category".into(), "municipality".into(), "country".into()];
            }
        }
        if rng.chance(20) {
            request.page = 2;
        }
        Query { class, request }
    }
}

/// Mostly the topic's own category (people filter what they search), sometimes another too.
fn filters(rng: &mut Rng, category: &str) -> Vec<Filter> {
    let mut filters = Vec::new();
    if rng.chance(60) {
        let mut values = vec![category.to_string()];
        if rng.chance(30) {
            values.push(rng.pick(&TRADES).0.to_string());
        }
        filters.push(Filter::AnyOf {
            field: "category".into(),
            values,
        });
    }
    if rng.chance(50) {
        let place = if rng.chance(50) {
            rng.pick(&SPAIN)
        } else {
            rng.pick(&PORTUGAL)
        };
        filters.push(Filter::AnyOf {
            field: "municipality".into(),
            values: vec![place.to_string()],
        });
    }
    if filters.is_empty() || rng.chance(50) {
        let min = (rng.below(200)) as f64;
        let max = if rng.chance(50) {
            Some(min + 50.0 + rng.below(300) as f64)
        } else {
            None
        };
        filters.push(Filter::Range {
            field: "price".into(),
            min: Some(min),
            max,
        });
    }
    filters
}
