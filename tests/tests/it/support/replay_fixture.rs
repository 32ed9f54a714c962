//! A small back-dated programme history, imported through the command layer, for the replay
//! and report tests. What it should give is written next to each part.

use ruta_api::import_file::import_file;
use ruta_commands::Executor;
use ruta_store::Database;
use serde_json::{json, Value};
use std::io::Write;

pub(crate) struct History {
    prefix: &'static str,
    lines: Vec<String>,
}

impl History {
    /// A history whose command ids start with `prefix` (two histories need two prefixes).
    pub(crate) fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            lines: Vec::new(),
        }
    }

    /// A command acted by `actor` (`role`) that occurred at `date` (YYYY-MM-DD).
    pub(crate) fn add(
        &mut self,
        actor: (&str, &str),
        id: Option<&str>,
        date: &str,
        kind: &str,
        mut fields: Value,
    ) {
        fields["type"] = json!(kind);
        let mut line = json!({"command_id": format!("{}-{}", self.prefix, self.lines.len()),
            "command": fields, "actor": actor.0, "role": actor.1,
            "occurred_at": format!("{date}T10:00:00Z")});
        if let Some(id) = id {
            line["aggregate_id"] = json!(id);
        }
        self.lines.push(line.to_string());
    }

    pub(crate) async fn import(&self, db: &Database) {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        for line in &self.lines {
            writeln!(file, "{line}").expect("write");
        }
        let report = import_file(&Executor::new(db.clone()), file.path(), false, false)
            .await
            .expect("imports");
        assert!(report.rejections.is_empty(), "{:?}", report.rejections);
        // On PostgreSQL the reader waits for older transactions anywhere in the cluster.
        crate::support::read_all(db).await;
    }
}

pub(crate) const STAFF: (&str, &str) = ("staff-lepe", "staff");

fn person(
    name: &str,
    country: &str,
    municipality: &str,
    origin: &str,
    migrant: &str,
    gender: &str,
    channel: &str,
) -> Value {
    json!({"name": name, "email": format!("{}@example.org", name.to_lowercase()),
        "preferred_language": "es", "country_of_residence": country, "municipality": municipality,
        "country_of_origin": origin, "migrant_status": migrant, "gender": gender, "channel": channel})
}

