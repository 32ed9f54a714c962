//! `ruta`: serve the API, manage tokens, apply migrations.

use anyhow::Context;
use clap::{Parser, Subcommand};
use ruta_api::import_file::import_file;
use ruta_api::projections_cli::{self, ReadModelSettings};
use ruta_api::report_cli::{run_replay, run_report, ReplayArgs, ReportArgs};
use ruta_api::startup::connect;
use ruta_api::token_lifetime::TokenLifetime;
use ruta_api::{auth, token_admin, Application, Settings};
use ruta_commands::Role;
use tracing_subscriber::EnvFilter;

#[derive(Debug, Parser)]
#[command(
    name = "ruta",
    version,
    about = "Event-sourced backend for entrepreneurship-support programmes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the HTTP API (applies pending migrations first).
    Serve {
        #[command(flatten)]
        settings: Settings,
        /// Load the demo programme first when the log is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate {
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
    /// Import history from a JSON-lines file of commands (see README, "Bulk import").
    Import {
        file: std::path::PathBuf,
        /// Check every line first and apply nothing if one is malformed.
        #[arg(long)]
        strict: bool,
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
    /// Replay the log into the built-in indicators, or an analyst's TOML indicators.
    Replay(ReplayArgs),
    /// The final monitoring report (html, md, csv or json) regenerated from the log.
    Report(ReportArgs),
    /// Generate the demo programme (Ruta CECE 2013–2015) through the command layer.
    Demo {
        #[command(flatten)]
        args: ruta_api::demo_cli::DemoArgs,
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
    /// Manage bearer tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Run the projectors only (a worker beside `ruta serve`; one runs each projector).
    Project(ReadModelSettings),
    /// Inspect or rebuild the read models.
    #[command(subcommand)]
    Projections(ProjectionsCommand),
    /// Export the log for analysts: personal fields dropped, subject ids pseudonymised.
    Export(ruta_api::export_cli::ExportArgs),
    /// Walk the whole log: recompute every chain hash and seal; exit 1 at the first altered,
    /// removed or reordered event, naming its position.
    Verify {
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
    /// Write a consistent backup of the store to PATH while it serves (SQLite: VACUUM INTO;
    /// PostgreSQL: pg_dump --format=custom).
    Backup {
        path: std::path::PathBuf,
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
    /// Restore a backup made by `ruta backup` into an empty store, then verify it.
    Restore {
        path: std::path::PathBuf,
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
    /// Copy the whole log from the embedded store to an empty PostgreSQL database (resumable),
    /// then build the read models there.
    MigrateStore {
        /// The PostgreSQL database to move to (`postgres://…`).
        #[arg(long)]
        to: String,
        /// The store to move from.
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
        /// Where the moved store's catalogues are built (as `ruta serve` on it will be set).
        #[command(flatten)]
        search: ruta_api::settings::SearchSettings,
    },
}

#[derive(Debug, Subcommand)]
enum ProjectionsCommand {
    /// Where each projector stands: position, lag, generation, last error.
    Status(ReadModelSettings),
    /// Rebuild one read model beside the live one and swap it in when caught up.
    Rebuild {
        /// certificates, courses, listings or mentors.
        name: String,
        #[command(flatten)]
        settings: ReadModelSettings,
    },
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Create a token and print it (shown once; only its hash is stored).
    Create {
        /// participant, mentor, expert, staff, evaluator, analyst or admin.
        #[arg(long)]
        role: Role,
        /// Whom the token acts as (a participant token needs the participant id).
        #[arg(long)]
        subject: Option<String>,
        #[arg(long)]
        label: Option<String>,
        /// How long it lives: seconds or 30d, 12h, 45m (at most 365d).
        #[arg(long, env = "RUTA_TOKEN_TTL", default_value_t = TokenLifetime::DEFAULT)]
        expires_in: TokenLifetime,
        /// Also print the token's id and expiry (to stderr, so stdout stays the token).
        #[arg(long)]
        verbose: bool,
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
    /// List tokens, newest first: id, role, subject, status, created, expires, label (never
    /// the secret).
    List {
        #[arg(long)]
        role: Option<Role>,
        #[arg(long)]
        subject: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 1_000)]
        limit: u32,
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
    /// Revoke a token by its id (`tok_…`, from `ruta token list`); it answers 401 from now on.
    Revoke {
        token_id: String,
        #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
              hide_env_values = true)]
        database_url: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("RUTA_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Serve { settings, demo } => {
            if demo {
                let db = connect(&settings.database_url).await?;
                ruta_api::demo_cli::load_if_empty(&db).await?;
                db.close().await;
            }
            let app = Application::build(&settings).await?;
            tracing::info!(address = %app.local_addr()?, "ruta is listening");
            app.run_until_stopped().await
        }
        Command::Migrate { database_url } => {
            connect(&database_url).await?;
            Ok(())
        }
        Command::Import {
            file,
            strict,
            database_url,
        } => {
            let db = connect(&database_url).await?;
            let executor = ruta_commands::Executor::new(db.clone());
            let started = std::time::Instant::now();
            let report = import_file(&executor, &file, strict, true).await?;
            ruta_store::seal::seal_pending(&db).await?;
            db.close().await;
            let s = &report.summary;
            let seconds = started.elapsed().as_secs_f64();
            #[allow(clippy::print_stdout)]
            {
                if report.refused {
                    println!(
                        "refused: {} malformed line(s); nothing was applied",
                        report.rejections.len()
                    );
                } else {
                    println!(
                        "{} lines: {} applied, {} duplicates, {} rejected in {seconds:.1} s",
                        s.lines, s.applied, s.duplicates, s.rejected
                    );
                }
                if let Some(line) = report.stopped_at {
                    println!("strict: stopped at line {line}; lines before it were applied");
                }
                if let Some((line, _)) = &report.store_failed_at {
                    println!(
                        "stopped: the event store failed on the batch from line {line}; nothing \
                         of it was applied, the lines counted applied were; re-run the file to \
                         apply the rest"
                    );
                }
            }
            if report.store_failed_at.is_some() {
                anyhow::bail!("the import stopped on a store failure");
            }
            if report.rejections.is_empty() {
                Ok(())
            } else {
                std::process::exit(1)
            }
        }
        Command::Project(settings) => projections_cli::run_worker(&settings).await,
        Command::Projections(ProjectionsCommand::Status(settings)) => {
            projections_cli::print_status(&settings).await
        }
        Command::Projections(ProjectionsCommand::Rebuild { name, settings }) => {
            projections_cli::rebuild_one(&settings, &name).await
        }
        Command::Replay(args) => run_replay(args).await,
        Command::Report(args) => run_report(args).await,
        Command::Demo { args, database_url } => {
            let db = connect(&database_url).await?;
            let summary = ruta_api::demo_cli::run(&db, &args).await;
            ruta_store::seal::seal_pending(&db).await?;
            db.close().await;
            #[allow(clippy::print_stdout)]
            {
                print!("{}", ruta_api::demo_cli::report(&summary?));
            }
            Ok(())
        }
        Command::Token(command) => run_token(command).await,
        Command::Export(args) => ruta_api::export_cli::run_export(args).await,
        Command::Verify { database_url } => {
            let db = connect(&database_url).await?;
            let untouched = ruta_api::integrity_cli::run_verify(&db).await?;
            db.close().await;
            if !untouched {
                std::process::exit(1);
            }
            Ok(())
        }
        Command::Backup { path, database_url } => {
            ruta_api::backup_cli::backup(&database_url, &path).await?;
            #[allow(clippy::print_stdout)]
            {
                println!("backup written to {}", path.display());
            }
            Ok(())
        }
        Command::Restore { path, database_url } => {
            let events = ruta_api::backup_cli::restore(&database_url, &path).await?;
            #[allow(clippy::print_stdout)]
            {
                println!(
                    "restored {events} events; the log verifies; `ruta serve` rebuilds \
                          the search catalogues from it"
                );
            }
            Ok(())
        }
        Command::MigrateStore {
            to,
            database_url,
            search,
        } => ruta_api::integrity_cli::migrate_store(&database_url, &to, &search).await,
    }
}

async fn run_token(command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create {
            role,
            subject,
            label,
            expires_in,
            verbose,
            database_url,
        } => {
            if role == Role::Participant && subject.is_none() {
                anyhow::bail!("a participant token needs --subject <participant id>");
            }
            let db = connect(&database_url).await?;
            let issued =
                auth::issue_token(&db, role, subject.as_deref(), label.as_deref(), expires_in)
                    .await
                    .context("storing the token")?;
            db.close().await;
            #[allow(clippy::print_stdout, clippy::print_stderr)]
            {
                println!("{}", issued.token);
                if verbose {
                    eprintln!("{} expires {}", issued.token_id, issued.expires_at);
                }
            }
            Ok(())
        }
        TokenCommand::List {
            role,
            subject,
            limit,
            database_url,
        } => {
            let db = connect(&database_url).await?;
            let filter = token_admin::TokenFilter {
                role,
                subject,
                before: None,
                limit,
            };
            let tokens = token_admin::list_tokens(&db, &filter)
                .await
                .context("listing tokens")?;
            db.close().await;
            #[allow(clippy::print_stdout)]
            {
                print!("{}", token_admin::as_table(&tokens));
            }
            Ok(())
        }
        TokenCommand::Revoke {
            token_id,
            database_url,
        } => {
            let db = connect(&database_url).await?;
            let revoked = token_admin::revoke_token(&db, &token_id)
                .await
                .context("revoking the token")?;
            db.close().await;
            if !revoked {
                anyhow::bail!("no token has the id {token_id}");
            }
            Ok(())
        }
    }
}
