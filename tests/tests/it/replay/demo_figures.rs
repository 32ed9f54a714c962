//! An independent count of the seed's figures from the global log, following the agreed
//! definitions (`briefs/indicator-defs.md`) literally. It shares no code with the demo
//! generator or the replay engine, so it cross-checks both.

use chrono::{DateTime, Utc};
use ruta_store::log::{Checkpoint, GlobalLog, RecordedEvent};
use ruta_store::Database;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use crate::support::event_count;

const LATIN_AMERICA: &[&str] = &[
    "AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN", "MX", "NI", "PA", "PE", "PY",
    "SV", "UY", "VE",
];

/// Every figure of the table, by code. `EVT_MIGR_LATAM` holds the Latin Americans'
/// attendances: the share is it over `EVT_MIGR`.
pub(crate) type Figures = BTreeMap<&'static str, i64>;

/// The figures the seed publishes, as the demo must reproduce them at scale 1.
pub(crate) fn seed_figures() -> Figures {
    BTreeMap::from([
        ("REACH", 14_536),
        ("USERS", 1_200),
        ("NEWSL", 40),
        ("EVT", 48),
        ("EVT_PART", 600),
        ("EVT_MIGR", 100),
        ("EVT_MIGR_LATAM", 75),
        ("NET", 30),
        ("NET_EVT", 15),
        ("INFO_EVT", 30),
        ("FORUM", 30),
        ("DISC", 40),
        ("B2B_GROUPS", 80),
        ("EXPERTS", 40),
        ("MENTORS", 30),
        ("COURSES", 60),
        ("TRAINED", 1_200),
        ("CERT", 300),
        ("SELF_EMP", 20),
        ("SME", 69),
        ("B2B", 96),
        ("JOBS", 300),
        ("JOBS_DIRECT", 140),
        ("JOBS_INDIRECT", 160),
        ("SME_ACTIVE", 69),
    ])
}

