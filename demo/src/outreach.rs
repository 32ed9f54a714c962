//! Outreach campaigns (14,536 people reached across channels), 40 newsletters, news posts and
//! 30 cooperation networks, mainly between Spain and Portugal.

use serde_json::{json, Value};

use super::clock::{date, day, on, DAY};
use super::dice::Dice;
use super::figures::{NETWORKS, NEWSLETTERS, PEOPLE_REACHED};
use super::people::Person;
use super::places::{ORGANISATIONS, PARTNERS};
use super::plan::{Plan, Stage, Who};
use super::{Ids, PlanError};

/// (name, staff, country, first day, last day, channels).
type Campaign = (
    &'static str,
    &'static str,
    Option<&'static str>,
    i64,
    i64,
    &'static [&'static str],
);

const CAMPAIGNS: &[Campaign] = &[
    (
        "Lanzamiento de Ruta CECE",
        "staff-lapalma",
        Some("ES"),
        day(2013, 2, 1),
        day(2013, 6, 30),
        &["posters", "radio", "tv", "partner_websites"],
    ),
    (
        "Puntos de Acceso a Internet",
        "staff-mita",
        Some("ES"),
        day(2013, 4, 1),
        day(2015, 10, 31),
        &["internet_access_points", "posters"],
    ),
    (
        "Ruta CECE en redes sociales",
        "staff-palos",
        None,
        day(2013, 3, 1),
        day(2015, 11, 30),
        &["facebook", "twitter", "youtube"],
    ),
    (
        "Campanha Algarve Empreende",
        "staff-faro",
        Some("PT"),
        day(2013, 9, 1),
        day(2015, 6, 30),
        &[
            "posters",
            "radio",
            "partner_websites",
            "events",
            "internet_access_points",
        ],
    ),
    (
        "Boletín y web de Ruta CECE",
        "staff-lepe",
        None,
        day(2013, 3, 1),
        day(2015, 12, 5),
        &["newsletter", "partner_websites"],
    ),
    (
        "Historias de éxito 2015",
        "staff-uatae",
        Some("ES"),
        day(2015, 2, 1),
        day(2015, 12, 5),
        &["events", "facebook", "youtube", "tv"],
    ),
];

/// The most one reach record may count, by channel.
fn cap(channel: &str) -> u32 {
    match channel {
        "tv" => 1_200,
        "radio" => 800,
        "facebook" | "newsletter" => 600,
        "partner_websites" => 500,
        "youtube" | "internet_access_points" => 400,
        _ => 300,
    }
}

/// Plans campaigns, newsletters, news and networks.
pub(crate) fn plan(
    plan: &mut Plan,
    ids: &Ids,
    dice: &mut Dice,
    people: &[Person],
) -> Result<(), PlanError> {
    campaigns(plan, ids, dice)?;
    newsletters(plan, ids, people);
    news(plan, ids, dice);
    networks(plan, ids, dice);
    Ok(())
}

fn campaigns(plan: &mut Plan, ids: &Ids, dice: &mut Dice) -> Result<(), PlanError> {
    let mut records: Vec<(usize, &str, i64)> = Vec::new();
    for (c, (_, _, _, first, last, channels)) in CAMPAIGNS.iter().enumerate() {
        for channel in channels.iter() {
            for _ in 0..2 + dice.below(3) {
                records.push((c, channel, dice.between(*first, *last)));
            }
        }
    }
    let caps: Vec<u32> = records.iter().map(|(_, channel, _)| cap(channel)).collect();
    let reached = dice
        .split(PEOPLE_REACHED, 20, &caps)
        .ok_or_else(|| PlanError("cannot split the outreach reach over the records".into()))?;
    for (c, (name, staff, _, first, _, _)) in CAMPAIGNS.iter().enumerate() {
        let id = ids.campaign(c + 1);
        plan.push(
            Stage::Directory,
            &id,
            on(*first, 9, 0),
            Who::staff(staff),
            &id,
            json!({
                "type": "CreateOutreachCampaign", "name": name, "organiser": organiser(staff),
            }),
        );
    }
    for ((c, channel, on_day), people_reached) in records.into_iter().zip(reached) {
        let (_, staff, country, _, _, _) = CAMPAIGNS[c];
        let id = ids.campaign(c + 1);
        let mut record = json!({
            "type": "RecordOutreachReach", "channel": channel, "people_reached": people_reached,
            "on": date(on_day),
        });
        if let Some(country) = country {
            record["country"] = json!(country);
        }
        plan.push(
            Stage::Directory,
            &id,
            on(on_day, 18, 0),
            Who::staff(staff),
            &id,
            record,
        );
    }
    Ok(())
}

fn organiser(staff: &str) -> &'static str {
    PARTNERS
        .iter()
        .find(|p| p.2 == staff)
        .map_or("Ruta CECE", |p| p.0)
}

