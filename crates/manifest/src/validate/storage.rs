//! Volumes, mount points and subscriptions (Copilot's validate.go; the spec names them in §4.3
//! items 7 and 9 and §4.5 without their texts).

use super::containers::{depends_on_path, valid_status, volume_path};
use super::{Subject, error};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Spanned;
use crate::model::settings::Fifo;
use crate::rules::Rule;

/// Copilot's `^[a-zA-Z0-9\-\.\_/]+$` for container paths (it guards a shell command).
fn bad_path(path: &str) -> bool {
    !path.is_empty()
        && !path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
}

/// `path` of a mount point (`owner` is where the mount point is written): required, and only
/// safe characters. `prefix` ends with `: `.
/// `at` is the logical path of the `path` field.
fn mount_path(
    owner: Span,
    path: Option<&Spanned<Option<String>>>,
    at: String,
    prefix: &str,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let value = path.and_then(|p| p.value.as_deref()).unwrap_or("");
    let problem = if value.is_empty() {
        Some("\"path\" must be specified".to_string())
    } else if bad_path(value) {
        Some("validate \"path\": path can only contain the characters a-zA-Z0-9.-_/".to_string())
    } else {
        None
    };
    if let Some(problem) = problem {
        out.push(error(
            Rule::MountPathInvalid,
            path.map_or(owner, |p| p.span),
            at,
            "a mount point needs a `path` of letters, digits and `-._/`".into(),
            format!("{prefix}{problem}"),
            "for example `path: /etc/data`",
        ));
        return true;
    }
    false
}

pub(super) fn volumes(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let mut managed = 0;
    for v in &s.config.settings.storage.volumes {
        let Some(name) = &v.name else {
            continue;
        };
        let prefix = format!("validate \"storage\": validate \"volumes[{name}]\": ");
        if let Some(efs) = &v.efs
            && let Some(config) = &efs.value.config
        {
            let has_uid = config.uid.is_some();
            let has_gid = config.gid.is_some();
            let own = config.id.is_some() || config.root_dir.is_some() || config.auth.is_some();
            let problem = if (has_uid || has_gid) && own {
                Some("must specify one, not both, of \"uid/gid\" and \"id/root_dir/auth\"")
            } else if has_uid && !has_gid {
                Some("\"gid\" must be specified if \"uid\" is specified")
            } else if has_gid && !has_uid {
                Some("\"uid\" must be specified if \"gid\" is specified")
            } else if config.uid.as_ref().is_some_and(|u| u.value == Some(0)) {
                Some("\"uid\" must not be 0")
            } else if config.access_point.is_some() {
                // An access point needs the file system's root and IAM authorization.
                let root = config.root_dir_value.as_deref().unwrap_or("");
                let fits = (root.is_empty() || root == "/") && config.iam != Some(false);
                (!fits).then_some(
                    "\"root_dir\" must be either empty or \"/\" and \"auth.iam\" must be true when \"access_point_id\" is used",
                )
            } else if config.root_dir_value.as_deref().is_some_and(bad_path) {
                Some("validate \"root_dir\": path can only contain the characters a-zA-Z0-9.-_/")
            } else {
                None
            };
            if let Some(problem) = problem {
                out.push(error(
                    Rule::EfsConfigInvalid,
                    efs.span,
                    volume_path(v, ".efs"),
                    format!("the EFS settings of volume `{name}` do not fit together"),
                    format!("{prefix}validate \"efs\": {problem}"),
                    "use either `uid`/`gid` (a managed file system) or `id`/`root_dir`/`auth` (your own)",
                ));
                return;
            }
        }
        if mount_path(
            v.span,
            v.path.as_ref(),
            volume_path(v, ".path"),
            &prefix,
            out,
        ) {
            return;
        }
        let is_managed = v.efs.as_ref().is_some_and(|e| {
            e.value.enabled || e.value.config.as_ref().is_some_and(|c| c.uid.is_some())
        });
        managed += usize::from(is_managed);
        if managed > 1 {
            out.push(error(
                Rule::EfsManagedTwice,
                v.key_span,
                volume_path(v, ""),
                "a service can have one Copilot-managed EFS volume".into(),
                "validate \"storage\": cannot specify more than one managed volume per service"
                    .into(),
                "share one managed volume, or bring your own file system with `efs.id`",
            ));
            return;
        }
    }
}

