//! The load balancer's `http` rules (spec §4.3 items 2 and 6, §4.4 item 3), every message under
//! `validate "http": `, additional rules under `validate "additional_rules[i]": ` as well.

use super::{Subject, error, items, text};
use crate::diagnostic::Diagnostic;
use crate::model::{Http, WorkloadType};
use crate::rules::Rule;
use crate::syntax::{Document, Node, NodeKind};

/// Grace periods belong to the main rule only, and to one load balancer only.
pub(super) fn grace_periods(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for (list, label) in [
        ("http.additional_rules", "http.additional_rules"),
        ("nlb.additional_listeners", "nlb.additional_listeners"),
    ] {
        for (i, item) in items(s.doc, s.get(list)).iter().enumerate() {
            if let Some(gp) = super::get_in(s.doc, item, "healthcheck.grace_period") {
                out.push(error(
                    Rule::GracePeriodMisplaced,
                    gp.span,
                    "healthcheck.grace_period",
                    format!("`grace_period` applies to the main rule only, not to `{label}[{i}]`"),
                    format!(
                        "validate \"grace_period\": \"grace_period\" specified for \"{label}[{i}]\""
                    ),
                    "move it to the main rule's `healthcheck`",
                ));
            }
        }
    }
    if let (Some(_), Some(nlb)) = (
        s.get("http.healthcheck.grace_period"),
        s.get("nlb.healthcheck.grace_period"),
    ) {
        out.push(error(
            Rule::GracePeriodMisplaced,
            nlb.span,
            "nlb.healthcheck.grace_period",
            "set the health check grace period on `http` or on `nlb`, not both".into(),
            "validate \"grace_period\": must specify one, not both, of \"http.healthcheck.grace_period\" and \"nlb.healthcheck.grace_period\"".into(),
            "keep one of them",
        ));
    }
}

pub(super) fn rules(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if !matches!(
        s.config.http.as_ref().map(|h| &h.value),
        Some(Http::Rule(_))
    ) {
        return;
    }
    let Some(http) = s.get("http") else { return };
    // The main rule's `path` is `http-path-required`, checked with the image (types.rs) for LBWS.
    if s.ty == WorkloadType::BackendService && super::get_in(s.doc, http, "path").is_none() {
        out.push(error(
            Rule::HttpPathRequired,
            s.config.http.as_ref().map_or(s.anchor, |h| h.key_span),
            "http.path",
            "`http` needs a `path`".into(),
            "validate \"http\": \"path\" must be specified".into(),
            "add `path: '/'` under `http`",
        ));
    }
    rule(s.doc, http, "validate \"http\": ", true, out);
    for (i, extra) in items(s.doc, super::get_in(s.doc, http, "additional_rules"))
        .iter()
        .enumerate()
    {
        let prefix = format!("validate \"http\": validate \"additional_rules[{i}]\": ");
        if super::get_in(s.doc, extra, "path").is_none() {
            out.push(error(
                Rule::HttpPathRequired,
                extra.span,
                "http.additional_rules.path",
                format!("`http.additional_rules[{i}]` needs a `path`"),
                format!("{prefix}\"path\" must be specified"),
                "add `path:` to the rule",
            ));
        }
        rule(s.doc, extra, &prefix, false, out);
    }
}

