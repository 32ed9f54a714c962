//! The mentor directory: active mentors by area of expertise and language, with the capacity
//! they have left; retired mentors are not found.

use ruta_domain::mentoring::mentor::{Mentor, MentorEvent};
use ruta_domain::Aggregate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

use super::Catalogue;
use crate::search::{CollectionSpec, FieldKind};
use ruta_store::log::as_written;
use ruta_store::log::RecordedEvent;

#[derive(Debug, Clone, Copy, Default)]
pub struct Mentors;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MentorState {
    name: String,
    areas: Vec<String>,
    languages: Vec<String>,
    bio: String,
    capacity: u32,
    active_mentees: u32,
    registered: bool,
    retired: bool,
}

impl Catalogue for Mentors {
    const NAME: &'static str = "mentors";
    const VERSION: u32 = 1;
    type State = MentorState;

    fn spec() -> CollectionSpec {
        CollectionSpec::new(
            Self::NAME,
            &[
                ("name", FieldKind::Text),
                ("bio", FieldKind::Text),
                ("area", FieldKind::Keyword),
                ("language", FieldKind::Keyword),
                ("capacity_left", FieldKind::Number),
            ],
        )
    }

    fn reads(event: &RecordedEvent) -> bool {
        event.aggregate_type == Mentor::TYPE
    }

    fn fold(state: &mut MentorState, event: &RecordedEvent) -> Result<(), String> {
        let Some(event) = event.decode::<Mentor>().map_err(|e| e.to_string())? else {
            return Ok(());
        };
        match event {
            MentorEvent::MentorRegistered { profile, .. }
            | MentorEvent::MentorProfileUpdated { profile, .. } => {
                state.name = profile.name;
                state.areas = profile.areas_of_expertise.iter().map(as_written).collect();
                state.languages = profile.languages.iter().map(as_written).collect();
                state.bio = profile.bio;
                state.capacity = u32::from(profile.capacity);
                state.registered = true;
            }
            MentorEvent::MentorRetired { .. } => state.retired = true,
            MentorEvent::MenteeTaken { active_mentees, .. }
            | MentorEvent::MenteeReleased { active_mentees, .. } => {
                state.active_mentees = active_mentees;
            }
        }
        Ok(())
    }

    fn document(state: &MentorState) -> Option<Map<String, Value>> {
        if !state.registered || state.retired {
            return None;
        }
        // The bio is written in one of the mentor's languages, which one is not recorded:
        // analyse it (and the name) as each of them.
        let in_each = |text: &String| -> BTreeMap<String, String> {
            state
                .languages
                .iter()
                .map(|l| (l.clone(), text.clone()))
                .collect()
        };
        let document = json!({
            "name": in_each(&state.name),
            "bio": in_each(&state.bio),
            "area": state.areas,
            "language": state.languages,
            "capacity_left": state.capacity.saturating_sub(state.active_mentees),
        });
        document.as_object().cloned()
    }
}
