//! What the replay remembers between events: each participant's, business's and course's
//! dimensions as they stand now in the replay (so, as they stood at the event being read).
//!
//! Memory grows with the number of participants, businesses, courses and enrolments, never
//! with the number of events.

use std::collections::HashMap;

use ruta_domain::businesses::business::{Business, BusinessEvent};
use ruta_domain::learning::course::{Course, CourseEvent};
use ruta_domain::learning::enrolment::{Enrolment, EnrolmentEvent};
use ruta_domain::participant::{Participant, ParticipantEvent};
use ruta_domain::regions::region_of_code;
use ruta_domain::values::{
    AcquisitionChannel, CountryCode, Gender, MigrantStatus, ProgrammeCountry,
};
use ruta_domain::Aggregate;
use ruta_store::log::{as_written, ReadError, RecordedEvent};
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

/// Replaces `slot` when the event carries the field.
fn set_if_present<T: serde::Serialize>(slot: &mut Option<String>, value: Option<&T>) {
    if let Some(value) = value {
        *slot = Some(as_written(value));
    }
}

impl ParticipantDims {
    /// The attributes a registration or a profile change carries (`None`: unchanged).
    fn update(
        &mut self,
        country: Option<&ProgrammeCountry>,
        municipality: Option<&String>,
        origin: Option<&CountryCode>,
        migrant_status: Option<&MigrantStatus>,
        gender: Option<&Gender>,
        channel: Option<&AcquisitionChannel>,
    ) {
        set_if_present(&mut self.country, country);
        set_if_present(&mut self.municipality, municipality);
        set_if_present(&mut self.migrant_status, migrant_status);
        set_if_present(&mut self.gender, gender);
        set_if_present(&mut self.channel, channel);
        if let Some(origin) = origin {
            self.region_of_origin = Some(region_of_code(origin.as_str()).as_str());
            self.country_of_origin = Some(origin.as_str().to_owned());
        }
    }
}

impl Dimensions {
    /// Folds one event into the dimensions. Called before the event is shown to indicators,
    /// so a registration is counted with the attributes it registers.
    ///
    /// # Errors
    /// [`ReadError::Corrupt`] when an event of an aggregate read here does not decode.
    pub fn apply(&mut self, event: &RecordedEvent) -> Result<(), ReadError> {
        let id = &event.aggregate_id;
        if let Some(decoded) = event.decode::<Participant>()? {
            self.apply_participant(id, decoded);
        } else if let Some(decoded) = event.decode::<Enrolment>()? {
            match decoded {
                EnrolmentEvent::CertificateIssued { participant_id, .. } => {
                    let dims = self.participants.entry(participant_id).or_default();
                    if dims.first_certified_at.is_none() {
                        dims.first_certified_at = Some(event.metadata.occurred_at.clone());
                    }
                }
                EnrolmentEvent::EnrolledInCourse {
                    participant_id,
                    course_id,
                    ..
                } => {
                    self.enrolments
                        .insert(id.clone(), (participant_id, course_id));
                }
                EnrolmentEvent::ProgressRecorded { .. }
                | EnrolmentEvent::ExamAttempted { .. }
                | EnrolmentEvent::EnrolmentWithdrawn { .. } => {}
            }
        } else if let Some(decoded) = event.decode::<Business>()? {
            self.apply_business(id, decoded);
        } else if let Some(decoded) = event.decode::<Course>()? {
            match decoded {
                CourseEvent::CourseCreated { topic, .. }
                | CourseEvent::CourseContentUpdated { topic, .. } => {
                    let dims = self.courses.entry(id.clone()).or_default();
                    dims.topic = Some(as_written(&topic));
                }
                CourseEvent::CoursePublished | CourseEvent::CourseRetired => {}
            }
        }
        Ok(())
    }

    fn apply_participant(&mut self, id: &str, event: ParticipantEvent) {
        match event {
            ParticipantEvent::ParticipantRegistered {
                country_of_residence,
                municipality,
                country_of_origin,
                migrant_status,
                gender,
                channel,
                ..
            } => self.participants.entry(id.to_owned()).or_default().update(
                Some(&country_of_residence),
                Some(&municipality),
                Some(&country_of_origin),
                Some(&migrant_status),
                Some(&gender),
                Some(&channel),
            ),
            ParticipantEvent::ParticipantProfileUpdated {
                country_of_residence,
                municipality,
                country_of_origin,
                migrant_status,
                gender,
                ..
            } => self.participants.entry(id.to_owned()).or_default().update(
                country_of_residence.as_ref(),
                municipality.as_ref(),
                country_of_origin.as_ref(),
                migrant_status.as_ref(),
                gender.as_ref(),
                None,
            ),
            ParticipantEvent::ConsentGiven { .. }
            | ParticipantEvent::ConsentWithdrawn { .. }
            | ParticipantEvent::SelfEmploymentDeclared { .. } => {}
        }
    }

    fn apply_business(&mut self, id: &String, event: BusinessEvent) {
        match event {
            BusinessEvent::BusinessCreated {
                founder_ids,
                sector,
                legal_form,
                country,
                municipality,
                ..
            } => {
                for founder in &founder_ids {
                    let dims = self.participants.entry(founder.clone()).or_default();
                    if !dims.businesses.contains(id) {
                        dims.businesses.push(id.clone());
                    }
                }
                self.businesses.insert(
                    id.clone(),
                    BusinessDims {
                        country: Some(as_written(&country)),
                        municipality: Some(municipality),
                        sector: Some(sector),
                        legal_form: Some(as_written(&legal_form)),
                        founders: founder_ids,
                    },
                );
            }
            BusinessEvent::BusinessRestructured { legal_form, .. } => {
                let dims = self.businesses.entry(id.clone()).or_default();
                dims.legal_form = Some(as_written(&legal_form));
            }
            BusinessEvent::BusinessJobsRecorded { .. }
            | BusinessEvent::BusinessB2BRelationshipFormed { .. }
            | BusinessEvent::BusinessClosed { .. } => {}
        }
    }

    /// The participant an event concerns: the payload's `participant_id`, the participant's
    /// own stream, an enrolment's participant, or the event's single subject.
    pub fn participant_of<'e>(&'e self, event: &'e RecordedEvent) -> Option<&'e str> {
        if let Some(id) = event.payload.get("participant_id").and_then(Value::as_str) {
            return Some(id);
        }
        match event.aggregate_type.as_str() {
            Participant::TYPE => return Some(&event.aggregate_id),
            Enrolment::TYPE => {
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
        if event.aggregate_type == Business::TYPE {
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
            Course::TYPE => Some(&event.aggregate_id),
            Enrolment::TYPE => self
                .enrolments
                .get(&event.aggregate_id)
                .map(|(_, course)| course.as_str()),
            _ => None,
        }
    }
}
