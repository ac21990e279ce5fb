//! `check --format github|sarif|gitlab|human` on a fixture workspace (`tests/fixtures/ci`: an
//! error, two warnings whose secondary labels point into the other service, a note), each
//! compared with `--format json`; and the inputs the CLI refuses, each with its own code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ci")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copilot-manifest"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn check(format: &str) -> (Option<i32>, String) {
    let out = run(&["check", fixture().to_str().unwrap(), "--format", format]);
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

/// The Report's diagnostics, the reference every other format is compared with.
fn json_diagnostics() -> Vec<Value> {
    let (code, text) = check("json");
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_str(&text).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

fn expected_message(d: &Value) -> String {
    let mut text = d["message"].as_str().unwrap().to_string();
    if let Some(env) = d["env"].as_str() {
        text.push_str(&format!(" (environment {env})"));
    }
    if let Some(copilot) = d["copilot_error"].as_str() {
        text.push_str(&format!("\nCopilot: {copilot}"));
    }
    if let Some(help) = d["help"].as_str() {
        text.push_str(&format!("\nhelp: {help}"));
    }
    text
}

#[test]
fn the_fixture_has_an_error_a_warning_and_labels_in_another_file() {
    let diags = json_diagnostics();
    let severities: Vec<&str> = diags
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert!(
        severities.contains(&"error")
            && severities.contains(&"warning")
            && severities.contains(&"info")
    );
    assert!(diags.iter().any(|d| {
        d["related"]
            .as_array()
            .is_some_and(|r| r.iter().any(|l| l["file"] != d["file"]))
    }));
}

/// GitHub's unescaping (actions/runner): `%0D`, `%0A`, `%3A`, `%2C`, then `%25`.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_lines_parse_back_to_the_json_report() {
    let diags = json_diagnostics();
    let (code, text) = check("github");
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), diags.len(), "{text}");
    for (line, d) in lines.iter().zip(&diags) {
        let rest = line.strip_prefix("::").unwrap();
        let (head, message) = rest.split_once("::").unwrap();
        // Neither part may hold a raw line break or, in properties, a raw `:` or `,` inside a value.
        assert!(!message.contains('\n') && !message.contains('\r'), "{line}");
        let (kind, props) = head.split_once(' ').unwrap();
        let expected_kind = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(kind, expected_kind, "{line}");
        let props: Vec<(&str, String)> = props
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k, unescape(v))
            })
            .collect();
        let prop = |name: &str| props.iter().find(|(k, _)| *k == name).unwrap().1.clone();
        assert_eq!(prop("file"), d["file"].as_str().unwrap());
        assert_eq!(prop("line"), d["line"].to_string());
        assert_eq!(prop("col"), d["column"].to_string());
        assert_eq!(prop("endLine"), d["end_line"].to_string());
        assert_eq!(prop("endColumn"), d["end_column"].to_string());
        assert_eq!(prop("title"), d["code"].as_str().unwrap());
        assert_eq!(unescape(message), expected_message(d), "{line}");
    }
    // Copilot's multi-line text travels escaped.
    assert!(
        text.contains(
            "yaml: unmarshal errors:%0A  line 6: cannot unmarshal !!str `80` into uint16"
        ),
        "{text}"
    );
}

/// The OASIS schema, read in place; absent only outside CI (then the test says so and skips).
fn sarif_schema() -> Option<Value> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/sarif/sarif-schema-2.1.0.json");
    match fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).unwrap()),
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{}: {e}",
                path.display()
            );
            eprintln!("SKIPPED: no SARIF schema at {} ({e})", path.display());
            None
        }
    }
}

