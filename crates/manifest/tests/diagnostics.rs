//! The first slice of diagnostics: syntax, types, unknown `type`, and the networking rules of
//! spec §10 rows 3–5, each checked for code, severity, position and Copilot's text.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use common::*;
use copilot_manifest::{ColumnUnit, Severity, analyze};

#[test]
fn quoted_port_is_a_type_error_at_the_value() {
    let report = single(
        "name: web\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: \"8080\"\nhttp:\n  path: /\n",
    );
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code() == "wrong-type")
        .expect("a wrong-type diagnostic");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        (
            d.line(),
            d.column(),
            d.primary.position.end_line,
            d.primary.position.end_column
        ),
        (5, 9, 5, 15)
    );
    assert_eq!(d.path(), Some("image.port"));
    assert_eq!(
        d.copilot_error.as_deref(),
        Some(
            "unmarshal service svc manifest: unmarshal manifest for Load Balanced Web Service: yaml: unmarshal errors:\n  line 5: cannot unmarshal !!str `8080` into uint16"
        )
    );
}

#[test]
fn out_of_range_and_long_values_follow_yaml_v3_wording() {
    let report = single(
        "name: web\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 70000\nhttp:\n  path: /\n  target_port: eighty-eighty\n",
    );
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter_map(|d| d.copilot_error.as_deref())
        .collect();
    // yaml.v3 gathers every type error of one decoding into one list: both findings carry it.
    assert_eq!(
        errors,
        ["unmarshal service svc manifest: unmarshal manifest for Backend Service: yaml: unmarshal errors:\n  line 5: cannot unmarshal !!int `70000` into uint16\n  line 8: cannot unmarshal !!str `eighty-...` into uint16";
            2]
    );
}

#[test]
fn unknown_type_is_refused_with_a_suggestion() {
    let report = single("name: api\ntype: backend service\n");
    assert_eq!(codes(&report), ["invalid-type"]);
    let d = &problems(&report)[0];
    assert_eq!((d.line(), d.column()), (2, 7));
    assert_eq!(
        d.copilot_error.as_deref(),
        Some("unmarshal service svc manifest: invalid manifest type: backend service")
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `Backend Service`?"));
}

#[test]
fn missing_type() {
    let report = single("name: api\n");
    assert_eq!(codes(&report), ["invalid-type"]);
    assert_eq!(
        problems(&report)[0].copilot_error.as_deref(),
        Some("unmarshal service svc manifest: invalid manifest type: ")
    );
}

#[test]
fn rdws_connect_is_a_warning_and_ignored() {
    let report = single(
        "name: web\ntype: Request-Driven Web Service\nimage:\n  build: Dockerfile\n  port: 8080\nnetwork:\n  connect: true\n",
    );
    assert_eq!(codes(&report), ["connect-unsupported"]);
    let d = &problems(&report)[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.line(), d.column()), (7, 3));
    assert!(report.environments[0].services[0].service_connect.is_none());
}

const ALIAS_ERROR: &str = "validate manifest against environment \"test\": cannot set \"network.connect.alias\" when no ports are exposed";

#[test]
fn backend_alias_without_port() {
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect:\n    alias: api\n",
    );
    assert_eq!(codes(&report), ["connect-alias-without-port"]);
    let d = &problems(&report)[0];
    assert_eq!(d.copilot_error.as_deref(), Some(ALIAS_ERROR));
    assert_eq!(d.line(), 7);
    assert_eq!(
        d.env, None,
        "one environment: the finding holds for all of them"
    );
}

#[test]
fn backend_target_port_alone_does_not_count_as_exposed() {
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\nhttp:\n  path: /\n  target_port: 8080\nnetwork:\n  connect: {alias: api}\n",
    );
    assert_eq!(codes(&report), ["connect-alias-without-port"]);
}

