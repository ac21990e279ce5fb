//! Platform and container rules (Copilot's validate.go; the spec names them in §4.3 items 7, 11,
//! 13, 14 and 19 without their texts): the platform string, Fargate Spot on ARM, EFS on Windows,
//! topic names, and the containers' `depends_on` graph.

use super::{Subject, error};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Span;
use crate::model::settings::{DependsOn, Platform, Range, Volume};
use crate::rules::Rule;
use std::collections::BTreeMap;

const SHORT_PLATFORMS: [&str; 6] = [
    "linux/amd64",
    "linux/x86_64",
    "linux/arm",
    "linux/arm64",
    "windows/amd64",
    "windows/x86_64",
];

/// `platform: OS/ARCH` must be one of the pairs Copilot knows (`PlatformString.validate`); the map
/// form, `PlatformArgs.validate`.
pub(super) fn platform(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(platform) = &s.config.settings.platform else {
        return;
    };
    let value = match &platform.value {
        Platform::Text(value) => value,
        Platform::Args {
            osfamily,
            architecture,
        } => {
            platform_args(
                platform.span,
                osfamily.as_deref(),
                architecture.as_deref(),
                out,
            );
            return;
        }
        Platform::Other => return,
    };
    let copilot = if value.split('/').count() != 2 {
        format!("validate \"platform\": platform '{value}' must be in the format [OS]/[Arch]")
    } else if SHORT_PLATFORMS.contains(&value.to_ascii_lowercase().as_str()) {
        return;
    } else {
        format!(
            "validate \"platform\": platform '{value}' is invalid; valid platforms are: {} and {}",
            SHORT_PLATFORMS[..5].join(", "),
            SHORT_PLATFORMS[5]
        )
    };
    out.push(error(
        Rule::PlatformInvalid,
        platform.span,
        "platform",
        format!("`{value}` is not a platform Copilot builds for"),
        copilot,
        "use linux/amd64, linux/arm64, windows/x86_64, …",
    ));
}

/// `PlatformArgs.validate`: both `osfamily` and `architecture`, and a pair Copilot knows
/// (compared lower-cased, shown as written).
fn platform_args(span: Span, os: Option<&str>, arch: Option<&str>, out: &mut Vec<Diagnostic>) {
    if os.is_none() && arch.is_none() {
        return;
    }
    let problem = match (os, arch) {
        (Some(os), Some(arch)) => {
            let pair = (os.to_ascii_lowercase(), arch.to_ascii_lowercase());
            if ADVANCED_PLATFORMS
                .iter()
                .any(|(o, a)| pair.0 == *o && pair.1 == *a)
            {
                return;
            }
            let valid: Vec<String> = ADVANCED_PLATFORMS
                .iter()
                .map(|(o, a)| format!("('{o}', '{a}')"))
                .collect();
            format!(
                "platform pair ('{os}', '{arch}') is invalid: fields ('osfamily', 'architecture') must be one of {}",
                valid.join(", ")
            )
        }
        _ => "fields \"osfamily\" and \"architecture\" must either both be specified or both be empty".to_string(),
    };
    out.push(error(
        Rule::PlatformInvalid,
        span,
        "platform",
        "`platform` needs a known `osfamily` and `architecture` pair".into(),
        format!("validate \"platform\": {problem}"),
        "for example `osfamily: linux` and `architecture: arm64`",
    ));
}

/// `validAdvancedPlatforms` (workload_ecs.go), in its order.
const ADVANCED_PLATFORMS: [(&str, &str); 14] = [
    ("linux", "x86_64"),
    ("linux", "amd64"),
    ("linux", "arm"),
    ("linux", "arm64"),
    ("windows", "x86_64"),
    ("windows", "amd64"),
    ("windows_server_2019_core", "x86_64"),
    ("windows_server_2019_core", "amd64"),
    ("windows_server_2019_full", "x86_64"),
    ("windows_server_2019_full", "amd64"),
    ("windows_server_2022_core", "x86_64"),
    ("windows_server_2022_core", "amd64"),
    ("windows_server_2022_full", "x86_64"),
    ("windows_server_2022_full", "amd64"),
];

