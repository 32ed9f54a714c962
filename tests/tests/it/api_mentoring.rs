//! Mentoring end to end: mentors, requests, acceptance within capacity (also under races),
//! sessions, goals, closure; the mentee's journey; the import path.

use reqwest::{Method, StatusCode};
use ruta_commands::app::{self, mentoring};
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::mentor::{Mentor, MentorProfile};
use ruta_domain::values::{Language, Topic};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{event_count, register, registration_json, spawn_app, staff, TestApp, TestDb};

/// Registers a participant through the API; returns their id and a token for them.
pub(crate) async fn participant(app: &TestApp, name: &str) -> (String, String) {
    let staff = Some(app.staff_token.as_str());
    let body = expect(
        app,
        Method::POST,
        "/api/v1/participants",
        staff,
        Some(registration_json(name)),
        StatusCode::CREATED,
    )
    .await;
    let id = body["aggregate_id"].as_str().expect("id").to_owned();
    let token = token(app, Role::Participant, &id).await;
    (id, token)
}

pub(crate) async fn token(app: &TestApp, role: Role, subject: &str) -> String {
    ruta_api::auth::create_token(&app.db, role, Some(subject), None)
        .await
        .expect("token")
}

/// Sends and asserts the status; returns the JSON answer.
pub(crate) async fn expect(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    status: StatusCode,
) -> Value {
    let (got, headers, answer) = app.send(method.clone(), path, token, body).await;
    assert_eq!(got, status, "{method} {path}: {answer}");
    if !got.is_success() {
        assert_eq!(headers["content-type"], "application/problem+json");
    }
    answer
}

/// Asserts a refusal with its problem type, and that nothing was appended.
pub(crate) async fn refused(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    status: StatusCode,
    slug: &str,
) -> Value {
    let before = event_count(&app.db).await;
    let answer = expect(app, method, path, token, body, status).await;
    assert_eq!(answer["type"], format!("urn:ruta:problem:{slug}"), "{path}");
    assert_eq!(
        event_count(&app.db).await,
        before,
        "{path}: nothing appended"
    );
    answer
}

/// Asserts the 422 `rule-broken` problem naming `rule`.
pub(crate) async fn broken(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    rule: &str,
) {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let answer = refused(app, method, path, token, body, status, "rule-broken").await;
    assert_eq!(answer["rule"], rule, "{path}: {answer}");
}

pub(crate) async fn journey(app: &TestApp, participant: &str) -> Vec<String> {
    let path = format!("/api/v1/participants/{participant}/journey");
    let body = expect(
        app,
        Method::GET,
        &path,
        Some(&app.staff_token),
        None,
        StatusCode::OK,
    )
    .await;
    let events = body["events"].as_array().expect("events");
    events
        .iter()
        .filter_map(|e| e["event_type"].as_str().map(str::to_owned))
        .collect()
}

fn mentor_json(id: &str, capacity: u8) -> Value {
    json!({"mentor_id": id, "name": "Lucía Gómez", "areas_of_expertise": ["marketing", "tourism"],
        "languages": ["es", "pt"], "bio": "Runs a rural hotel in Aracena.", "capacity": capacity})
}

