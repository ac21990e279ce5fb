//! Copilot's semantic checks on the merged manifest of one environment (spec §4), in Copilot's
//! order per workload type, plus our own warnings where Copilot is silent. Copilot stops at the
//! first failure; we report every independent one, each with the text Copilot would print first.

use crate::diagnostic::{Severity, Span};
use crate::model::{Config, Connect, Http, WorkloadType};

/// A rule's finding before positions and the environment are attached.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub path: &'static str,
    pub message: String,
    /// Copilot's message, without the `validate manifest against environment` prefix.
    pub copilot: Option<String>,
    pub help: Option<&'static str>,
}

/// What the rules need besides the effective config.
pub struct Subject<'a> {
    pub ty: WorkloadType,
    pub config: &'a Config,
    pub name_present: bool,
    /// Where to point when the thing a rule wants is missing altogether (the `type` line).
    pub anchor: Span,
}

pub fn validate(s: &Subject<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    match s.ty {
        WorkloadType::LoadBalancedWebService => lbws(s, &mut out),
        WorkloadType::BackendService | WorkloadType::WorkerService => alias_needs_port(s, &mut out),
        WorkloadType::RequestDrivenWebService => rdws(s, &mut out),
        WorkloadType::ScheduledJob => job(s, &mut out),
        WorkloadType::StaticSite => {}
    }
    if !s.name_present {
        out.push(Finding {
            code: "name-required",
            severity: Severity::Error,
            span: s.anchor,
            path: "name",
            message: "the manifest has no `name`".into(),
            copilot: Some("\"name\" must be specified".into()),
            help: Some("add `name:` with the service's name; it becomes the default Service Connect alias and Service Discovery name"),
        });
    }
    out
}

fn lbws(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let c = s.config;
    if c.image.is_some() && c.image_build.is_none() && c.image_location.is_none() {
        out.push(Finding {
            code: "image-build-or-location",
            severity: Severity::Error,
            span: c.image.unwrap_or(s.anchor),
            path: "image",
            message: "`image` needs `build` or `location`".into(),
            copilot: Some(
                "validate \"image\": must specify one of \"build\" and \"location\"".into(),
            ),
            help: Some(
                "set `image.build` to a Dockerfile path or `image.location` to an image URI",
            ),
        });
    }
    if c.image_port.is_none() {
        out.push(Finding {
            code: "image-port-required",
            severity: Severity::Error,
            span: c.image.unwrap_or(s.anchor),
            path: "image.port",
            message: "a Load Balanced Web Service needs `image.port`".into(),
            copilot: Some("validate \"image\": \"port\" must be specified".into()),
            help: Some("set `image.port` to the port your container listens on"),
        });
    }
    match c.http.as_ref().map(|h| &h.value) {
        None => out.push(Finding {
            code: "http-required",
            severity: Severity::Error,
            span: s.anchor,
            path: "http",
            message: "a Load Balanced Web Service needs `http` (or `http: false` with `nlb`)"
                .into(),
            copilot: Some("\"http\" must be specified".into()),
            help: Some("add `http:` with `path: '/'`"),
        }),
        Some(Http::Rule(rule)) if rule.path.is_none() => out.push(Finding {
            code: "http-path-required",
            severity: Severity::Error,
            span: c.http.as_ref().map_or(s.anchor, |h| h.key_span),
            path: "http.path",
            message: "`http` needs a `path`".into(),
            copilot: Some("validate \"http\": \"path\" must be specified".into()),
            help: Some("add `path: '/'` under `http`"),
        }),
        _ => {}
    }
}

/// Backend (§4.4 item 7) and Worker (§4.5): an alias needs an exposed port.
fn alias_needs_port(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let c = s.config;
    let Some(connect) = &c.connect else { return };
    let Connect::Alias(_) = connect.value else {
        return;
    };
    let target_container = matches!(c.http.as_ref().map(|h| &h.value), Some(Http::Rule(r)) if r.target_container.is_some());
    let exposes =
        s.ty == WorkloadType::BackendService && (c.image_port.is_some() || target_container);
    if !exposes {
        let help = if s.ty == WorkloadType::WorkerService {
            "a Worker Service is a Service Connect client only: use `network.connect: true`"
        } else {
            "set `image.port`, or `http.target_container` to a sidecar that exposes a port; or use `network.connect: true` for a client only"
        };
        out.push(Finding {
            code: "connect-alias-without-port",
            severity: Severity::Error,
            span: connect.span,
            path: "network.connect.alias",
            message: "`network.connect.alias` needs an exposed port".into(),
            copilot: Some("cannot set \"network.connect.alias\" when no ports are exposed".into()),
            help: Some(help),
        });
    }
}

fn rdws(s: &Subject<'_>, out: &mut Vec<Finding>) {
    if s.config.image_port.is_none() {
        out.push(Finding {
            code: "image-port-required",
            severity: Severity::Error,
            span: s.config.image.unwrap_or(s.anchor),
            path: "image.port",
            message: "a Request-Driven Web Service needs `image.port`".into(),
            copilot: Some("validate \"image\": \"port\" must be specified".into()),
            help: Some("set `image.port` to the port your container listens on"),
        });
    }
    if let Some(key) = s.config.connect_key {
        out.push(Finding {
            code: "connect-unsupported",
            severity: Severity::Warning,
            span: key,
            path: "network.connect",
            message: "Request-Driven Web Services cannot use Service Connect: Copilot ignores `network.connect` here".into(),
            copilot: None,
            help: Some("App Runner services are reached through their own URL; to call private services, set `network.vpc.placement: private` for a VPC connector"),
        });
    }
}

fn job(s: &Subject<'_>, out: &mut Vec<Finding>) {
    if let Some(connect) = s.config.connect.as_ref().filter(|c| c.value.enabled()) {
        out.push(Finding {
            code: "connect-ignored",
            severity: Severity::Warning,
            span: connect.key_span,
            path: "network.connect",
            message: "Scheduled Jobs do not join Service Connect: Copilot accepts `network.connect` here but ignores it".into(),
            copilot: None,
            help: Some("a job reaches services through Service Discovery (`<svc>.<env>.<app>.local`)"),
        });
    }
}
