//! Workload stack fragments (spec §5.4, §7): parameters, port mappings, each container's
//! environment, Service Connect, Service Discovery and the network configuration.

use super::tree::{Frag, Func, boolean, func, get_att, import_value, int, map, r#ref, s, seq, sub};
use super::{Rendered, entries, get_in, items, text};
use crate::diagnostic::Span;
use crate::model::ports::{ExposedPort, exposed_ports, has_alb};
use crate::model::{Config, Connect, Http, WorkloadType};
use crate::network::{self, Target, Workload};
use crate::syntax::{Document, Node};
use std::collections::BTreeMap;

/// One workload in one environment, as the renderer needs it.
pub struct ServiceInput<'a> {
    pub name: &'a str,
    /// The span of the manifest's `name` value (where `WorkloadName` comes from).
    pub name_span: Option<Span>,
    pub ty: WorkloadType,
    pub config: &'a Config,
    /// The effective manifest: interpolated, this environment's overrides merged.
    pub doc: &'a Document,
    pub node: &'a Node,
    pub app: &'a str,
    pub env: &'a str,
    pub namespace: &'a str,
    /// The AWS account and region: only SNS topic ARNs need them.
    pub account: Option<&'a str>,
    pub region: Option<&'a str>,
}

const TASK_DEF: [&str; 4] = [
    "Resources",
    "TaskDefinition",
    "Properties",
    "ContainerDefinitions",
];
const SERVICE: [&str; 3] = ["Resources", "Service", "Properties"];

pub fn service_fragments(input: &ServiceInput<'_>) -> Rendered {
    let mut out = Rendered::default();
    let r = Renderer::new(input);
    match input.ty {
        WorkloadType::LoadBalancedWebService
        | WorkloadType::BackendService
        | WorkloadType::WorkerService => {
            if has_alb(input.ty) {
                r.parameters(&mut out);
            }
            r.conditions(&mut out);
            r.containers(&mut out);
            out.add(
                &[
                    SERVICE[0],
                    SERVICE[1],
                    SERVICE[2],
                    "ServiceConnectConfiguration",
                ],
                r.service_connect(),
            );
            out.add(
                &[SERVICE[0], SERVICE[1], SERVICE[2], "ServiceRegistries"],
                r.service_registries(),
            );
            let path = [SERVICE[0], SERVICE[1], SERVICE[2], "NetworkConfiguration"];
            match r.network() {
                Ok(n) => out.add(&path, map(vec![("AwsvpcConfiguration", n.awsvpc())])),
                Err(reason) => out.omit(&path, reason),
            }
            if has_alb(input.ty) {
                out.add(&["Resources", "DiscoveryService"], r.discovery_service());
                out.add(&["Outputs", "DiscoveryServiceARN"], discovery_output());
            }
        }
        WorkloadType::ScheduledJob => {
            r.containers(&mut out);
            let base = [
                "Resources",
                "StateMachine",
                "Properties",
                "DefinitionSubstitutions",
            ];
            match r.network() {
                Ok(n) => {
                    let (subnets, public, groups) = n.state_machine();
                    out.add(&[base[0], base[1], base[2], base[3], "Subnets"], subnets);
                    out.add(
                        &[base[0], base[1], base[2], base[3], "AssignPublicIp"],
                        public,
                    );
                    out.add(
                        &[base[0], base[1], base[2], base[3], "SecurityGroups"],
                        groups,
                    );
                }
                Err(reason) => out.omit(&[base[0], base[1], base[2], base[3]], reason),
            }
        }
        WorkloadType::RequestDrivenWebService => {
            // Only the VPC connector's egress is rendered: without one the block's form is not
            // in the spec.
            if let Some(p) = &input.config.placement {
                out.add(
                    &[SERVICE[0], SERVICE[1], SERVICE[2], "NetworkConfiguration"],
                    map(vec![(
                        "EgressConfiguration",
                        map(vec![
                            ("EgressType", s("VPC")),
                            ("VpcConnectorArn", r#ref("VpcConnector")),
                        ]),
                    )])
                    .from([p.key_span, p.span]),
                );
            }
        }
        WorkloadType::StaticSite => {}
    }
    out
}

struct Renderer<'a> {
    i: &'a ServiceInput<'a>,
    index: Vec<ExposedPort>,
    target: Option<Target>,
    name_spans: Vec<Span>,
}

