//! The fields Copilot's semantic rules read besides the networking ones (`validate/`): count,
//! storage, sidecar details, platform, variables, topics, task definition overrides, the ALB and
//! NLB rule details, a job's trigger, a Static Site's files.
//!
//! They are decoded leniently, once per config, by methods that take `&self`: they cannot record
//! a diagnostic in [`Decoder::errors`](super::Decoder::errors), so decoding them adds none (type errors are the
//! typed decoder's and the key checker's to report). A value of the wrong shape simply leaves its
//! typed field unset or without a value.
//!
//! Conventions, the same for every field here:
//! - a key set to null counts as absent (`Option::None`);
//! - spans are those of the value after alias resolution (the anchor's node for `*a`), except
//!   list items and map keys, which keep their own span as written;
//! - `Spanned<Option<T>>`: the key is set; its value when it has the shape `T` (`None` when it
//!   is, say, a map where a scalar was expected);
//! - integers are YAML `!!int` only (no floats, no strings).

use super::{Decoder, Spanned};
use crate::diagnostic::Span;
use crate::syntax::scalar as scalar_fns;
use crate::syntax::{Entry, Node, NodeKind, ResolvedScalar};

/// A list item or other value read as text: where it is, and its text when it is a scalar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Value {
    pub span: Span,
    pub text: Option<String>,
}

/// `count` written as a map (autoscaling, Copilot's `AdvancedCount`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Count {
    /// The `count` map.
    pub span: Span,
    pub range: Option<Spanned<Range>>,
    /// The percentage: the integer itself, or the `value` of its map form.
    pub cpu_percentage: Option<Spanned<Option<i128>>>,
    pub memory_percentage: Option<Spanned<Option<i128>>>,
    pub requests: Option<Span>,
    pub response_time: Option<Span>,
    /// `Some` inside when `queue_delay` is a map.
    pub queue_delay: Option<Spanned<Option<QueueDelay>>>,
    pub spot: Option<Span>,
    pub cooldown: Option<Span>,
}

