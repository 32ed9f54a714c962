//! The whole programme through one import file: every part of the platform, one entrepreneur's
//! journey across all of them, in order — and the file is idempotent.

use reqwest::Method;
use ruta_api::import_file::import_file;
use ruta_commands::Executor;
use serde_json::{json, Value};
use std::io::Write;

use crate::on_both_backends;
use crate::participant::journey_filters::check_filters_and_export;
use crate::support::{event_count, registration_json, spawn_app, TestDb};

struct History {
    lines: Vec<String>,
    day: u32,
}

impl History {
    /// Appends a command acted by `actor` (`role`), one day after the previous one.
    fn add(&mut self, actor: (&str, &str), id: Option<&str>, kind: &str, mut fields: Value) {
        fields["type"] = json!(kind);
        self.day += 1;
        let date = chrono::NaiveDate::from_ymd_opt(2013, 9, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(self.day.into())))
            .expect("date");
        let mut line = json!({"command_id": format!("cmd-{}", self.lines.len()),
            "command": fields, "actor": actor.0, "role": actor.1,
            "occurred_at": format!("{date}T10:00:00Z")});
        if let Some(id) = id {
            line["aggregate_id"] = json!(id);
        }
        self.lines.push(line.to_string());
    }
}

const STAFF: (&str, &str) = ("staff-lepe", "staff");
const ANA: (&str, &str) = ("p-ana", "participant");
const RUI: (&str, &str) = ("p-rui", "participant");
const MENTOR: (&str, &str) = ("m-1", "mentor");
const EXPERT: (&str, &str) = ("e-1", "expert");

fn programme() -> Vec<String> {
    let mut h = History {
        lines: Vec::new(),
        day: 0,
    };
    h.add(
        STAFF,
        Some("p-ana"),
        "RegisterParticipant",
        registration_json("Ana Pérez"),
    );
    h.add(
        STAFF,
        Some("p-rui"),
        "RegisterParticipant",
        registration_json("Rui Costa"),
    );
    // E-learning
    h.add(
        STAFF,
        Some("c-1"),
        "CreateCourse",
        json!({"titles": {"es": "Comercio electrónico"},
        "topic": "e_commerce", "hours": 20, "pass_mark": 50, "max_exam_attempts": 3}),
    );
    h.add(STAFF, Some("c-1"), "PublishCourse", json!({}));
    h.add(
        ANA,
        None,
        "EnrolInCourse",
        json!({"participant_id": "p-ana", "course_id": "c-1"}),
    );
    h.add(STAFF, Some("p-ana.c-1"), "SitExam", json!({"score": 80}));
    // Mentoring
    h.add(
        STAFF,
        Some("m-1"),
        "RegisterMentor",
        json!({"name": "Marta", "areas_of_expertise": ["marketing"],
        "languages": ["es", "pt"], "bio": "Retail for 20 years", "capacity": 3}),
    );
    h.add(
        ANA,
        Some("ms-1"),
        "RequestMentorship",
        json!({"participant_id": "p-ana", "mentor_id": "m-1",
        "needs": "pricing my products"}),
    );
    h.add(MENTOR, Some("ms-1"), "AcceptMentorship", json!({}));
    h.add(
        MENTOR,
        Some("ms-1"),
        "LogMentoringSession",
        json!({"date": "2013-10-01", "minutes": 60,
        "topics": ["pricing"]}),
    );
    h.add(
        MENTOR,
        Some("ms-1"),
        "CloseMentorship",
        json!({"outcome": "goals_achieved"}),
    );
    // Expert advice
    h.add(
        STAFF,
        Some("e-1"),
        "RegisterExpert",
        json!({"name": "Luís", "organisation": "UATAE",
        "areas": ["legal", "tax"]}),
    );
    h.add(
        STAFF,
        Some("g-1"),
        "CreateAdviceGroup",
        json!({"topic": "Selling in Portugal",
        "area": "cross_border", "title": "B2B Algarve"}),
    );
    h.add(
        ANA,
        Some("g-1"),
        "JoinAdviceGroup",
        json!({"participant_id": "p-ana"}),
    );
    h.add(
        ANA,
        Some("g-1"),
        "AskInAdviceGroup",
        json!({"question_id": "q-1",
        "text": "Do I need a Portuguese tax number?"}),
    );
    h.add(
        EXPERT,
        Some("g-1"),
        "AnswerInAdviceGroup",
        json!({"question_id": "q-1", "text": "Yes: a NIF."}),
    );
    h.add(
        ANA,
        Some("ar-1"),
        "RequestAdvice",
        json!({"participant_id": "p-ana", "area": "tax",
        "question": "VAT on online sales?"}),
    );
    h.add(
        EXPERT,
        Some("ar-1"),
        "AnswerAdviceRequest",
        json!({"text": "Register for OSS."}),
    );
    // Business, financing, marketplace, jobs
    h.add(
        ANA,
        Some("b-1"),
        "CreateBusiness",
        json!({"founder_ids": ["p-ana"], "name": "Arepas Ana",
        "sector": "food", "legal_form": "self_employed", "country": "ES", "municipality": "Lepe",
        "founded_on": "2014-01-15", "ecommerce": true}),
    );
    h.add(
        ANA,
        Some("b-1"),
        "RecordJobs",
        json!({"direct": 1, "indirect": 2, "on": "2014-02-01"}),
    );
    h.add(ANA, Some("b-1"), "FormB2BRelationship", json!({"kind": "customer", "cross_border": true,
        "counterpart": {"type": "outside_organisation", "name": "Mercado de Faro", "country": "PT"}}));
    h.add(
        ANA,
        Some("f-1"),
        "OpenFinancingApplication",
        json!({"participant_id": "p-ana",
        "business_id": "b-1", "purpose": "an oven", "amount_sought": "5000.00"}),
    );
    h.add(
        STAFF,
        Some("f-1"),
        "AssessFinancingNeeds",
        json!({"summary": "crowdfunding fits"}),
    );
    h.add(ANA, Some("l-1"), "CreateListing", json!({"seller_id": "p-ana", "business_id": "b-1",
        "kind": "product", "title": "Arepas congeladas", "description": "Caja de 10",
        "language": "es", "category": "food", "price": "12.50", "municipality": "Lepe", "country": "ES"}));
    h.add(ANA, Some("l-1"), "PublishListing", json!({}));
    h.add(
        RUI,
        Some("o-1"),
        "PlaceOrder",
        json!({"listing_id": "l-1", "quantity": 2,
        "buyer": {"kind": "participant", "participant_id": "p-rui"}}),
    );
    h.add(
        ANA,
        Some("j-1"),
        "PostJob",
        json!({"business_id": "b-1", "title": "Cook",
        "description": "Weekends", "employment": "part_time"}),
    );
    h.add(
        RUI,
        Some("j-1"),
        "ApplyToJob",
        json!({"participant_id": "p-rui"}),
    );
    // Events and outreach
    h.add(
        STAFF,
        Some("ev-1"),
        "ScheduleProgrammeEvent",
        json!({"kind": "networking",
        "title": "Encuentro ES-PT", "city": "Faro", "country": "PT", "date": "2014-05-10",
        "languages": ["es", "pt"], "organiser": "CEAL"}),
    );
    h.add(
        ANA,
        Some("ev-1"),
        "RegisterForProgrammeEvent",
        json!({"participant_id": "p-ana"}),
    );
    h.add(
        STAFF,
        Some("ev-1"),
        "HoldProgrammeEvent",
        json!({"attendee_ids": ["p-ana"], "walk_ins": 12}),
    );
    h.add(
        STAFF,
        Some("oc-1"),
        "CreateOutreachCampaign",
        json!({"name": "Puntos de acceso",
        "organiser": "Ayuntamiento de Lepe"}),
    );
    h.add(
        STAFF,
        Some("oc-1"),
        "RecordOutreachReach",
        json!({"channel": "internet_access_points",
        "people_reached": 350, "on": "2014-05-01"}),
    );
    h.add(
        STAFF,
        Some("n-1"),
        "SendNewsletter",
        json!({"subject": "Mayo", "recipients": 1200,
        "languages": ["es", "pt"]}),
    );
    h.add(
        STAFF,
        Some("np-1"),
        "PostNews",
        json!({"title": "Nueva red", "body": "…", "language": "es"}),
    );
    h.add(
        STAFF,
        Some("cn-1"),
        "EstablishCooperationNetwork",
        json!({"name": "Red Guadiana",
        "purpose": "cross-border trade", "organisations": [{"name": "Mita", "country": "ES"},
        {"name": "CEAL", "country": "PT"}]}),
    );
    h.add(
        ANA,
        Some("p-ana"),
        "DeclareSelfEmployment",
        json!({"activity": "Arepas Ana"}),
    );
    h.lines
}

