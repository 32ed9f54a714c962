//! Programme events: 115 held over 2013–2015, 48 of them in 2015 with exactly 600 attending
//! (registered participants plus walk-ins), 100 attendances by migrants, 75 of them by
//! Latin Americans. A few participants who had not disclosed their status attend in 2015 and
//! only later declare they are migrants: as they stood at the event, they were not.

use ruta_domain::events::programme_event::ProgrammeEventKind;
use serde_json::json;

use super::clock::{date, day, on, Moment, DAY, HOUR, YEAR_2015};
use super::dice::Dice;
use super::event_titles::{title, CITIES};
use super::figures::{
    ATTENDANCE_2015, EVENTS_2015, LATAM_ATTENDANCES_2015, MIGRANT_ATTENDANCES_2015, WALK_INS_2015,
};
use super::people::Person;
use super::places::desk_of;
use super::plan::{Plan, Stage, Who};
use super::{Ids, PlanError};

const KINDS: [(ProgrammeEventKind, usize, usize); 4] = [
    (ProgrammeEventKind::Networking, 15, 6),
    (ProgrammeEventKind::Informative, 30, 12),
    (ProgrammeEventKind::ExpertForum, 30, 12),
    (ProgrammeEventKind::DiscussionGroup, 40, 18),
];

/// Who attended one event: participants and walk-ins.
struct Attendance {
    attendees: Vec<usize>,
    walk_ins: u32,
}

/// Plans every event; returns the participants who attended 2015 events undisclosed and
/// declare themselves migrants when the programme closes.
pub(crate) fn plan(
    plan: &mut Plan,
    ids: &Ids,
    dice: &mut Dice,
    people: &[Person],
) -> Result<Vec<usize>, PlanError> {
    let mut dated: Vec<(ProgrammeEventKind, i64)> = Vec::new();
    for (kind, total, in_2015) in KINDS {
        for _ in 0..total - in_2015 {
            dated.push((kind, dice.between(day(2013, 3, 1), day(2014, 12, 10))));
        }
        for _ in 0..in_2015 {
            dated.push((kind, dice.between(day(2015, 1, 20), day(2015, 12, 5))));
        }
    }
    dated.sort_by_key(|(_, d)| *d);
    let days_2015: Vec<i64> = dated
        .iter()
        .map(|(_, d)| *d)
        .filter(|d| *d >= YEAR_2015)
        .collect();
    debug_assert_eq!(days_2015.len(), EVENTS_2015);
    let (attendance_2015, late_migrants) = attendance_2015(dice, people, &days_2015)?;
    let mut in_2015 = attendance_2015.into_iter();
    for (n, (kind, event_day)) in dated.into_iter().enumerate() {
        let attendance = if event_day >= YEAR_2015 {
            in_2015
                .next()
                .ok_or_else(|| PlanError("2015 attendance ran out".into()))?
        } else {
            earlier_attendance(dice, people, event_day)
        };
        event(
            plan,
            &ids.event(n + 1),
            dice,
            people,
            kind,
            event_day,
            n,
            &attendance,
        );
    }
    cancelled(plan, ids, dice);
    Ok(late_migrants)
}

fn registered_by(people: &[Person], event_day: i64) -> impl Iterator<Item = (usize, &Person)> {
    let cutoff = on(event_day, 0, 0) - DAY;
    people
        .iter()
        .enumerate()
        .filter(move |(_, p)| p.registered < cutoff)
}

fn earlier_attendance(dice: &mut Dice, people: &[Person], event_day: i64) -> Attendance {
    let pool: Vec<usize> = registered_by(people, event_day).map(|(i, _)| i).collect();
    let wanted = usize::try_from(dice.between(3, 15)).unwrap_or(3);
    Attendance {
        attendees: dice.sample(&pool, wanted),
        walk_ins: u32::try_from(dice.between(2, 20)).unwrap_or(2),
    }
}

/// The 2015 events' attendance, splitting the seed's totals over the 48 events.
fn attendance_2015(
    dice: &mut Dice,
    people: &[Person],
    days: &[i64],
) -> Result<(Vec<Attendance>, Vec<usize>), PlanError> {
    let short = |what: &str| PlanError(format!("cannot split the 2015 {what} over the events"));
    let accounts = ATTENDANCE_2015 - WALK_INS_2015;
    let sizes = dice
        .split(accounts, 4, &vec![25; days.len()])
        .ok_or_else(|| short("attendance"))?;
    let walk_ins = dice
        .split(WALK_INS_2015, 0, &vec![8; days.len()])
        .ok_or_else(|| short("walk-ins"))?;
    let migrants = dice
        .split(MIGRANT_ATTENDANCES_2015, 0, &sizes)
        .ok_or_else(|| short("migrants"))?;
    let latam = dice
        .split(LATAM_ATTENDANCES_2015, 0, &migrants)
        .ok_or_else(|| short("Latin Americans"))?;
    // Undisclosed Latin Americans who attend as non-migrants and declare later.
    let mut pending: Vec<usize> = people
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.status == ruta_domain::values::MigrantStatus::Undisclosed && p.is_latin_american()
        })
        .filter(|(_, p)| p.registered < on(day(2015, 6, 1), 0, 0))
        .map(|(i, _)| i)
        .take(6)
        .collect();
    let late_migrants = pending.clone();
    let mut all = Vec::with_capacity(days.len());
    for (e, &event_day) in days.iter().enumerate() {
        let pool: Vec<(usize, &Person)> = registered_by(people, event_day).collect();
        let of = |keep: &dyn Fn(usize, &Person) -> bool| -> Vec<usize> {
            pool.iter()
                .filter(|(i, p)| keep(*i, p))
                .map(|(i, _)| *i)
                .collect()
        };
        let latin = of(&|_, p| p.is_migrant() && p.is_latin_american());
        let others = of(&|_, p| p.is_migrant() && !p.is_latin_american());
        let natives = of(&|i, p| !p.is_migrant() && !late_migrants.contains(&i));
        let non_migrants = (sizes[e] - migrants[e]) as usize;
        let mut attendees = dice.sample(&latin, latam[e] as usize);
        attendees.extend(dice.sample(&others, (migrants[e] - latam[e]) as usize));
        let mut locals = Vec::new();
        if non_migrants > 0 {
            if let Some(k) = pending
                .iter()
                .position(|i| people[*i].registered < on(event_day, 0, 0) - DAY)
            {
                locals.push(pending.remove(k));
            }
        }
        locals.extend(dice.sample(&natives, non_migrants - locals.len()));
        attendees.extend(locals);
        if attendees.len() != sizes[e] as usize {
            return Err(short("attendees (too few participants registered in time)"));
        }
        dice.shuffle(&mut attendees);
        all.push(Attendance {
            attendees,
            walk_ins: walk_ins[e],
        });
    }
    Ok((
        all,
        late_migrants
            .into_iter()
            .filter(|i| !pending.contains(i))
            .collect(),
    ))
}

