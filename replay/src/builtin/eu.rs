//! EU common indicators (ERDF 2014–2020 CO…, Interreg 2021–2027 RCO…/RCR…) answered by the
//! same history.

use ruta_domain::event_types;
use serde_json::Value;

use super::custom::Jobs;
use super::{boxed, by_business, by_person, count, payload_text, spec, sum_field};
use crate::indicator::{Indicator, IndicatorSpec};
use crate::rule::{Rule, RuleMeasure};
use crate::view::{EventView, Period};

const SUPPORT: &[&str] = &[
    event_types::BUSINESS_CREATED,
    event_types::BUSINESS_JOBS_RECORDED,
    event_types::BUSINESS_B2B_RELATIONSHIP_FORMED,
    event_types::BUSINESS_RESTRUCTURED,
    event_types::FINANCING_FUNDS_RECEIVED,
    event_types::JOB_POSTED,
];
const NON_FINANCIAL: &[&str] = &[
    event_types::BUSINESS_B2B_RELATIONSHIP_FORMED,
    event_types::JOB_POSTED,
    event_types::ADVICE_REQUEST_ANSWERED,
    event_types::ADVICE_GROUP_QUESTION_ANSWERED,
    event_types::MENTORING_SESSION_LOGGED,
];
const NETWORKS: &[&str] = &[
    event_types::COOPERATION_NETWORK_ESTABLISHED,
    event_types::COOPERATION_NETWORK_MEMBER_JOINED,
];

/// A business created on the platform that the event is about.
fn supported_business(v: &EventView<'_>) -> Vec<String> {
    match (v.business_id, v.business) {
        (Some(id), Some(_)) => vec![id.to_owned()],
        _ => Vec::new(),
    }
}

/// The business the support went to: the business itself, or for advice and mentoring every
/// business its participant had founded by then.
fn non_financially_supported(v: &EventView<'_>) -> Vec<String> {
    match v.event_type() {
        event_types::BUSINESS_B2B_RELATIONSHIP_FORMED | event_types::JOB_POSTED => {
            supported_business(v)
        }
        _ => v
            .participant
            .map(|p| p.businesses.clone())
            .unwrap_or_default(),
    }
}

