//! Rules that belong to one workload type: the image and `http` checks of a Load Balanced Web
//! Service, the alias rule of Backend and Worker Services, and what RDWS and Jobs ignore.

use super::{Finding, Subject};
use crate::diagnostic::Severity;
use crate::model::{Connect, Http, WorkloadType};

pub(super) fn lbws_image_and_http(s: &Subject<'_>, out: &mut Vec<Finding>) {
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
pub(super) fn alias_needs_port(s: &Subject<'_>, out: &mut Vec<Finding>) {
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

pub(super) fn rdws(s: &Subject<'_>, out: &mut Vec<Finding>) {
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

pub(super) fn job(s: &Subject<'_>, out: &mut Vec<Finding>) {
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