#[allow(clippy::too_many_arguments)]
fn event(
    plan: &mut Plan,
    id: &str,
    dice: &mut Dice,
    people: &[Person],
    kind: ProgrammeEventKind,
    event_day: i64,
    n: usize,
    attendance: &Attendance,
) {
    let (city, portuguese, _) =
        *dice.weighted(&CITIES.iter().map(|c| (*c, c.2)).collect::<Vec<_>>());
    let desk = Who::staff(desk_of(city));
    let scheduled = on(event_day - dice.between(20, 40), 10, 0);
    let languages = if kind == ProgrammeEventKind::Networking || dice.chance(0.5) {
        json!(["es", "pt"])
    } else if portuguese {
        json!(["pt"])
    } else {
        json!(["es"])
    };
    plan.push(Stage::Interactions, id, scheduled, desk.clone(), id, json!({
        "type": "ScheduleProgrammeEvent", "kind": kind, "title": title(kind, portuguese, city, n),
        "city": city, "country": if portuguese { "PT" } else { "ES" }, "date": date(event_day),
        "languages": languages, "organiser": organiser(city),
    }));
    let register = |plan: &mut Plan, dice: &mut Dice, p: &Person| {
        let at = (on(event_day, 9, 0) - dice.between(1, 14) * DAY)
            .max(p.registered + HOUR)
            .max(scheduled + HOUR);
        let who = p.acting_or_desk(dice, 0.7);
        plan.push(
            Stage::Interactions,
            id,
            at,
            who,
            id,
            json!({"type": "RegisterForProgrammeEvent", "participant_id": p.id}),
        );
    };
    for &i in &attendance.attendees {
        if dice.chance(0.7) {
            register(plan, dice, &people[i]);
        }
    }
    let pool: Vec<usize> = registered_by(people, event_day).map(|(i, _)| i).collect();
    let no_shows = dice.below(3);
    for i in dice.sample(&pool, no_shows) {
        if !attendance.attendees.contains(&i) {
            register(plan, dice, &people[i]);
        }
    }
    let ids: Vec<&str> = attendance
        .attendees
        .iter()
        .map(|i| people[*i].id.as_str())
        .collect();
    plan.push(
        Stage::Interactions,
        id,
        on(event_day, 20, 0),
        desk,
        id,
        json!({
            "type": "HoldProgrammeEvent", "attendee_ids": ids, "walk_ins": attendance.walk_ins,
        }),
    );
}

fn organiser(city: &str) -> &'static str {
    super::places::PARTNERS
        .iter()
        .find(|(_, _, _, c)| *c == city)
        .map_or("Ruta CECE", |(name, _, _, _)| name)
}

/// Two events that were scheduled and then called off: they are not events held.
fn cancelled(plan: &mut Plan, ids: &Ids, dice: &mut Dice) {
    let called_off: [(ProgrammeEventKind, i64, &str, &str); 2] = [
        (
            ProgrammeEventKind::Training,
            day(2014, 4, 10),
            "Lepe",
            "el ponente no pudo asistir",
        ),
        (
            ProgrammeEventKind::Networking,
            day(2015, 11, 19),
            "Faro",
            "coincidia com feriado municipal",
        ),
    ];
    for (n, (kind, event_day, city, reason)) in called_off.into_iter().enumerate() {
        let id = ids.event(900 + n + 1);
        let desk = Who::staff(desk_of(city));
        let portuguese = city == "Faro";
        let scheduled: Moment = on(event_day - 30, 10, 0);
        plan.push(Stage::Interactions, &id, scheduled, desk.clone(), &id, json!({
            "type": "ScheduleProgrammeEvent", "kind": kind, "title": title(kind, portuguese, city, n),
            "city": city, "country": if portuguese { "PT" } else { "ES" }, "date": date(event_day),
            "languages": ["es", "pt"], "organiser": organiser(city),
        }));
        let at = on(event_day - dice.between(1, 5), 12, 0);
        plan.push(
            Stage::Interactions,
            &id,
            at,
            desk,
            &id,
            json!({"type": "CancelProgrammeEvent", "reason": reason}),
        );
    }
}
