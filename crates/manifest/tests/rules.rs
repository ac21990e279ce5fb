//! Every rule in the registry: its failing example yields its code, its passing example does not.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use copilot_manifest::rules::{EXAMPLES, Example, RULES, examples, rule};
use copilot_manifest::{Report, SourceFile, Workspace, analyze};

fn run(example: Example) -> Report {
    match example {
        Example::Manifest(text) => common::single(text),
        Example::Files(files) => analyze(&Workspace {
            files: files.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect(),
            ..Workspace::default()
        }),
    }
}

#[test]
fn every_rule_fails_and_passes_its_own_examples() {
    // These two are about the whole input, not a manifest: tested in rules.rs and diagnostics.rs.
    for r in RULES
        .iter()
        .filter(|r| !["invalid-workspace", "too-many-files"].contains(&r.code))
    {
        let e = examples(r.code).unwrap_or_else(|| panic!("{} has no examples", r.code));
        let failing = run(e.failing);
        let hit = failing.diagnostics.iter().find(|d| d.code == r.code);
        assert!(
            hit.is_some(),
            "{}: failing example does not produce it: {:#?}",
            r.code,
            failing.diagnostics
        );
        assert_eq!(hit.unwrap().severity, r.severity, "{}", r.code);
        let passing = run(e.passing);
        assert!(
            passing.diagnostics.iter().all(|d| d.code != r.code),
            "{}: passing example produces it",
            r.code
        );
    }
}

#[test]
fn invalid_workspace_comes_from_bad_json() {
    let report: Report = serde_json::from_str(&copilot_manifest::analyze_json("[1, 2]")).unwrap();
    assert_eq!(
        report.diagnostics[0].code,
        rule("invalid-workspace").unwrap().code
    );
}

#[test]
fn every_example_belongs_to_a_rule() {
    assert_eq!(EXAMPLES.len(), RULES.len());
    assert!(
        EXAMPLES.iter().all(|e| rule(e.code).is_some()),
        "an example without a rule"
    );
}

#[test]
fn codes_are_unique_and_kebab_case() {
    for (i, r) in RULES.iter().enumerate() {
        assert!(
            RULES.iter().skip(i + 1).all(|o| o.code != r.code),
            "{} twice",
            r.code
        );
        assert!(
            r.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.code
        );
    }
}