#[test]
fn worker_alias_is_refused_and_true_is_a_client() {
    let report = single(
        "name: w\ntype: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: {alias: x}\n",
    );
    assert_eq!(codes(&report), ["connect-alias-without-port"]);
    assert_eq!(
        problems(&report)[0].copilot_error.as_deref(),
        Some(ALIAS_ERROR)
    );

    let report = single(
        "name: w\ntype: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: true\n",
    );
    assert!(problems(&report).is_empty(), "{:#?}", report.diagnostics);
    let sc = report.environments[0].services[0]
        .service_connect
        .clone()
        .unwrap();
    assert!(sc.enabled && !sc.server);
    assert!(
        !report.environments[0].services[0]
            .service_discovery
            .registered
    );
}

#[test]
fn backend_without_port_is_client_only_and_unregistered() {
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: true\n",
    );
    assert!(problems(&report).is_empty());
    let svc = &report.environments[0].services[0];
    assert_eq!(svc.service_connect.as_ref().map(|s| s.server), Some(false));
    assert!(!svc.service_discovery.registered);
}

#[test]
fn syntax_error_points_at_the_line_and_keeps_other_services() {
    let report = analyze(&workspace(&[
        ("api", "name: api\ntype: [Backend Service\n"),
        ("front-end", KUDOS_FRONT_END),
    ]));
    assert_eq!(codes(&report), ["yaml-syntax"]);
    assert_eq!(problems(&report)[0].file(), "copilot/api/manifest.yml");
    let names: Vec<_> = report.environments[0]
        .services
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["front-end"]);
}

#[test]
fn sidecar_target_is_the_service_connect_server() {
    let report = single(
        "name: web\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\n  target_container: nginx\nsidecars:\n  nginx:\n    image: nginx\n    port: 8080\nnetwork:\n  connect:\n    alias: api\n",
    );
    assert!(problems(&report).is_empty(), "{:#?}", report.diagnostics);
    let svc = &report.environments[0].services[0];
    assert_eq!(
        svc.service_connect.as_ref().and_then(|s| s.url.as_deref()),
        Some("http://api:8080")
    );
    assert_eq!(
        svc.service_discovery.url.as_deref(),
        Some("http://web.test.kudos.local:8080")
    );
}

#[test]
fn lbws_needs_port_and_http() {
    let report =
        single("name: web\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n");
    assert_eq!(codes(&report), ["http-required", "image-port-required"]);
}

#[test]
fn legacy_namespace_and_reachability_reasons() {
    let mut ws = workspace(&[
        ("api", KUDOS_API),
        (
            "worker",
            "name: worker\ntype: Worker Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: true\n",
        ),
        ("site", "name: site\ntype: Static Site\n"),
    ]);
    ws.legacy_namespaces.push("test".into());
    let report = analyze(&ws);
    let env = &report.environments[0];
    assert_eq!(env.namespace, "kudos.local");
    let api = env.services.iter().find(|s| s.name == "api").unwrap();
    assert_eq!(
        api.service_discovery.dns_name.as_deref(),
        Some("api.kudos.local")
    );
    let pair = |a: &str, b: &str| {
        env.pairs()
            .find(|p| p.from.name == a && p.to.name == b)
            .unwrap()
    };
    assert_eq!(pair("worker", "api").url(), Some("http://api"));
    assert!(
        env.reason("api", "worker")
            .unwrap()
            .contains("Worker Service")
    );
    assert!(pair("site", "api").via.is_none());
    assert!(env.reason("site", "api").unwrap().contains("Static Site"));
    assert_eq!(env.pairs().count(), 6);
    // Grouped: one entry per client and way.
    let site = env.reachability.iter().filter(|r| r.from == "site").count();
    assert_eq!(site, 1);
}

#[test]
fn columns_in_chars_and_utf16() {
    let text = "name: \u{1F600}\r\ntype: Backend Service\r\nimage:\r\n  build: Dockerfile\r\n  port: \"80\"\r\n";
    let mut ws = workspace(&[("svc", text)]);
    let report = analyze(&ws);
    let d = &problems(&report)[0];
    assert_eq!((d.line(), d.column()), (5, 9));
    ws.files[2].text =
        "name: api\r\ntype: Backend Service\r\nimage: {build: \u{1F600}, port: \"80\"}\r\n"
            .to_string();
    ws.column_unit = ColumnUnit::Utf16;
    let report = analyze(&ws);
    let d = problems(&report)[0];
    assert_eq!((d.line(), d.column()), (3, 26));
    ws.column_unit = ColumnUnit::Chars;
    let report = analyze(&ws);
    let d = problems(&report)[0];
    assert_eq!((d.line(), d.column()), (3, 25));
}

