//! `copilot-manifest explain [CODE]`: a rule's page from the core's registry.

use copilot_manifest::Severity;
use copilot_manifest::rules::{Example, RULES, examples, rule};
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run(code: Option<&str>) -> ExitCode {
    let Some(code) = code else {
        for r in RULES {
            println!("{:<28} {:<8} {}", r.code, severity(r.severity), r.title);
        }
        return ExitCode::SUCCESS;
    };
    match rule(code) {
        Some(r) => {
            let mut out = String::new();
            let _ = writeln!(out, "{} ({}): {}\n", r.code, severity(r.severity), r.title);
            let _ = writeln!(out, "{}\n", r.explanation);
            let _ = writeln!(out, "Specified in: {}\n", r.reference);
            if let Some(e) = examples(r.code) {
                let _ = writeln!(out, "Fails:\n{}", example(e.failing));
                let _ = writeln!(out, "Passes:\n{}", example(e.passing));
            }
            print!("{out}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: no rule `{code}`; `copilot-manifest explain` lists them all");
            ExitCode::from(2)
        }
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn example(e: Example) -> String {
    let indent = |t: &str| t.lines().map(|l| format!("    {l}\n")).collect::<String>();
    match e {
        Example::Manifest(text) => format!("  copilot/svc/manifest.yml\n{}", indent(text)),
        Example::Files(files) => files
            .iter()
            .map(|(p, t)| format!("  {p}\n{}", indent(t)))
            .collect(),
    }
}