/// The checks every ALB rule gets.
fn rule(doc: &Document, node: &Node, prefix: &str, main: bool, out: &mut Vec<Diagnostic>) {
    let get = |path: &str| super::get_in(doc, node, path);
    let aliases = alias_names(doc, get("alias"), prefix, out);
    let ips: Vec<&Node> = items(doc, get("allowed_source_ips")).iter().collect();
    for (i, ip) in ips.iter().enumerate() {
        let Some(value) = text(doc, Some(ip)) else {
            continue;
        };
        if !is_cidr(value) {
            out.push(error(
                Rule::HttpSourceIpInvalid,
                ip.span,
                "http.allowed_source_ips",
                format!("`{value}` is not a CIDR block such as `10.0.0.0/24`"),
                format!("{prefix}validate \"allowed_source_ips[{i}]\": parse IPNet {value}: invalid CIDR address: {value}"),
                "write an address and a prefix length, e.g. `192.0.2.0/24`",
            ));
        }
    }
    if let Some(version) = get("version")
        && let Some(v) = text(doc, Some(version))
        && !["grpc", "http1", "http2"].contains(&v.to_ascii_lowercase().as_str())
    {
        out.push(error(
            Rule::HttpVersionInvalid,
            version.span,
            "http.version",
            format!("`{v}` is not a protocol version: use grpc, http1 or http2"),
            format!("{prefix}\"version\" field value '{v}' must be one of GRPC, HTTP1 or HTTP2"),
            "use `grpc`, `http1` or `http2`",
        ));
    }
    if let Some(zone) = get("hosted_zone")
        && get("alias").is_none()
    {
        out.push(error(
            Rule::HttpHostedZoneWithoutAlias,
            zone.span,
            "http.hosted_zone",
            "`hosted_zone` needs an `alias` to create records for".into(),
            format!("{prefix}\"alias\" must be specified if \"hosted_zone\" is specified"),
            "add `alias:` with the domain name",
        ));
    }
    if aliases.len() + ips.len() >= 5 {
        let ip_texts: Vec<&str> = ips.iter().filter_map(|n| text(doc, Some(n))).collect();
        out.push(error(
            Rule::HttpTooManyConditions,
            get("alias").or(get("allowed_source_ips")).map_or(node.span, |n| n.span),
            "http.alias",
            format!("a listener rule allows at most four conditions; this one has {} aliases and {} source IPs", aliases.len(), ips.len()),
            format!("{prefix}validate condition values per listener rule: listener rule has more than five conditions [{}] [{}]", aliases.join(" "), ip_texts.join(" ")),
            "split the aliases or source IPs across rules",
        ));
    }
    if main
        && let (Some(_), Some(old)) = (
            get("target_container"),
            doc.get(node, "targetContainer")
                .filter(|e| !doc.is_null(&e.value)),
        )
    {
        out.push(error(
            Rule::HttpTargetContainerTwice,
            old.key.span,
            "http.targetContainer",
            "`targetContainer` is the deprecated spelling of `target_container`: set only one".into(),
            format!("{prefix}must specify one, not both, of \"target_container\" and \"targetContainer\""),
            "remove `targetContainer`",
        ));
    }
}

/// The alias names of a rule (`alias: a`, `alias: [a, b]` or `alias: [{name: a, hosted_zone: Z}]`);
/// map items without `name` are refused.
fn alias_names<'a>(
    doc: &'a Document,
    alias: Option<&'a Node>,
    prefix: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<&'a str> {
    let Some(alias) = alias.and_then(|a| doc.resolve(a)) else {
        return Vec::new();
    };
    match &alias.kind {
        NodeKind::Scalar(s) => vec![s.value.as_str()],
        NodeKind::Seq(list) => list
            .iter()
            .filter_map(|item| {
                let item = doc.resolve(item)?;
                if item.entries().is_some() {
                    let name = super::get_in(doc, item, "name")
                        .and_then(|n| doc.resolve(n))
                        .and_then(Node::text);
                    if name.is_none() {
                        out.push(error(
                            Rule::HttpAliasNameRequired,
                            item.span,
                            "http.alias.name",
                            "an alias written as a map needs `name`".into(),
                            format!("{prefix}validate \"alias\": \"name\" must be specified"),
                            "add `name:` with the domain name",
                        ));
                    }
                    name
                } else {
                    item.text()
                }
            })
            .collect(),
        NodeKind::Map(_) | NodeKind::Alias(_) => Vec::new(),
    }
}

/// Go's `net.ParseCIDR`: an IPv4 or IPv6 address, `/`, and a prefix length in range.
fn is_cidr(s: &str) -> bool {
    let Some((addr, bits)) = s.split_once('/') else {
        return false;
    };
    if bits.is_empty() || !bits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Ok(bits) = bits.parse::<u16>() else {
        return false;
    };
    match addr.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(_)) => bits <= 32,
        Ok(std::net::IpAddr::V6(_)) => bits <= 128,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cidrs() {
        for ok in ["10.0.0.0/24", "192.0.2.1/32", "::1/128", "0.0.0.0/0"] {
            assert!(super::is_cidr(ok), "{ok}");
        }
        assert!(
            super::is_cidr("10.0.0.0/08"),
            "Go's dtoi takes leading zeros"
        );
        for bad in [
            "10.0.0.0",
            "10.0.0.0/33",
            "10.0.0/8",
            "a/1",
            "10.0.0.0/+8",
            "10.0.0.0/",
        ] {
            assert!(!super::is_cidr(bad), "{bad}");
        }
    }
}
