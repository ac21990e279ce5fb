//! Builders shared by the integration tests: small workspaces written in the tests themselves.
#![allow(dead_code)]

use copilot_manifest::{Diagnostic, Report, Severity, SourceFile, Workspace, analyze};

pub const KUDOS_API: &str = "name: api\ntype: Backend Service\nimage:\n  build: api/Dockerfile\n  port: 80\nnetwork:\n  connect: true\n";
pub const KUDOS_FRONT_END: &str = "name: front-end\ntype: Load Balanced Web Service\nimage:\n  build: front-end/Dockerfile\n  port: 80\nhttp:\n  path: '/'\nnetwork:\n  connect: true\n";

/// The docs' example: app `kudos`, environment `test`, `api` and `front-end`.
pub fn kudos() -> Workspace {
    workspace(&[("api", KUDOS_API), ("front-end", KUDOS_FRONT_END)])
}

/// A workspace for app `kudos` with environment `test` and the given services (dir, manifest).
pub fn workspace(services: &[(&str, &str)]) -> Workspace {
    let mut files = vec![
        SourceFile::new("copilot/.workspace", "application: kudos\n"),
        SourceFile::new(
            "copilot/environments/test/manifest.yml",
            "name: test\ntype: Environment\n",
        ),
    ];
    for (dir, text) in services {
        files.push(SourceFile::new(
            format!("copilot/{dir}/manifest.yml"),
            *text,
        ));
    }
    Workspace {
        files,
        ..Workspace::default()
    }
}

/// One service named `svc` of the given manifest, analysed in `test`.
pub fn single(manifest: &str) -> Report {
    analyze(&workspace(&[("svc", manifest)]))
}

/// Errors and warnings: what a test about problems looks at (notes are checked on their own).
pub fn problems(report: &Report) -> Vec<&Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect()
}

pub fn codes(report: &Report) -> Vec<&str> {
    problems(report)
        .into_iter()
        .map(copilot_manifest::Diagnostic::code)
        .collect()
}

pub fn errors(report: &Report) -> Vec<&Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// The conformance corpus, read in place from `../shared/conformance/copilot/` beside the
/// repository (or `COPILOT_CONFORMANCE_DIR`). Without it the caller skips loudly, except under
/// `CI=true`, where a missing corpus fails.
pub fn corpus() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("COPILOT_CONFORMANCE_DIR").map_or_else(
        || {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/conformance/copilot")
        },
        std::path::PathBuf::from,
    );
    if dir.join("cases.json").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "the conformance corpus is missing at {} (CI=true requires it)",
            dir.display()
        );
    }
    eprintln!(
        "\n!!! SKIPPED: conformance corpus not found at {}; set COPILOT_CONFORMANCE_DIR !!!\n",
        dir.display()
    );
    None
}