pub(super) fn sidecar_mounts(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for sidecar in &s.config.sidecars {
        for (i, mount) in sidecar.settings.mount_points.iter().enumerate() {
            let prefix = format!(
                "validate \"sidecars[{}]\": validate \"mount_points[{i}]\": ",
                sidecar.name
            );
            let at = format!("sidecars.{}.mount_points[{i}]", sidecar.name);
            if mount.source_volume.as_deref().is_none_or(str::is_empty) {
                out.push(error(
                    Rule::MountSourceRequired,
                    mount.span,
                    format!("{at}.source_volume"),
                    "a sidecar mount point needs the `source_volume` it mounts".into(),
                    format!("{prefix}\"source_volume\" must be specified"),
                    "name a volume from `storage.volumes`",
                ));
                return;
            }
            if mount_path(
                mount.span,
                mount.path.as_ref(),
                format!("{at}.path"),
                &prefix,
                out,
            ) {
                return;
            }
        }
    }
}

/// A Worker's `subscribe.topics`: a topic name and the publishing service's name. (The snapshot
/// of validate.go we read also checks the service name's format; the corpus' own valid
/// `worker-svc-subscribe.yml` names `service4TestTopic`, so that check is not Copilot's here.)
pub(super) fn subscriptions(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for (i, topic) in s.config.settings.subscribe_topics.iter().enumerate() {
        let name = topic
            .name
            .as_ref()
            .and_then(|n| n.value.as_deref())
            .unwrap_or("");
        let service = (topic.service.as_ref())
            .and_then(|n| n.value.as_deref())
            .unwrap_or("");
        let problem = if name.is_empty() {
            "\"name\" must be specified"
        } else if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            "\"name\" can only contain letters, numbers, underscores, and hyphens"
        } else if service.is_empty() {
            "\"service\" must be specified"
        } else if !is_valid_sub_svc_name(service) {
            "service name must start with a letter, contain only lower-case letters, numbers, and hyphens, and have no consecutive or trailing hyphen"
        } else {
            continue;
        };
        out.push(error(
            Rule::SubscriptionInvalid,
            topic.span,
            format!("subscribe.topics[{i}]"),
            format!("subscription {i}: {}", problem.replace('"', "`")),
            format!("validate \"subscribe\": validate \"topics[{i}]\": {problem}"),
            "name the topic and the service that publishes it",
        ));
        return;
    }
    let topic_fifos = s.config.settings.subscribe_topics.iter().enumerate();
    for (i, topic) in topic_fifos {
        if let Some(fifo) = &topic.fifo
            && queue_fifo(
                fifo,
                &format!("subscribe.topics[{i}].queue.fifo"),
                &format!("validate \"subscribe\": validate \"topics[{i}]\": validate \"queue\": "),
                out,
            )
        {
            return;
        }
    }
    if let Some(fifo) = &s.config.settings.subscribe_queue_fifo {
        queue_fifo(
            fifo,
            "subscribe.queue.fifo",
            "validate \"subscribe\": validate \"queue\": ",
            out,
        );
    }
}

