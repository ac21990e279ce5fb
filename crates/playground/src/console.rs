//! The Console pane: what `copilot-manifest check` prints for this workspace, as plain text.
//!
//! The CLI renders diagnostics with annotate-snippets (crates/cli/src/human.rs); this is the same
//! layout written out by hand (rustc style: title, `-->` location, the source line with carets,
//! notes), then the CLI's endpoint tables and its totals line, so the wasm does not carry a
//! renderer crate. Pure text: the pane shows it in a `<pre>`.

use std::fmt::Write;

use copilot_manifest::{ColumnUnit, Diagnostic, Report, Severity, SourceFile};

/// The whole console text.
pub fn render(report: &Report, files: &[SourceFile], unit: ColumnUnit) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        diagnostic(&mut out, d, files, unit);
        out.push('\n');
    }
    out.push_str(&copilot_manifest::text::endpoint_tables(report));
    let _ = writeln!(out, "{}", copilot_manifest::text::summary(report));
    out
}

/// The character index in `line` of a 1-based column counted in `unit`.
fn char_index(line: &str, column: u32, unit: ColumnUnit) -> usize {
    let want = column.saturating_sub(1) as usize;
    match unit {
        ColumnUnit::Utf16 => {
            let mut units = 0;
            for (i, c) in line.chars().enumerate() {
                if units >= want {
                    return i;
                }
                units += c.len_utf16();
            }
            line.chars().count()
        }
        _ => want.min(line.chars().count()),
    }
}

fn diagnostic(out: &mut String, d: &Diagnostic, files: &[SourceFile], unit: ColumnUnit) {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let env = d
        .env
        .as_ref()
        .map(|e| format!(" (environment {e})"))
        .unwrap_or_default();
    let _ = writeln!(out, "{level}[{}]: {}{env}", d.code(), d.message);
    let source = files
        .iter()
        .find(|f| f.path == d.file())
        .and_then(|f| f.text.lines().nth(d.line().saturating_sub(1) as usize));
    let number = d.line().to_string();
    let pad = " ".repeat(number.len());
    match source {
        Some(line) => {
            let _ = writeln!(out, "{pad}--> {}:{}:{}", d.file(), d.line(), d.column());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {line}");
            let start = char_index(line, d.column(), unit);
            let end = if d.primary.position.end_line == d.line() {
                char_index(line, d.primary.position.end_column, unit)
            } else {
                line.chars().count()
            };
            let carets = "^".repeat(end.saturating_sub(start).max(1));
            let label = d.path().unwrap_or("");
            let marks = format!("{}{carets} {label}", " ".repeat(start));
            let _ = writeln!(out, "{pad} | {}", marks.trim_end());
            let _ = writeln!(out, "{pad} |");
        }
        None if !d.file().is_empty() => {
            let _ = writeln!(out, "{pad}= note: in {}", d.file());
        }
        None => {}
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
        let text = render(&report, &files, ColumnUnit::Utf16);
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
    fn utf16_columns_become_characters() {
        assert_eq!(char_index("a😀b", 4, ColumnUnit::Utf16), 2);
        assert_eq!(char_index("a😀b", 3, ColumnUnit::Chars), 2);
        assert_eq!(char_index("ab", 9, ColumnUnit::Utf16), 2);
    }
}
