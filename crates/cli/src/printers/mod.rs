//! One printer per `check --format`, each over the core's one `Diagnostic` model
//! (design.md §3: printers sit outside the core). Every printer gets the Report and the
//! Workspace it came from (the human printer quotes the files' text) and returns the whole
//! output as one string.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;

use copilot_manifest::{Report, Workspace};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style snippets, then the endpoints (annotate-snippets).
    Human,
    /// The Report (design.md §4).
    Json,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitLab Code Quality.
    Gitlab,
}

pub fn print(format: Format, report: &Report, ws: &Workspace, root: Option<&Path>) -> String {
    match format {
        Format::Human => human::render(report, ws, human::use_color()),
        Format::Json => json::render(report),
        Format::Github => github::render(report),
        Format::Sarif => sarif::render(report, root),
        Format::Gitlab => gitlab::render(report),
    }
}
