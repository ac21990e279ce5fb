//! Task-level rules (spec §4.3 items 3 and 7, §4.4 item 4, §4.6, §4.7, §4.8): scaling that needs a
//! load balancer, variables and env files, a job's schedule and count, App Runner platforms, and a
//! Static Site's certificate and files.

use super::containers::{depends_on_path, valid_status};
use super::{Subject, error};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::settings::Range;
use crate::model::{Http, Spanned};
use crate::rules::Rule;

fn http_disabled(s: &Subject<'_>) -> bool {
    matches!(
        s.config.http.as_ref().map(|h| &h.value),
        Some(Http::Bool(false))
    )
}

/// Where request-based scaling is set, and its path.
fn request_scaling(s: &Subject<'_>) -> Option<(Span, &'static str)> {
    let count = s.config.settings.count.as_ref()?;
    (count.requests.map(|r| (r, "count.requests")))
        .or(count.response_time.map(|r| (r, "count.response_time")))
}

pub(super) fn nlb_scaling(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some((at, path)) = request_scaling(s).filter(|_| http_disabled(s)) {
        out.push(error(
            Rule::ScalingNeedsAlb,
            at,
            path,
            "scaling on requests or response time needs the Application Load Balancer (`http`)"
                .into(),
            "scaling based on \"nlb\" requests or response time is not supported".into(),
            "scale on `cpu_percentage` or `memory_percentage`, or enable `http`",
        ));
    }
}

pub(super) fn backend_scaling(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some((at, path)) = request_scaling(s).filter(|_| s.config.http.is_none()) {
        out.push(error(
            Rule::ScalingNeedsAlb,
            at,
            path,
            "scaling on requests or response time needs an internal load balancer (`http`)".into(),
            "\"http\" must be specified if \"count.requests\" or \"count.response_time\" are specified".into(),
            "add `http.path`, or scale on `cpu_percentage` or `memory_percentage`",
        ));
    }
}

/// `variables` imported from CloudFormation need a name; env files need the `.env` extension.
pub(super) fn task_config(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for var in &s.config.settings.variables {
        let name = &var.name;
        if let Some(from) = &var.from_cfn
            && from.value.as_deref().is_none_or(str::is_empty)
        {
            out.push(error(
                Rule::VariableFromCfnEmpty,
                from.span,
                format!("variables.{name}.from_cfn"),
                format!("`variables.{name}.from_cfn` needs the name of a CloudFormation export"),
                format!("validate \"{name}\" \"variables\": validate \"from_cfn\": name cannot be an empty string"),
                "set `from_cfn` to an exported output's name",
            ));
        }
    }
    env_file(s.config.settings.env_file.as_ref(), "", "env_file", out);
    // `Logging.validate`.
    env_file(
        s.config.settings.logging_env_file.as_ref(),
        "validate \"logging\": ",
        "logging.env_file",
        out,
    );
    for sidecar in &s.config.sidecars {
        env_file(
            sidecar.settings.env_file.as_ref(),
            &format!("validate \"sidecars[{}]\": ", sidecar.name),
            &format!("sidecars.{}.env_file", sidecar.name),
            out,
        );
    }
}

fn env_file(
    file: Option<&Spanned<Option<String>>>,
    prefix: &str,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some((file, span)) = file.and_then(|f| Some((f.value.as_deref()?, f.span))) else {
        return;
    };
    if !file.ends_with(".env") {
        out.push(error(
            Rule::EnvFileExtension,
            span,
            path,
            format!("`{file}` must end in `.env`"),
            format!("{prefix}environment file {file} must have a .env file extension"),
            "rename the file to end in `.env`",
        ));
    }
}

