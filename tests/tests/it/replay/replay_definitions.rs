//! A bad indicators or targets file is refused with the line and the problem.

use ruta_replay::analyst::parse_indicators;
use ruta_replay::builtin;
use ruta_replay::report::{parse_targets, SAMPLE_TARGETS};

fn error(text: &str) -> (usize, String) {
    let e = parse_indicators(text).expect_err("refused");
    (e.line, e.message)
}

const HEAD: &str = "[[indicator]]\ncode = \"X\"\nname = { es = \"x\", pt = \"x\", en = \"x\" }\nunit = \"people\"\n";

#[test]
fn it_names_the_line_and_the_problem() {
    let (line, message) = error(&format!(
        "{HEAD}events = [\"CertificateIssued\", \"CertificatIssued\"]\nmeasure = \"count\"\n"
    ));
    assert_eq!(line, 5);
    assert!(
        message.contains("unknown event type \"CertificatIssued\""),
        "{message}"
    );

    let (line, message) = error(&format!(
        "{HEAD}events = [\"CertificateIssued\"]\nmeasure = {{ average = \"payload.score\" }}\n"
    ));
    assert_eq!(line, 6);
    assert!(message.contains("bad measure"), "{message}");

    let (line, message) = error(&format!("{HEAD}events = [\"CertificateIssued\"]\nmeasure = \"count\"\nbreakdowns = [\"payload.topic\"]\n"));
    assert_eq!(line, 7);
    assert!(
        message.contains("unknown field \"payload.topic\""),
        "{message}"
    );

    let (line, message) = error(&format!(
        "{HEAD}events = [\"CertificateIssued\"]\nmeasure = \"count\"\ncolour = \"red\"\n"
    ));
    assert_eq!(line, 7);
    assert!(message.contains("colour"), "{message}");

    let (line, message) = error("\n[[indicator]]\nname = { es = \"x\", pt = \"x\", en = \"x\" }\nunit = \"people\"\nevents = [\"CertificateIssued\"]\nmeasure = \"count\"\n");
    assert!(message.contains("code"), "{message}");
    assert!((2..=6).contains(&line), "{line}");

    let (line, message) = error(&format!("{HEAD}events = [\"CertificateIssued\"]\nmeasure = \"count\"\nwhere = [ {{ field = \"participant.shoe_size\", equals = 42 }} ]\n"));
    assert_eq!(line, 7);
    assert!(message.contains("participant.shoe_size"), "{message}");

    let (line, _) = error("[[indicator]\ncode = 1\n");
    assert_eq!(line, 1);
}

#[test]
fn it_checks_target_codes() {
    let codes = builtin::codes();
    assert!(parse_targets(SAMPLE_TARGETS, &codes)
        .expect("sample parses")
        .contains_key("JOBS"));
    let e = parse_targets(
        "[[target]]\ncode = \"JOBS\"\ntarget = 1\n\n[[target]]\ncode = \"NOPE\"\n",
        &codes,
    )
    .expect_err("refused");
    assert_eq!(e.line, 6);
    assert!(e.message.contains("NOPE"));
}