fn newsletters(plan: &mut Plan, ids: &Ids, people: &[Person]) {
    let (first, last) = (day(2013, 3, 10), day(2015, 12, 10));
    let highlights = [
        ("nuevos cursos en línea", "novos cursos online"),
        (
            "próximos encuentros de networking",
            "próximos encontros de networking",
        ),
        ("cómo financiar tu proyecto", "como financiar o seu projeto"),
        ("historias de éxito", "histórias de sucesso"),
    ];
    for n in 0..NEWSLETTERS {
        let sent_day = first
            + (last - first) * i64::try_from(n).unwrap_or(0)
                / (i64::try_from(NEWSLETTERS).unwrap_or(2) - 1);
        let sent = on(sent_day, 8, 0);
        let recipients = people.iter().filter(|p| p.registered < sent).count().max(1);
        let (es, pt) = highlights[n % highlights.len()];
        let languages: Value = if n % 4 == 3 {
            json!(["es", "pt", "en"])
        } else {
            json!(["es", "pt"])
        };
        let id = ids.newsletter(n + 1);
        plan.push(Stage::Directory, &id, sent, Who::staff("staff-lepe"), &id, json!({
            "type": "SendNewsletter", "recipients": recipients, "languages": languages,
            "subject": format!("Boletín Ruta CECE nº {} / Boletim n.º {}: {es} / {pt}", n + 1, n + 1),
        }));
    }
}

fn news(plan: &mut Plan, ids: &Ids, dice: &mut Dice) {
    let posts: [(&str, &str, &str); 4] = [
        (
            "es",
            "Nuevos cursos de comercio electrónico",
            "Ya están disponibles nuevos cursos gratuitos en la plataforma de e-learning.",
        ),
        (
            "pt",
            "Encontro transfronteiriço em Faro",
            "Empreendedores de Huelva e do Algarve encontraram-se para criar novas parcerias.",
        ),
        (
            "en",
            "Ruta CECE mobile apps",
            "The platform and the marketplace are now available on Android and iOS.",
        ),
        (
            "es",
            "Una emprendedora peruana abre su taller de arreglos",
            "Tras formarse en la plataforma y conseguir financiación, abre su taller en Huelva.",
        ),
    ];
    for n in 1..=60 {
        let (language, title, body) = posts[(n + dice.below(4)) % posts.len()];
        let at = on(dice.between(day(2013, 3, 1), day(2015, 12, 10)), 12, 0);
        let id = ids.news(n);
        plan.push(
            Stage::Directory,
            &id,
            at,
            Who::staff("staff-palos"),
            &id,
            json!({
                "type": "PostNews", "title": title, "body": body, "language": language,
            }),
        );
    }
}

fn networks(plan: &mut Plan, ids: &Ids, dice: &mut Dice) {
    let all: Vec<(&str, &str)> = PARTNERS
        .iter()
        .map(|p| (p.0, p.1))
        .chain(ORGANISATIONS.iter().copied())
        .collect();
    let spanish: Vec<(&str, &str)> = all.iter().copied().filter(|o| o.1 == "ES").collect();
    let portuguese: Vec<(&str, &str)> = all.iter().copied().filter(|o| o.1 == "PT").collect();
    let org = |o: &(&str, &str)| json!({"name": o.0, "country": o.1});
    for n in 1..=NETWORKS {
        // Mainly between Spain and Portugal: 25 cross-border, 5 within one country.
        let members: Vec<(&str, &str)> = match n % 8 {
            0 => dice.some(&spanish, 2, 3),
            _ if n == 13 || n == 27 => dice.some(&portuguese, 2, 3),
            _ => {
                let mut m = dice.some(&spanish, 1, 3);
                m.extend(dice.some(&portuguese, 1, 2));
                m
            }
        };
        let established = on(dice.between(day(2013, 4, 1), day(2015, 10, 1)), 11, 0);
        let id = ids.network(n);
        plan.push(Stage::Directory, &id, established, Who::staff("staff-lapalma"), &id, json!({
            "type": "EstablishCooperationNetwork",
            "name": format!("Red Ruta CECE {n}: {}", members[0].0),
            "organisations": members.iter().map(org).collect::<Vec<_>>(),
            "purpose": "Cooperación empresarial y comercio electrónico entre Huelva y el Algarve",
        }));
        if n % 3 == 0 {
            let joining = dice.pick(&all);
            if !members.contains(joining) {
                let at = established + dice.between(30, 60) * DAY;
                plan.push(
                    Stage::Directory,
                    &id,
                    at,
                    Who::staff("staff-faro"),
                    &id,
                    json!({
                        "type": "JoinCooperationNetwork", "organisation": org(joining),
                    }),
                );
            }
        }
    }
}
