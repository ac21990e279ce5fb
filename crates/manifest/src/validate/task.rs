//! Task-level rules (spec §4.3 items 3 and 7, §4.4 item 4, §4.6, §4.7, §4.8): scaling that needs a
//! load balancer, variables and env files, a job's schedule and count, App Runner platforms, and a
//! Static Site's certificate and files.

use super::{Subject, error, items, text};
use crate::diagnostic::Diagnostic;
use crate::model::Http;
use crate::rules::Rule;

fn http_disabled(s: &Subject<'_>) -> bool {
    matches!(
        s.config.http.as_ref().map(|h| &h.value),
        Some(Http::Bool(false))
    )
}

fn request_scaling<'a>(s: &Subject<'a>) -> Option<&'a crate::syntax::Node> {
    s.get("count.requests")
        .or_else(|| s.get("count.response_time"))
}

pub(super) fn nlb_scaling(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(at) = request_scaling(s).filter(|_| http_disabled(s)) {
        out.push(error(
            Rule::ScalingNeedsAlb,
            at.span,
            "count.requests",
            "scaling on requests or response time needs the Application Load Balancer (`http`)"
                .into(),
            "scaling based on \"nlb\" requests or response time is not supported".into(),
            "scale on `cpu_percentage` or `memory_percentage`, or enable `http`",
        ));
    }
}

pub(super) fn backend_scaling(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(at) = request_scaling(s).filter(|_| s.config.http.is_none()) {
        out.push(error(
            Rule::ScalingNeedsAlb,
            at.span,
            "count.requests",
            "scaling on requests or response time needs an internal load balancer (`http`)".into(),
            "\"http\" must be specified if \"count.requests\" or \"count.response_time\" are specified".into(),
            "add `http.path`, or scale on `cpu_percentage` or `memory_percentage`",
        ));
    }
}

/// `variables` imported from CloudFormation need a name; env files need the `.env` extension.
pub(super) fn task_config(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(vars) = s
        .get("variables")
        .and_then(|v| s.doc.resolve(v))
        .and_then(|v| v.entries())
    {
        for e in vars {
            let Some(name) = text(s.doc, Some(&e.key)) else {
                continue;
            };
            if let Some(from) =
                super::get_in(s.doc, &e.value, "from_cfn").or_else(|| empty_from_cfn(s, &e.value))
                && text(s.doc, Some(from)).is_none_or(str::is_empty)
            {
                out.push(error(
                    Rule::VariableFromCfnEmpty,
                    from.span,
                    "variables.from_cfn",
                    format!("`variables.{name}.from_cfn` needs the name of a CloudFormation export"),
                    format!("validate \"{name}\" \"variables\": validate \"from_cfn\": name cannot be an empty string"),
                    "set `from_cfn` to an exported output's name",
                ));
            }
        }
    }
    env_file(s, s.get("env_file"), "", out);
    for sidecar in &s.config.sidecars {
        let node = s.get(&format!("sidecars.{}.env_file", sidecar.name));
        env_file(
            s,
            node,
            &format!("validate \"sidecars[{}]\": ", sidecar.name),
            out,
        );
    }
}

/// `from_cfn:` written with no value: present, but null.
fn empty_from_cfn<'a>(
    s: &Subject<'a>,
    value: &'a crate::syntax::Node,
) -> Option<&'a crate::syntax::Node> {
    let e = s.doc.get(value, "from_cfn")?;
    s.doc.is_null(&e.value).then_some(&e.value)
}

fn env_file(
    s: &Subject<'_>,
    node: Option<&crate::syntax::Node>,
    prefix: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(node) = node else { return };
    let Some(file) = text(s.doc, Some(node)) else {
        return;
    };
    if !file.ends_with(".env") {
        out.push(error(
            Rule::EnvFileExtension,
            node.span,
            "env_file",
            format!("`{file}` must end in `.env`"),
            format!("{prefix}environment file {file} must have a .env file extension"),
            "rename the file to end in `.env`",
        ));
    }
}

pub(super) fn job_count(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(count) = s.get("count").filter(|c| c.entries().is_some()) {
        out.push(error(
            Rule::JobCountAutoscaling,
            count.span,
            "count",
            "a Scheduled Job runs a fixed number of tasks: `count` cannot be a map".into(),
            "validate \"count\": cannot have autoscaling options for workloads of type 'Scheduled Job'".into(),
            "write `count: 1` (or another number)",
        ));
    }
}

pub(super) fn job_schedule(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if s.get("on.schedule").is_none() {
        out.push(error(
            Rule::JobScheduleRequired,
            s.get("on").map_or(s.anchor, |n| n.span),
            "on.schedule",
            "a Scheduled Job needs `on.schedule`".into(),
            "validate \"on\": \"schedule\" must be specified".into(),
            "for example `on: {schedule: \"@daily\"}` or a cron expression",
        ));
    }
}

