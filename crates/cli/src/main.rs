//! `copilot-manifest`: check a repository's `copilot/` folder (design.md §7).
//! Exit codes: 0 clean or warnings only, 1 errors found, 2 bad usage or unreadable input.

mod explain;
mod printers;
mod render;

use clap::{Parser, Subcommand, ValueEnum};
use printers::Format;
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
    /// Print every service's Service Connect and Service Discovery endpoints and who reaches whom.
    Endpoints(EndpointsArgs),
    /// Print the CloudFormation fragments Copilot generates for one service in one environment.
    Render(render::RenderArgs),
    /// Explain a diagnostic code, with a failing and a passing example; without CODE, list them all.
    Explain { code: Option<String> },
    /// Run the language server over stdio (diagnostics, hovers and completion for editors).
    Lsp,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    workspace: WorkspaceArgs,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(clap::Args)]
struct EndpointsArgs {
    #[command(flatten)]
    workspace: WorkspaceArgs,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

/// Where the manifests are and what Copilot would take from the shell and the deployed stacks.
#[derive(clap::Args)]
pub(crate) struct WorkspaceArgs {
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
    /// The AWS account deployed to (rendered SNS topic ARNs need it).
    #[arg(long)]
    account: Option<String>,
    /// The AWS region deployed to (rendered SNS topic ARNs need it).
    #[arg(long)]
    region: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Table,
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
        Command::Endpoints(args) => endpoints(args),
        Command::Render(args) => render::run(args),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Lsp => match copilot_manifest_lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: language server: {e}");
                ExitCode::from(1)
            }
        },
    }
}

impl WorkspaceArgs {
    /// The workspace on disk with the flags applied; an unreadable input is reported here.
    pub(crate) fn load(self) -> Result<copilot_manifest::Workspace, ExitCode> {
        // A refused input is one line with its own code, exit 2.
        let mut workspace = copilot_manifest_lsp::disk::load(&self.dir).map_err(|e| {
            eprintln!("error[{}]: {e}", e.code());
            ExitCode::from(2)
        })?;
        workspace.app = self.app;
        workspace.environments = self.envs;
        workspace.variables = self.vars.into_iter().collect();
        workspace.legacy_namespaces = self.legacy_namespaces;
        workspace.account = self.account;
        workspace.region = self.region;
        Ok(workspace)
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let root = args.workspace.dir.clone();
    let workspace = match args.workspace.load() {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let report = copilot_manifest::analyze(&workspace);
    print!(
        "{}",
        printers::print(args.format, &report, &workspace, Some(&root))
    );
    if report.error_count() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn endpoints(args: EndpointsArgs) -> ExitCode {
    let workspace = match args.workspace.load() {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let report = copilot_manifest::analyze(&workspace);
    match args.format {
        TableFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report.environments).unwrap_or_default()
        ),
        TableFormat::Table => print!("{}", copilot_manifest::text::endpoint_tables(&report)),
    }
    ExitCode::SUCCESS
}
