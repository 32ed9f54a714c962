//! The programme's own indicators (INDICATORS.md, "Programme indicators").

use chrono::DateTime;
use rust_decimal::Decimal;
use ruta_domain::event_types;

use super::custom::{Jobs, Share};
use super::{
    boxed, by_business, by_person, count, distinct_participants, payload_text, spec, sum_field,
};
use crate::indicator::Indicator;
use crate::rule::{Rule, RuleMeasure};
use crate::view::{EventView, Period};

const HELD: &str = event_types::PROGRAMME_EVENT_HELD;

fn in_2015(v: &EventView<'_>) -> bool {
    v.payload_year("date") == Some(2015)
}

fn migrant_attendance_2015(v: &EventView<'_>) -> bool {
    in_2015(v) && v.participant.and_then(|p| p.migrant_status.as_deref()) == Some("migrant")
}

fn events_of_kind(code: &str, names: [&str; 3], kind: &'static str, p: Period) -> Rule {
    let definition = format!("Count of ProgrammeEventHeld of kind `{kind}` (whole programme).");
    count(spec(code, names, "events", &definition, &[HELD]))
        .filter(move |v| v.payload_str("kind") == Some(kind))
        .by("country", payload_text("country"))
        .with_period(p)
}

/// Whether the participant's first certificate came before this event.
fn certified_before(v: &EventView<'_>) -> bool {
    let first = v.participant.and_then(|p| p.first_certified_at.as_deref());
    let parse = |t: &str| DateTime::parse_from_rfc3339(t).ok();
    match (first.and_then(parse), parse(&v.event.metadata.occurred_at)) {
        (Some(first), Some(now)) => first < now,
        _ => false,
    }
}

fn plus_minus(plus: &'static str) -> RuleMeasure {
    RuleMeasure::Sum(Box::new(move |v: &EventView<'_>| {
        Some(if v.event_type() == plus {
            Decimal::ONE
        } else {
            Decimal::NEGATIVE_ONE
        })
    }))
}