/// Fargate Spot has no ARM capacity.
pub(super) fn arm_spot(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let settings = &s.config.settings;
    let arch = settings.platform.as_ref().and_then(|p| p.value.arch());
    if !arch.is_some_and(|a| a == "arm" || a == "arm64") {
        return;
    }
    let spot = settings.count.as_ref().and_then(|c| {
        c.spot
            .map(|s| (s, "count.spot"))
            .or(match c.range.as_ref().map(|r| &r.value) {
                Some(Range::Limits { spot_from, .. }) => {
                    spot_from.map(|s| (s, "count.range.spot_from"))
                }
                _ => None,
            })
    });
    if let Some((spot, path)) = spot {
        out.push(error(
            Rule::ArmSpot,
            spot,
            path,
            "Fargate Spot does not run ARM tasks".into(),
            "validate ARM: 'Fargate Spot' is not supported when deploying on ARM architecture"
                .into(),
            "remove `spot`/`spot_from`, or build for linux/amd64",
        ));
    }
}

/// Windows tasks cannot mount EFS.
pub(super) fn windows_efs(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    if !s
        .config
        .platform_os
        .as_ref()
        .is_some_and(|os| os.value.to_ascii_lowercase().starts_with("windows"))
    {
        return;
    }
    // `validateWindows`: a read-only root filesystem first, then EFS.
    if let Some(key) = s.config.settings.storage.readonly_fs {
        out.push(error(
            Rule::WindowsReadonlyFs,
            key,
            "storage.readonly_fs",
            "Windows tasks cannot have a read-only root filesystem".into(),
            "validate Windows: \"readonly_fs\" can not be set to 'true' when deploying a Windows container".into(),
            "remove `readonly_fs: true`, or run on Linux",
        ));
    }
    let volumes = &s.config.settings.storage.volumes;
    if let Some((v, efs)) = volumes.iter().find_map(|v| Some((v, v.efs.as_ref()?))) {
        out.push(error(
            Rule::WindowsEfs,
            efs.span,
            volume_path(v, ".efs"),
            "Windows tasks cannot mount EFS volumes".into(),
            "validate Windows: 'EFS' is not supported when deploying a Windows container".into(),
            "remove the EFS volume, or run on Linux",
        ));
    }
}

/// `storage.volumes.<name>` followed by `rest` (`.efs`, `.path`, or nothing).
pub(super) fn volume_path(v: &Volume, rest: &str) -> String {
    v.name.as_deref().map_or_else(
        || format!("storage.volumes{rest}"),
        |name| format!("storage.volumes.{name}{rest}"),
    )
}

/// SNS topic names: letters, digits, `_` and `-`.
pub(super) fn publish_topics(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for (i, topic) in s.config.settings.publish_topics.iter().enumerate() {
        let name = topic.name.as_ref();
        let (problem, span) = match name.and_then(|n| n.value.as_deref()) {
            None | Some("") => ("\"name\" must be specified", topic.span),
            Some(n)
                if !n
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
            {
                (
                    "\"name\" can only contain letters, numbers, underscores, and hyphens",
                    name.map_or(topic.span, |n| n.span),
                )
            }
            Some(_) => continue,
        };
        out.push(error(
            Rule::PublishTopicInvalid,
            span,
            format!("publish.topics[{i}].name"),
            format!("topic {i}: {}", problem.replace('"', "`")),
            format!("validate \"publish\": validate \"topics[{i}]\": {problem}"),
            "name the topic with letters, digits, `_` and `-`",
        ));
    }
}

/// The statuses Copilot accepts in `depends_on` (any case).
pub(super) fn valid_status(status: &str) -> bool {
    ["START", "COMPLETE", "SUCCESS", "HEALTHY"].contains(&status.to_ascii_uppercase().as_str())
}

/// The logical path of one `depends_on` entry: `base` is `image.depends_on` or
/// `sidecars.<name>.depends_on`.
pub(super) fn depends_on_path(base: &str, d: &DependsOn) -> String {
    d.container
        .as_deref()
        .map_or_else(|| base.to_string(), |c| format!("{base}.{c}"))
}

