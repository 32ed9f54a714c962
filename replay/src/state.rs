//! What the replay remembers between events: each participant's, business's and course's
//! dimensions as they stand now in the replay (so, as they stood at the event being read).
//!
//! Memory grows with the number of participants, businesses, courses and enrolments, never
//! with the number of events.

use std::collections::HashMap;

use ruta_domain::regions::region_of_code;
use ruta_store::log::RecordedEvent;
use serde_json::Value;

/// A participant's attributes, as of the event being replayed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipantDims {
    /// Country of residence (`ES`, `PT`).
    pub country: Option<String>,
    pub municipality: Option<String>,
    pub migrant_status: Option<String>,
    pub country_of_origin: Option<String>,
    /// Region of origin ([`ruta_domain::regions::Region::as_str`]).
    pub region_of_origin: Option<&'static str>,
    pub gender: Option<String>,
    /// Acquisition channel.
    pub channel: Option<String>,
    /// Business time of the participant's first certificate.
    pub first_certified_at: Option<String>,
    /// Businesses the participant founded so far.
    pub businesses: Vec<String>,
}

/// A business's attributes, as of the event being replayed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusinessDims {
    pub country: Option<String>,
    pub municipality: Option<String>,
    pub sector: Option<String>,
    pub legal_form: Option<String>,
    pub founders: Vec<String>,
}

/// A course's attributes, as of the event being replayed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CourseDims {
    pub topic: Option<String>,
}

/// Everything the replay keeps about the programme's people, businesses and courses.
#[derive(Debug, Default)]
pub struct Dimensions {
    pub participants: HashMap<String, ParticipantDims>,
    pub businesses: HashMap<String, BusinessDims>,
    pub courses: HashMap<String, CourseDims>,
    /// Enrolment id → (participant id, course id).
    pub enrolments: HashMap<String, (String, String)>,
}

fn text(payload: &Value, field: &str) -> Option<String> {
    payload
        .get(field)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn set_if_present(slot: &mut Option<String>, payload: &Value, field: &str) {
    if let Some(value) = text(payload, field) {
        *slot = Some(value);
    }
}

impl ParticipantDims {
    fn update(&mut self, payload: &Value) {
        set_if_present(&mut self.country, payload, "country_of_residence");
        set_if_present(&mut self.municipality, payload, "municipality");
        set_if_present(&mut self.migrant_status, payload, "migrant_status");
        set_if_present(&mut self.gender, payload, "gender");
        set_if_present(&mut self.channel, payload, "channel");
        if let Some(origin) = text(payload, "country_of_origin") {
            self.region_of_origin = Some(region_of_code(&origin).as_str());
            self.country_of_origin = Some(origin);
        }
    }
}

impl Dimensions {
    /// Folds one event into the dimensions. Called before the event is shown to indicators,
    /// so a registration is counted with the attributes it registers.
    pub fn apply(&mut self, event: &RecordedEvent) {
        let payload = &event.payload;
        let id = &event.aggregate_id;
        match event.event_type.as_str() {
            "ParticipantRegistered" | "ParticipantProfileUpdated" => {
                self.participants
                    .entry(id.clone())
                    .or_default()
                    .update(payload);
            }
            "CertificateIssued" => {
                if let Some(participant) = text(payload, "participant_id") {
                    let dims = self.participants.entry(participant).or_default();
                    if dims.first_certified_at.is_none() {
                        dims.first_certified_at = Some(event.metadata.occurred_at.clone());
                    }
                }
            }
            "BusinessCreated" => {
                let founders: Vec<String> = payload
                    .get("founder_ids")
                    .and_then(Value::as_array)
                    .map(|ids| {
                        ids.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                for founder in &founders {
                    let dims = self.participants.entry(founder.clone()).or_default();
                    if !dims.businesses.contains(id) {
                        dims.businesses.push(id.clone());
                    }
                }
                self.businesses.insert(
                    id.clone(),
                    BusinessDims {
                        country: text(payload, "country"),
                        municipality: text(payload, "municipality"),
                        sector: text(payload, "sector"),
                        legal_form: text(payload, "legal_form"),
                        founders,
                    },
                );
            }
            "BusinessRestructured" => {
                let dims = self.businesses.entry(id.clone()).or_default();
                set_if_present(&mut dims.legal_form, payload, "legal_form");
            }
            "CourseCreated" | "CourseContentUpdated" => {
                let dims = self.courses.entry(id.clone()).or_default();
                set_if_present(&mut dims.topic, payload, "topic");
            }
            "EnrolledInCourse" => {
                if let (Some(participant), Some(course)) =
                    (text(payload, "participant_id"), text(payload, "course_id"))
                {
                    self.enrolments.insert(id.clone(), (participant, course));
                }
            }
            _ => {}
        }
    }

    /// The participant an event concerns: the payload's `participant_id`, the participant's
    /// own stream, an enrolment's participant, or the event's single subject.
    pub fn participant_of<'e>(&'e self, event: &'e RecordedEvent) -> Option<&'e str> {
        if let Some(id) = event.payload.get("participant_id").and_then(Value::as_str) {
            return Some(id);
        }
        match event.aggregate_type.as_str() {
            "Participant" => return Some(&event.aggregate_id),
            "Enrolment" => {
                if let Some((participant, _)) = self.enrolments.get(&event.aggregate_id) {
                    return Some(participant);
                }
            }
            _ => {}
        }
        match event.metadata.subjects.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }

    /// The business an event concerns: the business's own stream or the payload's `business_id`.
    pub fn business_of<'e>(&self, event: &'e RecordedEvent) -> Option<&'e str> {
        if event.aggregate_type == "Business" {
            return Some(&event.aggregate_id);
        }
        event.payload.get("business_id").and_then(Value::as_str)
    }

    /// The course an event concerns: the payload's `course_id`, the course's own stream, or an
    /// enrolment's course.
    pub fn course_of<'e>(&'e self, event: &'e RecordedEvent) -> Option<&'e str> {
        if let Some(id) = event.payload.get("course_id").and_then(Value::as_str) {
            return Some(id);
        }
        match event.aggregate_type.as_str() {
            "Course" => Some(&event.aggregate_id),
            "Enrolment" => self
                .enrolments
                .get(&event.aggregate_id)
                .map(|(_, course)| course.as_str()),
            _ => None,
        }
    }
}
