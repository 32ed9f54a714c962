//! The event store's contract, identical on every backend.

use chrono::{TimeZone, Utc};
use ruta_commands::app::elearning::{Enrol, ExamAttempt};
use ruta_commands::app::{execute, AppCommand};
use ruta_commands::{Channel, CommandContext, CommandError, Executor, Role};
use ruta_domain::learning::enrolment::enrolment_id;
use ruta_domain::participant::{Participant, ParticipantCommand, UpdateProfile};
use ruta_domain::DomainError;
use ruta_store::log::{Checkpoint, GlobalLog};
use std::collections::HashSet;

use crate::on_both_backends;
use crate::support::{
    event_count, published_course, read_all, register, registration, staff, TestDb,
};

async fn it_appends_and_loads_aggregates(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    let outcome = executor
        .execute::<Participant>(
            "p-1",
            ParticipantCommand::Register(registration("Rui")),
            &staff(),
        )
        .await
        .expect("registers");
    assert_eq!(outcome.events.len(), 1);
    assert_eq!(outcome.events[0].event_type, "ParticipantRegistered");
    assert_eq!(outcome.events[0].sequence, 1);
    assert!(outcome.position().is_some_and(|p| p > 0));
    let loaded = executor.load::<Participant>("p-1").await.expect("loads");
    assert_eq!(
        loaded.and_then(|p| p.profile).map(|p| p.name),
        Some("Rui".to_owned())
    );
    assert!(executor
        .load::<Participant>("nobody")
        .await
        .expect("loads")
        .is_none());
    assert_eq!(
        executor.ids::<Participant>().await.expect("ids"),
        vec!["p-1".to_owned()]
    );
}
on_both_backends!(it_appends_and_loads_aggregates);

async fn it_stores_the_whole_envelope(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    let mut ctx = CommandContext::new("staff-ana", Role::Staff);
    ctx.channel = Channel::InternetAccessPoint;
    ctx.causation_id = Some("cause-1".to_owned());
    ctx.correlation_id = "corr-1".to_owned();
    ctx.occurred_at = Some(
        Utc.with_ymd_and_hms(2014, 3, 1, 9, 30, 0)
            .single()
            .expect("date"),
    );
    executor
        .execute::<Participant>(
            "p-1",
            ParticipantCommand::Register(registration("Rui")),
            &ctx,
        )
        .await
        .expect("registers");
    let events = read_all(&t.db).await;
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (e.aggregate_type.as_str(), e.aggregate_id.as_str()),
        ("Participant", "p-1")
    );
    assert_eq!(
        (e.event_type.as_str(), e.event_version.as_str()),
        ("ParticipantRegistered", "1")
    );
    assert_eq!(e.payload["name"], "Rui");
    let m = &e.metadata;
    assert_eq!(m.actor, "staff-ana");
    assert_eq!(m.actor_role, "staff");
    assert_eq!(m.channel, "internet_access_point");
    assert_eq!(m.command_id, ctx.command_id);
    assert_eq!(m.correlation_id, "corr-1");
    assert_eq!(m.causation_id.as_deref(), Some("cause-1"));
    assert_eq!(m.occurred_at, "2014-03-01T09:30:00.000000Z");
    assert!(
        m.recorded_at.as_str() > "2026",
        "recorded_at is system time: {}",
        m.recorded_at
    );
    assert_eq!(m.subjects, vec!["p-1".to_owned()]);
}
on_both_backends!(it_stores_the_whole_envelope);

async fn it_returns_the_first_outcome_for_a_repeated_command_id(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    let ctx = staff().with_command_id("register-rui");
    let register = || ParticipantCommand::Register(registration("Rui"));
    let first = executor
        .execute::<Participant>("p-1", register(), &ctx)
        .await
        .expect("first");
    let again = executor
        .execute::<Participant>("p-1", register(), &ctx)
        .await
        .expect("again");
    // A client retrying a create draws a new id; the command id still wins.
    let other = executor
        .execute::<Participant>("p-2", register(), &ctx)
        .await
        .expect("other");
    assert!(!first.replayed);
    assert!(again.replayed && other.replayed);
    assert_eq!(again.events, first.events);
    assert_eq!(other.aggregate_id, "p-1");
    assert_eq!(other.events, first.events);
    assert_eq!(event_count(&t.db).await, 1);
    assert!(executor
        .load::<Participant>("p-2")
        .await
        .expect("loads")
        .is_none());
}
on_both_backends!(it_returns_the_first_outcome_for_a_repeated_command_id);

