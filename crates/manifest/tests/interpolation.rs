//! `${VAR}` interpolation through the whole pipeline: spec §3.4 and §10 rows 12–14, 28.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use common::*;
use copilot_manifest::analyze;

fn with_vars(manifest: &str, vars: &[(&str, &str)]) -> copilot_manifest::Report {
    let mut ws = workspace(&[("api", manifest)]);
    ws.variables = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    analyze(&ws)
}

const BACKEND: &str =
    "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\n";

#[test]
fn predefined_variables_build_the_upgrade_alias() {
    let report = with_vars(
        &format!(
            "{BACKEND}network:\n  connect:\n    alias: api.${{COPILOT_ENVIRONMENT_NAME}}.${{COPILOT_APPLICATION_NAME}}.local\n"
        ),
        &[],
    );
    assert!(problems(&report).is_empty(), "{:#?}", report.diagnostics);
    let sc = report.environments[0].services[0]
        .service_connect
        .clone()
        .unwrap();
    assert_eq!(sc.url.as_deref(), Some("http://api.test.kudos.local:8080"));
}

#[test]
fn service_name_is_not_predefined() {
    let report = with_vars(
        &format!(
            "{BACKEND}network:\n  connect:\n    alias: ${{COPILOT_SERVICE_NAME}}.${{COPILOT_ENVIRONMENT_NAME}}.${{COPILOT_APPLICATION_NAME}}.local\n"
        ),
        &[],
    );
    assert_eq!(codes(&report), ["interpolation"]);
    let d = &problems(&report)[0];
    assert_eq!((d.line(), d.column()), (8, 12));
    assert_eq!(
        d.copilot_error.as_deref(),
        Some(
            "interpolate environment variables for api manifest: environment variable \"COPILOT_SERVICE_NAME\" is not defined"
        )
    );
}

#[test]
fn service_name_help_shows_the_literal_alias() {
    let report = with_vars(
        &format!("{BACKEND}network:\n  connect:\n    alias: ${{COPILOT_SERVICE_NAME}}.x\n"),
        &[],
    );
    let help = problems(&report)[0].help.clone().unwrap();
    assert!(
        help.contains("`api.${COPILOT_ENVIRONMENT_NAME}.${COPILOT_APPLICATION_NAME}.local`"),
        "{help}"
    );
}

#[test]
fn injected_numbers_stay_strings() {
    let report = with_vars(
        "name: web\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: ${PORT}\nhttp:\n  path: /\n",
        &[("PORT", "8080")],
    );
    assert_eq!(codes(&report), ["wrong-type"]);
    assert!(
        problems(&report)[0]
            .copilot_error
            .as_deref()
            .unwrap()
            .ends_with("line 5: cannot unmarshal !!str `8080` into uint16")
    );
}

#[test]
fn shell_cannot_override_predefined_variables() {
    let report = with_vars(
        &format!("{BACKEND}variables:\n  ENV: ${{COPILOT_ENVIRONMENT_NAME}}\n"),
        &[("COPILOT_ENVIRONMENT_NAME", "prod")],
    );
    assert_eq!(codes(&report), ["interpolation"]);
    assert!(problems(&report)[0].copilot_error.as_deref().unwrap().ends_with(
        "predefined environment variable \"COPILOT_ENVIRONMENT_NAME\" cannot be overridden by OS environment variable with the same name"
    ));
}

#[test]
fn empty_value_substitutes_and_user_variables_reach_the_alias() {
    let report = with_vars(
        &format!("{BACKEND}network:\n  connect:\n    alias: ${{PREFIX}}api${{EMPTY}}\n"),
        &[("PREFIX", "v2-"), ("EMPTY", "")],
    );
    assert!(problems(&report).is_empty(), "{:#?}", report.diagnostics);
    let sc = report.environments[0].services[0]
        .service_connect
        .clone()
        .unwrap();
    assert_eq!(sc.alias.as_deref(), Some("v2-api"));
}
