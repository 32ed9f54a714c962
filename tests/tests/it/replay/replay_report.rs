//! Replay and the final report over a small back-dated history, on both backends: the agreed
//! definitions, unique counts, dimensions as of each event, cut-offs and byte-identical output.

use chrono::NaiveDate;
use ruta_replay::builtin;
use ruta_replay::report::{self, Format, Report, ReportOptions, ReportRow};
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::replay_fixture::programme;
use crate::support::TestDb;

fn options() -> ReportOptions {
    ReportOptions {
        targets: report::parse_targets(report::SAMPLE_TARGETS, &builtin::codes())
            .expect("sample targets"),
        ..ReportOptions::default()
    }
}

fn row<'r>(report: &'r Report, code: &str) -> &'r ReportRow {
    report
        .indicators
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no row {code}"))
}

fn achieved(report: &Report, code: &str) -> Value {
    row(report, code).achieved.clone()
}

async fn it_replays_the_agreed_definitions(t: &TestDb) {
    programme().import(&t.db).await;
    let report = report::final_report(&t.db, &options())
        .await
        .expect("report");
    let figures: Vec<(&str, Value)> = [
        "USERS",
        "TRAINED",
        "CERT",
        "RCR81",
        "SELF_EMP",
        "SME",
        "CO01",
        "CO04",
        "JOBS",
        "EVT",
        "EVT_PART",
        "EVT_MIGR",
        "EVT_MIGR_LATAM",
        "MENTORS",
        "REACH",
        "COURSES",
        "NET_EVT",
        "SME_ACTIVE",
        "RCO115",
    ]
    .into_iter()
    .map(|code| (code, achieved(&report, code)))
    .collect();
    assert_eq!(
        figures,
        [
            ("USERS", json!(4)),
            ("TRAINED", json!(3)),
            ("CERT", json!(2)),
            ("RCR81", json!(3)),
            ("SELF_EMP", json!(1)),
            ("SME", json!(1)),
            ("CO01", json!(1)),
            ("CO04", json!(1)),
            ("JOBS", json!(5)),
            ("EVT", json!(1)),
            ("EVT_PART", json!(7)),
            ("EVT_MIGR", json!(2)),
            ("EVT_MIGR_LATAM", json!(50)),
            ("MENTORS", json!(1)),
            ("REACH", json!(550)),
            ("COURSES", json!(2)),
            ("NET_EVT", json!(2)),
            ("SME_ACTIVE", json!(1)),
            ("RCO115", json!(2)),
        ]
    );
    let jobs = row(&report, "JOBS");
    assert_eq!(
        jobs.breakdowns["job_type"],
        [
            ("direct".to_owned(), json!(2)),
            ("indirect".to_owned(), json!(3))
        ]
        .into()
    );
    assert_eq!(jobs.breakdown_targets["job_type"]["direct"], json!(150));
    assert_eq!(jobs.target, json!(300));
    assert_eq!(jobs.effectiveness, json!(0.0167));
    // Ana was certified (twice) while living in Lepe, and attended the 2015 event from Faro.
    assert_eq!(
        row(&report, "CERT").breakdowns["municipality"],
        [
            ("Lepe".to_owned(), json!(1)),
            ("Palos de la Frontera".to_owned(), json!(1))
        ]
        .into()
    );
    assert_eq!(
        row(&report, "EVT_MIGR").breakdowns["municipality"],
        [
            ("Faro".to_owned(), json!(1)),
            ("Palos de la Frontera".to_owned(), json!(1))
        ]
        .into()
    );
    assert_eq!(
        row(&report, "CERT").breakdowns["topic"]["e_commerce"],
        json!(2)
    );
    assert_eq!(
        row(&report, "USERS").breakdowns["region_of_origin"]["latin_america"],
        json!(1)
    );
    assert_eq!(row(&report, "USERS").breakdowns["period"]["2015"], json!(1));
    assert_eq!(
        row(&report, "REACH").breakdowns["outreach_channel"]["radio"],
        json!(200)
    );
    assert_eq!(row(&report, "NET_EVT").effectiveness, json!(0.1333));
    assert_eq!(
        report.fingerprint.events_counted,
        u64::try_from(crate::support::event_count(&t.db).await).expect("count")
    );
    assert_eq!(report.fingerprint.hash.len(), 64);

    // Same log, same flags: the same bytes in every format.
    let again = report::final_report(&t.db, &options())
        .await
        .expect("report again");
    for format in [Format::Json, Format::Md, Format::Csv, Format::Html] {
        let first = report::render(&report, format).expect("renders");
        assert_eq!(
            first,
            report::render(&again, format).expect("renders again"),
            "{format:?}"
        );
    }
    let html = report::render(&report, Format::Html).expect("html");
    assert!(
        html.contains("<svg") && html.contains("@media print"),
        "charts and print CSS"
    );
    assert!(
        !html.contains("<script") && !html.contains("<link") && !html.contains("src="),
        "self-contained"
    );
    let csv = report::render(&report, Format::Csv).expect("csv");
    assert!(
        csv.contains(
            "\nJOBS,Direct and indirect jobs created,jobs,job_type,direct,,150,2,0.0133\n"
        ),
        "{csv}"
    );
}
on_both_backends!(it_replays_the_agreed_definitions);