pub(super) fn indicators(p: Period) -> Vec<Box<dyn Indicator>> {
    vec![
        boxed(sum_field(spec("REACH", ["Personas que recibieron información sobre las actividades", "Pessoas que receberam informação sobre as atividades", "People who received information about the activities"],
            "people", "Sum of OutreachReachRecorded.people_reached (by outreach channel; by country when recorded).", &[event_types::OUTREACH_REACH_RECORDED]), "people_reached")
            .by("outreach_channel", payload_text("channel")).by("country", payload_text("country")).with_period(p)),
        boxed(by_person(count(spec("USERS", ["Usuarios registrados", "Utilizadores registados", "Registered users"],
            "people", "Count of ParticipantRegistered.", &[event_types::PARTICIPANT_REGISTERED]))).with_period(p)),
        boxed(count(spec("NEWSL", ["Boletines enviados a los usuarios registrados", "Boletins enviados aos utilizadores registados", "Newsletters sent to registered users"],
            "newsletters", "Count of NewsletterSent.", &[event_types::NEWSLETTER_SENT])).with_period(p)),
        boxed(count(spec("EVT", ["Eventos realizados (2015)", "Eventos realizados (2015)", "Events held (2015)"],
            "events", "Count of ProgrammeEventHeld whose payload date is in 2015.", &[HELD]))
            .filter(in_2015).by("kind", payload_text("kind")).by("country", payload_text("country")).with_period(p)),
        boxed(sum_field(spec("EVT_PART", ["Participantes en eventos (2015)", "Participantes nos eventos (2015)", "Event participants (2015)"],
            "participations", "Sum of ProgrammeEventHeld.total_attendance (registered attendees + walk-ins) for events whose date is in 2015.", &[HELD]), "total_attendance")
            .filter(in_2015).by("kind", payload_text("kind")).by("country", payload_text("country")).with_period(p)),
        boxed(by_person(count(spec("EVT_MIGR", ["Asistentes inmigrantes (2015)", "Participantes imigrantes (2015)", "Immigrant attendees (2015)"],
            "attendances", "Count of ProgrammeEventAttended with payload date in 2015 whose attendee was a migrant at that event.", &[event_types::PROGRAMME_EVENT_ATTENDED])))
            .filter(migrant_attendance_2015).with_period(p)),
        Box::new(Share::new(spec("EVT_MIGR_LATAM", ["Proporción de asistentes inmigrantes de América Latina", "Proporção de participantes imigrantes da América Latina", "Share of immigrant attendees from Latin America"],
            "percent", "Share (percent, one decimal) of EVT_MIGR attendances whose attendee's region of origin (as it stood then) is Latin America; breakdown: every region's share.", &[event_types::PROGRAMME_EVENT_ATTENDED]),
            migrant_attendance_2015, "latin_america")),
        boxed(count(spec("NET", ["Nuevas redes de cooperación", "Novas redes de cooperação", "New cooperation networks"],
            "networks", "Count of CooperationNetworkEstablished.", &[event_types::COOPERATION_NETWORK_ESTABLISHED]))
            .by("cross_border", payload_text("cross_border")).with_period(p)),
        boxed(events_of_kind("NET_EVT", ["Eventos de networking", "Eventos de networking", "Networking events"], "networking", p)),
        boxed(events_of_kind("INFO_EVT", ["Eventos informativos", "Eventos informativos", "Informative events"], "informative", p)),
        boxed(events_of_kind("FORUM", ["Foros de expertos", "Fóruns de especialistas", "Experts' forums"], "expert_forum", p)),
        boxed(events_of_kind("DISC", ["Grupos de discusión de emprendedores", "Grupos de discussão de empreendedores", "Entrepreneurs' discussion groups"], "discussion_group", p)),
        boxed(count(spec("B2B_GROUPS", ["Grupos de asesoramiento B2B", "Grupos de aconselhamento B2B", "B2B advice groups"],
            "groups", "Count of AdviceGroupCreated.", &[event_types::ADVICE_GROUP_CREATED])).by("area", payload_text("area")).with_period(p)),
        boxed(count(spec("EXPERTS", ["Proveedores de servicios expertos", "Prestadores de serviços especializados", "Expert service providers"],
            "people", "Count of ExpertRegistered.", &[event_types::EXPERT_REGISTERED])).with_period(p)),
        boxed(Rule::new(spec("MENTORS", ["Mentores disponibles", "Mentores disponíveis", "Mentors available"],
            "people", "Mentors registered and not retired at the cut-off (MentorRegistered minus MentorRetired).", &[event_types::MENTOR_REGISTERED, event_types::MENTOR_RETIRED]),
            plus_minus(event_types::MENTOR_REGISTERED))),
        boxed(Rule::new(spec("COURSES", ["Cursos en línea ofrecidos", "Cursos online oferecidos", "Online courses offered"],
            "courses", "Distinct courses with a CoursePublished.", &[event_types::COURSE_PUBLISHED]),
            RuleMeasure::Distinct(Box::new(|v: &EventView<'_>| vec![v.event.aggregate_id.clone()])))
            .by("topic", |v| v.course.and_then(|c| c.topic.clone())).with_period(p)),
        boxed(by_person(distinct_participants(spec("TRAINED", ["Participantes en los cursos de formación", "Participantes nos cursos de formação", "Participants of the training courses"],
            "people", "Distinct participants with an EnrolledInCourse.", &[event_types::ENROLLED_IN_COURSE])))
            .by("topic", payload_text("topic")).with_period(p)),
        boxed(by_person(distinct_participants(spec("CERT", ["Participantes certificados", "Participantes certificados", "Participants certified"],
            "people", "Distinct participants with a CertificateIssued.", &[event_types::CERTIFICATE_ISSUED])))
            .by("topic", |v| v.course.and_then(|c| c.topic.clone())).with_period(p)),
        boxed(by_person(distinct_participants(spec("SELF_EMP", ["Autoempleados tras la formación", "Trabalhadores por conta própria após a formação", "Self-employed after the training"],
            "people", "Distinct participants with a SelfEmploymentDeclared occurring after their first CertificateIssued.", &[event_types::SELF_EMPLOYMENT_DECLARED])))
            .filter(certified_before).with_period(p)),
        boxed(by_business(count(spec("SME", ["PYMEs creadas", "PME criadas", "SMEs created"],
            "enterprises", "Count of BusinessCreated.", &[event_types::BUSINESS_CREATED])))
            .by("legal_form", payload_text("legal_form")).with_period(p)),
        boxed(by_business(count(spec("B2B", ["Nuevas relaciones B2B de esas PYMEs", "Novas relações B2B dessas PME", "New B2B relationships of those SMEs"],
            "relationships", "Count of BusinessB2BRelationshipFormed.", &[event_types::BUSINESS_B2B_RELATIONSHIP_FORMED])))
            .by("cross_border", payload_text("cross_border")).by("kind", payload_text("kind")).with_period(p)),
        Box::new(Jobs::new(spec("JOBS", ["Empleos directos e indirectos creados", "Empregos diretos e indiretos criados", "Direct and indirect jobs created"],
            "jobs", "Sum of BusinessJobsRecorded.direct + .indirect (increments); breakdown job_type direct / indirect.", &[event_types::BUSINESS_JOBS_RECORDED]), p)),
        boxed(by_business(Rule::new(spec("SME_ACTIVE", ["PYMEs en funcionamiento", "PME em funcionamento", "SMEs still ongoing"],
            "enterprises", "Businesses created and not closed at the cut-off (BusinessCreated minus BusinessClosed; restructured still counts).", &[event_types::BUSINESS_CREATED, event_types::BUSINESS_CLOSED]),
            plus_minus(event_types::BUSINESS_CREATED)))),
    ]
}
