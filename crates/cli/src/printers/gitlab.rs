//! `--format gitlab`: a GitLab Code Quality report (a JSON array, one issue per diagnostic), for
//! `artifacts: reports: codequality:`.
//!
//! Fields as GitLab documents them: `description`, `check_name` (the rule's code), `fingerprint`,
//! `severity` (`major` for errors, `minor` for warnings, `info` for notes), and `location.path`
//! with `location.positions.begin`/`end` (1-based line and column, the Report's). The fingerprint
//! is stable across runs and line moves: FNV-1a over the code, file, logical path, environment
//! and message, plus a counter when two issues would otherwise share one (GitLab matches issues
//! between the base and the merge request by fingerprint).

use copilot_manifest::{Diagnostic, Report, Severity};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    positions: Positions,
}

#[derive(Serialize)]
struct Positions {
    begin: LineColumn,
    end: LineColumn,
}

#[derive(Serialize)]
struct LineColumn {
    line: u32,
    column: u32,
}

/// A finding about the workspace as a whole (no file) is placed on `copilot/.workspace`.
const WORKSPACE_FILE: &str = "copilot/.workspace";

pub fn render(report: &Report) -> String {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    let issues: Vec<Issue<'_>> = report
        .diagnostics
        .iter()
        .map(|d| {
            let base = fingerprint(d);
            let n = seen.entry(base).or_insert(0);
            let fingerprint = if *n == 0 {
                format!("{base:016x}")
            } else {
                format!("{base:016x}-{n}")
            };
            *n += 1;
            issue(d, fingerprint)
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}

fn issue(d: &Diagnostic, fingerprint: String) -> Issue<'_> {
    let p = d.primary.position;
    Issue {
        description: super::github::message(d),
        check_name: d.code(),
        fingerprint,
        severity: match d.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
            Severity::Info => "info",
        },
        location: Location {
            path: if d.file().is_empty() {
                WORKSPACE_FILE
            } else {
                d.file()
            },
            positions: Positions {
                begin: LineColumn {
                    line: p.line.max(1),
                    column: p.column.max(1),
                },
                end: LineColumn {
                    line: p.end_line.max(p.line).max(1),
                    column: p.end_column.max(1),
                },
            },
        },
    }
}

/// FNV-1a (64 bits): stable across Rust versions, unlike `DefaultHasher`.
fn fingerprint(d: &Diagnostic) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        d.code(),
        d.file(),
        d.path().unwrap_or(""),
        d.env.as_deref().unwrap_or(""),
        d.message.as_str(),
    ] {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
