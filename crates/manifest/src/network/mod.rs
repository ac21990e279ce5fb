//! What a workload publishes in one environment (spec §5–§6): the exposed-ports index, the
//! `TargetPort` parameter, the Service Connect server, the Service Discovery registration, the
//! injected namespace variable, and which path each client takes to each server.

pub mod warnings;

use crate::model::ports::{ExposedPort, exposed_ports, has_alb};
use crate::model::{Config, Connect, Http, WorkloadType};
use crate::report::{Reachability, ServiceConnect, ServiceDiscovery, ServiceReport, Via, http_url};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One workload as the network stage needs it: its effective manifest in one environment.
pub struct Workload<'a> {
    pub name: &'a str,
    pub ty: WorkloadType,
    pub manifest_path: &'a str,
    pub config: &'a Config,
}

/// The `TargetContainer`/`TargetPort` parameters and the Service Connect server (spec §5.3, §5.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub container: String,
    /// `None` stands for Copilot's `-1` (Backend without a port) or an empty port.
    pub port: Option<u16>,
    /// Whether the target can be a Service Connect server (it is a TCP port).
    pub sc_server: bool,
}

pub fn target(w: &Workload<'_>, index: &[ExposedPort]) -> Option<Target> {
    if !has_alb(w.ty) {
        return None;
    }
    let main = index
        .iter()
        .find(|e| e.container == w.name && e.defined_by_container);
    let mut container = w.name.to_string();
    let mut port = main.map(|e| e.port);
    let mut protocol = main.map_or_else(|| "tcp".to_string(), |e| e.protocol.clone());
    let rule = match w.config.http.as_ref().map(|h| &h.value) {
        Some(Http::Rule(rule)) => Some(rule),
        _ => None,
    };
    if let Some(rule) = rule {
        let tc = rule.target_container.as_ref().map(|c| c.value.as_str());
        let tp = rule.target_port.as_ref().map(|p| p.value);
        let explicit: Option<(String, Option<u16>)> = match (tc, tp) {
            (None, None) => None,
            (Some(c), None) if c == w.name => None,
            (Some(c), None) => Some((
                c.to_string(),
                index
                    .iter()
                    .find(|e| e.container == c && e.defined_by_container)
                    .map(|e| e.port),
            )),
            (None, Some(p)) => {
                let owner = index
                    .iter()
                    .find(|e| e.port == p)
                    .map_or(w.name, |e| e.container.as_str());
                Some((owner.to_string(), Some(p)))
            }
            (Some(c), Some(p)) => Some((c.to_string(), Some(p))),
        };
        if let Some((c, p)) = explicit {
            container = c;
            if p.is_some() {
                port = p;
                protocol = "tcp".into();
            }
        }
    }
    let sc_server = port.is_some() && !protocol.eq_ignore_ascii_case("udp");
    Some(Target {
        container,
        port,
        sc_server,
    })
}

/// The endpoints of one workload in one environment.
pub struct Endpoints {
    pub report: ServiceReport,
    pub sc_client: bool,
    pub can_call_vpc: bool,
    pub ty: WorkloadType,
}

pub fn endpoints(w: &Workload<'_>, namespace: &str) -> Endpoints {
    let index = exposed_ports(w.name, w.ty, w.config);
    let target = target(w, &index);
    let connect = w.config.connect.as_ref().map(|c| &c.value);
    let connect_on = connect.is_some_and(Connect::enabled) && w.ty.joins_service_connect();
    let alias = match connect {
        Some(Connect::Alias(a)) if !a.is_empty() => a.clone(),
        _ => w.name.to_string(),
    };
    let server_port = target.as_ref().filter(|t| t.sc_server).and_then(|t| t.port);
    let service_connect = connect_on.then(|| ServiceConnect {
        enabled: true,
        server: server_port.is_some(),
        alias: server_port.map(|_| alias.clone()),
        port: server_port,
        url: server_port.map(|p| http_url(&alias, p)),
    });

    let registered = match w.ty {
        WorkloadType::LoadBalancedWebService => true,
        WorkloadType::BackendService => target.as_ref().is_some_and(|t| t.port.is_some()),
        _ => false,
    };
    let sd_port = target.as_ref().and_then(|t| t.port).filter(|_| registered);
    let dns_name = registered.then(|| format!("{}.{namespace}", w.name));
    let service_discovery = ServiceDiscovery {
        registered,
        url: dns_name.as_ref().zip(sd_port).map(|(d, p)| http_url(d, p)),
        dns_name,
        port: sd_port,
    };

    let has_vpc_connector = w.config.placement.is_some();
    let mut env_vars = BTreeMap::new();
    let injects =
        w.ty.is_ecs() || (w.ty == WorkloadType::RequestDrivenWebService && has_vpc_connector);
    if injects {
        env_vars.insert(
            "COPILOT_SERVICE_DISCOVERY_ENDPOINT".to_string(),
            namespace.to_string(),
        );
    }
    Endpoints {
        report: ServiceReport {
            name: w.name.to_string(),
            workload_type: w.ty.as_str().to_string(),
            manifest: w.manifest_path.to_string(),
            service_connect,
            service_discovery,
            env_vars,
            unreachable: None,
        },
        sc_client: connect_on,
        can_call_vpc: w.ty.is_ecs()
            || (w.ty == WorkloadType::RequestDrivenWebService && has_vpc_connector),
        ty: w.ty,
    }
}

