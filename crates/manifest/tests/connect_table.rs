//! Every row of spec §2.5 (`network.connect` decoding) and §3.3 (its override merge table).
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use common::*;
use copilot_manifest::Report;

fn backend_with_connect(value: &str) -> Report {
    single(&format!(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\nnetwork:\n  connect: {value}\n"
    ))
}

/// (enabled, alias the server publishes) or the error code.
fn outcome(report: &Report) -> Result<(bool, Option<String>), String> {
    if let Some(d) = errors(report).first() {
        return Err(d.code().to_string());
    }
    let svc = &report.environments[0].services[0];
    Ok(match &svc.service_connect {
        None => (false, None),
        Some(sc) => (sc.enabled, sc.alias.clone()),
    })
}

const UNION_ERROR: &str = "unmarshal service svc manifest: unmarshal manifest for Backend Service: unable to unmarshal \"connect\" field into boolean or compose-style map";

#[test]
fn unset_forms_disable() {
    for v in ["", "null", "~"] {
        assert_eq!(
            outcome(&backend_with_connect(v)),
            Ok((false, None)),
            "connect: {v}"
        );
    }
    let absent =
        single("name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\n");
    assert_eq!(outcome(&absent), Ok((false, None)));
}

#[test]
fn true_words_enable_with_the_default_name() {
    for v in [
        "true", "True", "TRUE", "yes", "\"yes\"", "on", "y", "Y", "\"y\"",
    ] {
        assert_eq!(
            outcome(&backend_with_connect(v)),
            Ok((true, Some("api".into()))),
            "connect: {v}"
        );
    }
}

#[test]
fn false_words_disable() {
    for v in ["false", "no", "off", "Off", "n"] {
        assert_eq!(
            outcome(&backend_with_connect(v)),
            Ok((false, None)),
            "connect: {v}"
        );
    }
}

#[test]
fn map_forms() {
    let cases = [
        ("{alias: api-v2}", "api-v2"),
        ("{alias: api-v2, foo: bar}", "api-v2"),
        ("{alias: \"\"}", "api"),
        ("{alias: 123}", "123"),
        ("{alias: [a]}", "api"),
    ];
    for (v, alias) in cases {
        assert_eq!(
            outcome(&backend_with_connect(v)),
            Ok((true, Some(alias.into()))),
            "connect: {v}"
        );
    }
}

#[test]
fn invalid_forms_give_copilots_union_error() {
    for v in ["{}", "{foo: bar}", "{alias: null}", "\"true\"", "1", "[a]"] {
        let report = backend_with_connect(v);
        assert_eq!(
            errors(&report).len(),
            1,
            "connect: {v}: {:#?}",
            report.diagnostics
        );
        let d = errors(&report)[0];
        assert_eq!(d.code(), "invalid-union", "connect: {v}");
        assert_eq!(d.copilot_error.as_deref(), Some(UNION_ERROR));
        assert_eq!((d.line(), d.column()), (7, 12), "connect: {v}");
        assert_eq!(d.path(), Some("network.connect"));
    }
}

#[test]
fn bool_then_indented_alias_is_a_syntax_error() {
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\nnetwork:\n  connect: true\n    alias: api\n",
    );
    assert_eq!(codes(&report), ["yaml-syntax"]);
    assert_eq!(problems(&report)[0].line(), 8);
    assert!(report.environments[0].services.is_empty());
}

fn merged(base: &str, over: &str) -> Result<(bool, Option<String>), String> {
    let over_block = if over.is_empty() {
        String::new()
    } else {
        format!("\n    network:\n      connect: {over}")
    };
    let manifest = format!(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\nnetwork:\n  connect: {base}\nenvironments:\n  test:\n    image:\n      port: 8080{over_block}\n"
    );
    outcome(&single(&manifest))
}

#[test]
fn override_merge_table() {
    type Row<'a> = (&'a str, &'a str, (bool, Option<&'a str>));
    let rows: [Row<'_>; 8] = [
        ("{alias: api-v1}", "false", (false, None)),
        ("{alias: api-v1}", "true", (true, Some("api"))),
        ("false", "{alias: foo}", (true, Some("foo"))),
        ("true", "{alias: foo}", (true, Some("foo"))),
        ("true", "false", (false, None)),
        ("{alias: a}", "{alias: b}", (true, Some("b"))),
        ("{alias: a}", "{alias: \"\"}", (true, Some("api"))),
        ("true", "", (true, Some("api"))),
    ];
    for (base, over, (enabled, alias)) in rows {
        assert_eq!(
            merged(base, over),
            Ok((enabled, alias.map(str::to_string))),
            "base {base}, override {over}"
        );
    }
    assert_eq!(merged("true", "null"), Ok((true, Some("api".into()))));
}

#[test]
fn override_applies_only_to_its_environment() {
    let mut ws = workspace(&[(
        "api",
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\nnetwork:\n  connect: true\nenvironments:\n  prod:\n    network:\n      connect: false\n",
    )]);
    ws.files.push(copilot_manifest::SourceFile::new(
        "copilot/environments/prod/manifest.yml",
        "name: prod\ntype: Environment\n",
    ));
    let report = copilot_manifest::analyze(&ws);
    let sc = |env: &str| {
        report
            .environments
            .iter()
            .find(|e| e.name == env)
            .unwrap()
            .services[0]
            .service_connect
            .clone()
    };
    assert!(sc("test").is_some());
    assert!(sc("prod").is_none());
}
