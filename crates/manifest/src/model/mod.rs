//! Typed manifests: the fields that shape service-to-service networking, decoded from the spanned
//! tree with Copilot's rules (spec §2.4–§2.6, §3.1). Decoding reports yaml.v3-style type errors
//! and Copilot's union errors; it never stops early, so every independent problem is found.
//! The other fields Copilot's semantic rules read are decoded leniently into `settings`.

pub mod defaults;
pub mod env;
pub mod key_table;
pub mod keys;
pub mod kind;
pub mod ports;
pub mod settings;

use crate::diagnostic::{Diagnostic, Label, Span};
use crate::rules::Rule;
use crate::syntax::scalar as scalar_fns;
use crate::syntax::{Document, Entry, Node, NodeKind, ResolvedScalar, Tag};

/// The six workload types, by the exact strings Copilot matches (spec §1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkloadType {
    LoadBalancedWebService,
    BackendService,
    WorkerService,
    ScheduledJob,
    RequestDrivenWebService,
    StaticSite,
}

impl WorkloadType {
    pub const ALL: [WorkloadType; 6] = [
        WorkloadType::LoadBalancedWebService,
        WorkloadType::BackendService,
        WorkloadType::WorkerService,
        WorkloadType::ScheduledJob,
        WorkloadType::RequestDrivenWebService,
        WorkloadType::StaticSite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadType::LoadBalancedWebService => "Load Balanced Web Service",
            WorkloadType::BackendService => "Backend Service",
            WorkloadType::WorkerService => "Worker Service",
            WorkloadType::ScheduledJob => "Scheduled Job",
            WorkloadType::RequestDrivenWebService => "Request-Driven Web Service",
            WorkloadType::StaticSite => "Static Site",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether `network.connect` takes effect (LBWS, Backend, Worker).
    pub fn joins_service_connect(self) -> bool {
        matches!(
            self,
            WorkloadType::LoadBalancedWebService
                | WorkloadType::BackendService
                | WorkloadType::WorkerService
        )
    }

    /// Whether the type runs as an ECS service or task with `network.*` keys.
    pub fn is_ecs(self) -> bool {
        !matches!(
            self,
            WorkloadType::RequestDrivenWebService | WorkloadType::StaticSite
        )
    }
}

/// The non-map form a union field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Scalar,
    List,
}

/// A decoded value with the span of the value and of its key.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
    pub key_span: Span,
}

/// `network.connect` after decoding (spec §2.5).
#[derive(Clone, Debug, PartialEq)]
pub enum Connect {
    Bool(bool),
    /// The map form; the alias may be empty, which still enables Service Connect.
    Alias(String),
}

impl Connect {
    pub fn enabled(&self) -> bool {
        match self {
            Connect::Bool(b) => *b,
            Connect::Alias(_) => true,
        }
    }
}

/// LBWS `http` is bool-or-map; Backend `http` is a map.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per manifest: boxing would buy nothing
pub enum Http {
    Bool(bool),
    Rule(HttpRule),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpRule {
    pub path: Option<Spanned<String>>,
    pub target_container: Option<Spanned<String>>,
    pub target_port: Option<Spanned<u16>>,
    /// `http.healthcheck.port` (the map form of the health check).
    pub healthcheck_port: Option<Spanned<i64>>,
    /// `http.additional_rules`: their targets join the exposed-ports index (spec §5.1 item 2).
    /// Decoded leniently; the key checker reports their type errors.
    pub additional_rules: Vec<HttpRule>,
}

/// The keys of Copilot's `HTTP` struct: setting any of them selects the map form of `http`.
const HTTP_KEYS: [&str; 14] = [
    "alb",
    "path",
    "version",
    "healthcheck",
    "stickiness",
    "alias",
    "deregistration_delay",
    "target_container",
    "targetContainer",
    "target_port",
    "allowed_source_ips",
    "hosted_zone",
    "redirect_to_https",
    "additional_rules",
];

#[derive(Clone, Debug, PartialEq)]
pub struct Sidecar {
    pub name: String,
    pub name_span: Span,
    /// `"PORT"` or `"PORT/PROTOCOL"`: a string field, so any scalar is accepted as text.
    pub port: Option<Spanned<String>>,
    /// What validation reads besides the port (decoded leniently, see `settings`).
    pub settings: settings::SidecarSettings,
}

/// The config keys of a workload (the top level, or one `environments.<env>` block).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub image: Option<Span>,
    pub image_port: Option<Spanned<u16>>,
    pub image_build: Option<Span>,
    pub image_location: Option<Span>,
    pub http: Option<Spanned<Http>>,
    pub sidecars: Vec<Sidecar>,
    pub connect: Option<Spanned<Connect>>,
    /// The `network.connect` key wherever it is written, even where Copilot ignores it.
    pub connect_key: Option<Span>,
    /// `network.vpc.placement`, string or map; only its presence and text matter here.
    pub placement: Option<Spanned<Option<String>>>,
    /// The `network` key itself, for diagnostics about types that have none.
    pub network: Option<Span>,
    /// LBWS `nlb`: the main listener, then `nlb.additional_listeners`.
    pub nlb: Vec<NlbListener>,
    /// The operating system family of `platform` (`linux`, `windows`, `windows_server_2019_core`…).
    pub platform_os: Option<Spanned<String>>,
    /// The other fields Copilot's rules read (count, storage, topics…), decoded leniently: they
    /// add no decode error (see `settings`).
    pub settings: settings::Settings,
}

