//! Every key of every workload type (the generated `key_table`) checked against a manifest:
//! keys Copilot does not know are warnings with the nearest known key suggested (Copilot ignores
//! them silently, spec §2.1), and scalar values that yaml.v3 would refuse are type errors.

pub use super::kind::{Key, Kind, Table};
use super::{Manifest, WorkloadType, key_table};
use crate::diagnostic::Diagnostic;
use crate::syntax::scalar::{as_go_bool, as_go_uint};
use crate::syntax::{Document, Node, NodeKind, ResolvedScalar};

pub fn table(ty: WorkloadType) -> Table {
    key_table::workload(ty)
}

pub fn environment_table() -> Table {
    key_table::ENVIRONMENT
}

/// What Copilot enforces on each key of a workload type that has a rule (for hovers), by path.
pub fn notes(ty: WorkloadType) -> impl Iterator<Item = (&'static str, &'static str)> {
    notes_of(table(ty))
}

pub fn environment_notes() -> impl Iterator<Item = (&'static str, &'static str)> {
    notes_of(environment_table())
}

fn notes_of(table: Table) -> impl Iterator<Item = (&'static str, &'static str)> {
    table
        .iter()
        .filter(|k| !k.note.is_empty())
        .map(|k| (k.path, k.note))
}

pub struct Checker<'a> {
    doc: &'a Document,
    manifest: Manifest<'a>,
    table: Table,
    line_of: &'a dyn Fn(usize) -> u32,
    /// `unknown-key` diagnostics (warnings: Copilot goes on).
    pub unknown: Vec<Diagnostic>,
    /// `wrong-type` diagnostics (Copilot stops), its text included for a workload manifest.
    pub errors: Vec<Diagnostic>,
    /// Below a union, Copilot's decoder swallows type errors of the map attempt (spec §2.6).
    union_depth: usize,
}

impl<'a> Checker<'a> {
    pub fn new(
        doc: &'a Document,
        manifest: Manifest<'a>,
        line_of: &'a dyn Fn(usize) -> u32,
    ) -> Self {
        Self {
            doc,
            manifest,
            table: manifest.table(),
            line_of,
            unknown: Vec::new(),
            errors: Vec::new(),
            union_depth: 0,
        }
    }

    fn kind(&self, path: &str) -> Option<Kind> {
        self.table.get(path).map(|k| k.kind)
    }

    /// Check a mapping whose keys sit at the schema path `prefix` (`""` for the top level);
    /// `shown` is the same place as the user wrote it (`environments.prod.network`).
    pub fn check_map(&mut self, node: &Node, prefix: &str, shown: &str, skip: &[&str]) {
        let Some(entries) = self.doc.resolve(node).and_then(Node::entries) else {
            return;
        };
        if super::has_duplicate_keys(self.doc, entries) {
            // yaml.v3 decodes nothing of this mapping: no error below it. Inside a union a
            // duplicate only empties the map form (the union says so).
            if self.union_depth == 0 {
                super::duplicate_key_errors(
                    self.doc,
                    self.manifest,
                    entries,
                    self.line_of,
                    &mut self.errors,
                );
            }
            return;
        }
        for e in entries {
            let Some(key) = self.doc.resolve(&e.key).and_then(Node::text) else {
                continue;
            };
            if skip.contains(&key) {
                continue;
            }
            let path = join(prefix, key);
            let shown_path = join(shown, key);
            let (pattern, kind) = match self.kind(&path) {
                Some(k) => (path, k),
                None => {
                    let user_key = join(prefix, "<key>");
                    match self
                        .kind(&user_key)
                        .or_else(|| self.has_children(&user_key).then_some(Kind::Map))
                    {
                        Some(k) => (user_key, k),
                        None => {
                            let suggestion = self.suggest(prefix, key);
                            self.unknown.push(self.manifest.unknown_key(
                                e.key.span,
                                shown_path,
                                suggestion.as_deref(),
                            ));
                            continue;
                        }
                    }
                }
            };
            self.check_value(&e.value, &pattern, &shown_path, kind);
        }
    }

