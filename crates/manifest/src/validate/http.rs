//! The load balancer's `http` rules (spec §4.3 items 2 and 6, §4.4 item 3), every message under
//! `validate "http": `, additional rules under `validate "additional_rules[i]": ` as well.

use super::{Subject, error};
use crate::diagnostic::Diagnostic;
use crate::model::settings::{AlbRule, AliasName};
use crate::model::{Http, WorkloadType};
use crate::rules::Rule;

/// Grace periods belong to the main rule only, and to one load balancer only.
pub(super) fn grace_periods(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let settings = &s.config.settings;
    let http = settings.http.as_ref();
    let nlb = settings.nlb.as_ref();
    let extra_rules = http.map(|h| h.additional.iter().map(|r| r.grace_period).collect());
    let extra_listeners = nlb.map(|n| n.additional_grace_periods.clone());
    for (periods, label) in [
        (extra_rules, "http.additional_rules"),
        (extra_listeners, "nlb.additional_listeners"),
    ] {
        let periods: Vec<_> = periods.unwrap_or_default();
        for (i, gp) in periods.iter().enumerate() {
            if let Some(gp) = gp {
                out.push(error(
                    Rule::GracePeriodMisplaced,
                    *gp,
                    format!("{label}[{i}].healthcheck.grace_period"),
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
        http.and_then(|h| h.main.grace_period),
        nlb.and_then(|n| n.grace_period),
    ) {
        out.push(error(
            Rule::GracePeriodMisplaced,
            nlb,
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
    let Some(http) = &s.config.settings.http else {
        return;
    };
    // The main rule's `path` is `http-path-required`, checked with the image (types.rs) for LBWS.
    if s.ty == WorkloadType::BackendService && http.main.path.is_none() {
        out.push(error(
            Rule::HttpPathRequired,
            s.config.http.as_ref().map_or(s.anchor, |h| h.key_span),
            "http.path",
            "`http` needs a `path`".into(),
            "validate \"http\": \"path\" must be specified".into(),
            "add `path: '/'` under `http`",
        ));
    }
    rule(&http.main, "validate \"http\": ", "http", true, out);
    for (i, extra) in http.additional.iter().enumerate() {
        let prefix = format!("validate \"http\": validate \"additional_rules[{i}]\": ");
        let base = format!("http.additional_rules[{i}]");
        if extra.path.is_none() {
            out.push(error(
                Rule::HttpPathRequired,
                extra.span,
                format!("{base}.path"),
                format!("`http.additional_rules[{i}]` needs a `path`"),
                format!("{prefix}\"path\" must be specified"),
                "add `path:` to the rule",
            ));
        }
        rule(extra, &prefix, &base, false, out);
    }
}

/// The checks every ALB rule gets; `base` is the rule's logical path (`http`,
/// `http.additional_rules[0]`).
fn rule(r: &AlbRule, prefix: &str, base: &str, main: bool, out: &mut Vec<Diagnostic>) {
    let aliases = alias_names(r, prefix, base, out);
    let ips = r
        .allowed_source_ips
        .as_ref()
        .map(|ips| ips.value.as_slice())
        .unwrap_or_default();
    for (i, ip) in ips.iter().enumerate() {
        let Some(value) = ip.text.as_deref() else {
            continue;
        };
        if !is_cidr(value) {
            out.push(error(
                Rule::HttpSourceIpInvalid,
                ip.span,
                format!("{base}.allowed_source_ips[{i}]"),
                format!("`{value}` is not a CIDR block such as `10.0.0.0/24`"),
                format!("{prefix}validate \"allowed_source_ips[{i}]\": parse IPNet {value}: invalid CIDR address: {value}"),
                "write an address and a prefix length, e.g. `192.0.2.0/24`",
            ));
        }
    }
    if let Some(version) = &r.version
        && let Some(v) = version.value.as_deref()
        && !["grpc", "http1", "http2"].contains(&v.to_ascii_lowercase().as_str())
    {
        out.push(error(
            Rule::HttpVersionInvalid,
            version.span,
            format!("{base}.version"),
            format!("`{v}` is not a protocol version: use grpc, http1 or http2"),
            format!("{prefix}\"version\" field value '{v}' must be one of GRPC, HTTP1 or HTTP2"),
            "use `grpc`, `http1` or `http2`",
        ));
    }
    if let Some(zone) = r.hosted_zone
        && r.alias.is_none()
    {
        out.push(error(
            Rule::HttpHostedZoneWithoutAlias,
            zone,
            format!("{base}.hosted_zone"),
            "`hosted_zone` needs an `alias` to create records for".into(),
            format!("{prefix}\"alias\" must be specified if \"hosted_zone\" is specified"),
            "add `alias:` with the domain name",
        ));
    }
    if aliases.len() + ips.len() >= 5 {
        let ip_texts: Vec<&str> = ips.iter().filter_map(|ip| ip.text.as_deref()).collect();
        let (at, path) = (r.alias.as_ref().map(|a| (a.span, format!("{base}.alias"))))
            .or(r
                .allowed_source_ips
                .as_ref()
                .map(|ips| (ips.span, format!("{base}.allowed_source_ips"))))
            .unwrap_or_else(|| (r.span, base.to_string()));
        out.push(error(
            Rule::HttpTooManyConditions,
            at,
            path,
            format!("a listener rule allows at most four conditions; this one has {} aliases and {} source IPs", aliases.len(), ips.len()),
            format!("{prefix}validate condition values per listener rule: listener rule has more than five conditions [{}] [{}]", aliases.join(" "), ip_texts.join(" ")),
            "split the aliases or source IPs across rules",
        ));
    }
    if main && let (Some(_), Some(old)) = (r.target_container, r.target_container_deprecated) {
        out.push(error(
            Rule::HttpTargetContainerTwice,
            old,
            format!("{base}.targetContainer"),
            "`targetContainer` is the deprecated spelling of `target_container`: set only one".into(),
            format!("{prefix}must specify one, not both, of \"target_container\" and \"targetContainer\""),
            "remove `targetContainer`",
        ));
    }
}

/// The alias names of a rule (`alias: a`, `alias: [a, b]` or `alias: [{name: a, hosted_zone: Z}]`);
/// map items without `name` are refused.
fn alias_names<'a>(
    r: &'a AlbRule,
    prefix: &str,
    base: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<&'a str> {
    let Some(alias) = &r.alias else {
        return Vec::new();
    };
    alias
        .value
        .iter()
        .filter_map(|name| match name {
            AliasName::Named(name) => Some(name.as_str()),
            AliasName::Unnamed(span) => {
                out.push(error(
                    Rule::HttpAliasNameRequired,
                    *span,
                    format!("{base}.alias.name"),
                    "an alias written as a map needs `name`".into(),
                    format!("{prefix}validate \"alias\": \"name\" must be specified"),
                    "add `name:` with the domain name",
                ));
                None
            }
        })
        .collect()
}

/// Go's `net.ParseCIDR`: an IPv4 or IPv6 address, `/`, and a prefix length in range.
pub(super) fn is_cidr(s: &str) -> bool {
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
