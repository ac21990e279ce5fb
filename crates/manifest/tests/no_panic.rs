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
    let ws = Workspace {
        files: vec![
            SourceFile::new("copilot/.workspace", "application: kudos\n"),
            SourceFile::new("copilot/environments/test/manifest.yml", "name: test\n"),
            SourceFile::new("copilot/svc/manifest.yml", text),
        ],
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
    run(&"x".repeat(2 * 1024 * 1024));
}
