//! Port rules (spec §4.3 items 9, 15, 18, 20, 22; §5.1): sidecar and NLB protocols, target
//! containers, ports exposed twice, and health checks on UDP ports.

use super::{Subject, error};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::model::ports::{exposed_ports, has_alb, parse_port_spec};
use crate::model::{Http, HttpRule, WorkloadType};
use crate::rules::Rule;

/// The logical path of the `i`th NLB listener: `nlb`, then `nlb.additional_listeners[i - 1]`.
fn nlb_path(i: usize) -> String {
    match i.checked_sub(1) {
        None => "nlb".into(),
        Some(j) => format!("nlb.additional_listeners[{j}]"),
    }
}

fn split_protocol(spec: &str) -> (&str, Option<&str>) {
    match spec.split_once('/') {
        Some((port, protocol)) => (port, Some(protocol)),
        None => (spec, None),
    }
}

pub(super) fn sidecar_protocols(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for sidecar in &s.config.sidecars {
        let Some(port) = &sidecar.port else { continue };
        let prefix = format!("validate \"sidecars[{}]\": ", sidecar.name);
        if port.value.matches('/').count() > 1 {
            out.push(error(
                Rule::PortInvalid,
                port.span,
                format!("sidecars.{}.port", sidecar.name),
                format!(
                    "`{}` is not a port mapping: write `PORT` or `PORT/PROTOCOL`",
                    port.value
                ),
                format!("{prefix}cannot parse port mapping from {}", port.value),
                "for example `8080` or `8080/udp`",
            ));
        } else if let (_, Some(protocol)) = split_protocol(&port.value)
            && !["tcp", "udp"].contains(&protocol.to_ascii_lowercase().as_str())
        {
            out.push(error(
                Rule::PortInvalid,
                port.span,
                format!("sidecars.{}.port", sidecar.name),
                format!("a sidecar port's protocol must be TCP or UDP, not `{protocol}`"),
                format!("{prefix}invalid protocol {protocol}; valid protocols include TCP and UDP"),
                "for example `8080/tcp` or `8080/udp`",
            ));
        }
    }
}

pub(super) fn nlb_listeners(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(main) = s.config.nlb.first() else {
        return;
    };
    match &main.port {
        None => out.push(error(
            Rule::NlbPortRequired,
            s.anchor,
            "nlb.port",
            "`nlb` needs a `port`".into(),
            "validate \"nlb\": \"port\" must be specified".into(),
            "for example `port: 443/tls` or `port: 8080/udp`",
        )),
        Some(port) => {
            if let (_, Some(protocol)) = split_protocol(&port.value)
                && !["tcp", "udp", "tls"].contains(&protocol.to_ascii_lowercase().as_str())
            {
                out.push(error(
                    Rule::PortInvalid,
                    port.span,
                    "nlb.port",
                    format!("an NLB listener's protocol must be TCP, UDP or TLS, not `{protocol}`"),
                    format!("validate \"nlb\": validate \"port\": invalid protocol {protocol}; valid protocols include TCP, UDP and TLS"),
                    "for example `443/tls` or `8080/udp`",
                ));
            }
        }
    }
}

/// A `target_container` must be the main container (with `image.port`) or a sidecar with a port.
pub(super) fn target_containers(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(Http::Rule(rule)) = s.config.http.as_ref().map(|h| &h.value) {
        check_target(
            s,
            rule.target_container
                .as_ref()
                .map(|t| (t.value.as_str(), t.span)),
            "validate load balancer target for \"http\": ",
            "http.target_container".into(),
            out,
        );
    }
    for (i, listener) in s.config.nlb.iter().enumerate() {
        check_target(
            s,
            listener
                .target_container
                .as_ref()
                .map(|t| (t.value.as_str(), t.span)),
            "validate target for \"nlb\": ",
            format!("{}.target_container", nlb_path(i)),
            out,
        );
    }
}

fn check_target(
    s: &Subject<'_>,
    target: Option<(&str, Span)>,
    prefix: &str,
    path: String,
    out: &mut Vec<Diagnostic>,
) {
    let Some((name, span)) = target else { return };
    let problem = if name == s.name {
        s.config
            .image_port
            .is_none()
            .then_some("doesn't expose a port")
    } else {
        match s.config.sidecars.iter().find(|c| c.name == name) {
            None => Some("doesn't exist"),
            Some(c) if c.port.is_none() => Some("doesn't expose a port"),
            Some(_) => None,
        }
    };
    if let Some(problem) = problem {
        out.push(error(
            Rule::TargetContainerInvalid,
            span,
            path,
            format!(
                "the target container `{name}` {}",
                if problem == "doesn't exist" {
                    "is not the main container or a sidecar"
                } else {
                    "exposes no port"
                }
            ),
            format!("{prefix}target container \"{name}\" {problem}"),
            "target the main container (with `image.port`) or a sidecar that has `port`",
        ));
    }
}

