//! Every rule's fixture folder, `tests/fixtures/<code>/`, checked against the analysis (Biome's
//! spec folders, Ruff's fixtures): the folder names a rule, every rule has a folder, the invalid
//! input reports that rule at its default severity and the valid one reports nothing of it. The
//! invalid input's diagnostics are an insta snapshot stored beside it (`invalid.snap`); a valid
//! input that reports anything at all (an info) has one too (`valid.snap`).
//!
//! An input is one of:
//! - `invalid.yml` / `valid.yml`: one service manifest, analysed as `copilot/svc/manifest.yml`
//!   beside `copilot/.workspace` (app `kudos`) and the environment `test` (`common::single`);
//! - `invalid/` / `valid/`: a whole workspace, its files (`copilot/...`) analysed as given;
//! - `invalid.json` / `valid.json`: a raw `Workspace` JSON, given to `analyze_json` as the worker
//!   receives it (the workspace-level rules: `invalid-workspace`, `too-many-files`).
//!
//! New or changed output: `INSTA_UPDATE=always cargo test -p copilot-manifest --test fixtures`,
//! then review the `.snap` diffs (or `cargo insta review`).
// Reads fixture files from disk and snapshots with insta: native only.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)] // tests may fail loudly

mod common;

use copilot_manifest::{Diagnostic, Label, Report, Rule, Severity, SourceFile, Workspace};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture folders, sorted by name.
fn folders() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_str().unwrap().to_owned(), p))
        .collect();
    out.sort();
    out
}

/// The two sides of a fixture.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Invalid,
    Valid,
}

impl Kind {
    const fn name(self) -> &'static str {
        match self {
            Kind::Invalid => "invalid",
            Kind::Valid => "valid",
        }
    }
}

/// One input, run: its Report and the texts of its files (for the snapshot's excerpts).
struct Run {
    /// The input as named in the folder (`invalid.yml`, `invalid/`, `invalid.json`).
    input: PathBuf,
    report: Report,
    texts: BTreeMap<String, String>,
}