/// One Network Load Balancer listener (spec §5.1 item 3).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NlbListener {
    /// `"PORT"` or `"PORT/PROTOCOL"` (`tcp`, `udp`, `tls`).
    pub port: Option<Spanned<String>>,
    pub target_port: Option<Spanned<i64>>,
    pub target_container: Option<Spanned<String>>,
    pub healthcheck_port: Option<Spanned<i64>>,
}

/// The manifest a decoding stage reads, as Copilot names it in its errors: what the decoder and
/// the key checker need to write complete diagnostics. Their labels' `file` and the diagnostics'
/// `env` are left for the analysis, which knows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Manifest<'a> {
    /// The manifest of the workload in `copilot/{dir}/`.
    Workload { dir: &'a str, ty: WorkloadType },
    /// The manifest of the environment `name` (`copilot/environments/{name}/`).
    Environment { name: &'a str },
}

impl Manifest<'_> {
    /// The keys Copilot knows in this manifest.
    pub fn table(self) -> keys::Table {
        match self {
            Manifest::Workload { ty, .. } => keys::table(ty),
            Manifest::Environment { .. } => keys::environment_table(),
        }
    }

    /// Copilot's complete error text for an unmarshalling failure described by `detail`.
    fn copilot(self, detail: &str) -> Option<String> {
        match self {
            Manifest::Workload { dir, ty } => Some(format!(
                "unmarshal service {dir} manifest: unmarshal manifest for {}: {detail}",
                ty.as_str()
            )),
            Manifest::Environment { name } => Some(format!(
                "unmarshal environment manifest for \"{name}\": unmarshal environment manifest: {detail}"
            )),
        }
    }

    /// Copilot's text for an error of its first pass, which reads only the top-level mapping to
    /// learn the type (`UnmarshalWorkload` into `workload`): a duplicate top-level key.
    fn copilot_first_pass(self, detail: &str) -> Option<String> {
        match self {
            Manifest::Workload { dir, .. } => Some(format!(
                "unmarshal service {dir} manifest: unmarshal to workload manifest: {detail}"
            )),
            Manifest::Environment { .. } => None,
        }
    }

    /// A decoding error of `rule` at the value of `path`; `detail` is Copilot's text after its
    /// `unmarshal manifest for {type}: ` prefix.
    fn error(
        self,
        rule: Rule,
        span: Span,
        path: &str,
        message: String,
        detail: &str,
    ) -> Diagnostic {
        Diagnostic::new(
            rule,
            Label::new(String::new(), span).with_path(path),
            message,
        )
        .with_copilot_error_opt(self.copilot(detail))
    }

    /// A key Copilot does not know (it ignores it silently), with the nearest known key.
    fn unknown_key(self, span: Span, path: String, suggestion: Option<&str>) -> Diagnostic {
        let (noun, fallback) = match self {
            Manifest::Workload { ty, .. } => (
                format!("a {}", ty.as_str()),
                "remove it, or check the manifest reference for this workload type",
            ),
            Manifest::Environment { .. } => ("an environment manifest".to_string(), "remove it"),
        };
        let message = format!("`{path}` is not a key of {noun}: Copilot ignores it");
        Diagnostic::new(
            Rule::UnknownKey,
            Label::new(String::new(), span).with_path(path),
            message,
        )
        .with_help(
            suggestion.map_or_else(|| fallback.to_string(), |s| format!("did you mean `{s}`?")),
        )
    }
}

/// Whether a mapping writes one key twice. yaml.v3's `decoder.mapping` then records the
/// duplicates as type errors and decodes nothing of the mapping, so a union's map form counts
/// as empty and its other form is tried.
pub(crate) fn has_duplicate_keys(doc: &Document, entries: &[Entry]) -> bool {
    entries.iter().enumerate().any(|(i, e)| {
        let k = doc.resolve(&e.key).and_then(Node::text);
        k.is_some()
            && entries
                .iter()
                .take(i)
                .any(|p| doc.resolve(&p.key).and_then(Node::text) == k)
    })
}