#[test]
fn sarif_is_valid_and_says_what_json_says() {
    let diags = json_diagnostics();
    let (code, text) = check("sarif");
    assert_eq!(code, Some(1));
    let log: Value = serde_json::from_str(&text).unwrap();
    if let Some(schema) = sarif_schema() {
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // The validator does catch a broken log.
        let mut broken = log.clone();
        broken["runs"][0]["results"][0]["level"] = json!("fatal");
        assert!(!validator.is_valid(&broken));
    }
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "copilot-manifest");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), copilot_manifest::Rule::ALL.len());
    for (rule, r) in copilot_manifest::Rule::ALL.iter().zip(rules) {
        assert_eq!(r["id"], rule.code());
        assert_eq!(r["shortDescription"]["text"], rule.summary());
        assert_eq!(r["fullDescription"]["text"], rule.explain());
        assert!(r["help"]["text"].as_str().unwrap().contains(rule.explain()));
        let level = match rule.severity() {
            copilot_manifest::Severity::Error => "error",
            copilot_manifest::Severity::Warning => "warning",
            copilot_manifest::Severity::Info => "note",
        };
        assert_eq!(r["defaultConfiguration"]["level"], level);
    }
    // The collision's help is `explain`'s page, examples included.
    let collision = rules
        .iter()
        .find(|r| r["id"] == "connect-alias-collision")
        .unwrap();
    assert!(
        collision["help"]["text"]
            .as_str()
            .unwrap()
            .contains("Fails:")
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with("/tests/fixtures/ci/"),
        "{base}"
    );

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diags.len());
    for (res, d) in results.iter().zip(&diags) {
        assert_eq!(res["ruleId"], d["code"]);
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], d["code"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(res["level"], level);
        assert_eq!(res["message"]["text"], expected_message(d));
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], d["file"]);
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(
            loc["region"],
            json!({"startLine": d["line"], "startColumn": d["column"],
                   "endLine": d["end_line"], "endColumn": d["end_column"]})
        );
        let related = d["related"].as_array().cloned().unwrap_or_default();
        let sarif_related = res["relatedLocations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(sarif_related.len(), related.len());
        for (s, j) in sarif_related.iter().zip(&related) {
            assert_eq!(s["physicalLocation"]["artifactLocation"]["uri"], j["file"]);
            assert_eq!(s["physicalLocation"]["region"]["startLine"], j["line"]);
            assert_eq!(s["message"]["text"], j["message"]);
        }
        match d["env"].as_str() {
            Some(env) => assert_eq!(res["properties"]["environment"], env),
            None => assert!(res.get("properties").is_none()),
        }
    }
}

#[test]
fn sarif_names_the_environment_of_a_finding_that_holds_in_one() {
    // Two environments, an override that sets a bad alias only in prod: the result carries
    // `environment`.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (rel, text) in [
        ("copilot/.workspace", "application: shop\n"),
        (
            "copilot/environments/test/manifest.yml",
            "name: test\ntype: Environment\n",
        ),
        (
            "copilot/environments/prod/manifest.yml",
            "name: prod\ntype: Environment\n",
        ),
        (
            "copilot/api/manifest.yml",
            "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\nenvironments:\n  prod:\n    network:\n      connect:\n        alias: My_API\n",
        ),
    ] {
        fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        fs::write(root.join(rel), text).unwrap();
    }
    let out = run(&["check", root.to_str().unwrap(), "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = &log["runs"][0]["results"];
    assert_eq!(results.as_array().unwrap().len(), 1, "{results}");
    assert_eq!(results[0]["ruleId"], "connect-alias-invalid", "{results}");
    assert_eq!(results[0]["properties"]["environment"], "prod", "{results}");
    assert!(
        results[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("(environment prod)"),
        "{results}"
    );
}

#[test]
fn gitlab_issues_field_by_field() {
    let diags = json_diagnostics();
    let (code, text) = check("gitlab");
    assert_eq!(code, Some(1));
    let issues: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(issues.len(), diags.len());
    let mut fingerprints = std::collections::HashSet::new();
    for (issue, d) in issues.iter().zip(&diags) {
        let keys: Vec<&str> = issue
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "description",
                "check_name",
                "fingerprint",
                "severity",
                "location"
            ]
        );
        assert_eq!(issue["description"], expected_message(d));
        assert_eq!(issue["check_name"], d["code"]);
        let severity = match d["severity"].as_str().unwrap() {
            "error" => "major",
            "warning" => "minor",
            _ => "info",
        };
        assert_eq!(issue["severity"], severity);
        assert_eq!(issue["location"]["path"], d["file"]);
        assert_eq!(
            issue["location"]["positions"],
            json!({"begin": {"line": d["line"], "column": d["column"]},
                   "end": {"line": d["end_line"], "column": d["end_column"]}})
        );
        let fp = issue["fingerprint"].as_str().unwrap();
        assert!(
            fp.len() >= 16 && fp.chars().all(|c| c.is_ascii_hexdigit() || c == '-'),
            "{fp}"
        );
        assert!(
            fingerprints.insert(fp.to_string()),
            "duplicate fingerprint {fp}"
        );
    }
    // Stable: the same input gives the same fingerprints.
    assert_eq!(check("gitlab").1, text);
}