async fn it_replays_a_command_id_raced_from_many_tasks(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    let ctx = staff().with_command_id("same-everywhere");
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let (executor, ctx) = (executor.clone(), ctx.clone());
            tokio::spawn(async move {
                let command = ParticipantCommand::Register(registration("Rui"));
                executor
                    .execute::<Participant>(&format!("p-{i}"), command, &ctx)
                    .await
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for task in tasks {
        let outcome = task.await.expect("task").expect("executes");
        ids.insert(outcome.aggregate_id);
    }
    assert_eq!(ids.len(), 1, "every caller sees the same first outcome");
    assert_eq!(event_count(&t.db).await, 1);
}
on_both_backends!(it_replays_a_command_id_raced_from_many_tasks);

async fn it_loses_no_update_under_concurrent_commands(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    register(&executor, "p-1", "Rui").await;
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let executor = executor.clone();
            tokio::spawn(async move {
                let update = UpdateProfile {
                    municipality: Some(format!("Municipality {i}")),
                    ..UpdateProfile::default()
                };
                executor
                    .execute::<Participant>(
                        "p-1",
                        ParticipantCommand::UpdateProfile(update),
                        &staff(),
                    )
                    .await
            })
        })
        .collect();
    let mut applied = 0;
    for task in tasks {
        match task.await.expect("task") {
            Ok(outcome) => applied += i64::try_from(outcome.events.len()).expect("a count"),
            Err(CommandError::Conflict) => {}
            Err(other) => panic!("unexpected {other}"),
        }
    }
    assert!(applied >= 1);
    assert_eq!(
        event_count(&t.db).await,
        1 + applied,
        "every success appended exactly once"
    );
    let log = read_all(&t.db).await;
    let sequences: Vec<i64> = log.iter().map(|e| e.sequence).collect();
    assert_eq!(
        sequences,
        (1..=1 + applied).collect::<Vec<_>>(),
        "no gaps, no duplicates"
    );
    let last = log
        .last()
        .and_then(|e| e.payload["municipality"].as_str().map(str::to_owned));
    let state = executor
        .load::<Participant>("p-1")
        .await
        .expect("loads")
        .and_then(|p| p.profile);
    assert_eq!(state.map(|p| p.municipality), last);
}
on_both_backends!(it_loses_no_update_under_concurrent_commands);

async fn it_appends_nothing_when_refused(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    register(&executor, "p-1", "Rui").await;
    let refused = executor
        .execute::<Participant>(
            "p-1",
            ParticipantCommand::Register(registration("Rui")),
            &staff(),
        )
        .await;
    assert!(matches!(
        refused,
        Err(CommandError::Domain(DomainError::RuleBroken {
            rule: "participant_already_registered",
            ..
        }))
    ));
    let mut bad = registration("Rui");
    bad.email = "nope".to_owned();
    let invalid = executor
        .execute::<Participant>("p-2", ParticipantCommand::Register(bad), &staff())
        .await;
    assert!(matches!(
        invalid,
        Err(CommandError::Domain(DomainError::Invalid {
            field: "email",
            ..
        }))
    ));
    assert_eq!(event_count(&t.db).await, 1);
}
on_both_backends!(it_appends_nothing_when_refused);

async fn it_pages_through_the_global_log_in_one_order(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    for i in 0..12 {
        register(&executor, &format!("p-{i}"), "Rui").await;
    }
    published_course(&executor, "c-1").await;
    let log = GlobalLog::new(t.db.clone());
    let all = read_all(&t.db).await;
    assert_eq!(all.len(), 14);
    let mut paged = Vec::new();
    let mut checkpoint = Checkpoint::START;
    loop {
        let page = log.read_after(checkpoint, 5).await.expect("reads");
        let Some(last) = page.last() else { break };
        checkpoint = last.checkpoint;
        paged.extend(page);
    }
    assert_eq!(paged, all);
    assert!(all.windows(2).all(|w| w[0].checkpoint < w[1].checkpoint));
}
on_both_backends!(it_pages_through_the_global_log_in_one_order);