/// Copilot's own walk (`validateExposedPorts`): sidecars, ALB rule, NLB listeners, `image.port`;
/// a port owned by two containers, or by one with two protocols, is refused.
pub(super) fn unique_exposed_ports(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let c = s.config;
    let mut owners: Vec<(u16, String, String)> = Vec::new();
    let mut add = |port: u16,
                   container: Option<&str>,
                   protocol: Option<&str>,
                   span: Span,
                   path: String,
                   out: &mut Vec<Diagnostic>| {
        let existing = owners.iter().find(|(p, _, _)| *p == port).cloned();
        let container = container
            .map(str::to_string)
            .or_else(|| existing.as_ref().map(|e| e.1.clone()))
            .unwrap_or_else(|| s.name.to_string());
        let protocol = protocol
            .map(str::to_ascii_lowercase)
            .or_else(|| existing.as_ref().map(|e| e.2.clone()))
            .unwrap_or_else(|| "tcp".into());
        match existing {
            Some((_, owner, _)) if owner != container => out.push(error(
                Rule::PortExposedTwice,
                span,
                path,
                format!("port {port} is exposed by both `{container}` and `{owner}`"),
                format!("validate unique exposed ports: containers \"{container}\" and \"{owner}\" are exposing the same port {port}"),
                "give each container its own port",
            )),
            Some((_, _, proto)) if proto != protocol => out.push(error(
                Rule::PortExposedTwice,
                span,
                path,
                format!("`{container}` exposes port {port} with both {proto} and {protocol}"),
                format!("validate unique exposed ports: container \"{container}\" is exposing the same port {port} with protocol {proto} and {protocol}"),
                "use one protocol per port",
            )),
            Some(_) => {}
            None => owners.push((port, container, protocol)),
        }
    };
    for sidecar in &c.sidecars {
        let Some(port) = &sidecar.port else { continue };
        let (number, protocol) = split_protocol(&port.value);
        if let Some(problem) = go_parse_uint16_error(number) {
            out.push(error(
                Rule::PortInvalid,
                port.span,
                format!("sidecars.{}.port", sidecar.name),
                format!("`{number}` is not a port number from 0 to 65535"),
                format!("validate unique exposed ports: {problem}"),
                "write the port as a number from 0 to 65535, optionally followed by /tcp or /udp",
            ));
            continue;
        }
        if let Ok(number) = number.trim().parse::<u16>() {
            add(
                number,
                Some(&sidecar.name),
                Some(protocol.unwrap_or("tcp")),
                port.span,
                format!("sidecars.{}.port", sidecar.name),
                out,
            );
        }
    }
    if has_alb(s.ty)
        && let Some(Http::Rule(rule)) = c.http.as_ref().map(|h| &h.value)
        && let Some(tp) = &rule.target_port
    {
        add(
            tp.value,
            rule.target_container.as_ref().map(|t| t.value.as_str()),
            Some("tcp"),
            tp.span,
            "http.target_port".into(),
            out,
        );
    }
    for (i, listener) in c.nlb.iter().enumerate() {
        let Some(port) = &listener.port else { continue };
        let (number, protocol) = split_protocol(&port.value);
        if let Some(problem) = go_parse_uint16_error(number) {
            let listener = nlb_path(i);
            out.push(error(
                Rule::PortInvalid,
                port.span,
                format!("{}.port", nlb_path(i)),
                format!("`{number}` is not a port number from 0 to 65535"),
                format!("validate unique exposed ports: validate \"{listener}\": {problem}"),
                "write the port as a number from 0 to 65535, optionally followed by /tcp, /udp or /tls",
            ));
            continue;
        }
        let Ok(number) = number.trim().parse::<u16>() else {
            continue;
        };
        let target = listener
            .target_port
            .as_ref()
            .and_then(|t| u16::try_from(t.value).ok())
            .unwrap_or(number);
        let protocol = protocol.map(|p| {
            if p.eq_ignore_ascii_case("tls") {
                "tcp"
            } else {
                p
            }
        });
        add(
            target,
            listener.target_container.as_ref().map(|t| t.value.as_str()),
            Some(protocol.unwrap_or("tcp")),
            port.span,
            format!("{}.port", nlb_path(i)),
            out,
        );
    }
    if has_alb(s.ty)
        && let Some(port) = &c.image_port
    {
        add(
            port.value,
            Some(s.name),
            None,
            port.span,
            "image.port".into(),
            out,
        );
    }
}

