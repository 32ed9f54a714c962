//! E-learning journeys: every participant enrols in one to five courses; exactly
//! [`CERTIFIED`] of them pass at least one exam (some after failing first), the others stop
//! part-way, withdraw or fail. Self-employment is declared by [`SELF_EMPLOYED_AFTER_CERTIFICATE`]
//! participants after their first certificate, and — so that the indicator has something to
//! leave out — by a few before it or without any certificate.

use ruta_domain::learning::enrolment::enrolment_id;
use serde_json::json;

use super::catalogue::CourseSpec;
use super::clock::{day, day_of, Moment, DAY, HOUR, LAST_ACTIVITY, MINUTE};
use super::dice::Dice;
use super::figures::{CERTIFIED, SELF_EMPLOYED_AFTER_CERTIFICATE};
use super::people::Person;
use super::places::GRADER;
use super::plan::{Plan, Stage, Who};
use ruta_commands::Channel;

/// Participants who declare self-employment before their first certificate.
const SELF_EMPLOYED_BEFORE_CERTIFICATE: usize = 3;
/// Participants who declare self-employment without a certificate.
const SELF_EMPLOYED_UNCERTIFIED: usize = 5;

/// What the rest of the programme needs from the journeys.
#[derive(Debug, Default)]
pub(crate) struct Learning {
    /// When each participant got their first certificate, if they got one.
    pub first_certificate: Vec<Option<Moment>>,
}

/// Plans the courses of every participant, in their own lane.
pub(crate) fn plan(
    plan: &mut Plan,
    dice: &mut Dice,
    people: &[Person],
    courses: &[CourseSpec],
) -> Learning {
    let last_start = day(2015, 9, 30);
    let eligible: Vec<usize> = (0..people.len())
        .filter(|i| day_of(people[*i].registered) <= last_start)
        .collect();
    let mut certified = vec![false; people.len()];
    for i in dice.sample(&eligible, CERTIFIED) {
        certified[i] = true;
    }
    let mut learning = Learning {
        first_certificate: vec![None; people.len()],
    };
    for (i, p) in people.iter().enumerate() {
        let chosen = choose_courses(dice, courses);
        let mut start = p.registered + dice.between(1, 10) * DAY;
        for (j, course) in chosen.into_iter().enumerate() {
            let passes = if certified[i] {
                j == 0 || dice.chance(0.35)
            } else {
                false
            };
            let done = enrolment(plan, dice, p, course, start, passes);
            if let Some(at) = done.filter(|_| passes) {
                let first = learning.first_certificate[i].get_or_insert(at);
                *first = (*first).min(at);
            }
            start += dice.between(5, 120) * DAY;
        }
    }
    self_employment(plan, dice, people, &learning);
    learning
}

/// One to five distinct courses, popular topics more often.
fn choose_courses<'a>(dice: &mut Dice, courses: &'a [CourseSpec]) -> Vec<&'a CourseSpec> {
    let k = *dice.weighted(&[(1usize, 45), (2, 30), (3, 15), (4, 7), (5, 3)]);
    let weighted: Vec<(usize, u32)> = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.popularity))
        .collect();
    let mut chosen: Vec<usize> = Vec::with_capacity(k);
    while chosen.len() < k {
        let i = *dice.weighted(&weighted);
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen.into_iter().map(|i| &courses[i]).collect()
}

/// Plans one enrolment from `start`; returns when its last step happened. A certificate
/// is issued at that moment when `passes`.
fn enrolment(
    plan: &mut Plan,
    dice: &mut Dice,
    p: &Person,
    course: &CourseSpec,
    start: Moment,
    passes: bool,
) -> Option<Moment> {
    let id = enrolment_id(&p.id, &course.id);
    // Late starts are squeezed so that everything ends within the programme.
    let budget = (LAST_ACTIVITY * DAY - start).max(0);
    if budget < 4 * DAY {
        return if passes {
            Some(enrol_and_pass_quickly(plan, dice, p, course, &id, start))
        } else {
            None
        };
    }
    let squeeze = |gap: Moment| gap.min(budget / 5).max(HOUR);
    let mut at = start;
    let who = p.acting_or_desk(dice, 0.85);
    plan.push(
        Stage::Journeys,
        &p.id,
        at,
        who,
        &id,
        json!({
            "type": "EnrolInCourse", "participant_id": p.id, "course_id": course.id,
        }),
    );
    let outcome = if passes { 0 } else { dice.below(100) };
    let progress = |plan: &mut Plan, at: Moment, percent: u8| {
        plan.push(
            Stage::Journeys,
            &p.id,
            at,
            p.acting(),
            &id,
            json!({"type": "RecordProgress", "percent": percent}),
        );
    };
    at += squeeze(dice.between(2, 20) * DAY);
    progress(plan, at, *dice.pick(&[20, 30, 40, 50, 60]));
    if outcome >= 35 {
        // Stopped part-way (most), or withdrew.
        if outcome >= 80 {
            at += squeeze(dice.between(5, 40) * DAY);
            plan.push(Stage::Journeys, &p.id, at, p.acting(), &id, json!({
                "type": "WithdrawEnrolment",
                "reason": *dice.pick(&["falta de tiempo", "sem tempo", "encontré trabajo", "comecei a trabalhar", "no era lo que esperaba"]),
            }));
        } else if dice.chance(0.5) {
            at += squeeze(dice.between(5, 40) * DAY);
            progress(plan, at, *dice.pick(&[70, 80, 90]));
        }
        return None;
    }
    at += squeeze(dice.between(5, 30) * DAY);
    progress(plan, at, 100);
    let attempts = if passes {
        let fails = *dice.weighted(&[(0u8, 70), (1, 25), (2, 5)]);
        fails.min(course.max_attempts - 1) + 1
    } else {
        1 + u8::try_from(dice.below(usize::from(course.max_attempts))).unwrap_or(0)
    };
    for attempt in 1..=attempts {
        at += squeeze(dice.between(1, 7) * DAY);
        let pass = passes && attempt == attempts;
        let score = if pass {
            dice.between(i64::from(course.pass_mark), 100)
        } else {
            dice.between(15, i64::from(course.pass_mark) - 1)
        };
        plan.push(
            Stage::Journeys,
            &p.id,
            at,
            grader(),
            &id,
            json!({"type": "SitExam", "score": score}),
        );
    }
    Some(at)
}

