//! The CloudFormation pane's document: the open service's fragments and its environment's, as
//! one text with a header line per fragment, and the provenance as a line map
//! (`[generated line, manifest file, first line, last line]`, all 1-based) that links the pane's
//! read-only editor to the manifest editor both ways (web/cfn.js).

use std::collections::BTreeMap;
use std::fmt::Write;

use copilot_manifest::{EnvironmentReport, Fragments, ServiceReport};
use serde_json::Value;

/// One row of the line map.
pub type LineLink = (u32, String, u32, u32);

/// The document and its line map, in YAML (short tags) or CloudFormation JSON.
#[derive(Debug, Default, PartialEq)]
pub struct CfnDocument {
    pub text: String,
    pub links: Vec<LineLink>,
}

impl CfnDocument {
    /// The line map as the JSON the editor facade reads.
    pub fn links_json(&self) -> String {
        serde_json::to_string(&self.links).unwrap_or_else(|_| "[]".to_owned())
    }

    fn line(&self) -> u32 {
        u32::try_from(self.text.lines().count()).unwrap_or(u32::MAX)
    }

    fn push_fragments(&mut self, title: &str, fragments: &Fragments, json: bool) {
        if fragments.items.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let _ = writeln!(self.text, "# {title}");
        for item in &fragments.items {
            let _ = writeln!(self.text, "# ── {}", item.path.join(" › "));
            let first = self.line() + 1;
            let lines: BTreeMap<String, u32> = if json {
                let (text, lines) = pretty_json(&item.json);
                self.text.push_str(&text);
                lines
            } else {
                self.text.push_str(&item.yaml);
                item.provenance
                    .iter()
                    .map(|p| (p.pointer.clone(), p.yaml_line))
                    .collect()
            };
            if !self.text.ends_with('\n') {
                self.text.push('\n');
            }
            for p in &item.provenance {
                let Some(line) = lines.get(&p.pointer) else {
                    continue;
                };
                for s in &p.sources {
                    let at = first + line.saturating_sub(1);
                    let row = (at, s.file.clone(), s.line, s.end_line.max(s.line));
                    if !self.links.contains(&row) {
                        self.links.push(row);
                    }
                }
            }
        }
    }
}

/// The service's workload-stack fragments, then its environment's.
pub fn document(
    service: Option<(&ServiceReport, &Fragments)>,
    environment: Option<(&EnvironmentReport, &Fragments)>,
    json: bool,
) -> CfnDocument {
    let mut doc = CfnDocument::default();
    if let Some((s, fragments)) = service {
        let title = format!("{} ({}): the workload stack", s.name, s.workload_type);
        doc.push_fragments(&title, fragments, json);
    }
    if let Some((e, fragments)) = environment {
        let title = format!("environment {}: its stack", e.name);
        doc.push_fragments(&title, fragments, json);
    }
    doc
}

/// `serde_json::to_string_pretty`'s layout, written here to know the 1-based line each JSON
/// pointer starts on.
pub fn pretty_json(value: &Value) -> (String, BTreeMap<String, u32>) {
    let mut out = String::new();
    let mut lines = BTreeMap::new();
    let mut pointer = String::new();
    write_value(value, 0, &mut pointer, &mut out, &mut lines);
    out.push('\n');
    (out, lines)
}

fn write_value(
    value: &Value,
    depth: usize,
    pointer: &mut String,
    out: &mut String,
    lines: &mut BTreeMap<String, u32>,
) {
    let line = u32::try_from(out.matches('\n').count() + 1).unwrap_or(u32::MAX);
    lines.insert(pointer.clone(), line);
    let indent = |out: &mut String, depth: usize| out.push_str(&"  ".repeat(depth));
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                let _ = write!(pointer, "/{i}");
                indent(out, depth + 1);
                write_value(item, depth + 1, pointer, out, lines);
                pointer.truncate(len);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            indent(out, depth);
            out.push(']');
        }
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                indent(out, depth + 1);
                out.push_str(&Value::String(key.clone()).to_string());
                out.push_str(": ");
                write_value(item, depth + 1, pointer, out, lines);
                pointer.truncate(len);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            indent(out, depth);
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copilot_manifest::{ColumnUnit, Workspace};

    #[test]
    fn pretty_json_matches_serde_and_knows_each_pointer() {
        let value = serde_json::json!({
            "a": [1, {"b/c": "x", "d~e": []}, {}],
            "f": {"g": null, "h": true},
        });
        let (text, lines) = pretty_json(&value);
        assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n");
        let line_of =
            |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1;
        assert_eq!(lines["/a/1/b~1c"], line_of("\"b/c\""));
        assert_eq!(lines["/a/1/d~0e"], line_of("\"d~e\""));
        assert_eq!(lines["/f/h"], line_of("\"h\""));
        assert_eq!(lines[""], 1);
    }

    fn kudos_workspace() -> Workspace {
        Workspace {
            files: crate::examples::kudos(),
            column_unit: ColumnUnit::Utf16,
            ..Workspace::default()
        }
    }

    fn kudos_api() -> (copilot_manifest::Report, String) {
        let ws = kudos_workspace();
        let text = ws.files[0].text.clone();
        (copilot_manifest::analyze(&ws), text)
    }

    /// The generated port mapping links to the manifest's `port:` line, in both formats.
    #[test]
    fn container_port_links_to_the_manifest_port_line() {
        let (report, manifest) = kudos_api();
        let env = &report.environments[0];
        let api = env.services.iter().find(|s| s.name == "api").unwrap();
        let ws = kudos_workspace();
        let detail = copilot_manifest::service_detail(&ws, "api", &env.name).unwrap();
        let env_fragments = copilot_manifest::environment_fragments(&ws, &env.name);
        let port_line = manifest
            .lines()
            .position(|l| l.trim() == "port: 80")
            .unwrap() as u32
            + 1;
        for json in [false, true] {
            let doc = document(
                Some((api, &detail.fragments)),
                Some((env, &env_fragments)),
                json,
            );
            let generated = doc
                .text
                .lines()
                .position(|l| {
                    l.contains("ContainerPort: 80") || l.contains("\"ContainerPort\": 80")
                })
                .unwrap() as u32
                + 1;
            // JSON writes the port mapping's `{` on the line above its first key.
            let lines = if json {
                generated - 1..=generated
            } else {
                generated..=generated
            };
            assert!(
                doc.links
                    .iter()
                    .any(|(at, file, from, to)| lines.contains(at)
                        && file == "copilot/api/manifest.yml"
                        && (*from..=*to).contains(&port_line)),
                "json={json} line {generated}: {:?}\n{}",
                doc.links,
                doc.text
            );
            assert!(doc.text.contains("# environment test: its stack"));
            assert!(
                doc.links
                    .iter()
                    .all(|(at, ..)| *at as usize <= doc.text.lines().count())
            );
        }
    }
}
