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

/// Fails naming every crate of `forbidden` that `package` depends on, directly or not.
fn assert_independent(package: &str, forbidden: &[&str]) {
    let tree = normal_dependencies(package);
    let found: Vec<&&str> = forbidden
        .iter()
        .filter(|name| {
            tree.lines()
                .any(|line| line.split_whitespace().next() == Some(**name))
        })
        .collect();
    assert!(found.is_empty(), "{package} depends on {found:?}:\n{tree}");
}

#[test]
fn it_keeps_the_domain_free_of_runtime_database_and_http_crates() {
    assert!(normal_dependencies("ruta-domain").starts_with("ruta-domain"));
    assert_independent(
        "ruta-domain",
        &[
            "tokio",
            "sqlx",
            "axum",
            "hyper",
            "cqrs-es",
            "reqwest",
            "async-std",
        ],
    );
}

#[test]
fn it_keeps_commands_and_projections_apart() {
    assert_independent("ruta-commands", &["ruta-projections"]);
    assert_independent("ruta-projections", &["ruta-commands"]);
}

#[test]
fn it_reads_the_report_from_the_log_without_the_read_side() {
    let tree = normal_dependencies("ruta-replay");
    for needed in ["ruta-store", "ruta-domain"] {
        assert!(tree.contains(needed), "ruta-replay lacks {needed}:\n{tree}");
    }
    assert_independent(
        "ruta-replay",
        &[
            "ruta-projections",
            "ruta-commands",
            "tantivy",
            "meilisearch-sdk",
            "reqwest",
        ],
    );
}

#[test]
fn it_keeps_the_store_below_everything_but_the_domain() {
    assert_independent(
        "ruta-store",
        &[
            "ruta-commands",
            "ruta-projections",
            "ruta-replay",
            "ruta-api",
            "tantivy",
            "axum",
        ],
    );
}

#[test]
fn it_generates_the_demo_through_the_public_command_layer_only() {
    assert!(normal_dependencies("ruta-demo").contains("ruta-commands"));
    assert_independent(
        "ruta-demo",
        &["ruta-projections", "ruta-replay", "ruta-api"],
    );
    assert_independent("ruta-commands", &["ruta-demo"]);
}