/// Reads the whole log in order (the gap-safe reader) and keeps the events of aggregates
/// whose id starts with `prefix` (one seed's programme). An empty batch means "nothing final
/// yet" (a transaction elsewhere in the cluster is still open), so it reads until it has seen
/// every event committed before it started.
pub(crate) async fn read_log(db: &Database, prefix: &str) -> Vec<RecordedEvent> {
    let committed = usize::try_from(event_count(db).await).expect("a count");
    let log = GlobalLog::new(db.clone());
    let stall_limit = Duration::from_secs(300);
    let mut last_progress = Instant::now();
    let (mut after, mut seen) = (Checkpoint::START, 0);
    let mut kept = Vec::new();
    while seen < committed {
        let batch = log.read_after(after, 2_000).await.expect("reads the log");
        let Some(last) = batch.last() else {
            assert!(
                last_progress.elapsed() < stall_limit,
                "the log reader kept lagging at {seen} of {committed}: {}",
                crate::support::horizon(db).await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        last_progress = Instant::now();
        after = last.checkpoint;
        seen += batch.len();
        kept.extend(
            batch
                .into_iter()
                .filter(|e| e.aggregate_id.starts_with(prefix)),
        );
    }
    kept
}

fn text<'a>(e: &'a RecordedEvent, field: &str) -> &'a str {
    e.payload
        .get(field)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn number(e: &RecordedEvent, field: &str) -> i64 {
    e.payload
        .get(field)
        .and_then(Value::as_i64)
        .unwrap_or_default()
}

fn occurred(e: &RecordedEvent) -> DateTime<Utc> {
    e.metadata
        .occurred_at
        .parse()
        .expect("occurred_at is RFC 3339")
}

/// Counts every figure of the table from `events` (in log order).
pub(crate) fn count(events: &[RecordedEvent]) -> Figures {
    let mut f = Figures::new();
    let mut add = |code: &'static str, n: i64| *f.entry(code).or_default() += n;
    // (migrant status, country of origin) of each participant as it stands so far.
    let mut standing: BTreeMap<&str, (String, String)> = BTreeMap::new();
    let mut published = BTreeSet::new();
    let (mut enrolled, mut certified) = (BTreeSet::new(), BTreeSet::new());
    let mut first_certificate: BTreeMap<&str, DateTime<Utc>> = BTreeMap::new();
    let mut declared: Vec<(&str, DateTime<Utc>)> = Vec::new();
    let (mut created, mut closed) = (BTreeSet::new(), BTreeSet::new());
    for e in events {
        let in_2015 = text(e, "date").starts_with("2015-");
        match e.event_type.as_str() {
            "OutreachReachRecorded" => add("REACH", number(e, "people_reached")),
            "ParticipantRegistered" => {
                add("USERS", 1);
                let status = text(e, "migrant_status").to_owned();
                standing.insert(
                    &e.aggregate_id,
                    (status, text(e, "country_of_origin").to_owned()),
                );
            }
            "ParticipantProfileUpdated" => {
                if let Some(s) = standing.get_mut(e.aggregate_id.as_str()) {
                    if let Some(status) = e.payload.get("migrant_status").and_then(Value::as_str) {
                        s.0 = status.to_owned();
                    }
                    if let Some(origin) = e.payload.get("country_of_origin").and_then(Value::as_str)
                    {
                        s.1 = origin.to_owned();
                    }
                }
            }
            "NewsletterSent" => add("NEWSL", 1),
            "ProgrammeEventHeld" => {
                if in_2015 {
                    add("EVT", 1);
                    add("EVT_PART", number(e, "total_attendance"));
                }
                match text(e, "kind") {
                    "networking" => add("NET_EVT", 1),
                    "informative" => add("INFO_EVT", 1),
                    "expert_forum" => add("FORUM", 1),
                    "discussion_group" => add("DISC", 1),
                    _ => {}
                }
            }
            "ProgrammeEventAttended" if in_2015 => {
                let attendee = text(e, "participant_id");
                if let Some((status, origin)) = standing.get(attendee) {
                    if status == "migrant" {
                        add("EVT_MIGR", 1);
                        if LATIN_AMERICA.contains(&origin.as_str()) {
                            add("EVT_MIGR_LATAM", 1);
                        }
                    }
                }
            }
            "CooperationNetworkEstablished" => add("NET", 1),
            "AdviceGroupCreated" => add("B2B_GROUPS", 1),
            "ExpertRegistered" => add("EXPERTS", 1),
            "MentorRegistered" => add("MENTORS", 1),
            "MentorRetired" => add("MENTORS", -1),
            "CoursePublished" => {
                published.insert(e.aggregate_id.as_str());
            }
            "EnrolledInCourse" => {
                enrolled.insert(text(e, "participant_id"));
            }
            "CertificateIssued" => {
                let who = text(e, "participant_id");
                certified.insert(who);
                let at = occurred(e);
                first_certificate
                    .entry(who)
                    .and_modify(|t| *t = (*t).min(at))
                    .or_insert(at);
            }
            "SelfEmploymentDeclared" => declared.push((&e.aggregate_id, occurred(e))),
            "BusinessCreated" => {
                created.insert(e.aggregate_id.as_str());
            }
            "BusinessClosed" => {
                closed.insert(e.aggregate_id.as_str());
            }
            "BusinessB2BRelationshipFormed" => add("B2B", 1),
            "BusinessJobsRecorded" => {
                add("JOBS", number(e, "direct") + number(e, "indirect"));
                add("JOBS_DIRECT", number(e, "direct"));
                add("JOBS_INDIRECT", number(e, "indirect"));
            }
            _ => {}
        }
    }
    let self_employed: BTreeSet<&str> = declared
        .into_iter()
        .filter(|(who, at)| first_certificate.get(who).is_some_and(|first| at > first))
        .map(|(who, _)| who)
        .collect();
    let size = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    f.insert("COURSES", size(published.len()));
    f.insert("TRAINED", size(enrolled.len()));
    f.insert("CERT", size(certified.len()));
    f.insert("SELF_EMP", size(self_employed.len()));
    f.insert("SME", size(created.len()));
    f.insert("SME_ACTIVE", size(created.difference(&closed).count()));
    f
}
