//! Financing journeys: Mita and UATAE walk entrepreneurs from the needs assessment to a bank
//! or a crowdfunding platform; some are approved and funded, some rejected, some still under
//! way. A third are for a business the applicant founded.

use serde_json::{json, Value};

use super::business::Biz;
use super::clock::{on, Moment, DAY, LAST_ACTIVITY};
use super::dice::Dice;
use super::people::Person;
use super::plan::{Plan, Stage, Who};
use super::Ids;

/// Applications per cohort by participants, and by founders for their business.
const PERSONAL: usize = 60;
const FOR_BUSINESSES: usize = 30;

const CROWDFUNDING: &[&str] = &["Verkami", "Goteo", "Lánzanos", "PPL Crowdfunding Portugal"];
const BANKS: &[&str] = &[
    "Caja Rural del Sur",
    "Cajamar",
    "MicroBank",
    "Caixa Geral de Depósitos",
    "Millennium bcp",
    "Crédito Agrícola",
];

/// Plans the applications; business ones go after the businesses exist.
pub(crate) fn plan(
    plan: &mut Plan,
    ids: &Ids,
    dice: &mut Dice,
    people: &[Person],
    businesses: &[Biz],
) {
    for n in 1..=PERSONAL + FOR_BUSINESSES {
        let id = ids.financing(n);
        let (applicant, business, stage, from) = if n <= PERSONAL {
            let p = &people[dice.below(people.len())];
            (p, None, Stage::Interactions, p.registered + 10 * DAY)
        } else {
            let biz = dice.pick(businesses);
            let p = &people[biz.founders[0]];
            (
                p,
                Some(biz.id.as_str()),
                Stage::Dependents,
                on(biz.founded, 12, 0),
            )
        };
        let latest = on(LAST_ACTIVITY, 0, 0) - 130 * DAY;
        if from >= latest {
            continue;
        }
        let opened = dice.between(from, latest);
        application(plan, dice, &id, applicant, business, stage, opened);
    }
}

fn application(
    plan: &mut Plan,
    dice: &mut Dice,
    id: &str,
    p: &Person,
    business: Option<&str>,
    stage: Stage,
    opened: Moment,
) {
    let amount = dice.between(30, 600) * 100;
    let mut open = json!({
        "type": "OpenFinancingApplication", "participant_id": p.id,
        "purpose": *dice.pick(&["Equipamiento y stock inicial", "Local y reforma", "Tienda online y campaña de lanzamiento", "Equipamento e stock inicial"]),
        "amount_sought": amount.to_string(),
    });
    if let Some(business) = business {
        open["business_id"] = json!(business);
    }
    let who = p.acting_or_desk(dice, 0.5);
    plan.push(stage, id, opened, who, id, open);
    let partner = if dice.chance(0.5) {
        "Mita ONG"
    } else {
        "UATAE"
    };
    let staff = Who::staff(if partner == "Mita ONG" {
        "staff-mita"
    } else {
        "staff-uatae"
    });
    let crowdfunding = dice.chance(0.4);
    let channel_name = if crowdfunding {
        *dice.pick(CROWDFUNDING)
    } else {
        *dice.pick(BANKS)
    };
    let steps = [
        json!({"type": "AssessFinancingNeeds", "summary": "Necesidades de inversión revisadas con el emprendedor"}),
        json!({"type": "RecommendFinancingChannel", "channel": if crowdfunding { "crowdfunding" } else { "bank" }, "name": channel_name}),
        json!({"type": "CertifyFinancingProject", "partner_organisation": partner}),
        json!({"type": "SubmitFinancingRequest", "to": channel_name}),
    ];
    // From here on every step is the partner's staff acting on this application, in its lane.
    let by_staff = |plan: &mut Plan, at: Moment, command: Value| {
        plan.push(stage, id, at, staff.clone(), id, command);
    };
    // How far it got: 0–3 steps done means still under way.
    let reached = *dice.weighted(&[(1usize, 5), (2, 5), (3, 5), (4, 85)]);
    let mut at = opened;
    for step in steps.into_iter().take(reached) {
        at += dice.between(3, 15) * DAY;
        by_staff(plan, at, step);
    }
    if reached < 4 {
        return;
    }
    at += dice.between(5, 20) * DAY;
    if dice.chance(0.35) {
        by_staff(
            plan,
            at,
            json!({
                "type": "RejectFinancing", "reason": "El plan de viabilidad no convenció a la entidad",
            }),
        );
        at += dice.between(3, 10) * DAY;
        by_staff(
            plan,
            at,
            json!({
                "type": "RecordFinancingFollowUp", "note": "Se le propone reforzar el plan y volver a intentarlo",
            }),
        );
        return;
    }
    let approved = amount * dice.between(60, 100) / 100;
    by_staff(
        plan,
        at,
        json!({"type": "ApproveFinancing", "amount": approved.to_string()}),
    );
    if dice.chance(0.1) {
        return; // funds not received yet
    }
    let first = if dice.chance(0.3) {
        approved / 2
    } else {
        approved
    };
    at += dice.between(5, 15) * DAY;
    by_staff(
        plan,
        at,
        json!({"type": "RecordFundsReceived", "amount": first.to_string()}),
    );
    if first < approved {
        at += dice.between(5, 10) * DAY;
        by_staff(
            plan,
            at,
            json!({"type": "RecordFundsReceived", "amount": (approved - first).to_string()}),
        );
    }
    at += dice.between(5, 10) * DAY;
    by_staff(
        plan,
        at,
        json!({
            "type": "RecordFinancingFollowUp", "note": "Seguimiento: la inversión se ha realizado según el plan",
        }),
    );
}
