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
        // No Vec: this runs for every file several times per analysis (callgrind: 1.5 %).
        let mut parts = path.split('/');
        let parts = [(); 5].map(|()| parts.next());
        match parts {
            [Some("copilot"), Some(".workspace"), None, ..] => FileKind::WorkspaceSummary,
            [
                Some("copilot"),
                Some("environments"),
                Some(env),
                Some("manifest.yml" | "manifest.yaml"),
                None,
            ] => FileKind::Environment { name: env },
            [
                Some("copilot"),
                Some(name),
                Some("manifest.yml" | "manifest.yaml"),
                None,
                _,
            ] if name != "environments" => FileKind::Workload { name },
            _ => FileKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FileKind, SourceFile};

    fn kind(path: &str) -> FileKind<'_> {
        // The path is borrowed by the kind: leak the tiny test file.
        Box::leak(Box::new(SourceFile::new(path, ""))).kind()
    }

    #[test]
    fn kinds_follow_copilots_layout() {
        assert_eq!(kind("copilot/.workspace"), FileKind::WorkspaceSummary);
        assert_eq!(
            kind("./copilot/api/manifest.yml"),
            FileKind::Workload { name: "api" }
        );
        assert_eq!(
            kind("copilot/api/manifest.yaml"),
            FileKind::Workload { name: "api" }
        );
        assert_eq!(
            kind("copilot/environments/test/manifest.yml"),
            FileKind::Environment { name: "test" }
        );
        for other in [
            "copilot/environments/manifest.yml",
            "copilot/api/nested/manifest.yml",
            "copilot/environments/test/extra/manifest.yml",
            "copilot/api/addons/x.yml",
            "copilot/.workspace/x",
            "other/api/manifest.yml",
            "copilot",
            "",
        ] {
            assert_eq!(kind(other), FileKind::Other, "{other}");
        }
    }
}