/// Who reaches whom and how (spec §6.5), grouped: one entry per client and way, targets in the
/// order of `services`. Linear in the number of pairs, with no per-pair strings: 100 services
/// make 9,900 pairs but at most 300 entries. Also records on each service why nothing can call
/// it, when nothing can.
pub fn reachability(services: &mut [Endpoints]) -> Vec<Reachability> {
    for e in services.iter_mut() {
        e.report.unreachable = unreachable_reason(e);
    }
    let names: Vec<Arc<str>> = services
        .iter()
        .map(|s| Arc::from(s.report.name.as_str()))
        .collect();
    let mut out = Vec::new();
    for from in services.iter() {
        let name = &from.report.name;
        if !from.can_call_vpc {
            let to = services
                .iter()
                .zip(&names)
                .filter(|(t, _)| &t.report.name != name)
                .map(|(_, n)| Arc::clone(n))
                .collect();
            let reason = match from.ty {
                WorkloadType::StaticSite => {
                    "a Static Site is files served by CloudFront: it runs nothing inside the VPC"
                }
                _ => {
                    "a Request-Driven Web Service reaches private services only through a VPC connector: set `network.vpc.placement: private`"
                }
            };
            out.push(Reachability {
                from: name.clone(),
                via: None,
                to,
                reason: Some(reason.to_string()),
            });
            continue;
        }
        let mut groups: [Vec<Arc<str>>; 3] = Default::default();
        for (to, to_name) in services
            .iter()
            .zip(&names)
            .filter(|(t, _)| &t.report.name != name)
        {
            let i = match way(from, to) {
                Some(Via::ServiceConnect) => 0,
                Some(Via::ServiceDiscovery) => 1,
                None => 2,
            };
            if let Some(group) = groups.get_mut(i) {
                group.push(Arc::clone(to_name));
            }
        }
        let [sc, sd, none] = groups;
        for (via, to) in [
            (Some(Via::ServiceConnect), sc),
            (Some(Via::ServiceDiscovery), sd),
            (None, none),
        ] {
            if !to.is_empty() {
                out.push(Reachability {
                    from: name.clone(),
                    via,
                    to,
                    reason: None,
                });
            }
        }
    }
    out
}

/// The way a client that can call into the VPC reaches `to`: Service Connect when both sides are
/// in it and `to` serves, else Service Discovery when `to` is registered.
fn way(from: &Endpoints, to: &Endpoints) -> Option<Via> {
    let sc_server = to
        .report
        .service_connect
        .as_ref()
        .is_some_and(|sc| sc.server);
    if from.sc_client && sc_server {
        Some(Via::ServiceConnect)
    } else if to.report.service_discovery.registered {
        Some(Via::ServiceDiscovery)
    } else {
        None
    }
}

/// Why no client reaches `to`, when neither Service Connect nor Service Discovery has it.
fn unreachable_reason(to: &Endpoints) -> Option<String> {
    let sc_server = to
        .report
        .service_connect
        .as_ref()
        .is_some_and(|sc| sc.server);
    if sc_server || to.report.service_discovery.registered {
        return None;
    }
    let name = &to.report.name;
    Some(match to.ty {
        WorkloadType::WorkerService => {
            format!("{name} is a Worker Service: it exposes no endpoint")
        }
        WorkloadType::ScheduledJob => format!("{name} is a Scheduled Job: it exposes no endpoint"),
        WorkloadType::RequestDrivenWebService => format!(
            "{name} is a Request-Driven Web Service (App Runner): call its App Runner URL; it is not in Service Connect or Service Discovery"
        ),
        WorkloadType::StaticSite => {
            format!("{name} is a Static Site served by CloudFront: call its public URL")
        }
        _ => format!(
            "{name} exposes no port, so it is neither a Service Connect server nor registered in Service Discovery"
        ),
    })
}