async fn it_records_a_whole_programme_and_one_journey_across_it(t: &TestDb) {
    let lines = programme();
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    for line in &lines {
        writeln!(file, "{line}").expect("write");
    }
    writeln!(file, "{}", lines[4]).expect("a duplicate line");
    writeln!(file, "{{\"command_id\": \"broken\"").expect("a malformed line");
    let executor = Executor::new(t.db.clone());
    let report = import_file(&executor, file.path(), false, false)
        .await
        .expect("imports");
    let rejected: Vec<usize> = report.rejections.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        rejected,
        [lines.len() + 2],
        "only the malformed line: {:?}",
        report.rejections
    );
    let s = &report.summary;
    assert_eq!(
        (s.applied, s.duplicates, s.rejected),
        (lines.len(), 1, 1),
        "{s:?}"
    );
    let events = event_count(&t.db).await;
    let again = import_file(&executor, file.path(), false, false)
        .await
        .expect("re-imports");
    assert_eq!(again.summary.duplicates, lines.len() + 1);
    assert_eq!(
        event_count(&t.db).await,
        events,
        "re-running the file appends nothing"
    );

    let app = spawn_app(t).await;
    let (_, _, journey) = app
        .send(
            Method::GET,
            "/api/v1/participants/p-ana/journey",
            Some(&app.staff_token),
            None,
        )
        .await;
    let journey = journey["events"].as_array().expect("events").clone();
    let mut touched: Vec<&str> = journey
        .iter()
        .filter_map(|e| e["aggregate_type"].as_str())
        .collect();
    touched.dedup();
    let mut kinds = touched.clone();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "AdviceGroup",
            "AdviceRequest",
            "Business",
            "Enrolment",
            "FinancingApplication",
            "JobPosting",
            "Listing",
            "Mentorship",
            "Order",
            "Participant",
            "ProgrammeEvent"
        ],
        "Ana's journey crosses every part she touched: {touched:?}"
    );
    let dates: Vec<&str> = journey
        .iter()
        .filter_map(|e| e["occurred_at"].as_str())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "in the order it happened: {dates:?}"
    );
    assert!(journey.iter().all(|e| e["channel"] == "import"));
    check_filters_and_export(&app, "p-ana", &journey).await;
}
on_both_backends!(it_records_a_whole_programme_and_one_journey_across_it);
