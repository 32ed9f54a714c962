//! `docs/events.md` is generated from the event types and must match them.

#[test]
fn it_keeps_the_event_catalogue_in_sync_with_the_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/events.md");
    let generated = ruta_api::catalogue::markdown();
    if std::env::var("RUTA_BLESS").as_deref() == Ok("1") {
        std::fs::write(path, &generated).expect("write the catalogue");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/events.md is out of date: run `RUTA_BLESS=1 cargo test -p ruta-tests catalogue`"
    );
}