async fn it_cuts_off_on_business_time_and_on_recorded_time(t: &TestDb) {
    let history = programme();
    history.import(&t.db).await;
    let whole = report::final_report(&t.db, &options())
        .await
        .expect("whole");
    let mut as_of = options();
    as_of.as_of = NaiveDate::from_ymd_opt(2014, 12, 31);
    let end_2014 = report::final_report(&t.db, &as_of)
        .await
        .expect("as of 2014");
    assert_eq!(end_2014.as_of.as_deref(), Some("2014-12-31"));
    for (code, expected) in [
        ("USERS", 3),
        ("CERT", 1),
        ("EVT_PART", 0),
        ("REACH", 350),
        ("JOBS", 3),
        ("MENTORS", 2),
    ] {
        assert_eq!(
            achieved(&end_2014, code),
            json!(expected),
            "{code} as of 2014-12-31"
        );
    }
    assert!(end_2014.fingerprint.events_counted < whole.fingerprint.events_counted);
    assert_ne!(end_2014.fingerprint.hash, whole.fingerprint.hash);

    // Known at an instant between two imports: the later import is not known yet.
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let known_at = chrono::Utc::now();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let mut later = crate::support::replay_fixture::History::new("later");
    later.add(
        crate::support::replay_fixture::STAFF,
        Some("p-zoe"),
        "2013-10-03",
        "RegisterParticipant",
        crate::support::registration_json("Zoe"),
    );
    later.import(&t.db).await;
    let mut then = options();
    then.known_at = Some(known_at);
    let known = report::final_report(&t.db, &then).await.expect("known at");
    assert_eq!(achieved(&known, "USERS"), json!(4));
    assert_eq!(
        known.fingerprint, whole.fingerprint,
        "the log as it was known then"
    );
    let now = report::final_report(&t.db, &options()).await.expect("now");
    assert_eq!(achieved(&now, "USERS"), json!(5));
}
on_both_backends!(it_cuts_off_on_business_time_and_on_recorded_time);

const ANALYST: &str = r#"
[[indicator]]
code = "CERT_MIGR_TOPIC"
name = { es = "Migrantes certificados por tema", pt = "Migrantes certificados por tema", en = "Migrants certified by topic" }
unit = "people"
events = ["CertificateIssued"]
measure = { count_distinct = "participant.id" }
where = [ { field = "participant.migrant_status", equals = "migrant" } ]
breakdowns = ["course.topic", "participant.country"]
period = "year"

[[indicator]]
code = "REACH_PT"
name = { es = "Alcance en Portugal", pt = "Alcance em Portugal", en = "Reach in Portugal" }
unit = "people"
events = ["OutreachReachRecorded"]
measure = { sum = "payload.people_reached" }
where = [ { field = "payload.country", in = ["PT"] } ]
"#;

async fn it_replays_an_analysts_toml_indicator(t: &TestDb) {
    programme().import(&t.db).await;
    let indicators = ruta_replay::analyst::parse_indicators(ANALYST).expect("valid definitions");
    let outcome = ruta_replay::replay(&t.db, indicators, &ruta_replay::ReplayOptions::default())
        .await
        .expect("replays");
    let report = report::build(&outcome, &ReportOptions::default());
    let cert = row(&report, "CERT_MIGR_TOPIC");
    assert_eq!(
        cert.achieved,
        json!(2),
        "Ana and Mohamed; Ana's two certificates count once"
    );
    assert_eq!(
        cert.breakdowns["course.topic"],
        [
            ("e_commerce".to_owned(), json!(2)),
            ("tourism".to_owned(), json!(1))
        ]
        .into()
    );
    assert_eq!(
        cert.breakdowns["period"],
        [("2014".to_owned(), json!(1)), ("2015".to_owned(), json!(1))].into()
    );
    assert_eq!(
        achieved(&report, "REACH_PT"),
        json!(200),
        "{:?} of {} events: {:?}",
        report.fingerprint,
        crate::support::event_count(&t.db).await,
        row(&report, "REACH_PT")
    );
}
on_both_backends!(it_replays_an_analysts_toml_indicator);
