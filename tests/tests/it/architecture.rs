//! The dependency rules of the workspace, checked on the real dependency graph.

use std::process::Command;

fn normal_dependencies(package: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-e",
            "normal",
            "--prefix",
            "none",
            "-p",
            package,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn it_keeps_the_domain_free_of_runtime_database_and_http_crates() {
    let tree = normal_dependencies("ruta-domain");
    assert!(tree.starts_with("ruta-domain"), "{tree}");
    for forbidden in [
        "tokio",
        "sqlx",
        "axum",
        "hyper",
        "cqrs-es",
        "reqwest",
        "async-std",
    ] {
        let found = tree
            .lines()
            .any(|line| line.split_whitespace().next() == Some(forbidden));
        assert!(!found, "ruta-domain depends on {forbidden}:\n{tree}");
    }
}

#[test]
fn it_keeps_commands_and_projections_apart() {
    for (package, forbidden) in [
        ("ruta-commands", "ruta-projections"),
        ("ruta-projections", "ruta-commands"),
    ] {
        let tree = normal_dependencies(package);
        assert!(
            !tree.contains(forbidden),
            "{package} depends on {forbidden}"
        );
    }
}

#[test]
fn it_reads_the_report_from_the_log_without_the_read_side() {
    let tree = normal_dependencies("ruta-replay");
    for needed in ["ruta-store", "ruta-domain"] {
        assert!(tree.contains(needed), "ruta-replay lacks {needed}:\n{tree}");
    }
    for forbidden in [
        "ruta-projections",
        "ruta-commands",
        "tantivy",
        "meilisearch-sdk",
        "reqwest",
    ] {
        let found = tree
            .lines()
            .any(|line| line.split_whitespace().next() == Some(forbidden));
        assert!(!found, "ruta-replay depends on {forbidden}:\n{tree}");
    }
}

#[test]
fn it_keeps_the_store_below_everything_but_the_domain() {
    let tree = normal_dependencies("ruta-store");
    for forbidden in [
        "ruta-commands",
        "ruta-projections",
        "ruta-replay",
        "ruta-api",
        "tantivy",
        "axum",
    ] {
        let found = tree
            .lines()
            .any(|line| line.split_whitespace().next() == Some(forbidden));
        assert!(!found, "ruta-store depends on {forbidden}:\n{tree}");
    }
}

#[test]
fn it_generates_the_demo_through_the_public_command_layer_only() {
    let tree = normal_dependencies("ruta-demo");
    assert!(tree.contains("ruta-commands"), "{tree}");
    for forbidden in ["ruta-projections", "ruta-replay", "ruta-api"] {
        assert!(
            !tree.contains(forbidden),
            "ruta-demo depends on {forbidden}"
        );
    }
    let commands = normal_dependencies("ruta-commands");
    assert!(
        !commands.contains("ruta-demo"),
        "ruta-commands depends on the demo"
    );
}
