//! The served OpenAPI document is one tools can use: every path parameter declared where it
//! belongs, every problem described as `application/problem+json`, and every status the API
//! really answers declared for its operation.

use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;

use super::api_errors::content_type_of;
use crate::on_both_backends;
use crate::support::{spawn_app, TestApp, TestDb};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

async fn document(app: &TestApp) -> Value {
    let (status, _, doc) = app.send(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    doc
}

/// `(template, method, operation)` for every operation of the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let paths = doc["paths"].as_object().expect("paths");
    let mut out = Vec::new();
    for (template, item) in paths {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                out.push((template.clone(), method.to_owned(), operation.clone()));
            }
        }
    }
    assert!(out.len() > 100, "the document lists the whole API");
    out
}

fn template_names(template: &str) -> BTreeSet<String> {
    template
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(str::to_owned)
        .collect()
}

fn declared(operation: &Value, location: &str) -> BTreeSet<String> {
    operation["parameters"]
        .as_array()
        .map(|params| {
            params
                .iter()
                .filter(|p| p["in"] == location)
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn it_declares_every_path_parameter_where_it_belongs(t: &TestDb) {
    let app = spawn_app(t).await;
    let doc = document(&app).await;
    for (template, method, operation) in operations(&doc) {
        let wanted = template_names(&template);
        assert_eq!(
            declared(&operation, "path"),
            wanted,
            "{method} {template}: in: path parameters must be exactly the template's"
        );
        for param in operation["parameters"].as_array().into_iter().flatten() {
            if param["in"] == "path" {
                assert_eq!(param["required"], true, "{method} {template}: {param}");
            }
        }
    }
    // The query parameters the issue found declared `in: path`.
    let query = |path: &str, method: &str| declared(&doc["paths"][path][method], "query");
    let journey = query("/api/v1/participants/{id}/journey", "get");
    assert!(
        journey.contains("after") && journey.contains("limit"),
        "{journey:?}"
    );
    assert!(query("/api/v1/reports/final", "get").contains("as_of"));
    assert!(query("/api/v1/courses", "get").contains("status"));
    assert!(query("/api/v1/search/listings", "get").contains("price_max"));
}
on_both_backends!(it_declares_every_path_parameter_where_it_belongs);

async fn it_describes_every_problem_as_problem_json(t: &TestDb) {
    let app = spawn_app(t).await;
    let doc = document(&app).await;
    for (template, method, operation) in operations(&doc) {
        let responses = operation["responses"].as_object().expect("responses");
        for (status, response) in responses {
            if !(status.starts_with('4') || status.starts_with('5')) {
                continue;
            }
            let content = response["content"].as_object().expect("problem content");
            let types: Vec<&String> = content.keys().collect();
            assert_eq!(
                types,
                ["application/problem+json"],
                "{method} {template} {status}"
            );
            assert_eq!(
                content["application/problem+json"]["schema"]["$ref"],
                "#/components/schemas/Problem",
                "{method} {template} {status}"
            );
        }
        let credential = operation["security"]
            .as_array()
            .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
        assert_eq!(
            credential,
            responses.contains_key("401"),
            "{method} {template}: 401 is declared exactly where a credential is read"
        );
        if operation.get("requestBody").is_some() {
            for status in ["400", "413", "415", "422"] {
                assert!(
                    responses.contains_key(status),
                    "{method} {template}: a JSON body can answer {status}"
                );
            }
        }
        if !template_names(&template).is_empty() {
            assert!(responses.contains_key("404"), "{method} {template}");
        }
    }
    let problem = &doc["components"]["schemas"]["Problem"];
    let kinds = problem["properties"]["type"]["enum"]
        .as_array()
        .expect("enum");
    assert!(kinds.contains(&Value::from("urn:ruta:problem:rule-broken")));
}
on_both_backends!(it_describes_every_problem_as_problem_json);

/// `{x}` replaced by an id nothing has.
pub(super) fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "x-1"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Every operation asked as staff, with a bogus token and with none, with an empty and a
/// malformed body: each status it answers is one its operation declares.
async fn it_declares_every_status_the_api_answers(t: &TestDb) {
    let app = spawn_app(t).await;
    let doc = document(&app).await;
    let bodies: [(&str, &[u8]); 3] = [
        ("application/json", b"{}"),
        ("application/json", b"{\"a\": "),
        ("text/plain", b"x"),
    ];
    for (template, method, operation) in operations(&doc) {
        let path = concrete(&template);
        let verb = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let responses = operation["responses"].as_object().expect("responses");
        for token in [Some(app.staff_token.as_str()), Some("not-a-token"), None] {
            for (content_type, body) in bodies {
                let mut request = app.http.request(verb.clone(), app.url(&path));
                if let Some(token) = token {
                    request = request.bearer_auth(token);
                }
                let response = request
                    .header("content-type", content_type)
                    .body(body.to_vec())
                    .send()
                    .await
                    .expect("request");
                let status = response.status();
                assert!(
                    responses.contains_key(status.as_str()),
                    "{method} {path} ({content_type} {body:?}, token {token:?}) answered \
                     {status}, which its operation does not declare"
                );
                if status.is_client_error() || status.is_server_error() {
                    let kind = content_type_of(response.headers());
                    assert_eq!(kind, "application/problem+json", "{method} {path}");
                }
            }
        }
    }
}
on_both_backends!(it_declares_every_status_the_api_answers);

/// The one command vocabulary is in the document: every type `ruta import` and batches accept,
/// once, each tagged by `type` (a payload's fields come from the schema it names).
async fn it_documents_every_command_type_once(t: &TestDb) {
    let app = spawn_app(t).await;
    let doc = document(&app).await;
    let variants = doc["components"]["schemas"]["AppCommand"]["oneOf"]
        .as_array()
        .expect("AppCommand is a oneOf");
    let mut documented = Vec::new();
    for variant in variants {
        let tagged = variant["allOf"]
            .as_array()
            .and_then(|parts| parts.iter().find(|p| p["properties"]["type"].is_object()))
            .unwrap_or(variant);
        let tag = &tagged["properties"]["type"]["enum"];
        documented.push(tag[0].as_str().expect("a type name").to_owned());
    }
    let mut expected: Vec<String> = ruta_commands::app::AppCommand::TYPES
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    documented.sort();
    expected.sort();
    assert_eq!(documented, expected);
}
on_both_backends!(it_documents_every_command_type_once);
