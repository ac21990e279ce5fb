//! Every row of spec §10 ("conformance cases derived from the source") as a table: app `my-app`,
//! environment `test`, service `svc`; each asserts the code, severity, position and Copilot's
//! full text, or the endpoints the row states.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

use copilot_manifest::{Report, Severity, SourceFile, Workspace, analyze};

fn run(manifest: &str, vars: &[(&str, &str)], env: &str, legacy: bool) -> Report {
    analyze(&Workspace {
        files: vec![SourceFile::new("copilot/svc/manifest.yml", manifest)],
        app: Some("my-app".into()),
        environments: vec![env.into()],
        variables: vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        legacy_namespaces: if legacy { vec![env.into()] } else { vec![] },
        ..Workspace::default()
    })
}

const LBWS: &str = "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n";
const BACKEND: &str = "name: svc\ntype: Backend Service\nimage:\n  build: Dockerfile\n";
const VALIDATE: &str = "validate manifest against environment \"test\": ";
const UNMARSHAL_LBWS: &str =
    "unmarshal service svc manifest: unmarshal manifest for Load Balanced Web Service: ";

/// The one error of a report: (line, column, copilot_error).
fn error(report: &Report) -> (u32, u32, String) {
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{:#?}", report.diagnostics);
    (
        errors[0].line(),
        errors[0].column(),
        errors[0].copilot_error.clone().unwrap_or_default(),
    )
}

/// The error with this code, where the row's input has other independent errors too.
fn error_coded(report: &Report, code: &str) -> (u32, u32, String) {
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code() == code)
        .unwrap_or_else(|| panic!("no {code}: {:#?}", report.diagnostics));
    (
        d.line(),
        d.column(),
        d.copilot_error.clone().unwrap_or_default(),
    )
}