/// Load balancers health-check over TCP: the port each ALB rule or NLB listener checks must not
/// be exposed as UDP. Copilot walks the ALB rule, then the listeners, and stops at the first: a
/// port checked by both (`image.port: 80` with `nlb.port: 80/udp`) is one error, reported where
/// the ALB checks it, with the UDP listener or sidecar as a secondary label.
pub(super) fn health_check_ports(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let index = exposed_ports(s.name, s.ty, s.config);
    // (port, where it is set, its path) of each health check, in Copilot's order.
    let mut checks: Vec<(Option<i64>, Span, String)> = Vec::new();
    if has_alb(s.ty)
        && let Some(Http::Rule(rule)) = s.config.http.as_ref().map(|h| &h.value)
    {
        checks.push(alb_health_port(rule, s));
    }
    if s.ty == WorkloadType::LoadBalancedWebService {
        for (i, listener) in s.config.nlb.iter().enumerate() {
            let base = nlb_path(i);
            let listener_port = listener.port.as_ref().and_then(|p| {
                let port = split_protocol(&p.value).0.trim().parse::<i64>().ok()?;
                Some((port, p.span, format!("{base}.port")))
            });
            let check = (listener.healthcheck_port.as_ref())
                .map(|p| (p.value, p.span, format!("{base}.healthcheck.port")))
                .or_else(|| {
                    (listener.target_port.as_ref())
                        .map(|p| (p.value, p.span, format!("{base}.target_port")))
                })
                .or(listener_port);
            checks.push(check.map_or_else(
                || (None, s.anchor, format!("{base}.port")),
                |(port, span, path)| (Some(port), span, path),
            ));
        }
    }
    let mut reported: Vec<u16> = Vec::new();
    for (port, span, path) in checks {
        let Some(port) = port.and_then(|p| u16::try_from(p).ok()) else {
            continue;
        };
        let Some(e) = index.iter().find(|e| e.port == port && e.protocol == "udp") else {
            continue;
        };
        if reported.contains(&port) {
            continue; // the same port, the same owner: Copilot's text would be the same
        }
        reported.push(port);
        let mut d = error(
            Rule::HealthCheckUdp,
            span,
            path,
            format!(
                "the load balancer health-checks port {port}, which `{}` exposes over UDP",
                e.container
            ),
            format!(
                "validate load balancer health check ports: container \"{}\" exposes port {port} using protocol udp invalid for health checks. Valid protocol is \"TCP\".",
                e.container
            ),
            "set `healthcheck.port` to a TCP port",
        );
        if let Some((udp_span, udp_path)) = udp_source(s, port).filter(|(at, _)| *at != span) {
            d = d.with_secondary(
                Label::new(String::new(), udp_span)
                    .with_path(udp_path)
                    .with_message(format!("port {port} is exposed over UDP here")),
            );
        }
        out.push(d);
    }
}

/// Where `port` is exposed over UDP: a sidecar's `port`, or an NLB listener's.
fn udp_source(s: &Subject<'_>, port: u16) -> Option<(Span, String)> {
    let udp = |spec: &str| parse_port_spec(spec).map(|(p, proto)| (p, proto == "udp"));
    let sidecar = s.config.sidecars.iter().find_map(|c| {
        let p = c.port.as_ref()?;
        (udp(&p.value)? == (port, true)).then(|| (p.span, format!("sidecars.{}.port", c.name)))
    });
    sidecar.or_else(|| {
        s.config.nlb.iter().enumerate().find_map(|(i, l)| {
            let p = l.port.as_ref()?;
            let (number, is_udp) = udp(&p.value)?;
            let target = (l.target_port.as_ref())
                .and_then(|t| u16::try_from(t.value).ok())
                .unwrap_or(number);
            (is_udp && target == port).then(|| (p.span, format!("{}.port", nlb_path(i))))
        })
    })
}

/// The port the ALB's main rule health-checks, where it is set, and its path.
fn alb_health_port(rule: &HttpRule, s: &Subject<'_>) -> (Option<i64>, Span, String) {
    if let Some(p) = &rule.healthcheck_port {
        return (Some(p.value), p.span, "http.healthcheck.port".into());
    }
    if let Some(p) = &rule.target_port {
        return (Some(i64::from(p.value)), p.span, "http.target_port".into());
    }
    let image = s.config.image_port.as_ref();
    (
        image.map(|p| i64::from(p.value)),
        image.map_or(s.anchor, |p| p.span),
        "image.port".into(),
    )
}

/// Go's `strconv.ParseUint(s, 10, 16)` error for a port written as text (`validateExposedPorts`
/// parses sidecar and NLB ports so): `None` when it parses.
fn go_parse_uint16_error(s: &str) -> Option<String> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        let fits =
            s.trim_start_matches('0').len() <= 5 && s.parse::<u32>().is_ok_and(|n| n <= 65535);
        return (!fits).then(|| format!("strconv.ParseUint: parsing {s:?}: value out of range"));
    }
    // Go quotes with `%q`; Rust's `{:?}` agrees on printable ASCII.
    Some(format!("strconv.ParseUint: parsing {s:?}: invalid syntax"))
}
