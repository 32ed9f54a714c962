//! The course catalogue: every published course in all its languages; drafts and retired
//! courses are not found.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

use super::{payload, Catalogue};
use crate::search::{CollectionSpec, FieldKind};
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

#[derive(Deserialize)]
struct Content {
    titles: BTreeMap<String, String>,
    descriptions: BTreeMap<String, String>,
    topic: String,
    hours: u16,
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
        event.aggregate_type == "Course"
    }

    fn fold(state: &mut CourseState, event: &RecordedEvent) -> Result<(), String> {
        match event.event_type.as_str() {
            "CourseCreated" | "CourseContentUpdated" => {
                let content: Content = payload(event)?;
                state.titles = content.titles;
                state.descriptions = content.descriptions;
                state.topic = Some(content.topic);
                state.hours = content.hours;
            }
            "CoursePublished" => state.published = true,
            "CourseRetired" => state.retired = true,
            _ => {}
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