/// Finds and runs the `kind` input of a fixture folder; `Err` says what is wrong with the folder.
fn run(dir: &Path, kind: Kind) -> Result<Run, String> {
    let name = kind.name();
    let yml = dir.join(format!("{name}.yml"));
    let tree = dir.join(name);
    let json = dir.join(format!("{name}.json"));
    let present: Vec<&PathBuf> = [&yml, &tree, &json]
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    match present.as_slice() {
        [] => Err(format!(
            "no {name} input ({name}.yml, {name}/ or {name}.json)"
        )),
        [_] if yml.is_file() => {
            let text = std::fs::read_to_string(&yml).unwrap();
            let report = common::single(&text);
            let ws = common::workspace(&[("svc", &text)]);
            Ok(Run {
                input: yml,
                report,
                texts: texts(&ws),
            })
        }
        [_] if tree.is_dir() => {
            let mut files = Vec::new();
            walk(&tree, &tree, &mut files);
            files.sort_by(|a, b| a.path.cmp(&b.path));
            let ws = Workspace {
                files,
                ..Workspace::default()
            };
            Ok(Run {
                input: tree,
                report: copilot_manifest::analyze(&ws),
                texts: texts(&ws),
            })
        }
        [_] if json.is_file() => {
            let text = std::fs::read_to_string(&json).unwrap();
            let report: Report = serde_json::from_str(&copilot_manifest::analyze_json(&text))
                .map_err(|e| format!("{name}.json: the Report does not read back: {e}"))?;
            let texts = serde_json::from_str::<Workspace>(&text)
                .map(|ws| self::texts(&ws))
                .unwrap_or_default();
            Ok(Run {
                input: json,
                report,
                texts,
            })
        }
        _ => Err(format!(
            "{name}: more than one input form, or one of the wrong kind ({name}.yml and {name}.json are files, {name}/ a folder)"
        )),
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<SourceFile>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).unwrap();
            let rel: Vec<&str> = rel.iter().map(|c| c.to_str().unwrap()).collect();
            out.push(SourceFile::new(
                rel.join("/"),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

fn texts(ws: &Workspace) -> BTreeMap<String, String> {
    ws.files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect()
}

/// The Report's diagnostics as text: one block per diagnostic, the place and the rule, then the
/// line it points at, the message and whatever else it carries.
fn render(run: &Run) -> String {
    let mut out = String::new();
    for (i, d) in run.report.diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        render_one(&mut out, d, &run.texts);
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, texts: &BTreeMap<String, String>) {
    let _ = writeln!(
        out,
        "{} {} {}",
        place(&d.primary),
        d.code(),
        d.severity.as_str()
    );
    excerpt(out, &d.primary, texts);
    field(out, "", &d.message);
    if let Some(path) = d.path() {
        field(out, "path: ", path);
    }
    if let Some(env) = &d.env {
        field(out, "env: ", env);
    }
    if let Some(copilot) = &d.copilot_error {
        field(out, "copilot: ", copilot);
    }
    if let Some(help) = &d.help {
        field(out, "help: ", help);
    }
    for label in &d.secondary {
        let mut line = format!("see {}", place(label));
        if let Some(path) = &label.path {
            let _ = write!(line, " ({path})");
        }
        if let Some(message) = &label.message {
            let _ = write!(line, ": {message}");
        }
        field(out, "", &line);
        excerpt(out, label, texts);
    }
}

fn place(label: &Label) -> String {
    let file = if label.file.is_empty() {
        "<workspace>"
    } else {
        &label.file
    };
    format!("{file}:{}:{}", label.position.line, label.position.column)
}

/// Indented, continuation lines too.
fn field(out: &mut String, prefix: &str, text: &str) {
    let mut lines = text.lines();
    let _ = writeln!(out, "  {prefix}{}", lines.next().unwrap_or(""));
    for line in lines {
        let _ = writeln!(out, "    {line}");
    }
}

/// The line the label starts on, with carets under its span (to the end of that line).
fn excerpt(out: &mut String, label: &Label, texts: &BTreeMap<String, String>) {
    let Some(text) = texts.get(&label.file) else {
        return;
    };
    let start = label.span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = label.span.end.clamp(start, line_end);
    let line = &text[line_start..line_end];
    let before = text[line_start..start].chars().count();
    let width = text[start..end].chars().count().max(1);
    let number = label.position.line.to_string();
    let _ = writeln!(out, "  {number} | {line}");
    let _ = writeln!(
        out,
        "  {} | {}{}",
        " ".repeat(number.len()),
        " ".repeat(before),
        "^".repeat(width)
    );
}

/// Asserts `text` against `<dir>/<name>.snap`; `Err` when it does not match.
fn snapshot(dir: &Path, name: &str, rule: Rule, input: &Path, text: &str) -> Result<(), String> {
    let caught = std::panic::catch_unwind(|| {
        insta::with_settings!({
            snapshot_path => dir,
            prepend_module_to_snapshot => false,
            omit_expression => true,
            input_file => input,
            description => format!("{}: {}", rule.code(), rule.summary()),
        }, {
            insta::assert_snapshot!(name, text);
        });
    });
    caught.map_err(|_| format!("{name}.snap does not match (see the diff above)"))
}

#[test]
fn every_folder_is_a_rule_and_every_rule_has_a_folder() {
    let mut problems = Vec::new();
    let folders = folders();
    for (name, path) in &folders {
        if !path.is_dir() {
            problems.push(format!("{name}: not a fixture folder"));
        } else if Rule::from_code(name).is_none() {
            problems.push(format!("{name}: no rule has this code"));
        }
    }
    for rule in Rule::ALL {
        if !folders.iter().any(|(name, _)| name == rule.code()) {
            problems.push(format!(
                "{}: no fixture folder tests/fixtures/{}/",
                rule.code(),
                rule.code()
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn every_fixture_reports_its_rule_and_matches_its_snapshots() {
    let mut problems = Vec::new();
    for rule in Rule::ALL {
        let dir = fixtures_dir().join(rule.code());
        if !dir.is_dir() {
            continue; // reported by the test above
        }
        if let Err(e) = check(*rule, &dir) {
            problems.extend(e.into_iter().map(|e| format!("{}: {e}", rule.code())));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// Everything wrong with one rule's fixture folder.
fn check(rule: Rule, dir: &Path) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let known = [
            "invalid.yml",
            "valid.yml",
            "invalid",
            "valid",
            "invalid.json",
            "valid.json",
            "invalid.snap",
            "valid.snap",
        ];
        if name.ends_with(".snap.new") {
            problems.push(format!(
                "{name}: a pending snapshot; review it (cargo insta review) or delete it"
            ));
        } else if !known.contains(&name.as_str()) {
            problems.push(format!("{name}: not a fixture input or snapshot"));
        }
    }

    match run(dir, Kind::Invalid) {
        Err(e) => problems.push(e),
        Ok(invalid) => {
            let own: Vec<&Diagnostic> = invalid
                .report
                .diagnostics
                .iter()
                .filter(|d| d.rule == rule)
                .collect();
            if own.is_empty() {
                problems.push(format!(
                    "the invalid input reports no {}; it reports [{}]",
                    rule.code(),
                    codes(&invalid.report)
                ));
            } else if !own.iter().any(|d| d.severity == rule.severity()) {
                problems.push(format!(
                    "the invalid input reports {} only at another severity than its default ({})",
                    rule.code(),
                    rule.severity().as_str()
                ));
            }
            let text = render(&invalid);
            if let Err(e) = snapshot(dir, "invalid", rule, &invalid.input, &text) {
                problems.push(e);
            }
        }
    }

    match run(dir, Kind::Valid) {
        Err(e) => problems.push(e),
        Ok(valid) => {
            let report = &valid.report;
            if report.diagnostics.iter().any(|d| d.rule == rule) {
                problems.push(format!(
                    "the valid input reports {} itself: [{}]",
                    rule.code(),
                    codes(report)
                ));
            } else if report
                .diagnostics
                .iter()
                .any(|d| d.severity != Severity::Info)
            {
                problems.push(format!(
                    "the valid input has errors or warnings of other rules: [{}]",
                    codes(report)
                ));
            }
            if report.diagnostics.is_empty() {
                if dir.join("valid.snap").exists() {
                    problems.push(
                        "valid.snap is stale: the valid input reports nothing; delete it".into(),
                    );
                }
            } else if let Err(e) = snapshot(dir, "valid", rule, &valid.input, &render(&valid)) {
                problems.push(e);
            }
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn codes(report: &Report) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code(), d.severity.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}
