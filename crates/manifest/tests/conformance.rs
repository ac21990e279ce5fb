//! Conformance against Copilot's own data (AWS Copilot CLI, Copyright Amazon.com, Inc. or its
//! affiliates, Apache-2.0), read in place from `../shared/conformance/copilot/` beside the
//! repository (or `COPILOT_CONFORMANCE_DIR`); never copied here. Without the corpus the suite says
//! so loudly and skips, except under `CI=true`, where a missing corpus fails.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use common::corpus;
use copilot_manifest::{Severity, SourceFile, Workspace, analyze};
use serde_json::Value;

fn errors_for(
    dir: &std::path::Path,
    manifest: &str,
    app: &str,
    env: &str,
    vars: &Value,
    refused_by_copilot: &[String],
) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(manifest)).unwrap();
    let mut ws = Workspace {
        files: vec![SourceFile::new("copilot/svc/manifest.yml", text)],
        app: Some(app.to_string()),
        environments: vec![env.to_string()],
        ..Workspace::default()
    };
    if let Some(vars) = vars.as_object() {
        ws.variables = vars
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect();
    }
    analyze(&ws)
        .diagnostics
        .iter()
        .filter(|d| {
            (d.severity == Severity::Error || d.code() == "unknown-key")
                && d.env.as_deref().is_none_or(|e| e == env)
                && !d
                    .copilot_error
                    .as_ref()
                    .is_some_and(|t| refused_by_copilot.contains(t))
        })
        .map(|d| {
            format!(
                "{manifest} ({env}) {}:{} {}: {}",
                d.line(),
                d.column(),
                d.code(),
                d.message
            )
        })
        .collect()
}