/// `duplicate-key` for each key of `entries` written a second time, with yaml.v3's text
/// (`line N: mapping key "k" already defined at line M`); duplicates of the top-level mapping
/// fail Copilot's first pass already (`unmarshal to workload manifest`).
pub(crate) fn duplicate_key_errors(
    doc: &Document,
    manifest: Manifest<'_>,
    entries: &[Entry],
    line_of: &dyn Fn(usize) -> u32,
    out: &mut Vec<Diagnostic>,
) {
    if !has_duplicate_keys(doc, entries) {
        return;
    }
    let top = doc
        .root
        .as_ref()
        .and_then(|r| doc.resolve(r))
        .and_then(Node::entries)
        .is_some_and(|root| std::ptr::eq(root.as_ptr(), entries.as_ptr()));
    for (i, e) in entries.iter().enumerate() {
        let Some(k) = doc.resolve(&e.key).and_then(Node::text) else {
            continue;
        };
        let first = entries
            .iter()
            .take(i)
            .find(|p| doc.resolve(&p.key).and_then(Node::text) == Some(k));
        if let Some(first) = first {
            // Copilot's lines count the re-serialized text; ours point at the file.
            let line = line_of(e.key.span.start);
            let first_line = line_of(first.key.span.start);
            let detail = unmarshal_errors(&format!(
                "line {line}: mapping key \"{k}\" already defined at line {first_line}"
            ));
            let mut d = manifest.error(
                Rule::DuplicateKey,
                e.key.span,
                k,
                format!("duplicate key `{k}`: it is already defined above in this mapping"),
                &detail,
            );
            if top {
                d.copilot_error = manifest.copilot_first_pass(&detail);
            }
            out.push(d.with_secondary(
                Label::new(String::new(), first.key.span).with_message("first defined here"),
            ));
        }
    }
}

/// yaml.v3's `yaml: unmarshal errors:` list, of one error (`line N: …`).
fn unmarshal_errors(line_text: &str) -> String {
    format!("yaml: unmarshal errors:\n  {line_text}")
}

pub struct Decoder<'a> {
    doc: &'a Document,
    manifest: Manifest<'a>,
    line_of: &'a dyn Fn(usize) -> u32,
    /// `wrong-type`, `invalid-union` and `duplicate-key` diagnostics, Copilot's text included.
    pub errors: Vec<Diagnostic>,
}

impl<'a> Decoder<'a> {
    pub fn new(
        doc: &'a Document,
        manifest: Manifest<'a>,
        line_of: &'a dyn Fn(usize) -> u32,
    ) -> Self {
        Self {
            doc,
            manifest,
            line_of,
            errors: Vec::new(),
        }
    }

    fn type_error(&mut self, node: &Node, path: &str, go_type: &str) {
        let Some(resolved) = self.doc.resolve(node) else {
            return;
        };
        let line = (self.line_of)(resolved.span.start);
        self.errors.push(type_error_for(
            self.doc,
            self.manifest,
            node,
            path,
            go_type,
            line,
        ));
    }

    fn union_error(&mut self, node: &Node, path: &str, copilot: &str, message: String) {
        self.errors.push(self.manifest.error(
            Rule::InvalidUnion,
            node.span,
            path,
            message,
            copilot,
        ));
    }

