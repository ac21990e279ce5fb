//! `copilot-manifest explain [CODE]`: a rule's page from the core's registry (`Rule`), with the
//! rule's fixture files (`crates/manifest/tests/fixtures/<code>/`, embedded by `build.rs`) as
//! what fails and what passes.

use copilot_manifest::Rule;
use std::fmt::Write as _;
use std::process::ExitCode;

mod fixtures {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}

pub fn run(code: Option<&str>) -> ExitCode {
    let Some(code) = code else {
        print!("{}", list());
        return ExitCode::SUCCESS;
    };
    match Rule::from_code(code) {
        Some(rule) => {
            print!("{}", page(rule));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: no rule `{code}`; `copilot-manifest explain` lists them all");
            ExitCode::from(2)
        }
    }
}

/// One line per rule: code, default severity, summary.
fn list() -> String {
    let width = Rule::ALL.iter().map(|r| r.code().len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in Rule::ALL {
        let _ = writeln!(
            out,
            "{:<width$} {:<7} {}",
            rule.code(),
            rule.severity().as_str(),
            rule.summary()
        );
    }
    out
}

pub fn page(rule: Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): {}\n",
        rule.code(),
        rule.severity().as_str(),
        rule.summary()
    );
    let _ = writeln!(out, "{}\n", rule.explain());
    let _ = writeln!(out, "Source: {}", rule.source());
    let files = fixtures::FIXTURES
        .iter()
        .find(|(code, _)| *code == rule.code())
        .map_or(&[][..], |(_, files)| *files);
    for (kind, title) in [("invalid", "Fails:"), ("valid", "Passes:")] {
        let mut shown = files.iter().filter(|(k, _, _)| *k == kind).peekable();
        if shown.peek().is_none() {
            continue;
        }
        let _ = writeln!(out, "\n{title}");
        for (_, path, text) in shown {
            let _ = writeln!(out, "  {path}");
            for line in text.lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "    {line}");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fixtures::FIXTURES;
    use copilot_manifest::Rule;

    #[test]
    fn every_rule_has_embedded_examples_both_ways() {
        for rule in Rule::ALL {
            let files = FIXTURES
                .iter()
                .find(|(code, _)| *code == rule.code())
                .map(|(_, files)| *files)
                .unwrap_or_default();
            for kind in ["invalid", "valid"] {
                assert!(
                    files.iter().any(|(k, _, _)| *k == kind),
                    "{}: no {kind} fixture embedded",
                    rule.code()
                );
            }
        }
        assert_eq!(FIXTURES.len(), Rule::ALL.len());
    }
}