pub(super) fn job_count(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(count) = &s.config.settings.count {
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
    let on = s.config.settings.on.as_ref();
    if on.and_then(|o| o.schedule).is_none() {
        out.push(error(
            Rule::JobScheduleRequired,
            on.map_or(s.anchor, |o| o.span),
            "on.schedule",
            "a Scheduled Job needs `on.schedule`".into(),
            "validate \"on\": \"schedule\" must be specified".into(),
            "for example `on: {schedule: \"@daily\"}` or a cron expression",
        ));
    }
}

/// An always-true condition in Copilot refuses any `platform` for App Runner (spec §4.7).
pub(super) fn rdws_platform(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(platform) = &s.config.settings.platform else {
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
    let main = s.config.settings.http.as_ref().map(|h| &h.main);
    if let Some(cert) = main.and_then(|m| m.certificate.as_ref()) {
        if main.is_some_and(|m| m.alias.is_none()) {
            out.push(error(
                Rule::StaticSiteCertificate,
                cert.span,
                "http.certificate",
                "a certificate needs the `alias` it is for".into(),
                "validate \"http\": \"alias\" must be specified if \"certificate\" is specified"
                    .into(),
                "add `http.alias` with the domain name",
            ));
        } else if let Some(arn) = cert.value.as_deref()
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
        } else if let Some(arn) = cert.value.as_deref()
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
    for (i, file) in s.config.settings.files.iter().enumerate() {
        if file.source.is_none() {
            out.push(error(
                Rule::StaticSiteSourceRequired,
                file.span,
                format!("files[{i}].source"),
                format!("`files[{i}]` needs a `source`"),
                format!("validate \"files[{i}]\": \"source\" must be specified"),
                "set `source` to the local directory or file to upload",
            ));
        }
    }
}

/// `deployment.rolling` is `default` or `recreate` (any case).
pub(super) fn deployment(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(node) = &s.config.settings.deployment_rolling else {
        return;
    };
    let Some(value) = node.value.as_deref() else {
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
    let settings = &s.config.settings;
    for e in &settings.image_depends_on {
        let Some(status) = e.status.as_deref() else {
            continue;
        };
        if !valid_status(status) {
            out.push(error(
                Rule::DependsOnStatusInvalid,
                e.value_span,
                depends_on_path("image.depends_on", e),
                format!("`{status}` is not a container dependency status"),
                "validate \"image\": validate \"depends_on\": container dependency status must be one of START, COMPLETE, SUCCESS or HEALTHY".into(),
                "use START, COMPLETE, SUCCESS or HEALTHY",
            ));
            break;
        }
    }
    if let Some(node) = &settings.storage.ephemeral
        && !(20..=200).contains(&node.value)
    {
        let gib = node.value;
        out.push(error(
            Rule::StorageEphemeralRange,
            node.span,
            "storage.ephemeral",
            format!("ephemeral storage of {gib} GiB is outside 20–200 GiB"),
            "validate \"storage\": validate \"ephemeral\": ephemeral storage must be between 20 GiB and 200 GiB".into(),
            "use a size from 20 to 200 (GiB)",
        ));
    }
    let count = settings.count.as_ref();
    if let Some(range) = count.and_then(|c| c.range.as_ref())
        && let Range::Band(value) = &range.value
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
    let percentages = [
        (
            "cpu_percentage",
            count.and_then(|c| c.cpu_percentage.as_ref()),
        ),
        (
            "memory_percentage",
            count.and_then(|c| c.memory_percentage.as_ref()),
        ),
    ];
    for (key, node) in percentages {
        let Some((node, value)) = node.and_then(|n| Some((n, n.value?))) else {
            continue;
        };
        if !(0..=100).contains(&value) {
            out.push(error(
                Rule::CountPercentageRange,
                node.span,
                format!("count.{key}"),
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
    for (i, rule) in s.config.settings.taskdef_overrides.iter().enumerate() {
        let Some(path) = &rule.path else {
            continue;
        };
        let Some(value) = path.value.as_deref() else {
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
                format!("taskdef_overrides[{i}].path"),
                format!("`{value}` is set by Copilot and cannot be overridden"),
                format!("validate \"taskdef_overrides[{i}]\": \"{pattern}\" cannot be overridden with a custom value"),
                "override another field, or rename the service instead",
            ));
        }
    }
}

/// NLB aliases cannot name a hosted zone.
pub(super) fn nlb_aliases(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let zones = s
        .config
        .settings
        .nlb
        .as_ref()
        .map(|n| n.alias_hosted_zones.as_slice());
    for zone in zones.unwrap_or_default() {
        out.push(error(
            Rule::NlbHostedZone,
            *zone,
            "nlb.alias.hosted_zone",
            "a Network Load Balancer alias cannot name a hosted zone".into(),
            "validate \"nlb\": \"hosted_zone\" is not supported for Network Load Balancer".into(),
            "remove `hosted_zone`; Copilot creates NLB records in the application's hosted zone",
        ));
    }
}

/// Request-Driven Web Services trace with AWS X-Ray only.
pub(super) fn rdws_tracing(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(node) = &s.config.settings.tracing else {
        return;
    };
    let Some(vendor) = node.value.as_deref() else {
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
pub(super) fn arn_problem(arn: &str) -> Option<&'static str> {
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
