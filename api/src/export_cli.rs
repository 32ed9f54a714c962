//! `ruta export --pseudonymised`: the log for analysts, without personal data.

use anyhow::{bail, Context};
use ruta_replay::export::{export_pseudonymised, ExportFormat};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `ruta export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// Required: the only export Ruta makes drops personal fields and replaces subject ids
    /// with keyed pseudonyms (staff read one person's journey through the API instead).
    #[arg(long)]
    pub pseudonymised: bool,
    /// jsonl or csv.
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// The export key: pseudonyms are stable across exports made with the same key. Created
    /// (32 random bytes, mode 0600) when the file does not exist. Without it, a key is made
    /// for this export alone and forgotten.
    #[arg(long)]
    pub key_file: Option<PathBuf>,
    /// Where to write (stdout without it).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
          hide_env_values = true)]
    pub database_url: String,
}

/// Runs `ruta export`.
///
/// # Errors
/// When the flag or format is wrong, the key file cannot be read or made, the log cannot be
/// read or the output cannot be written.
pub async fn run_export(args: ExportArgs) -> anyhow::Result<()> {
    if !args.pseudonymised {
        bail!("only pseudonymised exports exist: add --pseudonymised");
    }
    let format = match args.format.as_str() {
        "jsonl" => ExportFormat::Jsonl,
        "csv" => ExportFormat::Csv,
        other => bail!("unknown format {other:?}: jsonl or csv"),
    };
    let key = match &args.key_file {
        Some(path) => key_from(path)?,
        None => new_key().to_vec(),
    };
    let db = crate::startup::connect(&args.database_url).await?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let exported = export_pseudonymised(&db, &key, format, &mut out).await?;
    out.flush()?;
    db.close().await;
    tracing::info!(
        events = exported.events,
        subjects = exported.subjects,
        "pseudonymised export written"
    );
    Ok(())
}

fn new_key() -> [u8; 32] {
    rand::random()
}

/// The key in `path` (hex, as this command writes it), made there when missing.
fn key_from(path: &Path) -> anyhow::Result<Vec<u8>> {
    if !path.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(path)
            .with_context(|| format!("creating the key file {}", path.display()))?;
        writeln!(file, "{}", hex::encode(new_key()))?;
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the key file {}", path.display()))?;
    let key = hex::decode(text.trim()).context("the key file does not hold hex")?;
    if key.len() < 16 {
        bail!("the key in {} is shorter than 16 bytes", path.display());
    }
    Ok(key)
}
