//! The CLI end to end: a real folder on disk, the real binary, its JSON and exit codes.

use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const API: &str = "name: api\ntype: Backend Service\nimage:\n  build: api/Dockerfile\n  port: 80\nnetwork:\n  connect: true\n";
const FRONT_END: &str = "name: front-end\ntype: Load Balanced Web Service\nimage:\n  build: front-end/Dockerfile\n  port: 80\nhttp:\n  path: '/'\nnetwork:\n  connect: true\n";

fn write(root: &Path, rel: &str, text: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn kudos() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "copilot/.workspace", b"application: kudos\n");
    write(dir.path(), "copilot/api/manifest.yml", API.as_bytes());
    write(
        dir.path(),
        "copilot/front-end/manifest.yml",
        FRONT_END.as_bytes(),
    );
    write(
        dir.path(),
        "copilot/environments/test/manifest.yml",
        b"name: test\ntype: Environment\n",
    );
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copilot-manifest"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn kudos_json_endpoints() {
    let dir = kudos();
    let out = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["version"], copilot_manifest::report::REPORT_VERSION);
    assert_eq!(report["app"], "kudos");
    assert_eq!(report["diagnostics"], Value::Array(vec![]));
    let env = &report["environments"][0];
    assert_eq!(env["name"], "test");
    assert_eq!(env["namespace"], "test.kudos.local");
    let api = env["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "api")
        .unwrap();
    assert_eq!(api["type"], "Backend Service");
    assert_eq!(api["manifest"], "copilot/api/manifest.yml");
    assert_eq!(api["service_connect"]["url"], "http://api");
    assert_eq!(api["service_connect"]["port"], 80);
    assert_eq!(api["service_discovery"]["dns_name"], "api.test.kudos.local");
    assert_eq!(
        api["env_vars"]["COPILOT_SERVICE_DISCOVERY_ENDPOINT"],
        "test.kudos.local"
    );
    // Report v2: one entry per client and way; the URL is the target's own.
    let route = env["reachability"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["from"] == "front-end" && r["via"] == "service-connect")
        .unwrap();
    assert!(
        route["to"]
            .as_array()
            .unwrap()
            .contains(&Value::from("api")),
        "{route}"
    );
}

#[test]
fn flags_add_environments_and_legacy_namespaces() {
    let dir = kudos();
    let out = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--env",
        "prod",
        "--legacy-namespace",
        "prod",
        "--app",
        "shop",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let prod = report["environments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "prod")
        .unwrap();
    assert_eq!(prod["namespace"], "shop.local");
    assert_eq!(prod["legacy_namespace"], true);
}

#[test]
fn errors_exit_1_with_a_snippet() {
    let dir = kudos();
    write(
        dir.path(),
        "copilot/api/manifest.yml",
        API.replace("port: 80", "port: \"80\"").as_bytes(),
    );
    let out = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("--> copilot/api/manifest.yml:5:9"), "{text}");
    assert!(
        text.contains("cannot unmarshal !!str `80` into uint16"),
        "{text}"
    );
    assert!(text.contains("front-end -> api: no path"), "{text}");
}

#[test]
fn missing_copilot_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no copilot/ folder"));
}