/// Four participants, two courses, certificates, a business, events, mentors, outreach.
///
/// Expected whole-log figures: USERS 4; TRAINED 3; CERT 2 (Ana certified twice counts once);
/// RCR81 3 certificates; SELF_EMP 1 (Rui declares without a certificate); SME 1; CO01 1 (one
/// business, four kinds of support); JOBS 5 (direct 2, indirect 3); EVT 1 (the 2014 event is
/// not counted); EVT_PART 7; EVT_MIGR 2; EVT_MIGR_LATAM 50; MENTORS 1; REACH 350 (+ 200 in
/// 2015); COURSES 2; NET_EVT 2. As of 2014-12-31: USERS 3, CERT 1, EVT_PART 0, REACH 350.
pub(crate) fn programme() -> History {
    let mut h = History::new("fx");
    h.add(
        STAFF,
        Some("p-ana"),
        "2013-10-01",
        "RegisterParticipant",
        person(
            "Ana",
            "ES",
            "Lepe",
            "CO",
            "migrant",
            "female",
            "internet_access_point",
        ),
    );
    h.add(
        STAFF,
        Some("p-mo"),
        "2013-10-02",
        "RegisterParticipant",
        person(
            "Mohamed",
            "ES",
            "Palos de la Frontera",
            "MA",
            "migrant",
            "male",
            "event",
        ),
    );
    h.add(
        STAFF,
        Some("p-rui"),
        "2014-02-01",
        "RegisterParticipant",
        person("Rui", "PT", "Faro", "PT", "non_migrant", "male", "web"),
    );
    h.add(
        STAFF,
        Some("p-eva"),
        "2015-01-05",
        "RegisterParticipant",
        person(
            "Eva",
            "ES",
            "Lepe",
            "ES",
            "non_migrant",
            "female",
            "partner",
        ),
    );
    h.add(STAFF, Some("c-1"), "2013-09-01", "CreateCourse", json!({"titles": {"es": "Comercio electrónico"}, "topic": "e_commerce", "hours": 20, "pass_mark": 50, "max_exam_attempts": 3}));
    h.add(STAFF, Some("c-1"), "2013-09-02", "PublishCourse", json!({}));
    h.add(STAFF, Some("c-2"), "2013-09-03", "CreateCourse", json!({"titles": {"pt": "Turismo"}, "topic": "tourism", "hours": 10, "pass_mark": 50, "max_exam_attempts": 3}));
    h.add(STAFF, Some("c-2"), "2013-09-04", "PublishCourse", json!({}));
    for (p, c, date) in [
        ("p-ana", "c-1", "2013-11-01"),
        ("p-ana", "c-2", "2013-11-02"),
        ("p-mo", "c-1", "2014-01-10"),
        ("p-rui", "c-1", "2014-03-01"),
    ] {
        h.add(
            STAFF,
            None,
            date,
            "EnrolInCourse",
            json!({"participant_id": p, "course_id": c}),
        );
    }
    h.add(
        STAFF,
        Some("p-ana.c-1"),
        "2014-01-20",
        "SitExam",
        json!({"score": 80}),
    );
    h.add(
        STAFF,
        Some("p-ana.c-2"),
        "2014-02-20",
        "SitExam",
        json!({"score": 30}),
    );
    h.add(
        STAFF,
        Some("p-ana.c-2"),
        "2014-03-20",
        "SitExam",
        json!({"score": 70}),
    );
    h.add(
        STAFF,
        Some("p-mo.c-1"),
        "2015-02-01",
        "SitExam",
        json!({"score": 90}),
    );
    // Ana moves to Faro after her certificates: they stay counted in Lepe.
    h.add(
        STAFF,
        Some("p-ana"),
        "2014-06-01",
        "UpdateProfile",
        json!({"municipality": "Faro", "country_of_residence": "PT"}),
    );
    h.add(
        ("p-ana", "participant"),
        Some("p-ana"),
        "2014-07-01",
        "DeclareSelfEmployment",
        json!({"activity": "Arepas"}),
    );
    h.add(
        ("p-rui", "participant"),
        Some("p-rui"),
        "2014-07-02",
        "DeclareSelfEmployment",
        json!({"activity": "Surf school"}),
    );
    h.add(("p-ana", "participant"), Some("b-1"), "2014-08-01", "CreateBusiness", json!({"founder_ids": ["p-ana"], "name": "Arepas Ana", "sector": "food", "legal_form": "self_employed", "country": "PT", "municipality": "Faro", "founded_on": "2014-08-01", "ecommerce": true}));
    h.add(
        ("p-ana", "participant"),
        Some("b-1"),
        "2014-09-01",
        "RecordJobs",
        json!({"direct": 2, "indirect": 1, "on": "2014-09-01"}),
    );
    h.add(
        ("p-ana", "participant"),
        Some("b-1"),
        "2015-03-01",
        "RecordJobs",
        json!({"direct": 0, "indirect": 2, "on": "2015-03-01"}),
    );
    h.add(("p-ana", "participant"), Some("b-1"), "2014-10-01", "FormB2BRelationship", json!({"kind": "customer", "cross_border": true, "counterpart": {"type": "outside_organisation", "name": "Mercado de Lepe", "country": "ES"}}));
    h.add(("p-ana", "participant"), Some("j-1"), "2014-11-01", "PostJob", json!({"business_id": "b-1", "title": "Cook", "description": "Weekends", "employment": "part_time"}));
    for (id, date, attendees, walk_ins) in [
        ("ev-1", "2014-05-10", json!(["p-ana"]), 3),
        ("ev-2", "2015-03-10", json!(["p-ana", "p-mo"]), 5),
    ] {
        h.add(STAFF, Some(id), "2014-04-01", "ScheduleProgrammeEvent", json!({"kind": "networking", "title": "Encuentro", "city": "Faro", "country": "PT", "date": date, "languages": ["es", "pt"], "organiser": "CEAL"}));
        h.add(
            STAFF,
            Some(id),
            date,
            "HoldProgrammeEvent",
            json!({"attendee_ids": attendees, "walk_ins": walk_ins}),
        );
    }
    for id in ["m-1", "m-2"] {
        h.add(STAFF, Some(id), "2013-12-01", "RegisterMentor", json!({"name": "Marta", "areas_of_expertise": ["marketing"], "languages": ["es"], "bio": "Retail", "capacity": 3}));
    }
    h.add(STAFF, Some("m-2"), "2015-06-01", "RetireMentor", json!({}));
    h.add(
        STAFF,
        Some("oc-1"),
        "2014-01-01",
        "CreateOutreachCampaign",
        json!({"name": "Puntos", "organiser": "Lepe"}),
    );
    h.add(
        STAFF,
        Some("oc-1"),
        "2014-05-01",
        "RecordOutreachReach",
        json!({"channel": "internet_access_points", "people_reached": 350, "on": "2014-05-01"}),
    );
    h.add(
        STAFF,
        Some("oc-1"),
        "2015-05-01",
        "RecordOutreachReach",
        json!({"channel": "radio", "people_reached": 200, "on": "2015-05-01", "country": "PT"}),
    );
    h
}
