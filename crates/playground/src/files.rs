//! Workspace edits that are not typing: add, rename and delete a service or an environment, the
//! application name, the settings. Pure functions on the files (unit-tested natively); the app
//! applies their result and tells the editor.

use std::collections::BTreeMap;

use copilot_manifest::SourceFile;
use copilot_manifest::model::WorkloadType;
use copilot_manifest::workspace::FileKind;

pub const WORKSPACE_PATH: &str = "copilot/.workspace";

/// Where a service's manifest lives.
pub fn service_path(name: &str) -> String {
    format!("copilot/{name}/manifest.yml")
}

/// Where an environment's manifest lives.
pub fn environment_path(name: &str) -> String {
    format!("copilot/environments/{name}/manifest.yml")
}

/// A name Copilot accepts for a service, job or environment: a lower-case letter, then lower-case
/// letters, digits and single hyphens, not ending in a hyphen, at most 63 characters, and not
/// taken by another file of the same group. `None` when it is fine.
pub fn name_problem(name: &str, files: &[SourceFile], environment: bool) -> Option<String> {
    let valid = name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.contains("--")
        && !name.ends_with('-');
    if name.is_empty() {
        return Some("Enter a name.".into());
    }
    if !valid {
        return Some(format!(
            "“{name}” is not a valid name: start with a lower-case letter, then use lower-case letters, digits and single hyphens (at most 63 characters)."
        ));
    }
    if !environment && name == "environments" {
        return Some("“environments” is the folder of the environment manifests.".into());
    }
    let taken = files.iter().any(|f| match f.kind() {
        FileKind::Workload { name: n } => !environment && n == name,
        FileKind::Environment { name: n } => environment && n == name,
        _ => false,
    });
    taken.then(|| format!("“{name}” already exists."))
}

/// A manifest like the one `copilot svc init` / `copilot job init` writes (our own text): valid
/// for the core, with Service Connect on where the type joins it.
pub fn starter(kind: WorkloadType, name: &str) -> String {
    let head = format!(
        "# {name}: a {}.\nname: {name}\ntype: {}\n\n",
        kind.as_str(),
        kind.as_str()
    );
    let image = format!("image:\n  build: {name}/Dockerfile\n");
    let body = match kind {
        WorkloadType::LoadBalancedWebService => format!(
            "http:\n  path: '{name}'\n\n{image}  port: 80\n\ncpu: 256\nmemory: 512\ncount: 1\nexec: true\n\nnetwork:\n  connect: true\n"
        ),
        WorkloadType::BackendService => format!(
            "{image}  port: 80\n\ncpu: 256\nmemory: 512\ncount: 1\nexec: true\n\nnetwork:\n  connect: true\n"
        ),
        WorkloadType::WorkerService => format!(
            "{image}\ncpu: 256\nmemory: 512\ncount: 1\nexec: true\n\nnetwork:\n  connect: true\n"
        ),
        WorkloadType::ScheduledJob => format!(
            "on:\n  schedule: \"@daily\"\n\n{image}\ncpu: 256\nmemory: 512\nretries: 3\ntimeout: 1h\n"
        ),
        WorkloadType::RequestDrivenWebService => {
            format!("{image}  port: 80\n\ncpu: 1024\nmemory: 2048\n")
        }
        WorkloadType::StaticSite => "files:\n  - source: public\n    recursive: true\n".to_owned(),
    };
    head + &body
}

/// An environment manifest like `copilot env init` writes (our own text).
pub fn environment_starter(name: &str) -> String {
    format!(
        "# {name}: an environment.\nname: {name}\ntype: Environment\n\nobservability:\n  container_insights: false\n"
    )
}

/// Replace the value of the first top-level `key:` line, or add the line after the leading
/// comments when there is none.
pub fn set_top_level(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key}:");
    let mut out = Vec::new();
    let mut done = false;
    for line in text.split('\n') {
        if !done
            && line.starts_with(&prefix)
            && line[prefix.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
        {
            let comment = line.find(" #").map_or("", |i| &line[i..]);
            out.push(format!("{prefix} {value}{comment}"));
            done = true;
        } else {
            out.push(line.to_owned());
        }
    }
    if done {
        return out.join("\n");
    }
    let at = out.iter().take_while(|l| l.starts_with('#')).count();
    out.insert(at, format!("{prefix} {value}"));
    out.join("\n")
}

/// The value of the first top-level `key:` line (unquoted, comment stripped).
pub fn top_level(text: &str, key: &str) -> Option<String> {
    let prefix = format!("{key}:");
    text.split('\n').find_map(|line| {
        let rest = line.strip_prefix(&prefix)?;
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            return None;
        }
        let rest = rest.split(" #").next().unwrap_or("").trim();
        Some(rest.trim_matches(|c| c == '"' || c == '\'').to_owned())
    })
}

/// The application name in `copilot/.workspace`.
pub fn app_name(files: &[SourceFile]) -> String {
    files
        .iter()
        .find(|f| f.path == WORKSPACE_PATH)
        .and_then(|f| top_level(&f.text, "application"))
        .unwrap_or_default()
}

/// The new path and text of a service or environment manifest renamed to `new`: the folder
/// changes, and so does the `name:` field when it held the old name.
pub fn renamed(file: &SourceFile, new: &str) -> Option<SourceFile> {
    let (old, path) = match file.kind() {
        FileKind::Workload { name } => (name, service_path(new)),
        FileKind::Environment { name } => (name, environment_path(new)),
        _ => return None,
    };
    let text = if top_level(&file.text, "name").as_deref() == Some(old) {
        set_top_level(&file.text, "name", new)
    } else {
        file.text.clone()
    };
    Some(SourceFile { path, text })
}

