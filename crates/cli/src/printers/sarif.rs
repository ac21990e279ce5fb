//! `--format sarif`: one SARIF 2.1.0 log (OASIS), as GitHub code scanning reads it.
//!
//! Typed structs of our own (Ruff does the same): `serde-sarif` models the whole schema through
//! builders, far more than the dozen fields written here. What GitHub's upload needs: `tool.driver`
//! with `name`, `version` and `rules[]` (`id`, descriptions, `help`, `defaultConfiguration`);
//! each result's `ruleId` (+ `ruleIndex` into `rules`), `level`, `message.text` and a
//! `physicalLocation` whose `artifactLocation.uri` is relative to `%SRCROOT%` (the directory
//! checked, given in `originalUriBaseIds`), with a 1-based `region`. Columns are counted in Unicode
//! code points (`columnKind`), the CLI's unit; SARIF's end column is exclusive, as ours is.

use copilot_manifest::{Diagnostic, Label, Report, Rule, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// The documentation of the manifests the rules check (the project has no public home page).
pub const INFORMATION_URI: &str = "https://aws.github.io/copilot-cli/docs/manifest/overview/";
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<Result>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    short_description: Message,
    full_description: Message,
    help: Message,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct RuleProperties {
    source: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Result {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    environment: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The log for `report`; `root` (the directory checked) becomes `%SRCROOT%` when it resolves.
pub fn render(report: &Report, root: Option<&Path>) -> String {
    let rules = Rule::ALL
        .iter()
        .map(|rule| ReportingDescriptor {
            id: rule.code(),
            short_description: Message {
                text: rule.summary().to_string(),
            },
            full_description: Message {
                text: rule.explain().to_string(),
            },
            help: Message {
                text: crate::explain::page(*rule),
            },
            default_configuration: Configuration {
                level: level(rule.severity()),
            },
            properties: RuleProperties {
                source: rule.source(),
            },
        })
        .collect();
    let results = report.diagnostics.iter().map(result).collect();
    let mut original_uri_base_ids = BTreeMap::new();
    if let Some(uri) = root.and_then(dir_uri) {
        original_uri_base_ids.insert(
            SRCROOT,
            ArtifactLocation {
                uri,
                uri_base_id: None,
            },
        );
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "copilot-manifest",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            original_uri_base_ids,
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

fn result(d: &Diagnostic) -> Result {
    let rule_index = Rule::ALL.iter().position(|r| *r == d.rule).unwrap_or(0);
    Result {
        rule_id: d.code(),
        rule_index,
        level: level(d.severity),
        message: Message {
            text: super::github::message(d),
        },
        locations: location(&d.primary, None, None).into_iter().collect(),
        related_locations: d
            .secondary
            .iter()
            .enumerate()
            .filter_map(|(i, l)| location(l, Some(i), l.message.clone()))
            .collect(),
        properties: d
            .env
            .clone()
            .map(|environment| ResultProperties { environment }),
    }
}

/// A label's place; none for a finding about the workspace as a whole (no file).
fn location(label: &Label, id: Option<usize>, message: Option<String>) -> Option<Location> {
    if label.file.is_empty() {
        return None;
    }
    let p = label.position;
    Some(Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: encode_path(&label.file),
                uri_base_id: Some(SRCROOT),
            },
            region: Region {
                start_line: p.line.max(1),
                start_column: p.column.max(1),
                end_line: p.end_line.max(p.line).max(1),
                end_column: p.end_column.max(1),
            },
        },
        message: message.map(|text| Message { text }),
    })
}

/// `file:///abs/dir/` for the checked directory (absolute, with a trailing slash, as SARIF
/// requires of a base URI).
fn dir_uri(dir: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(dir).ok()?;
    let path = abs.to_str()?.replace('\\', "/");
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    let mut uri = format!("file://{}", encode_path(&path));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// Percent-encodes what may not stand in a URI path (RFC 3986 `pchar` plus `/`).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("copilot/my svc/manifest.yml"),
            "copilot/my%20svc/manifest.yml"
        );
        assert_eq!(encode_path("é%"), "%C3%A9%25");
    }
}
