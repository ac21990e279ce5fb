//! Our tree back to YAML text: the effective manifest of a service in one environment, as the
//! UI shows and diffs it. Block style, two-space indent; scalars keep their type (a quoted string
//! stays quoted); aliases are expanded under a node budget so a hostile document stays small.

use super::{Document, Node, NodeKind, ResolvedScalar, Scalar, Style, scalar};

/// How many nodes one emission may write before the rest is elided.
const NODE_BUDGET: usize = 20_000;

pub fn to_yaml(doc: &Document, node: &Node) -> String {
    let mut e = Emitter {
        doc,
        out: String::new(),
        budget: NODE_BUDGET,
    };
    match doc.resolve(node).map(|n| &n.kind) {
        Some(NodeKind::Map(_) | NodeKind::Seq(_)) => e.block(node, 0),
        _ => {
            e.inline(node);
            e.out.push('\n');
        }
    }
    e.out
}

struct Emitter<'a> {
    doc: &'a Document,
    out: String,
    budget: usize,
}

impl Emitter<'_> {
    fn spend(&mut self) -> bool {
        self.budget = self.budget.saturating_sub(1);
        self.budget > 0
    }

    /// A collection's entries at `indent`, each on its own line.
    fn block(&mut self, node: &Node, indent: usize) {
        let Some(node) = self.doc.resolve(node) else {
            return;
        };
        let pad = " ".repeat(indent);
        match &node.kind {
            NodeKind::Map(entries) => {
                // A null value is an unset field: the effective manifest does not show it.
                for entry in entries.iter().filter(|e| !self.doc.is_null(&e.value)) {
                    if !self.spend() {
                        self.out.push_str(&pad);
                        self.out.push_str("# … (too large to show)\n");
                        return;
                    }
                    self.out.push_str(&pad);
                    self.key(&entry.key);
                    self.out.push(':');
                    self.value(&entry.value, indent, false);
                }
            }
            NodeKind::Seq(items) => {
                for item in items {
                    if !self.spend() {
                        self.out.push_str(&pad);
                        self.out.push_str("# … (too large to show)\n");
                        return;
                    }
                    self.out.push_str(&pad);
                    self.out.push('-');
                    self.value(item, indent, true);
                }
            }
            _ => {}
        }
    }

    /// What follows `key:` or `-`.
    fn value(&mut self, node: &Node, indent: usize, in_seq: bool) {
        let resolved = self.doc.resolve(node);
        match resolved.map(|n| &n.kind) {
            Some(NodeKind::Map(entries)) if !entries.is_empty() => {
                if in_seq {
                    // `- key: v` with the rest of the map aligned under the first key.
                    let mut inner = String::new();
                    std::mem::swap(&mut inner, &mut self.out);
                    self.block(node, indent + 2);
                    std::mem::swap(&mut inner, &mut self.out);
                    self.out.push(' ');
                    self.out.push_str(inner.trim_start());
                } else {
                    self.out.push('\n');
                    self.block(node, indent + 2);
                }
            }
            Some(NodeKind::Seq(items)) if !items.is_empty() => {
                self.out.push('\n');
                self.block(node, indent + 2);
            }
            Some(NodeKind::Map(_)) => self.out.push_str(" {}\n"),
            Some(NodeKind::Seq(_)) => self.out.push_str(" []\n"),
            Some(NodeKind::Scalar(s))
                if matches!(s.style, Style::Literal | Style::Folded) && s.value.contains('\n') =>
            {
                self.out.push_str(" |");
                if !s.value.ends_with('\n') {
                    self.out.push('-');
                }
                self.out.push('\n');
                let pad = " ".repeat(indent + 2);
                for line in s.value.trim_end_matches('\n').split('\n') {
                    if !line.is_empty() {
                        self.out.push_str(&pad);
                    }
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
            _ => {
                self.out.push(' ');
                self.inline(node);
                self.out.push('\n');
            }
        }
    }

    fn key(&mut self, node: &Node) {
        match self.doc.resolve(node).and_then(Node::scalar) {
            Some(s) => self.scalar(s),
            None => self.out.push_str("? complex key"),
        }
    }

    fn inline(&mut self, node: &Node) {
        match self.doc.resolve(node).map(|n| &n.kind) {
            Some(NodeKind::Scalar(s)) => self.scalar(s),
            _ => self.out.push_str("null"),
        }
    }

    fn scalar(&mut self, s: &Scalar) {
        let plain_ok = s.tag.is_none() && s.style == Style::Plain && is_safe_plain(&s.value);
        if plain_ok {
            self.out
                .push_str(if s.value.is_empty() { "null" } else { &s.value });
            return;
        }
        // Quoted in the source, or needing quotes here: keep it a string, whatever it looks like.
        let typed = s.tag.is_some() && scalar::resolve(s) != ResolvedScalar::Str;
        if typed && is_safe_plain(&s.value) {
            self.out.push_str(&s.value);
            return;
        }
        self.out
            .push_str(&serde_json::to_string(&s.value).unwrap_or_else(|_| "\"\"".into()));
    }
}

/// Text that reads back as the same plain scalar in block context.
fn is_safe_plain(v: &str) -> bool {
    let Some(first) = v.chars().next() else {
        return true;
    };
    !("-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !(first == '-' && v.len() > 1 && !v.starts_with("- ")))
        && !first.is_whitespace()
        && !v.ends_with(char::is_whitespace)
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with(':')
        && !v.contains(['\n', '\r', '\t'])
        && !v.starts_with("---")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn round(src: &str) -> String {
        let doc = parse(src).unwrap();
        to_yaml(&doc, doc.root.as_ref().unwrap())
    }

    #[test]
    fn block_style_round_trip() {
        let src = "name: api\nimage:\n  port: 80\n  build: \"Dockerfile\"\nlist:\n  - a\n  - k: v\n    j: w\nempty: {}\nflow: [1, '2']\n";
        let out = round(src);
        assert_eq!(
            out,
            "name: api\nimage:\n  port: 80\n  build: \"Dockerfile\"\nlist:\n  - a\n  - k: v\n    j: w\nempty: {}\nflow:\n  - 1\n  - \"2\"\n"
        );
        assert_eq!(round(&out), out);
    }

    #[test]
    fn aliases_expand_within_a_budget() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for c in b'b'..=b'i' {
            let (cur, prev) = (c as char, (c - 1) as char);
            src.push_str(&format!("{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let out = round(&src);
        assert!(out.len() < 2_000_000, "{}", out.len());
        assert!(out.contains("too large to show"));
    }
}