#[test]
fn unreadable_manifest_exits_2() {
    let dir = kudos();
    write(dir.path(), "copilot/api/manifest.yml", b"name: \xff\xfe\n");
    let out = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error[not-utf8]: ")
            && err.contains("api/manifest.yml")
            && err.contains("not UTF-8"),
        "{err}"
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&["check", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--var", "novalue"]).status.code(), Some(2));
}

/// The core's fixture folder of a rule (what `explain` embeds at build time).
fn fixture(code: &str, file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../manifest/tests/fixtures")
        .join(code)
        .join(file);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` as `explain` prints a file: every non-empty line indented by four spaces.
fn indented(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
            }
        })
        .collect()
}

#[test]
fn explain_prints_a_rule_with_its_fixtures() {
    let out = run(&["explain", "connect-alias-without-port"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let rule = copilot_manifest::Rule::ConnectAliasWithoutPort;
    assert!(
        text.starts_with(&format!(
            "connect-alias-without-port (error): {}\n\n{}\n\nSource: {}\n",
            rule.summary(),
            rule.explain(),
            rule.source()
        )),
        "{text}"
    );
    // The fixture files, verbatim and in order: the failing manifest, then the passing one.
    let expected = format!(
        "\nFails:\n  copilot/svc/manifest.yml\n{}\nPasses:\n  copilot/svc/manifest.yml\n{}",
        indented(&fixture("connect-alias-without-port", "invalid.yml")),
        indented(&fixture("connect-alias-without-port", "valid.yml")),
    );
    assert!(
        text.ends_with(&expected),
        "{text}\n---- expected ending:\n{expected}"
    );
    assert!(text.contains("    alias: api\n"), "{text}");
}

#[test]
fn explain_shows_workspace_fixtures_file_by_file() {
    let text = String::from_utf8(run(&["explain", "connect-alias-collision"]).stdout).unwrap();
    let fails = text.split("\nPasses:\n").next().unwrap();
    for file in [
        "copilot/.workspace",
        "copilot/a/manifest.yml",
        "copilot/b/manifest.yml",
        "copilot/environments/test/manifest.yml",
    ] {
        let block = format!(
            "  {file}\n{}",
            indented(&fixture(
                "connect-alias-collision",
                &format!("invalid/{file}")
            ))
        );
        assert!(fails.contains(&block), "{file} missing from:\n{text}");
    }
    // No snapshot is shown as an example.
    assert!(
        !text.contains("invalid.snap") && !text.contains("source: crates/"),
        "{text}"
    );
}

#[test]
fn explain_shows_small_json_and_describes_generated_inputs() {
    let text = String::from_utf8(run(&["explain", "invalid-workspace"]).stdout).unwrap();
    assert!(
        text.contains("Fails:\n  workspace.json\n    {\"files\": 3}\n"),
        "{text}"
    );
    let text = String::from_utf8(run(&["explain", "too-many-files"]).stdout).unwrap();
    assert!(
        text.contains("Fails:\n  workspace.json\n    (generated input: a workspace of 1001 files"),
        "{text}"
    );
    assert!(text.contains("a workspace of 1000 files"), "{text}");
    assert!(!text.contains("x/1"), "{text}");
}

#[test]
fn explain_lists_every_rule_and_refuses_unknown_codes() {
    let out = run(&["explain"]);
    assert_eq!(out.status.code(), Some(0));
    let list = String::from_utf8(out.stdout).unwrap();
    let rules = copilot_manifest::Rule::ALL;
    assert_eq!(list.lines().count(), rules.len(), "{list}");
    for (line, rule) in list.lines().zip(rules) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], rule.code(), "{line}");
        assert_eq!(words[1], rule.severity().as_str(), "{line}");
        assert!(line.ends_with(rule.summary()), "{line}");
    }
    let out = run(&["explain", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rule `no-such-rule`"));
}

#[test]
fn endpoints_table_and_json() {
    let dir = kudos();
    let out = run(&["endpoints", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let api_row = text
        .lines()
        .find(|l| l.trim_start().starts_with("api "))
        .unwrap();
    assert!(
        api_row.contains("http://api ") && api_row.ends_with("http://api.test.kudos.local"),
        "{text}"
    );
    assert!(
        text.contains("front-end -> api: http://api (Service Connect)"),
        "{text}"
    );
    let out = run(&[
        "endpoints",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let envs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(envs[0]["namespace"], "test.kudos.local");
}

#[test]
fn render_yaml_json_and_explain() {
    let dir = kudos();
    let root = dir.path().to_str().unwrap();
    let out = run(&["render", root, "--service", "api", "--env", "test"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# Resources.Service.Properties.ServiceRegistries\nServiceRegistries: !If\n  - ExposePort\n"), "{text}");
    assert!(text.contains("# Resources.TaskDefinition.Properties.ContainerDefinitions[0].PortMappings\nPortMappings:\n  - ContainerPort: 80\n    Protocol: tcp\n    Name: target\n"), "{text}");

    let out = run(&[
        "render",
        root,
        "--service",
        "api",
        "--env",
        "test",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sc = &json["template"]["Resources"]["Service"]["Properties"]["ServiceConnectConfiguration"];
    assert_eq!(
        sc["Services"][0]["ClientAliases"][0]["DnsName"]["Ref"],
        "WorkloadName"
    );
    assert_eq!(json["parameter_values"]["TargetPort"], "80");

    let out = run(&[
        "render",
        root,
        "--service",
        "api",
        "--env",
        "test",
        "--explain",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let enabled = text
        .lines()
        .find(|l| l.starts_with("  Enabled: true"))
        .unwrap();
    assert!(
        enabled.ends_with("# ← copilot/api/manifest.yml:7 `connect: true`"),
        "{enabled}"
    );
}

#[test]
fn render_unknown_service_or_environment_is_exit_2() {
    let dir = kudos();
    let root = dir.path().to_str().unwrap();
    let out = run(&["render", root, "--service", "nope", "--env", "test"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no service `nope`"));
    let out = run(&["render", root, "--service", "api", "--env", "prod"]);
    assert_eq!(out.status.code(), Some(2));
}
