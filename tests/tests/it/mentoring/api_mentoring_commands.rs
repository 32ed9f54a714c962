//! Mentoring through the command layer: two mentees racing for the last slot of a mentor, and
//! the import path holding the same rules as HTTP. The HTTP scenario is in `api_mentoring.rs`.

use ruta_commands::app::mentoring::MentorshipRequest;
use ruta_commands::app::{self, execute, AppCommand};
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::mentoring::mentor::{Mentor, MentorProfile};
use ruta_domain::values::{AreaOfSupport, Language};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::mentoring::api_mentoring::mentor_json;
use crate::on_both_backends;
use crate::support::{register, rule_of, staff, TestDb};

fn profile(capacity: u8) -> MentorProfile {
    MentorProfile {
        name: "Rui Matos".to_owned(),
        areas_of_expertise: [AreaOfSupport::Management].into(),
        languages: [Language::Pt].into(),
        bio: "Accountant in Faro.".to_owned(),
        capacity,
    }
}

/// Mentorships `ids` requested from `mentor` by fresh participants, through the command layer.
async fn requested(x: &Executor, mentor: &str, ids: &[String]) {
    for id in ids {
        let participant = format!("p-{id}");
        register(x, &participant, "Ana").await;
        let request = MentorshipRequest {
            participant_id: Some(participant),
            mentor_id: mentor.to_owned(),
            needs: "Help".to_owned(),
        };
        execute(
            x,
            Some(id),
            AppCommand::RequestMentorship(request),
            &staff(),
        )
        .await
        .expect("requested");
    }
}

async fn active_mentees(x: &Executor, mentor: &str) -> usize {
    let state = x.load::<Mentor>(mentor).await.expect("load");
    state.expect("mentor").active_mentorships.len()
}

async fn it_accepts_exactly_one_of_two_racing_mentees_at_capacity_one(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    for round in 0..4 {
        let mentor = format!("mentor-{round}");
        let register_mentor = AppCommand::RegisterMentor(profile(1));
        execute(&x, Some(&mentor), register_mentor, &staff())
            .await
            .expect("mentor");
        let ids = [format!("a{round}"), format!("b{round}")];
        requested(&x, &mentor, &ids).await;
        let ctx = || CommandContext::new(mentor.clone(), Role::Mentor);
        let (first, second) = (ctx(), ctx());
        // Two tasks on the multi-threaded runtime: the acceptances really run in parallel.
        let spawn = |id: String, ctx: CommandContext| {
            let x = x.clone();
            tokio::spawn(
                async move { execute(&x, Some(&id), AppCommand::AcceptMentorship, &ctx).await },
            )
        };
        let (a, b) = (
            spawn(ids[0].clone(), first.clone()),
            spawn(ids[1].clone(), second.clone()),
        );
        let (a, b) = (a.await.expect("task"), b.await.expect("task"));
        let results = [&a, &b];
        let won = results.iter().filter(|r| r.is_ok()).count();
        let at_capacity = results
            .iter()
            .filter(|r| rule_of(r) == Some("mentor_at_capacity"))
            .count();
        assert_eq!((won, at_capacity), (1, 1), "round {round}: {a:?} / {b:?}");
        assert_eq!(active_mentees(&x, &mentor).await, 1);

        // The winner retried with the same command id: replayed, no second slot taken.
        let (winner, ctx) = if a.is_ok() {
            (&ids[0], first)
        } else {
            (&ids[1], second)
        };
        let again = execute(&x, Some(winner), AppCommand::AcceptMentorship, &ctx)
            .await
            .expect("replays");
        assert!(again.replayed);
        assert_eq!(active_mentees(&x, &mentor).await, 1);
    }
}
on_both_backends!(it_accepts_exactly_one_of_two_racing_mentees_at_capacity_one);

async fn it_applies_the_same_rules_on_the_import_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    let mut import = staff();
    import.channel = ruta_commands::Channel::Import;
    let send = |id: &str, command: Value, ctx: CommandContext| {
        let x = x.clone();
        let id = id.to_owned();
        async move { app::dispatch(&x, Some(&id), command, &ctx).await }
    };
    let fresh = |ctx: &CommandContext| {
        ctx.clone()
            .with_command_id(uuid::Uuid::new_v4().to_string())
    };
    let mentor = CommandContext::new("mentor-ines", Role::Mentor);
    register(&x, "p1", "Ana").await;
    register(&x, "p2", "Bea").await;

    let mut m = mentor_json("mentor-ines", 1);
    m.as_object_mut().map(|o| o.remove("mentor_id"));
    m["type"] = json!("RegisterMentor");
    send("mentor-ines", m.clone(), fresh(&import))
        .await
        .expect("registers");
    let refused = send("mentor-ines", m, fresh(&mentor)).await;
    assert!(
        matches!(
            refused,
            Err(CommandError::Domain(DomainError::Forbidden { .. }))
        ),
        "{refused:?}"
    );
    for (id, p) in [("ms1", "p1"), ("ms2", "p2")] {
        let request = json!({"type": "RequestMentorship", "participant_id": p, "mentor_id": "mentor-ines", "needs": "Funding"});
        send(id, request, fresh(&import)).await.expect("requested");
    }
    let accept = json!({"type": "AcceptMentorship"});
    let by_staff = send("ms1", accept.clone(), fresh(&import)).await;
    assert!(
        matches!(
            by_staff,
            Err(CommandError::Domain(DomainError::Forbidden { .. }))
        ),
        "{by_staff:?}"
    );
    send("ms1", accept.clone(), fresh(&mentor))
        .await
        .expect("accepted");
    let full = send("ms2", accept, fresh(&mentor)).await;
    assert_eq!(rule_of(&full), Some("mentor_at_capacity"));

    let session = json!({"type": "LogMentoringSession", "date": "2014-06-02", "minutes": 45, "topics": ["grants"], "actor": "x"});
    let bad = send("ms1", session, fresh(&mentor)).await;
    assert!(
        matches!(&bad, Err(CommandError::BadPayload { field, .. }) if field == "actor"),
        "{bad:?}"
    );
    let achieve = json!({"type": "AchieveMentoringGoal", "goal_id": "g9"});
    assert_eq!(
        rule_of(&send("ms1", achieve, fresh(&mentor)).await),
        Some("unknown_goal")
    );
    let close = json!({"type": "CloseMentorship", "outcome": "discontinued"});
    send("ms1", close, fresh(&import)).await.expect("closed");
    let accept = json!({"type": "AcceptMentorship"});
    send("ms2", accept, fresh(&mentor))
        .await
        .expect("the closed mentorship freed the slot");
}
on_both_backends!(it_applies_the_same_rules_on_the_import_path);
