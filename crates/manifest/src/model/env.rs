//! The environment manifest (`copilot/environments/<env>/manifest.yml`) decoded the way
//! Copilot's `UnmarshalEnvironment` decodes it into `manifest.Environment` with yaml.v3: the
//! struct fields of `EnvironmentConfig` (`env.go`), their Go types for yaml.v3's texts
//! (`cannot unmarshal !!seq into manifest.IPNet`), duplicate keys, and the custom unmarshalers
//! of `ports`, `cdn`, `http.public.access_logs` and the generic `Union` of `flow_logs`, with
//! their quirks: a type error inside the map form of `cdn` or `access_logs` is swallowed when
//! another field of that map decoded.
//!
//! Only what `validate_env.go` reads is kept; the rest is decoded for its errors only.

use super::{Manifest, Spanned, unmarshal_errors};
use crate::diagnostic::{Diagnostic, Span};
use crate::rules::Rule;
use crate::syntax::scalar::as_go_bool;
use crate::syntax::{Document, Entry, Node, NodeKind, ResolvedScalar, Tag};

/// `EnvironmentConfig` after decoding: the fields `validate_env.go` reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnvConfig {
    /// Where to point when what a rule wants is missing altogether (the document's start).
    pub anchor: Span,
    pub vpc: Vpc,
    pub http_key: Option<Span>,
    pub public: PublicHttp,
    pub private: PrivateHttp,
    pub cdn: Cdn,
}

/// `network.vpc` (`environmentVPCConfig`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vpc {
    pub key: Option<Span>,
    pub id: Option<Spanned<String>>,
    pub cidr: Option<Spanned<String>>,
    pub subnets_key: Option<Span>,
    pub public: Vec<Subnet>,
    pub private: Vec<Subnet>,
    pub public_key: Option<Span>,
    pub private_key: Option<Span>,
    pub ingress: Vec<SecurityGroupRule>,
    pub egress: Vec<SecurityGroupRule>,
}

impl Vpc {
    /// Copilot's `imported()`: a non-empty `id`.
    pub fn imported(&self) -> bool {
        self.id.as_ref().is_some_and(|i| !i.value.is_empty())
    }

    /// Copilot's `managedVPCCustomized()`: a non-empty `cidr`.
    pub fn customized(&self) -> bool {
        self.cidr.as_ref().is_some_and(|c| !c.value.is_empty())
    }
}

/// One item of `network.vpc.subnets.public` or `.private` (`subnetConfiguration`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Subnet {
    /// The list item.
    pub span: Span,
    pub id: Option<Spanned<String>>,
    pub cidr: Option<Spanned<String>>,
    pub az: Option<Spanned<String>>,
}

/// One item of `network.vpc.security_group.ingress` or `.egress` (`securityGroupRule`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SecurityGroupRule {
    pub span: Span,
    pub cidr: Option<Spanned<String>>,
    pub ip_protocol: Option<Spanned<String>>,
    pub ports: Option<Spanned<Ports>>,
}

/// `portsConfig`: an int, or any other scalar taken as a range string.
#[derive(Clone, Debug, PartialEq)]
pub enum Ports {
    Port(i64),
    Range(String),
}

/// `RestrictiveIngress`: `http.public.ingress` and `security_groups.ingress.restrict_to`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RestrictiveIngress {
    pub key: Option<Span>,
    pub cdn: Option<Spanned<bool>>,
    pub source_ips: Vec<Spanned<String>>,
}

impl RestrictiveIngress {
    pub fn is_empty(&self) -> bool {
        self.cdn.is_none() && self.source_ips.is_empty()
    }
}

/// `DeprecatedIngress`: `http.{public,private}.security_groups.ingress`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeprecatedIngress {
    pub key: Option<Span>,
    pub restrict_to: RestrictiveIngress,
    pub from_vpc: Option<Spanned<bool>>,
}

impl DeprecatedIngress {
    pub fn is_empty(&self) -> bool {
        self.from_vpc.is_none() && self.restrict_to.is_empty()
    }
}

/// A list of strings with the span of its key (Go: a nil slice when unset, so "set but empty"
/// is kept apart from "unset").
pub type StringList = Spanned<Vec<Spanned<String>>>;

/// `http.public` (`PublicHTTPConfig`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublicHttp {
    pub key: Option<Span>,
    pub certificates: Option<StringList>,
    pub deprecated: DeprecatedIngress,
    pub ingress: RestrictiveIngress,
}

