//! The mentor directory: active mentors by area of expertise and language, with the capacity
//! they have left; retired mentors are not found.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

use super::{payload, Catalogue};
use crate::search::{CollectionSpec, FieldKind};
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

#[derive(Deserialize)]
struct Profile {
    name: String,
    areas_of_expertise: Vec<String>,
    languages: Vec<String>,
    bio: String,
    capacity: u32,
}

#[derive(Deserialize)]
struct WithProfile {
    profile: Profile,
}

#[derive(Deserialize)]
struct Mentees {
    active_mentees: u32,
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
        event.aggregate_type == "Mentor"
    }

    fn fold(state: &mut MentorState, event: &RecordedEvent) -> Result<(), String> {
        match event.event_type.as_str() {
            "MentorRegistered" | "MentorProfileUpdated" => {
                let p = payload::<WithProfile>(event)?.profile;
                state.name = p.name;
                state.areas = p.areas_of_expertise;
                state.languages = p.languages;
                state.bio = p.bio;
                state.capacity = p.capacity;
                state.registered = true;
            }
            "MentorRetired" => state.retired = true,
            "MenteeTaken" | "MenteeReleased" => {
                state.active_mentees = payload::<Mentees>(event)?.active_mentees;
            }
            _ => {}
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