/// A late enrolment of a certified participant: enrol, finish and pass within days.
fn enrol_and_pass_quickly(
    plan: &mut Plan,
    dice: &mut Dice,
    p: &Person,
    course: &CourseSpec,
    id: &str,
    start: Moment,
) -> Moment {
    let at = start
        .min(LAST_ACTIVITY * DAY - 3 * DAY)
        .max(p.registered + HOUR);
    plan.push(
        Stage::Journeys,
        &p.id,
        at,
        p.acting(),
        id,
        json!({
            "type": "EnrolInCourse", "participant_id": p.id, "course_id": course.id,
        }),
    );
    plan.push(
        Stage::Journeys,
        &p.id,
        at + DAY,
        p.acting(),
        id,
        json!({"type": "RecordProgress", "percent": 100}),
    );
    let score = dice.between(i64::from(course.pass_mark), 100);
    plan.push(
        Stage::Journeys,
        &p.id,
        at + 2 * DAY,
        grader(),
        id,
        json!({"type": "SitExam", "score": score}),
    );
    at + 2 * DAY
}

fn grader() -> Who {
    Who::staff_on(GRADER, Channel::Web)
}

const ACTIVITIES: &[&str] = &[
    "Tienda online de artesanía",
    "Arreglos de ropa y costura a domicilio",
    "Traducciones español-portugués",
    "Diseño web por cuenta propia",
    "Venta online de productos gourmet de Huelva",
    "Guía turístico independiente",
    "Loja online de produtos de cortiça",
    "Cuidadora de pessoas idosas",
    "Fotografia de eventos",
    "Consultoria de marketing digital",
];

fn self_employment(plan: &mut Plan, dice: &mut Dice, people: &[Person], learning: &Learning) {
    let declare = |plan: &mut Plan, dice: &mut Dice, p: &Person, at: Moment| {
        let who = p.acting_or_desk(dice, 0.6);
        plan.push(
            Stage::Journeys,
            &p.id,
            at,
            who,
            &p.id,
            json!({
                "type": "DeclareSelfEmployment", "activity": *dice.pick(ACTIVITIES),
            }),
        );
    };
    let certificate = |i: usize| learning.first_certificate[i];
    let latest = LAST_ACTIVITY * DAY;
    let after: Vec<usize> = (0..people.len())
        .filter(|i| certificate(*i).is_some_and(|c| c <= latest - 5 * DAY))
        .collect();
    let after = dice.sample(&after, SELF_EMPLOYED_AFTER_CERTIFICATE);
    for &i in &after {
        let first = certificate(i).unwrap_or(latest);
        let at = (first + dice.between(3, 200) * DAY).min(latest) + 30 * MINUTE;
        declare(plan, dice, &people[i], at.min(latest + 23 * HOUR));
    }
    let before: Vec<usize> = (0..people.len())
        .filter(|i| !after.contains(i))
        .filter(|i| certificate(*i).is_some_and(|c| c - people[*i].registered >= 3 * DAY))
        .collect();
    for i in dice.sample(&before, SELF_EMPLOYED_BEFORE_CERTIFICATE) {
        let p = &people[i];
        let first = certificate(i).unwrap_or(latest);
        declare(plan, dice, p, p.registered + (first - p.registered) / 2);
    }
    let uncertified: Vec<usize> = (0..people.len())
        .filter(|i| certificate(*i).is_none() && people[*i].registered < latest - 60 * DAY)
        .collect();
    for i in dice.sample(&uncertified, SELF_EMPLOYED_UNCERTIFIED) {
        let p = &people[i];
        let at = p.registered + dice.between(30, 60) * DAY;
        declare(plan, dice, p, at);
    }
}
