//! Copilot's `validate_env.go` on a decoded environment manifest, in its order
//! (`EnvironmentConfig.validate`): network (VPC import vs customisation, subnets, imported and
//! adjusted VPC), observability and flow logs (no-ops upstream), HTTP public then private,
//! security-group rules, CDN, then the cross checks (ingress restricted to the CDN, CDN
//! certificates, internal ALB subnets). Copilot stops at the first failure; each step here
//! reports its first failure, so independent problems are all shown, each with the text Copilot
//! prints when it is the first. The texts leave out the CLI's prefix
//! (`validate environment manifest for "{env}": `), which the analysis adds.

use crate::diagnostic::{Diagnostic, Label, Span};
use crate::model::Spanned;
use crate::model::env::{
    Cdn, DeprecatedIngress, EnvConfig, Ports, PrivateHttp, PublicHttp, RestrictiveIngress,
    SecurityGroupRule, StringList, Subnet, Vpc,
};
use crate::rules::Rule;

/// A set of strings in first-seen order: Copilot's `map[string]struct{}`, for the handful of
/// subnets a manifest lists (a linear scan, no hashing or sorting code in the wasm).
#[derive(Default, PartialEq)]
struct Set<'a>(Vec<&'a str>);

impl<'a> Set<'a> {
    fn insert(&mut self, s: &'a str) {
        if !self.contains(s) {
            self.0.push(s);
        }
    }

    fn contains(&self, s: &str) -> bool {
        self.0.contains(&s)
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn same(&self, other: &Set<'_>) -> bool {
        self.len() == other.len() && self.0.iter().all(|s| other.contains(s))
    }
}

/// One refusal: where, what we say, and Copilot's text.
struct Refusal {
    rule: Rule,
    span: Span,
    path: String,
    message: String,
    copilot: String,
    help: Option<&'static str>,
}

impl Refusal {
    fn new(
        rule: Rule,
        span: Span,
        path: impl Into<String>,
        message: impl Into<String>,
        copilot: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            span,
            path: path.into(),
            message: message.into(),
            copilot: copilot.into(),
            help: None,
        }
    }

    fn help(mut self, help: &'static str) -> Self {
        self.help = Some(help);
        self
    }

    /// Copilot wraps an error once per function it passes through.
    fn wrap(mut self, prefix: &str) -> Self {
        self.copilot = format!("{prefix}{}", self.copilot);
        self
    }

    fn into_diagnostic(self) -> Diagnostic {
        Diagnostic::new(
            self.rule,
            Label::new(String::new(), self.span).with_path(self.path),
            self.message,
        )
        .with_copilot_error(self.copilot)
        .with_help_opt(self.help)
    }
}

type Step = Option<Refusal>;

/// Every rule of `validate_env.go`, in Copilot's order.
pub fn validate(c: &EnvConfig) -> Vec<Diagnostic> {
    let steps: [Step; 8] = [
        vpc(c).map(|r| r.wrap("validate \"network\": validate \"vpc\": ")),
        // `environmentObservability.validate` and `VPCFlowLogsArgs.validate` are no-ops.
        public_http(&c.public).map(|r| r.wrap("validate \"http config\": validate \"public\": ")),
        private_http(&c.private)
            .map(|r| r.wrap("validate \"http config\": validate \"private\": ")),
        security_group(&c.vpc).map(|r| r.wrap("validate \"security_group\": ")),
        cdn(&c.cdn).map(|r| r.wrap("validate \"cdn\": ")),
        restricted_to_cdn(c),
        cdn_certificates(c),
        internal_alb_subnets(c),
    ];
    steps
        .into_iter()
        .flatten()
        .map(Refusal::into_diagnostic)
        .collect()
}

fn or_anchor(span: Option<Span>, anchor: Span) -> Span {
    span.unwrap_or(anchor)
}

