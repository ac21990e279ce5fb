//! The Report contract of design.md §4: what the CLI prints as JSON, what the worker answers and
//! what the embed API exposes. Built once, at the edge of the analysis, from the stages' domain
//! values. Version 2 (this crate's `REPORT_VERSION`): reachability grouped per client and way,
//! fragments and effective manifests computed on demand (`crate::service_detail`).

use crate::diagnostic::{Diagnostic, Label, Position, Span};
use crate::rules::Rule;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::Arc;

pub const REPORT_VERSION: u32 = 2;

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
    /// One entry per client and way (`via`), listing the services it reaches that way.
    pub reachability: Vec<Reachability>,
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
    /// Why no other service can call this one (a Worker Service exposes no endpoint…); `None`
    /// when it is reachable through Service Connect or Service Discovery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreachable: Option<String>,
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

/// The services one client reaches one way. `via: null` lists those it cannot reach; the reason
/// is the client's own (`reason`: it cannot call into the VPC at all) or each target's
/// ([`ServiceReport::unreachable`]). The URL a client dials is the target's
/// `service_connect.url` or `service_discovery.url`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reachability {
    pub from: String,
    pub via: Option<Via>,
    /// Shared names: the same few strings stand in thousands of lists (100 services make 9,900
    /// pairs per environment), so they are reference-counted, not copied.
    pub to: Vec<Arc<str>>,
    /// Why this client reaches nothing (`via: null` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One ordered pair of services, expanded from the grouped [`Reachability`] list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair<'a> {
    pub from: &'a ServiceReport,
    pub to: &'a ServiceReport,
    pub via: Option<Via>,
    /// Why there is no path (`via: None`): the client's reason, else the target's.
    pub reason: Option<&'a str>,
}

impl<'a> Pair<'a> {
    /// The URL the client dials, when it can.
    pub fn url(&self) -> Option<&'a str> {
        match self.via? {
            Via::ServiceConnect => self.to.service_connect.as_ref()?.url.as_deref(),
            Via::ServiceDiscovery => self.to.service_discovery.url.as_deref(),
        }
    }
}

impl EnvironmentReport {
    pub fn service(&self, name: &str) -> Option<&ServiceReport> {
        self.services.iter().find(|s| s.name == name)
    }

    /// Every ordered pair with its way, in the order of `reachability`. Names are looked up
    /// through one index, so expanding all n² pairs costs n², not n³.
    pub fn pairs(&self) -> impl Iterator<Item = Pair<'_>> {
        let by_name: Rc<HashMap<&str, &ServiceReport>> =
            Rc::new(self.services.iter().map(|s| (s.name.as_str(), s)).collect());
        self.reachability.iter().flat_map(move |r| {
            let from = by_name.get(r.from.as_str()).copied();
            let by_name = Rc::clone(&by_name);
            r.to.iter().filter_map(move |to| {
                let to = by_name.get(&**to).copied()?;
                let reason = match r.via {
                    Some(_) => None,
                    None => r.reason.as_deref().or(to.unreachable.as_deref()),
                };
                Some(Pair {
                    from: from?,
                    to,
                    via: r.via,
                    reason,
                })
            })
        })
    }

    /// Why `from` cannot reach `to` (when it cannot).
    pub fn reason(&self, from: &str, to: &str) -> Option<&str> {
        let group = self
            .reachability
            .iter()
            .find(|r| r.from == from && r.via.is_none() && r.to.iter().any(|t| &**t == to))?;
        group
            .reason
            .as_deref()
            .or_else(|| self.service(to)?.unreachable.as_deref())
    }
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
    pub fn refused(app: String, rule: Rule, message: String, help: Option<String>) -> Self {
        let mut label = Label::new(String::new(), Span::default());
        label.position = Position::FIRST;
        let diagnostic = Diagnostic::new(rule, label, message).with_help_opt(help);
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