#[test]
fn one_finding_for_all_environments_has_no_env() {
    let mut ws = workspace(&[(
        "api",
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\nnetwork:\n  connect: {alias: api}\n",
    )]);
    ws.environments.push("prod".into());
    let report = analyze(&ws);
    assert_eq!(codes(&report), ["connect-alias-without-port"]);
    assert_eq!(problems(&report)[0].env, None);
}

#[test]
fn a_decode_error_hides_the_rules_copilot_never_reaches() {
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: \"80\"\nnetwork:\n  connect: {alias: api}\n",
    );
    assert_eq!(codes(&report), ["wrong-type"]);
}

#[test]
fn cross_service_warnings() {
    let report = analyze(&workspace(&[
        (
            "a",
            "name: a\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\nnetwork:\n  connect:\n    alias: shared\n",
        ),
        (
            "b",
            "name: b\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: shared\n",
        ),
        (
            "c",
            "name: c\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: Bad_Alias\n",
        ),
        (
            "d",
            "name: d\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n",
        ),
    ]));
    let of = |code: &str| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.code() == code)
            .collect::<Vec<_>>()
    };
    let collisions = of("connect-alias-collision");
    assert_eq!(collisions.len(), 2);
    assert!(
        collisions[0].message.contains("also published by b"),
        "{collisions:#?}"
    );
    assert_eq!(
        (collisions[0].file(), collisions[0].line()),
        ("copilot/a/manifest.yml", 8)
    );
    let invalid = of("connect-alias-invalid");
    assert_eq!(invalid.len(), 1);
    assert!(
        invalid[0].message.contains("`B` is not allowed"),
        "{invalid:#?}"
    );
    assert_eq!(of("connect-off-client").len(), 1);
    assert_eq!(of("connect-off-server")[0].file(), "copilot/d/manifest.yml");
    let port = of("url-needs-port");
    assert_eq!(port.len(), 1);
    assert_eq!(port[0].severity, Severity::Info);
    assert!(port[0].message.contains("http://shared:8080"));
}

#[test]
fn positions_with_tabs_cjk_and_a_bom() {
    // A tab inside a value, CJK in a comment and a value, a BOM at the start: columns count
    // characters (CLI) or UTF-16 units (editor); a tab is one column, as editors count it.
    let text = "\u{feff}name: api # 服务\ntype: Backend Service\nimage:\n  build: \"漢字\tDockerfile\"\n  port: \"80\"\n";
    let mut ws = workspace(&[("svc", text)]);
    let report = analyze(&ws);
    let d = problems(&report)[0];
    assert_eq!(
        (
            d.line(),
            d.column(),
            d.primary.position.end_line,
            d.primary.position.end_column
        ),
        (5, 9, 5, 13)
    );
    ws.files[2].text =
        "name: api\ntype: Backend Service\nimage: {build: \"漢字\t𝄞\", port: \"80\"}\n".into();
    let chars = problems(&analyze(&ws))[0].column();
    ws.column_unit = ColumnUnit::Utf16;
    let utf16 = problems(&analyze(&ws))[0].column();
    assert_eq!((chars, utf16), (30, 31));
}

#[test]
fn too_many_files_is_a_diagnostic() {
    let mut ws = workspace(&[("api", KUDOS_API)]);
    for i in 0..copilot_manifest::MAX_FILES {
        ws.files.push(copilot_manifest::SourceFile::new(
            format!("copilot/s{i}/manifest.yml"),
            "name: x\n",
        ));
    }
    let report = analyze(&ws);
    assert_eq!(codes(&report), ["too-many-files"]);
    assert!(report.environments.is_empty());
}

