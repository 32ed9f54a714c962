//! Expert advice: 40 expert service providers, 80 B2B advice groups where members ask and
//! experts answer, and individual advice requests answered by an expert in the area.

use ruta_domain::values::AreaOfSupport;
use serde_json::json;

use super::clock::{day, on, Moment, DAY, HOUR, LAST_ACTIVITY};
use super::dice::Dice;
use super::figures::{ADVICE_GROUPS, EXPERTS};
use super::names;
use super::people::Person;
use super::plan::{Plan, Stage, Who};
use super::Ids;

/// Individual advice requests per cohort.
const REQUESTS: usize = 120;

/// The seed: legal and regulatory advice stood out; then tax, marketing, internet, web 2.0,
/// social networking and cross-border issues.
const AREAS: &[(AreaOfSupport, u32)] = &[
    (AreaOfSupport::Legal, 30),
    (AreaOfSupport::Tax, 20),
    (AreaOfSupport::Marketing, 12),
    (AreaOfSupport::Internet, 10),
    (AreaOfSupport::Web20, 8),
    (AreaOfSupport::SocialNetworking, 8),
    (AreaOfSupport::CrossBorder, 12),
];

const FIRMS: &[&str] = &[
    "Mita ONG",
    "UATAE",
    "CEAL",
    "Gestoría Condado Asesores",
    "Bufete Jurídico Onubense",
    "Algarve Consultores, Lda.",
    "Cámara de Comercio de Huelva",
    "Contabilidade Ria Formosa, Lda.",
];

const QUESTIONS: &[&str] = &[
    "¿Qué forma jurídica me conviene para vender online?",
    "¿Tengo que cobrar IVA a clientes de Portugal?",
    "Posso faturar a clientes em Espanha sem ter empresa lá?",
    "¿Qué permisos necesito como extranjero para darme de alta como autónomo?",
    "Como devo tratar os dados pessoais dos meus clientes?",
    "¿Cómo anuncio mi tienda en redes sociales sin gastar mucho?",
    "Que obrigações fiscais tem um trabalhador independente?",
];

/// One of the experts and the areas they answer in.
struct Expert {
    id: String,
    areas: Vec<AreaOfSupport>,
}

/// Plans experts, advice groups and advice requests.
pub(crate) fn plan(plan: &mut Plan, ids: &Ids, dice: &mut Dice, people: &[Person]) {
    let staff = Who::staff("staff-uatae");
    let experts: Vec<Expert> = (1..=EXPERTS)
        .map(|n| {
            let id = ids.expert(n);
            let count = 1 + dice.below(3);
            let mut areas: Vec<AreaOfSupport> = Vec::new();
            while areas.len() < count {
                let area = *dice.weighted(AREAS);
                if !areas.contains(&area) {
                    areas.push(area);
                }
            }
            let at = on(day(2013, 2, 11) + dice.between(0, 45), 10, 0);
            plan.push(
                Stage::Directory,
                &id,
                at,
                staff.clone(),
                &id,
                json!({
                    "type": "RegisterExpert", "name": names::professional(dice, n % 3 == 0),
                    "organisation": *dice.pick(FIRMS), "areas": areas,
                }),
            );
            Expert { id, areas }
        })
        .collect();
    for g in 1..=ADVICE_GROUPS {
        group(plan, dice, &ids.advice_group(g), people, &experts);
    }
    for r in 1..=REQUESTS {
        request(plan, dice, &ids.advice_request(r), people, &experts);
    }
}

fn registered_before(people: &[Person], at: Moment) -> Vec<&Person> {
    people.iter().filter(|p| p.registered + HOUR < at).collect()
}

fn group(plan: &mut Plan, dice: &mut Dice, id: &str, people: &[Person], experts: &[Expert]) {
    let area = *dice.weighted(AREAS);
    let created = on(dice.between(day(2013, 4, 1), day(2015, 9, 1)), 9, 30);
    let label = serde_json::to_value(area)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    plan.push(
        Stage::Directory,
        id,
        created,
        Who::staff("staff-uatae"),
        id,
        json!({
            "type": "CreateAdviceGroup", "area": area,
            "title": format!("Grupo B2B – {}", label.replace('_', " ")),
            "topic": *dice.pick(QUESTIONS),
        }),
    );
    let mut members: Vec<(&Person, Moment)> = Vec::new();
    for _ in 0..4 + dice.below(9) {
        let joined = created + dice.between(1, 60) * DAY;
        let pool = registered_before(people, joined);
        let Some(p) = pool.get(dice.below(pool.len())).copied() else {
            continue;
        };
        if members.iter().any(|(m, _)| m.id == p.id) {
            continue;
        }
        let who = p.acting_or_desk(dice, 0.6);
        plan.push(
            Stage::Interactions,
            id,
            joined,
            who,
            id,
            json!({"type": "JoinAdviceGroup", "participant_id": p.id}),
        );
        members.push((p, joined));
    }
    let latest = on(LAST_ACTIVITY, 0, 0) - 4 * DAY;
    for q in 1..=1 + dice.below(4) {
        let Some((p, joined)) = members.get(dice.below(members.len())).copied() else {
            return;
        };
        let asked = (joined + dice.between(1, 90) * DAY)
            .min(latest)
            .max(joined + HOUR);
        let question = format!("q{q}");
        plan.push(
            Stage::Interactions,
            id,
            asked,
            p.acting(),
            id,
            json!({
                "type": "AskInAdviceGroup", "question_id": question, "participant_id": p.id,
                "text": *dice.pick(QUESTIONS),
            }),
        );
        let expert = dice.pick(experts);
        plan.push(
            Stage::Interactions,
            id,
            asked + dice.between(1, 3) * DAY,
            Who::expert(&expert.id),
            id,
            json!({
                "type": "AnswerInAdviceGroup", "question_id": question,
                "text": "Depende de tu caso; te explico las opciones y los trámites paso a paso.",
            }),
        );
    }
}

fn request(plan: &mut Plan, dice: &mut Dice, id: &str, people: &[Person], experts: &[Expert]) {
    let asked = on(dice.between(day(2013, 4, 1), LAST_ACTIVITY - 10), 11, 0);
    let pool = registered_before(people, asked);
    let Some(p) = pool.get(dice.below(pool.len())).copied() else {
        return;
    };
    let area = *dice.weighted(AREAS);
    plan.push(Stage::Interactions, id, asked, p.acting(), id, json!({
        "type": "RequestAdvice", "participant_id": p.id, "area": area, "question": *dice.pick(QUESTIONS),
    }));
    let able: Vec<&Expert> = experts.iter().filter(|e| e.areas.contains(&area)).collect();
    let answered = asked + dice.between(1, 4) * DAY;
    if let (true, Some(expert)) = (dice.chance(0.85), able.get(dice.below(able.len()))) {
        plan.push(
            Stage::Interactions,
            id,
            answered,
            Who::expert(&expert.id),
            id,
            json!({
                "type": "AnswerAdviceRequest",
                "text": "Te recomiendo revisar estos pasos; si quieres lo vemos en una sesión.",
            }),
        );
    }
    if dice.chance(0.7) {
        plan.push(
            Stage::Interactions,
            id,
            answered + DAY,
            p.acting(),
            id,
            json!({"type": "CloseAdviceRequest"}),
        );
    }
}
