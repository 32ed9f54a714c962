//! The plan itself, without a database: sizes per scale, determinism, dates.

use serde_json::Value;
use std::collections::BTreeMap;

use super::clock::{day, on, Moment};
use super::plan::Step;
use super::{build, DemoConfig};

fn steps(scale: u32, seed: u64) -> Vec<Step> {
    let plan = build(&DemoConfig::new(scale, seed)).expect("plans");
    plan.into_stages()
        .into_iter()
        .flat_map(|(_, lanes)| lanes.into_iter().flatten())
        .collect()
}

fn count_by_type(steps: &[Step]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for s in steps {
        *counts.entry(s.kind().to_owned()).or_default() += 1;
    }
    counts
}

fn sum_of(steps: &[Step], kind: &str, field: &str) -> u64 {
    steps
        .iter()
        .filter(|s| s.kind() == kind)
        .filter_map(|s| s.command.get(field).and_then(Value::as_u64))
        .sum()
}

#[test]
fn it_plans_the_seed_programme_at_scale_one() {
    let steps = steps(1, 7);
    let n = count_by_type(&steps);
    assert_eq!(n["RegisterParticipant"], 1_200);
    assert_eq!(n["PublishCourse"], 60);
    assert_eq!(n["CreateCourse"], 61);
    assert_eq!(n["RegisterMentor"], 32);
    assert_eq!(n["RetireMentor"], 2);
    assert_eq!(n["RegisterExpert"], 40);
    assert_eq!(n["CreateAdviceGroup"], 80);
    assert_eq!(n["CreateBusiness"], 69);
    assert_eq!(n["FormB2BRelationship"], 96);
    assert_eq!(n["HoldProgrammeEvent"], 115);
    assert_eq!(n["CancelProgrammeEvent"], 2);
    assert_eq!(n["SendNewsletter"], 40);
    assert_eq!(n["EstablishCooperationNetwork"], 30);
    assert!(!n.contains_key("CloseBusiness"));
    assert_eq!(sum_of(&steps, "RecordJobs", "direct"), 140);
    assert_eq!(sum_of(&steps, "RecordJobs", "indirect"), 160);
    assert_eq!(
        sum_of(&steps, "RecordOutreachReach", "people_reached"),
        14_536
    );
    let enrolled: std::collections::BTreeSet<&str> = steps
        .iter()
        .filter(|s| s.kind() == "EnrolInCourse")
        .filter_map(|s| s.command.get("participant_id").and_then(Value::as_str))
        .collect();
    assert_eq!(enrolled.len(), 1_200);
}

#[test]
fn it_multiplies_everything_but_the_catalogue_with_the_scale() {
    let n = count_by_type(&steps(2, 7));
    assert_eq!(n["RegisterParticipant"], 2_400);
    assert_eq!(n["CreateBusiness"], 138);
    assert_eq!(n["HoldProgrammeEvent"], 230);
    assert_eq!(n["PublishCourse"], 60);
}

#[test]
fn it_plans_the_same_commands_for_the_same_seed_and_others_for_another() {
    let key = |steps: Vec<Step>| -> Vec<(String, String, i64)> {
        steps
            .into_iter()
            .map(|s| (s.command_id, s.command.to_string(), s.at))
            .collect()
    };
    let first = key(steps(1, 11));
    assert_eq!(first, key(steps(1, 11)));
    let other = key(steps(1, 12));
    assert_ne!(
        first.iter().map(|k| &k.1).collect::<Vec<_>>(),
        other.iter().map(|k| &k.1).collect::<Vec<_>>()
    );
    // Cohort 0 is the same whatever the scale, so a larger run extends a smaller one.
    let scaled: std::collections::HashSet<_> = key(steps(2, 11)).into_iter().collect();
    for k in &first {
        assert!(scaled.contains(k), "{k:?} missing at scale 2");
    }
}

#[test]
fn it_dates_everything_within_the_programme_and_ids_commands_uniquely() {
    let steps = steps(1, 3);
    let (start, end) = (on(day(2013, 1, 1), 0, 0), on(day(2016, 1, 1), 0, 0));
    let mut ids = std::collections::BTreeSet::new();
    for s in &steps {
        assert!((start..end).contains(&s.at), "{} at {}", s.kind(), s.at);
        assert!(ids.insert(s.command_id.clone()), "{} twice", s.command_id);
        assert!(!s.command_id.contains('#') && s.command_id.len() <= 200);
    }
}

/// The ids of other records a command names (`participant_id`, `founder_ids`, a nested
/// `counterpart.business_id`…).
fn named_ids<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    if let Value::Object(fields) = value {
        for (key, field) in fields {
            match field {
                Value::String(id) if key.ends_with("_id") => out.push(id),
                Value::Array(ids) if key.ends_with("_ids") => {
                    out.extend(ids.iter().filter_map(Value::as_str));
                }
                nested @ Value::Object(_) => named_ids(nested, out),
                _ => {}
            }
        }
    }
}

/// The rule `occurred_before_prerequisite` refuses a command dated before a fact it depends
/// on, and the demo stops at a refusal: so for any seed, every command is dated after the
/// facts it looks up (checked here on the plan, for many seeds, without a database).
#[test]
fn it_dates_every_command_after_the_facts_it_depends_on() {
    // The commands that make the facts hold, on the record they start.
    const FACTS: &[&str] = &[
        "RegisterParticipant",
        "PublishCourse",
        "EnrolInCourse",
        "PublishListing",
        "CreateBusiness",
        "PostJob",
        "RegisterMentor",
        "RequestMentorship",
        "RegisterExpert",
        "CreateAdviceGroup",
        "ScheduleProgrammeEvent",
        "OpenFinancingApplication",
    ];
    // Commands that depend on their own record's fact (the financing steps' order is below).
    const ON_THEIR_RECORD: &[&str] = &[
        "RecordProgress",
        "SitExam",
        "WithdrawEnrolment",
        "AcceptMentorship",
        "DeclineMentorship",
        "JoinAdviceGroup",
        "AskInAdviceGroup",
        "AnswerInAdviceGroup",
        "RegisterForProgrammeEvent",
        "HoldProgrammeEvent",
        "CancelProgrammeEvent",
        "ApplyToJob",
    ];
    for seed in 0..12 {
        let steps = steps(1, seed);
        let mut since: BTreeMap<&str, Moment> = BTreeMap::new();
        for s in steps.iter().filter(|s| FACTS.contains(&s.kind())) {
            let at = since.entry(s.aggregate_id.as_str()).or_insert(s.at);
            *at = (*at).min(s.at);
        }
        let mut financing: BTreeMap<&str, Moment> = BTreeMap::new();
        for s in &steps {
            let mut names = Vec::new();
            named_ids(&s.command, &mut names);
            if ON_THEIR_RECORD.contains(&s.kind()) {
                names.push(&s.aggregate_id);
            }
            if s.kind().starts_with("Answer") {
                names.push(&s.who.actor);
            }
            for name in names {
                if let Some(fact) = since.get(name) {
                    assert!(
                        s.at >= *fact,
                        "seed {seed}: {} {} at {} before {name} at {fact}",
                        s.kind(),
                        s.command_id,
                        s.at
                    );
                }
            }
            let financing_step = ["Financing", "FundsReceived"]
                .iter()
                .any(|w| s.kind().contains(w));
            if financing_step {
                let previous = financing.insert(&s.aggregate_id, s.at).unwrap_or(s.at);
                assert!(s.at >= previous, "seed {seed}: {} early", s.command_id);
            }
        }
    }
}