async fn it_indexes_a_journey_across_aggregates(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    register(&executor, "p-1", "Rui").await;
    register(&executor, "p-2", "Ana").await;
    published_course(&executor, "c-1").await;
    for participant in ["p-1", "p-2"] {
        let enrol = AppCommand::EnrolInCourse(Enrol {
            participant_id: Some(participant.to_owned()),
            course_id: "c-1".to_owned(),
        });
        execute(&executor, None, enrol, &staff())
            .await
            .expect("enrols");
    }
    let exam = AppCommand::SitExam(ExamAttempt { score: 90 });
    let outcome = execute(&executor, Some(&enrolment_id("p-1", "c-1")), exam, &staff())
        .await
        .expect("passes");
    assert_eq!(outcome.events.len(), 2);
    let journey = ruta_store::log::journey(&t.db, "p-1", Checkpoint::START, 100)
        .await
        .expect("journey");
    let types: Vec<&str> = journey.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "ParticipantRegistered",
            "EnrolledInCourse",
            "ExamAttempted",
            "CertificateIssued"
        ]
    );
    assert!(journey.iter().all(|e| e.metadata.subjects == ["p-1"]));
    let code = journey[3].payload["verification_code"]
        .as_str()
        .expect("code")
        .to_owned();
    let found = ruta_store::log::find_certificate(&t.db, &code)
        .await
        .expect("lookup");
    assert_eq!(
        found.map(|e| e.aggregate_id),
        Some(enrolment_id("p-1", "c-1"))
    );
    assert!(ruta_store::log::find_certificate(&t.db, "NOPE")
        .await
        .expect("lookup")
        .is_none());
    let second_page = ruta_store::log::journey(&t.db, "p-1", journey[1].checkpoint, 100)
        .await
        .expect("journey");
    assert_eq!(second_page, journey[2..]);
}
on_both_backends!(it_indexes_a_journey_across_aggregates);

async fn it_applies_migrations_once(t: &TestDb) {
    assert_eq!(t.db.migrate().await.expect("migrates again"), 0);
}
on_both_backends!(it_applies_migrations_once);

async fn it_indexes_each_event_under_its_own_subjects(t: &TestDb) {
    use ruta_commands::app::dispatch;
    use serde_json::json;
    let executor = Executor::new(t.db.clone());
    register(&executor, "p-1", "Rui").await;
    let schedule = json!({"type": "ScheduleProgrammeEvent", "kind": "networking",
        "title": "Encuentro", "city": "Lepe", "country": "ES", "date": "2015-03-10",
        "languages": ["es"], "organiser": "Mita"});
    dispatch(&executor, Some("ev-1"), schedule, &staff())
        .await
        .expect("schedules");
    let hold = json!({"type": "HoldProgrammeEvent", "attendee_ids": ["p-1"], "walk_ins": 3});
    let held = dispatch(&executor, Some("ev-1"), hold, &staff())
        .await
        .expect("holds");
    assert_eq!(held.events.len(), 2, "held and attendance, one commit");

    let journey = ruta_store::log::journey(&t.db, "p-1", Checkpoint::START, 10)
        .await
        .expect("journey");
    let types: Vec<&str> = journey.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(types, ["ParticipantRegistered", "ProgrammeEventAttended"]);
    let log = read_all(&t.db).await;
    let subjects = |kind: &str| {
        log.iter()
            .find(|e| e.event_type == kind)
            .map(|e| e.metadata.subjects.clone())
    };
    assert_eq!(subjects("ProgrammeEventHeld"), Some(vec![]));
    assert_eq!(
        subjects("ProgrammeEventAttended"),
        Some(vec!["p-1".to_owned()])
    );
}
on_both_backends!(it_indexes_each_event_under_its_own_subjects);
