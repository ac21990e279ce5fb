//! Every key of every workload type: unknown keys are warnings with a suggestion, scalar values
//! yaml.v3 would refuse are errors in Copilot's words (spec §2.1, §2.4).
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use common::*;
use copilot_manifest::Severity;

#[test]
fn unknown_keys_suggest_the_nearest_known_key() {
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwrk:\n  connect: true\nenvironments:\n  prod:\n    imag:\n      port: 81\n",
    );
    let unknown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code() == "unknown-key")
        .collect();
    assert_eq!(unknown.len(), 2, "{unknown:#?}");
    assert_eq!(unknown[0].severity, Severity::Warning);
    assert_eq!((unknown[0].line(), unknown[0].column()), (6, 1));
    assert_eq!(unknown[0].help.as_deref(), Some("did you mean `network`?"));
    assert_eq!(unknown[1].path(), Some("environments.prod.imag"));
    assert_eq!(unknown[1].help.as_deref(), Some("did you mean `image`?"));
    assert!(errors(&report).is_empty());
}

#[test]
fn keys_of_another_type_are_unknown_here() {
    let report = single(
        "name: w\ntype: Worker Service\nimage:\n  build: Dockerfile\n  port: 80\nsubscribe:\n  topics: []\n",
    );
    assert_eq!(codes(&report), ["unknown-key"]);
    assert_eq!(problems(&report)[0].path(), Some("image.port"));
}

#[test]
fn user_keys_and_list_items_are_checked_below_them() {
    let report = single(
        "name: web\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  additional_rules:\n    - path: admin\n      target_prot: 81\nsidecars:\n  nginx:\n    image: nginx\n    port: 8080\n    essentail: true\nvariables:\n  ANYTHING_GOES: 1\n",
    );
    let paths: Vec<_> = problems(&report)
        .iter()
        .map(|d| d.path().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "http.additional_rules[0].target_prot",
            "sidecars.nginx.essentail"
        ]
    );
}

#[test]
fn scalar_types_follow_yaml_v3() {
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n  healthcheck:\n    interval: 10\n    retries: three\nhttp:\n  path: /\n  stickiness: maybe\ncpu: \"256\"\n",
    );
    let errs: Vec<_> = errors(&report)
        .iter()
        .map(|d| d.copilot_error.clone().unwrap())
        .collect();
    // yaml.v3 lists every type error of one decoding in one error: each finding carries it.
    assert_eq!(errs.len(), 4);
    assert!(errs.iter().all(|e| e == &errs[0]));
    let lines: Vec<_> = errs[0].split("\n  ").skip(1).collect();
    assert_eq!(
        lines,
        [
            "line 7: cannot unmarshal !!int `10` into time.Duration",
            "line 8: cannot unmarshal !!str `three` into int",
            "line 11: cannot unmarshal !!str `maybe` into bool",
            "line 12: cannot unmarshal !!str `256` into int",
        ]
    );
    assert!(errs[0].starts_with("unmarshal service svc manifest: unmarshal manifest for Backend Service: yaml: unmarshal errors:\n"));
}

#[test]
fn environment_manifests_are_checked_too() {
    let mut ws = workspace(&[("api", KUDOS_API)]);
    ws.files[1].text = "name: test\ntype: Environment\nnetwrok:\n  vpc: {}\n".into();
    let report = copilot_manifest::analyze(&ws);
    assert_eq!(codes(&report), ["unknown-key"]);
    assert_eq!(
        problems(&report)[0].help.as_deref(),
        Some("did you mean `network`?")
    );
}

#[test]
fn union_fields_give_copilots_fixed_messages() {
    let base = "name: api\ntype: Backend Service\nimage:\n  port: 80\n";
    let cases = [
        (
            "  build: {}\n",
            "",
            "unable to unmarshal build field into string or compose-style map",
        ),
        (
            "  build: Dockerfile\n",
            "network:\n  vpc:\n    placement: [a]\n",
            "unable to unmarshal placement field into string or compose-style map",
        ),
        (
            "  build: Dockerfile\n",
            "network:\n  vpc:\n    placement:\n      subnets: subnet-1\n",
            "unable to unmarshal subnets field into string slice or compose-style map",
        ),
        (
            "  build: Dockerfile\n",
            "network:\n  vpc:\n    security_groups: {}\n",
            "unable to unmarshal \"security_groups\" field into slice of strings or compose-style map",
        ),
    ];
    for (image, rest, message) in cases {
        let report = single(&format!("{base}{image}{rest}"));
        let errs = errors(&report);
        assert_eq!(errs.len(), 1, "{image}{rest}: {:#?}", report.diagnostics);
        assert_eq!(errs[0].code(), "invalid-union");
        assert_eq!(errs[0].copilot_error.as_deref(), Some(format!("unmarshal service svc manifest: unmarshal manifest for Backend Service: {message}").as_str()));
    }
    let ok = single(&format!(
        "{base}  build: {{dockerfile: Dockerfile}}\nnetwork:\n  vpc:\n    placement:\n      subnets: [subnet-1]\n    security_groups: {{groups: [sg-1], deny_default: true}}\n"
    ));
    assert!(errors(&ok).is_empty(), "{:#?}", ok.diagnostics);
}