/// Where the tasks run (spec §7.6).
struct Net {
    public: bool,
    /// Explicit subnet IDs, or `None` for the environment's public/private subnets.
    subnets: Option<Vec<Frag>>,
    placement: Vec<Span>,
    groups: Vec<Frag>,
    groups_span: Vec<Span>,
}

impl Net {
    fn subnets_import(&self) -> Frag {
        let which = if self.public {
            "PublicSubnets"
        } else {
            "PrivateSubnets"
        };
        import_value(sub(&format!("${{AppName}}-${{EnvName}}-{which}")))
    }

    fn assign(&self) -> Frag {
        s(if self.public { "ENABLED" } else { "DISABLED" }).from(self.placement.clone())
    }

    fn awsvpc(&self) -> Frag {
        let subnets = match &self.subnets {
            Some(ids) => seq(ids.clone()),
            None => map(vec![(
                "Fn::Split",
                seq(vec![s(","), self.subnets_import()]),
            )]),
        }
        .from(self.placement.clone());
        map(vec![
            ("AssignPublicIp", self.assign()),
            ("Subnets", subnets),
            (
                "SecurityGroups",
                seq(self.groups.clone()).from(self.groups_span.clone()),
            ),
        ])
    }

    /// A Scheduled Job's state machine substitutions: the same values joined into JSON text.
    fn state_machine(&self) -> (Frag, Frag, Frag) {
        let subnets = match &self.subnets {
            Some(ids) => seq(ids.clone()),
            None => map(vec![(
                "Fn::Split",
                seq(vec![s(","), self.subnets_import()]),
            )]),
        };
        let join = |arg: Frag| map(vec![("Fn::Join", seq(vec![s("\",\""), arg]))]);
        (
            join(subnets).from(self.placement.clone()),
            self.assign(),
            join(seq(self.groups.clone())).from(self.groups_span.clone()),
        )
    }
}

impl<'a> Renderer<'a> {
    fn new(i: &'a ServiceInput<'a>) -> Self {
        let index = exposed_ports(i.name, i.ty, i.config);
        let target = network::target(
            &Workload {
                name: i.name,
                ty: i.ty,
                manifest_path: "",
                config: i.config,
            },
            &index,
        );
        Self {
            i,
            index,
            target,
            name_spans: i.name_span.into_iter().collect(),
        }
    }

