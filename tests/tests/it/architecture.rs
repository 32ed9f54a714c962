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