fn clean(report: &Report) {
    let problems: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

fn service(report: &Report) -> &copilot_manifest::ServiceReport {
    &report.environments[0].services[0]
}

#[test]
fn row_01_backend_with_port_is_a_server() {
    let r = run(
        &format!("{BACKEND}  port: 8080\nnetwork:\n  connect: true\n"),
        &[],
        "test",
        false,
    );
    clean(&r);
    let s = service(&r);
    assert_eq!(
        s.service_connect.as_ref().unwrap().url.as_deref(),
        Some("http://svc:8080")
    );
    assert_eq!(
        s.service_discovery.url.as_deref(),
        Some("http://svc.test.my-app.local:8080")
    );
}

#[test]
fn row_02_backend_without_port_is_a_client() {
    let r = run(
        &format!("{BACKEND}network:\n  connect: true\n"),
        &[],
        "test",
        false,
    );
    clean(&r);
    assert!(!service(&r).service_connect.as_ref().unwrap().server);
    assert!(!service(&r).service_discovery.registered);
}

#[test]
fn rows_03_04_05_alias_without_port() {
    let expected =
        format!("{VALIDATE}cannot set \"network.connect.alias\" when no ports are exposed");
    let r = run(
        &format!("{BACKEND}network:\n  connect: {{alias: api}}\n"),
        &[],
        "test",
        false,
    );
    assert_eq!(error(&r), (6, 12, expected.clone()));
    let r = run(
        &format!(
            "{BACKEND}http:\n  path: /\n  target_port: 8080\nnetwork:\n  connect: {{alias: api}}\n"
        ),
        &[],
        "test",
        false,
    );
    assert_eq!(error(&r), (9, 12, expected.clone()));
    let r = run(
        "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: {alias: x}\n",
        &[],
        "test",
        false,
    );
    assert_eq!(error(&r), (6, 12, expected));
}

#[test]
fn row_06_worker_is_a_client_only() {
    let r = run(
        "name: svc\ntype: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: true\n",
        &[],
        "test",
        false,
    );
    clean(&r);
    let sc = service(&r).service_connect.clone().unwrap();
    assert!(sc.enabled && !sc.server);
}

#[test]
fn row_07_windows_refuses_service_connect() {
    let r = run(
        &format!("{LBWS}platform: windows/x86_64\nnetwork:\n  connect: true\n"),
        &[],
        "test",
        false,
    );
    assert_eq!(
        error(&r),
        (
            10,
            12,
            format!(
                "{VALIDATE}validate Windows: service connect (`network.connect`) is not supported for Windows"
            )
        )
    );
}

#[test]
fn rows_08_10_connect_union_errors() {
    let expected = format!(
        "{UNMARSHAL_LBWS}unable to unmarshal \"connect\" field into boolean or compose-style map"
    );
    for v in ["\"true\"", "{}"] {
        let r = run(
            &format!("{LBWS}network:\n  connect: {v}\n"),
            &[],
            "test",
            false,
        );
        assert_eq!(error(&r), (9, 12, expected.clone()), "{v}");
    }
}

#[test]
fn row_09_yes_enables() {
    let r = run(
        &format!("{LBWS}network:\n  connect: yes\n"),
        &[],
        "test",
        false,
    );
    clean(&r);
    assert!(service(&r).service_connect.as_ref().unwrap().enabled);
}

#[test]
fn rows_11_12_quoted_or_interpolated_port() {
    let expected = format!(
        "{UNMARSHAL_LBWS}yaml: unmarshal errors:\n  line 5: cannot unmarshal !!str `8080` into uint16"
    );
    let r = run(
        &LBWS.replace("port: 80", "port: \"8080\""),
        &[],
        "test",
        false,
    );
    assert_eq!(error(&r), (5, 9, expected.clone()));
    let r = run(
        &LBWS.replace("port: 80", "port: ${PORT}"),
        &[("PORT", "8080")],
        "test",
        false,
    );
    assert_eq!(error(&r), (5, 9, expected));
}

#[test]
fn row_13_service_name_is_not_predefined() {
    let r = run(
        &format!(
            "{LBWS}network:\n  connect:\n    alias: ${{COPILOT_SERVICE_NAME}}.${{COPILOT_ENVIRONMENT_NAME}}.${{COPILOT_APPLICATION_NAME}}.local\n"
        ),
        &[],
        "test",
        false,
    );
    assert_eq!(error(&r), (10, 12, "interpolate environment variables for svc manifest: environment variable \"COPILOT_SERVICE_NAME\" is not defined".into()));
}

#[test]
fn row_14_shell_overrides_a_predefined_variable() {
    let r = run(
        &format!("{LBWS}variables:\n  ENV: ${{COPILOT_ENVIRONMENT_NAME}}\n"),
        &[("COPILOT_ENVIRONMENT_NAME", "prod")],
        "test",
        false,
    );
    assert_eq!(
        error(&r).2,
        "interpolate environment variables for svc manifest: predefined environment variable \"COPILOT_ENVIRONMENT_NAME\" cannot be overridden by OS environment variable with the same name"
    );
}

#[test]
fn row_15_override_true_drops_the_alias() {
    let r = run(
        &format!(
            "{LBWS}network:\n  connect: {{alias: api}}\nenvironments:\n  test:\n    network:\n      connect: true\n"
        ),
        &[],
        "test",
        false,
    );
    clean(&r);
    assert_eq!(
        service(&r)
            .service_connect
            .as_ref()
            .unwrap()
            .alias
            .as_deref(),
        Some("svc")
    );
}

#[test]
fn row_16_prod_override_turns_service_connect_off() {
    let r = run(
        &format!(
            "{LBWS}network:\n  connect: true\nenvironments:\n  prod:\n    network:\n      connect: false\n"
        ),
        &[],
        "prod",
        false,
    );
    clean(&r);
    assert!(service(&r).service_connect.is_none());
    assert!(service(&r).service_discovery.registered);
}

#[test]
fn row_17_http_is_required_even_with_nlb() {
    let r = run(
        "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nnlb:\n  port: 80/udp\n",
        &[],
        "test",
        false,
    );
    // The NLB listener also health-checks its UDP port: a second, independent error.
    assert_eq!(
        error_coded(&r, "http-required").2,
        format!("{VALIDATE}\"http\" must be specified")
    );
}

#[test]
fn row_18_alb_health_check_on_udp_port() {
    let r = run(&format!("{LBWS}nlb:\n  port: 80/udp\n"), &[], "test", false);
    // Copilot stops at the ALB's check; the NLB listener's own check on port 80 fails too.
    assert_eq!(
        error_coded(&r, "health-check-udp"),
        (
            5,
            9,
            format!(
                "{VALIDATE}validate load balancer health check ports: container \"svc\" exposes port 80 using protocol udp invalid for health checks. Valid protocol is \"TCP\"."
            )
        )
    );
}

#[test]
fn row_18b_udp_target_is_client_only_but_registered() {
    let r = run(
        "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp: false\nnlb:\n  port: 80/udp\n  healthcheck:\n    port: 8080\nnetwork:\n  connect: true\n",
        &[],
        "test",
        false,
    );
    clean(&r);
    let s = service(&r);
    assert!(!s.service_connect.as_ref().unwrap().server);
    assert_eq!(s.service_discovery.port, Some(80));
}

#[test]
fn row_19_sidecar_target() {
    let r = run(
        "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  target_container: nginx\nsidecars:\n  nginx:\n    image: nginx\n    port: 8080\nnetwork:\n  connect: {alias: api}\n",
        &[],
        "test",
        false,
    );
    clean(&r);
    let sc = service(&r).service_connect.clone().unwrap();
    assert_eq!((sc.alias.as_deref(), sc.port), (Some("api"), Some(8080)));
}

#[test]
fn row_20_placement_is_case_sensitive() {
    let r = run(
        &format!("{LBWS}network:\n  vpc:\n    placement: Private\n"),
        &[],
        "test",
        false,
    );
    assert_eq!(
        error(&r),
        (
            10,
            16,
            format!(
                "{VALIDATE}validate \"network\": validate \"vpc\": validate \"placement\": \"placement\" Private must be one of public, private"
            )
        )
    );
}

#[test]
fn row_21_rdws_connect_is_ignored() {
    let r = run(
        "name: svc\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\n",
        &[],
        "test",
        false,
    );
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error));
    assert!(service(&r).service_connect.is_none());
}

