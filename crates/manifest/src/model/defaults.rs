//! The default object Copilot decodes each workload manifest over (spec §1.2): defaults behave
//! like values written in the base manifest, so they show in the effective manifest and can be
//! overridden per environment. `cpu:`/`memory:` written with no value erase their default (they
//! are pointers); a null struct field (`count`, `exec`, `network`, `placement`) keeps it.

use super::WorkloadType;
use crate::diagnostic::Span;
use crate::syntax::{Document, Entry, Node, NodeKind, Scalar, Style};

/// (path, plain value, whether a null in the manifest erases it).
type Default = (&'static [&'static str], &'static str, bool);

const ECS: &[Default] = &[
    (&["cpu"], "256", true),
    (&["memory"], "512", true),
    (&["count"], "1", false),
    (&["exec"], "false", false),
    (&["network", "vpc", "placement"], "public", false),
];
const JOB: &[Default] = &[
    (&["cpu"], "256", true),
    (&["memory"], "512", true),
    (&["count"], "1", false),
    (&["network", "vpc", "placement"], "public", false),
];
const RDWS: &[Default] = &[(&["cpu"], "1024", true), (&["memory"], "2048", true)];

fn defaults(ty: WorkloadType) -> &'static [Default] {
    match ty {
        WorkloadType::LoadBalancedWebService
        | WorkloadType::BackendService
        | WorkloadType::WorkerService => ECS,
        WorkloadType::ScheduledJob => JOB,
        WorkloadType::RequestDrivenWebService => RDWS,
        WorkloadType::StaticSite => &[],
    }
}

/// The manifest's root mapping as Copilot sees it after decoding over the type's defaults.
pub fn apply(doc: &Document, root: &Node, ty: WorkloadType) -> Node {
    let mut out = doc.resolve(root).unwrap_or(root).clone();
    for (path, value, erasable) in defaults(ty) {
        set_default(doc, &mut out, path, value, *erasable);
    }
    out
}

fn set_default(doc: &Document, node: &mut Node, path: &[&str], value: &str, erasable: bool) {
    let Some((key, rest)) = path.split_first() else {
        return;
    };
    let NodeKind::Map(entries) = &mut node.kind else {
        return;
    };
    let position = entries
        .iter()
        .position(|e| doc.resolve(&e.key).and_then(Node::text) == Some(*key));
    let Some(i) = position else {
        entries.push(Entry {
            key: scalar(key),
            value: nested(rest, value),
        });
        return;
    };
    let Some(entry) = entries.get_mut(i) else {
        return;
    };
    if doc.is_null(&entry.value) {
        if rest.is_empty() && erasable {
            return;
        }
        entry.value = nested(rest, value);
        return;
    }
    if rest.is_empty() {
        return;
    }
    // Descend into the manifest's own map (resolving an alias into a copy we may extend).
    if let Some(resolved) = doc.resolve(&entry.value).filter(|n| n.entries().is_some()) {
        let mut copy = resolved.clone();
        set_default(doc, &mut copy, rest, value, erasable);
        entry.value = copy;
    }
}

fn scalar(text: &str) -> Node {
    Node {
        kind: NodeKind::Scalar(Scalar {
            value: text.to_string(),
            style: Style::Plain,
            tag: None,
        }),
        span: Span::default(),
    }
}

/// `value` under the remaining keys: `{vpc: {placement: public}}`.
fn nested(path: &[&str], value: &str) -> Node {
    match path.split_first() {
        None => scalar(value),
        Some((key, rest)) => Node {
            kind: NodeKind::Map(vec![Entry {
                key: scalar(key),
                value: nested(rest, value),
            }]),
            span: Span::default(),
        },
    }
}
