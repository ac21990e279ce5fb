//! Cross-service checks Copilot never makes (spec §3.2, §4.9, §6.5): ECS or a client would fail
//! later, so these are warnings (or notes), never errors.

use super::Endpoints;
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::model::ports::parse_port_spec;
use crate::model::{Config, Connect, Http};
use crate::rules::Rule;

/// One service of an environment with what the checks need.
pub struct Member<'a> {
    /// The manifest's workspace path.
    pub file: &'a str,
    pub config: &'a Config,
    pub endpoints: &'a Endpoints,
    /// Where to point when the manifest has no better place (the `type` value).
    pub anchor: Span,
}

/// ECS's constraints on a client alias `dnsName`: ≤ 127 characters of lowercase letters, digits,
/// `_`, `-` and `.`, not starting with `-`.
pub fn invalid_alias(alias: &str) -> Option<String> {
    if alias.len() > 127 {
        return Some(format!(
            "it is {} characters long; ECS allows at most 127",
            alias.len()
        ));
    }
    if alias.starts_with('-') {
        return Some("it starts with `-`".into());
    }
    if let Some(c) = alias
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.')))
    {
        return Some(format!(
            "`{c}` is not allowed: use lowercase letters, digits, `_`, `-` and `.`"
        ));
    }
    None
}

/// Findings about the members, each pointing into its member's manifest.
pub fn check(members: &[Member<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let Some(sc) = &m.endpoints.report.service_connect else {
            continue;
        };
        let (Some(alias), true) = (sc.alias.as_deref(), sc.server) else {
            continue;
        };
        let span = alias_span(m);
        if let Some(why) = invalid_alias(alias) {
            out.push(warning(
                m,
                Rule::ConnectAliasInvalid,
                span,
                format!("ECS will reject the Service Connect alias `{alias}`: {why}"),
                "ECS validates the alias only at deploy time; Copilot does not check it",
            ));
        }
        let others: Vec<&Member<'_>> = members
            .iter()
            .enumerate()
            .filter(|(j, o)| {
                *j != i
                    && o.endpoints
                        .report
                        .service_connect
                        .as_ref()
                        .is_some_and(|s| s.server && s.alias.as_deref() == Some(alias))
            })
            .map(|(_, o)| o)
            .collect();
        if !others.is_empty() {
            let names_of: Vec<&str> = others
                .iter()
                .map(|o| o.endpoints.report.name.as_str())
                .collect();
            let mut d = warning(
                m,
                Rule::ConnectAliasCollision,
                span,
                format!(
                    "the Service Connect alias `{alias}` is also published by {}",
                    names(&names_of)
                ),
                "ECS refuses the second deployment: an alias must be unique in the environment's namespace",
            );
            for o in others {
                d = d.with_secondary(
                    Label::new(o.file, alias_span(o))
                        .with_path("network.connect.alias")
                        .with_message(format!(
                            "{} publishes `{alias}` too",
                            o.endpoints.report.name
                        )),
                );
            }
            out.push(d);
        }
    }
    out.extend(discovery_fallbacks(members));
    out.extend(port_notes(members));
    out
}

