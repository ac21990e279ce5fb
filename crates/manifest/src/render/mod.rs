//! The `render` stage (design.md §2, §5): the CloudFormation fragments Copilot generates for
//! service-to-service networking (spec §7 for workload stacks, §8.1 for the environment stack),
//! each node tagged with the manifest spans that produced it. Built only with the `render`
//! feature; without it the Report's `fragments` stay empty.

mod environment;
mod service;
pub mod tree;

pub use environment::{EnvironmentInput, environment_fragments};
pub use service::{ServiceInput, service_fragments};

use crate::diagnostic::Span;
use crate::report::{Fragment, Fragments, Omitted, Provenance, SourceRange};
use crate::syntax::{Document, LineIndex, Node};
use crate::workspace::ColumnUnit;
use std::collections::BTreeMap;
use tree::Frag;

/// Fragments still in byte spans, before positions are computed for the consumer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rendered {
    pub items: Vec<(Vec<String>, Frag)>,
    pub parameter_values: BTreeMap<String, String>,
    pub omitted: Vec<(Vec<String>, String)>,
}

impl Rendered {
    fn add(&mut self, path: &[&str], frag: Frag) {
        self.items
            .push((path.iter().map(|p| (*p).to_string()).collect(), frag));
    }

    fn omit(&mut self, path: &[&str], reason: impl Into<String>) {
        self.omitted.push((
            path.iter().map(|p| (*p).to_string()).collect(),
            reason.into(),
        ));
    }

    /// The fragment at a template path.
    pub fn get(&self, path: &[&str]) -> Option<&Frag> {
        self.items
            .iter()
            .find(|(p, _)| p.iter().map(String::as_str).eq(path.iter().copied()))
            .map(|(_, f)| f)
    }

    /// The Report's form: YAML and JSON text per fragment, spans turned into line and column
    /// of `file` (the manifest every span points into).
    pub fn into_report(self, file: &str, text: &str, unit: ColumnUnit) -> Fragments {
        let index = LineIndex::new(text);
        let range = |span: Span| {
            let (line, column) = index.position(span.start, unit);
            let (end_line, end_column) = index.position(span.end.max(span.start), unit);
            SourceRange {
                file: file.to_string(),
                line,
                column,
                end_line,
                end_column,
            }
        };
        let items = self
            .items
            .into_iter()
            .map(|(path, frag)| {
                let (yaml, written) = tree::to_yaml(&frag);
                Fragment {
                    path,
                    json: tree::to_json(&frag),
                    yaml,
                    provenance: written
                        .into_iter()
                        .map(|w| Provenance {
                            pointer: w.pointer,
                            yaml_line: w.line + 1,
                            sources: w.spans.into_iter().map(range).collect(),
                        })
                        .collect(),
                }
            })
            .collect();
        Fragments {
            items,
            parameter_values: self.parameter_values,
            omitted: self
                .omitted
                .into_iter()
                .map(|(path, reason)| Omitted { path, reason })
                .collect(),
        }
    }
}

/// The node at a dotted path of a tree (null values count as absent).
fn get_in<'a>(doc: &'a Document, node: &'a Node, path: &str) -> Option<&'a Node> {
    doc.path(node, path)
}

/// A mapping's entries as (key text, value) pairs.
fn entries<'a>(doc: &'a Document, node: Option<&'a Node>) -> Vec<(&'a str, &'a Node)> {
    node.and_then(|n| doc.resolve(n))
        .and_then(Node::entries)
        .into_iter()
        .flatten()
        .filter_map(|e| Some((doc.resolve(&e.key)?.text()?, &e.value)))
        .collect()
}

fn items<'a>(doc: &'a Document, node: Option<&'a Node>) -> &'a [Node] {
    doc.items(node)
}

fn text<'a>(doc: &'a Document, node: Option<&'a Node>) -> Option<&'a str> {
    doc.text(node)
}