#[test]
fn container_rules_use_copilots_words() {
    let text = |m: &str| {
        errors(&single(m))
            .iter()
            .map(|d| d.copilot_error.clone().unwrap())
            .collect::<Vec<_>>()
    };
    let base = "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n";
    assert_eq!(
        text(&format!(
            "{base}  depends_on: {{proxy: start}}\nsidecars:\n  proxy:\n    image: envoy\n    depends_on: {{api: healthy}}\n"
        )),
        [
            "validate manifest against environment \"test\": validate container dependencies: circular container dependency chain includes the following containers: [api proxy]"
        ]
    );
    assert_eq!(
        text(&format!("{base}platform: linux/riscv64\n")),
        [
            "validate manifest against environment \"test\": validate \"platform\": platform 'linux/riscv64' is invalid; valid platforms are: linux/amd64, linux/x86_64, linux/arm, linux/arm64, windows/amd64 and windows/x86_64"
        ]
    );
}

#[test]
fn static_site_certificate_must_be_an_arn() {
    let report = single(
        "name: site\ntype: Static Site\nhttp:\n  alias: example.com\n  certificate: my-cert\n",
    );
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(
        errs[0].copilot_error.as_deref(),
        Some(
            "validate manifest against environment \"test\": validate \"http\": parse cdn certificate: arn: invalid prefix"
        )
    );
}

#[test]
fn an_unknown_dependency_status_is_only_a_status_error() {
    // `api` is essential, but Copilot refuses `ready` before it looks at essential containers.
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nsidecars:\n  proxy:\n    image: envoy\n    depends_on:\n      api: ready\n",
    );
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(errs[0].code(), "depends-on-status-invalid");
    assert_eq!(errs[0].path(), Some("sidecars.proxy.depends_on.api"));
    // A valid but non-START status on an essential container is still refused, at its entry.
    let report = single(
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nsidecars:\n  proxy:\n    image: envoy\n    depends_on:\n      api: complete\n",
    );
    let errs = errors(&report);
    assert_eq!(codes(&report), ["depends-on-essential"]);
    assert_eq!(errs[0].path(), Some("sidecars.proxy.depends_on.api"));
}

#[test]
fn a_udp_health_check_port_is_one_error_where_the_alb_checks_it() {
    let report = single(
        "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp:\n  path: /\nnlb:\n  port: 80/udp\n",
    );
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{:#?}", report.diagnostics);
    let d = errs[0];
    assert_eq!(d.code(), "health-check-udp");
    assert_eq!((d.line(), d.path()), (5, Some("image.port")));
    assert_eq!(d.secondary.len(), 1);
    let udp = &d.secondary[0];
    assert_eq!(udp.file, "copilot/svc/manifest.yml");
    assert_eq!(
        (udp.position.line, udp.path.as_deref()),
        (9, Some("nlb.port"))
    );
    // Without the ALB, the listener's own health check is the one, and no secondary repeats it.
    let report = single(
        "name: svc\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 80\nhttp: false\nnlb:\n  port: 80/udp\n",
    );
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!((errs[0].line(), errs[0].path()), (8, Some("nlb.port")));
    assert!(errs[0].secondary.is_empty());
}

#[test]
fn paths_name_the_field_with_its_keys_and_indexes() {
    let path_of = |manifest: &str, code: &str| {
        let report = single(manifest);
        let found = report.diagnostics.iter().find(|d| d.code() == code);
        found.and_then(|d| d.path()).map(str::to_string)
    };
    let base = "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\n";
    assert_eq!(
        path_of(
            &format!("{base}count:\n  range: 1-4\n  memory_percentage: 150\n"),
            "count-percentage-range"
        )
        .as_deref(),
        Some("count.memory_percentage")
    );
    assert_eq!(
        path_of(
            &format!("{base}sidecars:\n  proxy:\n    image: envoy\n    port: 80\n"),
            "port-exposed-twice"
        )
        .as_deref(),
        Some("image.port")
    );
    assert_eq!(
        path_of(
            &format!("{base}http:\n  path: /\n  target_port: 8080\n"),
            "url-needs-port"
        )
        .as_deref(),
        Some("http.target_port")
    );
    assert_eq!(
        path_of(
            &format!("{base}sidecars:\n  proxy:\n    image: envoy\n    env_file: vars.txt\n"),
            "env-file-extension"
        )
        .as_deref(),
        Some("sidecars.proxy.env_file")
    );
}
