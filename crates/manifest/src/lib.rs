//! `copilot-manifest`: validates AWS Copilot manifests and computes what they produce for
//! service-to-service communication. One pure pipeline (design.md §2): parse → decode → merge →
//! validate → network → render → Report (the renderer only
//! with the `render` feature, on by default). No I/O, no clock, no globals: the same code runs natively and
//! in the browser's worker.

// The core never panics on any input (design.md §2): nothing that input can break may unwrap,
// expect, index or panic. Integration tests opt out at their top.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod analysis;
pub mod diagnostic;
pub mod interpolate;
pub mod merge;
pub mod model;
pub mod network;
#[cfg(feature = "render")]
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod syntax;
pub mod text;
pub mod validate;
pub mod workspace;

pub use analysis::Detail;
pub use diagnostic::{Diagnostic, Label, Position, Severity, Span};
pub use report::{
    EnvironmentReport, Fragment, Fragments, Omitted, Pair, Provenance, Reachability, Report,
    ServiceConnect, ServiceDiscovery, ServiceReport, SourceRange, Via,
};
pub use rules::Rule;
pub use workspace::{ColumnUnit, SourceFile, Workspace};

/// More files than this in one workspace are refused with a `too-many-files` diagnostic.
pub const MAX_FILES: usize = 1000;

/// Analyse a whole workspace. Never panics, whatever the files hold.
pub fn analyze(workspace: &Workspace) -> Report {
    analysis::analyze(workspace)
}

/// What a pane asks for about one service (by name, or by its manifest's path) in one environment: its effective manifest
/// and, with the `render` feature, its CloudFormation fragments. Computed on demand, never in
/// [`analyze`]; `None` when the service is not deployed there (unknown name, broken manifest).
pub fn service_detail(workspace: &Workspace, service: &str, env: &str) -> Option<Detail> {
    analysis::detail(workspace, service, env)
}

/// [`analyze`] and, from the same pass, [`service_detail`] of one service (by name or manifest
/// path) in one environment (`None`: the first analysed): what the worker answers while a pane
/// shows the effective manifest or the CloudFormation.
pub fn analyze_with_detail(
    workspace: &Workspace,
    service: &str,
    env: Option<&str>,
) -> (Report, Option<Detail>) {
    analysis::analyze_with_detail(workspace, Some((service, env)))
}

/// The environment stack's fragments (its Service Discovery namespace), on demand.
#[cfg(feature = "render")]
pub fn environment_fragments(workspace: &Workspace, env: &str) -> Fragments {
    analysis::environment_fragments(workspace, env)
}

/// The worker's entry point: a `Workspace` as JSON in, a `Report` as JSON out.
pub fn analyze_json(workspace_json: &str) -> String {
    let report = match serde_json::from_str::<Workspace>(workspace_json) {
        Ok(ws) => analyze(&ws),
        Err(e) => Report::refused(
            String::new(),
            Rule::InvalidWorkspace,
            format!("the workspace could not be read: {e}"),
            None,
        ),
    };
    serde_json::to_string(&report)
        .unwrap_or_else(|_| format!("{{\"version\":{}}}", report::REPORT_VERSION))
}
