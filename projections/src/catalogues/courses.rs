//! The course catalogue: every published course in all its languages; drafts and retired
//! courses are not found.

use ruta_domain::learning::course::{Course, CourseEvent};
use ruta_domain::Aggregate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

use super::Catalogue;
use crate::search::{CollectionSpec, FieldKind};
use ruta_store::log::as_written;
use ruta_store::log::RecordedEvent;

#[derive(Debug, Clone, Copy, Default)]
pub struct Courses;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CourseState {
    titles: BTreeMap<String, String>,
    descriptions: BTreeMap<String, String>,
    topic: Option<String>,
    hours: u16,
    published: bool,
    retired: bool,
}

impl Catalogue for Courses {
    const NAME: &'static str = "courses";
    const VERSION: u32 = 1;
    type State = CourseState;

    fn spec() -> CollectionSpec {
        CollectionSpec::new(
            Self::NAME,
            &[
                ("title", FieldKind::Text),
                ("description", FieldKind::Text),
                ("topic", FieldKind::Keyword),
                ("language", FieldKind::Keyword),
                ("hours", FieldKind::Number),
            ],
        )
    }

    fn reads(event: &RecordedEvent) -> bool {
        event.aggregate_type == Course::TYPE
    }

    fn fold(state: &mut CourseState, event: &RecordedEvent) -> Result<(), String> {
        let Some(event) = event.decode::<Course>().map_err(|e| e.to_string())? else {
            return Ok(());
        };
        match event {
            CourseEvent::CourseCreated {
                titles,
                descriptions,
                topic,
                hours,
                ..
            }
            | CourseEvent::CourseContentUpdated {
                titles,
                descriptions,
                topic,
                hours,
                ..
            } => {
                state.titles = titles
                    .iter()
                    .map(|(l, t)| (as_written(l), t.clone()))
                    .collect();
                state.descriptions = descriptions
                    .iter()
                    .map(|(l, t)| (as_written(l), t.clone()))
                    .collect();
                state.topic = Some(as_written(&topic));
                state.hours = hours;
            }
            CourseEvent::CoursePublished => state.published = true,
            CourseEvent::CourseRetired => state.retired = true,
        }
        Ok(())
    }

    fn document(state: &CourseState) -> Option<Map<String, Value>> {
        if !state.published || state.retired {
            return None;
        }
        let languages: Vec<&String> = state.titles.keys().collect();
        let document = json!({
            "title": state.titles,
            "description": state.descriptions,
            "topic": state.topic,
            "language": languages,
            "hours": state.hours,
        });
        document.as_object().cloned()
    }
}
