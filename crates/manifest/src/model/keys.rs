//! Every key of every workload type (the generated `schema` tables) checked against a manifest:
//! keys Copilot does not know are warnings with the nearest known key suggested (Copilot ignores
//! them silently, spec §2.1), and scalar values that yaml.v3 would refuse are type errors.

use super::{DecodeError, WorkloadType, schema};
use crate::diagnostic::Span;
use crate::syntax::scalar::{as_go_bool, as_go_uint};
use crate::syntax::{Document, Node, NodeKind, ResolvedScalar};

/// How Copilot decodes a key (see the vocabulary of `manifest-fields.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Str,
    Duration,
    Map,
    Int,
    Bool,
    U16,
    U32,
    Float,
    StrList,
    MapList,
    /// A map whose keys the user chooses (`variables`, `sidecars`); listed `<key>` children describe its values.
    UserMap,
    /// Either-or forms decoded by Copilot's own decoders; their errors come from `model`.
    Union,
    Any,
}

/// A key Copilot does not know at this place.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownKey {
    pub span: Span,
    pub path: String,
    pub key: String,
    pub suggestion: Option<String>,
}

pub fn table(ty: WorkloadType) -> &'static [(&'static str, Kind)] {
    match ty {
        WorkloadType::LoadBalancedWebService => schema::LBWS,
        WorkloadType::BackendService => schema::BACKEND,
        WorkloadType::WorkerService => schema::WORKER,
        WorkloadType::ScheduledJob => schema::JOB,
        WorkloadType::RequestDrivenWebService => schema::RDWS,
        WorkloadType::StaticSite => schema::STATIC_SITE,
    }
}

pub fn environment_table() -> &'static [(&'static str, Kind)] {
    schema::ENVIRONMENT
}

/// What Copilot enforces on each key of a workload type that has a rule (for hovers), by path.
pub fn notes(ty: WorkloadType) -> &'static [(&'static str, &'static str)] {
    match ty {
        WorkloadType::LoadBalancedWebService => schema::LBWS_NOTES,
        WorkloadType::BackendService => schema::BACKEND_NOTES,
        WorkloadType::WorkerService => schema::WORKER_NOTES,
        WorkloadType::ScheduledJob => schema::JOB_NOTES,
        WorkloadType::RequestDrivenWebService => schema::RDWS_NOTES,
        WorkloadType::StaticSite => schema::STATIC_SITE_NOTES,
    }
}

pub fn environment_notes() -> &'static [(&'static str, &'static str)] {
    schema::ENVIRONMENT_NOTES
}

pub struct Checker<'a> {
    doc: &'a Document,
    table: &'static [(&'static str, Kind)],
    line_of: &'a dyn Fn(usize) -> u32,
    pub unknown: Vec<UnknownKey>,
    pub errors: Vec<DecodeError>,
    /// Below a union, Copilot's decoder swallows type errors of the map attempt (spec §2.6).
    union_depth: usize,
}

impl<'a> Checker<'a> {
    pub fn new(
        doc: &'a Document,
        table: &'static [(&'static str, Kind)],
        line_of: &'a dyn Fn(usize) -> u32,
    ) -> Self {
        Self {
            doc,
            table,
            line_of,
            unknown: Vec::new(),
            errors: Vec::new(),
            union_depth: 0,
        }
    }

    fn kind(&self, path: &str) -> Option<Kind> {
        self.table
            .binary_search_by(|(p, _)| (*p).cmp(path))
            .ok()
            .and_then(|i| self.table.get(i))
            .map(|(_, k)| *k)
    }

    /// The known keys directly under `prefix` (for suggestions).
    fn children<'p>(&self, prefix: &'p str) -> impl Iterator<Item = &'static str> + 'p {
        let table = self.table;
        table.iter().filter_map(move |(p, _)| {
            let rest = if prefix.is_empty() {
                Some(*p)
            } else {
                p.strip_prefix(prefix).and_then(|r| r.strip_prefix('.'))
            };
            rest.filter(|r| !r.contains('.') && !r.starts_with('<'))
        })
    }

    /// Check a mapping whose keys sit at the schema path `prefix` (`""` for the top level);
    /// `shown` is the same place as the user wrote it (`environments.prod.network`).
    pub fn check_map(&mut self, node: &Node, prefix: &str, shown: &str, skip: &[&str]) {
        let Some(entries) = self.doc.resolve(node).and_then(Node::entries) else {
            return;
        };
        for e in entries {
            let Some(key) = self.doc.resolve(&e.key).and_then(Node::text) else {
                continue;
            };
            if skip.contains(&key) {
                continue;
            }
            let path = join(prefix, key);
            let shown_path = join(shown, key);
            let user_key = join(prefix, "<key>");
            let (pattern, kind) = match self.kind(&path) {
                Some(k) => (path, k),
                None => match self
                    .kind(&user_key)
                    .or_else(|| self.has_children(&user_key).then_some(Kind::Map))
                {
                    Some(k) => (user_key, k),
                    None => {
                        let suggestion = self.suggest(prefix, key);
                        self.unknown.push(UnknownKey {
                            span: e.key.span,
                            path: shown_path,
                            key: key.to_string(),
                            suggestion,
                        });
                        continue;
                    }
                },
            };
            self.check_value(&e.value, &pattern, &shown_path, kind);
        }
    }

    fn has_children(&self, prefix: &str) -> bool {
        let dotted = format!("{prefix}.");
        self.table.iter().any(|(p, _)| p.starts_with(&dotted))
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
        match (kind, &node.kind) {
            (Kind::Map | Kind::Union | Kind::UserMap, NodeKind::Map(_))
                if self.has_children(pattern) =>
            {
                self.check_map(node, pattern, shown, &[]);
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
            (Kind::Str, NodeKind::Seq(_) | NodeKind::Map(_)) => {
                self.type_error(node, shown, "string")
            }
            (Kind::Bool | Kind::Int | Kind::U16 | Kind::U32 | Kind::Float | Kind::Duration, _) => {
                self.check_scalar(node, shown, kind)
            }
            _ => {}
        }
    }

    fn check_scalar(&mut self, node: &Node, shown: &str, kind: Kind) {
        let resolved = self.doc.resolve_scalar(node);
        let ok = match (&resolved, kind) {
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
        };
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
        self.errors
            .push(super::type_error_for(self.doc, node, path, go_type, line));
    }

    fn suggest(&self, prefix: &str, key: &str) -> Option<String> {
        let lower = key.to_ascii_lowercase();
        self.children(prefix)
            .map(|k| {
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

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
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
        for ty in WorkloadType::ALL {
            let t = table(ty);
            assert!(t.windows(2).all(|w| w[0].0 < w[1].0), "{ty:?}");
            let n = notes(ty);
            assert!(n.windows(2).all(|w| w[0].0 < w[1].0), "{ty:?} notes");
            // Every note belongs to a key of the same table.
            assert!(
                n.iter()
                    .all(|(p, _)| t.binary_search_by(|(k, _)| k.cmp(p)).is_ok()),
                "{ty:?}"
            );
        }
        assert!(environment_table().windows(2).all(|w| w[0].0 < w[1].0));
        assert!(environment_notes().windows(2).all(|w| w[0].0 < w[1].0));
        let connect = |ty| {
            notes(ty)
                .iter()
                .find(|(p, _)| *p == "network.connect")
                .map(|n| n.1)
        };
        assert!(
            connect(WorkloadType::WorkerService).is_some_and(|n| n.contains("`alias` is rejected"))
        );
    }
}