    fn get(&self, path: &str) -> Option<&'a Node> {
        get_in(self.i.doc, self.i.node, path)
    }

    fn image_port_spans(&self) -> Vec<Span> {
        self.i.config.image_port.iter().map(|p| p.span).collect()
    }

    /// The spans that decide the target: `image.port`, `http.target_container`/`target_port`.
    fn target_spans(&self) -> Vec<Span> {
        let mut spans = self.image_port_spans();
        if let Some(Http::Rule(rule)) = self.i.config.http.as_ref().map(|h| &h.value) {
            spans.extend(rule.target_container.iter().map(|c| c.span));
            spans.extend(rule.target_port.iter().map(|p| p.span));
        }
        if let Some(t) = &self.target
            && t.container != self.i.name
        {
            spans.extend(
                self.i
                    .config
                    .sidecars
                    .iter()
                    .filter(|sc| sc.name == t.container)
                    .flat_map(|sc| sc.port.iter().map(|p| p.span)),
            );
        }
        spans
    }

    /// `ContainerPort`, `TargetContainer`, `TargetPort` (spec §5.4) and their values (§7.7).
    fn parameters(&self, out: &mut Rendered) {
        let typed = |t: &str| map(vec![("Type", s(t))]);
        let port = self
            .i
            .config
            .image_port
            .as_ref()
            .map(|p| p.value.to_string());
        let container_port = match self.i.ty {
            WorkloadType::BackendService => port.unwrap_or_else(|| "-1".into()),
            _ => port.unwrap_or_default(),
        };
        let target_container = self
            .target
            .as_ref()
            .map_or_else(|| self.i.name.to_string(), |t| t.container.clone());
        let target_port = self.target.as_ref().and_then(|t| t.port).map_or_else(
            || {
                if self.i.ty == WorkloadType::BackendService {
                    container_port.clone()
                } else {
                    String::new()
                }
            },
            |p| p.to_string(),
        );
        out.add(
            &["Parameters", "ContainerPort"],
            typed("Number").from(self.image_port_spans()),
        );
        out.add(
            &["Parameters", "TargetContainer"],
            typed("String").from(self.target_spans()),
        );
        out.add(
            &["Parameters", "TargetPort"],
            typed("Number").from(self.target_spans()),
        );
        out.parameter_values
            .insert("ContainerPort".into(), container_port);
        out.parameter_values
            .insert("TargetContainer".into(), target_container);
        out.parameter_values
            .insert("TargetPort".into(), target_port);
    }

    fn conditions(&self, out: &mut Rendered) {
        out.add(
            &["Conditions", "IsGovCloud"],
            func(
                Func::Equals,
                seq(vec![r#ref("AWS::Partition"), s("aws-us-gov")]),
            ),
        );
        if self.i.ty == WorkloadType::BackendService {
            out.add(
                &["Conditions", "ExposePort"],
                func(
                    Func::Not,
                    seq(vec![func(
                        Func::Equals,
                        seq(vec![r#ref("TargetPort"), int(-1)]),
                    )]),
                ),
            );
        }
    }

    /// The containers in task-definition order: the main one, the FireLens log router when
    /// `logging` is set, then sidecars sorted by name.
    fn containers(&self, out: &mut Rendered) {
        let mut containers: Vec<Container<'_>> = vec![Container::Main];
        if self.get("logging").is_some() {
            containers.push(Container::LogRouter);
        }
        let mut sidecars: Vec<&str> = self
            .i
            .config
            .sidecars
            .iter()
            .map(|sc| sc.name.as_str())
            .collect();
        sidecars.sort_unstable();
        sidecars.dedup();
        containers.extend(sidecars.into_iter().map(Container::Sidecar));

        let common = self.common_env();
        for (idx, c) in containers.iter().enumerate() {
            let idx = idx.to_string();
            let base = [TASK_DEF[0], TASK_DEF[1], TASK_DEF[2], TASK_DEF[3], &idx];
            let env_path = [base[0], base[1], base[2], base[3], base[4], "Environment"];
            match &common {
                Ok(common) => out.add(&env_path, self.environment(c, common)),
                Err(reason) => out.omit(&env_path, reason.clone()),
            }
            if let Some(mappings) = self.port_mappings(c) {
                out.add(
                    &[base[0], base[1], base[2], base[3], base[4], "PortMappings"],
                    mappings,
                );
            }
        }
    }

    fn port_mappings(&self, c: &Container<'_>) -> Option<Frag> {
        let name = match c {
            Container::Main => self.i.name,
            Container::Sidecar(n) => n,
            Container::LogRouter => return None,
        };
        // Worker and Job main containers have no mapping block at all (spec §5.1).
        if matches!(c, Container::Main) && !has_alb(self.i.ty) {
            return None;
        }
        let server = self.target.as_ref().filter(|t| t.sc_server);
        let mappings: Vec<Frag> = self
            .index
            .iter()
            .filter(|e| e.container == name)
            .map(|e| {
                let mut fields = vec![
                    ("ContainerPort", int(i64::from(e.port))),
                    ("Protocol", s(e.protocol.as_str())),
                ];
                let is_target =
                    server.is_some_and(|t| t.container == e.container && t.port == Some(e.port));
                if is_target {
                    fields.push(("Name", s("target").from(self.target_spans())));
                }
                map(fields).from(self.port_spans(e))
            })
            .collect();
        (!mappings.is_empty()).then(|| seq(mappings))
    }

    /// Every manifest value that put this port in the index.
    fn port_spans(&self, e: &ExposedPort) -> Vec<Span> {
        let c = self.i.config;
        let mut spans = Vec::new();
        for sc in c.sidecars.iter().filter(|sc| sc.name == e.container) {
            spans.extend(sc.port.iter().map(|p| p.span));
        }
        if e.container == self.i.name {
            spans.extend(
                c.image_port
                    .iter()
                    .filter(|p| p.value == e.port)
                    .map(|p| p.span),
            );
        }
        if let Some(Http::Rule(rule)) = c.http.as_ref().map(|h| &h.value) {
            spans.extend(
                rule.target_port
                    .iter()
                    .filter(|p| p.value == e.port)
                    .map(|p| p.span),
            );
        }
        for l in &c.nlb {
            let port = l
                .port
                .as_ref()
                .and_then(|p| crate::model::ports::parse_port_spec(&p.value))
                .map(|(p, _)| p);
            let target = l
                .target_port
                .as_ref()
                .and_then(|t| u16::try_from(t.value).ok())
                .or(port);
            if target == Some(e.port) {
                spans.extend(l.port.iter().map(|p| p.span));
                spans.extend(l.target_port.iter().map(|p| p.span));
            }
        }
        // Additional ALB rules add their target ports too.
        for rule in items(self.i.doc, self.get("http.additional_rules")) {
            if let Some(tp) = get_in(self.i.doc, rule, "target_port")
                && text(self.i.doc, Some(tp)) == Some(e.port.to_string().as_str())
            {
                spans.push(tp.span);
            }
        }
        spans
    }

    /// The variables every container gets, in Copilot's order up to the user's own (spec §7.5).
    fn common_env(&self) -> Result<Vec<Frag>, String> {
        let pair = |name: &str, value: Frag| map(vec![("Name", s(name)), ("Value", value)]);
        let mut vars = vec![
            pair("COPILOT_APPLICATION_NAME", sub("${AppName}")),
            pair("COPILOT_SERVICE_DISCOVERY_ENDPOINT", s(self.i.namespace)),
            pair("COPILOT_ENVIRONMENT_NAME", sub("${EnvName}")),
            pair("COPILOT_SERVICE_NAME", sub("${WorkloadName}")).from(self.name_spans.clone()),
        ];
        if let Some(topics) = self.sns_topics()? {
            vars.push(topics);
        }
        if self.i.ty == WorkloadType::WorkerService && self.get("subscribe").is_some() {
            let subscribe = self.get("subscribe").map(|n| n.span);
            vars.push(pair("COPILOT_QUEUE_URI", r#ref("EventsQueue")).from(subscribe));
            let topic_queues = items(self.i.doc, self.get("subscribe.topics"))
                .iter()
                .any(|t| get_in(self.i.doc, t, "queue").is_some());
            if topic_queues {
                return Err("COPILOT_TOPIC_QUEUE_URIS (topic-specific queues of `subscribe.topics[].queue`) is not rendered yet".into());
            }
        }
        if let Some(lb) = self.lb_dns()? {
            vars.push(lb);
        }
        Ok(vars)
    }

    /// `COPILOT_SNS_TOPIC_ARNS`: a JSON object of topic name → ARN, keys sorted.
    fn sns_topics(&self) -> Result<Option<Frag>, String> {
        let topics = items(self.i.doc, self.get("publish.topics"));
        if topics.is_empty() {
            return Ok(None);
        }
        let (Some(account), Some(region)) = (self.i.account, self.i.region) else {
            return Err("COPILOT_SNS_TOPIC_ARNS holds topic ARNs, which need the AWS account and region (--account, --region): no manifest says them".into());
        };
        let partition = if region.starts_with("us-gov-") {
            "aws-us-gov"
        } else if region.starts_with("cn-") {
            "aws-cn"
        } else {
            "aws"
        };
        let mut arns = BTreeMap::new();
        let mut spans = Vec::new();
        for t in topics {
            let Some(name) = text(self.i.doc, get_in(self.i.doc, t, "name")) else {
                continue;
            };
            spans.push(t.span);
            let fifo = match get_in(self.i.doc, t, "fifo") {
                None => false,
                Some(f) => match self.i.doc.resolve_scalar(f) {
                    Some((crate::syntax::ResolvedScalar::Bool(b), _)) => b,
                    Some(_) => false,
                    None => true,
                },
            };
            let topic = if fifo {
                format!("{name}.fifo")
            } else {
                name.to_string()
            };
            let arn = format!(
                "arn:{partition}:sns:{region}:{account}:{}-{}-{}-{topic}",
                self.i.app, self.i.env, self.i.name
            );
            arns.insert(topic, arn);
        }
        let json = serde_json::to_string(&arns).unwrap_or_default();
        Ok(Some(
            map(vec![
                ("Name", s("COPILOT_SNS_TOPIC_ARNS")),
                ("Value", s(json)),
            ])
            .from(spans),
        ))
    }

    /// `COPILOT_LB_DNS` when an ALB listener exists: the public ALB for an LBWS, the internal
    /// one for a Backend Service.
    fn lb_dns(&self) -> Result<Option<Frag>, String> {
        let Some(http) = &self.i.config.http else {
            return Ok(None);
        };
        let Http::Rule(rule) = &http.value else {
            return Ok(None);
        };
        let attr = match self.i.ty {
            WorkloadType::LoadBalancedWebService => "EnvControllerAction.PublicLoadBalancerDNSName",
            WorkloadType::BackendService if rule.path.is_some() => {
                "EnvControllerAction.InternalLoadBalancerDNSName"
            }
            _ => return Ok(None),
        };
        if self.get("http.alb").is_some() {
            return Err("COPILOT_LB_DNS of an imported ALB (`http.alb`) is its DNS name, which Copilot looks up in AWS".into());
        }
        let spans = [http.key_span]
            .into_iter()
            .chain(rule.path.iter().map(|p| p.span));
        Ok(Some(
            map(vec![
                ("Name", s("COPILOT_LB_DNS")),
                ("Value", get_att(attr)),
            ])
            .from(spans),
        ))
    }

    fn environment(&self, c: &Container<'_>, common: &[Frag]) -> Frag {
        let mut vars = common.to_vec();
        let (variables, mounts) = match c {
            Container::Main => (self.get("variables"), self.main_mounts()),
            Container::LogRouter => (self.get("logging.variables"), None),
            Container::Sidecar(n) => {
                let sidecar = self.get("sidecars").and_then(|sc| {
                    entries(self.i.doc, Some(sc))
                        .into_iter()
                        .find(|(k, _)| k == n)
                        .map(|(_, v)| v)
                });
                (
                    sidecar.and_then(|sc| get_in(self.i.doc, sc, "variables")),
                    sidecar.and_then(|sc| self.sidecar_mounts(sc)),
                )
            }
        };
        let mut user: Vec<(&str, &Node, Span)> = entries(self.i.doc, variables)
            .into_iter()
            .map(|(k, v)| (k, v, v.span))
            .collect();
        user.sort_by(|a, b| a.0.cmp(b.0));
        for (name, value, span) in user {
            let value = match get_in(self.i.doc, value, "from_cfn") {
                Some(export) => import_value(s(text(self.i.doc, Some(export)).unwrap_or(""))),
                None => s(text(self.i.doc, Some(value)).unwrap_or("")),
            };
            vars.push(map(vec![("Name", s(name)), ("Value", value)]).from([span]));
        }
        if let Some(m) = mounts {
            vars.push(m);
        }
        seq(vars)
    }

    /// `COPILOT_MOUNT_POINTS` of the main container: every `storage.volumes` entry with a path.
    fn main_mounts(&self) -> Option<Frag> {
        let mut points = BTreeMap::new();
        let mut spans = Vec::new();
        for (name, vol) in entries(self.i.doc, self.get("storage.volumes")) {
            if let Some(path) = get_in(self.i.doc, vol, "path") {
                points.insert(name, text(self.i.doc, Some(path)).unwrap_or(""));
                spans.push(path.span);
            }
        }
        mounts(points, spans)
    }

    fn sidecar_mounts(&self, sidecar: &Node) -> Option<Frag> {
        let mut points = BTreeMap::new();
        let mut spans = Vec::new();
        for mp in items(self.i.doc, get_in(self.i.doc, sidecar, "mount_points")) {
            let source = text(self.i.doc, get_in(self.i.doc, mp, "source_volume"));
            let path = get_in(self.i.doc, mp, "path");
            if let (Some(source), Some(path)) = (source, path) {
                points.insert(source, text(self.i.doc, Some(path)).unwrap_or(""));
                spans.push(mp.span);
            }
        }
        mounts(points, spans)
    }

    fn connect_spans(&self) -> Vec<Span> {
        self.i
            .config
            .connect
            .iter()
            .flat_map(|c| [c.key_span, c.span])
            .collect()
    }

    /// Spec §7.3: enabled with a server, client-only, or the disabled GovCloud `!If`.
    fn service_connect(&self) -> Frag {
        let connect = self.i.config.connect.as_ref().map(|c| &c.value);
        if !connect.is_some_and(Connect::enabled) {
            return func(
                Func::If,
                seq(vec![
                    s("IsGovCloud"),
                    r#ref("AWS::NoValue"),
                    map(vec![("Enabled", boolean(false))]),
                ]),
            )
            .from(self.connect_spans());
        }
        let mut fields = vec![
            ("Enabled", boolean(true).from(self.connect_spans())),
            ("Namespace", s(self.i.namespace)),
            (
                "LogConfiguration",
                map(vec![
                    ("LogDriver", s("awslogs")),
                    (
                        "Options",
                        map(vec![
                            ("awslogs-region", r#ref("AWS::Region")),
                            ("awslogs-group", r#ref("LogGroup")),
                            ("awslogs-stream-prefix", s("copilot")),
                        ]),
                    ),
                ]),
            ),
        ];
        let server = self
            .target
            .as_ref()
            .filter(|t| t.sc_server && t.port.is_some());
        if server.is_some() {
            let dns = match connect {
                Some(Connect::Alias(a)) if !a.is_empty() => {
                    s(a.as_str()).from(self.connect_spans())
                }
                _ => r#ref("WorkloadName").from(self.name_spans.clone()),
            };
            fields.push((
                "Services",
                seq(vec![map(vec![
                    ("PortName", s("target")),
                    (
                        "DiscoveryName",
                        func(
                            Func::Join,
                            seq(vec![s("-"), seq(vec![r#ref("WorkloadName"), s("sc")])]),
                        ),
                    ),
                    (
                        "ClientAliases",
                        seq(vec![map(vec![
                            ("Port", r#ref("TargetPort").from(self.target_spans())),
                            ("DnsName", dns),
                        ])]),
                    ),
                ])]),
            ));
        }
        map(fields).from(self.connect_spans())
    }

    /// Spec §7.4: unconditional (LBWS), guarded by `ExposePort` (Backend), none (Worker).
    fn service_registries(&self) -> Frag {
        let registry = || {
            seq(vec![map(vec![
                ("RegistryArn", get_att("DiscoveryService.Arn")),
                ("Port", r#ref("TargetPort").from(self.target_spans())),
            ])])
        };
        match self.i.ty {
            WorkloadType::LoadBalancedWebService => registry(),
            WorkloadType::BackendService => func(
                Func::If,
                seq(vec![s("ExposePort"), registry(), r#ref("AWS::NoValue")]),
            )
            .from(self.image_port_spans()),
            _ => r#ref("AWS::NoValue"),
        }
    }

    fn discovery_service(&self) -> Frag {
        map(vec![
            (
                "Metadata",
                map(vec![(
                    "aws:copilot:description",
                    s("Service discovery for your services to communicate within the VPC"),
                )]),
            ),
            ("Type", s("AWS::ServiceDiscovery::Service")),
            (
                "Properties",
                map(vec![
                    (
                        "Description",
                        s("Discovery Service for the Copilot services"),
                    ),
                    (
                        "DnsConfig",
                        map(vec![
                            ("RoutingPolicy", s("MULTIVALUE")),
                            (
                                "DnsRecords",
                                seq(vec![
                                    map(vec![("TTL", int(10)), ("Type", s("A"))]),
                                    map(vec![("TTL", int(10)), ("Type", s("SRV"))]),
                                ]),
                            ),
                        ]),
                    ),
                    (
                        "HealthCheckCustomConfig",
                        map(vec![("FailureThreshold", int(1))]),
                    ),
                    ("Name", r#ref("WorkloadName").from(self.name_spans.clone())),
                    (
                        "NamespaceId",
                        import_value(sub("${AppName}-${EnvName}-ServiceDiscoveryNamespaceID")),
                    ),
                ]),
            ),
        ])
        .from(self.name_spans.clone())
    }

    /// Placement and security groups (spec §7.6).
    fn network(&self) -> Result<Net, String> {
        let doc = self.i.doc;
        let placement = self.get("network.vpc.placement");
        let mut net = Net {
            public: true,
            subnets: None,
            placement: placement.map(|p| p.span).into_iter().collect(),
            groups: Vec::new(),
            groups_span: Vec::new(),
        };
        if let Some(p) = placement {
            match text(doc, Some(p)) {
                Some("private") => net.public = false,
                Some(_) => {}
                None => {
                    net.public = false;
                    let subnets = get_in(doc, p, "subnets");
                    let ids = items(doc, subnets);
                    if ids.is_empty() {
                        return Err("`network.vpc.placement.subnets.from_tags` selects subnets by tag, which Copilot looks up in AWS".into());
                    }
                    net.subnets = Some(
                        ids.iter()
                            .map(|id| s(text(doc, Some(id)).unwrap_or("")).from([id.span]))
                            .collect(),
                    );
                }
            }
        }
        let sgs = self.get("network.vpc.security_groups");
        let (list, deny_default) = match sgs.map(|n| &n.kind) {
            Some(crate::syntax::NodeKind::Map(_)) => {
                let deny = sgs
                    .and_then(|n| get_in(doc, n, "deny_default"))
                    .and_then(|d| doc.resolve_scalar(d))
                    .is_some_and(|(r, _)| r == crate::syntax::ResolvedScalar::Bool(true));
                (items(doc, sgs.and_then(|n| get_in(doc, n, "groups"))), deny)
            }
            _ => (items(doc, sgs), false),
        };
        net.groups_span.extend(sgs.map(|n| n.span));
        if !deny_default {
            net.groups.push(import_value(sub(
                "${AppName}-${EnvName}-EnvironmentSecurityGroup",
            )));
        }
        for g in list {
            let frag = match get_in(doc, g, "from_cfn") {
                Some(export) => import_value(s(text(doc, Some(export)).unwrap_or(""))),
                None => s(text(doc, Some(g)).unwrap_or("")),
            };
            net.groups.push(frag.from([g.span]));
        }
        Ok(net)
    }
}

enum Container<'a> {
    Main,
    LogRouter,
    Sidecar(&'a str),
}

fn mounts(points: BTreeMap<&str, &str>, spans: Vec<Span>) -> Option<Frag> {
    if points.is_empty() {
        return None;
    }
    let json = serde_json::to_string(&points).unwrap_or_default();
    Some(
        map(vec![
            ("Name", s("COPILOT_MOUNT_POINTS")),
            ("Value", s(json)),
        ])
        .from(spans),
    )
}

fn discovery_output() -> Frag {
    map(vec![
        ("Description", s("ARN of the Discovery Service.")),
        ("Value", get_att("DiscoveryService.Arn")),
        (
            "Export",
            map(vec![("Name", sub("${AWS::StackName}-DiscoveryServiceARN"))]),
        ),
    ])
}
