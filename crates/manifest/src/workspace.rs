//! The input of the pipeline: every file of a `copilot/` folder plus the settings Copilot would
//! take from the shell and from deployed stacks (user variables, legacy namespaces).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One file of the workspace, addressed by its path relative to the repository root
/// (`copilot/api/manifest.yml`, `copilot/environments/test/manifest.yml`, `copilot/.workspace`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// How the Report counts columns: the CLI shows Unicode scalar values, CodeMirror wants UTF-16,
/// a language server whose client offers it may use UTF-8 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnUnit {
    #[default]
    Chars,
    Utf16,
    Utf8,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workspace {
    pub files: Vec<SourceFile>,
    /// The application name; when `None` it is read from `copilot/.workspace` (`application:`).
    pub app: Option<String>,
    /// Environments to analyse besides those that have a `copilot/environments/<env>/manifest.yml`.
    pub environments: Vec<String>,
    /// Shell variables available to `${VAR}` interpolation.
    pub variables: BTreeMap<String, String>,
    /// Environments created before Copilot v1.9.0, whose namespace is `{app}.local`.
    pub legacy_namespaces: Vec<String>,
    pub column_unit: ColumnUnit,
    /// The AWS account and region deployed to: only rendered SNS topic ARNs need them.
    pub account: Option<String>,
    pub region: Option<String>,
}

/// What a file is, judged from its path as Copilot lays out a repository.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind<'a> {
    /// `copilot/<name>/manifest.yml`: a workload manifest; `name` is the directory name.
    Workload {
        name: &'a str,
    },
    /// `copilot/environments/<env>/manifest.yml`.
    Environment {
        name: &'a str,
    },
    /// `copilot/.workspace`.
    WorkspaceSummary,
    Other,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }

    pub fn kind(&self) -> FileKind<'_> {
        let path = self.path.strip_prefix("./").unwrap_or(&self.path);
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["copilot", ".workspace"] => FileKind::WorkspaceSummary,
            [
                "copilot",
                "environments",
                env,
                "manifest.yml" | "manifest.yaml",
            ] => FileKind::Environment { name: env },
            ["copilot", name, "manifest.yml" | "manifest.yaml"] if *name != "environments" => {
                FileKind::Workload { name }
            }
            _ => FileKind::Other,
        }
    }
}
