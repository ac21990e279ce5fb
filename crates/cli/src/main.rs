//! `copilot-manifest`: check a repository's `copilot/` folder (design.md §7).
//! Exit codes: 0 clean or warnings only, 1 errors found, 2 bad usage or unreadable input.

mod explain;
mod human;
mod load;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "copilot-manifest",
    version,
    about = "Validate AWS Copilot manifests and show how services reach each other"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the manifests under DIR/copilot and print problems and endpoints.
    Check(CheckArgs),
    /// Explain a diagnostic code, with a failing and a passing example; without CODE, list them all.
    Explain { code: Option<String> },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The repository that holds the `copilot/` folder.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// An environment to analyse besides those under copilot/environments (repeatable).
    #[arg(long = "env", value_name = "NAME")]
    envs: Vec<String>,
    /// The application name, instead of `application:` in copilot/.workspace.
    #[arg(long)]
    app: Option<String>,
    /// A shell variable for `${VAR}` interpolation (repeatable).
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
    vars: Vec<(String, String)>,
    /// An environment created before Copilot v1.9.0, whose namespace is `{app}.local` (repeatable).
    #[arg(long = "legacy-namespace", value_name = "ENV")]
    legacy_namespaces: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn parse_var(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected KEY=VALUE, got `{s}`")),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Explain { code } => explain::run(code.as_deref()),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let mut workspace = match load::load(&args.dir) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    workspace.app = args.app;
    workspace.environments = args.envs;
    workspace.variables = args.vars.into_iter().collect();
    workspace.legacy_namespaces = args.legacy_namespaces;
    let report = copilot_manifest::analyze(&workspace);
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        Format::Human => human::render(&report, &workspace, human::use_color()),
    };
    print!("{out}");
    if report.error_count() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
