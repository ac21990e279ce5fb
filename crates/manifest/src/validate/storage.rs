//! Volumes, mount points and subscriptions (Copilot's validate.go; the spec names them in §4.3
//! items 7 and 9 and §4.5 without their texts).

use super::{Subject, error, items, text};
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::syntax::{Node, ResolvedScalar};

/// Copilot's `^[a-zA-Z0-9\-\.\_/]+$` for container paths (it guards a shell command).
fn bad_path(path: &str) -> bool {
    !path.is_empty()
        && !path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
}

/// `path` of a mount point: required, and only safe characters. `prefix` ends with `: `.
fn mount_path(s: &Subject<'_>, owner: &Node, prefix: &str, out: &mut Vec<Diagnostic>) -> bool {
    let path = super::get_in(s.doc, owner, "path");
    let value = text(s.doc, path).unwrap_or("");
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
            path.map_or(owner.span, |p| p.span),
            "path",
            "a mount point needs a `path` of letters, digits and `-._/`".into(),
            format!("{prefix}{problem}"),
            "for example `path: /etc/data`",
        ));
        return true;
    }
    false
}

pub(super) fn volumes(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    let Some(volumes) = s.get("storage.volumes").and_then(Node::entries) else {
        return;
    };
    let mut managed = 0;
    for v in volumes {
        let Some(name) = text(s.doc, Some(&v.key)) else {
            continue;
        };
        let prefix = format!("validate \"storage\": validate \"volumes[{name}]\": ");
        let efs = super::get_in(s.doc, &v.value, "efs");
        if let Some(efs) = efs.filter(|e| e.entries().is_some()) {
            let has = |k: &str| super::get_in(s.doc, efs, k).is_some();
            let problem =
                if (has("uid") || has("gid")) && (has("id") || has("root_dir") || has("auth")) {
                    Some("must specify one, not both, of \"uid/gid\" and \"id/root_dir/auth\"")
                } else if has("uid") && !has("gid") {
                    Some("\"gid\" must be specified if \"uid\" is specified")
                } else if has("gid") && !has("uid") {
                    Some("\"uid\" must be specified if \"gid\" is specified")
                } else if matches!(
                    super::get_in(s.doc, efs, "uid").and_then(|n| s.doc.resolve_scalar(n)),
                    Some((ResolvedScalar::Int(0), _))
                ) {
                    Some("\"uid\" must not be 0")
                } else {
                    None
                };
            if let Some(problem) = problem {
                out.push(error(
                    Rule::EfsConfigInvalid,
                    efs.span,
                    "storage.volumes.efs",
                    format!("the EFS settings of volume `{name}` do not fit together"),
                    format!("{prefix}validate \"efs\": {problem}"),
                    "use either `uid`/`gid` (a managed file system) or `id`/`root_dir`/`auth` (your own)",
                ));
                return;
            }
        }
        if mount_path(s, &v.value, &prefix, out) {
            return;
        }
        let is_managed = efs.is_some_and(|e| {
            matches!(
                s.doc.resolve_scalar(e),
                Some((ResolvedScalar::Bool(true), _))
            ) || super::get_in(s.doc, e, "uid").is_some()
        });
        managed += usize::from(is_managed);
        if managed > 1 {
            out.push(error(
                Rule::EfsManagedTwice,
                v.key.span,
                "storage.volumes",
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
        let mounts = items(
            s.doc,
            s.get(&format!("sidecars.{}.mount_points", sidecar.name)),
        );
        for (i, mount) in mounts.iter().enumerate() {
            let prefix = format!(
                "validate \"sidecars[{}]\": validate \"mount_points[{i}]\": ",
                sidecar.name
            );
            if text(s.doc, super::get_in(s.doc, mount, "source_volume")).is_none_or(str::is_empty) {
                out.push(error(
                    Rule::MountSourceRequired,
                    mount.span,
                    "sidecars.mount_points.source_volume",
                    "a sidecar mount point needs the `source_volume` it mounts".into(),
                    format!("{prefix}\"source_volume\" must be specified"),
                    "name a volume from `storage.volumes`",
                ));
                return;
            }
            if mount_path(s, mount, &prefix, out) {
                return;
            }
        }
    }
}

/// A Worker's `subscribe.topics`: a topic name and the publishing service's name. (The snapshot
/// of validate.go we read also checks the service name's format; the corpus' own valid
/// `worker-svc-subscribe.yml` names `service4TestTopic`, so that check is not Copilot's here.)
pub(super) fn subscriptions(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for (i, topic) in items(s.doc, s.get("subscribe.topics")).iter().enumerate() {
        let name = text(s.doc, super::get_in(s.doc, topic, "name")).unwrap_or("");
        let service = text(s.doc, super::get_in(s.doc, topic, "service")).unwrap_or("");
        let problem = if name.is_empty() {
            "\"name\" must be specified"
        } else if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            "\"name\" can only contain letters, numbers, underscores, and hyphens"
        } else if service.is_empty() {
            "\"service\" must be specified"
        } else {
            continue;
        };
        out.push(error(
            Rule::SubscriptionInvalid,
            topic.span,
            "subscribe.topics",
            format!("subscription {i}: {}", problem.replace('"', "`")),
            format!("validate \"subscribe\": validate \"topics[{i}]\": {problem}"),
            "name the topic and the service that publishes it",
        ));
        return;
    }
}

/// Each sidecar needs an image (spec §4.3 item 9) and valid `depends_on` statuses.
pub(super) fn sidecar_images(s: &Subject<'_>, out: &mut Vec<Diagnostic>) {
    for sidecar in &s.config.sidecars {
        let prefix = format!("validate \"sidecars[{}]\": ", sidecar.name);
        if s.get(&format!("sidecars.{}.image", sidecar.name)).is_none() {
            out.push(error(
                Rule::SidecarImageRequired,
                sidecar.name_span,
                "sidecars.image",
                format!("the sidecar `{}` needs an `image`", sidecar.name),
                format!("{prefix}\"image\" must be specified"),
                "set `image:` to an image URI, or `image: {build: Dockerfile}`",
            ));
        }
        let deps = s
            .get(&format!("sidecars.{}.depends_on", sidecar.name))
            .and_then(Node::entries)
            .unwrap_or_default();
        let bad = deps.iter().find(|e| {
            text(s.doc, Some(&e.value)).is_some_and(|v| {
                !["START", "COMPLETE", "SUCCESS", "HEALTHY"]
                    .contains(&v.to_ascii_uppercase().as_str())
            })
        });
        if let Some(bad) = bad {
            out.push(error(
                Rule::DependsOnStatusInvalid,
                bad.value.span,
                "sidecars.depends_on",
                "not a container dependency status".into(),
                format!("{prefix}validate \"depends_on\": container dependency status must be one of START, COMPLETE, SUCCESS or HEALTHY"),
                "use START, COMPLETE, SUCCESS or HEALTHY",
            ));
        }
    }
}
