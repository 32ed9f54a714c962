//! Expert advice through the import path: the same rules as over HTTP (the HTTP scenario is in
//! `api_advice.rs`).

use ruta_commands::app;
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{register, rule_of, staff, TestDb};

async fn it_applies_the_same_rules_on_the_import_path(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    let send = |id: &str, command: Value, ctx: &CommandContext| {
        let (x, id) = (x.clone(), id.to_owned());
        let ctx = ctx
            .clone()
            .with_command_id(uuid::Uuid::new_v4().to_string());
        async move { app::dispatch(&x, Some(&id), command, &ctx).await }
    };
    let import = staff();
    let tax = CommandContext::new("expert-rui", Role::Expert);
    let p1 = CommandContext::new("p1", Role::Participant);
    register(&x, "p1", "Ana").await;
    register(&x, "p2", "Bea").await;

    let expert =
        json!({"type": "RegisterExpert", "name": "Rui", "organisation": "GFA", "areas": ["tax"]});
    send("expert-rui", expert, &import)
        .await
        .expect("registers");
    let group =
        json!({"type": "CreateAdviceGroup", "topic": "VAT", "area": "tax", "title": "Tax desk"});
    send("g1", group.clone(), &import).await.expect("group");
    let by_participant = send("g2", group, &p1).await;
    assert!(
        matches!(
            by_participant,
            Err(CommandError::Domain(DomainError::Forbidden { .. }))
        ),
        "{by_participant:?}"
    );
    send(
        "g1",
        json!({"type": "JoinAdviceGroup", "participant_id": "p1"}),
        &p1,
    )
    .await
    .expect("joins");
    let ask = |p: &str| json!({"type": "AskInAdviceGroup", "question_id": "q1", "participant_id": p, "text": "IRS?"});
    assert_eq!(
        rule_of(&send("g1", ask("p2"), &import).await),
        Some("not_a_member")
    );
    send("g1", ask("p1"), &p1).await.expect("asks");
    let answer = json!({"type": "AnswerInAdviceGroup", "question_id": "q1", "text": "Yes."});
    let by_member = send("g1", answer.clone(), &p1).await;
    assert!(
        matches!(
            by_member,
            Err(CommandError::Domain(DomainError::Forbidden { .. }))
        ),
        "{by_member:?}"
    );
    send("g1", answer, &tax).await.expect("answers");

    let request = json!({"type": "RequestAdvice", "participant_id": "p2", "area": "marketing", "question": "Flyers?"});
    send("r1", request, &import).await.expect("requested");
    let reply = json!({"type": "AnswerAdviceRequest", "text": "Try social networks."});
    assert_eq!(
        rule_of(&send("r1", reply, &tax).await),
        Some("expert_area_mismatch")
    );
    let bad = send(
        "r1",
        json!({"type": "CloseAdviceRequest", "why": "done"}),
        &import,
    )
    .await;
    assert!(
        matches!(&bad, Err(CommandError::BadPayload { field, .. }) if field == "why"),
        "{bad:?}"
    );
}
on_both_backends!(it_applies_the_same_rules_on_the_import_path);
