//! rustc-style output: each diagnostic as a snippet of its file, then the endpoints per
//! environment and who reaches whom.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use copilot_manifest::text::endpoint_tables;
use copilot_manifest::{Diagnostic, Label, Report, Severity, Workspace};
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
    let text_of = |path: &str| {
        ws.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    };
    // Spans are byte ranges of the file's text: no positions are re-derived here.
    let range = |text: &str, label: &Label| {
        let end = label.span.end.min(text.len());
        label.span.start.min(end)..end
    };
    let title = level.primary_title(title).id(d.code());
    let file = d.file();
    let mut group = if let Some(text) = text_of(file) {
        let mut snippet = Snippet::source(text).path(file).fold(true).annotation(
            AnnotationKind::Primary
                .span(range(text, &d.primary))
                .label(d.path().unwrap_or("")),
        );
        // Secondary labels in the same file join its snippet.
        for l in d.secondary.iter().filter(|l| l.file == file) {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(range(text, l))
                    .label(l.message.as_deref().unwrap_or("")),
            );
        }
        Group::with_title(title).element(snippet)
    } else if !file.is_empty() {
        Group::with_title(title).element(Level::NOTE.message(format!("in {file}")))
    } else {
        Group::with_title(title)
    };
    // Those in other files (the other service of an alias collision) get a snippet each.
    for l in d.secondary.iter().filter(|l| l.file != file) {
        if let Some(text) = text_of(&l.file) {
            group = group.element(
                Snippet::source(text)
                    .path(l.file.as_str())
                    .fold(true)
                    .annotation(
                        AnnotationKind::Context
                            .span(range(text, l))
                            .label(l.message.as_deref().unwrap_or("")),
                    ),
            );
        }
    }
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