#[test]
fn row_22_rdws_placement_public() {
    let r = run(
        "name: svc\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  vpc:\n    placement: public\n",
        &[],
        "test",
        false,
    );
    assert_eq!(
        error(&r),
        (
            8,
            16,
            format!(
                "{VALIDATE}placement \"public\" is not supported for Request-Driven Web Service"
            )
        )
    );
}

#[test]
fn row_23_null_override_block_for_a_job() {
    let r = run(
        "name: svc\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\nenvironments:\n  test:\n",
        &[],
        "test",
        false,
    );
    let w: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code() == "null-override-block")
        .collect();
    assert_eq!(
        (w.len(), w[0].severity, w[0].line()),
        (1, Severity::Warning, 8)
    );
}

#[test]
fn row_24_json_array_variable_becomes_a_list() {
    let r = run(
        &format!("{LBWS}variables:\n  LIST: '[\"a\",\"b\"]'\n"),
        &[],
        "test",
        false,
    );
    assert_eq!(
        error(&r),
        (
            9,
            9,
            format!(
                "{UNMARSHAL_LBWS}unmarshal \"variables\": cannot unmarshal field to a string or into a map"
            )
        )
    );
}

#[test]
fn row_25_port_exposed_twice() {
    let r = run(
        &format!("{LBWS}sidecars:\n  proxy:\n    image: envoy\n    port: 80\n"),
        &[],
        "test",
        false,
    );
    assert_eq!(
        error(&r).2,
        format!(
            "{VALIDATE}validate unique exposed ports: containers \"svc\" and \"proxy\" are exposing the same port 80"
        )
    );
}

#[test]
fn row_26_build_and_location() {
    let r = run(
        &LBWS.replace(
            "  build: Dockerfile\n",
            "  build: Dockerfile\n  location: nginx\n",
        ),
        &[],
        "test",
        false,
    );
    assert_eq!(
        error(&r).2,
        format!("{UNMARSHAL_LBWS}must specify one of \"build\" and \"location\"")
    );
}

#[test]
fn row_27_backend_http_false() {
    let r = run(
        &format!("{BACKEND}  port: 80\nhttp: false\n"),
        &[],
        "test",
        false,
    );
    assert_eq!(error(&r), (6, 7, "unmarshal service svc manifest: unmarshal manifest for Backend Service: yaml: unmarshal errors:\n  line 6: cannot unmarshal !!bool `false` into manifest.HTTP".into()));
}

#[test]
fn rows_28_29_empty_value_and_lost_escape() {
    let r = run(
        &format!("{BACKEND}  port: 80\nnetwork:\n  connect:\n    alias: svc${{X}}\n"),
        &[("X", "")],
        "test",
        false,
    );
    assert_eq!(
        service(&r)
            .service_connect
            .as_ref()
            .unwrap()
            .alias
            .as_deref(),
        Some("svc")
    );
    let r = run(
        &format!("{BACKEND}  port: 80\nnetwork:\n  connect:\n    alias: \\${{X}}${{X}}\n"),
        &[("X", "v")],
        "test",
        false,
    );
    assert_eq!(
        service(&r)
            .service_connect
            .as_ref()
            .unwrap()
            .alias
            .as_deref(),
        Some("vv")
    );
}

#[test]
fn row_30_legacy_namespace() {
    let r = run(
        &format!("{BACKEND}  port: 80\nnetwork:\n  connect: true\n"),
        &[],
        "test",
        true,
    );
    let s = service(&r);
    assert_eq!(
        s.env_vars["COPILOT_SERVICE_DISCOVERY_ENDPOINT"],
        "my-app.local"
    );
    assert_eq!(
        s.service_discovery.dns_name.as_deref(),
        Some("svc.my-app.local")
    );
}