/// An always-true condition in Copilot refuses any `platform` for App Runner (spec §4.7).
pub(super) fn rdws_platform(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(platform) = s.get("platform") else {
        return;
    };
    let windows = s
        .config
        .platform_os
        .as_ref()
        .is_some_and(|os| os.value.to_ascii_lowercase().starts_with("windows"));
    let copilot = if windows {
        "Windows is not supported for App Runner services"
    } else {
        "App Runner services can only build on amd64 and x86_64 architectures"
    };
    out.push(error(
        Rule::RdwsPlatform,
        platform.span,
        "platform",
        "Copilot refuses every `platform` for a Request-Driven Web Service, even linux/amd64"
            .into(),
        copilot.into(),
        "remove `platform`: App Runner builds for linux/amd64",
    ));
}

pub(super) fn static_site(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(cert) = s.get("http.certificate") {
        if s.get("http.alias").is_none() {
            out.push(error(
                Rule::StaticSiteCertificate,
                cert.span,
                "http.certificate",
                "a certificate needs the `alias` it is for".into(),
                "validate \"http\": \"alias\" must be specified if \"certificate\" is specified"
                    .into(),
                "add `http.alias` with the domain name",
            ));
        } else if let Some(arn) = text(s.doc, Some(cert))
            && let Some(problem) = arn_problem(arn)
        {
            out.push(error(
                Rule::StaticSiteCertificate,
                cert.span,
                "http.certificate",
                format!("`{arn}` is not an ARN"),
                format!("validate \"http\": parse cdn certificate: {problem}"),
                "use the certificate's ARN, `arn:aws:acm:us-east-1:ACCOUNT:certificate/ID`",
            ));
        } else if let Some(arn) = text(s.doc, Some(cert))
            && arn
                .split(':')
                .nth(3)
                .is_some_and(|region| region != "us-east-1")
        {
            out.push(error(
                Rule::StaticSiteCertificate,
                cert.span,
                "http.certificate",
                "CloudFront uses certificates from us-east-1 only".into(),
                "validate \"http\": cdn certificate must be in region us-east-1".into(),
                "import or request the certificate in us-east-1",
            ));
        }
    }
    for (i, file) in items(s.doc, s.get("files")).iter().enumerate() {
        if super::get_in(s.doc, file, "source").is_none() {
            out.push(error(
                Rule::StaticSiteSourceRequired,
                file.span,
                "files.source",
                format!("`files[{i}]` needs a `source`"),
                format!("validate \"files[{i}]\": \"source\" must be specified"),
                "set `source` to the local directory or file to upload",
            ));
        }
    }
}

/// `deployment.rolling` is `default` or `recreate` (any case).
pub(super) fn deployment(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(node) = s.get("deployment.rolling") else {
        return;
    };
    let Some(value) = text(s.doc, Some(node)) else {
        return;
    };
    if !value.eq_ignore_ascii_case("default") && !value.eq_ignore_ascii_case("recreate") {
        out.push(error(
            Rule::DeploymentRollingInvalid,
            node.span,
            "deployment.rolling",
            format!("`{value}` is not a rolling deployment strategy: use `default` or `recreate`"),
            format!("validate \"deployment\": invalid rolling deployment strategy {value}, must be one of default or recreate"),
            "use `default` or `recreate`",
        ));
    }
}

