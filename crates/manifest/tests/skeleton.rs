#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
mod common;

use common::*;
use copilot_manifest::{Via, analyze};

#[test]
fn kudos_endpoints() {
    let report = analyze(&kudos());
    assert!(problems(&report).is_empty(), "{:#?}", report.diagnostics);
    assert_eq!(report.app, "kudos");
    let env = &report.environments[0];
    assert_eq!(env.name, "test");
    assert_eq!(env.namespace, "test.kudos.local");
    let api = env.services.iter().find(|s| s.name == "api").unwrap();
    let sc = api.service_connect.as_ref().unwrap();
    assert!(sc.server);
    assert_eq!(sc.url.as_deref(), Some("http://api"));
    assert_eq!(
        api.service_discovery.dns_name.as_deref(),
        Some("api.test.kudos.local")
    );
    assert_eq!(
        api.service_discovery.url.as_deref(),
        Some("http://api.test.kudos.local")
    );
    assert_eq!(
        api.env_vars["COPILOT_SERVICE_DISCOVERY_ENDPOINT"],
        "test.kudos.local"
    );
    let r = env
        .pairs()
        .find(|p| p.from.name == "front-end" && p.to.name == "api")
        .unwrap();
    assert_eq!(r.via, Some(Via::ServiceConnect));
    assert_eq!(r.url(), Some("http://api"));
}

#[test]
fn effective_manifest_merges_the_environment_block() {
    let mut ws = workspace(&[(
        "api",
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect: true\nvariables:\n  ENV: ${COPILOT_ENVIRONMENT_NAME}\nenvironments:\n  prod:\n    image:\n      port: 8080\n    network:\n      connect:\n        alias: api-prod\n",
    )]);
    ws.environments.push("prod".into());
    let report = analyze(&ws);
    assert_eq!(report.environments.len(), 2);
    let manifest = |env: &str| {
        copilot_manifest::service_detail(&ws, "api", env)
            .unwrap()
            .effective_manifest
    };
    assert_eq!(
        manifest("prod"),
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 8080\nnetwork:\n  connect:\n    alias: api-prod\n  vpc:\n    placement: public\nvariables:\n  ENV: \"prod\"\ncpu: 256\nmemory: 512\ncount: 1\nexec: false\n"
    );
    assert!(
        manifest("test").contains("  port: 80\n") && manifest("test").contains("ENV: \"test\"")
    );
    assert!(!manifest("test").contains("environments"));
}

#[test]
fn defaults_apply_and_a_null_pointer_field_erases_its_default() {
    let ws = workspace(&[(
        "job",
        "name: job\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: '@daily'\ncpu:\nnetwork:\ncount: 3\n",
    )]);
    let effective = &copilot_manifest::service_detail(&ws, "job", "test")
        .unwrap()
        .effective_manifest;
    assert!(!effective.contains("cpu"), "{effective}");
    assert!(
        effective.contains("memory: 512\n") && effective.contains("count: 3\n"),
        "{effective}"
    );
    assert!(
        effective.contains("network:\n  vpc:\n    placement: public\n"),
        "{effective}"
    );
    assert!(
        !effective.contains("exec"),
        "a job has no exec default: {effective}"
    );
}

#[test]
fn an_override_spot_count_clears_the_base_autoscaling() {
    let mut ws = workspace(&[(
        "api",
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\ncount:\n  range: 1-4\n  cpu_percentage: 70\nenvironments:\n  prod:\n    count:\n      spot: 2\n",
    )]);
    ws.environments.push("prod".into());
    let report = analyze(&ws);
    assert!(problems(&report).is_empty(), "{:#?}", report.diagnostics);
    let prod = copilot_manifest::service_detail(&ws, "api", "prod")
        .unwrap()
        .effective_manifest;
    assert!(prod.contains("count:\n  spot: 2\n"), "{prod}");
    assert!(!prod.contains("range"));
}

#[test]
fn an_empty_override_keeps_a_plain_field() {
    let mut ws = workspace(&[(
        "site",
        "name: site\ntype: Static Site\nhttp:\n  alias: example.com\n  certificate: arn:aws:acm:us-east-1:123456789012:certificate/abc\nenvironments:\n  prod:\n    http:\n      alias: \"\"\n",
    )]);
    ws.environments.push("prod".into());
    let report = analyze(&ws);
    assert!(problems(&report).is_empty(), "{:#?}", report.diagnostics);
    let prod = copilot_manifest::service_detail(&ws, "site", "prod")
        .unwrap()
        .effective_manifest;
    assert!(prod.contains("alias: example.com"), "{prod}");
}

#[test]
fn one_pass_gives_the_report_and_the_detail_of_one_service() {
    let mut ws = workspace(&[(
        "api",
        "name: api\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nenvironments:\n  prod:\n    image:\n      port: 8080\n",
    )]);
    ws.environments.push("prod".into());
    for (env, wanted) in [(Some("prod"), "prod"), (None, "prod"), (Some("gone"), "")] {
        // `prod` sorts before `test`, so it is also the first environment.
        let (report, detail) =
            copilot_manifest::analyze_with_detail(&ws, "copilot/api/manifest.yml", env);
        assert_eq!(report, analyze(&ws));
        assert_eq!(detail, copilot_manifest::service_detail(&ws, "api", wanted));
    }
}