    fn has_children(&self, prefix: &str) -> bool {
        self.table.has_children(prefix)
    }

    fn check_value(&mut self, value: &Node, pattern: &str, shown: &str, kind: Kind) {
        if self.doc.is_null(value) {
            return;
        }
        let Some(node) = self.doc.resolve(value) else {
            return;
        };
        let union = usize::from(kind == Kind::Union);
        self.union_depth += union;
        self.check_node(node, pattern, shown, kind);
        self.union_depth -= union;
    }

    fn check_node(&mut self, node: &Node, pattern: &str, shown: &str, kind: Kind) {
        if kind == Kind::Union
            && let Some(&(_, basic, advanced)) = GENERIC_UNIONS.iter().find(|u| u.0 == pattern)
        {
            if let Some(text) = self.generic_union_error(node, pattern, basic, advanced) {
                self.errors.push(self.manifest.error(
                    crate::rules::Rule::InvalidUnion,
                    node.span,
                    shown,
                    format!(
                        "`{shown}` must be a string or a map with {}",
                        self.child_list(pattern)
                    ),
                    &text,
                ));
            }
            return;
        }
        if kind == Kind::Union
            && let Some(union) = self.scalar_union(pattern)
            && !self.union_decodes(node, pattern, union.scalar)
        {
            // Not a type error but the union's own: yaml.v3 aborts with it, inside a union too.
            self.errors.push(self.manifest.error(
                crate::rules::Rule::InvalidUnion,
                node.span,
                shown,
                format!(
                    "`{shown}` must be {} or a map with {}",
                    union.scalar.words(),
                    self.child_list(pattern)
                ),
                union.copilot,
            ));
            return;
        }
        if kind == Kind::Union
            && let Some((_, copilot)) = STRING_OR_LIST.iter().find(|u| u.0 == pattern)
        {
            // `StringSliceOrString`: a list, else a string; a map is neither.
            if let NodeKind::Map(_) = node.kind {
                match copilot {
                    Some(text) => {
                        self.push_union_error(node, shown, "a string or a list of strings", text);
                    }
                    // A type error of this union itself, not of a map form being tried.
                    None if self.union_depth <= 1 => {
                        let line = (self.line_of)(node.span.start);
                        self.errors.push(super::type_error_for(
                            self.doc,
                            self.manifest,
                            node,
                            shown,
                            "string",
                            line,
                        ));
                    }
                    None => {}
                }
            }
            return;
        }
        match (kind, &node.kind) {
            (Kind::Map | Kind::Union | Kind::UserMap, NodeKind::Map(_))
                if self.has_children(pattern) =>
            {
                self.check_map(node, pattern, shown, &[]);
            }
            (Kind::UserMap | Kind::Map, NodeKind::Map(entries)) => {
                if self.union_depth == 0 {
                    super::duplicate_key_errors(
                        self.doc,
                        self.manifest,
                        entries,
                        self.line_of,
                        &mut self.errors,
                    );
                }
                let values = if pattern.ends_with("variables") {
                    Some(ValueUnion::Variable)
                } else if pattern.ends_with("secrets") {
                    Some(ValueUnion::Secret)
                } else {
                    None
                };
                if let Some(values) = values {
                    for e in entries {
                        self.check_env_value(&e.value, shown, values);
                    }
                }
            }
            (Kind::MapList | Kind::Union, NodeKind::Seq(items)) => {
                let item_pattern = format!("{pattern}[]");
                if self.has_children(&item_pattern) {
                    for (i, item) in items.iter().enumerate() {
                        self.check_map(item, &item_pattern, &format!("{shown}[{i}]"), &[]);
                    }
                }
            }
            (Kind::StrList, NodeKind::Seq(items)) => {
                for item in items {
                    if self.doc.resolve(item).is_some_and(|n| n.scalar().is_none()) {
                        self.type_error(item, shown, "string");
                    }
                }
            }
            (Kind::StrList, NodeKind::Scalar(_)) => self.type_error(node, shown, "[]string"),
            (Kind::MapList, NodeKind::Map(_) | NodeKind::Scalar(_)) => {
                if let Some((_, go)) = SLICE_TYPES.iter().find(|(p, _)| *p == pattern) {
                    self.type_error(node, shown, go);
                }
            }
            (Kind::Str, NodeKind::Seq(_) | NodeKind::Map(_)) => {
                self.type_error(node, shown, "string");
            }
            (Kind::Bool | Kind::Int | Kind::U16 | Kind::U32 | Kind::Float | Kind::Duration, _) => {
                self.check_scalar(node, shown, kind);
            }
            _ => {}
        }
    }

