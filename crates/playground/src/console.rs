//! The Console pane: what `copilot-manifest check` prints for this workspace, as plain text.
//!
//! The CLI renders diagnostics with annotate-snippets (crates/cli/src/human.rs); this is the same
//! layout written out by hand (rustc style: title, `-->` location, the source line with carets,
//! notes), then the CLI's endpoint tables and its totals line, so the wasm does not carry a
//! renderer crate. Pure text: the pane shows it in a `<pre>`.

use std::fmt::Write;

use copilot_manifest::syntax::LineIndex;
use copilot_manifest::{ColumnUnit, Diagnostic, Label, Report, SourceFile};

/// The whole console text.
pub fn render(report: &Report, files: &[SourceFile]) -> String {
    let mut out = String::new();
    // One line index per file, however many diagnostics it has.
    let indexes: Vec<(&SourceFile, LineIndex<'_>)> =
        files.iter().map(|f| (f, LineIndex::new(&f.text))).collect();
    for d in &report.diagnostics {
        diagnostic(&mut out, d, &indexes);
        out.push('\n');
    }
    out.push_str(&copilot_manifest::text::endpoint_tables(report));
    let _ = writeln!(out, "{}", copilot_manifest::text::summary(report));
    out
}

/// Where a label's byte span sits in its file: the 1-based line, the line's text, and the
/// character range of the span within that line (to the line's end when it runs past it).
/// Columns are counted in characters, as the CLI prints them, whatever unit the Report uses;
/// the core's `LineIndex` does the counting, as it does for the Report.
fn locate<'t>(
    index: &LineIndex<'t>,
    text: &'t str,
    label: &Label,
) -> Option<(usize, &'t str, usize, usize)> {
    let (line, column) = index.position(label.span.start, ColumnUnit::Chars);
    let (end_line, end_column) = index.position(label.span.end, ColumnUnit::Chars);
    let source = text
        .lines()
        .nth(line.checked_sub(1)? as usize)
        .unwrap_or("");
    let source = source.trim_end_matches('\r');
    let width = source.chars().count();
    let from = (column as usize).saturating_sub(1).min(width);
    let to = if end_line == line {
        (end_column as usize).saturating_sub(1).clamp(from, width)
    } else {
        width
    };
    Some((line as usize, source, from, to))
}

fn diagnostic(out: &mut String, d: &Diagnostic, files: &[(&SourceFile, LineIndex<'_>)]) {
    let level = d.severity.as_str();
    let env = d
        .env
        .as_ref()
        .map(|e| format!(" (environment {e})"))
        .unwrap_or_default();
    let _ = writeln!(out, "{level}[{}]: {}{env}", d.code(), d.message);
    let at = |label: &Label| {
        let (file, index) = files.iter().find(|(f, _)| f.path == label.file)?;
        locate(index, &file.text, label)
    };
    let primary = at(&d.primary);
    let number = primary.map_or(d.line() as usize, |p| p.0).to_string();
    let pad = " ".repeat(number.len());
    match primary {
        Some((_, line, from, to)) => {
            let _ = writeln!(out, "{pad}--> {}:{number}:{}", d.file(), from + 1);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {line}");
            let carets = "^".repeat(to.saturating_sub(from).max(1));
            let label = d.path().unwrap_or("");
            let marks = format!("{}{carets} {label}", " ".repeat(from));
            let _ = writeln!(out, "{pad} | {}", marks.trim_end());
            let _ = writeln!(out, "{pad} |");
        }
        None if !d.file().is_empty() => {
            let _ = writeln!(out, "{pad}= note: in {}", d.file());
        }
        None => {}
    }
    // Other places that explain the finding (another service publishing the same alias).
    for l in &d.secondary {
        let place = at(l).map_or_else(String::new, |(n, _, from, _)| format!(":{n}:{}", from + 1));
        let what = l.message.as_deref().unwrap_or("see also");
        let _ = writeln!(out, "{pad}= note: {}{place}: {what}", l.file);
    }
    if let Some(copilot) = &d.copilot_error {
        let _ = writeln!(out, "{pad}= note: copilot would say: {copilot}");
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad}= help: {help}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copilot_manifest::Workspace;

    #[test]
    fn kudos_with_a_quoted_port() {
        let mut files = crate::examples::kudos();
        files[0].text = files[0].text.replace("port: 80", "port: \"80\"");
        let ws = Workspace {
            files: files.clone(),
            column_unit: ColumnUnit::Utf16,
            ..Workspace::default()
        };
        let report = copilot_manifest::analyze(&ws);
        let text = render(&report, &files);
        assert!(text.contains("error[wrong-type]: "), "{text}");
        let line = files[0]
            .text
            .lines()
            .position(|l| l.contains("port: \"80\""))
            .unwrap()
            + 1;
        assert!(
            text.contains(&format!(" --> copilot/api/manifest.yml:{line}:9\n")),
            "{text}"
        );
        assert!(
            text.contains(&format!("{line} |   port: \"80\"\n")),
            "{text}"
        );
        assert!(text.contains("  |         ^^^^ image.port\n"), "{text}");
        assert!(text.contains("= note: copilot would say: "), "{text}");
        assert!(text.contains("environment test: namespace test.kudos.local\n"));
        assert!(text.contains("  SERVICE    TYPE"), "{text}");
        assert!(text.contains("    api -> front-end: http://front-end (Service Connect)\n"));
        assert!(text.ends_with("1 error, 0 warnings\n"), "{text}");
    }

    #[test]
    fn carets_count_characters_from_the_byte_span() {
        let text = "name: \u{1F600}x\nport: \"80\"\n";
        let start = text.find("x").unwrap();
        let label =
            copilot_manifest::Label::new("f", copilot_manifest::Span::new(start, start + 1));
        let index = LineIndex::new(text);
        assert_eq!(
            locate(&index, text, &label),
            Some((1, "name: \u{1F600}x", 7, 8))
        );
        let start = text.find("\"80\"").unwrap();
        let label =
            copilot_manifest::Label::new("f", copilot_manifest::Span::new(start, start + 4));
        assert_eq!(
            locate(&index, text, &label),
            Some((2, "port: \"80\"", 6, 10))
        );
        // A span past the end of the text stays inside it.
        let label = copilot_manifest::Label::new("f", copilot_manifest::Span::new(999, 1000));
        assert_eq!(locate(&index, text, &label).map(|l| l.0), Some(3));
    }

    #[test]
    fn an_alias_collision_names_the_other_service() {
        let files = vec![
            SourceFile::new("copilot/.workspace", "application: kudos\n"),
            SourceFile::new(
                "copilot/environments/test/manifest.yml",
                "name: test\ntype: Environment\n",
            ),
            SourceFile::new(
                "copilot/a/manifest.yml",
                "name: a\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: shared\n",
            ),
            SourceFile::new(
                "copilot/b/manifest.yml",
                "name: b\ntype: Backend Service\nimage:\n  build: Dockerfile\n  port: 80\nnetwork:\n  connect:\n    alias: shared\n",
            ),
        ];
        let report = copilot_manifest::analyze(&Workspace {
            files: files.clone(),
            ..Workspace::default()
        });
        let text = render(&report, &files);
        assert!(
            text.contains("= note: copilot/b/manifest.yml:8:5: b publishes `shared` too"),
            "{text}"
        );
    }
}
