//! The 60 published courses (shared by every cohort) and one draft never published.

use ruta_domain::values::Topic;
use serde_json::json;

use super::clock::{day, on, DAY};
use super::course_titles::{descriptions, COURSES, DRAFT};
use super::dice::Dice;
use super::plan::{Plan, Stage, Who};
use super::Ids;

/// What the journeys need to know about a course.
#[derive(Debug, Clone)]
pub(crate) struct CourseSpec {
    pub id: String,
    pub pass_mark: u8,
    pub max_attempts: u8,
    /// How often participants pick it, relative to the others.
    pub popularity: u32,
}

/// Plans the catalogue and returns the published courses.
pub(crate) fn plan(plan: &mut Plan, ids: &Ids, dice: &mut Dice) -> Vec<CourseSpec> {
    let author = Who::staff("staff-lapalma");
    let mut specs = Vec::with_capacity(COURSES.len());
    for (i, (topic, hours, es, pt, en)) in COURSES.iter().enumerate() {
        let id = ids.course(i + 1);
        let created = on(
            day(2013, 1, 7) + dice.between(0, 14),
            9,
            dice.between(0, 59),
        );
        let published = created + dice.between(1, 8) * DAY;
        let languages = *topic == Topic::Languages;
        let pass_mark: u8 = *dice.pick(&[50, 50, 60, 60, 70]);
        let max_attempts: u8 = if languages { 3 } else { *dice.pick(&[2, 3]) };
        let [d_es, d_pt, d_en] = descriptions(*hours, es, pt, en);
        // Some courses started in Spanish and Portuguese only; their English version came in
        // 2014 (the seed: "some few services provided in only one of these languages").
        let english_later = i % 7 == 3;
        let (titles, texts) = if english_later {
            (json!({"es": es, "pt": pt}), json!({"es": d_es, "pt": d_pt}))
        } else {
            (
                json!({"es": es, "pt": pt, "en": en}),
                json!({"es": d_es, "pt": d_pt, "en": d_en}),
            )
        };
        let lane = id.clone();
        plan.push(
            Stage::Catalogue,
            &lane,
            created,
            author.clone(),
            &id,
            json!({
                "type": "CreateCourse", "titles": titles, "descriptions": texts, "topic": topic,
                "hours": hours, "pass_mark": pass_mark, "max_exam_attempts": max_attempts,
            }),
        );
        plan.push(
            Stage::Catalogue,
            &lane,
            published,
            author.clone(),
            &id,
            json!({"type": "PublishCourse"}),
        );
        if english_later {
            let at = on(day(2014, 2, 3) + dice.between(0, 60), 11, 0);
            plan.push(
                Stage::Catalogue,
                &lane,
                at,
                author.clone(),
                &id,
                json!({
                    "type": "UpdateCourseContent",
                    "titles": {"es": es, "pt": pt, "en": en},
                    "descriptions": {"es": d_es, "pt": d_pt, "en": d_en},
                }),
            );
        }
        specs.push(CourseSpec {
            id,
            pass_mark,
            max_attempts,
            popularity: popularity(*topic),
        });
    }
    let (topic, hours, es, pt, en) = DRAFT;
    let draft = ids.course(COURSES.len() + 1);
    let [d_es, d_pt, _] = descriptions(hours, es, pt, en);
    plan.push(
        Stage::Catalogue,
        &draft,
        on(day(2015, 11, 16), 10, 0),
        author,
        &draft,
        json!({
            "type": "CreateCourse", "titles": {"es": es, "pt": pt},
            "descriptions": {"es": d_es, "pt": d_pt}, "topic": topic, "hours": hours,
            "pass_mark": 50, "max_exam_attempts": 2,
        }),
    );
    specs
}

/// The seed's programme centred on e-commerce, management and languages.
fn popularity(topic: Topic) -> u32 {
    match topic {
        Topic::ECommerce | Topic::Marketing | Topic::Languages => 5,
        Topic::Financing | Topic::Management | Topic::Informatics => 4,
        Topic::Legal | Topic::Tourism => 3,
        _ => 2,
    }
}