/// A client and a server where one side lacks `network.connect`: the pair still talks, but only
/// through Service Discovery, under a different name than the Service Connect one.
fn discovery_fallbacks(members: &[Member<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let sc_servers: Vec<&str> = members
        .iter()
        .filter(|m| {
            m.endpoints
                .report
                .service_connect
                .as_ref()
                .is_some_and(|s| s.server)
        })
        .map(|m| m.endpoints.report.name.as_str())
        .collect();
    let sc_clients = members.iter().filter(|m| m.endpoints.sc_client).count();
    for m in members {
        let e = m.endpoints;
        let name = e.report.name.as_str();
        let servers: Vec<&str> = sc_servers.iter().copied().filter(|s| *s != name).collect();
        if !e.sc_client
            && e.can_call_vpc
            && e.ty.is_ecs()
            && !servers.is_empty()
            && e.ty.joins_service_connect()
        {
            out.push(Diagnostic::new(Rule::ConnectOffClient, Label::new(m.file, m.config.connect.as_ref().map_or(m.anchor, |c| c.span)).with_path("network.connect"), format!(
                        "{name} has Service Connect off: it can reach {} only through Service Discovery names, not their Service Connect aliases",
                        names(&servers)
                    )).with_help("set `network.connect: true` so the Service Connect aliases resolve from this service"));
        }
        let registered_without_sc =
            e.report.service_discovery.registered && e.report.service_connect.is_none();
        if registered_without_sc
            && sc_clients > usize::from(e.sc_client)
            && e.ty.joins_service_connect()
        {
            let url = e
                .report
                .service_discovery
                .url
                .clone()
                .or_else(|| e.report.service_discovery.dns_name.clone())
                .unwrap_or_default();
            out.push(Diagnostic::new(Rule::ConnectOffServer, Label::new(m.file, m.config.connect.as_ref().map_or(m.anchor, |c| c.span)).with_path("network.connect"), format!("{name} has Service Connect off: Service Connect clients reach it only through Service Discovery at {url}")).with_help("set `network.connect: true` to publish a Service Connect alias"));
        }
    }
    out
}

/// A server on a port other than 80: its URLs must carry the port.
fn port_notes(members: &[Member<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in members {
        let r = &m.endpoints.report;
        let port = r
            .service_connect
            .as_ref()
            .and_then(|s| s.port)
            .or(r.service_discovery.port);
        let Some(port) = port.filter(|p| *p != 80) else {
            continue;
        };
        let url = r
            .service_connect
            .as_ref()
            .and_then(|s| s.url.clone())
            .or_else(|| r.service_discovery.url.clone())
            .unwrap_or_default();
        let (span, path) = port_source(m, port);
        out.push(Diagnostic::new(Rule::UrlNeedsPort, Label::new(m.file, span).with_path(path), format!("{} listens on port {port}: clients must dial {url}, with the port", r.name)).with_help("only port 80 may be left out of a URL (`http://api` works only for port-80 services)"));
    }
    out
}

/// Where the served `port` is written, as `network::target` picks it: `http.target_port`, else
/// the port of the sidecar `http.target_container` names, else `image.port`.
fn port_source(m: &Member<'_>, port: u16) -> (Span, String) {
    let rule = match m.config.http.as_ref().map(|h| &h.value) {
        Some(Http::Rule(rule)) => Some(rule),
        _ => None,
    };
    if let Some(tp) = rule.and_then(|r| r.target_port.as_ref()) {
        return (tp.span, "http.target_port".into());
    }
    let target = rule.and_then(|r| r.target_container.as_ref());
    let sidecar = target.and_then(|t| m.config.sidecars.iter().find(|c| c.name == t.value));
    if let Some((c, p)) = sidecar.and_then(|c| Some((c, c.port.as_ref()?)))
        && parse_port_spec(&p.value).is_some_and(|(number, _)| number == port)
    {
        return (p.span, format!("sidecars.{}.port", c.name));
    }
    (
        m.config.image_port.as_ref().map_or(m.anchor, |p| p.span),
        "image.port".into(),
    )
}

fn alias_span(m: &Member<'_>) -> Span {
    match m.config.connect.as_ref() {
        Some(c) if matches!(c.value, Connect::Alias(_)) => c.span,
        Some(c) => c.key_span,
        None => m.anchor,
    }
}

fn warning(
    m: &Member<'_>,
    rule: Rule,
    span: Span,
    message: String,
    help: &'static str,
) -> Diagnostic {
    Diagnostic::new(
        rule,
        Label::new(m.file, span).with_path("network.connect.alias"),
        message,
    )
    .with_help(help)
}

/// A readable list of names: the first three, then how many more.
fn names(list: &[&str]) -> String {
    match list {
        [a] => (*a).to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, c, rest @ ..] => format!("{a}, {b}, {c} and {} more", rest.len()),
        [] => String::new(),
    }
}
