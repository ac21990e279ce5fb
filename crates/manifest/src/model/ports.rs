//! The exposed-ports index of spec §5.1: which container exposes which port with which
//! protocol. It drives port mappings, the Service Connect target and port validation.

use super::{Config, Http, WorkloadType};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExposedPort {
    pub port: u16,
    pub protocol: String,
    pub container: String,
    pub defined_by_container: bool,
}

/// A sidecar `port` string: `"PORT"` or `"PORT/PROTOCOL"`; the protocol is lower-cased.
pub fn parse_port_spec(spec: &str) -> Option<(u16, String)> {
    let mut parts = spec.split('/');
    let port = parts.next()?.trim().parse::<u16>().ok()?;
    let protocol = parts
        .next()
        .map_or_else(|| "tcp".to_string(), str::to_ascii_lowercase);
    parts.next().is_none().then_some((port, protocol))
}

/// The exposed-ports index of spec §5.1: sidecars, ALB rules (main, then additional), NLB
/// listeners, then `image.port`.
pub fn exposed_ports(name: &str, ty: WorkloadType, config: &Config) -> Vec<ExposedPort> {
    let mut index: Vec<ExposedPort> = Vec::new();
    for sidecar in &config.sidecars {
        if let Some((port, protocol)) = sidecar
            .port
            .as_ref()
            .and_then(|p| parse_port_spec(&p.value))
        {
            index.retain(|e| e.port != port);
            index.push(ExposedPort {
                port,
                protocol,
                container: sidecar.name.clone(),
                defined_by_container: true,
            });
        }
    }
    if has_alb(ty)
        && let Some(Http::Rule(main)) = config.http.as_ref().map(|h| &h.value)
    {
        for rule in std::iter::once(main).chain(&main.additional_rules) {
            let Some(tp) = &rule.target_port else {
                continue;
            };
            if index.iter().any(|e| e.port == tp.value) {
                continue;
            }
            let container = rule
                .target_container
                .as_ref()
                .map_or(name, |c| c.value.as_str());
            index.push(ExposedPort {
                port: tp.value,
                protocol: "tcp".into(),
                container: container.into(),
                defined_by_container: false,
            });
        }
    }
    for listener in &config.nlb {
        let Some((port, protocol)) = listener
            .port
            .as_ref()
            .and_then(|p| parse_port_spec(&p.value))
        else {
            continue;
        };
        let target = listener
            .target_port
            .as_ref()
            .and_then(|t| u16::try_from(t.value).ok())
            .unwrap_or(port);
        let protocol = if protocol == "tls" {
            "tcp".to_string()
        } else {
            protocol
        };
        if index
            .iter()
            .any(|e| e.port == target && e.protocol == protocol)
        {
            continue;
        }
        let container = listener
            .target_container
            .as_ref()
            .map_or(name, |c| c.value.as_str());
        index.retain(|e| e.port != target);
        index.push(ExposedPort {
            port: target,
            protocol,
            container: container.into(),
            defined_by_container: false,
        });
    }
    if has_alb(ty)
        && let Some(port) = &config.image_port
    {
        match index.iter_mut().find(|e| e.port == port.value) {
            Some(entry) => entry.defined_by_container = true,
            None => index.push(ExposedPort {
                port: port.value,
                protocol: "tcp".into(),
                container: name.into(),
                defined_by_container: true,
            }),
        }
    }
    index.sort_by(|a, b| a.container.cmp(&b.container).then(a.port.cmp(&b.port)));
    index
}

/// LBWS and Backend Services have an Application Load Balancer rule and a main-container port.
pub fn has_alb(ty: WorkloadType) -> bool {
    matches!(
        ty,
        WorkloadType::LoadBalancedWebService | WorkloadType::BackendService
    )
}