/// `image.depends_on` statuses; `storage.ephemeral` size; count range and percentages.
pub(super) fn container_settings(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(deps) = s.get("image.depends_on").and_then(|d| d.entries()) {
        for e in deps {
            let Some(status) = text(s.doc, Some(&e.value)) else {
                continue;
            };
            if !["START", "COMPLETE", "SUCCESS", "HEALTHY"]
                .contains(&status.to_ascii_uppercase().as_str())
            {
                out.push(error(
                    Rule::DependsOnStatusInvalid,
                    e.value.span,
                    "image.depends_on",
                    format!("`{status}` is not a container dependency status"),
                    "validate \"image\": validate \"depends_on\": container dependency status must be one of START, COMPLETE, SUCCESS or HEALTHY".into(),
                    "use START, COMPLETE, SUCCESS or HEALTHY",
                ));
                break;
            }
        }
    }
    if let Some(node) = s.get("storage.ephemeral")
        && let Some((crate::syntax::ResolvedScalar::Int(gib), _)) = s.doc.resolve_scalar(node)
        && !(20..=200).contains(&gib)
    {
        out.push(error(
            Rule::StorageEphemeralRange,
            node.span,
            "storage.ephemeral",
            format!("ephemeral storage of {gib} GiB is outside 20–200 GiB"),
            "validate \"storage\": validate \"ephemeral\": ephemeral storage must be between 20 GiB and 200 GiB".into(),
            "use a size from 20 to 200 (GiB)",
        ));
    }
    if let Some(range) = s.get("count.range")
        && let Some(value) = text(s.doc, Some(range))
        && !is_int_range(value)
    {
        out.push(error(
            Rule::CountRangeInvalid,
            range.span,
            "count.range",
            format!("`{value}` is not a range such as `1-10`"),
            format!("validate \"count\": validate \"range\": invalid range value {value}: valid format is ${{min}}-${{max}}"),
            "write the minimum and maximum task counts as `MIN-MAX`",
        ));
    }
    for key in ["cpu_percentage", "memory_percentage"] {
        let Some(node) = s.get(&format!("count.{key}")) else {
            continue;
        };
        let value = match s.doc.resolve_scalar(node) {
            Some((crate::syntax::ResolvedScalar::Int(v), _)) => v,
            _ => match super::get_in(s.doc, node, "value").and_then(|v| s.doc.resolve_scalar(v)) {
                Some((crate::syntax::ResolvedScalar::Int(v), _)) => v,
                _ => continue,
            },
        };
        if !(0..=100).contains(&value) {
            out.push(error(
                Rule::CountPercentageRange,
                node.span,
                "count.cpu_percentage",
                format!("`{key}` must be a percentage from 0 to 100, not {value}"),
                format!("validate \"count\": validate \"{key}\": percentage value {value} must be an integer from 0 to 100"),
                "use a whole number from 0 to 100",
            ));
        }
    }
}

/// Copilot's `^(\d+)-(\d+)$`.
fn is_int_range(s: &str) -> bool {
    s.split_once('-').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

/// Copilot's own task definition fields cannot be overridden.
pub(super) fn taskdef_overrides(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for (i, rule) in items(s.doc, s.get("taskdef_overrides")).iter().enumerate() {
        let Some(path) = super::get_in(s.doc, rule, "path") else {
            continue;
        };
        let Some(value) = text(s.doc, Some(path)) else {
            continue;
        };
        let refused = if value == "Family" {
            Some("Family")
        } else if value
            .strip_prefix("ContainerDefinitions[")
            .and_then(|r| r.split_once("].Name"))
            .is_some_and(|(n, rest)| {
                rest.is_empty() && !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())
            })
        {
            Some("ContainerDefinitions\\[\\d+\\].Name")
        } else {
            None
        };
        if let Some(pattern) = refused {
            out.push(error(
                Rule::TaskdefOverrideRefused,
                path.span,
                "taskdef_overrides.path",
                format!("`{value}` is set by Copilot and cannot be overridden"),
                format!("validate \"taskdef_overrides[{i}]\": \"{pattern}\" cannot be overridden with a custom value"),
                "override another field, or rename the service instead",
            ));
        }
    }
}

/// NLB aliases cannot name a hosted zone.
pub(super) fn nlb_aliases(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for alias in items(s.doc, s.get("nlb.alias")) {
        if let Some(zone) = super::get_in(s.doc, alias, "hosted_zone") {
            out.push(error(
                Rule::NlbHostedZone,
                zone.span,
                "nlb.alias.hosted_zone",
                "a Network Load Balancer alias cannot name a hosted zone".into(),
                "validate \"nlb\": \"hosted_zone\" is not supported for Network Load Balancer".into(),
                "remove `hosted_zone`; Copilot creates NLB records in the application's hosted zone",
            ));
        }
    }
}

/// Request-Driven Web Services trace with AWS X-Ray only.
pub(super) fn rdws_tracing(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(node) = s.get("observability.tracing") else {
        return;
    };
    let Some(vendor) = text(s.doc, Some(node)) else {
        return;
    };
    if !vendor.eq_ignore_ascii_case("awsxray") {
        out.push(error(
            Rule::TracingVendorInvalid,
            node.span,
            "observability.tracing",
            format!("`{vendor}` is not a tracing vendor: use `awsxray`"),
            format!("validate \"observability\": invalid tracing vendor {vendor}: the valid vendor is awsxray"),
            "use `tracing: awsxray`",
        ));
    }
}

/// aws-sdk-go's `arn.Parse`: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, with a partition,
/// a service and a resource.
fn arn_problem(arn: &str) -> Option<&'static str> {
    if !arn.starts_with("arn:") {
        return Some("arn: invalid prefix");
    }
    let sections: Vec<&str> = arn.splitn(6, ':').collect();
    match sections.as_slice() {
        [_, partition, service, _, _, resource] => {
            if partition.is_empty() {
                Some("arn: invalid partition")
            } else if service.is_empty() {
                Some("arn: invalid service")
            } else if resource.is_empty() {
                Some("arn: invalid resource")
            } else {
                None
            }
        }
        _ => Some("arn: not enough sections"),
    }
}