/// Organisations (name ignoring case, and country) of a cross-border network event.
fn cross_border_organisations(v: &EventView<'_>) -> Vec<String> {
    if v.payload_bool("cross_border") != Some(true) {
        return Vec::new();
    }
    let key = |o: &Value| {
        let name = o.get("name")?.as_str()?.trim().to_lowercase();
        let country = o.get("country")?.as_str()?.to_ascii_uppercase();
        Some(format!("{country}:{name}"))
    };
    match (v.payload("organisations"), v.payload("organisation")) {
        (Some(Value::Array(orgs)), _) => orgs.iter().filter_map(key).collect(),
        (_, Some(org)) => key(org).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn enterprises(
    spec: IndicatorSpec,
    keys: fn(&EventView<'_>) -> Vec<String>,
    p: Period,
) -> Box<dyn Indicator> {
    boxed(by_business(Rule::new(spec, RuleMeasure::Distinct(Box::new(keys)))).with_period(p))
}

const CO01_DEF: &str = "Distinct businesses created on the platform that received any support — created by programme participants, financing received naming it, jobs recorded, B2B relationships, restructuring, job postings — each counted once however many supports (by its country and municipality).";
const CO04_DEF: &str = "Distinct businesses that received non-financial support: a B2B relationship formed, a job posted, or advice (answered request or group question) or a mentoring session received by one of its founders after it was created; each counted once.";
const CO05_DEF: &str = "New enterprises supported: count of BusinessCreated (as SME).";
const CO08_DEF: &str = "Employment increase in supported enterprises, full-time equivalents: sum of BusinessJobsRecorded.direct + .indirect (each job recorded counts as one FTE).";
const RCO87_DEF: &str = "Distinct organisations (name ignoring case, and country) in cooperation networks marked cross-border, from CooperationNetworkEstablished and CooperationNetworkMemberJoined.";
const RCR84_DEF: &str = "Organisations cooperating across borders at the cut-off (the organisations of RCO87 as the log stands); run the report --as-of a date after the programme's end to read it after completion.";

pub(super) fn indicators(p: Period) -> Vec<Box<dyn Indicator>> {
    let co01 = |code: &str| {
        spec(
            code,
            [
                "Empresas que reciben ayuda",
                "Empresas que recebem apoio",
                "Enterprises receiving support",
            ],
            "enterprises",
            CO01_DEF,
            SUPPORT,
        )
    };
    let co04 = |code: &str| {
        spec(
            code,
            [
                "Empresas que reciben ayuda no financiera",
                "Empresas que recebem apoio não financeiro",
                "Enterprises receiving non-financial support",
            ],
            "enterprises",
            CO04_DEF,
            NON_FINANCIAL,
        )
    };
    let co05 = |code: &str| {
        spec(
            code,
            [
                "Nuevas empresas beneficiarias de ayuda",
                "Novas empresas apoiadas",
                "New enterprises supported",
            ],
            "enterprises",
            CO05_DEF,
            &[event_types::BUSINESS_CREATED],
        )
    };
    let co08 = |code: &str| {
        spec(
            code,
            [
                "Aumento del empleo en las empresas subvencionadas",
                "Aumento do emprego nas empresas apoiadas",
                "Employment increase in supported enterprises",
            ],
            "FTE",
            CO08_DEF,
            &[event_types::BUSINESS_JOBS_RECORDED],
        )
    };
    let organisations = |code: &str, names: [&str; 3], definition: &str| {
        boxed(
            Rule::new(
                spec(code, names, "organisations", definition, NETWORKS),
                RuleMeasure::Distinct(Box::new(cross_border_organisations)),
            )
            .with_period(p),
        )
    };
    vec![
        enterprises(co01("CO01"), supported_business, p),
        enterprises(co04("CO04"), non_financially_supported, p),
        boxed(by_business(count(co05("CO05"))).with_period(p)),
        Box::new(Jobs::new(co08("CO08"), p)),
        enterprises(co01("RCO01"), supported_business, p),
        enterprises(co04("RCO04"), non_financially_supported, p),
        boxed(by_business(count(co05("RCO05"))).with_period(p)),
        boxed(sum_field(spec("RCO81", ["Participaciones en acciones conjuntas transfronterizas", "Participações em ações conjuntas transfronteiriças", "Participations in joint actions across borders"],
            "participations", "Sum of ProgrammeEventHeld.total_attendance over the whole programme: every programme event is a joint ES–PT action of the partnership.", &[event_types::PROGRAMME_EVENT_HELD]), "total_attendance")
            .by("kind", payload_text("kind")).by("country", payload_text("country")).with_period(p)),
        boxed(by_person(count(spec("RCO85", ["Participaciones en programas conjuntos de formación", "Participações em programas de formação conjuntos", "Participations in joint training schemes"],
            "participations", "Count of EnrolledInCourse (each enrolment in a course of the joint e-learning platform).", &[event_types::ENROLLED_IN_COURSE])))
            .by("topic", payload_text("topic")).with_period(p)),
        organisations("RCO87", ["Organizaciones que cooperan a través de las fronteras", "Organizações que cooperam além-fronteiras", "Organisations cooperating across borders"], RCO87_DEF),
        boxed(count(spec("RCO115", ["Actos públicos transfronterizos organizados conjuntamente", "Eventos públicos transfronteiriços organizados conjuntamente", "Public events across borders jointly organised"],
            "events", "Count of ProgrammeEventHeld (whole programme).", &[event_types::PROGRAMME_EVENT_HELD]))
            .by("kind", payload_text("kind")).by("country", payload_text("country")).with_period(p)),
        Box::new(Jobs::new(spec("RCR01", ["Empleos creados en las entidades apoyadas", "Empregos criados nas entidades apoiadas", "Jobs created in supported entities"],
            "FTE", CO08_DEF, &[event_types::BUSINESS_JOBS_RECORDED]), p)),
        boxed(by_person(count(spec("RCR81", ["Finalización de programas conjuntos de formación", "Conclusão de programas de formação conjuntos", "Completion of joint training schemes"],
            "completions", "Count of CertificateIssued (each course completed with a pass).", &[event_types::CERTIFICATE_ISSUED])))
            .by("topic", |v| v.course.and_then(|c| c.topic.clone())).with_period(p)),
        organisations("RCR84", ["Organizaciones que cooperan a través de las fronteras tras la finalización del proyecto", "Organizações que cooperam além-fronteiras após a conclusão do projeto", "Organisations cooperating across borders after project completion"], RCR84_DEF),
    ]
}
