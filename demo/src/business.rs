//! The 69 businesses created by participants (most after a certificate), the 300 jobs they
//! recorded (140 direct, 160 indirect) and the few that restructured. None closed.

use ruta_domain::values::ProgrammeCountry;
use serde_json::json;

use super::clock::{date, day, day_of, on, Moment, LAST_ACTIVITY};
use super::dice::Dice;
use super::figures::{BUSINESSES, DIRECT_JOBS, INDIRECT_JOBS};
use super::people::Person;
use super::plan::{Plan, Stage, Who};
use super::{Ids, PlanError};

/// A business as the later stages need it.
#[derive(Debug, Clone)]
pub(crate) struct Biz {
    pub id: String,
    /// Indices of the founders among the participants.
    pub founders: Vec<usize>,
    pub founded: i64,
    pub country: ProgrammeCountry,
    pub portuguese: bool,
}

impl Biz {
    /// The founder acting, or the partner desk for businesses with several founders.
    pub(crate) fn manager(&self, people: &[Person], dice: &mut Dice) -> Who {
        let first = &people[self.founders[0]];
        if self.founders.len() == 1 && dice.chance(0.6) {
            first.acting()
        } else {
            first.desk()
        }
    }

    /// When the business is created: 10:00 on its founding day. Nothing for the business may
    /// be dated before (rule `occurred_before_prerequisite`).
    pub(crate) fn created(&self) -> Moment {
        on(self.founded, 10, 0)
    }
}

/// (sector in Spanish, in Portuguese, Spanish name stem, Portuguese name stem).
const SECTORS: &[(&str, &str, &str, &str)] = &[
    (
        "comercio electrónico",
        "comércio eletrónico",
        "Tienda",
        "Loja",
    ),
    ("artesanía", "artesanato", "Artesanía", "Artesanato"),
    ("alimentación", "alimentação", "Sabores", "Sabores"),
    ("turismo", "turismo", "Rutas", "Rotas"),
    (
        "servicios profesionales",
        "serviços profissionais",
        "Asesores",
        "Consultores",
    ),
    ("moda y arreglos", "moda e arranjos", "Arreglos", "Arranjos"),
    ("informática", "informática", "Digital", "Digital"),
    ("cuidados", "cuidados", "Cuidados", "Cuidados"),
    (
        "agricultura ecológica",
        "agricultura biológica",
        "Huerta",
        "Horta",
    ),
];

const PLACES_ES: &[&str] = &[
    "del Condado",
    "de Lepe",
    "de Palos",
    "de Huelva",
    "del Guadiana",
    "Atlántico",
];
const PLACES_PT: &[&str] = &[
    "do Algarve",
    "de Faro",
    "da Ria Formosa",
    "do Guadiana",
    "Atlântico",
    "do Sul",
];

/// Plans the businesses with their jobs and restructurings.
pub(crate) fn plan(
    plan: &mut Plan,
    ids: &Ids,
    dice: &mut Dice,
    people: &[Person],
    certificates: &[Option<Moment>],
) -> Result<Vec<Biz>, PlanError> {
    let certified: Vec<usize> = (0..people.len())
        .filter(|i| certificates[*i].is_some_and(|c| day_of(c) <= day(2015, 9, 1)))
        .collect();
    let others: Vec<usize> = (0..people.len())
        .filter(|i| certificates[*i].is_none() && day_of(people[*i].registered) <= day(2015, 8, 1))
        .collect();
    let mut founders = dice.sample(&certified, 50);
    founders.extend(dice.sample(&others, BUSINESSES - founders.len()));
    if founders.len() != BUSINESSES {
        return Err(PlanError(
            "too few participants to found the businesses".into(),
        ));
    }
    let mut businesses = Vec::with_capacity(BUSINESSES);
    for (n, &founder) in founders.iter().enumerate() {
        let p = &people[founder];
        let since = certificates[founder].unwrap_or(p.registered);
        let founded = (day_of(since) + dice.between(10, 200)).min(day(2015, 10, 15));
        let mut team = vec![founder];
        if dice.chance(0.15) {
            let partner = dice.below(people.len());
            let free = !founders.contains(&partner) && day_of(people[partner].registered) < founded;
            if free {
                team.push(partner);
            }
        }
        let biz = Biz {
            id: ids.business(n + 1),
            founders: team,
            founded,
            country: p.home.country,
            portuguese: p.portuguese(),
        };
        create(plan, dice, people, &biz);
        businesses.push(biz);
    }
    jobs(plan, dice, people, &businesses)?;
    for biz in dice.sample(&businesses, 8) {
        restructure(plan, dice, people, &biz);
    }
    Ok(businesses)
}