async fn it_mentors_a_participant_within_capacity(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (ana, ana_token) = participant(&app, "Ana").await;
    let (bea, bea_token) = participant(&app, "Bea").await;
    let (ana_t, bea_t) = (Some(ana_token.as_str()), Some(bea_token.as_str()));
    let lucia = token(&app, Role::Mentor, "mentor-lucia").await;
    let rui = token(&app, Role::Mentor, "mentor-rui").await;
    let (lucia, rui) = (Some(lucia.as_str()), Some(rui.as_str()));
    let post = Method::POST;

    let created = expect(
        &app,
        post.clone(),
        "/api/v1/mentors",
        staff,
        Some(mentor_json("mentor-lucia", 1)),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["aggregate_id"], "mentor-lucia");
    expect(
        &app,
        post.clone(),
        "/api/v1/mentors",
        staff,
        Some(mentor_json("mentor-rui", 2)),
        StatusCode::CREATED,
    )
    .await;
    broken(
        &app,
        post.clone(),
        "/api/v1/mentors",
        staff,
        Some(mentor_json("mentor-lucia", 1)),
        "mentor_already_registered",
    )
    .await;
    let bad = refused(
        &app,
        post.clone(),
        "/api/v1/mentors",
        staff,
        Some(mentor_json("mentor-x", 0)),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(bad["field"], "capacity");
    refused(
        &app,
        post.clone(),
        "/api/v1/mentors",
        ana_t,
        Some(mentor_json("mentor-x", 1)),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    refused(
        &app,
        Method::PATCH,
        "/api/v1/mentors/mentor-rui",
        lucia,
        Some(json!({"capacity": 3})),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect(
        &app,
        Method::PATCH,
        "/api/v1/mentors/mentor-lucia",
        lucia,
        Some(json!({"bio": "Hotelier and trainer."})),
        StatusCode::OK,
    )
    .await;

    let request =
        |mentor: &str| Some(json!({"mentor_id": mentor, "needs": "Pricing my guest house"}));
    let body = expect(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        ana_t,
        request("mentor-lucia"),
        StatusCode::CREATED,
    )
    .await;
    let m1 = format!(
        "/api/v1/mentorships/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    let for_bea = Some(json!({"participant_id": bea, "mentor_id": "mentor-lucia", "needs": "x"}));
    refused(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        ana_t,
        for_bea,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    refused(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        ana_t,
        request("mentor-nobody"),
        StatusCode::NOT_FOUND,
        "not-found",
    )
    .await;

    let accept = format!("{m1}/acceptance");
    refused(
        &app,
        post.clone(),
        &accept,
        rui,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    refused(
        &app,
        post.clone(),
        &accept,
        staff,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    refused(
        &app,
        post.clone(),
        &format!("{m1}/decline"),
        ana_t,
        Some(json!({})),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    broken(
        &app,
        post.clone(),
        &format!("{m1}/sessions"),
        lucia,
        Some(json!({"date": "2014-05-20", "minutes": 60, "topics": ["prices"]})),
        "mentorship_not_active",
    )
    .await;
    let body = expect(&app, post.clone(), &accept, lucia, None, StatusCode::OK).await;
    assert_eq!(body["events"][0]["event_type"], "MentorshipAccepted");
    broken(
        &app,
        post.clone(),
        &accept,
        lucia,
        None,
        "mentorship_not_pending",
    )
    .await;

    let body = expect(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        bea_t,
        request("mentor-lucia"),
        StatusCode::CREATED,
    )
    .await;
    let m2 = format!(
        "/api/v1/mentorships/{}",
        body["aggregate_id"].as_str().expect("id")
    );
    broken(
        &app,
        post.clone(),
        &format!("{m2}/acceptance"),
        lucia,
        None,
        "mentor_at_capacity",
    )
    .await;
    let mentor = expect(
        &app,
        Method::GET,
        "/api/v1/mentors/mentor-lucia",
        bea_t,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            mentor["active_mentees"].as_u64(),
            mentor["available"].as_bool()
        ),
        (Some(1), Some(false))
    );

    let sessions = format!("{m1}/sessions");
    let session = |minutes: u32| {
        Some(json!({"date": "2014-05-20", "minutes": minutes, "topics": ["prices", "suppliers"]}))
    };
    refused(
        &app,
        post.clone(),
        &sessions,
        ana_t,
        session(60),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let bad = refused(
        &app,
        post.clone(),
        &sessions,
        lucia,
        session(0),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(bad["field"], "minutes");
    expect(
        &app,
        post.clone(),
        &sessions,
        lucia,
        session(90),
        StatusCode::CREATED,
    )
    .await;

    let goals = format!("{m1}/goals");
    let body = Some(json!({"goal_id": "price-list", "description": "A published price list"}));
    expect(
        &app,
        post.clone(),
        &goals,
        ana_t,
        body.clone(),
        StatusCode::CREATED,
    )
    .await;
    broken(&app, post.clone(), &goals, lucia, body, "goal_already_set").await;
    broken(
        &app,
        post.clone(),
        &format!("{goals}/nope/achievement"),
        lucia,
        None,
        "unknown_goal",
    )
    .await;
    expect(
        &app,
        post.clone(),
        &format!("{goals}/price-list/achievement"),
        lucia,
        None,
        StatusCode::OK,
    )
    .await;
    broken(
        &app,
        post.clone(),
        &format!("{goals}/price-list/achievement"),
        ana_t,
        None,
        "goal_already_achieved",
    )
    .await;

    refused(
        &app,
        Method::GET,
        &m1,
        bea_t,
        None,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let view = expect(&app, Method::GET, &m1, lucia, None, StatusCode::OK).await;
    assert_eq!(
        (
            view["status"].as_str(),
            view["sessions"][0]["minutes"].as_u64()
        ),
        (Some("accepted"), Some(90))
    );

    let close = Some(json!({"outcome": "goals_achieved", "notes": "Opened for the season"}));
    expect(
        &app,
        post.clone(),
        &format!("{m1}/closure"),
        ana_t,
        close.clone(),
        StatusCode::OK,
    )
    .await;
    broken(
        &app,
        post.clone(),
        &format!("{m1}/closure"),
        lucia,
        close,
        "mentorship_not_active",
    )
    .await;
    expect(
        &app,
        post.clone(),
        &format!("{m2}/acceptance"),
        lucia,
        None,
        StatusCode::OK,
    )
    .await;

    expect(
        &app,
        post.clone(),
        "/api/v1/mentors/mentor-lucia/retirement",
        staff,
        None,
        StatusCode::OK,
    )
    .await;
    broken(
        &app,
        post.clone(),
        "/api/v1/mentors/mentor-lucia/retirement",
        staff,
        None,
        "mentor_already_retired",
    )
    .await;
    broken(
        &app,
        post.clone(),
        "/api/v1/mentorships",
        ana_t,
        request("mentor-lucia"),
        "mentor_retired",
    )
    .await;

    assert_eq!(
        journey(&app, &ana).await,
        [
            "ParticipantRegistered",
            "MentorshipRequested",
            "MentorshipAccepted",
            "MentoringSessionLogged",
            "MentoringGoalSet",
            "MentoringGoalAchieved",
            "MentorshipClosed"
        ]
    );
    assert_eq!(
        journey(&app, &bea).await,
        [
            "ParticipantRegistered",
            "MentorshipRequested",
            "MentorshipAccepted"
        ]
    );
}
on_both_backends!(it_mentors_a_participant_within_capacity);

fn profile(capacity: u8) -> MentorProfile {
    MentorProfile {
        name: "Rui Matos".to_owned(),
        areas_of_expertise: [Topic::Management].into(),
        languages: [Language::Pt].into(),
        bio: "Accountant in Faro.".to_owned(),
        capacity,
    }
}

fn rule_of(result: &Result<ruta_commands::CommandOutcome, CommandError>) -> Option<&'static str> {
    match result {
        Err(CommandError::Domain(DomainError::RuleBroken { rule, .. })) => Some(rule),
        _ => None,
    }
}

/// Mentorships `ids` requested from `mentor` by fresh participants, through the command layer.
async fn requested(x: &Executor, mentor: &str, ids: &[String]) {
    for id in ids {
        let participant = format!("p-{id}");
        register(x, &participant, "Ana").await;
        mentoring::request(x, id, &participant, mentor, "Help".to_owned(), &staff())
            .await
            .expect("requested");
    }
}

async fn it_accepts_exactly_one_of_two_racing_mentees_at_capacity_one(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    for round in 0..4 {
        let mentor = format!("mentor-{round}");
        mentoring::register_mentor(&x, &mentor, profile(1), &staff())
            .await
            .expect("mentor");
        let ids = [format!("a{round}"), format!("b{round}")];
        requested(&x, &mentor, &ids).await;
        let ctx = || CommandContext::new(mentor.clone(), Role::Mentor);
        let (first, second) = (ctx(), ctx());
        // Two tasks on the multi-threaded runtime: the acceptances really run in parallel.
        let spawn = |id: String, ctx: CommandContext| {
            let x = x.clone();
            tokio::spawn(async move { mentoring::accept(&x, &id, &ctx).await })
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
        let state = x
            .load::<Mentor>(&mentor)
            .await
            .expect("load")
            .expect("mentor");
        assert_eq!(state.active_mentorships.len(), 1);

        // The winner retried with the same command id: replayed, no second slot taken.
        let (winner, ctx) = if a.is_ok() {
            (&ids[0], first)
        } else {
            (&ids[1], second)
        };
        let again = mentoring::accept(&x, winner, &ctx).await.expect("replays");
        assert!(again.replayed);
        let state = x
            .load::<Mentor>(&mentor)
            .await
            .expect("load")
            .expect("mentor");
        assert_eq!(state.active_mentorships.len(), 1);
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