    /// Copilot's generic `Union[Basic, Advanced].UnmarshalYAML` (union.go): the basic form
    /// wins when it decodes to a non-empty string, else the advanced one when it decodes without
    /// error to a non-zero value; otherwise both errors, each as yaml.v3 words it. Only the map
    /// and list forms are modelled (a scalar always decodes as the basic form, or is empty).
    fn generic_union_error(
        &self,
        node: &Node,
        pattern: &str,
        basic_type: &str,
        advanced: &str,
    ) -> Option<String> {
        let line = (self.line_of)(node.span.start);
        let advanced_errors = match &node.kind {
            NodeKind::Map(entries) => {
                let mut errors = Vec::new();
                if super::has_duplicate_keys(self.doc, entries) {
                    let mut dups = Vec::new();
                    super::duplicate_key_errors(
                        self.doc,
                        self.manifest,
                        entries,
                        self.line_of,
                        &mut dups,
                    );
                    // The text after `yaml: unmarshal errors:\n  ` of each.
                    errors.extend(dups.iter().filter_map(|d| {
                        d.copilot_error
                            .as_deref()
                            .and_then(|t| t.rsplit_once("unmarshal errors:\n  "))
                            .map(|(_, l)| l.to_string())
                    }));
                } else {
                    for e in entries {
                        let Some(key) = self.doc.resolve(&e.key).and_then(Node::text) else {
                            continue;
                        };
                        let Some(child) = self.kind(&join(pattern, key)) else {
                            continue;
                        };
                        if self.doc.is_null(&e.value) {
                            continue;
                        }
                        let Some(value) = self.doc.resolve(&e.value) else {
                            continue;
                        };
                        let go = match (child, &value.kind) {
                            (Kind::Str, NodeKind::Seq(_) | NodeKind::Map(_)) => "string",
                            (Kind::Int, _) if !self.scalar_ok(value, child) => {
                                if key.ends_with("threshold") {
                                    "int64"
                                } else {
                                    "int"
                                }
                            }
                            (Kind::Duration, _) if !self.scalar_ok(value, child) => "time.Duration",
                            _ => continue,
                        };
                        errors.push(super::type_error_text(
                            self.doc,
                            value,
                            go,
                            (self.line_of)(value.span.start),
                        ));
                    }
                    let set = entries.iter().any(|e| {
                        !self.doc.is_null(&e.value)
                            && self
                                .doc
                                .resolve(&e.key)
                                .and_then(Node::text)
                                .is_some_and(|k| self.kind(&join(pattern, k)).is_some())
                    });
                    if errors.is_empty() && set {
                        return None;
                    }
                }
                errors
            }
            NodeKind::Seq(_) => vec![super::type_error_text(self.doc, node, advanced, line)],
            _ => return None,
        };
        let basic = match &node.kind {
            NodeKind::Map(entries) if super::has_duplicate_keys(self.doc, entries) => {
                advanced_errors.join("\n  ")
            }
            _ => super::type_error_text(self.doc, node, "string", line),
        };
        let advanced_text = if advanced_errors.is_empty() {
            "is zero".to_string()
        } else {
            format!(
                "yaml: unmarshal errors:\n  {}",
                advanced_errors.join("\n  ")
            )
        };
        Some(format!(
            "unmarshal to basic form {basic_type}: yaml: unmarshal errors:\n  {basic}\nunmarshal to advanced form {advanced}: {advanced_text}"
        ))
    }

