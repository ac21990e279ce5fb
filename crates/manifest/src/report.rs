//! The Report contract of design.md §4: what the CLI prints as JSON, what the worker answers and
//! what the embed API exposes. Additive changes keep `version: 1`.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const REPORT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub app: String,
    pub diagnostics: Vec<Diagnostic>,
    pub environments: Vec<EnvironmentReport>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentReport {
    pub name: String,
    /// The private DNS namespace, `{env}.{app}.local` (or `{app}.local` for legacy environments).
    pub namespace: String,
    pub legacy_namespace: bool,
    pub services: Vec<ServiceReport>,
    pub reachability: Vec<Reachability>,
    /// The environment stack's private DNS namespace pieces (spec §8.1). Empty when the core is
    /// built without its `render` feature (the playground's worker).
    #[serde(default, skip_serializing_if = "Fragments::is_empty")]
    pub fragments: Fragments,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceReport {
    pub name: String,
    #[serde(rename = "type")]
    pub workload_type: String,
    /// Path of the manifest this service comes from.
    pub manifest: String,
    /// `null` when Service Connect is off for this service in this environment.
    pub service_connect: Option<ServiceConnect>,
    pub service_discovery: ServiceDiscovery,
    pub env_vars: BTreeMap<String, String>,
    /// The manifest Copilot deploys to this environment: interpolated, with this environment's
    /// override block merged in (YAML text).
    #[serde(default)]
    pub effective_manifest: String,
    /// CloudFormation fragments of this service's stack in this environment (design.md §5),
    /// each with the manifest lines behind it. Empty without the `render` feature.
    #[serde(default, skip_serializing_if = "Fragments::is_empty")]
    pub fragments: Fragments,
}

/// The pieces of a generated CloudFormation template that concern networking (spec §7, §8).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Fragments {
    #[serde(default)]
    pub items: Vec<Fragment>,
    /// Stack parameter values as the parameters file carries them (spec §7.7).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameter_values: BTreeMap<String, String>,
    /// Fragments Copilot would generate that we cannot: they need inputs no manifest holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<Omitted>,
}

impl Fragments {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.omitted.is_empty() && self.parameter_values.is_empty()
    }
}

/// One sub-tree of the template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    /// Where it sits in the template: keys, and sequence indexes written as numbers
    /// (`["Resources", "TaskDefinition", "Properties", "ContainerDefinitions", "0", "PortMappings"]`).
    pub path: Vec<String>,
    /// YAML with short tags (`!Ref`, `!Sub`, `!If`…), the value only (no path keys).
    pub yaml: String,
    /// CloudFormation JSON (`{"Ref": …}`, `{"Fn::If": […]}`).
    pub json: serde_json::Value,
    /// Which manifest lines produced which parts of the fragment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<Provenance>,
}

/// One generated value and the manifest range(s) behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// JSON pointer into `json` (RFC 6901).
    pub pointer: String,
    /// 1-based line of `yaml` where the value is written.
    pub yaml_line: u32,
    pub sources: Vec<SourceRange>,
}

/// A range of a manifest, 1-based, columns in `Workspace::column_unit`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRange {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Omitted {
    pub path: Vec<String>,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceConnect {
    pub enabled: bool,
    /// `false` means client-only: the service publishes no alias.
    pub server: bool,
    pub alias: Option<String>,
    pub port: Option<u16>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDiscovery {
    pub registered: bool,
    pub dns_name: Option<String>,
    pub port: Option<u16>,
    pub url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    ServiceConnect,
    ServiceDiscovery,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reachability {
    pub from: String,
    pub to: String,
    pub via: Option<Via>,
    pub url: Option<String>,
    /// Why the pair has no path (`via: null`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A URL as a client dials it: the port is left out only when it is 80.
pub fn http_url(host: &str, port: u16) -> String {
    if port == 80 {
        format!("http://{host}")
    } else {
        format!("http://{host}:{port}")
    }
}

impl Report {
    /// A report for an input refused as a whole: one error about the input itself, no endpoints.
    pub fn refused(app: String, code: &str, message: String, help: Option<String>) -> Self {
        let diagnostic = crate::diagnostic::Diagnostic {
            code: code.into(),
            severity: crate::diagnostic::Severity::Error,
            message,
            file: String::new(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            path: None,
            env: None,
            copilot_error: None,
            help,
        };
        Report {
            version: REPORT_VERSION,
            app,
            diagnostics: vec![diagnostic],
            environments: Vec::new(),
        }
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Warning)
            .count()
    }
}