/// `FIFOAdvanceConfig.validate` (validate.go): `high_throughput` excludes `throughput_limit`
/// and `deduplication_scope`; their values; `perMessageGroupId` needs `messageGroup`
/// deduplication. Whether it reported.
fn queue_fifo(fifo: &Fifo, path: &str, prefix: &str, out: &mut Vec<Diagnostic>) -> bool {
    let text = |s: &Option<Spanned<Option<String>>>| {
        s.as_ref()
            .map(|v| (v.value.clone().unwrap_or_default(), v.span))
    };
    let limit = text(&fifo.throughput_limit);
    let scope = text(&fifo.deduplication_scope);
    let problem: Option<(Span, &str, String)> = if let (Some(_), Some((_, span))) =
        (fifo.high_throughput, &limit)
    {
        Some((
            *span,
            "throughput_limit",
            "must specify one, not both, of \"high_throughput\" and \"throughput_limit\"".into(),
        ))
    } else if let (Some(_), Some((_, span))) = (fifo.high_throughput, &scope) {
        Some((
            *span,
            "deduplication_scope",
            "must specify one, not both, of \"high_throughput\" and \"deduplication_scope\"".into(),
        ))
    } else if let Some((_, span)) = scope
        .as_ref()
        .filter(|(v, _)| v != "messageGroup" && v != "queue")
    {
        Some((*span, "deduplication_scope", "validate \"deduplication_scope\": deduplication scope value must be one of messageGroup or queue".into()))
    } else if let Some((_, span)) = limit
        .as_ref()
        .filter(|(v, _)| v != "perMessageGroupId" && v != "perQueue")
    {
        Some((*span, "throughput_limit", "validate \"throughput_limit\": fifo throughput limit value must be one of perMessageGroupId or perQueue".into()))
    } else if let (Some((l, span)), Some((d, _))) = (&limit, &scope)
        && l == "perMessageGroupId"
        && d == "queue"
    {
        Some((*span, "throughput_limit", "\"throughput_limit\" must be set to \"perQueue\" when \"deduplication_scope\" is set to \"queue\"".into()))
    } else {
        None
    };
    let Some((span, key, text)) = problem else {
        return false;
    };
    out.push(error(
        Rule::QueueFifoInvalid,
        span,
        format!("{path}.{key}"),
        format!("invalid FIFO queue settings: {}", text.replace('"', "`")),
        format!("{prefix}{text}"),
        "use `high_throughput: true` alone, or set `deduplication_scope` (messageGroup, queue) and `throughput_limit` (perMessageGroupId, perQueue)",
    ));
    true
}

/// Copilot's `isValidSubSvcName` (validate.go): `^[a-z][a-z0-9-]+$`, no `--` (nor `..`), no
/// trailing `-` (nor `.`).
fn is_valid_sub_svc_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() >= 2
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.contains("--")
        && !name.ends_with('-')
}

/// Each sidecar needs an image (spec §4.3 item 9) and valid `depends_on` statuses.
pub(super) fn sidecar_images(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for sidecar in &s.config.sidecars {
        let prefix = format!("validate \"sidecars[{}]\": ", sidecar.name);
        if sidecar.settings.image.is_none() {
            out.push(error(
                Rule::SidecarImageRequired,
                sidecar.name_span,
                format!("sidecars.{}.image", sidecar.name),
                format!("the sidecar `{}` needs an `image`", sidecar.name),
                // `SidecarConfig.validateImage`, its unbalanced quote included.
                format!(
                    "{prefix}must specify one of \"image\", \"image.build, or \"image.location\""
                ),
                "set `image:` to an image URI, or `image: {build: Dockerfile}`",
            ));
        }
        let bad = (sidecar.settings.depends_on.iter())
            .find(|d| d.status.as_deref().is_some_and(|v| !valid_status(v)));
        if let Some(bad) = bad {
            out.push(error(
                Rule::DependsOnStatusInvalid,
                bad.value_span,
                depends_on_path(&format!("sidecars.{}.depends_on", sidecar.name), bad),
                "not a container dependency status".into(),
                format!("{prefix}validate \"depends_on\": container dependency status must be one of START, COMPLETE, SUCCESS or HEALTHY"),
                "use START, COMPLETE, SUCCESS or HEALTHY",
            ));
        }
    }
}