    /// The entries of a mapping field; a non-mapping is a type error, null is "unset".
    fn map_entries(&mut self, node: &'a Node, path: &str, go_type: &str) -> Option<&'a [Entry]> {
        if self.doc.is_null(node) {
            return None;
        }
        let resolved = self.doc.resolve(node)?;
        match resolved.entries() {
            // yaml.v3 decodes nothing of a mapping with a duplicate key.
            Some(entries) if has_duplicate_keys(self.doc, entries) => {
                self.check_duplicates(entries);
                None
            }
            Some(entries) => Some(entries),
            None => {
                self.type_error(node, path, go_type);
                None
            }
        }
    }

    fn check_duplicates(&mut self, entries: &[Entry]) {
        duplicate_key_errors(
            self.doc,
            self.manifest,
            entries,
            self.line_of,
            &mut self.errors,
        );
    }

    fn field(&self, entries: &'a [Entry], key: &str) -> Option<&'a Entry> {
        entries
            .iter()
            .find(|e| self.doc.resolve(&e.key).and_then(Node::text) == Some(key))
    }

    /// A Go `string` field: any scalar, its text kept; null leaves it unset.
    pub fn string(&mut self, entry: &Entry, path: &str) -> Option<Spanned<String>> {
        if self.doc.is_null(&entry.value) {
            return None;
        }
        match self.doc.resolve_scalar(&entry.value) {
            Some((_, s)) => Some(Spanned {
                value: s.value.clone(),
                span: entry.value.span,
                key_span: entry.key.span,
            }),
            None => {
                self.type_error(&entry.value, path, "string");
                None
            }
        }
    }

    fn uint16(&mut self, entry: &Entry, path: &str) -> Option<Spanned<u16>> {
        if self.doc.is_null(&entry.value) {
            return None;
        }
        let value = self
            .doc
            .resolve_scalar(&entry.value)
            .and_then(|(r, _)| scalar_fns::as_go_uint(&r, 16))
            .and_then(|v| u16::try_from(v).ok());
        match value {
            Some(v) => Some(Spanned {
                value: v,
                span: entry.value.span,
                key_span: entry.key.span,
            }),
            None => {
                self.type_error(&entry.value, path, "uint16");
                None
            }
        }
    }

    /// Decode the config keys of one mapping (the top level or an override block).
    pub fn config(&mut self, node: &'a Node, ty: WorkloadType, prefix: &str) -> Config {
        let mut c = Config::default();
        let Some(entries) =
            self.map_entries(node, prefix.trim_end_matches('.'), &config_go_type(ty))
        else {
            return c;
        };
        if let Some(image) = self.field(entries, "image") {
            c.image = Some(image.key.span);
            self.image(image, ty, prefix, &mut c);
        }
        if let Some(http) = self.field(entries, "http") {
            c.http = self.http(http, ty, &format!("{prefix}http"));
        }
        if ty.is_ecs()
            && let Some(sidecars) = self.field(entries, "sidecars")
        {
            c.sidecars = self.sidecars(&sidecars.value, &format!("{prefix}sidecars"));
        }
        if let Some(network) = self.field(entries, "network") {
            c.network = Some(network.key.span);
            self.network(&network.value, ty, &format!("{prefix}network"), &mut c);
        }
        if ty == WorkloadType::LoadBalancedWebService
            && let Some(nlb) = self.field(entries, "nlb")
        {
            c.nlb = self.nlb(&nlb.value);
        }
        if let Some(variables) = self.field(entries, "variables") {
            self.variables(&variables.value, &format!("{prefix}variables"));
        }
        if let Some(platform) = self.field(entries, "platform") {
            c.platform_os = self.platform_os(platform);
        }
        c.settings = self.settings(entries);
        c
    }

    /// Decode every override block under `environments` of the root mapping `root`, as Copilot
    /// decodes the whole document; `environments` itself must be a map.
    pub fn override_blocks(&mut self, root: &'a Node, ty: WorkloadType) {
        let doc = self.doc;
        let Some(envs) = doc
            .get(root, "environments")
            .filter(|e| !doc.is_null(&e.value))
        else {
            return;
        };
        let Some(blocks) = doc.resolve(&envs.value).and_then(Node::entries) else {
            let found = if doc.resolve(&envs.value).and_then(Node::scalar).is_some() {
                "str"
            } else {
                "seq"
            };
            let line = (self.line_of)(envs.value.span.start);
            self.errors.push(self.manifest.error(
                Rule::WrongType,
                envs.value.span,
                "environments",
                "`environments` must be a map of environment names to overrides".into(),
                &unmarshal_errors(&format!(
                    "line {line}: cannot unmarshal !!{found} into map[string]*manifest.{}Config",
                    ty.as_str().replace([' ', '-'], "")
                )),
            ));
            return;
        };
        if has_duplicate_keys(doc, blocks) {
            // yaml.v3 decodes none of the blocks then.
            self.check_duplicates(blocks);
            return;
        }
        for block in blocks {
            let Some(name) = doc.resolve(&block.key).and_then(Node::text) else {
                continue;
            };
            if !doc.is_null(&block.value) {
                self.config(&block.value, ty, &format!("environments.{name}."));
            }
        }
    }

    fn image(&mut self, image: &'a Entry, ty: WorkloadType, prefix: &str, c: &mut Config) {
        let path = format!("{prefix}image");
        let Some(entries) = self.map_entries(&image.value, &path, "manifest.Image") else {
            return;
        };
        if let Some(port) = self.field(entries, "port")
            && !matches!(
                ty,
                WorkloadType::WorkerService | WorkloadType::ScheduledJob | WorkloadType::StaticSite
            )
        {
            c.image_port = self.uint16(port, &format!("{path}.port"));
        }
        let build = self
            .field(entries, "build")
            .filter(|e| !self.doc.is_null(&e.value));
        let location = self
            .field(entries, "location")
            .filter(|e| !self.doc.is_null(&e.value));
        if let Some(build) = build {
            self.union_form(
                build,
                &format!("{path}.build"),
                &["context", "dockerfile", "args", "target", "cache_from"],
                Form::Scalar,
                "unable to unmarshal build field into string or compose-style map",
            );
        }
        c.image_build = build.map(|e| e.key.span);
        c.image_location = location.map(|e| e.key.span);
        // Both: `Image.UnmarshalYAML` refuses it while decoding. Neither: a validation error
        // (`ImageLocationOrBuild.validate`, validate/types.rs).
        if let (Some(_), Some(location)) = (build, location) {
            let copilot = "must specify one of \"build\" and \"location\"";
            self.union_error(
                &location.key,
                &format!("{path}.location"),
                copilot,
                "`image.build` and `image.location` cannot both be set".into(),
            );
        }
    }

    fn http(&mut self, http: &'a Entry, ty: WorkloadType, path: &str) -> Option<Spanned<Http>> {
        let node = &http.value;
        if self.doc.is_null(node) {
            return None;
        }
        let spanned = |value| Spanned {
            value,
            span: node.span,
            key_span: http.key.span,
        };
        if let Some(entries) = self.doc.resolve(node).and_then(Node::entries) {
            if ty == WorkloadType::LoadBalancedWebService && has_duplicate_keys(self.doc, entries) {
                // `HTTPOrBool`: the map form decodes nothing, and a map is no bool.
                self.union_error(
                    node,
                    path,
                    "cannot marshal \"http\" field into bool or map",
                    "`http` writes a key twice".into(),
                );
                return None;
            }
            if has_duplicate_keys(self.doc, entries) {
                // A Backend's `HTTP` then decodes to nothing.
                self.check_duplicates(entries);
                return None;
            }
            let before = self.errors.len();
            let mut rule = self.http_rule(entries, path);
            if ty != WorkloadType::BackendService {
                // `HTTPOrBool` swallows the type errors of its map attempt; a pointer field
                // such as `path` stays allocated (an empty string), so the map form holds.
                // (App Runner's and Static Sites' `http` have keys of their own, checked by
                // the key table.)
                let tail = self.errors.split_off(before);
                self.errors
                    .extend(tail.into_iter().filter(|d| d.rule != Rule::WrongType));
            }
            if ty == WorkloadType::LoadBalancedWebService
                && rule.path.is_none()
                && let Some(p) = self
                    .field(entries, "path")
                    .filter(|p| !self.doc.is_null(&p.value))
            {
                rule.path = Some(Spanned {
                    value: String::new(),
                    span: p.value.span,
                    key_span: p.key.span,
                });
            }
            let any_known = entries.iter().any(|e| {
                !self.doc.is_null(&e.value)
                    && self
                        .doc
                        .resolve(&e.key)
                        .and_then(Node::text)
                        .is_some_and(|k| HTTP_KEYS.contains(&k))
            });
            if ty == WorkloadType::LoadBalancedWebService && !any_known {
                // The map form decoded to "all empty", so the bool form is tried and fails.
                self.union_error(
                    node,
                    path,
                    "cannot marshal \"http\" field into bool or map",
                    "`http` must be `false` or a map with at least `path`".into(),
                );
                return None;
            }
            if !any_known {
                // A Backend's `HTTP.IsEmpty()`: nothing to validate, no load balancer.
                return None;
            }
            return Some(spanned(Http::Rule(rule)));
        }
        match ty {
            WorkloadType::LoadBalancedWebService => {
                let b = self
                    .doc
                    .resolve_scalar(node)
                    .and_then(|(r, s)| scalar_fns::as_go_bool(&r, s));
                match b {
                    Some(b) => Some(spanned(Http::Bool(b))),
                    None => {
                        self.union_error(
                            node,
                            path,
                            "cannot marshal \"http\" field into bool or map",
                            "`http` must be `false` or a map with at least `path`".into(),
                        );
                        None
                    }
                }
            }
            WorkloadType::BackendService => {
                self.type_error(node, path, "manifest.HTTP");
                None
            }
            _ => None,
        }
    }

    fn http_rule(&mut self, entries: &'a [Entry], path: &str) -> HttpRule {
        let mut rule = HttpRule::default();
        if let Some(p) = self.field(entries, "path") {
            rule.path = self.string(p, &format!("{path}.path"));
        }
        let tc = self
            .field(entries, "target_container")
            .or_else(|| self.field(entries, "targetContainer"));
        if let Some(tc) = tc {
            rule.target_container = self.string(tc, &format!("{path}.target_container"));
        }
        if let Some(tp) = self.field(entries, "target_port") {
            rule.target_port = self.uint16(tp, &format!("{path}.target_port"));
        }
        rule.healthcheck_port = self.healthcheck_port(entries);
        let extra = self
            .field(entries, "additional_rules")
            .and_then(|e| self.doc.resolve(&e.value));
        if let Some(NodeKind::Seq(items)) = extra.map(|n| &n.kind) {
            for item in items {
                let Some(fields) = self.doc.resolve(item).and_then(Node::entries) else {
                    continue;
                };
                let target_container = self
                    .field(fields, "target_container")
                    .or_else(|| self.field(fields, "targetContainer"))
                    .and_then(|e| {
                        let (_, s) = self.doc.resolve_scalar(&e.value)?;
                        Some(Spanned {
                            value: s.value.clone(),
                            span: e.value.span,
                            key_span: e.key.span,
                        })
                    });
                let target_port = self.int(fields, "target_port").and_then(|p| {
                    Some(Spanned {
                        value: u16::try_from(p.value).ok()?,
                        span: p.span,
                        key_span: p.key_span,
                    })
                });
                rule.additional_rules.push(HttpRule {
                    target_container,
                    target_port,
                    ..HttpRule::default()
                });
            }
        }
        rule
    }

    /// `healthcheck.port` when the health check is written as a map. Type errors here are the
    /// key checker's to report.
    fn healthcheck_port(&self, entries: &'a [Entry]) -> Option<Spanned<i64>> {
        let hc = self.field(entries, "healthcheck")?;
        let fields = self.doc.resolve(&hc.value).and_then(Node::entries)?;
        self.int(fields, "port")
    }

    fn int(&self, entries: &'a [Entry], key: &str) -> Option<Spanned<i64>> {
        let e = self.field(entries, key)?;
        let (r, _) = self.doc.resolve_scalar(&e.value)?;
        let value = match r {
            ResolvedScalar::Int(i) => i64::try_from(i).ok()?,
            ResolvedScalar::Float(f) if f.is_finite() && f.abs() < 9.2e18 => f.trunc() as i64,
            _ => return None,
        };
        Some(Spanned {
            value,
            span: e.value.span,
            key_span: e.key.span,
        })
    }

    fn text(&self, entries: &'a [Entry], key: &str) -> Option<Spanned<String>> {
        let e = self.field(entries, key)?;
        let (r, s) = self.doc.resolve_scalar(&e.value)?;
        (r != ResolvedScalar::Null).then(|| Spanned {
            value: s.value.clone(),
            span: e.value.span,
            key_span: e.key.span,
        })
    }

    fn nlb_listener(&self, entries: &'a [Entry]) -> NlbListener {
        NlbListener {
            port: self.text(entries, "port"),
            target_port: self.int(entries, "target_port"),
            target_container: self.text(entries, "target_container"),
            healthcheck_port: self.healthcheck_port(entries),
        }
    }

    fn nlb(&self, node: &'a Node) -> Vec<NlbListener> {
        let Some(entries) = self.doc.resolve(node).and_then(Node::entries) else {
            return Vec::new();
        };
        let mut listeners = vec![self.nlb_listener(entries)];
        let extra = self
            .field(entries, "additional_listeners")
            .and_then(|e| self.doc.resolve(&e.value));
        if let Some(NodeKind::Seq(items)) = extra.map(|n| &n.kind) {
            for item in items {
                if let Some(fields) = self.doc.resolve(item).and_then(Node::entries) {
                    listeners.push(self.nlb_listener(fields));
                }
            }
        }
        listeners
    }

    /// Each variable is a string or `{from_cfn: NAME}`; a list (often a JSON array string turned
    /// into one by interpolation) fails Copilot's decoder for the whole map.
    fn variables(&mut self, node: &'a Node, path: &str) {
        let Some(entries) = self.doc.resolve(node).and_then(Node::entries) else {
            return;
        };
        for e in entries {
            if let Some(NodeKind::Seq(_)) = self.doc.resolve(&e.value).map(|n| &n.kind) {
                let key = self.doc.resolve(&e.key).and_then(Node::text).unwrap_or("");
                self.union_error(
                    &e.value,
                    &format!("{path}.{key}"),
                    "unmarshal \"variables\": cannot unmarshal field to a string or into a map",
                    format!("the variable `{key}` is a list; a variable must be a string or `{{from_cfn: EXPORT}}`"),
                );
            }
        }
    }

    /// `platform: windows/x86_64` or `platform: {osfamily: windows_server_2019_core, ...}`.
    fn platform_os(&self, entry: &'a Entry) -> Option<Spanned<String>> {
        let node = self.doc.resolve(&entry.value)?;
        if let Some(fields) = node.entries() {
            return self.text(fields, "osfamily");
        }
        let (_, s) = self.doc.resolve_scalar(node)?;
        let os = s.value.split('/').next().unwrap_or("").to_string();
        Some(Spanned {
            value: os,
            span: node.span,
            key_span: entry.key.span,
        })
    }

    fn sidecars(&mut self, node: &'a Node, path: &str) -> Vec<Sidecar> {
        let Some(entries) = self.map_entries(node, path, "map[string]*manifest.SidecarConfig")
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in entries {
            let Some(name) = self.doc.resolve(&e.key).and_then(Node::text) else {
                continue;
            };
            let spath = format!("{path}.{name}");
            let mut sidecar = Sidecar {
                name: name.to_string(),
                name_span: e.key.span,
                port: None,
                settings: settings::SidecarSettings::default(),
            };
            if let Some(fields) = self.map_entries(&e.value, &spath, "manifest.SidecarConfig") {
                if let Some(port) = self.field(fields, "port") {
                    sidecar.port = self.string(port, &format!("{spath}.port"));
                }
                sidecar.settings = self.sidecar_settings(fields);
            }
            out.push(sidecar);
        }
        out
    }

    fn network(&mut self, node: &'a Node, ty: WorkloadType, path: &str, c: &mut Config) {
        if ty == WorkloadType::StaticSite {
            return;
        }
        let go_type = if ty == WorkloadType::RequestDrivenWebService {
            "manifest.RequestDrivenWebServiceNetworkConfig"
        } else {
            "manifest.NetworkConfig"
        };
        let Some(entries) = self.map_entries(node, path, go_type) else {
            return;
        };
        if let Some(connect) = self.field(entries, "connect") {
            c.connect_key = Some(connect.key.span);
            if ty.is_ecs() {
                c.connect = self.connect(connect, &format!("{path}.connect"));
            }
        }
        let vpc_entries = self.field(entries, "vpc").and_then(|vpc| {
            self.map_entries(&vpc.value, &format!("{path}.vpc"), "manifest.vpcConfig")
        });
        if let Some(sgs) = vpc_entries.and_then(|v| self.field(v, "security_groups")) {
            self.union_form(
                sgs,
                &format!("{path}.vpc.security_groups"),
                &["groups", "deny_default"],
                Form::List,
                "unable to unmarshal \"security_groups\" field into slice of strings or compose-style map",
            );
        }
        if let Some(placement) = vpc_entries.and_then(|v| self.field(v, "placement"))
            && !self.doc.is_null(&placement.value)
        {
            self.union_form(
                placement,
                &format!("{path}.vpc.placement"),
                &["subnets"],
                Form::Scalar,
                "unable to unmarshal placement field into string or compose-style map",
            );
            if let Some(fields) = self.doc.resolve(&placement.value).and_then(Node::entries)
                && let Some(subnets) = self.field(fields, "subnets")
            {
                self.union_form(
                    subnets,
                    &format!("{path}.vpc.placement.subnets"),
                    &["from_tags"],
                    Form::List,
                    "unable to unmarshal subnets field into string slice or compose-style map",
                );
            }
            let text = self
                .doc
                .resolve_scalar(&placement.value)
                .map(|(_, s)| s.value.clone());
            c.placement = Some(Spanned {
                value: text,
                span: placement.value.span,
                key_span: placement.key.span,
            });
        }
    }

    /// A union field (spec §2.5): the map form wins when any of its known keys is set; else the
    /// other form is tried; else Copilot's fixed message. Null leaves the field unset.
    fn union_form(
        &mut self,
        entry: &'a Entry,
        path: &str,
        map_keys: &[&str],
        other: Form,
        copilot: &str,
    ) {
        let node = &entry.value;
        if self.doc.is_null(node) {
            return;
        }
        let Some(resolved) = self.doc.resolve(node) else {
            return;
        };
        let ok = match &resolved.kind {
            NodeKind::Map(entries) if has_duplicate_keys(self.doc, entries) => false,
            NodeKind::Map(entries) => entries.iter().any(|e| {
                !self.doc.is_null(&e.value)
                    && self
                        .doc
                        .resolve(&e.key)
                        .and_then(Node::text)
                        .is_some_and(|k| map_keys.contains(&k))
            }),
            NodeKind::Scalar(_) => other == Form::Scalar,
            NodeKind::Seq(_) => other == Form::List,
            NodeKind::Alias(_) => true,
        };
        if !ok {
            let other_form = if other == Form::Scalar {
                "a string"
            } else {
                "a list"
            };
            let keys = map_keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.union_error(
                node,
                path,
                copilot,
                format!("`{path}` must be {other_form} or a map with {keys}"),
            );
        }
    }

    /// Copilot's `ServiceConnectBoolOrArgs.UnmarshalYAML`: the map form if any known key is set,
    /// else the bool form, else a fixed error (spec §2.5 table).
    fn connect(&mut self, entry: &'a Entry, path: &str) -> Option<Spanned<Connect>> {
        let node = &entry.value;
        if self.doc.is_null(node) {
            return None;
        }
        let spanned = |value| Spanned {
            value,
            span: node.span,
            key_span: entry.key.span,
        };
        if let Some(entries) = self
            .doc
            .resolve(node)
            .and_then(Node::entries)
            .filter(|e| !has_duplicate_keys(self.doc, e))
        {
            if let Some(alias) = self.field(entries, "alias")
                && !self.doc.is_null(&alias.value)
            {
                // A list allocates the pointer before failing: yaml.v3 leaves an empty alias.
                let text = self
                    .doc
                    .resolve_scalar(&alias.value)
                    .map(|(_, s)| s.value.clone())
                    .unwrap_or_default();
                return Some(spanned(Connect::Alias(text)));
            }
        } else if let Some(b) = self
            .doc
            .resolve_scalar(node)
            .and_then(|(r, s)| scalar_fns::as_go_bool(&r, s))
        {
            return Some(spanned(Connect::Bool(b)));
        }
        self.union_error(
            node,
            path,
            "unable to unmarshal \"connect\" field into boolean or compose-style map",
            "`network.connect` must be a boolean (`true`, `false`) or a map with `alias`".into(),
        );
        None
    }
}

fn config_go_type(ty: WorkloadType) -> String {
    let name: String = ty.as_str().split([' ', '-']).collect();
    format!("manifest.{name}Config")
}

fn go_type_noun(go_type: &str) -> &'static str {
    match go_type {
        "uint16" => "a port number from 0 to 65535, written without quotes",
        "uint32" => "a whole number from 0 to 4294967295, written without quotes",
        "int" => "a whole number, written without quotes",
        "float64" => "a number, written without quotes",
        "time.Duration" => "a duration such as `30s` or `1m30s`",
        "string" => "a string",
        "[]string" => "a list of strings",
        "bool" => "a boolean (`true` or `false`)",
        _ => "a map",
    }
}

fn tag_noun(tag: Tag) -> &'static str {
    match tag {
        Tag::Null => "null",
        Tag::Bool => "a boolean",
        Tag::Int => "an integer",
        Tag::Float => "a number",
        Tag::Str => "a string",
        Tag::Seq => "a list",
        Tag::Map => "a map",
    }
}