/// Where a new file goes: services after the last service, environments after the last
/// environment, so the file list keeps its groups.
pub fn insert_at(files: &[SourceFile], environment: bool) -> usize {
    let last = files.iter().rposition(|f| match f.kind() {
        FileKind::Workload { .. } => !environment,
        FileKind::Environment { .. } => environment,
        _ => false,
    });
    match last {
        Some(i) => i + 1,
        None if environment => files
            .iter()
            .position(|f| f.kind() == FileKind::WorkspaceSummary)
            .unwrap_or(files.len()),
        None => 0,
    }
}

/// Shell variables from `NAME=value` lines (blank lines and `#` comments skipped). Lines that are
/// not `NAME=value` with a shell name come back as problems, with their 1-based line number.
/// The settings' text for `variables` (the inverse of [`parse_variables`]).
pub fn variables_text(variables: &BTreeMap<String, String>) -> String {
    variables
        .iter()
        .map(|(k, v)| format!("{k}={v}\n"))
        .collect()
}

pub fn parse_variables(text: &str) -> (BTreeMap<String, String>, Vec<String>) {
    let mut vars = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let valid = |n: &str| {
            n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        match line.split_once('=') {
            Some((name, value)) if valid(name.trim()) => {
                vars.insert(name.trim().to_owned(), value.to_owned());
            }
            _ => problems.push(format!("line {}: expected NAME=value", i + 1)),
        }
    }
    (vars, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use copilot_manifest::{Severity, Workspace};

    fn kudos() -> Vec<SourceFile> {
        crate::examples::kudos()
    }

    #[test]
    fn names() {
        let files = kudos();
        assert_eq!(name_problem("orders", &files, false), None);
        assert_eq!(name_problem("prod", &files, true), None);
        assert!(
            name_problem("api", &files, false)
                .unwrap()
                .contains("already exists")
        );
        assert!(
            name_problem("test", &files, true)
                .unwrap()
                .contains("already exists")
        );
        assert_eq!(name_problem("test", &files, false), None);
        for bad in [
            "",
            "Api",
            "1api",
            "a--b",
            "api-",
            "a b",
            "<script>",
            "environments",
        ] {
            assert!(name_problem(bad, &files, false).is_some(), "{bad}");
        }
    }

    /// Every starter is a manifest the core accepts without a single finding.
    #[test]
    fn starters_are_clean() {
        for kind in WorkloadType::ALL {
            let mut files = kudos();
            files.insert(
                insert_at(&files, false),
                SourceFile::new(service_path("extra"), starter(kind, "extra")),
            );
            files.insert(
                insert_at(&files, true),
                SourceFile::new(environment_path("prod"), environment_starter("prod")),
            );
            let report = copilot_manifest::analyze(&Workspace {
                files,
                ..Workspace::default()
            });
            let findings: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Info)
                .map(|d| format!("{}:{} {}", d.file(), d.line(), d.message))
                .collect();
            assert!(findings.is_empty(), "{}: {findings:#?}", kind.as_str());
            assert_eq!(report.environments.len(), 2);
            let prod = &report.environments[1];
            assert!(
                prod.services
                    .iter()
                    .any(|s| s.name == "extra" && s.workload_type == kind.as_str())
                    || !kind.is_ecs(),
                "{}",
                kind.as_str()
            );
        }
    }

    #[test]
    fn insert_keeps_groups() {
        let files = kudos();
        assert_eq!(insert_at(&files, false), 2);
        assert_eq!(insert_at(&files, true), 3);
        let only_ws = vec![SourceFile::new(WORKSPACE_PATH, "application: a\n")];
        assert_eq!(insert_at(&only_ws, true), 0);
        assert_eq!(insert_at(&only_ws, false), 0);
    }

    #[test]
    fn rename_moves_folder_and_name() {
        let files = kudos();
        let api = renamed(&files[0], "orders").unwrap();
        assert_eq!(api.path, "copilot/orders/manifest.yml");
        assert!(api.text.contains("\nname: orders\n"));
        assert!(!api.text.contains("name: api"));
        let env = renamed(&files[2], "prod").unwrap();
        assert_eq!(env.path, "copilot/environments/prod/manifest.yml");
        assert!(env.text.contains("name: prod"));
        assert!(renamed(&files[3], "x").is_none());
        // A `name:` that differs from the folder is left alone.
        let odd = SourceFile::new(service_path("a"), "name: b\ntype: Backend Service\n");
        assert_eq!(renamed(&odd, "c").unwrap().text, odd.text);
    }

    #[test]
    fn app_name_round_trip() {
        let files = kudos();
        assert_eq!(app_name(&files), "kudos");
        let text = set_top_level(&files[3].text, "application", "shop");
        assert_eq!(top_level(&text, "application").as_deref(), Some("shop"));
        assert_eq!(
            set_top_level("# c\nx: 1", "application", "a"),
            "# c\napplication: a\nx: 1"
        );
        assert_eq!(
            set_top_level("application: a # keep\n", "application", "b"),
            "application: b # keep\n"
        );
        assert_eq!(top_level("applications: x", "application"), None);
        assert_eq!(
            top_level("application: 'q' # c", "application").as_deref(),
            Some("q")
        );
    }

    #[test]
    fn variables() {
        let (vars, problems) =
            parse_variables("# c\nTAG=v1\n\nexport  X_1 = a=b\nbad line\n1A=x\n");
        assert_eq!(vars.get("TAG").map(String::as_str), Some("v1"));
        assert_eq!(vars.get("X_1").map(String::as_str), Some(" a=b"));
        assert_eq!(
            problems,
            ["line 5: expected NAME=value", "line 6: expected NAME=value"]
        );
    }
}