    fn push_union_error(&mut self, node: &Node, shown: &str, forms: &str, copilot: &str) {
        self.errors.push(self.manifest.error(
            crate::rules::Rule::InvalidUnion,
            node.span,
            shown,
            format!("`{shown}` must be {forms}"),
            copilot,
        ));
    }

    /// One value of `variables` (`Variable`: a string or `{from_cfn}`) or `secrets` (`Secret`:
    /// `{secretsmanager}`, else a string or `{from_cfn}`), as `StringOrFromCFN.UnmarshalYAML`
    /// decodes it: a map form counts when its one key is set; any scalar is a string.
    fn check_env_value(&mut self, value: &Node, shown: &str, union: ValueUnion) {
        if self.doc.is_null(value) {
            return;
        }
        let Some(node) = self.doc.resolve(value) else {
            return;
        };
        let has = |key: &str| match &node.kind {
            NodeKind::Map(entries) if !super::has_duplicate_keys(self.doc, entries) => {
                entries.iter().any(|e| {
                    !self.doc.is_null(&e.value)
                        && self.doc.resolve(&e.key).and_then(Node::text) == Some(key)
                })
            }
            _ => false,
        };
        let ok = matches!(node.kind, NodeKind::Scalar(_) | NodeKind::Alias(_))
            || has("from_cfn")
            || (union == ValueUnion::Secret && has("secretsmanager"));
        if !ok {
            let (forms, text) = match union {
                ValueUnion::Variable => (
                    "a string or a map with `from_cfn`",
                    "unmarshal \"variables\": cannot unmarshal field to a string or into a map",
                ),
                ValueUnion::Secret => (
                    "a string or a map with `secretsmanager` or `from_cfn`",
                    "cannot marshal \"secret\" field to a string or \"secretsmanager\" object",
                ),
            };
            self.push_union_error(node, shown, forms, text);
        }
    }

