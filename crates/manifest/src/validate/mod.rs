//! Copilot's semantic checks on the merged manifest of one environment (spec §4), in Copilot's
//! order per workload type, plus our own warnings where Copilot is silent. Copilot stops at the
//! first failure; we report every independent one, each with the text Copilot would print first.

mod containers;
mod count;
pub mod env;
mod http;
mod network;
mod ports;
mod storage;
mod task;
mod types;

use crate::diagnostic::{Diagnostic, Label, Span};
use crate::model::{Config, WorkloadType};
use crate::rules::Rule;

/// What the rules need: the effective (interpolated, merged) config, decoded into typed structs
/// once (`Config`, with `Config::settings` for the fields beyond networking), and the facts
/// about the manifest that are not config.
pub struct Subject<'a> {
    pub ty: WorkloadType,
    pub config: &'a Config,
    /// The manifest's `name` (or the directory name when it has none): the main container's name.
    pub name: &'a str,
    pub name_present: bool,
    /// Where to point when the thing a rule wants is missing altogether (the `type` line).
    pub anchor: Span,
}

/// The rules in Copilot's order for each type (spec §4.3–§4.8).
pub fn validate(s: &Subject<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    match s.ty {
        WorkloadType::LoadBalancedWebService => {
            network::http_or_nlb(s, &mut out);
            http::grace_periods(s, &mut out);
            task::nlb_scaling(s, &mut out);
            types::image_location_or_build(s, &mut out);
            types::lbws_image_and_http(s, &mut out);
            task::container_settings(s, &mut out);
            count::advanced(s, &mut out);
            http::rules(s, &mut out);
            containers::platform(s, &mut out);
            task::task_config(s, &mut out);
            storage::volumes(s, &mut out);
            ports::sidecar_protocols(s, &mut out);
            storage::sidecar_images(s, &mut out);
            storage::sidecar_mounts(s, &mut out);
            network::placement(s, &mut out);
            containers::publish_topics(s, &mut out);
            task::taskdef_overrides(s, &mut out);
            containers::windows_efs(s, &mut out);
            network::windows_connect(s, &mut out);
            containers::arm_spot(s, &mut out);
            ports::nlb_listeners(s, &mut out);
            task::nlb_aliases(s, &mut out);
            task::deployment(s, &mut out);
            name(s, &mut out);
            ports::target_containers(s, &mut out);
            containers::dependencies(s, &mut out);
            ports::unique_exposed_ports(s, &mut out);
            ports::health_check_ports(s, &mut out);
        }
        WorkloadType::BackendService => {
            task::deployment(s, &mut out);
            types::image_location_or_build(s, &mut out);
            task::container_settings(s, &mut out);
            count::advanced(s, &mut out);
            http::rules(s, &mut out);
            task::backend_scaling(s, &mut out);
            containers::platform(s, &mut out);
            task::task_config(s, &mut out);
            storage::volumes(s, &mut out);
            ports::sidecar_protocols(s, &mut out);
            storage::sidecar_images(s, &mut out);
            storage::sidecar_mounts(s, &mut out);
            network::placement(s, &mut out);
            types::alias_needs_port(s, &mut out);
            containers::publish_topics(s, &mut out);
            task::taskdef_overrides(s, &mut out);
            containers::windows_efs(s, &mut out);
            network::windows_connect(s, &mut out);
            containers::arm_spot(s, &mut out);
            name(s, &mut out);
            ports::target_containers(s, &mut out);
            containers::dependencies(s, &mut out);
            ports::unique_exposed_ports(s, &mut out);
            ports::health_check_ports(s, &mut out);
        }
        WorkloadType::WorkerService => {
            storage::subscriptions(s, &mut out);
            task::deployment(s, &mut out);
            types::image_location_or_build(s, &mut out);
            task::container_settings(s, &mut out);
            count::advanced(s, &mut out);
            containers::platform(s, &mut out);
            task::task_config(s, &mut out);
            storage::volumes(s, &mut out);
            ports::sidecar_protocols(s, &mut out);
            storage::sidecar_images(s, &mut out);
            storage::sidecar_mounts(s, &mut out);
            network::placement(s, &mut out);
            types::alias_needs_port(s, &mut out);
            containers::publish_topics(s, &mut out);
            task::taskdef_overrides(s, &mut out);
            containers::windows_efs(s, &mut out);
            containers::arm_spot(s, &mut out);
            name(s, &mut out);
            containers::dependencies(s, &mut out);
            ports::unique_exposed_ports(s, &mut out);
        }
        WorkloadType::ScheduledJob => {
            types::image_location_or_build(s, &mut out);
            task::container_settings(s, &mut out);
            count::advanced(s, &mut out);
            task::job_count(s, &mut out);
            containers::platform(s, &mut out);
            task::task_config(s, &mut out);
            storage::volumes(s, &mut out);
            ports::sidecar_protocols(s, &mut out);
            storage::sidecar_images(s, &mut out);
            storage::sidecar_mounts(s, &mut out);
            network::placement(s, &mut out);
            types::job(s, &mut out);
            task::job_schedule(s, &mut out);
            containers::publish_topics(s, &mut out);
            task::taskdef_overrides(s, &mut out);
            containers::windows_efs(s, &mut out);
            containers::arm_spot(s, &mut out);
            name(s, &mut out);
            containers::dependencies(s, &mut out);
            ports::unique_exposed_ports(s, &mut out);
        }
        WorkloadType::RequestDrivenWebService => {
            types::image_location_or_build(s, &mut out);
            types::rdws(s, &mut out);
            task::rdws_platform(s, &mut out);
            containers::publish_topics(s, &mut out);
            network::placement(s, &mut out);
            task::rdws_tracing(s, &mut out);
            name(s, &mut out);
        }
        WorkloadType::StaticSite => {
            task::static_site(s, &mut out);
            name(s, &mut out);
        }
    }
    out
}

fn name(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if !s.name_present {
        out.push(error(
            Rule::NameRequired,
            s.anchor,
            "name",
            "the manifest has no `name`".into(),
            "\"name\" must be specified".into(),
            "add `name:` with the service's name; it becomes the default Service Connect alias and Service Discovery name",
        ));
    }
}

/// An error Copilot would raise, with its message. The label's file is left empty: rules see one
/// manifest, and the analysis, which knows its path, fills it in. `path` is the full logical path
/// of the value at `span`, with concrete map keys and `[i]` list indexes
/// (`sidecars.nginx.port`, `publish.topics[0].name`): a literal, or one built with `format!`.
fn error(
    rule: Rule,
    span: Span,
    path: impl Into<String>,
    message: String,
    copilot: String,
    help: &'static str,
) -> Diagnostic {
    Diagnostic::new(
        rule,
        Label::new(String::new(), span).with_path(path),
        message,
    )
    .with_copilot_error(copilot)
    .with_help(help)
}
