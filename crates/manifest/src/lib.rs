//! `copilot-manifest`: validates AWS Copilot manifests and computes what they produce for
//! service-to-service communication. One pure pipeline (design.md §2): parse → decode → merge →
//! validate → network → render → Report (the renderer only
//! with the `render` feature, on by default). No I/O, no clock, no globals: the same code runs natively and
//! in the browser's worker.

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

pub use diagnostic::{Diagnostic, Severity, Span};
pub use report::{
    EnvironmentReport, Fragment, Fragments, Omitted, Provenance, Reachability, Report,
    ServiceConnect, ServiceDiscovery, ServiceReport, SourceRange, Via,
};
pub use workspace::{ColumnUnit, SourceFile, Workspace};

/// More files than this in one workspace are refused with a `too-many-files` diagnostic.
pub const MAX_FILES: usize = 1000;

/// Analyse a whole workspace. Never panics, whatever the files hold.
pub fn analyze(workspace: &Workspace) -> Report {
    analysis::analyze(workspace)
}

/// The worker's entry point: a `Workspace` as JSON in, a `Report` as JSON out.
pub fn analyze_json(workspace_json: &str) -> String {
    let report = match serde_json::from_str::<Workspace>(workspace_json) {
        Ok(ws) => analyze(&ws),
        Err(e) => Report::refused(
            String::new(),
            "invalid-workspace",
            format!("the workspace could not be read: {e}"),
            None,
        ),
    };
    serde_json::to_string(&report).unwrap_or_else(|_| String::from("{\"version\":1}"))
}
