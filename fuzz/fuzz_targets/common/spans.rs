//! Shared by the `yaml` and `interpolate` targets: every span of a tree lies inside its text.

use copilot_manifest::syntax::{Node, NodeKind};

pub fn check(node: &Node, len: usize) {
    assert!(node.span.start <= node.span.end && node.span.end <= len, "{node:?}");
    match &node.kind {
        NodeKind::Seq(items) => items.iter().for_each(|n| check(n, len)),
        NodeKind::Map(entries) => entries.iter().for_each(|e| {
            check(&e.key, len);
            check(&e.value, len);
        }),
        _ => {}
    }
}