    /// The "map or scalar" union at `pattern`, if it is one whose scalar side is checked here.
    fn scalar_union(&self, pattern: &str) -> Option<&'static ScalarUnion> {
        let union = SCALAR_UNIONS
            .iter()
            .chain(std::iter::once(&EFS_UNION))
            .find(|u| u.pattern == pattern)?;
        // Scheduled Jobs' `count` is a plain int, App Runner's a string.
        let count_ok = match self.manifest {
            Manifest::Workload { ty, .. } => matches!(
                ty,
                WorkloadType::LoadBalancedWebService
                    | WorkloadType::BackendService
                    | WorkloadType::WorkerService
            ),
            Manifest::Environment { .. } => false,
        };
        (!pattern.starts_with("count") || count_ok).then_some(union)
    }

    /// Copilot's `XOrBool.UnmarshalYAML`: the map form wins when it sets at least one field
    /// (type errors inside it are swallowed); otherwise the node must decode as the scalar form,
    /// null included.
    fn union_decodes(&self, node: &Node, pattern: &str, scalar: Kind) -> bool {
        match &node.kind {
            NodeKind::Map(entries) if super::has_duplicate_keys(self.doc, entries) => false,
            NodeKind::Map(entries) => entries.iter().any(|e| {
                let Some(key) = self.doc.resolve(&e.key).and_then(Node::text) else {
                    return false;
                };
                let Some(child) = self.kind(&join(pattern, key)) else {
                    return false;
                };
                if self.doc.is_null(&e.value) {
                    return false;
                }
                // yaml.v3 allocates a pointer field before decoding into it, so a scalar field
                // that fails to decode still counts as set; a struct field given a scalar or a
                // list stays empty.
                !(child == Kind::Map
                    && self
                        .doc
                        .resolve(&e.value)
                        .is_some_and(|v| matches!(v.kind, NodeKind::Scalar(_) | NodeKind::Seq(_))))
            }),
            NodeKind::Scalar(_) => self.doc.is_null(node) || self.scalar_ok(node, scalar),
            NodeKind::Seq(_) => false,
            NodeKind::Alias(_) => true,
        }
    }

    /// The map form's keys, for a message: `` `enable` `` or `` `value`, `cooldown` ``.
    fn child_list(&self, pattern: &str) -> String {
        let keys: Vec<String> = self
            .table
            .children(pattern)
            .map(|(k, _)| format!("`{k}`"))
            .collect();
        keys.join(", ")
    }

    /// Whether a scalar decodes into the Go type of `kind`.
    fn scalar_ok(&self, node: &Node, kind: Kind) -> bool {
        let resolved = self.doc.resolve_scalar(node);
        match (&resolved, kind) {
            (None, _) => false,
            (Some((r, s)), Kind::Bool) => as_go_bool(r, s).is_some(),
            (Some((r, _)), Kind::Int) => {
                matches!(r, ResolvedScalar::Int(i) if i64::try_from(*i).is_ok())
                    || matches!(r, ResolvedScalar::Float(f) if f.is_finite() && f.abs() < 9.2e18)
            }
            (Some((r, _)), Kind::U16) => as_go_uint(r, 16).is_some(),
            (Some((r, _)), Kind::U32) => as_go_uint(r, 32).is_some(),
            (Some((r, _)), Kind::Float) => {
                matches!(r, ResolvedScalar::Int(_) | ResolvedScalar::Float(_))
            }
            (Some((r, s)), Kind::Duration) => *r == ResolvedScalar::Str && is_go_duration(&s.value),
            _ => true,
        }
    }

    fn check_scalar(&mut self, node: &Node, shown: &str, kind: Kind) {
        let ok = self.scalar_ok(node, kind);
        if !ok {
            let go = match kind {
                Kind::Bool => "bool",
                Kind::Int => "int",
                Kind::U16 => "uint16",
                Kind::U32 => "uint32",
                Kind::Float => "float64",
                _ => "time.Duration",
            };
            self.type_error(node, shown, go);
        }
    }

    fn type_error(&mut self, node: &Node, path: &str, go_type: &str) {
        if self.union_depth > 0 {
            return;
        }
        let line = (self.line_of)(node.span.start);
        self.errors.push(super::type_error_for(
            self.doc,
            self.manifest,
            node,
            path,
            go_type,
            line,
        ));
    }

    fn suggest(&self, prefix: &str, key: &str) -> Option<String> {
        let lower = key.to_ascii_lowercase();
        self.table
            .children(prefix)
            .map(|(k, _)| {
                (
                    k,
                    strsim::damerau_levenshtein(&lower, &k.to_ascii_lowercase()),
                )
            })
            .filter(|(k, d)| *d <= 2.max(k.len() / 4) && *d < k.len())
            .min_by_key(|(_, d)| *d)
            .map(|(k, _)| k.to_string())
    }
}

/// A union of a map and a scalar (Copilot's `…OrBool` / `…OrT` types): its table pattern, the
/// scalar form's kind and Copilot's fixed error when neither form decodes.
struct ScalarUnion {
    pattern: &'static str,
    scalar: Kind,
    copilot: &'static str,
}

const EXEC: &str = "unable to unmarshal \"exec\" field into boolean or exec configuration";
const COUNT: &str =
    "unable to unmarshal \"count\" field to an integer or autoscaling configuration";
const SCALING: &str = "unable to unmarshal into int or composite-style map";
const FIFO: &str = "unable to unmarshal \"fifo\" field into boolean or compose-style map";
const QUEUE: &str = "cannot unmarshal \"queue\" field into bool or map";
const EFS: &str = "cannot unmarshal \"efs\" field into bool or map";
const RANGE: &str = "unable to unmarshal \"range\" field";
const ALIAS: &str =
    "unable to unmarshal \"alias\" into advanced alias map, string, or slice of strings";