impl Count {
    /// The scaling fields of Copilot's `AdvancedCount`, in its order, with where each is set.
    pub fn scaling_fields(&self) -> [(&'static str, Option<Span>); 5] {
        [
            (
                "cpu_percentage",
                self.cpu_percentage.as_ref().map(|p| p.span),
            ),
            (
                "memory_percentage",
                self.memory_percentage.as_ref().map(|p| p.span),
            ),
            ("requests", self.requests),
            ("response_time", self.response_time),
            ("queue_delay", self.queue_delay.as_ref().map(|q| q.span)),
        ]
    }
}

/// `count.range`: `MIN-MAX` or `{min, max, spot_from}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Range {
    /// The scalar form's text (`1-10`, or anything else written there).
    Band(String),
    Limits {
        min: Option<i128>,
        max: Option<i128>,
        spot_from: Option<Span>,
    },
    /// A list: neither form.
    Other,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueDelay {
    pub acceptable_latency: Option<Spanned<Option<String>>>,
    pub msg_processing_time: Option<Spanned<Option<String>>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Storage {
    /// `storage.ephemeral` when it is an integer (GiB).
    pub ephemeral: Option<Spanned<i128>>,
    /// `storage.volumes`, in the order written.
    pub volumes: Vec<Volume>,
    /// `storage.readonly_fs` when it reads as Go's `true`.
    pub readonly_fs: Option<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Volume {
    /// The volume's name; `None` for a key that is not a scalar.
    pub name: Option<String>,
    pub key_span: Span,
    /// The volume's value as written.
    pub span: Span,
    pub efs: Option<Spanned<Efs>>,
    /// The container path it is mounted at.
    pub path: Option<Spanned<Option<String>>>,
}

/// `efs`: `true`/`false`, or a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Efs {
    /// `efs: true` (a YAML boolean), which asks Copilot for a managed file system.
    pub enabled: bool,
    /// The map form.
    pub config: Option<EfsConfig>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EfsConfig {
    pub uid: Option<Spanned<Option<i128>>>,
    pub gid: Option<Span>,
    pub id: Option<Span>,
    pub root_dir: Option<Span>,
    /// `root_dir` as written (a scalar's text).
    pub root_dir_value: Option<String>,
    pub auth: Option<Span>,
    /// `auth.access_point_id` set.
    pub access_point: Option<Span>,
    /// `auth.iam` read as a Go bool (`None`: unset).
    pub iam: Option<bool>,
}

/// One `mount_points` item of a sidecar.
#[derive(Clone, Debug, PartialEq)]
pub struct MountPoint {
    /// The item as written.
    pub span: Span,
    pub source_volume: Option<String>,
    pub path: Option<Spanned<Option<String>>>,
}

/// One `depends_on` entry: a container and the status waited for.
#[derive(Clone, Debug, PartialEq)]
pub struct DependsOn {
    /// `None` for a key that is not a scalar.
    pub container: Option<String>,
    pub status: Option<String>,
    pub key_span: Span,
    /// The status as written.
    pub value_span: Span,
}

/// `platform`: `OS/ARCH` or `{osfamily, architecture}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Platform {
    Text(String),
    Args {
        osfamily: Option<String>,
        architecture: Option<String>,
    },
    /// A list: neither form.
    Other,
}

impl Platform {
    /// The architecture, lower-cased.
    pub fn arch(&self) -> Option<String> {
        match self {
            Platform::Text(v) => v.split('/').nth(1).map(str::to_ascii_lowercase),
            Platform::Args { architecture, .. } => {
                architecture.as_deref().map(str::to_ascii_lowercase)
            }
            Platform::Other => None,
        }
    }
}

/// One entry of `variables` (scalar keys only).
#[derive(Clone, Debug, PartialEq)]
pub struct Variable {
    pub name: String,
    /// `from_cfn`, even when written with no value (its span is then the empty value's, and its
    /// text the null's spelling: empty for `from_cfn:`).
    pub from_cfn: Option<Spanned<Option<String>>>,
}

/// One ALB listener rule as validation reads it: the main `http` map or one
/// `http.additional_rules` item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlbRule {
    /// The rule: the resolved `http` map, or the item as written.
    pub span: Span,
    pub path: Option<Span>,
    pub alias: Option<Spanned<Vec<AliasName>>>,
    pub allowed_source_ips: Option<Spanned<Vec<Value>>>,
    pub version: Option<Spanned<Option<String>>>,
    pub hosted_zone: Option<Span>,
    pub target_container: Option<Span>,
    /// The key of the deprecated `targetContainer`.
    pub target_container_deprecated: Option<Span>,
    /// `healthcheck.grace_period`.
    pub grace_period: Option<Span>,
    /// A Static Site's `certificate`.
    pub certificate: Option<Spanned<Option<String>>>,
}

/// An `alias` name: a string, or a map's `name`.
#[derive(Clone, Debug, PartialEq)]
pub enum AliasName {
    Named(String),
    /// A map item without a scalar `name` (its span).
    Unnamed(Span),
}

/// `http` written as a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlbRules {
    pub main: AlbRule,
    /// Every `additional_rules` item, maps or not, in order.
    pub additional: Vec<AlbRule>,
}

/// `nlb` written as a map: what validation reads besides the listeners.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NlbDetails {
    /// `nlb.healthcheck.grace_period`.
    pub grace_period: Option<Span>,
    /// Each `additional_listeners` item's `healthcheck.grace_period`, one per item.
    pub additional_grace_periods: Vec<Option<Span>>,
    /// Each `nlb.alias` item's `hosted_zone`, in order.
    pub alias_hosted_zones: Vec<Span>,
}

/// One item of `publish.topics` or `subscribe.topics`.
#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    /// The item as written.
    pub span: Span,
    pub name: Option<Spanned<Option<String>>>,
    pub service: Option<Spanned<Option<String>>>,
    /// `queue.fifo` in its map form (subscriptions only).
    pub fifo: Option<Fifo>,
}

/// The map form of an SQS queue's `fifo` (`FIFOAdvanceConfig`): the fields its rules read.
#[derive(Clone, Debug, PartialEq)]
pub struct Fifo {
    pub span: Span,
    /// `high_throughput` set (to anything but null).
    pub high_throughput: Option<Span>,
    pub deduplication_scope: Option<Spanned<Option<String>>>,
    pub throughput_limit: Option<Spanned<Option<String>>>,
}

/// One `taskdef_overrides` item (every item, so indices stay Copilot's).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskdefOverride {
    pub path: Option<Spanned<Option<String>>>,
}

/// A Scheduled Job's `on`.
#[derive(Clone, Debug, PartialEq)]
pub struct On {
    pub span: Span,
    pub schedule: Option<Span>,
}