/// `http.private` (`privateHTTPConfig`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrivateHttp {
    pub key: Option<Span>,
    pub subnets: Option<StringList>,
    pub certificates: Option<StringList>,
    pub deprecated: DeprecatedIngress,
    pub ingress_key: Option<Span>,
    pub ingress_vpc: Option<Spanned<bool>>,
}

/// `cdn` (`EnvironmentCDNConfig`): a bool, or the map `AdvancedCDNConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cdn {
    pub key: Option<Span>,
    pub enabled: Option<bool>,
    pub certificate: Option<Spanned<String>>,
    pub terminate_tls: Option<Spanned<bool>>,
    pub static_key: Option<Span>,
    pub location: Option<Spanned<String>>,
    pub alias: Option<Spanned<String>>,
    pub path: Option<Spanned<String>>,
}

impl Cdn {
    /// `CDNStaticConfig.IsEmpty`: its three plain strings are all empty.
    pub fn static_is_empty(&self) -> bool {
        [&self.location, &self.alias, &self.path]
            .iter()
            .all(|f| f.as_ref().is_none_or(|s| s.value.is_empty()))
    }

    /// `AdvancedCDNConfig.isEmpty`.
    pub fn config_is_empty(&self) -> bool {
        self.certificate.is_none() && self.terminate_tls.is_none() && self.static_is_empty()
    }

    /// `EnvironmentConfig.CDNEnabled`.
    pub fn enabled(&self) -> bool {
        !self.config_is_empty() || self.enabled == Some(true)
    }
}

/// One decoding error before it becomes a Diagnostic: yaml.v3's `line N: …` (collected into
/// `yaml: unmarshal errors:`), or a custom unmarshaler's own text, which aborts Copilot's
/// decoding and is printed bare.
struct Raw {
    rule: Rule,
    span: Span,
    path: String,
    message: String,
    text: String,
    bare: bool,
}

/// Decodes one environment manifest. Errors are collected, never fatal: every independent
/// problem is reported, each with the text Copilot would print were it the only one.
pub struct EnvDecoder<'a> {
    doc: &'a Document,
    manifest: Manifest<'a>,
    line_of: &'a dyn Fn(usize) -> u32,
    raws: Vec<Raw>,
}

impl<'a> EnvDecoder<'a> {
    pub fn new(doc: &'a Document, name: &'a str, line_of: &'a dyn Fn(usize) -> u32) -> Self {
        Self {
            doc,
            manifest: Manifest::Environment { name },
            line_of,
            raws: Vec::new(),
        }
    }

    /// The whole document; the errors are the second value (`wrong-type`, `duplicate-key`,
    /// `invalid-union`), each with Copilot's complete text.
    pub fn decode(mut self) -> (EnvConfig, Vec<Diagnostic>) {
        let mut c = EnvConfig::default();
        if let Some(root) = self.doc.root.as_ref() {
            c.anchor = Span::new(root.span.start, root.span.start);
            self.root(root, &mut c);
        }
        let manifest = self.manifest;
        let errors = self
            .raws
            .into_iter()
            .map(|r| {
                let detail = if r.bare {
                    r.text
                } else {
                    unmarshal_errors(&r.text)
                };
                manifest.error(r.rule, r.span, &r.path, r.message, &detail)
            })
            .collect();
        (c, errors)
    }

    fn root(&mut self, root: &'a Node, c: &mut EnvConfig) {
        let Some(entries) = self.map(root, "", "manifest.Environment") else {
            return;
        };
        for key in ["name", "type"] {
            if let Some(e) = self.field(entries, key) {
                self.string(e, key, "string");
            }
        }
        if let Some(network) = self.field(entries, "network")
            && let Some(entries) = self.map(
                &network.value,
                "network",
                "manifest.environmentNetworkConfig",
            )
            && let Some(vpc) = self.field(entries, "vpc")
        {
            c.vpc.key = Some(vpc.key.span);
            self.vpc(&vpc.value, &mut c.vpc);
        }
        if let Some(obs) = self.field(entries, "observability")
            && let Some(entries) = self.map(
                &obs.value,
                "observability",
                "manifest.environmentObservability",
            )
            && let Some(ci) = self.field(entries, "container_insights")
        {
            self.bool(ci, "observability.container_insights");
        }
        if let Some(http) = self.field(entries, "http") {
            c.http_key = Some(http.key.span);
            if let Some(entries) = self.map(&http.value, "http", "manifest.EnvironmentHTTPConfig") {
                if let Some(public) = self.field(entries, "public") {
                    c.public.key = Some(public.key.span);
                    self.public(&public.value, &mut c.public);
                }
                if let Some(private) = self.field(entries, "private") {
                    c.private.key = Some(private.key.span);
                    self.private(&private.value, &mut c.private);
                }
            }
        }
        if let Some(cdn) = self.field(entries, "cdn") {
            c.cdn.key = Some(cdn.key.span);
            self.cdn(&cdn.value, &mut c.cdn);
        }
    }

