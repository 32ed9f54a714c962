//! Parameters shared by many operations.

use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::{ObjectBuilder, Required, Type};
use utoipa::IntoParams;

/// The optional envelope headers of every command (see `crate::extract::CommandMeta`).
#[derive(Debug)]
pub(crate) struct CommandHeaders;

/// 1–128 visible ASCII characters, as `crate::extract` checks them.
const VISIBLE_ASCII: &str = "^[!-~]{1,128}$";
/// The same without `#`, which marks the ids of derived steps.
const VISIBLE_ASCII_NO_HASH: &str = "^[!-\"$-~]{1,128}$";

fn header(name: &str, description: &str, schema: ObjectBuilder) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema.build()))
        .build()
}

fn text(pattern: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
}

impl IntoParams for CommandHeaders {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            header(
                "Idempotency-Key",
                "Applies the command once: a repeat returns the first outcome (`replayed`). \
                 Scoped to the caller.",
                text(VISIBLE_ASCII_NO_HASH),
            ),
            header(
                "X-Correlation-Id",
                "Groups the events of one business operation; defaults to the command id.",
                text(VISIBLE_ASCII),
            ),
            header(
                "X-Ruta-Channel",
                "Where the command was entered; defaults to `web`.",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some([
                        "web",
                        "android",
                        "ios",
                        "internet_access_point",
                        "staff_desk",
                    ])),
            ),
        ]
    }
}
