//! Mentors (30 available, 2 more who retired) and mentorships from request to closure. Each
//! mentor takes at most as many mentees as their capacity over the whole programme, so a slot
//! is always free when they accept.

use ruta_domain::values::Topic;
use serde_json::{json, Value};

use super::clock::{date_of, day, on, Moment, DAY, HOUR, LAST_ACTIVITY};
use super::dice::Dice;
use super::figures::{ACTIVE_MENTORS, RETIRED_MENTORS};
use super::names;
use super::people::Person;
use super::plan::{Plan, Stage, Who};
use super::Ids;

const AREAS: &[Topic] = &[
    Topic::ECommerce,
    Topic::Marketing,
    Topic::Financing,
    Topic::Management,
    Topic::Legal,
    Topic::Informatics,
    Topic::Tourism,
    Topic::Negotiations,
    Topic::HumanResources,
];

const NEEDS: &[&str] = &[
    "Quiero abrir una tienda online y no sé por dónde empezar",
    "Necesito ayuda con el plan de negocio",
    "Preciso de ajuda para vender no outro lado da fronteira",
    "Busco orientación para pedir financiación",
    "Quero melhorar a presença do meu negócio nas redes sociais",
    "Tengo dudas sobre los trámites como extranjero",
    "Necessito de organizar as finanças do negócio",
];

const SESSION_TOPICS: &[&str] = &[
    "plan de negocio",
    "precios",
    "tienda online",
    "redes sociales",
    "financiación",
    "trámites",
    "clientes en Portugal",
    "clientes em Espanha",
];

/// Registers the mentors (retiring two of them) and plans their mentorships.
pub(crate) fn plan(plan: &mut Plan, ids: &Ids, dice: &mut Dice, people: &[Person]) {
    let staff = Who::staff("staff-mita");
    let mut serial = 0;
    for m in 1..=ACTIVE_MENTORS + RETIRED_MENTORS {
        let id = ids.mentor(m);
        let portuguese = m % 3 == 0;
        let capacity = dice.between(8, 15);
        let areas = dice.some(AREAS, 1, 3);
        let languages = if portuguese {
            json!(["pt", "es"])
        } else {
            json!(["es", "en"])
        };
        let name = names::professional(dice, portuguese);
        let registered = on(day(2013, 2, 4) + dice.between(0, 300), 10, 0);
        plan.push(
            Stage::Directory,
            &id,
            registered,
            staff.clone(),
            &id,
            json!({
                "type": "RegisterMentor", "name": name, "areas_of_expertise": areas,
                "languages": languages, "capacity": capacity,
                "bio": format!("{name}: empresario/a y mentor/a voluntario/a de Ruta CECE."),
            }),
        );
        if m > ACTIVE_MENTORS {
            let retired = registered + dice.between(200, 400) * DAY;
            plan.push(
                Stage::Directory,
                &id,
                retired,
                staff.clone(),
                &id,
                json!({"type": "RetireMentor"}),
            );
            continue;
        }
        let count = dice.between(5, capacity);
        for _ in 0..count {
            serial += 1;
            mentorship(plan, dice, &id, &ids.mentorship(serial), people, registered);
        }
    }
}

fn mentorship(
    plan: &mut Plan,
    dice: &mut Dice,
    mentor: &str,
    id: &str,
    people: &[Person],
    mentor_since: Moment,
) {
    let latest_request = on(LAST_ACTIVITY - 100, 0, 0);
    let requested = dice.between(mentor_since + DAY, latest_request);
    let candidates: Vec<&Person> = people
        .iter()
        .filter(|p| p.registered + DAY < requested)
        .collect();
    let Some(p) = candidates.get(dice.below(candidates.len())).copied() else {
        return;
    };
    let lane = mentor.to_owned();
    // Every step goes in the mentor's lane, so their mentorships keep their order.
    let in_lane = |plan: &mut Plan, at: Moment, who: Who, command: Value| {
        plan.push(Stage::Interactions, &lane, at, who, id, command);
    };
    let who = p.acting_or_desk(dice, 0.7);
    in_lane(
        plan,
        requested,
        who,
        json!({
            "type": "RequestMentorship", "participant_id": p.id, "mentor_id": mentor,
            "needs": *dice.pick(NEEDS),
        }),
    );
    let mut at = requested + dice.between(1, 5) * DAY;
    let me = Who::mentor(mentor);
    if dice.chance(0.12) {
        in_lane(
            plan,
            at,
            me,
            json!({
                "type": "DeclineMentorship", "reason": "sin disponibilidad en estas fechas",
            }),
        );
        return;
    }
    in_lane(plan, at, me.clone(), json!({"type": "AcceptMentorship"}));
    at += HOUR;
    let goals = 1 + dice.below(2);
    for g in 1..=goals {
        in_lane(
            plan,
            at,
            p.acting(),
            json!({
                "type": "SetMentoringGoal", "goal_id": format!("g{g}"),
                "description": *dice.pick(&["Publicar la tienda online", "Conseguir los primeros clientes", "Preparar a candidatura a financiamento", "Registar a empresa"]),
            }),
        );
    }
    let mut achieved = 0;
    for _ in 0..1 + dice.below(4) {
        at += dice.between(7, 20) * DAY;
        in_lane(
            plan,
            at,
            me.clone(),
            json!({
                "type": "LogMentoringSession", "date": date_of(at),
                "minutes": *dice.pick(&[30, 45, 60, 60, 90]),
                "topics": dice.some(SESSION_TOPICS, 1, 2),
            }),
        );
        if achieved < goals && dice.chance(0.4) {
            achieved += 1;
            in_lane(
                plan,
                at + HOUR,
                me.clone(),
                json!({
                    "type": "AchieveMentoringGoal", "goal_id": format!("g{achieved}"),
                }),
            );
        }
    }
    if dice.chance(0.1) {
        return; // still open when the programme closed its books
    }
    let outcome = match (achieved, goals) {
        (a, g) if a == g => "goals_achieved",
        (0, _) if dice.chance(0.3) => "discontinued",
        (0, _) => "not_achieved",
        _ => "partially_achieved",
    };
    let closer = if dice.chance(0.5) { me } else { p.acting() };
    in_lane(
        plan,
        at + 2 * DAY,
        closer,
        json!({
            "type": "CloseMentorship", "outcome": outcome,
        }),
    );
}