#[test]
fn human_shows_secondary_labels_in_the_other_file() {
    let (code, text) = check("human");
    assert_eq!(code, Some(1));
    let expected = "\
warning[connect-alias-collision]: the Service Connect alias `payments` is also published by orders
  --> copilot/billing/manifest.yml:8:5
   |
 8 |     alias: payments
   |     ^^^^^^^^^^^^^^^ network.connect.alias
   |
  ::: copilot/orders/manifest.yml:10:5
   |
10 |     alias: payments
   |     --------------- orders publishes `payments` too
";
    assert!(text.contains(expected), "{text}");
    assert!(
        text.contains("error[wrong-type]:") && text.contains("info[url-needs-port]:"),
        "{text}"
    );
    assert!(text.ends_with("1 error, 2 warnings\n"), "{text}");
}

fn workspace_with_api(bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("copilot/api")).unwrap();
    fs::write(root.join("copilot/.workspace"), "application: shop\n").unwrap();
    fs::write(root.join("copilot/api/manifest.yml"), bytes).unwrap();
    dir
}

/// Exit 2 and exactly one line on stderr, `error[code]: …`; nothing on stdout.
fn refused(dir: &Path, format: &str) -> String {
    let out = run(&["check", dir.to_str().unwrap(), "--format", format]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn a_file_over_the_size_limit_is_file_too_large() {
    let mut text = b"name: api\n# ".to_vec();
    text.resize(copilot_manifest::syntax::MAX_FILE_BYTES + 1, b'x');
    let dir = workspace_with_api(&text);
    let err = refused(dir.path(), "sarif");
    assert!(
        err.starts_with("error[file-too-large]: copilot/api/manifest.yml is 1048577 bytes"),
        "{err}"
    );
    // At the limit it is read (and analysed).
    text.truncate(copilot_manifest::syntax::MAX_FILE_BYTES);
    let dir = workspace_with_api(&text);
    assert_ne!(
        run(&["check", dir.path().to_str().unwrap()]).status.code(),
        Some(2)
    );
}

#[test]
fn utf16_and_invalid_utf8_are_not_utf8() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("name: api\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let err = refused(workspace_with_api(&utf16).path(), "json");
    assert!(
        err.starts_with(
            "error[not-utf8]: copilot/api/manifest.yml is not UTF-8 text (UTF-16 little-endian"
        ),
        "{err}"
    );
    // Without a byte order mark, UTF-16 ASCII is valid UTF-8 full of NULs.
    let bare: Vec<u8> = "name: api\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let err = refused(workspace_with_api(&bare).path(), "github");
    assert!(
        err.starts_with(
            "error[not-utf8]: copilot/api/manifest.yml is not UTF-8 text (a NUL byte at offset 0"
        ),
        "{err}"
    );
    let err = refused(workspace_with_api(b"name: \xff\n").path(), "human");
    assert!(err.starts_with("error[not-utf8]: copilot/api/manifest.yml is not UTF-8 text (invalid byte 0xFF at offset 6)"), "{err}");
}

#[test]
fn a_missing_copilot_folder_is_no_copilot_folder() {
    let dir = tempfile::tempdir().unwrap();
    let err = refused(dir.path(), "gitlab");
    assert!(
        err.starts_with("error[no-copilot-folder]: no copilot/ folder in "),
        "{err}"
    );
}

#[test]
fn lsp_subcommand_serves_over_stdio() {
    use std::io::{Read, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_copilot-manifest"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for body in [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","method":"exit"}"#,
    ] {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    }
    stdin.flush().unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert!(out.starts_with("Content-Length: "), "{out}");
    assert!(out.contains(r#""positionEncoding":"utf-16""#), "{out}");
    assert!(
        out.contains(r#""id":2,"result":null"#) || out.contains(r#""result":null"#),
        "{out}"
    );
}
