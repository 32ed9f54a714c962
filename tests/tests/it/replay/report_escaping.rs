//! Text from the log is inert in every report format: a municipality written as a formula
//! or as HTML is neutralised in the CSV, escaped in the Markdown and the HTML, and the HTML
//! report carries a policy that lets nothing run.

use ruta_commands::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::replay::report_http::final_report;
use crate::support::http::token_for;
use crate::support::{registration_json, spawn_app, TestDb};

const FORMULA: &str = "=HYPERLINK(\"http://evil.example/\",\"click\")";
const MARKUP: &str = "<img src=x onerror=alert(1)>";

async fn it_renders_hostile_text_inert(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    for (name, municipality) in [("Ana Pérez", FORMULA), ("Bea Costa", MARKUP)] {
        let mut body = registration_json(name);
        body["municipality"] = json!(municipality);
        app.post("/api/v1/participants", staff, body)
            .created()
            .await;
    }
    let evaluator = token_for(&app, Role::Evaluator, "eval-1").await;

    let (_, csv) = final_report(&app, &evaluator, "csv").await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut seen = 0;
    for record in reader.records() {
        let record = record.expect("a CSV record");
        for cell in &record {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r'])
                    && (!cell.starts_with('-') || cell.parse::<f64>().is_ok()),
                "a formula-like cell: {cell:?}"
            );
            if cell == format!("'{FORMULA}") {
                seen += 1;
            }
        }
    }
    assert!(seen > 0, "the municipality appears, neutralised: {csv}");

    let (_, markdown) = final_report(&app, &evaluator, "md").await;
    assert!(!markdown.contains("<img"), "{markdown}");
    assert!(
        markdown.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{markdown}"
    );

    let (headers, html) = final_report(&app, &evaluator, "html").await;
    assert!(!html.contains("<img"));
    let csp = headers["content-security-policy"].to_str().expect("ascii");
    for directive in [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert!(!csp.contains("script-src"), "no script may run: {csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
}

on_both_backends!(it_renders_hostile_text_inert);
