//! Business time respects the facts a command depends on: a command dated before a fact it
//! looks up (a course's publication, a participant's registration, the previous financing
//! step…) is refused with rule `occurred_before_prerequisite`, on every path — import files,
//! batches, typed HTTP commands and `app::dispatch`. Back-dated history that did happen after
//! its facts is applied.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use reqwest::{Method, StatusCode};
use ruta_api::import_file::import_file;
use ruta_commands::app::{self, OCCURRED_BEFORE_PREREQUISITE};
use ruta_commands::{CommandContext, CommandError, Executor, Role};
use ruta_domain::DomainError;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::store::import::{line, with_type, write};
use crate::support::{course_json, event_count, read_all, registration_json, spawn_app, TestDb};

const RULE: &str = OCCURRED_BEFORE_PREREQUISITE;

fn enrol(participant: &str, course: &str) -> Value {
    json!({"type": "EnrolInCourse", "participant_id": participant, "course_id": course})
}

/// An enrolment line dated before its course's publication, which a later line records.
fn enrolment_before_publication() -> tempfile::NamedTempFile {
    let lines = [
        line(
            "reg-ana",
            Some("p-ana"),
            with_type("RegisterParticipant", registration_json("Ana")),
            "2013-11-04",
        ),
        line(
            "reg-ben",
            Some("p-ben"),
            with_type("RegisterParticipant", registration_json("Ben")),
            "2013-11-04",
        ),
        line(
            "course-1",
            Some("c-1"),
            with_type("CreateCourse", course_json()),
            "2013-12-01",
        ),
        line("enrol-ana", None, enrol("p-ana", "c-1"), "2014-01-10"),
        line(
            "pub-1",
            Some("c-1"),
            json!({"type": "PublishCourse"}),
            "2014-02-01",
        ),
        line("enrol-ben", None, enrol("p-ben", "c-1"), "2014-02-10"),
    ];
    write(&lines)
}

async fn it_refuses_an_enrolment_dated_before_its_course_on_every_run_of_a_file(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    let file = enrolment_before_publication();
    let first = import_file(&executor, file.path(), false, false)
        .await
        .expect("imports");
    let s = &first.summary;
    assert_eq!((s.lines, s.applied, s.duplicates, s.rejected), (6, 5, 0, 1));
    assert_eq!(first.rejections.len(), 1);
    assert_eq!(first.rejections[0].0, 4);
    assert!(
        first.rejections[0].1.contains("rule course_not_published"),
        "not published yet: {:?}",
        first.rejections
    );

    let again = import_file(&executor, file.path(), false, false)
        .await
        .expect("re-imports");
    let s = &again.summary;
    assert_eq!((s.applied, s.duplicates, s.rejected), (0, 5, 1));
    let (number, reason) = &again.rejections[0];
    assert_eq!(*number, 4, "{:?}", again.rejections);
    assert_eq!(
        reason,
        &format!(
            "rule {RULE}: this command is dated 2014-01-10T10:00:00Z, before the course was \
             published (2014-02-01T10:00:00Z)"
        ),
        "names the fact and both times, nothing about the participant"
    );

    let events = read_all(&t.db).await;
    let published = events
        .iter()
        .find(|e| e.event_type == "CoursePublished")
        .map(|e| e.metadata.occurred_at.clone())
        .expect("published");
    let enrolments: Vec<(&str, &str)> = events
        .iter()
        .filter(|e| e.aggregate_type == "Enrolment")
        .map(|e| (e.aggregate_id.as_str(), e.metadata.occurred_at.as_str()))
        .collect();
    assert_eq!(
        enrolments,
        [("p-ben.c-1", "2014-02-10T10:00:00.000000Z")],
        "only the enrolment dated after the publication"
    );
    assert!(enrolments.iter().all(|(_, at)| *at >= published.as_str()));
}
on_both_backends!(it_refuses_an_enrolment_dated_before_its_course_on_every_run_of_a_file);

