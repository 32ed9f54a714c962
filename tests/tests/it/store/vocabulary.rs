//! The one command vocabulary: an import line and a typed command take the same path, with
//! the same conveniences as HTTP (a participant may leave out their own `participant_id`).

use ruta_commands::app::elearning::Enrol;
use ruta_commands::app::{self, AppCommand};
use ruta_commands::import::{apply_text, LineResult};
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use serde_json::json;

use crate::on_both_backends;
use crate::support::{event_count, published_course, register, TestDb};

fn line(command_id: &str, actor: &str, role: &str, command: serde_json::Value) -> String {
    json!({
        "command_id": command_id, "command": command, "actor": actor, "role": role,
        // Now: the fixtures' course was published just before.
        "occurred_at": chrono::Utc::now().to_rfc3339(),
    })
    .to_string()
}

async fn it_resolves_a_participant_acting_for_themselves_on_every_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    register(&x, "p-1", "Ana").await;
    register(&x, "p-2", "Rui").await;
    published_course(&x, "c-1").await;
    published_course(&x, "c-2").await;
    let before = event_count(&t.db).await;

    // Staff must name the participant: refused on its field, nothing appended.
    let enrol = json!({"type": "EnrolInCourse", "course_id": "c-1"});
    let refused = apply_text(&x, &line("by-staff", "staff-1", "staff", enrol.clone())).await;
    let LineResult::Rejected(CommandError::BadPayload { field, .. }) = refused else {
        panic!("staff enrolled nobody in particular: {refused:?}");
    };
    assert_eq!(field, "participant_id");
    assert_eq!(event_count(&t.db).await, before);

    // A participant's own line enrols themselves, as `POST /enrolments` without the field.
    let applied = apply_text(&x, &line("by-p-1", "p-1", "participant", enrol)).await;
    let LineResult::Applied(outcome) = applied else {
        panic!("a participant's own enrolment was refused: {applied:?}");
    };
    assert_eq!(outcome.aggregate_id, "p-1.c-1");

    // The typed command goes the same way, and names the participant it acted for.
    let me = CommandContext::new("p-2", Role::Participant);
    let typed = AppCommand::EnrolInCourse(Enrol {
        participant_id: None,
        course_id: "c-2".to_owned(),
    });
    let outcome = app::execute(&x, None, typed.clone(), &me)
        .await
        .expect("enrols themselves");
    assert_eq!(outcome.aggregate_id, "p-2.c-2");
    // Written out, it is the JSON an import line carries, and parses back to itself.
    let written = serde_json::to_value(&typed).expect("serialises");
    assert_eq!(written["type"], "EnrolInCourse");
    assert_eq!(AppCommand::from_json(written).ok(), Some(typed));

    // Naming someone else is still refused to a participant.
    let other = json!({"type": "EnrolInCourse", "participant_id": "p-1", "course_id": "c-2"});
    let refused = app::dispatch(&x, None, other, &me).await;
    assert!(
        matches!(refused, Err(CommandError::Domain(_))),
        "{refused:?}"
    );
}
on_both_backends!(it_resolves_a_participant_acting_for_themselves_on_every_path);
