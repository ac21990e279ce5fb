//! Rules that belong to one workload type: the image and `http` checks of a Load Balanced Web
//! Service, the alias rule of Backend and Worker Services, and what RDWS and Jobs ignore.

use super::Subject;
use crate::diagnostic::{Diagnostic, Label};
use crate::model::{Connect, Http, WorkloadType};
use crate::rules::Rule;

/// Every workload with an image (all but Static Sites): `ImageLocationOrBuild.validate` in
/// Copilot's validate.go: one of `build` and `location` is required.
pub(super) fn image_location_or_build(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let c = s.config;
    // Both set is refused earlier, while decoding (`Image.UnmarshalYAML`).
    if c.image_build.is_some() || c.image_location.is_some() {
        return;
    }
    out.push(
        Diagnostic::new(
            Rule::ImageBuildOrLocation,
            Label::new(String::new(), c.image.unwrap_or(s.anchor)).with_path("image"),
            "`image` needs `build` or `location`",
        )
        .with_copilot_error("validate \"image\": must specify one of \"build\" and \"location\"")
        .with_help("set `image.build` to a Dockerfile path or `image.location` to an image URI"),
    );
}

pub(super) fn lbws_image_and_http(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let c = s.config;
    if c.image_port.is_none() {
        out.push(
            Diagnostic::new(
                Rule::ImagePortRequired,
                Label::new(String::new(), c.image.unwrap_or(s.anchor)).with_path("image.port"),
                "a Load Balanced Web Service needs `image.port`",
            )
            .with_copilot_error("validate \"image\": \"port\" must be specified")
            .with_help("set `image.port` to the port your container listens on"),
        );
    }
    match c.http.as_ref().map(|h| &h.value) {
        None => out.push(
            Diagnostic::new(
                Rule::HttpRequired,
                Label::new(String::new(), s.anchor).with_path("http"),
                "a Load Balanced Web Service needs `http` (or `http: false` with `nlb`)",
            )
            .with_copilot_error("\"http\" must be specified")
            .with_help("add `http:` with `path: '/'`"),
        ),
        Some(Http::Rule(rule)) if rule.path.is_none() => out.push(
            Diagnostic::new(
                Rule::HttpPathRequired,
                Label::new(
                    String::new(),
                    c.http.as_ref().map_or(s.anchor, |h| h.key_span),
                )
                .with_path("http.path"),
                "`http` needs a `path`",
            )
            .with_copilot_error("validate \"http\": \"path\" must be specified")
            .with_help("add `path: '/'` under `http`"),
        ),
        _ => {}
    }
}

/// Backend (§4.4 item 7) and Worker (§4.5): an alias needs an exposed port.
pub(super) fn alias_needs_port(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
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
        out.push(
            Diagnostic::new(
                Rule::ConnectAliasWithoutPort,
                Label::new(String::new(), connect.span).with_path("network.connect.alias"),
                "`network.connect.alias` needs an exposed port",
            )
            .with_copilot_error("cannot set \"network.connect.alias\" when no ports are exposed")
            .with_help(help),
        );
    }
}

pub(super) fn rdws(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if s.config.image_port.is_none() {
        out.push(
            Diagnostic::new(
                Rule::ImagePortRequired,
                Label::new(String::new(), s.config.image.unwrap_or(s.anchor))
                    .with_path("image.port"),
                "a Request-Driven Web Service needs `image.port`",
            )
            .with_copilot_error("validate \"image\": \"port\" must be specified")
            .with_help("set `image.port` to the port your container listens on"),
        );
    }
    if let Some(key) = s.config.connect_key {
        out.push(Diagnostic::new(Rule::ConnectUnsupported, Label::new(String::new(), key).with_path("network.connect"), "Request-Driven Web Services cannot use Service Connect: Copilot ignores `network.connect` here").with_help("App Runner services are reached through their own URL; to call private services, set `network.vpc.placement: private` for a VPC connector"));
    }
}

pub(super) fn job(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(connect) = s.config.connect.as_ref().filter(|c| c.value.enabled()) {
        out.push(Diagnostic::new(Rule::ConnectIgnored, Label::new(String::new(), connect.key_span).with_path("network.connect"), "Scheduled Jobs do not join Service Connect: Copilot accepts `network.connect` here but ignores it").with_help("a job reaches services through Service Discovery (`<svc>.<env>.<app>.local`)"));
    }
}
