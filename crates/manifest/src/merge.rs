//! `environments.<env>` overrides merged onto a copy of the base manifest (spec §3.3), on the
//! spanned tree so every effective value keeps the span of the line that set it.
//!
//! Copilot decodes the override into zero-valued structs and merges them with mergo 23 times;
//! the net effect, reproduced here: a non-null override scalar replaces, a list replaces, maps
//! merge key by key (recursively), a null or absent override keeps the base, and an override
//! that uses the other form of a union (bool vs map, string vs list) replaces the base form.

use crate::syntax::{Document, Entry, Node, NodeKind};

/// Keys of an override block that Copilot never applies: they are not part of the config struct.
const NOT_OVERRIDABLE: [&str; 3] = ["name", "type", "environments"];

/// The autoscaling fields of `count`, which a fixed `spot` count excludes.
const AUTOSCALING: &[&str] = &[
    "range",
    "cpu_percentage",
    "memory_percentage",
    "requests",
    "response_time",
    "queue_delay",
];

/// Either-or groups inside one mapping (its parent key): an override that sets a key of the first
/// group clears the base's keys of the second (Copilot's union transformers, spec §3.3).
const EXCLUSIVE: &[(&str, &[&str], &[&str])] = &[
    ("image", &["build"], &["location"]),
    ("image", &["location"], &["build"]),
    ("count", &["spot"], AUTOSCALING),
    ("count", AUTOSCALING, &["spot"]),
];

/// The base manifest (its root mapping) with `over` merged in. Aliases on either side are
/// resolved as they are met, so the result holds no alias that needs the other side's anchors.
///
/// `plain` lists (parent key, key) pairs that are plain Go values rather than pointers in the
/// workload's config struct: mergo replaces those only with a non-empty override, so an override
/// of `""` keeps the base (spec §3.3 rule 1's exception).
pub fn merge_override(doc: &Document, base: &Node, over: &Node, plain: &[(&str, &str)]) -> Node {
    merge_map(doc, base, over, "", 0, plain)
}

/// `parent` is the key this mapping sits under (`""` for the manifest itself).
fn merge_map(
    doc: &Document,
    base: &Node,
    over: &Node,
    parent: &str,
    depth: usize,
    plain: &[(&str, &str)],
) -> Node {
    let top = depth == 0;
    let (Some(base_node), Some(over_node)) = (doc.resolve(base), doc.resolve(over)) else {
        return base.clone();
    };
    let (Some(base_entries), Some(over_entries)) = (base_node.entries(), over_node.entries())
    else {
        return base_node.clone();
    };
    let key_of = |e: &Entry| doc.resolve(&e.key).and_then(Node::text).map(str::to_owned);
    let over_set: Vec<(&Entry, String)> = over_entries
        .iter()
        .filter_map(|e| key_of(e).map(|k| (e, k)))
        .filter(|(e, k)| {
            let not_config = top && NOT_OVERRIDABLE.contains(&k.as_str());
            !doc.is_null(&e.value) && !not_config
        })
        .collect();
    let cleared = |k: &str| {
        EXCLUSIVE.iter().any(|(within, set, clears)| {
            *within == parent
                && clears.contains(&k)
                && over_set.iter().any(|(_, o)| set.contains(&o.as_str()))
        })
    };

    let mut merged: Vec<Entry> = Vec::with_capacity(base_entries.len() + over_set.len());
    for b in base_entries {
        let Some(k) = key_of(b) else {
            merged.push(b.clone());
            continue;
        };
        if cleared(&k) {
            continue;
        }
        let empty_plain = |o: &Entry| {
            plain.contains(&(parent, k.as_str())) && doc.text(Some(&o.value)) == Some("")
        };
        match over_set.iter().find(|(_, o)| *o == k) {
            Some((o, _)) if empty_plain(o) => merged.push(b.clone()),
            Some((o, _)) => merged.push(Entry {
                key: o.key.clone(),
                value: merge_value(doc, &b.value, &o.value, &k, depth + 1, plain),
            }),
            None => merged.push(b.clone()),
        }
    }
    for (o, k) in &over_set {
        if !base_entries
            .iter()
            .any(|b| key_of(b).as_deref() == Some(k.as_str()))
        {
            merged.push((*o).clone());
        }
    }
    Node {
        kind: NodeKind::Map(merged),
        span: base_node.span,
    }
}

fn merge_value(
    doc: &Document,
    base: &Node,
    over: &Node,
    key: &str,
    depth: usize,
    plain: &[(&str, &str)],
) -> Node {
    let both_maps = doc.resolve(base).and_then(Node::entries).is_some()
        && doc.resolve(over).and_then(Node::entries).is_some();
    if both_maps && depth < crate::syntax::MAX_DEPTH {
        merge_map(doc, base, over, key, depth, plain)
    } else {
        doc.resolve(over).unwrap_or(over).clone()
    }
}