/// One item of a Static Site's `files`.
#[derive(Clone, Debug, PartialEq)]
pub struct StaticFile {
    /// The item as written.
    pub span: Span,
    pub source: Option<Span>,
}

/// The rule-read fields of one config, beside the networking ones of [`super::Config`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// The map form of `count` only.
    pub count: Option<Count>,
    pub storage: Storage,
    pub image_depends_on: Vec<DependsOn>,
    pub logging: Option<Span>,
    /// `logging.env_file`.
    pub logging_env_file: Option<Spanned<Option<String>>>,
    pub platform: Option<Spanned<Platform>>,
    pub variables: Vec<Variable>,
    pub env_file: Option<Spanned<Option<String>>>,
    pub http: Option<AlbRules>,
    pub nlb: Option<NlbDetails>,
    pub publish_topics: Vec<Topic>,
    pub subscribe_topics: Vec<Topic>,
    /// `subscribe.queue.fifo` in its map form.
    pub subscribe_queue_fifo: Option<Fifo>,
    pub taskdef_overrides: Vec<TaskdefOverride>,
    pub deployment_rolling: Option<Spanned<Option<String>>>,
    pub on: Option<On>,
    /// `observability.tracing`.
    pub tracing: Option<Spanned<Option<String>>>,
    pub files: Vec<StaticFile>,
}

/// What a sidecar's config says besides its `port`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SidecarSettings {
    pub image: Option<Span>,
    /// `essential` read as a Go bool (`None`: unset or not a boolean).
    pub essential: Option<bool>,
    pub depends_on: Vec<DependsOn>,
    pub mount_points: Vec<MountPoint>,
    pub env_file: Option<Spanned<Option<String>>>,
}

impl<'a> Decoder<'a> {
    /// A key set to something other than null, with its value resolved.
    fn set(&self, entries: &'a [Entry], key: &str) -> Option<(&'a Entry, &'a Node)> {
        let e = self.field(entries, key)?;
        if self.doc.is_null(&e.value) {
            return None;
        }
        Some((e, self.doc.resolve(&e.value)?))
    }

    fn set_span(&self, entries: &'a [Entry], key: &str) -> Option<Span> {
        self.set(entries, key).map(|(_, n)| n.span)
    }