/// The containers' `depends_on`: every target exists, essential targets are only waited on to
/// START or be HEALTHY, and there is no cycle. Copilot walks Go maps (random order); we walk
/// containers by name so the first finding is stable. An entry with an unknown status is left
/// out: Copilot refuses its status first (`depends-on-status-invalid`, in the container settings)
/// and never gets here.
pub(super) fn dependencies(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let mut graph: Graph = BTreeMap::new();
    let deps_of = |deps: &[DependsOn], base: &str| -> Vec<Dep> {
        deps.iter()
            .filter(|d| d.status.as_deref().is_none_or(valid_status))
            .filter_map(|d| {
                let dep = d.container.as_deref()?;
                let status = d.status.as_deref().unwrap_or("");
                Some(Dep {
                    container: dep.to_string(),
                    status: status.to_ascii_uppercase(),
                    span: d.key_span,
                    path: depends_on_path(base, d),
                })
            })
            .collect()
    };
    let settings = &s.config.settings;
    graph.insert(
        s.name.to_string(),
        (
            true,
            deps_of(&settings.image_depends_on, "image.depends_on"),
        ),
    );
    if settings.logging.is_some() {
        graph.insert("firelens_log_router".into(), (false, Vec::new()));
    }
    for sidecar in &s.config.sidecars {
        let essential = sidecar.settings.essential != Some(false);
        let base = format!("sidecars.{}.depends_on", sidecar.name);
        graph.insert(
            sidecar.name.clone(),
            (essential, deps_of(&sidecar.settings.depends_on, &base)),
        );
    }
    let prefix = "validate container dependencies: ";
    for (name, (_, deps)) in &graph {
        for Dep {
            container: dep,
            status,
            span,
            path,
        } in deps
        {
            match graph.get(dep) {
                None => {
                    out.push(error(
                        Rule::DependsOnUnknown,
                        *span,
                        path.clone(),
                        format!(
                            "`{name}` depends on `{dep}`, which is not a container of this service"
                        ),
                        format!("{prefix}container {dep} does not exist"),
                        "name the main container (the service's name) or one of its sidecars",
                    ));
                    return;
                }
                Some((true, _)) if status != "START" && status != "HEALTHY" => {
                    out.push(error(
                        Rule::DependsOnEssential,
                        *span,
                        path.clone(),
                        format!("`{dep}` is essential: `{name}` can only wait for it to START or be HEALTHY"),
                        format!("{prefix}validate {name} container dependencies status: essential container {dep} can only have status START or HEALTHY"),
                        "use START or HEALTHY, or mark the dependency `essential: false`",
                    ));
                    return;
                }
                Some(_) => {}
            }
        }
    }
    if let Some((cycle, dep)) = find_cycle(&graph) {
        let copilot = if cycle.len() == 1 {
            format!(
                "{prefix}container {} cannot depend on itself",
                cycle.join("")
            )
        } else {
            format!(
                "{prefix}circular container dependency chain includes the following containers: [{}]",
                cycle.join(" ")
            )
        };
        out.push(error(
            Rule::DependsOnCycle,
            dep.span,
            dep.path.clone(),
            format!(
                "containers wait for each other in a circle: {}",
                cycle.join(", ")
            ),
            copilot,
            "break the circle: one of them must not wait for the other",
        ));
    }
}

/// One `depends_on` entry: the container waited on, the status (upper case), where it is
/// written and its logical path.
struct Dep {
    container: String,
    status: String,
    span: Span,
    path: String,
}

/// Container name → (essential, its dependencies).
type Graph = BTreeMap<String, (bool, Vec<Dep>)>;

/// The containers on a dependency cycle (sorted, as Copilot prints them) and the entry that
/// closes it.
fn find_cycle(graph: &Graph) -> Option<(Vec<String>, &Dep)> {
    // Iterative DFS with colours: 0 new, 1 on the stack, 2 done.
    let mut colour: BTreeMap<&str, u8> = graph.keys().map(|k| (k.as_str(), 0)).collect();
    for start in graph.keys() {
        if colour.get(start.as_str()) != Some(&0) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        colour.insert(start.as_str(), 1);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let deps = graph
                .get(node)
                .map(|(_, d)| d.as_slice())
                .unwrap_or_default();
            match deps.get(*next) {
                Some(d) => {
                    *next += 1;
                    let dep = &d.container;
                    match colour.get(dep.as_str()) {
                        Some(1) => {
                            let from = stack
                                .iter()
                                .position(|(n, _)| *n == dep.as_str())
                                .unwrap_or(0);
                            let mut cycle: Vec<String> = stack
                                .iter()
                                .skip(from)
                                .map(|(n, _)| (*n).to_string())
                                .collect();
                            cycle.sort();
                            return Some((cycle, d));
                        }
                        Some(0) => {
                            colour.insert(dep.as_str(), 1);
                            stack.push((dep.as_str(), 0));
                        }
                        _ => {}
                    }
                }
                None => {
                    colour.insert(node, 2);
                    stack.pop();
                }
            }
        }
    }
    None
}
