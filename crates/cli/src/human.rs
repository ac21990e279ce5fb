//! rustc-style output: each diagnostic as a snippet of its file, then the endpoints per
//! environment and who reaches whom.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use copilot_manifest::text::endpoint_tables;
use copilot_manifest::{Diagnostic, Report, Severity, Workspace};
use std::fmt::Write as _;
use std::io::IsTerminal;

pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

pub fn render(report: &Report, ws: &Workspace, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        let _ = writeln!(out, "{}\n", render_diagnostic(d, ws, &renderer));
    }
    out.push_str(&endpoint_tables(report));
    let _ = writeln!(out, "{}", copilot_manifest::text::summary(report));
    out
}

fn render_diagnostic(d: &Diagnostic, ws: &Workspace, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let env = d
        .env
        .as_ref()
        .map(|e| format!(" (environment {e})"))
        .unwrap_or_default();
    let title = format!("{}{env}", d.message);
    let text = ws
        .files
        .iter()
        .find(|f| f.path == d.file())
        .map(|f| f.text.as_str());
    let title = level.primary_title(title).id(d.code());
    let group = if let Some(text) = text {
        let start = offset_of(text, d.line(), d.column());
        let end = offset_of(
            text,
            d.primary.position.end_line,
            d.primary.position.end_column,
        )
        .max(start);
        Group::with_title(title).element(
            Snippet::source(text).path(d.file()).fold(true).annotation(
                AnnotationKind::Primary
                    .span(start..end)
                    .label(d.path().unwrap_or("")),
            ),
        )
    } else if !d.file().is_empty() {
        Group::with_title(title).element(Level::NOTE.message(format!("in {}", d.file())))
    } else {
        Group::with_title(title)
    };
    let mut report = vec![group];
    if let Some(copilot) = &d.copilot_error {
        report.push(Group::with_title(
            Level::NOTE.secondary_title(format!("copilot would say: {copilot}")),
        ));
    }
    if let Some(help) = &d.help {
        report.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    renderer.render(&report)
}

/// The byte offset of a 1-based line and a column counted in Unicode scalar values.
fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text.get(start..).and_then(|rest| rest.find('\n')) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = text.get(start..).unwrap_or("");
    let skip = column.saturating_sub(1) as usize;
    start + rest.char_indices().nth(skip).map_or(rest.len(), |(i, _)| i)
}