    fn set_map(&self, entries: &'a [Entry], key: &str) -> Option<&'a [Entry]> {
        self.set(entries, key).and_then(|(_, n)| n.entries())
    }

    fn set_items(&self, entries: &'a [Entry], key: &str) -> &'a [Node] {
        match self.set(entries, key).map(|(_, n)| &n.kind) {
            Some(NodeKind::Seq(items)) => items,
            _ => &[],
        }
    }

    fn spanned<T>(e: &Entry, n: &Node, value: T) -> Spanned<T> {
        Spanned {
            value,
            span: n.span,
            key_span: e.key.span,
        }
    }

    fn set_text(&self, entries: &'a [Entry], key: &str) -> Option<Spanned<Option<String>>> {
        let (e, n) = self.set(entries, key)?;
        Some(Self::spanned(e, n, n.text().map(str::to_string)))
    }

    fn as_int(&self, node: &Node) -> Option<i128> {
        match self.doc.resolve_scalar(node) {
            Some((ResolvedScalar::Int(i), _)) => Some(i),
            _ => None,
        }
    }

    /// A Go `*int` inside a union's map form (`RangeConfig`): yaml.v3 allocates the pointer
    /// before decoding into it, and the union swallows the type error, so a value of the
    /// wrong type is a set zero.
    fn set_ptr_int(&self, entries: &'a [Entry], key: &str) -> Option<i128> {
        self.set(entries, key)
            .map(|(_, n)| self.as_int(n).unwrap_or(0))
    }

    fn entries_of(&self, node: &'a Node) -> Option<&'a [Entry]> {
        self.doc.resolve(node).and_then(Node::entries)
    }

    fn key_text(&self, e: &Entry) -> Option<String> {
        self.doc.text(Some(&e.key)).map(str::to_string)
    }

    /// The rule-read fields of one config mapping (see the module's conventions).
    pub(super) fn settings(&self, entries: &'a [Entry]) -> Settings {
        let mut f = Settings {
            count: self.count(entries),
            storage: self.storage(entries),
            logging: self.set_span(entries, "logging"),
            logging_env_file: self
                .set_map(entries, "logging")
                .and_then(|l| self.set_text(l, "env_file")),
            platform: self.platform(entries),
            variables: self.variables_from_cfn(entries),
            env_file: self.set_text(entries, "env_file"),
            http: self.alb_rules(entries),
            nlb: self.nlb_details(entries),
            taskdef_overrides: self
                .set_items(entries, "taskdef_overrides")
                .iter()
                .map(|item| TaskdefOverride {
                    path: self
                        .entries_of(item)
                        .and_then(|fields| self.set_text(fields, "path")),
                })
                .collect(),
            deployment_rolling: self
                .set_map(entries, "deployment")
                .and_then(|d| self.set_text(d, "rolling")),
            tracing: self
                .set_map(entries, "observability")
                .and_then(|o| self.set_text(o, "tracing")),
            ..Settings::default()
        };
        if let Some(image) = self.set_map(entries, "image") {
            f.image_depends_on = self.depends_on(image);
        }
        if let Some(publish) = self.set_map(entries, "publish") {
            f.publish_topics = self.topics(publish);
        }
        if let Some(subscribe) = self.set_map(entries, "subscribe") {
            f.subscribe_topics = self.topics(subscribe);
            f.subscribe_queue_fifo = self.queue_fifo(subscribe);
        }
        if let Some((_, on)) = self.set(entries, "on") {
            f.on = Some(On {
                span: on.span,
                schedule: on.entries().and_then(|o| self.set_span(o, "schedule")),
            });
        }
        f.files = self
            .set_items(entries, "files")
            .iter()
            .map(|item| StaticFile {
                span: item.span,
                source: self
                    .entries_of(item)
                    .and_then(|fields| self.set_span(fields, "source")),
            })
            .collect();
        f
    }

    /// A sidecar's rule-read fields, from its config mapping.
    pub(super) fn sidecar_settings(&self, entries: &'a [Entry]) -> SidecarSettings {
        SidecarSettings {
            image: self.set_span(entries, "image"),
            essential: self.set(entries, "essential").and_then(|(_, n)| {
                let (r, s) = self.doc.resolve_scalar(n)?;
                scalar_fns::as_go_bool(&r, s)
            }),
            depends_on: self.depends_on(entries),
            mount_points: self
                .set_items(entries, "mount_points")
                .iter()
                .map(|item| {
                    let fields = self.entries_of(item);
                    MountPoint {
                        span: item.span,
                        source_volume: fields
                            .and_then(|m| self.set(m, "source_volume"))
                            .and_then(|(_, n)| n.text())
                            .map(str::to_string),
                        path: fields.and_then(|m| self.set_text(m, "path")),
                    }
                })
                .collect(),
            env_file: self.set_text(entries, "env_file"),
        }
    }

    /// `depends_on` of a container's mapping.
    fn depends_on(&self, container: &'a [Entry]) -> Vec<DependsOn> {
        self.set_map(container, "depends_on")
            .unwrap_or_default()
            .iter()
            .map(|e| DependsOn {
                container: self.key_text(e),
                status: self.doc.text(Some(&e.value)).map(str::to_string),
                key_span: e.key.span,
                value_span: e.value.span,
            })
            .collect()
    }

    fn count(&self, entries: &'a [Entry]) -> Option<Count> {
        let (_, node) = self.set(entries, "count")?;
        let fields = node.entries()?;
        let percentage = |key: &str| {
            let (e, n) = self.set(fields, key)?;
            let value = self.as_int(n).or_else(|| {
                n.entries()
                    .and_then(|m| self.set(m, "value"))
                    .and_then(|(_, v)| self.as_int(v))
            });
            Some(Self::spanned(e, n, value))
        };
        let range = self.set(fields, "range").map(|(e, n)| {
            let value = match (&n.kind, n.entries()) {
                (_, Some(limits)) => Range::Limits {
                    min: self.set_ptr_int(limits, "min"),
                    max: self.set_ptr_int(limits, "max"),
                    spot_from: self.set_span(limits, "spot_from"),
                },
                (NodeKind::Scalar(s), None) => Range::Band(s.value.clone()),
                _ => Range::Other,
            };
            Self::spanned(e, n, value)
        });
        let queue_delay = self.set(fields, "queue_delay").map(|(e, n)| {
            let value = n.entries().map(|q| QueueDelay {
                acceptable_latency: self.set_text(q, "acceptable_latency"),
                msg_processing_time: self.set_text(q, "msg_processing_time"),
            });
            Self::spanned(e, n, value)
        });
        Some(Count {
            span: node.span,
            range,
            cpu_percentage: percentage("cpu_percentage"),
            memory_percentage: percentage("memory_percentage"),
            requests: self.set_span(fields, "requests"),
            response_time: self.set_span(fields, "response_time"),
            queue_delay,
            spot: self.set_span(fields, "spot"),
            cooldown: self.set_span(fields, "cooldown"),
        })
    }

    fn storage(&self, entries: &'a [Entry]) -> Storage {
        let Some(storage) = self.set_map(entries, "storage") else {
            return Storage::default();
        };
        let ephemeral = self.set(storage, "ephemeral").and_then(|(e, n)| {
            let gib = self.as_int(n)?;
            Some(Self::spanned(e, n, gib))
        });
        let volumes = self
            .set_map(storage, "volumes")
            .unwrap_or_default()
            .iter()
            .map(|v| {
                let fields = self.entries_of(&v.value);
                let efs = fields.and_then(|f| self.set(f, "efs")).map(|(e, n)| {
                    let enabled = matches!(
                        self.doc.resolve_scalar(n),
                        Some((ResolvedScalar::Bool(true), _))
                    );
                    let config = n.entries().map(|c| EfsConfig {
                        uid: self
                            .set(c, "uid")
                            .map(|(e, n)| Self::spanned(e, n, self.as_int(n))),
                        gid: self.set_span(c, "gid"),
                        id: self.set_span(c, "id"),
                        root_dir: self.set_span(c, "root_dir"),
                        root_dir_value: self.set_text(c, "root_dir").and_then(|t| t.value),
                        auth: self.set_span(c, "auth"),
                        access_point: self
                            .set_map(c, "auth")
                            .and_then(|a| self.set_span(a, "access_point_id")),
                        iam: self.set_map(c, "auth").and_then(|a| {
                            let (_, n) = self.set(a, "iam")?;
                            let (r, s) = self.doc.resolve_scalar(n)?;
                            scalar_fns::as_go_bool(&r, s)
                        }),
                    });
                    Self::spanned(e, n, Efs { enabled, config })
                });
                Volume {
                    name: self.key_text(v),
                    key_span: v.key.span,
                    span: v.value.span,
                    efs,
                    path: fields.and_then(|f| self.set_text(f, "path")),
                }
            })
            .collect();
        let readonly_fs = self
            .set(storage, "readonly_fs")
            .filter(|(_, n)| {
                self.doc
                    .resolve_scalar(n)
                    .and_then(|(r, s)| scalar_fns::as_go_bool(&r, s))
                    == Some(true)
            })
            .map(|(e, _)| e.key.span);
        Storage {
            ephemeral,
            volumes,
            readonly_fs,
        }
    }

    fn platform(&self, entries: &'a [Entry]) -> Option<Spanned<Platform>> {
        let (e, n) = self.set(entries, "platform")?;
        let value = match (&n.kind, n.entries()) {
            (NodeKind::Scalar(s), _) => Platform::Text(s.value.clone()),
            (_, Some(args)) => Platform::Args {
                osfamily: self
                    .set(args, "osfamily")
                    .and_then(|(_, a)| a.text())
                    .map(str::to_string),
                architecture: self
                    .set(args, "architecture")
                    .and_then(|(_, a)| a.text())
                    .map(str::to_string),
            },
            _ => Platform::Other,
        };
        Some(Self::spanned(e, n, value))
    }

    fn variables_from_cfn(&self, entries: &'a [Entry]) -> Vec<Variable> {
        let Some(vars) = self.set_map(entries, "variables") else {
            return Vec::new();
        };
        vars.iter()
            .filter_map(|e| {
                let name = self.key_text(e)?;
                let from_cfn = self.entries_of(&e.value).and_then(|fields| {
                    let from = self.field(fields, "from_cfn")?;
                    // Written with no value: the empty value itself, as written.
                    let node = if self.doc.is_null(&from.value) {
                        &from.value
                    } else {
                        self.doc.resolve(&from.value)?
                    };
                    Some(Spanned {
                        value: self.doc.text(Some(node)).map(str::to_string),
                        span: node.span,
                        key_span: from.key.span,
                    })
                });
                Some(Variable { name, from_cfn })
            })
            .collect()
    }

    fn alb_rules(&self, entries: &'a [Entry]) -> Option<AlbRules> {
        let (_, http) = self.set(entries, "http")?;
        let fields = http.entries()?;
        let additional = self
            .set_items(fields, "additional_rules")
            .iter()
            .map(|item| self.alb_rule(item.span, self.entries_of(item).unwrap_or_default()))
            .collect();
        Some(AlbRules {
            main: self.alb_rule(http.span, fields),
            additional,
        })
    }

    fn alb_rule(&self, span: Span, fields: &'a [Entry]) -> AlbRule {
        let alias = self.set(fields, "alias").map(|(e, n)| {
            let names = match &n.kind {
                NodeKind::Scalar(s) => vec![AliasName::Named(s.value.clone())],
                NodeKind::Seq(list) => list
                    .iter()
                    .filter_map(|item| {
                        let item = self.doc.resolve(item)?;
                        match item.entries() {
                            Some(m) => Some(
                                self.set(m, "name")
                                    .and_then(|(_, n)| n.text())
                                    .map_or(AliasName::Unnamed(item.span), |n| {
                                        AliasName::Named(n.to_string())
                                    }),
                            ),
                            None => item.text().map(|t| AliasName::Named(t.to_string())),
                        }
                    })
                    .collect(),
                NodeKind::Map(_) | NodeKind::Alias(_) => Vec::new(),
            };
            Self::spanned(e, n, names)
        });
        let allowed_source_ips = self.set(fields, "allowed_source_ips").map(|(e, n)| {
            let ips = self
                .doc
                .items(Some(n))
                .iter()
                .map(|ip| Value {
                    span: ip.span,
                    text: self.doc.text(Some(ip)).map(str::to_string),
                })
                .collect();
            Self::spanned(e, n, ips)
        });
        AlbRule {
            span,
            path: self.set_span(fields, "path"),
            alias,
            allowed_source_ips,
            version: self.set_text(fields, "version"),
            hosted_zone: self.set_span(fields, "hosted_zone"),
            target_container: self.set_span(fields, "target_container"),
            target_container_deprecated: self
                .field(fields, "targetContainer")
                .filter(|e| !self.doc.is_null(&e.value))
                .map(|e| e.key.span),
            grace_period: self.grace_period(fields),
            certificate: self.set_text(fields, "certificate"),
        }
    }

    fn grace_period(&self, fields: &'a [Entry]) -> Option<Span> {
        self.set_map(fields, "healthcheck")
            .and_then(|h| self.set_span(h, "grace_period"))
    }

    fn nlb_details(&self, entries: &'a [Entry]) -> Option<NlbDetails> {
        let nlb = self.set_map(entries, "nlb")?;
        Some(NlbDetails {
            grace_period: self.grace_period(nlb),
            additional_grace_periods: self
                .set_items(nlb, "additional_listeners")
                .iter()
                .map(|item| self.entries_of(item).and_then(|l| self.grace_period(l)))
                .collect(),
            alias_hosted_zones: self
                .set_items(nlb, "alias")
                .iter()
                .filter_map(|item| {
                    self.entries_of(item)
                        .and_then(|a| self.set_span(a, "hosted_zone"))
                })
                .collect(),
        })
    }

    /// `queue.fifo` of a subscription (or of `subscribe`), when written as a map.
    fn queue_fifo(&self, owner: &'a [Entry]) -> Option<Fifo> {
        let queue = self.set_map(owner, "queue")?;
        let (_, fifo) = self.set(queue, "fifo")?;
        let fields = fifo.entries()?;
        Some(Fifo {
            span: fifo.span,
            high_throughput: self.set_span(fields, "high_throughput"),
            deduplication_scope: self.set_text(fields, "deduplication_scope"),
            throughput_limit: self.set_text(fields, "throughput_limit"),
        })
    }

    fn topics(&self, owner: &'a [Entry]) -> Vec<Topic> {
        self.set_items(owner, "topics")
            .iter()
            .map(|item| {
                let fields = self.entries_of(item);
                Topic {
                    span: item.span,
                    name: fields.and_then(|t| self.set_text(t, "name")),
                    service: fields.and_then(|t| self.set_text(t, "service")),
                    fifo: fields.and_then(|t| self.queue_fifo(t)),
                }
            })
            .collect()
    }
}