/// yaml.v3's text of one type error, ``line N: cannot unmarshal !!T `V` into GOTYPE``: the
/// value is cut to 7 characters and `...` when longer than 10; collections show no value.
pub(crate) fn type_error_text(doc: &Document, node: &Node, go_type: &str, line: u32) -> String {
    let resolved = doc.resolve(node).unwrap_or(node);
    let (tag, value) = scalar_tag_and_value(doc, resolved);
    format!(
        "line {line}: cannot unmarshal {}{value} into {go_type}",
        tag.short()
    )
}

fn scalar_tag_and_value(doc: &Document, resolved: &Node) -> (Tag, String) {
    match &resolved.kind {
        NodeKind::Scalar(s) => {
            let tag = doc
                .resolve_scalar(resolved)
                .map_or(Tag::Str, |(r, _)| r.tag());
            let v = &s.value;
            let shown = if v.chars().count() > 10 {
                format!(" `{}...`", v.chars().take(7).collect::<String>())
            } else {
                format!(" `{v}`")
            };
            (tag, shown)
        }
        NodeKind::Seq(_) => (Tag::Seq, String::new()),
        _ => (Tag::Map, String::new()),
    }
}

/// yaml.v3's type error for a node (``line N: cannot unmarshal !!T `V` into GOTYPE``): the value
/// is cut to 7 characters and `...` when longer than 10; collections show no value.
pub(crate) fn type_error_for(
    doc: &Document,
    manifest: Manifest<'_>,
    node: &Node,
    path: &str,
    go_type: &str,
    line: u32,
) -> Diagnostic {
    let resolved = doc.resolve(node).unwrap_or(node);
    let (tag, value) = scalar_tag_and_value(doc, resolved);
    manifest.error(
        Rule::WrongType,
        resolved.span,
        path,
        format!(
            "`{path}` must be {}; found {}",
            go_type_noun(go_type),
            tag_noun(tag)
        ),
        &unmarshal_errors(&format!(
            "line {line}: cannot unmarshal {}{value} into {go_type}",
            tag.short()
        )),
    )
}