/// The validation errors Copilot's own code gave on the unmodified corpus file `source`
/// (`../shared/conformance/differential/cases.jsonl`, its `baseline-…` cases), as the CLI
/// prints them; empty without the data.
fn copilot_refusals(source: &str) -> Vec<String> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/differential/cases.jsonl");
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in text.lines() {
        let Ok(case) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if case["op"] != "none" || case["source"] != source {
            continue;
        }
        for env in case["copilot"]["environments"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for svc in env["services"].as_array().into_iter().flatten() {
                if svc["stage"] == "validate"
                    && let Some(t) = svc["cli_error"].as_str()
                {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_valid_corpus_manifest_has_no_errors_or_unknown_keys() {
    let Some(dir) = corpus() else { return };
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cases.json")).unwrap()).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in cases["cases"].as_array().unwrap() {
        let Some(manifest) = case["manifest"].as_str() else {
            continue;
        };
        let (app, env) = (case["app"].as_str().unwrap(), case["env"].as_str().unwrap());
        failures.extend(errors_for(
            &dir,
            manifest,
            app,
            env,
            &case["shell_env"],
            &[],
        ));
        checked += 1;
    }
    for golden in cases["generated_manifest_goldens"]["files"]
        .as_array()
        .unwrap()
    {
        let golden = golden.as_str().unwrap();
        if golden.contains("environment-") {
            continue;
        }
        // A few goldens of Copilot's manifest *writer* are refused by its own `Validate()`
        // (`service: service4TestTopic` breaks `isValidSubSvcName`): the differential data,
        // Copilot's verdicts, says so; those errors, with Copilot's very text, are not false.
        let refused = copilot_refusals(golden);
        if !refused.is_empty() {
            eprintln!("conformance: Copilot itself refuses {golden}: {refused:?}");
        }
        failures.extend(errors_for(
            &dir,
            golden,
            "my-app",
            "test",
            &Value::Null,
            &refused,
        ));
        checked += 1;
    }
    for e2e in [
        "e2e/multi-svc-app/copilot/front-end/manifest.yml",
        "e2e/isolated/copilot/backend/manifest.yml",
        "e2e/static-site/copilot/svc/manifest.yml",
    ] {
        // The e2e suite exports DOMAINNAME before deploying.
        failures.extend(errors_for(
            &dir,
            e2e,
            "e2e",
            "test",
            &serde_json::json!({"DOMAINNAME": "example.com"}),
            &[],
        ));
        checked += 1;
    }
    eprintln!(
        "conformance: {checked} valid manifests checked, {} with errors",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The endpoints spec §10 states for corpus cases (rows 1, 2, 6, 19).
#[test]
fn corpus_endpoints_match_the_spec() {
    let Some(dir) = corpus() else { return };
    let endpoints = |manifest: &str, env: &str, vars: Value| {
        let text = std::fs::read_to_string(dir.join(manifest)).unwrap();
        let mut ws = Workspace {
            files: vec![SourceFile::new("copilot/svc/manifest.yml", text)],
            app: Some("my-app".into()),
            environments: vec![env.to_string()],
            ..Workspace::default()
        };
        if let Some(vars) = vars.as_object() {
            ws.variables = vars
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect();
        }
        let report = analyze(&ws);
        let env = report
            .environments
            .into_iter()
            .find(|e| e.name == env)
            .unwrap();
        env.services.into_iter().next().unwrap()
    };

    let simple = endpoints(
        "stack/workloads/backend/simple-manifest.yml",
        "my-env",
        Value::Null,
    );
    let sc = simple.service_connect.clone().unwrap();
    assert_eq!(
        (sc.server, sc.alias.as_deref(), sc.port),
        (true, Some(simple.name.as_str()), Some(8080))
    );
    assert_eq!(
        simple.service_discovery.dns_name,
        Some(format!("{}.my-env.my-app.local", simple.name))
    );
    assert_eq!(simple.service_discovery.port, Some(8080));

    let no_port = endpoints(
        "stack/workloads/backend/simple-manifest-without-port-config.yml",
        "my-env",
        Value::Null,
    );
    assert_eq!(no_port.service_connect.map(|s| s.server), Some(false));
    assert!(!no_port.service_discovery.registered);

    let worker = endpoints("stack/workloads/worker-manifest.yml", "test", Value::Null);
    let sc = worker.service_connect.unwrap();
    assert!(sc.enabled && !sc.server);

    let prod = endpoints(
        "stack/workloads/svc-manifest.yml",
        "prod",
        serde_json::json!({"TAG": "cicdtest"}),
    );
    let sc = prod.service_connect.unwrap();
    assert_eq!((sc.alias.as_deref(), sc.port), (Some("api"), Some(8080)));
    assert_eq!(
        prod.env_vars["COPILOT_SERVICE_DISCOVERY_ENDPOINT"],
        "prod.my-app.local"
    );
}

/// The corpus' environment manifests: only known keys, and exactly the refusal Copilot's own
/// code gave each of them (the unmodified `baseline-…` workspaces of the differential data, read
/// in place): three of them list certificates that are not ARNs.
#[test]
fn corpus_environment_manifests_get_copilots_verdict() {
    let Some(dir) = corpus() else { return };
    let verdicts = std::fs::read_to_string(dir.join("../differential/cases.jsonl")).unwrap();
    let mut checked = 0;
    let mut problems = Vec::new();
    for line in verdicts.lines() {
        let case: Value = serde_json::from_str(line).unwrap();
        let source = case["source"].as_str().unwrap_or_default();
        if case["op"] != "none" || !source.contains("environment") {
            continue;
        }
        let expected = case["copilot"]["environments"][0]["environment_manifest"]["cli_error"]
            .as_str()
            .map(str::to_string);
        let text = std::fs::read_to_string(dir.join(source)).unwrap();
        let mut ws = Workspace {
            files: vec![SourceFile::new(
                "copilot/environments/test/manifest.yml",
                text,
            )],
            app: Some("kudos".into()),
            ..Workspace::default()
        };
        if let Some(vars) = case["vars"].as_object() {
            ws.variables = vars
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect();
        }
        let diagnostics = analyze(&ws).diagnostics;
        let ours: Vec<Option<String>> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.copilot_error.clone())
            .collect();
        // Copilot stops at its first refusal; we may also report later, independent ones.
        let agrees = match &expected {
            None => ours.is_empty(),
            Some(text) => ours.contains(&Some(text.clone())),
        };
        if !agrees {
            problems.push(format!("{source}: Copilot {expected:?}, ours {ours:?}"));
        }
        problems.extend(
            diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Error)
                .map(|d| format!("{source}: {}:{} {}", d.line(), d.column(), d.message)),
        );
        checked += 1;
    }
    assert_eq!(checked, 6, "the six corpus environment manifests");
    assert!(problems.is_empty(), "{problems:#?}");
}