    fn vpc(&mut self, node: &'a Node, vpc: &mut Vpc) {
        let Some(entries) = self.map(node, "network.vpc", "manifest.environmentVPCConfig") else {
            return;
        };
        if let Some(id) = self.field(entries, "id") {
            vpc.id = self.string(id, "network.vpc.id", "string");
        }
        if let Some(cidr) = self.field(entries, "cidr") {
            vpc.cidr = self.string(cidr, "network.vpc.cidr", "manifest.IPNet");
        }
        if let Some(subnets) = self.field(entries, "subnets") {
            vpc.subnets_key = Some(subnets.key.span);
            let path = "network.vpc.subnets";
            if let Some(entries) = self.map(&subnets.value, path, "manifest.subnetsConfiguration") {
                if let Some(public) = self.field(entries, "public") {
                    vpc.public_key = Some(public.key.span);
                    vpc.public = self.subnets(public, "network.vpc.subnets.public");
                }
                if let Some(private) = self.field(entries, "private") {
                    vpc.private_key = Some(private.key.span);
                    vpc.private = self.subnets(private, "network.vpc.subnets.private");
                }
            }
        }
        if let Some(sg) = self.field(entries, "security_group") {
            let path = "network.vpc.security_group";
            if let Some(entries) = self.map(&sg.value, path, "manifest.securityGroupConfig") {
                if let Some(ingress) = self.field(entries, "ingress") {
                    vpc.ingress = self.rules(ingress, &format!("{path}.ingress"));
                }
                if let Some(egress) = self.field(entries, "egress") {
                    vpc.egress = self.rules(egress, &format!("{path}.egress"));
                }
            }
        }
        if let Some(flow_logs) = self.field(entries, "flow_logs") {
            self.flow_logs(&flow_logs.value);
        }
    }

