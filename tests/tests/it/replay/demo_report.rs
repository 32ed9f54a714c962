//! The demo's log through the replay engine and the final report: every seed figure exactly,
//! byte-identical reruns, and an earlier cut-off that gives smaller numbers.

use ruta_replay::report::{self, Format, Report, ReportOptions};
use ruta_store::Database;
use serde_json::{json, Value};

use crate::replay::demo_figures::seed_figures;

fn achieved(report: &Report, code: &str) -> Value {
    report
        .indicators
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no row {code}"))
        .achieved
        .clone()
}

/// Checks the final report of a log holding exactly one demo programme at scale 1.
pub(crate) async fn check_report_of_the_demo(db: &Database) {
    let options = ReportOptions {
        targets: report::parse_targets(report::SAMPLE_TARGETS, &ruta_replay::builtin::codes())
            .expect("sample targets"),
        ..ReportOptions::default()
    };
    let final_report = report::final_report(db, &options).await.expect("report");
    for (code, figure) in seed_figures() {
        let expected = match code {
            "JOBS_DIRECT" | "JOBS_INDIRECT" => continue,
            "EVT_MIGR_LATAM" => json!(75),
            _ => json!(figure),
        };
        assert_eq!(achieved(&final_report, code), expected, "{code}");
    }
    let jobs = final_report
        .indicators
        .iter()
        .find(|r| r.code == "JOBS")
        .expect("JOBS");
    assert_eq!(
        jobs.breakdowns["job_type"],
        [
            ("direct".to_owned(), json!(140)),
            ("indirect".to_owned(), json!(160))
        ]
        .into()
    );

    let json_once = report::render(&final_report, Format::Json).expect("json");
    let again = report::final_report(db, &options)
        .await
        .expect("report again");
    assert_eq!(
        report::render(&again, Format::Json).expect("json"),
        json_once,
        "same bytes"
    );
    let html = report::render(&again, Format::Html).expect("html");
    assert!(html.contains("<svg") && html.contains("@media print"));

    let earlier = ReportOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2014, 12, 31),
        ..options
    };
    let earlier = report::final_report(db, &earlier)
        .await
        .expect("as of 2014");
    for code in ["USERS", "CERT", "SME", "JOBS", "REACH"] {
        let (then, end) = (achieved(&earlier, code), achieved(&final_report, code));
        let (then, end) = (
            then.as_f64().expect("number"),
            end.as_f64().expect("number"),
        );
        assert!(
            then > 0.0 && then < end,
            "{code}: {then} by 2014, {end} in all"
        );
    }
    assert_eq!(
        achieved(&earlier, "EVT"),
        json!(0),
        "no 2015 events by the end of 2014"
    );
    assert!(earlier.fingerprint.events_counted < final_report.fingerprint.events_counted);
}
