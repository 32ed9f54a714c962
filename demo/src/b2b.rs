//! The businesses' 96 B2B relationships (with each other and with outside organisations,
//! many across the border) and their job postings.

use serde_json::json;
use std::collections::BTreeSet;

use super::business::Biz;
use super::clock::{on, Moment, DAY, HOUR, LAST_ACTIVITY};
use super::dice::Dice;
use super::figures::B2B_RELATIONSHIPS;
use super::people::Person;
use super::places::code;
use super::plan::{Plan, Stage};
use super::{Ids, PlanError};

/// Job postings per cohort.
const POSTINGS: usize = 50;

/// Outside customers, suppliers and partners: (name, country code).
const OUTSIDE: &[(&str, &str)] = &[
    ("Distribuciones Onubenses, S.L.", "ES"),
    ("Hoteles del Condado, S.L.", "ES"),
    ("Frutas de Lepe, S.C.A.", "ES"),
    ("Imprenta Colombina", "ES"),
    ("Mercado de Abastos de Huelva", "ES"),
    ("Transportes Guadiana, Lda.", "PT"),
    ("Cortiça do Sul, Lda.", "PT"),
    ("Mercado Municipal de Olhão", "PT"),
    ("Turismo Ria Formosa, Lda.", "PT"),
    ("Atelier Lisboa Criativa", "PT"),
    ("Épicerie Ibérique SARL", "FR"),
    ("Berlin Feinkost GmbH", "DE"),
    ("Iberia Imports Ltd", "GB"),
    ("Coopérative Artisanale de Fès", "MA"),
];

/// Plans exactly [`B2B_RELATIONSHIPS`] relationships.
pub(crate) fn plan(
    plan: &mut Plan,
    dice: &mut Dice,
    people: &[Person],
    businesses: &[Biz],
) -> Result<(), PlanError> {
    // Each formed relationship once: (business, counterpart, kind); platform pairs unordered.
    let mut formed: BTreeSet<(usize, String, &str)> = BTreeSet::new();
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut attempts = 0;
    while formed.len() < B2B_RELATIONSHIPS {
        attempts += 1;
        if attempts > 100 * B2B_RELATIONSHIPS {
            return Err(PlanError("cannot draw the B2B relationships".into()));
        }
        let b = dice.below(businesses.len());
        let biz = &businesses[b];
        let kind = *dice.pick(&["customer", "supplier", "partner"]);
        let (counterpart, country, since) = if dice.chance(0.35) {
            let c = dice.below(businesses.len());
            let pair = (b.min(c), b.max(c));
            if c == b || pairs.contains(&pair) {
                continue;
            }
            pairs.insert(pair);
            let other = &businesses[c];
            (
                json!({"type": "platform_business", "business_id": other.id}),
                code(other.country),
                biz.founded.max(other.founded),
            )
        } else {
            let (name, country) = *dice.pick(OUTSIDE);
            (
                json!({"type": "outside_organisation", "name": name, "country": country}),
                country,
                biz.founded,
            )
        };
        if !formed.insert((b, counterpart.to_string(), kind)) {
            continue;
        }
        let at = on(dice.between(since, LAST_ACTIVITY), 13, 0);
        plan.push(
            Stage::Dependents,
            &biz.id,
            at,
            biz.manager(people, dice),
            &biz.id,
            json!({
                "type": "FormB2BRelationship", "counterpart": counterpart, "kind": kind,
                "cross_border": country != code(biz.country),
            }),
        );
    }
    Ok(())
}

/// Plans job postings with their applications; most are filled, some closed, a few open.
pub(crate) fn postings(
    plan: &mut Plan,
    ids: &Ids,
    dice: &mut Dice,
    people: &[Person],
    businesses: &[Biz],
) {
    for n in 1..=POSTINGS {
        let id = ids.job_posting(n);
        let biz = dice.pick(businesses);
        // At 09:00, or an hour after the business was created on its founding day.
        let posted: Moment =
            on(dice.between(biz.founded, LAST_ACTIVITY - 30), 9, 0).max(biz.created() + HOUR);
        let (title, description) = if biz.portuguese {
            (
                "Assistente de loja online",
                "Procuramos alguém para gerir encomendas e redes sociais.",
            )
        } else {
            (
                "Ayudante de tienda online",
                "Buscamos a alguien para gestionar pedidos y redes sociales.",
            )
        };
        plan.push(Stage::Dependents, &id, posted, biz.manager(people, dice), &id, json!({
            "type": "PostJob", "business_id": biz.id, "title": title, "description": description,
            "employment": *dice.pick(&["full_time", "part_time", "temporary", "internship"]),
        }));
        let pool: Vec<&Person> = people
            .iter()
            .filter(|p| p.registered + HOUR < posted)
            .collect();
        let mut applicants: Vec<&Person> = Vec::new();
        for _ in 0..1 + dice.below(5) {
            let Some(p) = pool.get(dice.below(pool.len())).copied() else {
                break;
            };
            if applicants.iter().any(|a| a.id == p.id)
                || biz.founders.iter().any(|f| people[*f].id == p.id)
            {
                continue;
            }
            let at = posted + dice.between(1, 14) * DAY;
            plan.push(
                Stage::Dependents,
                &id,
                at,
                p.acting(),
                &id,
                json!({"type": "ApplyToJob", "participant_id": p.id}),
            );
            applicants.push(p);
        }
        let decided = posted + 20 * DAY;
        match (dice.below(100), applicants.first()) {
            (0..=59, Some(hired)) => plan.push(
                Stage::Dependents,
                &id,
                decided,
                biz.manager(people, dice),
                &id,
                json!({
                    "type": "FillJob", "participant_id": hired.id,
                }),
            ),
            (60..=84, _) => plan.push(
                Stage::Dependents,
                &id,
                decided,
                biz.manager(people, dice),
                &id,
                json!({"type": "CloseJobPosting"}),
            ),
            _ => {}
        }
    }
}