/// `environmentVPCConfig.validate`.
fn vpc(c: &EnvConfig) -> Step {
    let v = &c.vpc;
    if v.imported() && v.customized() {
        let span = v.cidr.as_ref().map_or(c.anchor, |s| s.key_span);
        return Some(
            Refusal::new(
                Rule::EnvVpcImportAndCustomize,
                span,
                "network.vpc.cidr",
                "`network.vpc.id` imports a VPC, so `network.vpc.cidr` cannot customise the managed one",
                "cannot import VPC resources (with \"id\" fields) and customize VPC resources (with \"cidr\" and \"az\" fields) at the same time",
            )
            .help("import the VPC (`id` and subnet `id`s) or adjust Copilot's VPC (`cidr`, subnet `cidr` and `az`), not both"),
        );
    }
    if let Some(r) = subnet_fields(v) {
        return Some(r.wrap("validate \"subnets\": "));
    }
    if v.imported()
        && let Some(r) = imported_vpc(c)
    {
        return Some(r.wrap("validate \"subnets\" for an imported VPC: "));
    }
    if v.customized()
        && let Some(r) = adjusted_vpc(c)
    {
        return Some(r.wrap("validate \"subnets\" for an adjusted VPC: "));
    }
    None
}

fn subnet_lists(v: &Vpc) -> [(&'static str, &[Subnet]); 2] {
    [("public", &v.public), ("private", &v.private)]
}

/// `subnetsConfiguration.validate` / `subnetConfiguration.validate`.
fn subnet_fields(v: &Vpc) -> Step {
    for (side, subnets) in subnet_lists(v) {
        for (i, s) in subnets.iter().enumerate() {
            let other = match (&s.id, &s.cidr, &s.az) {
                (Some(_), Some(cidr), _) => Some(("cidr", cidr)),
                (Some(_), None, Some(az)) => Some(("az", az)),
                _ => None,
            };
            if let Some((field, value)) = other {
                return Some(
                    Refusal::new(
                        Rule::EnvSubnetIdExclusive,
                        value.key_span,
                        format!("network.vpc.subnets.{side}[{i}].{field}"),
                        format!("an imported subnet (`id`) cannot also set `{field}`"),
                        format!(
                            "validate \"{side}[{i}]\": must specify one, not both, of \"id\" and \"{field}\""
                        ),
                    )
                    .help("keep `id` to import the subnet, or `cidr` and `az` to have Copilot create it"),
                );
            }
        }
    }
    None
}

/// `environmentVPCConfig.validateImportedVPC`.
fn imported_vpc(c: &EnvConfig) -> Step {
    let v = &c.vpc;
    for (side, subnets) in subnet_lists(v) {
        for (i, s) in subnets.iter().enumerate() {
            if s.id.as_ref().is_none_or(|id| id.value.is_empty()) {
                return Some(Refusal::new(
                    Rule::EnvImportedVpcSubnets,
                    s.span,
                    format!("network.vpc.subnets.{side}[{i}].id"),
                    format!("every subnet of an imported VPC needs an `id`: {side}[{i}] has none"),
                    format!("validate {side}[{i}]: \"id\" must be specified"),
                ));
            }
        }
    }
    let anchor = v.key.unwrap_or(c.anchor);
    if v.public.is_empty() && v.private.is_empty() {
        return Some(Refusal::new(
            Rule::EnvImportedVpcSubnets,
            or_anchor(v.subnets_key, anchor),
            "network.vpc.subnets",
            "an imported VPC needs its subnets listed under `network.vpc.subnets`",
            "VPC must have subnets in order to proceed with environment creation",
        ));
    }
    if v.public.len() == 1 {
        return Some(
            Refusal::new(
                Rule::EnvImportedVpcSubnets,
                or_anchor(v.public_key, anchor),
                "network.vpc.subnets.public",
                "one public subnet is imported: a load balancer needs at least two",
                "validate \"public\": at least two public subnets must be imported to enable Load Balancing",
            )
            .help("import a second public subnet in another availability zone"),
        );
    }
    if v.private.len() == 1 {
        return Some(
            Refusal::new(
                Rule::EnvImportedVpcSubnets,
                or_anchor(v.private_key, anchor),
                "network.vpc.subnets.private",
                "one private subnet is imported: Copilot needs at least two",
                "validate \"private\": at least two private subnets must be imported",
            )
            .help("import a second private subnet in another availability zone"),
        );
    }
    None
}

/// `environmentVPCConfig.validateManagedVPC`.
fn adjusted_vpc(c: &EnvConfig) -> Step {
    let v = &c.vpc;
    let mut azs: [Set<'_>; 2] = [Set::default(), Set::default()];
    let mut cidrs: [Set<'_>; 2] = [Set::default(), Set::default()];
    for ((side, subnets), (azs, cidrs)) in subnet_lists(v)
        .into_iter()
        .zip(azs.iter_mut().zip(cidrs.iter_mut()))
    {
        for (i, s) in subnets.iter().enumerate() {
            let Some(cidr) = s.cidr.as_ref().filter(|c| !c.value.is_empty()) else {
                return Some(Refusal::new(
                    Rule::EnvAdjustedVpcSubnets,
                    s.span,
                    format!("network.vpc.subnets.{side}[{i}].cidr"),
                    format!("every subnet of an adjusted VPC needs a `cidr`: {side}[{i}] has none"),
                    format!("validate {side}[{i}]: \"cidr\" must be specified"),
                ));
            };
            cidrs.insert(&cidr.value);
            if let Some(az) = s.az.as_ref().filter(|a| !a.value.is_empty()) {
                azs.insert(&az.value);
            }
        }
    }
    let [public_azs, private_azs] = &azs;
    let [public_cidrs, private_cidrs] = &cidrs;
    let anchor = v.key.unwrap_or(c.anchor);
    let subnets = or_anchor(v.subnets_key, anchor);
    if !public_azs.same(private_azs) {
        return Some(
            Refusal::new(
                Rule::EnvAdjustedVpcSubnets,
                subnets,
                "network.vpc.subnets",
                format!(
                    "the public subnets' availability zones ({}) differ from the private subnets' ({})",
                    list(public_azs),
                    list(private_azs)
                ),
                "public subnets and private subnets do not span the same availability zones",
            )
            .help("give every public and private subnet an `az`, the same set of zones on both sides"),
        );
    }
    let n = public_azs.len();
    if n == 0 {
        return None;
    }
    if n < 2 {
        return Some(Refusal::new(
            Rule::EnvAdjustedVpcSubnets,
            subnets,
            "network.vpc.subnets",
            "the subnets span one availability zone: Copilot needs at least two",
            "require at least 2 availability zones",
        ));
    }
    for (side, set, key) in [
        ("public", public_cidrs, v.public_key),
        ("private", private_cidrs, v.private_key),
    ] {
        if set.len() != n {
            return Some(Refusal::new(
                Rule::EnvAdjustedVpcSubnets,
                or_anchor(key, subnets),
                format!("network.vpc.subnets.{side}"),
                format!(
                    "{} distinct {side} subnet CIDRs for {n} availability zones: give one per zone",
                    set.len()
                ),
                format!(
                    "validate \"{side}\": number of {side} subnet CIDRs ({}) does not match number of AZs ({n})",
                    set.len()
                ),
            ));
        }
    }
    None
}

fn list(set: &Set<'_>) -> String {
    if set.0.is_empty() {
        "none".into()
    } else {
        set.0.join(", ")
    }
}

/// Both ingress forms at once (`errSpecifiedBothIngressFields`).
fn both_ingress(side: &str, deprecated: &DeprecatedIngress, new_key: Option<Span>) -> Refusal {
    let span = new_key.or(deprecated.key).unwrap_or_default();
    Refusal::new(
        Rule::EnvAlbIngressInvalid,
        span,
        format!("http.{side}.ingress"),
        format!(
            "`http.{side}.security_groups.ingress` (deprecated) and `http.{side}.ingress` are both set"
        ),
        format!(
            "must specify one, not both, of \"{side}.http.security_groups.ingress\" and \"{side}.http.ingress\""
        ),
    )
    .help("move the settings to `ingress` and remove `security_groups`")
}

/// `certificates[i]` must parse as an ARN.
fn certificates(list: Option<&StringList>, side: &str) -> Step {
    for (i, cert) in list.into_iter().flat_map(|l| l.value.iter()).enumerate() {
        if let Some(problem) = super::task::arn_problem(&cert.value) {
            return Some(
                Refusal::new(
                    Rule::EnvCertificateArn,
                    cert.span,
                    format!("http.{side}.certificates[{i}]"),
                    format!("`{}` is not a certificate ARN ({problem})", cert.value),
                    format!("parse \"certificates[{i}]\": {problem}"),
                )
                .help("use the ACM certificate's ARN: arn:aws:acm:REGION:ACCOUNT:certificate/ID"),
            );
        }
    }
    None
}

/// `RestrictiveIngress.validate`: each source IP is a CIDR (`IPNet.validate`).
fn source_ips(ingress: &RestrictiveIngress, path: &str) -> Step {
    for (i, ip) in ingress.source_ips.iter().enumerate() {
        if !super::http::is_cidr(&ip.value) {
            return Some(
                Refusal::new(
                    Rule::EnvAlbIngressInvalid,
                    ip.span,
                    format!("{path}.source_ips[{i}]"),
                    format!("`{}` is not a CIDR block", ip.value),
                    format!("parse IPNet {v}: invalid CIDR address: {v}", v = ip.value),
                )
                .help("write an address with its prefix length, such as `192.0.2.0/24`"),
            );
        }
    }
    None
}

/// `PublicHTTPConfig.validate`.
fn public_http(p: &PublicHttp) -> Step {
    if !p.deprecated.is_empty() && !p.ingress.is_empty() {
        return Some(both_ingress("public", &p.deprecated, p.ingress.key));
    }
    if let Some(r) = certificates(p.certificates.as_ref(), "public") {
        return Some(r);
    }
    if let Some(from_vpc) = &p.deprecated.from_vpc {
        return Some(
            Refusal::new(
                Rule::EnvAlbIngressInvalid,
                from_vpc.key_span,
                "http.public.security_groups.ingress.from_vpc",
                "`from_vpc` has no meaning on the public load balancer",
                "a public load balancer already allows vpc ingress",
            )
            .help("remove it; `http.private.ingress.vpc` is the setting for the internal load balancer"),
        );
    }
    // `ELBAccessLogsArgs.validate` is a no-op.
    if !p.deprecated.is_empty()
        && let Some(r) = source_ips(
            &p.deprecated.restrict_to,
            "http.public.security_groups.ingress.restrict_to",
        )
    {
        return Some(r);
    }
    source_ips(&p.ingress, "http.public.ingress")
}

/// `privateHTTPConfig.validate`.
fn private_http(p: &PrivateHttp) -> Step {
    if !p.deprecated.is_empty() && p.ingress_vpc.is_some() {
        return Some(both_ingress("private", &p.deprecated, p.ingress_key));
    }
    if let Some(r) = certificates(p.certificates.as_ref(), "private") {
        return Some(r);
    }
    if !p.deprecated.restrict_to.is_empty() {
        return Some(
            Refusal::new(
                Rule::EnvAlbIngressInvalid,
                p.deprecated.restrict_to.key.unwrap_or_default(),
                "http.private.security_groups.ingress.restrict_to",
                "`restrict_to` cannot apply to the internal load balancer",
                "an internal load balancer cannot have restrictive ingress fields",
            )
            .help("remove it; the internal load balancer accepts `ingress.vpc` only"),
        );
    }
    // The deprecated block's own validation checks only `restrict_to`, refused above, and
    // `RelaxedIngress.validate` is a no-op.
    None
}

/// `securityGroupConfig.validate`: every ingress rule, then every egress rule.
fn security_group(v: &Vpc) -> Step {
    for (side, rules) in [("ingress", &v.ingress), ("egress", &v.egress)] {
        for (i, rule) in rules.iter().enumerate() {
            if let Some(r) = sg_rule(rule, &format!("network.vpc.security_group.{side}[{i}]")) {
                return Some(r.wrap(&format!("validate {side}[{i}]: ")));
            }
        }
    }
    None
}

fn empty(s: Option<&Spanned<String>>) -> bool {
    s.is_none_or(|s| s.value.is_empty())
}

/// `securityGroupRule.validate` and `portsConfig.validate`.
fn sg_rule(rule: &SecurityGroupRule, path: &str) -> Step {
    for (field, value) in [("cidr", &rule.cidr), ("ip_protocol", &rule.ip_protocol)] {
        if empty(value.as_ref()) {
            return Some(Refusal::new(
                Rule::EnvSecurityGroupRule,
                rule.span,
                format!("{path}.{field}"),
                format!("a security group rule needs `{field}`"),
                format!("\"{field}\" must be specified"),
            ));
        }
    }
    let Some(ports) = &rule.ports else {
        return Some(
            Refusal::new(
                Rule::EnvSecurityGroupRule,
                rule.span,
                format!("{path}.ports"),
                "a security group rule needs `ports`",
                "\"ports\" must be specified",
            )
            .help("a port (`80`) or a range (`8000-8080`)"),
        );
    };
    let Ports::Range(range) = &ports.value else {
        return None;
    };
    let problem = range_problem(range)?;
    Some(
        Refusal::new(
            Rule::EnvSecurityGroupRule,
            ports.span,
            format!("{path}.ports"),
            if problem.starts_with("min value") {
                format!("the port range `{range}` starts after it ends")
            } else {
                format!("`{range}` is not a port or a port range `FROM-TO`")
            },
            problem,
        )
        .help("a port (`80`, unquoted) or a range (`8000-8080`) with FROM ≤ TO"),
    )
}

/// `IntRangeBand.validate` as `portsConfig.validate` reports it: `^(\d+)-(\d+)$`, each side an
/// `int` (`strconv.Atoi`), from ≤ to.
fn range_problem(range: &str) -> Option<String> {
    let invalid =
        || format!("invalid range value {range}: valid format is ${{from_port}}-${{to_port}}");
    let Some((from, to)) = range.split_once('-') else {
        return Some(invalid());
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(from) || !digits(to) {
        return Some(invalid());
    }
    let atoi = |s: &str| {
        s.parse::<i64>()
            .map_err(|_| format!("strconv.Atoi: parsing \"{s}\": value out of range"))
    };
    let (from, to) = match (atoi(from), atoi(to)) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(e), _) | (_, Err(e)) => return Some(e),
    };
    (from > to).then(|| format!("min value {from} cannot be greater than max value {to}"))
}

/// `EnvironmentCDNConfig.validate` / `AdvancedCDNConfig.validate` / `CDNStaticConfig.validate`.
fn cdn(cdn: &Cdn) -> Step {
    if cdn.config_is_empty() {
        return None;
    }
    if let Some(cert) = &cdn.certificate {
        if let Some(problem) = super::task::arn_problem(&cert.value) {
            return Some(
                Refusal::new(
                    Rule::EnvCdnInvalid,
                    cert.span,
                    "cdn.certificate",
                    format!("`{}` is not a certificate ARN ({problem})", cert.value),
                    format!("parse cdn certificate: {problem}"),
                )
                .help("use the ACM certificate's ARN, in us-east-1"),
            );
        }
        let region = cert.value.split(':').nth(3).unwrap_or_default();
        if region != "us-east-1" {
            return Some(
                Refusal::new(
                    Rule::EnvCdnInvalid,
                    cert.span,
                    "cdn.certificate",
                    format!("the CDN certificate is in `{region}`: CloudFront accepts only us-east-1"),
                    "cdn certificate must be in region us-east-1",
                )
                .help("create a duplicate of the certificate in us-east-1 with AWS Certificate Manager"),
            );
        }
    }
    if cdn.static_is_empty() {
        return None;
    }
    for (field, value) in [
        ("alias", &cdn.alias),
        ("location", &cdn.location),
        ("path", &cdn.path),
    ] {
        if empty(value.as_ref()) {
            return Some(
                Refusal::new(
                    Rule::EnvCdnInvalid,
                    cdn.static_key.unwrap_or_default(),
                    format!("cdn.static_assets.{field}"),
                    format!("`cdn.static_assets` needs `{field}`"),
                    format!("validate \"static_assets\": \"{field}\" must be specified"),
                )
                .help("static assets need all of `location`, `alias` and `path`"),
            );
        }
    }
    None
}

/// `IsPublicLBIngressRestrictedToCDN` without `CDNEnabled`.
fn restricted_to_cdn(c: &EnvConfig) -> Step {
    let flag = if c.public.ingress.is_empty() {
        c.public.deprecated.restrict_to.cdn.as_ref()
    } else {
        c.public.ingress.cdn.as_ref()
    };
    let flag = flag.filter(|f| f.value)?;
    if c.cdn.enabled() {
        return None;
    }
    let path = if c.public.ingress.is_empty() {
        "http.public.security_groups.ingress.restrict_to.cdn"
    } else {
        "http.public.ingress.cdn"
    };
    Some(
        Refusal::new(
            Rule::EnvCdnRequired,
            flag.key_span,
            path,
            "ingress is restricted to the CDN, but `cdn` is not enabled",
            "CDN must be enabled to limit security group ingress to CloudFront",
        )
        .help("add `cdn: true` (or a `cdn` map) to the environment manifest"),
    )
}

/// The certificate checks of `EnvironmentConfig.validate` once the CDN is enabled.
fn cdn_certificates(c: &EnvConfig) -> Step {
    if !c.cdn.enabled() {
        return None;
    }
    match (&c.public.certificates, &c.cdn.certificate) {
        (None, Some(cert)) if c.cdn.terminate_tls.as_ref().is_none_or(|t| !t.value) => Some(
            Refusal::new(
                Rule::EnvCdnRequired,
                cert.key_span,
                "cdn.terminate_tls",
                "`cdn.certificate` without `http.public.certificates` needs `cdn.terminate_tls: true`",
                "\"cdn.terminate_tls\" must be true if \"cdn.certificate\" is set without \"http.public.certificates\"",
            )
            .help("set `cdn.terminate_tls: true`, or import certificates for the load balancer"),
        ),
        (Some(certs), None) => Some(
            Refusal::new(
                Rule::EnvCdnRequired,
                c.cdn.key.unwrap_or(certs.key_span),
                "cdn.certificate",
                "the load balancer has certificates, so the CDN needs `cdn.certificate`",
                "\"cdn.certificate\" must be specified if \"http.public.certificates\" and \"cdn\" are specified",
            )
            .help("add `cdn.certificate` with a certificate in us-east-1"),
        ),
        _ => None,
    }
}

/// `http.private.subnets`: an imported VPC, and each subnet one of its subnets
/// (`validateInternalALBSubnets`).
fn internal_alb_subnets(c: &EnvConfig) -> Step {
    let placement = c.private.subnets.as_ref()?;
    if !c.vpc.imported() {
        return Some(
            Refusal::new(
                Rule::EnvInternalAlbSubnets,
                placement.key_span,
                "http.private.subnets",
                "internal load balancer subnets need an imported VPC (`network.vpc.id`)",
                "in order to specify internal ALB subnet placement, subnets must be imported",
            )
            .help("import the VPC and its subnets under `network.vpc`, or remove `http.private.subnets`"),
        );
    }
    let mut imported = Set::default();
    for s in c.vpc.private.iter().chain(&c.vpc.public) {
        if let Some(id) = &s.id {
            imported.insert(&id.value);
        }
    }
    let mut matched = Set::default();
    for s in &placement.value {
        if imported.contains(&s.value) {
            matched.insert(&s.value);
        }
    }
    if matched.len() == placement.value.len() {
        return None;
    }
    let culprit = placement
        .value
        .iter()
        .find(|s| !imported.contains(s.value.as_str()));
    let (span, message) = match culprit {
        Some(s) => (
            s.span,
            format!("`{}` is not one of the imported subnets", s.value),
        ),
        None => (
            placement.key_span,
            "a subnet is listed twice: Copilot counts each entry against the imported subnets"
                .to_string(),
        ),
    };
    Some(
        Refusal::new(
            Rule::EnvInternalAlbSubnets,
            span,
            "http.private.subnets",
            message,
            "subnet(s) specified for internal ALB placement not imported",
        )
        .help("list only subnet IDs from `network.vpc.subnets`, each once"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn port_ranges() {
        assert_eq!(super::range_problem("80-90"), None);
        assert_eq!(super::range_problem("0-0"), None);
        assert_eq!(
            super::range_problem("90-80").as_deref(),
            Some("min value 90 cannot be greater than max value 80")
        );
        for bad in ["80", "a-b", "-1-2", "1 - 2", "80-", "1-2-3"] {
            assert_eq!(
                super::range_problem(bad),
                Some(format!(
                    "invalid range value {bad}: valid format is ${{from_port}}-${{to_port}}"
                )),
                "{bad}"
            );
        }
        assert_eq!(
            super::range_problem("1-99999999999999999999").as_deref(),
            Some("strconv.Atoi: parsing \"99999999999999999999\": value out of range")
        );
    }
}
