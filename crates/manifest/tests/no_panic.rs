//! The core never panics and always answers: random text, random YAML-ish text and mutations
//! of real manifests all yield a Report.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use copilot_manifest::{SourceFile, Workspace, analyze};
use proptest::prelude::*;

fn run(text: &str) {
    check(&[
        ("copilot/environments/test/manifest.yml", "name: test\n"),
        ("copilot/svc/manifest.yml", text),
    ]);
}

/// The text as an environment manifest, beside a service.
fn run_env(text: &str) {
    check(&[
        ("copilot/environments/test/manifest.yml", text),
        ("copilot/svc/manifest.yml", KUDOS_API),
    ]);
}

const ENV_MANIFEST: &str = "name: test\ntype: Environment\nnetwork:\n  vpc:\n    id: vpc-1\n    subnets:\n      public:\n        - id: subnet-1\n        - id: subnet-2\n    security_group:\n      ingress:\n        - cidr: 10.0.0.0/8\n          ports: 80-90\n          ip_protocol: tcp\n    flow_logs:\n      retention: 30\nhttp:\n  public:\n    certificates: [arn:aws:acm:us-east-1:1:certificate/a]\n    ingress:\n      source_ips: [10.0.0.0/8]\n  private:\n    subnets: [subnet-1]\ncdn:\n  certificate: arn:aws:acm:us-east-1:1:certificate/b\n  static_assets:\n    alias: a\n";

fn check(files: &[(&str, &str)]) {
    let mut all = vec![SourceFile::new(
        "copilot/.workspace",
        "application: kudos\n",
    )];
    all.extend(files.iter().map(|(p, t)| SourceFile::new(*p, *t)));
    let ws = Workspace {
        files: all,
        ..Workspace::default()
    };
    let report = analyze(&ws);
    for d in &report.diagnostics {
        // The JSON form reads back to the same diagnostic (positions, spans, labels).
        let json = serde_json::to_string(d).unwrap();
        assert_eq!(
            &serde_json::from_str::<copilot_manifest::Diagnostic>(&json).unwrap(),
            d
        );
        assert!(
            d.line() >= 1
                && d.column() >= 1
                && (d.primary.position.end_line, d.primary.position.end_column)
                    >= (d.line(), d.column()),
            "{d:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text(text in any::<String>()) {
        run(&text);
    }

    #[test]
    fn yaml_like_text(text in "([a-z_:{}\\[\\],&*!|>\"'#\\- \n\t]|connect|alias|port|network|environments|true|8080|\r\n|\u{1F600}){0,200}") {
        run(&text);
    }

    #[test]
    fn environment_yaml_like_text(text in "([a-z_:{}\\[\\],&*!|>\"'#\\- \n\t]|network|vpc|id|cidr|subnets|public|private|cdn|ports|flow_logs|security_group|ingress|source_ips|certificates|static_assets|true|8080|80-90|\r\n){0,200}") {
        run_env(&text);
    }

    #[test]
    fn mutated_environment_manifests(pos in 0usize..600, cut in 0usize..30, insert in "[ -~\n]{0,8}") {
        let mut text: String = ENV_MANIFEST.chars().take(pos).collect();
        text.push_str(&insert);
        text.extend(ENV_MANIFEST.chars().skip(pos + cut));
        run_env(&text);
    }

    #[test]
    fn mutated_manifests(pos in 0usize..200, cut in 0usize..20, insert in "[ -~\n]{0,8}", which in 0usize..2) {
        let base = [KUDOS_API, KUDOS_FRONT_END][which];
        let mut text: String = base.chars().take(pos).collect();
        text.push_str(&insert);
        text.extend(base.chars().skip(pos + cut));
        run(&text);
    }
}

#[test]
fn hostile_documents_are_refused_quickly() {
    let deep = "a: ".repeat(0) + &"[".repeat(10_000);
    run(&deep);
    let nested: String = (0..200)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    run(&nested);
    let mut laughs = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        laughs.push_str(&format!("{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    laughs.push_str(
        "name: *j\ntype: Backend Service\nnetwork:\n  connect: *j\nimage: *j\nenvironments: *j\n",
    );
    run(&laughs);
    run_env(&laughs);
    run_env(&deep);
    run_env(&nested);
    run(&"x".repeat(2 * 1024 * 1024));
}