async fn it_refuses_back_dated_batch_items_and_typed_commands_before_their_facts(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let item = |id: &str, aggregate: Option<&str>, command: Value, at: &str| {
        json!({"command_id": id, "aggregate_id": aggregate, "command": command,
            "occurred_at": format!("{at}T09:00:00Z")})
    };
    let batch = json!({"commands": [
        item("reg", Some("p-1"), with_type("RegisterParticipant", registration_json("Rui")),
            "2014-01-01"),
        item("course", Some("c-1"), with_type("CreateCourse", course_json()), "2014-01-02"),
        item("publish", Some("c-1"), json!({"type": "PublishCourse"}), "2014-02-01"),
        item("early", None, enrol("p-1", "c-1"), "2014-01-15"),
        item("late", None, enrol("p-1", "c-1"), "2014-02-15"),
        item("progress-early", Some("p-1.c-1"), json!({"type": "RecordProgress", "percent": 10}),
            "2014-02-14"),
        item("progress", Some("p-1.c-1"), json!({"type": "RecordProgress", "percent": 10}),
            "2014-02-16"),
    ]});
    let (status, _, body) = app
        .send(Method::POST, "/api/v1/commands:batch", staff, Some(batch))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["summary"],
        json!({"lines": 7, "applied": 5, "duplicates": 0, "rejected": 2})
    );
    let statuses: Vec<&str> = body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        statuses,
        ["applied", "applied", "applied", "rejected", "applied", "rejected", "applied"]
    );
    assert_eq!(
        body["results"][3]["reason"],
        format!(
            "rule {RULE}: this command is dated 2014-01-15T09:00:00Z, before the course was \
             published (2014-02-01T09:00:00Z)"
        )
    );
    assert_eq!(
        body["results"][5]["reason"],
        format!(
            "rule {RULE}: this command is dated 2014-02-14T09:00:00Z, before the enrolment was \
             made (2014-02-15T09:00:00Z)"
        )
    );

    // A typed command is dated now: refused only when its fact is recorded as later still
    // (within the day of clock skew a business time may lie ahead), with the rule in the
    // problem document.
    let published_at =
        (Utc::now() + Duration::hours(12)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut publish = item(
        "publish-2",
        Some("c-2"),
        json!({"type": "PublishCourse"}),
        "",
    );
    publish["occurred_at"] = json!(published_at);
    let future = json!({"commands": [
        item("reg-2", Some("p-2"), with_type("RegisterParticipant", registration_json("Eva")),
            "2014-01-01"),
        item("course-2", Some("c-2"), with_type("CreateCourse", course_json()), "2014-01-02"),
        publish,
    ]});
    let (status, _, body) = app
        .send(Method::POST, "/api/v1/commands:batch", staff, Some(future))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let before = event_count(&app.db).await;
    let (status, headers, body) = app
        .send(
            Method::POST,
            "/api/v1/enrolments",
            staff,
            Some(json!({"participant_id": "p-2", "course_id": "c-2"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(body["type"], "urn:ruta:problem:rule-broken", "{body}");
    assert_eq!(body["rule"], RULE, "{body}");
    assert!(
        body["detail"].as_str().is_some_and(
            |d| d.ends_with(&format!("before the course was published ({published_at})"))
        )
    );
    assert_eq!(event_count(&app.db).await, before, "nothing appended");
    let (status, _, body) = app
        .send(
            Method::POST,
            "/api/v1/enrolments",
            staff,
            Some(json!({"participant_id": "p-2", "course_id": "c-1"})),
        )
        .await;
    assert!(
        status.is_success(),
        "a course published in the past: {body}"
    );
}
on_both_backends!(it_refuses_back_dated_batch_items_and_typed_commands_before_their_facts);

/// A programme's history in which every guarded look-up occurs: `[date, who, aggregate id,
/// command, [the fact it depends on that began last, since when]]`.
fn history() -> Vec<Value> {
    let reg = |name: &str| with_type("RegisterParticipant", registration_json(name));
    let course = with_type("CreateCourse", course_json());
    let business = |founder: &str| {
        json!({"type": "CreateBusiness", "founder_ids": [founder], "name": "Arepas",
            "sector": "food", "legal_form": "self_employed", "country": "ES",
            "municipality": "Lepe", "founded_on": "2014-03-01", "ecommerce": true})
    };
    let event = |city: &str, country: &str, date: &str| {
        json!({"type": "ScheduleProgrammeEvent", "kind": "networking", "title": "Encuentro",
            "city": city, "country": country, "date": date, "languages": ["es"],
            "organiser": "CEAL"})
    };
    let (registered, created) = ("the participant was registered", "the business was created");
    let (enrolled, requested) = ("the enrolment was made", "the mentorship was requested");
    let (expert, scheduled) = (
        "the expert was registered",
        "the programme event was scheduled",
    );
    let group = "the advice group was created";
    vec![
        json!(["2013-10-01", "staff", "p-ana", reg("Ana"), null]),
        json!(["2013-10-03", "staff", "c-1", course, null]),
        json!(["2013-10-05", "staff", "m-1", {"type": "RegisterMentor", "name": "Marta",
            "areas_of_expertise": ["marketing"], "languages": ["es"], "bio": "Retail",
            "capacity": 3}, null]),
        json!(["2013-10-06", "staff", "g-1", {"type": "CreateAdviceGroup", "topic": "VAT",
            "area": "tax", "title": "Tax desk"}, null]),
        json!(["2013-10-08", "staff", "expert-rui", {"type": "RegisterExpert", "name": "Rui",
            "organisation": "GFA", "areas": ["tax"]}, null]),
        json!(["2013-10-10", "staff", "c-1", {"type": "PublishCourse"}, null]),
        json!(["2013-10-20", "staff", "p-rui", reg("Rui"), null]),
        json!([
            "2013-11-01",
            "staff",
            null,
            enrol("p-ana", "c-1"),
            ["the course was published", "2013-10-10"]
        ]),
        json!([
            "2013-11-02",
            "staff",
            null,
            enrol("p-rui", "c-1"),
            [registered, "2013-10-20"]
        ]),
        json!(["2013-12-01", "staff", "p-ana.c-1", {"type": "RecordProgress", "percent": 50},
            [enrolled, "2013-11-01"]]),
        json!(["2013-12-05", "staff", "p-ana.c-1", {"type": "SitExam", "score": 90},
            [enrolled, "2013-11-01"]]),
        json!(["2014-01-05", "staff", "p-rui.c-1", {"type": "WithdrawEnrolment"},
            [enrolled, "2013-11-02"]]),
        json!(["2014-01-10", "staff", "ms-1", {"type": "RequestMentorship",
            "participant_id": "p-ana", "mentor_id": "m-1", "needs": "Funding"},
            ["the mentor was registered", "2013-10-05"]]),
        json!(["2014-01-11", "staff", "ms-2", {"type": "RequestMentorship",
            "participant_id": "p-rui", "mentor_id": "m-1", "needs": "Funding"},
            [registered, "2013-10-20"]]),
        json!(["2014-01-20", "mentor", "ms-1", {"type": "AcceptMentorship"},
            [requested, "2014-01-10"]]),
        json!(["2014-01-21", "mentor", "ms-2", {"type": "DeclineMentorship"},
            [requested, "2014-01-11"]]),
        json!(["2014-02-01", "staff", "g-1", {"type": "JoinAdviceGroup", "participant_id": "p-ana"},
            [group, "2013-10-06"]]),
        json!(["2014-02-02", "staff", "g-1", {"type": "AskInAdviceGroup", "question_id": "q1",
            "participant_id": "p-ana", "text": "IVA?"}, [group, "2013-10-06"]]),
        json!(["2014-02-03", "expert", "g-1", {"type": "AnswerInAdviceGroup", "question_id": "q1",
            "text": "Sí."}, [expert, "2013-10-08"]]),
        json!(["2014-02-05", "staff", "r-1", {"type": "RequestAdvice", "participant_id": "p-rui",
            "area": "tax", "question": "IRS?"}, [registered, "2013-10-20"]]),
        json!(["2014-02-06", "expert", "r-1", {"type": "AnswerAdviceRequest", "text": "Yes."},
            [expert, "2013-10-08"]]),
        json!([
            "2014-03-01",
            "staff",
            "b-1",
            business("p-rui"),
            [registered, "2013-10-20"]
        ]),
        json!([
            "2014-03-05",
            "staff",
            "b-2",
            business("p-ana"),
            [registered, "2013-10-01"]
        ]),
        json!(["2014-03-10", "staff", "b-2", {"type": "FormB2BRelationship", "kind": "customer",
            "cross_border": false,
            "counterpart": {"type": "platform_business", "business_id": "b-1"}},
            [created, "2014-03-01"]]),
        json!(["2014-04-01", "staff", "l-1", {"type": "CreateListing", "seller_id": "p-rui",
            "business_id": "b-1", "kind": "product", "title": "Arepas", "description": "Caja",
            "language": "es", "category": "food", "price": "12.50", "municipality": "Lepe",
            "country": "ES"}, [created, "2014-03-01"]]),
        json!(["2014-04-02", "staff", "l-1", {"type": "PublishListing"}, [created, "2014-03-01"]]),
        json!(["2014-04-10", "staff", "o-1", {"type": "PlaceOrder", "listing_id": "l-1",
            "quantity": 1, "buyer": {"kind": "participant", "participant_id": "p-ana"}},
            ["the listing was published", "2014-04-02"]]),
        json!(["2014-05-01", "staff", "j-1", {"type": "PostJob", "business_id": "b-1",
            "title": "Cook", "description": "Weekends", "employment": "part_time"},
            [created, "2014-03-01"]]),
        json!(["2014-05-10", "staff", "j-1", {"type": "ApplyToJob", "participant_id": "p-ana"},
            ["the job was posted", "2014-05-01"]]),
        json!(["2014-06-01", "staff", "f-1", {"type": "OpenFinancingApplication",
            "participant_id": "p-rui", "business_id": "b-1", "purpose": "an oven",
            "amount_sought": "5000.00"}, [created, "2014-03-01"]]),
        json!(["2014-06-02", "staff", "f-1", {"type": "AssessFinancingNeeds", "summary": "an oven"},
            ["the financing application was opened", "2014-06-01"]]),
        json!(["2014-06-03", "staff", "f-1", {"type": "RecommendFinancingChannel",
            "channel": "bank", "name": "Caixa"},
            ["the financing needs were assessed", "2014-06-02"]]),
        json!(["2014-06-04", "staff", "f-1", {"type": "CertifyFinancingProject",
            "partner_organisation": "Mita"},
            ["the financing channel was recommended", "2014-06-03"]]),
        json!(["2014-06-05", "staff", "f-1", {"type": "SubmitFinancingRequest", "to": "Caixa"},
            ["the project was certified", "2014-06-04"]]),
        json!(["2014-06-06", "staff", "f-1", {"type": "ApproveFinancing", "amount": "4000.00"},
            ["the financing request was submitted", "2014-06-05"]]),
        json!(["2014-06-07", "staff", "f-1", {"type": "RecordFundsReceived", "amount": "4000.00"},
            ["the financing was approved", "2014-06-06"]]),
        json!(["2014-06-08", "staff", "f-1", {"type": "RecordFinancingFollowUp", "note": "Baking"},
            ["funds were received or the financing was rejected", "2014-06-07"]]),
        json!([
            "2014-07-01",
            "staff",
            "ev-1",
            event("Faro", "PT", "2014-07-20"),
            null
        ]),
        json!(["2014-07-05", "staff", "ev-1", {"type": "RegisterForProgrammeEvent",
            "participant_id": "p-ana"}, [scheduled, "2014-07-01"]]),
        json!(["2014-07-15", "staff", "p-eva", reg("Eva"), null]),
        json!(["2014-07-20", "staff", "ev-1", {"type": "HoldProgrammeEvent",
            "attendee_ids": ["p-ana", "p-eva"], "walk_ins": 3}, [registered, "2014-07-15"]]),
        json!([
            "2014-08-01",
            "staff",
            "ev-2",
            event("Lepe", "ES", "2014-08-20"),
            null
        ]),
        json!(["2014-08-05", "staff", "ev-2", {"type": "CancelProgrammeEvent", "reason": "Rain"},
            [scheduled, "2014-08-01"]]),
    ]
}

fn at(date: &str) -> DateTime<Utc> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .expect("a date")
        .and_hms_opt(10, 0, 0)
        .expect("a time")
        .and_utc()
}

fn text(value: &Value) -> &str {
    value.as_str().expect("a string")
}

/// Each line of [`history`] is sent dated a day before the fact it depends on began (refused,
/// nothing appended), then at its own date (applied).
async fn it_refuses_each_guarded_look_up_dated_before_its_fact_and_applies_it_after(t: &TestDb) {
    let x = Executor::new(t.db.clone());
    let mut guarded = 0;
    for step in history() {
        let [date, who, id, command, after] = step.as_array().expect("a step").as_slice() else {
            panic!("five columns: {step}");
        };
        let (actor, role) = match text(who) {
            "mentor" => ("m-1", Role::Mentor),
            "expert" => ("expert-rui", Role::Expert),
            _ => ("staff-ines", Role::Staff),
        };
        let send = |occurred_at: DateTime<Utc>| {
            let mut ctx = CommandContext::new(actor, role);
            ctx.occurred_at = Some(occurred_at);
            let (x, command) = (x.clone(), command.clone());
            async move { app::dispatch(&x, id.as_str(), command, &ctx).await }
        };
        let kind = text(&command["type"]);
        if let [fact, since] = after.as_array().map(Vec::as_slice).unwrap_or_default() {
            let (fact, since) = (text(fact), at(text(since)));
            let before = event_count(&t.db).await;
            let early = since - Duration::days(1);
            let refused = send(early).await;
            let Err(CommandError::Domain(DomainError::RuleBroken { rule, message })) = &refused
            else {
                panic!("{kind} dated before {fact}: {refused:?}");
            };
            assert_eq!(*rule, RULE, "{kind}: {message}");
            let stamp = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
            let expected = format!(
                "this command is dated {}, before {fact} ({})",
                stamp(early),
                stamp(since)
            );
            assert_eq!(message, &expected, "{kind}");
            assert_eq!(event_count(&t.db).await, before, "{kind}: nothing appended");
            guarded += 1;
        }
        let applied = send(at(text(date))).await;
        assert!(
            applied.as_ref().is_ok_and(|o| !o.events.is_empty()),
            "{kind} at {date}: {applied:?}"
        );
    }
    assert_eq!(guarded, 33);
}
on_both_backends!(it_refuses_each_guarded_look_up_dated_before_its_fact_and_applies_it_after);
