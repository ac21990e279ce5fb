//! The examples gallery and the training exercises are right: every example analyses without a
//! finding and shows what its about.md says; every exercise parses, its start fails a check and
//! its solution (read from disk, never embedded) passes them all.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

use std::path::{Path, PathBuf};

use copilot_manifest::{
    ColumnUnit, EnvironmentReport, Report, ServiceReport, Severity, SourceFile, Via, Workspace,
    analyze,
};
use copilot_playground::examples::{self, Example};
use copilot_playground::training::{self, Exercise, evaluate, solved};

fn web() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web")
}

fn analyze_files(files: Vec<SourceFile>, legacy: &[&str]) -> Report {
    analyze(&Workspace {
        files,
        column_unit: ColumnUnit::Utf16,
        legacy_namespaces: legacy
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
        ..Default::default()
    })
}

/// The settings an example opens with that no file can hold (`legacy` in examples.json).
fn legacy_for(name: &str) -> &'static [&'static str] {
    example(name).legacy
}

fn example(name: &str) -> &'static Example {
    examples::find(name).unwrap_or_else(|| panic!("no example {name}"))
}

fn example_report(name: &str) -> Report {
    analyze_files(example(name).files(), legacy_for(name))
}

fn env<'a>(report: &'a Report, name: &str) -> &'a EnvironmentReport {
    report
        .environments
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no environment {name}"))
}

fn svc<'a>(env: &'a EnvironmentReport, name: &str) -> &'a ServiceReport {
    env.services
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no service {name} in {}", env.name))
}

/// (via, url) from `from` to `to`.
fn route(env: &EnvironmentReport, from: &str, to: &str) -> (Option<Via>, Option<String>) {
    let r = env
        .pairs()
        .find(|p| p.from.name == from && p.to.name == to)
        .unwrap_or_else(|| panic!("no pair {from} -> {to}"));
    (r.via, r.url().map(str::to_owned))
}

fn sc(url: &str) -> (Option<Via>, Option<String>) {
    (Some(Via::ServiceConnect), Some(url.to_owned()))
}

fn sd(url: &str) -> (Option<Via>, Option<String>) {
    (Some(Via::ServiceDiscovery), Some(url.to_owned()))
}

fn sc_url(s: &ServiceReport) -> Option<&str> {
    s.service_connect.as_ref().and_then(|c| c.url.as_deref())
}

fn findings(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| format!("{}:{} [{}] {}", d.file(), d.line(), d.code(), d.message))
        .collect()
}

fn subdirs(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    out.sort();
    out
}

