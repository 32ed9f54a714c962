//! The journey's filters, pages and exports, checked against the whole journey they slice.

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

async fn get(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let response = app
        .http
        .get(app.url(path))
        .bearer_auth(&app.staff_token)
        .send()
        .await
        .expect("request");
    let status = response.status();
    let kind = response.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .expect("type")
        .to_owned();
    (status, kind, response.text().await.expect("body"))
}

/// Every page of `query` on `participant`'s journey, `limit` events a page.
async fn all_pages(app: &TestApp, participant: &str, query: &str, limit: u32) -> Vec<Value> {
    let mut events = Vec::new();
    let mut after = String::new();
    loop {
        let path =
            format!("/api/v1/participants/{participant}/journey?limit={limit}&{query}{after}");
        let (status, _, body) = get(app, &path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: Value = serde_json::from_str(&body).expect("json");
        events.extend(page["events"].as_array().expect("events").iter().cloned());
        match page["next"].as_str() {
            Some(next) => after = format!("&after={next}"),
            None => return events,
        }
    }
}

pub(crate) async fn check_filters_and_export(app: &TestApp, participant: &str, journey: &[Value]) {
    let of_types = |types: &[&str]| -> Vec<Value> {
        journey
            .iter()
            .filter(|e| types.contains(&e["aggregate_type"].as_str().unwrap_or("")))
            .cloned()
            .collect()
    };
    let filtered = all_pages(app, participant, "aggregate_type=Enrolment,Listing", 2).await;
    assert_eq!(
        filtered,
        of_types(&["Enrolment", "Listing"]),
        "pages of 2, filtered"
    );
    assert!(!filtered.is_empty());

    let registered = all_pages(app, participant, "event_type=ParticipantRegistered", 100).await;
    assert_eq!(registered.len(), 1);

    let middle = journey[journey.len() / 2]["occurred_at"]
        .as_str()
        .expect("time");
    let day = &middle[..10];
    let since: Vec<Value> = journey
        .iter()
        .filter(|e| e["occurred_at"].as_str().is_some_and(|t| &t[..10] >= day))
        .cloned()
        .collect();
    assert_eq!(
        all_pages(app, participant, &format!("from={day}"), 3).await,
        since
    );
    let before: Vec<Value> = journey
        .iter()
        .filter(|e| e["occurred_at"].as_str().is_some_and(|t| &t[..10] < day))
        .cloned()
        .collect();
    assert_eq!(
        all_pages(app, participant, &format!("to={day}"), 3).await,
        before
    );
    assert_eq!(since.len() + before.len(), journey.len());

    let export = format!("/api/v1/participants/{participant}/journey/export");
    let (status, kind, body) = get(app, &format!("{export}?format=csv")).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "text/csv; charset=utf-8")
    );
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("csv row")).collect();
    assert_eq!(records.len(), journey.len(), "one CSV row per event");
    for (row, event) in records.iter().zip(journey) {
        assert_eq!(&row[6], event["event_type"].as_str().expect("type"));
        let payload: Value = serde_json::from_str(&row[12]).expect("payload column is JSON");
        assert_eq!(payload, event["payload"]);
    }
    let (status, _, body) = get(app, &format!("{export}?format=json&aggregate_type=Listing")).await;
    assert_eq!(status, StatusCode::OK);
    let exported: Vec<Value> = serde_json::from_str(&body).expect("json array");
    assert_eq!(exported, of_types(&["Listing"]));

    let staff = Some(app.staff_token.as_str());
    let journey = format!("/api/v1/participants/{participant}/journey");
    let bad_paths = ["from=yesterday", "from=2015-01-01&to=2014-01-01", "limit=0"]
        .map(|bad| format!("{journey}?{bad}"));
    for path in bad_paths.iter().chain([&format!("{export}?format=xml")]) {
        app.get(path, staff)
            .refused(StatusCode::UNPROCESSABLE_ENTITY, "validation")
            .await;
    }
}
