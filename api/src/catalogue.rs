//! The event catalogue (`docs/events.md`), rendered from [`ruta_domain::catalogue`], which
//! reads the event types themselves.
//!
//! A test regenerates it and fails when the committed file differs, so the document cannot
//! drift from the code (`RUTA_BLESS=1 cargo test -p ruta-tests catalogue` rewrites it).

/// The catalogue as Markdown.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Event catalogue\n\n\
         Generated from the event types by `ruta_api::catalogue`; a test keeps it in sync \
         (`RUTA_BLESS=1 cargo test -p ruta-tests catalogue` rewrites it). Every event is stored \
         as JSON with its `type`; every event also carries the envelope described in the \
         README (actor, role, occurred_at, recorded_at, command ids, channel, subjects). \
         Money is a decimal string (`\"12.50\"`), dates are `YYYY-MM-DD`.\n",
    );
    let mut aggregate = "";
    for event in ruta_domain::catalogue::events() {
        if event.aggregate != aggregate {
            aggregate = event.aggregate;
            out.push_str(&format!("\n## {aggregate}\n"));
        }
        out.push_str(&format!("\n### `{}`\n\n", event.name));
        if event.fields.is_empty() {
            out.push_str("No fields.\n");
            continue;
        }
        out.push_str("| field | type | required |\n| --- | --- | --- |\n");
        for field in event.fields {
            let required = if field.required { "yes" } else { "no" };
            out.push_str(&format!(
                "| `{}` | {} | {required} |\n",
                field.name, field.kind
            ));
        }
    }
    out.push_str(
        "\n## Command types\n\nAccepted by `ruta import` and `POST /api/v1/commands:batch`:\n\n",
    );
    for kind in ruta_commands::app::AppCommand::TYPES {
        out.push_str(&format!("- `{kind}`\n"));
    }
    out
}