/// Every file under `root/copilot`, with its repository path.
fn read_workspace(root: &Path) -> Vec<SourceFile> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<SourceFile>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let rel = format!("{rel}/{name}");
            if entry.path().is_dir() {
                walk(&entry.path(), &rel, out);
            } else {
                out.push(SourceFile::new(
                    rel,
                    std::fs::read_to_string(entry.path()).unwrap(),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join("copilot"), "copilot", &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

// ---------------------------------------------------------------------------------------------
// Examples

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ListEntry {
    name: String,
    title: String,
    #[serde(default)]
    legacy: Vec<String>,
}

#[test]
fn examples_json_lists_exactly_the_directories() {
    let dir = web().join("examples");
    let text = std::fs::read_to_string(dir.join("examples.json")).unwrap();
    let list: Vec<ListEntry> = serde_json::from_str(&text).unwrap();
    let mut names: Vec<String> = list.iter().map(|e| e.name.clone()).collect();
    let embedded: Vec<(&str, &str, Vec<&str>)> = examples::all()
        .iter()
        .map(|e| (e.name, e.title, e.legacy.to_vec()))
        .collect();
    let listed: Vec<(&str, &str, Vec<&str>)> = list
        .iter()
        .map(|e| {
            let legacy = e.legacy.iter().map(String::as_str).collect();
            (e.name.as_str(), e.title.as_str(), legacy)
        })
        .collect();
    assert_eq!(
        embedded, listed,
        "the embedded gallery follows examples.json"
    );
    names.sort();
    assert_eq!(names, subdirs(&dir));
    assert_eq!(
        examples::all().first().map(|e| e.name),
        Some("kudos"),
        "the playground opens on kudos"
    );
}

#[test]
fn every_about_is_a_title_and_one_plain_paragraph() {
    for ex in examples::all() {
        let path = web().join("examples").join(ex.name).join("about.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap();
        assert_eq!(first, format!("# {}", ex.title), "{}", ex.name);
        assert!(!ex.about.is_empty(), "{}", ex.name);
        assert!(!ex.about.contains('\n'), "{}: one paragraph", ex.name);
        assert_eq!(ex.about, text[first.len()..].trim(), "{}", ex.name);
        // Plain text: backticks only. Outside code spans, no other Markdown.
        let prose: String = ex.about.split('`').step_by(2).collect();
        assert_eq!(
            ex.about.matches('`').count() % 2,
            0,
            "{}: unbalanced `",
            ex.name
        );
        for c in ['*', '_', '[', ']', '#', '<', '>'] {
            assert!(!prose.contains(c), "{}: markup {c:?} in {prose:?}", ex.name);
        }
        assert!(ex.about.len() < 700, "{}: keep it tight", ex.name);
    }
}

#[test]
fn every_example_is_clean() {
    for ex in examples::all() {
        let files = ex.files();
        assert!(
            files.iter().any(|f| f.path == "copilot/.workspace"),
            "{}",
            ex.name
        );
        assert!(
            files
                .iter()
                .any(|f| f.path.starts_with("copilot/environments/")),
            "{}",
            ex.name
        );
        let report = analyze_files(files, legacy_for(ex.name));
        assert_eq!(report.app, "kudos", "{}", ex.name);
        assert_eq!(
            report.error_count(),
            0,
            "{}: {:#?}",
            ex.name,
            findings(&report)
        );
        assert_eq!(findings(&report), Vec::<String>::new(), "{}", ex.name);
        assert!(!report.environments.is_empty(), "{}", ex.name);
    }
}

#[test]
fn example_kudos() {
    let report = example_report("kudos");
    let test = env(&report, "test");
    assert_eq!(route(test, "front-end", "api"), sc("http://api"));
    assert_eq!(
        svc(test, "api").service_discovery.dns_name.as_deref(),
        Some("api.test.kudos.local")
    );
    // The about text's suggestion: port 8080 shows in the URL.
    let mut files = example("kudos").files();
    files[0].text = files[0].text.replace("port: 80", "port: 8080");
    let report = analyze_files(files, &[]);
    assert_eq!(
        route(env(&report, "test"), "front-end", "api"),
        sc("http://api:8080")
    );
}

#[test]
fn example_custom_alias() {
    let report = example_report("custom-alias");
    let test = env(&report, "test");
    assert_eq!(route(test, "front-end", "api"), sc("http://kudos-api:8080"));
    let api = svc(test, "api");
    assert_eq!(
        api.service_discovery.dns_name.as_deref(),
        Some("api.test.kudos.local")
    );
    // The about text's suggestion: ECS would refuse `Kudos_API`.
    let files: Vec<SourceFile> = example("custom-alias")
        .files()
        .into_iter()
        .map(|mut f| {
            f.text = f.text.replace("kudos-api", "Kudos_API");
            f
        })
        .collect();
    let report = analyze_files(files, &[]);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code() == "connect-alias-invalid" && d.severity == Severity::Warning)
    );
}

#[test]
fn example_upgrade_from_sd() {
    let report = example_report("upgrade-from-sd");
    let test = env(&report, "test");
    let api = svc(test, "api");
    assert_eq!(
        route(test, "front-end", "api"),
        sc("http://api.test.kudos.local:8080")
    );
    assert_eq!(
        api.service_connect
            .as_ref()
            .and_then(|c| c.alias.as_deref()),
        api.service_discovery.dns_name.as_deref(),
        "the alias is the old Service Discovery name"
    );
    assert_eq!(
        api.service_discovery.url.as_deref(),
        Some("http://api.test.kudos.local:8080")
    );
}

#[test]
fn example_sd_only_port() {
    let report = example_report("sd-only-port");
    let test = env(&report, "test");
    assert_eq!(
        route(test, "front-end", "api"),
        sd("http://api.test.kudos.local:8080")
    );
    assert!(test.services.iter().all(|s| s.service_connect.is_none()));
    assert_eq!(
        svc(test, "front-end").env_vars["COPILOT_SERVICE_DISCOVERY_ENDPOINT"],
        "test.kudos.local"
    );
}

#[test]
fn example_legacy_env() {
    let report = example_report("legacy-env");
    let test = env(&report, "test");
    assert!(test.legacy_namespace);
    assert_eq!(test.namespace, "kudos.local");
    let api = svc(test, "api");
    assert_eq!(
        api.service_discovery.dns_name.as_deref(),
        Some("api.kudos.local")
    );
    assert_eq!(
        api.env_vars["COPILOT_SERVICE_DISCOVERY_ENDPOINT"],
        "kudos.local"
    );
    assert_eq!(
        route(test, "front-end", "api"),
        sc("http://api.kudos.local:8080")
    );
    // Without the setting, as the about text says, the names part.
    let report = analyze_files(example("legacy-env").files(), &[]);
    let api = svc(env(&report, "test"), "api");
    assert_eq!(
        api.service_discovery.dns_name.as_deref(),
        Some("api.test.kudos.local")
    );
    assert_eq!(sc_url(api), Some("http://api.kudos.local:8080"));
    assert_eq!(report.error_count(), 0);
}

#[test]
fn example_rdws() {
    let report = example_report("rdws");
    let test = env(&report, "test");
    assert_eq!(
        route(test, "web", "api"),
        sd("http://api.test.kudos.local:8080")
    );
    assert_eq!(route(test, "api", "web"), (None, None));
    let web = svc(test, "web");
    assert!(web.service_connect.is_none());
    assert!(!web.service_discovery.registered);
    // The about text: `network.connect` is ignored with a warning; no `network`, no path.
    let with_connect: Vec<SourceFile> = example("rdws")
        .files()
        .into_iter()
        .map(|mut f| {
            if f.path == "copilot/web/manifest.yml" {
                f.text.push_str("  connect: true\n");
            }
            f
        })
        .collect();
    let report = analyze_files(with_connect, &[]);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code() == "connect-unsupported" && d.severity == Severity::Warning)
    );
    let without_network: Vec<SourceFile> = example("rdws")
        .files()
        .into_iter()
        .map(|mut f| {
            if f.path == "copilot/web/manifest.yml" {
                f.text = f.text.split("network:").next().unwrap().to_owned();
            }
            f
        })
        .collect();
    let report = analyze_files(without_network, &[]);
    assert_eq!(route(env(&report, "test"), "web", "api").0, None);
}