    fn subnets(&mut self, entry: &'a Entry, path: &str) -> Vec<Subnet> {
        let items = self.list(&entry.value, path, "[]manifest.subnetConfiguration");
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let mut subnet = Subnet {
                span: item.span,
                ..Subnet::default()
            };
            if let Some(entries) = self.map(item, &item_path, "manifest.subnetConfiguration") {
                if let Some(id) = self.field(entries, "id") {
                    subnet.id = self.string(id, &format!("{item_path}.id"), "string");
                }
                if let Some(cidr) = self.field(entries, "cidr") {
                    subnet.cidr = self.string(cidr, &format!("{item_path}.cidr"), "manifest.IPNet");
                }
                if let Some(az) = self.field(entries, "az") {
                    subnet.az = self.string(az, &format!("{item_path}.az"), "string");
                }
            }
            out.push(subnet);
        }
        out
    }

    fn rules(&mut self, entry: &'a Entry, path: &str) -> Vec<SecurityGroupRule> {
        let items = self.list(&entry.value, path, "[]manifest.securityGroupRule");
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let mut rule = SecurityGroupRule {
                span: item.span,
                ..SecurityGroupRule::default()
            };
            if let Some(entries) = self.map(item, &item_path, "manifest.securityGroupRule") {
                if let Some(cidr) = self.field(entries, "cidr") {
                    rule.cidr = self.string(cidr, &format!("{item_path}.cidr"), "string");
                }
                if let Some(proto) = self.field(entries, "ip_protocol") {
                    rule.ip_protocol =
                        self.string(proto, &format!("{item_path}.ip_protocol"), "string");
                }
                if let Some(ports) = self.field(entries, "ports") {
                    rule.ports = self.ports(ports, &format!("{item_path}.ports"));
                }
            }
            out.push(rule);
        }
        out
    }

    /// `portsConfig.UnmarshalYAML`: an int; else any scalar as a range string; else Copilot's
    /// own error (not a yaml.v3 type error: it ends the decoding).
    fn ports(&mut self, entry: &'a Entry, path: &str) -> Option<Spanned<Ports>> {
        if self.doc.is_null(&entry.value) {
            return None;
        }
        let spanned = |value| Spanned {
            value,
            span: entry.value.span,
            key_span: entry.key.span,
        };
        if let Some(i) = self.go_int(&entry.value) {
            return Some(spanned(Ports::Port(i)));
        }
        if let Some((_, s)) = self.doc.resolve_scalar(&entry.value) {
            return Some(spanned(Ports::Range(s.value.clone())));
        }
        self.raws.push(Raw {
            rule: Rule::InvalidUnion,
            span: entry.value.span,
            path: path.to_string(),
            message: format!(
                "`{path}` must be a port number or a range `FROM-TO`; found {}",
                self.tag_noun(&entry.value)
            ),
            text: "unable to unmarshal ports field into int or a range".into(),
            bare: true,
        });
        None
    }

    /// `VPCFlowLogsArgs` in `Union[*bool, VPCFlowLogsArgs]`: a bool, else a map with
    /// `retention`; Copilot's `Union` error names both attempts.
    fn flow_logs(&mut self, node: &'a Node) {
        if self.doc.is_null(node) {
            return;
        }
        let path = "network.vpc.flow_logs";
        let line = self.line(node);
        let basic = if self.go_bool(node).is_some() {
            None
        } else {
            Some(format!(
                "yaml: unmarshal errors:\n  {}",
                self.type_line(node, "bool", line)
            ))
        };
        if basic.is_none() {
            return;
        }
        let (retention, errors) = self.quietly(|d| {
            let mut retention = None;
            if let Some(entries) = d.map(node, path, "manifest.VPCFlowLogsArgs")
                && let Some(r) = d.field(entries, "retention")
            {
                retention = d.int(r, "network.vpc.flow_logs.retention");
            }
            retention
        });
        let advanced = if !errors.is_empty() {
            format!("yaml: unmarshal errors:\n  {}", lines(&errors))
        } else if retention.is_none() {
            "is zero".to_string()
        } else {
            return;
        };
        let basic = basic.unwrap_or_default();
        self.raws.push(Raw {
            rule: Rule::InvalidUnion,
            span: node.span,
            path: path.into(),
            message: format!(
                "`{path}` must be a boolean or a map with `retention`; found {}",
                self.tag_noun(node)
            ),
            text: format!(
                "unmarshal to basic form *bool: {basic}\nunmarshal to advanced form manifest.VPCFlowLogsArgs: {advanced}"
            ),
            bare: true,
        });
    }

    fn public(&mut self, node: &'a Node, p: &mut PublicHttp) {
        let Some(entries) = self.map(node, "http.public", "manifest.PublicHTTPConfig") else {
            return;
        };
        if let Some(sg) = self.field(entries, "security_groups") {
            p.deprecated = self.deprecated(&sg.value, "http.public.security_groups");
        }
        if let Some(certs) = self.field(entries, "certificates") {
            p.certificates = self.strings(certs, "http.public.certificates", "string");
        }
        if let Some(logs) = self.field(entries, "access_logs") {
            self.access_logs(&logs.value);
        }
        if let Some(ingress) = self.field(entries, "ingress") {
            p.ingress = self.restrictive(ingress, "http.public.ingress");
        }
        if let Some(policy) = self.field(entries, "ssl_policy") {
            self.string(policy, "http.public.ssl_policy", "string");
        }
    }

    fn private(&mut self, node: &'a Node, p: &mut PrivateHttp) {
        let Some(entries) = self.map(node, "http.private", "manifest.privateHTTPConfig") else {
            return;
        };
        if let Some(subnets) = self.field(entries, "subnets") {
            p.subnets = self.strings(subnets, "http.private.subnets", "string");
        }
        if let Some(certs) = self.field(entries, "certificates") {
            p.certificates = self.strings(certs, "http.private.certificates", "string");
        }
        if let Some(sg) = self.field(entries, "security_groups") {
            p.deprecated = self.deprecated(&sg.value, "http.private.security_groups");
        }
        if let Some(ingress) = self.field(entries, "ingress") {
            p.ingress_key = Some(ingress.key.span);
            if let Some(entries) = self.map(
                &ingress.value,
                "http.private.ingress",
                "manifest.RelaxedIngress",
            ) && let Some(vpc) = self.field(entries, "vpc")
            {
                p.ingress_vpc = self.bool(vpc, "http.private.ingress.vpc");
            }
        }
        if let Some(policy) = self.field(entries, "ssl_policy") {
            self.string(policy, "http.private.ssl_policy", "string");
        }
    }

    fn deprecated(&mut self, node: &'a Node, path: &str) -> DeprecatedIngress {
        let mut out = DeprecatedIngress::default();
        let Some(entries) = self.map(node, path, "manifest.DeprecatedALBSecurityGroupsConfig")
        else {
            return out;
        };
        let Some(ingress) = self.field(entries, "ingress") else {
            return out;
        };
        out.key = Some(ingress.key.span);
        let path = format!("{path}.ingress");
        let Some(entries) = self.map(&ingress.value, &path, "manifest.DeprecatedIngress") else {
            return out;
        };
        if let Some(restrict) = self.field(entries, "restrict_to") {
            out.restrict_to = self.restrictive(restrict, &format!("{path}.restrict_to"));
        }
        if let Some(from_vpc) = self.field(entries, "from_vpc") {
            out.from_vpc = self.bool(from_vpc, &format!("{path}.from_vpc"));
        }
        out
    }

    fn restrictive(&mut self, entry: &'a Entry, path: &str) -> RestrictiveIngress {
        let mut out = RestrictiveIngress {
            key: Some(entry.key.span),
            ..RestrictiveIngress::default()
        };
        let Some(entries) = self.map(&entry.value, path, "manifest.RestrictiveIngress") else {
            return out;
        };
        if let Some(cdn) = self.field(entries, "cdn") {
            out.cdn = self.bool(cdn, &format!("{path}.cdn"));
        }
        if let Some(ips) = self.field(entries, "source_ips") {
            out.source_ips = self
                .strings(ips, &format!("{path}.source_ips"), "manifest.IPNet")
                .map(|l| l.value)
                .unwrap_or_default();
        }
        out
    }

    /// `ELBAccessLogsArgsOrBool.UnmarshalYAML`: the map `{bucket_name, prefix}` when one of
    /// them decoded (type errors in it are swallowed), else a bool, else Copilot's error.
    fn access_logs(&mut self, node: &'a Node) {
        if self.doc.is_null(node) {
            return;
        }
        let path = "http.public.access_logs";
        let (set, _) = self.quietly(|d| {
            let mut set = false;
            if let Some(entries) = d.map(node, path, "manifest.ELBAccessLogsArgs") {
                for key in ["bucket_name", "prefix"] {
                    if let Some(e) = d.field(entries, key) {
                        set |= d.string(e, key, "string").is_some();
                    }
                }
            }
            set
        });
        if set || self.go_bool(node).is_some() {
            return;
        }
        self.raws.push(Raw {
            rule: Rule::InvalidUnion,
            span: node.span,
            path: path.into(),
            message: format!(
                "`{path}` must be a boolean or a map with `bucket_name` and `prefix`; found {}",
                self.tag_noun(node)
            ),
            text: "unable to unmarshal access_logs field into bool or ELB Access logs config"
                .into(),
            bare: true,
        });
    }

    /// `EnvironmentCDNConfig.UnmarshalYAML`: the map `AdvancedCDNConfig` when one of its fields
    /// decoded (type errors in it are swallowed), else a bool, else Copilot's error.
    fn cdn(&mut self, node: &'a Node, cdn: &mut Cdn) {
        if self.doc.is_null(node) {
            return;
        }
        let ((), _) = self.quietly(|d| {
            let Some(entries) = d.map(node, "cdn", "manifest.AdvancedCDNConfig") else {
                return;
            };
            if let Some(cert) = d.field(entries, "certificate") {
                cdn.certificate = d.string(cert, "cdn.certificate", "string");
            }
            if let Some(tls) = d.field(entries, "terminate_tls") {
                cdn.terminate_tls = d.bool(tls, "cdn.terminate_tls");
            }
            if let Some(assets) = d.field(entries, "static_assets") {
                cdn.static_key = Some(assets.key.span);
                if let Some(entries) = d.map(
                    &assets.value,
                    "cdn.static_assets",
                    "manifest.CDNStaticConfig",
                ) {
                    for (key, slot) in [
                        ("location", &mut cdn.location),
                        ("alias", &mut cdn.alias),
                        ("path", &mut cdn.path),
                    ] {
                        if let Some(e) = d.field(entries, key) {
                            *slot = d.string(e, key, "string");
                        }
                    }
                }
            }
        });
        if !cdn.config_is_empty() {
            return;
        }
        match self.go_bool(node) {
            Some(b) => cdn.enabled = Some(b),
            None => self.raws.push(Raw {
                rule: Rule::InvalidUnion,
                span: node.span,
                path: "cdn".into(),
                message: format!(
                    "`cdn` must be a boolean or a map with `certificate`, `terminate_tls` or `static_assets`; found {}",
                    self.tag_noun(node)
                ),
                text: "unable to unmarshal cdn field into bool or composite-style map".into(),
                bare: true,
            }),
        }
    }

    /// Run a decoding attempt whose errors Copilot swallows (the map form of a union): its
    /// errors are returned instead of reported.
    fn quietly<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> (T, Vec<Raw>) {
        let saved = std::mem::take(&mut self.raws);
        let value = f(self);
        let errors = std::mem::replace(&mut self.raws, saved);
        (value, errors)
    }

    fn line(&self, node: &Node) -> u32 {
        let resolved = self.doc.resolve(node).unwrap_or(node);
        (self.line_of)(resolved.span.start)
    }

    /// The entries of a struct field; a non-mapping is a type error, null is "unset". A mapping
    /// with a key written twice is not decoded at all (yaml.v3 stops at the duplicate).
    fn map(&mut self, node: &'a Node, path: &str, go_type: &str) -> Option<&'a [Entry]> {
        if self.doc.is_null(node) {
            return None;
        }
        let resolved = self.doc.resolve(node)?;
        let Some(entries) = resolved.entries() else {
            self.type_error(node, path, go_type);
            return None;
        };
        let before = self.raws.len();
        for (i, e) in entries.iter().enumerate() {
            let Some(key) = self.doc.resolve(&e.key) else {
                continue;
            };
            let first = entries
                .iter()
                .take(i)
                .find(|p| self.doc.resolve(&p.key).is_some_and(|k| same_key(k, key)));
            if let Some(first) = first {
                let k = key.text().unwrap_or_default();
                let (line, first_line) = (self.line(&e.key), self.line(&first.key));
                let shown = if path.is_empty() {
                    k.to_string()
                } else {
                    format!("{path}.{k}")
                };
                self.raws.push(Raw {
                    rule: Rule::DuplicateKey,
                    span: e.key.span,
                    path: shown,
                    message: format!(
                        "duplicate key `{k}`: it is already defined at line {first_line}"
                    ),
                    text: format!(
                        "line {line}: mapping key {} already defined at line {first_line}",
                        go_quote(k)
                    ),
                    bare: false,
                });
            }
        }
        (self.raws.len() == before).then_some(entries)
    }

    fn list(&mut self, node: &'a Node, path: &str, go_type: &str) -> &'a [Node] {
        if self.doc.is_null(node) {
            return &[];
        }
        match self.doc.resolve(node).map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items,
            _ => {
                self.type_error(node, path, go_type);
                &[]
            }
        }
    }

    /// The first entry with this key (a duplicate stopped the decoding of its mapping).
    fn field(&self, entries: &'a [Entry], key: &str) -> Option<&'a Entry> {
        entries
            .iter()
            .find(|e| self.doc.resolve(&e.key).and_then(Node::text) == Some(key))
    }

    /// A Go string (or `manifest.IPNet`) field: any scalar, its text kept; null is unset.
    fn string(&mut self, entry: &Entry, path: &str, go_type: &str) -> Option<Spanned<String>> {
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
                self.type_error(&entry.value, path, go_type);
                None
            }
        }
    }

    /// A `[]string` (or `[]manifest.IPNet`) field; a null item decodes to "".
    fn strings(&mut self, entry: &'a Entry, path: &str, item_type: &str) -> Option<StringList> {
        if self.doc.is_null(&entry.value) {
            return None;
        }
        let items = self.list(&entry.value, path, &format!("[]{item_type}"));
        let resolved = self.doc.resolve(&entry.value)?;
        if !matches!(resolved.kind, NodeKind::Seq(_)) {
            return None;
        }
        let mut values = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if self.doc.is_null(item) {
                values.push(Spanned {
                    value: String::new(),
                    span: item.span,
                    key_span: item.span,
                });
                continue;
            }
            match self.doc.resolve_scalar(item) {
                Some((_, s)) => values.push(Spanned {
                    value: s.value.clone(),
                    span: item.span,
                    key_span: item.span,
                }),
                None => self.type_error(item, &format!("{path}[{i}]"), item_type),
            }
        }
        Some(Spanned {
            value: values,
            span: entry.value.span,
            key_span: entry.key.span,
        })
    }

    fn bool(&mut self, entry: &Entry, path: &str) -> Option<Spanned<bool>> {
        if self.doc.is_null(&entry.value) {
            return None;
        }
        match self.go_bool(&entry.value) {
            Some(b) => Some(Spanned {
                value: b,
                span: entry.value.span,
                key_span: entry.key.span,
            }),
            None => {
                self.type_error(&entry.value, path, "bool");
                None
            }
        }
    }

    fn int(&mut self, entry: &Entry, path: &str) -> Option<Spanned<i64>> {
        if self.doc.is_null(&entry.value) {
            return None;
        }
        match self.go_int(&entry.value) {
            Some(i) => Some(Spanned {
                value: i,
                span: entry.value.span,
                key_span: entry.key.span,
            }),
            None => {
                self.type_error(&entry.value, path, "int");
                None
            }
        }
    }

    fn go_bool(&self, node: &Node) -> Option<bool> {
        self.doc
            .resolve_scalar(node)
            .and_then(|(r, s)| as_go_bool(&r, s))
    }

    /// yaml.v3 into a Go `int`: ints in range, floats truncated.
    fn go_int(&self, node: &Node) -> Option<i64> {
        match self.doc.resolve_scalar(node)?.0 {
            ResolvedScalar::Int(i) => i64::try_from(i).ok(),
            #[allow(clippy::cast_possible_truncation)]
            ResolvedScalar::Float(f) if f.is_finite() && f.abs() < 9.2e18 => Some(f.trunc() as i64),
            _ => None,
        }
    }

    fn tag(&self, node: &Node) -> Tag {
        let resolved = self.doc.resolve(node).unwrap_or(node);
        match &resolved.kind {
            NodeKind::Scalar(_) => self
                .doc
                .resolve_scalar(resolved)
                .map_or(Tag::Str, |(r, _)| r.tag()),
            NodeKind::Seq(_) => Tag::Seq,
            _ => Tag::Map,
        }
    }

    fn tag_noun(&self, node: &Node) -> &'static str {
        super::tag_noun(self.tag(node))
    }

    /// yaml.v3's ``line N: cannot unmarshal !!T `V` into GOTYPE`` (the value cut to 7
    /// characters and `...` when longer than 10; collections show no value).
    fn type_line(&self, node: &Node, go_type: &str, line: u32) -> String {
        super::type_error_text(self.doc, node, go_type, line)
    }

    fn type_error(&mut self, node: &Node, path: &str, go_type: &str) {
        let resolved = self.doc.resolve(node).unwrap_or(node);
        let line = self.line(node);
        let text = self.type_line(node, go_type, line);
        let found = self.tag_noun(node);
        self.raws.push(Raw {
            rule: Rule::WrongType,
            span: resolved.span,
            path: path.to_string(),
            message: format!("`{path}` must be {}; found {found}", go_noun(go_type)),
            text,
            bare: false,
        });
    }
}

fn lines(raws: &[Raw]) -> String {
    raws.iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// Two keys yaml.v3 counts as the same: same kind and same text.
fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Scalar(x), NodeKind::Scalar(y)) => x.value == y.value,
        _ => false,
    }
}

/// Go's `%#v` of a string: double quotes, with `"` and `\` escaped.
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn go_noun(go_type: &str) -> &'static str {
    match go_type {
        "manifest.IPNet" => "a CIDR string such as `10.0.0.0/16`",
        "[]manifest.IPNet" => "a list of CIDR strings",
        t if t.starts_with("[]manifest.") => "a list of maps",
        t => super::go_type_noun(t),
    }
}
