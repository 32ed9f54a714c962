//! Requests hyper refuses before the router sees them (a URI over 65,534 bytes, a head over
//! its read buffer, a malformed request line or header), sent on a bare TCP connection: each is
//! answered with a problem document and the security headers, and appends nothing.

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::on_both_backends;
use crate::support::{event_count, spawn_app, TestApp, TestDb};

/// Sends `request` as is and reads the answer until the server closes.
async fn exchange(app: &TestApp, request: Vec<u8>) -> (u16, String, Value) {
    let address = app.base.trim_start_matches("http://");
    let stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let (mut reader, mut writer) = stream.into_split();
    // The server may answer and close before it has read everything: a failed write is
    // expected then, the answer is what counts.
    let sending = tokio::spawn(async move {
        let _ = writer.write_all(&request).await;
        writer
    });
    let mut answer = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        match reader.read(&mut chunk).await {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(error) => {
                assert!(!answer.is_empty(), "no answer before {error}");
                break;
            }
        }
    }
    drop(sending.await);
    let text = String::from_utf8(answer).expect("an ASCII head and a JSON body");
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole head");
    let status = head
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    (
        status,
        head.to_ascii_lowercase(),
        serde_json::from_str(body).unwrap_or(Value::String(body.to_owned())),
    )
}

fn get(target: &str, headers: &str) -> Vec<u8> {
    format!("GET {target} HTTP/1.1\r\nhost: ruta\r\n{headers}\r\n").into_bytes()
}

fn assert_problem_answer(answer: &(u16, String, Value), status: u16, kind: &str) {
    let (got, head, body) = answer;
    assert_eq!(*got, status, "{head}\n{body}");
    assert!(
        head.contains("content-type: application/problem+json"),
        "{head}"
    );
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    assert!(head.contains("x-frame-options: deny"), "{head}");
    assert_eq!(body["type"], format!("urn:ruta:problem:{kind}"), "{body}");
    assert_eq!(body["status"], status);
}

async fn it_answers_what_hyper_refuses_with_problems(t: &TestDb) {
    let app = spawn_app(t).await;
    let long_uri = format!("/api/v1/participants/{}", "x".repeat(100 * 1024));
    let answer = exchange(&app, get(&long_uri, "")).await;
    assert_problem_answer(&answer, 414, "uri-too-long");

    let huge_header = format!("x-filler: {}\r\n", "y".repeat(450 * 1024));
    let answer = exchange(&app, get("/api/v1/courses", &huge_header)).await;
    assert_problem_answer(&answer, 431, "headers-too-large");

    for request in [
        b"GET /api/v1/courses HTTP/9.9\r\nhost: ruta\r\n\r\n".to_vec(),
        b"G\x01T /api/v1/courses HTTP/1.1\r\nhost: ruta\r\n\r\n".to_vec(),
        get("/api/v1/courses", "not a header\r\n"),
        get("/api/v1/courses", "x-nul: a\0b\r\n"),
    ] {
        let answer = exchange(&app, request).await;
        assert_problem_answer(&answer, 400, "bad-request");
    }

    // The same connection type still serves ordinary requests, with their own bodies.
    let answer = exchange(&app, get("/api/v1/courses", "connection: close\r\n")).await;
    assert_eq!(answer.0, 200, "{answer:?}");
    assert_eq!(event_count(&app.db).await, 0);
}

on_both_backends!(it_answers_what_hyper_refuses_with_problems);