fn create(plan: &mut Plan, dice: &mut Dice, people: &[Person], biz: &Biz) {
    let (sector_es, sector_pt, stem_es, stem_pt) = *dice.pick(SECTORS);
    let legal_form = *dice.weighted(&[
        ("self_employed", 40),
        ("sole_trader", 20),
        ("limited_company", 30),
        ("cooperative", 10),
    ]);
    let (sector, mut name) = if biz.portuguese {
        (sector_pt, format!("{stem_pt} {}", dice.pick(PLACES_PT)))
    } else {
        (sector_es, format!("{stem_es} {}", dice.pick(PLACES_ES)))
    };
    match (legal_form, biz.portuguese) {
        ("limited_company", false) => name.push_str(" S.L."),
        ("limited_company", true) => name.push_str(", Lda."),
        ("cooperative", false) => name.push_str(" S. Coop."),
        ("cooperative", true) => name.push_str(", CRL"),
        _ => {}
    }
    let founder_ids: Vec<&str> = biz
        .founders
        .iter()
        .map(|i| people[*i].id.as_str())
        .collect();
    let home = &people[biz.founders[0]].home;
    plan.push(
        Stage::Interactions,
        &biz.id,
        biz.created(),
        biz.manager(people, dice),
        &biz.id,
        json!({
            "type": "CreateBusiness", "founder_ids": founder_ids, "name": name, "sector": sector,
            "legal_form": legal_form, "country": biz.country, "municipality": home.name,
            "founded_on": date(biz.founded), "ecommerce": dice.chance(0.8),
        }),
    );
}

/// Job recordings over the businesses, adding up to the seed's direct and indirect jobs.
fn jobs(
    plan: &mut Plan,
    dice: &mut Dice,
    people: &[Person],
    businesses: &[Biz],
) -> Result<(), PlanError> {
    let mut recordings: Vec<(usize, i64)> = Vec::new();
    for (b, biz) in businesses.iter().enumerate() {
        let count = *dice.weighted(&[(1usize, 50), (2, 35), (3, 15)]);
        for _ in 0..count {
            recordings.push((b, dice.between(biz.founded, LAST_ACTIVITY)));
        }
    }
    let short = || PlanError("cannot split the jobs over the recordings".into());
    // Every recording names at least one indirect job, so none is empty.
    let indirect = dice
        .split(INDIRECT_JOBS, 1, &vec![8; recordings.len()])
        .ok_or_else(short)?;
    let direct = dice
        .split(DIRECT_JOBS, 0, &vec![6; recordings.len()])
        .ok_or_else(short)?;
    for (k, (b, on_day)) in recordings.into_iter().enumerate() {
        let biz = &businesses[b];
        plan.push(Stage::Interactions, &biz.id, on(on_day, 12, 0), biz.manager(people, dice), &biz.id, json!({
            "type": "RecordJobs", "direct": direct[k], "indirect": indirect[k], "on": date(on_day),
        }));
    }
    Ok(())
}

fn restructure(plan: &mut Plan, dice: &mut Dice, people: &[Person], biz: &Biz) {
    let at = dice.between(biz.founded + 1, LAST_ACTIVITY);
    let note = if biz.portuguese {
        "Nova versão da empresa: passa a sociedade para crescer e contratar"
    } else {
        "Nueva versión de la empresa: pasa a sociedad para crecer y contratar"
    };
    plan.push(
        Stage::Interactions,
        &biz.id,
        on(at, 16, 0),
        biz.manager(people, dice),
        &biz.id,
        json!({
            "type": "RestructureBusiness", "legal_form": "limited_company", "note": note,
        }),
    );
}