/// `ExecuteCommand`, `Count`, `ScalingConfigOrT`, `FIFOTopicAdvanceConfigOrBool`,
/// `FIFOAdvanceConfigOrBool`, `SQSQueueOrBool`, `EFSConfigOrBool` and `Range`'s
/// `UnmarshalYAML`.
static SCALAR_UNIONS: [ScalarUnion; 11] = [
    // `Range`: `{min, max, spot_from}`, else the `MIN-MAX` string.
    ScalarUnion {
        pattern: "count.range",
        scalar: Kind::Str,
        copilot: RANGE,
    },
    ScalarUnion {
        pattern: "exec",
        scalar: Kind::Bool,
        copilot: EXEC,
    },
    ScalarUnion {
        pattern: "count",
        scalar: Kind::Int,
        copilot: COUNT,
    },
    ScalarUnion {
        pattern: "count.cpu_percentage",
        scalar: Kind::Int,
        copilot: SCALING,
    },
    ScalarUnion {
        pattern: "count.memory_percentage",
        scalar: Kind::Int,
        copilot: SCALING,
    },
    ScalarUnion {
        pattern: "count.requests",
        scalar: Kind::Int,
        copilot: SCALING,
    },
    ScalarUnion {
        pattern: "count.response_time",
        scalar: Kind::Duration,
        copilot: SCALING,
    },
    ScalarUnion {
        pattern: "publish.topics[].fifo",
        scalar: Kind::Bool,
        copilot: FIFO,
    },
    ScalarUnion {
        pattern: "subscribe.queue.fifo",
        scalar: Kind::Bool,
        copilot: FIFO,
    },
    ScalarUnion {
        pattern: "subscribe.topics[].queue.fifo",
        scalar: Kind::Bool,
        copilot: FIFO,
    },
    ScalarUnion {
        pattern: "subscribe.topics[].queue",
        scalar: Kind::Bool,
        copilot: QUEUE,
    },
];

/// What the values of a `variables` or `secrets` map are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueUnion {
    Variable,
    Secret,
}

/// `StringSliceOrString` fields: a map is yaml.v3's own type error (`into string`), or the
/// wrapper's fixed text (`EntryPointOverride`, `CommandOverride`).
static STRING_OR_LIST: [(&str, Option<&str>); 9] = [
    // `Alias`: a list of `{name, hosted_zone}` maps, else `StringSliceOrString`.
    ("http.alias", Some(ALIAS)),
    ("http.additional_rules[].alias", Some(ALIAS)),
    ("nlb.alias", Some(ALIAS)),
    ("files[].exclude", None),
    ("files[].reinclude", None),
    (
        "command",
        Some("unable to unmarshal \"command\" into string or slice of strings"),
    ),
    (
        "entrypoint",
        Some("unable to unmarshal \"entrypoint\" into string or slice of strings"),
    ),
    (
        "sidecars.<key>.command",
        Some("unable to unmarshal \"command\" into string or slice of strings"),
    ),
    (
        "sidecars.<key>.entrypoint",
        Some("unable to unmarshal \"entrypoint\" into string or slice of strings"),
    ),
];

/// The Go types of the workload lists of maps, as yaml.v3 names them in a type error.
static SLICE_TYPES: [(&str, &str); 7] = [
    ("files", "[]manifest.FileUpload"),
    ("http.additional_rules", "[]manifest.RoutingRule"),
    (
        "nlb.additional_listeners",
        "[]manifest.NetworkLoadBalancerListener",
    ),
    ("publish.topics", "[]manifest.Topic"),
    (
        "sidecars.<key>.mount_points",
        "[]manifest.SidecarMountPoint",
    ),
    ("subscribe.topics", "[]manifest.TopicSubscription"),
    ("taskdef_overrides", "[]manifest.OverrideRule"),
];

/// Copilot's generic `Union[Basic, Advanced]` fields: pattern, and `Basic` and `Advanced` as
/// Go's `%T` names them.
static GENERIC_UNIONS: [(&str, &str, &str); 3] = [
    ("http.healthcheck", "string", "manifest.HTTPHealthCheckArgs"),
    (
        "http.additional_rules[].healthcheck",
        "string",
        "manifest.HTTPHealthCheckArgs",
    ),
    (
        "sidecars.<key>.image",
        "*string",
        "manifest.ImageLocationOrBuild",
    ),
];