#[test]
fn example_worker_client() {
    let report = example_report("worker-client");
    let test = env(&report, "test");
    assert_eq!(route(test, "notifier", "api"), sc("http://api:8080"));
    assert_eq!(route(test, "api", "notifier"), (None, None));
    let notifier = svc(test, "notifier");
    let connect = notifier.service_connect.as_ref().unwrap();
    assert!(connect.enabled && !connect.server);
    assert!(!notifier.service_discovery.registered);
    // The about text: an alias on a worker is an error.
    let files: Vec<SourceFile> = example("worker-client")
        .files()
        .into_iter()
        .map(|mut f| {
            if f.path == "copilot/notifier/manifest.yml" {
                f.text = f
                    .text
                    .replace("connect: true", "connect:\n    alias: notifier");
            }
            f
        })
        .collect();
    let report = analyze_files(files, &[]);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code() == "connect-alias-without-port" && d.severity == Severity::Error)
    );
}

#[test]
fn example_prod_overrides() {
    let report = example_report("prod-overrides");
    assert_eq!(
        route(env(&report, "test"), "front-end", "api"),
        sc("http://api:8080")
    );
    let prod = env(&report, "prod");
    assert_eq!(
        route(prod, "front-end", "api"),
        sd("http://api.prod.kudos.local:8080")
    );
    assert!(prod.services.iter().all(|s| s.service_connect.is_none()));
    // The about text: one override alone gives a warning in prod.
    for keep in ["api", "front-end"] {
        let files: Vec<SourceFile> = example("prod-overrides")
            .files()
            .into_iter()
            .map(|mut f| {
                if f.path == format!("copilot/{keep}/manifest.yml") {
                    f.text = f.text.split("environments:").next().unwrap().to_owned();
                }
                f
            })
            .collect();
        let report = analyze_files(files, &[]);
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Warning
                    && d.env.as_deref() == Some("prod")
                    && d.code().starts_with("connect-off-")),
            "{keep}: {:#?}",
            findings(&report)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Training

fn training_dirs() -> Vec<String> {
    subdirs(&web().join("training"))
}

#[test]
fn every_exercise_is_embedded_and_parses() {
    let dirs = training_dirs();
    assert!(
        dirs.len() >= 8,
        "at least 8 exercises, found {}",
        dirs.len()
    );
    for (i, slug) in dirs.iter().enumerate() {
        assert!(
            slug.starts_with(&format!("{:02}-", i + 1)),
            "{slug}: numbered 01, 02, … in order"
        );
        let text = std::fs::read_to_string(web().join("training").join(slug).join("exercise.json"))
            .unwrap();
        if let Err(e) = Exercise::parse(slug, &text) {
            panic!("{slug}/exercise.json: {e}");
        }
    }
    let slugs: Vec<String> = training::exercises().into_iter().map(|e| e.slug).collect();
    assert_eq!(slugs, dirs, "every exercise embedded and parsed, in order");
    assert_eq!(
        training::find(&dirs[0]).map(|e| e.slug),
        Some(dirs[0].clone())
    );
}

#[test]
fn every_exercise_is_well_formed() {
    let mut titles = Vec::new();
    for ex in training::exercises() {
        let slug = &ex.slug;
        assert!((2..=4).contains(&ex.hints.len()), "{slug}: 2 to 4 hints");
        assert!(!ex.title.is_empty() && !ex.goal.is_empty(), "{slug}");
        assert!(!ex.checks.is_empty(), "{slug}");
        assert!(
            ex.checks.iter().all(|c| !c.label().is_empty()),
            "{slug}: every check has a label"
        );
        assert!(!titles.contains(&ex.title), "{slug}: title repeated");
        titles.push(ex.title.clone());
        let files = ex.start_files();
        assert!(
            files.iter().any(|f| f.path == "copilot/.workspace"),
            "{slug}"
        );
        // The embedded start is the one on disk.
        let mut embedded = files.clone();
        embedded.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(
            embedded,
            read_workspace(&web().join("training").join(slug).join("start")),
            "{slug}"
        );
        // The environment it opens on exists.
        let report = analyze_files(files, &[]);
        env(&report, &ex.env);
    }
}

#[test]
fn every_start_fails_and_every_solution_passes() {
    for ex in training::exercises() {
        let slug = &ex.slug;
        let start = evaluate(&ex, &analyze_files(ex.start_files(), &[]));
        assert_eq!(start.len(), ex.checks.len());
        assert!(!solved(&start), "{slug}: the start already passes");
        for r in start.iter().filter(|r| !r.passed) {
            assert!(
                r.detail.is_some(),
                "{slug}: {} failed without a detail",
                r.label
            );
        }

        let solution = read_workspace(&web().join("training").join(slug).join("solution"));
        let report = analyze_files(solution, &[]);
        let results = evaluate(&ex, &report);
        let failed: Vec<_> = results.iter().filter(|r| !r.passed).collect();
        assert!(failed.is_empty(), "{slug}: the solution fails {failed:#?}");
        assert!(solved(&results), "{slug}");
        assert_eq!(report.error_count(), 0, "{slug}: {:#?}", findings(&report));
        assert_eq!(
            findings(&report),
            Vec::<String>::new(),
            "{slug}: solutions are clean"
        );
    }
}

/// Each exercise builds on the one before: its start keeps the previous solution's services.
#[test]
fn exercises_build_on_each_other() {
    let exercises = training::exercises();
    for pair in exercises.windows(2) {
        let previous = read_workspace(&web().join("training").join(&pair[0].slug).join("solution"));
        let next = pair[1].start_files();
        for f in previous.iter().filter(|f| f.path != "copilot/.workspace") {
            assert!(
                next.iter().any(|n| n.path == f.path),
                "{}: {} of the previous solution is gone",
                pair[1].slug,
                f.path
            );
        }
    }
}

/// The checks of one exercise on its own start say what is wrong, in words a trainee can act on.
#[test]
fn start_details_read_well() {
    let ex = training::exercises().into_iter().next().unwrap();
    let results = evaluate(&ex, &analyze_files(ex.start_files(), &[]));
    let detail = results.iter().find_map(|r| r.detail.clone()).unwrap();
    assert_eq!(
        detail,
        "front-end reaches api through Service Discovery at http://api.test.kudos.local:8080 (expected Service Connect)"
    );
}