/// `storage.volumes.<key>.efs` (its pattern holds a user key).
static EFS_UNION: ScalarUnion = ScalarUnion {
    pattern: "storage.volumes.<key>.efs",
    scalar: Kind::Bool,
    copilot: EFS,
};

// Not `format!`: this runs for every key of every manifest, and the formatting machinery cost
// three times the copy (callgrind).
fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        return key.to_string();
    }
    let mut out = String::with_capacity(prefix.len() + 1 + key.len());
    out.push_str(prefix);
    out.push('.');
    out.push_str(key);
    out
}

/// Go's `time.ParseDuration`: an optional sign, then one or more `<number><unit>` with units
/// ns, us, µs, μs, ms, s, m, h; a lone `0` is allowed.
pub fn is_go_duration(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    if s == "0" {
        return true;
    }
    let mut rest = s;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = rest.get(..digits).unwrap_or("");
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return false;
        }
        rest = rest.get(digits..).unwrap_or("");
        let unit = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
            .iter()
            .filter(|u| rest.starts_with(**u))
            .max_by_key(|u| u.len());
        match unit {
            Some(u) => rest = rest.get(u.len()..).unwrap_or(""),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for ok in ["10s", "1m30s", "250ms", "0", "1.5h", "-3us", "2µs"] {
            assert!(is_go_duration(ok), "{ok}");
        }
        for bad in ["10", "", "s", "1x", "1.2.3s", "1 s"] {
            assert!(!is_go_duration(bad), "{bad}");
        }
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        let sorted = |t: Table| {
            let paths: Vec<_> = t.iter().map(|k| k.path).collect();
            paths.windows(2).all(|w| w[0] < w[1]) && paths.len() == t.len()
        };
        for ty in WorkloadType::ALL {
            assert!(sorted(table(ty)), "{ty:?}");
            assert!(table(ty).iter().all(|k| table(ty).get(k.path) == Some(k)));
        }
        assert!(sorted(environment_table()));
        assert!(sorted(key_table::ANY_WORKLOAD));
        let connect = |ty| {
            notes(ty)
                .find(|(p, _)| *p == "network.connect")
                .map(|n| n.1)
        };
        assert!(
            connect(WorkloadType::WorkerService).is_some_and(|n| n.contains("`alias` is rejected"))
        );
        assert!(environment_notes().count() > 10);
    }

    #[test]
    fn children_and_values() {
        let lbws = table(WorkloadType::LoadBalancedWebService);
        let image: Vec<_> = lbws.children("image").map(|(k, _)| k).collect();
        assert!(
            image.contains(&"port") && image.contains(&"healthcheck"),
            "{image:?}"
        );
        assert!(!image.iter().any(|k| k.contains('.')));
        let top: Vec<_> = lbws.children("").map(|(k, _)| k).collect();
        assert!(top.contains(&"http") && top.contains(&"nlb") && !top.contains(&"subscribe"));
        let rule: Vec<_> = lbws
            .children("http.additional_rules[]")
            .map(|(k, _)| k)
            .collect();
        assert!(rule.contains(&"path"), "{rule:?}");
        assert!(lbws.has_children("sidecars.<key>"));
        assert!(!lbws.has_children("variables"));
        // The binary search agrees with a scan for every prefix, including cut-off ones.
        for prefix in [
            "count",
            "count.range",
            "count.ra",
            "http",
            "htt",
            "image.port",
            "",
            "zzz",
        ] {
            let dotted = format!("{prefix}.");
            let scan = lbws.iter().any(|k| k.path.starts_with(&dotted));
            assert_eq!(lbws.has_children(prefix), scan, "{prefix}");
        }
        assert_eq!(lbws.get("http.version").map(|k| k.values.len()), Some(3));
        assert_eq!(
            lbws.get("exec").map(|k| k.values),
            Some(&["true", "false"][..])
        );
        assert_eq!(lbws.get("nope"), None);
    }
}
